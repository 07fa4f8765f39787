#!/bin/sh
# regen.sh: the only way golden files change. For each golden file whose output differs, show
# the difference and ask before replacing it. (Create an empty NAME.check, NAME.json or
# NAME.err beside NAME.yaml to start a new check.) Never run in CI.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
case $BIN in /*) bin=$BIN ;; *) bin=$top/$BIN ;; esac
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for dir in tests/golden tests/errors; do
	for y in "$dir"/*.yaml; do
		name=$(basename "$y" .yaml)
		for kind in check json err; do
			want="$dir/$name.$kind"
			[ -f "$want" ] || continue
			case $kind in
			check) (cd "$dir" && "$bin" check "$name.yaml" 2>/dev/null) >"$tmp" ;;
			json) (cd "$dir" && "$bin" check --json "$name.yaml" 2>/dev/null) >"$tmp" ;;
			err) (cd "$dir" && "$bin" check "$name.yaml" 2>&1 >/dev/null; echo "[exit $?]") >"$tmp" ;;
			esac
			cmp -s "$tmp" "$want" && continue
			diff -u "$want" "$tmp"
			printf 'replace %s? [y/N] ' "$want"
			read -r answer
			case $answer in y | Y | s | S) cp "$tmp" "$want" && echo "replaced $want" ;; esac
		done
	done
done
