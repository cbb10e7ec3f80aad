/* test_pages.c — the web pages through the router, as a browser sends them:
 * form posts with the CSRF token in a hidden field, the sign-in redirect,
 * HTML error pages, values escaped, validation that keeps what was typed,
 * exports, and the đề án's form and moves. The browser journeys (tests/web
 * *.mjs) drive the same pages in Chromium. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"
#include "http/http_assets.h"
#include "store/store_establishment.h"

typedef struct Page {
	int status;
	char *body;
	char location[512], type[128], cookie[256], disposition[256];
} Page;

/* One request as a browser makes it: the user's cookie, Origin on a post,
 * the form body urlencoded; the CSRF token only in the form (csrf true adds
 * _csrf=<token> to it), never in a header. */
static void request(ApiTest *t, const char *user, const char *method, const char *path,
        const char *form, bool csrf, const char *content_type, Page *out)
{
	Arena arena = {0};
	HttpReq q = {.method = method, .remote = "127.0.0.1"};
	const char *qmark = strchr(path, '?');
	q.path = arena_strndup(&arena, path, qmark ? (size_t)(qmark - path) : strlen(path));
	Err e = {0};
	if (qmark && http_parse_query(&q, qmark + 1, strlen(qmark + 1), &arena, &e))
		fail_msg("bad query '%s'", path);
	q.headers[q.n_headers++] = (HttpPair){"Host", "localhost"};
	int who = -1;
	for (int i = 0; user && i < APITEST_USERS; i++)
		if (!strcmp(apitest_users[i], user))
			who = i;
	if (who >= 0)
		q.headers[q.n_headers++] = (HttpPair){"Cookie", t->cookie[who]};
	Buf body;
	buf_init(&body, 1 << 16);
	if (strcmp(method, "GET")) {
		q.headers[q.n_headers++] = (HttpPair){"Origin", "http://localhost"};
		q.headers[q.n_headers++] = (HttpPair){"Content-Type",
		        content_type ? content_type : "application/x-www-form-urlencoded"};
		buf_puts(&body, form ? form : "");
		if (csrf && who >= 0)
			buf_printf(&body, "%s_csrf=%s", body.len ? "&" : "", t->csrf[who]);
		q.body = buf_cstr(&body);
		q.body_len = body.len;
	}
	HttpRes res;
	http_res_init(&res, 64 * 1024 * 1024);
	http_handle(&t->app, t->db.db, &q, &res, &arena);
	memset(out, 0, sizeof *out);
	out->status = res.status;
	out->body = strdup(buf_cstr(&res.body));
	const char *v;
	snprintf(out->location, sizeof out->location, "%s",
	        (v = http_res_get(&res, "Location")) ? v : "");
	snprintf(out->type, sizeof out->type, "%s", res.content_type ? res.content_type : "");
	snprintf(out->cookie, sizeof out->cookie, "%s",
	        (v = http_res_get(&res, "Set-Cookie")) ? v : "");
	snprintf(out->disposition, sizeof out->disposition, "%s",
	        (v = http_res_get(&res, "Content-Disposition")) ? v : "");
	http_res_free(&res);
	buf_free(&body);
	arena_free(&arena);
}

#define GET(t, user, path, out)        request(t, user, "GET", path, NULL, false, NULL, out)
#define POST(t, user, path, form, out) request(t, user, "POST", path, form, true, NULL, out)
#define POST_NO_CSRF(t, user, path, form, out)                                                     \
	request(t, user, "POST", path, form, false, NULL, out)

static void expect(const Page *p, int status, const char *contains)
{
	if (p->status != status || (contains && !strstr(p->body, contains)))
		fail_msg("expected %d with '%s', got %d: %.600s", status, contains ? contains : "",
		        p->status, p->body);
}

static void done(Page *p)
{
	free(p->body);
}

/* An establishment of province 92 named name; its id. */
static int64_t establishment(ApiTest *t, const char *name)
{
	Actor a = {.name = "test", .via = "cli", .now = t->app.now};
	Establishment x = store_establishment_blank();
	x.name = name;
	x.legal_form = "household_business";
	x.province_list = "legacy";
	x.province_code = "94";
	int64_t id;
	Err e = {0};
	if (store_establishment_create(t->db.db, &a, &x, &id, &e))
		fail_msg("fixture: %s", e.msg);
	return id;
}

static void sign_in_first(void **state)
{
	Page p;
	GET(*state, NULL, "/de-an?year=2026", &p);
	expect(&p, 303, NULL);
	assert_string_equal(p.location, "/dang-nhap?tiep=%2Fde-an");
	done(&p);
	GET(*state, NULL, "/dang-nhap?tiep=%2Fde-an", &p);
	expect(&p, 200, "name=\"tiep\" value=\"/de-an\"");
	assert_non_null(strstr(p.type, "text/html"));
	done(&p);
	/* The API answers JSON as before. */
	GET(*state, NULL, "/api/v1/projects", &p);
	expect(&p, 401, "{\"error\":{\"code\":\"unauthenticated\"");
	done(&p);
}

