# cli.sh: sourced by run.sh (section cli; pass, fail, cmdline, $out, $bin, $top, $shared). The
# command line (usage errors exit 2, environment errors 3), render (templates from another
# folder, -o created, template errors, nothing written on errors), the reference minutes.
cmdline "no arguments" 2 "uso: verbale" 
cmdline "unknown command" 2 "comando sconosciuto 'chek'; forse 'check'?" chek x.yaml
cmdline "unknown option" 2 "opzione sconosciuta '--jsn' per check; forse '--json'?" check --jsn x.yaml
cmdline "no file" 2 "manca il file della seduta" check --json
cmdline "missing file" 1 "^nessuno.yaml: errore: il file 'nessuno.yaml' non esiste: controllare il nome e la cartella$" check nessuno.yaml
# A folder where a session file is wanted: the usage error that suggests batch (exit 2), and
# nothing on stdout.
mkdir -p "$out/una-cartella.yaml"
for sub in check render watch; do
	cmdline "$sub of a folder" 2 "^verbale: errore: '$out/una-cartella.yaml' è una cartella: $sub vuole un file di seduta; per tutte le sedute di una cartella, usare 'verbale batch $out/una-cartella.yaml'$" $sub "$out/una-cartella.yaml"
	if [ ! -s "$out/cl.out" ]; then pass; else fail "$sub of a folder printed: $(head -c 200 "$out/cl.out")"; fi
done
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

# Command-line manners (issue 19): each command's own help, --option=value, format names in
# any case, the check table within 100 columns.
for sub in check render batch watch new; do
	for h in --help -h; do
		"$bin" $sub $h >"$out/help.out" 2>"$out/help.err"
		st=$?
		first=$(head -n 1 "$out/help.out")
		case $sub in
		check) want="uso: verbale check [--json] [--radice DIR] FILE..." ;;
		render) want="uso: verbale render FILE... [-o DIR] [-f pdf,md,html,odt] [--atti] [--copia]" ;;
		batch) want="uso: verbale batch DIR [-o OUT] [-j N] [-f FORMATI] [--atti] [--copia] [--force]" ;;
		watch) want="uso: verbale watch FILE [-o DIR] [-f pdf,md,html,odt] [--atti] [--copia]" ;;
		new) want="uso: verbale new [FILE] [--template DIR] [--file-organo ORGANO]" ;;
		esac
		if [ $st = 0 ] && [ ! -s "$out/help.err" ] && [ "$first" = "$want" ] &&
			[ "$(grep -c '^  verbale \|^uso:' "$out/help.out")" = 1 ] && grep -q '^Stato di uscita: 0 fatto' "$out/help.out"; then
			pass
		else
			fail "verbale $sub $h: exit $st, first line '$first', $(grep -c '^  verbale ' "$out/help.out") other commands"
		fi
	done
done
"$bin" render samples/torino-2022-02-23.yaml --help -o "$out/nohelp" >"$out/help.out" 2>&1
if [ $? = 0 ] && grep -q '^uso: verbale render' "$out/help.out" && [ ! -e "$out/nohelp" ]; then pass; else fail "render FILE --help rendered"; fi
"$bin" --help >"$out/help.out" 2>&1
if [ $? = 0 ] && grep -q '^  verbale COMANDO --help$' "$out/help.out" && grep -q -- '--opzione=valore' "$out/help.out"; then pass; else fail "verbale --help names COMANDO --help"; fi

