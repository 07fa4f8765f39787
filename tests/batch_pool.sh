# batch_pool.sh: sourced by run.sh after batch.sh (pass, fail, $out, $bin). The batch's worker
# processes (batch_pool.c): N long-lived workers render the whole archive, no process per file;
# a worker that crashes or goes over its time has its session reported once and is replaced,
# and the later sessions are rendered. VERBALE_BATCH_TRACCIA=FILE has the batch write "+ PID"
# and "- PID" into FILE as each worker starts and ends; VERBALE_BATCH_GUASTO=TEXT makes the
# worker given a session whose path has TEXT abort (SIGABRT).
p=$out/batch/pool
rm -rf "$p"
mkdir -p "$p"
python3 tests/genarchive.py --seed 3 50 "$p/arch" >"$p/gen.log" 2>&1 ||
	fail "genarchive: $(tail -n 3 "$p/gen.log")"
# starts FILE: how many workers the trace FILE saw start; most FILE: the most alive at once
starts() { grep -c '^+ ' "$1"; }
most() { awk '/^\+ / { n++; if (n > m) m = n } /^- / { n-- } END { print m + 0 }' "$1"; }
mds() { find "$1" -name '*.md' ! -name 'registro*' | wc -l; }
nth=$(cd "$p/arch" && find . -name '*.yaml' | sort | sed -n 10p | sed 's|^\./||')

# 1. 50 sessions on -j 2: two processes render them all (no fork per file), two at most alive
VERBALE_BATCH_TRACCIA=$p/1.trace "$bin" batch "$p/arch" -o "$p/out1" -j 2 -f md >"$p/1.log" 2>&1
st=$?
if [ $st = 0 ] && [ "$(mds "$p/out1")" = 50 ] && [ "$(starts "$p/1.trace")" = 2 ] &&
	[ "$(most "$p/1.trace")" = 2 ] && [ "$(grep -c '^- ' "$p/1.trace")" = 2 ] &&
	grep -q '^verbale: 50 sedute: 50 rese, 0 già aggiornate, 0 con errori, ' "$p/1.log"; then
	pass
else
	fail "batch pool, 50 sessions on -j 2: exit $st, $(mds "$p/out1") outputs, trace: $(tr '\n' ' ' <"$p/1.trace"); $(tail -n 2 "$p/1.log")"
fi
# ... and on -j 1, one process
VERBALE_BATCH_TRACCIA=$p/1b.trace "$bin" batch "$p/arch" -o "$p/out1b" -j 1 -f md >"$p/1b.log" 2>&1
st=$?
if [ $st = 0 ] && [ "$(mds "$p/out1b")" = 50 ] && [ "$(starts "$p/1b.trace")" = 1 ] &&
	diff -r -x '.verbale-manifest' "$p/out1" "$p/out1b" >/dev/null; then
	pass
else
	fail "batch pool, 50 sessions on -j 1: exit $st, $(mds "$p/out1b") outputs, trace: $(tr '\n' ' ' <"$p/1b.trace"); $(tail -n 2 "$p/1b.log")"
fi

# 2. the tenth session crashes its worker: reported once (as a worker's end), its worker
# replaced (three started in all, two at most alive), the 49 others rendered
(
	ulimit -c 0
	VERBALE_BATCH_GUASTO=$nth VERBALE_BATCH_TRACCIA=$p/2.trace "$bin" batch "$p/arch" -o "$p/out2" -j 2 -f md >"$p/2.log" 2>&1
)
st=$?
line="verbale: errore: il lavoro su '$p/arch/$nth' si è interrotto: segnale 6"
if [ $st = 3 ] && [ "$(grep -cF "il lavoro su" "$p/2.log")" = 1 ] && grep -qxF "$line" "$p/2.log" &&
	[ "$(mds "$p/out2")" = 49 ] && [ ! -e "$p/out2/${nth%.yaml}.md" ] &&
	[ "$(starts "$p/2.trace")" = 3 ] && [ "$(most "$p/2.trace")" = 2 ] &&
	grep -q '^verbale: 50 sedute: 49 rese, 0 già aggiornate, 1 con errori, ' "$p/2.log"; then
	pass
else
	fail "batch pool, a worker crashing on $nth: exit $st, $(mds "$p/out2") outputs, trace: $(tr '\n' ' ' <"$p/2.trace"); $(head -c 400 "$p/2.log")"
fi
# ... and the next run renders it alone, on one worker
VERBALE_BATCH_TRACCIA=$p/2b.trace "$bin" batch "$p/arch" -o "$p/out2" -j 2 -f md >"$p/2b.log" 2>&1
st=$?
if [ $st = 0 ] && [ -f "$p/out2/${nth%.yaml}.md" ] && [ "$(starts "$p/2b.trace")" = 1 ] &&
	grep -q '^verbale: 50 sedute: 1 rese, 49 già aggiornate, 0 con errori, ' "$p/2b.log"; then
	pass
else
	fail "batch pool, after the crash: exit $st, trace: $(tr '\n' ' ' <"$p/2b.trace"); $(tail -n 2 "$p/2b.log")"
fi

# 3. the tenth session hangs its worker (3 s, after its render) with --timeout 1 on -j 1:
# stopped, reported, its worker replaced (two started in all, one at most alive), the 40 later
# sessions rendered
VERBALE_BATCH_PAUSA=3000:$nth VERBALE_BATCH_TRACCIA=$p/3.trace "$bin" batch "$p/arch" -o "$p/out3" -j 1 -f md --timeout 1 >"$p/3.log" 2>&1
st=$?
if [ $st = 1 ] && grep -qxF "$p/arch/$nth: errore: interrotto dopo 1 s" "$p/3.log" &&
	[ "$(grep -c 'interrotto dopo' "$p/3.log")" = 1 ] && [ "$(mds "$p/out3")" = 50 ] &&
	[ "$(starts "$p/3.trace")" = 2 ] && [ "$(most "$p/3.trace")" = 1 ] &&
	grep -q '^verbale: 50 sedute: 49 rese, 0 già aggiornate, 1 con errori, ' "$p/3.log"; then
	pass
else
	fail "batch pool, a worker over --timeout 1 on $nth: exit $st, $(mds "$p/out3") outputs, trace: $(tr '\n' ' ' <"$p/3.trace"); $(head -c 400 "$p/3.log")"
fi

# 4. SIGTERM to the batch: no worker left behind
VERBALE_BATCH_PAUSA=400 VERBALE_BATCH_TRACCIA=$p/4.trace "$bin" batch "$p/arch" -o "$p/out4" -j 2 -f md >"$p/4.log" 2>&1 &
pid=$!
sleep 1
kill -TERM $pid
wait $pid 2>/dev/null # (the shell would say "Terminated")
st=$?
sleep 1 # a worker ends at the end of its session, or at once when idle
left=
for w in $(sed -n 's/^+ //p' "$p/4.trace"); do
	[ -e "/proc/$w" ] && ! grep -q ') Z ' "/proc/$w/stat" 2>/dev/null && left="$left $w"
done
if [ $st = 143 ] && [ "$(starts "$p/4.trace")" = 2 ] && [ -z "$left" ]; then
	pass
else
	fail "batch pool, SIGTERM: exit $st, trace: $(tr '\n' ' ' <"$p/4.trace"), workers left:$left"
fi
