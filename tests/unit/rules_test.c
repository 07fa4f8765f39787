/*
 * rules_test.c: the rules, table-driven. Each case is a small session (members C1..Cn, the
 * president C1) with up to three votes and the figures each must give. In the YAML of a
 * case, @a-b stands for the members Ca, ..., Cb.
 */
#include <limits.h>
#include <stdlib.h>

#include "harness.h"
#include "load.h"
#include "rules.h"
#include "util.h"
#include "validate.h"

struct want {
	long p, v, f, c, a, np, soglia;
	int quorum;
	enum outcome esito;
	const char *eletti; /* elections: the elected, comma-separated */
};

struct rcase {
	const char *name;
	int n;              /* members */
	const char *seduta; /* more keys of seduta */
	const char *regole;
	const char *extra; /* more top-level keys */
	const char *votes; /* the votazioni, as flow maps */
	int k;             /* votes */
	struct want w[3];
};

#define A      OUT_APPROVATA
#define R      OUT_RESPINTA
#define NV     OUT_NON_VALIDA
#define TUEL   "tuel"
#define TORINO "torino_metropolitana"

static const struct rcase cases[] = {
        {"votanti: approvata",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, favorevoli: [@1-11], contrari: [@12-16], astenuti: [@17-20]}",
         1,
         {{20, 16, 11, 5, 4, 0, 9, 1, A, NULL}}},
        {"tuel: astenuti fuori dai votanti",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, favorevoli: [@1-6], contrari: [@7-11], astenuti: [@12-20]}",
         1,
         {{20, 11, 6, 5, 9, 0, 6, 1, A, NULL}}},
        {"torino: astenuti tra i votanti",
         20,
         "",
         TORINO,
         "",
         "{oggetto: x, favorevoli: [@1-6], contrari: [@7-11], astenuti: [@12-20]}",
         1,
         {{20, 20, 6, 5, 9, 0, 11, 1, R, NULL}}},
        {"maggioranza relativa",
         20,
         "",
         "{base: tuel, maggioranza: relativa}",
         "",
         "{oggetto: x, favorevoli: [@1-6], contrari: [@7-11], astenuti: [@12-20]}",
         1,
         {{20, 11, 6, 5, 9, 0, 6, 1, A, NULL}}},
        {"relativa: parità respinta",
         20,
         "",
         "{base: tuel, maggioranza: relativa}",
         "",
         "{oggetto: x, favorevoli: [@1-5], contrari: [@6-10], astenuti: [@11-20]}",
         1,
         {{20, 10, 5, 5, 10, 0, 6, 1, R, NULL}}},
        {"maggioranza dei presenti",
         20,
         "",
         "{base: tuel, maggioranza: presenti}",
         "",
         "{oggetto: x, favorevoli: [@1-10], contrari: [@11-12], astenuti: [@13-20]}",
         1,
         {{20, 12, 10, 2, 8, 0, 11, 1, R, NULL}}},
        {"assegnati oltre i componenti",
         20,
         "",
         "{base: tuel, maggioranza: assegnati, assegnati: 25}",
         "",
         "{oggetto: x, favorevoli: [@1-13], contrari: [@14-20]}",
         1,
         {{20, 20, 13, 7, 0, 0, 13, 1, A, NULL}}},
        {"due terzi degli assegnati a 19: 13",
         19,
         "",
         "{base: tuel, maggioranza: due_terzi_assegnati}",
         "",
         "{oggetto: x, favorevoli: [@1-13], contrari: [@14-19]},"
         "{oggetto: y, favorevoli: [@1-12], contrari: [@13-19]}",
         2,
         {{19, 19, 13, 6, 0, 0, 13, 1, A, NULL}, {19, 19, 12, 7, 0, 0, 13, 1, R, NULL}}},
        {"due terzi degli assegnati a 20: 14",
         20,
         "",
         "{base: tuel, maggioranza: due_terzi_assegnati}",
         "",
         "{oggetto: x, favorevoli: [@1-14], contrari: [@15-20]},"
         "{oggetto: y, favorevoli: [@1-13], contrari: [@14-20]}",
         2,
         {{20, 20, 14, 6, 0, 0, 14, 1, A, NULL}, {20, 20, 13, 7, 0, 0, 14, 1, R, NULL}}},
        {"due terzi degli assegnati a 21: 14",
         21,
         "",
         "{base: tuel, maggioranza: due_terzi_assegnati}",
         "",
         "{oggetto: x, favorevoli: [@1-14], contrari: [@15-21]},"
         "{oggetto: y, favorevoli: [@1-13], contrari: [@14-21]}",
         2,
         {{21, 21, 14, 7, 0, 0, 14, 1, A, NULL}, {21, 21, 13, 8, 0, 0, 14, 1, R, NULL}}},
        {"due terzi degli assegnati a 30: 20",
         30,
         "",
         "{base: tuel, maggioranza: due_terzi_assegnati}",
         "",
         "{oggetto: x, favorevoli: [@1-20], astenuti: [@21-30]},"
         "{oggetto: y, favorevoli: [@1-19], contrari: [@20-30]}",
         2,
         {{30, 20, 20, 0, 10, 0, 20, 1, A, NULL}, {30, 30, 19, 11, 0, 0, 20, 1, R, NULL}}},
        {"due terzi dei votanti",
         20,
         "",
         "{base: tuel, maggioranza: due_terzi_votanti}",
         "",
         "{oggetto: x, favorevoli: [@1-7], contrari: [@8-10], astenuti: [@11-20]},"
         "{oggetto: y, favorevoli: [@1-6], contrari: [@7-10], astenuti: [@11-20]}",
         2,
         {{20, 10, 7, 3, 10, 0, 7, 1, A, NULL}, {20, 10, 6, 4, 10, 0, 7, 1, R, NULL}}},
        {"immediata eseguibilità: maggioranza dei componenti",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: immediata_eseguibilita, favorevoli: [@1-10], astenuti: [@11-20]},"
         "{oggetto: y, tipo: immediata_eseguibilita, favorevoli: [@1-11], astenuti: [@12-20]}",
         2,
         {{20, 10, 10, 0, 10, 0, 11, 1, R, NULL}, {20, 11, 11, 0, 9, 0, 11, 1, A, NULL}}},
        {"immediata eseguibilità con maggioranza propria",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: immediata_eseguibilita, maggioranza: votanti, favorevoli: [@1-10],"
         " astenuti: [@11-20]}",
         1,
         {{20, 10, 10, 0, 10, 0, 6, 1, A, NULL}}},
        {"numero legale mancato",
         20,
         "",
         TUEL,
         "assenti: [@11-20]\n",
         "{oggetto: x, favorevoli: [@1-10]}",
         1,
         {{10, 10, 10, 0, 0, 0, 6, 0, NV, NULL}}},
        {"numero legale: metà",
         20,
         "",
         "{base: tuel, numero_legale: meta}",
         "assenti: [@11-20]\n",
         "{oggetto: x, favorevoli: [@1-10]}",
         1,
         {{10, 10, 10, 0, 0, 0, 6, 1, A, NULL}}},
        {"numero legale: un terzo",
         20,
         "",
         "{base: tuel, numero_legale: terzo}",
         "assenti: [@8-20]\n",
         "{oggetto: x, favorevoli: [@1-7]}",
         1,
         {{7, 7, 7, 0, 0, 0, 4, 1, A, NULL}}},
        {"numero legale: un terzo dei consiglieri",
         17,
         "",
         "{base: tuel, numero_legale: terzo_consiglieri}",
         "assenti: [@7-17]\n",
         "{oggetto: x, favorevoli: [@1-6]}",
         1,
         {{6, 6, 6, 0, 0, 0, 4, 1, A, NULL}}},
        {"numero legale fisso",
         20,
         "",
         "{base: tuel, numero_legale: 5}",
         "assenti: [@6-20]\n",
         "{oggetto: x, favorevoli: [@1-5]}",
         1,
         {{5, 5, 5, 0, 0, 0, 3, 1, A, NULL}}},
        {"seconda convocazione",
         21,
         ", convocazione: seconda",
         "{base: tuel, numero_legale_seconda: terzo}",
         "assenti: [@8-21]\n",
         "{oggetto: x, favorevoli: [@1-7]}",
         1,
         {{7, 7, 7, 0, 0, 0, 4, 1, A, NULL}}},
        {"prima convocazione",
         21,
         ", convocazione: prima",
         "{base: tuel, numero_legale_seconda: terzo}",
         "assenti: [@8-21]\n",
         "{oggetto: x, favorevoli: [@1-7]}",
         1,
         {{7, 7, 7, 0, 0, 0, 4, 0, NV, NULL}}},
        {"urgente vale come prima",
         21,
         ", convocazione: urgente",
         "{base: tuel, numero_legale_seconda: terzo}",
         "assenti: [@8-21]\n",
         "{oggetto: x, favorevoli: [@1-7]}",
         1,
         {{7, 7, 7, 0, 0, 0, 4, 0, NV, NULL}}},
        {"parità: il presidente vota a favore",
         20,
         "",
         "{base: tuel, parita: voto_presidente}",
         "",
         "{oggetto: x, favorevoli: [@1-8], contrari: [@9-16], astenuti: [@17-20]}",
         1,
         {{20, 16, 8, 8, 4, 0, 9, 1, A, NULL}}},
        {"parità: il presidente vota contro",
         20,
         "",
         "{base: tuel, parita: voto_presidente}",
         "",
         "{oggetto: x, favorevoli: [@2-9], contrari: [C1, @10-16], astenuti: [@17-20]}",
         1,
         {{20, 16, 8, 8, 4, 0, 9, 1, R, NULL}}},
        {"parità: decide chi ha assunto la presidenza (il presidente è uscito)",
         20,
         "",
         "{base: tuel, parita: voto_presidente}",
         "movimenti: [{componente: C1, esce: {prima_della_votazione: 1}},\n"
         "  {presidenza: C2, prima_della_votazione: 1}]\n",
         "{oggetto: x, favorevoli: [@3-10], contrari: [C2, @11-17], astenuti: [@18-20]}",
         1,
         {{19, 16, 8, 8, 3, 0, 9, 1, R, NULL}}},
        {"parità: il presidente della seduta, poi chi assume la presidenza",
         20,
         "",
         "{base: tuel, parita: voto_presidente}",
         "movimenti: [{presidenza: C2, dopo_la_votazione: 1}]\n",
         "{oggetto: x, favorevoli: [@1-8], contrari: [@9-16], astenuti: [@17-20]}, "
         "{oggetto: y, favorevoli: [C1, @3-9], contrari: [C2, @10-16], astenuti: [@17-20]}",
         2,
         {{20, 16, 8, 8, 4, 0, 9, 1, A, NULL}, {20, 16, 8, 8, 4, 0, 9, 1, R, NULL}}},
        {"chi entra dopo l'ultima votazione non vi è contato",
         20,
         "",
         TUEL,
         "assenti: [C20]\nmovimenti: [{componente: C20, entra: {dopo_l_ultima_votazione: "
         "true}}]\n",
         "{oggetto: x, favorevoli: tutti}",
         1,
         {{19, 19, 19, 0, 0, 0, 10, 1, A, NULL}}},
        {"parità con soli numeri e presidente_vota",
         20,
         "",
         "{base: tuel, parita: voto_presidente}",
         "",
         "{oggetto: x, favorevoli: 8, contrari: 8, astenuti: 4, presidente_vota: favorevole}",
         1,
         {{20, 16, 8, 8, 4, 0, 9, 1, A, NULL}}},
        {"parità respinta",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, favorevoli: 8, contrari: 8, astenuti: 4}",
         1,
         {{20, 16, 8, 8, 4, 0, 9, 1, R, NULL}}},
        {"nessun favorevole",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, contrari: [@1-10], astenuti: [@11-20]}",
         1,
         {{20, 10, 0, 10, 10, 0, 6, 1, R, NULL}}},
        {"tutti astenuti (tuel)",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, astenuti: tutti}",
         1,
         {{20, 0, 0, 0, 20, 0, 1, 1, R, NULL}}},
        {"tutti astenuti (torino)",
         20,
         "",
         TORINO,
         "",
         "{oggetto: x, astenuti: tutti}",
         1,
         {{20, 20, 0, 0, 20, 0, 11, 1, R, NULL}}},
        {"non partecipano contati presenti",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, non_partecipano: [C19, C20], favorevoli: [@1-10], contrari: [@11-18]}",
         1,
         {{20, 18, 10, 8, 0, 2, 10, 1, A, NULL}}},
        {"non partecipano contati assenti",
         20,
         "",
         TORINO,
         "",
         "{oggetto: x, non_partecipano: [C19, C20], favorevoli: [@1-10], contrari: [@11-18]}",
         1,
         {{18, 18, 10, 8, 0, 2, 10, 1, A, NULL}}},
        {"non partecipano e numero legale",
         20,
         "",
         TORINO,
         "assenti: [@12-20]\n",
         "{oggetto: x, non_partecipano: [C11], favorevoli: [@1-10]}",
         1,
         {{10, 10, 10, 0, 0, 1, 6, 0, NV, NULL}}},
        {"tutti favorevoli",
         20,
         "",
         TUEL,
         "assenti: [C20]\n",
         "{oggetto: x, favorevoli: tutti}",
         1,
         {{19, 19, 19, 0, 0, 0, 10, 1, A, NULL}}},
        {"restanti con nomi",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, contrari: [C1, C2], astenuti: [C3], favorevoli: restanti}",
         1,
         {{20, 19, 17, 2, 1, 0, 10, 1, A, NULL}}},
        {"restanti con numeri",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, contrari: 3, astenuti: 2, favorevoli: restanti}",
         1,
         {{20, 18, 15, 3, 2, 0, 10, 1, A, NULL}}},
        {"uscito prima della votazione 2 e rientrato dopo",
         20,
         "",
         TUEL,
         "movimenti:\n"
         "  - {componente: C20, entra: {dopo_la_votazione: 2}}\n"
         "  - {componente: C20, esce: {prima_della_votazione: 2}}\n",
         "{oggetto: x, favorevoli: [@1-20]}, {oggetto: y, favorevoli: [@1-19]},"
         "{oggetto: z, favorevoli: tutti}",
         3,
         {{20, 20, 20, 0, 0, 0, 11, 1, A, NULL},
          {19, 19, 19, 0, 0, 0, 10, 1, A, NULL},
          {20, 20, 20, 0, 0, 0, 11, 1, A, NULL}}},
        {"entra dopo l'appello",
         20,
         "",
         TUEL,
         "assenti: [C20]\nmovimenti: [{componente: C20, entra: {prima_della_votazione: 2}}]\n",
         "{oggetto: x, favorevoli: [@1-19]}, {oggetto: y, favorevoli: [@1-20]}",
         2,
         {{19, 19, 19, 0, 0, 0, 10, 1, A, NULL}, {20, 20, 20, 0, 0, 0, 11, 1, A, NULL}}},
        {"segreta (tuel)",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, modalita: segreta, schede: {favorevoli: 10, contrari: 5, bianche: 2,"
         " nulle: 1}}",
         1,
         {{20, 18, 10, 5, 2, 0, 10, 1, A, NULL}}},
        {"segreta (torino)",
         20,
         "",
         TORINO,
         "",
         "{oggetto: x, modalita: segreta, schede: {favorevoli: 10, contrari: 5, bianche: 2,"
         " nulle: 1}}",
         1,
         {{20, 18, 10, 5, 2, 0, 10, 1, A, NULL}}},
        {"segreta: bianche e nulle tra i votanti",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, modalita: segreta, schede: {favorevoli: 9, contrari: 5, bianche: 3,"
         " nulle: 1}}",
         1,
         {{20, 18, 9, 5, 2, 0, 10, 1, R, NULL}}},
        {"appello nominale",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, modalita: nominale, favorevoli: [@1-11], contrari: [@12-20]}",
         1,
         {{20, 20, 11, 9, 0, 0, 11, 1, A, NULL}}},
        {"giustificati assenti",
         20,
         "",
         TUEL,
         "giustificati: [@15-20]\n",
         "{oggetto: x, favorevoli: [@1-14]}",
         1,
         {{14, 14, 14, 0, 0, 0, 8, 1, A, NULL}}},
        {"conteggi numerici",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, favorevoli: 12, contrari: 3, astenuti: 5}",
         1,
         {{20, 15, 12, 3, 5, 0, 8, 1, A, NULL}}},
        {"assegnati e numero legale",
         20,
         "",
         "{base: tuel, assegnati: 24}",
         "assenti: [@13-20]\n",
         "{oggetto: x, favorevoli: [@1-12]}",
         1,
         {{12, 12, 12, 0, 0, 0, 7, 0, NV, NULL}}},
        {"elezione di un posto",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: elezione, modalita: segreta, carica: Presidente del Consiglio,"
         " schede: {votanti: 20, bianche: 1, nulle: 1},"
         " candidati: [{nome: C3, voti: 8}, {nome: C2, voti: 10}]}",
         1,
         {{20, 20, 0, 0, 0, 0, 1, 1, OUT_CONCLUSA, "C2"}}},
        {"elezione di tre posti con voto limitato",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: elezione, carica: Commissione, posti: 3, preferenze: 2,"
         " schede: {votanti: 20, bianche: 0, nulle: 0}, candidati: [{nome: C2, voti: 12},"
         " {nome: C3, voti: 10}, {nome: Maria Verdi, voti: 9}, {nome: C5, voti: 5}]}",
         1,
         {{20, 20, 0, 0, 0, 0, 1, 1, OUT_CONCLUSA, "C2,C3,Maria Verdi"}}},
        {"elezione: parità per l'ultimo posto",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: elezione, carica: Commissione, posti: 3, preferenze: 2,"
         " schede: {votanti: 20, bianche: 0, nulle: 0}, candidati: [{nome: C2, voti: 12},"
         " {nome: C3, voti: 10}, {nome: C4, voti: 7}, {nome: C5, voti: 7}]}",
         1,
         {{20, 20, 0, 0, 0, 0, 1, 1, OUT_PARZIALE, "C2,C3"}}},
        {"elezione a maggioranza dei votanti",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: elezione, carica: Presidente, maggioranza: votanti,"
         " schede: {votanti: 20, bianche: 2, nulle: 0}, candidati: [{nome: C2, voti: 10},"
         " {nome: C3, voti: 8}]}",
         1,
         {{20, 20, 0, 0, 0, 0, 11, 1, OUT_NESSUN_ELETTO, ""}}},
        {"elezione senza numero legale",
         20,
         "",
         TUEL,
         "assenti: [@11-20]\n",
         "{oggetto: x, tipo: elezione, carica: Presidente, schede: {votanti: 10, bianche: 0,"
         " nulle: 0}, candidati: [{nome: C2, voti: 6}, {nome: C3, voti: 4}]}",
         1,
         {{10, 10, 0, 0, 0, 0, 1, 0, NV, "C2"}}},
        {"elezione con voti minimi: chi non li raggiunge non è eletto",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: elezione, carica: Commissione, posti: 3, voti_minimi: 3,"
         " schede: {votanti: 10, bianche: 1, nulle: 0}, candidati: [{nome: C2, voti: 5},"
         " {nome: C3, voti: 2}, {nome: C4, voti: 2}]}",
         1,
         {{20, 10, 0, 0, 10, 0, 3, 1, OUT_PARZIALE, "C2"}}},
        {"emendamento: una votazione come le altre",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, tipo: emendamento, numero: 1, favorevoli: [@1-5], contrari: restanti}",
         1,
         {{20, 20, 5, 15, 0, 0, 11, 1, R, NULL}}},
        {"astensioni dichiarate in uno scrutinio segreto: presenti che non votano",
         20,
         "",
         TUEL,
         "",
         "{oggetto: x, modalita: segreta, astensioni_dichiarate: [C3, C4],"
         " schede: {favorevoli: 12, contrari: 4, bianche: 1, nulle: 1}}",
         1,
         {{20, 18, 12, 4, 2, 0, 10, 1, A, NULL}}},
};

