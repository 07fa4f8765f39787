/* validate.c: consistency checks over a loaded session; report every problem and go on. */
#include "validate.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "rules.h"
#include "util.h"

static const char *const list_names[CAST_MAX] = {
        [CAST_FAVOREVOLE] = "favorevoli",
        [CAST_CONTRARIO] = "contrari",
        [CAST_ASTENUTO] = "astenuti",
        [CAST_NON_PARTECIPA] = "non_partecipano",
};

struct check {
	const struct session *s;
	struct diags *d;
	bool *rollcall; /* presence at the roll call */
	bool *present;  /* presence at the vote being checked */
	enum cast *cast;
	const struct ref **first; /* per member: where the vote first named them */
	enum cast *first_list;
};

static void
check_moves(struct check *c)
{
	const struct session *s = c->s;
	size_t i;

	memcpy(c->present, c->rollcall, s->ncomponenti * sizeof(bool));
	for (i = 0; i < s->nmovimenti; i++) {
		const struct move *m = &s->movimenti[i];
		int who = m->componente.member;
		long last = (long)s->nvotes;

		if (!m->vote.set)
			continue;
		if (m->vote.v < 1 || m->vote.v > last) {
			diag_report(c->d, D_MOVE_RANGE, &m->vote.pos, m->vote.v, s->nvotes);
			continue;
		}
		if (who < 0)
			continue;
		if (m->kind == MOVE_ENTRA && c->present[who])
			diag_report(c->d, D_MOVE_STATE, &m->pos, m->componente.text.s, "entra",
			            "è già in aula");
		else if (m->kind == MOVE_ESCE && !c->present[who])
			diag_report(c->d, D_MOVE_STATE, &m->pos, m->componente.text.s, "esce",
			            "non è in aula");
		c->present[who] = m->kind == MOVE_ENTRA;
	}
}

/* A member named at this vote: absent? named before? */
static void
named(struct check *c, const struct vote *v, const struct ref *r, enum cast list)
{
	int m = r->member;

	if (m < 0)
		return;
	if (!c->present[m]) {
		diag_report(c->d, D_VOTE_ABSENT, &r->text.pos, r->text.s, v->seq,
		            c->rollcall[m] ? "è uscito dall'aula" : "assente all'appello",
		            list == CAST_NON_PARTECIPA ? "non partecipanti" : list_names[list]);
		return;
	}
	if (c->first[m] != NULL) {
		if (c->first_list[m] == list)
			diag_report(c->d, D_VOTE_TWICE_LIST, &r->text.pos, r->text.s,
			            list == CAST_NON_PARTECIPA ? "non partecipanti"
			                                       : list_names[list]);
		else
			diag_report(c->d, D_VOTE_TWICE, &r->text.pos, r->text.s,
			            list_names[c->first_list[m]], list_names[list]);
		diag_note(c->d, &c->first[m]->text.pos, "la prima volta è qui");
		return;
	}
	c->first[m] = r;
	c->first_list[m] = list;
}

static const struct vlist *
list_of(const struct vote *v, enum cast k)
{
	return k == CAST_FAVOREVOLE  ? &v->favorevoli
	       : k == CAST_CONTRARIO ? &v->contrari
	                             : &v->astenuti;
}

static void
check_lists(struct check *c, const struct vote *v)
{
	const struct vlist *filler = NULL;
	enum cast k;
	size_t i;

	for (k = CAST_FAVOREVOLE; k <= CAST_ASTENUTO; k++) {
		const struct vlist *l = list_of(v, k);

		if (l->kind == VL_NAMES)
			for (i = 0; i < l->n; i++)
				named(c, v, &l->v[i], k);
		if (l->kind == VL_TUTTI || l->kind == VL_RESTANTI) {
			if (filler != NULL)
				diag_report(c->d, D_RESTANTI_TWICE, &l->pos);
			else
				filler = l;
		}
	}
	if (filler != NULL && filler->kind == VL_TUTTI) {
		const char *name = list_names[filler == &v->favorevoli ? CAST_FAVOREVOLE
		                              : filler == &v->contrari ? CAST_CONTRARIO
		                                                       : CAST_ASTENUTO];

		for (k = CAST_FAVOREVOLE; k <= CAST_ASTENUTO; k++) {
			const struct vlist *l = list_of(v, k);

			if (l != filler && ((l->kind == VL_NAMES && l->n > 0) ||
			                    (l->kind == VL_COUNT && l->count > 0)))
				diag_report(c->d, D_TUTTI_OTHERS, &l->pos, name, list_names[k]);
		}
	}
}

