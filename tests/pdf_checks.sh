# pdf_checks.sh: checks on the PDF the unit tests write (tests/unit/pdf_test.c), sourced by
# run.sh after the unit tests, which it runs with PDF_TEST_OUT=$out/pdf-unit.pdf. Uses pass,
# fail, $out and $shared from run.sh; its own variables start with pdfc_.
pdfc=$out/pdf-unit.pdf
if [ ! -s "$pdfc" ] || [ ! -s "$pdfc.txt" ]; then
	fail "pdf: the unit tests wrote no $pdfc (or $pdfc.txt)"
else
	# qpdf: no errors, no warnings (exit 3 is "warnings")
	if qpdf --check "$pdfc" >"$out/pdfc.qpdf" 2>&1 && ! grep -qi warning "$out/pdfc.qpdf"; then
		pass
	else
		fail "pdf: qpdf --check: $(grep -iv '^checking\|^PDF Version\|^File is' "$out/pdfc.qpdf" | head -n 3)"
	fi

	# pdffonts: every font embedded and subset (the columns from the right: emb sub uni id gen)
	pdffonts "$pdfc" >"$out/pdfc.fonts" 2>&1
	pdfc_n=$(awk 'NR > 2' "$out/pdfc.fonts" | wc -l)
	pdfc_bad=$(awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-3) != "yes")' "$out/pdfc.fonts")
	if [ "$pdfc_n" -ge 5 ] && [ -z "$pdfc_bad" ]; then
		pass
	else
		fail "pdf: fonts not all embedded as subsets ($pdfc_n fonts): $pdfc_bad"
	fi

	# pdfinfo: every page A4, title and author as given
	pdfinfo -enc UTF-8 -f 1 -l 3 "$pdfc" >"$out/pdfc.info" 2>&1
	if [ "$(grep -c '^Page *[0-9]* size: *595.276 x 841.89 pts (A4)$' "$out/pdfc.info")" = 3 ] &&
		grep -q '^Pages: *3$' "$out/pdfc.info"; then
		pass
	else
		fail "pdf: pages not A4: $(grep -i 'size\|^Pages' "$out/pdfc.info" | head -n 4)"
	fi
	if grep -q '^Title: *Verbale: prova “così”$' "$out/pdfc.info" &&
		grep -q '^Author: *Città metropolitana di Torino$' "$out/pdfc.info"; then
		pass
	else
		fail "pdf: title or author: $(grep '^Title\|^Author' "$out/pdfc.info")"
	fi

	# PDF/A-1b, as far as ../shared/tools/pdfa-check sees
	if "$shared/tools/pdfa-check" "$pdfc" >"$out/pdfc.pdfa" 2>&1; then
		pass
	else
		fail "pdf: pdfa-check: $(head -n 5 "$out/pdfc.pdfa")"
	fi

	# the outline (two levels, each entry on its page) and the link (URI percent-encoded)
	if python3 - "$pdfc" >"$out/pdfc.outline" 2>&1 <<'PY'; then
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", "--json-key=qpdf",
                               sys.argv[1]], capture_output=True, text=True).stdout)
def walk(items):
    return [(o["title"], o["destpageposfrom1"], walk(o["kids"])) for o in items]
got = walk(j["outlines"])
want = [("Seduta del 23 febbraio 2022", 1, [("Punto 1: “bilancio”", 2, [])]), ("Allegati", 2, [])]
objs = [o.get("value") for o in j["qpdf"][1].values() if isinstance(o, dict)]
uris = [v["/A"]["/URI"] for v in objs
        if isinstance(v, dict) and v.get("/Subtype") == "/Link" and "/A" in v]
ok = got == want and uris == ["u:https://www.example.org/verbale?a=1&b=%C3%A8"]
print("outline", got, "links", uris)
sys.exit(0 if ok else 1)
PY
		pass
	else
		fail "pdf: outline or link: $(tail -n 2 "$out/pdfc.outline")"
	fi

	# pdftotext: the text of every line, in order (blank lines and form feeds aside), and
	# nothing on stderr (poppler's complaints about fonts or CMaps)
	pdftotext -enc UTF-8 "$pdfc" "$out/pdfc.txt" 2>"$out/pdfc.err"
	tr -d '\f' <"$out/pdfc.txt" | grep -v '^ *$' >"$out/pdfc.got"
	if cmp -s "$out/pdfc.got" "$pdfc.txt"; then
		pass
	else
		fail "pdf: pdftotext differs from the runs' text:"
		diff "$pdfc.txt" "$out/pdfc.got" | head -n 10
	fi
	if [ -s "$out/pdfc.err" ]; then
		fail "pdf: pdftotext warns: $(head -n 3 "$out/pdfc.err")"
	else
		pass
	fi

	# kerning: TJ arrays with the font's kerning in thousandths of an em, its sign turned
	# (Liberation Serif: To -143/2048 em, AV and VA -264/2048), in the single-byte instance
	# and in the Type0 one (a word with ć)
	qpdf --qdf --object-streams=disable "$pdfc" "$out/pdfc.qdf" >/dev/null 2>&1
	if grep -aqF '[(T)70(orino A)129(V)129(ANTI )]TJ' "$out/pdfc.qdf" &&
		grep -aqF '[<0054>70<006f006c00690107>]TJ' "$out/pdfc.qdf"; then
		pass
	else
		fail "pdf: no kerned TJ: $(grep -a 'TJ' "$out/pdfc.qdf" | head -n 3)"
	fi
fi
