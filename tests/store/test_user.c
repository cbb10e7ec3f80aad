/* test_user.c — accounts, sign-in, sessions, API tokens and throttling on a
 * real SQLite file, with real argon2id hashes. Time is the `now` parameter,
 * never the clock: a test "waits" by passing a later time. */
#include "harness.h"

#include <argon2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture.h"
#include "store/store_session_cache.h"
#include "store/store_user.h"

#define T0 "2026-11-22T08:00:00Z"

static const Actor admin_actor = {.user_id = 0, .name = "quan.tri", .via = "cli", .now = T0};
static const char password[] = "Mật khẩu đủ dài 2026";

/* T0 plus seconds, as the functions take times; eight results live at once. */
static const char *at(long seconds)
{
	static char ring[8][STORE_TIME_LEN];
	static int next;
	struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 10, .tm_mday = 22, .tm_hour = 8};
	time_t t = timegm(&tm) + seconds;
	char *out = ring[next++ % 8];
	gmtime_r(&t, &tm);
	strftime(out, STORE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
	return out;
}

/* A provincial officer of Sóc Trăng, named by the legacy list. */
static User officer(void)
{
	User u = store_user_blank();
	u.username = "can.bo";
	u.full_name = "Nguyễn Thị Lan";
	u.role = ROLE_STAFF;
	u.n_provinces = 1;
	u.provinces[0] = "legacy:94";
	return u;
}

static int64_t create(Db *db, const User *u)
{
	int64_t id = 0;
	Err e;
	if (store_user_create(db, &admin_actor, u, password, &id, &e))
		fail_msg("create '%s': %s", u->username, e.msg);
	return id;
}

static int64_t create_named(Db *db, const char *username, Role role)
{
	User u = officer();
	u.username = username;
	u.role = role;
	if (role >= ROLE_MINISTRY)
		u.n_provinces = 0;
	return create(db, &u);
}

/* Signs in as username with pw from remote at now; the return code. */
static int login(Db *db, const char *username, const char *pw, const char *remote, const char *now,
        char token[TOKEN_TEXT_LEN], int *retry, Err *e)
{
	Arena arena = {0};
	Principal p;
	int rc = store_session_login(
	        db, NULL, username, pw, remote, now, token, retry, &arena, &p, e);
	arena_free(&arena);
	return rc;
}

static void login_ok(Db *db, const char *now, char token[TOKEN_TEXT_LEN])
{
	Err e;
	int retry;
	if (login(db, "can.bo", password, "10.0.0.1", now, token, &retry, &e))
		fail_msg("login at %s: %s", now, e.msg);
}

/* The server's cache of sessions (store_session_cache.h), which lookup
 * goes through: every session test also checks that no change is hidden by
 * a session remembered from before it. */
static SessionCache *cache;

static int lookup_as(Db *db, const SessionPolicy *pol, const char *token, const char *now,
        Principal *p, Arena *arena)
{
	Err e;
	return store_session_lookup_cached(db, cache, pol, token, now, arena, p, &e);
}

static int lookup(Db *db, const char *token, const char *now)
{
	Arena arena = {0};
	Principal p;
	int rc = lookup_as(db, NULL, token, now, &p, &arena);
	arena_free(&arena);
	return rc;
}

static int64_t count_where(Db *db, const char *table, const char *column, const char *value)
{
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE %s = '%s'", table, column, value);
	return db_scalar(db, sql);
}

/* ---- Accounts ------------------------------------------------------------------------- */

static void create_and_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User in = officer();
	int64_t id = create(db, &in);
	Arena arena = {0};
	User out;
	Err e;
	assert_int_equal(store_user_get(db, id, &arena, &out, &e), 0);
	assert_string_equal(out.username, "can.bo");
	assert_string_equal(out.full_name, "Nguyễn Thị Lan");
	assert_int_equal(out.role, ROLE_STAFF);
	assert_false(out.national);
	assert_true(out.active);
	assert_int_equal(out.n_provinces, 1);
	assert_string_equal(out.provinces[0], "legacy:94");
	assert_int_equal(out.version, 1);
	assert_int_equal(store_user_by_name(db, "can.bo", &arena, &out, &e), 0);
	assert_int_equal(out.id, id);
	assert_int_equal(store_user_by_name(db, "khong.co", &arena, &out, &e), KC_ENOTFOUND);
	assert_string_equal(e.field, "username");
	assert_int_equal(store_user_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
	assert_contains(e.msg, "Không có tài khoản số");
	arena_free(&arena);
	/* argon2id with the parameters the module names, salted: not the password. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM app_user WHERE password_hash LIKE"
	                               " '$argon2id$v=19$m=19456,t=2,p=1$%'"
	                               " AND length(password_hash) = 97"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'app_user' AND actor = 'quan.tri'"
	                               " AND after_json LIKE '%\"username\":\"can.bo\"%'"
	                               " AND after_json LIKE '%\"provinces\":[\"legacy:94\"]}'"
	                               " AND after_json NOT LIKE '%password_hash%'"
	                               " AND after_json NOT LIKE '%argon2%'"),
	        1);
}

typedef struct Bad {
	const char *why;
	void (*spoil)(User *, const char **pw);
	const char *field;
	const char *says;
} Bad;

static void no_username(User *u, const char **pw)
{
	(void)pw;
	u->username = "";
}
static void upper_username(User *u, const char **pw)
{
	(void)pw;
	u->username = "Can Bo";
}
static void short_username(User *u, const char **pw)
{
	(void)pw;
	u->username = "cb";
}
static void no_full_name(User *u, const char **pw)
{
	(void)pw;
	u->full_name = "  ";
}
static void full_name_not_utf8(User *u, const char **pw)
{
	(void)pw;
	u->full_name = "Nguy\xe1";
}
static void no_role(User *u, const char **pw)
{
	(void)pw;
	u->role = ROLE_NONE;
}
static void short_password(User *u, const char **pw)
{
	(void)u;
	*pw = "ngắn";
}
static void nine_letters_many_bytes(User *u, const char **pw)
{
	(void)u;
	*pw = "đường đời"; /* 9 characters, 15 bytes: the minimum counts characters */
}
static void long_password(User *u, const char **pw)
{
	(void)u;
	static char p[130];
	memset(p, 'x', 129);
	*pw = p;
}
static void password_not_utf8(User *u, const char **pw)
{
	(void)u;
	*pw = "mat khau \xff\xfe dai";
}
static void no_password(User *u, const char **pw)
{
	(void)u;
	*pw = NULL;
}
static void staff_without_provinces(User *u, const char **pw)
{
	(void)pw;
	u->n_provinces = 0;
}
static void national_with_provinces(User *u, const char **pw)
{
	(void)pw;
	u->national = true;
}
static void ministry_with_provinces(User *u, const char **pw)
{
	(void)pw;
	u->role = ROLE_MINISTRY;
}
static void province_without_list(User *u, const char **pw)
{
	(void)pw;
	u->provinces[0] = "94";
}
static void unknown_province(User *u, const char **pw)
{
	(void)pw;
	u->provinces[0] = "current:99";
}
static void commune_as_province(User *u, const char **pw)
{
	(void)pw;
	u->provinces[0] = "legacy:31498";
}
static void unknown_list(User *u, const char **pw)
{
	(void)pw;
	u->provinces[0] = "old:94";
}

