/* fixture.c — see fixture.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fixture.h"

#include "harness.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store_admin.h"
#include "store/store_migrate.h"

bool tmpdb_pg(void)
{
	const char *v = getenv("KC_TEST_DB");
	return v && !strcmp(v, "pg");
}

/* Tells tests/run.sh that this suite opened a database, so it runs it again
 * on PostgreSQL. */
static void mark_used(void)
{
	static bool marked;
	const char *path = getenv("KC_TEST_DB_USED");
	if (marked || !path || !*path)
		return;
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	marked = true;
}

/* ---- SQLite: a file per test, loaded ones copied from a template file ---------------- */

static TmpDb template_db; /* the loaded template, made on first use */

static void remove_template(void)
{
	tmpdb_close(&template_db);
}

static int tmpdb_open_sqlite(TmpDb *t, int what);

/* Creates the template: migrated, loaded, closed (so it is one file). */
static int make_template(void)
{
	if (template_db.dir[0])
		return 0;
	Err e;
	if (tmpdb_open_sqlite(&template_db, TMPDB_MIGRATED) ||
	        store_admin_load(template_db.db, NULL, &e)) {
		fprintf(stderr, "tmpdb template: %s\n", e.msg);
		return -1;
	}
	db_close(template_db.db);
	template_db.db = NULL;
	atexit(remove_template);
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char block[1 << 16];
	size_t n;
	int rc = in && out ? 0 : -1;
	while (rc == 0 && (n = fread(block, 1, sizeof block, in)) > 0)
		rc = fwrite(block, 1, n, out) == n ? 0 : -1;
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = -1;
	return rc;
}

static int tmpdb_open_sqlite(TmpDb *t, int what)
{
	if (what == TMPDB_LOADED && make_template())
		return -1;
	snprintf(t->path, sizeof t->path, "%s/t.sqlite", t->dir);
	if (what == TMPDB_LOADED && copy_file(template_db.path, t->path))
		return -1;
	Err e;
	if (db_open(&t->db, t->path, &e) ||
	        (what == TMPDB_MIGRATED && store_migrate(t->db, NULL, &e))) {
		fprintf(stderr, "tmpdb_open: %s\n", e.msg);
		return -1;
	}
	return 0;
}

/* ---- PostgreSQL: a database per test, cloned from a template database ---------------- */

static Db *pg_admin; /* the cluster's maintenance database, for CREATE/DROP DATABASE */
static unsigned pg_serial;

static void close_admin(void)
{
	db_close(pg_admin);
	pg_admin = NULL;
}

static const char *pg_base(void)
{
	const char *url = getenv("KC_TEST_PG_URL");
	if (!url || !*url)
		fprintf(stderr, "tmpdb_open: KC_TEST_DB=pg needs KC_TEST_PG_URL (run under "
		                "tests/pg.sh)\n");
	return url && *url ? url : NULL;
}

/* Runs sql (built here from our own database names, never from data) on
 * the maintenance database. */
static int admin_exec(const char *sql)
{
	Err e;
	if (!pg_admin) {
		char url[256];
		const char *base = pg_base();
		if (!base)
			return -1;
		snprintf(url, sizeof url, "%s/postgres", base);
		if (db_open(&pg_admin, url, &e)) {
			fprintf(stderr, "tmpdb_open: %s\n", e.msg);
			return -1;
		}
		atexit(close_admin);
	}
	if (db_exec(pg_admin, sql, &e)) {
		fprintf(stderr, "tmpdb_open: %s: %s\n", sql, e.msg);
		return -1;
	}
	return 0;
}

static bool pg_exists(const char *name)
{
	Stmt *st;
	Err e;
	int64_t n = 0;
	if (db_prepare(pg_admin, "SELECT COUNT(*) FROM pg_database WHERE datname = ?", &st, &e))
		return false;
	db_bind_str(st, 1, name);
	db_run_int64(st, &n, &e);
	db_done(st);
	return n > 0;
}

/* The template database for what: made once per cluster and schema version
 * by whichever test process needs it first (an advisory lock keeps two from
 * making it at once), then only cloned. */
static int pg_template(int what, char *name, size_t cap)
{
	snprintf(name, cap, "kc_tpl_%d_v%d", what, store_schema_latest());
	if (admin_exec("SELECT pg_advisory_lock(4711)"))
		return -1;
	int rc = 0;
	if (!pg_exists(name)) {
		char sql[256], build[64], url[256];
		snprintf(build, sizeof build, "kc_build_%ld", (long)getpid());
		snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", build);
		rc = admin_exec(sql);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s", build);
		if (rc == 0)
			rc = admin_exec(sql);
		Db *db = NULL;
		Err e = {0};
		snprintf(url, sizeof url, "%s/%s", pg_base(), build);
		if (rc == 0 && (db_open(&db, url, &e) || store_migrate(db, NULL, &e) ||
		                       (what == TMPDB_LOADED && store_admin_load(db, NULL, &e)))) {
			fprintf(stderr, "tmpdb template: %s\n", e.msg);
			rc = -1;
		}
		db_close(db);
		snprintf(sql, sizeof sql, "ALTER DATABASE %s RENAME TO %s", build, name);
		if (rc == 0)
			rc = admin_exec(sql);
	}
	admin_exec("SELECT pg_advisory_unlock(4711)");
	return rc;
}

