/*
 * fuzz_template.c: the Mustache engine on any template text, with data that has strings,
 * lists, maps and booleans, partials in memory (one of them the input itself, so that
 * recursion is tried), in Markdown and HTML escaping, strict and not.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "template.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct tval top, partials, *l, *m;
	struct tmpl_opts to = {TMPL_ESCAPE_MARKDOWN, false, NULL, &partials, 8, NULL};
	char *text = xstrndup((const char *)data, size);
	struct buf out = {0};
	struct diags d;
	int i;

	tval_map(&top);
	tval_str(tval_set(&top, a, "nome"), a, "Cogno *a* _b_ # [c](d) <e> & 1.");
	tval_bool(tval_set(&top, a, "vero"), true);
	tval_bool(tval_set(&top, a, "falso"), false);
	l = tval_set(&top, a, "lista");
	tval_list(l);
	for (i = 0; i < 3; i++) {
		m = tval_push(l, a);
		tval_map(m);
		tval_strf(tval_set(m, a, "n"), a, "%d", i);
		tval_bool(tval_set(m, a, "ultimo"), i == 2);
	}
	m = tval_set(&top, a, "mappa");
	tval_map(m);
	tval_str(tval_set(m, a, "testo"), a, "{{nome}}");
	tval_map(&partials);
	tval_str(tval_set(&partials, a, "sé"), a, text);
	tval_str(tval_set(&partials, a, "p"), a, "[{{nome}}]\n");
	diags_init(&d, NULL);
	tmpl_render(text, size, "fuzz.mustache", &top, &to, &out, &d);
	buf_free(&out);
	to.escape = TMPL_ESCAPE_HTML;
	to.strict = true;
	tmpl_render(text, size, "fuzz.mustache", &top, &to, &out, &d);
	buf_free(&out);
	diags_clear(&d);
	free(text);
	arena_free(a);
	return 0;
}
