/*
 * model.h: a sitting as FORMAT.md describes it, after loading.
 *
 * load_file builds it; everything in it lives in the session's arena and is released by
 * session_free. Strings are NUL-terminated UTF-8; a struct str with s == NULL was not given.
 * Member references are resolved when loading ends: ref.member is an index into componenti,
 * or -1 when the reference could not be resolved (an error was reported).
 */
#ifndef VERBALE_MODEL_H
#define VERBALE_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "pos.h"

struct arena;

struct str {
	const char *s;
	struct pos pos; /* of the value; for a literal block scalar, of its first content line */
};

struct num {
	long v;
	struct pos pos;
	bool set;
};

/* The precision of a date: seduta.data of a transcribed record may give only the month or the
 * year; y, m and d then hold the first day of that period. */
enum date_precision { DATE_DAY, DATE_MONTH, DATE_YEAR };

struct date {
	int y, m, d;
	struct pos pos;
	bool set;
	unsigned char precision; /* enum date_precision; DATE_DAY unless seduta.data says less */
};

struct hm {
	int h, m;
	struct pos pos;
	bool set;
};

struct strlist {
	struct str *v;
	size_t n;
};

struct ref {
	struct str text;
	int member; /* index into session.componenti, -1 when unresolved */
};

struct reflist {
	struct ref *v;
	size_t n;
	struct pos pos;
};

enum gender { GENDER_MASCHILE, GENDER_FEMMINILE, GENDER_MAX }; /* how a title agrees */

/* A person's genere as given (femminile, maschile, or the short forms f, m). */
struct gender_value {
	enum gender g;
	bool set;
};

struct member {
	struct str cognome, nome, ruolo, id;
	struct gender_value genere;
	bool ruolo_esatto;   /* the ruolo printed as written, never made to agree */
	struct date dal, al; /* in office from, to (both inclusive); each optional */
	struct pos pos;
};

enum convocation { CONV_PRIMA, CONV_SECONDA, CONV_URGENTE, CONV_MAX };

/* The kind of body (tipo_organo): its members' titles and the formulas of its minutes. */
enum body_kind { BODY_CONSIGLIO, BODY_GIUNTA, BODY_COMMISSIONE, BODY_ASSEMBLEA, BODY_MAX };

struct secretary {
	struct str nome, cognome, qualifica;
	struct gender_value genere;
	bool ruolo_esatto; /* the qualifica printed as written, never made to agree */
};

/* A participant without a vote: a plain string in the file, or a map {nome, genere}. */
struct guest {
	struct str nome;
	struct gender_value genere;
};

/* How the sitting is held (seduta.modalita): in the room, by videoconference, or both. */
enum sitting_mode { SITTING_PRESENZA, SITTING_TELEMATICA, SITTING_MISTA, SITTING_MAX };

struct sitting {
	struct str adunanza;
	enum sitting_mode modalita;
	struct str modalita_fonte; /* the rule a telematica or mista sitting is held under */
	struct str legislatura;    /* e.g. X: printed in the heading */
	struct num numero;         /* the sitting's number in the year */
	struct date data, avviso;
	struct hm ora;
	struct str luogo;
	enum convocation convocazione;
	struct ref presidente;
	bool presidente_ignoto, segretario_ignoto; /* 'ignoto': a blank to fill in */
	struct pos presidente_ignoto_pos, segretario_ignoto_pos;
	struct str presidente_titolo;
	struct gender_value presidente_genere;
	struct secretary segretario;
	struct pos pos;
};

enum majority {
	MAJ_RELATIVA,
	MAJ_VOTANTI,
	MAJ_PRESENTI,
	MAJ_ASSEGNATI,
	MAJ_DUE_TERZI_ASSEGNATI,
	MAJ_DUE_TERZI_VOTANTI,
	MAJ_MAX
};

enum abstainers { AST_VOTANTI, AST_PRESENTI, AST_MAX };       /* astenuti count among ... */
enum nonvoters { NP_PRESENTI, NP_ASSENTI, NP_MAX };           /* non partecipanti count as ... */
enum tie_rule { TIE_RESPINTA, TIE_VOTO_PRESIDENTE, TIE_MAX }; /* parita */

enum quorum_kind {
	QUORUM_NUMBER,
	QUORUM_META_PIU_UNO,
	QUORUM_META,
	QUORUM_TERZO,
	QUORUM_TERZO_CONSIGLIERI,
	QUORUM_MAX
};

struct quorum {
	enum quorum_kind kind;
	long n; /* for QUORUM_NUMBER */
};

