#!/usr/bin/env python3
"""lingua.py FILE...: the minutes verbale writes carry none of the known wrong forms of Italian.

Each rule is a pattern of a wrong form, the reason it is wrong, an example it must find and a
correct sentence it must leave alone (both checked first, so that a rule that cannot fire, or
fires on good Italian, fails here rather than passing in silence). The list grows with every
wrong form found in the minutes. Prints each hit as FILE:LINE: RULE: TEXT, then 'N files, N rules,
N hits'; exits 1 on any hit.
"""
import re
import sys

FEMININE_BODIES = r"(?:Giunta|Commissione|Assemblea|Conferenza|Consulta|Sottocommissione)"
MASCULINE_BODIES = r"(?:Consiglio|Comitato|Collegio|Ufficio)"
FEMININE_TITLES = r"(?:Consigliera|Assessora|Sindaca|Vicesindaca|Segretaria|Vicesegretaria)"
APOS = "['\u2019]"

RULES = [
    ("articolo maschile davanti a un organo femminile",
     r"\b(?:[Ii]l|[Dd]el|[Aa]l|[Nn]el|[Dd]al|[Ss]ul) " + FEMININE_BODIES + r"\b",
     "si è riunito il Giunta comunale", "si è riunita la Giunta comunale"),
    ("articolo femminile davanti a un organo maschile",
     r"\b(?:[Ll]a|[Dd]ella|[Aa]lla|[Nn]ella) " + MASCULINE_BODIES + r"\b",
     "i consiglieri della Consiglio", "i consiglieri del Consiglio"),
    ("participio maschile dopo un organo femminile",
     r"\briunito (?:la |l" + APOS + r")" + FEMININE_BODIES + r"\b",
     "si è riunito la Giunta", "si è riunita la Giunta"),
    ("participio femminile dopo un organo maschile",
     r"\briunita (?:il |lo |l" + APOS + r")" + MASCULINE_BODIES + r"\b",
     "si è riunita il Consiglio", "si è riunito il Consiglio"),
    ("participio maschile dopo un titolo femminile",
     r"\b" + FEMININE_TITLES + r"\b[^.;:\n]{0,60}?\b(?:eletto|nominato|assente giustificato|"
     r"proclamato|intervenuto|uscito|entrato)\b",
     "la Consigliera Maria ROSSI, eletto", "la Consigliera Maria ROSSI, eletta"),
    ("verbo plurale con un soggetto singolare",
     r"\b(?:Sono|Partecipano|Risultano|Intervengono|Escono|Entrano)(?: \w+)? (?:il|lo|la|l"
     + APOS + r")(?:(?! e |, )[^.;:\n])*[.;:\n]",
     "Partecipano l'Assessore Mario ROSSI.", "Partecipano l'Assessore Mario ROSSI e la Sindaca."),
    ("verbo singolare con un soggetto plurale",
     r"\b(?:Partecipa|Risulta|Interviene|Esce|Entra|È)(?: \w+)? (?:i|gli|le) [A-Z]",
     "Partecipa gli Assessori", "Partecipano gli Assessori"),
    ("virgola fra il soggetto in grassetto e il verbo",
     r"\*\*, (?:pone|dichiara|proclama|comunica|constata|apre|chiude|dà|invita|riferisce)\b",
     "**Il Sindaco**, pone ai voti", "**Il Sindaco** pone ai voti"),
    ("segno di uguale in una riga di conteggio",
     r"\b(?:voto|Presenti|Votanti|Favorevoli|Contrari|Astenut[io]|assenti) = \d",
     "Non partecipa al voto = 1 (Conticelli)", "Non partecipa al voto: 1 (Conticelli)"),
    ("conteggio senza i due punti",
     r"^(?:Presenti|Votanti|Favorevoli|Contrari|Astenut[io]) \d+$",
     "Favorevoli 11", "Favorevoli: 11"),
    ("preposizione ripetuta davanti al luogo",
     r"\bin (?:in|nel|nello|nella|nell" + APOS + r"|nei|negli|nelle|presso|a|al|alla|ai) ",
     "si è riunito in nella Sala", "si è riunito nella Sala"),
    ("parola ripetuta",
     r"\b(il|la|lo|i|gli|le|di|del|della|in|e|che|per|con|a) \1\b",
     "ai sensi dell'art. 49 del del D.Lgs.", "ai sensi dell'art. 49 del D.Lgs."),
    ("primo giorno del mese senza l'ordinale",
     r"\b[Ii]l giorno 1 del mese\b",
     "Il giorno 1 del mese di marzo", "Il giorno 1° del mese di marzo"),
]


def main(files):
    compiled = []
    bad = 0
    for name, pattern, wrong, right in RULES:
        rx = re.compile(pattern, re.M)
        if not rx.search(wrong):
            print(f"rule '{name}' does not find its own example: {wrong!r}")
            bad += 1
        if rx.search(right):
            print(f"rule '{name}' finds the correct form: {right!r}")
            bad += 1
        compiled.append((name, rx))
    hits = 0
    for path in files:
        text = open(path, encoding="utf-8").read()
        # emphasis and escapes do not change the words; bold subjects are kept for their rule
        plain = text.replace("\\", "")
        for name, rx in compiled:
            for m in rx.finditer(plain):
                line = plain.count("\n", 0, m.start()) + 1
                print(f"{path}:{line}: {name}: {m.group(0).strip()!r}")
                hits += 1
    print(f"{len(files)} files, {len(RULES)} rules, {hits} hits")
    return 1 if bad or hits else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
