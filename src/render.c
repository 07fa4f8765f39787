/* render.c: the render pipeline for one session file. */
#include "render.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "bidi.h"
#include "check.h"
#include "context.h"
#include "copia.h"
#include "fonts.h"
#include "hyphenate.h"
#include "image.h"
#include "inputs.h"
#include "italian.h"
#include "load.h"
#include "markdown.h"
#include "model.h"
#include "odt.h"
#include "pdf.h"
#include "rules.h"
#include "style.h"
#include "template.h"
#include "text.h"
#include "typeset.h"
#include "util.h"

/* --- the output formats ------------------------------------------------------------------ */

static int
write_pdf(const char *path, const struct render_output *o)
{
	return util_write_atomic(path, o->pdf.data, o->pdf.len);
}

static int
write_md(const char *path, const struct render_output *o)
{
	return util_write_atomic(path, o->md, strlen(o->md));
}

static int
write_html(const char *path, const struct render_output *o)
{
	return util_write_atomic(path, o->html, strlen(o->html));
}

static int
write_odt(const char *path, const struct render_output *o)
{
	return util_write_atomic(path, o->odt.data, o->odt.len);
}

/* The formats (render.h), in the order render_file writes them. */
static const struct render_format formats_table[] = {
        {RENDER_PDF, "pdf", write_pdf},
        {RENDER_MD, "md", write_md},
        {RENDER_HTML, "html", write_html},
        {RENDER_ODT, "odt", write_odt},
};

enum { FORMATS_N = sizeof(formats_table) / sizeof(formats_table[0]) };

const struct render_format *
render_format_get(size_t i)
{
	return i < FORMATS_N ? &formats_table[i] : NULL;
}

const struct render_format *
render_format_find(const char *word, size_t len)
{
	size_t i;

	for (i = 0; i < FORMATS_N; i++)
		if (strlen(formats_table[i].ext) == len &&
		    strncasecmp(word, formats_table[i].ext, len) == 0) /* -f PDF too */
			return &formats_table[i];
	return NULL;
}

const struct render_format *
render_format_of(unsigned id)
{
	size_t i;

	for (i = 0; i < FORMATS_N && formats_table[i].id != id; i++)
		;
	assert(i < FORMATS_N && "every RENDER_* bit has its row");
	return &formats_table[i];
}

char *
render_format_list(const char *before, const char *sep)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < FORMATS_N; i++)
		buf_printf(&b, "%s%s%s", i > 0 ? sep : "", before, formats_table[i].ext);
	return buf_detach(&b);
}

