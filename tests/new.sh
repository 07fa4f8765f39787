# new.sh: sourced by run.sh (pass, fail, cmdline, $out, $bin, $top). verbale new, and the JSON Schema
# of the session file against the loader (tests/schema_check.py).
rm -rf "$out/new"
mkdir -p "$out/new"

# On stdout: the scaffold, which check accepts without a word on stderr.
"$bin" new >"$out/new/stdout.yaml" 2>"$out/new/stdout.err"
st=$?
if [ $st = 0 ] && [ ! -s "$out/new/stdout.err" ] && cmp -s "$out/new/stdout.yaml" "$top/templates/nuova-seduta.yaml" &&
	(cd "$out/new" && "$bin" check stdout.yaml >/dev/null 2>check.err) && [ ! -s "$out/new/check.err" ]; then
	pass
else
	fail "verbale new on stdout: exit $st, then check: $(head -c 300 "$out/new/stdout.err" "$out/new/check.err" 2>/dev/null)"
fi

# Into a new file: the same text, and check accepts it.
"$bin" new "$out/new/seduta.yaml" >"$out/new/file.out" 2>"$out/new/file.err"
st=$?
if [ $st = 0 ] && [ ! -s "$out/new/file.out" ] && [ ! -s "$out/new/file.err" ] &&
	cmp -s "$out/new/seduta.yaml" "$top/templates/nuova-seduta.yaml" &&
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
