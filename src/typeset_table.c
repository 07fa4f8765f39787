/*
 * typeset_table.c: GitHub's pipe tables as rows of the vertical list (typeset_private.h).
 *
 * Each cell's text is measured once at the body size: one line's width (natural) and its
 * widest word (least); both scale with the size. The columns take their
 * natural widths when they fit the room; a table too wide is set smaller (down to the last of
 * SHRINK), and when it is still too wide the columns share the room, each getting its least
 * width and a part of the rest in proportion to what it lacks, and their text wraps (ragged,
 * hyphenated). A row is one V_ROW item, never split (a row taller than a page is cut into
 * bands of lines); the header row is bold, kept with the first row, and repeated at the top
 * of every page the table goes on to (paginate.c). Rules are light: a gray frame above and
 * below the header and below the table, hairlines between rows.
 */
#include <cmark-gfm.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "paginate.h"
#include "typeset.h"
#include "typeset_private.h"
#include "util.h"

/*
 * The layout's ratios: a cell's padding left and right, and above and below its text (times
 * the size); the first baseline's drop below the top of its line (times the size, added to
 * half the baseline skip: the capitals centred); the sizes tried, times the body's, before
 * the text wraps; the frame's and the hairlines' stroke [pt] and gray; a row taller than
 * ROW_MAX of the text area is cut into bands.
 */
static const double CELL_PAD_X = 0.4, CELL_PAD_Y = 0.25, BASELINE_DROP = 0.33;
static const double SHRINK[] = {1.0, 0.9, 0.8};
static const double FRAME_WIDTH = 0.6, FRAME_GRAY = 0.35, HAIR_WIDTH = 0.3, HAIR_GRAY = 0.7;
static const double ROW_MAX = 0.9;
/* Room [pt] added to a cell's measure: its widths, scaled from the body size, may exceed what
 * the cell's text measures at its own size by a rounding error. */
static const double SLACK = 0.001;

struct table {
	const struct ts_style *st;
	struct arena *a;
	struct cmark_node *node;
	unsigned ncols;
	struct cmark_node **rows;
	size_t nrows, caprows;
	enum align *align;
	double *natural, *least;    /* per column, at the body size, padding excluded */
	double *x, *w;              /* per column: left edge and width, padding included */
	double size;                /* the size the table is set in */
	double pad;                 /* a cell's padding left and right [pt] */
	const struct ts_elem *elem; /* its structure element (TS_K_TABLE) */
};

static enum align
column_align(struct cmark_node *table, unsigned c)
{
	switch (markdown_table_align(table, c)) {
	case MARKDOWN_ALIGN_CENTER: return ALIGN_CENTER;
	case MARKDOWN_ALIGN_RIGHT: return ALIGN_RIGHT;
	default: return ALIGN_LEFT;
	}
}

/* The cell of row in column c, or NULL (a row may have fewer cells than columns). */
static struct cmark_node *
row_cell(struct cmark_node *row, unsigned c)
{
	struct cmark_node *n = cmark_node_first_child(row);

	while (n != NULL && c-- > 0)
		n = cmark_node_next(n);
	return n;
}

/*
 * The width [pt] of a cell's text on one line, and in *least its widest word (what lies
 * between two spaces where a line may end): a column is not made narrower while the room
 * allows, so that a word is hyphenated in a cell only when the columns' words cannot stand
 * side by side, or in a long text.
 */
static double
cell_measure(struct ts *ts, struct cmark_node *cell, double size, bool bold, double *least)
{
	struct lb_item *items = NULL;
	size_t n = ts_cell_items(ts, cell, size, bold, &items), i;
	double natural = 0, line = 0, piece = 0;

	*least = 0;
	for (i = 0; i < n; i++) {
		const struct lb_item *it = &items[i];
		bool forced = it->kind == LB_PENALTY && it->penalty <= -LB_INFINITY;

		/* the widest word, the widest line between forced breaks */
		if (forced || (it->kind == LB_GLUE && i > 0 && items[i - 1].kind == LB_BOX)) {
			*least = fmax(*least, piece);
			piece = 0;
		}
		if (forced) {
			natural = fmax(natural, line);
			line = 0;
			continue;
		}
		piece += it->kind == LB_BOX ? it->width : 0;
		line += it->kind != LB_PENALTY ? it->width : 0;
	}
	/* the end: a forced break */
	*least = fmax(*least, piece);
	natural = fmax(natural, line);
	free(items);
	return natural;
}

