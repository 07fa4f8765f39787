#!/bin/sh
# run.sh: every test of verbale; ends with the line "N passed, N failed".
# Environment (set by make test): BIN, BUILD, SHARED, LC_ALL, TZ, SOURCE_DATE_EPOCH.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
case $BIN in /*) bin=$BIN ;; *) bin=$top/$BIN ;; esac
shared=${SHARED:-$top/../shared}
out=$top/$BUILD/test-out
rm -rf "$out"
mkdir -p "$out"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

. tests/golden.sh

# 1. unit tests
if PDF_TEST_OUT="$out/pdf-unit.pdf" "$top/$BUILD/unit-tests" >"$out/unit.log" 2>&1; then :; fi
u=$(tail -n 1 "$out/unit.log")
up=$(echo "$u" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
uf=$(echo "$u" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$up" ]; then
	fail "unit tests did not finish: $(tail -n 3 "$out/unit.log")"
else
	grep '^FAIL' "$out/unit.log"
	passed=$((passed + up))
	failed=$((failed + uf))
fi

# the PDF the unit tests made, read by the tools a reader uses
. tests/pdf_checks.sh

# 2. golden files
for pair in $golden_pairs; do
	dir=${pair%%:*} gdir=${pair#*:}
	for y in "$dir"/*.yaml; do
		[ -f "$y" ] || continue
		name=$(basename "$y" .yaml)
		for kind in $golden_kinds; do
			want="$gdir/$name.$kind"
			[ -f "$want" ] || continue
			golden_actual $kind "$dir" "$name" "$out/golden" >"$out/actual" 2>&1
			if cmp -s "$want" "$out/actual"; then
				pass
			else
				fail "$want differs:"
				diff -u "$want" "$out/actual" | head -n 20
			fi
		done
	done
done

# Every key of every schema table: repeated, an error; empty or ~, as if left out.
if python3 tests/keys.py "$bin" tests/chiavi/tutte.yaml templates/stile.yaml >"$out/keys.log" 2>&1; then
	pass
else
	fail "keys: $(grep -v '^keys:' "$out/keys.log" | head -n 5; tail -n 1 "$out/keys.log")"
fi

# check and render agree: for every render golden of the error and image sessions, check gives
# the same error lines and the same exit status (render's own warnings, such as an image left
# out of the PDF, are not check's: only the errors are compared)
for want in tests/errors/*.rerr tests/errors/*.perr tests/images/*.rerr tests/images/*.perr; do
	[ -f "$want" ] || continue
	name=$(basename "${want%.*}")
	golden_actual err "$(dirname "$want")" "$name" "$out/golden" >"$out/check-agrees" 2>&1
	if [ "$(grep -e ': errore: ' -e '^\[exit ' "$want")" = "$(grep -e ': errore: ' -e '^\[exit ' "$out/check-agrees")" ]; then
		pass
	else
		fail "check and render disagree on $name.yaml: render ($want) says"
		grep -e ': errore: ' -e '^\[exit ' "$want" | head -n 5
		echo "check says"
		head -n 5 "$out/check-agrees"
	fi
done

# 3. the command line: usage errors exit 2, environment errors 3
cmdline() { # cmdline NAME WANT_STATUS WANT_STDERR_PATTERN ARGS...
	n=$1 ws=$2 pat=$3
	shift 3
	"$bin" "$@" >"$out/cl.out" 2>"$out/cl.err"
	st=$?
	if [ "$st" = "$ws" ] && grep -q -- "$pat" "$out/cl.err" && ! grep -q Sanitizer "$out/cl.err"; then
		pass
	else
		fail "command line '$n': exit $st (want $ws), stderr: $(head -c 200 "$out/cl.err")"
	fi
}
cmdline "no arguments" 2 "uso: verbale" 
cmdline "unknown command" 2 "comando sconosciuto 'chek'; forse 'check'?" chek x.yaml
cmdline "unknown option" 2 "opzione sconosciuta '--jsn' per check; forse '--json'?" check --jsn x.yaml
cmdline "no file" 2 "manca il file della seduta" check --json
cmdline "missing file" 1 "^nessuno.yaml: errore: il file 'nessuno.yaml' non esiste: controllare il nome e la cartella$" check nessuno.yaml
mkdir -p "$out/una-cartella.yaml"
cmdline "unreadable file" 3 "una-cartella.yaml: errore: impossibile leggere '.*': è una cartella: indicare un file$" check "$out/una-cartella.yaml"
if [ "$(cat "$out/cl.out")" = "$(printf '%s\n  %s' "$out/una-cartella.yaml" "nessun dato: il file non si può leggere o non è una seduta (vedere gli errori)")" ]; then
	pass
else
	fail "check of an unreadable file prints: $(cat "$out/cl.out")"
fi
if [ -w /dev/full ]; then
	"$bin" check samples/torino-2022-02-23.yaml >/dev/full 2>"$out/full.err"
	st=$?
	if [ $st = 3 ] && grep -q "impossibile scrivere" "$out/full.err"; then pass; else fail "stdout on a full disk: exit $st"; fi
fi
head -c 17000000 /dev/zero | tr '\0' 'a' | sed 's/^/ente: /' >"$out/huge.yaml"
cmdline "file over 16 MiB" 1 "huge.yaml: errore: il file è di 17000006 byte, oltre il limite di 16 MiB: ridurlo o dividerlo in più file" check "$out/huge.yaml"
rm -f "$out/huge.yaml"
# The reference sample names Cogno; a copy that says Cagno in a vote list is refused there.
mkdir -p "$out/cagno"
cp samples/torino-2022-02-23-allegato-a.md "$out/cagno/"
sed '0,/favorevoli: \[Cambursano, Cera, Cogno/s//favorevoli: [Cambursano, Cera, Cagno/' \
	samples/torino-2022-02-23.yaml >"$out/cagno/torino.yaml"
(cd "$out/cagno" && "$bin" check torino.yaml >/dev/null 2>cagno.err)
st=$?
if [ $st = 1 ] && [ "$(cat "$out/cagno/cagno.err")" = "torino.yaml:101:40: errore: 'Cagno' non è un componente; forse 'Cogno'?" ]; then
	pass
else
	fail "the Cagno copy: exit $st: $(cat "$out/cagno/cagno.err")"
fi
"$bin" --version >"$out/version" 2>&1 && grep -q '^verbale [0-9]' "$out/version" && pass || fail "--version"
"$bin" check --json samples/torino-2022-02-23.yaml samples/torino-2022-02-23.yaml >"$out/two.json" 2>&1
if [ "$(head -c 9 "$out/two.json")" = '[{"file":' ] && [ "$(grep -c '"file":"samples/torino' "$out/two.json")" = 1 ]; then pass; else fail "check --json with two files gives an array"; fi

# 4. render: templates from another folder, -o created, template errors, nothing written on errors
rm -rf "$out/render"
"$bin" render -f md --template tests/templates/breve -o "$out/render/a/b" samples/torino-2022-02-23.yaml 2>"$out/render.err"
cat >"$out/breve.want" <<'WANT'
# Città metropolitana di Torino: seduta del 23 febbraio 2022

  - DEL\_CONS 3 punto 1: 12 favorevoli su 19 votanti, approvata
  - DEL\_CONS 3 punto 2: 12 favorevoli su 19 votanti, approvata
  - DEL\_CONS 3 punto 3: 11 favorevoli su 18 votanti, approvata
WANT
if cmp -s "$out/breve.want" "$out/render/a/b/torino-2022-02-23.md"; then pass; else fail "render --template into a new -o folder: $(cat "$out/render.err")"; fi
cmdline "template error" 1 "^tests/templates/rotto/verbale.mustache:6:1: errore: '{{/deliberazioni}}' chiude la sezione 'deliberazioni': chiudere prima '{{/votazioni}}'$" \
	render -f md --template tests/templates/rotto -o "$out/render/rotto" samples/torino-2022-02-23.yaml
if [ -e "$out/render/rotto/torino-2022-02-23.md" ]; then fail "a template error still wrote the minutes"; else pass; fi
cmdline "no template folder" 1 "non è una cartella di modelli" render -f md --template "$out" samples/torino-2022-02-23.yaml
cmdline "unknown format" 2 "formato sconosciuto 'odt'" render -f md,odt samples/torino-2022-02-23.yaml
"$bin" render -f md -o "$out/render/errori" tests/errors/counts.yaml 2>/dev/null
st=$?
if [ $st = 1 ] && [ ! -e "$out/render/errori/counts.md" ]; then pass; else fail "a session with errors: exit $st, or its minutes were written"; fi
# The reference minutes: names, figures and outcome sentences of the three votes, in order.
"$bin" render -f md -o "$out/render" samples/torino-2022-02-23.yaml 2>/dev/null
if python3 tests/reference.py "$shared/reference/torino-2022-02-23.txt" "$out/render/torino-2022-02-23.md" >"$out/ref.log" 2>&1; then
	pass
else
	fail "the sample's minutes against the reference: $(cat "$out/ref.log")"
fi

# 5. the PDF
mkdir -p "$out/spec"
if "$top/$BUILD/mdtool" spec "$shared/testdata/commonmark/spec.txt" "$out/spec" >"$out/spec.log" 2>&1 &&
	python3 tests/spec_pdf.py "$out/spec" >>"$out/spec.log" 2>&1; then
	pass
else
	fail "the CommonMark spec through the PDF back end: $(tail -n 5 "$out/spec.log")"
fi
pdfcheck() { # pdfcheck NAME WHAT COMMAND...: the command must succeed
	n=$1 what=$2
	shift 2
	if "$@" >"$out/pdfcheck.log" 2>&1; then pass; else fail "$n: $what: $(tail -n 3 "$out/pdfcheck.log")"; fi
}
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
	pdfcheck "$n" "PDF/A-1b for PDFBox Preflight" "$shared/tools/pdfa-preflight" "$p"
	pdfcheck "$n" "an outline" sh -c "qpdf --json --json-key=outlines '$p' | grep -q '\"title\"'"
	pdfcheck "$n" "justified lines no looser than pdflatex's" sh -c "python3 '$shared/tools/pdf-spacing' '$p' | python3 -c 'import re,sys; m=re.search(r\"p95 ([0-9.]+).*loose [0-9]+ \\(([0-9.]+)%\", sys.stdin.read()); sys.exit(0 if m and float(m.group(1)) <= 0.376 and float(m.group(2)) <= 1.3 else 1)'"
	"$top/$BUILD/mdtool" text "$out/pdf/a/$n.md" >"$out/pdf/words.md" 2>&1
	pdftotext -enc UTF-8 "$p" "$out/pdf/words.pdf" 2>"$out/pdf/pdftotext.err"
	pdfcheck "$n" "pdftotext gives back every word of the Markdown, in order" python3 tests/words.py "$out/pdf/words.md" "$out/pdf/words.pdf"
	pdfcheck "$n" "pdftotext reads it without a warning" test ! -s "$out/pdf/pdftotext.err"
done
# Images: the logo on every page, a PNG and a JPEG in the text (the missing and the remote ones
# are warned about, their alt text shown: tests/images/immagini.perr).
rm -rf "$out/pdf"
"$bin" render -f pdf -o "$out/pdf" tests/images/immagini.yaml 2>/dev/null
pdfcheck immagini "three images on page 1 (logo, PNG, JPEG), the logo on page 2" sh -c "pdfimages -list '$out/pdf/immagini.pdf' | awk 'NR > 2 { n[\$1]++ } END { exit !(n[1] == 3 && n[2] == 1) }'"
pdfcheck immagini "alt texts instead of the images that cannot be used" sh -c "pdftotext '$out/pdf/immagini.pdf' - | grep -q 'Fotografia mancante' && pdftotext '$out/pdf/immagini.pdf' - | grep -q 'Immagine remota'"
pdfcheck immagini "qpdf --check" qpdf --check "$out/pdf/immagini.pdf"
pdfcheck immagini "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$out/pdf/immagini.pdf"
pdfcheck immagini "PDF/A-1b for PDFBox Preflight" "$shared/tools/pdfa-preflight" "$out/pdf/immagini.pdf"
# Hostile text: the markdown-ostile golden, and a copy whose ente (in the title, keywords and
# XMP) has a tab (the one control character a value may hold), a character beyond the BMP
# (a surrogate pair in UTF-16; noncharacters are refused, tests/errors/noncaratteri), markup and
# quotes: the info dictionary and the XMP packet must say the same, in well-formed XML.
sed 's/^ente: .*/ente: "Comune \\t di \\U0001D11E Prova\\t\\t\\t<a> \\"q\\" \& fine"/' \
	tests/golden/markdown-ostile.yaml >"$out/pdf/metadati-ostili.yaml"
