#!/bin/sh
# deb_install.sh: the Debian package installed into this system (as root), then removed; opt-in,
# kept out of make test-all and CI because it changes the system (make deb-install-test, after
# make deb). dpkg -i $BUILD/verbale_*.deb; /usr/bin/verbale --version; verbale render on a sample
# copied to another folder, run from there: a PDF/A of the sitting (pdfinfo: A4, its pages, the
# metadata) and the same Markdown as the tree's program; the manual and the completion where man
# and bash look; dpkg -r verbale: nothing of it left. Refuses to run when verbale is installed
# already, so as never to remove someone's package. Prints "deb_install: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
build=${BUILD:-build}
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

[ "$(id -u)" = 0 ] || { echo "deb_install: dpkg -i needs root" >&2; exit 2; }
set -- "$build"/verbale_*.deb
[ $# = 1 ] && [ -f "$1" ] || { echo "deb_install: no single $build/verbale_*.deb: make deb first" >&2; exit 2; }
deb=$1
if dpkg-query -W -f='${Status}\n' verbale 2>/dev/null | grep -q 'ok installed$'; then
	echo "deb_install: verbale is installed already (dpkg -l verbale): not touching it" >&2
	exit 2
fi
version=$(sed -n 's/^VERSION *= *//p' Makefile)
t=$(mktemp -d)
trap 'dpkg -P verbale >/dev/null 2>&1; rm -rf "$t"' EXIT

if dpkg -i "$deb" >"$t/dpkg-i.log" 2>&1 && [ -x /usr/bin/verbale ]; then
	pass
else
	fail "dpkg -i $deb: $(tail -n 5 "$t/dpkg-i.log")"
fi
if [ "$(/usr/bin/verbale --version 2>&1)" = "verbale $version" ]; then pass; else fail "verbale --version: $(/usr/bin/verbale --version 2>&1)"; fi

# A sample in a folder of its own, rendered from there: the templates found from /usr/bin.
mkdir -p "$t/seduta"
cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$t/seduta/"
(cd "$t/seduta" && /usr/bin/verbale render -f pdf,md torino-2022-02-23.yaml) >"$t/render.log" 2>&1
st=$?
pdf=$t/seduta/torino-2022-02-23.pdf
pdfinfo "$pdf" >"$t/pdfinfo" 2>&1
if [ $st = 0 ] && [ ! -s "$t/render.log" ] && grep -q '^Page size: *595.276 x 841.89 pts (A4)' "$t/pdfinfo" &&
	grep -q '^Pages: *[1-9]' "$t/pdfinfo" && grep -q '^Title: *Processo verbale' "$t/pdfinfo" &&
	grep -q "^Creator: *verbale $version\$" "$t/pdfinfo" && pdftotext "$pdf" - | grep -q 'Letto, confermato e sottoscritto'; then
	pass
else
	fail "verbale render from $t/seduta: exit $st: $(head -c 300 "$t/render.log") $(head -n 3 "$t/pdfinfo")"
fi
./verbale render -f md -o "$t/tree" samples/torino-2022-02-23.yaml >/dev/null 2>&1
if cmp -s "$t/tree/torino-2022-02-23.md" "$t/seduta/torino-2022-02-23.md"; then pass; else fail "the installed verbale's Markdown differs from the tree's (./verbale)"; fi
if [ "$(man -w verbale 2>/dev/null)" = /usr/share/man/man1/verbale.1.gz ] &&
	[ "$(man -w 5 verbale 2>/dev/null)" = /usr/share/man/man5/verbale.5.gz ]; then
	pass
else
	fail "man -w verbale: $(man -w verbale 2>&1) $(man -w 5 verbale 2>&1)"
fi
if bash -c '. /usr/share/bash-completion/completions/verbale && complete -p verbale' 2>&1 | grep -q -- '-F .* verbale$'; then
	pass
else
	fail "the bash completion is not where bash-completion loads it"
fi

# Removed: no file of it left, dpkg knows it no more.
if dpkg -r verbale >"$t/dpkg-r.log" 2>&1 && [ ! -e /usr/bin/verbale ] && [ ! -e /usr/share/verbale ] &&
	[ ! -e /usr/share/man/man1/verbale.1.gz ] && [ ! -e /usr/share/bash-completion/completions/verbale ] &&
	case $(dpkg-query -W -f='${Status}' verbale 2>/dev/null) in '' | *' not-installed') true ;; *) false ;; esac; then
	pass
else
	fail "dpkg -r verbale: $(tail -n 3 "$t/dpkg-r.log") $(ls -d /usr/bin/verbale /usr/share/verbale 2>&1)"
fi
echo "deb_install: $passed passed, $failed failed"
[ $failed = 0 ]
