/* load.c: the session's schema tables, and the entry points that load a session file. */
#include "load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "refs.h"
#include "schema.h"
#include "text.h"
#include "util.h"
#include "ytree.h"

/* --- the session's tables and their readers ---------------------------------------------- */

static void
read_quorum(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct quorum *q = dst;
	int e;

	if (n->kind == YNODE_SCALAR && text_is_digits(n->s)) {
		if (schema_read_long(rd, n, key, LOAD_MAX_MEMBERS, &q->n))
			q->kind = QUORUM_NUMBER;
		return;
	}
	if ((e = schema_read_enum(rd, n, model_quorum_names, key)) > 0)
		q->kind = (enum quorum_kind)e;
}

static const struct field rules_fields[] = {
        {"base", F_CUSTOM, 0, 0, NULL, NULL}, /* read first, by read_rules */
        {"assegnati", F_INT, OFF(rules, assegnati), 0, NULL, NULL},
        {"numero_legale", F_CUSTOM, OFF(rules, numero_legale), 0, NULL,
         &(struct schema_custom){read_quorum}},
        {"numero_legale_seconda", F_CUSTOM, OFF(rules, numero_legale_seconda), 0, NULL,
         &(struct schema_custom){read_quorum}},
        {"astenuti", F_ENUM, OFF(rules, astenuti), 0, NULL, model_abstainers_names},
        {"non_partecipanti", F_ENUM, OFF(rules, non_partecipanti), 0, NULL, model_nonvoters_names},
        {"maggioranza", F_ENUM, OFF(rules, maggioranza), 0, NULL, model_majority_names},
        {"parita", F_ENUM, OFF(rules, parita), 0, NULL, model_tie_names},
        {"fonte", F_STR, OFF(rules, fonte), 0, NULL, NULL},
};

static void
skip_value(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	(void)rd, (void)n, (void)dst, (void)key;
}

static bool
quorum_differs(const struct quorum *a, const struct quorum *b)
{
	return a->kind != b->kind || (a->kind == QUORUM_NUMBER && a->n != b->n);
}

/* Whether r changes a rule of its preset: fonte, which only cites the source, is no change. */
static bool
rules_differ_from_preset(const struct rules *r)
{
	struct rules p;

	if (!model_preset(r->preset, &p))
		return true;
	return r->assegnati.set || quorum_differs(&r->numero_legale, &p.numero_legale) ||
	       quorum_differs(&r->numero_legale_seconda, &p.numero_legale_seconda) ||
	       r->astenuti != p.astenuti || r->non_partecipanti != p.non_partecipanti ||
	       r->maggioranza != p.maggioranza || r->parita != p.parita;
}

/* The keys of a regole map, over the rules r already holds (a preset, or a body file's). */
static void
read_rules_keys(struct schema_reader *rd, const struct ynode *n, struct rules *r, const char *key)
{
	struct field fields[sizeof(rules_fields) / sizeof(rules_fields[0])];
	struct schema sc = SCHEMA(fields);
	bool seconda = r->seconda_set;

	memcpy(fields, rules_fields, sizeof(fields));
	fields[0].aux = &(struct schema_custom){skip_value};
	r->pos = n->pos;
	schema_read_map(rd, n, &sc, r, key);
	r->seconda_set = seconda || ytree_get(n, "numero_legale_seconda") != NULL;
	if (!r->seconda_set)
		r->numero_legale_seconda = r->numero_legale;
	r->modified = rules_differ_from_preset(r);
}

static void
read_rules(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct rules *r = dst;
	const struct ynode *base;
	const char *name = "tuel";
	int e;

	if (n->kind == YNODE_SCALAR) {
		if ((e = schema_read_enum(rd, n, model_preset_names, key)) >= 0)
			name = model_preset_names[e];
		model_preset(name, r);
		r->pos = n->pos;
		return;
	}
	if (n->kind != YNODE_MAP) {
		schema_report_type(rd, n, key, "il nome di un preset o una mappa");
		return;
	}
	if ((base = ytree_get(n, "base")) != NULL &&
	    (e = schema_read_enum(rd, base, model_preset_names, "base")) >= 0)
		name = model_preset_names[e];
	model_preset(name, r);
	read_rules_keys(rd, n, r, key);
}

/*
 * regole in a session whose body file has regole: a map without base changes the body file's
 * rules, as a map with base changes its preset; a preset's name, or a map with base, replaces
 * them whole.
 */
static void
read_rules_over(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	if (n->kind == YNODE_MAP && ytree_get(n, "base") == NULL)
		read_rules_keys(rd, n, dst, key);
	else
		read_rules(rd, n, dst, key);
}

/* A list known in part: {numero: N, nomi: [...]}, the count and the names known of it. */
struct partial_list {
	struct num numero;
	struct reflist nomi;
};

static const struct field partial_list_fields[] = {
        {"numero", F_INT, OFF(partial_list, numero), REQ, NULL, NULL},
        {"nomi", F_REFLIST, OFF(partial_list, nomi), 0, NULL, NULL},
};
static const struct schema partial_list_schema = SCHEMA(partial_list_fields);

static void
read_vlist(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct vlist *vl = dst;
	struct reflist rl = {NULL, 0, {NULL, 0, 0}};

	vl->pos = n->pos;
	if (n->kind == YNODE_MAP) {
		/* in the arena: the loader resolves the names after this returns */
		struct partial_list *pl = arena_alloc(rd->a, sizeof(*pl));

		schema_read_map(rd, n, &partial_list_schema, pl, key);
		if (!pl->numero.set)
			return;
		vl->kind = VL_SOME;
		vl->count = pl->numero.v;
		vl->v = pl->nomi.v;
		vl->n = pl->nomi.n;
		return;
	}
	if (n->kind == YNODE_SEQ) {
		schema_read_reflist(rd, n, &rl, key);
		vl->kind = VL_NAMES;
		vl->v = rl.v;
		vl->n = rl.n;
		return;
	}
	if (n->kind == YNODE_SCALAR) {
		char *f = text_folded(n->s);

		if (strcmp(f, "tutti") == 0)
			vl->kind = VL_TUTTI;
		else if (strcmp(f, "restanti") == 0)
			vl->kind = VL_RESTANTI;
		else if (text_is_digits(n->s)) {
			if (schema_read_long(rd, n, key, 1000000, &vl->count))
				vl->kind = VL_COUNT;
		} else
			diag_report(rd->d, D_VLIST, &n->pos, key);
		free(f);
		return;
	}
	diag_report(rd->d, D_VLIST, &n->pos, key);
}

