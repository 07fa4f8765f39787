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
# golden_each's FN: show the difference and ask before replacing
ask() {
	cmp -s "$2" "$1" && return
	diff -u "$1" "$2"
	printf 'replace %s? [y/N] ' "$1"
	read -r answer
	case $answer in y | Y | s | S) cp "$2" "$1" && echo "replaced $1" ;; esac
}
golden_each ask "$tmp/work"