/* Measure every cell, then choose the size and the columns' widths within width. */
static void
table_columns(struct ts *ts, struct table *t, double width)
{
	double body = t->st->size, nat = 0, lst = 0, pad = 0, over = 0, room, x = 0;
	size_t r, k;
	unsigned c;

	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			struct cmark_node *cell = row_cell(t->rows[r], c);
			double least, natural;

			if (cell == NULL)
				continue;
			natural = cell_measure(ts, cell, body, markdown_row_is_header(t->rows[r]),
			                       &least);
			t->natural[c] = fmax(t->natural[c], natural);
			t->least[c] = fmax(t->least[c], least);
		}
	for (c = 0; c < t->ncols; c++) {
		nat += t->natural[c];
		lst += t->least[c];
	}
	/* the largest size at which every column fits on one line, else the smallest */
	for (k = 0; k < sizeof(SHRINK) / sizeof(SHRINK[0]); k++) {
		t->size = body * SHRINK[k];
		/* the padding takes at most half the room (dozens of columns) */
		t->pad = fmin(CELL_PAD_X * t->size, width / (4.0 * t->ncols));
		pad = 2 * t->pad * t->ncols;
		if (nat * SHRINK[k] + pad <= width)
			break;
	}
	/* every column at least an em wide, room for any glyph (dozens of columns: smaller still)
	 */
	if (t->ncols * t->size + pad > width) {
		t->size = (width - pad) / t->ncols;
		t->pad = fmin(CELL_PAD_X * t->size, width / (4.0 * t->ncols));
		pad = 2 * t->pad * t->ncols;
	}
	room = width - pad;
	nat *= t->size / body;
	lst *= t->size / body;
	for (c = 0; c < t->ncols; c++) {
		double l = t->least[c] * t->size / body;

		over += fmax(l - t->size, 0);
	}
	for (c = 0; c < t->ncols; c++) {
		double n = t->natural[c] * t->size / body, l = t->least[c] * t->size / body, w;

		if (nat <= room)
			w = n;
		else if (lst < room)
			w = l + (n - l) * (room - lst) / (nat - lst);
		else /* even the longest words do not fit: an em each, the rest as they lack it */
			w = t->size +
			    (over > 0 ? fmax(l - t->size, 0) * (room - t->ncols * t->size) / over
			              : 0);
		t->x[c] = x;
		t->w[c] = w + 2 * t->pad;
		x += t->w[c];
	}
}

/* A rule across the table at y (from the row's top) into the row. */
static void
row_rule(struct ts_rule *rules, size_t *n, const struct table *t, double left, double y,
         double stroke, double gray)
{
	struct ts_rule *r = &rules[(*n)++];

	memset(r, 0, sizeof(*r));
	r->x0 = left;
	r->x1 = left + t->x[t->ncols - 1] + t->w[t->ncols - 1];
	r->y0 = r->y1 = y;
	r->width = stroke;
	r->gray = gray;
}

/* A band of a row: lines [from, to) of each cell's lines cells[c] (ncells[c] of them). */
struct band {
	struct vitem **cells;
	size_t *ncells;
	size_t from, to;
};

/* The row's band b as one V_ROW item, at index *at of the vertical list; first and last: the
 * band opens or ends the row. */
static struct vitem *
row_item(struct ts *ts, const struct table *t, const struct band *b, double left, bool header,
         bool first, bool last, bool table_end, size_t *at)
{
	struct arena *a = t->a;
	double leading = t->size * TS_CELL_LEADING, pad = CELL_PAD_Y * t->size,
	       top = first ? pad : 0;
	size_t nl = 0, nr = 2, nk = 0, c, k, i;
	struct vitem *row = ts_item_push(ts, V_ROW, at);

	for (c = 0; c < t->ncols; c++)
		for (k = b->from; k < b->to && k < b->ncells[c]; k++) {
			nl++;
			nr += b->cells[c][k].nrules;
			nk += b->cells[c][k].nlinks;
		}
	row->lines = arena_array(a, nl ? nl : 1, sizeof(*row->lines));
	row->rules = arena_array(a, nr, sizeof(*row->rules));
	row->links = arena_array(a, nk ? nk : 1, sizeof(*row->links));
	row->height = top + (double)(b->to - b->from) * leading + (last ? pad : 0);
	for (c = 0; c < t->ncols; c++)
		for (k = b->from; k < b->to && k < b->ncells[c]; k++) {
			const struct vitem *li = &b->cells[c][k];
			double base = -(top + (double)(k - b->from) * leading + leading / 2 +
			                t->size * BASELINE_DROP);

			row->lines[row->nlines] = li->line;
			row->lines[row->nlines++].y = base;
			for (i = 0; i < li->nrules; i++) {
				struct ts_rule *r = &row->rules[row->nrules++];

				*r = li->rules[i];
				r->y0 += base;
				r->y1 += base;
			}
			for (i = 0; i < li->nlinks; i++) {
				struct ts_link *l = &row->links[row->nlinks++];

				*l = li->links[i];
				l->y0 = base - leading / 4;
				l->y1 = base + leading * 3 / 4;
			}
		}
	if (header && first)
		row_rule(row->rules, &row->nrules, t, left, 0, FRAME_WIDTH, FRAME_GRAY);
	if (last)
		row_rule(row->rules, &row->nrules, t, left, -row->height,
		         header || table_end ? FRAME_WIDTH : HAIR_WIDTH,
		         header || table_end ? FRAME_GRAY : HAIR_GRAY);
	return row;
}

