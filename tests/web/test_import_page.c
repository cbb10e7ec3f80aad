/* test_import_page.c — the import page through the router, as a browser
 * posts it: the file in a multipart form with the CSRF token in a field, the
 * dry run's report naming each problem by file, sheet, row, column and value,
 * a refused commit of a file with errors that writes nothing, the fixed file
 * committed with the user in the audit log, a second commit that changes
 * nothing, rows of another province refused, jobs seen by their owner alone,
 * the progress of a job still waiting, and the form's refusals. The browser
 * journey (tests/web/journeys.mjs, importJourney) drives the same page. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_import_job.h"
#include "apitest.h"
#include "core/buf.h"

#define HEAD "STT;Tên cơ sở;Mã số thuế;Tỉnh;Số lao động\n"
/* Row 3 has a tax code of five digits. */
static const char bad[] = HEAD "1;Cơ sở nhập từ trang;2200765432;94;45\n"
                               "2;Cơ sở thứ hai;03012;94;3\n";
/* The same, fixed. */
static const char fixed[] = HEAD "1;Cơ sở nhập từ trang;2200765432;94;45\n"
                                 "2;Cơ sở thứ hai;0301234567;94;3\n";
/* Row 3 is an establishment of Hà Nội. */
static const char mixed[] = HEAD "1;Cơ sở nhập từ trang;2200765432;94;45\n"
                                 "2;Cơ sở gốm Bát Tràng;0101234567;Hà Nội;12\n";

#define BOUNDARY "----kcTestBoundary7MA4YWxk"

typedef struct Answer {
	int status;
	char *body;
	char location[64];
} Answer;

static int setup(void **state)
{
	if (apitest_setup(state))
		return -1;
	ApiTest *t = *state;
	ImportJobLimits l = api_import_job_limits();
	t->app.import_jobs = api_import_jobs_new(&l);
	return t->app.import_jobs ? 0 : -1;
}

static int teardown(void **state)
{
	ApiTest *t = *state;
	api_import_jobs_free(t->app.import_jobs);
	return apitest_teardown(state);
}

static int user_index(const char *user)
{
	for (int i = 0; i < APITEST_USERS; i++)
		if (!strcmp(apitest_users[i], user))
			return i;
	fail_msg("no user '%s'", user);
	return -1;
}

/* A request as the browser sends it: the session cookie, Origin on a post,
 * the body of content_type; the CSRF token only where the body has it. */
static void send(ApiTest *t, const char *user, const char *method, const char *path,
        const char *content_type, const Buf *body, Answer *out)
{
	Arena arena = {0};
	HttpReq q = {.method = method, .path = path, .remote = "127.0.0.1"};
	q.headers[q.n_headers++] = (HttpPair){"Host", "localhost"};
	q.headers[q.n_headers++] = (HttpPair){"Cookie", t->cookie[user_index(user)]};
	if (body) {
		q.headers[q.n_headers++] = (HttpPair){"Origin", "http://localhost"};
		q.headers[q.n_headers++] = (HttpPair){"Content-Type", content_type};
		q.body = buf_cstr((Buf *)body);
		q.body_len = body->len;
	}
	HttpRes res;
	http_res_init(&res, 16 * 1024 * 1024);
	http_handle(&t->app, t->db.db, &q, &res, &arena);
	/* The job of an upload or a commit ends before the test reads its page. */
	api_import_jobs_wait(t->app.import_jobs);
	out->status = res.status;
	out->body = strdup(buf_cstr(&res.body));
	const char *loc = http_res_get(&res, "Location");
	snprintf(out->location, sizeof out->location, "%s", loc ? loc : "");
	http_res_free(&res);
	arena_free(&arena);
}

static void page(ApiTest *t, const char *user, const char *path, Answer *out)
{
	send(t, user, "GET", path, NULL, NULL, out);
}

/* A multipart form as a browser builds it: _csrf (unless csrf is false),
 * the text fields "name=value" of fields (NULL-ended, may be NULL) and the
 * file input "tep" holding content[0..len) named filename. */
static void multipart(ApiTest *t, const char *user, bool csrf, const char *const *fields,
        const char *filename, const char *content, size_t len, Buf *b)
{
	buf_init(b, 1 << 20);
	if (csrf)
		buf_printf(b,
		        "--" BOUNDARY
		        "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n",
		        t->csrf[user_index(user)]);
	for (const char *const *f = fields; f && *f; f++) {
		const char *eq = strchr(*f, '=');
		buf_printf(b,
		        "--" BOUNDARY
		        "\r\nContent-Disposition: form-data; name=\"%.*s\"\r\n\r\n%s\r\n",
		        (int)(eq - *f), *f, eq + 1);
	}
	buf_printf(b,
	        "--" BOUNDARY
	        "\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"%s\"\r\n"
	        "Content-Type: text/csv\r\n\r\n",
	        filename);
	buf_append(b, content, len);
	buf_puts(b, "\r\n--" BOUNDARY "--\r\n");
}

