/*
 * linebreak_test.c: the Knuth-Plass line breaker on text in a fixed-width "font": each letter
 * is a box 1 wide, each space a glue 1 wide that stretches by 1 and shrinks by 0.5, a '|' inside
 * a word a hyphenation point (a flagged penalty, the hyphen 1 wide), a '\n' a forced break
 * after fil glue (TeX's \\). Lines are compared as text, "line|line|...", with '-' where a line
 * ends at a hyphen.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "linebreak.h"
#include "util.h"

struct para {
	struct lb_item *items;
	const char **text; /* boxes: their letters in the source text; NULL otherwise */
	int *len;
	size_t n, cap, tcap, lcap;
};

static void
para_add(struct para *P, struct lb_item it, const char *s, int len)
{
	P->items = xgrow(P->items, &P->cap, P->n + 1, sizeof(*P->items));
	P->text = xgrow(P->text, &P->tcap, P->n + 1, sizeof(*P->text));
	P->len = xgrow(P->len, &P->lcap, P->n + 1, sizeof(*P->len));
	P->items[P->n] = it;
	P->text[P->n] = s;
	P->len[P->n++] = len;
}

static void
para_box(struct para *P, const char *s, int len)
{
	struct lb_item it = {LB_BOX, len, 0, 0, 0, false};

	para_add(P, it, s, len);
}

static void
para_glue(struct para *P, double width, double stretch, double shrink)
{
	struct lb_item it = {LB_GLUE, width, stretch, shrink, 0, false};

	para_add(P, it, NULL, 0);
}

static void
para_penalty(struct para *P, double width, int penalty, bool flagged)
{
	struct lb_item it = {LB_PENALTY, width, 0, 0, penalty, flagged};

	para_add(P, it, NULL, 0);
}

/* The end of a paragraph (or a forced line break), as in TeX. */
static void
para_end(struct para *P)
{
	para_penalty(P, 0, LB_INFINITY, false);
	para_glue(P, 0, LB_FILL, 0);
	para_penalty(P, 0, -LB_INFINITY, false);
}

/* Append text (see the top of the file); hyphenation points cost hyphen_penalty. */
static void
para_text(struct para *P, const char *s, int hyphen_penalty)
{
	size_t k;

	while (*s != '\0') {
		if (*s == ' ') {
			para_glue(P, 1, 1, 0.5);
			s++;
		} else if (*s == '\n') {
			para_end(P);
			s++;
		} else if (*s == '|') {
			para_penalty(P, 1, hyphen_penalty, true);
			s++;
		} else {
			k = strcspn(s, " \n|");
			para_box(P, s, (int)k);
			s += k;
		}
	}
}

static void
para_make(struct para *P, const char *s, int hyphen_penalty)
{
	memset(P, 0, sizeof(*P));
	para_text(P, s, hyphen_penalty);
	para_end(P);
}

static void
para_clear(struct para *P)
{
	free(P->items);
	free(P->text);
	free(P->len);
}

/* The lines ending at breaks[0..nlines), as "line|line|...", malloc'd. */
static char *
para_lines(const struct para *P, const size_t *breaks, size_t nlines)
{
	struct buf b = {0};
	size_t i = 0, k;
	bool start;

	for (k = 0; k < nlines; k++) {
		if (k > 0)
			buf_putc(&b, '|');
		/* the line starts at the first box or forced break after the previous break */
		for (start = true; i < breaks[k]; i++) {
			const struct lb_item *it = &P->items[i];

			if (it->kind == LB_BOX) {
				buf_add(&b, P->text[i], (size_t)P->len[i]);
				start = false;
			} else if (it->kind == LB_GLUE && !start && it->stretch < LB_FILL)
				buf_putc(&b, ' ');
		}
		if (P->items[i].kind == LB_PENALTY && P->items[i].width > 0)
			buf_putc(&b, '-');
		i++;
	}
	return buf_detach(&b);
}

struct result {
	size_t n;
	size_t breaks[64];
	double ratios[64];
};

