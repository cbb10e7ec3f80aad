/* fuzz_xlsx.c — libFuzzer target for the XLSX reader, at both layers.
 *
 * First byte even: the rest is a whole file (the zip layer: directories,
 * sizes, compression, the package's relationships). First byte odd: the
 * rest is split at the first two NUL bytes into a sheet, a shared-string
 * table and a styles part, packed here into a well-formed archive, so the
 * mutations reach the XML layer instead of breaking checksums. Any input
 * must be read or refused without a crash, a leak or undefined behaviour;
 * a refusal carries a message, and every cell read is valid UTF-8.
 *
 * `make fuzz` runs it under libFuzzer; the test run links it with replay.c
 * to replay fuzz/corpus/xlsx. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "core/vntext.h"
#include "io/io_sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Packs the parts into a zip archive in memory; *out is malloc'd. */
static size_t pack(const char *sheet, size_t ns, const char *sst, size_t nt, const char *styles,
        size_t nst, char **out)
{
	static const char rels[] =
	        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	        "relationships\"><Relationship Id=\"r\" Type=\"x/officeDocument\""
	        " Target=\"xl/workbook.xml\"/></Relationships>";
	static const char wb[] =
	        "<workbook xmlns:r=\"urn:r\"><sheets><sheet name=\"S\" r:id=\"a\"/></sheets>"
	        "</workbook>";
	static const char wbrels[] =
	        "<Relationships><Relationship Id=\"a\" Type=\"x/worksheet\" Target=\"s.xml\"/>"
	        "<Relationship Id=\"b\" Type=\"x/sharedStrings\" Target=\"t.xml\"/>"
	        "<Relationship Id=\"c\" Type=\"x/styles\" Target=\"y.xml\"/></Relationships>";
	const char *names[] = {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	        "xl/s.xml", "xl/t.xml", "xl/y.xml"};
	const char *parts[] = {rels, wb, wbrels, sheet, sst, styles};
	size_t lens[] = {sizeof rels - 1, sizeof wb - 1, sizeof wbrels - 1, ns, nt, nst};
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	for (int i = 0; i < 6; i++)
		zip_file_add(z, names[i], zip_source_buffer(z, parts[i], lens[i], 0), 0);
	zip_close(z);
	zip_stat_t st;
	size_t n = 0;
	*out = NULL;
	if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
		*out = malloc(st.size + 1);
		n = (size_t)zip_source_read(src, *out, st.size);
		zip_source_close(src);
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	return n;
}

static void read_all(const char *bytes, size_t n)
{
	IoOpen o = io_open_default();
	o.limits.columns = 64;
	o.limits.cell_bytes = 4096;
	o.limits.rows = 10000;
	o.limits.entry_bytes = 8 << 20;
	o.limits.total_bytes = 16 << 20;
	o.limits.strings_bytes = 8 << 20;
	o.limits.merged_ranges = 1000;
	IoBook *b;
	Err e = {0};
	if (io_book_open_mem(&b, "f.xlsx", bytes, n, &o, &e)) {
		if (!e.msg[0])
			abort();
		return;
	}
	for (int s = 0; s < io_book_sheets(b); s++) {
		if (io_book_begin(b, s, &e)) {
			if (!e.msg[0])
				abort();
			continue;
		}
		const IoRow *r;
		int rc;
		while ((rc = io_book_next(b, &r, &e)) == 0 && r)
			for (int i = 0; i < r->n; i++)
				if (strlen(r->cells[i].text) != r->cells[i].len ||
				        !vn_utf8_valid(r->cells[i].text, r->cells[i].len))
					abort();
		if (rc && !e.msg[0])
			abort();
	}
	io_book_close(b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const char *p = (const char *)data + 1;
	size_t n = size - 1;
	if (data[0] % 2 == 0) {
		read_all(p, n);
		return 0;
	}
	const char *z1 = memchr(p, '\0', n);
	const char *z2 = z1 ? memchr(z1 + 1, '\0', n - (size_t)(z1 + 1 - p)) : NULL;
	size_t ns = z1 ? (size_t)(z1 - p) : n;
	const char *sst = z1 ? z1 + 1 : "";
	size_t nt = z1 ? (z2 ? (size_t)(z2 - sst) : n - ns - 1) : 0;
	const char *styles = z2 ? z2 + 1 : "";
	size_t nst = z2 ? n - (size_t)(styles - p) : 0;
	char *zip;
	size_t len = pack(p, ns, sst, nt, styles, nst, &zip);
	if (zip)
		read_all(zip, len);
	free(zip);
	return 0;
}
