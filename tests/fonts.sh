# fonts.sh: sourced by run.sh (pass, fail, $out, $bin, $top). The faces are fontconfig's choice,
# not the first file by path: with Liberation 1.07 (fonts-liberation) and 2 (fonts-liberation2)
# in two folders, listed in either order by a FONTCONFIG_FILE of their own, the PDF embeds what
# fc-match chooses under the same configuration, and the bytes are the same both times.
fdir=$out/fonts
rm -rf "$fdir"
mkdir -p "$fdir"
lib1=/usr/share/fonts/truetype/liberation
lib2=/usr/share/fonts/truetype/liberation2
dejavu=/usr/share/fonts/truetype/dejavu
fonts_conf() { # fonts_conf NAME EXTRA DIR...: $fdir/NAME.conf lists only those folders (a cache
	# of its own: fontconfig caches what a scan rule of EXTRA changes)
	n=$1 extra=$2
	shift 2
	{
		echo '<?xml version="1.0"?>'
		echo '<fontconfig>'
		for d; do echo "<dir>$d</dir>"; done
		echo "<cachedir>$fdir/cache-$n</cachedir>"
		echo "$extra"
		echo '</fontconfig>'
	} >"$fdir/$n.conf"
}
# fonts_want NAME: what fc-match chooses under NAME.conf for the four faces of Liberation Serif,
# as embedded_fonts.py prints them (PostScript name, fontversion), sorted
fonts_want() {
	for style in "" ":bold" ":italic" ":bold:italic"; do
		FONTCONFIG_FILE=$fdir/$1.conf fc-match -f '%{postscriptname} %{fontversion}\n' \
			"Liberation Serif:fontformat=TrueType$style"
	done | sort
}
# fonts_got NAME: the Liberation faces the sample's PDF rendered under NAME.conf embeds
fonts_got() {
	python3 tests/embedded_fonts.py "$fdir/$1/torino-2022-02-23.pdf" | grep '^Liberation'
}
if [ -f "$lib1/LiberationSerif-Regular.ttf" ] && [ -f "$lib2/LiberationSerif-Regular.ttf" ]; then
	fonts_conf lib1-first "" "$lib1" "$lib2" "$dejavu"
	fonts_conf lib2-first "" "$lib2" "$lib1" "$dejavu"
	for c in lib1-first lib2-first; do
		FONTCONFIG_FILE=$fdir/$c.conf "$bin" render -f pdf -o "$fdir/$c" \
			samples/torino-2022-02-23.yaml 2>"$fdir/$c.err"
		want=$(fonts_want $c)
		got=$(fonts_got $c 2>&1)
		# fontconfig ranks the newer version first when all else is equal: Liberation 2
		# (head.fontRevision 2.1, 137625 in 16.16) in both orders
		if [ "$got" = "$want" ] && [ "$(echo "$want" | grep -c ' 137625$')" = 4 ]; then
			pass
		else
			fail "fonts ($c): the PDF embeds '$(echo $got)', fc-match chooses '$(echo $want)': $(head -c 200 "$fdir/$c.err")"
		fi
	done
	if cmp -s "$fdir/lib1-first/torino-2022-02-23.pdf" "$fdir/lib2-first/torino-2022-02-23.pdf"; then
		pass
	else
		fail "fonts: the folders in another order give other bytes"
	fi
	# A face fontconfig ranks first but that cannot be embedded gives way to the next in
	# fontconfig's order that can. Here Liberation 2's regular face is made, when scanned, to
	# look like a named instance of a variable font (index 65536: fontconfig's index has the
	# instance in its high 16 bits; such instances rank as static faces do): Liberation 1.07's
	# regular face is the next; the other faces stay Liberation 2's.
	fonts_conf instance "<match target=\"scan\"><test name=\"file\"><string>$lib2/LiberationSerif-Regular.ttf</string></test><edit name=\"index\" mode=\"assign\"><int>65536</int></edit></match>" \
		"$lib2" "$lib1" "$dejavu"
	FONTCONFIG_FILE=$fdir/instance.conf "$bin" render -f pdf -o "$fdir/instance" \
		samples/torino-2022-02-23.yaml 2>"$fdir/instance.err"
	ranked=$(FONTCONFIG_FILE=$fdir/instance.conf fc-match -a -f '%{file} %{index}\n' \
		"Liberation Serif:fontformat=TrueType" | grep '/LiberationSerif-Regular\.ttf ' | head -n 2)
	got=$(fonts_got instance 2>&1)
	if [ "$ranked" = "$(printf '%s\n' "$lib2/LiberationSerif-Regular.ttf 65536" "$lib1/LiberationSerif-Regular.ttf 0")" ] &&
		[ "$got" = "$(printf '%s\n' 'LiberationSerif 70123' 'LiberationSerif-Bold 137625' \
			'LiberationSerif-BoldItalic 137625' 'LiberationSerif-Italic 137625')" ]; then
		pass
	else
		fail "fonts: a named instance first: fontconfig ranks '$(echo $ranked)'; the PDF embeds '$(echo $got)': $(head -c 200 "$fdir/instance.err")"
	fi
