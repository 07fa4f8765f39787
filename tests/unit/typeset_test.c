/*
 * typeset_test.c: layout rules checked on the typesetter's own page model: no widow or orphan
 * lines, a keep-together group never split, a heading never last on a page, justified lines
 * exactly filling their measure, and text never lost.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "fonts.h"
#include "harness.h"
#include "hyphenate.h"
#include "markdown.h"
#include "text.h"
#include "style.h"
#include "typeset.h"
#include "util.h"

struct layout {
	struct fonts *f;
	struct hyphenator *h;
	struct ts_style st;
	struct ts_hooks hooks;
	struct diags d;
};

static struct ts_doc *
layout(struct layout *L, const char *md)
{
	struct cmark_node *ast = markdown_parse(md, strlen(md));
	struct ts_doc *doc = ts_typeset(ast, &L->st, L->f, L->h, &L->hooks, &L->d);

	markdown_free(ast);
	return doc;
}

/* Check every rule on doc; what names the document in messages. */
static void
check_rules(const struct ts_doc *doc, const char *what)
{
	size_t p, i, k;
	unsigned prev_block = 0, prev_group = 0;
	int prev_page_lines = 0;

	harness.test = what;
	for (p = 0; p < doc->npages; p++) {
		const struct ts_page *pg = &doc->pages[p];
		const struct ts_line *first = NULL, *last = NULL;
		int count = 0;

		for (i = 0; i < pg->nlines; i++) {
			const struct ts_line *l = &pg->lines[i];

			if (l->role == TS_MARGIN)
				continue;
			if (first == NULL)
				first = l;
			last = l;
			/* justified lines fill the measure; no line is wider than it */
			if (l->nruns > 0) {
				const struct ts_run *r = &l->runs[l->nruns - 1];
				double right = r->x + r->width, end = l->left + l->measure;

				if (l->role == TS_BODY)
					CHECK_AT(right > end - 0.05 && right < end + 0.05,
					         "page %zu: justified line ends at %.2f, measure "
					         "ends "
					         "at %.2f: %s",
					         p + 1, right, end, l->runs[0].text);
				else
					CHECK_AT(right < end + 0.05, "page %zu: line overflows: %s",
					         p + 1, l->runs[0].text);
				for (k = 0; k + 1 < l->nruns; k++)
					CHECK_AT(l->runs[k].x + l->runs[k].width <=
					                 l->runs[k + 1].x + 0.01,
					         "page %zu: runs overlap", p + 1);
			}
		}
		if (first == NULL)
			continue;
		/* a paragraph split across pages leaves at least two lines on each side */
		if (p > 0 && first->block == prev_block && first->role != TS_CODE) {
			int here = 0;

			for (i = 0; i < pg->nlines; i++)
				here += pg->lines[i].block == first->block &&
				        pg->lines[i].role != TS_MARGIN;
			CHECK_AT(prev_page_lines >= 2, "page %zu starts after an orphan line",
			         p + 1);
			CHECK_AT(here >= 2, "page %zu starts with a widow line: %s", p + 1,
			         first->nruns ? first->runs[0].text : "");
		}
		/* a keep-together group is never split */
		CHECK_AT(first->group == 0 || first->group != prev_group,
		         "page %zu continues keep-together group %u", p + 1, first->group);
		/* a heading is never the last line of a page */
		if (p + 1 < doc->npages)
			CHECK_AT(last->role != TS_HEADING, "page %zu ends with a heading: %s",
			         p + 1, last->nruns ? last->runs[0].text : "");
		prev_block = last->block;
		prev_group = last->group;
		for (i = 0; i < pg->nlines; i++)
			count +=
			        pg->lines[i].block == last->block && pg->lines[i].role != TS_MARGIN;
		prev_page_lines = count;
	}
}

