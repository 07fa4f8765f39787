/*
 * hyphenate_test.c: Italian hyphenation with the installed hyphen-it dictionary: the break points
 * of known words, case, accents, short words and non-words, the cache, and a dictionary that
 * cannot be read; verbale's pattern table against libhyphen's automaton, word by word.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "harness.h"
#include "hyphenate.h"
#include "util.h"

/* A word and how it must come out, with '-' at each break point. */
static const struct {
	const char *word, *want;
} words[] = {
        {"programmatiche", "pro-gram-ma-ti-che"},
        {"deliberazione", "de-li-be-ra-zio-ne"},
        {"consiglieri", "con-si-glie-ri"},
        {"metropolitano", "me-tro-po-li-ta-no"},
        {"quinquennio", "quin-quen-nio"},
        {"approvazione", "ap-pro-va-zio-ne"},
        {"Torino", "To-ri-no"},
        {"perché", "per-ché"},
        {"città", "cit-tà"},
        /* patterns hidden by longer ones until the dictionary is closed (see hyphenate.c) */
        {"seduta", "se-du-ta"},
        {"astenuti", "aste-nu-ti"},
        {"Bologna", "Bo-lo-gna"},
        /* case is ignored */
        {"TORINO", "TO-RI-NO"},
        {"Deliberazione", "De-li-be-ra-zio-ne"},
        {"PERCHÉ", "PER-CHÉ"},
        {"CITTÀ", "CIT-TÀ"},
        /* accented letters anywhere */
        {"venerdì", "ve-ner-dì"},
        {"ventitré", "ven-ti-tré"},
        {"àncora", "àn-co-ra"},
        {"ÀNCORA", "ÀN-CO-RA"},
        {"università", "uni-ver-si-tà"},
        /* two letters at least on each side: a-mo-re, o-rien-te, te-a-tro, I-ta-lia */
        {"amore", "amo-re"},
        {"oriente", "orien-te"},
        {"teatro", "te-a-tro"},
        {"Italia", "Ita-lia"},
        {"prova", "pro-va"},
        /* fewer than five letters: never broken */
        {"sede", "sede"},
        {"però", "però"},
        {"così", "così"},
        {"ciao", "ciao"},
        {"ab", "ab"},
        /* not one word of letters: the caller should have split it */
        {"l'assessore", "l'assessore"},
        {"dell'", "dell'"},
        {"e-mail", "e-mail"},
        {"2022", "2022"},
        {"art1colo", "art1colo"},
        {"deliberazione\xE2\x80\x99", "deliberazione\xE2\x80\x99"},
        {"delibe\xFFrazione", "delibe\xFFrazione"},
};

/* word with '-' inserted at the points found, malloc'd */
static char *
hyphenated(struct hyphenator *h, const char *word)
{
	size_t points[64], n, i, s = 0;
	struct buf b = {0};

	n = hyphenate_points(h, word, strlen(word), points, 64);
	for (i = 0; i < n; i++) {
		buf_add(&b, word + s, points[i] - s);
		buf_putc(&b, '-');
		s = points[i];
	}
	buf_puts(&b, word + s);
	return buf_detach(&b);
}

static void
hyphenated_is(struct hyphenator *h, const char *word, const char *want)
{
	char *got = hyphenated(h, word);

	STR_EQ(got, want, word);
	free(got);
}

static void
points_tests(struct hyphenator *h)
{
	size_t p[8] = {0}, i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		hyphenated_is(h, words[i].word, words[i].want);

	/* byte offsets, after multi-byte letters too */
	INT_EQ(hyphenate_points(h, "città", strlen("città"), p, 8), 1, "città: one point");
	INT_EQ(p[0], 3, "città: after 'cit'");
	INT_EQ(hyphenate_points(h, "àncora", strlen("àncora"), p, 8), 2, "àncora: two points");
	INT_EQ(p[0], 3, "àncora: after 'àn' (3 bytes)");
	INT_EQ(p[1], 5, "àncora: after 'àn' 'co'");
	INT_EQ(hyphenate_points(h, "programmatiche", 14, p, 8), 4, "programmatiche: four");
	INT_EQ(p[0], 3, "pro-");
	INT_EQ(p[1], 7, "pro-gram-");
	INT_EQ(p[2], 9, "pro-gram-ma-");
	INT_EQ(p[3], 11, "pro-gram-ma-ti-");

	/* at most max points; the word need not be NUL-terminated there */
	INT_EQ(hyphenate_points(h, "deliberazione", 13, p, 2), 2, "max 2");
	INT_EQ(p[0], 2, "de-");
	INT_EQ(p[1], 4, "de-li-");
	INT_EQ(hyphenate_points(h, "deliberazione", 13, p, 0), 0, "max 0");
	INT_EQ(hyphenate_points(h, "consiglieri comunali", 11, p, 8), 3, "len bounds the word");
	INT_EQ(p[2], 9, "con-si-glie-ri");
	INT_EQ(hyphenate_points(h, "", 0, p, 8), 0, "empty word");
	INT_EQ(hyphenate_points(NULL, "deliberazione", 13, p, 8), 0, "no hyphenator");
}

