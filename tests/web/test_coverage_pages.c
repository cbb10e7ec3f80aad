/* test_coverage_pages.c — the pages issue 7 added so that every API
 * operation has one (web-coverage), through the router as a browser posts
 * them: one's own account (a token made, shown once, working on the API,
 * revoked; signing out everywhere), record histories in Việt Nam time, the
 * deletes of an establishment, an aggregate figure, a đề án and the rows of
 * its file (another đề án's row is not found), partners, outputs and
 * invoices (one outside the eligible window flagged), OCOP ratings with a
 * refused form shown again at its field, an organisation on a day, activity
 * totals, certificates by level and the administrative units page. */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/projtest.h"
#include "apitest.h"
#include "http/http_html.h"
#include "store/store_activity.h"
#include "store/store_aggregate.h"
#include "store/store_product.h"
#include "store/store_project_extra.h"

/* ---- Requests ------------------------------------------------------------------------------ */

/* GET path as user: fails unless status with contains (NULL: anything). */
static void see(ApiTest *t, const char *user, const char *path, int status, const char *contains)
{
	ApiRes r;
	apitest_get(t, user, path, &r);
	apitest_expect(&r, status, contains);
	apires_free(&r);
}

/* Posts form as user: fails unless status, and for a 303 that it goes to
 * location (NULL: anywhere), else that the page holds location. */
static void send(ApiTest *t, const char *user, const char *path, const char *form, int status,
        const char *location)
{
	ApiRes r;
	apitest_form(t, user, path, form, &r);
	apitest_expect(&r, status, status == 303 ? NULL : location);
	if (status == 303 && location && strcmp(r.location, location))
		fail_msg("%s: redirected to '%s', expected '%s'", path, r.location, location);
	apires_free(&r);
}

static const char *fmt(char *out, size_t n, const char *f, ...)
        __attribute__((format(printf, 3, 4)));
static const char *fmt(char *out, size_t n, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	vsnprintf(out, n, f, ap);
	va_end(ap);
	return out;
}

static Actor actor(ApiTest *t)
{
	return projtest_actor(t);
}

/* The number after prefix in the body ("action=\"/toi/ma-truy-cap/" → 12), or 0. */
static long long number_after(const ApiRes *r, const char *prefix)
{
	const char *at = strstr(r->body, prefix);
	return at ? strtoll(at + strlen(prefix), NULL, 10) : 0;
}

/* ---- One's own account --------------------------------------------------------------------- */

static void my_account_tokens(void **state)
{
	ApiTest *t = *state;
	see(t, "viewer", "/toi", 200, "Tài khoản của tôi");
	see(t, "viewer", "/toi", 200, "<dd>viewer</dd>");
	see(t, "viewer", "/", 200, "href=\"/toi\"");
	/* A token without a name is refused at its field, what was typed kept. */
	send(t, "viewer", "/toi/ma-truy-cap", "name=&expires_at=31%2F12%2F2030", 422,
	        "value=\"31/12/2030\"");
	ApiRes r;
	apitest_form(t, "viewer", "/toi/ma-truy-cap", "name=B%E1%BA%A3ng+t%C3%ADnh+%3Cb%3E", &r);
	apitest_expect(&r, 201, "Bảng tính &lt;b&gt;");
	const char *code = strstr(r.body, "<code class=\"secret\">");
	if (!code)
		fail_msg("the token is not shown: %.2000s", r.body);
	char header[200];
	int n = (int)strcspn(code + 21, "<");
	snprintf(header, sizeof header, "Authorization: Bearer %.*s", n, code + 21);
	long long id = number_after(&r, "action=\"/toi/ma-truy-cap/");
	apires_free(&r);
	/* It works on the API as the viewer, and is shown once only. */
	const char *const auth[] = {header, NULL};
	apitest_call(t, NULL, "GET", "/api/v1/session", NULL, auth, &r);
	if (r.status != 200 || strcmp(apires_str(&r, "username"), "viewer"))
		fail_msg("the token does not sign in: %d %s", r.status, r.body);
	apires_free(&r);
	apitest_get(t, "viewer", "/toi", &r);
	apitest_expect(&r, 200, "Bảng tính &lt;b&gt;");
	apitest_absent(&r, header + 22);
	apires_free(&r);
	/* Someone else cannot revoke it; its owner can, and then it no longer works. */
	char path[80];
	fmt(path, sizeof path, "/toi/ma-truy-cap/%lld/thu-hoi", id);
	send(t, "staff", path, "", 404, NULL);
	send(t, "viewer", path, "", 303, "/toi?tb=da-thu-hoi");
	see(t, "viewer", "/toi?tb=da-thu-hoi", 200, "Đã thu hồi mã truy cập.");
	apitest_call(t, NULL, "GET", "/api/v1/session", NULL, auth, &r);
	if (r.status != 401)
		fail_msg("a revoked token still signs in: %d", r.status);
	apires_free(&r);
}