static struct lb_params
defaults(void)
{
	struct lb_params p;

	lb_params_init(&p);
	return p;
}

/* Break text into lines of widths[] with params p and compare with want. */
static void
lines_are(const char *what, const char *text, int hyphen_penalty, const double *widths,
          size_t nwidths, const struct lb_params *p, const char *want, struct result *r)
{
	struct para P;
	struct result local;
	char *got;

	if (r == NULL)
		r = &local;
	para_make(&P, text, hyphen_penalty);
	r->n = lb_break(P.items, P.n, widths, nwidths, p, r->breaks, r->ratios, 64);
	got = para_lines(&P, r->breaks, r->n);
	STR_EQ(got, want, what);
	free(got);
	para_clear(&P);
}

static bool
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

/* First fit: as many words as fit at their natural width (what a word processor does). */
static char *
greedy(const struct para *P, double width)
{
	size_t breaks[64], n = 0, i, last = 0;
	double w = 0;
	bool start = true;

	for (i = 0; i + 3 < P->n && n < 63; i++) { /* up to the paragraph's end */
		const struct lb_item *it = &P->items[i];

		if (it->kind == LB_BOX) {
			w += it->width;
			start = false;
			if (w > width && last > 0) { /* start again after the last space */
				breaks[n++] = last;
				i = last;
				last = 0;
				w = 0;
				start = true;
			}
		} else if (it->kind == LB_GLUE && !start) {
			last = i;
			w += it->width;
		}
	}
	breaks[n++] = P->n - 1;
	return para_lines(P, breaks, n);
}

#define S0                                                                                         \
	"il consiglio comunale approva la proposta di deliberazione relativa al bilancio di "      \
	"previsione del triennio successivo"
#define S0_HYPH                                                                                    \
	"il con|si|glio co|mu|na|le ap|pro|va la pro|po|sta di de|li|be|ra|zio|ne re|la|ti|va al " \
	"bi|lan|cio di pre|vi|sio|ne del trien|nio suc|ces|si|vo"
#define S1                                                                                         \
	"il sindaco propone al consiglio di approvare il regolamento con i voti favorevoli dei "   \
	"presenti"
#define S2_HYPH                                                                                    \
	"la pro|po|sta di de|li|be|ra|zio|ne re|la|ti|va al bi|lan|cio di pre|vi|sio|ne viene "    \
	"approvata con voti fa|vo|re|vo|li e con|tra|ri"
#define S4_HYPH                                                                                    \
	"il con|si|glio ap|pro|va il bi|lan|cio di pre|vi|sio|ne del trien|nio suc|ces|si|vo con " \
	"i voti fa|vo|re|vo|li dei pre|sen|ti"
#define CLASSIC                                                                                    \
	"Il consiglio comunale approva la proposta di deliberazione con voti favorevoli unanimi "  \
	"dei presenti"

/* Knuth-Plass looks at the whole paragraph: shrinking the first line a little avoids the very
 * loose line (ratio 2, badness 800) that first fit leaves, and saves a line. */
static void
classic_tests(void)
{
	const double w28 = 28;
	const struct lb_params p = defaults();
	struct result r;
	struct para P;
	char *g;

	lines_are("classic", CLASSIC, LB_HYPHEN_PENALTY, &w28, 1, &p,
	          "Il consiglio comunale approva|la proposta di deliberazione|"
	          "con voti favorevoli unanimi|dei presenti",
	          &r);
	INT_EQ(r.n, 4, "classic: 4 lines");
	INT_EQ(r.breaks[0], 7, "classic: at the glue after 'approva'");
	INT_EQ(r.breaks[1], 15, "classic: after 'deliberazione'");
	INT_EQ(r.breaks[2], 23, "classic: after 'unanimi'");
	INT_EQ(r.breaks[3], 29, "classic: the final penalty");
	OK(near(r.ratios[0], -2.0 / 3), "classic: 29 letters and spaces shrunk to 28");
	OK(near(r.ratios[1], 0), "classic: exactly 28");
	OK(near(r.ratios[2], 1.0 / 3), "classic: 27 stretched to 28");
	OK(near(r.ratios[3], 0), "classic: the last line is not stretched");

	para_make(&P, CLASSIC, LB_HYPHEN_PENALTY);
	g = greedy(&P, 28);
	STR_EQ(g,
	       "Il consiglio comunale|approva la proposta di|deliberazione con voti|"
	       "favorevoli unanimi dei|presenti",
	       "classic: first fit differs");
	free(g);
	para_clear(&P);
}

