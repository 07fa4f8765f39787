/*
 * typeset.h: the minutes laid out as pages, as data: lines of positioned text runs, rules,
 * images, links and outline marks, each line, image and link with its element of the document's
 * logical structure (ts_elem: what tagged PDF is built from). typeset.c builds it from cmark's AST
 * (justified paragraphs with Italian hyphenation and optimal line breaking, keep-together blocks,
 * no widows or orphans); pdf.c draws it. Nothing here knows about PDF or libharu.
 *
 * Units: PDF points (1/72 inch). y grows upwards from the page's bottom edge, as in PDF.
 * Everything in a struct ts_doc lives in its arena and is freed by ts_free.
 */
#ifndef VERBALE_TYPESET_H
#define VERBALE_TYPESET_H

#include <stdbool.h>
#include <stddef.h>

#include "fonts.h"
#include "util.h"

struct arena;

/* Text in one face and size on one line. */
struct ts_run {
	double x;         /* left edge of the run's first glyph, from the page's left edge */
	const char *text; /* UTF-8, NUL-terminated; words separated by single spaces (U+0020) */
	enum face face;   /* draws every character of text (the typesetter picked it) */
	double size;      /* font size */
	double space;     /* width of each U+0020 in text (justified: wider than the face's) */
	double width;     /* the run's width with those spaces, kerning included */
	double gray;      /* fill: 0 black ... 1 white */
	bool missing;     /* no face has these characters: draw FACE_FALLBACK2's U+FFFD for each,
	                     keeping text itself extractable */
	/* For each character of text, the font's kerning between it and the next (fonts_kern),
	 * in 1/1000 em, part of width; NULL: none. */
	const double *kern;
	bool label; /* a list item's marker: its own structure element (Lbl) */
	/* Hyphenation, for the text read out (/ActualText): word is the whole word that the
	 * last word of text (up to its '-') begins, NULL when the line is not hyphenated;
	 * tail is the bytes at the start of text ending the previous line's word (read there),
	 * all of text when the word goes on in the next run ("Calcio,"). */
	const char *word;
	size_t tail;
	const struct ts_elem *elem; /* its structure element when not its line's (the columns of
	                               signatures side by side share lines); NULL: the line's */
};

/*
 * What a line's text is in the document's logical structure (tagged PDF): an element of a tree
 * (parent: the element it is in, NULL for one directly in the document), built while the blocks
 * are laid out, in reading order, and living in the document's arena. id numbers the elements of
 * a document from 0 (ts_doc's nelems).
 */
enum ts_kind {
	TS_K_P,      /* a paragraph (a signature, a centred line, a line of code) */
	TS_K_H,      /* a heading, of level 1-6 */
	TS_K_L,      /* a list */
	TS_K_LI,     /* one of its items */
	TS_K_LBL,    /* an item's marker (a line of its own; else a run marked label) */
	TS_K_LBODY,  /* an item's content */
	TS_K_TABLE,  /* a table, */
	TS_K_TR,     /* its rows */
	TS_K_TH,     /* a header row's cell */
	TS_K_TD,     /* a cell */
	TS_K_QUOTE,  /* a block quote */
	TS_K_NOTE,   /* a note */
	TS_K_FIGURE, /* an image in the text, with its alt text */
	TS_K_CODE,   /* a code block */
	TS_K_MAX
};

struct ts_elem {
	enum ts_kind kind;
	int level;       /* TS_K_H: 1-6 */
	const char *alt; /* TS_K_FIGURE: the image's alt text (may be empty) */
	const struct ts_elem *parent;
	size_t id;
};

enum ts_role {
	TS_BODY,    /* a line of a justified paragraph (or list item, quote) */
	TS_LAST,    /* the last line of a paragraph, or a line too loose to justify (typeset.c's
	               LOOSE_RATIO), set at its natural width */
	TS_HEADING, /* a heading's line */
	TS_CODE,    /* a line of a code block */
	TS_MARGIN,  /* page header or footer */
	TS_CELL,    /* a line of a table's cell (ragged, aligned as its column) */
	TS_ROLE_MAX
};

