/* fuzz_csv.c — libFuzzer target for the CSV reader and the encodings.
 *
 * The first byte picks the encoding (detected, UTF-8, Windows-1258, TCVN3,
 * VNI), the rest is the file. Any bytes must be read or refused without a
 * crash, a leak or undefined behaviour; a refusal must carry a message;
 * every cell read must be valid UTF-8 of the length it says, within the
 * limits, and row numbers must increase.
 *
 * `make fuzz` runs it under libFuzzer; the test run links it with replay.c
 * to replay fuzz/corpus/csv. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"
#include "io/io_sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = {NULL, "utf-8", "cp1258", "tcvn3", "vni"};
	if (size < 1)
		return 0;
	IoOpen o = io_open_default();
	o.encoding = encodings[data[0] % 5];
	o.limits.columns = 64;
	o.limits.cell_bytes = 4096;
	o.limits.rows = 10000;
	IoBook *b;
	Err e = {0};
	int rc = io_book_open_mem(&b, "f.csv", data + 1, size - 1, &o, &e);
	if (rc) {
		if (!e.msg[0])
			abort();
		return 0;
	}
	if (io_book_begin(b, 0, &e))
		abort();
	const IoRow *r;
	int64_t last = 0;
	while ((rc = io_book_next(b, &r, &e)) == 0 && r) {
		if (r->number <= last || r->n > o.limits.columns || r->n < 1)
			abort();
		last = r->number;
		for (int i = 0; i < r->n; i++) {
			const IoCell *c = &r->cells[i];
			if (strlen(c->text) != c->len || !vn_utf8_valid(c->text, c->len))
				abort();
		}
	}
	if (rc && !e.msg[0])
		abort();
	io_book_close(b);
	return 0;
}
