/* db_driver.h — what an engine behind db.h provides (db_sqlite.c, db_pg.c).
 *
 * Private to src/store/db*.c. db.c holds the public functions: it picks the
 * driver from the URL, keeps the transaction depth and the savepoints (the
 * same SQL on both engines), and builds db_run, db_run_int64 and
 * db_bind_str from the driver's primitives. An engine's Db and Stmt begin
 * with the structs below, so db.c reaches the driver from either handle. */
#ifndef KC_DB_DRIVER_H
#define KC_DB_DRIVER_H

#include "store/db.h"

typedef struct DbDriver {
	const char *name; /* what db_engine returns */
	int (*open)(Db **out, const char *url, Err *e);
	void (*close)(Db *db);
	/* SQL text without parameters, possibly several statements. */
	int (*exec)(Db *db, const char *sql, Err *e);
	/* Starts the outermost transaction (savepoints are db.c's). */
	int (*begin)(Db *db, Err *e);
	/* The catalogue: the tables in creation order (no parameter), and the
	 * primary-key columns of the table named by the one `?`, in key order. */
	const char *tables_sql;
	const char *key_sql; /* rows: name, whether its type is an integer (1/0) */
	/* The table named by the one `?`: its foreign keys, rows (key number,
	 * column, parent table, parent column or NULL) in key and column order;
	 * its unique keys but the primary, rows (index name, column or NULL for
	 * an expression) in index and column order. */
	const char *fkeys_sql;
	const char *uniques_sql;
	/* Moves id generators past ids inserted explicitly (see db_sync_ids). */
	int (*sync_ids)(Db *db, Err *e);
	int (*prepare)(Db *db, const char *sql, Stmt **out, Err *e);
	void (*done)(Stmt *st);
	void (*reset)(Stmt *st);
	void (*bind_int64)(Stmt *st, int i, int64_t v);
	void (*bind_text)(Stmt *st, int i, const char *s, size_t len); /* s is not NULL */
	void (*bind_null)(Stmt *st, int i);
	int (*step)(Stmt *st, Err *e);
	/* Rows changed by the connection's statements so far (a count that only
	 * grows), or NULL when the engine keeps none: db_flat needs it. */
	int64_t (*changes)(Db *db);
	int (*col_count)(Stmt *st);
	const char *(*col_name)(Stmt *st, int i);
	int (*col_type)(Stmt *st, int i);
	int64_t (*col_int64)(Stmt *st, int i);
	const char *(*col_text)(Stmt *st, int i); /* never NULL */
} DbDriver;

/* The first member of every engine's connection. */
enum { DB_DEPTH_MAX = 9 }; /* the transaction and eight savepoints */

struct Db {
	const DbDriver *drv;
	int depth;    /* transaction nesting, kept by db.c */
	bool flat;    /* db_flat: nested levels open no savepoint */
	bool spoiled; /* a flat level was rolled back after it changed rows */
	/* Per nested level (index depth - 1): whether it is flat, and the
	 * engine's change count when it began. */
	bool level_flat[DB_DEPTH_MAX];
	int64_t level_changes[DB_DEPTH_MAX];
	void *memo; /* db_memo, dropped with free_memo when the transaction ends */
	void (*free_memo)(void *);
};

/* The first member of every engine's statement. */
struct Stmt {
	const DbDriver *drv;
	Db *db;
};

extern const DbDriver db_sqlite_driver;
extern const DbDriver db_pg_driver;

#endif
