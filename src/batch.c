/* batch.c: every session under a folder, on N workers, incrementally, with a register. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch_private.h"
#include "load.h"
#include "manifest.h"
#include "util.h"

static const char manifest_magic[] = "verbale-manifest 1";

/* A file is trusted by its time once it is older than this (nanoseconds). */
enum { RACY_NS = 2000000000 };

/* How the manifest names a file of the templates' folder (no other path starts with "//"):
 * by its name in the folder, so that a copy of the folder with the same files is the same. */
static const char tdir_mark[] = "//modelli/";

/* Inputs found as the manifest has them, this run: a file that many sessions read (a template,
 * a font) is looked at once, not once per session. Open addressing over input_key. */
struct checked {
	struct manifest_input
	        *v; /* v[i].path == NULL: a free slot; paths borrowed from the entries */
	size_t n, cap;
};

/* --- small helpers ------------------------------------------------------------------------ */

double
batch_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
by_rel(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->rel, ((const struct entry *)b)->rel);
}

static struct entry *
add(struct batch *b, const char *rel)
{
	struct entry *e;

	b->e = xgrow(b->e, &b->cap, b->n + 1, sizeof(*b->e));
	e = &b->e[b->n++];
	memset(e, 0, sizeof(*e));
	e->rel = xstrdup(rel);
	return e;
}

static void
clear_entry(struct entry *e)
{
	size_t i;

	for (i = 0; i < e->nin; i++)
		free(e->in[i].path);
	free(e->in);
	for (i = 0; i < e->nacts; i++)
		render_act_clear(&e->acts[i]);
	for (i = 0; i < e->ndocs; i++)
		free(e->docs[i]);
	free(e->acts);
	free(e->docs);
	e->in = NULL;
	e->acts = NULL;
	e->docs = NULL;
	e->nin = e->nacts = e->ndocs = 0;
}

/* A file's modification time, or -1 when it is too recent to tell a later save by it. */
static long long
stable_mtime(const struct stat *st)
{
	struct timespec now;
	long long t = (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;

	clock_gettime(CLOCK_REALTIME, &now);
	return t > (long long)now.tv_sec * 1000000000LL + now.tv_nsec - RACY_NS ? -1 : t;
}

/* A file's size, time (taken before reading) and the hash of its bytes into x (not its path);
 * false when it cannot be read or is not a regular file. O_NONBLOCK: a FIFO (in the templates'
 * folder, or where a session's image leads) must not hang the open, and is never read. */
static bool
read_input(const char *path, struct manifest_input *x)
{
	char buf[65536];
	ssize_t n;
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return false;
	}
	x->size = st.st_size;
	x->mtime = stable_mtime(&st);
	x->hash = UTIL_HASH_INIT;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		x->hash = util_hash(x->hash, buf, (size_t)n);
	}
	close(fd);
	return n == 0;
}

/* A path as the manifest keeps it: in the templates' folder, tdir_mark and its name there;
 * inside the archive, relative to it; else absolute. Symbolic links are followed; for a
 * missing file, those of its folder. */
char *
batch_keep_path(const struct batch *b, const char *path)
{
	char *real = realpath(path, NULL), *keep;
	const char *rest;

	if (real == NULL) {
		char *dir = util_dirname(path), *rdir = realpath(dir, NULL), cwd[4096];
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

		if (rdir != NULL)
			real = util_join(rdir, base);
		else if (path[0] != '/' && getcwd(cwd, sizeof(cwd)) != NULL)
			real = util_join(cwd, path);
		else
			real = xstrdup(path);
		free(dir);
		free(rdir);
	}
	if (b->real_tdir != NULL && (rest = util_path_under(real, b->real_tdir)) != NULL)
		keep = xasprintf("%s%s", tdir_mark, rest);
	else if ((rest = util_path_under(real, b->real_dir)) != NULL)
		keep = xstrdup(rest);
	else
		keep = xstrdup(real);
	free(real);
	return keep;
}

/* A struct util_reader's fn (ctx: a struct reads): note a file read whole, with the hash of
 * exactly the bytes read. */
static void
note_read(void *ctx, const char *path, const struct stat *st, const char *data, size_t len)
{
	struct reads *r = ctx;
	struct manifest_input x;
	size_t i;

	x.path = batch_keep_path(r->b, path);
	x.size = st->st_size;
	x.mtime = stable_mtime(st);
	x.hash = util_hash(UTIL_HASH_INIT, data, len);
	/* read twice (an image: measured, then embedded): once is enough when it is the same;
	 * two different contents are both kept, so that the next run renders again */
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].path, x.path) == 0 && r->v[i].hash == x.hash) {
			free(x.path);
			return;
		}
	r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof(*r->v));
	r->v[r->n++] = x;
}

