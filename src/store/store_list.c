/* store_list.c — see store_list.h. */
#include "store/store_list.h"

#include <string.h>

enum { SQL_MAX = 16 * 1024 };

void store_list_init(
        StoreList *l, const char *table, const char *columns, const char *const *keys, bool desc)
{
	*l = (StoreList){.table = table, .columns = columns, .desc = desc, .adding = -1};
	for (int i = 0; keys[i]; i++) {
		if (i == STORE_LIST_KEYS) {
			l->err = KC_ETOOBIG;
			break;
		}
		l->keys[i] = keys[i];
	}
	buf_init(&l->where, SQL_MAX);
}

void store_list_free(StoreList *l)
{
	buf_free(&l->where);
}

/* ---- Terms and values -------------------------------------------------------------- */

static StoreListValue *add_value(StoreList *l)
{
	if (l->n_values == STORE_LIST_VALUES) {
		l->err = KC_ETOOBIG;
		return NULL;
	}
	StoreListValue *v = &l->v[l->n_values++];
	*v = (StoreListValue){.alt = l->adding};
	return v;
}

void store_list_term(StoreList *l, const char *term)
{
	buf_puts(&l->where, " AND ");
	buf_puts(&l->where, term);
	l->adding = -1;
}

void store_list_value_text(StoreList *l, const char *text)
{
	StoreListValue *v = add_value(l);
	if (v)
		v->text = text;
}

void store_list_value_int(StoreList *l, int64_t num)
{
	StoreListValue *v = add_value(l);
	if (v)
		v->is_int = true, v->num = num;
}

void store_list_text(StoreList *l, const char *term, const char *text)
{
	if (!text)
		return;
	store_list_term(l, term);
	store_list_value_text(l, text);
}

void store_list_int(StoreList *l, const char *term, int64_t num, int64_t unknown)
{
	if (num == unknown)
		return;
	store_list_term(l, term);
	store_list_value_int(l, num);
}

void store_list_alt(StoreList *l, const char *term)
{
	if (l->n_alt == STORE_LIST_ALTS) {
		l->err = KC_ETOOBIG;
		return;
	}
	l->alt[l->n_alt] = term;
	l->adding = l->n_alt++;
}

int store_list_current_province(Db *db, StoreList *l, const char *term, const char *code, Err *e)
{
	if (!code)
		return 0;
	store_list_alt(l, term);
	store_list_value_text(l, "current");
	store_list_value_text(l, code);
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT old_code FROM admin_succession WHERE old_list = 'legacy'"
	        " AND old_level = 'province' AND new_list = 'current' AND new_level = 'province'"
	        " AND new_code = ? ORDER BY old_code",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, code);
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (l->n_alt == STORE_LIST_ALTS) {
			l->err = KC_ETOOBIG;
			continue;
		}
		char *place = l->place[l->n_alt];
		const char *old = db_col_text(st, 0);
		if (strlen(old) >= sizeof l->place[0]) {
			l->err = KC_ETOOBIG;
			continue;
		}
		memcpy(place, old, strlen(old) + 1);
		store_list_alt(l, term);
		store_list_value_text(l, "legacy");
		store_list_value_text(l, place);
	}
	db_done(st);
	l->adding = -1;
	return rc == DB_DONE ? 0 : rc;
}

/* ---- Statements ---------------------------------------------------------------------- */

/* The order: "k1 DESC, k2 DESC". */
static void put_order(Buf *sql, const StoreList *l)
{
	for (int i = 0; l->keys[i]; i++) {
		buf_puts(sql, i ? ", " : "");
		buf_puts(sql, l->keys[i]);
		buf_puts(sql, l->desc ? " DESC" : "");
	}
}

/* " WHERE ..." for alternative alt (-1: none), the terms after it. */
static void put_where(Buf *sql, const StoreList *l, int alt)
{
	const char *terms = buf_cstr(&l->where);
	if (alt < 0 && !*terms)
		return;
	buf_puts(sql, " WHERE ");
	if (alt >= 0)
		buf_puts(sql, l->alt[alt]);
	else
		terms += strlen(" AND ");
	buf_puts(sql, terms);
}

/* Binds alternative alt's values (-1: none), then the terms'; returns the
 * next index. */
static int bind_values(const StoreList *l, Stmt *st, int alt)
{
	int i = 1;
	for (int pass = 0; pass < 2; pass++)
		for (int k = 0; k < l->n_values; k++) {
			const StoreListValue *v = &l->v[k];
			if (v->alt != (pass ? -1 : alt) || (pass == 0 && alt < 0))
				continue;
			if (v->is_int)
				db_bind_int64(st, i++, v->num);
			else
				db_bind_str(st, i++, v->text);
		}
	return i;
}

/* Prepares the statement of alternative alt (-1: none): "SELECT head FROM
 * table WHERE ... tail", its values bound; returns the next index in *next. */
static int prepare(Db *db, const StoreList *l, int alt, const char *head, bool order,
        const char *tail, Stmt **st, int *next, Err *e)
{
	Buf sql;
	buf_init(&sql, SQL_MAX);
	buf_puts(&sql, "SELECT ");
	buf_puts(&sql, head);
	buf_puts(&sql, " FROM ");
	buf_puts(&sql, l->table);
	put_where(&sql, l, alt);
	if (order) {
		buf_puts(&sql, " ORDER BY ");
		put_order(&sql, l);
	}
	buf_puts(&sql, tail);
	int rc = buf_err(&sql) ? err_set(e, KC_ETOOBIG, "list query too long")
	                       : db_prepare(db, buf_cstr(&sql), st, e);
	buf_free(&sql);
	if (rc == 0)
		*next = bind_values(l, *st, alt);
	return rc;
}