/* In an open vote every member in the room is in exactly one list. */
static void
check_sums(struct check *c, const struct vote *v, const struct tally *t)
{
	long sum = t->favorevoli + t->contrari + t->astenuti + t->non_partecipanti;
	struct buf missing = {0};
	size_t i;
	bool names = v->favorevoli.kind != VL_COUNT && v->contrari.kind != VL_COUNT &&
	             v->astenuti.kind != VL_COUNT;

	if (sum == t->in_aula)
		return;
	if (names && sum < t->in_aula) {
		for (i = 0; i < c->s->ncomponenti; i++) {
			if (c->cast[i] != CAST_NONE)
				continue;
			buf_printf(&missing, "%s%s", missing.len ? ", " : "; non indicati: ",
			           c->s->componenti[i].cognome.s ? c->s->componenti[i].cognome.s
			                                         : "?");
		}
	}
	diag_report(c->d, D_COUNTS, &v->pos, t->favorevoli, t->contrari, t->astenuti,
	            t->non_partecipanti, sum, v->seq, t->in_aula, missing.data ? missing.data : "");
	buf_free(&missing);
}

static void
declared_num(struct check *c, const struct num *n, const char *what, long computed)
{
	char a[32], b[32];

	if (!n->set || n->v == computed)
		return;
	snprintf(a, sizeof(a), "%ld", n->v);
	snprintf(b, sizeof(b), "%ld", computed);
	diag_report(c->d, D_DECLARED, &n->pos, what, a, b);
}

static void
check_declared(struct check *c, const struct vote *v, const struct tally *t)
{
	const struct declared *dc = &v->dichiarato;

	declared_num(c, &dc->presenti, "presenti", t->presenti);
	declared_num(c, &dc->votanti, "votanti", t->votanti);
	declared_num(c, &dc->favorevoli, "favorevoli", t->favorevoli);
	declared_num(c, &dc->contrari, "contrari", t->contrari);
	declared_num(c, &dc->astenuti, "astenuti", t->astenuti);
	if (dc->esito >= 0 && dc->esito != (int)t->esito)
		diag_report(c->d, D_DECLARED, &dc->esito_pos, "esito",
		            model_outcome_names[dc->esito], model_outcome_names[t->esito]);
}

/* The seats and the ballots of one contest: the vote's candidati, or one of its liste. */
struct contest_check {
	const struct candidate *cands;
	size_t n;
	const struct num *posti, *preferenze;
	long valide, bianche, nulle, dispersi;
	const struct pos *candidati_pos;
};

static void
check_contest(struct check *c, const struct contest_check *k, const struct tally *t, bool ballots)
{
	long total = 0, pref = k->preferenze->v;
	size_t i;

	if (k->posti->set && k->posti->v < 1)
		diag_report(c->d, D_AT_LEAST, &k->posti->pos, "posti", 1L);
	if (k->preferenze->set && pref < 1)
		diag_report(c->d, D_AT_LEAST, &k->preferenze->pos, "preferenze", 1L);
	if (pref > k->posti->v && k->posti->v >= 1)
		diag_report(c->d, D_PREFERENZE, &k->preferenze->pos, pref, k->posti->v);
	/* Every ballot is accounted for: with one preference, each valid ballot is one vote for a
	 * candidate or for someone else (dispersi); with more, each names a candidate at most once.
	 */
	for (i = 0; i < k->n; i++) {
		const struct candidate *cd = &k->cands[i];

		total += cd->voti.v;
		if (pref > 1 && ballots && cd->voti.v > k->valide)
			diag_report(c->d, D_CANDIDATE_EXCESS, &cd->voti.pos, cd->nome.s, cd->voti.v,
			            k->valide);
	}
	if (!ballots || k->n == 0)
		return;
	if (pref == 1 && total + k->dispersi + k->bianche + k->nulle != t->votanti)
		diag_report(c->d, D_ELECTION_BALLOTS, k->candidati_pos, total, k->dispersi,
		            k->bianche, k->nulle, total + k->dispersi + k->bianche + k->nulle,
		            t->votanti);
	else if (pref > 1 && total + k->dispersi > k->valide * pref)
		diag_report(c->d, D_ELECTION_EXCESS, k->candidati_pos, total, k->dispersi,
		            total + k->dispersi, k->valide, pref, k->valide * pref);
}

