/*
 * pdf.c: pages -> PDF/A-1a through libharu 2.3.0. With pdf_font.c (the fonts) and pdf_tag.c (the
 * logical structure: tagged PDF), the only files that include libharu's headers, through
 * pdf_private.h.
 *
 * Tagged PDF: each line's text is drawn in marked content of its structure element (ts_elem,
 * pdf_tag_open: /P <</MCID n>> BDC ... EMC, one sequence a run), the margins, the logo and the
 * rules as /Artifact; a word hyphenated at a line's end is one sequence, its first part and then
 * the rest from the next line (the content's order is not the page's), in a Span whose
 * /ActualText is the whole word, the hyphen after it an artifact (pdf_draw_word).
 *
 * libharu builds the object graph: pages and their resources, the single-byte fonts, images,
 * link annotations, the outline, the info dictionary and the XMP packet. The page content is
 * written here, straight into each page's content stream (HPDF_PageAttr->stream): libharu's
 * page operators take floats and print five decimals of float noise ("755.48999"), and none
 * writes marked content (/ActualText). Positions are printed in 1/100 pt, Tw and gray in
 * 1/1000, with no trailing zeros; each page has one text object, Tf, Tw and g only when
 * they change, and Td relative to the previous line.
 *
 * Fonts (pdf_font.c). Each face the pages use is cut down by fonts_subset to the code points the
 * document draws with it, loaded from memory (HPDF_MemStream_New + HPDF_TTFontDef_Load, registered
 * under a private name) and embedded as it is: its FontDescriptor and /FontFile2 are made
 * here before saving, so libharu's own partial subsetting never runs. Characters in CP1252
 * go through the face's single-byte instance (HPDF_GetFont "CP1252", /WinAnsiEncoding), one
 * Tj per run and style, spaces widened with Tw. A word with a character outside CP1252 goes
 * through the face's Type0 instance (Identity-H, CID = code point), one Tj per word. Kerned
 * text (a run's kern, from the typesetter) is a TJ array instead, each pair's kerning in whole
 * thousandths of an em between the strings, as libharu has no TJ of its own. A
 * character no face has (a run marked missing), or one above U+FFFF, is drawn as U+FFFD of
 * FACE_FALLBACK2 in marked content whose /ActualText is the original word.
 *
 * What libharu 2.3.0 gets wrong for PDF/A-1b, and the mend:
 *   - the XMP stream has /SubType: replaced by /Subtype;
 *   - XMP values are not XML-escaped and info strings are written as bytes: the XMP gets
 *     escaped text, then each info string is replaced by a UTF-16BE one, both from the same
 *     text without the characters XML cannot carry (pdf_meta_text);
 *   - the CP1252 instances get /Encoding <</Differences [127 ...]>> (CP1252 differs from
 *     WinAnsi only at 127, never drawn): the encoder is told it has no differences, so
 *     /Encoding is the name /WinAnsiEncoding;
 *   - WinAnsiEncoding reads bytes 0xA0 and 0xAD as "space" and "hyphen": a font that draws
 *     U+00A0 or U+00AD gets a ToUnicode CMap, so that they extract as themselves;
 *   - /Widths are truncated to whole thousandths of an em and filled in only through libharu's
 *     text functions: they are set here, rounded from fonts_advance, and the rounding left
 *     over goes into Tw;
 *   - UTF-8 instances (HPDF_UseUTFEncodings) walk all 65,536 code points when made, and have
 *     a CIDToGIDMap and /W one short of the highest code point (which draws .notdef), a
 *     ToUnicode CMap of begincidrange (poppler: "Invalid 'begincidrange' operator in ToUnicode
 *     CMap"), Ordering (Identity-H) and no /CIDSet: not used; the Type0 fonts are built here
 *     with a bfchar ToUnicode and a /CIDSet of the CIDs they map;
 *   - link annotations lack /F 4 (print): added, with /Border [0 0 0];
 *   - outline destinations (HPDF_Destination) are indirect objects, which PDFBox Preflight
 *     cannot read as a /Dest: each outline item gets a direct [page /XYZ null top null];
 *   - HPDF_PDFA_AppendOutputIntents writes "/DestOutputProfile " with a space: not used; the
 *     sRGB output intent is built here;
 *   - the trailer /ID is an MD5 of the clock: an all-zero /ID is set before the PDF/A call
 *     (libharu keeps an existing one) and overwritten, after saving, with the MD5 of the file;
 *     dates come from meta->date only, so the same input gives the same bytes;
 *   - PNG goes through libpng, whose error callback in libharu returns, so that libpng aborts
 *     the process on a corrupt file; libharu also reads past the rows of 1-, 2- and 4-bit
 *     palette images with transparency, declares 16-bit images it stripped to 8 bits as
 *     16-bit, and keeps alpha as an /SMask, which PDF/A-1 forbids: PNG is decoded by
 *     image_png_decode (image.c, zlib), composited over white, and handed over as samples
 *     (HPDF_LoadRawImageFromMem).
 */
#include "pdf.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "image.h"
#include "pdf_private.h"
#include "text.h"

#define PDF_ICC_MAX   (4u << 20)  /* bytes: an ICC profile larger than this is refused */
#define PDF_IMAGE_MAX (64u << 20) /* bytes: an image file larger than this is refused */
#define PDF_LEVELS    8           /* outline depth; deeper marks hang at the last level */
#define PDF_ELLIPSIS  0x2026      /* ends a text string cut to fit libharu's limit */

static void
pdf_on_error(HPDF_STATUS err, HPDF_STATUS detail, void *data)
{
	struct pdf_state *p = data;

	if (p->err == HPDF_OK) {
		p->err = err;
		p->detail = detail;
	}
}

/* Record a failed status that libharu did not pass to the handler; true when all is well. */
bool
pdf_ok(struct pdf_state *p, HPDF_STATUS ret)
{
	if (ret != HPDF_OK && p->err == HPDF_OK) {
		p->err = ret;
		p->detail = p->doc ? HPDF_GetErrorDetail(p->doc) : 0;
	}
	return p->err == HPDF_OK;
}

