/* italian_test.c: numbers in words, dates, times, upper case, roll-call names, collation. */
#include <stdlib.h>

#include "harness.h"
#include "italian.h"
#include "text.h"

static void
words_is(long n, const char *want)
{
	struct buf b = {0};
	char what[32];

	snprintf(what, sizeof(what), "%ld in words", n);
	it_number_words(n, &b);
	STR_EQ(b.data, want, what);
	buf_free(&b);
}

/* What a date function (it_date, it_date_of) writes for y-m-d. */
static void
date_with(void (*f)(int, int, int, struct buf *), int y, int m, int d, const char *want)
{
	struct buf b = {0};

	f(y, m, d, &b);
	STR_EQ(b.data, want, want);
	buf_free(&b);
}
#define date_is(y, m, d, want)    date_with(it_date, y, m, d, want)
#define date_of_is(y, m, d, want) date_with(it_date_of, y, m, d, want)

static void
time_is(int h, int m, const char *want)
{
	struct buf b = {0};

	it_time(h, m, &b);
	STR_EQ(b.data, want, want);
	buf_free(&b);
}

static void
place_is(const char *luogo, const char *want)
{
	struct buf b = {0};

	it_place(luogo, &b);
	STR_EQ(b.data, want, luogo);
	buf_free(&b);
}

static void
upper_is(const char *in, const char *want)
{
	struct buf b = {0};

	it_upper(in, &b);
	STR_EQ(b.data, want, in);
	buf_free(&b);
}

static void
roll_is(const char *nome, const char *cognome, const char *want)
{
	struct buf b = {0};

	it_name_roll(nome, cognome, &b);
	STR_EQ(b.data, want, want);
	buf_free(&b);
}

static int
cmp_names(const void *a, const void *b)
{
	return it_collate(*(const char *const *)a, *(const char *const *)b);
}

/* Sort the n names of in and compare them one by one with want. */
static void
sorts_as(const char **in, const char *const *want, size_t n, const char *what)
{
	size_t i;

	qsort(in, n, sizeof(in[0]), cmp_names);
	for (i = 0; i < n; i++)
		STR_EQ(in[i], want[i], what);
}

static void
numbers(void)
{
	static const struct {
		long n;
		const char *w;
	} cases[] = {
	        {0, "zero"},
	        {1, "uno"},
	        {3, "tre"},
	        {8, "otto"},
	        {10, "dieci"},
	        {11, "undici"},
	        {13, "tredici"},
	        {16, "sedici"},
	        {17, "diciassette"},
	        {18, "diciotto"},
	        {19, "diciannove"},
	        {20, "venti"},
	        {21, "ventuno"},
	        {23, "ventitré"},
	        {28, "ventotto"},
	        {30, "trenta"},
	        {31, "trentuno"},
	        {33, "trentatré"},
	        {38, "trentotto"},
	        {41, "quarantuno"},
	        {80, "ottanta"},
	        {81, "ottantuno"},
	        {88, "ottantotto"},
	        {99, "novantanove"},
	        {100, "cento"},
	        {101, "centouno"},
	        {103, "centotré"},
	        {108, "centootto"},
	        {111, "centoundici"},
	        {118, "centodiciotto"},
	        {180, "centottanta"},
	        {188, "centottantotto"},
	        {200, "duecento"},
	        {333, "trecentotrentatré"},
	        {800, "ottocento"},
	        {888, "ottocentottantotto"},
	        {999, "novecentonovantanove"},
	        {1000, "mille"},
	        {1001, "milleuno"},
	        {1003, "milletré"},
	        {1008, "milleotto"},
	        {1100, "millecento"},
	        {1888, "milleottocentottantotto"},
	        {1999, "millenovecentonovantanove"},
	        {2000, "duemila"},
	        {2003, "duemilatré"},
	        {2010, "duemiladieci"},
	        {2022, "duemilaventidue"},
	        {2026, "duemilaventisei"},
	        {3000, "tremila"},
	        {3003, "tremilatré"},
	        {8000, "ottomila"},
	        {9999, "novemilanovecentonovantanove"},
	        {10000, "diecimila"},
	        {18000, "diciottomila"},
	        {21000, "ventunomila"},
	        {23000, "ventitremila"},
	        {28000, "ventottomila"},
	        {100000, "centomila"},
	        {103000, "centotremila"},
	        {108000, "centoottomila"},
	        {180000, "centottantamila"},
	        {123456, "centoventitremilaquattrocentocinquantasei"},
	        {999999, "novecentonovantanovemilanovecentonovantanove"},
	        {1000000, "un milione"},
	        {1000001, "un milione uno"},
	        {1000003, "un milione tre"},
	        {1200000, "un milione duecentomila"},
	        {2000000, "due milioni"},
	        {2000001, "due milioni uno"},
	        {3000000, "tre milioni"},
	        {21000000, "ventun milioni"},
	        {23000000, "ventitré milioni"},
	        {101000000, "centouno milioni"},
	        {999999999, "novecentonovantanove milioni "
	                    "novecentonovantanovemilanovecentonovantanove"},
	        {1000000000, "1000000000"},
	        {-1, "-1"},
	        {-23, "-23"},
	};
	struct buf b = {0};
	size_t i;

	harness.test = "italian numbers";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		words_is(cases[i].n, cases[i].w);

	/* appending after earlier text: the elisions touch only the number's own letters */
	buf_puts(&b, "presenti n. 37 (");
	it_number_words(180, &b);
	buf_puts(&b, "), ");
	it_number_words(21, &b);
	STR_EQ(b.data, "presenti n. 37 (centottanta), ventuno", "appended words");
	buf_free(&b);
}

