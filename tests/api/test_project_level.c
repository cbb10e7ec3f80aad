/* test_project_level.c — a đề án's level (national or local) decides who
 * approves it, so a province may not change it once the đề án has left its
 * draft (security review H1: a province switched its registered national đề
 * án to local, approved it itself and switched it back). The rule is the
 * store's: the API's PATCH, the web edit form and the store called for a
 * province's import all obey it; national users may still correct it. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http_html.h"
#include "projtest.h"

static const char *level_of(ApiTest *t, int64_t id)
{
	static char level[16];
	Arena arena = {0};
	Project p;
	Err e = {0};
	if (store_project_get(t->db.db, id, &arena, &p, &e))
		fail_msg("get: %s", e.msg);
	snprintf(level, sizeof level, "%s", p.level);
	arena_free(&arena);
	return level;
}

static int version_of(ApiTest *t, int64_t id)
{
	char sql[80];
	snprintf(sql, sizeof sql, "SELECT version FROM project WHERE id = %lld", (long long)id);
	return (int)db_scalar(t->db.db, sql);
}

/* PATCH {"level": level} on đề án id as user, with its current version. */
static void patch_level(ApiTest *t, const char *user, int64_t id, const char *level, ApiRes *r)
{
	char path[64], ifmatch[32], body[48];
	snprintf(path, sizeof path, "/api/v1/projects/%lld", (long long)id);
	snprintf(ifmatch, sizeof ifmatch, "If-Match: \"%d\"", version_of(t, id));
	snprintf(body, sizeof body, "{\"level\": \"%s\"}", level);
	const char *const headers[] = {ifmatch, NULL};
	apitest_call(t, user, "PATCH", path, body, headers, r);
}

/* A đề án code at level moved to status; user's PATCH to other is refused
 * with a 409 naming the field, the code and part, and the level is kept. */
static int64_t refused(ApiTest *t, const char *code, const char *level, const char *status,
        const char *user, const char *other, const char *part)
{
	int64_t id = projtest_create(t, code, level, "current", "92", 2026);
	projtest_go(t, id, status);
	ApiRes r;
	patch_level(t, user, id, other, &r);
	assert_status(&r, 409);
	projtest_error(&r, "conflict", "level", part);
	assert_contains(apires_str(&r, "error.message"), code);
	apires_free(&r);
	assert_string_equal(level_of(t, id), level);
	return id;
}

/* The review's sequence through the API: the province cannot make its
 * national đề án local to approve it itself. */
static void api_province_cannot_relevel_registered(void **state)
{
	ApiTest *t = *state;
	int64_t id = refused(t, "KCQG-2026-CT-09", "national", "appraised_basic", "manager",
	        "local", "Bộ Công Thương");
	ApiRes r;
	patch_level(t, "staff", id, "local", &r);
	assert_status(&r, 409);
	apires_free(&r);
	/* So the Ministry's move stays the Ministry's. */
	char path[80];
	snprintf(path, sizeof path, "/api/v1/projects/%lld/transition", (long long)id);
	projtest_expect(
	        t, "manager", "POST", path, "{\"to_status\": \"appraised\", \"version\": 3}", 403);
	/* Nothing else of the đề án is frozen: the province still edits the rest. */
	char rec[64];
	snprintf(rec, sizeof rec, "/api/v1/projects/%lld", (long long)id);
	const char *const v3[] = {"If-Match: \"3\"", NULL};
	apitest_call(t, "staff", "PATCH", rec, "{\"objective\": \"Nâng công suất\"}", v3, &r);
	assert_status(&r, 200);
	apires_free(&r);
	/* Sending the level it already has is no change. */
	patch_level(t, "staff", id, "national", &r);
	assert_status(&r, 200);
	apires_free(&r);
}

/* A local đề án made national after registration would take the Ministry's
 * decisions away from it the other way round: refused too. */
static void api_province_cannot_make_registered_local_national(void **state)
{
	refused(*state, "KCĐP-2026-CT-09", "local", "approved", "manager", "national",
	        "Đã phê duyệt");
}

/* While the đề án is the province's draft, it chooses the level. */
static void api_draft_level_is_the_provinces(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KC-2026-CT-10", "national", "current", "92", 2026);
	ApiRes r;
	patch_level(t, "staff", id, "local", &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "level"), "local");
	apires_free(&r);
	patch_level(t, "staff", id, "national", &r);
	assert_status(&r, 200);
	apires_free(&r);
	assert_string_equal(level_of(t, id), "national");
}

/* The Ministry may correct the level of a registered đề án; the change is audited. */
static void api_ministry_may_relevel(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KCQG-2026-CT-11", "national", "current", "92", 2026);
	projtest_go(t, id, "approved");
	ApiRes r;
	patch_level(t, "ministry", id, "local", &r);
	assert_status(&r, 200);
	apires_free(&r);
	assert_string_equal(level_of(t, id), "local");
	assert_int_equal(
	        db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                            " ON u.id = a.user_id WHERE u.username = 'ministry'"
	                            " AND a.table_name = 'project' AND a.action = 'update'"),
	        1);
}

