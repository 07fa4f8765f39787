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
};

/* The room each page keeps for the margins, beyond its own items. */
enum { PAGINATE_MARGIN_LINES = 2, PAGINATE_MARGIN_RULES = 2, PAGINATE_MARGIN_IMAGES = 1 };

/*
 * Cut v[0..nv) into pages of st's text area: a page ends at the last item that lets it before
 * the next item would overflow (or where it overflows, when none does); the space before the
 * first item of a page is dropped. Items of one keep-together group (1..groups) stay on one
 * page when the group is no taller than nine tenths of the text area (their
 * break_after is cleared). A table's row that starts a page has its header row set above it,
 * in the room of that page. Sets every item's y and copies it to its page; acts[p] is the act
 * in force on page p (the last act met on it or before it, or NULL).
 *
 * The doc, its pages and acts live in arena a (the doc's arena is a); each page's arrays have
 * room for PAGINATE_MARGIN_* more entries. An empty list gives no pages.
 */
struct ts_doc *paginate_pages(struct vitem *v, size_t nv, unsigned groups,
                              const struct ts_style *st, struct arena *a, const char ***acts);

#endif
