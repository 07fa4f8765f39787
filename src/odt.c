/* odt.c: the minutes as OpenDocument Text (odt.h). */
#include "odt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmark-gfm.h>
#include <zip.h>

#include "image.h"
#include "inputs.h"
#include "markdown.h"
#include "model.h"
#include "template.h"
#include "text.h"
#include "tval.h"
#include "typeset.h"

/* The pictures of one document, in bytes of their files: a package LibreOffice opens at
 * ease, and its making bounded in memory; past it, images are their alt text. */
enum { ODT_IMAGES_MAX = 64 * 1024 * 1024 };

/* Where the header's and the footer's texts hold LibreOffice's fields: the values given to
 * pagina and pagine while stile.yaml's testata and piede run (control characters, which no
 * text of the minutes can hold: odt_text drops them). */
#define PAGE_NUMBER "\x01"
#define PAGE_COUNT  "\x02"

/* The named paragraph styles of styles.xml (odt.h), in this order. */
enum pstyle {
	PS_CORPO,
	PS_TITOLO,
	PS_OGGETTO,
	PS_SEZIONE,
	PS_CENTRATO,
	PS_VOTAZIONE,
	PS_ESITO,
	PS_FIRMA,
	PS_RIGA_FIRMA,
	PS_ELENCO,
	PS_CITAZIONE,
	PS_CODICE,
	PS_CELLA,
	PS_CELLA_INT,
	PS_SEPARATORE,
	PS_IMMAGINE,
	PS_MAX
};

static const char *const pstyle_names[PS_MAX] = {
        "Corpo",      "Titolo",
        "Oggetto",    "Sezione",
        "Centrato",   "Votazione",
        "Esito",      "Firma",
        "Riga_firma", "Elenco",
        "Citazione",  "Codice",
        "Cella",      "Cella_intestazione",
        "Separatore", "Immagine",
};

/* A file of Pictures/. */
struct picture {
	char *name; /* "Pictures/immagine1.png" */
	char *data;
	size_t len;
	const char *media; /* its MIME type */
};

/* The state of one document's writing. */
struct odt {
	const struct odt_job *job;
	struct diags *d;
	struct buf body;      /* office:text's content */
	struct picture *pics; /* the logo first, when there is one */
	size_t npics, cappics;
	size_t images;        /* bytes of pictures so far */
	unsigned images_n;    /* images of the text so far */
	cmark_node *told;     /* the image image_para has looked at: not a word more about it */
	unsigned page_breaks; /* the styles that have a variant starting a page (Pb_NAME) */
	unsigned tables, frames;
	int lists, quotes; /* how deep inside lists and block quotes */
	bool space;        /* the text written last ends with a space (or none was yet) */
	bool center_next;  /* <!-- verbale:centro --> */
	bool page_next;    /* <!-- verbale:pagina --> */
	int group;         /* 0 none; 1 <!-- verbale:insieme -->; 2 one that is a vote block */
	bool group_first;  /* the group's first block is still to come */
	bool signing, signed_copy; /* <!-- verbale:firme -->, <!-- verbale:firmate --> */
	cmark_node **signs;        /* the signatures collected since firme */
	size_t nsigns, capsigns;
};

/* --- text ---------------------------------------------------------------------------------- */

/*
 * Text s[0..n) as XML character data: & < > " escaped, characters XML 1.0 cannot hold (the C0
 * controls, U+FFFE, U+FFFF, bytes that are no UTF-8) dropped. In a paragraph (para) a space
 * after a space (o's text so far, or this text's when o is NULL) or at the paragraph's start
 * is <text:s/>, a tab <text:tab/> and a newline <text:line-break/>; with fields, PAGE_NUMBER
 * and PAGE_COUNT become LibreOffice's fields.
 */
static void
xml_text(struct odt *o, struct buf *b, const char *s, size_t n, bool para, bool fields)
{
	bool none = true, *space = o != NULL ? &o->space : &none;
	size_t i = 0;

	while (i < n) {
		size_t at = i;
		uint32_t cp = text_utf8_next(s, n, &i);

		if (cp == '\t' || cp == '\n') {
			if (para)
				buf_puts(b, cp == '\t' ? "<text:tab/>" : "<text:line-break/>");
			else
				buf_putc(b, ' ');
			*space = cp == '\n';
			continue;
		}
		if (fields && (cp == 1 || cp == 2)) {
			buf_puts(b, cp == 1 ? "<text:page-number text:select-page=\"current\">1"
			                      "</text:page-number>"
			                    : "<text:page-count>1</text:page-count>");
			*space = false;
			continue;
		}
		if (cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF || (cp == 0xFFFD && i - at == 1))
			continue;
		if (cp == ' ' && para && *space) {
			buf_puts(b, "<text:s/>");
			continue;
		}
		switch (cp) {
		case '&': buf_puts(b, "&amp;"); break;
		case '<': buf_puts(b, "&lt;"); break;
		case '>': buf_puts(b, "&gt;"); break;
		case '"': buf_puts(b, "&quot;"); break;
		default: buf_add(b, s + at, i - at); break;
		}
		*space = cp == ' ';
	}
}

/* An attribute's value (or text outside paragraphs). */
static void
xml_attr(struct buf *b, const char *s)
{
	xml_text(NULL, b, s ? s : "", s ? strlen(s) : 0, false, false);
}

/* --- inlines ------------------------------------------------------------------------------- */

static void
span_open(struct odt *o, const char *style)
{
	buf_printf(&o->body, "<text:span text:style-name=\"%s\">", style);
}

static void image_inline(struct odt *o, cmark_node *img);

/* The inlines of parent (a paragraph, a heading, a cell), in reading order: cmark's iterator,
 * no recursion, however deep the emphasis. An image is its alt text here. */
