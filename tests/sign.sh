# sign.sh: sourced by samples.sh (section samples; pass, fail, pdfcheck, $out, $bin, $shared).
# The empty signature fields (pdf_sign.c): one per entry of firme, in the minutes and in each
# act's own document, none in a published copy; Debian's pdfsig signs both fields of the
# minutes in turn, with two NSS test certificates (certutil, libnss3-tools: make deps), and
# reports both signatures valid, the first covering its revision, the second the whole file;
# the text is unchanged and the signed file still PDF/A-1b.
s="$out/sign"
rm -rf "$s"
mkdir -p "$s/nss"
y=samples/consiglio-comunale-2024-04-18.yaml
n=consiglio-comunale-2024-04-18
"$bin" render --atti --copia -f pdf -o "$s" "$y" 2>"$s/render.err"
# the fields' names, one a line, in the order of /AcroForm /Fields
sign_fields() {
	qpdf --json --json-key=qpdf "$1" 2>/dev/null | python3 -c '
import json, sys
o = json.load(sys.stdin)["qpdf"][1]
def get(ref): return o.get("obj:" + ref, {}).get("value", {})
cat = next((v["value"] for v in o.values() if isinstance(v.get("value"), dict) and v["value"].get("/Type") == "/Catalog"), {})
form = cat.get("/AcroForm", {})
form = get(form) if isinstance(form, str) else form
for ref in form.get("/Fields", []):
    d = get(ref)
    t = d.get("/T", "")
    ok = d.get("/FT") == "/Sig" and d.get("/Subtype") == "/Widget" and d.get("/F") == 4 and "/N" in d.get("/AP", {}) and "/V" not in d and "/Lock" not in d
    print((t[2:] if t.startswith("u:") else t) + ("" if ok else " (malformed)"))'
}
want="Firma-Presidente-del-Consiglio-comunale
Firma-Segretario-comunale"
# the minutes' fields, read through their catalogue: each a widget merged with its field
got=$(sign_fields "$s/$n.pdf")
[ "$got" = "$want" ] && pass || fail "sign: $n: the signature fields are: $got"
# every document's, read from the file (libharu compresses streams, not dictionaries)
ndocs=0
for p in "$s/$n"*.pdf; do
	[ -f "$p" ] || continue
	ndocs=$((ndocs + 1))
	d=$(basename "$p" .pdf)
	got=$(grep -a -o '/FT /Sig\|/T (Firma-[^)]*)' "$p" | sort | tr '\n' ' ')
	case $d in
	*-copia) [ -z "$got" ] && pass || fail "sign: $d: a published copy has signature fields: $got" ;;
	*) [ "$got" = "/FT /Sig /FT /Sig /T (Firma-Presidente-del-Consiglio-comunale) /T (Firma-Segretario-comunale) " ] && pass || fail "sign: $d: the signature fields are: $got" ;;
	esac
done
[ "$ndocs" -ge 4 ] && pass || fail "sign: render --atti --copia made $ndocs PDFs: $(head -c 300 "$s/render.err")"
p="$s/$n.pdf"
if ! command -v certutil >/dev/null; then
	fail "sign: certutil missing (make deps installs libnss3-tools)"
elif certutil -N -d "sql:$s/nss" --empty-password >"$s/nss.log" 2>&1 &&
	head -c 32 /dev/urandom >"$s/noise" &&
	certutil -S -d "sql:$s/nss" -n presidente -s "CN=Presidente di prova,O=Comune di prova,C=IT" -x -t "CTu,Cu,Cu" -k rsa -g 2048 -Z SHA256 -v 12 -z "$s/noise" --keyUsage digitalSignature,nonRepudiation >>"$s/nss.log" 2>&1 &&
	certutil -S -d "sql:$s/nss" -n segretario -s "CN=Segretario di prova,O=Comune di prova,C=IT" -x -t "CTu,Cu,Cu" -k rsa -g 2048 -Z SHA256 -v 12 -z "$s/noise" --keyUsage digitalSignature,nonRepudiation >>"$s/nss.log" 2>&1; then
	pdfcheck sign "pdfsig signs the president's field" pdfsig -nssdir "sql:$s/nss" -sign Firma-Presidente-del-Consiglio-comunale -nick presidente "$p" "$s/s1.pdf"
	pdfcheck sign "pdfsig signs the secretary's field of the signed file" pdfsig -nssdir "sql:$s/nss" -sign Firma-Segretario-comunale -nick segretario "$s/s1.pdf" "$s/s2.pdf"
	pdfsig -nssdir "sql:$s/nss" "$s/s2.pdf" >"$s/report" 2>/dev/null
	python3 - "$s/report" >"$s/report.check" 2>&1 <<'PY'
import re, sys
r = open(sys.argv[1]).read()
sigs = {}
for block in re.split(r"(?m)^Signature #\d+:\n", r)[1:]:
    name = re.search(r"Signature Field Name: (\S+)", block)
    sigs[name.group(1) if name else "?"] = block
pres, segr = sigs.get("Firma-Presidente-del-Consiglio-comunale", ""), sigs.get("Firma-Segretario-comunale", "")
ok = len(sigs) == 2 and all("Signature is Valid." in b for b in (pres, segr))
ok = ok and "Not total document signed" in pres and "Total document signed" in segr
ok = ok and "Presidente di prova" in pres and "Segretario di prova" in segr
sys.exit(0 if ok else 1)
PY
	[ $? = 0 ] && pass || fail "sign: pdfsig's report after both signatures: $(cat "$s/report")"
	pdftotext -enc UTF-8 "$p" "$s/a.txt" 2>/dev/null
	pdftotext -enc UTF-8 "$s/s2.pdf" "$s/b.txt" 2>/dev/null
	pdfcheck sign "the text unchanged by both signatures" cmp "$s/a.txt" "$s/b.txt"
	pdfcheck sign "the signed file still PDF/A-1b" python3 "$shared/tools/pdfa-check" "$s/s2.pdf"
else
	fail "sign: certutil cannot make the test certificates: $(tail -n 3 "$s/nss.log")"
fi