static void my_account_sign_out_everywhere(void **state)
{
	ApiTest *t = *state;
	send(t, "staff", "/toi/dang-xuat-moi-noi", "", 303, "/dang-nhap?tb=da-dang-xuat");
	/* The session it was sent with is over too. */
	ApiRes r;
	apitest_get(t, "staff", "/toi", &r);
	if (r.status != 303 || strncmp(r.location, "/dang-nhap", 10))
		fail_msg("still signed in after signing out everywhere: %d %s", r.status,
		        r.location);
	apires_free(&r);
	see(t, "viewer", "/toi", 200, "<dd>viewer</dd>");
}

/* ---- Histories and deletes of records ------------------------------------------------------ */

/* An establishment of current province, and a product of one (projtest.h). */
static int64_t establishment(ApiTest *t, const char *province, const char *name)
{
	return projtest_establishment(t, name, province);
}

static int64_t product(ApiTest *t, int64_t est, const char *name)
{
	return projtest_product(t, est, name);
}

static void establishment_history_and_delete(void **state)
{
	ApiTest *t = *state;
	long long id = establishment(t, "92", "Cơ sở chiếu cói <i>Định Yên</i>");
	long long used = establishment(t, "92", "Cơ sở bánh tráng");
	product(t, used, "Bánh tráng mè");
	char path[80];
	fmt(path, sizeof path, "/co-so/%lld", id);
	see(t, "manager", path, 200, "/lich-su\">Lịch sử thay đổi</a>");
	fmt(path, sizeof path, "/co-so/%lld/lich-su", id);
	see(t, "manager", path, 200, "<td>Thêm mới</td>");
	see(t, "manager", path, 200, "Cơ sở chiếu cói &lt;i&gt;Định Yên&lt;/i&gt;");
	see(t, "staff", path, 403, NULL);
	/* In use by a product: refused, with why. */
	fmt(path, sizeof path, "/co-so/%lld/xoa", used);
	send(t, "staff", path, "version=1", 409, NULL);
	fmt(path, sizeof path, "/co-so/%lld/xoa", id);
	send(t, "other", path, "version=1", 403, NULL);
	send(t, "staff", path, "version=1", 303, "/co-so?tb=da-xoa");
	see(t, "staff", "/co-so?tb=da-xoa", 200, "Đã xóa cơ sở.");
	fmt(path, sizeof path, "/co-so/%lld", id);
	see(t, "staff", path, 404, NULL);
	/* Its history outlives it, in the audit log. */
	fmt(path, sizeof path, "/nhat-ky?table=establishment&record=%lld", id);
	see(t, "ministry", path, 200, "<td>Xóa</td>");
}

static void kind_histories(void **state)
{
	ApiTest *t = *state;
	static const char *const kinds[][2] = {
	        {"/dao-tao",
	                "title=L%E1%BB%9Bp+%C4%91an+l%C3%A1t&kind=craft_transmission&province_code="
	                "current%3A92&start_date=2025-08-10&trainees=30"},
	        {"/hoi-cho", "name=H%E1%BB%99i+ch%E1%BB%A3&province_code=current%3A92&start_date="
	                     "2025-09-02&booths=20"},
	        {"/tu-van", "period=2025-H2&province_code=current%3A92&projects=4"}};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		ApiRes r;
		apitest_form(t, "staff", kinds[i][0], kinds[i][1], &r);
		apitest_expect(&r, 303, NULL);
		long long id = strtoll(r.location + strlen(kinds[i][0]) + 1, NULL, 10);
		apires_free(&r);
		char path[80], edit[80];
		snprintf(edit, sizeof edit, "%s/%lld", kinds[i][0], id);
		char changed[400];
		snprintf(changed, sizeof changed, "%s&note=ghi+ch%%C3%%BA+m%%E1%%BB%%9Bi",
		        kinds[i][1]);
		send(t, "staff", edit, changed, 303, NULL);
		snprintf(path, sizeof path, "%s/%lld/lich-su", kinds[i][0], id);
		see(t, "manager", path, 200, "<ins>ghi chú mới</ins>");
		see(t, "manager", path, 200, "Lúc (giờ Việt Nam)");
		see(t, "ministry", path, 200, "<td>Thêm mới</td>");
		see(t, "staff", path, 403, NULL);
		see(t, "staff", edit, 200, NULL);
		see(t, "manager", edit, 200, "/lich-su\">Lịch sử thay đổi</a>");
	}
}

