/*
 * fonts_test.c: the faces found, their names and metrics, fallbacks, subsets, a missing family,
 * and speed. Expected advances were read from the fonts' cmap and hmtx tables with a separate
 * script (advance * 1000 / upem; every face here has upem 2048, so the values are exact).
 */
#include <hb.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fonts.h"
#include "harness.h"
#include "text.h"
#include "util.h"

#define NEAR(got, want, what)                                                                      \
	do {                                                                                       \
		double g_ = (got), w_ = (want);                                                    \
		CHECK_AT(fabs(g_ - w_) < 1e-9, "%s: got %.8f, want %.8f", what, g_, w_);           \
	} while (0)

/* Sanitizers slow everything down several times. */
#if defined(__SANITIZE_ADDRESS__)
#define FONTS_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define FONTS_SANITIZED 1
#endif
#endif
#ifndef FONTS_SANITIZED
#define FONTS_SANITIZED 0
#endif

static bool
ends_with(const char *s, const char *tail)
{
	size_t n = s != NULL ? strlen(s) : 0, m = strlen(tail);

	return n >= m && strcmp(s + n - m, tail) == 0;
}

static size_t
decode(const char *s, uint32_t *cps, size_t max)
{
	size_t n = 0, len = strlen(s), i = 0, k;

	while (i < len && n < max && (k = text_utf8_decode(s + i, len - i, &cps[n])) > 0) {
		i += k;
		n++;
	}
	return n;
}

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void
faces_tests(struct fonts *f)
{
	static const struct {
		enum face face;
		const char *file, *name;
		double ascent, descent;
	} faces[] = {
	        {FACE_REGULAR, "/LiberationSerif-Regular.ttf", "LiberationSerif", 891.11328125,
	         216.30859375},
	        {FACE_BOLD, "/LiberationSerif-Bold.ttf", "LiberationSerif-Bold", 891.11328125,
	         216.30859375},
	        {FACE_ITALIC, "/LiberationSerif-Italic.ttf", "LiberationSerif-Italic", 891.11328125,
	         216.30859375},
	        {FACE_BOLD_ITALIC, "/LiberationSerif-BoldItalic.ttf", "LiberationSerif-BoldItalic",
	         891.11328125, 216.30859375},
	        {FACE_MONO, "/LiberationMono-Regular.ttf", "LiberationMono", 832.51953125,
	         300.29296875},
	        {FACE_FALLBACK, "/DejaVuSerif.ttf", "DejaVuSerif", 928.22265625, 235.83984375},
	        {FACE_FALLBACK2, "/DejaVuSans.ttf", "DejaVuSans", 928.22265625, 235.83984375},
	};
	size_t i;

	harness.test = "fonts faces";
	for (i = 0; i < sizeof(faces) / sizeof(faces[0]); i++) {
		OK(ends_with(fonts_path(f, faces[i].face), faces[i].file), faces[i].file);
		STR_EQ(fonts_name(f, faces[i].face), faces[i].name, "PostScript name");
		NEAR(fonts_ascent(f, faces[i].face), faces[i].ascent, faces[i].name);
		NEAR(fonts_descent(f, faces[i].face), faces[i].descent, faces[i].name);
	}
}

