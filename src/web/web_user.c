/* web_user.c — accounts as pages (/tai-khoan), for administrators: the list
 * (search ignoring diacritics, filters by role and province), an account
 * with its API tokens and history, the form to add or change one (role,
 * provinces of the current or the legacy list, active), password resets,
 * and tokens created (the secret shown once, never stored as text) and
 * revoked. Same store calls and field names as /api/v1/users. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"
#include "store/store_admin.h"
#include "store/store_user.h"
#include "web/web_admin.h"
#include "web/web_routes.h"

static const char *const role_values[] = {"viewer", "staff", "manager", "ministry", "admin", NULL};
static const char *const notices[] = {"da-them", "Đã tạo tài khoản.", "da-luu", "Đã lưu thay đổi.",
        "mat-khau", "Đã đặt lại mật khẩu; mọi phiên đăng nhập cũ đã kết thúc.", "da-thu-hoi",
        "Đã thu hồi mã truy cập.", NULL};
static const char *const notice_values[] = {"da-them", "da-luu", "mat-khau", "da-thu-hoi", NULL};

const Param web_user_list_params[] = {
        {"q", PARAM_TEXT, 0, 200, NULL, "Tìm theo tên đăng nhập, họ tên (không cần dấu)", false},
        {"role", PARAM_ENUM, 0, 0, role_values, "Vai trò", false},
        {"province", PARAM_TEXT, 0, 2, NULL, "Tỉnh phụ trách (mã tỉnh hiện nay)", false},
        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},
        {NULL},
};

const Param web_user_show_params[] = {
        {"tb", PARAM_ENUM, 0, 0, notice_values, "Thông báo sau khi lưu", false},
        {NULL},
};

/* The roles as (value, label) pairs for a select. */
static const char *const *role_options(Ctx *c)
{
	const char **opt = arena_alloc(c->arena, 10 * sizeof *opt);
	for (int i = 0; i < 5; i++)
		opt[2 * i] = role_values[i],
		        opt[2 * i + 1] = role_label(role_parse(role_values[i]));
	return opt;
}

/* "current:92" as its province's name, "Sóc Trăng (cũ)" for a legacy one. */
static const char *unit_name(Ctx *c, const char *unit)
{
	const char *colon = strchr(unit, ':');
	if (!colon)
		return unit;
	bool legacy = !strncmp(unit, "legacy", 6);
	const char *name = web_province_name(c, legacy ? "legacy" : "current", colon + 1);
	if (!legacy)
		return name;
	size_t n = strlen(name) + 8;
	char *s = arena_alloc(c->arena, n);
	snprintf(s, n, "%s (cũ)", name);
	return s;
}

static void provinces_text(Ctx *c, const User *u)
{
	if (u->national || !u->n_provinces) {
		html_raw(web_out(c), "Toàn quốc");
		return;
	}
	for (int i = 0; i < u->n_provinces; i++)
		html_printf(web_out(c), "%s%s", i ? ", " : "", unit_name(c, u->provinces[i]));
}

/* ---- The list ----------------------------------------------------------------------- */

/* Whether s folded contains the folded query. */
static bool folded_has(const char *s, const char *folded_q)
{
	if (!s)
		return false;
	Buf f;
	buf_init(&f, 4096);
	Err e = {0};
	bool yes = vn_fold(&f, s, strlen(s), &e) == 0 && strstr(buf_cstr(&f), folded_q);
	buf_free(&f);
	return yes;
}

/* Whether one of u's provinces is, or is now part of, current province code. */
static bool covers(Ctx *c, const User *u, const char *code)
{
	for (int i = 0; i < u->n_provinces; i++) {
		const char *colon = strchr(u->provinces[i], ':');
		UnitRef r = {.level = "province"};
		snprintf(r.list, sizeof r.list, "%.*s", colon ? (int)(colon - u->provinces[i]) : 0,
		        u->provinces[i]);
		snprintf(r.code, sizeof r.code, "%s", colon ? colon + 1 : u->provinces[i]);
		char current[3];
		Err e = {0};
		if (!store_admin_current_province(c->db, &r, current, &e) && !strcmp(current, code))
			return true;
	}
	return false;
}

