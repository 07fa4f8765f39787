/* batch.c: every session under a folder, on N workers, incrementally, with a register. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static const char manifest_magic[] = "verbale-manifest 1";

/* An input of a session as last seen: enough to tell it changed without reading it. */
struct input {
	char *path; /* relative to the archive when inside it, else absolute */
	long long size, mtime;
	unsigned long long hash;
};

/* A session: as the manifest remembers it, then as this run finds it. */
struct entry {
	char *rel; /* the session file, relative to the archive */
	unsigned long long env;
	struct input *in;
	size_t nin;
	struct render_act *acts;
	size_t nacts;
	bool known;    /* the manifest has it */
	bool present;  /* the archive has it (this shard) */
	bool render;   /* to render this run */
	bool rendered; /* rendered this run, successfully */
};

struct batch {
	const struct batch_opts *o;
	struct render_env *env;
	struct diags *d;
	char *real_dir; /* realpath of the archive */
	char *out;      /* where manifest and register go */
	char *manifest; /* its path */
	unsigned long long envkey;
	struct entry *e;
	size_t n, cap;
	size_t done, todo;
	double start;
	int journal; /* the manifest, open for appending, or -1 */
};

/* --- small helpers ------------------------------------------------------------------------ */

static double
now_ms(void)
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
	for (i = 0; i < e->nacts; i++) {
		free(e->acts[i].numero);
		free(e->acts[i].data);
		free(e->acts[i].ente);
		free(e->acts[i].organo);
		free(e->acts[i].oggetto);
		free(e->acts[i].esito);
	}
	free(e->acts);
	e->in = NULL;
	e->acts = NULL;
	e->nin = e->nacts = 0;
}

/* Hash a file's bytes; false when it cannot be read. */
static bool
hash_file(const char *path, unsigned long long *h)
{
	char buf[65536];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return false;
	*h = UTIL_HASH_INIT;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		*h = util_hash(*h, buf, (size_t)n);
	close(fd);
	return n == 0;
}

