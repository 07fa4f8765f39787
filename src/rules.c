/* rules.c: presence, counts, thresholds and outcomes. Pure: no allocation, no reports. */
#include "rules.h"

#include <string.h>

long
rules_assigned(const struct session *s)
{
	return s->regole.assegnati.set ? s->regole.assegnati.v : (long)s->ncomponenti;
}

static long
ceil_div(long a, long b)
{
	return a <= 0 ? 0 : (a + b - 1) / b;
}

static long
quorum_of(const struct quorum *q, long assigned)
{
	switch (q->kind) {
	case QUORUM_NUMBER: return q->n;
	case QUORUM_META_PIU_UNO: return assigned / 2 + 1;
	case QUORUM_META: return ceil_div(assigned, 2);
	case QUORUM_TERZO: return ceil_div(assigned, 3);
	case QUORUM_TERZO_CONSIGLIERI: return ceil_div(assigned - 1, 3);
	case QUORUM_MAX: break; /* the sentinel, no kind */
	}
	/* No default arm above: a new kind without its case is a -Wswitch error. */
	return assigned / 2 + 1; /* unreachable: the loader gives only the kinds above */
}

long
rules_quorum(const struct session *s)
{
	const struct quorum *q = s->seduta.convocazione == CONV_SECONDA
	                                 ? &s->regole.numero_legale_seconda
	                                 : &s->regole.numero_legale;

	return quorum_of(q, rules_assigned(s));
}

enum majority
rules_majority(const struct session *s, const struct vote *v)
{
	if (v->maggioranza_set)
		return v->maggioranza;
	if (v->tipo == TYPE_IMMEDIATA)
		return MAJ_ASSEGNATI; /* TUEL art. 134 c. 4: maggioranza dei componenti */
	if (v->tipo == TYPE_ELEZIONE)
		return MAJ_RELATIVA;
	return s->regole.maggioranza;
}

long
rules_threshold(enum majority m, long presenti, long votanti, long assegnati, long contrari)
{
	switch (m) {
	case MAJ_RELATIVA: return contrari + 1;
	case MAJ_VOTANTI: return votanti / 2 + 1;
	case MAJ_PRESENTI: return presenti / 2 + 1;
	case MAJ_ASSEGNATI: return assegnati / 2 + 1;
	case MAJ_DUE_TERZI_ASSEGNATI: return ceil_div(2 * assegnati, 3);
	case MAJ_DUE_TERZI_VOTANTI: return ceil_div(2 * votanti, 3);
	case MAJ_MAX: break; /* the sentinel, no majority */
	}
	/* No default arm above: a new majority without its case is a -Wswitch error. */
	return votanti / 2 + 1; /* unreachable: the loader gives only the majorities above */
}

void
rules_presence(const struct session *s, unsigned seq, bool *present)
{
	size_t i;

	for (i = 0; i < s->ncomponenti; i++)
		present[i] = true;
	for (i = 0; i < s->assenti.n; i++)
		if (s->assenti.v[i].member >= 0)
			present[s->assenti.v[i].member] = false;
	for (i = 0; i < s->giustificati.n; i++)
		if (s->giustificati.v[i].member >= 0)
			present[s->giustificati.v[i].member] = false;
	/* The loader keeps movimenti in the order they happen. */
	for (i = 0; i < s->nmovimenti; i++) {
		const struct move *m = &s->movimenti[i];

		if (model_move_gap(m) >= (long)seq)
			break;
		if (m->componente.member >= 0 && m->kind != MOVE_PRESIDENZA)
			present[m->componente.member] = m->kind == MOVE_ENTRA;
	}
}

static const struct vlist *
vote_list(const struct vote *v, enum cast c)
{
	switch (c) {
	case CAST_FAVOREVOLE: return &v->favorevoli;
	case CAST_CONTRARIO: return &v->contrari;
	default: return &v->astenuti;
	}
}

static bool
is_count(const struct vlist *l)
{
	return l->kind == VL_COUNT || l->kind == VL_SOME;
}