/* The edit form posts every general field; the level is one of them. */
static void form(Buf *b, const char *level, int version)
{
	char v[16];
	snprintf(v, sizeof v, "%d", version);
	const char *const fields[][2] = {{"code", "KCQG-2026-CT-12"},
	        {"title", "Hỗ trợ ứng dụng máy đóng gói bánh pía"}, {"level", level},
	        {"type", "ordinary"}, {"activity_code", "C03_DEMO_TECH"},
	        {"province_code", "current:92"}, {"commune_code", ""},
	        {"registration_year", "2025"}, {"start_year", "2026"}, {"end_year", "2026"},
	        {"version", v}};
	for (size_t i = 0; i < COUNT_OF(fields); i++) {
		buf_printf(b, "%s%s=", i ? "&" : "", fields[i][0]);
		html_urlarg(b, fields[i][1]);
	}
}

static void web_form_province_cannot_relevel(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KCQG-2026-CT-12", "national", "current", "92", 2026);
	projtest_go(t, id, "appraised_basic");
	char path[64];
	snprintf(path, sizeof path, "/de-an/%lld/sua", (long long)id);
	Buf b;
	buf_init(&b, 4096);
	form(&b, "local", version_of(t, id));
	ApiRes r;
	apitest_upload(t, "manager", path, "application/x-www-form-urlencoded", b.data, b.len, &r);
	if (r.status != 422 || !strstr(r.body, "chỉ Bộ Công Thương được đổi") ||
	        !strstr(r.body, "cấp khuyến công (level)"))
		fail_msg("expected 422 naming the level, got %d: %.1500s", r.status, r.body);
	apires_free(&r);
	assert_string_equal(level_of(t, id), "national");
	/* The Ministry's user may, through the same form. */
	apitest_upload(t, "ministry", path, "application/x-www-form-urlencoded", b.data, b.len, &r);
	assert_status(&r, 303);
	apires_free(&r);
	assert_string_equal(level_of(t, id), "local");
	buf_free(&b);
}

/* The status form posts to_status and version: a province's manager is
 * refused the Ministry's move of a national đề án by the store (403 naming
 * who decides), a move the state does not allow stays a 409, and the
 * Ministry's user makes the move through the same form. */
static void web_form_province_cannot_make_ministry_move(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KCQG-2026-CT-14", "national", "current", "92", 2026);
	projtest_go(t, id, "appraised_basic");
	char path[64], body[64];
	snprintf(path, sizeof path, "/de-an/%lld/chuyen", (long long)id);
	snprintf(body, sizeof body, "to_status=appraised&version=%d", version_of(t, id));
	ApiRes r;
	apitest_upload(
	        t, "manager", path, "application/x-www-form-urlencoded", body, strlen(body), &r);
	if (r.status != 403 || !strstr(r.body, "Bộ Công Thương quyết định") ||
	        !strstr(r.body, "KCQG-2026-CT-14"))
		fail_msg("expected 403 naming who decides, got %d: %.1500s", r.status, r.body);
	apires_free(&r);
	snprintf(body, sizeof body, "to_status=closed&version=%d", version_of(t, id));
	apitest_upload(
	        t, "manager", path, "application/x-www-form-urlencoded", body, strlen(body), &r);
	assert_status(&r, 409);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM project_event WHERE"
	                                     " to_status IN ('appraised', 'closed')"),
	        0);
	snprintf(body, sizeof body, "to_status=appraised&version=%d", version_of(t, id));
	apitest_upload(
	        t, "ministry", path, "application/x-www-form-urlencoded", body, strlen(body), &r);
	assert_status(&r, 303);
	apires_free(&r);
	assert_int_equal(
	        db_scalar(t->db.db,
	                "SELECT COUNT(*) FROM project_event WHERE to_status = 'appraised'"),
	        1);
}

/* The store itself refuses it to a provincial actor (an import started by a
 * province's user runs as that user), and allows the system. */
static void store_refuses_provincial_actor(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KCQG-2026-CT-13", "national", "current", "92", 2026);
	projtest_go(t, id, "registered");
	Arena arena = {0};
	Project p;
	Err e = {0};
	assert_int_equal(store_project_get(t->db.db, id, &arena, &p, &e), 0);
	p.level = "local";
	Actor province = {.name = "staff", .via = "import", .now = t->app.now, .provincial = true};
	assert_int_equal(store_project_update(t->db.db, &province, &p, &e), KC_EDENIED);
	assert_string_equal(e.field, "level");
	assert_contains(e.msg, "Đã đăng ký");
	assert_string_equal(level_of(t, id), "national");
	Actor system = projtest_actor(t);
	err_clear(&e);
	assert_int_equal(store_project_update(t->db.db, &system, &p, &e), 0);
	assert_string_equal(level_of(t, id), "local");
	arena_free(&arena);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, api_province_cannot_relevel_registered);
	TL_ADD(&tl, api_province_cannot_make_registered_local_national);
	TL_ADD(&tl, api_draft_level_is_the_provinces);
	TL_ADD(&tl, api_ministry_may_relevel);
	TL_ADD(&tl, web_form_province_cannot_relevel);
	TL_ADD(&tl, web_form_province_cannot_make_ministry_move);
	TL_ADD(&tl, store_refuses_provincial_actor);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "api/project_level");
}
