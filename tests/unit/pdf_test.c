/*
 * pdf_test.c: pdf_write on a hand-made three-page document: Italian text with accents and
 * typographic quotes, bold, italic and monospace runs, a character outside CP1252, one that no
 * face has, a rule, a PNG with alpha, a link, outline marks at two levels. Checks the frame of
 * the file and that two renders are the same bytes; the file's structure (PDF/A-1b, fonts,
 * extracted text) is checked by tests/pdf_checks.sh, for which this test writes the PDF to
 * $PDF_TEST_OUT and the text every line must extract to $PDF_TEST_OUT.txt.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "fonts.h"
#include "harness.h"
#include "pdf.h"
#include "text.h"
#include "typeset.h"
#include "util.h"

#define ICC "/usr/share/color/icc/sRGB.icc"

/* Room for the test document: a few lines and runs per page. */
struct tdoc {
	struct ts_doc doc;
	const struct fonts *f;
	struct buf want; /* the text pdftotext must give, one line per ts_line */
};

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
png_chunk(FILE *fp, const char *type, const unsigned char *data, uint32_t len)
{
	unsigned char b[4];
	uLong crc = crc32(0, (const Bytef *)type, 4);

	crc = crc32(crc, data, len);
	put32(b, len);
	fwrite(b, 1, 4, fp);
	fwrite(type, 1, 4, fp);
	fwrite(data, 1, len, fp);
	put32(b, (uint32_t)crc);
	fwrite(b, 1, 4, fp);
}

/* A 2x2 RGBA PNG: red, green, blue, and a half-transparent black pixel. */
static int
write_png(const char *path)
{
	static const unsigned char rows[2][9] = {{0, 255, 0, 0, 255, 0, 255, 0, 255},
	                                         {0, 0, 0, 255, 255, 0, 0, 0, 128}};
	unsigned char ihdr[13] = {0}, z[128];
	uLongf zlen = sizeof(z);
	FILE *fp;

	put32(ihdr, 2);
	put32(ihdr + 4, 2);
	ihdr[8] = 8; /* bits */
	ihdr[9] = 6; /* RGBA */
	if (compress(z, &zlen, &rows[0][0], sizeof(rows)) != Z_OK)
		return -1;
	if ((fp = fopen(path, "wb")) == NULL)
		return -1;
	fwrite("\x89PNG\r\n\x1a\n", 1, 8, fp);
	png_chunk(fp, "IHDR", ihdr, 13);
	png_chunk(fp, "IDAT", z, (uint32_t)zlen);
	png_chunk(fp, "IEND", (const unsigned char *)"", 0);
	return fclose(fp);
}

static struct ts_line *
add_line(struct tdoc *t, struct ts_page *pg, double y)
{
	struct ts_line *l = &pg->lines[pg->nlines++];

	l->y = y;
	l->runs = arena_array(t->doc.arena, 16, sizeof(*l->runs));
	return l;
}

/*
 * Set text at x on line l in face and size, as a small typesetter would: split where another
 * face is needed (fonts_pick), mark characters no face has as missing, and widen each space
 * by extra points. Returns the x after the text.
 */
static double
add_text(struct tdoc *t, struct ts_line *l, double x, const char *text, enum face face, double size,
         double extra, double gray)
{
	const char *s = text;
	size_t n = strlen(text);
	double space = fonts_advance(t->f, face, ' ') * size / 1000 + extra;

	while (*s) {
		struct ts_run *r = &l->runs[l->nruns++];
		const char *start = s;
		uint32_t cp;
		size_t len;
		int pick = -2, cur;

		r->x = x;
		r->size = size;
		r->space = space;
		r->gray = gray;
		r->face = face;
		while (*s) {
			len = text_utf8_decode(s, n - (size_t)(s - text), &cp);
			cur = cp == ' ' ? pick : fonts_pick(t->f, face, cp);
			if (pick == -2)
				pick = cur;
			if (cur != pick)
				break;
			x += cp == ' ' ? space
			               : fonts_advance(t->f,
			                               cur < 0 ? FACE_FALLBACK2 : (enum face)cur,
			                               cur < 0 ? 0xFFFD : cp) *
			                         size / 1000;
			s += len;
		}
		r->face = pick < 0 ? FACE_FALLBACK2 : (enum face)pick;
		r->missing = pick == -1;
		r->text = arena_strndup(t->doc.arena, start, (size_t)(s - start));
		r->width = x - r->x;
	}
	/* poppler extracts U+00A0 as a space, whatever the file says */
	for (s = text; *s; s++)
		if (memcmp(s, "\u00a0", 2) == 0)
			buf_putc(&t->want, ' '), s++;
		else
			buf_putc(&t->want, *s);
	return x;
}

