/*
 * typeset.c: cmark's AST -> justified lines -> pages, as data (typeset.h).
 *
 * Each block becomes lines: inline text is turned into Knuth-Plass items (boxes for word
 * pieces, glue for spaces, penalties for hyphenation points and forced breaks), broken by
 * linebreak.c and set into runs. The lines go into a vertical list that says where a page may
 * break (not after a heading, not inside a keep-together group, not leaving a paragraph's
 * first or last line alone); paginate.c fills pages greedily at the last allowed break.
 * Headers and footers are set here once the number of pages is known.
 */
#include "typeset.h"

#include <cmark-gfm.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hyphenate.h"
#include "kern.h"
#include "linebreak.h"
#include "markdown.h"
#include "paginate.h"
#include "text.h"
#include "ties.h"
#include "typeset_private.h"

/*
 * The layout's ratios (the sizes themselves are the style's, stile.yaml). Headings: space
 * before (times the heading's size; less for level 1, which follows the title block), baseline
 * skip, space after. Code blocks: baseline skip (times the code size). Thematic breaks: space
 * before and after (times the body's leading), stroke and gray. A nested container is never
 * narrower than NARROWEST_THIRDS thirds of the text width; an image is never taller than
 * IMAGE_MAX of the text area. The header: the logo's drop below the header's baseline and the
 * gap after it, the rule under the header (its drop, stroke, gray); the margins' text gray.
 */
static const double HEADING_BEFORE_1 = 0.6, HEADING_BEFORE = 1.0, HEADING_LEADING = 1.25,
                    HEADING_AFTER = 0.5;
static const double CODE_LEADING = 1.2;
static const double BREAK_BEFORE = 0.6, BREAK_AFTER = 0.4, BREAK_WIDTH = 0.5, BREAK_GRAY = 0.4;
enum { NARROWEST_THIRDS = 2 };
static const double IMAGE_MAX = 0.5;
static const double LOGO_DROP = 0.3, LOGO_GAP = 6;
static const double HEADER_RULE_DROP = 0.6, HEADER_RULE_WIDTH = 0.4, HEADER_RULE_GRAY = 0.5;
static const double MARGIN_GRAY = 0.3;
/* A block quote's text size (times the body's; the leading follows); a level-5 heading's
 * (times level 3's); signatures side by side. */
static const double QUOTE_SIZE = 0.9, HEADING_SMALL = 0.85;
enum { SIGN_COLUMNS = 2 };
/* A thematic break is 1/BREAK_LENGTH of the measure long. */
enum { BREAK_LENGTH = 6 };

/* --- small helpers ------------------------------------------------------------------------ */

static double
text_width(const struct ts *ts)
{
	return ts->st->page_width - ts->st->margin_left - ts->st->margin_right;
}

enum face
ts_style_face(unsigned style)
{
	if (style & ST_MONO)
		return FACE_MONO;
	if ((style & ST_BOLD) && (style & ST_ITALIC))
		return FACE_BOLD_ITALIC;
	if (style & ST_BOLD)
		return FACE_BOLD;
	if (style & ST_ITALIC)
		return FACE_ITALIC;
	return FACE_REGULAR;
}

