/*
 * diag.h: the catalogue of every message verbale gives, and the one function that reports them.
 *
 * Each message has an id, a level and an Italian format (diag.c's table). Reports are kept in a
 * struct diags (no global state) and printed, sorted by position, by diags_flush as
 * FILE:LINE:COL: errore: MESSAGE, with an optional second line FILE:LINE:COL: nota: ....
 * The worst level seen gives the exit status.
 */
#ifndef VERBALE_DIAG_H
#define VERBALE_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "pos.h"

enum diag_level {
	DIAG_NOTE,    /* nota: exit 0 */
	DIAG_WARNING, /* avviso: exit 0 */
	DIAG_ERROR,   /* errore in what the user gave: exit 1 */
	DIAG_USAGE,   /* command line: exit 2 */
	DIAG_SYSTEM,  /* the environment failed: exit 3 */
	DIAG_LEVEL_MAX
};

enum diag_id {
	/* errors in the session file */
	D_YAML_SYNTAX,
	D_YAML_INDENT_MORE,
	D_YAML_INDENT_LESS,
	D_VALUE_QUOTE,
	D_ENCODING_LEGACY,
	D_YAML_ENCODING,
	D_UTF16,
	D_FILE_EMPTY,
	D_FILE_MULTIDOC,
	D_FILE_TOO_BIG,
	D_FILE_MISSING,
	D_TOO_DEEP,
	D_ALIAS_UNDEFINED,
	D_ALIAS_RECURSIVE,
	D_ALIAS_TOO_BIG,
	D_TAG,
	D_TAG_KIND,
	D_TAG_VALUE,
	D_KEY_NOT_SCALAR,
	D_KEY_UNKNOWN,
	D_KEY_DUP,
	D_KEY_MISSING,
	D_TYPE,
	D_EMPTY,
	D_ENUM,
	D_INT,
	D_DATE,
	D_TIME,
	D_DATE_DMY,
	D_TIME_DOT,
	D_BOOL,
	D_VERSION,
	D_LIMIT,
	D_STRING_LONG,
	D_MD_DEEP,
	D_MD_BRACKETS,
	D_MD_EMPH,
	D_MD_COLUMNS,
	D_VLIST,
	D_ONE_OF,
	D_REF_UNKNOWN,
	D_REF_AMBIGUOUS,
	D_MEMBER_DUP,
	D_MEMBER_LOOKALIKE,
	D_OUT_OF_OFFICE,
	D_OFFICE_ORDER,
	D_CONTROL_CHAR,
	D_NONCHARACTER,
	D_NAME_INVISIBLE,
	D_NAME_SCRIPT,
	D_ACT_DUP,
	D_PARERE_DUP,
	D_CANDIDATE_NEAR,
	D_ELECTION_BALLOTS,
	D_CANDIDATE_EXCESS,
	D_ASSEGNATI,
	D_MOVE_RANGE,
	D_MOVE_STATE,
	D_PRESIDENCY_ABSENT,
	D_REMOTE_ABSENT,
	D_REMOTE_IN_PERSON,
	D_MODE_SOURCE_IN_PERSON,
	D_PUNTI_RANGE,
	D_VOTE_TWICE,
	D_VOTE_TWICE_LIST,
	D_VOTE_ABSENT,
	D_RESTANTI_TWICE,
	D_TUTTI_OTHERS,
	D_COUNTS,
	D_SECRET_NAMES,
	D_SECRET_SCHEDE,
	D_SCHEDE_ONLY,
	D_BALLOTS_EXCEED,
	D_BLANK_EXCEED,
	D_TIE_PRESIDENT,
	D_ONLY_ELECTION,
	D_ONLY_AMENDMENT,
	D_INTERPELLANZA_VOTES,
	D_IMMEDIATA_ACT,
	D_ABST_DECLARED_OPEN,
	D_ABST_DECLARED_EXCEED,
	D_LISTE_OWN,
	D_ELECTION_LISTS,
	D_ELECTION_EXCESS,
	D_PREFERENZE,
	D_AT_LEAST,
	D_DECLARED,
	D_LIST_NOT_COUNT,
	D_VOTE_NO_FIGURES,
	D_TRANSCRIPTION_ONLY,
	D_ESITO_WITH_FIGURES,
	D_ESITO_DISAGREE,
	D_PROCLAIMED_SUM,
	D_SOME_EXCEED,
	D_PRESIDENT_UNKNOWN_TIE,
	D_ANNEX_MISSING,
	D_LOGO_MISSING,
	D_PATH_OUTSIDE,
	D_LINK_OUTSIDE,
	D_ORGANO_MISSING,
	D_ROOT_OUTSIDE,
	D_ENCODING,
	D_OUTPUT_IS_INPUT,
	D_ACT_FILE_TWICE,
	D_ACT_FILE_COPY,
	D_OMISSIS_NAME,
	D_OMISSIS_ANNEX,
	D_PUBLICATION_EARLY,
	D_IMAGE,
	D_TIMEOUT,
	D_LENGTH,
	D_STYLE_RANGE,
	D_STYLE_AREA,
	D_STYLE_LEADING,
	D_STYLE_SKIP,
	/* errors in templates */
	D_TMPL_MISSING,
	D_TMPL_UNCLOSED_TAG,
	D_TMPL_EMPTY_TAG,
	D_TMPL_UNCLOSED_SECTION,
	D_TMPL_UNOPENED,
	D_TMPL_MISMATCH,
	D_TMPL_DELIMS,
	D_TMPL_PARTIAL,
	D_TMPL_PARTIAL_NAME,
	D_TMPL_DEPTH,
	D_TMPL_OUTSIDE,
	D_TMPL_UNKNOWN,
	/* warnings */
	D_PRESIDENT_ABSENT,
	D_PRESIDENT_VOTE_UNUSED,
	D_OMISSIS_UNUSED,
	D_NO_QUORUM,
	D_GLYPH_MISSING,
	D_OUTLINE_FULL,
	D_UNTAGGED,
	D_WORD_BROKEN,
	D_REGISTER_DUP,
	D_IMAGE_SKIPPED,
	D_IMAGE_INLINE,
	D_LINK_UNSAFE,
	D_BIDI_SHOWN,
	D_ORPHAN,
	D_STALE_DOC,
	D_PRUNED_DOC,
	D_PARERE_CONTABILE,
	D_DECLARED_WARN,
	/* the count of the reports left out (diags_flush) */
	D_MORE_ERRORS,
	D_MORE_WARNINGS,
	D_ONE_MORE_ERROR,
	D_ONE_MORE_WARNING,
	/* notes */
	D_PRUNED,
	D_REF_SWAPPED,
	/* command line */
	D_USAGE,
	D_TEMPLATES_BAD,
	D_NEW_EXISTS,
	/* environment */
	D_READ,
	D_WRITE,
	D_STDOUT,
	D_CREATE,
	D_TEMPLATES_NONE,
	D_NEW_SCAFFOLD,
	D_WATCH_DIR,
	D_INTERNAL,
	D_FONT_MISSING,
	D_WORKER,
	D_PDF,
	D_DELETE,
	D_SERVE_PORT,
	D_ID_MAX
};

