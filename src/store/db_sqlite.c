/* db_sqlite.c — db.h on SQLite (db_driver.h).
 *
 * Each connection runs in WAL mode with foreign keys on and a busy timeout,
 * and keeps its prepared statements in a small cache keyed by SQL text.
 * Write transactions start with BEGIN IMMEDIATE: one writer at a time, which
 * the store relies on for its check-then-write rules (the PostgreSQL driver
 * gives the same guarantee with a lock). */
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_driver.h"

enum { DB_CACHE_MAX = 256, DB_BUSY_MS = 5000 };

typedef struct LiteStmt {
	Stmt base;
	sqlite3_stmt *s;
	char *sql;        /* a copy of the SQL text: the cache key; NULL if uncached */
	const char *seen; /* the caller's text it was last handed out for */
	int bind_rc;      /* the first failed bind since the last reset, reported by step */
	bool in_use;
} LiteStmt;

typedef struct LiteDb {
	Db base;
	sqlite3 *h;
	size_t ncache;
	LiteStmt *cache[DB_CACHE_MAX];
} LiteDb;

static LiteDb *lite(Db *db)
{
	return (LiteDb *)db;
}

static LiteStmt *lst(Stmt *st)
{
	return (LiteStmt *)st;
}

static int lite_fail(LiteDb *db, int rc, Err *e, const char *what)
{
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return err_set_detail(e, KC_ECONFLICT, db_conflict_message, "%s: %s", what,
		        sqlite3_errmsg(db->h));
	return err_set(e, KC_EIO, "%s: %s", what, sqlite3_errmsg(db->h));
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
	/* No memory statistics: keeping them takes one process-wide mutex on
	 * every sqlite3_malloc and sqlite3_free, shared by every connection
	 * (about 1 000 a 50-row đề án list), so the server's workers queued on
	 * it, and behind any worker descheduled while holding it. Nothing here
	 * reads the statistics or sets a soft heap limit. */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int lite_prepare(Db *d, const char *sql, Stmt **out, Err *e);
static void lite_done(Stmt *s);

/* One statement without parameters: a savepoint, its release, a commit.
 * They run from the statement cache rather than being parsed again each
 * time: an import opens and releases two savepoints a row, and parsing
 * them through sqlite3_exec was 7 % of its time. */
static int exec_one(Db *d, const char *sql, Err *e)
{
	if (!sql[strspn(sql, " \t\r\n")])
		return 0; /* nothing to run, as sqlite3_exec and PostgreSQL have it */
	Stmt *st;
	int rc = lite_prepare(d, sql, &st, e);
	if (rc)
		return rc;
	sqlite3_stmt *s = lst(st)->s;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	int code = rc == SQLITE_DONE ? 0 : (rc & 0xff) == SQLITE_CONSTRAINT ? KC_ECONFLICT : KC_EIO;
	if (code)
		err_set(e, code, "%s", sqlite3_errmsg(lite(d)->h));
	lite_done(st);
	return code;
}

static int lite_exec(Db *d, const char *sql, Err *e)
{
	if (!strchr(sql, ';'))
		return exec_one(d, sql, e);
	char *msg = NULL;
	int rc = sqlite3_exec(lite(d)->h, sql, NULL, NULL, &msg);
	if (rc == SQLITE_OK)
		return 0;
	int code = (rc & 0xff) == SQLITE_CONSTRAINT ? KC_ECONFLICT : KC_EIO;
	if (code == KC_ECONFLICT)
		err_set_detail(e, code, db_conflict_message, "%s", msg ? msg : sqlite3_errstr(rc));
	else
		err_set(e, code, "%s", msg ? msg : sqlite3_errstr(rc));
	sqlite3_free(msg);
	return code;
}

/* KC_SQL_STATS=1 in the environment: when a connection closes, each cached
 * statement's runs, virtual-machine steps, full-scan steps and sorts go to
 * standard error, the heaviest first in steps (for finding a scan). */
static void lite_stats(LiteDb *db)
{
	const char *on = getenv("KC_SQL_STATS");
	if (!on || !*on || !strcmp(on, "0"))
		return;
	fprintf(stderr, "%10s %12s %12s %8s  statement\n", "runs", "vm steps", "scan steps",
	        "sorts");
	for (size_t i = 0; i < db->ncache; i++) {
		sqlite3_stmt *s = db->cache[i]->s;
		fprintf(stderr, "%10d %12d %12d %8d  %.200s\n",
		        sqlite3_stmt_status(s, SQLITE_STMTSTATUS_RUN, 0),
		        sqlite3_stmt_status(s, SQLITE_STMTSTATUS_VM_STEP, 0),
		        sqlite3_stmt_status(s, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0),
		        sqlite3_stmt_status(s, SQLITE_STMTSTATUS_SORT, 0), db->cache[i]->sql);
	}
}

static void lite_close(Db *d)
{
	LiteDb *db = lite(d);
	lite_stats(db);
	for (size_t i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i]->s);
		free(db->cache[i]->sql);
		free(db->cache[i]);
	}
	sqlite3_close(db->h);
	free(db);
}

static int lite_open(Db **out, const char *url, Err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, configure);
	LiteDb *db = calloc(1, sizeof *db);
	if (!db)
		abort();
	db->base.drv = &db_sqlite_driver;
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
	rc = lite_exec(&db->base,
	        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;", e);
	if (rc) {
		lite_close(&db->base);
		return rc;
	}
	*out = &db->base;
	return 0;
}

static int lite_begin(Db *db, Err *e)
{
	return lite_exec(db, "BEGIN IMMEDIATE", e);
}

static int lite_sync_ids(Db *db, Err *e)
{
	(void)db, (void)e;
	return 0; /* an INTEGER PRIMARY KEY continues from the largest rowid */
}