/* The same for a call returning an object: NULL is a failure. */
bool
pdf_got(struct pdf_state *p, const void *obj)
{
	HPDF_STATUS e = p->doc ? HPDF_GetError(p->doc) : HPDF_FAILD_TO_ALLOC_MEM;

	return pdf_ok(p, obj != NULL ? HPDF_OK : e != HPDF_OK ? e : HPDF_INVALID_OBJECT);
}

void
pdf_hex4(struct buf *b, unsigned v)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[4] = {hex[(v >> 12) & 15], hex[(v >> 8) & 15], hex[(v >> 4) & 15], hex[v & 15]};

	buf_add(b, s, 4);
}

/* A stream holding data, compressed. */
HPDF_Dict
pdf_stream(struct pdf_state *p, const void *data, size_t len)
{
	HPDF_Dict s = HPDF_DictStream_New(p->doc->mmgr, p->doc->xref);

	if (!pdf_got(p, s))
		return NULL;
	s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (len > 0 && !pdf_ok(p, HPDF_Stream_Write(s->stream, data, (HPDF_UINT)len)))
		return NULL;
	return s;
}

/* ----- page content ------------------------------------------------------------------- */

/* v * 10^dec rounded, printed as a decimal with no trailing zeros. */
static void
pdf_num(struct buf *b, long long v, int dec)
{
	char s[32], *e = s + sizeof(s), *q = e;
	unsigned long long u = v < 0 ? (unsigned long long)-v : (unsigned long long)v;
	int i;
	bool frac = false;

	for (i = 0; i < dec; i++, u /= 10) {
		if (!frac && u % 10 == 0)
			continue;
		*--q = (char)('0' + u % 10);
		frac = true;
	}
	if (frac)
		*--q = '.';
	do {
		*--q = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	if (v < 0)
		*--q = '-';
	buf_add(b, q, (size_t)(e - q));
}

static long long
pdf_fixed(double v, double scale)
{
	return llround(v * scale);
}

static void
pdf_op_num(struct buf *b, long long v, int dec, char sep)
{
	pdf_num(b, v, dec);
	buf_putc(b, sep);
}

static void
pdf_text_begin(struct pdf_page *pg)
{
	if (!pg->in_text) {
		buf_puts(&pg->ops, "BT\n");
		pg->in_text = true;
		pg->tx = pg->ty = 0;
	}
}

static void
pdf_text_end(struct pdf_page *pg)
{
	if (pg->in_text) {
		buf_puts(&pg->ops, "ET\n");
		pg->in_text = false;
	}
}

static bool
pdf_set_font(struct pdf_state *p, struct pdf_page *pg, HPDF_Font font, double size)
{
	long long sz = pdf_fixed(size, 100);
	const char *name;

	if (font == pg->font && sz == pg->size)
		return true;
	if (!pdf_got(p, name = HPDF_Page_GetLocalFontName(pg->page, font)))
		return false;
	buf_putc(&pg->ops, '/');
	buf_puts(&pg->ops, name);
	buf_putc(&pg->ops, ' ');
	pdf_op_num(&pg->ops, sz, 2, ' ');
	buf_puts(&pg->ops, "Tf\n");
	pg->font = font;
	pg->size = sz;
	return true;
}

static void
pdf_set_fill(struct pdf_page *pg, double gray)
{
	long long g = pdf_fixed(gray < 0 ? 0 : gray > 1 ? 1 : gray, 1000);

	if (g != pg->fill) {
		pdf_op_num(&pg->ops, g, 3, ' ');
		buf_puts(&pg->ops, "g\n");
		pg->fill = g;
	}
}

/* Move the text line origin to (x, y), in whole 1/100 pt so that no error accumulates. */
static void
pdf_move(struct pdf_page *pg, double x, double y)
{
	long long nx = pdf_fixed(x, 100), ny = pdf_fixed(y, 100);

	pdf_op_num(&pg->ops, nx - pg->tx, 2, ' ');
	pdf_op_num(&pg->ops, ny - pg->ty, 2, ' ');
	buf_puts(&pg->ops, "Td\n");
	pg->tx = nx;
	pg->ty = ny;
}

/* The adjustment a TJ array makes after char k of [k, j): its kerning in whole thousandths of an
 * em (TJ's numbers move the next glyph left: the kerning with its sign turned); none after the
 * last. */
static long
pdf_tj_adjust(const struct pdf_state *p, size_t k, size_t j)
{
	return k + 1 < j ? -lround(p->chars[k].kern) : 0;
}

/* Whether chars [i, j) have any kerning to draw (a TJ array, not a string and Tj). */
static bool
pdf_is_kerned(const struct pdf_state *p, size_t i, size_t j)
{
	size_t k;

	for (k = i; k < j; k++)
		if (pdf_tj_adjust(p, k, j) != 0)
			return true;
	return false;
}

/* Draw chars [i, j) of the run, all single-byte, from x: one Tj (TJ when kerned), the spaces
 * widened by Tw so that the segment ends where the typesetter's widths say (libharu's /Widths
 * are whole thousandths of an em, the kerning as well; the rounding goes into the spaces). */
static bool
pdf_draw_sb(struct pdf_state *p, struct pdf_page *pg, const struct ts_run *r, size_t i, size_t j,
            double x, double y)
{
	const struct pdf_face *pf = &p->face[r->face];
	double want = 0, have = 0;
	size_t k, nsp = 0, n = 0;
	bool kerned = pdf_is_kerned(p, i, j);
	char *s;

	for (k = i; k < j; k++) {
		nsp += p->chars[k].byte == 0x20;
		want += p->chars[k].adv;
		have += (pf->widths[p->chars[k].byte] - pdf_tj_adjust(p, k, j)) * r->size / 1000;
	}
	if (!pdf_set_font(p, pg, pf->sbfont, r->size))
		return false;
	if (nsp > 0) {
		long long w = pdf_fixed((want - have) / (double)nsp, 1000);

		/* Within 3/1000 pt of the last Tw: keep it (unjustified lines differ by the
		 * rounding of the widths alone, a few hundredths of a point a line). */
		if (llabs(w - pg->tw) > 3) {
			pdf_op_num(&pg->ops, w, 3, ' ');
			buf_puts(&pg->ops, "Tw\n");
			pg->tw = w;
		}
	}
	pdf_move(pg, x, y);
	/* a character, escaped, or an adjustment ")-1234(" */
	p->scratch = xgrow(p->scratch, &p->capscratch, 32 * (j - i) + 8, 1);
	s = p->scratch;
	if (kerned)
		s[n++] = '[';
	s[n++] = '(';
	for (k = i; k < j; k++) {
		unsigned char b = p->chars[k].byte;
		long t = kerned ? pdf_tj_adjust(p, k, j) : 0;

		if (b == '(' || b == ')' || b == '\\')
			s[n++] = '\\';
		s[n++] = (char)b;
		if (t != 0)
			n += (size_t)snprintf(s + n, 32, ")%ld(", t);
	}
	memcpy(s + n, kerned ? ")]TJ\n" : ")Tj\n", kerned ? 5 : 4);
	buf_add(&pg->ops, s, n + (kerned ? 5 : 4));
	return true;
}

/* /ActualText: the characters as UTF-16BE with a byte order mark, as a hex string. */
static void
pdf_actual_text(struct buf *b, const struct pdf_char *c, size_t n)
{
	size_t k;

	buf_puts(b, "/Span <</ActualText <FEFF");
	for (k = 0; k < n; k++) {
		uint32_t cp = c[k].cp;

		if (cp > 0xFFFF) {
			pdf_hex4(b, 0xD800 + ((cp - 0x10000) >> 10));
			pdf_hex4(b, 0xDC00 + ((cp - 0x10000) & 0x3FF));
		} else {
			pdf_hex4(b, cp);
		}
	}
	buf_puts(b, ">>> BDC\n");
}

/* Draw chars [i, j) one word at a time as CIDs: the code points themselves with the UTF-8
 * instance of the face, or for PDF_REPL U+FFFD of FACE_FALLBACK2 in marked content whose
 * /ActualText is the word (a span per word: pdftotext adds the spaces from the gaps). */
static bool
pdf_draw_cid(struct pdf_state *p, struct pdf_page *pg, const struct ts_run *r, size_t i, size_t j,
             double x, double y)
{
	bool repl = p->chars[i].cls == PDF_REPL;
	HPDF_Font font = repl ? p->face[FACE_FALLBACK2].cidfont : p->face[r->face].cidfont;
	size_t k, w;
	bool kerned;

	if (!pdf_set_font(p, pg, font, r->size))
		return false;
	for (k = i; k < j;) {
		if (p->chars[k].cp == 0x20) {
			x += p->chars[k++].adv;
			continue;
		}
		for (w = k; w < j && p->chars[w].cp != 0x20; w++)
			;
		if (repl)
			pdf_actual_text(&pg->ops, p->chars + k, w - k);
		pdf_move(pg, x, y);
		kerned = !repl && pdf_is_kerned(p, k, w);
		buf_puts(&pg->ops, kerned ? "[<" : "<");
		for (; k < w; k++) {
			long t = kerned ? pdf_tj_adjust(p, k, w) : 0;

			pdf_hex4(&pg->ops, repl ? PDF_REPLACE : p->chars[k].cp);
			x += p->chars[k].adv;
			if (t != 0) {
				buf_putc(&pg->ops, '>');
				pdf_num(&pg->ops, t, 0);
				buf_putc(&pg->ops, '<');
			}
		}
		buf_puts(&pg->ops, repl ? ">Tj\nEMC\n" : kerned ? ">]TJ\n" : ">Tj\n");
	}
	return true;
}

/* The characters of r (split into p->chars) that its first tail bytes make. */
static size_t
pdf_tail_chars(const struct pdf_state *p, const struct ts_run *r)
{
	size_t k, n = 0;

	for (k = 0; k < r->tail && r->text[k]; k++)
		n += ((unsigned char)r->text[k] & 0xC0) != 0x80;
	return n < p->nchars ? n : p->nchars;
}

/* Draw characters [from, to) of the run r (to SIZE_MAX: to its end). */
static bool
pdf_draw_run(struct pdf_state *p, struct pdf_page *pg, const struct ts_run *r, double y,
             size_t from, size_t to)
{
	double x = r->x;
	size_t i, j, k;

	pdf_split(p, r, true);
	if (to > p->nchars)
		to = p->nchars;
	if (from >= to)
		return true;
	for (k = 0; k < from; k++)
		x += p->chars[k].adv;
	pdf_text_begin(pg);
	pdf_set_fill(pg, r->gray);
	for (i = from; i < to; i = j) {
		double w = 0;
		bool ok;

		for (j = i; j < to && p->chars[j].cls == p->chars[i].cls; j++)
			;
		ok = p->chars[i].cls == PDF_SB ? pdf_draw_sb(p, pg, r, i, j, x, y)
		                               : pdf_draw_cid(p, pg, r, i, j, x, y);
		if (!ok)
			return false;
		for (k = i; k < j; k++)
			w += p->chars[k].adv;
		x += w;
	}
	return true;
}

/* Where the last word of r starts, in its characters (left in p->chars). */
static size_t
pdf_word_start(struct pdf_state *p, const struct ts_run *r)
{
	size_t w;

	pdf_split(p, r, false);
	for (w = p->nchars; w > 0 && p->chars[w - 1].cp != 0x20; w--)
		;
	return w;
}

/*
 * The word that the line ln ends with the first part of, hyphenated, and next starts with the
 * rest: drawn as one marked-content sequence, a Span whose /ActualText is the whole word (its
 * first part, then the rest from the next line: the content's order is not the page's), then
 * the hyphen, an artifact. So the logical structure reads the word whole, and a reader of the
 * page (pdftotext) sees the hyphen at the line's end.
 */
static bool
pdf_draw_word(struct pdf_state *p, struct pdf_page *pg, const struct ts_line *ln,
              const struct ts_line *next, const struct ts_elem *el, size_t from)
{
	const struct ts_run *r = &ln->runs[ln->nruns - 1];
	size_t n, w, k;

	pdf_split(p, r, false);
	n = p->nchars;
	for (w = n; w > 0 && p->chars[w - 1].cp != 0x20; w--)
		;
	if (!pdf_draw_run(p, pg, r, ln->y, from, w))
		return false;
	pdf_tag_close(p, &pg->ops);
	if (!pdf_tag_open(p, &pg->ops, el, false, r->word) ||
	    !pdf_draw_run(p, pg, r, ln->y, w, n - 1))
		return false;
	for (k = 0; k < next->nruns && next->runs[k].tail > 0; k++) {
		pdf_split(p, &next->runs[k], false);
		if (!pdf_draw_run(p, pg, &next->runs[k], next->y, 0,
		                  pdf_tail_chars(p, &next->runs[k])))
			return false;
	}
	pdf_tag_close(p, &pg->ops);
	if (!pdf_tag_open(p, &pg->ops, NULL, false, NULL) ||
	    !pdf_draw_run(p, pg, r, ln->y, n - 1, n))
		return false;
	pdf_tag_close(p, &pg->ops);
	return true;
}

/*
 * A line's runs, in marked content: its structure element's (an artifact's when none), a list
 * item's marker in its own, one sequence a line (text extraction runs the lines of one
 * together). A line ending with a hyphenated word (ts_run's word) draws the rest of it from
 * next, and *drawn tells the next call to leave that out.
 */
static bool
pdf_draw_line(struct pdf_state *p, struct pdf_page *pg, const struct ts_line *ln,
              const struct ts_line *next, bool *drawn)
{
	bool skip = *drawn;
	size_t r;

	*drawn = false;
	if (ln->nruns == 0)
		return true;
	pdf_text_begin(pg);
	for (r = 0; r < ln->nruns; r++) {
		const struct ts_run *run = &ln->runs[r];
		const struct ts_elem *el = run->elem != NULL ? run->elem : ln->elem;
		bool label = run->label && el != NULL, last = r + 1 == ln->nruns;
		size_t from = 0;

		if (!pdf_tag_open(p, &pg->ops, el, label, NULL))
			return false;
		if (skip && run->tail > 0) {
			pdf_split(p, run, false);
			from = pdf_tail_chars(p, run);
		} else {
			skip = false;
		}
		if (last && run->word != NULL && el != NULL && next != NULL && next->nruns > 0 &&
		    next->runs[0].tail > 0 && from <= pdf_word_start(p, run) &&
		    (next->runs[0].elem != NULL ? next->runs[0].elem : next->elem) == el) {
			if (!pdf_draw_word(p, pg, ln, next, el, from))
				return false;
			*drawn = true;
			continue; /* closed */
		}
		if (!pdf_draw_run(p, pg, run, ln->y, from, SIZE_MAX))
			return false;
		pdf_tag_close(p, &pg->ops);
	}
	return true;
}

static void
pdf_draw_rule(struct pdf_page *pg, const struct ts_rule *ru)
{
	long long lw = pdf_fixed(ru->width, 100);
	long long g = pdf_fixed(ru->gray < 0 ? 0 : ru->gray > 1 ? 1 : ru->gray, 1000);

	pdf_text_end(pg);
	if (lw != pg->lw) {
		pdf_op_num(&pg->ops, lw, 2, ' ');
		buf_puts(&pg->ops, "w\n");
		pg->lw = lw;
	}
	if (g != pg->stroke) {
		pdf_op_num(&pg->ops, g, 3, ' ');
		buf_puts(&pg->ops, "G\n");
		pg->stroke = g;
	}
	pdf_op_num(&pg->ops, pdf_fixed(ru->x0, 100), 2, ' ');
	pdf_op_num(&pg->ops, pdf_fixed(ru->y0, 100), 2, ' ');
	buf_puts(&pg->ops, "m ");
	pdf_op_num(&pg->ops, pdf_fixed(ru->x1, 100), 2, ' ');
	pdf_op_num(&pg->ops, pdf_fixed(ru->y1, 100), 2, ' ');
	buf_puts(&pg->ops, "l S\n");
}

/* ----- images ----------------------------------------------------------------------------- */

static void
pdf_image_error(struct pdf_state *p, const char *path, const char *why)
{
	diag_report(p->d, D_IMAGE, NULL, path, why);
	p->reported = true;
}

/* The image of path, loaded once. NULL when it cannot be used (reported). */
static HPDF_Image
pdf_image(struct pdf_state *p, const struct ts_image *im)
{
	HPDF_Image img = NULL;
	char *data = NULL;
	size_t len = 0, i;
	int e;

	for (i = 0; i < p->nimages; i++)
		if (strcmp(p->images[i].path, im->path) == 0)
			return p->images[i].img;
	if ((e = util_read_file_via(p->reader, im->path, PDF_IMAGE_MAX, &data, &len)) != 0) {
		if (e < 0)
			pdf_image_error(p, im->path, "file più grande di 64 MiB");
		else {
			diag_report(p->d, D_READ, NULL, im->path, util_strerror(e));
			p->reported = true;
		}
		return NULL;
	}
	if (im->kind == TS_IMAGE_PNG) {
		struct image_raster r;
		const char *why = image_png_decode((unsigned char *)data, len, &r);

		free(data);
		if (why != NULL) {
			pdf_image_error(p, im->path, why);
			return NULL;
		}
		img = HPDF_LoadRawImageFromMem(
		        p->doc, r.pix, r.w, r.h,
		        r.comps == 3 ? HPDF_CS_DEVICE_RGB : HPDF_CS_DEVICE_GRAY, 8);
		free(r.pix);
		if (!pdf_got(p, img))
			return NULL;
	} else {
		const char *cs;

		if (len < 3 || memcmp(data, "\xFF\xD8\xFF", 3) != 0)
			pdf_image_error(p, im->path, "non è un file JPEG");
		else if ((img = HPDF_LoadJpegImageFromMem(p->doc, (HPDF_BYTE *)data,
		                                          (HPDF_UINT)len)) == NULL)
			pdf_image_error(p, im->path,
			                "JPEG danneggiato o di un tipo non supportato");
		else if ((cs = HPDF_Image_GetColorSpace(img)) == NULL ||
		         HPDF_GetError(p->doc) != HPDF_OK || HPDF_Image_GetWidth(img) == 0 ||
		         HPDF_Image_GetHeight(img) == 0)
			pdf_image_error(p, im->path, "JPEG danneggiato");
		else if (strcmp(cs, "DeviceCMYK") == 0)
			pdf_image_error(
			        p, im->path,
			        "JPEG in CMYK: il PDF/A con profilo sRGB vuole RGB o grigi");
		else if (HPDF_Image_GetBitsPerComponent(img) != 8)
			pdf_image_error(p, im->path, "JPEG con campioni diversi da 8 bit");
		free(data);
		if (p->reported)
			return NULL;
	}
	p->images = xgrow(p->images, &p->capimages, p->nimages + 1, sizeof(*p->images));
	p->images[p->nimages].path = im->path;
	p->images[p->nimages++].img = img;
	return img;
}

static bool
pdf_draw_image(struct pdf_state *p, struct pdf_page *pg, const struct ts_image *im)
{
	HPDF_Image img = pdf_image(p, im);
	const char *name;

	if (img == NULL || !pdf_got(p, name = HPDF_Page_GetXObjectName(pg->page, img)))
		return false;
	pdf_text_end(pg);
	buf_puts(&pg->ops, "q ");
	pdf_op_num(&pg->ops, pdf_fixed(im->w, 100), 2, ' ');
	buf_puts(&pg->ops, "0 0 ");
	pdf_op_num(&pg->ops, pdf_fixed(im->h, 100), 2, ' ');
	pdf_op_num(&pg->ops, pdf_fixed(im->x, 100), 2, ' ');
	pdf_op_num(&pg->ops, pdf_fixed(im->y, 100), 2, ' ');
	buf_puts(&pg->ops, "cm /");
	buf_puts(&pg->ops, name);
	buf_puts(&pg->ops, " Do Q\n");
	return true;
}

/* ----- annotations, outline, metadata ----------------------------------------------------- */

/* A URI as PDF wants it: 7-bit ASCII, anything else percent-encoded. */
static char *
pdf_uri(const char *uri)
{
	struct buf b = {NULL, 0, 0};
	const unsigned char *s;

	for (s = (const unsigned char *)uri; *s; s++) {
		if (*s > 0x20 && *s < 0x7F)
			buf_putc(&b, *s);
		else
			buf_printf(&b, "%%%02X", *s);
	}
	return buf_detach(&b);
}

static bool
pdf_link(struct pdf_state *p, HPDF_Page page, const struct ts_link *ln)
{
	HPDF_Rect rc;
	HPDF_Annotation a;
	char *uri = pdf_uri(ln->uri);
	bool ok;

	if (strlen(uri) > HPDF_LIMIT_MAX_STRING_LEN ||
	    (strncasecmp(uri, "http:", 5) != 0 && strncasecmp(uri, "https:", 6) != 0 &&
	     strncasecmp(uri, "mailto:", 7) != 0)) {
		/* what else reaches here stays text: a #fragment (the PDF has no named
		 * destinations); markdown_normalize_safe has taken out every other link */
		free(uri);
		return true;
	}
	rc.left = (HPDF_REAL)(round(fmin(ln->x0, ln->x1) * 100) / 100);
	rc.right = (HPDF_REAL)(round(fmax(ln->x0, ln->x1) * 100) / 100);
	rc.bottom = (HPDF_REAL)(round(fmin(ln->y0, ln->y1) * 100) / 100);
	rc.top = (HPDF_REAL)(round(fmax(ln->y0, ln->y1) * 100) / 100);
	a = HPDF_Page_CreateURILinkAnnot(page, rc, uri);
	ok = pdf_got(p, a) && pdf_ok(p, HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0)) &&
	     pdf_ok(p, HPDF_Dict_AddNumber(a, "F", 4)) && /* print: PDF/A-1 6.5.3 */
	     pdf_tag_link(p, a, ln->elem);
	free(uri);
	return ok;
}