static void
metrics_tests(struct fonts *f)
{
	static const struct {
		enum face face;
		uint32_t cp;
		double advance;
	} adv[] = {
	        {FACE_REGULAR, 'a', 443.84765625},
	        {FACE_REGULAR, 'M', 889.16015625},
	        {FACE_REGULAR, ' ', 250.0},
	        {FACE_REGULAR, 0xE8, 443.84765625},   /* è */
	        {FACE_REGULAR, 0x2019, 333.0078125},  /* ’ */
	        {FACE_REGULAR, 0x20AC, 500.0},        /* € */
	        {FACE_REGULAR, 0x142, 277.83203125},  /* ł */
	        {FACE_REGULAR, 0x2500, 708.49609375}, /* ─ */
	        {FACE_BOLD, 'a', 500.0},
	        {FACE_BOLD, 'M', 943.84765625},
	        {FACE_ITALIC, 'M', 833.0078125},
	        {FACE_ITALIC, 0x201C, 556.15234375}, /* “ */
	        {FACE_BOLD_ITALIC, 'M', 889.16015625},
	        {FACE_MONO, 'a', 600.09765625},
	        {FACE_MONO, 0x20AC, 600.09765625},
	        {FACE_FALLBACK, 'a', 596.19140625},
	        {FACE_FALLBACK, 0x531, 810.05859375},  /* Armenian Ա: cached range */
	        {FACE_FALLBACK, 0x20B9, 636.23046875}, /* ₹: through HarfBuzz */
	        {FACE_FALLBACK2, 0x2654, 896.484375},  /* ♔ */
	        {FACE_FALLBACK2, 0xFFFD, 1025.390625},
	        {FACE_REGULAR, 0x4E2D, 0.0}, /* 中: lacking, so 0 */
	        {FACE_REGULAR, 0x531, 0.0},
	};
	static const uint32_t latin[] = {'a', 0xE8, 0x2019, 0x20AC, 0x142};
	char what[64];
	size_t i;
	int face;

	harness.test = "fonts metrics";
	for (i = 0; i < sizeof(adv) / sizeof(adv[0]); i++) {
		snprintf(what, sizeof(what), "advance of U+%04X in face %d", (unsigned)adv[i].cp,
		         (int)adv[i].face);
		NEAR(fonts_advance(f, adv[i].face, adv[i].cp), adv[i].advance, what);
	}

	harness.test = "fonts coverage";
	for (face = FACE_REGULAR; face <= FACE_BOLD_ITALIC; face++)
		for (i = 0; i < sizeof(latin) / sizeof(latin[0]); i++) {
			snprintf(what, sizeof(what), "face %d has U+%04X", face,
			         (unsigned)latin[i]);
			OK(fonts_has(f, face, latin[i]), what);
			INT_EQ(fonts_pick(f, face, latin[i]), face, what);
		}
	OK(!fonts_has(f, FACE_REGULAR, 0x01), "no glyph for a control character");
	for (face = 0; face < FACE_MAX; face++)
		OK(!fonts_has(f, face, 0x4E2D), "no face has 中");
	INT_EQ(fonts_pick(f, FACE_REGULAR, 0x4E2D), -1, "中 has no face");
	INT_EQ(fonts_pick(f, FACE_MONO, 0x10FFFF), -1, "U+10FFFF has no face");
	INT_EQ(fonts_pick(f, FACE_REGULAR, 0x531), FACE_FALLBACK, "Ա from DejaVu Serif");
	INT_EQ(fonts_pick(f, FACE_BOLD, 0x20B9), FACE_FALLBACK, "₹ from DejaVu Serif");
	OK(!fonts_has(f, FACE_FALLBACK, 0x2654), "DejaVu Serif lacks ♔");
	INT_EQ(fonts_pick(f, FACE_ITALIC, 0x2654), FACE_FALLBACK2, "♔ from DejaVu Sans");
	INT_EQ(fonts_pick(f, FACE_MONO, 0x2019), FACE_MONO, "’ in Liberation Mono");
	OK(fonts_has(f, FACE_FALLBACK2, 0xFFFD), "DejaVu Sans has U+FFFD");
}