static void
reads_free(struct reads *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].path);
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}

/* The path of an input on disk: inside the archive when relative. */
static char *
input_path(const struct batch *b, const char *p)
{
	if (strncmp(p, tdir_mark, sizeof(tdir_mark) - 1) == 0)
		return util_join(render_env_templates(b->env), p + sizeof(tdir_mark) - 1);
	return p[0] == '/' ? xstrdup(p) : util_join(b->o->dir, p);
}

/* An "A" record: one act the session records, for the register. */
static void
put_act(struct buf *out, const struct render_act *a)
{
	struct manifest_record r = {.type = MANIFEST_ACT, .act = *a};

	manifest_put(out, &r);
}

/* An "I" record: an input as the manifest keeps it. */
static void
put_input(struct buf *out, const struct manifest_input *x)
{
	struct manifest_record r = {.type = MANIFEST_INPUT, .in = *x};

	manifest_put(out, &r);
}

/* Add the input of record r to e's, copying it. */
static void
entry_input(struct entry *e, const struct manifest_record *r)
{
	struct manifest_input *x;

	e->in = xrealloc(e->in, (e->nin + 1) * sizeof(*e->in));
	x = &e->in[e->nin++];
	*x = r->in;
	x->path = xstrdup(r->in.path);
}

/* Add the act of record r to e's, copying it. */
static void
entry_act(struct entry *e, const struct manifest_record *r)
{
	struct render_act *a;

	e->acts = xrealloc(e->acts, (e->nacts + 1) * sizeof(*e->acts));
	a = &e->acts[e->nacts++];
	a->numero = xstrdup(r->act.numero);
	a->data = xstrdup(r->act.data);
	a->ente = xstrdup(r->act.ente);
	a->organo = xstrdup(r->act.organo);
	a->oggetto = xstrdup(r->act.oggetto);
	a->esito = xstrdup(r->act.esito);
	a->documento = xstrdup(r->act.documento);
}

/* An "F" record: a document the session's render writes. */
static void
put_doc(struct buf *out, const char *suffix)
{
	struct manifest_record r = {.type = MANIFEST_DOC, .rel = suffix};

	manifest_put(out, &r);
}

/* Add the document of record r to e's, copying it. */
static void
entry_doc(struct entry *e, const struct manifest_record *r)
{
	e->docs = xrealloc(e->docs, (e->ndocs + 1) * sizeof(*e->docs));
	e->docs[e->ndocs++] = xstrdup(r->rel);
}

/* --- the manifest ------------------------------------------------------------------------- */

/* The entry for rel, added when there is none. */
static struct entry *
find_or_add(struct batch *b, const char *rel)
{
	size_t i;

	for (i = 0; i < b->n; i++) /* few manifests, read once: a scan is fine */
		if (strcmp(b->e[i].rel, rel) == 0)
			return &b->e[i];
	return add(b, rel);
}

/*
 * Read a manifest: blocks of "S rel env", "I path size mtime hash" lines, "A act" lines and a
 * closing "E", and "O rel" lines for sessions removed whose outputs were left. A block cut
 * short (a batch killed while appending) is ignored; a later block or line for the same session
 * replaces an earlier one. own: this run's own manifest.
 */
static void
read_manifest(struct batch *b, const char *path, bool own)
{
	char *data, *line, *next;
	size_t len;
	struct entry cur;
	struct manifest_record r;
	bool in = false;

	if (util_read_file(path, (size_t)1 << 30, &data, &len) != 0)
		return;
	if (strncmp(data, manifest_magic, sizeof(manifest_magic) - 1) != 0) {
		free(data);
		return;
	}
	memset(&cur, 0, sizeof(cur));
	for (line = data; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next == NULL)
			break; /* an unfinished line: the file was being written */
		*next++ = '\0';
		manifest_parse(line, &r);
		if (r.type == MANIFEST_SESSION) {
			clear_entry(&cur);
			free(cur.rel);
			memset(&cur, 0, sizeof(cur));
			cur.rel = xstrdup(r.rel);
			cur.env = r.env;
			in = true;
		} else if (in && r.type == MANIFEST_INPUT)
			entry_input(&cur, &r);
		else if (in && r.type == MANIFEST_ACT)
			entry_act(&cur, &r);
		else if (in && r.type == MANIFEST_DOC)
			entry_doc(&cur, &r);
		else if (in && r.type == MANIFEST_END) {
			struct entry *e = find_or_add(b, cur.rel);

			clear_entry(e);
			e->env = cur.env;
			e->in = cur.in;
			e->nin = cur.nin;
			e->acts = cur.acts;
			e->nacts = cur.nacts;
			e->docs = cur.docs;
			e->ndocs = cur.ndocs;
			e->known = true;
			e->gone = false;
			e->own = own;
			free(cur.rel);
			memset(&cur, 0, sizeof(cur));
			in = false;
		} else if (!in && r.type == MANIFEST_ORPHAN) {
			struct entry *e = find_or_add(b, r.rel);

			clear_entry(e);
			e->known = false;
			e->gone = true;
			e->own = own;
		}
	}
	clear_entry(&cur);
	free(cur.rel);
	free(data);
}

