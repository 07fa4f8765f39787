/*
 * context.h: the session and its computed outcomes as template data.
 *
 * Everything a template may use is built here, as strings, booleans, lists and maps; the words
 * of the minutes are the templates'. Figures come from rules.c, never from `dichiarato`. Every
 * list item has `posizione` (1-based), `primo`, `ultimo` and `penultimo`, so that templates can
 * write separators ("A - B - C", "1, 2 e 3"). The keys are documented in verbale(5) and in
 * templates/README.md.
 */
#ifndef VERBALE_CONTEXT_H
#define VERBALE_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "tval.h"

struct arena;

/*
 * The data for the templates. annex[i] is the Markdown text of the i-th annex of the session
 * (counting the annexes of every act in order), or NULL when it could not be read. With acts,
 * each act also has what its own document needs (render --atti): who was in the room for it
 * and the attendance table of its votes. The result lives in a.
 */
struct tval *context_build(const struct session *s, const char *const *annex, bool acts,
                           struct arena *a);

/*
 * The data of act i's own document, from data (context_build's, with acts): the same keys,
 * deliberazioni holding that act alone, deliberazione that act, and presenze its attendance table.
 * It shares data's values (nothing is copied but the top map) and lives in a.
 */
struct tval *context_act(struct tval *data, size_t i, struct arena *a);

#endif
