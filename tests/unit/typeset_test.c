/*
 * typeset_test.c: layout rules checked on the typesetter's own page model: no widow or orphan
 * lines, a keep-together group never split, a heading never last on a page, justified lines
 * exactly filling their measure, and text never lost.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		FILE *out = L->d.out;

		md = harness_repeat(cases[i].open, cases[i].n, text);
		L->d.out = NULL;
		doc = layout(L, md);
		harness.test = cases[i].what;
		OK(doc != NULL && doc->npages >= 1, "laid out");
		if (doc != NULL) {
			OK(check_on_page(L, doc, cases[i].what) > 0, "text on the page");
			/* more elements than the tagged PDF holds: warned, once */
			INT_EQ((long)L->d.n, doc->nelems > TS_MAX_ELEMS ? 1 : 0, "warnings");
			if (L->d.n > 0)
				INT_EQ(L->d.v[0].id, D_UNTAGGED, "the untagged PDF's warning");
		}
		diags_clear(&L->d);
		diags_init(&L->d, out);
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

/* got within 0.005 pt of want */
#define NEAR(got, want, what)                                                                      \
	CHECK_AT(fabs((double)(got) - (want)) < 0.005, "%s: %.3f, not %.3f", what, (double)(got),  \
	         (double)(want))

/* The first line on page p whose first run's text is text, or NULL. */
static const struct ts_line *
find_line(const struct ts_doc *doc, size_t p, const char *text)
{
	size_t i;

	for (i = 0; p < doc->npages && i < doc->pages[p].nlines; i++) {
		const struct ts_line *l = &doc->pages[p].lines[i];

		if (l->nruns > 0 && strcmp(l->runs[0].text, text) == 0)
			return l;
	}
	return NULL;
}

static double
line_right(const struct ts_line *l)
{
	return l->runs[l->nruns - 1].x + l->runs[l->nruns - 1].width;
}

/* Count page p's rules of stroke width. */
static size_t
count_rules(const struct ts_doc *doc, size_t p, double width)
{
	size_t i, n = 0;

	for (i = 0; i < doc->pages[p].nrules; i++)
		n += fabs(doc->pages[p].rules[i].width - width) < 0.001;
	return n;
}

/* GFM tables: columns as wide as their content within the measure, alignment, bold header
 * repeated on every page, rows never split, a table too wide set smaller and wrapped; and
 * struck-through text. */
static void
tables(struct layout *L)
{
	double left = L->st.margin_left, right = L->st.page_width - L->st.margin_right;
	const struct ts_line *l, *a, *b, *h;
	struct ts_doc *doc;
	struct buf md = {0};
	size_t p, i, k;

	harness.test = "table";
	doc = layout(L, "| N. | Descrizione | Importo |\n|---:|---|---:|\n"
	                "| 1 | Capitolo di spesa | € 1.007,00 |\n"
	                "| 12 | Altro | € 120.840,00 |\n");
	INT_EQ(count_pages(doc), 1, "one page");
	h = find_line(doc, 0, "Descrizione");
	a = find_line(doc, 0, "€ 1.007,00");
	b = find_line(doc, 0, "€ 120.840,00");
	OK(h && a && b, "every cell set");
	if (h && a && b) {
		INT_EQ(h->role, TS_CELL, "a cell's line");
		INT_EQ(h->runs[0].face, FACE_BOLD, "the header is bold");
		INT_EQ(a->runs[0].face, FACE_REGULAR, "the body is not");
		NEAR(h->runs[0].size, 12, "the body's size: the table fits");
		/* right-aligned: the amounts end at the column's right, less its padding */
		NEAR(line_right(a), line_right(b), "amounts end together");
		NEAR(line_right(b), b->left + b->measure, "at the column's right");
		NEAR(b->left + b->measure, 252.524, "the table's right edge less its padding");
		NEAR(h->left, 97.266, "the second column after the first (\"12\" and padding)");
		NEAR(a->y - b->y, 12 * 1.2 + 2 * 0.25 * 12, "rows a line and their padding apart");
		l = find_line(doc, 0, "1");
		OK(l && fabs(line_right(l) - line_right(find_line(doc, 0, "12"))) < 0.005,
		   "numbers right-aligned");
		/* light rules: a frame above and below the header and below the table (0.6 pt),
		 * a hairline between rows (0.3 pt), all from the table's left to its right */
		INT_EQ(count_rules(doc, 0, 0.6), 3, "the frame's rules");
		INT_EQ(count_rules(doc, 0, 0.3), 1, "a hairline between the rows");
		for (i = 0; i < doc->pages[0].nrules; i++)
			if (doc->pages[0].rules[i].width == 0.3) {
				NEAR(doc->pages[0].rules[i].x0, left,
				     "the hairline starts at the left");
				NEAR(doc->pages[0].rules[i].x1, 252.524 + 0.4 * 12,
				     "and ends at the table's right");
				NEAR(doc->pages[0].rules[i].gray, 0.7, "light");
			}
	}
	ts_free(doc);

	/* 200 rows: the header on top of every page, no row split (each body row is one line
	 * in column 1 and two in column 2) */
	harness.test = "long table";
	buf_puts(&md, "| N. | Descrizione |\n|---:|---|\n");
	for (i = 1; i <= 200; i++)
		buf_printf(
		        &md, "| %zu | %s |\n", i,
		        "Capitolo di spesa per servizi e forniture diverse, comprese le "
		        "manutenzioni ordinarie degli immobili comunali e delle scuole, a carico "
		        "del bilancio di previsione dell'esercizio in corso");
	doc = layout(L, md.data);
	INT_EQ(count_pages(doc), 9, "200 rows of two lines: nine pages");
	for (p = 0; p < doc->npages; p++) {
		size_t ones = 0, twos = 0;
		const struct ts_line *first = NULL;

		for (i = 0; i < doc->pages[p].nlines; i++) {
			l = &doc->pages[p].lines[i];
			if (l->role != TS_CELL)
				continue;
			if (first == NULL)
				first = l;
			if (l->left < 80)
				ones++;
			else
				twos++;
			CHECK_AT(line_right(l) <= right + 0.005,
			         "page %zu: a line past the measure", p + 1);
		}
		OK(first && strcmp(first->runs[0].text, "N.") == 0 &&
		           first->runs[0].face == FACE_BOLD,
		   "every page starts with the header");
		CHECK_AT(twos == 2 * (ones - 1) + 1, "page %zu: %zu rows and %zu lines", p + 1,
		         ones, twos);
	}
	ts_free(doc);

	/* too wide: 10 columns of long words are set at 80%, and wrap within their cells */
	harness.test = "wide table";
	md.len = 0;
	for (k = 0; k < 2; k++) {
		buf_puts(&md, "|");
		for (i = 0; i < 10; i++)
			buf_puts(&md, k ? " precipitevolissimevolmente amministrazione |"
			                : " Colonna |");
		buf_puts(&md, k ? "\n" : "\n|---|---|---|---|---|---|---|---|---|---|\n");
	}
	doc = layout(L, md.data);
	l = find_line(doc, 0, "Colonna");
	OK(l != NULL, "the header set");
	if (l != NULL)
		NEAR(l->runs[0].size, 12 * 0.8, "a smaller size");
	k = 0;
	for (i = 0; i < doc->pages[0].nlines; i++) {
		l = &doc->pages[0].lines[i];
		if (l->role == TS_CELL) {
			CHECK_AT(line_right(l) <= l->left + l->measure + 0.005,
			         "a line past its cell");
			CHECK_AT(line_right(l) <= right + 0.005, "a line past the measure");
			k += l->lines > 1;
		}
	}
	OK(k > 0, "cells wrap");
	for (i = 0; i < doc->pages[0].nrules; i++)
		CHECK_AT(doc->pages[0].rules[i].x1 <= right + 0.005, "a rule past the measure");
	ts_free(doc);
	md.len = 0;

	/* 64 columns (markdown_check's limit): the padding shrinks, nothing goes past the
	 * measure; a row taller than a page is cut into bands, each within the text area, the
	 * header on top of every page */
	harness.test = "64 columns";
	L->d.out = NULL; /* the words broken in columns a few points wide */
	for (k = 0; k < 3; k++) {
		buf_puts(&md, "|");
		for (i = 0; i < 64; i++)
			buf_puts(&md, k == 1 ? "---|" : " Intestazione |");
		buf_puts(&md, "\n");
	}
	doc = layout(L, md.data);
	for (p = 0; p < doc->npages; p++) {
		for (i = 0; i < doc->pages[p].nlines; i++)
			CHECK_AT(doc->pages[p].lines[i].nruns == 0 ||
			                 line_right(&doc->pages[p].lines[i]) <= right + 0.005,
			         "page %zu: a line past the measure", p + 1);
		for (i = 0; i < doc->pages[p].nrules; i++)
			CHECK_AT(doc->pages[p].rules[i].x1 <= right + 0.005,
			         "page %zu: a rule past the measure", p + 1);
	}
	ts_free(doc);
	harness.test = "tall row";
	md.len = 0;
	buf_puts(&md, "| N. | Testo |\n|---|---|\n| 1 |");
	for (i = 0; i < 4000; i++)
		buf_puts(&md, " parola");
	buf_puts(&md, " |\n| 2 | fine |\n");
	doc = layout(L, md.data);
	INT_EQ(count_pages(doc), 5, "a row of five pages");
	for (p = 0; p < doc->npages; p++) {
		OK(find_line(doc, p, "Testo") != NULL, "the header on every page");
		for (i = 0; i < doc->pages[p].nlines; i++)
			CHECK_AT(doc->pages[p].lines[i].role == TS_MARGIN ||
			                 doc->pages[p].lines[i].y >= L->st.margin_bottom,
			         "page %zu: a line below the text area", p + 1);
	}
	OK(find_line(doc, doc->npages - 1, "fine") != NULL, "the next row after it");
	ts_free(doc);
	diags_clear(&L->d);
	diags_init(&L->d, stdout);
	buf_free(&md);

	/* ~~struck through~~: a rule over the words at half the x-height */
	harness.test = "strikethrough";
	doc = layout(L, "Si approva ~~il testo abrogato~~ la delibera.\n");
	l = find_line(doc, 0, "Si approva il testo abrogato la delibera.");
	OK(l != NULL, "one line");
	INT_EQ(count_rules(doc, 0, 12 * 0.05), 1, "one strike");
	for (i = 0; l && i < doc->pages[0].nrules; i++) {
		const struct ts_rule *r = &doc->pages[0].rules[i];

		if (fabs(r->width - 0.6) > 0.001)
			continue;
		NEAR(r->y0, l->y + 12 * 0.23, "over the baseline");
		NEAR(r->x0, 125.522, "from the first struck word");
		NEAR(r->x1, 202.837, "to the last");
	}
	ts_free(doc);
}

