/*
 * ties.h: where the typesetter may not break a line or a word, beyond what hyphenation says.
 * A space is a tie (no line ends there) between a euro sign and its amount, a number and its
 * unit, "art.", "comma", "n.", "lett." or "pag." and the number or letter after it, a title
 * and the name after it, the words of a surname, and before a lone en dash (the separator of
 * name lists). A word is never hyphenated when it is in capitals or one of the sitting's
 * proper names where it is written with a capital (its members', its body's). A URL breaks only
 * after '/', '.', '-', '?' and '&', without a hyphen. Pure functions over UTF-8 text; a struct ties
 * holds the sitting's names, folded (text_fold), and is read only once built.
 */
#ifndef VERBALE_TIES_H
#define VERBALE_TIES_H

#include <stdbool.h>
#include <stddef.h>

struct ties;

/*
 * The names of a sitting: bound[0..nbound) are phrases whose words are bound together and never
 * hyphenated (surnames: "LO RUSSO", "DE LUCA"); names[0..nnames) are phrases whose words are
 * never hyphenated (given names, the body's name). Either may be NULL when its count is 0. The
 * caller owns the result and releases it with ties_free.
 */
struct ties *ties_new(const char *const *bound, size_t nbound, const char *const *names,
                      size_t nnames);
/* Release t; NULL is fine. */
void ties_free(struct ties *t);

/* Whether the space between the words prev[0..plen) and next[0..nlen) (no spaces in either)
 * is a tie; t may be NULL (no names). */
bool ties_space_binds(const struct ties *t, const char *prev, size_t plen, const char *next,
                      size_t nlen);

/* Whether the run of letters word[0..len) must not be hyphenated: in capitals (two letters or
 * more), or, starting with a capital, a word of one of t's names that starts with a capital
 * there (t may be NULL). */
bool ties_word_keeps(const struct ties *t, const char *word, size_t len);

/* Whether word[0..len) (no spaces) is a web address: it starts with "http://", "https://",
 * "ftp://", "mailto:" or "www.". */
bool ties_url_checks(const char *word, size_t len);

/* Where the address url[0..len) may break: the offsets just after a '/', '.', '-', '?' or '&'
 * with something after it (not inside "//"), at most max of them into at, in order. Returns
 * how many. */
size_t ties_url_splits(const char *url, size_t len, size_t *at, size_t max);

#endif
