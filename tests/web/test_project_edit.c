/* test_project_edit.c — issue 7 through the router, as the browser posts
 * it: editing a đề án (a validation error keeps what was typed; a support
 * amount over its cap asks for the reason and is saved with one), the
 * commune picker (current and legacy communes for a query without
 * diacritics, a legacy commune bringing the province into its list), a
 * document uploaded as multipart/form-data and downloaded, an inspection
 * and an adjustment recorded, the audit tab naming what an edit changed,
 * and totals in words on the đề án and the report pages. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/projtest.h"
#include "apitest.h"
#include "http/http_html.h"
#include "store/store_finance.h"

/* ---- Requests --------------------------------------------------------------------------- */

/* Posts the urlencoded form as user; the CSRF token goes in its header. */
static void post(ApiTest *t, const char *user, const char *path, const Buf *form, ApiRes *r)
{
	apitest_upload(
	        t, user, path, "application/x-www-form-urlencoded", form->data, form->len, r);
}

/* Appends name=value, the value percent-encoded. */
static void field(Buf *b, const char *name, const char *value)
{
	buf_printf(b, "%s%s=", b->len ? "&" : "", name);
	html_urlarg(b, value);
}

/* GET path as user: fails unless the answer is status with contains (NULL: anything). */
static void see(ApiTest *t, const char *user, const char *path, int status, const char *contains)
{
	ApiRes r;
	apitest_get(t, user, path, &r);
	apitest_expect(&r, status, contains);
	apires_free(&r);
}

/* Posts form as user: fails unless the answer is status with contains. */
static void send(ApiTest *t, const char *user, const char *path, const Buf *form, int status,
        const char *contains)
{
	ApiRes r;
	post(t, user, path, form, &r);
	apitest_expect(&r, status, contains);
	apires_free(&r);
}

/* The general fields of the đề án id as the edit form sends them back. */
static void general(Buf *b, const char *title, const char *objective, int version)
{
	char v[16];
	snprintf(v, sizeof v, "%d", version);
	field(b, "code", "KCDP-2026-CT-90");
	field(b, "title", title);
	field(b, "level", "local");
	field(b, "type", "ordinary");
	field(b, "activity_code", "C03_DEMO_TECH");
	field(b, "province_code", "current:92");
	field(b, "commune_code", "");
	field(b, "registration_year", "2025");
	field(b, "start_year", "2026");
	field(b, "end_year", "2026");
	field(b, "objective", objective);
	field(b, "version", v);
}

/* One cost line row as the form sends it (id "" for a new one). */
static void line(Buf *b, const char *id, const char *source, const char *item, const char *rule,
        const char *eligible, const char *planned, const char *reason)
{
	field(b, "line_id", id);
	field(b, "line_source", source);
	field(b, "line_item", item);
	field(b, "line_rule", rule);
	field(b, "line_eligible", eligible);
	field(b, "line_planned", planned);
	field(b, "line_approved", "");
	field(b, "line_reason", reason);
}

static int64_t new_project(ApiTest *t)
{
	return projtest_create(t, "KCDP-2026-CT-90", "local", "current", "92", 2026);
}

static const char *path_of(char *buf, size_t n, int64_t id, const char *rest)
{
	snprintf(buf, n, "/de-an/%lld%s", (long long)id, rest);
	return buf;
}

/* ---- The edit form ----------------------------------------------------------------------- */

