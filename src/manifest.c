/* manifest.c: a record of batch's manifest (or of a worker's report) to a line and back. */
#include "manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most fields a line has, its letter included (D has 7). */
enum { FIELDS_MAX = 8 };

/* The letter of each record (MANIFEST_BAD has none). */
static const char *const letters[MANIFEST_TYPE_MAX] = {
        [MANIFEST_SESSION] = "S", [MANIFEST_INPUT] = "I", [MANIFEST_ACT] = "A",
        [MANIFEST_DOC] = "F",     [MANIFEST_END] = "E",   [MANIFEST_ORPHAN] = "O",
        [MANIFEST_STATUS] = "R",  [MANIFEST_DIAG] = "D",  [MANIFEST_NOTE] = "N",
};

/* The fields each record needs, its letter included (more are ignored). */
static const size_t nfields[MANIFEST_TYPE_MAX] = {
        [MANIFEST_SESSION] = 3, [MANIFEST_INPUT] = 5, [MANIFEST_ACT] = 8,
        [MANIFEST_DOC] = 2,     [MANIFEST_END] = 1,   [MANIFEST_ORPHAN] = 2,
        [MANIFEST_STATUS] = 2,  [MANIFEST_DIAG] = 7,  [MANIFEST_NOTE] = 5,
};

/* A field, after its tab, escaped: backslash, tab and newline. */
static void
put_field(struct buf *out, const char *s)
{
	buf_putc(out, '\t');
	for (; s && *s; s++) {
		if (*s == '\\')
			buf_puts(out, "\\\\");
		else if (*s == '\t')
			buf_puts(out, "\\t");
		else if (*s == '\n')
			buf_puts(out, "\\n");
		else
			buf_putc(out, *s);
	}
}

static void
put_number(struct buf *out, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	put_field(out, num);
}

static void
put_hex(struct buf *out, unsigned long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%016llx", v);
	put_field(out, num);
}

/* A position as three fields: file, line, column. */
static void
put_pos(struct buf *out, const struct pos *p)
{
	put_field(out, p->file ? p->file : "");
	put_number(out, p->line);
	put_number(out, p->col);
}

void
manifest_put(struct buf *out, const struct manifest_record *r)
{
	const struct render_act *a = &r->act;

	if (r->type <= MANIFEST_BAD || r->type >= MANIFEST_TYPE_MAX)
		return;
	buf_puts(out, letters[r->type]);
	switch (r->type) {
	case MANIFEST_SESSION:
		put_field(out, r->rel);
		put_hex(out, r->env);
		break;
	case MANIFEST_INPUT:
		put_field(out, r->in.path);
		put_number(out, r->in.size);
		put_number(out, r->in.mtime);
		put_hex(out, r->in.hash);
		break;
	case MANIFEST_ACT:
		put_field(out, a->numero);
		put_field(out, a->data);
		put_field(out, a->ente);
		put_field(out, a->organo);
		put_field(out, a->oggetto);
		put_field(out, a->esito);
		put_field(out, a->documento);
		break;
	case MANIFEST_DOC:
	case MANIFEST_ORPHAN: put_field(out, r->rel); break;
	case MANIFEST_STATUS: put_number(out, r->status); break;
	case MANIFEST_DIAG:
		put_number(out, r->id);
		put_number(out, r->level);
		put_pos(out, &r->pos);
		put_field(out, r->text);
		break;
	case MANIFEST_NOTE:
		put_pos(out, &r->pos);
		put_field(out, r->text);
		break;
	case MANIFEST_END:
	case MANIFEST_BAD:
	case MANIFEST_TYPE_MAX: break;
	}
	buf_putc(out, '\n');
}

/* Split a line into at most max tab-separated fields, unescaping them in place. */
static size_t
split_fields(char *line, char **f, size_t max)
{
	size_t n = 0;
	char *r = line, *w = line;

	f[n++] = w;
	for (; *r && n <= max; r++) {
		if (*r == '\t') {
			*w++ = '\0';
			if (n == max)
				break;
			f[n++] = w;
		} else if (*r == '\\' && r[1]) {
			r++;
			*w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
		} else
			*w++ = *r;
	}
	*w = '\0';
	return n;
}

/* A position from three fields: file (empty: none), line, column. */
static struct pos
parse_pos(char *const *f)
{
	struct pos p = {f[0][0] ? f[0] : NULL, (unsigned)atoi(f[1]), (unsigned)atoi(f[2])};

	return p;
}

enum manifest_type
manifest_parse(char *line, struct manifest_record *r)
{
	char *f[FIELDS_MAX];
	size_t n = split_fields(line, f, FIELDS_MAX);
	int t;

	memset(r, 0, sizeof(*r));
	for (t = MANIFEST_BAD + 1; t < MANIFEST_TYPE_MAX; t++)
		if (strcmp(f[0], letters[t]) == 0)
			break;
	if (t == MANIFEST_TYPE_MAX || n < nfields[t])
		return MANIFEST_BAD;
	r->type = (enum manifest_type)t;
	switch (r->type) {
	case MANIFEST_SESSION:
		r->rel = f[1];
		r->env = strtoull(f[2], NULL, 16);
		break;
	case MANIFEST_INPUT:
		r->in.path = f[1];
		r->in.size = strtoll(f[2], NULL, 10);
		r->in.mtime = strtoll(f[3], NULL, 10);
		r->in.hash = strtoull(f[4], NULL, 16);
		break;
	case MANIFEST_ACT:
		r->act.numero = f[1];
		r->act.data = f[2];
		r->act.ente = f[3];
		r->act.organo = f[4];
		r->act.oggetto = f[5];
		r->act.esito = f[6];
		r->act.documento = f[7];
		break;
	case MANIFEST_DOC:
	case MANIFEST_ORPHAN: r->rel = f[1]; break;
	case MANIFEST_STATUS: r->status = atoi(f[1]); break;
	case MANIFEST_DIAG:
		r->id = atoi(f[1]);
		r->level = atoi(f[2]);
		r->pos = parse_pos(f + 3);
		r->text = f[6];
		break;
	case MANIFEST_NOTE:
		r->pos = parse_pos(f + 1);
		r->text = f[4];
		break;
	case MANIFEST_END:
	case MANIFEST_BAD:
	case MANIFEST_TYPE_MAX: break;
	}
	return r->type;
}
