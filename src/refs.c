/* refs.c: member references -> members (folded names, did-you-mean), and the checks that
 * names and act numbers tell things apart. */
#include "refs.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

/* Who is being resolved, and where errors go. */
struct resolver {
	const struct session *s;
	struct diags *d;
};

/*
 * Folded names of each member: surname, "nome cognome", id; and, for the did-you-mean, each
 * key's length and how many of its bytes fall in each of HIST buckets (byte & (HIST - 1)).
 */
enum { HIST = 64 };

struct names {
	char *(*keys)[3];
	size_t (*len)[3];
	unsigned char (*hist)[3][HIST]; /* counts, saturated at 255 */
	size_t n;
};

/* The byte histogram of s, in HIST buckets. */
static void
names_hist(const char *s, unsigned char h[HIST])
{
	memset(h, 0, HIST);
	for (; *s; s++)
		if (h[(unsigned char)*s & (HIST - 1)] < 255)
			h[(unsigned char)*s & (HIST - 1)]++;
}

static void
names_build(struct names *nm, const struct member *members, size_t n)
{
	size_t i;

	size_t k;

	nm->n = n;
	nm->keys = xcalloc(nm->n ? nm->n : 1, sizeof(*nm->keys));
	nm->len = xcalloc(nm->n ? nm->n : 1, sizeof(*nm->len));
	nm->hist = xcalloc(nm->n ? nm->n : 1, sizeof(*nm->hist));
	for (i = 0; i < nm->n; i++) {
		const struct member *m = &members[i];

		nm->keys[i][0] = m->cognome.s ? text_folded(m->cognome.s) : NULL;
		if (m->nome.s && m->cognome.s) {
			char *full = xasprintf("%s %s", m->nome.s, m->cognome.s);

			nm->keys[i][1] = text_folded(full);
			free(full);
		}
		nm->keys[i][2] = m->id.s ? text_folded(m->id.s) : NULL;
		for (k = 0; k < 3; k++) {
			if (nm->keys[i][k] == NULL)
				continue;
			nm->len[i][k] = strlen(nm->keys[i][k]);
			names_hist(nm->keys[i][k], nm->hist[i][k]);
		}
	}
}

static void
names_free(struct names *nm)
{
	size_t i, k;

	for (i = 0; i < nm->n; i++)
		for (k = 0; k < 3; k++)
			free(nm->keys[i][k]);
	free(nm->keys);
	free(nm->len);
	free(nm->hist);
}

/* A hash table from folded name to member index (-2: several members share it). */
struct index {
	const char **key;
	int *val;
	size_t cap;
};

static int *
index_slot(struct index *ix, const char *key, bool add)
{
	size_t i = (size_t)util_hash_str(key) & (ix->cap - 1);

	while (ix->key[i] != NULL) {
		if (strcmp(ix->key[i], key) == 0)
			return &ix->val[i];
		i = (i + 1) & (ix->cap - 1);
	}
	if (!add)
		return NULL;
	ix->key[i] = key;
	ix->val[i] = -1;
	return &ix->val[i];
}

static void
index_build(struct index *ix, const struct names *nm)
{
	size_t i, k;

	for (ix->cap = 16; ix->cap < nm->n * 6 + 1; ix->cap *= 2)
		;
	ix->key = xcalloc(ix->cap, sizeof(*ix->key));
	ix->val = xcalloc(ix->cap, sizeof(*ix->val));
	for (i = 0; i < nm->n; i++) {
		for (k = 0; k < 3; k++) {
			int *slot;

			if (nm->keys[i][k] == NULL || (k > 0 && nm->keys[i][0] &&
			                               strcmp(nm->keys[i][k], nm->keys[i][0]) == 0))
				continue;
			slot = index_slot(ix, nm->keys[i][k], true);
			if (*slot == -1)
				*slot = (int)i;
			else if (*slot != (int)i)
				*slot = -2;
		}
	}
}

static void
index_free(struct index *ix)
{
	free(ix->key);
	free(ix->val);
}

/* Append how a message names member m: its surname, or its full name. */
static void
put_name(struct buf *b, const struct member *m, bool full)
{
	if (full && m->nome.s != NULL)
		buf_printf(b, "%s ", m->nome.s);
	buf_puts(b, m->cognome.s ? m->cognome.s : "?");
}

/*
 * A lower bound of the edit distance between w (length wlen, histogram wh, its nonzero
 * buckets in used[0..nused)) and key k of member i: an insertion or a deletion changes the
 * histograms' difference by one, a substitution by two, a transposition not at all; and no
 * edit changes the length by more than one.
 */
