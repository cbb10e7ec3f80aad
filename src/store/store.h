/* store.h — what every store module shares: who is acting, the clock, row
 * snapshots and the audit log.
 *
 * Every change made through a store_* function is recorded in audit_log with
 * the actor, the time, the record and its values before and after, inside the
 * same transaction as the change: either both are written or neither. */
#ifndef KC_STORE_H
#define KC_STORE_H

#include <stdint.h>

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

#endif
