/* fuzz_report_table.c — libFuzzer target for report_table_from_json, which
 * reads the tables of submitted reports back from the database.
 *
 * Any input must be read or refused cleanly. A table that is read must
 * render as JSON and as CSV, and its JSON must read back into a table that
 * renders the same JSON again (the stored form is a fixed point). Any
 * mismatch aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Arena arena = {0};
	ReportTable *t;
	Err e = {0};
	if (report_table_from_json((const char *)data, size, &arena, &t, &e) != KC_OK) {
		if (e.code == KC_OK || e.msg[0] == '\0')
			abort();
		arena_free(&arena);
		return 0;
	}
	Buf one, two, csv;
	buf_init(&one, 64u << 20);
	buf_init(&two, 64u << 20);
	buf_init(&csv, 64u << 20);
	ReportTable *back;
	if (report_render(t, FMT_JSON, NULL, &one, &e) ||
	        report_render(t, FMT_CSV, NULL, &csv, &e) ||
	        report_table_from_json(one.data, one.len, &arena, &back, &e) ||
	        report_render(back, FMT_JSON, NULL, &two, &e) || one.len != two.len ||
	        memcmp(one.data, two.data, one.len))
		abort();
	buf_free(&one);
	buf_free(&two);
	buf_free(&csv);
	arena_free(&arena);
	return 0;
}
