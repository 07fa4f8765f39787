# odt.sh: sourced by run.sh (section samples; pass, fail, pdfcheck, $out, $bin, $top).
# render -f odt (odt.c) as a reader's tools see the package: for each sample, the tables and the
# images, odt_check.py (the zip, its XML, the named styles, as many Titolo, Oggetto, Esito and
# Firma paragraphs as the Markdown has headings of levels 1 and 2, votes and signatures, the
# vote figures) and every word of the Markdown in content.xml's text, in order; two renders the
# same bytes, also with another SOURCE_DATE_EPOCH (the entries' time then), and without one (the
# sitting's date at midnight UTC, in any time zone); batch, --atti --copia; no output over an
# input. LibreOffice opens them in the section external.
o=$out/odt
rm -rf "$o"
for y in samples/*.yaml tests/golden/tabelle.yaml tests/images/immagini.yaml; do
	n=$(basename "$y" .yaml)
	"$bin" render -f odt,md -o "$o/a" "$y" 2>"$o.err" && "$bin" render -f odt -o "$o/b" "$y" 2>>"$o.err"
	if [ ! -s "$o/a/$n.odt" ]; then fail "$n: no ODT: $(head -c 300 "$o.err")"; continue; fi
	pdfcheck "$n" "ODT: two renders give the same bytes" cmp "$o/a/$n.odt" "$o/b/$n.odt"
	"$top/$BUILD/mdtool" text "$o/a/$n.md" >"$o/a/$n.words" 2>&1
	pdfcheck "$n" "ODT: package, XML, styles, as many Titolo, Oggetto, Esito, Firma as the Markdown says, vote figures, every word in order" \
		python3 tests/odt_check.py "$o/a/$n.odt" "$o/a/$n.md" "$o/a/$n.words"
done
# the pictures: the logo in the header, the two images of the text that are there as frames
pdfcheck immagini "ODT: the logo and the two images as pictures" python3 -c 'import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
pics = sorted(n for n in z.namelist() if n.startswith("Pictures/"))
frames = len(re.findall(r"<draw:image ", z.read("content.xml").decode()))
logo = "Pictures/logo.png" in z.read("styles.xml").decode()
sys.exit(0 if pics == ["Pictures/immagine1.png", "Pictures/immagine2.jpg", "Pictures/logo.png"] and frames == 2 and logo else "%s %d %s" % (pics, frames, logo))' "$o/a/immagini.odt"
# with no PDF made, the ODT warns of the images left out as the PDF does (its golden stderr)
(cd tests/images && "$bin" render -f odt -o "$o/warn" immagini.yaml >/dev/null 2>"$o/warn.err")
if grep -v '^\[exit' tests/images/immagini.pdf-err | cmp -s - "$o/warn.err"; then pass; else fail "immagini: render -f odt warns otherwise than the PDF: $(head -c 300 "$o/warn.err")"; fi
# an image that is there but no PNG or JPEG: the PDF's error, exit 1, nothing written
mkdir -p "$o/rotta"
cp tests/images/immagini.yaml tests/images/stemma.png tests/images/pagina.jpg "$o/rotta/"
cp tests/errors/stemma-rotto.png "$o/rotta/grafico.png"
(cd "$o/rotta" && "$bin" render -f pdf -o pdf immagini.yaml 2>pdf.err; echo "[exit $?]" >>pdf.err)
(cd "$o/rotta" && "$bin" render -f odt -o odt immagini.yaml 2>odt.err; echo "[exit $?]" >>odt.err)
if cmp -s "$o/rotta/pdf.err" "$o/rotta/odt.err" && grep -q '^\[exit 1\]$' "$o/rotta/odt.err" &&
	grep -q "errore: l'immagine '.*grafico.png' non si può leggere" "$o/rotta/odt.err" && [ ! -e "$o/rotta/odt" ]; then
	pass
else
	fail "immagini: render -f odt of a broken image: $(head -c 300 "$o/rotta/odt.err")"
fi
# the time of the entries and of the metadata
t=samples/torino-2022-02-23.yaml
SOURCE_DATE_EPOCH=1700000000 "$bin" render -f odt -o "$o/e1" "$t" 2>/dev/null
SOURCE_DATE_EPOCH=1700000000 "$bin" render -f odt -o "$o/e2" "$t" 2>/dev/null
env -u SOURCE_DATE_EPOCH TZ=UTC "$bin" render -f odt -o "$o/n1" "$t" 2>/dev/null
env -u SOURCE_DATE_EPOCH TZ=America/Los_Angeles "$bin" render -f odt -o "$o/n2" "$t" 2>/dev/null
pdfcheck torino "ODT: SOURCE_DATE_EPOCH=1700000000 twice the same bytes" cmp "$o/e1/torino-2022-02-23.odt" "$o/e2/torino-2022-02-23.odt"
pdfcheck torino "ODT: without SOURCE_DATE_EPOCH the same bytes in two time zones" cmp "$o/n1/torino-2022-02-23.odt" "$o/n2/torino-2022-02-23.odt"
odt_time() { # odt_time ODT WANT: every entry's time and meta.xml's dates are WANT (Y-M-DTh:m:s)
	python3 -c 'import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
got = {"%04d-%02d-%02dT%02d:%02d:%02d" % i.date_time for i in z.infolist()}
meta = z.read("meta.xml").decode()
ok = got == {sys.argv[2]} and "<meta:creation-date>%s</meta:creation-date>" % sys.argv[2] in meta
sys.exit(0 if ok else "%s, meta %s" % (got, meta[-300:]))' "$1" "$2"
}
pdfcheck torino "ODT: the time is SOURCE_DATE_EPOCH's" odt_time "$o/e1/torino-2022-02-23.odt" 2023-11-14T22:13:20
pdfcheck torino "ODT: the time is the test's SOURCE_DATE_EPOCH" odt_time "$o/a/torino-2022-02-23.odt" 2022-02-23T16:00:00
pdfcheck torino "ODT: without SOURCE_DATE_EPOCH the sitting's date at midnight UTC" odt_time "$o/n1/torino-2022-02-23.odt" 2022-02-23T00:00:00
# batch and render --atti --copia read the format table
mkdir -p "$o/in"
cp -r samples/. "$o/in/"
"$bin" batch -f odt,md -o "$o/out" "$o/in" >"$o/batch1.log" 2>&1
"$bin" batch -f odt,md -o "$o/out" "$o/in" >"$o/batch2.log" 2>&1
if [ "$(ls "$o/out"/*.odt | wc -l)" = 4 ] && grep -q ' 4 rese, 0 già aggiornate, 0 con errori' "$o/batch1.log" &&
	grep -q ' 0 rese, 4 già aggiornate, 0 con errori' "$o/batch2.log"; then
	pass
else
	fail "batch -f odt,md: $(ls "$o/out"); $(tail -n 2 "$o/batch1.log" "$o/batch2.log")"
fi
"$bin" render --atti --copia -f odt -o "$o/atti" samples/consiglio-comunale-2024-04-18.yaml 2>/dev/null
if [ "$(ls "$o/atti"/consiglio-comunale-2024-04-18*.odt | wc -l)" = 10 ] && [ -s "$o/atti/consiglio-comunale-2024-04-18-15-copia.odt" ]; then
	pass
else
	fail "render --atti --copia -f odt: $(ls "$o/atti")"
fi
# an annex called NAME.odt stops -f odt: nothing written, the annex intact
mkdir -p "$o/annesso"
sed 's/file: torino-2022-02-23-allegato-a.md/file: torino.odt/' samples/torino-2022-02-23.yaml >"$o/annesso/torino.yaml"
printf 'Allegato A\n' >"$o/annesso/torino.odt"
(cd "$o/annesso" && "$bin" render -f odt torino.yaml 2>oi.err)
st=$?
if [ $st = 1 ] && [ "$(cat "$o/annesso/oi.err")" = "torino.yaml: errore: './torino.odt' è uno dei file da cui il verbale è fatto: non lo sovrascrivo; indicare un'altra cartella con -o" ] &&
	[ "$(cat "$o/annesso/torino.odt")" = "Allegato A" ]; then
	pass
else
	fail "render -f odt over an annex: exit $st: $(cat "$o/annesso/oi.err")"
fi
# hostile text: the Markdown of markdown-ostile, and an ente of tabs, a character outside the
# BMP, markup and quotes (tests/external.sh makes the same for the PDF): valid XML, every word
# in order, the ente whole in the header and in the metadata
sed 's/^ente: .*/ente: "Comune \\t di \\U0001D11E Prova\\t\\t\\t<a> \\"q\\" \& fine"/' \
	tests/golden/markdown-ostile.yaml >"$o/metadati-ostili.yaml"
