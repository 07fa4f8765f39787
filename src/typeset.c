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

/* Inline styles. */
enum { ST_BOLD = 1, ST_ITALIC = 2, ST_MONO = 4, ST_STRIKE = 8 };

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
/* Fractions as divisors: an interword space stretches by 1/SPACE_STRETCH of its width and
 * shrinks by 1/SPACE_SHRINK (TeX's); a thematic break is 1/BREAK_LENGTH of the measure; an
 * unbreakable stretch gets a break point every 1/EMERGENCY_PIECES of the measure. */
enum { SPACE_STRETCH = 2, SPACE_SHRINK = 3, BREAK_LENGTH = 6, EMERGENCY_PIECES = 40 };
/* A justified line is set at its natural width instead when its spaces would stretch by more
 * than LOOSE_RATIO times their stretch (wider than half an em: a hole, worse than a short
 * line). */
static const double LOOSE_RATIO = 2.0;
/* Struck-through text (~~amendments~~): the rule's height above the baseline, about half the
 * x-height, and its stroke (times the size). */
static const double STRIKE_RISE = 0.23, STRIKE_WIDTH = 0.05;

/* A box of a paragraph: a piece of a word in one face. */
struct box {
	size_t off, len; /* bytes of the paragraph's text */
	enum face face;
	bool missing;     /* drawn as U+FFFD of FACE_FALLBACK2 */
	unsigned style;   /* ST_* of the text it comes from */
	const char *link; /* URI, or NULL */
	double size;
};

/* A paragraph being built: its text, its Knuth-Plass items and the boxes behind them. */
struct para {
	struct buf text; /* the paragraph's characters */
	struct lb_item *items;
	size_t nitems, capitems;
	size_t *boxof; /* for each item: the index of its box (boxes), or (size_t)-1 */
	size_t capboxof;
	struct box *boxes;
	size_t nboxes, capboxes;
	unsigned style;       /* the style in force while walking inlines */
	const char *link;     /* the link in force */
	double size;          /* font size */
	bool space_pending;   /* a space was seen and not yet emitted */
	unsigned space_style; /* the style of that space */
	bool ragged;          /* no justification (headings, centred lines) */
	bool url;             /* the text is a web address (an autolink, a link's address) */
	size_t gap;           /* the glue after a list item's marker (0: none): a fixed move,
	                         not a space, so that the text starts at the indent */
	struct kern kern;     /* the kerning of text, per byte */
	size_t word_end;      /* the end of the word add_word is adding (0: none) */
};

/* What a paragraph is made of: its inlines, after a list item's marker. */
struct fill {
	cmark_node *inlines;
	const char *marker; /* a list item's marker, hanging in the indent, or NULL */
	double indent;      /* the room the marker hangs in */
};

struct ts {
	const struct ts_style *st;
	const struct fonts *f;
	struct hyphenator *h;
	const struct ts_hooks *hooks;
	struct diags *d;
	struct arena *a;
	struct vitem *v;
	size_t nv, capv;
	unsigned block;      /* blocks made so far */
	unsigned group;      /* the open keep-together group, 0 when none */
	unsigned groups;     /* groups made so far */
	const char *act;     /* the act in force */
	double indent;       /* left indent of the current container */
	double pending_skip; /* space to put before the next item */
	bool keep_next;      /* the last item may not be separated from the next */
	uint32_t *warned;    /* code points already reported as missing */
	size_t nwarned, capwarned;
	size_t marks;       /* outline entries made so far (at most TS_MAX_MARKS) */
	cmark_node *told;   /* the image image_block left out, already reported */
	bool new_page;      /* <!-- verbale:pagina -->: the next item starts a page */
	bool center_next;   /* <!-- verbale:centro -->: the next paragraph is centred */
	bool signing;       /* after <!-- verbale:firme -->: paragraphs are signatures */
	cmark_node **signs; /* the signatures met so far */
	size_t nsigns, capsigns;
	double body_size;     /* the text's size in the current container (smaller in quotes) */
	struct ties *ties;    /* the sitting's names, for ties and words kept whole */
	struct kern_pairs kp; /* the font's kerning of the pairs met so far */
};

/* --- small helpers ------------------------------------------------------------------------ */

static double
text_width(const struct ts *ts)
{
	return ts->st->page_width - ts->st->margin_left - ts->st->margin_right;
}

static enum face
style_face(unsigned style)
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

static struct vitem *
vpush(struct ts *ts, enum vkind kind)
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

static void
warn_missing(struct ts *ts, uint32_t cp, const char *s, size_t len)
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

/* --- paragraphs: text -> items ------------------------------------------------------------ */

static void
para_init(struct para *p, double size)
{
	memset(p, 0, sizeof(*p));
	p->size = size;
}

static void
para_clear(struct para *p)
{
	buf_free(&p->text);
	free(p->items);
	free(p->boxof);
	free(p->boxes);
	kern_clear(&p->kern);
}

