/*
 * check.h: what `verbale check` prints for one session file: each act's votes with their
 * computed figures and outcome, as an Italian table or as one JSON object.
 */
#ifndef VERBALE_CHECK_H
#define VERBALE_CHECK_H

#include <stdio.h>

#include "diag.h"
#include "model.h"

/* s may be NULL when the file could not be read at all. Each line fits width columns (the
 * subjects and names wrapped, a word too wide cut with "…"); 0: no limit. */
void check_print_text(FILE *out, const char *file, const struct session *s, size_t width);
/* One JSON object; "errori" lists d's reports from index first on. */
void check_print_json(FILE *out, const char *file, const struct session *s, const struct diags *d,
                      size_t first);

#endif