static void sign_in_and_out(void **state)
{
	Page p;
	POST_NO_CSRF(*state, NULL, "/dang-nhap",
	        "username=staff&password=" APITEST_PASSWORD "&tiep=%2Fco-so", &p);
	expect(&p, 303, NULL);
	assert_string_equal(p.location, "/co-so");
	assert_non_null(strstr(p.cookie, "HttpOnly"));
	assert_non_null(strstr(p.cookie, "SameSite=Strict"));
	done(&p);
	/* Never to another site after signing in. */
	POST_NO_CSRF(*state, NULL, "/dang-nhap",
	        "username=staff&password=" APITEST_PASSWORD "&tiep=%2F%2Fevil.example%2F", &p);
	expect(&p, 303, NULL);
	assert_string_equal(p.location, "/");
	done(&p);
	POST_NO_CSRF(*state, NULL, "/dang-nhap", "username=staff&password=sai-mat-khau-roi", &p);
	expect(&p, 401, "Tên đăng nhập hoặc mật khẩu không đúng");
	expect(&p, 401, "value=\"staff\""); /* the name is kept */
	done(&p);
	POST(*state, "staff", "/dang-xuat", NULL, &p);
	expect(&p, 303, NULL);
	assert_non_null(strstr(p.cookie, "Max-Age=0"));
	done(&p);
	GET(*state, "staff", "/", &p); /* the session has ended */
	expect(&p, 303, NULL);
	done(&p);
}

static void forms_need_the_csrf_field(void **state)
{
	const char *form = "name=C%C6%A1+s%E1%BB%9F+m%E1%BB%9Bi&legal_form=sme&province_code="
	                   "current%3A92";
	Page p;
	POST_NO_CSRF(*state, "staff", "/co-so", form, &p);
	expect(&p, 403, "CSRF");
	assert_non_null(strstr(p.type, "text/html"));
	done(&p);
	request(*state, "staff", "POST", "/co-so", "{}", true, "application/json", &p);
	expect(&p, 415, NULL);
	done(&p);
	POST(*state, "staff", "/co-so", form, &p);
	expect(&p, 303, NULL);
	assert_non_null(strstr(p.location, "?tb=da-them"));
	char path[128];
	snprintf(path, sizeof path, "%.*s", (int)strcspn(p.location, "?"), p.location);
	done(&p);
	GET(*state, "staff", path, &p);
	expect(&p, 200, "<h1>Cơ sở mới</h1>");
	done(&p);
}