/* Every account matching the filters into *out (accounts are few: a few
 * hundred across the country, so they are filtered here, page by page). */
static int matching(Ctx *c, UserList *out)
{
	const char *q = ctx_param(c, "q")->s, *role = ctx_param(c, "role")->s,
	           *province = ctx_param(c, "province")->s;
	Buf fq;
	buf_init(&fq, 4096);
	int rc = q ? vn_fold(&fq, q, strlen(q), &c->err) : 0;
	*out = (UserList){0};
	UserList page = {0};
	for (int offset = 0; !rc && (offset == 0 || offset < page.total); offset += 500) {
		if ((rc = store_user_list(c->db, 500, offset, c->arena, &page, &c->err)))
			break;
		if (!out->v)
			out->v = arena_alloc(c->arena, (size_t)(page.total + 1) * sizeof *out->v);
		for (int i = 0; i < page.n; i++) {
			const User *u = &page.v[i];
			if ((role && role_parse(role) != u->role) ||
			        (q && !folded_has(u->username, buf_cstr(&fq)) &&
			                !folded_has(u->full_name, buf_cstr(&fq))) ||
			        (province && !covers(c, u, province)))
				continue;
			if (out->n < page.total)
				out->v[out->n++] = *u;
		}
		if (!page.n)
			break;
	}
	out->total = out->n;
	buf_free(&fq);
	return rc;
}

static void list_filters(Ctx *c)
{
	Buf *b = web_out(c);
	int np;
	const char *const *provinces = web_province_options(c, &np);
	html_raw(
	        b, "<form class=\"filters\" method=\"get\" action=\"/tai-khoan\" role=\"search\">");
	web_input(c, "search", "q", "Tìm theo tên", ctx_param(c, "q")->s, NULL, 0);
	web_select(c, "role", "Vai trò", role_options(c), 5, ctx_param(c, "role")->s, "Tất cả");
	web_select(c, "province", "Tỉnh phụ trách", provinces, np, ctx_param(c, "province")->s,
	        "Tất cả");
	html_raw(b, "<button type=\"submit\">Lọc</button></form>\n");
}

int web_user_list(Ctx *c)
{
	UserList l;
	int rc = matching(c, &l);
	if (rc)
		return rc;
	int page = web_page(c);
	Buf *b = web_out(c);
	web_begin(c, 200, "Tài khoản người dùng", "quan-tri");
	list_filters(c);
	web_list_head_begin(c, l.total, page);
	html_raw(b, "<a class=\"button\" href=\"/tai-khoan/moi\">Thêm tài "
	            "khoản</a></div></div>\n<div class=\"table-wrap\"><table class=\"list\"><thead>"
	            "<tr><th scope=\"col\">Tên đăng nhập</th><th scope=\"col\">Họ tên</th>"
	            "<th scope=\"col\">Vai trò</th><th scope=\"col\">Phạm vi</th>"
	            "<th scope=\"col\">Trạng thái</th></tr></thead><tbody>\n");
	int first = (page - 1) * WEB_PAGE_ROWS;
	for (int i = first; i < l.n && i < first + WEB_PAGE_ROWS; i++) {
		const User *u = &l.v[i];
		html_printf(b,
		        "<tr><td><a href=\"/tai-khoan/%lld\">%s</a></td><td>%s</td><td>%s</td>"
		        "<td>",
		        (long long)u->id, u->username, u->full_name, role_label(u->role));
		provinces_text(c, u);
		html_printf(b, "</td><td>%s</td></tr>\n", u->active ? "Đang dùng" : "Đã khóa");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"5\">Không có tài khoản nào khớp với điều kiện lọc."
		            "</td></tr>\n");
	html_raw(b, "</tbody></table></div>\n");
	web_end(c);
	return 0;
}

