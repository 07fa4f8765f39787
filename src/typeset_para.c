/*
 * typeset_para.c: a paragraph of the typesetter (typeset.c, typeset_private.h): its inlines
 * turned into Knuth-Plass items (boxes for word pieces in one face, kerned; glue for spaces;
 * penalties for hyphenation points, ties and forced breaks), broken by linebreak.c into lines,
 * and each line set into runs on the vertical list, with its links and strikes.
 *
 * Hyphenation is on demand, as in TeX: words are added whole, and a paragraph is first broken
 * without hyphenation points, accepting only lines of badness up to the style's pretolerance;
 * only when that fails are its words hyphenated (para_hyphenate: the items are then exactly
 * those of hyphenating every word as it is added) and the paragraph broken as usual, within
 * tolerance. Most paragraphs of minutes break well whole, and are never hyphenated.
 */
#include <cmark-gfm.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hyphenate.h"
#include "kern.h"
#include "linebreak.h"
#include "markdown.h"
#include "text.h"
#include "ties.h"
#include "typeset_private.h"

/* Fractions as divisors: an interword space stretches by 1/SPACE_STRETCH of its width and
 * shrinks by 1/SPACE_SHRINK (TeX's); an unbreakable stretch gets a break point every
 * 1/EMERGENCY_PIECES of the measure. */
enum { SPACE_STRETCH = 2, SPACE_SHRINK = 3, EMERGENCY_PIECES = 40 };
/* A justified line is set at its natural width instead when its spaces would stretch by more
 * than LOOSE_RATIO times their stretch (wider than half an em: a hole, worse than a short
 * line). */
static const double LOOSE_RATIO = 2.0;
/* Struck-through text (~~amendments~~): the rule's height above the baseline, about half the
 * x-height, and its stroke (times the size). */
static const double STRIKE_RISE = 0.23, STRIKE_WIDTH = 0.05;

/* --- paragraphs: text -> items ------------------------------------------------------------ */

void
para_init(struct para *p, double size)
{
	memset(p, 0, sizeof(*p));
	p->size = size;
}

