/* db.c — the public side of db.h: picks the engine from the URL and keeps
 * what is the same on every engine (transaction nesting with savepoints, the
 * run helpers). The engines are db_sqlite.c and db_pg.c (db_driver.h). */
#include <stdio.h>
#include <string.h>

#include "store/db_driver.h"

const char db_conflict_message[] =
        "Không lưu được: dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có (có thể vừa có người khác"
        " lưu cùng lúc); xin tải lại trang, kiểm tra rồi thử lại";
const char db_value_message[] = "Không lưu được: có giá trị quá lớn hoặc không đúng kiểu để lưu;"
                                " xin kiểm tra lại số liệu đã nhập";

bool db_url_is_pg(const char *url)
{
	return !strncmp(url, "postgresql://", 13) || !strncmp(url, "postgres://", 11);
}

int db_open(Db **out, const char *url, Err *e)
{
	*out = NULL;
	const DbDriver *drv = db_url_is_pg(url) ? &db_pg_driver : &db_sqlite_driver;
	return drv->open(out, url, e);
}

static void drop_memo(Db *db)
{
	if (db->memo)
		db->free_memo(db->memo);
	db->memo = NULL;
	db->free_memo = NULL;
}

void db_close(Db *db)
{
	if (!db)
		return;
	drop_memo(db);
	db->drv->close(db);
}

const char *db_engine(const Db *db)
{
	return db->drv->name;
}

int db_exec(Db *db, const char *sql, Err *e)
{
	return db->drv->exec(db, sql, e);
}

int db_sync_ids(Db *db, Err *e)
{
	return db->drv->sync_ids(db, e);
}

int db_defer_foreign_keys(Db *db, Err *e)
{
	if (db->depth == 0)
		return err_set(e, KC_EINVAL, "foreign keys deferred outside a transaction");
	return db->drv->exec(db,
	        strcmp(db->drv->name, "sqlite") ? "SET CONSTRAINTS ALL DEFERRED"
	                                        : "PRAGMA defer_foreign_keys = ON",
	        e);
}

/* A name a caller may put in SQL text without quoting. */
static bool plain_name(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9') || strlen(s) >= DB_NAME_MAX)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

/* The primary-key columns of t, read with the driver's catalogue query. */
static int table_key(Db *db, DbTable *t, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, db->drv->key_sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, t->name);
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *col = db_col_text(st, 0);
		if (t->nkey == DB_KEY_MAX || !plain_name(col)) {
			rc = err_set(e, KC_EINVAL, "table '%s': key column '%s' not supported",
			        t->name, col);
			break;
		}
		t->key_int[t->nkey] = db_col_int64(st, 1) != 0;
		snprintf(t->key[t->nkey++], DB_NAME_MAX, "%s", col);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int db_tables(Db *db, DbTable *out, int max, int *n, Err *e)
{
	*n = 0;
	Stmt *st;
	int rc = db_prepare(db, db->drv->tables_sql, &st, e);
	if (rc)
		return rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *name = db_col_text(st, 0);
		if (*n == max) {
			rc = err_set(e, KC_ETOOBIG, "more than %d tables", max);
			break;
		}
		if (!plain_name(name)) {
			rc = err_set(
			        e, KC_EINVAL, "table name '%s' is not a plain identifier", name);
			break;
		}
		out[*n] = (DbTable){.nkey = 0};
		snprintf(out[(*n)++].name, DB_NAME_MAX, "%s", name);
	}
	db_done(st);
	if (rc != DB_DONE)
		return rc;
	rc = 0;
	for (int i = 0; rc == 0 && i < *n; i++)
		rc = table_key(db, &out[i], e);
	return rc;
}

/* Copies a catalogue name into out, checked to be plain. */
static int catalogue_name(const char *table, const char *name, char out[DB_NAME_MAX], Err *e)
{
	if (!plain_name(name))
		return err_set(e, KC_EINVAL, "table '%s': name '%s' is not a plain identifier",
		        table, name);
	snprintf(out, DB_NAME_MAX, "%s", name);
	return 0;
}