static void
inlines(struct odt *o, cmark_node *parent)
{
	cmark_iter *it = cmark_iter_new(parent);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;
		const char *lit;

		if (n == parent)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit != NULL)
				xml_text(o, &o->body, lit, strlen(lit), true, false);
			break;
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			span_open(o, "Codice_in_linea");
			if (lit != NULL)
				xml_text(o, &o->body, lit, strlen(lit), true, false);
			buf_puts(&o->body, "</text:span>");
			break;
		case CMARK_NODE_SOFTBREAK: xml_text(o, &o->body, " ", 1, true, false); break;
		case CMARK_NODE_LINEBREAK:
			buf_puts(&o->body, "<text:line-break/>");
			o->space = true;
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			if (enter)
				span_open(o, cmark_node_get_type(n) == CMARK_NODE_EMPH
				                     ? "Corsivo"
				                     : "Grassetto");
			else
				buf_puts(&o->body, "</text:span>");
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(n);

			if (url == NULL || *url == '\0')
				break;
			if (enter) {
				buf_puts(&o->body, "<text:a xlink:type=\"simple\" xlink:href=\"");
				xml_attr(&o->body, url);
				buf_puts(&o->body, "\" text:style-name=\"Collegamento\">");
			} else
				buf_puts(&o->body, "</text:a>");
			break;
		}
		case CMARK_NODE_IMAGE:
			if (enter)
				image_inline(o, n);
			break; /* its description, the children, follows */
		default:
			if (markdown_node_kind(n) == MARKDOWN_STRIKE) {
				if (enter)
					span_open(o, "Barrato");
				else
					buf_puts(&o->body, "</text:span>");
			}
			break;
		}
	}
	cmark_iter_free(it);
}

/* Open a paragraph (or a heading of level > 0) of style ps, starting a page when one was
 * asked for. */
static void
para_open(struct odt *o, enum pstyle ps, int level)
{
	const char *pb = "";

	if (o->page_next) {
		o->page_breaks |= 1u << ps;
		o->page_next = false;
		pb = "Pb_";
	}
	if (level > 0)
		buf_printf(&o->body, "<text:h text:style-name=\"%s%s\" text:outline-level=\"%d\">",
		           pb, pstyle_names[ps], level);
	else
		buf_printf(&o->body, "<text:p text:style-name=\"%s%s\">", pb, pstyle_names[ps]);
	o->space = true;
}

static void
para(struct odt *o, enum pstyle ps, cmark_node *n)
{
	para_open(o, ps, 0);
	inlines(o, n);
	buf_puts(&o->body, "</text:p>");
}

/* --- pictures ------------------------------------------------------------------------------ */

/* Add a picture (data taken over) and return its name in the package. */
static const char *
picture_add(struct odt *o, const char *base, char *data, size_t len, enum ts_image_kind kind)
{
	struct picture *p;

	o->pics = xgrow(o->pics, &o->cappics, o->npics + 1, sizeof(*o->pics));
	p = &o->pics[o->npics++];
	p->name = xasprintf("Pictures/%s.%s", base, kind == TS_IMAGE_PNG ? "png" : "jpg");
	p->data = data;
	p->len = len;
	p->media = kind == TS_IMAGE_PNG ? "image/png" : "image/jpeg";
	o->images += len;
	return p->name;
}

/* A picture as a character of its paragraph, w x h points, with its description. */
static void
frame(struct odt *o, struct buf *b, const char *name, double w, double h, const char *alt)
{
	buf_printf(b,
	           "<draw:frame draw:name=\"Immagine%u\" text:anchor-type=\"as-char\" "
	           "svg:width=\"%.2fpt\" svg:height=\"%.2fpt\" draw:z-index=\"0\">"
	           "<draw:image xlink:href=\"%s\" xlink:type=\"simple\" xlink:show=\"embed\" "
	           "xlink:actuate=\"onLoad\"/>",
	           ++o->frames, w, h, name);
	if (alt != NULL && *alt) {
		buf_puts(b, "<svg:title>");
		xml_attr(b, alt);
		buf_puts(b, "</svg:title>");
	}
	buf_puts(b, "</draw:frame>");
}

static void
image_skipped(struct odt *o, const char *url, const char *why)
{
	struct pos at = {o->job->s ? o->job->s->file : NULL, 0, 0};
	char *shown = diag_quote(url);

	diag_report(o->d, D_IMAGE_SKIPPED, &at, shown, why);
	free(shown);
}

/* The plain text of n's inlines (an image's description). */
static char *
plain(cmark_node *n)
{
	struct buf b = {0};
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		const char *lit = cmark_node_get_literal(c);

		if (ev == CMARK_EVENT_ENTER && c != n && lit != NULL &&
		    cmark_node_get_type(c) != CMARK_NODE_IMAGE)
			buf_puts(&b, lit);
		else if (cmark_node_get_type(c) == CMARK_NODE_SOFTBREAK)
			buf_putc(&b, ' ');
	}
	cmark_iter_free(it);
	return buf_detach(&b);
}

/*
 * The image img names, as the PDF looks at it (render.c's image hook): a PNG or JPEG file
 * inside the session's folder, read whole into *data (malloc'd) with its kind and size in
 * pixels. False when it is not to be had: a remote, missing or outside one is a warning
 * (D_IMAGE_SKIPPED), one that is there but unusable an error (D_IMAGE), both only when
 * job->speak (else the PDF or the preview has said so).
 */
static bool
image_look(struct odt *o, cmark_node *img, char **data, size_t *len, enum ts_image_kind *kind,
           double *w, double *h)
{
	const struct odt_job *j = o->job;
	const char *url = cmark_node_get_url(img), *why = NULL;
	char *real = NULL;
	int err;

	*data = NULL;
	url = url ? url : "";
	if (j->speak && j->seen != NULL && j->dir != NULL && !markdown_url_is_remote(url) &&
	    inputs_path_inside(url)) {
		char *path = util_join(j->dir, url);

		j->seen(j->seen_ctx, path); /* an input, even while it is missing */
		free(path);
	}
	if (markdown_url_is_remote(url))
		why = "le immagini remote non si scaricano";
	else
		switch (inputs_resolve(j->dir, url, &real)) {
		case INPUTS_OUTSIDE:
		case INPUTS_LINK_OUTSIDE: why = "fuori dalla cartella della seduta"; break;
		case INPUTS_MISSING: why = "il file non esiste"; break;
		case INPUTS_INSIDE: break;
		}
	if (why != NULL) {
		if (j->speak)
			image_skipped(o, url, why);
		return false;
	}
	err = util_read_file_via(j->reader, real, IMAGE_MAX_BYTES, data, len);
	if (err != 0 || !image_probe((const unsigned char *)*data, *len, kind, w, h, &why) ||
	    *w <= 0 || *h <= 0) {
		if (j->speak)
			diag_report(o->d, D_IMAGE, NULL, real,
			            err == -1 ? "più grande di 16 MiB"
			            : err     ? util_strerror(err)
			                      : (why ? why : "vuota"));
		free(real);
		free(*data);
		*data = NULL;
		return false;
	}
	free(real);
	return true;
}

