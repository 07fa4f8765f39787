/* manifest_test.c: the manifest's records, written and read back; damaged lines refused. */
#include <stdlib.h>

#include "harness.h"
#include "manifest.h"

/* r written by manifest_put: the line, newline included, malloc'd. */
static char *
put(const struct manifest_record *r)
{
	struct buf b = {0};

	manifest_put(&b, r);
	return buf_detach(&b);
}

/* line (with its newline) read back by manifest_parse into r; line is cut there. */
static enum manifest_type
parse(char *line, struct manifest_record *r)
{
	size_t n = strlen(line);

	if (n > 0 && line[n - 1] == '\n')
		line[n - 1] = '\0';
	return manifest_parse(line, r);
}

static void
roundtrip_tests(void)
{
	struct manifest_record r, got;
	char *line;

	harness.test = "manifest: a session, escapes";
	memset(&r, 0, sizeof(r));
	r.type = MANIFEST_SESSION;
	r.rel = "2022/a\tb\\c\nd.yaml";
	r.env = 0x0123456789abcdefULL;
	line = put(&r);
	STR_EQ(line, "S\t2022/a\\tb\\\\c\\nd.yaml\t0123456789abcdef\n", "the line");
	INT_EQ(parse(line, &got), MANIFEST_SESSION, "read back");
	STR_EQ(got.rel, "2022/a\tb\\c\nd.yaml", "rel");
	OK(got.env == 0x0123456789abcdefULL, "env");
	free(line);

	harness.test = "manifest: an input";
	memset(&r, 0, sizeof(r));
	r.type = MANIFEST_INPUT;
	r.in.path = "//modelli/verbale.mustache";
	r.in.size = 12345;
	r.in.mtime = 1645632000123456789LL;
	r.in.hash = 0xffffffffffffffffULL;
	line = put(&r);
	STR_EQ(line,
	       "I\t//modelli/verbale.mustache\t12345\t1645632000123456789\tffffffffffffffff\n",
	       "the line");
	INT_EQ(parse(line, &got), MANIFEST_INPUT, "read back");
	STR_EQ(got.in.path, "//modelli/verbale.mustache", "path");
	INT_EQ(got.in.size, 12345, "size");
	INT_EQ(got.in.mtime, 1645632000123456789LL, "mtime");
	OK(got.in.hash == 0xffffffffffffffffULL, "hash");
	free(line);

	harness.test = "manifest: a missing input";
	r.in.path = "allegato.md";
	r.in.size = r.in.mtime = -1;
	r.in.hash = 0;
	line = put(&r);
	STR_EQ(line, "I\tallegato.md\t-1\t-1\t0000000000000000\n", "the line");
	INT_EQ(parse(line, &got), MANIFEST_INPUT, "read back");
	INT_EQ(got.in.size, -1, "size");
	INT_EQ(got.in.mtime, -1, "mtime");
	OK(got.in.hash == 0, "hash");
	free(line);

	harness.test = "manifest: an act";
	memset(&r, 0, sizeof(r));
	r.type = MANIFEST_ACT;
	r.act.numero = "12";
	r.act.data = "2022-02-23";
	r.act.ente = "Città metropolitana di Torino";
	r.act.organo = NULL; /* written as empty */
	r.act.oggetto = "Bilancio:\tvariazione\n\"urgente\"";
	r.act.esito = "approvata";
	r.act.documento = "-12";
	line = put(&r);
	STR_EQ(line,
	       "A\t12\t2022-02-23\tCittà metropolitana di Torino\t\tBilancio:\\tvariazione\\n"
	       "\"urgente\"\tapprovata\t-12\n",
	       "the line");
	INT_EQ(parse(line, &got), MANIFEST_ACT, "read back");
	STR_EQ(got.act.numero, "12", "numero");
	STR_EQ(got.act.data, "2022-02-23", "data");
	STR_EQ(got.act.ente, "Città metropolitana di Torino", "ente");
	STR_EQ(got.act.organo, "", "organo");
	STR_EQ(got.act.oggetto, "Bilancio:\tvariazione\n\"urgente\"", "oggetto");
	STR_EQ(got.act.esito, "approvata", "esito");
	STR_EQ(got.act.documento, "-12", "documento");
	free(line);
	/* a line of the manifest before acts had their documents: no record */
	line = xstrdup("A\t12\t2022-02-23\tente\torgano\toggetto\tapprovata");
	INT_EQ(parse(line, &got), MANIFEST_BAD, "an act without its document");
	free(line);

	harness.test = "manifest: end, orphan, document, status";
	memset(&r, 0, sizeof(r));
	r.type = MANIFEST_END;
	line = put(&r);
	STR_EQ(line, "E\n", "end");
	INT_EQ(parse(line, &got), MANIFEST_END, "end read back");
	free(line);
	r.type = MANIFEST_ORPHAN;
	r.rel = "b/tolta.yaml";
	line = put(&r);
	STR_EQ(line, "O\tb/tolta.yaml\n", "orphan");
	INT_EQ(parse(line, &got), MANIFEST_ORPHAN, "orphan read back");
	STR_EQ(got.rel, "b/tolta.yaml", "orphan's rel");
	free(line);
	r.type = MANIFEST_DOC;
	r.rel = "-DEL_3-copia";
	line = put(&r);
	STR_EQ(line, "F\t-DEL_3-copia\n", "document");
	INT_EQ(parse(line, &got), MANIFEST_DOC, "document read back");
	STR_EQ(got.rel, "-DEL_3-copia", "document's suffix");
	free(line);
	r.type = MANIFEST_STATUS;
	r.status = 3;
	line = put(&r);
	STR_EQ(line, "R\t3\n", "status");
	INT_EQ(parse(line, &got), MANIFEST_STATUS, "status read back");
	INT_EQ(got.status, 3, "the status");
	free(line);

	harness.test = "manifest: a message and its note";
	memset(&r, 0, sizeof(r));
	r.type = MANIFEST_DIAG;
	r.id = 17;
	r.level = 2;
	r.pos.file = "a/s.yaml";
	r.pos.line = 41;
	r.pos.col = 7;
	r.text = "membro sconosciuto 'Cagno'";
	line = put(&r);
	STR_EQ(line, "D\t17\t2\ta/s.yaml\t41\t7\tmembro sconosciuto 'Cagno'\n", "the message");
	INT_EQ(parse(line, &got), MANIFEST_DIAG, "read back");
	INT_EQ(got.id, 17, "id");
	INT_EQ(got.level, 2, "level");
	STR_EQ(got.pos.file, "a/s.yaml", "file");
	INT_EQ(got.pos.line, 41, "line");
	INT_EQ(got.pos.col, 7, "col");
	STR_EQ(got.text, "membro sconosciuto 'Cagno'", "message");
	free(line);
	r.type = MANIFEST_NOTE;
	r.pos.file = NULL; /* no file: an empty field, NULL again */
	r.pos.line = r.pos.col = 0;
	r.text = "forse 'Cogno'?";
	line = put(&r);
	STR_EQ(line, "N\t\t0\t0\tforse 'Cogno'?\n", "the note");
	INT_EQ(parse(line, &got), MANIFEST_NOTE, "read back");
	OK(got.pos.file == NULL, "no file");
	INT_EQ(got.pos.line, 0, "line");
	STR_EQ(got.text, "forse 'Cogno'?", "note");
	free(line);

	harness.test = "manifest: no record, nothing written";
	memset(&r, 0, sizeof(r));
	r.type = MANIFEST_BAD;
	line = put(&r);
	OK(line == NULL || *line == '\0', "MANIFEST_BAD writes nothing");
	free(line);
}

