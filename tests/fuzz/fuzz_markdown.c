/*
 * fuzz_markdown.c: any Markdown through the normal form, the HTML and the PDF back end:
 * cmark, the typesetter (line breaking, hyphenation, pages) and the PDF writer, in memory.
 *
 * In the big pass (VERBALE_FUZZ_BIG set, inputs up to 2 MiB) a text goes first through
 * markdown_check, as every text field and annex does in verbale, and only a text it accepts
 * goes on, to the normal form and the HTML: cmark's inline parser is quadratic in brackets and
 * emphasis runs (the reason for markdown_check), and typesetting is linear work of about 10 s
 * a MiB under the sanitizers, which the big pass's 5 s per input would report.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fonts.h"
#include "hyphenate.h"
#include "markdown.h"
#include "pdf.h"
#include "style.h"
#include "typeset.h"
#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct fonts *fonts;
static struct hyphenator *hyph;
static struct ts_style style;
static bool big; /* the big pass */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct diags d;

	(void)argc;
	(void)argv;
	big = getenv("VERBALE_FUZZ_BIG") != NULL;
	diags_init(&d, stderr);
	style_default(&style);
	fonts = fonts_open(&style.fonts, &d);
	hyph = hyphenate_open(NULL, NULL, &d);
	diags_flush(&d);
	diags_clear(&d);
	if (fonts == NULL || hyph == NULL)
		abort();
	return 0;
}

/* Half the images stay in the HTML, half become their description. */
static char *
keep_some(void *ctx, const char *url)
{
	(void)ctx;
	return strlen(url) % 2 == 0 ? xstrdup("data:image/png;base64,QUJD") : NULL;
}

/* Every image is missing: the PDF's warnings for images alone and inside text. */
static const char *
no_image(void *ctx, const char *url, const char **why, enum ts_image_kind *kind, double *w,
         double *h)
{
	(void)ctx;
	(void)url;
	(void)kind;
	(void)w;
	(void)h;
	*why = "missing";
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cmark_node *ast = NULL;
	struct ts_hooks hooks;
	struct pdf_meta meta;
	struct ts_doc *doc = NULL;
	struct buf pdf = {0};
	struct diags d;
	char *md, *html, *field;
	char *text = xstrndup((const char *)data, size);

	diags_init(&d, NULL);
	if (big && !markdown_check(text, &(struct pos){"fuzz.md", 1, 1}, &d)) {
		free(text);
		diags_clear(&d);
		return 0;
	}
	memset(&hooks, 0, sizeof(hooks));
	hooks.image = no_image;
	memset(&meta, 0, sizeof(meta));
	meta.title = "fuzz";
	meta.author = "verbale";
	meta.creator = "verbale";
	meta.icc_path = "/usr/share/color/icc/sRGB.icc";
	field = markdown_field(text, 2, 3);
	md = markdown_normalize(text, size, &ast);
	html = markdown_html(md, strlen(md), MARKDOWN_QUOTES_HIGH, keep_some, NULL);
	if (!big) {
		doc = ts_typeset(ast, &style, fonts, hyph, &hooks, &d);
		pdf_write(doc, fonts, &meta, NULL, &pdf, &d);
	}
	buf_free(&pdf);
	ts_free(doc);
	markdown_free(ast);
	free(field);
	free(md);
	free(html);
	free(text);
	diags_clear(&d);
	return 0;
}
