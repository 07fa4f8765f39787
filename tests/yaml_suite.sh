# yaml_suite.sh: sourced by run.sh (section yaml; pass, fail, $out, $bin, $shared). The
# yaml-test-suite: every case ends in exit 0, or 1 with a message; never a crash or hang.
# One process checks 50 cases: `check` of several files exits with the worst status of its
# files, and a file's status is 1 only through an error it prints, so a batch that exits 0, or 1
# with an error message, and no sanitizer report, passes each of its cases. Any other batch (a
# crash, a hang, exit 3) is run again one case at a time, to name the case that fails.
suite=$shared/testdata/yaml-test-suite
yaml_one() { # yaml_one FILE: one case, one process, within 10 s
	err=$(timeout 10 "$bin" check "$1" 2>&1 >/dev/null)
	st=$?
	case $st:$err in
	*Sanitizer*) fail "yaml-test-suite $(basename "$1"): $err" ;;
	0:* | 1:*": errore: "*) pass ;;
	*) fail "yaml-test-suite $(basename "$1"): exit $st: $err" ;;
	esac
}
yaml_batch() { # yaml_batch FILE...: the cases in one process, within 5 s a case
	timeout $((5 * $#)) "$bin" check "$@" >/dev/null 2>"$out/yaml.err"
	st=$?
	if ! grep -q Sanitizer "$out/yaml.err" && { [ $st = 0 ] || { [ $st = 1 ] && grep -q ': errore: ' "$out/yaml.err"; }; }; then
		passed=$((passed + $#))
	else
		yaml_failed=$failed
		for y; do yaml_one "$y"; done
		[ "$failed" != "$yaml_failed" ] ||
			fail "yaml-test-suite: $# cases from $(basename "$1") pass one by one but not in one process: exit $st: $(grep -v ': errore: ' "$out/yaml.err" | head -c 300)"
	fi
}
if [ -f "$suite/manifest.tsv" ]; then
	n=0
	set --
	for y in "$suite"/*.yaml; do
		n=$((n + 1))
		set -- "$@" "$y"
		[ $# -lt 50 ] || { yaml_batch "$@"; set --; }
	done
	[ $# = 0 ] || yaml_batch "$@"
	[ $n -ge 400 ] || fail "yaml-test-suite: only $n cases found"
else
	fail "no yaml-test-suite at $suite (../shared/testdata is needed)"
fi