/* An image inside text is its description, as in the PDF, with its warning. */
static void
image_inline(struct odt *o, cmark_node *img)
{
	enum ts_image_kind kind;
	double w, h;
	char *data, *shown;
	size_t len;

	if (!o->job->speak || img == o->told)
		return;
	if (image_look(o, img, &data, &len, &kind, &w, &h)) {
		struct pos at = {o->job->s ? o->job->s->file : NULL, 0, 0};

		shown = diag_quote(cmark_node_get_url(img) ? cmark_node_get_url(img) : "");
		diag_report(o->d, D_IMAGE_INLINE, &at, shown);
		free(shown);
		free(data);
	}
}

/*
 * A paragraph that is one image, of a PNG or JPEG file inside the session's folder, as the
 * picture itself: 72 dpi to start with, never wider than the text nor taller than 3/4 of its
 * height, as the PDF draws it. False when it is to be its description (image_look), which is
 * then not told about again.
 */
static bool
image_para(struct odt *o, cmark_node *p)
{
	const struct ts_style *st = o->job->st;
	cmark_node *img = cmark_node_first_child(p);
	const char *name;
	char *data, *alt, base[32];
	size_t len;
	enum ts_image_kind kind;
	double w, h, scale = 1, width = st->page_width - st->margin_left - st->margin_right,
	             tallest = (st->page_height - st->margin_top - st->margin_bottom) * 0.75;

	if (img == NULL || cmark_node_get_type(img) != CMARK_NODE_IMAGE ||
	    cmark_node_next(img) != NULL)
		return false;
	o->told = img;
	if (!image_look(o, img, &data, &len, &kind, &w, &h))
		return false;
	if (len > ODT_IMAGES_MAX - o->images) {
		const char *url = cmark_node_get_url(img);

		image_skipped(o, url ? url : "",
		              "le immagini del documento ODT supererebbero i 64 MiB");
		free(data);
		return false;
	}
	snprintf(base, sizeof(base), "immagine%u", ++o->images_n);
	name = picture_add(o, base, data, len, kind);
	if (w * scale > width)
		scale = width / w;
	if (h * scale > tallest)
		scale = tallest / h;
	para_open(o, PS_IMMAGINE, 0);
	alt = plain(img);
	frame(o, &o->body, name, w * scale, h * scale, alt);
	free(alt);
	buf_puts(&o->body, "</text:p>");
	return true;
}

/* --- blocks -------------------------------------------------------------------------------- */

/* Whether the last inline of paragraph p that is not white space is bold: a vote's outcome
 * (esito.mustache). */
static bool
ends_bold(cmark_node *p)
{
	cmark_node *n;

	for (n = cmark_node_last_child(p); n != NULL; n = cmark_node_previous(n)) {
		const char *lit = cmark_node_get_literal(n);

		if (cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ||
		    (cmark_node_get_type(n) == CMARK_NODE_TEXT && lit != NULL &&
		     strspn(lit, " \t") == strlen(lit)))
			continue;
		return cmark_node_get_type(n) == CMARK_NODE_STRONG;
	}
	return false;
}

/* The signatures collected since <!-- verbale:firme -->: a table without borders, two to a
 * row (a last one alone across both columns), each centred, with a line to sign on below it
 * (not in a copy, <!-- verbale:firmate -->). */
static void
signatures(struct odt *o)
{
	size_t i, cols = o->nsigns < 2 ? o->nsigns : 2;

	if (o->lists > 0)
		return; /* a <!-- verbale:fine --> inside a list, where ODF has no tables: later */
	if (o->nsigns == 0) {
		o->signing = o->signed_copy = false;
		return;
	}
	buf_printf(&o->body,
	           "<table:table table:name=\"Firme%u\" table:style-name=\"Firme\">"
	           "<table:table-column table:style-name=\"Firme.A\" "
	           "table:number-columns-repeated=\"%zu\"/>",
	           ++o->tables, cols);
	for (i = 0; i < o->nsigns; i++) {
		bool alone = i + 1 == o->nsigns && i % 2 == 0 && cols == 2;

		if (i % 2 == 0) /* a row is never split: the line to sign on stays with the name */
			buf_puts(&o->body, "<table:table-row table:style-name=\"Firme.1\">");
		buf_printf(&o->body,
		           "<table:table-cell table:style-name=\"Firme.A1\" "
		           "office:value-type=\"string\"%s>",
		           alone ? " table:number-columns-spanned=\"2\"" : "");
		para(o, PS_FIRMA, o->signs[i]);
		if (!o->signed_copy)
			buf_puts(&o->body,
			         "<text:p text:style-name=\"Riga_firma\">\xC2\xA0</text:p>");
		buf_puts(&o->body, "</table:table-cell>");
		if (alone)
			buf_puts(&o->body, "<table:covered-table-cell/>");
		if (i % 2 == 1 || i + 1 == o->nsigns)
			buf_puts(&o->body, "</table:table-row>");
	}
	buf_puts(&o->body, "</table:table>");
	o->nsigns = 0;
	o->signing = o->signed_copy = false;
}

/* A verbale marker (typeset.h), or raw HTML shown as text. */
static void
html_block(struct odt *o, cmark_node *n)
{
	static const char prefix[] = "<!-- verbale:";
	const char *lit = cmark_node_get_literal(n), *p;

	lit = lit ? lit : "";
	if (strncmp(lit, prefix, sizeof(prefix) - 1) != 0) {
		size_t len = strlen(lit);

		while (len > 0 && lit[len - 1] == '\n')
			len--;
		para_open(o, PS_CODICE, 0);
		xml_text(o, &o->body, lit, len, true, false);
		buf_puts(&o->body, "</text:p>");
		return;
	}
	p = lit + sizeof(prefix) - 1;
	if (strncmp(p, "insieme", 7) == 0) {
		o->group = 1;
		o->group_first = true;
	} else if (strncmp(p, "fine", 4) == 0) {
		signatures(o);
		o->group = 0;
		o->group_first = false;
	} else if (strncmp(p, "pagina", 6) == 0)
		o->page_next = true;
	else if (strncmp(p, "centro", 6) == 0)
		o->center_next = true;
	else if (strncmp(p, "firmate", 7) == 0)
		o->signing = o->signed_copy = true;
	else if (strncmp(p, "firme", 5) == 0)
		o->signing = true;
}

