#!/bin/sh
# bench.sh: how fast verbale makes the reference minutes, and how much memory and space it
# takes, beside the bare-bones stack (tests/tools/floor.c: issue 20's ratios, each line with
# its target and whether it is met) and the tools people use instead (groff; pandoc with
# pdflatex, xelatex, lualatex or typst), each listed with its figures, or why it did not run.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
bin=$top/${BIN:-verbale}
build=$top/${BUILD:-build}
shared=${SHARED:-$top/../shared}
n=${N:-50}
s=samples/torino-2022-02-23.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# verbale's cache (fontconfig's choice of faces) in a folder of the bench's own, filled by the
# first render below: the figures do not depend on the user's ~/.cache/verbale
XDG_CACHE_HOME=$tmp/cache
export XDG_CACHE_HOME

# The PDF's size when issue 20's work began (make bench on 2026-12-05, this machine, with
# tagging, fields and kerning): the size not to exceed.
pdf_baseline=163396

# ok VALUE TARGET: the verdict on a figure that must be at most TARGET.
ok() {
	if [ "$(echo "$1 <= $2" | bc -l)" = 1 ]; then echo raggiunto; else echo "non raggiunto"; fi
}

"$bin" render -f pdf,md -o "$tmp" "$s" || exit 1
pages=$(pdfinfo "$tmp/torino-2022-02-23.pdf" | awk '/^Pages:/ { print $2 }')
size=$(stat -c %s "$tmp/torino-2022-02-23.pdf")
echo "verbale $(./verbale --version | cut -d' ' -f2): $s -> $pages pages, PDF $size bytes"
printf '  PDF size: %d bytes, %d when this work began (obiettivo ≤ %d: %s)\n' \
	"$size" "$pdf_baseline" "$pdf_baseline" "$(ok "$size" "$pdf_baseline")"

# The floor (tests/tools/floor.c): the bare-bones stack DESIGN.md describes, cmark-gfm, greedy
# lines and libharu, on the Markdown verbale made, with the faces fontconfig gives verbale.
md=$tmp/torino-2022-02-23.md
set -- $(for st in Regular Bold Italic; do fc-match -f '%{file} ' "Liberation Serif:style=$st"; done)
fonts="$1 $2 $3"
"$build/floor" "$md" "$tmp/floor.pdf" $fonts || exit 1

# Start-up on its own: reject an empty session file once the style, the fonts and the
# hyphenation patterns are ready (render_env_new loads them all before reading any session
# file, for -f pdf), median of N processes; with the cache, and without it.
: >"$tmp/vuoto.yaml"
set -- $(python3 tests/bench_startup.py "$n" "$bin" render -f pdf -o "$tmp/su" "$tmp/vuoto.yaml")
set -- "$@" $(VERBALE_NO_CACHE=1 python3 tests/bench_startup.py "$n" "$bin" render -f pdf -o "$tmp/su" "$tmp/vuoto.yaml")
printf '  start-up (an empty file rejected, median of %d): %5.1f ms CPU, %5.1f ms wall; without the cache (VERBALE_NO_CACHE=1): %5.1f ms CPU, %5.1f ms wall\n' \
	"$n" "$1" "$2" "$3" "$4"

set -- $("$build/bench" "$n" "$s" "$tmp/one")
vin=$1
printf '  %d renders in one process:   %6.1f ms CPU, %6.1f ms wall per document (PDF + Markdown), %5.0f pages/s, peak %.1f MiB\n' \
	"$n" "$1" "$2" "$(echo "$pages * 1000 / $2" | bc -l)" "$(echo "$3 / 1024" | bc -l)"
set -- $("$build/floor" -n "$n" "$md" "$tmp/floor.pdf" $fonts)
fin=$1
printf '  the floor, %d in one process: %6.1f ms CPU, %6.1f ms wall per document, peak %.1f MiB, %d bytes\n' \
	"$n" "$1" "$2" "$(echo "$3 / 1024" | bc -l)" "$(stat -c %s "$tmp/floor.pdf")"
r=$(echo "$vin / $fin" | bc -l)
printf '  verbale / floor in one process: %.2fx the CPU (obiettivo ≤ 0.25x: %s)\n' "$r" "$(ok "$r" 0.25)"

