/* api_user.c — /api/v1/users and the API tokens: accounts, their roles and
 * provinces, password resets and bearer tokens, for admins; and
 * /api/v1/me/tokens, where anyone signed in lists, creates and revokes their
 * own tokens (store_user.h).
 *
 * No answer ever holds a password, a password hash or a token hash; a token's
 * text is answered once, by the request that creates it. An account's
 * provinces travel as one text, "current:92,legacy:94", because a record's
 * schema holds no lists; an empty text is a national account's. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_user.h"

/* An account as the API reads and writes it. */
typedef struct UserDoc {
	int64_t id;
	const char *username, *full_name, *role;
	bool national, active;
	const char *provinces;
	const char *password; /* create only; never answered */
	int version;
} UserDoc;

static const Field user_fields[] = {
        FIELD_I64(UserDoc, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số tài khoản"),
        FIELD_TEXT(UserDoc, username, FORMAT_PLAIN, FIELD_REQUIRED,
                "Tên đăng nhập: 3 đến 64 ký tự a-z, 0-9, . _ - (không đổi được)"),
        FIELD_TEXT(UserDoc, full_name, FORMAT_PLAIN, FIELD_REQUIRED, "Họ tên"),
        FIELD_TEXT(UserDoc, role, FORMAT_PLAIN, FIELD_REQUIRED,
                "Vai trò: viewer, staff, manager, ministry, admin"),
        FIELD_BOOL(UserDoc, national, 0, "Xem được mọi tỉnh (luôn đúng với ministry và admin)"),
        FIELD_BOOL(UserDoc, active, 0, "Còn hoạt động (tắt thì mọi phiên đăng nhập kết thúc)"),
        FIELD_TEXT(UserDoc, provinces, FORMAT_PLAIN, 0,
                "Các tỉnh phụ trách, cách nhau bởi dấu phẩy: \"current:92,legacy:94\"; rỗng"
                " với tài khoản toàn quốc"),
        FIELD_TEXT(UserDoc, password, FORMAT_PLAIN, FIELD_WRITEONLY,
                "Mật khẩu ban đầu (khi tạo): ít nhất 10 ký tự"),
        FIELD_INT(UserDoc, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_user_schema = SCHEMA("User", user_fields, "Tài khoản người dùng");

typedef struct PasswordDoc {
	const char *password;
} PasswordDoc;

static const Field password_fields[] = {
        FIELD_TEXT(PasswordDoc, password, FORMAT_PLAIN, FIELD_REQUIRED | FIELD_WRITEONLY,
                "Mật khẩu mới: ít nhất 10 ký tự"),
};
const Schema api_password_schema =
        SCHEMA("PasswordReset", password_fields, "Đặt lại mật khẩu (mọi phiên kết thúc)");

/* A token as the API shows it; token holds its text only in the create answer. */
typedef struct TokenDoc {
	int64_t id, user_id;
	const char *name;
	bool write;
	const char *created_at, *expires_at, *revoked_at, *token;
} TokenDoc;

static const Field token_fields[] = {
        FIELD_I64(TokenDoc, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số mã truy cập"),
        FIELD_I64(TokenDoc, user_id, 0, FORMAT_PLAIN, FIELD_READONLY, "Tài khoản"),
        FIELD_TEXT(TokenDoc, name, FORMAT_PLAIN, FIELD_REQUIRED,
                "Tên gợi nhớ: \"Kết nối hệ thống báo cáo tỉnh\""),
        FIELD_BOOL(TokenDoc, write, 0, "Được ghi dữ liệu (không cấp cho vai trò viewer)"),
        FIELD_TEXT(TokenDoc, created_at, FORMAT_TIME, FIELD_READONLY, "Thời điểm tạo"),
        FIELD_TEXT(TokenDoc, expires_at, FORMAT_PLAIN, 0,
                "Hết hạn: ngày YYYY-MM-DD (hết ngày đó, giờ Việt Nam) hoặc giờ UTC; null: không"
                " hết hạn"),
        FIELD_TEXT(TokenDoc, revoked_at, FORMAT_TIME, FIELD_READONLY, "Thời điểm thu hồi"),
        FIELD_TEXT(TokenDoc, token, FORMAT_PLAIN, FIELD_READONLY,
                "Mã (chỉ có trong câu trả lời khi tạo; hãy lưu ngay, sau đó không xem lại"
                " được)"),
};
const Schema api_token_schema =
        SCHEMA("ApiToken", token_fields, "Mã truy cập (bearer) cho hệ thống khác");

const Param api_user_page_params[] = {
        API_PAGE_PARAMS,
        {NULL},
};

/* ---- Accounts ------------------------------------------------------------------------- */

static UserDoc to_doc(Ctx *c, const User *u)
{
	Buf b;
	buf_init(&b, 64 * USER_MAX_PROVINCES);
	for (int i = 0; i < u->n_provinces; i++)
		buf_printf(&b, "%s%s", i ? "," : "", u->provinces[i]);
	UserDoc d = {u->id, u->username, u->full_name, role_name(u->role), u->national, u->active,
	        arena_strdup(c->arena, buf_cstr(&b)), NULL, u->version};
	buf_free(&b);
	return d;
}

/* Splits "current:92, legacy:94" into u's provinces (the store checks each). */
static int split_provinces(Ctx *c, const char *s, User *u)
{
	u->n_provinces = 0;
	for (const char *p = s ? s : ""; *p;) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, ",");
		size_t len = n;
		while (len && p[len - 1] == ' ')
			len--;
		if (!len)
			break;
		if (u->n_provinces == USER_MAX_PROVINCES)
			return err_field(&c->err, "provinces", KC_EINVAL,
			        "Một tài khoản có tối đa %d tỉnh", USER_MAX_PROVINCES);
		u->provinces[u->n_provinces++] = arena_strndup(c->arena, p, len);
		p += n;
	}
	return 0;
}

static int from_doc(Ctx *c, const UserDoc *d, User *u)
{
	u->id = d->id;
	u->username = d->username;
	u->full_name = d->full_name;
	u->role = role_parse(d->role);
	u->national = d->national;
	u->active = d->active;
	u->version = d->version;
	if (!store_has_text(d->role))
		return err_field(&c->err, "role", KC_EINVAL, "Chưa chọn vai trò của tài khoản");
	if (u->role == ROLE_NONE)
		return err_field(&c->err, "role", KC_EINVAL,
		        "Vai trò '%.40s' không có; chọn một trong: viewer, staff, manager, ministry,"
		        " admin",
		        d->role);
	return split_provinces(c, d->provinces, u);
}

static int answer_user(Ctx *c, int64_t id, int status)
{
	User u;
	int rc = store_user_get(c->db, id, c->arena, &u, &c->err);
	if (rc)
		return rc;
	UserDoc d = to_doc(c, &u);
	return status == 201 ? api_created(c, "/api/v1/users", id, &api_user_schema, &d, d.version)
	                     : api_record(c, status, &api_user_schema, &d, d.version);
}

int api_user_load(Ctx *c, char province[3])
{
	User *u = arena_alloc(c->arena, sizeof *u);
	int rc = store_user_get(c->db, c->id, c->arena, u, &c->err);
	c->rec = u;
	province[0] = '\0'; /* accounts are national records: admins only */
	return rc;
}

int api_user_list(Ctx *c)
{
	UserList list;
	int rc = store_user_list(c->db, api_limit(c), api_offset(c), c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++) {
		UserDoc d = to_doc(c, &list.v[i]);
		schema_write(&w, &api_user_schema, &d);
	}
	api_list_end(c, &w, list.total);
	return 0;
}

int api_user_get(Ctx *c)
{
	UserDoc d = to_doc(c, c->rec);
	return api_record(c, 200, &api_user_schema, &d, d.version);
}

int api_user_create(Ctx *c)
{
	User blank = store_user_blank();
	UserDoc d = to_doc(c, &blank);
	d.role = NULL;
	User u = blank;
	int64_t id;
	int rc = http_body_read(c, &api_user_schema, NULL, &d);
	if (!rc)
		rc = from_doc(c, &d, &u);
	if (!rc)
		rc = store_user_create(c->db, &c->actor, &u, d.password, &id, &c->err);
	return rc ? rc : answer_user(c, id, 201);
}

int api_user_update(Ctx *c)
{
	const User *was = c->rec;
	UserDoc d = to_doc(c, was);
	d.version = 0;
	User u = *was;
	int rc = http_body_read(c, &api_user_schema, NULL, &d);
	if (rc)
		return rc;
	if (!d.username || strcmp(d.username, was->username))
		return ctx_fail(c, 400,
		        err_field(&c->err, "username", KC_EINVAL,
		                "Tên đăng nhập không đổi được; hãy tạo tài khoản mới"));
	if (d.password)
		return ctx_fail(c, 400,
		        err_field(&c->err, "password", KC_EINVAL,
		                "Mật khẩu đặt lại ở /api/v1/users/%lld/password",
		                (long long)was->id));
	if ((rc = from_doc(c, &d, &u)) || (rc = api_version(c, d.version, &u.version)) ||
	        (rc = store_user_update(c->db, &c->actor, &u, &c->err)))
		return rc;
	return answer_user(c, was->id, 200);
}

int api_user_password(Ctx *c)
{
	PasswordDoc d = {0};
	int rc = http_body_read(c, &api_password_schema, NULL, &d);
	if (!rc)
		rc = store_user_set_password(c->db, &c->actor, c->id, d.password, &c->err);
	return rc ? rc : api_no_content(c);
}

int api_user_audit(Ctx *c)
{
	return api_audit_history(c, "app_user", NULL);
}

/* ---- Tokens --------------------------------------------------------------------------- */

static TokenDoc token_doc(const ApiToken *t)
{
	return (TokenDoc){t->id, t->user_id, t->name, t->write, t->created_at, t->expires_at,
	        t->revoked_at, NULL};
}

static int list_tokens(Ctx *c, int64_t user_id)
{
	TokenList list;
	int rc = store_token_list(
	        c->db, user_id, api_limit(c), api_offset(c), c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++) {
		TokenDoc d = token_doc(&list.v[i]);
		schema_write(&w, &api_token_schema, &d);
	}
	api_list_end(c, &w, list.total);
	return 0;
}

/* Creates a token of user_id from the body and answers it with its text,
 * the only time anyone sees it. */
static int create_token(Ctx *c, int64_t user_id, const char *collection)
{
	TokenDoc d = {0};
	char text[TOKEN_TEXT_LEN];
	int64_t id;
	ApiToken t;
	int rc = http_body_read(c, &api_token_schema, NULL, &d);
	if (!rc)
		rc = store_token_create(c->db, &c->actor, user_id, d.name, d.write, d.expires_at,
		        text, &id, &c->err);
	if (!rc)
		rc = store_token_get(c->db, id, c->arena, &t, &c->err);
	if (rc)
		return rc;
	d = token_doc(&t);
	d.token = arena_strdup(c->arena, text);
	memset(text, 0, sizeof text);
	return api_created(c, collection, id, &api_token_schema, &d, 0);
}

int api_user_tokens(Ctx *c)
{
	return list_tokens(c, c->id);
}

int api_user_token_create(Ctx *c)
{
	return create_token(c, c->id, "/api/v1/tokens");
}

int api_token_get(Ctx *c)
{
	ApiToken t;
	int rc = store_token_get(c->db, c->id, c->arena, &t, &c->err);
	if (rc)
		return rc;
	TokenDoc d = token_doc(&t);
	return api_record(c, 200, &api_token_schema, &d, 0);
}

int api_token_revoke(Ctx *c)
{
	ApiToken t;
	int rc = store_token_get(c->db, c->id, c->arena, &t, &c->err);
	if (!rc)
		rc = store_token_revoke(c->db, &c->actor, c->id, &c->err);
	return rc ? rc : api_no_content(c);
}

int api_my_tokens(Ctx *c)
{
	return list_tokens(c, c->who.user_id);
}

int api_my_token_create(Ctx *c)
{
	return create_token(c, c->who.user_id, "/api/v1/me/tokens");
}

/* Another user's token is "not found" here: this list is one's own. */
int api_my_token_revoke(Ctx *c)
{
	ApiToken t;
	int rc = store_token_get(c->db, c->id, c->arena, &t, &c->err);
	if (!rc && t.user_id != c->who.user_id)
		rc = err_set(
		        &c->err, KC_ENOTFOUND, "Không có mã truy cập số %lld", (long long)c->id);
	if (!rc)
		rc = store_token_revoke(c->db, &c->actor, c->id, &c->err);
	return rc ? rc : api_no_content(c);
}
