/*
 * italian.c: numbers in words, dates, times, upper case, roll-call names, collation, plurals.
 * Pure functions over constant tables; every result is appended to the caller's buffer.
 */
#include "italian.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

/* 0..19 as words; "tre" without the accent it takes at the end of a compound. */
static const char *const units[20] = {
        "zero",        "uno",      "due",    "tre",         "quattro",  "cinque",     "sei",
        "sette",       "otto",     "nove",   "dieci",       "undici",   "dodici",     "tredici",
        "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove",
};

/* The tens, indexed by n / 10 (2..9). */
static const char *const tens[10] = {
        "",          "",         "venti",    "trenta",  "quaranta",
        "cinquanta", "sessanta", "settanta", "ottanta", "novanta",
};

static const char *const months[13] = {
        "",       "gennaio", "febbraio",  "marzo",   "aprile",   "maggio",   "giugno",
        "luglio", "agosto",  "settembre", "ottobre", "novembre", "dicembre",
};

/* Drop the last byte of out: the elided vowel of "cento" before "ottanta", of "venti" before
 * "uno" and "otto". Only ever called after an ASCII word was appended. */
static void
elide(struct buf *out)
{
	out->data[--out->len] = '\0';
}

/*
 * Append 1..999 in words. compound: something of the same word precedes (a thousands part);
 * last: nothing follows in the same word, so a final "tre" takes its accent ("ventitré",
 * "milletré") but not in "ventitremila".
 */
static void
put_group(long n, bool compound, bool last, struct buf *out)
{
	long h = n / 100, r = n % 100, u = r % 10;

	if (h > 0) {
		if (h > 1)
			buf_puts(out, units[h]);
		buf_puts(out, "cento");
		compound = true;
	}
	if (r == 0)
		return;
	if (h > 0 && r / 10 == 8)
		elide(out); /* centottanta, ottocentottantotto; but centootto */
	if (r >= 20) {
		buf_puts(out, tens[r / 10]);
		if (u == 1 || u == 8)
			elide(out); /* ventuno, trentotto */
		compound = true;
		r = u;
		if (r == 0)
			return;
	}
	if (r == 3 && compound && last)
		buf_puts(out, "tré");
	else
		buf_puts(out, units[r]);
}

void
it_number_words(long n, struct buf *out)
{
	long mil, th, rest;
	bool compound = false;

	if (n < 0 || n > 999999999L) {
		buf_printf(out, "%ld", n);
		return;
	}
	if (n == 0) {
		buf_puts(out, units[0]);
		return;
	}
	mil = n / 1000000;
	th = n / 1000 % 1000;
	rest = n % 1000;
	if (mil == 1)
		buf_puts(out, "un milione");
	else if (mil > 1) {
		put_group(mil, false, true, out);
		/* "ventun milioni": the -uno of a tens compound drops its o before the noun */
		if (mil % 100 > 20 && mil % 10 == 1)
			elide(out);
		buf_puts(out, " milioni");
	}
	if (mil > 0 && (th > 0 || rest > 0))
		buf_putc(out, ' '); /* "un milione duecentomila", "due milioni uno" */
	if (th == 1) {
		buf_puts(out, "mille");
		compound = true;
	} else if (th > 1) {
		put_group(th, false, false, out);
		buf_puts(out, "mila");
		compound = true;
	}
	if (rest > 0)
		put_group(rest, compound, true, out);
}

const char *
it_month(int m)
{
	return m >= 1 && m <= 12 ? months[m] : months[0];
}

void
it_date(int y, int m, int d, struct buf *out)
{
	if (d == 1)
		buf_puts(out, "1°");
	else
		buf_printf(out, "%d", d);
	buf_printf(out, " %s %d", it_month(m), y);
}

void
it_date_of(int y, int m, int d, struct buf *out)
{
	buf_puts(out,
	         d == 8 || d == 11 ? "dell'" : "del "); /* "otto", "undici" begin with a vowel */
	it_date(y, m, d, out);
}

