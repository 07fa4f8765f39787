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
#include "util.h"

/* --- values ------------------------------------------------------------------------------- */

enum tval_kind { TV_NULL, TV_BOOL, TV_STR, TV_LIST, TV_MAP };

/*
 * A value: null, a boolean, a string, a list or a map (keys in insertion order). Build them
 * with the functions below; everything lives in the arena given to them. A zeroed struct tval
 * is null.
 */
struct tval {
	enum tval_kind kind;
	bool b;              /* TV_BOOL */
	bool shared_keys;    /* TV_MAP: keys is another map's too (tval_share_keys) */
	const char *s;       /* TV_STR: UTF-8, NUL-terminated */
	struct tval **items; /* TV_LIST items, TV_MAP values; each one never moves */
	const char **keys;   /* TV_MAP keys */
	size_t n, cap;
};

void tval_bool(struct tval *v, bool b);
/* A string; s is copied into a. */
void tval_str(struct tval *v, struct arena *a, const char *s);
/* A string that already lives as long as the arena (not copied). */
void tval_str_borrow(struct tval *v, const char *s);
void tval_strf(struct tval *v, struct arena *a, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* Make v an empty list or map. */
void tval_list(struct tval *v);
void tval_map(struct tval *v);
/* Append a null item to list v and return it (valid as long as the arena). */
struct tval *tval_push(struct tval *v, struct arena *a);
/* Append item to list v, shared and not copied: one value may be an item or a key's value in
 * many places. It must live as long as the arena. */
void tval_push_shared(struct tval *v, struct arena *a, struct tval *item);
/* Set key in map v (key is copied): returns the value slot, null when new; it stays valid as
 * long as the arena, whatever is added afterwards. */
struct tval *tval_set(struct tval *v, struct arena *a, const char *key);
/* The same with key borrowed, not copied: it must live as long as the arena (a literal). */
struct tval *tval_set_borrow(struct tval *v, struct arena *a, const char *key);
/* Set key in map v (borrowed, as above) to value, shared and not copied, as tval_push_shared
 * does. */
void tval_set_shared(struct tval *v, struct arena *a, const char *key, struct tval *value);
/* When map v has the keys of map like, in the same order, let v use like's array of keys and
 * give its own back: maps of one shape cost their values only. Either map may still get new
 * keys afterwards. */
void tval_share_keys(struct tval *v, struct arena *a, struct tval *like);
/* The value of key in map v, or NULL. */
const struct tval *tval_get(const struct tval *v, const char *key);

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
