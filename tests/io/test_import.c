/* test_import.c — establishments imported end to end on a real SQLite file:
 * headers and values as offices write them, dry run and commit, all or
 * nothing, re-import idempotence, corrections, likely duplicates, every
 * kind of bad input leaving the database unchanged (a checksum of every
 * table), the XLSX report, templates and the command line. */
#include "io/io_test.h"

#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "io/io_template.h"
#include "store/store_establishment.h"

#ifndef KC_BUILD_DIR
#define KC_BUILD_DIR "build/release"
#endif

/* A list as a district office keeps it: a title block, a unit line, a
 * blank row, headers without diacritics in their own order, STT, numbers
 * the Vietnamese way, places by code and by name, old and new, legal forms
 * by abbreviation, a total row at the bottom. */
static const char office_list[] =
        "UBND TỈNH SÓC TRĂNG;;;;;;;;\n"
        "DANH SACH CO SO CONG NGHIEP NONG THON NAM 2019;;;;;;;;\n"
        "Đơn vị tính: triệu đồng;;;;;;;;\n"
        ";;;;;;;;\n"
        "STT;Ten doanh nghiep;MST;Loai hinh;Tinh/TP;Xa/phuong;So lao dong;Doanh thu;Nam\n"
        "1;Cơ sở bánh pía Tân Huê Viên;2200123456;HKD;94;Phường 5;45;12.000;2019\n"
        "2;Công ty TNHH Mây tre Hòa Bình;2200654321;DN;Tỉnh Sóc Trăng;;1.234;6.047,5;2019\n"
        "3;Hợp tác xã dệt chiếu;;HTX;soc trang;;20;;2019\n"
        "4;Tổ hợp tác bánh tráng;;THT;Cần Thơ;Cái Khế;7;0,5;2026\n"
        ";Tổng cộng;;;;;1.306;18.048;\n"
        ";;;;;;;;\n"
        ";Người lập biểu;;;;;;;\n";

static void import_text(TmpDb *t, const char *name, const char *text, bool commit, const char *kind,
        ImportReport *r)
{
	char path[256];
	tio_text(path, t->dir, name, text);
	tio_import(t->db, path, commit, kind, r);
}

static void imports_as_offices_write_them(void **state)
{
	TmpDb *t = *state;
	ImportReport r;
	import_text(t, "ds.csv", office_list, true, NULL, &r);
	tio_clean(&r);
	assert_true(r.committed);
	assert_int_equal(r.ntables, 1);
	assert_string_equal(r.tables[0].kind, "establishments");
	assert_int_equal(r.tables[0].header_row, 5);
	assert_int_equal(r.tables[0].created, 4);
	io_import_report_free(&r);
	Db *db = t->db;
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment"), 4);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment WHERE tax_code ="
	                               " '2200123456' AND legal_form = 'household_business' AND"
	                               " province_list = 'legacy' AND province_code = '94' AND"
	                               " commune_code = '31498' AND workers = 45 AND revenue ="
	                               " 12000000000 AND survey_year = 2019"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment WHERE legal_form ="
	                               " 'sme' AND workers = 1234 AND revenue = 6047500000"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment WHERE legal_form ="
	                               " 'coop' AND revenue IS NULL AND commune_code IS NULL"),
	        1);
	/* 2026: the current list, where Cần Thơ took in Sóc Trăng. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment WHERE legal_form ="
	                               " 'coop_group' AND province_list = 'current' AND"
	                               " province_code = '92' AND commune_code = '31120' AND"
	                               " revenue = 500000"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE via = 'import'"
	                               " AND actor = 'can.bo' AND table_name = 'establishment'"),
	        4);
}

static void dry_run_writes_nothing(void **state)
{
	TmpDb *t = *state;
	uint64_t before = tmpdb_checksum(t->db);
	ImportReport r;
	import_text(t, "ds.csv", office_list, false, NULL, &r);
	tio_clean(&r);
	assert_false(r.committed);
	assert_int_equal(r.tables[0].created, 4);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
	assert_int_equal(db_depth(t->db), 0);
}

static void reimport_changes_nothing(void **state)
{
	TmpDb *t = *state;
	ImportReport r;
	import_text(t, "ds.csv", office_list, true, NULL, &r);
	tio_clean(&r);
	io_import_report_free(&r);
	uint64_t before = tmpdb_checksum(t->db);
	import_text(t, "ds.csv", office_list, true, NULL, &r);
	tio_clean(&r);
	assert_int_equal(r.tables[0].unchanged, 4);
	assert_int_equal(r.tables[0].created + r.tables[0].updated, 0);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
}

static void corrected_file_updates_what_changed(void **state)
{
	TmpDb *t = *state;
	ImportReport r;
	import_text(t, "ds.csv", office_list, true, NULL, &r);
	io_import_report_free(&r);
	char fixed[sizeof office_list + 16];
	snprintf(fixed, sizeof fixed, "%s", office_list);
	char *at = strstr(fixed, ";45;12.000;");
	memcpy(at, ";46;12.000;", 11);
	import_text(t, "ds.csv", fixed, true, NULL, &r);
	tio_expect(&r, 10, -2, true,
	        "Dòng tổng cộng ghi 1.306 nhưng cộng các dòng phía trên được"
	        " 1.307");
	assert_int_equal(r.tables[0].updated, 1);
	assert_int_equal(r.tables[0].unchanged, 3);
	io_import_report_free(&r);
	assert_int_equal(db_scalar(t->db, "SELECT version FROM establishment WHERE tax_code ="
	                                  " '2200123456' AND workers = 46"),
	        2);
}

/* Each bad file: the message (with its row and column) and no change. */
typedef struct Bad {
	const char *why;
	const char *csv;
	int64_t row;
	int col; /* -2: any */
	const char *says;
} Bad;

