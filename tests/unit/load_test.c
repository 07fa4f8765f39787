/* load_test.c: the YAML tree (positions, aliases, limits) and the session loader. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "load.h"
#include "util.h"
#include "ytree.h"

static struct ynode *
parse(const char *text, struct arena *a, struct diags *d, bool *ok)
{
	return ytree_parse(text, strlen(text), "t.yaml", a, d, ok);
}

static void
tree_tests(void)
{
	struct arena *a = arena_new();
	struct diags d;
	struct ynode *root;
	const struct ynode *n;
	struct buf deep = {0};
	bool ok;
	int i;

	harness.test = "load tree";
	diags_init(&d, NULL);
	root = parse("a: 1\nb:\n  - x\n  - 'y'\nc: |\n  riga uno\n  riga due\n", a, &d, &ok);
	OK(ok && root != NULL && root->kind == YNODE_MAP, "a mapping");
	n = ytree_get(root, "b");
	if (n == NULL || n->kind != YNODE_SEQ || n->n != 2) {
		OK(false, "b is a two-item list");
		arena_free(a);
		return;
	}
	INT_EQ(n->kids[1]->pos.line, 4, "line of 'y'");
	INT_EQ(n->kids[1]->pos.col, 5, "column of 'y'");
	OK(n->kids[0]->plain && !n->kids[1]->plain, "plain and quoted");
	n = ytree_get(root, "c");
	if (n == NULL) {
		OK(false, "c is there");
		arena_free(a);
		return;
	}
	STR_EQ(n->s, "riga uno\nriga due\n", "literal block");
	INT_EQ(n->pos.line, 5, "block indicator line");
	INT_EQ(n->content.line, 6, "block content line");
	INT_EQ(n->content.col, 3, "block content column");

	root = parse("a: &x [1, 2]\nb: *x\n", a, &d, &ok);
	OK(ok && ytree_get(root, "b")->n == 2, "an alias gives the anchored value");

	root = parse("a: &x [1, *x]\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_ALIAS_RECURSIVE, "alias inside its own anchor");
	diags_clear(&d);

	root = parse("a: &x 1\nb: *nessuno\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_ALIAS_UNDEFINED, "alias never defined");
	diags_clear(&d);

	root = parse("a: *nessuno\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_VALUE_QUOTE, "'*' in a file without anchors: quote");
	diags_clear(&d);

	root = parse("a: &urgente testo\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_VALUE_QUOTE, "'&' in a file without aliases: quote");
	INT_EQ(d.v[0].pos.col, 4, "at the '&'");
	diags_clear(&d);

	buf_puts(&deep, "a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
	for (i = 1; i < 9; i++) {
		char p[8];

		snprintf(p, sizeof(p), "*a%d", i - 1);
		buf_printf(&deep, "a%d: &a%d [%s,%s,%s,%s,%s,%s,%s,%s,%s,%s]\n", i, i, p, p, p, p,
		           p, p, p, p, p, p);
	}
	root = parse(deep.data, a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_ALIAS_TOO_BIG, "alias bomb refused");
	INT_EQ(d.v[0].pos.line, 5, "at the alias that goes over the limit");
	diags_clear(&d);
	buf_free(&deep);

	for (i = 0; i < YTREE_MAX_DEPTH + 1; i++)
		buf_putc(&deep, '[');
	for (i = 0; i < YTREE_MAX_DEPTH + 1; i++)
		buf_putc(&deep, ']');
	root = parse(deep.data, a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_TOO_DEEP, "nesting over the limit refused");
	INT_EQ(d.v[0].pos.col, YTREE_MAX_DEPTH + 1, "at the first bracket too deep");
	diags_clear(&d);
	buf_free(&deep);

	root = parse("a: b: c\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_YAML_SYNTAX, "syntax error");
	INT_EQ(d.v[0].pos.line, 1, "syntax error line");
	INT_EQ(d.v[0].pos.col, 5, "syntax error column");
	diags_clear(&d);

	root = parse("a: \xC3\xA0\nb: \xC3\x28\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_YAML_ENCODING, "invalid UTF-8");
	INT_EQ(d.v[0].pos.line, 2, "invalid UTF-8 line");
	INT_EQ(d.v[0].pos.col, 4, "invalid UTF-8 column");
	diags_clear(&d);

	root = parse("a: 1\nb: citt\xE0\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_ENCODING_LEGACY, "a Latin-1 file");
	INT_EQ(d.v[0].pos.col, 8, "at its first byte that is not UTF-8");
	diags_clear(&d);

	root = parse("seduta:\n  data: 1\nora: 2\n  luogo: x\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_YAML_INDENT_LESS, "a key dedented");
	INT_EQ(d.v[0].pos.line, 3, "at the line of the dedented key");
	diags_clear(&d);

	root = parse("a: 1\n---\nb: 2\n", a, &d, &ok);
	OK(!ok && d.n == 1 && d.v[0].id == D_FILE_MULTIDOC, "two documents refused");
	diags_clear(&d);
	arena_free(a);
}

static const char minimal[] = "ente: Comune di Prova\n"
                              "organo: Consiglio comunale\n"
                              "seduta: {data: 2024-03-05, ora: '18:30', presidente: Rossi,\n"
                              "  segretario: {nome: Anna, cognome: Neri}}\n"
                              "componenti:\n"
                              "  - {cognome: Rossi, nome: Mario}\n"
                              "  - {cognome: Bianchi, nome: Luca}\n"
                              "  - {cognome: D'Amico, nome: Sara, id: sd}\n"
                              "deliberazioni:\n"
                              "  - numero: '1'\n"
                              "    oggetto: Prova\n"
                              "    votazioni:\n"
                              "      - {oggetto: intera deliberazione, favorevoli: tutti}\n"
                              "firme: [{qualifica: Il Presidente, nome: Mario Rossi}]\n";

/* minimal + extra loads with no report, under preset name, modified or not. */
static void
rules_is(const char *base, const char *extra, const char *name, bool modified)
{
	struct diags d;
	char *text = xasprintf("%s%s", base, extra);
	struct session *s;

	diags_init(&d, NULL);
	s = load_session(text, strlen(text), "r.yaml", &d);
	INT_EQ(d.n, 0, extra);
	STR_EQ(s->regole.preset, name, extra);
	INT_EQ(s->regole.modified, modified, extra);
	session_free(s);
	diags_clear(&d);
	free(text);
}