static const Bad bad[] = {
        {"no username", no_username, "username", "Chưa nhập tên đăng nhập"},
        {"username with capitals and a space", upper_username, "username",
                "Tên đăng nhập 'Can Bo' không hợp lệ"},
        {"username of 2 characters", short_username, "username", "3 đến 64"},
        {"no full name", no_full_name, "full_name", "Chưa nhập họ tên"},
        {"full name not UTF-8", full_name_not_utf8, "full_name", "UTF-8"},
        {"no role", no_role, "role", "Vai trò 'none' không có; chọn một trong: Xem, Cán bộ tỉnh"},
        {"password of 4 characters", short_password, "password", "ít nhất 10 ký tự"},
        {"password of 9 characters in 15 bytes", nine_letters_many_bytes, "password",
                "ít nhất 10 ký tự"},
        {"password of 129 bytes", long_password, "password", "tối đa 128 byte"},
        {"password not UTF-8", password_not_utf8, "password", "UTF-8"},
        {"no password", no_password, "password", "ít nhất 10 ký tự"},
        {"staff without provinces", staff_without_provinces, "provinces", "Chưa chọn tỉnh"},
        {"national with provinces", national_with_provinces, "provinces",
                "Tài khoản toàn quốc xem được mọi tỉnh"},
        {"ministry with provinces", ministry_with_provinces, "provinces",
                "Tài khoản Bộ Công Thương xem được mọi tỉnh"},
        {"province without its list", province_without_list, "provinces",
                "Tỉnh '94' không đúng dạng danh_mục:mã"},
        {"unknown province", unknown_province, "provinces", "Tỉnh mã '99' không có"},
        {"a commune for a province", commune_as_province, "provinces", "'31498' không có"},
        {"unknown list", unknown_list, "provinces", "Danh mục đơn vị hành chính 'old'"},
};

static void invalid_account_changes_nothing(void **state)
{
	const Bad *b = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	User u = officer();
	const char *pw = password;
	b->spoil(&u, &pw);
	int64_t id = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(store_user_create(t.db, &admin_actor, &u, pw, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM app_user"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM user_province"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), 0);
	tmpdb_close(&t);
}

static void username_is_unique(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	create(db, &u);
	u.full_name = "Người khác";
	int64_t id;
	Err e;
	assert_int_equal(store_user_create(db, &admin_actor, &u, password, &id, &e), KC_ECONFLICT);
	assert_refused(db, &e, "username", "Tên đăng nhập 'can.bo' đã có");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM app_user"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 1);
}

static void ministry_and_admin_are_national(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	u.username = "bo.cong.thuong";
	u.role = ROLE_MINISTRY;
	u.n_provinces = 0;
	u.national = false; /* implied by the role all the same */
	int64_t id = create(db, &u);
	Arena arena = {0};
	User out;
	Err e;
	assert_int_equal(store_user_get(db, id, &arena, &out, &e), 0);
	assert_true(out.national);
	assert_int_equal(out.n_provinces, 0);
	/* The schema holds the rule too. */
	assert_int_not_equal(db_exec(db, "UPDATE app_user SET national = 0", &e), 0);
	arena_free(&arena);
}

static void update_checks_the_version(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	u.id = create(db, &u);
	u.version = 1;
	u.role = ROLE_MANAGER;
	u.full_name = "Nguyễn Thị Lan Anh";
	u.n_provinces = 2;
	u.provinces[0] = "current:92";
	u.provinces[1] = "legacy:94";
	u.username = "ignored"; /* the username never changes */
	Err e;
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), 0);
	Arena arena = {0};
	User out;
	assert_int_equal(store_user_get(db, u.id, &arena, &out, &e), 0);
	assert_string_equal(out.username, "can.bo");
	assert_int_equal(out.role, ROLE_MANAGER);
	assert_int_equal(out.version, 2);
	assert_int_equal(out.n_provinces, 2);
	assert_string_equal(out.provinces[0], "current:92");
	assert_string_equal(out.provinces[1], "legacy:94");
	arena_free(&arena);
	assert_int_equal(
	        db_scalar(db,
	                "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                " AND before_json LIKE '%\"role\":\"staff\"%'"
	                " AND before_json LIKE '%\"provinces\":[\"legacy:94\"]}'"
	                " AND after_json LIKE '%\"role\":\"manager\"%'"
	                " AND after_json LIKE '%\"provinces\":[\"current:92\",\"legacy:94\"]}'"),
	        1);
	/* Edited meanwhile by someone else. */
	u.full_name = "Lan";
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), KC_ECONFLICT);
	assert_refused(db, &e, NULL, "người khác sửa");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 2);
	u.id += 100;
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), KC_ENOTFOUND);
	/* Validation as on create. */
	u.id -= 100;
	u.version = 2;
	u.n_provinces = 0;
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), KC_EINVAL);
	assert_refused(db, &e, "provinces", "Chưa chọn tỉnh");
}