static void figure_delete(void **state)
{
	ApiTest *t = *state;
	Actor a = actor(t);
	AggregateFigure f = store_aggregate_blank();
	f.indicator_code = "support_amount";
	f.scope_kind = "province";
	f.scope_list = "legacy";
	f.scope_code = "94";
	f.period = "2016-H1";
	f.value = 1234567;
	int64_t id;
	Err e = {0};
	if (store_aggregate_put(t->db.db, &a, &f, &id, &e))
		fail_msg("fixture: %s", e.msg);
	char path[80];
	fmt(path, sizeof path, "/so-lieu/%lld", (long long)id);
	see(t, "staff", path, 200, "/xoa\" data-confirm=");
	fmt(path, sizeof path, "/so-lieu/%lld/xoa", (long long)id);
	send(t, "viewer", path, "version=1", 403, NULL);
	send(t, "other", path, "version=1", 403, NULL);
	/* A version read before someone else's change is a conflict. */
	send(t, "staff", path, "version=7", 409, NULL);
	send(t, "staff", path, "version=1", 303, "/so-lieu?tb=da-xoa");
	fmt(path, sizeof path, "/so-lieu/%lld", (long long)id);
	see(t, "staff", path, 404, NULL);
	fmt(path, sizeof path, "/nhat-ky?table=aggregate_figure&record=%lld", (long long)id);
	see(t, "ministry", path, 200, "<td>Xóa</td>");
}

/* ---- A đề án's file ------------------------------------------------------------------------ */

static void project_rows(void **state)
{
	ApiTest *t = *state;
	long long id = projtest_create(t, "KCDP-2026-CV-01", "local", "current", "92", 2026);
	long long other = projtest_create(t, "KCDP-2026-CV-02", "local", "current", "92", 2026);
	long long org = projtest_org(t, "Viện Nghiên cứu Cơ khí <VNC>");
	char path[96], form[160];
	/* Partners. */
	fmt(path, sizeof path, "/de-an/%lld/phoi-hop", id);
	send(t, "staff", path, "org_id=", 422, "Chưa chọn cơ quan, đơn vị");
	fmt(form, sizeof form, "org_id=%lld&role=lead", org);
	send(t, "staff", path, form, 303, NULL);
	fmt(path, sizeof path, "/de-an/%lld?tab=thu-huong", id);
	see(t, "viewer", path, 200, "Viện Nghiên cứu Cơ khí &lt;VNC&gt;</a></td><td>Chủ trì");
	fmt(path, sizeof path, "/de-an/%lld/phoi-hop/%lld/xoa", id, org);
	send(t, "staff", path, "", 303, NULL);
	fmt(path, sizeof path, "/de-an/%lld?tab=thu-huong", id);
	see(t, "viewer", path, 200, "Chưa có đơn vị phối hợp.");
	/* Outputs: set, replaced, deleted. */
	fmt(path, sizeof path, "/de-an/%lld/ket-qua", id);
	send(t, "staff", path, "indicator_code=trainees&planned=3o", 422, "Kế hoạch phải là");
	send(t, "staff", path, "indicator_code=trainees&planned=30&actual=28", 303, NULL);
	send(t, "staff", path, "indicator_code=trainees&planned=30&actual=3512&qualifier=tr%C3%AAn",
	        303, NULL);
	fmt(path, sizeof path, "/de-an/%lld?tab=ket-qua", id);
	see(t, "viewer", path, 200, "trên 3.512");
	fmt(path, sizeof path, "/de-an/%lld/ket-qua/trainees/xoa", id);
	send(t, "staff", path, "", 303, NULL);
	send(t, "staff", path, "", 422, NULL);
	/* Invoices: one dated before the đề án's years is flagged. */
	fmt(path, sizeof path, "/de-an/%lld/hoa-don", id);
	send(t, "staff", path, "number=HD-0001&issued_on=2026-03-02&amount=abc", 422,
	        "Số tiền phải là");
	send(t, "staff", path, "number=HD-0001&issued_on=2026-03-02&amount=1.250.000", 303, NULL);
	send(t, "staff", path, "number=HD-0002&issued_on=2024-11-15&amount=500000", 303, NULL);
	ApiRes r;
	fmt(path, sizeof path, "/de-an/%lld?tab=giai-ngan", id);
	apitest_get(t, "viewer", path, &r);
	apitest_expect(&r, 200, "1.250.000");
	apitest_expect(&r, 200, "Hóa đơn ngoài khoảng ngày được tính chi phí");
	apitest_expect(&r, 200, "<li>HD-0002: ");
	apitest_absent(&r, "<li>HD-0001: ");
	apitest_absent(&r, "/hoa-don/"); /* a viewer has no delete buttons */
	apires_free(&r);
	apitest_get(t, "staff", path, &r);
	long long invoice = number_after(&r, "/hoa-don/");
	apires_free(&r);
	fmt(path, sizeof path, "/de-an/%lld/hoa-don/%lld/xoa", other, invoice);
	send(t, "staff", path, "", 404, NULL);
	fmt(path, sizeof path, "/de-an/%lld/hoa-don/%lld/xoa", id, invoice);
	send(t, "staff", path, "", 303, NULL);
	send(t, "staff", path, "", 404, NULL);
	/* Links to the activities that name it. */
	fmt(path, sizeof path, "/de-an/%lld", id);
	fmt(form, sizeof form, "/dao-tao?project=%lld", id);
	see(t, "viewer", path, 200, form);
}