/* --- issue 14: list markers, ties, names, addresses ---------------------------------------- */

/* The text lines of doc (no margins), in order. */
static size_t
text_lines(const struct ts_doc *doc, const struct ts_line **out, size_t max)
{
	size_t p, i, n = 0;

	for (p = 0; doc != NULL && p < doc->npages; p++)
		for (i = 0; i < doc->pages[p].nlines; i++)
			if (doc->pages[p].lines[i].role != TS_MARGIN && n < max)
				out[n++] = &doc->pages[p].lines[i];
	return n;
}

/* A line's text: its runs, with a space where there is room between two. */
static void
line_text(const struct ts_line *l, struct buf *b)
{
	size_t k;

	b->len = 0;
	for (k = 0; k < l->nruns; k++) {
		if (k > 0 && l->runs[k].x > l->runs[k - 1].x + l->runs[k - 1].width + 0.5)
			buf_putc(b, ' ');
		buf_puts(b, l->runs[k].text);
	}
	buf_putc(b, '\0');
	b->len--;
}

/* A list item's marker hangs at the list's left edge, as a run of its own; the text of its
 * first line starts where the other lines start, and is justified to the same right edge; a
 * change of style on the first line leaves no hole. */
static void
list_markers(struct layout *L)
{
	static const char *const md[] = {
	        "1. di prendere atto delle linee programmatiche di mandato per il quinquennio "
	        "2021/2026 come da allegato alla presente deliberazione, e di darne notizia.\n",
	        "- di prendere atto delle linee programmatiche di mandato per il quinquennio "
	        "2021/2026 come da allegato alla presente deliberazione, e di darne notizia.\n",
	        "2. di dare atto che il risultato di amministrazione al 31 dicembre 2023 ammonta a "
	        "**euro 1.284.617,35**, di cui euro 341.650,00 di parte accantonata e il resto.\n",
	};
	const struct ts_line *ls[16];
	double left = L->st.margin_left, right = L->st.page_width - L->st.margin_right;
	size_t i, k, n;

	for (i = 0; i < sizeof(md) / sizeof(md[0]); i++) {
		struct ts_doc *doc = layout(L, md[i]);

		harness.test = "list markers";
		n = text_lines(doc, ls, 16);
		OK(n >= 2 && ls[0]->nruns >= 2, "two lines, the first with two runs at least");
		if (n >= 2 && ls[0]->nruns >= 2) {
			const struct ts_line *a = ls[0], *b = ls[1];
			const struct ts_run *last = &a->runs[a->nruns - 1];

			STR_EQ(a->runs[0].text,
			       i == 0   ? "1."
			       : i == 1 ? "–"
			                : "2.",
			       "the marker is a run of its own");
			OK(fabs(a->runs[0].x - left) < 1e-9, "the marker at the list's edge");
			OK(fabs(a->runs[1].x - (left + L->st.indent)) < 1e-9,
			   "the first line's text at the indent");
			OK(fabs(b->runs[0].x - (left + L->st.indent)) < 1e-9,
			   "the second line at the indent");
			OK(fabs(last->x + last->width - right) < 0.01,
			   "the first line justified to the right margin");
			OK(fabs(b->runs[b->nruns - 1].x + b->runs[b->nruns - 1].width - right) <
			                   0.01 ||
			           b->role == TS_LAST,
			   "the second line too");
			/* between runs (a change of style), the same space as inside them */
			for (k = 1; k + 1 < a->nruns; k++) {
				double gap = a->runs[k + 1].x - (a->runs[k].x + a->runs[k].width);

				OK(gap < 0.01 || fabs(gap - a->runs[k].space) < 0.01,
				   "no hole between runs");
			}
		}
		ts_free(doc);
	}
}

