/*
 * pdf_sign.c: the empty signature fields of the PDF stage, one for each signer, in the room left
 * to sign above each signature's line (ts_doc's signs): a /FT /Sig field merged with its widget
 * annotation (printed, with an empty appearance of the box's size, as PDF/A-1 asks), listed in
 * the catalogue's /AcroForm. Nothing locks a field nor fixes how it is signed: any signing
 * software (adbe.pkcs7.detached or PAdES) fills it.
 *
 * /AcroForm has /SigFlags 1 (SignaturesExist: "the document contains at least one signature
 * field", PDF 1.4, 8.6.1), true before signing and after; not AppendOnly (2), which the signing
 * software sets. Debian's pdfsig needs neither, and keeps it as it is; PDF/A-1 only forbids
 * /NeedAppearances true, absent here: every widget has its appearance.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pdf_private.h"

/* The longest name, before its "-2" (a qualifica is a few words). */
enum { SIGN_NAME_MAX = 120 };

/* The ASCII letters for a Latin-1 letter (U+00C0..U+00FF), "" for the rest (× ÷). */
static const char *const latin1[64] = {
        "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",
        "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",
};

/* The code point at *s (advancing it); U+FFFD for a malformed byte. */
static unsigned
next_cp(const char **s)
{
	const unsigned char *u = (const unsigned char *)*s;
	unsigned cp, n, i;

	if (u[0] < 0x80) {
		*s += 1;
		return u[0];
	}
	n = u[0] >= 0xF0 ? 3 : u[0] >= 0xE0 ? 2 : u[0] >= 0xC0 ? 1 : 0;
	cp = u[0] & (0x3F >> n);
	for (i = 1; i <= n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*s += i;
			return 0xFFFD;
		}
		cp = cp << 6 | (u[i] & 0x3F);
	}
	*s += n + 1;
	return n == 0 ? 0xFFFD : cp;
}

/* s without its leading article (Il, La, Lo, L', I, Gli, Le; any case), when more follows. */
static const char *
skip_article(const char *s)
{
	static const char *const art[] = {"il ",  "la ", "lo ", "i ",
	                                  "gli ", "le ", "l'",  "l\xE2\x80\x99"};
	size_t k, n;

	while (*s == ' ')
		s++;
	for (k = 0; k < sizeof(art) / sizeof(art[0]); k++) {
		const char *r;

		n = strlen(art[k]);
		if (strncasecmp(s, art[k], n) != 0)
			continue;
		for (r = s + n; *r == ' '; r++)
			;
		if (*r != '\0')
			return r;
	}
	return s;
}

char *
pdf_sign_name(const char *qualifica, const char *const *taken, size_t ntaken)
{
	struct buf b = {0};
	const char *s = skip_article(qualifica ? qualifica : "");
	size_t base, k;
	unsigned n;

	buf_puts(&b, "Firma");
	base = b.len;
	while (*s != '\0') {
		unsigned cp = next_cp(&s);
		const char *ascii = NULL;
		char c[2] = {0, 0};

		if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= 'a' && cp <= 'z')) {
			c[0] = (char)cp;
			ascii = c;
		} else if (cp >= 0xC0 && cp <= 0xFF) {
			ascii = latin1[cp - 0xC0];
		} else if (cp == '.') {
			continue; /* no dots: "f.f." is "ff" */
		}
		if (ascii == NULL || ascii[0] == '\0') {
			/* a space, an apostrophe, any other sign: one hyphen between words */
			if (b.len > base && b.data[b.len - 1] != '-')
				buf_putc(&b, '-');
			continue;
		}
		if (b.len >= SIGN_NAME_MAX)
			break; /* a name to type on a command line, far below PDF's string limit */
		if (b.len == base)
			buf_putc(&b, '-');
		buf_puts(&b, ascii);
	}
	while (b.len > base && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	/* a repeated name: -2, -3, ... */
	base = b.len;
	for (n = 2;; n++) {
		for (k = 0; k < ntaken; k++)
			if (taken[k] != NULL && strcmp(taken[k], b.data) == 0)
				break;
		if (k == ntaken)
			break;
		b.len = base;
		b.data[base] = '\0';
		buf_printf(&b, "-%u", n);
	}
	return buf_detach(&b);
}

/* [a b c d], each rounded to 1/100. */
static HPDF_Array
pdf_sign_rect(struct pdf_state *p, double a, double b, double c, double d)
{
	HPDF_Array r = HPDF_Array_New(p->doc->mmgr);
	double v[4] = {a, b, c, d};
	size_t i;

	if (!pdf_got(p, r))
		return NULL;
	for (i = 0; i < 4; i++)
		if (!pdf_ok(p, HPDF_Array_AddReal(r, (HPDF_REAL)(round(v[i] * 100) / 100))))
			return NULL;
	return r;
}