void
it_period(int y, int m, struct buf *out)
{
	if (m >= 1 && m <= 12)
		buf_printf(out, "%s ", it_month(m));
	buf_printf(out, "%d", y);
}

void
it_period_of(int y, int m, struct buf *out)
{
	buf_puts(out, "del ");
	it_period(y, m, out);
}

void
it_date_iso(const char *iso, struct buf *out)
{
	int y = 0, m = 0, d = 0, n = sscanf(iso, "%d-%d-%d", &y, &m, &d);

	if (n == 3)
		it_date(y, m, d, out);
	else if (n == 2 || n == 1)
		it_period(y, n == 2 ? m : 0, out);
}

void
it_date_on(int y, int m, int d, struct buf *out)
{
	buf_puts(out, d == 8 || d == 11 ? "l'" : "il "); /* as it_date_of */
	it_date(y, m, d, out);
}

/* The articles a name may start with, and "da" joined to each. */
static const char *const from_forms[][2] = {{"il ", "dal "},
                                            {"lo ", "dallo "},
                                            {"la ", "dalla "},
                                            {"l'", "dall'"},
                                            {"l\xe2\x80\x99", "dall\xe2\x80\x99"}, /* l’ */
                                            {"i ", "dai "},
                                            {"gli ", "dagli "},
                                            {"le ", "dalle "}};

void
it_from(const char *who, struct buf *out)
{
	size_t i, n;

	for (i = 0; i < sizeof(from_forms) / sizeof(from_forms[0]); i++) {
		n = strlen(from_forms[i][0]);
		if (strncmp(who, from_forms[i][0], n) == 0) {
			buf_puts(out, from_forms[i][1]);
			buf_puts(out, who + n);
			return;
		}
	}
	buf_puts(out, "da ");
	buf_puts(out, who);
}

void
it_time(int h, int m, struct buf *out)
{
	buf_printf(out, "%d,%02d", h, m);
}

/* The prepositions a place may already start with ("nella Sala", "presso il Municipio"):
 * semplici and articolate, then the locutions. Each ends where the next word starts. */
static const char *const place_prepositions[] = {
        "in ",      "nel ",    "nello ", "nella ",   "nell'",     "nell’",  "nei ",  "negli ",
        "nelle ",   "a ",      "al ",    "allo ",    "alla ",     "all'",   "all’",  "ai ",
        "agli ",    "alle ",   "da ",    "dal ",     "dallo ",    "dalla ", "dall'", "dall’",
        "presso ",  "c/o ",    "sul ",   "sullo ",   "sulla ",    "sull'",  "sull’", "sotto ",
        "davanti ", "dentro ", "fuori ", "tramite ", "mediante ", "per "};

void
it_place(const char *luogo, struct buf *out)
{
	size_t i;

	for (i = 0; i < sizeof(place_prepositions) / sizeof(place_prepositions[0]); i++)
		if (strncasecmp(luogo, place_prepositions[i], strlen(place_prepositions[i])) == 0) {
			buf_puts(out, luogo);
			return;
		}
	buf_printf(out, "in %s", luogo);
}

/* The upper case of a lower-case Latin letter (Basic Latin, Latin-1 Supplement, Latin
 * Extended-A); any other code point as it is. */
static uint32_t
upper_of(uint32_t c)
{
	if (c >= 'a' && c <= 'z')
		return c - ('a' - 'A');
	if (c < 0xE0)
		return c; /* µ and ß included: no single-letter upper case in this range */
	if (c <= 0xFE)
		return c == 0xF7 ? c : c - 0x20; /* à -> À ... þ -> Þ; not ÷ */
	if (c == 0xFF)
		return 0x178; /* ÿ -> Ÿ */
	if (c == 0x131)
		return 'I'; /* dotless ı */
	if (c == 0x17F)
		return 'S'; /* long ſ */
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177))
		return (c & 1) ? c - 1 : c; /* pairs: upper even, lower odd (ā, ę, ő, ş, ū) */
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
		return (c & 1) ? c : c - 1; /* pairs: upper odd, lower even (ł, ň, ž) */
	return c;                           /* ĸ, ŉ and the rest */
}

