#!/usr/bin/env python3
"""genarchive.py: a realistic synthetic archive of session files, for tests and benchmarks.

    python3 tests/genarchive.py [--seed S] [--shared-annexes K] N DIR

writes N session files under DIR, in the tree an archive of minutes would have:

    DIR/<ente>/<anno>/<organo>-<data>-<n>.yaml              a sitting (n: its number in the year)
    DIR/<ente>/<anno>/<organo>-<data>-<n>-allegato-a.md     its own annexes (about half have 1-2)
    DIR/<ente>/<anno>/allegati/<nome>.md                    annexes shared by several sittings

K (default 3 when N >= 20, else 0) shared annexes live in the busiest <ente>/<anno> folders and
are named as allegati/<nome>.md by the sittings that use them (verbale refuses '..'). On stdout,
at the end: one line "shared <path relative to DIR> <sittings using it>" per shared annex, then
"sessions N annexes M" (M: the annex files written). Files already in DIR are overwritten,
never removed.

A handful of invented enti (comuni, province, città metropolitane, unioni) with their organi,
2019-2025; members persist across the sittings of a mandate. Every file is a valid session:
`verbale check` reports neither errors nor warnings (the quorum is never missed, the president
is always present), and every open vote's lists add up to the members in the room at that vote,
movimenti included. People, places and acts are invented; the laws cited are real.

The same seed and N give a byte-identical tree: random.Random objects seeded from strings (never
from hash() or the clock) and only ordered iteration. Python 3 standard library only.
"""

import argparse
import datetime
import os
import re
import random
import sys
import unicodedata

# ------------------------------------------------------------------------------------------
# Names
# ------------------------------------------------------------------------------------------

FIRST_M = """Alessandro Andrea Antonio Carlo Claudio Cosimo Daniele Davide Domenico Edoardo Elia
Emanuele Enrico Ettore Fabio Federico Filippo Francesco Gabriele Giacomo Gianfranco Gianluca
Gioele Giorgio Giosuè Giovanni Giuseppe Leonardo Lorenzo Luca Luigi Marco Massimo Matteo Mattia
Mauro Michele Nicola Nicolò Niccolò Noè Paolo Pasquale Pietro Raffaele Renato Riccardo Roberto
Rocco Salvatore Sergio Simone Stefano Tommaso Ugo Vincenzo Vittorio""".split()
FIRST_M += ["Gian Marco", "Pier Luigi", "Giovanni Battista", "Pasquale Mario"]
FIRST_F = """Alessandra Anna Antonella Barbara Beatrice Camilla Carla Caterina Chiara Claudia
Cristina Daniela Elena Eleonora Elisa Emanuela Federica Francesca Gabriella Giada Giorgia
Giovanna Giulia Ilaria Irene Laura Lucia Luisa Manuela Marta Martina Monica Nadia Noemi Paola
Patrizia Raffaella Roberta Rossana Sara Serena Silvia Simona Sonia Stefania Teresa Valentina
Valeria Veronica Zoe""".split()
FIRST_F += ["Anna Maria", "Maria Grazia", "Maria Antonietta", "Rosa Maria"]

SURNAMES = """Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo
Conti Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi
Caruso Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola
Marchetti Parisi Villa Conte Ferraro Ferri Fabbri Bianco Marini Grasso Valentini Messina Sala
Gatti Pellegrini Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato Silvestri Mazza Testa
Grassi Pellegrino Carbone Giuliani Benedetti Barone Rossetti Caputo Montanari Guerra Palmieri
Bernardi Martino Fiore Ferretti Bellini Basile Riva Donati Piras Vitali Battaglia Sartori Neri
Costantini Milani Pagano Ruggiero Sorrentino Orlando Negri Canepa Parodi Repetto Traverso
Oliveri Musso Ghiglione Sanguineti Ferrando Queirolo Pittau Atzori Deiana Usai Melis Porcu
Cossu Bortolotti Zanella Bonetti Brambilla Pozzi Sacchi Bertolini Tedesco Cirillo Nicolosi
Amoroso Iannone Mastrangelo Cavallaro Schiavone Tumminello Nicotra Tripodi Gagliardi Morabito
Fumagalli Colonna Bassi Zanetti Pace Guidi Baldini Bertoni Marras Cocco Fadda Mura Lai Rota
Bonfanti Tosi Vergani Frigerio Perego Lunardi Olivieri Bonelli Ferrero Gribaudo Giraudo Bosio
Chiesa Actis Peyrot Rostagno Bellino Prandi Ghio Cogno Salvai Cera Suppo Giulivi""".split()
SURNAMES += """D'Angelo D'Agostino D'Amico D'Alessandro D'Urso D'Onofrio D'Ambrosio Dell'Orto
Dall'Ara Dell'Acqua D'Aloia Dell'Olio""".split()
SURNAMES += ["De Luca", "De Santis", "De Angelis", "De Rosa", "Lo Russo", "La Rosa",
             "Di Stefano", "Del Vecchio", "Lo Presti", "Di Giacomo", "Della Valle", "De Marchi"]
SURNAMES += "Dessì Cantù Pellè Ruggiù Spanò Calò Laganà Zappalà Macrì Nicolò Mirò Zanè" \
    .split()


# ------------------------------------------------------------------------------------------
# Places and bodies (all invented)
# ------------------------------------------------------------------------------------------

COMUNI = ["Valverde Ligure", "Roccalta", "Pieve Serena", "Borgoleone", "Sant'Anselmo Scalo",
          "Ripalta del Colle", "Torre Ardita", "Colleverde Marittimo", "Poggio Castagno",
          "Fontanalta", "Acquaviva del Sasso", "Castelmoro", "San Vitale in Valle",
          "Pratolungo", "Campodolce", "Monteleone d'Orcia Vecchia", "Castelrosso Po",
          "Villanova Sorba"]
PROVINCE = ["Montefosco", "Rivalta Nuova", "Capo Serrano"]
METRO = ["Portoalto", "Castelmare"]
UNIONI = [("Unione dei Comuni della Val Serena", "Val Serena"),
          ("Unione Montana Alta Valdoria", "Alta Valdoria"),
          ("Unione dei Comuni del Basso Tanarello", "Basso Tanarello")]
UNION_TOWNS = ["Cerreto Alto", "Ponte Rovere", "Casalbosco", "Serravalle Vecchia",
               "Pianfosco", "Rocchetta Serena", "Valdimonte", "Borgo Alpino", "Lagofreddo",
               "Costa Bruna", "Sorbaia", "Castagneto Basso"]

STREETS = ["piazza della Libertà", "piazza Municipio", "via Roma", "piazza Garibaldi",
           "corso Vittorio Emanuele II", "piazza Castello", "via XX Settembre",
           "piazza della Repubblica", "via Cavour", "piazza Matteotti", "largo Europa"]

MONTHS = ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
          "settembre", "ottobre", "novembre", "dicembre"]

GROUP_PATTERNS = ["Insieme per {t}", "{t} Futura", "Progetto {t}", "Uniti per {t}",
                  "{t} Bene Comune", "Civici per {t}", "Rinnovamento {t}", "{t} in Comune",
                  "Vivere {t}", "Alternativa per {t}", "Prima {t}", "{t} Domani"]


# ------------------------------------------------------------------------------------------
# Small helpers
# ------------------------------------------------------------------------------------------

