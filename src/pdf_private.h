/*
 * pdf_private.h: what the files of the PDF stage (pdf.c; pdf_font.c, the fonts; pdf_tag.c, the
 * logical structure; pdf_embed.c, the associated files of render --incorpora; pdf_sign.c, the
 * signature fields) share, and nothing else includes: libharu's headers, the state of one PDF
 * being written, and the functions each file gives the others. The stage's interface is pdf.h.
 */
#ifndef VERBALE_PDF_PRIVATE_H
#define VERBALE_PDF_PRIVATE_H

#include <stdbool.h>
#include <stdint.h>

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_encrypt.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include "pdf.h"
#include "util.h"

#define PDF_SEEN    0x800  /* code points below this are deduplicated with a bitmap */
#define PDF_REPLACE 0xFFFD /* the replacement character, from FACE_FALLBACK2 */

/* How a character is drawn. */
enum pdf_class {
	PDF_SB,   /* CP1252 byte, single-byte instance of the run's face */
	PDF_CID,  /* code point as CID, Type0 instance of the run's face */
	PDF_REPL, /* U+FFFD of FACE_FALLBACK2 inside /ActualText */
};

/* One face as embedded. */
struct pdf_face {
	uint32_t *cps; /* code points the document draws with it; sorted once collected */
	size_t ncps, cap;
	unsigned char seen[PDF_SEEN / 8];
	bool sb, cid;   /* which instances the pages need */
	uint32_t *cids; /* code points drawn by the Type0 instance (CID = code point) */
	size_t ncids, capcids;
	unsigned char cidseen[PDF_SEEN / 8];
	HPDF_INT16 widths[256]; /* of the single-byte instance [1/1000 em], as in its /Widths */
	unsigned char *sub;     /* the subset font file (owned), embedded as /FontFile2 */
	size_t sublen;
	unsigned char *cidset; /* /CIDSet bit string (owned), when cid */
	size_t cidsetlen;
	HPDF_FontDef def;
	HPDF_Font sbfont;     /* libharu's TrueType font, CP1252 */
	HPDF_Dict cidfont;    /* a Type0 font built here; a plain dictionary to libharu */
	HPDF_Dict descendant; /* its CIDFontType2, which gets the font descriptor */
};

struct pdf_char {
	uint32_t cp;
	unsigned char cls;  /* enum pdf_class */
	unsigned char byte; /* the CP1252 byte when cls is PDF_SB */
	float adv;          /* advance as the typesetter measured it [pt], kerning included; set
	                       when drawing */
	float kern;         /* the kerning between it and the next [1/1000 em] (ts_run's kern) */
};

struct pdf_image {
	const char *path; /* borrowed from the ts_doc */
	HPDF_Image img;
};

/* The content of the page being drawn, and the graphics state it has reached. */
struct pdf_page {
	HPDF_Page page;
	struct buf ops;
	bool in_text;     /* between BT and ET */
	long long tx, ty; /* text line origin, 1/100 pt */
	HPDF_Font font;
	long long size;   /* font size, 1/100 pt */
	long long tw;     /* word spacing, 1/1000 pt */
	long long fill;   /* fill gray, 1/1000 */
	long long stroke; /* stroke gray, 1/1000 */
	long long lw;     /* line width, 1/100 pt */
};

struct pdf_state {
	HPDF_Doc doc;
	HPDF_STATUS err, detail; /* the first error libharu reported */
	bool reported;           /* a specific message was given: no D_PDF */
	const struct fonts *f;
	const struct util_reader *reader; /* reads the images and the ICC profile */
	struct diags *d;
	struct pdf_face face[FACE_MAX];
	struct pdf_char *chars; /* the run being split, reused */
	size_t nchars, capchars;
	/* the run chars holds (NULL: none), and whether its advances are set: pdf_split of the
	 * same run again does nothing */
	const struct ts_run *split_run;
	bool split_measured;
	/* each face's advances of U+0000..U+00FF (fonts_advance), made at its first use */
	double *adv[FACE_MAX];
	char *scratch; /* a string operand being built, reused */
	size_t capscratch;
	struct pdf_image *images;
	size_t nimages, capimages;
	HPDF_Page *pages;
	/* the signature fields' widgets (pdf_sign.c), each merged with its field, and the index
	 * in pages of each one's page: the structure tree makes each a Form (OBJR) */
	HPDF_Dict *widgets;
	size_t *widget_pages;
	size_t nwidgets;
	struct pdf_tags *tags; /* the logical structure being built (pdf_tag.c) */
};

