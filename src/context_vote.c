/* context_vote.c: a vote as template data (context_private.h): how it is put, who moves or
 * takes the chair before it, its figures and names, its election, what the record says. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context_private.h"
#include "italian.h"
#include "markdown.h"
#include "rules.h"
#include "text.h"
#include "util.h"

/* The list under key in map, its own: a new one in place of the shared empty list. */
static struct tval *
own_list(struct ctx *c, struct tval *map, const char *key)
{
	struct tval *l = tval_set_borrow(map, c->a, key);

	if (l == c->empty) {
		l = arena_alloc(c->a, sizeof(*l));
		tval_list(l);
		tval_set_shared(map, c->a, key, l);
	}
	return l;
}

/* Who takes the chair in the gap before vote seq (the gap after the last vote when seq is
 * nvotes + 1), under key: a member's fields, and riassume when it is the sitting's president
 * taking it back. */
void
ctx_presidency_fields(struct ctx *c, struct tval *v, const char *key, unsigned seq)
{
	size_t i;

	tval_set_shared(v, c->a, key, c->empty);
	for (i = 0; i < c->s->nmovimenti; i++) {
		const struct move *m = &c->s->movimenti[i];
		struct tval *x;

		if (m->kind != MOVE_PRESIDENZA || model_move_gap(m) != (long)seq - 1 ||
		    m->componente.member < 0)
			continue;
		x = ctx_push_map(c, own_list(c, v, key));
		ctx_member_fields(c, x, &c->s->componenti[m->componente.member]);
		ctx_put_bool(c, x, "riassume",
		             m->componente.member == c->s->seduta.presidente.member);
	}
}

bool
ctx_gap_moves2(struct ctx *c, struct tval *v, unsigned seq, const char *enter, const char *leave)
{
	size_t i;
	bool any = false;

	tval_set_shared(v, c->a, enter, c->empty);
	tval_set_shared(v, c->a, leave, c->empty);
	for (i = 0; i < c->s->nmovimenti; i++) {
		const struct move *m = &c->s->movimenti[i];

		if (model_move_gap(m) != (long)seq - 1 || m->componente.member < 0 ||
		    m->kind == MOVE_PRESIDENZA)
			continue;
		tval_push_shared(own_list(c, v, m->kind == MOVE_ENTRA ? enter : leave), c->a,
		                 ctx_member_map(c, (size_t)m->componente.member));
		any = true;
	}
	return any;
}

static void
moves_fields(struct ctx *c, struct tval *v, unsigned seq)
{
	int p = model_president_at(c->s, seq);

	ctx_put_bool(c, v, "movimenti", gap_moves(c, v, "prima", seq));
	ctx_presidency_fields(c, v, "assume_presidenza", seq);
	/* who presides at this vote, and whether another than the sitting's president */
	if (p >= 0)
		tval_set_shared(v, c->a, "presidente", ctx_member_map(c, (size_t)p));
	else
		ctx_put_str(c, v, "presidente", NULL);
	ctx_put_bool(c, v, "presidenza_cambiata", p != c->s->seduta.presidente.member);
}

/* The vote's da_remoto, sorted as the vote lists are, each with the member's fields and mezzo
 * (chat, voce or null) with one of chat, voce true; da_remoto_elencati, da_remoto_uno. */
static void
remote_fields(struct ctx *c, struct tval *v, const struct vote *vt)
{
	size_t n = c->s->ncomponenti, i, k;
	size_t *at = xcalloc(n + 1, sizeof(*at)); /* per member: its entry + 1, or 0 */
	struct tval *l;

	for (i = 0; i < vt->nda_remoto; i++) {
		int m = vt->da_remoto[i].nome.member;

		if (m >= 0 && at[m] == 0)
			at[m] = i + 1;
	}
	ctx_put_bool(c, v, "da_remoto_elencati", vt->nda_remoto > 0);
	ctx_put_bool(c, v, "da_remoto_uno", vt->nda_remoto == 1);
	if (vt->nda_remoto == 0)
		tval_set_shared(v, c->a, "da_remoto", c->empty);
	else {
		l = ctx_new_list(c, v, "da_remoto");
		for (k = 0; k < n; k++) {
			const struct remote *r;
			struct tval *x;

			if (at[c->order[k]] == 0)
				continue;
			r = &vt->da_remoto[at[c->order[k]] - 1];
			x = ctx_push_map(c, l);
			ctx_member_fields(c, x, &c->s->componenti[c->order[k]]);
			ctx_put_str(c, x, "mezzo",
			            r->mezzo == REMOTE_NONE ? NULL : model_remote_names[r->mezzo]);
			ctx_put_bool(c, x, "chat", r->mezzo == REMOTE_CHAT);
			ctx_put_bool(c, x, "voce", r->mezzo == REMOTE_VOCE);
		}
	}
	free(at);
}