static void last_admin_stays(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User a = officer();
	a.username = "quan.tri";
	a.role = ROLE_ADMIN;
	a.n_provinces = 0;
	a.id = create(db, &a);
	a.version = 1;
	Err e;
	a.active = false;
	assert_int_equal(store_user_update(db, &admin_actor, &a, &e), KC_ECONFLICT);
	assert_refused(db, &e, "active", "quản trị cuối cùng");
	a.active = true;
	a.role = ROLE_MINISTRY;
	assert_int_equal(store_user_update(db, &admin_actor, &a, &e), KC_ECONFLICT);
	assert_refused(db, &e, "role", "quản trị cuối cùng");
	create_named(db, "quan.tri.2", ROLE_ADMIN);
	assert_int_equal(store_user_update(db, &admin_actor, &a, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM app_user WHERE role = 'admin'"), 1);
}

static void list_by_username(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "tinh.soc.trang", ROLE_VIEWER);
	create_named(db, "bo.ct", ROLE_MINISTRY);
	create_named(db, "can.bo", ROLE_STAFF);
	Arena arena = {0};
	UserList l;
	Err e;
	assert_int_equal(store_user_list(db, 0, 0, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].username, "bo.ct");
	assert_true(l.v[0].national);
	assert_int_equal(l.v[0].n_provinces, 0);
	assert_string_equal(l.v[1].username, "can.bo");
	assert_string_equal(l.v[2].username, "tinh.soc.trang");
	assert_int_equal(l.v[2].role, ROLE_VIEWER);
	assert_int_equal(l.v[2].n_provinces, 1);
	assert_string_equal(l.v[2].provinces[0], "legacy:94");
	assert_int_equal(store_user_list(db, 1, 2, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].username, "tinh.soc.trang");
	assert_int_equal(store_user_list(db, 501, 0, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	arena_free(&arena);
}

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	User u = officer();
	int64_t id;
	assert_int_not_equal(store_user_create(db, &admin_actor, &u, password, &id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM app_user"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM user_province"), 0);
	assert_int_equal(db_depth(db), 0);
}

static void roles_by_name(void **state)
{
	(void)state;
	static const struct {
		Role r;
		const char *name, *label;
	} rows[] = {{ROLE_VIEWER, "viewer", "Xem"}, {ROLE_STAFF, "staff", "Cán bộ tỉnh"},
	        {ROLE_MANAGER, "manager", "Lãnh đạo tỉnh"},
	        {ROLE_MINISTRY, "ministry", "Bộ Công Thương"}, {ROLE_ADMIN, "admin", "Quản trị"}};
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		assert_string_equal(role_name(rows[i].r), rows[i].name);
		assert_string_equal(role_label(rows[i].r), rows[i].label);
		assert_int_equal(role_parse(rows[i].name), rows[i].r);
	}
	assert_int_equal(role_parse("officer"), ROLE_NONE);
	assert_int_equal(role_parse("Admin"), ROLE_NONE);
	assert_int_equal(role_parse(NULL), ROLE_NONE);
	assert_string_equal(role_name(ROLE_NONE), "none");
	assert_string_equal(role_name((Role)99), "none");
	assert_string_equal(role_label(ROLE_NONE), "Chưa đăng nhập");
}

/* ---- Signing in ----------------------------------------------------------------------- */

static void login_gives_a_session(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	int64_t id = create(db, &u);
	char token[TOKEN_TEXT_LEN];
	int retry = -1;
	Arena arena = {0};
	Principal p;
	Err e;
	/* Case and surrounding spaces of the name do not matter. */
	assert_int_equal(store_session_login(db, NULL, "  Can.Bo ", password, "10.0.0.1", T0, token,
	                         &retry, &arena, &p, &e),
	        0);
	assert_int_equal(retry, 0);
	assert_int_equal(strlen(token), 43);
	assert_int_equal(
	        strspn(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
	        43);
	assert_int_equal(p.user_id, id);
	assert_string_equal(p.username, "can.bo");
	assert_string_equal(p.full_name, "Nguyễn Thị Lan");
	assert_int_equal(p.role, ROLE_STAFF);
	assert_false(p.via_token);
	assert_non_null(p.csrf_token);
	assert_int_equal(strlen(p.csrf_token), 43);
	assert_string_not_equal(p.csrf_token, token);
	/* Stored as its SHA-256, never as itself. */
	char hex[STORE_SHA256_HEX_LEN];
	assert_int_equal(store_sha256_hex(token, strlen(token), hex, &e), 0);
	assert_int_equal(count_where(db, "user_session", "token_hash", hex), 1);
	assert_int_equal(count_where(db, "user_session", "token_hash", token), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM user_session WHERE created_at = '" T0
	                               "' AND last_seen_at = '" T0
	                               "' AND expires_at = '2026-11-22T20:00:00Z'"
	                               " AND remote_addr = '10.0.0.1'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM login_attempt WHERE ok = 1"
	                               " AND username = 'can.bo' AND remote_addr = '10.0.0.1'"
	                               " AND at = '" T0 "'"),
	        1);
	/* Sessions are not audited records. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 1);
	/* The lookup gives the same principal and CSRF token. */
	Principal q;
	assert_int_equal(store_session_lookup(db, NULL, token, at(60), &arena, &q, &e), 0);
	assert_int_equal(q.user_id, id);
	assert_string_equal(q.csrf_token, p.csrf_token);
	assert_true(principal_csrf_ok(&q, p.csrf_token));
	arena_free(&arena);
}

/* Every way a password sign-in fails looks the same from outside. */
static void wrong_credentials_look_alike(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	create(db, &u);
	User off = officer();
	off.username = "nghi.huu";
	off.active = false;
	create(db, &off);
	static const struct {
		const char *username, *pw;
	} tries[] = {
	        {"can.bo", "mật khẩu sai rồi"},
	        {"khong.co.ai", password},
	        {"nghi.huu", password}, /* the right password of a disabled account */
	        {"can.bo", ""},
	        {"tên có dấu", password},
	        {NULL, password},
	        {"can.bo", NULL},
	};
	for (size_t i = 0; i < COUNT_OF(tries); i++) {
		char token[TOKEN_TEXT_LEN] = "x";
		int retry = -1;
		Err e;
		err_clear(&e);
		assert_int_equal(login(db, tries[i].username, tries[i].pw, "10.0.0.1", at((long)i),
		                         token, &retry, &e),
		        KC_EDENIED);
		assert_string_equal(e.msg, "Tên đăng nhập hoặc mật khẩu không đúng");
		assert_string_equal(token, "");
		assert_int_equal(retry, 0);
	}
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM user_session"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM login_attempt WHERE ok = 0"),
	        (int64_t)COUNT_OF(tries));
	/* What cannot be a user name is kept as NULL, not as typed. */
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM login_attempt WHERE username IS NULL"), 2);
	assert_int_equal(db_depth(db), 0);
}

static double login_ms(Db *db, const char *username, long seconds)
{
	struct timespec a, b;
	char token[TOKEN_TEXT_LEN];
	Err e;
	clock_gettime(CLOCK_MONOTONIC, &a);
	login(db, username, "không phải mật khẩu", NULL, at(seconds), token, NULL, &e);
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
}

/* An unknown name costs an argon2id verification like a known one. The
 * fastest of a few tries is compared, so a busy machine only slows both;
 * without the dummy hash the unknown name is a hundred times faster. */