static void
dates_and_times(void)
{
	harness.test = "italian dates and times";
	STR_EQ(it_month(1), "gennaio", "month 1");
	STR_EQ(it_month(2), "febbraio", "month 2");
	STR_EQ(it_month(12), "dicembre", "month 12");
	STR_EQ(it_month(0), "", "month 0");
	STR_EQ(it_month(13), "", "month 13");
	date_is(2022, 2, 23, "23 febbraio 2022");
	date_is(2022, 3, 1, "1° marzo 2022");
	date_is(2021, 10, 27, "27 ottobre 2021");
	date_is(2021, 12, 31, "31 dicembre 2021");
	date_is(2010, 7, 21, "21 luglio 2010");
	date_of_is(2022, 2, 17, "del 17 febbraio 2022");
	date_of_is(2024, 3, 8, "dell'8 marzo 2024");
	date_of_is(2024, 3, 11, "dell'11 marzo 2024");
	date_of_is(2024, 3, 1, "del 1° marzo 2024");
	date_of_is(2024, 3, 18, "del 18 marzo 2024");
	time_is(16, 0, "16,00");
	time_is(9, 5, "9,05");
	time_is(18, 11, "18,11");
	time_is(0, 0, "0,00");
	time_is(23, 59, "23,59");

	harness.test = "italian dates of a month or a year (transcribed records), and ISO dates";
	{
		struct buf b = {0};

		it_period(2020, 11, &b);
		STR_EQ(b.data, "novembre 2020", "a month");
		b.len = 0;
		it_period(2020, 0, &b);
		STR_EQ(b.data, "2020", "a year");
		b.len = 0;
		it_period_of(1983, 11, &b);
		STR_EQ(b.data, "del novembre 1983", "del mese");
		b.len = 0;
		it_date_iso("1983-11", &b);
		STR_EQ(b.data, "novembre 1983", "iso month");
		b.len = 0;
		it_date_iso("1979", &b);
		STR_EQ(b.data, "1979", "iso year");
		b.len = 0;
		it_date_iso("2024-03-01", &b);
		STR_EQ(b.data, "1° marzo 2024", "iso day");
		buf_free(&b);
	}

	harness.test = "italian dates after a verb, and 'da'";
	{
		struct buf b = {0};

		it_date_on(2024, 3, 7, &b);
		STR_EQ(b.data, "il 7 marzo 2024", "il 7");
		b.len = 0;
		it_date_on(2024, 4, 8, &b);
		STR_EQ(b.data, "l'8 aprile 2024", "l'8");
		b.len = 0;
		it_date_on(2024, 4, 11, &b);
		STR_EQ(b.data, "l'11 aprile 2024", "l'11");
		b.len = 0;
		it_from("il Responsabile del Servizio", &b);
		STR_EQ(b.data, "dal Responsabile del Servizio", "dal");
		b.len = 0;
		it_from("l'Ufficio tecnico", &b);
		STR_EQ(b.data, "dall'Ufficio tecnico", "dall'");
		b.len = 0;
		it_from("lo Staff", &b);
		STR_EQ(b.data, "dallo Staff", "dallo");
		b.len = 0;
		it_from("la Responsabile", &b);
		STR_EQ(b.data, "dalla Responsabile", "dalla");
		b.len = 0;
		it_from("Mario Rossi", &b);
		STR_EQ(b.data, "da Mario Rossi", "no article");
		b.len = 0;
		it_from("ilario Bianchi", &b);
		STR_EQ(b.data, "da ilario Bianchi", "'il' is not the start of a word");
		buf_free(&b);
	}

	harness.test = "italian places";
	place_is("Sala consiliare", "in Sala consiliare");
	place_is("Torino, Aula Consiliare", "in Torino, Aula Consiliare");
	place_is("nella Sala del Consiglio", "nella Sala del Consiglio");
	place_is("Nella Sala Giunta", "Nella Sala Giunta");
	place_is("presso il Municipio", "presso il Municipio");
	place_is("in videoconferenza", "in videoconferenza");
	place_is("all'aperto", "all'aperto");
	place_is("nell’aula magna", "nell’aula magna");
	place_is("Indiana Hall", "in Indiana Hall");
	place_is("Alba, Palazzo Comunale", "in Alba, Palazzo Comunale");
	place_is("Ai Giardini", "Ai Giardini");
}

