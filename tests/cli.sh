# cli.sh: sourced by run.sh (section cli; pass, fail, cmdline, $out, $bin, $top, $shared). The
# command line (usage errors exit 2, environment errors 3), render (templates from another
# folder, -o created, template errors, nothing written on errors), the reference minutes.
cmdline "no arguments" 2 "uso: verbale" 
cmdline "unknown command" 2 "comando sconosciuto 'chek'; forse 'check'?" chek x.yaml
cmdline "unknown option" 2 "opzione sconosciuta '--jsn' per check; forse '--json'?" check --jsn x.yaml
cmdline "no file" 2 "manca il file della seduta" check --json
cmdline "missing file" 1 "^nessuno.yaml: errore: il file 'nessuno.yaml' non esiste: controllare il nome e la cartella$" check nessuno.yaml
mkdir -p "$out/una-cartella.yaml"
cmdline "unreadable file" 3 "una-cartella.yaml: errore: impossibile leggere '.*': è una cartella: indicare un file$" check "$out/una-cartella.yaml"
if [ "$(cat "$out/cl.out")" = "$(printf '%s\n  %s' "$out/una-cartella.yaml" "nessun dato: il file non si può leggere o non è una seduta (vedere gli errori)")" ]; then
	pass
else
	fail "check of an unreadable file prints: $(cat "$out/cl.out")"
fi
if [ -w /dev/full ]; then
	"$bin" check samples/torino-2022-02-23.yaml >/dev/full 2>"$out/full.err"
	st=$?
	if [ $st = 3 ] && grep -q "impossibile scrivere" "$out/full.err"; then pass; else fail "stdout on a full disk: exit $st"; fi
fi
head -c 17000000 /dev/zero | tr '\0' 'a' | sed 's/^/ente: /' >"$out/huge.yaml"
cmdline "file over 16 MiB" 1 "huge.yaml: errore: il file è di 17000006 byte, oltre il limite di 16 MiB: ridurlo o dividerlo in più file" check "$out/huge.yaml"
rm -f "$out/huge.yaml"
# The reference sample names Cogno; a copy that says Cagno in a vote list is refused there.
mkdir -p "$out/cagno"
cp samples/torino-2022-02-23-allegato-a.md "$out/cagno/"
sed '0,/favorevoli: \[Cambursano, Cera, Cogno/s//favorevoli: [Cambursano, Cera, Cagno/' \
	samples/torino-2022-02-23.yaml >"$out/cagno/torino.yaml"
(cd "$out/cagno" && "$bin" check torino.yaml >/dev/null 2>cagno.err)
st=$?
if [ $st = 1 ] && [ "$(cat "$out/cagno/cagno.err")" = "torino.yaml:101:40: errore: 'Cagno' non è un componente; forse 'Cogno'?" ]; then
	pass
else
	fail "the Cagno copy: exit $st: $(cat "$out/cagno/cagno.err")"
