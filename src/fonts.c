/*
 * fonts.c: faces found with fontconfig, measured and cut down with HarfBuzz.
 *
 * Matching uses fontconfig's current configuration (FcConfigReference(NULL)): loading one
 * costs 6-18 ms here, which every fonts_open would pay with a private configuration; the
 * current one is loaded once per process, is thread-safe, and stays reachable. Each open takes
 * a reference and drops it before returning.
 *
 * Advances of U+0000..U+07FF are read into a table per face at open time, so the typesetter's
 * per-character calls are an index and a division; other code points go to HarfBuzz. After
 * fonts_open nothing is written into a struct fonts, so threads may share one.
 */
#include "fonts.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>

#include "cache.h"
#include "fonts_private.h"
#include "util.h"

#define FONTS_CACHED 0x800 /* code points below this have their advance in a table */

struct fonts_face {
	char *path;                /* owned */
	char *name;                /* PostScript name, owned */
	hb_face_t *face;           /* owned reference */
	hb_font_t *font;           /* owned; scale = upem, so its metrics are in font units */
	unsigned upem;             /* font units per em */
	double ascent, descent;    /* [1/1000 em], both positive */
	int32_t adv[FONTS_CACHED]; /* [font units] of U+0000..U+07FF; -1 when the face lacks it */
};

struct fonts {
	struct fonts_face face[FACE_MAX];
};

enum fonts_role { ROLE_TEXT, ROLE_MONO, ROLE_FALLBACK, ROLE_FALLBACK2, ROLE_MAX };

static const char *const default_family[ROLE_MAX] = {
        [ROLE_TEXT] = "Liberation Serif",
        [ROLE_MONO] = "Liberation Mono",
        [ROLE_FALLBACK] = "DejaVu Serif",
        [ROLE_FALLBACK2] = "DejaVu Sans",
};

/* Which family and style each face is; the regular face of a family comes first. */
static const struct {
	enum fonts_role role;
	bool bold, italic;
} face_style[FACE_MAX] = {
        [FACE_REGULAR] = {ROLE_TEXT, false, false},
        [FACE_BOLD] = {ROLE_TEXT, true, false},
        [FACE_ITALIC] = {ROLE_TEXT, false, true},
        [FACE_BOLD_ITALIC] = {ROLE_TEXT, true, true},
        [FACE_MONO] = {ROLE_MONO, false, false},
        [FACE_FALLBACK] = {ROLE_FALLBACK, false, false},
        [FACE_FALLBACK2] = {ROLE_FALLBACK2, false, false},
};

/* Tables a PDF has no use for: layout (the content stream places every glyph, kerned by
 * fonts_kern) and tool stamps.
 * Dropping GSUB also keeps the subsetter from adding the ligatures and alternates it reaches. */
static const hb_tag_t dropped_tables[] = {
        HB_TAG('G', 'S', 'U', 'B'), HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
        HB_TAG('k', 'e', 'r', 'n'), HB_TAG('M', 'A', 'T', 'H'), HB_TAG('F', 'F', 'T', 'M'),
        HB_TAG('B', 'A', 'S', 'E'), HB_TAG('J', 'S', 'T', 'F'), HB_TAG('D', 'S', 'I', 'G'),
};

/*
 * LeakSanitizer calls this, when it is linked in, for the program's suppressions: fontconfig
 * 2.14.1 loses 288 bytes once per configuration it loads (the <rejectfont><pattern> of
 * 70-no-bitmaps.conf), out of anyone's reach. libfontconfig has no frame pointers, so the
 * default (fast) stacks end inside it and the suppression must name the library: to check this
 * file's own patterns, run with ASAN_OPTIONS=fast_unwind_on_malloc=0 and see that the one leak
 * left is under FcInitLoadConfigAndFonts. The program's only definitions of these hooks: add to
 * them here.
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

const char *
__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* Without this every run ends with a table of the suppressions used. */
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

/* The Debian package that has a family (completing "installare il pacchetto %s"). */
static const char *
fonts_package(const char *family, bool italic)
{
	if (strncasecmp(family, "Liberation", 10) == 0)
		return "fonts-liberation2";
	if (strncasecmp(family, "DejaVu", 6) == 0)
		return italic ? "fonts-dejavu-extra" : "fonts-dejavu-core";
	return "che lo contiene";
}