/* The widget of field name in box s, on its page's /Annots. */
static HPDF_Dict
pdf_sign_field(struct pdf_state *p, const struct ts_sign *s, const char *name)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Page page = p->pages[s->page];
	HPDF_Dict w, ap, xobj;
	HPDF_Array annots, rect, bbox;
	HPDF_STATUS ret = HPDF_OK;

	/* the appearance: an empty form of the box's size (PDF/A-1 6.5.3: every annotation has
	 * one); the signing software replaces it */
	xobj = HPDF_DictStream_New(mm, p->doc->xref);
	if (!pdf_got(p, xobj) || !(bbox = pdf_sign_rect(p, 0, 0, s->w, s->h)))
		return NULL;
	ret += HPDF_Dict_AddName(xobj, "Type", "XObject");
	ret += HPDF_Dict_AddName(xobj, "Subtype", "Form");
	ret += HPDF_Dict_Add(xobj, "BBox", bbox);
	ret += HPDF_Dict_Add(xobj, "Resources", HPDF_Dict_New(mm));
	if (!pdf_ok(p, ret) || !pdf_got(p, ap = HPDF_Dict_New(mm)) ||
	    !pdf_ok(p, HPDF_Dict_Add(ap, "N", xobj)) ||
	    !(rect = pdf_sign_rect(p, s->x, s->y, s->x + s->w, s->y + s->h)) ||
	    !pdf_got(p, w = HPDF_Dict_New(mm)) || !pdf_ok(p, HPDF_Xref_Add(p->doc->xref, w)))
		return NULL;
	ret += HPDF_Dict_AddName(w, "Type", "Annot");
	ret += HPDF_Dict_AddName(w, "Subtype", "Widget");
	ret += HPDF_Dict_AddName(w, "FT", "Sig");
	ret += HPDF_Dict_Add(w, "T", HPDF_String_New(mm, name, NULL));
	ret += HPDF_Dict_Add(w, "Rect", rect);
	ret += HPDF_Dict_AddNumber(w, "F", 4); /* print: PDF/A-1 6.5.3 */
	ret += HPDF_Dict_Add(w, "P", page);
	ret += HPDF_Dict_Add(w, "AP", ap);
	if (!pdf_ok(p, ret))
		return NULL;
	annots = HPDF_Dict_GetItem(page, "Annots", HPDF_OCLASS_ARRAY);
	if (annots == NULL && (!pdf_got(p, annots = HPDF_Array_New(mm)) ||
	                       !pdf_ok(p, HPDF_Dict_Add(page, "Annots", annots))))
		return NULL;
	return pdf_ok(p, HPDF_Array_Add(annots, w)) ? w : NULL;
}

bool
pdf_sign_fields(struct pdf_state *p, const struct ts_doc *doc)
{
	HPDF_MMgr mm = p->doc->mmgr;
	HPDF_Dict form;
	HPDF_Array fields;
	char **names;
	size_t i;
	bool ok = true;

	if (doc->nsigns == 0)
		return true;
	names = xcalloc(doc->nsigns, sizeof(*names));
	p->widgets = xcalloc(doc->nsigns, sizeof(*p->widgets));
	p->widget_pages = xcalloc(doc->nsigns, sizeof(*p->widget_pages));
	if (!pdf_got(p, form = HPDF_Dict_New(mm)) || !pdf_got(p, fields = HPDF_Array_New(mm)) ||
	    !pdf_ok(p, HPDF_Dict_Add(form, "Fields", fields)) ||
	    !pdf_ok(p, HPDF_Dict_AddNumber(form, "SigFlags", 1)) ||
	    !pdf_ok(p, HPDF_Dict_Add(p->doc->catalog, "AcroForm", form)))
		ok = false;
	for (i = 0; ok && i < doc->nsigns; i++) {
		const struct ts_sign *s = &doc->signs[i];
		HPDF_Dict w;

		names[i] = pdf_sign_name(s->qualifica, (const char *const *)names, i);
		if (s->page >= doc->npages || s->w <= 0 || s->h <= 0)
			continue; /* never: the typesetter gives boxes on its pages */
		if ((w = pdf_sign_field(p, s, names[i])) == NULL ||
		    !pdf_ok(p, HPDF_Array_Add(fields, w))) {
			ok = false;
			break;
		}
		p->widgets[p->nwidgets] = w;
		p->widget_pages[p->nwidgets++] = s->page;
	}
	for (i = 0; i < doc->nsigns; i++)
		free(names[i]);
	free(names);
	return ok;
}
