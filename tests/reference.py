#!/usr/bin/env python3
"""reference.py REFERENCE.txt MINUTES.md: the minutes verbale writes for the reference sample say
what the real minutes say. From the reference text it takes the roll call (the 19 people) and,
for each of the three vote blocks, every figure, every name list and the outcome sentence; each
must appear in MINUTES.md in the same order (the reference's misspelling 'Cagno' read as 'Cogno',
the member of the roll call). It checks names, figures and outcomes, not punctuation: a figure
may follow its label with a colon, an equals sign or neither, and a name list's separator may be
a hyphen or an en dash. Prints one line per failure and 'N/N' at the end."""
import re
import sys

# Typographic quotes and apostrophes (stile.yaml's virgolette) compare as straight ones.
FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"',
                      "\u00bb": '"'})
# either dash separates the names of a list
ref = open(sys.argv[1], encoding="utf-8").read().translate(FOLD).replace(" \u2013 ", " - ")
out = open(sys.argv[2], encoding="utf-8").read().translate(FOLD).replace(" \u2013 ", " - ")
flat = re.sub(r"\s+", " ", out.replace("*", "").replace("\\", ""))

want = []
# The roll call: "Sono intervenuti il Sindaco Metropolitano Stefano LO RUSSO e i Consiglieri:"
m = re.search(r"Sono intervenuti il .*? ([A-Z][a-z]+ [A-Z' ]+?) e i Consiglieri:\s*\n\s*\n(.*?)\n", ref)
people = [m.group(1)] + [p.strip() for p in m.group(2).split(" - ")]
# Vote blocks: from "pone ai voti" to "risulta approvato."
blocks = re.findall(r"pone ai voti(.*?)risulta approvato\.", ref, re.S)
failures, checks = [], 0
for p in people:
    checks += 1
    if p not in out:
        failures.append(f"roll call: {p!r} missing")
if len(people) != 19:
    failures.append(f"roll call: {len(people)} people in the reference, 19 expected")
pos = 0
# In each vote block, what the minutes must say in the same order: every figure (a label and its
# number, with or without a colon or an equals sign between them), every name list (the names in
# order, either dash between them) and the outcome; not the reference's punctuation.
FIGURE = r"(Non partecipa al voto|Non partecipano al voto|Presenti|Votanti|Favorevoli|Contrari|Astenuti)\s*[:=]?\s*(\d+)"
for i, b in enumerate(blocks, 1):
    b = b.replace("*", "").replace("Cagno", "Cogno")
    items = []
    for m in re.finditer(FIGURE + r"|\(([A-Z][^()]*)\)\.", b):
        if m.group(1):
            items.append((f"{m.group(1)} {m.group(2)}",
                          re.escape(m.group(1)) + r"\s*[:=]?\s*" + m.group(2) + r"\b"))
        else:
            names = [n.strip() for n in m.group(3).split(" - ")]
            items.append((f"({m.group(3)})", r"\(" + r"\s*[-\u2013]\s*".join(map(re.escape, names)) + r"\)"))
    outcome = re.search(r"(Il punto \d+ del dispositivo)\s*$", b).group(1) + " risulta approvato."
    items.append((outcome, re.escape(outcome)))
    for shown, pattern in items:
        checks += 1
        k = re.compile(pattern).search(flat, pos)
        if k is None:
            failures.append(f"vote {i}: {shown!r} not found after offset {pos}")
        else:
            pos = k.end()
if len(blocks) != 3:
    failures.append(f"{len(blocks)} vote blocks found in the reference, 3 expected")
for f in failures:
    print(f)
print(f"{checks - len(failures)}/{checks}")
sys.exit(1 if failures else 0)
