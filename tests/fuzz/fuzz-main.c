/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A main() for fuzz targets in builds without libFuzzer: runs the target once on each file
 * named on the command line, so the seed corpus doubles as a regression test. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		perror(path);
		return -1;
	}
	do {
		if (len == cap) {
			uint8_t *p = realloc(buf, cap ? cap * 2 : 4096);

			if (!p) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = p;
			cap = cap ? cap * 2 : 4096;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, len);
	free(buf);
	return 0;
}

int main(int argc, char *argv[])
{
	for (int i = 1; i < argc; i++)
		if (run_file(argv[i]) < 0)
			return 1;
	printf("ran %d inputs\n", argc - 1);
	return 0;
}
