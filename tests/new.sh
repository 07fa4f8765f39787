# new.sh: sourced by run.sh (pass, fail, cmdline, $out, $bin, $top). verbale new, and the JSON Schema
# of the session file against the loader (tests/schema_check.py).
rm -rf "$out/new"
mkdir -p "$out/new"

# The scaffold's first line gives the editor the schema: the real path of the one beside the
# program (here the source tree's schema/), found at run time as the templates are.
schema=$(cd "$top/schema" && pwd -P)/verbale.schema.json
sed "s|{{schema}}|$schema|" "$top/templates/nuova-seduta.yaml" >"$out/new/want.yaml"
"$bin" new 2>/dev/null | head -n 1 >"$out/new/first"
if [ "$(cat "$out/new/first")" = "# yaml-language-server: \$schema=$schema" ] && [ -f "$schema" ]; then
	pass
else
	fail "verbale new's schema line: $(cat "$out/new/first")"
fi

# A program whose schema is nowhere beside it (its templates there, no schema/): the line is
# left out, not written with a path that does not exist.
mkdir -p "$out/new/solo"
cp "$bin" "$out/new/solo/verbale"
cp -r "$top/templates" "$out/new/solo/templates"
"$out/new/solo/verbale" new >"$out/new/solo.yaml" 2>"$out/new/solo.err"
st=$?
grep -v '{{schema}}' "$top/templates/nuova-seduta.yaml" >"$out/new/solo.want"
if [ $st = 0 ] && [ ! -s "$out/new/solo.err" ] && cmp -s "$out/new/solo.want" "$out/new/solo.yaml"; then
	pass
else
	fail "verbale new without a schema beside it: exit $st: $(head -n 2 "$out/new/solo.yaml")"
fi

# On stdout: the scaffold, which check accepts without a word on stderr.
"$bin" new >"$out/new/stdout.yaml" 2>"$out/new/stdout.err"
st=$?
if [ $st = 0 ] && [ ! -s "$out/new/stdout.err" ] && cmp -s "$out/new/stdout.yaml" "$out/new/want.yaml" &&
	(cd "$out/new" && "$bin" check stdout.yaml >/dev/null 2>check.err) && [ ! -s "$out/new/check.err" ]; then
	pass
else
	fail "verbale new on stdout: exit $st, then check: $(head -c 300 "$out/new/stdout.err" "$out/new/check.err" 2>/dev/null)"
fi

# Into a new file: the same text, and check accepts it.
"$bin" new "$out/new/seduta.yaml" >"$out/new/file.out" 2>"$out/new/file.err"
st=$?
if [ $st = 0 ] && [ ! -s "$out/new/file.out" ] && [ ! -s "$out/new/file.err" ] &&
	cmp -s "$out/new/seduta.yaml" "$out/new/want.yaml" &&
	(cd "$out/new" && "$bin" check seduta.yaml >/dev/null 2>check.err) && [ ! -s "$out/new/check.err" ]; then
	pass
else
	fail "verbale new FILE: exit $st: $(head -c 300 "$out/new/file.err")"
fi

# A file that exists is never overwritten: exit 1, the file as it was.
echo "# scritto a mano" >>"$out/new/seduta.yaml"
cp "$out/new/seduta.yaml" "$out/new/seduta.before"
"$bin" new "$out/new/seduta.yaml" >/dev/null 2>"$out/new/again.err"
st=$?
if [ $st = 1 ] && cmp -s "$out/new/seduta.yaml" "$out/new/seduta.before" &&
	grep -q "^verbale: errore: '.*seduta.yaml' esiste già: non viene sovrascritto" "$out/new/again.err"; then
	pass
else
	fail "verbale new on an existing file: exit $st (want 1), file changed or message: $(head -c 300 "$out/new/again.err")"
fi
# Nor a symbolic link, even a dangling one: nothing is created where it points.
ln -s "$out/new/target.yaml" "$out/new/link.yaml"
"$bin" new "$out/new/link.yaml" >/dev/null 2>"$out/new/link.err"
st=$?
if [ $st = 1 ] && [ ! -e "$out/new/target.yaml" ]; then pass; else fail "verbale new on a dangling symbolic link: exit $st"; fi

# The command line.
cmdline "new with two files" 2 "new scrive un solo file, non anche 'b.yaml'" new "$out/new/a.yaml" b.yaml
if [ ! -e "$out/new/a.yaml" ]; then pass; else fail "verbale new a b wrote a"; fi
cmdline "new, unknown option" 2 "opzione sconosciuta '--templat' per new; forse '--template'?" new --templat "$top/templates"
cmdline "new, a mistyped command" 2 "comando sconosciuto 'nwe'; forse 'new'?" nwe
cmdline "new, a templates folder without the scaffold" 3 "manca '.*tests/templates/breve/nuova-seduta.yaml', il modello di una nuova seduta" \
	new --template "$top/tests/templates/breve" "$out/new/breve.yaml"
