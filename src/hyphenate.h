/*
 * hyphenate.h: where an Italian word may be broken at the end of a line, from the hyphen-it
 * patterns (a UTF-8 dictionary), matched by verbale's own table (hyphenate_table.c) or, for a
 * dictionary it does not read, by libhyphen. Only hyphenate.c includes libhyphen's <hyphen.h>.
 *
 * A struct hyphenator holds the loaded dictionary and a cache of the words already seen (the
 * typesetter asks for every word of a document and most words repeat), so it has mutable state:
 * one per thread, never shared. There is no global state.
 */
#ifndef VERBALE_HYPHENATE_H
#define VERBALE_HYPHENATE_H

#include <stddef.h>

#include "diag.h"

/* The dictionary hyphenate_open reads when given NULL (Debian's hyphen-it). */
#define HYPHENATE_DEFAULT_DICT "/usr/share/hyphen/hyph_it_IT.dic"

/* Words longer than this many bytes are never hyphenated (no Italian word comes close). */
#define HYPHENATE_WORD_MAX 255
/* Nor words of fewer letters than this (Italian practice). */
#define HYPHENATE_WORD_MIN 5

struct hyphenator;
struct util_reader;

/*
 * Load the dictionary at path (NULL: HYPHENATE_DEFAULT_DICT), read through reader (borrowed for
 * the call; NULL: nobody records the read, see util.h). Returns NULL after reporting D_READ
 * into d when the file is missing, unreadable or not a UTF-8 hyphenation dictionary (exit 3:
 * the environment is at fault). The caller owns the result and releases it with hyphenate_free.
 */
struct hyphenator *hyphenate_open(const char *path, const struct util_reader *reader,
                                  struct diags *d);
/* hyphenate_open with libhyphen's automaton (over the patterns closed under embedding) in
 * place of verbale's table: the reference the tests check the table against, word by word. */
struct hyphenator *hyphenate_open_libhyphen(const char *path, struct diags *d);
/* Release h and its cache; NULL is fine. */
void hyphenate_free(struct hyphenator *h);

/*
 * Where word[0..len) may be broken. The word is UTF-8 and one word of letters only: the caller
 * splits at apostrophes, hyphens, digits and punctuation (and gets no points if it does not:
 * any ASCII byte other than a letter, invalid UTF-8, or more than HYPHENATE_WORD_MAX bytes give 0).
 *
 * Stores in points[] at most max break points, ascending; each is a byte offset p meaning
 * "word[0..p) + '-' on this line, word[p..len) on the next" (always at a character boundary).
 * Returns how many were stored (<= max; max = len is always enough).
 *
 * Italian practice: at least 2 letters before and 2 after each break, none in words of fewer
 * than 5 letters. Case is ignored ("Torino" and "TORINO" break like "torino") and accented
 * letters work ("città" -> cit-tà: the point 3). Results are cached in h, so asking again for
 * the same word costs a hash lookup.
 */
size_t hyphenate_points(struct hyphenator *h, const char *word, size_t len, size_t *points,
                        size_t max);

/* How many words hyphenate_points was asked about (of 1 to HYPHENATE_WORD_MAX bytes), cached
 * or not: the typesetter's tests count them. 0 for NULL. */
size_t hyphenate_asked(const struct hyphenator *h);

#endif