/* Expand @a-b into "Ca, ..., Cb". */
static void
expand(struct buf *b, const char *s)
{
	while (*s) {
		if (*s == '@') {
			char *end;
			long from = strtol(s + 1, &end, 10), to = strtol(end + 1, &end, 10), i;

			for (i = from; i <= to; i++)
				buf_printf(b, "%sC%ld", i > from ? ", " : "", i);
			s = end;
		} else
			buf_putc(b, *s++);
	}
}

static char *
case_yaml(const struct rcase *c)
{
	struct buf b = {0};
	int i;

	buf_printf(&b,
	           "ente: Comune di Prova\norgano: Consiglio comunale\n"
	           "seduta: {data: 2024-03-05, presidente: C1, segretario: {nome: Anna, "
	           "cognome: Neri}%s}\ncomponenti:\n",
	           c->seduta);
	for (i = 1; i <= c->n; i++)
		buf_printf(&b, "  - {cognome: C%d, nome: N}\n", i);
	buf_printf(&b, "regole: %s\n", c->regole);
	expand(&b, c->extra);
	buf_puts(&b, "deliberazioni:\n  - numero: '1'\n    oggetto: prova\n"
	             "    dispositivo: [a, b, c]\n    votazioni: [");
	expand(&b, c->votes);
	buf_puts(&b, "]\nfirme: [{qualifica: Il Presidente, nome: N C1}]\n");
	return buf_detach(&b);
}

