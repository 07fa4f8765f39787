/*
 * markdown.h: CommonMark through cmark-gfm (with GitHub's tables and strikethrough): verbale's
 * normal form of Markdown, HTML for the preview, and the fields' Markdown made safe to embed.
 * The only module that includes cmark-gfm.h besides the typesetter's reader.
 *
 * Every function returns a malloc'd, NUL-terminated string the caller frees.
 */
#ifndef VERBALE_MARKDOWN_H
#define VERBALE_MARKDOWN_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct cmark_node;

/*
 * How the PDF and the HTML set quotes, apostrophes, dashes and ellipses (stile.yaml's
 * virgolette, whose values model_quotes_names lists in this order). The Markdown output always
 * keeps the source's characters.
 */
enum markdown_quotes {
	MARKDOWN_QUOTES_HIGH, /* "alte": cmark's smart punctuation: “...” ‘...’, ’ for the
	                         apostrophe, -- – , --- —, ... … */
	MARKDOWN_QUOTES_LOW,  /* "basse": the same with «...» for double quotes */
	MARKDOWN_QUOTES_STRAIGHT, /* "dritte": the source's characters as they are */
	MARKDOWN_QUOTES_MAX
};

/*
 * The document as cmark renders it back as CommonMark (no wrapping): verbale's normal form.
 * Parsing it and rendering it again gives the same text (the golden files' round trip test
 * checks it). When ast is not NULL it receives the tree the text was rendered from, the one
 * the PDF is typeset from (free it with markdown_free).
 */
char *markdown_normalize(const char *text, size_t len, struct cmark_node **ast);

/*
 * The longest link a PDF can hold: libharu's (and PDF/A-1's) 65,535 bytes, once what is not
 * printable ASCII is percent-encoded.
 */
#define MARKDOWN_LINK_MAX 65535

/* What a link may point to, and why not. */
enum markdown_link {
	MARKDOWN_LINK_OK,     /* http:, https:, mailto: (any case), or #fragment in the document */
	MARKDOWN_LINK_EMPTY,  /* no destination: just its text, with no warning */
	MARKDOWN_LINK_SCHEME, /* anything else: javascript:, file:, data:, relative paths... */
	MARKDOWN_LINK_LONG    /* longer than MARKDOWN_LINK_MAX */
};
enum markdown_link markdown_link_check(const char *url);

/*
 * markdown_normalize with every link that markdown_link_check does not allow replaced by its
 * text, in the tree and so in every output made from it (Markdown, HTML, PDF). bad, unless
 * NULL, is told of each such link but the empty ones. The tree (ast) is set with quotes: unless
 * MARKDOWN_QUOTES_STRAIGHT it comes from a parse of the text returned (as the HTML does), with
 * smart punctuation and its adjacent text nodes joined, while that text keeps the source's
 * characters.
 */
char *markdown_normalize_safe(const char *text, size_t len, enum markdown_quotes quotes,
                              struct cmark_node **ast,
                              void (*bad)(void *ctx, const char *url, enum markdown_link why),
                              void *ctx);

/*
 * markdown_normalize_safe for the outputs asked for: the text when want_text (else NULL), the
 * tree into ast unless it is NULL. Without the text and with MARKDOWN_QUOTES_STRAIGHT nothing
 * is rendered as CommonMark (the tree is the parse's own); with smart quotes the tree is
 * parsed from that text, which is made for it.
 */
char *markdown_make(const char *text, size_t len, enum markdown_quotes quotes, bool want_text,
                    struct cmark_node **ast,
                    void (*bad)(void *ctx, const char *url, enum markdown_link why), void *ctx);

/*
 * One Markdown field (a recital, a point, an annex) ready to be placed in a template: rendered
 * by cmark so that every construct it opens is closed (a code fence cannot swallow the rest of
 * the minutes), raw HTML turned into literal text (shown, never run), headings moved down by
 * demote levels (at most to level 6), and every line after the first indented by indent
 * spaces (to continue a list item).
 */
char *markdown_field(const char *text, int demote, int indent);

/*
 * Whether a text field is safe to hand to cmark, reporting at pos when not: at most
 * MARKDOWN_MAX_BRACKETS unescaped '[' and MARKDOWN_MAX_EMPH runs of '*' or '_' (cmark's
 * inline parser takes time quadratic in them), counted before parsing; then at most
 * MARKDOWN_MAX_DEPTH block quotes and lists one inside the other; and at most
 * MARKDOWN_MAX_COLUMNS + 1 unescaped '|' on a line (cmark-gfm's tables take time growing with
 * columns times rows: 2,000 columns by 100 rows take seconds). Realistic minutes stay far below
 * all four: a budget or an attendance table has a handful of columns (its rows are not bounded:
 * a few thousand rows cost milliseconds), and 64 columns no longer fit an A4 page readably.
 */
enum {
	MARKDOWN_MAX_BRACKETS = 2000,
	MARKDOWN_MAX_EMPH = 5000,
	MARKDOWN_MAX_DEPTH = 100,
	MARKDOWN_MAX_COLUMNS = 64
};
bool markdown_check(const char *text, const struct pos *pos, struct diags *d);

/*
 * What a node of cmark-gfm's extensions is: their node types are numbered when the extensions
 * register, so they are no constants to switch on. Any other node is MARKDOWN_OTHER.
 */
enum markdown_kind {
	MARKDOWN_OTHER,
	MARKDOWN_TABLE,      /* its children are rows, the first one the header */
	MARKDOWN_TABLE_ROW,  /* its children are cells */
	MARKDOWN_TABLE_CELL, /* its children are inlines */
	MARKDOWN_STRIKE,     /* ~~text~~: its children are inlines */
	MARKDOWN_KIND_MAX
};
enum markdown_kind markdown_node_kind(struct cmark_node *n);

/* A table's columns (a row may hold fewer cells, never more), and how column col (from 0)
 * is aligned by the delimiter row ('---' none, ':--' left, ':-:' centre, '--:' right). */
enum markdown_align {
	MARKDOWN_ALIGN_NONE,
	MARKDOWN_ALIGN_LEFT,
	MARKDOWN_ALIGN_CENTER,
	MARKDOWN_ALIGN_RIGHT
};
unsigned markdown_table_columns(struct cmark_node *table);
enum markdown_align markdown_table_align(struct cmark_node *table, unsigned col);
/* Whether row (a MARKDOWN_TABLE_ROW) is its table's header. */
bool markdown_row_is_header(struct cmark_node *row);

/* cmark's AST of text (the caller frees it with markdown_free). */
struct cmark_node *markdown_parse(const char *text, size_t len);
void markdown_free(struct cmark_node *doc);

/*
 * Whether an image's (or a link's) url names something elsewhere rather than a file: it has a
 * scheme (RFC 3986: a letter, then letters, digits, '+', '-' or '.', then ':', as in "https:",
 * "data:" or "c:") or starts with "//" (protocol-relative).
 */
bool markdown_url_is_remote(const char *url);

/*
 * The body of an HTML page: cmark's HTML, with raw HTML shown as text, never executed, and
 * quotes set as the PDF sets them (markdown_normalize_safe). Each
 * image asks image (NULL: none is shown) for its address: a malloc'd string to put in its src,
 * or NULL to replace it by its description, escaped, as the PDF prints it. A preview loads
 * nothing image did not give.
 */
char *markdown_html(const char *text, size_t len, enum markdown_quotes quotes,
                    char *(*image)(void *ctx, const char *url), void *ctx);

#endif
