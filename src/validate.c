/* validate.c: consistency checks over a loaded session; report every problem and go on. */
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "copia.h"
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
	bool *remote; /* per member: named in this vote's da_remoto */
};

/* Who takes the chair is in the room when it happens (every move of that moment counted). */
static void
check_presidency(struct check *c, const struct move *m)
{
	bool *now = xcalloc(c->s->ncomponenti + 1, sizeof(bool));
	char when[64];

	rules_presence(c->s, (unsigned)model_move_gap(m) + 1, now);
	if (!now[m->componente.member]) {
		snprintf(when, sizeof(when), "%s votazione %ld",
		         m->after ? "dopo la" : "prima della", m->vote.v);
		diag_report(c->d, D_PRESIDENCY_ABSENT, &m->componente.text.pos,
		            m->componente.text.s, when);
	}
	free(now);
}

/* da_remoto: a sitting held (also) by videoconference; each remote voter present at the vote,
 * and named once. */
static void
check_remote(struct check *c, const struct vote *v)
{
	size_t i;

	if (v->nda_remoto > 0 && c->s->seduta.modalita == SITTING_PRESENZA)
		diag_report(c->d, D_REMOTE_IN_PERSON, &v->da_remoto_pos);
	memset(c->remote, 0, c->s->ncomponenti * sizeof(bool));
	for (i = 0; i < v->nda_remoto; i++) {
		const struct ref *r = &v->da_remoto[i].nome;
		int m = r->member;

		if (m < 0)
			continue;
		if (!c->present[m])
			diag_report(c->d, D_REMOTE_ABSENT, &r->text.pos, r->text.s, v->seq,
			            c->rollcall[m] ? "è uscito" : "assente all'appello");
		else if (c->remote[m])
			diag_report(c->d, D_VOTE_TWICE_LIST, &r->text.pos, r->text.s,
			            "votanti da remoto");
		c->remote[m] = true;
	}
}

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
		if (!m->end && (m->vote.v < 1 || m->vote.v > last)) {
			diag_report(c->d, D_MOVE_RANGE, &m->vote.pos, m->vote.v, s->nvotes);
			continue;
		}
		if (who < 0)
			continue;
		if (m->kind == MOVE_PRESIDENZA) {
			check_presidency(c, m);
			continue;
		}
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

		if (l->kind == VL_NAMES || l->kind == VL_SOME)
			for (i = 0; i < l->n; i++)
				named(c, v, &l->v[i], k);
		if (l->kind == VL_SOME && (long)l->n > l->count)
			diag_report(c->d, D_SOME_EXCEED, &l->pos, list_names[k], l->n, l->count);
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

			if (l != filler &&
			    ((l->kind == VL_NAMES && l->n > 0) ||
			     ((l->kind == VL_COUNT || l->kind == VL_SOME) && l->count > 0)))
				diag_report(c->d, D_TUTTI_OTHERS, &l->pos, name, list_names[k]);
		}
	}
}

/* In an open vote every member in the room is in exactly one list. False when the vote gives no
 * list at all (one message says so: its stated figures are not compared then). */
static bool
check_sums(struct check *c, const struct vote *v, const struct tally *t)
{
	long sum = t->favorevoli + t->contrari + t->astenuti + t->non_partecipanti;
	struct buf missing = {0};
	size_t i;
	bool names = v->favorevoli.kind != VL_COUNT && v->contrari.kind != VL_COUNT &&
	             v->astenuti.kind != VL_COUNT && v->favorevoli.kind != VL_SOME &&
	             v->contrari.kind != VL_SOME && v->astenuti.kind != VL_SOME &&
	             !v->non_partecipano_numero.set;

	if (sum == t->in_aula)
		return true;
	if (v->favorevoli.kind == VL_NONE && v->contrari.kind == VL_NONE &&
	    v->astenuti.kind == VL_NONE) {
		/* nothing given: one message, not the list of everyone in the room */
		diag_report(c->d, D_VOTE_NO_FIGURES, &v->pos, v->seq);
		return false;
	}
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
	return true;
}

/* A stated figure against the computed one: an error, or under opzioni.dichiarato: avviso a
 * warning (the minutes then print the computed figures and, in a note, the stated ones). */
static void
declared_num(struct check *c, const struct num *n, const char *what, long computed)
{
	enum diag_id id = c->s->opzioni.dichiarato == DECL_AVVISO ? D_DECLARED_WARN : D_DECLARED;
	char a[32], b[32];

	if (!n->set || n->v == computed)
		return;
	snprintf(a, sizeof(a), "%ld", n->v);
	snprintf(b, sizeof(b), "%ld", computed);
	diag_report(c->d, id, &n->pos, what, a, b);
}