/* Whether some line of doc, as text, ends with one of ends[], or starts with one of starts[]. */
static const char *
bad_break(const struct ts_doc *doc, const char *const *ends, const char *const *starts,
          struct buf *b)
{
	const struct ts_line *ls[512];
	size_t n = text_lines(doc, ls, 512), i, k;
	static char found[256];

	for (i = 0; i < n; i++) {
		line_text(ls[i], b);
		for (k = 0; ends[k] != NULL; k++) {
			size_t e = strlen(ends[k]);

			if (b->len >= e && strcmp(b->data + b->len - e, ends[k]) == 0 &&
			    i + 1 < n) {
				snprintf(found, sizeof(found), "line %zu ends '%s'", i + 1,
				         b->data);
				return found;
			}
		}
		for (k = 0; starts[k] != NULL; k++)
			if (strncmp(b->data, starts[k], strlen(starts[k])) == 0 && i > 0) {
				snprintf(found, sizeof(found), "line %zu starts '%s'", i + 1,
				         b->data);
				return found;
			}
	}
	return NULL;
}

/* Ties: at every measure from 150 to 450 points, no line ends with a euro sign, a reference
 * ("art.", "comma", "n.", "lett.", "pag."), a title, a number before its unit, or the first word
 * of a surname, and no line starts with a name list's dash. */
static void
ties(struct layout *L)
{
	static const char *const bound[] = {"LO RUSSO", "DE LUCA"};
	static const char *const ends[] = {
	        " €",    " art.", " comma", " n.", " lett.", " pag.", " Sig.", " Dott.ssa",
	        " Avv.", " 10",   " 5",     " 20", " LO",    " DE",   NULL,
	};
	static const char *const starts[] = {"–", "km", "%", "mila", NULL};
	struct ts_hooks saved = L->hooks;
	struct ts_style st = L->st;
	struct buf b = {0}, md = {0};
	const char *bad = NULL;
	size_t i;
	int w;

	for (i = 0; i < 12; i++)
		buf_puts(&md,
		         "La spesa di € 1.234,00 prevista dall'art. 42, comma 2, lett. b) e "
		         "dal n. 7 a pag. 12 è affidata al Sig. Rossi, alla Dott.ssa Bianchi e "
		         "all'Avv. Verdi per 10 km di strada, il 5 % del totale e 20 mila "
		         "abitanti; il Sindaco Stefano LO RUSSO e Paolo DE LUCA approvano. ");
	buf_puts(&md, "\n\nMario ROSSI – Luca BIANCHI – Anna VERDI – Paolo DE LUCA – Stefano LO "
	              "RUSSO – Elena BRUNO – Marco GALLI – Chiara CONTI – Davide RIZZO\n");
	L->hooks.bound = bound;
	L->hooks.nbound = 2;
	harness.test = "ties";
	for (w = 150; w <= 450 && bad == NULL; w += 7) {
		struct ts_doc *doc;

		L->st.margin_right = L->st.page_width - L->st.margin_left - w;
		doc = layout(L, md.data);
		bad = bad_break(doc, ends, starts, &b);
		ts_free(doc);
	}
	STR_EQ(bad ? bad : "", "", "no line ends or starts at a tie");
	/* without the names, a line does end with "LO" or "DE" at some measure (the test can
	 * fail) */
	{
		static const char *const names_ends[] = {" LO", " DE", NULL};
		static const char *const none[] = {NULL};

		L->hooks = saved;
		bad = NULL;
		for (w = 150; w <= 450 && bad == NULL; w += 7) {
			struct ts_doc *doc;

			L->st.margin_right = L->st.page_width - L->st.margin_left - w;
			doc = layout(L, md.data);
			bad = bad_break(doc, names_ends, none, &b);
			ts_free(doc);
		}
		OK(bad != NULL, "without the names, a surname is split at some measure");
	}
	L->st = st;
	L->hooks = saved;
	buf_free(&b);
	buf_free(&md);
}

/* Proper names: the sitting's names (where written with a capital), words in capitals and
 * headings are never hyphenated; the same text without the names is. */
static void
names(struct layout *L)
{
	static const char *const bound[] = {"ESPOSITO", "D'AGOSTINO"};
	static const char *const given[] = {"Davide", "Costantino",
	                                    "Città Metropolitana di Torino"};
	struct ts_hooks saved = L->hooks;
	struct ts_style st = L->st;
	struct buf b = {0}, md = {0};
	size_t i, hyphens[2] = {0, 0};
	int w, pass;

	buf_puts(&md, "# MONTEBELLO TICINO E CONSIGLIO METROPOLITANO\n\n");
	for (i = 0; i < 8; i++)
		buf_puts(&md, "Davide Esposito, Costantino D'Agostino e la Città Metropolitana di "
		              "Torino: Esposito Davide, Costantino Esposito e MONTEBELLO TICINO "
		              "ALESSANDRIA. ");
	buf_putc(&md, '\n');
	harness.test = "names";
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0) {
			L->hooks.bound = bound;
			L->hooks.nbound = 2;
			L->hooks.names = given;
			L->hooks.nnames = 3;
		} else
			L->hooks = saved;
		for (w = 150; w <= 450; w += 5) {
			const struct ts_line *ls[512];
			struct ts_doc *doc;
			size_t n;

			L->st.margin_right = L->st.page_width - L->st.margin_left - w;
			doc = layout(L, md.data);
			n = text_lines(doc, ls, 512);
			for (i = 0; i < n; i++) {
				line_text(ls[i], &b);
				if (b.len > 0 && b.data[b.len - 1] == '-') {
					hyphens[pass]++;
					if (pass == 0)
						STR_EQ(b.data, "", "a line ends with a hyphen");
				}
				if (ls[i]->role == TS_HEADING)
					OK(b.len == 0 || b.data[b.len - 1] != '-',
					   "a heading is never hyphenated");
			}
			ts_free(doc);
		}
	}
	INT_EQ(hyphens[0], 0, "with the names: no hyphen at any measure");
	OK(hyphens[1] > 0, "without them, the given names are hyphenated somewhere");
	L->st = st;
	L->hooks = saved;
	buf_free(&b);
	buf_free(&md);
}

