/* web_import.c — the import page (issue 7): a spreadsheet uploaded through a
 * form, the dry run's report with every problem, then the fixed file again or
 * the commit; progress while a large file is read.
 *
 * The upload is kept on the server as a background import of its owner
 * (api_import_job.h: in memory, seen by no one else, kept 30 minutes after it
 * ends). Every upload is a dry run. The commit button posts only the dry
 * run's number: the commit is a new job over the very bytes and options that
 * dry run read, so what is written is the file whose report the user saw —
 * the browser never sends it twice, and there is no second copy to compare by
 * hash. A commit is refused unless that dry run ended without an error; the
 * import itself writes all or nothing through the store's audited functions
 * (via "import"), in the caller's provinces only.
 *
 * A small file's request waits briefly for its job, so its report is the
 * next page; a large one's page shows the progress, which app.js follows
 * from /api/v1/import/jobs/{id} (without JavaScript, a link reloads it). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api_import_job.h"
#include "api/api_routes.h"
#include "http/http_multipart.h"
#include "io/io_report.h"
#include "web/web.h"
#include "web/web_routes.h"

/* (value, label) pairs: the encodings the importer can be told (the API's
 * `encoding` parameter, "auto" being the blank choice). */
static const char *const encodings[] = {
        "utf-8",
        "UTF-8 (Unicode)",
        "cp1258",
        "Windows-1258",
        "tcvn3",
        "TCVN3 (ABC, phông chữ .Vn…)",
        "vni",
        "VNI (phông chữ VNI-…)",
};
enum { N_ENCODINGS = 4, WAIT_MS = 3000, WAIT_STEP_MS = 20, SHEET_MAX = 255 };

/* The label of an encoding the importer names, or NULL for another. */
static const char *encoding_label(const char *code)
{
	for (int i = 0; code && i < N_ENCODINGS; i++)
		if (!strcmp(encodings[2 * i], code))
			return encodings[2 * i + 1];
	return NULL;
}

/* The importer's kinds as (name, label) pairs for a select. */
static const char *const *kind_options(Ctx *c, int *n)
{
	const ImportKind *k = io_import_kinds(n);
	const char **v = arena_alloc(c->arena, (size_t)(2 * *n) * sizeof *v);
	for (int i = 0; i < *n; i++)
		v[2 * i] = k[i].name, v[2 * i + 1] = k[i].label;
	return v;
}

static bool known_kind(const char *name)
{
	int n;
	const ImportKind *k = io_import_kinds(&n);
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].name, name))
			return true;
	return false;
}

/* A form field, NULL when empty. */
static const char *form_value(const Ctx *c, const char *name)
{
	const char *v = ctx_form(c, name);
	return v && *v ? v : NULL;
}

/* ---- The upload form ---------------------------------------------------------------- */

/* What the caller may import, in words. */
static void scope_note(Ctx *c)
{
	Buf *b = web_out(c);
	if (c->who.all_provinces) {
		html_raw(b,
		        "<p class=\"muted\">Tài khoản của bạn nhập được dữ liệu của mọi tỉnh và "
		        "số liệu cấp vùng, toàn quốc.</p>\n");
		return;
	}
	html_raw(b, "<p class=\"muted scope-note\">Tài khoản của bạn chỉ nhập được dữ liệu của: "
	            "<strong>");
	for (int i = 0; i < c->who.n_provinces; i++)
		html_printf(b, "%s%s", i ? ", " : "",
		        web_province_name(c, "current", c->who.provinces[i]));
	html_raw(b, "</strong>. Dòng của tỉnh khác bị báo lỗi và cả tệp không được ghi.</p>\n");
}

