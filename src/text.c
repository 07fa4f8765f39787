/* text.c: UTF-8, folding, edit distance. */
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

size_t
text_utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

uint32_t
text_utf8_next(const char *s, size_t n, size_t *i)
{
	uint32_t cp;
	size_t k = text_utf8_decode(s + *i, n - *i, &cp);

	*i += k ? k : 1;
	return k ? cp : 0xFFFD;
}

bool
text_utf8_valid(const char *s, size_t n, size_t *bad)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = text_utf8_decode(s + i, n - i, &cp)) == 0) {
			if (bad != NULL)
				*bad = i;
			return false;
		}
		i += k;
	}
	return true;
}

void
text_utf8_put(struct buf *b, uint32_t cp)
{
	char s[4];

	if (cp < 0x80) {
		s[0] = (char)cp;
		buf_add(b, s, 1);
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 2);
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 3);
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		buf_add(b, s, 4);
	}
}

size_t
text_utf8_len(const char *s, size_t n)
{
	size_t i = 0, count = 0;

	for (; i < n; count++)
		text_utf8_next(s, n, &i);
	return count;
}

/* Columns a character takes on a terminal: 0 for combining marks and invisible format
 * characters, 2 for the wide characters of East Asian scripts and most emoji, else 1. */
static size_t
char_width(uint32_t cp)
{
	static const uint32_t zero[][2] = {{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD},
	                                   {0x0610, 0x061A}, {0x064B, 0x065F}, {0x1AB0, 0x1AFF},
	                                   {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E},
	                                   {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0xFE00, 0xFE0F},
	                                   {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}};
	static const uint32_t wide[][2] = {
	        {0x1100, 0x115F},   {0x2E80, 0x303E},  {0x3041, 0x33FF}, {0x3400, 0x4DBF},
	        {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},  {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
	        {0xFE30, 0xFE4F},   {0xFF00, 0xFF60},  {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
	        {0x1F900, 0x1F9FF}, {0x20000, 0x3FFFD}};
	size_t i;

	for (i = 0; i < sizeof(zero) / sizeof(zero[0]); i++)
		if (cp >= zero[i][0] && cp <= zero[i][1])
			return 0;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return 2;
	return 1;
}

size_t
text_columns(const char *s, size_t n)
{
	size_t i = 0, w = 0;

	while (i < n)
		w += char_width(text_utf8_next(s, n, &i));
	return w;
}

size_t
text_columns_cut(const char *s, size_t n, size_t cols)
{
	size_t i = 0, w = 0;

	while (i < n) {
		size_t j = i, cw = char_width(text_utf8_next(s, n, &j));

		if (w + cw > cols)
			break;
		w += cw;
		i = j;
	}
	return i;
}

uint32_t
text_cp1252(unsigned char c)
{
	/* 0x80..0x9F; 0 for the five bytes Windows-1252 leaves undefined */
	static const uint16_t c1[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020,
	                                0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
	                                0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D,
	                                0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
	                                0x0153, 0,      0x017E, 0x0178};

	return c >= 0x80 && c <= 0x9F ? c1[c - 0x80] : c;
}

const char *
text_legacy_encoding(const char *s, size_t n)
{
	bool win = false;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;

		if (c < 0x80)
			continue;
		if (text_utf8_decode(s + i, n - i, &cp) > 0)
			return NULL; /* UTF-8 here: a UTF-8 file, broken elsewhere */
		if (c <= 0x9F) {
			if (text_cp1252(c) == 0)
				return NULL;
			win = true;
		}
	}
	return win ? "Windows-1252" : "ISO-8859-1 (Latin-1)";
}

/* Base letters of U+00C0..U+017F; '.' keeps the character as it is. */
static const char latin_base[] = "AAAAAAACEEEEIIII"
                                 "DNOOOOO.OUUUUYTs"
                                 "aaaaaaaceeeeiiii"
                                 "dnooooo.ouuuuyty"
                                 "AaAaAaCcCcCcCcDd"
                                 "DdEeEeEeEeEeGgGg"
                                 "GgGgHhHhIiIiIiIi"
                                 "IiJjJjKkkLlLlLlL"
                                 "lLlNnNnNnnNnOoOo"
                                 "OoOoRrRrRrSsSsSs"
                                 "SsTtTtTtUuUuUuUu"
                                 "UuUuWwYyYZzZzZzs";

static bool
is_apostrophe(uint32_t cp)
{
	return cp == '\'' || cp == '`' || cp == 0x2019 || cp == 0x2018 || cp == 0x02BC ||
	       cp == 0x00B4 || cp == 0x2032;
}

static bool
is_space(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F;
}

/* s with every invalid UTF-8 byte as U+FFFD, malloc'd; NULL when s is valid already. */
static char *
utf8_mended(const char *s)
{
	size_t n = strlen(s), i = 0;
	struct buf b = {0};

	if (text_utf8_valid(s, n, NULL))
		return NULL;
	while (i < n)
		text_utf8_put(&b, text_utf8_next(s, n, &i));
	return buf_detach(&b);
}

void
text_fold(const char *s, struct buf *out)
{
	char *mended = NULL;
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t r;
	const char *t;
	size_t n, i = 0;
	bool space = false, any = false;
	uint32_t cp;

	/* ASCII (most words) is valid, and has nothing for utf8proc to compose, strip or fold but
	 * the case, which the loop below lowers */
	for (n = 0; s[n] != '\0' && !((unsigned char)s[n] & 0x80); n++)
		;
	if (s[n] != '\0') {
		mended = utf8_mended(s);
		/* NFC, case folding, accents and default-ignorable (invisible) characters removed
		 */
		r = utf8proc_map((const utf8proc_uint8_t *)(mended ? mended : s), 0, &mapped,
		                 UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE |
		                         UTF8PROC_CASEFOLD | UTF8PROC_IGNORE | UTF8PROC_STRIPMARK);
		if (r == UTF8PROC_ERROR_NOMEM)
			util_out_of_memory();
		if (r < 0)
			mapped = NULL; /* cannot happen on valid UTF-8: fold it as it is */
	}
	t = mapped ? (const char *)mapped : mended ? mended : s;
	n = strlen(t);
	while (i < n) {
		cp = text_utf8_next(t, n, &i);
		if (is_space(cp)) {
			space = any;
			continue;
		}
		if (space)
			buf_putc(out, ' ');
		space = false;
		any = true;
		/* what NFD does not take apart: ø, đ, ł, ħ and the like */
		if (is_apostrophe(cp))
			cp = '\'';
		else if (cp >= 0xC0 && cp <= 0x17F && latin_base[cp - 0xC0] != '.')
			cp = (unsigned char)latin_base[cp - 0xC0];
		else if (cp >= 0x218 && cp <= 0x21B)
			cp = (cp < 0x21A) ? 's' : 't';
		if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		text_utf8_put(out, cp);
	}
	if (out->data == NULL)
		buf_add(out, "", 0);
	free(mapped);
	free(mended);
}

char *
text_folded(const char *s)
{
	struct buf b = {0};

	text_fold(s, &b);
	return buf_detach(&b);
}

char *
text_nfc(const char *s)
{
	char *mended = utf8_mended(s);
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)(mended ? mended : s), 0, &out,
	                                  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);

	if (r == UTF8PROC_ERROR_NOMEM)
		util_out_of_memory();
	if (r < 0)
		out = (utf8proc_uint8_t *)xstrdup(mended ? mended : s);
	free(mended);
	return (char *)out;
}

