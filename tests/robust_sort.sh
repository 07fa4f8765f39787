# robust_sort.sh: sourced by run.sh (pass, fail, $out, $bin, $top). Issue 12, item 9: the roll
# call is sorted in O(n log n) with keys computed once. A sitting of 1,000 members, all
# favorevoli of one vote, listed on the roll in reverse order, renders in 10 s and 1 GiB (no
# memory limit under the sanitizers, which reserve terabytes of address space), in the order of
# the Italian collation.
rs=$out/robust-sort
rm -rf "$rs"
mkdir -p "$rs"
rs_vmem=1048576
[ -n "${ASAN_OPTIONS:-}" ] && rs_vmem=unlimited

# $rs/m1000.yaml, and in $rs/want the surnames as the vote's list must write them: distinct
# collation keys (apostrophes, spaces, case ignored), so the order is the keys' order
python3 - samples/torino-2022-02-23.yaml "$rs/m1000.yaml" "$rs/want" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8').read()
n, abc = 1000, 'abcdefghijklmnopqrstuvwxyz'
names = []
for i in range(n):
    t = ''.join(abc[i // 26 ** k % 26] for k in range(3))
    names.append(("D'" + t if i % 7 == 0 else 'Lo ' + t if i % 11 == 0 else t.capitalize()) + 'x')
key = lambda c: c.replace("'", '').replace(' ', '').lower()
assert len(set(map(key, names))) == n
names.sort(key=key, reverse=True)
head, rest = s.split('componenti:\n', 1)
mid = rest.split('\nassenti:', 1)[1].split('deliberazioni:\n', 1)[0]
comp = ''.join('  - {cognome: "%s", nome: N%d, ruolo: Consigliere}\n' % (c, i) for i, c in enumerate(names))
lst = ', '.join('"%s"' % c for c in names)
body = (head.replace('presidente: Lo Russo', 'presidente: "%s"' % names[0]) + 'componenti:\n' + comp
        + '\nassenti:' + mid + '''deliberazioni:
  - numero: DEL_CONS 3
    oggetto: PROVA.
    testo: Prova.
    votazioni:
      - oggetto: punto 1
        modalita: palese
        favorevoli: [%s]
        dichiarato:
          presenti: %d
          votanti: %d
          favorevoli: %d
          esito: approvata
''' % (lst, n, n, n) + '\nfirme:' + s.split('\nfirme:', 1)[1])
open(sys.argv[2], 'w', encoding='utf-8').write(body)
open(sys.argv[3], 'w', encoding='utf-8').write('(' + ' \u2013 '.join(sorted(names, key=key)) + ').\n')
PY
(ulimit -v $rs_vmem && timeout 10 "$bin" render -f md "$rs/m1000.yaml" -o "$rs") >"$rs/m1000.out" 2>"$rs/m1000.err"
st=$?
if [ $st = 0 ]; then pass; else fail "robust sort: 1,000 members: exit $st: $(head -c 400 "$rs/m1000.err")"; fi
if grep -Fxf "$rs/want" "$rs/m1000.md" >/dev/null; then pass; else fail "robust sort: 1,000 members not in the collation order"; fi
