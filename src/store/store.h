/* store.h — what every store module shares: who is acting, the clock, row
 * snapshots and the audit log.
 *
 * Every change made through a store_* function is recorded in audit_log with
 * the actor, the time, the record and its values before and after, inside the
 * same transaction as the change: either both are written or neither. */
#ifndef KC_STORE_H
#define KC_STORE_H

#include <stdbool.h>
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
	/* A user limited to some provinces (over http, or an import they started):
	 * the store refuses them what the national level alone decides, such as a
	 * registered đề án's level. false for national users and the system. */
	bool provincial;
} Actor;

enum { STORE_TIME_LEN = 21 }; /* "2026-11-22T06:40:00Z" and NUL */

/* The actor's time (its fixed now, or the clock in UTC) as an ISO timestamp. */
void store_now(const Actor *a, char out[STORE_TIME_LEN]);

/* Appends the row that select_sql (one `?` for the id) returns as a JSON
 * object of its columns; KC_ENOTFOUND if there is none, KC_ETOOBIG if it does
 * not fit in out (the change it records must then not be written). */
int store_row_json(Db *db, const char *select_sql, int64_t id, Buf *out, Err *e);

/* Appends one audit_log row. action is "insert", "update" or "delete";
 * before and after are JSON objects or NULL. */
int store_audit(Db *db, const Actor *a, const char *action, const char *table, int64_t id,
        const char *before, const char *after, Err *e);
/* The same for a record keyed by text (a reference table's code). */
int store_audit_key(Db *db, const Actor *a, const char *action, const char *table, const char *key,
        const char *before, const char *after, Err *e);

/* The hex SHA-256 of bytes[0..len) (64 digits and NUL) in hex: the names of
 * stored documents, the stored form of session and API tokens. */
enum { STORE_SHA256_HEX_LEN = 65 };
int store_sha256_hex(const void *bytes, size_t len, char hex[STORE_SHA256_HEX_LEN], Err *e);

/* Makes text the folded search key and the collation key of a name, for the
 * name_key and sort_key columns. The Bufs are appended to. */
int store_keys(const char *text, Buf *name_key, Buf *sort_key, Err *e);

/* ---- Helpers for store modules ---------------------------------------------------- */

/* Checks optional text (NULL passes): valid UTF-8 and at most max bytes; the
 * Vietnamese message names label, e.field names field. */
int store_check_text(const char *s, size_t max, const char *field, const char *label, Err *e);
/* Whether s holds something besides ASCII spaces, tabs and line breaks. */
bool store_has_text(const char *s);

/* The years a record of the programme may name. */
enum { STORE_YEAR_MIN = 1990, STORE_YEAR_MAX = 2100 };
/* Checks that year is STORE_YEAR_MIN..STORE_YEAR_MAX: "<label> <year> không
 * hợp lệ", naming field. */
int store_check_year(int year, const char *field, const char *label, Err *e);
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
/* Runs st, a bound INSERT ... RETURNING * of one row whose first column is
 * its id, into *id, and records the insert of table with the row returned
 * as the snapshot after: the row as stored, the same JSON as reading it
 * back with SELECT * (store_audit_change), without the read. A failure of
 * st is returned as it is (a unique key: KC_ECONFLICT). */
int store_insert_audited(Db *db, const Actor *a, const char *table, Stmt *st, int64_t *id, Err *e);
/* The error for a write guarded by (id, version) that touched no row:
 * KC_ENOTFOUND if the record is gone, else KC_ECONFLICT (edited meanwhile).
 * what is the record's Vietnamese name in lower case: "cơ sở", "đề án". */
int store_stale(Db *db, const char *select_sql, int64_t id, const char *what, Err *e);
/* Appends "%<folded q>%" for LIKE ... ESCAPE '!', with q's wildcards escaped. */
int store_like_pattern(const char *q, Buf *out, Err *e);
/* The rows a page of a list holds: limit, or 50 for 0; KC_EINVAL (field
 * "limit") unless that is 1..500 and offset is not negative. */
int store_page_size(int limit, int offset, int *size, Err *e);

/* A WHERE term for lists filtered by a current province: rows of table t
 * recorded in that current province, or in a legacy province that became
 * part of it (provinces merged whole). Binds the code three times: as a
 * NULL test and twice to compare. */
#define STORE_IN_CURRENT_PROVINCE(t)                                                               \
	" (CAST(? AS TEXT) IS NULL OR (" t ".province_list = 'current' AND " t                     \
	".province_code = ?)"                                                                      \
	" OR (" t ".province_list = 'legacy' AND EXISTS (SELECT 1 FROM admin_succession s"         \
	" WHERE s.old_list = 'legacy' AND s.old_level = 'province' AND s.old_code = " t            \
	".province_code AND s.new_list = 'current' AND s.new_level = 'province'"                   \
	" AND s.new_code = ?)))"
/* Binds the current province code (NULL: any) to the three `?` of
 * STORE_IN_CURRENT_PROVINCE, from index i. */
void store_bind_current_province(Stmt *st, int i, const char *code);

/* The number of elements of a static array. */
#define STORE_COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Dates -------------------------------------------------------------------------- */

enum { STORE_DATE_LEN = 11 }; /* "2025-07-01" and NUL */

/* Parses an optional date in any form date_parse reads into "YYYY-MM-DD" in
 * out ("" when s is NULL or empty); a date that does not parse names field. */
