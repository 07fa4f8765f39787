#!/bin/sh
# bench.sh: how fast verbale makes the reference minutes, and how much memory and space it
# takes, beside the tools people use instead (groff; pandoc with pdflatex, xelatex, lualatex
# or typst), each listed with its figures, or why it did not run.
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

"$bin" render -f pdf,md -o "$tmp" "$s" || exit 1
pages=$(pdfinfo "$tmp/torino-2022-02-23.pdf" | awk '/^Pages:/ { print $2 }')
size=$(stat -c %s "$tmp/torino-2022-02-23.pdf")
echo "verbale $(./verbale --version | cut -d' ' -f2): $s -> $pages pages, PDF $size bytes"

# Start-up on its own: reject an empty session file once the style, the fonts and the
# hyphenation patterns are ready (render_env_new loads them all before reading any session
# file, for -f pdf), median of N processes; with the cache, and without it.
: >"$tmp/vuoto.yaml"
set -- $(python3 tests/bench_startup.py "$n" "$bin" render -f pdf -o "$tmp/su" "$tmp/vuoto.yaml")
set -- "$@" $(VERBALE_NO_CACHE=1 python3 tests/bench_startup.py "$n" "$bin" render -f pdf -o "$tmp/su" "$tmp/vuoto.yaml")
printf '  start-up (an empty file rejected, median of %d): %5.1f ms CPU, %5.1f ms wall; without the cache (VERBALE_NO_CACHE=1): %5.1f ms CPU, %5.1f ms wall\n' \
	"$n" "$1" "$2" "$3" "$4"

set -- $("$build/bench" "$n" "$s" "$tmp/one")
printf '  %d renders in one process:   %6.1f ms CPU, %6.1f ms wall per document (PDF + Markdown), %5.0f pages/s, peak %.1f MiB\n' \
	"$n" "$1" "$2" "$(echo "$pages * 1000 / $2" | bc -l)" "$(echo "$3 / 1024" | bc -l)"

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

i=0 cpu=0 peak=0
start=$(date +%s%N)
while [ $i -lt "$n" ]; do
	/usr/bin/time -f '%U %S %M' -o "$tmp/time" "$bin" render -f pdf,md -o "$tmp/many" "$s" || exit 1
	set -- $(cat "$tmp/time")
	cpu=$(echo "$cpu + $1 + $2" | bc -l)
	[ "$3" -gt "$peak" ] && peak=$3
	i=$((i + 1))
done
wall=$(( ($(date +%s%N) - start) / 1000000 ))
printf '  %d renders as processes:     %6.1f ms CPU, %6.1f ms wall per document (PDF + Markdown), %5.0f pages/s, peak %.1f MiB\n' \
	"$n" "$(echo "$cpu * 1000 / $n" | bc -l)" "$(echo "$wall / $n" | bc -l)" \
	"$(echo "$pages * 1000 * $n / $wall" | bc -l)" "$(echo "$peak / 1024" | bc -l)"

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
