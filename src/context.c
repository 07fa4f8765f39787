/* context.c: session + outcomes -> template data. Facts only; the words are the templates'. */
#include "context.h"
#include "context_private.h"

#include <stdlib.h>
#include <string.h>

#include "italian.h"
#include "markdown.h"
#include "rules.h"
#include "text.h"
#include "util.h"

/* Every key given to the put_ functions is a literal, borrowed for as long as the arena. */
void
ctx_put_str(struct ctx *c, struct tval *map, const char *key, const char *s)
{
	if (s == NULL)
		tval_set_shared(map, c->a, key, c->null);
	else /* model strings live in the session, which outlives this */
		tval_str_borrow(tval_set_borrow(map, c->a, key), s);
}

void
ctx_put_buf(struct ctx *c, struct tval *map, const char *key, struct buf *b)
{
	tval_str(tval_set_borrow(map, c->a, key), c->a, b->data ? b->data : "");
	buf_free(b);
}

/* A Markdown field, closed and indented so that it embeds safely (markdown_field). */
void
ctx_put_md(struct ctx *c, struct tval *map, const char *key, const char *md, int demote, int indent)
{
	char *f;

	if (md == NULL) {
		tval_set_shared(map, c->a, key, c->null);
		return;
	}
	f = markdown_field(md, demote, indent);
	tval_str(tval_set_borrow(map, c->a, key), c->a, f);
	free(f);
}

void
ctx_put_bool(struct ctx *c, struct tval *map, const char *key, bool b)
{
	tval_set_shared(map, c->a, key, b ? c->yes : c->no);
}

/* n's digits in *digits and words in *words: shared ones when n is a small count. */
static void
count_values(struct ctx *c, long n, struct tval **digits, struct tval **words)
{
	struct buf b = {0};
	bool small = n >= 0 && (size_t)n < c->ncounts;

	*digits = small ? &c->digits[n] : arena_alloc(c->a, sizeof(**digits));
	*words = small ? &c->words[n] : arena_alloc(c->a, sizeof(**words));
	if ((*digits)->kind == TV_STR)
		return; /* made before */
	tval_strf(*digits, c->a, "%ld", n);
	it_number_words(n, &b);
	tval_str(*words, c->a, b.data ? b.data : "");
	buf_free(&b);
}

void
ctx_put_count4(struct ctx *c, struct tval *map, long n, const char *key, const char *key_words,
               const char *key_one, const char *key_none)
{
	struct tval *digits, *words;

	count_values(c, n, &digits, &words);
	tval_set_shared(map, c->a, key, digits);
	tval_set_shared(map, c->a, key_words, words);
	ctx_put_bool(c, map, key_one, n == 1);
	ctx_put_bool(c, map, key_none, n == 0);
}

static void
put_upper(struct ctx *c, struct tval *map, const char *key, const char *s)
{
	struct buf b = {0};

	if (s == NULL) {
		tval_set_shared(map, c->a, key, c->null);
		return;
	}
	it_upper(s, &b);
	ctx_put_buf(c, map, key, &b);
}

struct tval *
ctx_new_list(struct ctx *c, struct tval *map, const char *key)
{
	struct tval *l = tval_set_borrow(map, c->a, key);

	tval_list(l);
	return l;
}

struct tval *
ctx_new_map(struct ctx *c, struct tval *parent, const char *key)
{
	struct tval *m = tval_set_borrow(parent, c->a, key);

	tval_map(m);
	return m;
}

struct tval *
ctx_push_map(struct ctx *c, struct tval *list)
{
	struct tval *m = tval_push(list, c->a);

	tval_map(m);
	return m;
}

/* Each kind of body's members, in the singular and the plural (enum body_kind's order). */
static const char *const kind_titles[BODY_MAX][2] = {
        {"Consigliere", "Consiglieri"},
        {"Assessore", "Assessori"},
        {"Commissario", "Commissari"},
        {"componente", "componenti"},
};

/* word after its article or articulated preposition, apostrophe elided: "l'Assessore",
 * "della Sindaca" (key a literal). */
static void
put_with(struct ctx *c, struct tval *m, const char *key, const char *art, const char *word)
{
	struct buf w = {0};

	it_join_article(art, word, &w);
	ctx_put_buf(c, m, key, &w);
}

/* title in b, agreeing with a woman when feminine (as written when exact); returns its article:
 * "la Sindaca", "l'Assessore anziano", "il Sindaco" for a woman who keeps the title. */
static const char *
agreed_title(const char *title, bool feminine, bool exact, struct buf *b)
{
	if (exact)
		buf_puts(b, title);
	else
		it_title(title, feminine, false, b);
	return it_article_for(b->data,
	                      exact ? it_title_reads_feminine(b->data, feminine) : feminine, false);
}

/* The title in b under key, and upper case under key_maiuscolo, when the file gives one (given);
 * else both null (the templates write their own word). Empties b. */
static void
put_given_title(struct ctx *c, struct tval *m, const char *key, bool given, struct buf *b)
{
	char name[64];
	const char *upper; /* a key of the data: it lives in the arena, as the literals do */

	snprintf(name, sizeof(name), "%s_maiuscolo", key);
	upper = arena_strdup(c->a, name);
	if (given) {
		put_upper(c, m, upper, b->data);
		ctx_put_buf(c, m, key, b);
	} else {
		buf_free(b);
		ctx_put_str(c, m, key, NULL);
		ctx_put_str(c, m, upper, NULL);
	}
}

/* A person's title agreeing with the person (as written when exact) under titolo, and with
 * its article under titolo_con_articolo: "la Consigliera", "l'Assessore". */
