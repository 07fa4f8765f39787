"""srctables.py: what the C sources say, read by the tests that compare it with something else.

Imported by schema_check.py (the JSON Schema against the loader's tables) and guards.py (the
manual verbale(5) against the same tables, the message catalogue against the goldens, ...).
Nothing here runs verbale; it reads src/*.c.

  field_tables(path)   the schema tables (static const struct field NAME[] = {...}) of a source,
                       {NAME: [(key, flags)]}: flags "REQ", "NAME", "REQ | NAME" or "0" where the
                       entry is written out, "" for a macro's entry (style.c's LEN and TXT)
  model_names()        src/model.c's model_NAME_names tables, {NAME: [value, ...]} ("" left out)
  c_strings(text)      the value of adjacent C string literals ("a" "b" -> ab), escapes decoded
  catalogue()          src/diag.c's messages, {D_ID: (level, format)}
"""
import os
import re

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(TOP, "src")


def read(path):
    with open(path if os.path.isabs(path) else os.path.join(TOP, path), encoding="utf-8") as f:
        return f.read()


TABLE = re.compile(r"static const struct field (\w+)\[\] = \{(.*?)\n\s*\};", re.S)
# a written-out entry: {"key", F_KIND, OFF(...) or 0 or offsetof(...), FLAGS, ...
ENTRY = re.compile(r'\{"([a-z_0-9]+)",\s*F_\w+,\s*(?:OFF\([^)]*\)|offsetof\([^)]*\)|0),\s*'
                   r'((?:REQ|NAME|0)(?:\s*\|\s*(?:REQ|NAME))*)')
# an entry made by a macro whose first argument is the key: LEN("corpo", ...), TXT("titolo", ...)
MACRO_ENTRY = re.compile(r'\b[A-Z][A-Z0-9_]*\("([a-z_0-9]+)"')


def field_tables(path):
    tables = {}
    for name, body in TABLE.findall(read(path)):
        entries = [(k, re.sub(r"\s+", " ", f)) for k, f in ENTRY.findall(body)]
        entries += [(k, "") for k in MACRO_ENTRY.findall(body)]
        tables[name] = entries
    return tables


def model_names():
    return {n: [v for v in re.findall(r'"([^"]*)"', body) if v]
            for n, body in re.findall(r"model_(\w+)_names\[[^\]]*\] = \{(.*?)\};",
                                      read("src/model.c"), re.S)}


ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "?": "?", "a": "\a",
           "b": "\b", "f": "\f", "r": "\r", "v": "\v"}


def c_strings(text):
    """The concatenated value of the C string literals in text (what is between them ignored)."""
    out = []
    for lit in re.findall(r'"((?:[^"\\\n]|\\.)*)"', text):
        out.append(re.sub(r"\\(x[0-9a-fA-F]+|[0-7]{1,3}|.)",
                          lambda m: ESCAPES.get(m.group(1), None) or
                          (chr(int(m.group(1)[1:], 16)) if m.group(1)[0] == "x" else
                           chr(int(m.group(1), 8)) if m.group(1)[0] in "01234567" else
                           m.group(1)), lit))
    return "".join(out)


def catalogue():
    """src/diag.c's catalogue: {D_ID: (DIAG_LEVEL, format)}, in the order of the table."""
    text = read("src/diag.c")
    body = re.search(r"\} catalogue\[D_ID_MAX\] = \{(.*?)\n\};", text, re.S).group(1)
    out = {}
    for m in re.finditer(r"\[(D_\w+)\]\s*=\s*\{\s*(DIAG_\w+)\s*,(.*?)\}\s*,?\s*(?=\[D_|$)", body,
                         re.S):
        out[m.group(1)] = (m.group(2), c_strings(m.group(3)))
    return out


def diag_ids():
    """The ids of enum diag_id (src/diag.h), D_ID_MAX left out."""
    body = re.search(r"enum diag_id \{(.*?)\};", read("src/diag.h"), re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    return [i for i in re.findall(r"\b(D_\w+)", body) if i != "D_ID_MAX"]
