/*
 * style_test.c: the style defaults compiled in are the values of the shipped
 * templates/stile.yaml, so that a key left out of a style file changes nothing.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "harness.h"
#include "markdown.h"
#include "style.h"
#include "typeset.h"
#include "util.h"

#define NUM_EQ(got, want, what)                                                                    \
	CHECK_AT(fabs((got) - (want)) < 1e-9, "%s: compiled in %.6f, stile.yaml %.6f", what,       \
	         (double)(got), (double)(want))

/* Load a style file holding text; its quotes, or -1 after errors (d gets them). */
static int
load_text(const char *dir, const char *text, struct diags *d)
{
	char *path = util_join(dir, "stile.yaml");
	struct arena *a = arena_new();
	struct ts_style st;
	FILE *fp = fopen(path, "w");
	int q = -2;

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
		q = style_load(path, NULL, &st, a, d) ? st.quotes : -1;
		remove(path);
	}
	arena_free(a);
	free(path);
	return q;
}

/* testo.virgolette: each value, and a wrong one with the message of every enumerated key. */
static void
quotes_tests(void)
{
	char dir[] = "/tmp/verbale-style-XXXXXX";
	struct diags d;

	harness.test = "style virgolette";
	if (mkdtemp(dir) == NULL) {
		OK(false, "a temporary folder");
		return;
	}
	diags_init(&d, NULL);
	INT_EQ(load_text(dir, "testo:\n  virgolette: alte\n", &d), MARKDOWN_QUOTES_HIGH, "alte");
	INT_EQ(load_text(dir, "testo:\n  virgolette: basse\n", &d), MARKDOWN_QUOTES_LOW, "basse");
	INT_EQ(load_text(dir, "testo:\n  virgolette: dritte\n", &d), MARKDOWN_QUOTES_STRAIGHT,
	       "dritte");
	INT_EQ(load_text(dir, "testo:\n  corpo: 11\n", &d), MARKDOWN_QUOTES_HIGH, "left out: alte");
	INT_EQ(d.n, 0, "no reports");
	INT_EQ(load_text(dir, "testo:\n  virgolette: francesi\n", &d), -1, "francesi: an error");
	INT_EQ(d.n, 1, "one report");
	if (d.n == 1) {
		INT_EQ(d.v[0].id, D_ENUM, "D_ENUM");
		STR_EQ(d.v[0].msg,
		       "'virgolette': valore 'francesi' non ammesso; valori ammessi: alte, basse, "
		       "dritte",
		       "the message");
		INT_EQ(d.v[0].pos.line, 2, "at the value's line");
		INT_EQ(d.v[0].pos.col, 15, "and column");
	}
	diags_clear(&d);
	rmdir(dir);
}

void
style_tests(void)
{
	struct ts_style def, file;
	struct arena *a = arena_new();
	struct diags d;
	bool ok;

	harness.test = "style defaults = templates/stile.yaml";
	diags_init(&d, NULL);
	style_default(&def);
	ok = style_load("templates/stile.yaml", NULL, &file, a, &d);
	OK(ok && d.errors == 0, "templates/stile.yaml loads without errors");
	NUM_EQ(def.page_width, file.page_width, "pagina.larghezza");
	NUM_EQ(def.page_height, file.page_height, "pagina.altezza");
	NUM_EQ(def.margin_top, file.margin_top, "pagina.margine_alto");
	NUM_EQ(def.margin_bottom, file.margin_bottom, "pagina.margine_basso");
	NUM_EQ(def.margin_left, file.margin_left, "pagina.margine_sinistro");
	NUM_EQ(def.margin_right, file.margin_right, "pagina.margine_destro");
	NUM_EQ(def.size, file.size, "testo.corpo");
	NUM_EQ(def.leading, file.leading, "testo.interlinea");
	NUM_EQ(def.para_skip, file.para_skip, "testo.spazio_paragrafi");
	NUM_EQ(def.indent, file.indent, "testo.rientro");
	NUM_EQ(def.heading_size[0], file.heading_size[0], "testo.titolo1");
	NUM_EQ(def.heading_size[1], file.heading_size[1], "testo.titolo2");
	NUM_EQ(def.heading_size[2], file.heading_size[2], "testo.titolo3");
	NUM_EQ(def.code_size, file.code_size, "testo.codice");
	NUM_EQ(def.tolerance, file.tolerance, "testo.tolleranza");
	NUM_EQ(def.pretolerance, file.pretolerance, "testo.pretolleranza");
	INT_EQ(def.hyphen_penalty, file.hyphen_penalty, "testo.penalita_sillabazione");
	NUM_EQ(def.margin_size, file.margin_size, "margini.corpo");
	NUM_EQ(def.header_skip, file.header_skip, "margini.distanza_testata");
	NUM_EQ(def.footer_skip, file.footer_skip, "margini.distanza_piede");
	NUM_EQ(def.logo_height, file.logo_height, "margini.altezza_logo");
	/* the texts have no default (no header, footer or metadata), and the font families' are
	 * fonts.c's: stile.yaml writes them all */
	OK(def.header == NULL && def.footer == NULL && def.title == NULL, "no default texts");
	OK(file.header != NULL && file.footer != NULL && file.title != NULL &&
	           file.subject != NULL && file.keywords != NULL && file.register_header != NULL &&
	           file.register_footer != NULL && file.register_title != NULL,
	   "stile.yaml writes every text");
	INT_EQ(def.quotes, file.quotes, "testo.virgolette");
	INT_EQ(def.quotes, MARKDOWN_QUOTES_HIGH, "virgolette: alte by default");
	diags_clear(&d);
	arena_free(a);
	quotes_tests();
}
