/*
 * load.h: a session file in, the session model of FORMAT.md out. The text goes through
 * ytree.h (YAML -> tree with positions), schema.h (the session's tables in load.c read the
 * tree, reporting every error of the file with its position and going on) and refs.h (member
 * references resolved).
 *
 * Ownership: a returned session owns everything in it (its arena); free it with session_free.
 */
#ifndef VERBALE_LOAD_H
#define VERBALE_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "model.h"

struct util_reader;

enum {
	LOAD_MAX_BYTES = 16 * 1024 * 1024, /* a session file's largest size */
	LOAD_MAX_MEMBERS = 1000,           /* componenti */
	LOAD_MAX_VOTES = 10000,            /* votazioni in a whole sitting */
	LOAD_MAX_MOVES = 2000,             /* movimenti */
	LOAD_MAX_ANNEXES = 100,            /* allegati of an act */
	LOAD_MAX_LISTS = 20                /* liste of an election */
};

/* How to load a session beyond its text. */
struct load_opts {
	const char *root; /* the folder no file named may leave; NULL: the session's folder */
	const struct util_reader *reader; /* reads the files (NULL: nobody records the reads) */
	/* called (may be NULL) with the body file's path (folder joined), read or not: watch and
	 * batch follow it */
	void (*seen)(void *ctx, const char *path);
	void *ctx;
};

/*
 * Load a session from text[0..len) named file. Returns the session (free it with session_free)
 * even when errors were reported, so that later checks go on; NULL only when nothing could be
 * read (a YAML syntax error, an empty file). file must outlive the session; text is only read
 * during the call.
 */
struct session *load_session(const char *text, size_t len, const char *file, struct diags *d);
/* The same with o (may be NULL): a body file that file_organo names is read relative to file's
 * folder, inside o's root; its name lives in the session's arena. */
struct session *load_session_with(const char *text, size_t len, const char *file,
                                  const struct load_opts *o, struct diags *d);
/* Read path (at most LOAD_MAX_BYTES) through reader (borrowed for the call; NULL: nobody
 * records the read, see util.h) and load it; errors reading it are reported too. */
struct session *load_file(const char *path, const struct util_reader *reader, struct diags *d);
struct session *load_file_with(const char *path, const struct load_opts *o, struct diags *d);

/*
 * What batch needs of a YAML file before rendering it: false when it is no session (a mapping
 * without 'seduta', such as a body file); true otherwise, also when it cannot be read or parsed
 * (its render reports why). *organo gets the path (path's folder joined) of the body file it
 * names, malloc'd, or NULL. Nothing is reported.
 */
bool load_peek(const char *path, char **organo);

/*
 * The body file at path alone (verbale new): ente, organo, ..., and in componenti the members in
 * office on day. NULL after reporting any error; free it with session_free. path must outlive
 * the session.
 */
struct session *load_organo_file(const char *path, const struct date *day, struct diags *d);

#endif
