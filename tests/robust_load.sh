# robust_load.sh: sourced by run.sh after hardening.sh (pass, fail, $out, $bin, $top).
# Issue 12, the loader's items: each input ends within a time and a memory limit (in a subshell)
# with its exact outcome.
r=$out/robust-load
rm -rf "$r"
mkdir -p "$r"
# Under the sanitizers the address space is reserved by the runtime (no ulimit -v) and runs
# are slower.
slow=1
case ${ASAN_OPTIONS-}${UBSAN_OPTIONS-} in ?*) slow=4 ;; esac
limited() { # limited SECONDS KIB CMD...: CMD under timeout and ulimit -v
	s=$1 k=$2
	shift 2
	(
		[ $slow = 1 ] && ulimit -v "$k"
		exec timeout $((s * slow)) "$@"
	)
}

# --- 3: anchors and aliases cost linear time. 16 MiB within the limits: 1,000 anchored members,
# 10,000 acts of 110 anchored values each (1.1 million anchors on long lines) and 90,000
# aliases to the first of them.
python3 -c "
import sys
w = sys.stdout.write
w('ente: Comune di Prova\norgano: Consiglio comunale\n')
w('seduta: {data: 2024-01-01, presidente: C0, segretario: {nome: A, cognome: B}}\ncomponenti:\n')
for i in range(1000):
    w('  - &m%d {cognome: C%d, nome: N}\n' % (i, i))
w('deliberazioni:\n')
for i in range(10000):
    w('  - numero: \"%d\"\n    oggetto: O\n    dispositivo: [%s, %s]\n' % (i, ', '.join('&a%d_%d x' % (i, j) for j in range(110)), ', '.join(['*a0_0'] * 9)))
    w('    votazioni: [{oggetto: v, favorevoli: tutti}]\n')
w('firme: [{qualifica: Q, nome: N}]\n')" >"$r/ancore.yaml"
limited 10 1048576 "$bin" check "$r/ancore.yaml" >"$r/ancore.out" 2>"$r/ancore.err"
st=$?
if [ $st = 0 ] && [ ! -s "$r/ancore.err" ] && [ "$(wc -c <"$r/ancore.yaml")" -gt 15000000 ] &&
	[ "$(sed -n 3p "$r/ancore.out")" = "  regole: tuel; componenti 1000, assegnati 1000, numero legale 501" ] &&
	[ "$(grep -c '^  Deliberazione ' "$r/ancore.out")" = 10000 ]; then
	pass
else
	fail "robust_load anchors: exit $st, stderr: $(head -c 300 "$r/ancore.err")"
fi