#define HEAD "STT;Tên cơ sở;Mã số thuế;Tỉnh;Xã;Số lao động\n"

static const Bad bad[] = {
        {"a word where a number goes", HEAD "1;A;;94;;nhiều\n", 2, 5,
                "Số lao động 'nhiều' không hợp lệ"},
        {"a fraction of a worker", HEAD "1;A;;94;;1,5\n", 2, 5, "cần một số nguyên"},
        {"a short tax code", HEAD "1;A;03012;94;;\n", 2, 2,
                "Mã số thuế '03012' không hợp lệ: cần 10 chữ số"},
        {"an unknown province", HEAD "1;A;;Atlantis;;\n", 2, 3,
                "'Atlantis' không có trong danh mục đơn vị hành chính"},
        {"a commune of another province", HEAD "1;A;;94;Cái Khế;\n", 2, 4,
                "Xã, phường 'Cái Khế' không có trong tỉnh, thành phố '94'"},
        {"a commune name used in several districts", HEAD "1;A;;94;Phường 1;\n", 2, 4,
                "Có 3 xã, phường tên 'Phường 1'"},
        {"the same tax code twice", HEAD "1;A;2200123456;94;;\n2;B;2200123456;94;;\n", 3, 2,
                "Trùng với dòng 2: cùng mã số thuế"},
        {"the same name and commune twice", HEAD "1;A;;94;Phường 5;\n2;A;;94;Phường 5;\n", 3, 1,
                "Trùng với dòng 2: cùng tên, cùng xã"},
        {"no name column", "STT;Mã số thuế;Tỉnh;Số lao động\n1;2200123456;94;3\n", 1, -2,
                "thiếu cột bắt buộc: 'Tên cơ sở'"},
        {"no table at all", "a;b;c\n1;2;3\n", 0, -2, "Không nhận ra hàng tiêu đề"},
        {"a legal form nobody uses", "Tên cơ sở;Tỉnh;Loại hình\nA;94;Tập đoàn\n", 2, 2,
                "Loại hình 'Tập đoàn' không có; ghi một trong: Doanh nghiệp, Hợp tác xã"},
        {"a formula error", "Tên cơ sở;Tỉnh;Doanh thu\nA;94;#VALUE!\n", 2, 2, "không hợp lệ"},
        {"a year out of range", "Tên cơ sở;Tỉnh;Năm\nA;94;1890\n", 2, 2, "từ 1990 đến 2100"},
        {"one bad row spoils the file", HEAD "1;A;;94;;3\n2;B;;94;;x\n3;C;;94;;4\n", 3, 5,
                "Số lao động 'x'"},
};