/* Runs one of the driver's per-table catalogue queries; row receives each
 * row and whether it begins a new group (its first column changed). */
typedef int (*CatalogueRow)(Stmt *st, bool first, void *out, int max, int *n, Err *e);

static int catalogue(Db *db, const char *sql, const char *table, CatalogueRow row, void *out,
        int max, int *n, Err *e)
{
	*n = 0;
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, table);
	char group[128] = "";
	while ((rc = db_step(st, e)) == DB_ROW) {
		bool first = strcmp(group, db_col_text(st, 0)) != 0;
		snprintf(group, sizeof group, "%s", db_col_text(st, 0));
		if (first && *n == max) {
			rc = err_set(e, KC_ETOOBIG, "table '%s': more than %d keys", table, max);
			break;
		}
		if ((rc = row(st, first, out, max, n, e)))
			break;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

static int fkey_row(Stmt *st, bool first, void *out, int max, int *n, Err *e)
{
	(void)max;
	DbForeignKey *k = (DbForeignKey *)out + (first ? (*n)++ : *n - 1);
	if (first)
		*k = (DbForeignKey){.ncols = 0};
	if (k->ncols == DB_KEY_MAX)
		return err_set(e, KC_ETOOBIG, "a foreign key of more than %d columns", DB_KEY_MAX);
	const char *parent = db_col_text(st, 2);
	int rc = catalogue_name(parent, db_col_text(st, 1), k->cols[k->ncols], e);
	if (rc == 0)
		rc = catalogue_name(parent, parent, k->ref_table, e);
	if (rc == 0 && !db_col_null(st, 3))
		rc = catalogue_name(parent, db_col_text(st, 3), k->ref_cols[k->ncols], e);
	k->ncols++;
	return rc;
}

int db_foreign_keys(Db *db, const char *table, DbForeignKey *out, int max, int *n, Err *e)
{
	return catalogue(db, db->drv->fkeys_sql, table, fkey_row, out, max, n, e);
}

static int unique_row(Stmt *st, bool first, void *out, int max, int *n, Err *e)
{
	(void)max;
	DbUnique *u = (DbUnique *)out + (first ? (*n)++ : *n - 1);
	if (first)
		*u = (DbUnique){.ncols = 0};
	if (db_col_null(st, 1)) {
		u->expression = true;
		return 0;
	}
	if (u->ncols == DB_KEY_MAX)
		return err_set(e, KC_ETOOBIG, "a unique key of more than %d columns", DB_KEY_MAX);
	return catalogue_name(db_col_text(st, 0), db_col_text(st, 1), u->cols[u->ncols++], e);
}

int db_unique_keys(Db *db, const char *table, DbUnique *out, int max, int *n, Err *e)
{
	return catalogue(db, db->drv->uniques_sql, table, unique_row, out, max, n, e);
}

int db_prepare(Db *db, const char *sql, Stmt **out, Err *e)
{
	*out = NULL;
	return db->drv->prepare(db, sql, out, e);
}

void db_done(Stmt *st)
{
	if (st)
		st->drv->done(st);
}

void db_reset(Stmt *st)
{
	st->drv->reset(st);
}

void db_bind_int64(Stmt *st, int i, int64_t v)
{
	st->drv->bind_int64(st, i, v);
}

void db_bind_text(Stmt *st, int i, const char *s, size_t len)
{
	if (s)
		st->drv->bind_text(st, i, s, len);
	else
		st->drv->bind_null(st, i);
}

void db_bind_str(Stmt *st, int i, const char *s)
{
	db_bind_text(st, i, s, s ? strlen(s) : 0);
}

void db_bind_null(Stmt *st, int i)
{
	st->drv->bind_null(st, i);
}

int db_step(Stmt *st, Err *e)
{
	return st->drv->step(st, e);
}

int db_col_count(Stmt *st)
{
	return st->drv->col_count(st);
}

const char *db_col_name(Stmt *st, int i)
{
	return st->drv->col_name(st, i);
}

int db_col_type(Stmt *st, int i)
{
	return st->drv->col_type(st, i);
}

bool db_col_null(Stmt *st, int i)
{
	return st->drv->col_type(st, i) == DB_NULL;
}

int64_t db_col_int64(Stmt *st, int i)
{
	return st->drv->col_int64(st, i);
}

const char *db_col_text(Stmt *st, int i)
{
	return st->drv->col_text(st, i);
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

/* Savepoint names are fixed per depth, so no name is ever formatted. */
static const char *const savepoint[] = {"SAVEPOINT kc1", "SAVEPOINT kc2", "SAVEPOINT kc3",
        "SAVEPOINT kc4", "SAVEPOINT kc5", "SAVEPOINT kc6", "SAVEPOINT kc7", "SAVEPOINT kc8"};
static const char *const release[] = {"RELEASE kc1", "RELEASE kc2", "RELEASE kc3", "RELEASE kc4",
        "RELEASE kc5", "RELEASE kc6", "RELEASE kc7", "RELEASE kc8"};
static const char *const rollback_to[] = {"ROLLBACK TO kc1; RELEASE kc1",
        "ROLLBACK TO kc2; RELEASE kc2", "ROLLBACK TO kc3; RELEASE kc3",
        "ROLLBACK TO kc4; RELEASE kc4", "ROLLBACK TO kc5; RELEASE kc5",
        "ROLLBACK TO kc6; RELEASE kc6", "ROLLBACK TO kc7; RELEASE kc7",
        "ROLLBACK TO kc8; RELEASE kc8"};

int db_begin(Db *db, Err *e)
{
	if (db->depth >= DB_DEPTH_MAX)
		return err_set(e, KC_ERANGE, "transactions nested too deeply");
	bool flat = db->depth > 0 && db->flat;
	int rc = flat             ? 0
	         : db->depth == 0 ? db->drv->begin(db, e)
	                          : db->drv->exec(db, savepoint[db->depth - 1], e);
	if (rc)
		return rc;
	if (db->depth == 0)
		db->spoiled = false;
	db->level_flat[db->depth] = flat;
	db->level_changes[db->depth] = flat ? db->drv->changes(db) : 0;
	db->depth++;
	return 0;
}

int db_commit(Db *db, Err *e)
{
	if (db->depth == 0)
		return err_set(e, KC_EINVAL, "commit outside a transaction");
	if (db->depth == 1 && db->spoiled) {
		db_rollback(db);
		return err_set(e, KC_EIO,
		        "a failed part of the transaction could not be undone: nothing was written");
	}
	int rc = db->level_flat[db->depth - 1]
	                 ? 0
	                 : db->drv->exec(db, db->depth == 1 ? "COMMIT" : release[db->depth - 2], e);
	if (rc == 0 && --db->depth == 0)
		drop_memo(db);
	return rc;
}

void db_rollback(Db *db)
{
	if (db->depth == 0)
		return;
	int level = db->depth - 1;
	if (!db->level_flat[level])
		db->drv->exec(db, db->depth == 1 ? "ROLLBACK" : rollback_to[db->depth - 2], NULL);
	else if (db->drv->changes(db) != db->level_changes[level])
		db->spoiled = true;
	if (--db->depth == 0)
		drop_memo(db);
}

int db_depth(const Db *db)
{
	return db->depth;
}

bool db_flat(Db *db, bool on)
{
	db->flat = on && db->drv->changes;
	return db->flat;
}

bool db_spoiled(const Db *db)
{
	return db->spoiled;
}

void *db_memo(Db *db)
{
	return db->memo;
}

void db_set_memo(Db *db, void *memo, void (*free_memo)(void *))
{
	drop_memo(db);
	if (db->depth == 0) {
		if (memo)
			free_memo(memo);
		return;
	}
	db->memo = memo;
	db->free_memo = free_memo;
}