static void unknown_names_take_as_long(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	double known = 1e9, unknown = 1e9;
	for (int i = 0; i < 4; i++) { /* under the lock's five failures */
		double k = login_ms(db, "can.bo", i), u = login_ms(db, "khong.co.ai", i);
		known = k < known ? k : known;
		unknown = u < unknown ? u : unknown;
	}
	if (unknown * 3 < known)
		fail_msg("unknown name %.2f ms, known name %.2f ms", unknown, known);
}

static void bad_arguments_are_errors(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	Err e;
	assert_int_equal(
	        login(db, "can.bo", password, NULL, "2026-02-30T08:00:00Z", token, NULL, &e),
	        KC_EINVAL);
	assert_contains(e.msg, "2026-02-30T08:00:00Z");
	assert_int_equal(
	        login(db, "can.bo", password, NULL, "2026-11-22 08:00:00", token, NULL, &e),
	        KC_EINVAL);
	assert_int_equal(
	        login(db, "can.bo", password, "10.0.0.1\n", T0, token, NULL, &e), KC_EINVAL);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM login_attempt"), 0);
	/* Without an address, and with the clock. */
	assert_int_equal(login(db, "can.bo", password, NULL, NULL, token, NULL, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM login_attempt WHERE remote_addr IS NULL"
	                      " AND ok = 1"),
	        1);
}

/* A hash made with weaker parameters is made again at the next sign-in. */
static void old_hashes_are_upgraded(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char old[128], sql[256];
	static const unsigned char salt[16] = "muoi sau byte!!";
	assert_int_equal(argon2id_hash_encoded(1, 4096, 1, password, strlen(password), salt,
	                         sizeof salt, 32, old, sizeof old),
	        ARGON2_OK);
	snprintf(sql, sizeof sql, "UPDATE app_user SET password_hash = '%s'", old);
	Err e;
	assert_int_equal(db_exec(db, sql, &e), 0);
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM app_user WHERE password_hash LIKE"
	                               " '$argon2id$v=19$m=19456,t=2,p=1$%'"),
	        1);
	login_ok(db, at(1), token); /* and the new hash verifies */
}

/* ---- Throttling ----------------------------------------------------------------------- */

/* Fails to sign in as username from remote at T0 + seconds. */
static void fail_once(Db *db, const char *username, const char *remote, long seconds)
{
	char token[TOKEN_TEXT_LEN];
	Err e;
	int rc = login(db, username, "không phải mật khẩu", remote, at(seconds), token, NULL, &e);
	if (rc != KC_EDENIED || strcmp(e.msg, "Tên đăng nhập hoặc mật khẩu không đúng"))
		fail_msg("failure %s at +%lds: %d %s", username, seconds, rc, e.msg);
}

static void account_locks_after_five_failures(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char remote[32];
	for (int i = 0; i < 5; i++) {
		snprintf(remote, sizeof remote, "10.0.0.%d", i + 1); /* not the address's lock */
		fail_once(db, "can.bo", remote, i * 60);
	}
	/* Locked at +4 min for 15 min, even with the right password and a new address. */
	char token[TOKEN_TEXT_LEN];
	int retry = 0;
	Err e;
	assert_int_equal(login(db, "CAN.BO", password, "10.9.9.9", at(5 * 60), token, &retry, &e),
	        KC_EDENIED);
	assert_string_equal(e.msg, "Đăng nhập sai quá nhiều lần; thử lại sau 14 phút");
	assert_int_equal(retry, 14 * 60);
	assert_string_equal(token, "");
	assert_int_equal(
	        login(db, "can.bo", password, NULL, at(4 * 60 + 900 - 1), token, &retry, &e),
	        KC_EDENIED);
	assert_int_equal(retry, 1);
	assert_contains(e.msg, "thử lại sau 1 phút");
	/* Refused attempts are not counted: the lock ends on time. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM login_attempt"), 5);
	assert_int_equal(
	        login(db, "can.bo", password, NULL, at(4 * 60 + 900), token, &retry, &e), 0);
	assert_int_equal(retry, 0);
	/* Other accounts were never locked. */
	create_named(db, "can.bo.khac", ROLE_STAFF);
	assert_int_equal(login(db, "can.bo.khac", password, NULL, at(5 * 60), token, NULL, &e), 0);
}

static void unknown_names_lock_alike(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	for (int i = 0; i < 5; i++)
		fail_once(db, "khong.co.ai", NULL, i);
	char token[TOKEN_TEXT_LEN];
	int retry = 0;
	Err e;
	assert_int_equal(
	        login(db, "khong.co.ai", password, NULL, at(5), token, &retry, &e), KC_EDENIED);
	assert_contains(e.msg, "thử lại sau 15 phút");
	assert_int_equal(retry, 899);
}

static void failures_spread_out_do_not_lock(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	/* Five failures, but never five within 15 minutes. */
	for (int i = 0; i < 5; i++)
		fail_once(db, "can.bo", NULL, i * 226);
	char token[TOKEN_TEXT_LEN];
	Err e;
	assert_int_equal(login(db, "can.bo", password, NULL, at(5 * 226), token, NULL, &e), 0);
}

static void success_clears_the_account_count(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	Err e;
	for (int i = 0; i < 4; i++)
		fail_once(db, "can.bo", NULL, i);
	login_ok(db, at(10), token);
	fail_once(db, "can.bo", NULL, 11);
	assert_int_equal(login(db, "can.bo", password, NULL, at(12), token, NULL, &e), 0);
	/* Five failures after the success lock. */
	for (int i = 0; i < 5; i++)
		fail_once(db, "can.bo", NULL, 20 + i);
	assert_int_equal(login(db, "can.bo", password, NULL, at(30), token, NULL, &e), KC_EDENIED);
	assert_contains(e.msg, "quá nhiều lần");
}

static void address_locks_after_twenty_failures(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char name[32], token[TOKEN_TEXT_LEN];
	int retry = 0;
	Err e;
	/* Many names from one address, none of them failing five times. */
	for (int i = 0; i < 19; i++) {
		snprintf(name, sizeof name, "ten.%d", i);
		fail_once(db, name, "203.0.113.7", i);
	}
	/* An office behind one address is not locked by a few mistakes. */
	login_ok(db, at(19), token);
	fail_once(db, "ten.cuoi", "203.0.113.7", 20);
	assert_int_equal(login(db, "can.bo", password, "203.0.113.7", at(21), token, &retry, &e),
	        KC_EDENIED);
	assert_int_equal(retry, 899);
	/* The same account from elsewhere is fine. */
	assert_int_equal(login(db, "can.bo", password, "198.51.100.1", at(22), token, NULL, &e), 0);
	assert_int_equal(
	        login(db, "can.bo", password, "203.0.113.7", at(20 + 900), token, NULL, &e), 0);
}

