/*
 * watch.c: render a session file again whenever one of its inputs or a template is saved.
 *
 * Editors save by writing a temporary file and renaming it over the original, or by deleting
 * and recreating it, so a watch on the file itself would be lost at the first save: inotify
 * watches the FOLDERS that hold the inputs, and an event counts when it names an input (in the
 * templates' folder, any file but hidden ones and backups). The inputs are what the last render
 * read (render_result): the watched set is rebuilt after every render. One save is several
 * events, so a render starts once the relevant events have been quiet for QUIET_MS, and at the
 * latest BURST_MS after the first of them. Signals arrive through a signalfd, polled with the
 * inotify descriptor: no handler, no global state, and a render in progress always finishes.
 */
#define _GNU_SOURCE /* inotify, signalfd, CLOCK_REALTIME_COARSE */
#include "watch.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "serve.h"
#include "util.h"

enum {
	QUIET_MS = 20,      /* a save is over when its events have been quiet this long */
	BURST_MS = 100,     /* and a render never waits longer than this after the first event */
	ANCESTORS_MAX = 64, /* how far up a missing folder's parents are tried */
};

/* What a watched folder reports: a file written, moved in or out, created, deleted, or its
 * mode changed; the folder itself deleted or moved (IN_IGNORED comes anyway). */
#define WATCH_MASK                                                                                 \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB |        \
	 IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

/* A watched folder and the names in it that matter. */
struct wdir {
	int wd;
	bool all;     /* the templates' folder: every name matters */
	char *path;   /* owned; for the messages and the check after a refresh */
	char **names; /* owned */
	size_t nnames, cap;
};

struct wset {
	struct wdir *v;
	size_t n, cap;
};

struct watch {
	const struct render_opts *opts;
	const char *path; /* the session file */
	FILE *out;        /* diagnostics and status lines; NULL: silent */
	int ifd, sfd;     /* inotify, signalfd */
	struct wset ws;
	struct render_env *env;   /* NULL after a failed rebuild: tried again at the next render */
	bool env_stale;           /* the templates' folder changed: rebuild env (style, fonts) */
	struct timespec started;  /* CLOCK_REALTIME_COARSE (file times' clock) at the last render */
	char *stem;               /* the outputs' name without extension */
	char *outdir;             /* the outputs' folder, resolved once it exists */
	struct serve *srv;        /* the live preview (--serve), or NULL */
	struct render_opts sopts; /* opts with the HTML preview added, for --serve */
};

/* Microseconds on the monotonic clock. */
static long long
now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000000 + t.tv_nsec / 1000;
}

/* When a render is due: QUIET_MS after the last relevant event, BURST_MS after the first. */
static long long
render_due(long long first, long long last)
{
	long long quiet = last + QUIET_MS * 1000LL, burst = first + BURST_MS * 1000LL;

	return quiet < burst ? quiet : burst;
}

/* --- the set of watched folders ----------------------------------------------------------- */

static struct wdir *
wset_find(const struct wset *s, int wd)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->v[i].wd == wd)
			return &s->v[i];
	return NULL;
}

/* Add name (NULL: every name) in folder path, watched as wd. */
static void
wset_add(struct wset *s, int wd, const char *path, const char *name)
{
	struct wdir *e = wset_find(s, wd);
	size_t i;

	if (e == NULL) {
		s->v = xgrow(s->v, &s->cap, s->n + 1, sizeof(*s->v));
		e = &s->v[s->n++];
		memset(e, 0, sizeof(*e));
		e->wd = wd;
		e->path = xstrdup(path);
	}
	if (name == NULL) {
		e->all = true;
		return;
	}
	for (i = 0; i < e->nnames; i++)
		if (strcmp(e->names[i], name) == 0)
			return;
	e->names = xgrow(e->names, &e->cap, e->nnames + 1, sizeof(*e->names));
	e->names[e->nnames++] = xstrdup(name);
}

static void
wset_free(struct wset *s)
{
	size_t i, j;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < s->v[i].nnames; j++)
			free(s->v[i].names[j]);
		free(s->v[i].names);
		free(s->v[i].path);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* Split path into its folder and its last component (trailing slashes dropped), malloc'd. */
static void
split_path(const char *path, char **dir, char **name)
{
	size_t n = strlen(path);
	const char *slash;
	char *p;

	while (n > 1 && path[n - 1] == '/')
		n--;
	p = xstrndup(path, n);
	slash = strrchr(p, '/');
	*dir = util_dirname(p);
	*name = xstrdup(slash != NULL ? slash + 1 : p);
	free(p);
}

/*
 * Watch folder dir for name (NULL: for every name) into set. A folder that does not exist yet
 * (an annex in a folder still to be made) is waited for from its nearest existing parent, which
 * reports the creation of the missing component.
 */
