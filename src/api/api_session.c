/* api_session.c — /api/v1/session: sign in, who am I, sign out (here or
 * everywhere), change one's password. The session token travels only in an
 * HttpOnly, SameSite=Strict cookie (Secure over TLS); the CSRF token that
 * every write must echo in X-CSRF-Token is given in the JSON answer. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"

typedef struct Credentials {
	const char *username, *password, *new_password;
} Credentials;

static const Field credential_fields[] = {
        FIELD_TEXT(Credentials, username, FORMAT_PLAIN, FIELD_REQUIRED | FIELD_WRITEONLY,
                "Tên đăng nhập"),
        FIELD_TEXT(Credentials, password, FORMAT_PLAIN, FIELD_REQUIRED | FIELD_WRITEONLY,
                "Mật khẩu (khi đổi mật khẩu: mật khẩu hiện tại)"),
        FIELD_TEXT(Credentials, new_password, FORMAT_PLAIN, FIELD_WRITEONLY,
                "Mật khẩu mới (chỉ khi đổi mật khẩu), 10 đến 128 byte"),
};
const Schema api_credentials_schema = SCHEMA("Credentials", credential_fields, "Đăng nhập");

static const Field session_fields[] = {
        FIELD_I64(Principal, user_id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số người dùng"),
        FIELD_TEXT(Principal, username, FORMAT_PLAIN, FIELD_READONLY, "Tên đăng nhập"),
        FIELD_TEXT(Principal, full_name, FORMAT_PLAIN, FIELD_READONLY, "Họ tên"),
        FIELD_BOOL(Principal, all_provinces, FIELD_READONLY, "Được xem mọi tỉnh"),
        FIELD_TEXT(Principal, csrf_token, FORMAT_PLAIN, FIELD_READONLY,
                "Mã chống giả mạo: gửi lại trong tiêu đề X-CSRF-Token với mọi yêu cầu ghi"),
};
const Schema api_session_schema = SCHEMA("Session", session_fields, "Phiên đăng nhập");

static int answer_principal(Ctx *c, const Principal *p)
{
	JsonW w;
	api_begin(c, 200, &w);
	json_obj(&w);
	schema_write_fields(&w, &api_session_schema, p);
	json_key(&w, "role");
	json_cstr(&w, role_name(p->role));
	json_key(&w, "role_label");
	json_cstr(&w, role_label(p->role));
	json_key(&w, "provinces");
	json_arr(&w);
	for (int i = 0; i < p->n_provinces; i++)
		json_cstr(&w, p->provinces[i]);
	json_arr_end(&w);
	json_obj_end(&w);
	return 0;
}

int api_session_login(Ctx *c)
{
	Credentials in = {0};
	int rc = http_body_read(c, &api_credentials_schema, NULL, &in);
	if (rc)
		return rc;
	if (!in.username || !in.password)
		return ctx_fail(c, 400,
		        err_field(&c->err, in.username ? "password" : "username", KC_EINVAL,
		                "Cần tên đăng nhập và mật khẩu"));
	char now[STORE_TIME_LEN], token[TOKEN_TEXT_LEN];
	ctx_now(c, now);
	int retry_after = 0;
	Principal p;
	rc = store_session_login(c->db, &c->app->sessions, in.username, in.password, c->req->remote,
	        now, token, &retry_after, c->arena, &p, &c->err);
	if (rc == KC_EDENIED && retry_after > 0) {
		char *ra = arena_alloc(c->arena, 16);
		snprintf(ra, 16, "%d", retry_after);
		http_res_header(c->res, "Retry-After", ra);
		return ctx_fail(c, 429, rc);
	}
	if (rc == KC_EDENIED)
		return ctx_fail(c, 401, rc);
	if (rc)
		return rc;
	http_res_header(c->res, "Set-Cookie",
	        http_session_cookie(c, token, c->app->sessions.absolute_seconds));
	c->res->user = p.username;
	return answer_principal(c, &p);
}

int api_session_get(Ctx *c)
{
	return answer_principal(c, &c->who);
}

int api_session_logout(Ctx *c)
{
	const char *token = http_cookie(c->req, HTTP_SESSION_COOKIE, c->arena);
	int rc = token ? store_session_end(c->db, token, &c->err) : 0;
	if (rc)
		return rc;
	http_res_header(c->res, "Set-Cookie", http_session_cookie(c, "", 0));
	return api_no_content(c);
}

int api_session_logout_all(Ctx *c)
{
	int rc = store_session_end_all(c->db, c->who.user_id, &c->err);
	if (rc)
		return rc;
	http_res_header(c->res, "Set-Cookie", http_session_cookie(c, "", 0));
	return api_no_content(c);
}

int api_session_password(Ctx *c)
{
	Credentials in = {0};
	int rc = http_body_read(c, &api_credentials_schema, NULL, &in);
	if (rc)
		return rc;
	if (!in.password || !in.new_password)
		return ctx_fail(c, 400,
		        err_field(&c->err, in.password ? "new_password" : "password", KC_EINVAL,
		                "Cần mật khẩu hiện tại và mật khẩu mới"));
	/* The current password is checked by signing in again, which is
	 * throttled like any sign-in. */
	char now[STORE_TIME_LEN], token[TOKEN_TEXT_LEN];
	ctx_now(c, now);
	int retry_after = 0;
	Principal p;
	rc = store_session_login(c->db, &c->app->sessions, c->who.username, in.password,
	        c->req->remote, now, token, &retry_after, c->arena, &p, &c->err);
	if (rc == KC_EDENIED) {
		snprintf(c->err.field, sizeof c->err.field, "password");
		return ctx_fail(c, retry_after > 0 ? 429 : 422, rc);
	}
	if (!rc)
		rc = store_user_set_password(
		        c->db, &c->actor, c->who.user_id, in.new_password, &c->err);
	if (rc)
		return rc;
	/* Setting the password ended every session, the new one included. */
	http_res_header(c->res, "Set-Cookie", http_session_cookie(c, "", 0));
	return api_no_content(c);
}