static void
put_block(struct buf *out, const struct entry *e)
{
	struct manifest_record r = {.type = MANIFEST_SESSION, .rel = e->rel, .env = e->env};
	size_t i;

	manifest_put(out, &r);
	for (i = 0; i < e->nin; i++)
		put_input(out, &e->in[i]);
	for (i = 0; i < e->nacts; i++)
		put_act(out, &e->acts[i]);
	for (i = 0; i < e->ndocs; i++)
		put_doc(out, e->docs[i]);
	r.type = MANIFEST_END;
	manifest_put(out, &r);
}

/* Append one session's block as soon as its outputs are in place. */
static void
append_block(struct batch *b, const struct entry *e)
{
	struct buf blk = {0};

	if (b->journal < 0)
		return;
	put_block(&blk, e);
	/* a failure is not reported here: the compaction at the end writes it again, or reports */
	(void)util_write_all(b->journal, blk.data, blk.len);
	buf_free(&blk);
}

/* Write the whole manifest anew, atomically: the sessions known, present or not. */
static bool
write_manifest(struct batch *b)
{
	struct buf all = {0};
	size_t i;
	int err;

	buf_printf(&all, "%s\n", manifest_magic);
	for (i = 0; i < b->n; i++) {
		if (b->e[i].known && b->e[i].present)
			put_block(&all, &b->e[i]);
		else if (b->e[i].orphan && !b->e[i].present) {
			struct manifest_record r = {.type = MANIFEST_ORPHAN, .rel = b->e[i].rel};

			manifest_put(&all, &r);
		}
	}
	err = util_write_atomic(b->manifest, all.data, all.len);
	buf_free(&all);
	if (err) {
		struct pos p = {b->manifest, 0, 0};

		diag_report(b->d, D_WRITE, &p, b->manifest, util_strerror(err));
		return false;
	}
	return true;
}

/* --- what to render ----------------------------------------------------------------------- */

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The hash of everything that changes every output: the program, the formats, the templates,
 * the files read for every render (the style, as it was read) and the fonts chosen. */
static unsigned long long
environment_key(const struct batch *b, const char *tdir)
{
	unsigned long long h = UTIL_HASH_INIT;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	unsigned formats = 0;
	DIR *dir = opendir(tdir);
	bool docs[2];

	h = util_hash(h, VERSION, strlen(VERSION) + 1);
	formats = render_env_formats(b->env);
	h = util_hash(h, &formats, sizeof(formats));
	render_env_documents(b->env, &docs[0], &docs[1]);
	h = util_hash(h, docs, sizeof(docs));
	if (render_env_incorpora(b->env)) /* the key of a run without it stays as it was */
		h = util_hash(h, "incorpora", sizeof("incorpora"));
	while (dir != NULL && (de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	if (dir != NULL)
		closedir(dir);
	util_sort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		char *path = util_join(tdir, names[i]);
		struct manifest_input x;

		h = util_hash(h, names[i], strlen(names[i]) + 1);
		if (read_input(path, &x))
			h = util_hash(h, &x.hash, sizeof(x.hash));
		free(path);
		free(names[i]);
	}
	free(names);
	for (i = 0; i < b->env_reads.n; i++) {
		h = util_hash(h, b->env_reads.v[i].path, strlen(b->env_reads.v[i].path) + 1);
		h = util_hash(h, &b->env_reads.v[i].hash, sizeof(b->env_reads.v[i].hash));
	}
	for (i = 0; i < b->nfonts; i++) /* their content is each PDF's input */
		h = util_hash(h, b->fonts[i].path, strlen(b->fonts[i].path) + 1);
	return h;
}

bool
batch_in_shard(const struct batch *b, const char *rel)
{
	unsigned long long h = util_hash(UTIL_HASH_INIT, rel, strlen(rel));

	return b->o->shards == 0 || h % b->o->shards == b->o->shard - 1;
}

/* Find the session files under dir (rel: its path inside the archive), skipping hidden
 * entries, symbolic links to folders, and the folders given in skip (the output, the
 * templates). */
static void
scan(struct batch *b, const char *dir, const char *rel, char *const *skip, size_t nskip)
{
	struct dirent *de;
	DIR *dh = opendir(dir);
	char **names = NULL;
	size_t n = 0, cap = 0, i, k;

	if (dh == NULL) {
		struct pos p = {dir, 0, 0};

		diag_report(b->d, D_READ, &p, dir, util_strerror(errno));
		return;
	}
	while ((de = readdir(dh)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(dh);
	util_sort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		char *path = util_join(dir, names[i]);
		char *r = *rel ? util_join(rel, names[i]) : xstrdup(names[i]);
		struct stat st;
		size_t len = strlen(names[i]);

		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			char *real = realpath(path, NULL);
			bool skipped = false;

			for (k = 0; real != NULL && k < nskip; k++)
				skipped |= skip[k] != NULL && strcmp(real, skip[k]) == 0;
			if (!skipped)
				scan(b, path, r, skip, nskip);
			free(real);
		} else if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		           ((len > 5 && strcmp(names[i] + len - 5, ".yaml") == 0) ||
		            (len > 4 && strcmp(names[i] + len - 4, ".yml") == 0))) {
			if (batch_in_shard(b, r))
				add(b, r)->present = true;
		}
		free(path);
		free(r);
		free(names[i]);
	}
	free(names);
}