static void
watch_name(struct watch *w, struct wset *set, const char *dir, const char *name)
{
	char *d = xstrdup(dir), *n = name != NULL ? xstrdup(name) : NULL, *up, *base;
	int i, wd, err;

	for (i = 0; i < ANCESTORS_MAX; i++) {
		if ((wd = inotify_add_watch(w->ifd, d, WATCH_MASK)) >= 0) {
			wset_add(set, wd, d, n);
			break;
		}
		err = errno;
		if (err != ENOENT && err != ENOTDIR) {
			if (w->out != NULL)
				diag_say(w->out, D_WATCH_DIR, d, util_strerror(err));
			break;
		}
		split_path(d, &up, &base);
		if (*base == '\0' || strcmp(up, d) == 0) {
			free(up);
			free(base);
			break;
		}
		free(d);
		free(n);
		d = up;
		n = base;
	}
	free(d);
	free(n);
}

/* Watch the folder of path for its name, and that of its target when it is a link. */
static void
watch_file(struct watch *w, struct wset *set, const char *path)
{
	char *dir, *name, *real = realpath(path, NULL);

	split_path(path, &dir, &name);
	watch_name(w, set, dir, name);
	free(dir);
	free(name);
	if (real != NULL && strcmp(real, path) != 0) {
		split_path(real, &dir, &name);
		watch_name(w, set, dir, name);
		free(dir);
		free(name);
	}
	free(real);
}

/* Whether a file named in e changed since the last render began (file times' clock). */
static bool
changed_since(const struct watch *w, const struct wdir *e)
{
	const struct timespec *t0 = &w->started;
	bool changed = false;
	size_t i;

	for (i = 0; i < e->nnames && !changed; i++) {
		char *f = util_join(e->path, e->names[i]);
		struct stat st;

		if (stat(f, &st) == 0 &&
		    (st.st_ctim.tv_sec > t0->tv_sec ||
		     (st.st_ctim.tv_sec == t0->tv_sec && st.st_ctim.tv_nsec >= t0->tv_nsec)))
			changed = true;
		free(f);
	}
	return changed;
}

/*
 * Watch the templates' folder, the session file and inputs (what the last render read), and
 * stop watching the folders no longer needed. Returns true when a file in a folder watched only
 * now changed after the render began: that save came before the watch, so render again.
 */
static bool
watch_refresh(struct watch *w, char *const *inputs, size_t ninputs)
{
	struct wset set = {0};
	bool again = false;
	size_t i;

	watch_name(w, &set, w->opts->template_dir, NULL);
	watch_file(w, &set, w->path);
	for (i = 0; i < ninputs; i++)
		watch_file(w, &set, inputs[i]);
	for (i = 0; i < w->ws.n; i++)
		if (wset_find(&set, w->ws.v[i].wd) == NULL)
			inotify_rm_watch(w->ifd, w->ws.v[i].wd); /* EINVAL when already gone */
	for (i = 0; i < set.n && !again; i++)
		if (wset_find(&w->ws, set.v[i].wd) == NULL)
			again = changed_since(w, &set.v[i]);
	wset_free(&w->ws);
	w->ws = set;
	return again;
}

/* --- events ------------------------------------------------------------------------------- */

/* An editor's scratch file in the templates' folder: swap files, backups, our own temporary
 * outputs (all hidden, or Emacs' #autosave#, or name~). */
static bool
is_scratch(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || name[0] == '#' || (n > 0 && name[n - 1] == '~');
}

/*
 * Whether name in folder e is one of the render's own outputs. Their saves never count, lest
 * each render start the next: outputs written into the templates' folder, say. (An annex named
 * like an output is refused by render_file, which then writes nothing.)
 */
static bool
is_output(struct watch *w, const struct wdir *e, const char *name)
{
	size_t n = strlen(w->stem);
	const struct render_format *f;
	char *dir;
	bool same;

	if (strncmp(name, w->stem, n) != 0 || name[n] != '.')
		return false;
	f = render_format_find(name + n + 1, strlen(name + n + 1));
	if (f == NULL || !(w->opts->formats & f->id))
		return false;
	if (w->outdir == NULL) {
		char *d = w->opts->outdir ? xstrdup(w->opts->outdir) : util_dirname(w->path);

		w->outdir = realpath(d, NULL);
		free(d);
	}
	dir = realpath(e->path, NULL);
	same = dir != NULL && w->outdir != NULL && strcmp(dir, w->outdir) == 0;
	free(dir);
	return same;
}

/* Whether an event may change the output; one in the templates' folder also makes the
 * environment (style file) stale. */
