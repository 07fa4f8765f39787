/*
 * hyphenate.c: Italian hyphenation, with a cache of the words already seen.
 *
 * The patterns are read into verbale's own table (hyphenate_table.c: Liang's matching over a
 * trie), which gives the same points as libhyphen over the closed patterns, word for word
 * (hyphenate_test.c compares them on every word of the samples and the reference minutes and on
 * 200,000 made-up words), at a twentieth of the loading cost (0.2 M instructions instead of 4.7
 * M: a fifth of verbale's start-up once fontconfig's choice is cached) and less than half the
 * cost per word. libhyphen stays for the dictionaries the table does not read (keywords,
 * non-standard patterns) and as the tests' reference; what follows is about it.
 *
 * libhyphen's hnj_hyphen_hyphenate2 wants the word lower-cased and NUL-terminated in the
 * dictionary's encoding. With a UTF-8 dictionary it ends by compacting hyphens[] from one
 * entry per byte to one per character (hnj_hyphen_norm): hyphens[k] odd means "break after
 * character k". So the word is lower-cased here keeping every character's byte length (ASCII
 * and Latin-1 only change case within the same length), and the character indexes are turned
 * back into byte offsets with the table of character ends built while lower-casing.
 *
 * The dictionary is read and its patterns closed under embedding (see patterns_close) before
 * libhyphen loads it from memory: Debian's file is not, and libhyphen missed about one break
 * in ten (se-duta, bo-logna, aste-nuti instead of se-du-ta, bo-lo-gna, aste-nu-ti).
 */
#include "hyphenate.h"

#include <hyphen.h> /* libhyphen's */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate_table.h"
#include "text.h"
#include "util.h"

/* Italian practice: letters kept before and after a break, and the shortest word broken. */
enum { MIN_LEFT = 2, MIN_RIGHT = 2, MIN_WORD = HYPHENATE_WORD_MIN };

/* Cached words before the cache is emptied and starts again (a bound for long batches). */
enum { CACHE_MAX = 1 << 15 };

/* Limits on the dictionary: its size, and the letters of one pattern. */
enum { DICT_MAX_BYTES = 8 << 20, PATTERN_MAX = 64 };

_Static_assert(HYPHENATE_WORD_MAX <= 255, "offsets and counts are cached as bytes");

struct entry {
	const char *key;             /* the lower-cased word in the arena; NULL: a free slot */
	const unsigned char *points; /* its break points (byte offsets), in the arena */
	uint32_t hash;
	unsigned char len; /* bytes of key */
	unsigned char n;   /* points */
};

struct hyphenator {
	struct hyphenate_table *patterns; /* the patterns (hyphenate_table.c), or NULL: */
	HyphenDict *dict;    /* libhyphen's, for dictionaries the table does not read */
	struct arena *arena; /* keys and points of the cached words */
	struct entry *table; /* open addressing, linear probing */
	size_t count, cap;   /* cap: a power of two, at least twice count */
	size_t asked;        /* calls of hyphenate_points */
};

/* A pattern: its letters (bytes) and the digit before each letter and after the last. */
struct pattern {
	const char *letters;
	size_t len;
	unsigned char digits[PATTERN_MAX + 1];
};

/* A pattern embedded in another one: it adds its digits to a prefix of the other. */
struct embed {
	const struct pattern *in; /* the key is the first len letters of in */
	size_t len;
	const struct pattern *sub; /* found at in->letters + shift */
	size_t shift;
};

