# external.sh: sourced by run.sh (section external; pass, fail, pdfcheck, $out, $bin, $shared).
# The external validators and clients, the slow ones (a Java virtual machine each): Apache PDFBox
# Preflight (../shared/tools/pdfa-preflight, an independent PDF/A-1b validator) on the PDFs that
# the sections samples and batch check with pdfa-check, made here again the same way. The
# LibreOffice and Chromium checks of later issues belong here too: LibreOffice (soffice, Debian
# libreoffice-writer-nogui) opens verbale's ODT (render -f odt) and makes a PDF of it that gives
# back every word of the Markdown, and a Word file (.docx) with the minutes' text.
# preflight NAME PDF: PDF, named NAME in the messages, is checked by preflight_all
x=$out/external
rm -rf "$x"
mkdir -p "$x"
: >"$x/list"
: >"$x/names"
preflight() {
	echo "$2" >>"$x/list"
	echo "$1" >>"$x/names"
}
# preflight_all: every PDF listed, in one Java virtual machine: pdfa-preflight runs PDFBox's
# Validator_A1b once a file (a JVM each, 2 s); its "group" mode checks a list of files and
# writes one verdict a file, in the list's order, into LIST.preflight.xml. Each file it finds
# valid passes; any other is checked again by pdfa-preflight, whose verdict and messages count
# (all of them, if the group's run gives no verdict for each file).
preflight_all() {
	j=/usr/share/java
	java -cp "$j/preflight.jar:$j/pdfbox2.jar:$j/fontbox2.jar:$j/xmpbox.jar:$j/commons-logging.jar:$j/javax.activation.jar:$j/jaxb-api.jar" \
		org.apache.pdfbox.preflight.Validator_A1b xml group "$x/list" >"$x/group.log" 2>&1
	python3 -c '
import os, sys, xml.etree.ElementTree as ET
files = open(sys.argv[2], encoding="utf-8").read().split("\n")[:-1]
try:
    got = [(p.get("name"), p.findtext("isValid")) for p in ET.parse(sys.argv[1]).getroot().findall("preflight")]
except Exception:
    got = []
if len(got) != len(files) or any(n != os.path.basename(f) for (n, v), f in zip(got, files)):
    got = [(None, None)] * len(files)
for n, v in got:
    print("valid" if v == "true" else "again")' "$x/list.preflight.xml" "$x/list" >"$x/verdicts"
	while read -r v && read -r n <&3 && read -r p <&4; do
		if [ "$v" = valid ]; then
			pass
		else
			pdfcheck "$n" "PDF/A-1b for PDFBox Preflight" "$shared/tools/pdfa-preflight" "$p"
		fi
	done <"$x/verdicts" 3<"$x/names" 4<"$x/list"
}
# the samples (tests/samples.sh)
for y in samples/*.yaml; do
	n=$(basename "$y" .yaml)
	"$bin" render -f pdf,md -o "$x/samples" "$y" 2>"$x/render.err"
	if [ ! -s "$x/samples/$n.pdf" ]; then fail "$n: no PDF: $(head -c 300 "$x/render.err")"; continue; fi
	preflight "$n" "$x/samples/$n.pdf"
done
# an act's own document and a published copy (render --atti --copia, tests/samples.sh)
"$bin" render --atti --copia -f pdf -o "$x/atti" samples/giunta-comunale-2024-06-11.yaml 2>"$x/render.err"
for n in giunta-comunale-2024-06-11-59 giunta-comunale-2024-06-11-60-copia; do
	if [ -s "$x/atti/$n.pdf" ]; then preflight "$n" "$x/atti/$n.pdf"; else fail "$n: no PDF: $(head -c 300 "$x/render.err")"; fi
done
# the images (tests/samples.sh)
"$bin" render -f pdf -o "$x/img" tests/images/immagini.yaml 2>/dev/null
preflight immagini "$x/img/immagini.pdf"
# hostile text in the text and in the metadata (tests/samples.sh)
sed 's/^ente: .*/ente: "Comune \\t di \\U0001D11E Prova\\t\\t\\t<a> \\"q\\" \& fine"/' \
	tests/golden/markdown-ostile.yaml >"$x/metadati-ostili.yaml"