static void bad_input_changes_nothing(void **state)
{
	const Bad *c = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	uint64_t before = tmpdb_checksum(t.db);
	ImportReport r;
	import_text(&t, "bad.csv", c->csv, true, NULL, &r);
	assert_true(r.errors > 0);
	assert_false(r.committed);
	tio_expect(&r, c->row, c->col, false, c->says);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t.db) == before);
	assert_int_equal(db_depth(t.db), 0);
	tmpdb_close(&t);
}

/* A row the store refuses after it wrote part of it (its search words,
 * refused here by a trigger, after the record and its audit row) commits
 * nothing. On SQLite establishment rows run without savepoints (db_flat):
 * what the row wrote cannot be undone, so the import stops at it; on
 * PostgreSQL its savepoint undoes it and the import reads on. */
static void a_row_refused_after_a_write_commits_nothing(void **state)
{
	TmpDb *t = *state;
	tmpdb_refuse_inserts(t->db, "no_words", "establishment_word", "NEW.word = 'co so b'");
	uint64_t before = tmpdb_checksum(t->db);
	ImportReport r;
	import_text(t, "refused.csv", HEAD "1;An Phú;;94;;3\n2;Cơ sở B;;94;;4\n3;Đồng Tâm;;94;;5\n",
	        true, NULL, &r);
	assert_false(r.committed);
	tio_expect(&r, 3, -1, false, "Không lưu được");
	if (tmpdb_pg()) {
		assert_int_equal(r.tables[0].rows, 3);
		assert_int_equal(r.tables[0].created, 2);
	} else {
		tio_expect(&r, 3, -1, false, "không hoàn tác được");
		assert_int_equal(r.tables[0].rows, 2);
	}
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
	assert_int_equal(db_depth(t->db), 0);
}

static void a_200_mb_csv_is_refused(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/huge.csv", t->dir);
	FILE *f = fopen(path, "wb");
	fputs(HEAD, f);
	assert_int_equal(ftruncate(fileno(f), (off_t)200 << 20), 0); /* sparse: no disk used */
	fclose(f);
	uint64_t before = tmpdb_checksum(t->db);
	ImportReport r;
	tio_import(t->db, path, true, NULL, &r);
	tio_expect(&r, 0, -1, false, "lớn quá: 200 MB, giới hạn 128 MB");
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
}

/* A record without a tax code is matched by name and commune: a row that
 * differs is a likely duplicate, refused until the row says which record
 * it is. */
