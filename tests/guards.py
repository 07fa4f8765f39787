#!/usr/bin/env python3
"""guards.py [GUARD...]: mechanical guards on the sources, the goldens and the manual (issue 13).

Reads files only (src/, tests/, man/); runs nothing. The guards (all of them without arguments):

  messages   every message of the catalogue (src/diag.c) is in some expected golden output
             (.err, .md-err, .pdf-err, .atti-err, .json, and the "[exit N: ...]" of a failed render's .md
             or .html, in the golden folders golden.sh lists), at its
             level, as a whole line: its fixed text with anything in place of each conversion;
             tests/guards/unpinned.txt lists the few no golden can give, with the reason (an
             id listed there that a golden pins, or that no longer exists, is a failure too)
  arguments  every call of a function that takes a message id and the message's arguments
             (diag_report, diag_say: the prototypes of src/*.h with an enum diag_id and ...)
             passes as many arguments as the id's format takes; an id in a variable is followed
             to the D_ constants it is given (a local set in its function to constants or
             conditionals of constants, or a parameter of a function every call of which in
             src/*.c passes a constant), else it is a failure;
             tests/guards/extra_args.txt lists the calls that pass an argument the format leaves
             unused on purpose
  includes   every #include <...> of src/*.[ch] is allowed to that file by
             tests/guards/includes.txt (libc and POSIX headers anywhere, each library's headers
             in its own module); an #include "..." names a header of src/
  manual     the keys (.Cm) and the enum values (.Li) man/verbale.5 documents are the keys of the
             schema tables (src/load.c, src/style.c) and the values of model.c's name tables, and
             the reverse; tests/guards/manual.txt lists the other words the page sets as .Cm or
             .Li (the commands of verbale(1), true and false, ...)

For each guard: one line "FAIL guard NAME: ..." for each offender, then "ok guard NAME: ..." when
there is none. Exit status 1 when a guard failed, 2 on bad usage.
"""
import fnmatch
import glob
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in tests/ for srctables
import srctables  # noqa: E402
from srctables import TOP

GUARDS = "messages arguments includes manual".split()
failures = 0


def fail(guard, msg):
    global failures
    failures += 1
    print("FAIL guard %s: %s" % (guard, msg))


def rel(path):
    return os.path.relpath(path, TOP)


