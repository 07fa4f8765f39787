/* render.c: the render pipeline for one session file. */
#include "render.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "context.h"
#include "load.h"
#include "markdown.h"
#include "model.h"
#include "template.h"
#include "text.h"
#include "util.h"
#include "validate.h"

enum { ANNEX_MAX_BYTES = 4 * 1024 * 1024 };

bool
render_formats(const char *list, unsigned *formats, char **bad)
{
	const char *p = list;

	*formats = 0;
	*bad = NULL;
	while (*p) {
		size_t n = strcspn(p, ",");

		if (n == 3 && strncmp(p, "pdf", 3) == 0)
			*formats |= RENDER_PDF;
		else if (n == 2 && strncmp(p, "md", 2) == 0)
			*formats |= RENDER_MD;
		else if (n == 4 && strncmp(p, "html", 4) == 0)
			*formats |= RENDER_HTML;
		else {
			*bad = xstrndup(p, n);
			return false;
		}
		p += n;
		if (*p == ',')
			p++;
	}
	if (*formats == 0) {
		*bad = xstrdup(list);
		return false;
	}
	return true;
}

/* A path named in the session: relative, inside the session's folder, no '..'. */
static bool
path_inside(const char *rel)
{
	const char *p = rel;

	if (*rel == '/' || *rel == '\0')
		return false;
	while (*p) {
		size_t n = strcspn(p, "/");

		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		while (*p == '/')
			p++;
	}
	return true;
}

/* Read every annex; NULL entries for those that could not be read (reported). */
static char **
read_annexes(const struct session *s, const char *dir, size_t *count, struct diags *d)
{
	size_t i, j, n = 0, k = 0;
	char **text;

	for (i = 0; i < s->ndeliberazioni; i++)
		n += s->deliberazioni[i].nallegati;
	text = xcalloc(n + 1, sizeof(*text));
	for (i = 0; i < s->ndeliberazioni; i++) {
		for (j = 0; j < s->deliberazioni[i].nallegati; j++, k++) {
			const struct str *f = &s->deliberazioni[i].allegati[j].file;
			char *path, *data;
			size_t len, bad;
			int err;

			if (f->s == NULL)
				continue;
			if (!path_inside(f->s)) {
				diag_report(d, D_PATH_OUTSIDE, &f->pos, f->s);
				continue;
			}
			path = util_join(dir, f->s);
			err = util_read_file(path, ANNEX_MAX_BYTES, &data, &len);
			if (err == ENOENT)
				diag_report(d, D_ANNEX_MISSING, &f->pos, f->s, path);
			else if (err == -1)
				diag_report(d, D_FILE_TOO_BIG, &f->pos, len,
				            (size_t)ANNEX_MAX_BYTES / (1024 * 1024));
			else if (err != 0)
				diag_report(d, D_READ, &f->pos, path, strerror(err));
			else if (!text_utf8_valid(data, len, &bad)) {
				struct pos at = {path, 1, 1};
				size_t o;

				for (o = 0; o < bad; o++) {
					if (data[o] == '\n') {
						at.line++;
						at.col = 1;
					} else if (((unsigned char)data[o] & 0xC0) != 0x80)
						at.col++;
				}
				diag_report(d, D_ENCODING, &at, (unsigned char)data[bad]);
				free(data);
			} else
				text[k] = data;
			free(path);
		}
	}
	*count = n;
	return text;
}

static bool
write_output(const char *dir, const char *stem, const char *ext, const char *data, size_t len,
             struct diags *d)
{
	char *name = xasprintf("%s.%s", stem, ext), *path = util_join(dir, name);
	int err = util_write_atomic(path, data, len);
	struct pos p = {path, 0, 0};

	if (err)
		diag_report(d, D_WRITE, &p, path, strerror(err));
	free(name);
	free(path);
	return err == 0;
}

/* The HTML preview: cmark's HTML as `corpo` inside the template folder's page, which sees the
 * same data as the minutes. */
static char *
html_page(struct tval *data, struct arena *a, const char *md, const struct render_opts *opts,
          struct diags *d)
{
	struct tmpl_opts to = {TMPL_ESCAPE_HTML, true, opts->template_dir, NULL, 0};
	struct buf out = {0};
	char *body = markdown_html(md, strlen(md));
	bool ok;

	tval_str(tval_set(data, a, "corpo"), a, body);
	free(body);
	ok = tmpl_render_file("pagina", data, &to, &out, d);
	if (!ok) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

bool
render_file(const char *path, const struct render_opts *opts, struct diags *d)
{
	struct session *s;
	char **annex = NULL, *dir = NULL, *stem = NULL, *md = NULL, *html = NULL;
	size_t nannex = 0, i, errors = d->errors;
	struct arena *a = NULL;
	struct tval *data;
	struct buf text = {0};
	struct tmpl_opts to = {TMPL_ESCAPE_MARKDOWN, true, opts->template_dir, NULL, 0};
	bool ok = false;

	s = load_file(path, d);
	if (s == NULL)
		goto out;
	validate_session(s, d);
	dir = util_dirname(path);
	annex = read_annexes(s, dir, &nannex, d);
	if (d->errors > errors)
		goto out; /* nothing is written from a file with errors */

	a = arena_new();
	data = context_build(s, (const char *const *)annex, a);
	if (!tmpl_render_file("verbale", data, &to, &text, d))
		goto out;
	md = markdown_normalize(text.data ? text.data : "", text.len);

	stem = util_stem(path);
	if (opts->outdir != NULL) {
		int err = util_mkdirs(opts->outdir);

		if (err) {
			struct pos p = {opts->outdir, 0, 0};

			diag_report(d, D_WRITE, &p, opts->outdir, strerror(err));
			goto out;
		}
	}
	ok = true;
	if (opts->formats & RENDER_MD)
		ok &= write_output(opts->outdir ? opts->outdir : dir, stem, "md", md, strlen(md),
		                   d);
	if (ok && (opts->formats & RENDER_HTML)) {
		html = html_page(data, a, md, opts, d);
		ok = html != NULL && write_output(opts->outdir ? opts->outdir : dir, stem, "html",
		                                  html, strlen(html), d);
	}
out:
	for (i = 0; annex != NULL && i < nannex; i++)
		free(annex[i]);
	free(annex);
	free(dir);
	free(stem);
	free(md);
	free(html);
	buf_free(&text);
	arena_free(a);
	session_free(s);
	return ok;
}
