/* store_copy_plan.c — the tables a copy copies, as the source's catalogue
 * describes them (store_copy_int.h).
 *
 * Table and column names come from the catalogue (db_tables, the result
 * columns of a probe, db_foreign_keys), each checked to be a plain
 * identifier before it goes into SQL text: the only SQL of the copy built by
 * formatting, and only from names the database itself gave. Values are
 * always bound.
 *
 * What the catalogue cannot say is listed here, found by reading the
 * migrations (docs/postgresql.md, "Copy between databases", says the same):
 * the references held without a foreign key, the reference rows seeded with
 * their ids, and the columns that say when the destination loaded a row. */
#include <stdlib.h>
#include <string.h>

#include "store/store_copy_int.h"

/* Columns that hold the id of a record without declaring it. Besides these,
 * audit_log names its record by table_name and record_id, and its
 * before_json and after_json hold the record's columns (store_copy_row.c).
 * Not references: audit_log.actor and login_attempt.username (the name as
 * it was written then), document.sha256 (the file's name), and
 * report_snapshot.table_json (a computed table: codes and figures, no id). */
static const struct {
	const char *table, *column, *target;
} undeclared[] = {
        {"project_event", "user_id", "app_user"},
        {"document", "user_id", "app_user"},
        {"aggregate_figure", "entered_by", "app_user"},
        {"audit_log", "user_id", "app_user"},
        {"report_template_version", "created_by", "app_user"},
        {"report_snapshot", "submitted_by", "app_user"},
        /* the search words of a name (0007), keyed by the establishment */
        {"establishment_word", "establishment_id", "establishment"},
};

/* Reference data that migrations seed with explicit ids (0003): a row of
 * the destination's own under the same id is the same rule, so a source row
 * that differs from it is an edited rule, a conflict, not a new one. */
static const char *const shared[] = {"support_rule", "adjustment_rule", "period_rule"};

/* Columns that say which version is current and when the database loaded a
 * template: each database's own, not compared. */
static const struct {
	const char *table, *column;
} ignored[] = {
        {"report_template", "current_version"},
        {"report_template", "updated_at"},
        {"report_template_version", "created_at"},
};

/* Tables a copy does not copy row by row: each database's own record of
 * migrations and identity; sessions (a province's cookie must not open the
 * national instance); copy_origin, which it carries over itself; and the
 * kept totals (0008) and set at risk (0025), made from the records, which
 * the copy rebuilds from the destination's records once they are all in. */
bool copy_copied(const char *table)
{
	static const char *const own[] = {"schema_migrations", "db_instance", "user_session",
	        "copy_origin", "project_total", "project_risk"};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		if (!strcmp(table, own[i]))
			return false;
	return true;
}

int copy_plan_find(const CopyPlan *p, const char *name)
{
	for (int i = 0; i < p->n; i++)
		if (!strcmp(p->t[i].t.name, name))
			return i;
	return -1;
}

int copy_col(const CopyTab *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (!strcmp(t->cols[i], name))
			return i;
	return -1;
}

/* "ORDER BY k1, k2" or " WHERE k1 = ? AND k2 = ?" for t's key. */
static void key_clause(Buf *b, const DbTable *t, bool where)
{
	buf_puts(b, where ? " WHERE " : " ORDER BY ");
	for (int k = 0; k < t->nkey; k++)
		buf_printf(b, "%s%s%s", k ? (where ? " AND " : ", ") : "", t->key[k],
		        where ? " = ?" : "");
}

/* Reads t's columns from db (a query that returns no row). */
static int read_columns(Db *db, CopyTab *c, Err *e)
{
	Buf probe;
	buf_init(&probe, 256);
	buf_printf(&probe, "SELECT * FROM %s WHERE 1 = 0", c->t.name);
	Stmt *st;
	int rc = db_prepare(db, buf_cstr(&probe), &st, e);
	buf_free(&probe);
	if (rc)
		return rc;
	if ((rc = db_step(st, e)) == DB_DONE)
		rc = 0;
	c->ncols = db_col_count(st);
	if (rc == 0 && c->ncols > COPY_COLS_MAX)
		rc = err_set(e, KC_ETOOBIG, "table '%s' has more than %d columns", c->t.name,
		        COPY_COLS_MAX);
	for (int i = 0; rc == 0 && i < c->ncols; i++) {
		const char *name = db_col_name(st, i);
		size_t n = name ? strlen(name) : 0;
		if (!n || n >= DB_NAME_MAX || (*name >= '0' && *name <= '9') ||
		        strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != n)
			rc = err_set(e, KC_EINVAL, "table '%s': column '%s' is not a plain name",
			        c->t.name, name ? name : "");
		else
			memcpy(c->cols[i], name, n + 1);
	}
	db_done(st);
	return rc;
}