static bool
event_matters(struct watch *w, const struct inotify_event *ev)
{
	const struct wdir *e;
	size_t i;

	if (ev->mask & IN_Q_OVERFLOW) { /* events were lost: assume the worst */
		w->env_stale = true;
		return true;
	}
	if ((e = wset_find(&w->ws, ev->wd)) == NULL)
		return false; /* a folder no longer watched */
	if (ev->mask & (IN_IGNORED | IN_DELETE_SELF | IN_MOVE_SELF)) {
		/* the folder itself went: render (and report) and watch again */
		w->env_stale |= e->all;
		return true;
	}
	if (ev->len == 0 || is_output(w, e, ev->name))
		return false;
	for (i = 0; i < e->nnames; i++)
		if (strcmp(e->names[i], ev->name) == 0)
			return true;
	if (e->all && !is_scratch(ev->name)) {
		w->env_stale = true;
		return true;
	}
	return false;
}

/* Read every pending event; true when one of them matters. */
static bool
read_events(struct watch *w)
{
	_Alignas(struct inotify_event) char buf[16384];
	bool matters = false;
	ssize_t n;
	size_t off;

	for (;;) {
		n = read(w->ifd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break; /* EAGAIN: nothing more for now */
		for (off = 0; off + sizeof(struct inotify_event) <= (size_t)n;) {
			const struct inotify_event *ev = (const struct inotify_event *)(buf + off);

			if (event_matters(w, ev))
				matters = true;
			off += sizeof(*ev) + ev->len;
		}
	}
	return matters;
}

/* --- rendering ---------------------------------------------------------------------------- */

/* The local time, HH:MM:SS and a space: the start of each of watch's own lines. */
static void
time_put(FILE *out)
{
	char hms[16] = "";
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) != NULL)
		strftime(hms, sizeof(hms), "%H:%M:%S ", &tm);
	fputs(hms, out);
}

static void
status_line(const struct watch *w, bool ok, long long us)
{
	const struct render_format *f;
	size_t i, n = 0, total = 0;

	if (w->out == NULL)
		return;
	time_put(w->out);
	if (!ok) {
		fputs("verbale: errori, l'ultimo verbale buono resta\n", w->out);
		fflush(w->out);
		return;
	}
	for (i = 0; (f = render_format_get(i)) != NULL; i++)
		total += (w->opts->formats & f->id) != 0;
	fputs(total > 1 ? "verbale: aggiornati " : "verbale: aggiornato ", w->out);
	for (i = 0; (f = render_format_get(i)) != NULL; i++) {
		if (!(w->opts->formats & f->id))
			continue;
		if (n++ > 0)
			fputs(n == total ? " e " : ", ", w->out);
		fprintf(w->out, "%s.%s", w->stem, f->ext);
	}
	fprintf(w->out, " in %lld ms\n", (us + 500) / 1000);
	fflush(w->out);
}

/* Give the live preview the new HTML after a good render, or rd's errors after a broken one. */
static void
watch_serve(struct watch *w, bool ok, const struct diags *rd)
{
	char *dir = w->opts->outdir ? xstrdup(w->opts->outdir) : util_dirname(w->path),
	     *html = render_doc_path(dir, w->stem, "", render_format_of(RENDER_HTML)->ext),
	     *data = NULL;
	size_t len = 0;

	if (ok && util_read_file(html, (size_t)1 << 30, &data, &len) != 0) {
		free(data); /* written a moment ago: gone since, the next render tells */
		data = NULL;
	}
	serve_update(w->srv, data, len, rd);
	free(data);
	free(html);
	free(dir);
}

/*
 * Render once (rebuilding the environment first when the templates' folder changed), print the
 * diagnostics and a status line, and watch what the render read. Returns true when it must
 * run again (see watch_refresh).
 */
static bool
watch_render(struct watch *w)
{
	struct render_result res;
	struct diags rd;
	long long t0 = now_us(), took;
	bool ok = false, again;

	memset(&res, 0, sizeof(res));
	diags_init(&rd, w->out);
	clock_gettime(CLOCK_REALTIME_COARSE, &w->started);
	if (w->env_stale || w->env == NULL) {
		render_env_free(w->env);
		w->env = render_env_new(w->opts, &rd);
		w->env_stale = false;
	}
	if (w->env != NULL)
		ok = render_file(w->env, w->path, NULL, NULL, &res, &rd);
	diags_flush(&rd);
	if (w->srv != NULL)
		watch_serve(w, ok, &rd);
	took = now_us() - t0;
	again = watch_refresh(w, res.inputs, res.ninputs);
	status_line(w, ok, took); /* last: once it is printed, the next save is seen */
	render_result_clear(&res);
	diags_clear(&rd);
	return again;
}