/*
 * A run of text in face (every character in it, no space at either end), kerned as the
 * typesetter kerns it: each word by fonts_kern. Returns the x after it.
 */
static double
add_kerned(struct tdoc *t, struct ts_line *l, double x, const char *text, enum face face,
           double size)
{
	struct ts_run *r = &l->runs[l->nruns++];
	size_t n = strlen(text), i = 0, c = 0, w;
	uint32_t *cps = arena_array(t->doc.arena, n, sizeof(*cps));
	double *kern = arena_array(t->doc.arena, n, sizeof(*kern));

	while (i < n)
		cps[c++] = text_utf8_next(text, n, &i);
	for (i = 0; i < c; i = w + 1) {
		for (w = i; w < c && cps[w] != ' '; w++)
			;
		fonts_kern(t->f, face, cps + i, w - i, kern + i);
	}
	r->x = x;
	r->size = size;
	r->face = face;
	r->space = fonts_advance(t->f, face, ' ') * size / 1000;
	r->text = arena_strdup(t->doc.arena, text);
	r->kern = kern;
	for (i = 0; i < c; i++)
		r->width += cps[i] == ' '
		                    ? r->space
		                    : (fonts_advance(t->f, face, cps[i]) + kern[i]) * size / 1000;
	buf_puts(&t->want, text);
	return x + r->width;
}

static void
end_line(struct tdoc *t)
{
	buf_putc(&t->want, '\n');
}

