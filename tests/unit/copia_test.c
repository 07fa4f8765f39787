/* copia_test.c: the published copy's dates and data (copia.h): omissis masked in every string,
 * shared values kept shared, F.to names, the certificate's dates. */
#include <stdlib.h>

#include "copia.h"
#include "harness.h"

static void
add_is(int y, int m, int d, long days, int wy, int wm, int wd)
{
	char what[64];
	int oy, om, od;

	snprintf(what, sizeof(what), "%04d-%02d-%02d + %ld", y, m, d, days);
	copia_date_add(y, m, d, days, &oy, &om, &od);
	CHECK_AT(oy == wy && om == wm && od == wd, "%s: got %04d-%02d-%02d, want %04d-%02d-%02d",
	         what, oy, om, od, wy, wm, wd);
}

static void
dates(void)
{
	harness.test = "copia dates";
	add_is(2024, 4, 22, 0, 2024, 4, 22);
	add_is(2024, 4, 22, 14, 2024, 5, 6); /* 15 days: the last one */
	add_is(2024, 4, 22, 10, 2024, 5, 2); /* enforceable */
	add_is(2024, 4, 30, 1, 2024, 5, 1);  /* a month's end */
	add_is(2024, 1, 31, 1, 2024, 2, 1);
	add_is(2024, 12, 24, 10, 2025, 1, 3); /* the year's end */
	add_is(2024, 12, 31, 1, 2025, 1, 1);
	add_is(2024, 2, 28, 1, 2024, 2, 29); /* leap years */
	add_is(2023, 2, 28, 1, 2023, 3, 1);
	add_is(2000, 2, 28, 1, 2000, 2, 29);
	add_is(2100, 2, 28, 1, 2100, 3, 1);
	add_is(2024, 2, 20, 14, 2024, 3, 5);
	add_is(2023, 2, 20, 14, 2023, 3, 6);
	add_is(2024, 1, 1, 366, 2025, 1, 1);
	add_is(2024, 3, 31, 31, 2024, 5, 1);
	add_is(2024, 1, 1, 365L * 4 + 1, 2028, 1, 1);
}

static struct tval *
str(struct arena *a, const char *s)
{
	struct tval *v = arena_alloc(a, sizeof(*v));

	tval_str(v, a, s);
	return v;
}

static const char *
get(const struct tval *m, const char *key)
{
	const struct tval *v = tval_get(m, key);

	return v != NULL && v->kind == TV_STR ? v->s : "(none)";
}