static long long
mtime_ns(const struct stat *st)
{
	return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* The path of an input on disk: inside the archive when relative. */
static char *
input_path(const struct batch *b, const char *p)
{
	return p[0] == '/' ? xstrdup(p) : util_join(b->o->dir, p);
}

/* Fields are written escaped: backslash, tab and newline. */
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

/* An "A" line: one act the session records, for the register. */
static void
put_act(struct buf *out, const struct render_act *a)
{
	buf_puts(out, "A");
	put_field(out, a->numero);
	put_field(out, a->data);
	put_field(out, a->ente);
	put_field(out, a->organo);
	put_field(out, a->oggetto);
	put_field(out, a->esito);
	buf_putc(out, '\n');
}

/* A position as three fields: file, line, column. */
static void
put_pos(struct buf *out, const struct pos *p)
{
	char num[16];

	put_field(out, p->file ? p->file : "");
	snprintf(num, sizeof(num), "%u", p->line);
	put_field(out, num);
	snprintf(num, sizeof(num), "%u", p->col);
	put_field(out, num);
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

/* --- the manifest ------------------------------------------------------------------------- */

/*
 * Read a manifest: blocks of "S rel env", "I path size mtime hash" lines, "A act" lines and a
 * closing "E". A block cut short (a batch killed while appending) is ignored; a later block for
 * the same session replaces an earlier one.
 */
static void
manifest_read(struct batch *b, const char *path)
{
	char *data, *line, *next, *f[8];
	size_t len, n;
	struct entry cur;
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
		n = split_fields(line, f, 8);
		if (strcmp(f[0], "S") == 0 && n >= 3) {
			clear_entry(&cur);
			free(cur.rel);
			memset(&cur, 0, sizeof(cur));
			cur.rel = xstrdup(f[1]);
			cur.env = strtoull(f[2], NULL, 16);
			in = true;
		} else if (in && strcmp(f[0], "I") == 0 && n >= 5) {
			struct input *x;

			cur.in = xrealloc(cur.in, (cur.nin + 1) * sizeof(*cur.in));
			x = &cur.in[cur.nin++];
			x->path = xstrdup(f[1]);
			x->size = strtoll(f[2], NULL, 10);
			x->mtime = strtoll(f[3], NULL, 10);
			x->hash = strtoull(f[4], NULL, 16);
		} else if (in && strcmp(f[0], "A") == 0 && n >= 7) {
			struct render_act *a;

			cur.acts = xrealloc(cur.acts, (cur.nacts + 1) * sizeof(*cur.acts));
			a = &cur.acts[cur.nacts++];
			a->numero = xstrdup(f[1]);
			a->data = xstrdup(f[2]);
			a->ente = xstrdup(f[3]);
			a->organo = xstrdup(f[4]);
			a->oggetto = xstrdup(f[5]);
			a->esito = xstrdup(f[6]);
		} else if (in && strcmp(f[0], "E") == 0) {
			struct entry *e = NULL;
			size_t i;

			for (i = 0; i < b->n; i++) /* few manifests, read once: a scan is fine */
				if (strcmp(b->e[i].rel, cur.rel) == 0)
					e = &b->e[i];
			if (e == NULL)
				e = add(b, cur.rel);
			clear_entry(e);
			e->env = cur.env;
			e->in = cur.in;
			e->nin = cur.nin;
			e->acts = cur.acts;
			e->nacts = cur.nacts;
			e->known = true;
			free(cur.rel);
			memset(&cur, 0, sizeof(cur));
			in = false;
		}
	}
	clear_entry(&cur);
	free(cur.rel);
	free(data);
}

static void
manifest_block(struct buf *out, const struct entry *e)
{
	char num[64];
	size_t i;

	buf_puts(out, "S");
	put_field(out, e->rel);
	snprintf(num, sizeof(num), "%016llx", e->env);
	put_field(out, num);
	buf_putc(out, '\n');
	for (i = 0; i < e->nin; i++) {
		buf_puts(out, "I");
		put_field(out, e->in[i].path);
		snprintf(num, sizeof(num), "%lld", e->in[i].size);
		put_field(out, num);
		snprintf(num, sizeof(num), "%lld", e->in[i].mtime);
		put_field(out, num);
		snprintf(num, sizeof(num), "%016llx", e->in[i].hash);
		put_field(out, num);
		buf_putc(out, '\n');
	}
	for (i = 0; i < e->nacts; i++)
		put_act(out, &e->acts[i]);
	buf_puts(out, "E\n");
}

/* Append one session's block as soon as its outputs are in place. */
static void
manifest_append(struct batch *b, const struct entry *e)
{
	struct buf blk = {0};
	const char *p;
	size_t left;

	if (b->journal < 0)
		return;
	manifest_block(&blk, e);
	for (p = blk.data, left = blk.len; left > 0;) {
		ssize_t w = write(b->journal, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break; /* the compaction at the end writes it again, or reports */
		p += w;
		left -= (size_t)w;
	}
	buf_free(&blk);
}

/* Write the whole manifest anew, atomically: the sessions known, present or not. */
static bool
manifest_write(struct batch *b)
{
	struct buf all = {0};
	size_t i;
	int err;

	buf_printf(&all, "%s\n", manifest_magic);
	for (i = 0; i < b->n; i++)
		if (b->e[i].known && b->e[i].present)
			manifest_block(&all, &b->e[i]);
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

/* The hash of everything that changes every output: the program, the formats, the templates. */
static unsigned long long
environment_key(const struct batch *b, const char *tdir)
{
	unsigned long long h = UTIL_HASH_INIT;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	unsigned formats = 0;
	DIR *dir = opendir(tdir);

	h = util_hash(h, VERSION, strlen(VERSION) + 1);
	formats = render_env_formats(b->env);
	h = util_hash(h, &formats, sizeof(formats));
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
		unsigned long long fh = 0;

		h = util_hash(h, names[i], strlen(names[i]) + 1);
		if (hash_file(path, &fh))
			h = util_hash(h, &fh, sizeof(fh));
		free(path);
		free(names[i]);
	}
	free(names);
	return h;
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
			unsigned long long h = util_hash(UTIL_HASH_INIT, r, strlen(r));

			if (b->o->shards == 0 || h % b->o->shards == b->o->shard - 1)
				add(b, r)->present = true;
		}
		free(path);
		free(r);
		free(names[i]);
	}
	free(names);
}

/* Where the outputs of a session go: the output folder mirroring the archive, or beside it. */
static char *
out_dir(const struct batch *b, const char *rel)
{
	char *d, *o;

	if (b->o->outdir == NULL)
		return NULL;
	d = util_dirname(rel);
	o = strcmp(d, ".") == 0 ? xstrdup(b->o->outdir) : util_join(b->o->outdir, d);
	free(d);
	return o;
}