static void
build(struct tdoc *t, const char *png)
{
	struct arena *a = arena_new();
	struct ts_page *pg;
	struct ts_line *l;
	double x;
	size_t i;

	t->doc.arena = a;
	t->doc.npages = 3;
	t->doc.pages = arena_array(a, 3, sizeof(*t->doc.pages));
	for (i = 0; i < 3; i++) {
		pg = &t->doc.pages[i];
		pg->width = 595.276;
		pg->height = 841.89;
		pg->lines = arena_array(a, 9, sizeof(*pg->lines));
		pg->marks = arena_array(a, 4, sizeof(*pg->marks));
	}

	pg = &t->doc.pages[0];
	pg->marks[pg->nmarks++] = (struct ts_mark){1, "Seduta del 23 febbraio 2022", 790};
	l = add_line(t, pg, 770);
	add_text(t, l, 72, "Processo verbale", FACE_BOLD, 16, 0, 0);
	end_line(t);
	l = add_line(t, pg, 740);
	add_text(t, l, 72, "L’assemblea approva “così” l’art. 1° – spesa di 5 € «sì»", FACE_REGULAR,
	         11, 1.5, 0);
	end_line(t);
	l = add_line(t, pg, 724);
	x = add_text(t, l, 72, "parole in corsivo,", FACE_ITALIC, 11, 0, 0);
	buf_putc(&t->want, ' ');
	x = add_text(t, l, x + 3, "il codice", FACE_REGULAR, 11, 0, 0);
	buf_putc(&t->want, ' ');
	add_text(t, l, x + 3, "seduta_2022(3)", FACE_MONO, 10, 0, 0);
	end_line(t);
	l = add_line(t, pg, 708);
	add_text(t, l, 72, "Łukasz Dvořák → Kraków", FACE_REGULAR, 11, 0, 0);
	end_line(t);
	l = add_line(t, pg, 692);
	add_text(t, l, 72, "segno mancante 中 nel testo", FACE_REGULAR, 11, 0, 0);
	end_line(t);
	pg->rules = arena_array(a, 1, sizeof(*pg->rules));
	pg->rules[pg->nrules++] = (struct ts_rule){72, 684, 523.28, 684, 0.5, 0.3};
	pg->images = arena_array(a, 1, sizeof(*pg->images));
	pg->images[pg->nimages++] =
	        (struct ts_image){480, 750, 40, 40, arena_strdup(a, png), TS_IMAGE_PNG, NULL};
	l = add_line(t, pg, 668);
	x = add_text(t, l, 72, "https://www.example.org/verbale?a=1&b=è", FACE_REGULAR, 11, 0, 0);
	end_line(t);
	pg->links = arena_array(a, 1, sizeof(*pg->links));
	pg->links[pg->nlinks++] =
	        (struct ts_link){72, 665, x, 679, "https://www.example.org/verbale?a=1&b=è", NULL};

	pg = &t->doc.pages[1];
	pg->marks[pg->nmarks++] = (struct ts_mark){2, "Punto 1: “bilancio”", 780};
	l = add_line(t, pg, 770);
	add_text(t, l, 72, "Testo grigio del punto 1.", FACE_BOLD_ITALIC, 11, 0, 0.4);
	end_line(t);
	pg->marks[pg->nmarks++] = (struct ts_mark){1, "Allegati", 700};
	l = add_line(t, pg, 690);
	add_text(t, l, 72, "Allegato A (testo) n.\u00a05 e x\u00ad", FACE_REGULAR, 11, 0, 0);
	end_line(t);

	pg = &t->doc.pages[2];
	l = add_line(t, pg, 770);
	add_text(t, l, 72, "Fine del verbale.", FACE_REGULAR, 11, 0, 0);
	end_line(t);
	/* kerned: single-byte text and a word of the Type0 instance (pdf_checks.sh reads the TJ) */
	l = add_line(t, pg, 754);
	add_kerned(t, l, 72, "Torino AVANTI Toli\u0107", FACE_REGULAR, 11);
	end_line(t);
}

static void
save(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	OK(fp != NULL, "open $PDF_TEST_OUT");
	if (fp == NULL)
		return;
	fwrite(data, 1, len, fp);
	OK(fclose(fp) == 0, "write $PDF_TEST_OUT");
}

/* How many times needle occurs in the len bytes at data. */
static size_t
count(const char *data, size_t len, const char *needle)
{
	size_t n = 0, k = strlen(needle), i;

	for (i = 0; i + k <= len; i++)
		if (memcmp(data + i, needle, k) == 0)
			n++;
	return n;
}

/*
 * A character above U+07FF and outside CP1252 drawn 20,000 times, as in a long annex full of
 * arrows or mathematical signs: the Type0 font lists its CID once in /W, not once a use (the
 * list had repeats, and libharu refuses an array of more than 32,767 elements).
 */
static void
test_repeats(const struct fonts *f, const struct pdf_meta *meta)
{
	struct tdoc t;
	struct ts_page *pg;
	struct ts_line *l;
	struct diags d;
	struct buf out = {NULL, 0, 0}, text = {NULL, 0, 0};
	int i;

	memset(&t, 0, sizeof(t));
	diags_init(&d, NULL);
	t.f = f;
	t.doc.arena = arena_new();
	t.doc.npages = 1;
	t.doc.pages = pg = arena_array(t.doc.arena, 1, sizeof(*t.doc.pages));
	pg->width = 595.276;
	pg->height = 841.89;
	pg->lines = arena_array(t.doc.arena, 1, sizeof(*pg->lines));
	for (i = 0; i < 20000; i++)
		buf_puts(&text, i % 10 == 9 ? "\u2192 " : "\u2192");
	l = add_line(&t, pg, 770);
	add_text(&t, l, 72, text.data, FACE_REGULAR, 11, 0, 0);
	OK(pdf_write(&t.doc, f, meta, NULL, &out, &d), "pdf_write of 20,000 arrows");
	INT_EQ(d.n, 0, "no report for 20,000 arrows");
	INT_EQ(count(out.data, out.len, " 8594 [ "), 1, "U+2192 once in /W");
	buf_free(&out);
	buf_free(&text);
	buf_free(&t.want);
	arena_free(t.doc.arena);
	diags_clear(&d);
}