struct rules {
	const char *preset; /* the preset the rules start from */
	bool modified;      /* given as a map: the preset with changes */
	struct num assegnati;
	struct quorum numero_legale, numero_legale_seconda;
	bool seconda_set; /* numero_legale_seconda given; else it is numero_legale */
	enum abstainers astenuti;
	enum nonvoters non_partecipanti;
	enum majority maggioranza;
	enum tie_rule parita;
	struct str fonte;
	struct pos pos;
};

/* MOVE_PRESIDENZA: componente takes the chair ({presidenza: X, prima_della_votazione: N}). */
enum move_kind { MOVE_ENTRA, MOVE_ESCE, MOVE_PRESIDENZA };

struct move {
	struct ref componente;
	enum move_kind kind;
	bool after; /* dopo_la_votazione (else prima_della_votazione) */
	bool end;   /* dopo_l_ultima_votazione: vote is set to the last vote when loading ends */
	struct num vote; /* N, counting every vote of the sitting from 1 */
	struct pos pos;
};

/* VL_SOME: a count and the names known of it ({numero: 5, nomi: [Rossi]}). */
enum vlist_kind { VL_NONE, VL_NAMES, VL_COUNT, VL_TUTTI, VL_RESTANTI, VL_SOME };

/* favorevoli, contrari or astenuti of a vote */
struct vlist {
	enum vlist_kind kind;
	struct ref *v; /* VL_NAMES, VL_SOME */
	size_t n;
	long count; /* VL_COUNT, VL_SOME */
	struct pos pos;
};

enum vote_mode { MODE_PALESE, MODE_NOMINALE, MODE_SEGRETA, MODE_MAX };
enum vote_type {
	TYPE_ORDINARIA,
	TYPE_IMMEDIATA,
	TYPE_ELEZIONE,
	TYPE_EMENDAMENTO,    /* an amendment to the act, with its numero and testo */
	TYPE_SUBEMENDAMENTO, /* an amendment to an amendment */
	TYPE_MAX
};
enum president_vote { PV_NONE, PV_FAVOREVOLE, PV_CONTRARIO, PV_MAX };

enum outcome {
	OUT_APPROVATA,
	OUT_RESPINTA,
	OUT_NON_VALIDA,
	OUT_CONCLUSA,
	OUT_PARZIALE,
	OUT_NESSUN_ELETTO,
	OUT_MAX
};

/* How a remote voter voted (da_remoto's mezzo): not said, in the chat, by voice. */
enum remote_means { REMOTE_NONE, REMOTE_CHAT, REMOTE_VOCE, REMOTE_MAX };

/* One of a vote's da_remoto: a member ref, or a map {nome, mezzo}. */
struct remote {
	struct ref nome;
	enum remote_means mezzo;
};

struct ballots {
	struct num favorevoli, contrari, bianche, nulle, votanti;
	struct num dispersi; /* elections: votes for people who are not candidates */
	bool set;
	struct pos pos;
};

struct declared {
	struct num presenti, votanti, favorevoli, contrari, astenuti;
	int esito; /* enum outcome, or -1 when not given */
	struct pos esito_pos;
	bool set;
};

/* The open vote's figures a record states (dichiarato, rettifica.proclamato), in the order
 * minutes give them: their keys, and model_declared_nums gives the values of d in that order. */
enum { MODEL_DECLARED_N = 5 };
extern const char *const model_declared_keys[MODEL_DECLARED_N];
void model_declared_nums(const struct declared *d, const struct num *nums[MODEL_DECLARED_N]);

/* A correction after the proclamation: what was first proclaimed, and why it changed. */
struct correction {
	struct declared proclamato;
	struct str motivo;
	bool set;
	struct pos pos;
};

struct candidate {
	struct str nome;
	struct num voti;
	bool esterno; /* not a member of the body: its name is not checked against theirs */
	int member;   /* index into componenti when nome names a member, else -1 */
	struct pos pos;
};

/* One list of an election held with several lists on one ballot (liste): the ballot's
 * votanti are the vote's; bianche and nulle are the vote's unless the list gives its own. */
struct election_list {
	struct str nome;
	struct num posti, preferenze;
	struct candidate *candidati;
	size_t ncandidati;
	struct num bianche, nulle, dispersi;
	struct pos pos, candidati_pos;
	bool damaged;
};