/* Uploads content[0..len) as filename with fields; the answer in out. */
static void upload(ApiTest *t, const char *user, const char *const *fields, const char *filename,
        const char *content, size_t len, Answer *out)
{
	Buf b;
	multipart(t, user, true, fields, filename, content, len, &b);
	send(t, user, "POST", "/nhap-du-lieu", "multipart/form-data; boundary=" BOUNDARY, &b, out);
	buf_free(&b);
}

/* A form post (urlencoded) with the user's CSRF token. */
static void post(ApiTest *t, const char *user, const char *path, Answer *out)
{
	Buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "_csrf=%s", t->csrf[user_index(user)]);
	send(t, user, "POST", path, "application/x-www-form-urlencoded", &b, out);
	buf_free(&b);
}

/* Posts the commit of the dry run at job (its page's path). */
static void commit(ApiTest *t, const char *user, const char *job, Answer *out)
{
	char url[96];
	snprintf(url, sizeof url, "%s/ghi", job);
	post(t, user, url, out);
}

static void expect(const Answer *a, int status, const char *contains)
{
	if (a->status != status || (contains && !strstr(a->body, contains))) {
		const char *main = strstr(a->body, "<nav");
		fprintf(stderr, "%s\n", main ? main : a->body);
		fail_msg("expected %d with '%s', got %d", status, contains ? contains : "",
		        a->status);
	}
}

static void done(Answer *a)
{
	free(a->body);
	memset(a, 0, sizeof *a);
}

/* Uploads content as staff and follows the redirect to its job: the job's
 * path into path (64 bytes), its page into out. */
static void dry_run(ApiTest *t, const char *user, const char *content, char *path, Answer *out)
{
	Answer a;
	upload(t, user, NULL, "danh-sach.csv", content, strlen(content), &a);
	expect(&a, 303, NULL);
	if (strncmp(a.location, "/nhap-du-lieu/", 14))
		fail_msg("redirected to '%s'", a.location);
	snprintf(path, 64, "%s", a.location);
	done(&a);
	page(t, user, path, out);
}

static int64_t count(ApiTest *t, const char *sql)
{
	return db_scalar(t->db.db, sql);
}

#define IMPORTED "SELECT COUNT(*) FROM establishment WHERE tax_code IN ('2200765432', '0301234567')"
#define AUDITED                                                                                    \
	"SELECT COUNT(*) FROM audit_log a JOIN app_user u ON u.id = a.user_id WHERE a.via ="       \
	" 'import' AND u.username = 'staff' AND a.table_name = 'establishment'"

static void the_form(void **state)
{
	ApiTest *t = *state;
	Answer a;
	page(t, "staff", "/nhap-du-lieu", &a);
	expect(&a, 200, "enctype=\"multipart/form-data\"");
	expect(&a, 200, "type=\"file\" id=\"f-tep\" name=\"tep\" required");
	expect(&a, 200, "name=\"_csrf\"");
	expect(&a, 200, "<option value=\"\">Tự nhận biết theo dòng tiêu đề</option>");
	expect(&a, 200, "<option value=\"disbursements\">");
	expect(&a, 200, "<option value=\"tcvn3\">");
	expect(&a, 200, "href=\"/api/v1/import/templates/establishments\"");
	expect(&a, 200, "href=\"/api/v1/import/templates/aggregates\"");
	expect(&a, 200, "chỉ nhập được dữ liệu của: <strong>Cần Thơ</strong>");
	expect(&a, 200, "<a href=\"/nhap-du-lieu\" aria-current=\"page\">Nhập dữ liệu</a>");
	done(&a);
	/* A viewer is not offered the page; opened, it gives the templates and
	 * no upload form. */
	page(t, "viewer", "/", &a);
	expect(&a, 200, NULL);
	assert_null(strstr(a.body, "/nhap-du-lieu"));
	done(&a);
	page(t, "viewer", "/nhap-du-lieu", &a);
	expect(&a, 200, "href=\"/api/v1/import/templates/establishments\"");
	assert_null(strstr(a.body, "name=\"tep\""));
	done(&a);
}

/* Upload with an error, its report; the commit refused; the fixed file
 * dry-run and committed; the same commit again changes nothing. */
