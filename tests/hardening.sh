# hardening.sh: sourced by run.sh (pass, fail, $out, $bin, $top). Hostile input and faults:
# each limit, each path escape, each fault, with its exact message and exit status, and a
# check that nothing was written or that the previous output is intact.
h=$out/hard
rm -rf "$h"
mkdir -p "$h"

# hard NAME STATUS MESSAGE ARGS...: verbale ARGS exits STATUS and stderr has the line MESSAGE;
# $as, when set, is the command that runs verbale as another user.
as=
hard() {
	n=$1 ws=$2 msg=$3
	shift 3
	# shellcheck disable=SC2086 # $as is a command prefix, empty or words without spaces
	timeout 20 $as "$bin" "$@" >"$h/$n.out" 2>"$h/$n.err"
	st=$?
	if [ "$st" = "$ws" ] && grep -Fxq -- "$msg" "$h/$n.err" && ! grep -q Sanitizer "$h/$n.err"; then
		pass
	else
		fail "hardening '$n': exit $st (want $ws), stderr: $(head -c 300 "$h/$n.err")"
	fi
}
# nothing NAME DIR: no file in DIR (no output, no temporary file left)
nothing() {
	if [ -z "$(find "$2" -type f 2>/dev/null | head -n 1)" ]; then pass; else fail "hardening '$1': files left: $(find "$2" -type f | head -n 3)"; fi
}

# intact NAME DIR SAVED N: DIR still has the PDF and Markdown kept in SAVED, and N files in all
intact() {
	if cmp -s "$3/torino-2022-02-23.pdf" "$2/torino-2022-02-23.pdf" && cmp -s "$3/torino-2022-02-23.md" "$2/torino-2022-02-23.md" &&
		[ "$(ls -A "$2" | wc -l)" = "$4" ]; then
		pass
	else
		fail "hardening '$1': the previous output was touched: $(ls -A "$2")"
	fi
}

# A good session to start from, with its annex, in a folder of its own.
mkdir -p "$h/s"
cp samples/torino-2022-02-23.yaml samples/torino-2022-02-23-allegato-a.md "$h/s/"
seduta=$h/s/torino-2022-02-23.yaml
variant() { # variant NAME PYTHON-EXPRESSION-ON-s: a copy of the session changed by the expression
	mkdir -p "$h/$1"
	cp "$h/s/torino-2022-02-23-allegato-a.md" "$h/$1/"
	python3 -c "import sys; s = open(sys.argv[1], encoding='utf-8').read(); open(sys.argv[2], 'w', encoding='utf-8').write($2)" "$seduta" "$h/$1/seduta.yaml"
}

# --- limits ---
python3 -c "
print('ente: E\norgano: O\nseduta: {data: 2024-01-01, presidente: C1, segretario: {nome: A, cognome: B}}')
print('componenti:')
for i in range(1001): print('  - {cognome: C%d, nome: N}' % i)
print('deliberazioni: [{numero: \"1\", oggetto: x, votazioni: []}]\nfirme: [{qualifica: Q, nome: N}]')" >"$h/membri.yaml"
hard members 1 "$h/membri.yaml:5:3: errore: 'componenti' ha 1001 elementi, oltre il limite di 1000: ridurre l'elenco o dividere la seduta in più file" check "$h/membri.yaml"
python3 -c "
print('ente: E\norgano: O\nseduta: {data: 2024-01-01, presidente: C1, segretario: {nome: A, cognome: B}}')
print('componenti: [{cognome: C1, nome: N}]\ndeliberazioni:')
for a in range(3):
    print('  - numero: \"%d\"\n    oggetto: x\n    votazioni:' % a)
    for v in range(3500): print('      - {oggetto: v, favorevoli: tutti}')