static void
subset_tests(struct fonts *f)
{
	static const char text[] = "Seduta del 23 febbraio";
	uint32_t cps[64];
	unsigned char *a, *b, *empty;
	size_t n, alen = 0, blen = 0, elen = 0, full = 0, i;
	char *data = NULL;
	hb_blob_t *blob, *name;
	hb_face_t *face;
	hb_font_t *font;
	hb_codepoint_t gid;
	char what[64];
	int err;

	harness.test = "fonts subset";
	n = decode(text, cps, 64);
	a = fonts_subset(f, FACE_REGULAR, cps, n, &alen);
	b = fonts_subset(f, FACE_REGULAR, cps, n, &blen);
	err = util_read_file(fonts_path(f, FACE_REGULAR), 0, &data, &full);
	INT_EQ(err, -1, "the font file is larger than nothing");
	OK(a != NULL && b != NULL, "subset made");
	OK(alen > 0 && alen * 20 < full, "subset under a twentieth of the file");
	OK(alen == blen && a != NULL && b != NULL && memcmp(a, b, alen) == 0,
	   "subset is deterministic");
	if (a != NULL) {
		blob = hb_blob_create((const char *)a, (unsigned)alen, HB_MEMORY_MODE_READONLY,
		                      NULL, NULL);
		face = hb_face_create(blob, 0);
		font = hb_font_create(face);
		hb_font_set_scale(font, (int)hb_face_get_upem(face), (int)hb_face_get_upem(face));
		INT_EQ(hb_face_get_upem(face), 2048, "upem kept");
		OK(hb_face_get_glyph_count(face) < 20, "only the glyphs used (and .notdef)");
		for (i = 0; i < n; i++) {
			snprintf(what, sizeof(what), "U+%04X read back", (unsigned)cps[i]);
			if (!hb_font_get_nominal_glyph(font, cps[i], &gid)) {
				OK(false, what);
				continue;
			}
			NEAR(hb_font_get_glyph_h_advance(font, gid) * 1000.0 /
			             hb_face_get_upem(face),
			     fonts_advance(f, FACE_REGULAR, cps[i]), what);
		}
		OK(!hb_font_get_nominal_glyph(font, 'z', &gid), "z is not in the subset");
		name = hb_face_reference_table(face, HB_TAG('n', 'a', 'm', 'e'));
		OK(hb_blob_get_length(name) > 0, "name table kept");
		hb_blob_destroy(name);
		hb_font_destroy(font);
		hb_face_destroy(face);
		hb_blob_destroy(blob);
	}
	empty = fonts_subset(f, FACE_FALLBACK2, NULL, 0, &elen);
	OK(empty != NULL && elen > 0 && elen < 8000, "a subset of nothing is a small font");
	free(empty);
	free(a);
	free(b);
	free(data);
}

/* The font's kerning, as HarfBuzz shapes it: exact values of Liberation Serif (2048 units an
 * em: AV is -264 units, To -143), none in code, none across a combining mark. */
static void
kern_tests(struct fonts *f)
{
	static const uint32_t av[] = {'A', 'V'}, to[] = {'T', 'o'}, tov[] = {'T', 'o', 'V', 'A'},
	                      nn[] = {'n', 'n'}, mark[] = {'A', 0x301, 'V'};
	double k[4] = {1, 1, 1, 1};

	harness.test = "fonts kern";
	fonts_kern(f, FACE_REGULAR, av, 2, k);
	NEAR(k[0], -264 * 1000.0 / 2048, "AV in Liberation Serif: -264/2048 em");
	NEAR(k[1], 0, "nothing after the last character");
	OK(fonts_advance(f, FACE_REGULAR, 'A') + k[0] + fonts_advance(f, FACE_REGULAR, 'V') <
	           fonts_advance(f, FACE_REGULAR, 'A') + fonts_advance(f, FACE_REGULAR, 'V'),
	   "AV kerned is narrower than A and V");
	fonts_kern(f, FACE_REGULAR, to, 2, k);
	NEAR(k[0], -143 * 1000.0 / 2048, "To: -143/2048 em");
	fonts_kern(f, FACE_BOLD, to, 2, k);
	NEAR(k[0], -188 * 1000.0 / 2048, "To in bold: -188/2048 em");
	fonts_kern(f, FACE_REGULAR, tov, 4, k);
	NEAR(k[0], -143 * 1000.0 / 2048, "T o in Tova");
	NEAR(k[1], 0, "o V: none");
	NEAR(k[2], -264 * 1000.0 / 2048, "V A in TovA");
	NEAR(k[3], 0, "nothing after A");
	fonts_kern(f, FACE_REGULAR, nn, 2, k);
	NEAR(k[0], 0, "nn: no kerning");
	fonts_kern(f, FACE_MONO, av, 2, k);
	NEAR(k[0], 0, "Liberation Mono: no kerning");
	k[0] = k[1] = k[2] = 1;
	fonts_kern(f, FACE_REGULAR, mark, 3, k);
	OK(k[0] == 0 && k[1] == 0 && k[2] == 0, "a combining mark: no kerning at all");
	k[0] = 1;
	fonts_kern(f, FACE_REGULAR, av, 1, k);
	NEAR(k[0], 0, "one character: nothing to kern");
}