/* A candidate's name as the roll call writes it (Nome COGNOME) when a member, else as
 * given. */
static void
candidate_name(struct ctx *c, struct tval *m, const struct candidate *cd)
{
	struct buf b = {0};
	const struct member *p;

	if (cd->member < 0 || (size_t)cd->member >= c->s->ncomponenti) {
		ctx_put_str(c, m, "nome", cd->nome.s);
		return;
	}
	p = &c->s->componenti[cd->member];
	it_name_roll(p->nome.s ? p->nome.s : "", p->cognome.s ? p->cognome.s : "", &b);
	ctx_put_buf(c, m, "nome", &b);
}

/* The candidates of one contest (the vote's, or a list's) in the order rules give, under
 * candidati and eletti, with eletti_femminile; fem_won: whether every elected is a woman. */
static void
candidate_fields(struct ctx *c, struct tval *e, const struct candidate *cands, size_t n,
                 const size_t *order, const enum candidate_state *state, size_t eletti)
{
	struct tval *cl = ctx_new_list(c, e, "candidati"), *won = ctx_new_list(c, e, "eletti");
	bool fem_won = true;
	size_t i;

	for (i = 0; i < n; i++) {
		const struct candidate *cd = &cands[order[i]];
		struct tval *m = ctx_push_map(c, cl), *w;
		bool fem = cd->member >= 0 && model_member_feminine(c->s, (size_t)cd->member);

		candidate_name(c, m, cd);
		ctx_put_bool(c, m, "femminile", fem);
		put_count(c, m, "voti", cd->voti.v);
		ctx_put_bool(c, m, "eletto", state[order[i]] == CAND_ELECTED);
		ctx_put_bool(c, m, "parita", state[order[i]] == CAND_TIED);
		if (state[order[i]] == CAND_ELECTED) {
			w = ctx_push_map(c, won);
			candidate_name(c, w, cd);
			ctx_put_bool(c, w, "femminile", fem);
			fem_won &= fem;
		}
	}
	ctx_put_bool(c, e, "eletti_femminile", fem_won && eletti > 0);
}

/* An election's liste: each with its seats, candidates, ballots and outcome. */
static void
list_fields(struct ctx *c, struct tval *e, const struct vote *vt, const struct tally *t)
{
	struct tval *ls = ctx_new_list(c, e, "liste");
	size_t i;

	for (i = 0; i < vt->nliste; i++) {
		const struct election_list *l = &vt->liste[i];
		size_t *order = xcalloc(l->ncandidati + 1, sizeof(*order));
		enum candidate_state *state = xcalloc(l->ncandidati + 1, sizeof(*state));
		struct tval *m = ctx_push_map(c, ls);
		struct list_tally lt;
		long vacant;

		rules_election_list(vt, i, t, order, state, &lt);
		vacant = l->posti.v - (long)lt.eletti;
		ctx_put_str(c, m, "nome", l->nome.s);
		put_count(c, m, "posti", l->posti.v);
		put_count(c, m, "preferenze", l->preferenze.v);
		ctx_put_bool(c, m, "voto_limitato", l->preferenze.v < l->posti.v);
		put_count(c, m, "eletti_numero", (long)lt.eletti);
		put_count(c, m, "posti_vacanti", vacant > 0 ? vacant : 0);
		ctx_put_bool(c, m, "parita_ultimo_posto", lt.tie_last_seat);
		ctx_put_bool(c, m, "conclusa", t->quorum && lt.eletti > 0 && vacant <= 0);
		ctx_put_bool(c, m, "parziale", t->quorum && lt.eletti > 0 && vacant > 0);
		ctx_put_bool(c, m, "nessun_eletto", t->quorum && lt.eletti == 0);
		put_count(c, m, "dispersi", l->dispersi.v);
		ctx_put_bool(c, m, "schede_proprie", l->bianche.set || l->nulle.set);
		put_count(c, m, "bianche", lt.bianche);
		put_count(c, m, "nulle", lt.nulle);
		put_count(c, m, "valide", lt.valide);
		candidate_fields(c, m, l->candidati, l->ncandidati, order, state, lt.eletti);
		free(order);
		free(state);
	}
}