"$bin" render -f pdf -o "$out/pdf" tests/golden/markdown-ostile.yaml "$out/pdf/metadati-ostili.yaml" 2>/dev/null
for n in markdown-ostile metadati-ostili; do
	pdfcheck $n "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$out/pdf/$n.pdf"
	pdfcheck $n "PDF/A-1b for PDFBox Preflight" "$shared/tools/pdfa-preflight" "$out/pdf/$n.pdf"
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

# the faces fontconfig chooses, whatever the order of the font folders
. tests/fonts.sh

# 6. batch and watch; hostile input and faults
. tests/batch.sh
# Five sittings of a generated archive and their register, made by verbale batch in a folder
# of this test's own: PDF/A-1b for pdfa-check and for PDFBox Preflight.
rm -rf "$out/preflight"
python3 tests/genarchive.py --seed preflight 5 "$out/preflight/arch" >"$out/preflight.log" 2>&1 &&
	"$bin" batch "$out/preflight/arch" -o "$out/preflight/out" -j 2 -f pdf >>"$out/preflight.log" 2>&1
npf=0
for p in $(find "$out/preflight/out" -name '*.pdf' ! -name 'registro*' | sort) "$out/preflight/out/registro.pdf"; do
	[ "${p##*/}" = registro.pdf ] || npf=$((npf + 1))
	pdfcheck "batch ${p##*/}" "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$p"
	pdfcheck "batch ${p##*/}" "PDF/A-1b for PDFBox Preflight" "$shared/tools/pdfa-preflight" "$p"
