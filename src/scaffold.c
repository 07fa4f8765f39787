/* scaffold.c: the session that `verbale new --file-organo` writes, from its template. */
#include "scaffold.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* s as a YAML double-quoted string: '"' and '\' escaped, control characters as \xNN. */
static void
put_quoted(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\x%02X", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

/* s on a comment line: control characters as spaces. */
static void
put_comment(struct buf *b, const char *s)
{
	for (; s != NULL && *s; s++)
		buf_putc(b, (unsigned char)*s < 0x20 ? ' ' : *s);
}

/* Whether *p (before end) starts with the placeholder name t and "}}"; then *p goes past it. */
static bool
tag(const char **p, const char *end, const char *t)
{
	size_t n = strlen(t);

	if ((size_t)(end - *p) < n + 2 || memcmp(*p, t, n) != 0 || memcmp(*p + n, "}}", 2) != 0)
		return false;
	*p += n + 2;
	return true;
}

/* "Nome Cognome" of m, malloc'd. */
static char *
full_name(const struct member *m)
{
	return xasprintf("%s %s", m->nome.s ? m->nome.s : "", m->cognome.s ? m->cognome.s : "");
}

char *
scaffold_organo(const char *tmpl, size_t len, const char *file_organo, const struct session *body,
                const struct date *day)
{
	const struct member *first = body->ncomponenti > 0 ? &body->componenti[0] : NULL;
	struct buf out = {0};
	const char *p = tmpl, *end = tmpl + len;
	char *name = first ? full_name(first) : xstrdup("");
	size_t i;

	while (p < end) {
		const char *open = NULL, *q;

		for (q = p; q + 1 < end; q++)
			if (q[0] == '{' && q[1] == '{') {
				open = q;
				break;
			}
		if (open == NULL) {
			buf_add(&out, p, (size_t)(end - p));
			break;
		}
		buf_add(&out, p, (size_t)(open - p));
		p = open + 2;
		if (tag(&p, end, "file_organo")) {
			put_quoted(&out, file_organo);
		} else if (tag(&p, end, "data")) {
			buf_printf(&out, "%04d-%02d-%02d", day->y, day->m, day->d);
		} else if (tag(&p, end, "presidente_nome")) {
			put_quoted(&out, name);
		} else if (tag(&p, end, "presidente")) {
			put_quoted(&out, first && first->id.s ? first->id.s : name);
		} else if (tag(&p, end, "componenti")) {
			for (i = 0; i < body->ncomponenti; i++) {
				const struct member *m = &body->componenti[i];

				buf_puts(&out, i == 0 ? "#   " : ",\n#   ");
				put_comment(&out, m->nome.s);
				buf_putc(&out, ' ');
				put_comment(&out, m->cognome.s);
				if (m->ruolo.s != NULL) {
					buf_puts(&out, " (");
					put_comment(&out, m->ruolo.s);
					buf_putc(&out, ')');
				}
			}
			if (body->ncomponenti == 0)
				buf_puts(&out, "#   (nessuno)");
		} else
			buf_puts(&out, "{{"); /* not a placeholder: as written */
	}
	free(name);
	return buf_detach(&out);
}

char *
scaffold_schema(const char *tmpl, size_t len, const char *schema, size_t *outlen)
{
	static const char mark[] = "{{schema}}";
	const char *p = tmpl, *end = tmpl + len;
	struct buf b = {0};

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)),
		           *eol = nl != NULL ? nl + 1 : end, *q = p, *m;
		bool has = false;

		for (m = p; m + sizeof(mark) - 1 <= eol; m++)
			if (memcmp(m, mark, sizeof(mark) - 1) == 0) {
				has = true;
				if (schema != NULL) {
					buf_add(&b, q, (size_t)(m - q));
					buf_puts(&b, schema);
				}
				q = m + sizeof(mark) - 1;
				m = q - 1;
			}
		if (!has || schema != NULL)
			buf_add(&b, q, (size_t)(eol - q));
		p = eol;
	}
	*outlen = b.len;
	return buf_detach(&b);
}