/*
 * Block the signals that end the watch, to read them from a signalfd: SIGINT and SIGTERM, also
 * when they came ignored (a script's background job starts with SIGINT ignored), and SIGHUP
 * unless it came ignored (nohup).
 */
static bool
end_signals(sigset_t *sigs)
{
	struct sigaction dfl, hup;

	memset(&dfl, 0, sizeof(dfl));
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	sigemptyset(sigs);
	sigaddset(sigs, SIGINT);
	sigaddset(sigs, SIGTERM);
	if (sigaction(SIGHUP, NULL, &hup) == 0 && hup.sa_handler != SIG_IGN)
		sigaddset(sigs, SIGHUP);
	if (sigprocmask(SIG_BLOCK, sigs, NULL) != 0)
		return false;
	/* blocked now, so a default disposition only makes them pending for the signalfd */
	return sigaction(SIGINT, &dfl, NULL) == 0 && sigaction(SIGTERM, &dfl, NULL) == 0;
}

static int
fail_internal(struct diags *d, const char *what)
{
	char *msg = xasprintf("%s: %s", what, util_strerror(errno));

	diag_report(d, D_INTERNAL, NULL, msg);
	free(msg);
	diags_flush(d);
	return diags_status(d);
}

int
watch_run(const struct render_opts *opts, const char *path, unsigned serve_port, struct diags *d)
{
	struct watch w;
	struct stat st;
	sigset_t sigs;
	long long first = 0, last = 0;
	bool pending;
	int status = 0;

	memset(&w, 0, sizeof(w));
	w.opts = opts;
	if (serve_port != 0) { /* the preview needs the HTML, whatever -f says */
		w.sopts = *opts;
		w.sopts.formats |= RENDER_HTML;
		w.opts = &w.sopts;
	}
	w.path = path;
	w.out = d->out;
	w.ifd = w.sfd = -1;
	if (stat(path, &st) != 0 && errno == ENOENT) {
		struct pos p = {path, 0, 0};

		diag_report(d, D_FILE_MISSING, &p, path);
		diags_flush(d);
		return diags_status(d);
	}
	if (!end_signals(&sigs))
		return fail_internal(d, "sigprocmask");
	w.stem = util_stem(path);
	if ((w.sfd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
		status = fail_internal(d, "signalfd");
		goto out;
	}
	if ((w.ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0) {
		status = fail_internal(d, "inotify");
		goto out;
	}
	if ((w.env = render_env_new(w.opts, d)) == NULL) {
		diags_flush(d);
		status = diags_status(d);
		goto out;
	}
	/* the session's and the templates' folders before the first render reads them */
	watch_refresh(&w, NULL, 0);
	if (serve_port != 0) {
		char *sdir = util_dirname(path),
		     *odir = opts->outdir ? xstrdup(opts->outdir) : xstrdup(sdir);

		w.srv = serve_start(serve_port, sdir, odir, d);
		free(odir);
		free(sdir);
		if (w.srv == NULL) {
			diags_flush(d);
			status = diags_status(d);
			goto out;
		}
	}
	if (w.out != NULL) {
		time_put(w.out);
		fprintf(w.out,
		        "verbale: sorveglio %s, i suoi allegati e i modelli (Ctrl-C per finire)\n",
		        path);
		if (w.srv != NULL) {
			time_put(w.out);
			fprintf(w.out, "verbale: anteprima su http://127.0.0.1:%u/\n", serve_port);
		}
		fflush(w.out);
	}
	pending = watch_render(&w);
	first = last = now_us();
	for (;;) {
		struct pollfd pfd[2] = {{w.sfd, POLLIN, 0}, {w.ifd, POLLIN, 0}};
		int timeout = -1;

		if (pending) {
			long long wait = render_due(first, last) - now_us();

			timeout = wait <= 0 ? 0 : (int)((wait + 999) / 1000);
		}
		if (poll(pfd, 2, timeout) < 0) {
			if (errno == EINTR)
				continue;
			status = fail_internal(d, "poll");
			break;
		}
		if (pfd[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			ssize_t r = read(w.sfd, &si, sizeof(si));

			(void)r; /* which signal does not matter: each ends the watch */
			break;
		}
		if ((pfd[1].revents & POLLIN) && read_events(&w)) {
			last = now_us(); /* the quiet period starts again */
			if (!pending)
				first = last;
			pending = true;
		}
		if (pending && now_us() >= render_due(first, last)) {
			pending = watch_render(&w);
			first = last = now_us();
		}
	}
out:
	serve_stop(w.srv); /* first: its threads read nothing of w, but end before the exit */
	render_env_free(w.env);
	wset_free(&w.ws);
	free(w.stem);
	free(w.outdir);
	if (w.ifd >= 0)
		close(w.ifd);
	if (w.sfd >= 0)
		close(w.sfd);
	return status;
}