static int
pattern_cmp(const void *a, const void *b)
{
	const struct pattern *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->letters, y->letters, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

static int
embed_cmp(const void *a, const void *b)
{
	const struct embed *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->in->letters, y->in->letters, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Parse one pattern such as "a1nti3m2n"; false when it is not a plain pattern. */
static bool
pattern_parse(const char *s, size_t n, struct arena *a, struct pattern *pat)
{
	char *letters = arena_alloc(a, n + 1);
	size_t i;

	memset(pat->digits, 0, sizeof(pat->digits));
	pat->len = 0;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			pat->digits[pat->len] = (unsigned char)(s[i] - '0');
		else if (pat->len < PATTERN_MAX)
			letters[pat->len++] = s[i];
		else
			return false;
	}
	pat->letters = letters;
	return pat->len > 0;
}

/*
 * libhyphen matches patterns with an automaton whose states report only their own pattern, not
 * the shorter ones ending at the same place: a dictionary must list, for every pattern, each
 * prefix that ends where another pattern ends, with both patterns' digits (hyphen's
 * substrings.pl does this). Debian's hyph_it_IT.dic does not, so "utri2a" hides "1t" and
 * "seduta" came out se-duta. This makes that closure in memory, as substrings.pl would: returns
 * the dictionary text to load (malloc'd), or NULL to load data as it is (a dictionary with
 * levels or non-standard patterns, which this closure does not handle, or with no patterns).
 */
static char *
patterns_close(const char *data, size_t len, size_t *outlen)
{
	struct arena *a = arena_new();
	struct buf out = {0};
	struct pattern *pats = NULL, key;
	struct embed *emb = NULL;
	size_t npats = 0, cappats = 0, nemb = 0, capemb = 0, i, j, k, t, e;
	const char *line, *eol, *end = data + len, *tok;
	unsigned char digits[PATTERN_MAX + 1];
	bool first = true, ok = true;
	const struct pattern *sub;

	for (line = data; ok && line < end; line = eol + 1) {
		if ((eol = memchr(line, '\n', (size_t)(end - line))) == NULL)
			eol = end;
		if (first || (line[0] >= 'A' && line[0] <= 'Z')) { /* charset, keywords */
			if (!first && eol - line >= 9 && memcmp(line, "NEXTLEVEL", 9) == 0)
				ok = false;
			buf_add(&out, line, (size_t)(eol - line));
			buf_putc(&out, '\n');
			first = false;
			continue;
		}
		if (line[0] == '%')
			continue;
		for (tok = line; ok && (tok = hyphenate_dic_word(tok, eol, &i)) != NULL; tok += i) {
			pats = xgrow(pats, &cappats, npats + 1, sizeof(*pats));
			if (memchr(tok, '/', i) != NULL || !pattern_parse(tok, i, a, &pats[npats]))
				ok = false;
			npats++;
		}
	}
	if (!ok || npats == 0) {
		free(pats);
		buf_free(&out);
		arena_free(a);
		return NULL;
	}
	util_sort(pats, npats, sizeof(*pats), pattern_cmp);
	for (i = j = 0; i < npats; i++) { /* a pattern given twice: the digits of both */
		if (j > 0 && pattern_cmp(&pats[j - 1], &pats[i]) == 0) {
			for (k = 0; k <= pats[i].len; k++)
				if (pats[i].digits[k] > pats[j - 1].digits[k])
					pats[j - 1].digits[k] = pats[i].digits[k];
		} else
			pats[j++] = pats[i];
	}
	npats = j;
	for (i = 0; i < npats; i++)
		for (j = 0; j < pats[i].len; j++)
			for (k = 1; j + k <= pats[i].len; k++) {
				key.letters = pats[i].letters + j;
				key.len = k;
				sub = bsearch(&key, pats, npats, sizeof(*pats), pattern_cmp);
				if (sub == NULL)
					continue;
				emb = xgrow(emb, &capemb, nemb + 1, sizeof(*emb));
				emb[nemb].in = &pats[i];
				emb[nemb].len = j + k;
				emb[nemb].sub = sub;
				emb[nemb++].shift = j;
			}
	util_sort(emb, nemb, sizeof(*emb), embed_cmp);
	for (e = 0; e < nemb; e = t) {
		memset(digits, 0, sizeof(digits));
		for (t = e; t < nemb && embed_cmp(&emb[e], &emb[t]) == 0; t++)
			for (k = 0; k <= emb[t].sub->len; k++)
				if (emb[t].sub->digits[k] > digits[emb[t].shift + k])
					digits[emb[t].shift + k] = emb[t].sub->digits[k];
		for (k = 0; k <= emb[e].len; k++) {
			if (digits[k] != 0)
				buf_putc(&out, '0' + digits[k]);
			if (k < emb[e].len)
				buf_putc(&out, emb[e].in->letters[k]);
		}
		buf_putc(&out, '\n');
	}
	free(pats);
	free(emb);
	arena_free(a);
	*outlen = out.len;
	return buf_detach(&out);
}

static struct hyphenator *
hyphenate_new(struct hyphenate_table *patterns, HyphenDict *dict)
{
	struct hyphenator *h = xcalloc(1, sizeof(*h));

	h->patterns = patterns;
	h->dict = dict;
	h->arena = arena_new();
	h->cap = 1024;
	h->table = xcalloc(h->cap, sizeof(*h->table));
	return h;
}

/* hyphenate_open, with libhyphen's automaton when libhyphen is true. */
static struct hyphenator *
hyphenate_load(const char *path, const struct util_reader *reader, bool libhyphen, struct diags *d)
{
	struct hyphenate_table *table = NULL;
	struct pos p = {NULL, 0, 0};
	HyphenDict *dict = NULL;
	char *data = NULL, *closed;
	size_t len = 0;
	FILE *f;
	int err;

	if (path == NULL)
		path = HYPHENATE_DEFAULT_DICT;
	p.file = path;
	if ((err = util_read_file_via(reader, path, DICT_MAX_BYTES, &data, &len)) != 0) {
		diag_report(d, D_READ, &p, path,
		            err == -1 ? "file troppo grande" : util_strerror(err));
		return NULL;
	}
	if (!libhyphen && (table = hyphenate_table_new(data, len)) != NULL) {
		free(data);
		return hyphenate_new(table, NULL);
	}
	if ((closed = patterns_close(data, len, &len)) != NULL) {
		free(data);
		data = closed;
	}
	if (len > 0 && (f = fmemopen(data, len, "r")) != NULL) {
		dict = hnj_hyphen_load_file(f);
		fclose(f);
	}
	free(data);
	if (dict == NULL || !dict->utf8) {
		diag_report(d, D_READ, &p, path, "non è un dizionario di sillabazione in UTF-8");
		if (dict != NULL)
			hnj_hyphen_free(dict);
		return NULL;
	}
	return hyphenate_new(NULL, dict);
}

struct hyphenator *
hyphenate_open(const char *path, const struct util_reader *reader, struct diags *d)
{
	return hyphenate_load(path, reader, false, d);
}

struct hyphenator *
hyphenate_open_libhyphen(const char *path, struct diags *d)
{
	return hyphenate_load(path, NULL, true, d);
}

void
hyphenate_free(struct hyphenator *h)
{
	if (h == NULL)
		return;
	hyphenate_table_free(h->patterns);
	if (h->dict != NULL)
		hnj_hyphen_free(h->dict);
	arena_free(h->arena);
	free(h->table);
	free(h);
}

/*
 * Copy word[0..len) lower-cased into low (NUL-terminated) and store in ends[k] the byte offset
 * just after character k. Returns the number of characters, or 0 when this is not one word:
 * invalid UTF-8, an ASCII byte that is not a letter, or common punctuation beyond ASCII.
 */
static size_t
lower(const char *word, size_t len, char *low, size_t *ends)
{
	size_t i = 0, n = 0, l;
	uint32_t cp;

	while (i < len) {
		if ((l = text_utf8_decode(word + i, len - i, &cp)) == 0)
			return 0;
		memcpy(low + i, word + i, l);
		if (cp < 0x80) {
			if (cp >= 'A' && cp <= 'Z')
				low[i] = (char)(cp + ('a' - 'A'));
			else if (cp < 'a' || cp > 'z')
				return 0;
		} else if (cp < 0xC0 || cp == 0xD7 || cp == 0xF7 || (cp >= 0x2000 && cp < 0x2C00)) {
			return 0; /* Latin-1 punctuation, x and /, quotes, dashes, symbols */
		} else if (cp < 0xDF) {
			/* À..Þ to à..þ: C3 80..9E to C3 A0..BE */
			low[i + 1] = (char)(low[i + 1] + 0x20);
		}
		i += l;
		ends[n++] = i;
	}
	low[len] = '\0';
	return n;
}

static struct entry *
lookup(const struct hyphenator *h, const char *key, size_t len, uint32_t hash)
{
	size_t i = hash & (h->cap - 1);
	struct entry *e;

	for (;; i = (i + 1) & (h->cap - 1)) {
		e = &h->table[i];
		if (e->key == NULL ||
		    (e->hash == hash && e->len == len && memcmp(e->key, key, len) == 0))
			return e;
	}
}

/* Make room for one more entry: double the table, or empty the cache when it is full. */
static void
make_room(struct hyphenator *h)
{
	struct entry *old = h->table;
	size_t oldcap = h->cap, i;

	if (h->count + 1 >= CACHE_MAX) {
		arena_free(h->arena);
		h->arena = arena_new();
		memset(h->table, 0, h->cap * sizeof(*h->table));
		h->count = 0;
		return;
	}
	if (2 * (h->count + 1) <= h->cap)
		return;
	h->cap *= 2;
	h->table = xcalloc(h->cap, sizeof(*h->table));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*lookup(h, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

/* Ask libhyphen about low (lower-cased, NUL-terminated, nchars characters ending at ends[]). */
static size_t
compute(const struct hyphenator *h, const char *low, size_t len, const size_t *ends, size_t nchars,
        unsigned char *points)
{
	char hyphens[HYPHENATE_WORD_MAX + 5], w[HYPHENATE_WORD_MAX + 2];
	unsigned char vals[HYPHENATE_WORD_MAX + 3];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t k, n = 0;

	if (h->patterns != NULL) {
		/* Liang: the word between dots; the value before w[ends[k] + 1] is after character
		 * k */
		w[0] = '.';
		memcpy(w + 1, low, len);
		w[len + 1] = '.';
		hyphenate_table_values(h->patterns, w, len + 2, vals);
		for (k = MIN_LEFT - 1; k + MIN_RIGHT < nchars; k++)
			if (vals[ends[k] + 1] & 1)
				points[n++] = (unsigned char)ends[k];
		return n;
	}
	if (hnj_hyphen_hyphenate2(h->dict, low, (int)len, hyphens, NULL, &rep, &pos, &cut) == 0) {
		/* k: index of the character the break follows; k + 1 letters stay on the left */
		for (k = MIN_LEFT - 1; k + MIN_RIGHT < nchars; k++)
			if (hyphens[k] & 1)
				points[n++] = (unsigned char)ends[k];
	}
	/* Non-standard hyphenation (replacements): none in Italian, released if ever given. */
	if (rep != NULL)
		for (k = 0; k < len; k++)
			free(rep[k]);
	free(rep);
	free(pos);
	free(cut);
	return n;
}

size_t
hyphenate_points(struct hyphenator *h, const char *word, size_t len, size_t *points, size_t max)
{
	char low[HYPHENATE_WORD_MAX + 1];
	size_t ends[HYPHENATE_WORD_MAX];
	unsigned char found[HYPHENATE_WORD_MAX];
	struct entry *e;
	uint32_t hash;
	size_t nchars, i;
	char *key;

	if (h == NULL || word == NULL || len == 0 || len > HYPHENATE_WORD_MAX)
		return 0;
	h->asked++;
	if ((nchars = lower(word, len, low, ends)) < MIN_WORD)
		return 0;
	hash = (uint32_t)util_hash(UTIL_HASH_INIT, low, len);
	e = lookup(h, low, len, hash);
	if (e->key == NULL) {
		make_room(h);
		e = lookup(h, low, len, hash);
		e->n = (unsigned char)compute(h, low, len, ends, nchars, found);
		key = arena_strndup(h->arena, low, len);
		e->points = memcpy(arena_alloc(h->arena, e->n + 1), found, e->n);
		e->hash = hash;
		e->len = (unsigned char)len;
		e->key = key;
		h->count++;
	}
	for (i = 0; i < e->n && i < max; i++)
		points[i] = e->points[i];
	return i;
}

size_t
hyphenate_asked(const struct hyphenator *h)
{
	return h != NULL ? h->asked : 0;
}
