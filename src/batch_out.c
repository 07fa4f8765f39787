/* batch_out.c: where each session's outputs are, whether they are there, and those no session
 * writes any more: a session gone from the archive, a document a session no longer writes
 * (batch_private.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "batch_private.h"
#include "util.h"

char *
batch_out_dir(const struct batch *b, const char *rel)
{
	char *d, *o;

	if (b->o->outdir == NULL)
		return NULL;
	d = util_dirname(rel);
	o = strcmp(d, ".") == 0 ? xstrdup(b->o->outdir) : util_join(b->o->outdir, d);
	free(d);
	return o;
}

/* The path of document suffix (render_doc: "" the processo verbale) of session rel with
 * extension ext. */
static char *
output_path(const struct batch *b, const char *rel, const char *suffix, const char *ext)
{
	char *dir = batch_out_dir(b, rel), *stem = util_stem(rel), *path;

	if (dir == NULL) {
		char *d = util_dirname(rel);

		dir = strcmp(d, ".") == 0 ? xstrdup(b->o->dir) : util_join(b->o->dir, d);
		free(d);
	}
	path = render_doc_path(dir, stem, suffix, ext);
	free(stem);
	free(dir);
	return path;
}

/* The suffix of e's document k, of k < entry_docs(e): the processo verbale alone when the
 * manifest names none. */
static const char *
entry_doc_suffix(const struct entry *e, size_t k)
{
	return e->ndocs > 0 ? e->docs[k] : "";
}

static size_t
entry_docs(const struct entry *e)
{
	return e->ndocs > 0 ? e->ndocs : 1;
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool
batch_out_exist(const struct batch *b, const struct entry *e)
{
	unsigned formats = render_env_formats(b->env);
	const struct render_format *f;
	bool ok = true;
	size_t i, k;

	for (k = 0; k < entry_docs(e); k++)
		for (i = 0; ok && (f = render_format_get(i)) != NULL; i++) {
			if (formats & f->id) {
				char *path = output_path(b, e->rel, entry_doc_suffix(e, k), f->ext);

				ok = is_file(path);
				free(path);
			}
		}
	return ok;
}

void
batch_out_stale(struct batch *b, struct entry *e, char **old, size_t nold, bool rendered)
{
	const struct render_format *f;
	size_t i, k;

	for (i = 0; i < nold; i++) {
		bool written = false, kept = !rendered;

		for (k = 0; rendered && k < e->ndocs && !written; k++)
			written = strcmp(e->docs[k], old[i]) == 0;
		for (k = 0; rendered && !written && (f = render_format_get(k)) != NULL; k++) {
			char *path = output_path(b, e->rel, old[i], f->ext), *src;
			struct pos p = {path, 0, 0};

			if (!is_file(path)) {
				free(path);
				continue;
			}
			src = util_join(b->o->dir, e->rel);
			if (b->o->prune && unlink(path) == 0)
				diag_report(b->d, D_PRUNED_DOC, &p, path, src);
			else {
				diag_report(b->d, D_STALE_DOC, &p, path, src);
				kept = true;
			}
			free(src);
			free(path);
		}
		if (kept) {
			e->docs = xrealloc(e->docs, (e->ndocs + 1) * sizeof(*e->docs));
			e->docs[e->ndocs++] = old[i];
		} else
			free(old[i]);
	}
	free(old);
}

/* --- sessions removed from the archive ---------------------------------------------------- */

/* The length of a session's path without its extension (.yaml, .yml). */
static size_t
stem_len(const char *rel)
{
	size_t n = strlen(rel);

	if (n > 5 && strcmp(rel + n - 5, ".yaml") == 0)
		return n - 5;
	if (n > 4 && strcmp(rel + n - 4, ".yml") == 0)
		return n - 4;
	return n;
}

/* Whether a session still there writes the outputs rel wrote (a.yaml removed, a.yml there), or
 * reads the file keep (a path as the manifest keeps it). */
static bool
still_used(const struct batch *b, const char *rel, const char *keep)
{
	size_t i, k, n = stem_len(rel);

	for (i = 0; i < b->n; i++) {
		const struct entry *e = &b->e[i];

		if (!e->present)
			continue;
		if (stem_len(e->rel) == n && strncmp(e->rel, rel, n) == 0)
			return true;
		for (k = 0; k < e->nin; k++)
			if (strcmp(e->in[k].path, keep) == 0)
				return true;
	}
	return false;
}

/* path (malloc'd, freed here), an output of e, whose session src is gone: reported, or deleted
 * with --prune, unless it is not there or a session still there writes it. */
static void
orphan_output(struct batch *b, struct entry *e, char *path, const char *src)
{
	char *keep = batch_keep_path(b, path);
	struct pos p = {path, 0, 0};

	if (!is_file(path) || still_used(b, e->rel, keep)) {
	} else if (!b->o->prune) {
		diag_report(b->d, D_ORPHAN, &p, path, src);
		e->orphan = true;
	} else if (unlink(path) == 0) {
		diag_report(b->d, D_PRUNED, &p, path, src);
	} else {
		diag_report(b->d, D_DELETE, &p, path, util_strerror(errno));
		e->orphan = true;
	}
	free(path);
	free(keep);
}

bool
batch_out_orphans(struct batch *b)
{
	const struct render_format *f;
	bool changed = false;
	size_t i, j, k;

	for (i = 0; i < b->n; i++) {
		struct entry *e = &b->e[i];
		char *src;

		if (e->present || !(e->known || e->gone) || !batch_in_shard(b, e->rel))
			continue;
		changed |= e->known && e->own;
		src = util_join(b->o->dir, e->rel);
		for (k = 0; k < entry_docs(e); k++)
			for (j = 0; (f = render_format_get(j)) != NULL; j++)
				orphan_output(
				        b, e,
				        output_path(b, e->rel, entry_doc_suffix(e, k), f->ext),
				        src);
		free(src);
	}
	return changed;
}
