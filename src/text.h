/*
 * text.h: UTF-8 and string matching: validation, folding for comparisons that ignore case,
 * accents and apostrophe shapes, edit distance and did-you-mean suggestions.
 */
#ifndef VERBALE_TEXT_H
#define VERBALE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

/* Decode one UTF-8 sequence of s[0..n); returns its length (1 to 4) and stores the code point,
 * or returns 0 when the bytes are not valid UTF-8 (overlong forms and surrogates included). */
size_t text_utf8_decode(const char *s, size_t n, uint32_t *cp);
/* True when s[0..n) is valid UTF-8; otherwise *bad is the offset of the first bad byte. */
bool text_utf8_valid(const char *s, size_t n, size_t *bad);
/* Append the UTF-8 encoding of cp. */
void text_utf8_put(struct buf *b, uint32_t cp);
/* Characters (code points) in s[0..n), counting each invalid byte as one. */
size_t text_utf8_len(const char *s, size_t n);

/*
 * Append to out the folded form of s: lower case, accents removed from Latin letters, every
 * apostrophe shape as ', runs of white space as one space, no leading or trailing space.
 * 'D’AGOSTINO' and "d'Agostino" fold to the same string.
 */
void text_fold(const char *s, struct buf *out);
/* text_fold into a malloc'd string the caller frees. */
char *text_folded(const char *s);

/* Damerau-Levenshtein distance between two strings (bytes), capped at 255. */
unsigned text_distance(const char *a, const char *b);
/* The largest distance at which b is still a plausible misspelling of a. */
unsigned text_close_enough(const char *a);
/* The candidate closest to word (folded comparison) if it is close enough, else NULL.
 * Borrowed from cands. */
const char *text_suggest(const char *word, const char *const *cands, size_t n);

#endif