void
it_upper(const char *s, struct buf *out)
{
	size_t n = strlen(s), i = 0, k;
	uint32_t cp;

	while (i < n) {
		k = text_utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			buf_add(out, s + i, 1); /* not UTF-8: copied as it is */
			i++;
			continue;
		}
		text_utf8_put(out, upper_of(cp));
		i += k;
	}
	if (out->data == NULL)
		buf_add(out, "", 0);
}

void
it_name_roll(const char *nome, const char *cognome, struct buf *out)
{
	if (nome != NULL && *nome != '\0') {
		buf_puts(out, nome);
		buf_putc(out, ' ');
	}
	it_upper(cognome != NULL ? cognome : "", out);
}

/* The collation key: the folded text without spaces, apostrophes (folded to ') and hyphens
 * (ASCII and U+2010, U+2011). */
static char *
collate_key(const char *folded)
{
	struct buf b = {0};
	const char *p = folded;

	while (*p != '\0') {
		if (*p == ' ' || *p == '\'' || *p == '-')
			p++;
		else if (strncmp(p, "\xE2\x80\x90", 3) == 0 || strncmp(p, "\xE2\x80\x91", 3) == 0)
			p += 3;
		else
			buf_putc(&b, *p++);
	}
	return buf_detach(&b);
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

/* A text's collation key, computed once: what it_collate derives from it on every call. */
struct collation {
	char *key;        /* collate_key of folded */
	char *folded;     /* text_folded of text */
	const char *text; /* as written, not owned */
};

static void
collation_init(struct collation *c, const char *s)
{
	c->text = s;
	c->folded = text_folded(s);
	c->key = collate_key(c->folded);
}

static void
collation_free(struct collation *c)
{
	free(c->key);
	free(c->folded);
}

/* The order of it_collate: the key, then the folded text, then the bytes. */
static int
collation_cmp(const struct collation *a, const struct collation *b)
{
	int c;

	if ((c = strcmp(a->key, b->key)) == 0 && (c = strcmp(a->folded, b->folded)) == 0)
		c = strcmp(a->text, b->text);
	return sign(c);
}

int
it_collate(const char *a, const char *b)
{
	struct collation ca, cb;
	int c;

	collation_init(&ca, a);
	collation_init(&cb, b);
	c = collation_cmp(&ca, &cb);
	collation_free(&ca);
	collation_free(&cb);
	return c;
}

/* One name to sort: both collation keys and the index that breaks full ties. */
struct name_key {
	struct collation cognome, nome;
	size_t i;
};

static int
by_name_key(const void *x, const void *y)
{
	const struct name_key *a = x, *b = y;
	int r = collation_cmp(&a->cognome, &b->cognome);

	if (r == 0)
		r = collation_cmp(&a->nome, &b->nome);
	if (r == 0)
		r = (a->i > b->i) - (a->i < b->i);
	return r;
}

void
it_sort_names(const char *const *cognomi, const char *const *nomi, size_t *v, size_t n)
{
	struct name_key *k;
	size_t j;

	if (n < 2)
		return;
	k = xcalloc(n, sizeof(*k));
	for (j = 0; j < n; j++) {
		k[j].i = v[j];
		collation_init(&k[j].cognome, cognomi[v[j]] != NULL ? cognomi[v[j]] : "");
		collation_init(&k[j].nome, nomi[v[j]] != NULL ? nomi[v[j]] : "");
	}
	/* a total order (the index breaks full ties), so any O(n log n) sort gives the one result
	 */
	util_sort(k, n, sizeof(*k), by_name_key);
	for (j = 0; j < n; j++) {
		v[j] = k[j].i;
		collation_free(&k[j].cognome);
		collation_free(&k[j].nome);
	}
	free(k);
}

/* Whether the ASCII letter c (either case) is a vowel. */
static bool
is_vowel(char c)
{
	return c != '\0' && strchr("aeiouAEIOU", c) != NULL;
}

/* Whether the first word of name, w[0..n) in lower case, is feminine. */
static bool
is_feminine(const char *w, size_t n)
{
	static const char *const male_a[] = {"sistema",  "programma", "problema", "tema",
	                                     "comitato", "consorzio", "pianeta"};
	static const char *const female[] = {"ione", "ice", "tà", "tù"};
	size_t i, k;

	for (i = 0; i < sizeof(male_a) / sizeof(male_a[0]); i++)
		if (strlen(male_a[i]) == n && strncmp(w, male_a[i], n) == 0)
			return false;
	if (n > 0 && w[n - 1] == 'a')
		return true;
	for (i = 0; i < sizeof(female) / sizeof(female[0]); i++) {
		k = strlen(female[i]);
		if (n > k && strncmp(w + n - k, female[i], k) == 0)
			return true;
	}
	return false;
}

/* The first word of name into w (of 32 bytes), in ASCII lower case; returns its length. */
static size_t
first_word(const char *name, char *w)
{
	size_t n = 0;

	while (name[n] != '\0' && name[n] != ' ' && n + 1 < 32) {
		char c = name[n];

		w[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	w[n] = '\0';
	return n;
}

bool
it_is_feminine(const char *name)
{
	char w[32];
	size_t n = first_word(name, w);

	return n > 0 && is_feminine(w, n);
}

/* The masculine singular article before the word w (lower case): il, lo, l'. */
static const char *
masculine_article(const char *w)
{
	if (w[0] == 'i' && is_vowel(w[1]))
		return "lo";                               /* lo iato */
	if (is_vowel(w[0]) || (unsigned char)w[0] >= 0x80) /* an accented capital: È, Ò */
		return "l'";
	if ((w[0] == 's' && w[1] != '\0' && !is_vowel(w[1])) || w[0] == 'z' || w[0] == 'x' ||
	    w[0] == 'y' || (w[0] == 'g' && w[1] == 'n') ||
	    (w[0] == 'p' && (w[1] == 's' || w[1] == 'n')))
		return "lo";
	return "il";
}

const char *
it_article(const char *name)
{
	char w[32];
	size_t n = first_word(name, w);

	if (n == 0)
		return "il";
	if (is_feminine(w, n))
		return is_vowel(w[0]) ? "l'" : "la";
	return masculine_article(w);
}

const char *
it_article_for(const char *word, bool feminine, bool plural)
{
	char w[32];
	const char *m;

	first_word(word, w);
	if (feminine)
		return plural ? "le" : is_vowel(w[0]) || (unsigned char)w[0] >= 0x80 ? "l'" : "la";
	m = masculine_article(w);
	if (!plural)
		return m;
	return strcmp(m, "il") == 0 ? "i" : "gli";
}

/* The titles of people in minutes: masculine and feminine singular, masculine and feminine
 * plural (lower case; the first letter follows the title as written). */
static const char *const titles[][4] = {
        {"consigliere", "consigliera", "consiglieri", "consigliere"},
        {"assessore", "assessora", "assessori", "assessore"},
        {"sindaco", "sindaca", "sindaci", "sindache"},
        {"vicesindaco", "vicesindaca", "vicesindaci", "vicesindache"},
        {"segretario", "segretaria", "segretari", "segretarie"},
        {"vicesegretario", "vicesegretaria", "vicesegretari", "vicesegretarie"},
        {"commissario", "commissaria", "commissari", "commissarie"},
        {"delegato", "delegata", "delegati", "delegate"},
        {"presidente", "presidente", "presidenti", "presidenti"},
        {"vicepresidente", "vicepresidente", "vicepresidenti", "vicepresidenti"},
        {"componente", "componente", "componenti", "componenti"},
};

/* The row of titles whose form (any of the four) is the first word of title, and which form
 * (0..3) it is; -1 when none. */
static int
title_row(const char *title, int *form)
{
	char w[32];
	size_t i;
	int k;

	first_word(title, w);
	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		for (k = 0; k < 4; k++)
			if (strcmp(w, titles[i][k]) == 0) {
				*form = k;
				return (int)i;
			}
	return -1;
}

bool
it_title_is_feminine(const char *title)
{
	int form, row = title != NULL ? title_row(title, &form) : -1;

	/* "Presidente", the same in both genders, says nothing */
	return row >= 0 && (form & 1) == 1 && strcmp(titles[row][0], titles[row][1]) != 0;
}

bool
it_title_reads_feminine(const char *title, bool feminine)
{
	int form, row = title != NULL ? title_row(title, &form) : -1;

	if (row < 0 || strcmp(titles[row][0], titles[row][1]) == 0)
		return feminine;
	return (form & 1) == 1;
}

/* An adjective after a title, w[0..n), agreeing: -o/-a/-i/-e adjectives (metropolitano) and
 * -e/-i ones (comunale, generale). */
static void
agree_adjective(const char *w, size_t n, bool feminine, bool plural, struct buf *out)
{
	char last = w[n - 1];

	buf_printf(out, "%.*s", (int)(n - 1), w);
	if (last == 'o' || last == 'a')
		buf_putc(out, plural ? (feminine ? 'e' : 'i') : (feminine ? 'a' : 'o'));
	else if (last == 'e' || last == 'i')
		buf_putc(out, plural ? 'i' : 'e');
	else
		buf_putc(out, last);
}

void
it_title(const char *title, bool feminine, bool plural, struct buf *out)
{
	static const char *const stop[] = {"del",   "dello", "della", "dell'", "dei", "degli",
	                                   "delle", "di",    "da",    "per",   "e",   "ed"};
	int form, row = title_row(title, &form);
	const char *p, *f;
	size_t n, i;
	bool adjectives = true;

	/* not a known title, or already in the form asked: as written ("SINDACO" stays) */
	if (row < 0 || form == (plural ? 2 : 0) + (feminine ? 1 : 0)) {
		buf_puts(out, title);
		return;
	}
	f = titles[row][(plural ? 2 : 0) + (feminine ? 1 : 0)];
	buf_putc(out, title[0] >= 'A' && title[0] <= 'Z' ? (char)(f[0] - 'a' + 'A') : f[0]);
	buf_puts(out, f + 1);
	for (p = title + strcspn(title, " "); *p == ' '; p += n) {
		bool stopword = false;

		buf_putc(out, ' ');
		p++;
		n = strcspn(p, " ");
		for (i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
			stopword |= strlen(stop[i]) == n && strncmp(p, stop[i], n) == 0;
		/* adjectives agree up to a preposition or a capital (del Consiglio) */
		if (stopword || n < 2 || !(p[0] >= 'a' && p[0] <= 'z') ||
		    memchr(p, '\'', n) != NULL)
			adjectives = false;
		if (adjectives)
			agree_adjective(p, n, feminine, plural, out);
		else
			buf_printf(out, "%.*s", (int)n, p);
	}
}

const char *
it_of_article(const char *article)
{
	static const char *const of[][2] = {
	        {"il", "del"}, {"lo", "dello"},  {"l'", "dell'"}, {"la", "della"},
	        {"i", "dei"},  {"gli", "degli"}, {"le", "delle"},
	};
	size_t i;

	for (i = 0; i < sizeof(of) / sizeof(of[0]); i++)
		if (strcmp(article, of[i][0]) == 0)
			return of[i][1];
	return "di";
}

void
it_join_article(const char *art, const char *word, struct buf *out)
{
	buf_puts(out, art);
	if (art[0] != '\0' && art[strlen(art) - 1] != '\'')
		buf_putc(out, ' ');
	buf_puts(out, word);
}

void
it_with_article(const char *name, struct buf *out)
{
	it_join_article(it_article(name), name, out);
}

const char *
it_plural(long n, const char *sing, const char *plur)
{
	return n == 1 ? sing : plur;
}
