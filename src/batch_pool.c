/*
 * batch_pool.c: the batch's worker processes. N long-lived workers, forked after the render
 * environment is loaded (fonts, dictionary and style shared copy-on-write), each render many
 * sessions: the parent sends a worker the index of a session over a socket, the worker renders
 * it and answers with its report (batch_work), framed by its length. A worker that dies (a
 * signal, an exit) or goes over its time (--timeout) has its session reported and is replaced
 * by a new one when there is more to do; every worker is replaced after WORKER_SESSIONS
 * sessions, to bound what a leak could take. A worker whose parent is gone sees the end of its
 * socket and exits.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "batch_private.h"
#include "util.h"

enum {
	WORKER_SESSIONS = 500, /* a worker renders at most this many sessions, then is replaced */
	HEADER = 8,            /* a report's length (uint64_t, host order) before the report */
};

struct worker {
	pid_t pid;    /* 0: none */
	int fd;       /* the parent's end of the worker's socket, or -1 */
	bool busy;    /* rendering entry */
	size_t entry; /* the session it renders */
	size_t done;  /* sessions it rendered */
	struct buf got;
	double deadline; /* batch_now_ms() past which it is stopped (with a timeout) */
};

struct pool {
	struct batch *b;
	struct worker *w;
	size_t n;
	const char *
	        crash; /* VERBALE_BATCH_GUASTO: a worker given a session whose path has it aborts */
	FILE *trace;   /* VERBALE_BATCH_TRACCIA: "+ PID" and "- PID" as workers start and end */
};

/* read() until n bytes or the end; returns how many were read. */
static size_t
read_full(int fd, void *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)p + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

/* send() all of p[0..n) without a SIGPIPE; false when the other end is gone. */
static bool
send_all(int fd, const void *p, size_t n)
{
	while (n > 0) {
		ssize_t r = send(fd, p, n, MSG_NOSIGNAL);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		p = (const char *)p + r;
		n -= (size_t)r;
	}
	return true;
}

/* The worker: render each session the parent sends, answer with its report; exit at the end of
 * the socket (the parent done or gone). */
static void
worker_loop(struct pool *p, int fd)
{
	struct batch *b = p->b;
	struct buf out = {0};
	uint64_t job, len;

	while (read_full(fd, &job, sizeof(job)) == sizeof(job) && job < b->n) {
		const struct entry *e = &b->e[job];

		if (p->crash != NULL && strstr(e->rel, p->crash) != NULL)
			abort();
		out.len = 0;
		buf_add(&out, "\0\0\0\0\0\0\0\0", HEADER);
		batch_work(b, e, &out);
		len = out.len - HEADER;
		memcpy(out.data, &len, HEADER);
		if (!send_all(fd, out.data, out.len))
			break;
	}
	/* nothing to free: the process ends here, without running the parent's atexit work */
	_exit(0);
}

static void
trace(const struct pool *p, char what, pid_t pid)
{
	if (p->trace != NULL) {
		fprintf(p->trace, "%c %ld\n", what, (long)pid);
		fflush(p->trace);
	}
}

/* Start the worker of slot w. False (errno set) when it cannot be. */
static bool
spawn(struct pool *p, struct worker *w)
{
	int sv[2];
	pid_t pid;
	size_t i;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return false;
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < p->n; i++) /* the other workers' sockets are theirs */
			if (p->w[i].fd >= 0)
				close(p->w[i].fd);
		close(sv[0]);
		worker_loop(p, sv[1]);
	}
	close(sv[1]);
	if (pid < 0) {
		int err = errno;

		close(sv[0]);
		errno = err;
		return false;
	}
	w->pid = pid;
	w->fd = sv[0];
	w->busy = false;
	w->done = 0;
	trace(p, '+', pid);
	return true;
}

/* Wait for the worker of w to end (its socket closed first); returns its wait status. */
static int
reap(struct pool *p, struct worker *w)
{
	int wstatus = 0;

	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	trace(p, '-', w->pid);
	w->pid = 0;
	w->busy = false;
	return wstatus;
}

/* A worker over its time: stop it (SIGTERM, so that it can remove its temporary files; SIGKILL
 * after a second), forget what it said, report the session as failed. Returns 1. */
static int
stop(struct pool *p, struct worker *w)
{
	int wstatus, i;

	kill(w->pid, SIGTERM);
	for (i = 0; i < 100; i++) {
		struct timespec t = {0, 10 * 1000000L};
		pid_t got = waitpid(w->pid, &wstatus, WNOHANG);

		if (got == w->pid || (got < 0 && errno != EINTR))
			break;
		nanosleep(&t, NULL);
	}
	if (i == 100) {
		kill(w->pid, SIGKILL);
		while (waitpid(w->pid, &wstatus, 0) < 0 && errno == EINTR)
			;
	}
	close(w->fd);
	w->fd = -1;
	trace(p, '-', w->pid);
	w->pid = 0;
	w->busy = false;
	return batch_timed_out(p->b, w->entry);
}

