/* render.c: the render pipeline for one session file. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "render.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "context.h"
#include "fonts.h"
#include "hyphen.h"
#include "image.h"
#include "load.h"
#include "markdown.h"
#include "model.h"
#include "pdf.h"
#include "template.h"
#include "typeset.h"
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

/* --- the PDF ------------------------------------------------------------------------------ */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long long
days_from_civil(int y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The last Sunday of month m in year y, as days from 1970. */
static long long
last_sunday(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long long last = days_from_civil(y, m, days[m - 1]);

	return last - ((last + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
}

/*
 * The document's date: SOURCE_DATE_EPOCH when set, else the sitting's date and time, read as
 * Italian civil time (CET, and CEST from the last Sunday of March to the last Sunday of
 * October, 01:00 UTC both), as seconds since 1970 UTC.
 */
static long long
document_date(const struct session *s)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long t, start, end;

	if (sde != NULL && *sde) {
		char *e;
		long long v = strtoll(sde, &e, 10);

		if (*e == '\0' && v >= 0)
			return v;
	}
	t = days_from_civil(s->seduta.data.y, s->seduta.data.m, s->seduta.data.d) * 86400 +
	    (s->seduta.ora.set ? s->seduta.ora.h * 3600 + s->seduta.ora.m * 60 : 0);
	start = last_sunday(s->seduta.data.y, 3) * 86400 + 3600;
	end = last_sunday(s->seduta.data.y, 10) * 86400 + 3600;
	t -= 3600; /* CET */
	if (t >= start && t < end)
		t -= 3600; /* CEST */
	return t;
}

/* What the typesetter's hooks need. */
struct pdf_ctx {
	const char *dir;   /* the session's folder */
	const char *tdir;  /* the templates' folder */
	struct tval *data; /* the template data */
	struct arena *a;
	const struct ts_style *st;
	struct diags *d;
	bool margins_failed; /* a header or footer template error was reported */
	char *real_dir;      /* realpath of dir */
};

static void
render_text(struct pdf_ctx *c, const char *tmpl, const char *what, struct buf *out)
{
	struct tmpl_opts to = {TMPL_ESCAPE_NONE, true, c->tdir, NULL, 0};

	if (tmpl == NULL || c->margins_failed)
		return;
	if (!tmpl_render(tmpl, strlen(tmpl), what, c->data, &to, out, c->d))
		c->margins_failed = true;
}

static void
margins_hook(void *ctx, size_t page, size_t pages, const char *act, struct buf *header,
             struct buf *footer)
{
	struct pdf_ctx *c = ctx;

	tval_strf(tval_set(c->data, c->a, "pagina"), c->a, "%zu", page);
	tval_strf(tval_set(c->data, c->a, "pagine"), c->a, "%zu", pages);
	if (act != NULL)
		tval_str(tval_set(c->data, c->a, "atto"), c->a, act);
	else
		tval_set(c->data, c->a, "atto")->kind = TV_NULL;
	render_text(c, c->st->header, "stile.yaml (testata)", header);
	render_text(c, c->st->footer, "stile.yaml (piede)", footer);
}

/*
 * A file named in the session (an image, the logo) that may be used: relative, no '..', not a
 * URL, and, symbolic links followed, inside the session's folder. The path lives in c->a.
 */
static const char *
inside(struct pdf_ctx *c, const char *rel, const char **why)
{
	char *path, *real;
	const char *out;
	size_t n;

	if (strstr(rel, "://") != NULL || strncmp(rel, "data:", 5) == 0) {
		*why = "le immagini remote non si scaricano";
		return NULL;
	}
	if (!path_inside(rel)) {
		*why = "fuori dalla cartella della seduta";
		return NULL;
	}
	path = util_join(c->dir, rel);
	real = realpath(path, NULL);
	free(path);
	if (real == NULL) {
		*why = "il file non esiste";
		return NULL;
	}
	n = c->real_dir ? strlen(c->real_dir) : 0;
	if (c->real_dir == NULL || strncmp(real, c->real_dir, n) != 0 || real[n] != '/') {
		free(real);
		*why = "fuori dalla cartella della seduta";
		return NULL;
	}
	out = arena_strdup(c->a, real);
	free(real);
	return out;
}

static const char *
image_hook(void *ctx, const char *url, const char **why, enum ts_image_kind *kind, double *w,
           double *h)
{
	struct pdf_ctx *c = ctx;
	const char *path = inside(c, url, why);
	char *data;
	size_t len;
	int err;

	if (path == NULL)
		return NULL;
	err = util_read_file(path, IMAGE_MAX_BYTES, &data, &len);
	if (err != 0) {
		*why = err == -1 ? "più grande di 16 MiB" : "il file non si può leggere";
		return NULL;
	}
	if (!image_probe((const unsigned char *)data, len, kind, w, h, why))
		path = NULL;
	free(data);
	return path;
}

static const char *const icc_profiles[] = {
        "/usr/share/color/icc/sRGB.icc",             /* icc-profiles-free */
        "/usr/share/color/icc/ghostscript/srgb.icc", /* libgs-common */
};

static bool
render_pdf(const struct session *s, const char *dir, struct cmark_node *ast, struct tval *data,
           struct arena *a, const struct render_opts *opts, struct buf *out, struct diags *d)
{
	struct ts_style st;
	struct fonts *f = NULL;
	struct hyphenator *h = NULL;
	struct ts_doc *doc = NULL;
	struct ts_hooks hooks;
	struct pdf_ctx c;
	struct pdf_meta meta;
	struct buf title = {0}, subject = {0}, keywords = {0};
	char *style_path = util_join(opts->template_dir, "stile.yaml"), *creator = NULL;
	size_t i, errors = d->errors;
	bool ok = false;

	memset(&c, 0, sizeof(c));
	memset(&hooks, 0, sizeof(hooks));
	if (!load_style(style_path, &st, a, d))
		goto out;
	if ((f = fonts_open(&st.fonts, d)) == NULL || (h = hyphen_open(NULL, d)) == NULL)
		goto out;
	c.dir = dir;
	c.tdir = opts->template_dir;
	c.data = data;
	c.a = a;
	c.st = &st;
	c.d = d;
	c.real_dir = realpath(dir, NULL);
	hooks.ctx = &c;
	hooks.margins = margins_hook;
	hooks.image = image_hook;
	hooks.warn_at.file = s->file;
	if (s->logo.s != NULL) {
		const char *why = NULL;

		hooks.logo = image_hook(&c, s->logo.s, &why, &hooks.logo_kind, &hooks.logo_w,
		                        &hooks.logo_h);
		if (hooks.logo == NULL) {
			diag_report(d, D_IMAGE, &s->logo.pos, s->logo.s, why);
			goto out;
		}
	}
	doc = ts_typeset(ast, &st, f, h, &hooks, d);
	if (c.margins_failed || d->errors > errors)
		goto out;

	render_text(&c, st.title, "stile.yaml (titolo)", &title);
	render_text(&c, st.subject, "stile.yaml (oggetto)", &subject);
	render_text(&c, st.keywords, "stile.yaml (parole_chiave)", &keywords);
	if (c.margins_failed)
		goto out;
	memset(&meta, 0, sizeof(meta));
	meta.title = title.data ? title.data : (s->ente.s ? s->ente.s : "");
	meta.author = s->ente.s;
	meta.subject = subject.data;
	meta.keywords = keywords.data;
	meta.creator = creator = xasprintf("verbale %s", VERSION);
	meta.date = document_date(s);
	for (i = 0; i < sizeof(icc_profiles) / sizeof(icc_profiles[0]); i++)
		if (access(icc_profiles[i], R_OK) == 0) {
			meta.icc_path = icc_profiles[i];
			break;
		}
	if (meta.icc_path == NULL) {
		struct pos p = {icc_profiles[0], 0, 0};

		diag_report(d, D_READ, &p, icc_profiles[0],
		            "profilo sRGB mancante: installare il pacchetto icc-profiles-free");
		goto out;
	}
	ok = pdf_write(doc, f, &meta, out, d);
out:
	ts_free(doc);
	hyphen_free(h);
	fonts_free(f);
	free(style_path);
	free(creator);
	free(c.real_dir);
	buf_free(&title);
	buf_free(&subject);
	buf_free(&keywords);
	return ok;
}

bool
render_file(const char *path, const struct render_opts *opts, struct diags *d)
{
	struct session *s;
	char **annex = NULL, *dir = NULL, *stem = NULL, *md = NULL, *html = NULL;
	size_t nannex = 0, i, errors = d->errors;
	struct arena *a = NULL;
	struct cmark_node *ast = NULL;
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
	md = markdown_normalize(text.data ? text.data : "", text.len, &ast);

	stem = util_stem(path);
	if (opts->outdir != NULL) {
		int err = util_mkdirs(opts->outdir);

		if (err) {
			struct pos p = {opts->outdir, 0, 0};

			diag_report(d, D_WRITE, &p, opts->outdir, strerror(err));
			goto out;
		}
	}
	if (opts->formats & RENDER_PDF) {
		struct buf pdf = {0};

		if (!render_pdf(s, dir, ast, data, a, opts, &pdf, d)) {
			buf_free(&pdf);
			goto out;
		}
		ok = write_output(opts->outdir ? opts->outdir : dir, stem, "pdf", pdf.data, pdf.len,
		                  d);
		buf_free(&pdf);
		if (!ok)
			goto out;
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
	markdown_free(ast);
	arena_free(a);
	session_free(s);
	return ok;
}
