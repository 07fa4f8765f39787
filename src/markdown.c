/* markdown.c: cmark-gfm glue (CommonMark, with the table and strikethrough extensions). */
#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util.h"

/* cmark's default allocator aborts when memory runs out; ours reports it and exits with
 * status 3, as everywhere else in verbale. */
static void *
mem_calloc(size_t n, size_t size)
{
	return xcalloc(n, size);
}

static void *
mem_realloc(void *p, size_t size)
{
	return xrealloc(p, size);
}

/* Never written: cmark's API takes it as non-const. Every node made here keeps a pointer. */
static cmark_mem markdown_mem = {mem_calloc, mem_realloc, free};

/* GitHub's extensions verbale reads: pipe tables, and ~~strikethrough~~ for amendments. */
static const char *const extensions[] = {"table", "strikethrough"};

static cmark_node *
parse_with(const char *text, size_t len, int options)
{
	cmark_parser *p;
	cmark_node *doc;
	size_t i;

	/* once per process: cmark-gfm's registry of extensions, filled and then only read */
	cmark_gfm_core_extensions_ensure_registered();
	if ((p = cmark_parser_new_with_mem(options, &markdown_mem)) == NULL)
		util_out_of_memory();
	for (i = 0; i < sizeof(extensions) / sizeof(extensions[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);

		if (e == NULL || !cmark_parser_attach_syntax_extension(p, e))
			util_out_of_memory();
	}
	cmark_parser_feed(p, text, len);
	doc = cmark_parser_finish(p);
	cmark_parser_free(p);
	if (doc == NULL)
		util_out_of_memory();
	return doc;
}

static cmark_node *
parse(const char *text, size_t len)
{
	return parse_with(text, len, CMARK_OPT_DEFAULT);
}

/* Replace every from (3 bytes of UTF-8) in s by to (2 bytes), in place. */
static void
swap_quote(char *s, const char *from, const char *to)
{
	char *r = s, *w = s;

	while (*r != '\0') {
		if (strncmp(r, from, 3) == 0) {
			memcpy(w, to, 2);
			w += 2;
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
}

/*
 * text parsed with cmark's smart punctuation ('...' "..." ' -- --- ... become ‘...’ “...” ’ –
 * — …), the double quotes then made « » for MARKDOWN_QUOTES_LOW; adjacent text nodes are
 * joined (smart punctuation makes a node of each quote), so that a word stays one word.
 */
static cmark_node *
parse_smart(const char *text, size_t len, enum markdown_quotes quotes)
{
	cmark_node *doc = parse_with(text, len, CMARK_OPT_DEFAULT | CMARK_OPT_SMART), *n;
	cmark_iter *it;
	cmark_event_type ev;

	cmark_consolidate_text_nodes(doc);
	if (quotes != MARKDOWN_QUOTES_LOW)
		return doc;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		const char *lit;
		char *t;

		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_TEXT ||
		    (lit = cmark_node_get_literal(n)) == NULL || strstr(lit, "\xE2\x80") == NULL)
			continue;
		t = xstrdup(lit);
		swap_quote(t, "\xE2\x80\x9C", "\xC2\xAB"); /* “ « */
		swap_quote(t, "\xE2\x80\x9D", "\xC2\xBB"); /* ” » */
		cmark_node_set_literal(n, t);
		free(t);
	}
	cmark_iter_free(it);
	return doc;
}

/* A string cmark rendered: made with markdown_mem, so the caller frees it with free(). */
static char *
take(char *s)
{
	if (s == NULL)
		util_out_of_memory();
	return s;
}

char *
markdown_normalize(const char *text, size_t len, struct cmark_node **ast)
{
	cmark_node *doc = parse(text, len);
	char *md = take(cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0));

	if (ast != NULL)
		*ast = doc; /* the tree the text was rendered from */
	else
		cmark_node_free(doc);
	return md;
}