/* Addresses: an autolink and a link's address break only after '/', '.', '-', '?' or '&',
 * with no hyphen added; a link whose text is not its address is followed by the address. */
static void
addresses(struct layout *L)
{
	static const char url[] = "https://www.esempio.it/amministrazione-trasparente/"
	                          "delibere/2022/documento_finale.pdf?anno=2022&tipo=consiglio";
	struct ts_style st = L->st;
	struct buf b = {0}, all = {0}, md = {0};
	const struct ts_line *ls[64];
	struct ts_doc *doc;
	size_t n, i, breaks = 0;

	harness.test = "addresses";
	buf_printf(&md,
	           "Si veda <%s> e la [delibera](https://e.it/d/1) del [sito](https://e.it/).\n",
	           url);
	L->st.margin_right = L->st.page_width - L->st.margin_left - 160;
	doc = layout(L, md.data);
	n = text_lines(doc, ls, 64);
	for (i = 0; i < n; i++) {
		line_text(ls[i], &b);
		if (all.len > 0 && strchr("/.-?&", all.data[all.len - 1]) != NULL &&
		    strstr(all.data, "https://www") != NULL &&
		    strstr(all.data, "consiglio") == NULL) {
			breaks++;
		} else if (all.len > 0)
			buf_putc(&all, ' ');
		buf_puts(&all, b.data);
	}
	buf_putc(&all, '\0');
	{
		char *want = xasprintf("Si veda %s e la delibera (https://e.it/d/1) del sito "
		                       "(https://e.it/).",
		                       url);

		STR_EQ(all.data, want,
		       "the text back, the address whole and after the link's text");
		free(want);
	}
	OK(breaks >= 3, "the address broken over lines, after its separators");
	for (i = 0; i < n; i++) {
		line_text(ls[i], &b);
		OK(strstr(b.data, "esempio-") == NULL && strstr(b.data, "trasparen-") == NULL,
		   "no hyphen added");
	}
	ts_free(doc);
	L->st = st;
	buf_free(&b);
	buf_free(&all);
	buf_free(&md);
}

/* --- issue 14: headings, footer acts, new pages, title block, signatures, page fill, quotes */

#define NUM_EQ(got, want, what)                                                                    \
	do {                                                                                       \
		double g_ = (got), w_ = (want);                                                    \
		CHECK_AT(g_ > w_ - 0.005 && g_ < w_ + 0.005, "%s: got %.3f, want %.3f", what, g_,  \
		         w_);                                                                      \
	} while (0)

/* The i-th text line (not a margin) of page p of doc, or NULL. */
static const struct ts_line *
text_line(const struct ts_doc *doc, size_t p, size_t i)
{
	size_t k;

	if (doc == NULL || p >= doc->npages)
		return NULL;
	for (k = 0; k < doc->pages[p].nlines; k++)
		if (doc->pages[p].lines[k].role != TS_MARGIN && i-- == 0)
			return &doc->pages[p].lines[k];
	return NULL;
}

static size_t
page_text_lines(const struct ts_doc *doc, size_t p)
{
	size_t n = 0;

	while (text_line(doc, p, n) != NULL)
		n++;
	return n;
}

/* A heading of each level looks different (face, size), every one is in the
 * outline at its level; a label ending in a colon makes the heading's other lines hang. */
static void
heading_levels(struct layout *L)
{
	static const struct {
		enum face face;
		double size;
		const char *text;
	} want[] = {
	        {FACE_BOLD, 15, "Uno"},        {FACE_BOLD, 13, "Due"},
	        {FACE_BOLD_ITALIC, 12, "Tre"}, {FACE_ITALIC, 12, "Quattro"},
	        {FACE_BOLD, 10.2, "Cinque"},   {FACE_REGULAR, 12, "Sei"},
	};
	struct ts_doc *doc =
	        layout(L, "# Uno\n\n## Due\n\n### Tre\n\n#### Quattro\n\n##### Cinque\n\n"
	                  "###### Sei\n");
	const struct ts_line *l;
	size_t i;

	harness.test = "heading levels";
	INT_EQ(page_text_lines(doc, 0), 6, "six lines");
	INT_EQ(doc ? doc->pages[0].nmarks : 0, 6, "six outline entries");
	for (i = 0; i < 6 && (l = text_line(doc, 0, i)) != NULL; i++) {
		INT_EQ(l->runs[0].face, want[i].face, want[i].text);
		NUM_EQ(l->runs[0].size, want[i].size, want[i].text);
		STR_EQ(l->runs[0].text, want[i].text, "the text");
		INT_EQ(doc->pages[0].marks[i].level, (long long)i + 1, "outline level");
	}
	ts_free(doc);

	harness.test = "heading label hangs";
	doc = layout(L,
	             "## OGGETTO: PRESENTAZIONE DELLE LINEE PROGRAMMATICHE DI MANDATO PER IL "
	             "QUINQUENNIO 2021-2026 AL CONSIGLIO METROPOLITANO DELLA CITTA' DI TORINO.\n");
	INT_EQ(page_text_lines(doc, 0), 3, "three lines");
	if (page_text_lines(doc, 0) == 3) {
		double label =
		        fonts_advance(L->f, FACE_BOLD, 'O') * 2 +
		        fonts_advance(L->f, FACE_BOLD, 'G') * 2 +
		        fonts_advance(L->f, FACE_BOLD, 'E') + fonts_advance(L->f, FACE_BOLD, 'T') +
		        fonts_advance(L->f, FACE_BOLD, 'T') + fonts_advance(L->f, FACE_BOLD, ':') +
		        fonts_advance(L->f, FACE_BOLD, ' ');

		label = label * 13 / 1000;
		NUM_EQ(label, 74.039, "the label's width");
		NUM_EQ(text_line(doc, 0, 0)->runs[0].x, 70.866, "first line at the margin");
		NUM_EQ(text_line(doc, 0, 1)->runs[0].x, 70.866 + label, "second line hangs");
		NUM_EQ(text_line(doc, 0, 2)->runs[0].x, 70.866 + label, "third line hangs");
		STR_EQ(text_line(doc, 0, 0)->runs[0].text,
		       "OGGETTO: PRESENTAZIONE DELLE LINEE PROGRAMMATICHE DI", "first line");
	}
	ts_free(doc);
}

/* What the margins hook was told, page by page. */
struct acts_seen {
	char v[8][16];
	size_t n;
};

static void
acts_hook(void *ctx, size_t page, size_t pages, const char *act, const char *last_act,
          struct buf *header, struct buf *footer)
{
	struct acts_seen *s = ctx;