static void validation_keeps_input(void **state)
{
	ApiTest *t = *state;
	int64_t id = new_project(t);
	char path[96];
	ApiRes r;
	apitest_get(t, "staff", path_of(path, sizeof path, id, "/sua"), &r);
	apitest_expect(&r, 200, "value=\"KCDP-2026-CT-90\"");
	apitest_expect(&r, 200, "data-cap-url=\"/api/v1/projects/");
	apires_free(&r);
	see(t, "viewer", path, 403, NULL);
	/* The end before the start: refused next to its field, nothing lost (the
	 * first end_year of the form is the one read). */
	Buf b;
	buf_init(&b, 1 << 14);
	field(&b, "end_year", "2020");
	general(&b, "Đề án đã sửa tên", "Mục tiêu mới: 35 lao động", 1);
	line(&b, "", "counterpart", "Vốn đối ứng: nhà xưởng", "", "", "250.000.000", "");
	post(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, &r);
	apitest_expect(&r, 422, "id=\"loi-end_year\"");
	apitest_expect(&r, 422, "value=\"Đề án đã sửa tên\"");
	apitest_expect(&r, 422, "value=\"Mục tiêu mới: 35 lao động\"");
	apitest_expect(&r, 422, "value=\"Vốn đối ứng: nhà xưởng\"");
	apitest_expect(&r, 422, "value=\"250.000.000\"");
	apires_free(&r);
	/* Nothing was written: the line is not there, the title is the old one. */
	apitest_get(t, "staff", path_of(path, sizeof path, id, "?tab=kinh-phi"), &r);
	apitest_expect(&r, 200, NULL);
	apitest_absent(&r, "Vốn đối ứng: nhà xưởng");
	apitest_absent(&r, "Đề án đã sửa tên");
	apires_free(&r);
	/* Corrected, it is saved whole. */
	buf_reset(&b);
	general(&b, "Đề án đã sửa tên", "Mục tiêu mới: 35 lao động", 1);
	line(&b, "", "counterpart", "Vốn đối ứng: nhà xưởng", "", "", "250.000.000", "");
	post(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, &r);
	apitest_expect(&r, 303, NULL);
	assert_non_null(strstr(r.location, "tb=da-luu"));
	apires_free(&r);
	apitest_get(t, "staff", path_of(path, sizeof path, id, "?tab=kinh-phi"), &r);
	apitest_expect(&r, 200, "Vốn đối ứng: nhà xưởng");
	apitest_expect(&r, 200, "Hai trăm năm mươi triệu đồng");
	apires_free(&r);
	/* A stale form (the version it read) is a conflict, shown with the form. */
	send(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, 409,
	        "value=\"Đề án đã sửa tên\"");
	buf_free(&b);
}

/* The one cost line of đề án id. */
static CostLine only_line(ApiTest *t, int64_t id, Arena *arena)
{
	CostLineList l;
	Err e = {0};
	if (store_finance_line_list(t->db.db, id, arena, &l, &e) || l.n != 1)
		fail_msg("expected one cost line: %s (%d)", e.msg, l.n);
	return l.v[0];
}

static void cap_asks_for_reason(void **state)
{
	ApiTest *t = *state;
	int64_t id = new_project(t);
	char path[160];
	ApiRes r;
	/* Rule 2 (TT 28/2018 machinery): 50 % of the cost, at most 300 triệu. */
	apitest_get(t, "staff", path_of(path, sizeof path, id, "/sua"), &r);
	apitest_expect(&r, 200, "<option value=\"2\">");
	apitest_absent(&r, "<option value=\"4\">"); /* Đắk Lắk's resolution: not this province */
	apires_free(&r);
	snprintf(path, sizeof path,
	        "/api/v1/projects/%lld/support-cap?source_code=provincial&rule_id=2"
	        "&eligible_cost=1000000000&amount=400000000",
	        (long long)id);
	apitest_get(t, "staff", path, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "allowed"), 300000000);
	assert_true(json_is_true(json_object_get(r.json, "over")));
	assert_true(json_is_false(json_object_get(r.json, "ok")));
	assert_non_null(strstr(apires_str(&r, "limit"), "300 triệu đồng/cơ sở"));
	apires_free(&r);
	snprintf(path, sizeof path,
	        "/api/v1/projects/%lld/support-cap?source_code=provincial&rule_id=2"
	        "&eligible_cost=400000000&amount=200000000",
	        (long long)id);
	apitest_get(t, "staff", path, &r);
	assert_int_equal(apires_int(&r, "allowed"), 200000000); /* 50 % of 400 triệu */
	assert_true(json_is_true(json_object_get(r.json, "ok")));
	apires_free(&r);
	/* Saved over the cap without a reason: refused, the reason asked for in the row. */
	Buf b;
	buf_init(&b, 1 << 14);
	general(&b, "Hỗ trợ ứng dụng máy đóng gói bánh pía", "", 1);
	line(&b, "", "provincial", "Máy đóng gói", "2", "1.000.000.000", "400.000.000", "");
	post(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, &r);
	apitest_expect(&r, 422, "vượt mức tối đa 300.000.000 đồng");
	apitest_expect(&r, 422, "dòng kinh phí 1 cần sửa");
	apitest_expect(&r, 422, "name=\"line_reason\" value=\"\" aria-invalid=\"true\"");
	apitest_expect(&r, 422, "value=\"400.000.000\"");
	apires_free(&r);
	Arena arena = {0};
	CostLineList none;
	Err e = {0};
	assert_int_equal(store_finance_line_list(t->db.db, id, &arena, &none, &e), 0);
	assert_int_equal(none.n, 0);
	/* With the reason it is saved, the reason kept beside the amounts. */
	buf_reset(&b);
	general(&b, "Hỗ trợ ứng dụng máy đóng gói bánh pía", "", 1);
	line(&b, "", "provincial", "Máy đóng gói", "2", "1.000.000.000", "400.000.000",
	        "Máy đặc thù, giá thị trường cao hơn định mức");
	send(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, 303, NULL);
	CostLine l = only_line(t, id, &arena);
	assert_int_equal(l.planned, 400000000);
	assert_int_equal(l.allowed, 300000000);
	assert_string_equal(l.cap_override, "Máy đặc thù, giá thị trường cao hơn định mức");
	/* Brought under the cap, the line is updated in place; the reason is dropped. */
	char lid[24];
	snprintf(lid, sizeof lid, "%lld", (long long)l.id);
	buf_reset(&b);
	general(&b, "Hỗ trợ ứng dụng máy đóng gói bánh pía", "", 1);
	line(&b, lid, "provincial", "Máy đóng gói", "2", "1.000.000.000", "300.000.000",
	        "Máy đặc thù, giá thị trường cao hơn định mức");
	send(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, 303, NULL);
	l = only_line(t, id, &arena);
	assert_int_equal(l.planned, 300000000);
	assert_null(l.cap_override);
	/* Removed by its checkbox. */
	buf_reset(&b);
	general(&b, "Hỗ trợ ứng dụng máy đóng gói bánh pía", "", 1);
	line(&b, lid, "provincial", "Máy đóng gói", "2", "1.000.000.000", "300.000.000", "");
	field(&b, "line_remove", lid);
	send(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, 303, NULL);
	assert_int_equal(store_finance_line_list(t->db.db, id, &arena, &none, &e), 0);
	assert_int_equal(none.n, 0);
	arena_free(&arena);
	buf_free(&b);
}