struct ts_line {
	double y; /* baseline */
	struct ts_run *runs;
	size_t nruns;
	/* what the line is, for the layout tests and the dump */
	enum ts_role role;
	unsigned block; /* the paragraph (heading, code block) it belongs to; 0 for margins */
	unsigned index; /* its number in the block, from 1 */
	unsigned lines; /* lines in the block */
	unsigned group; /* keep-together group (0: none) */
	double measure; /* the width it was set to (justified lines fill it exactly) */
	double left;    /* where the measure starts */
	const struct ts_elem *elem; /* its structure element; NULL: an artifact (margins, a
	                               table's header repeated on a later page) */
};

/* A straight line (thematic breaks, rules under headers). */
struct ts_rule {
	double x0, y0, x1, y1, width;
	double gray;
};

enum ts_image_kind { TS_IMAGE_PNG, TS_IMAGE_JPEG };

struct ts_image {
	double x, y, w, h; /* lower-left corner and size as drawn */
	const char *path;  /* a file checked to be inside the session's folder */
	enum ts_image_kind kind;
	const struct ts_elem *elem; /* TS_K_FIGURE; NULL: an artifact (the header's logo) */
};

/* A live link: the area to click and where it goes. */
struct ts_link {
	double x0, y0, x1, y1;
	const char *uri;
	const struct ts_elem *elem; /* the element of the text it is on (its Link goes there) */
};

/* An outline (bookmark) entry pointing at this page, at height y. Headings of every level
 * make one each, up to TS_MAX_MARKS in a document (a PDF viewer's list, and libharu's memory,
 * stay bounded; the headings past it are set, only not listed, with a warning). */
enum { TS_MAX_MARKS = 10000 };
/* The most structure elements (ts_elem) a document is tagged with: libharu spends some 2 KiB
 * on one, so a document of more (200,000 headings) is left untagged, PDF/A-1b, with a warning. */
enum { TS_MAX_ELEMS = 60000 };
struct ts_mark {
	int level; /* 1 for the top level, 2 below it, ... */
	const char *title;
	double y;
};

struct ts_page {
	double width, height;
	struct ts_line *lines;
	size_t nlines;
	struct ts_rule *rules;
	size_t nrules;
	struct ts_image *images;
	size_t nimages;
	struct ts_link *links;
	size_t nlinks;
	struct ts_mark *marks;
	size_t nmarks;
};

/* The room left to sign by hand above a signature's line (<!-- verbale:firme -->): where the
 * PDF puts that signer's empty signature field. */
struct ts_sign {
	size_t page;           /* index in pages */
	double x, y, w, h;     /* lower-left corner and size */
	const char *qualifica; /* the signer's (ts_hooks' signers), e.g. "Il Segretario generale" */
};

struct ts_doc {
	struct arena *arena;
	struct ts_page *pages;
	size_t npages;
	struct ts_sign *signs; /* in the order of the text */
	size_t nsigns;
	size_t nelems; /* structure elements made (ts_elem's id) */
};

/* How the pages look: from the template folder's style file (stile.yaml), see style_load (style.h).
 */