enum markdown_link
markdown_link_check(const char *url)
{
	static const char *const schemes[] = {"http:", "https:", "mailto:"};
	const unsigned char *u;
	size_t i, len = 0;

	if (url == NULL || *url == '\0')
		return MARKDOWN_LINK_EMPTY;
	for (u = (const unsigned char *)url; *u; u++)
		len += *u > 0x20 && *u < 0x7F ? 1 : 3; /* as the PDF writes it */
	if (len > MARKDOWN_LINK_MAX)
		return MARKDOWN_LINK_LONG;
	if (*url == '#')
		return MARKDOWN_LINK_OK;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0)
			return MARKDOWN_LINK_OK;
	return MARKDOWN_LINK_SCHEME;
}

/* Replace every link of doc that markdown_link_check does not allow by its text, telling bad
 * (unless NULL) of each but the empty ones. */
static void
drop_links(cmark_node *doc, void (*bad)(void *ctx, const char *url, enum markdown_link why),
           void *ctx)
{
	cmark_node **links = NULL, *n;
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	size_t nlinks = 0, cap = 0, i;

	/* collected first, changed after: links do not nest (CommonMark 6.3) */
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(n) == CMARK_NODE_LINK &&
		    markdown_link_check(cmark_node_get_url(n)) != MARKDOWN_LINK_OK) {
			links = xgrow(links, &cap, nlinks + 1, sizeof(*links));
			links[nlinks++] = n;
		}
	}
	cmark_iter_free(it);
	for (i = 0; i < nlinks; i++) {
		enum markdown_link why = markdown_link_check(cmark_node_get_url(links[i]));
		cmark_node *c;

		if (bad != NULL && why != MARKDOWN_LINK_EMPTY)
			bad(ctx, cmark_node_get_url(links[i]), why);
		while ((c = cmark_node_first_child(links[i])) != NULL)
			cmark_node_insert_before(links[i], c);
		cmark_node_free(links[i]);
	}
	free(links);
}

char *
markdown_normalize_safe(const char *text, size_t len, enum markdown_quotes quotes,
                        struct cmark_node **ast,
                        void (*bad)(void *ctx, const char *url, enum markdown_link why), void *ctx)
{
	cmark_node *doc = parse(text, len);
	char *md;

	drop_links(doc, bad, ctx);
	md = take(cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0));
	if (ast != NULL && quotes != MARKDOWN_QUOTES_STRAIGHT) {
		/* the typeset tree: another parse, the source's characters kept in md. Of md, not
		 * of text: the templates escape the punctuation of plain fields (D\'AGOSTINO),
		 * which smart punctuation would leave straight; md has only the escapes it needs */
		cmark_node_free(doc);
		doc = parse_smart(md, strlen(md), quotes);
		drop_links(doc, NULL, NULL);
		cmark_consolidate_text_nodes(doc); /* a dropped link's text joins its neighbours */
	}
	if (ast != NULL)
		*ast = doc;
	else
		cmark_node_free(doc);
	return md;
}

char *
markdown_make(const char *text, size_t len, enum markdown_quotes quotes, bool want_text,
              struct cmark_node **ast,
              void (*bad)(void *ctx, const char *url, enum markdown_link why), void *ctx)
{
	cmark_node *doc;

	if (want_text || ast == NULL || quotes != MARKDOWN_QUOTES_STRAIGHT) {
		char *md = markdown_normalize_safe(text, len, quotes, ast, bad, ctx);

		if (want_text)
			return md;
		free(md); /* the smart parse's source */
		return NULL;
	}
	doc = parse(text, len);
	drop_links(doc, bad, ctx);
	*ast = doc; /* markdown_normalize_safe's tree for straight quotes, nothing rendered */
	return NULL;
}

/*
 * Raw HTML becomes literal text (inline) or a code block (a block): shown, never lost, never
 * run, the same in every output. Headings move down by demote levels.
 */
static bool
is_marker(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);

	return lit != NULL && strncmp(lit, "<!-- verbale:", 13) == 0;
}