# What the font's kerning costs: both samples set without it (bench -k) and with it, in one
# process: CPU per document and the PDF's size.
for k in samples/torino-2022-02-23.yaml samples/consiglio-comunale-2024-04-18.yaml; do
	b=$(basename "$k" .yaml)
	set -- $("$build/bench" -k "$n" "$k" "$tmp/nokern")
	off_cpu=$1 off_size=$(stat -c %s "$tmp/nokern/$b.pdf")
	set -- $("$build/bench" "$n" "$k" "$tmp/kern")
	on_cpu=$1 on_size=$(stat -c %s "$tmp/kern/$b.pdf")
	printf '  kerning, %s: %6.1f -> %6.1f ms CPU per document (%+.1f%%), PDF %d -> %d bytes (%+.1f%%)\n' \
		"$b" "$off_cpu" "$on_cpu" "$(echo "($on_cpu - $off_cpu) * 100 / $off_cpu" | bc -l)" \
		"$off_size" "$on_size" "$(echo "($on_size - $off_size) * 100 / $off_size" | bc -l)"
done

# As processes, each verbale render followed by one of the floor, so that both see the same
# load.
i=0 cpu=0 peak=0 fcpu=0 fwall=0
start=$(date +%s%N)
while [ $i -lt "$n" ]; do
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$bin" render -f pdf,md -o "$tmp/many" "$s" || exit 1
	set -- $(cat "$tmp/time")
	cpu=$(echo "$cpu + $1 + $2" | bc -l)
	[ "$3" -gt "$peak" ] && peak=$3
	/usr/bin/time -f '%U %S %e' -o "$tmp/time" "$build/floor" "$md" "$tmp/floor.pdf" $fonts || exit 1
	set -- $(cat "$tmp/time")
	fcpu=$(echo "$fcpu + $1 + $2" | bc -l)
	fwall=$(echo "$fwall + $3" | bc -l)
	i=$((i + 1))
done
wall=$(( ($(date +%s%N) - start) / 1000000 - $(echo "$fwall * 1000 / 1" | bc) ))
printf '  %d renders as processes:     %6.1f ms CPU, %6.1f ms wall per document (PDF + Markdown), %5.0f pages/s, peak %.1f MiB\n' \
	"$n" "$(echo "$cpu * 1000 / $n" | bc -l)" "$(echo "$wall / $n" | bc -l)" \
	"$(echo "$pages * 1000 * $n / $wall" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
printf '  the floor, %d processes:      %6.1f ms CPU, %6.1f ms wall per document\n' \
	"$n" "$(echo "$fcpu * 1000 / $n" | bc -l)" "$(echo "$fwall * 1000 / $n" | bc -l)"
r=$(echo "$cpu / $fcpu" | bc -l)
printf '  verbale / floor as processes: %.2fx the CPU (obiettivo ≤ 0.5x: %s)\n' "$r" "$(ok "$r" 0.5)"

# Linear scaling: the sample with its annex so many times over that the Markdown is about 10x
# and 100x as long; each render's CPU against the sample's (the mean of the processes above).
md1=$(stat -c %s "$md")
one=$(echo "$cpu / $n" | bc -l)
for m in 10 100; do
	python3 - "$s" samples/torino-2022-02-23-allegato-a.md "$m" "$md1" "$tmp/x$m" <<'PY' || exit 1