fi
"$bin" --version >"$out/version" 2>&1 && grep -q '^verbale [0-9]' "$out/version" && pass || fail "--version"
"$bin" check --json samples/torino-2022-02-23.yaml samples/torino-2022-02-23.yaml >"$out/two.json" 2>&1
if [ "$(head -c 9 "$out/two.json")" = '[{"file":' ] && [ "$(grep -c '"file":"samples/torino' "$out/two.json")" = 1 ]; then pass; else fail "check --json with two files gives an array"; fi

# render never overwrites what the minutes are made from: an annex called NAME.md stops -f md
# (nothing written, the annex intact), and -o elsewhere writes the minutes.
mkdir -p "$out/annesso"
sed 's/file: torino-2022-02-23-allegato-a.md/file: torino.md/' samples/torino-2022-02-23.yaml >"$out/annesso/torino.yaml"
printf 'Allegato A\n' >"$out/annesso/torino.md"
(cd "$out/annesso" && "$bin" render -f pdf,md torino.yaml 2>oi.err)
st=$?
if [ $st = 1 ] && [ "$(cat "$out/annesso/oi.err")" = "torino.yaml: errore: './torino.md' è uno dei file da cui il verbale è fatto: non lo sovrascrivo; indicare un'altra cartella con -o" ] &&
	[ "$(cat "$out/annesso/torino.md")" = "Allegato A" ] && [ ! -e "$out/annesso/torino.pdf" ]; then
	pass
else
	fail "render over an annex: exit $st: $(cat "$out/annesso/oi.err")"
fi
(cd "$out/annesso" && "$bin" render -f md -o fuori torino.yaml 2>oi.err) && [ -s "$out/annesso/fuori/torino.md" ] &&
	[ "$(cat "$out/annesso/torino.md")" = "Allegato A" ] && pass || fail "render -o beside an annex called NAME.md: $(cat "$out/annesso/oi.err")"

# render --atti: an act's document is no input either (an annex called NAME-N.md), and its
# name is the act's number with '_' for what is not [A-Za-z0-9._-] ("DEL_CONS 3")
mkdir -p "$out/atti"
sed 's/file: torino-2022-02-23-allegato-a.md/file: torino-DEL_CONS_3.md/' samples/torino-2022-02-23.yaml >"$out/atti/torino.yaml"
printf 'Allegato A\n' >"$out/atti/torino-DEL_CONS_3.md"
(cd "$out/atti" && "$bin" render --atti -f md torino.yaml 2>oi.err)
st=$?
if [ $st = 1 ] && [ "$(cat "$out/atti/oi.err")" = "torino.yaml: errore: './torino-DEL_CONS_3.md' è uno dei file da cui il verbale è fatto: non lo sovrascrivo; indicare un'altra cartella con -o" ] &&
	[ "$(cat "$out/atti/torino-DEL_CONS_3.md")" = "Allegato A" ] && [ ! -e "$out/atti/torino.md" ]; then
	pass
else
	fail "render --atti over an annex: exit $st: $(cat "$out/atti/oi.err")"
fi
(cd "$out/atti" && "$bin" render --atti --copia -f pdf,md -o fuori torino.yaml 2>oi.err)
st=$?
got=$(cd "$out/atti/fuori" 2>/dev/null && ls | tr '\n' ' ')
if [ $st = 0 ] && [ "$got" = "torino-DEL_CONS_3-copia.md torino-DEL_CONS_3-copia.pdf torino-DEL_CONS_3.md torino-DEL_CONS_3.pdf torino-copia.md torino-copia.pdf torino.md torino.pdf " ] &&
	grep -q '^# VERBALE DI DELIBERAZIONE DEL CONSIGLIO METROPOLITANO$' "$out/atti/fuori/torino-DEL_CONS_3.md" &&
	grep -q '^\*\*Deliberazione n\. DEL\\_CONS 3 del 23 febbraio 2022\*\*$' "$out/atti/fuori/torino-DEL_CONS_3.md"; then
	pass
else
	fail "render --atti --copia -o: exit $st: $got: $(cat "$out/atti/oi.err")"
fi

# 4. render: templates from another folder, -o created, template errors, nothing written on errors
rm -rf "$out/render"
"$bin" render -f md --template tests/templates/breve -o "$out/render/a/b" samples/torino-2022-02-23.yaml 2>"$out/render.err"
cat >"$out/breve.want" <<'WANT'
# Città metropolitana di Torino: seduta del 23 febbraio 2022

  - DEL\_CONS 3 punto 1: 12 favorevoli su 19 votanti, approvata
  - DEL\_CONS 3 punto 2: 12 favorevoli su 19 votanti, approvata
  - DEL\_CONS 3 punto 3: 11 favorevoli su 18 votanti, approvata
WANT
if cmp -s "$out/breve.want" "$out/render/a/b/torino-2022-02-23.md"; then pass; else fail "render --template into a new -o folder: $(cat "$out/render.err")"; fi
cmdline "template error" 1 "^tests/templates/rotto/verbale.mustache:6:1: errore: '{{/deliberazioni}}' chiude la sezione 'deliberazioni': chiudere prima '{{/votazioni}}'$" \
	render -f md --template tests/templates/rotto -o "$out/render/rotto" samples/torino-2022-02-23.yaml
if [ -e "$out/render/rotto/torino-2022-02-23.md" ]; then fail "a template error still wrote the minutes"; else pass; fi
cmdline "no template folder" 1 "non è una cartella di modelli" render -f md --template "$out" samples/torino-2022-02-23.yaml
cmdline "unknown format" 2 "formato sconosciuto 'docx'" render -f md,docx samples/torino-2022-02-23.yaml
"$bin" render -f md -o "$out/render/errori" tests/errors/counts.yaml 2>/dev/null
st=$?
if [ $st = 1 ] && [ ! -e "$out/render/errori/counts.md" ]; then pass; else fail "a session with errors: exit $st, or its minutes were written"; fi
# The reference minutes: names, figures and outcome sentences of the three votes, in order.
"$bin" render -f md -o "$out/render" samples/torino-2022-02-23.yaml 2>/dev/null
if python3 tests/reference.py "$shared/reference/torino-2022-02-23.txt" "$out/render/torino-2022-02-23.md" >"$out/ref.log" 2>&1; then
	pass
else
	fail "the sample's minutes against the reference: $(cat "$out/ref.log")"
fi

# --radice: a session in archivio/2024 names ../organi/consiglio.yaml, whose logo is relative to
# the body file's folder; without --radice the body file is outside the session's folder.
r=$out/radice
rm -rf "$r"
mkdir -p "$r/arch/organi" "$r/arch/2024"
cp tests/chiavi/stemma.png "$r/arch/organi/"
cp tests/chiavi/stemma.png "$r/"
cat >"$r/arch/organi/consiglio.yaml" <<'YAML'
ente: Comune di Prova
organo: Consiglio comunale
logo: stemma.png
componenti:
  - {cognome: Rossi, nome: Mario, ruolo: Sindaco}
  - {cognome: Bianchi, nome: Luca, ruolo: Consigliere}
YAML
sed 's/^logo: stemma.png/logo: ..\/..\/stemma.png/' "$r/arch/organi/consiglio.yaml" >"$r/arch/organi/fuori.yaml"
cp tests/organo/seduta.yaml "$r/arch/2024/seduta.yaml"
sed 's/consiglio.yaml/fuori.yaml/' "$r/arch/2024/seduta.yaml" >"$r/arch/2024/logo-fuori.yaml"
cmdline "a body file outside the session's folder" 1 "^$r/arch/2024/seduta.yaml:1:14: errore: '../organi/consiglio.yaml' porta fuori dalla cartella radice '$r/arch/2024': indicare un file al suo interno, o una radice più in alto con --radice CARTELLA$" \
	check "$r/arch/2024/seduta.yaml"
"$bin" check --radice "$r/arch" "$r/arch/2024/seduta.yaml" >"$r/check.out" 2>"$r/check.err"
st=$?
if [ $st = 0 ] && [ ! -s "$r/check.err" ] && grep -q 'componenti 2, assegnati 2' "$r/check.out"; then pass; else fail "check --radice: exit $st: $(head -c 300 "$r/check.err")"; fi
"$bin" render --radice "$r/arch" -f pdf -o "$r/out" "$r/arch/2024/seduta.yaml" >"$r/render.out" 2>"$r/render.err"
st=$?
if [ $st = 0 ] && [ -s "$r/out/seduta.pdf" ] && pdfimages -list "$r/out/seduta.pdf" 2>/dev/null | grep -q image; then
	pass
else
	fail "render --radice with the body file's logo: exit $st: $(head -c 300 "$r/render.err")"
fi
cmdline "a body file's logo outside the root" 1 "^$r/arch/2024/../organi/fuori.yaml:3:7: errore: '../../stemma.png' porta fuori dalla cartella radice '$r/arch'" \
	check --radice "$r/arch" "$r/arch/2024/logo-fuori.yaml"
cmdline "--radice without its value" 2 "l'opzione '--radice' vuole un valore" check "$r/arch/2024/seduta.yaml" --radice
cmdline "--radice is no option of batch" 2 "opzione sconosciuta '--radice' per batch" batch "$r/arch" --radice "$r"