rm -rf "$out/uguale"
"$bin" render -f=md --template=tests/templates/breve -o="$out/uguale" samples/torino-2022-02-23.yaml 2>"$out/uguale.err"
if cmp -s "$out/breve.want" "$out/uguale/torino-2022-02-23.md"; then pass; else fail "render --template=DIR -o=DIR -f=md: $(cat "$out/uguale.err")"; fi
"$bin" render -f PDF,Md -o "$out/maiuscole" samples/torino-2022-02-23.yaml 2>"$out/maiuscole.err"
got=$(cd "$out/maiuscole" 2>/dev/null && ls | tr '\n' ' ')
if [ $? = 0 ] && [ "$got" = "torino-2022-02-23.md torino-2022-02-23.pdf " ]; then pass; else fail "render -f PDF,Md: $got $(cat "$out/maiuscole.err")"; fi
"$bin" check --radice="$r/arch" "$r/arch/2024/seduta.yaml" >"$r/check2.out" 2>"$r/check2.err"
if [ $? = 0 ] && [ ! -s "$r/check2.err" ] && cmp -s "$r/check.out" "$r/check2.out"; then pass; else fail "check --radice=DIR: $(head -c 300 "$r/check2.err")"; fi
cmdline "batch --timeout=S" 2 "^verbale: errore: --timeout vuole un numero di secondi da 1 a 86400, non '0'$" batch --timeout=0 "$r/arch"
cmdline "batch -j=N" 2 "^verbale: errore: -j vuole un numero di processi da 1 a 1024, non '0'$" batch -j=0 "$r/arch"
cmdline "batch --shard=K/N" 2 "^verbale: errore: --shard vuole K/N con 1 <= K <= N, non '3/2'$" batch --shard=3/2 "$r/arch"
cmdline "new --template=DIR" 1 "^verbale: errore: '$out/nessuna' non è una cartella di modelli: manca verbale.mustache$" new --template="$out/nessuna"
cmdline "new --file-organo=FILE" 1 "nessuno.yaml: errore: il file .*nessuno.yaml' non esiste" new --file-organo=nessuno.yaml "$out/mai.yaml"
cmdline "-f= with an unknown format" 2 "formato sconosciuto 'PDX'" render -f=PDX samples/torino-2022-02-23.yaml

# check's table within 100 columns: a long subject of the act and of a vote wrapped at spaces,
# every word kept; a word wider than the line cut with "…".
mkdir -p "$out/largo"
lungo="APPROVAZIONE DEL REGOLAMENTO PER LA DISCIPLINA DEL CANONE PATRIMONIALE DI CONCESSIONE AUTORIZZAZIONE O ESPOSIZIONE PUBBLICITARIA E DEL CANONE MERCATALE AI SENSI DELLA LEGGE 160 DEL 2019"
parola=$(printf 'x%.0s' $(seq 1 130))
cp samples/torino-2022-02-23-allegato-a.md "$out/largo/"
sed -e "s/^    oggetto: PRESENTAZIONE.*/    oggetto: $lungo/" -e "s/^      - oggetto: punto 1$/      - oggetto: punto 1, $lungo/" \
	-e "s/^      - oggetto: punto 2$/      - oggetto: punto 2 $parola fine/" samples/torino-2022-02-23.yaml >"$out/largo/largo.yaml"
(cd "$out/largo" && "$bin" check largo.yaml >largo.out 2>largo.err)
st=$?
widest=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$out/largo/largo.out")
words=$(tr -s ' \n' '\n\n' <"$out/largo/largo.out" | grep -c '^\(APPROVAZIONE\|REGOLAMENTO\|2019\)$')
if [ $st = 0 ] && [ "$widest" -le 100 ] && [ "$widest" -ge 95 ] && [ "$words" = 6 ] && grep -q '^        punto 2$' "$out/largo/largo.out" &&
	grep -q '^        x\{91\}…$' "$out/largo/largo.out" && grep -q '^        fine$' "$out/largo/largo.out" &&
	grep -q '^    3    18   18   11      0    7    1  votanti         10  sì    approvata  punto 3$' "$out/largo/largo.out"; then
	pass
else
	fail "check's table of long subjects: exit $st, widest line $widest columns, $words of 6 words: $(head -c 300 "$out/largo/largo.err")"
fi
# On a terminal, its width ($COLUMNS here, under script(1)'s pseudo-terminal): 80 columns.
(cd "$out/largo" && COLUMNS=80 script -qec "'$bin' check largo.yaml" /dev/null >tty.out 2>&1)
tr -d '\r' <"$out/largo/tty.out" >"$out/largo/tty.txt"
widest=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$out/largo/tty.txt")
if [ "$widest" -le 80 ] && [ "$widest" -ge 75 ] && grep -q '^  Deliberazione DEL_CONS 3: APPROVAZIONE DEL REGOLAMENTO PER LA DISCIPLINA DEL$' "$out/largo/tty.txt"; then
	pass
else
	fail "check's table on an 80-column terminal: widest line $widest"
fi