void
para_clear(struct para *p)
{
	buf_free(&p->text);
	free(p->items);
	free(p->boxof);
	free(p->boxes);
	free(p->later);
	free(p->points);
	free(p->adv);
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
double
para_span_width(const struct ts *ts, const char *s, size_t len, enum face face, bool missing,
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
	return fonts_pick(ts->f, ts_style_face(p->style), cp) == face ? next : i;
}

/* Add boxes for text[off..off+len) of the paragraph, one per run of characters drawn by the
 * same face (a fallback face for characters the style's face lacks), measuring as it goes,
 * kerning included (with the next character of the word, when it is in the same face). */
static void
add_boxes(struct ts *ts, struct para *p, size_t off, size_t len)
{
	enum face want = ts_style_face(p->style);
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
				ts_warn_missing(ts, cp, s + i, k);
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
		{
			double a = face < 0 ? fonts_advance(ts->f, FACE_FALLBACK2, 0xFFFD)
			                    : fonts_advance(ts->f, (enum face)face, cp);

			width += a;
			if (p->keep_adv)
				p->adv[i] = a;
		}
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

/* Whether the words added now may be hyphenated. */
static bool
may_hyphenate(const struct ts *ts, const struct para *p)
{
	return !p->ragged && !(p->style & ST_MONO) && ts->h != NULL;
}

/*
 * Where the word text[off..off+len) may be hyphenated: byte offsets into text, ascending, in
 * p->points (at most 64 a run of letters); returns how many. Not in the sitting's names (ties.h).
 */
static size_t
word_points(struct ts *ts, struct para *p, size_t off, size_t len)
{
	const char *s = p->text.data;
	size_t i = off, end = off + len, n = 0;

	while (i < end) {
		size_t j = i, k, points[64], m, q, letters = 0;
		uint32_t cp = 0;

		/* a run of letters */
		while (j < end && (k = text_utf8_decode(s + j, end - j, &cp)) > 0 &&
		       is_letter(cp)) {
			j += k;
			letters++;
		}
		if (j > i) {
			/* too short to hyphenate: nothing to ask */
			m = letters < HYPHENATE_WORD_MIN || ties_word_keeps(ts->ties, s + i, j - i)
			            ? 0
			            : hyphenate_points(ts->h, s + i, j - i, points, 64);
			p->points = xgrow(p->points, &p->cappoints, n + m, sizeof(*p->points));
			for (q = 0; q < m; q++)
				p->points[n++] = i + points[q];
			i = j;
			continue;
		}
		/* not a letter. An explicit hyphen never ends a line: text extraction (pdftotext)
		 * takes a hyphen at a line's end for a hyphenation and drops it. */
		k = text_utf8_decode(s + i, end - i, &cp);
		i += k ? k : 1;
	}
	return n;
}

/* A word (no spaces) of the paragraph's text, text[off..off+len), whole: boxes. */
static void
add_word(struct ts *ts, struct para *p, size_t off, size_t len)
{
	p->word_end = off + len;
	add_boxes(ts, p, off, len);
	p->word_end = 0;
}

static void
add_space(struct ts *ts, struct para *p)
{
	enum face face = ts_style_face(p->space_style);
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

/* A word, text[off..off+len), added whole; remembered when it may be hyphenated later. */
static void
add_later(struct ts *ts, struct para *p, size_t off, size_t len)
{
	struct para_word *w;

	if (!may_hyphenate(ts, p)) {
		add_word(ts, p, off, len);
		return;
	}
	p->later = xgrow(p->later, &p->caplater, p->nlater + 1, sizeof(*p->later));
	w = &p->later[p->nlater++];
	w->item = p->nitems;
	w->off = off;
	w->len = len;
	w->style = p->style;
	w->size = p->size;
	p->adv = xgrow(p->adv, &p->capadv, off + len, sizeof(*p->adv));
	p->keep_adv = true;
	add_word(ts, p, off, len);
	p->keep_adv = false;
	w = &p->later[p->nlater - 1];
	w->nitems = p->nitems - w->item;
}

/*
 * Add box, a piece of a word added whole, cut at the hyphenation points p->points[*q..npoints)
 * inside it or at its end, with a penalty after each. The pieces measure what add_boxes would
 * have measured adding them (the same advances and kerning, summed in the same order), and the
 * hyphen is kerned as hyphenating at add time would have: the items are the same.
 */
static void
cut_box(struct ts *ts, struct para *p, struct box b, size_t *q, size_t npoints, double hyphen)
{
	const char *s = p->text.data;
	size_t start = b.off, end = b.off + b.len;
	bool kerned = !b.missing && kerns(ts, (int)b.face);

	for (;;) {
		size_t cut = *q < npoints && p->points[*q] <= end ? p->points[*q] : end, j = start;
		double adv = 0, kern = 0;

		while (j < cut) {
			size_t at = j;

			text_utf8_next(s, cut, &j);
			adv += p->adv[at];
			kern += kern_at(&p->kern, at);
		}
		p->boxes = xgrow(p->boxes, &p->capboxes, p->nboxes + 1, sizeof(*p->boxes));
		p->boxes[p->nboxes] = b;
		p->boxes[p->nboxes].off = start;
		p->boxes[p->nboxes].len = cut - start;
		add_item(p, LB_BOX, p->nboxes)->width =
		        (kerned ? adv + kern : adv) * (b.size / 1000);
		p->nboxes++;
		if (*q < npoints && p->points[*q] == cut) {
			/* its last character is kerned with the hyphen instead of the next one
			 * (set_line draws it so) */
			double hk = kerned ? kern_hyphen(&p->kern, &ts->kp, ts->f, b.face, s, cut,
			                                 false)
			                   : 0;

			add_penalty(p, hyphen + hk * b.size / 1000, ts->st->hyphen_penalty, true);
			(*q)++;
		}
		if (cut == end)
			return;
		start = cut;
	}
}

/* Append the items src[0..n) and their boxes, boxof[0..n). */
static void
add_items(struct para *p, const struct lb_item *src, const size_t *boxof, size_t n)
{
	p->items = xgrow(p->items, &p->capitems, p->nitems + n, sizeof(*p->items));
	p->boxof = xgrow(p->boxof, &p->capboxof, p->nitems + n, sizeof(*p->boxof));
	memcpy(p->items + p->nitems, src, n * sizeof(*src));
	memcpy(p->boxof + p->nitems, boxof, n * sizeof(*boxof));
	p->nitems += n;
}

void
para_hyphenate(struct ts *ts, struct para *p)
{
	struct lb_item *items = p->items;
	size_t *boxof = p->boxof, n = p->nitems, k, from = 0, gap = p->gap;

	if (p->nlater == 0)
		return;
	p->items = NULL;
	p->boxof = NULL;
	p->nitems = p->capitems = p->capboxof = 0;
	/* room for the items as they are and a cut or so in each word, reserved at once (pages
	 * not written cost nothing): grown from nothing, a long paragraph's arrays were copied
	 * again and again, 3.4 times the page faults of 1,000 votes of 1,000 names */
	p->items = xgrow(p->items, &p->capitems, 3 * n, sizeof(*p->items));
	p->boxof = xgrow(p->boxof, &p->capboxof, 3 * n, sizeof(*p->boxof));
	for (k = 0; k < p->nlater; k++) {
		const struct para_word *w = &p->later[k];
		size_t npoints = word_points(ts, p, w->off, w->len), q = 0, i;
		double hyphen;

		if (npoints == 0) /* as it is */
			continue;
		/* the items up to it as they are; its boxes (it has nothing else) cut at the
		 * points */
		if (p->gap >= from && p->gap < w->item)
			gap = p->gap - from + p->nitems;
		add_items(p, items + from, boxof + from, w->item - from);
		hyphen = para_span_width(ts, "-", 1, ts_style_face(w->style), false, w->size);
		for (i = w->item; i < w->item + w->nitems; i++)
			cut_box(ts, p, p->boxes[boxof[i]], &q, npoints, hyphen);
		from = w->item + w->nitems;
	}
	if (p->gap >= from)
		gap = p->gap - from + p->nitems;
	add_items(p, items + from, boxof + from, n - from);
	p->gap = p->gap != 0 ? gap : 0;
	p->nlater = 0;
	free(items);
	free(boxof);
}

/* Text in the current style: words and spaces. */
void
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
				add_later(ts, p, off, j - i);
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
bool
para_image_only(cmark_node *para)
{
	cmark_node *img = cmark_node_first_child(para);

	return img != NULL && cmark_node_get_type(img) == CMARK_NODE_IMAGE &&
	       cmark_node_next(img) == NULL;
}

/* Warn about the image img, which is not drawn, its description standing in: quoting its
 * address, with reason why (NULL: D_IMAGE_INLINE's). */
void
para_image_warn(struct ts *ts, cmark_node *img, const char *why)
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
			para_image_warn(ts, img, why);
		return;
	}
	para_image_warn(ts, img, NULL);
}

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
	text = ts_plain_text(ts, link);
	if (strcmp(text, url) == 0) {
		p->url = true;
		return NULL;
	}
	return arena_strdup(ts->a, url);
}

