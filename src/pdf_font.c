/*
 * pdf_font.c: the fonts of the PDF (see pdf.c for the whole picture). Each face the pages use
 * is cut down by fonts_subset to the code points the document draws with it, loaded from
 * memory (HPDF_MemStream_New + HPDF_TTFontDef_Load, registered under a private name) and
 * embedded as it is: its FontDescriptor and /FontFile2 are made here before saving, so
 * libharu's own partial subsetting never runs. Characters in CP1252 go through the face's
 * single-byte instance (/WinAnsiEncoding); a word with a character outside CP1252 through
 * its Type0 instance (Identity-H, CID = code point), built here.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_private.h"
#include "text.h"

/* CP1252 bytes 0x80..0x9F (0 where the code page has none); 0x20..0x7E and 0xA0..0xFF are the
 * code points themselves. */
static const uint16_t pdf_cp1252_high[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The CP1252 byte of cp, or 0. U+007F is left out: WinAnsiEncoding has nothing there. */
static unsigned char
pdf_cp1252(uint32_t cp)
{
	unsigned i;

	if ((cp >= 0x20 && cp < 0x7F) || (cp >= 0xA0 && cp <= 0xFF))
		return (unsigned char)cp;
	if (cp >= 0x152 && cp <= 0x2122)
		for (i = 0; i < 32; i++)
			if (pdf_cp1252_high[i] == cp)
				return (unsigned char)(0x80 + i);
	return 0;
}

/* Add cp to a set of code points: an array, with a bitmap to skip the common repeats (the
 * others go when the set is sorted, by pdf_set_sort). */
static void
pdf_set_add(uint32_t **v, size_t *n, size_t *cap, unsigned char *seen, uint32_t cp)
{
	if (cp < PDF_SEEN) {
		if (seen[cp / 8] & (1u << (cp % 8)))
			return;
		seen[cp / 8] |= (unsigned char)(1u << (cp % 8));
	}
	*v = xgrow(*v, cap, *n + 1, sizeof(**v));
	(*v)[(*n)++] = cp;
}

static void
pdf_face_add(struct pdf_face *pf, uint32_t cp)
{
	pdf_set_add(&pf->cps, &pf->ncps, &pf->cap, pf->seen, cp);
}

/* A code point the Type0 instance draws: in the subset, and among its CIDs. */
static void
pdf_face_add_cid(struct pdf_face *pf, uint32_t cp)
{
	pf->cid = true;
	pdf_face_add(pf, cp);
	pdf_set_add(&pf->cids, &pf->ncids, &pf->capcids, pf->cidseen, cp);
}

/* The advance of one character of r as the typesetter measured it, in points. */
static double
pdf_advance(struct pdf_state *p, const struct ts_run *r, const struct pdf_char *c)
{
	double a;

	if (c->cp == 0x20)
		return r->space;
	if (r->missing) {
		a = fonts_advance(p->f, FACE_FALLBACK2, PDF_REPLACE);
	} else if (c->cp < 0x100) { /* the same figures, from a table */
		if (p->adv[r->face] == NULL) {
			uint32_t cp;

			p->adv[r->face] = xcalloc(0x100, sizeof(double));
			for (cp = 0; cp < 0x100; cp++)
				p->adv[r->face][cp] = fonts_advance(p->f, r->face, cp);
		}
		a = p->adv[r->face][c->cp];
	} else {
		a = fonts_advance(p->f, r->face, c->cp);
	}
	return a * r->size / 1000;
}

/* c's class and CP1252 byte, in a run that has its glyphs: a space is single-byte until
 * pdf_split gives it its neighbours' class. */
static void
pdf_class_of(struct pdf_char *c)
{
	uint32_t cp = c->cp;

	if (cp - 0x20 < 0x5F || (cp >= 0xA0 && cp <= 0xFF)) { /* U+0020..U+007E, Latin-1 */
		c->cls = PDF_SB;
		c->byte = (unsigned char)cp;
	} else if (cp < 0x100 || cp > 0xFFFF) { /* controls; beyond the two-byte CIDs */
		c->cls = PDF_REPL;
		c->byte = 0;
	} else if ((c->byte = pdf_cp1252(cp)) != 0) {
		c->cls = PDF_SB;
	} else {
		c->cls = PDF_CID;
	}
}

/* Whether c is a space of a run that has its glyphs (a missing run's spaces are PDF_REPL). */
static bool
pdf_is_space(const struct pdf_char *c)
{
	return c->cp == 0x20 && c->byte == 0x20;
}

/*
 * Spaces take their neighbours' class when both sides agree (a space between two CID words
 * is not drawn, only skipped), and are single-byte otherwise; a word with a CID character is
 * drawn whole by the Type0 instance: fewer font switches than alternating instances letter by
 * letter. Only for a run with a character that is not single-byte.
 */
static void
pdf_split_mixed(struct pdf_state *p)
{
	size_t k, j;

	for (k = 0; k < p->nchars; k = j + 1) {
		bool cid = false;

		for (j = k; j < p->nchars && !pdf_is_space(&p->chars[j]); j++)
			cid = cid || p->chars[j].cls == PDF_CID;
		for (; cid && k < j; k++)
			if (p->chars[k].cls == PDF_SB)
				p->chars[k].cls = PDF_CID;
	}
	for (k = 0; k < p->nchars; k = j) {
		int before, after, cls;

		if (!pdf_is_space(&p->chars[k])) {
			j = k + 1;
			continue;
		}
		for (j = k; j < p->nchars && pdf_is_space(&p->chars[j]); j++)
			;
		before = k > 0 ? p->chars[k - 1].cls : -1;
		after = j < p->nchars ? p->chars[j].cls : -1;
		if (before == PDF_SB || after == PDF_SB)
			cls = PDF_SB;
		else if (before >= 0)
			cls = before;
		else
			cls = after >= 0 ? after : PDF_SB;
		for (; k < j; k++)
			p->chars[k].cls = (unsigned char)cls;
	}
}

/*
 * Decode run->text into p->chars with the class of each character (pdf_split_mixed for the
 * spaces and the words with a CID character). The run split last is kept: splitting it again
 * (drawing a line asks several times) costs nothing.
 */
void
pdf_split(struct pdf_state *p, const struct ts_run *r, bool measure)
{
	const char *s = r->text;
	size_t n, i = 0, m = 0;
	bool kerned = r->kern != NULL && !r->missing, mixed = false;

	if (p->split_run == r && (p->split_measured || !measure))
		return;
	n = strlen(s);
	p->chars = xgrow(p->chars, &p->capchars, n, sizeof(*p->chars));
	while (i < n) {
		struct pdf_char *c = &p->chars[m];
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80) { /* ASCII: nothing to decode */
			c->cp = b;
			i++;
		} else {
			c->cp = text_utf8_next(s, n, &i); /* an invalid byte: PDF_REPLACE */
		}
		c->kern = kerned ? (float)r->kern[m] : 0;
		if (r->missing) {
			c->cls = PDF_REPL;
			c->byte = 0;
		} else {
			pdf_class_of(c);
			mixed = mixed || c->cls != PDF_SB;
		}
		c->adv = measure ? (float)(pdf_advance(p, r, c) + c->kern * r->size / 1000) : 0;
		m++;
	}
	p->nchars = m;
	if (mixed)
		pdf_split_mixed(p);
	p->split_run = r;
	p->split_measured = measure;
}