static void
missing_tests(void)
{
	struct font_families fam = {0};
	struct diags d;
	struct fonts *f;

	harness.test = "fonts missing";
	diags_init(&d, NULL);
	fam.text = "Nessun Carattere Esistente";
	f = fonts_open(&fam, &d);
	OK(f == NULL, "no fonts without the text family");
	INT_EQ(d.n, 1, "one report for the family, not one per face");
	if (d.n > 0) {
		INT_EQ(d.v[0].id, D_FONT_MISSING, "D_FONT_MISSING");
		STR_EQ(d.v[0].msg,
		       "carattere 'Nessun Carattere Esistente' non trovato: installare il "
		       "pacchetto "
		       "che lo contiene",
		       "message");
		OK(d.v[0].note != NULL, "a note says what fontconfig offered instead");
	}
	INT_EQ(diags_status(&d), 3, "a missing font exits 3");
	diags_clear(&d);

	diags_init(&d, NULL);
	fam.text = NULL;
	fam.mono = "Liberation Mononessuno";
	f = fonts_open(&fam, &d);
	OK(f == NULL && d.n == 1, "a missing mono family");
	if (d.n > 0)
		STR_EQ(d.v[0].msg,
		       "carattere 'Liberation Mononessuno' non trovato: installare il pacchetto "
		       "fonts-liberation2",
		       "the Debian package of Liberation");
	diags_clear(&d);

	diags_init(&d, NULL);
	fam.mono = NULL;
	fam.text = "liberation  serif";
	f = fonts_open(&fam, &d);
	OK(f != NULL && d.n == 0, "family names ignore case and blanks, as in fontconfig");
	if (f != NULL)
		STR_EQ(fonts_name(f, FACE_BOLD_ITALIC), "LiberationSerif-BoldItalic",
		       "bold italic");
	fonts_free(f);
	fonts_free(NULL);
	diags_clear(&d);
}

/* Opening every face and measuring 50,000 characters: the best of five runs. */
static void
speed_tests(void)
{
	static const char text[] = "Il giorno 23 del mese di febbraio duemilaventidue alle ore "
	                           "16,00 in Torino, città è perché “così” – 1° € Łukasz ♔ 中";
	uint32_t cps[128];
	size_t n = decode(text, cps, 128), i;
	double best = 1e9, t0, t, sum = 0;
	struct diags d;
	struct fonts *f;
	int run, face;

	harness.test = "fonts speed";
	diags_init(&d, NULL);
	for (run = 0; run < 5; run++) {
		t0 = now_ms();
		if ((f = fonts_open(NULL, &d)) == NULL)
			break;
		for (i = 0; i < 50000; i++) {
			face = fonts_pick(f, (enum face)(i / 1000 % 4), cps[i % n]);
			if (face >= 0)
				sum += fonts_advance(f, (enum face)face, cps[i % n]);
		}
		t = now_ms() - t0;
		fonts_free(f);
		if (t < best)
			best = t;
	}
	OK(sum > 0, "characters measured");
#if FONTS_SANITIZED
	OK(best < 100, "open and measure under 100 ms (sanitizers)");
#else
	OK(best < 10, "open and measure well under 10 ms");
#endif
	diags_clear(&d);
}

void
fonts_tests(void)
{
	struct diags d;
	struct fonts *f;

	harness.test = "fonts open";
	diags_init(&d, NULL);
	f = fonts_open(NULL, &d);
	OK(f != NULL, "the default faces open");
	INT_EQ(d.n, 0, "no reports");
	if (f != NULL) {
		faces_tests(f);
		metrics_tests(f);
		subset_tests(f);
		kern_tests(f);
	}
	fonts_free(f);
	diags_clear(&d);
	missing_tests();
	speed_tests();
}