else
	fail "fonts: $lib1 and $lib2 are needed (make deps installs fonts-liberation and fonts-liberation2)"
fi

# --- The cache of fontconfig's choice (src/fonts_cache.c), in XDG_CACHE_HOME/verbale ---
# fc_render NAME CONF [ENV...]: render the sample under CONF (a conf of $fdir) into $fdir/NAME,
# with the cache folder $fdir/xc (VERBALE_DEBUG_CACHE: the cache's lines on stderr, in
# $fdir/NAME.err); the exit status in $fdir/NAME.st
fc_render() {
	n=$1 c=$2
	shift 2
	env XDG_CACHE_HOME="$fdir/xc" VERBALE_DEBUG_CACHE=1 FONTCONFIG_FILE="$fdir/$c.conf" "$@" \
		"$bin" render -f pdf -o "$fdir/$n" samples/torino-2022-02-23.yaml 2>"$fdir/$n.err"
	echo $? >"$fdir/$n.st"
}
# fc_expect NAME WHAT STATUS LINES: NAME's exit status and its cache lines (sed's patterns,
# one a line, in order, "verbale: cache: " left out), and nothing else on stderr
fc_expect() {
	got=$(sed 's/^verbale: cache: //' "$fdir/$1.err" | sed "s#$fdir/##g")
	if [ "$(cat "$fdir/$1.st")" = "$3" ] && fc_lines_match "$got" "$4"; then
		pass
	else
		fail "fonts cache: $2: exit $(cat "$fdir/$1.st") (want $3), stderr '$got', want '$4'"
	fi
}
# fc_lines_match GOT WANT: line i of GOT matches pattern i of WANT (grep -x), as many lines
fc_lines_match() {
	printf '%s\n' "$1" >"$fdir/got.txt"
	printf '%s\n' "$2" >"$fdir/want.txt"
	[ "$(wc -l <"$fdir/got.txt")" = "$(wc -l <"$fdir/want.txt")" ] || return 1
	i=1
	while [ $i -le "$(wc -l <"$fdir/want.txt")" ]; do
		sed -n "${i}p" "$fdir/got.txt" | grep -qx -- "$(sed -n "${i}p" "$fdir/want.txt")" || return 1
		i=$((i + 1))
	done
}
# fc_same NAME OTHER WHAT: the two renders' PDFs are the same bytes
fc_same() {
	if cmp -s "$fdir/$1/torino-2022-02-23.pdf" "$fdir/$2/torino-2022-02-23.pdf"; then pass; else fail "fonts cache: $3: the PDFs differ ($1, $2)"; fi
}
# fc_faces NAME CONF WHAT: the Liberation faces of NAME's PDF are fc-match's under CONF
fc_faces() {
	want=$(fonts_want "$2")
	got=$(fonts_got "$1" 2>&1)
	if [ -n "$want" ] && [ "$got" = "$want" ]; then pass; else fail "fonts cache: $3: the PDF embeds '$(echo $got)', fc-match chooses '$(echo $want)'"; fi
}
rm -rf "$fdir/xc"
if [ -f "$lib1/LiberationSerif-Regular.ttf" ] && [ -f "$lib2/LiberationSerif-Regular.ttf" ]; then
	fonts_conf lib1-only "" "$lib1" "$dejavu"
	# without the cache, the reference: nothing written, no cache line
	fc_render nocache lib2-first VERBALE_NO_CACHE=1
	fc_expect nocache "VERBALE_NO_CACHE=1" 0 ""
	if [ ! -e "$fdir/xc" ]; then pass; else fail "fonts cache: VERBALE_NO_CACHE=1 wrote $(find "$fdir/xc" | head -n 3)"; fi
	# the first run writes the cache, the second uses it: the same bytes as without it
	fc_render first lib2-first
	fc_expect first "the first run" 0 "caratteri: assente xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	fc_render second lib2-first
	fc_expect second "the second run" 0 "caratteri: usata xc/verbale/fonts-[0-9a-f]\{16\}"
	fc_same first nocache "written, and without the cache"
	fc_same second nocache "used, and without the cache"
	fc_faces second lib2-first "used"
	cachefile=$(ls "$fdir"/xc/verbale/fonts-* | head -n 1)
	if [ "$(ls "$fdir/xc/verbale" | wc -l)" = 1 ] && [ "$(stat -c %a "$fdir/xc/verbale")" = 700 ] &&
		grep -qx "face 0 0 $lib2/LiberationSerif-Regular.ttf" "$cachefile" &&
		grep -qx "S [0-9 ]* $fdir/lib2-first.conf" "$cachefile" && grep -qx "S [0-9 ]* $lib2" "$cachefile" &&
		[ "$(tail -n 1 "$cachefile")" = end ]; then
		pass
	else
		fail "fonts cache: the file: $(ls -l "$fdir/xc/verbale"; head -c 300 "$cachefile")"
	fi
	# another FONTCONFIG_FILE: another key, and fontconfig's choice under it (Liberation 1.07)
	fc_render other lib1-only
	fc_expect other "FONTCONFIG_FILE changed" 0 "caratteri: assente xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	fc_faces other lib1-only "FONTCONFIG_FILE changed"
	if [ "$(fonts_got other | grep -c ' 70123$')" = 4 ]; then pass; else fail "fonts cache: lib1-only embeds '$(echo $(fonts_got other))'"; fi
	# the same FONTCONFIG_FILE rewritten to choose otherwise: the state of the file changed,
	# the choice follows fontconfig; then touched: chosen again; then used
	fonts_conf switch "" "$lib2" "$lib1" "$dejavu"
	fc_render switch1 switch
	fonts_conf switch "" "$lib1" "$dejavu"
	fc_render switch2 switch
	fc_expect switch2 "the configuration rewritten" 0 "caratteri: cambiato: S [0-9 ]* switch.conf