bool
render_formats(const char *list, unsigned *formats, char **bad)
{
	const char *p = list;

	*formats = 0;
	*bad = NULL;
	if (list == NULL) {
		*formats = formats_table[0].id;
		return true;
	}
	while (*p) {
		size_t n = strcspn(p, ",");
		const struct render_format *f = render_format_find(p, n);

		if (f == NULL) {
			*bad = xstrndup(p, n);
			return false;
		}
		*formats |= f->id;
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

/* The first of formats (RENDER_* bits, not none) in the table's order. */
static unsigned
first_format(unsigned formats)
{
	const struct render_format *f;
	size_t i;

	for (i = 0; (f = render_format_get(i)) != NULL; i++)
		if (formats & f->id)
			return f->id;
	return RENDER_MD;
}

static void result_input(struct render_result *res, const char *path);

char *
render_doc_path(const char *dir, const char *stem, const char *suffix, const char *ext)
{
	char *name = xasprintf("%s%s.%s", stem, suffix, ext), *path = util_join(dir, name);

	free(name);
	return path;
}

/* Write o's output in format f as dir/stem.EXT; false after reporting. */
static bool
write_output(const char *dir, const char *stem, const struct render_format *f,
             const struct render_output *o, struct diags *d)
{
	char *path = render_doc_path(dir, stem, "", f->ext);
	int err = f->writer(path, o);
	struct pos p = {path, 0, 0};

	if (err)
		diag_report(d, D_WRITE, &p, path, util_strerror(err));
	free(path);
	return err == 0;
}

/*
 * The file an image in the text names, when it may be used: not a URL (markdown_url_is_remote),
 * relative, no '..', and, symbolic links followed, inside dir, the session's folder. Its real
 * path, malloc'd; NULL and *why when it cannot be used. The PDF and the HTML preview ask the
 * same question.
 */
static char *
image_file(const char *dir, const char *url, const char **why)
{
	char *real;

	if (markdown_url_is_remote(url)) {
		*why = "le immagini remote non si scaricano";
		return NULL;
	}
	switch (inputs_resolve(dir, url, &real)) {
	case INPUTS_OUTSIDE:
	case INPUTS_LINK_OUTSIDE: *why = "fuori dalla cartella della seduta"; return NULL;
	case INPUTS_MISSING: *why = "il file non esiste"; return NULL;
	case INPUTS_INSIDE: break;
	}
	return real;
}

/* A local image is an input of the minutes, even while it is missing (batch and watch follow
 * it). */
static void
image_input(struct render_result *res, const char *dir, const char *url)
{
	char *p;

	if (res == NULL || dir == NULL || markdown_url_is_remote(url) || !inputs_path_inside(url))
		return;
	p = util_join(dir, url);
	result_input(res, p);
	free(p);
}

/*
 * Read the image file path (image_file's) through reader and check that it is a PNG or a JPEG
 * of an allowed size, else report D_IMAGE: an image that is there but cannot be used is an
 * error in what the user gave. *data, unless data is NULL, receives its bytes (malloc'd).
 */
static bool
image_load(const struct util_reader *reader, const char *path, char **data, size_t *len,
           enum ts_image_kind *kind, double *w, double *h, struct diags *d)
{
	const char *why = NULL;
	char *bytes;
	size_t n;
	int err = util_read_file_via(reader, path, IMAGE_MAX_BYTES, &bytes, &n);

	if (err != 0) {
		diag_report(d, D_IMAGE, NULL, path,
		            err == -1 ? "più grande di 16 MiB" : util_strerror(err));
		return false;
	}
	if (!image_probe((const unsigned char *)bytes, n, kind, w, h, &why)) {
		diag_report(d, D_IMAGE, NULL, path, why);
		free(bytes);
		return false;
	}
	if (data != NULL) {
		*data = bytes;
		*len = n;
	} else
		free(bytes);
	return true;
}

/* The images put in one HTML page, in bytes of their files (each copy counts): the page stays
 * one a browser opens, and its making bounded in memory. */
enum { HTML_IMAGES_MAX = 32 * 1024 * 1024 };

/* What the HTML preview's images need. */
struct html_images {
	const char *dir; /* the session's folder (NULL: none, every image is missing) */
	bool speak;      /* no PDF is made: warn and record the inputs, as its hook does */
	const struct util_reader *reader;
	struct render_result *res; /* the images are inputs too (NULL: nobody records them) */
	struct pos at;             /* where the warnings point */
	struct diags *d;
	size_t embedded; /* bytes of images put in the page so far */
};

static void
html_image_skipped(struct html_images *hi, const char *url, const char *why)
{
	char *shown = diag_quote(url);

	diag_report(hi->d, D_IMAGE_SKIPPED, &hi->at, shown, why);
	free(shown);
}

/*
 * markdown_html's question. An image the PDF can draw, a PNG or JPEG file inside the session's
 * folder, is put in the page itself (a data: address): the preview shows it wherever the page
 * is opened or copied, and names no path; up to HTML_IMAGES_MAX in all, then their descriptions.
 * A remote one (a tracking pixel), a missing one or one outside the folder becomes its
 * description, as in the PDF. An image inside text is shown in the line: the preview need not
 * cut it out as the PDF does.
 */
static char *
html_image(void *ctx, const char *url)
{
	struct html_images *hi = ctx;
	const char *why = NULL;
	enum ts_image_kind kind;
	double w, h;
	char *real, *data = NULL;
	size_t len = 0;
	struct buf src = {0};

	if (hi->speak)
		image_input(hi->res, hi->dir, url);
	if ((real = image_file(hi->dir, url, &why)) == NULL) {
		if (hi->speak)
			html_image_skipped(hi, url, why);
		return NULL;
	}
	if (!image_load(hi->reader, real, &data, &len, &kind, &w, &h, hi->d)) {
		free(real);
		return NULL;
	}
	free(real);
	if (len > HTML_IMAGES_MAX - hi->embedded) {
		/* the PDF draws it: this is the preview's own limit, always told */
		html_image_skipped(hi, url,
		                   "le immagini dell'anteprima HTML supererebbero i 32 MiB");
		free(data);
		return NULL;
	}
	hi->embedded += len;
	buf_puts(&src, kind == TS_IMAGE_PNG ? "data:image/png;base64," : "data:image/jpeg;base64,");
	buf_base64(&src, data, len);
	free(data);
	return buf_detach(&src);
}

/* A new null value for key in map data: data may share its values with the data of another
 * document (context_act), so a key a render sets gets a value of its own. */
static struct tval *
fresh(struct tval *data, struct arena *a, const char *key)
{
	struct tval *v = arena_alloc(a, sizeof(*v)); /* zeroed: null */

	tval_set_shared(data, a, key, v);
	return v;
}

/* The HTML preview: cmark's HTML as `corpo` inside the template folder's page, which sees the
 * same data as the minutes. */
static char *
html_page(struct tval *data, struct arena *a, const char *md, enum markdown_quotes quotes,
          const struct render_opts *opts, const struct util_reader *reader, struct html_images *hi,
          struct diags *d)
{
	struct tmpl_opts to = {TMPL_ESCAPE_HTML, true, opts->template_dir, NULL, 0, reader};
	struct buf out = {0};
	char *body = markdown_html(md, strlen(md), quotes, html_image, hi);
	bool ok;

	tval_str(fresh(data, a, "corpo"), a, body);
	free(body);
	ok = tmpl_render_file("pagina", data, &to, &out, d);
	if (!ok) {
		buf_free(&out);
		return NULL;
	}
	return buf_detach(&out);
}

/* --- the PDF ------------------------------------------------------------------------------ */

/* The last Sunday of month m in year y, as days from 1970. */
static long long
last_sunday(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	long long last = util_days_from_civil(y, m, days[m - 1]);

	return last - ((last + 4) % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
}

/*
 * The document's date: SOURCE_DATE_EPOCH when set, else the sitting's date and time, read as
 * Italian civil time (CET, and CEST from the last Sunday of March to the last Sunday of
 * October, 01:00 UTC both), as seconds since 1970 UTC.
 */
static long long
document_date(int y, int m, int day, int h, int mi)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	long long t, start, end;

	if (sde != NULL && *sde) {
		char *e;
		long long v = strtoll(sde, &e, 10);

		if (*e == '\0' && v >= 0)
			return v;
	}
	t = util_days_from_civil(y, m, day) * 86400 + h * 3600 + mi * 60;
	start = last_sunday(y, 3) * 86400 + 3600;
	end = last_sunday(y, 10) * 86400 + 3600;
	t -= 3600; /* CET */
	if (t >= start && t < end)
		t -= 3600; /* CEST */
	return t;
}

struct render_env {
	struct render_opts opts;
	struct arena *a; /* the style's strings */
	struct ts_style st;
	struct fonts *f;      /* PDF only */
	struct hyphenator *h; /* PDF only */
	const char *icc;      /* the sRGB profile */
};

/* What the typesetter's hooks need. */
struct pdf_ctx {
	const char *dir;   /* the session's folder */
	const char *tdir;  /* the templates' folder */
	struct tval *data; /* the template data */
	struct arena *a;
	const struct ts_style *st;
	const char *header, *footer; /* Mustache texts of the page's margins */
	struct diags *d;
	bool margins_failed;              /* a header or footer template error was reported */
	struct render_result *res;        /* the images are inputs too */
	const struct util_reader *reader; /* reads the images and the partials */
};

static void
render_text(struct pdf_ctx *c, const char *tmpl, const char *what, struct buf *out)
{
	struct tmpl_opts to = {TMPL_ESCAPE_NONE, true, c->tdir, NULL, 0, c->reader};

	if (tmpl == NULL || c->margins_failed)
		return;
	if (!tmpl_render(tmpl, strlen(tmpl), what, c->data, &to, out, c->d))
		c->margins_failed = true;
}

static void
margins_hook(void *ctx, size_t page, size_t pages, const char *act, const char *last_act,
             struct buf *header, struct buf *footer)
{
	struct pdf_ctx *c = ctx;
	bool several = act != NULL && last_act != NULL && strcmp(act, last_act) != 0;

	tval_strf(fresh(c->data, c->a, "pagina"), c->a, "%zu", page);
	tval_strf(fresh(c->data, c->a, "pagine"), c->a, "%zu", pages);
	/* the acts whose text the page carries: "15", or "15-16" and atti true */
	if (several)
		tval_strf(fresh(c->data, c->a, "atto"), c->a, "%s-%s", act, last_act);
	else if (act != NULL)
		tval_str(fresh(c->data, c->a, "atto"), c->a, act);
	else
		fresh(c->data, c->a, "atto");
	tval_bool(fresh(c->data, c->a, "atti"), several);
	render_text(c, c->header, "stile.yaml (testata)", header);
	render_text(c, c->footer, "stile.yaml (piede)", footer);
}

static const char *
image_hook(void *ctx, const char *url, const char **why, enum ts_image_kind *kind, double *w,
           double *h)
{
	struct pdf_ctx *c = ctx;
	const char *path;
	char *real;

	image_input(c->res, c->dir, url);
	if ((real = image_file(c->dir, url, why)) == NULL)
		return NULL; /* missing, remote, outside: the alt text stands in, with a warning */
	path = arena_strdup(c->a, real);
	free(real);
	if (!image_load(c->reader, path, NULL, NULL, kind, w, h, c->d)) {
		*why = NULL; /* reported */
		return NULL;
	}
	return path;
}

static const char *const icc_profiles[] = {
        "/usr/share/color/icc/sRGB.icc",             /* icc-profiles-free */
        "/usr/share/color/icc/ghostscript/srgb.icc", /* libgs-common */
};

/* A document to make into a PDF: the minutes, or the archive's register. */
struct pdf_job {
	struct cmark_node *ast;
	struct tval *data; /* for the margins and the metadata templates */
	struct arena *a;
	const char *dir;            /* where images are looked for (NULL: none allowed) */
	const struct inputs *files; /* the logo, checked by inputs_check (NULL: none) */
	const char *header, *footer, *title, *subject, *keywords; /* Mustache texts */
	const char *author;
	long long date;
	const char *warn_file;                   /* where warnings point */
	const struct util_reader *reader;        /* reads for the document (NULL: none recorded) */
	const char *const *bound, *const *names; /* proper names (ts_hooks; NULL: none) */
	size_t nbound, nnames;
	const char *const *signers; /* the firme's qualifiche (ts_hooks; NULL: none) */
	size_t nsigners;
	/* a published copy (render --copia, copia.h): not signed, so it must never get signature
	 * fields; its data has omissis masked, the author (the ente) included */
	bool copy;
	/* render --incorpora: the check's results and the session's folder; the files come from
	 * what the render read, res (NULL: nothing embedded) */
	const struct pdf_embed *embed;
};

static bool
make_pdf(struct render_env *env, const struct pdf_job *job, struct buf *out, struct diags *d,
         struct render_result *res)
{
	const struct ts_style *st = &env->st;
	struct ts_doc *doc = NULL;
	struct ts_hooks hooks;
	struct pdf_ctx c;
	struct pdf_meta meta;
	struct pdf_embed embed;
	struct buf title = {0}, subject = {0}, keywords = {0};
	char *creator = NULL;
	size_t errors = d->errors;
	bool ok = false;

	memset(&c, 0, sizeof(c));
	memset(&hooks, 0, sizeof(hooks));
	c.dir = job->dir;
	c.tdir = env->opts.template_dir;
	c.data = job->data;
	c.a = job->a;
	c.st = st;
	c.header = job->header;
	c.footer = job->footer;
	c.d = d;
	c.res = res;
	c.reader = job->reader;
	hooks.ctx = &c;
	hooks.margins = margins_hook;
	hooks.image = image_hook; /* without a folder, every image is missing */
	hooks.warn_at.file = job->warn_file;
	hooks.bound = job->bound;
	hooks.nbound = job->nbound;
	hooks.names = job->names;
	hooks.nnames = job->nnames;
	hooks.signers = job->signers;
	hooks.nsigners = job->nsigners;
	if (job->files != NULL && job->files->logo != NULL) {
		hooks.logo = job->files->logo;
		hooks.logo_kind = job->files->logo_kind;
		hooks.logo_w = job->files->logo_w;
		hooks.logo_h = job->files->logo_h;
	}
	doc = ts_typeset(job->ast, st, env->f, env->h, &hooks, d);
	if (c.margins_failed || d->errors > errors)
		goto out;

	render_text(&c, job->title, "stile.yaml (titolo)", &title);
	render_text(&c, job->subject, "stile.yaml (oggetto)", &subject);
	render_text(&c, job->keywords, "stile.yaml (parole_chiave)", &keywords);
	if (c.margins_failed)
		goto out;
	memset(&meta, 0, sizeof(meta));
	meta.title = title.data ? title.data : "";
	meta.author = job->author;
	meta.subject = subject.data;
	meta.keywords = keywords.data;
	meta.creator = creator = xasprintf("verbale %s", VERSION);
	meta.date = job->date;
	meta.icc_path = env->icc;
	if (job->embed != NULL && res != NULL) {
		/* what the render read, the images just typeset included */
		embed = *job->embed;
		embed.paths = (const char *const *)res->inputs;
		embed.npaths = res->ninputs;
		meta.embed = &embed;
	}
	meta.copy = job->copy;
	ok = pdf_write(doc, env->f, &meta, job->reader, out, d);
out:
	ts_free(doc);
	free(creator);
	buf_free(&title);
	buf_free(&subject);
	buf_free(&keywords);
	return ok;
}

/* The sitting's proper names, for the typesetter (ts_hooks): the surnames, whose words are
 * tied; the given names and the body's names, kept whole. And the signers' qualifiche. */
static void
session_names(const struct session *s, struct arena *a, struct pdf_job *job)
{
	const char **bound = arena_array(a, s->ncomponenti + 1, sizeof(*bound));
	const char **names = arena_array(a, s->ncomponenti + 3, sizeof(*names));
	const char **signers;
	size_t i, nb = 0, nn = 0;

	for (i = 0; i < s->ncomponenti; i++) {
		if (s->componenti[i].cognome.s != NULL)
			bound[nb++] = s->componenti[i].cognome.s;
		if (s->componenti[i].nome.s != NULL)
			names[nn++] = s->componenti[i].nome.s;
	}
	if (s->seduta.segretario.cognome.s != NULL)
		bound[nb++] = s->seduta.segretario.cognome.s;
	if (s->seduta.segretario.nome.s != NULL)
		names[nn++] = s->seduta.segretario.nome.s;
	if (s->ente.s != NULL)
		names[nn++] = s->ente.s;
	if (s->organo.s != NULL)
		names[nn++] = s->organo.s;
	job->bound = bound;
	job->nbound = nb;
	job->names = names;
	job->nnames = nn;
	signers = arena_array(a, s->nfirme + 1, sizeof(*signers));
	for (i = 0; i < s->nfirme; i++)
		signers[i] = s->firme[i].qualifica.s;
	job->signers = signers;
	job->nsigners = s->nfirme;
}

static bool
render_pdf(struct render_env *env, const struct session *s, const char *dir,
           const struct inputs *files, struct cmark_node *ast, struct tval *data, struct arena *a,
           const struct util_reader *reader, const struct pdf_embed *embed, struct buf *out,
           struct diags *d, struct render_result *res)
{
	struct pdf_job job;

	memset(&job, 0, sizeof(job));
	job.ast = ast;
	job.data = data;
	job.a = a;
	job.dir = dir;
	job.files = files;
	job.header = env->st.header;
	job.footer = env->st.footer;
	job.title = env->st.title;
	job.subject = env->st.subject;
	job.keywords = env->st.keywords;
	job.author = s->ente.s;
	job.copy = tval_is_truthy(tval_get(data, "copia"));
	if (job.copy) {
		const struct tval *ente = tval_get(data, "ente");

		if (ente != NULL && ente->kind == TV_STR)
			job.author = ente->s;
	}
	job.date = document_date(s->seduta.data.y, s->seduta.data.m, s->seduta.data.d,
	                         s->seduta.ora.set ? s->seduta.ora.h : 0,
	                         s->seduta.ora.set ? s->seduta.ora.m : 0);
	job.warn_file = s->file;
	job.reader = reader;
	job.embed = embed;
	session_names(s, a, &job);
	return make_pdf(env, &job, out, d, res);
}

/* --- the archive's register ------------------------------------------------------------- */

/* Compare act numbers as people read them: digits as numbers ("2" before "10"). */
static int
natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			char *ea, *eb;
			unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);

			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return *a ? 1 : *b ? -1 : 0;
}

