/* bench_import.c — how fast the importer writes establishments, measured
 * against the fastest way SQLite can take the same rows.
 *
 *   make bench-import            1 000 000 rows
 *   make bench-import ROWS=50000
 *   bench_import ROWS [XLSX_ROWS]  XLSX_ROWS: the workbook's rows (ROWS / 10)
 *
 * Writes a CSV of ROWS establishments into a temporary folder, then in the
 * same run (1) imports it with io_import_file into a fresh database, every
 * row validated, matched by tax code, audited and savepointed, all in one
 * transaction; (2) inserts the same rows into another fresh database with
 * one prepared INSERT in one transaction, nothing else (the keys the table
 * needs are computed, no audit); (3) the same with the search words each
 * name needs (store_words.h) inserted beside it by a second prepared INSERT,
 * the rows an import must write for the establishment to be found; (4) the
 * same rows, XLSX_ROWS of them, from a workbook (one sheet, the CSV's
 * columns, numbers as numbers) imported the same way, against raw inserts of
 * as many rows. Prints rows/s of each and the ratios.
 * Figures are recorded in bench/results.md; none is asserted anywhere. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "io/io_import.h"
#include "store/store.h"
#include "store/store_admin.h"
#include "store/store_migrate.h"
#include "store/store_words.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void die(const char *what, const Err *e)
{
	fprintf(stderr, "bench_import: %s: %s\n", what, e ? e->msg : "");
	exit(1);
}

static Db *fresh(const char *dir, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	Db *db;
	Err e = {0};
	if (db_open(&db, path, &e) || store_migrate(db, NULL, &e) || store_admin_load(db, NULL, &e))
		die(path, &e);
	return db;
}

static void row_values(long i, char *name, size_t n, char *tax, size_t tn)
{
	snprintf(name, n, "Cơ sở sản xuất số %ld", i);
	snprintf(tax, tn, "%010ld", 2200000000L + i);
}

static void write_csv(const char *path, long rows)
{
	FILE *f = fopen(path, "w");
	if (!f)
		die(path, NULL);
	fputs("STT;Tên cơ sở;Mã số thuế;Loại hình;Tỉnh;Xã;Số lao động;Doanh thu (triệu đồng)\n", f);
	for (long i = 1; i <= rows; i++) {
		char name[64], tax[24];
		row_values(i, name, sizeof name, tax, sizeof tax);
		fprintf(f, "%ld;%s;%s;HKD;Sóc Trăng;Phường 5;%ld;%ld,5\n", i, name, tax, i % 50,
		        i % 1000);
	}
	fclose(f);
}

/* The CSV's rows as a workbook, written as a spreadsheet program writes
 * one: shared strings, numbers as numbers. */
static void write_xlsx(const char *path, long rows)
{
	static const char *const head[] = {"STT", "Tên cơ sở", "Mã số thuế", "Loại hình", "Tỉnh",
	        "Xã", "Số lao động", "Doanh thu (triệu đồng)"};
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, "Cơ sở") : NULL;
	if (!ws)
		die(path, NULL);
	for (lxw_col_t c = 0; c < 8; c++)
		worksheet_write_string(ws, 0, c, head[c], NULL);
	for (long i = 1; i <= rows; i++) {
		char name[64], tax[24];
		row_values(i, name, sizeof name, tax, sizeof tax);
		lxw_row_t r = (lxw_row_t)i;
		worksheet_write_number(ws, r, 0, (double)i, NULL);
		worksheet_write_string(ws, r, 1, name, NULL);
		worksheet_write_string(ws, r, 2, tax, NULL);
		worksheet_write_string(ws, r, 3, "HKD", NULL);
		worksheet_write_string(ws, r, 4, "Sóc Trăng", NULL);
		worksheet_write_string(ws, r, 5, "Phường 5", NULL);
		worksheet_write_number(ws, r, 6, (double)(i % 50), NULL);
		worksheet_write_number(ws, r, 7, (double)(i % 1000) + 0.5, NULL);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		die(path, NULL);
}

static double import(Db *db, const char *csv, long rows)
{
	ImportOptions o = io_import_options();
	o.commit = true;
	ImportReport r;
	Err e = {0};
	double t0 = now();
	if (io_import_file(db, csv, &o, &r, &e))
		die("import", &e);
	double t = now() - t0;
	if (!r.committed || r.ntables != 1 || r.tables[0].created != rows) {
		fprintf(stderr, "bench_import: the import did not create %ld rows (%lld errors)\n",
		        rows, (long long)r.errors);
		exit(1);
	}
	io_import_report_free(&r);
	return t;
}

/* The same rows with one prepared INSERT in one transaction, and their
 * search words with another when words. */
