/* fixture.c — see fixture.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fixture.h"

#include "harness.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store_admin.h"
#include "store/store_copy.h"
#include "store/store_establishment.h"
#include "store/store_finance.h"
#include "store/store_instance.h"
#include "store/store_migrate.h"
#include "store/store_totals.h"

#ifndef KC_BUILD_DIR
#define KC_BUILD_DIR "build/release"
#endif
#define BIN KC_BUILD_DIR "/khuyencong"

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

/* Starts t afresh in a new temporary folder. */
static int new_dir(TmpDb *t)
{
	t->db = NULL;
	t->name[0] = '\0';
	snprintf(t->dir, sizeof t->dir, "/tmp/kc-test-XXXXXX");
	return mkdtemp(t->dir) ? 0 : -1;
}

/* Creates the template: migrated, loaded, closed (so it is one file). It is
 * SQLite's own, whatever the engine under test. */
static int make_template(void)
{
	if (template_db.dir[0])
		return 0;
	Err e = {0};
	if (new_dir(&template_db) || tmpdb_open_sqlite(&template_db, TMPDB_MIGRATED) ||
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

/* Waits until no session is connected to the database name. A closed
 * connection's server process ends a moment after the client lets go, and
 * CREATE DATABASE ... TEMPLATE or DROP DATABASE that finds it still there
 * sleeps 100 ms before looking again: a few 1 ms polls here are cheaper. */
static void pg_wait_unused(const char *name)
{
	Stmt *st;
	Err e;
	for (int i = 0; pg_admin && i < 2000; i++) {
		int64_t n = 0;
		if (db_prepare(pg_admin, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ?",
		            &st, &e))
			return;
		db_bind_str(st, 1, name);
		int rc = db_run_int64(st, &n, &e);
		db_done(st);
		if (rc || n == 0)
			return;
		usleep(1000);
	}
}

/* How a test database is cloned: " STRATEGY FILE_COPY" where the server
 * has it (PostgreSQL 15: a plain file copy, faster than writing the small
 * template through the WAL), else nothing. */
static const char *pg_strategy(void)
{
	static int v = -1;
	if (v < 0 && pg_admin)
		v = (int)db_scalar(pg_admin, "SELECT CAST(current_setting('server_version_num') AS"
		                             " INTEGER)");
	return v >= 150000 ? " STRATEGY FILE_COPY" : "";
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
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s%s", t->name, tpl, pg_strategy());
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
	pg_wait_unused(t->name);
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->name);
	admin_exec(sql);
	t->name[0] = '\0';
}

/* ---- Both ------------------------------------------------------------------------------ */

int tmpdb_open(TmpDb *t, int what)
{
	mark_used();
	if (new_dir(t))
		return -1;
	int rc = tmpdb_pg() ? tmpdb_open_pg(t, what) : tmpdb_open_sqlite(t, what);
	/* A clone of the template is a database of its own, as init makes one. */
	Err e;
	if (rc == 0 && what != TMPDB_EMPTY && store_instance_renew(t->db, &e)) {
		fprintf(stderr, "tmpdb_open: %s\n", e.msg);
		return -1;
	}
	return rc;
}

int tmpdb_copy(const TmpDb *from, TmpDb *to)
{
	char sql[256];
	Err e = {0};
	if (new_dir(to))
		return -1;
	if (from->name[0]) {
		snprintf(to->name, sizeof to->name, "kct_%ld_%u", (long)getpid(), pg_serial++);
		snprintf(to->path, sizeof to->path, "%s/%s", pg_base(), to->name);
		snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s%s", to->name, from->name,
		        pg_strategy());
		pg_wait_unused(from->name);
		if (admin_exec(sql))
			return -1;
	} else {
		snprintf(to->path, sizeof to->path, "%s/t.sqlite", to->dir);
		if (copy_file(from->path, to->path))
			return -1;
	}
	if (db_open(&to->db, to->path, &e)) {
		fprintf(stderr, "tmpdb_copy: %s\n", e.msg);
		return -1;
	}
	return 0;
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

int tmpdb_setup_loaded(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || tmpdb_open(t, TMPDB_LOADED)) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

int tmpdb_teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

/* ---- A sample data set ------------------------------------------------------------------ */

static const Actor sample_actor = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

/* Runs sql with its `?` bound to the texts (NULL ends them); its one integer
 * (RETURNING id) or 0. */
static int64_t sample_sql(Db *db, const char *sql, const char *a, const char *b)
{
	Stmt *st;
	Err e;
	int64_t id = 0;
	if (db_prepare(db, sql, &st, &e))
		fail_msg("%s: %s", sql, e.msg);
	if (a)
		db_bind_str(st, 1, a);
	if (b)
		db_bind_str(st, 2, b);
	int rc = strstr(sql, "RETURNING") ? db_run_int64(st, &id, &e) : db_run(st, &e);
	db_done(st);
	if (rc)
		fail_msg("%s: %s", sql, e.msg);
	return id;
}

/* A đề án in progress as its history would leave it: the row, the event
 * that moved it, the audit row of its creation. */
static int64_t sample_project(Db *db, int i)
{
	char code[32], title[96], rid[24];
	snprintf(code, sizeof code, "KCĐP-2023-ST-%02d", i);
	snprintf(title, sizeof title, "Hỗ trợ máy móc chế biến bánh pía, cơ sở số %d", i);
	int64_t id = sample_sql(db,
	        "INSERT INTO project (code, title, level, activity_code, province_list,"
	        " province_code, registration_year, start_year, end_year, status, status_date,"
	        " title_key, sort_key, created_at, updated_at) VALUES (?, ?, 'local', 'P21_01',"
	        " 'legacy', '94', 2022, 2023, 2023, 'in_progress', '2023-03-01', 'ho tro may moc',"
	        " 'ho tro may moc', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z') RETURNING id",
	        code, title);
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	sample_sql(db,
	        "INSERT INTO project_event (project_id, from_status, to_status, event_date,"
	        " decision_no, created_at) VALUES (CAST(? AS BIGINT), 'contracted', 'in_progress',"
	        " '2023-03-01', 'HĐ 12/2023', '2023-03-01T00:00:00Z')",
	        rid, NULL);
	sample_sql(db,
	        "INSERT INTO audit_log (at, actor, via, action, table_name, record_id, after_json)"
	        " VALUES ('2023-01-01T00:00:00Z', 'can.bo', 'cli', 'insert', 'project', ?, ?)",
	        rid, "{\"title\":\"đề án\"}");
	return id;
}

void tmpdb_sample(Db *db, int n, int64_t *ids)
{
	Err e;
	/* Forward reference: the first organisation's successor comes later. */
	sample_sql(db,
	        "INSERT INTO organisation (id, kind, name, name_key, sort_key) VALUES"
	        " (901, 'promotion_centre', 'Trung tâm Khuyến công Sóc Trăng', 'trung tam', 'tt'),"
	        " (900, 'promotion_centre', 'Trung tâm Khuyến công Cần Thơ', 'trung tam', 'tt')",
	        NULL, NULL);
	sample_sql(db, "UPDATE organisation SET successor_id = 901 WHERE id = 900", NULL, NULL);
	for (int i = 0; i < n; i++) {
		int64_t p = sample_project(db, i + 1), line;
		if (ids)
			ids[i] = p;
		/* Written as the store writes a đề án: with its share of the totals. */
		if (store_totals_add(db, p, &e))
			fail_msg("sample totals: %s", e.msg);
		CostLine l = store_finance_line_blank();
		l.project_id = p;
		l.source_code = "central";
		l.item = "Máy đóng gói tự động";
		l.planned = 1000000000;
		l.approved = 1000000000;
		if (store_finance_line_add(db, &sample_actor, &l, &line, &e))
			fail_msg("sample line: %s", e.msg);
		static const char *const kinds[] = {"advance", "payment"};
		for (int k = 0; k < 2; k++) {
			Disbursement d = store_finance_disbursement_blank();
			d.cost_line_id = line;
			d.kind = kinds[k];
			d.paid_on = k ? "2023-09-15" : "2023-04-02";
			d.amount = 100000000 + k * 12345;
			d.voucher_no = "KB-01";
			int64_t did;
			if (store_finance_disbursement_add(db, &sample_actor, &d, &did, &e))
				fail_msg("sample disbursement: %s", e.msg);
		}
		Establishment x = store_establishment_blank();
		char name[64];
		snprintf(name, sizeof name, "Cơ sở bánh pía Tân Huê Viên %d", i + 1);
		x.name = name;
		x.legal_form = "household_business";
		x.province_list = "legacy";
		x.province_code = "94";
		x.workers = 12 + i;
		int64_t xid;
		if (store_establishment_create(db, &sample_actor, &x, &xid, &e))
			fail_msg("sample establishment: %s", e.msg);
	}
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

/* Folds text into an FNV-1a hash. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

uint64_t tmpdb_checksum(Db *db)
{
	/* Every table in key order, through the same catalogue and hash as
	 * khuyencong copy, so both engines give the same sum for the same rows. */
	DbTable *t = calloc(256, sizeof *t);
	int n = 0;
	Err e;
	uint64_t h = 1469598103934665603u;
	if (!t || db_tables(db, t, 256, &n, &e))
		fail_msg("checksum: %s", t ? e.msg : "out of memory");
	for (int i = 0; i < n; i++) {
		char hex[65];
		int64_t rows;
		if (store_table_checksum(db, t[i].name, hex, &rows, &e))
			fail_msg("checksum of '%s': %s", t[i].name, e.msg);
		h = fnv(h, t[i].name, strlen(t[i].name) + 1);
		h = fnv(h, hex, 64);
	}
	free(t);
	return h;
}

static void slurp(const char *path, char *dst, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(dst, 1, cap - 1, f) : 0;
	dst[n] = '\0';
	if (f)
		fclose(f);
}

void cli_run(CliRun *r, const char *args, const char *in)
{
	char cmd[1024], o[64], e[64], i[64];
	snprintf(o, sizeof o, "/tmp/kc-cli-%ld.out", (long)getpid());
	snprintf(e, sizeof e, "/tmp/kc-cli-%ld.err", (long)getpid());
	snprintf(i, sizeof i, "/tmp/kc-cli-%ld.in", (long)getpid());
	FILE *f = fopen(i, "w");
	assert_non_null(f);
	fputs(in ? in : "", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "%s %s <%s >%s 2>%s", BIN, args, i, o, e);
	int st = system(cmd);
	assert_true(WIFEXITED(st));
	r->status = WEXITSTATUS(st);
	slurp(o, r->out, sizeof r->out);
	slurp(e, r->err, sizeof r->err);
	remove(o), remove(e), remove(i);
}
