/*
 * manifest.h: the record codec of batch's manifest, and of a worker's report to batch (the
 * same lines on a pipe): how one record is written as a line (manifest_put) and read back
 * (manifest_parse). It owns the line's format: a letter naming the record, then its fields,
 * each after a tab, with backslash, tab and newline escaped. What the records mean, and the
 * manifest file (its first line, its blocks), are batch.c's.
 */
#ifndef VERBALE_MANIFEST_H
#define VERBALE_MANIFEST_H

#include "pos.h"
#include "render.h"
#include "util.h"

/*
 * An input of a session as the render read it: enough to tell it changed without reading it.
 * size -1: the render looked for it and it was not there. mtime -1: too recent to be trusted
 * (a save in the same clock tick keeps the time), so the next run compares the content.
 */
struct manifest_input {
	char *path; /* relative to the archive when inside it, else absolute */
	long long size, mtime;
	unsigned long long hash; /* of the very bytes the render read */
};

/* The records, by their letter. */
enum manifest_type {
	MANIFEST_BAD,     /* no record: an unknown letter, or a field missing */
	MANIFEST_SESSION, /* S rel env: a session's block begins */
	MANIFEST_INPUT,   /* I path size mtime hash */
	MANIFEST_ACT,     /* A numero data ente organo oggetto esito documento */
	MANIFEST_DOC,     /* F suffix: a document the session's render writes (render_doc) */
	MANIFEST_END,     /* E: the block (or the report) is complete */
	MANIFEST_ORPHAN,  /* O rel: a session removed from the archive, its outputs left */
	MANIFEST_STATUS,  /* R status: how a worker's render ended (its exit status) */
	MANIFEST_DIAG,    /* D id level file line col message: a worker's message */
	MANIFEST_NOTE,    /* N file line col note: the note of the D before it */
	MANIFEST_TYPE_MAX
};

/* One record; which fields count depends on type. */
struct manifest_record {
	enum manifest_type type;
	const char *rel;          /* SESSION, ORPHAN: the session file, relative to the archive;
	                           * DOC: the document's suffix */
	unsigned long long env;   /* SESSION: the environment's key */
	struct manifest_input in; /* INPUT */
	struct render_act act;    /* ACT */
	int status;               /* STATUS */
	int id, level;            /* DIAG: an enum diag_id and enum diag_level, not checked here */
	struct pos pos;           /* DIAG, NOTE: its file NULL when there is none */
	const char *text;         /* DIAG: the message; NOTE: the note */
};

/* Append r to out as one line, newline included. A NULL string is written as an empty one. */
void manifest_put(struct buf *out, const struct manifest_record *r);

/*
 * Read the record of line (without its newline), in place: the fields are unescaped into line,
 * and r's strings point into it. Fields beyond a record's own are ignored; a number that is
 * no number reads as 0. Returns r->type: MANIFEST_BAD, and r otherwise zeroed, for a line that
 * is no record.
 */
enum manifest_type manifest_parse(char *line, struct manifest_record *r);

#endif