static int
register_cmp(const void *x, const void *y)
{
	const struct render_register_entry *a = x, *b = y;
	int c = strcmp(a->act.data, b->act.data);

	if (c == 0)
		c = natural_cmp(a->act.numero, b->act.numero);
	if (c == 0)
		c = strcmp(a->file, b->file);
	return c;
}

bool
render_register(struct render_env *env, struct render_register_entry *e, size_t n,
                const char *outdir, const char *name, struct diags *d)
{
	struct arena *a = arena_new();
	struct tval data, *list;
	struct tmpl_opts to = {TMPL_ESCAPE_MARKDOWN, true, env->opts.template_dir, NULL, 0, NULL};
	struct buf text = {0}, date = {0};
	struct cmark_node *ast = NULL;
	struct render_output o;
	char *stem = NULL;
	size_t i;
	unsigned bidi = 0;
	bool ok = false;

	memset(&o, 0, sizeof(o));
	if (n > 0)
		qsort(e, n, sizeof(*e), register_cmp);
	tval_map(&data);
	list = tval_set(&data, a, "atti");
	tval_list(list);
	for (i = 0; i < n; i++) {
		struct tval *it = tval_push(list, a);
		tval_map(it);
		it_date_iso(e[i].act.data, &date);
		tval_str(tval_set(it, a, "data"), a, date.data ? date.data : "");
		buf_free(&date);
		tval_str(tval_set(it, a, "data_iso"), a, e[i].act.data);
		tval_str(tval_set(it, a, "numero"), a, e[i].act.numero);
		tval_str(tval_set(it, a, "organo"), a, e[i].act.organo);
		tval_str(tval_set(it, a, "ente"), a, e[i].act.ente);
		tval_str(tval_set(it, a, "oggetto"), a, e[i].act.oggetto);
		tval_str(tval_set(it, a, "esito"), a, e[i].act.esito);
		tval_str(tval_set(it, a, "file"), a, e[i].file);
		if (e[i].act.documento != NULL && e[i].act.documento[0] != '\0') {
			/* beside the session's own outputs, which mirror the archive */
			char *dir = util_dirname(e[i].file), *own = util_stem(e[i].file);
			char *doc = render_doc_path(
			        dir, own, e[i].act.documento,
			        render_format_of(first_format(env->opts.formats))->ext);

			tval_str(tval_set(it, a, "documento"), a,
			         strncmp(doc, "./", 2) == 0 ? doc + 2 : doc);
			free(dir);
			free(own);
			free(doc);
		} else
			tval_set(it, a, "documento");
	}
	tval_strf(tval_set(&data, a, "numero_atti"), a, "%zu", n);
	bidi_show_data(&data, a, &bidi); /* each session's render has warned */
	if (n > 0) {
		it_date_iso(e[0].act.data, &date);
		tval_str(tval_set(&data, a, "primo"), a, date.data ? date.data : "");
		buf_free(&date);
		it_date_iso(e[n - 1].act.data, &date);
		tval_str(tval_set(&data, a, "ultimo"), a, date.data ? date.data : "");
		buf_free(&date);
	} else {
		tval_set(&data, a, "primo");
		tval_set(&data, a, "ultimo");
	}
	if (!tmpl_render_file("registro", &data, &to, &text, d))
		goto out;
	/* the tree only for the PDF: its smart parse costs time and memory */
	o.md = markdown_normalize_safe(text.data ? text.data : "", text.len,
	                               (enum markdown_quotes)env->st.quotes,
	                               env->opts.formats & RENDER_PDF ? &ast : NULL, NULL, NULL);
	stem = xstrdup(name);
	if (!write_output(outdir, stem, render_format_of(RENDER_MD), &o, d))
		goto out;
	if (env->opts.formats & RENDER_PDF) {
		struct pdf_job job;
		int y = 1970, m = 1, dd = 1;

		if (n > 0)
			sscanf(e[n - 1].act.data, "%d-%d-%d", &y, &m, &dd);
		memset(&job, 0, sizeof(job));
		job.ast = ast;
		job.data = &data;
		job.a = a;
		job.header = env->st.register_header;
		job.footer = env->st.register_footer;
		job.title = env->st.register_title;
		job.author = "verbale";
		job.date = document_date(y, m, dd, 0, 0);
		job.warn_file = name;
		if (!make_pdf(env, &job, &o.pdf, d, NULL) ||
		    !write_output(outdir, stem, render_format_of(RENDER_PDF), &o, d))
			goto out;
	}
	ok = true;
out:
	markdown_free(ast);
	buf_free(&text);
	render_output_clear(&o);
	free(stem);
	arena_free(a);
	return ok;
}

