/*
 * batch_private.h: what batch.c and batch_out.c share, and nothing else includes: the batch's
 * state (struct batch), its sessions (struct entry), and the few helpers both use. batch.c
 * owns the state; batch_out.c knows where each session's outputs are, whether they are there,
 * and which ones no session writes any more.
 */
#ifndef VERBALE_BATCH_PRIVATE_H
#define VERBALE_BATCH_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>

#include "batch.h"
#include "manifest.h"
#include "util.h"

/* What a render (or the environment) read through a struct util_reader whose fn is note_read
 * (see util.h): its inputs. */
struct reads {
	const struct batch *b;
	struct manifest_input *v;
	size_t n, cap;
};

/* A session: as the manifest remembers it, then as this run finds it. */
struct entry {
	char *rel; /* the session file, relative to the archive */
	unsigned long long env;
	struct manifest_input *in;
	size_t nin;
	struct render_act *acts;
	size_t nacts;
	char **docs; /* the suffix of each document its render writes (render_result) */
	size_t ndocs;
	bool known;    /* the manifest has it */
	bool own;      /* ... this run's own manifest (not another shard's) */
	bool gone;     /* the manifest has it as removed, its outputs left behind */
	bool orphan;   /* removed, and outputs of it are still there after this run */
	bool present;  /* the archive has it (this shard) */
	bool render;   /* to render this run */
	bool rendered; /* rendered this run, successfully */
};

struct batch {
	const struct batch_opts *o;
	struct render_env *env;
	struct diags *d;
	char *real_dir;         /* realpath of the archive */
	char *real_tdir;        /* realpath of the templates' folder */
	struct reads env_reads; /* the files read for every render (the style, the dictionary) */
	struct manifest_input *fonts; /* the PDF's font files, inputs of every PDF */
	size_t nfonts;
	long pause_ms;          /* VERBALE_BATCH_PAUSA: a worker waits this long after rendering */
	const char *pause_only; /* ... only for the sessions whose path has this text; NULL: all */
	char *out;              /* where manifest and register go */
	char *manifest;         /* its path */
	unsigned long long envkey;
	struct entry *e;
	size_t n, cap;
	size_t done, todo;
	double start;
	int journal; /* the manifest, open for appending, or -1 */
};

/* --- batch.c ---------------------------------------------------------------------------- */

/* CLOCK_MONOTONIC in milliseconds. */
double batch_now_ms(void);
/* In a worker: render e and put its report into out (what batch_take_report reads): its
 * status, inputs, acts, documents and messages. Keeps nothing allocated. */
void batch_work(struct batch *b, const struct entry *e, struct buf *out);
/* In the parent: the report (NUL-terminated, changed in place) of the worker that rendered
 * entry, ending however it ended; wstatus is the worker's wait status when the report is
 * incomplete (the worker died: reported as such). Records the session's new inputs, acts and
 * messages; returns the session's status. */
int batch_take_report(struct batch *b, size_t entry, char *report, int wstatus);
/* In the parent: the session entry, whose worker was stopped over its time, reported and
 * forgotten. Returns 1. */
int batch_timed_out(struct batch *b, size_t entry);
/* The progress line (with o->progress), the last one when last. */
void batch_progress(struct batch *b, bool last);

/* A path as the manifest keeps it (malloc'd). */
char *batch_keep_path(const struct batch *b, const char *path);
/* Whether the session rel belongs to this run's shard (every one without --shard). */
bool batch_in_shard(const struct batch *b, const char *rel);

/* --- batch_out.c ------------------------------------------------------------------------ */

/* Where the outputs of session rel go, malloc'd: the output folder mirroring the archive, or
 * NULL without one (beside the session). */
char *batch_out_dir(const struct batch *b, const char *rel);
/* Whether every output of e's last render (each document, each format) is there. */
bool batch_out_exist(const struct batch *b, const struct entry *e);
/*
 * old[0..nold) (freed here), the documents e's last render wrote. With rendered, e was just
 * rendered, writing e->docs: the files of an old document it no longer writes (an act removed
 * or renumbered, or --atti left out) are reported, or deleted with --prune, and those left stay
 * e's (so that later runs still know them). Otherwise e keeps what its last render wrote.
 */
void batch_out_stale(struct batch *b, struct entry *e, char **old, size_t nold, bool rendered);
/*
 * The outputs of the sessions gone from the archive (from this shard's part of it): reported,
 * or deleted with --prune. Those left are remembered in the manifest ("O" lines), so that a
 * later run still finds them. Returns whether sessions of the last run are gone (then the
 * register is written anew).
 */
bool batch_out_orphans(struct batch *b);

/* --- batch_pool.c ----------------------------------------------------------------------- */

/*
 * Render the entries marked render on o->jobs long-lived worker processes, each rendering
 * many sessions; one that dies or goes over its time is reported with its session and
 * replaced. Returns the worst status.
 */
int batch_pool_run(struct batch *b);

#endif