struct vitem *
ts_vpush(struct ts *ts, enum vkind kind)
{
	struct vitem *it;

	ts->v = xgrow(ts->v, &ts->capv, ts->nv + 1, sizeof(*ts->v));
	it = &ts->v[ts->nv++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->skip = ts->pending_skip;
	it->group = ts->group;
	it->act = ts->act;
	it->break_after = true;
	it->page_before = ts->new_page;
	ts->new_page = false;
	ts->pending_skip = 0;
	/* a heading (or anything kept with what follows) holds on to this item, and through a
	 * rule or an image on to the next line of text */
	if (ts->keep_next && ts->nv >= 2)
		ts->v[ts->nv - 2].break_after = false;
	ts->keep_next = ts->keep_next && kind != V_LINE && kind != V_ROW;
	return it;
}

static void
vskip(struct ts *ts, double skip)
{
	if (skip > ts->pending_skip)
		ts->pending_skip = skip;
}

void
ts_warn_missing(struct ts *ts, uint32_t cp, const char *s, size_t len)
{
	char *ch;
	size_t i;

	for (i = 0; i < ts->nwarned; i++)
		if (ts->warned[i] == cp)
			return;
	ts->warned = xgrow(ts->warned, &ts->capwarned, ts->nwarned + 1, sizeof(*ts->warned));
	ts->warned[ts->nwarned++] = cp;
	ch = xstrndup(s, len);
	diag_report(ts->d, D_GLYPH_MISSING, &ts->hooks->warn_at, (unsigned)cp, ch);
	free(ch);
}

/* --- blocks ------------------------------------------------------------------------------- */

struct ts_elem *
ts_elem_new(struct ts *ts, enum ts_kind kind, const struct ts_elem *parent)
{
	struct ts_elem *e = arena_alloc(ts->a, sizeof(*e));

	e->kind = kind;
	e->parent = parent;
	e->id = ts->nelems++;
	return e;
}

/* The plain text of a node's inlines, for outline titles. */
char *
ts_plain_text(struct ts *ts, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	struct buf b = {0};
	char *s;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE: buf_puts(&b, cmark_node_get_literal(c)); break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK: buf_putc(&b, ' '); break;
		default: break;
		}
	}
	cmark_iter_free(it);
	s = arena_strdup(ts->a, b.data ? b.data : "");
	buf_free(&b);
	return s;
}

static void
paragraph(struct ts *ts, cmark_node *n, double left, double width, const char *marker)
{
	struct para p;
	struct fill fl = {n, NULL, 0};
	double size = ts->body_size > 0 ? ts->body_size : ts->st->size;
	bool center = ts->center_next;

	(void)marker;
	ts->center_next = false;
	para_init(&p, size);
	p.ragged = center;
	para_fill(ts, &p, &fl);
	para_emit(ts, &p, left, width, 0, ts->st->leading * size / ts->st->size, TS_BODY,
	          center ? ALIGN_CENTER : ALIGN_JUSTIFY, NULL, 0);
	para_clear(&p);
	/* a centred line ("DELIBERA") introduces what follows, as a heading does */
	ts->keep_next = ts->keep_next || center;
}

/* The width of a heading's label, "OGGETTO: " (its first word when that ends in a colon and
 * more text follows), in p's style; 0 when it has none. */
static double
label_width(struct ts *ts, const struct para *p, cmark_node *n)
{
	cmark_node *t = cmark_node_first_child(n);
	const char *s, *sp;

	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(t);
	sp = strchr(s, ' ');
	if (sp == NULL || sp == s || sp[-1] != ':' || sp[1] == '\0')
		return 0;
	return para_span_width(ts, s, (size_t)(sp - s + 1), ts_style_face(p->style), false,
	                       p->size);
}

static void
heading(struct ts *ts, cmark_node *n, double left, double width)
{
	int level = cmark_node_get_heading_level(n);
	double size = ts->st->heading_size[level > 3 ? 2 : level - 1], hang;
	struct para p;
	struct ts_elem *hd;

	/* each level its own look: 1 and 2 bold, 3 bold italic, 4 italic, 5 bold and smaller,
	 * 6 upright (capitals would change the text that is copied out) */
	if (level == 5)
		size *= HEADING_SMALL;
	hd = ts_elem_new(ts, TS_K_H, ts->elem_in);
	hd->level = level < 1 ? 1 : level > 6 ? 6 : level;
	ts->elem_next = hd;
	para_init(&p, size);
	p.ragged = true;
	p.style = level <= 2 || level == 5 ? ST_BOLD
	          : level == 3             ? ST_BOLD | ST_ITALIC
	          : level == 4             ? ST_ITALIC
	                                   : 0;
	/* "OGGETTO: ...": the lines after the first hang after the label */
	hang = level == 1 ? 0 : label_width(ts, &p, n);
	if (hang > width / 3)
		hang = 0;
	para_inline(ts, &p, n);
	vskip(ts, size * (level == 1 ? HEADING_BEFORE_1 : HEADING_BEFORE));
	if (ts->marks == TS_MAX_MARKS)
		diag_report(ts->d, D_OUTLINE_FULL, &ts->hooks->warn_at, (size_t)TS_MAX_MARKS);
	para_emit(ts, &p, left + hang, width - hang, -hang, size * HEADING_LEADING, TS_HEADING,
	          level == 1 ? ALIGN_CENTER : ALIGN_LEFT,
	          ts->marks < TS_MAX_MARKS ? ts_plain_text(ts, n) : NULL, level);
	ts->marks += ts->marks <= TS_MAX_MARKS;
	para_clear(&p);
	vskip(ts, size * HEADING_AFTER);
	ts->keep_next = true;
}