/* The name of a signer's field: "Firma-", the qualifica without its article, in ASCII. */
static void
test_sign_names(void)
{
	static const struct {
		const char *qualifica, *want;
	} cases[] = {
	        {"Il Segretario generale", "Firma-Segretario-generale"},
	        {"Il Presidente", "Firma-Presidente"},
	        {"La Presidente del Consiglio", "Firma-Presidente-del-Consiglio"},
	        {"Lo Scrutatore", "Firma-Scrutatore"},
	        {"L'Assessore anziano", "Firma-Assessore-anziano"},
	        {"L’Assessore", "Firma-Assessore"},
	        {"Gli Scrutatori", "Firma-Scrutatori"},
	        {"I Revisori", "Firma-Revisori"},
	        {"Le Consigliere", "Firma-Consigliere"},
	        {"IL SINDACO", "Firma-SINDACO"},
	        {"Il Vice Segretario f.f.", "Firma-Vice-Segretario-ff"},
	        {"Il Podestà è qui", "Firma-Podesta-e-qui"},
	        {"  Il   Sindaco  metropolitano ", "Firma-Sindaco-metropolitano"},
	        {"Ilario Rossi", "Firma-Ilario-Rossi"},
	        {"Il", "Firma-Il"},
	        {"Il Segretario (verbalizzante)", "Firma-Segretario-verbalizzante"},
	        {"Ça, Œuvre", "Firma-Ca-uvre"},
	        {"", "Firma"},
	        {"\xff\xfe", "Firma"},
	};
	const char *taken[3];
	char *n;
	size_t i;

	harness.test = "pdf_sign_name";
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = pdf_sign_name(cases[i].qualifica, NULL, 0);
		STR_EQ(n, cases[i].want, cases[i].qualifica);
		free(n);
	}
	n = pdf_sign_name(NULL, NULL, 0);
	STR_EQ(n, "Firma", "no qualifica");
	free(n);
	/* malformed UTF-8: each bad byte a separator */
	n = pdf_sign_name("Il Sindaco \xC3( \xE2\x82 \xFF", NULL, 0);
	STR_EQ(n, "Firma-Sindaco", "malformed UTF-8 dropped");
	free(n);
	{
		char *longq = harness_repeat("Assessore ", 10000, "anziano");

		n = pdf_sign_name(longq, NULL, 0);
		OK(n != NULL && strlen(n) <= 130 &&
		           strncmp(n, "Firma-Assessore-Assessore", 25) == 0,
		   "a qualifica of 100,000 characters: a name of at most 130");
		free(n);
		free(longq);
	}
	taken[0] = "Firma-Consigliere";
	taken[1] = "Firma-Consigliere-2";
	n = pdf_sign_name("Il Consigliere", taken, 1);
	STR_EQ(n, "Firma-Consigliere-2", "a repeated name");
	free(n);
	taken[2] = "Firma-Sindaco";
	n = pdf_sign_name("Il Consigliere", taken, 3);
	STR_EQ(n, "Firma-Consigliere-3", "repeated three times");
	free(n);
	n = pdf_sign_name("Il Sindaco", taken, 2);
	STR_EQ(n, "Firma-Sindaco", "another name taken: not a repeat");
	free(n);
}

