/* store_user.h — accounts, roles, province scope, sessions, API tokens and
 * sign-in throttling.
 *
 * Passwords are hashed with argon2id (libargon2) in its encoded form, so the
 * parameters travel with the hash and can be raised later. Session cookies
 * and API tokens are 256 random bits (libsodium), handed to the caller once
 * as text and stored only as their SHA-256, so a copy of the database signs
 * no one in. Every change to accounts and tokens is audited like any record;
 * sessions are not (they are not records a user edits). */
#ifndef KC_STORE_USER_H
#define KC_STORE_USER_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"

/* Roles, in increasing power; a route requires at least one of them.
 * Ministry and admin see every province; the others see their own list. */
typedef enum Role {
	ROLE_NONE = 0, /* not signed in */
	ROLE_VIEWER,   /* read-only, own scope */
	ROLE_STAFF,    /* enters data for own provinces */
	ROLE_MANAGER,  /* approves and submits for own provinces */
	ROLE_MINISTRY, /* all provinces; approves national đề án, edits rules and targets */
	ROLE_ADMIN,    /* everything, including accounts */
} Role;

/* "viewer" ... "admin" and back; role_name gives "none" for ROLE_NONE (and
 * anything out of range), role_parse ROLE_NONE for anything else. */
const char *role_name(Role r);
Role role_parse(const char *s);
/* Vietnamese label: "Quản trị", "Bộ Công Thương", "Lãnh đạo tỉnh", "Cán bộ tỉnh", "Xem";
 * "Chưa đăng nhập" for ROLE_NONE. */
const char *role_label(Role r);

enum { USER_MAX_PROVINCES = 64, TOKEN_TEXT_LEN = 44 }; /* 43 base64url chars + NUL */

/* Who is signed in, as the router sees it. Strings live in the arena given
 * to the lookup. provinces are current province codes (legacy ones given
 * at creation are re-based); empty when all_provinces. */
typedef struct Principal {
	int64_t user_id;
	const char *username, *full_name;
	Role role;
	bool all_provinces;
	int n_provinces;
	const char *provinces[USER_MAX_PROVINCES];
	const char *csrf_token; /* the session's; NULL for an API token */
	bool via_token;         /* signed in with a bearer API token */
	bool token_write;       /* the token's scope allows writes */
} Principal;

/* Whether p may see or change records of current province code. */
bool principal_has_province(const Principal *p, const char *current_code);
/* Whether given is p's session CSRF token, compared in constant time; false
 * for a principal without one (an API token) and for NULL. */
bool principal_csrf_ok(const Principal *p, const char *given);

/* ---- Accounts ------------------------------------------------------------------------- */

typedef struct User {
	int64_t id;
	const char *username, *full_name;
	Role role;
	bool national; /* all provinces (always true for ministry and admin) */
	bool active;
	int n_provinces;
	const char *provinces[USER_MAX_PROVINCES]; /* "current:92", "legacy:94" as given */
	int version;
} User;

/* A User with no role yet, active, not national, no provinces. */
User store_user_blank(void);

/* Creates an account; password must be valid UTF-8 of at least 10
 * characters and at most 128 bytes (Vietnamese message otherwise, field
 * "password"); username 3..64 of [a-z0-9._-]; full_name required. A national
 * account (and every ministry or admin one, which is national whatever
 * in->national says) has no provinces; any other needs at least one, each
 * a province unit of either list that has a current successor. *id
 * receives the new id. */
int store_user_create(
        Db *db, const Actor *a, const User *in, const char *password, int64_t *id, Err *e);
/* Updates full name, role, national, active and provinces at in->version
 * (the username is the account's identity and never changes). Disabling an
 * account ends its sessions; the last active admin cannot be disabled or
 * demoted (KC_ECONFLICT). */
int store_user_update(Db *db, const Actor *a, const User *in, Err *e);
/* Sets a new password and ends every session of the user; the account's
 * version is left alone (a password is not part of the profile an editor
 * holds open). API tokens stay valid: revoke them apart. */
int store_user_set_password(Db *db, const Actor *a, int64_t id, const char *password, Err *e);
int store_user_get(Db *db, int64_t id, Arena *arena, User *out, Err *e);
int store_user_by_name(Db *db, const char *username, Arena *arena, User *out, Err *e);

typedef struct UserList {
	User *v; /* by username, in the arena */
	int n;
	int64_t total; /* all accounts, all pages */
} UserList;
/* A page of accounts (limit 1..500, 0 means 50). */
int store_user_list(Db *db, int limit, int offset, Arena *arena, UserList *out, Err *e);

/* ---- Sessions ------------------------------------------------------------------------- */