/* Whether path ends in .yaml or .yml. */
static bool
is_yaml(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcmp(path + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(path + n - 4, ".yml") == 0);
}

/*
 * Whether e, a session the manifest knows, is as it was at its last render (size and time):
 * then it is still a session, and the body file it names is among its inputs, the YAML ones
 * but itself (their real paths appended to bodies). Spares batch reading each file again.
 */
static bool
known_as_was(const struct batch *b, const struct entry *e, char ***bodies, size_t *nb, size_t *cap)
{
	char *path, *real;
	struct stat st;
	size_t i;
	bool same = false;

	if (!e->known)
		return false;
	path = util_join(b->o->dir, e->rel);
	for (i = 0; i < e->nin; i++)
		if (strcmp(e->in[i].path, e->rel) == 0)
			same = stat(path, &st) == 0 && e->in[i].mtime >= 0 &&
			       e->in[i].size == (long long)st.st_size &&
			       e->in[i].mtime == stable_mtime(&st);
	free(path);
	for (i = 0; same && i < e->nin; i++) {
		if (strcmp(e->in[i].path, e->rel) == 0 || !is_yaml(e->in[i].path) ||
		    strncmp(e->in[i].path, tdir_mark, sizeof(tdir_mark) - 1) == 0)
			continue;
		path = input_path(b, e->in[i].path);
		if ((real = realpath(path, NULL)) != NULL) {
			*bodies = xgrow(*bodies, cap, *nb + 1, sizeof(**bodies));
			(*bodies)[(*nb)++] = real;
		}
		free(path);
	}
	return same;
}

/* Leave out the YAML files found that are no sessions: those without 'seduta' and those a
 * session names as its body file (file_organo), which its renders read as an input. */
static void
drop_bodies(struct batch *b)
{
	char **bodies = NULL, *real;
	size_t nb = 0, cap = 0, i, k;
	bool *session = xcalloc(b->n + 1, sizeof(*session));

	for (i = 0; i < b->n; i++) {
		char *path, *organo;

		if (!b->e[i].present)
			continue;
		if (known_as_was(b, &b->e[i], &bodies, &nb, &cap)) {
			session[i] = true;
			continue;
		}
		path = util_join(b->o->dir, b->e[i].rel);
		session[i] = load_peek(path, &organo);
		if (organo != NULL && (real = realpath(organo, NULL)) != NULL) {
			bodies = xgrow(bodies, &cap, nb + 1, sizeof(*bodies));
			bodies[nb++] = real;
		}
		free(organo);
		free(path);
	}
	for (i = 0; i < b->n; i++) {
		char *path;

		if (!b->e[i].present)
			continue;
		path = util_join(b->o->dir, b->e[i].rel);
		if (session[i] && nb > 0 && (real = realpath(path, NULL)) != NULL) {
			for (k = 0; k < nb && session[i]; k++)
				session[i] = strcmp(real, bodies[k]) != 0;
			free(real);
		}
		b->e[i].present = session[i];
		free(path);
	}
	for (k = 0; k < nb; k++)
		free(bodies[k]);
	free(bodies);
	free(session);
}

static unsigned long long
input_key(const struct manifest_input *x)
{
	unsigned long long h = util_hash(UTIL_HASH_INIT, x->path, strlen(x->path));

	h = util_hash(h, &x->size, sizeof(x->size));
	h = util_hash(h, &x->mtime, sizeof(x->mtime));
	return util_hash(h, &x->hash, sizeof(x->hash));
}

