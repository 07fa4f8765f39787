#!/usr/bin/env python3
"""copia_leaks.py: no text listed under omissis survives in a published copy (render --copia).

Usage: copia_leaks.py OMISSIS_FILE FILE...

OMISSIS_FILE holds the texts, one a line. Each FILE is a copy's PDF, Markdown or HTML. What
is searched: of a PDF, pdftotext's text (a hyphen at a line's end joined to the next line),
every string and stream qpdf decodes (`qpdf --json --decode-level=all`, the streams' data in
base64 and the "u:" strings: the info dictionary, the outline, the XMP packet, the ToUnicode
maps) and the outline's titles; of the others, the file (HTML entities decoded). Texts and
files are compared as the copy matches: normal form C, case aside, every apostrophe alike, any
run of white space one space. Prints each leak; exit 1 when there is one.
"""
import base64
import html
import json
import re
import subprocess
import sys
import unicodedata


def norm(s):
    s = unicodedata.normalize("NFC", s).casefold()
    s = re.sub("[\u2018\u2019\u02bc\u00b4`]", "'", s)
    return re.sub(r"\s+", " ", s)


def pdf_texts(path):
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                          text=True).stdout
    yield "text", re.sub(r"-\n", "", text)
    js = subprocess.run(["qpdf", "--json", "--json-key=qpdf", "--decode-level=all",
                         "--json-stream-data=inline", path], capture_output=True, text=True).stdout
    found = []

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "data" and isinstance(v, str):
                    try:
                        found.append(base64.b64decode(v).decode("utf-8", "replace"))
                    except ValueError:
                        pass
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            found.append(x[2:] if x.startswith("u:") else x)
    walk(json.loads(js))
    if not found:
        sys.exit("%s: qpdf gave nothing" % path)
    yield "decoded strings and streams", "\n".join(found)
    out = subprocess.run(["qpdf", "--json", "--json-key=outlines", path], capture_output=True,
                         text=True).stdout
    yield "outline", "\n".join(re.findall(r'"title": "((?:[^"\\]|\\.)*)"', out))


def main():
    texts = [t.strip() for t in open(sys.argv[1], encoding="utf-8") if t.strip()]
    leaks = 0
    for path in sys.argv[2:]:
        if path.endswith(".pdf"):
            parts = list(pdf_texts(path))
        else:
            s = open(path, encoding="utf-8").read()
            parts = [("file", html.unescape(s) if path.endswith(".html") else s)]
        for what, s in parts:
            s = norm(s)
            for t in texts:
                if norm(t) in s:
                    print("%s (%s): '%s' survives" % (path, what, t))
                    leaks += 1
    sys.exit(1 if leaks else 0)


main()