/*
 * A text string for the info dictionary or the outline: UTF-16BE with a byte order mark. libharu
 * refuses a string over 65,535 bytes (HPDF_LIMIT_MAX_STRING_LEN, also PDF/A-1's limit): a longer
 * text is cut after a whole character and ends with an ellipsis.
 */
HPDF_Binary
pdf_text_string(struct pdf_state *p, const char *s)
{
	size_t n = strlen(s), i = 0;
	unsigned char *u = xmalloc(2 + 4 * n + 2), *q = u;
	HPDF_Binary b;

	*q++ = 0xFE;
	*q++ = 0xFF;
	while (i < n) {
		uint32_t cp = text_utf8_next(s, n, &i); /* an invalid byte: PDF_REPLACE */

		if ((size_t)(q - u) + (cp > 0xFFFF ? 4 : 2) + 2 > HPDF_LIMIT_MAX_STRING_LEN) {
			*q++ = (unsigned char)(PDF_ELLIPSIS >> 8);
			*q++ = (unsigned char)PDF_ELLIPSIS;
			break;
		}
		if (cp > 0xFFFF) {
			uint32_t hi = 0xD800 + ((cp - 0x10000) >> 10), lo = 0xDC00 + (cp & 0x3FF);

			*q++ = (unsigned char)(hi >> 8);
			*q++ = (unsigned char)hi;
			cp = lo;
		}
		*q++ = (unsigned char)(cp >> 8);
		*q++ = (unsigned char)cp;
	}
	b = HPDF_Binary_New(p->doc->mmgr, u, (HPDF_UINT)(q - u));
	free(u);
	pdf_got(p, b);
	return b;
}