/* "Liberation Serif grassetto corsivo": the face named in messages, malloc'd. */
static char *
fonts_label(const char *family, bool bold, bool italic)
{
	return xasprintf("%s%s%s", family, bold ? " grassetto" : "", italic ? " corsivo" : "");
}

/*
 * The query for family in the given style, TrueType first when truetype (fontconfig ranks the
 * format above the family: another family in TrueType wins over this one in CFF), with the
 * configuration's substitutions applied as FcFontMatch and FcFontSort want. The caller destroys
 * it; NULL when out of memory.
 */
static FcPattern *
fonts_pattern(FcConfig *cfg, const char *family, bool bold, bool italic, bool truetype)
{
	FcPattern *pat;

	if ((pat = FcPatternCreate()) == NULL)
		return NULL;
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(pat, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
	if (truetype)
		FcPatternAddString(pat, FC_FONTFORMAT, (const FcChar8 *)"TrueType");
	FcConfigSubstitute(cfg, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	return pat;
}

static int
fonts_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether two family names are the same for fontconfig: ASCII case and blanks ignored. */
static bool
fonts_same_family(const char *a, const char *b)
{
	for (;; a++, b++) {
		while (*a == ' ')
			a++;
		while (*b == ' ')
			b++;
		if (fonts_lower((unsigned char)*a) != fonts_lower((unsigned char)*b))
			return false;
		if (*a == '\0')
			return true;
	}
}

/* Whether match is family in the given style. */
static bool
fonts_is(FcPattern *match, const char *family, bool bold, bool italic)
{
	FcChar8 *s;
	int i, weight, slant;
	bool same = false;

	for (i = 0; !same && FcPatternGetString(match, FC_FAMILY, i, &s) == FcResultMatch; i++)
		same = fonts_same_family((const char *)s, family);
	if (!same)
		return false;
	/* A variable font has a range here: then fonts_load refuses it anyway. */
	if (FcPatternGetInteger(match, FC_WEIGHT, 0, &weight) != FcResultMatch)
		weight = FC_WEIGHT_REGULAR;
	if (FcPatternGetInteger(match, FC_SLANT, 0, &slant) != FcResultMatch)
		slant = FC_SLANT_ROMAN;
	return (weight >= FC_WEIGHT_DEMIBOLD) == bold && (slant != FC_SLANT_ROMAN) == italic;
}

/*
 * Whether the font of pattern is one libharu can embed, as far as fontconfig tells: TrueType
 * (glyf outlines; fontconfig says "CFF" for PostScript outlines), neither a variable font nor
 * one of its named instances. fonts_load checks the file itself.
 */
static bool
fonts_static_truetype(FcPattern *pattern)
{
	FcChar8 *format;
	FcBool variable;
	int index;

	if (FcPatternGetString(pattern, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
	    strcmp((const char *)format, "TrueType") != 0)
		return false;
	if (FcPatternGetBool(pattern, FC_VARIABLE, 0, &variable) == FcResultMatch && variable)
		return false;
	return FcPatternGetInteger(pattern, FC_INDEX, 0, &index) != FcResultMatch ||
	       (index >> 16) == 0;
}

/*
 * The face of family in the style as fontconfig chooses it: in its order of preference for the
 * query (format, family, style, ..., then the newer version), the first that is that family in
 * that style and a static TrueType file. Not the first by path: with Liberation 1.07 and 2
 * both installed, fontconfig prefers 2 whatever the order of their folders, and so does this.
 * FcFontMatch gives fontconfig's first choice, which is the face wanted unless the family
 * lacks the style or exists only in another format; then the full sort (untrimmed: trimming
 * drops a face whose characters earlier ones cover, such as the TrueType twin of a CFF file)
 * is walked. Returns the face (the caller destroys it), or NULL with *offer set to what
 * fontconfig offered instead (also the caller's, or NULL).
 */
static FcPattern *
fonts_choose(FcConfig *cfg, const char *family, bool bold, bool italic, FcPattern **offer)
{
	FcPattern *pat, *found = NULL;
	FcFontSet *set;
	FcResult res;
	int i;

	*offer = NULL;
	if ((pat = fonts_pattern(cfg, family, bold, italic, true)) == NULL)
		return NULL;
	*offer = FcFontMatch(cfg, pat, &res);
	if (*offer != NULL && fonts_is(*offer, family, bold, italic) &&
	    fonts_static_truetype(*offer)) {
		found = *offer;
		*offer = NULL;
	} else if ((set = FcFontSort(cfg, pat, FcFalse, NULL, &res)) != NULL) {
		for (i = 0; i < set->nfont && found == NULL; i++)
			if (fonts_is(set->fonts[i], family, bold, italic) &&
			    fonts_static_truetype(set->fonts[i]))
				found = FcFontRenderPrepare(cfg, pat, set->fonts[i]);
		FcFontSetDestroy(set);
	}
	if (found != NULL && *offer != NULL) {
		FcPatternDestroy(*offer);
		*offer = NULL;
	}
	FcPatternDestroy(pat);
	return found;
}

/* Why path could not be read, for D_READ; NULL when it can be read, so is no font. */
static const char *
fonts_read_error(const char *path)
{
	char *data = NULL;
	size_t len = 0;
	int err = util_read_file(path, 0, &data, &len);

	free(data);
	return err > 0 ? util_strerror(err) : NULL;
}

static bool
fonts_has_table(hb_face_t *face, hb_tag_t tag)
{
	hb_blob_t *b = hb_face_reference_table(face, tag);
	bool has = hb_blob_get_length(b) > 0;

	hb_blob_destroy(b);
	return has;
}

/* The PostScript name of ff (malloc'd); the family without blanks when the font has none. */
static char *
fonts_ps_name(hb_face_t *face, const char *family)
{
	unsigned n, size;
	char *s, *p;

	n = hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, NULL,
	                        NULL);
	if (n > 0) {
		size = n + 1;
		s = xmalloc(size);
		hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size,
		                    s);
		return s;
	}
	s = xstrdup(family);
	for (p = s; *family != '\0'; family++)
		if (*family != ' ')
			*p++ = *family;
	*p = '\0';
	return s;
}

/* Fill ff->adv from HarfBuzz: the nominal glyphs, then their advances, in few calls. */
static void
fonts_fill(struct fonts_face *ff)
{
	hb_codepoint_t cps[FONTS_CACHED], gids[FONTS_CACHED];
	hb_position_t advs[FONTS_CACHED];
	unsigned cp, k;

	for (cp = 0; cp < FONTS_CACHED; cp++)
		cps[cp] = cp;
	/* hb_font_get_nominal_glyphs stops at the first code point the face lacks: mark that
	 * one with glyph 0 (never a nominal glyph) and go on after it. */
	for (cp = 0; cp < FONTS_CACHED; cp += k + 1) {
		k = hb_font_get_nominal_glyphs(ff->font, FONTS_CACHED - cp, &cps[cp],
		                               sizeof(cps[0]), &gids[cp], sizeof(gids[0]));
		if (cp + k < FONTS_CACHED)
			gids[cp + k] = 0;
	}
	hb_font_get_glyph_h_advances(ff->font, FONTS_CACHED, gids, sizeof(gids[0]), advs,
	                             sizeof(advs[0]));
	for (cp = 0; cp < FONTS_CACHED; cp++)
		ff->adv[cp] = gids[cp] == 0 ? -1 : advs[cp];
}

/* Report that the face label of family exists only in a form libharu cannot embed. */
static void
fonts_not_truetype(struct diags *d, const char *label, const char *family, bool italic,
                   const char *path)
{
	const char *package = fonts_package(family, italic);

	diag_report(d, D_FONT_MISSING, NULL, label,
	            strcmp(package, "che lo contiene") == 0
	                    ? "che lo contiene in formato TrueType statico (.ttf)"
	                    : package);
	diag_note(d, NULL,
	          "'%s' non è un TrueType statico (contorni glyf), il solo formato che libharu "
	          "incorpora",
	          path);
}

/* Read the face at path for ff. Reports and returns false when it cannot be used. */
static bool
fonts_load(struct fonts_face *ff, const char *path, unsigned index, const char *label,
           const char *family, bool italic, struct diags *d)
{
	hb_blob_t *blob;
	hb_font_extents_t ext;

	ff->path = xstrdup(path);
	if ((blob = hb_blob_create_from_file_or_fail(path)) == NULL) {
		const char *err = fonts_read_error(path);

		if (err != NULL) {
			diag_report(d, D_READ, NULL, path, err);
			return false;
		}
		blob = hb_blob_get_empty();
	}
	/* The high 16 bits of fontconfig's index name an instance of a variable font. */
	ff->face = hb_face_create(blob, index & 0xFFFF);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(ff->face) == 0) {
		char *why = xasprintf("non è un file di caratteri TrueType valido: reinstallare il "
		                      "pacchetto %s",
		                      fonts_package(family, italic));

		diag_report(d, D_READ, NULL, path, why);
		free(why);
		return false;
	}
	if (!fonts_has_table(ff->face, HB_TAG('g', 'l', 'y', 'f')) ||
	    !fonts_has_table(ff->face, HB_TAG('l', 'o', 'c', 'a')) ||
	    hb_ot_var_has_data(ff->face)) {
		fonts_not_truetype(d, label, family, italic, path);
		return false;
	}
	ff->upem = hb_face_get_upem(ff->face);
	ff->font = hb_font_create(ff->face);
	hb_font_set_scale(ff->font, (int)ff->upem, (int)ff->upem);
	hb_font_make_immutable(ff->font);
	hb_font_get_h_extents(ff->font, &ext);
	ff->ascent = ext.ascender * 1000.0 / ff->upem;
	ff->descent = -ext.descender * 1000.0 / ff->upem;
	ff->name = fonts_ps_name(ff->face, family);
	fonts_fill(ff);
	return true;
}