print('firme: [{qualifica: Q, nome: N}]')" >"$h/voti.yaml"
hard votes 1 "$h/voti.yaml:1:1: errore: 'votazioni (in tutta la seduta)' ha 10500 elementi, oltre il limite di 10000: ridurre l'elenco o dividere la seduta in più file" check "$h/voti.yaml"
python3 -c "print('ente: ' + 'x' * 1100000)" >"$h/lungo.yaml"
hard string 1 "$h/lungo.yaml:1:7: errore: un valore di 1100000 byte, oltre il limite di 1048576: dividere il testo o metterlo in un allegato" check "$h/lungo.yaml"
variant allegati "s.replace('    allegati:\n', '    allegati:\n' + '      - {titolo: A, file: torino-2022-02-23-allegato-a.md}\n' * 100)"
hard annexes 1 "$h/allegati/seduta.yaml:137:7: errore: 'allegati' ha 101 elementi, oltre il limite di 100: ridurre l'elenco o dividere la seduta in più file" render -f md -o "$h/o-annexes" "$h/allegati/seduta.yaml"
nothing annexes "$h/o-annexes"
variant grande "s"
head -c 5000000 /dev/zero | tr '\0' 'a' >"$h/grande/torino-2022-02-23-allegato-a.md"
hard annex-size 1 "$h/grande/seduta.yaml:138:15: errore: il file è di 5000000 byte, oltre il limite di 4 MiB: ridurlo o dividerlo in più file" render -f md -o "$h/o-annex-size" "$h/grande/seduta.yaml"
nothing annex-size "$h/o-annex-size"
# an image too large in pixels, named in the text: an error, nothing written
variant immagine "s.replace('    dispositivo:', '\n      ![Grafico](enorme.png)\n    dispositivo:', 1)"
python3 -c "
import struct, zlib, sys
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 30000, 10, 8, 2, 0, 0, 0)) + chunk(b'IEND', b''))" "$h/immagine/enorme.png"
hard image-size 1 "verbale: errore: l'immagine '$(cd "$h/immagine" && pwd -P)/enorme.png' non si può leggere (dimensioni non ammesse (da 1 a 20000 pixel per lato)): usare un PNG o un JPEG valido" render -o "$h/o-image" "$h/immagine/seduta.yaml"
nothing image-size "$h/o-image"
# a partial that includes itself
cp -r templates "$h/tpl-ricorsivo"
printf '{{> ciclo}}\n' >"$h/tpl-ricorsivo/ciclo.mustache"
printf '{{> ciclo}}\n' >>"$h/tpl-ricorsivo/verbale.mustache"
hard partial-loop 1 "$h/tpl-ricorsivo/ciclo.mustache:1:1: errore: partial annidati oltre 32 livelli: un partial include sé stesso?" render -f md -o "$h/o-loop" --template "$h/tpl-ricorsivo" "$seduta"
nothing partial-loop "$h/o-loop"

# --- paths that lead out ---
variant fuori "s.replace('file: torino-2022-02-23-allegato-a.md', 'file: ../s/torino-2022-02-23-allegato-a.md')"
hard annex-dotdot 1 "$h/fuori/seduta.yaml:138:15: errore: '../s/torino-2022-02-23-allegato-a.md' porta fuori dalla cartella della seduta: indicare un percorso relativo al suo interno, senza '..'" render -f md -o "$h/o-dotdot" "$h/fuori/seduta.yaml"
variant assoluto "s.replace('file: torino-2022-02-23-allegato-a.md', 'file: /etc/passwd')"
hard annex-absolute 1 "$h/assoluto/seduta.yaml:138:15: errore: '/etc/passwd' porta fuori dalla cartella della seduta: indicare un percorso relativo al suo interno, senza '..'" render -f md -o "$h/o-absolute" "$h/assoluto/seduta.yaml"
variant collegamento "s.replace('file: torino-2022-02-23-allegato-a.md', 'file: passwd.md')"
ln -s /etc/passwd "$h/collegamento/passwd.md"
hard annex-symlink 1 "$h/collegamento/seduta.yaml:138:15: errore: 'passwd.md' è un collegamento che porta fuori dalla cartella della seduta: copiare il file nella cartella" render -f md -o "$h/o-symlink" "$h/collegamento/seduta.yaml"
nothing annex-symlink "$h/o-symlink"
if grep -rqs 'root:' "$h/o-dotdot" "$h/o-absolute" "$h/o-symlink"; then fail "a path escape leaked /etc/passwd"; else pass; fi
variant logo "'logo: ../stemma.png\n' + s"
hard logo-dotdot 1 "$h/logo/seduta.yaml:1:7: errore: '../stemma.png' porta fuori dalla cartella della seduta: indicare un percorso relativo al suo interno, senza '..'" render -o "$h/o-logo" "$h/logo/seduta.yaml"
cp -r templates "$h/tpl-fuori"
ln -sf /etc/passwd "$h/tpl-fuori/esito.mustache"
hard partial-symlink 1 "$h/tpl-fuori/esito.mustache: errore: '$h/tpl-fuori/esito.mustache' è un collegamento che porta fuori dalla cartella dei modelli: copiare il file nella cartella" render -f md -o "$h/o-tpl" --template "$h/tpl-fuori" "$seduta"
nothing partial-symlink "$h/o-tpl"

