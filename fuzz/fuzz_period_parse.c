/* fuzz_period_parse.c — libFuzzer target for period_parse.
 *
 * Any input must parse or fail cleanly with a message. A period that parses
 * must be valid, and its canonical code and both forms of its Vietnamese label
 * must parse back to the same period; its dates under the calendar and the
 * NĐ 09/2019 rules must be in order and contained; its neighbours, when they
 * exist, must be valid and ordered before it. Any mismatch aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same(const Period *a, const Period *b)
{
	return a->kind == b->kind && a->year == b->year && a->n == b->n &&
	       a->end_year == b->end_year && a->to.kind == b->to.kind && a->to.year == b->to.year &&
	       a->to.n == b->to.n && period_compare(a, b) == 0;
}

/* Writes p in one of its three forms and parses it back. */
static void round_trip(const Period *p, int form)
{
	Buf b;
	buf_init(&b, 512);
	int rc = form == 0 ? period_format(&b, p)
	                   : period_label_vi(&b, p, form == 2 ? PERIOD_LOWER : 0);
	Period q;
	if (rc || buf_err(&b) || period_parse(buf_cstr(&b), b.len, &q, NULL) != KC_OK ||
	        !same(p, &q))
		abort();
	buf_free(&b);
}

static void check_range(const Period *p, const PeriodRule *r)
{
	Date from, to;
	if (period_range(p, r, &from, &to, NULL) != KC_OK || from > to || !date_in_range(from) ||
	        !date_in_range(to) || !period_contains(p, r, from) || !period_contains(p, r, to) ||
	        period_contains(p, r, from - 1) || period_contains(p, r, to + 1))
		abort();
}

static void check_neighbour(const Period *p, int (*fn)(const Period *, Period *, Err *))
{
	Period q;
	Err e = {0};
	int rc = fn(p, &q, &e);
	if (rc == KC_OK && (period_check(&q, NULL) != KC_OK || period_compare(&q, p) >= 0))
		abort();
	if (rc != KC_OK && e.msg[0] == '\0')
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Period p;
	Err e = {0};
	if (period_parse((const char *)data, size, &p, &e) != KC_OK) {
		if (e.code == KC_OK || e.msg[0] == '\0' || !memchr(e.msg, '\0', sizeof e.msg))
			abort();
		return 0;
	}
	if (period_check(&p, NULL) != KC_OK)
		abort();
	for (int form = 0; form < 3; form++)
		round_trip(&p, form);
	check_range(&p, &PERIOD_RULE_CALENDAR);
	check_range(&p, &PERIOD_RULE_ND09);
	check_neighbour(&p, period_prev);
	check_neighbour(&p, period_same_last_year);
	return 0;
}