/* Paragraphs of varied length, headings and groups, so that breaks fall everywhere. */
static char *
synthetic(unsigned seed)
{
	static const char *const words[] = {
	        "deliberazione",
	        "il",
	        "Consiglio",
	        "metropolitano",
	        "approva",
	        "della",
	        "seduta",
	        "programmatiche",
	        "e",
	        "di",
	        "quinquennio",
	        "con",
	        "voti",
	        "favorevoli",
	        "l'art.",
	        "n. 56",
	        "città",
	        "perché",
	        "Sindaco",
	        "regolamento",
	        "presenti",
	        "votanti",
	};
	struct buf b = {0};
	unsigned x = seed, i, w, n;

	for (i = 0; i < 60; i++) {
		x = x * 1103515245u + 12345u;
		switch ((x >> 16) % 7) {
		case 0: buf_printf(&b, "### Titolo %u\n\n", i); break;
		case 1:
			buf_puts(&b, "<!-- verbale:insieme -->\n\n");
			for (w = 0; w < 8; w++)
				buf_printf(&b, "Riga %u del gruppo %u\n\n", w, i);
			buf_puts(&b, "<!-- verbale:fine -->\n\n");
			break;
		case 2: buf_puts(&b, "* * *\n\n"); break;
		default:
			n = 5 + (x >> 8) % 120;
			for (w = 0; w < n; w++) {
				x = x * 1103515245u + 12345u;
				buf_printf(&b, "%s%s", w ? " " : "",
				           words[(x >> 16) % (sizeof(words) / sizeof(words[0]))]);
			}
			buf_puts(&b, ".\n\n");
		}
	}
	return buf_detach(&b);
}

/* Every run of doc's text lines lies between the margins (a list's marker hangs in the left
 * one), whatever the nesting; returns how many runs were looked at. */
static size_t
check_on_page(const struct layout *L, const struct ts_doc *doc, const char *what)
{
	double lo = L->st.margin_left - 0.05, hi = L->st.page_width - L->st.margin_right + 0.05;
	size_t p, i, k, n = 0;
	bool ok = true;

	harness.test = what;
	for (p = 0; p < doc->npages && ok; p++)
		for (i = 0; i < doc->pages[p].nlines && ok; i++) {
			const struct ts_line *l = &doc->pages[p].lines[i];

			for (k = 0; k < l->nruns && ok; k++) {
				const struct ts_run *r = &l->runs[k];

				ok = r->x >= lo && r->x + r->width <= hi;
				CHECK_AT(ok,
				         "page %zu: run from %.1f to %.1f, text from %.1f to %.1f: "
				         "%s",
				         p + 1, r->x, r->x + r->width, lo, hi, r->text);
				n++;
			}
		}
	return n;
}

/* Deep nesting: no recursion to overflow the stack, no text off the page. */
static void
deep(struct layout *L)
{
	static const struct {
		const char *open;
		size_t n;
		const char *what;
	} cases[] = {
	        {"> ", 40000, "40,000 quotes"},   {"- ", 50000, "50,000 list items"},
	        {"> ", 25, "25 quotes"},          {"- ", 30, "30 list items"},
	        {"1. ", 30, "30 numbered items"}, {"> - ", 20, "20 quotes and lists"},
	};
	struct ts_doc *doc;
	char *md, *text;
	size_t i, w;
	struct buf words = {0};

	for (w = 0; w < 200; w++)
		buf_puts(&words, w % 7 ? "parola " : "deliberazione ");
	text = buf_detach(&words);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		md = harness_repeat(cases[i].open, cases[i].n, text);
		doc = layout(L, md);
		harness.test = cases[i].what;
		OK(doc != NULL && doc->npages >= 1, "laid out");
		if (doc != NULL)
			OK(check_on_page(L, doc, cases[i].what) > 0, "text on the page");
		ts_free(doc);
		free(md);
	}
	free(text);
}

static size_t
count_pages(const struct ts_doc *doc)
{
	return doc ? doc->npages : 0;
}

/* A stand-in for render.c's image hook: "a.png" is a 100 x 50 PNG, anything else remote. */
static const char *
fake_image(void *ctx, const char *url, const char **why, enum ts_image_kind *kind, double *w,
           double *h)
{
	int *calls = ctx;

	(*calls)++;
	if (strcmp(url, "a.png") != 0) {
		*why = "remota";
		return NULL;
	}
	*kind = TS_IMAGE_PNG;
	*w = 100;
	*h = 50;
	return "a.png";
}

