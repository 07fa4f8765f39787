/* copia.c: the published copy of a document, as template data (copia.h). */
#include "copia.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "italian.h"
#include "text.h"
#include "util.h"

/* What the copy says instead of an annex that omissis names ({allegato: FILE}). */
static const char omitted_annex[] = "Allegato omesso nella copia pubblicata";

enum { EXEC_DAYS = 10 }; /* art. 134 c. 3 TUEL: enforceable after the tenth day */

/* --- dates -------------------------------------------------------------------------------- */

static int
month_days(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

void
copia_date_add(int y, int m, int d, long days, int *oy, int *om, int *od)
{
	while (days > 0) {
		long left = month_days(y, m) - d; /* the days after d in its month */

		if (days <= left) {
			d += (int)days;
			break;
		}
		days -= left + 1;
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	*oy = y;
	*om = m;
	*od = d;
}

/* --- matching ----------------------------------------------------------------------------- */

/* A text prepared for matching: its characters folded (fold below), and the byte offset in
 * the text where each starts (off[n] is the text's length). */
struct scan {
	uint32_t *cp;
	size_t *off;
	size_t n, cap;
};

/* An omissis text, folded: white space trimmed, each run of it one ' '. */
struct pattern {
	uint32_t *cp;
	size_t n;
	const struct omission *o; /* where it is written (copia_data) */
	bool used;                /* it matched (copia_data) */
};

static bool
is_space(uint32_t c)
{
	return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0xA0 || (c >= 0x2000 && c <= 0x200A) ||
	       c == 0x202F || c == 0x205F || c == 0x3000;
}

/* How a character compares: case aside (one character each way), every apostrophe shape as
 * ', every double quote shape as ", white space as ' ' but a line feed, kept to tell a line's
 * end from a paragraph's. */
static uint32_t
fold(uint32_t c)
{
	if (c == '\n')
		return c;
	if (is_space(c))
		return ' ';
	if (c == 0x2019 || c == 0x2018 || c == 0x02BC || c == 0x00B4 || c == '`')
		return '\'';
	if (c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB)
		return '"';
	return text_lower(c);
}

static void
scan_fill(struct scan *sc, const char *t, size_t len)
{
	size_t i = 0;

	sc->n = 0;
	for (;;) {
		size_t at = i, cap = sc->cap;
		uint32_t c;

		if (sc->n + 1 > sc->cap) {
			sc->cp = xgrow(sc->cp, &cap, sc->n + 1, sizeof(*sc->cp));
			sc->off = xgrow(sc->off, &sc->cap, sc->n + 1, sizeof(*sc->off));
		}
		if (i >= len) {
			sc->off[sc->n] = len;
			return;
		}
		c = text_utf8_next(t, len, &i);
		sc->cp[sc->n] = fold(c);
		sc->off[sc->n++] = at;
	}
}

/* s in normal form C: s itself when it is ASCII, else a malloc'd string put in *nfc. */
static const char *
nfc_of(const char *s, char **nfc)
{
	const char *p;

	*nfc = NULL;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			return *nfc = text_nfc(s);
	return s;
}

/* The pattern of text s, in malloc'd memory; false when s is only white space. */
static bool
pattern_make(const char *s, struct scan *sc, struct pattern *p)
{
	char *nfc;
	const char *t = nfc_of(s, &nfc);
	size_t i;

	scan_fill(sc, t, strlen(t));
	free(nfc);
	p->cp = xcalloc(sc->n + 1, sizeof(*p->cp));
	p->n = 0;
	for (i = 0; i < sc->n; i++) {
		uint32_t c = sc->cp[i] == '\n' ? ' ' : sc->cp[i];

		if (c == ' ' && (p->n == 0 || p->cp[p->n - 1] == ' '))
			continue;
		p->cp[p->n++] = c;
	}
	while (p->n > 0 && p->cp[p->n - 1] == ' ')
		p->n--;
	return p->n > 0;
}

/* Where a match of p at t[i] ends, or 0. A space of p takes a whole run of white space with
 * one line feed at most: a text's line may end inside it (a block quote's line too, its '>'
 * taken with it), but not a paragraph of Markdown (whose structure the copy keeps). */
static size_t
match_at(const struct scan *t, size_t i, const struct pattern *p)
{
	size_t j, feeds;

	for (j = 0; j < p->n; j++) {
		if (i >= t->n)
			return 0;
		if (p->cp[j] != ' ') {
			if (t->cp[i++] != p->cp[j])
				return 0;
			continue;
		}
		if (t->cp[i] != ' ' && t->cp[i] != '\n')
			return 0;
		for (feeds = 0; i < t->n; i++) {
			if (t->cp[i] == '\n')
				feeds++;
			else if (t->cp[i] != ' ' && (t->cp[i] != '>' || feeds == 0))
				break; /* a '>' begins a block quote's next line */
		}
		if (feeds > 1)
			return 0;
	}
	return i;
}

/* Whether some pattern occurs in the text t has been scanned from. */
static bool
found_in(const struct scan *t, const struct pattern *p)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (match_at(t, i, p) != 0)
			return true;
	return false;
}

/* Whether t[from..to) has capitals and no small letters: "OMISSIS" replaces it. */
static bool
all_caps(const char *t, size_t from, size_t to)
{
	bool upper = false, lower = false;

	while (from < to) {
		uint32_t c = text_utf8_next(t, to, &from);

		upper |= text_lower(c) != c;
		lower |= text_upper(c) != c;
	}
	return upper && !lower;
}

/* --- the copy's data ---------------------------------------------------------------------- */

struct copia {
	struct arena *a;
	struct pattern *pat; /* longest first */
	size_t npat;
	const char **files; /* the annexes left out */
	size_t nfiles;
	struct scan sc;
	/* what each value walked became (itself when nothing under it changed): an open
	 * addressing table keyed by the value's address, so that a shared value is walked once */
	const struct tval **from;
	struct tval **to;
	size_t cap, used;
};

static size_t
memo_slot(const struct copia *k, const struct tval *v)
{
	size_t i = (size_t)util_hash_value(UTIL_HASH_INIT, (unsigned long long)(uintptr_t)v) &
	           (k->cap - 1);

	while (k->from[i] != NULL && k->from[i] != v)
		i = (i + 1) & (k->cap - 1);
	return i;
}

static void
memo_put(struct copia *k, const struct tval *v, struct tval *r)
{
	size_t i;

	if (2 * (k->used + 1) > k->cap) {
		const struct tval **from = k->from;
		struct tval **to = k->to;
		size_t cap = k->cap, j;

		k->cap = cap ? 2 * cap : 1024;
		k->from = xcalloc(k->cap, sizeof(*k->from));
		k->to = xcalloc(k->cap, sizeof(*k->to));
		for (j = 0; j < cap; j++)
			if (from[j] != NULL) {
				i = memo_slot(k, from[j]);
				k->from[i] = from[j];
				k->to[i] = to[j];
			}
		free(from);
		free(to);
	}
	i = memo_slot(k, v);
	if (k->from[i] == NULL)
		k->used++;
	k->from[i] = v;
	k->to[i] = r;
}

/* s with every omissis text replaced by "omissis" ("OMISSIS" in capitals), in k's arena;
 * NULL when none occurs. */
static char *
mask_text(struct copia *k, const char *s)
{
	char *nfc, *r;
	const char *t;
	struct buf out = {0};
	size_t i, j, last = 0;
	bool any = false;

	if (s == NULL || *s == '\0' || k->npat == 0)
		return NULL;
	t = nfc_of(s, &nfc);
	scan_fill(&k->sc, t, strlen(t));
	for (i = 0; i < k->sc.n;) {
		size_t e = 0;

		for (j = 0; j < k->npat && e == 0; j++)
			if ((e = match_at(&k->sc, i, &k->pat[j])) != 0)
				k->pat[j].used = true;
		if (e == 0) {
			i++;
			continue;
		}
		buf_add(&out, t + last, k->sc.off[i] - last);
		buf_puts(&out, all_caps(t, k->sc.off[i], k->sc.off[e]) ? "OMISSIS" : "omissis");
		last = k->sc.off[e];
		i = e;
		any = true;
	}
	if (!any) {
		free(nfc);
		return NULL;
	}
	buf_puts(&out, t + last);
	r = arena_strdup(k->a, out.data);
	buf_free(&out);
	free(nfc);
	return r;
}

static bool
file_omitted(const struct copia *k, const char *file)
{
	size_t i;

	for (i = 0; file != NULL && i < k->nfiles; i++)
		if (strcmp(k->files[i], file) == 0)
			return true;
	return false;
}

/* The annexes of list (an act's allegati) that omissis leaves out get omitted_annex as
 * their text; list itself when there are none. */
static struct tval *
omit_annexes(struct copia *k, struct tval *list)
{
	struct tval *copy = NULL;
	size_t i;

	for (i = 0; i < list->n; i++) {
		const struct tval *f = tval_get(list->items[i], "file");
		struct tval *x, *text;

		if (f == NULL || f->kind != TV_STR || !file_omitted(k, f->s))
			continue;
		x = tval_copy(list->items[i], k->a);
		text = arena_alloc(k->a, sizeof(*text));
		tval_str_borrow(text, omitted_annex);
		tval_set_shared(x, k->a, "testo", text);
		if (copy == NULL)
			copy = tval_copy(list, k->a);
		copy->items[i] = x;
	}
	return copy ? copy : list;
}

/* v with every omissis text masked: v itself when nothing under it changed, else a copy that
 * shares what did not change. The logo's path is left alone. */
static struct tval *
walk(struct copia *k, struct tval *v)
{
	struct tval *r = v, *copy = NULL;
	size_t i;

	if (k->cap > 0 && k->from[i = memo_slot(k, v)] == v)
		return k->to[i];
	if (v->kind == TV_STR) {
		char *m = mask_text(k, v->s);

		if (m != NULL) {
			r = arena_alloc(k->a, sizeof(*r));
			tval_str_borrow(r, m);
		}
	} else if (v->kind == TV_LIST || v->kind == TV_MAP) {
		for (i = 0; i < v->n; i++) {
			struct tval *x = v->items[i], *y;

			if (x == NULL || (v->kind == TV_MAP && strcmp(v->keys[i], "logo") == 0))
				continue;
			if (v->kind == TV_MAP && k->nfiles > 0 && x->kind == TV_LIST &&
			    strcmp(v->keys[i], "allegati") == 0)
				x = omit_annexes(k, x);
			y = walk(k, x);
			if (y == v->items[i])
				continue;
			if (copy == NULL)
				copy = tval_copy(v, k->a);
			copy->items[i] = y;
		}
		if (copy != NULL)
			r = copy;
	}
	memo_put(k, v, r);
	return r;
}

static void
add_omissions(struct copia *k, const struct omission *o, size_t n, size_t *cap)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (o[i].allegato.s != NULL) {
			k->files = xgrow(k->files, cap, k->nfiles + 1, sizeof(*k->files));
			k->files[k->nfiles++] = o[i].allegato.s;
		}
		if (o[i].testo.s == NULL)
			continue;
		k->pat = xrealloc(k->pat, (k->npat + 1) * sizeof(*k->pat));
		k->pat[k->npat].o = &o[i];
		k->pat[k->npat].used = false;
		if (pattern_make(o[i].testo.s, &k->sc, &k->pat[k->npat]))
			k->npat++;
		else
			free(k->pat[k->npat].cp);
	}
}