static void
code_block(struct ts *ts, const char *literal, double left, double width)
{
	const char *s = literal, *e;
	double size = ts->st->code_size;
	unsigned block = ++ts->block, k = 0, lines = 0;
	size_t first = ts->nv, i;
	const struct ts_elem *el = ts_elem_new(ts, TS_K_CODE, ts->elem_in);

	while (*s) {
		struct para p;
		struct vitem *vi;

		e = strchr(s, '\n');
		if (e == NULL)
			e = s + strlen(s);
		para_init(&p, size);
		p.style = ST_MONO;
		p.ragged = true;
		{
			char *line = xstrndup(s, (size_t)(e - s));

			para_text(ts, &p, line);
			free(line);
		}
		if (p.nitems == 0) {
			vi = ts_vpush(ts, V_LINE);
			vi->height = size * CODE_LEADING;
			vi->line.role = TS_CODE;
			vi->line.block = block;
			vi->line.elem = el;
			vi->line.left = left;
			vi->line.measure = width;
		} else {
			size_t before = ts->nv;

			ts->elem_next = el;
			para_emit(ts, &p, left, width, 0, size * CODE_LEADING, TS_CODE, ALIGN_LEFT,
			          NULL, 0);
			ts->block--; /* one block for the whole code block */
			for (i = before; i < ts->nv; i++)
				ts->v[i].line.block = block;
		}
		para_clear(&p);
		s = *e ? e + 1 : e;
	}
	lines = (unsigned)(ts->nv - first);
	for (i = first; i < ts->nv; i++) {
		ts->v[i].line.index = ++k;
		ts->v[i].line.lines = lines;
		ts->v[i].break_after = lines <= 3 ? i + 1 == ts->nv
		                                  : (k >= 2 && k + 2 <= lines) || i + 1 == ts->nv;
	}
}

static void signatures(struct ts *ts);

/* An HTML block: a verbale marker, or raw HTML shown as text. */
static void
html_block(struct ts *ts, const char *literal, double left, double width)
{
	static const char prefix[] = "<!-- verbale:";
	const char *p;

	if (strncmp(literal, prefix, sizeof(prefix) - 1) != 0) {
		code_block(ts, literal, left, width);
		return;
	}
	p = literal + sizeof(prefix) - 1;
	if (strncmp(p, "insieme", 7) == 0) {
		ts->group = ++ts->groups;
	} else if (strncmp(p, "fine", 4) == 0) {
		signatures(ts);
		ts->group = 0;
	} else if (strncmp(p, "pagina", 6) == 0) {
		ts->new_page = ts->nv > 0;
	} else if (strncmp(p, "spezza", 6) == 0) {
		if (ts->nv > 0 && ts->group != 0)
			ts->v[ts->nv - 1].group_break = true;
	} else if (strncmp(p, "centro", 6) == 0) {
		ts->center_next = true;
	} else if (strncmp(p, "firme", 5) == 0) {
		ts->signing = true;
	} else if (strncmp(p, "firmate", 7) == 0) {
		ts->signing = ts->signed_copy = true;
	} else if (strncmp(p, "atto ", 5) == 0) {
		const char *e = strstr(p, "-->");
		size_t len = e ? (size_t)(e - p - 5) : strlen(p + 5), i;
		struct buf b = {0};

		while (len > 0 && p[5 + len - 1] == ' ')
			len--;
		/* the template escaped the number as Markdown: undo the backslashes */
		for (i = 0; i < len; i++) {
			if (p[5 + i] == '\\' && i + 1 < len)
				i++;
			buf_putc(&b, p[5 + i]);
		}
		ts->act = arena_strdup(ts->a, b.data ? b.data : "");
		buf_free(&b);
	}
}