static void beneficiaries_added_and_removed(void **state)
{
	ApiTest *t = *state;
	int64_t id = new_project(t);
	int64_t a = projtest_establishment(t, "Cơ sở bánh pía Tân Hưng", "92");
	int64_t other = projtest_establishment(t, "Cơ sở Hà Nội", "01");
	char path[96], v[24];
	ApiRes r;
	Buf b;
	buf_init(&b, 1 << 14);
	/* An establishment of another province is refused, named in the message. */
	general(&b, "Hỗ trợ ứng dụng máy đóng gói bánh pía", "", 1);
	snprintf(v, sizeof v, "%lld", (long long)a);
	field(&b, "beneficiary", v);
	snprintf(v, sizeof v, "%lld", (long long)other);
	field(&b, "beneficiary", v);
	post(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, &r);
	apitest_expect(&r, 422, "Cơ sở thụ hưởng thêm mới 2");
	apitest_expect(&r, 422, "Cơ sở Hà Nội"); /* the row keeps its choice */
	apires_free(&r);
	buf_reset(&b);
	general(&b, "Hỗ trợ ứng dụng máy đóng gói bánh pía", "", 1);
	snprintf(v, sizeof v, "%lld", (long long)a);
	field(&b, "beneficiary", v);
	send(t, "staff", path, &b, 303, NULL);
	apitest_get(t, "staff", path_of(path, sizeof path, id, "/sua"), &r);
	apitest_expect(&r, 200, "name=\"beneficiary_remove\" value=\"");
	apitest_expect(&r, 200, "Cơ sở bánh pía Tân Hưng");
	apires_free(&r);
	buf_reset(&b);
	general(&b, "Hỗ trợ ứng dụng máy đóng gói bánh pía", "", 1);
	field(&b, "beneficiary_remove", v);
	send(t, "staff", path, &b, 303, NULL);
	see(t, "viewer", path_of(path, sizeof path, id, "?tab=thu-huong"), 200,
	        "Chưa có cơ sở thụ hưởng");
	buf_free(&b);
}

/* ---- The commune picker ------------------------------------------------------------------ */

