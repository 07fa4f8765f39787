/*
 * rules.h: how a vote comes out. Pure functions over a const session: they read the model,
 * write only into what the caller passes, allocate nothing and report nothing (validate.c
 * reports). They are total: an unresolved reference or an inconsistent list is skipped, never
 * a crash, so figures can be shown even for a file with errors.
 */
#ifndef VERBALE_RULES_H
#define VERBALE_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* What one member did at one vote. */
enum cast {
	CAST_ABSENT,     /* not in the room */
	CAST_NONE,       /* in the room, in no list (a secret ballot, or counts only) */
	CAST_FAVOREVOLE, /* named among favorevoli (or by tutti/restanti) */
	CAST_CONTRARIO,
	CAST_ASTENUTO,
	CAST_NON_PARTECIPA,
	CAST_MAX
};

/* The figures and outcome of one vote. */
struct tally {
	long in_aula;  /* members in the room */
	long presenti; /* in_aula, less non_partecipanti when they count as absent */
	long votanti;  /* see FORMAT.md: depends on regole.astenuti and on secret ballots */
	long favorevoli, contrari, astenuti, non_partecipanti;
	long bianche, nulle;       /* secret ballots and elections */
	long valide;               /* elections: votanti - bianche - nulle */
	long assegnati;            /* regole.assegnati, or the number of componenti */
	enum majority maggioranza; /* in force for this vote */
	long soglia;               /* least favorevoli that approve (least votes that elect) */
	long numero_legale;        /* least presenti for a valid vote */
	bool quorum;               /* presenti >= numero_legale */
	bool tie;                  /* favorevoli == contrari > 0 */
	bool casting;              /* the tie was decided by the president's vote */
	enum outcome esito;
	size_t eletti;      /* elections: seats filled */
	bool tie_last_seat; /* elections: a tie for the last seat left it empty */
};

/* Election results: for each candidate (in the order of the file) its rank and state. */
enum candidate_state { CAND_NOT_ELECTED, CAND_ELECTED, CAND_TIED };

/* The majority in force for vote v (the vote's own, else by type, else the rules'). */
enum majority rules_majority(const struct session *s, const struct vote *v);
/* Members with a vote by law: regole.assegnati or the number of componenti. */
long rules_assigned(const struct session *s);
/* The least number present for a valid vote at this sitting's convocation. */
long rules_quorum(const struct session *s);
/* The least favorevoli that reach majority m with the given figures. */
long rules_threshold(enum majority m, long presenti, long votanti, long assegnati, long contrari);

/* Whether v is known only by its outcome (a transcription's vote-level esito, no figures). */
bool rules_outcome_only(const struct vote *v);

/* present[i] = whether member i is in the room at vote seq (roll call, then movimenti). */
void rules_presence(const struct session *s, unsigned seq, bool *present);
/* cast[i] for each member at vote v, from present (as rules_presence gives it). */
void rules_casts(const struct session *s, const struct vote *v, const bool *present,
                 enum cast *cast);
/* The figures and outcome of vote v from the casts rules_casts gives. */
void rules_tally(const struct session *s, const struct vote *v, const enum cast *cast,
                 struct tally *t);
/*
 * Elections: order[] receives the candidates' indices by votes, most first (file order among
 * equals), and state[] each candidate's state. Both have v->ncandidati entries. Fills the
 * election fields of t (eletti, tie_last_seat, esito), which rules_tally computed first.
 */
void rules_election(const struct vote *v, struct tally *t, size_t *order,
                    enum candidate_state *state);

/* One list of an election held with liste: its ballots and who it elects. */
struct list_tally {
	long bianche, nulle; /* the list's own, else the vote's */
	long valide;         /* votanti - bianche - nulle */
	size_t eletti;
	bool tie_last_seat;
};
/* For list number list of v (list < v->nliste): order[] and state[] as rules_election gives
 * them, over the list's candidates (v->liste[list].ncandidati entries), and its figures in lt.
 * t is the vote's tally, from rules_tally. */
void rules_election_list(const struct vote *v, size_t list, const struct tally *t, size_t *order,
                         enum candidate_state *state, struct list_tally *lt);

/* The vote whose outcome is act a's: its last vote of kind ordinaria (never an amendment's or
 * the immediata eseguibilita's); an act without one, its last election; else NULL. */
const struct vote *rules_act_vote(const struct act *a);

#endif