/* --- the environment, the results ------------------------------------------------------- */

struct render_env *
render_env_new(const struct render_opts *opts, struct diags *d)
{
	struct render_env *env = xcalloc(1, sizeof(*env));
	char *style_path = util_join(opts->template_dir, "stile.yaml");
	size_t i;
	bool ok;

	env->opts = *opts;
	env->opts.reader = NULL; /* borrowed for this call only */
	env->a = arena_new();
	ok = style_load(style_path, opts->reader, &env->st, env->a, d);
	env->st.no_kern = opts->no_kerning;
	free(style_path);
	if (ok && (opts->formats & RENDER_PDF)) {
		ok = (env->f = fonts_open(&env->st.fonts, d)) != NULL &&
		     (env->h = hyphenate_open(NULL, opts->reader, d)) != NULL;
		for (i = 0; ok && i < sizeof(icc_profiles) / sizeof(icc_profiles[0]); i++)
			if (access(icc_profiles[i], R_OK) == 0) {
				env->icc = icc_profiles[i];
				break;
			}
		if (ok && env->icc == NULL) {
			struct pos p = {icc_profiles[0], 0, 0};

			diag_report(
			        d, D_READ, &p, icc_profiles[0],
			        "profilo sRGB mancante: installare il pacchetto icc-profiles-free");
			ok = false;
		}
	}
	if (!ok) {
		render_env_free(env);
		return NULL;
	}
	return env;
}

