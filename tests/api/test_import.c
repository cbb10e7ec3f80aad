/* test_import.c — spreadsheets imported through the router as real users:
 * a dry run that writes nothing, errors named by sheet, row, column and
 * value, a commit that writes all or nothing with the user in the audit log,
 * re-import idempotence, rows of another province refused for province
 * staff, the XLSX report with the offending cell marked, the templates, the
 * refusals (size, type, role, sign-in, parameters) and the background jobs
 * of large files: progress, the report, ownership, cancelling, the bound on
 * their number and a stop of the server in the middle of one. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "api/api_import_job.h"
#include "apitest.h"
#include "core/buf.h"
#include "io/io_import.h"
#include "io/io_sheet.h"

/* Three establishments of Cần Thơ (legacy Sóc Trăng 94 is part of it). */
#define HEAD "STT;Tên cơ sở;Mã số thuế;Tỉnh;Số lao động\n"
static const char good[] = HEAD "1;Cơ sở bánh pía Tân Huê Viên;2200123456;94;45\n"
                                "2;Hợp tác xã dệt chiếu;;Sóc Trăng;20\n"
                                "3;Tổ hợp tác bánh tráng;;Cần Thơ;7\n";
/* Row 3 has a tax code of five digits. */
static const char bad[] = HEAD "1;Cơ sở bánh pía Tân Huê Viên;2200123456;94;45\n"
                               "2;Cơ sở mới;03012;94;3\n";
/* Row 3 is an establishment of Hà Nội. */
static const char mixed[] = HEAD "1;Cơ sở bánh pía Tân Huê Viên;2200123456;94;45\n"
                                 "2;Cơ sở gốm Bát Tràng;0101234567;Hà Nội;12\n";

static int setup(void **state)
{
	return apitest_setup(state);
}

static int teardown(void **state)
{
	ApiTest *t = *state;
	api_import_jobs_free(t->app.import_jobs);
	return apitest_teardown(state);
}

static Db *db_of(void **state)
{
	return ((ApiTest *)*state)->db.db;
}

static int64_t establishments(void **state)
{
	return db_scalar(db_of(state), "SELECT COUNT(*) FROM establishment");
}

static void upload(ApiTest *t, const char *user, const char *query, const char *text, ApiRes *r)
{
	char path[512];
	snprintf(path, sizeof path, "/api/v1/import%s%s", *query ? "?" : "", query);
	apitest_upload(t, user, path, "text/csv", text, strlen(text), r);
}

/* The file at path into b (to buf_free). */
static void read_file(const char *path, Buf *b)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	buf_init(b, 1 << 24);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(b, chunk, n);
	fclose(f);
}

/* ---- Dry run, errors, commit ---------------------------------------------------------- */

/* The route's kinds are the importer's. */
static void kind_parameter_lists_the_importer_kinds(void **state)
{
	(void)state;
	const Route *post = NULL;
	for (int i = 0; i < http_n_routes && !post; i++)
		if (!strcmp(http_routes[i].pattern, "/api/v1/import"))
			post = &http_routes[i];
	assert_non_null(post);
	const Param *p = post->params;
	while (p->name && strcmp(p->name, "kind"))
		p++;
	assert_non_null(p->name);
	int n;
	const ImportKind *k = io_import_kinds(&n);
	int i = 0;
	for (; p->choices[i]; i++) {
		assert_true(i < n);
		assert_string_equal(p->choices[i], k[i].name);
	}
	assert_int_equal(i, n);
}

static void dry_run_counts_and_writes_nothing(void **state)
{
	ApiTest *t = *state;
	uint64_t before = tmpdb_checksum(t->db.db);
	int64_t n = establishments(state);
	ApiRes r;
	upload(t, "staff", "file_name=ds.csv", good, &r);
	assert_status(&r, 200);
	assert_true(json_is_true(json_object_get(r.json, "dry_run")));
	assert_true(json_is_false(json_object_get(r.json, "committed")));
	assert_string_equal(apires_str(&r, "file"), "ds.csv");
	assert_string_equal(apires_str(&r, "format"), "csv");
	assert_string_equal(apires_str(&r, "separator"), ";");
	assert_int_equal(apires_int(&r, "errors"), 0);
	assert_int_equal(apires_int(&r, "totals.rows"), 3);
	assert_int_equal(apires_int(&r, "totals.created"), 3);
	assert_int_equal(apires_int(&r, "tables.0.created"), 3);
	assert_int_equal(apires_int(&r, "tables.0.header_row"), 1);
	assert_string_equal(apires_str(&r, "tables.0.kind"), "establishments");
	assert_string_equal(apires_str(&r, "tables.0.sheet"), "ds.csv");
	assert_contains(apires_str(&r, "outcome"), "chạy thử");
	apires_free(&r);
	assert_true(tmpdb_checksum(t->db.db) == before);
	assert_int_equal(establishments(state), n);
}

