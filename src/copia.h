/*
 * copia.h: the published copy of a document (render --copia), as template data: what the
 * Albo pretorio may show of the minutes or of one act.
 */
#ifndef VERBALE_COPIA_H
#define VERBALE_COPIA_H

#include "model.h"
#include "tval.h"

struct arena;

/*
 * The data of the published copy of a document, from its data (context_build's, or
 * context_act's for act; act NULL for the processo verbale): the same keys, and copia true.
 * data is not changed: the copy shares what it does not change. The result lives in a.
 */
struct tval *copia_data(struct tval *data, const struct session *s, const struct act *act,
                        struct arena *a);

#endif
