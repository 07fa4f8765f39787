# robust.sh: sourced by run.sh (pass, fail, $out, $bin, $top). Hostile text fields: deep
# nesting, inline constructs that cmark parses in quadratic time, words longer than the line.
# Each case runs under a time limit (timeout) and a memory limit (ulimit -v, but not under the
# sanitizers, which reserve terabytes of address space) and checks the exact message and exit.
r=$out/robust
rm -rf "$r"
mkdir -p "$r/s"
cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$r/s/"
r_mem=1048576
r_time=10
[ -n "${ASAN_OPTIONS:-}" ] && r_mem=unlimited r_time=60 # the sanitizers are slower, too

# r_variant NAME PAYLOAD: the sample with the Python expression PAYLOAD put at the start of the
# first text field (line 61, column 7)
r_variant() {
	mkdir -p "$r/$1"
	cp "$r/s/torino-2022-02-23-allegato-a.md" "$r/$1/"
	python3 -c "import sys; s = open(sys.argv[1], encoding='utf-8').read(); open(sys.argv[2], 'w', encoding='utf-8').write(s.replace('testo: |\n', 'testo: |\n      ' + ($2) + '\n\n', 1))" \
		"$r/s/torino-2022-02-23.yaml" "$r/$1/seduta.yaml"
}
# robust NAME STATUS MESSAGE ARGS...: verbale ARGS, within 10 s and 1 GiB (60 s and no memory
# limit under the sanitizers), exits STATUS and
# stderr has the line MESSAGE (when MESSAGE is empty: no error at all)
robust() {
	n=$1 ws=$2 msg=$3
	shift 3
	(ulimit -v $r_mem && exec timeout $r_time "$bin" "$@") >"$r/$n.out" 2>"$r/$n.err"
	st=$?
	if [ "$st" = "$ws" ] && ! grep -q Sanitizer "$r/$n.err" &&
		if [ -n "$msg" ]; then grep -Fxq -- "$msg" "$r/$n.err"; else ! grep -q errore "$r/$n.err"; fi; then
		pass
	else
		fail "robust '$n': exit $st (want $ws), stderr: $(head -c 300 "$r/$n.err")"
	fi
}
deep="testo annidato oltre 100 livelli di citazioni ed elenchi: ridurre i livelli"

# issue 12, item 1: nesting deeper than 100 levels is refused at the field's position
r_variant quotes '"> " * 40000 + "x"'
robust quotes 1 "$r/quotes/seduta.yaml:61:7: errore: $deep" render -f pdf,md -o "$r/o-quotes" "$r/quotes/seduta.yaml"
r_variant bullets '"- " * 50000 + "x"'
robust bullets 1 "$r/bullets/seduta.yaml:61:7: errore: $deep" check "$r/bullets/seduta.yaml"
# in an annex too, at its first line
r_variant annex '"x"'
python3 -c "import sys; open(sys.argv[1], 'w').write('> - ' * 60 + 'x\n')" "$r/annex/torino-2022-02-23-allegato-a.md"
robust annex 1 "$r/annex/torino-2022-02-23-allegato-a.md:1:1: errore: $deep" render -f md -o "$r/o-annex" "$r/annex/seduta.yaml"
# 100 levels are allowed, and their text stays on the page (the layout's unit tests check every
# line; here the PDF as a reader sees it)
r_variant levels '"> - " * 50 + "testo " * 400'
robust levels 0 "" render -f pdf -o "$r/o-levels" "$r/levels/seduta.yaml"
if pdftotext -bbox "$r/o-levels/seduta.pdf" - 2>/dev/null | sed -n 's/.*xMax="\([0-9.]*\)".*/\1/p' |
	awk '{ n++; if ($1 > 595.276) bad++ } END { exit !(n > 1000 && !bad) }'; then
	pass
else
	fail "robust 'levels': text past the right edge of the page"
fi