static void likely_duplicates_are_reported(void **state)
{
	TmpDb *t = *state;
	Establishment x = store_establishment_blank();
	x.name = "Cơ sở mây tre đan Hòa Bình";
	x.province_list = "legacy";
	x.province_code = "94";
	x.commune_list = "legacy";
	x.commune_code = "31498";
	x.workers = 5;
	int64_t id;
	Err e = {0};
	assert_int_equal(store_establishment_create(t->db, &tio_actor, &x, &id, &e), 0);
	ImportReport r;
	import_text(t, "a.csv",
	        "Tên cơ sở;Tỉnh;Xã;Số lao động\nCO SO MAY TRE DAN HOA BINH;94;Phường 5;5\n", true,
	        NULL, &r);
	tio_clean(&r);
	assert_int_equal(r.tables[0].unchanged, 1);
	io_import_report_free(&r);
	import_text(t, "b.csv",
	        "Tên cơ sở;Tỉnh;Xã;Số lao động\nCơ sở mây tre đan Hòa Bình;94;Phường 5;9\n", true,
	        NULL, &r);
	tio_expect(&r, 2, 0, false, "Có thể trùng với cơ sở số 1 'Cơ sở mây tre đan Hòa Bình'");
	io_import_report_free(&r);
	import_text(t, "c.csv",
	        "Mã hệ thống;Tên cơ sở;Tỉnh;Xã;Số lao động\n1;Cơ sở mây tre đan Hòa Bình;94;Phường 5;9\n",
	        true, NULL, &r);
	tio_clean(&r);
	assert_int_equal(r.tables[0].updated, 1);
	io_import_report_free(&r);
	assert_int_equal(db_scalar(t->db, "SELECT workers FROM establishment WHERE id = 1"), 9);
	/* A tax code on a row matching a record that has none: maybe the same
	 * establishment, refused; once the record has one, a row with another
	 * is another establishment (a warning says so). */
	import_text(t, "d.csv",
	        "Tên cơ sở;Tỉnh;Xã;MST\nCơ sở mây tre đan Hòa Bình;94;Phường 5;2200111222\n", true,
	        NULL, &r);
	tio_expect(&r, 2, 0, false, "Có thể trùng với cơ sở số 1");
	io_import_report_free(&r);
	import_text(t, "e.csv",
	        "Mã hệ thống;Tên cơ sở;Tỉnh;Xã;MST\n1;Cơ sở mây tre đan Hòa Bình;94;Phường 5;2200111111\n",
	        true, NULL, &r);
	tio_clean(&r);
	io_import_report_free(&r);
	import_text(t, "d.csv",
	        "Tên cơ sở;Tỉnh;Xã;MST\nCơ sở mây tre đan Hòa Bình;94;Phường 5;2200111222\n", true,
	        NULL, &r);
	tio_clean(&r);
	tio_expect(&r, 2, 0, true, "nhưng khác mã số thuế: nhập như một cơ sở khác");
	assert_int_equal(r.tables[0].created, 1);
	io_import_report_free(&r);
}

/* A workbook with a merged title, a two-row header whose group cell is
 * merged over its columns, a column-number row, Excel numbers and a tax
 * code Excel kept as a number. */
static void xlsx_with_a_two_row_header(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/ds.xlsx", t->dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
	worksheet_merge_range(ws, 0, 0, 0, 4, "DANH SÁCH CƠ SỞ", NULL);
	worksheet_merge_range(ws, 2, 0, 3, 0, "STT", NULL);
	worksheet_merge_range(ws, 2, 1, 3, 1, "Tên cơ sở", NULL);
	worksheet_merge_range(ws, 2, 2, 2, 3, "Địa bàn", NULL);
	worksheet_write_string(ws, 3, 2, "Tỉnh", NULL);
	worksheet_write_string(ws, 3, 3, "Xã", NULL);
	worksheet_merge_range(ws, 2, 4, 3, 4, "Mã số thuế", NULL);
	for (int c = 0; c < 5; c++)
		worksheet_write_number(ws, 4, (lxw_col_t)c, c + 1, NULL);
	worksheet_write_number(ws, 5, 0, 1, NULL);
	worksheet_write_string(ws, 5, 1, "Cơ sở nước mắm", NULL);
	worksheet_write_number(ws, 5, 2, 94, NULL);
	worksheet_write_string(ws, 5, 3, "Phường 5", NULL);
	worksheet_write_number(ws, 5, 4, 301234567, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	ImportReport r;
	tio_import(t->db, path, true, NULL, &r);
	tio_clean(&r);
	assert_int_equal(r.tables[0].header_row, 4);
	assert_int_equal(r.tables[0].created, 1);
	tio_expect(&r, 6, 4, true, "mất số 0 ở đầu: đọc là 0301234567");
	io_import_report_free(&r);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM establishment WHERE tax_code ="
	                                  " '0301234567' AND commune_code = '31498'"),
	        1);
}

static void legacy_encoding_csv(void **state)
{
	TmpDb *t = *state;
	ImportReport r;
	/* TCVN3: "Tên cơ sở;Tỉnh" / "Cơ sở Việt;Sóc Trăng". */
	import_text(t, "abc.csv",
	        "T\xaan c\xac s\xeb;T\xd8nh\nC\xac s\xeb Vi\xd6t;S\xe3"
	        "c Tr\xa8ng\n",
	        true, NULL, &r);
	tio_clean(&r);
	assert_string_equal(r.encoding, "tcvn3");
	io_import_report_free(&r);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM establishment WHERE name ="
	                                  " 'Cơ sở Việt' AND province_code = '94'"),
	        1);
}