/* The style of a paragraph of text where it stands. */
static enum pstyle
para_style(struct odt *o, cmark_node *p)
{
	if (o->center_next)
		return PS_CENTRATO;
	if (o->lists > 0)
		return PS_ELENCO;
	if (o->quotes > 0)
		return PS_CITAZIONE;
	if (o->group == 2)
		return ends_bold(p) ? PS_ESITO : PS_VOTAZIONE;
	return PS_CORPO;
}

/* A table: a header row repeated on each page, cells with borders, each column aligned as the
 * delimiter row says. Inside a list, where ODF has no tables, each row is a paragraph, its
 * cells separated by tabs. */
static void
table(struct odt *o, cmark_node *t)
{
	unsigned cols = markdown_table_columns(t), c;
	cmark_node *row, *cell;
	bool header_open = false;

	if (cols == 0)
		return;
	if (o->lists > 0) {
		for (row = cmark_node_first_child(t); row != NULL; row = cmark_node_next(row)) {
			para_open(o, PS_ELENCO, 0);
			for (cell = cmark_node_first_child(row), c = 0; cell != NULL;
			     cell = cmark_node_next(cell), c++) {
				if (c > 0)
					buf_puts(&o->body, "<text:tab/>");
				inlines(o, cell);
			}
			buf_puts(&o->body, "</text:p>");
		}
		return;
	}
	buf_printf(&o->body,
	           "<table:table table:name=\"Tabella%u\" table:style-name=\"Tabella\">"
	           "<table:table-column table:style-name=\"Tabella.A\" "
	           "table:number-columns-repeated=\"%u\"/>",
	           ++o->tables, cols);
	for (row = cmark_node_first_child(t); row != NULL; row = cmark_node_next(row)) {
		bool head = markdown_row_is_header(row);

		if (head && !header_open) {
			buf_puts(&o->body, "<table:table-header-rows>");
			header_open = true;
		}
		buf_puts(&o->body, "<table:table-row>");
		for (cell = cmark_node_first_child(row), c = 0; c < cols; c++) {
			enum markdown_align al = markdown_table_align(t, c);

			buf_puts(&o->body, "<table:table-cell table:style-name=\"Tabella.A1\" "
			                   "office:value-type=\"string\">");
			buf_printf(&o->body, "<text:p text:style-name=\"%s%s\">",
			           pstyle_names[head ? PS_CELLA_INT : PS_CELLA],
			           al == MARKDOWN_ALIGN_CENTER  ? "_centro"
			           : al == MARKDOWN_ALIGN_RIGHT ? "_destra"
			                                        : "");
			o->space = true;
			if (cell != NULL) {
				inlines(o, cell);
				cell = cmark_node_next(cell);
			}
			buf_puts(&o->body, "</text:p></table:table-cell>");
		}
		buf_puts(&o->body, "</table:table-row>");
		if (head) {
			buf_puts(&o->body, "</table:table-header-rows>");
			header_open = false;
		}
	}
	buf_puts(&o->body, "</table:table>");
}

/* A code block: one paragraph, its lines kept. */
static void
code_block(struct odt *o, cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;

	while (len > 0 && lit[len - 1] == '\n')
		len--;
	para_open(o, PS_CODICE, 0);
	xml_text(o, &o->body, lit ? lit : "", len, true, false);
	buf_puts(&o->body, "</text:p>");
}

/* The document's blocks, in order, with cmark's iterator: no recursion however deep the lists
 * and quotes. A leaf block is written whole on entering it. */
static void
blocks(struct odt *o, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		bool enter = ev == CMARK_EVENT_ENTER;

		if (n == doc)
			continue;
		if (enter && type != CMARK_NODE_HTML_BLOCK && o->group_first) {
			o->group_first = false;
			o->group = type == CMARK_NODE_HEADING ? 2 : 1;
		}
		switch (type) {
		case CMARK_NODE_BLOCK_QUOTE: o->quotes += enter ? 1 : -1; break;
		case CMARK_NODE_LIST:
			if (enter) {
				buf_printf(&o->body, "<text:list text:style-name=\"%s\">",
				           cmark_node_get_list_type(n) == CMARK_ORDERED_LIST
				                   ? "Elenco_numerato"
				                   : "Elenco_puntato");
				o->lists++;
			} else {
				buf_puts(&o->body, "</text:list>");
				o->lists--;
			}
			break;
		case CMARK_NODE_ITEM:
			if (!enter) {
				buf_puts(&o->body, "</text:list-item>");
				break;
			}
			buf_puts(&o->body, "<text:list-item");
			if (cmark_node_previous(n) == NULL &&
			    cmark_node_get_list_type(cmark_node_parent(n)) == CMARK_ORDERED_LIST &&
			    cmark_node_get_list_start(cmark_node_parent(n)) != 1)
				buf_printf(&o->body, " text:start-value=\"%d\"",
				           cmark_node_get_list_start(cmark_node_parent(n)));
			buf_puts(&o->body, ">");
			break;
		case CMARK_NODE_PARAGRAPH:
			if (o->signing && o->lists == 0 && o->quotes == 0) {
				o->signs = xgrow(o->signs, &o->capsigns, o->nsigns + 1,
				                 sizeof(*o->signs));
				o->signs[o->nsigns++] = n;
			} else if (!image_para(o, n))
				para(o, para_style(o, n), n);
			o->center_next = false;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(n);

			para_open(o,
			          level <= 1   ? PS_TITOLO
			          : level == 2 ? PS_OGGETTO
			                       : PS_SEZIONE,
			          level);
			inlines(o, n);
			buf_puts(&o->body, "</text:h>");
			o->center_next = false;
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		}
		case CMARK_NODE_CODE_BLOCK:
			code_block(o, n);
			o->center_next = false;
			break;
		case CMARK_NODE_HTML_BLOCK: html_block(o, n); break;
		case CMARK_NODE_THEMATIC_BREAK:
			para_open(o, PS_SEPARATORE, 0);
			buf_puts(&o->body, "</text:p>");
			break;
		default:
			if (enter && markdown_node_kind(n) == MARKDOWN_TABLE) {
				table(o, n);
				o->center_next = false;
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		}
	}
	cmark_iter_free(it);
	signatures(o); /* a <!-- verbale:firme --> never closed */
}

/* --- the package's files ------------------------------------------------------------------- */

#define NS_OFFICE "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
#define NS_ALL                                                                                     \
	NS_OFFICE " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""               \
	          " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""                 \
	          " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""               \
	          " xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\""              \
	          " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""      \
	          " xmlns:xlink=\"http://www.w3.org/1999/xlink\""                                  \
	          " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""                                 \
	          " xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\""                 \
	          " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* A font face, known to the styles as id (stile.yaml's family names may hold any character). */