/* The form: the file, its kind, its encoding, one sheet; values shown as given. */
static void upload_form(Ctx *c, const char *kind, const char *encoding, const char *sheet)
{
	Buf *b = web_out(c);
	bool bad_file = c->err.code && !strcmp(c->err.field, "tep");
	html_raw(b, "<form class=\"import\" method=\"post\" action=\"/nhap-du-lieu\" "
	            "enctype=\"multipart/form-data\">");
	web_csrf(c);
	html_raw(b, "<div class=\"field\"><label for=\"f-tep\">Tệp Excel hoặc CSV</label>"
	            "<span class=\"hint\">.xlsx hoặc .csv; hệ thống chạy thử trước, chưa ghi gì"
	            "</span><input type=\"file\" id=\"f-tep\" name=\"tep\" required "
	            "accept=\".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument."
	            "spreadsheetml.sheet\"");
	if (bad_file)
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"loi-tep\"");
	html_raw(b, ">");
	web_field_error(c, "tep");
	html_raw(b, "</div>\n<div class=\"grid2\">");
	int nk;
	const char *const *kinds = kind_options(c, &nk);
	web_select(c, "kind", "Loại bảng", kinds, nk, kind, "Tự nhận biết theo dòng tiêu đề");
	web_select(c, "encoding", "Bảng mã (tệp CSV, phông chữ cũ)", encodings, N_ENCODINGS,
	        encoding, "Tự nhận biết");
	web_input(c, "text", "sheet", "Chỉ nhập trang tính", sheet, "Để trống: mọi trang tính", 0);
	html_raw(b, "</div><button type=\"submit\">Tải lên và chạy thử</button></form>\n");
}

static void templates(Ctx *c)
{
	Buf *b = web_out(c);
	int n;
	const ImportKind *k = io_import_kinds(&n);
	html_raw(b, "<h2>Mẫu tệp</h2><p class=\"muted\">Mỗi mẫu có một trang tính giải thích "
	            "cách ghi từng cột. Tệp của đơn vị không cần theo đúng mẫu: tiêu đề cột được "
	            "nhận ra theo các cách ghi thường gặp, theo thứ tự bất kỳ.</p>"
	            "<ul class=\"templates\">");
	for (int i = 0; i < n; i++)
		html_printf(b,
		        "<li><a href=\"/api/v1/import/templates/%s\" download>Mẫu: %s (.xlsx)</a>"
		        "</li>",
		        k[i].name, k[i].label);
	html_raw(b, "</ul>\n");
}

static const char *state_label(const char *state)
{
	static const char *const v[] = {"queued", "Đang chờ", "running", "Đang nhập", "done",
	        "Xong", "stopped", "Bị dừng, không ghi gì", "failed", "Lỗi hệ thống"};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i += 2)
		if (!strcmp(v[i], state))
			return v[i + 1];
	return state;
}

/* The caller's imports the server still holds, newest first. */
static void my_jobs(Ctx *c)
{
	ImportJobStatus *v;
	int n;
	api_import_job_list(c->app->import_jobs, c->who.user_id, c->arena, &v, &n);
	if (!n)
		return;
	Buf *b = web_out(c);
	html_raw(b, "<h2>Các lần nhập gần đây của bạn</h2><table class=\"list jobs\"><thead><tr>"
	            "<th scope=\"col\">Số</th><th scope=\"col\">Tệp</th><th scope=\"col\">Việc</th>"
	            "<th scope=\"col\">Trạng thái</th></tr></thead><tbody>");
	for (int i = n - 1; i >= 0; i--)
		html_printf(b,
		        "<tr><td><a href=\"/nhap-du-lieu/%lld\">%lld</a></td><td>%s</td><td>%s</td>"
		        "<td>%s</td></tr>",
		        (long long)v[i].id, (long long)v[i].id, v[i].file_name,
		        v[i].commit ? "Ghi vào cơ sở dữ liệu" : "Chạy thử",
		        state_label(v[i].state));
	html_printf(b,
	        "</tbody></table><p class=\"muted\">Máy chủ giữ mỗi lần nhập %d phút sau khi xong."
	        "</p>\n",
	        api_import_jobs_limits(c->app->import_jobs)->keep_seconds / 60);
}

/* The import page with status; c->err, when set, is why the last post failed. */
static int import_page(Ctx *c, int status)
{
	Buf *b = web_out(c);
	buf_reset(b);
	web_begin(c, status, "Nhập dữ liệu từ Excel/CSV", "nhap-du-lieu");
	html_raw(b, "<p>Tải lên tệp danh sách cơ sở, đề án, giải ngân, lớp đào tạo, hội chợ, sản "
	            "phẩm được công nhận hoặc số liệu tổng hợp. Hệ thống <strong>chạy thử</strong> "
	            "trước và liệt kê từng lỗi (trang tính, dòng, cột, giá trị); chỉ khi tệp không "
	            "còn lỗi mới ghi được, và ghi tất cả hoặc không ghi gì.</p>\n");
	scope_note(c);
	if (!c->app->import_jobs) {
		html_raw(b, "<p class=\"error-message\" role=\"alert\">Máy chủ này không nhận tệp "
		            "nhập qua trang web; dùng lệnh <code>khuyencong import</code>.</p>\n");
		web_end(c);
		return 0;
	}
	if (!ctx_can(c, ROLE_STAFF)) { /* a viewer downloads the templates only */
		html_raw(b, "<p class=\"muted\">Tài khoản chỉ xem không nhập được dữ liệu; các mẫu "
		            "tệp dưới đây vẫn tải được.</p>\n");
		templates(c);
		web_end(c);
		return 0;
	}
	static const char *const fields[] = {"tep", "kind", "encoding", "sheet", NULL};
	web_form_error(c, fields);
	upload_form(c, form_value(c, "kind"), form_value(c, "encoding"), form_value(c, "sheet"));
	templates(c);
	my_jobs(c);
	web_end(c);
	return 0;
}