static void
elected(const struct vote *v, struct tally *t, struct buf *out)
{
	size_t *order = xcalloc(v->ncandidati + 1, sizeof(*order)), i;
	enum candidate_state *state = xcalloc(v->ncandidati + 1, sizeof(*state));

	rules_election(v, t, order, state);
	buf_add(out, "", 0);
	for (i = 0; i < v->ncandidati; i++)
		if (state[order[i]] == CAND_ELECTED)
			buf_printf(out, "%s%s", out->len ? "," : "", v->candidati[order[i]].nome.s);
	free(order);
	free(state);
}

static void
run_case(const struct rcase *c)
{
	char *yaml = case_yaml(c);
	struct diags d;
	struct session *s;
	bool *present;
	enum cast *cast;
	int k;

	harness.test = c->name;
	diags_init(&d, NULL);
	s = load_session(yaml, strlen(yaml), c->name, &d);
	if (s != NULL)
		validate_session(s, &d);
	if (d.errors)
		d.out = stdout; /* show what is wrong with the case */
	diags_flush(&d);
	INT_EQ(d.errors, 0, "errors in the case's session");
	if (s == NULL || (int)s->nvotes != c->k) {
		OK(false, "the case has the votes it says");
		goto out;
	}
	present = xcalloc(s->ncomponenti, sizeof(*present));
	cast = xcalloc(s->ncomponenti, sizeof(*cast));
	for (k = 0; k < c->k; k++) {
		const struct vote *v = model_vote(s, (unsigned)k + 1);
		const struct want *w = &c->w[k];
		struct tally t;

		rules_presence(s, v->seq, present);
		rules_casts(s, v, present, cast);
		rules_tally(s, v, cast, &t);
		INT_EQ(t.presenti, w->p, "presenti");
		INT_EQ(t.votanti, w->v, "votanti");
		INT_EQ(t.favorevoli, w->f, "favorevoli");
		INT_EQ(t.contrari, w->c, "contrari");
		INT_EQ(t.astenuti, w->a, "astenuti");
		INT_EQ(t.non_partecipanti, w->np, "non partecipanti");
		INT_EQ(t.soglia, w->soglia, "soglia");
		INT_EQ(t.quorum, w->quorum, "numero legale");
		STR_EQ(model_outcome_names[t.esito], model_outcome_names[w->esito], "esito");
		if (w->eletti != NULL) {
			struct buf e = {0};

			elected(v, &t, &e);
			STR_EQ(e.data, w->eletti, "eletti");
			buf_free(&e);
		}
	}
	free(present);
	free(cast);
out:
	session_free(s);
	diags_clear(&d);
	free(yaml);
}

