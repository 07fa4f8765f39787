#!/usr/bin/env python3
"""keys.py BIN SESSION STYLE: every key of every schema table, repeated and emptied.

SESSION is a session file in block style that writes every key of the format on a line of its
own (tests/chiavi/tutte.yaml); STYLE a style file (templates/stile.yaml). For each key:
  - repeated (once with ~ before it, once with the same value after it), `check` (for the style
    file, `render -f md --template`) must exit 1 with the exact message at the second one;
  - emptied (`KEY:` and `KEY: ~`), the output must be exactly that of the file without the key
    (its lines turned into comments, so that every other position stays the same), unless the
    key is required: then the empty value gives "'KEY' non può essere vuoto" where the missing
    key gives "manca la chiave obbligatoria 'KEY'".
Prints one line per failure and a last line "keys: N passed, N failed"; exits 1 on a failure.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

KEY = re.compile(r"^( *)(- )?([a-z_0-9]+):( .*)?$")


def block_end(lines, i, col):
    """The index after the lines that belong to the value of the key at lines[i], column col."""
    j = i + 1
    while j < len(lines) and (lines[j].strip() == "" or
                              len(lines[j]) - len(lines[j].lstrip(" ")) > col):
        j += 1
    return j


def only_key(lines, i, col):
    """Whether the key at lines[i], column col, is the only key of its map."""
    j = i
    while j > 0 and (lines[j - 1].strip() == "" or lines[j - 1].startswith(" " * col)):
        j -= 1
    k = block_end(lines, j - 1, col - 1) if j > 0 else len(lines)
    if KEY.match(lines[i]).group(2):  # "- KEY:": the list item's map begins on this line
        j, k = i, block_end(lines, i, col - 2)
    same = [n for n in range(j, k) if KEY.match(lines[n]) and
            len(KEY.match(lines[n]).group(1)) + (2 if KEY.match(lines[n]).group(2) else 0) == col]
    return same == [i]


def keys_of(lines):
    """(index, column, key, inline value or None, end of its block) of every key line."""
    out = []
    for i, line in enumerate(lines):
        m = KEY.match(line)
        if m is None:
            continue
        col = len(m.group(1)) + (2 if m.group(2) else 0)
        value = (m.group(4) or "").strip()
        out.append((i, col, m.group(3), value or None, block_end(lines, i, col)))
    return out


def run(argv, cwd):
    p = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=20)
    return p.returncode, p.stdout, p.stderr


class Suite:
    def __init__(self, binary, work):
        self.bin, self.work = binary, work
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL keys: " + what)

    def variants(self, lines, name, runner):
        for i, col, key, value, end in keys_of(lines):
            dash = lines[i][col - 2:col] == "- "
            pad = " " * col
            # repeated: a null first, the key as written second
            first = (" " * (col - 2) + "- " if dash else pad) + key + ": ~"
            second = pad + lines[i][col:]
            v = lines[:i] + [first, second] + lines[i + 1:]
            want = "%s:%d:%d: errore: chiave '%s' ripetuta: tenerne una sola" % (
                name, i + 2, col + 1, key)
            code, out, err = runner(v)
            self.check(code == 1 and want in err.splitlines(),
                       "%s, line %d: '%s' twice (null first): exit %d, %s" % (
                           name, i + 1, key, code, err.strip()[:300]))
            if value is not None and end == i + 1:
                v = lines[:i + 1] + [pad + key + ": " + value] + lines[i + 1:]
                code, out, err = runner(v)
                self.check(code == 1 and want in err.splitlines(),
                           "%s, line %d: '%s' twice: exit %d, %s" % (
                               name, i + 1, key, code, err.strip()[:300]))
            # emptied, and left out
            head = lines[i][:col] + key + ":"
            gone = [(" " * (col - 2) + "- #") if dash else pad + "#"] + \
                   [pad + "#"] * (end - i - 1)
            blanks = ["#"] * (end - i - 1)
            absent = runner(lines[:i] + gone + lines[end:])
            required = "manca la chiave obbligatoria '%s'" % key in absent[2]
            for empty in (head, head + " ~"):
                got = runner(lines[:i] + [empty] + blanks + lines[end:])
                ok = got == absent
                if required and not ok:  # a key the format requires: empty is an error too
                    ok = got[0] == 1 and ("%s:%d:" % (name, i + 1)) in got[2] and \
                        ("'%s' non può essere vuoto" % key) in got[2]
                if only_key(lines, i, col) and not ok:
                    # without its only key the map itself is gone: an error both ways
                    ok = got[0] == absent[0] == 1
                self.check(ok, "%s, line %d: '%s' empty ('%s') is not as if left out: "
                               "%r, left out: %r" % (name, i + 1, key, empty.strip(),
                                                     got, absent))


def main():
    if len(sys.argv) != 4:
        sys.exit("uso: keys.py BIN SESSION STYLE")
    binary, session, style = (os.path.abspath(a) for a in sys.argv[1:])
    work = tempfile.mkdtemp(prefix="verbale-keys.")
    try:
        s = Suite(binary, work)
        folder = os.path.join(work, "seduta")
        shutil.copytree(os.path.dirname(session), folder)
        name = os.path.basename(session)
        with open(session, encoding="utf-8") as f:
            lines = f.read().split("\n")

        def check_session(v):
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write("\n".join(v))
            return run([binary, "check", name], folder)

        base = check_session(lines)
        s.check(base[0] == 0, "%s does not pass check: %s" % (name, base[2][:300]))
        s.variants(lines, name, check_session)

        tdir = os.path.join(work, "modelli")
        shutil.copytree(os.path.dirname(style), tdir)
        with open(style, encoding="utf-8") as f:
            slines = f.read().split("\n")
        out = os.path.join(work, "out")

        def check_style(v):
            with open(os.path.join(tdir, "stile.yaml"), "w", encoding="utf-8") as f:
                f.write("\n".join(v))
            code, o, e = run([binary, "render", "-f", "md", "--template", tdir, "-o", out,
                              os.path.join(folder, name)], work)
            return code, o, e.replace(tdir + "/", "")

        check_session(lines)
        base = check_style(slines)
        s.check(base[0] == 0, "the style file does not pass: %s" % base[2][:300])
        s.variants(slines, "stile.yaml", check_style)
        print("keys: %d passed, %d failed" % (s.passed, s.failed))
        sys.exit(1 if s.failed else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