static bool
outputs_exist(const struct batch *b, const struct entry *e)
{
	static const char *const ext[] = {"pdf", "md", "html"};
	unsigned formats = render_env_formats(b->env);
	char *dir = out_dir(b, e->rel), *stem = util_stem(e->rel), *where;
	bool ok = true;
	size_t i;

	where = dir ? xstrdup(dir) : util_dirname(e->rel);
	if (dir == NULL) {
		char *full = util_join(b->o->dir, where);

		free(where);
		where = full;
	}
	for (i = 0; ok && i < 3; i++) {
		if (formats & (1u << i)) {
			char *name = xasprintf("%s.%s", stem, ext[i]),
			     *path = util_join(where, name);
			struct stat st;

			ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);
			free(name);
			free(path);
		}
	}
	free(dir);
	free(stem);
	free(where);
	return ok;
}

/* Whether a session's inputs are what they were: same size and time, or same content. */
static bool
up_to_date(struct batch *b, struct entry *e)
{
	size_t i;

	if (!e->known || e->env != b->envkey || e->nin == 0)
		return false;
	for (i = 0; i < e->nin; i++) {
		char *path = input_path(b, e->in[i].path);
		struct stat st;
		unsigned long long h;
		bool same;

		same = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		if (same && (st.st_size != e->in[i].size || mtime_ns(&st) != e->in[i].mtime)) {
			same = hash_file(path, &h) && h == e->in[i].hash;
			if (same) { /* touched, not changed: remember the new time */
				e->in[i].size = st.st_size;
				e->in[i].mtime = mtime_ns(&st);
			}
		}
		free(path);
		if (!same)
			return false;
	}
	return outputs_exist(b, e);
}

/* --- the workers -------------------------------------------------------------------------- */

/* An input as the manifest keeps it: its path inside the archive when it is there. */
static void
record_input(struct batch *b, struct buf *out, const char *path)
{
	char *real = realpath(path, NULL);
	const char *keep = path;
	size_t n = strlen(b->real_dir);
	struct stat st;
	unsigned long long h = 0;
	char num[64];

	if (real != NULL && strncmp(real, b->real_dir, n) == 0 && real[n] == '/')
		keep = real + n + 1;
	else if (real != NULL)
		keep = real;
	if (stat(path, &st) != 0 || !hash_file(path, &h)) {
		free(real);
		return;
	}
	buf_puts(out, "I");
	put_field(out, keep);
	snprintf(num, sizeof(num), "%lld", (long long)st.st_size);
	put_field(out, num);
	snprintf(num, sizeof(num), "%lld", mtime_ns(&st));
	put_field(out, num);
	snprintf(num, sizeof(num), "%016llx", h);
	put_field(out, num);
	buf_putc(out, '\n');
	free(real);
}

/* In the worker: render, then tell the parent everything on fd, and exit. */
static void
work(struct batch *b, struct entry *e, int fd)
{
	struct render_result res;
	struct diags d;
	struct buf out = {0};
	char *path = util_join(b->o->dir, e->rel), *dir = out_dir(b, e->rel), num[32];
	size_t i;
	bool ok;
	const char *p;
	size_t left;

	diags_init(&d, NULL);
	ok = render_file(b->env, path, dir, &res, &d);
	snprintf(num, sizeof(num), "%d", ok ? 0 : diags_status(&d) ? diags_status(&d) : 3);
	buf_puts(&out, "R");
	put_field(&out, num);
	buf_putc(&out, '\n');
	if (ok) {
		for (i = 0; i < res.ninputs; i++)
			record_input(b, &out, res.inputs[i]);
		for (i = 0; i < res.nacts; i++)
			put_act(&out, &res.acts[i]);
	}
	for (i = 0; i < d.n; i++) {
		const struct diag *g = &d.v[i];

		snprintf(num, sizeof(num), "%d", (int)g->id);
		buf_puts(&out, "D");
		put_field(&out, num);
		snprintf(num, sizeof(num), "%d", (int)g->level);
		put_field(&out, num);
		put_pos(&out, &g->pos);
		put_field(&out, g->msg);
		buf_putc(&out, '\n');
		if (g->note != NULL) {
			buf_puts(&out, "N");
			put_pos(&out, &g->note_pos);
			put_field(&out, g->note);
			buf_putc(&out, '\n');
		}
	}
	buf_puts(&out, "E\n");
	for (p = out.data, left = out.len; left > 0;) {
		ssize_t w = write(fd, p, left);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		left -= (size_t)w;
	}
	/* nothing to free: the process ends here, without running the parent's atexit work */
	_exit(0);
}

struct worker {
	pid_t pid;
	int fd;
	size_t entry;
	struct buf got;
};