# make bench lists every tool it compares, also the ones that fail or are missing, with why
# (tests/bench_peers.sh), here with stand-ins: a pandoc that stops in pdflatex on '₂' as TeX
# does, writes nothing with lualatex, works with xelatex; a groff that works; no typst.
p=$out/peers
rm -rf "$p"
mkdir -p "$p/bin" "$p/tmp"
for c in sh sed grep tail rm cat stat bc; do ln -s "$(command -v $c)" "$p/bin/$c"; done
cat >"$p/bin/pandoc" <<'SH'
#!/bin/sh
for a; do case $a in --pdf-engine=*) e=${a#*=} ;; esac; done
while [ $# -gt 0 ]; do [ "$1" = -o ] && o=$2; shift; done
case $e in
pdflatex) printf 'Error producing PDF.\n! Package inputenc Error: Unicode character \342\202\202 (U+2082)\n(inputenc)                not set up for use with LaTeX.\n' >&2; exit 43 ;;
lualatex) exit 0 ;;
*) echo '%PDF-1.5 stand-in' >"$o" ;;
esac
SH
printf '#!/bin/sh\ncat >/dev/null\necho %%PDF-1.4 groff\n' >"$p/bin/groff"
printf '#!/bin/sh\nexit 0\n' >"$p/bin/pdflatex"
cp "$p/bin/pdflatex" "$p/bin/xelatex"
cp "$p/bin/pdflatex" "$p/bin/lualatex"
chmod +x "$p/bin/pandoc" "$p/bin/groff" "$p/bin/pdflatex" "$p/bin/xelatex" "$p/bin/lualatex"
PATH=$p/bin /bin/sh tests/bench_peers.sh "$shared/reference/torino-2022-02-23.txt" "$p/tmp" >"$p/out" 2>"$p/err"
st=$?
sed 's/[ 0-9.]* ms CPU, *[0-9.]* ms wall, peak [0-9.]* MiB, \([0-9]*\) bytes$/ TIMES, \1 bytes/' "$p/out" >"$p/got"
cat >"$p/want" <<'WANT'
  groff: TIMES, 15 bytes
  pandoc + pdflatex:           non riuscito (exit 43: ! Package inputenc Error: Unicode character ₂ (U+2082))
  pandoc + xelatex: TIMES, 18 bytes
  pandoc + lualatex:           non riuscito (exit 0: nessun PDF scritto)
  pandoc + typst:              non installato (typst)
WANT
if [ $st = 0 ] && [ ! -s "$p/err" ] && cmp -s "$p/want" "$p/got"; then
	pass
else
	fail "bench_peers.sh with stand-ins: exit $st: $(diff "$p/want" "$p/got" | head -n 8) $(head -c 200 "$p/err")"
fi

# make bench's floor (tests/tools/floor.c, the bare-bones stack it sets verbale beside; make
# test builds it) does its job: a valid PDF of three embedded faces, its text given back by
# pdftotext word for word, once and in its loop (-n), which prints three figures.
f=$out/floor
rm -rf "$f"
mkdir -p "$f"
cat >"$f/in.md" <<'MD'
# Verbale della seduta

Il Consiglio **approva** la proposta con *voti* unanimi; la città è d'accordo.

- primo punto
- secondo punto

| voce | importo |
|---|---|
| spese | 1.000 |
MD
set -- $(for st in Regular Bold Italic; do fc-match -f '%{file} ' "Liberation Serif:style=$st"; done)
if [ ! -x "$top/$BUILD/floor" ]; then
	fail "floor: no $BUILD/floor (make test builds it)"
elif ! "$top/$BUILD/floor" "$f/in.md" "$f/out.pdf" "$1" "$2" "$3" 2>"$f/err" ||
	! qpdf --check "$f/out.pdf" >/dev/null 2>&1; then
	fail "floor: no valid PDF: $(head -c 200 "$f/err")"
else
	words=$(pdftotext "$f/out.pdf" - 2>/dev/null | tr -s '[:space:]' ' ' | sed 's/ $//')
	fonts=$(pdffonts "$f/out.pdf" 2>/dev/null | awk 'NR > 2 && $(NF - 4) == "yes" { n++ } END { print n }')
	want="Verbale della seduta Il Consiglio approva la proposta con voti unanimi; la città è d'accordo. – primo punto – secondo punto voce importo spese 1.000"
	set -- $("$top/$BUILD/floor" -n 2 "$f/in.md" "$f/out2.pdf" "$1" "$2" "$3")
	if [ "$words" = "$want" ] && [ "$fonts" = 3 ] && [ $# = 3 ] && cmp -s "$f/out.pdf" "$f/out2.pdf"; then
		pass
	else
		fail "floor: text '$words', $fonts embedded faces, -n printed '$*'"
	fi
fi