int store_iso_date(const char *s, char out[STORE_DATE_LEN], const char *field, Err *e);
/* Copies s, a required day already written "YYYY-MM-DD" (the stored form,
 * so that days compare as text), to out; label names it in lower case for
 * the message when it is missing: "ngày giải ngân". */
int store_check_iso_date(
        const char *s, const char *field, const char *label, char out[STORE_DATE_LEN], Err *e);
/* "2025-07-01" as "01/07/2025" in out, for messages; returns out. Text that
 * is not an ISO date is copied as it is (cut to fit). */
const char *store_vn_day(const char *iso, char out[STORE_DATE_LEN]);

/* ---- Closed sets of values ---------------------------------------------------------- */

/* A value a field may take, and how a user reads it (NULL: no label). */
typedef struct StoreChoice {
	const char *value, *label;
} StoreChoice;

/* The index of value in set[0..n), or -1 (also for NULL). */
int store_choice_index(const StoreChoice *set, size_t n, const char *value);
/* The label of value in set[0..n), or NULL when value is not one of them. */
const char *store_choice_label(const StoreChoice *set, size_t n, const char *value);
/* Checks that value is one of set[0..n); otherwise KC_EINVAL naming field,
 * "<what> '<value>' không có", then "; chọn một trong: <labels>" when the
 * choices have labels. */
int store_check_choice(const char *value, const StoreChoice *set, size_t n, const char *field,
        const char *what, Err *e);

/* ---- Reads -------------------------------------------------------------------------- */

/* The one integer (a COUNT(*), a parent's id) that sql returns with its one
 * `?` bound to id, into *out; KC_ENOTFOUND when it returns no row. */
int store_scalar(Db *db, const char *sql, int64_t id, int64_t *out, Err *e);
/* The same with the `?` bound to text. */
int store_scalar_text(Db *db, const char *sql, const char *text, int64_t *out, Err *e);
/* Fills a record (out) from the row st is on; strings go in arena. */
typedef void (*StoreRead)(Stmt *st, Arena *arena, void *out);
/* Reads with read into out the row that select_sql (one `?` for id)
 * returns; KC_ENOTFOUND "Không có <what> số <id>" when there is none. */
int store_get(Db *db, const char *select_sql, int64_t id, StoreRead read, Arena *arena, void *out,
        const char *what, Err *e);
/* Like store_row_json for a row keyed by an id and a text, the two `?` of
 * select_sql in that order (programme_target, project_output). */
int store_row_json_key(
        Db *db, const char *select_sql, int64_t id, const char *key, Buf *out, Err *e);
/* Like store_row_json for a row keyed by text alone: select_sql's one `?`. */
int store_row_json_text(Db *db, const char *select_sql, const char *key, Buf *out, Err *e);

/* ---- Audited changes of one record -------------------------------------------------- */

/* A table as the helpers below change it; all constant text of its module. */
typedef struct StoreTable {
	const char *name;       /* as audit_log.table_name names it */
	const char *select_sql; /* "SELECT * FROM t WHERE id = ?": the audit snapshot */
	const char *delete_sql; /* "DELETE FROM t WHERE id = ? AND version = ? RETURNING id",
	                           or without the version for a table that has none */
	const char *what;       /* a record in Vietnamese, in lower case: "cơ sở" */
} StoreTable;

/* A reason not to delete a record: count_sql counts, with one `?` for the
 * record's id, the rows that still refer to it; reason says what they are,
 * in Vietnamese: "còn sản phẩm". */
typedef struct StoreUse {
	const char *count_sql, *reason;
} StoreUse;

/* Appends the snapshot of record id of t (the audit row's "before") to
 * before; a record that is gone is store_stale's KC_ENOTFOUND. */
int store_before(Db *db, const StoreTable *t, int64_t id, Buf *before, Err *e);
/* Runs st, a write of record id of t guarded by its version (... WHERE id = ?
 * AND version = ? RETURNING id) with its parameters bound; no row is
 * store_stale. The caller still gives st back with db_done. */
int store_run_versioned(Db *db, Stmt *st, const StoreTable *t, int64_t id, Err *e);
/* Refuses, KC_ECONFLICT "Không xóa được <subject>: <reason>", while one of
 * uses[0..n) counts a row that refers to record id; subject names the
 * record as the message shows it: "cơ sở số 5", "đề án 'KC-01'". */
int store_check_unused(
        Db *db, int64_t id, const StoreUse *uses, size_t n, const char *subject, Err *e);
/* Deletes record id of t, seen at version (-1: t has no versions), with its
 * audit row, all or nothing: refused while one of uses[0..n_uses) refers to
 * it; a record gone or edited meanwhile is store_stale. */
int store_delete(Db *db, const Actor *a, const StoreTable *t, int64_t id, int version,
        const StoreUse *uses, size_t n_uses, Err *e);

/* ---- Large transactions -------------------------------------------------------------- */

/* Prepares the connection for one large transaction of many small nested
 * ones (an import: a savepoint per row and per store call): on SQLite a page
 * cache of 256 MiB, so changed pages are not spilled to the write-ahead log
 * again and again, and savepoint journals in memory rather than in a
 * temporary file (without both, a 200 000-row import made 3 million
 * writes). Nothing on other engines. */
int store_bulk_mode(Db *db, Err *e);

#endif