uint32_t
text_lower(uint32_t cp)
{
	return cp > 0x10FFFF ? cp : (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

uint32_t
text_upper(uint32_t cp)
{
	return cp > 0x10FFFF ? cp : (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
}

static bool
in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cp >= r[i][0] && cp <= r[i][1])
			return true;
	return false;
}

/* Letters of the Latin script, and what every script shares (Common and Inherited). */
static const uint32_t latin[][2] = {
        {0x0041, 0x024F}, {0x1E00, 0x1EFF}, {0x2C60, 0x2C7F},
        {0xA720, 0xA7FF}, {0xAB30, 0xAB6F}, {0x02B0, 0x02FF}, /* spacing modifier letters */
        {0x0300, 0x036F}, {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF},
        {0x20D0, 0x20FF}, {0xFE20, 0xFE2F}, /* combining marks */
};

enum text_name_flaw
text_name_check(const char *s, size_t *at, uint32_t *cp)
{
	size_t n = strlen(s), i = 0, idx;

	for (idx = 0; i < n; idx++) {
		uint32_t c = text_utf8_next(s, n, &i);
		utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)c);

		*at = idx;
		*cp = c;
		if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_ZL ||
		    cat == UTF8PROC_CATEGORY_ZP ||
		    utf8proc_get_property((utf8proc_int32_t)c)->ignorable)
			return TEXT_NAME_INVISIBLE;
		if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_ME &&
		    !in_ranges(c, latin, sizeof(latin) / sizeof(latin[0])))
			return TEXT_NAME_SCRIPT;
	}
	return TEXT_NAME_OK;
}