static struct lb_item *
add_item(struct para *p, enum lb_kind kind, size_t box)
{
	struct lb_item *it;

	p->items = xgrow(p->items, &p->capitems, p->nitems + 1, sizeof(*p->items));
	p->boxof = xgrow(p->boxof, &p->capboxof, p->nitems + 1, sizeof(*p->boxof));
	it = &p->items[p->nitems];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	p->boxof[p->nitems++] = box;
	return it;
}

static double
advance(const struct ts *ts, enum face face, bool missing, uint32_t cp, double size)
{
	if (missing)
		return fonts_advance(ts->f, FACE_FALLBACK2, 0xFFFD) * size / 1000;
	return fonts_advance(ts->f, face, cp) * size / 1000;
}

/* Width of text[off..off+len) in face (UTF-8). */
static double
span_width(const struct ts *ts, const char *s, size_t len, enum face face, bool missing,
           double size)
{
	double w = 0;
	size_t i = 0;

	while (i < len)
		w += advance(ts, face, missing, text_utf8_next(s, len, &i), size);
	return w;
}

/* Whether text in face is kerned: code is not (its columns line up), nor U+FFFD's stand-ins. */
static bool
kerns(const struct ts *ts, int face)
{
	return !ts->st->no_kern && face >= 0 && face != FACE_MONO;
}

/*
 * The end of the character at byte i of the word being added, when it follows a box of face and
 * is set in that face too (so kerned with the box's last character), else i.
 */
static size_t
kern_follow(const struct ts *ts, const struct para *p, size_t i, int face)
{
	size_t next = i;
	uint32_t cp;

	if (!kerns(ts, face) || i >= p->word_end)
		return i;
	cp = text_utf8_next(p->text.data, p->word_end, &next);
	return fonts_pick(ts->f, style_face(p->style), cp) == face ? next : i;
}

/* Add boxes for text[off..off+len) of the paragraph, one per run of characters drawn by the
 * same face (a fallback face for characters the style's face lacks), measuring as it goes,
 * kerning included (with the next character of the word, when it is in the same face). */
static void
add_boxes(struct ts *ts, struct para *p, size_t off, size_t len)
{
	enum face want = style_face(p->style);
	const char *s = p->text.data;
	size_t i = off, end = off + len, start = off;
	double width = 0, scale = p->size / 1000;
	int cur = -2;

	while (i <= end) {
		int face = -3;
		size_t k = 0;
		uint32_t cp = 0;

		if (i < end) {
			size_t next = i;

			cp = text_utf8_next(s, end, &next);
			k = next - i;
			face = fonts_pick(ts->f, want, cp);
			if (face < 0)
				warn_missing(ts, cp, s + i, k);
		}
		if (i == end || (cur != -2 && face != cur)) {
			if (i > start) {
				struct box *b;

				p->boxes = xgrow(p->boxes, &p->capboxes, p->nboxes + 1,
				                 sizeof(*p->boxes));
				b = &p->boxes[p->nboxes];
				b->off = start;
				b->len = i - start;
				b->missing = cur < 0;
				b->face = cur < 0 ? FACE_FALLBACK2 : (enum face)cur;
				b->style = p->style;
				b->link = p->link;
				b->size = p->size;
				if (kerns(ts, cur))
					width += kern_span(&p->kern, &ts->kp, ts->f, (enum face)cur,
					                   s, start, i, kern_follow(ts, p, i, cur));
				add_item(p, LB_BOX, p->nboxes)->width = width * scale;
				p->nboxes++;
			}
			start = i;
			width = 0;
		}
		if (i == end)
			break;
		cur = face;
		width += face < 0 ? fonts_advance(ts->f, FACE_FALLBACK2, 0xFFFD)
		                  : fonts_advance(ts->f, (enum face)face, cp);
		i += k;
	}
}

static bool
is_letter(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}

static void
add_penalty(struct para *p, double width, int penalty, bool flagged)
{
	struct lb_item *it = add_item(p, LB_PENALTY, (size_t)-1);

	it->width = width;
	it->penalty = penalty;
	it->flagged = flagged;
}

/* A word (no spaces) of the paragraph's text, text[off..off+len): boxes, with hyphenation
 * points between them where the style allows. */
static void
add_word(struct ts *ts, struct para *p, size_t off, size_t len)
{
	const char *s = p->text.data;
	size_t i = off, end = off + len, done = off;
	double hyphen = span_width(ts, "-", 1, style_face(p->style), false, p->size);
	bool hyphenate = !p->ragged && !(p->style & ST_MONO) && ts->h != NULL;

	p->word_end = end;
	while (hyphenate && i < end) {
		size_t j = i, k, points[64], n, q;
		uint32_t cp = 0;

		/* a run of letters */
		while (j < end && (k = text_utf8_decode(s + j, end - j, &cp)) > 0 && is_letter(cp))
			j += k;
		if (j > i) {
			n = ties_word_keeps(ts->ties, s + i, j - i)
			            ? 0
			            : hyphenate_points(ts->h, s + i, j - i, points, 64);
			for (q = 0; q < n; q++) {
				add_boxes(ts, p, done, i + points[q] - done);
				/* its last box's last character is kerned with the hyphen
				 * instead of the next one (set_line draws it so) */
				const struct box *b = &p->boxes[p->nboxes - 1];
				double hk = !b->missing && kerns(ts, (int)b->face)
				                    ? kern_hyphen(&p->kern, &ts->kp, ts->f, b->face,
				                                  s, i + points[q], false)
				                    : 0;

				add_penalty(p, hyphen + hk * b->size / 1000, ts->st->hyphen_penalty,
				            true);
				done = i + points[q];
			}
			i = j;
			continue;
		}
		/* not a letter. An explicit hyphen never ends a line: text extraction (pdftotext)
		 * takes a hyphen at a line's end for a hyphenation and drops it. */
		k = text_utf8_decode(s + i, end - i, &cp);
		i += k ? k : 1;
	}
	if (end > done)
		add_boxes(ts, p, done, end - done);
	p->word_end = 0;
}

