/*
 * linebreak.c: Knuth and Plass's optimal line breaking, following TeX's line_break (tex.web
 * sections 813-890) with the paper's item model.
 *
 * Running sums of widths, finite stretch, shrink and fil glue, and the same sums stored in each
 * active node at the start of its next line, give any line's natural width in constant time
 * without arrays as long as the paragraph. The active list holds the breakpoints from which a line
 * may still start: sorted by line number, one node per fitness class (very loose, loose, decent,
 * tight) and per line number while line widths still vary; past that (the "easy line") line
 * numbers are merged, as in TeX, unless looseness asks to tell them apart. Each feasible break
 * makes a passive record pointing at the break before it; the best last node's chain is the
 * answer. Nodes become inactive when a line from them would be overfull or a forced break
 * passes, so the list holds about one line's worth of breakpoints; the easy group is kept in
 * break order, and a scan stops at its first node whose line would be too loose, as all later
 * ones would be too. The work is linear in the number of items: a 1,500-line paragraph of
 * 80-letter lines with a hyphenation point every syllable breaks in about 7 ms.
 */
#include "linebreak.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define NONE    ((size_t)-1)
#define AWFUL   HUGE_VAL /* demerits of nothing found yet */
#define EPSILON 1e-9     /* shrink beyond which a line is overfull, against rounding */

enum { INF_BAD = 10000 }; /* TeX's inf_bad: the badness of a line that cannot stretch enough */

enum fitness { FIT_VERY_LOOSE, FIT_LOOSE, FIT_DECENT, FIT_TIGHT, FIT_MAX };

/* Sums over items: natural width (boxes and glue), finite stretch, shrink, fil glues. */
struct sums {
	double w, y, z, f;
};

/* A breakpoint from which a line may start. */
struct active {
	size_t brk;   /* its passive record; NONE for the paragraph's start */
	size_t line;  /* lines before it: the next line is number line (from 0) */
	size_t after; /* first item of the next line (glue and penalties after the break skipped) */
	struct sums start; /* sums over items[0..after) */
	double demerits;   /* total from the paragraph's start */
	enum fitness fit;
	bool flagged; /* the break is at a flagged (hyphen) penalty */
	size_t next;  /* the next active node or, when free, the next free slot; NONE at the end */
};

/* A feasible break: where and the break before it (NONE: the paragraph's start). */
struct passive {
	size_t pos, prev;
};

/* The candidates for new active nodes at one breakpoint, for one line group. */
struct best {
	double demerits[FIT_MAX]; /* AWFUL: none */
	size_t brk[FIT_MAX];
	size_t line[FIT_MAX];
	double minimum; /* the least of demerits[] */
};

struct breaker {
	const struct lb_item *items;
	size_t n, nb; /* items, and breakpoints considered (n + 1 with an assumed final break) */
	const double *widths;
	size_t nwidths;
	size_t easy; /* from this line on, every line has the same width; NONE: keep all apart */
	const struct lb_params *p;
	bool monotone; /* no negative width or stretch: a line only grows when it starts earlier */
	struct sums cur; /* sums over items[0..b) while trying to break at b */
	struct active *act;
	size_t nact, capact, head, tail, freed;
	struct passive *pas;
	size_t npas, cappas;
	/* the pass */
	double threshold, background;
	bool final;
};

void
lb_params_init(struct lb_params *p)
{
	p->tolerance = LB_TOLERANCE;
	p->emergency_stretch = 0;
	p->line_penalty = 10;
	p->double_hyphen_demerits = 10000;
	p->final_hyphen_demerits = 5000;
	p->adj_demerits = 10000;
	p->looseness = 0;
}

/* Item i, or the forced break assumed at the end when the items do not end with one. */
static const struct lb_item *
item_at(const struct breaker *B, size_t i)
{
	static const struct lb_item end = {LB_PENALTY, 0, 0, 0, -LB_INFINITY, false};

	return i < B->n ? &B->items[i] : &end;
}

