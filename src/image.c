/* image.c: PNG and JPEG headers; the PNG decoder. */
#include "image.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "util.h"

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static unsigned
be16(const unsigned char *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static bool
sane(unsigned long w, unsigned long h, const char **why)
{
	if (w == 0 || h == 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE) {
		*why = "dimensioni non ammesse (da 1 a 20000 pixel per lato)";
		return false;
	}
	return true;
}

bool
image_probe(const unsigned char *d, size_t len, enum ts_image_kind *kind, double *w, double *h,
            const char **why)
{
	static const unsigned char png[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	size_t i;

	*why = "non è un'immagine PNG o JPEG";
	if (len >= 24 && d[0] == png[0] && d[1] == png[1] && d[2] == png[2] && d[3] == png[3] &&
	    d[4] == png[4] && d[5] == png[5] && d[6] == png[6] && d[7] == png[7]) {
		if (be32(d + 8) != 13 || d[12] != 'I' || d[13] != 'H' || d[14] != 'D' ||
		    d[15] != 'R') {
			*why = "PNG danneggiato: manca l'intestazione IHDR";
			return false;
		}
		if (!sane(be32(d + 16), be32(d + 20), why))
			return false;
		*kind = TS_IMAGE_PNG;
		*w = (double)be32(d + 16);
		*h = (double)be32(d + 20);
		return true;
	}
	if (len < 4 || d[0] != 0xFF || d[1] != 0xD8)
		return false;
	/* JPEG: walk the markers to the first start-of-frame */
	i = 2;
	while (i + 4 <= len) {
		unsigned marker, seglen;

		if (d[i] != 0xFF) {
			*why = "JPEG danneggiato";
			return false;
		}
		marker = d[i + 1];
		if (marker == 0xFF) {
			i++;
			continue;
		}
		if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
			i += 2;
			continue;
		}
		seglen = be16(d + i + 2);
		if (seglen < 2 || i + 2 + seglen > len)
			break;
		if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
		    marker != 0xCC) {
			if (seglen < 7)
				break;
			if (!sane(be16(d + i + 7), be16(d + i + 5), why))
				return false;
			*kind = TS_IMAGE_JPEG;
			*w = be16(d + i + 7);
			*h = be16(d + i + 5);
			return true;
		}
		i += 2 + seglen;
	}
	*why = "JPEG danneggiato: manca l'intestazione con le dimensioni";
	return false;
}

/* ----- the PNG decoder (image_png_decode) ------------------------------------------------ */

/* What the chunks before the image data say: the header, the palette, the transparency. */
struct image_png {
	uint32_t w, h;
	unsigned depth, type, interlace, channels;
	unsigned char pal[768];
	unsigned npal;
	unsigned char trns[256]; /* alpha of each palette entry */
	unsigned ntrns;
	unsigned key[3]; /* tRNS of gray and RGB images: the transparent sample values */
	bool has_key;
};

/* The sample c of pixel x in an unfiltered row, at the image's depth. */
static unsigned
image_png_sample(const struct image_png *g, const unsigned char *row, uint32_t x, unsigned c)
{
	size_t i = (size_t)x * g->channels + c;

	if (g->depth == 8)
		return row[i];
	if (g->depth == 16)
		return (unsigned)row[2 * i] << 8 | row[2 * i + 1];
	return (row[i * g->depth / 8] >> (8 - g->depth - i * g->depth % 8)) &
	       ((1u << g->depth) - 1);
}