struct vote {
	unsigned seq; /* 1-based number of the vote in the sitting */
	struct str oggetto;
	struct num *punti;
	size_t npunti;
	enum vote_type tipo;
	enum vote_mode modalita;
	struct str sistema;
	struct vlist favorevoli, contrari, astenuti;
	struct reflist non_partecipano;
	struct remote *da_remoto; /* who voted by videoconference */
	size_t nda_remoto;
	struct pos da_remoto_pos;          /* of the key, 0 when not given */
	struct num non_partecipano_numero; /* non_partecipano as a plain number */
	struct ballots schede;
	enum majority maggioranza;
	bool maggioranza_set;
	enum president_vote presidente_vota;
	struct pos presidente_vota_pos;
	struct declared dichiarato;
	struct correction rettifica;
	int esito; /* a vote known only by its outcome (trascrizione): enum outcome, or -1 */
	struct pos esito_pos;
	/* elections */
	struct str carica;
	struct num posti, preferenze;
	struct candidate *candidati;
	size_t ncandidati;
	struct election_list *liste; /* two or more lists on one ballot (effettivi, supplenti) */
	size_t nliste;
	struct num voti_minimi; /* least votes that elect, when the rules set one */
	bool proclamati;        /* the minutes record the proclamation of the elected (default) */
	struct reflist astensioni_dichiarate; /* secret votes: who declared to abstain */
	/* amendments (emendamento, subemendamento) */
	struct str numero, testo;
	struct pos pos;
	bool damaged; /* loading reported an error inside this vote */
	/* which keys were given, for checks that depend on the vote's kind */
	struct pos tipo_pos, modalita_pos, carica_pos, posti_pos, preferenze_pos, candidati_pos;
	struct pos numero_pos, testo_pos, liste_pos, voti_minimi_pos, proclamati_pos;
};

struct annex {
	struct str titolo, file;
};

/* A parere under art. 49 TUEL: its kind and what it found. */
enum parere_kind { PARERE_TECNICA, PARERE_CONTABILE, PARERE_KIND_MAX };
enum parere_outcome { PARERE_FAVOREVOLE, PARERE_CONTRARIO, PARERE_NON_DOVUTO, PARERE_OUTCOME_MAX };

struct parere {
	enum parere_kind tipo;
	struct pos tipo_pos; /* where tipo's value starts */
	enum parere_outcome esito;
	struct str responsabile, motivazione;
	struct date data;
	struct pos pos;
	bool damaged; /* loading reported an error inside this parere */
};

/* An entry of omissis: a text the published copy hides (each occurrence becomes "omissis"),
 * or an annex it leaves out ({allegato: FILE}). */
struct omission {
	struct str testo;    /* the text; s NULL for an annex */
	struct str allegato; /* the annex's file as allegati writes it; s NULL for a text */
	struct pos pos;
};

/* pubblicazione: the days on the Albo pretorio, from dal, giorni in all (15 when not given). */
struct publication {
	struct date dal;
	struct num giorni;
	bool set;
	struct pos pos;
};

/* What an act is (tipo): only a deliberazione needs a numero; an interpellanza is not voted. */
enum act_kind {
	ACT_DELIBERAZIONE,
	ACT_ORDINE_DEL_GIORNO,
	ACT_MOZIONE,
	ACT_INTERPELLANZA,
	ACT_KIND_MAX
};

struct act {
	enum act_kind tipo;
	struct pos tipo_pos; /* of the key tipo, when given */
	struct str numero, oggetto, testo, discussione;
	struct strlist dispositivo;
	struct vote *votazioni;
	size_t nvotazioni;
	struct annex *allegati;
	size_t nallegati;
	struct parere *pareri; /* art. 49 TUEL */
	size_t npareri;
	bool contabile;           /* the act has financial effects: it needs a parere contabile */
	struct omission *omissis; /* besides the session's, for this act's copies */
	size_t nomissis;
	struct publication pubblicazione; /* this act's own, replacing the session's */
	struct pos pos;
};

struct signature {
	struct str qualifica, nome, nota;
};

/* opzioni.dichiarato: a stated figure that disagrees is an error, or a warning (historical
 * transcriptions). */
enum declared_mode { DECL_ERRORE, DECL_AVVISO, DECL_MAX };

struct options {
	bool spiega_esiti;
	bool tabella_presenze; /* the attendance table: each member's state at each vote */
	enum declared_mode dichiarato;
	bool trascrizione; /* a transcribed record: partial dates, outcomes only, 'ignoto' */
};

