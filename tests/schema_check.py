#!/usr/bin/python3
"""schema_check.py: schema/verbale.schema.json and `verbale check` must agree.

    /usr/bin/python3 tests/schema_check.py BIN

First the schema itself: valid JSON, a valid draft-07 schema, and the same keys, required
keys and enum values as the loader's tables (src/load.c, src/model.c). Then each file is read
as YAML 1.2 (core schema: 16:00 and 2022-02-23 stay text, as for yaml-language-server),
validated with the schema (draft-07, with format checks), and given to `BIN check`:

- valid:     samples/*.yaml, tests/golden/*.yaml, tests/images/*.yaml, tests/schema/base.yaml.in
             and the scaffold templates/nuova-seduta.yaml: the schema accepts them and check
             exits 0 (the scaffold with nothing on stderr: no warnings);
- invalid:   tests/schema/*.yaml, one mistake each, and a few generated past the loader's
             limits: the schema rejects them and check exits 1; the line '# errore: TEXT' of a
             file names what check must say;
- tolerated: tests/schema/tolleranze/*.yaml: forms that verbale reads but the schema refuses,
             so that an editor asks for the canonical form (check exits 0, the schema rejects).

One line per file, then a summary; exit status 1 on any disagreement, 2 on bad usage.
Needs python3-jsonschema and python3-ruamel.yaml (Debian's /usr/bin/python3 has both).
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in tests/ for srctables
import srctables  # noqa: E402

try:
    import jsonschema
    from ruamel.yaml import YAML
    from ruamel.yaml.resolver import VersionedResolver
except ImportError as e:
    sys.exit("schema_check: manca un modulo (%s): usare /usr/bin/python3 con python3-jsonschema "
             "e python3-ruamel.yaml" % e)

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMA = os.path.join(TOP, "schema", "verbale.schema.json")
ORGANO_SCHEMA = os.path.join(TOP, "schema", "organo.schema.json")
# A session that names a body file (organo.yaml beside it), for the body files of
# tests/schema/organo: each of their members is Rossi.
ORGANO_SESSION = """file_organo: organo.yaml
seduta: {data: 2024-03-05, presidente: Rossi, segretario: {nome: Anna, cognome: Neri}}
deliberazioni:
  - {numero: "1", oggetto: Prova, votazioni: [{oggetto: tutto, favorevoli: tutti}]}