static void
election_fields(struct ctx *c, struct tval *v, const struct vote *vt, struct tally *t)
{
	struct tval *e = ctx_new_map(c, v, "elezione");
	size_t *order = xcalloc(vt->ncandidati + 1, sizeof(*order));
	enum candidate_state *state = xcalloc(vt->ncandidati + 1, sizeof(*state));
	long posti = vt->posti.v;
	size_t i;

	rules_election(vt, t, order, state);
	for (i = 0, posti = vt->nliste > 0 ? 0 : posti; i < vt->nliste; i++)
		posti += vt->liste[i].posti.v;
	ctx_put_str(c, e, "carica", vt->carica.s);
	put_count(c, e, "posti", posti);
	put_count(c, e, "preferenze", vt->preferenze.v);
	ctx_put_bool(c, e, "voto_limitato", vt->preferenze.v < vt->posti.v);
	put_count(c, e, "eletti_numero", (long)t->eletti);
	put_count(c, e, "posti_vacanti", posti - (long)t->eletti);
	ctx_put_bool(c, e, "parita_ultimo_posto", t->tie_last_seat);
	ctx_put_bool(c, e, "proclamati", vt->proclamati);
	ctx_put_bool(c, e, "voti_minimi_fissati", vt->voti_minimi.set);
	put_count(c, e, "voti_minimi", vt->voti_minimi.v);
	/* with liste, the elected are each list's */
	candidate_fields(c, e, vt->candidati, vt->ncandidati, order, state,
	                 vt->nliste > 0 ? 0 : t->eletti);
	ctx_put_bool(c, e, "con_liste", vt->nliste > 0);
	if (vt->nliste > 0)
		list_fields(c, e, vt, t);
	else
		tval_set_shared(e, c->a, "liste", c->empty);
	free(order);
	free(state);
}

/* Stated figures under key as a list of {voce, numero}, in the order minutes give them. */
static void
declared_list(struct ctx *c, struct tval *m, const char *key, const struct declared *dc)
{
	const struct num *nums[MODEL_DECLARED_N];
	struct tval *l = ctx_new_list(c, m, key);
	size_t i;

	model_declared_nums(dc, nums);
	for (i = 0; i < MODEL_DECLARED_N; i++) {
		struct tval *x;

		if (!nums[i]->set)
			continue;
		x = ctx_push_map(c, l);
		ctx_put_str(c, x, "voce", model_declared_keys[i]);
		tval_strf(tval_set_borrow(x, c->a, "numero"), c->a, "%ld", nums[i]->v);
	}
}

/* One stated figure that disagrees with the computed one, pushed on l. */
static void
push_discord(struct ctx *c, struct tval *l, const char *what, const char *stated,
             const char *computed)
{
	struct tval *x = ctx_push_map(c, l);

	ctx_put_str(c, x, "voce", what);
	tval_str(tval_set_borrow(x, c->a, "dichiarato"), c->a, stated);
	tval_str(tval_set_borrow(x, c->a, "calcolo"), c->a, computed);
}

/*
 * What the record says besides the figures: solo_esito (a vote known only by its outcome);
 * rettifica (null, or the figures first proclaimed under cifre, their esito and the motivo);
 * dichiarato_diverso, the stated figures that disagree with the computation (kept under
 * opzioni.dichiarato: avviso), and dichiarato_discorde; KEY_parziale for a list known in part.
 */
