/*
 * scaffold.h: the session `verbale new --file-organo` writes: the templates' folder's
 * nuova-seduta-organo.yaml with the body file's name, the date and the members in office
 * filled in; the path of the schema in either scaffold. Nothing here reads or writes files (main.c
 * does).
 *
 * Ownership: the text returned is malloc'd; the caller frees it.
 */
#ifndef VERBALE_SCAFFOLD_H
#define VERBALE_SCAFFOLD_H

#include <stddef.h>

#include "model.h"

/*
 * tmpl[0..len) with its placeholders filled in: {{file_organo}} (file_organo, as a YAML
 * string), {{data}} (day), {{presidente}} (the first member of body in office on day, by id or
 * "Nome Cognome"), {{presidente_nome}} (that member's name) and {{componenti}} (a comment line
 * for each member in office). body's componenti are those in office (load_organo_file).
 */
/*
 * tmpl[0..len) with each {{schema}} replaced by schema (the session file's JSON Schema, for
 * the editor's "# yaml-language-server: $schema=" line); when schema is NULL, each line that
 * holds {{schema}} left out. Its length in *outlen.
 */
char *scaffold_schema(const char *tmpl, size_t len, const char *schema, size_t *outlen);
char *scaffold_organo(const char *tmpl, size_t len, const char *file_organo,
                      const struct session *body, const struct date *day);

#endif