void
para_inline(struct ts *ts, struct para *p, cmark_node *n)
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
				rb.cur.label = p->gap != 0 && i == p->gap;
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

/* Build the paragraph described by fl into p. */
void
para_fill(struct ts *ts, struct para *p, const struct fill *fl)
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
	para_inline(ts, p, fl->inlines);
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

/* The previous line, prev, ends with the first part of a word and a hyphen, line starts with
 * the rest: the whole word, as drawn, for the text read out (ts_run's word and tail). */
static void
hyphen_join(struct ts *ts, struct ts_line *prev, struct ts_line *line)
{
	struct ts_run *last;
	const char *sp, *s;
	size_t n, from, r;
	struct buf b = {NULL, 0, 0};

	if (prev->nruns == 0)
		return;
	last = &prev->runs[prev->nruns - 1];
	s = last->text;
	n = strlen(s);
	if (n == 0 || s[n - 1] != '-')
		return;
	sp = strrchr(s, ' ');
	from = sp ? (size_t)(sp - s) + 1 : 0;
	buf_add(&b, s + from, n - 1 - from);
	/* the rest runs up to the first space, over runs of other faces too ("Calcio,") */
	for (r = 0; r < line->nruns; r++) {
		struct ts_run *run = &line->runs[r];

		sp = strchr(run->text, ' ');
		run->tail = sp ? (size_t)(sp - run->text) : strlen(run->text);
		buf_add(&b, run->text, run->tail);
		if (sp != NULL || run->tail == 0)
			break;
	}
	last->word = arena_strndup(ts->a, b.data ? b.data : "", b.len);
	buf_free(&b);
}

void
para_emit(struct ts *ts, struct para *p, double left, double width, double first_indent,
          double leading, enum ts_role role, enum align align, const char *mark, int mark_level)
{
	struct lb_params lp;
	double widths[2];
	size_t *breaks, nlines, k, from = 0;
	double *ratios;
	unsigned block;
	const struct ts_elem *el = ts->elem_next;
	bool prev_hyphenated = false;

	ts->elem_next = NULL;
	if (p->nitems == 0)
		return;
	block = ++ts->block;
	if (el == NULL && role != TS_MARGIN)
		el = ts_elem_new(ts, TS_K_P, ts->elem_in);
	if (p->items[p->nitems - 1].kind != LB_PENALTY ||
	    p->items[p->nitems - 1].penalty > -LB_INFINITY)
		para_break(p);
	lb_params_init(&lp);
	widths[0] = width - first_indent;
	widths[1] = width;
	lp.tolerance = ts->st->tolerance;
	lp.emergency_stretch = p->size;
	breaks = xcalloc(p->nitems + 1, sizeof(*breaks));
	ratios = xcalloc(p->nitems + 1, sizeof(*ratios));
	/* first without hyphenation; a word wider than the measure fails this pass too */
	nlines = p->nlater > 0
	                 ? lb_break_within(p->items, p->nitems, widths, 2, &lp,
	                                   ts->st->pretolerance, breaks, ratios, p->nitems + 1)
	                 : 0;
	if (nlines == 0) {
		para_hyphenate(ts, p);
		emergency_breaks(ts, p, widths[0] < widths[1] ? widths[0] : widths[1]);
		free(breaks);
		free(ratios);
		breaks = xcalloc(p->nitems + 1, sizeof(*breaks));
		ratios = xcalloc(p->nitems + 1, sizeof(*ratios));
		nlines = lb_break(p->items, p->nitems, widths, 2, &lp, breaks, ratios,
		                  p->nitems + 1);
	}
	for (k = 0; k < nlines; k++) {
		struct vitem *vi = ts_vpush(ts, V_LINE);
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
		if (prev_hyphenated && vi->line.nruns > 0)
			hyphen_join(ts, &ts->v[ts->nv - 2].line, &vi->line);
		prev_hyphenated = hyphenated;
		vi->line.elem = el;
		for (i = 0; i < vi->nlinks; i++)
			vi->links[i].elem = el;
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
