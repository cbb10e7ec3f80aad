/* test_security.c — the web security review's findings, each as the request
 * that showed it: the sign-in page's "return to" (M1) accepts only a path of
 * this site; the pages ignore API bearer tokens and password and token
 * routes need a password session (M2); the session cookie is Secure and HSTS
 * is sent when the browser reaches the server over TLS (L4); a form shows the
 * name of a record an id points to only when the caller may read it, and
 * records may not name another province's organisation (L1); the plan form
 * and a national programme's page list only the caller's programmes and plans
 * (L2); a grid cell too large for its column is refused, not wrapped (L3); a
 * database's own refusal reaches the user in our words, its own in the log (L6);
 * a đề án's history is a managers' route of its own (L7). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api/projtest.h"
#include "apitest.h"
#include "http/http_html.h"
#include "store/store_programme.h"
#include "store/store_user.h"

#define FORM "application/x-www-form-urlencoded"

/* ---- M1: where the sign-in page sends the user ------------------------------------------ */

typedef struct Next {
	const char *tiep; /* as the attacker gives it (decoded) */
	const char *to;   /* where the user goes */
} Next;

static const Next nexts[] = {
        {"/de-an", "/de-an"},
        {"/de-an/3?tab=kinh-phi", "/de-an/3?tab=kinh-phi"},
        {"/%09/evil.example", "/%09/evil.example"}, /* percent-encoded: a path here */
        {"/\t/evil.example/x", "/"},                /* browsers drop the tab: //evil.example */
        {"/\t\\evil.example", "/"},
        {"/\n/evil.example", "/"},
        {"/\r\nSet-Cookie: x=1", "/"},
        {"//evil.example/", "/"},
        {"/\\evil.example", "/"},
        {"\\\\evil.example", "/"},
        {"/de-an\\..\\..\\evil", "/"},
        {" //evil.example", "/"},
        {"/ /evil.example", "/"},
        {"/\x0b/evil.example", "/"},
        {"/\x7f/evil.example", "/"},
        {"/\xef\xbc\x8f\xef\xbc\x8f"
         "evil.example",
                "/"}, /* full-width solidus */
        {"https://evil.example/", "/"},
        {"javascript:alert(1)", "/"},
        {"evil.example", "/"},
        {"", "/"},
};

/* GET /dang-nhap?tiep=... signed in: straight on; then the sign-in form's
 * post. Both must land on n->to. */
static void sign_in_goes_only_here(void **state)
{
	ApiTest *t = *state;
	for (size_t i = 0; i < COUNT_OF(nexts); i++) {
		const Next *n = &nexts[i];
		Buf url, form;
		buf_init(&url, 4096);
		buf_init(&form, 4096);
		buf_puts(&url, "/dang-nhap?tiep=");
		html_urlarg(&url, n->tiep);
		ApiRes r;
		apitest_call(t, "staff", "GET", buf_cstr(&url), NULL, NULL, &r);
		if (r.status != 303 || strcmp(r.location, n->to))
			fail_msg("GET tiep=%s: expected 303 to %s, got %d to '%s'", buf_cstr(&url),
			        n->to, r.status, r.location);
		apires_free(&r);
		buf_puts(&form, "username=staff&password=" APITEST_PASSWORD "&tiep=");
		html_urlarg(&form, n->tiep);
		apitest_upload(t, NULL, "/dang-nhap", FORM, form.data, form.len, &r);
		if (r.status != 303 || strcmp(r.location, n->to))
			fail_msg("POST tiep=%s: expected 303 to %s, got %d to '%s'", buf_cstr(&url),
			        n->to, r.status, r.location);
		apires_free(&r);
		/* The form keeps only a safe value in its hidden field. */
		apitest_call(t, NULL, "GET", buf_cstr(&url), NULL, NULL, &r);
		char hidden[160];
		snprintf(hidden, sizeof hidden, "name=\"tiep\" value=\"%s\"", n->to);
		apitest_expect(&r, 200, hidden);
		apires_free(&r);
		buf_free(&url);
		buf_free(&form);
	}
}

/* ---- M2: bearer tokens on the pages ----------------------------------------------------- */

