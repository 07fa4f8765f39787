#!/bin/sh
# run.sh SECONDS: run each libFuzzer target for SECONDS on a corpus seeded from the project's
# samples and test files and from ../shared/testdata. A finding stops with the input that
# caused it: copy it into tests/fuzz/regressions/TARGET/ (make test replays that folder) and
# fix the bug. Environment: BUILD (the fuzz build folder), SHARED.
set -u
secs=${1:-60}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
build=$top/${BUILD:-build-fuzz}
shared=${SHARED:-$top/../shared}
corpus=$build/corpus
mkdir -p "$corpus/pipeline" "$corpus/template" "$corpus/markdown" "$build/artifacts"

# seeds: session files, templates, Markdown (the CommonMark spec's examples one per file)
cp samples/*.yaml tests/golden/*.yaml tests/errors/*.yaml tests/images/*.yaml tests/chiavi/*.yaml "$corpus/pipeline/" 2>/dev/null
cp "$shared"/testdata/yaml-test-suite/*.yaml "$corpus/pipeline/" 2>/dev/null
cp templates/*.mustache "$corpus/template/"
cp "$shared"/testdata/mustache-spec/*.yml "$corpus/template/" 2>/dev/null
cp samples/*.md tests/golden/*.md tests/golden/samples/*.md "$corpus/markdown/" 2>/dev/null
python3 - "$shared/testdata/commonmark/spec.txt" "$corpus/markdown" <<'PY'
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
for i, m in enumerate(re.findall(r"`{32} example\n(.*?)\n\.\n", s, re.S), 1):
    open(f"{sys.argv[2]}/spec-{i}.md", "w", encoding="utf-8").write(m.replace("\u2192", "\t"))
PY

status=0
for t in pipeline template markdown; do
	echo "fuzz $t: $secs s"
	"$build/fuzz-$t" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2560 -max_len=65536 \
		-print_final_stats=0 -artifact_prefix="$build/artifacts/$t-" "$corpus/$t" \
		>"$build/fuzz-$t.log" 2>&1
	st=$?
	if [ $st != 0 ]; then
		echo "fuzz $t: a finding (exit $st): $(ls "$build/artifacts/$t-"* 2>/dev/null | head -n 3)"
		grep -E "ERROR|SUMMARY|runtime error" "$build/fuzz-$t.log" | head -n 5
		status=1
	else
		grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$build/fuzz-$t.log" | tail -n 1
	fi
done
exit $status
