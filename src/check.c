/* check.c: the figures of every vote, as a table or as JSON. */
#include "check.h"

#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "text.h"
#include "util.h"

/* Everything one vote's output needs, computed once. */
struct row {
	const struct vote *v;
	struct tally t;
	size_t *order;
	enum candidate_state *state;
	const struct member *presidente; /* who presides, when not the sitting's president */
};

struct scratch {
	bool *present;
	enum cast *cast;
};

/* Where a line's free text (a subject, a name) begins: lines too wide are wrapped from there
 * (check_print_text). A control character, so no text of the session can hold it (put
 * escapes them). */
#define WRAP_MARK '\001'

/* The widths of an act's table's columns that vary, in characters. */
struct widths {
	size_t maggioranza, esito;
};

static void
row_compute(const struct session *s, const struct vote *v, struct scratch *sc, struct row *r)
{
	int p = model_president_at(s, v->seq);

	r->v = v;
	r->presidente = p >= 0 && p != s->seduta.presidente.member ? &s->componenti[p] : NULL;
	rules_presence(s, v->seq, sc->present);
	rules_casts(s, v, sc->present, sc->cast);
	rules_tally(s, v, sc->cast, &r->t);
	r->order = xcalloc(v->ncandidati ? v->ncandidati : 1, sizeof(*r->order));
	r->state = xcalloc(v->ncandidati ? v->ncandidati : 1, sizeof(*r->state));
	if (v->tipo == TYPE_ELEZIONE)
		rules_election(v, &r->t, r->order, r->state);
}

static void
row_clear(struct row *r)
{
	free(r->order);
	free(r->state);
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

/* Print s (from the session file, or NULL) with its control characters escaped: the table goes
 * to a terminal. */
static void
put(FILE *out, const char *s)
{
	char *e = s ? diag_escape(s) : NULL;

	fputs(e ? e : or_empty(s), out);
	free(e);
}

/* Print s left-aligned in width characters (UTF-8 aware), control characters escaped. */
static void
pad(FILE *out, const char *s, size_t width)
{
	char *e = diag_escape(s);
	size_t n;

	if (e != NULL)
		s = e;
	n = text_utf8_len(s, strlen(s));
	fputs(s, out);
	while (n++ < width)
		fputc(' ', out);
	free(e);
}

/* The candidates of one contest, most votes first, each with its state; then a newline. */
static void
print_candidates(FILE *out, const struct session *s, const struct candidate *cands, size_t n,
                 const size_t *order, const enum candidate_state *state)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t c = order[i];
		int m = cands[c].member;
		bool fem = m >= 0 && model_member_feminine(s, (size_t)m);

		fputs(i ? ", " : " ", out);
		put(out, cands[c].nome.s);
		fprintf(out, " %ld%s", cands[c].voti.v,
		        state[c] == CAND_ELECTED ? (fem ? " (eletta)" : " (eletto)")
		        : state[c] == CAND_TIED  ? " (parità per l'ultimo posto)"
		                                 : "");
	}
	fputc('\n', out);
}

/* A secret vote's astensioni_dichiarate, as written. */
static void
print_abstentions(FILE *out, const struct vote *v)
{
	size_t i;

	fprintf(out, "%*s %castensioni dichiarate:", 8, "", WRAP_MARK);
	for (i = 0; i < v->astensioni_dichiarate.n; i++) {
		fputs(i ? ", " : " ", out);
		put(out, v->astensioni_dichiarate.v[i].text.s);
	}
	fputc('\n', out);
}

/* The outcome column of row r, in esito. */
static void
row_outcome(const struct row *r, struct buf *esito)
{
	const struct vote *v = r->v;
	const struct tally *t = &r->t;

	buf_puts(esito, model_outcome_names[t->esito]);
	if (t->casting)
		buf_puts(esito, " (voto del presidente)");
	else if (t->tie && t->esito == OUT_RESPINTA)
		buf_puts(esito, " (parità)");
	if (rules_outcome_only(v))
		buf_puts(esito, " (solo esito)");
	else if (v->rettifica.set)
		buf_puts(esito, " (rettificato)");
}

