/* template_test.c: the Mustache spec's core modules, escaping, errors and their positions,
 * partials from files, values. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "template.h"
#include "util.h"
#include "ytree.h"

/* --- the spec runner ---------------------------------------------------------------------- */

/* A plain scalar that YAML reads as a number (the spec's 85, 1.210). */
static bool
is_number(const struct ynode *n, double *x)
{
	const char *s = n->s;
	char *end;

	if (!n->plain || n->len == 0 || strchr("+-.0123456789", s[0]) == NULL ||
	    strpbrk(s, "xXnNiI") != NULL)
		return false;
	errno = 0;
	*x = strtod(s, &end);
	return *end == '\0' && errno == 0;
}

/* The spec's data as template values; YAML resolves plain scalars, so do that here. */
static void
to_tval(const struct ynode *n, struct tval *v, struct arena *a)
{
	size_t i;
	double x;

	memset(v, 0, sizeof(*v));
	if (n == NULL)
		return;
	switch (n->kind) {
	case YNODE_SCALAR:
		if (n->plain && (strcmp(n->s, "true") == 0 || strcmp(n->s, "false") == 0))
			tval_bool(v, n->s[0] == 't');
		else if (ytree_is_null(n))
			memset(v, 0, sizeof(*v));
		else if (is_number(n, &x))
			tval_strf(v, a, "%.15g", x);
		else
			tval_str_borrow(v, n->s);
		break;
	case YNODE_SEQ:
		tval_list(v);
		for (i = 0; i < n->n; i++)
			to_tval(n->kids[i], tval_push(v, a), a);
		break;
	case YNODE_MAP:
		tval_map(v);
		for (i = 0; i + 1 < n->n; i += 2)
			to_tval(n->kids[i + 1], tval_set(v, a, n->kids[i]->s), a);
		break;
	}
}

static void
spec_file(const char *shared, const char *name, size_t want_tests)
{
	char *path = xasprintf("%s/testdata/mustache-spec/%s", shared, name);
	char *text = NULL, what[256];
	struct arena *a = arena_new();
	struct diags d;
	const struct ynode *root, *tests;
	size_t len, i;
	bool ok = false;

	harness.test = name;
	diags_init(&d, NULL);
	if (util_read_file(path, 4 * 1024 * 1024, &text, &len) != 0) {
		OK(false, "the spec file can be read (SHARED/testdata/mustache-spec)");
		goto out;
	}
	root = ytree_parse(text, len, name, a, &d, &ok);
	tests = ytree_get(root, "tests");
	OK(ok && tests != NULL && tests->kind == YNODE_SEQ, "the spec file is a list of tests");
	if (tests == NULL || tests->kind != YNODE_SEQ)
		goto out;
	INT_EQ(tests->n, want_tests, "tests in the spec file");
	for (i = 0; i < tests->n; i++) {
		const struct ynode *t = tests->kids[i], *name_n = ytree_get(t, "name"),
		                   *tmpl = ytree_get(t, "template"),
		                   *want = ytree_get(t, "expected");
		struct tval data, partials;
		struct tmpl_opts o = {TMPL_ESCAPE_HTML, false, NULL, NULL, 0, NULL};
		struct buf out = {0};
		struct diags td;
		bool rendered;

		snprintf(what, sizeof(what), "%s: %s", name,
		         name_n != NULL && name_n->kind == YNODE_SCALAR ? name_n->s : "?");
		harness.test = what;
		if (tmpl == NULL || tmpl->kind != YNODE_SCALAR || want == NULL ||
		    want->kind != YNODE_SCALAR) {
			OK(false, "a test has a template and what is expected");
			continue;
		}
		to_tval(ytree_get(t, "data"), &data, a);
		if (ytree_get(t, "partials") != NULL) {
			to_tval(ytree_get(t, "partials"), &partials, a);
			o.partials = &partials;
		}
		diags_init(&td, NULL);
		rendered = tmpl_render(tmpl->s, tmpl->len, "spec", &data, &o, &out, &td);
		OK(rendered && td.n == 0, "renders without errors");
		STR_EQ(out.data != NULL ? out.data : "", want->s, what);
		buf_free(&out);
		diags_clear(&td);
	}
out:
	harness.test = "template spec";
	diags_clear(&d);
	arena_free(a);
	free(text);
	free(path);
}

static void
spec_tests(void)
{
	const char *shared = getenv("SHARED");

	if (shared == NULL || *shared == '\0')
		shared = "../shared";
	spec_file(shared, "interpolation.yml", 42);
	spec_file(shared, "sections.yml", 34);
	spec_file(shared, "inverted.yml", 22);
	spec_file(shared, "comments.yml", 12);
	spec_file(shared, "partials.yml", 12);
	spec_file(shared, "delimiters.yml", 14);
}

