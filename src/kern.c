/* kern.c: the kerning of the text the typesetter sets, per byte (kern.h). */
#include "kern.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

void
kern_clear(struct kern *k)
{
	free(k->v);
	memset(k, 0, sizeof(*k));
}

void
kern_reset(struct kern *k)
{
	k->n = 0;
}

double
kern_at(const struct kern *k, size_t i)
{
	return i < k->n ? k->v[i] : 0;
}

void
kern_set(struct kern *k, size_t i, double v)
{
	if (i >= k->n) {
		if (v == 0)
			return;
		k->v = xgrow(k->v, &k->cap, i + 1, sizeof(*k->v));
		memset(k->v + k->n, 0, (i + 1 - k->n) * sizeof(*k->v));
		k->n = i + 1;
	}
	k->v[i] = v;
}

void
kern_pairs_clear(struct kern_pairs *kp)
{
	free(kp->keys);
	free(kp->vals);
	memset(kp, 0, sizeof(*kp));
}

static size_t
kern_slot(const struct kern_pairs *kp, uint64_t key)
{
	size_t i = (size_t)util_hash(UTIL_HASH_INIT, &key, sizeof(key)) & (kp->cap - 1);

	while (kp->keys[i] != 0 && kp->keys[i] != key)
		i = (i + 1) & (kp->cap - 1);
	return i;
}

double
kern_pair(struct kern_pairs *kp, const struct fonts *f, enum face face, uint32_t a, uint32_t b)
{
	uint64_t key = ((uint64_t)face + 1) << 42 | (uint64_t)(a & 0x1FFFFF) << 21 | (b & 0x1FFFFF);
	uint32_t cps[2] = {a, b};
	double kern[2];
	size_t i;

	if (kp->cap > 0 && kp->keys[i = kern_slot(kp, key)] == key)
		return kp->vals[i];
	if (2 * (kp->n + 1) > kp->cap) { /* at most half full */
		struct kern_pairs old = *kp;

		kp->cap = old.cap ? 2 * old.cap : 1024;
		kp->keys = xcalloc(kp->cap, sizeof(*kp->keys));
		kp->vals = xcalloc(kp->cap, sizeof(*kp->vals));
		for (i = 0; i < old.cap; i++)
			if (old.keys[i] != 0) {
				size_t j = kern_slot(kp, old.keys[i]);

				kp->keys[j] = old.keys[i];
				kp->vals[j] = old.vals[i];
			}
		free(old.keys);
		free(old.vals);
	}
	fonts_kern(f, face, cps, 2, kern);
	i = kern_slot(kp, key);
	kp->keys[i] = key;
	kp->vals[i] = (float)kern[0];
	kp->n++;
	return kp->vals[i];
}

double
kern_span(struct kern *k, struct kern_pairs *kp, const struct fonts *f, enum face face,
          const char *s, size_t off, size_t end, size_t follow)
{
	double sum = 0, v;
	size_t i = off, at, next;
	uint32_t a, b;

	if (off >= end)
		return 0;
	a = text_utf8_next(s, follow, &i);
	for (at = off; at < end; at = next, a = b) {
		next = i;
		if (i >= follow) {
			kern_set(k, at, 0); /* the last character, with nothing after it */
			break;
		}
		b = text_utf8_next(s, follow, &i);
		v = kern_pair(kp, f, face, a, b);
		kern_set(k, at, v);
		sum += v;
	}
	return sum;
}

/* The first byte of the character that ends at s[end] (end > 0), for UTF-8 text. */
static size_t
kern_last(const char *s, size_t end)
{
	size_t i = end - 1;

	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80 && end - i < 4)
		i--;
	return i;
}

void
kern_copy(struct kern *dst, size_t at, const struct kern *src, size_t off, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		kern_set(dst, at + i, kern_at(src, off + i));
}

double
kern_hyphen(struct kern *k, struct kern_pairs *kp, const struct fonts *f, enum face face,
            const char *s, size_t end, bool set)
{
	size_t last = kern_last(s, end), i = last;
	uint32_t cp = text_utf8_next(s, end, &i);
	double v = kern_pair(kp, f, face, cp, '-'), was = kern_at(k, last);

	if (set)
		kern_set(k, last, v);
	return v - was;
}

double
kern_drop_last(struct kern *k, const char *s, size_t end)
{
	size_t last = kern_last(s, end);
	double v = kern_at(k, last);

	kern_set(k, last, 0);
	return v;
}

const double *
kern_chars(struct arena *a, const struct kern *k, const char *s, size_t len)
{
	double *out;
	size_t i = 0, n = 0, at;
	bool any = false;

	for (at = 0; at < k->n && at < len && !any; at++)
		any = k->v[at] != 0;
	if (!any)
		return NULL;
	out = arena_array(a, len ? len : 1, sizeof(*out)); /* at most one character a byte */
	while (i < len) {
		at = i;
		text_utf8_next(s, len, &i);
		out[n++] = kern_at(k, at);
	}
	return out;
}
