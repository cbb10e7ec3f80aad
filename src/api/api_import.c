/* api_import.c — /api/v1/import: the spreadsheets offices keep, uploaded as
 * the request body and imported by io_import.h, as a dry run or a commit.
 *
 * A file is the whole body (no JSON, no multipart form); its format is told
 * by its bytes, its name and the choices of `khuyencong import` are query
 * parameters. The router lets staff and above in; the province scope is the
 * rows': the importer is given the caller's provinces and refuses each row
 * whose record lies elsewhere, so a commit of such a file writes nothing.
 *
 * The answer is the import's report, as JSON or as the XLSX workbook with
 * the offending cells marked; a file whose errors stopped the commit is
 * still a 200 (the report says what is wrong), while a body that is not a
 * spreadsheet at all is a 415. A file larger than the registry's sync_bytes
 * (or any file with async=true) is imported in the background: the answer is
 * 202 with the job (api_import_job.h), followed at /api/v1/import/jobs/{id}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/api.h"
#include "api/api_import_job.h"
#include "api/api_routes.h"
#include "io/io_report.h"
#include "io/io_template.h"

enum { REPORT_MARK_ROWS = 100000 };

static const char xlsx_type[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/* The names of io_import_kinds, in its order (tests/api/test_import.c checks). */
static const char *const kind_names[] = {"establishments", "projects", "project_costs",
        "beneficiaries", "disbursements", "certifications", "trainings", "fairs", "aggregates",
        NULL};
static const char *const encodings[] = {"auto", "utf-8", "cp1258", "tcvn3", "vni", NULL};
static const char *const formats[] = {"json", "xlsx", NULL};

const Param api_import_params[] = {
        {"file_name", PARAM_TEXT, 0, 255, NULL,
                "Tên tệp, để ghi trong báo cáo (với CSV cũng là tên trang); nội dung tệp là toàn bộ"
                " thân yêu cầu, định dạng (.xlsx hay .csv) nhận ra từ nội dung",
                false},
        {"kind", PARAM_ENUM, 0, 0, kind_names, "Chỉ nhập bảng loại này", false},
        {"sheet", PARAM_TEXT, 0, 255, NULL, "Chỉ nhập trang có tên này", false},
        {"encoding", PARAM_ENUM, 0, 0, encodings,
                "Bảng mã của tệp CSV (hoặc phông chữ cũ trong XLSX); mặc định tự nhận ra", false},
        {"commit", PARAM_BOOL, 0, 0, NULL,
                "true: ghi vào cơ sở dữ liệu, tất cả hoặc không gì; mặc định false: chạy thử",
                false},
        {"format", PARAM_ENUM, 0, 0, formats,
                "Báo cáo: json (mặc định) hoặc xlsx (bảng tính, các ô có lỗi được tô màu)", false},
        {"async", PARAM_BOOL, 0, 0, NULL,
                "true: nhập nền (trả lời 202 với việc nhập) cả khi tệp nhỏ; tệp lớn luôn nhập nền",
                false},
        {NULL},
};

const Param api_import_job_params[] = {
        {"format", PARAM_ENUM, 0, 0, formats,
                "Báo cáo khi đã xong: json (mặc định, kèm tiến độ) hoặc xlsx", false},
        {NULL},
};

/* ---- The report as JSON ------------------------------------------------------------------- */

/* The report as a whole, and the counts of every table summed. */
typedef struct Summary {
	const char *file, *format, *encoding, *separator, *outcome;
	bool dry_run, committed, stopped;
	int64_t errors, warnings, problems_omitted;
} Summary;

typedef struct Totals {
	int64_t rows, created, updated, unchanged, skipped, failed;
} Totals;

/* One problem as the answer shows it. */
typedef struct Problem {
	const char *sheet;
	int64_t row;
	const char *column_letter, *cell, *column, *value, *message;
	bool warning;
} Problem;