/* ---- One account ---------------------------------------------------------------------- */

/* What an account's page shows besides the account: a new token's text
 * (once), and the form that failed with what was typed. */
typedef struct Extra {
	WebTokenForm token;
	bool password_failed;
} Extra;

void web_tokens(Ctx *c, int64_t user_id, const char *base, const WebTokenForm *x)
{
	Buf *b = web_out(c);
	TokenList l;
	Err e = {0};
	html_raw(b, "<h2 id=\"ma-truy-cap\">Mã truy cập (API)</h2>\n");
	if (x->token)
		html_printf(b,
		        "<div class=\"notice\" role=\"status\"><p>Đã tạo mã truy cập "
		        "<strong>%s</strong>. Hãy sao chép ngay: mã chỉ hiện một lần này.</p>"
		        "<p><code class=\"secret\">%s</code></p></div>\n",
		        x->name, x->token);
	if (store_token_list(c->db, user_id, 100, 0, c->arena, &l, &e)) {
		/* What failed is the operator's to read, in the server's log. */
		fprintf(stderr, "khuyencong: %s %s: token list: %s: %s\n", c->req->method,
		        c->req->path, err_name(e.code), e.msg);
		html_raw(b,
		        "<p class=\"error-message\">Không đọc được danh sách mã truy cập; xin thử"
		        " lại sau hoặc báo quản trị viên</p>");
		return;
	}
	html_raw(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Tên</th>"
	            "<th scope=\"col\">Quyền</th><th scope=\"col\">Tạo lúc</th>"
	            "<th scope=\"col\">Hết hạn</th><th scope=\"col\">Trạng thái</th></tr></thead>"
	            "<tbody>\n");
	for (int i = 0; i < l.n; i++) {
		const ApiToken *t = &l.v[i];
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>", t->name,
		        t->write ? "Đọc và ghi" : "Chỉ đọc");
		web_vn_time(c, t->created_at);
		html_raw(b, "</td><td>");
		size_t n = t->expires_at ? strlen(t->expires_at) : 0;
		if (n == 20 && !strcmp(t->expires_at + 10, "T17:00:00Z")) {
			/* The end of a day in Việt Nam, as the form asked for it. */
			html_raw(b, "hết ngày ");
			web_date(c, t->expires_at);
		} else if (t->expires_at)
			web_vn_time(c, t->expires_at);
		else
			html_raw(b, "Không hết hạn");
		html_raw(b, "</td><td>");
		if (t->revoked_at) {
			html_raw(b, "Đã thu hồi lúc ");
			web_vn_time(c, t->revoked_at);
		} else {
			html_printf(b,
			        "<form method=\"post\" action=\"%s/ma-truy-cap/%lld/thu-hoi\">",
			        base, (long long)t->id);
			web_csrf(c);
			html_raw(b, "<button type=\"submit\" class=\"secondary\">Thu hồi</button>"
			            "</form>");
		}
		html_raw(b, "</td></tr>\n");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"5\">Chưa có mã truy cập.</td></tr>\n");
	html_raw(b, "</tbody></table></div>\n");
	html_printf(b,
	        "<form method=\"post\" action=\"%s/ma-truy-cap\">"
	        "<fieldset><legend>Tạo mã truy cập mới</legend>",
	        base);
	web_csrf(c);
	if (x->failed)
		web_form_error(c, (const char *const[]){"name", "expires_at", "write", NULL});
	html_raw(b, "<div class=\"grid2\">");
	web_input(c, "text", "name", "Tên gợi nhớ", x->failed ? ctx_form(c, "name") : NULL,
	        "Kết nối hệ thống báo cáo tỉnh", WEB_REQUIRED);
	web_input(c, "text", "expires_at", "Hết hạn sau ngày",
	        x->failed ? ctx_form(c, "expires_at") : NULL, "dd/mm/yyyy; để trống: không hết hạn",
	        0);
	html_raw(b, "</div>");
	web_check(c, "write", "Được ghi dữ liệu", x->failed && ctx_form(c, "write"));
	html_raw(b, "<button type=\"submit\">Tạo mã</button></fieldset></form>\n");
}