/* The cached statement for sql not in use, or NULL. Most SQL is a string
 * constant, handed in at the same address each time: a statement is first
 * looked for by that address (its text still compared, as a buffer can
 * hold other SQL later), then by text alone, which costs a comparison per
 * cached statement (an import row's dozen lookups among some sixty
 * statements was 3 % of its instructions). */
static LiteStmt *cached(LiteDb *db, const char *sql)
{
	for (size_t i = 0; i < db->ncache; i++) {
		LiteStmt *st = db->cache[i];
		if (st->seen == sql && !st->in_use && !strcmp(st->sql, sql))
			return st;
	}
	for (size_t i = 0; i < db->ncache; i++) {
		LiteStmt *st = db->cache[i];
		if (!st->in_use && !strcmp(st->sql, sql)) {
			st->seen = sql;
			return st;
		}
	}
	return NULL;
}

/* A statement for sql not in use: from the cache, or newly prepared. A
 * statement already in use (a nested query with the same text) gets a twin. */
static int lite_prepare(Db *d, const char *sql, Stmt **out, Err *e)
{
	LiteDb *db = lite(d);
	LiteStmt *hit = cached(db, sql);
	if (hit) {
		hit->in_use = true;
		*out = &hit->base;
		return 0;
	}
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
	if (rc != SQLITE_OK)
		return lite_fail(db, rc, e, "cannot prepare statement");
	if (!s) /* only blanks or comments: nothing to step, bind or cache */
		return err_set(e, KC_EINVAL, "cannot prepare statement: no SQL in it");
	LiteStmt *st = malloc(sizeof *st);
	if (!st)
		abort();
	*st = (LiteStmt){.base = {&db_sqlite_driver, d}, .s = s, .in_use = true};
	if (db->ncache < DB_CACHE_MAX) {
		if (!(st->sql = strdup(sql)))
			abort();
		st->seen = sql;
		db->cache[db->ncache++] = st;
	} /* else uncached: done finalizes it */
	*out = &st->base;
	return 0;
}

static void lite_reset(Stmt *s)
{
	LiteStmt *st = lst(s);
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
	st->bind_rc = SQLITE_OK;
}

static void lite_done(Stmt *s)
{
	LiteStmt *st = lst(s);
	lite_reset(s);
	if (!st->sql) {
		sqlite3_finalize(st->s);
		free(st);
		return;
	}
	st->in_use = false;
}

/* Keeps the first bind failure (a wrong index, say) for step to report,
 * rather than running the statement with the parameter left NULL. */
static void bound(Stmt *s, int rc)
{
	LiteStmt *st = lst(s);
	if (rc != SQLITE_OK && st->bind_rc == SQLITE_OK)
		st->bind_rc = rc;
}

static void lite_bind_int64(Stmt *st, int i, int64_t v)
{
	bound(st, sqlite3_bind_int64(lst(st)->s, i, v));
}

static void lite_bind_text(Stmt *st, int i, const char *s, size_t len)
{
	bound(st, sqlite3_bind_text64(lst(st)->s, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8));
}

static void lite_bind_null(Stmt *st, int i)
{
	bound(st, sqlite3_bind_null(lst(st)->s, i));
}

static int lite_step(Stmt *s, Err *e)
{
	LiteStmt *st = lst(s);
	if (st->bind_rc != SQLITE_OK)
		return err_set(
		        e, KC_EINVAL, "cannot bind a parameter: %s", sqlite3_errstr(st->bind_rc));
	int rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return lite_fail(lite(s->db), rc, e, "statement failed");
}

static int64_t lite_changes(Db *db)
{
	return sqlite3_total_changes64(lite(db)->h);
}

static int lite_col_count(Stmt *st)
{
	return sqlite3_column_count(lst(st)->s);
}

static const char *lite_col_name(Stmt *st, int i)
{
	return sqlite3_column_name(lst(st)->s, i);
}

static int lite_col_type(Stmt *st, int i)
{
	switch (sqlite3_column_type(lst(st)->s, i)) {
	case SQLITE_NULL: return DB_NULL;
	case SQLITE_INTEGER: return DB_INTEGER;
	default: return DB_TEXT; /* the schema holds no reals or blobs */
	}
}

static int64_t lite_col_int64(Stmt *st, int i)
{
	return sqlite3_column_int64(lst(st)->s, i);
}

static const char *lite_col_text(Stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(lst(st)->s, i);
	return t ? (const char *)t : "";
}

const DbDriver db_sqlite_driver = {
        .name = "sqlite",
        .open = lite_open,
        .close = lite_close,
        .exec = lite_exec,
        .begin = lite_begin,
        .tables_sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
                      " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' ORDER BY rowid",
        .key_sql = "SELECT name, upper(type) LIKE '%INT%' FROM pragma_table_info(?) WHERE pk > 0"
                   " ORDER BY pk",
        .fkeys_sql = "SELECT id, \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)"
                     " ORDER BY id, seq",
        .uniques_sql = "SELECT il.name, ii.name FROM pragma_index_list(?) AS il,"
                       " pragma_index_xinfo(il.name) AS ii WHERE il.\"unique\" = 1"
                       " AND il.origin <> 'pk' AND ii.key = 1 ORDER BY il.name, ii.seqno",
        .sync_ids = lite_sync_ids,
        .prepare = lite_prepare,
        .done = lite_done,
        .reset = lite_reset,
        .bind_int64 = lite_bind_int64,
        .bind_text = lite_bind_text,
        .bind_null = lite_bind_null,
        .step = lite_step,
        .changes = lite_changes,
        .col_count = lite_col_count,
        .col_name = lite_col_name,
        .col_type = lite_col_type,
        .col_int64 = lite_col_int64,
        .col_text = lite_col_text,
};