/* Pixel x of a row into out (1 or 3 bytes), composited over white. */
static void
image_png_pixel(const struct image_png *g, const unsigned char *row, uint32_t x, unsigned char *out)
{
	unsigned v[4] = {0, 0, 0, 0}, c, alpha = 255, n = g->type == 0 || g->type == 4 ? 1 : 3;
	unsigned max = (1u << g->depth) - 1;

	for (c = 0; c < g->channels; c++)
		v[c] = image_png_sample(g, row, x, c);
	if (g->type == 3) {
		unsigned i = v[0];

		alpha = i < g->ntrns ? g->trns[i] : 255;
		for (c = 0; c < 3; c++)
			v[c] = i < g->npal ? g->pal[3 * i + c] : 0;
	} else {
		if (g->has_key && v[0] == g->key[0] &&
		    (n == 1 || (v[1] == g->key[1] && v[2] == g->key[2])))
			alpha = 0;
		if (g->type == 4 || g->type == 6)
			alpha = v[n] * 255 / max;
		for (c = 0; c < n; c++)
			v[c] = v[c] * 255 / max;
	}
	for (c = 0; c < n; c++)
		out[c] = (unsigned char)((v[c] * alpha + 255 * (255 - alpha) + 127) / 255);
}

static unsigned char
image_png_paeth(unsigned char a, unsigned char b, unsigned char c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);

	return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/* Undo the filter of one row (r[0] is the filter type) given the previous one (or NULL). */
static bool
image_png_unfilter(unsigned char *r, const unsigned char *prev, size_t rb, size_t bpp)
{
	unsigned char *x = r + 1;
	const unsigned char *u = prev ? prev + 1 : NULL;
	size_t i;

	for (i = 0; i < rb; i++) {
		unsigned a = i >= bpp ? x[i - bpp] : 0, b = u ? u[i] : 0;
		unsigned c = i >= bpp && u ? u[i - bpp] : 0;

		switch (r[0]) {
		case 0: break;
		case 1: x[i] = (unsigned char)(x[i] + a); break;
		case 2: x[i] = (unsigned char)(x[i] + b); break;
		case 3: x[i] = (unsigned char)(x[i] + (a + b) / 2); break;
		case 4:
			x[i] = (unsigned char)(x[i] + image_png_paeth((unsigned char)a,
			                                              (unsigned char)b,
			                                              (unsigned char)c));
			break;
		default: return false;
		}
	}
	return true;
}

/* Read the chunks: NULL, or why the file cannot be used. */
static const char *
image_png_chunks(struct image_png *g, const unsigned char *d, size_t n, struct buf *idat)
{
	static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
	size_t pos = 8;
	bool ihdr = false, iend = false;

	if (n < 8 || memcmp(d, sig, 8) != 0)
		return "non è un file PNG";
	while (!iend) {
		const unsigned char *t = d + pos + 4, *body = d + pos + 8;
		uint32_t len;
		unsigned i;

		if (n - pos < 12 || (len = be32(d + pos)) > n - pos - 12)
			return "file troncato";
		for (i = 0; i < 4; i++)
			if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z')))
				return "blocco con un nome non valido";
		if (crc32(crc32(0, t, 4), body, len) != be32(body + len))
			return "CRC errato";
		pos += 12 + (size_t)len;
		if (!ihdr && memcmp(t, "IHDR", 4) != 0)
			return "manca l'intestazione IHDR";
		if (memcmp(t, "IHDR", 4) == 0) {
			static const unsigned channels[7] = {1, 0, 3, 1, 2, 0, 4};
			unsigned dp;

			if (ihdr || len != 13)
				return "intestazione IHDR non valida";
			g->w = be32(body);
			g->h = be32(body + 4);
			g->depth = dp = body[8];
			g->type = body[9];
			g->interlace = body[12];
			if (g->w == 0 || g->h == 0 || g->type > 6 || channels[g->type] == 0 ||
			    body[10] != 0 || body[11] != 0 || g->interlace > 1 ||
			    !(dp == 1 || dp == 2 || dp == 4 || dp == 8 || dp == 16) ||
			    (g->type == 3 && dp == 16) || (g->type != 0 && g->type != 3 && dp < 8))
				return "intestazione IHDR non valida";
			g->channels = channels[g->type];
			ihdr = true;
		} else if (memcmp(t, "PLTE", 4) == 0) {
			if (len % 3 != 0 || len == 0 || len > 768 || idat->len > 0)
				return "palette non valida";
			memcpy(g->pal, body, len);
			g->npal = len / 3;
		} else if (memcmp(t, "tRNS", 4) == 0) {
			if (g->type == 3 && len <= 256) {
				memcpy(g->trns, body, len);
				g->ntrns = len;
			} else if ((g->type == 0 && len == 2) || (g->type == 2 && len == 6)) {
				for (i = 0; i < len / 2; i++)
					g->key[i] = (unsigned)body[2 * i] << 8 | body[2 * i + 1];
				g->has_key = true;
			}
		} else if (memcmp(t, "IDAT", 4) == 0) {
			buf_add(idat, body, len);
		} else if (memcmp(t, "IEND", 4) == 0) {
			iend = true;
		} else if (t[0] <= 'Z') {
			return "blocco critico sconosciuto";
		}
	}
	if (idat->len == 0)
		return "mancano i dati dell'immagine";
	if (g->type == 3 && g->npal == 0)
		return "manca la palette";
	if ((uint64_t)g->w * g->h > IMAGE_MAX_PIXELS)
		return "più di 40 milioni di pixel";
	return NULL;
}