const char *
text_char_kind(uint32_t cp)
{
	static const struct {
		uint32_t lo, hi;
		const char *what;
	} kinds[] = {
	        {0x00AD, 0x00AD, "il trattino morbido"},
	        {0x200B, 0x200B, "lo spazio a larghezza zero"},
	        {0x200C, 0x200D, "un carattere di unione a larghezza zero"},
	        {0x2060, 0x2060, "un carattere di unione a larghezza zero"},
	        {0xFEFF, 0xFEFF, "lo spazio a larghezza zero (BOM)"},
	        {0x061C, 0x061C, "un controllo della direzione del testo"},
	        {0x200E, 0x200F, "un controllo della direzione del testo"},
	        {0x202A, 0x202E, "un controllo della direzione del testo"},
	        {0x2066, 0x2069, "un controllo della direzione del testo"},
	        {0x0370, 0x03FF, "una lettera greca"},
	        {0x1F00, 0x1FFF, "una lettera greca"},
	        {0x0400, 0x052F, "una lettera cirillica"},
	        {0x1C80, 0x1C8F, "una lettera cirillica"},
	        {0x2DE0, 0x2DFF, "una lettera cirillica"},
	        {0xA640, 0xA69F, "una lettera cirillica"},
	        {0x0530, 0x058F, "una lettera armena"},
	        {0x0590, 0x05FF, "una lettera ebraica"},
	        {0x0600, 0x06FF, "una lettera araba"},
	        {0xFF00, 0xFFEF, "una lettera a larghezza piena"},
	        {0x1D400, 0x1D7FF, "una lettera matematica"},
	};
	size_t i;
	utf8proc_category_t cat = utf8proc_category((utf8proc_int32_t)cp);

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (cp >= kinds[i].lo && cp <= kinds[i].hi)
			return kinds[i].what;
	if (cat == UTF8PROC_CATEGORY_CF || utf8proc_get_property((utf8proc_int32_t)cp)->ignorable)
		return "un carattere invisibile";
	if (cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP)
		return "un separatore di riga";
	if (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME)
		return "un segno di un alfabeto non latino";
	return "una lettera di un alfabeto non latino";
}

unsigned
text_distance(const char *a, const char *b)
{
	enum { MAX = 64 };
	unsigned d[MAX + 1][MAX + 1];
	size_t n = strlen(a), m = strlen(b), i, j;

	if (n > MAX || m > MAX)
		return 255;
	for (i = 0; i <= n; i++)
		d[i][0] = (unsigned)i;
	for (j = 0; j <= m; j++)
		d[0][j] = (unsigned)j;
	for (i = 1; i <= n; i++) {
		for (j = 1; j <= m; j++) {
			unsigned cost = a[i - 1] != b[j - 1], v;

			v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < v)
				v = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[n][m] > 255 ? 255 : d[n][m];
}

unsigned
text_close_enough(const char *a)
{
	size_t n = text_utf8_len(a, strlen(a));

	return n <= 3 ? 1 : n <= 8 ? 2 : 3;
}

const char *
text_suggest(const char *word, const char *const *cands, size_t n)
{
	char *w = text_folded(word), *c;
	const char *best = NULL;
	unsigned bestd = text_close_enough(w) + 1, d;
	size_t i;

	for (i = 0; i < n; i++) {
		c = text_folded(cands[i]);
		d = text_distance(w, c);
		free(c);
		if (d < bestd) {
			bestd = d;
			best = cands[i];
		}
	}
	free(w);
	return best;
}

bool
text_is_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}