static void
record_fields(struct ctx *c, struct tval *v, const struct vote *vt, const struct tally *t)
{
	const struct declared *dc = &vt->dichiarato;
	const struct num *nums[MODEL_DECLARED_N];
	long computed[MODEL_DECLARED_N] = {t->presenti, t->votanti, t->favorevoli, t->contrari,
	                                   t->astenuti};
	bool only = rules_outcome_only(vt);
	struct tval *l;
	size_t i, n = 0;

	model_declared_nums(dc, nums);
	ctx_put_bool(c, v, "solo_esito", only);
	ctx_put_bool(c, v, "favorevoli_parziale", vt->favorevoli.kind == VL_SOME);
	ctx_put_bool(c, v, "contrari_parziale", vt->contrari.kind == VL_SOME);
	ctx_put_bool(c, v, "astenuti_parziale", vt->astenuti.kind == VL_SOME);
	if (vt->rettifica.set) {
		struct tval *r = ctx_new_map(c, v, "rettifica");
		const struct declared *p = &vt->rettifica.proclamato;
		const char *motivo = vt->rettifica.motivo.s ? vt->rettifica.motivo.s : "";
		size_t len = strlen(motivo);

		declared_list(c, r, "cifre", p);
		ctx_put_str(c, r, "esito",
		            p->esito >= 0 && p->esito < OUT_MAX ? model_outcome_names[p->esito]
		                                                : NULL);
		while (len > 0 && (motivo[len - 1] == '.' || motivo[len - 1] == ' '))
			len--; /* the template ends the sentence */
		tval_str(tval_set_borrow(r, c->a, "motivo"), c->a,
		         arena_strndup(c->a, motivo, len));
	} else
		tval_set_shared(v, c->a, "rettifica", c->null);
	l = ctx_new_list(c, v, "dichiarato_diverso");
	for (i = 0; !only && c->s->opzioni.dichiarato == DECL_AVVISO && i < MODEL_DECLARED_N; i++) {
		char a[32], b[32];

		if (!nums[i]->set || nums[i]->v == computed[i])
			continue;
		snprintf(a, sizeof(a), "%ld", nums[i]->v);
		snprintf(b, sizeof(b), "%ld", computed[i]);
		push_discord(c, l, model_declared_keys[i], a, b);
		n++;
	}
	if (!only && c->s->opzioni.dichiarato == DECL_AVVISO && dc->esito >= 0 &&
	    dc->esito < OUT_MAX && dc->esito != (int)t->esito) {
		push_discord(c, l, "esito", model_outcome_names[dc->esito],
		             model_outcome_names[t->esito]);
		n++;
	}
	ctx_put_bool(c, v, "dichiarato_discorde", n > 0);
}

/* What kind of act a vote belongs to, for the wording of its block: atto_deliberazione,
 * atto_ordine_del_giorno, atto_mozione (an interpellanza has no votes), atto_numero. */
static void
vote_act_fields(struct ctx *c, struct tval *v, const struct act *a)
{
	ctx_put_bool(c, v, "atto_deliberazione", a->tipo == ACT_DELIBERAZIONE);
	ctx_put_bool(c, v, "atto_ordine_del_giorno", a->tipo == ACT_ORDINE_DEL_GIORNO);
	ctx_put_bool(c, v, "atto_mozione", a->tipo == ACT_MOZIONE);
	ctx_put_str(c, v, "atto_numero", a->numero.s);
}

/* An amendment: emendamento, subemendamento, emendativa (either), its numero and testo. */
static void
amendment_fields(struct ctx *c, struct tval *v, const struct vote *vt)
{
	bool amendment = vt->tipo == TYPE_EMENDAMENTO || vt->tipo == TYPE_SUBEMENDAMENTO;

	ctx_put_bool(c, v, "emendamento", vt->tipo == TYPE_EMENDAMENTO);
	ctx_put_bool(c, v, "subemendamento", vt->tipo == TYPE_SUBEMENDAMENTO);
	ctx_put_bool(c, v, "emendativa", amendment);
	ctx_put_str(c, v, "numero_emendamento", amendment ? vt->numero.s : NULL);
	ctx_put_md(c, v, "testo_emendamento", amendment ? vt->testo.s : NULL, ACT_DEMOTE, 0);
}