static void
person_title(struct ctx *c, struct tval *m, const char *title, bool fem, bool exact)
{
	struct buf b = {0};
	const char *art;

	if (exact) { /* "il Sindaco" of a woman who keeps the title so */
		buf_puts(&b, title);
		fem = it_title_reads_feminine(title, fem);
	} else
		it_title(title, fem, false, &b);
	art = it_article_for(b.data, fem, false);
	put_with(c, m, "titolo_con_articolo", art, b.data);
	put_with(c, m, "titolo_del", it_of_article(art), b.data);
	ctx_put_buf(c, m, "titolo", &b);
}

/* A group of people: key_fem when they are all women (the feminine plural; a mixed group
 * takes the masculine), key_title the body's members' title with its article in that gender
 * ("i Consiglieri", "le Consigliere", "gli Assessori") (keys literals). */
#define group_fields(c, map, key, n, fem)                                                          \
	group_fields2(c, map, n, fem, key "_femminile", key "_titolo", key "_plurale")

static void
group_fields2(struct ctx *c, struct tval *map, size_t n, bool fem, const char *key_fem,
              const char *key_title, const char *key_plural)
{
	struct buf b = {0}, w = {0};
	const char *art;

	fem = fem && n > 0;
	it_title(kind_titles[c->s->tipo_organo][1], fem, true, &b);
	art = it_article_for(b.data, fem, true);
	buf_printf(&w, "%s %s", art, b.data);
	buf_free(&b);
	ctx_put_bool(c, map, key_fem, fem);
	ctx_put_buf(c, map, key_title, &w);
	ctx_put_bool(c, map, key_plural, n != 1);
}

void
ctx_member_fields(struct ctx *c, struct tval *m, const struct member *p)
{
	struct buf b = {0};
	size_t i = (size_t)(p - c->s->componenti);

	ctx_put_str(c, m, "nome", p->nome.s);
	ctx_put_str(c, m, "cognome", p->cognome.s);
	put_upper(c, m, "cognome_maiuscolo", p->cognome.s);
	ctx_put_str(c, m, "ruolo", p->ruolo.s);
	ctx_put_str(c, m, "id", p->id.s);
	it_name_roll(p->nome.s ? p->nome.s : "", p->cognome.s ? p->cognome.s : "", &b);
	ctx_put_buf(c, m, "appello", &b);
	buf_printf(&b, "%s %s", p->nome.s ? p->nome.s : "", p->cognome.s ? p->cognome.s : "");
	/* how a vote list names them: the surname, or the full name when it is shared */
	ctx_put_str(c, m, "breve",
	            c->shared != NULL && i < c->s->ncomponenti && c->shared[i]
	                    ? arena_strdup(c->a, b.data)
	                    : p->cognome.s);
	ctx_put_buf(c, m, "nome_cognome", &b);
	if (i < c->s->ncomponenti) {
		bool fem = model_member_feminine(c->s, i);

		ctx_put_bool(c, m, "femminile", fem);
		person_title(c, m, p->ruolo.s ? p->ruolo.s : kind_titles[c->s->tipo_organo][0], fem,
		             p->ruolo_esatto);
	}
}

/* Member i's fields, made once and shared by every list that names the member. */
struct tval *
ctx_member_map(struct ctx *c, size_t i)
{
	if (c->member[i] == NULL) {
		c->member[i] = arena_alloc(c->a, sizeof(struct tval));
		tval_map(c->member[i]);
		ctx_member_fields(c, c->member[i], &c->s->componenti[i]);
		tval_share_keys(c->member[i], c->a, c->last_member);
		c->last_member = c->member[i];
	}
	return c->member[i];
}

/* A date: in words under key, "del ..." under key_del, ISO 8601 under key_iso (key a
 * literal). */
#define date_fields(c, m, key, d) date_fields3(c, m, d, key, key "_del", key "_iso")

static void
date_fields3(struct ctx *c, struct tval *m, const struct date *d, const char *key,
             const char *key_del, const char *key_iso)
{
	struct buf b = {0};

	if (!d->set) {
		tval_set_shared(m, c->a, key, c->null);
		return;
	}
	it_date(d->y, d->m, d->d, &b);
	ctx_put_buf(c, m, key, &b);
	it_date_of(d->y, d->m, d->d, &b);
	ctx_put_buf(c, m, key_del, &b);
	tval_strf(tval_set_borrow(m, c->a, key_iso), c->a, "%04d-%02d-%02d", d->y, d->m, d->d);
}

void
ctx_member_list2(struct ctx *c, struct tval *map, enum cast k, const char *key, const char *key_any)
{
	struct tval *l;
	size_t i, n = 0;

	for (i = 0; i < c->s->ncomponenti; i++)
		n += c->cast[i] == k;
	ctx_put_bool(c, map, key_any, n > 0);
	if (n == 0) {
		tval_set_shared(map, c->a, key, c->empty);
		return;
	}
	l = ctx_new_list(c, map, key);
	for (i = 0; i < c->s->ncomponenti; i++)
		if (c->cast[c->order[i]] == k)
			tval_push_shared(l, c->a, ctx_member_map(c, c->order[i]));
}

static void
rules_fields(struct ctx *c, struct tval *top)
{
	const struct rules *r = &c->s->regole;
	struct tval *m = ctx_new_map(c, top, "regole");

	ctx_put_str(c, m, "preset", r->preset);
	ctx_put_bool(c, m, "modificate", r->modified);
	ctx_put_str(c, m, "fonte", r->fonte.s);
	put_count(c, m, "assegnati", rules_assigned(c->s));
	put_count(c, m, "numero_legale", rules_quorum(c->s));
	ctx_put_str(c, m, "maggioranza", model_majority_names[r->maggioranza]);
	ctx_put_bool(c, m, "astenuti_votanti", r->astenuti == AST_VOTANTI);
	ctx_put_bool(c, m, "non_partecipanti_assenti", r->non_partecipanti == NP_ASSENTI);
	ctx_put_bool(c, m, "parita_voto_presidente", r->parita == TIE_VOTO_PRESIDENTE);
}

