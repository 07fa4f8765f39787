# install.sh: sourced by run.sh (pass, fail, $out, $bin, $top, $BIN). make install into a
# temporary DESTDIR, the installed tree moved and run from another folder, the manuals, the
# completion, make uninstall.
i=$out/install
rm -rf "$i"
mkdir -p "$i/elsewhere"

# make install, reusing the program just built (-o: never rebuilt here, whatever the flags).
inst() { # inst TARGET DESTDIR
	make --no-print-directory -s -C "$top" -o "$BIN" "$1" BIN="$BIN" DESTDIR="$2" PREFIX=/opt/atti \
		>"$i/$1.log" 2>&1
}
if inst install "$i/dest"; then pass; else fail "make install: $(head -c 300 "$i/install.log")"; fi
(cd "$i/dest" && find . -type f | sort) >"$i/files"
cat >"$i/files.want" <<EOF
./opt/atti/bin/verbale
./opt/atti/share/bash-completion/completions/verbale
./opt/atti/share/man/man1/verbale.1
./opt/atti/share/man/man5/verbale.5
$(cd "$top" && ls templates/*.mustache templates/*.yaml templates/*.md | sed 's|^|./opt/atti/share/verbale/|' | sort)
./opt/atti/share/verbale/verbale.schema.json
./opt/atti/share/verbale/organo.schema.json
EOF
sort -o "$i/files.want" "$i/files.want"
if cmp -s "$i/files" "$i/files.want"; then pass; else fail "make install: files differ: $(diff "$i/files.want" "$i/files" | head -n 10)"; fi

# The tree moved elsewhere (no rebuild, no reinstall), run from another folder: it finds its
# templates and makes the same minutes as the program in the source tree.
mv "$i/dest/opt/atti" "$i/moved"
cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$i/elsewhere/"
(cd "$i/elsewhere" && "$i/moved/bin/verbale" render -f pdf,md torino-2022-02-23.yaml) >"$i/run.out" 2>&1
st=$?
"$bin" render -o "$i/here" -f pdf,md samples/torino-2022-02-23.yaml >/dev/null 2>&1
if [ $st = 0 ] && [ ! -s "$i/run.out" ] && cmp -s "$i/elsewhere/torino-2022-02-23.pdf" "$i/here/torino-2022-02-23.pdf" &&
	cmp -s "$i/elsewhere/torino-2022-02-23.md" "$i/here/torino-2022-02-23.md"; then
	pass
else
	fail "installed and moved verbale, run from another folder: exit $st: $(head -c 300 "$i/run.out")"
fi
(cd "$i/elsewhere" && "$i/moved/bin/verbale" check torino-2022-02-23.yaml) >"$i/check.out" 2>&1
if [ $? = 0 ] && (cd samples && "$bin" check torino-2022-02-23.yaml) | cmp -s - "$i/check.out"; then pass; else fail "installed verbale check"; fi
# verbale new names the installed schema, where the tree is now.
(cd "$i/elsewhere" && "$i/moved/bin/verbale" new) 2>&1 | head -n 1 >"$i/new.first"
if [ "$(cat "$i/new.first")" = "# yaml-language-server: \$schema=$(cd "$i/moved" && pwd -P)/share/verbale/verbale.schema.json" ] &&
	[ -f "$i/moved/share/verbale/verbale.schema.json" ]; then
	pass
else
	fail "installed verbale new's schema line: $(cat "$i/new.first")"
fi
# --template still overrides the installed templates.
mkdir -p "$i/tpl" && cp "$top"/templates/* "$i/tpl/"
sed 's/Letto, confermato e sottoscritto\./Letto e approvato./' "$top/templates/firme.mustache" >"$i/tpl/firme.mustache"
(cd "$i/elsewhere" && "$i/moved/bin/verbale" render -f md -o "$i/own" --template "$i/tpl" torino-2022-02-23.yaml) >/dev/null 2>&1
if grep -q "^Letto e approvato\.$" "$i/own/torino-2022-02-23.md" 2>/dev/null; then pass; else fail "installed verbale: --template does not override"; fi
# Without its templates the program says where it looked: exit 3.
mkdir -p "$i/alone" && cp "$i/moved/bin/verbale" "$i/alone/"
(cd "$i/elsewhere" && "$i/alone/verbale" render -o "$i/none" torino-2022-02-23.yaml) >/dev/null 2>"$i/alone.err"
st=$?
if [ $st = 3 ] && grep -q "^verbale: errore: .*reinstallare verbale o indicare" "$i/alone.err" && [ ! -e "$i/none" ]; then
	pass
else
	fail "verbale without its templates: exit $st (want 3): $(head -c 300 "$i/alone.err")"
fi

# The manuals: clean for mandoc's linter, and found by man in the installed tree.
for page in "$i/moved/share/man/man1/verbale.1" "$i/moved/share/man/man5/verbale.5"; do
	if mandoc -Tlint -W warning "$page" >"$i/lint.out" 2>&1 && [ ! -s "$i/lint.out" ]; then
		pass
	else
		fail "mandoc -Tlint $(basename "$page"): $(head -c 300 "$i/lint.out")"
	fi
done
for sec in 1 5; do
	w=$(mman -M "$i/moved/share/man" -w "$sec" verbale 2>/dev/null)
	if [ "$w" = "$i/moved/share/man/man$sec/verbale.$sec" ]; then pass; else fail "man -w $sec verbale: $w"; fi
done
if mman -M "$i/moved/share/man" -T utf8 1 verbale 2>/dev/null | grep -q "verbale new"; then pass; else fail "man verbale does not show verbale new"; fi

# The completion registers itself for verbale in bash, and completes commands, formats, options.
if bash -c ". '$i/moved/share/bash-completion/completions/verbale' && complete -p verbale" >"$i/complete.out" 2>&1 &&
	grep -q -- "-F .* verbale$" "$i/complete.out"; then
	pass
else
	fail "bash completion: $(head -c 200 "$i/complete.out")"
fi
completes() { # completes WANT WORD...: what bash offers for the last word
	want=$1
	shift
	got=$(bash -c '. "$0"; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _verbale; echo "${COMPREPLY[*]}"' \
		"$i/moved/share/bash-completion/completions/verbale" "$@" 2>&1)
	if [ "$got" = "$want" ]; then pass; else fail "bash completion of '$*': '$got' (want '$want')"; fi
}
completes "render" verbale re
completes "new" verbale n
completes "pdf,md" verbale render -f pdf,m
completes "pdf,odt" verbale render -f pdf,o
completes "--force" verbale batch --f
completes "--prune" verbale batch --p
completes "--json" verbale check --j
completes "--radice" verbale render --r
completes "--file-organo" verbale new --f
completes "--serve" verbale watch --s
completes "" verbale watch --serve 80
completes "--help" verbale watch --h

# make uninstall removes every file it installed, and the folders that were its own.
if inst install "$i/dest2" && inst uninstall "$i/dest2"; then pass; else fail "make install/uninstall: $(head -c 300 "$i/uninstall.log")"; fi
left=$(cd "$i/dest2" && find . \( -type f -o -type l -o -name verbale \) -print)
if [ -z "$left" ]; then pass; else fail "make uninstall left: $left"; fi

# Building without the libraries: before any compilation, which Debian packages to install.
make --no-print-directory -s -C "$top" BUILD="$i/nodeps" PKG_CONFIG=false "$i/nodeps/.deps-ok" >"$i/nodeps.out" 2>&1
st=$?
if [ $st != 0 ] && grep -qx "verbale: mancano le librerie per compilare: installare i pacchetti Debian libyaml-dev libcmark-gfm-dev libfontconfig-dev libharfbuzz-dev zlib1g-dev libutf8proc-dev libmicrohttpd-dev libzip-dev" "$i/nodeps.out" &&
	[ ! -e "$i/nodeps/.deps-ok" ]; then
	pass
else
	fail "make without the libraries: exit $st: $(head -c 300 "$i/nodeps.out")"
fi
