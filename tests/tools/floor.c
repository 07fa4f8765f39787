/*
 * floor.c: the bare-bones stack that DESIGN.md measures verbale against, our own small
 * program doing the same job the plain way: Markdown parsed by cmark-gfm (tables and
 * strikethrough), greedy justified lines measured with libharu's font metrics, A4 pages
 * written by libharu, compressed, with the TrueType faces embedded in UTF-8 mode (as verbale
 * embeds its fonts). No hyphenation, kerning, keep-together, tagging or PDF/A: the floor.
 *
 *     floor [-n N] FILE.md OUT.pdf REGULAR.ttf BOLD.ttf ITALIC.ttf
 *
 * Without -n it makes OUT.pdf once. With -n it makes it N times in one process (the file read,
 * parsed and set again each time, the fonts loaded into each new document: libharu keeps
 * them per document) and prints, as build/bench does, the CPU and wall milliseconds per
 * document and the peak memory in KiB. make bench (bench.sh) sets verbale beside it.
 */
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

enum { REGULAR, BOLD, ITALIC, NFONTS };

static const double page_w = 595.276, page_h = 841.89, margin = 72, size = 11, leading = 14;

/* A word (or a piece of one, in another face) waiting for its line. */
struct box {
	size_t off, len; /* in the text buffer */
	int font;
	double width;
	int space; /* a space before it */
};

struct floor {
	HPDF_Doc pdf;
	HPDF_Font font[NFONTS];
	HPDF_Page page;
	int cur_font;
	double cur_size, y;
	char *text;
	size_t ntext, captext;
	struct box *boxes;
	size_t nboxes, capboxes;
	int strong, emph, space, depth;
	double fsize;
};

_Noreturn static void
die(const char *what)
{
	fprintf(stderr, "floor: %s\n", what);
	exit(3);
}

static void
on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	(void)data;
	fprintf(stderr, "floor: libharu error 0x%04X (%u)\n", (unsigned)err, (unsigned)detail);
	exit(3);
}

static void *
grow(void *p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return p;
	*cap = need * 2 + 16;
	if ((p = realloc(p, *cap * elem)) == NULL)
		die("memoria esaurita");
	return p;
}

static void
new_page(struct floor *f)
{
	if (f->page != NULL)
		HPDF_Page_EndText(f->page);
	f->page = HPDF_AddPage(f->pdf);
	HPDF_Page_SetSize(f->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
	HPDF_Page_BeginText(f->page);
	f->cur_font = -1;
	f->y = page_h - margin;
}

/* Boxes [from, to) as one line, justified unless last; then the next line's place. */
static void
put_line(struct floor *f, size_t from, size_t to, double width, double x0, int last)
{
	double natural = 0, sp, extra = 0, x = x0;
	size_t i, gaps = 0;
	char *w;

	if (f->y - f->fsize < margin)
		new_page(f);
	f->y -= f->fsize * leading / size;
	for (i = from; i < to; i++) {
		natural += f->boxes[i].width;
		if (i > from && f->boxes[i].space) {
			gaps++;
			natural += HPDF_Font_GetUnicodeWidth(f->font[f->boxes[i].font], ' ') *
			           f->fsize / 1000;
		}
	}
	if (!last && gaps > 0 && natural < width)
		extra = (width - natural) / (double)gaps;
	for (i = from; i < to; i++) {
		struct box *b = &f->boxes[i];

		if (i > from && b->space) {
			sp = HPDF_Font_GetUnicodeWidth(f->font[b->font], ' ') * f->fsize / 1000;
			x += sp + extra;
		}
		if (b->font != f->cur_font || f->fsize != f->cur_size) {
			HPDF_Page_SetFontAndSize(f->page, f->font[b->font], (HPDF_REAL)f->fsize);
			f->cur_font = b->font;
			f->cur_size = f->fsize;
		}
		w = f->text + b->off;
		w[b->len] = '\0'; /* each box ends with a byte of its own (add_text) */
		HPDF_Page_TextOut(f->page, (HPDF_REAL)x, (HPDF_REAL)f->y, w);
		x += b->width;
	}
}

/* Greedy breaking of the boxes gathered: as many as fit on each line. */
static void
flush(struct floor *f)
{
	double x0 = margin + 18 * f->depth, width = page_w - margin - x0, used = 0;
	size_t start = 0, i;

	for (i = 0; i < f->nboxes; i++) {
		struct box *b = &f->boxes[i];
		double sp =
		        i > start && b->space
		                ? HPDF_Font_GetUnicodeWidth(f->font[b->font], ' ') * f->fsize / 1000
		                : 0;

		if (i > start && b->space && used + sp + b->width > width) {
			put_line(f, start, i, width, x0, 0);
			start = i;
			used = b->width;
		} else {
			used += sp + b->width;
		}
	}
	if (start < f->nboxes)
		put_line(f, start, f->nboxes, width, x0, 1);
	f->nboxes = 0;
	f->ntext = 0;
	f->space = 0;
}

/* Text in the current face: a box for each word, measured by libharu. */
static void
add_text(struct floor *f, const char *s)
{
	int font = f->strong ? BOLD : f->emph ? ITALIC : REGULAR;

	while (*s != '\0') {
		size_t n = 0;
		struct box *b;
		HPDF_TextWidth tw;

		if (*s == ' ' || *s == '\n') {
			f->space = 1;
			s++;
			continue;
		}
		while (s[n] != '\0' && s[n] != ' ' && s[n] != '\n')
			n++;
		f->text = grow(f->text, &f->captext, f->ntext + n + 1, 1);
		memcpy(f->text + f->ntext, s, n);
		f->boxes = grow(f->boxes, &f->capboxes, f->nboxes + 1, sizeof(*f->boxes));
		b = &f->boxes[f->nboxes++];
		b->off = f->ntext;
		b->len = n;
		b->font = font;
		b->space = f->space;
		tw = HPDF_Font_TextWidth(f->font[font], (const HPDF_BYTE *)s, (HPDF_UINT)n);
		b->width = tw.width * f->fsize / 1000;
		f->ntext += n + 1;
		f->space = 0;
		s += n;
	}
}

static void
set_document(struct floor *f, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		int enter = ev == CMARK_EVENT_ENTER;
		const char *lit = cmark_node_get_literal(n);

		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE: add_text(f, lit ? lit : ""); break;
		case CMARK_NODE_SOFTBREAK: f->space = 1; break;
		case CMARK_NODE_LINEBREAK: flush(f); break;
		case CMARK_NODE_STRONG: f->strong += enter ? 1 : -1; break;
		case CMARK_NODE_EMPH: f->emph += enter ? 1 : -1; break;
		case CMARK_NODE_HEADING:
			if (enter) {
				flush(f);
				f->fsize = size + 7 - cmark_node_get_heading_level(n);
				f->y -= leading / 2;
			} else {
				flush(f); /* at the heading's size */
				f->fsize = size;
			}
			f->strong += enter ? 1 : -1;
			break;
		case CMARK_NODE_LIST:
		case CMARK_NODE_BLOCK_QUOTE: f->depth += enter ? 1 : -1; break;
		case CMARK_NODE_ITEM:
			if (enter)
				add_text(f, cmark_node_get_list_type(cmark_node_parent(n)) ==
				                            CMARK_ORDERED_LIST
				                    ? "1."
				                    : "\xE2\x80\x93");
			f->space = 1;
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK:
			for (; lit != NULL && *lit != '\0'; lit = strchr(lit, '\n') + 1) {
				char line[1024];
				size_t k = strcspn(lit, "\n");

				snprintf(line, sizeof(line), "%.*s", (int)k, lit);
				add_text(f, line);
				flush(f);
				if (lit[k] == '\0')
					break;
			}
			break;
		case CMARK_NODE_PARAGRAPH:
			if (!enter) {
				flush(f);
				f->y -= leading / 3;
			}
			break;
		default:
			/* a table's cell ends its text like a paragraph */
			if (!enter && f->nboxes > 0 &&
			    strcmp(cmark_node_get_type_string(n), "table_cell") == 0)
				flush(f);
			break;
		}
	}
	cmark_iter_free(it);
	flush(f);
}