/* seduta.data known only to the month or the year: data, data_del and data_iso say so
 * ("novembre 2020", "del 2020", "2020-11"); data_giorno_noto, data_solo_mese and
 * data_solo_anno tell the templates which. */
static void
period_fields(struct ctx *c, struct tval *m, const struct date *d)
{
	struct buf b = {0};
	int month = d->precision == DATE_MONTH ? d->m : 0;

	it_period(d->y, month, &b);
	ctx_put_buf(c, m, "data", &b);
	it_period_of(d->y, month, &b);
	ctx_put_buf(c, m, "data_del", &b);
	if (month)
		tval_strf(tval_set_borrow(m, c->a, "data_iso"), c->a, "%04d-%02d", d->y, month);
	else
		tval_strf(tval_set_borrow(m, c->a, "data_iso"), c->a, "%04d", d->y);
}

/* A person the record does not name (presidente or segretario: ignoto): a blank to fill in. */
static const char blank_name[] = "______________";

static void
unknown_person_fields(struct ctx *c, struct tval *p)
{
	static const char *const keys[] = {"cognome", "appello", "nome_cognome"};
	struct tval *blank = arena_alloc(c->a, sizeof(*blank));
	size_t i;

	/* a key may hold a shared value already (null): give it a new one, never change that */
	tval_str_borrow(blank, blank_name);
	tval_set_shared(p, c->a, "nome", c->null);
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		tval_set_shared(p, c->a, keys[i], blank);
}

static void
sitting_fields(struct ctx *c, struct tval *top, const bool *rollcall)
{
	const struct sitting *st = &c->s->seduta;
	struct tval *m = ctx_new_map(c, top, "seduta"), *p;
	struct buf b = {0};
	int pres = st->presidente.member;
	bool pfem, sfem, exact;
	const char *art;
	char cap[8];

	ctx_put_str(c, m, "adunanza", st->adunanza.s);
	put_upper(c, m, "adunanza_maiuscolo", st->adunanza.s);
	ctx_put_str(c, m, "legislatura", st->legislatura.s);
	if (st->numero.set)
		tval_strf(tval_set_borrow(m, c->a, "numero"), c->a, "%ld", st->numero.v);
	else
		ctx_put_str(c, m, "numero", NULL);
	ctx_put_bool(c, m, "numerata", st->legislatura.s != NULL || st->numero.set);
	ctx_put_str(c, m, "modalita", model_sitting_mode_names[st->modalita]);
	ctx_put_bool(c, m, "in_presenza", st->modalita == SITTING_PRESENZA);
	ctx_put_bool(c, m, "telematica", st->modalita == SITTING_TELEMATICA);
	ctx_put_bool(c, m, "mista", st->modalita == SITTING_MISTA);
	ctx_put_str(c, m, "modalita_fonte", st->modalita_fonte.s);
	if (st->modalita_fonte.s != NULL) { /* "del Regolamento ...", "dell'art. 73 ..." */
		it_join_article(it_of_article(it_article(st->modalita_fonte.s)),
		                st->modalita_fonte.s, &b);
		ctx_put_buf(c, m, "modalita_fonte_del", &b);
	} else
		ctx_put_str(c, m, "modalita_fonte_del", NULL);
	date_fields(c, m, "data", &st->data);
	if (st->data.precision != DATE_DAY)
		period_fields(c, m, &st->data);
	/* "il giorno 1° del mese": the first day is an ordinal, the others cardinals */
	tval_strf(tval_set_borrow(m, c->a, "giorno"), c->a, st->data.d == 1 ? "%d°" : "%d",
	          st->data.d);
	ctx_put_str(c, m, "mese", it_month(st->data.m));
	tval_strf(tval_set_borrow(m, c->a, "anno"), c->a, "%d", st->data.y);
	it_number_words(st->data.y, &b);
	ctx_put_buf(c, m, "anno_lettere", &b);
	it_number_words(st->data.d, &b);
	ctx_put_buf(c, m, "giorno_lettere", &b);
	if (st->ora.set) {
		it_time(st->ora.h, st->ora.m, &b);
		ctx_put_buf(c, m, "ora", &b);
	} else
		tval_set_borrow(m, c->a, "ora");
	ctx_put_str(c, m, "luogo", st->luogo.s);
	if (st->luogo.s != NULL) {
		it_place(st->luogo.s, &b);
		ctx_put_buf(c, m, "luogo_con_preposizione", &b);
	} else
		tval_set_borrow(m, c->a, "luogo_con_preposizione");
	ctx_put_bool(c, m, "data_giorno_noto", st->data.precision == DATE_DAY);
	ctx_put_bool(c, m, "data_solo_mese", st->data.precision == DATE_MONTH);
	ctx_put_bool(c, m, "data_solo_anno", st->data.precision == DATE_YEAR);
	ctx_put_str(c, m, "convocazione", model_convocation_names[st->convocazione]);
	ctx_put_bool(c, m, "prima_convocazione", st->convocazione == CONV_PRIMA);
	ctx_put_bool(c, m, "seconda_convocazione", st->convocazione == CONV_SECONDA);
	ctx_put_bool(c, m, "urgente", st->convocazione == CONV_URGENTE);
	date_fields(c, m, "avviso", &st->avviso);
	p = ctx_new_map(c, m, "presidente");
	if (pres >= 0)
		ctx_member_fields(c, p, &c->s->componenti[pres]);
	else if (st->presidente_ignoto)
		unknown_person_fields(c, p);
	ctx_put_bool(c, m, "presidente_ignoto", st->presidente_ignoto);
	ctx_put_bool(c, m, "segretario_ignoto", st->segretario_ignoto);
	pfem = model_president_feminine(c->s);
	/* "Sindaco" for a woman reads "Sindaca", unless her ruolo is to be kept as written */
	exact = pres >= 0 && c->s->componenti[pres].ruolo_esatto;
	art = agreed_title(st->presidente_titolo.s ? st->presidente_titolo.s : "Presidente", pfem,
	                   exact, &b);
	/* "il Sindaco", "dell'Assessore anziano": "Presidente" when no title is given */
	put_with(c, m, "presidente_titolo_con_articolo", art, b.data);
	snprintf(cap, sizeof(cap), "%c%s", (char)(art[0] - 'a' + 'A'), art + 1); /* "Il", "L'" */
	put_with(c, m, "presidente_titolo_inizio_frase", cap, b.data);
	put_with(c, m, "presidente_titolo_del", it_of_article(art), b.data);
	put_given_title(c, m, "presidente_titolo", st->presidente_titolo.s != NULL, &b);
	ctx_put_bool(c, m, "presidente_femminile", pfem);
	ctx_put_bool(c, m, "presidente_presente", pres >= 0 && rollcall[pres]);
	p = ctx_new_map(c, m, "segretario");
	ctx_put_str(c, p, "nome", st->segretario.nome.s);
	ctx_put_str(c, p, "cognome", st->segretario.cognome.s);
	sfem = st->segretario.genere.set ? st->segretario.genere.g == GENDER_FEMMINILE
	                                 : it_title_is_feminine(st->segretario.qualifica.s);
	art = agreed_title(st->segretario.qualifica.s ? st->segretario.qualifica.s : "Segretario",
	                   sfem, st->segretario.ruolo_esatto, &b);
	/* "la Segretaria comunale", "della Segretaria": "Segretario" when no qualifica is given */
	put_with(c, p, "qualifica_con_articolo", art, b.data);
	put_with(c, p, "qualifica_del", it_of_article(art), b.data);
	put_given_title(c, p, "qualifica", st->segretario.qualifica.s != NULL, &b);
	ctx_put_bool(c, p, "femminile", sfem);
	it_name_roll(st->segretario.nome.s ? st->segretario.nome.s : "",
	             st->segretario.cognome.s ? st->segretario.cognome.s : "", &b);
	ctx_put_buf(c, p, "appello", &b);
	buf_printf(&b, "%s %s", st->segretario.nome.s ? st->segretario.nome.s : "",
	           st->segretario.cognome.s ? st->segretario.cognome.s : "");
	ctx_put_buf(c, p, "nome_cognome", &b);
	if (st->segretario_ignoto)
		unknown_person_fields(c, p);
}

