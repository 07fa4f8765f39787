# deb.sh: sourced by run.sh (section deb; pass, fail, $out, $bin, $top, $BIN). The Debian package:
# make deb (dpkg-buildpackage in a copy of the tree) leaves this tree alone and writes
# verbale_VERSION-1_ARCH.deb; its files (dpkg-deb -c) are what make install installs, and the
# manuals compressed, the documentation, the lintian overrides; its fields (dpkg-deb -f): the
# name, the Makefile's version, the architecture, a dependency for each shared library the
# program links and for the fonts, the hyphenation dictionary and the sRGB profile it reads at
# run time; the program hardened (dpkg-buildflags); lintian without errors or warnings, every
# override with its reason; the program unpacked (dpkg-deb -x) renders a sample from another
# folder as the tree's program does. The package is never installed here: tests/deb_install.sh
# (make deb-install-test, as root) does that.
d=$out/deb
rm -rf "$d"
mkdir -p "$d/elsewhere"
version=$(sed -n 's/^VERSION *= *//p' "$top/Makefile")
arch=$(dpkg --print-architecture 2>/dev/null)

# The tools, or a failure: never a silent pass.
tools_ok=true
for t in dpkg-buildpackage dh dpkg-deb dpkg-parsechangelog dpkg-architecture lintian readelf; do
	command -v "$t" >/dev/null || {
		fail "deb: $t missing: make deps installs it (dpkg-dev, debhelper, lintian, binutils)"
		tools_ok=false
	}
done

# debian/changelog's version is the Makefile's VERSION, Debian revision 1 (or later).
v=$(dpkg-parsechangelog -l "$top/debian/changelog" -S Version 2>/dev/null)
case $v in
"$version"-[1-9]*) pass ;;
*) fail "deb: debian/changelog is at version '$v', the Makefile's VERSION is '$version'" ;;
esac

if $tools_ok; then
	# make deb, from a make of its own (none of the caller's MAKEFLAGS), the package in $d/b.
	status_before=$(git -C "$top" status --porcelain 2>&1)
	sum_before=$(cksum <"$bin")
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -s -C "$top" deb BUILD="$d/b" \
		>"$d/make.log" 2>&1
	st=$?
	deb=$d/b/verbale_$version-1_$arch.deb
	if [ $st = 0 ] && [ -f "$deb" ] && [ "$(ls "$d/b"/*.deb)" = "$deb" ]; then
		pass
	else
		fail "make deb: exit $st, $(ls "$d/b" 2>&1 | tr '\n' ' '): $(tail -n 5 "$d/make.log")"
		deb=
	fi
	# The working tree untouched by the package's build and clean: the same git status, the
	# same program.
	if [ "$(git -C "$top" status --porcelain 2>&1)" = "$status_before" ] && [ "$(cksum <"$bin")" = "$sum_before" ]; then
		pass
	else
		fail "make deb changed the working tree: $(git -C "$top" status --porcelain | head -n 5)"
	fi
fi

