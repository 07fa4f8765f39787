/*
 * fonts.h: the faces a PDF uses, found with fontconfig and read with HarfBuzz: which face
 * draws a character, how wide it is, and the face cut down to the characters a document uses
 * (so that the PDF embeds small subsets). The only module that includes fontconfig's and
 * HarfBuzz's headers.
 *
 * Widths are in thousandths of an em (multiply by the size in points and divide by 1000).
 */
#ifndef VERBALE_FONTS_H
#define VERBALE_FONTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum face {
	FACE_REGULAR,     /* the text face (Liberation Serif) */
	FACE_BOLD,        /* its bold */
	FACE_ITALIC,      /* its italic */
	FACE_BOLD_ITALIC, /* its bold italic */
	FACE_MONO,        /* code (Liberation Mono) */
	FACE_FALLBACK,    /* characters the faces above lack (DejaVu Serif) */
	FACE_FALLBACK2,   /* characters even that one lacks (DejaVu Sans); has U+FFFD */
	FACE_MAX
};

/* Font families by role; NULL members take the defaults above. */
struct font_families {
	const char *text;      /* "Liberation Serif" */
	const char *mono;      /* "Liberation Mono" */
	const char *fallback;  /* "DejaVu Serif" */
	const char *fallback2; /* "DejaVu Sans" */
};

struct fonts;

/*
 * Find and open every face. A family that fontconfig cannot find (or finds only as another
 * family: fontconfig always answers with something) is reported as D_FONT_MISSING naming the
 * Debian package to install, and NULL is returned. The caller frees the result with
 * fonts_free.
 *
 * A file that cannot be read is D_READ; a face that is not static TrueType (glyf outlines, the
 * only kind libharu embeds) is D_FONT_MISSING. Matching uses fontconfig's current
 * configuration, which the first call in a process loads (6-18 ms here); later calls take about
 * 1.5 ms, 1 ms of it fontconfig's matching. Nothing changes in a struct fonts after it is
 * opened: threads may share one, and a process may keep one for all its documents.
 */
struct fonts *fonts_open(const struct font_families *fam, struct diags *d);
void fonts_free(struct fonts *f);

/* The file a face was read from (borrowed, valid until fonts_free). */
const char *fonts_path(const struct fonts *f, enum face face);
/* The PostScript name of a face, e.g. "LiberationSerif-Bold" (borrowed). */
const char *fonts_name(const struct fonts *f, enum face face);

/* Whether face has a glyph for code point cp. */
bool fonts_has(const struct fonts *f, enum face face, uint32_t cp);
/* The face that draws cp when face is wanted: face itself, else FACE_FALLBACK, else
 * FACE_FALLBACK2, else -1 (no face has it: draw U+FFFD of FACE_FALLBACK2). */
int fonts_pick(const struct fonts *f, enum face face, uint32_t cp);
/* Advance width of cp in face (thousandths of an em); 0 when the face lacks it. */
double fonts_advance(const struct fonts *f, enum face face, uint32_t cp);
/*
 * The font's kerning of the text cps[0..n) set in face: kern[i] receives the change HarfBuzz's
 * shaping (hb_shape with the 'kern' feature on; ligatures and contextual alternates off, as
 * they would break text extraction and hyphenation) makes to the space between cps[i] and
 * cps[i + 1], in thousandths of an em (negative: closer; kern[n - 1] is that of the last
 * character with nothing after it, 0). The advance of cps[i] as set is fonts_advance +
 * kern[i]. All 0 when the text does not shape one glyph per character, in order (combining
 * marks, a face's own substitutions), so that every character stays where it can be
 * extracted from. Deterministic, and safe from several threads on one struct fonts.
 */
void fonts_kern(const struct fonts *f, enum face face, const uint32_t *cps, size_t n, double *kern);
/* Ascender and descender (positive below the baseline) of a face, thousandths of an em. */
double fonts_ascent(const struct fonts *f, enum face face);
double fonts_descent(const struct fonts *f, enum face face);

/*
 * The face's font file cut down (HarfBuzz's subsetter) to the glyphs of the code points
 * cps[0..n), keeping their cmap entries, metrics and names, so that it can be embedded as is.
 * Returns a malloc'd buffer (*len bytes) the caller frees, or NULL when subsetting fails.
 *
 * The result is deterministic (same face and code points, same bytes). Glyph ids are
 * renumbered (.notdef stays 0, with its outline): map characters through the subset's own cmap,
 * as libharu does when it loads the file. Kept: cmap (3,1 and 0,3, format 4; format 12 when
 * needed), glyf, loca, head, hhea, hmtx, maxp, OS/2, post with glyph names, name IDs 0-6
 * (Windows English records), and the hinting (cvt, fpgm, prep, instructions). Dropped: GSUB,
 * GPOS, GDEF, kern, MATH and tool stamps. Code points the face lacks are ignored.
 */
unsigned char *fonts_subset(const struct fonts *f, enum face face, const uint32_t *cps, size_t n,
                            size_t *len);

#endif