static void
masking(void)
{
	struct arena *a = arena_new();
	struct session s;
	struct member members[2];
	struct signature firme[3];
	struct omission om[3];
	struct tval *data = arena_alloc(a, sizeof(*data)), *member, *list, *firmelist, *copy;
	const struct tval *c;
	size_t i;

	harness.test = "copia data";
	memset(&s, 0, sizeof(s));
	memset(members, 0, sizeof(members));
	memset(firme, 0, sizeof(firme));
	memset(om, 0, sizeof(om));
	members[0].nome.s = "Mario";
	members[0].cognome.s = "Rossi";
	members[1].nome.s = "Nicolò";
	members[1].cognome.s = "D'Agostino";
	s.componenti = members;
	s.ncomponenti = 2;
	s.seduta.segretario.nome.s = "Carla";
	s.seduta.segretario.cognome.s = "Neri";
	firme[0].nome.s = "mario rossi";
	firme[1].nome.s = "D’AGOSTINO Nicolò";
	firme[2].nome.s = "dott. Carlo Bruzzone";
	s.firme = firme;
	s.nfirme = 3;
	om[0].testo.s = "Giobatta Pittaluga";
	om[1].testo.s = "Pittaluga"; /* the longer text wins where both match */
	om[2].testo.s = "Ca’ de Rissi";
	s.omissis = om;
	s.nomissis = 3;

	tval_map(data);
	tval_set_shared(data, a, "oggetto", str(a, "Istanza di Giobatta Pittaluga"));
	tval_set_shared(data, a, "oggetto_maiuscolo", str(a, "ISTANZA DI GIOBATTA PITTALUGA"));
	tval_set_shared(data, a, "testo",
	                str(a, "Il sig. Giobatta\n  Pittaluga, di Ca' de Rissi."));
	tval_set_shared(data, a, "nfd", str(a, "pittalu\xcc\x81ga e PITTALUGA")); /* u + U+0301 */
	tval_set_shared(data, a, "logo", str(a, "Pittaluga.png"));
	tval_set_shared(data, a, "paragrafi", str(a, "Giobatta\n\nPittaluga srl"));
	tval_set_shared(data, a, "citazione", str(a, "> > Il sig. Giobatta\n> > Pittaluga chiede"));
	member = arena_alloc(a, sizeof(*member));
	tval_map(member);
	tval_set_shared(member, a, "nome", str(a, "Mario"));
	list = arena_alloc(a, sizeof(*list));
	tval_list(list);
	for (i = 0; i < 3; i++)
		tval_push_shared(list, a, member);
	tval_set_shared(data, a, "componenti", list);
	firmelist = arena_alloc(a, sizeof(*firmelist));
	tval_list(firmelist);
	for (i = 0; i < 3; i++) {
		struct tval *f = tval_push(firmelist, a);

		tval_map(f);
		tval_set_shared(f, a, "nome", str(a, firme[i].nome.s));
	}
	tval_set_shared(data, a, "firme", firmelist);

	copy = copia_data(data, &s, NULL, a, NULL);
	STR_EQ(get(copy, "oggetto"), "Istanza di omissis", "a subject");
	STR_EQ(get(copy, "oggetto_maiuscolo"), "ISTANZA DI OMISSIS", "in capitals");
	STR_EQ(get(copy, "testo"), "Il sig. omissis, di omissis.", "across a line, any apostrophe");
	STR_EQ(get(copy, "nfd"), "pittalúga e OMISSIS", "accents count, case does not");
	STR_EQ(get(copy, "logo"), "Pittaluga.png", "the logo's path is left alone");
	STR_EQ(get(copy, "paragrafi"), "Giobatta\n\nomissis srl",
	       "a paragraph's end is not a space: the Markdown keeps its paragraphs");
	STR_EQ(get(copy, "citazione"), "> > Il sig. omissis chiede", "a block quote's line ends");
	STR_EQ(get(data, "oggetto"), "Istanza di Giobatta Pittaluga", "the original is unchanged");
	OK(tval_get(copy, "componenti") == list, "an unchanged list stays shared");
	OK(tval_is_truthy(tval_get(copy, "copia")), "copia is true");
	c = tval_get(copy, "firme");
	OK(c != NULL && c->n == 3, "three signatures");
	if (c != NULL && c->n == 3) {
		STR_EQ(get(c->items[0], "firmato"), "Mario ROSSI", "a member's name, any case");
		STR_EQ(get(c->items[1], "firmato"), "Nicolò D'AGOSTINO", "surname first");
		STR_EQ(get(c->items[2], "firmato"), "dott. Carlo Bruzzone", "as written");
	}
	c = tval_get(copy, "certificato");
	OK(c != NULL && !tval_is_truthy(tval_get(c, "pubblicazione")), "no dates");
	STR_EQ(get(c, "dal"), "", "a blank");
	STR_EQ(get(c, "giorni_lettere"), "quindici", "15 days");

	s.pubblicazione.set = true;
	s.pubblicazione.dal = (struct date){2024, 4, 22, {NULL, 0, 0}, true, DATE_DAY};
	s.pubblicazione.giorni.v = 15;
	c = tval_get(copia_data(data, &s, NULL, a, NULL), "certificato");
	STR_EQ(get(c, "dal"), "22 aprile 2024", "from");
	STR_EQ(get(c, "al"), "6 maggio 2024", "to");
	arena_free(a);
}

void
copia_tests(void)
{
	dates();
	masking();
}
