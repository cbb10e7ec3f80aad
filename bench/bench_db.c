/* bench_db.c — times a list query and an aggregate query on a database of a
 * stated size, the same on SQLite and PostgreSQL, for bench/results.md.
 *
 * usage: bench_db URL [PROJECTS]
 * URL is an empty database (an SQLite path or postgresql://...); it is
 * migrated, loaded with the administrative units, and filled with PROJECTS
 * đề án (default 20000) spread over the 63 legacy provinces and 2019–2024,
 * each with two cost lines and four disbursements, by portable SQL. Then each
 * query runs RUNS times through the store's own path (prepared statements,
 * cached per connection) and the median and slowest times are printed.
 * Numbers, not assertions: the tests never time anything. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store_admin.h"
#include "store/store_establishment.h"
#include "store/store_migrate.h"
#include "store/store_project.h"
#include "store/store_totals.h"

enum { RUNS = 21 };

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void die(const char *what, const Err *e)
{
	fprintf(stderr, "bench_db: %s: %s\n", what, e->msg);
	exit(1);
}

/* Rows made from a counter, in one statement each, portable to both. */
static const char *const fill_sql[] = {
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(? AS"
        " BIGINT)), p(k, code) AS (SELECT ROW_NUMBER() OVER (ORDER BY code), code FROM admin_unit"
        " WHERE list = 'legacy' AND level = 'province')"
        " INSERT INTO project (id, code, title, level, activity_code, province_list,"
        " province_code, registration_year, start_year, end_year, status, title_key, sort_key,"
        " created_at, updated_at)"
        " SELECT i, 'B-' || i, 'Đề án hỗ trợ máy móc số ' || i, CASE WHEN i % 4 = 0 THEN"
        " 'national' ELSE 'local' END, 'P21_01', 'legacy', p.code, 2018 + i % 6, 2019 + i % 6,"
        " 2019 + i % 6, 'in_progress', 'de an ho tro may moc so ' || i, 'de an ' || (i * 7919 %"
        " 100003), '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z' FROM n JOIN p ON p.k = 1 + i %"
        " 63",
        "INSERT INTO project_cost_line (id, project_id, source_code, item, planned, approved)"
        " SELECT 2 * id - 1, id, 'central', 'Máy', 600000000, 500000000 FROM project"
        " UNION ALL SELECT 2 * id, id, 'provincial', 'Đào tạo', 200000000, 200000000 FROM"
        " project",
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < CAST(? AS"
        " BIGINT)), p(k, code) AS (SELECT ROW_NUMBER() OVER (ORDER BY code), code FROM admin_unit"
        " WHERE list = 'legacy' AND level = 'province')"
        " INSERT INTO establishment (id, name, legal_form, province_list, province_code, workers,"
        " name_key, sort_key, created_at, updated_at)"
        " SELECT i, 'Cơ sở chế biến số ' || i, 'household_business', 'legacy', p.code, i % 50,"
        " 'co so che bien so ' || i, 'co so ' || (i * 7919 % 100003), '2023-01-01T00:00:00Z',"
        " '2023-01-01T00:00:00Z' FROM n JOIN p ON p.k = 1 + i % 63",
        "INSERT INTO disbursement (project_id, cost_line_id, kind, paid_on, fiscal_year, amount)"
        " SELECT l.project_id, l.id, 'advance', (2019 + p.id % 6) || '-04-01', 2019 + p.id % 6,"
        " l.approved / 4 FROM project_cost_line l JOIN project p ON p.id = l.project_id"
        " UNION ALL SELECT l.project_id, l.id, 'payment', (2019 + p.id % 6) || '-10-01',"
        " 2019 + p.id % 6, l.approved / 2 + l.id % 1000 FROM project_cost_line l JOIN project p"
        " ON p.id = l.project_id",
};

/* Disbursed per province and funding source in a year: the heart of the
 * periodic reports' money columns. */
static const char aggregate_sql[] =
        "SELECT p.province_code, l.source_code, COUNT(DISTINCT p.id), SUM(CASE WHEN d.kind IN"
        " ('advance', 'payment') THEN d.amount ELSE -d.amount END) FROM disbursement d"
        " JOIN project_cost_line l ON l.id = d.cost_line_id JOIN project p ON p.id = d.project_id"
        " WHERE d.fiscal_year = ? AND p.province_list = ? GROUP BY p.province_code, l.source_code"
        " ORDER BY p.province_code, l.source_code";

static void fill(Db *db, int projects)
{
	Err e;
	if (store_migrate(db, NULL, &e) || store_admin_load(db, NULL, &e))
		die("init", &e);
	if (db_begin(db, &e))
		die("begin", &e);
	for (size_t i = 0; i < sizeof fill_sql / sizeof fill_sql[0]; i++) {
		Stmt *st;
		if (db_prepare(db, fill_sql[i], &st, &e))
			die("fill", &e);
		if (strstr(fill_sql[i], "CAST(? AS BIGINT)"))
			db_bind_int64(st, 1, projects);
		int rc = db_run(st, &e);
		db_done(st);
		if (rc)
			die("fill", &e);
	}
	/* The rows were written by hand: their totals (store_totals.h) as the
	 * store would keep them; statistics, as autovacuum (PostgreSQL) or an
	 * operator (SQLite) keeps them. */
	if (db_sync_ids(db, &e) || store_totals_rebuild(db, &e) || db_commit(db, &e) ||
	        db_exec(db, "ANALYZE", &e))
		die("fill", &e);
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static void report(const char *engine, const char *what, double *t)
{
	qsort(t, RUNS, sizeof *t, by_value);
	printf("%-10s %-44s median %8.2f ms   slowest %8.2f ms\n", engine, what, t[RUNS / 2],
	        t[RUNS - 1]);
}

static void time_lists(Db *db, const char *engine)
{
	double t[RUNS];
	Err e;
	static const char *const queries[] = {"may moc so 12", NULL};
	for (int q = 0; q < 2; q++) {
		for (int r = 0; r < RUNS; r++) {
			ProjectFilter f = store_project_filter();
			f.q = queries[q];
			if (!f.q) {
				f.province_list = "legacy";
				f.province_code = "94";
				f.offset = 50;
			}
			Arena arena = {0};
			ProjectList out;
			double t0 = now_ms();
			if (store_project_list(db, &f, &arena, &out, &e))
				die("list", &e);
			t[r] = now_ms() - t0;
			arena_free(&arena);
		}
		report(engine,
		        q ? "list: a province, second page of 50"
		          : "list: search 'may moc so 12', first page",
		        t);
	}
}

/* The prefix-search trap: a search ordered by id with a LIMIT ("newest
 * first") can walk the id index and filter, which is slow when few rows
 * match; timed for a rare and a common match. */
static void time_establishments(Db *db, const char *engine)
{
	static const char *const q[] = {"so 1999", "che bien"};
	static const char *const what[] = {"list: establishments 'so 1999', newest first",
	        "list: establishments 'che bien', newest"};
	double t[RUNS];
	Err e;
	for (int k = 0; k < 2; k++) {
		for (int r = 0; r < RUNS; r++) {
			EstablishmentFilter f = store_establishment_filter();
			f.q = q[k];
			f.sort = "newest";
			Arena arena = {0};
			EstablishmentList out;
			double t0 = now_ms();
			if (store_establishment_list(db, &f, &arena, &out, &e))
				die("establishments", &e);
			t[r] = now_ms() - t0;
			arena_free(&arena);
		}
		report(engine, what[k], t);
	}
}

static void time_aggregate(Db *db, const char *engine)
{
	double t[RUNS];
	Err e;
	int64_t check = 0;
	for (int r = 0; r < RUNS; r++) {
		Stmt *st;
		double t0 = now_ms();
		if (db_prepare(db, aggregate_sql, &st, &e))
			die("aggregate", &e);
		db_bind_int64(st, 1, 2019 + r % 6);
		db_bind_str(st, 2, "legacy");
		int rc;
		while ((rc = db_step(st, &e)) == DB_ROW)
			check += db_col_int64(st, 3);
		db_done(st);
		if (rc != DB_DONE)
			die("aggregate", &e);
		t[r] = now_ms() - t0;
	}
	report(engine, "aggregate: disbursed by province, source", t);
	printf("%-10s %-44s %lld\n", engine, "(checksum of the sums)", (long long)check);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: bench_db URL [PROJECTS]\n", stderr);
		return 2;
	}
	int projects = argc > 2 ? (int)strtol(argv[2], NULL, 10) : 20000;
	Db *db;
	Err e;
	if (db_open(&db, argv[1], &e))
		die("open", &e);
	const char *engine = db_engine(db);
	double t0 = now_ms();
	fill(db, projects);
	printf("%-10s %d đề án, %d establishments, %lld disbursements, filled in %.1f s\n", engine,
	        projects, projects, (long long)projects * 4, (now_ms() - t0) / 1e3);
	time_lists(db, engine);
	time_establishments(db, engine);
	time_aggregate(db, engine);
	db_close(db);
	return 0;
}