/* minimal with its organo line replaced by organo (and extra added): its tipo_organo. */
static void
body_is(const char *organo, const char *extra, enum body_kind kind)
{
	struct diags d;
	const char *rest = strstr(minimal, "seduta:");
	char *text = xasprintf("ente: Comune di Prova\n%s%s%s", organo, extra, rest);
	struct session *s;

	diags_init(&d, NULL);
	s = load_session(text, strlen(text), "t.yaml", &d);
	INT_EQ(d.n, 0, organo);
	INT_EQ(s->tipo_organo, kind, organo);
	INT_EQ(s->tipo_organo_set, extra[0] != '\0', organo);
	session_free(s);
	diags_clear(&d);
	free(text);
}

/* minimal + extra: its one error's message and position. */
static void
error_is(const char *extra, const char *msg, int line, int col)
{
	struct diags d;
	char *text = xasprintf("%s%s", minimal, extra);
	struct session *s;

	diags_init(&d, NULL);
	s = load_session(text, strlen(text), "e.yaml", &d);
	diags_flush(&d);
	INT_EQ(d.errors, 1, extra);
	if (d.n > 0) {
		STR_EQ(d.v[0].msg, msg, extra);
		INT_EQ(d.v[0].pos.line, line, extra);
		INT_EQ(d.v[0].pos.col, col, extra);
	}
	session_free(s);
	diags_clear(&d);
	free(text);
}