static void
forced_tests(void)
{
	const double w40 = 40, w28 = 28;
	const struct lb_params p = defaults();
	struct result r;

	lines_are("forced", "uno due\ntre quattro", 0, &w40, 1, &p, "uno due|tre quattro", &r);
	INT_EQ(r.n, 2, "forced: two lines");
	INT_EQ(r.breaks[0], 5, "forced: at the forced penalty");
	INT_EQ(r.breaks[1], 11, "forced: at the end");
	OK(near(r.ratios[0], 0) && near(r.ratios[1], 0), "forced: fil glue, no stretching");
	lines_are("forced in a full paragraph", CLASSIC "\nFine.", 0, &w28, 1, &p,
	          "Il consiglio comunale approva|la proposta di deliberazione|"
	          "con voti favorevoli unanimi|dei presenti|Fine.",
	          NULL);
	lines_are("two forced breaks: an empty line", "uno\n\ndue", 0, &w40, 1, &p, "uno||due", &r);
	OK(r.n == 3 && near(r.ratios[1], 0), "empty line: ratio 0");
}

/* A word longer than the line: one overfull line, the rest as good as it gets. */
static void
overfull_tests(void)
{
	const double w10 = 10, w2 = 2;
	const struct lb_params p = defaults();
	struct result r;

	lines_are("long word", "a bb precipitevolissimevolmente cc dd", 0, &w10, 1, &p,
	          "a bb|precipitevolissimevolmente|cc dd", &r);
	OK(near(r.ratios[0], 6), "long word: 'a bb' stretched as it must (underfull)");
	OK(near(r.ratios[1], 0), "long word: no glue to shrink");
	lines_are("long word first", "precipitevolissimevolmente e poi", 0, &w10, 1, &p,
	          "precipitevolissimevolmente|e poi", NULL);
	lines_are("every word too long", "aaaa bbbb cccc", 0, &w2, 1, &p, "aaaa|bbbb|cccc", NULL);
}

static void
small_tests(void)
{
	static const struct lb_item empty[] = {
	        {LB_GLUE, 0, LB_FILL, 0, 0, false},
	        {LB_PENALTY, 0, 0, 0, -LB_INFINITY, false},
	};
	static const struct lb_item open[] = {
	        {LB_BOX, 3, 0, 0, 0, false},
	        {LB_GLUE, 1, 1, 1, 0, false},
	        {LB_BOX, 4, 0, 0, 0, false},
	};
	const double w40 = 40, w5 = 5;
	const struct lb_params p = defaults();
	size_t breaks[4] = {0};
	double ratios[4] = {0};
	struct result r;

	lines_are("single line", "Il sindaco", 0, &w40, 1, &p, "Il sindaco", &r);
	INT_EQ(r.n, 1, "single line: one");
	INT_EQ(r.breaks[0], 5, "single line: ends at the final penalty");
	OK(near(r.ratios[0], 0), "single line: not stretched");

	INT_EQ(lb_break(empty, 2, &w40, 1, &p, breaks, ratios, 4), 1, "empty paragraph: 1 line");
	INT_EQ(breaks[0], 1, "empty paragraph: at the forced break");
	OK(near(ratios[0], 0), "empty paragraph: ratio 0");
	lines_are("empty paragraph, TeX's way", "", 0, &w40, 1, &p, "", &r);
	INT_EQ(r.n, 1, "empty paragraph, TeX's way: 1 line");
	INT_EQ(lb_break(empty, 0, &w40, 1, &p, breaks, ratios, 4), 0, "no items: no lines");

	/* no final forced break: one is assumed after the last item, at index n */
	INT_EQ(lb_break(open, 3, &w5, 1, &p, breaks, ratios, 4), 2, "open end: 2 lines");
	INT_EQ(breaks[0], 1, "open end: at the glue");
	INT_EQ(breaks[1], 3, "open end: at n");
	/* fewer lines stored than there are; ratios may be NULL */
	INT_EQ(lb_break(open, 3, &w5, 1, &p, breaks, NULL, 1), 1, "max 1: one line stored");
	INT_EQ(breaks[0], 1, "max 1: the first line");
}