/* --- helpers ------------------------------------------------------------------------------ */

/* Render text with one variable x (NULL: none) and the given options; the output, or NULL
 * after errors (the caller frees it). */
static char *
render_x(const char *text, const char *x, const struct tmpl_opts *o, struct diags *d)
{
	struct arena *a = arena_new();
	struct tval data;
	struct buf out = {0};
	bool ok;

	tval_map(&data);
	if (x != NULL)
		tval_str(tval_set(&data, a, "x"), a, x);
	ok = tmpl_render(text, strlen(text), "t.mustache", &data, o, &out, d);
	arena_free(a);
	if (!ok) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

static void
output_is(const char *text, const char *x, enum tmpl_escape esc, const char *want)
{
	struct tmpl_opts o = {esc, true, NULL, NULL, 0, NULL};
	struct diags d;
	char *got;

	diags_init(&d, NULL);
	got = render_x(text, x, &o, &d);
	STR_EQ(got, want, text);
	INT_EQ(d.n, 0, "no reports");
	free(got);
	diags_clear(&d);
}

/* Render text (strict, Markdown, x = "v") and check the one error it gives: id, line:col,
 * message (its beginning only, when msg ends with "..."). */
static void
error_is(const char *text, enum diag_id id, unsigned line, unsigned col, const char *msg)
{
	size_t n = strlen(msg);
	bool prefix = n >= 3 && strcmp(msg + n - 3, "...") == 0;

	struct tmpl_opts o = {TMPL_ESCAPE_MARKDOWN, true, NULL, NULL, 0, NULL};
	struct diags d;
	char *got;

	diags_init(&d, NULL);
	got = render_x(text, "v", &o, &d);
	OK(got == NULL, "rendering fails");
	INT_EQ(d.n, 1, text);
	if (d.n >= 1) {
		INT_EQ(d.v[0].id, id, "message id");
		STR_EQ(d.v[0].pos.file, "t.mustache", "file");
		INT_EQ(d.v[0].pos.line, line, "line");
		INT_EQ(d.v[0].pos.col, col, "column");
		if (prefix)
			CHECK_AT(strncmp(d.v[0].msg, msg, n - 3) == 0,
			         "message: got \"%s\", want \"%s\"", d.v[0].msg, msg);
		else
			STR_EQ(d.v[0].msg, msg, "message");
	}
	free(got);
	diags_clear(&d);
}

/* --- escaping ----------------------------------------------------------------------------- */

static void
escape_tests(void)
{
	harness.test = "template escaping";
	output_is("{{x}}", "*a* _b_\n# c [d](e) 1.", TMPL_ESCAPE_MARKDOWN,
	          "\\*a\\* \\_b\\_ \\# c \\[d\\]\\(e\\) 1\\.");
	output_is("[{{x}}]", " \t\r\n a \n\n\t b \r\n", TMPL_ESCAPE_MARKDOWN, "[a b]");
	output_is("{{x}}", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", TMPL_ESCAPE_MARKDOWN,
	          "\\!\\\"\\#\\$\\%\\&\\'\\(\\)\\*\\+\\,\\-\\.\\/\\:\\;\\<\\=\\>\\?\\@\\[\\\\\\]\\^"
	          "\\_\\`\\{\\|\\}\\~");
	output_is("{{x}}", "città – 1° «sì»", TMPL_ESCAPE_MARKDOWN, "città – 1° «sì»");
	output_is("{{x}}", "*x* _y_ # [z](u) 1. <b>", TMPL_ESCAPE_MARKDOWN,
	          "\\*x\\* \\_y\\_ \\# \\[z\\]\\(u\\) 1\\. \\<b\\>");
	output_is("{{x}}", " \n ", TMPL_ESCAPE_MARKDOWN, "");
	output_is("{{{x}}}|{{& x}}", "*a*\n_b_", TMPL_ESCAPE_MARKDOWN, "*a*\n_b_|*a*\n_b_");
	output_is("{{x}}", "& \" < > '", TMPL_ESCAPE_HTML, "&amp; &quot; &lt; &gt; '");
	output_is("{{{x}}}", "& \" < >", TMPL_ESCAPE_HTML, "& \" < >");
	output_is("{{x}}", "*a* & <b>", TMPL_ESCAPE_NONE, "*a* & <b>");
}

/* --- errors ------------------------------------------------------------------------------- */

static void
error_tests(void)
{
	struct tmpl_opts o = {TMPL_ESCAPE_MARKDOWN, true, NULL, NULL, 0, NULL};
	struct diags d;
	char *got;

	harness.test = "template errors";
	error_is("Ciao\n  {{nome}}!", D_TMPL_UNKNOWN, 2, 3,
	         "variabile sconosciuta 'nome': i dati sono descritti in README.md nella cartella "
	         "dei modelli");
	error_is("città {{ x.y }}", D_TMPL_UNKNOWN, 1, 7,
	         "variabile sconosciuta 'x.y': i dati sono descritti in README.md nella cartella "
	         "dei modelli");
	error_is("[{{#X}}{{/X}}]", D_TMPL_UNKNOWN, 1, 2,
	         "variabile sconosciuta 'X': i dati sono descritti in README.md nella cartella dei "
	         "modelli");
	error_is("a\n{{#sezione}}b", D_TMPL_UNCLOSED_SECTION, 2, 1,
	         "sezione 'sezione' non chiusa: manca '{{/sezione}}'");
	error_is("{{#a}}x{{/b}}", D_TMPL_MISMATCH, 1, 8,
	         "'{{/b}}' chiude la sezione 'b': chiudere prima '{{/a}}'");
	error_is("x\n{{/a}}", D_TMPL_UNOPENED, 2, 1,
	         "'{{/a}}' chiude una sezione mai aperta: toglierlo o aprire prima la "
	         "sezione");
	error_is("ab {{x", D_TMPL_UNCLOSED_TAG, 1, 4, "tag non chiuso: manca '}}'");
	error_is("ab {{{x}}", D_TMPL_UNCLOSED_TAG, 1, 4, "tag non chiuso: manca '}}}'");
	error_is("{{=<% %>=}}\nè <%x", D_TMPL_UNCLOSED_TAG, 2, 3, "tag non chiuso: manca '%>'");
	error_is("a {{ }}", D_TMPL_EMPTY_TAG, 1, 3,
	         "tag senza nome: scrivere tra le graffe il nome di una variabile");
	error_is(
	        "{{=<% =}}", D_TMPL_DELIMS, 1, 1,
	        "delimitatori non validi '<% ': servono due sequenze senza spazi e senza '=', ...");
	error_is("{{= a b c =}}", D_TMPL_DELIMS, 1, 1,
	         "delimitatori non validi ' a b c ': servono due sequenze senza spazi e senza '=', "
	         "...");
	error_is("x{{=<%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%% %>=}}", D_TMPL_DELIMS, 1, 2,
	         "delimitatori non validi '<%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%%% %>': servono "
	         "due sequenze senza spazi e senza '=', ...");
	error_is("\n {{> ../segreti}}", D_TMPL_PARTIAL_NAME, 2, 2,
	         "nome di partial non ammesso '../segreti': solo lettere, cifre, '-' e '_', "
	         "nessun percorso");
	error_is("{{>a/b}}", D_TMPL_PARTIAL_NAME, 1, 1,
	         "nome di partial non ammesso 'a/b': solo lettere, cifre, '-' e '_', nessun "
	         "percorso");
	error_is("{{>a.mustache}}", D_TMPL_PARTIAL_NAME, 1, 1,
	         "nome di partial non ammesso 'a.mustache': solo lettere, cifre, '-' e '_', "
	         "nessun percorso");
	error_is("{{>nessuno}}", D_TMPL_PARTIAL, 1, 1,
	         "partial 'nessuno' non trovato (nessuna cartella di modelli indicata): "
	         "crearlo o correggerne il nome");
	error_is("{{=<% %>=}}\n<%#a%>", D_TMPL_UNCLOSED_SECTION, 2, 1,
	         "sezione 'a' non chiusa: manca '{{/a}}'");

	/* a did-you-mean as a note */
	diags_init(&d, NULL);
	got = render_x("[{{X}}]", "v", &o, &d);
	OK(got == NULL && d.n == 1 && d.v[0].note != NULL, "a suggestion");
	if (d.n == 1 && d.v[0].note != NULL)
		STR_EQ(d.v[0].note, "forse 'x'?", "the suggestion");
	diags_clear(&d);

	/* the mismatch has a note where the section opened; long names are cut */
	diags_init(&d, NULL);
	got = render_x("\n  {{#aperta}}\n{{/chiusa}}", NULL, &o, &d);
	OK(got == NULL && d.n == 1 && d.v[0].note != NULL, "a note");
	if (d.n == 1 && d.v[0].note != NULL) {
		STR_EQ(d.v[0].note, "la sezione 'aperta' è aperta qui", "the note");
		STR_EQ(d.v[0].msg,
		       "'{{/chiusa}}' chiude la sezione 'chiusa': chiudere prima "
		       "'{{/aperta}}'",
		       "the message");
		INT_EQ(d.v[0].note_pos.line, 2, "line of the note");
		INT_EQ(d.v[0].note_pos.col, 3, "column of the note");
	}
	diags_clear(&d);
	got = render_x("{{#àààààààààààààààààààààààààààààààààààààààààààààààààààààààà}}", NULL, &o,
	               &d);
	OK(got == NULL && d.n == 1, "a long name");
	if (d.n == 1)
		STR_EQ(d.v[0].msg,
		       "sezione 'àààààààààààààààààààààààààààààà...' non chiusa: manca "
		       "'{{/àààààààààààààààààààààààààààààà...}}'",
		       "cut at a character");
	diags_clear(&d);

	/* every error of a template is reported, each once */
	diags_init(&d, NULL);
	got = render_x("{{#a}}\n{{#b}}\n{{/c}}{{ }}", NULL, &o, &d);
	OK(got == NULL, "errors fail");
	INT_EQ(d.n, 3, "mismatch (closing b), empty tag, unclosed a");
	diags_clear(&d);
	free(got);
	got = render_x("{{#x}}{{y}}{{y}}{{/x}}{{z}}", "abc", &o, &d);
	INT_EQ(d.n, 3, "every unknown name, once per tag");
	diags_clear(&d);
	free(got);
	o.strict = false;
	got = render_x("[{{y}}{{#z}}a{{/z}}{{^z}}b{{/z}}{{>nessuno}}]", NULL, &o, &d);
	STR_EQ(got, "[b]", "not strict: unknown names and partials are empty");
	INT_EQ(d.n, 0, "not strict: no reports");
	free(got);
	diags_clear(&d);
}

/* A value that is null is known: strict mode accepts it and a dotted name through it. */
static void
strict_tests(void)
{
	struct arena *a = arena_new();
	struct tmpl_opts o = {TMPL_ESCAPE_MARKDOWN, true, NULL, NULL, 0, NULL};
	struct tval data, *m;
	struct buf out = {0};
	struct diags d;
	const char *t;
	bool ok;

	harness.test = "template strict";
	diags_init(&d, NULL);
	tval_map(&data);
	tval_set(&data, a, "vuoto");
	m = tval_set(&data, a, "m");
	tval_map(m);
	tval_str(tval_set(m, a, "k"), a, "v");
	t = "[{{vuoto}}{{vuoto.nome}}{{m.k}}{{#m}}{{k}}{{.}}{{/m}}]";
	ok = tmpl_render(t, strlen(t), "t", &data, &o, &out, &d);
	OK(ok, "null values are known");
	STR_EQ(out.data, "[vv]", "output");
	buf_free(&out);
	ok = tmpl_render("{{m.k.z}}", 9, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_UNKNOWN, "a key missing in a map is unknown");
	buf_free(&out);
	diags_clear(&d);
	arena_free(a);
}

/* Render t over data (strict, no escaping) and compare the output with want. */
static void
renders(const char *t, const struct tval *data, const char *want)
{
	struct tmpl_opts o = {TMPL_ESCAPE_NONE, true, NULL, NULL, 0, NULL};
	struct buf out = {0};
	struct diags d;
	bool ok;

	diags_init(&d, NULL);
	ok = tmpl_render(t, strlen(t), "t", data, &o, &out, &d);
	OK(ok && d.n == 0, t);
	STR_EQ(out.data ? out.data : "", want, t);
	buf_free(&out);
	diags_clear(&d);
}

/* posizione, primo, ultimo and penultimo of list items: not stored, so that one map may be an
 * item of many lists, and each list numbers it its own way. */
static void
item_field_tests(void)
{
	struct arena *a = arena_new();
	struct tval data, *rossi, *bianchi, *verdi, *l, *m;
	struct tmpl_opts o = {TMPL_ESCAPE_NONE, true, NULL, NULL, 0, NULL};
	struct buf out = {0};
	struct diags d;
	bool ok;

	harness.test = "template item fields";
	tval_map(&data);
	rossi = arena_alloc(a, sizeof(*rossi));
	tval_map(rossi);
	tval_str(tval_set_borrow(rossi, a, "n"), a, "Rossi");
	bianchi = arena_alloc(a, sizeof(*bianchi));
	tval_map(bianchi);
	tval_str(tval_set_borrow(bianchi, a, "n"), a, "Bianchi");
	verdi = arena_alloc(a, sizeof(*verdi));
	tval_map(verdi);
	tval_str(tval_set_borrow(verdi, a, "n"), a, "Verdi");
	/* the same maps in two lists, in another order */
	l = tval_set(&data, a, "tre");
	tval_list(l);
	tval_push_shared(l, a, rossi);
	tval_push_shared(l, a, bianchi);
	tval_push_shared(l, a, verdi);
	l = tval_set(&data, a, "due");
	tval_list(l);
	tval_push_shared(l, a, verdi);
	tval_push_shared(l, a, rossi);
	renders("{{#tre}}{{posizione}}.{{n}}{{^ultimo}}{{#penultimo}} e {{/penultimo}}"
	        "{{^penultimo}}, {{/penultimo}}{{/ultimo}}{{/tre}}",
	        &data, "1.Rossi, 2.Bianchi e 3.Verdi");
	renders("{{#due}}{{#primo}}[{{/primo}}{{posizione}}{{n}}{{#ultimo}}]{{/ultimo}}{{/due}}",
	        &data, "[1Verdi2Rossi]");
	/* nested lists: the innermost item's fields; a map section inside an item keeps them */
	renders("{{#due}}{{#tre}}{{posizione}}{{/tre}}/{{posizione}} {{/due}}", &data,
	        "123/1 123/2 ");
	tval_set_borrow(verdi, a, "sede"); /* null: known, and false */
	m = tval_set_borrow(rossi, a, "sede");
	tval_map(m);
	tval_str(tval_set_borrow(m, a, "via"), a, "Roma");
	renders("{{#due}}{{#sede}}{{via}}{{posizione}}{{/sede}}{{/due}}", &data, "Roma2");
	/* a key of the item's own wins; outside a list there are none */
	tval_str(tval_set_borrow(bianchi, a, "posizione"), a, "seconda");
	renders("{{#tre}}{{posizione}} {{/tre}}", &data, "1 seconda 3 ");
	diags_init(&d, NULL);
	ok = tmpl_render("{{posizione}}", 13, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_UNKNOWN, "no posizione outside a list");
	diags_clear(&d);
	buf_free(&out);
	/* a did-you-mean knows them */
	diags_init(&d, NULL);
	ok = tmpl_render("{{#tre}}{{posizone}}{{/tre}}", 28, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_UNKNOWN, "a misspelt item field");
	if (d.n == 1)
		STR_EQ(d.v[0].note, "forse 'posizione'?", "suggested");
	diags_clear(&d);
	buf_free(&out);
	/* maps of one shape share their keys; each may still grow on its own */
	tval_share_keys(rossi, a, bianchi); /* bianchi has posizione too: not the same keys */
	OK(rossi->keys != bianchi->keys && !rossi->shared_keys, "other keys: not shared");
	tval_set_borrow(bianchi, a, "sede");
	tval_set_borrow(verdi, a, "posizione");
	tval_share_keys(verdi, a, rossi); /* n, sede, posizione against n, sede: no */
	OK(!verdi->shared_keys, "more keys: not shared");
	tval_share_keys(bianchi, a, verdi); /* n, posizione, sede against n, sede, posizione */
	OK(!bianchi->shared_keys, "the same keys in another order: not shared");
	m = arena_alloc(a, sizeof(*m));
	tval_map(m);
	tval_str(tval_set(m, a, "n"), a, "Neri"); /* the same key, another copy of it */
	tval_set_borrow(rossi, a, "nota");
	tval_set_borrow(m, a, "sede");
	tval_set_borrow(m, a, "nota");
	tval_share_keys(m, a, rossi);
	OK(m->keys == rossi->keys && m->shared_keys && rossi->shared_keys, "the same keys: shared");
	tval_str(tval_set_borrow(m, a, "tel"), a, "010");
	tval_str(tval_set_borrow(rossi, a, "mail"), a, "r@e.it");
	OK(m->keys != rossi->keys, "a new key: its own keys again");
	tval_set_shared(&data, a, "m", m);
	tval_set_shared(&data, a, "r", rossi);
	renders("{{#m}}{{n}} {{tel}}{{/m}}|{{#r}}{{n}} {{mail}}{{/r}}", &data,
	        "Neri 010|Rossi r@e.it");
	/* a shared value under two keys */
	tval_set_shared(&data, a, "primo_di_tre", rossi);
	tval_set_shared(&data, a, "anche", rossi);
	renders("{{primo_di_tre.n}} {{anche.n}}", &data, "Rossi Rossi");
	arena_free(a);
}

/* --- partials from files ------------------------------------------------------------------ */

static void
write_file(const char *dir, const char *name, const char *text)
{
	char *path = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	OK(f != NULL, path);
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	free(path);
}

static void
remove_file(const char *dir, const char *name)
{
	char *path = xasprintf("%s/%s", dir, name);

	remove(path);
	free(path);
}

static void
file_tests(void)
{
	static const char *const files[] = {"self.mustache",  "indent.mustache", "top.mustache",
	                                    "riga.mustache",  "rotto.mustache",  "usa.mustache",
	                                    "grande.mustache"};
	char tmp[] = "/tmp/verbale-tmpl-XXXXXX";
	struct arena *a = arena_new();
	struct tmpl_opts o = {TMPL_ESCAPE_MARKDOWN, true, NULL, NULL, 0, NULL};
	struct tval data;
	struct buf out = {0};
	struct diags d;
	char *path;
	size_t i;
	bool ok;

	harness.test = "template files";
	diags_init(&d, NULL);
	if (mkdtemp(tmp) == NULL) {
		OK(false, "mkdtemp");
		arena_free(a);
		return;
	}
	o.dir = tmp;
	tval_map(&data);
	tval_str(tval_set(&data, a, "nome"), a, "Rossi");
	tval_bool(tval_set(&data, a, "sì"), true);

	write_file(tmp, "self.mustache", "x{{>self}}");
	write_file(tmp, "indent.mustache", "- a\n  {{>indent}}\n");
	write_file(tmp, "top.mustache", "inizio\n  {{>riga}}\nfine {{nome}}\n");
	write_file(tmp, "riga.mustache", "uno\n{{#sì}}\ndue {{nome}}\n{{/sì}}\n");
	write_file(tmp, "rotto.mustache", "a\n  {{#b}}\n");
	write_file(tmp, "usa.mustache", "{{>rotto}}");

	ok = tmpl_render_file("top", &data, &o, &out, &d);
	OK(ok, "top renders");
	STR_EQ(out.data, "inizio\n  uno\n  due Rossi\nfine Rossi\n", "standalone partial indented");
	buf_free(&out);

	ok = tmpl_render_file("self", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_DEPTH, "a partial including itself");
	path = xasprintf("%s/self.mustache", tmp);
	if (d.n == 1) {
		STR_EQ(d.v[0].pos.file, path, "named by its file");
		INT_EQ(d.v[0].pos.line, 1, "at its tag's line");
		INT_EQ(d.v[0].pos.col, 2, "at its tag's column");
		STR_EQ(d.v[0].msg,
		       "partial annidati oltre 32 livelli: un partial include sé stesso?",
		       "message");
	}
	free(path);
	buf_free(&out);
	diags_clear(&d);

	o.max_depth = 3;
	ok = tmpl_render_file("indent", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_DEPTH, "an indented partial including itself");
	buf_free(&out);
	diags_clear(&d);
	o.max_depth = 0;

	ok = tmpl_render_file("usa", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_UNCLOSED_SECTION, "an error in a partial");
	path = xasprintf("%s/rotto.mustache", tmp);
	if (d.n == 1) {
		STR_EQ(d.v[0].pos.file, path, "named by the partial's file");
		INT_EQ(d.v[0].pos.line, 2, "line in the partial");
		INT_EQ(d.v[0].pos.col, 3, "column in the partial");
	}
	free(path);
	buf_free(&out);
	diags_clear(&d);

	ok = tmpl_render("a {{>nessuno}}", 14, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_PARTIAL, "a missing partial, strict");
	if (d.n == 1) {
		INT_EQ(d.v[0].pos.col, 3, "at its tag");
		path = xasprintf("partial 'nessuno' non trovato (%s/nessuno.mustache): crearlo o "
		                 "correggerne il nome",
		                 tmp);
		STR_EQ(d.v[0].msg, path, "the file looked for");
		free(path);
	}
	buf_free(&out);
	diags_clear(&d);
	o.strict = false;
	ok = tmpl_render("a {{>nessuno}}b", 15, "t", &data, &o, &out, &d);
	OK(ok && d.n == 0, "a missing partial, not strict");
	STR_EQ(out.data, "a b", "is empty");
	buf_free(&out);
	o.strict = true;

	ok = tmpl_render_file("nessuno", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_MISSING, "a missing template file");
	if (d.n == 1) {
		path = xasprintf("modello '%s/nessuno.mustache' non trovato: crearlo nella "
		                 "cartella dei modelli o correggerne il nome",
		                 tmp);
		STR_EQ(d.v[0].msg, path, "its message");
		free(path);
	}
	buf_free(&out);
	diags_clear(&d);
	ok = tmpl_render_file("../etc/passwd", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_PARTIAL_NAME, "a template name with ../");
	buf_free(&out);
	diags_clear(&d);

	/* a file over 1 MiB */
	{
		struct buf big = {0};

		for (i = 0; i < 1024 * 1024 / 8 + 1; i++)
			buf_puts(&big, "{{nome}}");
		write_file(tmp, "grande.mustache", big.data);
		buf_free(&big);
	}
	ok = tmpl_render("{{>grande}}", 11, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_FILE_TOO_BIG, "a partial over 1 MiB");
	buf_free(&out);
	diags_clear(&d);

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		remove_file(tmp, files[i]);
	OK(rmdir(tmp) == 0, "the temporary folder is left empty");
	arena_free(a);
}

/* In-memory partials: indentation, messages naming the partial. */
static void
partial_tests(void)
{
	struct arena *a = arena_new();
	struct tmpl_opts o = {TMPL_ESCAPE_NONE, true, NULL, NULL, 0, NULL};
	struct tval data, partials, *l;
	struct buf out = {0};
	struct diags d;
	const char *t;
	bool ok;

	harness.test = "template partials";
	diags_init(&d, NULL);
	tval_map(&partials);
	tval_str(tval_set(&partials, a, "lista"), a, "{{#l}}\n- {{.}}\n  {{>voce}}\n{{/l}}\n");
	tval_str(tval_set(&partials, a, "voce"), a, "({{.}})\n\n{{! c }}x\n");
	tval_str(tval_set(&partials, a, "rotto"), a, "ok\n {{/fine}}");
	o.partials = &partials;
	tval_map(&data);
	l = tval_set(&data, a, "l");
	tval_list(l);
	tval_str(tval_push(l, a), a, "a");
	tval_str(tval_push(l, a), a, "b\nc");

	t = "> {{>lista}}\n  {{>lista}}";
	ok = tmpl_render(t, strlen(t), "t", &data, &o, &out, &d);
	OK(ok, "renders");
	STR_EQ(out.data,
	       "> - a\n  (a)\n  \n  x\n- b\nc\n  (b\nc)\n  \n  x\n"
	       "\n  - a\n    (a)\n    \n    x\n  - b\nc\n    (b\nc)\n    \n    x\n",
	       "indentation of each line of the partials, not of the values");
	buf_free(&out);

	ok = tmpl_render("{{>rotto}}", 10, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_UNOPENED, "an error in a partial");
	if (d.n == 1) {
		STR_EQ(d.v[0].pos.file, "rotto", "named by the partial's name");
		INT_EQ(d.v[0].pos.line, 2, "line");
		INT_EQ(d.v[0].pos.col, 2, "column");
	}
	buf_free(&out);
	diags_clear(&d);
	arena_free(a);
}

/* --- hostile templates -------------------------------------------------------------------- */

static void
hostile_tests(void)
{
	static const char *const bits[] = {
	        "{{", "}}",          "{{{",  "}}}",  "#",      "^",      "/",    ">", "!",
	        "=",  "&",           "a",    ".",    " ",      "\n",     "\r\n", "x", "<%",
	        "%>", "{{=<% %>=}}", "\xC3", "\xA8", "{{#a}}", "{{/a}}", "\t"};
	struct arena *a = arena_new();
	struct tmpl_opts o = {TMPL_ESCAPE_HTML, false, NULL, NULL, 0, NULL};
	struct tval data, partials, *l;
	struct buf t = {0}, out = {0};
	struct diags d;
	unsigned long seed = 12345;
	size_t i, k;
	bool ok;

	harness.test = "template hostile";
	diags_init(&d, NULL);
	tval_map(&data);
	tval_bool(tval_set(&data, a, "a"), true);
	tval_map(tval_set(&data, a, "m"));
	l = tval_set(&data, a, "x");
	tval_list(l);
	tval_str(tval_push(l, a), a, "1");
	tval_str(tval_push(l, a), a, "2");
	tval_map(&partials);
	tval_str(tval_set(&partials, a, "a"), a, "{{#x}}{{>a}}{{/x}}");
	tval_str(tval_set(&partials, a, "x"), a, "  {{>x}}\n{{>a}}");
	o.partials = &partials;

	/* random templates from Mustache fragments: never a crash (the sanitizers watch) */
	for (i = 0; i < 3000; i++) {
		size_t n = 1 + i % 40;

		t.len = 0;
		for (k = 0; k < n; k++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			buf_puts(&t, bits[(seed >> 33) % (sizeof(bits) / sizeof(bits[0]))]);
		}
		o.strict = i % 2;
		tmpl_render(t.data, t.len, "t", &data, &o, &out, &d);
		out.len = 0;
		diags_clear(&d);
	}
	OK(true, "random templates");

	/* deep nesting: no recursion in C */
	t.len = 0;
	for (i = 0; i < 100000; i++)
		buf_puts(&t, "{{#a}}");
	buf_putc(&t, 'x');
	for (i = 0; i < 100000; i++)
		buf_puts(&t, "{{/a}}");
	o.strict = true;
	ok = tmpl_render(t.data, t.len, "t", &data, &o, &out, &d);
	OK(ok, "100000 nested sections");
	STR_EQ(out.data, "x", "output");
	out.len = 0;

	/* deep nesting of maps: every lookup walks the stack, within the budget */
	t.len = 0;
	for (i = 0; i < 30000; i++)
		buf_puts(&t, "{{#m}}");
	for (i = 0; i < 30000; i++)
		buf_puts(&t, "{{/m}}");
	ok = tmpl_render(t.data, t.len, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_DEPTH, "30000 nested maps");
	out.len = 0;
	diags_clear(&d);

	/* unclosed everything: every section reported, nothing quadratic */
	t.len = 0;
	for (i = 0; i < 20000; i++)
		buf_puts(&t, "{{#a}}{{/b}}");
	ok = tmpl_render(t.data, t.len, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 20000, "20000 mismatches");
	diags_clear(&d);
	t.len = 0;
	for (i = 0; i < 200000; i++)
		buf_puts(&t, "{{{{");
	ok = tmpl_render(t.data, t.len, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_UNCLOSED_TAG, "one unclosed tag");
	diags_clear(&d);

	/* a partial that recurses through a list grows exponentially: stopped */
	ok = tmpl_render("{{>a}}", 6, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_DEPTH, "recursion through a list");
	out.len = 0;
	diags_clear(&d);
	ok = tmpl_render("{{>x}}", 6, "t", &data, &o, &out, &d);
	OK(!ok && d.n == 1 && d.v[0].id == D_TMPL_DEPTH, "indented recursion");
	diags_clear(&d);

	buf_free(&t);
	buf_free(&out);
	arena_free(a);
}

/* --- values ------------------------------------------------------------------------------- */

static void
value_tests(void)
{
	struct arena *a = arena_new();
	struct tval m, l, *v, *w;
	const struct tval *g;
	char key[16];
	int i;

	harness.test = "template values";
	tval_map(&m);
	v = tval_set(&m, a, "uno");
	INT_EQ(v->kind, TV_NULL, "a new key is null");
	tval_str(v, a, "1");
	w = tval_set(&m, a, "uno");
	OK(w == v, "setting a key again gives the same slot");
	STR_EQ(w->s, "1", "with its value");
	tval_strf(tval_set(&m, a, "due"), a, "%d", 2);
	for (i = 0; i < 100; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		tval_bool(tval_set(&m, a, key), i % 2);
	}
	INT_EQ(m.n, 102, "keys");
	STR_EQ(m.keys[0], "uno", "insertion order");
	STR_EQ(m.keys[101], "k99", "insertion order, last");
	g = tval_get(&m, "uno");
	OK(g != NULL && g->kind == TV_STR && strcmp(g->s, "1") == 0, "tval_get after growth");
	g = tval_get(&m, "k7");
	OK(g != NULL && g->kind == TV_BOOL && g->b, "a boolean");
	OK(tval_get(&m, "tre") == NULL, "a missing key");
	OK(tval_get(NULL, "uno") == NULL, "NULL map");
	tval_list(&l);
	OK(tval_get(&l, "uno") == NULL, "a list is not a map");
	for (i = 0; i < 1000; i++)
		tval_strf(tval_push(&l, a), a, "%d", i);
	INT_EQ(l.n, 1000, "items");
	STR_EQ(l.items[999]->s, "999", "last item");
	STR_EQ(l.items[0]->s, "0", "first item");
	{
		char s[] = "presto";

		tval_str(l.items[1], a, s);
		s[0] = 'P';
		STR_EQ(l.items[1]->s, "presto", "tval_str copies");
		tval_str_borrow(l.items[2], "prestato");
		STR_EQ(l.items[2]->s, "prestato", "tval_str_borrow");
	}
	arena_free(a);
}

void
template_tests(void)
{
	spec_tests();
	escape_tests();
	error_tests();
	strict_tests();
	file_tests();
	partial_tests();
	hostile_tests();
	value_tests();
	item_field_tests();
}