/* genere on every person, with its short forms; ruolo_esatto; senza_voto as maps. */
static void
gender_tests(void)
{
	struct diags d;
	struct session *s;
	char *full = xasprintf(
	        "ente: Comune di Prova\n"
	        "organo: Giunta comunale\n"
	        "seduta: {data: 2024-03-05, presidente: Rossi, presidente_genere: m,\n"
	        "  segretario: {nome: Anna, cognome: Neri, genere: f, ruolo_esatto: true}}\n"
	        "componenti:\n"
	        "  - {cognome: Rossi, nome: Maria, genere: femminile}\n"
	        "  - {cognome: Bianchi, nome: Luca, genere: m, ruolo: Assessore}\n"
	        "  - {cognome: Verdi, nome: Sara, ruolo: Assessora}\n"
	        "  - {cognome: Neri, nome: Ada, ruolo: Assessore anziano, "
	        "ruolo_esatto: true, genere: f}\n"
	        "senza_voto:\n"
	        "  intestazione: i Revisori\n"
	        "  elenco: [Ugo Tosi, {nome: Lia Galli, genere: femminile}]\n"
	        "deliberazioni:\n"
	        "  - numero: '1'\n"
	        "    oggetto: Prova\n"
	        "    votazioni:\n"
	        "      - {oggetto: intera deliberazione, favorevoli: tutti}\n"
	        "firme: [{qualifica: La Sindaca, nome: Maria Rossi}]\n");
	diags_init(&d, NULL);
	s = load_session(full, strlen(full), "g.yaml", &d);
	INT_EQ(d.n, 0, "genere everywhere: no report");
	INT_EQ(s->tipo_organo, BODY_GIUNTA, "a Giunta");
	OK(s->componenti[0].genere.set && s->componenti[0].genere.g == GENDER_FEMMINILE,
	   "femminile");
	OK(s->componenti[1].genere.set && s->componenti[1].genere.g == GENDER_MASCHILE, "m");
	OK(!s->componenti[2].genere.set, "not given");
	OK(model_member_feminine(s, 2), "Assessora: a woman");
	OK(!model_member_feminine(s, 1), "Assessore, m: a man");
	OK(s->componenti[3].ruolo_esatto, "ruolo_esatto");
	OK(s->seduta.segretario.genere.set && s->seduta.segretario.genere.g == GENDER_FEMMINILE,
	   "secretary: f");
	OK(s->seduta.segretario.ruolo_esatto, "secretary: ruolo_esatto");
	OK(model_president_feminine(s), "the member's genere wins over presidente_genere: m");
	INT_EQ(s->nsenza_voto, 2, "two without a vote");
	STR_EQ(s->senza_voto_elenco[0].nome.s, "Ugo Tosi", "a plain string");
	OK(!s->senza_voto_elenco[0].genere.set, "no genere");
	STR_EQ(s->senza_voto_elenco[1].nome.s, "Lia Galli", "a map's nome");
	OK(s->senza_voto_elenco[1].genere.g == GENDER_FEMMINILE, "a map's genere");
	session_free(s);
	diags_clear(&d);
	free(full);

	error_is("tipo_organo: giunte\n",
	         "'tipo_organo': valore 'giunte' non ammesso (forse 'giunta'?); valori ammessi: "
	         "consiglio, giunta, commissione, assemblea",
	         15, 14);
	error_is("senza_voto: {elenco: [{nome: Lia Galli, genere: donna}]}\n",
	         "'genere': valore 'donna' non ammesso; valori ammessi: maschile, femminile", 15,
	         49);
}