static void
font_face(struct buf *b, const char *id, const char *name, const char *generic, const char *pitch)
{
	buf_printf(b, "<style:font-face style:name=\"%s\" svg:font-family=\"&apos;", id);
	xml_attr(b, name);
	buf_printf(b, "&apos;\" style:font-family-generic=\"%s\" style:font-pitch=\"%s\"/>",
	           generic, pitch);
}

static void
font_faces(struct buf *b, const struct ts_style *st)
{
	buf_puts(b, "<office:font-face-decls>");
	font_face(b, "Testo", st->fonts.text ? st->fonts.text : "Liberation Serif", "roman",
	          "variable");
	font_face(b, "Codice", st->fonts.mono ? st->fonts.mono : "Liberation Mono", "modern",
	          "fixed");
	buf_puts(b, "</office:font-face-decls>");
}

/* A paragraph style: its name, parent (NULL: none), paragraph and text properties (may be
 * empty), and outline level (headings; 0: none). */
static void
pstyle(struct buf *b, const char *name, const char *parent, int level, const char *pp,
       const char *tp)
{
	buf_printf(b, "<style:style style:name=\"%s\" style:family=\"paragraph\"", name);
	if (parent != NULL)
		buf_printf(b, " style:parent-style-name=\"%s\"", parent);
	if (level > 0)
		buf_printf(b, " style:default-outline-level=\"%d\" style:class=\"text\"", level);
	buf_puts(b, ">");
	if (*pp)
		buf_printf(b, "<style:paragraph-properties %s/>", pp);
	if (*tp)
		buf_printf(b, "<style:text-properties %s/>", tp);
	buf_puts(b, "</style:style>");
}

/* A list style of ten levels, each indent points more. */
static void
list_style(struct buf *b, const char *name, bool numbered, double indent)
{
	int l;

	buf_printf(b, "<text:list-style style:name=\"%s\">", name);
	for (l = 1; l <= 10; l++) {
		if (numbered)
			buf_printf(b,
			           "<text:list-level-style-number text:level=\"%d\" "
			           "style:num-suffix=\".\" style:num-format=\"1\">",
			           l);
		else
			buf_printf(b,
			           "<text:list-level-style-bullet text:level=\"%d\" "
			           "text:bullet-char=\"\xE2\x80\x93\">",
			           l);
		buf_printf(b,
		           "<style:list-level-properties "
		           "text:list-level-position-and-space-mode=\"label-alignment\">"
		           "<style:list-level-label-alignment text:label-followed-by=\"listtab\" "
		           "text:list-tab-stop-position=\"%.2fpt\" fo:text-indent=\"-%.2fpt\" "
		           "fo:margin-left=\"%.2fpt\"/></style:list-level-properties>",
		           indent * l, indent, indent * l);
		buf_puts(b, numbered ? "</text:list-level-style-number>"
		                     : "</text:list-level-style-bullet>");
	}
	buf_puts(b, "</text:list-style>");
}

