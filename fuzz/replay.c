/* replay.c — runs a fuzz target over its stored corpus, once per file.
 *
 * Every input a fuzzer found interesting is kept in fuzz/corpus/NAME and
 * replayed by the normal test run, so a crash found once stays fixed. The
 * output is TAP, one line per file, like the unit suites. The same target
 * source links against libFuzzer for `make fuzz`. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	unsigned char *p = NULL;
	size_t cap = 0;
	*n = 0;
	for (;;) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			p = realloc(p, cap);
			if (!p)
				abort();
		}
		size_t got = fread(p + *n, 1, cap - *n, f);
		*n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	return p;
}

/* The corpus of test_fuzz_NAME is fuzz/corpus/NAME, relative to the
 * repository root where the test runner starts. */
static void corpus_of(const char *argv0, char *dir, size_t size)
{
	const char *base = strrchr(argv0, '/');
	base = base ? base + 1 : argv0;
	if (!strncmp(base, "test_fuzz_", 10))
		base += 10;
	snprintf(dir, size, "fuzz/corpus/%s", base);
}

int main(int argc, char **argv)
{
	char def[1024];
	corpus_of(argv[0], def, sizeof def);
	const char *dir = argc > 1 ? argv[1] : def;
	DIR *d = opendir(dir);
	if (!d) {
		printf("1..1\nnot ok 1 - cannot open corpus '%s'\n", dir);
		return 1;
	}
	char *names[4096];
	size_t count = 0;
	for (struct dirent *de; (de = readdir(d)) && count < 4096;)
		if (de->d_name[0] != '.')
			names[count++] = strdup(de->d_name);
	closedir(d);
	qsort(names, count, sizeof names[0], by_name);
	printf("1..%zu\n", count);
	for (size_t i = 0; i < count; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		size_t n;
		unsigned char *data = slurp(path, &n);
		if (!data) {
			printf("not ok %zu - %s: cannot read\n", i + 1, path);
		} else {
			/* A failing input aborts inside the target; reaching here is a pass. */
			LLVMFuzzerTestOneInput(data, n);
			printf("ok %zu - %s\n", i + 1, path);
		}
		fflush(stdout);
		free(data);
		free(names[i]);
	}
	return 0;
}
