# robust_cli.sh: sourced by run.sh (pass, fail, $out, $bin, $top). Issue 12's items on the
# command line's side: escapes never reach the terminal raw, errors are capped and unknown names
# cheap, a killed write leaves no temporary file, UTF-16 is refused. Each run under a time limit
# and a memory limit (none under the sanitizers, which reserve terabytes of address space).
r=$out/robust
rm -rf "$r"
mkdir -p "$r"
vmem=1048576
[ -n "${ASAN_OPTIONS:-}" ] && vmem=unlimited

# lim NAME ARGS...: verbale ARGS in 10 s and 1 GiB; stdout in $r/NAME.out, stderr in $r/NAME.err,
# the exit status in $st
lim() {
	n=$1
	shift
	(ulimit -v $vmem && timeout 10 "$bin" "$@") >"$r/$n.out" 2>"$r/$n.err"
	st=$?
}
# same NAME WANT FILE: FILE is exactly WANT
same() {
	if [ "$(cat "$3")" = "$2" ]; then pass; else fail "robust '$1': $(head -c 400 "$3")"; fi
}
# the sample changed by a Python expression on s, as $r/NAME.yaml
robust_variant() {
	python3 -c "import sys; s = open(sys.argv[1], encoding='utf-8').read(); open(sys.argv[2], 'w', encoding='utf-8').write($2)" samples/torino-2022-02-23.yaml "$r/$1.yaml"
}
cp samples/torino-2022-02-23-allegato-a.md "$r/"

