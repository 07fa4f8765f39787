# watch.sh, sourced by run.sh: `verbale watch` renders again at every save (of an annex, of the
# session file saved as editors do), keeps the last good output when a save is broken, and ends
# with status 0 on SIGINT. Uses run.sh's pass, fail, $out, $bin, $top. About 1 s (2 s under ASan).
watch_dir=$out/watch
watch_yaml=$watch_dir/s/torino-2022-02-23.yaml
watch_annex=$watch_dir/s/torino-2022-02-23-allegato-a.md
watch_pdf=$watch_dir/o/torino-2022-02-23.pdf
watch_md=$watch_dir/o/torino-2022-02-23.md
rm -rf "$watch_dir"
mkdir -p "$watch_dir/s"
cp "$top/samples/torino-2022-02-23.yaml" "$top/samples/torino-2022-02-23-allegato-a.md" "$watch_dir/s/"
cp "$watch_yaml" "$watch_dir/orig.yaml"

# watch_until TENTHS COMMAND...: true as soon as COMMAND succeeds, trying for TENTHS/10 s.
watch_until() {
	watch_n=$1
	shift
	while [ "$watch_n" -gt 0 ]; do
		"$@" && return 0
		sleep 0.1
		watch_n=$((watch_n - 1))
	done
	"$@"
}
# Watch's own lines start with the local time (TZ=UTC here): HH:MM:SS and a space.
watch_hms='[0-2][0-9]:[0-5][0-9]:[0-5][0-9] '
# The number of status lines "verbale: aggiornat..." (a render that wrote) or "verbale: errori".
watch_count() {
	watch_k=$(grep -c "^${watch_hms}verbale: $1" "$watch_dir/err" 2>/dev/null)
	echo "${watch_k:-0}" # 0 too while the watcher has not yet created its log
}
watch_more() { [ "$(watch_count "$1")" -gt "$2" ]; }
# The session file with another luogo, saved as editors do: a temporary file renamed over it.
watch_save() {
	while IFS= read -r watch_l; do
		case $watch_l in "  luogo: "*) watch_l="  luogo: \"$1\"" ;; esac
		printf '%s\n' "$watch_l"
	done <"$watch_dir/orig.yaml" >"$watch_dir/s/.torino-2022-02-23.yaml.swp" &&
		mv "$watch_dir/s/.torino-2022-02-23.yaml.swp" "$watch_yaml"
}