int web_import_page(Ctx *c)
{
	return import_page(c, 200);
}

/* ---- Jobs --------------------------------------------------------------------------- */

static bool unfinished(const ImportJobStatus *st)
{
	return !strcmp(st->state, "queued") || !strcmp(st->state, "running");
}

/* Waits up to WAIT_MS for job id of a file of size bytes to end, when the
 * file is small enough to be imported while a request waits (the API's
 * sync_bytes); a large file's page shows its progress at once. */
static void wait_briefly(Ctx *c, int64_t id, size_t size)
{
	ImportJobs *jobs = c->app->import_jobs;
	if (size > api_import_jobs_limits(jobs)->sync_bytes)
		return;
	struct timespec step = {0, WAIT_STEP_MS * 1000000L};
	for (int waited = 0; waited < WAIT_MS; waited += WAIT_STEP_MS) {
		ImportJob *job;
		ImportJobStatus st;
		Err e = {0};
		if (api_import_job_get(jobs, id, c->who.user_id, &job, &st, &e))
			return;
		bool running = unfinished(&st);
		api_import_job_release(jobs, job);
		if (!running)
			return;
		nanosleep(&step, NULL);
	}
}

/* 303 to the page of job id. */
static int to_job(Ctx *c, int64_t id)
{
	char *url = arena_alloc(c->arena, 48);
	snprintf(url, 48, "/nhap-du-lieu/%lld", (long long)id);
	return web_redirect(c, url);
}

int web_import_upload(Ctx *c)
{
	const HttpFile *file = ctx_file(c, "tep");
	const char *kind = form_value(c, "kind"), *encoding = form_value(c, "encoding");
	const char *sheet = form_value(c, "sheet");
	if (!c->app->import_jobs)
		return import_page(c, 503);
	if (!file || (!file->len && !*file->file_name)) /* the file input left empty */
		err_field(&c->err, "tep", KC_EINVAL,
		        "Chưa chọn tệp: chọn một tệp .xlsx hoặc .csv trên máy của bạn");
	else if (!file->len)
		err_field(&c->err, "tep", KC_EINVAL, "Tệp '%s' rỗng: không có gì để nhập",
		        file->file_name);
	else if (kind && !known_kind(kind))
		err_field(&c->err, "kind", KC_EINVAL, "Không có loại bảng '%s'", kind);
	else if (encoding && !encoding_label(encoding))
		err_field(&c->err, "encoding", KC_EINVAL, "Không có bảng mã '%s'", encoding);
	else if (sheet && strlen(sheet) > SHEET_MAX)
		err_field(&c->err, "sheet", KC_EINVAL, "Tên trang tính dài quá %d byte", SHEET_MAX);
	if (c->err.code)
		return import_page(c, 422);
	ImportOptions o;
	api_import_caller_options(c, &o);
	o.kind = kind;
	o.sheet = sheet;
	o.open.encoding = encoding;
	int64_t id;
	const char *name = *file->file_name ? file->file_name : "tep-tai-len";
	if (api_import_queue(c, name, file->data, file->len, &o, &id))
		return import_page(c, c->status_hint);
	wait_briefly(c, id, file->len);
	return to_job(c, id);
}

/* ---- A job's page: progress, then the report ---------------------------------------- */

/* Progress of a job not yet finished; app.js polls the jobs API to update it
 * and reloads the page when the job ends. */