import os, re, sys
src, annex, m, md1, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
copies = round((m - 1) * md1 / os.path.getsize(annex)) + 1
per = -(-copies // 100)  # an act has at most 100 annexes: each one the text so many times
k = -(-copies // per)
os.makedirs(out)
y = open(src, encoding="utf-8").read()
text = open(annex, encoding="utf-8").read()
name = os.path.basename(annex)
a = re.search(r"( +)- titolo: (.*)\n +file: " + re.escape(name) + r"\n", y)
entries = ""
for i in range(k):
    f = "%03d-%s" % (i, name)
    with open(os.path.join(out, f), "w", encoding="utf-8") as o:
        o.write("\n".join([text] * per))
    entries += "%s- titolo: %s (%d)\n%s  file: %s\n" % (a.group(1), a.group(2), i + 1, a.group(1), f)
with open(os.path.join(out, os.path.basename(src)), "w", encoding="utf-8") as o:
    o.write(y[: a.start()] + entries + y[a.end() :])
PY
	/usr/bin/time -f '%U %S' -o "$tmp/time" "$bin" render -f pdf,md -o "$tmp/x$m" "$tmp/x$m/$(basename "$s")" 2>"$tmp/x.log" ||
		{ tail -n 5 "$tmp/x.log"; exit 1; }
	set -- $(cat "$tmp/time")
	t=$(echo "($1 + $2) / $one" | bc -l)
	x=$(echo "$(stat -c %s "$tmp/x$m/$(basename "$md")") / $md1" | bc -l)
	printf '  %dx the text (Markdown %.1fx, %d pages): %.2f s CPU, %.1fx the sample'"'"'s (obiettivo ≤ %dx: %s)\n' \
		"$m" "$x" "$(pdfinfo "$tmp/x$m/$(basename "$s" .yaml).pdf" | awk '/^Pages:/ { print $2 }')" \
		"$(echo "$1 + $2" | bc -l)" "$t" "$m" "$(ok "$t" "$m")"
done

# The same text through the usual tools: each one tried, with its figures or why not
# (bench_peers.sh).
sh "$top/tests/bench_peers.sh" "$shared/reference/torino-2022-02-23.txt" "$tmp"
# Archives: verbale batch on a generated archive (N_ARCHIVE sessions), one and two workers.
na=${N_ARCHIVE:-1000}
python3 tests/genarchive.py --seed 1 "$na" "$tmp/arch" >/dev/null || exit 1
for j in 1 2; do
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$bin" batch "$tmp/arch" -o "$tmp/out$j" -j $j -f pdf,md 2>"$tmp/batch.log" || { tail -n 5 "$tmp/batch.log"; exit 1; }
	set -- $(cat "$tmp/time")
	printf '  batch of %d sessions, -j %d: %6.1f s, %5.1f documents/s, peak %.1f MiB (the largest process)\n' \
		"$na" "$j" "$1" "$(echo "$na / $1" | bc -l)" "$(echo "$4 / 1024" | bc -l)"
done
/usr/bin/time -f '%e' -o "$tmp/time" "$bin" batch "$tmp/arch" -o "$tmp/out2" -j 2 -f pdf,md 2>/dev/null
printf '  the same batch again, nothing changed: %.0f ms\n' "$(echo "$(cat "$tmp/time") * 1000" | bc -l)"

# Sittings at the loader's limits (tests/genbig.py): time and peak memory of one render.
for shape in membri voti grande; do
	python3 tests/genbig.py $shape "$tmp/$shape.yaml" || exit 1
	case $shape in
	membri) what="1,000 members x 1,000 votes (favorevoli: tutti)" ;;
	voti) what="19 members x 10,000 votes (favorevoli: tutti)" ;;
	grande) what="a 16 MiB file ($(($(stat -c %s "$tmp/$shape.yaml") / 1024)) KiB, 1,000 acts of text)" ;;
	esac
	echo "  $what:"
	for f in md pdf,md; do
		/usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" render -f $f -o "$tmp/big" "$tmp/$shape.yaml" 2>"$tmp/big.log" ||
			{ tail -n 5 "$tmp/big.log"; exit 1; }
		set -- $(cat "$tmp/time")
		pages=
		[ $f = pdf,md ] && pages=", $(pdfinfo "$tmp/big/$shape.pdf" | awk '/^Pages:/ { print $2 }') pages"
		printf '    -f %-6s %6.2f s, peak %.1f MiB%s\n' $f "$1" "$(echo "$2 / 1024" | bc -l)" "$pages"
	done
done

# Drafting: from an editor's save to the new PDF, with verbale watch running.
mkdir -p "$tmp/w"
cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$tmp/w/"
"$bin" watch "$tmp/w/torino-2022-02-23.yaml" -o "$tmp/wo" -f pdf 2>/dev/null &
wpid=$!
i=0
while [ ! -s "$tmp/wo/torino-2022-02-23.pdf" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
set -- $("$build/latency" "$tmp/w/torino-2022-02-23.yaml" "$tmp/wo" torino-2022-02-23.pdf 20)
kill -INT $wpid 2>/dev/null
wait $wpid 2>/dev/null
printf '  watch, save to new PDF (20 saves): min %s ms, median %s ms, max %s ms\n' "$1" "$2" "$3"
exit 0