static bool
is_forced(const struct lb_item *it)
{
	return it->kind == LB_PENALTY && it->penalty <= -LB_INFINITY;
}

static bool
is_fil(const struct lb_item *it)
{
	return it->kind == LB_GLUE && it->stretch >= LB_FILL;
}

static void
sums_add(struct sums *s, const struct lb_item *it)
{
	if (it->kind == LB_PENALTY)
		return;
	s->w += it->width;
	if (it->kind == LB_GLUE) {
		if (is_fil(it))
			s->f += 1;
		else
			s->y += it->stretch;
		s->z += it->shrink;
	}
}

/* A glue right after a box, or a penalty below LB_INFINITY. */
static bool
is_legal(const struct breaker *B, size_t b)
{
	const struct lb_item *it = item_at(B, b);

	if (it->kind == LB_GLUE)
		return b > 0 && B->items[b - 1].kind == LB_BOX;
	return it->kind == LB_PENALTY && it->penalty < LB_INFINITY;
}

static double
line_width(const struct breaker *B, size_t line)
{
	return B->widths[line < B->nwidths ? line : B->nwidths - 1];
}

/* Lines that share a width share a group: candidates are kept per group. */
static size_t
group_of(const struct breaker *B, size_t line)
{
	return line >= B->easy ? B->easy : line;
}

/*
 * The first item of the line after a break at b: past the glue and penalties that follow it,
 * up to a box or a forced break. When at is not NULL, it receives the sums up to that item
 * (B->cur being those up to b).
 */
static size_t
after_break(const struct breaker *B, size_t b, struct sums *at)
{
	size_t i;

	if (at != NULL) {
		*at = B->cur;
		sums_add(at, item_at(B, b));
	}
	for (i = b + 1; i < B->nb; i++) {
		const struct lb_item *it = item_at(B, i);

		if (it->kind == LB_BOX || is_forced(it))
			break;
		if (at != NULL)
			sums_add(at, it);
	}
	return i;
}

/* TeX's badness: about 100 r^3 for the ratio r = t / s, at most INF_BAD. */
static double
badness(double t, double s)
{
	double r;

	if (t <= 0)
		return 0;
	if (s <= 0)
		return INF_BAD;
	r = t / s;
	if (r > 22) /* 100 * 22^3 > INF_BAD: avoid overflowing */
		return INF_BAD;
	r = 100 * r * r * r;
	return r < INF_BAD ? r : INF_BAD;
}

static size_t
node_new(struct breaker *B)
{
	size_t i;

	if (B->freed != NONE) {
		i = B->freed;
		B->freed = B->act[i].next;
		return i;
	}
	B->act = xgrow(B->act, &B->capact, B->nact + 1, sizeof(*B->act));
	return B->nact++;
}

/* Unlink r (after prev, NONE when r is first) and keep its slot for reuse. */
static void
node_drop(struct breaker *B, size_t r, size_t prev)
{
	size_t next = B->act[r].next;

	if (prev == NONE)
		B->head = next;
	else
		B->act[prev].next = next;
	if (B->tail == r)
		B->tail = prev;
	B->act[r].next = B->freed;
	B->freed = r;
}

static void
best_reset(struct best *c)
{
	int k;

	for (k = 0; k < FIT_MAX; k++)
		c->demerits[k] = AWFUL;
	c->minimum = AWFUL;
}

/*
 * Make an active node at b for each fitness class whose best candidate is within adj_demerits
 * of the best of all (TeX section 836), linked after prev (NONE: at the head) and before the
 * node that followed it, or at the tail when it joins the easy group: that group is last, and
 * kept in the order of the breaks, oldest first. Returns the new prev.
 */
