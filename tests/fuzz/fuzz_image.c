/*
 * fuzz_image.c: any bytes through image_probe (the PNG and JPEG headers the layout reads) and
 * image_png_decode (the PNG decoder pdf.c hands libharu samples from). Where both accept a
 * PNG they must agree on its size; an error leaves nothing to free.
 *
 * Mutated bytes seldom get past the decoder's CRC check and zlib's, so each input is decoded
 * three times: as it is; with every chunk's CRC made right; and as the scanlines of a PNG made
 * here (its first bytes choose the size, colour type, depth, interlacing, palette and
 * transparency; the rest, compressed, are the filtered rows), which takes any filter bytes and
 * samples to the unfiltering and the pixels of every colour type, depth and Adam7 pass.
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

#include <zlib.h>

#include "image.h"
#include "util.h"

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

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* The pixels the IHDR chunk of a PNG declares, checked or not; 0 without one. */
static uint64_t
declared_pixels(const uint8_t *d, size_t size)
{
	if (size < 24 || memcmp(d + 12, "IHDR", 4) != 0)
		return 0;
	return (uint64_t)get32(d + 16) * get32(d + 20);
}

/* Decode d[0..n) and check what comes back against what image_probe said of the same bytes. */
static void
decode(const uint8_t *d, size_t n)
{
	enum ts_image_kind kind = TS_IMAGE_PNG;
	double w = 0, h = 0;
	const char *why = NULL;
	bool probed = image_probe(d, n, &kind, &w, &h, &why);
	uint64_t px = declared_pixels(d, n);
	struct image_raster r;

	if (!probed && why == NULL)
		abort(); /* a refusal always says why */
	if (big && px > 4000000 && px <= IMAGE_MAX_PIXELS)
		return;
	if (image_png_decode(d, n, &r) == NULL) {
		if (r.pix == NULL || r.w == 0 || r.h == 0 || (r.comps != 1 && r.comps != 3) ||
		    (uint64_t)r.w * r.h > IMAGE_MAX_PIXELS)
			abort();
		if (probed && (kind != TS_IMAGE_PNG || w != r.w || h != r.h))
			abort(); /* the layout would size the image wrongly */
		free(r.pix);
	} else if (r.pix != NULL || r.w != 0) {
		abort(); /* an error leaves nothing to free */
	}
}

/* Make the CRC of every whole chunk of d[0..n) right. */
static void
fix_crcs(uint8_t *d, size_t n)
{
	size_t pos = 8;

	while (n >= 12 && pos <= n - 12 && get32(d + pos) <= n - pos - 12) {
		uint32_t len = get32(d + pos);

		put32(d + pos + 8 + len, (uint32_t)crc32(0, d + pos + 4, len + 4));
		pos += 12 + (size_t)len;
	}
}

static void
chunk(struct buf *b, const char *type, const uint8_t *body, size_t len)
{
	uint8_t head[8], crc[4];

	put32(head, (uint32_t)len);
	memcpy(head + 4, type, 4);
	put32(crc, (uint32_t)crc32(crc32(0, head + 4, 4), body, (uInt)len));
	buf_add(b, head, 8);
	buf_add(b, body, len);
	buf_add(b, crc, 4);
}

/*
 * A PNG whose scanlines are d[8..n), compressed: d[0] and d[1] give the width and height (1 to
 * 64), d[2] the colour type, d[3] the depth among those the type allows (any when d[7] & 1),
 * d[4] the interlacing, d[5] the palette's entries, d[6] the tRNS chunk; when d[7] & 2 the
 * rows are cut or padded to the length the header calls for, d[7] & 4 splits IDAT in two,
 * and the rows' filter types are made valid unless d[7] & 8.
 */