static void progress(Ctx *c, const ImportJobStatus *st)
{
	Buf *b = web_out(c);
	int pct = st->bytes_total > 0 ? (int)(100 * st->bytes_done / st->bytes_total) : 0;
	html_printf(b,
	        "<div class=\"import-progress\" data-import-job=\"%lld\" role=\"status\" "
	        "aria-live=\"polite\"><p class=\"progress-text\">",
	        (long long)st->id);
	if (!strcmp(st->state, "queued"))
		html_printf(b, "Đang chờ: còn %lld việc nhập chạy trước.", (long long)st->ahead);
	else if (*st->sheet) {
		html_printf(b, "Đang đọc trang tính «%s»: ", st->sheet);
		web_int(c, st->rows);
		html_printf(b, " dòng (%d%%).", pct);
	} else
		html_raw(b, "Đang mở tệp.");
	html_printf(b,
	        "</p><progress max=\"100\" value=\"%d\">%d%%</progress>"
	        "<p><a href=\"/nhap-du-lieu/%lld\">Cập nhật tiến độ</a></p></div>\n",
	        pct, pct, (long long)st->id);
}

/* One row of counts; label NULL for a table's own (sheet and kind). */
static void count_row(Ctx *c, const ImportTable *t, const char *label)
{
	Buf *b = web_out(c);
	if (label)
		html_printf(b, "<tr class=\"total\"><td colspan=\"3\">%s</td>", label);
	else
		html_printf(b, "<tr><td>%s</td><td>%s</td><td class=\"num\">%lld</td>", t->sheet,
		        t->label, (long long)t->header_row);
	const int64_t v[] = {t->rows, t->created, t->updated, t->unchanged, t->skipped, t->failed};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		html_raw(b, "<td class=\"num\">");
		web_int(c, v[i]);
		html_raw(b, "</td>");
	}
	html_raw(b, "</tr>");
}

/* What each table would do (dry run) or did (commit), and their sum. */
static void counts(Ctx *c, const ImportReport *r, bool commit)
{
	Buf *b = web_out(c);
	html_printf(b,
	        "<h2>%s</h2><div class=\"table-wrap\"><table class=\"counts\"><thead><tr>"
	        "<th scope=\"col\">Trang tính</th><th scope=\"col\">Loại bảng</th>"
	        "<th scope=\"col\" class=\"num\">Dòng tiêu đề</th>"
	        "<th scope=\"col\" class=\"num\">Số dòng</th>"
	        "<th scope=\"col\" class=\"num\">Thêm mới</th>"
	        "<th scope=\"col\" class=\"num\">Cập nhật</th>"
	        "<th scope=\"col\" class=\"num\">Không đổi</th>"
	        "<th scope=\"col\" class=\"num\">Bỏ qua</th>"
	        "<th scope=\"col\" class=\"num\">Có lỗi</th></tr></thead><tbody>",
	        commit ? "Số bản ghi" : "Số bản ghi sẽ thêm, sửa, bỏ qua");
	ImportTable sum = {0};
	for (int i = 0; i < r->ntables; i++) {
		const ImportTable *t = &r->tables[i];
		count_row(c, t, NULL);
		sum.rows += t->rows;
		sum.created += t->created;
		sum.updated += t->updated;
		sum.unchanged += t->unchanged;
		sum.skipped += t->skipped;
		sum.failed += t->failed;
	}
	if (r->ntables != 1)
		count_row(c, &sum, "Cộng");
	html_raw(b, "</tbody></table></div>\n");
}

/* Every problem kept, as the report lists them: file, sheet, row, column,
 * the value as written and the reason. */
