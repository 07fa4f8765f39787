/*
 * odt.h: the minutes as OpenDocument Text (render -f odt), the copy that colleagues correct in
 * LibreOffice or Word. A .odt package written with libzip (the only module that includes
 * zip.h): mimetype first and stored, content.xml, styles.xml, meta.xml, the pictures (the
 * logo, the images of the text) under Pictures/, META-INF/manifest.xml.
 *
 * The text comes from the cmark AST the PDF is typeset from, as named styles: paragraphs
 * Titolo (level 1 headings), Oggetto (level 2), Sezione (3 to 6), Corpo, Centrato
 * (<!-- verbale:centro -->), Votazione and Esito (a vote block, <!-- verbale:insieme --> that
 * opens with a heading: its paragraphs, and the one ending in bold, the outcome), Firma and
 * Riga_firma (<!-- verbale:firme --> or firmate: the signatures side by side, two to a row, in
 * a table without borders), Elenco, Citazione, Codice, Cella, Cella_intestazione, Separatore,
 * Immagine, Intestazione, Piede; characters Grassetto, Corsivo, Barrato, Codice_in_linea,
 * Collegamento; lists Elenco_puntato and Elenco_numerato. Their faces and sizes are
 * stile.yaml's (struct ts_style), as the PDF's are; the page is the style's, with its margins;
 * the header and the footer are stile.yaml's testata and piede run over the template data,
 * pagina and pagine as LibreOffice's page number and page count fields; the language is it-IT.
 * The same input gives the same bytes: every entry's time and the metadata's dates are
 * SOURCE_DATE_EPOCH when it is set, else the sitting's date at midnight UTC.
 */
#ifndef VERBALE_ODT_H
#define VERBALE_ODT_H

#include <stdbool.h>

#include "diag.h"
#include "util.h"

struct arena;
struct cmark_node;
struct inputs;
struct session;
struct ts_style;
struct tval;

/* What a document is made from; everything borrowed for the call. */
struct odt_job {
	struct cmark_node *ast;    /* the minutes (markdown_normalize_safe's tree) */
	const struct ts_style *st; /* stile.yaml */
	struct tval *data;         /* the template data: stile.yaml's texts are run over it */
	struct arena *a;           /* data's arena: odt_make sets pagina, pagine, atto, atti */
	const char *template_dir;  /* the partials of stile.yaml's texts */
	const struct util_reader *reader; /* reads the logo, the images, the partials (NULL: none
	                                     recorded) */
	const char *dir;                  /* the session's folder, where images are (NULL: none) */
	const struct inputs *files;       /* the logo, checked by inputs_check (NULL: none) */
	const struct session *s;          /* the sitting (its date), the ente (the author) */
	/* no other output warns about the images of the text: warn (D_IMAGE_SKIPPED) and tell
	 * seen (may be NULL) of each local one, as inputs_check's seen */
	bool speak;
	void (*seen)(void *ctx, const char *path);
	void *seen_ctx;
};

/*
 * The .odt package of job into out (appended). False after reporting: a template error in
 * stile.yaml's texts (exit 1), libzip failing (D_INTERNAL, exit 3).
 */
bool odt_make(const struct odt_job *job, struct buf *out, struct diags *d);

#endif