/* Gather, for each face, the code points the pages draw with it. (The typesetter, which
 * decides that a run is missing, warns about its characters.) */
void
pdf_collect(struct pdf_state *p, const struct ts_doc *doc)
{
	size_t pg, l, r, i;

	for (pg = 0; pg < doc->npages; pg++)
		for (l = 0; l < doc->pages[pg].nlines; l++)
			for (r = 0; r < doc->pages[pg].lines[l].nruns; r++) {
				const struct ts_run *run = &doc->pages[pg].lines[l].runs[r];
				struct pdf_face *pf = &p->face[run->face];

				pdf_split(p, run, false);
				for (i = 0; i < p->nchars; i++) {
					const struct pdf_char *c = &p->chars[i];

					if (c->cls == PDF_SB) {
						pf->sb = true;
						pdf_face_add(pf, c->cp);
					} else if (c->cls == PDF_CID) {
						if (c->cp != 0x20)
							pdf_face_add_cid(pf, c->cp);
					} else if (c->cp != 0x20) {
						pdf_face_add_cid(&p->face[FACE_FALLBACK2],
						                 PDF_REPLACE);
					}
				}
			}
}

static int
pdf_cmp_cp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* Sort a set of code points and drop its repeats. */
static void
pdf_set_sort(uint32_t *v, size_t *n)
{
	size_t i, m = 0;

	util_sort(v, *n, sizeof(*v), pdf_cmp_cp);
	for (i = 0; i < *n; i++)
		if (m == 0 || v[i] != v[m - 1])
			v[m++] = v[i];
	*n = m;
}

