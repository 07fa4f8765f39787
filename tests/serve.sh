# serve.sh, sourced by run.sh after watch.sh (section watch): `verbale watch --serve PORT`, the
# live preview on 127.0.0.1. The page and its change after a save; the event stream read with
# curl; only the page, its images and the events served (path escapes, files of the folder not
# named by the page, a link leading outside), GET and HEAD only; a broken save's banner, in the
# page and in a headless Chromium screenshot, gone after the fix; the port's errors; SIGINT with
# a stream open. Needs curl and chromium (a missing one fails). Uses run.sh's pass, fail, $out,
# $bin, $top and watch.sh's watch_until and watch_hms. About 20 s (Chromium is most of it).
sv=$out/serve
sv_yaml=$sv/s/torino-2022-02-23.yaml
rm -rf "$sv"
mkdir -p "$sv/s" "$sv/home"
cp "$top/samples/torino-2022-02-23.yaml" "$top/samples/torino-2022-02-23-allegato-a.md" "$sv/s/"
cp "$sv_yaml" "$sv/orig.yaml"
cp "$top/tests/images/stemma.png" "$sv/s/"
printf 'root:x:0:0:fuori dalla cartella\n' >"$sv/fuori.png"
ln -s /etc/passwd "$sv/s/collegamento.png"
# the templates, with a page that names images: one in the session's folder (served), the
# others not to be served (outside the folder, through a link, a session file, "..")
cp -r "$top/templates" "$sv/modelli"
sed 's|^<body>$|<body>\n<img src="stemma.png" alt=""><img src="../fuori.png" alt=""><img src="collegamento.png" alt=""><img src="torino-2022-02-23.yaml" alt=""><img src="x/%2e%2e/%2e%2e/fuori.png" alt="">|' \
	"$top/templates/pagina.mustache" >"$sv/modelli/pagina.mustache"

# sv_save FROM TO: the session file with FROM replaced by TO (sed), saved as editors do.
sv_save() {
	sed "s/$1/$2/" "$sv/orig.yaml" >"$sv/s/.swp" && mv "$sv/s/.swp" "$sv_yaml"
}
sv_count() {
	sv_k=$(grep -c "^${watch_hms}verbale: $1" "$sv/err" 2>/dev/null)
	echo "${sv_k:-0}"
}
sv_more() { [ "$(sv_count "$1")" -gt "$2" ]; }
# sv_get PATH FILE [CURL OPTIONS...]: the status of GET PATH (as it is: --path-as-is), its body
# into FILE.
sv_get() {
	sv_p=$1 sv_f=$2
	shift 2
	curl -s --path-as-is --max-time 10 -o "$sv_f" -w '%{http_code}' "$@" "http://127.0.0.1:$sv_port$sv_p"
}
# Start the watcher on a random port; another one when that was taken (exit 3). Sets sv_port.
sv_start() {
	for sv_try in 1 2 3 4 5; do
		sv_port=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
		rm -f "$sv/err" "$sv/status"
		(
			"$bin" watch "$sv_yaml" -o "$sv/o" --template "$sv/modelli" --serve "$sv_port" 2>"$sv/err" &
			echo $! >"$sv/pid"
			wait $!
			echo $? >"$sv/status"
		) &
		sv_job=$!
		sv_n=50
		while [ $sv_n -gt 0 ]; do
			sv_more aggiornat 0 && return 0
			[ -s "$sv/status" ] && break
			sleep 0.1
			sv_n=$((sv_n - 1))
		done
		wait "$sv_job"
		grep -q 'è già in uso' "$sv/err" || return 1
	done
	return 1
}
# Chromium's screenshot of the page: how many strongly red pixels in its top 60 rows.
sv_shot() {
	rm -f "$sv/$1.png"
	HOME=$sv/home timeout 90 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$sv/home/chromium" \
		--screenshot="$sv/$1.png" --window-size=1000,800 "http://127.0.0.1:$sv_port/" >"$sv/$1.log" 2>&1
	if [ -s "$sv/$1.png" ]; then python3 "$top/tests/png_red.py" "$sv/$1.png" 60; else echo none; fi
}

if ! command -v curl >/dev/null; then
	fail "serve: curl is missing (Debian package curl; make deps installs it)"