def allow_list(name):
    """tests/guards/NAME: [(line number, [fields...], reason)] of its lines that are not
    comments; the fields are the first words, the reason the rest (split by the caller)."""
    out = []
    with open(os.path.join(TOP, "tests", "guards", name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip() and not line.startswith("#"):
                out.append((n, line.rstrip("\n")))
    return out


# --- printf formats -------------------------------------------------------------------------

CONVERSION = re.compile(r"%(?:%|[-+ #0']*(\*|[0-9]+)?(?:\.(\*|[0-9]*))?"
                        r"(?:hh|h|ll|l|j|z|t|L)?[diouxXeEfFgGaAcspn])")


def arguments_taken(fmt):
    """How many arguments the printf format fmt takes (%% none, a * width or precision one)."""
    n = 0
    for m in CONVERSION.finditer(fmt):
        if m.group(0) == "%%":
            continue
        n += 1 + (m.group(1) == "*") + (m.group(2) == "*")
    return n


def format_pattern(fmt):
    """(regex, fixed text) of the lines fmt can print: each conversion matches anything."""
    parts, fixed, at = [], [], 0
    for m in CONVERSION.finditer(fmt):
        lit = fmt[at:m.start()]
        parts.append(re.escape(lit))
        fixed.append(lit)
        if m.group(0) == "%%":
            parts.append("%")
        else:
            parts.append(".*")
        at = m.end()
    parts.append(re.escape(fmt[at:]))
    fixed.append(fmt[at:])
    return re.compile("".join(parts), re.S), "".join(fixed)


LEVEL_NAMES = {"DIAG_NOTE": "nota", "DIAG_WARNING": "avviso", "DIAG_ERROR": "errore",
               "DIAG_USAGE": "errore", "DIAG_SYSTEM": "errore"}


# --- messages -------------------------------------------------------------------------------

def golden_messages():
    """{(level name, message)} of every expected golden output, and how many files were read."""
    golden_sh = srctables.read("tests/golden.sh")
    pairs = re.search(r'^golden_pairs="([^"]*)"', golden_sh, re.M).group(1).split()
    folders = sorted({p.split(":", 1)[1] for p in pairs})
    seen, files = set(), 0
    line = re.compile(r"^(?:.*?: )?(errore|avviso|nota): (.*)$")
    for d in folders:
        for path in sorted(glob.glob(os.path.join(TOP, d, "*"))):
            ext = path.rsplit(".", 1)[-1] if "." in os.path.basename(path) else ""
            if ext in ("err", "md-err", "pdf-err", "atti-err"):
                files += 1
                with open(path, encoding="utf-8", errors="replace") as f:
                    for text in f.read().split("\n"):
                        m = line.match(text)
                        if m:
                            seen.add((m.group(1), m.group(2)))
            elif ext in ("md", "html"):  # a render that failed: "[exit N: ITS STDERR]"
                files += 1
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                if text.startswith("[exit "):
                    for t in text[len("[exit "):].split("\n"):
                        m = line.match(t)
                        if m:  # the last line of stderr ends in the "]"
                            seen.add((m.group(1), m.group(2)))
                            seen.add((m.group(1), re.sub(r"\]$", "", m.group(2))))
            elif ext == "json":
                files += 1
                with open(path, encoding="utf-8") as f:
                    stack = [json.load(f)]
                while stack:
                    v = stack.pop()
                    if isinstance(v, dict):
                        if "gravita" in v and "messaggio" in v:
                            seen.add((v["gravita"], v["messaggio"]))
                        stack.extend(v.values())
                    elif isinstance(v, list):
                        stack.extend(v)
    return seen, files


def guard_messages():
    g = "messages"
    cat = srctables.catalogue()
    ids = srctables.diag_ids()
    for i in ids:
        if i not in cat:
            fail(g, "%s (src/diag.h) has no message in src/diag.c's catalogue" % i)
    seen, files = golden_messages()
    pinned, unpinnable = {}, set()
    for i, (level, fmt) in cat.items():
        pattern, fixed = format_pattern(fmt)
        if not re.search(r"\w", fixed):
            unpinnable.add(i)  # nothing fixed to look for ("%s")
            continue
        name = LEVEL_NAMES[level]
        pinned[i] = any(lv == name and pattern.fullmatch(msg) for lv, msg in seen)
    listed = {}
    for n, line in allow_list("unpinned.txt"):
        i, _, reason = line.partition(" ")
        where = "tests/guards/unpinned.txt:%d" % n
        if not reason.strip():
            fail(g, "%s: %s has no reason" % (where, i))
        if i in listed:
            fail(g, "%s: %s is listed twice" % (where, i))
        listed[i] = n
        if i not in cat:
            fail(g, "%s: %s is not in the catalogue any more: take it off the list" % (where, i))
        elif pinned.get(i):
            fail(g, "%s: %s is pinned by a golden now: take it off the list" % (where, i))
    for i, (level, fmt) in cat.items():
        if i in listed:
            continue
        if i in unpinnable:
            fail(g, "%s: its format '%s' has no fixed text a golden could show: list it in "
                    "tests/guards/unpinned.txt with the test that checks it" % (i, fmt))
        elif not pinned[i]:
            fail(g, "%s (%s: %s) is in no expected golden output: add a case to tests/errors "
                    "(or, if no golden can give it, list it in tests/guards/unpinned.txt with "
                    "the reason)" % (i, LEVEL_NAMES[level], fmt))
    return "%d messages, %d pinned by %d golden files, %d listed unpinned" % (
        len(cat), sum(pinned.values()), files, len(listed))


# --- arguments ------------------------------------------------------------------------------

def strip_comments(text):
    """text with its comments blanked (newlines kept, so that line numbers stay), strings and
    character constants left as they are."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def call_args(text, open_paren):
    """The top-level arguments (stripped) of the call whose "(" is at text[open_paren], and the
    index after its ")"."""
    args, depth, start, i = [], 0, open_paren + 1, open_paren
    while i < len(text):
        c = text[i]
        if c in "\"'":
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append(text[start:i].strip())
                return args, i + 1
        elif c == "," and depth == 1:
            args.append(text[start:i].strip())
            start = i + 1
        i += 1
    raise ValueError("unbalanced call")


def report_functions():
    """{name: (index of the id, number of fixed parameters)} of the prototypes in src/*.h that
    take an enum diag_id and then variable arguments."""
    out = {}
    for h in sorted(glob.glob(os.path.join(srctables.SRC, "*.h"))):
        text = strip_comments(srctables.read(h))
        for m in re.finditer(r"\b(\w+)\s*\(([^;{}()]*)\)[^;{}]*;", text):
            params = [p.strip() for p in m.group(2).split(",")]
            if params[-1] != "..." or not any(re.search(r"\benum diag_id\b", p) for p in params):
                continue
            idx = next(k for k, p in enumerate(params) if re.search(r"\benum diag_id\b", p))
            out[m.group(1)] = (idx, len(params) - 1)
    return out


def functions(text):
    """[(name, start, end, parameter text)] of the function definitions of a source in this
    project's style: the name at the start of a line, the body's braces at the start of lines."""
    out = []
    for m in re.finditer(r"^(\w+)\(([^;{]*?)\)\s*\n\{", text, re.M):
        end = text.find("\n}", m.end())
        out.append((m.group(1), m.start(), len(text) if end < 0 else end, m.group(2)))
    return out


def ids_of(var, at, text, funcs):
    """(the D_ ids the variable var may hold at text[at], how they were found) or (None, why)."""
    f = next((f for f in funcs if f[1] <= at < f[2]), None)
    if f is None:
        return None, "not inside a function"
    name, start, end, params = f
    plist = [p.strip() for p in params.split(",")]
    k = next((k for k, p in enumerate(plist) if re.search(r"\b%s$" % var, p)), None)
    if k is not None:  # a parameter: every call of the function must pass a D_ constant
        ids = []
        for path in sorted(glob.glob(os.path.join(srctables.SRC, "*.c"))):
            t = strip_comments(srctables.read(path))
            defs = [fs for fn, fs, _, _ in functions(t) if fn == name]
            for m in re.finditer(r"\b%s\s*\(" % name, t):
                if m.start() in defs:
                    continue  # the definition
                args, _ = call_args(t, m.end() - 1)
                if k >= len(args) or not re.fullmatch(r"D_\w+", args[k]):
                    return None, "%s's parameter %s is given '%s' at %s:%d" % (
                        name, var, args[k] if k < len(args) else "", rel(path),
                        t.count("\n", 0, m.start()) + 1)
                ids.append(args[k])
        if not ids:
            return None, "%s is a parameter of %s, which is called nowhere" % (var, name)
        return sorted(set(ids)), "the calls of %s" % name
    body = text[start:end]
    sets = re.findall(r"\b%s\s*=(?!=)\s*([^;]*);" % var, body)
    if not sets:
        return None, "%s is not set in %s" % (var, name)
    ids = []
    for s in sets:
        v = constants(s)
        if v is None:
            return None, "%s is set to '%s' in %s" % (var, " ".join(s.split()), name)
        ids += v
    return sorted(set(ids)), "what %s sets %s to" % (name, var)


def constants(expr):
    """The D_ constants expr gives when it is one or a conditional (c ? x : y) of such, else
    None."""
    e = expr.strip()
    while e.startswith("(") and e.endswith(")") and balanced(e[1:-1]):
        e = e[1:-1].strip()
    if re.fullmatch(r"D_\w+", e):
        return [e]
    q = top_level(e, "?")
    if q is None:
        return None
    rest, depth, colon = e[q + 1:], 0, None
    for k, c in enumerate(rest):  # the ':' of this '?', past those of nested conditionals
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
        if depth == 0 and c == ":" and balanced(rest[:k]) and \
                rest[:k].count("?") == rest[:k].count(":"):
            colon = k
            break
    if colon is None:
        return None
    a, b = constants(rest[:colon]), constants(rest[colon + 1:])
    return None if a is None or b is None else a + b


def balanced(s):
    depth = 0
    for c in s:
        depth += c in "(["
        depth -= c in ")]"
        if depth < 0:
            return False
    return depth == 0


def top_level(s, ch):
    """The index of the first ch of s outside parentheses, or None."""
    depth = 0
    for k, c in enumerate(s):
        depth += c in "(["
        depth -= c in ")]"
        if depth == 0 and c == ch:
            return k
    return None


def guard_arguments():
    g = "arguments"
    cat = srctables.catalogue()
    funcs_taking = report_functions()
    if not funcs_taking:
        fail(g, "no prototype in src/*.h takes an enum diag_id and ...")
    extra = {}
    for n, line in allow_list("extra_args.txt"):
        w = line.split(None, 4)
        if len(w) < 5 or not w[3].isdigit():
            fail(g, "tests/guards/extra_args.txt:%d: not 'FILE FUNCTION D_ID N REASON'" % n)
            continue
        extra[(w[0], w[1], w[2])] = [int(w[3]), n, False]
    calls = 0
    for path in sorted(glob.glob(os.path.join(srctables.SRC, "*.c"))):
        text = strip_comments(srctables.read(path))
        funcs = functions(text)
        for fn, (idx, fixed) in sorted(funcs_taking.items()):
            for m in re.finditer(r"\b%s\s*\(" % fn, text):
                if any(m.start() == fs for _, fs, _, _ in funcs):
                    continue  # the definition itself
                line = text.count("\n", 0, m.start()) + 1
                where = "%s:%d" % (rel(path), line)
                try:
                    args, _ = call_args(text, m.end() - 1)
                except ValueError:
                    fail(g, "%s: %s( without its )" % (where, fn))
                    continue
                calls += 1
                if idx >= len(args):
                    fail(g, "%s: %s with %d arguments, no id" % (where, fn, len(args)))
                    continue
                idarg = args[idx]
                if re.fullmatch(r"D_\w+", idarg):
                    ids, how = [idarg], None
                elif re.fullmatch(r"[A-Za-z_]\w*", idarg):
                    ids, how = ids_of(idarg, m.start(), text, funcs)
                    if ids is None:
                        fail(g, "%s: %s's id is '%s', which cannot be checked: %s" % (
                            where, fn, idarg, how))
                        continue
                else:
                    fail(g, "%s: %s's id is '%s', which cannot be checked: pass a D_ constant "
                            "or a variable" % (where, fn, idarg))
                    continue
                passed = len(args) - fixed
                func = next((f[0] for f in funcs if f[1] <= m.start() < f[2]), "?")
                for i in ids:
                    if i not in cat:
                        fail(g, "%s: %s is not in the catalogue" % (where, i))
                        continue
                    want = arguments_taken(cat[i][1])
                    e = extra.get((rel(path), func, i))
                    if e is not None:
                        e[2] = True
                        want += e[0]
                    if passed != want:
                        fail(g, "%s: %s(%s%s) passes %d argument%s, the format of %s takes %d: "
                                "'%s'" % (where, fn, idarg, " = " + i if i != idarg else "",
                                          passed, "" if passed == 1 else "s", i, want, cat[i][1]))
    for (f, func, i), (k, n, used) in sorted(extra.items()):
        if not used:
            fail(g, "tests/guards/extra_args.txt:%d: no call of %s in %s passes %s: take the line "
                    "off" % (n, func, f, i))
    return "%d calls of %s" % (calls, ", ".join(sorted(funcs_taking)))


# --- includes -------------------------------------------------------------------------------

def guard_includes():
    g = "includes"
    table = []
    for n, line in allow_list("includes.txt"):
        w = line.split()
        if len(w) < 2:
            fail(g, "tests/guards/includes.txt:%d: not 'HEADER FILE...'" % n)
            continue
        table.append((w[0], w[1:], n))
    local = {os.path.basename(p) for p in glob.glob(os.path.join(srctables.SRC, "*.h"))}
    count = 0
    for path in sorted(glob.glob(os.path.join(srctables.SRC, "*.[ch]"))):
        name = os.path.basename(path)
        text = strip_comments(srctables.read(path))
        for m in re.finditer(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]*)[>"]', text, re.M):
            count += 1
            where = "%s:%d" % (rel(path), text.count("\n", 0, m.start()) + 1)
            h = m.group(2)
            if m.group(1) == '"':
                if h not in local:
                    fail(g, '%s: #include "%s" is not a header of src/ (a library\'s header '
                            'goes between < >, in tests/guards/includes.txt)' % (where, h))
                continue
            row = next((r for r in table if fnmatch.fnmatchcase(h, r[0])), None)
            if row is None:
                fail(g, "%s: <%s> is not in tests/guards/includes.txt: add it (a libc or "
                        "POSIX header with *, a library's with the files that may include "
                        "it)" % (where, h))
            elif not any(fnmatch.fnmatchcase(name, p) for p in row[1]):
                fail(g, "%s: <%s> may be included only by %s (tests/guards/includes.txt:%d)" % (
                    where, h, " ".join(row[1]), row[2]))
    return "%d includes" % count


# --- manual ---------------------------------------------------------------------------------

DELIM = re.compile(r"^[.,;:()\[\]?!|]+$")
MACRO = re.compile(r"^[A-Z][a-z][a-z]?$")


def man_words(path, macro):
    """{word: first line} of what man page path sets with the mdoc macro (Cm, Li): its
    arguments up to the next macro or delimiter, joined by spaces."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.startswith(".") or line.startswith('.\\"'):
                continue
            toks = re.findall(r'"[^"]*"|\S+', line[1:])
            k = 0
            while k < len(toks):
                if toks[k] != macro:
                    k += 1
                    continue
                k += 1
                words = []
                while k < len(toks) and not MACRO.match(toks[k]) and not DELIM.match(toks[k]):
                    words.append(toks[k].strip('"'))
                    k += 1
                if words:
                    out.setdefault(" ".join(words), n)
    return out


def guard_manual():
    g = "manual"
    man = os.path.join(TOP, "man", "verbale.5")
    keys = {}
    for src in ("src/load.c", "src/style.c"):
        for table, entries in srctables.field_tables(src).items():
            for k, _ in entries:
                keys.setdefault(k, "%s %s" % (src, table))
    if not keys:
        fail(g, "no schema table found in src/load.c and src/style.c")
    values = {}
    for enum, names in srctables.model_names().items():
        for v in names:
            values.setdefault(v, "model_%s_names" % enum)
    if not values:
        fail(g, "no model_NAME_names table found in src/model.c")
    cm, li = {}, {}
    for w, n in man_words(man, "Cm").items():
        for part in re.split(r"[.,]", w):  # regole.numero_legale_seconda: two keys
            if part.strip():
                cm.setdefault(part.strip(), n)
    for w, n in man_words(man, "Li").items():
        if re.fullmatch(r"[a-z][a-z_0-9]*( [a-z][a-z_0-9]*)*", w):  # a name, not 1 or 16:00
            li.setdefault(w, n)
    other = {}
    for n, line in allow_list("manual.txt"):
        w = line.split(None, 2)
        if len(w) < 3 or w[0] not in ("Cm", "Li"):
            fail(g, "tests/guards/manual.txt:%d: not 'Cm|Li WORD REASON'" % n)
            continue
        other[(w[0], w[1])] = n
        known, seen = (keys, cm) if w[0] == "Cm" else (values, li)
        if w[1] in known:
            fail(g, "tests/guards/manual.txt:%d: '%s' is in the code now: take it off" % (n, w[1]))
        if w[1] not in seen:
            fail(g, "tests/guards/manual.txt:%d: man/verbale.5 has no .%s %s: take it off" % (
                n, w[0], w[1]))
    for k, where in sorted(keys.items()):
        if k not in cm:
            fail(g, "key '%s' (%s) is not documented in man/verbale.5 (as .Cm %s)" % (
                k, where, k))
    for k, n in sorted(cm.items()):
        if k not in keys and ("Cm", k) not in other:
            fail(g, "man/verbale.5:%d: .Cm %s is no key of the code's schema tables (src/load.c, "
                    "src/style.c)" % (n, k))
    for v, where in sorted(values.items()):
        if v not in li:
            fail(g, "value '%s' (src/model.c %s) is not documented in man/verbale.5 (as .Li "
                    "%s)" % (v, where, v))
    for v, n in sorted(li.items()):
        if v not in values and ("Li", v) not in other:
            fail(g, "man/verbale.5:%d: .Li %s is no value of src/model.c's name tables" % (n, v))
    return "%d keys, %d values" % (len(keys), len(values))


def main():
    want = sys.argv[1:] or GUARDS
    for w in want:
        if w not in GUARDS:
            print("uso: guards.py [%s]..." % "|".join(GUARDS), file=sys.stderr)
            return 2
    for w in want:
        before = failures
        summary = globals()["guard_" + w]()
        if failures == before:
            print("ok guard %s: %s" % (w, summary))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
