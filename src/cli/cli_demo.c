/* cli_demo.c — khuyencong demo --db PATH: create or upgrade the database as
 * init does, then load the demonstration data built from the source
 * articles (io/io_demo.h). Refuses a database that already holds đề án or
 * establishments, so the demonstration data is never loaded twice. */
#include <stdio.h>
#include <time.h>

#include "cli/cli.h"
#include "io/io_demo.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"
#include "store/store_establishment.h"
#include "store/store_migrate.h"
#include "store/store_project.h"

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* What the database holds now, for the closing line. */
static int summary(Db *db, int64_t *projects, int64_t *establishments, int64_t *figures, Err *e)
{
	Arena a = {0};
	ProjectFilter pf = store_project_filter();
	EstablishmentFilter ef = store_establishment_filter();
	AggregateFilter af = store_aggregate_filter();
	pf.limit = ef.limit = af.limit = 1;
	ProjectList p;
	EstablishmentList x;
	AggregateList f;
	int rc = store_project_list(db, &pf, &a, &p, e);
	if (rc == 0)
		rc = store_establishment_list(db, &ef, &a, &x, e);
	if (rc == 0)
		rc = store_aggregate_list(db, &af, &a, &f, e);
	if (rc == 0)
		*projects = p.total, *establishments = x.total, *figures = f.total;
	arena_free(&a);
	return rc;
}

int cli_demo(int argc, char **argv)
{
	const char *url = cli_opt(argc, argv, "db");
	if (!url) {
		fputs("usage: khuyencong demo --db PATH|postgresql://...\n", stderr);
		return 2;
	}
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		return 1;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	Actor a = {.user_id = 0, .name = "system", .via = "cli"};
	int64_t projects = 0, establishments = 0, figures = 0;
	int rc = store_migrate(db, NULL, &e);
	if (rc == 0)
		rc = store_admin_load(db, NULL, &e);
	double init = seconds_since(&t0);
	if (rc == 0)
		rc = demo_load(db, &a, &e);
	double load = seconds_since(&t0) - init;
	if (rc == 0)
		rc = summary(db, &projects, &establishments, &figures, &e);
	db_close(db);
	if (rc) {
		fprintf(stderr, "khuyencong: cannot load the demonstration data into '%s': %s\n",
		        url, e.msg);
		return 1;
	}
	printf("%s: demonstration data loaded in %.2f s (schema and reference data %.2f s):"
	       " %lld đề án, %lld establishments, %lld reported figures\n",
	        url, load, init, (long long)projects, (long long)establishments,
	        (long long)figures);
	return 0;
}