static void project_deletes(void **state)
{
	ApiTest *t = *state;
	Actor a = actor(t);
	long long id = projtest_create(t, "KCDP-2026-CV-03", "local", "current", "92", 2026);
	long long other = projtest_create(t, "KCDP-2026-CV-04", "local", "current", "92", 2026);
	Inspection in = store_inspection_blank();
	in.project_id = id;
	in.inspected_on = "2026-04-02";
	in.inspector = "Đoàn kiểm tra Sở Công Thương";
	int64_t inspection, document;
	Err e = {0};
	DocumentStore ds = {.root = t->documents, .max_bytes = 1 << 20};
	Document d = store_document_blank();
	d.project_id = id;
	d.kind = "minutes";
	d.file_name = "bien-ban.txt";
	d.title = "Biên bản nghiệm thu";
	d.mime_type = "text/plain";
	if (store_inspection_add(t->db.db, &a, &in, &inspection, &e) ||
	        store_document_add(t->db.db, &a, &ds, &d, "noi dung", 8, &document, &e))
		fail_msg("fixture: %s", e.msg);
	char path[96];
	fmt(path, sizeof path, "/de-an/%lld?tab=kiem-tra", id);
	fmt(path + 48, 48, "/kiem-tra/%lld/xoa", (long long)inspection);
	see(t, "staff", path, 200, path + 48);
	/* A row of another đề án is not found through this one. */
	fmt(path, sizeof path, "/de-an/%lld/kiem-tra/%lld/xoa", other, (long long)inspection);
	send(t, "staff", path, "", 404, NULL);
	fmt(path, sizeof path, "/de-an/%lld/tai-lieu/%lld/xoa", other, (long long)document);
	send(t, "staff", path, "", 404, NULL);
	fmt(path, sizeof path, "/de-an/%lld/kiem-tra/%lld/xoa", id, (long long)inspection);
	send(t, "viewer", path, "", 403, NULL);
	send(t, "staff", path, "", 303, NULL);
	fmt(path, sizeof path, "/de-an/%lld/tai-lieu/%lld/xoa", id, (long long)document);
	send(t, "staff", path, "", 303, NULL);
	fmt(path, sizeof path, "/de-an/%lld?tab=tai-lieu&tb=da-xoa", id);
	see(t, "staff", path, 200, "Chưa có tài liệu.");
	see(t, "staff", path, 200, "Đã xóa.");
	/* The đề án, in draft: deleted, and then gone. */
	fmt(path, sizeof path, "/de-an/%lld", id);
	see(t, "staff", path, 200, "Xóa đề án</button>");
	fmt(path, sizeof path, "/de-an/%lld/xoa", id);
	send(t, "staff", path, "version=9", 409, NULL);
	send(t, "staff", path, "version=1", 303, "/de-an?tb=da-xoa");
	see(t, "staff", "/de-an?tb=da-xoa", 200, "Đã xóa đề án.");
	fmt(path, sizeof path, "/de-an/%lld", id);
	see(t, "staff", path, 404, NULL);
}

