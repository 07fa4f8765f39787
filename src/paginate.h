/*
 * paginate.h: the vertical list typeset.c builds, cut into pages. typeset.c turns blocks into
 * lines, rules and images with the space before each and whether a page may end after it;
 * paginate_pages fills pages greedily and places every item on its page. The margins (header,
 * footer, logo) are typeset.c's again: they are set like text.
 */
#ifndef VERBALE_PAGINATE_H
#define VERBALE_PAGINATE_H

#include <stdbool.h>
#include <stddef.h>

#include "typeset.h"

/* One entry of the vertical list. A V_ROW is a table's row (or a band of a row taller than a
 * page): its cells' lines and its rules, never split across pages. */
enum vkind { V_LINE, V_IMAGE, V_RULE, V_ROW };

struct vitem {
	enum vkind kind;
	double skip;   /* extra space before it (dropped at the top of a page) */
	double height; /* baseline skip (lines) or height (images, rules) */
	bool break_after;
	bool page_before; /* a new page starts here (<!-- verbale:pagina -->) */
	bool group_break; /* a page may end after it although it is inside a keep-together group
	                     (<!-- verbale:spezza -->), with two of the group's lines on each side
	                   */
	unsigned group;
	const char *act;
	struct ts_line line; /* V_LINE */
	struct ts_image image;
	struct ts_rule rule;
	struct ts_link *links; /* V_LINE: links on the line (x set, y relative to the baseline);
	                          V_ROW: links in its cells (y relative to the row's top) */
	size_t nlinks;
	struct ts_rule *rules; /* V_LINE: struck-through text (y relative to the baseline); V_ROW:
	                          its rules and its text's (y relative to the row's top) */
	size_t nrules;
	struct ts_line *lines; /* V_ROW: its cells' lines (y relative to the row's top) */
	size_t nlines;
	size_t head; /* V_ROW: 1 + the index of its table's header row, set again at the top of a
	                page the table goes on to (the header's first page excepted); 0: none */
	const char *mark; /* heading title for the outline */
	int mark_level;
	const char *sign; /* V_RULE: a signature's line, the signer's qualifica (NULL: none) */
};

/* The acts whose text a page carries: the first and the last act of its lines and images (the
 * act in force before the page when it has none), or NULL. */
struct paginate_acts {
	const char *first, *last;
};

/*
 * Set signatures side by side: column k is v[bounds[k]..bounds[k + 1]), the tail of the list
 * (bounds[ncols] is its length), each laid out in its own room. Line r of every column becomes
 * one line (their runs and links joined, the largest skip and height, the measure across
 * them); below the last, leaving the room of PAGINATE_SIGN_ROOM leadings to sign by hand, a
 * line under each column. v has room for ncols items past the list's end. Returns the list's
 * new length. Joined runs and links live in a.
 */
size_t paginate_columns(struct vitem *v, const size_t *bounds, size_t ncols, double leading,
                        struct arena *a);

/* The room each page keeps for the margins, beyond its own items. */
enum { PAGINATE_MARGIN_LINES = 2, PAGINATE_MARGIN_RULES = 2, PAGINATE_MARGIN_IMAGES = 1 };

/*
 * Cut v[0..nv) into pages of st's text area: a page ends at the last item that lets it before
 * the next item would overflow (or where it overflows, when none does); the space before the
 * first item of a page is dropped, and so is a rule with height (a thematic break) that opens
 * one; an item with page_before starts a new page. Items of one keep-together group
 * (1..groups) stay on one page when the group is no taller than nine tenths of the text area
 * (their break_after is cleared), except after an item with group_break that has at least two
 * of the group's lines before it and two after it. A table's row that starts a page has its
 * header row set above it, in the room of that page. Sets every item's y and copies it to its
 * page; acts[p] names the acts page p carries.
 *
 * The doc, its pages and acts live in arena a (the doc's arena is a); each page's arrays have
 * room for PAGINATE_MARGIN_* more entries. An empty list gives no pages.
 */
struct ts_doc *paginate_pages(struct vitem *v, size_t nv, unsigned groups,
                              const struct ts_style *st, struct arena *a,
                              struct paginate_acts **acts);

#endif