static void commune_picker(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	/* "dai ngai" without diacritics: today's Xã Đại Ngãi of Cần Thơ, and the
	 * legacy Thị trấn Đại Ngãi of Sóc Trăng that became it. */
	apitest_get(t, "viewer", "/api/v1/units/communes?province=92&q=dai+ngai", &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "items.0.list"), "current");
	assert_string_equal(apires_str(&r, "items.0.name"), "Xã Đại Ngãi");
	assert_null(apires_str(&r, "items.0.became"));
	assert_string_equal(apires_str(&r, "items.1.list"), "legacy");
	assert_string_equal(apires_str(&r, "items.1.name"), "Thị trấn Đại Ngãi");
	assert_string_equal(apires_str(&r, "items.1.province"), "94");
	assert_string_equal(apires_str(&r, "items.1.became"), "Xã Đại Ngãi");
	assert_int_equal(json_array_size(json_object_get(r.json, "items")), 2);
	apires_free(&r);
	/* A legacy province finds the same communes (its current province's). */
	apitest_get(t, "viewer",
	        "/api/v1/units/communes?province=legacy%3A94&q=%C4%91%E1%BA%A1i+ng%C3%A3i", &r);
	assert_int_equal(json_array_size(json_object_get(r.json, "items")), 2);
	apires_free(&r);
	apitest_get(t, "viewer", "/api/v1/units/communes?province=legacy%3A99", &r);
	assert_status(&r, 400);
	apires_free(&r);
	/* Without JavaScript, the form lists them too, legacy ones marked. */
	int64_t id = projtest_create(t, "KCDP-2024-ST-01", "local", "legacy", "94", 2024);
	char path[96];
	apitest_get(t, "staff", path_of(path, sizeof path, id, "/sua"), &r);
	apitest_expect(&r, 200,
	        "<option value=\"legacy:31645\">Thị trấn Đại Ngãi (cũ) → nay thuộc Xã Đại "
	        "Ngãi</option>");
	apitest_expect(&r, 200, "<option value=\"current:31645\">Xã Đại Ngãi</option>");
	apires_free(&r);
	/* A legacy commune picked with today's province keeps the record in the
	 * legacy list (a 2024 đề án: the current list was not yet in force). */
	Buf b;
	buf_init(&b, 1 << 14);
	field(&b, "province_code", "current:92");
	field(&b, "commune_code", "legacy:31645");
	field(&b, "code", "KCDP-2024-ST-01");
	field(&b, "title", "Hỗ trợ ứng dụng máy đóng gói bánh pía");
	field(&b, "level", "local");
	field(&b, "activity_code", "C03_DEMO_TECH");
	field(&b, "registration_year", "2023");
	field(&b, "start_year", "2024");
	field(&b, "end_year", "2024");
	field(&b, "version", "1");
	send(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, 303, NULL);
	Arena arena = {0};
	Project p;
	Err e = {0};
	assert_int_equal(store_project_get(t->db.db, id, &arena, &p, &e), 0);
	assert_string_equal(p.province_list, "legacy");
	assert_string_equal(p.province_code, "94");
	assert_string_equal(p.commune_list, "legacy");
	assert_string_equal(p.commune_code, "31645");
	arena_free(&arena);
	buf_free(&b);
	/* The establishment form has the same picker. */
	apitest_get(t, "staff", "/co-so/moi", &r);
	apitest_expect(&r, 200, "data-commune-search=\"f-commune_code\"");
	apitest_expect(&r, 200, "Xã Đại Ngãi");
	apires_free(&r);
}

/* ---- Documents, inspections, adjustments, history ---------------------------------------- */