static void
session_tests(void)
{
	struct diags d;
	struct session *s;
	char *bad;

	harness.test = "load session";
	diags_init(&d, NULL);
	s = load_session(minimal, strlen(minimal), "m.yaml", &d);
	OK(s != NULL, "minimal session loads");
	INT_EQ(d.n, 0, "no reports");
	INT_EQ(s->ncomponenti, 3, "three members");
	INT_EQ(s->seduta.ora.h, 18, "hour");
	INT_EQ(s->seduta.ora.m, 30, "minute");
	INT_EQ(s->seduta.presidente.member, 0, "president resolved");
	INT_EQ(s->deliberazioni[0].votazioni[0].favorevoli.kind, VL_TUTTI, "tutti");
	STR_EQ(s->regole.preset, "tuel", "tuel by default");
	INT_EQ(s->nvotes, 1, "one vote");
	session_free(s);

	/* regole as a map: modified only when a key besides base changes the preset */
	rules_is(minimal, "regole: {base: torino_metropolitana}\n", "torino_metropolitana", false);
	rules_is(minimal, "regole: {base: tuel, parita: voto_presidente}\n", "tuel", true);
	rules_is(minimal, "regole: {maggioranza: presenti}\n", "tuel", true);

	/* tipo_organo: given, or inferred from organo */
	body_is("organo: Consiglio comunale\n", "", BODY_CONSIGLIO);
	body_is("organo: Giunta comunale\n", "", BODY_GIUNTA);
	body_is("organo: GIUNTA dell'Unione\n", "", BODY_GIUNTA);
	body_is("organo: Commissione consiliare Bilancio\n", "", BODY_COMMISSIONE);
	body_is("organo: Assemblea dei sindaci\n", "", BODY_ASSEMBLEA);
	body_is("organo: Comitato di gestione\n", "", BODY_CONSIGLIO);
	body_is("organo: Giunta comunale\n", "tipo_organo: consiglio\n", BODY_CONSIGLIO);
	body_is("organo: Conferenza dei sindaci\n", "tipo_organo: assemblea\n", BODY_ASSEMBLEA);
	gender_tests();

	/* The same with an unknown key, a bad date and a misspelt member. */
	bad = xstrdup(minimal);
	memcpy(strstr(bad, "organo"), "organi", 6);
	memcpy(strstr(bad, "2024-03-05"), "2024-02-30", 10);
	memcpy(strstr(bad, "presidente: Rossi"), "presidente: Rosso", 17);
	s = load_session(bad, strlen(bad), "m.yaml", &d);
	OK(s != NULL, "a session with errors still loads");
	INT_EQ(d.errors, 4, "four errors: unknown key, missing organo, date, member");
	diags_flush(&d);
	STR_EQ(d.v[0].msg, "manca la chiave obbligatoria 'organo'", "missing key");
	STR_EQ(d.v[1].msg, "chiave sconosciuta 'organi'; forse 'organo'?", "unknown key");
	INT_EQ(d.v[1].pos.line, 2, "unknown key line");
	STR_EQ(d.v[2].msg,
	       "'data': '2024-02-30' non è una data valida (AAAA-MM-GG, per esempio 2022-02-23)",
	       "bad date");
	STR_EQ(d.v[3].msg, "'Rosso' non è un componente; forse 'Rossi'?", "member suggestion");
	INT_EQ(d.v[3].pos.col, 54, "member column");
	session_free(s);
	diags_clear(&d);
	free(bad);
}

static struct session *
load_text(const char *text, struct diags *d)
{
	return load_session(text, strlen(text), "r.yaml", d);
}