/* non_partecipano: the names, or only how many they were. */
static void
read_nonvoters(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct vote *v = dst;

	if (n->kind == YNODE_SCALAR && text_is_digits(n->s)) {
		schema_read_num(rd, n, &v->non_partecipano_numero, key, 1000000);
		return;
	}
	schema_read_reflist(rd, n, &v->non_partecipano, key);
}

/* One of a vote's punti: the number of an item of the agenda. */
static void
read_point(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	schema_read_num(rd, n, dst, key, 100000);
}

static const struct field ballots_fields[] = {
        {"favorevoli", F_INT, OFF(ballots, favorevoli), 0, NULL, NULL},
        {"contrari", F_INT, OFF(ballots, contrari), 0, NULL, NULL},
        {"bianche", F_INT, OFF(ballots, bianche), 0, NULL, NULL},
        {"nulle", F_INT, OFF(ballots, nulle), 0, NULL, NULL},
        {"votanti", F_INT, OFF(ballots, votanti), 0, NULL, NULL},
        {"dispersi", F_INT, OFF(ballots, dispersi), 0, NULL, NULL},
};
static const struct schema ballots_schema = SCHEMA(ballots_fields);

static const struct field declared_fields[] = {
        {"presenti", F_INT, OFF(declared, presenti), 0, NULL, NULL},
        {"votanti", F_INT, OFF(declared, votanti), 0, NULL, NULL},
        {"favorevoli", F_INT, OFF(declared, favorevoli), 0, NULL, NULL},
        {"contrari", F_INT, OFF(declared, contrari), 0, NULL, NULL},
        {"astenuti", F_INT, OFF(declared, astenuti), 0, NULL, NULL},
        {"esito", F_ENUM, OFF(declared, esito), 0, VALUE_AT(declared, esito_pos),
         model_outcome_names},
};
static const struct schema declared_schema = SCHEMA(declared_fields);

static void
read_proclaimed(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct declared *dc = dst;

	dc->esito = -1;
	dc->set = true;
	schema_read_map(rd, n, &declared_schema, dc, key);
}

static const struct field correction_fields[] = {
        {"proclamato", F_CUSTOM, OFF(correction, proclamato), REQ, NULL,
         &(struct schema_custom){read_proclaimed}},
        {"motivo", F_STR, OFF(correction, motivo), REQ, NULL, NULL},
};
static const struct schema correction_schema = SCHEMA(correction_fields);

static void
read_correction(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct correction *c = dst;

	c->pos = n->pos;
	c->proclamato.esito = -1;
	schema_read_map(rd, n, &correction_schema, c, key);
	c->set = n->kind == YNODE_MAP;
}

static const struct field candidate_fields[] = {
        {"nome", F_STR, OFF(candidate, nome), REQ | NAME, NULL, NULL},
        {"voti", F_INT, OFF(candidate, voti), REQ, NULL, NULL},
        {"esterno", F_BOOL, OFF(candidate, esterno), 0, NULL, NULL},
};
static const struct schema candidate_schema = SCHEMA(candidate_fields);

static void
read_candidate(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct candidate *c = dst;

	c->member = -1;
	c->pos = n->pos;
	schema_read_map(rd, n, &candidate_schema, c, key);
}

static const struct field remote_fields[] = {
        {"nome", F_REF, OFF(remote, nome), REQ, NULL, NULL},
        {"mezzo", F_ENUM, OFF(remote, mezzo), 0, NULL, model_remote_names},
};
static const struct schema remote_schema = SCHEMA(remote_fields);

/* One of da_remoto: a member ref, or a map {nome, mezzo}. */
static void
read_remote(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct remote *r = dst;

	r->nome.member = -1;
	if (n->kind == YNODE_MAP)
		schema_read_map(rd, n, &remote_schema, r, key);
	else
		schema_read_ref(rd, n, &r->nome, key);
}

static const struct field election_list_fields[] = {
        {"nome", F_STR, OFF(election_list, nome), REQ, NULL, NULL},
        {"posti", F_INT, OFF(election_list, posti), 0, NULL, NULL},
        {"preferenze", F_INT, OFF(election_list, preferenze), 0, NULL, NULL},
        {"candidati", F_LIST, OFF(election_list, candidati), REQ,
         KEY_AT(election_list, candidati_pos),
         &(struct schema_list){sizeof(struct candidate), OFF(election_list, ncandidati),
                               read_candidate, LOAD_MAX_MEMBERS, true, NULL}},
        {"bianche", F_INT, OFF(election_list, bianche), 0, NULL, NULL},
        {"nulle", F_INT, OFF(election_list, nulle), 0, NULL, NULL},
        {"dispersi", F_INT, OFF(election_list, dispersi), 0, NULL, NULL},
};
static const struct schema election_list_schema = SCHEMA(election_list_fields);

/* One of an election's liste: posti and preferenze default to 1, as the vote's. */
static void
read_election_list(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct election_list *l = dst;
	size_t errors = rd->d->errors;

	l->pos = n->pos;
	schema_read_map(rd, n, &election_list_schema, l, key);
	l->damaged = rd->d->errors > errors;
	if (!l->posti.set)
		l->posti.v = 1;
	if (!l->preferenze.set)
		l->preferenze.v = 1;
}

