/*
 * schema.h: the generic table-driven reader. One table of fields per YAML mapping (key, type,
 * offset, flags, position column, reader data) reads a tree from ytree.h into a struct: every
 * key is checked (unknown, with did-you-mean; repeated; required; empty), every value's type
 * too, and every error is reported with its position and reading goes on.
 *
 * Ownership: strings read point into the tree (they live in the tree's arena); arrays are
 * allocated in the reader's arena. The reader keeps, in refs, pointers to every member
 * reference (F_REF, F_REFLIST) it filled in, for refs.h; schema_clear frees that array only.
 */
#ifndef VERBALE_SCHEMA_H
#define VERBALE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "ytree.h"

struct arena;
struct diags;

enum {
	SCHEMA_MAX_ITEMS = 10000 /* entries of a list that has no limit of its own */
};

enum schema_type {
	F_STR,     /* struct str, one line of text */
	F_MD,      /* struct str, Markdown */
	F_INT,     /* struct num */
	F_BOOL,    /* bool */
	F_DATE,    /* struct date */
	F_TIME,    /* struct hm */
	F_ENUM,    /* an int (an enum), aux: the names */
	F_REF,     /* struct ref */
	F_REFLIST, /* struct reflist */
	F_STRLIST, /* struct strlist */
	F_MAP,     /* a nested struct, aux: its struct schema */
	F_LIST,    /* a list, aux: its struct schema_list */
	F_LENGTH, /* double: a length with its unit (pt, mm, cm) in points, aux: its schema_range */
	F_CUSTOM  /* aux: a struct schema_custom */
};

enum {
	REQ = 1, /* the key must be there, with a value that is not empty */
	NAME = 2 /* F_STR: a person's name (checked as member references are) */
};

/* The position column: which position a field records in its parent struct when its key is
 * given with a value (not null), whether the value could be read or not; NULL for none. */
enum schema_at {
	SCHEMA_AT_KEY,  /* where the key is written */
	SCHEMA_AT_VALUE /* where the value starts */
};

struct schema_pos {
	enum schema_at at;
	size_t off; /* of a struct pos in the parent */
};

struct field {
	const char *key;
	enum schema_type type;
	size_t off; /* of the value in the parent */
	unsigned flags;
	const struct schema_pos *pos; /* the position column: KEY_AT, VALUE_AT or NULL */
	const void *aux;
};

struct schema {
	const struct field *f;
	size_t n;
};

#define SCHEMA(fields)                                                                             \
	{                                                                                          \
		fields, sizeof(fields) / sizeof(fields[0])                                         \
	}
#define OFF(type, member) offsetof(struct type, member)
/* Position column entries: parent struct type and its struct pos member. */
#define KEY_AT(type, member)   (&(const struct schema_pos){SCHEMA_AT_KEY, OFF(type, member)})
#define VALUE_AT(type, member) (&(const struct schema_pos){SCHEMA_AT_VALUE, OFF(type, member)})

/* One reading: the text the tree came from (for positions inside values), where arrays go,
 * where errors go, and the member references filled in so far. */
struct schema_reader {
	const char *text; /* borrowed */
	size_t len;
	struct arena *a;
	struct diags *d;
	struct ref **refs; /* malloc'd; the references point into the caller's structs */
	size_t nrefs, caprefs;
};

typedef void schema_read_fn(struct schema_reader *r, const struct ynode *n, void *dst,
                            const char *key);

/* F_CUSTOM: read n (not null) into the field's own place. */
struct schema_custom {
	schema_read_fn *read;
};

/* F_LIST: a list stored as (pointer, count) at the field's offset and off_n of the parent. */
struct schema_list {
	size_t size;          /* of one element */
	size_t off_n;         /* offset of the count in the parent */
	schema_read_fn *read; /* reads one element into dst */
	size_t max;           /* most elements */
	bool nonempty;
	const char *want; /* what the type error says is wanted; NULL: "una lista" */
};

/* F_LENGTH: the points a length may have. */
struct schema_range {
	double lo, hi;
};

void schema_init(struct schema_reader *r, const char *text, size_t len, struct arena *a,
                 struct diags *d);
void schema_clear(struct schema_reader *r);

/* Read mapping n into dst following sc; every key is checked, every error reported. key names
 * the mapping in messages (NULL: the document). */
void schema_read_map(struct schema_reader *r, const struct ynode *n, const struct schema *sc,
                     void *dst, const char *key);

/* The pieces custom readers are made of. Each reports its own errors. */
void schema_report_type(struct schema_reader *r, const struct ynode *n, const char *key,
                        const char *want);
/* The scalar text of n (borrowed from the tree), or NULL after reporting that it is not one. */
const char *schema_read_scalar(struct schema_reader *r, const struct ynode *n, const char *key);
bool schema_read_long(struct schema_reader *r, const struct ynode *n, const char *key, long max,
                      long *out);
void schema_read_num(struct schema_reader *r, const struct ynode *n, struct num *dst,
                     const char *key, long max);
/* The index of n's text among names (NULL-terminated; "" entries skipped), folded, or -1 after
 * reporting. */
int schema_read_enum(struct schema_reader *r, const struct ynode *n, const char *const *names,
                     const char *key);
/* A list of members' names; a number in its place is told that names are wanted. */
void schema_read_reflist(struct schema_reader *r, const struct ynode *n, struct reflist *dst,
                         const char *key);
/* One member's name (F_REF), resolved when loading ends. */
void schema_read_ref(struct schema_reader *r, const struct ynode *n, struct ref *dst,
                     const char *key);
/* A date AAAA-MM-GG (F_DATE). */
void schema_read_date(struct schema_reader *r, const struct ynode *n, struct date *dst,
                      const char *key);
void schema_read_strlist(struct schema_reader *r, const struct ynode *n, struct strlist *dst,
                         const char *key, bool md);
/* False after reporting that sequence or mapping n has more than max entries. */
bool schema_check_len(struct schema_reader *r, const struct ynode *n, const char *key, size_t max);

#endif
