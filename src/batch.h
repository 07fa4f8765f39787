/*
 * batch.h: an archive regenerated in bulk. Every session file under a folder is rendered on
 * N worker processes (forked after the fonts, the dictionary and the style are loaded, so they
 * share them), only when one of its inputs changed since the last run (content hashes kept in
 * a manifest in the output folder), into an output tree that mirrors the archive; then the
 * register of every act is written. Outputs and the manifest are written atomically: a batch
 * killed at any moment leaves old or new complete files, and the next run repairs the rest.
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
};

/* Run the batch; every problem is reported into d (the failures of the sessions at the end).
 * Returns the exit status. */
int batch_run(struct render_env *env, const struct batch_opts *o, struct diags *d);

#endif