static void
upper_and_names(void)
{
	harness.test = "italian upper case";
	upper_is("d'Agostino", "D'AGOSTINO");
	upper_is("D’Agostino", "D’AGOSTINO");
	upper_is("dʼagostino", "DʼAGOSTINO");
	upper_is("Nicolò", "NICOLÒ");
	upper_is("città perché più così là", "CITTÀ PERCHÉ PIÙ COSÌ LÀ");
	upper_is("àèéìíîòóùú çñäöüåæøþ", "ÀÈÉÌÍÎÒÓÙÚ ÇÑÄÖÜÅÆØÞ");
	upper_is("ÿ", "Ÿ");
	upper_is("łódź Şahin şçğ žřčě őű ā", "ŁÓDŹ ŞAHIN ŞÇĞ ŽŘČĚ ŐŰ Ā");
	upper_is("ıi", "II");
	upper_is("straße", "STRAßE");
	upper_is("2 × 3 ÷ 1, n° 5 – ok", "2 × 3 ÷ 1, N° 5 – OK");
	upper_is("ALREADY ÀÉ", "ALREADY ÀÉ");
	upper_is("a\xFF"
	         "b\xC3",
	         "A\xFF"
	         "B\xC3");
	upper_is("", "");

	harness.test = "italian roll-call names";
	roll_is("Stefano", "Lo Russo", "Stefano LO RUSSO");
	roll_is("Davide", "D'Agostino", "Davide D'AGOSTINO");
	roll_is("Pasquale Mario", "Mazza", "Pasquale Mario MAZZA");
	roll_is("Nicolò", "Dell’Orto", "Nicolò DELL’ORTO");
	roll_is("", "Suppo", "SUPPO");
}

