#!/usr/bin/env python3
"""big_seeds.py STYLE DIR: seeds for the big fuzz pass (run.sh), written into DIR/TARGET/.

Inputs of up to 2 MiB at and just past each of verbale's size limits, which mutations of the
small seeds would take long to reach: 1,000 and 1,001 members (LOAD_MAX_MEMBERS), 10,000 and
10,001 votes (LOAD_MAX_VOTES), a value of 1 MiB and one byte more (LOAD_MAX_STRING), 64 and 65
levels of nesting (LOAD_MAX_DEPTH), 2,000 and 2,001 movimenti, 100 and 101 allegati, aliases
near LOAD_MAX_ALIAS; long Markdown, and at markdown_check's limits; long templates; large PNGs (IMAGE_MAX_PIXELS); a style file
at and past its 1 MiB. Each runs well within the big pass's 5 s under the sanitizers, so that
the pass's time goes to mutating them. STYLE is templates/stile.yaml. The same seeds every run.
"""
import os
import struct
import sys
import zlib

style_path, out = sys.argv[1], sys.argv[2]
MIB = 1024 * 1024


def write(target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert len(data) <= 2 * MIB, (name, len(data))
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)


HEAD = """ente: Comune di Prova
organo: Consiglio comunale
seduta: {data: 2024-03-01, ora: "18:00", presidente: C0, segretario: {nome: Anna, cognome: Neri}}
"""
SIGN = "firme: [{qualifica: Il Presidente, nome: N C0}]\n"


def members(n):
    return "componenti:\n" + "".join("  - {cognome: C%d, nome: N}\n" % i for i in range(n))


def act(body="", votes="    votazioni: [{oggetto: v, favorevoli: tutti}]\n", num="1"):
    return '  - numero: "%s"\n    oggetto: O\n    dispositivo: [d]\n%s%s' % (num, body, votes)


# --- pipeline: the session file --------------------------------------------------------------
for n in (1000, 1001):
    write("pipeline", "componenti-%d.yaml" % n, HEAD + members(n) + "deliberazioni:\n" + act() + SIGN)
# votes in the whole sitting: 100 acts of 100 votes, and one more
for extra in (0, 1):
    acts = "".join(
        act(votes="    votazioni:\n" + "      - {oggetto: v, favorevoli: tutti}\n" * (100 + (extra if i == 0 else 0)),
            num=str(i + 1))
        for i in range(100))
    write("pipeline", "votazioni-%d.yaml" % (10000 + extra), HEAD + members(3) + "deliberazioni:\n" + acts + SIGN)
# one value of 1 MiB (a YAML comment's worth of text in oggetto would be typeset: keep it in
# a key the templates do not print, seduta's luogo) and one byte more
for n in (MIB, MIB + 1):
    write("pipeline", "valore-%d.yaml" % n,
          HEAD.replace('ora: "18:00"', 'ora: "18:00", luogo: "%s"' % ("x" * n)) + members(3) +
          "deliberazioni:\n" + act() + SIGN)
# nesting: flow sequences in dispositivo as deep as allowed and one deeper
for n in (61, 62):
    write("pipeline", "profondita-%d.yaml" % n,
          HEAD + members(3) + "deliberazioni:\n" + act(body="    discussione: " + "[" * n + "x" + "]" * n + "\n") + SIGN)
# movimenti and allegati at and past their limits
for n in (2000, 2001):
    moves = "movimenti:\n" + "".join(
        "  - {componente: C1, %s: {dopo_la_votazione: 1}}\n" % ("esce" if i % 2 == 0 else "entra")
        for i in range(n))
    write("pipeline", "movimenti-%d.yaml" % n, HEAD + members(3) + moves + "deliberazioni:\n" + act() + SIGN)
for n in (100, 101):
    write("pipeline", "allegati-%d.yaml" % n,
          HEAD + members(3) + "deliberazioni:\n" +
          act(body="    allegati:\n" + "".join("      - {titolo: A%d, file: a.md}\n" % i for i in range(n))) + SIGN)
# aliases: one anchored list of 1,000 values, aliased 99 and 101 times (LOAD_MAX_ALIAS 100,000)
for n in (99, 101):
    write("pipeline", "alias-%d.yaml" % n,
          HEAD + members(3) + "x-elenco: &e [" + ", ".join("v%d" % i for i in range(1000)) + "]\n" +
          "x-copie: [" + ", ".join(["*e"] * n) + "]\n" + "deliberazioni:\n" + act() + SIGN)

# --- markdown: long text, deep structure, markdown_check's limits ----------------------------
para = ("Il Consiglio comunale, vista la proposta di deliberazione e uditi gli interventi dei "
        "consiglieri, approva il regolamento con le modifiche lette in aula.\n\n")
write("markdown", "lungo.md", para * (1536 * 1024 // len(para)))
write("markdown", "annidato.md", "".join("  " * (i % 40) + "- voce %d\n" % i for i in range(20000)))
write("markdown", "citazioni.md", "> " * 1000 + "testo\n" + "x" * (MIB // 2) + "\n")
for n in (2500, 2501):  # emphasis runs: MARKDOWN_MAX_EMPH is 5,000
    write("markdown", "enfasi-%d.md" % (2 * n), "*a* " * n + "\n\n" + para * 2000)
for n in (2000, 2001):  # MARKDOWN_MAX_BRACKETS
    write("markdown", "parentesi-%d.md" % n, "[a](b) " * n + "\n\n" + para * 2000)

# --- template: many sections, long text ------------------------------------------------------
write("template", "sezioni.mustache",
      "{{#lista}}{{n}}{{#ultimo}}.{{/ultimo}}{{^ultimo}}, {{/ultimo}}{{/lista}}\n" * 20000)
write("template", "testo.mustache", "{{nome}} " + "testo " * (MIB // 6))
write("template", "annidati.mustache", "{{#mappa}}" * 5000 + "{{testo}}" + "{{/mappa}}" * 5000)


# --- image: PNGs near IMAGE_MAX_PIXELS, and one of 1.5 MiB of data ---------------------------
def chunk(t, b):
    return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xFFFFFFFF)


def png(w, h, depth, ctype, rows):
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, ctype, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b""))


for h in (5000, 5001):  # 8,000 pixels wide: 40 million pixels of gray, and a row more
    write("image", "pixel-%d.png" % (8000 * h), png(8000, h, 8, 0, (b"\x00" + bytes(8000)) * h))
# 10 million pixels of gray and alpha at 16 bits: 40 MB of samples
write("image", "alfa-16bit.png", png(4000, 2500, 16, 4, (b"\x00" + bytes(16000)) * 2500))
rnd = bytearray()
x = 12345
for i in range(1200 * 600 * 2 // 1 + 600):
    x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    rnd.append(x >> 16 & 0xFF)
rows = b"".join(b"\x04" + bytes(rnd[i * 2400:(i + 1) * 2400]) for i in range(600))
write("image", "rumore.png", png(800, 600, 8, 2, rows))

# --- style: the style file at and past its 1 MiB ---------------------------------------------
style = open(style_path, encoding="utf-8").read()
fill = MIB - len(style.encode("utf-8")) - 1
write("style", "stile-1MiB.yaml", style + "#" * fill + "\n")
write("style", "stile-oltre.yaml", style + "#" * (fill + 1) + "\n")
write("style", "testata-lunga.yaml",
      style.replace('testata: "{{ente}} — {{organo}}"', 'testata: "' + "{{ente}} " * 20000 + '"'))