static void
add_space(struct ts *ts, struct para *p)
{
	enum face face = style_face(p->space_style);
	double w = fonts_advance(ts->f, face, ' ') * p->size / 1000;
	struct lb_item *it;

	if (p->nitems > 0 && p->items[p->nitems - 1].kind == LB_BOX) {
		const char *s = p->text.data;
		size_t e = p->text.len, b = e;

		while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
			b--;
		/* a lone hyphen used as a dash stays on the line of the word after it (a hyphen at
		 * a line's end reads as a hyphenation to text extraction) */
		if (e - b == 1 && s[b] == '-')
			add_penalty(p, 0, LB_INFINITY, false);
		/* "n. 56", "art. 1": keep a short abbreviation with the number after it */
		else if (e - b >= 2 && e - b <= 5 && s[e - 1] == '.')
			add_penalty(p, 0, 1000, false);
	}
	buf_putc(&p->text, ' ');
	it = add_item(p, LB_GLUE, (size_t)-1);
	it->width = w;
	if (p->ragged) {
		it->stretch = 0;
		it->shrink = 0;
	} else {
		it->stretch = w / SPACE_STRETCH;
		it->shrink = w / SPACE_SHRINK;
	}
}

/* Before the space between the paragraph's last word and next[0..len): a tie (no break) when
 * ties.h says so. */
static void
add_tie(struct ts *ts, struct para *p, const char *next, size_t len)
{
	const char *s = p->text.data;
	size_t e = p->text.len, b = e;

	if (p->nitems == 0 || p->items[p->nitems - 1].kind != LB_BOX)
		return;
	while (b > 0 && s[b - 1] != ' ' && s[b - 1] != '\n')
		b--;
	if (ties_space_binds(ts->ties, s + b, e - b, next, len))
		add_penalty(p, 0, LB_INFINITY, false);
}

/* A web address, text[off..off+len): boxes, with a break point (no hyphen) where
 * ties_url_splits allows one; never hyphenated. */
static void
add_url(struct ts *ts, struct para *p, size_t off, size_t len)
{
	size_t at[64], n, k, done = off;

	n = ties_url_splits(p->text.data + off, len, at, 64);
	for (k = 0; k < n; k++) {
		add_boxes(ts, p, done, off + at[k] - done);
		add_penalty(p, 0, ts->st->hyphen_penalty, false);
		done = off + at[k];
	}
	if (off + len > done)
		add_boxes(ts, p, done, off + len - done);
}

/* Text in the current style: words and spaces. */
static void
para_text(struct ts *ts, struct para *p, const char *s)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		size_t j = i;

		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
			if (p->nitems > 0) {
				p->space_pending = true;
				p->space_style = p->style;
			}
			i++;
			continue;
		}
		while (j < n && s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r')
			j++;
		if (p->space_pending) {
			add_tie(ts, p, s + i, j - i);
			add_space(ts, p);
			p->space_pending = false;
		}
		{
			size_t off = p->text.len;

			buf_add(&p->text, s + i, j - i);
			if (p->url || ties_url_checks(s + i, j - i))
				add_url(ts, p, off, j - i);
			else
				add_word(ts, p, off, j - i);
		}
		i = j;
	}
}

static void
para_break(struct para *p)
{
	struct lb_item *it;

	p->space_pending = false;
	add_penalty(p, 0, LB_INFINITY, false);
	it = add_item(p, LB_GLUE, (size_t)-1);
	it->stretch = LB_FILL;
	add_penalty(p, 0, -LB_INFINITY, false);
	buf_putc(&p->text, '\n');
}

/* Whether para (a paragraph) holds just one image, which is then drawn as a block. */
static bool
image_only(cmark_node *para)
{
	cmark_node *img = cmark_node_first_child(para);

	return img != NULL && cmark_node_get_type(img) == CMARK_NODE_IMAGE &&
	       cmark_node_next(img) == NULL;
}

/* Warn about the image img, which is not drawn, its description standing in: quoting its
 * address, with reason why (NULL: D_IMAGE_INLINE's). */