/* The slot of x in c: where it is, or the free slot where it goes. */
static struct manifest_input *
checked_slot(const struct checked *c, const struct manifest_input *x)
{
	size_t i = (size_t)input_key(x) & (c->cap - 1);

	while (c->v[i].path != NULL &&
	       (strcmp(c->v[i].path, x->path) != 0 || c->v[i].size != x->size ||
	        c->v[i].mtime != x->mtime || c->v[i].hash != x->hash))
		i = (i + 1) & (c->cap - 1);
	return &c->v[i];
}

static bool
checked_has(const struct checked *c, const struct manifest_input *x)
{
	return c->cap > 0 && checked_slot(c, x)->path != NULL;
}

static void
checked_add(struct checked *c, const struct manifest_input *x)
{
	struct manifest_input *slot;

	if (2 * (c->n + 1) > c->cap) {
		struct checked bigger = {NULL, 0, c->cap ? 2 * c->cap : 64};
		size_t i;

		bigger.v = xcalloc(bigger.cap, sizeof(*bigger.v));
		for (i = 0; i < c->cap; i++)
			if (c->v[i].path != NULL)
				*checked_slot(&bigger, &c->v[i]) = c->v[i];
		bigger.n = c->n;
		free(c->v);
		*c = bigger;
	}
	slot = checked_slot(c, x);
	if (slot->path == NULL) {
		*slot = *x;
		c->n++;
	}
}

/* Whether a session's inputs are what they were: same size and time, or same content. Those
 * found so already this run are in checked (which borrows their paths from the entries). */
static bool
up_to_date(struct batch *b, struct entry *e, struct checked *checked)
{
	size_t i;

	if (!e->known || e->env != b->envkey || e->nin == 0)
		return false;
	for (i = 0; i < e->nin; i++) {
		char *path;
		struct stat st;
		struct manifest_input now;
		bool same;

		if (checked_has(checked, &e->in[i]))
			continue;
		path = input_path(b, e->in[i].path);

		if (e->in[i].size < 0) /* looked for and missing: still missing? */
			same = stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR);
		else
			same = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		if (same && e->in[i].size >= 0 &&
		    (st.st_size != e->in[i].size || e->in[i].mtime < 0 ||
		     st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec != e->in[i].mtime)) {
			same = read_input(path, &now) && now.hash == e->in[i].hash;
			if (same) { /* touched, not changed: remember the new time */
				e->in[i].size = now.size;
				e->in[i].mtime = now.mtime;
			}
		}
		free(path);
		if (!same)
			return false;
		checked_add(checked, &e->in[i]);
	}
	return batch_out_exist(b, e);
}

/* --- the workers -------------------------------------------------------------------------- */

/*
 * The inputs of a render: every file it read, with the hash of the bytes it read (not of the
 * file as it is now, which may have been saved since); those it looked for and did not read
 * (missing, or there only since) as missing; and the font files of the PDF.
 */
static void
put_inputs(const struct batch *b, struct buf *out, const struct reads *r,
           const struct render_result *res)
{
	size_t i, k;

	for (i = 0; i < r->n; i++)
		put_input(out, &r->v[i]);
	for (i = 0; i < res->ninputs; i++) {
		struct manifest_input x = {batch_keep_path(b, res->inputs[i]), -1, -1, 0};

		for (k = 0; k < r->n && strcmp(r->v[k].path, x.path) != 0; k++)
			;
		if (k == r->n)
			put_input(out, &x);
		free(x.path);
	}
	for (i = 0; i < b->nfonts; i++)
		put_input(out, &b->fonts[i]);
}

/* In a worker: render e, and put into out everything the parent needs to know (the report
 * batch_take_report reads). Frees all it allocated: a worker renders many sessions. */