static bool
is_justified(const struct session *s, size_t m)
{
	size_t i;

	for (i = 0; i < s->giustificati.n; i++)
		if (s->giustificati.v[i].member == (int)m)
			return true;
	return false;
}

static void
rollcall_fields(struct ctx *c, struct tval *top, const bool *rollcall)
{
	const struct session *s = c->s;
	struct tval *all = ctx_new_list(c, top, "componenti");
	struct tval *present = ctx_new_list(c, top, "presenti_appello");
	struct tval *others = ctx_new_list(c, top, "intervenuti");
	struct tval *absent = ctx_new_list(c, top, "assenti");
	struct tval *just = ctx_new_list(c, top, "assenti_giustificati");
	struct tval *unjust = ctx_new_list(c, top, "assenti_non_giustificati");
	size_t i, npresent = 0, nothers = 0;
	bool fem_present = true, fem_others = true, fem_absent = true;

	for (i = 0; i < s->ncomponenti; i++) {
		const struct member *p = &s->componenti[i];
		bool j = is_justified(s, i), fem = model_member_feminine(s, i);
		struct tval *m = ctx_push_map(c, all);

		ctx_member_fields(c, m, p);
		ctx_put_bool(c, m, "presente", rollcall[i]);
		ctx_put_bool(c, m, "giustificato", !rollcall[i] && j);
		if (rollcall[i]) {
			npresent++;
			fem_present &= fem;
			ctx_member_fields(c, ctx_push_map(c, present), p);
			if ((int)i != s->seduta.presidente.member) {
				nothers++;
				fem_others &= fem;
				ctx_member_fields(c, ctx_push_map(c, others), p);
			}
			continue;
		}
		fem_absent &= fem;
		m = ctx_push_map(c, absent);
		ctx_member_fields(c, m, p);
		ctx_put_bool(c, m, "giustificato", j);
		ctx_member_fields(c, ctx_push_map(c, j ? just : unjust), p);
	}
	put_count(c, top, "numero_presenti", (long)npresent);
	put_count(c, top, "numero_assenti", (long)(s->ncomponenti - npresent));
	ctx_put_bool(c, top, "ha_assenti", npresent < s->ncomponenti);
	group_fields(c, top, "presenti_appello", npresent, fem_present);
	group_fields(c, top, "intervenuti", nothers, fem_others);
	group_fields(c, top, "assenti", s->ncomponenti - npresent, fem_absent);
}

/* Vote columns in one attendance table: a page's width holds the name and about this many. */
enum { PRESENCE_COLUMNS = 15 };

/* A member's state at a vote, as the attendance table prints it. */
enum presence { PR_PRESENTE, PR_ASSENTE, PR_GIUSTIFICATO, PR_USCITO, PR_MAX };

/* Whether someone enters or leaves after the last vote. */
static bool
moves_after_last(const struct session *s)
{
	size_t i;

	for (i = 0; i < s->nmovimenti; i++)
		if (s->movimenti[i].kind != MOVE_PRESIDENZA &&
		    model_move_gap(&s->movimenti[i]) == (long)s->nvotes)
			return true;
	return false;
}

