/* style.c: the template folder's style file (stile.yaml), and the defaults it starts from. */
#include "style.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "linebreak.h"
#include "model.h"
#include "schema.h"
#include "typeset.h"
#include "util.h"
#include "ytree.h"

/* The defaults are the values of the shipped templates/stile.yaml (style_test.c checks it),
 * converted as the file's are: a key left out of a style file changes nothing. */
void
style_default(struct ts_style *st)
{
	const double cm = 72 / 2.54; /* points, as schema.c converts a length in cm */

	memset(st, 0, sizeof(*st));
	st->page_width = 595.276; /* A4 */
	st->page_height = 841.89;
	st->margin_top = 3 * cm;
	st->margin_bottom = 2.5 * cm;
	st->margin_left = 2.5 * cm;
	st->margin_right = 2.5 * cm;
	st->size = 12;
	st->leading = 15;
	st->para_skip = 6;
	st->heading_size[0] = 15;
	st->heading_size[1] = 13;
	st->heading_size[2] = 12;
	st->code_size = 10;
	st->margin_size = 9;
	st->indent = 18;
	st->logo_height = 28;
	st->header_skip = 30;
	st->footer_skip = 30;
	st->tolerance = LB_TOLERANCE;
	st->hyphen_penalty = LB_HYPHEN_PENALTY;
	st->pretolerance = LB_PRETOLERANCE;
}

static void
read_cstr(struct schema_reader *r, const struct ynode *n, void *dst, const char *key)
{
	const char *s = schema_read_scalar(r, n, key);

	if (s != NULL)
		*(const char **)dst = s; /* the tree lives in the caller's arena */
}

static void
read_penalty(struct schema_reader *r, const struct ynode *n, void *dst, const char *key)
{
	long v;

	if (schema_read_long(r, n, key, 10000, &v))
		*(int *)dst = (int)v;
}

/* How far a justified line may stretch: a plain number, as TeX's \tolerance. */
static void
read_tolerance(struct schema_reader *r, const struct ynode *n, void *dst, const char *key)
{
	long v;

	if (schema_read_long(r, n, key, 10000, &v))
		*(double *)dst = (double)v;
}

static const struct schema_custom cstr = {read_cstr}, penalty = {read_penalty},
                                  tolerance = {read_tolerance};

/* The ranges of the style's lengths, in points: sane pages, margins, type sizes. */
static const struct schema_range page_len = {100, 2000}, margin_len = {0, 1000}, type_len = {6, 30},
                                 heading_len = {6, 72}, leading_len = {6, 90}, space_len = {0, 72},
                                 logo_len = {0, 200};

#define LEN(key, member, range)                                                                    \
	{                                                                                          \
		key, F_LENGTH, offsetof(struct ts_style, member), 0, NULL, &range                  \
	}
#define TXT(key, member)                                                                           \
	{                                                                                          \
		key, F_CUSTOM, offsetof(struct ts_style, member), 0, NULL, &cstr                   \
	}

static const struct field page_fields[] = {
        LEN("larghezza", page_width, page_len),
        LEN("altezza", page_height, page_len),
        LEN("margine_alto", margin_top, margin_len),
        LEN("margine_basso", margin_bottom, margin_len),
        LEN("margine_sinistro", margin_left, margin_len),
        LEN("margine_destro", margin_right, margin_len),
};
static const struct field text_fields[] = {
        LEN("corpo", size, type_len),
        LEN("interlinea", leading, leading_len),
        LEN("spazio_paragrafi", para_skip, space_len),
        LEN("rientro", indent, space_len),
        LEN("titolo1", heading_size[0], heading_len),
        LEN("titolo2", heading_size[1], heading_len),
        LEN("titolo3", heading_size[2], heading_len),
        LEN("codice", code_size, type_len),
        {"tolleranza", F_CUSTOM, offsetof(struct ts_style, tolerance), 0, NULL, &tolerance},
        {"pretolleranza", F_CUSTOM, offsetof(struct ts_style, pretolerance), 0, NULL, &tolerance},
        {"penalita_sillabazione", F_CUSTOM, offsetof(struct ts_style, hyphen_penalty), 0, NULL,
         &penalty},
        {"virgolette", F_ENUM, offsetof(struct ts_style, quotes), 0, NULL, model_quotes_names},
};
static const struct field margins_fields[] = {
        TXT("testata", header),
        TXT("piede", footer),
        LEN("corpo", margin_size, type_len),
        LEN("distanza_testata", header_skip, margin_len),
        LEN("distanza_piede", footer_skip, margin_len),
        LEN("altezza_logo", logo_height, logo_len),
};
static const struct field document_fields[] = {
        TXT("titolo", title),
        TXT("oggetto", subject),
        TXT("parole_chiave", keywords),
};
static const struct field register_fields[] = {
        TXT("testata", register_header),
        TXT("piede", register_footer),
        TXT("titolo", register_title),
};
static const struct field fonts_fields[] = {
        TXT("testo", fonts.text),
        TXT("codice", fonts.mono),
        TXT("riserva", fonts.fallback),
        TXT("riserva2", fonts.fallback2),
};
static const struct schema page_schema = SCHEMA(page_fields), text_schema = SCHEMA(text_fields),
                           margins_schema = SCHEMA(margins_fields),
                           fonts_schema = SCHEMA(fonts_fields),
                           document_schema = SCHEMA(document_fields),
                           register_schema = SCHEMA(register_fields);
