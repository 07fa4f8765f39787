/*
 * fuzz_pipeline.c: the whole pipeline, from a session file's bytes to the PDF, the Markdown
 * and the HTML in memory (render_buffer). Run from the project's root (it reads templates/).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "diag.h"
#include "render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct render_env *env; /* loaded once: fonts, dictionary, style */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct render_opts ro = {RENDER_PDF | RENDER_MD | RENDER_HTML, NULL, "templates", NULL};
	struct diags d;

	(void)argc;
	(void)argv;
	diags_init(&d, stderr);
	env = render_env_new(&ro, &d);
	diags_flush(&d);
	diags_clear(&d);
	if (env == NULL)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct render_output o;
	struct diags d;

	diags_init(&d, NULL);
	render_buffer(env, (const char *)data, size, "fuzz.yaml", &o, &d);
	render_output_clear(&o);
	diags_clear(&d);
	return 0;
}
