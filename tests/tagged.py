#!/usr/bin/env python3
"""tagged.py ORDERED PDF MD [KIND...]: the PDF is tagged, as poppler reads it back (issue 18).

- pdfinfo says "Tagged: yes";
- the text of the logical structure (pdfinfo -struct-text), in its order, gives every word of
  the Markdown MD (4 letters or more) in order: ORDERED is ../shared/acceptance/lib/ordered.py;
- the structure has an element of each KIND asked for (H: some H1-H6; L: a list, L with LI, Lbl
  and LBody; Table: Table with TR and TH or TD; Figure: a Figure with /Alt);
- no text is drawn outside the structure but the artifacts: in every page's content, each text
  operator (Tj, TJ) is inside a marked-content sequence with an MCID, or an /Artifact.
Prints what fails; exit 1 then."""
import re
import subprocess
import sys
import tempfile

ordered, pdf, md = sys.argv[1:4]
kinds = sys.argv[4:]
bad = []

info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
if not re.search(r"(?m)^Tagged:\s+yes", info):
    bad.append("pdfinfo does not say Tagged: yes")

st = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True,
                    errors="replace").stdout
text = " ".join(re.findall(r'"((?:[^"\\]|\\.)*)"', st))
src = re.sub(r"<!--.*?-->", " ", open(md, encoding="utf-8").read(), flags=re.S)
# an image's description is its Figure's /Alt, not text (checked below)
src = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", src)
words = re.findall(r"[A-Za-zÀ-ÿ0-9]{4,}", src)
with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as t, \
        tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as w:
    t.write(text)
    t.flush()
    w.write("\n".join(re.escape(x) for x in words) + "\n")
    w.flush()
    r = subprocess.run(["python3", ordered, t.name, w.name], capture_output=True, text=True)
    if r.returncode != 0:
        bad.append("the structure's text lacks words of the Markdown: " + r.stdout.strip()[:300])

types = set(re.findall(r"(?m)^\s*([A-Z][A-Za-z0-9]*)(?: \((?:block|inline)\))?$", st))
need = {
    "H": [r"H[1-6]"],
    "L": ["L", "LI", "Lbl", "LBody"],
    "Table": ["Table", "TR", "T[HD]"],
    "Figure": ["Figure"],
}
for k in kinds:
    for t in need[k]:
        if not any(re.fullmatch(t, x) for x in types):
            bad.append(f"no {t} element in the structure (asked: {k})")

with tempfile.NamedTemporaryFile(suffix=".pdf") as q:
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, q.name], check=False)
    raw = open(q.name, "rb").read().decode("latin-1")
if "Figure" in kinds and any("/S /Figure" in o and "/Alt" not in o for o in raw.split("endobj")):
    bad.append("a Figure without /Alt")
pages = re.findall(r"%% Contents for page (\d+)\n.*?stream\n(.*?)endstream", raw, re.S)
if not pages:
    bad.append("no page content found")
for page, body in pages:
    stack = []
    for n, line in enumerate(body.split("\n"), 1):
        line = line.strip()
        if line.endswith(" BDC") or line.endswith(" BMC"):
            stack.append("MCID" in line or line.startswith("/Artifact"))
        elif line == "EMC":
            if not stack:
                bad.append(f"page {page}, line {n}: EMC without BDC")
                break
            stack.pop()
        elif (line.endswith("Tj") or line.endswith("TJ")) and not any(stack):
            bad.append(f"page {page}, line {n}: text outside the structure: {line[:60]}")
            break
    if stack:
        bad.append(f"page {page}: marked content left open")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