/* styles.xml: the named styles, the page, its header and footer (XML already). */
static void
styles_xml(struct buf *b, const struct ts_style *st, const char *header, const char *footer)
{
	char pp[512], tp[512];
	double width = st->page_width - st->margin_left - st->margin_right,
	       hh = st->margin_size * 1.2, hskip = st->header_skip - st->margin_size,
	       fskip = st->footer_skip - st->margin_size, top, bottom;
	int i;

	hskip = hskip > 0 ? hskip : 0;
	fskip = fskip > 0 ? fskip : 0;
	top = st->margin_top - hskip - hh;
	bottom = st->margin_bottom - fskip - hh;
	buf_printf(b, XML_DECL "<office:document-styles " NS_ALL " office:version=\"1.2\">");
	font_faces(b, st);
	buf_puts(b, "<office:styles>");
	buf_printf(b,
	           "<style:default-style style:family=\"paragraph\">"
	           "<style:paragraph-properties fo:hyphenation-ladder-count=\"no-limit\" "
	           "style:writing-mode=\"lr-tb\"/>"
	           "<style:text-properties style:font-name=\"Testo\" fo:font-size=\"%.2fpt\" "
	           "fo:language=\"it\" fo:country=\"IT\" "
	           "fo:hyphenate=\"true\" fo:hyphenation-remain-char-count=\"2\" "
	           "fo:hyphenation-push-char-count=\"2\"/></style:default-style>",
	           st->size);
	buf_puts(b, "<style:default-style style:family=\"table\"/>");
	pstyle(b, "Standard", NULL, 0, "", "");
	snprintf(pp, sizeof(pp),
	         "fo:text-align=\"justify\" fo:line-height=\"%.2fpt\" fo:margin-top=\"0pt\" "
	         "fo:margin-bottom=\"%.2fpt\" fo:orphans=\"2\" fo:widows=\"2\"",
	         st->leading, st->para_skip);
	pstyle(b, "Corpo", "Standard", 0, pp, "");
	for (i = 0; i < 3; i++) {
		static const char *const names[] = {"Titolo", "Oggetto", "Sezione"};

		snprintf(
		        pp, sizeof(pp),
		        "fo:text-align=\"%s\" fo:margin-top=\"%.2fpt\" fo:margin-bottom=\"%.2fpt\" "
		        "fo:keep-with-next=\"always\" fo:line-height=\"115%%\"",
		        i == 0 ? "center" : "start", i == 0 ? 0 : st->leading, st->para_skip * 1.5);
		snprintf(tp, sizeof(tp),
		         "fo:font-size=\"%.2fpt\" fo:font-weight=\"bold\" fo:hyphenate=\"false\"",
		         st->heading_size[i]);
		pstyle(b, names[i], "Standard", i + 1, pp, tp);
	}
	pstyle(b, "Centrato", "Corpo", 0, "fo:text-align=\"center\" fo:keep-with-next=\"always\"",
	       "");
	pstyle(b, "Votazione", "Corpo", 0, "fo:keep-with-next=\"always\"", "");
	pstyle(b, "Esito", "Corpo", 0, "fo:keep-with-next=\"auto\"", "");
	pstyle(b, "Firma", "Corpo", 0,
	       "fo:text-align=\"center\" fo:margin-top=\"12pt\" fo:keep-with-next=\"always\"",
	       "fo:hyphenate=\"false\"");
	snprintf(pp, sizeof(pp),
	         "fo:margin-top=\"%.2fpt\" fo:margin-bottom=\"%.2fpt\" fo:margin-left=\"24pt\" "
	         "fo:margin-right=\"24pt\" fo:line-height=\"2pt\" "
	         "fo:border-bottom=\"0.5pt solid #000000\" fo:padding=\"0pt\"",
	         st->leading * 2.5, st->para_skip);
	pstyle(b, "Riga_firma", "Standard", 0, pp, "fo:font-size=\"2pt\"");
	snprintf(pp, sizeof(pp), "fo:margin-bottom=\"%.2fpt\"", st->para_skip / 2);
	pstyle(b, "Elenco", "Corpo", 0, pp, "");
	snprintf(pp, sizeof(pp), "fo:margin-left=\"%.2fpt\" fo:margin-right=\"%.2fpt\"", st->indent,
	         st->indent);
	pstyle(b, "Citazione", "Corpo", 0, pp, "");
	snprintf(tp, sizeof(tp),
	         "style:font-name=\"Codice\" fo:font-size=\"%.2fpt\" fo:hyphenate=\"false\"",
	         st->code_size);
	snprintf(pp, sizeof(pp),
	         "fo:text-align=\"start\" fo:margin-bottom=\"%.2fpt\" fo:line-height=\"115%%\"",
	         st->para_skip);
	pstyle(b, "Codice", "Standard", 0, pp, tp);
	pstyle(b, "Cella", "Standard", 0, "fo:text-align=\"start\" fo:line-height=\"115%\"", "");
	pstyle(b, "Cella_centro", "Cella", 0, "fo:text-align=\"center\"", "");
	pstyle(b, "Cella_destra", "Cella", 0, "fo:text-align=\"end\"", "");
	pstyle(b, "Cella_intestazione", "Cella", 0, "", "fo:font-weight=\"bold\"");
	pstyle(b, "Cella_intestazione_centro", "Cella_intestazione", 0, "fo:text-align=\"center\"",
	       "");
	pstyle(b, "Cella_intestazione_destra", "Cella_intestazione", 0, "fo:text-align=\"end\"",
	       "");
	snprintf(pp, sizeof(pp),
	         "fo:margin-top=\"%.2fpt\" fo:margin-bottom=\"%.2fpt\" fo:margin-left=\"%.2fpt\" "
	         "fo:margin-right=\"%.2fpt\" fo:line-height=\"2pt\" "
	         "fo:border-bottom=\"0.5pt solid #808080\" fo:padding=\"0pt\"",
	         st->leading * 0.5, st->leading * 0.5, width * 0.4, width * 0.4);
	pstyle(b, "Separatore", "Standard", 0, pp, "fo:font-size=\"2pt\"");
	snprintf(pp, sizeof(pp),
	         "fo:text-align=\"center\" fo:margin-top=\"%.2fpt\" fo:margin-bottom=\"%.2fpt\"",
	         st->para_skip, st->para_skip);
	pstyle(b, "Immagine", "Standard", 0, pp, "");
	snprintf(tp, sizeof(tp), "fo:font-size=\"%.2fpt\"", st->margin_size);
	pstyle(b, "Intestazione", "Standard", 0, "fo:text-align=\"center\"", tp);
	pstyle(b, "Piede", "Standard", 0, "fo:text-align=\"center\"", tp);
	/* characters */
	buf_puts(b,
	         "<style:style style:name=\"Grassetto\" style:family=\"text\">"
	         "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
	         "<style:style style:name=\"Corsivo\" style:family=\"text\">"
	         "<style:text-properties fo:font-style=\"italic\"/></style:style>"
	         "<style:style style:name=\"Barrato\" style:family=\"text\">"
	         "<style:text-properties style:text-line-through-style=\"solid\" "
	         "style:text-line-through-type=\"single\"/></style:style>"
	         "<style:style style:name=\"Collegamento\" style:family=\"text\">"
	         "<style:text-properties fo:color=\"#000080\" style:text-underline-style=\"solid\" "
	         "style:text-underline-width=\"auto\" style:text-underline-color=\"font-color\"/>"
	         "</style:style>");
	buf_puts(b, "<style:style style:name=\"Codice_in_linea\" style:family=\"text\">"
	            "<style:text-properties style:font-name=\"Codice\"");
	buf_printf(b, " fo:font-size=\"%.2fpt\" fo:hyphenate=\"false\"/></style:style>",
	           st->code_size);
	list_style(b, "Elenco_puntato", false, st->indent);
	list_style(b, "Elenco_numerato", true, st->indent);
	buf_puts(b, "</office:styles><office:automatic-styles>");
	buf_printf(b,
	           "<style:page-layout style:name=\"Pagina\"><style:page-layout-properties "
	           "fo:page-width=\"%.3fpt\" fo:page-height=\"%.3fpt\" "
	           "style:print-orientation=\"portrait\" fo:margin-top=\"%.2fpt\" "
	           "fo:margin-bottom=\"%.2fpt\" fo:margin-left=\"%.2fpt\" "
	           "fo:margin-right=\"%.2fpt\" style:writing-mode=\"lr-tb\"/>"
	           "<style:header-style><style:header-footer-properties fo:min-height=\"0pt\" "
	           "fo:margin-bottom=\"%.2fpt\"/></style:header-style>"
	           "<style:footer-style><style:header-footer-properties fo:min-height=\"0pt\" "
	           "fo:margin-top=\"%.2fpt\"/></style:footer-style></style:page-layout>",
	           st->page_width, st->page_height, top > 0 ? top : 0, bottom > 0 ? bottom : 0,
	           st->margin_left, st->margin_right, hskip, fskip);
	buf_puts(b, "</office:automatic-styles><office:master-styles>"
	            "<style:master-page style:name=\"Standard\" "
	            "style:page-layout-name=\"Pagina\">");
	if (header != NULL)
		buf_printf(b,
		           "<style:header><text:p text:style-name=\"Intestazione\">%s</text:p>"
		           "</style:header>",
		           header);
	buf_printf(b, "<style:footer><text:p text:style-name=\"Piede\">%s</text:p></style:footer>",
	           footer);
	buf_puts(b, "</style:master-page></office:master-styles></office:document-styles>\n");
}

/* content.xml: the automatic styles the body uses (the tables', and Pb_NAME: the style NAME
 * starting a new page), then the body. */
