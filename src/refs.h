/*
 * refs.h: member-name resolution. A member reference (struct ref) names a member by surname,
 * "nome cognome" or id, compared folded (case, accents, spacing); a candidate may name one.
 * Unknown and ambiguous names are reported with the nearest members as did-you-mean.
 *
 * Nothing here allocates what it returns: the results are written into the session.
 */
#ifndef VERBALE_REFS_H
#define VERBALE_REFS_H

#include <stddef.h>

#include "model.h"

struct diags;

/*
 * Check that the members of s can be told apart (ids, folded names), then resolve refs[0..n)
 * (borrowed; each points into s) and the candidates of every election: ref->member and
 * candidate->member get the member's index, or stay -1 after an error.
 */
void refs_resolve(struct session *s, struct ref *const *refs, size_t n, struct diags *d);
/* Each act of the sitting has its own number (compared as member names are: "16/A", "16/a"). */
void refs_check_acts(const struct session *s, struct diags *d);

#endif