static void errors_are_named_and_commit_writes_nothing(void **state)
{
	ApiTest *t = *state;
	uint64_t before = tmpdb_checksum(t->db.db);
	ApiRes r;
	upload(t, "staff", "file_name=ds.csv&commit=true", bad, &r);
	assert_status(&r, 200);
	assert_true(json_is_false(json_object_get(r.json, "dry_run")));
	assert_true(json_is_false(json_object_get(r.json, "committed")));
	assert_int_equal(apires_int(&r, "errors"), 1);
	assert_int_equal(apires_int(&r, "tables.0.created"), 1);
	assert_int_equal(apires_int(&r, "tables.0.failed"), 1);
	assert_string_equal(apires_str(&r, "problems.0.sheet"), "ds.csv");
	assert_int_equal(apires_int(&r, "problems.0.row"), 3);
	assert_string_equal(apires_str(&r, "problems.0.column_letter"), "C");
	assert_string_equal(apires_str(&r, "problems.0.cell"), "C3");
	assert_string_equal(apires_str(&r, "problems.0.column"), "Mã số thuế");
	assert_string_equal(apires_str(&r, "problems.0.value"), "03012");
	assert_contains(apires_str(&r, "problems.0.message"), "cần 10 chữ số");
	assert_true(json_is_false(json_object_get(
	        json_array_get(json_object_get(r.json, "problems"), 0), "warning")));
	assert_contains(apires_str(&r, "outcome"), "không ghi gì");
	apires_free(&r);
	assert_true(tmpdb_checksum(t->db.db) == before);
}

static void commit_writes_with_the_user_in_the_audit_log(void **state)
{
	ApiTest *t = *state;
	int64_t n = establishments(state);
	ApiRes r;
	upload(t, "staff", "file_name=ds.csv&commit=true", good, &r);
	assert_status(&r, 200);
	assert_true(json_is_true(json_object_get(r.json, "committed")));
	assert_int_equal(apires_int(&r, "totals.created"), 3);
	apires_free(&r);
	Db *db = db_of(state);
	assert_int_equal(establishments(state), n + 3);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment WHERE tax_code ="
	                               " '2200123456' AND workers = 45 AND province_code = '94'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u ON"
	                               " u.id = a.user_id WHERE a.via = 'import' AND a.actor ="
	                               " 'staff' AND u.username = 'staff' AND a.table_name ="
	                               " 'establishment' AND a.action = 'insert'"),
	        3);

	/* The same file again changes nothing, not even the audit log. */
	uint64_t before = tmpdb_checksum(db);
	upload(t, "staff", "file_name=ds.csv&commit=true", good, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "errors"), 0);
	assert_int_equal(apires_int(&r, "totals.unchanged"), 3);
	assert_int_equal(apires_int(&r, "totals.created"), 0);
	assert_int_equal(apires_int(&r, "totals.updated"), 0);
	apires_free(&r);
	assert_true(tmpdb_checksum(db) == before);
}

/* Province staff may not write another province's rows, even among their
 * own: nothing is written. The Ministry may. */