static void
image_warn(struct ts *ts, cmark_node *img, const char *why)
{
	const char *url = cmark_node_get_url(img);
	char *shown = diag_quote(url ? url : "");

	if (why != NULL)
		diag_report(ts->d, D_IMAGE_SKIPPED, &ts->hooks->warn_at, shown, why);
	else
		diag_report(ts->d, D_IMAGE_INLINE, &ts->hooks->warn_at, shown);
	free(shown);
}

/*
 * An image inside text (text around it, another image beside it, in a link or a heading) is not
 * drawn: a picture at the height of a line would be a speck. Its description stands in, with a
 * warning that says how to have it: alone in its paragraph. An image that could not be drawn
 * even there (remote, missing, outside the folder) gets the warning it would get there, and one
 * that is there but unreadable the same error.
 */
static void
inline_image(struct ts *ts, cmark_node *img)
{
	const char *url = cmark_node_get_url(img), *why = NULL;
	enum ts_image_kind kind;
	double w = 0, h = 0;

	if (ts->hooks->image == NULL || img == ts->told)
		return;
	if (ts->hooks->image(ts->hooks->ctx, url ? url : "", &why, &kind, &w, &h) == NULL) {
		if (why != NULL) /* else the hook reported an error */
			image_warn(ts, img, why);
		return;
	}
	image_warn(ts, img, NULL);
}

static char *plain_text(struct ts *ts, cmark_node *n);

/*
 * Entering the link node: the address to print after its text, as print does, when the text
 * is not the address itself (then the text is set as an address, p->url); NULL when none
 * (no destination, a place in the document, one markdown_link_check refuses). A mail address
 * is printed without its "mailto:".
 */
static const char *
link_shown(struct ts *ts, struct para *p, cmark_node *link)
{
	const char *url = cmark_node_get_url(link), *text;

	if (url == NULL || *url == '#' || markdown_link_check(url) != MARKDOWN_LINK_OK)
		return NULL;
	if (strncasecmp(url, "mailto:", 7) == 0)
		url += 7;
	text = plain_text(ts, link);
	if (strcmp(text, url) == 0) {
		p->url = true;
		return NULL;
	}
	return arena_strdup(ts->a, url);
}

static void
inline_text(struct ts *ts, struct para *p, cmark_node *n)
{
	cmark_iter *it = cmark_iter_new(n);
	cmark_event_type ev;
	unsigned base = p->style;
	int strong = 0, strike = 0;
	const char *shown = NULL; /* the address to print after the open link's text */

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *c = cmark_iter_get_node(it);
		bool enter = ev == CMARK_EVENT_ENTER;

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_HTML_INLINE: /* raw HTML is shown as text */
			para_text(ts, p, cmark_node_get_literal(c));
			break;
		case CMARK_NODE_CODE: {
			unsigned saved = p->style;

			p->style |= ST_MONO;
			para_text(ts, p, cmark_node_get_literal(c));
			p->style = saved;
			break;
		}
		case CMARK_NODE_SOFTBREAK:
			if (p->nitems > 0) {
				p->space_pending = true;
				p->space_style = p->style;
			}
			break;
		case CMARK_NODE_LINEBREAK: para_break(p); break;
		case CMARK_NODE_EMPH:
			/* emphasis inside italic text is upright, as in print */
			p->style ^= ST_ITALIC;
			break;
		case CMARK_NODE_STRONG:
			strong += enter ? 1 : -1;
			p->style = strong > 0 || (base & ST_BOLD) ? p->style | ST_BOLD
			                                          : p->style & ~(unsigned)ST_BOLD;
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(c);

			if (enter)
				shown = link_shown(ts, p, c);
			else if (shown != NULL) { /* " (address)", set as an address */
				char *a = xasprintf("(%s)", shown);

				p->space_pending = true;
				p->space_style = p->style;
				p->url = true;
				para_text(ts, p, a);
				free(a);
				shown = NULL;
			}
			p->url = p->url && enter;
			/* a link without a destination is just its text */
			p->link = enter && url && *url ? arena_strdup(ts->a, url) : NULL;
			break;
		}
		case CMARK_NODE_IMAGE:
			/* its description follows, as text */
			if (enter)
				inline_image(ts, c);
			break;
		default:
			if (markdown_node_kind(c) != MARKDOWN_STRIKE)
				break;
			strike += enter ? 1 : -1;
			p->style = strike > 0 || (base & ST_STRIKE)
			                   ? p->style | ST_STRIKE
			                   : p->style & ~(unsigned)ST_STRIKE;
			break;
		}
	}
	cmark_iter_free(it);
}

/* --- paragraphs: items -> lines ----------------------------------------------------------- */

struct run_builder {
	struct ts_run *runs;
	size_t n, cap;
	struct buf text;
	struct ts_run cur;
	bool open;
	size_t spaces;  /* spaces in the open run */
	struct kern kb; /* the kerning of text, per byte */
};

static void
rb_close(struct ts *ts, struct run_builder *rb)
{
	if (!rb->open)
		return;
	rb->cur.text = arena_strndup(ts->a, rb->text.data ? rb->text.data : "", rb->text.len);
	rb->cur.kern = kern_chars(ts->a, &rb->kb, rb->cur.text, rb->text.len);
	kern_reset(&rb->kb);
	rb->runs = xgrow(rb->runs, &rb->cap, rb->n + 1, sizeof(*rb->runs));
	rb->runs[rb->n++] = rb->cur;
	rb->text.len = 0;
	rb->open = false;
}