/* The columns, the key and the statements of one table. */
static int tab_init(Db *db, const DbTable *t, CopyTab *c, Err *e)
{
	*c = (CopyTab){.t = *t, .owner = -1};
	buf_init(&c->select, COPY_SQL_MAX);
	buf_init(&c->lookup, COPY_SQL_MAX);
	buf_init(&c->insert, COPY_SQL_MAX);
	if (t->nkey == 0)
		return err_set(
		        e, KC_EINVAL, "table '%s' has no primary key to copy it by", t->name);
	int rc = read_columns(db, c, e);
	for (int k = 0; rc == 0 && k < t->nkey; k++)
		if ((c->key_at[k] = copy_col(c, t->key[k])) < 0)
			rc = err_set(e, KC_EINVAL, "table '%s': key '%s' not among its columns",
			        t->name, t->key[k]);
	if (rc)
		return rc;
	c->ids = t->nkey == 1 && t->key_int[0];
	for (size_t i = 0; i < sizeof shared / sizeof *shared; i++)
		c->shared |= c->ids && !strcmp(t->name, shared[i]);
	for (size_t i = 0; i < sizeof ignored / sizeof *ignored; i++)
		if (!strcmp(t->name, ignored[i].table) && copy_col(c, ignored[i].column) >= 0)
			c->ignored[copy_col(c, ignored[i].column)] = true;
	Buf cols;
	buf_init(&cols, COPY_SQL_MAX);
	for (int i = 0; i < c->ncols; i++)
		buf_printf(&cols, "%s%s", i ? ", " : "", c->cols[i]);
	buf_printf(&c->select, "SELECT %s FROM %s", buf_cstr(&cols), t->name);
	key_clause(&c->select, t, false);
	buf_printf(&c->lookup, "SELECT %s FROM %s", buf_cstr(&cols), t->name);
	key_clause(&c->lookup, t, true);
	buf_printf(&c->insert, "INSERT INTO %s (%s) VALUES (", t->name, buf_cstr(&cols));
	for (int i = 0; i < c->ncols; i++)
		buf_puts(&c->insert, i ? ", ?" : "?");
	buf_putc(&c->insert, ')');
	rc = buf_err(&cols) || buf_err(&c->select) || buf_err(&c->lookup) || buf_err(&c->insert);
	buf_free(&cols);
	return rc ? err_set(e, KC_ETOOBIG, "table '%s' has too many columns to copy", t->name) : 0;
}

static int add_ref(CopyTab *c, int col, int target, bool declared, Err *e)
{
	if (c->nrefs == COPY_REFS_MAX)
		return err_set(e, KC_ETOOBIG, "table '%s' has more than %d references", c->t.name,
		        COPY_REFS_MAX);
	c->refs[c->nrefs++] = (CopyRef){.col = col, .target = target, .declared = declared};
	return 0;
}

/* t's references to tables keyed by an id, declared or not, and its
 * unique keys. */
static int tab_refs(Db *db, CopyPlan *p, CopyTab *c, Err *e)
{
	DbForeignKey fk[COPY_REFS_MAX];
	int n = 0, rc = db_foreign_keys(db, c->t.name, fk, COPY_REFS_MAX, &n, e);
	for (int i = 0; rc == 0 && i < n; i++) {
		for (int k = 0; k < fk[i].ncols; k++)
			if (copy_col(c, fk[i].cols[k]) >= 0)
				c->in_fk[copy_col(c, fk[i].cols[k])] = true;
		int target = copy_plan_find(p, fk[i].ref_table), col = copy_col(c, fk[i].cols[0]);
		if (fk[i].ncols != 1 || target < 0 || !p->t[target].ids || col < 0)
			continue; /* a code, or units by (list, code): kept as they are */
		if ((rc = add_ref(c, col, target, true, e)) == 0 &&
		        !strcmp(fk[i].ref_table, "app_user")) {
			c->account = true;
			c->owner = c->nrefs - 1;
		}
	}
	for (size_t i = 0; rc == 0 && i < sizeof undeclared / sizeof *undeclared; i++) {
		int col = copy_col(c, undeclared[i].column),
		    target = copy_plan_find(p, undeclared[i].target);
		if (!strcmp(c->t.name, undeclared[i].table) && col >= 0 && target >= 0)
			rc = add_ref(c, col, target, false, e);
	}
	if (rc == 0)
		rc = db_unique_keys(db, c->t.name, c->uniq, COPY_UNIQUES_MAX, &c->nuniq, e);
	return rc;
}