/* The report workbook holds the summary, the problems and the sheet with
 * the offending cell marked. */
static void xlsx_report(void **state)
{
	TmpDb *t = *state;
	char csv[256], out[256];
	tio_text(csv, t->dir, "bad.csv", HEAD "1;A;03012;94;;3\n");
	ImportReport r;
	tio_import(t->db, csv, true, NULL, &r);
	assert_int_equal(r.errors, 1);
	snprintf(out, sizeof out, "%s/report.xlsx", t->dir);
	IoOpen o = io_open_default();
	IoBook *src, *rep;
	Err e = {0};
	assert_int_equal(io_book_open(&src, csv, &o, &e), 0);
	assert_int_equal(io_report_xlsx(&r, true, src, 1000, out, &e), 0);
	io_book_close(src);
	io_import_report_free(&r);
	assert_int_equal(io_book_open(&rep, out, &o, &e), 0);
	assert_int_equal(io_book_sheets(rep), 3);
	assert_string_equal(io_book_sheet_name(rep, 0), "Tóm tắt");
	assert_string_equal(io_book_sheet_name(rep, 1), "Lỗi và cảnh báo");
	assert_string_equal(io_book_sheet_name(rep, 2), "#1 bad.csv");
	const IoRow *row;
	assert_int_equal(io_book_begin(rep, 1, &e), 0);
	assert_int_equal(io_book_next(rep, &row, &e), 0);
	assert_int_equal(io_book_next(rep, &row, &e), 0);
	assert_string_equal(row->cells[0].text, "Lỗi");
	assert_string_equal(row->cells[3].text, "C");
	assert_string_equal(row->cells[5].text, "03012");
	assert_contains(row->cells[6].text, "cần 10 chữ số");
	assert_int_equal(io_book_begin(rep, 2, &e), 0);
	assert_int_equal(io_book_next(rep, &row, &e), 0);
	assert_int_equal(io_book_next(rep, &row, &e), 0);
	assert_int_equal(row->number, 2);
	assert_contains(row->cells[row->n - 1].text, "Lỗi: Mã số thuế '03012'");
	io_book_close(rep);
}

/* The template's header is recognised as the table it describes. */
static void templates_import_back(void **state)
{
	TmpDb *t = *state;
	int n;
	const ImportKind *k = io_import_kinds(&n);
	for (int i = 0; i < n; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s/%s.xlsx", t->dir, k[i].name);
		Err e = {0};
		assert_int_equal(io_template_xlsx(k[i].name, path, &e), 0);
		ImportReport r;
		tio_import(t->db, path, false, NULL, &r);
		if (r.ntables != 1 || strcmp(r.tables[0].kind, k[i].name) || r.errors) {
			tio_print(&r);
			fail_msg("the template of '%s' is not read back", k[i].name);
		}
		io_import_report_free(&r);
	}
	Err e = {0};
	assert_int_equal(io_template_xlsx("nothing", "/tmp/x.xlsx", &e), KC_EINVAL);
}

/* ---- The command line ------------------------------------------------------------ */