static void password_form(Ctx *c, const User *u, const Extra *x)
{
	Buf *b = web_out(c);
	html_printf(b,
	        "<form method=\"post\" action=\"/tai-khoan/%lld/mat-khau\">"
	        "<fieldset><legend>Đặt lại mật khẩu</legend>",
	        (long long)u->id);
	web_csrf(c);
	if (x->password_failed)
		web_form_error(c, (const char *const[]){"password", NULL});
	web_input(c, "password", "password", "Mật khẩu mới", NULL,
	        "ít nhất 10 ký tự; mọi phiên đăng nhập của người này sẽ kết thúc",
	        WEB_REQUIRED | WEB_NEW_PASSWORD);
	html_raw(b, "<button type=\"submit\">Đặt lại mật khẩu</button></fieldset></form>\n");
}

void web_user_facts(Ctx *c, const User *u)
{
	Buf *b = web_out(c);
	html_printf(b,
	        "<dl class=\"facts\"><dt>Tên đăng nhập</dt><dd>%s</dd><dt>Họ tên</dt>"
	        "<dd>%s</dd><dt>Vai trò</dt><dd>%s</dd><dt>Phạm vi</dt><dd>",
	        u->username, u->full_name, role_label(u->role));
	provinces_text(c, u);
	html_printf(b, "</dd><dt>Trạng thái</dt><dd>%s</dd></dl>\n",
	        u->active ? "Đang dùng" : "Đã khóa");
}

static int show(Ctx *c, int status, const Extra *x)
{
	const User *u = c->rec;
	Buf *b = web_out(c);
	char title[200];
	snprintf(title, sizeof title, "Tài khoản %s", u->username);
	web_begin(c, status, title, "quan-tri");
	const char *tb = ctx_param(c, "tb")->s;
	for (int i = 0; tb && notices[i]; i += 2)
		if (!strcmp(tb, notices[i]))
			web_notice(c, notices[i + 1]);
	web_user_facts(c, u);
	html_printf(b,
	        "<div class=\"actions\"><a class=\"button\" href=\"/tai-khoan/%lld/sua\">"
	        "Sửa vai trò, phạm vi</a><a href=\"/tai-khoan\">Về danh sách</a></div>\n",
	        (long long)u->id);
	password_form(c, u, x);
	char base[40];
	snprintf(base, sizeof base, "/tai-khoan/%lld", (long long)u->id);
	web_tokens(c, u->id, base, &x->token);
	int rc = web_audit_history(c, "app_user", web_id_text(c, u->id), 20);
	if (rc)
		return rc;
	web_end(c);
	return 0;
}

int web_user_show(Ctx *c)
{
	return show(c, 200, &(Extra){0});
}

/* The account's refusals: also a token the account may not have (KC_EDENIED). */
static bool user_error(int rc)
{
	return web_refusal(rc) || rc == KC_EDENIED;
}

static int back(Ctx *c, int64_t id, const char *tb)
{
	char *url = arena_alloc(c->arena, 64);
	snprintf(url, 64, "/tai-khoan/%lld?tb=%s", (long long)id, tb);
	return web_redirect(c, url);
}

int web_user_password(Ctx *c)
{
	const char *pw = ctx_form(c, "password");
	int rc = store_user_set_password(c->db, &c->actor, c->id, pw ? pw : "", &c->err);
	if (user_error(rc))
		return show(c, 422, &(Extra){.password_failed = true});
	return rc ? rc : back(c, c->id, "mat-khau");
}

