#!/bin/sh
# regen.sh: the only way golden files change. For each golden file whose output differs, show
# the difference and ask before replacing it. (Create an empty expected file, see golden.sh,
# to start a new check.) Never run in CI.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
case $BIN in /*) bin=$BIN ;; *) bin=$top/$BIN ;; esac
. tests/golden.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for pair in $golden_pairs; do
	dir=${pair%%:*} gdir=${pair#*:}
	for y in "$dir"/*.yaml; do
		[ -f "$y" ] || continue
		name=$(basename "$y" .yaml)
		for kind in $golden_kinds; do
			want="$gdir/$name.$kind"
			[ -f "$want" ] || continue
			golden_actual $kind "$dir" "$name" "$tmp/work" >"$tmp/actual" 2>&1
			cmp -s "$tmp/actual" "$want" && continue
			diff -u "$want" "$tmp/actual"
			printf 'replace %s? [y/N] ' "$want"
			read -r answer
			case $answer in y | Y | s | S) cp "$tmp/actual" "$want" && echo "replaced $want" ;; esac
		done
	done
done