watch_t0=$(date +%s)
(
	"$bin" watch "$watch_yaml" -o "$watch_dir/o" -f pdf,md 2>"$watch_dir/err" &
	echo $! >"$watch_dir/pid"
	wait $!
	echo $? >"$watch_dir/status"
) &
watch_job=$!
if watch_until 50 watch_more aggiornat 0 && [ -s "$watch_pdf" ] && [ -s "$watch_md" ]; then
	pass
	watch_pid=$(cat "$watch_dir/pid")

	# 1. an annex gets a paragraph
	watch_c=$(watch_count aggiornat)
	cp "$watch_pdf" "$watch_dir/before.pdf"
	printf '\nUn paragrafo aggiunto mentre verbale sorveglia.\n' >>"$watch_annex"
	if watch_until 20 watch_more aggiornat "$watch_c" && ! cmp -s "$watch_pdf" "$watch_dir/before.pdf" &&
		grep -q 'Un paragrafo aggiunto mentre verbale sorveglia' "$watch_md"; then
		pass
	else
		fail "watch: no new minutes 2 s after an annex was saved: $(tail -n 3 "$watch_dir/err")"
	fi

	# 2. the session file is saved as editors do (a temporary file renamed over it)
	watch_c=$(watch_count aggiornat)
	cp "$watch_pdf" "$watch_dir/before.pdf"
	watch_save "Sala Rossa di Palazzo Cisterna"
	if watch_until 20 watch_more aggiornat "$watch_c" && ! cmp -s "$watch_pdf" "$watch_dir/before.pdf" &&
		grep -q 'Sala Rossa di Palazzo Cisterna' "$watch_md"; then
		pass
	else
		fail "watch: no new minutes 2 s after the session file was renamed over: $(tail -n 3 "$watch_dir/err")"
	fi

	# 3. a broken save: the error with its position, and the last good minutes stay
	watch_c=$(watch_count aggiornat)
	cp "$watch_pdf" "$watch_dir/good.pdf"
	cp "$watch_md" "$watch_dir/good.md"
	printf 'ente: [unclosed\n' >"$watch_yaml"
	watch_until 10 watch_more errori 0
	if cmp -s "$watch_pdf" "$watch_dir/good.pdf" && cmp -s "$watch_md" "$watch_dir/good.md" &&
		[ "$(watch_count aggiornat)" = "$watch_c" ] &&
		grep -q "^$watch_yaml:[0-9][0-9]*:[0-9][0-9]*: errore: " "$watch_dir/err" &&
		grep -q "^${watch_hms}verbale: errori" "$watch_dir/err"; then
		pass
	else
		fail "watch: a broken save replaced the minutes, or no FILE:LINE:COL error: $(tail -n 3 "$watch_dir/err")"
	fi

	# 3b. a save with a loading error (a presidente not among componenti): only that error, not
	# the templates' made-up ones, and the last good minutes stay
	watch_e=$(watch_count errori)
	sed 's/^  presidente: Lo Russo$/  presidente: Lo Rosso/' "$watch_dir/orig.yaml" >"$watch_dir/s/.torino-2022-02-23.yaml.swp" &&
		mv "$watch_dir/s/.torino-2022-02-23.yaml.swp" "$watch_yaml"
	watch_until 20 watch_more errori "$watch_e"
	if [ "$(watch_count errori)" -gt "$watch_e" ] && cmp -s "$watch_md" "$watch_dir/good.md" &&
		grep -Fxq "$watch_yaml:17:15: errore: 'Lo Rosso' non è un componente; forse 'Stefano Lo Russo'?" "$watch_dir/err" &&
		! grep -q "variabile sconosciuta" "$watch_dir/err"; then
		pass
	else
		fail "watch: a misspelled presidente: $(tail -n 3 "$watch_dir/err")"
	fi

	# 4. fixed again: new minutes
	watch_save "Sala Bianca"
	if watch_until 20 watch_more aggiornat "$watch_c" && ! cmp -s "$watch_pdf" "$watch_dir/good.pdf" &&
		grep -q 'Sala Bianca' "$watch_md"; then
		pass
	else
		fail "watch: no new minutes 2 s after the broken file was fixed: $(tail -n 3 "$watch_dir/err")"
	fi

	# 5. SIGINT ends it with status 0
	kill -INT "$watch_pid"
	if watch_until 20 test -s "$watch_dir/status" && [ "$(cat "$watch_dir/status")" = 0 ]; then
		pass
	else
		fail "watch: SIGINT: not ended within 2 s with status 0 (status '$(cat "$watch_dir/status" 2>/dev/null)'): $(tail -n 3 "$watch_dir/err")"
		kill -KILL "$watch_pid" 2>/dev/null
	fi

	# 5b. every line of watch's own starts with the local time (TZ=UTC), that of its start at
	# the first; the diagnostics keep their FILE:LINE:COL form
	watch_first=$(head -n 1 "$watch_dir/err" | cut -c1-8)
	watch_late=$(( ($(date -d "1970-01-01 $watch_first UTC" +%s 2>/dev/null || echo 0) - watch_t0 % 86400 + 86400) % 86400 ))
	if ! grep -v "^${watch_hms}verbale: " "$watch_dir/err" | grep -qv "^$watch_yaml:[0-9]*:[0-9]*: " &&
		[ "$(grep -c "^${watch_hms}verbale: " "$watch_dir/err")" -ge 7 ] &&
		grep -q "^${watch_hms}verbale: sorveglio $watch_yaml, " "$watch_dir/err" && [ "$watch_late" -le 5 ]; then
		pass
	else
		fail "watch: a line without the time, or the time $watch_first not that of the start ($watch_late s late): $(grep -v "^${watch_hms}verbale: " "$watch_dir/err" | grep -v "^$watch_yaml:" | head -n 3)"
	fi