void
ctx_vote_fields(struct ctx *c, struct tval *v, const struct act *a, const struct vote *vt,
                const char *fonte)
{
	const struct session *s = c->s;
	struct tally t;
	struct tval *pts = NULL;
	size_t i;
	bool unanimous;

	rules_presence(s, vt->seq, c->present);
	rules_casts(s, vt, c->present, c->cast);
	rules_tally(s, vt, c->cast, &t);

	tval_strf(tval_set_borrow(v, c->a, "n"), c->a, "%u", vt->seq);
	ctx_put_str(c, v, "oggetto", vt->oggetto.s);
	if (vt->npunti == 0)
		tval_set_shared(v, c->a, "punti", c->empty);
	else
		pts = ctx_new_list(c, v, "punti");
	for (i = 0; i < vt->npunti; i++)
		tval_strf(tval_set_borrow(ctx_push_map(c, pts), c->a, "n"), c->a, "%ld",
		          vt->punti[i].v);
	/* an amendment names itself, not the points it may change */
	ctx_put_bool(c, v, "ha_punti",
	             vt->npunti > 0 && vt->tipo != TYPE_EMENDAMENTO &&
	                     vt->tipo != TYPE_SUBEMENDAMENTO);
	ctx_put_bool(c, v, "punti_plurale", vt->npunti > 1);
	ctx_put_bool(c, v, "ordinaria", vt->tipo == TYPE_ORDINARIA);
	ctx_put_bool(c, v, "immediata", vt->tipo == TYPE_IMMEDIATA);
	ctx_put_bool(c, v, "elettiva", vt->tipo == TYPE_ELEZIONE);
	amendment_fields(c, v, vt);
	vote_act_fields(c, v, a);
	ctx_put_str(c, v, "modalita", model_mode_names[vt->modalita]);
	ctx_put_bool(c, v, "palese", vt->modalita == MODE_PALESE);
	ctx_put_bool(c, v, "nominale", vt->modalita == MODE_NOMINALE);
	ctx_put_bool(c, v, "segreta", vt->modalita == MODE_SEGRETA);
	ctx_put_str(c, v, "sistema", vt->sistema.s);
	moves_fields(c, v, vt->seq);
	remote_fields(c, v, vt);

	put_count(c, v, "presenti", t.presenti);
	put_count(c, v, "in_aula", t.in_aula);
	put_count(c, v, "votanti", t.votanti);
	put_count(c, v, "favorevoli", t.favorevoli);
	put_count(c, v, "contrari", t.contrari);
	put_count(c, v, "astenuti", t.astenuti);
	put_count(c, v, "non_partecipanti", t.non_partecipanti);
	put_count(c, v, "bianche", t.bianche);
	put_count(c, v, "nulle", t.nulle);
	put_count(c, v, "dispersi", vt->schede.dispersi.v);
	put_count(c, v, "valide", t.valide);
	put_count(c, v, "soglia", t.soglia);
	put_count(c, v, "numero_legale", t.numero_legale);
	put_count(c, v, "assegnati", t.assegnati);
	ctx_put_bool(c, v, "numero_legale_raggiunto", t.quorum);
	member_list(c, v, "favorevoli_nomi", CAST_FAVOREVOLE);
	member_list(c, v, "contrari_nomi", CAST_CONTRARIO);
	member_list(c, v, "astenuti_nomi", CAST_ASTENUTO);
	member_list(c, v, "non_partecipanti_nomi", CAST_NON_PARTECIPA);
	/* a secret vote names only who declared to abstain (rules_casts) */
	put_count(c, v, "astensioni_dichiarate", (long)vt->astensioni_dichiarate.n);
	/* names are known when every count is backed by its list */
	ctx_put_bool(c, v, "nomi",
	             vt->modalita != MODE_SEGRETA && vt->tipo != TYPE_ELEZIONE &&
	                     vt->favorevoli.kind != VL_COUNT && vt->contrari.kind != VL_COUNT &&
	                     vt->astenuti.kind != VL_COUNT && vt->favorevoli.kind != VL_SOME &&
	                     vt->contrari.kind != VL_SOME && vt->astenuti.kind != VL_SOME &&
	                     !vt->non_partecipano_numero.set && !rules_outcome_only(vt));

	ctx_put_str(c, v, "maggioranza", model_majority_names[t.maggioranza]);
	for (i = 0; i < MAJ_MAX; i++)
		ctx_put_bool(c, v, c->majority_key[i], t.maggioranza == (enum majority)i);
	ctx_put_str(c, v, "fonte", fonte);
	ctx_put_str(c, v, "esito", model_outcome_names[t.esito]);
	ctx_put_bool(c, v, "approvata", t.esito == OUT_APPROVATA);
	ctx_put_bool(c, v, "respinta", t.esito == OUT_RESPINTA);
	ctx_put_bool(c, v, "non_valida", t.esito == OUT_NON_VALIDA);
	ctx_put_bool(c, v, "conclusa", t.esito == OUT_CONCLUSA);
	ctx_put_bool(c, v, "parziale", t.esito == OUT_PARZIALE);
	ctx_put_bool(c, v, "nessun_eletto", t.esito == OUT_NESSUN_ELETTO);
	ctx_put_bool(c, v, "parita", t.tie);
	ctx_put_bool(c, v, "voto_presidente", t.casting);
	/* every member in the room for it: the Giunta's "con voti unanimi" */
	unanimous = vt->tipo != TYPE_ELEZIONE && vt->modalita != MODE_SEGRETA && t.favorevoli > 0 &&
	            t.contrari == 0 && t.astenuti == 0 && t.non_partecipanti == 0;
	ctx_put_bool(c, v, "unanime", unanimous);
	ctx_put_bool(c, v, "giunta_unanime", unanimous && s->tipo_organo == BODY_GIUNTA);
	if (vt->tipo == TYPE_ELEZIONE)
		election_fields(c, v, vt, &t);
	else
		tval_set_shared(v, c->a, "elezione", c->null);
	record_fields(c, v, vt, &t);
	tval_share_keys(v, c->a, c->last_vote);
	c->last_vote = v;
}