/* The worker of w ended with wstatus while rendering: its session reported as today. */
static int
lost(struct pool *p, struct worker *w, int wstatus)
{
	char none[1] = "";

	return batch_take_report(p->b, w->entry, w->got.len > HEADER ? w->got.data + HEADER : none,
	                         wstatus);
}

/* Whether w's buffer holds its whole report. */
static bool
complete(const struct worker *w)
{
	uint64_t len;

	if (w->got.len < HEADER)
		return false;
	memcpy(&len, w->got.data, HEADER);
	return w->got.len - HEADER >= len;
}

/* How long poll may wait: until the first deadline of a busy worker; -1 without timeout. */
static int
poll_wait(const struct pool *p)
{
	double first = -1, now = batch_now_ms();
	size_t i;

	if (p->b->o->timeout <= 0)
		return -1;
	for (i = 0; i < p->n; i++)
		if (p->w[i].busy && (first < 0 || p->w[i].deadline < first))
			first = p->w[i].deadline;
	if (first < 0)
		return -1;
	return first <= now ? 0 : (int)(first - now) + 1;
}

/* A session's end, however it ended: count it, keep the worst status. */
static void
finished(struct pool *p, int status, int *worst, size_t *running)
{
	if (status > *worst)
		*worst = status;
	(*running)--;
	p->b->done++;
	batch_progress(p->b, false);
}

int
batch_pool_run(struct batch *b)
{
	struct pool p = {b, NULL, (size_t)(b->o->jobs > 0 ? b->o->jobs : 1), NULL, NULL};
	struct pollfd *pfd;
	const char *tr = getenv("VERBALE_BATCH_TRACCIA");
	size_t next = 0, i, running = 0;
	int worst = 0;

	p.crash = getenv("VERBALE_BATCH_GUASTO");
	if (p.crash != NULL && *p.crash == '\0')
		p.crash = NULL;
	if (tr != NULL && *tr != '\0')
		p.trace = fopen(tr, "a");
	p.w = xcalloc(p.n, sizeof(*p.w));
	pfd = xcalloc(p.n, sizeof(*pfd));
	for (i = 0; i < p.n; i++)
		p.w[i].fd = -1;
	for (;;) {
		/* give each idle worker a session, starting the workers needed */
		for (i = 0; i < p.n; i++) {
			struct worker *w = &p.w[i];
			uint64_t job;

			while (next < b->n && !b->e[next].render)
				next++;
			if (w->busy || next >= b->n)
				continue;
			if (w->pid == 0 && !spawn(&p, w)) {
				diag_report(b->d, D_WORKER, NULL, b->e[next].rel,
				            util_strerror(errno));
				worst = 3;
				goto out;
			}
			w->entry = next++;
			w->got.len = 0;
			w->deadline = batch_now_ms() + (double)b->o->timeout * 1000;
			w->busy = true;
			running++;
			job = w->entry;
			if (!send_all(w->fd, &job,
			              sizeof(job))) /* it died idle: say so with its session */
				finished(&p, lost(&p, w, reap(&p, w)), &worst, &running);
		}
		if (running == 0)
			break;
		for (i = 0; i < p.n; i++) {
			pfd[i].fd = p.w[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		if (poll(pfd, (nfds_t)p.n, poll_wait(&p)) < 0 && errno != EINTR)
			break;
		for (i = 0; i < p.n; i++) {
			struct worker *w = &p.w[i];
			char chunk[65536];
			ssize_t n;

			if (w->fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(w->fd, chunk, sizeof(chunk));
			if (n < 0 && errno == EINTR)
				continue;
			if (n > 0) {
				buf_add(&w->got, chunk, (size_t)n);
				if (!w->busy || !complete(w))
					continue;
				w->busy = false;
				finished(&p,
				         batch_take_report(b, w->entry, w->got.data + HEADER, 0),
				         &worst, &running);
				if (++w->done >= WORKER_SESSIONS)
					reap(&p, w);
				continue;
			}
			if (w->busy) {
				int wstatus = reap(&p, w);

				finished(&p, lost(&p, w, wstatus), &worst, &running);
			} else
				reap(&p, w);
		}
		for (i = 0; b->o->timeout > 0 && i < p.n; i++)
			if (p.w[i].busy && batch_now_ms() >= p.w[i].deadline)
				finished(&p, stop(&p, &p.w[i]), &worst, &running);
	}
out:
	for (i = 0; i < p.n; i++) {
		if (p.w[i].pid != 0)
			reap(&p, &p.w[i]); /* the end of its socket ends it */
		buf_free(&p.w[i].got);
	}
	if (p.trace != NULL)
		fclose(p.trace);
	free(p.w);
	free(pfd);
	return worst;
}