# --- faults of the environment: exit 3, nothing written, the previous output intact ---
mkfifo "$h/fifo.yaml"
hard fifo 3 "$h/fifo.yaml: errore: impossibile leggere '$h/fifo.yaml': non è un file regolare" check "$h/fifo.yaml"
hard output-uncreatable 3 "/proc/verbale-nessuna-cartella: errore: impossibile scrivere '/proc/verbale-nessuna-cartella': non esiste" render -o /proc/verbale-nessuna-cartella "$seduta"
"$bin" render -f pdf,md -o "$h/o-prima" "$seduta" 2>/dev/null
mkdir "$h/prima"
cp "$h/o-prima/torino-2022-02-23.pdf" "$h/o-prima/torino-2022-02-23.md" "$h/prima/"
# a file system that refuses to grow the file (as a full disk does)
(ulimit -f 40 && "$bin" render -f pdf,md -o "$h/o-prima" "$seduta") >"$h/full.out" 2>"$h/full.err"
st=$?
if [ $st = 3 ] && grep -Fxq "$h/o-prima/torino-2022-02-23.pdf: errore: impossibile scrivere '$h/o-prima/torino-2022-02-23.pdf': file più grande di quanto il sistema consenta: alzare il limite (ulimit -f) e ripetere il comando" "$h/full.err"; then
	pass
else
	fail "hardening 'file-size-limit': exit $st, $(head -c 300 "$h/full.err")"
fi
intact file-size-limit "$h/o-prima" "$h/prima" 2
if [ -w /dev/full ]; then
	"$bin" check --json "$seduta" >/dev/full 2>"$h/devfull.err"
	st=$?
	if [ $st = 3 ] && grep -q "impossibile scrivere" "$h/devfull.err"; then pass; else fail "hardening '/dev/full': exit $st"; fi
fi
cp -r templates "$h/tpl-font"
sed 's/^  testo: Liberation Serif$/  testo: Nessun Carattere Esistente/' templates/stile.yaml >"$h/tpl-font/stile.yaml"
hard font 3 "verbale: errore: carattere 'Nessun Carattere Esistente' non trovato: installare il pacchetto che lo contiene" render -o "$h/o-font" --template "$h/tpl-font" "$seduta"
nothing font "$h/o-font"
# a font that fontconfig knows but whose file is damaged: fontconfig answers from its cache
mkdir -p "$h/fc/caratteri" "$h/fc/cache"
cp /usr/share/fonts/truetype/liberation2/Liberation*.ttf /usr/share/fonts/truetype/dejavu/DejaVu*.ttf "$h/fc/caratteri/"
touch -d 2020-01-01 "$h/fc/caratteri" # an old folder time: fontconfig keeps trusting its cache when the files change
printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
	"$h/fc/caratteri" "$h/fc/cache" >"$h/fc/fonts.conf"