static void
content_xml(struct buf *b, struct odt *o)
{
	const struct ts_style *st = o->job->st;
	double width = st->page_width - st->margin_left - st->margin_right;
	int i;

	buf_puts(b, XML_DECL "<office:document-content " NS_ALL " office:version=\"1.2\">");
	font_faces(b, st);
	buf_puts(b, "<office:automatic-styles>");
	buf_printf(b,
	           "<style:style style:name=\"Tabella\" style:family=\"table\">"
	           "<style:table-properties style:width=\"%.2fpt\" table:align=\"margins\" "
	           "fo:margin-top=\"%.2fpt\" fo:margin-bottom=\"%.2fpt\"/></style:style>"
	           "<style:style style:name=\"Tabella.A\" style:family=\"table-column\">"
	           "<style:table-column-properties style:use-optimal-column-width=\"true\"/>"
	           "</style:style>"
	           "<style:style style:name=\"Tabella.A1\" style:family=\"table-cell\">"
	           "<style:table-cell-properties fo:padding=\"2pt\" "
	           "fo:border=\"0.5pt solid #000000\"/></style:style>",
	           width, st->para_skip, st->para_skip);
	buf_printf(b,
	           "<style:style style:name=\"Firme\" style:family=\"table\">"
	           "<style:table-properties style:width=\"%.2fpt\" table:align=\"margins\" "
	           "fo:margin-top=\"%.2fpt\" fo:keep-with-next=\"auto\" "
	           "style:may-break-between-rows=\"true\"/></style:style>"
	           "<style:style style:name=\"Firme.A\" style:family=\"table-column\">"
	           "<style:table-column-properties style:column-width=\"%.2fpt\"/></style:style>"
	           "<style:style style:name=\"Firme.1\" style:family=\"table-row\">"
	           "<style:table-row-properties fo:keep-together=\"always\"/></style:style>"
	           "<style:style style:name=\"Firme.A1\" style:family=\"table-cell\">"
	           "<style:table-cell-properties fo:padding=\"2pt\" fo:border=\"none\"/>"
	           "</style:style>",
	           width, st->para_skip, width / 2);
	for (i = 0; i < PS_MAX; i++)
		if (o->page_breaks & (1u << i))
			buf_printf(b,
			           "<style:style style:name=\"Pb_%s\" style:family=\"paragraph\" "
			           "style:parent-style-name=\"%s\"><style:paragraph-properties "
			           "fo:break-before=\"page\"/></style:style>",
			           pstyle_names[i], pstyle_names[i]);
	buf_puts(b, "</office:automatic-styles><office:body><office:text>");
	buf_add(b, o->body.data ? o->body.data : "", o->body.len);
	buf_puts(b, "</office:text></office:body></office:document-content>\n");
}

/* A date and time as ISO 8601 (UTC, no zone: what LibreOffice writes). */
static void
iso_date(char out[64], long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (gmtime_r(&tt, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	snprintf(out, 64, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

static void
meta_elem(struct buf *b, const char *tag, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_printf(b, "<%s>", tag);
	xml_attr(b, value);
	buf_printf(b, "</%s>", tag);
}

static void
meta_xml(struct buf *b, const char *title, const char *subject, const char *keywords,
         const char *author, long long date)
{
	char iso[64];

	iso_date(iso, date);
	buf_puts(b,
	         XML_DECL "<office:document-meta " NS_ALL " office:version=\"1.2\"><office:meta>");
	buf_puts(b, "<meta:generator>verbale/" VERSION "</meta:generator>");
	meta_elem(b, "dc:title", title);
	meta_elem(b, "dc:subject", subject);
	meta_elem(b, "meta:keyword", keywords);
	meta_elem(b, "meta:initial-creator", author);
	meta_elem(b, "dc:creator", author);
	buf_printf(b, "<meta:creation-date>%s</meta:creation-date><dc:date>%s</dc:date>", iso, iso);
	buf_puts(b, "<dc:language>it-IT</dc:language></office:meta></office:document-meta>\n");
}

static void
manifest_xml(struct buf *b, const struct odt *o)
{
	static const char *const files[] = {"content.xml", "styles.xml", "meta.xml"};
	size_t i;

	buf_puts(b,
	         XML_DECL "<manifest:manifest "
	                  "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
	                  "manifest:version=\"1.2\">"
	                  "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" "
	                  "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		buf_printf(b,
		           "<manifest:file-entry manifest:full-path=\"%s\" "
		           "manifest:media-type=\"text/xml\"/>",
		           files[i]);
	for (i = 0; i < o->npics; i++)
		buf_printf(b,
		           "<manifest:file-entry manifest:full-path=\"%s\" "
		           "manifest:media-type=\"%s\"/>",
		           o->pics[i].name, o->pics[i].media);
	buf_puts(b, "</manifest:manifest>\n");
}

/* --- the zip ------------------------------------------------------------------------------- */

struct entry {
	const char *name;
	const void *data;
	size_t len;
};

/* The entries in a zip in memory, each stamped with t (UTC, as MS-DOS time: never before
 * 1980), mimetype stored and the others deflated, appended to out. False after reporting. */
static bool
zip_entries(const struct entry *e, size_t n, long long t, struct buf *out, struct diags *d)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za = NULL;
	zip_stat_t zs;
	time_t tt = (time_t)t;
	struct tm tm;
	zip_uint16_t dtime, ddate;
	const char *why = NULL;
	size_t i;
	bool ok = false;

	if (t < 315532800 || gmtime_r(&tt, &tm) == NULL) { /* 1980-01-01 */
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = 80;
		tm.tm_mday = 1;
	}
	if (tm.tm_year > 207) /* 2107, the last year MS-DOS dates hold */
		tm.tm_year = 207;
	dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		why = zip_error_strerror(&ze);
		goto out;
	}
	zip_source_keep(src);
	for (i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, e[i].data, e[i].len, 0);
		zip_int64_t idx = s ? zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8) : -1;

		if (idx < 0) {
			zip_source_free(s);
			why = zip_strerror(za);
			goto out;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx,
		                             i == 0 ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) != 0 ||
		    zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) != 0) {
			why = zip_strerror(za);
			goto out;
		}
	}
	if (zip_close(za) != 0) {
		why = zip_strerror(za);
		goto out;
	}
	za = NULL;
	zip_stat_init(&zs);
	if (zip_source_stat(src, &zs) != 0 || zip_source_open(src) != 0) {
		why = zip_error_strerror(zip_source_error(src));
		goto out;
	}
	if (zs.size > 0) {
		char *bytes = xmalloc((size_t)zs.size);
		bool read = zip_source_read(src, bytes, zs.size) == (zip_int64_t)zs.size;

		if (read)
			buf_add(out, bytes, (size_t)zs.size);
		free(bytes);
		if (!read) {
			zip_source_close(src);
			why = "lettura dello ZIP in memoria";
			goto out;
		}
	}
	zip_source_close(src);
	ok = true;
