# embed.sh: sourced by run.sh (section samples; pass, fail, pdfcheck, $out, $bin, $top).
# render --incorpora (PDF/A-3b, src/pdf_embed.c): the files embedded, as pdfdetach and our own
# checks (tests/embed_check.py) see them; the round trip (the extracted files render the same
# bytes); and nothing embedded without it. No validator here checks PDF/A-3: qpdf --check.
e=$out/embed
rm -rf "$e"
"$bin" render --incorpora -f pdf -o "$e/a" samples/torino-2022-02-23.yaml 2>"$e.err"
p=$e/a/torino-2022-02-23.pdf
pdfcheck embed "qpdf --check" qpdf --check "$p"
pdfcheck embed "pdfdetach -list shows the 3 files" sh -c 'pdfdetach -list "$1" | head -n 1 | grep -qx "3 embedded files"' sh "$p"
python3 tests/embed_check.py "$p" >"$e.list" 2>"$e.check"
pdfcheck embed "/AF, /AFRelationship, MIME subtypes, /Params, XMP part 3 B: $(cat "$e.check")" test ! -s "$e.check"
printf '%s\n' "torino-2022-02-23-allegato-a.md text/markdown Source torino-2022-02-23-allegato-a.md" \
	"torino-2022-02-23-check.json application/json Data torino-2022-02-23-check.json" \
	"torino-2022-02-23.yaml application/yaml Source torino-2022-02-23.yaml" >"$e.want"
pdfcheck embed "the files embedded: name, MIME, relationship, path" cmp "$e.want" "$e.list"
mkdir -p "$e/x"
(cd "$e/x" && pdfdetach -saveall "$p") >/dev/null 2>&1
pdfcheck embed "the session file embedded is the sample's" cmp samples/torino-2022-02-23.yaml "$e/x/torino-2022-02-23.yaml"
pdfcheck embed "the check's JSON names the session file by its base name" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
sys.exit(0 if j["file"] == "torino-2022-02-23.yaml" and j["deliberazioni"][0]["esito"] == "approvata" else 1)' "$e/x/torino-2022-02-23-check.json"
"$bin" render --incorpora -f pdf -o "$e/b" "$e/x/torino-2022-02-23.yaml" 2>>"$e.err"
pdfcheck embed "the extracted session renders the same bytes" cmp "$p" "$e/b/torino-2022-02-23.pdf"
# the body file sits in organi/: pdfdetach extracts it flat, its /Desc says where it goes back
"$bin" render --incorpora -f pdf -o "$e/c" samples/giunta-comunale-2024-06-11.yaml 2>>"$e.err"
p=$e/c/giunta-comunale-2024-06-11.pdf
mkdir -p "$e/y"
(cd "$e/y" && pdfdetach -saveall "$p") >/dev/null 2>&1
python3 tests/embed_check.py "$p" 2>>"$e.check" | while read -r name mime rel desc; do
	[ "$name" = "$desc" ] || { mkdir -p "$e/y/$(dirname "$desc")" && mv "$e/y/$name" "$e/y/$desc"; }
done
pdfcheck embed "the body file embedded, with its path" cmp samples/organi/giunta-roccalbana.yaml "$e/y/organi/giunta-roccalbana.yaml"
"$bin" render --incorpora -f pdf -o "$e/d" "$e/y/giunta-comunale-2024-06-11.yaml" 2>>"$e.err"
pdfcheck embed "the extracted session and body file render the same bytes" cmp "$p" "$e/d/giunta-comunale-2024-06-11.pdf"
# the logo and the images: image/png, image/jpeg; the missing one left out
"$bin" render --incorpora -f pdf -o "$e/i" tests/images/immagini.yaml 2>>"$e.err"
pdfcheck embed "the logo and images embedded with their MIME types" sh -c 'python3 tests/embed_check.py "$1" | cut -d " " -f 1-3 | tr "\n" ";" | grep -qx "grafico.png image/png Source;immagini-check.json application/json Data;immagini.yaml application/yaml Source;pagina.jpg image/jpeg Source;stemma.png image/png Source;"' sh "$e/i/immagini.pdf"
# without --incorpora, nothing embedded (and the rest of this section checks that PDF/A)
"$bin" render -f pdf -o "$e/n" samples/torino-2022-02-23.yaml 2>>"$e.err"
pdfcheck embed "without --incorpora nothing is embedded" sh -c 'pdfdetach -list "$1" | grep -qx "0 embedded files" && python3 tests/embed_check.py --none "$1"' sh "$e/n/torino-2022-02-23.pdf"
# batch --incorpora embeds too, and leaving it out renders every session again (the run's key)
rm -rf "$e/arch" && mkdir -p "$e/arch" && cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$e/arch/"
"$bin" batch --incorpora -f pdf -o "$e/bo" "$e/arch" >/dev/null 2>>"$e.err"
pdfcheck embed "batch --incorpora embeds the files" sh -c 'pdfdetach -list "$1" | head -n 1 | grep -qx "3 embedded files"' sh "$e/bo/torino-2022-02-23.pdf"
"$bin" batch -f pdf -o "$e/bo" "$e/arch" >/dev/null 2>>"$e.err"
pdfcheck embed "batch without --incorpora renders again, embedding nothing" sh -c 'pdfdetach -list "$1" | head -n 1 | grep -qx "0 embedded files"' sh "$e/bo/torino-2022-02-23.pdf"
