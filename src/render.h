/*
 * render.h: one session file in, its minutes out: load, validate, read the annexes, build the
 * template data, run the templates, normalise the Markdown, and write NAME.md, NAME.html (and
 * NAME.pdf) atomically. A file with errors writes nothing, so the last good output stays.
 * It owns the table of output formats (struct render_format): the one place that names them.
 */
#ifndef VERBALE_RENDER_H
#define VERBALE_RENDER_H

#include <stdbool.h>

#include "diag.h"
#include "util.h"

/* The output formats, as bits of a set (struct render_opts' formats). */
enum {
	RENDER_PDF = 1 << 0,
	RENDER_MD = 1 << 1,
	RENDER_HTML = 1 << 2,
	RENDER_ODT = 1 << 3, /* OpenDocument Text (odt.h) */
};

struct render_opts {
	unsigned formats;         /* RENDER_* */
	const char *outdir;       /* NULL: beside the session file */
	const char *template_dir; /* the templates' folder */
	/* What reads the files render_env_new loads once (the style file, the hyphenation
	 * dictionary): borrowed during render_env_new only, never kept in the environment (the
	 * renders' reads go through render_file's reader). NULL: nobody records them (util.h). */
	const struct util_reader *reader;
	bool no_kerning; /* set the PDF without the font's kerning (make bench measures its cost) */
	bool atti;       /* also each act as a document of its own, NAME-N.* (--atti) */
	bool copia;      /* also the published copy of each document, NAME[-N]-copia.* (--copia) */
	const char *root; /* the folder no file named may leave; NULL: each session's own */
	/* the processo verbale's PDF a PDF/A-3b holding the files it was made from and the
	 * results of check --json (--incorpora; pdf_embed.c) */
	bool incorpora;
};

struct render_output;

/*
 * The table of output formats, one row a format, in the order they are written and listed:
 * the only place that names them. -f, the usage text, batch, watch and the check that an
 * output is no input all read it; a new format is a new row (and its RENDER_* bit).
 */
struct render_format {
	unsigned id;     /* its RENDER_* bit */
	const char *ext; /* -f's word for it, and the extension of its file (NAME.ext) */
	/* Write o's bytes of this format to path atomically (util_write_atomic); 0 or an errno. */
	int (*writer)(const char *path, const struct render_output *o);
};

/* The i-th row of the table (0 first), NULL past the last: the formats in their order. */
const struct render_format *render_format_get(size_t i);
/* The row whose ext is word[0..len), in either case ("PDF", "Md"), or NULL. */
const struct render_format *render_format_find(const char *word, size_t len);
/* The row of the format id (one RENDER_* bit); every bit has its row. */
const struct render_format *render_format_of(unsigned id);
/* The formats' extensions in the table's order, each after before, separated by sep (for
 * the usage text: "pdf,md,html"; "NOME.pdf, NOME.md, NOME.html"): malloc'd, the caller frees. */
char *render_format_list(const char *before, const char *sep);

/* Parse "pdf,md,html" into RENDER_* bits (NULL: the default formats, the first row's alone);
 * false (and *bad the unknown word, malloc'd) on an error. */
bool render_formats(const char *list, unsigned *formats, char **bad);

/*
 * What every render of a run shares, loaded once: the options, the style file, and for PDF the
 * fonts and the hyphenation dictionary. Nothing in it changes while rendering, so processes
 * forked after render_env_new share it. NULL after reporting (a bad style file: exit 1; a
 * missing font or dictionary: exit 3).
 */
struct render_env;

struct render_env *render_env_new(const struct render_opts *opts, struct diags *d);
void render_env_free(struct render_env *env);
/* The RENDER_* formats and the templates' folder env was made with. */
unsigned render_env_formats(const struct render_env *env);
const char *render_env_templates(const struct render_env *env);
/* Whether env's renders write each act's document (--atti) and the published copies
 * (--copia). */
void render_env_documents(const struct render_env *env, bool *atti, bool *copia);
/* Whether env's processo verbale PDFs embed their sources (--incorpora). */
bool render_env_incorpora(const struct render_env *env);
/* The font files env's PDF faces were read from (fonts_path of each face), into
 * paths[0..RENDER_FONTS_MAX), borrowed until render_env_free; returns how many (0 without PDF).
 * A file that several faces share is there as many times. */
enum { RENDER_FONTS_MAX = 8 };
size_t render_env_fonts(const struct render_env *env, const char *paths[RENDER_FONTS_MAX]);

/* A render's outputs in memory. */
struct render_output {
	char *md;       /* with RENDER_MD or RENDER_HTML */
	char *html;     /* with RENDER_HTML */
	struct buf pdf; /* with RENDER_PDF */
	struct buf odt; /* with RENDER_ODT: the .odt package */
};

void render_output_clear(struct render_output *o);

/* One document of a render, written as NAME + suffix + .EXT: the processo verbale (suffix ""),
 * an act's own ("-15", with --atti), the published copies ("-copia", "-15-copia"). */
struct render_doc {
	char *suffix;
	struct render_output out;
};

/* Free docs[0..n) and docs. */
void render_docs_clear(struct render_doc *docs, size_t n);

/*
 * Render a session given as text (name names it in messages) into memory: what the fuzzer and
 * the tests drive. The session has no folder: annexes, logo and images cannot be read (an
 * annex is then an error, an image its alt text). False after reporting.
 */
bool render_buffer(struct render_env *env, const char *text, size_t len, const char *name,
                   struct render_output *o, struct diags *d);

/* An act as the archive's register lists it. */
struct render_act {
	char *numero, *data, *ente, *organo, *oggetto, *esito; /* data: YYYY-MM-DD */
	char *documento; /* the suffix of its own document ("-15", render --atti), else "" */
};

/* What a render read and found, for batch and watch. */
struct render_result {
	char **inputs; /* the session file, its annexes and logo (as resolved paths) */
	size_t ninputs;
	struct render_act *acts; /* each act with the outcome of its final vote */
	size_t nacts;
	char **docs; /* the suffix of each document it writes (render_doc), "" the first */
	size_t ndocs;
};

void render_result_clear(struct render_result *r);
/* Free the strings of act a (not a itself). */
void render_act_clear(struct render_act *a);

/*
 * Render path into outdir (NULL: env's outdir, else beside the file); every problem is reported
 * into d. Every file read whole for this render (the session file, its annexes and logo, the
 * images, the templates and partials, the ICC profile) is read through reader, borrowed for
 * the call (NULL: nobody records the reads, see util.h). res (may be NULL) receives what was
 * read and the acts. Returns true when every output was written; a file with errors writes
 * nothing.
 */
bool render_file(struct render_env *env, const char *path, const char *outdir,
                 const struct util_reader *reader, struct render_result *res, struct diags *d);

/* The path of document suffix of the session stem in dir with extension ext: malloc'd. */
char *render_doc_path(const char *dir, const char *stem, const char *suffix, const char *ext);

/* An act of the archive's register: what render_result gave, with its file and ente. */
struct render_register_entry {
	struct render_act act;
	const char *file; /* the session file, relative to the archive */
};

/*
 * Write the register of the acts e[0..n) (sorted here by date and act number) as
 * outdir/name.md and, when the formats include PDF, outdir/name.pdf, from the template
 * registro.mustache and the style's registro section. False after reporting.
 */
bool render_register(struct render_env *env, struct render_register_entry *e, size_t n,
                     const char *outdir, const char *name, struct diags *d);

#endif