/* Two signers' boxes: two empty signature fields, in /AcroForm; a copy's: none. */
static void
test_sign_fields(const struct fonts *f, const struct pdf_meta *meta)
{
	struct tdoc t;
	struct ts_page *pg;
	struct diags d;
	struct pdf_meta copy = *meta;
	struct buf out = {NULL, 0, 0};
	static const char *const who[] = {"Il Presidente", "Il Segretario generale"};
	size_t k;

	harness.test = "pdf signature fields";
	memset(&t, 0, sizeof(t));
	diags_init(&d, NULL);
	t.f = f;
	t.doc.arena = arena_new();
	t.doc.npages = 1;
	t.doc.pages = pg = arena_array(t.doc.arena, 1, sizeof(*t.doc.pages));
	pg->width = 595.276;
	pg->height = 841.89;
	t.doc.nsigns = 2;
	t.doc.signs = arena_array(t.doc.arena, 2, sizeof(*t.doc.signs));
	for (k = 0; k < 2; k++) {
		t.doc.signs[k].x = 100 + 230 * (double)k;
		t.doc.signs[k].y = 400;
		t.doc.signs[k].w = 160;
		t.doc.signs[k].h = 39;
		t.doc.signs[k].qualifica = who[k];
	}
	OK(pdf_write(&t.doc, f, meta, NULL, &out, &d), "pdf_write with two signers");
	INT_EQ(count(out.data, out.len, "/FT /Sig"), 2, "two signature fields");
	INT_EQ(count(out.data, out.len, "/Subtype /Widget"), 2, "each its widget");
	INT_EQ(count(out.data, out.len, "/T (Firma-Presidente)"), 1, "the president's");
	INT_EQ(count(out.data, out.len, "/T (Firma-Segretario-generale)"), 1, "the secretary's");
	INT_EQ(count(out.data, out.len, "/AcroForm"), 1, "listed in /AcroForm");
	INT_EQ(count(out.data, out.len, "/SigFlags 1"), 1, "SignaturesExist");
	INT_EQ(count(out.data, out.len, "/Subtype /Form"), 2, "each with its appearance");
	INT_EQ(count(out.data, out.len, "/Lock"), 0, "not locked");
	buf_free(&out);
	copy.copy = true;
	OK(pdf_write(&t.doc, f, &copy, NULL, &out, &d), "pdf_write of a copy");
	INT_EQ(count(out.data, out.len, "/Sig"), 0, "a copy: no signature field");
	INT_EQ(count(out.data, out.len, "/AcroForm"), 0, "nor /AcroForm");
	INT_EQ(d.n, 0, "no report");
	buf_free(&out);
	buf_free(&t.want);
	arena_free(t.doc.arena);
	diags_clear(&d);
}

