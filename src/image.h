/*
 * image.h: what kind of image a file is and its size in pixels, from its first bytes (PNG's
 * IHDR, JPEG's SOF). Only to lay out and to refuse early; pdf.c has libharu read the image.
 */
#ifndef VERBALE_IMAGE_H
#define VERBALE_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "typeset.h"

enum { IMAGE_MAX_SIDE = 20000, IMAGE_MAX_BYTES = 16 * 1024 * 1024 };

/*
 * Probe data[0..len): true for a PNG or JPEG whose size is sane (1 to IMAGE_MAX_SIDE pixels a
 * side), with *kind, *w and *h set; otherwise false and *why says what is wrong (a static
 * Italian string).
 */
bool image_probe(const unsigned char *data, size_t len, enum ts_image_kind *kind, double *w,
                 double *h, const char **why);

#endif