/* The qualifica of signature i of the block (ts->signs): the hooks' signers[i], else the
 * signature's first line as written. */
static const char *
sign_qualifica(struct ts *ts, size_t i)
{
	cmark_node *n;
	const char *lit;

	if (ts->hooks->signers != NULL && i < ts->hooks->nsigners && ts->hooks->signers[i] != NULL)
		return ts->hooks->signers[i];
	for (n = cmark_node_first_child(ts->signs[i]); n != NULL; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT &&
		    (lit = cmark_node_get_literal(n)) != NULL)
			return arena_strdup(ts->a, lit);
	return "";
}

/* Name the signer of each line to sign on that paginate_columns just put at the end of ts->v,
 * one for each column of signatures from that had lines (bounds as paginate_columns got them). */
static void
sign_names(struct ts *ts, size_t from, size_t cols, const size_t *bounds)
{
	size_t k, lines = 0, r;

	for (k = 0; k < cols; k++)
		lines += bounds[k] != bounds[k + 1];
	r = ts->nv - lines;
	for (k = 0; k < cols; k++) {
		if (bounds[k] == bounds[k + 1])
			continue;
		if (ts->v[r].kind == V_RULE)
			ts->v[r].sign = sign_qualifica(ts, from + k);
		r++;
	}
}

/* The signatures collected since <!-- verbale:firme -->, SIGN_COLUMNS to a row (a shorter row
 * centred), each centred in its column with room to sign below it (paginate_columns); since
 * <!-- verbale:firmate -->, without. */
static void
signatures(struct ts *ts)
{
	double full = text_width(ts), colw = full / SIGN_COLUMNS;
	size_t i, k, bounds[SIGN_COLUMNS + 1];

	ts->signing = false;
	for (i = 0; i < ts->nsigns; i += SIGN_COLUMNS) {
		size_t cols = ts->nsigns - i < SIGN_COLUMNS ? ts->nsigns - i : SIGN_COLUMNS;
		double left = ts->st->margin_left + (full - (double)cols * colw) / 2;

		vskip(ts, ts->st->para_skip);
		for (k = 0; k < cols; k++) {
			bounds[k] = ts->nv;
			ts->center_next = true;
			paragraph(ts, ts->signs[i + k], left + (double)k * colw, colw, NULL);
			ts->keep_next = false;
		}
		bounds[cols] = ts->nv;
		ts->v = xgrow(ts->v, &ts->capv, ts->nv + cols, sizeof(*ts->v)); /* the lines */
		ts->nv = paginate_columns(ts->v, bounds, cols, ts->st->leading, ts->a);
		if (!ts->signed_copy) {
			sign_names(ts, i, cols, bounds);
			continue;
		}
		/* already signed (F.to): no line to sign on, and the row may end a page */
		while (ts->nv > bounds[0] && ts->v[ts->nv - 1].kind == V_RULE)
			ts->nv--;
		if (ts->nv > bounds[0])
			ts->v[ts->nv - 1].break_after = true;
	}
	ts->nsigns = 0;
	ts->signed_copy = false;
}

static void
thematic_break(struct ts *ts, double left, double width)
{
	struct vitem *vi;
	double w = width / BREAK_LENGTH;

	vskip(ts, ts->st->leading * BREAK_BEFORE);
	vi = ts_vpush(ts, V_RULE);
	vi->height = ts->st->leading * BREAK_BEFORE;
	vi->rule.x0 = left + (width - w) / 2;
	vi->rule.x1 = vi->rule.x0 + w;
	vi->rule.width = BREAK_WIDTH;
	vi->rule.gray = BREAK_GRAY;
	vskip(ts, ts->st->leading * BREAK_AFTER);
}