else
	fail "watch: no first minutes within 5 s: $(tail -n 3 "$watch_dir/err" 2>/dev/null)"
	[ -s "$watch_dir/pid" ] && kill -KILL "$(cat "$watch_dir/pid")" 2>/dev/null
fi
wait "$watch_job"

# 6. a session with a body file (file_organo, outside the session's folder: --radice): a save of
# the body file renders again; a broken one gives its error at the body file's line
wo=$watch_dir/organo
mkdir -p "$wo/arch/organi" "$wo/arch/2024"
cat >"$wo/organo.yaml" <<'YAML'
ente: Comune di Prova
organo: Consiglio comunale
componenti:
  - {cognome: Rossi, nome: Mario, ruolo: Sindaco}
  - {cognome: Bianchi, nome: Luca, ruolo: Consigliere}
YAML
cp "$wo/organo.yaml" "$wo/arch/organi/consiglio.yaml"
cp tests/organo/seduta.yaml "$wo/arch/2024/seduta.yaml"
watch_err=$wo/err
(
	"$bin" watch "$wo/arch/2024/seduta.yaml" --radice "$wo/arch" -o "$wo/o" -f md 2>"$watch_err" &
	echo $! >"$wo/pid"
	wait $!
) &
wo_job=$!
wo_count() { # like watch_count, in this watcher's log
	wo_k=$(grep -c "^${watch_hms}verbale: $1" "$watch_err" 2>/dev/null)
	echo "${wo_k:-0}"
}
wo_more() { [ "$(wo_count "$1")" -gt "$2" ]; }
if watch_until 50 wo_more aggiornat 0 && grep -q 'BIANCHI' "$wo/o/seduta.md"; then
	wo_pid=$(cat "$wo/pid")
	sed 's/Bianchi, nome: Luca/Bianchini, nome: Luca/' "$wo/organo.yaml" >"$wo/arch/organi/.swp" &&
		mv "$wo/arch/organi/.swp" "$wo/arch/organi/consiglio.yaml"
	if watch_until 20 wo_more aggiornat 1 && grep -q 'BIANCHINI' "$wo/o/seduta.md"; then
		pass
	else
		fail "watch: no new minutes 2 s after the body file was saved: $(tail -n 3 "$watch_err")"
	fi
	printf 'ente: Comune di Prova\ncomponenti: [\n' >"$wo/arch/organi/consiglio.yaml"
	if watch_until 20 wo_more errori 0 && grep -q 'BIANCHINI' "$wo/o/seduta.md" &&
		grep -q "^$wo/arch/2024/../organi/consiglio.yaml:[0-9]*:[0-9]*: errore: sintassi YAML" "$watch_err"; then
		pass
	else
		fail "watch: a broken body file: $(tail -n 3 "$watch_err")"
	fi
	cp "$wo/organo.yaml" "$wo/arch/organi/consiglio.yaml"
	if watch_until 20 wo_more aggiornat 2 && grep -q 'BIANCHI' "$wo/o/seduta.md" && ! grep -q 'BIANCHINI' "$wo/o/seduta.md"; then
		pass
	else
		fail "watch: no new minutes after the body file was fixed: $(tail -n 3 "$watch_err")"
	fi
	kill -INT "$wo_pid"
	watch_until 20 sh -c "! kill -0 $wo_pid 2>/dev/null" || kill -KILL "$wo_pid" 2>/dev/null
else
	fail "watch with a body file: no first minutes within 5 s: $(tail -n 3 "$watch_err" 2>/dev/null)"
	[ -s "$wo/pid" ] && kill -KILL "$(cat "$wo/pid")" 2>/dev/null
fi
wait "$wo_job"
