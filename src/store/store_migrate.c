/* store_migrate.c — see store_migrate.h. */
#include "store/store_migrate.h"

#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "store/store.h"
#include "store/store_establishment.h"
#include "store/store_instance.h"
#include "store/store_totals.h"

extern const EmbeddedFile kc_migrations[]; /* generated from src/store/migrations */

/* The number at the start of a migration's file name; 0 if there is none. */
static int migration_number(const char *name)
{
	int n = 0;
	for (const char *p = name; *p >= '0' && *p <= '9'; p++)
		n = n * 10 + (*p - '0');
	return n;
}

static int ensure_table(Db *db, Err *e)
{
	return db_exec(db,
	        "CREATE TABLE IF NOT EXISTS schema_migrations ("
	        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
	        e);
}

int store_schema_version(Db *db, int *version, Err *e)
{
	int rc = ensure_table(db, e);
	if (rc)
		return rc;
	Stmt *st;
	if ((rc = db_prepare(
	             db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &st, e)))
		return rc;
	int64_t v = 0;
	rc = db_run_int64(st, &v, e);
	db_done(st);
	if (rc == 0)
		*version = (int)v;
	return rc;
}

int store_schema_latest(void)
{
	int latest = 0;
	for (const EmbeddedFile *m = kc_migrations; m->name; m++)
		if (migration_number(m->name) > latest)
			latest = migration_number(m->name);
	return latest;
}

int store_schema_count(void)
{
	int n = 0;
	for (const EmbeddedFile *m = kc_migrations; m->name; m++)
		n++;
	return n;
}

static int record_version(Db *db, const EmbeddedFile *m, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)", &st,
	        e);
	if (rc)
		return rc;
	/* The program writes the time, so both engines store the same format. */
	char now[STORE_TIME_LEN];
	store_now(NULL, now);
	db_bind_int64(st, 1, migration_number(m->name));
	db_bind_str(st, 2, m->name);
	db_bind_str(st, 3, now);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* What a migration needs beyond its SQL: rows only C can compute, written
 * in its transaction after its SQL ran. */
static const struct {
	int version;
	int (*run)(Db *db, Err *e);
} steps[] = {
        {7, store_establishment_fill_words},
        {8, store_totals_rebuild_sums},
        {25, store_totals_rebuild_risk},
};

static int run_steps(Db *db, const EmbeddedFile *m, Err *e)
{
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i].version == migration_number(m->name))
			rc = steps[i].run(db, e);
	return rc;
}

static int apply_one(Db *db, const EmbeddedFile *m, Err *e)
{
	Err le;
	int rc = db_begin(db, &le);
	if (rc)
		return err_set(e, rc, "migration '%s': %s", m->name, le.msg);
	if ((rc = db_exec(db, (const char *)m->data, &le)) == 0 &&
	        (rc = run_steps(db, m, &le)) == 0 && (rc = record_version(db, m, &le)) == 0 &&
	        (rc = db_commit(db, &le)) == 0)
		return 0;
	db_rollback(db);
	return err_set(e, rc, "migration '%s': %s", m->name, le.msg);
}

int store_migrations_check(const EmbeddedFile *files, Err *e)
{
	int last = 0;
	for (const EmbeddedFile *m = files; m->name; m++) {
		int n = migration_number(m->name);
		if (n <= last || m->name[strspn(m->name, "0123456789")] != '_')
			return err_set(e, KC_EINVAL,
			        "migration '%s' must be named NNNN_what.sql with a number above %d",
			        m->name, last);
		last = n;
	}
	return 0;
}

int store_migrate(Db *db, int *applied, Err *e)
{
	int version, rc;
	if (applied)
		*applied = 0;
	if ((rc = store_migrations_check(kc_migrations, e)) ||
	        (rc = store_schema_version(db, &version, e)))
		return rc;
	/* The generated table lists the files in name order, which is number order
	 * because the numbers are zero-padded. */
	for (const EmbeddedFile *m = kc_migrations; m->name; m++) {
		if (migration_number(m->name) <= version)
			continue;
		if ((rc = apply_one(db, m, e)))
			return rc;
		if (applied)
			(*applied)++;
	}
	/* The identity is written with the schema that holds it, so a database
	 * has one from its first migration on. */
	char id[STORE_INSTANCE_LEN];
	return store_instance_id(db, id, e);
}