/* A six-letter subset tag from the face and its code points: stable across runs. */
static void
pdf_tag(const struct pdf_face *pf, int face, char tag[7])
{
	unsigned long long h = util_hash_value(UTIL_HASH_INIT, (unsigned long long)face);
	size_t i;

	for (i = 0; i < pf->ncps; i++)
		h = util_hash_value(h, pf->cps[i]);
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h /= 26;
	}
	tag[6] = '\0';
}

/* A ToUnicode CMap: code codes[i] (1 or 2 bytes) is the BMP character cps[i], i < m. */
static void
pdf_cmap(struct buf *cm, unsigned bytes, const uint32_t *codes, const uint32_t *cps, size_t m)
{
	size_t i, block = 0;

	buf_puts(cm, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	             "/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n"
	             "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
	buf_puts(cm, bytes == 1 ? "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
	                        : "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (i = 0; i < m; i++) {
		if (block == 0) {
			block = m - i < 100 ? m - i : 100;
			buf_printf(cm, "%zu beginbfchar\n", block);
		}
		buf_putc(cm, '<');
		if (bytes == 1)
			buf_printf(cm, "%02X", codes[i]);
		else
			pdf_hex4(cm, codes[i]);
		buf_puts(cm, "> <");
		pdf_hex4(cm, cps[i]);
		buf_puts(cm, ">\n");
		if (--block == 0)
			buf_puts(cm, "endbfchar\n");
	}
	buf_puts(cm, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/*
 * The Type0 instance of a face, built here rather than by libharu (whose UTF-8 fonts walk all
 * 65,536 code points when created, and come out with a CIDToGIDMap and /W one short of the
 * highest code point, a ToUnicode CMap made of begincidrange, Ordering (Identity-H) and no
 * /CIDSet): Identity-H, CID = code point, for just the code points it draws.
 */
static bool
pdf_cid_font(struct pdf_state *p, struct pdf_face *pf, enum face face)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_TTFontDefAttr da = (HPDF_TTFontDefAttr)pf->def->attr;
	HPDF_Array w = NULL, group = NULL, desc;
	HPDF_Dict info, map, uni;
	HPDF_STATUS ret = HPDF_OK;
	struct buf cm = {NULL, 0, 0};
	unsigned char *bytes;
	uint32_t prev = 0;
	size_t i, maxcid;
	bool ok = false, w_owned = false;

	pdf_set_sort(pf->cids, &pf->ncids);
	maxcid = pf->cids[pf->ncids - 1];
	bytes = xcalloc(maxcid + 1, 2);
	pf->cidsetlen = maxcid / 8 + 1;
	pf->cidset = xcalloc(pf->cidsetlen, 1);
	pf->cidset[0] = 0x80; /* CID 0, .notdef */
	if (!pdf_got(p, w = HPDF_Array_New(mm)))
		goto out;
	for (i = 0; i < pf->ncids; i++) {
		uint32_t c = pf->cids[i];
		HPDF_UINT16 gid = HPDF_TTFontDef_GetGlyphid(pf->def, (HPDF_UINT16)c);

		bytes[2 * c] = (unsigned char)(gid >> 8);
		bytes[2 * c + 1] = (unsigned char)gid;
		if (gid != 0)
			pf->cidset[c / 8] |= (unsigned char)(0x80 >> (c % 8));
		if (group == NULL || c != prev + 1) {
			if (!pdf_ok(p, HPDF_Array_AddNumber(w, (HPDF_INT32)c)) ||
			    !pdf_got(p, group = HPDF_Array_New(mm)) ||
			    !pdf_ok(p, HPDF_Array_Add(w, group)))
				goto out;
		}
		if (!pdf_ok(p, HPDF_Array_AddNumber(
		                       group, (HPDF_INT32)lround(fonts_advance(p->f, face, c)))))
			goto out;
		prev = c;
	}
	pdf_cmap(&cm, 2, pf->cids, pf->cids, pf->ncids);
	if (!(map = pdf_stream(p, bytes, (maxcid + 1) * 2)) ||
	    !(uni = pdf_stream(p, cm.data, cm.len)) ||
	    !pdf_got(p, pf->descendant = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, pf->descendant)) ||
	    !pdf_got(p, pf->cidfont = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, pf->cidfont)) ||
	    !pdf_got(p, info = HPDF_Dict_New(mm)) || !pdf_got(p, desc = HPDF_Array_New(mm)))
		goto out;
	ret += HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL));
	ret += HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL));
	ret += HPDF_Dict_AddNumber(info, "Supplement", 0);
	ret += HPDF_Dict_AddName(pf->descendant, "Type", "Font");
	ret += HPDF_Dict_AddName(pf->descendant, "Subtype", "CIDFontType2");
	ret += HPDF_Dict_AddName(pf->descendant, "BaseFont", da->base_font);
	ret += HPDF_Dict_Add(pf->descendant, "CIDSystemInfo", info);
	w_owned = true; /* by the dictionary, or freed by libharu if it cannot take it */
	ret += HPDF_Dict_Add(pf->descendant, "W", w);
	ret += HPDF_Dict_Add(pf->descendant, "CIDToGIDMap", map);
	ret += HPDF_Dict_AddName(pf->cidfont, "Type", "Font");
	ret += HPDF_Dict_AddName(pf->cidfont, "Subtype", "Type0");
	ret += HPDF_Dict_AddName(pf->cidfont, "BaseFont", da->base_font);
	ret += HPDF_Dict_AddName(pf->cidfont, "Encoding", "Identity-H");
	ret += HPDF_Array_Add(desc, pf->descendant);
	ret += HPDF_Dict_Add(pf->cidfont, "DescendantFonts", desc);
	ret += HPDF_Dict_Add(pf->cidfont, "ToUnicode", uni);
	ok = pdf_ok(p, ret);