/* ---- Sessions ------------------------------------------------------------------------- */

static void session_ends_when_idle(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	/* A request within a minute of the last does not write. */
	assert_int_equal(lookup(db, token, at(30)), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM user_session WHERE last_seen_at = '" T0 "'"),
	        1);
	assert_int_equal(lookup(db, token, at(3600)), 0);
	assert_int_equal(count_where(db, "user_session", "last_seen_at", at(3600)), 1);
	/* Two hours after the last request, not after sign-in. */
	assert_int_equal(lookup(db, token, at(3600 + 7200 - 1)), 0);
	assert_int_equal(lookup(db, token, at(3600 + 7200 - 1 + 7200)), KC_ENOTFOUND);
}

static void session_ends_twelve_hours_after_sign_in(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	for (long h = 1; h < 12; h++)
		assert_int_equal(lookup(db, token, at(h * 3600)), 0);
	assert_int_equal(lookup(db, token, at(12 * 3600 - 1)), 0);
	Arena arena = {0};
	Principal p;
	Err e;
	assert_int_equal(
	        store_session_lookup(db, NULL, token, at(12 * 3600), &arena, &p, &e), KC_ENOTFOUND);
	assert_string_equal(e.msg, "Phiên đăng nhập không có hoặc đã hết hạn");
	assert_int_equal(p.user_id, 0);
	arena_free(&arena);
	/* Ended sessions are cleared at the user's next sign-in. */
	login_ok(db, at(12 * 3600 + 1), token);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM user_session"), 1);
}

static void sessions_end_one_or_all(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = create_named(db, "can.bo", ROLE_STAFF);
	create_named(db, "can.bo.khac", ROLE_STAFF);
	char a[TOKEN_TEXT_LEN], b[TOKEN_TEXT_LEN], other[TOKEN_TEXT_LEN];
	Err e;
	login_ok(db, T0, a);
	login_ok(db, at(1), b);
	assert_int_equal(login(db, "can.bo.khac", password, NULL, at(2), other, NULL, &e), 0);
	assert_int_equal(lookup(db, a, at(2)), 0);
	assert_int_equal(store_session_end(db, a, &e), 0);
	assert_int_equal(lookup(db, a, at(3)), KC_ENOTFOUND);
	assert_int_equal(lookup(db, b, at(3)), 0);
	assert_int_equal(store_session_end(db, a, &e), 0); /* again: nothing to do */
	assert_int_equal(store_session_end(db, "not a token", &e), 0);
	assert_int_equal(store_session_end_all(db, id, &e), 0);
	assert_int_equal(lookup(db, b, at(4)), KC_ENOTFOUND);
	assert_int_equal(lookup(db, other, at(4)), 0);
}

static void malformed_cookies_are_not_found(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	char longer[64], changed[TOKEN_TEXT_LEN];
	snprintf(longer, sizeof longer, "%sA", token);
	memcpy(changed, token, sizeof changed);
	changed[0] = changed[0] == 'A' ? 'B' : 'A';
	const char *bad_tokens[] = {
	        NULL, "", "abc", longer, changed, "=========================================== "};
	for (size_t i = 0; i < COUNT_OF(bad_tokens); i++)
		assert_int_equal(lookup(db, bad_tokens[i], at(1)), KC_ENOTFOUND);
	assert_int_equal(lookup(db, token, at(1)), 0);
}

static void set_password_ends_sessions(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	Actor later = admin_actor;
	later.now = "2026-11-23T08:00:00Z";
	Err e;
	assert_int_equal(store_user_set_password(db, &later, id, "ngắn", &e), KC_EINVAL);
	assert_refused(db, &e, "password", "ít nhất 10 ký tự");
	assert_int_equal(lookup(db, token, at(60)), 0);
	assert_int_equal(store_user_set_password(db, &later, id, "Một mật khẩu mới hẳn", &e), 0);
	assert_int_equal(lookup(db, token, at(61)), KC_ENOTFOUND);
	assert_int_equal(login(db, "can.bo", password, NULL, at(180), token, NULL, &e), KC_EDENIED);
	assert_int_equal(
	        login(db, "can.bo", "Một mật khẩu mới hẳn", NULL, at(240), token, NULL, &e), 0);
	/* Audited without the hash; the profile's version is left alone. */
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                      " AND before_json LIKE '%\"password_changed_at\":\"" T0 "\"%'"
	                      " AND after_json LIKE"
	                      " '%\"password_changed_at\":\"2026-11-23T08:00:00Z\"%'"
	                      " AND after_json NOT LIKE '%argon2%'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT version FROM app_user"), 1);
	assert_int_equal(store_user_set_password(db, &later, id + 7, "Một mật khẩu mới hẳn", &e),
	        KC_ENOTFOUND);
	assert_refused(db, &e, NULL, "Không có tài khoản số");
}

static void disabling_ends_sessions(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	u.id = create(db, &u);
	u.version = 1;
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	assert_int_equal(lookup(db, token, at(59)), 0);
	u.active = false;
	Err e;
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM user_session"), 0);
	assert_int_equal(lookup(db, token, at(60)), KC_ENOTFOUND);
	assert_int_equal(login(db, "can.bo", password, NULL, at(120), token, NULL, &e), KC_EDENIED);
	assert_string_equal(e.msg, "Tên đăng nhập hoặc mật khẩu không đúng");
}

/* ---- The cache of sessions -------------------------------------------------------------- */

static void cached_sessions_cost_no_query(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	assert_int_equal(lookup(db, token, at(1)), 0);
	/* Gone behind the store's back (another process): remembered for the
	 * cache's five seconds, from the lookup that read it, and no longer. */
	Err e;
	assert_int_equal(db_exec(db, "DELETE FROM user_session", &e), 0);
	assert_int_equal(lookup(db, token, at(2)), 0);
	assert_int_equal(lookup(db, token, at(5)), 0);
	assert_int_equal(lookup(db, token, at(6)), KC_ENOTFOUND);
	/* A clock that runs backwards finds nothing remembered either. */
	login_ok(db, at(10), token);
	assert_int_equal(lookup(db, token, at(11)), 0);
	assert_int_equal(db_exec(db, "DELETE FROM user_session", &e), 0);
	assert_int_equal(lookup(db, token, at(10)), KC_ENOTFOUND);
}

