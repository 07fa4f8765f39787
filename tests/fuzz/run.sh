#!/bin/sh
# run.sh SECONDS [MODE]: run each libFuzzer target for SECONDS on a corpus seeded from the
# project's samples and test files and from ../shared/testdata. MODE says which inputs:
#   normal  inputs up to 64 KB, 20 s allowed for one input: many executions a second;
#   big     inputs up to 2 MiB, 5 s for one (template: 20 s, see below): the loader's limits
#           (1,000 members, 10,000 votes, 1 MiB values, nesting depth, the 1 MiB style file)
#           are within reach; its corpus also holds generated inputs at and just past each
#           limit (big_seeds.py) and reads the normal corpus, which it does not change. The
#           targets see VERBALE_FUZZ_BIG and leave out the work that is linear but long at
#           these sizes (each says which at its top; tests/fuzz/README.md sums it up);
#   both    (the default) each target runs the normal pass for half of SECONDS and then the
#           big pass for the other half, so that a run takes as long as with one mode.
# A finding stops with the input that caused it: copy it into tests/fuzz/regressions/TARGET/
# (make test replays that folder) and fix the bug. Environment: BUILD (the fuzz build folder),
# SHARED, FUZZ_TARGETS (which targets, all of them by default).
set -u
secs=${1:-60}
mode=${2:-both}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
build=$top/${BUILD:-build-fuzz}
shared=${SHARED:-$top/../shared}
targets=${FUZZ_TARGETS:-pipeline template markdown image style}
corpus=$build/corpus
case $mode in
normal | big | both) ;;
*)
	echo "run.sh: FUZZ_MODE is normal, big or both, not '$mode'" >&2
	exit 2
	;;
esac
for t in pipeline template markdown image style; do
	mkdir -p "$corpus/$t" "$build/corpus-big/$t"
done
mkdir -p "$build/artifacts"

# seeds: session files, templates, Markdown (the CommonMark spec's examples one per file, the
# GFM spec's tables and strikethrough),
# images, style files
cp samples/*.yaml tests/golden/*.yaml tests/errors/*.yaml tests/images/*.yaml tests/chiavi/*.yaml "$corpus/pipeline/" 2>/dev/null
cp "$shared"/testdata/yaml-test-suite/*.yaml "$corpus/pipeline/" 2>/dev/null
cp templates/*.mustache "$corpus/template/"
cp "$shared"/testdata/mustache-spec/*.yml "$corpus/template/" 2>/dev/null
cp samples/*.md tests/golden/*.md tests/golden/samples/*.md "$corpus/markdown/" 2>/dev/null
python3 - "$shared/testdata/commonmark/spec.txt" "$shared/testdata/gfm/spec.txt" "$corpus/markdown" <<'PY'
import re, sys
# the CommonMark spec's examples, and the GFM spec's tables and strikethrough
for name, kinds in ((sys.argv[1], ""), (sys.argv[2], "table|strikethrough")):
    s = open(name, encoding="utf-8").read()
    for i, m in enumerate(re.findall(r"`{32} example ?(%s)\n(.*?)\n\.\n" % kinds, s, re.S), 1):
        open(f"{sys.argv[3]}/{'gfm' if kinds else 'spec'}-{i}.md", "w", encoding="utf-8").write(m[1].replace("\u2192", "\t"))
PY
for f in tests/images/*.png tests/images/*.jpg tests/errors/*.png tests/chiavi/*.png; do
	cp "$f" "$corpus/image/$(basename "$(dirname "$f")")-$(basename "$f")"
done
cp templates/stile.yaml "$corpus/style/"
# the style file with each value the tests take past a limit (robust_load.sh, hardening.sh),
# and with a header that lists the acts
python3 - templates/stile.yaml "$corpus/style" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
for i, (a, b) in enumerate([("larghezza: 595.276", "larghezza: 0"), ("altezza: 841.89", "altezza: 3m"),
        ("margine_sinistro: 2.5cm", "margine_sinistro: 10cm"), ("interlinea: 15", "interlinea: 10"),
        ("titolo1: 15", "titolo1: 1000"), ("distanza_testata: 30", "distanza_testata: 100"),
        ("altezza_logo: 28", "altezza_logo: 10cm"), ("tolleranza: 200 ", "tolleranza: 200mm "),
        ("testo: Liberation Serif", "testo: Nessun Carattere Esistente"),
        ("{{ente}} — {{organo}}", "{{#deliberazioni}}{{numero}} {{/deliberazioni}}{{pagina}}")]):
    assert a in s
    open(f"{sys.argv[2]}/variante-{i}.yaml", "w", encoding="utf-8").write(s.replace(a, b))
PY
case $mode in
normal) ;;
*) python3 tests/fuzz/big_seeds.py templates/stile.yaml "$build/corpus-big" ;;
esac

# fuzz TARGET PASS SECONDS: one libFuzzer run; 0, or 1 after a finding (named with its input)
fuzz() {
	t=$1 pass=$2 s=$3
	case $pass in
	normal) opts="-timeout=20 -max_len=65536" dirs="$corpus/$t" big= ;;
	big) opts="-timeout=5 -max_len=2097152 -len_control=0" dirs="$build/corpus-big/$t $corpus/$t" big=1 ;;
	esac
	# the template engine's work is bounded by its budget of steps, not by the input's size: a
	# render that spends it all takes 0.2 s, 4 to 5 s under the sanitizers, and the target
	# renders each input twice
	[ "$t:$pass" = template:big ] && opts="-timeout=20 -max_len=2097152 -len_control=0"
	log=$build/fuzz-$t-$pass.log
	echo "fuzz $t ($pass): $s s"
	# shellcheck disable=SC2086 # opts and dirs are lists
	env ${big:+VERBALE_FUZZ_BIG=1} "$build/fuzz-$t" -max_total_time="$s" $opts -rss_limit_mb=2560 \
		-print_final_stats=1 -artifact_prefix="$build/artifacts/$t-$pass-" $dirs >"$log" 2>&1
	st=$?
	if [ $st != 0 ]; then
		echo "fuzz $t ($pass): a finding (exit $st): $(ls "$build/artifacts/$t-$pass-"* 2>/dev/null | head -n 3)"
		grep -E "ERROR|SUMMARY|runtime error|ALARM" "$log" | head -n 5
		return 1
	fi
	echo "fuzz $t ($pass): $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") runs," \
		"$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")/s, corpus" \
		"$(find "${dirs%% *}" -type f | wc -l) inputs"
	return 0
}

status=0
for t in $targets; do
	case $mode in
	normal | big) fuzz "$t" "$mode" "$secs" || status=1 ;;
	both)
		half=$(((secs + 1) / 2))
		fuzz "$t" normal "$half" || status=1
		fuzz "$t" big $((secs - half > 0 ? secs - half : 1)) || status=1
		;;
	esac
done
exit $status