/* A paragraph holding just one image: the image as a block, scaled to fit. */
static bool
image_block(struct ts *ts, cmark_node *para, double left, double width)
{
	cmark_node *img = cmark_node_first_child(para);
	const char *url, *why = NULL, *path;
	enum ts_image_kind kind;
	double w = 0, h = 0, scale,
	       tallest = (ts->st->page_height - ts->st->margin_top - ts->st->margin_bottom) *
	                 IMAGE_MAX;
	struct vitem *vi;
	struct ts_elem *fig;

	if (!para_image_only(para) || ts->hooks->image == NULL)
		return false;
	url = cmark_node_get_url(img);
	path = ts->hooks->image(ts->hooks->ctx, url ? url : "", &why, &kind, &w, &h);
	if (path == NULL || w <= 0 || h <= 0) {
		if (why != NULL) /* else the hook reported an error */
			para_image_warn(ts, img, why);
		ts->told = img; /* the paragraph is set as text: not a word more about it */
		return false;
	}
	/* 72 dpi as a start, never wider than the text, never taller than IMAGE_MAX of a page */
	scale = 1;
	if (w * scale > width)
		scale = width / w;
	if (h * scale > tallest)
		scale = tallest / h;
	vskip(ts, ts->st->para_skip);
	vi = ts_vpush(ts, V_IMAGE);
	vi->height = h * scale;
	vi->image.w = w * scale;
	vi->image.h = h * scale;
	vi->image.x = left + (width - w * scale) / 2;
	vi->image.path = path;
	vi->image.kind = kind;
	fig = ts_elem_new(ts, TS_K_FIGURE, ts->elem_in);
	fig->alt = ts_plain_text(ts, img);
	vi->image.elem = fig;
	vskip(ts, ts->st->para_skip);
	return true;
}

/*
 * The block structure is walked with cmark's iterator and a stack of containers on the heap,
 * never by recursion: a text nested thousands of levels deep costs memory, not the C stack.
 * Each container's content gets its room (left, width); the indentation stops growing once
 * the content would be narrower than two thirds of the text width, so that text nested
 * however deep stays on the page.
 */
enum frame_kind {
	FR_BLOCKS, /* the children are blocks (the document, a block quote) */
	FR_LIST,   /* the children are a list's items */
	FR_ITEM    /* the children are a list item's blocks */
};

struct frame {
	enum frame_kind kind;
	cmark_node *node;
	double left, width;         /* the room of the children */
	double skip_after;          /* space after the container */
	cmark_node *done;           /* FR_ITEM: the first paragraph, already set with the marker */
	int number;                 /* FR_LIST: the next item's number */
	double size;                /* the children's text size */
	const struct ts_elem *elem; /* the structure element of the children (NULL: document) */
};

struct walk {
	struct frame *v;
	size_t n, cap;
};

static struct frame *
frame_push(struct ts *ts, struct walk *w, enum frame_kind kind, cmark_node *node, double left,
           double width)
{
	double base = ts->st->margin_left, full = text_width(ts),
	       least = full * NARROWEST_THIRDS / 3;
	struct frame *f;

	if (width < least)
		width = least;
	if (left + width > base + full)
		left = base + full - width;
	if (left < base)
		left = base;
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	f = &w->v[w->n++];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->node = node;
	f->left = left;
	f->width = width;
	f->size = w->n > 1 ? w->v[w->n - 2].size : ts->st->size;
	f->elem = w->n > 1 ? w->v[w->n - 2].elem : NULL;
	return f;
}

/* A block without block children (a heading, a rule, a code or HTML block), as laid out
 * anywhere; false for the others. */
static bool
leaf_block(struct ts *ts, cmark_node *n, double left, double width)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_HEADING: heading(ts, n, left, width); return true;
	case CMARK_NODE_THEMATIC_BREAK: thematic_break(ts, left, width); return true;
	case CMARK_NODE_CODE_BLOCK:
		vskip(ts, ts->st->para_skip);
		code_block(ts, cmark_node_get_literal(n), left, width);
		vskip(ts, ts->st->para_skip);
		return true;
	case CMARK_NODE_HTML_BLOCK:
		html_block(ts, cmark_node_get_literal(n), left, width);
		return true;
	default:
		if (markdown_node_kind(n) != MARKDOWN_TABLE)
			return false;
		ts_table(ts, ts->st, ts->a, n, left, width);
		return true;
	}
}