int web_token_create(Ctx *c, int64_t user_id, WebTokenForm *out)
{
	const char *name = ctx_form(c, "name"), *expires = ctx_form(c, "expires_at");
	char day[STORE_DATE_LEN] = "", text[TOKEN_TEXT_LEN] = "";
	int64_t id;
	*out = (WebTokenForm){0};
	int rc = store_iso_date(expires, day, "expires_at", &c->err);
	if (!rc)
		rc = store_token_create(c->db, &c->actor, user_id, name && *name ? name : NULL,
		        ctx_form(c, "write") != NULL, day, text, &id, &c->err);
	out->failed = user_error(rc);
	if (rc)
		return rc;
	/* The one answer that holds the secret: never kept by a cache. */
	http_res_header(c->res, "Cache-Control", "no-store");
	out->token = arena_strdup(c->arena, text);
	out->name = name;
	memset(text, 0, sizeof text);
	return 0;
}

int web_token_revoke(Ctx *c, int64_t user_id, int64_t token_id)
{
	ApiToken t;
	int rc = store_token_get(c->db, token_id, c->arena, &t, &c->err);
	if (!rc && t.user_id != user_id)
		rc = err_set(&c->err, KC_ENOTFOUND, "Tài khoản này không có mã truy cập số %lld",
		        (long long)token_id);
	return rc ? rc : store_token_revoke(c->db, &c->actor, token_id, &c->err);
}

int web_user_token_create(Ctx *c)
{
	Extra x = {0};
	int rc = web_token_create(c, c->id, &x.token);
	if (x.token.failed)
		return show(c, 422, &x);
	return rc ? rc : show(c, 201, &x);
}

int web_user_token_revoke(Ctx *c)
{
	int rc = web_token_revoke(c, c->id, c->sub);
	return rc ? rc : back(c, c->id, "da-thu-hoi");
}

/* ---- The form ------------------------------------------------------------------------- */

static const char *const form_fields[] = {
        "username", "full_name", "role", "provinces", "password", "national", "active", NULL};

/* The provinces picker: both lists, several chosen. */
static void provinces_select(Ctx *c, const User *u)
{
	Buf *b = web_out(c);
	int n;
	const char *const *opt = web_unit_options(c, &n);
	html_raw(b,
	        "<div class=\"field\"><label for=\"f-provinces\">Tỉnh phụ trách</label>"
	        "<span class=\"hint\">Chọn một hoặc nhiều tỉnh (giữ Ctrl để chọn thêm); tỉnh cũ "
	        "được tính theo tỉnh hiện nay. Bỏ trống với tài khoản toàn quốc.</span>"
	        "<select multiple size=\"8\" id=\"f-provinces\" name=\"provinces\"");
	if (c->err.code && !strcmp(c->err.field, "provinces"))
		html_raw(b, " aria-invalid=\"true\" aria-describedby=\"loi-provinces\"");
	html_raw(b, ">");
	for (int i = 0; i < n; i++) {
		bool on = false;
		for (int k = 0; k < u->n_provinces && !on; k++)
			on = !strcmp(u->provinces[k], opt[2 * i]);
		html_printf(b, "<option value=\"%s\"%s>%s</option>", opt[2 * i],
		        on ? " selected" : "", opt[2 * i + 1]);
	}
	html_raw(b, "</select>");
	web_field_error(c, "provinces");
	html_raw(b, "</div>\n");
}

