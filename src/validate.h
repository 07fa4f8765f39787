/*
 * validate.h: the consistency checks of FORMAT.md over a loaded session: members voting twice
 * or while absent, names in secret ballots, counts that do not add up, stated figures that
 * differ from the computed ones, moves and points that do not exist. Every problem is
 * reported into d with its position; nothing stops at the first.
 */
#ifndef VERBALE_VALIDATE_H
#define VERBALE_VALIDATE_H

#include "diag.h"
#include "model.h"

void validate_session(const struct session *s, struct diags *d);

#endif
