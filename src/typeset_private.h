/*
 * typeset_private.h: what typeset.c shares with typeset_table.c, and with no other file. The
 * typesetter's state (struct ts) stays typeset.c's; a table asks it to measure and set its
 * cells with the paragraph machinery (items, lb_break, lines) and hands it rows (paginate.h's
 * V_ROW) for the vertical list.
 */
#ifndef VERBALE_TYPESET_PRIVATE_H
#define VERBALE_TYPESET_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "linebreak.h"
#include "paginate.h"

struct ts;
struct cmark_node;

/* How a paragraph's lines sit in their measure. */
enum align { ALIGN_JUSTIFY, ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

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