caratteri: non valida (cambiato) xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	fc_faces switch2 switch "the configuration rewritten"
	fc_same switch2 other "the configuration rewritten, and Liberation 1.07 alone"
	sleep 0.01
	touch "$fdir/switch.conf"
	fc_render switch3 switch
	fc_expect switch3 "the configuration touched" 0 "caratteri: cambiato: S [0-9 ]* switch.conf
caratteri: non valida (cambiato) xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	fc_render switch4 switch
	fc_expect switch4 "the configuration as recorded" 0 "caratteri: usata xc/verbale/fonts-[0-9a-f]\{16\}"
	fc_same switch4 other "after the touch"
	# a file the configuration includes, missing when the cache was written, in a folder
	# missing too, then made: the cache recorded it missing, and the state of the nearest
	# folder that exists: fontconfig's choice follows it
	mkdir -p "$fdir/incl"
	fonts_conf incl "<include ignore_missing=\"yes\">$fdir/incl/sub/prefer.conf</include>" "$lib2" "$lib1" "$dejavu"
	fc_render incl1 incl
	fc_expect incl1 "an included file missing" 0 "caratteri: assente xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	if grep -qx "M $fdir/incl/sub/prefer.conf" "$cachefile" || grep -qx "M $fdir/incl/sub/prefer.conf" "$fdir"/xc/verbale/fonts-*; then pass; else fail "fonts cache: the missing include is not recorded"; fi
	mkdir -p "$fdir/incl/sub"
	printf '%s\n' '<?xml version="1.0"?>' '<fontconfig><selectfont><rejectfont>' \
		"<glob>$lib2/*</glob>" '</rejectfont></selectfont></fontconfig>' >"$fdir/incl/sub/prefer.conf"
	fc_render incl2 incl
	fc_expect incl2 "an included file made" 0 "caratteri: cambiato: M incl/sub/prefer.conf
caratteri: non valida (cambiato) xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	fc_faces incl2 incl "an included file made"
	fc_same incl2 other "an included file made, and Liberation 1.07 alone"
	# a font folder of the test's own: touched, then a font replaced by another of another size
	mkdir -p "$fdir/myfonts"
	cp "$lib2"/LiberationSerif-*.ttf "$lib2"/LiberationMono-Regular.ttf "$fdir/myfonts/"
	fonts_conf mine "" "$fdir/myfonts" "$dejavu"
	fc_render mine1 mine
	fc_same mine1 nocache "a folder of Liberation 2's copies"
	sleep 0.01
	touch "$fdir/myfonts"
	fc_render mine2 mine
	fc_expect mine2 "a font folder touched" 0 "caratteri: cambiato: S [0-9 ]* myfonts