/* Set row r of the table: its cells' lines, then one V_ROW item a band; head: the header's
 * index in the vertical list + 1, or 0. Returns the index of the row's first item. */
static size_t
table_row(struct ts *ts, const struct table *t, size_t r, double left, size_t head)
{
	const struct ts_style *st = t->st;
	size_t first = (size_t)-1;
	bool header = markdown_row_is_header(t->rows[r]);
	double leading = t->size * TS_CELL_LEADING,
	       area = st->page_height - st->margin_top - st->margin_bottom,
	       most = area * ROW_MAX - 2 * CELL_PAD_Y * t->size;
	size_t per = most > leading ? (size_t)(most / leading) : 1, lines = 1, c;
	struct band b;
	const struct ts_elem *tr = ts_elem_new(ts, TS_K_TR, t->elem);

	b.cells = xcalloc(t->ncols, sizeof(*b.cells));
	b.ncells = xcalloc(t->ncols, sizeof(*b.ncells));
	for (c = 0; c < t->ncols; c++) {
		struct cmark_node *cell = row_cell(t->rows[r], (unsigned)c);
		double x = left + t->x[c] + t->pad, w = t->w[c] - 2 * t->pad + SLACK;

		if (cell != NULL)
			ts->elem_next = ts_elem_new(ts, header ? TS_K_TH : TS_K_TD, tr);
		if (cell != NULL)
			b.ncells[c] = ts_cell_set(ts, cell, t->size, header, t->align[c], x, w,
			                          &b.cells[c]);
		if (b.ncells[c] > lines)
			lines = b.ncells[c];
	}
	for (b.from = 0; b.from < lines; b.from = b.to) {
		struct vitem *row;
		size_t at;

		b.to = b.from + per < lines ? b.from + per : lines;
		row = row_item(ts, t, &b, left, header, b.from == 0, b.to == lines,
		               r + 1 == t->nrows, &at);
		first = first == (size_t)-1 ? at : first;
		row->head = header ? 0 : head;
		/* the header stays with the first row (the bands of a row too tall for a page
		 * break like lines) */
		row->break_after = !header || (r + 1 == t->nrows && b.to == lines);
	}
	for (c = 0; c < t->ncols; c++)
		free(b.cells[c]);
	free(b.cells);
	free(b.ncells);
	return first;
}

void
ts_table(struct ts *ts, const struct ts_style *st, struct arena *a, struct cmark_node *node,
         double left, double width)
{
	struct table t;
	struct cmark_node *n;
	size_t r, head = 0;
	unsigned c;

	memset(&t, 0, sizeof(t));
	t.st = st;
	t.a = a;
	t.node = node;
	t.ncols = markdown_table_columns(node);
	for (n = cmark_node_first_child(node); n != NULL; n = cmark_node_next(n))
		if (markdown_node_kind(n) == MARKDOWN_TABLE_ROW) {
			t.rows = xgrow(t.rows, &t.caprows, t.nrows + 1, sizeof(*t.rows));
			t.rows[t.nrows++] = n;
		}
	if (t.ncols == 0 || t.nrows == 0) {
		free(t.rows);
		return;
	}
	t.align = xcalloc(t.ncols, sizeof(*t.align));
	t.natural = xcalloc(t.ncols, sizeof(double));
	t.least = xcalloc(t.ncols, sizeof(double));
	t.x = xcalloc(t.ncols, sizeof(double));
	t.w = xcalloc(t.ncols, sizeof(double));
	for (c = 0; c < t.ncols; c++)
		t.align[c] = column_align(node, c);
	table_columns(ts, &t, width);
	t.elem = ts_elem_new(ts, TS_K_TABLE, ts->elem_in);
	ts_skip_add(ts, st->para_skip);
	for (r = 0; r < t.nrows; r++) {
		size_t at = table_row(ts, &t, r, left, head);

		if (r == 0 && markdown_row_is_header(t.rows[0]))
			head = at + 1;
	}
	ts_skip_add(ts, st->para_skip);
	free(t.rows);
	free(t.align);
	free(t.natural);
	free(t.least);
	free(t.x);
	free(t.w);
}