static void cached_sessions_still_expire(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	create_named(db, "can.bo", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	Err e;
	Arena arena = {0};
	Principal p;
	/* Idle for three seconds is too long: the entry ends with the session. */
	SessionPolicy pol = store_session_policy();
	pol.idle_seconds = 3;
	login_ok(db, T0, token);
	assert_int_equal(lookup_as(db, &pol, token, at(1), &p, &arena), 0);
	assert_int_equal(lookup_as(db, &pol, token, at(2), &p, &arena), 0);
	assert_int_equal(lookup_as(db, &pol, token, at(3), &p, &arena), KC_ENOTFOUND);
	/* Likewise four seconds after sign-in. */
	pol = store_session_policy();
	pol.absolute_seconds = 4;
	assert_int_equal(store_session_login(db, &pol, "can.bo", password, NULL, at(100), token,
	                         NULL, &arena, &p, &e),
	        0);
	assert_int_equal(lookup_as(db, &pol, token, at(101), &p, &arena), 0);
	assert_int_equal(lookup_as(db, &pol, token, at(103), &p, &arena), 0);
	assert_int_equal(lookup_as(db, &pol, token, at(104), &p, &arena), KC_ENOTFOUND);
	arena_free(&arena);
}

static void cached_sessions_follow_their_account(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	u.id = create(db, &u);
	u.version = 1;
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	Arena arena = {0};
	Principal p;
	Err e;
	assert_int_equal(lookup_as(db, NULL, token, at(1), &p, &arena), 0);
	assert_int_equal(p.role, ROLE_STAFF);
	assert_string_equal(p.full_name, "Nguyễn Thị Lan");
	assert_true(principal_has_province(&p, "92"));
	/* Another role, province and name: from the next request. */
	u.role = ROLE_MANAGER;
	u.provinces[0] = "current:01";
	u.full_name = "Nguyễn Thị Lan Anh";
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), 0);
	assert_int_equal(lookup_as(db, NULL, token, at(2), &p, &arena), 0);
	assert_int_equal(p.role, ROLE_MANAGER);
	assert_string_equal(p.full_name, "Nguyễn Thị Lan Anh");
	assert_true(principal_has_province(&p, "01"));
	assert_false(principal_has_province(&p, "92"));
	assert_int_equal(strlen(p.csrf_token), TOKEN_TEXT_LEN - 1);
	arena_free(&arena);
}

static void a_lookup_overtaken_by_a_change_is_not_kept(void **state)
{
	(void)state;
	SessionCache *c = store_session_cache_new(5);
	char hash[STORE_SHA256_HEX_LEN];
	memset(hash, 'a', sizeof hash - 1);
	hash[sizeof hash - 1] = '\0';
	Principal p = {.user_id = 7,
	        .username = "can.bo",
	        .full_name = "Lan",
	        .role = ROLE_STAFF,
	        .csrf_token = "x"};
	Arena arena = {0};
	Principal out;
	uint64_t gen = store_session_cache_generation();
	store_session_cache_changed(); /* a sign-out committed meanwhile */
	store_session_cache_put(c, hash, &p, gen, 100, 1000);
	assert_false(store_session_cache_get(c, hash, 101, &arena, &out));
	gen = store_session_cache_generation();
	store_session_cache_put(c, hash, &p, gen, 100, 1000);
	assert_true(store_session_cache_get(c, hash, 101, &arena, &out));
	assert_int_equal(out.user_id, 7);
	assert_string_equal(out.username, "can.bo");
	store_session_cache_changed();
	assert_false(store_session_cache_get(c, hash, 101, &arena, &out));
	/* A principal that does not fit is not kept. */
	char huge[300];
	memset(huge, 'x', sizeof huge - 1);
	huge[sizeof huge - 1] = '\0';
	p.full_name = huge;
	gen = store_session_cache_generation();
	store_session_cache_put(c, hash, &p, gen, 100, 1000);
	assert_false(store_session_cache_get(c, hash, 101, &arena, &out));
	store_session_cache_free(c);
	arena_free(&arena);
}

/* ---- Province scope ------------------------------------------------------------------- */

static void principal_provinces_are_current(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	u.n_provinces = 3;
	u.provinces[0] = "legacy:94"; /* Sóc Trăng, merged into Cần Thơ */
	u.provinces[1] = "current:92";
	u.provinces[2] = "legacy:01"; /* Hà Nội, itself */
	create(db, &u);
	char token[TOKEN_TEXT_LEN];
	login_ok(db, T0, token);
	Arena arena = {0};
	Principal p;
	Err e;
	assert_int_equal(store_session_lookup(db, NULL, token, at(1), &arena, &p, &e), 0);
	assert_false(p.all_provinces);
	assert_int_equal(p.n_provinces, 2); /* 92 once */
	assert_true(principal_has_province(&p, "92"));
	assert_true(principal_has_province(&p, "01"));
	assert_false(principal_has_province(&p, "94"));
	assert_false(principal_has_province(&p, "79"));
	assert_false(principal_has_province(&p, NULL));

	create_named(db, "bo.ct", ROLE_MINISTRY);
	assert_int_equal(store_session_login(db, NULL, "bo.ct", password, NULL, at(2), token, NULL,
	                         &arena, &p, &e),
	        0);
	assert_true(p.all_provinces);
	assert_int_equal(p.n_provinces, 0);
	assert_true(principal_has_province(&p, "79"));
	arena_free(&arena);
}