caratteri: non valida (cambiato) xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	cp "$lib1/LiberationSerif-Regular.ttf" "$fdir/myfonts/new.tmp"
	mv "$fdir/myfonts/new.tmp" "$fdir/myfonts/LiberationSerif-Regular.ttf"
	fc_render mine3 mine
	fc_render mine3-nocache mine VERBALE_NO_CACHE=1
	fc_same mine3 mine3-nocache "a font replaced"
	if grep -q "cambiato: S" "$fdir/mine3.err" && [ "$(fonts_got mine3 | grep -c ' 70123$')" = 1 ]; then pass; else fail "fonts cache: a font replaced: $(cat "$fdir/mine3.err"; fonts_got mine3)"; fi
	# the style's families: another key; the cache of the first stays
	mkdir -p "$fdir/modelli"
	cp templates/* "$fdir/modelli/"
	sed -i 's/^  testo: Liberation Serif$/  testo: DejaVu Serif/' "$fdir/modelli/stile.yaml"
	env XDG_CACHE_HOME="$fdir/xc" VERBALE_DEBUG_CACHE=1 FONTCONFIG_FILE="$fdir/lib2-first.conf" \
		"$bin" render -f pdf --template "$fdir/modelli" -o "$fdir/style" samples/torino-2022-02-23.yaml 2>"$fdir/style.err"
	echo $? >"$fdir/style.st"
	fc_expect style "the style's family changed" 0 "caratteri: assente xc/verbale/fonts-[0-9a-f]\{16\}
scritta xc/verbale/fonts-[0-9a-f]\{16\}"
	if python3 tests/embedded_fonts.py "$fdir/style/torino-2022-02-23.pdf" | grep '^DejaVuSerif ' >/dev/null &&
		! python3 tests/embedded_fonts.py "$fdir/style/torino-2022-02-23.pdf" | grep '^LiberationSerif' >/dev/null; then
		pass
	else
		fail "fonts cache: the style's family changed: $(python3 tests/embedded_fonts.py "$fdir/style/torino-2022-02-23.pdf" 2>&1 | head -n 5)"
	fi
	fc_render again lib2-first
	fc_expect again "the first style again" 0 "caratteri: usata xc/verbale/fonts-[0-9a-f]\{16\}"
	# hostile cache files: garbage, truncated, a face's file that does not exist, a face's line
	# pointing at another file (with its state): each a miss, the same bytes, the file written
	# again
	cp "$cachefile" "$fdir/good.cache"
	for bad in garbage truncated nonexistent otherfile; do
		case $bad in
		garbage) head -c 3000 /dev/urandom >"$cachefile" ;;
		truncated) head -c $(($(stat -c %s "$fdir/good.cache") - 40)) "$fdir/good.cache" >"$cachefile" ;;
		nonexistent) sed "s#^face 0 0 .*#face 0 0 /nonexistent/LiberationSerif-Regular.ttf#; s#^\(S [0-9 ]*\) $lib2/LiberationSerif-Regular.ttf\$#\1 /nonexistent/LiberationSerif-Regular.ttf#" "$fdir/good.cache" >"$cachefile" ;;
		otherfile) sed "s#^face 0 0 .*#face 0 0 $lib1/LiberationSerif-Regular.ttf#" "$fdir/good.cache" >"$cachefile" ;;
		esac
		fc_render "bad-$bad" lib2-first
		if [ "$(cat "$fdir/bad-$bad.st")" = 0 ] && grep -q "^verbale: cache: caratteri: non valida" "$fdir/bad-$bad.err" &&
			grep -q "^verbale: cache: scritta " "$fdir/bad-$bad.err" && cmp -s "$fdir/good.cache" "$cachefile"; then
			pass
		else
			fail "fonts cache: a $bad cache file: exit $(cat "$fdir/bad-$bad.st"), $(head -c 300 "$fdir/bad-$bad.err")"
		fi
		fc_same "bad-$bad" nocache "a $bad cache file"
	done
	# a cache folder that cannot be made (its parent is a file), or no HOME and no
	# XDG_CACHE_HOME: the same minutes, exit 0, nothing on stderr
	: >"$fdir/afile"
	env XDG_CACHE_HOME="$fdir/afile/cache" FONTCONFIG_FILE="$fdir/lib2-first.conf" \
		"$bin" render -f pdf -o "$fdir/ro" samples/torino-2022-02-23.yaml 2>"$fdir/ro.err"
	st=$?
	if [ $st = 0 ] && [ ! -s "$fdir/ro.err" ]; then pass; else fail "fonts cache: an unwritable cache folder: exit $st, $(head -c 300 "$fdir/ro.err")"; fi
	fc_same ro nocache "an unwritable cache folder"
	env -u XDG_CACHE_HOME -u HOME FONTCONFIG_FILE="$fdir/lib2-first.conf" VERBALE_DEBUG_CACHE=1 \
		"$bin" render -f pdf -o "$fdir/nohome" samples/torino-2022-02-23.yaml 2>"$fdir/nohome.err"
	st=$?
	if [ $st = 0 ] && [ ! -s "$fdir/nohome.err" ]; then pass; else fail "fonts cache: no HOME: exit $st, $(head -c 300 "$fdir/nohome.err")"; fi
	fc_same nohome nocache "no HOME"
fi