static bool
pdf_outline(struct pdf_state *p, const struct ts_doc *doc)
{
	HPDF_Outline last[PDF_LEVELS + 1] = {NULL};
	size_t pg, m;
	bool any = false;

	for (pg = 0; pg < doc->npages; pg++)
		for (m = 0; m < doc->pages[pg].nmarks; m++) {
			const struct ts_mark *mk = &doc->pages[pg].marks[m];
			int lv = mk->level < 1            ? 1
			         : mk->level > PDF_LEVELS ? PDF_LEVELS
			                                  : mk->level;
			HPDF_Outline parent = NULL, o;
			HPDF_Array dst;
			int k;

			for (k = lv - 1; k >= 1 && parent == NULL; k--)
				parent = last[k];
			o = HPDF_CreateOutline(p->doc, parent, "", NULL);
			if (!pdf_got(p, o) ||
			    !pdf_ok(p, HPDF_Dict_Add(o, "Title", pdf_text_string(p, mk->title))))
				return false;
			HPDF_Dict_RemoveElement(o, "Type"); /* /Outlines is for the root only */
			/* [page /XYZ null top null]: keep the reader's zoom and left edge
			 * (libharu's SetXYZ wants a zoom of 0.08 to 32). A direct array: libharu's
			 * destinations are indirect objects, which PDFBox Preflight refuses in
			 * /Dest ("can't convert to Destination"). */
			if (!pdf_got(p, dst = HPDF_Array_New(p->doc->mmgr)))
				return false;
			if (!pdf_ok(p, HPDF_Dict_Add(o, "Dest", dst)) ||
			    !pdf_ok(p, HPDF_Array_Add(dst, p->pages[pg])) ||
			    !pdf_ok(p, HPDF_Array_AddName(dst, "XYZ")) ||
			    !pdf_ok(p, HPDF_Array_Add(dst, HPDF_Null_New(p->doc->mmgr))) ||
			    !pdf_ok(p, HPDF_Array_AddNumber(dst, (HPDF_INT32)ceil(mk->y))) ||
			    !pdf_ok(p, HPDF_Array_Add(dst, HPDF_Null_New(p->doc->mmgr))) ||
			    !pdf_ok(p, HPDF_Outline_SetOpened(o, lv == 1)))
				return false;
			last[lv] = o;
			for (k = lv + 1; k <= PDF_LEVELS; k++)
				last[k] = NULL;
			any = true;
		}
	return !any || pdf_ok(p, HPDF_SetPageMode(p->doc, HPDF_PAGE_MODE_USE_OUTLINE));
}

