/* store_copy.c — see store_copy.h.
 *
 * Table and column names come from the source's catalogue (db_tables) and
 * its result columns, each checked to be a plain identifier before it goes
 * into SQL text: the only SQL here built by formatting, and only from names
 * the database itself gave. Values are always bound. */
#include "store/store_copy.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_migrate.h"

enum { COPY_TABLES_MAX = 256, COPY_CONFLICTS_SHOWN = 50, COPY_SQL_MAX = 1 << 16 };

/* What copying one table needs: its columns and the statements built once. */
typedef struct CopyTable {
	const DbTable *t;
	Buf cols; /* "a, b, c" */
	int ncols;
	int key_at[DB_KEY_MAX]; /* where each key column is among the columns */
	Buf select;             /* the source's rows in key order */
	Buf lookup;             /* the destination's row with the same key */
	Buf insert;
} CopyTable;

static bool plain_name(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && n < DB_NAME_MAX && !(*s >= '0' && *s <= '9') &&
	       strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static void copy_table_free(CopyTable *c)
{
	buf_free(&c->cols);
	buf_free(&c->select);
	buf_free(&c->lookup);
	buf_free(&c->insert);
}

/* "ORDER BY k1, k2" or " WHERE k1 = ? AND k2 = ?" for t's key. */
static void key_clause(Buf *b, const DbTable *t, bool where)
{
	buf_puts(b, where ? " WHERE " : " ORDER BY ");
	for (int k = 0; k < t->nkey; k++)
		buf_printf(b, "%s%s%s", k ? (where ? " AND " : ", ") : "", t->key[k],
		        where ? " = ?" : "");
}

/* Reads t's columns from the source (a query that returns no row) and builds
 * the statements. */
static int copy_table_init(Db *from, const DbTable *t, CopyTable *c, Err *e)
{
	*c = (CopyTable){.t = t};
	buf_init(&c->cols, COPY_SQL_MAX);
	buf_init(&c->select, COPY_SQL_MAX);
	buf_init(&c->lookup, COPY_SQL_MAX);
	buf_init(&c->insert, COPY_SQL_MAX);
	if (t->nkey == 0)
		return err_set(
		        e, KC_EINVAL, "table '%s' has no primary key to copy it by", t->name);
	Buf probe;
	buf_init(&probe, 256);
	buf_printf(&probe, "SELECT * FROM %s WHERE 1 = 0", t->name);
	Stmt *st;
	int rc = db_prepare(from, buf_cstr(&probe), &st, e);
	buf_free(&probe);
	if (rc)
		return rc;
	if ((rc = db_step(st, e)) == DB_DONE)
		rc = 0;
	for (int k = 0; k < t->nkey; k++)
		c->key_at[k] = -1;
	c->ncols = db_col_count(st);
	for (int i = 0; rc == 0 && i < c->ncols; i++) {
		const char *name = db_col_name(st, i);
		if (!name || !plain_name(name)) {
			rc = err_set(e, KC_EINVAL, "table '%s': column '%s' is not a plain name",
			        t->name, name ? name : "");
			break;
		}
		buf_printf(&c->cols, "%s%s", i ? ", " : "", name);
		for (int k = 0; k < t->nkey; k++)
			if (!strcmp(t->key[k], name))
				c->key_at[k] = i;
	}
	db_done(st);
	for (int k = 0; rc == 0 && k < t->nkey; k++)
		if (c->key_at[k] < 0)
			rc = err_set(e, KC_EINVAL, "table '%s': key '%s' not among its columns",
			        t->name, t->key[k]);
	if (rc)
		return rc;
	buf_printf(&c->select, "SELECT %s FROM %s", buf_cstr(&c->cols), t->name);
	key_clause(&c->select, t, false);
	buf_printf(&c->lookup, "SELECT %s FROM %s", buf_cstr(&c->cols), t->name);
	key_clause(&c->lookup, t, true);
	buf_printf(&c->insert, "INSERT INTO %s (%s) VALUES (", t->name, buf_cstr(&c->cols));
	for (int i = 0; i < c->ncols; i++)
		buf_puts(&c->insert, i ? ", ?" : "?");
	buf_putc(&c->insert, ')');
	if (buf_err(&c->cols) || buf_err(&c->select) || buf_err(&c->lookup) || buf_err(&c->insert))
		return err_set(e, KC_ETOOBIG, "table '%s' has too many columns to copy", t->name);
	return 0;
}

/* Binds column i of the row src is on as parameter p of dst, by its type. */
static void bind_like(Stmt *dst, int p, Stmt *src, int i)
{
	switch (db_col_type(src, i)) {
	case DB_NULL: db_bind_null(dst, p); break;
	case DB_INTEGER: db_bind_int64(dst, p, db_col_int64(src, i)); break;
	default: db_bind_str(dst, p, db_col_text(src, i)); break;
	}
}

/* The first column where the rows a and b are on differ, or -1. */
static int first_difference(Stmt *a, Stmt *b, int ncols)
{
	for (int i = 0; i < ncols; i++) {
		bool na = db_col_null(a, i), nb = db_col_null(b, i);
		if (na != nb || (!na && strcmp(db_col_text(a, i), db_col_text(b, i))))
			return i;
	}
	return -1;
}

typedef struct Tally {
	int64_t added, same, conflicts;
	Buf *shown; /* the conflicts named so far, or NULL */
} Tally;

static void note_conflict(Tally *n, const CopyTable *c, Stmt *src, int col)
{
	if (n->shown && n->conflicts < COPY_CONFLICTS_SHOWN) {
		buf_printf(n->shown, "%s", c->t->name);
		for (int k = 0; k < c->t->nkey; k++)
			buf_printf(
			        n->shown, " %s=%s", c->t->key[k], db_col_text(src, c->key_at[k]));
		buf_printf(n->shown, ": column '%s' differs\n", db_col_name(src, col));
	}
	n->conflicts++;
}

/* Adds or compares the row src is on. */
static int copy_row(Db *to, const CopyTable *c, Stmt *src, Tally *n, Err *e)
{
	Stmt *st;
	int rc = db_prepare(to, buf_cstr(&c->lookup), &st, e);
	if (rc)
		return rc;
	for (int k = 0; k < c->t->nkey; k++)
		bind_like(st, k + 1, src, c->key_at[k]);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		int col = first_difference(src, st, c->ncols);
		if (col < 0)
			n->same++;
		else
			note_conflict(n, c, src, col);
		rc = 0;
	}
	db_done(st);
	if (rc != DB_DONE)
		return rc;
	if (n->conflicts) /* nothing will be written: only look for more */
		return 0;
	if ((rc = db_prepare(to, buf_cstr(&c->insert), &st, e)))
		return rc;
	for (int i = 0; i < c->ncols; i++)
		bind_like(st, i + 1, src, i);
	if ((rc = db_run(st, e)) == 0)
		n->added++;
	db_done(st);
	return rc;
}