void
batch_work(struct batch *b, const struct entry *e, struct buf *out)
{
	struct render_result res;
	struct reads r = {b, NULL, 0, 0};
	struct util_reader reader = {note_read, &r};
	struct diags d;
	struct manifest_record rec;
	char *path = util_join(b->o->dir, e->rel), *dir = batch_out_dir(b, e->rel);
	size_t i;
	bool ok;

	memset(&rec, 0, sizeof(rec));
	memset(&res, 0, sizeof(res));
	diags_init(&d, NULL);
	ok = render_file(b->env, path, dir, &reader, &res, &d);
	if (b->pause_ms > 0 && (b->pause_only == NULL || strstr(e->rel, b->pause_only) != NULL)) {
		/* a file saved now is saved after the render read it */
		struct timespec t = {b->pause_ms / 1000, b->pause_ms % 1000 * 1000000L};

		while (nanosleep(&t, &t) != 0 && errno == EINTR)
			;
	}
	rec.type = MANIFEST_STATUS;
	rec.status = ok ? 0 : diags_status(&d) ? diags_status(&d) : 3;
	manifest_put(out, &rec);
	if (ok) {
		put_inputs(b, out, &r, &res);
		for (i = 0; i < res.nacts; i++)
			put_act(out, &res.acts[i]);
		for (i = 0; i < res.ndocs; i++)
			put_doc(out, res.docs[i]);
	}
	for (i = 0; i < d.n; i++) {
		const struct diag *g = &d.v[i];

		memset(&rec, 0, sizeof(rec));
		rec.type = MANIFEST_DIAG;
		rec.id = (int)g->id;
		rec.level = (int)g->level;
		rec.pos = g->pos;
		rec.text = g->msg;
		manifest_put(out, &rec);
		if (g->note != NULL) {
			rec.type = MANIFEST_NOTE;
			rec.pos = g->note_pos;
			rec.text = g->note;
			manifest_put(out, &rec);
		}
	}
	rec.type = MANIFEST_END;
	manifest_put(out, &rec);
	render_result_clear(&res);
	diags_clear(&d);
	reads_free(&r);
	free(path);
	free(dir);
}

int
batch_take_report(struct batch *b, size_t entry, char *report, int wstatus)
{
	struct entry *e = &b->e[entry];
	struct manifest_record r;
	char *line, *next, **old = e->docs;
	size_t nold = e->ndocs;
	int status = 3;
	bool complete = false;

	e->docs = NULL; /* the documents of the last render, to find those it no longer writes */
	e->ndocs = 0;
	clear_entry(e);
	for (line = report; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next == NULL)
			break;
		*next++ = '\0';
		manifest_parse(line, &r);
		if (r.type == MANIFEST_STATUS)
			status = r.status;
		else if (r.type == MANIFEST_INPUT)
			entry_input(e, &r);
		else if (r.type == MANIFEST_ACT)
			entry_act(e, &r);
		else if (r.type == MANIFEST_DOC)
			entry_doc(e, &r);
		else if (r.type == MANIFEST_DIAG) {
			if (r.id >= 0 && r.id < D_ID_MAX && r.level >= 0 &&
			    r.level < DIAG_LEVEL_MAX)
				diag_add(b->d, (enum diag_id)r.id, (enum diag_level)r.level, &r.pos,
				         r.text);
		} else if (r.type == MANIFEST_NOTE)
			diag_note(b->d, &r.pos, "%s", r.text);
		else if (r.type == MANIFEST_END)
			complete = true;
	}
	if (!complete) {
		char *path = util_join(b->o->dir, e->rel), *why;

		why = WIFSIGNALED(wstatus) ? xasprintf("segnale %d", WTERMSIG(wstatus))
		                           : xasprintf("stato di uscita %d", WEXITSTATUS(wstatus));
		diag_report(b->d, D_WORKER, NULL, path, why);
		free(path);
		free(why);
		batch_out_stale(b, e, old, nold, false);
		return 3;
	}
	batch_out_stale(b, e, old, nold, status == 0);
	if (status == 0) {
		e->env = b->envkey;
		e->known = true;
		e->rendered = true;
		append_block(b, e);
	}
	return status;
}

int
batch_timed_out(struct batch *b, size_t entry)
{
	struct entry *e = &b->e[entry];
	char *path = util_join(b->o->dir, e->rel);
	struct pos p = {path, 0, 0};

	clear_entry(e);
	diag_report(b->d, D_TIMEOUT, &p, b->o->timeout);
	free(path);
	return 1;
}