static int
pattern_cmp(const void *x, const void *y)
{
	size_t a = ((const struct pattern *)x)->n, b = ((const struct pattern *)y)->n;

	return a > b ? -1 : a < b;
}

static bool
vote_says(const struct tval *vote, const char *key)
{
	const struct tval *b = tval_get(vote, key);

	return b != NULL && b->kind == TV_BOOL && b->b;
}

/* From an act's data: adopted (its outcome, that of its last ordinaria vote or election:
 * approved, or the election concluded, or partly), and declared immediately enforceable
 * (adopted, and an immediata eseguibilità approved). */
static void
act_outcome(const struct tval *act, bool *adopted, bool *immediate)
{
	const struct tval *l = tval_get(act, "votazioni"), *esito = tval_get(act, "esito");
	size_t i;

	*adopted = esito != NULL && esito->kind == TV_STR &&
	           (strcmp(esito->s, "approvata") == 0 || strcmp(esito->s, "conclusa") == 0 ||
	            strcmp(esito->s, "parziale") == 0);
	*immediate = false;
	for (i = 0; l != NULL && l->kind == TV_LIST && i < l->n; i++)
		if (vote_says(l->items[i], "immediata"))
			*immediate |= vote_says(l->items[i], "approvata");
	*immediate &= *adopted;
}