static void another_province_refused_for_staff_accepted_for_ministry(void **state)
{
	ApiTest *t = *state;
	uint64_t before = tmpdb_checksum(t->db.db);
	int64_t n = establishments(state);
	ApiRes r;
	upload(t, "staff", "file_name=ds.csv&commit=true", mixed, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "errors"), 1);
	assert_int_equal(apires_int(&r, "problems.0.row"), 3);
	assert_string_equal(apires_str(&r, "problems.0.column"), "Tỉnh");
	assert_string_equal(apires_str(&r, "problems.0.value"), "Hà Nội");
	assert_string_equal(
	        apires_str(&r, "problems.0.message"), "Tỉnh 'Hà Nội' không thuộc phạm vi của bạn");
	assert_true(json_is_false(json_object_get(r.json, "committed")));
	apires_free(&r);
	assert_true(tmpdb_checksum(t->db.db) == before);

	/* Staff of Hà Nội: the other row is outside. */
	upload(t, "other", "file_name=ds.csv&commit=true", mixed, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "errors"), 1);
	assert_int_equal(apires_int(&r, "problems.0.row"), 2);
	assert_contains(apires_str(&r, "problems.0.message"), "Sóc Trăng");
	apires_free(&r);
	assert_true(tmpdb_checksum(t->db.db) == before);

	upload(t, "ministry", "file_name=ds.csv&commit=true", mixed, &r);
	assert_status(&r, 200);
	assert_true(json_is_true(json_object_get(r.json, "committed")));
	assert_int_equal(apires_int(&r, "totals.created"), 2);
	apires_free(&r);
	assert_int_equal(establishments(state), n + 2);
}

/* An XLSX file comes in like a CSV; kind narrows what is read. */
static void an_xlsx_upload(void **state)
{
	ApiTest *t = *state;
	char path[160];
	snprintf(path, sizeof path, "%s/ds.xlsx", t->db.dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Danh sách");
	worksheet_write_string(ws, 0, 0, "Tên doanh nghiệp", NULL);
	worksheet_write_string(ws, 0, 1, "MST", NULL);
	worksheet_write_string(ws, 0, 2, "Tỉnh/TP", NULL);
	worksheet_write_string(ws, 1, 0, "Công ty TNHH Mây tre Hòa Bình", NULL);
	worksheet_write_number(ws, 1, 1, 2200654321, NULL);
	worksheet_write_string(ws, 1, 2, "Sóc Trăng", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	Buf b;
	read_file(path, &b);
	ApiRes r;
	apitest_upload(t, "staff",
	        "/api/v1/import?file_name=ds.xlsx&kind=establishments&sheet=Danh+s%C3%A1ch&commit=true",
	        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf_cstr(&b),
	        b.len, &r);
	buf_free(&b);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "format"), "xlsx");
	assert_true(json_is_true(json_object_get(r.json, "committed")));
	assert_int_equal(apires_int(&r, "tables.0.created"), 1);
	assert_string_equal(apires_str(&r, "tables.0.sheet"), "Danh sách");
	apires_free(&r);
	assert_int_equal(db_scalar(db_of(state), "SELECT COUNT(*) FROM establishment WHERE"
	                                         " tax_code = '2200654321' AND legal_form = 'sme'"),
	        1);
}

/* ---- The XLSX report ------------------------------------------------------------------- */

/* The member name of the zip archive bytes[0..len) into out. */
static void zip_member(const char *bytes, size_t len, const char *name, Buf *out)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
	assert_non_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	zip_file_t *f = zip_fopen(z, name, 0);
	if (!f)
		fail_msg("no '%s' in the workbook", name);
	char chunk[8192];
	zip_int64_t n;
	while ((n = zip_fread(f, chunk, sizeof chunk)) > 0)
		buf_append(out, chunk, (size_t)n);
	zip_fclose(f);
	zip_close(z);
}

/* The number after attr=" in the first element at or after at. */
static long attr_after(const char *at, const char *attr)
{
	char key[32];
	snprintf(key, sizeof key, " %s=\"", attr);
	const char *end = strchr(at, '>'), *p = strstr(at, key);
	if (!p || (end && p > end))
		return -1;
	return strtol(p + strlen(key), NULL, 10);
}

/* The fill colour of the cell ref of sheet member of the workbook. */
static void assert_filled(const ApiRes *r, const char *member, const char *ref, const char *rgb)
{
	Buf sheet, styles;
	buf_init(&sheet, 1 << 24);
	buf_init(&styles, 1 << 20);
	zip_member(r->body, r->body_len, member, &sheet);
	zip_member(r->body, r->body_len, "xl/styles.xml", &styles);
	char cell[32];
	snprintf(cell, sizeof cell, "<c r=\"%s\"", ref);
	const char *c = strstr(buf_cstr(&sheet), cell);
	if (!c)
		fail_msg("no cell %s in %s", ref, member);
	long style = attr_after(c, "s");
	assert_true(style > 0);
	const char *xf = strstr(buf_cstr(&styles), "<cellXfs");
	assert_non_null(xf);
	for (long i = 0; i <= style; i++)
		assert_non_null(xf = strstr(xf + 1, "<xf "));
	long fill = attr_after(xf, "fillId");
	const char *fl = strstr(buf_cstr(&styles), "<fills");
	assert_non_null(fl);
	for (long i = 0; i <= fill; i++)
		assert_non_null(fl = strstr(fl + 1, "<fill>"));
	const char *close = strstr(fl, "</fill>");
	char want[32];
	snprintf(want, sizeof want, "rgb=\"FF%s\"", rgb);
	const char *color = strstr(fl, want);
	if (!color || color > close)
		fail_msg("cell %s is not filled %s: %.*s", ref, rgb, (int)(close - fl), fl);
	buf_free(&sheet);
	buf_free(&styles);
}

