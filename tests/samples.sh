# samples.sh: sourced by run.sh (section samples; pass, fail, pdfcheck, $out, $bin, $top, $shared).
# The PDF of each sample as a reader's tools see it, the images, hostile metadata, the dates.
for y in samples/*.yaml; do
	n=$(basename "$y" .yaml)
	rm -rf "$out/pdf"
	"$bin" render -f pdf,md -o "$out/pdf/a" "$y" 2>"$out/render.err" && "$bin" render -f pdf -o "$out/pdf/b" "$y" 2>>"$out/render.err"
	p="$out/pdf/a/$n.pdf"
	if [ ! -s "$p" ]; then fail "$n: no PDF: $(head -c 300 "$out/render.err")"; continue; fi
	pdfcheck "$n" "two renders give the same bytes" cmp "$p" "$out/pdf/b/$n.pdf"
	pdfcheck "$n" "qpdf --check" qpdf --check "$p"
	pdfcheck "$n" "every font embedded and subset" sh -c "pdffonts '$p' | awk 'NR > 2 && (\$(NF-4) != \"yes\" || \$(NF-3) != \"yes\") { bad = 1; print } END { exit bad }'"
	pdfcheck "$n" "A4" sh -c "pdfinfo '$p' | grep -q '^Page size: *595.276 x 841.89 pts (A4)'"
	pdfcheck "$n" "title and author" sh -c "pdfinfo '$p' | grep -q '^Title: *Processo verbale' && pdfinfo '$p' | grep -q '^Author: *[^ ]'"
	pdfcheck "$n" "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$p"
	pdfcheck "$n" "an outline" sh -c "qpdf --json --json-key=outlines '$p' | grep -q '\"title\"'"
	pdfcheck "$n" "justified lines no looser than pdflatex's" sh -c "python3 '$shared/tools/pdf-spacing' '$p' | python3 -c 'import re,sys; m=re.search(r\"p95 ([0-9.]+).*loose [0-9]+ \\(([0-9.]+)%\", sys.stdin.read()); sys.exit(0 if m and float(m.group(1)) <= 0.376 and float(m.group(2)) <= 1.3 else 1)'"
	"$top/$BUILD/mdtool" text "$out/pdf/a/$n.md" >"$out/pdf/words.md" 2>&1
	pdftotext -enc UTF-8 "$p" "$out/pdf/words.pdf" 2>"$out/pdf/pdftotext.err"
	pdfcheck "$n" "pdftotext gives back every word of the Markdown, in order" python3 tests/words.py "$out/pdf/words.md" "$out/pdf/words.pdf"
	pdfcheck "$n" "pdftotext reads it without a warning" test ! -s "$out/pdf/pdftotext.err"
	# tagged PDF (issue 18): Tagged: yes, the structure's text gives every word of the Markdown
	# in order, headings as H*, lists as L with LI, no text outside the structure but artifacts
	kinds=H
	grep -Eq '^ *([0-9]+[.)]|[-*+]) ' "$out/pdf/a/$n.md" && kinds="$kinds L"
	pdfcheck "$n" "tagged: the structure reads the Markdown ($kinds)" python3 tests/tagged.py "$shared/acceptance/lib/ordered.py" "$p" "$out/pdf/a/$n.md" $kinds
	pdfcheck "$n" "tagged: catalogue /Lang it-IT, /MarkInfo, DisplayDocTitle; XMP conformance A" sh -c "qpdf --qdf --object-streams=disable '$p' - | grep -a -q '/Lang (it-IT)' && qpdf --qdf --object-streams=disable '$p' - | grep -a -q '/Marked true' && qpdf --qdf --object-streams=disable '$p' - | grep -a -q '/DisplayDocTitle true' && qpdf --qdf --object-streams=disable '$p' - | grep -a -q \"pdfaid:conformance='A'\""
done
# tagged tables: Table, TR, TH and TD, every cell's words in the structure
rm -rf "$out/pdf"
if "$bin" render -f pdf,md -o "$out/pdf" tests/golden/tabelle.yaml 2>"$out/render.err"; then
	pdfcheck tabelle "tagged: tables as Table, TR, TH, TD" python3 tests/tagged.py "$shared/acceptance/lib/ordered.py" "$out/pdf/tabelle.pdf" "$out/pdf/tabelle.md" H Table
	pdfcheck tabelle "tagged: PDF/A-1b still" python3 "$shared/tools/pdfa-check" "$out/pdf/tabelle.pdf"
else
	fail "tabelle: no PDF: $(head -c 300 "$out/render.err")"
fi
# tagged images: a Figure with /Alt (the image's description), in the reading order
rm -rf "$out/pdf"
if "$bin" render -f pdf,md -o "$out/pdf" tests/images/immagini.yaml 2>"$out/render.err"; then
	pdfcheck immagini "tagged: images as Figure with /Alt" python3 tests/tagged.py "$shared/acceptance/lib/ordered.py" "$out/pdf/immagini.pdf" "$out/pdf/immagini.md" H Figure
else
	fail "immagini: no PDF: $(head -c 300 "$out/render.err")"
fi
# render --atti --copia: every document of the council sample, each act's and the copies, as a
# reader's tools see it: valid, PDF/A-1b, its own title, every word of its Markdown in order.
rm -rf "$out/pdf"
"$bin" render --atti --copia -f pdf,md -o "$out/pdf" samples/consiglio-comunale-2024-04-18.yaml 2>"$out/render.err"
ndocs=0
for p in "$out/pdf"/consiglio-comunale-2024-04-18*.pdf; do
	[ -f "$p" ] || continue
	ndocs=$((ndocs + 1))
	n=$(basename "$p" .pdf)
	case ${n#consiglio-comunale-2024-04-18} in
	-1[5-8]) title="Deliberazione n. ${n##*-} del Consiglio comunale, 18 aprile 2024" ;;
	-1[5-8]-copia) n2=${n%-copia} title="Copia pubblicata: Deliberazione n. ${n2##*-} del Consiglio comunale, 18 aprile 2024" ;;
	-copia) title="Copia pubblicata: Processo verbale dell'adunanza ordinaria del Consiglio comunale, 18 aprile 2024" ;;
	'') title="Processo verbale dell'adunanza ordinaria del Consiglio comunale, 18 aprile 2024" ;;
	*) title="an unexpected document" ;;
	esac
	pdfcheck "$n" "qpdf --check" qpdf --check "$p"
	pdfcheck "$n" "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$p"
	pdfcheck "$n" "its title" sh -c '[ "$(pdfinfo -enc UTF-8 "$1" | sed -n "s/^Title: *//p")" = "$2" ]' sh "$p" "$title"
	"$top/$BUILD/mdtool" text "$out/pdf/$n.md" >"$out/pdf/words.md" 2>&1
	pdftotext -enc UTF-8 "$p" "$out/pdf/words.pdf" 2>/dev/null
	pdfcheck "$n" "pdftotext gives back every word of the Markdown, in order" python3 tests/words.py "$out/pdf/words.md" "$out/pdf/words.pdf"