/* ---- The page ------------------------------------------------------------------------ */

/* The pages of one statement: the database skips and limits. */
static int run_one(Db *db, const StoreList *l, int limit, int offset, StoreRead read, size_t size,
        Arena *arena, char *v, int *n, Err *e)
{
	Stmt *st;
	int i, rc = prepare(
	               db, l, l->n_alt ? 0 : -1, l->columns, true, " LIMIT ? OFFSET ?", &st, &i, e);
	if (rc)
		return rc;
	db_bind_int64(st, i, limit);
	db_bind_int64(st, i + 1, offset);
	while (*n < limit && (rc = db_step(st, e)) == DB_ROW)
		read(st, arena, v + (size_t)(*n)++ * size);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* Compares the order keys of the rows a and b are on, from column first. */
static int compare(const StoreList *l, Stmt *a, Stmt *b, int first)
{
	for (int k = 0; l->keys[k]; k++) {
		int c, col = first + k;
		if (db_col_type(a, col) == DB_INTEGER && db_col_type(b, col) == DB_INTEGER) {
			int64_t x = db_col_int64(a, col), y = db_col_int64(b, col);
			c = x < y ? -1 : x > y;
		} else {
			/* Byte order: SQLite's BINARY collation, PostgreSQL's "C". */
			c = strcmp(db_col_text(a, col), db_col_text(b, col));
		}
		if (c)
			return l->desc ? -c : c;
	}
	return 0;
}

/* The alternatives' statements, each in the list's order, merged: only the
 * rows up to the end of the page are stepped to, and only the page's read. */
static int run_merged(Db *db, const StoreList *l, int limit, int offset, StoreRead read,
        size_t size, Arena *arena, char *v, int *n, Err *e)
{
	Stmt *st[STORE_LIST_ALTS] = {0};
	bool live[STORE_LIST_ALTS] = {0};
	Buf head;
	buf_init(&head, SQL_MAX);
	buf_puts(&head, l->columns);
	for (int k = 0; l->keys[k]; k++) {
		buf_puts(&head, ", ");
		buf_puts(&head, l->keys[k]);
	}
	int rc = buf_err(&head) ? err_set(e, KC_ETOOBIG, "list query too long") : 0;
	int first = 0; /* the first key column */
	for (int a = 0; rc == 0 && a < l->n_alt; a++) {
		int i;
		if ((rc = prepare(db, l, a, buf_cstr(&head), true, " LIMIT ?", &st[a], &i, e)))
			break;
		/* Every alternative may hold the whole page and what precedes it. */
		db_bind_int64(st[a], i, (int64_t)offset + limit);
		if ((rc = db_step(st[a], e)) == DB_ROW) {
			live[a] = true;
			first = db_col_count(st[a]);
			rc = 0;
		} else if (rc == DB_DONE) {
			rc = 0;
		}
	}
	for (int k = 0; l->keys[k]; k++)
		first--;
	for (int skipped = 0; rc == 0 && *n < limit;) {
		int best = -1;
		for (int a = 0; a < l->n_alt; a++)
			if (live[a] && (best < 0 || compare(l, st[a], st[best], first) < 0))
				best = a;
		if (best < 0)
			break;
		if (skipped < offset)
			skipped++;
		else
			read(st[best], arena, v + (size_t)(*n)++ * size);
		if ((rc = db_step(st[best], e)) == DB_ROW)
			rc = 0;
		else if (rc == DB_DONE)
			live[best] = false, rc = 0;
	}
	for (int a = 0; a < l->n_alt; a++)
		if (st[a])
			db_done(st[a]);
	buf_free(&head);
	return rc;
}

/* The rows of all pages: the sum of the alternatives' counts. */
static int count(Db *db, const StoreList *l, int64_t *total, Err *e)
{
	*total = 0;
	int rc = 0;
	for (int a = l->n_alt ? 0 : -1; rc == 0 && a < l->n_alt; a++) {
		Stmt *st;
		int64_t part = 0;
		int next;
		if ((rc = prepare(db, l, a, "COUNT(*)", false, "", &st, &next, e)))
			break;
		rc = db_run_int64(st, &part, e);
		db_done(st);
		*total += part;
		if (a < 0)
			break;
	}
	return rc;
}

int store_list_run(Db *db, StoreList *l, int limit, int offset, StoreRead read, size_t size,
        Arena *arena, void **v, int *n, int64_t *total, Err *e)
{
	*n = 0;
	*total = 0;
	*v = arena_alloc(arena, (size_t)limit * size);
	if (l->err || buf_err(&l->where))
		return err_set(e, KC_ETOOBIG, "list query has too many terms");
	int rc = l->n_alt > 1 ? run_merged(db, l, limit, offset, read, size, arena, *v, n, e)
	                      : run_one(db, l, limit, offset, read, size, arena, *v, n, e);
	if (rc)
		return rc;
	/* A page that is not full is the last: it tells the total, unless it
	 * is empty past the first (the offset may be past the end). */
	if (*n < limit && (*n > 0 || offset == 0)) {
		*total = (int64_t)offset + *n;
		return 0;
	}
	return l->count ? l->count(db, l->count_ctx, total, e) : count(db, l, total, e);
}