firme: [{qualifica: Il Sindaco, nome: Mario Rossi}]
"""

# YAML 1.2's core schema, exactly. ruamel.yaml's 1.2 mode still reads 2022-02-23 as a date and
# 1_000 as a number; yaml-language-server and verbale read both as text.
CORE = [
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", list("-+0123456789")),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
     r"|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN)$", list("-+.0123456789")),
]


class CoreResolver(VersionedResolver):
    @property
    def versioned_resolver(self):
        if "core" not in self._version_implicit_resolver:
            for tag, rx, first in CORE:
                self.add_version_implicit_resolver("core", tag, re.compile(rx), first)
        return self._version_implicit_resolver["core"]


# The loader's schema tables (src/load.c) and the objects of the schema that describe the same
# maps.
TABLES = {
    "session_fields": "", "sitting_fields": "seduta", "secretary_fields": "segretario",
    "rules_fields": "regole_mappa", "member_fields": "componente", "novote_fields": "senza_voto",
    "move_fields": "movimento", "when_fields": "quando", "act_fields": "deliberazione",
    "annex_fields": "allegato", "vote_fields": "votazione", "ballots_fields": "schede",
    "declared_fields": "dichiarato", "candidate_fields": "candidato",
    "signature_fields": "firma", "presidency_fields": "presidenza",
    "remote_fields": "votante_remoto", "options_fields": "opzioni", "body_fields": "organo",
}
# The names of src/model.c and where the schema lists them: (definition, property, oneOf).
ENUMS = {
    "majority": [("maggioranza", None, None)],
    "abstainers": [("regole_mappa", "astenuti", None)],
    "nonvoters": [("regole_mappa", "non_partecipanti", None)],
    "tie": [("regole_mappa", "parita", None)],
    "quorum": [("numero_legale", None, 1)],
    "convocation": [("seduta", "convocazione", None)],
    "sitting_mode": [("seduta", "modalita", None)],
    "remote": [("votante_remoto", "mezzo", None)],
    # genere: the names and their short forms (m, f)
    "gender gender_short": [("seduta", "presidente_genere", None), ("segretario", "genere", None),
                            ("componente", "genere", None)],
    "body": [("", "tipo_organo", None)],
    "mode": [("votazione", "modalita", None)],
    "type": [("votazione", "tipo", None)],
    "president_vote": [("votazione", "presidente_vota", None)],
    "outcome": [("dichiarato", "esito", None)],
    "preset": [("regole", None, 0), ("regole_mappa", "base", None)],
}


def schema_object(schema, name):
    return schema if name == "" else schema["definitions"][name]


def check_tables(schema):
    """Problems between the loader's tables and enum names and the schema ([] when none)."""
    problems = []
    tables = srctables.field_tables("src/load.c")
    for table, obj in sorted(TABLES.items()):
        if table not in tables or not tables[table]:
            problems.append("src/load.c: tabella %s non trovata" % table)
            continue
        keys = {k for k, _ in tables[table]}
        required = {k for k, r in tables[table] if "REQ" in r}
        o = schema_object(schema, obj)
        where = obj or "(radice)"
        # required unless file_organo is there: in the schema's if/then
        o_required = set(o.get("required", [])) | set(o.get("then", {}).get("required", []))
        if set(o.get("properties", {})) != keys:
            problems.append("%s: chiavi soltanto nello schema %s, soltanto nel caricatore "
                            "(%s) %s" % (where, sorted(set(o.get("properties", {})) - keys),
                                         table, sorted(keys - set(o.get("properties", {})))))
        if o_required != required:
            problems.append("%s: obbligatorie nello schema %s, nel caricatore %s" % (
                where, sorted(o_required), sorted(required)))
    names = srctables.model_names()
    for enum, places in sorted(ENUMS.items()):
        if not all(names.get(e) for e in enum.split()):
            problems.append("src/model.c: model_%s_names non trovato" % enum)
            continue
        values = [v for e in enum.split() for v in names[e]]
        for obj, prop, alt in places:
            node = schema_object(schema, obj)
            if prop is not None:
                node = node["properties"][prop]
            if alt is not None:
                node = node["oneOf"][alt]
            if node.get("enum") != values:
                problems.append("%s%s: valori dello schema %s, di model_%s_names %s" % (
                    obj, "." + prop if prop else "", node.get("enum"), enum, values))
    return problems, len(TABLES), len(ENUMS)


def yaml12():
    y = YAML(typ="safe", pure=True)
    y.version = (1, 2)
    y.Resolver = CoreResolver
    return y


def schema_errors(validator, path):
    """The schema's complaints about path ([] when it validates), one line each."""
    try:
        with open(path, encoding="utf-8") as f:
            data = yaml12().load(f)
    except Exception as e:  # a YAML error: an editor flags it too
        return ["YAML: %s" % str(e).splitlines()[0]]
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    out = []
    for e in errors:
        best = jsonschema.exceptions.best_match([e])
        where = "/".join(str(p) for p in best.absolute_path) or "(radice)"
        msg = best.message
        if len(msg) > 160:  # a long list or text quoted whole: say which limit instead
            msg = "%s... [%s %s]" % (msg[:60], best.validator, best.validator_value)
        out.append("%s: %s" % (where, msg))
    return out