struct session {
	struct arena *arena;
	const char *file; /* as given */
	struct num versione;
	struct str ente, organo, logo;
	struct str file_organo;     /* the body file named, as written */
	const char *organo_path;    /* the body file as read (session folder joined), NULL: none */
	const char *logo_dir;       /* the folder logo is relative to; NULL: the session's */
	const char *root;           /* the folder no file named may leave; NULL: the session's */
	enum body_kind tipo_organo; /* given, or inferred from organo (model_body_infer) */
	bool tipo_organo_set;
	struct sitting seduta;
	struct rules regole;
	struct member *componenti; /* in office on the sitting's date */
	size_t ncomponenti;
	struct member *fuori_carica; /* named with dal/al that leave out the sitting's date */
	size_t nfuori_carica;
	struct reflist assenti, giustificati;
	struct str senza_voto_intestazione;
	struct guest *senza_voto_elenco;
	size_t nsenza_voto;
	struct move *movimenti;
	size_t nmovimenti;
	struct act *deliberazioni;
	size_t ndeliberazioni;
	struct signature *firme;
	size_t nfirme;
	struct options opzioni;
	struct omission *omissis; /* what the published copies hide */
	size_t nomissis;
	struct publication pubblicazione;
	size_t nvotes; /* votes in the whole sitting */
};

/* Names of the enumerations' values as the session file writes them (also used in output). */
extern const char *const model_majority_names[MAJ_MAX + 1];
extern const char *const model_abstainers_names[AST_MAX + 1];
extern const char *const model_nonvoters_names[NP_MAX + 1];
extern const char *const model_tie_names[TIE_MAX + 1];
extern const char *const model_quorum_names[QUORUM_MAX + 1]; /* [QUORUM_NUMBER] is unused */
extern const char *const model_convocation_names[CONV_MAX + 1];
extern const char *const model_sitting_mode_names[SITTING_MAX + 1];
extern const char *const model_remote_names[REMOTE_MAX + 1]; /* [REMOTE_NONE] is unused */
extern const char *const model_gender_names[GENDER_MAX + 1];
/* genere's short forms, in the same order: m, f. */
extern const char *const model_gender_short_names[GENDER_MAX + 1];
extern const char *const model_body_names[BODY_MAX + 1];
extern const char *const model_mode_names[MODE_MAX + 1];
extern const char *const model_type_names[TYPE_MAX + 1];
extern const char *const model_president_vote_names[PV_MAX + 1];
extern const char *const model_act_kind_names[ACT_KIND_MAX + 1];
extern const char *const model_outcome_names[OUT_MAX + 1];
extern const char *const model_declared_mode_names[DECL_MAX + 1];
/* A parere's tipo and esito as the session file writes them. */
extern const char *const model_parere_kind_names[PARERE_KIND_MAX + 1];
extern const char *const model_parere_outcome_names[PARERE_OUTCOME_MAX + 1];

/* The presets (a table in model.c, each row with its legal source): fills r from the preset
 * called name; false, and r zeroed, when there is no such preset. */
bool model_preset(const char *name, struct rules *r);
extern const char *const model_preset_names[];
/* The values of stile.yaml's virgolette, in the order of enum markdown_quotes (markdown.h):
 * alte, basse, dritte. */
extern const char *const model_quotes_names[];

/*
 * The gap between votes a move (entrata, uscita) happens in: 0 before vote 1, N after vote N
 * (prima_della_votazione: N - 1; dopo_la_votazione: N); LONG_MAX when its vote is not set (an
 * error was reported). The loader sorts movimenti by it; a move counts for vote seq when its gap
 * is below seq; the minutes tell it just before vote gap + 1.
 */
long model_move_gap(const struct move *m);

/* The member presiding at vote seq (1-based; 0: at the roll call): the sitting's president,
 * or the last to take the chair (a MOVE_PRESIDENZA of movimenti) before that vote; -1 when
 * unresolved. */
int model_president_at(const struct session *s, unsigned seq);

/* The kind of body a name says, when tipo_organo is not given: Giunta... giunta,
 * Commissione... commissione, Assemblea... assemblea (the first word, case aside), any other
 * consiglio. */
enum body_kind model_body_infer(const char *organo);

/* Whether member i is a woman: its genere when given, else a feminine ruolo (Consigliera,
 * Assessora, Sindaca...). */
bool model_member_feminine(const struct session *s, size_t i);
/* Whether m is in office on day (dal <= day <= al, each bound only when given; every member
 * when day is not set). */
bool model_member_in_office(const struct member *m, const struct date *day);
/* a before b (-1), the same day (0) or after (1); both set. */
int model_date_cmp(const struct date *a, const struct date *b);
/* Whether the president is a woman: the member's own genere (or feminine ruolo) wins over
 * seduta.presidente_genere. */
bool model_president_feminine(const struct session *s);

/* The vote numbered seq (1-based) in the sitting, or NULL. */
const struct vote *model_vote(const struct session *s, unsigned seq);

/* Release the session and everything in it. NULL is fine. */
void session_free(struct session *s);

#endif
