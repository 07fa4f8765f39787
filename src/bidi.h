/*
 * bidi.h: the bidi controls in the templates' data. U+202A-U+202E and U+2066-U+2069 would
 * reorder the text in the HTML preview but not in the PDF: every one in a string of the data
 * the templates see (the session's values, the annexes) is written visibly as its code,
 * "‹U+202E›", in every output (the marks are inert in Markdown and HTML), with a warning.
 * Used by render.c.
 */
#ifndef VERBALE_BIDI_H
#define VERBALE_BIDI_H

#include "diag.h"
#include "tval.h"
#include "util.h"

/*
 * Every string of v and below it with its bidi controls written as their codes (a new string
 * in a, the others left as they are). seen gets one bit per control found (bits 0-4: U+202A-E,
 * 5-8: U+2066-9).
 */
void bidi_show_data(struct tval *v, struct arena *a, unsigned *seen);

/* A warning for each control bidi_show_data found (seen), at file. */
void bidi_warn(unsigned seen, const char *file, struct diags *d);

#endif
