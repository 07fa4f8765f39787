/*
 * typeset_private.h: what the typesetter's files share, and no other file sees: typeset.c (the
 * blocks, the margins, the entry points), typeset_para.c (a paragraph: inlines -> items ->
 * lines) and typeset_table.c (tables, set with the paragraph machinery and handed over as rows,
 * paginate.h's V_ROW). The typesetter's state, struct ts, lives for one ts_typeset call.
 */
#ifndef VERBALE_TYPESET_PRIVATE_H
#define VERBALE_TYPESET_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "fonts.h"
#include "kern.h"
#include "linebreak.h"
#include "paginate.h"
#include "util.h"

struct cmark_node;

/* How a paragraph's lines sit in their measure. */
enum align { ALIGN_JUSTIFY, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

/* Inline styles. */
enum { ST_BOLD = 1, ST_ITALIC = 2, ST_MONO = 4, ST_STRIKE = 8 };
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
	/* the words that may be hyphenated, added whole: para_hyphenate adds their hyphenation
	 * points when the paragraph does not break well without them */
	struct para_word *later;
	size_t nlater, caplater;
	size_t *points, cappoints; /* a word's hyphenation points, for para_hyphenate */
	double *adv; /* the advance of each character of those words, at its first byte (1/1000 em)
	              */
	size_t capadv;
	bool keep_adv; /* add_boxes keeps the advances in adv */
};

/* A word added whole that may be hyphenated: items [item, item + nitems) (boxes only),
 * text[off, off + len), and the inline style and size it was added with. */
struct para_word {
	size_t item, nitems, off, len;
	unsigned style;
	double size;
};

/* What a paragraph is made of: its inlines, after a list item's marker. */
struct fill {
	struct cmark_node *inlines;
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
	size_t marks;            /* outline entries made so far (at most TS_MAX_MARKS) */
	struct cmark_node *told; /* the image image_block left out, already reported */
	bool new_page;           /* <!-- verbale:pagina -->: the next item starts a page */
	bool center_next;        /* <!-- verbale:centro -->: the next paragraph is centred */
	bool signing;            /* after <!-- verbale:firme -->: paragraphs are signatures */
	bool signed_copy; /* after <!-- verbale:firmate -->: signatures of a copy (F.to), no room
	                   * to sign nor line under them */
	struct cmark_node **signs; /* the signatures met so far */
	size_t nsigns, capsigns;
	double body_size;     /* the text's size in the current container (smaller in quotes) */
	struct ties *ties;    /* the sitting's names, for ties and words kept whole */
	struct kern_pairs kp; /* the font's kerning of the pairs met so far */
	/* the structure (ts_elem): the element new blocks go into (NULL: the document), the one
	 * the next para_emit gives its lines (taken, NULL: a new P), and how many were made */
	const struct ts_elem *elem_in, *elem_next;
	size_t nelems;
};

/* --- typeset.c ---------------------------------------------------------------------------- */

/* The face of the inline styles ST_* in force. */
enum face ts_style_face(unsigned style);
/* A new item at the end of the vertical list, with the space pending before it and the group
 * and act in force; valid until the next push. */
struct vitem *ts_vpush(struct ts *ts, enum vkind kind);
/* Warn, once a document, that no face has cp (the character s[0..len)). */
void ts_warn_missing(struct ts *ts, uint32_t cp, const char *s, size_t len);
/* A new structure element of kind in parent (NULL: the document), in the document's arena. */
struct ts_elem *ts_elem_new(struct ts *ts, enum ts_kind kind, const struct ts_elem *parent);
/* The plain text of n's inlines, without markup (outline titles, a link's text). */
char *ts_plain_text(struct ts *ts, struct cmark_node *n);

/* --- typeset_para.c ----------------------------------------------------------------------- */

/* A new, empty paragraph at size; para_clear releases what it holds. */
void para_init(struct para *p, double size);
void para_clear(struct para *p);
/* Append s (plain text, in p's style) to p. */
void para_text(struct ts *ts, struct para *p, const char *s);
/* Append the inlines below n (emphasis, code, links, strikes, breaks, images' alt text). */
void para_inline(struct ts *ts, struct para *p, struct cmark_node *n);
/* Append fl's marker and inlines: a list item's first paragraph, or a plain one. */
void para_fill(struct ts *ts, struct para *p, const struct fill *fl);
/* Add the hyphenation points of the words added whole (para_emit does when the paragraph does
 * not break well without them; a table's cells are measured with them). */
void para_hyphenate(struct ts *ts, struct para *p);
/* The width of s[0..len) in face at size, kerned ([pt]). */
double para_span_width(const struct ts *ts, const char *s, size_t len, enum face face, bool missing,
                       double size);
/* Whether para (a paragraph) holds just one image, which is then drawn as a block. */
bool para_image_only(struct cmark_node *para);
/* Warn about the image img, which is not drawn, its description standing in: quoting its
 * address, with reason why (NULL: D_IMAGE_INLINE's). */
void para_image_warn(struct ts *ts, struct cmark_node *img, const char *why);
/*
 * Break p into lines of width from left (the first indented by first_indent), each leading
 * below the last, of role and align, onto the vertical list; mark (when not NULL) is the title
 * the first line gives the outline, at level.
 */
void para_emit(struct ts *ts, struct para *p, double left, double width, double first_indent,
               double leading, enum ts_role role, enum align align, const char *mark,
               int mark_level);

/* A cell's baseline skip, times its size. */
#define TS_CELL_LEADING 1.2

/* A new item at the end of the vertical list, at *index (zeroed but for the fields typeset.c
 * keeps: the space before it, its group and act); valid until the next push. */
struct vitem *ts_item_push(struct ts *ts, enum vkind kind, size_t *index);
/* At least skip [pt] of space before the next item. */
void ts_skip_add(struct ts *ts, double skip);

/* The Knuth-Plass items of cell's text (a table cell's inlines) at size (bold: a header
 * cell): a malloc'd array (the caller frees it) of that many. */
size_t ts_cell_items(struct ts *ts, struct cmark_node *cell, double size, bool bold,
                     struct lb_item **items);

/*
 * Set cell's text in lines of width [pt] from left, aligned align (ragged, hyphenated), with a
 * baseline skip of size * TS_CELL_LEADING: *lines receives a malloc'd array (the caller frees
 * it) of that many V_LINE items, their line's y unset and their rules (strikes) and links with
 * y from the baseline; the vertical list is left as it was.
 */
size_t ts_cell_set(struct ts *ts, struct cmark_node *cell, double size, bool bold, enum align align,
                   double left, double width, struct vitem **lines);

/* typeset_table.c: a GFM table (markdown_node_kind MARKDOWN_TABLE) as rows of the vertical
 * list, within the room [left, left + width) of the page st; what the rows hold lives in a. */
void ts_table(struct ts *ts, const struct ts_style *st, struct arena *a, struct cmark_node *table,
              double left, double width);

#endif