/* Every key of regole, empty or ~: the rules are those of the file without the key. */
static void
empty_rules_tests(void)
{
	static const char *const keys[] = {
	        "base",     "assegnati",        "numero_legale", "numero_legale_seconda",
	        "astenuti", "non_partecipanti", "maggioranza",   "parita",
	        "fonte"};
	static const char *const empties[] = {"", " ~", " null", " # nulla"};
	size_t k, e;

	harness.test = "load: an empty value is not given";
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const char *other = strcmp(keys[k], "numero_legale") == 0 ? "  assegnati: 20\n"
		                                                          : "  numero_legale: 12\n";
		char *without = xasprintf("%sregole:\n%s", minimal, other);
		struct diags d;
		struct session *a, *b;

		diags_init(&d, NULL);
		a = load_text(without, &d);
		for (e = 0; e < sizeof(empties) / sizeof(empties[0]); e++) {
			char *with = xasprintf("%sregole:\n  %s:%s\n%s", minimal, keys[k],
			                       empties[e], other);
			const struct rules *x = &a->regole, *y;

			b = load_text(with, &d);
			y = &b->regole;
			INT_EQ(d.n, 0, with);
			STR_EQ(y->preset, x->preset, with);
			INT_EQ(y->modified, x->modified, with);
			INT_EQ(y->assegnati.set, x->assegnati.set, with);
			INT_EQ(y->numero_legale.kind, x->numero_legale.kind, with);
			INT_EQ(y->numero_legale.n, x->numero_legale.n, with);
			INT_EQ(y->seconda_set, x->seconda_set, with);
			INT_EQ(y->numero_legale_seconda.kind, x->numero_legale_seconda.kind, with);
			INT_EQ(y->numero_legale_seconda.n, x->numero_legale_seconda.n, with);
			INT_EQ(y->astenuti, x->astenuti, with);
			INT_EQ(y->non_partecipanti, x->non_partecipanti, with);
			INT_EQ(y->maggioranza, x->maggioranza, with);
			INT_EQ(y->parita, x->parita, with);
			OK((y->fonte.s == NULL) == (x->fonte.s == NULL), with);
			session_free(b);
			free(with);
		}
		session_free(a);
		diags_clear(&d);
		free(without);
	}
	/* the case found in the field: second call, numero_legale 12, numero_legale_seconda empty
	 */
	{
		char *text = xasprintf("%sregole:\n  numero_legale: 12\n  numero_legale_seconda:\n",
		                       minimal);
		struct diags d;
		struct session *s;

		diags_init(&d, NULL);
		s = load_text(text, &d);
		INT_EQ(s->regole.seconda_set, false, "numero_legale_seconda empty is not given");
		INT_EQ(s->regole.numero_legale_seconda.kind, QUORUM_NUMBER,
		       "second call: a number");
		INT_EQ(s->regole.numero_legale_seconda.n, 12, "second call: numero_legale's 12");
		session_free(s);
		diags_clear(&d);
		free(text);
	}
}

/* Where the k-th character of a value is written: escapes, doubled quotes, accents. */
static void
char_pos_tests(void)
{
	static const char text[] = "a: Nicolò Rossi\n"
	                           "b: 'l''ora X'\n"
	                           "c: \"\\u00e8 \\x41 \\0Z\"\n"
	                           "d: |\n  blocco\n";
	struct arena *a = arena_new();
	struct diags d;
	bool ok;
	struct ynode *root;
	struct pos p;

	harness.test = "ytree_char_pos";
	diags_init(&d, NULL);
	root = ytree_parse(text, strlen(text), "p.yaml", a, &d, &ok);
	INT_EQ(d.errors, 1, "the \\0 is reported");
	p = ytree_char_pos(text, strlen(text), ytree_get(root, "a"), 7);
	INT_EQ(p.col, 11, "plain: after an accented letter, a column a character");
	p = ytree_char_pos(text, strlen(text), ytree_get(root, "b"), 6);
	INT_EQ(p.col, 12, "single quotes: '' is one character written in two columns");
	p = ytree_char_pos(text, strlen(text), ytree_get(root, "c"), 4);
	INT_EQ(p.col, 17, "double quotes: \\u00e8 and \\x41 are one character each");
	INT_EQ(d.v[0].pos.line, 3, "the NUL's line");
	INT_EQ(d.v[0].pos.col, 17, "the NUL's column: its backslash");
	p = ytree_char_pos(text, strlen(text), ytree_get(root, "d"), 3);
	INT_EQ(p.line, 5, "a block: its first content line");
	diags_clear(&d);
	arena_free(a);
}

/* A session whose one act carries pareri (the text given, at column 4 of line 10). */
static struct session *
pareri_load(const char *pareri, struct diags *d)
{
	char *text =
	        xasprintf("ente: Comune di Prova\n"
	                  "organo: Consiglio comunale\n"
	                  "seduta: {data: 2024-03-05, presidente: Rossi, segretario: {nome: A, "
	                  "cognome: Neri}}\n"
	                  "componenti:\n"
	                  "  - {cognome: Rossi, nome: Mario}\n"
	                  "deliberazioni:\n"
	                  "  - numero: '1'\n"
	                  "    oggetto: Prova\n"
	                  "    votazioni: [{oggetto: intera deliberazione, favorevoli: tutti}]\n"
	                  "%s"
	                  "firme: [{qualifica: Il Sindaco, nome: Mario Rossi}]\n",
	                  pareri);
	struct session *s;

	diags_init(d, NULL);
	s = load_session(text, strlen(text), "p.yaml", d);
	diags_flush(d);
	free(text);
	return s;
}