static unsigned
names_bound(const struct names *nm, size_t i, size_t k, size_t wlen, const unsigned char *wh,
            const unsigned char *used, size_t nused)
{
	const unsigned char *h = nm->hist[i][k];
	size_t len = nm->len[i][k], common = 0, j, l1;

	if (len > wlen + 255 || wlen > len + 255)
		return 255;
	for (j = 0; j < nused; j++)
		common += wh[used[j]] < h[used[j]] ? wh[used[j]] : h[used[j]];
	l1 = wlen + len - 2 * common;
	j = len > wlen ? len - wlen : wlen - len;
	return (unsigned)((l1 + 1) / 2 > j ? (l1 + 1) / 2 : j);
}

/*
 * The members nearest to the folded name w, within the did-you-mean distance, appended to sugg
 * as 'A' o 'B' (at most three); how many there are. The edit distance is computed only for the
 * keys whose lower bound (names_bound) is within the best distance so far: with 1,000 members,
 * a few of them.
 */
static size_t
near_members(struct resolver *R, const char *w, const struct names *nm, struct buf *sugg)
{
	unsigned limit = text_close_enough(w), best = limit + 1, d;
	bool full = strchr(w, ' ') != NULL;
	size_t i, k, found = 0, wlen = strlen(w), nused = 0;
	unsigned *dist = xcalloc(nm->n ? nm->n : 1, sizeof(*dist));
	unsigned char wh[HIST], used[HIST];

	names_hist(w, wh);
	for (k = 0; k < HIST; k++)
		if (wh[k] > 0)
			used[nused++] = (unsigned char)k;
	for (i = 0; i < nm->n; i++) {
		dist[i] = 255;
		for (k = 0; k < 3; k++)
			if (nm->keys[i][k] &&
			    names_bound(nm, i, k, wlen, wh, used, nused) <=
			            (best < limit ? best : limit) &&
			    (d = text_distance(w, nm->keys[i][k])) < dist[i])
				dist[i] = d;
		if (dist[i] < best)
			best = dist[i];
	}
	for (i = 0; i < nm->n && best <= limit && found < 3; i++) {
		if (dist[i] != best)
			continue;
		if (found)
			buf_puts(sugg, " o ");
		buf_putc(sugg, '\'');
		put_name(sugg, &R->s->componenti[i], full);
		buf_putc(sugg, '\'');
		found++;
	}
	free(dist);
	return found;
}

/* Folded name w with its words turned round at its i-th byte, a space: "rossi maria" at 5
 * gives "maria rossi". A malloc'd string. */
static char *
turned(const char *w, size_t i)
{
	return xasprintf("%s %.*s", w + i + 1, (int)i, w);
}

static void
report_unknown(struct resolver *R, const struct str *name, const struct names *nm)
{
	char *w = text_folded(name->s);
	struct buf near = {0}, sugg = {0};
	size_t i;
	bool found = near_members(R, w, nm, &near) > 0;

	/* a name written surname first, misspelt too: the member near it turned round */
	for (i = 0; !found && w[i]; i++)
		if (w[i] == ' ') {
			char *t = turned(w, i);

			found = near_members(R, t, nm, &near) > 0;
			free(t);
		}
	if (found)
		buf_printf(&sugg, "; forse %s?", near.data);
	diag_report(R->d, D_REF_UNKNOWN, &name->pos, name->s, sugg.data ? sugg.data : "");
	buf_free(&near);
	buf_free(&sugg);
	free(w);
}

/* name, folded as w (NULL: fold it), fits several members. */
static void
report_ambiguous(struct resolver *R, const struct str *name, const struct names *nm,
                 const char *folded)
{
	char *w = folded != NULL ? xstrdup(folded) : text_folded(name->s);
	struct buf who = {0};
	size_t i, k, found = 0;

	for (i = 0; i < nm->n; i++) {
		for (k = 0; k < 3; k++) {
			if (nm->keys[i][k] && strcmp(nm->keys[i][k], w) == 0) {
				const struct member *m = &R->s->componenti[i];

				buf_printf(&who, "%s'%s %s'", found ? " o " : "",
				           m->nome.s ? m->nome.s : "", m->cognome.s);
				found++;
				break;
			}
		}
	}
	diag_report(R->d, D_REF_AMBIGUOUS, &name->pos, name->s, who.data ? who.data : "");
	buf_free(&who);
	free(w);
}

/* Whether two members' names are written alike, letter for letter once in NFC. */
static bool
written_alike(const struct member *a, const struct member *b)
{
	const struct str *x[2] = {&a->nome, &a->cognome}, *y[2] = {&b->nome, &b->cognome};
	bool same = true;
	size_t i;

	for (i = 0; i < 2 && same; i++) {
		char *p = text_nfc(x[i]->s), *q = text_nfc(y[i]->s);

		same = strcmp(p, q) == 0;
		free(p);
		free(q);
	}
	return same;
}

