/*
 * ties.c: ties, words kept whole, and the break points of URLs (ties.h).
 *
 * Words are compared folded (text_fold: lower case, no accents, one apostrophe shape), after
 * the punctuation around them is set aside: "(art." is "art.", "42," is "42", "l'art." is
 * "art.". The sitting's names are kept as two sorted tables: the pairs of adjacent words of
 * each surname ("lo russo") and every word of every name ("lo", "russo", "torino").
 */
#include "ties.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

struct ties {
	char **pairs; /* "word word", folded, sorted */
	size_t npairs, cappairs;
	char **words; /* folded, sorted */
	size_t nwords, capwords;
};

/* Units a number is bound to (folded); the euro sign is bound to anything before it. */
static const char *const units[] = {
        "%",    "‰",       "€",        "euro", "eur",  "km",     "m",   "m2",     "m3",
        "m²",   "m³",      "mq",       "mc",   "cm",   "mm",     "kg",  "g",      "q",
        "t",    "l",       "hl",       "ha",   "kw",   "kwh",    "mw",  "mwh",    "°c",
        "mila", "milioni", "miliardi", "anni", "mesi", "giorni", "ore", "minuti",
};
/* Abbreviations bound to the number or the letter after them (folded). */
static const char *const refs[] = {
        "art.",  "artt.", "comma", "commi", "n.",   "nn.",  "num.", "lett.", "pag.",
        "pagg.", "p.",    "pp.",   "cap.",  "par.", "all.", "co.",  "c.",
};
/* Titles bound to the name after them (folded). */
static const char *const titles[] = {
        "sig.", "sig.ra", "sigg.",    "sig.na", "dott.", "dott.ssa", "dr.",     "avv.",
        "ing.", "prof.",  "prof.ssa", "on.",    "arch.", "geom.",    "rag.",    "mons.",
        "p.i.", "gen.",   "col.",     "magg.",  "cav.",  "comm.",    "dott.ri", "proff.",
};

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
in_table(const char *const *table, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(table[i], s) == 0)
			return true;
	return false;
}

static bool
in_sorted(char *const *v, size_t n, const char *s)
{
	return n > 0 && bsearch(&s, v, n, sizeof(*v), cmp_str) != NULL;
}

/* Opening punctuation set aside before a word, closing punctuation after it. */
static bool
is_open(char c)
{
	return c == '(' || c == '[' || c == '"' || c == '\'';
}

static bool
is_close(char c)
{
	return c == ')' || c == ']' || c == '"' || c == ',' || c == ';' || c == ':' || c == '!' ||
	       c == '?';
}

/* s[0..n) without the punctuation around it (keep_dot: a final '.' stays), folded, in a
 * malloc'd string. Guillemets and curly quotes are set aside as well. */
static char *
core_fold(const char *s, size_t n, bool keep_dot)
{
	bool again = true;

	while (again) {
		again = false;
		if (n > 0 && is_open(s[0])) {
			s++, n--, again = true;
		} else if (n >= 2 && (memcmp(s, "\xC2\xAB", 2) == 0)) {
			s += 2, n -= 2, again = true;
		} else if (n >= 3 && (memcmp(s, "\xE2\x80\x9C", 3) == 0 ||
		                      memcmp(s, "\xE2\x80\x98", 3) == 0)) {
			s += 3, n -= 3, again = true;
		}
		if (n > 0 && (is_close(s[n - 1]) || (!keep_dot && s[n - 1] == '.'))) {
			n--, again = true;
		} else if (n >= 2 && memcmp(s + n - 2, "\xC2\xBB", 2) == 0) {
			n -= 2, again = true;
		} else if (n >= 3 && (memcmp(s + n - 3, "\xE2\x80\x9D", 3) == 0 ||
		                      memcmp(s + n - 3, "\xE2\x80\x99", 3) == 0)) {
			n -= 3, again = true;
		}
	}
	return text_folded_n(s, n);
}

/* The part of a folded word after its last apostrophe ("l'art." -> "art."). */
static const char *
after_elision(const char *w)
{
	const char *q = strrchr(w, '\'');

	return q != NULL && q[1] != '\0' ? q + 1 : w;
}