static const struct field vote_fields[] = {
        {"oggetto", F_STR, OFF(vote, oggetto), REQ, NULL, NULL},
        {"punti", F_LIST, OFF(vote, punti), 0, NULL,
         &(struct schema_list){sizeof(struct num), OFF(vote, npunti), read_point, SCHEMA_MAX_ITEMS,
                               false, "una lista di numeri"}},
        {"tipo", F_ENUM, OFF(vote, tipo), 0, KEY_AT(vote, tipo_pos), model_type_names},
        {"modalita", F_ENUM, OFF(vote, modalita), 0, KEY_AT(vote, modalita_pos), model_mode_names},
        {"sistema", F_STR, OFF(vote, sistema), 0, NULL, NULL},
        {"favorevoli", F_CUSTOM, OFF(vote, favorevoli), 0, NULL,
         &(struct schema_custom){read_vlist}},
        {"contrari", F_CUSTOM, OFF(vote, contrari), 0, NULL, &(struct schema_custom){read_vlist}},
        {"astenuti", F_CUSTOM, OFF(vote, astenuti), 0, NULL, &(struct schema_custom){read_vlist}},
        {"non_partecipano", F_CUSTOM, 0, 0, KEY_AT(vote, non_partecipano.pos),
         &(struct schema_custom){read_nonvoters}},
        {"da_remoto", F_LIST, OFF(vote, da_remoto), 0, KEY_AT(vote, da_remoto_pos),
         &(struct schema_list){sizeof(struct remote), OFF(vote, nda_remoto), read_remote,
                               LOAD_MAX_MEMBERS, false, "una lista di componenti"}},
        {"schede", F_MAP, OFF(vote, schede), 0, KEY_AT(vote, schede.pos), &ballots_schema},
        {"maggioranza", F_ENUM, OFF(vote, maggioranza), 0, NULL, model_majority_names},
        {"presidente_vota", F_ENUM, OFF(vote, presidente_vota), 0,
         VALUE_AT(vote, presidente_vota_pos), model_president_vote_names},
        {"dichiarato", F_MAP, OFF(vote, dichiarato), 0, NULL, &declared_schema},
        {"rettifica", F_CUSTOM, OFF(vote, rettifica), 0, NULL,
         &(struct schema_custom){read_correction}},
        {"esito", F_ENUM, OFF(vote, esito), 0, VALUE_AT(vote, esito_pos), model_outcome_names},
        {"carica", F_STR, OFF(vote, carica), 0, KEY_AT(vote, carica_pos), NULL},
        {"posti", F_INT, OFF(vote, posti), 0, KEY_AT(vote, posti_pos), NULL},
        {"preferenze", F_INT, OFF(vote, preferenze), 0, KEY_AT(vote, preferenze_pos), NULL},
        {"candidati", F_LIST, OFF(vote, candidati), 0, KEY_AT(vote, candidati_pos),
         &(struct schema_list){sizeof(struct candidate), OFF(vote, ncandidati), read_candidate,
                               LOAD_MAX_MEMBERS, true, NULL}},
        {"liste", F_LIST, OFF(vote, liste), 0, KEY_AT(vote, liste_pos),
         &(struct schema_list){sizeof(struct election_list), OFF(vote, nliste), read_election_list,
                               LOAD_MAX_LISTS, true, NULL}},
        {"voti_minimi", F_INT, OFF(vote, voti_minimi), 0, KEY_AT(vote, voti_minimi_pos), NULL},
        {"proclamati", F_BOOL, OFF(vote, proclamati), 0, KEY_AT(vote, proclamati_pos), NULL},
        {"astensioni_dichiarate", F_REFLIST, OFF(vote, astensioni_dichiarate), 0,
         KEY_AT(vote, astensioni_dichiarate.pos), NULL},
        {"numero", F_STR, OFF(vote, numero), 0, KEY_AT(vote, numero_pos), NULL},
        {"testo", F_MD, OFF(vote, testo), 0, KEY_AT(vote, testo_pos), NULL},
};
static const struct schema vote_schema = SCHEMA(vote_fields);

static void
read_vote(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct vote *v = dst;
	size_t errors = rd->d->errors;

	v->pos = n->pos;
	v->dichiarato.esito = -1;
	v->esito = -1;
	v->proclamati = true;
	schema_read_map(rd, n, &vote_schema, v, key);
	v->damaged = rd->d->errors > errors;
	v->maggioranza_set = ytree_get(n, "maggioranza") != NULL;
	v->schede.set = ytree_get(n, "schede") != NULL;
	v->dichiarato.set = ytree_get(n, "dichiarato") != NULL;
	if (!v->posti.set)
		v->posti.v = 1;
	if (!v->preferenze.set)
		v->preferenze.v = 1;
}

static const struct field annex_fields[] = {
        {"titolo", F_STR, OFF(annex, titolo), REQ, NULL, NULL},
        {"file", F_STR, OFF(annex, file), REQ, NULL, NULL},
};
static const struct schema annex_schema = SCHEMA(annex_fields);

static void
read_annex(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	schema_read_map(rd, n, &annex_schema, dst, key);
}

static const struct field parere_fields[] = {
        {"tipo", F_ENUM, OFF(parere, tipo), REQ, VALUE_AT(parere, tipo_pos),
         model_parere_kind_names},
        {"esito", F_ENUM, OFF(parere, esito), REQ, NULL, model_parere_outcome_names},
        {"responsabile", F_STR, OFF(parere, responsabile), 0, NULL, NULL},
        {"data", F_DATE, OFF(parere, data), 0, NULL, NULL},
        {"motivazione", F_STR, OFF(parere, motivazione), 0, NULL, NULL},
};
static const struct schema parere_schema = SCHEMA(parere_fields);

static void
read_parere(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct parere *p = dst;
	size_t errors = rd->d->errors;

	p->pos = n->pos;
	schema_read_map(rd, n, &parere_schema, p, key);
	p->damaged = rd->d->errors > errors;
}

static void
read_md_list(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	schema_read_strlist(rd, n, dst, key, true);
}

static const struct field omission_fields[] = {
        {"allegato", F_STR, OFF(omission, allegato), REQ, NULL, NULL},
};
static const struct schema omission_schema = SCHEMA(omission_fields);

/* One of omissis: a text, or a map {allegato: FILE}. */
static void
read_omission(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct omission *o = dst;

	o->pos = n->pos;
	if (n->kind == YNODE_MAP) {
		schema_read_map(rd, n, &omission_schema, o, key);
		return;
	}
	if ((o->testo.s = schema_read_scalar(rd, n, key)) == NULL)
		return;
	o->testo.pos = n->pos;
	if (o->testo.s[strspn(o->testo.s, " \t\r\n")] == '\0') {
		diag_report(rd->d, D_EMPTY, &n->pos, key);
		o->testo.s = NULL;
	}
}

static const struct field publication_fields[] = {
        {"dal", F_DATE, OFF(publication, dal), REQ, NULL, NULL},
        {"giorni", F_INT, OFF(publication, giorni), 0, NULL, NULL},
};
static const struct schema publication_schema = SCHEMA(publication_fields);

static void
read_publication(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct publication *p = dst;

	p->pos = n->pos;
	schema_read_map(rd, n, &publication_schema, p, key);
	p->set = p->dal.set;
	if (!p->giorni.set)
		p->giorni.v = 15; /* art. 124 TUEL */
}

