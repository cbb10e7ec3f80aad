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
 * ready to bind, and db_done gives it back. */
#ifndef KC_DB_H
#define KC_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct Db Db;
typedef struct Stmt Stmt;

/* db_step results, besides the KC_E* error codes. */
enum { DB_ROW = 100, DB_DONE = 101 };

/* Opens the database named by url: a file path (SQLite, created if missing)
 * or postgresql://... On success *out is a connection to db_close. */
int db_open(Db **out, const char *url, Err *e);
void db_close(Db *db);
/* "sqlite" or "postgresql". */
const char *db_engine(const Db *db);

/* Runs SQL text that may hold several statements and takes no parameters
 * (migrations). */
int db_exec(Db *db, const char *sql, Err *e);

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
 * KC_ECONFLICT for a unique, foreign-key or check violation, KC_EIO else. */
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

#endif