/* The attendance table (opzioni: tabella_presenze) of the votes numbered from+1 to to (seq),
 * under key in map: KEY.tabelle, each of at most PRESENCE_COLUMNS votes, a row per member in
 * roll-call order, a cell per vote. A member who left before a vote and has not come back is
 * "U"; one absent from the roll call and not yet entered "A", or "AG" when justified. In the
 * whole sitting's table (whole), when someone enters or leaves after the last vote, a last
 * column "Fine" gives the state at the end (KEY.fine). Costs members x votes, and only when asked
 * for. */
static void
presence_fields(struct ctx *c, struct tval *map, const char *key, const bool *rollcall, size_t from,
                size_t to, bool whole)
{
	static const char *const word[PR_MAX] = {"P", "A", "AG", "U"};
	const struct session *s = c->s;
	bool end = whole && to == s->nvotes && moves_after_last(s);
	size_t n = s->ncomponenti, nv = to - from + end, i, k, v, mv = 0;
	unsigned char *st = xcalloc(n * nv + 1, 1), *now = xcalloc(n + 1, 1);
	struct tval *cell[PR_MAX], *table = ctx_new_map(c, map, key),
	                           *tables = ctx_new_list(c, table, "tabelle");

	for (k = 0; k < PR_MAX; k++) {
		cell[k] = arena_alloc(c->a, sizeof(struct tval));
		tval_str_borrow(cell[k], word[k]);
	}
	for (i = 0; i < n; i++)
		now[i] = rollcall[i] ? PR_PRESENTE : PR_ASSENTE;
	for (i = 0; i < s->giustificati.n; i++)
		if (s->giustificati.v[i].member >= 0 && !rollcall[s->giustificati.v[i].member])
			now[s->giustificati.v[i].member] = PR_GIUSTIFICATO;
	/* The loader keeps movimenti in the order they happen (as rules_presence reads them). */
	/* with end, a last column after the last vote (v == to): who entered or left after it */
	for (v = 0; v < to + end; v++) {
		for (; mv < s->nmovimenti && model_move_gap(&s->movimenti[mv]) < (long)v + 1;
		     mv++) {
			const struct move *m = &s->movimenti[mv];

			if (m->componente.member >= 0 && m->kind != MOVE_PRESIDENZA)
				now[m->componente.member] =
				        m->kind == MOVE_ENTRA ? PR_PRESENTE : PR_USCITO;
		}
		for (i = 0; v >= from && i < n; i++)
			st[i * nv + v - from] = now[i];
	}
	ctx_put_bool(c, table, "fine", end);
	for (k = 0; k < nv; k += PRESENCE_COLUMNS) {
		size_t last = k + PRESENCE_COLUMNS < nv ? k + PRESENCE_COLUMNS : nv;
		struct tval *t = ctx_push_map(c, tables), *cols = ctx_new_list(c, t, "colonne");
		struct tval *rows = ctx_new_list(c, t, "righe");

		for (v = k; v < last; v++) {
			struct tval *col = ctx_push_map(c, cols);

			if (end && v == nv - 1)
				tval_str_borrow(tval_set_borrow(col, c->a, "n"), "Fine");
			else
				tval_strf(tval_set_borrow(col, c->a, "n"), c->a, "%zu",
				          from + v + 1);
		}
		ctx_put_bool(c, t, "prima", k == 0);
		for (i = 0; i < n; i++) {
			struct tval *r = ctx_push_map(c, rows), *cells;

			tval_set_shared(r, c->a, "componente", ctx_member_map(c, i));
			cells = ctx_new_list(c, r, "celle");
			for (v = k; v < last; v++)
				tval_push_shared(cells, c->a, cell[st[i * nv + v]]);
		}
	}
	free(st);
	free(now);
}

/* "da" joined to who gave a parere (it_from), under key; null without one. */
static void
put_from(struct ctx *c, struct tval *m, const char *key, const char *who)
{
	struct buf b = {0};

	if (who == NULL) {
		ctx_put_str(c, m, key, NULL);
		return;
	}
	it_from(who, &b);
	ctx_put_buf(c, m, key, &b);
}

/* A date in words with its article, "il 7 marzo 2024", "l'8 marzo 2024", under key. */
static void
put_on_date(struct ctx *c, struct tval *m, const char *key, const struct date *d)
{
	struct buf b = {0};

	if (!d->set) {
		ctx_put_str(c, m, key, NULL);
		return;
	}
	it_date_on(d->y, d->m, d->d, &b);
	ctx_put_buf(c, m, key, &b);
}

/* The pareri of an act (art. 49 TUEL), under pareri, and ha_pareri. */
static void
parere_fields(struct ctx *c, struct tval *m, const struct act *a)
{
	static const char *const kinds[PARERE_KIND_MAX] = {"regolarità tecnica",
	                                                   "regolarità contabile"};
	static const char *const outcomes[PARERE_OUTCOME_MAX] = {"Favorevole", "Contrario",
	                                                         "Non dovuto"};
	struct tval *l = ctx_new_list(c, m, "pareri");
	size_t i;

	for (i = 0; i < a->npareri; i++) {
		const struct parere *p = &a->pareri[i];
		struct tval *x = ctx_push_map(c, l);

		ctx_put_str(c, x, "tipo", kinds[p->tipo]);
		ctx_put_str(c, x, "tipo_chiave", model_parere_kind_names[p->tipo]);
		ctx_put_str(c, x, "esito", outcomes[p->esito]);
		ctx_put_str(c, x, "esito_chiave", model_parere_outcome_names[p->esito]);
		ctx_put_bool(c, x, "non_dovuto", p->esito == PARERE_NON_DOVUTO);
		ctx_put_str(c, x, "responsabile", p->responsabile.s);
		put_from(c, x, "responsabile_da", p->responsabile.s);
		date_fields(c, x, "data", &p->data);
		put_on_date(c, x, "data_il", &p->data);
		ctx_put_str(c, x, "motivazione", p->motivazione.s);
	}
	ctx_put_bool(c, m, "ha_pareri", a->npareri > 0);
	ctx_put_bool(c, m, "contabile", a->contabile);
}

