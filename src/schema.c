/* schema.c: the generic table-driven reader, from a tree of ytree.h into structs. */
#include "schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "text.h"
#include "util.h"

void
schema_init(struct schema_reader *r, const char *text, size_t len, struct arena *a, struct diags *d)
{
	memset(r, 0, sizeof(*r));
	r->text = text;
	r->len = len;
	r->a = a;
	r->d = d;
}

void
schema_clear(struct schema_reader *r)
{
	free(r->refs);
	r->refs = NULL;
	r->nrefs = r->caprefs = 0;
}

static const char *
kind_name(const struct ynode *n)
{
	if (n->kind == YNODE_SEQ)
		return "una lista";
	if (n->kind == YNODE_MAP)
		return "una mappa";
	return ytree_is_null(n) ? "un valore vuoto" : "un testo";
}

void
schema_report_type(struct schema_reader *r, const struct ynode *n, const char *key,
                   const char *want)
{
	diag_report(r->d, D_TYPE, &n->pos, key, want, kind_name(n));
}

/* The scalar text of n, or NULL after reporting that it is not one. */
const char *
schema_read_scalar(struct schema_reader *r, const struct ynode *n, const char *key)
{
	if (n->kind != YNODE_SCALAR || ytree_is_null(n)) {
		schema_report_type(r, n, key, "un testo");
		return NULL;
	}
	return n->s;
}

/* True when s[0..n) are n decimal digits. */
static bool
digits_n(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static bool
is_text(const struct field *f)
{
	return f->type == F_STR || f->type == F_MD || f->type == F_REF;
}

static bool
is_blank(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return *s == '\0';
}

bool
schema_read_long(struct schema_reader *r, const struct ynode *n, const char *key, long max,
                 long *out)
{
	const char *s;
	long v = 0;

	if (n->kind != YNODE_SCALAR || ytree_is_null(n)) {
		schema_report_type(r, n, key, "un numero intero");
		return false;
	}
	s = n->s;
	if (*s == '+')
		s++;
	if (!text_is_digits(s) || strlen(s) > 9 || (v = strtol(s, NULL, 10)) > max) {
		diag_report(r->d, D_INT, &n->pos, key, n->s, max);
		return false;
	}
	*out = v;
	return true;
}

void
schema_read_num(struct schema_reader *r, const struct ynode *n, struct num *dst, const char *key,
                long max)
{
	if (schema_read_long(r, n, key, max, &dst->v)) {
		dst->pos = n->pos;
		dst->set = true;
	}
}

static int
days_in(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* s written day first, "23/02/2024" (or with '-' or '.'), a valid date: it as AAAA-MM-GG in
 * out; else false. */
static bool
date_dmy(const char *s, char out[40])
{
	size_t a = strspn(s, "0123456789"), b;
	char sep = s[a];
	int y, m, d;

	if (a < 1 || a > 2 || (sep != '/' && sep != '-' && sep != '.'))
		return false;
	b = strspn(s + a + 1, "0123456789");
	if (b < 1 || b > 2 || s[a + 1 + b] != sep || strlen(s + a + 2 + b) != 4 ||
	    !digits_n(s + a + 2 + b, 4))
		return false;
	d = atoi(s);
	m = atoi(s + a + 1);
	y = atoi(s + a + 2 + b);
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in(y, m))
		return false;
	snprintf(out, 40, "%04d-%02d-%02d", y, m, d);
	return true;
}

static void
read_date(struct schema_reader *r, const struct ynode *n, struct date *dst, const char *key)
{
	const char *s = schema_read_scalar(r, n, key);
	int y, m, d;

	if (s == NULL)
		return;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits_n(s, 4) ||
	    !digits_n(s + 5, 2) || !digits_n(s + 8, 2)) {
		char iso[40];

		if (date_dmy(s, iso))
			diag_report(r->d, D_DATE_DMY, &n->pos, key, s, iso);
		else
			diag_report(r->d, D_DATE, &n->pos, key, s);
		return;
	}
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in(y, m)) {
		diag_report(r->d, D_DATE, &n->pos, key, s);
		return;
	}
	dst->y = y;
	dst->m = m;
	dst->d = d;
	dst->pos = n->pos;
	dst->set = true;
}

void
schema_read_date(struct schema_reader *r, const struct ynode *n, struct date *dst, const char *key)
{
	read_date(r, n, dst, key);
}