static void documents_upload_and_download(void **state)
{
	ApiTest *t = *state;
	int64_t id = new_project(t);
	static const char content[] = "%PDF-1.4\n\0binary\r\n--not-the-boundary\r\nend";
	const size_t clen = sizeof content - 1;
	char path[96];
	Buf b;
	buf_init(&b, 1 << 14);
	buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncontract\r\n"
	             "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n"
	             "Hợp đồng số 12/HĐ-KC\r\n"
	             "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
	             "filename=\"C:\\\\tai lieu\\\\hop-dong-12.pdf\"\r\n"
	             "Content-Type: application/pdf\r\n\r\n");
	buf_append(&b, content, clen);
	buf_puts(&b, "\r\n--XyZ--\r\n");
	ApiRes r;
	apitest_upload(t, "staff", path_of(path, sizeof path, id, "/tai-lieu"),
	        "multipart/form-data; boundary=XyZ", b.data, b.len, &r);
	apitest_expect(&r, 303, NULL);
	assert_non_null(strstr(r.location, "tb=da-tai-len"));
	apires_free(&r);
	apitest_get(t, "viewer", path_of(path, sizeof path, id, "?tab=tai-lieu"), &r);
	apitest_expect(&r, 200, "Hợp đồng số 12/HĐ-KC");
	apitest_expect(&r, 200, "hop-dong-12.pdf");
	apitest_expect(&r, 200, "<td>Hợp đồng</td>");
	const char *href = strstr(r.body, "/api/v1/projects/");
	assert_non_null(href);
	char url[128];
	snprintf(url, sizeof url, "%.*s", (int)strcspn(href, "\""), href);
	apires_free(&r);
	apitest_get(t, "viewer", url, &r);
	assert_status(&r, 200);
	assert_int_equal(r.body_len, clen);
	assert_memory_equal(r.body, content, clen);
	assert_non_null(strstr(r.disposition, "hop-dong-12.pdf"));
	apires_free(&r);
	/* No file chosen: refused in Vietnamese, nothing stored. */
	buf_reset(&b);
	buf_puts(&b, "--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nother\r\n"
	             "--XyZ--\r\n");
	apitest_upload(t, "staff", path_of(path, sizeof path, id, "/tai-lieu"),
	        "multipart/form-data; boundary=XyZ", b.data, b.len, &r);
	apitest_expect(&r, 422, "Chưa chọn tệp");
	apires_free(&r);
	/* A broken body is a 400, a form elsewhere a 415 as before. */
	apitest_upload(t, "staff", path, "multipart/form-data; boundary=XyZ", "--XyZ\r\nx", 9, &r);
	apitest_expect(&r, 400, NULL);
	apires_free(&r);
	apitest_upload(t, "staff", path_of(path, sizeof path, id, "/kiem-tra"),
	        "multipart/form-data; boundary=XyZ", b.data, b.len, &r);
	apitest_expect(&r, 415, NULL);
	apires_free(&r);
	buf_free(&b);
}

static void inspections_and_adjustments(void **state)
{
	ApiTest *t = *state;
	int64_t id = new_project(t);
	projtest_go(t, id, "registered");
	char path[96];
	ApiRes r;
	Buf b;
	buf_init(&b, 4096);
	field(&b, "inspected_on", "2026-05-20");
	field(&b, "inspector", "Đoàn kiểm tra Sở Công Thương");
	field(&b, "result", "Đạt yêu cầu, đúng tiến độ");
	send(t, "staff", path_of(path, sizeof path, id, "/kiem-tra"), &b, 303, NULL);
	apitest_get(t, "viewer", path_of(path, sizeof path, id, "?tab=kiem-tra"), &r);
	apitest_expect(&r, 200, "20/05/2026");
	apitest_expect(&r, 200, "Đoàn kiểm tra Sở Công Thương");
	apitest_absent(&r, "action=\"/de-an/"); /* a viewer has no form */
	apires_free(&r);
	buf_reset(&b);
	field(&b, "kind", "change_timing_in_year");
	field(&b, "new_value", "Quý IV/2026");
	field(&b, "reason", "Chờ máy nhập khẩu");
	send(t, "staff", path_of(path, sizeof path, id, "/dieu-chinh"), &b, 303, NULL);
	apitest_get(t, "manager", path_of(path, sizeof path, id, "?tab=trang-thai"), &r);
	apitest_expect(&r, 200, "Thay đổi thời gian trong năm");
	apitest_expect(&r, 200, "Chờ quyết định");
	const char *form = strstr(r.body, "/dieu-chinh/");
	assert_non_null(form);
	char decide[128];
	snprintf(decide, sizeof decide, "/de-an/%lld/dieu-chinh/%lld", (long long)id,
	        strtoll(form + strlen("/dieu-chinh/"), NULL, 10));
	apires_free(&r);
	buf_reset(&b);
	field(&b, "decision", "approved");
	post(t, "manager", decide, &b, &r);
	apitest_expect(&r, 422, "cần số quyết định"); /* an approval needs its decision */
	apires_free(&r);
	field(&b, "decision_no", "45/QĐ-SCT");
	field(&b, "decision_date", "2026-06-01");
	send(t, "staff", decide, &b, 403, NULL);
	send(t, "manager", decide, &b, 303, NULL);
	see(t, "viewer", path_of(path, sizeof path, id, "?tab=trang-thai"), 200,
	        "Đã chấp thuận (45/QĐ-SCT ngày 01/06/2026)");
	buf_free(&b);
}