/* The note of an outcome that disagrees: the majority in force and what it needs, since a
 * wrong rule is the usual cause. */
static void
majority_note(struct check *c, const struct vote *v, const struct tally *t)
{
	char from[96];

	if (v->maggioranza_set)
		snprintf(from, sizeof(from), "indicata nella votazione");
	else if (v->tipo != TYPE_ORDINARIA)
		snprintf(from, sizeof(from), "per il tipo di votazione");
	else
		snprintf(from, sizeof(from), "dalle regole '%s'", c->s->regole.preset);

	if (!t->quorum) {
		diag_note(c->d, &v->pos,
		          "presenti %ld, numero legale %ld: senza numero legale la votazione non è "
		          "valida",
		          t->presenti, t->numero_legale);
		return;
	}
	if (t->tie) { /* only the president's vote can approve it */
		diag_note(c->d, &v->pos,
		          "parità, %ld favorevoli e %ld contrari: con la regola 'parita: %s' %s",
		          t->favorevoli, t->contrari, model_tie_names[c->s->regole.parita],
		          c->s->regole.parita == TIE_VOTO_PRESIDENTE
		                  ? "decide il voto del presidente ('presidente_vota')"
		                  : "la proposta è respinta; se decide il voto del presidente, "
		                    "indicare 'parita: voto_presidente' nelle regole");
		return;
	}
	diag_note(c->d, &v->pos,
	          "maggioranza in vigore: '%s' (%s): servono almeno %ld favorevoli, ce ne sono "
	          "%ld; se il verbale ne applica un'altra, indicarla in 'maggioranza'",
	          model_majority_names[t->maggioranza], from, t->soglia, t->favorevoli);
}

static void
check_declared(struct check *c, const struct vote *v, const struct tally *t)
{
	const struct declared *dc = &v->dichiarato;
	enum diag_id id = c->s->opzioni.dichiarato == DECL_AVVISO ? D_DECLARED_WARN : D_DECLARED;

	if (rules_outcome_only(v)) {
		/* no figures to compare: the outcome must agree with the vote's own */
		if (dc->esito >= 0 && dc->esito != v->esito)
			diag_report(c->d, D_ESITO_DISAGREE, &dc->esito_pos,
			            model_outcome_names[v->esito], model_outcome_names[dc->esito]);
		return;
	}
	declared_num(c, &dc->presenti, "presenti", t->presenti);
	declared_num(c, &dc->votanti, "votanti", t->votanti);
	declared_num(c, &dc->favorevoli, "favorevoli", t->favorevoli);
	declared_num(c, &dc->contrari, "contrari", t->contrari);
	declared_num(c, &dc->astenuti, "astenuti", t->astenuti);
	if (dc->esito >= 0 && dc->esito != (int)t->esito) {
		diag_report(c->d, id, &dc->esito_pos, "esito", model_outcome_names[dc->esito],
		            model_outcome_names[t->esito]);
		if (v->tipo != TYPE_ELEZIONE)
			majority_note(c, v, t);
	}
}

/* The figures first proclaimed (rettifica.proclamato) add up: votanti are favorevoli and
 * contrari (and astenuti when they count among votanti); presenti are no fewer than votanti
 * (and astenuti, when these do not count among votanti). They are not compared with the
 * computation: the vote's own figures are the corrected ones. */