static void
print_row(FILE *out, const struct session *s, const struct row *r, const struct widths *w)
{
	const struct vote *v = r->v;
	const struct tally *t = &r->t;
	bool election = v->tipo == TYPE_ELEZIONE;
	char fav[16], con[16];
	struct buf esito = {0};
	size_t i;

	snprintf(fav, sizeof(fav), election ? "-" : "%ld", t->favorevoli);
	snprintf(con, sizeof(con), election ? "-" : "%ld", t->contrari);
	row_outcome(r, &esito);
	fprintf(out, "  %3u %5ld %4ld %4s %6s %4ld %4ld  ", v->seq, t->presenti, t->votanti, fav,
	        con, t->astenuti, t->non_partecipanti);
	pad(out, model_majority_names[t->maggioranza], w->maggioranza + 1);
	fprintf(out, "%6ld  ", t->soglia);
	pad(out, t->quorum ? "sì" : "no", 6);
	pad(out, esito.data, w->esito + 2);
	fputc(WRAP_MARK, out);
	if (election) {
		fputs("elezione: ", out);
		put(out, v->carica.s ? v->carica.s : v->oggetto.s);
	} else if (v->tipo == TYPE_EMENDAMENTO || v->tipo == TYPE_SUBEMENDAMENTO) {
		fputs(v->tipo == TYPE_EMENDAMENTO ? "emendamento n. " : "subemendamento n. ", out);
		put(out, v->numero.s);
		fputs(": ", out);
		put(out, v->oggetto.s);
	} else
		put(out, v->oggetto.s);
	if (election || v->modalita == MODE_SEGRETA)
		fprintf(out, " (schede: bianche %ld, nulle %ld", t->bianche, t->nulle);
	if (election && v->schede.dispersi.v > 0)
		fprintf(out, ", voti dispersi %ld", v->schede.dispersi.v);
	if (election || v->modalita == MODE_SEGRETA)
		fputc(')', out);
	fputc('\n', out);
	if (election && v->nliste == 0) {
		fprintf(out, "%*s %ccandidati (posti %ld, preferenze %ld):", 8, "", WRAP_MARK,
		        v->posti.v, v->preferenze.v);
		print_candidates(out, s, v->candidati, v->ncandidati, r->order, r->state);
	}
	for (i = 0; election && i < v->nliste; i++) {
		const struct election_list *l = &v->liste[i];
		size_t *order = xcalloc(l->ncandidati + 1, sizeof(*order));
		enum candidate_state *state = xcalloc(l->ncandidati + 1, sizeof(*state));
		struct list_tally lt;

		rules_election_list(v, i, t, order, state, &lt);
		fprintf(out, "%*s %clista ", 8, "", WRAP_MARK);
		put(out, l->nome.s);
		fprintf(out,
		        " (posti %ld, preferenze %ld; bianche %ld, nulle %ld, voti dispersi %ld):",
		        l->posti.v, l->preferenze.v, lt.bianche, lt.nulle, l->dispersi.v);
		print_candidates(out, s, l->candidati, l->ncandidati, order, state);
		free(order);
		free(state);
	}
	if (election && v->astensioni_dichiarate.n > 0)
		print_abstentions(out, v);
	if (election && !v->proclamati)
		fprintf(out, "%*s proclamazione degli eletti: non a verbale\n", 8, "");
	if (!election && v->astensioni_dichiarate.n > 0)
		print_abstentions(out, v);
	buf_free(&esito);
}

/* With amendments, which vote gives the act its outcome (rules_act_vote), and the outcome. */
static void
print_act_outcome(FILE *out, const struct session *s, const struct act *a, struct scratch *sc)
{
	const struct vote *last = rules_act_vote(a);
	struct row r;
	size_t j;
	bool amended = false;

	for (j = 0; j < a->nvotazioni; j++)
		amended |= a->votazioni[j].tipo == TYPE_EMENDAMENTO ||
		           a->votazioni[j].tipo == TYPE_SUBEMENDAMENTO;
	if (!amended)
		return;
	if (last == NULL) {
		fputs("    esito dell'atto: nessuno (nessuna votazione ordinaria)\n", out);
		return;
	}
	row_compute(s, last, sc, &r);
	fprintf(out, "    esito dell'atto (votazione %u): %s\n", last->seq,
	        model_outcome_names[r.t.esito]);
	row_clear(&r);
}

