/* image_test.c: the PNG decoder on a small image made here, and on broken copies of it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "harness.h"
#include "image.h"

static size_t
put_chunk(unsigned char *out, const char *type, const unsigned char *body, uint32_t len)
{
	uint32_t crc = (uint32_t)crc32(crc32(0, (const unsigned char *)type, 4), body, len);
	size_t i;

	for (i = 0; i < 4; i++) {
		out[i] = (unsigned char)(len >> (24 - 8 * i));
		out[8 + len + i] = (unsigned char)(crc >> (24 - 8 * i));
	}
	memcpy(out + 4, type, 4);
	memcpy(out + 8, body, len);
	return 12 + (size_t)len;
}

/* A 2 x 2 RGBA PNG: red, green; blue, black at half alpha. Returns its length in out. */
static size_t
make_png(unsigned char out[256])
{
	static const unsigned char rows[2][9] = {{0, 255, 0, 0, 255, 0, 255, 0, 255},
	                                         {0, 0, 0, 255, 255, 0, 0, 0, 128}};
	unsigned char ihdr[13] = {0, 0, 0, 2, 0, 0, 0, 2, 8, 6, 0, 0, 0}, z[128];
	uLongf zlen = sizeof(z);
	size_t n = 8;

	if (compress(z, &zlen, &rows[0][0], sizeof(rows)) != Z_OK)
		return 0;
	memcpy(out, "\x89PNG\r\n\x1a\n", 8);
	n += put_chunk(out + n, "IHDR", ihdr, 13);
	n += put_chunk(out + n, "IDAT", z, (uint32_t)zlen);
	n += put_chunk(out + n, "IEND", (const unsigned char *)"", 0);
	return n;
}

void
image_tests(void)
{
	static const unsigned char want[12] = {255, 0, 0, 0, 255, 0, 0, 0, 255, 127, 127, 127};
	unsigned char png[256];
	size_t n = make_png(png);
	struct image_raster r;
	enum ts_image_kind kind;
	double w = 0, h = 0;
	const char *why;

	harness.test = "image";
	OK(n > 0, "make the PNG");
	OK(image_probe(png, n, &kind, &w, &h, &why) && kind == TS_IMAGE_PNG && w == 2 && h == 2,
	   "probe: a 2 x 2 PNG");
	why = image_png_decode(png, n, &r);
	OK(why == NULL, why ? why : "decoded");
	INT_EQ(r.w, 2, "width");
	INT_EQ(r.h, 2, "height");
	INT_EQ(r.comps, 3, "RGB");
	OK(r.pix != NULL && memcmp(r.pix, want, sizeof(want)) == 0,
	   "the pixels composited over white");
	free(r.pix);

	/* A changed byte in IDAT: its CRC no longer holds. */
	png[8 + 25 + 8] ^= 1;
	STR_EQ(image_png_decode(png, n, &r), "CRC errato", "a bad CRC");
	OK(r.pix == NULL && r.w == 0, "nothing to free after an error");
	png[8 + 25 + 8] ^= 1;
	STR_EQ(image_png_decode(png, n - 12, &r), "file troncato", "no IEND");
	STR_EQ(image_png_decode(png + 1, n - 1, &r), "non è un file PNG", "no signature");
}