static void
tame(cmark_node *doc, int demote, bool drop_markers)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node *n, *lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING: {
			int level = cmark_node_get_heading_level(n) + demote;

			cmark_node_set_heading_level(n, level > 6 ? 6 : level);
			break;
		}
		case CMARK_NODE_HTML_INLINE:
		case CMARK_NODE_HTML_BLOCK:
			if (drop_markers && cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK &&
			    is_marker(n)) {
				/* the typesetter's layout markers mean nothing in HTML */
				cmark_node *prev = cmark_node_previous(n),
				           *up = cmark_node_parent(n);

				cmark_node_free(n);
				if (prev != NULL)
					cmark_iter_reset(it, prev, CMARK_EVENT_EXIT);
				else
					cmark_iter_reset(it, up, CMARK_EVENT_ENTER);
				break;
			}
			lit = cmark_node_new_with_mem(cmark_node_get_type(n) ==
			                                              CMARK_NODE_HTML_INLINE
			                                      ? CMARK_NODE_TEXT
			                                      : CMARK_NODE_CODE_BLOCK,
			                              &markdown_mem);
			cmark_node_set_literal(lit, cmark_node_get_literal(n));
			cmark_node_replace(n, lit);
			cmark_node_free(n);
			cmark_iter_reset(it, lit, CMARK_EVENT_EXIT);
			break;
		default: break;
		}
	}
	cmark_iter_free(it);
}

char *
markdown_field(const char *text, int demote, int indent)
{
	cmark_node *doc = parse(text, strlen(text));
	struct buf b = {0};
	char *md, *p;

	tame(doc, demote, false);
	md = take(cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0));
	cmark_node_free(doc);
	/* drop the final newlines; indent the lines after the first */
	for (p = md + strlen(md); p > md && p[-1] == '\n'; p--)
		p[-1] = '\0';
	if (indent == 0)
		return md; /* no line to indent: md as it is */
	for (p = md; *p; p++) {
		buf_putc(&b, *p);
		if (*p == '\n' && p[1] != '\n' && p[1] != '\0')
			buf_printf(&b, "%*s", indent, "");
	}
	free(md);
	return buf_detach(&b);
}

bool
markdown_url_is_remote(const char *url)
{
	const char *p = url;

	if (p[0] == '/' && p[1] == '/')
		return true; /* protocol-relative: the page's scheme, another host */
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
	       *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

/*
 * The images of the HTML preview: each one src gives an address for points there; each other
 * is replaced by its description. A kept image's description is only its alt text, so the
 * images in it are looked at only when it is replaced.
 */
static void
html_images(cmark_node *doc, char *(*src)(void *ctx, const char *url), void *ctx)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node **drop = NULL, *n, *c;
	size_t ndrop = 0, cap = 0, i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		const char *url;
		char *to = NULL;

		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_IMAGE)
			continue;
		url = cmark_node_get_url(n);
		if (src != NULL && (to = src(ctx, url ? url : "")) != NULL) {
			cmark_node_set_url(n, to);
			free(to);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else {
			drop = xgrow(drop, &cap, ndrop + 1, sizeof(*drop));
			drop[ndrop++] = n;
		}
	}
	cmark_iter_free(it);
	/* an image inside a dropped one's description is moved out before the latter is freed */
	for (i = 0; i < ndrop; i++) {
		while ((c = cmark_node_first_child(drop[i])) != NULL)
			cmark_node_insert_before(drop[i], c);
		cmark_node_free(drop[i]);
	}
	free(drop);
}

char *
markdown_html(const char *text, size_t len, enum markdown_quotes quotes,
              char *(*image)(void *ctx, const char *url), void *ctx)
{
	cmark_node *doc = quotes == MARKDOWN_QUOTES_STRAIGHT ? parse(text, len)
	                                                     : parse_smart(text, len, quotes);
	char *html;

	tame(doc, 0, true);
	html_images(doc, image, ctx);
	html = take(cmark_render_html(doc, CMARK_OPT_DEFAULT, NULL));
	cmark_node_free(doc);
	return html;
}

/*
 * A bound on how deep block quotes and lists nest in text, without parsing it: a block opens on
 * a line that carries every container it sits in, each taking at least one column before the
 * block's text ('>' for a block quote; a marker, or at least two columns of indentation, for a
 * list item), so none is deeper than the longest run of spaces, tabs (at most 4 columns each),
 * '>' and list markers' characters that starts a line (\n, \r or both end one).
 */
static size_t
depth_bound(const char *text)
{
	size_t widest = 0, cols = 0;
	bool start = true;

	for (; *text != '\0'; text++) {
		if (*text == '\n' || *text == '\r') {
			start = true;
			cols = 0;
		} else if (start && *text == '\t') {
			cols += 4;
		} else if (start && strchr(" >-+*.)0123456789", *text) != NULL) {
			cols++;
		} else {
			start = false;
		}
		if (cols > widest)
			widest = cols;
	}
	return widest;
}