/* The reference minutes: 19/19/12/-/7, 19/19/12/1/6, 18/18/11/-/7 (Conticelli out). */
static void
torino_sample(void)
{
	static const long want[3][6] = {
	        {19, 19, 12, 0, 7, 0}, {19, 19, 12, 1, 6, 0}, {18, 18, 11, 0, 7, 1}};
	struct diags d;
	struct session *s;
	bool present[64];
	enum cast cast[64];
	unsigned k;

	harness.test = "torino sample";
	diags_init(&d, stdout);
	s = load_file("samples/torino-2022-02-23.yaml", NULL, &d);
	if (s != NULL)
		validate_session(s, &d);
	diags_flush(&d);
	INT_EQ(d.n, 0, "reports on the sample");
	if (s == NULL || s->nvotes != 3 || s->ncomponenti > 64) {
		OK(false, "the sample loads with three votes");
		goto out;
	}
	for (k = 0; k < 3; k++) {
		const struct vote *v = model_vote(s, k + 1);
		struct tally t;

		rules_presence(s, k + 1, present);
		rules_casts(s, v, present, cast);
		rules_tally(s, v, cast, &t);
		INT_EQ(t.presenti, want[k][0], "presenti");
		INT_EQ(t.votanti, want[k][1], "votanti");
		INT_EQ(t.favorevoli, want[k][2], "favorevoli");
		INT_EQ(t.contrari, want[k][3], "contrari");
		INT_EQ(t.astenuti, want[k][4], "astenuti");
		INT_EQ(t.non_partecipanti, want[k][5], "non partecipanti");
		INT_EQ(t.soglia, 10, "soglia");
		INT_EQ(t.esito, OUT_APPROVATA, "esito");
	}
out:
	session_free(s);
	diags_clear(&d);
}

