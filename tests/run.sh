#!/bin/sh
# run.sh [SECTION...]: the tests of verbale, by section (tests/README.md lists them).
#   tests/run.sh               the fast sections (make test): unit guards golden cli samples yaml
#   tests/run.sh all           every section (make test-all, make asan)
#   tests/run.sh batch watch   those sections
# Each section prints "SECTION: N passed, N failed, T s" (its scenario checks; the unit section
# also prints the unit assertions on a line of their own); the last line is the total of all,
# "N passed, N failed". Sections run TEST_JOBS at a time (2), each in a folder of its own,
# $BUILD/test-out/SECTION; their output is printed in the order above when all have ended.
# Environment (set by make test): BIN, BUILD, SHARED, LC_ALL, TZ, SOURCE_DATE_EPOCH.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
case $BIN in /*) bin=$BIN ;; *) bin=$top/$BIN ;; esac
shared=${SHARED:-$top/../shared}
outroot=$top/$BUILD/test-out

# The sections, in the order they are printed; make test runs the fast ones.
fast="unit guards golden cli samples yaml"
all="$fast keys spec fonts batch watch hardening robust ecosystem deb fuzz external"
# The order they start in: the longest first (keys is the longest under the sanitizers), so
# that two at a time end together.
longest_first="batch keys robust hardening ecosystem deb golden samples external unit fonts spec cli watch yaml fuzz guards"

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# cmdline NAME WANT_STATUS WANT_STDERR_PATTERN ARGS...: verbale ARGS exits WANT_STATUS, with the
# pattern on stderr
cmdline() {
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
pdfcheck() { # pdfcheck NAME WHAT COMMAND...: the command must succeed
	n=$1 what=$2
	shift 2
	if "$@" >"$out/pdfcheck.log" 2>&1; then pass; else fail "$n: $what: $(tail -n 3 "$out/pdfcheck.log")"; fi
}

# --- the sections: each a function, run in a subshell of its own ---

# The unit tests (tests/unit: one NAME_test.c per module), counted as unit assertions; the PDF
# they write, read by the tools a reader uses (tests/pdf_checks.sh).
section_unit() {
	if PDF_TEST_OUT="$out/pdf-unit.pdf" "$top/$BUILD/unit-tests" >"$out/unit.log" 2>&1; then :; fi
	u=$(tail -n 1 "$out/unit.log")
	up=$(echo "$u" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
	uf=$(echo "$u" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
	if [ -z "$up" ]; then
		fail "unit tests did not finish: $(tail -n 3 "$out/unit.log")"
	else
		grep '^FAIL' "$out/unit.log"
		upassed=$up ufailed=$uf
	fi
	. tests/pdf_checks.sh
}

# The mechanical guards (tests/guards.py, reading files only): every message of the catalogue
# in a golden, each report's arguments as its format takes, each library's headers in its own
# module (the sources' layering), the manual verbale(5) and the code's keys and values. Each
# guard is a check; its offenders are printed, one FAIL line each.
section_guards() {
	for g in messages arguments includes manual; do
		python3 tests/guards.py "$g" >"$out/$g.log" 2>&1
		st=$?
		if [ $st = 0 ] && grep -q "^ok guard $g: " "$out/$g.log"; then
			pass
		else
			failed=$((failed + 1))
			grep '^FAIL ' "$out/$g.log" || echo "FAIL guard $g: exit $st: $(tail -n 3 "$out/$g.log")"
		fi
	done
}

# golden_compare EXPECTED ACTUAL: one golden file's check (golden_each's FN)
golden_compare() {
	if cmp -s "$1" "$2"; then
		pass
	else
		fail "$1 differs:"
		diff -u "$1" "$2" | head -n 20
	fi
}

# The golden files (tests/golden.sh says which file checks what), and check agreeing with
# render on the errors.
section_golden() {
	. tests/golden.sh
	golden_each golden_compare "$out/golden"

	# check and render agree: for every render golden of the error and image sessions, check gives
	# the same error lines and the same exit status (render's own warnings, such as an image left
	# out of the PDF, are not check's: only the errors are compared; check reads no templates,
	# so a session with a templates' folder of its own, NAME.modelli, is left out)
	for want in tests/errors/*.md-err tests/errors/*.pdf-err tests/images/*.md-err tests/images/*.pdf-err; do
		[ -f "$want" ] || continue
		name=$(basename "${want%.*}")
		[ ! -d "$(dirname "$want")/$name.modelli" ] || continue
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

	# the Italian of the minutes (tests/lingua.py): none of the known wrong forms in the samples'
	# minutes, rendered now, nor in any golden Markdown
	mkdir -p "$out/lingua"
	if "$bin" render -f md -o "$out/lingua" samples/*.yaml >"$out/lingua.log" 2>&1 &&
		python3 tests/lingua.py "$out"/lingua/*.md tests/golden/*.md tests/golden/samples/*.md \
			tests/chiavi/*.md >>"$out/lingua.log" 2>&1; then
		pass
	else
		fail "the Italian of the minutes (tests/lingua.py): $(tail -n 6 "$out/lingua.log")"
	fi
}

# Every key of every schema table (tests/keys.py, 630 runs of verbale): repeated, an error;
# empty or ~, as if left out.
section_keys() {
	if python3 tests/keys.py "$bin" tests/chiavi/tutte.yaml templates/stile.yaml >"$out/keys.log" 2>&1; then
		pass
	else
		fail "keys: $(grep -v '^keys:' "$out/keys.log" | head -n 5; tail -n 1 "$out/keys.log")"
	fi
}

section_cli() { . tests/cli.sh; }         # the command line, render, the reference minutes
section_samples() { . tests/samples.sh; . tests/embed.sh; . tests/odt.sh; } # the samples' PDFs, images, metadata, dates; render --incorpora; -f odt
section_yaml() { . tests/yaml_suite.sh; } # the yaml-test-suite, in batches
section_spec() { . tests/spec.sh; }       # the CommonMark spec through the PDF back end
section_fonts() { . tests/fonts.sh; }     # the faces fontconfig chooses
section_batch() { . tests/batch.sh; . tests/batch_pool.sh; } # verbale batch on a generated archive; its workers
section_watch() { . tests/watch.sh; . tests/serve.sh; }     # verbale watch
section_hardening() { . tests/hardening.sh; } # hostile input and faults of the environment
section_robust() {                        # issue 12: no hang, no crash, no escape
	. tests/robust_pdf.sh
	. tests/robust.sh
	. tests/robust_cli.sh
	. tests/robust_load.sh
	. tests/robust_sort.sh
}
section_ecosystem() { # verbale new, the JSON Schema, make install, the manuals, the completion
	. tests/new.sh
	. tests/install.sh
}
section_deb() { . tests/deb.sh; }          # make deb: the package's files, fields, lintian
section_fuzz() { . tests/fuzz_replay.sh; }  # the fuzz targets' regressions and seeds
section_external() { . tests/external.sh; } # PDFBox Preflight (later: LibreOffice, Chromium)

# --- the driver ---

now() { date +%s%N; }
# run_section NAME: the section in a subshell, its output in $outroot/NAME.log, its counts
# "passed failed unit-passed unit-failed nanoseconds" in $outroot/NAME.res
run_section() {
	(
		out=$outroot/$1
		rm -rf "$out"
		mkdir -p "$out"
		passed=0 failed=0 upassed=0 ufailed=0
		t0=$(now)
		section_$1 </dev/null >"$outroot/$1.log" 2>&1
		echo "$passed $failed $upassed $ufailed $(($(now) - t0))" >"$outroot/$1.res"
	)
}
# worker: runs, in the order of $longest_first, each wanted section no other worker has taken
# (mkdir is atomic: the first to make $outroot/taken-NAME runs it)
worker() {
	for s in $longest_first; do
		case " $want " in *" $s "*) ;; *) continue ;; esac
		mkdir "$outroot/taken-$s" 2>/dev/null && run_section "$s"
	done
}

case $# in 0) set -- $fast ;; esac
want=
for a; do
	case $a in
	fast) want="$want $fast" ;;
	all) want="$want $all" ;;
	*)
		case " $all " in
		*" $a "*) want="$want $a" ;;
		*) echo "run.sh: no section '$a': the sections are $all (or fast, all)" >&2 && exit 2 ;;
		esac
		;;
	esac
done
rm -rf "$outroot"
mkdir -p "$outroot"
# verbale's cache (fonts fontconfig chose) in a folder of the run's own, empty at the start:
# the tests never read nor write the user's ~/.cache/verbale
XDG_CACHE_HOME=$outroot/xdg-cache
export XDG_CACHE_HOME
# python3 resolved once: where python3 is a version manager's shim (pyenv's runs bash scripts,
# 1-2 s a call on a loaded machine), a wrapper runs the interpreter the shim picks, directly
py=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
if [ -n "$py" ] && [ "$py" != "$(command -v python3)" ]; then
	mkdir -p "$outroot/bin"
	printf '#!/bin/sh\nexec "%s" "$@"\n' "$py" >"$outroot/bin/python3"
	chmod +x "$outroot/bin/python3"
	PATH=$outroot/bin:$PATH
	export PATH
fi
jobs=${TEST_JOBS:-2}
k=0
while [ $k -lt "$jobs" ]; do
	worker &
	k=$((k + 1))
done
wait

passed=0 failed=0 upassed=0 ufailed=0
for s in $all; do
	case " $want " in *" $s "*) ;; *) continue ;; esac
	cat "$outroot/$s.log"
	if [ -s "$outroot/$s.res" ]; then
		read -r p f up uf ns <"$outroot/$s.res"
	else
		p=0 f=1 up=0 uf=0 ns=0
		echo "FAIL section $s did not finish"
	fi
	[ "$s" != unit ] || echo "unit assertions: $up passed, $uf failed"
	echo "$s: $p passed, $f failed, $(awk -v ns="$ns" 'BEGIN { printf "%.1f", ns / 1e9 }') s"
	passed=$((passed + p)) failed=$((failed + f)) upassed=$((upassed + up)) ufailed=$((ufailed + uf))
done
echo "scenario checks: $passed passed, $failed failed; unit assertions: $upassed passed, $ufailed failed"
echo "$((passed + upassed)) passed, $((failed + ufailed)) failed"
[ $((failed + ufailed)) = 0 ]