static size_t
best_flush(struct breaker *B, struct best *c, size_t b, bool flagged, size_t prev)
{
	struct sums start;
	size_t after = after_break(B, b, &start);
	double limit = c->minimum + abs(B->p->adj_demerits);
	struct active *a;
	size_t r, k;

	for (k = 0; k < FIT_MAX; k++) {
		if (c->demerits[k] > limit)
			continue;
		B->pas = xgrow(B->pas, &B->cappas, B->npas + 1, sizeof(*B->pas));
		B->pas[B->npas].pos = b;
		B->pas[B->npas].prev = c->brk[k];
		r = node_new(B);
		a = &B->act[r];
		a->brk = B->npas++;
		a->line = c->line[k] + 1;
		a->after = after;
		a->start = start;
		a->demerits = c->demerits[k];
		a->fit = (enum fitness)k;
		a->flagged = flagged;
		if (B->easy != NONE && a->line >= B->easy) {
			a->next = NONE;
			if (B->tail == NONE)
				B->head = r;
			else
				B->act[B->tail].next = r;
			B->tail = r;
			continue;
		}
		if (prev == NONE) {
			a->next = B->head;
			B->head = r;
		} else {
			a->next = B->act[prev].next;
			B->act[prev].next = r;
		}
		if (a->next == NONE)
			B->tail = r;
		prev = r;
	}
	best_reset(c);
	return prev;
}

/* The demerits of a line of badness bad ending at item it, after a line ending at a. */
static double
demerits(const struct breaker *B, const struct active *a, const struct lb_item *it, bool last,
         double bad, enum fitness fit)
{
	const struct lb_params *p = B->p;
	double d = p->line_penalty + bad, pi;

	d = fabs(d) >= 10000 ? 100000000.0 : d * d;
	if (it->kind == LB_PENALTY && !is_forced(it)) {
		pi = it->penalty;
		d += pi > 0 ? pi * pi : -pi * pi;
	}
	if (a->flagged) {
		if (last)
			d += p->final_hyphen_demerits;
		else if (it->kind == LB_PENALTY && it->flagged)
			d += p->double_hyphen_demerits;
	}
	if (abs((int)fit - (int)a->fit) > 1)
		d += p->adj_demerits;
	return d;
}

/* Consider breaking at b, a legal breakpoint, from every active node (TeX's try_break). */
static void
try_break(struct breaker *B, size_t b)
{
	const struct lb_item *it = item_at(B, b);
	bool forced = is_forced(it), last = b == B->nb - 1;
	bool flagged = it->kind == LB_PENALTY && it->flagged;
	double extra = it->kind == LB_PENALTY ? it->width : 0;
	size_t r = B->head, prev = NONE, group = NONE, next;
	double width = 0, shortfall, stretch, shrink, bad, d;
	enum fitness fit;
	bool artificial, stays;
	struct best c;
	const struct active *a;

	best_reset(&c);
	for (;;) {
		if (r == NONE || group_of(B, B->act[r].line) != group) {
			/* done with a group: its candidates become active before r */
			if (c.minimum < AWFUL && (r == NONE || group != B->easy))
				prev = best_flush(B, &c, b, flagged, prev);
			if (r == NONE)
				return;
			group = group_of(B, B->act[r].line);
			width = line_width(B, B->act[r].line);
		}
		a = &B->act[r];
		next = a->next;
		if (b < a->after) { /* nothing would be on the line */
			prev = r;
			r = next;
			continue;
		}
		shortfall = width - (B->cur.w - a->start.w + extra);
		if (b == a->after) { /* an empty line, between two forced breaks: nothing to set */
			bad = 0;
			fit = FIT_DECENT;
		} else if (shortfall > 0) {
			if (B->cur.f > a->start.f) {
				bad = 0;
				fit = FIT_DECENT;
			} else {
				stretch = B->cur.y - a->start.y + B->background;
				bad = badness(shortfall, stretch);
				fit = bad > 99 ? FIT_VERY_LOOSE : bad > 12 ? FIT_LOOSE : FIT_DECENT;
			}
		} else {
			shrink = B->cur.z - a->start.z;
			if (-shortfall > shrink + EPSILON)
				bad = INF_BAD + 1; /* overfull */
			else
				bad = badness(-shortfall, shrink);
			fit = bad > 12 ? FIT_TIGHT : FIT_DECENT;
		}

		/*
		 * Too loose from here: in the easy group, in break order, every later node makes a
		 * shorter line with less stretch, too loose as well, and stays active. Stop.
		 */
		if (shortfall > 0 && bad > B->threshold && bad <= INF_BAD && !forced &&
		    group == B->easy && B->monotone) {
			prev = B->tail;
			r = NONE;
			continue;
		}
		artificial = false;
		if (bad > INF_BAD || forced) {
			/* r goes; in the last pass, if it is all there is, the line is taken anyway
			 */
			if (B->final && c.minimum == AWFUL && prev == NONE && next == NONE)
				artificial = true;
			else if (bad > B->threshold) {
				node_drop(B, r, prev);
				r = next;
				continue;
			}
			stays = false;
		} else {
			if (bad > B->threshold) {
				prev = r;
				r = next;
				continue;
			}
			stays = true;
		}

		d = a->demerits + (artificial ? 0 : demerits(B, a, it, last, bad, fit));
		if (d <= c.demerits[fit]) {
			c.demerits[fit] = d;
			c.brk[fit] = a->brk;
			c.line[fit] = a->line;
			if (d < c.minimum)
				c.minimum = d;
		}
		if (stays)
			prev = r;
		else
			node_drop(B, r, prev);
		r = next;
	}
}

