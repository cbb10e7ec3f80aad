/* harness.h — a thin layer over cmocka for khuyencong's unit tests.
 *
 * Tests are collected into a TestList at run time so that a table of cases
 * becomes one named test per row: a failing row is reported by its input, and
 * the suite's count is the number of rows checked. Run a test binary directly
 * for cmocka's readable output; tests/run.sh sets CMOCKA_MESSAGE_OUTPUT=TAP
 * and sums every suite into the final "N passed, N failed" line. */
#ifndef KC_TEST_HARNESS_H
#define KC_TEST_HARNESS_H

/* clang-format off: cmocka needs these before its header */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
/* clang-format on */
#include <cmocka.h>

typedef struct TestList {
	struct CMUnitTest *v;
	size_t n, cap;
} TestList;

/* Adds a test called name (copied) that runs fn with *state == state. */
void tl_add(TestList *tl, const char *name, CMUnitTestFunction fn, void *state);
/* Like tl_add, with a printf-style name. */
void tl_addf(TestList *tl, CMUnitTestFunction fn, void *state, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* Runs every test in the list as the group called group, frees the list and
 * returns the number of failures (the value main should return). */
int tl_run(TestList *tl, const char *group);
/* Like tl_run, with a setup run once before the group and a teardown after. */
int tl_run_setup(
        TestList *tl, const char *group, CMFixtureFunction setup, CMFixtureFunction teardown);

/* Adds the function fn as a test named after itself. */
#define TL_ADD(tl, fn) tl_add((tl), #fn, (fn), NULL)
/* The number of elements of a static array. */
#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

#endif