/* Entering a list item: its marker, hanging before its first paragraph or alone on a line. */
static void
item_enter(struct ts *ts, struct walk *w, cmark_node *item)
{
	struct frame *list = &w->v[w->n - 1], *f;
	cmark_node *ln = list->node, *c = cmark_node_first_child(item);
	double indent = ts->st->indent;
	char marker[32];
	struct para p;
	const struct ts_elem *li = ts_elem_new(ts, TS_K_LI, list->elem);

	if (cmark_node_get_list_type(ln) == CMARK_ORDERED_LIST)
		snprintf(marker, sizeof(marker), "%d%c", list->number,
		         cmark_node_get_list_delim(ln) == CMARK_PAREN_DELIM ? ')' : '.');
	else
		snprintf(marker, sizeof(marker), "%s", "\xE2\x80\x93"); /* en dash */
	list->number++;
	f = frame_push(ts, w, FR_ITEM, item, list->left + indent, list->width - indent);
	f->elem = ts_elem_new(ts, TS_K_LBODY, li);
	para_init(&p, ts->st->size);
	if (c != NULL && cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH && !para_image_only(c)) {
		/* the marker hangs: first line starts at left, the rest at left+indent (an image
		 * alone, a block, goes under a marker on its own line) */
		struct fill fl = {c, marker, indent};

		para_fill(ts, &p, &fl);
		vskip(ts, cmark_node_get_list_tight(ln) ? 0 : ts->st->para_skip);
		ts->elem_next = ts_elem_new(ts, TS_K_P, f->elem); /* the marker: a run, label */
		para_emit(ts, &p, f->left, f->width, -indent, ts->st->leading, TS_BODY,
		          ALIGN_JUSTIFY, NULL, 0);
		f->done = c;
	} else {
		para_text(ts, &p, marker);
		ts->elem_next = ts_elem_new(ts, TS_K_LBL, li);
		para_emit(ts, &p, f->left - indent, indent, 0, ts->st->leading, TS_BODY, ALIGN_LEFT,
		          NULL, 0);
		ts->keep_next = true;
	}
	para_clear(&p);
}

/* Entering n, a child of the container f: lay it out, or open it as a container. Returns
 * false when the walk is to skip n's children (inlines). */
static bool
enter(struct ts *ts, struct walk *w, cmark_node *n)
{
	struct frame *f = &w->v[w->n - 1], *g;
	cmark_node_type t = cmark_node_get_type(n);
	double left = f->left, width = f->width, indent = ts->st->indent;

	ts->body_size = f->size;
	ts->elem_in = f->elem;
	if (ts->signing && f->kind == FR_BLOCKS && t == CMARK_NODE_PARAGRAPH) {
		ts->signs = xgrow(ts->signs, &ts->capsigns, ts->nsigns + 1, sizeof(*ts->signs));
		ts->signs[ts->nsigns++] = n;
		return false;
	}

	if (f->kind == FR_LIST) {
		if (t == CMARK_NODE_ITEM)
			item_enter(ts, w, n);
		return t == CMARK_NODE_ITEM;
	}
	if (f->kind == FR_ITEM) {
		if (n == f->done)
			return false;
		vskip(ts, cmark_node_get_list_tight(cmark_node_parent(f->node))
		                  ? 0
		                  : ts->st->para_skip);
		switch (t) {
		case CMARK_NODE_PARAGRAPH:
			if (!image_block(ts, n, left, width))
				paragraph(ts, n, left, width, NULL);
			return false;
		case CMARK_NODE_LIST:
			g = frame_push(ts, w, FR_LIST, n, left, width);
			g->number = cmark_node_get_list_start(n);
			g->elem = ts_elem_new(ts, TS_K_L, ts->elem_in); /* f: moved by the push */
			w->v[w->n - 1].skip_after = ts->st->para_skip;
			return true;
		case CMARK_NODE_BLOCK_QUOTE:
			/* a quote inside an item takes the item's room, in the quotes' size */
			g = frame_push(ts, w, FR_BLOCKS, n, left, width);
			g->elem = ts_elem_new(ts, TS_K_QUOTE, ts->elem_in);
			g->size = g->size < ts->st->size * QUOTE_SIZE ? g->size
			                                              : ts->st->size * QUOTE_SIZE;
			return true;
		default: leaf_block(ts, n, left, width); return false;
		}
	}
	switch (t) {
	case CMARK_NODE_PARAGRAPH:
		vskip(ts, ts->st->para_skip);
		if (!image_block(ts, n, left, width))
			paragraph(ts, n, left, width, NULL);
		return false;
	case CMARK_NODE_BLOCK_QUOTE:
		/* indented on both sides, a little smaller */
		vskip(ts, ts->st->para_skip);
		g = frame_push(ts, w, FR_BLOCKS, n, left + indent, width - 2 * indent);
		g->elem = ts_elem_new(ts, TS_K_QUOTE, ts->elem_in);
		g->skip_after = ts->st->para_skip;
		if (g->size > ts->st->size * QUOTE_SIZE)
			g->size = ts->st->size * QUOTE_SIZE;
		return true;
	case CMARK_NODE_LIST:
		vskip(ts, ts->st->para_skip);
		g = frame_push(ts, w, FR_LIST, n, left, width);
		g->number = cmark_node_get_list_start(n);
		g->elem = ts_elem_new(ts, TS_K_L, ts->elem_in); /* f: moved by the push */
		g->skip_after = ts->st->para_skip;
		return true;
	case CMARK_NODE_DOCUMENT: frame_push(ts, w, FR_BLOCKS, n, left, width); return true;
	default: leaf_block(ts, n, left, width); return false;
	}
}

