#!/usr/bin/env python3
"""register_check.py CHECK.json REGISTRO.md ARCHIVE: the register that verbale batch wrote lists
every act of every session (as `verbale check --json` computes them), once per file, with the
act's outcome (`esito` of the act: its last vote of kind ordinaria). Prints
what differs and 'N acts' at the end."""
import json
import os
import re
import sys

docs = json.load(open(sys.argv[1], encoding="utf-8"))
if isinstance(docs, dict):
    docs = [docs]
archive = os.path.abspath(sys.argv[3])
want = []
for d in docs:
    rel = os.path.relpath(os.path.abspath(d["file"]), archive)
    for a in d["deliberazioni"]:
        # another kind than deliberazione: its number after its name, as render.c writes it
        kind = {"ordine_del_giorno": "OdG", "mozione": "Mozione",
                "interpellanza": "Interpellanza"}.get(a["tipo"])
        num = a["numero"] or ""
        if kind:
            num = kind + (" " + num if num else "")
        want.append((rel, num, a["esito"] or ""))

text = open(sys.argv[2], encoding="utf-8").read()
unescape = lambda s: re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", s)
got = []
for m in re.finditer(r"^\s*- \*\*.*? — atto n\. (.*?)\*\* .*?(?: — \*(.*?)\*)?\.\s*\n\s*File: (.*)$", text, re.M):
    got.append((unescape(m.group(3).strip()), unescape(m.group(1)), unescape(m.group(2) or "")))

problems = sorted(set(want) - set(got))[:5] + sorted(set(got) - set(want))[:5]
if len(want) != len(got):
    problems.append(f"{len(got)} acts in the register, {len(want)} in the archive")
for p in problems:
    print("differs:", p)
print(f"{len(want)} acts")
sys.exit(1 if problems or not want else 0)
