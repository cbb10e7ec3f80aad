/* fuzz_date_parse.c — libFuzzer target for date_parse.
 *
 * Any input must parse or fail cleanly with a message. A date that parses must
 * lie in the valid range and survive every round trip the module offers:
 * dd/mm/yyyy and ISO text, year-month-day, and Excel serials. Any mismatch
 * aborts, so the fuzzer reports it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void reparse(Buf *b, Date want)
{
	Date back;
	if (buf_err(b) || date_parse(buf_cstr(b), b->len, &back, NULL) != KC_OK || back != want)
		abort();
	buf_reset(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Date d;
	Err e = {0};
	if (date_parse((const char *)data, size, &d, &e) != KC_OK) {
		if (e.code == KC_OK || e.msg[0] == '\0' || !memchr(e.msg, '\0', sizeof e.msg))
			abort();
		return 0;
	}
	if (!date_in_range(d) || date_weekday(d) < 0 || date_weekday(d) > 6)
		abort();
	Buf b;
	buf_init(&b, 256);
	date_format(&b, d);
	reparse(&b, d);
	date_format_iso(&b, d);
	reparse(&b, d);
	int y, m, day;
	Date back;
	date_to_ymd(d, &y, &m, &day);
	if (date_from_ymd(y, m, day, &back, NULL) != KC_OK || back != d)
		abort();
	if (date_from_excel_serial(date_to_excel_serial(d), &back, NULL) != KC_OK || back != d)
		abort();
	date_format_long(&b, d, DATE_LEADING_ZERO);
	if (buf_err(&b) || b.len == 0)
		abort();
	buf_free(&b);
	return 0;
}