static void
collation(void)
{
	static const char *const torino_fav[] = {
	        "Cambursano", "Cera",     "Cogno", "Conticelli", "Costantino", "Greco",
	        "Guerrini",   "Lo Russo", "Mazza", "Schillaci",  "Sicchiero",  "Suppo",
	};
	static const char *const torino_ast[] = {
	        "Cannati", "D'Agostino", "Delmirani", "Ghio", "Giulivi", "Salvai", "Tragaioli",
	};
	static const char *const dag[] = {"Dag", "D'Agostino", "Dagostino"};
	static const char *const deluca[] = {"De Luca", "de Luca", "De-Luca", "Deluca"};
	static const char *const nicola[] = {"Nicola", "Nicolo", "Nicolò", "Nicolosi"};
	const char *fav[] = {
	        "Suppo",    "Lo Russo",   "Cogno",     "Sicchiero", "Cambursano", "Mazza",
	        "Guerrini", "Conticelli", "Schillaci", "Cera",      "Greco",      "Costantino",
	};
	const char *ast[] = {
	        "Tragaioli", "Giulivi", "Salvai", "D'Agostino", "Ghio", "Delmirani", "Cannati",
	};
	const char *d[] = {"Dagostino", "Dag", "D'Agostino"};
	const char *dl[] = {"Deluca", "De-Luca", "de Luca", "De Luca"};
	const char *nc[] = {"Nicolosi", "Nicolò", "Nicola", "Nicolo"};

	harness.test = "italian collation";
	sorts_as(fav, torino_fav, 12, "Torino, favorevoli of the first vote");
	sorts_as(ast, torino_ast, 7, "Torino, astenuti of the first vote");
	sorts_as(d, dag, 3, "Dag, D'Agostino, Dagostino");
	sorts_as(dl, deluca, 4, "De Luca, de Luca, De-Luca, Deluca");
	sorts_as(nc, nicola, 4, "Nicola, Nicolo, Nicolò, Nicolosi");

	OK(it_collate("D'Agostino", "Dagostino") < 0, "D'Agostino before Dagostino (tie-break)");
	OK(it_collate("D'Agostino", "Daniele") < 0, "D'Agostino sorts as Dagostino");
	OK(it_collate("D'Agostino", "Cannati") > 0, "apostrophe ignored, not first");
	OK(it_collate("D’Agostino", "D'Agostino") != 0, "apostrophe shapes: total order");
	OK(it_collate("D’AGOSTINO", "Dagostino") < 0, "curly apostrophe and case ignored by key");
	OK(it_collate("d`Agostino", "Dabc") > 0, "backquote ignored");
	OK(it_collate("dʼAgostino", "Dagostinp") < 0, "modifier apostrophe ignored");
	OK(it_collate("Lo Russo", "Lorenzi") > 0, "Lo Russo sorts as Lorusso");
	OK(it_collate("Lo Russo", "Lotti") < 0, "Lo Russo before Lotti");
	OK(it_collate("Nicolò", "Nicola") > 0, "Nicolò after Nicola");
	OK(it_collate("Nicolò", "Nicolp") < 0, "ò is o");
	OK(it_collate("Élise", "Emma") < 0, "É is E");
	OK(it_collate("cera", "Cogno") < 0, "case ignored");
	INT_EQ(it_collate("Mazza", "Mazza"), 0, "equal names");
	INT_EQ(it_collate("", ""), 0, "empty names");
	OK(it_collate("", "A") < 0, "empty first");
	OK(it_collate("De Luca", "de Luca") < 0 && it_collate("de Luca", "De Luca") > 0,
	   "antisymmetric on the raw tie-break");
	OK(it_collate("a\xFF", "a\xFE") > 0, "invalid bytes ordered by bytes");
}

/* The member sort as it was before it_sort_names (issue 12, item 9), kept as the reference: an
 * insertion sort whose comparison folds and strips both names on every call. */
static char *
old_key(const char *folded)
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
old_collate(const char *a, const char *b)
{
	char *fa = text_folded(a), *fb = text_folded(b);
	char *ka = old_key(fa), *kb = old_key(fb);
	int c;

	if ((c = strcmp(ka, kb)) == 0 && (c = strcmp(fa, fb)) == 0)
		c = strcmp(a, b);
	free(ka);
	free(kb);
	free(fa);
	free(fb);
	return (c > 0) - (c < 0);
}

static int
old_by_surname(size_t x, size_t y, const char *const *cognomi, const char *const *nomi)
{
	int r = old_collate(cognomi[x] ? cognomi[x] : "", cognomi[y] ? cognomi[y] : "");

	if (r == 0)
		r = old_collate(nomi[x] ? nomi[x] : "", nomi[y] ? nomi[y] : "");
	if (r == 0)
		r = x < y ? -1 : 1;
	return r;
}

