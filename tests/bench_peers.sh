#!/bin/sh
# bench_peers.sh REF TMP: for make bench (bench.sh), the same text REF through the tools people
# use instead of verbale, one line each, in a fixed order, whether it ran or not: its CPU, wall
# time, peak memory and size; "non installato (COMANDO)"; or "non riuscito (exit N: the line of
# its errors that says why)". TMP is a scratch folder. The cli section checks the listing with
# stand-in tools (cli.sh).
set -u
ref=$1 tmp=$2

# The line of a tool's stderr (file $1) that says what went wrong: TeX's "! ..." line, else
# the first that says error, else the last one; at most 120 characters.
reason() {
	r=$(grep -m 1 '^!' "$1") || r=$(grep -m 1 -i 'error' "$1") || r=$(grep -v '^[[:space:]]*$' "$1" | tail -n 1)
	[ -n "$r" ] || r="nessun messaggio"
	printf '%s' "$r" | LC_ALL=C.UTF-8 sed 's/^\(.\{117\}\).\{4,\}$/\1.../'
}

# peer NAME "COMMANDS" OUTPUT COMMAND...: run COMMAND, which needs COMMANDS and writes OUTPUT.
peer() {
	name=$1 needs=$2 out=$3
	shift 3
	printf '  %-29s' "$name:"
	for c in $needs; do
		if ! command -v "$c" >/dev/null 2>&1; then
			echo "non installato ($c)"
			return 0
		fi
	done
	rm -f "$out"
	/usr/bin/time -f '%e %U %S %M' -o "$tmp/peer.time" "$@" >"$tmp/peer.out" 2>"$tmp/peer.err" </dev/null
	st=$?
	if [ $st != 0 ]; then
		echo "non riuscito (exit $st: $(reason "$tmp/peer.err"))"
	elif [ ! -s "$out" ]; then
		echo "non riuscito (exit 0: nessun PDF scritto)"
	else
		set -- $(tail -n 1 "$tmp/peer.time")
		printf '%6.1f ms CPU, %6.1f ms wall, peak %.1f MiB, %d bytes\n' \
			"$(echo "($2 + $3) * 1000" | bc -l)" "$(echo "$1 * 1000" | bc -l)" "$(echo "$4 / 1024" | bc -l)" "$(stat -c %s "$out")"
	fi
}

peer groff groff "$tmp/ref-groff.pdf" \
	sh -c "sed 's/^\\./\\\\\\&./' '$ref' | groff -Tpdf -ms -Kutf8 >'$tmp/ref-groff.pdf'"
for engine in pdflatex xelatex lualatex typst; do
	peer "pandoc + $engine" "pandoc $engine" "$tmp/ref-$engine.pdf" \
		pandoc "$ref" -f markdown -o "$tmp/ref-$engine.pdf" --pdf-engine=$engine
done
exit 0