/* The cache answers as libhyphen did, for words seen once or many times, in any case. */
static void
cache_tests(struct hyphenator *h)
{
	static const char *const syll[] = {"ca", "te", "ri", "no", "se", "mo", "pa", "li"};
	char word[16], *first[512], *again;
	size_t i, k, same = 0;

	hyphenated_is(h, "approvazione", "ap-pro-va-zio-ne");
	hyphenated_is(h, "approvazione", "ap-pro-va-zio-ne");
	hyphenated_is(h, "APPROVAZIONE", "AP-PRO-VA-ZIO-NE");
	hyphenated_is(h, "Approvazione", "Ap-pro-va-zio-ne");
	/* 512 made-up words (the table grows), then all of them again */
	for (i = 0; i < 512; i++) {
		for (k = 0; k < 3; k++)
			memcpy(word + 2 * k, syll[(i >> (3 * k)) & 7], 2);
		word[6] = '\0';
		first[i] = hyphenated(h, word);
	}
	for (i = 0; i < 512; i++) {
		for (k = 0; k < 3; k++)
			memcpy(word + 2 * k, syll[(i >> (3 * k)) & 7], 2);
		word[6] = '\0';
		again = hyphenated(h, word);
		same += strcmp(again, first[i]) == 0;
		free(again);
	}
	INT_EQ(same, 512, "the same answers from the cache");
	STR_EQ(first[0], "ca-ca-ca", "cacaca");
	STR_EQ(first[0x1F5], "mo-pa-li", "mopali");
	for (i = 0; i < 512; i++)
		free(first[i]);
}

static void
open_tests(void)
{
	struct hyphenator *h;
	struct diags d;

	diags_init(&d, NULL);
	h = hyphenate_open("/nonexistent/hyph_it_IT.dic", NULL, &d);
	OK(h == NULL, "missing dictionary: NULL");
	INT_EQ(d.n, 1, "missing dictionary: one report");
	if (d.n == 1)
		INT_EQ(d.v[0].id, D_READ, "missing dictionary: D_READ");
	INT_EQ(diags_status(&d), 3, "missing dictionary: exit 3");
	diags_clear(&d);

	diags_init(&d, NULL);
	OK(hyphenate_open("/", NULL, &d) == NULL, "a folder is no dictionary");
	OK(d.n == 1 && d.v[0].id == D_READ, "a folder: D_READ");
	diags_clear(&d);

	diags_init(&d, NULL);
	OK(hyphenate_open("/dev/null", NULL, &d) == NULL, "an empty file is no dictionary");
	OK(d.n == 1 && d.v[0].id == D_READ, "an empty file: D_READ");
	diags_clear(&d);

	hyphenate_free(NULL);
}

/* The words compared so far and those that differ (the first few printed). */
struct same_count {
	size_t words, differ;
};

/* Whether table and reference break word[0..len) at the same points. */
static void
same_word(struct hyphenator *table, struct hyphenator *ref, const char *word, size_t len,
          struct same_count *c)
{
	size_t a[HYPHENATE_WORD_MAX], b[HYPHENATE_WORD_MAX], na, nb;

	na = hyphenate_points(table, word, len, a, HYPHENATE_WORD_MAX);
	nb = hyphenate_points(ref, word, len, b, HYPHENATE_WORD_MAX);
	c->words++;
	if (na != nb || memcmp(a, b, na * sizeof(a[0])) != 0) {
		if (c->differ++ < 10)
			OK(false, "the table breaks a word as libhyphen does");
	}
}

/* Every word (a run of ASCII letters and non-ASCII bytes) of the file at path. */
static size_t
same_file(struct hyphenator *table, struct hyphenator *ref, const char *path, struct same_count *c)
{
	char *data = NULL;
	size_t len = 0, i, j, before = c->words;

	if (util_read_file(path, 64 << 20, &data, &len) != 0) {
		free(data);
		return 0;
	}
	for (i = 0; i < len; i = j + 1) {
		for (j = i; j < len &&
		            ((unsigned char)data[j] >= 0x80 || (data[j] >= 'a' && data[j] <= 'z') ||
		             (data[j] >= 'A' && data[j] <= 'Z'));)
			j++;
		if (j > i)
			same_word(table, ref, data + i, j - i, c);
	}
	free(data);
	return c->words - before;
}