/*
 * s as both the info dictionary and the XMP packet can hold it, the same in both (PDF/A-1 6.7.3
 * wants them equivalent): control characters (C0, DEL, C1) become spaces, and what XML 1.0
 * cannot carry (U+FFFE, U+FFFF, a byte that is not UTF-8) becomes U+FFFD. A text too long for
 * libharu's strings (65,535 bytes, as UTF-16 in the info dictionary and as escaped UTF-8 on the
 * way to the XMP: the subject of a sitting with hundreds of acts) is cut after a whole character
 * and ends with an ellipsis, the same in both. Malloc'd.
 */
static char *
pdf_meta_text(const char *s)
{
	struct buf b = {NULL, 0, 0};
	size_t n = strlen(s), i = 0, u16 = 2, xml = 0;

	while (i < n) {
		uint32_t cp = text_utf8_next(s, n, &i); /* an invalid byte: PDF_REPLACE */

		if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
			cp = ' ';
		} else if (cp == 0xFFFE || cp == 0xFFFF) {
			cp = PDF_REPLACE;
		}
		u16 += cp > 0xFFFF ? 4 : 2;
		xml += cp == '&'                ? 5
		       : cp == '<' || cp == '>' ? 4
		       : cp < 0x80              ? 1
		       : cp < 0x800             ? 2
		       : cp < 0x10000           ? 3
		                                : 4;
		if (u16 + 2 > HPDF_LIMIT_MAX_STRING_LEN || xml + 3 > HPDF_LIMIT_MAX_STRING_LEN) {
			text_utf8_put(&b, PDF_ELLIPSIS);
			break;
		}
		text_utf8_put(&b, cp);
	}
	return buf_detach(&b);
}