static const struct field act_fields[] = {
        {"tipo", F_ENUM, OFF(act, tipo), 0, KEY_AT(act, tipo_pos), model_act_kind_names},
        {"numero", F_STR, OFF(act, numero), 0, NULL, NULL}, /* required of a deliberazione */
        {"oggetto", F_STR, OFF(act, oggetto), REQ, NULL, NULL},
        {"testo", F_MD, OFF(act, testo), 0, NULL, NULL},
        {"dispositivo", F_CUSTOM, OFF(act, dispositivo), 0, NULL,
         &(struct schema_custom){read_md_list}},
        {"discussione", F_MD, OFF(act, discussione), 0, NULL, NULL},
        {"votazioni", F_LIST, OFF(act, votazioni), 0, NULL, /* none in an interpellanza */
         &(struct schema_list){sizeof(struct vote), OFF(act, nvotazioni), read_vote,
                               SCHEMA_MAX_ITEMS, false, NULL}},
        {"allegati", F_LIST, OFF(act, allegati), 0, NULL,
         &(struct schema_list){sizeof(struct annex), OFF(act, nallegati), read_annex,
                               LOAD_MAX_ANNEXES, false, NULL}},
        {"pareri", F_LIST, OFF(act, pareri), 0, NULL,
         &(struct schema_list){sizeof(struct parere), OFF(act, npareri), read_parere,
                               SCHEMA_MAX_ITEMS, false, NULL}},
        {"contabile", F_BOOL, OFF(act, contabile), 0, NULL, NULL},
        {"omissis", F_LIST, OFF(act, omissis), 0, NULL,
         &(struct schema_list){sizeof(struct omission), OFF(act, nomissis), read_omission,
                               SCHEMA_MAX_ITEMS, false, NULL}},
        {"pubblicazione", F_CUSTOM, OFF(act, pubblicazione), 0, NULL,
         &(struct schema_custom){read_publication}},
};
static const struct schema act_schema = SCHEMA(act_fields);

/* What the schema leaves to the act's kind: a deliberazione needs its numero, every act but an
 * interpellanza its votazioni (with the schema's messages for a required key). */
static void
act_required(struct schema_reader *rd, const struct ynode *n, struct act *a, const char *key)
{
	static const char *const keys[] = {"numero", "votazioni"};
	size_t k;

	if (a->numero.s != NULL && a->numero.s[strspn(a->numero.s, " \t\n")] == '\0')
		a->numero.s = NULL; /* blank: no number (an error for a deliberazione, below) */
	for (k = 0; k < 2; k++) {
		const struct ynode *v = NULL;
		size_t i;

		for (i = 0; i + 1 < n->n; i += 2) /* the value even when null (ytree_get: NULL) */
			if (n->kids[i]->kind == YNODE_SCALAR && strcmp(n->kids[i]->s, keys[k]) == 0)
				v = n->kids[i + 1];

		if (k == 0 ? a->tipo != ACT_DELIBERAZIONE : a->tipo == ACT_INTERPELLANZA)
			continue;
		if (v == NULL) {
			char *in = key ? xasprintf(" in '%s'", key) : xstrdup("");

			diag_report(rd->d, D_KEY_MISSING, &n->pos, keys[k], in);
			free(in);
		} else if (ytree_is_null(v) || (k == 0 && v->kind == YNODE_SCALAR &&
		                                v->s[strspn(v->s, " \t\n")] == '\0'))
			diag_report(rd->d, D_EMPTY, &v->pos, keys[k]);
	}
}

static void
read_act(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct act *a = dst;

	a->pos = n->pos;
	schema_read_map(rd, n, &act_schema, a, key);
	if (n->kind == YNODE_MAP)
		act_required(rd, n, a, key);
}

/* genere: femminile or maschile, or their short forms f and m. */
static void
read_gender(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct gender_value *g = dst;
	int e;

	for (e = 0; n->kind == YNODE_SCALAR && e < GENDER_MAX; e++)
		if (strcmp(n->s, model_gender_short_names[e]) == 0) {
			g->g = (enum gender)e;
			g->set = true;
			return;
		}
	if ((e = schema_read_enum(rd, n, model_gender_names, key)) >= 0) {
		g->g = (enum gender)e;
		g->set = true;
	}
}

static const struct field member_fields[] = {
        {"cognome", F_STR, OFF(member, cognome), REQ | NAME, NULL, NULL},
        {"nome", F_STR, OFF(member, nome), REQ | NAME, NULL, NULL},
        {"ruolo", F_STR, OFF(member, ruolo), 0, NULL, NULL},
        {"id", F_STR, OFF(member, id), NAME, NULL, NULL},
        {"genere", F_CUSTOM, OFF(member, genere), 0, NULL, &(struct schema_custom){read_gender}},
        {"ruolo_esatto", F_BOOL, OFF(member, ruolo_esatto), 0, NULL, NULL},
        {"dal", F_DATE, OFF(member, dal), 0, NULL, NULL},
        {"al", F_DATE, OFF(member, al), 0, NULL, NULL},
};
static const struct schema member_schema = SCHEMA(member_fields);

static void
read_member(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct member *m = dst;

	m->pos = n->pos;
	schema_read_map(rd, n, &member_schema, m, key);
	if (m->dal.set && m->al.set && model_date_cmp(&m->dal, &m->al) > 0) {
		char dal[16], al[16];

		snprintf(dal, sizeof(dal), "%04d-%02d-%02d", m->dal.y, m->dal.m, m->dal.d);
		snprintf(al, sizeof(al), "%04d-%02d-%02d", m->al.y, m->al.m, m->al.d);
		diag_report(rd->d, D_OFFICE_ORDER, &m->dal.pos, dal, al);
		m->dal.set = m->al.set = false; /* which one is wrong is not known */
	}
}

/* When a move happens: before or after the vote numbered N, or after the last vote. */
struct when {
	struct num prima, dopo;
	bool end;
};

static const struct field when_fields[] = {
        {"prima_della_votazione", F_INT, OFF(when, prima), 0, NULL, NULL},
        {"dopo_la_votazione", F_INT, OFF(when, dopo), 0, NULL, NULL},
        {"dopo_l_ultima_votazione", F_BOOL, OFF(when, end), 0, NULL, NULL},
};
static const struct schema when_schema = SCHEMA(when_fields);

static void
read_when(struct schema_reader *rd, const struct ynode *n, struct move *mv, enum move_kind kind,
          const char *key)
{
	struct when w;

	memset(&w, 0, sizeof(w));
	mv->kind = kind;
	schema_read_map(rd, n, &when_schema, &w, key);
	if (n->kind != YNODE_MAP)
		return;
	if ((ytree_get(n, "prima_della_votazione") != NULL) +
	            (ytree_get(n, "dopo_la_votazione") != NULL) + w.end !=
	    1) {
		diag_report(rd->d, D_ONE_OF, &n->pos,
		            "'prima_della_votazione', 'dopo_la_votazione' e "
		            "'dopo_l_ultima_votazione: true'");
		return;
	}
	mv->after = w.dopo.set || w.end;
	mv->end = w.end; /* its vote is set when the votes are counted (load_session_with) */
	mv->vote = w.dopo.set ? w.dopo : w.prima;
}