def run_check(binary, path):
    """(exit status, stderr) of `binary check path`, run from the file's folder."""
    try:
        p = subprocess.run([binary, "check", os.path.basename(path)], cwd=os.path.dirname(path),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    except subprocess.TimeoutExpired:
        return -1, "timeout"
    return p.returncode, p.stderr.decode("utf-8", "replace")


def expected_error(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# errore: "):
                return line[len("# errore: "):].strip()
            if not line.startswith("#"):
                break
    return None


def first_line(text):
    return text.strip().splitlines()[0] if text.strip() else ""


def generated(tmp):
    """Files past the loader's limits (componenti 1000, movimenti 2000, allegati 100, a value
    1 MiB), built from tests/schema's base file."""
    with open(os.path.join(TOP, "tests", "schema", "base.yaml.in"), encoding="utf-8") as f:
        base = f.read()
    files = []

    def write(name, text, expect):
        path = os.path.join(tmp, name + ".yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write("# errore: %s\n%s" % (expect, text))
        files.append(path)

    members = "".join("  - {cognome: Componente%04d, nome: Nome}\n" % i for i in range(1001))
    head, rest = base.split("componenti:\n", 1)
    rest = rest[rest.index("assenti:"):]
    write("troppi-componenti", head + "componenti:\n" + members + rest,
          "'componenti' ha 1001 elementi")
    write("troppi-movimenti", base + "movimenti:\n" +
          "  - {componente: Verdi, esce: {dopo_la_votazione: 2}}\n" * 2001,
          "'movimenti' ha 2001 elementi")
    annexes = "".join("      - {titolo: Allegato %d, file: a%d.md}\n" % (i, i) for i in range(101))
    write("troppi-allegati", base.replace("    votazioni:\n", "    allegati:\n" + annexes +
                                          "    votazioni:\n", 1),
          "'allegati' ha 101 elementi")
    write("testo-troppo-lungo", base.replace("    votazioni:\n", "    testo: " + "a" * 1048577 +
                                             "\n    votazioni:\n", 1),
          "1048577 byte")
    return files


def main():
    if len(sys.argv) != 2:
        print("uso: /usr/bin/python3 tests/schema_check.py BIN", file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        print("schema_check: '%s' non è un programma eseguibile" % sys.argv[1], file=sys.stderr)
        return 2

    bad = 0
    counts = {"valido": 0, "non valido": 0, "tollerato": 0}

    def report(ok, kind, path, detail):
        nonlocal bad
        name = os.path.relpath(path, TOP) if path.startswith(TOP) else \
            "(generato) " + os.path.basename(path)
        print("%-4s %-10s %s%s" % ("ok" if ok else "FAIL", kind, name,
                                   ": " + detail if detail else ""))
        if ok:
            counts[kind] += 1
        else:
            bad += 1

    # The schema itself: valid JSON, a valid draft-07 schema.
    try:
        with open(SCHEMA, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft7Validator.check_schema(schema)
    except (OSError, ValueError, jsonschema.exceptions.SchemaError) as e:
        print("FAIL schema     %s: %s" % (os.path.relpath(SCHEMA, TOP), str(e).splitlines()[0]))
        print("schema_check: lo schema non è valido")
        return 1
    if schema.get("$schema") != "http://json-schema.org/draft-07/schema#":
        print("FAIL schema     %s: $schema non è draft-07" % os.path.relpath(SCHEMA, TOP))
        return 1
    print("ok   schema     %s: JSON valido, schema draft-07 valido" % os.path.relpath(SCHEMA, TOP))
    table_problems, ntables, nenums = check_tables(schema)
    for p in table_problems:
        print("FAIL tabelle    %s" % p)
    if not table_problems:
        print("ok   tabelle    src/load.c, src/model.c: le chiavi e le obbligatorie di %d mappe e "
              "i valori di %d elenchi sono quelli dello schema" % (ntables, nenums))
    validator = jsonschema.Draft7Validator(schema,
                                           format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    # the body files' schema, which refers to the session's definitions
    with open(ORGANO_SCHEMA, encoding="utf-8") as f:
        organo_schema = json.load(f)
    jsonschema.Draft7Validator.check_schema(organo_schema)
    organo_validator = jsonschema.Draft7Validator(
        organo_schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER,
        resolver=jsonschema.RefResolver.from_schema(
            organo_schema, store={schema["$id"]: schema}))

    # (a) valid files
    scaffold = os.path.join(TOP, "templates", "nuova-seduta.yaml")
    valid = []
    for pattern in ("samples/*.yaml", "tests/golden/*.yaml", "tests/images/*.yaml"):
        valid += sorted(glob.glob(os.path.join(TOP, pattern)))
    valid.append(os.path.join(TOP, "tests", "schema", "base.yaml.in"))
    valid.append(scaffold)
    for path in valid:
        if not os.path.isfile(path):
            report(False, "valido", path, "il file non c'è")
            continue
        errs = schema_errors(validator, path)
        st, err = run_check(binary, path)
        problems = []
        if errs:
            problems.append("lo schema lo rifiuta: " + "; ".join(errs[:3]))
        if st != 0:
            problems.append("verbale check esce con %d: %s" % (st, first_line(err)))
        elif path == scaffold and err.strip():
            problems.append("verbale check avvisa: %s" % first_line(err))
        report(not problems, "valido", path, "; ".join(problems))

    # (a2) valid body files (file_organo): the body files' schema accepts them; the sessions
    # that name them are among the valid files above
    for path in sorted(glob.glob(os.path.join(TOP, "tests", "golden", "*.organo", "*.yaml")) +
                       [os.path.join(TOP, "tests", "errors", "organi", "consiglio.yaml")]):
        errs = schema_errors(organo_validator, path)
        report(not errs, "valido", path, "lo schema dell'organo lo rifiuta: " + "; ".join(errs[:3])
               if errs else "")

    # (b2) invalid body files: the body files' schema rejects each, and check of a session
    # that names it says what its '# errore:' line says
    with tempfile.TemporaryDirectory(prefix="schema-organo-") as tmp:
        for path in sorted(glob.glob(os.path.join(TOP, "tests", "schema", "organo", "*.yaml"))):
            errs = schema_errors(organo_validator, path)
            with open(path, encoding="utf-8") as f, \
                    open(os.path.join(tmp, "organo.yaml"), "w", encoding="utf-8") as g:
                g.write(f.read())
            with open(os.path.join(tmp, "seduta.yaml"), "w", encoding="utf-8") as g:
                g.write(ORGANO_SESSION)
            st, err = run_check(binary, os.path.join(tmp, "seduta.yaml"))
            want = expected_error(path)
            problems = []
            if not errs:
                problems.append("lo schema dell'organo lo accetta")
            if st != 1:
                problems.append("verbale check esce con %d, non 1: %s" % (st, first_line(err)))
            elif want is None or want not in err:
                problems.append("verbale check non dice '%s' ma: %s" % (want, first_line(err)))
            report(not problems, "non valido", path,
                   "; ".join(problems) if problems else "schema: %s" % errs[0][:200])

    # (b) invalid files: each rejected by both, check saying what its '# errore:' line says
    with tempfile.TemporaryDirectory(prefix="schema-check-") as tmp:
        invalid = sorted(glob.glob(os.path.join(TOP, "tests", "schema", "*.yaml")))
        if len(invalid) < 10:
            report(False, "non valido", os.path.join(TOP, "tests", "schema"),
                   "attesi almeno 10 file non validi, trovati %d" % len(invalid))
        invalid += generated(tmp)
        for path in invalid:
            errs = schema_errors(validator, path)
            st, err = run_check(binary, path)
            want = expected_error(path)
            problems = []
            if not errs:
                problems.append("lo schema lo accetta")
            if st != 1:
                problems.append("verbale check esce con %d, non 1: %s" % (st, first_line(err)))
            elif want is None:
                problems.append("manca la riga '# errore: ...' in testa al file")
            elif want not in err:
                problems.append("verbale check non dice '%s' ma: %s" % (want, first_line(err)))
            said = [line for line in err.splitlines() if want and want in line] or [first_line(err)]
            detail = "; ".join(problems) if problems else \
                "schema: %s | verbale: %s" % (errs[0], said[0].split(": errore: ", 1)[-1])
            report(not problems, "non valido", path, detail[:300])

    # (c) tolerated forms: verbale reads them, the schema asks for the canonical form
    for path in sorted(glob.glob(os.path.join(TOP, "tests", "schema", "tolleranze", "*.yaml"))):
        errs = schema_errors(validator, path)
        st, err = run_check(binary, path)
        problems = []
        if not errs:
            problems.append("lo schema lo accetta: non è più una tolleranza, spostarlo tra i "
                            "validi")
        if st != 0:
            problems.append("verbale check esce con %d: %s (ora lo rifiuta: spostarlo tra i "
                            "non validi)" % (st, first_line(err)))
        report(not problems, "tollerato", path,
               "; ".join(problems) if problems else "schema: %s" % errs[0][:200])

    total = sum(counts.values()) + bad
    print("schema_check: %d file: %d validi, %d non validi, %d tollerati concordano; "
          "%d in disaccordo; %d differenze tra le tabelle del caricatore e lo schema"
          % (total, counts["valido"], counts["non valido"], counts["tollerato"], bad,
             len(table_problems)))
    return 1 if bad or table_problems else 0


if __name__ == "__main__":
    sys.exit(main())