/* --- pdf.c ---------------------------------------------------------------------------------- */

/* Record a failed status that libharu did not pass to the error handler; true when all is well
 * (no error so far). */
bool pdf_ok(struct pdf_state *p, HPDF_STATUS ret);
/* The same for a call returning an object: NULL is a failure. */
bool pdf_got(struct pdf_state *p, const void *obj);
/* A new stream object holding data[0..len), compressed; NULL after recording the error. */
HPDF_Dict pdf_stream(struct pdf_state *p, const void *data, size_t len);
/* Append v as four upper-case hex digits. */
void pdf_hex4(struct buf *b, unsigned v);
/* s (UTF-8) as a PDF text string, UTF-16BE with a byte order mark (cut to libharu's limit). */
HPDF_Binary pdf_text_string(struct pdf_state *p, const char *s);

/* --- pdf_font.c ----------------------------------------------------------------------------- */

/* Decode r->text into p->chars with how each character is drawn (enum pdf_class); with
 * measure, also each one's advance as the typesetter measured it. */
void pdf_split(struct pdf_state *p, const struct ts_run *r, bool measure);
/* Gather, for each face, the code points the pages of doc draw with it. */
void pdf_collect(struct pdf_state *p, const struct ts_doc *doc);
/* Subset, load and instantiate every face the pages use; false after recording the error
 * (or reporting it, p->reported). */
bool pdf_load_fonts(struct pdf_state *p);
/* Each face's font descriptor with its subset embedded, before libharu makes its own at
 * save time; false after recording the error. */
bool pdf_describe_fonts(struct pdf_state *p);

/* --- pdf_embed.c ---------------------------------------------------------------------------- */

/* Embed e's files as associated files dated date (seconds since 1970, UTC) and claim PDF/A-3b in
 * the XMP, after pdf_metadata; nothing when e is NULL. False after recording the error (or
 * reporting it, p->reported). */
bool pdf_embed_files(struct pdf_state *p, const struct pdf_embed *e, long long date);

/* --- pdf_sign.c ----------------------------------------------------------------------------- */

/* An empty signature field for each of doc's signs, listed in the catalogue's /AcroForm (none:
 * no /AcroForm); sets p->widgets. False after recording the error. */
bool pdf_sign_fields(struct pdf_state *p, const struct ts_doc *doc);

/* --- pdf_tag.c ------------------------------------------------------------------------------ */

/* The structure tree (tagged PDF): its root and Document element, for doc drawn on npages
 * pages; false after recording the error. A document of too many elements is not tagged (no
 * p->tags: the calls below do nothing, the PDF is PDF/A-1b). Then, for each page in turn: */
bool pdf_tag_begin(struct pdf_state *p, const struct ts_doc *doc, size_t npages);
/* page (from 0) is the page being drawn: its /StructParents and ParentTree entry. */
bool pdf_tag_page(struct pdf_state *p, size_t index, HPDF_Page page);
/* Open, in the page's content ops, the marked content of what belongs to e: /TYPE <</MCID n>>
 * BDC, the MCID listed in e's element (made when first met); e NULL: /Artifact BMC; label: a
 * list item's marker, in a Lbl of the item of e; actual (not NULL): a hyphenated word, in a
 * Span of e whose /ActualText is actual. Each is closed by pdf_tag_close (EMC). */
bool pdf_tag_open(struct pdf_state *p, struct buf *ops, const struct ts_elem *e, bool label,
                  const char *actual);
void pdf_tag_close(struct pdf_state *p, struct buf *ops);
/* A link annotation on the page being drawn, on the text of e (NULL: the document): a Link
 * element in e's with the annotation as an OBJR, and its /StructParent. */
bool pdf_tag_link(struct pdf_state *p, HPDF_Annotation annot, const struct ts_elem *e);
/*
 * A signature field's widget annotation (a dictionary already in the xref, /Subtype /Widget) on
 * page: a Form element at the end of the Document, holding the widget as an OBJR, and the
 * widget's /StructParent. For pdf_sign.c: call it for each widget after pdf_tag_begin and before
 * pdf_tag_end (true and nothing done when the document is not tagged).
 */
bool pdf_tag_form(struct pdf_state *p, HPDF_Dict widget, HPDF_Page page);
/* The ParentTree's annotation keys and the catalogue's /MarkInfo, /Lang (it-IT) and
 * /ViewerPreferences <</DisplayDocTitle true>>; false after recording the error. */
bool pdf_tag_end(struct pdf_state *p);
void pdf_tag_free(struct pdf_state *p);

#endif