	(void)pages;
	(void)header;
	(void)footer;
	if (page <= 8)
		snprintf(s->v[page - 1], sizeof(s->v[0]), "%s/%s", act ? act : "-",
		         last_act ? last_act : "-");
	s->n = page;
}

/* The footer names the acts whose text the page carries; a page marker starts a page. */
static void
footer_acts(struct layout *L)
{
	struct ts_hooks saved = L->hooks;
	struct acts_seen seen;
	struct buf md = {0};
	struct ts_doc *doc;
	int i;

	memset(&seen, 0, sizeof(seen));
	L->hooks.margins = acts_hook;
	L->hooks.ctx = &seen;
	buf_puts(&md, "# Verbale\n\n");
	for (i = 0; i < 20; i++)
		buf_printf(&md, "Riga %d del preambolo.\n\n", i);
	/* act 15: from page 1 to page 2; act 16 starts on page 2 and ends on page 3 */
	buf_puts(&md, "* * *\n\n<!-- verbale:atto 15 -->\n\n## OGGETTO: UNO\n\n");
	for (i = 0; i < 30; i++)
		buf_printf(&md, "Riga %d dell'atto quindici.\n\n", i);
	buf_puts(&md, "* * *\n\n<!-- verbale:atto 16 -->\n\n## OGGETTO: DUE\n\n");
	for (i = 0; i < 30; i++)
		buf_printf(&md, "Riga %d dell'atto sedici.\n\n", i);
	/* an annex of act 15, on a page of its own */
	buf_puts(&md, "<!-- verbale:pagina -->\n\n<!-- verbale:atto 15 -->\n\n## Allegato A\n\n"
	              "Testo.\n");
	doc = layout(L, md.data);
	harness.test = "footer acts";
	INT_EQ(count_pages(doc), 4, "four pages");
	INT_EQ(seen.n, 4, "the hook called for each");
	STR_EQ(seen.v[0], "15/15", "page 1: the title block, then act 15");
	STR_EQ(seen.v[1], "15/16", "page 2: acts 15 and 16");
	STR_EQ(seen.v[2], "16/16", "page 3: act 16");
	STR_EQ(seen.v[3], "15/15", "page 4: act 15's annex");
	harness.test = "annex on a new page";
	if (count_pages(doc) == 4) {
		const struct ts_line *first = text_line(doc, 3, 0);

		INT_EQ(page_text_lines(doc, 3), 2, "the annex alone on its page");
		STR_EQ(first->runs[0].text, "Allegato A", "the page starts with its title");
		NUM_EQ(first->y, 841.89 - 85.039 - 13 * 1.25, "at the top of the text area");
		INT_EQ(page_text_lines(doc, 2), 21, "the page before ends early");
	}
	ts_free(doc);
	/* a page marker before anything makes no empty page */
	doc = layout(L, "<!-- verbale:pagina -->\n\nTesto.\n");
	INT_EQ(count_pages(doc), 1, "a marker first: one page");
	ts_free(doc);
	buf_free(&md);
	L->hooks = saved;
}

/* A centred paragraph, and the signatures side by side with room to sign. */
static void
title_block(struct layout *L)
{
	struct ts_doc *doc =
	        layout(L, "<!-- verbale:centro -->\n\n**DELIBERA**\n\n1. di approvare.\n");
	const struct ts_line *l = text_line(doc, 0, 0);
	double colw = (595.276 - 2 * 70.866) / 2, lo, hi;
	const struct ts_page *pg;
	size_t k;

	harness.test = "centred paragraph";
	if (l != NULL) {
		STR_EQ(l->runs[0].text, "DELIBERA", "the text");
		NUM_EQ(l->runs[0].x + l->runs[0].width / 2, 595.276 / 2, "centred on the page");
	}
	ts_free(doc);

	harness.test = "signatures";
	doc = layout(L, "<!-- verbale:insieme -->\n\nLetto, confermato e sottoscritto.\n\n"
	                "<!-- verbale:firme -->\n\nIL PRESIDENTE\\\nMario Rossi\n\n"
	                "IL SEGRETARIO GENERALE\\\nAnna Bianchi\n\n<!-- verbale:fine -->\n");
	INT_EQ(page_text_lines(doc, 0), 3, "three lines: the formula and two rows");
	if (page_text_lines(doc, 0) == 3) {
		pg = &doc->pages[0];
		for (k = 1; k <= 2; k++) {
			l = text_line(doc, 0, k);
			INT_EQ(l->nruns, 2, "two columns on the line");
			if (l->nruns != 2)
				continue;
			NUM_EQ(l->runs[0].x + l->runs[0].width / 2, 70.866 + colw / 2,
			       "the first centred in the left column");
			NUM_EQ(l->runs[1].x + l->runs[1].width / 2, 70.866 + colw * 1.5,
			       "the second centred in the right column");
			NUM_EQ(l->y, text_line(doc, 0, 0)->y - 6 - 15 * (double)k,
			       "a row a leading below the other");
		}
		STR_EQ(text_line(doc, 0, 1)->runs[1].text, "IL SEGRETARIO GENERALE", "titles");
		STR_EQ(text_line(doc, 0, 2)->runs[0].text, "Mario Rossi", "names");
		INT_EQ(pg->nrules, 2 + 1, "a line under each, and the header's rule");
		for (k = 0; k < 2 && pg->nrules == 3; k++) {
			lo = 70.866 + colw * (double)k + colw * 0.15;
			hi = lo + colw * 0.7;
			NUM_EQ(pg->rules[k].x0, lo, "the line starts");
			NUM_EQ(pg->rules[k].x1, hi, "the line ends");
			NUM_EQ(pg->rules[k].y0, text_line(doc, 0, 2)->y - 3 * 15,
			       "three leadings of room to sign");
		}
	}
	/* each signer's box for the PDF's signature field: over the line, up to clear of the
	 * name above; the qualifica from the hooks' signers, in their order */
	harness.test = "signature boxes";
	INT_EQ(doc ? doc->nsigns : 0, 2, "a box for each signature");
	for (k = 0; k < 2 && doc != NULL && doc->nsigns == 2 && page_text_lines(doc, 0) == 3; k++) {
		const struct ts_sign *sg = &doc->signs[k];

		INT_EQ(sg->page, 0, "on the first page");
		NUM_EQ(sg->x, 70.866 + colw * (double)k + colw * 0.15, "over the line: left");
		NUM_EQ(sg->w, colw * 0.7, "as wide as the line");
		NUM_EQ(sg->y, text_line(doc, 0, 2)->y - 3 * 15, "from the line");
		NUM_EQ(sg->h, 15 * 2.6, "up to 0.4 leadings below the name's baseline");
		STR_EQ(sg->qualifica, k == 0 ? "IL PRESIDENTE" : "IL SEGRETARIO GENERALE",
		       "no signers: each known by its first line");
	}
	ts_free(doc);
	{
		static const char *const signers[] = {"Il Presidente", "Il Segretario generale"};
		struct ts_hooks saved = L->hooks;

		L->hooks.signers = signers;
		L->hooks.nsigners = 2;
		doc = layout(L, "<!-- verbale:firme -->\n\nIL PRESIDENTE\\\nMario Rossi\n\n"
		                "IL SEGRETARIO GENERALE\\\nAnna Bianchi\n\n"
		                "IL VICESEGRETARIO\\\nLuca Verdi\n\n<!-- verbale:fine -->\n");
		INT_EQ(doc ? doc->nsigns : 0, 3, "three signers, two rows: three boxes");
		if (doc != NULL && doc->nsigns == 3) {
			STR_EQ(doc->signs[0].qualifica, "Il Presidente", "the first signer's");
			STR_EQ(doc->signs[1].qualifica, "Il Segretario generale", "the second's");
			STR_EQ(doc->signs[2].qualifica, "IL VICESEGRETARIO", "past the signers");
			NUM_EQ(doc->signs[2].x + doc->signs[2].w / 2, 595.276 / 2,
			       "a row of one: centred");
			OK(doc->signs[2].y + doc->signs[2].h < doc->signs[0].y,
			   "the second row's box below the first row's");
		}
		ts_free(doc);
		L->hooks = saved;
	}
	/* one signature of one line: a row of one, centred on the page */
	doc = layout(L, "<!-- verbale:firme -->\n\nIL SEGRETARIO\n\n<!-- verbale:fine -->\n");
	l = text_line(doc, 0, 0);
	INT_EQ(page_text_lines(doc, 0), 1, "one signature: one line");
	INT_EQ(doc ? doc->pages[0].nrules : 0, 2, "its line and the header's rule");
	if (l != NULL && doc->pages[0].nrules == 2) {
		NUM_EQ(l->runs[0].x + l->runs[0].width / 2, 595.276 / 2, "centred on the page");
		NUM_EQ(doc->pages[0].rules[0].x0, 70.866 + colw / 2 + colw * 0.15, "its line");
	}
	ts_free(doc);
	/* the copy's signatures (F.to): side by side, without room or lines to sign */
	harness.test = "signatures of a copy";
	doc = layout(L, "<!-- verbale:firmate -->\n\nIL PRESIDENTE\\\nF.to Mario ROSSI\n\n"
	                "IL SEGRETARIO\\\nF.to Anna BIANCHI\n\n<!-- verbale:fine -->\n\nFine.\n");
	INT_EQ(page_text_lines(doc, 0), 3, "two rows and the next paragraph");
	INT_EQ(doc ? doc->pages[0].nrules : 0, 1, "only the header's rule");
	if (page_text_lines(doc, 0) == 3) {
		INT_EQ(text_line(doc, 0, 1)->nruns, 2, "two columns");
		STR_EQ(text_line(doc, 0, 2)->runs[0].text, "Fine.", "the text goes on");
		NUM_EQ(text_line(doc, 0, 2)->y, text_line(doc, 0, 1)->y - 6 - 15,
		       "a paragraph's skip below, no room to sign");
	}
	INT_EQ(doc ? doc->nsigns : 0, 0, "no box: a copy is not signed");
	ts_free(doc);
}