out:
	if (!w_owned && w != NULL)
		HPDF_Array_Free(w);
	buf_free(&cm);
	free(bytes);
	return ok;
}

/*
 * The /Widths of a single-byte instance, rounded from the typesetter's advances: libharu
 * truncates its own (always short by up to 1/1000 em a glyph) and fills them in as text is
 * shown, which is no longer done through it.
 */
static void
pdf_widths(struct pdf_state *p, struct pdf_face *pf, enum face face)
{
	HPDF_FontAttr fa = (HPDF_FontAttr)pf->sbfont->attr;
	size_t i;

	for (i = 0; i < pf->ncps; i++) {
		unsigned char b = pdf_cp1252(pf->cps[i]);

		if (b == 0)
			continue;
		pf->widths[b] = (HPDF_INT16)lround(fonts_advance(p->f, face, pf->cps[i]));
		fa->widths[b] = pf->widths[b];
		fa->used[b] = 1;
	}
}

static bool
pdf_seen(const struct pdf_face *pf, uint32_t cp)
{
	return (pf->seen[cp / 8] >> (cp % 8)) & 1;
}

/*
 * WinAnsiEncoding names byte 0xA0 "space" and 0xAD "hyphen", so readers extract U+0020 and
 * U+002D for them (and draw those glyphs). When the text has U+00A0 or U+00AD, a ToUnicode
 * CMap of every code used keeps extraction exact.
 */