static void
check_election(struct check *c, const struct vote *v, const struct tally *t)
{
	static const char *const lists[] = {"favorevoli", "contrari", "astenuti"};
	bool ballots = v->schede.set && v->schede.votanti.set;
	size_t i;

	for (i = 0; i < 3; i++)
		if (list_of(v, (enum cast)(CAST_FAVOREVOLE + i))->kind != VL_NONE)
			diag_report(c->d, D_ELECTION_LISTS,
			            &list_of(v, (enum cast)(CAST_FAVOREVOLE + i))->pos, lists[i]);
	if (v->schede.favorevoli.set)
		diag_report(c->d, D_ELECTION_LISTS, &v->schede.favorevoli.pos, "schede.favorevoli");
	if (v->schede.contrari.set)
		diag_report(c->d, D_ELECTION_LISTS, &v->schede.contrari.pos, "schede.contrari");
	if (v->liste_pos.line != 0) {
		const struct pos *own[] = {&v->candidati_pos, &v->posti_pos, &v->preferenze_pos};
		static const char *const keys[] = {"candidati", "posti", "preferenze"};

		for (i = 0; i < 3; i++)
			if (own[i]->line != 0)
				diag_report(c->d, D_LISTE_OWN, own[i], keys[i]);
		if (v->schede.dispersi.set)
			diag_report(c->d, D_LISTE_OWN, &v->schede.dispersi.pos, "dispersi");
	} else if (v->ncandidati == 0 && v->candidati_pos.line == 0)
		diag_report(c->d, D_KEY_MISSING, &v->pos, "candidati", " in un'elezione");
	if (!v->schede.set)
		diag_report(c->d, D_KEY_MISSING, &v->pos, "schede", " in un'elezione");
	else if (!v->schede.votanti.set)
		diag_report(c->d, D_KEY_MISSING, &v->schede.pos, "votanti", " in 'schede'");
	if (v->voti_minimi.set && v->voti_minimi.v < 1)
		diag_report(c->d, D_AT_LEAST, &v->voti_minimi.pos, "voti_minimi", 1L);
	if (v->schede.set && t->bianche + t->nulle > t->votanti)
		diag_report(c->d, D_BLANK_EXCEED, &v->schede.pos, t->bianche + t->nulle,
		            t->votanti);
	if (v->schede.set && t->votanti > t->in_aula - t->non_partecipanti)
		diag_report(c->d, D_BALLOTS_EXCEED, &v->schede.pos, t->votanti,
		            t->in_aula - t->non_partecipanti, v->seq);
	if (v->liste_pos.line == 0) {
		struct contest_check k = {
		        v->candidati,     v->ncandidati, &v->posti, &v->preferenze,
		        t->valide,        t->bianche,    t->nulle,  v->schede.dispersi.v,
		        &v->candidati_pos};

		check_contest(c, &k, t, ballots);
		return;
	}
	for (i = 0; i < v->nliste; i++) { /* each list of the ballot accounts for every ballot */
		const struct election_list *l = &v->liste[i];
		long b = l->bianche.set ? l->bianche.v : t->bianche;
		long nu = l->nulle.set ? l->nulle.v : t->nulle;
		struct contest_check k = {l->candidati,
		                          l->ncandidati,
		                          &l->posti,
		                          &l->preferenze,
		                          t->votanti - b - nu > 0 ? t->votanti - b - nu : 0,
		                          b,
		                          nu,
		                          l->dispersi.v,
		                          &l->candidati_pos};

		if (l->damaged)
			continue;
		if ((l->bianche.set || l->nulle.set) && b + nu > t->votanti)
			diag_report(c->d, D_BLANK_EXCEED, &l->pos, b + nu, t->votanti);
		check_contest(c, &k, t, ballots);
	}
}

/* astensioni_dichiarate: the names a secret vote allows, of members present who cast no
 * ballot. */
static void
check_declared_abstentions(struct check *c, const struct vote *v, const struct tally *t)
{
	const struct reflist *l = &v->astensioni_dichiarate;
	size_t i;

	if (l->pos.line == 0)
		return;
	if (v->modalita != MODE_SEGRETA && v->tipo != TYPE_ELEZIONE) {
		diag_report(c->d, D_ABST_DECLARED_OPEN, &l->pos);
		return;
	}
	for (i = 0; i < l->n; i++)
		named(c, v, &l->v[i], CAST_ASTENUTO);
	if ((long)l->n > t->astenuti)
		diag_report(c->d, D_ABST_DECLARED_EXCEED, &l->pos, l->n, t->astenuti);
}

