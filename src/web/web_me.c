/* web_me.c — "Tài khoản của tôi" (/toi): one's own account as everyone
 * signed in sees it, its API tokens (made, the secret shown once, and
 * revoked) and signing out on every device. The same store calls as
 * /api/v1/session and /api/v1/me/tokens; another person's token is "not
 * found" here, as there. */
#include <string.h>

#include "store/store_user.h"
#include "web/web_admin.h"
#include "web/web_routes.h"

static const char *const notice_values[] = {"da-thu-hoi", NULL};

const Param web_me_params[] = {
        {"tb", PARAM_ENUM, 0, 0, notice_values, "Thông báo", false},
        {NULL},
};

static int show(Ctx *c, int status, const WebTokenForm *x)
{
	User u;
	int rc = store_user_get(c->db, c->who.user_id, c->arena, &u, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, status, "Tài khoản của tôi", NULL);
	if (ctx_param(c, "tb")->set)
		web_notice(c, "Đã thu hồi mã truy cập.");
	web_user_facts(c, &u);
	html_raw(b, "<div class=\"actions\"><a class=\"button\" href=\"/mat-khau\">Đổi mật khẩu</a>"
	            "</div>\n<p class=\"hint\">Mã truy cập cho phép một chương trình khác (phần "
	            "mềm của tỉnh, bảng tính) đọc hoặc ghi dữ liệu qua API thay cho mình, trong "
	            "phạm vi quyền của tài khoản này.</p>\n");
	web_tokens(c, u.id, "/toi", x);
	html_raw(b, "<h2 id=\"phien\">Phiên đăng nhập</h2>\n<p>Quên đăng xuất trên máy dùng chung, "
	            "hoặc nghi có người khác dùng tài khoản? Đăng xuất khỏi mọi thiết bị kết thúc "
	            "mọi phiên đăng nhập của tài khoản này, kể cả phiên đang dùng; các mã truy cập "
	            "vẫn dùng được cho đến khi thu hồi.</p>\n"
	            "<form method=\"post\" action=\"/toi/dang-xuat-moi-noi\" "
	            "data-confirm=\"Đăng xuất khỏi mọi thiết bị, kể cả máy này?\">");
	web_csrf(c);
	html_raw(b, "<button type=\"submit\" class=\"danger\">Đăng xuất khỏi mọi thiết bị</button>"
	            "</form>\n");
	web_end(c);
	return 0;
}

int web_me_page(Ctx *c)
{
	return show(c, 200, &(WebTokenForm){0});
}

int web_me_token_create(Ctx *c)
{
	WebTokenForm x;
	int rc = web_token_create(c, c->who.user_id, &x);
	if (x.failed)
		return show(c, 422, &x);
	return rc ? rc : show(c, 201, &x);
}

int web_me_token_revoke(Ctx *c)
{
	int rc = web_token_revoke(c, c->who.user_id, c->id);
	return rc ? rc : web_redirect(c, "/toi?tb=da-thu-hoi");
}

int web_me_logout_all(Ctx *c)
{
	int rc = store_session_end_all(c->db, c->who.user_id, &c->err);
	if (rc)
		return rc;
	http_res_header(c->res, "Set-Cookie", http_session_cookie(c, "", 0));
	return web_redirect(c, HTTP_SIGN_IN_PAGE "?tb=da-dang-xuat");
}