static void
thresholds(void)
{
	harness.test = "thresholds";
	INT_EQ(rules_threshold(MAJ_VOTANTI, 0, 15, 0, 0), 8, "metà più uno of 15 is 8");
	INT_EQ(rules_threshold(MAJ_VOTANTI, 0, 16, 0, 0), 9, "metà più uno of 16 is 9");
	INT_EQ(rules_threshold(MAJ_ASSEGNATI, 0, 0, 33, 0), 17, "absolute majority of 33 is 17");
	INT_EQ(rules_threshold(MAJ_DUE_TERZI_ASSEGNATI, 0, 0, 17, 0), 12, "2/3 of 17 rounds up");
	INT_EQ(rules_threshold(MAJ_DUE_TERZI_VOTANTI, 0, 9, 0, 0), 6, "2/3 of 9 is 6");
	INT_EQ(rules_threshold(MAJ_RELATIVA, 0, 0, 0, 4), 5, "relativa: one more than contrari");
	INT_EQ(rules_threshold(MAJ_PRESENTI, 7, 0, 0, 0), 4, "presenti: 4 of 7");
}

/* The one gap-between-votes rule: the loader's order, the presence and the minutes use it. */
static void
move_gaps(void)
{
	struct move m = {0};

	harness.test = "model_move_gap";
	m.vote.set = true;
	m.vote.v = 1;
	INT_EQ(model_move_gap(&m), 0, "before vote 1: gap 0");
	m.after = true;
	INT_EQ(model_move_gap(&m), 1, "after vote 1: gap 1");
	m.vote.v = 4;
	INT_EQ(model_move_gap(&m), 4, "after vote 4: gap 4");
	m.after = false;
	m.vote.v = 5;
	INT_EQ(model_move_gap(&m), 4, "before vote 5: the same gap as after vote 4");
	m.vote.set = false;
	OK(model_move_gap(&m) == LONG_MAX, "no vote (an error reported): after every vote");
}