/* One document: read, parse, set, write. */
static void
make_one(const char *in, const char *out, char *const *fonts)
{
	static const char *const ext[] = {"table", "strikethrough"};
	struct floor f;
	cmark_parser *p;
	cmark_node *doc;
	FILE *fp;
	char *buf;
	long len = 0;
	size_t i;

	if ((fp = fopen(in, "rb")) == NULL || fseek(fp, 0, SEEK_END) != 0 ||
	    (len = ftell(fp)) < 0 || fseek(fp, 0, SEEK_SET) != 0)
		die("file di ingresso illeggibile");
	if ((buf = malloc((size_t)len + 1)) == NULL ||
	    fread(buf, 1, (size_t)len, fp) != (size_t)len)
		die("file di ingresso illeggibile");
	fclose(fp);
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		cmark_parser_attach_syntax_extension(p, cmark_find_syntax_extension(ext[i]));
	cmark_parser_feed(p, buf, (size_t)len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	free(buf);

	memset(&f, 0, sizeof(f));
	f.fsize = size;
	if ((f.pdf = HPDF_New(on_error, NULL)) == NULL)
		die("libharu non parte");
	HPDF_SetCompressionMode(f.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(f.pdf);
	HPDF_SetCurrentEncoder(f.pdf, "UTF-8");
	for (i = 0; i < NFONTS; i++)
		f.font[i] = HPDF_GetFont(f.pdf, HPDF_LoadTTFontFromFile(f.pdf, fonts[i], HPDF_TRUE),
		                         "UTF-8");
	new_page(&f);
	set_document(&f, doc);
	HPDF_Page_EndText(f.page);
	if (HPDF_SaveToFile(f.pdf, out) != HPDF_OK)
		die("PDF non scritto");
	HPDF_Free(f.pdf);
	cmark_node_free(doc);
	free(f.text);
	free(f.boxes);
}

static double
ms(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct rusage ru;
	double cpu, wall;
	int n = 0, i;

	if (argc > 2 && strcmp(argv[1], "-n") == 0) {
		n = atoi(argv[2]);
		argv += 2;
		argc -= 2;
		if (n < 1)
			argc = 0;
	}
	if (argc != 6) {
		fputs("uso: floor [-n N] FILE.md OUT.pdf REGULAR.ttf BOLD.ttf ITALIC.ttf\n",
		      stderr);
		return 2;
	}
	if (n == 0) {
		make_one(argv[1], argv[2], argv + 3);
		return 0;
	}
	cpu = ms(CLOCK_PROCESS_CPUTIME_ID);
	wall = ms(CLOCK_MONOTONIC);
	for (i = 0; i < n; i++)
		make_one(argv[1], argv[2], argv + 3);
	cpu = (ms(CLOCK_PROCESS_CPUTIME_ID) - cpu) / n;
	wall = (ms(CLOCK_MONOTONIC) - wall) / n;
	getrusage(RUSAGE_SELF, &ru);
	printf("%.2f %.2f %ld\n", cpu, wall, ru.ru_maxrss);
	return 0;
}