/* The widths of the columns of act a's table. */
static void
act_widths(const struct session *s, const struct act *a, struct scratch *sc, struct widths *w)
{
	size_t j;

	w->maggioranza = strlen("maggioranza");
	w->esito = strlen("esito");
	for (j = 0; j < a->nvotazioni; j++) {
		struct row r;
		struct buf esito = {0};
		size_t n;

		row_compute(s, &a->votazioni[j], sc, &r);
		row_outcome(&r, &esito);
		n = text_columns(esito.data, esito.len);
		if (n > w->esito)
			w->esito = n;
		n = strlen(model_majority_names[r.t.maggioranza]);
		if (n > w->maggioranza)
			w->maggioranza = n;
		buf_free(&esito);
		row_clear(&r);
	}
}

/* The table of session s (the file's name, then each act's votes), its free texts after a
 * WRAP_MARK. */
static void
print_table(FILE *out, const char *file, const struct session *s)
{
	struct scratch sc;
	size_t i, j, n;

	fputc(WRAP_MARK, out);
	put(out, file);
	fputc('\n', out);
	if (s == NULL) {
		fputs("  nessun dato: il file non si può leggere o non è una seduta (vedere gli "
		      "errori)\n\n",
		      out);
		return;
	}
	n = s->ncomponenti ? s->ncomponenti : 1;
	sc.present = xcalloc(n, sizeof(bool));
	sc.cast = xcalloc(n, sizeof(enum cast));
	fputs("  ", out);
	fputc(WRAP_MARK, out);
	put(out, s->ente.s);
	fputs(", ", out);
	put(out, s->organo.s);
	fprintf(out, ": seduta del %04d", s->seduta.data.y);
	if (s->seduta.data.precision != DATE_YEAR)
		fprintf(out, "-%02d", s->seduta.data.m);
	if (s->seduta.data.precision == DATE_DAY)
		fprintf(out, "-%02d", s->seduta.data.d);
	fprintf(out, ", %s convocazione\n", model_convocation_names[s->seduta.convocazione]);
	fprintf(out, "  %cregole: %s%s; componenti %zu, assegnati %ld, numero legale %ld\n",
	        WRAP_MARK, s->regole.preset, s->regole.modified ? " (modificato)" : "",
	        s->ncomponenti, rules_assigned(s), rules_quorum(s));
	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct act *a = &s->deliberazioni[i];
		struct widths w;

		static const char *const kinds[ACT_KIND_MAX] = {
		        "Deliberazione", "Ordine del giorno", "Mozione", "Interpellanza"};

		fprintf(out, "\n  %c%s", WRAP_MARK, kinds[a->tipo]);
		if (a->numero.s != NULL || a->tipo == ACT_DELIBERAZIONE) {
			fputc(' ', out);
			put(out, a->numero.s);
		}
		fputs(": ", out);
		put(out, a->oggetto.s);
		fputc('\n', out);
		if (a->nvotazioni == 0) {
			fputs("    nessuna votazione\n", out);
			continue;
		}
		act_widths(s, a, &sc, &w);
		fprintf(out, "  %3s %5s %4s %4s %6s %4s %4s  %-*s%6s  %-4s  %-*s%c%s\n", "n.",
		        "pres.", "vot.", "fav.", "contr.", "ast.", "n.p.", (int)w.maggioranza + 1,
		        "maggioranza", "soglia", "n.l.", (int)w.esito + 2, "esito", WRAP_MARK,
		        "votazione");
		for (j = 0; j < a->nvotazioni; j++) {
			struct row r;

			row_compute(s, &a->votazioni[j], &sc, &r);
			print_row(out, s, &r, &w);
			row_clear(&r);
		}
		print_act_outcome(out, s, a, &sc);
	}
	fputc('\n', out);
	free(sc.present);
	free(sc.cast);
}

/* At least this many columns for a wrapped text beside the table's figures; with fewer, the
 * text goes on the lines below, from column WRAP_BELOW. */
enum { WRAP_MIN = 30, WRAP_BELOW = 8 };

/* Print the words of text[0..n) from column col (already reached), wrapping at width onto
 * lines indented by hang; a word wider than a line is cut with "…". */
