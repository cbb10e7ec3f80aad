/* test_admin.c — the administration pages through the router, as a browser
 * posts them: accounts (an account made on the page signs in; only admins
 * reach the pages), API tokens, code lists and rules (a support cap changed
 * on its form is in the audit log, shown on the log's page), the log's
 * filters in Việt Nam time, messages next to the field with what was typed
 * kept, markup in a name shown as text, and programmes and annual plans.
 * The browser journey (tests/web/journeys.mjs) drives the same pages. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"
#include "core/buf.h"
#include "http/http_html.h"
#include "store/store_reference.h"

#define FORM "application/x-www-form-urlencoded"

/* The id at the end of a redirect to /<base>/<id>?...; 0 if none. */
static int64_t id_of(const ApiRes *r, const char *base)
{
	size_t n = strlen(base);
	if (r->status != 303 || strncmp(r->location, base, n))
		fail_msg("expected a redirect to %s..., got %d %s: %.600s", base, r->status,
		        r->location, r->body);
	return strtoll(r->location + n, NULL, 10);
}

#define NEW_USER                                                                                   \
	"username=can.bo.moi&full_name=Nguy%E1%BB%85n+V%C4%83n+M%E1%BB%9Bi&role=staff"             \
	"&provinces=current%3A92&provinces=legacy%3A94&password=mat-khau-moi-dai"