static bool
pdf_sb_unicode(struct pdf_state *p, const struct pdf_face *pf)
{
	struct buf cm = {NULL, 0, 0};
	uint32_t codes[256], cps[256];
	size_t i, m = 0;
	HPDF_Dict s;

	if (!pdf_seen(pf, 0xA0) && !pdf_seen(pf, 0xAD))
		return true;
	for (i = 0; i < pf->ncps; i++) {
		unsigned char b = pdf_cp1252(pf->cps[i]);

		if (b != 0) {
			codes[m] = b;
			cps[m++] = pf->cps[i];
		}
	}
	pdf_cmap(&cm, 1, codes, cps, m);
	s = pdf_stream(p, cm.data, cm.len);
	buf_free(&cm);
	return s != NULL && pdf_ok(p, HPDF_Dict_Add(pf->sbfont, "ToUnicode", s));
}

/* Subset, load and instantiate every face the pages use. */
bool
pdf_load_fonts(struct pdf_state *p)
{
	int fc;

	for (fc = 0; fc < FACE_MAX; fc++) {
		struct pdf_face *pf = &p->face[fc];
		HPDF_Stream s;
		char tag[7], key[32], *comma;

		if (pf->ncps == 0)
			continue;
		if (pf->sb)
			pdf_face_add(pf, 0x20); /* the space Tw widens, and the glyph of 0xA0 */
		if (pf->sb && pdf_seen(pf, 0xAD))
			pdf_face_add(pf, 0x2D); /* the glyph of 0xAD (see pdf_sb_unicode) */
		pdf_set_sort(pf->cps, &pf->ncps);
		pf->sub = fonts_subset(p->f, (enum face)fc, pf->cps, pf->ncps, &pf->sublen);
		if (pf->sub == NULL) {
			diag_report(p->d, D_READ, NULL, fonts_path(p->f, (enum face)fc),
			            "il sottoinsieme del carattere non si può creare");
			p->reported = true;
			return false;
		}
		s = HPDF_MemStream_New(p->doc->mmgr, (HPDF_UINT)pf->sublen);
		if (!pdf_got(p, s) ||
		    !pdf_ok(p, HPDF_Stream_Write(s, pf->sub, (HPDF_UINT)pf->sublen)))
			return false;
		/* The fontdef owns s from here, also when loading fails. */
		pf->def = HPDF_TTFontDef_Load(p->doc->mmgr, s, HPDF_TRUE);
		if (pf->def == NULL) {
			HPDF_ResetError(p->doc);
			p->err = HPDF_OK;
			diag_report(p->d, D_READ, NULL, fonts_path(p->f, (enum face)fc),
			            "libharu non riesce a leggere il sottoinsieme del carattere");
			p->reported = true;
			return false;
		}
		pdf_tag(pf, fc, tag);
		HPDF_TTFontDef_SetTagName(pf->def, tag);
		/* libharu appends ",Bold", ",Italic" or the style name: the embedded font's
		 * PostScript name is what /BaseFont and /FontName must say. */
		if ((comma = strchr(((HPDF_TTFontDefAttr)pf->def->attr)->base_font, ',')) != NULL)
			*comma = '\0';
		/* libharu finds fontdefs by this name: make it unique, in case two faces share
		 * a PostScript name. The PDF shows the tagged name kept in the fontdef's attr. */
		snprintf(key, sizeof(key), "verbale-face-%d", fc);
		memcpy(pf->def->base_font, key, strlen(key) + 1);
		if (!pdf_ok(p, HPDF_Doc_RegisterFontDef(p->doc, pf->def))) {
			pf->def = NULL; /* freed by libharu */
			return false;
		}
		if (pf->sb && !pdf_got(p, pf->sbfont = HPDF_GetFont(p->doc, key, "CP1252")))
			return false;
		if (pf->sb && (pdf_widths(p, pf, (enum face)fc), !pdf_sb_unicode(p, pf)))
			return false;
		if (pf->cid && !pdf_cid_font(p, pf, (enum face)fc))
			return false;
		if (pf->sb) {
			/* CP1252 = WinAnsiEncoding but for byte 127, which pdf_cp1252 never
			 * gives: write /Encoding /WinAnsiEncoding, not a /Differences dict. */
			HPDF_Encoder enc = HPDF_GetEncoder(p->doc, "CP1252");

			if (!pdf_got(p, enc))
				return false;
			((HPDF_BasicEncoderAttr)enc->attr)->has_differences = HPDF_FALSE;
		}
	}
	return true;
}