void
pdf_tests(void)
{
	char *dir = NULL;
	struct pdf_meta meta = {"Verbale: prova “così”",
	                        "Città metropolitana di Torino",
	                        "Processo verbale del Consiglio, 23 febbraio 2022",
	                        "verbale, consiglio",
	                        "verbale 0.1.0",
	                        1645608600,
	                        ICC,
	                        NULL,
	                        false};
	struct tdoc t;
	struct diags d;
	struct fonts *f;
	struct buf one = {NULL, 0, 0}, two = {NULL, 0, 0}, bad = {NULL, 0, 0};
	char *png = NULL, *junk = NULL, *env;
	clock_t c0;
	FILE *fp;

	test_sign_names();
	harness.test = "pdf";
	memset(&t, 0, sizeof(t));
	diags_init(&d, NULL);
	dir = util_join(getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
	                "verbale-pdf-XXXXXX");
	if (mkdtemp(dir) == NULL || (f = fonts_open(NULL, &d)) == NULL) {
		OK(false, "a temporary folder and the fonts");
		diags_clear(&d);
		free(dir);
		return;
	}
	t.f = f;
	png = util_join(dir, "logo.png");
	junk = util_join(dir, "rotto.png");
	OK(write_png(png) == 0, "write the PNG");
	build(&t, png);

	c0 = clock();
	OK(pdf_write(&t.doc, f, &meta, NULL, &one, &d), "pdf_write");
	if (getenv("PDF_TEST_TIME") != NULL)
		printf("pdf_write: %.1f ms CPU, %zu bytes\n",
		       (double)(clock() - c0) * 1000 / CLOCKS_PER_SEC, one.len);
	OK(one.len > 9 && memcmp(one.data, "%PDF-1.", 7) == 0, "starts with %PDF-1.");
	OK(one.len > 9 && (memcmp(one.data + one.len - 6, "%%EOF\n", 6) == 0 ||
	                   memcmp(one.data + one.len - 5, "%%EOF", 5) == 0),
	   "ends with %%EOF");
	/* No report: the typesetter, not pdf_write, warns about U+4E2D. */
	INT_EQ(d.n, 0, "no report");
	OK(pdf_write(&t.doc, f, &meta, NULL, &two, &d), "pdf_write again");
	OK(one.len == two.len && memcmp(one.data, two.data, one.len) == 0,
	   "two renders are the same bytes");
	if ((env = getenv("PDF_TEST_OUT")) != NULL && one.len > 0) {
		char *txt = xasprintf("%s.txt", env);

		save(env, one.data, one.len);
		save(txt, t.want.data, t.want.len);
		free(txt);
	}

	/* An image libharu cannot read: D_IMAGE, nothing made. */
	diags_clear(&d);
	diags_init(&d, NULL);
	if ((fp = fopen(junk, "wb")) != NULL) {
		fputs("\x89PNG\r\n\x1a\nnon è un PNG", fp);
		fclose(fp);
	}
	t.doc.pages[0].images[0].path = junk;
	OK(!pdf_write(&t.doc, f, &meta, NULL, &bad, &d), "a broken PNG fails");
	INT_EQ(bad.len, 0, "nothing written for a broken PNG");
	INT_EQ(d.n, 1, "one report for the image");
	if (d.n == 1) {
		INT_EQ(d.v[0].id, D_IMAGE, "D_IMAGE");
		INT_EQ(diags_status(&d), 1, "exit 1");
	}

	/* A CMYK JPEG (its header is enough): PDF/A with an sRGB intent refuses it. */
	diags_clear(&d);
	diags_init(&d, NULL);
	if ((fp = fopen(junk, "wb")) != NULL) {
		static const unsigned char jpeg[] = {
		        0xFF, 0xD8, 0xFF, 0xC0, 0, 20, 8,    0, 2, 0,    2, 4,    1,
		        0x11, 0,    2,    0x11, 0, 3,  0x11, 0, 4, 0x11, 0, 0xFF, 0xD9};

		fwrite(jpeg, 1, sizeof(jpeg), fp);
		fclose(fp);
	}
	t.doc.pages[0].images[0].kind = TS_IMAGE_JPEG;
	OK(!pdf_write(&t.doc, f, &meta, NULL, &bad, &d), "a CMYK JPEG fails");
	INT_EQ(d.n, 1, "one report for the CMYK JPEG");
	if (d.n == 1)
		OK(d.v[0].id == D_IMAGE && strstr(d.v[0].msg, "CMYK") != NULL, "D_IMAGE for CMYK");
	t.doc.pages[0].images[0].kind = TS_IMAGE_PNG;
	t.doc.pages[0].images[0].path = png;

	/* A profile that cannot be read: D_READ, exit 3. */
	diags_clear(&d);
	diags_init(&d, NULL);
	meta.icc_path = junk;
	OK(!pdf_write(&t.doc, f, &meta, NULL, &bad, &d), "a bad ICC profile fails");
	INT_EQ(d.n, 1, "one report for the profile");
	if (d.n == 1) {
		INT_EQ(d.v[0].id, D_READ, "D_READ");
		INT_EQ(diags_status(&d), 3, "exit 3");
	}

	meta.icc_path = ICC;
	test_repeats(f, &meta);
	test_sign_fields(f, &meta);

	unlink(png);
	unlink(junk);
	rmdir(dir);
	free(dir);
	free(png);
	free(junk);
	buf_free(&one);
	buf_free(&two);
	buf_free(&bad);
	buf_free(&t.want);
	arena_free(t.doc.arena);
	fonts_free(f);
	diags_clear(&d);
}
