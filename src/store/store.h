/* store.h — what every store module shares: who is acting, the clock, row
 * snapshots and the audit log.
 *
 * Every change made through a store_* function is recorded in audit_log with
 * the actor, the time, the record and its values before and after, inside the
 * same transaction as the change: either both are written or neither. */
#ifndef KC_STORE_H
#define KC_STORE_H

#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/db.h"

/* Who makes a change, and from where. */
typedef struct Actor {
	int64_t user_id;    /* app_user.id, or 0 for the system */
	const char *name;   /* the user name, or "system" */
	const char *via;    /* "cli" | "http" | "import" | "init" */
	const char *remote; /* the client's address, or NULL */
	const char *now;    /* a fixed "YYYY-MM-DDTHH:MM:SSZ" (tests), or NULL: the clock */
} Actor;

enum { STORE_TIME_LEN = 21 }; /* "2026-11-22T06:40:00Z" and NUL */

/* The actor's time (its fixed now, or the clock in UTC) as an ISO timestamp. */
void store_now(const Actor *a, char out[STORE_TIME_LEN]);

/* Appends the row that select_sql (one `?` for the id) returns as a JSON
 * object of its columns; KC_ENOTFOUND if there is none. */
int store_row_json(Db *db, const char *select_sql, int64_t id, Buf *out, Err *e);

/* Appends one audit_log row. action is "insert", "update" or "delete";
 * before and after are JSON objects or NULL. */
int store_audit(Db *db, const Actor *a, const char *action, const char *table, int64_t id,
        const char *before, const char *after, Err *e);

/* Makes text the folded search key and the collation key of a name, for the
 * name_key and sort_key columns. The Bufs are appended to. */
int store_keys(const char *text, Buf *name_key, Buf *sort_key, Err *e);

/* ---- Helpers for store modules ---------------------------------------------------- */

/* Checks optional text (NULL passes): valid UTF-8 and at most max bytes; the
 * Vietnamese message names label, e.field names field. */
int store_check_text(const char *s, size_t max, const char *field, const char *label, Err *e);
/* Names field in e after a core validator failed with rc; returns rc. */
int store_at_field(Err *e, const char *field, int rc);

/* Binds v, or NULL when v == unknown (the "not known" value of a field). */
void store_bind_opt(Stmt *st, int i, int64_t v, int64_t unknown);
/* Column i as a string in arena, or NULL for SQL NULL. */
const char *store_col_text(Stmt *st, int i, Arena *arena);
/* Column i, or unknown for SQL NULL. */
int64_t store_col_int(Stmt *st, int i, int64_t unknown);

/* Ends a write's transaction: commits if rc is 0 and rolls back otherwise
 * (also when the commit fails). Returns the outcome. */
int store_finish(Db *db, int rc, Err *e);
/* Records an audited change of record id of table: the snapshot after (read
 * with select_sql, skipped for deletes) and before (NULL for inserts). */
int store_audit_change(Db *db, const Actor *a, const char *action, const char *table,
        const char *select_sql, int64_t id, const char *before, Err *e);
/* The error for a write guarded by (id, version) that touched no row:
 * KC_ENOTFOUND if the record is gone, else KC_ECONFLICT (edited meanwhile).
 * what is the record's Vietnamese name in lower case: "cơ sở", "đề án". */
int store_stale(Db *db, const char *select_sql, int64_t id, const char *what, Err *e);
/* Appends "%<folded q>%" for LIKE ... ESCAPE '!', with q's wildcards escaped. */
int store_like_pattern(const char *q, Buf *out, Err *e);

#endif