/*
 * Report the face label (family, bold, italic) missing. match is what fontconfig offered
 * instead, or NULL. A family that is there, but not as static TrueType, is told apart.
 */
static void
fonts_missing(FcConfig *cfg, struct diags *d, const char *label, const char *family, bool bold,
              bool italic, FcPattern *match)
{
	FcPattern *pat = fonts_pattern(cfg, family, bold, italic, false), *any = NULL;
	FcChar8 *file, *other;
	FcResult res;

	if (pat != NULL)
		any = FcFontMatch(cfg, pat, &res);
	FcPatternDestroy(pat);

	if (any != NULL && fonts_is(any, family, bold, italic) &&
	    FcPatternGetString(any, FC_FILE, 0, &file) == FcResultMatch) {
		fonts_not_truetype(d, label, family, italic, (const char *)file);
	} else {
		diag_report(d, D_FONT_MISSING, NULL, label, fonts_package(family, italic));
		if (match != NULL &&
		    FcPatternGetString(match, FC_FAMILY, 0, &other) == FcResultMatch &&
		    FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch)
			diag_note(d, NULL, "al suo posto fontconfig propone '%s' (%s)",
			          (const char *)other, (const char *)file);
	}
	FcPatternDestroy(any);
}

/*
 * The faces recorded in the cache file at path for key, opened without fontconfig; NULL when the
 * cache does not hold or a face cannot be opened after all (then nothing is reported: the full
 * search runs and reports).
 */
