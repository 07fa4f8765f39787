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
/* The character at s[*i] of s[0..n), advancing *i past it: an invalid byte is U+FFFD and one
 * byte long. */
uint32_t text_utf8_next(const char *s, size_t n, size_t *i);
/* True when s[0..n) is valid UTF-8; otherwise *bad is the offset of the first bad byte. */
bool text_utf8_valid(const char *s, size_t n, size_t *bad);
/* Append the UTF-8 encoding of cp. */
void text_utf8_put(struct buf *b, uint32_t cp);
/* Characters (code points) in s[0..n), counting each invalid byte as one. */
size_t text_utf8_len(const char *s, size_t n);
/* The columns s[0..n) takes on a terminal: combining marks and invisible format characters
 * take none, the wide characters of East Asian scripts (and most emoji) two, any other
 * character (an invalid byte too) one. */
size_t text_columns(const char *s, size_t n);
/* The longest start of s[0..n) that takes at most cols columns, cut after a whole
 * character: its length in bytes. */
size_t text_columns_cut(const char *s, size_t n, size_t cols);
/* Byte c as Windows-1252 reads it: a code point, 0 for the five bytes it leaves undefined
 * (0x81, 0x8D, 0x8F, 0x90, 0x9D); ISO-8859-1 reads the same from 0xA0 on. */
uint32_t text_cp1252(unsigned char c);
/* The single-byte encoding s[0..n) seems written in, when it is not UTF-8: "Windows-1252"
 * when a byte from 0x80 to 0x9F is one of its characters (curly quotes, the euro, ...),
 * else "ISO-8859-1 (Latin-1)"; NULL when some of its bytes are a UTF-8 character (a UTF-8
 * file, broken), or one is undefined in Windows-1252 (static strings). */
const char *text_legacy_encoding(const char *s, size_t n);
/* s is one or more ASCII decimal digits. */
bool text_is_digits(const char *s);

/*
 * Append to out the folded form of s: lower case, accents removed from Latin letters, every
 * apostrophe shape as ', runs of white space as one space, no leading or trailing space.
 * 'D’AGOSTINO' and "d'Agostino" fold to the same string.
 */
void text_fold(const char *s, struct buf *out);
/* text_fold into a malloc'd string the caller frees. */
char *text_folded(const char *s);
/* text_folded of s[0..n) (no NUL needed), quicker for a word of printable ASCII. */
char *text_folded_n(const char *s, size_t n);

/* s in Unicode normal form C, in a malloc'd string the caller frees. */
char *text_nfc(const char *s);
/* The simple lower-case and upper-case mappings of one character (one character each: 'À'
 * and 'à'); a character without one is itself. */
uint32_t text_lower(uint32_t cp);
uint32_t text_upper(uint32_t cp);

/* What can be wrong with a person's name (names are compared after text_fold, which would
 * hide these differences). */
enum text_name_flaw {
	TEXT_NAME_OK,
	TEXT_NAME_INVISIBLE, /* zero-width, soft hyphen, bidi control, other format character */
	TEXT_NAME_SCRIPT     /* a letter (or mark) of a script other than Latin */
};
/*
 * The first flaw of name s, with its index in characters (*at) and its code point (*cp).
 * Latin letters are those of U+0041-024F, U+1E00-1EFF, U+2C60-2C7F, U+A720-A7FF and
 * U+AB30-AB6F, besides the modifier letters and combining marks all scripts share.
 */
enum text_name_flaw text_name_check(const char *s, size_t *at, uint32_t *cp);
/* How a message names the character a flaw is about: "lo spazio a larghezza zero", "una
 * lettera cirillica", ... (a static string). */
const char *text_char_kind(uint32_t cp);

/* Damerau-Levenshtein distance between two strings (bytes), capped at 255. */
unsigned text_distance(const char *a, const char *b);
/* The largest distance at which b is still a plausible misspelling of a. */
unsigned text_close_enough(const char *a);
/* The candidate closest to word (folded comparison) if it is close enough, else NULL.
 * Borrowed from cands. */
const char *text_suggest(const char *word, const char *const *cands, size_t n);

#endif