# --- 12: terminal escapes, shown as \x1b in the messages and in the check table ---
robust_variant esc 's.replace("favorevoli: [", "favorevoli: [\"\\e]0;titolo\\a\\e[8mRossi\", ", 1)'
lim esc check "$r/esc.yaml"
same "escape in a message" "$r/esc.yaml:101:22: errore: '\\x1b]0;titolo\\x07\\x1b[8mRossi' non è un componente
$r/esc.yaml:101:23: errore: carattere di controllo U+001B in un valore: toglierlo (in un testo sono ammessi solo la tabulazione e l'a capo)" "$r/esc.err"
if [ $st = 1 ] && ! grep -q "$(printf '\033')" "$r/esc.out" "$r/esc.err"; then pass; else fail "robust 'escape': exit $st or a raw ESC"; fi
robust_variant esc-table 's.replace("    oggetto: PRESENTAZIONE LINEE PROGRAMMATICHE DI MANDATO PER IL QUINQUENNIO 2021-2026.", "    oggetto: \"\\e[8m\\x9b\\x7fPRESENTAZIONE\"", 1).replace("      - oggetto: punto 1", "      - oggetto: \"punto \\e]0;x\\a 1\"", 1)'
lim esc-table check "$r/esc-table.yaml"
if [ $st = 1 ] && grep -Fxq '  Deliberazione DEL_CONS 3: \x1b[8m\x9b\x7fPRESENTAZIONE' "$r/esc-table.out" &&
	grep -Eq '^    1 .* punto \\x1b\]0;x\\x07 1$' "$r/esc-table.out" &&
	grep -Fxq "$r/esc-table.yaml:97:25: errore: carattere di controllo U+001B in un valore: toglierlo (in un testo sono ammessi solo la tabulazione e l'a capo)" "$r/esc-table.err" &&
	! grep -q "$(printf '\033')" "$r/esc-table.out" "$r/esc-table.err"; then
	pass
else
	fail "robust 'escape in the check table': exit $st: $(grep -a Deliberazione "$r/esc-table.out")"
fi
lim esc-json check --json "$r/esc-table.yaml"
if grep -Fq '"oggetto":"\u001b[8m\u009b\u007fPRESENTAZIONE"' "$r/esc-json.out" && grep -Fq '"oggetto":"punto \u001b]0;x\u0007 1"' "$r/esc-json.out"; then pass; else fail "robust 'escape in JSON': $(head -c 300 "$r/esc-json.out")"; fi

# --- 18: UTF-16 with a BOM is a golden (tests/errors/utf16); without one, by its NUL bytes ---
printf 'ente: Comune\norgano: Consiglio\n' | iconv -f UTF-8 -t UTF-16BE >"$r/utf16be.yaml"
lim utf16be check "$r/utf16be.yaml"
same "UTF-16 without BOM" "$r/utf16be.yaml:1:1: errore: il file è in UTF-16: salvarlo in UTF-8 (nell'editor, \"Salva con nome\" e codifica UTF-8)" "$r/utf16be.err"
if [ $st = 1 ]; then pass; else fail "robust 'UTF-16 without BOM': exit $st"; fi

# --- 4: 10,000 unknown names among 1,000 members: fast, and 100 errors shown, then a count ---
python3 -c "
syl = ['ro', 'ma', 'li', 'ni', 'ca', 'te', 'bo', 'si', 'ra', 've', 'lo', 'gi', 'an', 'to', 'ber', 'ti', 'ri', 'co', 'sa', 'na']
def name(i, k): return ''.join(syl[(i // 20 ** j + 7 * j) % 20] for j in range(k)).capitalize()
print('ente: E\norgano: O\nseduta: {data: 2024-01-01, presidente: %s, segretario: {nome: A, cognome: B}}' % name(0, 3))
print('componenti:')
for i in range(1000): print('  - {nome: %s, cognome: %s}' % (name(i * 7, 2), name(i, 3)))
print('deliberazioni:\n  - numero: \"1\"\n    oggetto: x\n    votazioni:')
for v in range(100): print('      - {oggetto: v, favorevoli: [%s]}' % ', '.join(name(v * 100 + j, 4) + 'x' for j in range(100)))
print('firme: [{qualifica: Q, nome: N}]')" >"$r/many.yaml"
lim many check "$r/many.yaml"
if [ $st = 1 ] && [ "$(wc -l <"$r/many.err")" = 101 ] && [ "$(grep -c "^$r/many.yaml:[0-9]*:[0-9]*: errore: '[A-Za-z]*' non è un componente" "$r/many.err")" = 100 ] &&
	[ "$(head -n 1 "$r/many.err")" = "$r/many.yaml:1009:35: errore: 'Rosibermax' non è un componente; forse 'Rosiber'?" ] &&
	[ "$(tail -n 1 "$r/many.err")" = "$r/many.yaml: errore: altri 9900 errori non mostrati" ]; then
	pass
else
	fail "robust 'capped errors': exit $st, $(wc -l <"$r/many.err") lines: $(head -n 1 "$r/many.err"); $(tail -n 1 "$r/many.err")"
fi
# check --json keeps them all
lim many-json check --json "$r/many.yaml"
if [ $st = 1 ] && [ "$(grep -o '"gravita":"errore"' "$r/many-json.out" | wc -l)" = 10000 ]; then pass; else fail "robust 'check --json keeps every error': exit $st"; fi
# warnings have a cap of their own: 105 votes with an unused presidente_vota, exit 0
python3 -c "
print('ente: E\norgano: O\nseduta: {data: 2024-01-01, presidente: Rossi, segretario: {nome: A, cognome: B}}')
print('componenti: [{cognome: Rossi, nome: M}, {cognome: Bianchi, nome: L}, {cognome: Verdi, nome: G}]')
print('deliberazioni:\n  - numero: \"1\"\n    oggetto: x\n    votazioni:')
for v in range(105): print('      - {oggetto: v, favorevoli: 2, contrari: 1, presidente_vota: favorevole}')
print('firme: [{qualifica: Q, nome: N}]')" >"$r/warnings.yaml"
lim warnings check "$r/warnings.yaml"
if [ $st = 0 ] && [ "$(wc -l <"$r/warnings.err")" = 101 ] && [ "$(grep -c ": avviso: 'presidente_vota' conta solo" "$r/warnings.err")" = 100 ] &&
	[ "$(tail -n 1 "$r/warnings.err")" = "$r/warnings.yaml: avviso: altri 5 avvisi non mostrati" ]; then
	pass
else
	fail "robust 'capped warnings': exit $st, $(wc -l <"$r/warnings.err") lines: $(tail -n 2 "$r/warnings.err")"
fi
# one left out is said in the singular: 101 warnings
head -n 8 "$r/warnings.yaml" >"$r/one.yaml"  # up to 'votazioni:'
python3 -c "
for v in range(101): print('      - {oggetto: v, favorevoli: 2, contrari: 1, presidente_vota: favorevole}')
print('firme: [{qualifica: Q, nome: N}]')" >>"$r/one.yaml"
lim one check "$r/one.yaml"
if [ $st = 0 ] && [ "$(wc -l <"$r/one.err")" = 101 ] &&
	[ "$(tail -n 1 "$r/one.err")" = "$r/one.yaml: avviso: un altro avviso non mostrato" ]; then
	pass
else
	fail "robust 'one warning left out': exit $st, $(wc -l <"$r/one.err") lines: $(tail -n 2 "$r/one.err")"
fi

# --- 15: no temporary file left by SIGTERM; leftovers of ended processes removed, not others ---
mkdir -p "$r/tmp"
sh -c 'exit 0' &
dead=$!
wait $dead
for f in ".verbale-$dead-abcdef" ".verbale-$$-ghijkl" .verbale-manifest .verbale-Ab12Cd; do : >"$r/tmp/$f"; done
lim leftover render -f md -o "$r/tmp" samples/torino-2022-02-23.yaml
if [ $st = 0 ] && [ "$(ls -A "$r/tmp" | LC_ALL=C sort | tr '\n' ' ')" = ".verbale-$$-ghijkl .verbale-Ab12Cd .verbale-manifest torino-2022-02-23.md " ]; then
	pass
else
	fail "robust 'leftover of an ended process': exit $st, left: $(ls -A "$r/tmp" | tr '\n' ' ')"
fi
# SIGTERM while the PDF is being written: strace holds every fsync 2 s, the temporary file (its
# name gives verbale's pid) gets SIGTERM; verbale ends after the rename, with the PDF complete
if command -v strace >/dev/null 2>&1 && strace -o /dev/null true 2>/dev/null; then
	mkdir -p "$r/term"
	(
		ulimit -v $vmem && timeout 30 strace -f -o /dev/null -e trace=fsync -e inject=fsync:delay_enter=2000000 \
			"$bin" render -f pdf,md -o "$r/term" samples/torino-2022-02-23.yaml
		echo $? >"$r/term.st"
	) >/dev/null 2>"$r/term.err" &
	spid=$!
	i=0
	while [ $i -lt 150 ] && ! ls -A "$r/term" | grep -q '^\.verbale-'; do
		sleep 0.1
		i=$((i + 1))
	done
	vpid=$(ls -A "$r/term" | sed -n 's/^\.verbale-\([0-9]*\)-.*/\1/p' | head -n 1)
	[ -n "$vpid" ] && kill -TERM "$vpid"
	wait $spid
	st=$(cat "$r/term.st")
	if [ -n "$vpid" ] && [ $st = 143 ] && [ "$(ls -A "$r/term" | tr '\n' ' ')" = "torino-2022-02-23.pdf " ] &&
		[ "$(tail -c 6 "$r/term/torino-2022-02-23.pdf")" = "%%EOF" ]; then
		pass
	else
		fail "robust 'SIGTERM during a write': pid '$vpid', exit $st, left: $(ls -A "$r/term" | tr '\n' ' ')"
	fi
fi