static struct fonts *
fonts_open_cached(const char *path, const char *key, const struct fonts_want want[FACE_MAX])
{
	struct fonts_pick pick[FACE_MAX];
	struct fonts *f;
	struct diags quiet;
	bool ok;
	int i;

	if (!fonts_cache_lookup(path, key, pick))
		return NULL;
	diags_init(&quiet, NULL);
	f = xcalloc(1, sizeof(*f));
	for (i = 0, ok = true; i < FACE_MAX; i++) {
		ok = ok && fonts_load(&f->face[i], pick[i].path, pick[i].index, want[i].family,
		                      want[i].family, want[i].italic, &quiet);
		free(pick[i].path);
	}
	diags_clear(&quiet);
	if (!ok) {
		cache_debug("caratteri: un file della cache non si apre: %s", path);
		fonts_free(f);
		return NULL;
	}
	return f;
}

struct fonts *
fonts_open(const struct font_families *fam, struct diags *d)
{
	const char *family[ROLE_MAX];
	bool role_missing[ROLE_MAX] = {false};
	struct fonts *f = NULL;
	FcConfig *cfg = NULL;
	FcPattern *match = NULL, *offer;
	FcChar8 *file;
	char *label = NULL, *key, *cpath = NULL;
	struct fonts_want want[FACE_MAX];
	struct fonts_pick pick[FACE_MAX] = {{NULL, 0}};
	long long since;
	bool ok = true, bold, italic;
	int index, i;

	family[ROLE_TEXT] = fam != NULL && fam->text != NULL ? fam->text : NULL;
	family[ROLE_MONO] = fam != NULL && fam->mono != NULL ? fam->mono : NULL;
	family[ROLE_FALLBACK] = fam != NULL && fam->fallback != NULL ? fam->fallback : NULL;
	family[ROLE_FALLBACK2] = fam != NULL && fam->fallback2 != NULL ? fam->fallback2 : NULL;
	for (i = 0; i < ROLE_MAX; i++)
		if (family[i] == NULL)
			family[i] = default_family[i];

	for (i = 0; i < FACE_MAX; i++) {
		want[i].family = family[face_style[i].role];
		want[i].bold = face_style[i].bold;
		want[i].italic = face_style[i].italic;
	}
	if ((key = fonts_cache_key(want, &cpath)) != NULL &&
	    (f = fonts_open_cached(cpath, key, want)) != NULL) {
		free(key);
		free(cpath);
		return f;
	}
	/* With a cache, a configuration of this call's own: the current one of a long-running
	 * process (watch) may be older than the files it would be recorded with. */
	since = cache_now();
	if ((cfg = key != NULL ? FcInitLoadConfigAndFonts() : FcConfigReference(NULL)) == NULL) {
		diag_report(d, D_INTERNAL, NULL, "fontconfig non ha caricato la configurazione");
		free(key);
		free(cpath);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	for (i = 0; i < FACE_MAX; i++) {
		enum fonts_role role = face_style[i].role;

		/* A family missing altogether is reported once, for its regular face. */
		if (role_missing[role])
			continue;
		bold = face_style[i].bold;
		italic = face_style[i].italic;
		free(label);
		label = fonts_label(family[role], bold, italic);
		FcPatternDestroy(match);
		match = fonts_choose(cfg, family[role], bold, italic, &offer);
		if (match == NULL ||
		    FcPatternGetString(match, FC_FILE, 0, &file) != FcResultMatch) {
			fonts_missing(cfg, d, label, family[role], bold, italic, offer);
			FcPatternDestroy(offer);
			if (!bold && !italic)
				role_missing[role] = true;
			ok = false;
			continue;
		}
		if (FcPatternGetInteger(match, FC_INDEX, 0, &index) != FcResultMatch)
			index = 0;
		if (!fonts_load(&f->face[i], (const char *)file, (unsigned)index, label,
		                family[role], italic, d))
			ok = false;
		pick[i].path = f->face[i].path;
		pick[i].index = (unsigned)index;
	}
	if (ok && key != NULL)
		fonts_cache_store(cpath, key, cfg, pick, since);
	FcPatternDestroy(match);
	FcConfigDestroy(cfg);
	free(label);
	free(key);
	free(cpath);
	if (!ok) {
		fonts_free(f);
		return NULL;
	}
	return f;
}

void
fonts_free(struct fonts *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < FACE_MAX; i++) {
		hb_font_destroy(f->face[i].font);
		hb_face_destroy(f->face[i].face);
		free(f->face[i].path);
		free(f->face[i].name);
	}
	free(f);
}

