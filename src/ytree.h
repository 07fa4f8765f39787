/*
 * ytree.h: YAML text -> a small tree of scalars, sequences and mappings, each value with its
 * 1-based position. Through libyaml's event API; ytree.c is the only file that includes yaml.h.
 * Aliases are bounded, nesting depth and value sizes limited; nothing here knows the session
 * format (schema.h reads a tree into structs, load.h the session).
 *
 * Ownership: every node and string of a tree lives in the arena given to ytree_parse and goes
 * with it; the file name is borrowed and must outlive the tree.
 */
#ifndef VERBALE_YTREE_H
#define VERBALE_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "pos.h"

struct arena;
struct diags;

enum {
	YTREE_MAX_DEPTH = 64,          /* deepest nesting of collections */
	YTREE_MAX_ALIAS = 100000,      /* values that aliases may add in all */
	YTREE_MAX_STRING = 1024 * 1024 /* bytes of one value */
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
 * must outlive the tree. text is only read during the call.
 */
struct ynode *ytree_parse(const char *text, size_t len, const char *file, struct arena *a,
                          struct diags *d, bool *ok);
/* A plain scalar that YAML reads as null (empty, ~, null); also NULL itself. */
bool ytree_is_null(const struct ynode *n);
/* The value of key in a mapping, or NULL when the key is not there or its value is null (empty
 * or ~): a null value means "not given", everywhere. With a repeated key, the first. The node
 * is borrowed from the tree. */
const struct ynode *ytree_get(const struct ynode *map, const char *key);
/*
 * Where the k-th character (0-based, as in n->s) of scalar n stands in text, the document n
 * was parsed from: escapes and doubled quotes count as the one character they give. Exact on
 * one line; in a folded value or a block, the value's own position.
 */
struct pos ytree_char_pos(const char *text, size_t len, const struct ynode *n, size_t k);

#endif