static void
damaged_tests(void)
{
	/* each line is no record: an unknown letter, a field missing, or cut short */
	static const char *const bad[] = {
	        "",
	        "X\tsomething",
	        "s\trel\t0000000000000001",           /* letters are upper case */
	        "SS\trel\t0000000000000001",          /* one letter */
	        "S",                                  /* no rel, no env */
	        "S\trel",                             /* no env */
	        "I\tpath\t12\t-1",                    /* no hash */
	        "A\t12\t2022-02-23\tente\torgano\tx", /* no esito */
	        "O",                                  /* no rel */
	        "R",                                  /* no status */
	        "D\t17\t2\tf\t1\t2",                  /* no message */
	        "N\tf\t1\t2",                         /* no note */
	        "\tS\trel\t0",                        /* a tab first */
	};
	struct manifest_record r;
	size_t i;

	harness.test = "manifest: damaged lines";
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *line = xstrdup(bad[i]);

		r.type = MANIFEST_END;
		r.rel = "stale";
		CHECK_AT(manifest_parse(line, &r) == MANIFEST_BAD && r.type == MANIFEST_BAD &&
		                 r.rel == NULL,
		         "'%s' is read as a record", bad[i]);
		free(line);
	}

	harness.test = "manifest: lines read leniently, as they always were";
	{
		char line[] = "E\tmore";
		INT_EQ(manifest_parse(line, &r), MANIFEST_END, "E with a field more");
	}
	{
		char line[] = "S\trel\tzz\tmore";
		INT_EQ(manifest_parse(line, &r), MANIFEST_SESSION, "a field more, a bad number");
		STR_EQ(r.rel, "rel", "rel");
		OK(r.env == 0, "a number that is no number reads as 0");
	}
	{
		char line[] = "O\tcut\\";
		INT_EQ(manifest_parse(line, &r), MANIFEST_ORPHAN, "a backslash last");
		STR_EQ(r.rel, "cut\\", "kept as it is");
	}
	{
		char line[] = "O\ta\\qb";
		INT_EQ(manifest_parse(line, &r), MANIFEST_ORPHAN, "an unknown escape");
		STR_EQ(r.rel, "aqb", "the escaped character itself");
	}
}

void
manifest_tests(void)
{
	roundtrip_tests();
	damaged_tests();
}
