#!/usr/bin/env python3
"""embed_check.py PDF: the PDF/A-3 associated files of a render --incorpora, read with qpdf.

No validator here checks PDF/A-3, so this checks what the issue asks, and exits 1 with a line per
problem: the header is PDF 1.7; the XMP says pdfaid:part 3, conformance B; the catalogue's /AF
lists exactly the file specifications of its /Names /EmbeddedFiles name tree, whose keys are
sorted; each file specification has /Type /Filespec, /F and /UF (the same base name), /Desc,
/AFRelationship /Source or /Data, /EF /F an /EmbeddedFile stream with a MIME /Subtype and
/Params /ModDate and /Size (its length). Prints one line per file, in the tree's order:
"NAME MIME RELATIONSHIP DESC". With --none: nothing embedded (no /AF, no /EmbeddedFiles, part 1).
"""
import base64
import json
import re
import subprocess
import sys


def text(v):
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:]
    if isinstance(v, str) and v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        return b[2:].decode("utf-16-be") if b.startswith(b"\xfe\xff") else b.decode("latin-1")
    return None


def main():
    none = "--none" in sys.argv
    path = [a for a in sys.argv[1:] if a != "--none"][0]
    j = json.loads(subprocess.run(
        ["qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline",
         "--decode-level=generalized", path], capture_output=True, check=True).stdout)
    head, objs = j["qpdf"]
    bad = []

    def get(ref):
        o = objs.get("obj:" + ref) if isinstance(ref, str) else None
        if o is None:
            return ref
        return o.get("value", o)

    root = get(objs["trailer"]["value"]["/Root"])
    md = get(root["/Metadata"])
    xmp = base64.b64decode(md["stream"]["data"]).decode("utf-8")
    part = re.search(r"pdfaid:part='(\d)'", xmp)
    conf = re.search(r"pdfaid:conformance='(\w)'", xmp)
    names = get(root.get("/Names", {})) or {}
    if none:
        if "/AF" in root or "/EmbeddedFiles" in names:
            bad.append("something is embedded")
        if not part or part.group(1) != "1":
            bad.append("the XMP does not say pdfaid:part 1")
    else:
        if head["pdfversion"] != "1.7":
            bad.append("the header says PDF %s, not 1.7" % head["pdfversion"])
        if not part or part.group(1) != "3" or not conf or conf.group(1) != "B":
            bad.append("the XMP does not say pdfaid:part 3, conformance B")
        af = root.get("/AF", [])
        tree = get(names.get("/EmbeddedFiles", {})).get("/Names", [])
        keys, specs = tree[0::2], tree[1::2]
        raw = [text(k).encode("utf-16-be") if any(ord(c) > 126 for c in text(k)) else text(k).encode() for k in keys]
        if raw != sorted(raw):
            bad.append("the name tree's keys are not sorted")
        if sorted(af) != sorted(specs) or len(af) != len(set(af)):
            bad.append("/AF is not the name tree's file specifications")
        if not specs:
            bad.append("no embedded file")
        for ref in specs:
            fs = get(ref)
            name, uf, desc = text(fs.get("/F")), text(fs.get("/UF")), text(fs.get("/Desc"))
            rel = fs.get("/AFRelationship", "")
            if fs.get("/Type") != "/Filespec" or not name or name != uf or "/" in name or not desc:
                bad.append("%s: /Type, /F, /UF or /Desc wrong" % ref)
            if rel not in ("/Source", "/Data"):
                bad.append("%s: /AFRelationship %s" % (ref, rel))
            ef = get(fs.get("/EF", {}).get("/F"))
            d = ef.get("stream", {}).get("dict", {}) if isinstance(ef, dict) else {}
            data = base64.b64decode(ef["stream"].get("data", "")) if d else b""
            mime = d.get("/Subtype", "")[1:]
            params = d.get("/Params", {})
            if d.get("/Type") != "/EmbeddedFile" or not re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", mime):
                bad.append("%s: not an /EmbeddedFile with a MIME /Subtype" % name)
            if not re.fullmatch(r"D:\d{14}.*", text(params.get("/ModDate")) or "") or params.get("/Size") != len(data):
                bad.append("%s: /Params /ModDate or /Size wrong" % name)
            print(name, mime, rel[1:], desc)
    for b in bad:
        print("embed_check: " + b, file=sys.stderr)
    sys.exit(1 if bad else 0)


main()