done
if [ $npf = 5 ]; then pass; else fail "batch for Preflight: $npf PDFs, not 5: $(tail -n 3 "$out/preflight.log")"; fi
. tests/watch.sh
. tests/hardening.sh
. tests/robust_pdf.sh
. tests/robust.sh
. tests/robust_cli.sh
. tests/robust_load.sh
. tests/robust_sort.sh

# 7. the ecosystem: verbale new, the JSON Schema, make install, the manuals, the completion
. tests/new.sh
. tests/install.sh

# 8. the yaml-test-suite: every case ends in exit 0, or 1 with a message; never a crash or hang
suite=$shared/testdata/yaml-test-suite
if [ -f "$suite/manifest.tsv" ]; then
	n=0
	for y in "$suite"/*.yaml; do
		n=$((n + 1))
		err=$(timeout 10 "$bin" check "$y" 2>&1 >/dev/null)
		st=$?
		case $st:$err in
		*Sanitizer*) fail "yaml-test-suite $(basename "$y"): $err" ;;
		0:* | 1:*": errore: "*) pass ;;
		*) fail "yaml-test-suite $(basename "$y"): exit $st: $err" ;;
		esac
	done
	[ $n -ge 400 ] || fail "yaml-test-suite: only $n cases found"
else
	fail "no yaml-test-suite at $suite (../shared/testdata is needed)"
fi

# 9. the sources keep their layering
if grep -l '#include <yaml.h>' src/*.c | grep -v '^src/ytree.c$' >/dev/null; then
	fail "only ytree.c may include yaml.h"
else
	pass
fi
if grep -l '#include <hpdf' src/*.[ch] | grep -v '^src/pdf.c$' >/dev/null; then
	fail "only pdf.c may include libharu's headers"
else
	pass
fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]