static void problems(Ctx *c, const ImportReport *r)
{
	Buf *b = web_out(c);
	if (!r->nproblems)
		return;
	html_raw(b, "<h2>Các vấn đề trong tệp</h2><div class=\"table-wrap\">"
	            "<table class=\"problems\"><thead><tr><th scope=\"col\">Mức</th>"
	            "<th scope=\"col\">Tệp</th><th scope=\"col\">Trang tính</th>"
	            "<th scope=\"col\" class=\"num\">Dòng</th><th scope=\"col\">Cột</th>"
	            "<th scope=\"col\">Giá trị như đã ghi</th><th scope=\"col\">Lý do</th>"
	            "</tr></thead><tbody>");
	for (int i = 0; i < r->nproblems; i++) {
		const ImportProblem *p = &r->problems[i];
		html_printf(b, "<tr class=\"%s\"><td>%s</td><td>%s</td><td>",
		        p->warning ? "warn" : "bad", p->warning ? "Cảnh báo" : "Lỗi", r->file);
		web_text_or_dash(c, p->sheet);
		html_raw(b, "</td><td class=\"num\">");
		if (p->row > 0)
			html_printf(b, "%lld", (long long)p->row);
		else
			html_raw(b, "—");
		html_raw(b, "</td><td>");
		char letter[8];
		if (p->col >= 0)
			html_printf(b, "%s%s%s%s", io_col_name(p->col, letter),
			        p->column ? " (" : "", p->column ? p->column : "",
			        p->column ? ")" : "");
		else
			html_raw(b, "—");
		html_raw(b, "</td><td class=\"value\">");
		web_text_or_dash(c, p->value);
		html_printf(b, "</td><td>%s</td></tr>", p->message);
	}
	html_raw(b, "</tbody></table></div>\n");
	int64_t omitted = r->errors + r->warnings - r->nproblems;
	if (omitted > 0)
		html_printf(b,
		        "<p class=\"warning\">Còn %lld vấn đề nữa không liệt kê ở đây; sửa các lỗi "
		        "trên rồi tải lên lại để xem tiếp.</p>\n",
		        (long long)omitted);
}

/* The file as read: name, format, encoding, the number of errors and warnings. */
static void facts(Ctx *c, const ImportReport *r)
{
	Buf *b = web_out(c);
	const char *enc = encoding_label(r->encoding);
	html_printf(b, "<dl class=\"facts\"><dt>Tệp</dt><dd>%s</dd><dt>Định dạng</dt><dd>%s</dd>",
	        r->file, r->format && !strcmp(r->format, "xlsx") ? "Excel (.xlsx)" : "CSV");
	if (r->encoding)
		html_printf(b, "<dt>Bảng mã</dt><dd>%s</dd>", enc ? enc : r->encoding);
	html_printf(b, "<dt>Lỗi</dt><dd>%lld</dd><dt>Cảnh báo</dt><dd>%lld</dd></dl>\n",
	        (long long)r->errors, (long long)r->warnings);
}

/* What the user can do next: the marked workbook, the commit (a clean dry
 * run), the lists (a commit), the form again (a file with errors). */
static void next_steps(
        Ctx *c, const ImportReport *r, const ImportJobStatus *st, const ImportOptions *o)
{
	Buf *b = web_out(c);
	bool clean = !r->unreadable && !r->stopped && r->errors == 0;
	html_printf(b,
	        "<div class=\"actions\"><a class=\"button secondary\" "
	        "href=\"/api/v1/import/jobs/%lld?format=xlsx\" download>Tải báo cáo XLSX%s</a>",
	        (long long)st->id, r->nproblems ? " (ô có vấn đề được tô màu)" : "");
	if (!st->commit && clean) {
		html_printf(b, "<form method=\"post\" action=\"/nhap-du-lieu/%lld/ghi\">",
		        (long long)st->id);
		web_csrf(c);
		html_raw(b,
		        "<button type=\"submit\" class=\"commit\">Ghi vào cơ sở dữ liệu</button>"
		        "</form>");
	}
	if (r->committed)
		html_raw(b, "<a class=\"button secondary\" href=\"/co-so\">Danh sách cơ sở</a>"
		            "<a class=\"button secondary\" href=\"/de-an\">Danh sách đề án</a>");
	html_raw(b, "<a href=\"/nhap-du-lieu\">Nhập tệp khác</a></div>\n");
	if (!clean && !r->committed) {
		html_raw(b, "<h2>Sửa tệp rồi tải lên lại</h2>");
		upload_form(c, o->kind, o->open.encoding, o->sheet);
	}
}

/* The report of a finished job. */
static void report(Ctx *c, const ImportReport *r, const ImportJobStatus *st, const ImportOptions *o)
{
	Buf *b = web_out(c);
	bool ok = !r->unreadable && !r->stopped && r->errors == 0;
	if (r->unreadable)
		html_printf(b,
		        "<p class=\"error-message\" role=\"alert\">Không đọc được tệp: %s</p>\n",
		        r->nproblems ? r->problems[0].message
		                     : "không phải bảng tính .xlsx hay .csv");
	else
		html_printf(b, "<p class=\"%s\" role=\"status\">Kết quả: %s.</p>\n",
		        ok ? "notice" : "error-message", io_report_outcome(r, st->commit));
	if (!r->unreadable) {
		facts(c, r);
		counts(c, r, st->commit);
		problems(c, r);
		if (r->errors && !c->who.all_provinces)
			scope_note(c);
	}
	next_steps(c, r, st, o);
}