static void
hyphenation_tests(void)
{
	const double w22 = 22, w30 = 30, w35 = 35, w38 = 38;
	struct lb_params p = defaults();
	struct result r;
	size_t k;
	bool loose = false;

	/* a hyphen costs LB_HYPHEN_PENALTY: a little more stretching is preferred to it */
	lines_are("hyphen avoided", S4_HYPH, LB_HYPHEN_PENALTY, &w22, 1, &p,
	          "il consiglio approva il|bilancio di previsione|del triennio successivo|"
	          "con i voti favorevoli|dei presenti",
	          NULL);
	lines_are("hyphen for free", S4_HYPH, 0, &w22, 1, &p,
	          "il consiglio approva il|bilancio di previsione|del triennio successi-|"
	          "vo con i voti favorevoli|dei presenti",
	          NULL);
	/* and taken when spaces alone cannot do within tolerance */
	lines_are("hyphen needed", S2_HYPH, LB_HYPHEN_PENALTY, &w30, 1, &p,
	          "la proposta di deliberazione|relativa al bilancio di previ-|"
	          "sione viene approvata con voti|favorevoli e contrari",
	          &r);
	INT_EQ(r.breaks[1], 43, "hyphen needed: at the penalty in previ-sione");
	lines_are("no hyphens: too loose", S0, 0, &w30, 1, &p,
	          "il consiglio comunale approva|la proposta di deliberazione|"
	          "relativa al bilancio di|previsione del triennio|successivo",
	          &r);
	for (k = 0; k + 1 < r.n; k++)
		loose |= r.ratios[k] > cbrt(p.tolerance / 100);
	OK(loose, "no hyphens: some line beyond tolerance");

	/* no hyphen on the last line but one (final_hyphen_demerits) */
	lines_are("final hyphen avoided", S0_HYPH, LB_HYPHEN_PENALTY, &w35, 1, &p,
	          "il consiglio comunale approva la pro-|posta di deliberazione relativa al|"
	          "bilancio di previsione del triennio|successivo",
	          NULL);
	p.final_hyphen_demerits = 0;
	lines_are("final hyphen allowed", S0_HYPH, LB_HYPHEN_PENALTY, &w35, 1, &p,
	          "il consiglio comunale approva la|proposta di deliberazione relativa|"
	          "al bilancio di previsione del trien-|nio successivo",
	          NULL);
	/* no two hyphens in a row (double_hyphen_demerits) */
	p = defaults();
	lines_are("double hyphen avoided", S0_HYPH, LB_HYPHEN_PENALTY, &w38, 1, &p,
	          "il consiglio comunale approva la pro-|posta di deliberazione relativa al|"
	          "bilancio di previsione del triennio|successivo",
	          NULL);
	p.double_hyphen_demerits = 0;
	lines_are("double hyphen allowed", S0_HYPH, LB_HYPHEN_PENALTY, &w38, 1, &p,
	          "il consiglio comunale approva la pro-|posta di deliberazione relativa al bi-|"
	          "lancio di previsione del triennio suc-|cessivo",
	          NULL);
}

