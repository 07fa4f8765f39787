#!/usr/bin/env python3
"""genbig.py: session files at the loader's limits, for make bench and the robustness tests.

    python3 tests/genbig.py SHAPE FILE

SHAPE is one of:

    membri   1,000 members (the limit) and 1,000 votes, each `favorevoli: tutti`
    voti     19 members and 10,000 votes (the limit), each `favorevoli: tutti`
    grande   a 16 MiB file within the limits: 1,000 acts of 16.7 KB of text each (paragraphs
             of about 1 KB, under the 64 KB limit of a string), with one vote each

Every file is a valid session: `verbale check` reports neither errors nor warnings. The output
is the same on every run. Python 3 standard library only.
"""

import sys

HEAD = """versione: 1
ente: Comune di Prova
organo: Consiglio comunale
regole:
  base: tuel
seduta:
  data: 2024-04-18
  ora: "18:30"
  presidente: Cognome0
  segretario:
    nome: Anna
    cognome: Rossi
    qualifica: Segretario comunale
"""

FIRME = """firme:
  - qualifica: Il Presidente
    nome: Nome0 Cognome0
  - qualifica: Il Segretario comunale
    nome: Anna Rossi
"""

PARAGRAPH = (
    "Premesso che l'art. {n} del D.Lgs. 18 agosto 2000, n. 267 dispone che la dimostrazione "
    "dei risultati di gestione avviene mediante il rendiconto, il quale comprende il conto del "
    "bilancio, il conto economico e lo stato patrimoniale, e che esso è deliberato dall'organo "
    "consiliare entro il 30 aprile dell'anno successivo; visto il parere favorevole "
    "dell'Organo di revisione economico-finanziaria, reso con verbale n. {n} del 2 aprile "
    "2024, nel quale si attesta la corrispondenza del rendiconto alle risultanze della "
    "gestione; dato atto che sono stati espressi i pareri favorevoli di regolarità tecnica e "
    "contabile ai sensi dell'art. 49 del medesimo decreto dal Responsabile del Servizio "
    "finanziario, e che la proposta è stata esaminata dalla Commissione consiliare competente "
    "nella seduta del {n} aprile 2024, che ha espresso parere favorevole a maggioranza."
)


def members(w, n):
    w("componenti:\n")
    for i in range(n):
        w("  - {cognome: Cognome%d, nome: Nome%d, ruolo: %s}\n"
          % (i, i, "Sindaco" if i == 0 else "Consigliere"))


def votes(w, members_n, votes_n):
    w(HEAD)
    members(w, members_n)
    w("deliberazioni:\n")
    w('  - numero: "1"\n    oggetto: Emendamenti al bilancio di previsione\n    votazioni:\n')
    for v in range(votes_n):
        w("      - {oggetto: emendamento n. %d, favorevoli: tutti}\n" % (v + 1))
    w(FIRME)


def big(w):
    w(HEAD)
    members(w, 19)
    w("deliberazioni:\n")
    for a in range(1000):
        w('  - numero: "%d"\n' % (a + 1))
        w("    oggetto: Approvazione del rendiconto della gestione, atto n. %d\n" % (a + 1))
        w("    testo: |\n")
        for p in range(19):
            w("      " + PARAGRAPH.format(n=a * 19 + p + 1) + "\n\n")
        w("    votazioni:\n      - {oggetto: intera deliberazione, favorevoli: tutti}\n")
    w(FIRME)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("membri", "voti", "grande"):
        sys.exit("uso: genbig.py membri|voti|grande FILE")
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        if sys.argv[1] == "membri":
            votes(f.write, 1000, 1000)
        elif sys.argv[1] == "voti":
            votes(f.write, 19, 10000)
        else:
            big(f.write)


main()
