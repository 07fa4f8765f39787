#!/usr/bin/env python3
"""spec_pdf.py DIR [MIN]: every example of the CommonMark spec that `mdtool spec` typeset into
DIR/spec.pdf, each after a paragraph "§N§", gives back the words of its text (DIR/N.txt) in
order through pdftotext -raw, which keeps the content's order and every hyphen (a link's address,
printed after its text, set aside where it splits a word). Prints each failure and 'N/M
examples' at the end; fails when there are fewer than MIN examples (600, the CommonMark spec's;
the GFM spec's tables and strikethrough are 10)."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from words import in_order, split  # noqa: E402

d = sys.argv[1]
least = int(sys.argv[2]) if len(sys.argv) > 2 else 600
r = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", os.path.join(d, "spec.pdf"), "-"],
                   capture_output=True)
text = r.stdout.decode("utf-8", "replace")
failures = []
if r.returncode != 0 or r.stderr:
    failures.append(f"pdftotext: exit {r.returncode}: {r.stderr.decode()[:300]}")
parts = re.split(r"§(\d+)§", text)
got = {int(parts[i]): parts[i + 1] for i in range(1, len(parts) - 1, 2)}
n = 0
while os.path.exists(os.path.join(d, f"{n + 1}.txt")):
    n += 1
    want = split(open(os.path.join(d, f"{n}.txt"), encoding="utf-8").read())
    if n not in got:
        failures.append(f"example {n}: its label is not in the PDF")
        continue
    problem = in_order(want, split(got[n]))
    if problem:
        # a link's address, printed after its text, may stand between the text and what
        # follows it ("*bar (/uri)*" for "[foo *bar][ref]*"): again without it
        problem = in_order(want, split(re.sub(r" \([^\s()]+\)(?=\S)", "", got[n]))) and problem
    if problem:
        failures.append(f"example {n}: {problem}")
for f in failures:
    print(f)
print(f"{n - len(failures)}/{n} examples")
sys.exit(1 if failures or n < least else 0)
