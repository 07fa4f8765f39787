/*
 * hyphenate_table.h: the Italian patterns as a compact table of verbale's own, and Liang's
 * matching over it (the digits of every pattern found in the word, the highest at each place),
 * between hyphenate.c and hyphenate_table.c only.
 *
 * Built in memory from the dictionary's text at hyphenate_open: hyph_it_IT.dic has 420
 * patterns, so the table takes about 0.1 M instructions to build, where libhyphen's automaton
 * over the patterns closed under embedding took 4.7 M (a cached, mapped file would save little
 * more than the read of 2 KB it replaces, and costs a file and its checks).
 */
#ifndef VERBALE_HYPHENATE_TABLE_H
#define VERBALE_HYPHENATE_TABLE_H

#include <stddef.h>

struct hyphenate_table;

/*
 * The table of the dictionary text data[0..len): its first line names the charset, which must
 * be UTF-8; then patterns such as "a1nti3m2n" separated by blanks and newlines, and comments
 * ("%"). NULL when the dictionary has anything else (keywords such as LEFTHYPHENMIN or
 * NEXTLEVEL, non-standard patterns with "/", no pattern): then libhyphen reads it. The caller
 * frees the result with hyphenate_table_free.
 */
struct hyphenate_table *hyphenate_table_new(const char *data, size_t len);
/* The next word of a dictionary line at[0..eol), past blanks (' ', tab, CR): its start, with its
 * length in *len; NULL when the line has no more. */
const char *hyphenate_dic_word(const char *at, const char *eol, size_t *len);
void hyphenate_table_free(struct hyphenate_table *t);

/*
 * Liang's values for the bytes w[0..m) (the word lower-cased, between two '.'): vals[t], for t
 * in 0..m, receives the highest digit any pattern found in w puts before w[t] (odd: a break is
 * allowed there). vals has m + 1 entries.
 */
void hyphenate_table_values(const struct hyphenate_table *t, const char *w, size_t m,
                            unsigned char *vals);

#endif
