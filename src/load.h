/*
 * load.h: YAML in, through libyaml's event API; the only module that includes yaml.h.
 *
 * Two layers: load_yaml turns text into a small tree of scalars, sequences and mappings, each
 * with its 1-based position (aliases bounded, depth limited, size limited); load_session (and
 * load_file) turn that tree into the session model of FORMAT.md, reporting every error of the
 * file with its position and going on, then resolve member references.
 */
#ifndef VERBALE_LOAD_H
#define VERBALE_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "model.h"

struct arena;
struct util_reader;

enum {
	LOAD_MAX_BYTES = 16 * 1024 * 1024, /* a session file's largest size */
	LOAD_MAX_DEPTH = 64,               /* deepest nesting of collections */
	LOAD_MAX_ALIAS = 100000,           /* values that aliases may add in all */
	LOAD_MAX_MEMBERS = 1000,           /* componenti */
	LOAD_MAX_ITEMS = 10000,            /* any other list */
	LOAD_MAX_VOTES = 10000,            /* votazioni in a whole sitting */
	LOAD_MAX_MOVES = 2000,             /* movimenti */
	LOAD_MAX_ANNEXES = 100,            /* allegati of an act */
	LOAD_MAX_STRING = 1024 * 1024      /* bytes of one value */
};

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

struct ynode {
	enum ynode_kind kind;
	struct pos pos;     /* where the value starts */
	struct pos content; /* block scalars: the first content line; else = pos */
	const char *s;      /* scalar text, NUL-terminated */
	size_t len;
	bool plain;          /* a plain (unquoted) scalar */
	char style;          /* scalars: '"' or '\'' quoted, '|' a block, 0 plain */
	size_t off;          /* byte offset of pos in the text (of the opening quote) */
	struct ynode **kids; /* sequence items; mapping keys and values alternate */
	size_t n;            /* entries in kids */
	size_t weight;       /* values in the subtree, aliases expanded (saturating) */
};

/*
 * Parse one YAML document from text[0..len). Returns its root (NULL for an empty document),
 * allocated in a; *ok is false when errors were reported into d. file names the positions and
 * must outlive the tree.
 */
struct ynode *load_yaml(const char *text, size_t len, const char *file, struct arena *a,
                        struct diags *d, bool *ok);
/* A plain scalar that YAML reads as null (empty, ~, null). */
bool load_is_null(const struct ynode *n);
/* The value of key in a mapping, or NULL when the key is not there or its value is null (empty
 * or ~): a null value means "not given", everywhere. With a repeated key, the first. */
const struct ynode *load_get(const struct ynode *map, const char *key);
/*
 * Where the k-th character (0-based, as in n->s) of scalar n stands in text, the document n
 * was parsed from: escapes and doubled quotes count as the one character they give. Exact on
 * one line; in a folded value or a block, the value's own position.
 */
struct pos load_char_pos(const char *text, size_t len, const struct ynode *n, size_t k);

/*
 * Load a session from text[0..len) named file. Returns the session (free it with session_free)
 * even when errors were reported, so that later checks go on; NULL only when nothing could be
 * read (a YAML syntax error, an empty file). file must outlive the session.
 */
struct session *load_session(const char *text, size_t len, const char *file, struct diags *d);
/* Read path (at most LOAD_MAX_BYTES) through reader (borrowed for the call; NULL: nobody
 * records the read, see util.h) and load it; errors reading it are reported too. */
struct session *load_file(const char *path, const struct util_reader *reader, struct diags *d);

struct ts_style;
/*
 * The template folder's style file (stile.yaml): page, margins, sizes, header and footer texts,
 * font families. Starts from ts_style_default; a missing file leaves the defaults. Strings live
 * in a. The file is read through reader (borrowed for the call; NULL: nobody records the read,
 * see util.h). False after reporting errors.
 */
bool load_style(const char *path, const struct util_reader *reader, struct ts_style *st,
                struct arena *a, struct diags *d);

#endif