/* Some figure is a number, not a set of names (a list known in part is one too). */
static bool
has_counts(const struct vote *v)
{
	return is_count(&v->favorevoli) || is_count(&v->contrari) || is_count(&v->astenuti) ||
	       v->non_partecipano_numero.set;
}

bool
rules_outcome_only(const struct vote *v)
{
	return v->esito >= 0 && v->favorevoli.kind == VL_NONE && v->contrari.kind == VL_NONE &&
	       v->astenuti.kind == VL_NONE && !v->schede.set && v->ncandidati == 0;
}

static bool
by_ballot(const struct vote *v)
{
	return v->modalita == MODE_SEGRETA || v->tipo == TYPE_ELEZIONE;
}

void
rules_casts(const struct session *s, const struct vote *v, const bool *present, enum cast *cast)
{
	enum cast c;
	size_t i;

	for (i = 0; i < s->ncomponenti; i++)
		cast[i] = present[i] ? CAST_NONE : CAST_ABSENT;
	for (i = 0; i < v->non_partecipano.n; i++) {
		int m = v->non_partecipano.v[i].member;

		if (m >= 0 && cast[m] == CAST_NONE)
			cast[m] = CAST_NON_PARTECIPA;
	}
	if (by_ballot(v)) { /* nobody is named in a ballot, but who declared to abstain */
		for (i = 0; i < v->astensioni_dichiarate.n; i++) {
			int m = v->astensioni_dichiarate.v[i].member;

			if (m >= 0 && cast[m] == CAST_NONE)
				cast[m] = CAST_ASTENUTO;
		}
		return;
	}
	for (c = CAST_FAVOREVOLE; c <= CAST_ASTENUTO; c++) {
		const struct vlist *l = vote_list(v, c);

		if (l->kind != VL_NAMES && l->kind != VL_SOME)
			continue;
		for (i = 0; i < l->n; i++) {
			int m = l->v[i].member;

			if (m >= 0 && cast[m] == CAST_NONE)
				cast[m] = c;
		}
	}
	if (has_counts(v))
		return; /* restanti is then a number, not a set of names */
	for (c = CAST_FAVOREVOLE; c <= CAST_ASTENUTO; c++) {
		const struct vlist *l = vote_list(v, c);

		if (l->kind != VL_TUTTI && l->kind != VL_RESTANTI)
			continue;
		for (i = 0; i < s->ncomponenti; i++)
			if (cast[i] == CAST_NONE)
				cast[i] = c;
		break;
	}
}

static long
count_casts(const struct session *s, const enum cast *cast, enum cast c)
{
	long n = 0;
	size_t i;

	for (i = 0; i < s->ncomponenti; i++)
		n += cast[i] == c;
	return n;
}

/* favorevoli, contrari and astenuti of an open vote. */
static void
open_counts(const struct session *s, const struct vote *v, const enum cast *cast, struct tally *t)
{
	long n[3], rest = t->in_aula - t->non_partecipanti;
	int filler = -1, k;

	for (k = 0; k < 3; k++) {
		enum cast c = (enum cast)(CAST_FAVOREVOLE + k);
		const struct vlist *l = vote_list(v, c);

		switch (l->kind) {
		case VL_COUNT:
		case VL_SOME: n[k] = l->count; break;
		case VL_NAMES: n[k] = count_casts(s, cast, c); break;
		case VL_TUTTI:
		case VL_RESTANTI:
			if (filler < 0)
				filler = k; /* a second one is an error validate reports */
			n[k] = 0;
			break;
		case VL_NONE: n[k] = 0; break;
		}
		if (k != filler)
			rest -= n[k];
	}
	if (filler >= 0)
		n[filler] = has_counts(v)
		                    ? (rest > 0 ? rest : 0)
		                    : count_casts(s, cast, (enum cast)(CAST_FAVOREVOLE + filler));
	t->favorevoli = n[0];
	t->contrari = n[1];
	t->astenuti = n[2];
}