/* A worker's report, read by the parent: the session's new inputs and acts, its messages. */
static int
take_report(struct batch *b, struct worker *w, int wstatus)
{
	struct entry *e = &b->e[w->entry];
	char *line, *next, *f[8];
	int status = 3;
	bool complete = false;
	size_t n;

	clear_entry(e);
	for (line = w->got.data; line != NULL && *line; line = next) {
		next = strchr(line, '\n');
		if (next == NULL)
			break;
		*next++ = '\0';
		n = split_fields(line, f, 8);
		if (strcmp(f[0], "R") == 0 && n >= 2)
			status = atoi(f[1]);
		else if (strcmp(f[0], "I") == 0 && n >= 5) {
			struct input *x;

			e->in = xrealloc(e->in, (e->nin + 1) * sizeof(*e->in));
			x = &e->in[e->nin++];
			x->path = xstrdup(f[1]);
			x->size = strtoll(f[2], NULL, 10);
			x->mtime = strtoll(f[3], NULL, 10);
			x->hash = strtoull(f[4], NULL, 16);
		} else if (strcmp(f[0], "A") == 0 && n >= 7) {
			struct render_act *a;

			e->acts = xrealloc(e->acts, (e->nacts + 1) * sizeof(*e->acts));
			a = &e->acts[e->nacts++];
			a->numero = xstrdup(f[1]);
			a->data = xstrdup(f[2]);
			a->ente = xstrdup(f[3]);
			a->organo = xstrdup(f[4]);
			a->oggetto = xstrdup(f[5]);
			a->esito = xstrdup(f[6]);
		} else if (strcmp(f[0], "D") == 0 && n >= 7) {
			struct pos p = {f[3][0] ? f[3] : NULL, (unsigned)atoi(f[4]),
			                (unsigned)atoi(f[5])};
			int id = atoi(f[1]), level = atoi(f[2]);

			if (id >= 0 && id < D_ID_MAX && level >= 0 && level < DIAG_LEVEL_MAX)
				diag_add(b->d, (enum diag_id)id, (enum diag_level)level, &p, f[6]);
		} else if (strcmp(f[0], "N") == 0 && n >= 5) {
			struct pos p = {f[1][0] ? f[1] : NULL, (unsigned)atoi(f[2]),
			                (unsigned)atoi(f[3])};

			diag_note(b->d, &p, "%s", f[4]);
		} else if (strcmp(f[0], "E") == 0)
			complete = true;
	}
	if (!complete) {
		char *path = util_join(b->o->dir, e->rel), *why;

		why = WIFSIGNALED(wstatus) ? xasprintf("segnale %d", WTERMSIG(wstatus))
		                           : xasprintf("stato di uscita %d", WEXITSTATUS(wstatus));
		diag_report(b->d, D_WORKER, NULL, path, why);
		free(path);
		free(why);
		return 3;
	}
	if (status == 0) {
		e->env = b->envkey;
		e->known = true;
		e->rendered = true;
		manifest_append(b, e);
	}
	return status;
}

static void
progress(struct batch *b, bool last)
{
	double el = (now_ms() - b->start) / 1000, rate = el > 0 ? b->done / el : 0;

	if (!b->o->progress)
		return;
	fprintf(stderr, "\r\033[K[%zu/%zu] %.1f file/s", b->done, b->todo, rate);
	if (!last && rate > 0)
		fprintf(stderr, ", ancora %.0f s", (b->todo - b->done) / rate);
	if (last)
		fputc('\n', stderr);
	fflush(stderr);
}