"$bin" render -f odt,md -o "$o/ostili" tests/golden/markdown-ostile.yaml "$o/metadati-ostili.yaml" 2>/dev/null
for n in markdown-ostile metadati-ostili; do
	if [ ! -s "$o/ostili/$n.odt" ]; then fail "$n: no ODT"; continue; fi
	"$top/$BUILD/mdtool" text "$o/ostili/$n.md" >"$o/ostili/$n.words" 2>&1
	pdfcheck "$n" "ODT: package, XML, styles, vote figures, every word in order" python3 tests/odt_check.py "$o/ostili/$n.odt" "$o/ostili/$n.md" "$o/ostili/$n.words"
done
pdfcheck metadati-ostili "ODT: the ente whole in the header and in the metadata" python3 -c 'import sys, zipfile, xml.etree.ElementTree as ET
def text_of(el):
    out = ["\t" if el.tag.endswith("}tab") else el.text or ""]
    for c in el:
        out += [text_of(c), c.tail or ""]
    return "".join(out)
z = zipfile.ZipFile(sys.argv[1])
ente = "Comune \t di \U0001D11E Prova\t\t\t<a> \"q\" & fine"
creator = ET.fromstring(z.read("meta.xml")).find(".//{http://purl.org/dc/elements/1.1/}creator").text
header = text_of(ET.fromstring(z.read("styles.xml")).find(".//{urn:oasis:names:tc:opendocument:xmlns:style:1.0}header"))
sys.exit(0 if creator == ente.replace("\t", " ") and header == ente + " — Consiglio comunale" else "%r / %r" % (creator, header))' "$o/ostili/metadati-ostili.odt"
# the styles are stile.yaml's, as the PDF's: another face, body size, heading size and margin
mkdir -p "$o/modelli"
cp -r templates/. "$o/modelli/"
sed -i 's/^  corpo: 12 /  corpo: 11 /; s/^  titolo1: 15$/  titolo1: 17/; s/^  testo: Liberation Serif$/  testo: DejaVu Serif/; s/^  margine_sinistro: 2.5cm$/  margine_sinistro: 3cm/' "$o/modelli/stile.yaml"
"$bin" render -f pdf,odt --template "$o/modelli" -o "$o/stile" samples/torino-2022-02-23.yaml 2>/dev/null
pdfcheck torino "ODT: stile.yaml's face, sizes and margin; the PDF's title" python3 -c 'import re, subprocess, sys, zipfile
styles = zipfile.ZipFile(sys.argv[1]).read("styles.xml").decode()
meta = zipfile.ZipFile(sys.argv[1]).read("meta.xml").decode()
title = subprocess.run(["pdfinfo", "-enc", "UTF-8", sys.argv[2]], capture_output=True, text=True).stdout
title = re.search(r"^Title: *(.*)$", title, re.M).group(1)
want = ["<style:font-face style:name=\"Testo\" svg:font-family=\"&apos;DejaVu Serif&apos;\"",
        "<style:text-properties style:font-name=\"Testo\" fo:font-size=\"11.00pt\"",
        "<style:style style:name=\"Titolo\" style:family=\"paragraph\"",
        "fo:font-size=\"17.00pt\" fo:font-weight=\"bold\"",
        "fo:margin-left=\"85.04pt\"",
        "<dc:title>%s</dc:title>" % title.replace("&", "&amp;").replace("<", "&lt;")]
missing = [w for w in want if w not in styles + meta]
sys.exit("missing: %s" % missing if missing or not title.startswith("Processo verbale") else 0)' "$o/stile/torino-2022-02-23.odt" "$o/stile/torino-2022-02-23.pdf"