static void
read_enters(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	read_when(rd, n, dst, MOVE_ENTRA, key);
}

static void
read_leaves(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	read_when(rd, n, dst, MOVE_ESCE, key);
}

static const struct field move_fields[] = {
        {"componente", F_REF, OFF(move, componente), REQ, NULL, NULL},
        {"entra", F_CUSTOM, 0, 0, NULL, &(struct schema_custom){read_enters}},
        {"esce", F_CUSTOM, 0, 0, NULL, &(struct schema_custom){read_leaves}},
};
static const struct schema move_schema = SCHEMA(move_fields);

/* A change of presiding officer: {presidenza: X, prima_della_votazione: N} (or dopo_la_votazione:
 * N), both read into the move's own vote. */
static const struct field presidency_fields[] = {
        {"presidenza", F_REF, OFF(move, componente), REQ, NULL, NULL},
        {"prima_della_votazione", F_INT, OFF(move, vote), 0, NULL, NULL},
        {"dopo_la_votazione", F_INT, OFF(move, vote), 0, NULL, NULL},
};
static const struct schema presidency_schema = SCHEMA(presidency_fields);

/* Whether map n gives key a value (an empty one counts as not given). */
static bool
given(const struct ynode *n, const char *key)
{
	const struct ynode *v = ytree_get(n, key);

	return v != NULL && !ytree_is_null(v);
}

static void
read_presidency(struct schema_reader *rd, const struct ynode *n, struct move *mv, const char *key)
{
	bool before = given(n, "prima_della_votazione");

	mv->kind = MOVE_PRESIDENZA;
	schema_read_map(rd, n, &presidency_schema, mv, key);
	mv->after = given(n, "dopo_la_votazione");
	if (before == mv->after) {
		diag_report(rd->d, D_ONE_OF, &n->pos,
		            "'prima_della_votazione' e 'dopo_la_votazione'");
		mv->vote.set = false; /* when it happened is not known: no later check on it */
	}
}

static void
read_move(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct move *mv = dst;

	mv->pos = n->pos;
	mv->componente.member = -1;
	/* a change of presidency: presidenza, or a moment without componente, entra or esce */
	if (n->kind == YNODE_MAP &&
	    (ytree_get(n, "presidenza") != NULL ||
	     (ytree_get(n, "componente") == NULL && ytree_get(n, "entra") == NULL &&
	      ytree_get(n, "esce") == NULL &&
	      (ytree_get(n, "prima_della_votazione") != NULL ||
	       ytree_get(n, "dopo_la_votazione") != NULL)))) {
		read_presidency(rd, n, mv, key);
		return;
	}
	schema_read_map(rd, n, &move_schema, mv, key);
	if (n->kind == YNODE_MAP &&
	    (ytree_get(n, "entra") == NULL) == (ytree_get(n, "esce") == NULL)) {
		diag_report(rd->d, D_ONE_OF, &n->pos, "'entra' ed 'esce'");
		mv->vote.set = false; /* which one happened is not known: no later check on it */
	}
}

static const struct field secretary_fields[] = {
        {"nome", F_STR, OFF(secretary, nome), REQ | NAME, NULL, NULL},
        {"cognome", F_STR, OFF(secretary, cognome), REQ | NAME, NULL, NULL},
        {"qualifica", F_STR, OFF(secretary, qualifica), 0, NULL, NULL},
        {"genere", F_CUSTOM, OFF(secretary, genere), 0, NULL, &(struct schema_custom){read_gender}},
        {"ruolo_esatto", F_BOOL, OFF(secretary, ruolo_esatto), 0, NULL, NULL},
};
static const struct schema secretary_schema = SCHEMA(secretary_fields);

/* True, with the position noted, when n says 'ignoto': a person the record does not name. */
static bool
unknown_person(const struct ynode *n, bool *flag, struct pos *pos)
{
	char *f;
	bool yes;

	if (n->kind != YNODE_SCALAR)
		return false;
	f = text_folded(n->s);
	yes = strcmp(f, "ignoto") == 0 || strcmp(f, "ignota") == 0;
	free(f);
	if (yes) {
		*flag = true;
		*pos = n->pos;
	}
	return yes;
}

static void
read_president(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct sitting *st = dst;

	if (!unknown_person(n, &st->presidente_ignoto, &st->presidente_ignoto_pos))
		schema_read_ref(rd, n, &st->presidente, key);
}

static void
read_secretary(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct sitting *st = dst;

	if (!unknown_person(n, &st->segretario_ignoto, &st->segretario_ignoto_pos))
		schema_read_map(rd, n, &secretary_schema, &st->segretario, key);
}

/* seduta.data: a day, or for a transcribed record only the month (AAAA-MM) or the year (AAAA),
 * kept as the first day of the period. */
static void
read_sitting_date(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct date *d = dst;
	const char *s = n->kind == YNODE_SCALAR ? n->s : "";
	size_t len = strlen(s);
	bool year = len == 4 && text_is_digits(s);
	bool month = len == 7 && s[4] == '-' && strspn(s, "0123456789") == 4 &&
	             strspn(s + 5, "0123456789") == 2;

	if (year || month) {
		int y = atoi(s), m = month ? atoi(s + 5) : 1;

		if (y >= 1000 && m >= 1 && m <= 12) {
			d->y = y;
			d->m = m;
			d->d = 1;
			d->pos = n->pos;
			d->set = true;
			d->precision = month ? DATE_MONTH : DATE_YEAR;
			return;
		}
	}
	schema_read_date(rd, n, d, key);
}

static const struct field sitting_fields[] = {
        {"adunanza", F_STR, OFF(sitting, adunanza), 0, NULL, NULL},
        {"legislatura", F_STR, OFF(sitting, legislatura), 0, NULL, NULL},
        {"numero", F_INT, OFF(sitting, numero), 0, NULL, NULL},
        {"modalita", F_ENUM, OFF(sitting, modalita), 0, NULL, model_sitting_mode_names},
        {"modalita_fonte", F_STR, OFF(sitting, modalita_fonte), 0, NULL, NULL},
        {"data", F_CUSTOM, OFF(sitting, data), REQ, NULL,
         &(struct schema_custom){read_sitting_date}},
        {"ora", F_TIME, OFF(sitting, ora), 0, NULL, NULL},
        {"luogo", F_STR, OFF(sitting, luogo), 0, NULL, NULL},
        {"convocazione", F_ENUM, OFF(sitting, convocazione), 0, NULL, model_convocation_names},
        {"avviso", F_DATE, OFF(sitting, avviso), 0, NULL, NULL},
        {"presidente", F_CUSTOM, 0, REQ, NULL, &(struct schema_custom){read_president}},
        {"presidente_titolo", F_STR, OFF(sitting, presidente_titolo), 0, NULL, NULL},
        {"presidente_genere", F_CUSTOM, OFF(sitting, presidente_genere), 0, NULL,
         &(struct schema_custom){read_gender}},
        {"segretario", F_CUSTOM, 0, REQ, NULL, &(struct schema_custom){read_secretary}},
};
static const struct schema sitting_schema = SCHEMA(sitting_fields);