/* numero and testo belong to amendments; an amendment has its numero. */
static void
check_amendment(struct check *c, const struct vote *v)
{
	bool amendment = v->tipo == TYPE_EMENDAMENTO || v->tipo == TYPE_SUBEMENDAMENTO;

	if (!amendment) {
		if (v->numero_pos.line != 0)
			diag_report(c->d, D_ONLY_AMENDMENT, &v->numero_pos, "numero");
		if (v->testo_pos.line != 0)
			diag_report(c->d, D_ONLY_AMENDMENT, &v->testo_pos, "testo");
		return;
	}
	if (v->numero.s == NULL && v->numero_pos.line == 0)
		diag_report(c->d, D_KEY_MISSING, &v->pos, "numero",
		            v->tipo == TYPE_EMENDAMENTO ? " in un emendamento"
		                                        : " in un subemendamento");
	if (v->testo.s != NULL)
		markdown_check(v->testo.s, &v->testo.pos, c->d);
}

static bool
all_resolved(const struct ref *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (r[i].member < 0)
			return false;
	return true;
}

/* An unknown name or a malformed key was already reported: figures built on them would only
 * repeat the error. */
static bool
names_resolved(const struct vote *v)
{
	return !v->damaged && all_resolved(v->non_partecipano.v, v->non_partecipano.n) &&
	       all_resolved(v->favorevoli.v, v->favorevoli.n) &&
	       all_resolved(v->contrari.v, v->contrari.n) &&
	       all_resolved(v->astenuti.v, v->astenuti.n);
}

static void
check_vote(struct check *c, const struct act *a, const struct vote *v)
{
	const struct session *s = c->s;
	struct tally t;
	size_t i;

	rules_presence(s, v->seq, c->present);
	rules_casts(s, v, c->present, c->cast);
	rules_tally(s, v, c->cast, &t);

	for (i = 0; i < v->npunti; i++)
		if (v->punti[i].set &&
		    (v->punti[i].v < 1 || (size_t)v->punti[i].v > a->dispositivo.n))
			diag_report(c->d, D_PUNTI_RANGE, &v->punti[i].pos, v->punti[i].v,
			            a->dispositivo.n);
	if (v->tipo != TYPE_ELEZIONE) {
		const struct pos *only[] = {&v->carica_pos,    &v->posti_pos, &v->preferenze_pos,
		                            &v->candidati_pos, &v->liste_pos, &v->voti_minimi_pos,
		                            &v->proclamati_pos};
		static const char *const keys[] = {"carica",    "posti", "preferenze",
		                                   "candidati", "liste", "voti_minimi",
		                                   "proclamati"};

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			if (only[i]->line != 0)
				diag_report(c->d, D_ONLY_ELECTION, only[i], keys[i]);
	}
	if (v->tipo != TYPE_ELEZIONE && v->modalita != MODE_SEGRETA && v->schede.set)
		diag_report(c->d, D_SCHEDE_ONLY, &v->schede.pos);

	memset(c->first, 0, s->ncomponenti * sizeof(*c->first));
	for (i = 0; i < v->non_partecipano.n; i++)
		named(c, v, &v->non_partecipano.v[i], CAST_NON_PARTECIPA);

	check_amendment(c, v);
	check_declared_abstentions(c, v, &t);
	if (v->tipo == TYPE_ELEZIONE)
		check_election(c, v, &t);
	else if (v->modalita == MODE_SEGRETA) {
		enum cast k;

		for (k = CAST_FAVOREVOLE; k <= CAST_ASTENUTO; k++)
			if (list_of(v, k)->kind != VL_NONE)
				diag_report(c->d, D_SECRET_NAMES, &list_of(v, k)->pos,
				            list_names[k]);
		if (!v->schede.set)
			diag_report(c->d, D_SECRET_SCHEDE, &v->pos);
		else if (t.votanti > t.in_aula - t.non_partecipanti)
			diag_report(c->d, D_BALLOTS_EXCEED, &v->schede.pos, t.votanti,
			            t.in_aula - t.non_partecipanti, v->seq);
		if (v->schede.votanti.set && v->schede.votanti.v != t.votanti) {
			char x[32], y[32];

			snprintf(x, sizeof(x), "%ld", v->schede.votanti.v);
			snprintf(y, sizeof(y), "%ld", t.votanti);
			diag_report(c->d, D_DECLARED, &v->schede.votanti.pos, "votanti", x, y);
		}
	} else {
		check_lists(c, v);
		if (names_resolved(v))
			check_sums(c, v, &t);
	}

	if (t.tie && t.quorum && s->regole.parita == TIE_VOTO_PRESIDENTE && !t.casting)
		diag_report(c->d, D_TIE_PRESIDENT, &v->pos, t.favorevoli, t.contrari);
	if (v->presidente_vota != PV_NONE && s->regole.parita != TIE_VOTO_PRESIDENTE)
		diag_report(c->d, D_PRESIDENT_VOTE_UNUSED, &v->presidente_vota_pos);
	if (!t.quorum)
		diag_report(c->d, D_NO_QUORUM, &v->pos, v->seq, t.presenti, t.numero_legale);
	if (names_resolved(v))
		check_declared(c, v, &t);
}

