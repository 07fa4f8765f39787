# fuzz_replay.sh: sourced by run.sh (section fuzz; pass, fail, $out, $top, $BUILD). The fuzz
# targets' regression inputs (tests/fuzz/regressions/TARGET) and seeds, replayed without
# libFuzzer by replay.c (make fuzz runs libFuzzer on them).
for t in pipeline template markdown image style; do
	case $t in
	pipeline) seeds="samples/*.yaml tests/errors/*.yaml tests/golden/*.yaml" ;;
	template) seeds="templates/*.mustache" ;;
	markdown) seeds="samples/*.md tests/golden/*.md" ;;
	image) seeds="tests/images/*.png tests/images/*.jpg tests/errors/*.png tests/chiavi/*.png" ;;
	style) seeds="templates/stile.yaml" ;;
	esac
	if "$top/$BUILD/replay-$t" $seeds $(find tests/fuzz/regressions/$t -type f 2>/dev/null) >"$out/replay-$t.log" 2>&1 &&
		! grep -q Sanitizer "$out/replay-$t.log"; then
		pass
	else
		fail "fuzz target $t on its regressions and seeds: $(tail -n 3 "$out/replay-$t.log")"
	fi
done
