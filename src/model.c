/* model.c: enumeration names, rule presets, lookups over a loaded session. */
#include "model.h"

#include <limits.h>
#include <string.h>

#include "util.h"

const char *const model_majority_names[MAJ_MAX + 1] = {
        "relativa",          "votanti", "presenti", "assegnati", "due_terzi_assegnati",
        "due_terzi_votanti", NULL,
};
const char *const model_abstainers_names[AST_MAX + 1] = {"votanti", "presenti", NULL};
const char *const model_nonvoters_names[NP_MAX + 1] = {"presenti", "assenti", NULL};
const char *const model_tie_names[TIE_MAX + 1] = {"respinta", "voto_presidente", NULL};
const char *const model_quorum_names[QUORUM_MAX + 1] = {
        "", "meta_piu_uno", "meta", "terzo", "terzo_consiglieri", NULL,
};
const char *const model_convocation_names[CONV_MAX + 1] = {"prima", "seconda", "urgente", NULL};
const char *const model_gender_names[GENDER_MAX + 1] = {"maschile", "femminile", NULL};
const char *const model_mode_names[MODE_MAX + 1] = {"palese", "nominale", "segreta", NULL};
const char *const model_type_names[TYPE_MAX + 1] = {
        "ordinaria",
        "immediata_eseguibilita",
        "elezione",
        NULL,
};
const char *const model_president_vote_names[PV_MAX + 1] = {
        "",
        "favorevole",
        "contrario",
        NULL,
};
const char *const model_outcome_names[OUT_MAX + 1] = {
        "approvata", "respinta", "non valida", "conclusa", "parziale", "nessun eletto", NULL,
};

const char *const model_preset_names[] = {"tuel", "torino_metropolitana", NULL};

bool
model_preset(const char *name, struct rules *r)
{
	memset(r, 0, sizeof(*r));
	r->numero_legale.kind = QUORUM_META_PIU_UNO;
	r->numero_legale_seconda = r->numero_legale;
	r->maggioranza = MAJ_VOTANTI;
	r->parita = TIE_RESPINTA;
	if (strcmp(name, "tuel") == 0) {
		/* TUEL practice: abstainers and non-participants are present, not votanti. */
		r->preset = model_preset_names[0];
		r->astenuti = AST_PRESENTI;
		r->non_partecipanti = NP_PRESENTI;
		return true;
	}
	if (strcmp(name, "torino_metropolitana") == 0) {
		/* As the Torino minutes count: abstainers vote, non-participants are absent. */
		r->preset = model_preset_names[1];
		r->astenuti = AST_VOTANTI;
		r->non_partecipanti = NP_ASSENTI;
		return true;
	}
	return false;
}

const struct vote *
model_vote(const struct session *s, unsigned seq)
{
	size_t i;

	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct act *a = &s->deliberazioni[i];

		if (a->nvotazioni > 0 && seq >= a->votazioni[0].seq &&
		    seq < a->votazioni[0].seq + a->nvotazioni)
			return &a->votazioni[seq - a->votazioni[0].seq];
	}
	return NULL;
}

long
model_move_gap(const struct move *m)
{
	if (!m->vote.set)
		return LONG_MAX;
	return m->after ? m->vote.v : m->vote.v - 1;
}

void
session_free(struct session *s)
{
	if (s != NULL)
		arena_free(s->arena); /* the session itself lives in its arena */
}