/* Append the link to uri from x0 to x1 (y set by paginate.c) to links[0..*n); returns links. */
static struct ts_link *
link_add(struct ts_link *links, size_t *cap, size_t *n, const char *uri, double x0, double x1)
{
	links = xgrow(links, cap, *n + 1, sizeof(*links));
	memset(&links[*n], 0, sizeof(links[*n]));
	links[*n].x0 = x0;
	links[*n].x1 = x1;
	links[*n].uri = uri;
	(*n)++;
	return links;
}

/* Lay out one line of a paragraph: items (from, to], glue set by ratio r. */
static void
set_line(struct ts *ts, struct para *p, size_t from, size_t to, double r, double x0,
         struct vitem *vi, bool hyphenated)
{
	struct run_builder rb;
	struct ts_link *links = NULL;
	size_t nlinks = 0, caplinks = 0, i;
	double x = x0;
	const char *link = NULL;
	double link_x0 = 0;
	struct ts_rule *strikes = NULL, *sr = NULL; /* the open one */
	size_t nstrikes = 0, capstrikes = 0;

	memset(&rb, 0, sizeof(rb));
	/* skip glue and penalties at the start of the line */
	while (from < to && p->items[from].kind != LB_BOX)
		from++;
	for (i = from; i < to; i++) {
		const struct lb_item *it = &p->items[i];

		if (it->kind == LB_BOX) {
			const struct box *b = &p->boxes[p->boxof[i]];

			if (b->link != link) {
				if (link != NULL)
					links = link_add(links, &caplinks, &nlinks, link, link_x0,
					                 x);
				link = b->link;
				link_x0 = x;
			}
			if (!rb.open || rb.cur.face != b->face || rb.cur.missing != b->missing ||
			    rb.cur.size != b->size) {
				rb_close(ts, &rb);
				memset(&rb.cur, 0, sizeof(rb.cur));
				rb.cur.x = x;
				rb.cur.face = b->face;
				rb.cur.size = b->size;
				rb.cur.missing = b->missing;
				rb.cur.space = fonts_advance(ts->f, b->face, ' ') * b->size / 1000;
				rb.open = true;
				rb.spaces = 0;
			}
			kern_copy(&rb.kb, rb.text.len, &p->kern, b->off, b->len);
			buf_add(&rb.text, p->text.data + b->off, b->len);
			if (!(b->style & ST_STRIKE))
				sr = NULL;
			else if (sr == NULL || sr->y0 != b->size * STRIKE_RISE) {
				strikes =
				        xgrow(strikes, &capstrikes, nstrikes + 1, sizeof(*strikes));
				sr = memset(&strikes[nstrikes++], 0, sizeof(*strikes));
				sr->x0 = x;
				sr->y0 = sr->y1 = b->size * STRIKE_RISE; /* from the baseline */
				sr->width = b->size * STRIKE_WIDTH;
			}
			x += it->width;
			if (sr != NULL)
				sr->x1 = x;
			rb.cur.width = x - rb.cur.x;
		} else if (it->kind == LB_GLUE) {
			double w = it->width;

			if (it->stretch < LB_FILL) {
				if (r >= 0)
					w += r * it->stretch;
				else
					w += r * it->shrink;
			}
			if (w <= 0 || !rb.open)
				continue;
			if ((p->gap != 0 && i == p->gap) ||
			    (i + 1 < to && rb.spaces > 0 && fabs(w - rb.cur.space) > 0.001)) {
				/* a run has one width of space: after a list item's marker (the
				 * text starts at the indent) or before another width, a new run */
				rb_close(ts, &rb);
				x += w;
				continue;
			}
			/* only spaces between boxes on this line */
			if (i + 1 < to) {
				buf_putc(&rb.text, ' ');
				rb.spaces++;
				rb.cur.space = w;
				x += w;
				rb.cur.width = x - rb.cur.x;
			}
		}
	}
	if (hyphenated && rb.open) {
		if (!rb.cur.missing && kerns(ts, (int)rb.cur.face) && rb.text.len > 0)
			kern_hyphen(&rb.kb, &ts->kp, ts->f, rb.cur.face, rb.text.data, rb.text.len,
			            true);
		buf_putc(&rb.text, '-');
		x += p->items[to].width;
		rb.cur.width = x - rb.cur.x;
	} else if (rb.open && rb.text.len > 0) {
		/* an emergency break inside a word: the kerning with the next character goes */
		x -= kern_drop_last(&rb.kb, rb.text.data, rb.text.len) * rb.cur.size / 1000;
		rb.cur.width = x - rb.cur.x;
	}
	/* drop trailing spaces */
	if (rb.open)
		while (rb.text.len > 0 && rb.text.data[rb.text.len - 1] == ' ') {
			rb.text.len--;
			rb.cur.width -= rb.cur.space;
			x -= rb.cur.space;
		}
	if (link != NULL)
		links = link_add(links, &caplinks, &nlinks, link, link_x0, x);
	rb_close(ts, &rb);
	vi->line.runs = arena_array(ts->a, rb.n ? rb.n : 1, sizeof(*rb.runs));
	if (rb.n)
		memcpy(vi->line.runs, rb.runs, rb.n * sizeof(*rb.runs));
	vi->line.nruns = rb.n;
	if (nlinks) {
		vi->links = arena_array(ts->a, nlinks, sizeof(*links));
		memcpy(vi->links, links, nlinks * sizeof(*links));
		vi->nlinks = nlinks;
	}
	if (nstrikes) {
		vi->rules = arena_array(ts->a, nstrikes, sizeof(*strikes));
		memcpy(vi->rules, strikes, nstrikes * sizeof(*strikes));
		vi->nrules = nstrikes;
	}
	free(strikes);
	free(rb.runs);
	free(links);
	buf_free(&rb.text);
	kern_clear(&rb.kb);
}