const char *
image_png_decode(const unsigned char *d, size_t n, struct image_raster *r)
{
	static const unsigned adam7[7][4] = {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4},
	                                     {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}};
	struct image_png png, *g = &png;
	struct buf idat = {NULL, 0, 0};
	unsigned char *raw = NULL;
	const char *why;
	size_t total = 0, off = 0, bits, bpp;
	unsigned pass, npass;
	uLongf got;

	memset(r, 0, sizeof(*r));
	memset(g, 0, sizeof(*g));
	if ((why = image_png_chunks(g, d, n, &idat)) != NULL)
		goto out;
	bits = (size_t)g->channels * g->depth;
	bpp = bits < 8 ? 1 : bits / 8;
	npass = g->interlace ? 7 : 1;
	for (pass = 0; pass < npass; pass++) {
		const unsigned *a = g->interlace ? adam7[pass] : (const unsigned[4]){0, 0, 1, 1};
		size_t pw = g->w > a[0] ? (g->w - a[0] + a[2] - 1) / a[2] : 0;
		size_t ph = g->h > a[1] ? (g->h - a[1] + a[3] - 1) / a[3] : 0;

		if (pw > 0 && ph > 0)
			total += ph * (1 + (pw * bits + 7) / 8);
	}
	raw = xmalloc(total);
	got = (uLongf)total;
	if (uncompress(raw, &got, (const Bytef *)idat.data, (uLong)idat.len) != Z_OK ||
	    got != total) {
		why = "dati compressi danneggiati";
		goto out;
	}
	r->comps = g->type == 0 || g->type == 4 ? 1 : 3;
	r->pix = xmalloc((size_t)g->w * g->h * r->comps);
	for (pass = 0; pass < npass; pass++) {
		const unsigned *a = g->interlace ? adam7[pass] : (const unsigned[4]){0, 0, 1, 1};
		size_t pw = g->w > a[0] ? (g->w - a[0] + a[2] - 1) / a[2] : 0;
		size_t ph = g->h > a[1] ? (g->h - a[1] + a[3] - 1) / a[3] : 0;
		size_t rb = (pw * bits + 7) / 8, y, x;

		if (pw == 0 || ph == 0)
			continue;
		for (y = 0; y < ph; y++, off += 1 + rb) {
			unsigned char *row = raw + off;

			if (!image_png_unfilter(row, y > 0 ? row - 1 - rb : NULL, rb, bpp)) {
				why = "filtro di riga non valido";
				goto out;
			}
			for (x = 0; x < pw; x++)
				image_png_pixel(
				        g, row + 1, (uint32_t)x,
				        r->pix + ((a[1] + y * a[3]) * g->w + a[0] + x * a[2]) *
				                         r->comps);
		}
	}
	r->w = g->w;
	r->h = g->h;
out:
	if (why != NULL) {
		free(r->pix);
		memset(r, 0, sizeof(*r));
	}
	free(raw);
	buf_free(&idat);
	return why;
}