# item 6: the inline constructs cmark 0.30 parses in quadratic time are bounded before parsing
r_variant brackets '"![[]()" * 150000'
robust brackets 1 "$r/brackets/seduta.yaml:61:7: errore: testo con 300000 parentesi '[', oltre il limite di 2000: ridurre link e immagini o scrivere le parentesi come '\\['" render -f pdf,md -o "$r/o-brackets" "$r/brackets/seduta.yaml"
r_variant emph '"*a **a " * 50000 + "b" + " a** a*" * 50000'
robust emph 1 "$r/emph/seduta.yaml:61:7: errore: testo con 200002 gruppi di '*' o '_', oltre il limite di 5000: ridurre corsivi e grassetti o scrivere i segni come '\\*' e '\\_'" render -f pdf,md -o "$r/o-emph" "$r/emph/seduta.yaml"
# just below the limits: rendered
r_variant links '"[a](https://example.org) ![b]() " * 990 + "*x* _y_ " * 1200'
robust links 0 "" render -f pdf,md -o "$r/o-links" "$r/links/seduta.yaml"
# the same as ODT (odt.c), and 100 levels, and emphasis and strikethrough 2,000 deep (spans
# within spans): written within the limits, content.xml valid XML
r_variant deep '"*" * 2000 + "x" + "*" * 2000 + " " + "~~a " * 1000 + "b" + " c~~" * 1000'
for v in links levels deep; do
	robust "$v-odt" 0 "" render -f odt -o "$r/o-$v-odt" "$r/$v/seduta.yaml"
	pdfcheck "$v-odt" "content.xml is XML" python3 -c 'import sys, zipfile, xml.etree.ElementTree as ET
ET.fromstring(zipfile.ZipFile(sys.argv[1]).read("content.xml"))' "$r/o-$v-odt/seduta.odt"
done

# issue 14: cmark-gfm's tables take time growing with columns times rows (an annex of 10,000
# columns by 100 rows ran over 60 s): a line of more than 65 unescaped '|' is refused before
# parsing, within r_fast seconds; a budget table of 3,000 rows by 6 columns is set within r_slow
# seconds (0.33 s measured), every row back from the PDF, the header on every page
r_fast=2 r_slow=3
[ -n "${ASAN_OPTIONS:-}" ] && r_fast=20 r_slow=60
r_elapsed() { # r_elapsed START: seconds since START (date +%s%N), as "S.mmm"
	awk -v a="$1" -v b="$(date +%s%N)" 'BEGIN { printf "%.3f", (b - a) / 1e9 }'
}
mkdir -p "$r/columns"
cp "$r/s/torino-2022-02-23.yaml" "$r/columns/seduta.yaml"
python3 -c 'print("\n".join(["|" + "a|" * 10000, "|" + "-|" * 10000] + ["|" + "1|" * 10000] * 100))' \
	>"$r/columns/torino-2022-02-23-allegato-a.md"
r_t0=$(date +%s%N)
robust columns 1 "$r/columns/torino-2022-02-23-allegato-a.md:1:1: errore: riga con 10001 barre '|', oltre il limite di 65 (una tabella ha al più 64 colonne): dividere la tabella o scrivere le barre come '\\|'" render -f pdf,md -o "$r/o-columns" "$r/columns/seduta.yaml"
r_s=$(r_elapsed "$r_t0")
if awk -v s="$r_s" -v m=$r_fast 'BEGIN { exit !(s < m) }'; then pass; else fail "robust 'columns': refused in $r_s s, not under $r_fast s"; fi
r_variant budget '"\n      ".join(["| N. | Capitolo | Descrizione | Stanziamento | Variazione | Assestato |", "|---:|---:|---|---:|---:|---:|"] + ["| %d | %d | Spese per servizi e forniture, voce %d | € %d.%03d,00 | € %d,00 | € %d.%03d,00 |" % (i, 1000 + i, i, i, i % 1000, i * 3 % 1000, i + 1, i * 7 % 1000) for i in range(1, 3001)])'
r_t0=$(date +%s%N)
robust budget 0 "" render -f pdf -o "$r/o-budget" "$r/budget/seduta.yaml"
r_s=$(r_elapsed "$r_t0")
if awk -v s="$r_s" -v m=$r_slow 'BEGIN { exit !(s < m) }'; then pass; else fail "robust 'budget': rendered in $r_s s, not under $r_slow s"; fi
if pdftotext -layout "$r/o-budget/seduta.pdf" - 2>/dev/null | python3 -c '
import re, sys
pages = sys.stdin.read().split("\f")
text = re.sub(r"\s+", " ", " ".join(pages))
rows = [p for p in pages if "Spese per servizi" in p]
sys.exit(0 if all("voce %d " % i in text for i in range(1, 3001)) and len(rows) > 40 and
         all("Stanziamento" in p for p in rows) else 1)'; then
	pass