static void audit_tab_shows_the_edit(void **state)
{
	ApiTest *t = *state;
	int64_t id = new_project(t);
	char path[96];
	ApiRes r;
	Buf b;
	buf_init(&b, 1 << 14);
	general(&b, "Tên đề án đã sửa lại", "Đào tạo 35 lao động", 1);
	line(&b, "", "counterpart", "Vốn đối ứng", "", "", "100.000.000", "");
	send(t, "staff", path_of(path, sizeof path, id, "/sua"), &b, 303, NULL);
	apitest_get(t, "manager", path_of(path, sizeof path, id, "/lich-su"), &r);
	/* As the audit log shows changes (web_audit.c): Việt Nam time,
	 * Vietnamese actions and field names, each value before and after. */
	apitest_expect(&r, 200, "Lúc (giờ Việt Nam)");
	apitest_expect(&r, 200, "<td>Sửa</td><td>Đề án <a href=\"/de-an/");
	apitest_expect(&r, 200, "<span class=\"field-name\">Tên</span>: <del>");
	apitest_expect(&r, 200, "<ins>Tên đề án đã sửa lại</ins>");
	apitest_expect(&r, 200, "<span class=\"field-name\">Mục tiêu</span>");
	apitest_expect(&r, 200, "<td>Thêm mới</td><td>Dòng kinh phí đề án");
	apitest_expect(&r, 200, "<td>staff<br>");
	apitest_absent(&r, "(UTC)");
	apires_free(&r);
	/* The history is the managers' (its route's role). */
	apitest_get(t, "staff", path, &r);
	apitest_expect(&r, 403, "Vai trò");
	apitest_absent(&r, "Tên đề án đã sửa lại</ins>");
	apires_free(&r);
	buf_free(&b);
}

/* ---- Amounts in words --------------------------------------------------------------------- */

static void amounts_in_words(void **state)
{
	ApiTest *t = *state;
	static const struct {
		int64_t dong;
		const char *words;
	} cases[] = {
	        {1005000, "Một triệu không trăm linh năm nghìn đồng"},
	        {6047500000, "Sáu tỷ không trăm bốn mươi bảy triệu năm trăm nghìn đồng"},
	        {105000, "Một trăm linh năm nghìn đồng"},
	        {2000000010, "Hai tỷ không trăm mười đồng"},
	        {0, "Không đồng"},
	};
	Actor a = projtest_actor(t);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char code[32], path[96];
		snprintf(code, sizeof code, "KCDP-2026-W-%02zu", i);
		int64_t id = projtest_create(t, code, "local", "current", "92", 2026);
		CostLine l = store_finance_line_blank();
		l.project_id = id;
		l.source_code = "counterpart";
		l.item = "Vốn đối ứng";
		l.planned = cases[i].dong;
		int64_t lid;
		Err e = {0};
		if (cases[i].dong && store_finance_line_add(t->db.db, &a, &l, &lid, &e))
			fail_msg("line: %s", e.msg);
		ApiRes r;
		apitest_get(t, "viewer", path_of(path, sizeof path, id, "?tab=kinh-phi"), &r);
		apitest_expect(&r, 200, cases[i].words);
		apires_free(&r);
	}
	/* The report's total, for signature, in words too: one approved đề án. */
	int64_t id = projtest_create(t, "KCDP-2026-W-99", "local", "current", "92", 2026);
	CostLine l = store_finance_line_blank();
	l.project_id = id;
	l.source_code = "provincial";
	l.item = "Máy sấy";
	l.planned = 6047500000;
	int64_t lid;
	Err e = {0};
	if (store_finance_line_add(t->db.db, &a, &l, &lid, &e))
		fail_msg("line: %s", e.msg);
	projtest_go(t, id, "in_progress");
	ApiRes r;
	apitest_get(t, "viewer", "/bao-cao?mau=tien_do_de_an&period=2026&province=92", &r);
	apitest_expect(&r, 200, "<tr class=\"total\">");
	apitest_expect(&r, 200,
	        "Bằng chữ: <em>Sáu tỷ không trăm bốn mươi bảy triệu năm trăm nghìn "
	        "đồng</em>");
	apires_free(&r);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, validation_keeps_input);
	TL_ADD(&tl, cap_asks_for_reason);
	TL_ADD(&tl, beneficiaries_added_and_removed);
	TL_ADD(&tl, commune_picker);
	TL_ADD(&tl, documents_upload_and_download);
	TL_ADD(&tl, inspections_and_adjustments);
	TL_ADD(&tl, audit_tab_shows_the_edit);
	TL_ADD(&tl, amounts_in_words);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "web/project_edit");
}