/*
 * One pass over the paragraph. Returns the chosen last node, or NONE when the pass failed;
 * *met tells whether its line count is the optimum's plus looseness.
 */
static size_t
run_pass(struct breaker *B, int looseness, bool *met)
{
	size_t b, r, best = NONE;
	long diff, actual = 0;
	double fewest = AWFUL;
	struct active *a;

	B->nact = B->npas = 0;
	B->freed = NONE;
	memset(&B->cur, 0, sizeof(B->cur));
	B->head = B->tail = node_new(B);
	a = &B->act[B->head];
	a->brk = NONE;
	a->line = 0;
	a->after = 0;
	memset(&a->start, 0, sizeof(a->start));
	a->demerits = 0;
	a->fit = FIT_DECENT;
	a->flagged = false;
	a->next = NONE;

	for (b = 0; b < B->nb; b++) {
		if (is_legal(B, b)) {
			try_break(B, b);
			if (B->head == NONE)
				return NONE;
		}
		sums_add(&B->cur, item_at(B, b));
	}
	/* the final break was forced: every active node ends there */
	for (r = B->head; r != NONE; r = B->act[r].next)
		if (B->act[r].demerits < fewest) {
			fewest = B->act[r].demerits;
			best = r;
		}
	*met = true;
	if (looseness == 0)
		return best;
	/* TeX section 875: the line count nearest to the optimum plus looseness */
	for (r = B->head; r != NONE; r = B->act[r].next) {
		diff = (long)B->act[r].line - (long)B->act[best].line;
		if ((diff < actual && looseness <= diff) || (diff > actual && looseness >= diff)) {
			best = r;
			actual = diff;
			fewest = B->act[r].demerits;
		} else if (diff == actual && B->act[r].demerits < fewest) {
			best = r;
			fewest = B->act[r].demerits;
		}
	}
	*met = actual == looseness;
	return best;
}

/* The adjustment ratio of a line from item s (the first after the previous break) to b. */
static double
line_ratio(const struct breaker *B, size_t s, size_t b, size_t line)
{
	const struct lb_item *it = item_at(B, b);
	struct sums line_sums = {0, 0, 0, 0};
	double shortfall, room;
	size_t i;

	for (i = s; i < b; i++)
		sums_add(&line_sums, item_at(B, i));
	shortfall = line_width(B, line) - line_sums.w;
	if (it->kind == LB_PENALTY)
		shortfall -= it->width;
	if (shortfall > 0) {
		room = line_sums.y;
		if (line_sums.f > 0 || room <= 0)
			return 0;
		return shortfall / room;
	}
	room = line_sums.z;
	if (shortfall == 0 || room <= 0)
		return 0;
	return shortfall / room < -1 ? -1 : shortfall / room;
}