static void
width_tests(void)
{
	static const double indented[] = {35, 39}, same[] = {39, 39, 39};
	const double w39 = 39;
	const struct lb_params p = defaults();
	struct result r;

	lines_are("flat", S0, 0, &w39, 1, &p,
	          "il consiglio comunale approva la proposta|di deliberazione relativa al "
	          "bilancio di|previsione del triennio successivo",
	          NULL);
	lines_are("first line indented", S0, 0, indented, 2, &p,
	          "il consiglio comunale approva la|proposta di deliberazione relativa al|"
	          "bilancio di previsione del triennio|successivo",
	          &r);
	OK(near(r.ratios[0], 0.75), "indented: the first line, 32 wide, set to 35 by its 4 spaces");
	OK(near(r.ratios[1], 0.5), "indented: the second to 39");
	lines_are("equal widths", S0, 0, same, 3, &p,
	          "il consiglio comunale approva la proposta|di deliberazione relativa al "
	          "bilancio di|previsione del triennio successivo",
	          NULL);
}

static void
looseness_tests(void)
{
	const double w30 = 30, w44 = 44, w28 = 28;
	struct lb_params p = defaults();

	lines_are("looseness 0", S1, 0, &w30, 1, &p,
	          "il sindaco propone al consiglio|di approvare il regolamento con|"
	          "i voti favorevoli dei presenti",
	          NULL);
	p.looseness = 1;
	lines_are("looseness 1", S1, 0, &w30, 1, &p,
	          "il sindaco propone al consiglio|di approvare il regolamento|"
	          "con i voti favorevoli dei|presenti",
	          NULL);
	lines_are("looseness 1, not possible within tolerance", CLASSIC, 0, &w28, 1, &p,
	          "Il consiglio comunale approva|la proposta di deliberazione|"
	          "con voti favorevoli unanimi|dei presenti",
	          NULL);
	p.looseness = -1;
	lines_are("looseness -1", S1, 0, &w44, 1, &p,
	          "il sindaco propone al consiglio di approvare il|"
	          "regolamento con i voti favorevoli dei presenti",
	          NULL);
}

static void
emergency_tests(void)
{
	const double w24 = 24;
	struct lb_params p = defaults();
	struct result r;

	/* nothing within tolerance: the last pass takes loose lines rather than overfull ones */
	lines_are("no emergency stretch", S0, 0, &w24, 1, &p,
	          "il consiglio comunale|approva la proposta di|deliberazione relativa al|"
	          "bilancio di previsione|del triennio successivo",
	          NULL);
	/* with it, lines within tolerance counting it; ratios use the real stretch */
	p.emergency_stretch = 1;
	lines_are("emergency stretch", S0, 0, &w24, 1, &p,
	          "il consiglio comunale|approva la proposta di|deliberazione relativa|"
	          "al bilancio di previsione|del triennio successivo",
	          &r);
	OK(near(r.ratios[2], 2), "emergency stretch: the real ratio, 22 set to 24 by one space");
}

/* About 1,500 lines of 80 letters: every line but the last within tolerance and set exactly
 * to the width by its ratio. */
