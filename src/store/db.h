/* db.h — one interface over the two databases khuyencong runs on.
 *
 * A provincial instance uses an SQLite file, the national instance a
 * PostgreSQL server; store modules (store_*.c) see only this interface. SQL
 * is written once, portably: `?` placeholders (translated for PostgreSQL),
 * BIGINT and TEXT columns, dates as ISO text, RETURNING for new ids, no
 * engine-specific functions. Values are always bound, never formatted in.
 * Sorting compares bytes: ORDER BY a stored sort_key relies on SQLite's
 * BINARY collation, and the PostgreSQL driver gives those columns the "C"
 * collation, so both engines order identically.
 *
 * A Db is one connection and is used by one thread at a time. Prepared
 * statements are cached per connection: db_prepare hands out a statement
 * ready to bind, and db_done gives it back.
 *
 * db.c picks the engine from the URL (db_driver.h is the interface an engine
 * implements); what differs between the engines' SQL is translated in one
 * place, db_pg_dialect.c (docs/postgresql.md lists it). */
#ifndef KC_DB_H
#define KC_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct Db Db;
typedef struct Stmt Stmt;

/* What a user is told when the database itself refuses a change (a unique
 * key, a check, a value it cannot hold): the store checks first, so this is
 * a race with another user or a gap in its checks. The driver's own words
 * go to Err.detail, for the server's log only. */
extern const char db_conflict_message[], db_value_message[];

/* db_step results, besides the KC_E* error codes. */
enum { DB_ROW = 100, DB_DONE = 101 };

/* Opens the database named by url: a file path (SQLite, created if missing)
 * or postgresql://... (postgres://... too). On success *out is a connection
 * to db_close. */
int db_open(Db **out, const char *url, Err *e);
/* Whether url names a PostgreSQL database rather than an SQLite file. */
bool db_url_is_pg(const char *url);
void db_close(Db *db);
/* "sqlite" or "postgresql". */
const char *db_engine(const Db *db);

/* Runs SQL text that may hold several statements and takes no parameters
 * (migrations). On PostgreSQL the text is translated first (types, ids,
 * collation: db_pg_dialect.c), and id generators are moved past any ids
 * it inserted. */
int db_exec(Db *db, const char *sql, Err *e);
/* Moves the id generators past the largest ids stored, after rows were
 * inserted with explicit ids through prepared statements (a copy). Nothing
 * to do on SQLite. */
int db_sync_ids(Db *db, Err *e);
/* Defers foreign-key checks to the commit of the current transaction, so
 * rows may be inserted in any order (a copy of self-referencing tables). */
int db_defer_foreign_keys(Db *db, Err *e);

/* A table of the database, as the catalogue describes it. */
enum { DB_NAME_MAX = 64, DB_KEY_MAX = 8 };
typedef struct DbTable {
	char name[DB_NAME_MAX];
	int nkey; /* columns of the primary key; 0 if it has none */
	char key[DB_KEY_MAX][DB_NAME_MAX];
	bool key_int[DB_KEY_MAX]; /* whether each key column is declared an integer */
} DbTable;
/* The tables of the database (not the engine's own), in the order they were
 * created, into out[0..max); *n receives how many. Names are checked to be
 * plain lower-case identifiers ([a-z_][a-z0-9_]*), so a caller may put them
 * in SQL text; KC_EINVAL for a table that is not, KC_ETOOBIG past max. */
int db_tables(Db *db, DbTable *out, int max, int *n, Err *e);

/* A foreign key of a table: its columns cols[i] refer to ref_cols[i] of
 * ref_table (ref_cols[i] "" when the key names the parent's primary key). */
typedef struct DbForeignKey {
	char ref_table[DB_NAME_MAX];
	int ncols;
	char cols[DB_KEY_MAX][DB_NAME_MAX];
	char ref_cols[DB_KEY_MAX][DB_NAME_MAX];
} DbForeignKey;
/* The foreign keys of table into out[0..max), in the catalogue's order. */
int db_foreign_keys(Db *db, const char *table, DbForeignKey *out, int max, int *n, Err *e);

/* A unique index or constraint of a table other than its primary key. One
 * built on an expression has expression set (its columns are then not all
 * of it). A partial index is listed with its columns, its condition not. */
