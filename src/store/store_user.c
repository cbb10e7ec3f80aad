/* store_user.c — see store_user.h. */
#include "store/store_user.h"

#include <argon2.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/json.h"
#include "core/vntext.h"
#include "store/store_admin.h"

/* argon2id parameters: OWASP's Password Storage Cheat Sheet's first choice,
 * m = 19 MiB, t = 2 passes, p = 1 lane (about 16 ms a hash on the 2-core
 * build machine). The memory is what makes guessing expensive on GPUs and
 * ASICs; 19 MiB a sign-in also keeps a flood of sign-ins from exhausting a
 * small provincial server (the throttle bounds the rest). The parameters are
 * written into every hash, so raising them here upgrades each stored hash at
 * its owner's next sign-in. */
enum {
	ARGON_T = 2,
	ARGON_M_KIB = 19456,
	ARGON_P = 1,
	ARGON_SALT_BYTES = 16,
	ARGON_HASH_BYTES = 32,
	HASH_TEXT_MAX = 256, /* the encoded hash is 97 characters with these parameters */
};

enum {
	USERNAME_MIN = 3,
	USERNAME_MAX = 64,
	PASSWORD_MIN_CHARS = 10,
	PASSWORD_MAX_BYTES = 128,
	NAME_MAX_BYTES = 200,
	REMOTE_MAX_BYTES = 64,
	TOKEN_BYTES = 32,           /* 256 random bits */
	SESSION_TOUCH_SECONDS = 60, /* how stale last_seen_at may get before a lookup writes it */
};

_Static_assert(sodium_base64_ENCODED_LEN(TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING) ==
                       TOKEN_TEXT_LEN,
        "TOKEN_TEXT_LEN holds 256 bits as base64url without padding");

static const StoreChoice roles[] = {{"viewer", "Xem"}, {"staff", "Cán bộ tỉnh"},
        {"manager", "Lãnh đạo tỉnh"}, {"ministry", "Bộ Công Thương"}, {"admin", "Quản trị"}};

/* The audit snapshot of an account leaves out password_hash: a hash in the
 * audit log would outlive every password change. */
static const char user_select[] = "SELECT id, username, full_name, role, national, active,"
                                  " created_at, updated_at, password_changed_at, version"
                                  " FROM app_user WHERE id = ?";
static const char user_what[] = "tài khoản";

/* Likewise for tokens: everything but token_hash. */
static const char token_select[] = "SELECT id, user_id, name, can_write, created_at, expires_at,"
                                   " revoked_at FROM api_token WHERE id = ?";
static const StoreTable tokens = {"api_token", token_select, NULL, "mã truy cập"};

static const char no_such_session[] = "Phiên đăng nhập không có hoặc đã hết hạn";
static const char no_such_token[] = "Mã truy cập không có, đã bị thu hồi hoặc đã hết hạn";
static const char bad_credentials[] = "Tên đăng nhập hoặc mật khẩu không đúng";

/* ---- Roles and principals ------------------------------------------------------------- */

const char *role_name(Role r)
{
	return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? roles[r - 1].value : "none";
}

Role role_parse(const char *s)
{
	return (Role)(store_choice_index(roles, STORE_COUNT_OF(roles), s) + 1);
}

const char *role_label(Role r)
{
	return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? roles[r - 1].label : "Chưa đăng nhập";
}

bool principal_has_province(const Principal *p, const char *current_code)
{
	if (p->all_provinces)
		return true;
	for (int i = 0; current_code && i < p->n_provinces; i++)
		if (!strcmp(p->provinces[i], current_code))
			return true;
	return false;
}

bool principal_csrf_ok(const Principal *p, const char *given)
{
	if (!p->csrf_token || !given)
		return false;
	size_t n = strlen(p->csrf_token);
	/* The length is no secret: every token has the same. */
	return strlen(given) == n && sodium_memcmp(p->csrf_token, given, n) == 0;
}

SessionPolicy store_session_policy(void)
{
	return (SessionPolicy){.idle_seconds = 2 * 3600,
	        .absolute_seconds = 12 * 3600,
	        .max_failures = 5,
	        .max_address_failures = 20,
	        .window_seconds = 15 * 60,
	        .lockout_seconds = 15 * 60};
}

User store_user_blank(void)
{
	return (User){.active = true};
}

/* ---- Times ---------------------------------------------------------------------------- */

/* The seconds since 1970 of s, "YYYY-MM-DDTHH:MM:SSZ", or of the clock for
 * NULL; KC_EINVAL for anything else, including days that do not exist. */
static int parse_time(const char *s, time_t *out, Err *e)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (!s) {
		*out = time(NULL);
		return 0;
	}
	bool ok = strlen(s) == sizeof shape - 1;
	for (size_t i = 0; ok && i < sizeof shape - 1; i++)
		ok = shape[i] == 'd' ? s[i] >= '0' && s[i] <= '9' : s[i] == shape[i];
	struct tm tm = {0}, back;
	if (ok) {
#define NUM2(i) ((s[i] - '0') * 10 + s[(i) + 1] - '0')
		tm.tm_year = NUM2(0) * 100 + NUM2(2) - 1900;
		tm.tm_mon = NUM2(5) - 1;
		tm.tm_mday = NUM2(8);
		tm.tm_hour = NUM2(11);
		tm.tm_min = NUM2(14);
		tm.tm_sec = NUM2(17);
#undef NUM2
		back = tm;
		*out = timegm(&back);
		/* timegm normalises 30 February to 2 March: a changed field means no such time. */
		ok = back.tm_mday == tm.tm_mday && back.tm_mon == tm.tm_mon &&
		     back.tm_hour == tm.tm_hour && back.tm_min == tm.tm_min &&
		     back.tm_sec == tm.tm_sec;
	}
	if (!ok) {
		char q[VN_QUOTE_MAX];
		return err_set(e, KC_EINVAL, "time '%s' is not YYYY-MM-DDTHH:MM:SSZ",
		        vn_quote(q, sizeof q, s, strlen(s)));
	}
	return 0;
}

