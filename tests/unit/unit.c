/* unit.c: runs every unit suite and prints "N passed, N failed". */
#include <stdlib.h>

#include "harness.h"
#include "util.h"

struct harness harness;

char *
harness_repeat(const char *s, size_t n, const char *tail)
{
	struct buf b = {0};
	size_t i;

	for (i = 0; i < n; i++)
		buf_puts(&b, s);
	buf_puts(&b, tail);
	return buf_detach(&b);
}

int
main(void)
{
	static void (*const suites[])(void) = {
	        text_tests,      load_tests,  rules_tests, italian_tests, template_tests,
	        markdown_tests,  fonts_tests, pdf_tests,   typeset_tests, hyphenate_tests,
	        linebreak_tests, util_tests,  image_tests, style_tests,   manifest_tests,
	        ties_tests,      diag_tests,  copia_tests};
	size_t i;

	for (i = 0; i < sizeof(suites) / sizeof(suites[0]); i++)
		suites[i]();
	printf("unit: %d passed, %d failed\n", harness.passed, harness.failed);
	return harness.failed ? 1 : 0;
}