done
if [ $ndocs = 10 ]; then pass; else fail "render --atti --copia: $ndocs PDFs, not 10: $(head -c 300 "$out/render.err")"; fi

# The footer names the acts whose text the page carries: "Atti n. 16-17" on a page where act 17
# begins after act 16's text, "Atto n. N" on a page of one act (issue 14, item 6).
rm -rf "$out/pdf"
"$bin" render -f pdf -o "$out/pdf" samples/consiglio-comunale-2024-04-18.yaml 2>/dev/null
pdfcheck consiglio "each footer names the acts of its page" python3 - "$out/pdf/consiglio-comunale-2024-04-18.pdf" <<'PY'
import re, subprocess, sys
pages = subprocess.run(["pdftotext", "-enc", "UTF-8", sys.argv[1], "-"], capture_output=True, text=True).stdout.split("\f")
several = 0
for n, text in enumerate([t for t in pages if t.strip()], 1):
    foot = re.search(r"(Atto|Atti) n\. (\d+)(?:-(\d+))? — .* Pagina %d di" % n, text)
    started = re.findall(r"ATTO N\. (\d+)", text)
    if foot is None:
        sys.exit("page %d: no footer with the act" % n)
    first, last = foot.group(2), foot.group(3) or foot.group(2)
    several += foot.group(1) == "Atti"
    if (foot.group(1) == "Atti") != (last != first) or any(a not in (first, last) for a in started):
        sys.exit("page %d: footer %r, acts begun %r" % (n, foot.group(0), started))
    if last != first and last not in started:
        sys.exit("page %d: act %s does not begin there" % (n, last))