/* The page of job (held) with status; c->err, when set, says why a commit
 * was refused. */
static int job_page(Ctx *c, int status, ImportJob *job, const ImportJobStatus *st)
{
	Buf *b = web_out(c);
	buf_reset(b);
	static const char *const titles[2][2] = {
	        {"Kết quả chạy thử", "Ghi dữ liệu vào cơ sở dữ liệu"},
	        {"Đang chạy thử", "Đang ghi vào cơ sở dữ liệu"},
	};
	web_begin(c, status, titles[unfinished(st)][st->commit], "nhap-du-lieu");
	html_printf(b, "<p class=\"muted\">Lần nhập số %lld · tệp <strong>%s</strong> · ",
	        (long long)st->id, st->file_name);
	web_int(c, st->size);
	html_raw(b, " byte</p>\n");
	if (c->err.code)
		html_printf(b, "<p class=\"error-message\" role=\"alert\">%s</p>\n", c->err.msg);
	const ImportReport *r = api_import_job_report(job);
	const void *data;
	size_t size;
	const ImportOptions *o;
	api_import_job_file(job, &data, &size, &o);
	if (unfinished(st))
		progress(c, st);
	else if (!r)
		html_raw(b, "<p class=\"error-message\" role=\"alert\">Lỗi hệ thống khi nhập tệp, "
		            "không ghi gì; xin thử lại sau hoặc báo quản trị viên.</p>"
		            "<p><a href=\"/nhap-du-lieu\">Nhập tệp khác</a></p>\n");
	else
		report(c, r, st, o);
	web_end(c);
	return 0;
}

int web_import_job(Ctx *c)
{
	ImportJob *job;
	ImportJobStatus st;
	int rc = api_import_held_job(c, &job, &st);
	if (rc)
		return rc;
	rc = job_page(c, 200, job, &st);
	api_import_job_release(c->app->import_jobs, job);
	return rc;
}

/* Why the dry run st (report r, NULL until it ends) cannot be committed
 * into c->err, or 0 when it can. */
static int refuse_commit(Ctx *c, const ImportJobStatus *st, const ImportReport *r)
{
	if (st->commit)
		return err_set(&c->err, KC_ECONFLICT,
		        "Lần nhập số %lld đã là một lần ghi; muốn ghi lại, tải tệp lên và chạy thử "
		        "lại",
		        (long long)st->id);
	if (!r)
		return err_set(&c->err, KC_ECONFLICT,
		        "Chưa ghi được: lần chạy thử số %lld chưa xong (%s)", (long long)st->id,
		        state_label(st->state));
	if (r->unreadable || r->errors)
		return err_set(&c->err, KC_ECONFLICT,
		        "Không ghi gì: tệp còn %lld lỗi. Sửa tệp theo danh sách dưới đây rồi tải lên "
		        "lại; chỉ ghi được tệp chạy thử không có lỗi",
		        (long long)(r->errors ? r->errors : 1));
	if (r->stopped)
		return err_set(&c->err, KC_ECONFLICT,
		        "Không ghi gì: lần chạy thử bị dừng giữa chừng; tải tệp lên lại");
	return 0;
}

int web_import_commit(Ctx *c)
{
	ImportJobs *jobs = c->app->import_jobs;
	ImportJob *job;
	ImportJobStatus st;
	int rc = api_import_held_job(c, &job, &st);
	if (rc)
		return rc;
	if (refuse_commit(c, &st, api_import_job_report(job))) {
		rc = job_page(c, 409, job, &st);
		api_import_job_release(jobs, job);
		return rc;
	}
	const void *data;
	size_t size;
	const ImportOptions *dry;
	api_import_job_file(job, &data, &size, &dry);
	/* The caller's rights as they are now; what to read as the dry run read it. */
	ImportOptions o;
	api_import_caller_options(c, &o);
	o.kind = dry->kind;
	o.sheet = dry->sheet;
	o.open.encoding = dry->open.encoding;
	o.commit = true;
	int64_t id;
	rc = api_import_queue(c, st.file_name, data, size, &o, &id);
	api_import_job_release(jobs, job);
	if (rc)
		return rc;
	wait_briefly(c, id, size);
	return to_job(c, id);
}
