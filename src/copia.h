/*
 * copia.h: the published copy of a document (render --copia), as template data: what the
 * Albo pretorio may show of the minutes or of one act; and the checks of the keys it reads
 * (omissis, pubblicazione).
 */
#ifndef VERBALE_COPIA_H
#define VERBALE_COPIA_H

#include "diag.h"
#include "model.h"
#include "tval.h"

struct arena;

/*
 * The data of the published copy of a document, from its data (context_build's, or
 * context_act's for act; act NULL for the processo verbale). data is not changed: the copy
 * shares every value under which nothing changed. The result lives in a. In the copy:
 * - copia is true;
 * - each of firme has firmato, "Nome COGNOME" when its nome is a member's or the secretary's
 *   (nome and cognome in either order, case and accents aside), else the name as written;
 * - certificato: per_atto (the copy of an act), pubblicazione (its dates are known), dal and
 *   al (in words, "" without pubblicazione; al is dal + giorni - 1), giorni and
 *   giorni_lettere, atti (each adopted act, the copy's own for an act: numero, immediata, the
 *   immediata eseguibilità approved, esecutiva_dal, dal + 10 in words or "") and ha_atti;
 *   pubblicazione is the act's own when it has one, else the session's;
 * - every string (but logo) has each text of omissis (the session's, and for the processo
 *   verbale every act's, for an act its own) replaced by "omissis", "OMISSIS" where the text
 *   is in capitals: matched in normal form C, case aside (one character each way), every
 *   apostrophe and double quote shape alike, any run of white space for a space;
 * - each annex omissis names ({allegato: FILE}) has the text "Allegato omesso nella copia
 *   pubblicata" (its title stays, masked as every string).
 * A text of omissis that matches nothing in the copy (misspelt? then what it meant to hide is
 * shown) is a warning in d, at the text (NULL: none); the copy of the processo verbale, which
 * holds every act's text, is the one to ask for them.
 * The PDF of a copy has no signature fields (render.c's pdf_job.copy says it is a copy).
 */
struct tval *copia_data(struct tval *data, const struct session *s, const struct act *act,
                        struct arena *a, struct diags *d);

/*
 * The checks of omissis and pubblicazione, each error at its value: a text of omissis that a
 * public name holds (a member's or the secretary's "Nome Cognome" or "Cognome Nome", a
 * signer's, matched as the copy matches: the copy would hide it); {allegato: FILE} naming no
 * annex (of the session's acts; in an act, of that act); giorni below 1; dal before the
 * sitting. Empty texts are the loader's (D_EMPTY).
 */
void copia_check(const struct session *s, struct diags *d);

/* The date days (>= 0) after y-m-d into *oy, *om, *od: 2024-04-22 + 14 is 2024-05-06. */
void copia_date_add(int y, int m, int d, long days, int *oy, int *om, int *od);

#endif
