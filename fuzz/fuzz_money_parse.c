/* fuzz_money_parse.c — libFuzzer target for money_parse.
 *
 * Any bytes must be refused or accepted without a crash, a leak or undefined
 * behaviour, and a refusal must come with a message. An accepted amount must
 * survive a round trip: its qualifier word and the amount formatted exactly
 * in the unit it was written in parse back to the same amount, unit and
 * qualifier.
 *
 * `make fuzz` runs it under libFuzzer; the test run links it with replay.c
 * to replay fuzz/corpus/money_parse. */
#include <stdint.h>
#include <stdlib.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const MoneyParsed *m)
{
	Buf b;
	buf_init(&b, 256);
	const char *q = money_qualifier_word(m->qualifier);
	if (*q)
		buf_printf(&b, "%s ", q);
	if (money_format(&b, m->dong, m->unit, -1, MONEY_WITH_UNIT) != KC_OK || buf_err(&b))
		abort();
	MoneyParsed again;
	Err e;
	if (money_parse(b.data, b.len, &again, &e) != KC_OK)
		abort();
	if (again.dong != m->dong || again.unit != m->unit || again.qualifier != m->qualifier)
		abort();
	buf_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	MoneyParsed m;
	Err e = {0};
	int rc = money_parse((const char *)data, size, &m, &e);
	if (rc == KC_OK)
		round_trip(&m);
	else if ((rc != KC_EINVAL && rc != KC_ERANGE) || e.code != rc || e.msg[0] == '\0')
		abort();
	return 0;
}