static int copy_table(
        Db *from, Db *to, const DbTable *t, CopyFn fn, void *ctx, Tally *total, Err *e)
{
	CopyTable c;
	Err le = {0};
	int rc = copy_table_init(from, t, &c, &le);
	Tally n = {.shown = total->shown, .conflicts = total->conflicts};
	Stmt *src = NULL;
	if (rc == 0 && (rc = db_prepare(from, buf_cstr(&c.select), &src, &le)) == 0) {
		while ((rc = db_step(src, &le)) == DB_ROW)
			if ((rc = copy_row(to, &c, src, &n, &le)))
				break;
		rc = rc == DB_DONE ? 0 : rc;
	}
	db_done(src);
	copy_table_free(&c);
	if (rc)
		return err_set(e, rc, "cannot copy table '%s': %s", t->name, le.msg);
	if (fn)
		fn(ctx, t->name, n.added, n.same);
	total->added += n.added;
	total->same += n.same;
	total->conflicts = n.conflicts;
	return 0;
}

/* Whether table is copied: not the record of migrations (each database has
 * its own), nor signed-in browsers (a session belongs to the instance it was
 * opened on; copied, a province's cookie would open the national one). */
static bool copied(const char *table)
{
	return strcmp(table, "schema_migrations") && strcmp(table, "user_session");
}