static void format_time(time_t t, char out[STORE_TIME_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, STORE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* ---- Secrets -------------------------------------------------------------------------- */

static int sodium_ready(Err *e)
{
	/* Idempotent and thread-safe, and cheap after the first call. */
	return sodium_init() < 0 ? err_set(e, KC_EIO, "cannot initialise libsodium") : 0;
}

/* 256 random bits as base64url without padding: 43 characters. */
static int random_token(char out[TOKEN_TEXT_LEN], Err *e)
{
	unsigned char b[TOKEN_BYTES];
	int rc = sodium_ready(e);
	if (rc)
		return rc;
	randombytes_buf(b, sizeof b);
	sodium_bin2base64(
	        out, TOKEN_TEXT_LEN, b, sizeof b, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(b, sizeof b);
	return 0;
}

/* Whether t could be a token random_token made. */
static bool token_well_formed(const char *t)
{
	size_t n = t ? strnlen(t, TOKEN_TEXT_LEN) : 0;
	if (n != TOKEN_TEXT_LEN - 1)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = t[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		            c == '-' || c == '_'))
			return false;
	}
	return true;
}

/* The prefix of a hash made with the current parameters:
 * "$argon2id$v=19$m=19456,t=2,p=1$". */
static const char *hash_prefix(char out[64])
{
	snprintf(out, 64, "$argon2id$v=%d$m=%d,t=%d,p=%d$", ARGON2_VERSION_NUMBER, ARGON_M_KIB,
	        ARGON_T, ARGON_P);
	return out;
}

static int hash_password(const char *password, char out[HASH_TEXT_MAX], Err *e)
{
	unsigned char salt[ARGON_SALT_BYTES];
	int rc = sodium_ready(e);
	if (rc)
		return rc;
	randombytes_buf(salt, sizeof salt);
	rc = argon2id_hash_encoded(ARGON_T, ARGON_M_KIB, ARGON_P, password, strlen(password), salt,
	        sizeof salt, ARGON_HASH_BYTES, out, HASH_TEXT_MAX);
	if (rc != ARGON2_OK)
		return err_set(e, KC_EIO, "cannot hash a password: %s", argon2_error_message(rc));
	return 0;
}

/* Whether password matches hash, an encoded argon2id hash; NULL hash checks
 * against a dummy with the current parameters, which costs the same and
 * never matches, so that an unknown user name takes as long as a known one. */
static bool password_matches(const char *hash, const char *password)
{
	char dummy[HASH_TEXT_MAX], prefix[64];
	if (!hash) {
		/* Any salt and digest of the right lengths will do: 16 and 32 zero bytes. */
		snprintf(dummy, sizeof dummy, "%sAAAAAAAAAAAAAAAAAAAAAA$%s", hash_prefix(prefix),
		        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
		hash = dummy;
	}
	return argon2id_verify(hash, password, strlen(password)) == ARGON2_OK;
}

/* Whether a stored hash was made with other parameters than today's. */
static bool needs_rehash(const char *hash)
{
	char prefix[64];
	hash_prefix(prefix);
	return strncmp(hash, prefix, strlen(prefix)) != 0;
}

/* ---- Validation ----------------------------------------------------------------------- */

static bool username_ok(const char *s, size_t n)
{
	if (n < USERNAME_MIN || n > USERNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '.' ||
		            s[i] == '_' || s[i] == '-'))
			return false;
	return true;
}

static int check_username(const char *s, Err *e)
{
	if (!s || !s[0])
		return err_field(e, "username", KC_EINVAL, "Chưa nhập tên đăng nhập");
	if (username_ok(s, strlen(s)))
		return 0;
	char q[VN_QUOTE_MAX];
	return err_field(e, "username", KC_EINVAL,
	        "Tên đăng nhập '%s' không hợp lệ: cần 3 đến 64 ký tự, chỉ gồm chữ thường không dấu"
	        " a-z, chữ số và dấu . _ -",
	        vn_quote(q, sizeof q, s, strlen(s)));
}

/* The minimum is in characters (what a user counts), the maximum in bytes
 * (what the hash and the form take). */
static int check_password(const char *pw, Err *e)
{
	size_t n = pw ? strlen(pw) : 0, chars = 0;
	if (pw && !vn_utf8_valid(pw, n))
		return err_field(
		        e, "password", KC_EINVAL, "Mật khẩu không phải văn bản UTF-8 hợp lệ");
	for (size_t i = 0; i < n; i++)
		chars += ((unsigned char)pw[i] & 0xC0) != 0x80;
	if (chars < PASSWORD_MIN_CHARS)
		return err_field(e, "password", KC_EINVAL, "Mật khẩu phải có ít nhất %d ký tự",
		        PASSWORD_MIN_CHARS);
	if (n > PASSWORD_MAX_BYTES)
		return err_field(e, "password", KC_EINVAL,
		        "Mật khẩu dài quá: tối đa %d byte (chữ có dấu chiếm 2 đến 3 byte)",
		        PASSWORD_MAX_BYTES);
	return 0;
}

/* Splits "list:code" into u (a province); false if it is not of that shape. */
static bool parse_province(const char *s, UnitRef *u)
{
	const char *colon = s ? strchr(s, ':') : NULL;
	if (!colon)
		return false;
	size_t nl = (size_t)(colon - s), nc = strlen(colon + 1);
	if (nl == 0 || nl >= sizeof u->list || nc == 0 || nc >= sizeof u->code)
		return false;
	*u = (UnitRef){.level = "province"};
	memcpy(u->list, s, nl);
	memcpy(u->code, colon + 1, nc);
	return true;
}

/* A province of a user's scope: a province unit of either list, which can be
 * re-based onto a current province (its code is then in current). */
static int check_province(Db *db, const char *s, char current[3], Err *e)
{
	UnitRef u;
	char q[VN_QUOTE_MAX];
	if (!parse_province(s, &u))
		return err_field(e, "provinces", KC_EINVAL,
		        "Tỉnh '%s' không đúng dạng danh_mục:mã (ví dụ current:92 hoặc legacy:94)",
		        vn_quote(q, sizeof q, s ? s : "", s ? strlen(s) : 0));
	int rc = store_admin_check(db, u.list, u.code, "province", NULL, 0, "provinces", e);
	if (rc == 0 && (rc = store_admin_current_province(db, &u, current, e)))
		store_at_field(e, "provinces", rc);
	return rc;
}

/* Whether the account is national: asked for, or implied by the role. */
static bool is_national(const User *in)
{
	return in->national || in->role >= ROLE_MINISTRY;
}

static int check_scope(Db *db, const User *in, Err *e)
{
	if (in->n_provinces < 0 || in->n_provinces > USER_MAX_PROVINCES)
		return err_field(e, "provinces", KC_EINVAL, "Một tài khoản có tối đa %d tỉnh",
		        USER_MAX_PROVINCES);
	if (is_national(in) && in->n_provinces)
		return err_field(e, "provinces", KC_EINVAL,
		        "Tài khoản %s xem được mọi tỉnh; bỏ danh sách tỉnh",
		        in->national ? "toàn quốc" : role_label(in->role));
	if (!is_national(in) && !in->n_provinces)
		return err_field(e, "provinces", KC_EINVAL,
		        "Chưa chọn tỉnh, thành phố cho tài khoản (hoặc chọn toàn quốc)");
	char current[3];
	int rc = 0;
	for (int i = 0; rc == 0 && i < in->n_provinces; i++)
		rc = check_province(db, in->provinces[i], current, e);
	return rc;
}

static int check_user(Db *db, const User *in, Err *e)
{
	int rc;
	if (!store_has_text(in->full_name))
		return err_field(e, "full_name", KC_EINVAL, "Chưa nhập họ tên");
	if ((rc = store_check_text(in->full_name, NAME_MAX_BYTES, "full_name", "Họ tên", e)) ||
	        (rc = store_check_choice(
	                 role_name(in->role), roles, STORE_COUNT_OF(roles), "role", "Vai trò", e)))
		return rc;
	return check_scope(db, in, e);
}

/* ---- Accounts ------------------------------------------------------------------------- */

#define USER_COLUMNS "id, username, full_name, role, national, active, version"

static void read_user(Stmt *st, Arena *arena, void *out)
{
	User *u = out;
	*u = (User){.id = db_col_int64(st, 0),
	        .username = store_col_text(st, 1, arena),
	        .full_name = store_col_text(st, 2, arena),
	        .role = role_parse(db_col_text(st, 3)),
	        .national = db_col_int64(st, 4) != 0,
	        .active = db_col_int64(st, 5) != 0,
	        .version = (int)db_col_int64(st, 6)};
}

/* Fills u->provinces with the user's provinces as "list:code", in order. */
static int read_provinces(Db *db, User *u, Arena *arena, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT province_list || ':' || province_code FROM user_province WHERE user_id = ?"
	        " ORDER BY province_list, province_code",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, u->id);
	u->n_provinces = 0;
	while ((rc = db_step(st, e)) == DB_ROW && u->n_provinces < USER_MAX_PROVINCES)
		u->provinces[u->n_provinces++] = store_col_text(st, 0, arena);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* Appends the audit snapshot of account id: its row without the password
 * hash, and its provinces. KC_ENOTFOUND "Không có tài khoản số N". */
static int user_snapshot(Db *db, int64_t id, Buf *out, Err *e)
{
	int rc = store_row_json(db, user_select, id, out, e);
	if (rc == KC_ENOTFOUND)
		return store_stale(db, user_select, id, user_what, e);
	Arena arena = {0};
	User u = {.id = id};
	if (rc == 0 && (rc = read_provinces(db, &u, &arena, e)) == 0) {
		buf_truncate(out, out->len - 1); /* reopen the object: drop its '}' */
		buf_puts(out, ",\"provinces\":");
		JsonW w;
		json_init(&w, out);
		json_arr(&w);
		for (int i = 0; i < u.n_provinces; i++)
			json_cstr(&w, u.provinces[i]);
		json_arr_end(&w);
		buf_putc(out, '}');
		if (buf_err(out))
			rc = err_set(e, KC_ETOOBIG, "record too big to snapshot for the audit log");
	}
	arena_free(&arena);
	return rc;
}

/* Records the change of account id with its snapshot after (before: NULL
 * for an insert). */
static int audit_user(
        Db *db, const Actor *a, const char *action, int64_t id, const char *before, Err *e)
{
	Buf after;
	buf_init(&after, 1 << 16);
	int rc = user_snapshot(db, id, &after, e);
	if (rc == 0)
		rc = store_audit(db, a, action, "app_user", id, before, buf_cstr(&after), e);
	buf_free(&after);
	return rc;
}

/* Replaces the provinces of account id with in's (none for a national one). */
static int write_provinces(Db *db, int64_t id, const User *in, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "DELETE FROM user_province WHERE user_id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_run(st, e);
	db_done(st);
	if (rc || is_national(in))
		return rc;
	if ((rc = db_prepare(db,
	             "INSERT INTO user_province (user_id, province_list, province_code)"
	             " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
	             &st, e)))
		return rc;
	for (int i = 0; rc == 0 && i < in->n_provinces; i++) {
		UnitRef u;
		parse_province(in->provinces[i], &u); /* checked by check_scope */
		db_reset(st);
		db_bind_int64(st, 1, id);
		db_bind_str(st, 2, u.list);
		db_bind_str(st, 3, u.code);
		rc = db_run(st, e);
	}
	db_done(st);
	return rc;
}

static int end_sessions(Db *db, int64_t user_id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "DELETE FROM user_session WHERE user_id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, user_id);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* The INSERT of store_user_create, inside its transaction. */
static int insert_user(
        Db *db, const User *in, const char *hash, const char *now, int64_t *id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO app_user (username, full_name, password_hash, role, national, active,"
	        " created_at, updated_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
	        " RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, in->username);
	db_bind_str(st, 2, in->full_name);
	db_bind_str(st, 3, hash);
	db_bind_str(st, 4, role_name(in->role));
	db_bind_int64(st, 5, is_national(in));
	db_bind_int64(st, 6, in->active);
	db_bind_str(st, 7, now);
	db_bind_str(st, 8, now);
	db_bind_str(st, 9, now);
	/* The only unique column a valid account can collide on is the username. */
	if ((rc = db_run_int64(st, id, e)) == KC_ECONFLICT)
		rc = err_field(
		        e, "username", KC_ECONFLICT, "Tên đăng nhập '%s' đã có", in->username);
	db_done(st);
	return rc;
}

int store_user_create(
        Db *db, const Actor *a, const User *in, const char *password, int64_t *id, Err *e)
{
	char hash[HASH_TEXT_MAX], now[STORE_TIME_LEN];
	int rc;
	/* Hashing takes a while: do it before the transaction takes the write lock. */
	if ((rc = check_username(in->username, e)) || (rc = check_user(db, in, e)) ||
	        (rc = check_password(password, e)) || (rc = hash_password(password, hash, e)))
		return rc;
	store_now(a, now);
	if ((rc = db_begin(db, e)))
		return rc;
	if ((rc = insert_user(db, in, hash, now, id, e)) == 0 &&
	        (rc = write_provinces(db, *id, in, e)) == 0)
		rc = audit_user(db, a, "insert", *id, NULL, e);
	return store_finish(db, rc, e);
}

/* Refuses an update that would leave no active admin: no one could then
 * manage accounts but from the command line. */
static int keep_an_admin(Db *db, const User *in, Err *e)
{
	static const char others_sql[] = "SELECT COUNT(*) FROM app_user"
	                                 " WHERE role = 'admin' AND active = 1 AND id <> ?";
	static const char self_sql[] = "SELECT COUNT(*) FROM app_user"
	                               " WHERE role = 'admin' AND active = 1 AND id = ?";
	if (in->role == ROLE_ADMIN && in->active)
		return 0;
	int64_t was = 0, others = 0;
	int rc = store_scalar(db, self_sql, in->id, &was, e);
	if (rc || !was || (rc = store_scalar(db, others_sql, in->id, &others, e)) || others)
		return rc;
	return err_field(e, in->active ? "role" : "active", KC_ECONFLICT,
	        "Đây là tài khoản quản trị cuối cùng còn hoạt động; cấp quyền quản trị cho người khác"
	        " trước");
}

/* The UPDATE of store_user_update, inside its transaction. */
static int update_user(Db *db, const User *in, const char *now, Err *e)
{
	static const StoreTable users = {"app_user", user_select, NULL, user_what};
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE app_user SET full_name = ?, role = ?, national = ?, active = ?,"
	        " updated_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, in->full_name);
	db_bind_str(st, 2, role_name(in->role));
	db_bind_int64(st, 3, is_national(in));
	db_bind_int64(st, 4, in->active);
	db_bind_str(st, 5, now);
	db_bind_int64(st, 6, in->id);
	db_bind_int64(st, 7, in->version);
	rc = store_run_versioned(db, st, &users, in->id, e);
	db_done(st);
	return rc;
}

int store_user_update(Db *db, const Actor *a, const User *in, Err *e)
{
	char now[STORE_TIME_LEN];
	Buf before;
	int rc = check_user(db, in, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	store_now(a, now);
	buf_init(&before, 1 << 16);
	if ((rc = user_snapshot(db, in->id, &before, e)) == 0 &&
	        (rc = keep_an_admin(db, in, e)) == 0 && (rc = update_user(db, in, now, e)) == 0 &&
	        (rc = write_provinces(db, in->id, in, e)) == 0 &&
	        (in->active || (rc = end_sessions(db, in->id, e)) == 0))
		rc = audit_user(db, a, "update", in->id, buf_cstr(&before), e);
	buf_free(&before);
	return store_finish(db, rc, e);
}

/* The UPDATE of store_user_set_password, inside its transaction. */
static int update_password(Db *db, int64_t id, const char *hash, const char *now, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE app_user SET password_hash = ?, password_changed_at = ?, updated_at = ?"
	        " WHERE id = ? RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, hash);
	db_bind_str(st, 2, now);
	db_bind_str(st, 3, now);
	db_bind_int64(st, 4, id);
	rc = db_run_int64(st, NULL, e);
	db_done(st);
	return rc;
}

int store_user_set_password(Db *db, const Actor *a, int64_t id, const char *password, Err *e)
{
	char hash[HASH_TEXT_MAX], now[STORE_TIME_LEN];
	Buf before;
	int rc;
	if ((rc = check_password(password, e)) || (rc = hash_password(password, hash, e)) ||
	        (rc = db_begin(db, e)))
		return rc;
	store_now(a, now);
	buf_init(&before, 1 << 16);
	if ((rc = user_snapshot(db, id, &before, e)) == 0 &&
	        (rc = update_password(db, id, hash, now, e)) == 0 &&
	        (rc = end_sessions(db, id, e)) == 0)
		rc = audit_user(db, a, "update", id, buf_cstr(&before), e);
	buf_free(&before);
	return store_finish(db, rc, e);
}

int store_user_get(Db *db, int64_t id, Arena *arena, User *out, Err *e)
{
	int rc = store_get(db, "SELECT " USER_COLUMNS " FROM app_user WHERE id = ?", id, read_user,
	        arena, out, user_what, e);
	return rc ? rc : read_provinces(db, out, arena, e);
}

int store_user_by_name(Db *db, const char *username, Arena *arena, User *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT " USER_COLUMNS " FROM app_user WHERE username = ?", &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, username);
	if ((rc = db_step(st, e)) == DB_ROW)
		read_user(st, arena, out);
	db_done(st);
	if (rc == DB_DONE) {
		char q[VN_QUOTE_MAX];
		const char *s = username ? username : "";
		return err_field(e, "username", KC_ENOTFOUND,
		        "Không có tài khoản tên đăng nhập '%s'",
		        vn_quote(q, sizeof q, s, strlen(s)));
	}
	return rc == DB_ROW ? read_provinces(db, out, arena, e) : rc;
}

int store_user_list(Db *db, int limit, int offset, Arena *arena, UserList *out, Err *e)
{
	*out = (UserList){0};
	int size, rc = store_page_size(limit, offset, &size, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db, "SELECT COUNT(*) FROM app_user", &st, e)))
		return rc;
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc ||
	        (rc = db_prepare(db,
	                 "SELECT " USER_COLUMNS " FROM app_user ORDER BY username LIMIT ? OFFSET ?",
	                 &st, e)))
		return rc;
	db_bind_int64(st, 1, size);
	db_bind_int64(st, 2, offset);
	out->v = arena_alloc(arena, (size_t)size * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_user(st, arena, &out->v[out->n++]);
	db_done(st);
	rc = rc == DB_DONE ? 0 : rc;
	for (int i = 0; rc == 0 && i < out->n; i++)
		rc = read_provinces(db, &out->v[i], arena, e);
	return rc;
}

/* ---- Principals ----------------------------------------------------------------------- */

/* Fills out with the principal of account user_id: its current fields, and
 * the current codes of its provinces without repeats (legacy:94 Sóc Trăng
 * and current:92 Cần Thơ are both 92). */
static int load_principal(Db *db, int64_t user_id, Arena *arena, Principal *out, Err *e)
{
	User u;
	int rc = store_user_get(db, user_id, arena, &u, e);
	if (rc)
		return rc;
	*out = (Principal){.user_id = u.id,
	        .username = u.username,
	        .full_name = u.full_name,
	        .role = u.role,
	        .all_provinces = is_national(&u)};
	for (int i = 0; rc == 0 && !out->all_provinces && i < u.n_provinces; i++) {
		UnitRef ref;
		char code[3];
		if (!parse_province(u.provinces[i], &ref))
			continue; /* cannot happen: the table's rows are (list, code) */
		if ((rc = store_admin_current_province(db, &ref, code, e)))
			break;
		bool seen = false;
		for (int j = 0; j < out->n_provinces && !seen; j++)
			seen = !strcmp(out->provinces[j], code);
		if (!seen)
			out->provinces[out->n_provinces++] = arena_strdup(arena, code);
	}
	return rc;
}

/* ---- Sign-in throttling --------------------------------------------------------------- */

/* The failures that count for an account: those after its latest success. */
static const char account_failures_sql[] =
        "SELECT at FROM login_attempt WHERE username = ? AND ok = 0 AND at > ?"
        " AND at > COALESCE((SELECT MAX(at) FROM login_attempt WHERE username = ? AND ok = 1),"
        " '') ORDER BY at DESC LIMIT ?";
static const char address_failures_sql[] =
        "SELECT at FROM login_attempt WHERE remote_addr = ? AND ok = 0 AND at > ?"
        " ORDER BY at DESC LIMIT ?";

/* Into *wait, the seconds until key (an account name, or an address when
 * not account) may try again, or 0: locked when its latest failure, less than
 * lockout_seconds ago, ends a run of max failures within window_seconds. */
static int lock_wait(Db *db, const char *key, bool account, int max, const SessionPolicy *pol,
        time_t now, int *wait, Err *e)
{
	char since[STORE_TIME_LEN], latest[STORE_TIME_LEN] = "", oldest[STORE_TIME_LEN] = "";
	format_time(now - pol->lockout_seconds - pol->window_seconds, since);
	*wait = 0;
	Stmt *st;
	int rc = db_prepare(db, account ? account_failures_sql : address_failures_sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, key);
	db_bind_str(st, 2, since);
	if (account)
		db_bind_str(st, 3, key);
	db_bind_int64(st, account ? 4 : 3, max);
	int n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (n++ == 0)
			snprintf(latest, sizeof latest, "%s", db_col_text(st, 0));
		snprintf(oldest, sizeof oldest, "%s", db_col_text(st, 0));
	}
	db_done(st);
	if (rc != DB_DONE)
		return rc;
	time_t t_latest, t_oldest;
	rc = 0;
	if (max < 1 || n < max || (rc = parse_time(latest, &t_latest, e)) ||
	        (rc = parse_time(oldest, &t_oldest, e)))
		return rc;
	if (t_latest - t_oldest < pol->window_seconds && t_latest + pol->lockout_seconds > now)
		*wait = (int)(t_latest + pol->lockout_seconds - now);
	return 0;
}

/* Into *wait, how long the account name (NULL: none) and the address remote
 * (NULL: unknown) must wait before another sign-in, the longer of the two. */
static int throttle(Db *db, const SessionPolicy *pol, const char *name, const char *remote,
        time_t now, int *wait, Err *e)
{
	int by_name = 0, by_address = 0, rc = 0;
	if (name)
		rc = lock_wait(db, name, true, pol->max_failures, pol, now, &by_name, e);
	if (rc == 0 && remote)
		rc = lock_wait(
		        db, remote, false, pol->max_address_failures, pol, now, &by_address, e);
	*wait = by_name > by_address ? by_name : by_address;
	return rc;
}

static int record_attempt(
        Db *db, const char *now, const char *name, const char *remote, bool ok, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO login_attempt (at, username, remote_addr, ok) VALUES (?, ?, ?, ?)",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, now);
	db_bind_str(st, 2, name);
	db_bind_str(st, 3, remote);
	db_bind_int64(st, 4, ok);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* ---- Sessions ------------------------------------------------------------------------- */

/* The name typed at sign-in as an account would hold it (ASCII lower case,
 * without surrounding spaces) in out, or false when no account can have it. */
static bool login_name(const char *typed, char out[USERNAME_MAX + 1])
{
	const char *s = typed ? typed : "";
	size_t n = strlen(s);
	vn_trim(&s, &n);
	if (n > USERNAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	out[n] = '\0';
	return username_ok(out, n);
}

static int check_remote(const char *remote, Err *e)
{
	size_t n = remote ? strnlen(remote, REMOTE_MAX_BYTES + 1) : 0;
	bool ok = n <= REMOTE_MAX_BYTES;
	for (size_t i = 0; ok && i < n; i++)
		ok = remote[i] > ' ' && remote[i] < 127;
	return ok ? 0
	          : err_set(e, KC_EINVAL, "remote address is not printable ASCII of 1..64 bytes");
}

/* Checks password against the account name (NULL: none can exist) in the
 * time of one argon2id verification either way. *id receives the account's
 * id when the password is right and the account active, else 0; *rehash
 * whether its hash should be made again with today's parameters. */
static int verify(Db *db, const char *name, const char *password, int64_t *id, bool *rehash, Err *e)
{
	char hash[HASH_TEXT_MAX] = "";
	int64_t found = 0;
	bool active = false;
	*id = 0;
	*rehash = false;
	if (name) {
		Stmt *st;
		int rc = db_prepare(db,
		        "SELECT id, password_hash, active FROM app_user WHERE username = ?", &st,
		        e);
		if (rc)
			return rc;
		db_bind_str(st, 1, name);
		if ((rc = db_step(st, e)) == DB_ROW) {
			found = db_col_int64(st, 0);
			snprintf(hash, sizeof hash, "%s", db_col_text(st, 1));
			active = db_col_int64(st, 2) != 0;
		}
		db_done(st);
		if (rc != DB_ROW && rc != DB_DONE)
			return rc;
	}
	if (password_matches(found ? hash : NULL, password ? password : "") && active) {
		*id = found;
		*rehash = needs_rehash(hash);
	}
	return 0;
}

/* Writes a new session of user_id with fresh cookie (token) and CSRF values. */
static int open_session(Db *db, const SessionPolicy *pol, int64_t user_id, const char *remote,
        time_t now, char token[TOKEN_TEXT_LEN], char csrf[TOKEN_TEXT_LEN], Err *e)
{
	char hash[STORE_SHA256_HEX_LEN], at[STORE_TIME_LEN], ends[STORE_TIME_LEN],
	        idle[STORE_TIME_LEN];
	format_time(now, at);
	format_time(now + pol->absolute_seconds, ends);
	format_time(now - pol->idle_seconds, idle);
	Stmt *st;
	int rc;
	if ((rc = random_token(token, e)) || (rc = random_token(csrf, e)) ||
	        (rc = store_sha256_hex(token, strlen(token), hash, e)))
		return rc;
	/* The user's sessions that have ended go while we are here. */
	if ((rc = db_prepare(db,
	             "DELETE FROM user_session WHERE user_id = ? AND (expires_at <= ?"
	             " OR last_seen_at <= ?)",
	             &st, e)))
		return rc;
	db_bind_int64(st, 1, user_id);
	db_bind_str(st, 2, at);
	db_bind_str(st, 3, idle);
	rc = db_run(st, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at,"
	                   " last_seen_at, expires_at, remote_addr) VALUES (?, ?, ?, ?, ?, ?, ?)",
	                   &st, e)))
		return rc;
	db_bind_str(st, 1, hash);
	db_bind_int64(st, 2, user_id);
	db_bind_str(st, 3, csrf);
	db_bind_str(st, 4, at);
	db_bind_str(st, 5, at);
	db_bind_str(st, 6, ends);
	db_bind_str(st, 7, remote);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* Stores a new hash of password for user_id, made with today's parameters;
 * not audited: the account does not change in any way a person sees. */
static int rehash(Db *db, int64_t user_id, const char *password, Err *e)
{
	char hash[HASH_TEXT_MAX];
	Stmt *st;
	int rc = hash_password(password, hash, e);
	if (rc ||
	        (rc = db_prepare(db, "UPDATE app_user SET password_hash = ? WHERE id = ?", &st, e)))
		return rc;
	db_bind_str(st, 1, hash);
	db_bind_int64(st, 2, user_id);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* Records the attempt, and for a right password opens the session. */
static int finish_login(Db *db, const SessionPolicy *pol, const char *name, const char *password,
        const char *remote, time_t now, int64_t id, bool stale_hash, char token[TOKEN_TEXT_LEN],
        char csrf[TOKEN_TEXT_LEN], Err *e)
{
	char at[STORE_TIME_LEN];
	format_time(now, at);
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = record_attempt(db, at, name, remote, id != 0, e)) == 0 && id &&
	        (!stale_hash || (rc = rehash(db, id, password, e)) == 0))
		rc = open_session(db, pol, id, remote, now, token, csrf, e);
	return store_finish(db, rc, e);
}

int store_session_login(Db *db, const SessionPolicy *pol, const char *username,
        const char *password, const char *remote, const char *now, char token[TOKEN_TEXT_LEN],
        int *retry_after, Arena *arena, Principal *out, Err *e)
{
	SessionPolicy defaults = store_session_policy();
	char name[USERNAME_MAX + 1], csrf[TOKEN_TEXT_LEN];
	bool named = login_name(username, name), stale_hash;
	int wait = 0;
	int64_t id;
	time_t t;
	pol = pol ? pol : &defaults;
	token[0] = '\0';
	*out = (Principal){0};
	if (retry_after)
		*retry_after = 0;
	int rc = parse_time(now, &t, e);
	if (rc || (rc = check_remote(remote, e)) ||
	        (rc = throttle(db, pol, named ? name : NULL, remote, t, &wait, e)))
		return rc;
	if (wait) {
		if (retry_after)
			*retry_after = wait;
		return err_set(e, KC_EDENIED, "Đăng nhập sai quá nhiều lần; thử lại sau %d phút",
		        (wait + 59) / 60);
	}
	if ((rc = verify(db, named ? name : NULL, password, &id, &stale_hash, e)) == 0 &&
	        (rc = finish_login(db, pol, named ? name : NULL, password, remote, t, id,
	                 stale_hash, token, csrf, e)) == 0 &&
	        id && (rc = load_principal(db, id, arena, out, e)) == 0)
		out->csrf_token = arena_strdup(arena, csrf);
	if (rc || !id)
		token[0] = '\0';
	return rc || id ? rc : err_set(e, KC_EDENIED, "%s", bad_credentials);
}

/* The hex SHA-256 of a well-formed token in hash; KC_ENOTFOUND with
 * missing as the message for one that is not. */
static int token_hash(
        const char *token, char hash[STORE_SHA256_HEX_LEN], const char *missing, Err *e)
{
	if (!token_well_formed(token))
		return err_set(e, KC_ENOTFOUND, "%s", missing);
	return store_sha256_hex(token, strlen(token), hash, e);
}

/* Refreshes the idle expiry of session hash, seen at last_seen, unless it
 * was refreshed less than SESSION_TOUCH_SECONDS ago. */
static int touch_session(Db *db, const char *hash, const char *last_seen, time_t now, Err *e)
{
	char at[STORE_TIME_LEN], fresh[STORE_TIME_LEN];
	format_time(now, at);
	format_time(now - SESSION_TOUCH_SECONDS, fresh);
	if (strcmp(last_seen, fresh) > 0)
		return 0;
	Stmt *st;
	int rc = db_prepare(
	        db, "UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?", &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, at);
	db_bind_str(st, 2, hash);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

int store_session_lookup(Db *db, const SessionPolicy *pol, const char *token, const char *now,
        Arena *arena, Principal *out, Err *e)
{
	SessionPolicy defaults = store_session_policy();
	char hash[STORE_SHA256_HEX_LEN], at[STORE_TIME_LEN], idle[STORE_TIME_LEN],
	        last_seen[STORE_TIME_LEN] = "";
	const char *csrf = NULL;
	int64_t user_id = 0;
	time_t t;
	pol = pol ? pol : &defaults;
	*out = (Principal){0};
	int rc = parse_time(now, &t, e);
	if (rc || (rc = token_hash(token, hash, no_such_session, e)))
		return rc;
	format_time(t, at);
	format_time(t - pol->idle_seconds, idle);
	/* The row is found by the hash of the cookie, never by the cookie: its
	 * lookup time tells an attacker nothing about any stored cookie. */
	Stmt *st;
	if ((rc = db_prepare(db,
	             "SELECT s.user_id, s.csrf_token, s.last_seen_at FROM user_session s"
	             " JOIN app_user u ON u.id = s.user_id WHERE s.token_hash = ?"
	             " AND s.expires_at > ? AND s.last_seen_at > ? AND u.active = 1",
	             &st, e)))
		return rc;
	db_bind_str(st, 1, hash);
	db_bind_str(st, 2, at);
	db_bind_str(st, 3, idle);
	if ((rc = db_step(st, e)) == DB_ROW) {
		user_id = db_col_int64(st, 0);
		csrf = store_col_text(st, 1, arena);
		snprintf(last_seen, sizeof last_seen, "%s", db_col_text(st, 2));
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "%s", no_such_session);
	if (rc != DB_ROW || (rc = touch_session(db, hash, last_seen, t, e)) ||
	        (rc = load_principal(db, user_id, arena, out, e)))
		return rc;
	out->csrf_token = csrf;
	return 0;
}

int store_session_end(Db *db, const char *token, Err *e)
{
	char hash[STORE_SHA256_HEX_LEN];
	if (!token_well_formed(token))
		return 0;
	Stmt *st;
	int rc = store_sha256_hex(token, strlen(token), hash, e);
	if (rc || (rc = db_prepare(db, "DELETE FROM user_session WHERE token_hash = ?", &st, e)))
		return rc;
	db_bind_str(st, 1, hash);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

int store_session_end_all(Db *db, int64_t user_id, Err *e)
{
	return end_sessions(db, user_id, e);
}

/* ---- API tokens ----------------------------------------------------------------------- */

/* Checks expires_at (see store_token_create) into out as a UTC time, ""
 * for never; it must be after now. */
static int token_expiry(const char *expires_at, const char *now, char out[STORE_TIME_LEN], Err *e)
{
	time_t t, t_now;
	char q[VN_QUOTE_MAX], iso[STORE_TIME_LEN], day[STORE_DATE_LEN], shown[STORE_DATE_LEN];
	out[0] = '\0';
	if (!expires_at || !expires_at[0])
		return 0;
	/* A day ends in Việt Nam (UTC+7) at 17:00 UTC. */
	snprintf(iso, sizeof iso, strlen(expires_at) == STORE_DATE_LEN - 1 ? "%sT17:00:00Z" : "%s",
	        expires_at);
	if (parse_time(iso, &t, NULL))
		return err_field(e, "expires_at", KC_EINVAL,
		        "Ngày hết hạn '%s' không đúng dạng năm-tháng-ngày (ví dụ 2026-12-31)",
		        vn_quote(q, sizeof q, expires_at, strlen(expires_at)));
	int rc = parse_time(now, &t_now, e);
	if (rc)
		return rc;
	if (t <= t_now) {
		snprintf(shown, sizeof shown, "%.10s", iso);
		return err_field(e, "expires_at", KC_EINVAL, "Ngày hết hạn %s đã qua",
		        store_vn_day(shown, day));
	}
	format_time(t, out);
	return 0;
}

/* Checks that a token named name may be made for user_id with write. */
static int check_token(Db *db, int64_t user_id, const char *name, bool write, Err *e)
{
	if (!store_has_text(name))
		return err_field(e, "name", KC_EINVAL, "Chưa nhập tên mã truy cập");
	int rc = store_check_text(name, NAME_MAX_BYTES, "name", "Tên mã truy cập", e);
	Arena arena = {0};
	User u;
	if (rc == 0 && (rc = store_get(db, "SELECT " USER_COLUMNS " FROM app_user WHERE id = ?",
	                        user_id, read_user, &arena, &u, user_what, e)) == 0) {
		if (!u.active)
			rc = err_field(
			        e, "user_id", KC_EINVAL, "Tài khoản '%s' đang bị khóa", u.username);
		else if (write && u.role == ROLE_VIEWER)
			rc = err_field(e, "write", KC_EINVAL,
			        "Tài khoản '%s' chỉ được xem, không cấp mã có quyền ghi",
			        u.username);
	} else if (rc == KC_ENOTFOUND) {
		store_at_field(e, "user_id", rc);
	}
	arena_free(&arena);
	return rc;
}

/* The INSERT of store_token_create, inside its transaction. */
static int insert_token(Db *db, int64_t user_id, const char *name, bool write, const char *expiry,
        const char *hash, const char *now, int64_t *id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO api_token (user_id, name, token_hash, can_write, created_at, expires_at)"
	        " VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, user_id);
	db_bind_str(st, 2, name);
	db_bind_str(st, 3, hash);
	db_bind_int64(st, 4, write);
	db_bind_str(st, 5, now);
	db_bind_str(st, 6, expiry[0] ? expiry : NULL);
	rc = db_run_int64(st, id, e);
	db_done(st);
	return rc;
}

int store_token_create(Db *db, const Actor *a, int64_t user_id, const char *name, bool write,
        const char *expires_at, char token[TOKEN_TEXT_LEN], int64_t *id, Err *e)
{
	char now[STORE_TIME_LEN], expiry[STORE_TIME_LEN], hash[STORE_SHA256_HEX_LEN];
	store_now(a, now);
	token[0] = '\0';
	int rc;
	if ((rc = check_token(db, user_id, name, write, e)) ||
	        (rc = token_expiry(expires_at, now, expiry, e)) || (rc = random_token(token, e)) ||
	        (rc = store_sha256_hex(token, strlen(token), hash, e)) || (rc = db_begin(db, e))) {
		token[0] = '\0';
		return rc;
	}
	if ((rc = insert_token(db, user_id, name, write, expiry, hash, now, id, e)) == 0)
		rc = store_audit_change(db, a, "insert", tokens.name, token_select, *id, NULL, e);
	if ((rc = store_finish(db, rc, e)))
		token[0] = '\0';
	return rc;
}

/* Sets revoked_at of token id unless it is set; *revoked says whether it was. */
static int revoke_row(Db *db, int64_t id, const char *now, bool *revoked, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, now);
	db_bind_int64(st, 2, id);
	rc = db_run_int64(st, NULL, e);
	db_done(st);
	*revoked = rc == 0;
	return rc == KC_ENOTFOUND ? 0 : rc;
}

int store_token_revoke(Db *db, const Actor *a, int64_t id, Err *e)
{
	char now[STORE_TIME_LEN];
	Buf before;
	bool revoked = false;
	store_now(a, now);
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	buf_init(&before, 1 << 12);
	if ((rc = store_before(db, &tokens, id, &before, e)) == 0 &&
	        (rc = revoke_row(db, id, now, &revoked, e)) == 0 && revoked)
		rc = store_audit_change(
		        db, a, "update", tokens.name, token_select, id, buf_cstr(&before), e);
	buf_free(&before);
	return store_finish(db, rc, e);
}

int store_token_lookup(
        Db *db, const char *token, const char *now, Arena *arena, Principal *out, Err *e)
{
	char hash[STORE_SHA256_HEX_LEN], at[STORE_TIME_LEN];
	int64_t user_id = 0;
	bool can_write = false;
	time_t t;
	*out = (Principal){0};
	int rc = parse_time(now, &t, e);
	if (rc || (rc = token_hash(token, hash, no_such_token, e)))
		return rc;
	format_time(t, at);
	Stmt *st;
	if ((rc = db_prepare(db,
	             "SELECT t.user_id, t.can_write FROM api_token t JOIN app_user u"
	             " ON u.id = t.user_id WHERE t.token_hash = ? AND t.revoked_at IS NULL"
	             " AND (t.expires_at IS NULL OR t.expires_at > ?) AND u.active = 1",
	             &st, e)))
		return rc;
	db_bind_str(st, 1, hash);
	db_bind_str(st, 2, at);
	if ((rc = db_step(st, e)) == DB_ROW) {
		user_id = db_col_int64(st, 0);
		can_write = db_col_int64(st, 1) != 0;
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "%s", no_such_token);
	if (rc != DB_ROW || (rc = load_principal(db, user_id, arena, out, e)))
		return rc;
	out->via_token = true;
	out->token_write = can_write;
	return 0;
}

/* ---- Reading tokens back ------------------------------------------------------------------ */

#define TOKEN_COLUMNS "id, user_id, name, can_write, created_at, expires_at, revoked_at"

static void read_token(Stmt *st, Arena *arena, void *out)
{
	ApiToken *t = out;
	t->id = db_col_int64(st, 0);
	t->user_id = db_col_int64(st, 1);
	t->name = store_col_text(st, 2, arena);
	t->write = db_col_int64(st, 3) != 0;
	t->created_at = store_col_text(st, 4, arena);
	t->expires_at = store_col_text(st, 5, arena);
	t->revoked_at = store_col_text(st, 6, arena);
}

int store_token_get(Db *db, int64_t id, Arena *arena, ApiToken *out, Err *e)
{
	return store_get(db, "SELECT " TOKEN_COLUMNS " FROM api_token WHERE id = ?", id, read_token,
	        arena, out, tokens.what, e);
}

int store_token_list(
        Db *db, int64_t user_id, int limit, int offset, Arena *arena, TokenList *out, Err *e)
{
	*out = (TokenList){0};
	int size;
	int rc = store_page_size(limit, offset, &size, e);
	if (rc || (rc = store_scalar(db, "SELECT COUNT(*) FROM api_token WHERE user_id = ?",
	                   user_id, &out->total, e)))
		return rc;
	Stmt *st;
	if ((rc = db_prepare(db,
	             "SELECT " TOKEN_COLUMNS " FROM api_token WHERE user_id = ?"
	             " ORDER BY id DESC LIMIT ? OFFSET ?",
	             &st, e)))
		return rc;
	db_bind_int64(st, 1, user_id);
	db_bind_int64(st, 2, size);
	db_bind_int64(st, 3, offset);
	out->v = arena_alloc(arena, (size_t)size * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_token(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}
