/*
 * inputs.h: what `check` and every `render` format verify of a loaded session beyond its
 * loading, in one place so that they cannot disagree: the consistency checks (validate.h) and
 * the files the session names. An annex must exist inside the session's folder (symbolic
 * links followed), be readable and be UTF-8; the logo must exist inside the folder, be
 * readable and be a PNG or a JPEG. Each problem is an error reported with the position of the
 * name in the session file. Images inside Markdown text are not looked at here: a missing or
 * remote one is only a warning, given where the PDF is made (typeset.c's image hook).
 */
#ifndef VERBALE_INPUTS_H
#define VERBALE_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"
#include "typeset.h"
#include "util.h"

/* What inputs_check read, for the render. */
struct inputs {
	char **annex;  /* annex[i]: the text of the i-th annex (counting every act's in order), */
	size_t nannex; /* or NULL when it could not be read (an error was reported) */
	char *logo;    /* the logo's real path, NULL when there is none or it is unusable */
	enum ts_image_kind logo_kind;
	double logo_w, logo_h; /* its size in pixels */
};

/*
 * Validate s and check every file it names, relative to dir, the session's folder (NULL when
 * it has none: every file is then missing). in (may be NULL: check only) receives what was
 * read; the annexes and the logo are read through reader (borrowed for the call; NULL: nobody
 * records the reads, see util.h); seen (may be NULL) is called with each file looked for
 * inside the folder, present or not, as dir/name (batch and watch follow them). True when
 * nothing was reported as an error.
 */
bool inputs_check(const struct session *s, const char *dir, struct inputs *in,
                  const struct util_reader *reader, struct diags *d,
                  void (*seen)(void *ctx, const char *path), void *ctx);
void inputs_clear(struct inputs *in);

/* A path named in the session: relative, not empty, without a '..' component. */
bool inputs_path_inside(const char *rel);

enum inputs_where { INPUTS_INSIDE, INPUTS_MISSING, INPUTS_OUTSIDE, INPUTS_LINK_OUTSIDE };

/*
 * Where a file named in the session, relative to dir, really is (symbolic links followed):
 * INPUTS_INSIDE with its real path malloc'd in *real when it exists inside dir's tree;
 * INPUTS_OUTSIDE for an absolute path or a '..'; INPUTS_LINK_OUTSIDE for a symbolic link (the
 * file's or a folder's on the way) that leads out; INPUTS_MISSING when it does not exist or
 * dir is NULL.
 */
enum inputs_where inputs_resolve(const char *dir, const char *rel, char **real);

#endif