static void
wrap_words(FILE *out, const char *text, size_t n, size_t col, size_t hang, size_t width)
{
	size_t i = 0, start = col;

	while (i < n) {
		size_t len = strcspn(text + i, " "), w;

		if (len > n - i)
			len = n - i;
		w = text_columns(text + i, len);
		if (col > start && col + 1 + w > width) {
			fprintf(out, "\n%*s", (int)hang, "");
			col = start = hang;
		} else if (col > start) {
			fputc(' ', out);
			col++;
		}
		if (col + w > width) { /* a word wider than the line: cut */
			size_t cut = text_columns_cut(text + i, len, width - col - 1);

			fwrite(text + i, 1, cut, out);
			fputs("…", out);
			col = width;
		} else {
			fwrite(text + i, 1, len, out);
			col += w;
		}
		i += len;
		while (i < n && text[i] == ' ')
			i++;
	}
	fputc('\n', out);
}

/* Print line[0..n) (no newline) within width columns: the text after its WRAP_MARK (or after
 * its indentation, without one) wrapped under itself, or below the figures when they leave it
 * fewer than WRAP_MIN columns; a text after an indentation only goes on 2 columns further. */
static void
wrap_line(FILE *out, const char *line, size_t n, size_t width)
{
	const char *mark = memchr(line, WRAP_MARK, n), *text;
	size_t head = mark ? (size_t)(mark - line) : strspn(line, " "), rest, col, hang;
	bool indent = strspn(line, " ") >= head;

	if (head > n)
		head = n;
	text = line + head + (mark != NULL);
	rest = n - head - (mark != NULL);
	col = text_columns(line, head);
	if (width == 0 || col + text_columns(text, rest) <= width) {
		fwrite(line, 1, head, out);
		fwrite(text, 1, rest, out);
		fputc('\n', out);
		return;
	}
	if (!indent && col + WRAP_MIN > width) {
		while (head > 0 && line[head - 1] == ' ')
			head--;
		fwrite(line, 1, head, out);
		fprintf(out, "\n%*s", WRAP_BELOW, "");
		col = hang = WRAP_BELOW;
	} else {
		fwrite(line, 1, head, out);
		hang = indent ? col + 2 : col;
	}
	wrap_words(out, text, rest, col, hang, width);
}

void
check_print_text(FILE *out, const char *file, const struct session *s, size_t width)
{
	char *text = NULL;
	size_t len = 0, i = 0;
	FILE *m = open_memstream(&text, &len);

	if (m == NULL) {
		fputs("impossibile stampare la tabella: memoria esaurita\n", out);
		return;
	}
	print_table(m, file, s);
	fclose(m);
	while (i < len) {
		size_t n = strcspn(text + i, "\n");

		wrap_line(out, text + i, n, width);
		i += n + (text[i + n] == '\n');
	}
	free(text);
}

/* --- JSON --------------------------------------------------------------------------------- */