struct diag {
	enum diag_id id;
	enum diag_level level;
	struct pos pos;      /* pos.file is an owned copy */
	char *msg;           /* owned */
	struct pos note_pos; /* pos.file is an owned copy */
	char *note;          /* owned; NULL when there is no note */
	size_t seq;          /* report order, to keep sorting stable */
};

struct diags {
	FILE *out; /* where diags_flush prints; NULL to print nothing */
	struct diag *v;
	size_t n, cap;
	size_t flushed; /* v[0..flushed) were printed */
	enum diag_level worst;
	size_t errors; /* reports at DIAG_ERROR or worse */
};

void diags_init(struct diags *d, FILE *out);
void diags_clear(struct diags *d);

/* Report message id at pos (NULL when there is none) with the arguments its format takes. */
void diag_report(struct diags *d, enum diag_id id, const struct pos *pos, ...);
/* Add a report already made elsewhere (a worker process): its id, level and text as they are. */
void diag_add(struct diags *d, enum diag_id id, enum diag_level level, const struct pos *pos,
              const char *msg);
/* Add the reports of from that d does not hold yet (the same id, position and text): what a
 * second document made from the same session found anew. */
void diags_merge(struct diags *d, const struct diags *from);
/* Report id without a position and print it at once (the command line's own messages); returns
 * the exit status of its level. */
int diag_say(FILE *out, enum diag_id id, ...);
/* Attach a note (a second line) to the last report. */
void diag_note(struct diags *d, const struct pos *pos, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* How many errors, and how many warnings, diags_flush prints for one file. */
enum { DIAG_SHOWN = 100 };
/*
 * Print the reports not printed yet, sorted by file, line and column: of each file's, the first
 * DIAG_SHOWN errors and the first DIAG_SHOWN warnings, then "FILE: errore: altri N errori non
 * mostrati" (and the same for warnings). The reports are all kept (check --json gives them
 * all), and all count for the exit status.
 */
void diags_flush(struct diags *d);
/*
 * s as it may reach a terminal: every control character written as \xHH (C0, DEL, the C1
 * controls U+0080-U+009F as \x80-\x9f), and so is a byte that is not UTF-8. NULL when s needs
 * no change; otherwise a malloc'd string the caller frees.
 */
char *diag_escape(const char *s);
/* The first DIAG_QUOTE_MAX bytes of s, cut after a whole character, with "…" when cut, to quote
 * a user's text (a link, an image's address) in a message: a malloc'd string. */
enum { DIAG_QUOTE_MAX = 80 };
char *diag_quote(const char *s);
/* Print one report in the FILE:LINE:COL: livello: MESSAGE form, control characters escaped. */
void diag_print(FILE *out, const struct diag *g);
/* 0, 1, 2 or 3 for the worst level reported. */
int diags_status(const struct diags *d);
int diag_level_status(enum diag_level level);
const char *diag_level_name(enum diag_level level);
/* The catalogue's format of id (for the tests: every id has one). */
const char *diag_format(enum diag_id id);

#endif