static struct tval *
put(struct tval *m, struct arena *a, const char *key)
{
	struct tval *v = arena_alloc(a, sizeof(*v));

	tval_set_shared(m, a, key, v);
	return v;
}

/* The date p->dal + days in words, or "" without pubblicazione. */
static void
put_date(struct tval *m, struct arena *a, const char *key, const struct publication *p, long days)
{
	struct buf b = {0};
	int y, mo, d;

	if (p->set) {
		copia_date_add(p->dal.y, p->dal.m, p->dal.d, days, &y, &mo, &d);
		it_date(y, mo, d, &b);
	}
	tval_str(put(m, a, key), a, b.data ? b.data : "");
	buf_free(&b);
}

static const struct publication *
publication_of(const struct session *s, const struct act *act)
{
	return act != NULL && act->pubblicazione.set ? &act->pubblicazione : &s->pubblicazione;
}

/* One act in the certificate of enforceability, when adopted. */
static void
certificate_act(struct tval *list, struct arena *a, const struct session *s, const struct act *act,
                const struct tval *data)
{
	const struct publication *p = publication_of(s, act);
	struct tval *m;
	bool adopted, immediate;

	if (act->tipo != ACT_DELIBERAZIONE)
		return; /* art. 134 TUEL: only a deliberazione becomes enforceable */
	act_outcome(data, &adopted, &immediate);
	if (!adopted)
		return;
	m = tval_push(list, a);
	tval_map(m);
	tval_str(put(m, a, "numero"), a, act->numero.s ? act->numero.s : "");
	tval_bool(put(m, a, "immediata"), immediate);
	put_date(m, a, "esecutiva_dal", p, EXEC_DAYS);
}