static void
read_sitting(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct sitting *st = dst;

	st->pos = n->pos;
	schema_read_map(rd, n, &sitting_schema, st, key);
}

static const struct field guest_fields[] = {
        {"nome", F_STR, OFF(guest, nome), REQ | NAME, NULL, NULL},
        {"genere", F_CUSTOM, OFF(guest, genere), 0, NULL, &(struct schema_custom){read_gender}},
};
static const struct schema guest_schema = SCHEMA(guest_fields);

/* One of senza_voto's elenco: a name as text, or a map {nome, genere}. */
static void
read_guest(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	struct guest *g = dst;

	if (n->kind == YNODE_MAP) {
		schema_read_map(rd, n, &guest_schema, g, key);
		return;
	}
	g->nome.s = schema_read_scalar(rd, n, key);
	g->nome.pos = n->pos;
}

/* senza_voto: a map whose values are fields of the session itself (read at offset 0). */
static const struct field novote_fields[] = {
        {"intestazione", F_STR, OFF(session, senza_voto_intestazione), 0, NULL, NULL},
        {"elenco", F_LIST, OFF(session, senza_voto_elenco), 0, NULL,
         &(struct schema_list){sizeof(struct guest), OFF(session, nsenza_voto), read_guest,
                               SCHEMA_MAX_ITEMS, false, "una lista di nomi"}},
};
static const struct schema novote_schema = SCHEMA(novote_fields);

static const struct field signature_fields[] = {
        {"qualifica", F_STR, OFF(signature, qualifica), REQ, NULL, NULL},
        {"nome", F_STR, OFF(signature, nome), REQ | NAME, NULL, NULL},
        {"nota", F_STR, OFF(signature, nota), 0, NULL, NULL},
};
static const struct schema signature_schema = SCHEMA(signature_fields);

static void
read_signature(struct schema_reader *rd, const struct ynode *n, void *dst, const char *key)
{
	schema_read_map(rd, n, &signature_schema, dst, key);
}

static const struct field options_fields[] = {
        {"spiega_esiti", F_BOOL, OFF(options, spiega_esiti), 0, NULL, NULL},
        {"tabella_presenze", F_BOOL, OFF(options, tabella_presenze), 0, NULL, NULL},
        {"dichiarato", F_ENUM, OFF(options, dichiarato), 0, NULL, model_declared_mode_names},
        {"trascrizione", F_BOOL, OFF(options, trascrizione), 0, NULL, NULL},
};
static const struct schema options_schema = SCHEMA(options_fields);

static const struct field session_fields[] = {
        {"versione", F_INT, OFF(session, versione), 0, NULL, NULL},
        {"file_organo", F_STR, OFF(session, file_organo), 0, NULL, NULL},
        {"ente", F_STR, OFF(session, ente), REQ, NULL, NULL},
        {"organo", F_STR, OFF(session, organo), REQ, NULL, NULL},
        {"tipo_organo", F_ENUM, OFF(session, tipo_organo), 0, NULL, model_body_names},
        {"logo", F_STR, OFF(session, logo), 0, NULL, NULL},
        {"seduta", F_CUSTOM, OFF(session, seduta), REQ, NULL,
         &(struct schema_custom){read_sitting}},
        {"regole", F_CUSTOM, OFF(session, regole), 0, NULL, &(struct schema_custom){read_rules}},
        {"componenti", F_LIST, OFF(session, componenti), REQ, NULL,
         &(struct schema_list){sizeof(struct member), OFF(session, ncomponenti), read_member,
                               LOAD_MAX_MEMBERS, true, NULL}},
        {"assenti", F_REFLIST, OFF(session, assenti), 0, NULL, NULL},
        {"giustificati", F_REFLIST, OFF(session, giustificati), 0, NULL, NULL},
        {"senza_voto", F_MAP, 0, 0, NULL, &novote_schema},
        {"movimenti", F_LIST, OFF(session, movimenti), 0, NULL,
         &(struct schema_list){sizeof(struct move), OFF(session, nmovimenti), read_move,
                               LOAD_MAX_MOVES, false, NULL}},
        {"deliberazioni", F_LIST, OFF(session, deliberazioni), REQ, NULL,
         &(struct schema_list){sizeof(struct act), OFF(session, ndeliberazioni), read_act,
                               SCHEMA_MAX_ITEMS, true, NULL}},
        {"firme", F_LIST, OFF(session, firme), REQ, NULL,
         &(struct schema_list){sizeof(struct signature), OFF(session, nfirme), read_signature,
                               SCHEMA_MAX_ITEMS, true, NULL}},
        {"opzioni", F_MAP, OFF(session, opzioni), 0, NULL, &options_schema},
        {"omissis", F_LIST, OFF(session, omissis), 0, NULL,
         &(struct schema_list){sizeof(struct omission), OFF(session, nomissis), read_omission,
                               SCHEMA_MAX_ITEMS, false, NULL}},
        {"pubblicazione", F_CUSTOM, OFF(session, pubblicazione), 0, NULL,
         &(struct schema_custom){read_publication}},
};
static const struct schema session_schema = SCHEMA(session_fields);

/* A body file (file_organo): the keys of the body that sittings share, read into the session
 * at the same places; none is required there, as the session may give it. */
static const struct field body_fields[] = {
        {"ente", F_STR, OFF(session, ente), 0, NULL, NULL},
        {"organo", F_STR, OFF(session, organo), 0, NULL, NULL},
        {"tipo_organo", F_ENUM, OFF(session, tipo_organo), 0, NULL, model_body_names},
        {"logo", F_STR, OFF(session, logo), 0, NULL, NULL},
        {"regole", F_CUSTOM, OFF(session, regole), 0, NULL, &(struct schema_custom){read_rules}},
        {"componenti", F_LIST, OFF(session, componenti), 0, NULL,
         &(struct schema_list){sizeof(struct member), OFF(session, ncomponenti), read_member,
                               LOAD_MAX_MEMBERS, true, NULL}},
};
static const struct schema body_schema = SCHEMA(body_fields);