/*
 * Two members with the same id, or with the same name once folded, cannot be told apart: an
 * error, unless they are true namesakes (written alike) with an id each. A name that folds
 * the same but is written otherwise (an accent, a capital, an invisible character) is an
 * error even then: it is a misspelling, or a trap.
 */
static void
check_members(struct resolver *R, const struct names *nm)
{
	struct index ix;
	size_t i, k;

	memset(&ix, 0, sizeof(ix));
	for (ix.cap = 16; ix.cap < nm->n * 4 + 1; ix.cap *= 2)
		;
	ix.key = xcalloc(ix.cap, sizeof(*ix.key));
	ix.val = xcalloc(ix.cap, sizeof(*ix.val));
	for (i = 0; i < nm->n; i++) {
		for (k = 1; k < 3; k++) {
			const struct member *m = &R->s->componenti[i], *other;
			struct buf who = {0}, whom = {0};
			int *slot;

			if (nm->keys[i][k] == NULL)
				continue;
			slot = index_slot(&ix, nm->keys[i][k], true);
			if (*slot < 0) {
				*slot = (int)i;
				continue;
			}
			other = &R->s->componenti[*slot];
			put_name(&who, m, true);
			if (k == 2)
				diag_report(R->d, D_MEMBER_DUP, &m->pos, m->id.s);
			else if (!written_alike(m, other)) {
				put_name(&whom, other, true);
				diag_report(R->d, D_MEMBER_LOOKALIKE, &m->pos, who.data, whom.data);
			} else if (m->id.s == NULL || other->id.s == NULL)
				diag_report(R->d, D_MEMBER_DUP, &m->pos, who.data);
			else
				other = NULL; /* namesakes, each with an id */
			if (other != NULL)
				diag_note(R->d, &other->pos, "l'altro è qui");
			buf_free(&who);
			buf_free(&whom);
		}
	}
	index_free(&ix);
}

/*
 * The member that folded name w names with its words turned round, the surname first ("rossi
 * maria" for Maria Rossi, "de luca anna" for Anna De Luca): its index; -1 for none, -2 when
 * the turns fit several members (then *key is a malloc'd turn that fits, else NULL).
 */
static int
turned_member(struct index *ix, const char *w, char **key)
{
	int found = -1;
	size_t i;

	*key = NULL;
	for (i = 0; w[i] && found != -2; i++) {
		char *t;
		int *slot;

		if (w[i] != ' ')
			continue;
		t = turned(w, i);
		slot = index_slot(ix, t, false);
		if (slot != NULL && (*slot == -2 || (found >= 0 && found != *slot))) {
			found = -2;
			free(*key);
			*key = t;
			t = NULL;
		} else if (slot != NULL)
			found = *slot;
		free(t);
	}
	return found;
}

/*
 * A candidate may be anyone. When the name is a member's, remember whom; a name that only
 * comes near a member's, or fits several, is an error unless the candidate is marked esterno.
 */
static void
resolve_candidate(struct resolver *R, struct candidate *c, struct index *ix, const struct names *nm)
{
	char *w;
	int *slot;
	struct buf near = {0};

	if (c->nome.s == NULL)
		return;
	w = text_folded(c->nome.s);
	slot = index_slot(ix, w, false);
	c->member = slot && *slot >= 0 ? *slot : -1;
	if (slot == NULL && !c->esterno) { /* "Rossi Maria": the member, with a note */
		char *key = NULL;
		int k = turned_member(ix, w, &key);

		free(key);
		if (k >= 0) {
			struct buf name = {0};

			c->member = k;
			put_name(&name, &R->s->componenti[k], true);
			diag_report(R->d, D_REF_SWAPPED, &c->nome.pos, c->nome.s, name.data);
			buf_free(&name);
		}
	}
	if (c->member < 0 && !c->esterno) {
		if (slot != NULL)
			report_ambiguous(R, &c->nome, nm, NULL);
		else if (near_members(R, w, nm, &near))
			diag_report(R->d, D_CANDIDATE_NEAR, &c->nome.pos, c->nome.s, near.data);
	}
	buf_free(&near);
	free(w);
}

/* A date as the session file writes it, into out. */
static void
date_put(char out[16], const struct date *dt)
{
	snprintf(out, 16, "%04d-%02d-%02d", dt->y % 10000, dt->m % 100, dt->d % 100);
}

/* The member out of office that name names (an index into fuori_carica), or -1. */
static int
find_out_of_office(const struct session *s, struct index *out, const char *name)
{
	char *w;
	int *slot;

	if (s->nfuori_carica == 0)
		return -1;
	w = text_folded(name);
	slot = index_slot(out, w, false);
	free(w);
	if (slot == NULL)
		return -1;
	if (*slot >= 0)
		return *slot;
	return 0; /* several of them: any tells that the name is not in office */
}