/* certificato: the certificates at the end of the copy (copia.h). */
static struct tval *
certificate(const struct session *s, const struct act *act, const struct tval *data,
            struct arena *a)
{
	const struct publication *p = publication_of(s, act);
	struct tval *m = arena_alloc(a, sizeof(*m)), *l;
	const struct tval *acts;
	long days = p->set ? p->giorni.v : 15;
	struct buf b = {0};
	size_t i;

	tval_map(m);
	tval_bool(put(m, a, "per_atto"), act != NULL);
	tval_bool(put(m, a, "pubblicazione"), p->set);
	put_date(m, a, "dal", p, 0);
	put_date(m, a, "al", p, days - 1);
	tval_strf(put(m, a, "giorni"), a, "%ld", days);
	it_number_words(days, &b);
	tval_str(put(m, a, "giorni_lettere"), a, b.data ? b.data : "");
	buf_free(&b);
	l = put(m, a, "atti");
	tval_list(l);
	if (act != NULL)
		certificate_act(l, a, s, act, tval_get(data, "deliberazione"));
	else if ((acts = tval_get(data, "deliberazioni")) != NULL && acts->kind == TV_LIST)
		for (i = 0; i < acts->n && i < s->ndeliberazioni; i++)
			certificate_act(l, a, s, &s->deliberazioni[i], acts->items[i]);
	tval_bool(put(m, a, "ha_atti"), l->n > 0);
	return m;
}

