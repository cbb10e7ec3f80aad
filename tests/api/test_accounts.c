/* test_accounts.c — accounts, API tokens and the audit log through the
 * router: admins manage accounts and anyone's tokens, everyone their own
 * tokens; no answer holds a password, a hash or (but once) a token's text;
 * the audit log for national supervisors and a record's history under the
 * record's own scope. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* No answer about accounts may carry a secret. */
static void assert_no_secret(const ApiRes *r)
{
	assert_null(strstr(r->body, "argon2"));
	assert_null(strstr(r->body, "password_hash"));
	assert_null(strstr(r->body, "\"password\""));
	assert_null(strstr(r->body, "token_hash"));
	assert_null(strstr(r->body, APITEST_PASSWORD));
}

static const char new_user[] =
        "{\"username\": \"can.bo.soctrang\", \"full_name\": \"Lâm Thị Hoa\", \"role\": \"staff\","
        " \"provinces\": \"legacy:94\", \"password\": \"mot-mat-khau-dai\"}";

static void admins_manage_accounts(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "admin", "GET", "/api/v1/users", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), APITEST_USERS);
	assert_no_secret(&r);
	apires_free(&r);
	apitest_call(t, "admin", "POST", "/api/v1/users", new_user, NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char path[64], want[64];
	snprintf(want, sizeof want, "/api/v1/users/%lld", (long long)id);
	assert_string_equal(r.location, want);
	assert_string_equal(apires_str(&r, "provinces"), "legacy:94");
	assert_string_equal(apires_str(&r, "role"), "staff");
	assert_no_secret(&r);
	apires_free(&r);

	snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "admin", "PATCH", path,
	        "{\"role\": \"manager\", \"provinces\": \" legacy:94, current:92 \"}", v1, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "role"), "manager");
	assert_string_equal(apires_str(&r, "provinces"), "current:92,legacy:94");
	assert_string_equal(apires_str(&r, "full_name"), "Lâm Thị Hoa");
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	apitest_call(t, "admin", "PATCH", path, "{\"full_name\": \"Lâm Hoa\"}", v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	apitest_call(
	        t, "admin", "PATCH", path, "{\"username\": \"hoa\", \"version\": 2}", NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "username");
	apires_free(&r);
	apitest_call(t, "admin", "PATCH", path,
	        "{\"password\": \"mat-khau-khac-1\", \"version\": 2}", NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "password");
	apires_free(&r);

	/* Its history: created, then changed; snapshots without the hash. */
	snprintf(path, sizeof path, "/api/v1/users/%lld/audit", (long long)id);
	apitest_call(t, "admin", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.action"), "update");
	assert_string_equal(apires_str(&r, "items.1.action"), "insert");
	assert_no_secret(&r);
	apires_free(&r);

	/* No one else manages accounts. */
	static const char *const others[] = {"ministry", "manager", "staff", "viewer", "other"};
	for (size_t i = 0; i < COUNT_OF(others); i++) {
		apitest_call(t, others[i], "GET", "/api/v1/users", NULL, NULL, &r);
		assert_status(&r, 403);
		apires_free(&r);
		apitest_call(t, others[i], "POST", "/api/v1/users", new_user, NULL, &r);
		assert_status(&r, 403);
		apires_free(&r);
	}
}

static void password_reset_ends_sessions(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "admin", "POST", "/api/v1/users/5/password",
	        "{\"password\": \"mat-khau-moi-cua-viewer\"}", NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/session", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	apitest_call(t, "admin", "POST", "/api/v1/users/4/password", "{\"password\": \"ngan\"}",
	        NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "password");
	apires_free(&r);
	apitest_call(t, "admin", "POST", "/api/v1/users/999/password",
	        "{\"password\": \"mat-khau-moi-cua-ai\"}", NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
}

static void bearer_call(ApiTest *t, const char *token, const char *method, const char *path,
        const char *body, ApiRes *r)
{
	char auth[96];
	snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
	const char *const h[] = {auth, NULL};
	apitest_call(t, NULL, method, path, body, h, r);
}

static void admin_tokens(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "admin", "POST", "/api/v1/users/4/tokens",
	        "{\"name\": \"Kết nối hệ thống báo cáo tỉnh\", \"write\": true, \"expires_at\":"
	        " \"2027-12-31\"}",
	        NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char token[64], path[64];
	snprintf(token, sizeof token, "%s", apires_str(&r, "token"));
	assert_int_equal(strlen(token), TOKEN_TEXT_LEN - 1);
	snprintf(path, sizeof path, "/api/v1/tokens/%lld", (long long)id);
	assert_string_equal(r.location, path);
	assert_string_equal(apires_str(&r, "expires_at"), "2027-12-31T17:00:00Z");
	apires_free(&r);

	/* Listed without its text, ever again. */
	apitest_call(t, "admin", "GET", "/api/v1/users/4/tokens", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_null(apires_str(&r, "items.0.token"));
	assert_null(strstr(r.body, token));
	assert_no_secret(&r);
	apires_free(&r);
	apitest_call(t, "admin", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_null(strstr(r.body, token));
	apires_free(&r);

	/* It signs its user in, until revoked. */
	bearer_call(t, token, "GET", "/api/v1/establishments", NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	apitest_call(t, "admin", "DELETE", path, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	bearer_call(t, token, "GET", "/api/v1/establishments", NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	apitest_call(t, "admin", "GET", "/api/v1/users/4/tokens", NULL, NULL, &r);
	assert_non_null(apires_str(&r, "items.0.revoked_at"));
	apires_free(&r);
	apitest_call(t, "ministry", "DELETE", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                                     " 'api_token' AND actor = 'admin' AND via = 'http'"),
	        2);
}

/* A token, even an administrator's write token, cannot mint tokens or set
 * passwords: a leaked one would otherwise outlive its revocation. */
static void tokens_cannot_mint_tokens(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "admin", "POST", "/api/v1/me/tokens",
	        "{\"name\": \"Tự động hóa\", \"write\": true}", NULL, &r);
	assert_status(&r, 201);
	char token[64];
	snprintf(token, sizeof token, "%s", apires_str(&r, "token"));
	apires_free(&r);
	bearer_call(t, token, "POST", "/api/v1/users", /* an ordinary write works */
	        "{\"username\": \"tu.dong\", \"full_name\": \"Tự Động\", \"role\": \"viewer\", \"provinces\": \"current:92\","
	        " \"password\": \"mat-khau-du-dai\"}",
	        &r);
	assert_status(&r, 201);
	apires_free(&r);
	static const char *const minting[][2] = {
	        {"/api/v1/me/tokens", "{\"name\": \"Thêm\"}"},
	        {"/api/v1/users/4/tokens", "{\"name\": \"Thêm\"}"},
	        {"/api/v1/users/4/password", "{\"password\": \"mat-khau-moi-du-dai\"}"},
	};
	for (size_t i = 0; i < sizeof minting / sizeof *minting; i++) {
		bearer_call(t, token, "POST", minting[i][0], minting[i][1], &r);
		assert_status(&r, 403);
		assert_non_null(strstr(r.body, "đăng nhập bằng mật khẩu"));
		apires_free(&r);
	}
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM api_token"), 1);
}

static void own_tokens(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "viewer", "POST", "/api/v1/me/tokens",
	        "{\"name\": \"Đọc số liệu cho bảng tin\"}", NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char token[64];
	snprintf(token, sizeof token, "%s", apires_str(&r, "token"));
	apires_free(&r);
	/* A viewer's token only reads. */
	apitest_call(t, "viewer", "POST", "/api/v1/me/tokens",
	        "{\"name\": \"Ghi\", \"write\": true}", NULL, &r);
	assert_status(&r, 422);
	apires_free(&r);
	bearer_call(t, token, "GET", "/api/v1/aggregates", NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	/* Everyone sees their own tokens only, and cannot revoke another's. */
	apitest_call(t, "staff", "GET", "/api/v1/me/tokens", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/me/tokens", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_null(apires_str(&r, "items.0.token"));
	apires_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/me/tokens/%lld", (long long)id);
	apitest_call(t, "staff", "DELETE", path, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	bearer_call(t, token, "GET", "/api/v1/aggregates", NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	apitest_call(t, "viewer", "DELETE", path, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	bearer_call(t, token, "GET", "/api/v1/aggregates", NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	apitest_call(t, NULL, "GET", "/api/v1/me/tokens", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
}

static void audit_log(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "staff", "POST", "/api/v1/establishments",
	        "{\"name\": \"HTX Đồng Tâm\", \"legal_form\": \"coop\", \"province_list\": \"current\","
	        " \"province_code\": \"92\"}",
	        NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	apires_free(&r);
	char path[80];
	snprintf(path, sizeof path, "/api/v1/establishments/%lld/audit", (long long)id);
	/* A record's history: its province's managers and national users. */
	apitest_call(t, "manager", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.actor"), "staff");
	assert_string_equal(apires_str(&r, "items.0.via"), "http");
	assert_null(apires_str(&r, "items.0.before_json"));
	assert_non_null(strstr(apires_str(&r, "items.0.after_json"), "HTX Đồng Tâm"));
	apires_free(&r);
	static const struct {
		const char *who;
		int status;
	} history[] = {
	        {"ministry", 200}, {"staff", 403}, {"viewer", 403}, {"other", 403}, {NULL, 401}};
	for (size_t i = 0; i < COUNT_OF(history); i++) {
		apitest_call(t, history[i].who, "GET", path, NULL, NULL, &r);
		assert_status(&r, history[i].status);
		apires_free(&r);
	}

	/* The whole log: national supervisors, filtered. */
	apitest_call(t, "ministry", "GET", "/api/v1/audit?table=establishment&user=staff", NULL,
	        NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/audit?table=app_user", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), APITEST_USERS); /* the test users' creation */
	assert_no_secret(&r);
	apires_free(&r);
	apitest_call(t, "admin", "GET", "/api/v1/audit?from=2026-11-22&to=2026-11-22&limit=2", NULL,
	        NULL, &r);
	assert_int_equal(apires_int(&r, "total"), APITEST_USERS + 1);
	assert_int_equal(json_array_size(json_object_get(r.json, "items")), 2);
	assert_string_equal(apires_str(&r, "items.0.table_name"), "establishment"); /* newest */
	apires_free(&r);
	apitest_call(t, "admin", "GET", "/api/v1/audit?from=2026-11-22T08:00:01Z", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_call(t, "admin", "GET", "/api/v1/audit?from=22/11/2026", NULL, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "from");
	apires_free(&r);
	/* A province's manager is not a national supervisor; staff are neither. */
	apitest_call(t, "manager", "GET", "/api/v1/audit", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/audit", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
}

typedef struct BadCase {
	const char *why, *method, *path, *body;
	int status;
	const char *field;
} BadCase;

static const BadCase bad[] = {
        {"unknown role", "POST", "/api/v1/users",
                "{\"username\": \"abc\", \"full_name\": \"A\", \"role\": \"boss\", \"national\":"
                " true, \"password\": \"mot-mat-khau-dai\"}",
                422, "role"},
        {"role missing", "POST", "/api/v1/users",
                "{\"username\": \"abc\", \"full_name\": \"A\", \"national\": true, \"password\":"
                " \"mot-mat-khau-dai\"}",
                422, "role"},
        {"national with provinces", "POST", "/api/v1/users",
                "{\"username\": \"abc\", \"full_name\": \"A\", \"role\": \"ministry\","
                " \"provinces\": \"current:92\", \"password\": \"mot-mat-khau-dai\"}",
                422, "provinces"},
        {"province not list:code", "POST", "/api/v1/users",
                "{\"username\": \"abc\", \"full_name\": \"A\", \"role\": \"staff\","
                " \"provinces\": \"92\", \"password\": \"mot-mat-khau-dai\"}",
                422, "provinces"},
        {"username taken", "POST", "/api/v1/users",
                "{\"username\": \"staff\", \"full_name\": \"A\", \"role\": \"staff\","
                " \"provinces\": \"current:92\", \"password\": \"mot-mat-khau-dai\"}",
                409, "username"},
        {"provinces as a list", "POST", "/api/v1/users",
                "{\"username\": \"abc\", \"provinces\": [\"current:92\"]}", 400, "provinces"},
        {"unknown field", "POST", "/api/v1/users", "{\"usename\": \"abc\"}", 400, "usename"},
        {"token hash is not a field", "POST", "/api/v1/me/tokens",
                "{\"name\": \"x\", \"token_hash\": \"00\"}", 400, "token_hash"},
        {"token expiry in the past", "POST", "/api/v1/me/tokens",
                "{\"name\": \"x\", \"expires_at\": \"2020-01-01\"}", 422, "expires_at"},
        {"no such account", "GET", "/api/v1/users/999", NULL, 404, NULL},
        {"no such token", "DELETE", "/api/v1/tokens/999", NULL, 404, NULL},
};

static void bad_request(void **state)
{
	const BadCase *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	ApiRes r;
	apitest_call(&t, "admin", c->method, c->path, c->body, NULL, &r);
	assert_status(&r, c->status);
	if (c->field)
		assert_string_equal(apires_str(&r, "error.field"), c->field);
	assert_non_null(apires_str(&r, "error.message"));
	assert_int_equal(
	        db_scalar(t.db.db, "SELECT COUNT(*) FROM audit_log WHERE via = 'http'"), 0);
	apires_free(&r);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, admins_manage_accounts);
	TL_ADD(&tl, password_reset_ends_sessions);
	TL_ADD(&tl, admin_tokens);
	TL_ADD(&tl, tokens_cannot_mint_tokens);
	TL_ADD(&tl, own_tokens);
	TL_ADD(&tl, audit_log);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/accounts");
}
