#!/bin/sh
# bench.sh: how fast verbale makes the reference minutes, and how much memory and space it
# takes, beside the tools people use instead (pandoc + pdflatex, groff) when installed.
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

"$bin" render -f pdf,md -o "$tmp" "$s" || exit 1
pages=$(pdfinfo "$tmp/torino-2022-02-23.pdf" | awk '/^Pages:/ { print $2 }')
size=$(stat -c %s "$tmp/torino-2022-02-23.pdf")
echo "verbale $(./verbale --version | cut -d' ' -f2): $s -> $pages pages, PDF $size bytes"

set -- $("$build/bench" "$n" "$s" "$tmp/one")
printf '  %d renders in one process:   %6.1f ms CPU, %6.1f ms wall per document (PDF + Markdown), %5.0f pages/s, peak %.1f MiB\n' \
	"$n" "$1" "$2" "$(echo "$pages * 1000 / $2" | bc -l)" "$(echo "$3 / 1024" | bc -l)"

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

# The same text through the usual tools, when they are here.
ref=$shared/reference/torino-2022-02-23.txt
if command -v pandoc >/dev/null && command -v pdflatex >/dev/null; then
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" pandoc "$ref" -f markdown -o "$tmp/ref.pdf" --pdf-engine=pdflatex 2>/dev/null &&
		set -- $(cat "$tmp/time") &&
		printf '  pandoc + pdflatex:           %6.1f ms CPU, %6.1f ms wall, peak %.1f MiB, %d bytes\n' \
			"$(echo "($2 + $3) * 1000" | bc -l)" "$(echo "$1 * 1000" | bc -l)" "$(echo "$4 / 1024" | bc -l)" "$(stat -c %s "$tmp/ref.pdf")"
else
	echo "  pandoc + pdflatex: not installed (apt-get install pandoc texlive-latex-recommended to compare)"
fi
if command -v groff >/dev/null; then
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/time" sh -c "sed 's/^\\./\\\\\\&./' '$ref' | groff -Tpdf -ms -Kutf8 >'$tmp/ref-groff.pdf'" 2>/dev/null &&
		set -- $(cat "$tmp/time") &&
		printf '  groff:                       %6.1f ms CPU, %6.1f ms wall, peak %.1f MiB, %d bytes\n' \
			"$(echo "($2 + $3) * 1000" | bc -l)" "$(echo "$1 * 1000" | bc -l)" "$(echo "$4 / 1024" | bc -l)" "$(stat -c %s "$tmp/ref-groff.pdf")"
else
	echo "  groff: not installed"
fi
exit 0
