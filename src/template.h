/*
 * template.h: Mustache templates (the spec's core: variables, sections, inverted sections,
 * comments, partials, set delimiters), compiled to an op tree and then run over a tree of
 * values.
 *
 * One addition to the spec: while a section runs over a list, an item that is a map also has
 * `posizione` (1, 2, ...), `primo`, `ultimo` and `penultimo`, unless it has keys of those
 * names, so that templates can write separators ("A - B - C", "1, 2 e 3"). They are not
 * stored in the data: one map may be an item of many lists.
 *
 * What {{name}} escapes is a parameter: HTML as the spec says, or Markdown, so that a plain
 * field can never change the structure of the document ({{{name}}} and {{& name}} insert text
 * as it is). Partials are files NAME.mustache in one folder, never elsewhere. Errors (an
 * unclosed tag or section, a bad delimiter, a partial that cannot be found or that includes
 * itself too deeply, an unknown variable in strict mode) are reported with the template's
 * file, line and column.
 *
 * Templates may be hostile: any bytes are safe, nothing recurses in C, and one render is
 * bounded (template files up to 1 MiB, delimiters up to 32 bytes, partials max_depth deep, a
 * budget of steps and output bytes past which it stops with D_TMPL_DEPTH).
 */
#ifndef VERBALE_TEMPLATE_H
#define VERBALE_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "tval.h"
#include "util.h"

/* --- templates ---------------------------------------------------------------------------- */

enum tmpl_escape {
	TMPL_ESCAPE_HTML,     /* & " < > as the Mustache spec says */
	TMPL_ESCAPE_MARKDOWN, /* every ASCII punctuation backslash-escaped, white space folded */
	TMPL_ESCAPE_NONE
};

struct tmpl_opts {
	enum tmpl_escape escape;
	/* A name found in no context is an error (else it is empty). A name that is there with a
	 * null value is known, and so is a.b when a is null: optional data, not a misspelling. */
	bool strict;
	const char *dir; /* where partials are read from (NAME.mustache); NULL: no file partials */
	/* Partials given in memory (the spec tests): name -> template text; checked first. */
	const struct tval *partials;
	int max_depth; /* partials within partials; 0 means 32 */
	/* What reads the template files and the partials (borrowed while the options are in use;
	 * NULL: nobody records the reads, see util.h). */
	const struct util_reader *reader;
};

/*
 * Render the template text[0..len), named file in messages, with data, appending to out.
 * Returns true on success; false after reporting errors into d (out is then cut back to its
 * length before the call). Partial names must match [A-Za-z0-9_-]+; errors in a partial name
 * its file (DIR/NAME.mustache) or, for opts->partials, its name. text, data and opts are
 * borrowed for the call only; nothing is kept afterwards.
 */
bool tmpl_render(const char *text, size_t len, const char *file, const struct tval *data,
                 const struct tmpl_opts *opts, struct buf *out, struct diags *d);

/* Render the file DIR/NAME.mustache the same way (opts->dir is DIR, "." when NULL; NAME as a
 * partial's name). A missing file is D_TMPL_MISSING. */
bool tmpl_render_file(const char *name, const struct tval *data, const struct tmpl_opts *opts,
                      struct buf *out, struct diags *d);

#endif