/* Runs a shell command; returns its exit status. */
static int sh(const char *cmd)
{
	int st = system(cmd);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void command_line(void **state)
{
	TmpDb *t = *state;
	const char *bin = KC_BUILD_DIR "/khuyencong";
	char csv[256], wrong[256], cmd[2048], path[300];
	tio_text(csv, t->dir, "ds.csv", office_list);
	tio_text(wrong, t->dir, "bad.csv", HEAD "1;A;03012;94;;\n");
	snprintf(cmd, sizeof cmd, "%s import --db %s %s --dry-run >/dev/null", bin, t->path, csv);
	assert_int_equal(sh(cmd), 0);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM establishment"), 0);
	snprintf(cmd, sizeof cmd, "%s import --db %s %s >/dev/null", bin, t->path, csv);
	assert_int_equal(sh(cmd), 0);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM establishment"), 4);
	snprintf(path, sizeof path, "%s/r.xlsx", t->dir);
	snprintf(cmd, sizeof cmd, "%s import --db %s %s --report %s >%s/out.txt", bin, t->path,
	        wrong, path, t->dir);
	assert_int_equal(sh(cmd), 1);
	IoOpen o = io_open_default();
	IoBook *b;
	Err e = {0};
	assert_int_equal(io_book_open(&b, path, &o, &e), 0);
	assert_string_equal(io_book_sheet_name(b, 1), "Lỗi và cảnh báo");
	io_book_close(b);
	snprintf(path, sizeof path, "%s/mau.xlsx", t->dir);
	snprintf(cmd, sizeof cmd, "%s import --template establishments > %s", bin, path);
	assert_int_equal(sh(cmd), 0);
	assert_int_equal(io_book_open(&b, path, &o, &e), 0);
	assert_string_equal(io_book_sheet_name(b, 1), "Hướng dẫn");
	io_book_close(b);
	snprintf(cmd, sizeof cmd, "%s import --template nothing >/dev/null 2>&1", bin);
	assert_int_equal(sh(cmd), 2);
	snprintf(cmd, sizeof cmd, "%s import %s 2>/dev/null", bin, csv);
	assert_int_equal(sh(cmd), 2);
}

/* Stops at the progress report after 1 000 rows. */
static bool stop_at_1000(void *ctx, const ImportProgress *p)
{
	int *calls = ctx;
	(*calls)++;
	return p->rows < 1000;
}

/* A progress callback that says stop abandons the import: nothing written,
 * the report says why, even when it is a commit of a good file. */
static void progress_can_abandon(void **state)
{
	TmpDb *t = *state;
	Buf csv;
	buf_init(&csv, 1 << 20);
	buf_puts(&csv, "Tên cơ sở;Tỉnh\n");
	for (int i = 0; i < 2500; i++)
		buf_printf(&csv, "Cơ sở số %d;Sóc Trăng\n", i);
	char path[256];
	tio_text(path, t->dir, "lon.csv", buf_cstr(&csv));
	buf_free(&csv);
	uint64_t before = tmpdb_checksum(t->db);
	ImportOptions o = io_import_options();
	o.commit = true;
	int calls = 0;
	o.progress = stop_at_1000;
	o.progress_ctx = &calls;
	ImportReport r;
	Err e = {0};
	assert_int_equal(io_import_file(t->db, path, &o, &r, &e), 0);
	assert_int_equal(calls, 2); /* at row 0 and at row 1 000, then no more */
	assert_true(r.stopped);
	assert_false(r.committed);
	assert_int_equal(r.errors, 1);
	tio_expect(&r, 0, -1, false, "dừng giữa chừng");
	assert_int_equal(r.tables[0].created, 1000);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
	assert_int_equal(db_depth(t->db), 0);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, imports_as_offices_write_them);
	TL_ADD(&tl, dry_run_writes_nothing);
	TL_ADD(&tl, reimport_changes_nothing);
	TL_ADD(&tl, corrected_file_updates_what_changed);
	TL_ADD(&tl, a_200_mb_csv_is_refused);
	TL_ADD(&tl, a_row_refused_after_a_write_commits_nothing);
	TL_ADD(&tl, likely_duplicates_are_reported);
	TL_ADD(&tl, xlsx_with_a_two_row_header);
	TL_ADD(&tl, legacy_encoding_csv);
	TL_ADD(&tl, xlsx_report);
	TL_ADD(&tl, templates_import_back);
	TL_ADD(&tl, command_line);
	TL_ADD(&tl, progress_can_abandon);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = tio_setup;
		tl.v[i].teardown_func = tio_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_input_changes_nothing, (void *)&bad[i], "bad input: %s",
		        bad[i].why);
	return tl_run(&tl, "io/import");
}