/* An act's outcome: its last ordinaria vote, never an amendment's or the immediata
 * eseguibilita's; without one, its last election; else none. */
static void
act_outcome(void)
{
	static const char yaml[] =
	        "ente: E\norgano: Consiglio comunale\n"
	        "seduta: {data: 2024-03-05, presidente: C1, segretario: {nome: A, cognome: N}}\n"
	        "componenti: [{cognome: C1, nome: N}, {cognome: C2, nome: N}, {cognome: C3, "
	        "nome: N}]\n"
	        "deliberazioni:\n"
	        "  - {numero: '1', oggetto: a, votazioni: [{oggetto: e, tipo: emendamento, numero: "
	        "1,"
	        " favorevoli: tutti}, {oggetto: x, favorevoli: [C1], contrari: restanti},"
	        " {oggetto: ie, tipo: immediata_eseguibilita, favorevoli: tutti},"
	        " {oggetto: e2, tipo: subemendamento, numero: '1.1', favorevoli: tutti}]}\n"
	        "  - {numero: '2', oggetto: b, votazioni: [{oggetto: ie, tipo: "
	        "immediata_eseguibilita, favorevoli: tutti}]}\n"
	        "  - {numero: '3', oggetto: c, votazioni: [{oggetto: el, tipo: elezione, carica: P,"
	        " modalita: segreta, schede: {votanti: 3}, candidati: [{nome: C2, voti: 3}]},"
	        " {oggetto: ie, tipo: immediata_eseguibilita, favorevoli: tutti}]}\n"
	        "  - {tipo: interpellanza, oggetto: d}\n"
	        "firme: [{qualifica: Il Presidente, nome: N C1}]\n";
	struct diags d;
	struct session *s;

	harness.test = "rules_act_vote";
	diags_init(&d, stdout);
	s = load_session(yaml, strlen(yaml), "act_outcome", &d);
	if (s != NULL)
		validate_session(s, &d);
	diags_flush(&d);
	INT_EQ(d.errors, 0, "errors in the case's session");
	if (s == NULL || s->ndeliberazioni != 4) {
		OK(false, "the case has four acts");
		goto out;
	}
	OK(rules_act_vote(&s->deliberazioni[0]) == &s->deliberazioni[0].votazioni[1],
	   "the ordinaria vote, not the amendments or the immediata eseguibilita after it");
	OK(rules_act_vote(&s->deliberazioni[1]) == NULL, "only an immediata eseguibilita: none");
	OK(rules_act_vote(&s->deliberazioni[2]) == &s->deliberazioni[2].votazioni[0],
	   "an election act: the election");
	OK(rules_act_vote(&s->deliberazioni[3]) == NULL, "an interpellanza: none");
out:
	session_free(s);
	diags_clear(&d);
}