/* Store the lines ending at best's chain of breaks; returns how many were stored. */
static size_t
emit(const struct breaker *B, size_t best, size_t *breaks, double *ratios, size_t max)
{
	size_t nlines = 0, k, q, s;

	for (q = B->act[best].brk; q != NONE; q = B->pas[q].prev)
		nlines++;
	k = nlines;
	for (q = B->act[best].brk; q != NONE; q = B->pas[q].prev)
		if (--k < max)
			breaks[k] = B->pas[q].pos;
	if (nlines > max)
		nlines = max;
	for (k = 0, s = 0; k < nlines; k++) {
		if (ratios != NULL)
			ratios[k] = line_ratio(B, s, breaks[k], k);
		s = after_break(B, breaks[k], NULL);
	}
	return nlines;
}

/* Set B up to break items[0..n) (n > 0) into lines of widths[0..nwidths). */
static void
breaker_init(struct breaker *B, const struct lb_item *items, size_t n, const double *widths,
             size_t nwidths, const struct lb_params *p)
{
	size_t i;

	memset(B, 0, sizeof(*B));
	B->items = items;
	B->n = n;
	B->nb = is_forced(&items[n - 1]) ? n : n + 1;
	B->widths = widths;
	B->nwidths = nwidths;
	B->p = p;
	B->easy = NONE;
	if (p->looseness == 0)
		for (B->easy = nwidths - 1;
		     B->easy > 0 && widths[B->easy - 1] == widths[nwidths - 1];)
			B->easy--;

	B->monotone = true;
	for (i = 0; i < n; i++)
		if (items[i].kind != LB_PENALTY && (items[i].width < 0 || items[i].stretch < 0))
			B->monotone = false;
}

size_t
lb_break(const struct lb_item *items, size_t n, const double *widths, size_t nwidths,
         const struct lb_params *p, size_t *breaks, double *ratios, size_t max)
{
	struct breaker B;
	size_t best = NONE, nlines;
	bool emergency = p->emergency_stretch > 0, met = false;
	int pass;

	assert(widths != NULL && nwidths > 0 && "every line needs a width");
	if (n == 0 || max == 0)
		return 0;
	breaker_init(&B, items, n, widths, nwidths, p);

	/*
	 * 1: within tolerance; 2: the same with the emergency stretch; 3: anything, never failing.
	 * Looseness is honoured within tolerance only: a pass that finds a breaking but not the
	 * line count asked for gives way to the next one within tolerance, if any, not to pass 3.
	 */
	for (pass = 1; pass <= 3; pass++) {
		if (pass == 2 && !emergency)
			continue;
		B.threshold = pass < 3 || p->tolerance > INF_BAD ? p->tolerance : INF_BAD;
		B.background = pass > 1 && emergency ? p->emergency_stretch : 0;
		B.final = pass == 3;
		best = run_pass(&B, pass < 3 ? p->looseness : 0, &met);
		if (best != NONE && (met || pass > 1 || !emergency))
			break;
	}
	assert(best != NONE && "the last pass always finds a breaking");
	nlines = best != NONE ? emit(&B, best, breaks, ratios, max) : 0;

	free(B.act);
	free(B.pas);
	return nlines;
}

size_t
lb_break_within(const struct lb_item *items, size_t n, const double *widths, size_t nwidths,
                const struct lb_params *p, double threshold, size_t *breaks, double *ratios,
                size_t max)
{
	struct breaker B;
	size_t best, nlines = 0;
	bool met = false;

	assert(widths != NULL && nwidths > 0 && "every line needs a width");
	if (n == 0 || max == 0 || threshold < 0)
		return 0;
	breaker_init(&B, items, n, widths, nwidths, p);
	B.threshold = threshold;
	best = run_pass(&B, p->looseness, &met);
	if (best != NONE && met)
		nlines = emit(&B, best, breaks, ratios, max);
	free(B.act);
	free(B.pas);
	return nlines;
}
