/*
 * fuzz_image.c: any bytes through image_probe (the PNG and JPEG headers the layout reads) and
 * image_png_decode (the PNG decoder pdf.c hands libharu samples from). Where both accept a
 * PNG they must agree on its size; an error leaves nothing to free.
 *
 * In the big pass (VERBALE_FUZZ_BIG set, inputs up to 2 MiB) a PNG whose header declares more
 * than 4 million pixels, yet no more than IMAGE_MAX_PIXELS, is only probed: decoding up to 40
 * million pixels is linear work of up to 3 s without the sanitizers (16-bit RGBA) and many
 * times that under them, which the big pass's 5 s per input would report. The normal pass
 * decodes every size.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool big; /* the big pass */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	big = getenv("VERBALE_FUZZ_BIG") != NULL;
	return 0;
}

/* The pixels the IHDR chunk of a PNG declares, checked or not; 0 without one. */
static uint64_t
declared_pixels(const uint8_t *d, size_t size)
{
	uint64_t w, h;

	if (size < 24 || memcmp(d + 12, "IHDR", 4) != 0)
		return 0;
	w = (uint64_t)d[16] << 24 | (uint64_t)d[17] << 16 | (uint64_t)d[18] << 8 | d[19];
	h = (uint64_t)d[20] << 24 | (uint64_t)d[21] << 16 | (uint64_t)d[22] << 8 | d[23];
	return w * h;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum ts_image_kind kind = TS_IMAGE_PNG;
	double w = 0, h = 0;
	const char *why = NULL;
	bool probed = image_probe(data, size, &kind, &w, &h, &why);
	uint64_t px = declared_pixels(data, size);
	struct image_raster r;

	if (!probed && why == NULL)
		abort(); /* a refusal always says why */
	if (big && px > 4000000 && px <= IMAGE_MAX_PIXELS)
		return 0;
	if (image_png_decode(data, size, &r) == NULL) {
		if (r.pix == NULL || r.w == 0 || r.h == 0 || (r.comps != 1 && r.comps != 3) ||
		    (uint64_t)r.w * r.h > IMAGE_MAX_PIXELS)
			abort();
		if (probed && (kind != TS_IMAGE_PNG || w != r.w || h != r.h))
			abort(); /* the layout would size the image wrongly */
		free(r.pix);
	} else if (r.pix != NULL || r.w != 0) {
		abort(); /* an error leaves nothing to free */
	}
	return 0;
}