elif ! sv_start; then
	fail "serve: watch --serve did not start within 5 s: $(tail -n 3 "$sv/err" 2>/dev/null)"
	[ -s "$sv/pid" ] && kill -KILL "$(cat "$sv/pid")" 2>/dev/null
else
	sv_pid=$(cat "$sv/pid")
	sv_url="http://127.0.0.1:$sv_port/"

	# 1. the page: the minutes, the script; the address in the log; listening on 127.0.0.1 alone
	sv_hex=$(printf '%04X' "$sv_port")
	if [ "$(sv_get / "$sv/p1.html")" = 200 ] && grep -q 'PRESENTAZIONE LINEE PROGRAMMATICHE' "$sv/p1.html" &&
		grep -q 'new EventSource("/events")' "$sv/p1.html" && grep -q 'var gen = "1"' "$sv/p1.html" &&
		! grep -q 'verbale-errori' "$sv/p1.html" && [ -s "$sv/o/torino-2022-02-23.html" ] &&
		grep -qx "${watch_hms}verbale: anteprima su $sv_url" "$sv/err" &&
		[ "$(awk -v p=":$sv_hex" '$4 == "0A" && substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp /proc/net/tcp6)" = "0100007F:$sv_hex" ]; then
		pass
	else
		fail "serve: the first page, its script or the log: $(head -c 300 "$sv/p1.html"); $(tail -n 2 "$sv/err")"
	fi

	# 2. an event after a save, and the new page (with the next render's number)
	curl -sN --max-time 10 "${sv_url}events" >"$sv/ev1" 2>/dev/null &
	sv_curl=$!
	watch_until 30 grep -q '^data: 1$' "$sv/ev1"
	sv_c=$(sv_count aggiornat)
	sv_save 'PRESENTAZIONE LINEE PROGRAMMATICHE' 'PRESENTAZIONE NUOVE LINEE PROGRAMMATICHE'
	watch_until 30 grep -q '^data: 2$' "$sv/ev1"
	sv_get / "$sv/p2.html" >/dev/null
	kill "$sv_curl" 2>/dev/null
	wait "$sv_curl" 2>/dev/null
	if [ "$(head -n 10 "$sv/ev1")" = "$(printf 'retry: 1000\n\nevent: aggiornato\nid: 1\ndata: 1\n\nevent: aggiornato\nid: 2\ndata: 2\n')" ] &&
		! tail -n +11 "$sv/ev1" | grep -qv '^\(: keepalive\)\{0,1\}$' &&
		sv_more aggiornat "$sv_c" && grep -q 'PRESENTAZIONE NUOVE LINEE PROGRAMMATICHE' "$sv/p2.html" &&
		grep -q 'var gen = "2"' "$sv/p2.html"; then
		pass
	else
		fail "serve: no event or no new page after a save: $(tr '\n' '|' <"$sv/ev1"); $(tail -n 2 "$sv/err")"
	fi

	# 3. an idle stream says it is alive every 3 s (read meanwhile: 4, 5, 6 and 7 change nothing)
	curl -sN --max-time 4.5 "${sv_url}events" >"$sv/ev3" 2>/dev/null &
	sv_curl=$!

	# 4. nothing but the page, the events and the page's image in the folder: 404 for the rest
	sv_bad=
	for u in "/../../../../etc/passwd" "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" "/..%2f..%2f..%2f..%2fetc/passwd" \
		"/../fuori.png" "/fuori.png" "/%2e%2e/fuori.png" "/collegamento.png" "/torino-2022-02-23.yaml" \
		"/torino-2022-02-23.pdf" "/torino-2022-02-23.html" "/x/%2e%2e/%2e%2e/fuori.png" "/s/" "/o/" \
		"//etc/passwd" "/index.html" "/events/x" "/stemma.png/" "/./stemma.png"; do
		c=$(sv_get "$u" "$sv/body")
		if [ "$c" != 404 ] || grep -q 'root:' "$sv/body"; then sv_bad="$sv_bad $u:$c"; fi
	done
	sv_type=$(curl -s --max-time 10 -o "$sv/stemma.png" -w '%{http_code} %{content_type}' "${sv_url}stemma.png")
	if [ -z "$sv_bad" ] && [ "$sv_type" = "200 image/png" ] && cmp -s "$sv/stemma.png" "$sv/s/stemma.png"; then
		pass
	else
		fail "serve: served what it must not, or not the page's image:$sv_bad; stemma.png: $sv_type"
	fi

	# 5. GET and HEAD only: 405 with Allow; HEAD has the headers and no body (a raw socket);
	# a Host naming another machine is refused
	sv_bad=
	for m in DELETE POST PUT OPTIONS PATCH TRACE; do
		c=$(curl -s --max-time 10 -X "$m" -d x=1 -o "$sv/body" -D "$sv/hdr" -w '%{http_code}' "$sv_url")
		if [ "$c" != 405 ] || ! grep -qi '^Allow: GET, HEAD' "$sv/hdr"; then sv_bad="$sv_bad $m:$c"; fi
	done
	sv_head=$(python3 - "$sv_port" <<'PY'
import socket, sys
out = []
for path in ("/", "/events", "/stemma.png"):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
    s.sendall(b"HEAD " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1:" + sys.argv[1].encode() + b"\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    ctype = [l.split(":", 1)[1].strip() for l in lines if l.lower().startswith("content-type:")]
    out.append("%s %s %s %d" % (path, lines[0], ctype[0] if ctype else "-", len(body)))
print("|".join(out))
PY
	)
	sv_host=$(curl -s --max-time 10 -o /dev/null -w '%{http_code}' -H "Host: example.org:$sv_port" "$sv_url")
	if [ -z "$sv_bad" ] && [ "$sv_host" = 403 ] &&
		[ "$sv_head" = "/ HTTP/1.1 200 OK text/html; charset=utf-8 0|/events HTTP/1.1 200 OK text/event-stream 0|/stemma.png HTTP/1.1 200 OK image/png 0" ]; then
		pass
	else
		fail "serve: methods:$sv_bad; HEAD: $sv_head; another Host: $sv_host"
	fi

	# 6. the port: a bad value is a usage error (2), a port taken is the environment's (3),
	# before anything is rendered
	sv_bad=
	for p in 0 65536 abc -1 8080x 1e3 ''; do
		"$bin" watch "$sv_yaml" -o "$sv/o2" --serve="$p" >/dev/null 2>"$sv/e2"
		st=$?
		if [ $st != 2 ] || ! grep -qx "verbale: errore: --serve vuole il numero di una porta da 1 a 65535, non '$p'" "$sv/e2"; then
			sv_bad="$sv_bad '$p':$st"
		fi
	done
	"$bin" watch "$sv_yaml" -o "$sv/o2" --serve >/dev/null 2>"$sv/e2"
	st=$?
	grep -qx "verbale: errore: l'opzione '--serve' vuole un valore" "$sv/e2" && [ $st = 2 ] || sv_bad="$sv_bad (none):$st"
	"$bin" watch "$sv_yaml" -o "$sv/o2" --serve "$sv_port" >/dev/null 2>"$sv/e3"
	st=$?
	if [ -z "$sv_bad" ] && [ $st = 3 ] && [ ! -e "$sv/o2" ] &&
		[ "$(grep -v '^[0-9:]* verbale: sorveglio' "$sv/e3")" = "verbale: errore: impossibile servire l'anteprima sulla porta $sv_port di 127.0.0.1: è già in uso; sceglierne un'altra con --serve" ]; then
		pass
	else
		fail "serve: the port's errors:$sv_bad; taken: exit $st, $(head -c 300 "$sv/e3")"
	fi

	wait "$sv_curl"
	if [ "$(cat "$sv/ev3")" = "$(printf 'retry: 1000\n\nevent: aggiornato\nid: 2\ndata: 2\n\n: keepalive\n')" ]; then
		pass
	else
		fail "serve: an idle stream, 4.5 s: $(tr '\n' '|' <"$sv/ev3")"
	fi

	# 7. a broken save: an "errori" event, the last good text under the banner with the error at
	# its position, escaped; in Chromium, a red band at the top
	curl -sN --max-time 10 "${sv_url}events" >"$sv/ev2" 2>/dev/null &
	sv_curl=$!
	watch_until 30 grep -q '^data: 2$' "$sv/ev2"
	sv_e=$(sv_count errori)
	sed -e 's/^  presidente: Lo Russo$/  presidente: Lo Rosso/' \
		-e 's/PRESENTAZIONE LINEE PROGRAMMATICHE/PRESENTAZIONE LINEE ROTTE/' \
		"$sv/orig.yaml" >"$sv/s/.swp" && mv "$sv/s/.swp" "$sv_yaml"
	watch_until 30 sv_more errori "$sv_e"
	watch_until 30 grep -q '^data: 3$' "$sv/ev2"
	sv_get / "$sv/p3.html" >/dev/null
	kill "$sv_curl" 2>/dev/null
	wait "$sv_curl" 2>/dev/null
	if grep -q '^event: errori$' "$sv/ev2" && grep -q '^data: 3$' "$sv/ev2" &&
		grep -q '<div id="verbale-errori" role="alert" style="position:fixed;top:0;' "$sv/p3.html" &&
		grep -qF "<li>$sv_yaml:17:15: errore: &#39;Lo Rosso&#39; non è un componente; forse &#39;Stefano Lo Russo&#39;?</li>" "$sv/p3.html" &&
		grep -q 'PRESENTAZIONE NUOVE LINEE PROGRAMMATICHE' "$sv/p3.html" && ! grep -q 'LINEE ROTTE' "$sv/p3.html" &&
		grep -q 'var gen = "3"' "$sv/p3.html"; then
		pass
	else
		fail "serve: a broken save: no event, no banner or not the last good text: $(tr '\n' '|' <"$sv/ev2"); $(grep -o '<li>[^<]*</li>' "$sv/p3.html" | head -n 2)"
	fi
	if ! command -v chromium >/dev/null; then
		fail "serve: chromium is missing (Debian package chromium; make deps installs it): the banner is not seen"
		sv_red=
	else
		sv_red=$(sv_shot broken)
		case $sv_red in
		none | '') fail "serve: Chromium wrote no screenshot: $(tail -n 3 "$sv/broken.log")" ;;
		*) if [ "$sv_red" -gt 20000 ]; then pass; else fail "serve: Chromium shows no red banner after a broken save ($sv_red red pixels in the top 60 rows)"; fi ;;
		esac
	fi

	# 8. fixed: the banner is gone, in the page and in Chromium
	sv_c=$(sv_count aggiornat)
	sv_save 'PRESENTAZIONE LINEE PROGRAMMATICHE' 'PRESENTAZIONE LINEE PROGRAMMATICHE CORRETTE'
	watch_until 30 sv_more aggiornat "$sv_c"
	sv_get / "$sv/p4.html" >/dev/null
	if ! grep -q 'verbale-errori\|role="alert"' "$sv/p4.html" && grep -q 'LINEE PROGRAMMATICHE CORRETTE' "$sv/p4.html" &&
		grep -q 'var gen = "4"' "$sv/p4.html"; then
		pass
	else
		fail "serve: the fixed save: the banner stays or no new text: $(grep -o '<li>[^<]*</li>' "$sv/p4.html" | head -n 2)"
	fi
	if [ -n "$sv_red" ]; then
		sv_red=$(sv_shot fixed)
		case $sv_red in
		none | '') fail "serve: Chromium wrote no screenshot after the fix: $(tail -n 3 "$sv/fixed.log")" ;;
		*) if [ "$sv_red" -lt 100 ]; then pass; else fail "serve: Chromium still shows red after the fix ($sv_red red pixels)"; fi ;;
		esac
	fi

	# 9. SIGINT with a stream open: status 0, the stream ended
	curl -sN --max-time 20 "${sv_url}events" >"$sv/ev4" 2>/dev/null &
	sv_curl=$!
	watch_until 30 grep -q '^data: 4$' "$sv/ev4"
	kill -INT "$sv_pid"
	if watch_until 30 test -s "$sv/status" && [ "$(cat "$sv/status")" = 0 ] &&
		watch_until 20 sh -c "! kill -0 $sv_curl 2>/dev/null" && ! grep -q Sanitizer "$sv/err"; then
		pass
	else
		fail "serve: SIGINT with a stream open: status '$(cat "$sv/status" 2>/dev/null)': $(tail -n 3 "$sv/err")"
		kill -KILL "$sv_pid" "$sv_curl" 2>/dev/null
	fi
	wait "$sv_curl" 2>/dev/null
fi
[ -n "${sv_job:-}" ] && wait "$sv_job" 2>/dev/null