else
	fail "robust 'budget': a row or a page's header missing from the PDF"
fi

# item 10: a 5,000-letter word is broken where nothing else fits, with a warning
r_variant longword '"a" * 5000'
robust longword 0 "$r/longword/seduta.yaml: avviso: la parola 'aaaaaaaaaaaaaaaaaaaaaaaa…' è più larga della riga: spezzata dove capita; inserirvi spazi o trattini" render -f pdf -o "$r/o-longword" "$r/longword/seduta.yaml"
if pdftotext -layout "$r/o-longword/seduta.pdf" - 2>/dev/null | awk '/aaaaaaaaaa/ { k++ } { if (length($0) > m) m = length($0) } END { exit !(k >= 50 && m < 120) }'; then
	pass
else
	fail "robust 'longword': the word is not broken into lines on the page"
fi

# item 7: 200,000 headings (8,000 pages) within 400 MiB and 10 s: the outline lists the first
# TS_MAX_MARKS, with a warning, so that libharu's memory stays bounded
r_variant headings '"\n      ".join(["# h"] * 200000)'
[ -n "${ASAN_OPTIONS:-}" ] || r_mem=409600
robust headings 0 "$r/headings/seduta.yaml: avviso: più di 10000 titoli: i segnalibri del PDF elencano i primi, gli altri titoli sono nel testo ma non nei segnalibri" render -f pdf -o "$r/o-headings" "$r/headings/seduta.yaml"
[ -n "${ASAN_OPTIONS:-}" ] || r_mem=1048576
if [ "$(qpdf --json --json-key=outlines "$r/o-headings/seduta.pdf" 2>/dev/null | grep -c '"title"')" -le 10010 ]; then pass; else fail "robust 'headings': more outline entries than 10000 and the acts"; fi
# ... and the PDF, of more structure elements than it can tag, is left untagged, with a warning
if grep -Fxq "$r/headings/seduta.yaml: avviso: più di 60000 elementi (titoli, paragrafi, righe di tabella): il PDF non è marcato, in PDF/A-1b, e i lettori di schermo non ne vedono la struttura; dividere la seduta in più file" "$r/headings.err" &&
	pdfinfo "$r/o-headings/seduta.pdf" 2>/dev/null | grep -q '^Tagged: *no'; then pass; else fail "robust 'headings': untagged with its warning: $(head -c 300 "$r/headings.err")"; fi

# item 5: 'favorevoli: tutti' in every vote costs memory in proportion to the sitting, not to
# votes x members: 19 members x 10,000 votes and 1,000 members x 1,000 votes within 10 s and
# 200 MiB of address space each (they took 700 MiB and 1.85 GB). Every list names its members
# in order, with the separators that posizione, primo and ultimo give the template.
[ -n "${ASAN_OPTIONS:-}" ] || r_mem=204800
for shape in voti membri; do
	python3 tests/genbig.py $shape "$r/$shape.yaml"
	robust "tutti-$shape" 0 "" render -f md -o "$r/o-$shape" "$r/$shape.yaml"
done
[ -n "${ASAN_OPTIONS:-}" ] || r_mem=1048576
r_names() { # r_names N: "(Cognome0 – Cognome1 – Cognome10 – ...)." for the first N members
	python3 -c "import sys; n = int(sys.argv[1]); print('(' + ' \u2013 '.join(sorted('Cognome%d' % i for i in range(n))) + ').')" "$1"
}
if [ "$(grep -c "^Favorevoli: 19$" "$r/o-voti/voti.md")" = 10000 ] &&
	[ "$(grep -cFx -- "$(r_names 19)" "$r/o-voti/voti.md")" = 10000 ] &&
	[ "$(grep -c "^Favorevoli: 1000$" "$r/o-membri/membri.md")" = 1000 ] &&
	[ "$(grep -cFx -- "$(r_names 1000)" "$r/o-membri/membri.md")" = 1000 ]; then
	pass
else
	fail "robust 'tutti': the votes do not all name every member, in order"
fi