/* Break the paragraph and add its lines to the vertical list. */
static void inline_text(struct ts *ts, struct para *p, cmark_node *n);

/* Build the paragraph described by fl into p. */
static void
fill_para(struct ts *ts, struct para *p, const struct fill *fl)
{
	if (fl->marker != NULL) {
		struct lb_item *it;
		double mw;

		para_text(ts, p, fl->marker);
		p->space_pending = false;
		/* a fixed gap after the marker, up to the indent, where no line may end */
		mw = p->nitems > 0 ? p->items[p->nitems - 1].width : 0;
		p->gap = p->nitems;
		it = add_item(p, LB_GLUE, (size_t)-1);
		it->width = fl->indent - mw > 2 ? fl->indent - mw : 2;
		buf_putc(&p->text, ' ');
		add_penalty(p, 0, LB_INFINITY, false);
	}
	inline_text(ts, p, fl->inlines);
}

/* The cost of an emergency break inside a word: dearer than any hyphenation. */
enum { EMERGENCY_PENALTY = 1000 };

static bool
is_breakpoint(const struct para *p, size_t i)
{
	const struct lb_item *it = &p->items[i];

	if (it->kind == LB_GLUE)
		return i > 0 && p->items[i - 1].kind == LB_BOX;
	return it->kind == LB_PENALTY && it->penalty < LB_INFINITY;
}

/* Warn that the word holding box b is broken, quoting its start. */
static void
warn_broken(struct ts *ts, const struct para *p, size_t b)
{
	const char *s = p->text.data + p->boxes[b].off;
	size_t len = p->text.len - p->boxes[b].off, i = 0, chars = 0, k;
	uint32_t cp;
	char *word;

	/* from the start of the word */
	while (s > p->text.data && s[-1] != ' ' && s[-1] != '\n') {
		s--;
		len++;
	}
	while (i < len && chars < 24 && s[i] != ' ' && s[i] != '\n') {
		k = text_utf8_decode(s + i, len - i, &cp);
		i += k ? k : 1;
		chars++;
	}
	word = xasprintf("%.*s%s", (int)i, s, i < len && s[i] != ' ' && s[i] != '\n' ? "…" : "");
	diag_report(ts->d, D_WORD_BROKEN, &ts->hooks->warn_at, word);
	free(word);
}

/*
 * A stretch of text with no place to break that is wider than the narrowest line (a word of
 * thousands of letters) would run off the page: it gets a break point every few characters,
 * used only where nothing else fits, with a warning.
 */
static void
emergency_breaks(struct ts *ts, struct para *p, double measure)
{
	struct lb_item *items = p->items;
	size_t *boxof = p->boxof, n = p->nitems, i, seg = 0;
	double w = 0, piece = measure / EMERGENCY_PIECES;
	bool *wide = xcalloc(n + 1, sizeof(bool)), any = false, warned = false;

	for (i = 0; i <= n; i++) {
		if (i == n || is_breakpoint(p, i)) {
			if (w > measure) {
				size_t k;

				for (k = seg; k < i; k++)
					wide[k] = true;
				any = true;
			}
			seg = i + 1;
			w = 0;
		} else if (items[i].kind != LB_PENALTY)
			w += items[i].width;
	}
	if (!any) {
		free(wide);
		return;
	}
	p->items = NULL;
	p->boxof = NULL;
	p->nitems = 0;
	p->capitems = 0;
	p->capboxof = 0;
	for (i = 0; i < n; i++) {
		struct box b;
		size_t j, end, start;
		double cw = 0;

		warned = warned && (wide[i] || items[i].kind == LB_PENALTY); /* one word */
		if (!wide[i] || items[i].kind != LB_BOX) {
			*add_item(p, items[i].kind, boxof[i]) = items[i];
			continue;
		}
		if (!warned)
			warn_broken(ts, p, boxof[i]);
		warned = true;
		b = p->boxes[boxof[i]];
		end = b.off + b.len;
		start = j = b.off;
		while (j <= end) {
			uint32_t cp = 0;
			size_t k = 0;
			double a = 0;

			if (j < end) {
				k = text_utf8_decode(p->text.data + j, end - j, &cp);
				if (k == 0) {
					cp = 0xFFFD;
					k = 1;
				}
				a = advance(ts, b.face, b.missing, cp, b.size) +
				    kern_at(&p->kern, j) * b.size / 1000;
			}
			if (j > start && (j == end || cw + a > piece)) {
				/* a piece of the word: a box, after a break point unless it opens
				 * the stretch */
				if (p->nitems > 0 && p->items[p->nitems - 1].kind == LB_BOX)
					add_penalty(p, 0, EMERGENCY_PENALTY, false);
				p->boxes = xgrow(p->boxes, &p->capboxes, p->nboxes + 1,
				                 sizeof(*p->boxes));
				p->boxes[p->nboxes] = b;
				p->boxes[p->nboxes].off = start;
				p->boxes[p->nboxes].len = j - start;
				add_item(p, LB_BOX, p->nboxes)->width = cw;
				p->nboxes++;
				start = j;
				cw = 0;
			}
			if (j == end)
				break;
			cw += a;
			j += k;
		}
	}
	free(items);
	free(boxof);
	free(wide);
}