unsigned
render_env_formats(const struct render_env *env)
{
	return env->opts.formats;
}

bool
render_env_incorpora(const struct render_env *env)
{
	return env->opts.incorpora;
}

void
render_env_documents(const struct render_env *env, bool *atti, bool *copia)
{
	*atti = env->opts.atti;
	*copia = env->opts.copia;
}

const char *
render_env_templates(const struct render_env *env)
{
	return env->opts.template_dir;
}

_Static_assert((int)FACE_MAX <= (int)RENDER_FONTS_MAX, "RENDER_FONTS_MAX holds every face");

size_t
render_env_fonts(const struct render_env *env, const char *paths[RENDER_FONTS_MAX])
{
	size_t n = 0;
	int i;

	for (i = 0; env->f != NULL && i < FACE_MAX; i++)
		if (fonts_path(env->f, (enum face)i) != NULL)
			paths[n++] = fonts_path(env->f, (enum face)i);
	return n;
}

void
render_env_free(struct render_env *env)
{
	if (env == NULL)
		return;
	hyphenate_free(env->h);
	fonts_free(env->f);
	arena_free(env->a);
	free(env);
}

static void
result_input(struct render_result *res, const char *path)
{
	if (res == NULL)
		return;
	res->inputs = xrealloc(res->inputs, (res->ninputs + 1) * sizeof(*res->inputs));
	res->inputs[res->ninputs++] = xstrdup(path);
}

void
render_act_clear(struct render_act *a)
{
	free(a->numero);
	free(a->data);
	free(a->ente);
	free(a->organo);
	free(a->oggetto);
	free(a->esito);
	free(a->documento);
}

void
render_result_clear(struct render_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->ninputs; i++)
		free(r->inputs[i]);
	for (i = 0; i < r->nacts; i++)
		render_act_clear(&r->acts[i]);
	for (i = 0; i < r->ndocs; i++)
		free(r->docs[i]);
	free(r->inputs);
	free(r->acts);
	free(r->docs);
	memset(r, 0, sizeof(*r));
}

/* The suffix of act i's document: "-" and its number, each character outside [A-Za-z0-9._-]
 * made '_' ("DEL 3": "-DEL_3"); the act's position when it has no number. */
