/* text.c: UTF-8, folding, edit distance. */
#include "text.h"

#include <stdlib.h>
#include <string.h>

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
	size_t i = 0, k, count = 0;
	uint32_t cp;

	while (i < n) {
		k = text_utf8_decode(s + i, n - i, &cp);
		i += k ? k : 1;
		count++;
	}
	return count;
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

void
text_fold(const char *s, struct buf *out)
{
	size_t n = strlen(s), i = 0, k;
	bool space = false, any = false;
	uint32_t cp;

	while (i < n) {
		k = text_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			cp = 0xFFFD;
			k = 1;
		}
		i += k;
		if (is_space(cp)) {
			space = any;
			continue;
		}
		if (space)
			buf_putc(out, ' ');
		space = false;
		any = true;
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
}

char *
text_folded(const char *s)
{
	struct buf b = {0};

	text_fold(s, &b);
	return buf_detach(&b);
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