const char *
fonts_path(const struct fonts *f, enum face face)
{
	return f->face[face].path;
}

const char *
fonts_name(const struct fonts *f, enum face face)
{
	return f->face[face].name;
}

/* The advance of cp in ff in font units, or -1 when ff lacks it. */
static int32_t
fonts_units(const struct fonts_face *ff, uint32_t cp)
{
	hb_codepoint_t gid;

	if (cp < FONTS_CACHED)
		return ff->adv[cp];
	if (!hb_font_get_nominal_glyph(ff->font, cp, &gid))
		return -1;
	return hb_font_get_glyph_h_advance(ff->font, gid);
}

bool
fonts_has(const struct fonts *f, enum face face, uint32_t cp)
{
	hb_codepoint_t gid;

	assert(face >= 0 && face < FACE_MAX && "a face, not fonts_pick's -1");
	if (cp < FONTS_CACHED)
		return f->face[face].adv[cp] >= 0;
	return hb_font_get_nominal_glyph(f->face[face].font, cp, &gid);
}

int
fonts_pick(const struct fonts *f, enum face face, uint32_t cp)
{
	/* control characters draw nothing; the PDF's two-byte CIDs stop at U+FFFF */
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp > 0xFFFF)
		return -1;
	if (fonts_has(f, face, cp))
		return (int)face;
	if (fonts_has(f, FACE_FALLBACK, cp))
		return FACE_FALLBACK;
	if (fonts_has(f, FACE_FALLBACK2, cp))
		return FACE_FALLBACK2;
	return -1;
}

