/*
 * hyphenate_table.c: the patterns as a trie whose edges are in one hash table (node, byte) ->
 * node, and each node that ends a pattern points at that pattern's digits.
 */
#include "hyphenate_table.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

enum { TABLE_PATTERN_MAX = 64 }; /* letters of one pattern */

struct edge {
	uint32_t key;   /* parent << 8 | byte, + 1 (0: a free slot) */
	uint32_t child; /* node */
};

struct hyphenate_table {
	struct edge *edges;  /* open addressing, linear probing */
	uint32_t mask;       /* slots - 1 (a power of two, at least twice the edges) */
	uint32_t nodes;      /* the root is node 0 */
	uint32_t *digits;    /* [node]: offset + 1 in pool of the pattern ending there, or 0 */
	unsigned char *pool; /* each pattern's length then its length + 1 digits */
	size_t poollen, poolcap;
	size_t nodecap;
};

static uint32_t
table_hash(uint32_t key)
{
	key ^= key >> 16;
	key *= 0x45d9f3bU;
	key ^= key >> 16;
	return key;
}

/* The slot of the edge (node, byte): its own, or the free one where it would go. */
static struct edge *
table_slot(const struct hyphenate_table *t, uint32_t node, unsigned char byte)
{
	uint32_t key = (node << 8 | byte) + 1, i = table_hash(key) & t->mask;

	while (t->edges[i].key != 0 && t->edges[i].key != key)
		i = (i + 1) & t->mask;
	return &t->edges[i];
}

/* Add one pattern s[0..n); false when it is not a plain pattern. */
static bool
table_add(struct hyphenate_table *t, const char *s, size_t n)
{
	unsigned char letters[TABLE_PATTERN_MAX], digits[TABLE_PATTERN_MAX + 1] = {0};
	size_t len = 0, i;
	uint32_t node = 0;
	struct edge *e;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digits[len] = (unsigned char)(s[i] - '0');
		else if (s[i] == '/' || len == TABLE_PATTERN_MAX)
			return false;
		else
			letters[len++] = (unsigned char)s[i];
	}
	if (len == 0)
		return false;
	for (i = 0; i < len; i++) {
		e = table_slot(t, node, letters[i]);
		if (e->key == 0) {
			e->key = (node << 8 | letters[i]) + 1;
			e->child = t->nodes;
			t->digits = xgrow(t->digits, &t->nodecap, t->nodes + 1, sizeof(*t->digits));
			t->digits[t->nodes++] = 0;
		}
		node = e->child;
	}
	if (t->digits[node] != 0) { /* given twice: the higher digit of both at each place */
		unsigned char *old = t->pool + t->digits[node];

		for (i = 0; i <= len; i++)
			if (digits[i] > old[i])
				old[i] = digits[i];
		return true;
	}
	t->pool = xgrow(t->pool, &t->poolcap, t->poollen + len + 2, 1);
	t->pool[t->poollen] = (unsigned char)len;
	memcpy(t->pool + t->poollen + 1, digits, len + 1);
	t->digits[node] = (uint32_t)t->poollen + 1;
	t->poollen += len + 2;
	return true;
}

struct hyphenate_table *
hyphenate_table_new(const char *data, size_t len)
{
	struct hyphenate_table *t;
	const char *line, *eol, *end = data + len, *tok;
	size_t bytes = 0, slots = 64, i;
	bool ok = true, any = false;

	/* the charset, then patterns only */
	if ((eol = memchr(data, '\n', len)) == NULL)
		return NULL;
	line = data;
	i = (size_t)(eol - line);
	while (i > 0 && (line[i - 1] == '\r' || line[i - 1] == ' ' || line[i - 1] == '\t'))
		i--;
	if (i != 5 || memcmp(line, "UTF-8", 5) != 0)
		return NULL;
	for (i = 0; i < len; i++) /* an upper bound of the edges */
		bytes += !(data[i] >= '0' && data[i] <= '9');
	while (slots < 2 * bytes)
		slots *= 2;
	t = xcalloc(1, sizeof(*t));
	t->edges = xcalloc(slots, sizeof(*t->edges));
	t->mask = (uint32_t)(slots - 1);
	t->digits = xgrow(NULL, &t->nodecap, 1, sizeof(*t->digits));
	t->digits[0] = 0;
	t->nodes = 1;
	for (line = eol + 1; ok && line < end; line = eol + 1) {
		if ((eol = memchr(line, '\n', (size_t)(end - line))) == NULL)
			eol = end;
		if (line[0] == '%')
			continue;
		if (line[0] >= 'A' && line[0] <= 'Z') { /* keywords: libhyphen's business */
			ok = false;
			break;
		}
		for (tok = line; ok && (tok = hyphenate_dic_word(tok, eol, &i)) != NULL; tok += i) {
			ok = table_add(t, tok, i);
			any = true;
		}
	}
	if (!ok || !any) {
		hyphenate_table_free(t);
		return NULL;
	}
	return t;
}

const char *
hyphenate_dic_word(const char *at, const char *eol, size_t *len)
{
	size_t i;

	while (at < eol && (*at == ' ' || *at == '\t' || *at == '\r'))
		at++;
	for (i = 0; at + i < eol && at[i] != ' ' && at[i] != '\t' && at[i] != '\r'; i++)
		;
	*len = i;
	return i > 0 ? at : NULL;
}

void
hyphenate_table_free(struct hyphenate_table *t)
{
	if (t == NULL)
		return;
	free(t->edges);
	free(t->digits);
	free(t->pool);
	free(t);
}

void
hyphenate_table_values(const struct hyphenate_table *t, const char *w, size_t m,
                       unsigned char *vals)
{
	const struct edge *e;
	const unsigned char *p;
	uint32_t node;
	size_t i, j, k;

	memset(vals, 0, m + 1);
	for (i = 0; i < m; i++) {
		for (node = 0, j = i; j < m; j++) {
			e = table_slot(t, node, (unsigned char)w[j]);
			if (e->key == 0)
				break;
			node = e->child;
			if (t->digits[node] == 0)
				continue;
			p = t->pool + t->digits[node]; /* the digits of w[i..j] */
			for (k = 0; k <= j - i + 1; k++)
				if (p[k] > vals[i + k])
					vals[i + k] = p[k];
		}
	}
}