/* How long sessions last and how sign-in is throttled: settings the server
 * reads from its options (defaults in store_session_policy()). Wherever a
 * function takes a policy, NULL means the defaults.
 *
 * Sign-in for an account, or from an address, is locked when its latest
 * failure ends a run of max_failures (max_address_failures) failures within
 * window_seconds, until lockout_seconds after that failure. Attempts refused
 * while locked are not counted, so a lock ends on time whatever keeps
 * arriving; a successful sign-in clears the account's count (not the
 * address's). Unknown user names are counted like known ones, so a lock says
 * nothing about which accounts exist. */
typedef struct SessionPolicy {
	int idle_seconds;         /* default 2 h without a request */
	int absolute_seconds;     /* default 12 h after sign-in */
	int max_failures;         /* default 5 failed sign-ins of one account ... */
	int max_address_failures; /* ... or 20 from one address (an office shares one) ... */
	int window_seconds;       /* ... within 15 min ... */
	int lockout_seconds;      /* ... lock sign-in for 15 min */
} SessionPolicy;
SessionPolicy store_session_policy(void);

/* Times (now, expiry) are "YYYY-MM-DDTHH:MM:SSZ" in UTC; a NULL now is the
 * clock. A malformed now is KC_EINVAL. */

/* Signs in: checks throttling (KC_EDENIED with a Vietnamese message and
 * *retry_after seconds when locked out, for a 429), then the password
 * (KC_EDENIED "Tên đăng nhập hoặc mật khẩu không đúng" for an unknown user, a
 * wrong password or an inactive account, in the same time: a dummy hash is
 * verified for unknown users). The user name is matched without regard to
 * ASCII case and surrounding spaces. Every attempt that reaches the password
 * check is recorded in login_attempt. On success writes a session and gives
 * its cookie value in token and the principal in out (with the session's
 * CSRF token). remote, the client's address (printable ASCII, at most 64
 * bytes), may be NULL; retry_after may be NULL and is 0 unless locked. */
int store_session_login(Db *db, const SessionPolicy *pol, const char *username,
        const char *password, const char *remote, const char *now, char token[TOKEN_TEXT_LEN],
        int *retry_after, Arena *arena, Principal *out, Err *e);
/* The principal of a session cookie value, refreshing its idle expiry (at
 * most once a minute, so a busy page does not write on every request);
 * KC_ENOTFOUND for an unknown, expired or malformed token or a disabled
 * account. The role and provinces are read afresh, so a change to the
 * account applies from its next request. */
int store_session_lookup(Db *db, const SessionPolicy *pol, const char *token, const char *now,
        Arena *arena, Principal *out, Err *e);
/* Signs out one session, or every session of user_id ("sign out everywhere").
 * Ending a session that does not exist is not an error. */
int store_session_end(Db *db, const char *token, Err *e);
int store_session_end_all(Db *db, int64_t user_id, Err *e);

/* ---- API tokens ----------------------------------------------------------------------- */

/* Creates a bearer token for user_id named name (for people: "Kết nối hệ thống
 * báo cáo tỉnh"), writing when write, expiring at expires_at: "" or NULL
 * never, a day "YYYY-MM-DD" at the end of that day in Việt Nam (17:00 UTC),
 * or a UTC time "YYYY-MM-DDTHH:MM:SSZ"; it must be after a's now. The user
 * must be active, and a viewer gets no write token. The token text is given
 * once in token (emptied on failure); the audit row holds everything but its
 * hash. */
int store_token_create(Db *db, const Actor *a, int64_t user_id, const char *name, bool write,
        const char *expires_at, char token[TOKEN_TEXT_LEN], int64_t *id, Err *e);
/* Revokes token id from a's now on; a token already revoked is left as it
 * is (0, nothing written). */
int store_token_revoke(Db *db, const Actor *a, int64_t id, Err *e);
/* The principal of a bearer token; KC_ENOTFOUND if unknown, revoked, expired
 * or its user inactive. */
int store_token_lookup(
        Db *db, const char *token, const char *now, Arena *arena, Principal *out, Err *e);

/* ---- Reading tokens back (the accounts API) ------------------------------------------ */

/* A token as its owner and the admins see it: never its text nor its hash. */
typedef struct ApiToken {
	int64_t id, user_id;
	const char *name;
	bool write;
	const char *created_at;
	const char *expires_at; /* NULL: never */
	const char *revoked_at; /* NULL: not revoked */
} ApiToken;

typedef struct TokenList {
	ApiToken *v; /* newest first, revoked ones too, in the arena */
	int n;
	int64_t total; /* all of the user's tokens, all pages */
} TokenList;

/* A page of the tokens of user_id (limit 1..500, 0 means 50). */
int store_token_list(
        Db *db, int64_t user_id, int limit, int offset, Arena *arena, TokenList *out, Err *e);
/* Token id; KC_ENOTFOUND "Không có mã truy cập số N". */
int store_token_get(Db *db, int64_t id, Arena *arena, ApiToken *out, Err *e);

#endif
