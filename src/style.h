/*
 * style.h: how the pages look, from the template folder's style file (stile.yaml): page,
 * margins, sizes, header and footer texts, PDF metadata, font families (struct ts_style of
 * typeset.h). The defaults compiled in are those of the shipped templates/stile.yaml.
 */
#ifndef VERBALE_STYLE_H
#define VERBALE_STYLE_H

#include <stdbool.h>

struct arena;
struct diags;
struct ts_style;
struct util_reader;

/* The defaults: the numbers of the shipped templates/stile.yaml (A4, 3 cm and 2.5 cm margins,
 * 12 pt on 15 pt, ...); no header, footer or metadata texts; the font families NULL, that is
 * fonts.c's defaults, which are stile.yaml's too. */
void style_default(struct ts_style *st);

/*
 * Read the style file at path into st, starting from style_default; a missing file leaves the
 * defaults. Strings live in a. The file is read through reader (borrowed for the call; NULL:
 * nobody records the read, see util.h). False after reporting errors.
 */
bool style_load(const char *path, const struct util_reader *reader, struct ts_style *st,
                struct arena *a, struct diags *d);

#endif
