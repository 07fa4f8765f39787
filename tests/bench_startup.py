#!/usr/bin/env python3
"""bench_startup.py N COMMAND...: run COMMAND N times, one process after the other, and print
the median CPU (user + system, from wait4's rusage: microseconds, not /usr/bin/time's
hundredths) and the median wall time of one run, in milliseconds: "CPU WALL". The command's
exit status is not checked (make bench runs one that rejects its input on purpose)."""
import os
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: bench_startup.py N COMMAND...")
    n = int(sys.argv[1])
    cpu, wall = [], []
    for _ in range(n):
        start = time.perf_counter()
        p = subprocess.Popen(sys.argv[2:], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        _, _, ru = os.wait4(p.pid, 0)
        wall.append(time.perf_counter() - start)
        p.returncode = 0  # reaped here
        cpu.append(ru.ru_utime + ru.ru_stime)
    print(f"{statistics.median(cpu) * 1000:.2f} {statistics.median(wall) * 1000:.2f}")


main()