static int tmpdb_open_pg(TmpDb *t, int what)
{
	char tpl[64] = "template0", sql[256];
	const char *base = pg_base();
	if (!base)
		return -1;
	if (what != TMPDB_EMPTY && pg_template(what, tpl, sizeof tpl))
		return -1;
	snprintf(t->name, sizeof t->name, "kct_%ld_%u", (long)getpid(), pg_serial++);
	snprintf(t->path, sizeof t->path, "%s/%s", base, t->name);
	/* A database a killed run left behind goes first. */
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->name);
	if (admin_exec(sql))
		return -1;
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", t->name, tpl);
	if (admin_exec(sql))
		return -1;
	Err e;
	if (db_open(&t->db, t->path, &e)) {
		fprintf(stderr, "tmpdb_open: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static void tmpdb_drop_pg(TmpDb *t)
{
	char sql[128];
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->name);
	admin_exec(sql);
	t->name[0] = '\0';
}

/* ---- Both ------------------------------------------------------------------------------ */

int tmpdb_open(TmpDb *t, int what)
{
	mark_used();
	t->db = NULL;
	t->name[0] = '\0';
	snprintf(t->dir, sizeof t->dir, "/tmp/kc-test-XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	/* The template is SQLite's own, whatever the engine under test. */
	return tmpdb_pg() && t != &template_db ? tmpdb_open_pg(t, what)
	                                       : tmpdb_open_sqlite(t, what);
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

void tmpdb_close(TmpDb *t)
{
	if (!t->dir[0])
		return;
	db_close(t->db);
	t->db = NULL;
	if (t->name[0])
		tmpdb_drop_pg(t);
	nftw(t->dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	t->dir[0] = '\0';
}

/* The trigger SQL is built from the test's own constant names. */
void tmpdb_refuse_inserts(Db *db, const char *name, const char *table, const char *when)
{
	char sql[1024];
	Err e;
	if (strcmp(db_engine(db), "sqlite")) {
		if (db_exec(db,
		            "CREATE OR REPLACE FUNCTION kc_refuse_insert() RETURNS trigger"
		            " LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '% refused', TG_TABLE_NAME"
		            " USING ERRCODE = '23514'; END $$",
		            &e))
			fail_msg("refuse inserts: %s", e.msg);
		snprintf(sql, sizeof sql,
		        "CREATE TRIGGER %s BEFORE INSERT ON %s FOR EACH ROW %s%s%s"
		        " EXECUTE FUNCTION kc_refuse_insert()",
		        name, table, when ? "WHEN (" : "", when ? when : "", when ? ")" : "");
	} else {
		snprintf(sql, sizeof sql,
		        "CREATE TRIGGER %s BEFORE INSERT ON %s %s%s"
		        " BEGIN SELECT RAISE(ABORT, '%s refused'); END",
		        name, table, when ? "WHEN " : "", when ? when : "", table);
	}
	if (db_exec(db, sql, &e))
		fail_msg("%s: %s", sql, e.msg);
}

void tmpdb_allow_inserts(Db *db, const char *name, const char *table)
{
	char sql[256];
	Err e;
	if (strcmp(db_engine(db), "sqlite"))
		snprintf(sql, sizeof sql, "DROP TRIGGER %s ON %s", name, table);
	else
		snprintf(sql, sizeof sql, "DROP TRIGGER %s", name);
	if (db_exec(db, sql, &e))
		fail_msg("%s: %s", sql, e.msg);
}

int64_t db_scalar(Db *db, const char *sql)
{
	Stmt *st;
	Err e;
	int64_t v = -1;
	if (db_prepare(db, sql, &st, &e))
		fail_msg("%s: %s", sql, e.msg);
	int rc = db_run_int64(st, &v, &e);
	db_done(st);
	if (rc)
		fail_msg("%s: %s", sql, e.msg);
	return v;
}

void assert_contains(const char *msg, const char *part)
{
	if (!strstr(msg, part))
		fail_msg("message '%s' lacks '%s'", msg, part);
}

void assert_refused(Db *db, const Err *e, const char *field, const char *says)
{
	if (field)
		assert_string_equal(e->field, field);
	assert_contains(e->msg, says);
	assert_int_equal(db_depth(db), 0);
}