/*
 * For the act's own document (render --atti): who was in the room for act a, at its first
 * vote (an act without votes: as at the vote before it, numbered before, 0 the roll call):
 * presenti_atto and assenti_atto with their counts; presidente_atto, who presides then, and
 * presidenza_cambiata_atto when it is not the sitting's president; and under presenze the
 * attendance table of
 * its votes, when someone entered or left before one of them or the session asks for the
 * table (null otherwise).
 */
static void
act_presence_fields(struct ctx *c, struct tval *m, const struct act *a, unsigned before,
                    const bool *rollcall)
{
	const struct session *s = c->s;
	struct tval *present = ctx_new_list(c, m, "presenti_atto");
	struct tval *absent = ctx_new_list(c, m, "assenti_atto");
	bool *now = xcalloc(s->ncomponenti + 1, sizeof(bool)), moved = false;
	bool fem_present = true, fem_absent = true;
	size_t i, k, npresent = 0;
	int pres;

	for (k = 0; k < a->nvotazioni && !moved; k++) {
		rules_presence(s, a->votazioni[k].seq, now);
		for (i = 0; i < s->ncomponenti && !moved; i++)
			moved = now[i] != rollcall[i];
	}
	rules_presence(s, a->nvotazioni > 0 ? a->votazioni[0].seq : before, now);
	for (i = 0; i < s->ncomponenti; i++) {
		bool fem = model_member_feminine(s, i);
		struct tval *x;

		if (now[i]) {
			npresent++;
			fem_present &= fem;
			tval_push_shared(present, c->a, ctx_member_map(c, i));
			continue;
		}
		fem_absent &= fem;
		x = ctx_push_map(c, absent);
		ctx_member_fields(c, x, &s->componenti[i]);
		ctx_put_bool(c, x, "giustificato", !rollcall[i] && is_justified(s, i));
		ctx_put_bool(c, x, "uscito", rollcall[i]);
	}
	pres = model_president_at(s, a->nvotazioni > 0 ? a->votazioni[0].seq : before);
	if (pres >= 0)
		tval_set_shared(m, c->a, "presidente_atto", ctx_member_map(c, (size_t)pres));
	else
		ctx_put_str(c, m, "presidente_atto", NULL);
	ctx_put_bool(c, m, "presidenza_cambiata_atto", pres != s->seduta.presidente.member);
	put_count(c, m, "numero_presenti_atto", (long)npresent);
	put_count(c, m, "numero_assenti_atto", (long)(s->ncomponenti - npresent));
	group_fields(c, m, "presenti_atto", npresent, fem_present);
	group_fields(c, m, "assenti_atto", s->ncomponenti - npresent, fem_absent);
	if (a->nvotazioni > 0 && (moved || s->opzioni.tabella_presenze))
		presence_fields(c, m, "presenze", rollcall, a->votazioni[0].seq - 1,
		                a->votazioni[a->nvotazioni - 1].seq, false);
	else
		tval_set_shared(m, c->a, "presenze", c->null);
	free(now);
}

/* An act's kind (tipo, and tipo_deliberazione... as booleans) and its outcome: esito, the
 * outcome of rules_act_vote (null when none), with esito_approvata and esito_respinta. */
static void
act_kind_fields(struct ctx *c, struct tval *m, const struct act *a)
{
	const struct vote *last = rules_act_vote(a);
	struct tally t;

	ctx_put_str(c, m, "tipo", model_act_kind_names[a->tipo]);
	ctx_put_bool(c, m, "tipo_deliberazione", a->tipo == ACT_DELIBERAZIONE);
	ctx_put_bool(c, m, "tipo_ordine_del_giorno", a->tipo == ACT_ORDINE_DEL_GIORNO);
	ctx_put_bool(c, m, "tipo_mozione", a->tipo == ACT_MOZIONE);
	ctx_put_bool(c, m, "tipo_interpellanza", a->tipo == ACT_INTERPELLANZA);
	if (last == NULL) {
		ctx_put_str(c, m, "esito", NULL);
		ctx_put_bool(c, m, "esito_approvata", false);
		ctx_put_bool(c, m, "esito_respinta", false);
		return;
	}
	rules_presence(c->s, last->seq, c->present);
	rules_casts(c->s, last, c->present, c->cast);
	rules_tally(c->s, last, c->cast, &t);
	ctx_put_str(c, m, "esito", model_outcome_names[t.esito]);
	ctx_put_bool(c, m, "esito_approvata", t.esito == OUT_APPROVATA);
	ctx_put_bool(c, m, "esito_respinta", t.esito == OUT_RESPINTA);
}

