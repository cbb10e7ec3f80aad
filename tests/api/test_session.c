/* test_session.c — /api/v1/session and bearer tokens through the router:
 * sign-in, who am I, expiry, sign-out everywhere, password change, and API
 * tokens that are read-only unless made for writing. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"
#include "store/store_user.h"

static void sign_in_answers_the_user_and_a_csrf_token(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, NULL, "POST", "/api/v1/session",
	        "{\"username\": \"manager\", \"password\": \"" APITEST_PASSWORD "\"}", NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "username"), "manager");
	assert_string_equal(apires_str(&r, "role"), "manager");
	assert_string_equal(apires_str(&r, "provinces.0"), "92");
	assert_int_equal(strlen(apires_str(&r, "csrf_token")), 43);
	apires_free(&r);
	apitest_call(t, NULL, "POST", "/api/v1/session",
	        "{\"username\": \"manager\", \"password\": \"sai-mat-khau-roi\"}", NULL, &r);
	assert_status(&r, 401);
	assert_string_equal(
	        apires_str(&r, "error.message"), "Tên đăng nhập hoặc mật khẩu không đúng");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/session", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "role_label"), role_label(ROLE_VIEWER));
	apires_free(&r);
}

static void an_idle_session_expires(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	t->app.now = "2026-11-22T09:00:00Z"; /* an hour later: still signed in */
	apitest_call(t, "staff", "GET", "/api/v1/session", NULL, NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	t->app.now = "2026-11-23T09:00:00Z"; /* a day later: idle too long */
	apitest_call(t, "staff", "GET", "/api/v1/session", NULL, NULL, &r);
	assert_status(&r, 401);
	assert_string_equal(
	        apires_str(&r, "error.message"), "Phiên đăng nhập đã hết hạn; xin đăng nhập lại");
	apires_free(&r);
}

static void sign_out_everywhere_ends_every_session(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	/* A second session of the same user, from another browser. */
	apitest_call(t, NULL, "POST", "/api/v1/session",
	        "{\"username\": \"staff\", \"password\": \"" APITEST_PASSWORD "\"}", NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM user_session s JOIN app_user u"
	                                     " ON u.id = s.user_id WHERE u.username = 'staff'"),
	        2);
	apitest_call(t, "staff", "POST", "/api/v1/session/logout-all", NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM user_session s JOIN app_user u"
	                                     " ON u.id = s.user_id WHERE u.username = 'staff'"),
	        0);
	apitest_call(t, "staff", "GET", "/api/v1/session", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
}

static void password_change_needs_the_current_one(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "viewer", "POST", "/api/v1/session/password",
	        "{\"password\": \"khong-phai-mat-khau\", \"new_password\": \"mat-khau-moi-2026\"}",
	        NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "password");
	apires_free(&r);
	apitest_call(t, "viewer", "POST", "/api/v1/session/password",
	        "{\"password\": \"" APITEST_PASSWORD "\", \"new_password\": \"mat-khau-moi-2026\"}",
	        NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, NULL, "POST", "/api/v1/session",
	        "{\"username\": \"viewer\", \"password\": \"mat-khau-moi-2026\"}", NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
}

/* Calls with a bearer token instead of the session cookie. */
static void call_with_token(ApiTest *t, const char *token, const char *method, const char *path,
        const char *body, ApiRes *r)
{
	char auth[96];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	const char *const headers[] = {auth, NULL};
	apitest_call(t, NULL, method, path, body, headers, r);
}

static void tokens_read_unless_made_for_writing(void **state)
{
	ApiTest *t = *state;
	Actor a = {.name = "test", .via = "cli", .now = t->app.now};
	Err e = {0};
	Arena arena = {0};
	User staff;
	assert_int_equal(store_user_by_name(t->db.db, "staff", &arena, &staff, &e), 0);
	char reader[TOKEN_TEXT_LEN], writer[TOKEN_TEXT_LEN];
	int64_t reader_id, writer_id;
	assert_int_equal(store_token_create(t->db.db, &a, staff.id, "Đọc báo cáo", false, "",
	                         reader, &reader_id, &e),
	        0);
	assert_int_equal(store_token_create(t->db.db, &a, staff.id, "Đồng bộ dữ liệu", true, "",
	                         writer, &writer_id, &e),
	        0);
	const char *body = "{\"name\": \"Cơ sở qua mã truy cập\", \"legal_form\": \"sme\","
	                   " \"province_list\": \"current\", \"province_code\": \"92\"}";
	ApiRes r;
	call_with_token(t, reader, "GET", "/api/v1/establishments", NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	call_with_token(t, reader, "POST", "/api/v1/establishments", body, &r);
	assert_status(&r, 403);
	apires_free(&r);
	/* A writing token needs no CSRF token: no browser carries it. */
	call_with_token(t, writer, "POST", "/api/v1/establishments", body, &r);
	assert_status(&r, 201);
	apires_free(&r);
	assert_int_equal(store_token_revoke(t->db.db, &a, writer_id, &e), 0);
	call_with_token(t, writer, "GET", "/api/v1/establishments", NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	call_with_token(t, "khong-phai-ma-that", "GET", "/api/v1/establishments", NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	arena_free(&arena);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, sign_in_answers_the_user_and_a_csrf_token);
	TL_ADD(&tl, an_idle_session_expires);
	TL_ADD(&tl, sign_out_everywhere_ends_every_session);
	TL_ADD(&tl, password_change_needs_the_current_one);
	TL_ADD(&tl, tokens_read_unless_made_for_writing);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "api/session");
}