/* pareri (art. 49 TUEL): every key, every value of tipo and esito, a missing tipo and esito. */
static void
pareri_tests(void)
{
	static const char *const esiti[] = {"favorevole", "contrario", "non_dovuto"};
	struct diags d;
	struct session *s;
	const struct act *a;
	size_t i;

	harness.test = "load pareri";
	s = pareri_load("    contabile: true\n"
	                "    pareri:\n"
	                "      - tipo: regolarita_tecnica\n"
	                "        esito: favorevole\n"
	                "        responsabile: il Responsabile del Servizio tecnico\n"
	                "        data: 2024-03-01\n"
	                "        motivazione: conforme\n"
	                "      - {tipo: regolarita_contabile, esito: contrario}\n",
	                &d);
	INT_EQ(d.n, 0, "pareri: no report");
	a = &s->deliberazioni[0];
	OK(a->contabile, "contabile: true");
	INT_EQ(a->npareri, 2, "two pareri");
	INT_EQ(a->pareri[0].tipo, PARERE_TECNICA, "regolarita_tecnica");
	INT_EQ(a->pareri[0].esito, PARERE_FAVOREVOLE, "favorevole");
	STR_EQ(a->pareri[0].responsabile.s, "il Responsabile del Servizio tecnico", "responsabile");
	OK(a->pareri[0].data.set && a->pareri[0].data.y == 2024 && a->pareri[0].data.m == 3 &&
	           a->pareri[0].data.d == 1,
	   "data");
	STR_EQ(a->pareri[0].motivazione.s, "conforme", "motivazione");
	INT_EQ(a->pareri[0].pos.line, 12, "a parere's position: its line");
	INT_EQ(a->pareri[0].tipo_pos.col, 15, "tipo's value: its column");
	INT_EQ(a->pareri[1].tipo, PARERE_CONTABILE, "regolarita_contabile");
	INT_EQ(a->pareri[1].esito, PARERE_CONTRARIO, "contrario");
	OK(a->pareri[1].responsabile.s == NULL && !a->pareri[1].data.set, "optional keys");
	session_free(s);
	diags_clear(&d);

	s = pareri_load("", &d);
	INT_EQ(d.n, 0, "no pareri: no report");
	OK(!s->deliberazioni[0].contabile && s->deliberazioni[0].npareri == 0,
	   "none, not contabile");
	session_free(s);
	diags_clear(&d);

	for (i = 0; i < sizeof(esiti) / sizeof(esiti[0]); i++) {
		char *p = xasprintf("    pareri: [{tipo: regolarita_tecnica, esito: %s}]\n",
		                    esiti[i]);

		s = pareri_load(p, &d);
		INT_EQ(d.n, 0, esiti[i]);
		INT_EQ(s->deliberazioni[0].pareri[0].esito, (int)i, esiti[i]);
		STR_EQ(model_parere_outcome_names[i], esiti[i], "the names' table");
		session_free(s);
		diags_clear(&d);
		free(p);
	}

	s = pareri_load("    pareri:\n      - esito: favorevole\n", &d);
	INT_EQ(d.errors, 1, "no tipo: one error");
	if (d.n > 0) {
		STR_EQ(d.v[0].msg, "manca la chiave obbligatoria 'tipo' in 'pareri'", "no tipo");
		INT_EQ(d.v[0].pos.line, 11, "no tipo: the parere's line");
		INT_EQ(d.v[0].pos.col, 9, "no tipo: the parere's column");
	}
	session_free(s);
	diags_clear(&d);

	s = pareri_load("    pareri: [{tipo: regolarita_tecnica}]\n", &d);
	INT_EQ(d.errors, 1, "no esito: one error");
	if (d.n > 0) {
		STR_EQ(d.v[0].msg, "manca la chiave obbligatoria 'esito' in 'pareri'", "no esito");
		INT_EQ(d.v[0].pos.line, 10, "no esito: the parere's line");
		INT_EQ(d.v[0].pos.col, 14, "no esito: the parere's column");
	}
	session_free(s);
	diags_clear(&d);

	s = pareri_load("    pareri: [{tipo: tecnica, esito: favorevole}]\n", &d);
	INT_EQ(d.errors, 1, "a tipo not allowed: one error");
	if (d.n > 0)
		STR_EQ(d.v[0].msg,
		       "'tipo': valore 'tecnica' non ammesso; valori ammessi: regolarita_tecnica, "
		       "regolarita_contabile",
		       "a tipo not allowed");
	session_free(s);
	diags_clear(&d);
}

