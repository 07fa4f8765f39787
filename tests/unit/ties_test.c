/*
 * ties_test.c: ties.c's rules one by one: which spaces are ties, which words are kept whole,
 * where an address breaks.
 */
#include <stdbool.h>
#include <string.h>

#include "harness.h"
#include "ties.h"
#include "util.h"

static void
spaces(const struct ties *t)
{
	static const struct {
		const char *prev, *next;
		bool bind;
	} cases[] = {
	        {"€", "1.234,00", true},
	        {"1.234,00", "€", true},
	        {"di", "€", true},
	        {"l'art.", "42,", true},
	        {"(art.", "3)", true},
	        {"comma", "2,", true},
	        {"n.", "56", true},
	        {"lett.", "b)", true},
	        {"pag.", "12", true},
	        {"Sig.", "Rossi", true},
	        {"Dott.ssa", "Bianchi", true},
	        {"Avv.", "Verdi", true},
	        {"10", "km", true},
	        {"5", "%", true},
	        {"20", "mila", true},
	        {"3.", "km", true},
	        {"LO", "RUSSO", true},
	        {"Lo", "Russo,", true},
	        {"DE", "LUCA", true},
	        {"ROSSI", "–", true},
	        {"comma", "dello", false},
	        {"art.", "Statuto", false},
	        {"il", "comma", false},
	        {"10", "anni.", true},
	        {"10", "persone", false},
	        {"Stefano", "LO", false},
	        {"RUSSO", "e", false},
	        {"–", "Luca", false},
	        {"euro", "1.234", false},
	        {"lo", "studio", false},
	};
	size_t i;

	harness.test = "ties: spaces";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bool got = ties_space_binds(t, cases[i].prev, strlen(cases[i].prev), cases[i].next,
		                            strlen(cases[i].next));

		CHECK_AT(got == cases[i].bind, "'%s' '%s': %s, want %s", cases[i].prev,
		         cases[i].next, got ? "tie" : "break", cases[i].bind ? "tie" : "break");
	}
}

static void
words(const struct ties *t)
{
	static const struct {
		const char *word;
		bool keep;
	} cases[] = {
	        {"MONTEBELLO", true},
	        {"TICINO", true},
	        {"Esposito", true},
	        {"Davide", true},
	        {"Torino", true},
	        {"Città", true},
	        {"davide", false},
	        {"esposito", false},
	        {"metropolitana", false},
	        {"Metropolitana", false},
	        {"A", false},
	        {"Consiglio", true},
	        {"ÀNCORA", true},
	        {"deliberazione", false},
	};
	size_t i;

	harness.test = "ties: words kept whole";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_AT(ties_word_keeps(t, cases[i].word, strlen(cases[i].word)) == cases[i].keep,
		         "'%s': want %s", cases[i].word, cases[i].keep ? "whole" : "hyphenated");
}

static void
urls(void)
{
	static const struct {
		const char *url, *points; /* the pieces, split by '|' */
	} cases[] = {
	        {"https://www.e.it/a-b/c?x=1&y=2", "https://|www.|e.|it/|a-|b/|c?|x=1&|y=2"},
	        {"https://e.it/", "https://|e.|it/"},
	        {"http://e.it/a//b", "http://|e.|it/|a//|b"},
	        {"www.comune.it/delibere.", "www.|comune.|it/|delibere."},
	        {"(https://e.it/x)", "(https://|e.|it/|x)"},
	        {"mailto:a.b@e.it", "mailto:a.|b@e.|it"},
	};
	size_t i, k, at[16];

	harness.test = "ties: addresses";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *u = cases[i].url;
		size_t n = ties_url_splits(u, strlen(u), at, 16), from = 0;
		struct buf b = {0};

		for (k = 0; k <= n; k++) {
			size_t to = k < n ? at[k] : strlen(u);

			if (k > 0)
				buf_putc(&b, '|');
			buf_add(&b, u + from, to - from);
			from = to;
		}
		buf_putc(&b, '\0');
		STR_EQ(b.data, cases[i].points, u);
		buf_free(&b);
	}
	OK(ties_url_checks("https://e.it", 12) && ties_url_checks("www.e.it", 8) &&
	           !ties_url_checks("https://", 8) && !ties_url_checks("sito.it", 7),
	   "what an address is");
}

void
ties_tests(void)
{
	static const char *const bound[] = {"LO RUSSO", "DE LUCA", "ESPOSITO"};
	static const char *const names[] = {"Davide", "Città metropolitana di Torino",
	                                    "Consiglio metropolitano"};
	struct ties *t = ties_new(bound, 3, names, 3);

	spaces(t);
	words(t);
	urls();
	harness.test = "ties: no names";
	OK(!ties_space_binds(NULL, "LO", 2, "RUSSO", 5) && ties_space_binds(NULL, "n.", 2, "5", 1),
	   "without names, only the fixed rules");
	ties_free(t);
}