struct ts_style {
	double page_width, page_height; /* A4: 595.276 x 841.89 */
	double margin_top, margin_bottom, margin_left, margin_right;
	double size;            /* body text */
	double leading;         /* baseline to baseline in body text */
	double para_skip;       /* extra space between paragraphs */
	double heading_size[3]; /* levels 1, 2, 3 (4 to 6 as 3) */
	double code_size;
	double margin_size; /* header and footer text */
	double indent;      /* lists and block quotes, per level */
	double logo_height; /* the logo in the header */
	double header_skip; /* from the header's baseline to the text area */
	double footer_skip; /* from the text area to the footer's baseline */
	double tolerance;   /* line breaking: the largest badness accepted (TeX's \tolerance) */
	int hyphen_penalty; /* cost of a hyphenated line end */
	/* the same as tolerance for a first try without hyphenation (TeX's \pretolerance; < 0:
	 * none, every paragraph is hyphenated) */
	double pretolerance;
	const char *header; /* Mustache text of the header (see ts_hooks) */
	const char *footer; /* Mustache text of the footer */
	const char *title;  /* Mustache texts of the PDF's metadata */
	const char *subject;
	const char *keywords;
	const char *register_header; /* the same for the archive's register (verbale batch) */
	const char *register_footer;
	const char *register_title;
	struct font_families fonts;
	int quotes;   /* enum markdown_quotes (markdown.h): how quotes are set (virgolette) */
	bool no_kern; /* no kerning (not a stile.yaml key: make bench measures what it costs) */
};

struct hyphenator;

/* What the typesetter asks its caller. */
struct ts_hooks {
	void *ctx;
	/* The header and footer texts of page (from 1) of pages, for the acts whose text the page
	 * carries, from act to last_act ("verbale:atto" markers; the same act when it carries
	 * one; the act in force when it carries none; NULL before the first). Appends to header
	 * and footer. */
	void (*margins)(void *ctx, size_t page, size_t pages, const char *act, const char *last_act,
	                struct buf *header, struct buf *footer);
	/* The file an image URL names, inside the session's folder; NULL and *why when it cannot
	 * be used (then the alt text is shown, with a warning), or NULL and *why NULL when the hook
	 * reported an error itself. The returned path must live as long as ctx. Only an image
	 * alone in its paragraph is drawn; one inside text is asked about too, and its alt text
	 * shown with a warning (D_IMAGE_INLINE, or D_IMAGE_SKIPPED with *why). NULL: no image is
	 * looked at, and every alt text is shown without a word. */
	const char *(*image)(void *ctx, const char *url, const char **why, enum ts_image_kind *kind,
	                     double *w, double *h);
	const char *logo; /* the header's logo (checked like images), or NULL */
	enum ts_image_kind logo_kind;
	double logo_w, logo_h; /* its size in pixels */
	struct pos warn_at;    /* where warnings (missing glyphs, images) point */
	/* The sitting's proper names: the words of each of bound[0..nbound) (surnames: "LO
	 * RUSSO") are tied together, and no word of these or of names[0..nnames) (given names, the
	 * body's name) is hyphenated (ties.h). NULL with 0: none. */
	const char *const *bound;
	size_t nbound;
	const char *const *names;
	size_t nnames;
	/* The qualifica of each signature of a <!-- verbale:firme --> block, in order (the
	 * session's firme); a signature past them is known by its first line. NULL with 0: none. */
	const char *const *signers;
	size_t nsigners;
};

struct cmark_node;

/*
 * Lay out the document doc (cmark's AST of the minutes) in pages. Markers in the Markdown, as
 * HTML comments on their own line, shape the layout: <!-- verbale:insieme --> ...
 * <!-- verbale:fine --> is kept on one page (when it fits in one); <!-- verbale:atto N -->
 * names the act for the footer; <!-- verbale:pagina --> starts a new page; <!-- verbale:spezza -->
 * lets a page end there inside a keep-together group; <!-- verbale:centro --> centres the
 * paragraph after it; <!-- verbale:firme --> sets the paragraphs after it, up to the next
 * <!-- verbale:fine -->, side by side as signatures, each with room to sign above a line. Warnings
 * (a character no face has, an image left out) go to d. Returns the pages (free with ts_free).
 */
struct ts_doc *ts_typeset(struct cmark_node *doc, const struct ts_style *st, const struct fonts *f,
                          struct hyphenator *h, const struct ts_hooks *hooks, struct diags *d);

void ts_free(struct ts_doc *doc);

#endif
