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
	lim_s=$1 lim_k=$2
	shift 2
	(
		[ $slow = 1 ] && ulimit -v "$lim_k"
		exec timeout $((lim_s * slow)) "$@"
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
# Within 10 s of processor time (user and system, as /usr/bin/time counts them: the clock's
# time depends on what else the machine runs, as the sections of the tests run two at a time),
# and 60 s of the clock (a guard against a hang).
limited 60 1048576 /usr/bin/time -f '%U %S' -o "$r/ancore.time" "$bin" check "$r/ancore.yaml" >"$r/ancore.out" 2>"$r/ancore.err"
st=$?
cpu=$(awk '{ print $1 + $2 }' "$r/ancore.time" 2>/dev/null)
if [ $st = 0 ] && [ ! -s "$r/ancore.err" ] && [ "$(wc -c <"$r/ancore.yaml")" -gt 15000000 ] &&
	awk -v t="${cpu:-99999}" -v max=$((10 * slow)) 'BEGIN { exit !(t <= max) }' &&
	[ "$(sed -n 3p "$r/ancore.out")" = "  regole: tuel; componenti 1000, assegnati 1000, numero legale 501" ] &&
	[ "$(grep -c '^  Deliberazione ' "$r/ancore.out")" = 10000 ]; then
	pass
else
	fail "robust_load anchors: exit $st, ${cpu:-?} s of processor time, stderr: $(head -c 300 "$r/ancore.err")"
fi

# --- 2: no read of anything but a regular file, so no hang: an image that leads to /dev/zero or
# to a FIFO outside the session's folder (twice: the second run compares the recorded inputs),
# a FIFO in the templates' folder (hashed at start) and a FIFO where a template should be.
# robust_batch NAME STATUS LINE ARGS...: verbale batch ARGS ends with STATUS and the line LINE
robust_batch() {
	n=$1 ws=$2 msg=$3
	shift 3
	limited 20 1048576 "$bin" batch "$@" >"$r/$n.out" 2>"$r/$n.err"
	st=$?
	if [ "$st" = "$ws" ] && grep -Fxq -- "$msg" "$r/$n.err"; then
		pass
	else
		fail "robust_load '$n': exit $st (want $ws), stderr: $(head -c 300 "$r/$n.err")"
	fi
}
mkdir -p "$r/fuori" "$r/zero" "$r/fifo"
mkfifo "$r/fuori/coda"
for k in zero fifo; do
	cp samples/torino-2022-02-23-allegato-a.md "$r/$k/"
	python3 -c "import sys; s = open(sys.argv[1], encoding='utf-8').read(); open(sys.argv[2], 'w', encoding='utf-8').write(s.replace('testo: |\n', 'testo: |\n      ![immagine](img.png)\n\n', 1))" samples/torino-2022-02-23.yaml "$r/$k/seduta.yaml"
done
ln -s /dev/zero "$r/zero/img.png"
ln -s "$r/fuori/coda" "$r/fifo/img.png"
for k in zero fifo; do
	for run in 1 2; do
		robust_batch "$k-$run" 0 "$r/$k/seduta.yaml: avviso: immagine 'img.png' non inserita (fuori dalla cartella della seduta): al suo posto il testo alternativo" "$r/$k" -o "$r/out-$k" -f pdf,md
	done
done
cp -r templates "$r/modelli"
mkfifo "$r/modelli/coda"
robust_batch tdir-fifo 0 "$r/zero/seduta.yaml: avviso: immagine 'img.png' non inserita (fuori dalla cartella della seduta): al suo posto il testo alternativo" "$r/zero" -o "$r/out-tdir" -f pdf --template "$r/modelli"
rm "$r/modelli/votazione.mustache"
mkfifo "$r/modelli/votazione.mustache"
robust_batch template-fifo 3 "$r/modelli/votazione.mustache: errore: impossibile leggere '$r/modelli/votazione.mustache': non è un file regolare" "$r/zero" -o "$r/out-tfifo" -f pdf --template "$r/modelli"

# --- 6: batch --timeout S: a worker over its time is stopped, its session fails with
# "FILE: errore: interrotto dopo S s" (exit 1), and the archive goes on; the next run renders it.
to=$((2 * slow))
mkdir -p "$r/tempo/a" "$r/tempo/b"
cp samples/consiglio-comunale-2024-04-18.yaml "$r/tempo/a/lento.yaml"
cp samples/consiglio-comunale-2024-04-18.yaml "$r/tempo/a/presto.yaml"
cp samples/consiglio-comunale-2024-04-18.yaml "$r/tempo/b/zeta.yaml"
VERBALE_BATCH_PAUSA=$((to * 3000)):lento limited 20 1048576 "$bin" batch "$r/tempo" -o "$r/out-tempo" -f md -j 1 --timeout $to >"$r/tempo.out" 2>"$r/tempo.err"
st=$?
if [ $st = 1 ] && grep -Fxq "$r/tempo/a/lento.yaml: errore: interrotto dopo $to s" "$r/tempo.err" &&
	grep -q '^verbale: 3 sedute: 2 rese, 0 già aggiornate, 1 con errori, ' "$r/tempo.err" &&
	[ -f "$r/out-tempo/a/presto.md" ] && [ -f "$r/out-tempo/b/zeta.md" ]; then
	pass
else
	fail "robust_load timeout: exit $st, stderr: $(head -c 300 "$r/tempo.err")"
fi
limited 20 1048576 "$bin" batch "$r/tempo" -o "$r/out-tempo" -f md -j 1 --timeout $to >"$r/tempo2.out" 2>"$r/tempo2.err"
st=$?
if [ $st = 0 ] && grep -q '^verbale: 3 sedute: 1 rese, 2 già aggiornate, 0 con errori, ' "$r/tempo2.err" && [ -f "$r/out-tempo/a/lento.md" ]; then
	pass
else
	fail "robust_load timeout, the next run: exit $st, stderr: $(head -c 300 "$r/tempo2.err")"
fi
# the option's value
hard_usage() { # hard_usage VALUE: --timeout VALUE is a usage error
	"$bin" batch "$r/tempo" --timeout "$1" >/dev/null 2>"$r/usage.err"
	st=$?
	if [ $st = 2 ] && [ "$(head -n 1 "$r/usage.err")" = "verbale: errore: --timeout vuole un numero di secondi da 1 a 86400, non '$1'" ]; then
		pass
	else
		fail "robust_load --timeout $1: exit $st, stderr: $(head -c 300 "$r/usage.err")"
	fi
}
hard_usage 0
hard_usage 86401
hard_usage 1s

# --- 19: every value of stile.yaml within sane limits, with its position; exit 1, nothing written
# robust_style NAME LINE PYTHON-EXPRESSION-ON-s: the style changed by the expression makes render
# say FILE:LINE
robust_style() {
	rm -rf "$r/st-$1"
	cp -r templates "$r/st-$1"
	python3 -c "import sys; p = sys.argv[1]; s = open(p, encoding='utf-8').read(); n = $3; assert n != s; open(p, 'w', encoding='utf-8').write(n)" "$r/st-$1/stile.yaml"
	limited 20 1048576 "$bin" render -f pdf,md -o "$r/o-st-$1" --template "$r/st-$1" samples/torino-2022-02-23.yaml >"$r/st-$1.out" 2>"$r/st-$1.err"
	st=$?
	if [ $st = 1 ] && [ "$(cat "$r/st-$1.err")" = "$r/st-$1/stile.yaml:$2" ] && [ -z "$(find "$r/o-st-$1" -type f 2>/dev/null)" ]; then
		pass
	else
		fail "robust_load style '$1': exit $st, stderr: $(head -c 300 "$r/st-$1.err")"
	fi
}
robust_style larghezza "4:14: errore: 'larghezza': '0' è fuori dai limiti (da 100 a 2000 pt): correggere il valore" 's.replace("larghezza: 595.276", "larghezza: 0")'
robust_style altezza "5:12: errore: 'altezza': '3m' non è una misura: un numero, in punti o con 'mm' o 'cm'" 's.replace("altezza: 841.89", "altezza: 3m")'
robust_style alta "5:12: errore: 'altezza': '80cm' è fuori dai limiti (da 100 a 2000 pt): correggere il valore" 's.replace("altezza: 841.89", "altezza: 80cm")'
robust_style larghi "9:19: errore: 'margine_sinistro' e 'margine_destro' lasciano al testo meno di un terzo della larghezza della pagina: ridurre i margini" 's.replace("margine_sinistro: 2.5cm", "margine_sinistro: 10cm").replace("margine_destro: 2.5cm", "margine_destro: 10cm")'
robust_style alti "7:18: errore: 'margine_alto' e 'margine_basso' lasciano al testo meno di un terzo dell'altezza della pagina: ridurre i margini" 's.replace("margine_alto: 3cm", "margine_alto: 15cm").replace("margine_basso: 2.5cm", "margine_basso: 14cm")'
robust_style interlinea "12:15: errore: 'interlinea' deve essere da una a tre volte il 'corpo' del testo (12 pt): correggerla" 's.replace("interlinea: 15", "interlinea: 10")'
robust_style corpo "11:10: errore: 'corpo': '100' è fuori dai limiti (da 6 a 30 pt): correggere il valore" 's.replace("corpo: 12", "corpo: 100")'
robust_style titolo "15:12: errore: 'titolo1': '1000' è fuori dai limiti (da 6 a 72 pt): correggere il valore" 's.replace("titolo1: 15", "titolo1: 1000")'
robust_style testata "25:21: errore: 'distanza_testata' è più grande di 'margine_alto': la testata uscirebbe dalla pagina; ridurla" 's.replace("distanza_testata: 30", "distanza_testata: 100")'
robust_style piede "26:19: errore: 'distanza_piede' è più grande di 'margine_basso': il piè di pagina uscirebbe dalla pagina; ridurla" 's.replace("distanza_piede: 30", "distanza_piede: 3cm")'
robust_style logo "27:17: errore: 'altezza_logo': '10cm' è fuori dai limiti (da 0 a 200 pt): correggere il valore" 's.replace("altezza_logo: 28", "altezza_logo: 10cm")'