def fold(s):
    """Lower case, no accents, one apostrophe shape: how verbale compares member refs."""
    s = s.replace("\u2019", "'")
    s = unicodedata.normalize("NFD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def slugify(s):
    return re.sub(r"[^a-z0-9]+", "-", fold(s)).strip("-")


def date_it(d):
    day = "1°" if d.day == 1 else str(d.day)
    return "%s %s %d" % (day, MONTHS[d.month - 1], d.year)


def del_date(d):
    """'del 3 marzo 2024', "dell'8 marzo 2024", "dell'11 marzo 2024"."""
    return ("dell'" if d.day in (8, 11) else "del ") + date_it(d)


def roman(n):
    out = ""
    for v, r in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                 (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += r
            n -= v
    return out


def euro(cents):
    """12345678 cents -> '123.456,78'."""
    whole, c = divmod(cents, 100)
    s = "{:,}".format(whole).replace(",", ".")
    return "%s,%02d" % (s, c)


def join_it(items):
    items = list(items)
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    last = items[-1]
    conj = "ed" if fold(last)[:1] == "e" else "e"
    return "%s %s %s" % (", ".join(items[:-1]), conj, last)


ARTICLES = {"su": {"il": "sul", "lo": "sullo", "la": "sulla", "l'": "sull'", "i": "sui",
                   "gli": "sugli", "le": "sulle"},
            "di": {"il": "del", "lo": "dello", "la": "della", "l'": "dell'", "i": "dei",
                   "gli": "degli", "le": "delle"},
            "a": {"il": "al", "lo": "allo", "la": "alla", "l'": "all'", "i": "ai",
                  "gli": "agli", "le": "alle"},
            "da": {"il": "dal", "lo": "dallo", "la": "dalla", "l'": "dall'", "i": "dai",
                   "gli": "dagli", "le": "dalle"}}


def prep(p, phrase):
    """'su' + 'la sicurezza' -> 'sulla sicurezza'; 'di' + "l'ente" -> "dell'ente"."""
    m = re.match(r"(il|lo|la|i|gli|le) |(l')", phrase)
    if not m:
        return p + " " + phrase
    art = m.group(1) or m.group(2)
    rest = phrase[m.end():]
    return ARTICLES[p][art] + ("" if art == "l'" else " ") + rest


def cap(s):
    return s[:1].upper() + s[1:]


# ------------------------------------------------------------------------------------------
# YAML output
# ------------------------------------------------------------------------------------------

_SPECIAL = re.compile(
    r"(?i)^(?:y|n|yes|no|on|off|true|false|null|~|[-+]?[0-9][0-9_]*(?:\.[0-9]*)?(?:e[-+]?[0-9]+)?"
    r"|[-+]?\.[0-9]+|0x[0-9a-f]+|0o[0-7]+|[-+]?\.(?:inf|nan)|[0-9]{4}-[0-9]{2}-[0-9]{2}.*"
    r"|[0-9]+:[0-9]+.*)$")
_BAD_FIRST = set("-?:,[]{}#&*!|>'\"%@` \t")


def plain_ok(s, flow=False):
    if not s or s != s.strip() or s[0] in _BAD_FIRST:
        return False
    if ":" in s or "#" in s or "\t" in s or "\\" in s:
        return False
    if any(ord(c) < 32 or c in "\u2028\u2029\ufeff\x7f" for c in s):
        return False
    if flow and any(c in s for c in ",[]{}"):
        return False
    return _SPECIAL.match(s) is None


def q(s, flow=False):
    """A YAML scalar for the text s: plain when that is safe, else quoted."""
    if plain_ok(s, flow):
        return s
    if "'" in s and '"' not in s:
        return '"' + s.replace("\\", "\\\\") + '"'
    if "'" not in s:
        return "'" + s + "'"
    return "'" + s.replace("'", "''") + "'"


def qq(s):
    """Always double-quoted (the style of the samples for dispositivo points)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(items):
    return "[" + ", ".join(q(x, flow=True) for x in items) + "]"


def block(lines, indent, text):
    """A literal block scalar: key: | followed by text indented."""
    pad = " " * indent
    for ln in text.rstrip("\n").split("\n"):
        lines.append(pad + ln if ln else "")


# ------------------------------------------------------------------------------------------
# Bureaucratic prose
# ------------------------------------------------------------------------------------------

FRAZIONI = ["Case Rosse", "Pian di Vara", "San Rocco", "Molino Vecchio", "Ca' di Sopra",
            "Ronchi", "Cascina Bianca", "Poggiolo", "Madonna del Sasso", "Fornaci",
            "Prato Grande", "Sant'Antonio", "Colle Alto", "Borgo Nuovo"]
SCHOOLS = ["Giovanni Pascoli", "Edmondo De Amicis", "Maria Montessori", "Gianni Rodari",
           "Alessandro Manzoni", "Don Lorenzo Milani", "Grazia Deledda", "Rita Levi-Montalcini",
           "Italo Calvino", "Dante Alighieri"]
ASSOCS = ["la Pro Loco di {t}", "l'A.S.D. {t} Calcio", "la Banda musicale \"Giuseppe Verdi\"",
          "la Croce Verde {t}", "il Gruppo Alpini di {t}", "l'Associazione Anziani e Pensionati",
          "il Circolo culturale \"Il Ponte\"", "la Società di mutuo soccorso di {t}",
          "il Coro \"Voci della Valle\"", "l'associazione \"Amici della biblioteca\""]
EVENTS = ["Sagra della castagna", "Festa patronale di San Rocco", "Estate in piazza",
          "Mercatino di Natale", "Fiera di primavera", "Notte bianca dello sport",
          "Festival dei cori", "Rassegna teatrale d'autunno"]
WORKS = ["riqualificazione energetica della scuola primaria \"{s}\"",
         "messa in sicurezza di {st}", "manutenzione straordinaria della copertura del "
         "Palazzo comunale", "realizzazione del nuovo parcheggio in località {f}",
         "rifacimento dell'impianto di illuminazione pubblica con tecnologia a LED",
         "adeguamento sismico della palestra comunale", "sistemazione idraulica del rio {f}",
         "abbattimento delle barriere architettoniche nella biblioteca civica",
         "ampliamento del cimitero di {f}", "rifacimento della pavimentazione di {st}"]
REG_TOPICS = ["la disciplina del canone unico patrimoniale",
              "la concessione di contributi e vantaggi economici a enti e associazioni",
              "il funzionamento del Consiglio e delle commissioni consiliari",
              "la gestione dei rifiuti urbani e l'igiene ambientale",
              "l'installazione e l'utilizzo degli impianti di videosorveglianza",
              "la tutela e la valorizzazione del verde pubblico e privato",
              "l'esercizio del diritto di accesso civico e documentale",
              "la concessione in uso degli impianti sportivi",
              "la disciplina generale delle entrate",
              "il servizio di trasporto scolastico",
              "l'assegnazione e la gestione degli orti urbani",
              "la disciplina dei dehors e delle occupazioni di suolo pubblico",
              "il benessere e la tutela degli animali",
              "l'amministrazione condivisa dei beni comuni",
              "la celebrazione dei matrimoni civili e la costituzione delle unioni civili"]
REG_TOPICS_AREA = ["la concessione di contributi ai comuni per l'edilizia scolastica",
                   "il rilascio delle autorizzazioni ai trasporti eccezionali",
                   "la disciplina dei canoni per le concessioni stradali",
                   "il funzionamento del Consiglio e delle commissioni consiliari",
                   "l'accesso agli atti e il diritto di accesso civico",
                   "la gestione del patrimonio immobiliare"]
MOTION_TOPICS = ["il potenziamento del trasporto pubblico locale nelle frazioni",
                 "la tutela del presidio ospedaliero di {t}",
                 "l'installazione di defibrillatori negli impianti sportivi",
                 "la riduzione della plastica monouso negli uffici",
                 "la sicurezza stradale davanti ai plessi scolastici",
                 "il sostegno agli esercizi commerciali del centro storico",
                 "la parità di genere negli organi consultivi",
                 "la realizzazione di una pista ciclabile lungo il torrente",
                 "la riapertura dello sportello postale di {f}",
                 "la contrarietà a un nuovo impianto di trattamento dei rifiuti in località {f}",
                 "le iniziative per il Giorno della Memoria",
                 "la manutenzione dei cimiteri",
                 "il contrasto alla violenza sulle donne",
                 "la gratuità del servizio di pre-scuola per le famiglie a basso reddito"]
CONVENTIONS = [("il Comune di {u}", "la gestione associata del servizio di segreteria"),
               ("i Comuni di {u} e {v}", "la gestione associata delle funzioni di polizia locale"),
               ("l'Istituto comprensivo \"{s}\"",
                "l'utilizzo delle palestre scolastiche in orario extrascolastico"),
               ("l'Azienda sanitaria locale", "l'apertura di uno sportello sociosanitario"),
               ("l'Università degli Studi",
                "lo svolgimento di tirocini di formazione e orientamento"),
               ("{a}", "il supporto alle attività di protezione civile"),
               ("l'Agenzia delle Entrate", "la consultazione telematica delle banche dati"),
               ("il Comune di {u}", "la gestione associata del servizio di biblioteca")]
CONSORZI = ["il Consorzio intercomunale dei servizi sociali", "il Consorzio di bacino dei rifiuti",
            "l'Ente di gestione del Parco fluviale",
            "il Consorzio per la gestione del servizio idrico",
            "la Fondazione per la cultura del territorio"]

SUBJ = ["Il Comune", "L'Amministrazione", "Il Responsabile del servizio competente",
        "L'ufficio competente", "Il concessionario", "Il soggetto beneficiario", "La Giunta",
        "Il Consiglio", "L'Ente", "Il dirigente del settore"]
VERB = ["promuove", "garantisce", "assicura", "favorisce", "verifica", "disciplina", "sostiene",
        "valorizza", "definisce", "cura", "programma", "coordina", "monitora"]
OBJ = ["la partecipazione dei cittadini alla vita amministrativa",
       "il rispetto dei principi di trasparenza, imparzialità e buon andamento",
       "la corretta gestione delle risorse assegnate",
       "la tutela dell'ambiente e del paesaggio",
       "l'accesso ai servizi da parte delle persone con disabilità",
       "la collaborazione con le associazioni del territorio",
       "il contenimento della spesa corrente",
       "la qualità dei servizi erogati alla cittadinanza",
       "la semplificazione dei procedimenti amministrativi",
       "la sicurezza dei luoghi di lavoro e degli edifici pubblici",
       "la pubblicazione dei dati nella sezione Amministrazione trasparente",
       "la manutenzione ordinaria e straordinaria dei beni",
       "il monitoraggio dei tempi di conclusione dei procedimenti",
       "la digitalizzazione dei servizi al cittadino"]
TAIL = ["nei limiti delle risorse disponibili in bilancio",
        "secondo le modalità stabilite dal presente atto",
        "ai sensi della normativa vigente",
        "anche mediante accordi con altri enti pubblici",
        "nel rispetto del principio di leale collaborazione",
        "entro trenta giorni dalla richiesta",
        "sulla base di criteri predeterminati e resi pubblici",
        "con cadenza almeno annuale",
        "previa istruttoria dell'ufficio competente",
        "in coerenza con gli strumenti di programmazione dell'Ente"]
EXTRA = ["Le domande sono presentate entro il {d} {m} di ogni anno, utilizzando il modulo "
         "pubblicato sul sito istituzionale.",
         "Il procedimento si conclude con provvedimento espresso entro {n} giorni dalla "
         "presentazione della domanda.",
         "In caso di inosservanza si applica la sanzione amministrativa pecuniaria da euro "
         "{a} a euro {b}.",
         "Gli importi sono aggiornati annualmente con deliberazione della Giunta.",
         "Restano salve le disposizioni più favorevoli previste da leggi speciali.",
         "I dati personali sono trattati nel rispetto del Regolamento (UE) 2016/679.",
         "Il mancato rispetto degli obblighi comporta la revoca del beneficio e la restituzione "
         "delle somme percepite.",
         "La durata della concessione non può superare {n} anni, rinnovabili una sola volta."]


def sentence(rng):
    s = "%s %s %s %s." % (rng.choice(SUBJ), rng.choice(VERB), rng.choice(OBJ), rng.choice(TAIL))
    if rng.random() < 0.12:
        o = rng.choice(OBJ)
        if o in s:
            s = s.replace(o, ("**%s**" if rng.random() < 0.5 else "*%s*") % o, 1)
    return s


def extra_sentence(rng):
    return rng.choice(EXTRA).format(d=rng.randint(1, 28), m=rng.choice(MONTHS),
                                    n=rng.choice([3, 5, 6, 9, 10, 15, 30, 60, 90]),
                                    a=rng.choice([25, 50, 80, 100]),
                                    b=rng.choice([500, 1000, 3000]))


def paragraph(rng, lo=2, hi=5):
    out = []
    for _ in range(rng.randint(lo, hi)):
        out.append(extra_sentence(rng) if rng.random() < 0.2 else sentence(rng))
    return " ".join(out)


# ------------------------------------------------------------------------------------------
# Annexes (Markdown)
# ------------------------------------------------------------------------------------------

ART_TITLES = ["Oggetto", "Finalità", "Definizioni", "Ambito di applicazione",
              "Soggetti beneficiari", "Modalità di presentazione delle domande",
              "Criteri di assegnazione", "Obblighi del concessionario", "Durata",
              "Tariffe e canoni", "Controlli", "Sanzioni", "Trattamento dei dati personali",
              "Pubblicità", "Responsabile del procedimento", "Revoca e decadenza",
              "Rapporti con altri enti", "Norme transitorie", "Abrogazioni", "Rinvio",
              "Entrata in vigore"]
CAPI = ["Disposizioni generali", "Procedimento", "Obblighi e controlli", "Disposizioni finanziarie",
        "Disposizioni finali e transitorie"]
CONV_TITLES = ["Oggetto della convenzione", "Finalità", "Obblighi delle parti",
               "Rapporti finanziari", "Durata", "Recesso",
               "Responsabilità e coperture assicurative",
               "Trattamento dei dati personali", "Controversie", "Spese contrattuali", "Rinvio"]
AREAS = ["Bilancio e tributi", "Lavori pubblici e manutenzioni", "Scuola e politiche giovanili",
         "Ambiente e territorio", "Politiche sociali", "Cultura, sport e tempo libero",
         "Sicurezza e polizia locale", "Innovazione e semplificazione", "Mobilità e trasporti",
         "Attività produttive e commercio"]
BILANCIO_VOCI = [("Missione 01, Programma 03", "Gestione economica, finanziaria, programmazione"),
                 ("Missione 01, Programma 05", "Gestione dei beni demaniali e patrimoniali"),
                 ("Missione 04, Programma 02", "Altri ordini di istruzione"),
                 ("Missione 05, Programma 02", "Attività culturali"),
                 ("Missione 06, Programma 01", "Sport e tempo libero"),
                 ("Missione 08, Programma 01", "Urbanistica e assetto del territorio"),
                 ("Missione 09, Programma 03", "Rifiuti"),
                 ("Missione 10, Programma 05", "Viabilità e infrastrutture stradali"),
                 ("Missione 12, Programma 01", "Interventi per l'infanzia e i minori"),
                 ("Missione 12, Programma 03", "Interventi per gli anziani")]
ENTRATE_VOCI = [("Titolo 1, Tipologia 101", "Imposte, tasse e proventi assimilati"),
                ("Titolo 2, Tipologia 101", "Trasferimenti correnti da amministrazioni pubbliche"),
                ("Titolo 3, Tipologia 100", "Vendita di beni e servizi"),
                ("Titolo 4, Tipologia 200", "Contributi agli investimenti"),
                ("Titolo 3, Tipologia 500", "Rimborsi e altre entrate correnti")]


def md_regolamento(rng, title, narts, conv=False):
    out = ["# " + title, ""]
    if rng.random() < 0.6:
        out += ["*Testo sottoposto all'approvazione del Consiglio.*", ""]
    titles = CONV_TITLES if conv else ART_TITLES
    capo_every = 0 if conv or narts < 8 else rng.randint(4, 7)
    capo = 0
    for a in range(1, narts + 1):
        if capo_every and (a - 1) % capo_every == 0 and capo < len(CAPI):
            out += ["## Capo %s – %s" % (roman(capo + 1), CAPI[capo]), ""]
            capo += 1
        if a == 1:
            t = titles[0]
        elif a == narts:
            t = "Rinvio" if conv else "Entrata in vigore"
        else:
            t = titles[1 + (a * 7 + len(title)) % (len(titles) - 2)]
        out += ["%s Art. %d – %s" % ("###" if capo_every else "##", a, t), ""]
        ncommi = rng.randint(1, 4)
        if ncommi == 1:
            out += [paragraph(rng, 1, 3), ""]
        else:
            for c in range(1, ncommi + 1):
                out.append("%d. %s" % (c, paragraph(rng, 1, 2)))
            out.append("")
        if rng.random() < 0.15:
            out += ["Sono in ogni caso esclusi:", ""]
            for _ in range(rng.randint(2, 4)):
                out.append("- " + rng.choice(OBJ) + ";")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def md_relazione(rng, title, nsec, c):
    out = ["# " + title, ""]
    secs = rng.sample(["Premessa", "Il quadro normativo", "Lo stato di fatto",
                       "Gli obiettivi", "Le risorse", "I tempi di attuazione",
                       "Gli effetti sul bilancio", "Il monitoraggio", "Conclusioni"],
                      min(nsec, 9))
    if "Premessa" in secs:
        secs.remove("Premessa")
    secs.insert(0, "Premessa")
    for i, s in enumerate(secs, 1):
        out += ["## %d. %s" % (i, s), ""]
        for _ in range(rng.randint(1, 3)):
            out += [paragraph(rng), ""]
        if rng.random() < 0.35:
            for _ in range(rng.randint(2, 5)):
                v = rng.choice(BILANCIO_VOCI)
                out.append("- **%s** (%s): euro %s" % (v[0], v[1],
                                                       euro(rng.randint(5, 900) * 10000)))
            out.append("")
        elif rng.random() < 0.25:
            for k in range(1, rng.randint(3, 5)):
                out.append("%d. %s" % (k, cap(rng.choice(OBJ)) + ";"))
            out.append("")
    if rng.random() < 0.5:
        out += ["%s, %s" % (c.town, date_it(c.date - datetime.timedelta(days=rng.randint(7, 40)))),
                "", "*Il Responsabile del servizio*", ""]
    return "\n".join(out).rstrip() + "\n"


def md_prospetto(rng, title, c):
    out = ["# " + title, "", "Esercizio %d. Importi in euro." % c.fin_year, "", "## Entrate", ""]
    tot_e = 0
    for v in rng.sample(ENTRATE_VOCI, rng.randint(2, 4)):
        x = rng.randint(2, 400) * 1000 + rng.choice([0, 0, 50, 500]) * 100
        tot_e += x
        out.append("- **%s** – %s: + %s" % (v[0], v[1], euro(x * 100)))
    out += ["", "## Spese", ""]
    voci = rng.sample(BILANCIO_VOCI, rng.randint(2, 6))
    rest = tot_e
    for i, v in enumerate(voci):
        x = rest if i == len(voci) - 1 else rng.randint(1, max(1, rest // 2000)) * 1000
        x = min(x, rest)
        rest -= x
        out.append("- **%s** – %s: + %s" % (v[0], v[1], euro(x * 100)))
    out += ["", "**Totale a pareggio: euro %s.**" % euro(tot_e * 100), ""]
    if rng.random() < 0.5:
        out += ["Le variazioni mantengono il pareggio finanziario e il rispetto degli equilibri "
                "di bilancio di cui all'art. 193 del D.Lgs. 18 agosto 2000, n. 267.", ""]
    return "\n".join(out).rstrip() + "\n"


def md_parere(rng, title, c):
    out = ["# " + title, "", "L'Organo di revisione economico-finanziaria,"]
    out += ["", "- esaminata la proposta di deliberazione e i relativi allegati;",
            "- visto l'art. 239 del D.Lgs. 18 agosto 2000, n. 267;",
            "- visti i pareri di regolarità tecnica e contabile;", "",
            paragraph(rng, 2, 4), "", "esprime", "",
            "**parere favorevole** all'approvazione della proposta.", "",
            "%s, %s" % (c.town, date_it(c.date - datetime.timedelta(days=rng.randint(5, 20)))),
            "", "*Il Revisore unico*", ""]
    return "\n".join(out).rstrip() + "\n"


def md_linee(rng, title, c):
    out = ["# " + title, "", paragraph(rng, 3, 5), ""]
    for a in rng.sample(AREAS, rng.randint(4, 8)):
        out += ["## " + a, "", paragraph(rng, 2, 4), "", "Obiettivi del mandato:", ""]
        for _ in range(rng.randint(2, 5)):
            out.append("- %s %s;" % (cap(rng.choice(VERB)), rng.choice(OBJ)))
        out.append("")
        if rng.random() < 0.4:
            out += ["> " + paragraph(rng, 1, 2), ""]
    return "\n".join(out).rstrip() + "\n"


def make_annex(rng, kind, title, c, size):
    """size: 0 short (a few paragraphs), 1 medium, 2 long (a few pages)."""
    if kind == "regolamento":
        return md_regolamento(rng, title, [rng.randint(3, 5), rng.randint(6, 12),
                                           rng.randint(14, 26)][size])
    if kind == "convenzione":
        return md_regolamento(rng, title, [rng.randint(3, 5), rng.randint(6, 9),
                                           rng.randint(10, 11)][size], conv=True)
    if kind == "prospetto":
        return md_prospetto(rng, title, c)
    if kind == "parere":
        return md_parere(rng, title, c)
    if kind == "linee":
        return md_linee(rng, title, c)
    return md_relazione(rng, title, [rng.randint(2, 3), rng.randint(4, 6), rng.randint(7, 9)][size],
                        c)


# ------------------------------------------------------------------------------------------
# Acts: subject, recitals, dispositivo and how they are voted
# ------------------------------------------------------------------------------------------

TUEL = "D.Lgs. 18 agosto 2000, n. 267"


def vote(oggetto, scen="approve", **kw):
    v = {"oggetto": oggetto, "scen": scen, "mode": "palese", "tipo": None, "punti": None,
         "cons": 0.3, "maggioranza": None}
    v.update(kw)
    return v


def ie_vote():
    return vote("immediata eseguibilità", "ie", tipo="immediata_eseguibilita")


class Plan:
    def __init__(self, oggetto, premesse, dispositivo, votes, annexes=(), np_prob=0.03,
                 disc_prob=0.4, kind=""):
        self.oggetto = oggetto
        self.premesse = premesse
        self.dispositivo = dispositivo
        self.votes = votes
        self.annexes = list(annexes)
        self.np_prob = np_prob
        self.disc_prob = disc_prob
        self.kind = kind


def pick(rng, items, lo, hi):
    """A random subset of items, of lo..hi elements, in their order."""
    k = min(len(items), rng.randint(lo, hi))
    idx = sorted(rng.sample(range(len(items)), k))
    return [items[i] for i in idx]


def ordinary_votes(rng, c, ndisp, cons, ie=0.45, amend=0.15, points=0.12, maggioranza=None,
                   pres_only=False):
    """The votes of an ordinary act: maybe amendments, maybe by points, the whole act, and
    maybe the immediate enforceability; 1 to 4 in all."""
    votes = []
    if c.giunta:
        x = rng.random()
        votes.append(vote("intera deliberazione", "tie" if x < 0.04 and c.rules.parita_pres
                          else "unanimous" if x < 0.9 else "approve", cons=1.0))
        if rng.random() < ie + 0.2:
            votes[-1]["must_pass"] = True
            votes.append(ie_vote())
        return votes
    if not pres_only and rng.random() < amend and c.has_opposition:
        for k in range(1, rng.choice([1, 1, 1, 2]) + 1):
            r = rng.random()
            scen = "tie" if r < 0.09 else "reject" if r < 0.8 else "approve"
            kw = {"punti": [rng.randint(1, ndisp)]} if rng.random() < 0.4 else {}
            votes.append(vote("emendamento %d" % k, scen, cons=0.8, **kw))
    if not pres_only and ndisp >= 2 and rng.random() < points and len(votes) == 0:
        n = min(ndisp, 3)
        for p in range(1, n + 1):
            votes.append(vote("punto %d" % p, "approve", cons=cons, punti=[p]))
        if n < ndisp:
            votes.append(vote("punti %d-%d" % (n + 1, ndisp) if ndisp > n + 1 else
                              "punto %d" % ndisp, "approve", cons=cons,
                              punti=list(range(n + 1, ndisp + 1))))
    if len(votes) < 4:
        scen = "approve"
        if maggioranza is None and not votes and rng.random() < 0.025:
            scen = "fragile"  # the majority splits: rejected
        votes.append(vote("intera deliberazione", scen, cons=cons, maggioranza=maggioranza))
    if len(votes) < 4 and rng.random() < ie and votes[-1]["scen"] != "fragile" \
            and maggioranza is None:
        votes.append(ie_vote())
    return votes[:4]


def prev_act(rng, c, organ=None, back=(30, 900)):
    d = c.date - datetime.timedelta(days=rng.randint(*back))
    return "deliberazione %s n. %d %s" % (organ or ("del " + c.ente.council),
                                          rng.randint(1, 90), del_date(d))


def base_recitals(rng, c):
    out = []
    if c.giunta:
        out.append("Visto l'art. 48 del %s, che attribuisce alla Giunta la competenza a "
                   "compiere gli atti rientranti nelle funzioni degli organi di governo;" % TUEL
                   if rng.random() < 0.6 else "Visto l'art. 48 del %s;" % TUEL)
    elif c.ente.kind in ("metro", "provincia"):
        out.append("Vista la legge 7 aprile 2014, n. 56, recante \"Disposizioni sulle città "
                   "metropolitane, sulle province, sulle unioni e fusioni di comuni\";")
        if rng.random() < 0.5:
            out.append("Visto l'art. 1, comma 50, della legge 7 aprile 2014, n. 56, in forza del "
                       "quale si applicano, in quanto compatibili, le disposizioni in materia di "
                       "comuni di cui al %s;" % TUEL)
    elif c.ente.kind == "unione":
        out.append("Visto l'art. 32 del %s, in materia di unioni di comuni, e lo Statuto "
                   "dell'Unione;" % TUEL)
    else:
        out.append("Visto l'art. 42 del %s;" % TUEL if rng.random() < 0.5 else
                   "Visto l'art. 42 del %s, che individua le competenze del Consiglio "
                   "comunale;" % TUEL)
    return out


def closing_recitals(rng, c, contabile=True):
    out = []
    if not c.giunta and rng.random() < 0.35:
        out.append("Dato atto che la proposta è stata esaminata dalla %s Commissione consiliare "
                   "permanente nella seduta %s;" % (
                       rng.choice(["I", "II", "III"]),
                       del_date(c.date - datetime.timedelta(days=rng.randint(3, 15)))))
    if contabile:
        out.append(rng.choice([
            "Acquisiti i pareri favorevoli di regolarità tecnica e contabile espressi ai sensi "
            "dell'art. 49, comma 1, del %s;" % TUEL,
            "Dato atto che sono stati espressi i pareri favorevoli di regolarità tecnica e "
            "contabile ai sensi dell'art. 49 del %s dal Responsabile del Servizio finanziario;"
            % TUEL,
            "Visti i pareri di regolarità tecnica e contabile resi ai sensi degli artt. 49 e "
            "147-bis del %s;" % TUEL]))
    else:
        out.append("Dato atto che sulla proposta è stato espresso il parere favorevole di "
                   "regolarità tecnica ai sensi dell'art. 49 del %s, mentre non è dovuto il "
                   "parere di regolarità contabile in quanto l'atto non comporta riflessi sulla "
                   "situazione economico-finanziaria dell'Ente;" % TUEL)
    if rng.random() < 0.3:
        out.append("Ritenuto di provvedere in merito;")
    return out


def k_bilancio(rng, c):
    y = c.fin_year + (1 if c.date.month >= 10 else 0)
    og = "Approvazione del bilancio di previsione finanziario %d-%d e dei relativi allegati." % (
        y, y + 2)
    tot = rng.randint(30, 9000) * 100000 + rng.randint(0, 99999)
    pre = ["Premesso che l'art. 151, comma 1, del %s stabilisce che gli enti locali deliberano "
           "entro il 31 dicembre il bilancio di previsione finanziario riferito a un orizzonte "
           "temporale almeno triennale;" % TUEL,
           "Richiamato il D.Lgs. 23 giugno 2011, n. 118, in materia di armonizzazione dei sistemi "
           "contabili e degli schemi di bilancio;",
           "Vista la %s, con la quale è stato approvato lo schema del bilancio di previsione "
           "%d-%d;" % (prev_act(rng, c, "della Giunta", (20, 60)), y, y + 2),
           "Vista la relazione dell'Organo di revisione, che esprime **parere favorevole**;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c)
    disp = ["di approvare il bilancio di previsione finanziario %d-%d, che per l'esercizio %d "
            "pareggia in euro %s in entrata e in spesa;" % (y, y + 2, y, euro(tot * 100)),
            "di approvare la nota di aggiornamento al Documento unico di programmazione %d-%d;"
            % (y, y + 2),
            "di dare atto del rispetto degli equilibri di bilancio di cui all'art. 162 del %s;"
            % TUEL,
            "di trasmettere i dati del bilancio alla Banca dati delle amministrazioni pubbliche "
            "(BDAP)."]
    disp = pick(rng, disp[:1], 1, 1) + pick(rng, disp[1:], 0, 3)
    annexes = [("Nota integrativa al bilancio di previsione %d-%d" % (y, y + 2), "relazione"),
               ("Parere dell'Organo di revisione", "parere")]
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.1, ie=0.7, amend=0.35),
                annexes, disc_prob=0.8, kind="bilancio")


def k_rendiconto(rng, c):
    y = c.year - 1
    og = "Approvazione del rendiconto della gestione per l'esercizio finanziario %d." % y
    ris = rng.randint(50, 5000) * 1000 * 100 + rng.randint(0, 99)
    pre = ["Premesso che l'art. 227 del %s dispone che il rendiconto è deliberato dall'organo "
           "consiliare entro il 30 aprile dell'anno successivo;" % TUEL,
           "Vista la %s, con la quale sono stati approvati lo schema di rendiconto e la "
           "relazione sulla gestione;" % prev_act(rng, c, "della Giunta", (15, 50)),
           "Vista la relazione dell'Organo di revisione resa ai sensi dell'art. 239, comma 1, "
           "lettera d), del %s;" % TUEL,
           "Dato atto che lo schema di rendiconto è stato messo a disposizione dei consiglieri "
           "nel termine previsto dal Regolamento di contabilità;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c)
    disp = ["di approvare il rendiconto della gestione per l'esercizio %d, composto dal conto "
            "del bilancio, dal conto economico e dallo stato patrimoniale;" % y,
            "di dare atto che il risultato di amministrazione al 31 dicembre %d ammonta a "
            "**euro %s**;" % (y, euro(ris)),
            "di disporre la pubblicazione del rendiconto nella sezione *Amministrazione "
            "trasparente* del sito istituzionale."]
    disp = disp[:1] + pick(rng, disp[1:], 0, 2)
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.15, ie=0.5, points=0.2),
                [("Relazione sulla gestione %d" % y, "relazione"),
                 ("Relazione dell'Organo di revisione", "parere")], disc_prob=0.6,
                kind="rendiconto")


def k_variazione(rng, c):
    y = c.fin_year
    og = rng.choice(["Variazione al bilancio di previsione %d-%d (art. 175, comma 2, del D.Lgs. "
                     "n. 267/2000)." % (y, y + 2),
                     "Variazione di bilancio n. %d al bilancio di previsione %d-%d." % (
                         rng.randint(1, 6), y, y + 2),
                     "Ratifica della variazione di bilancio adottata in via d'urgenza dalla "
                     "Giunta (art. 175, comma 4, del D.Lgs. n. 267/2000)."])
    amt = rng.randint(5, 900) * 100000
    pre = ["Visto l'art. 175 del %s, che disciplina le variazioni al bilancio di previsione;"
           % TUEL,
           "Premesso che con %s è stato approvato il bilancio di previsione %d-%d;" % (
               prev_act(rng, c, back=(60, 300)), y, y + 2),
           "Considerato che si rende necessario adeguare gli stanziamenti a nuove esigenze "
           "sopravvenute e a maggiori entrate accertate;",
           "Dato atto che la variazione garantisce il mantenimento del pareggio e degli "
           "equilibri di bilancio;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c)
    disp = ["di approvare la variazione al bilancio di previsione %d-%d per complessivi euro "
            "%s, come da prospetto allegato;" % (y, y + 2, euro(amt)),
            "di dare atto del permanere degli equilibri di bilancio;",
            "di trasmettere la presente deliberazione al Tesoriere."]
    disp = disp[:1] + pick(rng, disp[1:], 0, 2)
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.15, ie=0.75),
                [("Prospetto delle variazioni", "prospetto")], disc_prob=0.35,
                kind="variazione")


def k_assestamento(rng, c):
    y = c.fin_year
    og = ("Assestamento generale e salvaguardia degli equilibri di bilancio %d-%d (artt. 175, "
          "comma 8, e 193 del D.Lgs. n. 267/2000)." % (y, y + 2))
    pre = ["Visto l'art. 193 del %s, che impone la verifica del permanere degli equilibri "
           "generali di bilancio almeno una volta l'anno entro il 31 luglio;" % TUEL,
           "Visto l'art. 175, comma 8, del %s, in materia di assestamento generale;" % TUEL,
           "Viste le comunicazioni dei Responsabili dei servizi in merito all'assenza di debiti "
           "fuori bilancio;",
           "Considerato che l'andamento della gestione non fa prevedere squilibri;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c)
    disp = ["di approvare l'assestamento generale del bilancio di previsione %d-%d;" % (y, y + 2),
            "di dare atto del permanere degli equilibri generali di bilancio;",
            "di dare atto che non sussistono debiti fuori bilancio da riconoscere."]
    disp = disp[:rng.randint(1, 3)]
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.15, ie=0.6, points=0.2),
                [("Prospetto di assestamento", "prospetto")], kind="assestamento")


def k_regolamento(rng, c):
    topic = rng.choice(REG_TOPICS_AREA if c.ente.kind in ("metro", "provincia") else REG_TOPICS)
    mod = rng.random() < 0.35
    title = "Regolamento per " + topic
    og = ("Modifica del regolamento per %s." if mod else "Approvazione del regolamento per %s.") \
        % topic
    narts = rng.randint(8, 30)
    pre = ["Premesso che l'art. 7 del %s attribuisce agli enti locali la potestà regolamentare "
           "nelle materie di propria competenza;" % TUEL,
           "Richiamato il %s regolamento, approvato con %s;" % (
               "vigente" if mod else "previgente", prev_act(rng, c, back=(700, 5000))),
           "Considerato che la disciplina vigente non risulta più adeguata all'evoluzione "
           "normativa e alle esigenze organizzative dell'Ente;",
           "Vista la proposta di regolamento, composta da %d articoli;" % narts,
           "Ritenuto di approvare il nuovo testo, che persegue la **semplificazione** dei "
           "procedimenti e la *trasparenza* dell'azione amministrativa;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 5) + closing_recitals(rng, c,
                                                                          rng.random() < 0.4)
    disp = ["di approvare il %s, composto da %d articoli, nel testo allegato alla presente "
            "deliberazione;" % (("testo modificato del " + title[0].lower() + title[1:])
                                if mod else title[0].lower() + title[1:], narts),
            "di abrogare il previgente regolamento;" if not mod else
            "di approvare il testo coordinato del regolamento, che recepisce le modifiche;",
            "di dare atto che il regolamento entra in vigore il quindicesimo giorno successivo "
            "alla pubblicazione all'Albo pretorio;",
            "di disporre la pubblicazione del regolamento nella sezione *Amministrazione "
            "trasparente*."]
    disp = disp[:1] + pick(rng, disp[1:], 0, 3)
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.35, ie=0.25, amend=0.3),
                [(title, "regolamento")], disc_prob=0.6, kind="regolamento")


def k_convenzione(rng, c):
    partner, purpose = rng.choice(CONVENTIONS)
    u, v = rng.sample(UNION_TOWNS, 2)
    partner = partner.format(u=u, v=v, s=rng.choice(SCHOOLS), a=rng.choice(ASSOCS).format(
        t=c.town))
    og = "Approvazione della convenzione con %s per %s." % (partner, purpose)
    years = rng.choice([3, 3, 5, 5, 6])
    pre = ["Visto l'art. 30 del %s, che consente agli enti locali di stipulare tra loro "
           "apposite convenzioni al fine di svolgere in modo coordinato funzioni e servizi;"
           % TUEL,
           "Premesso che è interesse dell'Ente assicurare %s in forma efficiente ed economica;"
           % purpose,
           "Considerato che lo schema di convenzione, composto da %d articoli, definisce i "
           "rapporti finanziari e gli obblighi reciproci delle parti;" % rng.randint(8, 14),
           "Dato atto che la convenzione ha durata di %d anni dalla sottoscrizione;" % years]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c)
    disp = ["di approvare lo schema di convenzione con %s per %s, allegato alla presente "
            "deliberazione;" % (partner, purpose),
            "di autorizzare il %s alla sottoscrizione della convenzione;" % c.ente.head_title,
            "di dare atto che la spesa trova copertura negli stanziamenti del bilancio di "
            "previsione %d-%d." % (c.fin_year, c.fin_year + 2)]
    disp = disp[:1] + pick(rng, disp[1:], 0, 2)
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.6, ie=0.5),
                [("Schema di convenzione", "convenzione")], disc_prob=0.3, kind="convenzione")


def k_mozione(rng, c):
    topic = rng.choice(MOTION_TOPICS).format(t=c.town, f=rng.choice(FRAZIONI))
    opp = rng.random() < 0.7 and c.has_opposition
    group = rng.choice(c.roster.opp_groups if opp else c.roster.maj_groups)
    og = "Mozione presentata dal gruppo consiliare \"%s\" %s." % (group, prep("su", topic))
    pre = ["Premesso che il gruppo consiliare *%s* ha presentato, ai sensi del Regolamento del "
           "Consiglio, la mozione in oggetto, acquisita al protocollo il %s;" % (
               group, date_it(c.date - datetime.timedelta(days=rng.randint(10, 60)))),
           "Considerato che il tema %s rappresenta una priorità per la comunità;"
           % prep("di", topic),
           "Rilevato che numerosi cittadini hanno segnalato la questione agli uffici e agli "
           "amministratori;",
           "Ritenuto che il Consiglio debba esprimere un indirizzo chiaro alla Giunta;"]
    pre = pick(rng, pre, 2, 4)
    disp = ["di impegnare il %s e la Giunta ad attivarsi per %s;" % (c.ente.head_title, topic),
            "di riferire al Consiglio sugli esiti delle iniziative intraprese entro sei mesi;",
            "di trasmettere la presente mozione agli enti competenti."]
    disp = disp[:rng.randint(1, 3)]
    r = rng.random()
    if opp:
        scen = "tie" if r < 0.06 else "reject" if r < 0.6 else "approve"
    else:
        scen = "approve"
    votes = []
    if rng.random() < 0.2 and c.has_opposition:
        votes.append(vote("emendamento 1", "reject" if opp else "approve", cons=0.5))
    votes.append(vote("mozione", scen, cons=0.85 if scen == "approve" and opp else 0.2))
    return Plan(og, pre, disp, votes, disc_prob=0.7, kind="mozione")


def k_nomina(rng, c):
    options = [("nomina della Commissione elettorale comunale",
                "componenti effettivi della Commissione elettorale comunale", 3, 1,
                "Visti gli artt. 12 e 13 del D.P.R. 20 marzo 1967, n. 223, che prevedono "
                "l'elezione di tre componenti effettivi con voto limitato a un solo nominativo, "
                "in modo da assicurare la rappresentanza della minoranza;"),
               ("nomina dei componenti della Commissione comunale per la formazione degli "
                "elenchi dei giudici popolari",
                "componenti della Commissione per i giudici popolari", 2, 1,
                "Visto l'art. 13 della legge 10 aprile 1951, n. 287;"),
               ("nomina dei rappresentanti del Consiglio nell'assemblea %s"
                % prep("di", rng.choice(CONSORZI)), "rappresentanti del Consiglio", 2, 1,
                "Visto l'art. 42, comma 2, lettera m), del %s;" % TUEL),
               ("elezione del Presidente del Consiglio", "Presidente del Consiglio", 1, 1,
                "Visto l'art. 39 del %s, che prevede l'elezione del Presidente del Consiglio "
                "tra i consiglieri nella prima seduta;" % TUEL),
               ("costituzione della Commissione consiliare di controllo e garanzia",
                "componenti della Commissione di controllo e garanzia", 3, 2,
                "Visto l'art. 44 del %s, che affida alle opposizioni la presidenza delle "
                "commissioni consiliari aventi funzioni di controllo o di garanzia;" % TUEL)]
    if c.ente.kind != "comune":
        options = options[2:]  # no electoral or jury commissions outside the comuni
    if not c.ente.president_council:
        options = [o for o in options if "Presidente" not in o[1]]
    title, carica, posti, pref, law = rng.choice(options)
    og = cap(title) + "."
    pre = [law,
           "Premesso che si rende necessario procedere alla nomina a seguito %s;" % rng.choice(
               ["del rinnovo del Consiglio", "delle dimissioni dei precedenti componenti",
                "della scadenza del mandato dei precedenti rappresentanti"]),
           "Rilevato che la votazione si svolge a scrutinio segreto, come prevede il "
           "Regolamento del Consiglio per le deliberazioni concernenti persone;"]
    pre = pre[:1] + pick(rng, pre[1:], 1, 2) + closing_recitals(rng, c, False)
    outsiders = None
    if "rappresentanti" in carica and rng.random() < 0.4:
        outsiders = ["%s %s" % (rng.choice(FIRST_M + FIRST_F), rng.choice(SURNAMES))
                     for _ in range(4)]
    disp = ["di nominare %s i %s risultati eletti nella votazione a scrutinio segreto "
            "riportata in narrativa;" % (carica, "candidati" if outsiders else "consiglieri")
            if "Presidente" not in carica else
            "di proclamare eletto Presidente del Consiglio il consigliere che ha riportato la "
            "maggioranza prescritta nella votazione riportata in narrativa;",
            "di comunicare l'esito della nomina agli interessati e agli enti competenti."]
    disp = disp[:rng.randint(1, 2)]
    maj = None
    if "Presidente" in carica:
        maj = rng.choice([None, "assegnati", "assegnati", "due_terzi_assegnati"])
    votes = [vote("elezione: " + carica if rng.random() < 0.3 else "elezione", "election",
                  tipo="elezione", mode="segreta", carica=carica, posti=posti, pref=pref,
                  maggioranza=maj, outsiders=outsiders)]
    if rng.random() < 0.5:
        votes.append(ie_vote())
    return Plan(og, pre, disp, votes, disc_prob=0.5, kind="nomina")


def k_cittadinanza(rng, c):
    male = rng.random() < 0.55
    who = "%s %s" % (rng.choice(FIRST_M if male else FIRST_F), rng.choice(SURNAMES))
    sig = "sig." if male else "sig.ra"
    what = rng.choice(["della cittadinanza onoraria", "della civica benemerenza"])
    og = "Conferimento %s al%s %s %s." % (what, "" if male else "la", sig, who)
    merit = rng.choice(["ha coordinato per oltre trent'anni i volontari della protezione civile",
                        "ha promosso la conoscenza della storia e delle tradizioni locali",
                        "si è distinto nella ricerca medica di rilievo internazionale",
                        "ha dedicato la propria attività all'assistenza delle persone fragili",
                        "ha rappresentato la comunità in competizioni sportive internazionali"])
    pre = ["Premesso che il Regolamento per il conferimento delle civiche onorificenze prevede "
           "che esse possano essere conferite a persone che si siano distinte a beneficio della "
           "comunità;",
           "Considerato che %s %s %s;" % (sig, who, merit),
           "Vista la proposta della Conferenza dei capigruppo consiliari;",
           "Rilevato che, trattandosi di deliberazione concernente persone, la votazione si "
           "svolge a scrutinio segreto;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c, False)
    disp = ["di conferire %s al%s %s %s, per le motivazioni espresse in premessa;" % (
        what[5:] if what.startswith("della ") else what, "" if male else "la", sig, who),
            "di demandare al %s la consegna della pergamena in una cerimonia pubblica."
            % c.ente.head_title]
    disp = disp[:rng.randint(1, 2)]
    votes = [vote("intera deliberazione", "secret", mode="segreta", cons=0.8)]
    return Plan(og, pre, disp, votes, disc_prob=0.5, kind="cittadinanza")


def k_tributi(rng, c):
    y = c.fin_year
    which = rng.randint(0, 2)
    if which == 0:
        og = "Approvazione delle tariffe della tassa sui rifiuti (TARI) per l'anno %d." % y
        pre = ["Vista la legge 27 dicembre 2013, n. 147, che ha istituito la tassa sui rifiuti "
               "(TARI), e in particolare l'art. 1, comma 683;",
               "Visto il Piano economico finanziario del servizio di gestione dei rifiuti urbani "
               "validato dall'Ente territorialmente competente, per un costo complessivo di "
               "euro %s;" % euro(rng.randint(200, 6000) * 100000),
               "Considerato che le tariffe devono assicurare la copertura integrale dei costi "
               "del servizio;"]
        disp = ["di approvare le tariffe della TARI per l'anno %d, come da prospetto allegato;"
                % y, "di stabilire la riscossione in %s rate;"
                % rng.choice(["due", "tre", "quattro"])]
        ann = [("Tariffe TARI %d" % y, "prospetto")]
    elif which == 1:
        al = rng.choice(["0,5", "0,6", "0,7", "0,8"])
        og = "Determinazione dell'aliquota dell'addizionale comunale all'IRPEF per l'anno %d." % y
        pre = ["Visto il D.Lgs. 28 settembre 1998, n. 360, istitutivo dell'addizionale comunale "
               "all'imposta sul reddito delle persone fisiche;",
               "Ritenuto di %s l'aliquota nella misura dello %s per cento;" % (
                   rng.choice(["confermare", "determinare"]), al),
               "Considerato che il gettito stimato ammonta a euro %s;" % euro(
                   rng.randint(100, 4000) * 100000)]
        disp = ["di determinare per l'anno %d l'aliquota dell'addizionale comunale all'IRPEF "
                "nella misura dello %s per cento;" % (y, al),
                "di stabilire una soglia di esenzione per i redditi fino a euro %s;" % euro(
                    rng.choice([10000, 12000, 15000]) * 100)]
        ann = []
    else:
        og = "Approvazione delle aliquote dell'imposta municipale propria (IMU) per l'anno %d." % y
        pre = ["Vista la legge 27 dicembre 2019, n. 160, art. 1, commi da 739 a 783, che "
               "disciplina l'imposta municipale propria;",
               "Visto il prospetto delle aliquote elaborato tramite l'applicazione del Portale "
               "del federalismo fiscale;",
               "Considerato il fabbisogno finanziario dell'Ente per l'esercizio %d;" % y]
        disp = ["di approvare per l'anno %d le aliquote dell'IMU nella misura indicata nel "
                "prospetto allegato;" % y,
                "di trasmettere la presente deliberazione al Ministero dell'Economia e delle "
                "Finanze mediante il Portale del federalismo fiscale."]
        ann = [("Prospetto delle aliquote IMU %d" % y, "relazione")]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c)
    disp = disp[:rng.randint(1, len(disp))]
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.1, ie=0.7), ann,
                disc_prob=0.5, kind="tributi")


def k_debito(rng, c):
    n = rng.randint(100, 2500)
    og = ("Riconoscimento della legittimità del debito fuori bilancio derivante dalla sentenza "
          "n. %d/%d del Tribunale ordinario (art. 194, comma 1, lett. a), del D.Lgs. n. "
          "267/2000)." % (n, c.year - rng.randint(0, 2)))
    amt = rng.randint(1500, 250000) * 100 + rng.randint(0, 99)
    pre = ["Visto l'art. 194 del %s, che disciplina il riconoscimento della legittimità dei "
           "debiti fuori bilancio derivanti da sentenze esecutive;" % TUEL,
           "Premesso che con la sentenza citata l'Ente è stato condannato al pagamento della "
           "somma di euro %s, oltre interessi e spese;" % euro(amt),
           "Considerato che il riconoscimento è atto dovuto, al fine di evitare ulteriori oneri "
           "a carico dell'Ente;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c)
    disp = ["di riconoscere la legittimità del debito fuori bilancio di euro %s;" % euro(amt),
            "di trasmettere la presente deliberazione alla competente Procura regionale della "
            "Corte dei conti ai sensi dell'art. 23, comma 5, della legge 27 dicembre 2002, n. 289."]
    return Plan(og, pre, disp[:rng.randint(1, 2)],
                ordinary_votes(rng, c, 2, 0.3, ie=0.6), [], disc_prob=0.4, kind="debito")


def k_urbanistica(rng, c):
    f = rng.choice(FRAZIONI)
    og = "Adozione della variante parziale n. %d al Piano regolatore generale in località %s." % (
        rng.randint(1, 25), f)
    pre = ["Premesso che l'Ente è dotato di Piano regolatore generale approvato con %s;"
           % prev_act(rng, c, back=(2000, 8000)),
           "Considerato che la variante interessa le aree in località %s e non incide sulle "
           "previsioni strutturali del piano;" % f,
           "Visto il rapporto preliminare per la verifica di assoggettabilità alla valutazione "
           "ambientale strategica;",
           "Richiamato l'art. 78, comma 2, del %s, che impone agli amministratori di astenersi "
           "dal prendere parte alla discussione e alla votazione di delibere riguardanti "
           "interessi propri o di loro parenti o affini fino al quarto grado;" % TUEL]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c)
    disp = ["di adottare la variante parziale al Piano regolatore generale in località %s, "
            "costituita dagli elaborati depositati agli atti;" % f,
            "di disporre il deposito della variante presso la segreteria per trenta giorni "
            "consecutivi, durante i quali chiunque può presentare osservazioni;",
            "di dare mandato al Responsabile del servizio urbanistica per gli adempimenti "
            "conseguenti."]
    disp = disp[:rng.randint(1, 3)]
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.25, ie=0.4, amend=0.25),
                [("Relazione illustrativa della variante", "relazione")], np_prob=0.45,
                disc_prob=0.7, kind="urbanistica")


def k_verbali(rng, c):
    d = c.date - datetime.timedelta(days=rng.randint(15, 60))
    og = "Approvazione dei verbali della seduta %s." % del_date(d)
    pre = ["Visto il Regolamento del Consiglio, che prevede l'approvazione dei verbali delle "
           "sedute precedenti;",
           "Dato atto che i verbali sono stati depositati a disposizione dei consiglieri;"]
    disp = ["di approvare i verbali della seduta %s, nel testo depositato agli atti." %
            del_date(d)]
    return Plan(og, pick(rng, pre, 1, 2), disp,
                [vote("intera deliberazione", "unanimous" if rng.random() < 0.6 else "approve",
                      cons=0.95)], disc_prob=0.0, kind="verbali")


def k_statuto(rng, c):
    art = rng.randint(5, 60)
    og = "Modifica dell'articolo %d dello Statuto." % art
    pre = ["Visto l'art. 6, comma 4, del %s, che prevede che gli statuti siano deliberati con "
           "il voto favorevole dei due terzi dei consiglieri assegnati;" % TUEL,
           "Considerato che la modifica proposta adegua la disciplina degli istituti di "
           "partecipazione alle disposizioni sopravvenute;",
           "Vista la proposta della Commissione consiliare per lo Statuto e i regolamenti;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c, False)
    disp = ["di approvare la modifica dell'articolo %d dello Statuto nel testo riportato in "
            "allegato;" % art,
            "di disporre la pubblicazione dello Statuto modificato nel Bollettino ufficiale "
            "della Regione e la sua affissione all'Albo pretorio per trenta giorni consecutivi."]
    votes = [vote("intera deliberazione", "approve", cons=0.7, maggioranza="due_terzi_assegnati")]
    return Plan(og, pre, disp[:rng.randint(1, 2)], votes,
                [("Statuto, testo coordinato con la modifica dell'articolo %d" % art,
                  "regolamento")], disc_prob=0.6,
                kind="statuto")


def k_dup(rng, c):
    y = c.fin_year + (1 if c.date.month >= 7 else 0)
    og = "Approvazione del Documento unico di programmazione (DUP) %d-%d." % (y, y + 2)
    pre = ["Visto l'art. 170 del %s, che disciplina il Documento unico di programmazione;" % TUEL,
           "Visto il principio contabile applicato della programmazione, allegato 4/1 al D.Lgs. "
           "23 giugno 2011, n. 118;",
           "Vista la %s, di presentazione del DUP al Consiglio;" % prev_act(
               rng, c, "della Giunta", (10, 40))]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c)
    disp = ["di approvare il Documento unico di programmazione %d-%d, allegato alla presente "
            "deliberazione;" % (y, y + 2)]
    return Plan(og, pre, disp, ordinary_votes(rng, c, 1, 0.1, ie=0.6),
                [("Documento unico di programmazione %d-%d" % (y, y + 2), "relazione")],
                disc_prob=0.6, kind="dup")


def k_opere(rng, c):
    y = c.fin_year
    law = ("art. 37 del D.Lgs. 31 marzo 2023, n. 36" if c.date.year >= 2023 else
           "art. 21 del D.Lgs. 18 aprile 2016, n. 50")
    og = ("Approvazione del programma triennale dei lavori pubblici %d-%d e dell'elenco "
          "annuale %d." % (y, y + 2, y))
    pre = ["Visto l'%s, che disciplina la programmazione dei lavori pubblici;" % law,
           "Considerato che lo schema di programma è stato pubblicato per sessanta giorni sul "
           "profilo del committente;",
           "Dato atto che il programma comprende %d interventi di importo superiore a euro "
           "150.000,00;" % rng.randint(2, 12)]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c)
    disp = ["di approvare il programma triennale dei lavori pubblici %d-%d e l'elenco annuale "
            "%d;" % (y, y + 2, y),
            "di pubblicare il programma sul profilo del committente e sulla piattaforma "
            "dell'Autorità nazionale anticorruzione."]
    return Plan(og, pre, disp[:rng.randint(1, 2)], ordinary_votes(rng, c, 2, 0.2, ie=0.5),
                [("Schede del programma triennale", "relazione")], kind="opere")


def k_alienazioni(rng, c):
    y = c.fin_year
    og = "Approvazione del piano delle alienazioni e valorizzazioni immobiliari %d-%d." % (y, y + 2)
    pre = ["Visto l'art. 58 del D.L. 25 giugno 2008, n. 112, convertito dalla legge 6 agosto "
           "2008, n. 133;",
           "Considerato che gli immobili inseriti nel piano non sono strumentali all'esercizio "
           "delle funzioni istituzionali;",
           "Ritenuto di valorizzare il patrimonio immobiliare dell'Ente anche mediante "
           "alienazione;"]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c)
    disp = ["di approvare il piano delle alienazioni e valorizzazioni immobiliari %d-%d, che "
            "comprende %d immobili per un valore stimato di euro %s;" % (
                y, y + 2, rng.randint(1, 9), euro(rng.randint(50, 3000) * 100000))]
    return Plan(og, pre, disp, ordinary_votes(rng, c, 1, 0.2, ie=0.5), kind="alienazioni")


def k_linee(rng, c):
    y = c.mandate_start
    og = "Presentazione delle linee programmatiche di mandato per il quinquennio %d-%d." % (
        y, y + 5)
    pre = ["Dato atto che l'art. 46, comma 3, del %s stabilisce che il %s presenti al Consiglio "
           "le linee programmatiche relative alle azioni e ai progetti da realizzare nel corso del "
           "mandato;" % (TUEL, c.ente.head_title),
           "Viste le linee programmatiche depositate, come da allegato alla presente "
           "deliberazione;",
           "Udita la relazione del %s;" % c.ente.head_title]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c, False)
    disp = ["di prendere atto delle linee programmatiche di mandato per il quinquennio %d-%d, "
            "come da allegato;" % (y, y + 5),
            "di esprimere apprezzamento per le linee programmatiche;",
            "di dare atto che la presente deliberazione costituisce mero atto di indirizzo."]
    disp = disp[:rng.randint(1, 3)]
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.05, ie=0.2, points=0.4),
                [("Linee programmatiche di mandato %d-%d" % (y, y + 5), "linee")],
                disc_prob=0.9, kind="linee")


def k_strade(rng, c):
    y = c.fin_year
    if rng.random() < 0.5:
        og = ("Approvazione del piano triennale degli interventi di manutenzione straordinaria "
              "della rete stradale %d-%d." % (y, y + 2))
        what = "la rete stradale di competenza, che si estende per %d chilometri" % rng.randint(
            400, 3200)
        ann = [("Elenco degli interventi sulla rete stradale", "relazione")]
    else:
        og = ("Approvazione del piano di dimensionamento della rete scolastica per l'anno "
              "scolastico %d/%d." % (y, y + 1))
        what = "gli istituti di istruzione secondaria di secondo grado del territorio"
        ann = [("Piano di dimensionamento della rete scolastica", "relazione")]
    pre = ["Visto l'art. 1, comma 85, della legge 7 aprile 2014, n. 56, che individua le funzioni "
           "fondamentali dell'Ente in materia di viabilità ed edilizia scolastica;",
           "Considerato che il piano riguarda %s;" % what,
           "Sentiti i Sindaci dei comuni interessati nella Conferenza %s;" % del_date(
               c.date - datetime.timedelta(days=rng.randint(15, 60)))]
    pre = base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c)
    disp = ["di approvare il piano allegato alla presente deliberazione;",
            "di demandare ai dirigenti competenti l'attuazione degli interventi previsti;",
            "di trasmettere il piano alla Regione."]
    disp = disp[:rng.randint(1, 3)]
    return Plan(og, pre, disp, ordinary_votes(rng, c, len(disp), 0.4, ie=0.5, points=0.2), ann,
                kind="strade")


# --- Giunta ---------------------------------------------------------------------------------

def g_schema_bilancio(rng, c):
    y = c.fin_year if c.date.month < 10 else c.fin_year + 1
    og = "Approvazione dello schema di bilancio di previsione finanziario %d-%d." % (y, y + 2)
    pre = ["Visto l'art. 174 del %s, che affida alla Giunta la predisposizione dello schema di "
           "bilancio di previsione;" % TUEL,
           "Viste le proposte di stanziamento formulate dai Responsabili dei servizi;"]
    disp = ["di approvare lo schema di bilancio di previsione finanziario %d-%d;" % (y, y + 2),
            "di trasmettere lo schema all'Organo di revisione per il parere di competenza;",
            "di presentare lo schema al Consiglio per l'approvazione."]
    return Plan(og, base_recitals(rng, c) + pick(rng, pre, 1, 2) + closing_recitals(rng, c),
                disp[:rng.randint(1, 3)], ordinary_votes(rng, c, 3, 1.0, ie=0.6), kind="g")


def g_progetto(rng, c):
    w = rng.choice(WORKS).format(s=rng.choice(SCHOOLS), st=rng.choice(STREETS),
                                 f=rng.choice(FRAZIONI))
    amt = rng.randint(40, 2500) * 100000
    cup = "%s%02d%s%06d" % (rng.choice("BCDEFGHJ"), c.year % 100, rng.choice("DEFH"),
                           rng.randint(0, 999999))
    og = "Approvazione del progetto esecutivo dei lavori di %s. CUP %s." % (w, cup)
    pre = ["Premesso che l'intervento di %s è inserito nel programma triennale dei lavori "
           "pubblici;" % w,
           "Visto il progetto esecutivo redatto dall'ufficio tecnico, con un quadro economico di "
           "euro %s;" % euro(amt),
           "Visto il verbale di verifica e validazione del progetto;",
           "Dato atto che l'intervento è finanziato %s;" % rng.choice(
               ["con fondi propri di bilancio", "con contributo regionale",
                "nell'ambito del Piano nazionale di ripresa e resilienza (PNRR)",
                "mediante avanzo di amministrazione"])]
    disp = ["di approvare il progetto esecutivo dei lavori di %s, con il quadro economico di "
            "euro %s;" % (w, euro(amt)),
            "di dare atto che il Responsabile unico del progetto è il Responsabile del servizio "
            "tecnico;", "di demandare al Responsabile del servizio l'avvio della procedura di "
            "affidamento."]
    return Plan(og, base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c),
                disp[:rng.randint(1, 3)], ordinary_votes(rng, c, 3, 1.0, ie=0.7),
                [("Quadro economico dell'intervento", "relazione")], kind="g")


def g_contributo(rng, c):
    a = rng.choice(ASSOCS).format(t=c.town)
    ev = rng.choice(EVENTS)
    amt = rng.randint(5, 150) * 10000
    og = "Concessione di un contributo %s per l'iniziativa \"%s\" %d." % (
        prep("a", a), ev, c.year)
    pre = ["Vista l'istanza presentata %s, acquisita al protocollo il %s;" % (
        prep("da", a), date_it(c.date - datetime.timedelta(days=rng.randint(10, 50)))),
           "Visto il Regolamento per la concessione di contributi e vantaggi economici;",
           "Considerato che l'iniziativa valorizza le tradizioni locali e la socialità;"]
    disp = ["di concedere un contributo di euro %s %s;" % (euro(amt), prep("a", a)),
            "di demandare al Responsabile del servizio l'adozione dell'impegno di spesa."]
    return Plan(og, base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c),
                disp[:rng.randint(1, 2)], ordinary_votes(rng, c, 2, 1.0, ie=0.5),
                np_prob=0.2, disc_prob=0.0, kind="g")


def g_giudizio(rng, c):
    party = "%s %s" % (rng.choice(FIRST_M + FIRST_F), rng.choice(SURNAMES))
    og = ("Autorizzazione alla costituzione in giudizio nel ricorso promosso da %s avanti al "
          "Tribunale amministrativo regionale." % party)
    pre = ["Visto il ricorso notificato il %s, con il quale %s chiede l'annullamento di un "
           "provvedimento del servizio %s;" % (
               date_it(c.date - datetime.timedelta(days=rng.randint(10, 40))), party,
               rng.choice(["urbanistica", "tributi", "polizia locale", "commercio"])),
           "Ritenuto opportuno resistere in giudizio a tutela degli interessi dell'Ente;"]
    disp = ["di autorizzare il %s a costituirsi in giudizio;" % c.ente.head_title,
            "di affidare il patrocinio a un legale del libero foro, individuato dal Responsabile "
            "del servizio."]
    return Plan(og, base_recitals(rng, c) + pre + closing_recitals(rng, c),
                disp[:rng.randint(1, 2)], ordinary_votes(rng, c, 2, 1.0, ie=0.9), disc_prob=0.0,
                kind="g")


def g_personale(rng, c):
    y = c.fin_year
    og = rng.choice(["Approvazione del piano triennale dei fabbisogni di personale %d-%d.",
                     "Approvazione del Piano integrato di attività e organizzazione (PIAO) "
                     "%d-%d."]) % (y, y + 2)
    pre = ["Visto l'art. 6 del D.Lgs. 30 marzo 2001, n. 165;",
           "Visto l'art. 6 del D.L. 9 giugno 2021, n. 80, istitutivo del PIAO;",
           "Considerato il rispetto dei limiti di spesa di personale;",
           "Acquisito il parere dell'Organo di revisione;"]
    disp = ["di approvare il piano allegato alla presente deliberazione;",
            "di trasmettere il piano al Dipartimento della Funzione pubblica."]
    return Plan(og, base_recitals(rng, c) + pick(rng, pre, 2, 4) + closing_recitals(rng, c),
                disp[:rng.randint(1, 2)], ordinary_votes(rng, c, 2, 1.0, ie=0.6),
                [("Piano allegato", "relazione")], kind="g")


def g_tariffe(rng, c):
    y = c.fin_year
    og = ("Determinazione delle tariffe dei servizi pubblici a domanda individuale per "
          "l'anno %d." % y)
    pre = ["Visto l'art. 172, comma 1, lettera c), del %s;" % TUEL,
           "Visto il decreto del Ministro dell'Interno 31 dicembre 1983, che individua i servizi "
           "a domanda individuale;",
           "Considerato che il tasso di copertura dei costi è pari al %d per cento;" % rng.randint(
               35, 90)]
    disp = ["di determinare per l'anno %d le tariffe dei servizi a domanda individuale come da "
            "prospetto allegato;" % y]
    return Plan(og, base_recitals(rng, c) + pick(rng, pre, 2, 3) + closing_recitals(rng, c),
                disp, ordinary_votes(rng, c, 1, 1.0, ie=0.6),
                [("Prospetto delle tariffe", "prospetto")], kind="g")


def g_evento(rng, c):
    ev = rng.choice(EVENTS)
    og = "Atto di indirizzo per l'organizzazione della manifestazione \"%s\" %d." % (ev, c.year)
    pre = ["Premesso che la manifestazione \"%s\" è un appuntamento consolidato della vita "
           "cittadina;" % ev,
           "Considerato che l'Amministrazione intende sostenere le iniziative di promozione "
           "del territorio;"]
    disp = ["di esprimere indirizzo favorevole all'organizzazione della manifestazione;",
            "di demandare ai Responsabili dei servizi gli atti gestionali conseguenti."]
    return Plan(og, base_recitals(rng, c) + pre + closing_recitals(rng, c, False),
                disp[:rng.randint(1, 2)], ordinary_votes(rng, c, 2, 1.0, ie=0.5),
                disc_prob=0.0, kind="g")


def g_variazione(rng, c):
    y = c.fin_year
    og = rng.choice(["Variazione del piano esecutivo di gestione %d-%d.",
                     "Prelevamento dal fondo di riserva per l'esercizio %d (bilancio %d-%d)."])
    og = og % ((y, y + 2) if og.count("%d") == 2 else (y, y, y + 2))
    pre = ["Visto l'art. 169 del %s, che disciplina il piano esecutivo di gestione;" % TUEL,
           "Visto l'art. 166 del %s, in materia di fondo di riserva;" % TUEL,
           "Considerate le richieste dei Responsabili dei servizi;"]
    disp = ["di approvare le variazioni come da prospetto allegato;",
            "di comunicare la presente deliberazione al Consiglio nella prima seduta utile."]
    return Plan(og, base_recitals(rng, c) + pick(rng, pre, 1, 3) + closing_recitals(rng, c),
                disp[:rng.randint(1, 2)], ordinary_votes(rng, c, 2, 1.0, ie=0.8),
                [("Prospetto delle variazioni", "prospetto")], disc_prob=0.0, kind="g")


def council_kinds(c):
    """(weight, function) for an act of this council at this date."""
    m = c.date.month
    kinds = [(4 if m in (11, 12, 1, 2, 3) else 0.6, k_bilancio),
             (4 if m in (4, 5, 6) else 0.3, k_rendiconto),
             (5, k_variazione),
             (4 if m == 7 else 0.3, k_assestamento),
             (4, k_regolamento), (3, k_convenzione), (3, k_mozione), (1.2, k_nomina),
             (3, k_verbali), (2, k_debito), (0.4, k_statuto), (1.5, k_opere),
             (2.5 if m in (7, 8, 9, 10, 11) else 0.5, k_dup), (1, k_alienazioni)]
    if c.ente.kind in ("metro", "provincia"):
        kinds += [(4, k_strade)]
        if c.months_into_mandate < 8:
            kinds += [(6, k_linee)]
    else:
        kinds += [(3, k_tributi) if c.ente.kind == "comune" else (0.5, k_tributi),
                  (2 if c.ente.kind == "comune" else 0.3, k_urbanistica),
                  (0.8, k_cittadinanza)]
        if c.months_into_mandate < 5:
            kinds += [(8, k_linee)]
    return kinds


def giunta_kinds(c):
    m = c.date.month
    return [(3 if m in (10, 11, 12, 1, 2) else 0.5, g_schema_bilancio), (5, g_progetto),
            (4, g_contributo), (2, g_giudizio), (1.5, g_personale),
            (2 if m in (11, 12, 1, 2) else 0.5, g_tariffe), (2, g_evento), (4, g_variazione)]


def weighted(rng, pairs):
    total = sum(w for w, _ in pairs)
    x = rng.random() * total
    for w, f in pairs:
        x -= w
        if x < 0:
            return f
    return pairs[-1][1]


# ------------------------------------------------------------------------------------------
# Rules: the same arithmetic as src/rules.c, to write stated figures and steer outcomes
# ------------------------------------------------------------------------------------------

def ceil_div(a, b):
    return 0 if a <= 0 else (a + b - 1) // b


class Rules:
    def __init__(self, preset="tuel"):
        self.preset = preset
        self.ast_votanti = preset == "torino_metropolitana"
        self.np_assenti = preset == "torino_metropolitana"
        self.maggioranza = "votanti"
        self.parita_pres = False
        self.nl = "meta_piu_uno"
        self.nl2 = None  # None: as nl
        self.emit = None  # None (key omitted), a preset name, or a list of (key, value)

    def quorum(self, assigned, seconda):
        kind = self.nl2 if seconda and self.nl2 is not None else self.nl
        if isinstance(kind, int):
            return kind
        return {"meta_piu_uno": assigned // 2 + 1, "meta": ceil_div(assigned, 2),
                "terzo": ceil_div(assigned, 3),
                "terzo_consiglieri": ceil_div(assigned - 1, 3)}[kind]


def threshold(maj, presenti, votanti, assegnati, contrari):
    return {"relativa": contrari + 1, "votanti": votanti // 2 + 1,
            "presenti": presenti // 2 + 1, "assegnati": assegnati // 2 + 1,
            "due_terzi_assegnati": ceil_div(2 * assegnati, 3),
            "due_terzi_votanti": ceil_div(2 * votanti, 3)}[maj]


def tally(s, v, fav, con, ast, in_aula, np, bianche=0, nulle=0, pres_side=None):
    """The figures verbale computes for a vote that is not an election."""
    r = s.rules
    t = {"presenti": in_aula - (np if r.np_assenti else 0)}
    maj = v["maggioranza"] or ("assegnati" if v["tipo"] == "immediata_eseguibilita"
                               else r.maggioranza)
    if v["mode"] == "segreta":
        votanti = fav + con + bianche + nulle
        ast = max(0, in_aula - np - votanti)
    else:
        votanti = fav + con + (ast if r.ast_votanti else 0)
    t.update(votanti=votanti, favorevoli=fav, contrari=con, astenuti=ast)
    soglia = threshold(maj, t["presenti"], votanti, s.assigned, con)
    tie = fav == con and fav > 0
    if t["presenti"] < s.quorum:
        esito = "non valida"
    elif tie:
        esito = "respinta"
        if r.parita_pres and pres_side:
            esito = "approvata" if pres_side == "F" else "respinta"
    else:
        esito = "approvata" if fav >= soglia else "respinta"
    t["esito"] = esito
    t["tie"] = tie
    t["soglia"] = soglia
    return t


# ------------------------------------------------------------------------------------------
# Institutions, members, mandates
# ------------------------------------------------------------------------------------------

class Member:
    __slots__ = ("nome", "cognome", "sex", "ruolo", "group", "ref", "key")

    def __init__(self, nome, cognome, sex, group="maj"):
        self.nome, self.cognome, self.sex, self.group = nome, cognome, sex, group
        self.ruolo = None
        self.ref = cognome
        self.key = fold(cognome)

    def full(self):
        return "%s %s" % (self.nome, self.cognome)


def set_refs(members):
    """Refer to members by surname, or by "Nome Cognome" when the surname is shared."""
    count = {}
    for m in members:
        count[fold(m.cognome)] = count.get(fold(m.cognome), 0) + 1
    for m in members:
        m.ref = m.cognome if count[fold(m.cognome)] == 1 else m.full()
        m.key = fold(m.cognome) + "|" + fold(m.nome)


def new_person(rng, used_full, used_surnames, sex=None, surname=None):
    """A new person; surname: the surname to share with a member already chosen."""
    if sex is None:
        sex = "f" if rng.random() < 0.4 else "m"
    for _ in range(200):
        nome = rng.choice(FIRST_F if sex == "f" else FIRST_M)
        cognome = surname or rng.choice(SURNAMES)
        if (fold(cognome) in used_surnames and surname is None) or \
                fold(nome + " " + cognome) in used_full:
            continue
        used_full.add(fold(nome + " " + cognome))
        used_surnames.add(fold(cognome))
        return nome, cognome, sex
    raise RuntimeError("out of names")


class Organ:
    def __init__(self, name, slug, giunta, numbering):
        self.name, self.slug, self.giunta, self.numbering = name, slug, giunta, numbering

    def number(self, n, year):
        f = self.numbering
        if f == "plain":
            return str(n)
        if f == "slash":
            return "%d/%d" % (n, year)
        return "%s %d" % (f, n)


class Ente:
    pass


def make_ente(rng, kind, town, uname=None, torino=False):
    """kind: comune, provincia, metro or unione; for an unione, town is its area's name."""
    e = Ente()
    e.kind, e.town = kind, town
    g = rng.random() < 0.5  # gendered role names ("Consigliera", "Sindaca")
    e.gendered = g
    if kind == "comune":
        e.name = "Comune di " + town
        cls = rng.choices(range(5), weights=[3, 4, 3, 2, 1])[0]
        e.ncons = [10, 12, 16, 24, 32][cls]
        e.nass = [2, 4, 5, 7, 9][cls]
        e.council = "Consiglio comunale"
        e.head_title = "Sindaco"
        e.president_council = cls >= 2
        cn = rng.choice(["plain", "plain", "DCC", "slash"])
        gn = {"plain": "plain", "DCC": "DGC", "slash": "slash"}[cn]
        e.organs = [Organ("Consiglio comunale", "consiglio-comunale", False, cn),
                    Organ("Giunta comunale", "giunta-comunale", True, gn)]
        start = rng.choice([2019, 2020, 2021, 2021, 2022, 2023, 2024])
        month = 9 if start == 2020 else rng.choice([5, 6, 6])
        e.elections = [datetime.date(start + 5 * k, month, rng.randint(3, 27))
                       for k in (-2, -1, 0, 1)]
    elif kind == "provincia":
        e.name = "Provincia di " + town
        e.ncons = rng.choice([10, 12, 16])
        e.council = "Consiglio provinciale"
        e.head_title = "Presidente della Provincia"
        e.president_council = False
        e.organs = [Organ("Consiglio provinciale", "consiglio-provinciale", False,
                          rng.choice(["plain", "DCP"]))]
        start = rng.choice([2018, 2019, 2020, 2021])
        e.elections = [datetime.date(start + 4 * k, rng.choice([10, 12]), rng.randint(3, 27))
                       for k in (-1, 0, 1, 2)]
    elif kind == "metro":
        e.name = "Città metropolitana di " + town
        e.ncons = rng.choice([14, 18, 24])
        e.council = "Consiglio metropolitano"
        e.head_title = "Sindaco metropolitano"
        e.president_council = False
        e.organs = [Organ("Consiglio metropolitano", "consiglio-metropolitano", False,
                          rng.choice(["DEL_CONS", "DEL_CONS", "plain"]))]
        start = rng.choice([2016, 2017])
        e.elections = [datetime.date(start + 5 * k, 12, rng.randint(3, 20)) for k in (0, 1, 2)]
    else:
        e.name = uname
        e.ncons = rng.choice([11, 15, 19, 23, 29, 39])  # plus the president: 12 to 40
        e.council = "Consiglio dell'Unione"
        e.head_title = "Presidente dell'Unione"
        e.president_council = rng.random() < 0.5
        e.nass = rng.randint(3, 7) - 1
        cn = rng.choice(["plain", "DCU"])
        e.organs = [Organ("Consiglio dell'Unione", "consiglio-unione", False, cn),
                    Organ("Giunta dell'Unione", "giunta-unione", True,
                          "DGU" if cn == "DCU" else "plain")]
        start = rng.choice([2019, 2020, 2021, 2022, 2024])
        e.elections = [datetime.date(start + 5 * k, rng.choice([7, 9]), rng.randint(3, 27))
                       for k in (-2, -1, 0, 1)]
        e.towns = rng.sample(UNION_TOWNS, e.nass + 1)
    e.slug = slugify(e.name)
    e.street = rng.choice(STREETS)
    e.civic = rng.randint(1, 40)
    e.upper = rng.random() < 0.7
    e.alpha = rng.random() < 0.3
    e.no_ruolo = rng.random() < 0.1
    e.flow_members = rng.random() < 0.75
    e.sistema = rng.choice(["per alzata di mano", "per alzata di mano",
                            "mediante l'utilizzo di sistemi elettronici", "in forma palese", None])
    e.dich = rng.choice([0.0, 0.15, 0.4, 0.8])
    e.nota = rng.choice([None, "Firmato digitalmente", "Firmato digitalmente",
                         "Firmato digitalmente ai sensi del D.Lgs. 7 marzo 2005, n. 82"])
    e.seg_first = rng.random() < 0.4
    e.adunanza = rng.choice(["roman", "tipo", None])
    e.spiega = rng.choice([0.05, 0.2, 0.5])
    e.versione = rng.random() < 0.8
    e.rules = {}
    for o in e.organs:
        e.rules[o.slug] = make_rules(rng, e, o, torino)
    return e


def make_rules(rng, e, o, torino=False):
    r = Rules()
    x = rng.random()
    if o.giunta:
        if x < 0.4:
            return r
        if x < 0.6:
            r.emit = "tuel"
            return r
        items = [("base", "tuel")]
        if rng.random() < 0.5:
            r.parita_pres = True
            items.append(("parita", "voto_presidente"))
        items.append(("fonte", "Regolamento di funzionamento della Giunta, art. %d"
                      % rng.randint(3, 12)))
        r.emit = items
        return r
    preset = "tuel"
    if e.kind == "metro" and (torino or rng.random() < 0.7):
        preset = "torino_metropolitana"
    r = Rules(preset)
    if x < 0.25 and preset == "tuel":
        return r
    if x < 0.6:
        r.emit = preset
        return r
    items = [("base", preset)]
    if rng.random() < 0.35:
        r.nl2 = rng.choice(["terzo_consiglieri", "terzo"])
        items.append(("numero_legale_seconda", r.nl2))
    if rng.random() < 0.15 and preset == "tuel":
        r.ast_votanti = True
        items.append(("astenuti", "votanti"))
    if rng.random() < 0.06:
        r.maggioranza = "presenti"
        items.append(("maggioranza", "presenti"))
    if rng.random() < 0.08:
        r.parita_pres = True
        items.append(("parita", "voto_presidente"))
    items.append(("fonte", "Regolamento del %s, art. %d" % (e.council, rng.randint(8, 60))))
    r.emit = items
    return r


class Roster:
    pass


def role(e, m, masc, fem):
    return fem if (e.gendered and m.sex == "f") else masc


ROSTERS = {}


def council_roster(seed, e, mandate):
    key = (e.slug, "council", mandate)
    if key in ROSTERS:
        return ROSTERS[key]
    rng = random.Random("%s|roster|%s|%d" % (seed, e.slug, mandate))
    used_full, used_sur = set(), set()
    R = Roster()
    n = e.ncons
    if e.kind == "comune":
        nmaj = (2 * n + 2) // 3
    elif e.kind == "unione":
        nmaj = int(n * rng.uniform(0.6, 0.8))
    else:
        nmaj = int(n * rng.uniform(0.5, 0.65)) + 1
    nopp = n - nmaj
    head = Member(*new_person(rng, used_full, used_sur))
    head.group = "maj"
    mem = []
    dup_at = rng.randint(4, n - 1) if n >= 8 and rng.random() < 0.25 else -1
    for i in range(n):
        dup = i == dup_at
        m = Member(*new_person(rng, used_full, used_sur,
                               surname=rng.choice(mem).cognome if dup else None))
        m.group = "maj" if i < nmaj else "opp"
        mem.append(m)
    t = e.town
    pats = rng.sample(GROUP_PATTERNS, 4)
    R.maj_groups = [pats[0].format(t=t)]
    nog = 1 if nopp < 3 else rng.choice([1, 2, 2, 3])
    R.opp_groups = [p.format(t=t) for p in pats[1:1 + nog]]
    for i, m in enumerate(x for x in mem if x.group == "opp"):
        m.group = "opp%d" % (i % nog)
    # roles
    if e.kind == "comune":
        head.ruolo = role(e, head, "Sindaco", "Sindaca")
        for m in mem:
            m.ruolo = role(e, m, "Consigliere", "Consigliera")
    elif e.kind == "provincia":
        head.ruolo = role(e, head, "Presidente della Provincia", "Presidente della Provincia")
        for m in mem:
            m.ruolo = role(e, m, "Consigliere provinciale", "Consigliera provinciale")
    elif e.kind == "metro":
        head.ruolo = role(e, head, "Sindaco metropolitano", "Sindaca metropolitana")
        for m in mem:
            m.ruolo = role(e, m, "Consigliere", "Consigliera")
    else:
        head.ruolo = "Presidente dell'Unione"
        towns = e.towns[1:]
        sindaci = [m for m in mem if m.group == "maj"][:len(towns)]
        for m, tw in zip(sindaci, towns):
            m.ruolo = role(e, m, "Sindaco di ", "Sindaca di ") + tw
        for m in mem:
            if m.ruolo is None:
                m.ruolo = role(e, m, "Consigliere", "Consigliera")
        R.sindaci = sindaci
    majs = [m for m in mem if m.group == "maj"]
    opps = [m for m in mem if m.group != "maj"]
    if e.president_council:
        R.pres = majs[0]
        R.pres_title = "Presidente del " + e.council
        R.vice = opps[0] if opps and rng.random() < 0.6 else majs[1]
        R.vice_title = "Vicepresidente del " + e.council
        if rng.random() < 0.4 and e.kind == "comune":
            R.pres.ruolo = role(e, R.pres, "Presidente del Consiglio", "Presidente del Consiglio")
    else:
        R.pres = head
        R.pres_title = {"comune": role(e, head, "Sindaco", "Sindaca"),
                        "provincia": "Presidente della Provincia",
                        "metro": role(e, head, "Sindaco metropolitano", "Sindaca metropolitana"),
                        "unione": "Presidente dell'Unione"}[e.kind]
        R.vice = majs[0]
        R.vice_title = {"comune": role(e, R.vice, "Vicesindaco", "Vicesindaca"),
                        "provincia": "Vicepresidente della Provincia",
                        "metro": role(e, R.vice, "Vicesindaco metropolitano",
                                      "Vicesindaca metropolitana"),
                        "unione": "Vicepresidente dell'Unione"}[e.kind]
        if e.kind in ("metro", "provincia") and rng.random() < 0.5:
            R.vice.ruolo = R.vice_title
    body = mem if not e.alpha else sorted(mem, key=lambda m: (fold(m.cognome), fold(m.nome)))
    R.members = [head] + body
    if e.no_ruolo:
        for m in R.members:
            m.ruolo = None
    R.head = head
    set_refs(R.members)
    R.has_opp = bool(opps)
    R.used = (used_full, used_sur)
    sex = "f" if rng.random() < 0.5 else "m"
    R.secretary = new_person(rng, used_full, used_sur, sex)
    R.vicesecretary = new_person(rng, used_full, used_sur)
    kind = "comunale" if e.kind == "comune" and e.ncons <= 12 else "generale"
    R.sec_qual = ("Segretaria " if sex == "f" and e.gendered else "Segretario ") + kind
    R.vsec_qual = "Vicesegretario " + kind
    ROSTERS[key] = R
    return R


def giunta_roster(seed, e, mandate):
    key = (e.slug, "giunta", mandate)
    if key in ROSTERS:
        return ROSTERS[key]
    C = council_roster(seed, e, mandate)
    rng = random.Random("%s|giunta|%s|%d" % (seed, e.slug, mandate))
    used_full, used_sur = set(C.used[0]), set(C.used[1])
    R = Roster()
    head = Member(C.head.nome, C.head.cognome, C.head.sex)
    mem = []
    if e.kind == "unione":
        head.ruolo = "Presidente dell'Unione"
        for m in C.sindaci[:e.nass]:
            x = Member(m.nome, m.cognome, m.sex)
            x.ruolo = m.ruolo
            mem.append(x)
        while len(mem) < e.nass:
            x = Member(*new_person(rng, used_full, used_sur))
            x.ruolo = role(e, x, "Assessore", "Assessora")
            mem.append(x)
    else:
        head.ruolo = role(e, head, "Sindaco", "Sindaca")
        pool = [m for m in C.members[1:] if m.group == "maj" and m is not C.pres]
        k = min(len(pool), rng.randint(0, e.nass))
        for m in rng.sample(pool, k):
            mem.append(Member(m.nome, m.cognome, m.sex))
        while len(mem) < e.nass:
            mem.append(Member(*new_person(rng, used_full, used_sur)))
        deleghe = rng.sample(["al Bilancio", "ai Lavori pubblici", "alle Politiche sociali",
                              "all'Istruzione", "alla Cultura", "all'Ambiente", "allo Sport",
                              "all'Urbanistica", "al Commercio", "al Personale"], len(mem))
        for i, m in enumerate(mem):
            base = role(e, m, "Vicesindaco", "Vicesindaca") if i == 0 else \
                role(e, m, "Assessore", "Assessora")
            m.ruolo = base if rng.random() < 0.5 or i == 0 else base + " " + deleghe[i]
    R.members = [head] + mem
    if e.no_ruolo:
        for m in R.members:
            m.ruolo = None
    set_refs(R.members)
    R.head = head
    R.pres = head
    R.pres_title = head.ruolo or role(e, head, "Sindaco", "Sindaca")
    R.vice = mem[0]
    R.vice_title = role(e, mem[0], "Vicesindaco", "Vicesindaca") if e.kind == "comune" else \
        "Vicepresidente dell'Unione"
    R.maj_groups, R.opp_groups = C.maj_groups, []
    R.has_opp = False
    R.secretary, R.vicesecretary = C.secretary, C.vicesecretary
    R.sec_qual, R.vsec_qual = C.sec_qual, C.vsec_qual
    ROSTERS[key] = R
    return R


# ------------------------------------------------------------------------------------------
# One sitting
# ------------------------------------------------------------------------------------------

class Ctx:
    pass


UNIQUE_KINDS = {"bilancio", "rendiconto", "assestamento", "dup", "linee", "verbali", "statuto",
                "opere", "alienazioni", "tributi"}


def stance_pick(rng, cons):
    if rng.random() < cons:
        return "F"
    return "C" if rng.random() < 0.6 else "A"


class Sitting:
    """Who is in the room at each vote, and the votes' lists."""

    def __init__(self, rng, members, rules, assigned, quorum, pres_idx):
        self.rng = rng
        self.members = members
        self.rules = rules
        self.assigned = assigned
        self.quorum = quorum
        self.pres = pres_idx

    # --- casting ------------------------------------------------------------------------

    def casts(self, v, voters):
        rng, mem = self.rng, self.members
        scen = v["scen"]
        out = {}
        if scen == "tie":
            opp = [i for i in voters if mem[i].group != "maj"]
            maj = [i for i in voters if mem[i].group == "maj"]
            if opp and maj:
                k = rng.randint(1, min(len(opp), len(maj)))
                fav = rng.sample(opp, k)
                con = rng.sample(maj, k)
                if self.rules.parita_pres and self.pres not in fav and self.pres not in con:
                    con[0] = self.pres if mem[self.pres].group == "maj" else con[0]
                    if self.pres not in con:
                        fav[0] = self.pres
            elif len(voters) >= 2 and self.pres in voters:  # a split inside a majority
                others = [i for i in voters if i != self.pres]
                rng.shuffle(others)
                k = rng.randint(1, len(voters) // 2)
                fav, con = [self.pres] + others[:k - 1], others[k - 1:2 * k - 1]
                if rng.random() < 0.2 and not v.get("must_pass"):
                    fav, con = con, fav
            else:
                fav = con = None
            if fav is not None:
                for i in voters:
                    out[i] = "F" if i in fav else "C" if i in con else "A"
                return out
            scen = "reject"
        groups = sorted(set(mem[i].group for i in voters))
        stance = {}
        for g in groups:
            if scen == "unanimous":
                stance[g] = "F"
            elif scen in ("approve", "ie"):
                stance[g] = "F" if g == "maj" else stance_pick(rng, 0.5 if scen == "ie"
                                                               else v["cons"])
            elif scen == "reject":
                stance[g] = "C" if g == "maj" else "F"
            else:  # fragile
                stance[g] = "F" if g == "maj" else "C"
        for i in voters:
            s = stance[mem[i].group]
            x = rng.random()
            if scen == "unanimous":
                pass
            elif scen == "fragile" and mem[i].group == "maj":
                s = "F" if x < 0.55 else "A" if x < 0.8 else "C"
            elif mem[i].group == "maj":
                if x < 0.04:
                    s = "A"
                elif x < 0.05:
                    s = "C" if scen != "reject" else "F"
            elif x < 0.08:
                s = rng.choice([y for y in "FCA" if y != s])
            out[i] = s
        if scen == "unanimous" and len(voters) > 3 and rng.random() < 0.08:
            out[rng.choice([i for i in voters if i != self.pres])] = "A"
        if self.rules.parita_pres and out.get(self.pres) == "A":
            out[self.pres] = "F"
        return out

    def open_tally(self, v, cast, in_aula, np):
        f = sum(1 for x in cast.values() if x == "F")
        c = sum(1 for x in cast.values() if x == "C")
        a = sum(1 for x in cast.values() if x == "A")
        return tally(self, v, f, c, a, in_aula, np, pres_side=cast.get(self.pres))

    def steer(self, v, cast, in_aula, np):
        """Move votes until the outcome is the one the scenario wants (when it can be)."""
        scen = v["scen"]
        want = "respinta" if scen in ("reject", "fragile", "tie") else "approvata"
        if scen == "tie":
            return
        mem = self.members
        for _ in range(len(cast) + 1):
            t = self.open_tally(v, cast, in_aula, np)
            if t["esito"] == want and not (t["tie"] and self.rules.parita_pres
                                           and cast.get(self.pres) not in ("F", "C")):
                return
            order = sorted(cast, key=lambda i: (mem[i].group == "maj", i))
            if want == "approvata":
                cand = [i for i in order if cast[i] == "A"] + [i for i in order if cast[i] == "C"]
                if not cand:
                    return
                cast[cand[0]] = "F"
            else:
                cand = [i for i in cast if cast[i] == "A" and mem[i].group == "maj"]
                if cand:
                    cast[cand[0]] = "C"
                    continue
                cand = [i for i in cast if cast[i] == "F" and i != self.pres]
                if not cand:
                    return
                cast[cand[-1]] = "A"

    def secret(self, v, voters, in_aula, np):
        rng = self.rng
        m = len(voters)
        ballots = m - (1 if m > 3 and rng.random() < 0.15 else 0)
        b = rng.choices([0, 1, 2], weights=[5, 3, 2])[0]
        n = rng.choices([0, 1], weights=[7, 3])[0]
        while b + n > 0 and b + n >= ballots - 1:
            if b:
                b -= 1
            else:
                n -= 1
        valid = ballots - b - n
        want = "respinta" if rng.random() < 0.06 else "approvata"
        f = rng.randint((valid + 1) // 2, valid) if want == "approvata" else \
            rng.randint(0, valid // 2)
        c = valid - f
        for _ in range(2 * ballots + 2):
            t = tally(self, v, f, c, 0, in_aula, np, b, n)
            tie_bad = t["tie"] and self.rules.parita_pres
            if t["esito"] == want and not tie_bad:
                break
            if want == "approvata" or tie_bad:
                if c:
                    c, f = c - 1, f + 1
                elif b:
                    b, f = b - 1, f + 1
                elif n:
                    n, f = n - 1, f + 1
                else:
                    break
            else:
                if f:
                    f, c = f - 1, c + 1
                else:
                    break
        return f, c, b, n

    def election(self, v, voters):
        """Ballots and candidates' votes for an election."""
        rng, mem = self.rng, self.members
        m = len(voters)
        ballots = m - (1 if m > 4 and rng.random() < 0.2 else 0)
        b = rng.choices([0, 1, 2, 3], weights=[4, 3, 2, 1])[0]
        n = rng.choices([0, 1], weights=[7, 3])[0]
        while b + n > 0 and b + n >= ballots - 1:
            if b:
                b -= 1
            else:
                n -= 1
        valid = ballots - b - n
        posti, pref = v["posti"], v["pref"]
        majv = [i for i in voters if mem[i].group == "maj"]
        share = len(majv) / max(1, len(voters))
        mv = min(valid, round(valid * share))
        ov = valid - mv
        pool_maj = [i for i in majv if i != self.pres] or majv
        pool_opp = [i for i in voters if mem[i].group != "maj"]
        outsiders = v.get("outsiders")
        if posti == 1:
            km, ko = 1, (1 if pool_opp and rng.random() < 0.6 else 0)
            if v.get("maggioranza") and rng.random() < 0.6:
                mv, ov = valid, 0  # a president elected by (almost) everyone
                ko = 0
        else:
            ko = 1 if pool_opp else 0  # the minority concentrates on one name
            km = max(1, posti - ko) if pref == 1 else max(pref, posti - ko)
        if not ko:
            mv, ov = valid, 0
        if posti >= 2 and ko == 1 and ov >= 2 and ov % 2 == 0 and len(pool_opp) >= 2 and \
                rng.random() < 0.12:
            ko = 2  # the minority splits evenly: a tie for the last seat
        cm = [("p", i) for i in rng.sample(pool_maj, min(km, len(pool_maj)))]
        co = [("p", i) for i in rng.sample(pool_opp, min(ko, len(pool_opp)))]
        if outsiders:
            cm = [("o", outsiders[k]) for k in range(len(cm))]
            co = [("o", outsiders[len(cm) + k]) for k in range(len(co))]
        votes = {}
        for bloc, cands in ((mv, cm), (ov, co)):
            if not cands:
                continue
            per = min(pref, len(cands)) if cands is cm else 1
            for j in range(bloc):
                for k in range(per):
                    cand = cands[(j * per + k) % len(cands)]
                    votes[cand] = votes.get(cand, 0) + 1
        # a ballot or two for someone else ("voti dispersi")
        if votes and rng.random() < 0.3 and len(voters) > 4:
            top = max(votes, key=lambda x: (votes[x], str(x)))
            others = [i for i in voters if ("p", i) not in votes]
            if votes[top] > 2 and others:
                votes[top] -= 1
                votes[("p", rng.choice(others))] = 1
        cands = [(k, x) for k, x in votes.items() if x > 0]
        cands.sort(key=lambda kv: (-kv[1], str(kv[0])))
        names = [(mem[k[1]].ref if k[0] == "p" else k[1], x) for k, x in cands]
        return ballots, b, n, names


def in_room(rollcall, moves, seq):
    """The members in the room at vote seq (moves: (gap, index, enters), in order)."""
    present = set(rollcall)
    for gap, i, enters in moves:
        if gap >= seq:
            break
        if enters:
            present.add(i)
        else:
            present.discard(i)
    return present


def member_list(members, idxs):
    return [members[i].ref for i in sorted(idxs, key=lambda i: (fold(members[i].cognome),
                                                                fold(members[i].nome)))]


def with_article(p, fem, title):
    """'del Sindaco', 'della Sindaca', "all'Assessore", 'il consigliere'..."""
    art = "l'" if fold(title)[:1] in "aeiou" else "la " if fem else "il "
    return prep(p, art + title) if p else art + title


def discussion(rng, e, members, room, relatore, relatore_title, pres, pres_title):
    speakers = [i for i in sorted(room) if members[i] is not relatore]
    speakers = rng.sample(speakers, min(len(speakers), rng.randint(1, 4)))
    names = [members[i].ref for i in speakers]
    rfem = relatore.sex == "f" and e.gendered
    rel_di = with_article("di", rfem, relatore_title) + " " + relatore.ref
    if rng.random() < 0.35:
        lines = ["(Seguono:", "", "- *l'illustrazione %s;*" % rel_di]
        if names:
            lines.append("- *%s %s;*" % ("gli interventi dei Consiglieri" if len(names) > 1
                                         else "l'intervento del Consigliere", join_it(names)))
        if rng.random() < 0.5:
            lines.append("- *la replica %s;*" % rel_di)
        lines += ["", "per i cui testi si rinvia alla registrazione integrale audio su supporto "
                  "digitale, conservata agli atti, e che qui si danno come integralmente "
                  "riportati)."]
        return "\n".join(lines)
    pfem = pres.sex == "f" and e.gendered
    if relatore is pres:
        out = ["%s %s illustra la proposta." % (cap(with_article(None, pfem, pres_title)),
                                               relatore.ref)]
    else:
        out = ["%s dà la parola %s %s, che illustra la proposta." % (
            cap(with_article(None, pfem, pres_title)), with_article("a", rfem, relatore_title),
            relatore.ref)]
    if names:
        out.append("Interviene%s %s %s." % ("no" if len(names) > 1 else "",
                                             "i consiglieri" if len(names) > 1 else
                                             "il consigliere", join_it(names)))
    if rng.random() < 0.3 and len(names) > 1:
        out.append("Il consigliere %s chiede la **verifica del numero legale**, che risulta "
                   "presente." % names[-1])
    if rng.random() < 0.4:
        out.append("Seguono le dichiarazioni di voto%s." % (
            " dei capigruppo" if rng.random() < 0.5 else ""))
    out.append("(Per il testo integrale degli interventi si rinvia alla registrazione della "
               "seduta, conservata agli atti.)")
    return "\n\n".join(out)


def gen_session(seed, slot):
    rng = random.Random(slot.key)
    e, o = slot.ente, slot.organ
    d = slot.date
    mandate = sum(1 for x in e.elections if x <= d)
    R = giunta_roster(seed, e, mandate) if o.giunta else council_roster(seed, e, mandate)
    members = R.members
    n = len(members)
    rules = e.rules[o.slug]
    idx = {id(m): i for i, m in enumerate(members)}

    # the call
    if o.giunta:
        conv = "prima"
    else:
        x = rng.random()
        conv = "urgente" if x < 0.07 else "seconda" if (rules.nl2 and x < 0.35) else "prima"
    quorum = rules.quorum(n, conv == "seconda")
    pres_i, pres_title = idx[id(R.pres)], R.pres_title
    vice_presides = rng.random() < 0.06
    if vice_presides:
        pres_i, pres_title = idx[id(R.vice)], R.vice_title
    S = Sitting(rng, members, rules, n, quorum, pres_i)

    # the roll call
    p_abs = rng.choice([0.0, 0.03, 0.06, 0.1, 0.15]) if conv != "seconda" else \
        rng.uniform(0.3, 0.55)
    if o.giunta:
        p_abs = rng.choice([0.0, 0.0, 0.1, 0.2])
    spare = 2 if n - quorum >= 4 else 1 if n - quorum >= 2 else 0
    max_abs = n - quorum - spare
    absent = [i for i in range(n) if i != pres_i and i != idx[id(R.pres)]
              and rng.random() < p_abs]
    rng.shuffle(absent)
    if vice_presides:
        if max_abs >= 1:
            absent = [idx[id(R.pres)]] + absent
        else:
            pres_i, pres_title, S.pres = idx[id(R.pres)], R.pres_title, idx[id(R.pres)]
    absent = sorted(absent[:max(0, max_abs)])
    giust = [i for i in absent if rng.random() < 0.5]
    rollcall = [i for i in range(n) if i not in absent]

    c = Ctx()
    c.ente, c.organ, c.giunta, c.roster, c.rules = e, o, o.giunta, R, rules
    c.date, c.year, c.town = d, d.year, e.town
    c.fin_year = d.year
    last = max(x for x in e.elections if x <= d)
    c.mandate_start = last.year
    c.months_into_mandate = (d.year - last.year) * 12 + d.month - last.month
    c.has_opposition = any(members[i].group != "maj" for i in rollcall)

    # the acts
    plans, used = [], set()
    kinds = giunta_kinds(c) if o.giunta else council_kinds(c)
    for a in range(slot.nacts):
        for _ in range(30):
            f = weighted(rng, kinds)
            p = f(rng, c)
            if p.kind not in used or p.kind not in UNIQUE_KINDS:
                break
        for v in p.votes:  # amendments name a point of the dispositivo as it came out
            if v["punti"] and max(v["punti"]) > len(p.dispositivo):
                v["punti"] = [rng.randint(1, len(p.dispositivo))]
        if p.kind == "verbali" and plans:
            plans.insert(0, p)
        else:
            plans.append(p)
        used.add(p.kind)
    votes = [v for p in plans for v in p.votes]
    T = len(votes)

    # members leaving and coming back; a late arrival
    moves, written = [], []
    nmoves = 0 if T < 2 else rng.choices([0, 1, 2], weights=[80, 16, 4] if not o.giunta
                                         else [95, 5, 0])[0]
    movers = set()
    for _ in range(nmoves):
        trial = list(moves)
        late = [i for i in absent if i not in giust and i not in movers]
        if late and rng.random() < 0.3:
            who = rng.choice(late)
            at = rng.randint(2, T)
            trial.append((at - 1, who, True))
            w = [(who, "entra", ("prima_della_votazione", at) if rng.random() < 0.6 else
                  ("dopo_la_votazione", at - 1))]
        else:
            pool = [i for i in rollcall if i != pres_i and i not in movers]
            if not pool:
                break
            who = rng.choice(pool)
            a = rng.randint(1, T)
            if a == 1 or rng.random() < 0.7:
                w = [(who, "esce", ("prima_della_votazione", a))]
            else:
                w = [(who, "esce", ("dopo_la_votazione", a - 1))]
            trial.append((a - 1, who, False))
            if a < T and rng.random() < 0.65:
                b = rng.randint(a, T - 1)
                trial.append((b, who, True))
                w.append((who, "entra", ("dopo_la_votazione", b) if rng.random() < 0.7 else
                          ("prima_della_votazione", b + 1)))
        trial.sort(key=lambda m: m[0])
        if all(len(in_room(rollcall, trial, s)) >= quorum + (1 if spare else 0)
               for s in range(1, T + 1)):
            moves = trial
            written += w
            movers.add(who)
    room = [None] + [in_room(rollcall, moves, s) for s in range(1, T + 1)]

    # the votes
    seq = 0
    acts_out = []
    for p in plans:
        first, lastv = seq + 1, seq + len(p.votes)
        common = set.intersection(*[room[s] for s in range(first, lastv + 1)])
        np_set = set()
        if rng.random() < p.np_prob and not o.giunta or (o.giunta and rng.random() < p.np_prob / 3):
            pool = sorted(i for i in common if i != pres_i)
            k = 1 if rng.random() < 0.8 else 2
            if len(pool) > k:
                cand = set(rng.sample(pool, k))
                ok = True
                for s in range(first, lastv + 1):
                    left = len(room[s]) - len(cand)
                    if rules.np_assenti and left < quorum:
                        ok = False
                    if p.votes[s - first]["tipo"] == "immediata_eseguibilita" and left < n // 2 + 1:
                        ok = False
                    if left < 2:
                        ok = False
                if ok:
                    np_set = cand
        vout = []
        for v in p.votes:
            seq += 1
            here = room[seq]
            voters = sorted(i for i in here if i not in np_set)
            npl = sorted(i for i in here if i in np_set)
            rec = {"v": v, "np": npl, "seq": seq}
            if v["tipo"] == "elezione":
                rec["election"] = S.election(v, voters)
            elif v["mode"] == "segreta":
                f, cc, b, nn = S.secret(v, voters, len(here), len(npl))
                rec["schede"] = (f, cc, b, nn)
                rec["t"] = tally(S, v, f, cc, 0, len(here), len(npl), b, nn)
            else:
                cast = S.casts(v, voters)
                S.steer(v, cast, len(here), len(npl))
                rec["cast"] = cast
                rec["t"] = S.open_tally(v, cast, len(here), len(npl))
            vout.append(rec)
        acts_out.append((p, vout, np_set, common))
    return render_session(rng, seed, slot, c, e, o, R, members, rules, conv, quorum, pres_i,
                          pres_title, absent, giust, written, acts_out)


def article(e, m, title):
    """'Il Sindaco', 'La Sindaca', 'Il Presidente del Consiglio comunale'..."""
    fem = m.sex == "f" and e.gendered
    return ("La " if fem else "Il ") + title


ORE_CONS = ["18:00", "18:30", "20:30", "21:00", "17:00", "15:00", "09:30", "20:45"]
ORE_GIUNTA = ["09:00", "12:00", "12:30", "13:00", "17:30", "18:00", "08:45"]
ORE_AREA = ["10:00", "14:30", "15:00", "16:00", "11:00"]


def render_session(rng, seed, slot, c, e, o, R, members, rules, conv, quorum, pres_i, pres_title,
                   absent, giust, moves, acts_out):
    d = slot.date
    L = []
    add = L.append
    add("# Seduta inventata, generata da tests/genarchive.py (seme %s): persone, enti e atti sono "
        "di fantasia," % seed)
    add("# le norme citate sono reali.")
    if e.versione:
        add("versione: 1")
    add("ente: " + q(e.name))
    add("organo: " + q(o.name))
    if rules.emit is not None:
        if isinstance(rules.emit, str):
            add("regole: " + rules.emit)
        else:
            add("regole:")
            for k, v in rules.emit:
                add("  %s: %s" % (k, q(v)))
    if rng.random() < e.spiega:
        add("opzioni:")
        add("  spiega_esiti: true")
    add("")

    # seduta
    add("seduta:")
    if e.adunanza == "roman":
        add("  adunanza: " + roman(slot.seq))
    elif e.adunanza == "tipo" and not o.giunta:
        add("  adunanza: " + ("urgente" if conv == "urgente" else
                              "straordinaria" if rng.random() < 0.2 else "ordinaria"))
    add("  data: " + d.isoformat())
    ore = ORE_GIUNTA if o.giunta else ORE_AREA if e.kind in ("metro", "provincia") else ORE_CONS
    add("  ora: " + qq(rng.choice(ore)))
    if datetime.date(2020, 3, 10) <= d <= datetime.date(2022, 3, 31) and rng.random() < 0.6:
        luogo = ("in modalità telematica (videoconferenza), ai sensi dell'art. 73 del D.L. 17 "
                 "marzo 2020, n. 18")
    elif o.giunta:
        luogo = "Sala della Giunta, %s, %d - %s" % (e.street, e.civic, e.town)
    elif e.kind == "comune":
        luogo = "Sala consiliare del Palazzo comunale, %s, %d - %s" % (e.street, e.civic, e.town)
    elif e.kind == "provincia":
        luogo = "Palazzo della Provincia, Sala del Consiglio, %s, %d - %s" % (
            e.street, e.civic, e.town)
    elif e.kind == "metro":
        luogo = "%s, Aula consiliare - %s, %d" % (e.town, cap(e.street), e.civic)
    else:
        luogo = "Sede dell'Unione, %s, %d - %s" % (e.street, e.civic, e.towns[0])
    if rng.random() < 0.92:
        add("  luogo: " + q(luogo))
    if not o.giunta and (conv != "prima" or rng.random() < 0.7):
        add("  convocazione: " + conv)
    if not o.giunta and rng.random() < 0.85:
        back = 1 if conv == "urgente" else rng.randint(4, 10)
        add("  avviso: " + (d - datetime.timedelta(days=back)).isoformat())
    add("  presidente: " + q(members[pres_i].ref))
    add("  presidente_titolo: " + q(pres_title))
    vice_sec = rng.random() < 0.12
    sn, sc, ssex = R.vicesecretary if vice_sec else R.secretary
    squal = R.vsec_qual if vice_sec else R.sec_qual
    add("  segretario:")
    add("    nome: " + q(sn))
    add("    cognome: " + q(sc))
    add("    qualifica: " + q(squal))
    add("")

    # componenti
    add("componenti:")
    for m in members:
        fields = [("cognome", m.cognome), ("nome", m.nome)]
        if m.ruolo:
            fields.append(("ruolo", m.ruolo))
        if e.flow_members:
            add("  - {" + ", ".join("%s: %s" % (k, q(v, True)) for k, v in fields) + "}")
        else:
            add("  - %s: %s" % (fields[0][0], q(fields[0][1])))
            for k, v in fields[1:]:
                add("    %s: %s" % (k, q(v)))
    add("")
    if absent or rng.random() < 0.5:
        add("assenti: " + flow_list(member_list(members, absent)))
    if giust:
        add("giustificati: " + flow_list(member_list(members, giust)))
    if e.kind == "metro" and rng.random() < 0.5 or (
            e.kind == "comune" and not o.giunta and rng.random() < 0.06):
        add("")
        add("senza_voto:")
        if e.kind == "metro":
            add("  intestazione: i Portavoce di")
            add("  elenco:")
            zones = rng.sample(range(1, 12), rng.randint(2, 6))
            names = rng.sample(UNION_TOWNS + FRAZIONI, len(zones))
            for z, nm in sorted(zip(zones, names)):
                add("    - " + q('Zona omogenea %d "%s"' % (z, nm)))
        else:
            add("  intestazione: gli Assessori esterni")
            add("  elenco:")
            for _ in range(rng.randint(1, 2)):
                nm = "%s %s" % (rng.choice(FIRST_M + FIRST_F), rng.choice(SURNAMES))
                add("    - " + q(nm))
    if moves:
        add("")
        add("movimenti:")
        for who, what, (when, num) in moves:
            if rng.random() < 0.5:
                add("  - {componente: %s, %s: {%s: %d}}" % (q(members[who].ref, True), what,
                                                             when, num))
            else:
                add("  - componente: " + q(members[who].ref))
                add("    %s: {%s: %d}" % (what, when, num))
    add("")

    # annexes: the sitting's own, and the shared ones
    stem = "%s-%s-%d" % (o.slug, d.isoformat(), slot.seq)
    folder = "%s/%d" % (e.slug, d.year)
    annex_for = [[] for _ in acts_out]
    own = []
    if rng.random() < 0.5:
        k = 1 if rng.random() < 0.7 else 2
        with_sugg = [a for a, (p, _, _, _) in enumerate(acts_out) if p.annexes]
        for j in range(k):
            a = rng.choice(with_sugg) if with_sugg and rng.random() < 0.85 else \
                rng.randrange(len(acts_out))
            p = acts_out[a][0]
            if p.annexes:
                title, kind = p.annexes.pop(0)
            else:
                title, kind = rng.choice([("Relazione istruttoria", "relazione"),
                                          ("Relazione tecnica", "relazione"),
                                          ("Parere dell'Organo di revisione", "parere")])
            fname = "%s-allegato-%s.md" % (stem, "abcdefgh"[j])
            size = rng.choices([0, 1, 2], weights=[45, 40, 15])[0]
            own.append((folder + "/" + fname, make_annex(rng, kind, title, c, size)))
            annex_for[a].append((title, fname))
    for rel, title in slot.shared:
        annex_for[rng.randrange(len(acts_out))].append((title, rel))

    # deliberazioni
    add("deliberazioni:")
    num = slot.first_num
    for a, (p, vout, np_set, common) in enumerate(acts_out):
        if a:
            add("")
        add("  - numero: " + q(o.number(num, d.year)))
        num += 1
        og = p.oggetto.upper() if e.upper else p.oggetto
        add("    oggetto: " + q(og))
        add("    testo: |")
        block(L, 6, "\n\n".join(p.premesse))
        add("    dispositivo:")
        for pt in p.dispositivo:
            add("      - " + qq(pt))
        disc_prob = p.disc_prob if not o.giunta else 0.03
        if rng.random() < disc_prob and common:
            majs = [members[i] for i in sorted(common) if members[i].group == "maj"]
            head_in = any(members[i] is R.head for i in common)
            rel = R.head if head_in and rng.random() < 0.6 else \
                rng.choice(majs) if majs else members[sorted(common)[0]]
            rel_title = rel.ruolo or "consigliere"
            rel_title = rel_title[0].lower() + rel_title[1:] if rel_title.startswith(
                ("Consigl", "Assess")) else rel_title
            add("    discussione: |")
            block(L, 6, discussion(rng, e, members, common, rel, rel_title, members[pres_i],
                                   pres_title))
        add("    votazioni:")
        for rec in vout:
            emit_vote(L, rng, e, rules, members, pres_i, rec)
        if annex_for[a]:
            add("    allegati:")
            for title, f in annex_for[a]:
                add("      - titolo: " + q(title))
                add("        file: " + q(f))
    add("")

    # firme
    pm = members[pres_i]
    sig_p = (article(e, pm, pres_title), pm.full())
    sig_s = (("La " if ssex == "f" and e.gendered else "Il ") + squal, "%s %s" % (sn, sc))
    add("firme:")
    for qual, name in ([sig_s, sig_p] if e.seg_first else [sig_p, sig_s]):
        add("  - qualifica: " + q(qual))
        add("    nome: " + q(name))
        if e.nota:
            add("    nota: " + q(e.nota))
    return "\n".join(L) + "\n", own


def emit_vote(L, rng, e, rules, members, pres_i, rec):
    add = L.append
    v = rec["v"]
    add("      - oggetto: " + q(v["oggetto"]))
    if v["punti"]:
        add("        punti: [%s]" % ", ".join(str(x) for x in v["punti"]))
    if v["tipo"]:
        add("        tipo: " + v["tipo"])
    mode = v["mode"]
    if mode == "palese" and rec.get("cast") is not None and rng.random() < 0.05 and \
            v["tipo"] != "immediata_eseguibilita":
        mode = "nominale"
    if mode != "palese" or rng.random() < 0.25:
        add("        modalita: " + mode)
    if mode == "nominale":
        add("        sistema: per appello nominale")
    elif mode == "palese" and e.sistema and rng.random() < 0.8:
        add("        sistema: " + q(e.sistema))
    if rec["np"]:
        add("        non_partecipano: " + flow_list(member_list(members, rec["np"])))
    if v["tipo"] == "elezione":
        ballots, b, n, cands = rec["election"]
        add("        carica: " + q(v["carica"]))
        if v["posti"] > 1 or rng.random() < 0.5:
            add("        posti: %d" % v["posti"])
        if v["pref"] > 1 or rng.random() < 0.3:
            add("        preferenze: %d" % v["pref"])
        add("        candidati:")
        for name, x in cands:
            add("          - {nome: %s, voti: %d}" % (q(name, True), x))
        add("        schede: {votanti: %d, bianche: %d, nulle: %d}" % (ballots, b, n))
        if v["maggioranza"]:
            add("        maggioranza: " + v["maggioranza"])
        return
    if mode == "segreta":
        f, c, b, n = rec["schede"]
        if rng.random() < 0.5:
            add("        schede: {favorevoli: %d, contrari: %d, bianche: %d, nulle: %d}"
                % (f, c, b, n))
        else:
            add("        schede:")
            for k, x in (("favorevoli", f), ("contrari", c), ("bianche", b), ("nulle", n)):
                add("          %s: %d" % (k, x))
    else:
        cast = rec["cast"]
        lists = {k: sorted(i for i in cast if cast[i] == k) for k in "FCA"}
        keys = {"F": "favorevoli", "C": "contrari", "A": "astenuti"}
        r = rng.random()
        all_f = not lists["C"] and not lists["A"]
        counts = False
        if mode == "nominale":
            form = "names"
        elif all_f and not rec["np"] and r < 0.4:
            form = "tutti"
        elif r < 0.55:
            form = "names"
        elif r < 0.78:
            form = "restanti"
        elif r < 0.94:
            form = "counts"
        else:
            form = "counts_restanti"
        big = max("FCA", key=lambda k: (len(lists[k]), k == "F"))
        if form == "tutti":
            add("        favorevoli: tutti")
        for k in "FCA":
            if form == "tutti":
                break
            if form in ("restanti", "counts_restanti") and k == big and lists[k]:
                add("        %s: restanti" % keys[k])
            elif form in ("counts", "counts_restanti"):
                counts = True
                if lists[k] or rng.random() < 0.5:
                    add("        %s: %d" % (keys[k], len(lists[k])))
            elif lists[k]:
                add("        %s: %s" % (keys[k], flow_list(member_list(members, lists[k]))))
        t = rec["t"]
        if t["tie"] and rules.parita_pres and counts:
            add("        presidente_vota: " + ("favorevole" if cast.get(pres_i) == "F"
                                               else "contrario"))
    if v["maggioranza"]:
        add("        maggioranza: " + v["maggioranza"])
    t = rec["t"]
    if rng.random() < e.dich:
        add("        dichiarato:")
        for k in ("presenti", "votanti", "favorevoli", "contrari", "astenuti"):
            if k in ("contrari", "astenuti") and not t[k] and rng.random() < 0.5:
                continue
            add("          %s: %d" % (k, t[k]))
        add("          esito: " + q(t["esito"]))


# ------------------------------------------------------------------------------------------
# The archive
# ------------------------------------------------------------------------------------------

class Slot:
    pass


SHARED_KINDS = [
    ("regolamento-consiglio.md",
     "Regolamento per il funzionamento del {council} (testo coordinato)", "regolamento"),
    ("regolamento-contabilita.md", "Regolamento di contabilità", "regolamento"),
    ("dup-{y}-{y2}.md", "Documento unico di programmazione {y}-{y2}", "relazione"),
    ("programma-lavori-pubblici-{y}.md", "Programma triennale dei lavori pubblici {y}-{y2}",
     "relazione"),
    ("codice-di-comportamento.md", "Codice di comportamento dei dipendenti", "regolamento"),
    ("piao-{y}-{y2}.md", "Piano integrato di attività e organizzazione {y}-{y2}", "relazione"),
]


def plan_enti(rng, n):
    count = 1 if n <= 2 else 2 if n < 6 else 3 if n < 12 else 4 if n < 30 else \
        rng.randint(5, 6) if n < 150 else rng.randint(7, 8)
    order = ["comune", "metro", "comune", "unione", "provincia", "comune", "comune", "metro"]
    comuni = rng.sample(COMUNI, 5)
    metros = rng.sample(METRO, 2)
    enti = []
    for kind in order[:count]:
        if kind == "comune":
            enti.append(make_ente(rng, kind, comuni.pop()))
        elif kind == "metro":
            enti.append(make_ente(rng, kind, metros.pop(), torino=len(metros) == 1))
        elif kind == "provincia":
            enti.append(make_ente(rng, kind, rng.choice(PROVINCE)))
        else:
            name, area = rng.choice(UNIONI)
            enti.append(make_ente(rng, kind, area, name))
    return enti


def plan_slots(rng, enti, n):
    weights = [{"comune": 3, "metro": 1.5, "provincia": 1.2, "unione": 1.5}[e.kind] for e in enti]
    years = list(range(2019, 2026))
    ywt = [1, 1, 1.2, 1.4, 1.6, 1.8, 1.3]
    taken = set()
    slots = []
    for _ in range(n):
        s = Slot()
        if slots and rng.random() < 0.35:  # archives cluster: another sitting of a busy year
            other = rng.choice(slots)
            s.ente, y = other.ente, other.date.year
        else:
            s.ente = rng.choices(enti, weights)[0]
            y = rng.choices(years, ywt)[0]
        organs = s.ente.organs
        s.organ = organs[0] if len(organs) == 1 or rng.random() < 0.6 else organs[1]
        d = datetime.date(y, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        if d.month == 8 and 5 <= d.day <= 25:
            d = datetime.date(y, 9, d.day - 4)
        while True:
            while d.weekday() >= 5:
                d += datetime.timedelta(days=1)
            if d.year != y:
                d = datetime.date(y, 1, 2)
                continue
            k = (s.ente.slug, s.organ.slug, d)
            if k not in taken:
                break
            d += datetime.timedelta(days=1)
        taken.add(k)
        s.date = d
        s.key = rng.getrandbits(64)
        s.nacts = rng.choices(range(1, 7), weights=[2, 3, 3, 2, 1.5, 1] if not s.organ.giunta
                              else [1, 2, 3, 3, 2, 2])[0]
        s.shared = []
        slots.append(s)
    # numbering: sittings and acts run on within an ente, organ and year
    groups = {}
    for s in slots:
        groups.setdefault((s.ente.slug, s.organ.slug, s.date.year), []).append(s)
    for k in sorted(groups):
        g = sorted(groups[k], key=lambda s: s.date)
        giunta = g[0].organ.giunta
        num = rng.randint(1, 12) if giunta else rng.randint(1, 4)
        for i, s in enumerate(g, 1):
            s.seq = i
            s.first_num = num
            num += s.nacts + (rng.randint(2, 18) if giunta else rng.randint(0, 4))
        for s in g:
            s.folder = "%s/%d" % (s.ente.slug, s.date.year)
            s.path = "%s/%s-%s-%d.yaml" % (s.folder, s.organ.slug, s.date.isoformat(), s.seq)
    return sorted(slots, key=lambda s: s.path)


def plan_shared(rng, slots, k):
    """k annexes, each in the folder of several sittings, which refer to it as allegati/NAME."""
    folders = {}
    for s in slots:
        folders.setdefault(s.folder, []).append(s)
    order = sorted(folders, key=lambda f: (-len(folders[f]), f))
    if any(len(folders[f]) > 1 for f in order):
        order = [f for f in order if len(folders[f]) > 1]  # shared means used twice at least
    shared = []
    used_names = {}
    for j in range(k if order else 0):
        f = order[j % len(order)]
        users = folders[f]
        y = int(f.rsplit("/", 1)[1])
        names = used_names.setdefault(f, set())
        kinds = [x for x in SHARED_KINDS if x[0].format(y=y, y2=y + 2) not in names]
        if not kinds:
            kinds = SHARED_KINDS
        fname, title, kind = kinds[rng.randrange(len(kinds))]
        fname = fname.format(y=y, y2=y + 2)
        if fname in names:
            fname = fname[:-3] + "-%d.md" % (j + 1)
        names.add(fname)
        e = users[0].ente
        title = title.format(council=e.council, y=y, y2=y + 2)
        c = len(users)
        u = c if c <= 2 else rng.randint(max(2, (c * 2) // 5), c)
        chosen = sorted(rng.sample(range(c), u))
        for i in chosen:
            users[i].shared.append(("allegati/" + fname, title))
        ctx = Ctx()
        ctx.town, ctx.date, ctx.fin_year = e.town, users[chosen[0]].date, y
        size = rng.choice([1, 2, 2])
        shared.append((f + "/allegati/" + fname, u, make_annex(rng, kind, title, ctx, size)))
    return shared


def write(root, rel, text):
    path = os.path.join(root, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="genarchive.py",
        description="Write N realistic, valid session files (and their annexes) under DIR.")
    ap.add_argument("--seed", default="1", help="any text; the same seed and N give the same "
                    "tree (default 1)")
    ap.add_argument("--shared-annexes", type=int, default=None, metavar="K",
                    help="annex files shared by several sittings (default 3 when N >= 20, else 0)")
    ap.add_argument("n", type=int, metavar="N", help="how many session files")
    ap.add_argument("dir", metavar="DIR", help="where to write them (created if missing)")
    args = ap.parse_args(argv)
    if args.n < 0:
        ap.error("N must be 0 or more")
    k = args.shared_annexes if args.shared_annexes is not None else (3 if args.n >= 20 else 0)
    if k < 0:
        ap.error("K must be 0 or more")
    seed = args.seed
    ROSTERS.clear()
    rng = random.Random("genarchive|%s|%d" % (seed, args.n))
    enti = plan_enti(rng, max(args.n, 1))
    slots = plan_slots(rng, enti, args.n)
    shared = plan_shared(rng, slots, k)
    annexes = 0
    for s in slots:
        text, own = gen_session(seed, s)
        write(args.dir, s.path, text)
        for rel, md in own:
            write(args.dir, rel, md)
        annexes += len(own)
    for rel, users, md in shared:
        write(args.dir, rel, md)
        annexes += 1
    for rel, users, md in sorted(shared):
        print("shared %s %d" % (rel, users))
    print("sessions %d annexes %d" % (len(slots), annexes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
