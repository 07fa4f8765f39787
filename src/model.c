/* model.c: enumeration names, rule presets, lookups over a loaded session. */
#include "model.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "italian.h"
#include "text.h"
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
const char *const model_sitting_mode_names[SITTING_MAX + 1] = {"presenza", "telematica", "mista",
                                                               NULL};
const char *const model_remote_names[REMOTE_MAX + 1] = {"", "chat", "voce", NULL};
const char *const model_gender_names[GENDER_MAX + 1] = {"maschile", "femminile", NULL};
const char *const model_gender_short_names[GENDER_MAX + 1] = {"m", "f", NULL};
const char *const model_body_names[BODY_MAX + 1] = {
        "consiglio", "giunta", "commissione", "assemblea", NULL,
};
const char *const model_mode_names[MODE_MAX + 1] = {"palese", "nominale", "segreta", NULL};
const char *const model_type_names[TYPE_MAX + 1] = {
        "ordinaria", "immediata_eseguibilita", "elezione", "emendamento", "subemendamento", NULL,
};
const char *const model_act_kind_names[ACT_KIND_MAX + 1] = {
        "deliberazione", "ordine_del_giorno", "mozione", "interpellanza", NULL,
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

const char *const model_declared_mode_names[DECL_MAX + 1] = {"errore", "avviso", NULL};

const char *const model_parere_kind_names[PARERE_KIND_MAX + 1] = {
        "regolarita_tecnica",
        "regolarita_contabile",
        NULL,
};
const char *const model_parere_outcome_names[PARERE_OUTCOME_MAX + 1] = {
        "favorevole",
        "contrario",
        "non_dovuto",
        NULL,
};

const char *const model_preset_names[] = {"tuel", "torino_metropolitana", NULL};
const char *const model_quotes_names[] = {"alte", "basse", "dritte", NULL};

/* A preset: the rules a session starts from (FORMAT.md, regole). */
struct preset {
	struct quorum numero_legale; /* in both convocations */
	enum majority maggioranza;
	enum abstainers astenuti;
	enum nonvoters non_partecipanti;
	enum tie_rule parita;
};

/* The presets, row i called model_preset_names[i]; each comment names the sources of its
 * rules (the sections of ../shared/ITALIAN.md in brackets). */
static const struct preset presets[] = {
        /* tuel (FORMAT.md): the TUEL, d.lgs. 267/2000, whose art. 38 c. 2 leaves the
         * council's rules to the regolamento [B0], filled in with the usual choices: numero
         * legale half + 1, one of the first convocation's variants (e.g. statuto 012/092 art.
         * 38) [B2]; absolute majority of the votanti, astenuti present but not votanti, the
         * most common rule (DAIT 14138; statuti 011/015 art. 44, 001/158 art. 21) [B3]; non
         * partecipanti present, not votanti (statuto 061/064 art. 20) [B2]; a tie rejects ("la
         * proposta si intende non approvata", statuto 001/158 art. 21) [B7]. */
        {{QUORUM_META_PIU_UNO, 0}, MAJ_VOTANTI, AST_PRESENTI, NP_PRESENTI, TIE_RESPINTA},
        /* torino_metropolitana: as the minutes of the Città metropolitana di Torino of 23
         * February 2022 count (../shared/reference/torino-2022-02-23.txt, FORMAT.md "The
         * reference case"): astenuti among the votanti (as statuto 061/064 art. 20) [B3],
         * non partecipanti not counted (as statuto 001/158 art. 21) [B2]; the rest as tuel. */
        {{QUORUM_META_PIU_UNO, 0}, MAJ_VOTANTI, AST_VOTANTI, NP_ASSENTI, TIE_RESPINTA},
};

_Static_assert(sizeof(presets) / sizeof(presets[0]) ==
                       sizeof(model_preset_names) / sizeof(model_preset_names[0]) - 1,
               "a row of presets for each name in model_preset_names");

bool
model_preset(const char *name, struct rules *r)
{
	size_t i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < sizeof(presets) / sizeof(presets[0]); i++)
		if (strcmp(name, model_preset_names[i]) == 0) {
			r->preset = model_preset_names[i];
			r->numero_legale = presets[i].numero_legale;
			r->numero_legale_seconda = presets[i].numero_legale;
			r->maggioranza = presets[i].maggioranza;
			r->astenuti = presets[i].astenuti;
			r->non_partecipanti = presets[i].non_partecipanti;
			r->parita = presets[i].parita;
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

enum body_kind
model_body_infer(const char *organo)
{
	static const struct {
		const char *word;
		enum body_kind kind;
	} words[] = {
	        {"giunta", BODY_GIUNTA},
	        {"commissione", BODY_COMMISSIONE},
	        {"assemblea", BODY_ASSEMBLEA},
	};
	char *f;
	size_t i, n;
	enum body_kind k = BODY_CONSIGLIO;

	if (organo == NULL)
		return k;
	f = text_folded(organo);
	n = strcspn(f, " ");
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i].word) == n && strncmp(f, words[i].word, n) == 0)
			k = words[i].kind;
	free(f);
	return k;
}

bool
model_member_feminine(const struct session *s, size_t i)
{
	const struct member *m = &s->componenti[i];

	if (m->genere.set)
		return m->genere.g == GENDER_FEMMINILE;
	return it_title_is_feminine(m->ruolo.s);
}

int
model_date_cmp(const struct date *a, const struct date *b)
{
	long x = (long)a->y * 10000 + a->m * 100 + a->d, y = (long)b->y * 10000 + b->m * 100 + b->d;

	return x < y ? -1 : x > y;
}

bool
model_member_in_office(const struct member *m, const struct date *day)
{
	if (!day->set)
		return true;
	if (m->dal.set && model_date_cmp(day, &m->dal) < 0)
		return false;
	return !(m->al.set && model_date_cmp(day, &m->al) > 0);
}

bool
model_president_feminine(const struct session *s)
{
	int p = s->seduta.presidente.member;

	if (p >= 0 &&
	    (s->componenti[p].genere.set || it_title_is_feminine(s->componenti[p].ruolo.s)))
		return model_member_feminine(s, (size_t)p);
	return s->seduta.presidente_genere.set && s->seduta.presidente_genere.g == GENDER_FEMMINILE;
}

long
model_move_gap(const struct move *m)
{
	if (!m->vote.set)
		return LONG_MAX;
	return m->after ? m->vote.v : m->vote.v - 1;
}

int
model_president_at(const struct session *s, unsigned seq)
{
	int p = s->seduta.presidente.member;
	size_t i;

	/* The loader keeps movimenti in the order they happen. */
	for (i = 0; i < s->nmovimenti && model_move_gap(&s->movimenti[i]) < (long)seq; i++)
		if (s->movimenti[i].kind == MOVE_PRESIDENZA)
			p = s->movimenti[i].componente.member;
	return p;
}

void
session_free(struct session *s)
{
	if (s != NULL)
		arena_free(s->arena); /* the session itself lives in its arena */
}

const char *const model_declared_keys[MODEL_DECLARED_N] = {"presenti", "votanti", "favorevoli",
                                                           "contrari", "astenuti"};

void
model_declared_nums(const struct declared *d, const struct num *nums[MODEL_DECLARED_N])
{
	nums[0] = &d->presenti;
	nums[1] = &d->votanti;
	nums[2] = &d->favorevoli;
	nums[3] = &d->contrari;
	nums[4] = &d->astenuti;
}