static void
read_time(struct schema_reader *r, const struct ynode *n, struct hm *dst, const char *key)
{
	const char *s = schema_read_scalar(r, n, key), *colon;
	int h, m;

	if (s == NULL)
		return;
	colon = strchr(s, ':');
	if (colon == NULL || colon - s < 1 || colon - s > 2 || strlen(colon + 1) != 2 ||
	    !digits_n(s, (size_t)(colon - s)) || !digits_n(colon + 1, 2)) {
		/* "16.00", "16,00": the hour written with a point or a comma */
		size_t hn = strspn(s, "0123456789");

		if (hn >= 1 && hn <= 2 && (s[hn] == '.' || s[hn] == ',') &&
		    strlen(s + hn + 1) == 2 && digits_n(s + hn + 1, 2) && atoi(s) <= 23 &&
		    atoi(s + hn + 1) <= 59) {
			char hm[8];

			snprintf(hm, sizeof(hm), "%.*s:%s", (int)hn, s, s + hn + 1);
			diag_report(r->d, D_TIME_DOT, &n->pos, key, s, hm);
		} else
			diag_report(r->d, D_TIME, &n->pos, key, s);
		return;
	}
	h = atoi(s);
	m = atoi(colon + 1);
	if (h > 23 || m > 59) {
		diag_report(r->d, D_TIME, &n->pos, key, s);
		return;
	}
	dst->h = h;
	dst->m = m;
	dst->pos = n->pos;
	dst->set = true;
}

static void
read_bool(struct schema_reader *r, const struct ynode *n, bool *dst, const char *key)
{
	const char *s = schema_read_scalar(r, n, key);

	if (s == NULL)
		return;
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0)
		*dst = true;
	else if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
		*dst = false;
	else
		diag_report(r->d, D_BOOL, &n->pos, key, s);
}

/* The index of s among names (folded comparison), or -1 after reporting. */
int
schema_read_enum(struct schema_reader *r, const struct ynode *n, const char *const *names,
                 const char *key)
{
	const char *s = schema_read_scalar(r, n, key), *near;
	char *fs, *fn, *suffix;
	struct buf all = {0};
	size_t i, count = 0;
	int found = -1;

	if (s == NULL)
		return -1;
	fs = text_folded(s);
	for (i = 0; names[i] != NULL; i++) {
		if (names[i][0] == '\0')
			continue;
		fn = text_folded(names[i]);
		if (strcmp(fs, fn) == 0)
			found = (int)i;
		free(fn);
		count++;
	}
	free(fs);
	if (found >= 0)
		return found;
	for (i = 0; names[i] != NULL; i++) {
		if (names[i][0] == '\0')
			continue;
		buf_printf(&all, "%s%s", all.len ? ", " : "", names[i]);
	}
	near = text_suggest(s, names, count + (names[0][0] == '\0'));
	suffix = near ? xasprintf(" (forse '%s'?)", near) : xstrdup("");
	diag_report(r->d, D_ENUM, &n->pos, key, s, suffix, all.data);
	free(suffix);
	buf_free(&all);
	return -1;
}

static void
read_str(struct schema_reader *r, const struct ynode *n, struct str *dst, const char *key, bool md)
{
	const char *s = schema_read_scalar(r, n, key);

	if (s == NULL)
		return;
	dst->s = s; /* the tree lives in the session's arena */
	dst->pos = md ? n->content : n->pos;
}

/* A person's name must look as it reads: no invisible characters, no letters from other
 * alphabets that pass for Latin ones. */
static void
check_name(struct schema_reader *r, const struct ynode *n)
{
	size_t at;
	uint32_t cp;
	enum text_name_flaw flaw;
	struct pos p;
	struct buf ch = {0};

	if (n->kind != YNODE_SCALAR || (flaw = text_name_check(n->s, &at, &cp)) == TEXT_NAME_OK)
		return;
	p = ytree_char_pos(r->text, r->len, n, at);
	if (flaw == TEXT_NAME_INVISIBLE)
		diag_report(r->d, D_NAME_INVISIBLE, &p, n->s, text_char_kind(cp), (unsigned)cp);
	else {
		text_utf8_put(&ch, cp);
		diag_report(r->d, D_NAME_SCRIPT, &p, n->s, ch.data, (unsigned)cp,
		            text_char_kind(cp));
	}
	buf_free(&ch);
}

static void
read_ref(struct schema_reader *r, const struct ynode *n, struct ref *dst, const char *key)
{
	read_str(r, n, &dst->text, key, false);
	check_name(r, n);
	dst->member = -1;
	if (dst->text.s != NULL) {
		r->refs = xgrow(r->refs, &r->caprefs, r->nrefs + 1, sizeof(*r->refs));
		r->refs[r->nrefs++] = dst;
	}
}

void
schema_read_ref(struct schema_reader *r, const struct ynode *n, struct ref *dst, const char *key)
{
	read_ref(r, n, dst, key);
}

bool
schema_check_len(struct schema_reader *r, const struct ynode *n, const char *key, size_t max)
{
	if (n->n > max) {
		diag_report(r->d, D_LIMIT, &n->pos, key, n->n, max);
		return false;
	}
	return true;
}