/* The candidates of one contest: the vote's own, or those of one of its liste. */
struct contest {
	const struct candidate *c;
	size_t n;
	long posti;
};

static struct contest
contest_of(const struct vote *v, size_t list)
{
	struct contest k = {v->candidati, v->ncandidati, v->posti.v};

	if (list < v->nliste) {
		k.c = v->liste[list].candidati;
		k.n = v->liste[list].ncandidati;
		k.posti = v->liste[list].posti.v;
	}
	return k;
}

/* Whether an eligible candidate c is elected (1), tied for the last seat (2), or neither (0). */
static int
candidate_fate(const struct contest *k, const struct tally *t, size_t c)
{
	long votes = k->c[c].voti.v, above = 0, equal = 0;
	size_t i;

	if (votes < t->soglia)
		return 0;
	for (i = 0; i < k->n; i++) {
		long w = k->c[i].voti.v;

		if (w < t->soglia)
			continue;
		above += w > votes;
		equal += w == votes;
	}
	if (above + equal <= k->posti)
		return 1;
	return above < k->posti ? 2 : 0;
}

static void
election_outcome(const struct vote *v, struct tally *t)
{
	size_t i, l, nl = v->nliste > 0 ? v->nliste : 1;
	long posti = 0;

	t->eletti = 0;
	t->tie_last_seat = false;
	for (l = 0; l < nl; l++) { /* with liste, each list is a contest of its own */
		struct contest k = contest_of(v, v->nliste > 0 ? l : (size_t)-1);

		posti += k.posti;
		for (i = 0; i < k.n; i++) {
			int f = candidate_fate(&k, t, i);

			t->eletti += f == 1;
			t->tie_last_seat |= f == 2;
		}
	}
	if (!t->quorum)
		t->esito = OUT_NON_VALIDA;
	else if (t->eletti > 0 && (long)t->eletti >= posti)
		t->esito = OUT_CONCLUSA;
	else if (t->eletti > 0)
		t->esito = OUT_PARZIALE;
	else
		t->esito = OUT_NESSUN_ELETTO;
}

static enum president_vote
president_side(const struct session *s, const struct vote *v, const enum cast *cast)
{
	int p = model_president_at(s, v->seq); /* who presides at this vote */

	if (p >= 0 && cast[p] == CAST_FAVOREVOLE)
		return PV_FAVOREVOLE;
	if (p >= 0 && cast[p] == CAST_CONTRARIO)
		return PV_CONTRARIO;
	return v->presidente_vota;
}