static void
long_tests(void)
{
	/* 24 words, some with their hyphenation points */
	static const char vocab[] = "il consiglio comunale approva la proposta di delibera|zio|ne "
	                            "con voti fa|vo|re|vo|li dei presenti bi|lan|cio previsione e "
	                            "del trien|nio suc|ces|si|vo relativa al sindaco as|ses|so|re "
	                            "seduta";
	const double w80 = 80, max = cbrt(2);
	const struct lb_params p = defaults();
	struct para P;
	struct buf text = {0};
	size_t *breaks, n, k, i, s, good = 0;
	double *ratios, natural, stretch, shrink, set;
	unsigned long x = 1;

	for (i = 0; i < 16500; i++) {
		const char *w = vocab;

		x = x * 1103515245 + 12345;
		for (k = (x >> 16) % 24; k > 0; k--)
			w = strchr(w, ' ') + 1;
		if (i > 0)
			buf_putc(&text, ' ');
		buf_add(&text, w, strcspn(w, " "));
	}
	para_make(&P, text.data, LB_HYPHEN_PENALTY);
	breaks = xcalloc(P.n + 1, sizeof(*breaks));
	ratios = xcalloc(P.n + 1, sizeof(*ratios));
	n = lb_break(P.items, P.n, &w80, 1, &p, breaks, ratios, P.n + 1);
	OK(n > 1400 && n < 1700, "long: about 1,500 lines");
	for (k = 0, s = 0; k < n; k++) {
		natural = stretch = shrink = 0;
		for (i = s; i < breaks[k]; i++)
			if (P.items[i].kind != LB_PENALTY) {
				natural += P.items[i].width;
				stretch += P.items[i].kind == LB_GLUE ? P.items[i].stretch : 0;
				shrink += P.items[i].shrink;
			}
		if (P.items[breaks[k]].kind == LB_PENALTY)
			natural += P.items[breaks[k]].width;
		set = natural + ratios[k] * (ratios[k] >= 0 ? stretch : shrink);
		if (k + 1 == n)
			good += near(ratios[k], 0);
		else
			good += ratios[k] >= -1 && ratios[k] <= max && fabs(set - 80) < 1e-6;
		for (s = breaks[k] + 1; s < P.n && P.items[s].kind != LB_BOX;)
			s++;
	}
	INT_EQ(good, n, "long: every line within tolerance, set to 80");
	free(breaks);
	free(ratios);
	para_clear(&P);
	buf_free(&text);
}

/* TeX's first pass alone (lb_break_within): the same breaking as lb_break when every line is
 * within the threshold, none (0) as soon as one would have to be beyond it. */
static void
pretolerance_tests(void)
{
	const double w28 = 28, w30 = 30;
	const struct lb_params p = defaults();
	struct result r, w;
	struct para P;
	double worst = 0, bad;
	size_t k;

	para_make(&P, CLASSIC, LB_HYPHEN_PENALTY);
	r.n = lb_break(P.items, P.n, &w28, 1, &p, r.breaks, r.ratios, 64);
	INT_EQ(r.n, 4, "pretolerance: classic in 4 lines");
	for (k = 0; k + 1 < r.n; k++) {
		bad = 100 * fabs(r.ratios[k] * r.ratios[k] * r.ratios[k]);
		worst = bad > worst ? bad : worst;
	}
	OK(worst > 1 && worst < p.tolerance, "pretolerance: classic's worst line within tolerance");
	w.n = lb_break_within(P.items, P.n, &w28, 1, &p, worst + 0.01, w.breaks, w.ratios, 64);
	INT_EQ(w.n, r.n, "pretolerance: within its worst line's badness, as many lines");
	for (k = 0; k < r.n && k < w.n; k++) {
		INT_EQ(w.breaks[k], r.breaks[k], "pretolerance: the same breaks");
		OK(near(w.ratios[k], r.ratios[k]), "pretolerance: the same ratios");
	}
	INT_EQ(lb_break_within(P.items, P.n, &w28, 1, &p, worst - 0.01, w.breaks, w.ratios, 64), 0,
	       "pretolerance: none below its worst line's badness");
	INT_EQ(lb_break_within(P.items, P.n, &w28, 1, &p, -1, w.breaks, w.ratios, 64), 0,
	       "pretolerance: none when negative (TeX's -1: no first pass)");
	para_clear(&P);

	/* without hyphenation points, too loose for the tolerance: lb_break_within gives up
	 * where lb_break goes on to its last pass */
	para_make(&P, S0, 0);
	INT_EQ(lb_break_within(P.items, P.n, &w30, 1, &p, p.tolerance, w.breaks, w.ratios, 64), 0,
	       "pretolerance: none when no breaking is within it");
	OK(lb_break(P.items, P.n, &w30, 1, &p, r.breaks, r.ratios, 64) > 0,
	   "pretolerance: lb_break breaks it all the same");
	para_clear(&P);
}

void
linebreak_tests(void)
{
	harness.test = "linebreak";
	classic_tests();
	forced_tests();
	overfull_tests();
	small_tests();
	hyphenation_tests();
	width_tests();
	looseness_tests();
	emergency_tests();
	long_tests();
	pretolerance_tests();
}