static void
act_fields(struct ctx *c, struct tval *m, const struct act *a, const char *const *annex,
           size_t *nannex)
{
	struct tval *l;
	size_t i;

	ctx_put_str(c, m, "numero", a->numero.s);
	ctx_put_bool(c, m, "ha_numero", a->numero.s != NULL && a->numero.s[0] != '\0');
	act_kind_fields(c, m, a);
	ctx_put_str(c, m, "oggetto", a->oggetto.s);
	put_upper(c, m, "oggetto_maiuscolo", a->oggetto.s);
	/* the act's heading is level 2 and the body's name level 3: a "#" of the act's text
	 * comes below them (an annex's below its level-2 title) */
	ctx_put_md(c, m, "testo", a->testo.s, ACT_DEMOTE, 0);
	ctx_put_md(c, m, "discussione", a->discussione.s, ACT_DEMOTE, 0);
	l = ctx_new_list(c, m, "dispositivo");
	for (i = 0; i < a->dispositivo.n; i++) /* indented to continue a numbered list item */
		ctx_put_md(c, ctx_push_map(c, l), "testo", a->dispositivo.v[i].s, ACT_DEMOTE, 3);
	ctx_put_bool(c, m, "ha_dispositivo", a->dispositivo.n > 0);
	parere_fields(c, m, a);
	l = ctx_new_list(c, m, "votazioni");
	for (i = 0; i < a->nvotazioni; i++)
		ctx_vote_fields(c, ctx_push_map(c, l), a, &a->votazioni[i], c->s->regole.fonte.s);
	ctx_put_bool(c, m, "ha_votazioni", a->nvotazioni > 0);
	l = ctx_new_list(c, m, "allegati");
	for (i = 0; i < a->nallegati; i++) {
		struct tval *x = ctx_push_map(c, l);
		char letter[24];

		if (i < 26)
			snprintf(letter, sizeof(letter), "%c", (char)('A' + i));
		else
			snprintf(letter, sizeof(letter), "%zu", i + 1);
		tval_str(tval_set_borrow(x, c->a, "lettera"), c->a, letter);
		ctx_put_str(c, x, "titolo", a->allegati[i].titolo.s);
		ctx_put_str(c, x, "file", a->allegati[i].file.s);
		ctx_put_md(c, x, "testo", annex ? annex[*nannex] : NULL, ANNEX_DEMOTE, 0);
		(*nannex)++;
	}
	ctx_put_bool(c, m, "ha_allegati", a->nallegati > 0);
}

/* A member's surname folded for comparison, and the member. */
struct folded {
	char *key;
	size_t member;
};

static int
folded_cmp(const void *x, const void *y)
{
	return strcmp(((const struct folded *)x)->key, ((const struct folded *)y)->key);
}

/* c->shared: which members share their surname with another (case and accents aside). */
static void
mark_shared_surnames(struct ctx *c)
{
	size_t n = c->s->ncomponenti, i, j;
	struct folded *f = xcalloc(n + 1, sizeof(*f));

	for (i = 0; i < n; i++) {
		const char *cognome = c->s->componenti[i].cognome.s;

		f[i].key = text_folded(cognome != NULL ? cognome : "");
		f[i].member = i;
	}
	qsort(f, n, sizeof(*f), folded_cmp);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(f[i].key, f[j].key) == 0; j++)
			c->shared[f[j].member] = true;
		if (j > i + 1)
			c->shared[f[i].member] = true;
	}
	for (i = 0; i < n; i++)
		free(f[i].key);
	free(f);
}

/* c->order: the members by surname and first name (Italian collation), ties in roll order. */
static void
sort_members(struct ctx *c)
{
	const struct session *s = c->s;
	const char **cognomi = xcalloc(s->ncomponenti + 1, sizeof(*cognomi));
	const char **nomi = xcalloc(s->ncomponenti + 1, sizeof(*nomi));
	size_t i;

	for (i = 0; i < s->ncomponenti; i++) {
		cognomi[i] = s->componenti[i].cognome.s;
		nomi[i] = s->componenti[i].nome.s;
		c->order[i] = i;
	}
	it_sort_names(cognomi, nomi, c->order, s->ncomponenti);
	free(cognomi);
	free(nomi);
}

