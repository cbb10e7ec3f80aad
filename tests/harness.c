/* harness.c — see harness.h. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tl_add(TestList *tl, const char *name, CMUnitTestFunction fn, void *state)
{
	if (tl->n == tl->cap) {
		tl->cap = tl->cap ? tl->cap * 2 : 64;
		tl->v = realloc(tl->v, tl->cap * sizeof *tl->v);
		if (!tl->v)
			abort();
	}
	char *copy = strdup(name);
	if (!copy)
		abort();
	tl->v[tl->n++] = (struct CMUnitTest){copy, fn, NULL, NULL, state};
}

void tl_addf(TestList *tl, CMUnitTestFunction fn, void *state, const char *fmt, ...)
{
	char name[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(name, sizeof name, fmt, ap);
	va_end(ap);
	tl_add(tl, name, fn, state);
}

int tl_run(TestList *tl, const char *group)
{
	return tl_run_setup(tl, group, NULL, NULL);
}

int tl_run_setup(
        TestList *tl, const char *group, CMFixtureFunction setup, CMFixtureFunction teardown)
{
	int failed = _cmocka_run_group_tests(group, tl->v, tl->n, setup, teardown);
	for (size_t i = 0; i < tl->n; i++)
		free((char *)tl->v[i].name);
	free(tl->v);
	*tl = (TestList){0};
	return failed;
}