/* The font descriptor of each face, made before libharu would make its own at save time, with
 * the subset as /FontFile2 and the /CIDSet of its Type0 instance. */
bool
pdf_describe_fonts(struct pdf_state *p)
{
	HPDF_MMgr mm = p->doc->mmgr;
	int fc;

	for (fc = 0; fc < FACE_MAX; fc++) {
		struct pdf_face *pf = &p->face[fc];
		HPDF_TTFontDefAttr da;
		HPDF_FontDef def = pf->def;
		HPDF_Dict desc, file, set;
		HPDF_STATUS ret = HPDF_OK;
		int cap;

		if (def == NULL)
			continue;
		da = (HPDF_TTFontDefAttr)def->attr;
		if (!pdf_got(p, desc = HPDF_Dict_New(mm)) ||
		    !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, desc)))
			return false;
		cap = def->cap_height > 0 ? def->cap_height : def->ascent * 7 / 10;
		ret += HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
		ret += HPDF_Dict_AddName(desc, "FontName", da->base_font);
		/* Non-symbolic (32): the simple instances use WinAnsiEncoding. */
		ret += HPDF_Dict_AddNumber(desc, "Flags", (HPDF_INT32)((def->flags & ~4u) | 32u));
		ret += HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(mm, def->font_bbox));
		ret += HPDF_Dict_AddNumber(desc, "ItalicAngle", def->italic_angle);
		ret += HPDF_Dict_AddNumber(desc, "Ascent", def->ascent);
		ret += HPDF_Dict_AddNumber(desc, "Descent", def->descent);
		ret += HPDF_Dict_AddNumber(desc, "CapHeight", cap);
		ret += HPDF_Dict_AddNumber(desc, "StemV", def->stemv);
		if (!pdf_ok(p, ret) || !(file = pdf_stream(p, pf->sub, pf->sublen)) ||
		    !pdf_ok(p, HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)pf->sublen)) ||
		    !pdf_ok(p, HPDF_Dict_Add(desc, "FontFile2", file)))
			return false;
		if (pf->cidset != NULL && (!(set = pdf_stream(p, pf->cidset, pf->cidsetlen)) ||
		                           !pdf_ok(p, HPDF_Dict_Add(desc, "CIDSet", set))))
			return false;
		if (pf->descendant != NULL &&
		    !pdf_ok(p, HPDF_Dict_Add(pf->descendant, "FontDescriptor", desc)))
			return false;
		def->descriptor = desc;
	}
	return true;
}