/* s, made by pdf_meta_text, escaped for XML character data. */
static char *
pdf_xml(const char *s)
{
	struct buf b = {NULL, 0, 0};

	for (; *s; s++) {
		switch (*s) {
		case '&': buf_puts(&b, "&amp;"); break;
		case '<': buf_puts(&b, "&lt;"); break;
		case '>': buf_puts(&b, "&gt;"); break;
		default: buf_putc(&b, *s);
		}
	}
	return buf_detach(&b);
}

/*
 * The info dictionary, the XMP packet written from it by HPDF_PDFA_SetPDFAConformance (after
 * an all-zero /ID, so that libharu does not make one from the clock), then the mends: /Subtype
 * of the metadata stream, UTF-16 info strings.
 */
static bool
pdf_metadata(struct pdf_state *p, const struct pdf_meta *meta)
{
	static const unsigned char zero[16] = {0};
	const struct {
		HPDF_InfoType type;
		const char *key, *value;
	} items[] = {
	        {HPDF_INFO_TITLE, "Title", meta->title},
	        {HPDF_INFO_AUTHOR, "Author", meta->author},
	        {HPDF_INFO_SUBJECT, "Subject", meta->subject},
	        {HPDF_INFO_KEYWORDS, "Keywords", meta->keywords},
	        {HPDF_INFO_CREATOR, "Creator", meta->creator},
	        {HPDF_INFO_PRODUCER, "Producer", "verbale"},
	};
	long long secs = meta->date < 0 ? 0 : meta->date > 253402300799 ? 253402300799 : meta->date;
	time_t t = (time_t)secs;
	struct tm tm;
	HPDF_Date date;
	HPDF_Array id;
	HPDF_Dict md;
	size_t i;

	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		char *v, *x;
		bool ok;

		if (items[i].value == NULL || items[i].value[0] == '\0')
			continue;
		v = pdf_meta_text(items[i].value);
		x = pdf_xml(v);
		ok = pdf_ok(p, HPDF_SetInfoAttr(p->doc, items[i].type, x));
		free(x);
		free(v);
		if (!ok)
			return false;
	}
	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	memset(&date, 0, sizeof(date));
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = '+'; /* libharu turns 'Z' into an XMP date it then refuses */
	if (!pdf_ok(p, HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date)) ||
	    !pdf_ok(p, HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_MOD_DATE, date)))
		return false;
	if (!pdf_got(p, id = HPDF_Array_New(p->doc->mmgr)) ||
	    !pdf_ok(p, HPDF_Dict_Add(p->doc->trailer, "ID", id)) ||
	    !pdf_ok(p, HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, (HPDF_BYTE *)zero, 16))) ||
	    !pdf_ok(p, HPDF_Array_Add(id, HPDF_Binary_New(p->doc->mmgr, (HPDF_BYTE *)zero, 16))))
		return false;
	if (!pdf_ok(p, HPDF_PDFA_SetPDFAConformance(p->doc, p->tags ? HPDF_PDFA_1A : HPDF_PDFA_1B)))
		return false;
	md = HPDF_Dict_GetItem(p->doc->catalog, "Metadata", HPDF_OCLASS_DICT);
	if (!pdf_got(p, md))
		return false;
	HPDF_Dict_RemoveElement(md, "SubType");
	if (!pdf_ok(p, HPDF_Dict_AddName(md, "Subtype", "XML")))
		return false;
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		char *v;
		bool ok;

		if (items[i].value == NULL || items[i].value[0] == '\0')
			continue;
		v = pdf_meta_text(items[i].value);
		ok = pdf_ok(p, HPDF_Dict_Add(p->doc->info, items[i].key, pdf_text_string(p, v)));
		free(v);
		if (!ok)
			return false;
	}
	return true;
}