static void
check_proclaimed(struct check *c, const struct vote *v)
{
	const struct declared *p = &v->rettifica.proclamato;
	bool among = c->s->regole.astenuti == AST_VOTANTI;
	long fav = p->favorevoli.v, con = p->contrari.v, ast = p->astenuti.v;
	char what[160];

	if (!v->rettifica.set)
		return;
	if (p->votanti.set && p->favorevoli.set) {
		long sum = fav + con + (among ? ast : 0);

		if (sum != p->votanti.v) {
			if (among)
				snprintf(what, sizeof(what),
				         "favorevoli %ld + contrari %ld + astenuti %ld = %ld, "
				         "votanti %ld",
				         fav, con, ast, sum, p->votanti.v);
			else
				snprintf(what, sizeof(what),
				         "favorevoli %ld + contrari %ld = %ld, votanti %ld", fav,
				         con, sum, p->votanti.v);
			diag_report(c->d, D_PROCLAIMED_SUM, &p->votanti.pos, what);
		}
	}
	if (p->presenti.set && p->votanti.set) {
		long least = p->votanti.v + (among ? 0 : ast);

		if (p->presenti.v < least) {
			if (among)
				snprintf(what, sizeof(what), "presenti %ld, meno dei votanti %ld",
				         p->presenti.v, p->votanti.v);
			else
				snprintf(what, sizeof(what),
				         "presenti %ld, meno di votanti %ld + astenuti %ld = %ld",
				         p->presenti.v, p->votanti.v, ast, least);
			diag_report(c->d, D_PROCLAIMED_SUM, &p->presenti.pos, what);
		}
	}
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
	bool figures = true;

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
	} else if (rules_outcome_only(v)) {
		if (!s->opzioni.trascrizione)
			diag_report(
			        c->d, D_TRANSCRIPTION_ONLY, &v->esito_pos,
			        "una votazione con il solo 'esito' (senza voti né nomi) è ammessa",
			        ", o indicare i voti");
	} else {
		check_lists(c, v);
		if (names_resolved(v))
			figures = check_sums(c, v, &t);
	}
	if (v->esito >= 0 && !rules_outcome_only(v))
		diag_report(c->d, D_ESITO_WITH_FIGURES, &v->esito_pos);

	check_remote(c, v);
	if (t.tie && t.quorum && s->regole.parita == TIE_VOTO_PRESIDENTE && !t.casting)
		diag_report(c->d, D_TIE_PRESIDENT, &v->pos, t.favorevoli, t.contrari);
	if (v->presidente_vota != PV_NONE && s->regole.parita != TIE_VOTO_PRESIDENTE)
		diag_report(c->d, D_PRESIDENT_VOTE_UNUSED, &v->presidente_vota_pos);
	if (!t.quorum)
		diag_report(c->d, D_NO_QUORUM, &v->pos, v->seq, t.presenti, t.numero_legale);
	if (names_resolved(v) && figures)
		check_declared(c, v, &t);
	check_proclaimed(c, v);
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

/* What only the transcription of an old record may leave unknown: the day, the president, the
 * secretary. */
static void
check_transcription(const struct session *s, struct diags *d)
{
	const struct sitting *st = &s->seduta;

	if (!s->opzioni.trascrizione && st->data.set && st->data.precision != DATE_DAY)
		diag_report(d, D_TRANSCRIPTION_ONLY, &st->data.pos,
		            "una data senza il giorno è ammessa", ", o indicare la data intera");
	if (!s->opzioni.trascrizione && st->presidente_ignoto)
		diag_report(d, D_TRANSCRIPTION_ONLY, &st->presidente_ignoto_pos,
		            "un presidente 'ignoto' è ammesso", ", o indicarne il nome");
	if (!s->opzioni.trascrizione && st->segretario_ignoto)
		diag_report(d, D_TRANSCRIPTION_ONLY, &st->segretario_ignoto_pos,
		            "un segretario 'ignoto' è ammesso", ", o indicarne nome e cognome");
	if (st->presidente_ignoto && s->regole.parita == TIE_VOTO_PRESIDENTE)
		diag_report(d, D_PRESIDENT_UNKNOWN_TIE, &st->presidente_ignoto_pos);
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
	c.remote = xcalloc(n, sizeof(bool));

	rules_presence(s, 0, c.rollcall);
	if (s->regole.assegnati.set && s->regole.assegnati.v < (long)s->ncomponenti)
		diag_report(d, D_ASSEGNATI, &s->regole.assegnati.pos, s->regole.assegnati.v,
		            s->ncomponenti);
	if (p >= 0 && !c.rollcall[p])
		diag_report(d, D_PRESIDENT_ABSENT, &s->seduta.presidente.text.pos,
		            s->seduta.presidente.text.s);
	if (s->seduta.modalita_fonte.s != NULL && s->seduta.modalita == SITTING_PRESENZA)
		diag_report(d, D_MODE_SOURCE_IN_PERSON, &s->seduta.modalita_fonte.pos);
	if (s->seduta.numero.set && s->seduta.numero.v < 1)
		diag_report(d, D_AT_LEAST, &s->seduta.numero.pos, "numero", 1L);
	check_transcription(s, d);
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
	copia_check(s, d);

	free(c.rollcall);
	free(c.present);
	free(c.cast);
	free(c.first);
	free(c.first_list);
	free(c.remote);
}
