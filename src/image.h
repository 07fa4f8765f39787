/*
 * image.h: what kind of image a file is and its size in pixels, from its first bytes (PNG's
 * IHDR, JPEG's SOF), to lay out and to refuse early; and the PNG decoder that pdf.c hands
 * libharu samples from. JPEG is not decoded here: pdf.c has libharu embed its bytes.
 *
 * PNG is decoded here with zlib rather than by libharu: libharu 2.3.0's libpng error callback
 * returns, so libpng aborts the process on a corrupt file; it reads past the rows of 1-, 2-
 * and 4-bit palette images with transparency; and it keeps alpha as an /SMask, which PDF/A-1
 * forbids. Any bytes are safe to give either function.
 */
#ifndef VERBALE_IMAGE_H
#define VERBALE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "typeset.h"

enum {
	IMAGE_MAX_SIDE = 20000,              /* pixels a side, for image_probe */
	IMAGE_MAX_BYTES = 16 * 1024 * 1024,  /* bytes of an image file */
	IMAGE_MAX_PIXELS = 40 * 1000 * 1000, /* pixels of a PNG image_png_decode accepts */
};

/*
 * Probe data[0..len): true for a PNG or JPEG whose size is sane (1 to IMAGE_MAX_SIDE pixels a
 * side), with *kind, *w and *h set; otherwise false and *why says what is wrong (a static
 * Italian string).
 */
bool image_probe(const unsigned char *data, size_t len, enum ts_image_kind *kind, double *w,
                 double *h, const char **why);

/* A decoded image: 8-bit samples, row after row from the top, no padding. */
struct image_raster {
	uint32_t w, h;      /* pixels */
	unsigned comps;     /* samples a pixel: 1 (gray) or 3 (RGB) */
	unsigned char *pix; /* w * h * comps bytes, malloc'd: the caller frees it */
};

/*
 * Decode the PNG data[0..len) (borrowed for the call): every color type, bit depth and Adam7
 * interlacing; transparency (an alpha channel, tRNS) composited over white; samples scaled to
 * 8 bits. Returns NULL with *r filled (r->pix is the caller's, to free), or why the file cannot
 * be used (a static Italian string, as "CRC errato") with *r zeroed and nothing to free.
 * Checks every chunk's CRC and refuses more than IMAGE_MAX_PIXELS pixels; while decoding it
 * holds a copy of the compressed data and up to 11 bytes a pixel.
 */
const char *image_png_decode(const unsigned char *data, size_t len, struct image_raster *r);

#endif