static void admin_creates_user_who_signs_in(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_get(t, "admin", "/tai-khoan/moi", &r);
	apitest_expect(&r, 200, "name=\"provinces\"");
	apires_free(&r);
	apitest_form(t, "admin", "/tai-khoan", NEW_USER, &r);
	int64_t id = id_of(&r, "/tai-khoan/");
	apires_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/tai-khoan/%lld?tb=da-them", (long long)id);
	apitest_get(t, "admin", path, &r);
	apitest_expect(&r, 200, "Đã tạo tài khoản.");
	apitest_expect(&r, 200, "Nguyễn Văn Mới");
	apitest_expect(&r, 200, "Cần Thơ, Sóc Trăng (cũ)");
	apitest_expect(&r, 200, "Cán bộ tỉnh");
	apires_free(&r);
	/* The new account signs in with its password, not with another. */
	apitest_form(t, NULL, "/dang-nhap", "username=can.bo.moi&password=mat-khau-sai-roi", &r);
	apitest_expect(&r, 401, "không đúng");
	apires_free(&r);
	apitest_form(t, NULL, "/dang-nhap", "username=can.bo.moi&password=mat-khau-moi-dai", &r);
	apitest_expect(&r, 303, NULL);
	assert_string_equal(r.location, "/");
	apires_free(&r);
	/* The list finds it by a name typed without diacritics, and filters. */
	apitest_get(t, "admin", "/tai-khoan?q=nguyen+van+moi", &r);
	apitest_expect(&r, 200, ">can.bo.moi</a>");
	apitest_absent(&r, ">viewer</a>");
	apires_free(&r);
	apitest_get(t, "admin", "/tai-khoan?role=staff&province=92", &r);
	apitest_expect(&r, 200, ">can.bo.moi</a>");
	apitest_expect(&r, 200, ">staff</a>");
	apitest_absent(&r, ">other</a>");
	apitest_absent(&r, ">manager</a>");
	apires_free(&r);
	apitest_get(t, "admin", "/tai-khoan?province=01", &r);
	apitest_expect(&r, 200, ">other</a>");
	apitest_absent(&r, ">can.bo.moi</a>");
	apires_free(&r);
	/* An edit: the role and the lock; a locked account signs in no more. */
	snprintf(path, sizeof path, "/tai-khoan/%lld", (long long)id);
	apitest_form(t, "admin", path,
	        "version=1&full_name=Nguy%E1%BB%85n+V%C4%83n+M%E1%BB%9Bi&role=viewer"
	        "&provinces=current%3A92",
	        &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	apitest_form(t, NULL, "/dang-nhap", "username=can.bo.moi&password=mat-khau-moi-dai", &r);
	apitest_expect(&r, 401, NULL);
	apires_free(&r);
}

static void only_admins_manage_accounts(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	static const char *const others[] = {"ministry", "manager", "staff", "viewer"};
	for (size_t i = 0; i < COUNT_OF(others); i++) {
		apitest_get(t, others[i], "/tai-khoan", &r);
		apitest_expect(&r, 403, "Không có quyền");
		assert_non_null(strstr(r.content_type, "text/html"));
		apires_free(&r);
		apitest_form(t, others[i], "/tai-khoan", NEW_USER, &r);
		apitest_expect(&r, 403, NULL);
		apires_free(&r);
	}
	apitest_get(t, "admin", "/tai-khoan?q=can.bo.moi", &r);
	apitest_expect(&r, 200, "0 kết quả");
	apires_free(&r);
	/* Nor does the navigation offer the accounts to them. */
	apitest_get(t, "manager", "/", &r);
	apitest_absent(&r, "href=\"/tai-khoan\"");
	apires_free(&r);
	apitest_get(t, "admin", "/", &r);
	apitest_expect(&r, 200, "href=\"/tai-khoan\"");
	apires_free(&r);
}

static void tokens_show_once_and_revoke(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_get(t, "admin", "/tai-khoan?q=staff", &r);
	const char *link = strstr(r.body, "<td><a href=\"/tai-khoan/");
	assert_non_null(link);
	int64_t id = strtoll(link + strlen("<td><a href=\"/tai-khoan/"), NULL, 10);
	apires_free(&r);
	char path[96];
	snprintf(path, sizeof path, "/tai-khoan/%lld/ma-truy-cap", (long long)id);
	apitest_form(t, "admin", path, "name=&expires_at=", &r);
	apitest_expect(&r, 422, "id=\"loi-name\"");
	apires_free(&r);
	apitest_form(t, "admin", path,
	        "name=K%E1%BA%BFt+n%E1%BB%91i+t%E1%BB%89nh&expires_at=31%2F02%2F2027", &r);
	apitest_expect(&r, 422, "value=\"31/02/2027\"");
	apitest_expect(&r, 422, "id=\"loi-expires_at\"");
	apires_free(&r);
	apitest_form(t, "admin", path,
	        "name=K%E1%BA%BFt+n%E1%BB%91i+t%E1%BB%89nh&expires_at=31%2F12%2F2027&write=1", &r);
	apitest_expect(&r, 201, "chỉ hiện một lần");
	const char *code = strstr(r.body, "<code class=\"secret\">");
	assert_non_null(code);
	char secret[64];
	snprintf(secret, sizeof secret, "%.43s", code + strlen("<code class=\"secret\">"));
	apires_free(&r);
	/* The token works as a bearer token, and the page never shows it again. */
	char auth[96];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", secret);
	const char *const headers[] = {auth, NULL};
	apitest_call(t, NULL, "GET", "/api/v1/session", NULL, headers, &r);
	assert_status(&r, 200);
	apires_free(&r);
	snprintf(path, sizeof path, "/tai-khoan/%lld", (long long)id);
	apitest_get(t, "admin", path, &r);
	apitest_expect(&r, 200, "Kết nối tỉnh");
	apitest_expect(&r, 200, "hết ngày 31/12/2027");
	apitest_absent(&r, secret);
	const char *revoke = strstr(r.body, "/thu-hoi\"");
	assert_non_null(revoke);
	const char *start = revoke;
	while (start > r.body && strncmp(start, "action=\"", 8))
		start--;
	char action[128];
	snprintf(action, sizeof action, "%.*s", (int)(revoke + 8 - start - 8), start + 8);
	apires_free(&r);
	apitest_form(t, "admin", action, "", &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	apitest_call(t, NULL, "GET", "/api/v1/session", NULL, headers, &r);
	assert_status(&r, 401);
	apires_free(&r);
	apitest_get(t, "admin", path, &r);
	apitest_expect(&r, 200, "Đã thu hồi lúc 22/11/2026 15:00");
	apires_free(&r);
}

/* ---- Code lists and the audit log ------------------------------------------------------ */

/* A support rule with a cap, read from the store. */
static SupportRule capped_rule(ApiTest *t, Arena *arena)
{
	RefFilter f = {.limit = 500};
	RefList l;
	Err e = {0};
	if (store_ref_list(t->db.db, &store_ref_support_rules, &f, arena, &l, &e))
		fail_msg("%s", e.msg);
	for (int i = 0; i < l.n; i++) {
		const SupportRule *s = store_ref_at(&store_ref_support_rules, &l, i);
		if (s->cap_dong > 0 && s->base_rule_id < 0)
			return *s;
	}
	fail_msg("no support rule with a cap in the seeded data");
	return (SupportRule){0};
}

/* The whole form of rec as its edit page posts it, with cap_dong replaced by cap. */
static void rule_form(const SupportRule *rec, const char *cap, Buf *out)
{
	const RefTable *t = &store_ref_support_rules;
	buf_printf(out, "version=%d", rec->version);
	for (size_t i = 1; i < t->n_cols; i++) {
		const RefColumn *col = &t->cols[i];
		const char *at = (const char *)rec + col->off;
		buf_printf(out, "&%s=", col->name);
		if (!strcmp(col->name, "cap_dong"))
			html_urlarg(out, cap);
		else if (col->type == REF_INT && *(const int64_t *)at >= 0)
			buf_printf(out, "%lld", (long long)*(const int64_t *)at);
		else if (col->type == REF_BOOL && *(const bool *)at)
			buf_puts(out, "1");
		else if (col->type == REF_TEXT || col->type == REF_DATE)
			html_urlarg(out, *(const char *const *)at);
	}
}

static void support_cap_change_is_in_the_log(void **state)
{
	ApiTest *t = *state;
	Arena arena = {0};
	SupportRule rule = capped_rule(t, &arena);
	ApiRes r;
	char path[128];
	snprintf(path, sizeof path, "/danh-muc/quy-dinh-ho-tro/sua?ma=%lld", (long long)rule.id);
	apitest_get(t, "admin", path, &r);
	apitest_expect(&r, 200, "name=\"cap_dong\"");
	apires_free(&r);
	/* Only admins change rules; a manager reads them. */
	Buf form;
	buf_init(&form, 1 << 16);
	rule_form(&rule, "123.456.000", &form);
	apitest_form(t, "ministry", path, buf_cstr(&form), &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	apitest_form(t, "admin", path, buf_cstr(&form), &r);
	apitest_expect(&r, 303, NULL);
	char show[160];
	snprintf(show, sizeof show, "%s", r.location);
	apires_free(&r);
	apitest_get(t, "manager", show, &r);
	apitest_expect(&r, 200, "123.456.000");
	apitest_expect(&r, 200, "Đã lưu thay đổi.");
	apitest_absent(&r, "/sua?ma=");
	apires_free(&r);
	/* The same form again is stale: the version moved on. */
	apitest_form(t, "admin", path, buf_cstr(&form), &r);
	apitest_expect(&r, 409, "người khác sửa");
	apitest_expect(&r, 409, "value=\"123.456.000\"");
	apires_free(&r);
	buf_free(&form);
	/* The log's page names who changed the cap, from what, to what, when. */
	char log[128];
	snprintf(log, sizeof log, "/nhat-ky?table=support_rule&record=%lld", (long long)rule.id);
	apitest_get(t, "admin", log, &r);
	apitest_expect(&r, 200, "Mức hỗ trợ tối đa (đồng)</span>: <del>");
	apitest_expect(&r, 200, "<ins>123.456.000</ins>");
	apitest_expect(&r, 200, "22/11/2026 15:00");
	apitest_expect(&r, 200, ">admin<br>");
	char href[96];
	snprintf(href, sizeof href, "href=\"/danh-muc/quy-dinh-ho-tro/dong?ma=%lld\"",
	        (long long)rule.id);
	apitest_expect(&r, 200, href);
	apitest_expect(&r, 200, "1 kết quả");
	apires_free(&r);
	/* A rule's history for managers, on its own page. */
	snprintf(
	        path, sizeof path, "/danh-muc/quy-dinh-ho-tro/lich-su?ma=%lld", (long long)rule.id);
	apitest_get(t, "manager", path, &r);
	apitest_expect(&r, 200, "<ins>123.456.000</ins>");
	apires_free(&r);
	apitest_get(t, "staff", path, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	arena_free(&arena);
}

static void audit_filters(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_form(t, "admin", "/tai-khoan", NEW_USER, &r);
	int64_t id = id_of(&r, "/tai-khoan/");
	apires_free(&r);
	apitest_form(t, "admin", "/danh-muc/nguon-kinh-phi",
	        "code=xa_hoi_hoa&label_vi=X%C3%A3+h%E1%BB%99i+h%C3%B3a&position=90", &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	/* By kind and action: the account made, with a link to it. */
	apitest_get(t, "admin", "/nhat-ky?table=app_user&action=insert&user=admin", &r);
	char href[64];
	snprintf(href, sizeof href, "href=\"/tai-khoan/%lld\"", (long long)id);
	apitest_expect(&r, 200, href);
	apitest_expect(&r, 200, "1 kết quả");
	apitest_expect(&r, 200, "Giá trị khi thêm");
	apitest_absent(&r, "xa_hoi_hoa");
	apitest_absent(&r, "password_hash");
	apires_free(&r);
	apitest_get(t, "admin", "/nhat-ky?action=insert&user=admin", &r);
	apitest_expect(&r, 200, "2 kết quả");
	apitest_expect(&r, 200, "xa_hoi_hoa");
	apires_free(&r);
	apitest_get(t, "admin", "/nhat-ky?action=delete&user=admin", &r);
	apitest_expect(&r, 200, "0 kết quả");
	apires_free(&r);
	/* The API filters by action the same way. */
	apitest_get(t, "admin", "/api/v1/audit?action=insert&user=admin", &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	apitest_get(t, "admin", "/api/v1/audit?action=update&user=admin", &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_get(t, "admin", "/nhat-ky?user=nobody", &r);
	apitest_expect(&r, 200, "0 kết quả");
	apires_free(&r);
	/* Days are Việt Nam days: 15:00 on 22/11 there is 08:00 UTC. */
	apitest_get(t, "admin", "/nhat-ky?user=admin&from=22%2F11%2F2026&to=2026-11-22", &r);
	apitest_expect(&r, 200, "2 kết quả");
	apires_free(&r);
	apitest_get(t, "admin", "/nhat-ky?user=admin&from=2026-11-23", &r);
	apitest_expect(&r, 200, "0 kết quả");
	apires_free(&r);
	apitest_get(t, "admin", "/nhat-ky?user=admin&to=21%2F11%2F2026", &r);
	apitest_expect(&r, 200, "0 kết quả");
	apires_free(&r);
	apitest_get(t, "admin", "/nhat-ky?from=31%2F02%2F2026", &r);
	apitest_expect(&r, 400, "id=\"loi-from\"");
	apitest_expect(&r, 400, "value=\"31/02/2026\"");
	apires_free(&r);
	/* Pages of 50 with the total. */
	for (int i = 0; i < 51; i++) {
		char form[96];
		snprintf(form, sizeof form, "code=ns_%d&label_vi=Ngu%%E1%%BB%%93n+%d&position=%d",
		        i, i, 100 + i);
		apitest_form(t, "admin", "/danh-muc/nguon-kinh-phi", form, &r);
		apitest_expect(&r, 303, NULL);
		apires_free(&r);
	}
	apitest_get(t, "admin", "/nhat-ky?table=funding_source&trang=2", &r);
	apitest_expect(&r, 200, "Dòng 51–52 trong 52 kết quả");
	apires_free(&r);
	/* The log is national: a provincial manager may not read it. */
	apitest_get(t, "manager", "/nhat-ky", &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
}

#define RULE "instrument_code=ND45_2012&cost_item=machinery&label_vi=M%E1%BB%A9c+th%E1%BB%AD"

/* A form refused: the message next to field, and what was typed kept. */
typedef struct Refused {
	const char *path, *form, *field, *kept[3];
} Refused;

static const Refused refused[] = {
        {"/tai-khoan",
                "username=Sai+T%C3%AAn%21&full_name=Tr%E1%BA%A7n+Th%E1%BB%8B+Gi%E1%BB%AF&role=manager"
                "&provinces=current%3A92&password=mat-khau-moi-dai",
                "username",
                {"value=\"Sai Tên!\"", "value=\"Trần Thị Giữ\"",
                        "<option value=\"current:92\" selected>"}},
        {"/tai-khoan",
                "username=khong.tinh&full_name=Kh%C3%B4ng+t%E1%BB%89nh&role=staff"
                "&password=mat-khau-moi-dai",
                "provinces", {"value=\"khong.tinh\"", "<option value=\"staff\" selected>"}},
        {"/tai-khoan", "username=thieu.vai.tro&full_name=A&role=&provinces=current%3A92", "role",
                {"Chưa chọn vai trò", "value=\"thieu.vai.tro\""}},
        {"/danh-muc/quy-dinh-ho-tro", RULE "&cap_dong=m%E1%BB%99t+tr%C4%83m", "cap_dong",
                {"value=\"một trăm\"", "value=\"Mức thử\""}},
        {"/danh-muc/quy-dinh-ho-tro", RULE "&cap_dong=100.000.000&valid_from=31%2F02%2F2026",
                "valid_from", {"value=\"100.000.000\"", "value=\"31/02/2026\""}},
};

static void errors_keep_input(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	for (size_t i = 0; i < COUNT_OF(refused); i++) {
		const Refused *x = &refused[i];
		apitest_form(t, "admin", x->path, x->form, &r);
		char id[64];
		snprintf(id, sizeof id, "id=\"loi-%s\"", x->field);
		apitest_expect(&r, 422, id);
		for (int k = 0; k < 3 && x->kept[k]; k++)
			apitest_expect(&r, 422, x->kept[k]);
		apires_free(&r);
	}
	apitest_form(t, "admin", "/danh-muc/quy-dinh-ho-tro",
	        RULE "&cap_dong=100.000.000&valid_from=01%2F01%2F2027", &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
}

#define XSS "%3Cscript%3Ealert(1)%3C%2Fscript%3E"

static void markup_in_names_is_text(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_form(t, "admin", "/tai-khoan",
	        "username=xss&full_name=" XSS "&role=viewer&provinces=current%3A92"
	        "&password=mat-khau-moi-dai",
	        &r);
	int64_t id = id_of(&r, "/tai-khoan/");
	apires_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/tai-khoan/%lld", (long long)id);
	static const char *const pages[] = {NULL, "/tai-khoan?q=xss", "/nhat-ky?table=app_user"};
	for (size_t i = 0; i < COUNT_OF(pages); i++) {
		apitest_get(t, "admin", pages[i] ? pages[i] : path, &r);
		apitest_expect(&r, 200, "&lt;script&gt;alert(1)&lt;/script&gt;");
		apitest_absent(&r, "<script>alert");
		apires_free(&r);
	}
	apitest_form(t, "manager", "/chuong-trinh",
	        "name=" XSS "&level=local&province_code=current%3A92&start_year=2026&end_year=2030",
	        &r);
	int64_t programme = id_of(&r, "/chuong-trinh/");
	apires_free(&r);
	snprintf(path, sizeof path, "/chuong-trinh/%lld", (long long)programme);
	apitest_get(t, "viewer", path, &r);
	apitest_expect(&r, 200, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>");
	apitest_absent(&r, "<script>alert");
	apires_free(&r);
}

/* ---- Programmes and annual plans ---------------------------------------------------------- */

static void programmes_and_plans(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_get(t, "staff", "/chuong-trinh/moi", &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	apitest_form(t, "manager", "/chuong-trinh",
	        "name=Ch%C6%B0%C6%A1ng+tr%C3%ACnh+C%E1%BA%A7n+Th%C6%A1&level=local"
	        "&province_code=current%3A92&start_year=2030&end_year=2026",
	        &r);
	apitest_expect(&r, 422, "id=\"loi-end_year\"");
	apitest_expect(&r, 422, "value=\"Chương trình Cần Thơ\"");
	apires_free(&r);
	/* A provincial manager makes no national programme. */
	apitest_form(t, "manager", "/chuong-trinh",
	        "name=Qu%E1%BB%91c+gia&level=national&start_year=2026&end_year=2030", &r);
	apitest_expect(&r, 422, NULL);
	apires_free(&r);
	apitest_form(t, "manager", "/chuong-trinh",
	        "name=Ch%C6%B0%C6%A1ng+tr%C3%ACnh+C%E1%BA%A7n+Th%C6%A1&level=local"
	        "&province_code=current%3A92&start_year=2026&end_year=2030"
	        "&decision_no=Q%C4%90+12%2FQ%C4%90-UBND&decision_date=15%2F01%2F2026",
	        &r);
	int64_t programme = id_of(&r, "/chuong-trinh/");
	apires_free(&r);
	char path[96], base[64];
	snprintf(base, sizeof base, "/chuong-trinh/%lld", (long long)programme);
	snprintf(path, sizeof path, "%s/muc-tieu", base);
	apitest_form(t, "manager", path, "indicator_code=&value=12", &r);
	apitest_expect(&r, 422, "id=\"loi-indicator_code\"");
	apires_free(&r);
	apitest_form(t, "other", path, "indicator_code=projects&value=12", &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	apitest_get(t, "manager", base, &r);
	const char *opt = strstr(r.body, "<select id=\"f-indicator_code\"");
	assert_non_null(opt);
	opt = strstr(opt, "<option value=\"");
	opt = opt ? strstr(opt + 1, "<option value=\"") : NULL; /* after the blank choice */
	assert_non_null(opt);
	char indicator[48];
	snprintf(indicator, sizeof indicator, "%.*s", (int)strcspn(opt + 15, "\""), opt + 15);
	apires_free(&r);
	char form[160];
	snprintf(form, sizeof form, "indicator_code=%s&value=1.250&qualifier=tr%%C3%%AAn",
	        indicator);
	apitest_form(t, "manager", path, form, &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	apitest_get(t, "viewer", base, &r);
	apitest_expect(&r, 200, "trên 1.250");
	apitest_expect(&r, 200, "QĐ 12/QĐ-UBND");
	apitest_expect(&r, 200, "15/01/2026");
	apitest_absent(&r, "/muc-tieu/xoa");
	apires_free(&r);
	apitest_get(t, "other", base, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	/* The annual plan of 2026 under it, with a line. */
	snprintf(form, sizeof form,
	        "year=2026&level=local&province_code=current%%3A92&programme_id=%lld"
	        "&approver=UBND+t%%E1%%BB%%89nh",
	        (long long)programme);
	apitest_form(t, "manager", "/ke-hoach", form, &r);
	int64_t plan = id_of(&r, "/ke-hoach/");
	apires_free(&r);
	apitest_form(t, "manager", "/ke-hoach", form, &r);
	apitest_expect(&r, 422, "id=\"loi-year\"");
	apires_free(&r);
	char plan_path[64], lines[80];
	snprintf(plan_path, sizeof plan_path, "/ke-hoach/%lld", (long long)plan);
	snprintf(lines, sizeof lines, "%s/dong", plan_path);
	apitest_get(t, "manager", plan_path, &r);
	opt = strstr(r.body, "<select id=\"f-activity_code\"");
	assert_non_null(opt);
	opt = strstr(strstr(opt, "<option value=\"") + 1, "<option value=\"");
	char content[48];
	snprintf(content, sizeof content, "%.*s", (int)strcspn(opt + 15, "\""), opt + 15);
	apires_free(&r);
	snprintf(form, sizeof form, "activity_code=%s&planned_amount=nhi%%E1%%BB%%81u", content);
	apitest_form(t, "manager", lines, form, &r);
	apitest_expect(&r, 422, "id=\"loi-planned_amount\"");
	apitest_expect(&r, 422, "value=\"nhiều\"");
	apires_free(&r);
	snprintf(form, sizeof form, "activity_code=%s&planned_amount=350.000.000", content);
	apitest_form(t, "manager", lines, form, &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	apitest_get(t, "viewer", plan_path, &r);
	apitest_expect(&r, 200, "350.000.000");
	apitest_expect(&r, 200, "Kế hoạch khuyến công năm 2026 — Cần Thơ");
	apitest_expect(&r, 200, "period=2026&amp;province=92");
	apires_free(&r);
	apitest_get(t, "viewer", "/ke-hoach?year=2026", &r);
	apitest_expect(&r, 200, plan_path);
	apires_free(&r);
	apitest_get(t, "viewer", "/chuong-trinh?year=2027", &r);
	apitest_expect(&r, 200, base);
	apires_free(&r);
	snprintf(path, sizeof path, "%s/lich-su", plan_path);
	apitest_get(t, "manager", path, &r);
	apitest_expect(&r, 200, "Thêm mới");
	apires_free(&r);
	/* In the log, a line's entry links to its plan, a target's to its programme. */
	char href[160];
	apitest_get(t, "ministry", "/nhat-ky?table=annual_plan_line", &r);
	snprintf(href, sizeof href, "Dòng kế hoạch năm <a href=\"%s\">", plan_path);
	apitest_expect(&r, 200, href);
	apires_free(&r);
	apitest_get(t, "ministry", "/nhat-ky?table=programme_target", &r);
	snprintf(href, sizeof href, "Mục tiêu chương trình <a href=\"%s\">", base);
	apitest_expect(&r, 200, href);
	apitest_expect(&r, 200, "Giá trị</span>: 1.250</li>");
	apires_free(&r);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, admin_creates_user_who_signs_in);
	TL_ADD(&tl, only_admins_manage_accounts);
	TL_ADD(&tl, tokens_show_once_and_revoke);
	TL_ADD(&tl, support_cap_change_is_in_the_log);
	TL_ADD(&tl, audit_filters);
	TL_ADD(&tl, errors_keep_input);
	TL_ADD(&tl, markup_in_names_is_text);
	TL_ADD(&tl, programmes_and_plans);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "web/admin");
}
