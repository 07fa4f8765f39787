/* bidi.c: the bidi controls of the templates' data, shown as their codes (bidi.h). */
#include "bidi.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

/*
 * Whether s has a bidi control: in UTF-8 each is E2 80 AA-AE or E2 81 A6-A9, and 0xE2 is never
 * inside another character, so a search of the bytes finds what decoding would (most strings
 * have none: no decoding for them).
 */
static bool
has_bidi(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while ((p = (const unsigned char *)strchr((const char *)p, 0xE2)) != NULL) {
		if ((p[1] == 0x80 && p[2] >= 0xAA && p[2] <= 0xAE) ||
		    (p[1] == 0x81 && p[2] >= 0xA6 && p[2] <= 0xA9))
			return true;
		p++;
	}
	return false;
}

/* s with its bidi controls written as their codes: s itself when it has none. */
static const char *
show(const char *s, struct arena *a, unsigned *seen)
{
	struct buf b = {0};
	size_t n, i = 0, from = 0;
	const char *out;

	if (!has_bidi(s))
		return s;
	n = strlen(s);
	while (i < n) {
		size_t at = i;
		uint32_t cp = text_utf8_next(s, n, &i);
		int bit = cp >= 0x202A && cp <= 0x202E   ? (int)(cp - 0x202A)
		          : cp >= 0x2066 && cp <= 0x2069 ? (int)(cp - 0x2066) + 5
		                                         : -1;

		if (bit < 0)
			continue;
		*seen |= 1u << bit;
		buf_add(&b, s + from, at - from);
		buf_printf(&b, "‹U+%04X›", (unsigned)cp);
		from = i;
	}
	if (b.data == NULL)
		return s;
	buf_add(&b, s + from, n - from);
	out = arena_strdup(a, b.data);
	buf_free(&b);
	return out;
}

void
bidi_show_data(struct tval *v, struct arena *a, unsigned *seen)
{
	size_t i;

	if (v->kind == TV_STR && v->s != NULL)
		v->s = show(v->s, a, seen);
	else if (v->kind == TV_LIST || v->kind == TV_MAP)
		for (i = 0; i < v->n; i++)
			bidi_show_data(v->items[i], a, seen);
}

void
bidi_warn(unsigned seen, const char *file, struct diags *d)
{
	struct pos at = {file, 0, 0};
	int bit;

	for (bit = 0; bit < 9; bit++)
		if (seen & (1u << bit)) {
			unsigned cp =
			        bit < 5 ? 0x202Au + (unsigned)bit : 0x2066u + (unsigned)(bit - 5);

			diag_report(d, D_BIDI_SHOWN, &at, cp, cp);
		}
}