double
fonts_advance(const struct fonts *f, enum face face, uint32_t cp)
{
	const struct fonts_face *ff;
	int32_t u;

	assert(face >= 0 && face < FACE_MAX && "a face, not fonts_pick's -1");
	ff = &f->face[face];
	u = fonts_units(ff, cp);

	return u < 0 ? 0.0 : u * 1000.0 / ff->upem;
}

/* The features fonts_kern shapes with: kerning, and none of the substitutions that would
 * change which glyph draws a character (HarfBuzz turns liga, clig and calt on by default). */
static const hb_feature_t kern_features[] = {
        {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('c', 'a', 'l', 't'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
        {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
};

void
fonts_kern(const struct fonts *f, enum face face, const uint32_t *cps, size_t n, double *kern)
{
	const struct fonts_face *ff;
	hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
	hb_buffer_t *buf;
	hb_glyph_info_t *info;
	hb_glyph_position_t *pos;
	unsigned glyphs = 0;
	size_t i;

	assert(face >= 0 && face < FACE_MAX && "a face, not fonts_pick's -1");
	ff = &f->face[face];
	for (i = 0; i < n; i++)
		kern[i] = 0;
	if (n < 2 || n > 0xFFFF)
		return;
	for (i = 0; i < n; i++)
		if (hb_unicode_general_category(uf, cps[i]) ==
		    HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK)
			return; /* marks are positioned, not kerned: their advance would go */
	buf = hb_buffer_create();
	hb_buffer_add_codepoints(buf, cps, (int)n, 0, (int)n);
	hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
	hb_buffer_set_language(buf, hb_language_from_string("it", 2));
	hb_buffer_guess_segment_properties(buf);
	hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
	hb_shape(ff->font, buf, kern_features, sizeof(kern_features) / sizeof(kern_features[0]));
	info = hb_buffer_get_glyph_infos(buf, &glyphs);
	pos = hb_buffer_get_glyph_positions(buf, NULL);
	if (glyphs == n && info != NULL && pos != NULL) {
		for (i = 0; i < n && info[i].cluster == i; i++)
			;
		if (i == n) {
			for (i = 0; i < n; i++) {
				int32_t u = fonts_units(ff, cps[i]);

				/* a glyph moved by x_offset: the space before it grows, the one
				 * after it shrinks */
				kern[i] = (pos[i].x_advance - (u < 0 ? 0 : u) - pos[i].x_offset +
				           (i + 1 < n ? pos[i + 1].x_offset : 0)) *
				          1000.0 / ff->upem;
			}
			kern[n - 1] = 0;
		}
	}
	hb_buffer_destroy(buf);
}

double
fonts_ascent(const struct fonts *f, enum face face)
{
	return f->face[face].ascent;
}

double
fonts_descent(const struct fonts *f, enum face face)
{
	return f->face[face].descent;
}

unsigned char *
fonts_subset(const struct fonts *f, enum face face, const uint32_t *cps, size_t n, size_t *len)
{
	hb_subset_input_t *in = NULL;
	hb_face_t *sub = NULL;
	hb_blob_t *blob = NULL;
	hb_set_t *set;
	unsigned char *out = NULL;
	const char *data;
	unsigned blen = 0;
	size_t i;

	*len = 0;
	if ((in = hb_subset_input_create_or_fail()) == NULL)
		goto out;
	set = hb_subset_input_unicode_set(in);
	for (i = 0; i < n; i++)
		hb_set_add(set, cps[i]);
	if (!hb_set_allocation_successful(set))
		goto out;
	set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	for (i = 0; i < sizeof(dropped_tables) / sizeof(dropped_tables[0]); i++)
		hb_set_add(set, dropped_tables[i]);
	/* Copyright, family, subfamily, unique id, full name, version, PostScript name:
	 * libharu reads 2 and 6, PDF readers show 1 and 4. */
	set = hb_subset_input_set(in, HB_SUBSET_SETS_NAME_ID);
	hb_set_add_range(set, 0, 6);
	/* No hinting (cvt, fpgm, prep, glyph instructions): two thirds of a Liberation subset, and
	 * of no use in a PDF read on screens of any resolution and printed at 600 dpi or more.
	 * pdf.c embeds the subset as it is (libharu only reads it), so no table goes empty. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
	if ((sub = hb_subset_or_fail(f->face[face].face, in)) == NULL)
		goto out;
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &blen);
	if (data == NULL || blen == 0)
		goto out;
	out = xmalloc(blen);
	memcpy(out, data, blen);
	*len = blen;
out:
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	hb_subset_input_destroy(in);
	return out;
}