static void form(Ctx *c, int status, const User *u, bool create)
{
	Buf *b = web_out(c);
	web_begin(c, status, create ? "Thêm tài khoản" : "Sửa tài khoản", "quan-tri");
	web_form_error(c, form_fields);
	if (create)
		html_raw(b, "<form method=\"post\" action=\"/tai-khoan\">");
	else
		html_printf(
		        b, "<form method=\"post\" action=\"/tai-khoan/%lld\">", (long long)u->id);
	web_csrf(c);
	html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\"><div class=\"grid2\">",
	        u->version);
	if (create)
		web_input(c, "text", "username", "Tên đăng nhập", u->username,
		        "3 đến 64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang; không đổi được",
		        WEB_REQUIRED | WEB_AUTOFOCUS);
	else
		html_printf(b,
		        "<div class=\"field\"><span class=\"label\">Tên đăng nhập</span>%s</div>",
		        u->username);
	web_input(c, "text", "full_name", "Họ tên", u->full_name, NULL, WEB_REQUIRED);
	web_select(c, "role", "Vai trò", role_options(c), 5,
	        u->role == ROLE_NONE ? NULL : role_name(u->role), "— chọn vai trò —");
	if (create)
		web_input(c, "password", "password", "Mật khẩu ban đầu", NULL, "ít nhất 10 ký tự",
		        WEB_REQUIRED | WEB_NEW_PASSWORD);
	html_raw(b, "</div>");
	provinces_select(c, u);
	web_check(c, "national",
	        "Toàn quốc (xem mọi tỉnh; luôn đúng với Bộ Công Thương và Quản trị)", u->national);
	if (!create)
		web_check(
		        c, "active", "Đang dùng (bỏ chọn để khóa: mọi phiên kết thúc)", u->active);
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Lưu</button>");
	if (create)
		html_raw(b, "<a href=\"/tai-khoan\">Hủy</a>");
	else
		html_printf(b, "<a href=\"/tai-khoan/%lld\">Hủy</a>", (long long)u->id);
	html_raw(b, "</div></form>\n");
	web_end(c);
}

/* The form's fields into u (the account as stored, for an edit). */
static int read_form(Ctx *c, User *u, bool create)
{
	if (create)
		u->username = web_form_text(c, "username");
	u->full_name = web_form_text(c, "full_name");
	const char *role = web_form_text(c, "role");
	u->role = role_parse(role);
	u->national = web_form_text(c, "national") != NULL;
	if (!create)
		u->active = web_form_text(c, "active") != NULL;
	const char *v[USER_MAX_PROVINCES + 1];
	int n = ctx_form_all(c, "provinces", v, USER_MAX_PROVINCES + 1);
	u->n_provinces = 0;
	for (int i = 0; i < n && i < USER_MAX_PROVINCES; i++)
		if (*v[i])
			u->provinces[u->n_provinces++] = v[i];
	if (web_form_version(c))
		u->version = web_form_version(c);
	if (n > USER_MAX_PROVINCES)
		return err_field(&c->err, "provinces", KC_EINVAL, "Một tài khoản có tối đa %d tỉnh",
		        USER_MAX_PROVINCES);
	if (u->role == ROLE_NONE)
		return err_field(&c->err, "role", KC_EINVAL, "Chưa chọn vai trò của tài khoản");
	return 0;
}

int web_user_new(Ctx *c)
{
	User u = store_user_blank();
	form(c, 200, &u, true);
	return 0;
}

int web_user_create(Ctx *c)
{
	User u = store_user_blank();
	int64_t id;
	int rc = read_form(c, &u, true);
	if (!rc)
		rc = store_user_create(
		        c->db, &c->actor, &u, web_form_text(c, "password"), &id, &c->err);
	if (user_error(rc)) {
		form(c, 422, &u, true);
		return 0;
	}
	return rc ? rc : back(c, id, "da-them");
}

int web_user_edit(Ctx *c)
{
	form(c, 200, c->rec, false);
	return 0;
}

int web_user_update(Ctx *c)
{
	User u = *(const User *)c->rec;
	int rc = read_form(c, &u, false);
	if (!rc)
		rc = store_user_update(c->db, &c->actor, &u, &c->err);
	if (user_error(rc)) {
		form(c, rc == KC_ECONFLICT ? 409 : 422, &u, false);
		return 0;
	}
	return rc ? rc : back(c, u.id, "da-luu");
}