/* The Markdown fields: within what cmark parses in linear time, and not nested too deep. */
static void
check_texts(const struct act *a, struct diags *d)
{
	size_t i;

	if (a->testo.s != NULL)
		markdown_check(a->testo.s, &a->testo.pos, d);
	if (a->discussione.s != NULL)
		markdown_check(a->discussione.s, &a->discussione.pos, d);
	for (i = 0; i < a->dispositivo.n; i++)
		if (a->dispositivo.v[i].s != NULL)
			markdown_check(a->dispositivo.v[i].s, &a->dispositivo.v[i].pos, d);
}

/* The pareri (art. 49 TUEL): each kind once; a parere contabile when the act has financial
 * effects. */
static void
check_pareri(const struct act *a, struct diags *d)
{
	static const char *const words[PARERE_KIND_MAX] = {"regolarità tecnica",
	                                                   "regolarità contabile"};
	const struct parere *first[PARERE_KIND_MAX] = {NULL};
	size_t i;

	for (i = 0; i < a->npareri; i++) {
		const struct parere *p = &a->pareri[i];

		if (p->damaged)
			continue;
		if (first[p->tipo] != NULL) {
			diag_report(d, D_PARERE_DUP, &p->tipo_pos, words[p->tipo]);
			diag_note(d, &first[p->tipo]->tipo_pos, "la prima volta è qui");
		} else
			first[p->tipo] = p;
	}
	if (a->contabile && first[PARERE_CONTABILE] == NULL)
		diag_report(d, D_PARERE_CONTABILE, &a->pos);
}

void
validate_session(const struct session *s, struct diags *d)
{
	struct check c;
	size_t n = s->ncomponenti ? s->ncomponenti : 1, i, j;
	int p = s->seduta.presidente.member;

	c.s = s;
	c.d = d;
	c.rollcall = xcalloc(n, sizeof(bool));
	c.present = xcalloc(n, sizeof(bool));
	c.cast = xcalloc(n, sizeof(enum cast));
	c.first = xcalloc(n, sizeof(*c.first));
	c.first_list = xcalloc(n, sizeof(enum cast));

	rules_presence(s, 0, c.rollcall);
	if (s->regole.assegnati.set && s->regole.assegnati.v < (long)s->ncomponenti)
		diag_report(d, D_ASSEGNATI, &s->regole.assegnati.pos, s->regole.assegnati.v,
		            s->ncomponenti);
	if (p >= 0 && !c.rollcall[p])
		diag_report(d, D_PRESIDENT_ABSENT, &s->seduta.presidente.text.pos,
		            s->seduta.presidente.text.s);
	check_moves(&c);
	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct act *a = &s->deliberazioni[i];

		if (a->tipo == ACT_INTERPELLANZA && a->nvotazioni > 0)
			diag_report(d, D_INTERPELLANZA_VOTES, &a->votazioni[0].pos);
		for (j = 0; a->tipo != ACT_DELIBERAZIONE && j < a->nvotazioni; j++)
			if (a->votazioni[j].tipo == TYPE_IMMEDIATA)
				diag_report(d, D_IMMEDIATA_ACT, &a->votazioni[j].tipo_pos);
	}
	for (i = 0; i < s->ndeliberazioni; i++)
		for (j = 0; j < s->deliberazioni[i].nvotazioni; j++)
			check_vote(&c, &s->deliberazioni[i], &s->deliberazioni[i].votazioni[j]);
	for (i = 0; i < s->ndeliberazioni; i++)
		check_texts(&s->deliberazioni[i], d);
	for (i = 0; i < s->ndeliberazioni; i++)
		check_pareri(&s->deliberazioni[i], d);

	free(c.rollcall);
	free(c.present);
	free(c.cast);
	free(c.first);
	free(c.first_list);
}