void
batch_progress(struct batch *b, bool last)
{
	double el = (batch_now_ms() - b->start) / 1000, rate = el > 0 ? b->done / el : 0;

	if (!b->o->progress)
		return;
	fprintf(stderr, "\r\033[K[%zu/%zu] %.1f file/s", b->done, b->todo, rate);
	if (!last && rate > 0)
		fprintf(stderr, ", ancora %.0f s", (b->todo - b->done) / rate);
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

/* --- the register ------------------------------------------------------------------------- */

static bool
write_register(struct batch *b, const char *name)
{
	struct render_register_entry *r = NULL;
	size_t n = 0, cap = 0, i, k;
	bool ok;

	for (i = 0; i < b->n; i++) {
		if (!b->e[i].present || !b->e[i].known)
			continue;
		for (k = 0; k < b->e[i].nacts; k++) {
			r = xgrow(r, &cap, n + 1, sizeof(*r));
			r[n].act = b->e[i].acts[k];
			r[n].file = b->e[i].rel;
			n++;
		}
	}
	ok = render_register(b->env, r, n, b->out, name, b->d);
	/* the same act number on the same date in two files: listed twice, and said */
	for (i = 0; i + 1 < n; i++)
		if (strcmp(r[i].act.numero, r[i + 1].act.numero) == 0 &&
		    strcmp(r[i].act.data, r[i + 1].act.data) == 0 &&
		    strcmp(r[i].file, r[i + 1].file))
			diag_report(b->d, D_REGISTER_DUP, NULL, r[i].act.numero, r[i].act.data,
			            r[i].file, r[i + 1].file);
	free(r);
	return ok;
}

/* --- the batch ---------------------------------------------------------------------------- */

static int
load_manifests(struct batch *b)
{
	DIR *dh = opendir(b->out);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	const char *own = strrchr(b->manifest, '/') ? strrchr(b->manifest, '/') + 1 : b->manifest;

	/* every shard's manifest helps (a run without shards after all the shards renders
	 * nothing); this run's own is read last so that it wins */
	while (dh != NULL && (de = readdir(dh)) != NULL)
		if (strncmp(de->d_name, ".verbale-manifest", 17) == 0 && strcmp(de->d_name, own))
			names = xgrow(names, &cap, n + 1, sizeof(*names)),
			names[n++] = xstrdup(de->d_name);
	if (dh != NULL)
		closedir(dh);
	util_sort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		char *path = util_join(b->out, names[i]);

		read_manifest(b, path, false);
		free(path);
		free(names[i]);
	}
	free(names);
	read_manifest(b, b->manifest, true);
	return 0;
}

/* The font files of the PDF, each once, as inputs of every PDF. */
static void
note_fonts(struct batch *b)
{
	const char *paths[RENDER_FONTS_MAX];
	size_t n = render_env_fonts(b->env, paths), i, k;

	b->fonts = xcalloc(n + 1, sizeof(*b->fonts));
	for (i = 0; i < n; i++) {
		struct manifest_input x;

		if (!read_input(paths[i], &x)) {
			x.size = x.mtime = -1;
			x.hash = 0;
		}
		x.path = batch_keep_path(b, paths[i]);
		for (k = 0; k < b->nfonts && strcmp(b->fonts[k].path, x.path) != 0; k++)
			;
		if (k < b->nfonts)
			free(x.path);
		else
			b->fonts[b->nfonts++] = x;
	}
}

/* VERBALE_BATCH_PAUSA: milliseconds (at most a minute) each worker waits after its render, so
 * that a test can save a file between the reading and the manifest, or see a worker over its
 * time; "MS:TEXT": only the workers of sessions whose path has TEXT. */
static long
pause_ms(const char **only)
{
	const char *v = getenv("VERBALE_BATCH_PAUSA");
	char *e;
	long ms;

	*only = NULL;
	if (v == NULL || *v == '\0')
		return 0;
	ms = strtol(v, &e, 10);
	if (*e == ':' && e[1] != '\0')
		*only = e + 1;
	else if (*e != '\0')
		return 0;
	return ms > 0 && ms <= 60000 ? ms : 0;
}