static void
make_png(const uint8_t *d, size_t n, struct buf *out)
{
	static const unsigned types[5] = {0, 2, 3, 4, 6}, channels[7] = {1, 0, 3, 1, 2, 0, 4};
	static const unsigned depths[5][5] = {{1, 2, 4, 8, 16},
	                                      {8, 16, 8, 16, 8},
	                                      {1, 2, 4, 8, 1},
	                                      {8, 16, 8, 16, 8},
	                                      {8, 16, 8, 16, 8}};
	static const unsigned adam7[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
	                                     {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
	uint8_t ihdr[13], pal[768], trns[256];
	unsigned w, h, type, depth, interlace, npal, pass, i;
	size_t total = 0, rawlen, split, off;
	uLongf zlen;
	uint8_t *raw, *z;

	if (n < 8)
		return;
	w = 1 + d[0] % 64;
	h = 1 + d[1] % 64;
	type = types[d[2] % 5];
	depth = d[7] & 1 ? 1u << (d[3] % 5) : depths[d[2] % 5][d[3] % 5];
	interlace = d[4] & 1;
	for (pass = 0; pass < (interlace ? 7u : 1u); pass++) {
		const unsigned *a = interlace ? adam7[pass] : (const unsigned[4]){0, 0, 1, 1};
		size_t pw = w > a[0] ? (w - a[0] + a[2] - 1) / a[2] : 0;
		size_t ph = h > a[1] ? (h - a[1] + a[3] - 1) / a[3] : 0;

		if (pw > 0 && ph > 0)
			total += ph * (1 + (pw * channels[type] * depth + 7) / 8);
	}
	rawlen = d[7] & 2 ? total : n - 8;
	raw = xcalloc(rawlen + 1, 1);
	memcpy(raw, d + 8, rawlen < n - 8 ? rawlen : n - 8);
	/* valid filter types (0 to 4) at the start of each row, unless d[7] & 8 */
	for (pass = 0, off = 0; !(d[7] & 8) && pass < (interlace ? 7u : 1u); pass++) {
		const unsigned *a = interlace ? adam7[pass] : (const unsigned[4]){0, 0, 1, 1};
		size_t pw = w > a[0] ? (w - a[0] + a[2] - 1) / a[2] : 0;
		size_t ph = h > a[1] ? (h - a[1] + a[3] - 1) / a[3] : 0;
		size_t y;

		for (y = 0; pw > 0 && y < ph && off < rawlen; y++) {
			raw[off] %= 5;
			off += 1 + (pw * channels[type] * depth + 7) / 8;
		}
	}
	zlen = compressBound((uLong)rawlen);
	z = xmalloc(zlen);
	if (compress2(z, &zlen, raw, (uLong)rawlen, 1) != Z_OK)
		abort();

	put32(ihdr, w);
	put32(ihdr + 4, h);
	ihdr[8] = (uint8_t)depth;
	ihdr[9] = (uint8_t)type;
	ihdr[10] = ihdr[11] = 0;
	ihdr[12] = (uint8_t)interlace;
	buf_add(out, "\x89PNG\r\n\x1a\n", 8);
	chunk(out, "IHDR", ihdr, 13);
	npal = type == 3 ? 1 + d[5] % 256 : d[5] % 2 ? 1 + d[5] % 256 : 0;
	for (i = 0; i < 3 * npal; i++)
		pal[i] = (uint8_t)(i * 37);
	if (npal > 0)
		chunk(out, "PLTE", pal, 3 * npal);
	for (i = 0; i < sizeof(trns); i++)
		trns[i] = (uint8_t)(d[6] + i * 91);
	if (d[6] % 3 == 1)
		chunk(out, "tRNS", trns, type == 0 ? 2 : type == 2 ? 6 : 1 + d[6] % 256);
	split = d[7] & 4 ? zlen / 2 : zlen;
	chunk(out, "IDAT", z, split);
	if (split < zlen)
		chunk(out, "IDAT", z + split, zlen - split);
	chunk(out, "IEND", (const uint8_t *)"", 0);
	free(raw);
	free(z);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = xmalloc(size + 1);
	struct buf made = {0};

	decode(data, size);
	if (size > 0)
		memcpy(copy, data, size);
	fix_crcs(copy, size);
	decode(copy, size);
	free(copy);
	make_png(data, size, &made);
	if (made.len > 0)
		decode((const uint8_t *)made.data, made.len);
	buf_free(&made);
	return 0;
}