out:
	if (!ok)
		diag_report(d, D_INTERNAL, NULL, why ? why : "libzip");
	if (za != NULL)
		zip_discard(za);
	zip_source_free(src);
	zip_error_fini(&ze);
	return ok;
}

/* --- the document -------------------------------------------------------------------------- */

/* SOURCE_DATE_EPOCH when set, else the sitting's date at midnight UTC. */
static long long
document_time(const struct session *s)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");

	if (sde != NULL && *sde) {
		char *e;
		long long v = strtoll(sde, &e, 10);

		if (*e == '\0' && v >= 0)
			return v;
	}
	if (s == NULL || !s->seduta.data.set)
		return 0;
	return util_days_from_civil(s->seduta.data.y, s->seduta.data.m ? s->seduta.data.m : 1,
	                            s->seduta.data.d ? s->seduta.data.d : 1) *
	       86400;
}

/* Set key in data to a value of its own (data may share its values with another
 * document's), a string, or null when s is NULL. */
static void
data_set(const struct odt_job *j, const char *key, const char *s)
{
	struct tval *v = arena_alloc(j->a, sizeof(*v)); /* zeroed: null */

	if (s != NULL)
		tval_str(v, j->a, s);
	tval_set_shared(j->data, j->a, key, v);
}

/* stile.yaml's text tmpl (NULL: none) run over the data into out; false after reporting. */
static bool
style_text(const struct odt_job *j, const char *tmpl, const char *what, struct buf *out,
           struct diags *d)
{
	struct tmpl_opts to = {TMPL_ESCAPE_NONE, true, j->template_dir, NULL, 0, j->reader};

	return tmpl == NULL || tmpl_render(tmpl, strlen(tmpl), what, j->data, &to, out, d);
}

/* The header's content: the logo, then stile.yaml's testata; NULL when both are missing. */
static char *
header_xml(struct odt *o, const char *text)
{
	const struct odt_job *j = o->job;
	struct buf b = {0};

	if (j->files != NULL && j->files->logo != NULL && j->files->logo_h > 0) {
		char *data = NULL;
		size_t len = 0;

		if (util_read_file_via(j->reader, j->files->logo, IMAGE_MAX_BYTES, &data, &len) ==
		    0) {
			const char *name = picture_add(o, "logo", data, len, j->files->logo_kind);
			double h = j->st->logo_height, w = h * j->files->logo_w / j->files->logo_h;

			frame(o, &b, name, w, h, "logo");
			if (text != NULL && *text)
				buf_puts(&b, "<text:s text:c=\"2\"/>");
		} else
			free(data);
	}
	if (text != NULL)
		xml_text(NULL, &b, text, strlen(text), true, false);
	if (b.len == 0)
		return NULL;
	return buf_detach(&b);
}

bool
odt_make(const struct odt_job *job, struct buf *out, struct diags *d)
{
	struct odt o;
	struct buf title = {0}, subject = {0}, keywords = {0}, header = {0}, footer = {0},
	           content = {0}, styles = {0}, meta = {0}, manifest = {0}, foot = {0};
	static const char mimetype[] = "application/vnd.oasis.opendocument.text";
	struct entry *e = NULL;
	const struct tval *ente = tval_get(job->data, "ente");
	char *head = NULL;
	size_t i, n = 0, errors = d->errors;
	bool ok = false;

	memset(&o, 0, sizeof(o));
	o.job = job;
	o.d = d;
	/* the margins' texts with LibreOffice's fields for the page and the count */
	data_set(job, "pagina", PAGE_NUMBER);
	data_set(job, "pagine", PAGE_COUNT);
	data_set(job, "atto", NULL);
	data_set(job, "atti", NULL);
	if (!style_text(job, job->st->header, "stile.yaml (testata)", &header, d) ||
	    !style_text(job, job->st->footer ? job->st->footer : "Pagina {{pagina}} di {{pagine}}",
	                "stile.yaml (piede)", &footer, d) ||
	    !style_text(job, job->st->title, "stile.yaml (titolo)", &title, d) ||
	    !style_text(job, job->st->subject, "stile.yaml (oggetto)", &subject, d) ||
	    !style_text(job, job->st->keywords, "stile.yaml (parole_chiave)", &keywords, d))
		goto out;
	head = header_xml(&o, header.data);
	xml_text(NULL, &foot, footer.data ? footer.data : "", footer.len, true, true);
	blocks(&o, job->ast);
	if (d->errors > errors) /* an image that is there but unusable (image_look) */
		goto out;
	content_xml(&content, &o);
	styles_xml(&styles, job->st, head, foot.data ? foot.data : "");
	meta_xml(&meta, title.data, subject.data, keywords.data,
	         ente != NULL && ente->kind == TV_STR ? ente->s
	         : job->s != NULL                     ? job->s->ente.s
	                                              : NULL,
	         document_time(job->s));
	manifest_xml(&manifest, &o);
	e = xcalloc(5 + o.npics, sizeof(*e));
	e[n++] = (struct entry){"mimetype", mimetype, sizeof(mimetype) - 1};
	e[n++] = (struct entry){"content.xml", content.data, content.len};
	e[n++] = (struct entry){"styles.xml", styles.data, styles.len};
	e[n++] = (struct entry){"meta.xml", meta.data, meta.len};
	for (i = 0; i < o.npics; i++)
		e[n++] = (struct entry){o.pics[i].name, o.pics[i].data, o.pics[i].len};
	e[n++] = (struct entry){"META-INF/manifest.xml", manifest.data, manifest.len};
	ok = zip_entries(e, n, document_time(job->s), out, d);
out:
	data_set(job, "pagina", NULL);
	data_set(job, "pagine", NULL);
	free(e);
	free(head);
	for (i = 0; i < o.npics; i++) {
		free(o.pics[i].name);
		free(o.pics[i].data);
	}
	free(o.pics);
	free(o.signs);
	buf_free(&o.body);
	buf_free(&title);
	buf_free(&subject);
	buf_free(&keywords);
	buf_free(&header);
	buf_free(&footer);
	buf_free(&foot);
	buf_free(&content);
	buf_free(&styles);
	buf_free(&meta);
	buf_free(&manifest);
	return ok;
}