struct tval *
context_build(const struct session *s, const char *const *annex, bool acts, struct arena *a)
{
	struct ctx c;
	struct tval *top = arena_alloc(a, sizeof(*top)), *l;
	size_t n = s->ncomponenti ? s->ncomponenti : 1, i, nannex = 0;
	unsigned before = 0;
	bool *rollcall = xcalloc(n, sizeof(bool));

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.a = a;
	c.present = xcalloc(n, sizeof(bool));
	c.cast = xcalloc(n, sizeof(enum cast));
	c.shared = xcalloc(n, sizeof(bool));
	c.order = xcalloc(n, sizeof(size_t));
	c.member = xcalloc(n, sizeof(struct tval *));
	c.null = arena_alloc(a, sizeof(struct tval)); /* zeroed: null */
	c.yes = arena_alloc(a, sizeof(struct tval));
	c.no = arena_alloc(a, sizeof(struct tval));
	c.empty = arena_alloc(a, sizeof(struct tval));
	tval_bool(c.yes, true);
	tval_bool(c.no, false);
	tval_list(c.empty);
	c.ncounts = s->ncomponenti + 32; /* members, and a margin for the ballots of small bodies */
	c.digits = arena_array(a, c.ncounts, sizeof(struct tval));
	c.words = arena_array(a, c.ncounts, sizeof(struct tval));
	for (i = 0; i < MAJ_MAX; i++) {
		struct buf b = {0};

		buf_printf(&b, "maggioranza_%s", model_majority_names[i]);
		c.majority_key[i] = arena_strdup(a, b.data);
		buf_free(&b);
	}
	mark_shared_surnames(&c);
	sort_members(&c);
	tval_map(top);
	ctx_put_str(&c, top, "ente", s->ente.s);
	put_upper(&c, top, "ente_maiuscolo", s->ente.s);
	ctx_put_str(&c, top, "organo", s->organo.s);
	put_upper(&c, top, "organo_maiuscolo", s->organo.s);
	if (s->organo.s != NULL) {
		struct buf with = {0};

		/* "il Consiglio metropolitano", "IL CONSIGLIO METROPOLITANO" */
		it_with_article(s->organo.s, &with);
		put_upper(&c, top, "organo_con_articolo_maiuscolo", with.data);
		ctx_put_buf(&c, top, "organo_con_articolo", &with);
		ctx_put_bool(&c, top, "organo_femminile", it_is_feminine(s->organo.s));
		/* "del Consiglio comunale", "DELLA GIUNTA" */
		it_join_article(it_of_article(it_article(s->organo.s)), s->organo.s, &with);
		put_upper(&c, top, "organo_del_maiuscolo", with.data);
		ctx_put_buf(&c, top, "organo_del", &with);
	} else {
		ctx_put_str(&c, top, "organo_con_articolo", NULL);
		ctx_put_str(&c, top, "organo_con_articolo_maiuscolo", NULL);
		ctx_put_str(&c, top, "organo_del", NULL);
		ctx_put_str(&c, top, "organo_del_maiuscolo", NULL);
		ctx_put_bool(&c, top, "organo_femminile", false);
	}
	ctx_put_str(&c, top, "tipo_organo", model_body_names[s->tipo_organo]);
	ctx_put_bool(&c, top, "consiglio", s->tipo_organo == BODY_CONSIGLIO);
	ctx_put_bool(&c, top, "giunta", s->tipo_organo == BODY_GIUNTA);
	ctx_put_bool(&c, top, "commissione", s->tipo_organo == BODY_COMMISSIONE);
	ctx_put_bool(&c, top, "assemblea", s->tipo_organo == BODY_ASSEMBLEA);
	ctx_put_str(&c, top, "titolo_componente", kind_titles[s->tipo_organo][0]);
	ctx_put_str(&c, top, "titolo_componenti", kind_titles[s->tipo_organo][1]);
	{
		struct buf low = {0};

		buf_puts(&low, kind_titles[s->tipo_organo][0]);
		low.data[0] = (char)(low.data[0] | 0x20); /* ASCII: "consigliere" */
		ctx_put_buf(&c, top, "titolo_componente_minuscolo", &low);
	}
	ctx_put_str(&c, top, "logo", s->logo.s);
	rules_presence(s, 0, rollcall);
	rules_fields(&c, top);
	sitting_fields(&c, top, rollcall);
	rollcall_fields(&c, top, rollcall);
	if (s->senza_voto_intestazione.s != NULL || s->nsenza_voto > 0) {
		struct tval *sv = ctx_new_map(&c, top, "senza_voto");
		bool fem = true;

		ctx_put_str(&c, sv, "intestazione", s->senza_voto_intestazione.s);
		l = ctx_new_list(&c, sv, "elenco");
		for (i = 0; i < s->nsenza_voto; i++) {
			const struct guest *g = &s->senza_voto_elenco[i];
			struct tval *x = ctx_push_map(&c, l);
			bool f = g->genere.set && g->genere.g == GENDER_FEMMINILE;

			ctx_put_str(&c, x, "testo", g->nome.s);
			ctx_put_str(&c, x, "nome", g->nome.s);
			ctx_put_bool(&c, x, "femminile", f);
			fem &= f;
		}
		ctx_put_bool(&c, sv, "femminile", fem && s->nsenza_voto > 0);
		ctx_put_bool(&c, sv, "plurale", s->nsenza_voto != 1);
	} else
		tval_set_borrow(top, a, "senza_voto");
	{
		bool any = false; /* a sitting of ordini del giorno and mozioni only: no heading */

		for (i = 0; i < s->ndeliberazioni; i++)
			any |= s->deliberazioni[i].tipo == ACT_DELIBERAZIONE;
		ctx_put_bool(&c, top, "con_deliberazioni", any);
	}
	l = ctx_new_list(&c, top, "deliberazioni");
	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct act *act = &s->deliberazioni[i];
		struct tval *m = ctx_push_map(&c, l);

		act_fields(&c, m, act, annex, &nannex);
		if (acts)
			act_presence_fields(&c, m, act, before, rollcall);
		if (act->nvotazioni > 0)
			before = act->votazioni[act->nvotazioni - 1].seq;
	}
	/* who enters, leaves or takes the chair after the last vote */
	ctx_put_bool(&c, top, "movimenti_dopo",
	             gap_moves(&c, top, "dopo", (unsigned)s->nvotes + 1));
	ctx_presidency_fields(&c, top, "assume_presidenza_dopo", (unsigned)s->nvotes + 1);
	l = ctx_new_list(&c, top, "firme");
	for (i = 0; i < s->nfirme; i++) {
		struct tval *f = ctx_push_map(&c, l);

		ctx_put_str(&c, f, "qualifica", s->firme[i].qualifica.s);
		put_upper(&c, f, "qualifica_maiuscolo", s->firme[i].qualifica.s);
		ctx_put_str(&c, f, "nome", s->firme[i].nome.s);
		ctx_put_str(&c, f, "nota", s->firme[i].nota.s);
	}
	ctx_put_bool(&c, top, "spiega_esiti", s->opzioni.spiega_esiti);
	ctx_put_bool(&c, top, "copia", false); /* the published copy's data says true (copia.h) */
	tval_set_shared(top, a, "deliberazione", c.null); /* an act's document: the act */
	if (s->opzioni.tabella_presenze && s->nvotes > 0)
		presence_fields(&c, top, "presenze", rollcall, 0, s->nvotes, true);
	else
		tval_set_shared(top, a, "presenze", c.null);
	free(rollcall);
	free(c.present);
	free(c.cast);
	free(c.shared);
	free(c.order);
	free(c.member);
	return top;
}

struct tval *
context_act(struct tval *data, size_t i, struct arena *a)
{
	struct tval *v = tval_copy(data, a), *one = arena_alloc(a, sizeof(*one)), *act;
	const struct tval *acts = tval_get(data, "deliberazioni");

	if (acts == NULL || acts->kind != TV_LIST || i >= acts->n)
		return v;
	act = acts->items[i];
	tval_list(one);
	tval_push_shared(one, a, act);
	tval_set_shared(v, a, "deliberazioni", one);
	tval_set_shared(v, a, "deliberazione", act);
	/* context_build with acts gave every act its presenze: this finds it, adding nothing */
	tval_set_shared(v, a, "presenze", tval_set_borrow(act, a, "presenze"));
	return v;
}