/* regole in a session whose body file has regole (a static: the table outlives the call). */
static const struct schema_custom rules_over = {read_rules_over};

/* The keys a session need not give when its body file does. */
static const char *const body_required[] = {"ente", "organo", "componenti"};

/* --- entry points ------------------------------------------------------------------------- */

/* Put movimenti in the order they happen: by gap between votes, then as written. */
static void
sort_moves(struct session *s)
{
	struct move *sorted;
	size_t *idx, i, j, n = s->nmovimenti;

	if (n < 2)
		return;
	idx = xcalloc(n, sizeof(*idx));
	for (i = 0; i < n; i++) {
		long g = model_move_gap(&s->movimenti[i]);

		for (j = i; j > 0 && model_move_gap(&s->movimenti[idx[j - 1]]) > g; j--)
			idx[j] = idx[j - 1];
		idx[j] = i;
	}
	sorted = arena_array(s->arena, n, sizeof(*sorted));
	for (i = 0; i < n; i++)
		sorted[i] = s->movimenti[idx[i]];
	s->movimenti = sorted;
	free(idx);
}

/*
 * Read the body file that n (file_organo's value, a scalar) names, relative to the folder of
 * file and inside the root, into s. Returns the body's tree (in s's arena), or NULL after
 * reporting why it could not be read: then nothing more is loaded.
 */
static const struct ynode *
load_body(struct session *s, const struct ynode *n, const char *file, const struct load_opts *o,
          struct diags *d)
{
	char *dir = util_dirname(file), *path, *real = NULL, *data = NULL;
	const char *root = o != NULL && o->root != NULL ? o->root : dir;
	const struct ynode *body = NULL;
	struct schema_reader rd;
	size_t len = 0;
	bool ok;
	int err;

	path = util_join(strcmp(dir, ".") == 0 ? NULL : dir, n->s);
	if (o != NULL && o->seen != NULL && n->s[0] != '/')
		o->seen(o->ctx, path); /* an input of the minutes, even while it is missing */
	err = util_path_resolve(dir, n->s, root, &real);
	if (err == 0)
		err = util_read_file_via(o ? o->reader : NULL, real, LOAD_MAX_BYTES, &data, &len);
	if (err == EXDEV)
		diag_report(d, D_ROOT_OUTSIDE, &n->pos, n->s, root);
	else if (err == ENOENT)
		diag_report(d, D_ORGANO_MISSING, &n->pos, n->s, path);
	else if (err == -1)
		diag_report(d, D_FILE_TOO_BIG, &n->pos, len,
		            (size_t)LOAD_MAX_BYTES / (1024 * 1024));
	else if (err != 0)
		diag_report(d, D_READ, &n->pos, path, util_strerror(err));
	else {
		/* positions in the body file name it: the name lives as long as the session */
		const char *name = arena_strdup(s->arena, path);

		body = ytree_parse(data, len, name, s->arena, d, &ok);
		if (ok && (body == NULL || ytree_is_null(body))) {
			struct pos p = {name, 0, 0};

			diag_report(d, D_FILE_EMPTY, &p);
		}
		if (!ok || body == NULL || ytree_is_null(body))
			body = NULL;
		else {
			char *bdir = util_dirname(name);

			schema_init(&rd, data, len, s->arena, d);
			schema_read_map(&rd, body, &body_schema, s, NULL);
			schema_clear(&rd);
			s->organo_path = name;
			if (body->kind == YNODE_MAP && ytree_get(body, "logo") != NULL)
				s->logo_dir = arena_strdup(s->arena, bdir);
			free(bdir);
		}
	}
	if (o != NULL && o->root != NULL)
		s->root = arena_strdup(s->arena, o->root);
	free(data);
	free(real);
	free(path);
	free(dir);
	return body;
}

/* Keep in componenti the members in office on the sitting's date; the others go to
 * fuori_carica, where refs.c finds them to say why they cannot be named. */
static void
split_office(struct session *s)
{
	struct member *in, *out;
	size_t i, nin = 0, nout = 0;

	for (i = 0; i < s->ncomponenti; i++)
		nout += !model_member_in_office(&s->componenti[i], &s->seduta.data);
	if (nout == 0)
		return;
	in = arena_array(s->arena, s->ncomponenti - nout + 1, sizeof(*in));
	out = arena_array(s->arena, nout, sizeof(*out));
	nout = 0;
	for (i = 0; i < s->ncomponenti; i++) {
		if (model_member_in_office(&s->componenti[i], &s->seduta.data))
			in[nin++] = s->componenti[i];
		else
			out[nout++] = s->componenti[i];
	}
	s->componenti = in;
	s->ncomponenti = nin;
	s->fuori_carica = out;
	s->nfuori_carica = nout;
}

/* The session's table for a session that names a body file (body: its tree): what the body
 * gives is not required, and regole changes the body's rules. fields holds session_fields. */
static void
session_table_over(struct field *fields, const struct ynode *body)
{
	size_t i, k;

	memcpy(fields, session_fields, sizeof(session_fields));
	for (i = 0; i < sizeof(session_fields) / sizeof(session_fields[0]); i++) {
		for (k = 0; k < sizeof(body_required) / sizeof(body_required[0]); k++)
			if (strcmp(fields[i].key, body_required[k]) == 0)
				fields[i].flags &= ~(unsigned)REQ;
		if (strcmp(fields[i].key, "regole") == 0 && body != NULL &&
		    ytree_get(body, "regole") != NULL)
			fields[i].aux = &rules_over;
	}
}

struct session *
load_session(const char *text, size_t len, const char *file, struct diags *d)
{
	return load_session_with(text, len, file, NULL, d);
}

struct session *
load_session_with(const char *text, size_t len, const char *file, const struct load_opts *o,
                  struct diags *d)
{
	struct arena *a = arena_new();
	struct session *s;
	struct schema_reader rd;
	struct ynode *root;
	const struct ynode *fo = NULL, *body = NULL;
	struct field fields[sizeof(session_fields) / sizeof(session_fields[0])];
	struct schema over = SCHEMA(fields);
	unsigned seq = 0;
	bool ok;
	size_t i, j;