static char *
act_suffix(const struct act *act, size_t i)
{
	/* an act that is not a deliberazione: its kind first, each kind numbering its own */
	static const char *const kind[ACT_KIND_MAX] = {"", "odg-", "mozione-", "interpellanza-"};
	char *suffix, *p;

	if (act->numero.s == NULL || act->numero.s[0] == '\0')
		return xasprintf("-%s%zu", kind[act->tipo], i + 1);
	suffix = xasprintf("-%s%s", kind[act->tipo], act->numero.s);
	for (p = suffix + 1; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' || *p == '-'))
			*p = '_';
	return suffix;
}

/* An act's number in the register: a deliberazione's as written; another kind's after its
 * name, as each kind numbers its own ("OdG 1", "Mozione", "Interpellanza 3"). */
static char *
act_register_number(const struct act *a)
{
	static const char *const kind[ACT_KIND_MAX] = {"", "OdG", "Mozione", "Interpellanza"};
	const char *n = a->numero.s ? a->numero.s : "";

	if (a->tipo == ACT_DELIBERAZIONE)
		return xstrdup(n);
	return *n ? xasprintf("%s %s", kind[a->tipo], n) : xstrdup(kind[a->tipo]);
}

/* Each act and its outcome (rules_act_vote: its last ordinaria vote, never an amendment's or
 * the immediate enforceability's), for the register. */
static void
result_acts(struct render_result *res, const struct session *s, bool atti)
{
	size_t n = s->ncomponenti ? s->ncomponenti : 1, i;
	bool *present = xcalloc(n, sizeof(bool));
	enum cast *cast = xcalloc(n, sizeof(enum cast));

	res->acts = xcalloc(s->ndeliberazioni + 1, sizeof(*res->acts));
	for (i = 0; i < s->ndeliberazioni; i++) {
		const struct act *a = &s->deliberazioni[i];
		const struct vote *last = rules_act_vote(a);
		struct render_act *ra = &res->acts[res->nacts++];

		ra->numero = act_register_number(a);
		/* a month or a year alone sorts before every day of it (strcmp) */
		ra->data = s->seduta.data.precision == DATE_YEAR
		                   ? xasprintf("%04d", s->seduta.data.y)
		           : s->seduta.data.precision == DATE_MONTH
		                   ? xasprintf("%04d-%02d", s->seduta.data.y, s->seduta.data.m)
		                   : xasprintf("%04d-%02d-%02d", s->seduta.data.y, s->seduta.data.m,
		                               s->seduta.data.d);
		ra->ente = xstrdup(s->ente.s ? s->ente.s : "");
		ra->organo = xstrdup(s->organo.s ? s->organo.s : "");
		ra->oggetto = xstrdup(a->oggetto.s ? a->oggetto.s : "");
		ra->documento = atti ? act_suffix(a, i) : xstrdup("");
		if (last != NULL) {
			struct tally t;

			rules_presence(s, last->seq, present);
			rules_casts(s, last, present, cast);
			rules_tally(s, last, cast, &t);
			ra->esito = xstrdup(model_outcome_names[t.esito]);
		} else
			ra->esito = xstrdup("");
	}
	free(present);
	free(cast);
}

/* Whether path names the same file as other (both may not exist yet). */
static bool
same_file(const char *path, const char *other)
{
	struct stat a, b;

	return stat(path, &a) == 0 && stat(other, &b) == 0 && a.st_dev == b.st_dev &&
	       a.st_ino == b.st_ino;
}

/* An output must never overwrite what the minutes are made from (an annex called NAME.md). */
static bool
outputs_are_not_inputs(const char *dir, const char *stem, unsigned formats, const struct session *s,
                       const struct render_result *res, struct diags *d)
{
	const struct render_format *f;
	bool ok = true;
	size_t i, k;

	for (i = 0; (f = render_format_get(i)) != NULL; i++) {
		char *name, *path;

		if (!(formats & f->id))
			continue;
		name = xasprintf("%s.%s", stem, f->ext);
		path = util_join(dir, name);
		for (k = 0; k < res->ninputs; k++)
			if (same_file(path, res->inputs[k])) {
				struct pos p = {s->file, 0, 0};

				diag_report(d, D_OUTPUT_IS_INPUT, &p, path);
				ok = false;
			}
		free(name);
		free(path);
	}
	return ok;
}

/* inputs_check's callback: each file the session names is an input of the minutes. */
static void
seen_input(void *ctx, const char *path)
{
	result_input(ctx, path);
}

/* Where warnings about links point, and where they go. */
struct link_warn {
	struct pos at;
	struct diags *d;
};

/* A link left as text (markdown_normalize_safe): a warning, quoting it (diag_quote). */
static void
link_warn(void *ctx, const char *url, enum markdown_link why)
{
	struct link_warn *w = ctx;
	char *shown = diag_quote(url);

	diag_report(
	        w->d, D_LINK_UNSAFE, &w->at, shown,
	        why == MARKDOWN_LINK_LONG
	                ? "l'indirizzo supera i 65535 byte che un PDF ammette: accorciarlo"
	                : "sono ammessi solo indirizzi http:, https: e mailto: e i rimandi a un "
	                  "punto del documento (#nome)");
	free(shown);
}

/*
 * What `check --json` prints for s, with d's reports from first on (render --incorpora embeds
 * it): every file named by its base name, so that the same session gives the same bytes from
 * any folder. Malloc'd, its length in *len, and *name (malloc'd) the name it is embedded as.
 */
static char *
check_json(const struct session *s, const struct diags *d, size_t first, size_t *len,
           const char **name)
{
	struct diags shown = *d;
	char *out = NULL, *stem = util_stem(s->file);
	size_t i, n = 0;
	FILE *f;

	shown.v = xcalloc(d->n ? d->n : 1, sizeof(*shown.v));
	for (i = 0; i < d->n; i++) {
		const char *file = d->v[i].pos.file, *slash = file ? strrchr(file, '/') : NULL;

		shown.v[i] = d->v[i];
		shown.v[i].pos.file = slash ? slash + 1 : file;
	}
	*name = xasprintf("%s-check.json", stem);
	if ((f = open_memstream(&out, &n)) == NULL)
		util_out_of_memory(); /* open_memstream fails only for memory */
	check_print_json(f, strrchr(s->file, '/') ? strrchr(s->file, '/') + 1 : s->file, s, &shown,
	                 first);
	fputc('\n', f);
	fclose(f);
	*len = n;
	free(shown.v);
	free(stem);
	return out;
}

/* A document to make from a loaded session: which template over which data. */
struct doc_job {
	const struct session *s;
	const char *dir; /* the session's folder (NULL: none) */
	const struct inputs *files;
	const struct util_reader *reader;
	struct render_result *res;
	struct arena *a;
	const struct pdf_embed *embed; /* render --incorpora, for the processo verbale only */
};

/*
 * One document's outputs, made in memory from template tmpl over data: the Markdown always,
 * the PDF and the HTML when the formats ask. Warnings about links go to lw (NULL: none).
 * False after reporting.
 */
static bool
make_doc(struct render_env *env, const struct doc_job *j, const char *tmpl, struct tval *data,
         struct link_warn *lw, struct render_output *o, struct diags *d)
{
	const struct render_opts *opts = &env->opts;
	struct tmpl_opts to = {TMPL_ESCAPE_MARKDOWN, true, opts->template_dir, NULL, 0, j->reader};
	struct cmark_node *ast = NULL;
	struct buf text = {0};
	bool ok = false;

	if (!tmpl_render_file(tmpl, data, &to, &text, d))
		goto out;
	/* the text for the Markdown and the HTML, the tree for the PDF and the ODT only */
	o->md = markdown_make(
	        text.data ? text.data : "", text.len, (enum markdown_quotes)env->st.quotes,
	        opts->formats & (RENDER_MD | RENDER_HTML),
	        opts->formats & (RENDER_PDF | RENDER_ODT) ? &ast : NULL, lw ? link_warn : NULL, lw);
	if ((opts->formats & RENDER_PDF) &&
	    !render_pdf(env, j->s, j->dir, j->files, ast, data, j->a, j->reader, j->embed, &o->pdf,
	                d, j->res))
		goto out;
	if (opts->formats & RENDER_HTML) {
		/* the PDF's typesetter has already warned about the images and recorded them */
		struct html_images hi = {j->dir,
		                         !(opts->formats & RENDER_PDF),
		                         j->reader,
		                         j->res,
		                         {j->s->file, 0, 0},
		                         d,
		                         0};

		if ((o->html = html_page(data, j->a, o->md, (enum markdown_quotes)env->st.quotes,
		                         opts, j->reader, &hi, d)) == NULL)
			goto out;
	}
	if ((opts->formats & RENDER_ODT) &&
	    !odt_make(&(struct odt_job){ast, &env->st, data, j->a, opts->template_dir, j->reader,
	                                j->dir, j->files, j->s,
	                                !(opts->formats & (RENDER_PDF | RENDER_HTML)),
	                                j->res ? seen_input : NULL, j->res},
	              &o->odt, d))
		goto out;
	ok = true;
out:
	buf_free(&text);
	markdown_free(ast);
	return ok;
}

void
render_docs_clear(struct render_doc *docs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(docs[i].suffix);
		render_output_clear(&docs[i].out);
	}
	free(docs);
}

