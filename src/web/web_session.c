/* web_session.c — signing in and out, and changing one's password, as pages.
 * The same store calls as /api/v1/session: throttled sign-in, a session
 * cookie (HttpOnly, SameSite=Strict), every session ended when the password
 * changes (this one is opened again with the new password). */
#include <stdio.h>
#include <string.h>

#include "store/store_user.h"
#include "web/web.h"
#include "web/web_routes.h"

static const char *const notices[] = {"da-dang-xuat", NULL};

const Param web_login_params[] = {
        {"tiep", PARAM_TEXT, 0, 1000, NULL, "Trang cần mở sau khi đăng nhập", false},
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {NULL},
};

/* The page to go to after signing in: a path of this site, never another
 * site's. Only printable ASCII without spaces or backslashes, starting with
 * one '/': browsers drop tabs and newlines anywhere in a URL and read a
 * backslash as '/', so "/<TAB>/host" or "/\host" would leave the site as
 * "//host" does. Non-ASCII is refused too: this site's paths have none. */
static const char *next_page(const char *tiep)
{
	if (!tiep || tiep[0] != '/' || tiep[1] == '/')
		return "/";
	for (const char *p = tiep; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f || *p == '\\')
			return "/";
	return tiep;
}

static void login_form(Ctx *c, int status, const char *username, const char *tiep)
{
	Buf *b = web_out(c);
	web_begin_bare(c, status, "Đăng nhập");
	html_raw(b, "<p class=\"muted\">Hệ thống thông tin khuyến công</p>\n");
	if (ctx_param(c, "tb")->set && !c->err.code)
		web_notice(c, "Đã đăng xuất.");
	if (c->err.code)
		html_printf(b, "<p class=\"error-message\" role=\"alert\">%s</p>\n", c->err.msg);
	html_raw(b, "<form method=\"post\" action=\"/dang-nhap\">");
	html_printf(b, "<input type=\"hidden\" name=\"tiep\" value=\"%s\">", next_page(tiep));
	web_input(c, "text", "username", "Tên đăng nhập", username, NULL,
	        WEB_REQUIRED | WEB_AUTOFOCUS | WEB_USERNAME);
	web_input(c, "password", "password", "Mật khẩu", NULL, NULL, WEB_REQUIRED | WEB_PASSWORD);
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Đăng nhập</button></div>"
	            "</form>\n");
	web_end(c);
}

int web_login_page(Ctx *c)
{
	const char *tiep = ctx_param(c, "tiep")->s;
	if (c->who.role != ROLE_NONE)
		return web_redirect(c, next_page(tiep));
	login_form(c, 200, NULL, tiep);
	return 0;
}

int web_login(Ctx *c)
{
	const char *username = ctx_form(c, "username"), *password = ctx_form(c, "password");
	const char *tiep = ctx_form(c, "tiep");
	if (!username || !*username || !password || !*password) {
		err_field(&c->err, "username", KC_EINVAL, "Cần tên đăng nhập và mật khẩu");
		login_form(c, 422, username, tiep);
		return 0;
	}
	char now[STORE_TIME_LEN], token[TOKEN_TEXT_LEN];
	ctx_now(c, now);
	int retry_after = 0;
	Principal p;
	int rc = store_session_login(c->db, &c->app->sessions, username, password, c->req->remote,
	        now, token, &retry_after, c->arena, &p, &c->err);
	if (rc == KC_EDENIED) {
		login_form(c, retry_after > 0 ? 429 : 401, username, tiep);
		return 0;
	}
	if (rc)
		return rc;
	http_res_header(c->res, "Set-Cookie",
	        http_session_cookie(c, token, c->app->sessions.absolute_seconds));
	c->res->user = p.username;
	return web_redirect(c, next_page(tiep));
}

int web_logout(Ctx *c)
{
	const char *token = http_cookie(c->req, HTTP_SESSION_COOKIE, c->arena);
	int rc = token ? store_session_end(c->db, token, &c->err) : 0;
	if (rc)
		return rc;
	http_res_header(c->res, "Set-Cookie", http_session_cookie(c, "", 0));
	return web_redirect(c, HTTP_SIGN_IN_PAGE "?tb=da-dang-xuat");
}

static void password_form(Ctx *c, int status)
{
	static const char *const fields[] = {"password", "new_password", "repeat", NULL};
	Buf *b = web_out(c);
	web_begin(c, status, "Đổi mật khẩu", NULL);
	web_form_error(c, fields);
	html_raw(b, "<form method=\"post\" action=\"/mat-khau\" class=\"narrow\">");
	web_csrf(c);
	web_input(c, "password", "password", "Mật khẩu hiện tại", NULL, NULL,
	        WEB_REQUIRED | WEB_PASSWORD);
	web_input(c, "password", "new_password", "Mật khẩu mới", NULL,
	        "Ít nhất 10 ký tự; mọi phiên đăng nhập khác sẽ kết thúc",
	        WEB_REQUIRED | WEB_NEW_PASSWORD);
	web_input(c, "password", "repeat", "Nhập lại mật khẩu mới", NULL, NULL,
	        WEB_REQUIRED | WEB_NEW_PASSWORD);
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Đổi mật khẩu</button>"
	            "<a href=\"/\">Hủy</a></div></form>\n");
	web_end(c);
}

int web_password_page(Ctx *c)
{
	password_form(c, 200);
	return 0;
}

int web_password(Ctx *c)
{
	const char *old = ctx_form(c, "password"), *new_pw = ctx_form(c, "new_password");
	const char *repeat = ctx_form(c, "repeat");
	if (!old || !*old || !new_pw || !*new_pw) {
		err_field(&c->err, old && *old ? "new_password" : "password", KC_EINVAL,
		        "Cần mật khẩu hiện tại và mật khẩu mới");
		password_form(c, 422);
		return 0;
	}
	if (!repeat || strcmp(repeat, new_pw)) {
		err_field(
		        &c->err, "repeat", KC_EINVAL, "Hai lần nhập mật khẩu mới không giống nhau");
		password_form(c, 422);
		return 0;
	}
	/* The current password is checked by signing in again (throttled). */
	char now[STORE_TIME_LEN], token[TOKEN_TEXT_LEN];
	ctx_now(c, now);
	int retry_after = 0;
	Principal p;
	int rc = store_session_login(c->db, &c->app->sessions, c->who.username, old, c->req->remote,
	        now, token, &retry_after, c->arena, &p, &c->err);
	if (rc == KC_EDENIED) {
		err_field(&c->err, "password", KC_EDENIED,
		        retry_after > 0 ? "Đăng nhập sai quá nhiều lần; xin thử lại sau"
		                        : "Mật khẩu hiện tại không đúng");
		password_form(c, retry_after > 0 ? 429 : 422);
		return 0;
	}
	if (!rc)
		rc = store_user_set_password(c->db, &c->actor, c->who.user_id, new_pw, &c->err);
	if (rc == KC_EINVAL) { /* too short or too long: the store calls it "password" */
		snprintf(c->err.field, sizeof c->err.field, "new_password");
		password_form(c, 422);
		return 0;
	}
	/* Every session ended, this one too: open a new one with the new password. */
	if (!rc)
		rc = store_session_login(c->db, &c->app->sessions, c->who.username, new_pw,
		        c->req->remote, now, token, &retry_after, c->arena, &p, &c->err);
	if (rc)
		return rc;
	http_res_header(c->res, "Set-Cookie",
	        http_session_cookie(c, token, c->app->sessions.absolute_seconds));
	return web_redirect(c, "/?tb=mat-khau");
}
