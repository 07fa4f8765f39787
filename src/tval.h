/*
 * tval.h: the values templates run over (template.h), built by context.c: null, a boolean, a
 * string, a list or a map (keys in insertion order). Everything lives in the arena given to the
 * functions below, which owns it; values may be shared between lists and maps, never freed one
 * by one.
 */
#ifndef VERBALE_TVAL_H
#define VERBALE_TVAL_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum tval_kind { TV_NULL, TV_BOOL, TV_STR, TV_LIST, TV_MAP };

/*
 * A value: null, a boolean, a string, a list or a map (keys in insertion order). Build them
 * with the functions below; everything lives in the arena given to them. A zeroed struct tval
 * is null.
 */
struct tval {
	enum tval_kind kind;
	bool b;              /* TV_BOOL */
	bool shared_keys;    /* TV_MAP: keys is another map's too (tval_share_keys) */
	const char *s;       /* TV_STR: UTF-8, NUL-terminated */
	struct tval **items; /* TV_LIST items, TV_MAP values; each one never moves */
	const char **keys;   /* TV_MAP keys */
	size_t n, cap;
};

void tval_bool(struct tval *v, bool b);
/* A string; s is copied into a. */
void tval_str(struct tval *v, struct arena *a, const char *s);
/* A string that already lives as long as the arena (not copied). */
void tval_str_borrow(struct tval *v, const char *s);
void tval_strf(struct tval *v, struct arena *a, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Make v an empty list or map. */
void tval_list(struct tval *v);
void tval_map(struct tval *v);
/* Append a null item to list v and return it (valid as long as the arena). */
struct tval *tval_push(struct tval *v, struct arena *a);
/* Append item to list v, shared and not copied: one value may be an item or a key's value in
 * many places. It must live as long as the arena. */
void tval_push_shared(struct tval *v, struct arena *a, struct tval *item);
/* Set key in map v (key is copied): returns the value slot, null when new; it stays valid as
 * long as the arena, whatever is added afterwards. */
struct tval *tval_set(struct tval *v, struct arena *a, const char *key);
/* The same with key borrowed, not copied: it must live as long as the arena (a literal). */
struct tval *tval_set_borrow(struct tval *v, struct arena *a, const char *key);
/* Set key in map v (borrowed, as above) to value, shared and not copied, as tval_push_shared
 * does. */
void tval_set_shared(struct tval *v, struct arena *a, const char *key, struct tval *value);
/* When map v has the keys of map like, in the same order, let v use like's array of keys and
 * give its own back: maps of one shape cost their values only. Either map may still get new
 * keys afterwards. */
void tval_share_keys(struct tval *v, struct arena *a, struct tval *like);
/* A new list or map with the items (and keys) of v, shared and not copied: a key set in the
 * copy replaces its value there only. Any other value is copied as it is. */
struct tval *tval_copy(const struct tval *v, struct arena *a);
/* The value of key in map v, or NULL; of the key s[0..n) (not NUL-terminated). */
const struct tval *tval_get(const struct tval *v, const char *key);
const struct tval *tval_get_n(const struct tval *v, const char *s, size_t n);
/* Whether a section over v runs once (Mustache's truthiness): true, a non-empty string, a
 * non-empty list, any map. NULL (a missing key) is false. */
bool tval_is_truthy(const struct tval *v);

#endif