typedef struct DbUnique {
	int ncols;
	bool expression;
	char cols[DB_KEY_MAX][DB_NAME_MAX];
} DbUnique;
/* The unique keys of table into out[0..max). */
int db_unique_keys(Db *db, const char *table, DbUnique *out, int max, int *n, Err *e);

/* A cached prepared statement for sql, reset and with no bindings; the SQL
 * text is the cache key (copied). Give it back with db_done, also after an
 * error. */
int db_prepare(Db *db, const char *sql, Stmt **out, Err *e);
void db_done(Stmt *st);
/* Makes a statement ready to bind and run again (a loop over rows to insert). */
void db_reset(Stmt *st);

/* Parameters are numbered from 1, in the order of the `?` in the SQL. A NULL
 * string binds SQL NULL. A bind that fails (an index out of range) is kept
 * and reported by the next db_step as KC_EINVAL. */
void db_bind_int64(Stmt *st, int i, int64_t v);
void db_bind_text(Stmt *st, int i, const char *s, size_t len);
void db_bind_str(Stmt *st, int i, const char *s); /* NULL binds NULL */
void db_bind_null(Stmt *st, int i);

/* DB_ROW when a row is ready, DB_DONE at the end, or a KC_E* code:
 * KC_ECONFLICT for a unique, foreign-key or check violation (and on
 * PostgreSQL for a serialization failure or deadlock inside a transaction,
 * which the caller may retry whole; outside one the driver retries the
 * statement itself), KC_EINVAL for a value the engine rejects (PostgreSQL's
 * data exceptions), KC_EIO else (a lost connection: the next statement
 * outside a transaction reconnects). */
int db_step(Stmt *st, Err *e);

/* Column types as the row holds them. */
enum { DB_NULL, DB_INTEGER, DB_TEXT };

/* Columns are numbered from 0; text stays valid until the next step. */
int db_col_count(Stmt *st);
const char *db_col_name(Stmt *st, int i);
int db_col_type(Stmt *st, int i); /* DB_NULL, DB_INTEGER or DB_TEXT */
bool db_col_null(Stmt *st, int i);
int64_t db_col_int64(Stmt *st, int i);
const char *db_col_text(Stmt *st, int i); /* "" for NULL */

/* Runs a statement that returns no rows, or a single row with one integer
 * (RETURNING id, COUNT(*)); *out may be NULL. KC_ENOTFOUND if no row. */
int db_run(Stmt *st, Err *e);
int db_run_int64(Stmt *st, int64_t *out, Err *e);

/* Transactions nest: the outermost is a transaction, inner ones are
 * savepoints, so a store function can be atomic whether or not its caller
 * opened a transaction. db_rollback undoes only the innermost level. */
int db_begin(Db *db, Err *e);
int db_commit(Db *db, Err *e);
void db_rollback(Db *db);
/* The current nesting depth: 0 outside any transaction. */
int db_depth(const Db *db);

/* Levels nested without savepoints, for a caller whose outermost
 * transaction is all or nothing (an import: any problem and none of it is
 * committed). A savepoint copies every page a row touches before changing
 * it, which was a fifth of an import's time. While on, db_begin inside a
 * transaction opens no savepoint and db_commit of such a level releases
 * nothing; db_rollback of it undoes nothing, so it must find nothing to
 * undo: when rows were changed since the level began, the transaction is
 * spoiled (db_spoiled), and its db_commit refuses, rolls it all back and
 * fails with KC_EIO. Each statement stays atomic on its own (a refused
 * INSERT leaves nothing). Levels opened while off keep their savepoints.
 * Only for an engine that counts changed rows and whose transaction goes on
 * after a refused statement (SQLite); on PostgreSQL, where a refusal ends
 * all but a savepoint, nothing changes. Returns whether levels are now flat. */
bool db_flat(Db *db, bool on);
/* A store module's memo of reference rows it read in the current
 * transaction (store_admin: the units it checked), so that an import of a
 * million rows reads each unit once. It lives no longer than the
 * outermost transaction, which holds the write lock, so nothing it
 * remembers can change meanwhile: free_memo is called on it when that
 * transaction commits or rolls back (or the connection closes). NULL when
 * none is set; outside a transaction one is freed at once, not kept. */
void *db_memo(Db *db);
void db_set_memo(Db *db, void *memo, void (*free_memo)(void *));

/* Whether a flat level was rolled back after changing rows (see db_flat):
 * the transaction holds changes no caller wanted and cannot commit. */
bool db_spoiled(const Db *db);

#endif