/* The sRGB output intent PDF/A-1 wants, with the profile read from path. */
static bool
pdf_output_intent(struct pdf_state *p, const char *icc, size_t len)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict profile, intent;
	HPDF_Array intents;
	HPDF_STATUS ret = HPDF_OK;
	const char *name = "sRGB IEC61966-2.1";

	if (!(profile = pdf_stream(p, icc, len)) ||
	    !pdf_ok(p, HPDF_Dict_AddNumber(profile, "N", 3)) ||
	    !pdf_got(p, intent = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, intent)))
		return false;
	ret += HPDF_Dict_AddName(intent, "Type", "OutputIntent");
	ret += HPDF_Dict_AddName(intent, "S", "GTS_PDFA1");
	ret += HPDF_Dict_Add(intent, "OutputConditionIdentifier", HPDF_String_New(mm, name, NULL));
	ret += HPDF_Dict_Add(intent, "RegistryName",
	                     HPDF_String_New(mm, "http://www.color.org", NULL));
	ret += HPDF_Dict_Add(intent, "Info", HPDF_String_New(mm, name, NULL));
	ret += HPDF_Dict_Add(intent, "DestOutputProfile", profile);
	return pdf_ok(p, ret) && pdf_got(p, intents = HPDF_Array_New(mm)) &&
	       pdf_ok(p, HPDF_Array_Add(intents, intent)) &&
	       pdf_ok(p, HPDF_Dict_Add(p->doc->catalog, "OutputIntents", intents));
}

/* Read an ICC profile; an RGB one is needed (N 3). */
static char *
pdf_read_icc(struct pdf_state *p, const char *path, size_t *len)
{
	char *data = NULL;
	int e;

	if (path == NULL)
		path = "";
	if ((e = util_read_file_via(p->reader, path, PDF_ICC_MAX, &data, len)) != 0) {
		diag_report(p->d, D_READ, NULL, path,
		            e > 0 ? util_strerror(e) : "file troppo grande");
		return NULL;
	}
	if (*len < 128 || memcmp(data + 36, "acsp", 4) != 0 || memcmp(data + 16, "RGB ", 4) != 0) {
		diag_report(p->d, D_READ, NULL, path, "non è un profilo ICC RGB");
		free(data);
		return NULL;
	}
	return data;
}