/* Whether table i refers to table j, so j must be copied first. */
static bool needs(const CopyPlan *p, int i, int j)
{
	if (i == j)
		return false;
	if (i == p->audit && p->t[j].ids)
		return true; /* its record ids name rows of any table */
	for (int r = 0; r < p->t[i].nrefs; r++)
		if (p->t[i].refs[r].target == j)
			return true;
	return false;
}

/* Parents first, else the order the tables were created in. */
static int plan_order(CopyPlan *p, Err *e)
{
	bool *placed = calloc((size_t)p->n + 1, sizeof *placed);
	if (!placed)
		abort();
	int rc = 0;
	for (int k = 0; rc == 0 && k < p->n; k++) {
		int pick = -1;
		for (int i = 0; pick < 0 && i < p->n; i++) {
			bool ready = !placed[i];
			for (int j = 0; ready && j < p->n; j++)
				ready = placed[j] || !needs(p, i, j);
			if (ready)
				pick = i;
		}
		if (pick < 0)
			rc = err_set(e, KC_EINVAL, "the tables refer to each other in a cycle");
		else
			placed[pick] = true, p->order[k] = pick;
	}
	free(placed);
	return rc;
}

int copy_plan(Db *from, bool all, CopyPlan *p, Err *e)
{
	*p = (CopyPlan){.audit = -1, .app_user = -1};
	DbTable *t = calloc(COPY_TABLES_MAX, sizeof *t);
	p->t = calloc(COPY_TABLES_MAX, sizeof *p->t);
	if (!t || !p->t)
		abort();
	int n = 0, rc = db_tables(from, t, COPY_TABLES_MAX, &n, e);
	for (int i = 0; rc == 0 && i < n; i++)
		if (all || copy_copied(t[i].name))
			rc = tab_init(from, &t[i], &p->t[p->n++], e);
	free(t);
	p->audit = copy_plan_find(p, "audit_log");
	p->app_user = copy_plan_find(p, "app_user");
	if (p->app_user >= 0)
		p->t[p->app_user].account = true;
	for (int i = 0; rc == 0 && i < p->n; i++)
		rc = tab_refs(from, p, &p->t[i], e);
	return rc ? rc : plan_order(p, e);
}

void copy_tab_free(CopyTab *t)
{
	buf_free(&t->select);
	buf_free(&t->lookup);
	buf_free(&t->insert);
	idmap_free(&t->map);
	idset_free(&t->dest_ids);
}

void copy_plan_free(CopyPlan *p)
{
	for (int i = 0; p->t && i < p->n; i++)
		copy_tab_free(&p->t[i]);
	free(p->t);
	*p = (CopyPlan){0};
}

int copy_tab_open(Db *db, const char *table, CopyTab *t, Err *e)
{
	DbTable *all = calloc(COPY_TABLES_MAX, sizeof *all);
	if (!all)
		abort();
	*t = (CopyTab){0};
	int n = 0, rc = db_tables(db, all, COPY_TABLES_MAX, &n, e), x = -1;
	for (int i = 0; rc == 0 && i < n; i++)
		if (!strcmp(all[i].name, table))
			x = i;
	if (rc == 0)
		rc = x < 0 ? err_set(e, KC_ENOTFOUND, "no table '%s'", table)
		           : tab_init(db, &all[x], t, e);
	free(all);
	return rc;
}

/* Whether a column's name says it names a record: id, *_id, *_by. */
static bool looks_like_ref(const char *name)
{
	size_t n = strlen(name);
	return !strcmp(name, "id") ||
	       (n > 3 && (!strcmp(name + n - 3, "_id") || !strcmp(name + n - 3, "_by")));
}

static bool is_key(const CopyTab *c, int col)
{
	for (int k = 0; k < c->t.nkey; k++)
		if (c->key_at[k] == col)
			return true;
	return false;
}

static bool is_known(const CopyTab *c, int col)
{
	if (c->in_fk[col] || is_key(c, col))
		return true;
	for (int r = 0; r < c->nrefs; r++)
		if (c->refs[r].col == col)
			return true;
	/* the audit log's record id is rewritten by its table name */
	return !strcmp(c->t.name, "audit_log") && !strcmp(c->cols[col], "record_id");
}

int store_copy_unknown_refs(Db *db, Buf *out, Err *e)
{
	CopyPlan p;
	int rc = copy_plan(db, true, &p, e);
	for (int i = 0; rc == 0 && i < p.n; i++)
		for (int col = 0; copy_copied(p.t[i].t.name) && col < p.t[i].ncols; col++)
			if (looks_like_ref(p.t[i].cols[col]) && !is_known(&p.t[i], col))
				buf_printf(out, "%s.%s\n", p.t[i].t.name, p.t[i].cols[col]);
	copy_plan_free(&p);
	return rc;
}