static void csrf_tokens_compare_whole(void **state)
{
	(void)state;
	Principal p = {.csrf_token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"};
	assert_true(principal_csrf_ok(&p, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"));
	assert_false(principal_csrf_ok(&p, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdf"));
	assert_false(principal_csrf_ok(&p, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd"));
	assert_false(principal_csrf_ok(&p, "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcdee"));
	assert_false(principal_csrf_ok(&p, ""));
	assert_false(principal_csrf_ok(&p, NULL));
	Principal by_token = {.via_token = true};
	assert_false(principal_csrf_ok(&by_token, ""));
}

/* ---- API tokens ----------------------------------------------------------------------- */

static int token_lookup(Db *db, const char *token, const char *now, Principal *p)
{
	Arena arena = {0};
	Err e;
	int rc = store_token_lookup(db, token, now, &arena, p, &e);
	/* Only the scalar fields are read after the arena is gone. */
	p->username = p->full_name = p->csrf_token = NULL;
	arena_free(&arena);
	return rc;
}

static void tokens_create_and_look_up(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t uid = create_named(db, "he.thong.tinh", ROLE_STAFF);
	char ro[TOKEN_TEXT_LEN], rw[TOKEN_TEXT_LEN];
	int64_t ro_id, rw_id;
	Err e;
	assert_int_equal(store_token_create(db, &admin_actor, uid, "Kết nối hệ thống báo cáo tỉnh",
	                         false, "", ro, &ro_id, &e),
	        0);
	assert_int_equal(store_token_create(db, &admin_actor, uid, "Nhập số liệu tự động", true,
	                         NULL, rw, &rw_id, &e),
	        0);
	assert_int_equal(strlen(ro), 43);
	assert_string_not_equal(ro, rw);
	Principal p;
	assert_int_equal(token_lookup(db, ro, at(60), &p), 0);
	assert_int_equal(p.user_id, uid);
	assert_true(p.via_token);
	assert_false(p.token_write);
	assert_null(p.csrf_token);
	assert_false(p.all_provinces);
	assert_int_equal(p.n_provinces, 1);
	assert_int_equal(token_lookup(db, rw, at(60), &p), 0);
	assert_true(p.token_write);
	/* Stored as the SHA-256, never as itself; a session cookie it is not. */
	char hex[STORE_SHA256_HEX_LEN];
	assert_int_equal(store_sha256_hex(ro, strlen(ro), hex, &e), 0);
	assert_int_equal(count_where(db, "api_token", "token_hash", hex), 1);
	assert_int_equal(count_where(db, "api_token", "token_hash", ro), 0);
	assert_int_equal(lookup(db, ro, at(60)), KC_ENOTFOUND);
	/* Audited, without the hash. */
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'api_token'"
	                      " AND action = 'insert' AND after_json NOT LIKE '%token_hash%'"
	                      " AND after_json LIKE '%\"can_write\":1%'"),
	        1);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'api_token'"), 2);
}

static void tokens_expire_and_are_revoked(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t uid = create_named(db, "he.thong.tinh", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	int64_t id;
	Err e;
	/* Through 31 December in Việt Nam: until 17:00 UTC. */
	assert_int_equal(store_token_create(db, &admin_actor, uid, "Báo cáo cuối năm", false,
	                         "2026-12-31", token, &id, &e),
	        0);
	assert_int_equal(count_where(db, "api_token", "expires_at", "2026-12-31T17:00:00Z"), 1);
	Principal p;
	assert_int_equal(token_lookup(db, token, "2026-12-31T16:59:59Z", &p), 0);
	assert_int_equal(token_lookup(db, token, "2026-12-31T17:00:00Z", &p), KC_ENOTFOUND);

	assert_int_equal(store_token_create(db, &admin_actor, uid, "Cổng dữ liệu", false,
	                         "2027-06-30T00:00:00Z", token, &id, &e),
	        0);
	assert_int_equal(token_lookup(db, token, at(60), &p), 0);
	Actor later = admin_actor;
	later.now = "2026-11-22T09:00:00Z";
	assert_int_equal(store_token_revoke(db, &later, id, &e), 0);
	assert_int_equal(token_lookup(db, token, at(3601), &p), KC_ENOTFOUND);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'api_token'"
	                      " AND action = 'update' AND before_json LIKE"
	                      " '%\"revoked_at\":null%' AND after_json LIKE"
	                      " '%\"revoked_at\":\"2026-11-22T09:00:00Z\"%'"),
	        1);
	/* Revoking again changes nothing; an unknown token is an error. */
	assert_int_equal(store_token_revoke(db, &later, id, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"), 1);
	assert_int_equal(store_token_revoke(db, &later, id + 9, &e), KC_ENOTFOUND);
	assert_refused(db, &e, NULL, "Không có mã truy cập số");
}

static void tokens_follow_their_account(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	u.id = create(db, &u);
	u.version = 1;
	char token[TOKEN_TEXT_LEN];
	int64_t id;
	Err e;
	assert_int_equal(store_token_create(
	                         db, &admin_actor, u.id, "Máy chủ tỉnh", true, "", token, &id, &e),
	        0);
	Principal p;
	assert_int_equal(token_lookup(db, token, at(1), &p), 0);
	/* A password change does not end tokens; disabling the account does. */
	assert_int_equal(
	        store_user_set_password(db, &admin_actor, u.id, "Một mật khẩu mới hẳn", &e), 0);
	assert_int_equal(token_lookup(db, token, at(2), &p), 0);
	u.active = false;
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), 0);
	assert_int_equal(token_lookup(db, token, at(3), &p), KC_ENOTFOUND);
	assert_int_equal(
	        store_token_create(db, &admin_actor, u.id, "Máy khác", false, "", token, &id, &e),
	        KC_EINVAL);
	assert_refused(db, &e, "user_id", "đang bị khóa");
	assert_string_equal(token, "");
}

typedef struct BadToken {
	const char *why;
	Role role;
	const char *name;
	bool write;
	const char *expires, *field, *says;
} BadToken;

static const BadToken bad_tokens[] = {
        {"no name", ROLE_STAFF, " ", false, "", "name", "Chưa nhập tên mã truy cập"},
        {"a viewer writing", ROLE_VIEWER, "Ghi", true, "", "write", "chỉ được xem"},
        {"expired already", ROLE_STAFF, "Cũ", false, "2026-11-21", "expires_at",
                "Ngày hết hạn 21/11/2026 đã qua"},
        {"expiry not a date", ROLE_STAFF, "Sai", false, "31/12/2026", "expires_at",
                "'31/12/2026' không đúng dạng"},
        {"no such day", ROLE_STAFF, "Sai", false, "2026-02-30", "expires_at", "'2026-02-30"},
        {"no such user", ROLE_NONE, "Ai", false, "", "user_id", "Không có tài khoản số"},
};

static void invalid_token_changes_nothing(void **state)
{
	const BadToken *b = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	int64_t uid = b->role ? create_named(t.db, "ai.do", b->role) : 42;
	char token[TOKEN_TEXT_LEN] = "x";
	int64_t id = -1;
	Err e;
	err_clear(&e);
	int rc = store_token_create(
	        t.db, &admin_actor, uid, b->name, b->write, b->expires, token, &id, &e);
	assert_int_equal(rc, b->role ? KC_EINVAL : KC_ENOTFOUND);
	assert_refused(t.db, &e, b->field, b->says);
	assert_string_equal(token, "");
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM api_token"), 0);
	assert_int_equal(
	        db_scalar(t.db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'api_token'"),
	        0);
	tmpdb_close(&t);
}

/* After all of the above in one database, no audit row holds a secret. */
static void audit_holds_no_secret(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	User u = officer();
	u.id = create(db, &u);
	u.version = 1;
	Err e;
	char token[TOKEN_TEXT_LEN];
	int64_t id;
	assert_int_equal(
	        store_user_set_password(db, &admin_actor, u.id, "Một mật khẩu mới hẳn", &e), 0);
	u.role = ROLE_MANAGER;
	assert_int_equal(store_user_update(db, &admin_actor, &u, &e), 0);
	assert_int_equal(
	        store_token_create(db, &admin_actor, u.id, "Kết nối", true, "", token, &id, &e), 0);
	assert_int_equal(store_token_revoke(db, &admin_actor, id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 5);
#define SNAPSHOTS "(COALESCE(a.before_json, '') || COALESCE(a.after_json, ''))"
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log a WHERE " SNAPSHOTS
	                               " LIKE '%argon2%' OR " SNAPSHOTS " LIKE '%hash%'"),
	        0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                      " ON REPLACE(" SNAPSHOTS ", u.password_hash, '') <> " SNAPSHOTS),
	        0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log a JOIN api_token t"
	                      " ON REPLACE(" SNAPSHOTS ", t.token_hash, '') <> " SNAPSHOTS),
	        0);
#undef SNAPSHOTS
	char sql[256];
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM audit_log WHERE REPLACE(after_json, '%s', '') <> after_json",
	        token);
	assert_int_equal(db_scalar(db, sql), 0);
}

/* Tokens read back for their owner and the admins: newest first, revoked
 * ones too, one user's only, never the hash. */
static void tokens_listed_without_secrets(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t uid = create_named(db, "he.thong.tinh", ROLE_STAFF);
	int64_t other = create_named(db, "nguoi.khac", ROLE_STAFF);
	char token[TOKEN_TEXT_LEN];
	int64_t first, second, theirs;
	Err e;
	assert_int_equal(store_token_create(
	                         db, &admin_actor, uid, "Thứ nhất", false, NULL, token, &first, &e),
	        0);
	assert_int_equal(store_token_create(db, &admin_actor, uid, "Thứ hai", true, "2027-01-31",
	                         token, &second, &e),
	        0);
	assert_int_equal(store_token_create(db, &admin_actor, other, "Của người khác", false, NULL,
	                         token, &theirs, &e),
	        0);
	assert_int_equal(store_token_revoke(db, &admin_actor, first, &e), 0);
	Arena arena = {0};
	TokenList l;
	assert_int_equal(store_token_list(db, uid, 0, 0, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, second);
	assert_string_equal(l.v[0].name, "Thứ hai");
	assert_true(l.v[0].write);
	assert_string_equal(l.v[0].expires_at, "2027-01-31T17:00:00Z");
	assert_null(l.v[0].revoked_at);
	assert_int_equal(l.v[1].id, first);
	assert_non_null(l.v[1].revoked_at);
	assert_null(l.v[1].expires_at);
	assert_int_equal(store_token_list(db, uid, 1, 1, &arena, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, first);
	assert_int_equal(store_token_list(db, uid, 501, 0, &arena, &l, &e), KC_EINVAL);
	ApiToken one;
	assert_int_equal(store_token_get(db, theirs, &arena, &one, &e), 0);
	assert_int_equal(one.user_id, other);
	assert_int_equal(store_token_get(db, theirs + 9, &arena, &one, &e), KC_ENOTFOUND);
	assert_contains(e.msg, "Không có mã truy cập số");
	arena_free(&arena);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, create_and_read_back);
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, invalid_account_changes_nothing, (void *)&bad[i],
		        "invalid account: %s", bad[i].why);
	TL_ADD(&tl, username_is_unique);
	TL_ADD(&tl, ministry_and_admin_are_national);
	TL_ADD(&tl, update_checks_the_version);
	TL_ADD(&tl, last_admin_stays);
	TL_ADD(&tl, list_by_username);
	TL_ADD(&tl, failed_audit_leaves_nothing);
	TL_ADD(&tl, roles_by_name);
	TL_ADD(&tl, login_gives_a_session);
	TL_ADD(&tl, wrong_credentials_look_alike);
	TL_ADD(&tl, unknown_names_take_as_long);
	TL_ADD(&tl, bad_arguments_are_errors);
	TL_ADD(&tl, old_hashes_are_upgraded);
	TL_ADD(&tl, account_locks_after_five_failures);
	TL_ADD(&tl, unknown_names_lock_alike);
	TL_ADD(&tl, failures_spread_out_do_not_lock);
	TL_ADD(&tl, success_clears_the_account_count);
	TL_ADD(&tl, address_locks_after_twenty_failures);
	TL_ADD(&tl, session_ends_when_idle);
	TL_ADD(&tl, session_ends_twelve_hours_after_sign_in);
	TL_ADD(&tl, sessions_end_one_or_all);
	TL_ADD(&tl, malformed_cookies_are_not_found);
	TL_ADD(&tl, set_password_ends_sessions);
	TL_ADD(&tl, disabling_ends_sessions);
	TL_ADD(&tl, cached_sessions_cost_no_query);
	TL_ADD(&tl, cached_sessions_still_expire);
	TL_ADD(&tl, cached_sessions_follow_their_account);
	TL_ADD(&tl, a_lookup_overtaken_by_a_change_is_not_kept);
	TL_ADD(&tl, principal_provinces_are_current);
	TL_ADD(&tl, csrf_tokens_compare_whole);
	TL_ADD(&tl, tokens_create_and_look_up);
	TL_ADD(&tl, tokens_expire_and_are_revoked);
	TL_ADD(&tl, tokens_follow_their_account);
	TL_ADD(&tl, tokens_listed_without_secrets);
	for (size_t i = 0; i < COUNT_OF(bad_tokens); i++)
		tl_addf(&tl, invalid_token_changes_nothing, (void *)&bad_tokens[i],
		        "invalid token: %s", bad_tokens[i].why);
	TL_ADD(&tl, audit_holds_no_secret);
	/* Tests that need a fresh database get one each. */
	for (size_t i = 0; i < tl.n; i++)
		if (tl.v[i].test_func != invalid_account_changes_nothing &&
		        tl.v[i].test_func != invalid_token_changes_nothing &&
		        tl.v[i].test_func != roles_by_name &&
		        tl.v[i].test_func != csrf_tokens_compare_whole) {
			tl.v[i].setup_func = tmpdb_setup_loaded;
			tl.v[i].teardown_func = tmpdb_teardown;
		}
	cache = store_session_cache_new(5);
	int failed = tl_run(&tl, "store/user");
	store_session_cache_free(cache);
	return failed;
}