/* Render the entries marked render, at most jobs at a time. Returns the worst status. */
static int
render_all(struct batch *b)
{
	int jobs = b->o->jobs > 0 ? b->o->jobs : 1, worst = 0, status, wstatus;
	struct worker *w = xcalloc((size_t)jobs, sizeof(*w));
	struct pollfd *pfd = xcalloc((size_t)jobs, sizeof(*pfd));
	size_t next = 0, i, running = 0;

	for (i = 0; i < (size_t)jobs; i++)
		w[i].fd = -1;
	for (;;) {
		/* start workers while there is room */
		for (i = 0; i < (size_t)jobs; i++) {
			int fds[2];

			while (next < b->n && !b->e[next].render)
				next++;
			if (w[i].fd >= 0 || next >= b->n)
				continue;
			if (pipe(fds) != 0) {
				diag_report(b->d, D_WORKER, NULL, b->e[next].rel,
				            util_strerror(errno));
				free(w);
				free(pfd);
				return 3;
			}
			fflush(stdout);
			fflush(stderr);
			w[i].pid = fork();
			if (w[i].pid == 0) {
				close(fds[0]);
				work(b, &b->e[next], fds[1]);
			}
			close(fds[1]);
			if (w[i].pid < 0) {
				close(fds[0]);
				diag_report(b->d, D_WORKER, NULL, b->e[next].rel,
				            util_strerror(errno));
				free(w);
				free(pfd);
				return 3;
			}
			w[i].fd = fds[0];
			w[i].entry = next++;
			w[i].got.len = 0;
			running++;
		}
		if (running == 0)
			break;
		for (i = 0; i < (size_t)jobs; i++) {
			pfd[i].fd = w[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, (nfds_t)jobs, -1) < 0 && errno != EINTR)
			break;
		for (i = 0; i < (size_t)jobs; i++) {
			char chunk[65536];
			ssize_t n;

			if (w[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(w[i].fd, chunk, sizeof(chunk));
			if (n > 0) {
				buf_add(&w[i].got, chunk, (size_t)n);
				continue;
			}
			if (n < 0 && errno == EINTR)
				continue;
			close(w[i].fd);
			w[i].fd = -1;
			while (waitpid(w[i].pid, &wstatus, 0) < 0 && errno == EINTR)
				;
			status = take_report(b, &w[i], wstatus);
			if (status > worst)
				worst = status;
			running--;
			b->done++;
			progress(b, false);
		}
	}
	for (i = 0; i < (size_t)jobs; i++)
		buf_free(&w[i].got);
	free(w);
	free(pfd);
	return worst;
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

		manifest_read(b, path);
		free(path);
		free(names[i]);
	}
	free(names);
	manifest_read(b, b->manifest);
	return 0;
}

int
batch_run(struct render_env *env, const struct batch_opts *o, struct diags *d)
{
	struct batch b;
	char *skip[2] = {NULL, NULL}, *reg_name;
	size_t i, fresh = 0, failed = 0, present = 0;
	int status = 0, err;
	struct stat st;

	memset(&b, 0, sizeof(b));
	b.o = o;
	b.env = env;
	b.d = d;
	b.journal = -1;
	b.start = now_ms();
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
	b.envkey = environment_key(&b, render_env_templates(env));
	if (!o->force)
		load_manifests(&b);
	for (i = 0; i < b.n; i++)
		b.e[i].present = false;
	skip[0] = realpath(b.out, NULL);
	skip[1] = realpath(render_env_templates(env), NULL);
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
	for (i = 0; i < b.n; i++) {
		struct entry *e = &b.e[i];

		if (!e->present)
			continue;
		present++;
		e->render = o->force || !up_to_date(&b, e);
		b.todo += e->render;
	}
	if (b.todo > 0) {
		/* the journal: each session's block is appended as soon as its outputs are in
		 * place; a batch killed now loses at most the block being written */
		b.journal = open(b.manifest, O_WRONLY | O_APPEND | O_CREAT, 0644);
		if (b.journal >= 0 && lseek(b.journal, 0, SEEK_END) == 0) {
			struct buf head = {0};

			buf_printf(&head, "%s\n", manifest_magic);
			if (write(b.journal, head.data, head.len) != (ssize_t)head.len) {
				close(b.journal);
				b.journal = -1;
			}
			buf_free(&head);
		}
		status = render_all(&b);
		progress(&b, true);
		if (b.journal >= 0)
			close(b.journal);
	}
	for (i = 0; i < b.n; i++) {
		fresh += b.e[i].rendered;
		failed += b.e[i].render && !b.e[i].rendered;
	}
	/* the register, and the manifest without what is gone and with what changed */
	{
		char *reg = xasprintf("%s/%s.md", b.out, reg_name);
		bool need = b.todo > 0 || stat(reg, &st) != 0;

		free(reg);
		if (!manifest_write(&b) && status < 3)
			status = 3;
		if (need && !write_register(&b, reg_name) && status < diags_status(d))
			status = diags_status(d);
	}
	diags_flush(d); /* every file's messages first, by file and line; the summary last */
	fprintf(stderr,
	        "verbale: %zu sedute: %zu rese, %zu già aggiornate, %zu con errori, %.1f s\n",
	        present, fresh, present - b.todo, failed, (now_ms() - b.start) / 1000);
	free(reg_name);
out:
	if (diags_status(d) > status)
		status = diags_status(d);
	for (i = 0; i < b.n; i++) {
		clear_entry(&b.e[i]);
		free(b.e[i].rel);
	}
	free(b.e);
	free(b.real_dir);
	free(b.out);
	free(b.manifest);
	free(skip[0]);
	free(skip[1]);
	return status;
}
