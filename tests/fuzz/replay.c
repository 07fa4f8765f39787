/*
 * replay.c: a main for a fuzz target without libFuzzer: runs LLVMFuzzerTestOneInput on every
 * file named on the command line (the regression inputs, the seed corpus), so that make test
 * and make asan replay them with any compiler.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i, n = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		char *data;
		size_t len;

		if (util_read_file(argv[i], 1 << 26, &data, &len) != 0) {
			perror(argv[i]);
			return 1;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
		n++;
	}
	printf("%d inputs replayed\n", n);
	return 0;
}