void
rules_tally(const struct session *s, const struct vote *v, const enum cast *cast, struct tally *t)
{
	memset(t, 0, sizeof(*t));
	t->in_aula = (long)s->ncomponenti - count_casts(s, cast, CAST_ABSENT);
	t->non_partecipanti = count_casts(s, cast, CAST_NON_PARTECIPA);
	if (v->non_partecipano_numero.set)
		t->non_partecipanti += v->non_partecipano_numero.v;
	t->presenti = t->in_aula;
	if (s->regole.non_partecipanti == NP_ASSENTI)
		t->presenti -= t->non_partecipanti;
	t->assegnati = rules_assigned(s);
	t->numero_legale = rules_quorum(s);
	t->quorum = t->presenti >= t->numero_legale;
	t->maggioranza = rules_majority(s, v);

	if (v->tipo == TYPE_ELEZIONE) {
		t->votanti = v->schede.votanti.v;
		t->bianche = v->schede.bianche.v;
		t->nulle = v->schede.nulle.v;
		t->valide = t->votanti - t->bianche - t->nulle;
		if (t->valide < 0)
			t->valide = 0;
		t->astenuti = t->in_aula - t->non_partecipanti - t->votanti;
		if (t->astenuti < 0)
			t->astenuti = 0;
		t->soglia = t->maggioranza == MAJ_RELATIVA
		                    ? 1
		                    : rules_threshold(t->maggioranza, t->presenti, t->votanti,
		                                      t->assegnati, 0);
		if (v->voti_minimi.set && v->voti_minimi.v > t->soglia)
			t->soglia = v->voti_minimi.v; /* the rules' minimum: below it, no seat */
		election_outcome(v, t);
		return;
	}
	if (v->modalita == MODE_SEGRETA) {
		t->favorevoli = v->schede.favorevoli.v;
		t->contrari = v->schede.contrari.v;
		t->bianche = v->schede.bianche.v;
		t->nulle = v->schede.nulle.v;
		t->votanti = t->favorevoli + t->contrari + t->bianche + t->nulle;
		t->astenuti = t->in_aula - t->non_partecipanti - t->votanti;
		if (t->astenuti < 0)
			t->astenuti = 0;
	} else {
		open_counts(s, v, cast, t);
		t->votanti = t->favorevoli + t->contrari;
		if (s->regole.astenuti == AST_VOTANTI)
			t->votanti += t->astenuti;
	}
	t->soglia =
	        rules_threshold(t->maggioranza, t->presenti, t->votanti, t->assegnati, t->contrari);
	t->tie = t->favorevoli == t->contrari && t->favorevoli > 0;
	if (!t->quorum)
		t->esito = OUT_NON_VALIDA;
	else if (t->tie) {
		enum president_vote side = president_side(s, v, cast);

		t->esito = OUT_RESPINTA;
		if (s->regole.parita == TIE_VOTO_PRESIDENTE && side != PV_NONE) {
			t->casting = true;
			t->esito = side == PV_FAVOREVOLE ? OUT_APPROVATA : OUT_RESPINTA;
		}
	} else
		t->esito = t->favorevoli >= t->soglia ? OUT_APPROVATA : OUT_RESPINTA;
	if (rules_outcome_only(v) && v->esito < OUT_MAX)
		t->esito = (enum outcome)
		                   v->esito; /* what the record says: there is nothing to count */
}

/* order[] and state[] of contest k (the vote's, or one list's). */
static void
contest_rank(const struct contest *k, const struct tally *t, size_t *order,
             enum candidate_state *state)
{
	size_t i, j;

	for (i = 0; i < k->n; i++) {
		int f = candidate_fate(k, t, i);

		state[i] = f == 1 ? CAND_ELECTED : f == 2 ? CAND_TIED : CAND_NOT_ELECTED;
		/* insertion by votes, most first; equal votes keep the file's order */
		for (j = i; j > 0 && k->c[order[j - 1]].voti.v < k->c[i].voti.v; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

void
rules_election(const struct vote *v, struct tally *t, size_t *order, enum candidate_state *state)
{
	struct contest k = contest_of(v, (size_t)-1);

	election_outcome(v, t);
	contest_rank(&k, t, order, state);
}

void
rules_election_list(const struct vote *v, size_t list, const struct tally *t, size_t *order,
                    enum candidate_state *state, struct list_tally *lt)
{
	const struct election_list *l = &v->liste[list];
	struct contest k = contest_of(v, list);
	size_t i;

	contest_rank(&k, t, order, state);
	lt->bianche = l->bianche.set ? l->bianche.v : t->bianche;
	lt->nulle = l->nulle.set ? l->nulle.v : t->nulle;
	lt->valide = t->votanti - lt->bianche - lt->nulle;
	if (lt->valide < 0)
		lt->valide = 0;
	lt->eletti = 0;
	lt->tie_last_seat = false;
	for (i = 0; i < k.n; i++) {
		lt->eletti += state[i] == CAND_ELECTED;
		lt->tie_last_seat |= state[i] == CAND_TIED;
	}
}

const struct vote *
rules_act_vote(const struct act *a)
{
	const struct vote *election = NULL;
	size_t j;

	for (j = a->nvotazioni; j-- > 0;) {
		if (a->votazioni[j].tipo == TYPE_ORDINARIA)
			return &a->votazioni[j];
		if (a->votazioni[j].tipo == TYPE_ELEZIONE && election == NULL)
			election = &a->votazioni[j];
	}
	return election;
}