/* Every .md, .yaml and .txt file of the folder dir. */
static size_t
same_dir(struct hyphenator *table, struct hyphenator *ref, const char *dir, struct same_count *c)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	size_t n = 0, l;
	char *path;

	if (dp == NULL)
		return 0;
	while ((e = readdir(dp)) != NULL) {
		l = strlen(e->d_name);
		if ((l > 3 && strcmp(e->d_name + l - 3, ".md") == 0) ||
		    (l > 5 && strcmp(e->d_name + l - 5, ".yaml") == 0) ||
		    (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0)) {
			path = util_join(dir, e->d_name);
			n += same_file(table, ref, path, c);
			free(path);
		}
	}
	closedir(dp);
	return n;
}

/*
 * verbale's table (hyphenate_table.c) and libhyphen over the closed patterns give the same
 * points: on every word of the samples, the goldens, the templates and the reference minutes,
 * and on 200,000 made-up words of Italian letters (syllables of consonant clusters and vowels,
 * accents, apostrophes' neighbours), which reach patterns no text here does.
 */
static void
same_tests(void)
{
	static const char *const onsets[] = {
	        "",   "b",  "c",  "ch", "d",   "f",   "g",   "gh", "gl", "gn",  "l",  "m",
	        "n",  "p",  "qu", "r",  "s",   "sc",  "sch", "t",  "v",  "z",   "br", "cr",
	        "dr", "fr", "gr", "pr", "tr",  "bl",  "cl",  "fl", "pl", "str", "sp", "st",
	        "sb", "sd", "sg", "sl", "sm",  "sn",  "sr",  "sv", "ps", "pn",  "gn", "x",
	        "k",  "w",  "y",  "j",  "spr", "scr", "ct",  "pt", "tm", "rh",
	};
	static const char *const nuclei[] = {
	        "a",  "e",  "i",  "o",  "u",  "à",  "è",  "é",  "ì",  "ò",  "ù",  "ia",  "ie",
	        "io", "iu", "ua", "ue", "uo", "ui", "ai", "ei", "oi", "au", "eu", "aia", "uoi",
	};
	static const char *const codas[] = {"",  "",  "",  "n", "r", "l", "s",
	                                    "m", "t", "c", "p", "d", "g"};
	struct hyphenator *table, *ref;
	struct diags d;
	struct same_count c = {0, 0};
	unsigned long long x = 88172645463325292ull;
	char word[HYPHENATE_WORD_MAX + 1], *shared = getenv("SHARED"), *path;
	size_t i, k, syl, len, n;

	diags_init(&d, NULL);
	table = hyphenate_open(NULL, NULL, &d);
	ref = hyphenate_open_libhyphen(NULL, &d);
	OK(table != NULL && ref != NULL, "both open");
	INT_EQ(d.n, 0, "both open: no reports");
	diags_clear(&d);
	if (table == NULL || ref == NULL)
		goto out;
	n = same_dir(table, ref, "samples", &c) + same_dir(table, ref, "tests/golden", &c) +
	    same_dir(table, ref, "tests/golden/samples", &c) +
	    same_dir(table, ref, "templates", &c);
	OK(n > 20000, "the samples' and goldens' words compared");
	path = util_join(shared != NULL ? shared : "../shared", "reference/torino-2022-02-23.txt");
	OK(same_file(table, ref, path, &c) > 5000, "the reference minutes' words compared");
	free(path);
	for (i = 0; i < 200000; i++) {
		syl = 1 + (size_t)((x >> 33) % 7);
		for (len = 0, k = 0; k < syl; k++) {
			const char *parts[3];
			size_t p, pl;

			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			parts[0] = onsets[(x >> 8) % (sizeof(onsets) / sizeof(onsets[0]))];
			parts[1] = nuclei[(x >> 20) % (sizeof(nuclei) / sizeof(nuclei[0]))];
			parts[2] = codas[(x >> 40) % (sizeof(codas) / sizeof(codas[0]))];
			for (p = 0; p < 3; p++) {
				pl = strlen(parts[p]);
				if (len + pl <= HYPHENATE_WORD_MAX) {
					memcpy(word + len, parts[p], pl);
					len += pl;
				}
			}
		}
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		same_word(table, ref, word, len, &c);
	}
	OK(c.words > 200000 + 25000, "every word compared");
	INT_EQ(c.differ, 0, "words the table breaks otherwise than libhyphen");
out:
	hyphenate_free(table);
	hyphenate_free(ref);
}

void
hyphenate_tests(void)
{
	struct hyphenator *h;
	struct diags d;

	harness.test = "hyphen";
	diags_init(&d, NULL);
	h = hyphenate_open(NULL, NULL, &d);
	OK(h != NULL, "the hyphen-it dictionary loads (apt install hyphen-it)");
	INT_EQ(d.n, 0, "no reports");
	diags_clear(&d);
	if (h != NULL) {
		points_tests(h);
		cache_tests(h);
	}
	hyphenate_free(h);
	open_tests();
	same_tests();
}
