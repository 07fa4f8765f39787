/*
 * render.h: one session file in, its minutes out: load, validate, read the annexes, build the
 * template data, run the templates, normalise the Markdown, and write NAME.md, NAME.html (and
 * NAME.pdf) atomically. A file with errors writes nothing, so the last good output stays.
 */
#ifndef VERBALE_RENDER_H
#define VERBALE_RENDER_H

#include <stdbool.h>

#include "diag.h"

enum {
	RENDER_PDF = 1 << 0,
	RENDER_MD = 1 << 1,
	RENDER_HTML = 1 << 2,
};

struct render_opts {
	unsigned formats;         /* RENDER_* */
	const char *outdir;       /* NULL: beside the session file */
	const char *template_dir; /* the templates' folder */
};

/* Parse "pdf,md,html" into RENDER_* bits; false (and *bad the unknown word) on an error. */
bool render_formats(const char *list, unsigned *formats, char **bad);

/* Render path; every problem is reported into d. Returns true when every output was written. */
bool render_file(const char *path, const struct render_opts *opts, struct diags *d);

#endif
