/* italian_test.c: numbers in words, dates, times, upper case, roll-call names, collation. */
#include <stdlib.h>

#include "harness.h"
#include "italian.h"

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

void
italian_tests(void)
{
	numbers();
	dates_and_times();
	upper_and_names();
	collation();
	plurals();
}
