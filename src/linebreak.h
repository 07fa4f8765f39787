/*
 * linebreak.h: the Knuth-Plass optimal line breaker ("Breaking Paragraphs into Lines", 1981;
 * TeX's line_break) over abstract boxes, glue and penalties. Pure: no fonts, no pages, no
 * global state; the caller turns text into items and items back into lines.
 *
 * Units: item widths and line widths in any one unit (the typesetter uses PDF points);
 * penalties and demerits are TeX's pure numbers.
 */
#ifndef VERBALE_LINEBREAK_H
#define VERBALE_LINEBREAK_H

#include <stdbool.h>
#include <stddef.h>

enum lb_kind {
	LB_BOX,     /* width: a word or a piece of one; never a breakpoint */
	LB_GLUE,    /* a space: width, stretch, shrink; a breakpoint when it follows a box */
	LB_PENALTY, /* a possible break costing penalty; width added only if broken here (the
	               hyphen's width for a hyphenation point) */
	LB_KIND_MAX
};

/* Penalties at or above LB_INFINITY forbid a break; at or below -LB_INFINITY force one.
 * LB_HYPHEN_PENALTY and LB_TOLERANCE are TeX's plain values, and the style's defaults. */
enum { LB_INFINITY = 10000, LB_HYPHEN_PENALTY = 50, LB_TOLERANCE = 200 };
/*
 * The style's default threshold of a first pass without hyphenation (lb_break_within): TeX's
 * \pretolerance, 100 in plain TeX. The badness here is TeX's (100 r^3, spaces stretching by half
 * their width at r = 1), but the typesetter's measure holds fewer, longer Italian words than a
 * TeX book's, and at 100 (spaces up to 1.5 times their width) the samples' justified lines got
 * looser than hyphenating gives (pdf-spacing's p95 0.312 -> 0.314 on the Turin sample); 40
 * (spaces up to 1.37 times their width) is the highest that leaves every sample's figures as they
 * were, and still spares the hyphenation of most short paragraphs.
 */
enum { LB_PRETOLERANCE = 40 };

/*
 * A glue whose stretch is at least LB_FILL stretches infinitely (TeX's fil): a line holding one
 * has badness 0 however short it is, and its other glue keeps its natural width (ratio 0).
 * Give LB_FILL itself. Shrinking is never infinite.
 */
#define LB_FILL 1e9

struct lb_item {
	enum lb_kind kind;
	double width;   /* box, glue; penalty: added to the line when broken here */
	double stretch; /* glue only: how much wider it may grow at ratio 1 (>= LB_FILL: fil) */
	double shrink;  /* glue only: how much narrower it may get at ratio -1 */
	int penalty;    /* penalty only: the cost of breaking here */
	bool flagged;   /* penalty only: a hyphenation point (for the hyphen demerits) */
};

struct lb_params {
	double tolerance;           /* highest badness of an acceptable line (TeX's \tolerance) */
	double emergency_stretch;   /* added to each line's stretch after the first pass */
	int line_penalty;           /* added to each line's badness before squaring */
	int double_hyphen_demerits; /* two hyphenated lines in a row */
	int final_hyphen_demerits;  /* the last but one line hyphenated */
	int adj_demerits;           /* adjacent lines' fitness classes two or more apart */
	int looseness; /* lines more (> 0) or fewer (< 0) than optimal, within tolerance */
};

/*
 * TeX's plain defaults: tolerance 200, line_penalty 10, double_hyphen_demerits 10000,
 * final_hyphen_demerits 5000, adj_demerits 10000, looseness 0; emergency_stretch 0 (the
 * typesetter sets it from the font size). Hyphenation penalties (LB_HYPHEN_PENALTY, TeX's
 * \hyphenpenalty) live in the items.
 */
void lb_params_init(struct lb_params *p);

/*
 * Break items[0..n) into lines. A paragraph ends, as in TeX, with penalty(LB_INFINITY),
 * glue(0, LB_FILL, 0) and penalty(-LB_INFINITY); when the last item is not a forced break one is
 * assumed after it, at index n. A forced break inside a paragraph should follow a fil glue too
 * (TeX's \\), or its line is stretched to the full width.
 *
 * widths[k] is the width of line k (k counts from 0; lines k >= nwidths use widths[nwidths-1];
 * nwidths >= 1). For each line k, breaks[k] receives the index of the item where it ends (a
 * glue or a penalty; the line holds the items after the previous break, less the glue and
 * penalties at its start, up to breaks[k] excluded, plus the width of breaks[k] if it is a
 * penalty) and ratios[k] the adjustment ratio of its glue: each glue's width is width +
 * r * stretch when r >= 0 and width + r * shrink when r < 0. r is 0 for a line with fil glue that
 * is not overfull, and for a line with no glue to adjust; it is never below -1 (an overfull line
 * is shrunk fully and sticks out). ratios may be NULL. Lines are stored in order, at most max of
 * them (max = n + 1 is always enough); the return value is how many were stored.
 *
 * It never fails. The first pass accepts only lines of badness <= tolerance. If none exists,
 * a second pass adds emergency_stretch to every line (when > 0), and a last pass accepts any
 * line that is not overfull, and an overfull one only where nothing else is possible (an
 * unbreakable word longer than the line), choosing the breaking with fewest demerits.
 * Everything allocated is released before returning.
 */
size_t lb_break(const struct lb_item *items, size_t n, const double *widths, size_t nwidths,
                const struct lb_params *p, size_t *breaks, double *ratios, size_t max);

/*
 * TeX's first pass, its \pretolerance: lb_break's first pass alone, accepting only lines of
 * badness <= threshold (no emergency stretch, no last resort). Returns 0 when no such breaking
 * exists (or none with the line count looseness asks for), or when threshold < 0 (TeX's
 * \pretolerance=-1: no first pass); otherwise stores the lines as lb_break does. The caller
 * runs it on a paragraph without its hyphenation points and, when it fails, adds them and calls
 * lb_break: a paragraph that breaks well without hyphens is never hyphenated.
 */
size_t lb_break_within(const struct lb_item *items, size_t n, const double *widths, size_t nwidths,
                       const struct lb_params *p, double threshold, size_t *breaks, double *ratios,
                       size_t max);

#endif