"$bin" render -f pdf -o "$x/ostili" tests/golden/markdown-ostile.yaml "$x/metadati-ostili.yaml" 2>/dev/null
for n in markdown-ostile metadati-ostili; do
	preflight $n "$x/ostili/$n.pdf"
done
# five sittings of a generated archive and their register, made by verbale batch (tests/batch.sh)
python3 tests/genarchive.py --seed preflight 5 "$x/arch" >"$x/batch.log" 2>&1 &&
	"$bin" batch "$x/arch" -o "$x/batch" -j 2 -f pdf >>"$x/batch.log" 2>&1
for p in $(find "$x/batch" -name '*.pdf' ! -name 'registro*' | sort) "$x/batch/registro.pdf"; do
	preflight "batch ${p##*/}" "$p"
done
preflight_all
# LibreOffice: the ODT of three sittings (the Torino sample, the tables, the images) through
# soffice, once to PDF (all three in one run) and once to .docx; a missing soffice fails.
if command -v soffice >/dev/null 2>&1; then
	"$bin" render -f odt,md -o "$x/odt" samples/torino-2022-02-23.yaml tests/golden/tabelle.yaml tests/images/immagini.yaml 2>"$x/render.err"
	mkdir -p "$x/lo-home"
	HOME="$x/lo-home" timeout 180 soffice --headless --convert-to pdf --outdir "$x/lo" \
		"$x/odt/torino-2022-02-23.odt" "$x/odt/tabelle.odt" "$x/odt/immagini.odt" >"$x/lo.log" 2>&1
	for n in torino-2022-02-23 tabelle immagini; do
		if [ ! -s "$x/lo/$n.pdf" ]; then fail "$n: LibreOffice made no PDF of the ODT: $(tail -n 3 "$x/lo.log")"; continue; fi
		pdftotext -enc UTF-8 "$x/lo/$n.pdf" "$x/lo/$n.txt" 2>/dev/null
		# (the images' descriptions are no text in LibreOffice's PDF: odt_words.py)
		[ $n = immagini ] || pdfcheck "$n" "LibreOffice's PDF of the ODT gives back every word of the Markdown, in order" \
			python3 tests/odt_words.py "$x/odt/$n.md" "$x/lo/$n.txt"
		pdfcheck "$n" "LibreOffice's PDF of the ODT: the vote figures, in order; A4; the title" python3 -c 'import re, subprocess, sys
fig = re.compile(r"^(Presenti|Votanti|Favorevoli|Contrari|Astenut[oi]|Schede bianche|Schede nulle): [0-9]+$")
want = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if fig.match(l.strip())]
got = [l.strip() for l in open(sys.argv[2], encoding="utf-8") if fig.match(l.strip())]
info = subprocess.run(["pdfinfo", "-enc", "UTF-8", sys.argv[3]], capture_output=True, text=True).stdout
ok = want and want == got and re.search(r"^Page size: *595\.[0-9]+ x 841\.[0-9]+ pts \(A4\)", info, re.M) and re.search(r"^Title: *Processo verbale ", info, re.M)
sys.exit(0 if ok else "figures %s / %s; %s" % (want[:6], got[:6], info[:300]))' "$x/odt/$n.md" "$x/lo/$n.txt" "$x/lo/$n.pdf"
	done
	HOME="$x/lo-home" timeout 180 soffice --headless --convert-to docx --outdir "$x/docx" "$x/odt/torino-2022-02-23.odt" >"$x/docx.log" 2>&1
	pdfcheck torino "LibreOffice's .docx of the ODT: a zip whose word/document.xml has the minutes' text" python3 -c 'import sys, zipfile
doc = zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
for s in ("Letto, confermato e sottoscritto.", "PRESENTAZIONE LINEE PROGRAMMATICHE DI MANDATO", "Favorevoli: 12"):
    if s not in doc:
        sys.exit("no %r in word/document.xml" % s)' "$x/docx/torino-2022-02-23.docx"
else
	fail "LibreOffice: no soffice to open the ODT (Debian libreoffice-writer-nogui; make deps installs it)"
fi
