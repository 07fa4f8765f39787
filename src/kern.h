/*
 * kern.h: the typesetter's kerning (fonts_kern, of fonts.h) of a text being set, kept per byte
 * of that text: the value at the first byte of a character is the kerning between it and the
 * next character, in thousandths of an em (negative: closer); other bytes hold 0. typeset.c
 * keeps one for a paragraph's text and one for a line's run being built, and hands each run its
 * kerning per character (struct ts_run's kern) for pdf.c to draw.
 *
 * Kerning is by pairs, as TeX's fonts kern (and Liberation's GPOS has only pair adjustments):
 * each pair of characters is shaped once by fonts_kern and remembered in a struct kern_pairs,
 * one for a document (shaping every word costs more than the rest of the typesetting).
 */
#ifndef VERBALE_KERN_H
#define VERBALE_KERN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fonts.h"

struct arena;

/* Zero-initialised is empty; kern_clear frees it. */
struct kern {
	double *v; /* [1/1000 em] per byte; bytes at n and after hold 0 */
	size_t n, cap;
};

/* The pairs of a document: zero-initialised is empty; kern_pairs_clear frees it. */
struct kern_pairs {
	uint64_t *keys; /* face + 1, then the two code points, 21 bits each; 0: an empty slot */
	float *vals;    /* [1/1000 em] */
	size_t n, cap;  /* cap: a power of two, or 0 */
};

void kern_pairs_clear(struct kern_pairs *kp);

/* The kerning of the pair a b in face (thousandths of an em), shaped once. */
double kern_pair(struct kern_pairs *kp, const struct fonts *f, enum face face, uint32_t a,
                 uint32_t b);

void kern_clear(struct kern *k);
/* Forget every value (the text it follows starts again); the memory stays for reuse. */
void kern_reset(struct kern *k);
/* The value at byte i (0 past the end). */
double kern_at(const struct kern *k, size_t i);
/* Set the value at byte i, growing with 0s. */
void kern_set(struct kern *k, size_t i, double v);

/*
 * Kern s[off..end), characters set in face, followed by s[end..follow) (one character or none,
 * follow == end) in the same face, whose own kerning is not stored: the values at the first bytes
 * of s[off..end) are set, and their sum returned (thousandths of an em). The last one is the
 * kerning with the following character, 0 when there is none.
 */
double kern_span(struct kern *k, struct kern_pairs *kp, const struct fonts *f, enum face face,
                 const char *s, size_t off, size_t end, size_t follow);

/* The values of src for bytes [off, off + len) set at dst's bytes from at. */
void kern_copy(struct kern *dst, size_t at, const struct kern *src, size_t off, size_t len);

/*
 * A hyphen after s[0..end) (end > 0), set in face: what it changes in the kerning of the last
 * character (thousandths of an em), whose kerning with the hyphen replaces the one k holds
 * (with the next character of the word); set it in k too when set.
 */
double kern_hyphen(struct kern *k, struct kern_pairs *kp, const struct fonts *f, enum face face,
                   const char *s, size_t end, bool set);

/* The text s[0..end) (end > 0) ends there: its last character's kerning is dropped from k, and
 * returned (thousandths of an em). */
double kern_drop_last(struct kern *k, const char *s, size_t end);

/*
 * The values of k for s[0..len) as an array with one entry per character (as text_utf8_next
 * reads them), in a, or NULL when all are 0.
 */
const double *kern_chars(struct arena *a, const struct kern *k, const char *s, size_t len);

#endif
