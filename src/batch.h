/*
 * batch.h: an archive regenerated in bulk. Every session file under a folder is rendered on
 * N long-lived worker processes, each rendering many files (batch_pool.c; forked after the
 * fonts, the dictionary and the style are loaded, so they share them), only when one of its
 * inputs changed since the last run (content hashes kept in a manifest in the output folder),
 * into an output tree that mirrors the archive; then the register of every act is written.
 * Outputs and the manifest are written atomically: a batch killed at any moment leaves old or
 * new complete files, and the next run repairs the rest.
 */
#ifndef VERBALE_BATCH_H
#define VERBALE_BATCH_H

#include <stdbool.h>

#include "diag.h"
#include "render.h"

struct batch_opts {
	const char *dir;    /* the archive */
	const char *outdir; /* NULL: outputs beside the sessions, manifest and register in dir */
	int jobs;           /* worker processes (>= 1) */
	bool force;         /* render everything */
	unsigned shard;     /* render only the shard-th (1-based) of shards parts; 0: all */
	unsigned shards;
	bool progress; /* show a progress line on stderr */
	bool prune;    /* delete the outputs of sessions gone from the archive (not with shards) */
	long timeout;  /* seconds a worker may take for one session, then it is killed; 0: none */
};

/*
 * Run the batch with the render options ro (their outdir unused: o->outdir places the outputs);
 * every problem is reported into d (the failures of the sessions at the end). The outputs of
 * sessions gone from the archive are reported (deleted with o->prune). A session whose worker
 * takes more than o->timeout seconds is stopped, reported and counted as failed (status 1).
 * Returns the exit status.
 *
 * Every file a render reads is an input of its outputs with the hash of the very bytes it read,
 * so a file saved while it is rendered is rendered again by the next run. The environment
 * variable VERBALE_BATCH_PAUSA (milliseconds, at most 60000) makes each worker wait that long
 * after its render, before it reports: for tests that save a file in between.
 */
int batch_run(const struct render_opts *ro, const struct batch_opts *o, struct diags *d);

#endif