/* Save, copy out, and put the MD5 of the file in place of the all-zero /ID. */
static bool
pdf_save(struct pdf_state *p, struct buf *out)
{
	static const char zero[] = "<00000000000000000000000000000000>";
	HPDF_UINT32 size, got;
	HPDF_MD5_CTX md5;
	HPDF_BYTE digest[16];
	unsigned char *data;
	char *tr = NULL, *q;
	size_t i, k;

	if (!pdf_ok(p, HPDF_SaveToStream(p->doc)) || !pdf_ok(p, HPDF_ResetStream(p->doc)))
		return false;
	size = got = HPDF_GetStreamSize(p->doc);
	data = xmalloc(size ? size : 1);
	if (size == 0 || !pdf_ok(p, HPDF_ReadFromStream(p->doc, data, &got)) || got != size) {
		pdf_ok(p, HPDF_INVALID_STREAM);
		free(data);
		return false;
	}
	for (i = size; i >= 7 && tr == NULL; i--)
		if (memcmp(data + i - 7, "trailer", 7) == 0)
			tr = (char *)data + i - 7;
	HPDF_MD5Init(&md5);
	HPDF_MD5Update(&md5, data, size);
	HPDF_MD5Final(digest, &md5);
	for (k = 0; tr != NULL && k < 2; k++) {
		size_t left = size - (size_t)(tr - (char *)data);

		for (q = tr; q + sizeof(zero) - 1 <= tr + left; q++)
			if (memcmp(q, zero, sizeof(zero) - 1) == 0)
				break;
		if (q + sizeof(zero) - 1 > tr + left)
			break;
		for (i = 0; i < 16; i++) {
			static const char hex[] = "0123456789ABCDEF";

			q[1 + 2 * i] = hex[digest[i] >> 4];
			q[2 + 2 * i] = hex[digest[i] & 15];
		}
		tr = q + sizeof(zero) - 1;
	}
	buf_add(out, data, size);
	free(data);
	return true;
}

static void
pdf_clear(struct pdf_state *p)
{
	int fc;

	HPDF_Free(p->doc);
	for (fc = 0; fc < FACE_MAX; fc++) {
		free(p->face[fc].cps);
		free(p->face[fc].sub);
		free(p->face[fc].cidset);
		free(p->face[fc].cids);
	}
	free(p->chars);
	for (fc = 0; fc < FACE_MAX; fc++)
		free(p->adv[fc]);
	free(p->scratch);
	free(p->images);
	free(p->pages);
	free(p->widgets);
	free(p->widget_pages);
}

bool
pdf_write(const struct ts_doc *doc, const struct fonts *f, const struct pdf_meta *meta,
          const struct util_reader *reader, struct buf *out, struct diags *d)
{
	struct pdf_state p;
	struct pdf_page pg;
	char *icc = NULL;
	size_t icclen = 0, n, i, l;
	bool drawn = false;
	bool ok = false;

	memset(&p, 0, sizeof(p));
	memset(&pg, 0, sizeof(pg));
	p.f = f;
	p.reader = reader;
	p.d = d;
	if ((icc = pdf_read_icc(&p, meta->icc_path, &icclen)) == NULL)
		return false;
	p.doc = HPDF_New(pdf_on_error, &p);
	if (!pdf_got(&p, p.doc) || !pdf_ok(&p, HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL)))
		goto out;
	pdf_collect(&p, doc);
	if (!pdf_load_fonts(&p))
		goto out;

	n = doc->npages > 0 ? doc->npages : 1;
	if (!pdf_tag_begin(&p, doc, n))
		goto out;
	p.pages = xcalloc(n, sizeof(*p.pages));
	for (i = 0; i < n; i++) {
		const struct ts_page *tp = doc->npages > 0 ? &doc->pages[i] : NULL;
		double w = tp && tp->width > 0 ? tp->width : 595.276;
		double h = tp && tp->height > 0 ? tp->height : 841.89;

		if (!pdf_got(&p, p.pages[i] = HPDF_AddPage(p.doc)) ||
		    !pdf_ok(&p, HPDF_Page_SetWidth(p.pages[i], (HPDF_REAL)w)) ||
		    !pdf_ok(&p, HPDF_Page_SetHeight(p.pages[i], (HPDF_REAL)h)) ||
		    !pdf_tag_page(&p, i, p.pages[i]))
			goto out;
		if (tp == NULL)
			continue;
		buf_free(&pg.ops);
		memset(&pg, 0, sizeof(pg));
		pg.page = p.pages[i];
		pg.lw = 100;
		for (l = 0; l < tp->nimages; l++)
			if (!pdf_tag_open(&p, &pg.ops, tp->images[l].elem, false, NULL) ||
			    !pdf_draw_image(&p, &pg, &tp->images[l]))
				goto out;
			else
				pdf_tag_close(&p, &pg.ops);
		if (tp->nrules > 0)
			pdf_tag_open(&p, &pg.ops, NULL, false, NULL);
		for (l = 0; l < tp->nrules; l++)
			pdf_draw_rule(&pg, &tp->rules[l]);
		if (tp->nrules > 0)
			pdf_tag_close(&p, &pg.ops);
		for (l = 0; l < tp->nlines; l++)
			if (!pdf_draw_line(&p, &pg, &tp->lines[l],
			                   l + 1 < tp->nlines ? &tp->lines[l + 1] : NULL, &drawn))
				goto out;
		drawn = false;
		pdf_text_end(&pg);
		if (pg.ops.len > 0 &&
		    !pdf_ok(&p, HPDF_Stream_Write(((HPDF_PageAttr)pg.page->attr)->stream,
		                                  (HPDF_BYTE *)pg.ops.data, (HPDF_UINT)pg.ops.len)))
			goto out;
		for (l = 0; l < tp->nlinks; l++)
			if (!pdf_link(&p, pg.page, &tp->links[l]))
				goto out;
	}
	if (!meta->copy && !pdf_sign_fields(&p, doc)) /* a copy is never signed */
		goto out;
	for (i = 0; i < p.nwidgets; i++) /* each a Form element of the structure */
		if (!pdf_tag_form(&p, p.widgets[i], p.pages[p.widget_pages[i]]))
			goto out;
	ok = pdf_tag_end(&p) && pdf_outline(&p, doc) && pdf_describe_fonts(&p) &&
	     pdf_metadata(&p, meta) && pdf_output_intent(&p, icc, icclen) &&
	     pdf_embed_files(&p, meta->embed, meta->date) && pdf_save(&p, out);
out:
	if (!ok && !p.reported)
		diag_report(d, D_PDF, NULL, (unsigned long)p.err, (unsigned long)p.detail);
	buf_free(&pg.ops);
	free(icc);
	pdf_tag_free(&p);
	pdf_clear(&p);
	return ok;
}