/* Each document of docs[0..n) must have a file of its own: two acts whose numbers give the same
 * name ("DEL 3" and "DEL_3"), or an act numbered "copia" beside the copy of the processo
 * verbale, are an error at the second act's number. Document i is act i % (nacts + 1) - 1. */
static bool
names_differ(const struct session *s, const struct render_doc *docs, size_t n, size_t nacts,
             struct diags *d)
{
	char *stem = util_stem(s->file);
	bool ok = true;
	size_t i, k;

	for (i = 1; i < n; i++)
		for (k = 0; k < i; k++) {
			size_t act = i % (1 + nacts), other = k % (1 + nacts);
			const struct act *a;

			/* two copies collide when their originals do, which is reported */
			if ((k > nacts && i > nacts) || strcmp(docs[i].suffix, docs[k].suffix) != 0)
				continue;
			/* not before: act and other are both 0 for the minutes and their copy */
			a = &s->deliberazioni[(act ? act : other) - 1];
			if (act != 0 && other != 0 && act != other)
				diag_report(d, D_ACT_FILE_TWICE, &a->numero.pos,
				            s->deliberazioni[act - 1].numero.s,
				            s->deliberazioni[other - 1].numero.s, stem,
				            docs[i].suffix);
			else
				diag_report(d, D_ACT_FILE_COPY, &a->numero.pos, a->numero.s, stem,
				            docs[i].suffix);
			ok = false;
			break;
		}
	free(stem);
	return ok;
}

/*
 * The documents of a loaded session, made in memory into docs[0..*ndocs) (malloc'd; free with
 * render_docs_clear): the processo verbale first; with --atti each act's own document
 * (deliberazione.mustache); with --copia the published copy of each. dir is the session's
 * folder (annexes, logo, images), or NULL when the session has none (then they cannot be
 * read). errors is d->errors before the session was loaded: a session with an error, its
 * loading's included, is checked in full as `check` does (inputs_check), and then no template
 * runs on it, so nothing but its real errors is printed. Every file read for it goes through
 * reader (NULL: none recorded). What the documents after the first find again (a link, a
 * missing image) is reported once. False after reporting.
 */