/* Whether a member is in office on a day: dal and al both inclusive, each optional. */
static void
office_tests(void)
{
	struct member m;
	struct date day = {2024, 3, 5, {NULL, 0, 0}, true, DATE_DAY}, none;

	harness.test = "model_member_in_office";
	memset(&m, 0, sizeof(m));
	memset(&none, 0, sizeof(none));
	OK(model_member_in_office(&m, &day), "no dates: in office");
	m.dal = (struct date){2024, 3, 5, {NULL, 0, 0}, true, DATE_DAY};
	OK(model_member_in_office(&m, &day), "from the day itself");
	m.dal.d = 6;
	OK(!model_member_in_office(&m, &day), "from the day after");
	OK(model_member_in_office(&m, &none), "no sitting's date: in office");
	m.dal.set = false;
	m.al = (struct date){2024, 3, 5, {NULL, 0, 0}, true, DATE_DAY};
	OK(model_member_in_office(&m, &day), "to the day itself");
	m.al = (struct date){2024, 2, 29, {NULL, 0, 0}, true, DATE_DAY};
	OK(!model_member_in_office(&m, &day), "to the day before");
	m.al = (struct date){2023, 12, 31, {NULL, 0, 0}, true, DATE_DAY};
	m.dal = (struct date){2023, 1, 1, {NULL, 0, 0}, true, DATE_DAY};
	OK(!model_member_in_office(&m, &day), "a past term");
	m.al.y = 2025;
	OK(model_member_in_office(&m, &day), "a term around the day");
	INT_EQ(model_date_cmp(&m.dal, &m.al), -1, "date_cmp: before");
	INT_EQ(model_date_cmp(&m.al, &m.dal), 1, "date_cmp: after");
	INT_EQ(model_date_cmp(&m.al, &m.al), 0, "date_cmp: the same");
}

/* A session that names a body file (written in a folder of its own) with session_text. */
static struct session *
organo_load(const char *dir, const char *session_text, struct diags *d)
{
	char *file = util_join(dir, "s.yaml");
	struct load_opts o = {NULL, NULL, NULL, NULL};
	struct session *s;

	diags_init(d, NULL);
	s = load_session_with(session_text, strlen(session_text), file, &o, d);
	free(file);
	return s;
}

