#!/usr/bin/env python3
"""embedded_fonts.py FILE.pdf: for each font file the PDF embeds (/FontFile2), one line
"POSTSCRIPTNAME FONTVERSION", as fc-query reads them from the embedded bytes (the subset keeps
the name and head tables, so fontversion is the installed file's head.fontRevision, 16.16);
sorted, each once. Exits 1 when qpdf or fc-query fails, or the PDF embeds no font file."""
import json
import os
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: embedded_fonts.py FILE.pdf")
    pdf = sys.argv[1]
    objs = json.loads(subprocess.run(["qpdf", "--json=2", "--json-key=qpdf", pdf],
                                     check=True, capture_output=True).stdout)["qpdf"][1]
    files = set()
    for value in objs.values():
        d = value.get("value") if isinstance(value, dict) else None
        if isinstance(d, dict) and d.get("/Type") == "/FontDescriptor" and "/FontFile2" in d:
            files.add(d["/FontFile2"].split()[0])
    if not files:
        sys.exit(f"{pdf}: no /FontFile2")
    lines = set()
    with tempfile.TemporaryDirectory() as tmp:
        for num in sorted(files, key=int):
            path = os.path.join(tmp, f"{num}.ttf")
            with open(path, "wb") as f:
                f.write(subprocess.run(["qpdf", f"--show-object={num}", "--filtered-stream-data", pdf],
                                       check=True, capture_output=True).stdout)
            got = subprocess.run(["fc-query", "-f", "%{postscriptname} %{fontversion}\n", path],
                                 check=True, capture_output=True, text=True).stdout.split("\n")[0]
            if not got.strip():
                sys.exit(f"{pdf}: fc-query reads nothing in object {num}")
            lines.add(got)
    print("\n".join(sorted(lines)))


main()