sys.exit(0 if several else "no page carries two acts")
PY
# Images: the logo on every page, a PNG and a JPEG in the text (the missing and the remote ones
# are warned about, their alt text shown: tests/images/immagini.pdf-err).
rm -rf "$out/pdf"
"$bin" render -f pdf -o "$out/pdf" tests/images/immagini.yaml 2>/dev/null
pdfcheck immagini "three images on page 1 (logo, PNG, JPEG), the logo on page 2" sh -c "pdfimages -list '$out/pdf/immagini.pdf' | awk 'NR > 2 { n[\$1]++ } END { exit !(n[1] == 3 && n[2] == 1) }'"
pdfcheck immagini "alt texts instead of the images that cannot be used" sh -c "pdftotext '$out/pdf/immagini.pdf' - | grep -q 'Fotografia mancante' && pdftotext '$out/pdf/immagini.pdf' - | grep -q 'Immagine remota'"
pdfcheck immagini "qpdf --check" qpdf --check "$out/pdf/immagini.pdf"
pdfcheck immagini "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$out/pdf/immagini.pdf"
# Tables: the tabelle golden, with 200 rows more, breaks across pages with its header on top of
# every page, no row split (each row's three cells on one line), every cell's text back, no pipes;
# PDF/A still.
rm -rf "$out/pdf"
mkdir -p "$out/pdf"
python3 -c '
import sys
s = open("tests/golden/tabelle.yaml", encoding="utf-8").read()
rows = "".join("      | %d | Voce di spesa numero %d | € %d,00 | %d |\n" % (i, i, i * 10, i % 7) for i in range(1, 201))
sys.stdout.write(s.replace("| 3030 | Contributi |\n", "| 3030 | Contributi |\n" + rows))' >"$out/pdf/tabelle.yaml"
"$bin" render -f pdf -o "$out/pdf" "$out/pdf/tabelle.yaml" 2>/dev/null
pdfcheck tabelle "200 rows across pages, the header on every page, no row split" sh -c "pdftotext -layout '$out/pdf/tabelle.pdf' - | python3 -c '
import re, sys
pages = [p for p in sys.stdin.read().split(\"\\f\") if \"Voce di spesa\" in p]
ok = len(pages) >= 3 and all(re.search(r\"Capitolo +Descrizione +Centrato +Importo\", p) for p in pages)
ok = ok and all(len(re.findall(r\"^ *%d +Voce di spesa numero %d +€ %d,00 +%d *$\" % (i, i, i * 10, i % 7), \"\\f\".join(pages), re.M)) == 1 for i in range(1, 201))
sys.exit(0 if ok and \"|\" not in \"\".join(pages).replace(\"lampade | a\", \"\") else 1)'"
pdfcheck tabelle "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$out/pdf/tabelle.pdf"
# The attendance table (issue 16, item 4): the presenze golden's PDF has the heading, the
# header and every member's row with the states of tests/golden/presenze.md, PDF/A still; a copy
# with 31 votes has three tables (votes 1-15, 16-30, 31), each with every member.
rm -rf "$out/pdf"
mkdir -p "$out/pdf"
"$bin" render -f pdf -o "$out/pdf" tests/golden/presenze.yaml 2>/dev/null
pdfcheck presenze "the table: heading, header, every member's row" sh -c "pdftotext -layout '$out/pdf/presenze.pdf' - | python3 -c '
import re, sys
t = sys.stdin.read()
rows = [(\"Mario ROSSI\", \"P P P\"), (\"Luca BIANCHI\", \"P U U\"), (\"Anna VERDI\", \"A A P\"), (\"Sara GIALLI\", \"AG AG AG\"),
        (\"Piero RUSSO\", \"P U P\"), (\"Ugo DE SANTIS | BO\", \"P P P\"), (\"Elena FABBRI\", \"P P P\"), (\"Paolo CONTI\", \"P P P\"), (\"Marco GRECO\", \"P P P\")]
ok = \"Presenze alle votazioni\" in t and re.search(r\"^ *Componente +1 +2 +3 *$\", t, re.M)
ok = ok and all(re.search(r\"^ *%s +%s *$\" % (re.escape(n), s.replace(\" \", \" +\")), t, re.M) for n, s in rows)
sys.exit(0 if ok and \"Legenda: P\" in t else 1)'"
pdfcheck presenze "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$out/pdf/presenze.pdf"
python3 -c '
import sys
s = open("tests/golden/presenze.yaml", encoding="utf-8").read()
more = "".join("      - {oggetto: voto %d, favorevoli: tutti}\n" % i for i in range(4, 32))
sys.stdout.write(s.replace("        favorevoli: tutti\nfirme:", "        favorevoli: tutti\n" + more + "firme:"))' >"$out/pdf/presenze.yaml"
"$bin" render -f md -o "$out/pdf" "$out/pdf/presenze.yaml" 2>/dev/null
pdfcheck presenze "31 votes: three tables of 15, 15 and 1 votes, each with every member" python3 -c '
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
heads = re.findall(r"^\| Componente \|(.*)\|$", t, re.M)
want = [list(range(1, 16)), list(range(16, 31)), [31]]
ok = [[int(x) for x in h.split("|")] for h in heads] == want
ok = ok and len(re.findall(r"^\| Luca BIANCHI \| P \|", t, re.M)) == 1 and len(re.findall(r"^\| Luca BIANCHI \| U \|", t, re.M)) == 2
sys.exit(0 if ok and len(re.findall(r"^\| Marco GRECO \|", t, re.M)) == 3 else 1)' "$out/pdf/presenze.md"
# The published copy (issue 16, item 5): the copia golden, its ente holding an omissis text too
# (the PDF's author), rendered --atti --copia as PDF, Markdown and HTML. No omissis text, nor the
# omitted annex's text, survives in any copy: its PDF's text, decoded strings and streams
# (metadata, XMP), outline, its Markdown and HTML (tests/copia_leaks.py); the originals hold
# them all (the check sees them); the copy is PDF/A, with F.to and the dates.
rm -rf "$out/pdf"
mkdir -p "$out/pdf/c"
sed "s/^ente: .*/ente: Comune di Ca' de Rissi/" tests/golden/copia.yaml >"$out/pdf/c/copia.yaml"
cp tests/golden/copia-istanza.md tests/golden/copia-relazione.md "$out/pdf/c/"
printf '%s\n' "Giobatta Pittaluga" "via dei Mille 12" "Bàcigalupo" "Ca' de Rissi" "Rina Ferretti" \
	"chiede un contributo" >"$out/pdf/omissis.txt"
"$bin" render --atti --copia -f pdf,md,html -o "$out/pdf/o" "$out/pdf/c/copia.yaml" 2>/dev/null
pdfcheck copia "no omissis text in any copy (PDF text, strings, XMP, outline; Markdown; HTML)" \
	python3 tests/copia_leaks.py "$out/pdf/omissis.txt" "$out"/pdf/o/copia-copia.pdf \
	"$out"/pdf/o/copia-copia.md "$out"/pdf/o/copia-copia.html "$out"/pdf/o/copia-1-copia.pdf \
	"$out"/pdf/o/copia-1-copia.md "$out"/pdf/o/copia-1-copia.html "$out"/pdf/o/copia-2-copia.pdf \
	"$out"/pdf/o/copia-3-copia.pdf
pdfcheck copia "the originals hold every omissis text (in the PDF's outline and metadata too)" sh -c "
	for t in 'Giobatta Pittaluga' 'via dei Mille 12' 'Bàcigalupo' \"Ca' de Rissi\" 'Rina Ferretti' 'chiede un contributo'; do
		printf '%s\n' \"\$t\" >'$out/pdf/one.txt'
		! python3 tests/copia_leaks.py '$out/pdf/one.txt' '$out/pdf/o/copia.pdf' >/dev/null || exit 1
	done
	python3 tests/copia_leaks.py '$out/pdf/omissis.txt' '$out/pdf/o/copia.pdf' | grep -q '(outline).*Giobatta Pittaluga' &&
	python3 tests/copia_leaks.py '$out/pdf/omissis.txt' '$out/pdf/o/copia.pdf' | grep -q '(decoded strings and streams).*Ca. de Rissi'"
pdfcheck copia "the copy: F.to, omissis, dates, the omitted annex, the author masked" sh -c "
	t=\$(pdftotext -enc UTF-8 '$out/pdf/o/copia-copia.pdf' - | tr '\n' ' ') &&
	echo \"\$t\" | grep -q 'F.to Mario ROSSI' && echo \"\$t\" | grep -q 'F.to Carla NERI' &&
	! echo \"\$t\" | grep -q 'Firmato digitalmente' && echo \"\$t\" | grep -q 'ISTANZA DI OMISSIS' &&
	echo \"\$t\" | grep -q 'dal 29 aprile 2024 al 13 maggio 2024' && echo \"\$t\" | grep -q 'Allegato omesso nella copia pubblicata' &&
	pdfinfo -enc UTF-8 '$out/pdf/o/copia-copia.pdf' | grep -q '^Author: *Comune di omissis\$'"
pdfcheck copia "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$out/pdf/o/copia-copia.pdf"
# Hostile text: the markdown-ostile golden, and a copy whose ente (in the title, keywords and
# XMP) has a tab (the one control character a value may hold), a character beyond the BMP
# (a surrogate pair in UTF-16; noncharacters are refused, tests/errors/noncaratteri), markup and
# quotes: the info dictionary and the XMP packet must say the same, in well-formed XML.
sed 's/^ente: .*/ente: "Comune \\t di \\U0001D11E Prova\\t\\t\\t<a> \\"q\\" \& fine"/' \
	tests/golden/markdown-ostile.yaml >"$out/pdf/metadati-ostili.yaml"
"$bin" render -f pdf -o "$out/pdf" tests/golden/markdown-ostile.yaml "$out/pdf/metadati-ostili.yaml" 2>/dev/null
for n in markdown-ostile metadati-ostili; do
	pdfcheck $n "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$out/pdf/$n.pdf"
done
kw=$(pdfinfo -enc UTF-8 "$out/pdf/metadati-ostili.pdf" 2>&1 | sed -n 's/^Keywords: *//p')
if [ "$kw" = "processo verbale, Consiglio comunale, Comune   di $(printf '\360\235\204\236') Prova   <a> \"q\" & fine, 1. 2024" ]; then
	pass
else
	fail "metadati-ostili: the keywords, tabs as spaces and U+1D11E kept: $kw"
fi
# The dates: SOURCE_DATE_EPOCH when set (make test sets it), else the sitting's (16:00 in Rome).
rm -rf "$out/pdf"
"$bin" render -f pdf -o "$out/pdf" samples/torino-2022-02-23.yaml 2>/dev/null
pdfcheck torino "SOURCE_DATE_EPOCH is the creation date" sh -c "pdfinfo -isodates '$out/pdf/torino-2022-02-23.pdf' | grep -q '^CreationDate: *2022-02-23T16:00:00'"
env -u SOURCE_DATE_EPOCH "$bin" render -f pdf -o "$out/pdf" samples/torino-2022-02-23.yaml 2>/dev/null
pdfcheck torino "without SOURCE_DATE_EPOCH the sitting's time" sh -c "pdfinfo -isodates '$out/pdf/torino-2022-02-23.pdf' | grep -q '^CreationDate: *2022-02-23T15:00:00'"
. tests/sign.sh # the signature fields, signed by pdfsig