static void
para_emit(struct ts *ts, struct para *p, double left, double width, double first_indent,
          double leading, enum ts_role role, enum align align, const char *mark, int mark_level)
{
	struct lb_params lp;
	double widths[2];
	size_t *breaks, nlines, k, from = 0;
	double *ratios;
	unsigned block = ++ts->block;

	if (p->nitems == 0)
		return;
	if (p->items[p->nitems - 1].kind != LB_PENALTY ||
	    p->items[p->nitems - 1].penalty > -LB_INFINITY)
		para_break(p);
	lb_params_init(&lp);
	widths[0] = width - first_indent;
	widths[1] = width;
	emergency_breaks(ts, p, widths[0] < widths[1] ? widths[0] : widths[1]);
	breaks = xcalloc(p->nitems + 1, sizeof(*breaks));
	ratios = xcalloc(p->nitems + 1, sizeof(*ratios));
	lp.tolerance = ts->st->tolerance;
	lp.emergency_stretch = p->size;
	nlines = lb_break(p->items, p->nitems, widths, 2, &lp, breaks, ratios, p->nitems + 1);
	for (k = 0; k < nlines; k++) {
		struct vitem *vi = vpush(ts, V_LINE);
		size_t to = breaks[k];
		bool hyphenated = p->items[to].kind == LB_PENALTY && p->items[to].flagged &&
		                  p->items[to].width > 0;
		bool last = to + 1 >= p->nitems || (p->items[to].kind == LB_PENALTY &&
		                                    p->items[to].penalty <= -LB_INFINITY);
		double x0 = left + (k == 0 ? first_indent : 0);
		/* ragged lines are set at their natural width, unless it is too wide */
		double r = align == ALIGN_JUSTIFY || ratios[k] < 0 ? ratios[k] : 0;
		size_t i;

		bool natural = last || r > LOOSE_RATIO;

		/* the last line, and a line that only very wide spaces would justify (a list of
		 * names that may not be hyphenated), are set at their natural width */
		if (r > 0 && natural)
			r = 0;
		set_line(ts, p, from, to, r, x0, vi, hyphenated);
		vi->height = leading;
		vi->line.role = natural && role == TS_BODY ? TS_LAST : role;
		vi->line.block = block;
		vi->line.index = (unsigned)k + 1;
		vi->line.lines = (unsigned)nlines;
		vi->line.group = ts->group;
		vi->line.measure = widths[k == 0 ? 0 : 1];
		vi->line.left = x0;
		if ((align == ALIGN_CENTER || align == ALIGN_RIGHT) && vi->line.nruns > 0) {
			const struct ts_run *lr = &vi->line.runs[vi->line.nruns - 1];
			double used = lr->x + lr->width - x0,
			       shift = (width - used) / (align == ALIGN_CENTER ? 2 : 1);

			for (i = 0; i < vi->line.nruns; i++)
				vi->line.runs[i].x += shift;
			for (i = 0; i < vi->nlinks; i++) {
				vi->links[i].x0 += shift;
				vi->links[i].x1 += shift;
			}
			for (i = 0; i < vi->nrules; i++) {
				vi->rules[i].x0 += shift;
				vi->rules[i].x1 += shift;
			}
		}
		if (k == 0 && mark != NULL) {
			vi->mark = mark;
			vi->mark_level = mark_level;
		}
		/* widows and orphans: keep at least two lines of a paragraph together */
		if (nlines > 1 && (k == 0 || k + 2 == nlines))
			vi->break_after = false;
		if (role == TS_HEADING && k + 1 < nlines)
			vi->break_after = false;
		/* a word is never split across pages */
		if (hyphenated)
			vi->break_after = false;
		from = to + 1;
	}
	free(breaks);
	free(ratios);
}

/* --- blocks ------------------------------------------------------------------------------- */