if $tools_ok && [ -n "$deb" ]; then
	# The files: make install's (the templates, the schemas, the manuals, now compressed, the
	# completion), the documentation and the lintian overrides; the program executable.
	dpkg-deb -c "$deb" >"$d/contents" 2>&1
	grep -v '/$' "$d/contents" | awk '{print $NF}' | sort >"$d/files"
	{
		printf '%s\n' ./usr/bin/verbale ./usr/share/bash-completion/completions/verbale \
			./usr/share/doc/verbale/README.md.gz ./usr/share/doc/verbale/changelog.Debian.gz \
			./usr/share/doc/verbale/copyright ./usr/share/lintian/overrides/verbale \
			./usr/share/man/man1/verbale.1.gz ./usr/share/man/man5/verbale.5.gz \
			./usr/share/verbale/verbale.schema.json ./usr/share/verbale/organo.schema.json
		(cd "$top" && ls templates/*.mustache templates/*.yaml templates/*.md) | sed 's|^|./usr/share/verbale/|'
	} | sort >"$d/files.want"
	if cmp -s "$d/files" "$d/files.want"; then pass; else fail "deb: dpkg-deb -c: $(diff "$d/files.want" "$d/files" | head -n 10)"; fi
	if grep -q '^-rwxr-xr-x root/root .* \./usr/bin/verbale$' "$d/contents" &&
		! grep -v '/$' "$d/contents" | grep -v '\./usr/bin/verbale$' | grep -qv '^-rw-r--r-- root/root '; then
		pass
	else
		fail "deb: owners and modes: $(grep -v '/$' "$d/contents" | grep -v '^-rw-r--r-- root/root ' | head -n 3)"
	fi

	# The fields.
	f() { dpkg-deb -f "$deb" "$1" 2>/dev/null; }
	if [ "$(f Package)" = verbale ] && [ "$(f Version)" = "$version-1" ] && [ "$(f Architecture)" = "$arch" ] &&
		[ "$(f Section)" = text ] && [ "$(f Priority)" = optional ]; then
		pass
	else
		fail "deb: fields: $(dpkg-deb -f "$deb" Package Version Architecture Section Priority | tr '\n' ' ')"
	fi
	# Depends: the package of each shared library the program links (${shlibs:Depends}), and
	# what it reads at run time: the fonts (src/fonts.c), the Italian hyphenation dictionary
	# (src/hyphenate.h) and the sRGB profile (src/render.c, either package it looks in).
	deps=$(f Depends | tr ',' '\n' | sed 's/^ *//; s/ *(.*//')
	dpkg-deb -x "$deb" "$d/x"
	multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null)
	missing=
	for lib in $(readelf -d "$d/x/usr/bin/verbale" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		p=$(dpkg -S "*/$multiarch/$lib" 2>/dev/null | sed -n '1s/:.*//p')
		echo "$deps" | grep -qx "$p" || missing="$missing $lib($p)"
	done
	for p in fonts-liberation2 fonts-dejavu-core hyphen-it 'icc-profiles-free | libgs-common'; do
		echo "$deps" | grep -qxF "$p" || missing="$missing $p"
	done
	n=$(readelf -d "$d/x/usr/bin/verbale" | grep -c '(NEEDED)')
	if [ -z "$missing" ] && [ "$n" -ge 10 ] && echo "$deps" | grep -q '^libhpdf' && echo "$deps" | grep -q '^libyaml'; then
		pass
	else
		fail "deb: Depends lacks$missing ($n libraries linked): $(f Depends)"
	fi
	# Hardened as dpkg-buildflags asks (hardening=+all): position independent, read-only
	# relocations bound at start, the fortified functions, the stack protector.
	e=$d/x/usr/bin/verbale
	if readelf -h "$e" | grep -q 'Type: *DYN' && readelf -l "$e" | grep -q GNU_RELRO &&
		readelf -d "$e" | grep -q 'FLAGS.*BIND_NOW' && readelf -W --dyn-syms "$e" | grep -q '__[a-z]*printf_chk' &&
		readelf -W --dyn-syms "$e" | grep -q '__stack_chk_fail'; then
		pass
	else
		fail "deb: the program is not hardened: $(readelf -h "$e" | grep Type:) $(readelf -d "$e" | grep FLAGS)"
	fi

	# lintian: no error, no warning; each override with its reason, a comment just above it or
	# above the overrides of the same tag right before it.
	lintian "$deb" >"$d/lintian.log" 2>&1
	st=$?
	if [ $st = 0 ] && ! grep -q '^[EW]: ' "$d/lintian.log"; then
		pass
	else
		fail "lintian: exit $st: $(grep -v '^[IPNO]: ' "$d/lintian.log" | head -n 10)"
	fi
	if awk '/^#/ { tag = "#"; next } /^[^[:space:]]/ { if (tag != "#" && tag != $2) { print; bad = 1 } tag = $2; next }
		{ tag = "" } END { exit bad }' \
		"$top"/debian/*.lintian-overrides >"$d/overrides.bad"; then
		pass
	else
		fail "debian/*.lintian-overrides: an override without its reason: $(head -n 3 "$d/overrides.bad")"
	fi

	# The unpacked program, run from another folder, finds its templates from where it is
	# (../share/verbale/templates) and makes the same minutes as the tree's program.
	cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$d/elsewhere/"
	(cd "$d/elsewhere" && "$d/x/usr/bin/verbale" render -f pdf,md torino-2022-02-23.yaml) >"$d/run.out" 2>&1
	st=$?
	"$bin" render -o "$d/here" -f pdf,md samples/torino-2022-02-23.yaml >/dev/null 2>&1
	if [ $st = 0 ] && [ ! -s "$d/run.out" ] && cmp -s "$d/elsewhere/torino-2022-02-23.pdf" "$d/here/torino-2022-02-23.pdf" &&
		cmp -s "$d/elsewhere/torino-2022-02-23.md" "$d/here/torino-2022-02-23.md"; then
		pass
	else
		fail "the packaged verbale, run from another folder: exit $st: $(head -c 300 "$d/run.out")"
	fi
	if [ "$("$d/x/usr/bin/verbale" --version 2>&1)" = "verbale $version" ]; then pass; else fail "the packaged verbale --version: $("$d/x/usr/bin/verbale" --version 2>&1)"; fi
fi