static double raw(Db *db, long rows, bool words)
{
	static const char sql[] =
	        "INSERT INTO establishment (name, legal_form, tax_code, province_list,"
	        " province_code, commune_list, commune_code, workers, revenue, name_key, sort_key,"
	        " created_at, updated_at) VALUES (?, 'household_business', ?, 'legacy', '94',"
	        " 'legacy', '31498', ?, ?, ?, ?, ?, ?)";
	static const char word_sql[] =
	        "INSERT INTO establishment_word (word, establishment_id) VALUES (?, ?)";
	Err e = {0};
	Stmt *st, *wst = NULL;
	Buf key, sort;
	buf_init(&key, 4096);
	buf_init(&sort, 4096);
	double t0 = now();
	if (db_begin(db, &e) || db_prepare(db, sql, &st, &e) ||
	        (words && db_prepare(db, word_sql, &wst, &e)))
		die("raw", &e);
	for (long i = 1; i <= rows; i++) {
		char name[64], tax[24];
		row_values(i, name, sizeof name, tax, sizeof tax);
		buf_reset(&key);
		buf_reset(&sort);
		if (store_keys(name, &key, &sort, &e))
			die("keys", &e);
		db_reset(st);
		db_bind_str(st, 1, name);
		db_bind_str(st, 2, tax);
		db_bind_int64(st, 3, i % 50);
		db_bind_int64(st, 4, (i % 1000) * 1000000 + 500000);
		db_bind_text(st, 5, buf_cstr(&key), key.len);
		db_bind_text(st, 6, buf_cstr(&sort), sort.len);
		db_bind_str(st, 7, "2026-11-22T08:00:00Z");
		db_bind_str(st, 8, "2026-11-22T08:00:00Z");
		if (db_run(st, &e))
			die("insert", &e);
		const char *start[STORE_WORDS_MAX];
		size_t len[STORE_WORDS_MAX];
		for (int w = 0, n = words ? store_words_of(buf_cstr(&key), start, len) : 0; w < n;
		        w++) {
			db_reset(wst);
			db_bind_text(wst, 1, start[w], len[w]);
			db_bind_int64(wst, 2, i);
			if (db_run(wst, &e))
				die("insert a word", &e);
		}
	}
	db_done(st);
	if (wst)
		db_done(wst);
	if (db_commit(db, &e))
		die("commit", &e);
	double t = now() - t0;
	buf_free(&key);
	buf_free(&sort);
	return t;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

int main(int argc, char **argv)
{
	long rows = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
	if (rows < 1)
		rows = 1000000;
	long xrows = argc > 2 ? strtol(argv[2], NULL, 10) : rows / 10;
	if (xrows < 1)
		xrows = 1;
	char dir[] = "/tmp/kc-bench-XXXXXX";
	if (!mkdtemp(dir))
		die("mkdtemp", NULL);
	char csv[512];
	snprintf(csv, sizeof csv, "%s/establishments.csv", dir);
	write_csv(csv, rows);
	Db *a = fresh(dir, "import.sqlite"), *b = fresh(dir, "raw.sqlite"),
	   *c = fresh(dir, "raw-words.sqlite");
	double ti = import(a, csv, rows);
	double tr = raw(b, rows, false);
	double tw = raw(c, rows, true);
	printf("rows: %ld\n", rows);
	printf("import (CSV, validated, audited, one transaction): %8.2f s %10.0f rows/s\n", ti,
	        rows / ti);
	printf("raw prepared INSERT, one transaction:              %8.2f s %10.0f rows/s\n", tr,
	        rows / tr);
	printf("raw prepared INSERTs with the search words:        %8.2f s %10.0f rows/s\n", tw,
	        rows / tw);
	printf("ratio raw / import: %.1f\n", (rows / tr) / (rows / ti));
	printf("ratio raw with words / import: %.1f\n", (rows / tw) / (rows / ti));
	db_close(a);
	db_close(b);
	db_close(c);
	/* The workbook: its own database pair, as many rows on each side. */
	char xlsx[512];
	snprintf(xlsx, sizeof xlsx, "%s/establishments.xlsx", dir);
	write_xlsx(xlsx, xrows);
	Db *x = fresh(dir, "import-xlsx.sqlite"), *y = fresh(dir, "raw-xlsx.sqlite");
	double tx = import(x, xlsx, xrows);
	double ty = raw(y, xrows, false);
	printf("xlsx rows: %ld\n", xrows);
	printf("import (XLSX, validated, audited, one transaction): %8.2f s %10.0f rows/s\n", tx,
	        xrows / tx);
	printf("raw prepared INSERT, as many rows:                  %8.2f s %10.0f rows/s\n", ty,
	        xrows / ty);
	db_close(x);
	db_close(y);
	nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}