FONTCONFIG_FILE=$h/fc/fonts.conf "$bin" render -o "$h/o-fc" "$seduta" 2>"$h/fc.err"
cp "$h/o-fc/torino-2022-02-23.pdf" "$h/fc/prima.pdf"
if cmp -s "$h/fc/prima.pdf" "$h/prima/torino-2022-02-23.pdf"; then pass; else fail "hardening 'font-corrupt': the copied fonts give another PDF: $(head -c 200 "$h/fc.err")"; fi
printf 'non un carattere' | dd of="$h/fc/caratteri/LiberationSerif-Regular.ttf" conv=notrunc 2>/dev/null
: >"$h/fc/caratteri/LiberationSerif-Italic.ttf"
export FONTCONFIG_FILE="$h/fc/fonts.conf"
hard font-corrupt 3 "verbale: errore: impossibile leggere '$h/fc/caratteri/LiberationSerif-Regular.ttf': non è un file di caratteri TrueType valido: reinstallare il pacchetto fonts-liberation2" render -o "$h/o-fc" "$seduta"
hard font-empty 3 "verbale: errore: impossibile leggere '$h/fc/caratteri/LiberationSerif-Italic.ttf': non è un file di caratteri TrueType valido: reinstallare il pacchetto fonts-liberation2" render -o "$h/o-fc" "$seduta"
unset FONTCONFIG_FILE
if cmp -s "$h/fc/prima.pdf" "$h/o-fc/torino-2022-02-23.pdf" && [ "$(ls -A "$h/o-fc")" = torino-2022-02-23.pdf ]; then pass; else fail "hardening 'font-corrupt': the previous PDF was touched: $(ls -A "$h/o-fc")"; fi

# --- permissions: an input that cannot be read, an output folder that cannot be written ---
# Root may read and write anything, so as root verbale runs as nobody (setpriv, util-linux),
# from a copy in a folder that nobody can reach.
p=$(mktemp -d /tmp/verbale-permessi.XXXXXX)
chmod 755 "$p"
cp "$bin" "$p/verbale"
cp -r templates "$p/templates"
mkdir "$p/s" "$p/o-allegato" "$p/o"
cp "$seduta" "$h/s/torino-2022-02-23-allegato-a.md" "$p/s/"
chmod 777 "$p/o-allegato"
[ "$(id -u)" = 0 ] && as="setpriv --reuid=65534 --regid=65534 --clear-groups"
bin_test=$bin
bin=$p/verbale
"$bin" render -f pdf,md -o "$p/o" "$p/s/torino-2022-02-23.yaml" 2>/dev/null
mkdir "$p/prima"
cp "$p/o/torino-2022-02-23.pdf" "$p/o/torino-2022-02-23.md" "$p/prima/"
chmod 555 "$p/o"
chmod 000 "$p/s/torino-2022-02-23-allegato-a.md"
perm="permesso negato: controllare i permessi del file e delle sue cartelle"
hard annex-unreadable 3 "$p/s/torino-2022-02-23.yaml:138:15: errore: impossibile leggere '$p/s/torino-2022-02-23-allegato-a.md': $perm" render -f md -o "$p/o-allegato" "$p/s/torino-2022-02-23.yaml"
nothing annex-unreadable "$p/o-allegato"
chmod 644 "$p/s/torino-2022-02-23-allegato-a.md"
hard output-unwritable 3 "$p/o/torino-2022-02-23.pdf: errore: impossibile scrivere '$p/o/torino-2022-02-23.pdf': $perm" render -f pdf,md -o "$p/o" "$p/s/torino-2022-02-23.yaml"
intact output-unwritable "$p/o" "$p/prima" 2
chmod 000 "$p/s/torino-2022-02-23.yaml"
hard input-unreadable 3 "$p/s/torino-2022-02-23.yaml: errore: impossibile leggere '$p/s/torino-2022-02-23.yaml': $perm" check "$p/s/torino-2022-02-23.yaml"
as=
chmod 644 "$p/s/torino-2022-02-23.yaml"
# a full disk: a small tmpfs, filled up (only where this user may mount one)
mkdir "$p/pieno"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=256k tmpfs "$p/pieno" 2>/dev/null; then
	"$bin" render -f pdf,md -o "$p/pieno" "$p/s/torino-2022-02-23.yaml" 2>/dev/null
	sed -i 's/^ente: .*/ente: Città metropolitana di Prova/' "$p/s/torino-2022-02-23.yaml"
	cat /dev/zero >"$p/pieno/riempitivo" 2>/dev/null
	hard disk-full 3 "$p/pieno/torino-2022-02-23.pdf: errore: impossibile scrivere '$p/pieno/torino-2022-02-23.pdf': disco pieno: liberare spazio e ripetere il comando" render -f pdf,md -o "$p/pieno" "$p/s/torino-2022-02-23.yaml"
	intact disk-full "$p/pieno" "$p/prima" 3
	umount "$p/pieno"
