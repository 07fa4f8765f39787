/* util_test.c: the arena. */
#include <stdbool.h>

#include "harness.h"
#include "util.h"

static void
arena_tests(void)
{
	struct arena *a = arena_new();
	unsigned char *p, *q, *r;
	size_t i;
	bool zero = true;

	harness.test = "arena";
	p = arena_alloc(a, 64);
	memset(p, 0xAA, 64);
	arena_recycle(a, p, 64);
	q = arena_alloc(a, 32);
	OK(q != p, "a recycled block is given only for its own size");
	r = arena_alloc(a, 64);
	OK(r == p, "a recycled block is given again for its size");
	for (i = 0; i < 64; i++)
		zero = zero && r[i] == 0;
	OK(zero, "zeroed, as every arena_alloc");
	OK(arena_alloc(a, 64) != p, "once");
	/* sizes that are no power of two, and NULL, are left alone */
	p = arena_alloc(a, 96);
	arena_recycle(a, p, 96);
	OK(arena_alloc(a, 96) != p, "96 bytes: not recycled");
	arena_recycle(a, NULL, 64);
	OK(arena_alloc(a, 64) != NULL, "NULL is not recycled");
	/* a request rounded up to a class gets the class's blocks */
	p = arena_alloc(a, 128);
	arena_recycle(a, p, 128);
	OK(arena_alloc(a, 120) == p, "120 bytes, rounded to 128");
	arena_free(a);
	arena_free(NULL);
}

static void
path_tests(void)
{
	harness.test = "util_path_under";
	STR_EQ(util_path_under("/a/b/c.md", "/a/b"), "c.md", "a file in the folder");
	STR_EQ(util_path_under("/a/b/c/d.md", "/a/b"), "c/d.md", "deeper");
	OK(util_path_under("/a/b", "/a/b") == NULL, "the folder itself");
	OK(util_path_under("/a/bc/d.md", "/a/b") == NULL, "a sibling with a longer name");
	OK(util_path_under("/a/d.md", "/a/b") == NULL, "the parent's file");
	STR_EQ(util_path_under("/x.md", "/"), "x.md", "in the root");
	OK(util_path_under("/", "/") == NULL, "the root itself");
	OK(util_path_under("/a", "") == NULL, "no folder");
}

/* The published FNV-1a 64-bit values, and the three entry points agreeing. */
static void
hash_tests(void)
{
	unsigned long long h;

	harness.test = "util_hash";
	OK(util_hash(UTIL_HASH_INIT, "", 0) == 0xcbf29ce484222325ull, "the empty input");
	OK(util_hash(UTIL_HASH_INIT, "a", 1) == 0xaf63dc4c8601ec8cull, "\"a\"");
	OK(util_hash_str("foobar") == 0x85944171f73967e8ull, "\"foobar\"");
	h = util_hash(UTIL_HASH_INIT, "foo", 3);
	OK(util_hash(h, "bar", 3) == util_hash_str("foobar"), "continued from a prefix");
	OK(util_hash_value(UTIL_HASH_INIT, 'a') == util_hash(UTIL_HASH_INIT, "a", 1),
	   "one byte as a value");
	OK(util_hash_value(UTIL_HASH_INIT, 0x2014) == 0xaf43c94c85cb6c43ull,
	   "a code point (U+2014) is one step, not its bytes");
}

/* Days from 1970 to a date: the epoch, the sitting of the sample, leap days, before 1970. */
static void
days_tests(void)
{
	INT_EQ(util_days_from_civil(1970, 1, 1), 0, "1970-01-01");
	INT_EQ(util_days_from_civil(2022, 2, 23), 19046, "2022-02-23"); /* 1645574400 / 86400 */
	INT_EQ(util_days_from_civil(2000, 2, 29), 11016, "2000-02-29");
	INT_EQ(util_days_from_civil(2000, 3, 1), 11017, "2000-03-01");
	INT_EQ(util_days_from_civil(1900, 3, 1) - util_days_from_civil(1900, 2, 28), 1, "1900");
	INT_EQ(util_days_from_civil(1969, 12, 31), -1, "1969-12-31");
}

void
util_tests(void)
{
	days_tests();
	arena_tests();
	path_tests();
	hash_tests();
}