if [ ! -e "$out/new/breve.yaml" ]; then pass; else fail "verbale new without a scaffold still wrote the file"; fi
cmdline "new into a missing folder" 3 "impossibile creare '.*nessuna/seduta.yaml': la cartella non esiste" new "$out/new/nessuna/seduta.yaml"
if [ -w /dev/full ]; then
	"$bin" new >/dev/full 2>"$out/new/full.err"
	st=$?
	if [ $st = 3 ] && grep -q "impossibile scrivere" "$out/new/full.err"; then pass; else fail "verbale new on a full disk: exit $st"; fi
fi

# --file-organo: a session that names the body file (relative to the session written), with
# everyone in office on the day (SOURCE_DATE_EPOCH's: 2022-02-23) present; check accepts it.
mkdir -p "$out/new/fo/organi"
cat >"$out/new/fo/organi/consiglio.yaml" <<'YAML'
ente: Comune di Prova
organo: Consiglio comunale
componenti:
  - {cognome: Rossi, nome: Mario, ruolo: Sindaco, id: sindaco}
  - {cognome: Bianchi, nome: Luca, ruolo: Consigliere, al: 2021-12-31}
  - {cognome: Verdi, nome: Anna, ruolo: Consigliera, dal: 2022-02-23}
  - {cognome: Neri, nome: Sara, ruolo: Consigliera, dal: 2023-01-01}
YAML
"$bin" new --file-organo organi/consiglio.yaml "$out/new/fo/seduta.yaml" >"$out/new/fo.out" 2>"$out/new/fo.err"
st=$?
if [ $st = 0 ] && [ ! -s "$out/new/fo.err" ] && grep -q '^file_organo: "organi/consiglio.yaml"' "$out/new/fo/seduta.yaml" &&
	grep -q '^  data: 2022-02-23 ' "$out/new/fo/seduta.yaml" && grep -q '^  presidente: "sindaco" ' "$out/new/fo/seduta.yaml" &&
	grep -q 'Anna Verdi' "$out/new/fo/seduta.yaml" && ! grep -q 'Bianchi\|Neri' "$out/new/fo/seduta.yaml" &&
	! grep -q '^ente:\|^componenti:\|^assenti:' "$out/new/fo/seduta.yaml" &&
	(cd "$out/new/fo" && "$bin" check seduta.yaml >check.out 2>check.err) && [ ! -s "$out/new/fo/check.err" ] &&
	grep -q 'componenti 2, assegnati 2' "$out/new/fo/check.out" && grep -q '^    1     2    2    2 ' "$out/new/fo/check.out"; then
	pass
else
	fail "verbale new --file-organo: exit $st: $(head -c 300 "$out/new/fo.err" "$out/new/fo/check.err" 2>/dev/null)"
fi
# on stdout, the path relative to the current folder
(cd "$out/new/fo" && "$bin" new --file-organo organi/consiglio.yaml) >"$out/new/fo-stdout.yaml" 2>"$out/new/fo-stdout.err"
st=$?
if [ $st = 0 ] && cmp -s "$out/new/fo-stdout.yaml" "$out/new/fo/seduta.yaml"; then pass; else fail "verbale new --file-organo on stdout: exit $st: $(head -c 300 "$out/new/fo-stdout.err")"; fi
# a body file that is not there: exit 1, nothing written
cmdline "new --file-organo, a missing body file" 1 "new/organi/nessuno.yaml: errore: il file .*new/organi/nessuno.yaml. non esiste" \
	new --file-organo organi/nessuno.yaml "$out/new/fo-nessuno.yaml"
if [ ! -e "$out/new/fo-nessuno.yaml" ]; then pass; else fail "verbale new --file-organo with a missing body file wrote the file"; fi
cmdline "new --file-organo without its value" 2 "l'opzione '--file-organo' vuole un valore" new --file-organo

# The JSON Schema agrees with the loader: valid files (the scaffold too), invalid ones, limits.
# Debian's /usr/bin/python3 has python3-jsonschema and python3-ruamel.yaml (make deps).
# Each file that both agree on is one check.
/usr/bin/python3 "$top/tests/schema_check.py" "$bin" >"$out/new/schema.log" 2>&1
st=$?
agree=$(grep -c '^ok ' "$out/new/schema.log")
passed=$((passed + agree))
if [ $st = 0 ] && [ "$agree" -ge 60 ]; then
	pass
else
	fail "tests/schema_check.py: exit $st, $agree agree: $(grep -v '^ok ' "$out/new/schema.log" | head -n 10)"
fi