fi
bin=$bin_test
rm -rf "$p"

# --- what the user gave is wrong: exit 1 ---
# the style of the templates is input too: a bad value, a file too big
cp -r templates "$h/tpl-tol"
sed 's/^  tolleranza: 200 /  tolleranza: 200mm/' templates/stile.yaml >"$h/tpl-tol/stile.yaml"
hard stile-tolleranza 1 "$h/tpl-tol/stile.yaml:19:15: errore: 'tolleranza': '200mm' non è un numero intero da 0 a 10000" render -o "$h/o-tol" --template "$h/tpl-tol" "$seduta"
nothing stile-tolleranza "$h/o-tol"
cp -r templates "$h/tpl-big"
head -c 1100000 /dev/zero | tr '\0' '#' >>"$h/tpl-big/stile.yaml"
hard stile-grande 1 "$h/tpl-big/stile.yaml: errore: il file è di $(wc -c <"$h/tpl-big/stile.yaml") byte, oltre il limite di 1 MiB: ridurlo o dividerlo in più file" render -o "$h/o-big" --template "$h/tpl-big" "$seduta"
nothing stile-grande "$h/o-big"
variant logo-rotto "'logo: stemma.png\n' + s"
printf '\211PNG\r\n\032\nnon un png' >"$h/logo-rotto/stemma.png"
hard corrupt-logo 1 "$h/logo-rotto/seduta.yaml:1:7: errore: l'immagine 'stemma.png' non si può leggere (non è un'immagine PNG o JPEG): usare un PNG o un JPEG valido" render -o "$h/o-corrupt" "$h/logo-rotto/seduta.yaml"
nothing corrupt-logo "$h/o-corrupt"
variant logo-manca "'logo: stemma.png\n' + s"
hard missing-logo 1 "$h/logo-manca/seduta.yaml:1:7: errore: il logo 'stemma.png' non esiste: cercato come '$h/logo-manca/stemma.png'" render -o "$h/o-missing" "$h/logo-manca/seduta.yaml"
variant utf8 "s"
printf 'Testo \377 non UTF-8\n' >"$h/utf8/torino-2022-02-23-allegato-a.md"
hard annex-utf8 1 "$h/utf8/torino-2022-02-23-allegato-a.md:1:7: errore: byte 0xFF non valido: il file deve essere in UTF-8" render -f md -o "$h/o-utf8" "$h/utf8/seduta.yaml"
nothing annex-utf8 "$h/o-utf8"

# --- the fuzz targets' regression inputs and seeds, replayed without libFuzzer ---
for t in pipeline template markdown image style; do
	case $t in
	pipeline) seeds="samples/*.yaml tests/errors/*.yaml tests/golden/*.yaml" ;;
	template) seeds="templates/*.mustache" ;;
	markdown) seeds="samples/*.md tests/golden/*.md" ;;
	image) seeds="tests/images/*.png tests/images/*.jpg tests/errors/*.png tests/chiavi/*.png" ;;
	style) seeds="templates/stile.yaml" ;;
	esac
	if "$top/$BUILD/replay-$t" $seeds $(find tests/fuzz/regressions/$t -type f 2>/dev/null) >"$h/replay.log" 2>&1 &&
		! grep -q Sanitizer "$h/replay.log"; then
		pass
	else
		fail "fuzz target $t on its regressions and seeds: $(tail -n 3 "$h/replay.log")"
	fi
done
