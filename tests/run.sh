#!/bin/sh
# run.sh: every test of verbale; ends with the line "N passed, N failed".
# Environment (set by make test): BIN, BUILD, SHARED, LC_ALL, TZ, SOURCE_DATE_EPOCH.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
case $BIN in /*) bin=$BIN ;; *) bin=$top/$BIN ;; esac
shared=${SHARED:-$top/../shared}
out=$top/tests/out
rm -rf "$out"
mkdir -p "$out"
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# What a golden check compares: stdout, or stderr and the exit status.
actual() { # actual KIND DIR NAME
	case $1 in
	check) (cd "$2" && "$bin" check "$3.yaml" 2>/dev/null || [ $? = 1 ] || echo "[exit $?]") ;;
	json) (cd "$2" && "$bin" check --json "$3.yaml" 2>/dev/null || [ $? = 1 ] || echo "[exit $?]") ;;
	err) (cd "$2" && "$bin" check "$3.yaml" 2>&1 >/dev/null; echo "[exit $?]") ;;
	esac
}

# 1. unit tests
if "$top/$BUILD/unit-tests" >"$out/unit.log" 2>&1; then :; fi
u=$(tail -n 1 "$out/unit.log")
up=$(echo "$u" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
uf=$(echo "$u" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
if [ -z "$up" ]; then
	fail "unit tests did not finish: $(tail -n 3 "$out/unit.log")"
else
	grep '^FAIL' "$out/unit.log"
	passed=$((passed + up))
	failed=$((failed + uf))
fi

# 2. golden files: the presence of NAME.check, NAME.json or NAME.err selects the check
for dir in tests/golden tests/errors; do
	for y in "$dir"/*.yaml; do
		[ -f "$y" ] || continue
		name=$(basename "$y" .yaml)
		for kind in check json err; do
			want="$dir/$name.$kind"
			[ -f "$want" ] || continue
			actual $kind "$dir" "$name" >"$out/$name.$kind" 2>&1
			if cmp -s "$want" "$out/$name.$kind"; then
				pass
			else
				fail "$want differs:"
				diff -u "$want" "$out/$name.$kind" | head -n 20
			fi
		done
	done
done

# 3. the command line: usage errors exit 2, environment errors 3
cmdline() { # cmdline NAME WANT_STATUS WANT_STDERR_PATTERN ARGS...
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
cmdline "no arguments" 2 "uso: verbale" 
cmdline "unknown command" 2 "comando sconosciuto 'chek'; forse 'check'?" chek x.yaml
cmdline "unknown option" 2 "opzione sconosciuta '--jsn' per check; forse '--json'?" check --jsn x.yaml
cmdline "no file" 2 "manca il file della seduta" check --json
cmdline "missing file" 1 "^nessuno.yaml: errore: il file 'nessuno.yaml' non esiste$" check nessuno.yaml
mkdir -p "$out/una-cartella.yaml"
cmdline "unreadable file" 3 "una-cartella.yaml: errore: impossibile leggere" check "$out/una-cartella.yaml"
if [ -w /dev/full ]; then
	"$bin" check samples/torino-2022-02-23.yaml >/dev/full 2>"$out/full.err"
	st=$?
	if [ $st = 3 ] && grep -q "impossibile scrivere" "$out/full.err"; then pass; else fail "stdout on a full disk: exit $st"; fi
fi
head -c 17000000 /dev/zero | tr '\0' 'a' | sed 's/^/ente: /' >"$out/huge.yaml"
cmdline "file over 16 MiB" 1 "huge.yaml: errore: il file è di 17000006 byte, oltre il limite di 16 MiB" check "$out/huge.yaml"
rm -f "$out/huge.yaml"
# The reference sample names Cogno; a copy that says Cagno in a vote list is refused there.
mkdir -p "$out/cagno"
sed '0,/favorevoli: \[Cambursano, Cera, Cogno/s//favorevoli: [Cambursano, Cera, Cagno/' \
	samples/torino-2022-02-23.yaml >"$out/cagno/torino.yaml"
(cd "$out/cagno" && "$bin" check torino.yaml >/dev/null 2>cagno.err)
st=$?
if [ $st = 1 ] && [ "$(cat "$out/cagno/cagno.err")" = "torino.yaml:101:40: errore: 'Cagno' non è un componente; forse 'Cogno'?" ]; then
	pass
else
	fail "the Cagno copy: exit $st: $(cat "$out/cagno/cagno.err")"
fi
"$bin" --version >"$out/version" 2>&1 && grep -q '^verbale [0-9]' "$out/version" && pass || fail "--version"
"$bin" check --json samples/torino-2022-02-23.yaml samples/torino-2022-02-23.yaml >"$out/two.json" 2>&1
if [ "$(head -c 9 "$out/two.json")" = '[{"file":' ] && [ "$(grep -c '"file":"samples/torino' "$out/two.json")" = 1 ]; then pass; else fail "check --json with two files gives an array"; fi

# 4. the yaml-test-suite: every case ends in exit 0, or 1 with a message; never a crash or hang
suite=$shared/testdata/yaml-test-suite
if [ -f "$suite/manifest.tsv" ]; then
	n=0
	for y in "$suite"/*.yaml; do
		n=$((n + 1))
		timeout 10 "$bin" check "$y" >/dev/null 2>"$out/yts.err"
		st=$?
		if grep -q "Sanitizer" "$out/yts.err"; then
			fail "yaml-test-suite $(basename "$y"): $(grep -m1 Sanitizer "$out/yts.err")"
		elif [ $st = 0 ] || { [ $st = 1 ] && grep -q ": errore: " "$out/yts.err"; }; then
			pass
		else
			fail "yaml-test-suite $(basename "$y"): exit $st: $(head -c 300 "$out/yts.err")"
		fi
	done
	[ $n -ge 400 ] || fail "yaml-test-suite: only $n cases found"
else
	fail "no yaml-test-suite at $suite (../shared/testdata is needed)"
fi

# 5. the sources keep their layering
if grep -l '#include <yaml.h>' src/*.c | grep -v '^src/load.c$' >/dev/null; then
	fail "only load.c may include yaml.h"
else
	pass
fi

echo "$passed passed, $failed failed"
[ $failed = 0 ]
