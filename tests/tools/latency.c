/*
 * latency.c: `latency SESSION OUTDIR PDF N` measures, N times, the time from an editor-style
 * save of SESSION (a new version written beside it and renamed over it) to the moment
 * `verbale watch` renames the new PDF into OUTDIR, and prints the minimum, median and maximum
 * in milliseconds. `verbale watch SESSION -o OUTDIR` must be running.
 */
#define _GNU_SOURCE /* inotify */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

static double
ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	char *orig, *tmp;
	size_t len;
	double *v;
	int n, i, fd;

	if (argc != 5 || (n = atoi(argv[4])) < 1 || util_read_file(argv[1], 1 << 24, &orig, &len)) {
		fputs("uso: latency SESSION OUTDIR PDF N\n", stderr);
		return 2;
	}
	fd = inotify_init1(0);
	if (fd < 0 || inotify_add_watch(fd, argv[2], IN_MOVED_TO) < 0) {
		perror(argv[2]);
		return 1;
	}
	v = xcalloc((size_t)n, sizeof(*v));
	tmp = xasprintf("%s.nuovo", argv[1]);
	for (i = 0; i < n; i++) {
		char *text = xasprintf("%s\n# salvataggio %d\n", orig, i);
		FILE *f = fopen(tmp, "w");
		double t0;
		int hit = 0;

		if (f == NULL || fputs(text, f) < 0 || fclose(f) != 0) {
			perror(tmp);
			return 1;
		}
		free(text);
		usleep(200000); /* let the previous render settle */
		t0 = ms();
		if (rename(tmp, argv[1]) != 0) {
			perror(argv[1]);
			return 1;
		}
		while (!hit) {
			_Alignas(struct inotify_event) char b[4096];
			ssize_t r = read(fd, b, sizeof(b));
			char *p;

			for (p = b; r > 0 && p < b + r;) {
				struct inotify_event *e = (struct inotify_event *)p;

				hit |= e->len > 0 && strcmp(e->name, argv[3]) == 0;
				p += sizeof(*e) + e->len;
			}
		}
		v[i] = ms() - t0;
	}
	util_write_atomic(argv[1], orig, len);
	qsort(v, (size_t)n, sizeof(*v), cmp);
	printf("%.1f %.1f %.1f\n", v[0], v[n / 2], v[n - 1]);
	free(v);
	free(tmp);
	free(orig);
	return 0;
}