/* How a signer's name reads in the copy: "Nome COGNOME" when it is a member's or the
 * secretary's (either order, case and accents aside), else as written. */
static void
signer(const struct session *s, const char *name, struct buf *out)
{
	char *want = text_folded(name);
	const char *nome = NULL, *cognome = NULL;
	size_t i;

	for (i = 0; i <= s->ncomponenti && cognome == NULL; i++) {
		const char *n =
		        i < s->ncomponenti ? s->componenti[i].nome.s : s->seduta.segretario.nome.s;
		const char *c = i < s->ncomponenti ? s->componenti[i].cognome.s
		                                   : s->seduta.segretario.cognome.s;
		char *one, *two, *f1, *f2;

		if (n == NULL || c == NULL)
			continue;
		one = xasprintf("%s %s", n, c);
		two = xasprintf("%s %s", c, n);
		f1 = text_folded(one);
		f2 = text_folded(two);
		if (strcmp(want, f1) == 0 || strcmp(want, f2) == 0) {
			nome = n;
			cognome = c;
		}
		free(one);
		free(two);
		free(f1);
		free(f2);
	}
	if (cognome != NULL)
		it_name_roll(nome, cognome, out);
	else
		buf_puts(out, name);
	free(want);
}

/* firme with firmato on each (copia.h). */
static void
signatures(const struct session *s, struct tval *top, struct arena *a)
{
	const struct tval *l = tval_get(top, "firme");
	struct tval *copy;
	size_t i;

	if (l == NULL || l->kind != TV_LIST)
		return;
	copy = tval_copy(l, a);
	for (i = 0; i < l->n; i++) {
		const struct tval *name = tval_get(l->items[i], "nome");
		struct buf b = {0};

		copy->items[i] = tval_copy(l->items[i], a);
		signer(s, name && name->kind == TV_STR ? name->s : "", &b);
		tval_str(put(copy->items[i], a, "firmato"), a, b.data ? b.data : "");
		buf_free(&b);
	}
	tval_set_shared(top, a, "firme", copy);
}

struct tval *
copia_data(struct tval *data, const struct session *s, const struct act *act, struct arena *a,
           struct diags *d)
{
	struct tval *v = tval_copy(data, a), *yes = arena_alloc(a, sizeof(*yes)), *r;
	struct copia k;
	size_t i, fcap = 0;

	tval_bool(yes, true);
	tval_set_shared(v, a, "copia", yes);
	signatures(s, v, a);
	tval_set_shared(v, a, "certificato", certificate(s, act, data, a));
	memset(&k, 0, sizeof(k));
	k.a = a;
	add_omissions(&k, s->omissis, s->nomissis, &fcap);
	for (i = 0; i < s->ndeliberazioni; i++) /* the processo verbale holds every act's text */
		if (act == NULL || act == &s->deliberazioni[i])
			add_omissions(&k, s->deliberazioni[i].omissis, s->deliberazioni[i].nomissis,
			              &fcap);
	util_sort(k.pat, k.npat, sizeof(*k.pat), pattern_cmp);
	r = k.npat > 0 || k.nfiles > 0 ? walk(&k, v) : v;
	for (i = 0; i < k.npat; i++) {
		if (d != NULL && !k.pat[i].used)
			diag_report(d, D_OMISSIS_UNUSED, &k.pat[i].o->testo.pos,
			            k.pat[i].o->testo.s);
		free(k.pat[i].cp);
	}
	free(k.pat);
	free(k.files);
	free(k.sc.cp);
	free(k.sc.off);
	free(k.from);
	free(k.to);
	return r;
}

/* --- checks ------------------------------------------------------------------------------- */

