/*
 * bench.c: `bench [-k] N FILE DIR` renders FILE (PDF and Markdown) N times in one process into
 * DIR and prints the CPU and wall milliseconds per document and the peak memory; -k sets the PDF
 * without kerning (render_opts.no_kerning), to measure what kerning costs. The fonts, the
 * hyphenation dictionary and the style are loaded once, as batch does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "diag.h"
#include "render.h"

static double
ms(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int
main(int argc, char **argv)
{
	struct render_opts ro = {RENDER_PDF | RENDER_MD, NULL, "templates", NULL, false, NULL};
	struct render_env *env;
	struct diags d;
	struct rusage ru;
	double cpu, wall;
	int n, i;

	if (argc == 5 && strcmp(argv[1], "-k") == 0) {
		ro.no_kerning = true; /* what kerning costs: the same without it */
		argv++;
		argc--;
	}
	if (argc != 4 || (n = atoi(argv[1])) < 1) {
		fputs("uso: bench [-k] N FILE DIR\n", stderr);
		return 2;
	}
	ro.outdir = argv[3];
	diags_init(&d, stderr);
	if ((env = render_env_new(&ro, &d)) == NULL) {
		diags_flush(&d);
		return 3;
	}
	cpu = ms(CLOCK_PROCESS_CPUTIME_ID);
	wall = ms(CLOCK_MONOTONIC);
	for (i = 0; i < n; i++) {
		if (!render_file(env, argv[2], NULL, NULL, NULL, &d)) {
			diags_flush(&d);
			return 1;
		}
		diags_flush(&d);
	}
	cpu = (ms(CLOCK_PROCESS_CPUTIME_ID) - cpu) / n;
	wall = (ms(CLOCK_MONOTONIC) - wall) / n;
	getrusage(RUSAGE_SELF, &ru);
	printf("%.2f %.2f %ld\n", cpu, wall, ru.ru_maxrss);
	render_env_free(env);
	diags_clear(&d);
	return 0;
}