bool
markdown_check(const char *text, const struct pos *pos, struct diags *d)
{
	size_t brackets = 0, emph = 0, pipes = 0, widest = 0, i;
	int depth = 0, deepest = 0;
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;

	for (i = 0; text[i] != '\0'; i++) {
		if (text[i] == '\\' && text[i + 1] != '\0') {
			i++; /* an escaped character opens nothing */
			continue;
		}
		if (text[i] == '\n')
			pipes = 0;
		else if (text[i] == '|' && ++pipes > widest)
			widest = pipes;
		if (text[i] == '[')
			brackets++;
		else if ((text[i] == '*' || text[i] == '_') && (i == 0 || text[i - 1] != text[i]))
			emph++;
	}
	if (brackets > MARKDOWN_MAX_BRACKETS) {
		diag_report(d, D_MD_BRACKETS, pos, brackets, (size_t)MARKDOWN_MAX_BRACKETS);
		return false;
	}
	if (emph > MARKDOWN_MAX_EMPH) {
		diag_report(d, D_MD_EMPH, pos, emph, (size_t)MARKDOWN_MAX_EMPH);
		return false;
	}
	if (widest > MARKDOWN_MAX_COLUMNS + 1) {
		diag_report(d, D_MD_COLUMNS, pos, widest, (size_t)MARKDOWN_MAX_COLUMNS + 1);
		return false;
	}
	if (depth_bound(text) <= MARKDOWN_MAX_DEPTH)
		return true; /* the text is parsed once, where it is used */
	/* cmark's parser and iterator are not recursive, whatever the depth */
	doc = parse(text, strlen(text));
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node_type t = cmark_node_get_type(cmark_iter_get_node(it));

		if (t != CMARK_NODE_BLOCK_QUOTE && t != CMARK_NODE_LIST)
			continue;
		depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
		if (depth > deepest)
			deepest = depth;
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	if (deepest > MARKDOWN_MAX_DEPTH) {
		diag_report(d, D_MD_DEEP, pos, (int)MARKDOWN_MAX_DEPTH);
		return false;
	}
	return true;
}

enum markdown_kind
markdown_node_kind(struct cmark_node *n)
{
	static const char *const names[MARKDOWN_KIND_MAX] = {
	        [MARKDOWN_TABLE] = "table",
	        [MARKDOWN_TABLE_ROW] = "table_row",
	        [MARKDOWN_TABLE_CELL] = "table_cell",
	        [MARKDOWN_STRIKE] = "strikethrough",
	};
	const char *t;
	int k;

	t = cmark_node_get_type_string(n);
	for (k = MARKDOWN_TABLE; k < MARKDOWN_KIND_MAX; k++)
		if (strcmp(t, names[k]) == 0)
			return (enum markdown_kind)k;
	if (strcmp(t, "table_header") == 0) /* a header row's name */
		return MARKDOWN_TABLE_ROW;
	return MARKDOWN_OTHER;
}

unsigned
markdown_table_columns(struct cmark_node *table)
{
	return cmark_gfm_extensions_get_table_columns(table);
}

enum markdown_align
markdown_table_align(struct cmark_node *table, unsigned col)
{
	const uint8_t *a = cmark_gfm_extensions_get_table_alignments(table);

	if (a == NULL || col >= cmark_gfm_extensions_get_table_columns(table))
		return MARKDOWN_ALIGN_NONE;
	switch (a[col]) {
	case 'l': return MARKDOWN_ALIGN_LEFT;
	case 'c': return MARKDOWN_ALIGN_CENTER;
	case 'r': return MARKDOWN_ALIGN_RIGHT;
	default: return MARKDOWN_ALIGN_NONE;
	}
}

bool
markdown_row_is_header(struct cmark_node *row)
{
	return cmark_gfm_extensions_get_table_row_is_header(row) != 0;
}

struct cmark_node *
markdown_parse(const char *text, size_t len)
{
	return parse(text, len);
}

void
markdown_free(struct cmark_node *doc)
{
	if (doc != NULL)
		cmark_node_free(doc);
}
