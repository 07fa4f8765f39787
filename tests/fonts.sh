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
