/* tval.c: the template values: building them in an arena, and looking keys up. */
#include "tval.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
tval_bool(struct tval *v, bool b)
{
	memset(v, 0, sizeof(*v));
	v->kind = TV_BOOL;
	v->b = b;
}

void
tval_str(struct tval *v, struct arena *a, const char *s)
{
	memset(v, 0, sizeof(*v));
	v->kind = TV_STR;
	v->s = arena_strdup(a, s != NULL ? s : "");
}

void
tval_str_borrow(struct tval *v, const char *s)
{
	memset(v, 0, sizeof(*v));
	v->kind = TV_STR;
	v->s = s != NULL ? s : "";
}

void
tval_strf(struct tval *v, struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	tval_str(v, a, s);
	free(s);
}

void
tval_list(struct tval *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = TV_LIST;
}

void
tval_map(struct tval *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = TV_MAP;
}

/* Make room for one more item (and key, for maps): a bigger array of pointers in the arena,
 * copied, the old one recycled. The values themselves never move, so pointers to them stay
 * valid. */
static void
tval_grow(struct tval *v, struct arena *a)
{
	struct tval **items;
	const char **keys;
	size_t cap;

	if (v->n < v->cap && !v->shared_keys)
		return;
	cap = v->cap ? v->cap * 2 : 4;
	items = arena_array(a, cap, sizeof(*items));
	if (v->n > 0)
		memcpy(items, v->items, v->n * sizeof(*items));
	arena_recycle(a, v->items, v->cap * sizeof(*items));
	v->items = items;
	if (v->kind == TV_MAP) {
		keys = arena_array(a, cap, sizeof(*keys));
		if (v->n > 0)
			memcpy(keys, v->keys, v->n * sizeof(*keys));
		if (!v->shared_keys) /* else another map still reads them */
			arena_recycle(a, (void *)v->keys, v->cap * sizeof(*keys));
		v->keys = keys;
		v->shared_keys = false;
	}
	v->cap = cap;
}

void
tval_push_shared(struct tval *v, struct arena *a, struct tval *item)
{
	assert(v->kind == TV_LIST && "tval_push needs a list");
	tval_grow(v, a);
	v->items[v->n++] = item;
}

struct tval *
tval_push(struct tval *v, struct arena *a)
{
	struct tval *item = arena_alloc(a, sizeof(struct tval)); /* zeroed: null */

	tval_push_shared(v, a, item);
	return item;
}

/* The slot of key in map v: its index, a new one (with a NULL value) when key is not there. */
static size_t
tval_slot(struct tval *v, struct arena *a, const char *key, bool copy)
{
	size_t i;

	assert(v->kind == TV_MAP && "tval_set needs a map");
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return i;
	tval_grow(v, a);
	v->keys[v->n] = copy ? arena_strdup(a, key) : key;
	v->items[v->n] = NULL;
	return v->n++;
}

/* The value in slot i of map v, a new null one when it has none. */
static struct tval *
tval_slot_value(struct tval *v, struct arena *a, size_t i)
{
	if (v->items[i] == NULL)
		v->items[i] = arena_alloc(a, sizeof(struct tval)); /* zeroed: null */
	return v->items[i];
}

struct tval *
tval_set(struct tval *v, struct arena *a, const char *key)
{
	return tval_slot_value(v, a, tval_slot(v, a, key, true));
}

struct tval *
tval_set_borrow(struct tval *v, struct arena *a, const char *key)
{
	return tval_slot_value(v, a, tval_slot(v, a, key, false));
}

void
tval_set_shared(struct tval *v, struct arena *a, const char *key, struct tval *value)
{
	size_t i = tval_slot(v, a, key, false); /* first: it may move v->items */

	v->items[i] = value;
}

void
tval_share_keys(struct tval *v, struct arena *a, struct tval *like)
{
	size_t i;

	if (like == NULL || like == v || v->kind != TV_MAP || like->kind != TV_MAP ||
	    v->n != like->n || v->keys == like->keys)
		return;
	for (i = 0; i < v->n; i++)
		if (v->keys[i] != like->keys[i] && strcmp(v->keys[i], like->keys[i]) != 0)
			return;
	if (!v->shared_keys)
		arena_recycle(a, (void *)v->keys, v->cap * sizeof(*v->keys));
	v->keys = like->keys;
	v->shared_keys = like->shared_keys = true;
}

struct tval *
tval_copy(const struct tval *v, struct arena *a)
{
	struct tval *c = arena_alloc(a, sizeof(*c));

	*c = *v;
	if (v->kind != TV_LIST && v->kind != TV_MAP)
		return c;
	c->cap = v->n;
	c->shared_keys = false;
	c->items = v->n ? arena_array(a, v->n, sizeof(*c->items)) : NULL;
	if (v->n)
		memcpy(c->items, v->items, v->n * sizeof(*c->items));
	if (v->kind == TV_MAP) {
		c->keys = v->n ? arena_array(a, v->n, sizeof(*c->keys)) : NULL;
		if (v->n)
			memcpy((void *)c->keys, v->keys, v->n * sizeof(*c->keys));
	}
	return c;
}

const struct tval *
tval_get(const struct tval *v, const char *key)
{
	size_t i;

	if (v == NULL || v->kind != TV_MAP || key == NULL)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return v->items[i];
	return NULL;
}

const struct tval *
tval_get_n(const struct tval *v, const char *s, size_t n)
{
	size_t i, k;

	if (v == NULL || v->kind != TV_MAP)
		return NULL;
	for (i = 0; i < v->n; i++) {
		const char *key = v->keys[i];

		for (k = 0; k < n && key[k] != '\0' && key[k] == s[k]; k++)
			;
		if (k == n && key[n] == '\0')
			return v->items[i];
	}
	return NULL;
}

bool
tval_is_truthy(const struct tval *v)
{
	if (v == NULL)
		return false;
	switch (v->kind) {
	case TV_BOOL: return v->b;
	case TV_STR: return v->s != NULL && v->s[0] != '\0';
	case TV_LIST: return v->n > 0;
	case TV_MAP: return true;
	default: return false;
	}
}