/* The plain text of a node's inlines, for outline titles. */
static char *
plain_text(struct ts *ts, cmark_node *n)
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
	fill_para(ts, &p, &fl);
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
	return span_width(ts, s, (size_t)(sp - s + 1), style_face(p->style), false, p->size);
}

static void
heading(struct ts *ts, cmark_node *n, double left, double width)
{
	int level = cmark_node_get_heading_level(n);
	double size = ts->st->heading_size[level > 3 ? 2 : level - 1], hang;
	struct para p;

	/* each level its own look: 1 and 2 bold, 3 bold italic, 4 italic, 5 bold and smaller,
	 * 6 upright (capitals would change the text that is copied out) */
	if (level == 5)
		size *= HEADING_SMALL;
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
	inline_text(ts, &p, n);
	vskip(ts, size * (level == 1 ? HEADING_BEFORE_1 : HEADING_BEFORE));
	if (ts->marks == TS_MAX_MARKS)
		diag_report(ts->d, D_OUTLINE_FULL, &ts->hooks->warn_at, (size_t)TS_MAX_MARKS);
	para_emit(ts, &p, left + hang, width - hang, -hang, size * HEADING_LEADING, TS_HEADING,
	          level == 1 ? ALIGN_CENTER : ALIGN_LEFT,
	          ts->marks < TS_MAX_MARKS ? plain_text(ts, n) : NULL, level);
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
			vi = vpush(ts, V_LINE);
			vi->height = size * CODE_LEADING;
			vi->line.role = TS_CODE;
			vi->line.block = block;
			vi->line.left = left;
			vi->line.measure = width;
		} else {
			size_t before = ts->nv;

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

/* The signatures collected since <!-- verbale:firme -->, SIGN_COLUMNS to a row (a shorter row
 * centred), each centred in its column with room to sign below it (paginate_columns). */
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
	}
	ts->nsigns = 0;
}

static void
thematic_break(struct ts *ts, double left, double width)
{
	struct vitem *vi;
	double w = width / BREAK_LENGTH;

	vskip(ts, ts->st->leading * BREAK_BEFORE);
	vi = vpush(ts, V_RULE);
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

	if (!image_only(para) || ts->hooks->image == NULL)
		return false;
	url = cmark_node_get_url(img);
	path = ts->hooks->image(ts->hooks->ctx, url ? url : "", &why, &kind, &w, &h);
	if (path == NULL || w <= 0 || h <= 0) {
		if (why != NULL) /* else the hook reported an error */
			image_warn(ts, img, why);
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
	vi = vpush(ts, V_IMAGE);
	vi->height = h * scale;
	vi->image.w = w * scale;
	vi->image.h = h * scale;
	vi->image.x = left + (width - w * scale) / 2;
	vi->image.path = path;
	vi->image.kind = kind;
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
	double left, width; /* the room of the children */
	double skip_after;  /* space after the container */
	cmark_node *done;   /* FR_ITEM: the first paragraph, already set with the marker */
	int number;         /* FR_LIST: the next item's number */
	double size;        /* the children's text size */
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

	if (cmark_node_get_list_type(ln) == CMARK_ORDERED_LIST)
		snprintf(marker, sizeof(marker), "%d%c", list->number,
		         cmark_node_get_list_delim(ln) == CMARK_PAREN_DELIM ? ')' : '.');
	else
		snprintf(marker, sizeof(marker), "%s", "\xE2\x80\x93"); /* en dash */
	list->number++;
	f = frame_push(ts, w, FR_ITEM, item, list->left + indent, list->width - indent);
	para_init(&p, ts->st->size);
	if (c != NULL && cmark_node_get_type(c) == CMARK_NODE_PARAGRAPH && !image_only(c)) {
		/* the marker hangs: first line starts at left, the rest at left+indent (an image
		 * alone, a block, goes under a marker on its own line) */
		struct fill fl = {c, marker, indent};

		fill_para(ts, &p, &fl);
		vskip(ts, cmark_node_get_list_tight(ln) ? 0 : ts->st->para_skip);
		para_emit(ts, &p, f->left, f->width, -indent, ts->st->leading, TS_BODY,
		          ALIGN_JUSTIFY, NULL, 0);
		f->done = c;
	} else {
		para_text(ts, &p, marker);
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
			frame_push(ts, w, FR_LIST, n, left, width)->number =
			        cmark_node_get_list_start(n);
			w->v[w->n - 1].skip_after = ts->st->para_skip;
			return true;
		case CMARK_NODE_BLOCK_QUOTE:
			/* a quote inside an item takes the item's room, in the quotes' size */
			g = frame_push(ts, w, FR_BLOCKS, n, left, width);
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
		g->skip_after = ts->st->para_skip;
		if (g->size > ts->st->size * QUOTE_SIZE)
			g->size = ts->st->size * QUOTE_SIZE;
		return true;
	case CMARK_NODE_LIST:
		vskip(ts, ts->st->para_skip);
		g = frame_push(ts, w, FR_LIST, n, left, width);
		g->number = cmark_node_get_list_start(n);
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
	return vpush(ts, kind);
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
	inline_text(ts, &p, cell);
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
	inline_text(ts, &p, cell);
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