/* The style's sections all fill the one struct ts_style: offset 0. */
static const struct field style_fields[] = {
        {"pagina", F_MAP, 0, 0, NULL, &page_schema},
        {"testo", F_MAP, 0, 0, NULL, &text_schema},
        {"margini", F_MAP, 0, 0, NULL, &margins_schema},
        {"caratteri", F_MAP, 0, 0, NULL, &fonts_schema},
        {"documento", F_MAP, 0, 0, NULL, &document_schema},
        {"registro", F_MAP, 0, 0, NULL, &register_schema},
};
static const struct schema style_schema = SCHEMA(style_fields);

/* Where a check of the style points: the value of the first of keys given in section sec, else
 * the section, else the file's start. */
static struct pos
style_at(const struct ynode *root, const char *sec, const char *k1, const char *k2)
{
	const struct ynode *m = ytree_get(root, sec), *v;

	if (m != NULL && m->kind == YNODE_MAP) {
		if ((v = ytree_get(m, k1)) != NULL ||
		    (k2 != NULL && (v = ytree_get(m, k2)) != NULL))
			return v->pos;
		return m->pos;
	}
	return root->pos;
}

/* The values together: the text area at least a third of the page each way, the leading one to
 * three times the body size, header and footer inside the page. */
static void
check_style(const struct ts_style *st, const struct ynode *root, struct diags *d)
{
	struct pos at;

	if (st->margin_left + st->margin_right > st->page_width * 2 / 3) {
		at = style_at(root, "pagina", "margine_destro", "margine_sinistro");
		diag_report(d, D_STYLE_AREA, &at, "margine_sinistro", "margine_destro",
		            "della larghezza");
	}
	if (st->margin_top + st->margin_bottom > st->page_height * 2 / 3) {
		at = style_at(root, "pagina", "margine_basso", "margine_alto");
		diag_report(d, D_STYLE_AREA, &at, "margine_alto", "margine_basso", "dell'altezza");
	}
	if (st->leading < st->size || st->leading > 3 * st->size) {
		at = style_at(root, "testo", "interlinea", "corpo");
		diag_report(d, D_STYLE_LEADING, &at, st->size);
	}
	if (st->header_skip > st->margin_top) {
		at = style_at(root, "margini", "distanza_testata", NULL);
		diag_report(d, D_STYLE_SKIP, &at, "distanza_testata", "margine_alto", "la testata");
	}
	if (st->footer_skip > st->margin_bottom) {
		at = style_at(root, "margini", "distanza_piede", NULL);
		diag_report(d, D_STYLE_SKIP, &at, "distanza_piede", "margine_basso",
		            "il piè di pagina");
	}
}

bool
style_load(const char *path, const struct util_reader *reader, struct ts_style *st, struct arena *a,
           struct diags *d)
{
	struct schema_reader r;
	struct ynode *root;
	size_t errors = d->errors;
	char *data;
	size_t len;
	bool ok;
	int err = util_read_file_via(reader, path, 1024 * 1024, &data, &len);

	style_default(st);
	if (err == ENOENT)
		return true; /* no style file: the defaults */
	if (err != 0) {
		struct pos p = {path, 0, 0};

		if (err == -1) /* user input, like the session file */
			diag_report(d, D_FILE_TOO_BIG, &p, len, (size_t)1);
		else
			diag_report(d, D_READ, &p, path, util_strerror(err));
		return false;
	}
	root = ytree_parse(data, len, arena_strdup(a, path), a, d, &ok);
	if (!ok) {
		free(data);
		return false;
	}
	schema_init(&r, data, len, a, d);
	if (root != NULL && !ytree_is_null(root)) {
		schema_read_map(&r, root, &style_schema, st, NULL);
		if (d->errors == errors)
			check_style(st, root, d);
	}
	schema_clear(&r);
	free(data);
	return d->errors == errors;
}