static bool
render_session(struct render_env *env, struct session *s, const char *dir, size_t errors,
               size_t first, const struct util_reader *reader, struct render_doc **docs,
               size_t *ndocs, struct render_result *res, struct diags *d)
{
	const struct render_opts *opts = &env->opts;
	struct inputs files;
	struct link_warn lw = {{s->file, 0, 0}, d};
	struct doc_job j = {s, dir, &files, reader, res, NULL, NULL};
	struct pdf_embed embed;
	struct tval *data;
	size_t nacts = opts->atti ? s->ndeliberazioni : 0, n, i;
	unsigned bidi = 0;
	bool ok = true;

	*docs = NULL;
	*ndocs = 0;
	inputs_check(s, dir, &files, reader, d, res ? seen_input : NULL, res);
	if (res != NULL)
		result_acts(res, s, opts->atti);
	if (d->errors > errors) {
		inputs_clear(&files);
		return false; /* nothing is made from a file with errors */
	}
	memset(&embed, 0, sizeof(embed));
	if (opts->incorpora && dir != NULL && res != NULL) {
		embed.dir = dir;
		embed.json = check_json(s, d, first, &embed.jsonlen, &embed.json_name);
		j.embed = &embed;
	}
	j.a = arena_new();
	data = context_build(s, (const char *const *)files.annex, opts->atti, j.a);
	bidi_show_data(data, j.a, &bidi);
	bidi_warn(bidi, s->file, d);
	n = (1 + nacts) * (opts->copia ? 2 : 1);
	*docs = xcalloc(n, sizeof(**docs));
	*ndocs = n;
	for (i = 0; i < n; i++) {
		size_t act = i % (1 + nacts); /* 0 the processo verbale, else act act - 1 */
		const char *copy = i > nacts ? "-copia" : "";

		if (act == 0)
			(*docs)[i].suffix = xstrdup(copy);
		else {
			char *num = act_suffix(&s->deliberazioni[act - 1], act - 1);

			(*docs)[i].suffix = xasprintf("%s%s", num, copy);
			free(num);
		}
	}
	ok = names_differ(s, *docs, n, nacts, d);
	if (res != NULL) {
		res->docs = xcalloc(n, sizeof(*res->docs));
		for (i = 0; i < n; i++)
			res->docs[res->ndocs++] = xstrdup((*docs)[i].suffix);
	}
	for (i = 0; ok && i < n; i++) {
		struct render_doc *doc = &(*docs)[i];
		size_t act = i % (1 + nacts);
		bool copy = i > nacts;
		struct tval *v = act == 0 ? data : context_act(data, act - 1, j.a);
		struct diags again;

		if (copy) /* the processo verbale holds every text: its copy warns of the unused */
			v = copia_data(v, s, act == 0 ? NULL : &s->deliberazioni[act - 1], j.a,
			               act == 0 ? d : NULL);
		if (i == 0) {
			ok = make_doc(env, &j, "verbale", v, &lw, &doc->out, d);
			j.res = NULL; /* the minutes hold every image the other documents show */
			j.embed = NULL;
			continue;
		}
		diags_init(&again, NULL);
		ok = make_doc(env, &j, act == 0 ? "verbale" : "deliberazione", v, NULL, &doc->out,
		              &again);
		diags_merge(d, &again);
		diags_clear(&again);
	}
	inputs_clear(&files);
	arena_free(j.a);
	free((char *)embed.json);
	free((char *)embed.json_name);
	return ok;
}

void
render_output_clear(struct render_output *o)
{
	free(o->md);
	free(o->html);
	buf_free(&o->pdf);
	buf_free(&o->odt);
	memset(o, 0, sizeof(*o));
}

bool
render_buffer(struct render_env *env, const char *text, size_t len, const char *name,
              struct render_output *o, struct diags *d)
{
	size_t errors = d->errors;
	struct session *s = load_session(text, len, name, d);
	bool ok;

	struct render_doc *docs = NULL;
	size_t ndocs = 0;

	memset(o, 0, sizeof(*o));
	if (s == NULL)
		return false;
	ok = render_session(env, s, NULL, errors, d->n, NULL, &docs, &ndocs, NULL, d) &&
	     d->errors == errors;
	if (ndocs > 0) { /* the processo verbale, the first */
		*o = docs[0].out;
		memset(&docs[0].out, 0, sizeof(docs[0].out));
	}
	render_docs_clear(docs, ndocs);
	session_free(s);
	return ok;
}

bool
render_file(struct render_env *env, const char *path, const char *outdir,
            const struct util_reader *reader, struct render_result *res, struct diags *d)
{
	const struct render_opts *opts = &env->opts;
	const struct render_format *f;
	struct render_doc *docs = NULL;
	struct render_result own;
	struct session *s;
	char *dir = NULL, *stem = NULL;
	size_t errors = d->errors, first = d->n, ndocs = 0, i, k;
	bool ok = false;

	memset(&own, 0, sizeof(own));
	if (res == NULL)
		res = &own; /* the inputs are needed for outputs_are_not_inputs all the same */
	memset(res, 0, sizeof(*res));
	result_input(res, path);
	if (outdir == NULL)
		outdir = opts->outdir;
	if ((s = load_file_with(path, &(struct load_opts){opts->root, reader, seen_input, res},
	                        d)) == NULL)
		goto out;
	dir = util_dirname(path);
	/* every output is made in memory first: a failure writes none of them, and nothing is
	 * written from a file with errors, those of loading included */
	if (!render_session(env, s, dir, errors, first, reader, &docs, &ndocs, res, d) ||
	    d->errors > errors)
		goto out;
	stem = util_stem(path);
	if (outdir != NULL) {
		int err = util_mkdirs(outdir);

		if (err) {
			struct pos p = {outdir, 0, 0};

			diag_report(d, D_WRITE, &p, outdir, util_strerror(err));
			goto out;
		}
	}
	ok = true;
	for (k = 0; k < ndocs; k++) {
		char *name = xasprintf("%s%s", stem, docs[k].suffix);

		ok &= outputs_are_not_inputs(outdir ? outdir : dir, name, opts->formats, s, res, d);
		free(name);
	}
	for (k = 0; ok && k < ndocs; k++) {
		char *name = xasprintf("%s%s", stem, docs[k].suffix);

		for (i = 0; ok && (f = render_format_get(i)) != NULL; i++)
			if (opts->formats & f->id)
				ok = write_output(outdir ? outdir : dir, name, f, &docs[k].out, d);
		free(name);
	}
out:
	render_docs_clear(docs, ndocs);
	render_result_clear(&own);
	free(dir);
	free(stem);
	session_free(s);
	return ok;
}