/* name names m, who is not in office on the sitting's date. */
static void
report_out_of_office(struct resolver *R, const struct str *name, const struct member *m)
{
	char day[16], dal[16], al[16], *when;

	date_put(day, &R->s->seduta.data);
	date_put(dal, &m->dal);
	date_put(al, &m->al);
	if (m->dal.set && m->al.set)
		when = xasprintf("va dal %s al %s", dal, al);
	else if (m->dal.set)
		when = xasprintf("comincia il %s", dal);
	else
		when = xasprintf("finisce il %s", al);
	diag_report(R->d, D_OUT_OF_OFFICE, &name->pos, name->s, day, when);
	diag_note(R->d, &m->pos, "il componente è qui");
	free(when);
}

void
refs_resolve(struct session *s, struct ref *const *refs, size_t nrefs, struct diags *d)
{
	struct resolver res = {s, d}, *R = &res;
	struct names nm, nout;
	struct index ix, out;
	size_t i, j, c;
	int k;

	names_build(&nm, s->componenti, s->ncomponenti);
	names_build(&nout, s->fuori_carica, s->nfuori_carica);
	check_members(R, &nm);
	index_build(&ix, &nm);
	index_build(&out, &nout);
	for (i = 0; i < nrefs; i++) {
		struct ref *r = refs[i];
		char *w = text_folded(r->text.s), *key = NULL;
		int *slot = index_slot(&ix, w, false);

		if (slot != NULL && *slot >= 0)
			r->member = *slot;
		else if (slot != NULL)
			report_ambiguous(R, &r->text, &nm, NULL);
		else if ((k = find_out_of_office(s, &out, r->text.s)) >= 0)
			report_out_of_office(R, &r->text, &s->fuori_carica[k]);
		else if ((k = turned_member(&ix, w, &key)) >= 0) {
			struct buf name = {0};

			r->member = k;
			put_name(&name, &s->componenti[k], true);
			diag_report(d, D_REF_SWAPPED, &r->text.pos, r->text.s, name.data);
			buf_free(&name);
		} else if (k == -2)
			report_ambiguous(R, &r->text, &nm, key);
		else
			report_unknown(R, &r->text, &nm);
		free(key);
		free(w);
	}
	for (i = 0; i < s->ndeliberazioni; i++)
		for (j = 0; j < s->deliberazioni[i].nvotazioni; j++)
			for (c = 0; c < s->deliberazioni[i].votazioni[j].ncandidati; c++)
				resolve_candidate(R, &s->deliberazioni[i].votazioni[j].candidati[c],
				                  &ix, &nm);
	for (i = 0; i < s->ndeliberazioni; i++) /* the candidates of each list of an election */
		for (j = 0; j < s->deliberazioni[i].nvotazioni; j++) {
			struct vote *v = &s->deliberazioni[i].votazioni[j];
			size_t l;

			for (l = 0; l < v->nliste; l++)
				for (c = 0; c < v->liste[l].ncandidati; c++)
					resolve_candidate(R, &v->liste[l].candidati[c], &ix, &nm);
		}
	index_free(&ix);
	index_free(&out);
	names_free(&nm);
	names_free(&nout);
}

/* Each act of the sitting has its own number (compared as member names are: "16/A", "16/a"). */
void
refs_check_acts(const struct session *s, struct diags *d)
{
	struct index ix;
	char **keys = xcalloc(s->ndeliberazioni ? s->ndeliberazioni : 1, sizeof(*keys));
	size_t i;

	memset(&ix, 0, sizeof(ix));
	for (ix.cap = 16; ix.cap < s->ndeliberazioni * 2 + 1; ix.cap *= 2)
		;
	ix.key = xcalloc(ix.cap, sizeof(*ix.key));
	ix.val = xcalloc(ix.cap, sizeof(*ix.val));
	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct str *num = &s->deliberazioni[i].numero;
		int *slot;

		char *folded;

		if (num->s == NULL)
			continue;
		/* each kind of act numbers its own: ordine del giorno n. 1 beside deliberazione 1
		 */
		folded = text_folded(num->s);
		keys[i] = xasprintf("%d:%s", (int)s->deliberazioni[i].tipo, folded);
		free(folded);
		slot = index_slot(&ix, keys[i], true);
		if (*slot >= 0) {
			diag_report(d, D_ACT_DUP, &num->pos, num->s);
			diag_note(d, &s->deliberazioni[*slot].numero.pos, "la prima volta è qui");
		} else
			*slot = (int)i;
	}
	for (i = 0; i < s->ndeliberazioni; i++)
		free(keys[i]);
	free(keys);
	index_free(&ix);
}