/* Whether text (a name as the minutes print it) holds p, as the copy matches. */
static bool
name_holds(const char *text, const struct pattern *p, struct scan *sc)
{
	char *nfc;
	const char *t = nfc_of(text, &nfc);
	bool r;

	scan_fill(sc, t, strlen(t));
	r = found_in(sc, p);
	free(nfc);
	return r;
}

/* The first public name (a member's, the secretary's, a signer's) that holds p, malloc'd, or
 * NULL. */
static char *
public_name(const struct session *s, const struct pattern *p, struct scan *sc)
{
	size_t i;

	for (i = 0; i <= s->ncomponenti; i++) {
		const char *n =
		        i < s->ncomponenti ? s->componenti[i].nome.s : s->seduta.segretario.nome.s;
		const char *c = i < s->ncomponenti ? s->componenti[i].cognome.s
		                                   : s->seduta.segretario.cognome.s;
		char *one, *two;

		if (n == NULL || c == NULL)
			continue;
		one = xasprintf("%s %s", n, c);
		two = xasprintf("%s %s", c, n);
		if (name_holds(one, p, sc) || name_holds(two, p, sc)) {
			free(two);
			return one;
		}
		free(one);
		free(two);
	}
	for (i = 0; i < s->nfirme; i++)
		if (s->firme[i].nome.s != NULL && name_holds(s->firme[i].nome.s, p, sc))
			return xstrdup(s->firme[i].nome.s);
	return NULL;
}

static bool
act_has_annex(const struct act *a, const char *file)
{
	size_t i;

	for (i = 0; i < a->nallegati; i++)
		if (a->allegati[i].file.s != NULL && strcmp(a->allegati[i].file.s, file) == 0)
			return true;
	return false;
}

static void
check_omissions(const struct session *s, const struct act *act, const struct omission *o, size_t n,
                struct scan *sc, struct diags *d)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		struct pattern p = {NULL, 0, NULL, false};
		char *who;
		bool found = false;

		if (o[i].allegato.s != NULL) {
			for (j = 0; j < s->ndeliberazioni && !found; j++)
				if (act == NULL || act == &s->deliberazioni[j])
					found = act_has_annex(&s->deliberazioni[j],
					                      o[i].allegato.s);
			if (!found)
				diag_report(d, D_OMISSIS_ANNEX, &o[i].allegato.pos, o[i].allegato.s,
				            act ? "di questa deliberazione"
				                : "delle deliberazioni");
		}
		if (o[i].testo.s == NULL)
			continue;
		if (pattern_make(o[i].testo.s, sc, &p) && (who = public_name(s, &p, sc)) != NULL) {
			diag_report(d, D_OMISSIS_NAME, &o[i].testo.pos, o[i].testo.s, who);
			free(who);
		}
		free(p.cp);
	}
}

static bool
date_before(const struct date *a, const struct date *b)
{
	return a->y != b->y ? a->y < b->y : a->m != b->m ? a->m < b->m : a->d < b->d;
}

static void
check_publication(const struct session *s, const struct publication *p, struct diags *d)
{
	if (p->giorni.set && p->giorni.v < 1)
		diag_report(d, D_AT_LEAST, &p->giorni.pos, "giorni", 1L);
	if (p->set && s->seduta.data.set && date_before(&p->dal, &s->seduta.data))
		diag_report(d, D_PUBLICATION_EARLY, &p->dal.pos);
}

void
copia_check(const struct session *s, struct diags *d)
{
	struct scan sc;
	size_t i;

	memset(&sc, 0, sizeof(sc));
	check_omissions(s, NULL, s->omissis, s->nomissis, &sc, d);
	check_publication(s, &s->pubblicazione, d);
	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct act *a = &s->deliberazioni[i];

		check_omissions(s, a, a->omissis, a->nomissis, &sc, d);
		check_publication(s, &a->pubblicazione, d);
	}
	free(sc.cp);
	free(sc.off);
}