/* An image is drawn only alone in its paragraph; any other is its description, with a
 * warning; each image is asked about, and warned about, once. */
static void
images(struct layout *L)
{
	static const struct {
		const char *md;
		int drawn, calls;
		const char *warnings, *what;
	} cases[] = {
	        {"![a](a.png)\n", 1, 1, "", "alone: drawn"},
	        {"testo ![a](a.png) testo\n", 0, 1, "I", "inside text"},
	        {"![a](a.png)\n![b](a.png)\n", 0, 2, "II", "two in one paragraph"},
	        {"![r](r.png)\n", 0, 1, "S", "alone, remote: asked once"},
	        {"testo ![r](r.png)\n", 0, 1, "S", "inside text, remote"},
	        {"- ![a](a.png)\n- testo ![a](a.png)\n", 1, 2, "I", "in list items"},
	        {"# Titolo ![a](a.png)\n", 0, 1, "I", "in a heading"},
	        {"[![a](a.png)](https://e.it/)\n", 0, 1, "I", "in a link"},
	};
	size_t i, k, p, drawn;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ts_hooks saved = L->hooks;
		struct ts_doc *doc;
		struct buf got = {0};
		int calls = 0;

		harness.test = cases[i].what;
		diags_init(&L->d, NULL);
		L->hooks.image = fake_image;
		L->hooks.ctx = &calls;
		doc = layout(L, cases[i].md);
		for (p = drawn = 0; doc != NULL && p < doc->npages; p++)
			drawn += doc->pages[p].nimages;
		for (k = 0; k < L->d.n; k++)
			buf_putc(&got, L->d.v[k].id == D_IMAGE_INLINE    ? 'I'
			               : L->d.v[k].id == D_IMAGE_SKIPPED ? 'S'
			                                                 : '?');
		INT_EQ(drawn, cases[i].drawn, "images drawn");
		INT_EQ(calls, cases[i].calls, "hook calls");
		STR_EQ(got.data ? got.data : "", cases[i].warnings, "warnings");
		if (L->d.n > 0 && L->d.v[0].id == D_IMAGE_INLINE)
			STR_EQ(L->d.v[0].msg,
			       "immagine 'a.png' non inserita (non è da sola nel suo paragrafo): "
			       "al "
			       "suo posto il testo alternativo; per inserirla, metterla in un "
			       "paragrafo da sola, con una riga vuota prima e dopo",
			       "the message");
		buf_free(&got);
		ts_free(doc);
		diags_clear(&L->d);
		L->hooks = saved;
	}
	diags_init(&L->d, stdout);
}

/* Every run's width is what its characters are as drawn: advances, kerning, spaces (pdf.c draws
 * them so: a run wider or narrower than this would not end where the model says). */
static void
check_run_widths(const struct layout *L, const struct ts_doc *doc, const char *what)
{
	size_t p, i, k, bad = 0;

	harness.test = what;
	for (p = 0; p < doc->npages; p++)
		for (i = 0; i < doc->pages[p].nlines; i++)
			for (k = 0; k < doc->pages[p].lines[i].nruns; k++) {
				const struct ts_run *r = &doc->pages[p].lines[i].runs[k];
				size_t at = 0, n = strlen(r->text), c = 0, d = 0;
				double w = 0;

				/* a list item's marker ("1.", "a)", "–") hangs before a gap set as
				 * a space wider than the others */
				while (d < n && r->text[d] >= '0' && r->text[d] <= '9')
					d++;
				if (k == 0 && ((d > 0 && d + 1 < n && strchr(".)", r->text[d]) &&
				                r->text[d + 1] == ' ') ||
				               strncmp(r->text, "\xE2\x80\x93 ", 4) == 0))
					continue;

				while (at < n) {
					uint32_t cp = text_utf8_next(r->text, n, &at);

					if (cp == ' ')
						w += r->space;
					else
						w += (fonts_advance(L->f,
						                    r->missing ? FACE_FALLBACK2
						                               : r->face,
						                    r->missing ? 0xFFFD : cp) +
						      (r->kern ? r->kern[c] : 0)) *
						     r->size / 1000;
					c++;
				}
				if (fabs(w - r->width) > 1e-6 && bad++ < 3)
					CHECK_AT(false, "run '%s': width %.6f, its characters %.6f",
					         r->text, r->width, w);
			}
	OK(bad == 0, "every run as wide as its characters, kerned");
}

