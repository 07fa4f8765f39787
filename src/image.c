/* image.c: PNG and JPEG headers. */
#include "image.h"

static unsigned long
be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 |
	       p[3];
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