void
schema_read_reflist(struct schema_reader *r, const struct ynode *n, struct reflist *dst,
                    const char *key)
{
	size_t i;

	if (n->kind == YNODE_SCALAR && n->s != NULL && n->s[0] != '\0' &&
	    strspn(n->s, "0123456789") == strlen(n->s)) {
		diag_report(r->d, D_LIST_NOT_COUNT, &n->pos, key, n->s);
		return;
	}
	if (n->kind != YNODE_SEQ) {
		schema_report_type(r, n, key, "una lista di componenti");
		return;
	}
	if (!schema_check_len(r, n, key, SCHEMA_MAX_ITEMS))
		return;
	dst->v = arena_array(r->a, n->n, sizeof(*dst->v));
	dst->n = n->n;
	dst->pos = n->pos;
	for (i = 0; i < n->n; i++)
		read_ref(r, n->kids[i], &dst->v[i], key);
}

void
schema_read_strlist(struct schema_reader *r, const struct ynode *n, struct strlist *dst,
                    const char *key, bool md)
{
	size_t i;

	if (n->kind != YNODE_SEQ) {
		schema_report_type(r, n, key, "una lista di testi");
		return;
	}
	if (!schema_check_len(r, n, key, SCHEMA_MAX_ITEMS))
		return;
	dst->v = arena_array(r->a, n->n, sizeof(*dst->v));
	dst->n = n->n;
	for (i = 0; i < n->n; i++)
		read_str(r, n->kids[i], &dst->v[i], key, md);
}

static void
read_list(struct schema_reader *r, const struct ynode *n, const struct schema_list *ld,
          char *parent, size_t off, const char *key)
{
	char *v;
	size_t i;

	if (n->kind != YNODE_SEQ) {
		schema_report_type(r, n, key, ld->want ? ld->want : "una lista");
		return;
	}
	if (!schema_check_len(r, n, key, ld->max))
		return;
	if (ld->nonempty && n->n == 0) {
		diag_report(r->d, D_EMPTY, &n->pos, key);
		return;
	}
	v = arena_array(r->a, n->n, ld->size);
	for (i = 0; i < n->n; i++)
		ld->read(r, n->kids[i], v + i * ld->size, key);
	memcpy(parent + off, &v, sizeof(v));
	memcpy(parent + ld->off_n, &n->n, sizeof(size_t));
}

/* A length: a number with an optional unit (pt, the default; mm; cm), stored as points, within
 * its range. */
static void
read_length(struct schema_reader *r, const struct ynode *n, void *dst, const char *key,
            const struct schema_range *range)
{
	const char *s = schema_read_scalar(r, n, key);
	char *end;
	double v, unit = 1;

	if (s == NULL)
		return;
	v = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (strcmp(end, "mm") == 0)
		unit = 72 / 25.4;
	else if (strcmp(end, "cm") == 0)
		unit = 72 / 2.54;
	else if (strcmp(end, "pt") != 0 && *end != '\0')
		end = NULL;
	if (end == NULL || end == s || !(v >= 0 && v <= 10000)) {
		diag_report(r->d, D_LENGTH, &n->pos, key, s);
		return;
	}
	/* a hair of tolerance, for a limit written in another unit */
	if (v * unit < range->lo - 1e-6 || v * unit > range->hi + 1e-6) {
		diag_report(r->d, D_STYLE_RANGE, &n->pos, key, s, range->lo, range->hi);
		return;
	}
	*(double *)dst = v * unit;
}

static void
read_field(struct schema_reader *r, const struct field *f, const struct ynode *v, char *base)
{
	void *dst = base + f->off;
	int e;

	switch (f->type) {
	case F_STR:
		read_str(r, v, dst, f->key, false);
		if (f->flags & NAME)
			check_name(r, v);
		break;
	case F_MD: read_str(r, v, dst, f->key, true); break;
	case F_INT: schema_read_num(r, v, dst, f->key, 1000000); break;
	case F_BOOL: read_bool(r, v, dst, f->key); break;
	case F_DATE: read_date(r, v, dst, f->key); break;
	case F_TIME: read_time(r, v, dst, f->key); break;
	case F_ENUM:
		if ((e = schema_read_enum(r, v, f->aux, f->key)) >= 0)
			memcpy(dst, &e, sizeof(int));
		break;
	case F_REF: read_ref(r, v, dst, f->key); break;
	case F_REFLIST: schema_read_reflist(r, v, dst, f->key); break;
	case F_STRLIST: schema_read_strlist(r, v, dst, f->key, false); break;
	case F_MAP: schema_read_map(r, v, f->aux, dst, f->key); break;
	case F_LIST: read_list(r, v, f->aux, base, f->off, f->key); break;
	case F_LENGTH: read_length(r, v, dst, f->key, f->aux); break;
	case F_CUSTOM: ((const struct schema_custom *)f->aux)->read(r, v, dst, f->key); break;
	}
}