static int check_versions(Db *from, Db *to, Err *e)
{
	int v = 0, rc = store_schema_version(from, &v, e);
	if (rc)
		return rc;
	if (v != store_schema_latest())
		return err_set(e, KC_EINVAL,
		        "the source is at schema version %d, this program at %d: run"
		        " 'khuyencong init' on it first",
		        v, store_schema_latest());
	return store_migrate(to, NULL, e);
}

/* The tables of db, in a new array to free. */
static DbTable *tables_of(Db *db, int *n, Err *e)
{
	DbTable *t = calloc(COPY_TABLES_MAX, sizeof *t);
	if (!t)
		abort();
	if (db_tables(db, t, COPY_TABLES_MAX, n, e)) {
		free(t);
		return NULL;
	}
	return t;
}

int store_copy(Db *from, Db *to, CopyFn fn, void *ctx, Buf *conflicts, Err *e)
{
	int n = 0;
	int rc = check_versions(from, to, e);
	if (rc)
		return rc;
	DbTable *t = tables_of(from, &n, e);
	if (!t)
		return e ? e->code : KC_EIO;
	if ((rc = db_begin(to, e)) || (rc = db_defer_foreign_keys(to, e))) {
		db_rollback(to);
		free(t);
		return rc;
	}
	Tally total = {.shown = conflicts};
	for (int i = 0; rc == 0 && i < n; i++)
		if (copied(t[i].name))
			rc = copy_table(from, to, &t[i], fn, ctx, &total, e);
	if (rc == 0 && total.conflicts)
		rc = err_set(e, KC_ECONFLICT,
		        "%lld record%s of the source conflict with the destination's; nothing was"
		        " copied",
		        (long long)total.conflicts, total.conflicts == 1 ? "" : "s");
	if (rc == 0)
		rc = db_sync_ids(to, e);
	Err le = {0};
	if (rc == 0 && (rc = db_commit(to, &le)))
		err_set(e, rc, "cannot commit the copy: %s", le.msg);
	if (rc)
		db_rollback(to);
	free(t);
	return rc;
}

int store_table_checksum(Db *db, const char *table, char hex[65], int64_t *rows, Err *e)
{
	int n = 0, rc = 0;
	DbTable *all = tables_of(db, &n, e), *t = NULL;
	if (!all)
		return e ? e->code : KC_EIO;
	for (int i = 0; i < n; i++)
		if (!strcmp(all[i].name, table))
			t = &all[i];
	if (!t) {
		free(all);
		return err_set(e, KC_ENOTFOUND, "no table '%s'", table);
	}
	CopyTable c;
	Stmt *st = NULL;
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	*rows = 0;
	if ((rc = copy_table_init(db, t, &c, e)) == 0 &&
	        (rc = db_prepare(db, buf_cstr(&c.select), &st, e)) == 0) {
		while ((rc = db_step(st, e)) == DB_ROW) {
			for (int i = 0; i < c.ncols; i++) {
				/* name, then N (NULL) or V and the text with its NUL */
				const char *name = db_col_name(st, i), *v = db_col_text(st, i);
				bool null = db_col_null(st, i);
				crypto_hash_sha256_update(
				        &h, (const unsigned char *)name, strlen(name) + 1);
				crypto_hash_sha256_update(
				        &h, (const unsigned char *)(null ? "N" : "V"), 1);
				if (!null)
					crypto_hash_sha256_update(
					        &h, (const unsigned char *)v, strlen(v) + 1);
			}
			(*rows)++;
		}
		rc = rc == DB_DONE ? 0 : rc;
	}
	db_done(st);
	copy_table_free(&c);
	free(all);
	unsigned char sum[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, sum);
	sodium_bin2hex(hex, 65, sum, sizeof sum);
	return rc;
}