static void
json_str(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', out);
	for (; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(out, "\\u%04x", *p);
			else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) /* a C1 control */
				fprintf(out, "\\u%04x", *++p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

/* A correction after the proclamation: the figures first proclaimed (those given) and why. */
static void
json_correction(FILE *out, const struct correction *c)
{
	const struct declared *p = &c->proclamato;
	const struct num *nums[MODEL_DECLARED_N];
	size_t i, k = 0;

	model_declared_nums(p, nums);
	fputs(",\"rettifica\":{\"proclamato\":{", out);
	for (i = 0; i < MODEL_DECLARED_N; i++)
		if (nums[i]->set)
			fprintf(out, "%s\"%s\":%ld", k++ ? "," : "", model_declared_keys[i],
			        nums[i]->v);
	if (p->esito >= 0 && p->esito < OUT_MAX) {
		fprintf(out, "%s\"esito\":", k++ ? "," : "");
		json_str(out, model_outcome_names[p->esito]);
	}
	fputs("},\"motivo\":", out);
	json_str(out, c->motivo.s);
	fputc('}', out);
}

/* An election's proclamati (only when false) and voti_minimi (only when given). */
static void
json_election_extra(FILE *out, const struct vote *v)
{
	if (!v->proclamati)
		fputs(",\"proclamati\":false", out);
	if (v->voti_minimi.set)
		fprintf(out, ",\"voti_minimi\":%ld", v->voti_minimi.v);
}

/* An election held with liste: each list's seats, ballots, candidates and elected. */
static void
json_lists(FILE *out, const struct row *r)
{
	const struct vote *v = r->v;
	size_t i, j, k;

	fputs(",\"carica\":", out);
	json_str(out, v->carica.s);
	fputs(",\"liste\":[", out);
	for (i = 0; i < v->nliste; i++) {
		const struct election_list *l = &v->liste[i];
		size_t *order = xcalloc(l->ncandidati + 1, sizeof(*order));
		enum candidate_state *state = xcalloc(l->ncandidati + 1, sizeof(*state));
		struct list_tally lt;

		rules_election_list(v, i, &r->t, order, state, &lt);
		fputs(i ? ",{\"nome\":" : "{\"nome\":", out);
		json_str(out, l->nome.s);
		fprintf(out,
		        ",\"posti\":%ld,\"preferenze\":%ld,\"bianche\":%ld,\"nulle\":%ld,"
		        "\"valide\":%ld,\"dispersi\":%ld,\"candidati\":[",
		        l->posti.v, l->preferenze.v, lt.bianche, lt.nulle, lt.valide,
		        l->dispersi.v);
		for (j = 0; j < l->ncandidati; j++) {
			fputs(j ? ",{\"nome\":" : "{\"nome\":", out);
			json_str(out, l->candidati[order[j]].nome.s);
			fprintf(out, ",\"voti\":%ld}", l->candidati[order[j]].voti.v);
		}
		fputs("],\"eletti\":[", out);
		for (j = k = 0; j < l->ncandidati; j++) {
			if (state[order[j]] != CAND_ELECTED)
				continue;
			if (k++)
				fputc(',', out);
			json_str(out, l->candidati[order[j]].nome.s);
		}
		fprintf(out, "],\"parita_ultimo_posto\":%s}", lt.tie_last_seat ? "true" : "false");
		free(order);
		free(state);
	}
	fputc(']', out);
	json_election_extra(out, v);
}

static void
json_vote(FILE *out, const struct row *r)
{
	const struct vote *v = r->v;
	const struct tally *t = &r->t;
	size_t i, k;

	fputs("{\"n\":", out);
	fprintf(out, "%u,\"oggetto\":", v->seq);
	json_str(out, v->oggetto.s);
	fputs(",\"tipo\":", out);
	json_str(out, model_type_names[v->tipo]);
	fputs(",\"modalita\":", out);
	json_str(out, model_mode_names[v->modalita]);
	fprintf(out,
	        ",\"presenti\":%ld,\"votanti\":%ld,\"favorevoli\":%ld,\"contrari\":%ld,"
	        "\"astenuti\":%ld,\"non_partecipanti\":%ld",
	        t->presenti, t->votanti, t->favorevoli, t->contrari, t->astenuti,
	        t->non_partecipanti);
	if (v->tipo == TYPE_ELEZIONE || v->modalita == MODE_SEGRETA)
		fprintf(out, ",\"bianche\":%ld,\"nulle\":%ld", t->bianche, t->nulle);
	fputs(",\"maggioranza\":", out);
	json_str(out, model_majority_names[t->maggioranza]);
	fprintf(out, ",\"soglia\":%ld,\"numero_legale\":%s", t->soglia,
	        t->quorum ? "true" : "false");
	if (t->tie)
		fprintf(out, ",\"parita\":true,\"voto_presidente\":%s",
		        t->casting ? "true" : "false");
	if (r->presidente != NULL) { /* a change of presiding officer (movimenti) */
		char *who = xasprintf("%s %s", or_empty(r->presidente->nome.s),
		                      or_empty(r->presidente->cognome.s));

		fputs(",\"presidente\":", out);
		json_str(out, who);
		free(who);
	}
	fputs(",\"esito\":", out);
	json_str(out, model_outcome_names[t->esito]);
	if (rules_outcome_only(v))
		fputs(",\"solo_esito\":true", out);
	if (v->rettifica.set)
		json_correction(out, &v->rettifica);
	if (v->tipo == TYPE_EMENDAMENTO || v->tipo == TYPE_SUBEMENDAMENTO) {
		fputs(",\"numero\":", out);
		json_str(out, v->numero.s);
	}
	if (v->astensioni_dichiarate.n > 0) {
		fputs(",\"astensioni_dichiarate\":[", out);
		for (i = 0; i < v->astensioni_dichiarate.n; i++) {
			if (i)
				fputc(',', out);
			json_str(out, v->astensioni_dichiarate.v[i].text.s);
		}
		fputc(']', out);
	}
	if (v->tipo == TYPE_ELEZIONE && v->nliste > 0) {
		json_lists(out, r);
		fputc('}', out);
		return;
	}
	if (v->tipo == TYPE_ELEZIONE) {
		fputs(",\"carica\":", out);
		json_str(out, v->carica.s);
		fprintf(out,
		        ",\"posti\":%ld,\"preferenze\":%ld,\"valide\":%ld,\"dispersi\":%ld,"
		        "\"candidati\":[",
		        v->posti.v, v->preferenze.v, t->valide, v->schede.dispersi.v);
		for (i = 0; i < v->ncandidati; i++) {
			const struct candidate *c = &v->candidati[r->order[i]];

			fputs(i ? ",{\"nome\":" : "{\"nome\":", out);
			json_str(out, c->nome.s);
			fprintf(out, ",\"voti\":%ld}", c->voti.v);
		}
		fputs("],\"eletti\":[", out);
		for (i = k = 0; i < v->ncandidati; i++) {
			if (r->state[r->order[i]] != CAND_ELECTED)
				continue;
			if (k++)
				fputc(',', out);
			json_str(out, v->candidati[r->order[i]].nome.s);
		}
		fprintf(out, "],\"parita_ultimo_posto\":%s", t->tie_last_seat ? "true" : "false");
		json_election_extra(out, v);
	}
	fputc('}', out);
}

void
check_print_json(FILE *out, const char *file, const struct session *s, const struct diags *d,
                 size_t first)
{
	size_t i, j, n;

	fputs("{\"file\":", out);
	json_str(out, file);
	fputs(",\"deliberazioni\":[", out);
	if (s != NULL) {
		struct scratch sc;

		n = s->ncomponenti ? s->ncomponenti : 1;
		sc.present = xcalloc(n, sizeof(bool));
		sc.cast = xcalloc(n, sizeof(enum cast));
		for (i = 0; i < s->ndeliberazioni; i++) {
			const struct act *a = &s->deliberazioni[i];

			const struct vote *last = rules_act_vote(a);

			fputs(i ? ",{\"numero\":" : "{\"numero\":", out);
			if (a->numero.s != NULL)
				json_str(out, a->numero.s);
			else
				fputs("null", out);
			fputs(",\"tipo\":", out);
			json_str(out, model_act_kind_names[a->tipo]);
			fputs(",\"oggetto\":", out);
			json_str(out, a->oggetto.s);
			fputs(",\"esito\":", out); /* rules_act_vote's outcome */
			if (last != NULL) {
				struct row r;

				row_compute(s, last, &sc, &r);
				json_str(out, model_outcome_names[r.t.esito]);
				row_clear(&r);
			} else
				fputs("null", out);
			fputs(",\"votazioni\":[", out);
			for (j = 0; j < a->nvotazioni; j++) {
				struct row r;

				if (j)
					fputc(',', out);
				row_compute(s, &a->votazioni[j], &sc, &r);
				json_vote(out, &r);
				row_clear(&r);
			}
			fputs("]}", out);
		}
		free(sc.present);
		free(sc.cast);
	}
	fputs("],\"errori\":[", out);
	for (i = first, j = 0; d != NULL && i < d->n; i++) {
		const struct diag *g = &d->v[i];

		if (j++)
			fputc(',', out);
		fputs("{\"file\":", out);
		json_str(out, g->pos.file ? g->pos.file : file);
		fprintf(out, ",\"riga\":%u,\"colonna\":%u,\"gravita\":", g->pos.line, g->pos.col);
		json_str(out, diag_level_name(g->level));
		fputs(",\"messaggio\":", out);
		json_str(out, g->msg);
		if (g->note != NULL) {
			fputs(",\"nota\":", out);
			json_str(out, g->note);
		}
		fputc('}', out);
	}
	fputs("]}", out);
}