static void
push(char ***v, size_t *n, size_t *cap, char *s)
{
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

static bool is_upper(uint32_t cp);

/* Add to t's words, folded, every word of the phrase s that starts with a capital (a proper
 * name's: "Città metropolitana di Torino" gives "citta" and "torino"). */
static void
add_words(struct ties *t, const char *s)
{
	size_t i = 0, n = strlen(s);

	while (i < n) {
		size_t j = i, k = i;
		uint32_t first = text_utf8_next(s, n, &k);

		while (j < n && s[j] != ' ' && s[j] != '\'' && s[j] != '-')
			j++;
		if (j > i && is_upper(first)) {
			char *raw = xstrndup(s + i, j - i), *f = text_folded(raw);

			push(&t->words, &t->nwords, &t->capwords, f);
			free(raw);
		}
		i = j + 1;
	}
}

/* Add the pairs of adjacent words of the phrase s to t's pairs. */
static void
add_pairs(struct ties *t, const char *s)
{
	char *prev = NULL;
	size_t i = 0, n = strlen(s);

	while (i < n) {
		size_t j = i;

		while (j < n && s[j] != ' ')
			j++;
		if (j > i) {
			char *w = core_fold(s + i, j - i, false);

			if (prev != NULL)
				push(&t->pairs, &t->npairs, &t->cappairs,
				     xasprintf("%s %s", prev, w));
			free(prev);
			prev = w;
		}
		i = j + 1;
	}
	free(prev);
}

struct ties *
ties_new(const char *const *bound, size_t nbound, const char *const *names, size_t nnames)
{
	struct ties *t = xcalloc(1, sizeof(*t));
	size_t i;

	for (i = 0; i < nbound + nnames; i++) {
		const char *s = i < nbound ? bound[i] : names[i - nbound];
		if (s == NULL)
			continue;
		add_words(t, s);
		if (i < nbound)
			add_pairs(t, s);
	}
	if (t->npairs > 0)
		qsort(t->pairs, t->npairs, sizeof(*t->pairs), cmp_str);
	if (t->nwords > 0)
		qsort(t->words, t->nwords, sizeof(*t->words), cmp_str);
	return t;
}

void
ties_free(struct ties *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->npairs; i++)
		free(t->pairs[i]);
	for (i = 0; i < t->nwords; i++)
		free(t->words[i]);
	free(t->pairs);
	free(t->words);
	free(t);
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A number: digits, with '.' and ',' between them ("1.234,00"). */
static bool
is_number(const char *w)
{
	size_t i;

	if (!is_digit(w[0]))
		return false;
	for (i = 0; w[i] != '\0'; i++)
		if (!is_digit(w[i]) && w[i] != '.' && w[i] != ',')
			return false;
	return true;
}

/* What follows a reference: a number, or a letter or two ("b)", "a"). */
static bool
is_ref_target(const char *w)
{
	size_t i = 0;

	if (is_digit(w[0]))
		return true;
	while (w[i] >= 'a' && w[i] <= 'z')
		i++;
	return i >= 1 && i <= 2 && w[i] == '\0';
}

static bool
is_dash(const char *s, size_t n)
{
	return n == 3 && (memcmp(s, "\xE2\x80\x93", 3) == 0 || memcmp(s, "\xE2\x80\x94", 3) == 0);
}

bool
ties_space_binds(const struct ties *t, const char *prev, size_t plen, const char *next, size_t nlen)
{
	char *p, *q, *pair;
	const char *pa;
	bool bind = false, dot;

	if (plen == 0 || nlen == 0)
		return false;
	/* a name list's separator stays with the name before it */
	if (is_dash(next, nlen))
		return true;
	/* the euro sign, before or after its amount */
	if ((plen == 3 && memcmp(prev, "€", 3) == 0) || (nlen == 3 && memcmp(next, "€", 3) == 0))
		return true;
	p = core_fold(prev, plen, true);
	q = core_fold(next, nlen, false);
	pa = after_elision(p);
	{
		/* the number without the sentence's full stop */
		size_t k = strlen(p);

		/* without a final '.', prev folds the same with keep_dot or without */
		dot = k > 0 && p[k - 1] == '.';
		if (dot && is_number(p))
			p[k - 1] = '\0';
	}
	if (is_number(p) && in_table(units, sizeof(units) / sizeof(units[0]), q))
		bind = true;
	else if (in_table(refs, sizeof(refs) / sizeof(refs[0]), pa) && q[0] != '\0' &&
	         is_ref_target(q))
		bind = true;
	else if (in_table(titles, sizeof(titles) / sizeof(titles[0]), pa) && q[0] >= 'a' &&
	         q[0] <= 'z')
		bind = true;
	else if (t != NULL && t->npairs > 0) {
		char *pn = dot ? core_fold(prev, plen, false) : p;
		size_t a = strlen(pn), b = strlen(q);

		pair = xmalloc(a + b + 2); /* "pn q", without printf's cost at every space */
		memcpy(pair, pn, a);
		pair[a] = ' ';
		memcpy(pair + a + 1, q, b + 1);
		bind = in_sorted(t->pairs, t->npairs, pair);
		free(pair);
		if (pn != p)
			free(pn);
	}
	free(p);
	free(q);
	return bind;
}

/* Whether the code point is a capital letter (Latin). */
static bool
is_upper(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) ||
	       (cp >= 0x100 && cp <= 0x17F && cp % 2 == 0);
}

bool
ties_word_keeps(const struct ties *t, const char *word, size_t len)
{
	size_t i = 0, letters = 0;
	bool caps = true, keep;
	char *raw, *f;

	while (i < len && caps) {
		uint32_t cp = text_utf8_next(word, len, &i);

		caps = is_upper(cp);
		letters++;
	}
	if (caps && letters >= 2)
		return true;
	/* a name's word where it is written as a name */
	i = 0;
	if (t == NULL || t->nwords == 0 || len == 0 || !is_upper(text_utf8_next(word, len, &i)))
		return false;
	raw = xstrndup(word, len);
	f = text_folded(raw);
	keep = in_sorted(t->words, t->nwords, f);
	free(f);
	free(raw);
	return keep;
}

bool
ties_url_checks(const char *word, size_t len)
{
	static const char *const starts[] = {"http://", "https://", "ftp://", "mailto:", "www."};
	size_t i;

	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		size_t k = strlen(starts[i]);

		if (len > k && strncmp(word, starts[i], k) == 0)
			return true;
	}
	return false;
}

size_t
ties_url_splits(const char *url, size_t len, size_t *at, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i + 1 < len && n < max; i++) {
		char c = url[i];

		if (c != '/' && c != '.' && c != '-' && c != '?' && c != '&')
			continue;
		if (url[i + 1] == '/' || (c == '/' && i > 0 && url[i - 1] == ':'))
			continue; /* not inside "//" */
		/* nothing but closing punctuation after it */
		if (is_close(url[i + 1]) || url[i + 1] == '.') {
			size_t k = i + 1;

			while (k < len && (is_close(url[k]) || url[k] == '.'))
				k++;
			if (k == len)
				break;
		}
		at[n++] = i + 1;
	}
	return n;
}
