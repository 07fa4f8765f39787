# robust_pdf.sh: sourced by run.sh (pass, fail, $out, $bin, $shared). Issue 12, the PDF's side:
# strings over libharu's 64 KB limit, dangerous links, bidi controls in text. Each render runs
# under a time limit and a memory limit; every message is asserted in full.
r=$out/robust-pdf
rm -rf "$r"
mkdir -p "$r"
cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$r/"

# rvariant NAME PYTHON-EXPRESSION-ON-s [ARG]: $r/NAME.yaml, the Torino sample changed by the
# expression (which sees ARG as sys.argv[3])
rvariant() {
	python3 -c "import sys; s = open(sys.argv[1], encoding='utf-8').read(); new = $2; assert new != s; open(sys.argv[2], 'w', encoding='utf-8').write(new)" "$r/torino-2022-02-23.yaml" "$r/$1.yaml" "${3:-}"
}
# rrender NAME FORMATS: render $r/NAME.yaml into $r/o-NAME within 60 s and 1 GiB (no memory
# limit under AddressSanitizer, which reserves terabytes); sets $st, stderr in $r/NAME.err
rrender() {
	(
		[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 1048576
		exec timeout 60 "$bin" render -f "$2" -o "$r/o-$1" "$r/$1.yaml"
	) >"$r/$1.out" 2>"$r/$1.err"
	st=$?
}
# rcheck NAME WHAT COMMAND...: pass if COMMAND succeeds
rcheck() {
	n=$1 what=$2
	shift 2
	if "$@" >"$r/check.log" 2>&1; then pass; else fail "robust-pdf '$n': $what: $(tail -n 3 "$r/check.log")"; fi
}

# --- 8. libharu's 64 KB strings ---
# 300 acts with 130-character subjects: the document's Subject (all the subjects) is over 64 KB
# as UTF-16; it is cut after a whole character, with an ellipsis, the same in the XMP.
rvariant atti 's.replace("deliberazioni:\n", "deliberazioni:\n" + "".join("  - numero: \"X%d\"\n    oggetto: %s\n    votazioni: [{oggetto: intera deliberazione, favorevoli: tutti}]\n" % (i, "Approvazione del regolamento comunale per la disciplina delle attività e dei servizi pubblici locali n. %d e successive modifiche" % i) for i in range(300)), 1)'
rrender atti pdf,md
if [ $st = 0 ] && [ ! -s "$r/atti.err" ]; then pass; else fail "robust-pdf 'atti': exit $st (want 0), stderr: $(head -c 300 "$r/atti.err")"; fi
p=$r/o-atti/atti.pdf
rcheck atti "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$p"
rcheck atti "qpdf --check" qpdf --check "$p"
rcheck atti "the subject: 32,766 UTF-16 units, the last an ellipsis" python3 -c "
import subprocess, sys
info = subprocess.run(['pdfinfo', '-enc', 'UTF-8', sys.argv[1]], capture_output=True, text=True).stdout
subj = [l for l in info.splitlines() if l.startswith('Subject:')][0].split(None, 1)[1]
units = len(subj.encode('utf-16-be')) // 2
sys.exit(0 if subj.startswith('X0: Approvazione del regolamento') and subj.endswith('\u2026') and units == 32766 else 'subject: %d units, ends %r' % (units, subj[-20:]))" "$p"

# An act whose subject (an outline title) is longer than 64 KB as UTF-16, with characters
# beyond the BMP: the title is cut after a whole character, with an ellipsis.
rvariant oggetto 's.replace("deliberazioni:\n  - numero:", "deliberazioni:\n  - numero: \"L1\"\n    oggetto: \"" + " ".join(["Approvazione àè \U00010348 regolamento"] * 2500) + "\"\n    votazioni: [{oggetto: intera deliberazione, favorevoli: tutti}]\n  - numero:", 1)'
rrender oggetto pdf
if [ $st = 0 ] && [ "$(cat "$r/oggetto.err")" = "$r/oggetto.yaml: avviso: nessun carattere installato ha il segno U+10348 ('$(printf '\360\220\215\210')'): nel PDF si vede come $(printf '\357\277\275'), ma il testo copiato resta esatto" ]; then
	pass
else
	fail "robust-pdf 'oggetto': exit $st (want 0), stderr: $(head -c 300 "$r/oggetto.err")"
fi
p=$r/o-oggetto/oggetto.pdf
rcheck oggetto "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$p"
rcheck oggetto "the long outline title cut at 65,535 bytes with an ellipsis" sh -c "qpdf --json --json-key=outlines '$p' | python3 -c '
import json, sys
def walk(o):
    for x in o:
        yield x[\"title\"]
        yield from walk(x[\"kids\"])
t = [t for t in walk(json.load(sys.stdin)[\"outlines\"]) if len(t) > 1000]
sys.exit(0 if len(t) == 1 and t[0].endswith(\"\u2026\") and 65530 <= 2 + len(t[0].encode(\"utf-16-be\")) <= 65535 else repr([len(x) for x in t]))'"

# --- 11. links: only http:, https:, mailto: and #fragment stay live ---
# javascript:, file:, data:, vbscript: (in any case, autolinks included) and relative links are
# left as their text, with a warning each; the render goes on. A link too long for the PDF too.
lunga="https://example.org/$(python3 -c 'print("a" * 70000)')"
rvariant link 's.replace("testo: |\n", "testo: |\n      [a](javascript:alert(1)) [b](file:///etc/passwd) [c](data:text/html,x) [d](vbscript:x) [e](VBScript:y) <javascript:alert(2)> [f](allegato.pdf) [g](https://example.org/g) [h](mailto:a@b.it) [i](#sopra) [j](HTTP://E.IT/j) [k](" + sys.argv[3] + ")\n\n", 1)' "$lunga"
rrender link pdf,md,html
why="sono ammessi solo indirizzi http:, https: e mailto: e i rimandi a un punto del documento (#nome)"
cat >"$r/link.want" <<EOW
$r/link.yaml: avviso: collegamento 'javascript:alert(1)' lasciato come testo, non attivo: $why
$r/link.yaml: avviso: collegamento 'file:///etc/passwd' lasciato come testo, non attivo: $why
$r/link.yaml: avviso: collegamento 'data:text/html,x' lasciato come testo, non attivo: $why
$r/link.yaml: avviso: collegamento 'vbscript:x' lasciato come testo, non attivo: $why
$r/link.yaml: avviso: collegamento 'VBScript:y' lasciato come testo, non attivo: $why
$r/link.yaml: avviso: collegamento 'javascript:alert(2)' lasciato come testo, non attivo: $why
$r/link.yaml: avviso: collegamento 'allegato.pdf' lasciato come testo, non attivo: $why
$r/link.yaml: avviso: collegamento 'https://example.org/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…' lasciato come testo, non attivo: l'indirizzo supera i 65535 byte che un PDF ammette: accorciarlo
EOW
if [ $st = 0 ] && cmp -s "$r/link.want" "$r/link.err"; then pass; else fail "robust-pdf 'link': exit $st (want 0), stderr: $(diff "$r/link.want" "$r/link.err" | head -c 600)"; fi
rcheck link "PDF: only the http, https and mailto links are live" sh -c "qpdf --qdf --object-streams=disable '$r/o-link/link.pdf' - | grep -a '/URI (' | sed 's/^ *//' | tr '\n' ' ' | grep -Fxq '/URI (https://example.org/g) /URI (mailto:a@b.it) /URI (HTTP://E.IT/j) '"
rcheck link "PDF: the links' texts are there, a live one's address after it" sh -c "pdftotext '$r/o-link/link.pdf' - | tr '\\n' ' ' | grep -q 'a b c d e javascript:alert(2) f g (https://example.org/g) h (a@b.it) i j (HTTP://E.IT/j) k'"
rcheck link "HTML: the hrefs are the allowed links" sh -c "grep -o 'href=\"[^\"]*\"' '$r/o-link/link.html' | tr '\n' ' ' | grep -Fxq 'href=\"https://example.org/g\" href=\"mailto:a@b.it\" href=\"#sopra\" href=\"HTTP://E.IT/j\" '"
rcheck link "Markdown: the others are text" grep -Fxq 'a b c d e javascript:alert(2) f [g](https://example.org/g) [h](mailto:a@b.it) [i](#sopra) [j](HTTP://E.IT/j) k' "$r/o-link/link.md"
rcheck link "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$r/o-link/link.pdf"

# --- 14. bidi controls: written visibly as ‹U+XXXX›, with a warning each ---
# in the text, a code span, a link's text and a subject (a heading, the outline, the metadata)
rvariant bidi 's.replace("testo: |\n", "testo: |\n      Importo \u202eenoilim 01\u202c euro, `co\u2066de\u2069` [x\u202d](https://e.it/)\n\n", 1).replace("oggetto: PRESENTAZIONE", "oggetto: \"Titolo \\u202B con \\u2067 ritorno \\u2068\\u202A\"\n    #", 1)'
rrender bidi pdf,md,html
: >"$r/bidi.want"
for c in 202A 202B 202C 202D 202E 2066 2067 2068 2069; do
	echo "$r/bidi.yaml: avviso: il testo contiene U+$c, un controllo della direzione del testo, che cambierebbe l'ordine in cui si legge: nel verbale è scritto come ‹U+$c›; toglierlo" >>"$r/bidi.want"
done
if [ $st = 0 ] && cmp -s "$r/bidi.want" "$r/bidi.err"; then pass; else fail "robust-pdf 'bidi': exit $st (want 0), stderr: $(diff "$r/bidi.want" "$r/bidi.err" | head -c 600)"; fi
# bidi NAME FILE LINE...: FILE has each LINE and no bidi control
bidi() {
	n=$1 f=$2
	shift 2
	for l in "$@"; do
		rcheck bidi "$n: '$l'" grep -Fq -- "$l" "$f"
	done
	rcheck bidi "$n: no bidi control left" python3 -c "import sys; s = open(sys.argv[1], encoding='utf-8').read(); sys.exit(any(0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069 for c in s))" "$f"
}
bidi md "$r/o-bidi/bidi.md" "## OGGETTO: TITOLO ‹U+202B› CON ‹U+2067› RITORNO ‹U+2068›‹U+202A›" "Importo ‹U+202E›enoilim 01‹U+202C› euro, \`co‹U+2066›de‹U+2069›\` [x‹U+202D›](https://e.it/)"
bidi html "$r/o-bidi/bidi.html" "Importo ‹U+202E›enoilim 01‹U+202C› euro, <code>co‹U+2066›de‹U+2069›</code> <a href=\"https://e.it/\">x‹U+202D›</a>"
pdftotext "$r/o-bidi/bidi.pdf" "$r/bidi.txt"
pdfinfo -enc UTF-8 "$r/o-bidi/bidi.pdf" >>"$r/bidi.txt"
bidi pdf "$r/bidi.txt" "OGGETTO: TITOLO ‹U+202B› CON ‹U+2067› RITORNO ‹U+2068›‹U+202A›" "Importo ‹U+202E›enoilim 01‹U+202C› euro, co‹U+2066›de‹U+2069› x‹U+202D›" "Subject:         DEL_CONS 3: Titolo ‹U+202B› con ‹U+2067› ritorno ‹U+2068›‹U+202A›"
rcheck bidi "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$r/o-bidi/bidi.pdf"

# --- 17. images: drawn only alone in their paragraph; the preview loads nothing remote ---
# In the PDF an image inside text, or beside another image, is its description, with a warning
# that says how to have it drawn; a remote one (https:, //, data:, any scheme) or one outside the
# folder gets its own warning, wherever it is. In the HTML preview the local images are inside
# the page (data:image/...), and every other one is its description, escaped.
cp tests/images/grafico.png tests/images/pagina.jpg "$r/"
lunga="https://t.example/$(python3 -c 'print("b" * 100)').gif"
rvariant img 's.replace("testo: |\n", "testo: |\n      Lo stemma ![lo *stemma*](grafico.png) nel testo.\n\n      ![uno](grafico.png)\n      ![due](pagina.jpg)\n\n      Un pixel ![pixel <b>](https://t.example/p.gif?u=1) qui.\n\n      ![senza protocollo](//t.example/q.gif)\n\n      ![schema](ftp:x.png)\n\n      ![dati](data:image/png;base64,iVBORw0KGgo=)\n\n      ![fuori](../grafico.png)\n\n      ![lungo](" + sys.argv[3] + ")\n\n      ![grafico](grafico.png)\n\n", 1)' "$lunga"
rrender img pdf,md,html
inline="non è da sola nel suo paragrafo): al suo posto il testo alternativo; per inserirla, metterla in un paragrafo da sola, con una riga vuota prima e dopo"
remote="le immagini remote non si scaricano): al suo posto il testo alternativo"
cat >"$r/img-html.want" <<EOW
$r/img.yaml: avviso: immagine 'https://t.example/p.gif?u=1' non inserita ($remote
$r/img.yaml: avviso: immagine '//t.example/q.gif' non inserita ($remote
$r/img.yaml: avviso: immagine 'ftp:x.png' non inserita ($remote
$r/img.yaml: avviso: immagine 'data:image/png;base64,iVBORw0KGgo=' non inserita ($remote
$r/img.yaml: avviso: immagine '../grafico.png' non inserita (fuori dalla cartella della seduta): al suo posto il testo alternativo
$r/img.yaml: avviso: immagine '$(echo "$lunga" | cut -c 1-80)…' non inserita ($remote
EOW
{
	echo "$r/img.yaml: avviso: immagine 'grafico.png' non inserita ($inline"
	echo "$r/img.yaml: avviso: immagine 'grafico.png' non inserita ($inline"
	echo "$r/img.yaml: avviso: immagine 'pagina.jpg' non inserita ($inline"
	cat "$r/img-html.want"
} >"$r/img.want"
if [ $st = 0 ] && cmp -s "$r/img.want" "$r/img.err"; then pass; else fail "robust-pdf 'img': exit $st (want 0), stderr: $(diff "$r/img.want" "$r/img.err" | head -c 600)"; fi
p=$r/o-img/img.pdf
rcheck img "PDF: one image drawn, the one alone in its paragraph" sh -c "pdfimages -list '$p' | awk 'NR > 2 { n++ } END { exit n != 1 }'"
pdftotext "$p" "$r/img.txt"
for l in "Lo stemma lo stemma nel testo." "uno due" "Un pixel pixel <b> qui." "senza protocollo" "schema" "dati" "fuori" "lungo"; do
	rcheck img "PDF: the description '$l'" grep -Fxq -- "$l" "$r/img.txt"
done
rcheck img "PDF/A-1b" python3 "$shared/tools/pdfa-check" "$p"
h=$r/o-img/img.html
rcheck img "HTML: every image is inside the page (data:image/png or jpeg), four of them" sh -c "[ \$(grep -o '<img [^>]*>' '$h' | wc -l) = 4 ] && ! grep -o '<img [^>]*>' '$h' | grep -v '^<img src=\"data:image/\(png\|jpeg\);base64,[A-Za-z0-9+/=]*\" alt=\"\(lo stemma\|uno\|due\|grafico\)\" />$'"
rcheck img "HTML: no remote address left" sh -c "! grep -e 't\.example' -e 'ftp:' -e 'iVBORw0KGgo=\"' -e '\.\./grafico' '$h'"
for l in "<p>Un pixel pixel &lt;b&gt; qui.</p>" "<p>senza protocollo</p>" "<p>schema</p>" "<p>dati</p>" "<p>fuori</p>" "<p>lungo</p>"; do
	rcheck img "HTML: the description '$l'" grep -Fxq -- "$l" "$h"
done
rcheck img "HTML: the local images are the files" python3 -c "
import base64, re, sys
html = open(sys.argv[1]).read()
srcs = re.findall(r'<img src=\"data:image/(?:png|jpeg);base64,([^\"]*)\" alt=\"([^\"]*)\"', html)
want = {'lo stemma': 'grafico.png', 'uno': 'grafico.png', 'due': 'pagina.jpg', 'grafico': 'grafico.png'}
sys.exit(0 if len(srcs) == 4 and all(base64.b64decode(d) == open(sys.argv[2] + '/' + want[a], 'rb').read() for d, a in srcs) else repr([a for d, a in srcs]))" "$h" "$r"
# the HTML alone: the same page, and the warnings the PDF would have given about the images it
# does not show (an image inside text is shown in the preview)
(
	[ -n "${ASAN_OPTIONS:-}" ] || ulimit -v 1048576
	exec timeout 60 "$bin" render -f html -o "$r/o-img-html" "$r/img.yaml"
) >/dev/null 2>"$r/img-html.err"
st=$?
if [ $st = 0 ] && cmp -s "$r/img-html.want" "$r/img-html.err"; then pass; else fail "robust-pdf 'img' (html): exit $st (want 0), stderr: $(diff "$r/img-html.want" "$r/img-html.err" | head -c 600)"; fi
rcheck img "HTML alone: the same page" cmp "$h" "$r/o-img-html/img.html"
# The images of one preview are at most 32 MiB of files: a 12 MiB PNG three times, the third is
# its description, with a warning, and the PDF has all three (told nothing).
python3 -c "
import struct, sys, zlib
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d))
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 0, 0, 0, 0)) + chunk(b'tEXt', b'x\0' + b'y' * (12 << 20)) + chunk(b'IDAT', zlib.compress(b'\0\0')) + chunk(b'IEND', b''))" "$r/grande.png"
rvariant grandi 's.replace("testo: |\n", "testo: |\n      ![primo](grande.png)\n\n      ![secondo](grande.png)\n\n      ![terzo](grande.png)\n\n", 1)'
rrender grandi pdf,html
if [ $st = 0 ] && [ "$(cat "$r/grandi.err")" = "$r/grandi.yaml: avviso: immagine 'grande.png' non inserita (le immagini dell'anteprima HTML supererebbero i 32 MiB): al suo posto il testo alternativo" ]; then
	pass
else
	fail "robust-pdf 'grandi': exit $st (want 0), stderr: $(head -c 300 "$r/grandi.err")"
fi
rcheck grandi "HTML: two images inside the page, the third its description" sh -c "[ \$(grep -c '^<p><img src=\"data:image/png;base64,' '$r/o-grandi/grandi.html') = 2 ] && grep -Fxq '<p>terzo</p>' '$r/o-grandi/grandi.html'"
rcheck grandi "PDF: all three drawn" sh -c "pdfimages -list '$r/o-grandi/grandi.pdf' | awk 'NR > 2 { n++ } END { exit n != 3 }'"
