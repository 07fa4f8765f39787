/*
 * fuzz_pipeline.c: the whole pipeline, from a session file's bytes to the PDF, the Markdown
 * and the HTML in memory (render_buffer). Run from the project's root (it reads templates/).
 *
 * In the big pass (VERBALE_FUZZ_BIG set, inputs up to 2 MiB) an input goes through what
 * `verbale check` does instead: loading, validation, the rules and both check outputs. The
 * loader's limits are what the big inputs are for; the render of a session at those limits is
 * linear work of seconds even without the sanitizers (10,000 votes: 3,334 pages in 2.5 s),
 * 30 s under them, which the big pass's 5 s per input would report.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "diag.h"
#include "inputs.h"
#include "load.h"
#include "render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct render_env *env; /* loaded once: fonts, dictionary, style */
static FILE *devnull;          /* the big pass's check output */

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct render_opts ro = {.formats = RENDER_PDF | RENDER_MD | RENDER_HTML | RENDER_ODT,
	                         .template_dir = "templates"};
	struct diags d;

	(void)argc;
	(void)argv;
	if (getenv("VERBALE_FUZZ_BIG") != NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
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
	if (devnull != NULL) {
		struct session *s = load_session((const char *)data, size, "fuzz.yaml", &d);

		if (s != NULL)
			inputs_check(s, NULL, NULL, NULL, &d, NULL, NULL);
		check_print_text(devnull, "fuzz.yaml", s, 100);
		check_print_json(devnull, "fuzz.yaml", s, &d, 0);
		session_free(s);
	} else {
		render_buffer(env, (const char *)data, size, "fuzz.yaml", &o, &d);
		render_output_clear(&o);
	}
	diags_clear(&d);
	return 0;
}