static void values_are_escaped(void **state)
{
	int64_t id = establishment(*state, "<script>alert('x')</script> & \"Bánh\"");
	char path[64];
	snprintf(path, sizeof path, "/co-so/%lld", (long long)id);
	Page p;
	GET(*state, "viewer", path, &p);
	expect(&p, 200, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bánh&quot;");
	assert_null(strstr(p.body, "<script>alert"));
	done(&p);
	GET(*state, "viewer", "/co-so?q=script", &p);
	expect(&p, 200, "&lt;script&gt;");
	assert_null(strstr(p.body, "<script>alert"));
	done(&p);
}

static void validation_keeps_input(void **state)
{
	Page p;
	POST(*state, "staff", "/co-so",
	        "name=C%C6%A1+s%E1%BB%9F+thi%E1%BA%BFu&tax_code=123&province_code=current%3A92",
	        &p);
	expect(&p, 422, "id=\"loi-");
	expect(&p, 422, "value=\"Cơ sở thiếu\"");
	expect(&p, 422, "aria-invalid=\"true\"");
	done(&p);
}

static void errors_are_pages(void **state)
{
	Page p;
	GET(*state, "staff", "/de-an/999999", &p);
	expect(&p, 404, "Không tìm thấy");
	assert_non_null(strstr(p.type, "text/html"));
	done(&p);
	GET(*state, "staff", "/khong-co-trang-nay", &p);
	expect(&p, 404, "<!doctype html>");
	done(&p);
	GET(*state, "staff", "/co-so?trang=0", &p);
	expect(&p, 400, "trang");
	done(&p);
	GET(*state, "staff", "/api/v1/projects/999999", &p);
	expect(&p, 404, "{\"error\":");
	done(&p);
	/* A blank filter is no filter. */
	GET(*state, "staff", "/de-an?q=&year=&status=", &p);
	expect(&p, 200, "Đề án khuyến công");
	done(&p);
}

static void assets_are_cached(void **state)
{
	Page p;
	GET(*state, NULL, http_asset_url("app.css"), &p);
	expect(&p, 200, ":root");
	assert_string_equal(p.type, "text/css; charset=utf-8");
	done(&p);
	GET(*state, NULL, "/static/app.000000000000.css", &p);
	expect(&p, 404, NULL);
	done(&p);
	GET(*state, "viewer", "/co-so", &p);
	expect(&p, 200, http_asset_url("app.js"));
	assert_null(strstr(p.body, "<script>")); /* no inline script: the CSP forbids it */
	assert_null(strstr(p.body, "style=\""));
	done(&p);
}

static void lists_export(void **state)
{
	establishment(*state, "=HYPERLINK(\"http://x\") Cơ sở công thức");
	Page p;
	GET(*state, "staff", "/co-so?q=co+so+cong+thuc&format=csv", &p);
	expect(&p, 200, "Tên cơ sở");
	expect(&p, 200, "\"'=HYPERLINK"); /* a formula is neutralised */
	assert_non_null(strstr(p.disposition, "attachment; filename=\"co-so-cnnt.csv\""));
	done(&p);
}

static void project_form_and_moves(void **state)
{
	ApiTest *t = *state;
	int64_t a = establishment(t, "Cơ sở thụ hưởng một"), b = establishment(t, "Cơ sở hai");
	char form[1024];
	snprintf(form, sizeof form,
	        "code=KCDP-2026-CT-77&title=%%C4%%90%%E1%%BB%%81+%%C3%%A1n+th%%E1%%BB%%AD"
	        "&level=local&type=ordinary&activity_code=C03_DEMO_TECH&province_code=current%%3A92"
	        "&registration_year=2026&start_year=2026&end_year=2026"
	        "&line_source=provincial&line_item=M%%C3%%A1y&line_planned=1.000.000"
	        "&line_source=counterpart&line_item=%%C4%%90%%E1%%BB%%91i+%%E1%%BB%%A9ng"
	        "&line_planned=500000&beneficiary=%lld&beneficiary=%lld",
	        (long long)a, (long long)b);
	Page p;
	/* A bad amount in a row: nothing is written, the rows come back. */
	char bad[1100];
	snprintf(bad, sizeof bad, "%s&line_source=central&line_item=x&line_planned=12ab", form);
	POST(t, "staff", "/de-an", bad, &p);
	expect(&p, 422, "Dòng kinh phí 3");
	expect(&p, 422, "value=\"1.000.000\"");
	done(&p);
	GET(t, "staff", "/de-an?q=KCDP-2026-CT-77", &p);
	expect(&p, 200, "Không có đề án nào");
	done(&p);
	POST(t, "staff", "/de-an", form, &p);
	expect(&p, 303, NULL);
	char path[128];
	snprintf(path, sizeof path, "%.*s", (int)strcspn(p.location, "?"), p.location);
	done(&p);
	char url[192];
	snprintf(url, sizeof url, "%s?tab=kinh-phi", path);
	GET(t, "staff", url, &p);
	expect(&p, 200, "1.500.000");
	expect(&p, 200, "Một triệu năm trăm nghìn đồng");
	done(&p);
	snprintf(url, sizeof url, "%s?tab=thu-huong", path);
	GET(t, "viewer", url, &p);
	expect(&p, 200, "Cơ sở thụ hưởng một");
	expect(&p, 200, "Cơ sở hai");
	done(&p);
	/* The moves: buttons for a manager only; staff may not make one. */
	GET(t, "staff", path, &p);
	assert_null(strstr(p.body, "/chuyen"));
	done(&p);
	GET(t, "manager", path, &p);
	expect(&p, 200, "value=\"registered\"");
	done(&p);
	snprintf(url, sizeof url, "%s/chuyen", path);
	POST(t, "staff", url, "to_status=registered&version=1", &p);
	expect(&p, 403, NULL);
	done(&p);
	POST(t, "manager", url, "to_status=approved&version=1", &p);
	expect(&p, 409, "Không thể chuyển");
	done(&p);
	POST(t, "manager", url, "to_status=registered&version=1", &p);
	expect(&p, 303, NULL);
	done(&p);
	snprintf(url, sizeof url, "%s?tab=trang-thai", path);
	GET(t, "viewer", url, &p);
	expect(&p, 200, "Đã đăng ký");
	done(&p);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, sign_in_first);
	TL_ADD(&tl, sign_in_and_out);
	TL_ADD(&tl, forms_need_the_csrf_field);
	TL_ADD(&tl, values_are_escaped);
	TL_ADD(&tl, validation_keeps_input);
	TL_ADD(&tl, errors_are_pages);
	TL_ADD(&tl, assets_are_cached);
	TL_ADD(&tl, lists_export);
	TL_ADD(&tl, project_form_and_moves);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "web/pages");
}