/* A page may end inside a keep-together group at a break it allows, with two of its lines
 * on each side; else the group moves whole. */
static void
group_breaks(struct layout *L)
{
	struct buf md = {0};
	struct ts_doc *doc;
	int i;

	for (i = 0; i < 26; i++)
		buf_printf(&md, "Riga %d.\n\n", i);
	buf_puts(&md, "<!-- verbale:insieme -->\n\n");
	for (i = 0; i < 4; i++)
		buf_printf(&md, "Cifra %d.\n\n", i);
	buf_puts(&md, "<!-- verbale:spezza -->\n\n");
	for (i = 0; i < 6; i++)
		buf_printf(&md, "Esito %d.\n\n", i);
	buf_puts(&md, "<!-- verbale:fine -->\n");
	doc = layout(L, md.data);
	harness.test = "group break";
	INT_EQ(count_pages(doc), 2, "two pages");
	INT_EQ(page_text_lines(doc, 0), 30, "page 1: the text and the group up to its break");
	if (text_line(doc, 1, 0) != NULL)
		STR_EQ(text_line(doc, 1, 0)->runs[0].text, "Esito 0.", "page 2 starts after it");
	ts_free(doc);
	buf_free(&md);

	/* a thematic break that would open a page is left out, with the space after it */
	for (i = 0; i < 30; i++)
		buf_printf(&md, "Riga %d.\n\n", i);
	buf_puts(&md, "Uno\\\ndue\\\ntre.\n\n* * *\n\nDopo.\n");
	doc = layout(L, md.data);
	harness.test = "a rule opening a page";
	INT_EQ(count_pages(doc), 2, "two pages");
	INT_EQ(page_text_lines(doc, 0), 33, "page 1: the text before the rule");
	INT_EQ(doc && doc->npages == 2 ? doc->pages[0].nrules : 0, 1, "page 1: the header's rule");
	INT_EQ(doc && doc->npages == 2 ? doc->pages[1].nrules : 0, 1, "page 2: the header's rule");
	if (text_line(doc, 1, 0) != NULL) {
		STR_EQ(text_line(doc, 1, 0)->runs[0].text, "Dopo.", "page 2 starts with the text");
		NUM_EQ(text_line(doc, 1, 0)->y, 841.89 - 85.039 - 15, "at the top");
	}
	ts_free(doc);
	buf_free(&md);

	/* a break after the group's first line is not taken: the group moves whole */
	for (i = 0; i < 29; i++)
		buf_printf(&md, "Riga %d.\n\n", i);
	buf_puts(&md, "<!-- verbale:insieme -->\n\nCifra.\n\n<!-- verbale:spezza -->\n\n");
	for (i = 0; i < 6; i++)
		buf_printf(&md, "Esito %d.\n\n", i);
	buf_puts(&md, "<!-- verbale:fine -->\n");
	doc = layout(L, md.data);
	harness.test = "group break, one line before it";
	INT_EQ(page_text_lines(doc, 0), 29, "page 1 ends before the group");
	if (text_line(doc, 1, 0) != NULL)
		STR_EQ(text_line(doc, 1, 0)->runs[0].text, "Cifra.", "the group whole on page 2");
	ts_free(doc);
	buf_free(&md);
}

/* Every page of the samples' minutes is at least 80% full, but for the last and one
 * followed by a new act or an annex (a page whose first outline entry, of level 2, is at its
 * top). */
