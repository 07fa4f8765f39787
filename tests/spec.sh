# spec.sh: sourced by run.sh (section spec; pass, fail, $out, $top, $BUILD, $shared). Every
# example of the CommonMark spec through the PDF back end, without losing text; then the GFM
# spec's examples of its tables and strikethrough (every cell's text back from the PDF).
mkdir -p "$out/spec"
if "$top/$BUILD/mdtool" spec "$shared/testdata/commonmark/spec.txt" "$out/spec" >"$out/spec.log" 2>&1 &&
	python3 tests/spec_pdf.py "$out/spec" >>"$out/spec.log" 2>&1; then
	pass
else
	fail "the CommonMark spec through the PDF back end: $(tail -n 5 "$out/spec.log")"
fi
mkdir -p "$out/gfm"
if "$top/$BUILD/mdtool" spec "$shared/testdata/gfm/spec.txt" "$out/gfm" table,strikethrough \
	>"$out/gfm.log" 2>&1 && python3 tests/spec_pdf.py "$out/gfm" 10 >>"$out/gfm.log" 2>&1; then
	pass
else
	fail "the GFM spec's tables and strikethrough through the PDF back end: $(tail -n 5 "$out/gfm.log")"
fi