/* ---- OCOP ratings -------------------------------------------------------------------------- */

static void ocop_ratings(void **state)
{
	ApiTest *t = *state;
	long long p = product(t, establishment(t, "92", "Cơ sở mắm"), "Mắm cá linh");
	char path[96], back[64];
	fmt(path, sizeof path, "/san-pham/%lld/ocop", p);
	fmt(back, sizeof back, "/san-pham/%lld?tb=da-luu", p);
	/* Six stars: refused at the field, the year typed kept. */
	send(t, "staff", path, "stars=6&year=2025&decision_no=Q%C4%90-12", 422, "value=\"QĐ-12\"");
	send(t, "other", path, "stars=4&year=2025", 403, NULL);
	send(t, "staff", path, "stars=4&year=2025&decision_no=Q%C4%90-12&valid_until=2028-12-31",
	        303, back);
	ApiRes r;
	fmt(path, sizeof path, "/san-pham/%lld", p);
	apitest_get(t, "viewer", path, &r);
	apitest_expect(&r, 200, "<td>2025</td><td>4 sao</td><td>QĐ-12</td><td>31/12/2028</td>");
	apitest_absent(&r, "/ocop/"); /* no buttons for a viewer */
	apires_free(&r);
	apitest_get(t, "staff", path, &r);
	fmt(back, sizeof back, "/san-pham/%lld/ocop/", p);
	long long rating = number_after(&r, back);
	apires_free(&r);
	fmt(path, sizeof path, "/san-pham/%lld/ocop/%lld/sua", p, rating);
	see(t, "staff", path, 200, "<option value=\"4\" selected>4 sao</option>");
	fmt(path, sizeof path, "/san-pham/%lld/ocop/%lld", p, rating);
	send(t, "staff", path, "stars=5&year=2025&version=1", 303, NULL);
	fmt(path, sizeof path, "/san-pham/%lld", p);
	see(t, "viewer", path, 200, "<td>5 sao</td>");
	fmt(path, sizeof path, "/san-pham/%lld/ocop/%lld/xoa", p, rating);
	send(t, "staff", path, "version=1", 409, NULL);
	send(t, "staff", path, "version=2", 303, NULL);
	fmt(path, sizeof path, "/san-pham/%lld", p);
	see(t, "viewer", path, 200, "Chưa xếp hạng OCOP.");
}

/* ---- Questions about records --------------------------------------------------------------- */

static void organisation_on_a_day(void **state)
{
	ApiTest *t = *state;
	Actor a = actor(t);
	Organisation next = store_org_blank(), old = store_org_blank();
	next.kind = "promotion_centre";
	next.name = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Cần Thơ";
	next.province_list = "current";
	next.province_code = "92";
	next.valid_from = "2025-07-01";
	int64_t next_id, old_id;
	Err e = {0};
	if (store_org_create(t->db.db, &a, &next, &next_id, &e))
		fail_msg("fixture: %s", e.msg);
	old.kind = "promotion_centre";
	old.name = "Trung tâm Khuyến công Sóc Trăng";
	old.province_list = "legacy";
	old.province_code = "94";
	old.valid_to = "2025-06-30";
	old.successor_id = next_id;
	if (store_org_create(t->db.db, &a, &old, &old_id, &e))
		fail_msg("fixture: %s", e.msg);
	char path[96], link[96];
	fmt(path, sizeof path, "/co-quan/%lld", (long long)old_id);
	fmt(link, sizeof link, "action=\"/co-quan/%lld/hieu-luc\"", (long long)old_id);
	see(t, "viewer", path, 200, link);
	fmt(path, sizeof path, "/co-quan/%lld/hieu-luc?ngay=2025-08-01", (long long)old_id);
	fmt(link, sizeof link, "<a href=\"/co-quan/%lld\">Trung tâm Khuyến công và Tư vấn",
	        (long long)next_id);
	see(t, "viewer", path, 200, link);
	fmt(path, sizeof path, "/co-quan/%lld/hieu-luc?ngay=2024-05-01", (long long)old_id);
	see(t, "viewer", path, 200, "(chính đơn vị này)");
	fmt(path, sizeof path, "/co-quan/%lld/hieu-luc?ngay=2024-13-01", (long long)old_id);
	see(t, "viewer", path, 400, NULL);
	fmt(path, sizeof path, "/co-quan/%lld/hieu-luc?ngay=2025-08-01", (long long)old_id);
	see(t, "other", path, 403, NULL);
}