int
batch_run(const struct render_opts *ro, const struct batch_opts *o, struct diags *d)
{
	struct batch b;
	struct checked checked = {NULL, 0, 0};
	struct render_opts env_opts;
	struct util_reader env_reader = {note_read, &b.env_reads};
	char *skip[2] = {NULL, NULL}, *reg_name;
	size_t i, fresh = 0, failed = 0, present = 0;
	int status = 0, err;
	struct stat st;
	bool gone;

	memset(&b, 0, sizeof(b));
	b.o = o;
	b.d = d;
	b.journal = -1;
	b.start = batch_now_ms();
	b.pause_ms = pause_ms(&b.pause_only);
	if (stat(o->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		struct pos p = {o->dir, 0, 0};

		if (stat(o->dir, &st) != 0 && errno == ENOENT)
			diag_report(d, D_FILE_MISSING, &p, o->dir);
		else
			diag_report(d, D_READ, &p, o->dir,
			            stat(o->dir, &st) != 0 ? util_strerror(errno)
			                                   : "non è una cartella");
		return diags_status(d);
	}
	b.real_dir = realpath(o->dir, NULL);
	if (b.real_dir == NULL)
		b.real_dir = xstrdup(o->dir);
	/* what the environment reads (the style) is an input of every output, byte for byte */
	b.env_reads.b = &b;
	b.real_tdir = realpath(ro->template_dir, NULL);
	env_opts = *ro;
	env_opts.reader = &env_reader;
	b.env = render_env_new(&env_opts, d);
	if (b.env == NULL)
		goto out;
	note_fonts(&b);
	b.out = xstrdup(o->outdir ? o->outdir : o->dir);
	if ((err = util_mkdirs(b.out)) != 0) {
		struct pos p = {b.out, 0, 0};

		diag_report(d, D_WRITE, &p, b.out, util_strerror(err));
		goto out;
	}
	if (o->shards > 0) {
		char *name = xasprintf(".verbale-manifest-%u-di-%u", o->shard, o->shards);

		b.manifest = util_join(b.out, name);
		free(name);
		reg_name = xasprintf("registro-%u-di-%u", o->shard, o->shards);
	} else {
		b.manifest = util_join(b.out, ".verbale-manifest");
		reg_name = xstrdup("registro");
	}
	b.envkey = environment_key(&b, render_env_templates(b.env));
	/* --force too: the manifest knows the sessions that are gone */
	load_manifests(&b);
	for (i = 0; i < b.n; i++)
		b.e[i].present = false;
	skip[0] = realpath(b.out, NULL);
	skip[1] = realpath(render_env_templates(b.env), NULL);
	if (skip[0] != NULL && strcmp(skip[0], b.real_dir) == 0) { /* the archive itself */
		free(skip[0]);
		skip[0] = NULL;
	}
	/* entries found are added unsorted after the known ones: merge them by path */
	{
		size_t known = b.n;

		scan(&b, o->dir, "", skip, 2);
		util_sort(b.e, b.n, sizeof(*b.e), by_rel);
		/* a session both known and found appears twice: keep one, present */
		for (i = 0; i + 1 < b.n; i++) {
			if (strcmp(b.e[i].rel, b.e[i + 1].rel) != 0)
				continue;
			if (b.e[i].known) {
				b.e[i].present = true;
				clear_entry(&b.e[i + 1]);
				free(b.e[i + 1].rel);
			} else {
				b.e[i + 1].present = true;
				clear_entry(&b.e[i]);
				free(b.e[i].rel);
				b.e[i] = b.e[i + 1];
			}
			memmove(&b.e[i + 1], &b.e[i + 2], (b.n - i - 2) * sizeof(*b.e));
			b.n--;
		}
		(void)known;
	}
	drop_bodies(&b);
	for (i = 0; i < b.n; i++) {
		struct entry *e = &b.e[i];

		if (!e->present)
			continue;
		e->gone = false;
		present++;
		e->render = o->force || !up_to_date(&b, e, &checked);
		b.todo += e->render;
	}
	free(checked.v);
	if (b.todo > 0) {
		/* the journal: each session's block is appended as soon as its outputs are in
		 * place; a batch killed now loses at most the block being written */
		b.journal = open(b.manifest, O_WRONLY | O_APPEND | O_CREAT, 0644);
		if (b.journal >= 0 && lseek(b.journal, 0, SEEK_END) == 0) {
			struct buf head = {0};

			buf_printf(&head, "%s\n", manifest_magic);
			if (util_write_all(b.journal, head.data, head.len) != 0) {
				close(b.journal);
				b.journal = -1;
			}
			buf_free(&head);
		}
		status = batch_pool_run(&b);
		batch_progress(&b, true);
		if (b.journal >= 0)
			close(b.journal);
	}
	for (i = 0; i < b.n; i++) {
		fresh += b.e[i].rendered;
		failed += b.e[i].render && !b.e[i].rendered;
	}
	gone = batch_out_orphans(&b);
	/* the register when the sessions or their acts changed, and the manifest without what is
	 * gone and with what changed */
	{
		char *reg = xasprintf("%s/%s.md", b.out, reg_name);
		bool need = b.todo > 0 || gone || stat(reg, &st) != 0;

		free(reg);
		if (!write_manifest(&b) && status < 3)
			status = 3;
		if (need && !write_register(&b, reg_name) && status < diags_status(d))
			status = diags_status(d);
	}
	diags_flush(d); /* every file's messages first, by file and line; the summary last */
	fprintf(stderr,
	        "verbale: %zu sedute: %zu rese, %zu già aggiornate, %zu con errori, %.1f s\n",
	        present, fresh, present - b.todo, failed, (batch_now_ms() - b.start) / 1000);
	free(reg_name);
out:
	if (diags_status(d) > status)
		status = diags_status(d);
	for (i = 0; i < b.n; i++) {
		clear_entry(&b.e[i]);
		free(b.e[i].rel);
	}
	free(b.e);
	for (i = 0; i < b.nfonts; i++)
		free(b.fonts[i].path);
	free(b.fonts);
	reads_free(&b.env_reads);
	render_env_free(b.env);
	free(b.real_dir);
	free(b.real_tdir);
	free(b.out);
	free(b.manifest);
	free(skip[0]);
	free(skip[1]);
	return status;
}
