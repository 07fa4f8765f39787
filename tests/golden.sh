# golden.sh: sourced by run.sh and regen.sh. Golden files: the presence of an expected file
# selects its check. For a session DIR/NAME.yaml the expected files sit in the golden folder
# paired with DIR: NAME.check (stdout of check), NAME.json (check --json), NAME.err (stderr of
# check and its exit status), NAME.md and NAME.html (what render writes), NAME.md-err (stderr
# of render -f md and its exit status), NAME.pdf-err (the same for render -f pdf), NAME.atti
# (the documents render --atti --copia -f md writes besides NAME.md, one after the other, each
# under its name) and NAME.atti-err (its stderr and exit status). A folder
# DIR/NAME.modelli beside the session is its templates' folder: the renders take
# --template NAME.modelli (for the messages of the templates and of stile.yaml).
# tests/README.md has the table.
golden_pairs="tests/golden:tests/golden tests/errors:tests/errors samples:tests/golden/samples tests/images:tests/images tests/chiavi:tests/chiavi"
golden_kinds="check json err md html md-err pdf-err atti atti-err"

# golden_actual KIND DIR NAME TMP: print what the check of KIND gives for DIR/NAME.yaml.
# Exit statuses other than 0 and 1 (a crash, a sanitizer report) show up in the output.
golden_actual() {
	rm -rf "$4" && mkdir -p "$4"
	tmpl=
	[ ! -d "$2/$3.modelli" ] || tmpl="--template $3.modelli"
	case $1 in
	check) (cd "$2" && "$bin" check "$3.yaml" 2>/dev/null || [ $? = 1 ] || echo "[exit $?]") ;;
	json) (cd "$2" && "$bin" check --json "$3.yaml" 2>/dev/null || [ $? = 1 ] || echo "[exit $?]") ;;
	err) (cd "$2" && "$bin" check "$3.yaml" 2>&1 >/dev/null; echo "[exit $?]") ;;
	md | html)
		(cd "$2" && "$bin" render -f "$1" $tmpl -o "$4" "$3.yaml" >/dev/null 2>"$4/stderr") ||
			echo "[exit $?: $(head -c 300 "$4/stderr")]"
		cat "$4/$3.$1" 2>/dev/null
		;;
	md-err) (cd "$2" && "$bin" render -f md $tmpl -o "$4" "$3.yaml" 2>&1 >/dev/null; echo "[exit $?]") ;;
	pdf-err) (cd "$2" && "$bin" render -f pdf $tmpl -o "$4" "$3.yaml" 2>&1 >/dev/null; echo "[exit $?]") ;;
	atti)
		(cd "$2" && "$bin" render --atti --copia -f md $tmpl -o "$4" "$3.yaml" >/dev/null \
			2>"$4/stderr") || echo "[exit $?: $(head -c 300 "$4/stderr")]"
		for f in "$4/$3"-*.md; do
			[ -f "$f" ] || continue
			echo "=== $(basename "$f") ==="
			cat "$f"
		done
		;;
	atti-err) (cd "$2" && "$bin" render --atti --copia -f md $tmpl -o "$4" "$3.yaml" 2>&1 >/dev/null; echo "[exit $?]") ;;
	esac
}

# golden_each FN WORK: for each expected file, write what its check gives into WORK.actual
# (WORK as golden_actual's TMP) and call FN EXPECTED WORK.actual.
golden_each() {
	for pair in $golden_pairs; do
		dir=${pair%%:*} gdir=${pair#*:}
		for y in "$dir"/*.yaml; do
			[ -f "$y" ] || continue
			name=$(basename "$y" .yaml)
			for kind in $golden_kinds; do
				[ -f "$gdir/$name.$kind" ] || continue
				golden_actual $kind "$dir" "$name" "$2" >"$2.actual" 2>&1
				$1 "$gdir/$name.$kind" "$2.actual"
			done
		done
	done
}