static void
page_fill(struct layout *L, const char *file)
{
	double top = 841.89 - 85.039, bottom = 70.866, area = top - bottom;
	struct ts_doc *doc;
	char *md;
	size_t len, p, i;

	harness.test = file;
	if (util_read_file(file, 1 << 24, &md, &len) != 0) {
		OK(false, "readable");
		return;
	}
	doc = layout(L, md);
	OK(count_pages(doc) >= 2, "pages");
	/* the users' headings are nested below the act or annex: one title at level 1 */
	for (p = 0, len = 0; doc != NULL && p < doc->npages; p++)
		for (i = 0; i < doc->pages[p].nmarks; i++)
			len += doc->pages[p].marks[i].level == 1;
	INT_EQ(len, 1, "one outline entry at level 1");
	for (p = 0; doc != NULL && p + 1 < doc->npages; p++) {
		const struct ts_page *next = &doc->pages[p + 1];
		const struct ts_line *first = text_line(doc, p + 1, 0);
		double lowest = top;
		bool opens = false;

		for (i = 0; i < next->nmarks; i++)
			opens = opens || (next->marks[i].level <= 2 && first != NULL &&
			                  next->marks[i].y >= first->y);
		for (i = 0; i < page_text_lines(doc, p); i++)
			if (text_line(doc, p, i)->y < lowest)
				lowest = text_line(doc, p, i)->y;
		if (!opens)
			CHECK_AT((lowest - bottom) / area <= 0.20,
			         "page %zu is %.0f%% empty before page %zu", p + 1,
			         100 * (lowest - bottom) / area, p + 2);
	}
	ts_free(doc);
	free(md);
}

/* A block quote: indented on both sides, a smaller size and leading. */
static void
quotes(struct layout *L)
{
	struct ts_doc *doc =
	        layout(L, "> Una citazione abbastanza lunga da andare a capo almeno una "
	                  "volta, anzi due, perché la riga della citazione è più corta "
	                  "di quella del testo e il corpo più piccolo.\n");
	const struct ts_line *a = text_line(doc, 0, 0), *b = text_line(doc, 0, 1);

	harness.test = "block quote";
	OK(a != NULL && b != NULL, "two lines");
	if (a == NULL || b == NULL)
		return;
	NUM_EQ(a->runs[0].size, 10.8, "the size");
	NUM_EQ(a->y - b->y, 13.5, "the leading");
	NUM_EQ(a->left, 70.866 + 18, "indented on the left");
	NUM_EQ(a->measure, 595.276 - 2 * 70.866 - 2 * 18, "and on the right");
	ts_free(doc);
	/* in a list item: the item's room, the quotes' size */
	doc = layout(L, "- voce\n\n  > citazione nella voce\n");
	a = text_line(doc, 0, 1);
	OK(a != NULL, "a line in the quote");
	if (a != NULL) {
		STR_EQ(a->runs[0].text, "citazione nella voce", "the quote");
		NUM_EQ(a->runs[0].size, 10.8, "its size in a list item");
		NUM_EQ(a->left, 70.866 + 18, "the item's indent");
	}
	ts_free(doc);
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
quote_marks(struct layout *L)
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

/* The first line of doc with a run whose text holds s, or NULL. */
static const struct ts_line *
line_holding(const struct ts_doc *doc, const char *s)
{
	size_t p, l, r;

	for (p = 0; p < doc->npages; p++)
		for (l = 0; l < doc->pages[p].nlines; l++)
			for (r = 0; r < doc->pages[p].lines[l].nruns; r++)
				if (strstr(doc->pages[p].lines[l].runs[r].text, s) != NULL)
					return &doc->pages[p].lines[l];
	return NULL;
}

/* The kind of the structure element of the line holding s and of its ancestors, innermost
 * first, up to n of them (TS_K_MAX past the document); false when no line holds s. */
static bool
kinds_of(const struct ts_doc *doc, const char *s, enum ts_kind *k, size_t n)
{
	const struct ts_line *l = line_holding(doc, s);
	const struct ts_elem *e = l != NULL ? l->elem : NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		k[i] = e != NULL ? e->kind : TS_K_MAX;
		if (e != NULL)
			e = e->parent;
	}
	return l != NULL;
}

/* Issue 18: each line knows its structure element (tagged PDF), in reading order. */
static void
structure_tests(struct layout *L)
{
	static const char md[] = "# Titolo\n\n## OGGETTO: una voce\n\nUn paragrafo.\n\n"
	                         "- primo punto\n- secondo punto\n\n> una citazione\n\n"
	                         "| Capo | Voce |\n|---|---|\n| alfa | beta |\n\n"
	                         "```\ncodice\n```\n";
	struct ts_doc *doc;
	enum ts_kind k[4];
	const struct ts_line *a, *b;
	char *text;
	size_t len, p, l, hyphenated = 0;

	harness.test = "typeset structure";
	doc = layout(L, md);
	OK(kinds_of(doc, "Titolo", k, 2) && k[0] == TS_K_H && k[1] == TS_K_MAX,
	   "a level-1 heading: H in the document");
	a = line_holding(doc, "Titolo");
	OK(a != NULL && a->elem != NULL && a->elem->level == 1, "H1");
	a = line_holding(doc, "una voce");
	OK(a != NULL && a->elem != NULL && a->elem->kind == TS_K_H && a->elem->level == 2, "H2");
	OK(kinds_of(doc, "Un paragrafo", k, 2) && k[0] == TS_K_P && k[1] == TS_K_MAX,
	   "a paragraph: P in the document");
	OK(kinds_of(doc, "primo", k, 4) && k[0] == TS_K_P && k[1] == TS_K_LBODY &&
	           k[2] == TS_K_LI && k[3] == TS_K_L,
	   "a list item's text: P in LBody in LI in L");
	a = line_holding(doc, "primo");
	b = line_holding(doc, "secondo");
	OK(a != NULL && b != NULL && a->nruns >= 2 && a->runs[0].label && !a->runs[1].label,
	   "an item's marker is a run of its own, its label (Lbl)");
	OK(a != NULL && b != NULL && a->elem->parent->parent != b->elem->parent->parent &&
	           a->elem->parent->parent->parent == b->elem->parent->parent->parent,
	   "two items (LI) of one list (L)");
	OK(kinds_of(doc, "citazione", k, 2) && k[0] == TS_K_P && k[1] == TS_K_QUOTE,
	   "a quote's paragraph: P in BlockQuote");
	OK(kinds_of(doc, "Capo", k, 3) && k[0] == TS_K_TH && k[1] == TS_K_TR && k[2] == TS_K_TABLE,
	   "a header cell: TH in TR in Table");
	OK(kinds_of(doc, "alfa", k, 3) && k[0] == TS_K_TD && k[1] == TS_K_TR && k[2] == TS_K_TABLE,
	   "a cell: TD in TR in Table");
	a = line_holding(doc, "alfa");
	b = line_holding(doc, "beta");
	OK(a != NULL && b != NULL && a->elem != b->elem && a->elem->parent == b->elem->parent,
	   "two cells of one row");
	OK(kinds_of(doc, "codice", k, 1) && k[0] == TS_K_CODE, "a code block: Code");
	for (p = 0; p < doc->npages; p++)
		for (l = 0; l < doc->pages[p].nlines; l++) {
			const struct ts_line *ln = &doc->pages[p].lines[l];

			CHECK_AT(ln->role != TS_MARGIN || ln->elem == NULL,
			         "a margin line not an artifact");
			CHECK_AT(ln->elem == NULL || ln->elem->id < doc->nelems,
			         "an element's id past nelems");
		}
	ts_free(doc);

	/* hyphenated words: the first part's run knows the whole word, the next line its end */
	if (util_read_file("tests/golden/samples/torino-2022-02-23.md", 1 << 24, &text, &len) !=
	    0) {
		OK(false, "tests/golden/samples/torino-2022-02-23.md readable");
		return;
	}
	doc = layout(L, text);
	for (p = 0; p < doc->npages; p++)
		for (l = 0; l + 1 < doc->pages[p].nlines; l++) {
			const struct ts_line *ln = &doc->pages[p].lines[l], *nx = ln + 1;
			const struct ts_run *r = ln->nruns ? &ln->runs[ln->nruns - 1] : NULL;
			const char *sp;
			size_t n, from;

			if (r == NULL || r->word == NULL)
				continue;
			hyphenated++;
			n = strlen(r->text);
			sp = strrchr(r->text, ' ');
			from = sp ? (size_t)(sp - r->text) + 1 : 0;
			CHECK_AT(n > 0 && r->text[n - 1] == '-' &&
			                 strncmp(r->word, r->text + from, n - 1 - from) == 0,
			         "page %zu: %s: the whole word %s does not start with its first "
			         "part",
			         p + 1, r->text, r->word);
			CHECK_AT(nx->nruns > 0 && nx->runs[0].tail > 0 &&
			                 strncmp(r->word + (n - 1 - from), nx->runs[0].text,
			                         nx->runs[0].tail) == 0,
			         "page %zu: %s: the next line does not end the word %s", p + 1,
			         r->text, r->word);
		}
	OK(hyphenated >= 10, "the sample's minutes have hyphenated words");
	ts_free(doc);
	free(text);
}

