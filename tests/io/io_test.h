/* io_test.h — what the io suites share: files written into a test's own
 * folder, small XLSX packages put together part by part (to make the broken
 * ones real tools never write), imports run the way the CLI runs them, and
 * searches through an import's report. */
#ifndef KC_TEST_IO_TEST_H
#define KC_TEST_IO_TEST_H

#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fixture.h"
#include "io/io_import.h"
#include "io/io_report.h"

static const Actor tio_actor = {.name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

/* cmocka setup and teardown: a loaded database of the test's own. */
static inline int tio_setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || tmpdb_open(t, TMPDB_LOADED))
		return -1;
	*state = t;
	return 0;
}

static inline int tio_teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

/* Writes n bytes at data to dir/name; path receives the file's path. */
static inline void tio_write(
        char path[256], const char *dir, const char *name, const void *data, size_t n)
{
	snprintf(path, 256, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

static inline void tio_text(char path[256], const char *dir, const char *name, const char *text)
{
	tio_write(path, dir, name, text, strlen(text));
}

/* Writes a zip archive of the members names[i] holding data[i]. */
static inline void tio_zip(
        const char *path, const char *const *names, const char *const *data, int n)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (int i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, data[i], strlen(data[i]), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
}

#define TIO_NS  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define TIO_RNS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

/* An XLSX package with one sheet "Trang1" whose sheet XML is sheet, and
 * optional shared strings and styles parts. */
static inline void tio_xlsx(
        const char *path, const char *sheet, const char *sst, const char *styles)
{
	static const char rels[] =
	        "<?xml version=\"1.0\"?><Relationships"
	        " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
	        "officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
	        "</Relationships>";
	static const char wb[] =
	        "<?xml version=\"1.0\"?><workbook " TIO_NS " " TIO_RNS ">"
	        "<sheets><sheet name=\"Trang1\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
	        "</workbook>";
	char wbrels[1024];
	snprintf(wbrels, sizeof wbrels,
	        "<?xml version=\"1.0\"?><Relationships"
	        " xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	        "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/"
	        "officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	        "%s%s</Relationships>",
	        sst ? "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
	              "officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	            : "",
	        styles ? "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/"
	                 "officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	               : "");
	const char *names[6] = {"_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
	        "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"};
	const char *data[6] = {rels, wb, wbrels, sheet, sst ? sst : "", styles ? styles : ""};
	int n = 4;
	if (sst)
		n++;
	if (styles) {
		names[n] = names[5];
		data[n] = styles;
		n++;
	}
	tio_zip(path, names, data, n);
}

/* Imports the file at path into db as tio_actor (kind may be NULL). */
static inline void tio_import(
        Db *db, const char *path, bool commit, const char *kind, ImportReport *r)
{
	ImportOptions o = io_import_options();
	o.commit = commit;
	o.kind = kind;
	o.actor = tio_actor;
	Err e = {0};
	int rc = io_import_file(db, path, &o, r, &e);
	if (rc)
		fail_msg("import of '%s' failed: %s", path, e.msg);
}

/* Imports text, a CSV written into the test's folder, into t as actor a
 * limited to provinces[0..n) (NULL: every province). */
static inline void tio_import_text(TmpDb *t, const char *text, bool commit, Actor a,
        const char *const *provinces, int n, ImportReport *r)
{
	char path[256];
	tio_text(path, t->dir, "nhap.csv", text);
	ImportOptions o = io_import_options();
	o.commit = commit;
	o.actor = a;
	o.provinces = provinces;
	o.nprovinces = n;
	Err e = {0};
	if (io_import_file(t->db, path, &o, r, &e))
		fail_msg("import failed: %s", e.msg);
}

/* Prints the report (a failing test shows what the import said). */
static inline void tio_print(const ImportReport *r)
{
	Buf b;
	buf_init(&b, 1 << 22);
	io_report_text(r, true, &b);
	fprintf(stderr, "%s", buf_cstr(&b));
	buf_free(&b);
}

/* The first problem whose message contains part, or NULL. */
static inline const ImportProblem *tio_find(const ImportReport *r, const char *part)
{
	for (int i = 0; i < r->nproblems; i++)
		if (strstr(r->problems[i].message, part))
			return &r->problems[i];
	return NULL;
}

/* Fails unless a problem says part at row (0: any) and column col (-2:
 * any), as an error (not a warning) unless warning. */
static inline const ImportProblem *tio_expect(
        const ImportReport *r, int64_t row, int col, bool warning, const char *part)
{
	for (int i = 0; i < r->nproblems; i++) {
		const ImportProblem *p = &r->problems[i];
		if (strstr(p->message, part) && (!row || p->row == row) &&
		        (col == -2 || p->col == col) && p->warning == warning)
			return p;
	}
	tio_print(r);
	fail_msg("no %s at row %lld col %d saying '%s'", warning ? "warning" : "error",
	        (long long)row, col, part);
	return NULL;
}

/* Fails unless the import found no error (and, for a commit, wrote it). */
static inline void tio_clean(const ImportReport *r)
{
	if (r->errors) {
		tio_print(r);
		fail_msg("the import found %lld errors", (long long)r->errors);
	}
}

/* tio_import_text committed; fails unless the whole file was written. */
static inline void tio_import_text_committed(
        TmpDb *t, const char *text, Actor a, const char *const *provinces, int n)
{
	ImportReport r;
	tio_import_text(t, text, true, a, provinces, n, &r);
	tio_clean(&r);
	assert_true(r.committed);
	io_import_report_free(&r);
}

#endif