/* The run of the first line of text (not a margin) of doc. */
static const struct ts_run *
first_run(const struct ts_doc *doc)
{
	size_t i;

	for (i = 0; doc->npages > 0 && i < doc->pages[0].nlines; i++)
		if (doc->pages[0].lines[i].role != TS_MARGIN && doc->pages[0].lines[i].nruns > 0)
			return &doc->pages[0].lines[i].runs[0];
	return NULL;
}

/* Kerning (fonts_kern): in the boxes' widths, so in the line breaking, and in the runs. */
static void
kerning(struct layout *L)
{
	const double to = -143 * 1000.0 / 2048, av = -264 * 1000.0 / 2048; /* Liberation Serif */
	struct ts_doc *doc = layout(L, "Torino AVA `AV`\n");
	const struct ts_run *r = first_run(doc);
	double plain;

	harness.test = "kerning";
	OK(r != NULL && r->kern != NULL, "a kerned run");
	if (r != NULL && r->kern != NULL) {
		STR_EQ(r->text, "Torino AVA ", "the run's text");
		CHECK_AT(fabs(r->kern[0] - to) < 1e-9, "T o: %.6f", r->kern[0]);
		OK(r->kern[1] == 0 && r->kern[5] == 0 && r->kern[6] == 0,
		   "o r: none; none before or after a space");
		CHECK_AT(fabs(r->kern[7] - av) < 1e-9 && fabs(r->kern[8] - av) < 1e-9 &&
		                 r->kern[9] == 0,
		         "A V, V A: %.6f %.6f, then none", r->kern[7], r->kern[8]);
		plain = (fonts_advance(L->f, FACE_REGULAR, 'T') +
		         fonts_advance(L->f, FACE_REGULAR, 'o') +
		         fonts_advance(L->f, FACE_REGULAR, 'r') +
		         fonts_advance(L->f, FACE_REGULAR, 'i') +
		         fonts_advance(L->f, FACE_REGULAR, 'n') +
		         fonts_advance(L->f, FACE_REGULAR, 'o')) *
		        12 / 1000;
		/* "Torino", a space, "AVA", a space: the run ends after the second space */
		CHECK_AT(fabs(r->width - (plain + to * 12 / 1000 + 2 * r->space +
		                          (2 * fonts_advance(L->f, FACE_REGULAR, 'A') +
		                           fonts_advance(L->f, FACE_REGULAR, 'V') + 2 * av) *
		                                  12 / 1000)) < 1e-9,
		         "the run's width, kerned: %.6f", r->width);
		OK(r[1].face == FACE_MONO && r[1].kern == NULL, "code is not kerned");
	}
	check_run_widths(L, doc, "kerning");
	ts_free(doc);
}

/* stile.yaml's virgolette on the page: the tree markdown_normalize_safe gives the typesetter is
 * set with typographic quotes (or the source's), each word one word, kerned across ’. */
static void
quotes(struct layout *L)
{
	static const char src[] = "L'ente approva \"il 'voto'\" -- fine...\n";
	static const struct {
		enum markdown_quotes q;
		const char *text;
	} cases[] = {
	        {MARKDOWN_QUOTES_HIGH, "L’ente approva “il ‘voto’” – fine…"},
	        {MARKDOWN_QUOTES_LOW, "L’ente approva «il ‘voto’» – fine…"},
	        {MARKDOWN_QUOTES_STRAIGHT, "L'ente approva \"il 'voto'\" -- fine..."},
	};
	size_t i;

	harness.test = "quotes";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cmark_node *ast = NULL;
		char *md = markdown_normalize_safe(src, strlen(src), cases[i].q, &ast, NULL, NULL);
		struct ts_doc *doc = ts_typeset(ast, &L->st, L->f, L->h, &L->hooks, &L->d);
		const struct ts_run *r = first_run(doc);
		const double lq = -188 * 1000.0 / 2048; /* Liberation Serif: L’ */

		OK(r != NULL && r == &doc->pages[0].lines[0].runs[0] &&
		           doc->pages[0].lines[0].nruns == 1,
		   "one run, one line");
		if (r != NULL)
			STR_EQ(r->text, cases[i].text, "the line's text");
		if (r != NULL && cases[i].q != MARKDOWN_QUOTES_STRAIGHT)
			CHECK_AT(r->kern != NULL && fabs(r->kern[0] - lq) < 1e-9,
			         "L’ kerned as one word: %.6f", r->kern ? r->kern[0] : 0.0);
		check_run_widths(L, doc, "quotes");
		harness.test = "quotes";
		ts_free(doc);
		markdown_free(ast);
		free(md);
	}
}