static void
unknown_key(struct schema_reader *r, const struct ynode *k, const struct schema *sc,
            const char *where)
{
	const char *keys[64], *near;
	char *suffix, *in;
	size_t i;

	for (i = 0; i < sc->n && i < 64; i++)
		keys[i] = sc->f[i].key;
	near = text_suggest(k->s, keys, i);
	suffix = near ? xasprintf("; forse '%s'?", near) : xstrdup("");
	in = where ? xasprintf(" in '%s'", where) : xstrdup("");
	diag_report(r->d, D_KEY_UNKNOWN, &k->pos, k->s, in, suffix);
	free(suffix);
	free(in);
}

/* Unknown key k follows key pk, whose value pv is a mapping that takes k: k was meant for it,
 * and is indented less than its keys (a key dedented by mistake). Say so in a note. */
static void
dedent_note(struct schema_reader *r, const struct schema *sc, const struct ynode *pk,
            const struct ynode *pv, const struct ynode *k)
{
	const struct schema *sub = NULL;
	size_t j;

	if (pk->kind != YNODE_SCALAR || pv->kind != YNODE_MAP || pv->n < 2)
		return;
	for (j = 0; j < sc->n; j++)
		if (strcmp(sc->f[j].key, pk->s) == 0 && sc->f[j].type == F_MAP)
			sub = sc->f[j].aux;
	if (sub == NULL || k->pos.line <= pv->kids[0]->pos.line ||
	    k->pos.col >= pv->kids[0]->pos.col)
		return;
	for (j = 0; j < sub->n; j++)
		if (strcmp(sub->f[j].key, k->s) == 0) {
			diag_note(r->d, &k->pos,
			          "'%s' è una chiave di '%s', sopra: indentarla come le sue altre "
			          "chiavi (colonna %u)",
			          k->s, pk->s, pv->kids[0]->pos.col);
			return;
		}
}

/* The position column, written after the value is read so that it has the last word (an
 * F_REFLIST sets its own pos to the value's; with KEY_AT, the key's replaces it). */
static void
record_pos(const struct field *f, const struct ynode *k, const struct ynode *v, void *parent)
{
	if (f->pos != NULL)
		memcpy((char *)parent + f->pos->off,
		       f->pos->at == SCHEMA_AT_KEY ? &k->pos : &v->pos, sizeof(struct pos));
}

/* Read mapping n into dst following sc; every key is checked, every error reported. */
void
schema_read_map(struct schema_reader *r, const struct ynode *n, const struct schema *sc, void *dst,
                const char *key)
{
	const struct ynode *seen[64] = {NULL};
	size_t i, j;

	if (n->kind != YNODE_MAP) {
		schema_report_type(r, n, key ? key : "il documento", "una mappa (chiave: valore)");
		return;
	}
	for (i = 0; i + 1 < n->n; i += 2) {
		const struct ynode *k = n->kids[i], *v = n->kids[i + 1];

		if (k->kind != YNODE_SCALAR) {
			diag_report(r->d, D_KEY_NOT_SCALAR, &k->pos, kind_name(k));
			continue;
		}
		for (j = 0; j < sc->n; j++)
			if (strcmp(sc->f[j].key, k->s) == 0)
				break;
		if (j == sc->n) {
			unknown_key(r, k, sc, key);
			if (i >= 2)
				dedent_note(r, sc, n->kids[i - 2], n->kids[i - 1], k);
			continue;
		}
		if (seen[j] != NULL) {
			diag_report(r->d, D_KEY_DUP, &k->pos, k->s);
			diag_note(r->d, &seen[j]->pos, "la prima volta è qui");
			continue;
		}
		seen[j] = k;
		if (ytree_is_null(v)) {
			if (sc->f[j].flags & REQ)
				diag_report(r->d, D_EMPTY, &v->pos, k->s);
			continue;
		}
		if ((sc->f[j].flags & REQ) && is_text(&sc->f[j]) && v->kind == YNODE_SCALAR &&
		    is_blank(v->s))
			diag_report(r->d, D_EMPTY, &v->pos, k->s); /* "" or "  " gives nothing */
		else
			read_field(r, &sc->f[j], v, dst);
		record_pos(&sc->f[j], k, v, dst);
	}
	for (j = 0; j < sc->n; j++) {
		if ((sc->f[j].flags & REQ) && seen[j] == NULL) {
			char *in = key ? xasprintf(" in '%s'", key) : xstrdup("");

			diag_report(r->d, D_KEY_MISSING, &n->pos, sc->f[j].key, in);
			free(in);
		}
	}
}