static void dry_run_fix_commit(void **state)
{
	ApiTest *t = *state;
	uint64_t before = tmpdb_checksum(t->db.db);
	char path[64], url[96];
	Answer a;
	dry_run(t, "staff", bad, path, &a);
	expect(&a, 200, "<h1>Kết quả chạy thử</h1>");
	expect(&a, 200, "không ghi gì vào cơ sở dữ liệu vì có lỗi");
	/* The problem: file, sheet, row, column, value as written, reason. */
	expect(&a, 200,
	        "<tr class=\"bad\"><td>Lỗi</td><td>danh-sach.csv</td><td>danh-sach.csv</td>"
	        "<td class=\"num\">3</td><td>C (Mã số thuế)</td><td class=\"value\">03012</td>"
	        "<td>Mã số thuế &#39;03012&#39; không hợp lệ: cần 10 chữ số, hiện có 5</td></tr>");
	/* The counts: two rows, one to create, one with an error. */
	expect(&a, 200,
	        "<td class=\"num\">2</td><td class=\"num\">1</td><td class=\"num\">0</td>"
	        "<td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">1</td>");
	expect(&a, 200, "?format=xlsx\" download>Tải báo cáo XLSX");
	expect(&a, 200, "<h2>Sửa tệp rồi tải lên lại</h2>");
	assert_null(strstr(a.body, "/ghi\""));
	done(&a);
	assert_true(tmpdb_checksum(t->db.db) == before);

	/* The commit of a file with errors is refused and writes nothing. */
	commit(t, "staff", path, &a);
	expect(&a, 409, "Không ghi gì: tệp còn 1 lỗi");
	done(&a);
	assert_true(tmpdb_checksum(t->db.db) == before);

	dry_run(t, "staff", fixed, path, &a);
	expect(&a, 200, "Kết quả: chạy thử: chưa ghi gì vào cơ sở dữ liệu.");
	expect(&a, 200, "<td class=\"num\">2</td><td class=\"num\">2</td><td class=\"num\">0</td>");
	snprintf(url, sizeof url, "action=\"%s/ghi\"", path);
	expect(&a, 200, url);
	assert_null(strstr(a.body, "class=\"problems\""));
	done(&a);
	assert_true(tmpdb_checksum(t->db.db) == before);

	commit(t, "staff", path, &a);
	expect(&a, 303, NULL);
	char committed[64];
	snprintf(committed, sizeof committed, "%s", a.location);
	assert_string_not_equal(committed, path);
	done(&a);
	page(t, "staff", committed, &a);
	expect(&a, 200, "<h1>Ghi dữ liệu vào cơ sở dữ liệu</h1>");
	expect(&a, 200, "Kết quả: đã ghi vào cơ sở dữ liệu.");
	expect(&a, 200, "href=\"/co-so\"");
	assert_null(strstr(a.body, "/ghi\""));
	done(&a);
	assert_int_equal(count(t, IMPORTED), 2);
	assert_int_equal(count(t, AUDITED " AND a.action = 'insert'"), 2);

	/* The same dry run committed again: nothing changes, not the audit log. */
	uint64_t after = tmpdb_checksum(t->db.db);
	commit(t, "staff", path, &a);
	expect(&a, 303, NULL);
	snprintf(committed, sizeof committed, "%s", a.location);
	done(&a);
	page(t, "staff", committed, &a);
	expect(&a, 200,
	        "<td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">0</td>"
	        "<td class=\"num\">2</td>");
	done(&a);
	assert_true(tmpdb_checksum(t->db.db) == after);
	assert_int_equal(count(t, AUDITED), 2);

	/* A commit's page has no commit of its own to repeat. */
	commit(t, "staff", committed, &a);
	expect(&a, 409, "đã là một lần ghi");
	done(&a);
	/* The imports are listed on the form, newest first. */
	page(t, "staff", "/nhap-du-lieu", &a);
	expect(&a, 200, "Các lần nhập gần đây của bạn");
	done(&a);
}

/* Province staff: a row of another province is refused, and so the file. */
static void another_province(void **state)
{
	ApiTest *t = *state;
	uint64_t before = tmpdb_checksum(t->db.db);
	char path[64];
	Answer a;
	dry_run(t, "staff", mixed, path, &a);
	expect(&a, 200, "Tỉnh &#39;Hà Nội&#39; không thuộc phạm vi của bạn");
	expect(&a, 200, "<td class=\"num\">3</td><td>D (Tỉnh)</td><td class=\"value\">Hà Nội</td>");
	expect(&a, 200, "chỉ nhập được dữ liệu của: <strong>Cần Thơ</strong>");
	assert_null(strstr(a.body, "/ghi\""));
	done(&a);
	commit(t, "staff", path, &a);
	expect(&a, 409, "Không ghi gì");
	done(&a);
	assert_true(tmpdb_checksum(t->db.db) == before);
	/* The Ministry may import it. */
	dry_run(t, "ministry", mixed, path, &a);
	expect(&a, 200, "Kết quả: chạy thử: chưa ghi gì vào cơ sở dữ liệu.");
	done(&a);
}

/* A job is its owner's: another user's page and commit are 404. */
static void jobs_are_their_owners(void **state)
{
	ApiTest *t = *state;
	char path[64];
	Answer a;
	dry_run(t, "staff", fixed, path, &a);
	done(&a);
	page(t, "manager", path, &a);
	expect(&a, 404, "Không có việc nhập tệp số");
	done(&a);
	commit(t, "other", path, &a);
	expect(&a, 404, NULL);
	done(&a);
	assert_int_equal(count(t, IMPORTED), 0);
	page(t, "staff", "/nhap-du-lieu/999999", &a);
	expect(&a, 404, "<!doctype html>");
	done(&a);
}

/* A job that has not run yet: its progress and a link to reload; the
 * report once it has. */
static void progress_of_a_waiting_job(void **state)
{
	ApiTest *t = *state;
	api_import_jobs_pause(t->app.import_jobs, true);
	Answer a;
	upload(t, "staff", NULL, "cho.csv", fixed, strlen(fixed), &a);
	expect(&a, 303, NULL);
	char path[64];
	snprintf(path, sizeof path, "%s", a.location);
	done(&a);
	page(t, "staff", path, &a);
	expect(&a, 200, "<h1>Đang chạy thử</h1>");
	expect(&a, 200, "data-import-job=\"");
	expect(&a, 200, "Đang chờ: còn 0 việc nhập chạy trước.");
	expect(&a, 200, "<progress max=\"100\" value=\"0\">");
	char link[160];
	snprintf(link, sizeof link, "<a href=\"%s\">Cập nhật tiến độ</a>", path);
	expect(&a, 200, link);
	done(&a);
	/* Not committable before its dry run has ended. */
	commit(t, "staff", path, &a);
	expect(&a, 409, "chưa xong (Đang chờ)");
	done(&a);
	api_import_jobs_pause(t->app.import_jobs, false);
	api_import_jobs_wait(t->app.import_jobs);
	page(t, "staff", path, &a);
	expect(&a, 200, "Kết quả: chạy thử");
	assert_null(strstr(a.body, "data-import-job"));
	done(&a);
}

/* The form's own refusals, each with the form again, and names escaped. */
static void refusals(void **state)
{
	ApiTest *t = *state;
	Answer a;
	Buf b;
	/* No CSRF token in the form. */
	multipart(t, "staff", false, NULL, "ds.csv", fixed, strlen(fixed), &b);
	send(t, "staff", "POST", "/nhap-du-lieu", "multipart/form-data; boundary=" BOUNDARY, &b,
	        &a);
	buf_free(&b);
	expect(&a, 403, "CSRF");
	done(&a);
	/* The file input left empty. */
	upload(t, "staff", NULL, "", "", 0, &a);
	expect(&a, 422, "<p class=\"field-error\" id=\"loi-tep\">Chưa chọn tệp");
	expect(&a, 422, "aria-invalid=\"true\" aria-describedby=\"loi-tep\"");
	done(&a);
	/* A form without a file at all. */
	post(t, "staff", "/nhap-du-lieu", &a);
	expect(&a, 422, "Chưa chọn tệp");
	done(&a);
	/* A kind the importer does not know; the choices are kept. */
	static const char *const kind[] = {"kind=khong-co", "sheet=Trang 1", NULL};
	upload(t, "staff", kind, "ds.csv", fixed, strlen(fixed), &a);
	expect(&a, 422, "Không có loại bảng &#39;khong-co&#39;");
	expect(&a, 422, "value=\"Trang 1\"");
	done(&a);
	static const char *const encoding[] = {"encoding=ebcdic", NULL};
	upload(t, "staff", encoding, "ds.csv", fixed, strlen(fixed), &a);
	expect(&a, 422, "Không có bảng mã &#39;ebcdic&#39;");
	done(&a);
	/* A body that is not a multipart form. */
	buf_init(&b, 64);
	buf_puts(&b, "không phải biểu mẫu");
	send(t, "staff", "POST", "/nhap-du-lieu", "multipart/form-data; boundary=" BOUNDARY, &b,
	        &a);
	buf_free(&b);
	expect(&a, 400, "Biểu mẫu gửi tệp không hợp lệ");
	done(&a);
	/* Not a spreadsheet: the report says the file cannot be read. */
	char path[64];
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	upload(t, "staff", NULL, "anh<script>.png", png, sizeof png - 1, &a);
	snprintf(path, sizeof path, "%s", a.location);
	done(&a);
	page(t, "staff", path, &a);
	expect(&a, 200, "Không đọc được tệp:");
	expect(&a, 200, "anh&lt;script&gt;.png");
	assert_null(strstr(a.body, "anh<script>"));
	done(&a);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, the_form);
	TL_ADD(&tl, dry_run_fix_commit);
	TL_ADD(&tl, another_province);
	TL_ADD(&tl, jobs_are_their_owners);
	TL_ADD(&tl, progress_of_a_waiting_job);
	TL_ADD(&tl, refusals);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	return tl_run(&tl, "web/import-page");
}