/* Two lists on one ballot: each list elects its own seats, over its own blank ballots. */
static void
election_lists(void)
{
	static const char yaml[] =
	        "ente: E\norgano: Consiglio comunale\n"
	        "seduta: {data: 2024-03-05, presidente: C1, segretario: {nome: A, cognome: N}}\n"
	        "componenti: [{cognome: C1, nome: N}, {cognome: C2, nome: N}, {cognome: C3, "
	        "nome: N}, {cognome: C4, nome: N}, {cognome: C5, nome: N}]\n"
	        "deliberazioni:\n"
	        "  - {numero: '1', oggetto: a, votazioni: [{oggetto: el, tipo: elezione, carica: P,"
	        " modalita: segreta, voti_minimi: 2, schede: {votanti: 5, bianche: 1},"
	        " liste: [{nome: effettivi, posti: 2, candidati: [{nome: C2, voti: 2},"
	        " {nome: C3, voti: 2}]}, {nome: supplenti, posti: 2, bianche: 2, candidati:"
	        " [{nome: C4, voti: 2}, {nome: C5, voti: 1}]}]}]}\n"
	        "firme: [{qualifica: Il Presidente, nome: N C1}]\n";
	struct diags d;
	struct session *s;
	bool present[5];
	enum cast cast[5];
	size_t order[2];
	enum candidate_state state[2];
	struct list_tally lt;
	struct tally t;
	const struct vote *v;

	harness.test = "rules_election_list";
	diags_init(&d, stdout);
	s = load_session(yaml, strlen(yaml), "election_lists", &d);
	if (s != NULL)
		validate_session(s, &d);
	diags_flush(&d);
	INT_EQ(d.errors, 0, "errors in the case's session");
	if (s == NULL || s->nvotes != 1 || s->ncomponenti != 5) {
		OK(false, "the case has one vote and five members");
		goto out;
	}
	v = model_vote(s, 1);
	rules_presence(s, 1, present);
	rules_casts(s, v, present, cast);
	rules_tally(s, v, cast, &t);
	INT_EQ(t.soglia, 2, "voti_minimi is the threshold");
	INT_EQ((long)t.eletti, 3, "two effettivi and one supplente");
	STR_EQ(model_outcome_names[t.esito], "parziale", "a seat left empty");
	rules_election_list(v, 0, &t, order, state, &lt);
	INT_EQ((long)lt.eletti, 2, "effettivi: both elected");
	INT_EQ(lt.valide, 4, "effettivi: the vote's blank ballot");
	rules_election_list(v, 1, &t, order, state, &lt);
	INT_EQ((long)lt.eletti, 1, "supplenti: one below voti_minimi");
	INT_EQ(lt.bianche, 2, "supplenti: their own blank ballots");
	INT_EQ(lt.valide, 3, "supplenti: valid ballots over their own blanks");
	OK(state[0] == CAND_ELECTED && state[1] == CAND_NOT_ELECTED, "C4 elected, C5 not");
out:
	session_free(s);
	diags_clear(&d);
}

void
rules_tests(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(&cases[i]);
	torino_sample();
	thresholds();
	move_gaps();
	act_outcome();
	election_lists();
}