static void
organo_tests(void)
{
	static const char body[] = "ente: Comune di Prova\n"
	                           "organo: Giunta comunale\n"
	                           "regole: {base: torino_metropolitana, assegnati: 9}\n"
	                           "componenti:\n"
	                           "  - {cognome: Rossi, nome: Mario, ruolo: Sindaco}\n"
	                           "  - {cognome: Bianchi, nome: Luca, al: 2024-01-31}\n"
	                           "  - {cognome: Verdi, nome: Anna, dal: 2024-02-01}\n";
	static const char tail[] = "seduta:\n  data: 2024-03-05\n  presidente: Rossi\n"
	                           "  segretario: {nome: Anna, cognome: Neri}\n"
	                           "deliberazioni:\n  - numero: \"1\"\n    oggetto: Prova\n"
	                           "    votazioni: [{oggetto: tutto, favorevoli: tutti}]\n"
	                           "firme: [{qualifica: Il Sindaco, nome: Mario Rossi}]\n";
	char tmpl[] = "/tmp/verbale-organo-XXXXXX", *dir = mkdtemp(tmpl), *path, *text;
	struct diags d;
	struct session *s;
	FILE *f;

	harness.test = "load file_organo";
	if (dir == NULL) {
		OK(false, "a temporary folder");
		return;
	}
	path = util_join(dir, "organo.yaml");
	f = fopen(path, "w");
	OK(f != NULL && fputs(body, f) >= 0 && fclose(f) == 0, "the body file written");

	text = xasprintf("file_organo: organo.yaml\n%s", tail);
	s = organo_load(dir, text, &d);
	INT_EQ(d.errors, 0, "no errors");
	if (s != NULL) {
		STR_EQ(s->ente.s, "Comune di Prova", "ente from the body file");
		INT_EQ(s->tipo_organo, BODY_GIUNTA, "tipo_organo inferred from the body's organo");
		INT_EQ(s->ncomponenti, 2, "Bianchi, out of office, is not among the members");
		INT_EQ(s->nfuori_carica, 1, "... but kept aside");
		STR_EQ(s->componenti[1].cognome.s, "Verdi", "Verdi, in office since February");
		STR_EQ(s->componenti[0].pos.file, path, "a member's position names the body file");
		INT_EQ(s->componenti[0].pos.line, 5, "... at its line");
		STR_EQ(s->regole.preset, "torino_metropolitana", "the body's rules");
		INT_EQ(s->regole.assegnati.v, 9, "... with their assegnati");
		STR_EQ(s->organo_path, path, "the body file as read");
	}
	session_free(s);
	diags_clear(&d);
	free(text);

	text = xasprintf("file_organo: organo.yaml\nente: Comune di Altrove\n"
	                 "regole: {maggioranza: presenti}\n"
	                 "componenti: [{cognome: Rossi, nome: Mario}]\n%s",
	                 tail);
	s = organo_load(dir, text, &d);
	INT_EQ(d.errors, 0, "a session over the body: no errors");
	if (s != NULL) {
		STR_EQ(s->ente.s, "Comune di Altrove", "the session's ente replaces the body's");
		STR_EQ(s->organo.s, "Giunta comunale", "organo still the body's");
		INT_EQ(s->ncomponenti, 1, "the session's componenti replace the body's whole");
		STR_EQ(s->regole.preset, "torino_metropolitana",
		       "regole merged: the body's preset");
		INT_EQ(s->regole.assegnati.v, 9, "regole merged: the body's assegnati");
		INT_EQ(s->regole.maggioranza, MAJ_PRESENTI,
		       "regole merged: the session's maggioranza");
	}
	session_free(s);
	diags_clear(&d);
	free(text);

	text = xasprintf("file_organo: organo.yaml\nregole: tuel\n%s", tail);
	s = organo_load(dir, text, &d);
	if (s != NULL) {
		STR_EQ(s->regole.preset, "tuel", "a preset's name replaces the body's rules");
		OK(!s->regole.assegnati.set, "... whole");
	}
	session_free(s);
	diags_clear(&d);
	free(text);

	text = xasprintf("file_organo: organo.yaml\nassenti: [Bianchi]\n%s", tail);
	s = organo_load(dir, text, &d);
	INT_EQ(d.errors, 1, "naming a member out of office: one error");
	if (d.n > 0)
		STR_EQ(d.v[0].msg,
		       "'Bianchi' non è in carica il giorno della seduta (2024-03-05): la sua "
		       "carica "
		       "finisce il 2024-01-31; toglierne il nome o correggere 'dal' e 'al' del "
		       "componente",
		       "out of office: the message");
	session_free(s);
	diags_clear(&d);
	free(text);

	text = xasprintf("file_organo: ../fuori.yaml\n%s", tail);
	s = organo_load(dir, text, &d);
	OK(s == NULL && d.errors == 1, "a body file outside the folder: nothing loaded, one error");
	diags_clear(&d);
	free(text);

	unlink(path);
	rmdir(dir);
	free(path);
}

/* Every message id has its Italian text in the catalogue. */
static void
catalogue_tests(void)
{
	int id;

	harness.test = "catalogue";
	for (id = 0; id < D_ID_MAX; id++)
		CHECK_AT(diag_format((enum diag_id)id) != NULL, "message %d has no text", id);
}

void
load_tests(void)
{
	catalogue_tests();
	tree_tests();
	session_tests();
	empty_rules_tests();
	char_pos_tests();
	pareri_tests();
	office_tests();
	organo_tests();
}