static const Field summary_fields[] = {
        FIELD_TEXT(Summary, file, FORMAT_PLAIN, FIELD_READONLY, "Tên tệp"),
        FIELD_TEXT(Summary, format, FORMAT_PLAIN, FIELD_READONLY, "xlsx hoặc csv"),
        FIELD_TEXT(Summary, encoding, FORMAT_PLAIN, FIELD_READONLY,
                "Bảng mã đã đọc: utf-8, cp1258, tcvn3, vni"),
        FIELD_TEXT(
                Summary, separator, FORMAT_PLAIN, FIELD_READONLY, "CSV: dấu phân cách đã nhận ra"),
        FIELD_BOOL(Summary, dry_run, FIELD_READONLY, "Chạy thử (commit=false)"),
        FIELD_BOOL(Summary, committed, FIELD_READONLY,
                "Đã ghi vào cơ sở dữ liệu (chỉ khi commit=true và tệp không có lỗi)"),
        FIELD_BOOL(Summary, stopped, FIELD_READONLY, "Bị dừng giữa chừng (không ghi gì)"),
        FIELD_I64(Summary, errors, -1, FORMAT_PLAIN, FIELD_READONLY, "Số lỗi"),
        FIELD_I64(Summary, warnings, -1, FORMAT_PLAIN, FIELD_READONLY, "Số cảnh báo"),
        FIELD_I64(Summary, problems_omitted, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Số vấn đề không liệt kê trong problems (quá giới hạn 1 000)"),
        FIELD_TEXT(Summary, outcome, FORMAT_PLAIN, FIELD_READONLY, "Kết quả, bằng lời"),
};
const Schema api_import_report_schema = SCHEMA("ImportReport", summary_fields,
        "Báo cáo nhập tệp; kèm totals (cộng mọi bảng), tables (mỗi trang một bảng) và"
        " problems (trang, dòng, cột, giá trị như đã ghi, lý do)");

#define COUNT_FIELDS(T)                                                                            \
	FIELD_I64(T, rows, -1, FORMAT_PLAIN, FIELD_READONLY, "Dòng dữ liệu đã đọc"),               \
	        FIELD_I64(T, created, -1, FORMAT_PLAIN, FIELD_READONLY, "Thêm mới"),               \
	        FIELD_I64(T, updated, -1, FORMAT_PLAIN, FIELD_READONLY, "Cập nhật"),               \
	        FIELD_I64(T, unchanged, -1, FORMAT_PLAIN, FIELD_READONLY, "Không đổi"),            \
	        FIELD_I64(T, skipped, -1, FORMAT_PLAIN, FIELD_READONLY, "Bỏ qua"),                 \
	        FIELD_I64(T, failed, -1, FORMAT_PLAIN, FIELD_READONLY, "Lỗi")

static const Field totals_fields[] = {COUNT_FIELDS(Totals)};
static const Schema totals_schema = SCHEMA("ImportTotals", totals_fields, "Cộng mọi bảng");

static const Field table_fields[] = {
        FIELD_TEXT(ImportTable, sheet, FORMAT_PLAIN, FIELD_READONLY, "Trang"),
        FIELD_TEXT(ImportTable, kind, FORMAT_PLAIN, FIELD_READONLY, "Loại bảng"),
        FIELD_TEXT(ImportTable, label, FORMAT_PLAIN, FIELD_READONLY, "Loại bảng, bằng lời"),
        FIELD_I64(ImportTable, header_row, 0, FORMAT_PLAIN, FIELD_READONLY, "Dòng tiêu đề"),
        COUNT_FIELDS(ImportTable),
};
static const Schema table_schema = SCHEMA("ImportTable", table_fields, "Một bảng (một trang)");

static const Field problem_fields[] = {
        FIELD_TEXT(Problem, sheet, FORMAT_PLAIN, FIELD_READONLY, "Trang; null: cả tệp"),
        FIELD_I64(Problem, row, 0, FORMAT_PLAIN, FIELD_READONLY, "Dòng; null: cả trang"),
        FIELD_TEXT(Problem, column_letter, FORMAT_PLAIN, FIELD_READONLY,
                "Cột (A, B, ...); null: cả dòng"),
        FIELD_TEXT(Problem, cell, FORMAT_PLAIN, FIELD_READONLY, "Ô (C7)"),
        FIELD_TEXT(Problem, column, FORMAT_PLAIN, FIELD_READONLY, "Tiêu đề cột như trong tệp"),
        FIELD_TEXT(Problem, value, FORMAT_PLAIN, FIELD_READONLY, "Giá trị như trong tệp"),
        FIELD_TEXT(Problem, message, FORMAT_PLAIN, FIELD_READONLY, "Lý do"),
        FIELD_BOOL(Problem, warning, FIELD_READONLY, "Cảnh báo (không chặn việc ghi)"),
};
static const Schema problem_schema = SCHEMA("ImportProblem", problem_fields, "Một vấn đề");

static void write_problem(JsonW *w, const ImportProblem *p)
{
	char letter[8], cell[32];
	Problem v = {.sheet = p->sheet,
	        .row = p->row,
	        .column = p->column,
	        .value = p->value,
	        .message = p->message,
	        .warning = p->warning};
	if (p->col >= 0) {
		v.column_letter = io_col_name(p->col, letter);
		if (p->row > 0) {
			snprintf(cell, sizeof cell, "%s%lld", letter, (long long)p->row);
			v.cell = cell;
		}
	}
	schema_write(w, &problem_schema, &v);
}

/* Writes the report of an import asked with commit as a JSON object. */
static void write_report(JsonW *w, const ImportReport *r, bool commit)
{
	char sep[2] = {r->separator, '\0'};
	Summary s = {.file = r->file,
	        .format = r->format,
	        .encoding = r->encoding,
	        .separator = r->separator ? sep : NULL,
	        .outcome = io_report_outcome(r, commit),
	        .dry_run = !commit,
	        .committed = r->committed,
	        .stopped = r->stopped,
	        .errors = r->errors,
	        .warnings = r->warnings,
	        .problems_omitted = r->errors + r->warnings - r->nproblems};
	Totals t = {0};
	for (int i = 0; i < r->ntables; i++) {
		const ImportTable *x = &r->tables[i];
		t.rows += x->rows;
		t.created += x->created;
		t.updated += x->updated;
		t.unchanged += x->unchanged;
		t.skipped += x->skipped;
		t.failed += x->failed;
	}
	json_obj(w);
	schema_write_fields(w, &api_import_report_schema, &s);
	json_key(w, "totals");
	schema_write(w, &totals_schema, &t);
	json_key(w, "tables");
	json_arr(w);
	for (int i = 0; i < r->ntables; i++)
		schema_write(w, &table_schema, &r->tables[i]);
	json_arr_end(w);
	json_key(w, "problems");
	json_arr(w);
	for (int i = 0; i < r->nproblems; i++)
		write_problem(w, &r->problems[i]);
	json_arr_end(w);
	json_obj_end(w);
}

static int answer_json(Ctx *c, const ImportReport *r, bool commit)
{
	JsonW w;
	api_begin(c, 200, &w);
	write_report(&w, r, commit);
	return buf_err(&c->res->body) ? err_set(&c->err, KC_ETOOBIG, "answer too large") : 0;
}

/* ---- Files as answers ------------------------------------------------------------------ */

/* A new empty temporary file for a workbook: its path into path. */
static int temp_file(Ctx *c, char path[64])
{
	snprintf(path, 64, "/tmp/kc-import-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return err_set(&c->err, KC_EIO, "cannot create a temporary file in /tmp");
	close(fd);
	return 0;
}

/* Answers the workbook at path, which it removes, as an attachment named
 * name (ASCII). */
static int answer_file(Ctx *c, const char *path, const char *name)
{
	FILE *f = fopen(path, "rb");
	char chunk[1 << 16];
	size_t n;
	while (f && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&c->res->body, chunk, n);
	int bad = !f || ferror(f);
	if (f)
		fclose(f);
	remove(path);
	if (bad)
		return err_set(&c->err, KC_EIO, "cannot read back '%s'", path);
	if (buf_err(&c->res->body))
		return err_set(&c->err, KC_ETOOBIG, "'%s' does not fit in an answer", name);
	c->res->status = 200;
	c->res->content_type = xlsx_type;
	size_t len = strlen(name) + 32;
	char *disposition = arena_alloc(c->arena, len);
	snprintf(disposition, len, "attachment; filename=\"%s\"", name);
	http_res_header(c->res, "Content-Disposition", disposition);
	return 0;
}

/* The report as the XLSX workbook: a summary, the problems, and a copy of
 * each sheet of the file (size bytes at data, opened with o) with the
 * offending cells marked. */
static int answer_xlsx(
        Ctx *c, const ImportReport *r, const ImportOptions *o, const void *data, size_t size)
{
	char path[64];
	int rc = temp_file(c, path);
	if (rc)
		return rc;
	IoBook *source = NULL;
	Err e = {0};
	io_book_open_mem(&source, r->file ? r->file : "", data, size, &o->open, &e);
	rc = io_report_xlsx(r, o->commit, source, REPORT_MARK_ROWS, path, &c->err);
	io_book_close(source);
	if (rc) {
		remove(path);
		return rc;
	}
	return answer_file(c, path, "bao-cao-nhap.xlsx");
}

/* ---- Uploads ------------------------------------------------------------------------------ */

void api_import_caller_options(const Ctx *c, ImportOptions *o)
{
	*o = io_import_options();
	o->actor = c->actor;
	if (c->app->limits.upload_bytes < (size_t)o->open.limits.file_bytes)
		o->open.limits.file_bytes = (int64_t)c->app->limits.upload_bytes;
	if (!c->who.all_provinces) {
		o->provinces = c->who.provinces;
		o->nprovinces = c->who.n_provinces;
	}
}

/* The options the parameters ask for, as the caller. */
static void options_of(const Ctx *c, ImportOptions *o)
{
	api_import_caller_options(c, o);
	o->kind = api_text(c, "kind");
	o->sheet = api_text(c, "sheet");
	o->open.encoding = api_text(c, "encoding");
	o->commit = api_int(c, "commit", 0) != 0;
}

static const char *file_name(const Ctx *c)
{
	const char *name = api_text(c, "file_name");
	return name && *name ? name : "tep-tai-len";
}

/* An answer for a file that could not be read at all: 413 for a limit, 415
 * for anything else (not a spreadsheet, an old .xls, UTF-16, corrupt). */
static int unreadable(Ctx *c, const ImportReport *r)
{
	const char *why = r->nproblems ? r->problems[0].message : "Không đọc được tệp";
	bool big = r->unreadable == KC_ETOOBIG;
	return ctx_fail(c, big ? 413 : 415,
	        err_field(&c->err, "file", big ? KC_ETOOBIG : KC_EINVAL, "%s", why));
}

static bool wants_xlsx(const Ctx *c)
{
	const char *f = api_text(c, "format");
	return f && !strcmp(f, "xlsx");
}

/* Answers a report of the file at data in the asked format. */
static int answer_report(
        Ctx *c, const ImportReport *r, const ImportOptions *o, const void *data, size_t size)
{
	if (r->unreadable)
		return unreadable(c, r);
	return wants_xlsx(c) ? answer_xlsx(c, r, o, data, size) : answer_json(c, r, o->commit);
}

static int answer_job(Ctx *c, int status, ImportJob *job, const ImportJobStatus *st);

int api_import_queue(Ctx *c, const char *name, const void *data, size_t size,
        const ImportOptions *o, int64_t *id)
{
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	ImportJobRequest q = {.database = c->app->database,
	        .owner = c->who.user_id,
	        .name = name,
	        .data = data,
	        .size = size,
	        .o = o,
	        .now = now};
	int rc = api_import_job_start(c->app->import_jobs, &q, id, &c->err);
	return rc ? ctx_fail(c, 429, rc) : 0;
}

/* Queues the upload as a background job: 202 with the job. */
static int start_job(Ctx *c, const ImportOptions *o)
{
	ImportJobs *jobs = c->app->import_jobs;
	int64_t id;
	int rc = api_import_queue(c, file_name(c), c->req->body, c->req->body_len, o, &id);
	if (rc)
		return rc;
	ImportJob *job;
	ImportJobStatus st;
	if ((rc = api_import_job_get(jobs, id, c->who.user_id, &job, &st, &c->err)))
		return rc; /* dropped at once: another request of the same user */
	char *loc = arena_alloc(c->arena, 48);
	snprintf(loc, 48, "/api/v1/import/jobs/%lld", (long long)id);
	http_res_header(c->res, "Location", loc);
	rc = answer_job(c, 202, job, &st);
	api_import_job_release(jobs, job);
	return rc;
}

int api_import_upload(Ctx *c)
{
	size_t size = c->req->body_len, limit = c->app->limits.upload_bytes;
	if (size == 0)
		return ctx_fail(c, 400,
		        err_field(&c->err, "file", KC_EINVAL,
		                "Chưa có tệp: gửi nội dung tệp .xlsx hoặc .csv làm thân yêu cầu"));
	if (size > limit)
		return ctx_fail(c, 413,
		        err_field(&c->err, "file", KC_ETOOBIG,
		                "Tệp lớn quá: %zu byte, giới hạn %zu byte", size, limit));
	ImportOptions o;
	options_of(c, &o);
	ImportJobs *jobs = c->app->import_jobs;
	if (jobs && c->app->database &&
	        (api_int(c, "async", 0) || size > api_import_jobs_limits(jobs)->sync_bytes))
		return start_job(c, &o);
	ImportReport r;
	int rc = io_import_mem(c->db, file_name(c), c->req->body, size, &o, &r, &c->err);
	if (!rc)
		rc = answer_report(c, &r, &o, c->req->body, size);
	io_import_report_free(&r);
	return rc;
}

/* ---- Jobs ------------------------------------------------------------------------------ */

/* A job as the answer shows it. */
typedef struct JobView {
	int64_t id;
	const char *state, *file_name;
	bool commit;
	int64_t size, ahead;
	const char *created_at, *finished_at, *sheet;
	int64_t rows, bytes_done, bytes_total;
} JobView;

static const Field job_fields[] = {
        FIELD_I64(JobView, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số việc nhập"),
        FIELD_TEXT(JobView, state, FORMAT_PLAIN, FIELD_READONLY,
                "queued (chờ), running (đang nhập), done (xong), stopped (bị dừng, không ghi"
                " gì), failed (lỗi hệ thống)"),
        FIELD_TEXT(JobView, file_name, FORMAT_PLAIN, FIELD_READONLY, "Tên tệp"),
        FIELD_BOOL(JobView, commit, FIELD_READONLY, "Ghi thật (true) hay chạy thử"),
        FIELD_I64(JobView, size, -1, FORMAT_PLAIN, FIELD_READONLY, "Kích thước tệp (byte)"),
        FIELD_I64(JobView, ahead, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Khi chờ: số việc nhập phải chạy trước"),
        FIELD_TEXT(JobView, created_at, FORMAT_TIME, FIELD_READONLY, "Gửi lúc"),
        FIELD_TEXT(JobView, finished_at, FORMAT_TIME, FIELD_READONLY, "Xong lúc"),
        FIELD_TEXT(JobView, sheet, FORMAT_PLAIN, FIELD_READONLY, "Trang đang đọc"),
        FIELD_I64(JobView, rows, -1, FORMAT_PLAIN, FIELD_READONLY, "Số dòng đã đọc của trang"),
        FIELD_I64(
                JobView, bytes_done, -1, FORMAT_PLAIN, FIELD_READONLY, "Số byte đã đọc của trang"),
        FIELD_I64(JobView, bytes_total, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Kích thước của trang (byte)"),
};
const Schema api_import_job_schema = SCHEMA("ImportJob", job_fields,
        "Một việc nhập tệp chạy nền: tiến độ, và khi xong thì báo cáo (report)");

static JobView view_of(const ImportJobStatus *st)
{
	return (JobView){.id = st->id,
	        .state = st->state,
	        .file_name = st->file_name,
	        .commit = st->commit,
	        .size = st->size,
	        .ahead = st->ahead,
	        .created_at = st->created_at,
	        .finished_at = st->finished_at[0] ? st->finished_at : NULL,
	        .sheet = st->sheet[0] ? st->sheet : NULL,
	        .rows = st->rows,
	        .bytes_done = st->bytes_done,
	        .bytes_total = st->bytes_total};
}

/* The job's status and, once it is finished, its report (held job). */
static int answer_job(Ctx *c, int status, ImportJob *job, const ImportJobStatus *st)
{
	JobView v = view_of(st);
	JsonW w;
	api_begin(c, status, &w);
	json_obj(&w);
	schema_write_fields(&w, &api_import_job_schema, &v);
	const ImportReport *r = api_import_job_report(job);
	if (r) {
		json_key(&w, "report");
		write_report(&w, r, st->commit);
	}
	if (!strcmp(st->state, "failed")) {
		json_key(&w, "error");
		json_cstr(&w, "Lỗi hệ thống khi nhập tệp; xin thử lại sau hoặc báo quản trị viên");
	}
	json_obj_end(&w);
	return buf_err(&c->res->body) ? err_set(&c->err, KC_ETOOBIG, "answer too large") : 0;
}

int api_import_held_job(Ctx *c, ImportJob **job, ImportJobStatus *st)
{
	*job = NULL;
	if (!c->app->import_jobs)
		return err_set(&c->err, KC_ENOTFOUND, "Không có việc nhập tệp số %lld của bạn",
		        (long long)c->id);
	return api_import_job_get(c->app->import_jobs, c->id, c->who.user_id, job, st, &c->err);
}

int api_import_status(Ctx *c)
{
	ImportJob *job;
	ImportJobStatus st;
	int rc = api_import_held_job(c, &job, &st);
	if (rc)
		return rc;
	if (wants_xlsx(c)) {
		const ImportReport *r = api_import_job_report(job);
		const void *data;
		size_t size;
		const ImportOptions *o;
		api_import_job_file(job, &data, &size, &o);
		rc = r ? answer_xlsx(c, r, o, data, size)
		       : ctx_fail(c, 409,
		                 err_set(&c->err, KC_ECONFLICT,
		                         "Việc nhập tệp số %lld chưa có báo cáo (trạng thái: %s)",
		                         (long long)c->id, st.state));
	} else {
		rc = answer_job(c, 200, job, &st);
	}
	api_import_job_release(c->app->import_jobs, job);
	return rc;
}

int api_import_statuses(Ctx *c)
{
	ImportJobStatus *v = NULL;
	int n = 0;
	if (c->app->import_jobs)
		api_import_job_list(c->app->import_jobs, c->who.user_id, c->arena, &v, &n);
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < n; i++) {
		JobView x = view_of(&v[i]);
		schema_write(&w, &api_import_job_schema, &x);
	}
	api_all_end(c, &w, n);
	return 0;
}

int api_import_cancel(Ctx *c)
{
	int rc = c->app->import_jobs
	                 ? api_import_job_drop(c->app->import_jobs, c->id, c->who.user_id, &c->err)
	                 : err_set(&c->err, KC_ENOTFOUND, "Không có việc nhập tệp số %lld của bạn",
	                           (long long)c->id);
	return rc ? rc : api_no_content(c);
}

/* ---- Templates ------------------------------------------------------------------------- */

static const Field kind_fields[] = {
        FIELD_TEXT(ImportKind, name, FORMAT_PLAIN, FIELD_READONLY,
                "Loại bảng: tên mẫu ở /api/v1/import/templates/{key} và tham số kind"),
        FIELD_TEXT(ImportKind, label, FORMAT_PLAIN, FIELD_READONLY, "Loại bảng, bằng lời"),
};
const Schema api_import_kind_schema =
        SCHEMA("ImportKind", kind_fields, "Một loại bảng nhập được, có mẫu XLSX");

int api_import_templates(Ctx *c)
{
	int n;
	const ImportKind *k = io_import_kinds(&n);
	return api_all(c, &api_import_kind_schema, k, sizeof *k, n);
}

int api_import_template(Ctx *c)
{
	int n;
	const ImportKind *k = io_import_kinds(&n);
	int i = 0;
	while (i < n && strcmp(k[i].name, c->key))
		i++;
	if (i == n)
		return err_set(&c->err, KC_ENOTFOUND, "Không có mẫu nhập '%s'", c->key);
	char path[64];
	int rc = temp_file(c, path);
	if (!rc && (rc = io_template_xlsx(k[i].name, path, &c->err)))
		remove(path);
	if (rc)
		return rc;
	char name[64];
	snprintf(name, sizeof name, "mau-%s.xlsx", k[i].name);
	return answer_file(c, path, name);
}