/* A read-write token of user name; its text in out. */
static void token_of(ApiTest *t, const char *name, char out[TOKEN_TEXT_LEN])
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT id FROM app_user WHERE username = '%s'", name);
	int64_t user = db_scalar(t->db.db, sql), id;
	Actor a = {.name = "fixture", .via = "cli", .now = t->app.now};
	Err e = {0};
	if (store_token_create(t->db.db, &a, user, "Tích hợp", true, NULL, out, &id, &e))
		fail_msg("token: %s", e.msg);
}

static int64_t tokens(ApiTest *t)
{
	return db_scalar(t->db.db, "SELECT COUNT(*) FROM api_token");
}

/* The stored password hash of user id (malloc). */
static char *password_hash(ApiTest *t, int64_t id)
{
	Stmt *st;
	Err e = {0};
	assert_int_equal(
	        db_prepare(t->db.db, "SELECT password_hash FROM app_user WHERE id = ?", &st, &e),
	        0);
	db_bind_int64(st, 1, id);
	assert_int_equal(db_step(st, &e), DB_ROW);
	char *hash = strdup(db_col_text(st, 0));
	db_done(st);
	return hash;
}

static void pages_ignore_bearer_tokens(void **state)
{
	ApiTest *t = *state;
	char token[TOKEN_TEXT_LEN], auth[TOKEN_TEXT_LEN + 32];
	token_of(t, "admin", token);
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	const char *const bearer[] = {auth, NULL};
	int64_t staff = db_scalar(t->db.db, "SELECT id FROM app_user WHERE username = 'staff'");
	char path[80];
	/* The API takes the token, and keeps token minting for sessions. */
	ApiRes r;
	apitest_send(t, NULL, "GET", "/api/v1/projects", NULL, NULL, 0, bearer, &r);
	apitest_expect(&r, 200, NULL);
	apires_free(&r);
	snprintf(path, sizeof path, "/api/v1/users/%lld/tokens", (long long)staff);
	apitest_call(t, NULL, "POST", path, "{\"name\": \"x\", \"write\": true}", bearer, &r);
	apitest_expect(&r, 403, "cần đăng nhập bằng mật khẩu");
	apires_free(&r);
	/* The review's requests: a token minted and a password set through the pages. */
	int64_t before = tokens(t);
	snprintf(path, sizeof path, "/tai-khoan/%lld/ma-truy-cap", (long long)staff);
	static const char mint[] = "name=stolen&write=1";
	apitest_send(t, NULL, "POST", path, FORM, mint, strlen(mint), bearer, &r);
	if (r.status != 303 || strncmp(r.location, HTTP_SIGN_IN_PAGE, strlen(HTTP_SIGN_IN_PAGE)))
		fail_msg("a token minted a token: %d %s", r.status, r.body);
	apires_free(&r);
	assert_int_equal(tokens(t), before);
	char *hash = password_hash(t, staff);
	snprintf(path, sizeof path, "/tai-khoan/%lld/mat-khau", (long long)staff);
	static const char reset[] = "password=attacker-pass-123";
	apitest_send(t, NULL, "POST", path, FORM, reset, strlen(reset), bearer, &r);
	apitest_expect(&r, 303, NULL);
	assert_non_null(strstr(r.location, HTTP_SIGN_IN_PAGE));
	apires_free(&r);
	char *after = password_hash(t, staff);
	assert_string_equal(after, hash);
	free(hash);
	free(after);
	/* A page read with a token is not signed in either; public files still load. */
	apitest_send(t, NULL, "GET", "/de-an", NULL, NULL, 0, bearer, &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	apitest_send(t, NULL, "GET", "/dang-nhap", NULL, NULL, 0, bearer, &r);
	apitest_expect(&r, 200, "name=\"password\"");
	apires_free(&r);
	/* With a session cookie too, the session is the caller, not the token. */
	snprintf(path, sizeof path, "/tai-khoan/%lld/ma-truy-cap", (long long)staff);
	apitest_send(t, "viewer", "POST", path, FORM, mint, strlen(mint), bearer, &r);
	apitest_expect(&r, 403, "Vai trò");
	apires_free(&r);
	assert_int_equal(tokens(t), before);
}

/* The pages that set passwords or mint tokens are for a password session
 * alone, as their API routes are (ROUTE_SESSION), should a token ever reach
 * the pages again. */
static void password_and_token_pages_need_a_session(void **state)
{
	(void)state;
	static const char *const session_only[][2] = {{"POST", "/mat-khau"},
	        {"POST", "/tai-khoan/{id}/mat-khau"}, {"POST", "/tai-khoan/{id}/ma-truy-cap"},
	        {"POST", "/api/v1/users/{id}/password"}, {"POST", "/api/v1/users/{id}/tokens"},
	        {"POST", "/api/v1/me/tokens"}};
	for (size_t i = 0; i < COUNT_OF(session_only); i++) {
		const Route *found = NULL;
		for (int k = 0; k < http_n_routes; k++)
			if (!strcmp(http_routes[k].method, session_only[i][0]) &&
			        !strcmp(http_routes[k].pattern, session_only[i][1]))
				found = &http_routes[k];
		if (!found || !(found->flags & ROUTE_SESSION))
			fail_msg("%s %s: %s", session_only[i][0], session_only[i][1],
			        found ? "not ROUTE_SESSION" : "no such route");
	}
}

/* ---- L4: Secure cookie and HSTS behind TLS ------------------------------------------------- */

/* Signs staff in through the page with the Origin origin and the extra header
 * (or NULL); fails unless the cookie's Secure flag and HSTS are as secure says. */
static void signs_in(ApiTest *t, const char *origin, const char *extra, bool secure)
{
	static const char form[] = "username=staff&password=" APITEST_PASSWORD;
	char origin_line[96];
	snprintf(origin_line, sizeof origin_line, "Origin: %s", origin);
	const char *const headers[] = {origin_line, extra, NULL};
	ApiRes r;
	apitest_send(t, NULL, "POST", "/dang-nhap", FORM, form, strlen(form), headers, &r);
	apitest_expect(&r, 303, NULL);
	if (!strstr(r.cookie, HTTP_SESSION_COOKIE "=") ||
	        (strstr(r.cookie, "; Secure") != NULL) != secure || (*r.hsts != '\0') != secure)
		fail_msg("origin %s, %s: expected %s, got cookie '%s', HSTS '%s'", origin,
		        extra ? extra : "no proxy header", secure ? "Secure and HSTS" : "neither",
		        r.cookie, r.hsts);
	apires_free(&r);
	/* A page read the same way says the same. */
	apitest_send(t, NULL, "GET", "/dang-nhap", NULL, NULL, 0, headers + 1, &r);
	assert_int_equal(*r.hsts != '\0', secure);
	apires_free(&r);
}

static void secure_behind_tls(void **state)
{
	ApiTest *t = *state;
	static const char https[] = "X-Forwarded-Proto: https";
	/* Plain HTTP, as in development. */
	signs_in(t, "http://localhost", NULL, false);
	signs_in(t, "http://localhost", https, false); /* no proxy is trusted */
	/* The public origin is https (docs/api.md: behind a TLS proxy, --origin https://...). */
	t->app.origin = "https://kc.example.vn";
	signs_in(t, "https://kc.example.vn", NULL, true);
	t->app.origin = NULL;
	/* A trusted proxy says so; another address saying so is not believed. */
	t->app.trusted_proxy = "127.0.0.1";
	signs_in(t, "https://localhost", https, true);
	signs_in(t, "http://localhost", "X-Forwarded-Proto: http", false);
	t->app.trusted_proxy = "10.0.0.5";
	signs_in(t, "http://localhost", https, false);
	t->app.trusted_proxy = NULL;
}

/* ---- L1: names of other provinces' records through ids in forms ------------------------ */

/* An organisation of kind in current province code (NULL: national); its id. */
static int64_t org(ApiTest *t, const char *name, const char *kind, const char *province)
{
	Organisation o = store_org_blank();
	o.name = name;
	o.kind = kind;
	o.province_list = province ? "current" : NULL;
	o.province_code = province;
	Actor a = projtest_actor(t);
	Err e = {0};
	int64_t id;
	if (store_org_create(t->db.db, &a, &o, &id, &e))
		fail_msg("organisation: %s", e.msg);
	return id;
}

/* Posts form to path as user: fails unless the answer is status, shows
 * every text of shown and none of hidden. */
static void posts(ApiTest *t, const char *user, const char *path, const char *form, int status,
        const char *const *shown, const char *const *hidden)
{
	ApiRes r;
	apitest_upload(t, user, path, FORM, form, strlen(form), &r);
	apitest_expect(&r, status, NULL);
	for (const char *const *x = shown; x && *x; x++)
		apitest_expect(&r, status, *x);
	for (const char *const *x = hidden; x && *x; x++)
		if (strstr(r.body, *x))
			fail_msg("%s as %s shows '%s': %.1500s", path, user, *x, r.body);
	apires_free(&r);
}

static void names_only_in_scope(void **state)
{
	ApiTest *t = *state;
	int64_t ours = projtest_establishment(t, "Cơ sở bánh pía Vũng Thơm", "92");
	int64_t theirs = projtest_establishment(t, "Cơ sở gốm Bát Tràng", "01");
	int64_t their_org = org(t, "Sở Công Thương Hà Nội", "doit", "01");
	int64_t agency = org(t, "Cục Công nghiệp địa phương", "national_agency", NULL);
	char form[256], number[32];
	/* The review's request: the đề án form sent back with posted beneficiaries. */
	snprintf(form, sizeof form, "province_code=current%%3A92&beneficiary=%lld&beneficiary=%lld",
	        (long long)ours, (long long)theirs);
	snprintf(number, sizeof number, "Số %lld", (long long)theirs);
	const char *const ours_shown[] = {"Vũng Thơm", number, NULL};
	const char *const theirs_hidden[] = {"Bát Tràng", NULL};
	posts(t, "staff", "/de-an", form, 422, ours_shown, theirs_hidden);
	const char *const both[] = {"Vũng Thơm", "Bát Tràng", NULL};
	posts(t, "ministry", "/de-an", form, 422, both, NULL);
	/* An inspection or an organisation may name only an organisation of its
	 * province or a national one, so it cannot show another's name after. */
	const char *const org_hidden[] = {"Sở Công Thương Hà Nội", NULL};
	const char *const refused[] = {"không thuộc tỉnh của hồ sơ này", NULL};
	int64_t before = db_scalar(t->db.db, "SELECT COUNT(*) FROM inspection");
	snprintf(form, sizeof form,
	        "inspected_on=2026-03-01&province_code=current%%3A92&inspector=Nguy%%E1%%BB%%85n+A"
	        "&org_id=%lld",
	        (long long)their_org);
	posts(t, "staff", "/kiem-tra", form, 422, refused, org_hidden);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM inspection"), before);
	snprintf(form, sizeof form,
	        "name=Trung+t%%C3%%A2m+m%%E1%%BB%%9Bi&kind=partner&province_code=current%%3A92"
	        "&successor_id=%lld",
	        (long long)their_org);
	posts(t, "staff", "/co-quan", form, 422, refused, org_hidden);
	/* A national organisation is anyone's to name. */
	snprintf(form, sizeof form,
	        "inspected_on=2026-03-01&province_code=current%%3A92&inspector=Nguy%%E1%%BB%%85n+A"
	        "&org_id=%lld",
	        (long long)agency);
	posts(t, "staff", "/kiem-tra", form, 303, NULL, NULL);
	/* A record that names another province's organisation all the same (data
	 * from before the rule) shows its number, not its name. */
	char sql[160], path[64];
	snprintf(sql, sizeof sql, "UPDATE inspection SET org_id = %lld RETURNING id",
	        (long long)their_org);
	db_scalar(t->db.db, sql);
	snprintf(path, sizeof path, "/kiem-tra/%lld",
	        (long long)db_scalar(t->db.db, "SELECT MAX(id) FROM inspection"));
	snprintf(number, sizeof number, "Số %lld", (long long)their_org);
	ApiRes r;
	apitest_call(t, "staff", "GET", path, NULL, NULL, &r);
	apitest_expect(&r, 200, number);
	if (strstr(r.body, "Sở Công Thương Hà Nội"))
		fail_msg("the inspection shows another province's organisation: %.1500s", r.body);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", path, NULL, NULL, &r);
	apitest_expect(&r, 200, "Sở Công Thương Hà Nội");
	apires_free(&r);
}

/* ---- L2: other provinces' programmes and plans ----------------------------------------- */

/* A programme 2026-2030 of province code (NULL: national) named name; its id. */
static int64_t programme(ApiTest *t, const char *name, const char *province)
{
	Programme p = store_programme_blank();
	p.level = province ? "local" : "national";
	p.province_list = province ? "current" : NULL;
	p.province_code = province;
	p.name = name;
	p.start_year = 2026;
	p.end_year = 2030;
	Actor a = projtest_actor(t);
	Err e = {0};
	int64_t id;
	if (store_programme_create(t->db.db, &a, &p, &id, &e))
		fail_msg("programme: %s (%s)", e.msg, e.field);
	return id;
}

/* The national plan of 2026 of province code under programme prog. */
static void national_plan(ApiTest *t, int64_t prog, const char *province, const char *note)
{
	AnnualPlan p = store_programme_plan_blank();
	p.programme_id = prog;
	p.level = "national";
	p.province_list = "current";
	p.province_code = province;
	p.year = 2026;
	p.note = note;
	Actor a = projtest_actor(t);
	Err e = {0};
	int64_t id;
	if (store_programme_plan_create(t->db.db, &a, &p, &id, &e))
		fail_msg("plan: %s (%s)", e.msg, e.field);
}

/* GET path as user: fails unless 200 with every text of shown, none of hidden. */
static void reads(ApiTest *t, const char *user, const char *path, const char *const *shown,
        const char *const *hidden)
{
	ApiRes r;
	apitest_call(t, user, "GET", path, NULL, NULL, &r);
	for (const char *const *x = shown; x && *x; x++)
		apitest_expect(&r, 200, *x);
	for (const char *const *x = hidden; x && *x; x++)
		if (strstr(r.body, *x))
			fail_msg("%s as %s shows '%s': %.1500s", path, user, *x, r.body);
	apires_free(&r);
}

static void programmes_and_plans_in_scope(void **state)
{
	ApiTest *t = *state;
	int64_t national = programme(t, "Chương trình khuyến công quốc gia 2026-2030", NULL);
	programme(t, "Chương trình khuyến công thành phố Cần Thơ", "92");
	programme(t, "Chương trình khuyến công thành phố Hà Nội", "01");
	national_plan(t, national, "92", NULL);
	national_plan(t, national, "01", NULL);
	/* The plan form's programmes: national ones and the caller's province's. */
	const char *const ours[] = {"quốc gia 2026-2030", "thành phố Cần Thơ", NULL};
	const char *const theirs[] = {"thành phố Hà Nội", NULL};
	reads(t, "manager", "/ke-hoach/moi", ours, theirs);
	const char *const all[] = {
	        "quốc gia 2026-2030", "thành phố Cần Thơ", "thành phố Hà Nội", NULL};
	reads(t, "ministry", "/ke-hoach/moi", all, NULL);
	/* A national programme's plans: the caller's province's only. */
	char path[64];
	snprintf(path, sizeof path, "/chuong-trinh/%lld", (long long)national);
	const char *const our_plan[] = {"Kế hoạch năm 2026 — Cần Thơ", NULL};
	const char *const their_plan[] = {"Hà Nội", NULL};
	reads(t, "viewer", path, our_plan, their_plan);
	const char *const both_plans[] = {
	        "Kế hoạch năm 2026 — Cần Thơ", "Kế hoạch năm 2026 — Hà Nội", NULL};
	reads(t, "ministry", path, both_plans, NULL);
}

/* ---- L3: the aggregate grid's overflow --------------------------------------------------- */

static void grid_number_too_large(void **state)
{
	ApiTest *t = *state;
	/* The review's value: in hundredths it passes INT64_MAX (it was stored as 19,00 %). */
	static const char form[] =
	        "v-classes-plan=5&v-productivity_gain_pct-plan=4611686018427387923";
	ApiRes r;
	apitest_upload(
	        t, "staff", "/so-lieu/nhap?province=92&period=2026", FORM, form, strlen(form), &r);
	apitest_expect(&r, 422, "id=\"loi-productivity_gain_pct-plan\"");
	apitest_expect(&r, 422, "Số quá lớn");
	apitest_expect(&r, 422, "value=\"4611686018427387923\"");
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM aggregate_figure"), 0);
	/* The largest that fits is saved as typed. */
	static const char fits[] = "v-productivity_gain_pct-plan=92233720368547758%2C07";
	apitest_upload(
	        t, "staff", "/so-lieu/nhap?province=92&period=2026", FORM, fits, strlen(fits), &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT MAX(value) FROM aggregate_figure"), INT64_MAX);
}

/* ---- L6: the database's own words stay in the server's log ----------------------------- */

/* Runs the request with stderr going to a file; what the server logged in log. */
static void logged(ApiTest *t, const char *user, const char *method, const char *path,
        const char *type, const char *body, ApiRes *r, char *log, size_t cap)
{
	char name[160];
	snprintf(name, sizeof name, "%s/stderr.log", t->db.dir);
	fflush(stderr);
	int saved = dup(2);
	FILE *f = fopen(name, "w+");
	assert_non_null(f);
	dup2(fileno(f), 2);
	apitest_send(t, user, method, path, type, body, strlen(body), NULL, r);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	rewind(f);
	size_t n = fread(log, 1, cap - 1, f);
	log[n] = '\0';
	fclose(f);
}

static void database_words_only_in_the_log(void **state)
{
	ApiTest *t = *state;
	/* What a race or a gap in the store's checks meets: the database refuses. */
	tmpdb_refuse_inserts(t->db.db, "refuse_establishment", "establishment", NULL);
	char log[4096];
	ApiRes r;
	static const char form[] = "name=C%C6%A1+s%E1%BB%9F+m%E1%BB%9Bi&legal_form=sme"
	                           "&province_code=current%3A92";
	logged(t, "staff", "POST", "/co-so", FORM, form, &r, log, sizeof log);
	if (r.status != 409 && r.status != 422)
		fail_msg("expected the form refused, got %d: %.800s", r.status, r.body);
	apitest_expect(&r, r.status, "dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có");
	if (strstr(r.body, "refused") || strstr(r.body, "SQLSTATE"))
		fail_msg("the page shows the database's words: %.1500s", r.body);
	assert_contains(log, "establishment refused");
	apires_free(&r);
	static const char json[] = "{\"name\": \"Cơ sở mới\", \"legal_form\": \"sme\","
	                           " \"province_list\": \"current\", \"province_code\": \"92\"}";
	logged(t, "staff", "POST", "/api/v1/establishments", "application/json", json, &r, log,
	        sizeof log);
	assert_status(&r, 409);
	assert_string_equal(apires_str(&r, "error.message"), db_conflict_message);
	assert_contains(log, "POST /api/v1/establishments");
	assert_contains(log, "establishment refused");
	apires_free(&r);
	tmpdb_allow_inserts(t->db.db, "refuse_establishment", "establishment");
}

/* ---- L7: the đề án's history is a route of managers ------------------------------------ */

static void history_is_a_managers_route(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KCĐP-2026-CT-20", "local", "current", "92", 2026);
	char path[64], old[64];
	snprintf(path, sizeof path, "/de-an/%lld/lich-su", (long long)id);
	snprintf(old, sizeof old, "/de-an/%lld?tab=lich-su", (long long)id);
	/* The route table decides: the row exists with the managers' role. */
	const Route *row = NULL;
	for (int k = 0; k < http_n_routes; k++)
		if (!strcmp(http_routes[k].method, "GET") &&
		        !strcmp(http_routes[k].pattern, "/de-an/{id}/lich-su"))
			row = &http_routes[k];
	assert_non_null(row);
	assert_int_equal(row->role, ROLE_MANAGER);
	ApiRes r;
	apitest_call(t, "manager", "GET", path, NULL, NULL, &r);
	apitest_expect(&r, 200, "<table class=\"audit\">");
	apitest_expect(&r, 200, "aria-current=\"page\">Lịch sử thay đổi");
	apires_free(&r);
	apitest_call(t, "staff", "GET", path, NULL, NULL, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	/* The old tab sends there; the đề án page shows staff no link to it. */
	apitest_call(t, "staff", "GET", old, NULL, NULL, &r);
	apitest_expect(&r, 303, NULL);
	assert_string_equal(r.location, path);
	apires_free(&r);
	snprintf(old, sizeof old, "/de-an/%lld", (long long)id);
	apitest_call(t, "staff", "GET", old, NULL, NULL, &r);
	apitest_expect(&r, 200, "?tab=tai-lieu");
	if (strstr(r.body, "/lich-su"))
		fail_msg("staff are shown a link to the history: %.1500s", r.body);
	apires_free(&r);
	apitest_call(t, "manager", "GET", old, NULL, NULL, &r);
	apitest_expect(&r, 200, path);
	apires_free(&r);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, sign_in_goes_only_here);
	TL_ADD(&tl, pages_ignore_bearer_tokens);
	TL_ADD(&tl, password_and_token_pages_need_a_session);
	TL_ADD(&tl, secure_behind_tls);
	TL_ADD(&tl, names_only_in_scope);
	TL_ADD(&tl, programmes_and_plans_in_scope);
	TL_ADD(&tl, grid_number_too_large);
	TL_ADD(&tl, database_words_only_in_the_log);
	TL_ADD(&tl, history_is_a_managers_route);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "web/security");
}