void
typeset_tests(void)
{
	struct layout L;
	struct ts_doc *doc;
	char *md;
	size_t len;
	unsigned seed;

	harness.test = "typeset setup";
	memset(&L, 0, sizeof(L));
	diags_init(&L.d, stdout);
	style_default(&L.st);
	L.f = fonts_open(&L.st.fonts, &L.d);
	L.h = hyphenate_open(NULL, NULL, &L.d);
	if (L.f == NULL || L.h == NULL) {
		OK(false, "fonts and hyphenation dictionary available");
		fonts_free(L.f);
		hyphenate_free(L.h);
		return;
	}

	/* the reference sample's minutes */
	if (util_read_file("tests/golden/samples/torino-2022-02-23.md", 1 << 24, &md, &len) == 0) {
		doc = layout(&L, md);
		OK(count_pages(doc) >= 10, "the sample's minutes fill many pages");
		check_rules(doc, "the sample's minutes");
		check_run_widths(&L, doc, "the sample's minutes");
		ts_free(doc);
		free(md);
	} else
		OK(false, "tests/golden/samples/torino-2022-02-23.md readable");

	for (seed = 1; seed <= 25; seed++) {
		char name[64];

		md = synthetic(seed);
		doc = layout(&L, md);
		snprintf(name, sizeof(name), "synthetic document %u", seed);
		check_rules(doc, name);
		check_run_widths(&L, doc, name);
		ts_free(doc);
		free(md);
	}

	/* an unbreakable word longer than the line does not hang or crash; it is broken where
	 * nothing else fits, with a warning */
	harness.test = "overfull";
	L.d.out = NULL;
	doc = layout(&L,
	             "Parola "
	             "lunghissimaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	             "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	             " fine.\n");
	INT_EQ(count_pages(doc), 1, "one page");
	check_on_page(&L, doc, "overfull");
	check_run_widths(&L, doc, "overfull");
	INT_EQ(L.d.n, 1, "one warning");
	if (L.d.n == 1)
		STR_EQ(L.d.v[0].msg,
		       "la parola 'lunghissimaaaaaaaaaaaaaa…' è più larga della riga: spezzata "
		       "dove "
		       "capita; inserirvi spazi o trattini",
		       "the warning");
	ts_free(doc);
	diags_clear(&L.d);
	diags_init(&L.d, NULL);
	md = harness_repeat("a", 5000, " fine, in **grassetto**\n\n- e `codice` ");
	{
		char *m2 = harness_repeat(md, 1, "");

		free(md);
		md = xasprintf("%s\n\n```\n%s\n```\n\n> - %s\n", m2, m2, m2);
		free(m2);
	}
	doc = layout(&L, md);
	check_on_page(&L, doc, "a 5000-letter word");
	INT_EQ(L.d.n, 3, "a warning for each place it appears");
	ts_free(doc);
	free(md);
	diags_clear(&L.d);
	diags_init(&L.d, stdout);

	deep(&L);
	images(&L);
	kerning(&L);
	quotes(&L);

	/* an empty document is one empty page, not none */
	harness.test = "empty";
	doc = layout(&L, "");
	OK(doc != NULL, "a document");
	ts_free(doc);

	INT_EQ(L.d.errors, 0, "no errors reported");
	diags_clear(&L.d);
	hyphenate_free(L.h);
	fonts_free(L.f);
}