/* Lay out the blocks of root (a document, or any block). */
static void
blocks(struct ts *ts, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	struct walk w = {0};
	cmark_event_type ev;

	frame_push(ts, &w, FR_BLOCKS, NULL, ts->st->margin_left, text_width(ts));
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER) {
			if (!enter(ts, &w, n))
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (ev == CMARK_EVENT_EXIT && w.n > 1 && w.v[w.n - 1].node == n) {
			w.n--;
			vskip(ts, w.v[w.n].skip_after);
		}
	}
	cmark_iter_free(it);
	free(w.v);
	signatures(ts); /* a <!-- verbale:firme --> never closed */
}

/* --- for the tables (typeset_private.h) ------------------------------------------------- */

struct vitem *
ts_item_push(struct ts *ts, enum vkind kind, size_t *index)
{
	*index = ts->nv;
	return ts_vpush(ts, kind);
}

void
ts_skip_add(struct ts *ts, double skip)
{
	vskip(ts, skip);
}

size_t
ts_cell_items(struct ts *ts, cmark_node *cell, double size, bool bold, struct lb_item **items)
{
	struct para p;
	size_t n;

	para_init(&p, size);
	p.style = bold ? ST_BOLD : 0;
	para_inline(ts, &p, cell);
	para_hyphenate(ts, &p); /* measured at its narrowest: hyphenated */
	n = p.nitems;
	*items = p.items; /* taken from p */
	p.items = NULL;
	para_clear(&p);
	return n;
}

size_t
ts_cell_set(struct ts *ts, cmark_node *cell, double size, bool bold, enum align align, double left,
            double width, struct vitem **lines)
{
	size_t first = ts->nv, n;
	double skip = ts->pending_skip;
	bool keep = ts->keep_next;
	struct para p;

	ts->pending_skip = 0;
	ts->keep_next = false;
	para_init(&p, size);
	p.style = bold ? ST_BOLD : 0;
	para_inline(ts, &p, cell);
	para_emit(ts, &p, left, width, 0, size * TS_CELL_LEADING, TS_CELL, align, NULL, 0);
	para_clear(&p);
	n = ts->nv - first;
	*lines = xcalloc(n ? n : 1, sizeof(**lines));
	memcpy(*lines, ts->v + first, n * sizeof(**lines));
	ts->nv = first; /* the cell's lines go into a row, not into the vertical list */
	ts->pending_skip = skip;
	ts->keep_next = keep;
	return n;
}

/* --- margins ------------------------------------------------------------------------------ */

