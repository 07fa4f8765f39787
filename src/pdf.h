/*
 * pdf.h: pages (typeset.h) -> a PDF/A-1b file, through libharu. The only module that includes
 * hpdf.h. Fonts are embedded as subsets of the characters the pages use; single-byte (CP1252)
 * font instances draw what CP1252 covers, Type0 instances the rest; copied and extracted text
 * is exact. The output depends only on its input: no clock, no randomness (the /ID is a hash
 * of the content; the dates are meta->date).
 *
 * What pdf_write takes from the pages:
 *   - run->text is drawn from run->x, each character advancing by fonts_advance(run->face)
 *     (U+FFFD of FACE_FALLBACK2 for every character of a missing run) and each U+0020 by
 *     run->space: justify by setting space, never by adding spaces or splitting runs. Keep a
 *     line's text of one style in one run: a single-byte run is one Tj whatever its length.
 *   - run->width is not read: the text ends where the advances above put it.
 *   - Characters above U+FFFF are drawn as U+FFFD of FACE_FALLBACK2 (libharu's CIDs are 16
 *     bits) at the advance fonts_advance gives them, and still extract exactly; control
 *     characters likewise.
 *   - A missing run is not reported here: the typesetter, which decides it, warns.
 *   - image->path is read here; a PNG is decoded here, a JPEG embedded as it is.
 */
#ifndef VERBALE_PDF_H
#define VERBALE_PDF_H

#include <stdbool.h>

#include "diag.h"
#include "fonts.h"
#include "typeset.h"
#include "util.h"

/* What render --incorpora embeds as PDF/A-3b associated files (pdf_embed.c). */
struct pdf_embed {
	const char *const *paths; /* the files the minutes were made from, the session file first;
	                             a missing one is left out, another unreadable one is D_READ */
	size_t npaths;
	const char *dir;  /* the session's folder: /Desc gives each file's path from it */
	const char *json; /* the results of check --json (/Data) */
	size_t jsonlen;
	const char *json_name; /* its file name */
};

/* Borrowed for the call only. Strings are UTF-8; NULL or "" leaves an entry out. */
struct pdf_meta {
	const char *title;  /* e.g. the act's subject */
	const char *author; /* the ente */
	const char *
	        subject; /* e.g. "Processo verbale del Consiglio metropolitano, 23 febbraio 2022" */
	const char *keywords; /* comma-separated */
	const char *creator;  /* "verbale 0.1.0" */
	long long date;       /* CreationDate and ModDate, seconds since 1970-01-01 UTC */
	const char *icc_path; /* an sRGB ICC profile for the output intent */
	/* NULL: nothing embedded; else a PDF/A-3b holding them (render --incorpora) */
	const struct pdf_embed *embed;
	/* a published copy (render --copia): never signed, so no signature fields; else each of
	 * the pages' signs (typeset.h) becomes an empty one (pdf_sign.c) */
	bool copy;
};

/*
 * Append the PDF of doc to out (nothing is appended on failure). doc, f and meta are only
 * read, during the call. Problems are reported into d: an ICC profile, image or font that
 * cannot be read or subset (D_READ, exit 3), an image that cannot be used: not a valid PNG or
 * JPEG, or a CMYK or 12-bit JPEG (D_IMAGE, exit 1), a libharu failure (D_PDF, exit 3).
 * The images and the ICC profile are read through reader (borrowed for the call; NULL: nobody
 * records the reads, see util.h). Returns false when the PDF could not be made.
 */
bool pdf_write(const struct ts_doc *doc, const struct fonts *f, const struct pdf_meta *meta,
               const struct util_reader *reader, struct buf *out, struct diags *d);

/*
 * The name of a signature field for the signer qualifica (pdf_sign.c): "Firma-" and the
 * qualifica without its leading article, in ASCII (accents dropped: "è" is "e"), each space
 * or other sign a "-", no dots; "-2", "-3"... when taken[0..ntaken) has it already. "Il
 * Segretario generale" is "Firma-Segretario-generale"; cut after about 120 characters. Free
 * the result.
 */
char *pdf_sign_name(const char *qualifica, const char *const *taken, size_t ntaken);

#endif
