/* inputs.c: the consistency checks and the files a session names, for check and render. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "inputs.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"
#include "markdown.h"
#include "text.h"
#include "util.h"
#include "validate.h"

enum { ANNEX_MAX_BYTES = 4 * 1024 * 1024 };

bool
inputs_path_inside(const char *rel)
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

enum inputs_where
inputs_resolve(const char *dir, const char *rel, char **real)
{
	char *path, *rdir;
	enum inputs_where w = INPUTS_INSIDE;

	*real = NULL;
	if (!inputs_path_inside(rel))
		return INPUTS_OUTSIDE;
	if (dir == NULL)
		return INPUTS_MISSING;
	path = util_join(dir, rel);
	*real = realpath(path, NULL);
	rdir = realpath(dir, NULL);
	free(path);
	if (*real == NULL)
		w = INPUTS_MISSING;
	else if (rdir == NULL || util_path_under(*real, rdir) == NULL)
		w = INPUTS_LINK_OUTSIDE;
	if (w != INPUTS_INSIDE) {
		free(*real);
		*real = NULL;
	}
	free(rdir);
	return w;
}

/* The position of the byte at bad in data, counted in characters, in the file path. */
static struct pos
byte_pos(const char *path, const char *data, size_t bad)
{
	struct pos at = {path, 1, 1};
	size_t o;

	for (o = 0; o < bad; o++) {
		if (data[o] == '\n') {
			at.line++;
			at.col = 1;
		} else if (((unsigned char)data[o] & 0xC0) != 0x80)
			at.col++;
	}
	return at;
}

/*
 * Where the file f names is: its real path (malloc'd) when it is inside dir's tree, else NULL
 * after reporting (missing is missing_id's message, with the name and where it was looked for).
 */
static char *
locate(const struct str *f, const char *dir, enum diag_id missing_id, struct diags *d,
       void (*seen)(void *ctx, const char *path), void *ctx)
{
	char *path = util_join(dir ? dir : ".", f->s), *real = NULL;

	if (inputs_path_inside(f->s) && seen != NULL)
		seen(ctx, path); /* an input of the minutes, even while it is missing */
	switch (inputs_resolve(dir, f->s, &real)) {
	case INPUTS_OUTSIDE: diag_report(d, D_PATH_OUTSIDE, &f->pos, f->s); break;
	case INPUTS_LINK_OUTSIDE: diag_report(d, D_LINK_OUTSIDE, &f->pos, f->s); break;
	case INPUTS_MISSING: diag_report(d, missing_id, &f->pos, f->s, path); break;
	case INPUTS_INSIDE: break;
	}
	free(path);
	return real;
}

/* The text of the annex f, or NULL after reporting. */
static char *
read_annex(const struct str *f, const char *dir, const struct util_reader *reader, struct diags *d,
           void (*seen)(void *ctx, const char *path), void *ctx)
{
	char *real = locate(f, dir, D_ANNEX_MISSING, d, seen, ctx), *path, *data = NULL;
	size_t len, bad;
	int err;

	if (real == NULL)
		return NULL;
	path = util_join(dir, f->s);
	err = util_read_file_via(reader, real, ANNEX_MAX_BYTES, &data, &len);
	if (err == ENOENT)
		diag_report(d, D_ANNEX_MISSING, &f->pos, f->s, path);
	else if (err == -1)
		diag_report(d, D_FILE_TOO_BIG, &f->pos, len,
		            (size_t)ANNEX_MAX_BYTES / (1024 * 1024));
	else if (err != 0)
		diag_report(d, D_READ, &f->pos, path, util_strerror(err));
	else if (!text_utf8_valid(data, len, &bad)) {
		struct pos at = byte_pos(path, data, bad);

		diag_report(d, D_ENCODING, &at, (unsigned char)data[bad]);
		free(data);
		data = NULL;
	} else {
		struct pos at = {path, 1, 1};

		if (!markdown_check(data, &at, d)) {
			free(data);
			data = NULL;
		}
	}
	free(real);
	free(path);
	return data;
}

/*
 * Where the logo f that s's body file names is: relative to the body file's folder, and inside
 * the root (s->root, else dir, the session's folder). Its real path (malloc'd), or NULL after
 * reporting.
 */
static char *
locate_in_body(const struct session *s, const struct str *f, const char *dir, struct diags *d,
               void (*seen)(void *ctx, const char *path), void *ctx)
{
	const char *root = s->root != NULL ? s->root : dir ? dir : ".";
	char *path = util_join(s->logo_dir, f->s), *real = NULL;
	int err;

	if (f->s[0] != '/' && seen != NULL)
		seen(ctx, path);
	err = util_path_resolve(s->logo_dir, f->s, root, &real);
	if (err == EXDEV)
		diag_report(d, D_ROOT_OUTSIDE, &f->pos, f->s, root);
	else if (err != 0)
		diag_report(d, D_LOGO_MISSING, &f->pos, f->s, path);
	free(path);
	return real;
}

/* The logo f: its real path, kind and size in in, or false after reporting. */
static bool
check_logo(const struct session *s, const struct str *f, const char *dir, struct inputs *in,
           const struct util_reader *reader, struct diags *d,
           void (*seen)(void *ctx, const char *path), void *ctx)
{
	const char *why = NULL;
	char *real, *data;
	size_t len;
	int err;

	if (strstr(f->s, "://") != NULL || strncmp(f->s, "data:", 5) == 0) {
		diag_report(d, D_IMAGE, &f->pos, f->s, "le immagini remote non si scaricano");
		return false;
	}
	real = s->logo_dir != NULL ? locate_in_body(s, f, dir, d, seen, ctx)
	                           : locate(f, dir, D_LOGO_MISSING, d, seen, ctx);
	if (real == NULL)
		return false;
	err = util_read_file_via(reader, real, IMAGE_MAX_BYTES, &data, &len);
	if (err != 0)
		why = err == -1 ? "più grande di 16 MiB" : util_strerror(err);
	else if (!image_probe((const unsigned char *)data, len, &in->logo_kind, &in->logo_w,
	                      &in->logo_h, &why))
		free(data);
	else {
		free(data);
		in->logo = real;
		return true;
	}
	diag_report(d, D_IMAGE, &f->pos, f->s, why);
	free(real);
	return false;
}

bool
inputs_check(const struct session *s, const char *dir, struct inputs *in,
             const struct util_reader *reader, struct diags *d,
             void (*seen)(void *ctx, const char *path), void *ctx)
{
	struct inputs scratch;
	size_t i, j, k = 0, errors = d->errors;

	if (in == NULL)
		in = &scratch;
	memset(in, 0, sizeof(*in));
	validate_session(s, d);
	for (i = 0; i < s->ndeliberazioni; i++)
		in->nannex += s->deliberazioni[i].nallegati;
	in->annex = xcalloc(in->nannex + 1, sizeof(*in->annex));
	for (i = 0; i < s->ndeliberazioni; i++)
		for (j = 0; j < s->deliberazioni[i].nallegati; j++, k++) {
			const struct str *f = &s->deliberazioni[i].allegati[j].file;

			if (f->s != NULL)
				in->annex[k] = read_annex(f, dir, reader, d, seen, ctx);
		}
	if (s->logo.s != NULL)
		check_logo(s, &s->logo, dir, in, reader, d, seen, ctx);
	if (in == &scratch)
		inputs_clear(in);
	return d->errors == errors;
}

void
inputs_clear(struct inputs *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; in->annex != NULL && i < in->nannex; i++)
		free(in->annex[i]);
	free(in->annex);
	free(in->logo);
	memset(in, 0, sizeof(*in));
}