	root = ytree_parse(text, len, file, a, d, &ok);
	if (!ok) {
		arena_free(a);
		return NULL;
	}
	if (root == NULL || ytree_is_null(root)) {
		struct pos p = {file, 0, 0};

		diag_report(d, D_FILE_EMPTY, &p);
		arena_free(a);
		return NULL;
	}
	s = arena_alloc(a, sizeof(*s));
	s->arena = a;
	s->file = file;
	model_preset("tuel", &s->regole);
	s->seduta.presidente.member = -1;
	if (root->kind == YNODE_MAP && (fo = ytree_get(root, "file_organo")) != NULL) {
		if (fo->kind == YNODE_SCALAR && (body = load_body(s, fo, file, o, d)) == NULL) {
			arena_free(a);
			return NULL;
		}
		session_table_over(fields, body);
	}
	schema_init(&rd, text, len, a, d);
	schema_read_map(&rd, root, fo != NULL ? &over : &session_schema, s, NULL);
	for (i = 0; body != NULL && i < sizeof(body_required) / sizeof(body_required[0]); i++)
		if (ytree_get(body, body_required[i]) == NULL &&
		    ytree_get(root, body_required[i]) == NULL)
			diag_report(d, D_KEY_MISSING, &fo->pos, body_required[i],
			            " (né nella seduta né nel file dell'organo)");
	if (root->kind == YNODE_MAP && ytree_get(root, "logo") != NULL)
		s->logo_dir = NULL; /* the session's own logo, relative to the session */
	s->tipo_organo_set =
	        (root->kind == YNODE_MAP && ytree_get(root, "tipo_organo") != NULL) ||
	        (body != NULL && body->kind == YNODE_MAP && ytree_get(body, "tipo_organo") != NULL);
	if (!s->tipo_organo_set)
		s->tipo_organo = model_body_infer(s->organo.s);
	split_office(s);
	refs_check_acts(s, d);
	if (s->versione.set && s->versione.v != 1)
		diag_report(d, D_VERSION, &s->versione.pos, s->versione.v);
	for (i = 0; i < s->ndeliberazioni; i++)
		seq += (unsigned)s->deliberazioni[i].nvotazioni;
	if (seq > LOAD_MAX_VOTES) {
		/* every later check goes through every vote: stop here */
		diag_report(d, D_LIMIT, &root->pos, "votazioni (in tutta la seduta)", (size_t)seq,
		            (size_t)LOAD_MAX_VOTES);
		schema_clear(&rd);
		arena_free(a);
		return NULL;
	}
	seq = 0;
	for (i = 0; i < s->ndeliberazioni; i++)
		for (j = 0; j < s->deliberazioni[i].nvotazioni; j++)
			s->deliberazioni[i].votazioni[j].seq = ++seq;
	s->nvotes = seq;
	for (i = 0; i < s->nmovimenti; i++)
		if (s->movimenti[i].end) { /* dopo_l_ultima_votazione */
			s->movimenti[i].vote.v = (long)seq;
			s->movimenti[i].vote.set = true;
		}
	refs_resolve(s, rd.refs, rd.nrefs,
	             d); /* through pointers into the model: before moves are reordered */
	sort_moves(s);
	schema_clear(&rd);
	return s;
}

struct session *
load_file(const char *path, const struct util_reader *reader, struct diags *d)
{
	struct load_opts o = {NULL, reader, NULL, NULL};

	return load_file_with(path, &o, d);
}

struct session *
load_file_with(const char *path, const struct load_opts *o, struct diags *d)
{
	const struct util_reader *reader = o != NULL ? o->reader : NULL;
	struct pos p = {path, 0, 0};
	struct session *s;
	char *data;
	size_t len;
	int err;

	err = util_read_file_via(reader, path, LOAD_MAX_BYTES, &data, &len);
	if (err == -1) {
		diag_report(d, D_FILE_TOO_BIG, &p, len, (size_t)LOAD_MAX_BYTES / (1024 * 1024));
		return NULL;
	}
	if (err == ENOENT) {
		diag_report(d, D_FILE_MISSING, &p, path);
		return NULL;
	}
	if (err != 0) {
		diag_report(d, D_READ, &p, path, util_strerror(err));
		return NULL;
	}
	s = load_session_with(data, len, path, o, d);
	free(data);
	return s;
}

bool
load_peek(const char *path, char **organo)
{
	struct arena *a;
	struct diags quiet;
	const struct ynode *root, *fo;
	char *data = NULL;
	size_t len;
	bool ok, session = true;

	*organo = NULL;
	if (util_read_file(path, LOAD_MAX_BYTES, &data, &len) != 0)
		return true; /* its render says why */
	a = arena_new();
	diags_init(&quiet, NULL);
	root = ytree_parse(data, len, path, a, &quiet, &ok);
	if (ok && root != NULL && root->kind == YNODE_MAP) {
		session = ytree_get(root, "seduta") != NULL;
		if ((fo = ytree_get(root, "file_organo")) != NULL && fo->kind == YNODE_SCALAR) {
			char *dir = util_dirname(path);

			*organo = util_join(dir, fo->s);
			free(dir);
		}
	}
	diags_clear(&quiet);
	arena_free(a);
	free(data);
	return session;
}

struct session *
load_organo_file(const char *path, const struct date *day, struct diags *d)
{
	struct pos p = {path, 0, 0};
	struct arena *a;
	struct session *s;
	struct schema_reader rd;
	const struct ynode *root;
	char *data = NULL;
	size_t len = 0, errors = d->errors;
	bool ok;
	int err = util_read_file(path, LOAD_MAX_BYTES, &data, &len);

	if (err != 0) {
		if (err == ENOENT)
			diag_report(d, D_FILE_MISSING, &p, path);
		else if (err == -1)
			diag_report(d, D_FILE_TOO_BIG, &p, len,
			            (size_t)LOAD_MAX_BYTES / (1024 * 1024));
		else
			diag_report(d, D_READ, &p, path, util_strerror(err));
		return NULL;
	}
	a = arena_new();
	root = ytree_parse(data, len, path, a, d, &ok);
	if (ok && (root == NULL || ytree_is_null(root)))
		diag_report(d, D_FILE_EMPTY, &p);
	if (!ok || root == NULL || ytree_is_null(root)) {
		arena_free(a);
		free(data);
		return NULL;
	}
	s = arena_alloc(a, sizeof(*s));
	s->arena = a;
	s->file = path;
	model_preset("tuel", &s->regole);
	s->seduta.presidente.member = -1;
	schema_init(&rd, data, len, a, d);
	schema_read_map(&rd, root, &body_schema, s, NULL);
	schema_clear(&rd);
	free(data);
	s->seduta.data = *day;
	split_office(s);
	if (d->errors > errors) {
		session_free(s);
		return NULL;
	}
	return s;
}
