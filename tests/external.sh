# external.sh: sourced by run.sh (section external; pass, fail, pdfcheck, $out, $bin, $shared).
# The external validators and clients, the slow ones (a Java virtual machine each): Apache PDFBox
# Preflight (../shared/tools/pdfa-preflight, an independent PDF/A-1b validator) on the PDFs that
# the sections samples and batch check with pdfa-check, made here again the same way. The
# LibreOffice and Chromium checks of later issues belong here too.
preflight() { # preflight NAME PDF
	pdfcheck "$1" "PDF/A-1b for PDFBox Preflight" "$shared/tools/pdfa-preflight" "$2"
}
x=$out/external
rm -rf "$x"
mkdir -p "$x"
# the samples (tests/samples.sh)
for y in samples/*.yaml; do
	n=$(basename "$y" .yaml)
	"$bin" render -f pdf,md -o "$x/samples" "$y" 2>"$x/render.err"
	if [ ! -s "$x/samples/$n.pdf" ]; then fail "$n: no PDF: $(head -c 300 "$x/render.err")"; continue; fi
	preflight "$n" "$x/samples/$n.pdf"
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