static void xlsx_report_marks_the_cell(void **state)
{
	ApiTest *t = *state;
	uint64_t before = tmpdb_checksum(t->db.db);
	ApiRes r;
	upload(t, "staff", "file_name=ds.csv&format=xlsx&commit=true", bad, &r);
	assert_status(&r, 200);
	assert_string_equal(r.content_type,
	        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(r.disposition, "attachment; filename=\"bao-cao-nhap.xlsx\"");
	assert_true(r.body_len > 100 && !memcmp(r.body, "PK", 2));
	/* The copy of the sheet: the tax code cell filled red, the reason after. */
	assert_filled(&r, "xl/worksheets/sheet3.xml", "C3", "FFC7CE");
	IoOpen o = io_open_default();
	IoBook *book;
	Err e = {0};
	assert_int_equal(io_book_open_mem(&book, "bao-cao.xlsx", r.body, r.body_len, &o, &e), 0);
	assert_int_equal(io_book_sheets(book), 3);
	assert_string_equal(io_book_sheet_name(book, 2), "#1 ds.csv");
	const IoRow *row = NULL;
	assert_int_equal(io_book_begin(book, 2, &e), 0);
	while (io_book_next(book, &row, &e) == 0 && row && row->number < 3)
		;
	assert_non_null(row);
	assert_int_equal(row->number, 3);
	assert_string_equal(row->cells[2].text, "03012");
	assert_contains(row->cells[row->n - 1].text, "Lỗi: Mã số thuế '03012'");
	io_book_close(book);
	apires_free(&r);
	assert_true(tmpdb_checksum(t->db.db) == before);
}

/* ---- Templates ------------------------------------------------------------------------- */

static void templates_listed_and_downloaded(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "viewer", "GET", "/api/v1/import/templates", NULL, NULL, &r);
	assert_status(&r, 200);
	int n;
	const ImportKind *k = io_import_kinds(&n);
	assert_int_equal(apires_int(&r, "total"), n);
	assert_string_equal(apires_str(&r, "items.0.name"), "establishments");
	assert_string_equal(apires_str(&r, "items.0.label"), k[0].label);
	assert_string_equal(apires_str(&r, "items.8.name"), "aggregates");
	apires_free(&r);

	apitest_call(t, "viewer", "GET", "/api/v1/import/templates/disbursements", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(r.disposition, "attachment; filename=\"mau-disbursements.xlsx\"");
	assert_true(r.body_len > 100 && !memcmp(r.body, "PK", 2));
	/* What it downloads is read back as the table it is the template of. */
	ApiRes back;
	apitest_upload(
	        t, "staff", "/api/v1/import?file_name=mau.xlsx", NULL, r.body, r.body_len, &back);
	assert_status(&back, 200);
	assert_string_equal(apires_str(&back, "tables.0.kind"), "disbursements");
	assert_int_equal(apires_int(&back, "errors"), 0);
	apires_free(&back);
	apires_free(&r);

	apitest_call(t, "viewer", "GET", "/api/v1/import/templates/nothing", NULL, NULL, &r);
	assert_status(&r, 404);
	assert_string_equal(apires_str(&r, "error.code"), "not_found");
	apires_free(&r);
}

/* ---- Refusals -------------------------------------------------------------------------- */

typedef struct Refused {
	const char *why, *user, *query;
	const char *body;
	size_t len;
	int status;
	const char *code, *field, *says;
} Refused;

#define BYTES(s) s, sizeof s - 1

static const Refused refusals[] = {
        {"an empty body", "staff", "", BYTES(""), 400, "bad_request", "file", "Chưa có tệp"},
        {"over the upload limit", "staff", "", BYTES(HEAD "1;A;2200123456;94;45\n"), 413,
                "too_large", "file", "giới hạn 40 byte"},
        {"an old .xls", "staff", "file_name=a.xls", BYTES("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), 415,
                "unsupported_media_type", "file", "Excel 97-2003"},
        {"UTF-16 text", "staff", "file_name=a.txt", BYTES("\xFF\xFEST\0T\0"), 415,
                "unsupported_media_type", "file", "UTF-16"},
        {"a binary file", "staff", "file_name=a.png", BYTES("\x89PNG\r\n\x1a\n\0\0"), 415,
                "unsupported_media_type", "file", "không phải bảng tính"},
        {"a truncated workbook", "staff", "file_name=a.xlsx", BYTES("PK\x03\x04\x14\0\0\0"), 415,
                "unsupported_media_type", "file", NULL},
        {"an unknown kind", "staff", "kind=songs", BYTES("a;b\n"), 400, "bad_request", "kind",
                NULL},
        {"commit neither true nor false", "staff", "commit=yes", BYTES("a;b\n"), 400, "bad_request",
                "commit", NULL},
        {"an unknown parameter", "staff", "dry_run=1", BYTES("a;b\n"), 400, "bad_request",
                "dry_run", NULL},
        {"a viewer", "viewer", "", BYTES("a;b\n"), 403, "forbidden", NULL, NULL},
        {"no one signed in", NULL, "", BYTES("a;b\n"), 401, "unauthenticated", NULL, NULL},
};

static void refused(void **state)
{
	const Refused *x = *state;
	void *s;
	assert_int_equal(setup(&s), 0);
	ApiTest *t = s;
	t->app.limits.upload_bytes = 40;
	uint64_t before = tmpdb_checksum(t->db.db);
	char path[160];
	snprintf(path, sizeof path, "/api/v1/import%s%s", *x->query ? "?" : "", x->query);
	ApiRes r;
	apitest_upload(t, x->user, path, "application/octet-stream", x->body, x->len, &r);
	assert_status(&r, x->status);
	assert_string_equal(apires_str(&r, "error.code"), x->code);
	if (x->field)
		assert_string_equal(apires_str(&r, "error.field"), x->field);
	assert_non_null(apires_str(&r, "error.message"));
	if (x->says)
		assert_contains(apires_str(&r, "error.message"), x->says);
	apires_free(&r);
	assert_true(tmpdb_checksum(t->db.db) == before);
	teardown(&s);
}

/* A workbook over an import limit (more members than any XLSX has) is a 413,
 * refused from its directory before anything is unpacked, like a zip bomb. */
static void a_file_over_an_import_limit(void **state)
{
	ApiTest *t = *state;
	char path[160];
	snprintf(path, sizeof path, "%s/many.xlsx", t->db.dir);
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	assert_non_null(z);
	for (int i = 0; i < 10001; i++) {
		char name[32];
		snprintf(name, sizeof name, "p%d", i);
		zip_source_t *src = zip_source_buffer(z, "x", 1, 0);
		assert_true(zip_file_add(z, name, src, 0) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	Buf b;
	read_file(path, &b);
	uint64_t before = tmpdb_checksum(t->db.db);
	ApiRes r;
	apitest_upload(t, "staff", "/api/v1/import?file_name=many.xlsx&commit=true", NULL,
	        buf_cstr(&b), b.len, &r);
	assert_status(&r, 413);
	assert_string_equal(apires_str(&r, "error.code"), "too_large");
	assert_string_equal(apires_str(&r, "error.field"), "file");
	assert_contains(apires_str(&r, "error.message"), "vượt giới hạn 10000");
	apires_free(&r);
	buf_free(&b);
	assert_true(tmpdb_checksum(t->db.db) == before);
}

/* ---- Background jobs ------------------------------------------------------------------- */

/* A registry whose worker imports anything over 64 bytes. */
static ImportJobs *jobs_for(ApiTest *t, int max_jobs)
{
	ImportJobLimits l = api_import_job_limits();
	l.sync_bytes = 64;
	l.max_jobs = max_jobs;
	t->app.import_jobs = api_import_jobs_new(&l);
	assert_non_null(t->app.import_jobs);
	return t->app.import_jobs;
}

/* n establishments of Sóc Trăng, numbered from first, with the row of Hà
 * Nội as the last one when foreign. */
static char *many(int first, int n, bool foreign)
{
	Buf b;
	buf_init(&b, 1 << 24);
	buf_puts(&b, "Tên cơ sở;Tỉnh\n");
	for (int i = 0; i < n; i++)
		buf_printf(&b, "Cơ sở số %d;Sóc Trăng\n", first + i);
	if (foreign)
		buf_puts(&b, "Cơ sở gốm;Hà Nội\n");
	char *s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

static void job_path(const ApiRes *r, char *out, size_t n, const char *suffix)
{
	snprintf(out, n, "/api/v1/import/jobs/%lld%s", (long long)apires_int(r, "id"), suffix);
}

/* Uploads csv as staff with query, which must become a job: its path into one. */
static void as_job(ApiTest *t, const char *query, const char *csv, char one[96])
{
	ApiRes r;
	upload(t, "staff", query, csv, &r);
	assert_status(&r, 202);
	job_path(&r, one, 96, "");
	apires_free(&r);
}

static void a_large_file_runs_as_a_job(void **state)
{
	ApiTest *t = *state;
	ImportJobs *jobs = jobs_for(t, 8);
	int64_t n = establishments(state);
	char *csv = many(1, 1500, false);
	ApiRes r;
	upload(t, "staff", "file_name=lon.csv&commit=true", csv, &r);
	assert_status(&r, 202);
	char one[96], xlsx[128];
	job_path(&r, one, sizeof one, "");
	job_path(&r, xlsx, sizeof xlsx, "?format=xlsx");
	assert_string_equal(r.location, one);
	assert_string_equal(apires_str(&r, "file_name"), "lon.csv");
	assert_int_equal(apires_int(&r, "size"), (int64_t)strlen(csv));
	assert_true(json_is_true(json_object_get(r.json, "commit")));
	assert_non_null(apires_str(&r, "state"));
	assert_null(json_object_get(r.json, "report"));
	apires_free(&r);
	api_import_jobs_wait(jobs);

	apitest_call(t, "staff", "GET", one, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "state"), "done");
	assert_string_equal(apires_str(&r, "sheet"), "lon.csv");
	assert_int_equal(apires_int(&r, "rows"), 1500);
	assert_int_equal(apires_int(&r, "bytes_total"), (int64_t)strlen(csv));
	assert_int_equal(apires_int(&r, "bytes_done"), apires_int(&r, "bytes_total"));
	assert_string_equal(apires_str(&r, "created_at"), "2026-11-22T08:00:00Z");
	assert_string_equal(apires_str(&r, "finished_at"), "2026-11-22T08:00:00Z");
	assert_true(json_is_true(json_object_get(json_object_get(r.json, "report"), "committed")));
	assert_int_equal(apires_int(&r, "report.totals.created"), 1500);
	apires_free(&r);
	assert_int_equal(establishments(state), n + 1500);
	assert_int_equal(db_scalar(db_of(state), "SELECT COUNT(*) FROM audit_log WHERE via ="
	                                         " 'import' AND actor = 'staff'"),
	        1500);

	/* Its report as a workbook. */
	apitest_call(t, "staff", "GET", xlsx, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_true(r.body_len > 100 && !memcmp(r.body, "PK", 2));
	apires_free(&r);

	/* No one else sees it, lists it or drops it. */
	static const char *const others[] = {"manager", "other", "ministry", "admin"};
	for (size_t i = 0; i < COUNT_OF(others); i++) {
		apitest_call(t, others[i], "GET", one, NULL, NULL, &r);
		assert_status(&r, 404);
		apires_free(&r);
		apitest_call(t, others[i], "GET", "/api/v1/import/jobs", NULL, NULL, &r);
		assert_status(&r, 200);
		assert_int_equal(apires_int(&r, "total"), 0);
		apires_free(&r);
		apitest_call(t, others[i], "DELETE", one, NULL, NULL, &r);
		assert_status(&r, 404);
		apires_free(&r);
	}
	apitest_call(t, "staff", "GET", "/api/v1/import/jobs", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.state"), "done");
	apires_free(&r);

	/* Its owner drops it. */
	apitest_call(t, "staff", "DELETE", one, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "staff", "GET", one, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	free(csv);
}

/* A job of rows outside the caller's provinces commits nothing. */
static void a_job_refuses_another_province(void **state)
{
	ApiTest *t = *state;
	ImportJobs *jobs = jobs_for(t, 8);
	uint64_t before = tmpdb_checksum(t->db.db);
	char *csv = many(1, 50, true);
	char one[96];
	as_job(t, "file_name=lon.csv&commit=true", csv, one);
	ApiRes r;
	api_import_jobs_wait(jobs);
	apitest_call(t, "staff", "GET", one, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "state"), "done");
	assert_int_equal(apires_int(&r, "report.errors"), 1);
	assert_int_equal(apires_int(&r, "report.problems.0.row"), 52);
	assert_string_equal(apires_str(&r, "report.problems.0.message"),
	        "Tỉnh 'Hà Nội' không thuộc phạm vi của bạn");
	assert_true(json_is_false(json_object_get(json_object_get(r.json, "report"), "committed")));
	apires_free(&r);
	assert_true(tmpdb_checksum(t->db.db) == before);
	free(csv);
}

/* Jobs wait their turn; a queued job can be dropped before it runs; a job
 * without a report yet has no workbook. */
static void queued_jobs_and_cancelling(void **state)
{
	ApiTest *t = *state;
	ImportJobs *jobs = jobs_for(t, 8);
	api_import_jobs_pause(jobs, true);
	int64_t n = establishments(state);
	char *first = many(1, 20, false), *second = many(100, 20, false);
	ApiRes r;
	upload(t, "staff", "file_name=a.csv&commit=true&async=true", first, &r);
	assert_status(&r, 202);
	assert_string_equal(apires_str(&r, "state"), "queued");
	assert_int_equal(apires_int(&r, "ahead"), 0);
	char a[96], a_xlsx[128], b[96];
	job_path(&r, a, sizeof a, "");
	job_path(&r, a_xlsx, sizeof a_xlsx, "?format=xlsx");
	apires_free(&r);
	upload(t, "staff", "file_name=b.csv&commit=true", second, &r);
	assert_status(&r, 202);
	assert_int_equal(apires_int(&r, "ahead"), 1);
	job_path(&r, b, sizeof b, "");
	apires_free(&r);

	apitest_call(t, "staff", "GET", a_xlsx, NULL, NULL, &r);
	assert_status(&r, 409);
	assert_string_equal(apires_str(&r, "error.code"), "conflict");
	apires_free(&r);
	apitest_call(t, "staff", "DELETE", a, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "staff", "GET", b, NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "ahead"), 0);
	apires_free(&r);

	api_import_jobs_pause(jobs, false);
	api_import_jobs_wait(jobs);
	apitest_call(t, "staff", "GET", a, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	apitest_call(t, "staff", "GET", b, NULL, NULL, &r);
	assert_string_equal(apires_str(&r, "state"), "done");
	apires_free(&r);
	/* Only the second was imported. */
	assert_int_equal(establishments(state), n + 20);
	assert_int_equal(db_scalar(db_of(state), "SELECT COUNT(*) FROM establishment WHERE name ="
	                                         " 'Cơ sở số 1'"),
	        0);
	free(first);
	free(second);
}

/* At most max_jobs are held: queued or running ones are never pushed out,
 * finished ones make room. */
static void jobs_are_bounded(void **state)
{
	ApiTest *t = *state;
	ImportJobs *jobs = jobs_for(t, 2);
	api_import_jobs_pause(jobs, true);
	ApiRes r;
	for (int i = 0; i < 2; i++) {
		upload(t, "staff", "file_name=a.csv&async=true", good, &r);
		assert_status(&r, 202);
		apires_free(&r);
	}
	upload(t, "manager", "file_name=a.csv&async=true", good, &r);
	assert_status(&r, 429);
	assert_string_equal(apires_str(&r, "error.code"), "too_many_requests");
	apires_free(&r);
	/* A small file without async is still imported at once. */
	upload(t, "manager", "file_name=a.csv", "Tên cơ sở;Tỉnh\nCơ sở A;94\n", &r);
	assert_status(&r, 200);
	apires_free(&r);
	api_import_jobs_pause(jobs, false);
	api_import_jobs_wait(jobs);
	upload(t, "manager", "file_name=a.csv&async=true", good, &r);
	assert_status(&r, 202);
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/import/jobs", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1); /* its oldest made room */
	apires_free(&r);
}

/* A finished job is forgotten keep_seconds after it ends (here at once). */
static void finished_jobs_expire(void **state)
{
	ApiTest *t = *state;
	ImportJobLimits l = api_import_job_limits();
	l.sync_bytes = 64;
	l.keep_seconds = 0;
	ImportJobs *jobs = t->app.import_jobs = api_import_jobs_new(&l);
	api_import_jobs_pause(jobs, true);
	char one[96];
	as_job(t, "file_name=a.csv", good, one);
	ApiRes r;
	apitest_call(t, "staff", "GET", one, NULL, NULL, &r);
	assert_status(&r, 200); /* queued: kept however long it waits */
	apires_free(&r);
	api_import_jobs_pause(jobs, false);
	api_import_jobs_wait(jobs);
	apitest_call(t, "staff", "GET", one, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
}

/* Its owner stops a running job: the import is abandoned, nothing is
 * written. */
static void deleting_a_running_job_stops_it(void **state)
{
	ApiTest *t = *state;
	ImportJobs *jobs = jobs_for(t, 8);
	uint64_t before = tmpdb_checksum(t->db.db);
	char *csv = many(1, 60000, false);
	char one[96];
	as_job(t, "file_name=lon.csv&commit=true", csv, one);
	ApiRes r;
	/* Wait until it has read some rows. */
	for (int i = 0; i < 3000; i++) {
		apitest_call(t, "staff", "GET", one, NULL, NULL, &r);
		bool going = apires_int(&r, "rows") > 0;
		if (going)
			assert_string_equal(apires_str(&r, "state"), "running");
		apires_free(&r);
		if (going)
			break;
		struct timespec ms = {0, 1000000};
		nanosleep(&ms, NULL);
	}
	apitest_call(t, "staff", "DELETE", one, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	api_import_jobs_wait(jobs);
	assert_true(tmpdb_checksum(t->db.db) == before);
	free(csv);
}

/* The server stops in the middle of a large commit: the import is
 * abandoned, nothing is written, nothing leaks. */
static void a_stop_abandons_the_running_job(void **state)
{
	ApiTest *t = *state;
	jobs_for(t, 8);
	uint64_t before = tmpdb_checksum(t->db.db);
	char *csv = many(1, 30000, false);
	ApiRes r;
	upload(t, "staff", "file_name=lon.csv&commit=true", csv, &r);
	assert_status(&r, 202);
	apires_free(&r);
	upload(t, "staff", "file_name=lon2.csv&commit=true", csv, &r); /* queued behind it */
	assert_status(&r, 202);
	apires_free(&r);
	api_import_jobs_free(t->app.import_jobs);
	t->app.import_jobs = NULL;
	assert_true(tmpdb_checksum(t->db.db) == before);
	free(csv);
}

/* Without background imports (test-http) every file is imported at once,
 * and there are no jobs to see. */
static void without_jobs_everything_waits(void **state)
{
	ApiTest *t = *state;
	char *csv = many(1, 200, false);
	ApiRes r;
	upload(t, "staff", "file_name=lon.csv&async=true", csv, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "totals.created"), 200);
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/import/jobs/1", NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/import/jobs", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/import/jobs", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, NULL, "GET", "/api/v1/import/jobs", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	free(csv);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, kind_parameter_lists_the_importer_kinds);
	TL_ADD(&tl, dry_run_counts_and_writes_nothing);
	TL_ADD(&tl, errors_are_named_and_commit_writes_nothing);
	TL_ADD(&tl, commit_writes_with_the_user_in_the_audit_log);
	TL_ADD(&tl, another_province_refused_for_staff_accepted_for_ministry);
	TL_ADD(&tl, an_xlsx_upload);
	TL_ADD(&tl, xlsx_report_marks_the_cell);
	TL_ADD(&tl, templates_listed_and_downloaded);
	TL_ADD(&tl, a_file_over_an_import_limit);
	TL_ADD(&tl, a_large_file_runs_as_a_job);
	TL_ADD(&tl, a_job_refuses_another_province);
	TL_ADD(&tl, queued_jobs_and_cancelling);
	TL_ADD(&tl, jobs_are_bounded);
	TL_ADD(&tl, finished_jobs_expire);
	TL_ADD(&tl, deleting_a_running_job_stops_it);
	TL_ADD(&tl, a_stop_abandons_the_running_job);
	TL_ADD(&tl, without_jobs_everything_waits);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	for (size_t i = 0; i < COUNT_OF(refusals); i++)
		tl_addf(&tl, refused, (void *)&refusals[i], "refused: %s", refusals[i].why);
	return tl_run(&tl, "api/import");
}