static void activity_totals_and_certificates(void **state)
{
	ApiTest *t = *state;
	send(t, "staff", "/dao-tao",
	        "title=L%E1%BB%9Bp+ngh%E1%BB%81&kind=vocational&province_code=legacy%3A94"
	        "&start_date=2024-08-10&trainees=4321&women=1234",
	        303, NULL);
	ApiRes r;
	apitest_get(t, "viewer", "/hoat-dong/tong-hop?year_from=2024&year_to=2024", &r);
	apitest_expect(&r, 200, "Tổng hợp hoạt động khuyến công");
	apitest_expect(&r, 200,
	        "<th scope=\"row\">Đào tạo nghề, nâng cao tay nghề</th><td class=\"num\">1</td>"
	        "<td class=\"num\">4.321</td><td class=\"num\">1.234</td>");
	apires_free(&r);
	apitest_get(t, "viewer", "/hoat-dong/tong-hop?year_from=2025", &r);
	apitest_absent(&r, "4.321");
	apires_free(&r);
	see(t, "other", "/hoat-dong/tong-hop?province=92", 403, NULL);
	see(t, "viewer", "/dao-tao", 200, "href=\"/hoat-dong/tong-hop\"");
	/* A provincial certificate, counted by level. */
	long long p = product(t, establishment(t, "92", "Cơ sở nón lá"), "Nón lá bài thơ");
	char path[64];
	fmt(path, sizeof path, "/san-pham/%lld/chung-nhan", p);
	send(t, "staff", path, "level=provincial&year=2025&version=1", 303, NULL);
	see(t, "viewer", "/chung-nhan/so-luong?year_from=2025", 200,
	        "<th scope=\"row\">Cấp tỉnh</th><td class=\"num\">1</td>");
	see(t, "viewer", "/chung-nhan/so-luong?year_from=2026", 200,
	        "<th scope=\"row\">Cộng</th><td class=\"num\">0</td>");
	see(t, "viewer", "/chung-nhan", 200, "href=\"/chung-nhan/so-luong\"");
}

static void administrative_units(void **state)
{
	ApiTest *t = *state;
	see(t, "viewer", "/don-vi-hanh-chinh?ngay=2025-06-30", 200,
	        "<td>94</td><td>Sóc Trăng</td>");
	ApiRes r;
	apitest_get(t, "viewer", "/don-vi-hanh-chinh?ngay=2025-07-01", &r);
	apitest_expect(&r, 200, "<td>92</td><td>Cần Thơ</td>");
	apitest_absent(&r, "<td>94</td>");
	apires_free(&r);
	see(t, "viewer", "/don-vi-hanh-chinh?ds=legacy&ma_cap=province&ma=94", 200,
	        "nay thuộc tỉnh Cần Thơ (mã 92)");
	see(t, "viewer", "/don-vi-hanh-chinh?ds=legacy&ma_cap=province&ma=99", 200,
	        "Không có đơn vị mã 99");
	see(t, "viewer", "/don-vi-hanh-chinh?ngay=2026-01-01&vung=moit_south", 200,
	        "Tỉnh thuộc vùng vào ngày đã chọn");
	see(t, "viewer", "/don-vi-hanh-chinh?vung=khong-co", 200, "Không có vùng");
	see(t, "viewer", "/don-vi-hanh-chinh?ngay=2026-02-30", 400, NULL);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, my_account_tokens);
	TL_ADD(&tl, my_account_sign_out_everywhere);
	TL_ADD(&tl, establishment_history_and_delete);
	TL_ADD(&tl, kind_histories);
	TL_ADD(&tl, figure_delete);
	TL_ADD(&tl, project_rows);
	TL_ADD(&tl, project_deletes);
	TL_ADD(&tl, ocop_ratings);
	TL_ADD(&tl, organisation_on_a_day);
	TL_ADD(&tl, activity_totals_and_certificates);
	TL_ADD(&tl, administrative_units);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "web/coverage_pages");
}