/* Lines ending with a hyphen: their last run has the whole word (/ActualText). */
static size_t
count_hyphenated(const struct ts_doc *doc)
{
	const struct ts_line *lines[512];
	size_t n = text_lines(doc, lines, 512), k, h = 0;

	for (k = 0; k < n; k++) {
		const struct ts_run *last =
		        lines[k]->nruns > 0 ? &lines[k]->runs[lines[k]->nruns - 1] : NULL;

		if (last != NULL && last->word != NULL) {
			OK(last->text[strlen(last->text) - 1] == '-',
			   "a hyphenated line ends with -");
			h++;
		}
	}
	return h;
}

/* Whether a and b have the same lines, set the same: every run's text, face, size, position,
 * width, spacing and hyphenated word. */
static bool
same_lines(const struct ts_doc *a, const struct ts_doc *b)
{
	const struct ts_line *la[512], *lb[512];
	size_t n = text_lines(a, la, 512), k, r;

	if (n != text_lines(b, lb, 512))
		return false;
	for (k = 0; k < n; k++) {
		if (la[k]->nruns != lb[k]->nruns || la[k]->y != lb[k]->y)
			return false;
		for (r = 0; r < la[k]->nruns; r++) {
			const struct ts_run *x = &la[k]->runs[r], *y = &lb[k]->runs[r];

			if (strcmp(x->text, y->text) != 0 || x->face != y->face ||
			    x->size != y->size || x->x != y->x || x->width != y->width ||
			    x->space != y->space || (x->word == NULL) != (y->word == NULL) ||
			    (x->word != NULL && strcmp(x->word, y->word) != 0) ||
			    x->tail != y->tail)
				return false;
		}
	}
	return true;
}

/*
 * Hyphenation on demand (TeX's pretolerance): a paragraph that breaks well whole is set without
 * asking the hyphenator about any of its words; in a narrow measure the same paragraph is
 * hyphenated, exactly as when every paragraph is (pretolerance -1).
 */
static void
pretolerance(struct layout *L)
{
	static const char text[] =
	        "Il Presidente apre la seduta alle ore dieci e trenta, dà la parola al Sindaco che "
	        "illustra la proposta e risponde alle domande dei consiglieri; poi la pone ai voti "
	        "e "
	        "il Consiglio la approva con i voti di tutti i presenti in aula, e la dichiara "
	        "subito "
	        "eseguibile. Il Presidente ringrazia i presenti e chiude la seduta alle ore "
	        "undici.\n";
	const struct ts_line *lines[16];
	struct ts_style saved = L->st;
	struct ts_doc *doc, *all;
	size_t before;

	harness.test = "pretolerance";
	before = hyphenate_asked(L->h);
	doc = layout(L, text);
	INT_EQ(hyphenate_asked(L->h) - before, 0, "breaking well whole: no word hyphenated");
	INT_EQ(count_hyphenated(doc), 0, "breaking well whole: no line ends with a hyphen");
	OK(text_lines(doc, lines, 16) >= 4, "breaking well whole: 4 lines or more");
	check_run_widths(L, doc, "breaking well whole");
	ts_free(doc);

	/* a narrow measure: hyphenated */
	L->st.margin_right = L->st.page_width - L->st.margin_left - 150;
	before = hyphenate_asked(L->h);
	doc = layout(L, text);
	OK(hyphenate_asked(L->h) > before, "narrow: its words hyphenated");
	OK(count_hyphenated(doc) > 0, "narrow: some line ends with a hyphen");
	check_run_widths(L, doc, "narrow");
	L->st.pretolerance = -1;
	all = layout(L, text);
	OK(count_hyphenated(all) > 0, "narrow, every paragraph hyphenated: hyphens");
	OK(same_lines(doc, all), "narrow: set as when every paragraph is hyphenated");
	ts_free(all);
	ts_free(doc);
	L->st = saved;
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
	tables(&L);
	list_markers(&L);
	ties(&L);
	names(&L);
	addresses(&L);
	kerning(&L);
	quote_marks(&L);
	heading_levels(&L);
	footer_acts(&L);
	title_block(&L);
	group_breaks(&L);
	quotes(&L);
	pretolerance(&L);
	page_fill(&L, "tests/golden/samples/torino-2022-02-23.md");
	page_fill(&L, "tests/golden/samples/consiglio-comunale-2024-04-18.md");

	/* an empty document is one empty page, not none */
	harness.test = "empty";
	doc = layout(&L, "");
	OK(doc != NULL, "a document");
	ts_free(doc);

	structure_tests(&L);

	INT_EQ(L.d.errors, 0, "no errors reported");
	diags_clear(&L.d);
	hyphenate_free(L.h);
	fonts_free(L.f);
}
