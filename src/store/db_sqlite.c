/* db_sqlite.c — db.h on SQLite.
 *
 * Each connection runs in WAL mode with foreign keys on and a busy timeout,
 * and keeps its prepared statements in a small cache keyed by SQL text. */
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"

enum { DB_CACHE_MAX = 256, DB_BUSY_MS = 5000 };

struct Stmt {
	Db *db;
	sqlite3_stmt *s;
	char *sql;   /* a copy of the SQL text: the cache key; NULL if uncached */
	int bind_rc; /* the first failed bind since the last reset, reported by db_step */
	bool in_use;
};

struct Db {
	sqlite3 *h;
	int depth;
	size_t ncache;
	Stmt *cache[DB_CACHE_MAX];
};

static int db_fail(Db *db, int rc, Err *e, const char *what)
{
	int code = (rc & 0xff) == SQLITE_CONSTRAINT ? KC_ECONFLICT : KC_EIO;
	return err_set(e, code, "%s: %s", what, sqlite3_errmsg(db->h));
}

/* No page-cache memory allocated in bulk when a cache opens. A statement
 * that sorts through a temporary b-tree (ORDER BY ... LIMIT with no index
 * for the order: a search's matches) opens a cache for it, and the bulk
 * allocation (about 90 KiB) freed at its end made glibc give the top of
 * the heap back to the system and fault it in again on every request: 50 of
 * the 70 µs of a search that finds nothing. Process-wide, before SQLite is
 * initialised; if something initialised it already, the default stays. */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
}

int db_open(Db **out, const char *url, Err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure);
	*out = NULL;
	if (!strncmp(url, "postgresql:", 11) || !strncmp(url, "postgres:", 9))
		return err_set(e, KC_ENOTIMPL, "PostgreSQL is not built yet: '%s'", url);
	Db *db = calloc(1, sizeof *db);
	if (!db)
		abort();
	int rc = sqlite3_open_v2(url, &db->h,
	        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		err_set(e, KC_EIO, "cannot open '%s': %s", url,
		        db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		sqlite3_close(db->h);
		free(db);
		return KC_EIO;
	}
	sqlite3_busy_timeout(db->h, DB_BUSY_MS);
	sqlite3_extended_result_codes(db->h, 1);
	rc = db_exec(db,
	        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;", e);
	if (rc) {
		db_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

void db_close(Db *db)
{
	if (!db)
		return;
	for (size_t i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i]->s);
		free(db->cache[i]->sql);
		free(db->cache[i]);
	}
	sqlite3_close(db->h);
	free(db);
}

const char *db_engine(const Db *db)
{
	(void)db;
	return "sqlite";
}

int db_exec(Db *db, const char *sql, Err *e)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return 0;
	int code = (rc & 0xff) == SQLITE_CONSTRAINT ? KC_ECONFLICT : KC_EIO;
	err_set(e, code, "%s", msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return code;
}

/* A statement for sql not in use: from the cache, or newly prepared. A
 * statement already in use (a nested query with the same text) gets a twin. */
int db_prepare(Db *db, const char *sql, Stmt **out, Err *e)
{
	*out = NULL;
	for (size_t i = 0; i < db->ncache; i++) {
		Stmt *st = db->cache[i];
		if (!st->in_use && !strcmp(st->sql, sql)) {
			st->in_use = true;
			*out = st;
			return 0;
		}
	}
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK)
		return db_fail(db, rc, e, "cannot prepare statement");
	Stmt *st = malloc(sizeof *st);
	if (!st)
		abort();
	*st = (Stmt){.db = db, .s = s, .in_use = true};
	if (db->ncache < DB_CACHE_MAX) {
		if (!(st->sql = strdup(sql)))
			abort();
		db->cache[db->ncache++] = st;
	} /* else uncached: db_done finalizes it */
	*out = st;
	return 0;
}

void db_reset(Stmt *st)
{
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
	st->bind_rc = SQLITE_OK;
}

/* Keeps the first bind failure (a wrong index, say) for db_step to report,
 * rather than running the statement with the parameter left NULL. */
static void bound(Stmt *st, int rc)
{
	if (rc != SQLITE_OK && st->bind_rc == SQLITE_OK)
		st->bind_rc = rc;
}

void db_done(Stmt *st)
{
	if (!st)
		return;
	db_reset(st);
	if (!st->sql) {
		sqlite3_finalize(st->s);
		free(st);
		return;
	}
	st->in_use = false;
}