static void
old_sort(const char *const *cognomi, const char *const *nomi, size_t *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		size_t x = v[i];

		for (j = i; j > 0 && old_by_surname(v[j - 1], x, cognomi, nomi) > 0; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

/* it_sort_names and the old sort give the same order of v[0..n) */
static void
same_as_old(const char *const *cognomi, const char *const *nomi, const size_t *v, size_t n,
            const char *what)
{
	size_t *a = xcalloc(n + 1, sizeof(*a)), *b = xcalloc(n + 1, sizeof(*b)), i;
	bool same = true;

	for (i = 0; i < n; i++)
		a[i] = b[i] = v[i];
	it_sort_names(cognomi, nomi, a, n);
	old_sort(cognomi, nomi, b, n);
	for (i = 0; i < n; i++)
		if (a[i] != b[i]) {
			same = false;
			break;
		}
	OK(same, what);
	free(a);
	free(b);
}

static void
member_sort(void)
{
	/* accents, apostrophes of every shape, spaces, hyphens, case, equal surnames, full ties */
	static const char *const cognomi[] = {
	        "Damico",   "D'Amico",    "D’Amico",    "d'Amico",    "DAMICO",    "Damìco",
	        "D'Amico",  "Lo Russo",   "Lorusso",    "LoRusso",    "Lo-Russo",  "lo russo",
	        "Lo Russo", "Lotti",      "Nicolò",     "Nicolo",     "Nicola",    "Nicolosi",
	        "Élise",    "Emma",       "Rossi",      "Rossi",      "ROSSI",     "Rossi",
	        "Rossi",    "Rossi",      NULL,         "",           "De Luca",   "de Luca",
	        "De-Luca",  "Deluca",     "D'Agostino", "Dagostino",  "Dag",       "a\xFF",
	        "a\xFE",    "Ćosić",      "Cosic",      "Łukasz",     "Lukasz",    "O'Neill",
	        "Oneill",   "Dell'Acqua", "Dellacqua",  "Dell’Acqua", "Sant'Anna", "Santanna",
	        "Cera",
	};
	static const char *const nomi[] = {
	        "Anna",    "Anna",    "Anna",    "Anna",    "Anna",    "Anna",    "Anna",
	        "Stefano", "Stefano", "Stefano", "Stefano", "Stefano", "Stefano", "Marco",
	        "Luca",    "Luca",    "Luca",    "Luca",    "Ida",     "Ida",     "Mario",
	        "Anna",    "Anna",    "Ánna",    "Anna",    NULL,      "Ugo",     "Ugo",
	        "Ugo",     "Ugo",     "Ugo",     "Ugo",     "Davide",  "Davide",  "Davide",
	        "X",       "X",       "Ivo",     "Ivo",     "Ivo",     "Ivo",     "Sean",
	        "Sean",    "Pia",     "Pia",     "Pia",     "Rita",    "Rita",    "",
	};
	/* the order, pinned: D'Amico Anna (1) and (6) are a full tie, and so are Lo Russo Stefano
	 * (7) and (12) and Rossi Anna (21) and (24): each pair keeps the order of the roll */
	static const size_t want[] = {
	        26, 27, 36, 35, 48, 38, 37, 34, 32, 33, 1,  6,  2,  3,  4,  0,  5,
	        43, 45, 44, 28, 29, 30, 31, 18, 19, 7,  12, 11, 10, 9,  8,  13, 40,
	        39, 16, 15, 14, 17, 41, 42, 22, 25, 21, 24, 23, 20, 46, 47,
	};
	size_t n = sizeof(cognomi) / sizeof(cognomi[0]), v[sizeof(cognomi) / sizeof(cognomi[0])], i,
	       j, pos[sizeof(cognomi) / sizeof(cognomi[0])];
	unsigned long long r = 12;
	size_t big = 1000, *bv;
	const char **bc, **bn;
	char **owned;

	harness.test = "italian member sort";
	INT_EQ((long)(sizeof(nomi) / sizeof(nomi[0])), (long)n, "a first name for every surname");
	for (i = 0; i < n; i++)
		v[i] = i;
	same_as_old(cognomi, nomi, v, n, "tricky names: the order of the old sort");
	it_sort_names(cognomi, nomi, v, n);
	INT_EQ((long)(sizeof(want) / sizeof(want[0])), (long)n, "the whole order pinned");
	for (i = 0; i < n; i++)
		INT_EQ((long)v[i], (long)want[i], "tricky names: the pinned order");
	for (i = 0; i < n; i++)
		pos[v[i]] = i;
	OK(pos[1] < pos[6] && pos[7] < pos[12] && pos[21] < pos[24],
	   "full ties keep the roll order");
	OK(pos[1] < pos[0] && pos[6] < pos[0], "D'Amico before Damico");
	OK(pos[12] < pos[8] && pos[8] < pos[13], "Lo Russo sorts as Lorusso, before Lotti");
	OK(pos[22] < pos[21] && pos[21] < pos[24] && pos[24] < pos[23] && pos[23] < pos[20],
	   "equal surnames by first name: ROSSI Anna, Rossi Anna twice, Rossi Ánna, Rossi Mario");
	OK(pos[25] < pos[21], "a missing first name sorts as empty, first");
	/* the same names in shuffled orders of the indices */
	for (j = 0; j < 20; j++) {
		for (i = n - 1; i > 0; i--) {
			size_t k, t;

			r = r * 6364136223846793005ull + 1442695040888963407ull;
			k = (size_t)(r >> 33) % (i + 1);
			t = v[i];
			v[i] = v[k];
			v[k] = t;
		}
		same_as_old(cognomi, nomi, v, n,
		            "shuffled tricky names: the order of the old sort");
	}
	/* a roll call of 1,000 made of the tricky names with a number, many ties among them */
	bv = xcalloc(big, sizeof(*bv));
	bc = xcalloc(big, sizeof(*bc));
	bn = xcalloc(big, sizeof(*bn));
	owned = xcalloc(big, sizeof(*owned));
	for (i = 0; i < big; i++) {
		r = r * 6364136223846793005ull + 1442695040888963407ull;
		owned[i] = xasprintf("%s %u", cognomi[(r >> 33) % n] ? cognomi[(r >> 33) % n] : "",
		                     (unsigned)((r >> 40) % 7));
		bc[i] = (r >> 20) % 5 ? owned[i] : cognomi[(r >> 33) % n];
		bn[i] = nomi[(r >> 45) % n];
		bv[i] = big - 1 - i;
	}
	same_as_old(bc, bn, bv, big, "1,000 names: the order of the old sort");
	for (i = 0; i < big; i++)
		free(owned[i]);
	free(owned);
	free(bc);
	free(bn);
	free(bv);
	for (i = 0; i < 2; i++)
		v[i] = 1 - i;
	it_sort_names(cognomi, nomi, v, 0);
	it_sort_names(cognomi, nomi, v, 1);
	OK(v[0] == 1 && v[1] == 0, "zero and one names: left as they are");
}

static void
plurals(void)
{
	harness.test = "italian plurals";
	STR_EQ(it_plural(1, "voto", "voti"), "voto", "one");
	STR_EQ(it_plural(0, "voto", "voti"), "voti", "zero");
	STR_EQ(it_plural(2, "astenuto", "astenuti"), "astenuti", "two");
	STR_EQ(it_plural(-1, "voto", "voti"), "voti", "minus one");
	STR_EQ(it_plural(37, "presente", "presenti"), "presenti", "many");
}

/* The article of a body's name: gender from the first word's ending, form from its start. */
static void
articles(void)
{
	static const struct {
		const char *name, *art, *with;
	} cases[] = {
	        {"Consiglio metropolitano", "il", "il Consiglio metropolitano"},
	        {"Consiglio comunale", "il", "il Consiglio comunale"},
	        {"Giunta comunale", "la", "la Giunta comunale"},
	        {"Assemblea dei sindaci", "l'", "l'Assemblea dei sindaci"},
	        {"Ufficio di presidenza", "l'", "l'Ufficio di presidenza"},
	        {"Commissione consiliare", "la", "la Commissione consiliare"},
	        {"Conferenza dei capigruppo", "la", "la Conferenza dei capigruppo"},
	        {"Comitato esecutivo", "il", "il Comitato esecutivo"},
	        {"Collegio dei revisori", "il", "il Collegio dei revisori"},
	        {"Staff del sindaco", "lo", "lo Staff del sindaco"},
	        {"Zonale", "lo", "lo Zonale"},
	        {"Psicologo", "lo", "lo Psicologo"},
	        {"Gnomone", "lo", "lo Gnomone"},
	        {"Sistema bibliotecario", "il", "il Sistema bibliotecario"},
	        {"Università", "l'", "l'Università"},
	        {"Comunità montana", "la", "la Comunità montana"},
	        {"Organo di revisione", "l'", "l'Organo di revisione"},
	        {"CONSIGLIO", "il", "il CONSIGLIO"},
	        {"ASSEMBLEA", "l'", "l'ASSEMBLEA"},
	        {"", "il", "il "},
	};
	size_t i;

	harness.test = "italian articles";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = {0};

		STR_EQ(it_article(cases[i].name), cases[i].art, cases[i].name);
		INT_EQ(it_is_feminine(cases[i].name),
		       strcmp(cases[i].art, "la") == 0 ||
		               strncmp(cases[i].name, "Assemblea", 9) == 0 ||
		               strncmp(cases[i].name, "ASSEMBLEA", 9) == 0 ||
		               strncmp(cases[i].name, "Università", 10) == 0,
		       cases[i].name);
		it_with_article(cases[i].name, &b);
		STR_EQ(b.data, cases[i].with, cases[i].name);
		buf_free(&b);
	}
}

/* A person's title in gender and number, its article, and what a title says of gender. */
static void
titles(void)
{
	static const struct {
		const char *title;
		bool fem, plural;
		const char *out, *art;
	} cases[] = {
	        {"Consigliere", true, false, "Consigliera", "la"},
	        {"Consigliere", false, true, "Consiglieri", "i"},
	        {"Consigliere", true, true, "Consigliere", "le"},
	        {"Consigliera", false, false, "Consigliere", "il"},
	        {"Assessore", false, false, "Assessore", "l'"},
	        {"Assessore", true, false, "Assessora", "l'"},
	        {"Assessore", false, true, "Assessori", "gli"},
	        {"Assessore", true, true, "Assessore", "le"},
	        {"Sindaco", true, false, "Sindaca", "la"},
	        {"Sindaco metropolitano", true, false, "Sindaca metropolitana", "la"},
	        {"Sindaca", true, true, "Sindache", "le"},
	        {"Vicesindaco", true, false, "Vicesindaca", "la"},
	        {"Segretario comunale", true, false, "Segretaria comunale", "la"},
	        {"Segretario generale", false, true, "Segretari generali", "i"},
	        {"Presidente del Consiglio comunale", true, false,
	         "Presidente del Consiglio comunale", "la"},
	        {"Presidente", false, false, "Presidente", "il"},
	        {"Commissario", false, true, "Commissari", "i"},
	        {"componente", false, true, "componenti", "i"},
	        {"componente", true, true, "componenti", "le"},
	        {"Consigliere anziano", true, false, "Consigliera anziana", "la"},
	        {"Sindaco dell'Unione", true, false, "Sindaca dell'Unione", "la"},
	        {"Revisore dei conti", true, false, "Revisore dei conti", "la"},
	        {"Staff", false, false, "Staff", "lo"},
	        {"Delegato", true, true, "Delegate", "le"},
	        {"SINDACO", false, false, "SINDACO", "il"},
	        {"Sindaca metropolitana", true, false, "Sindaca metropolitana", "la"},
	        {"Segretaria generale", false, false, "Segretario generale", "il"},
	};
	size_t i;

	harness.test = "italian titles";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b = {0};

		it_title(cases[i].title, cases[i].fem, cases[i].plural, &b);
		STR_EQ(b.data, cases[i].out, cases[i].title);
		STR_EQ(it_article_for(b.data, cases[i].fem, cases[i].plural), cases[i].art,
		       cases[i].out);
		buf_free(&b);
	}
	OK(it_title_is_feminine("Consigliera"), "Consigliera is a woman");
	OK(it_title_is_feminine("Assessora al bilancio"), "Assessora is a woman");
	OK(it_title_is_feminine("Sindaca"), "Sindaca");
	OK(it_title_is_feminine("Vicesindaca"), "Vicesindaca");
	OK(it_title_is_feminine("Segretaria comunale"), "Segretaria");
	OK(!it_title_is_feminine("Consigliere"), "Consigliere says a man");
	OK(!it_title_is_feminine("Presidente"), "Presidente says nothing");
	OK(!it_title_is_feminine("Revisora"), "an unknown title says nothing");
	OK(!it_title_is_feminine(NULL), "no title");
	OK(!it_title_reads_feminine("Sindaco", true), "a woman who keeps 'il Sindaco'");
	OK(it_title_reads_feminine("Presidente", true), "la Presidente");
	OK(!it_title_reads_feminine("Presidente", false), "il Presidente");
	OK(it_title_reads_feminine("Assessora", false), "l'Assessora");
	OK(it_title_reads_feminine("Revisora dei conti", true), "an unknown title: the person's");
	STR_EQ(it_of_article("il"), "del", "del");
	STR_EQ(it_of_article("lo"), "dello", "dello");
	STR_EQ(it_of_article("l'"), "dell'", "dell'");
	STR_EQ(it_of_article("la"), "della", "della");
	STR_EQ(it_of_article("i"), "dei", "dei");
	STR_EQ(it_of_article("gli"), "degli", "degli");
	STR_EQ(it_of_article("le"), "delle", "delle");
	STR_EQ(it_of_article("un"), "di", "not an article");
	STR_EQ(it_article_for("Ufficio", false, false), "l'", "l'Ufficio");
	STR_EQ(it_article_for("Zelatore", false, true), "gli", "gli Zelatori");
}

void
italian_tests(void)
{
	titles();
	articles();
	numbers();
	dates_and_times();
	upper_and_names();
	collation();
	member_sort();
	plurals();
}