/* A single line of text (header, footer), centred, in the margin. */
static struct ts_line
margin_line(struct ts *ts, const char *text, double y, double left, double width)
{
	struct para p;
	struct vitem *vi;
	struct ts_line line;
	size_t saved = ts->nv;
	unsigned saved_block = ts->block;

	para_init(&p, ts->st->margin_size);
	p.ragged = true;
	para_text(ts, &p, text);
	memset(&line, 0, sizeof(line));
	if (p.nitems > 0) {
		para_emit(ts, &p, left, width, 0, 0, TS_MARGIN, ALIGN_CENTER, NULL, 0);
		vi = &ts->v[saved];
		line = vi->line;
	}
	ts->nv = saved; /* the margin lines are not part of the text */
	ts->block = saved_block;
	para_clear(&p);
	line.y = y;
	line.role = TS_MARGIN;
	line.block = 0;
	return line;
}

/* The header (with the logo) and the footer of every page, set once the pages are known;
 * acts[p] names the acts page p carries. */
static void
margins(struct ts *ts, struct ts_doc *doc, const struct paginate_acts *acts)
{
	const struct ts_style *st = ts->st;
	size_t p, i, k;

	for (p = 0; p < doc->npages; p++) {
		struct ts_page *pg = &doc->pages[p];
		double hy = st->page_height - st->margin_top + st->header_skip,
		       left = st->margin_left, width = text_width(ts);
		struct buf header = {0}, footer = {0};
		struct ts_rule *r;

		if (ts->hooks->margins != NULL)
			ts->hooks->margins(ts->hooks->ctx, p + 1, doc->npages, acts[p].first,
			                   acts[p].last, &header, &footer);
		if (ts->hooks->logo != NULL && ts->hooks->logo_h > 0) {
			struct ts_image *im = &pg->images[pg->nimages++];
			double h = st->logo_height, w = ts->hooks->logo_w * h / ts->hooks->logo_h;

			im->x = left;
			im->y = hy - st->margin_size * LOGO_DROP;
			im->w = w;
			im->h = h;
			im->path = ts->hooks->logo;
			im->kind = ts->hooks->logo_kind;
			left += w + LOGO_GAP;
			width -= w + LOGO_GAP;
		}
		if (header.len > 0)
			pg->lines[pg->nlines++] = margin_line(ts, header.data, hy, left, width);
		r = &pg->rules[pg->nrules++];
		r->x0 = st->margin_left;
		r->x1 = st->page_width - st->margin_right;
		r->y0 = r->y1 = hy - st->margin_size * HEADER_RULE_DROP;
		r->width = HEADER_RULE_WIDTH;
		r->gray = HEADER_RULE_GRAY;
		if (footer.len > 0)
			pg->lines[pg->nlines++] =
			        margin_line(ts, footer.data, st->margin_bottom - st->footer_skip,
			                    st->margin_left, text_width(ts));
		for (i = 0; i < pg->nlines; i++)
			if (pg->lines[i].role == TS_MARGIN)
				for (k = 0; k < pg->lines[i].nruns; k++)
					pg->lines[i].runs[k].gray = MARGIN_GRAY;
		buf_free(&header);
		buf_free(&footer);
	}
}

/* --- entry points ------------------------------------------------------------------------- */

struct ts_doc *
ts_typeset(cmark_node *doc, const struct ts_style *st, const struct fonts *f, struct hyphenator *h,
           const struct ts_hooks *hooks, struct diags *d)
{
	struct ts ts;
	struct ts_doc *out;
	struct paginate_acts *acts;

	memset(&ts, 0, sizeof(ts));
	ts.st = st;
	ts.f = f;
	ts.h = h;
	ts.hooks = hooks;
	ts.d = d;
	ts.a = arena_new();
	ts.ties = ties_new(hooks->bound, hooks->nbound, hooks->names, hooks->nnames);
	blocks(&ts, doc);
	out = paginate_pages(ts.v, ts.nv, ts.groups, st, ts.a, &acts);
	margins(&ts, out, acts);
	out->nelems = ts.nelems;
	if (ts.nelems > TS_MAX_ELEMS)
		diag_report(d, D_UNTAGGED, &hooks->warn_at, (size_t)TS_MAX_ELEMS);
	free(ts.v);
	free(ts.warned);
	ties_free(ts.ties);
	free(ts.signs);
	kern_pairs_clear(&ts.kp);
	return out;
}

void
ts_free(struct ts_doc *doc)
{
	if (doc != NULL)
		arena_free(doc->arena); /* the doc lives in its arena */
}