void db_bind_int64(Stmt *st, int i, int64_t v)
{
	bound(st, sqlite3_bind_int64(st->s, i, v));
}

void db_bind_text(Stmt *st, int i, const char *s, size_t len)
{
	if (!s)
		bound(st, sqlite3_bind_null(st->s, i));
	else
		bound(st, sqlite3_bind_text64(st->s, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8));
}

void db_bind_str(Stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s, s ? strlen(s) : 0);
}

void db_bind_null(Stmt *st, int i)
{
	bound(st, sqlite3_bind_null(st->s, i));
}

int db_step(Stmt *st, Err *e)
{
	if (st->bind_rc != SQLITE_OK)
		return err_set(
		        e, KC_EINVAL, "cannot bind a parameter: %s", sqlite3_errstr(st->bind_rc));
	int rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return db_fail(st->db, rc, e, "statement failed");
}

int db_col_count(Stmt *st)
{
	return sqlite3_column_count(st->s);
}

const char *db_col_name(Stmt *st, int i)
{
	return sqlite3_column_name(st->s, i);
}

int db_col_type(Stmt *st, int i)
{
	switch (sqlite3_column_type(st->s, i)) {
	case SQLITE_NULL: return DB_NULL;
	case SQLITE_INTEGER: return DB_INTEGER;
	default: return DB_TEXT; /* the schema holds no reals or blobs */
	}
}

bool db_col_null(Stmt *st, int i)
{
	return sqlite3_column_type(st->s, i) == SQLITE_NULL;
}

int64_t db_col_int64(Stmt *st, int i)
{
	return sqlite3_column_int64(st->s, i);
}

const char *db_col_text(Stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st->s, i);
	return t ? (const char *)t : "";
}

int db_run(Stmt *st, Err *e)
{
	int rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		;
	return rc == DB_DONE ? 0 : rc;
}

int db_run_int64(Stmt *st, int64_t *out, Err *e)
{
	int rc = db_step(st, e);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "no row");
	if (rc != DB_ROW)
		return rc;
	if (out)
		*out = db_col_int64(st, 0);
	/* Drain, so an INSERT ... RETURNING completes. */
	while ((rc = db_step(st, e)) == DB_ROW)
		;
	return rc == DB_DONE ? 0 : rc;
}

int db_begin(Db *db, Err *e)
{
	/* Savepoint names are fixed per depth, so no name is ever formatted. */
	static const char *const sp[] = {"SAVEPOINT kc1", "SAVEPOINT kc2", "SAVEPOINT kc3",
	        "SAVEPOINT kc4", "SAVEPOINT kc5", "SAVEPOINT kc6", "SAVEPOINT kc7",
	        "SAVEPOINT kc8"};
	if (db->depth > (int)(sizeof sp / sizeof sp[0]))
		return err_set(e, KC_ERANGE, "transactions nested too deeply");
	int rc = db_exec(db, db->depth == 0 ? "BEGIN IMMEDIATE" : sp[db->depth - 1], e);
	if (rc == 0)
		db->depth++;
	return rc;
}

int db_commit(Db *db, Err *e)
{
	static const char *const rel[] = {"RELEASE kc1", "RELEASE kc2", "RELEASE kc3",
	        "RELEASE kc4", "RELEASE kc5", "RELEASE kc6", "RELEASE kc7", "RELEASE kc8"};
	if (db->depth == 0)
		return err_set(e, KC_EINVAL, "commit outside a transaction");
	int rc = db_exec(db, db->depth == 1 ? "COMMIT" : rel[db->depth - 2], e);
	if (rc == 0)
		db->depth--;
	return rc;
}

void db_rollback(Db *db)
{
	static const char *const rb[] = {"ROLLBACK TO kc1; RELEASE kc1",
	        "ROLLBACK TO kc2; RELEASE kc2", "ROLLBACK TO kc3; RELEASE kc3",
	        "ROLLBACK TO kc4; RELEASE kc4", "ROLLBACK TO kc5; RELEASE kc5",
	        "ROLLBACK TO kc6; RELEASE kc6", "ROLLBACK TO kc7; RELEASE kc7",
	        "ROLLBACK TO kc8; RELEASE kc8"};
	if (db->depth == 0)
		return;
	db_exec(db, db->depth == 1 ? "ROLLBACK" : rb[db->depth - 2], NULL);
	db->depth--;
}

int db_depth(const Db *db)
{
	return db->depth;
}
