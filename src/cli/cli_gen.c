/* cli_gen.c — khuyencong gen --db PATH --scale national|province|tiny
 * [--seed N] [--province CODE] [--batch N]: synthetic data at national
 * scale (io/io_gen.h). Creates or upgrades the database as init does, then
 * loads; progress on standard error, at most once a second, and a closing
 * line with the counts, the time and the rate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cli/cli.h"
#include "io/io_gen.h"
#include "store/store_admin.h"
#include "store/store_migrate.h"

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct Progress {
	double t0, last;
} Progress;

static int64_t records(const GenCounts *n)
{
	return n->projects + n->establishments + n->products + n->certifications + n->activities +
	       n->figures;
}

static void progress(void *ctx, const GenCounts *n, int province, int provinces)
{
	Progress *p = ctx;
	double t = now();
	if (t - p->last < 1.0 && province < provinces)
		return;
	p->last = t;
	fprintf(stderr,
	        "gen: province %d/%d, %lld đề án, %lld establishments, %lld products,"
	        " %.0f s\n",
	        province < provinces ? province + 1 : provinces, provinces, (long long)n->projects,
	        (long long)n->establishments, (long long)n->products, t - p->t0);
}

/* A non-negative decimal integer, or -1. */
static long long number(const char *s)
{
	if (!s || !*s)
		return -1;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	return errno || *end || v < 0 ? -1 : v;
}

int cli_gen(int argc, char **argv)
{
	const char *url = cli_opt(argc, argv, "db"), *scale = cli_opt(argc, argv, "scale");
	const char *seed = cli_opt(argc, argv, "seed"), *batch = cli_opt(argc, argv, "batch");
	GenOptions o = {.scale = (GenScale)gen_scale_parse(scale),
	        .seed = 1,
	        .province = cli_opt(argc, argv, "province")};
	if (seed)
		o.seed = (uint64_t)number(seed);
	if (batch)
		o.batch = (int)number(batch);
	if (!url || (int)o.scale < 0 || (seed && number(seed) < 0) ||
	        (batch && (number(batch) < 1 || number(batch) > 10000000))) {
		fputs("usage: khuyencong gen --db PATH --scale national|province|tiny [--seed N]"
		      " [--province CODE] [--batch N]\n",
		        stderr);
		return 2;
	}
	Progress p = {now(), now()};
	o.progress = progress, o.ctx = &p;
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		return 1;
	}
	Actor a = {.user_id = 0, .name = "system", .via = "cli"};
	GenCounts n;
	int rc = store_migrate(db, NULL, &e);
	if (rc == 0)
		rc = store_admin_load(db, NULL, &e);
	double t0 = now();
	if (rc == 0)
		rc = gen_load(db, &a, &o, &n, &e);
	double t = now() - t0;
	db_close(db);
	if (rc) {
		fprintf(stderr, "khuyencong: cannot generate data into '%s': %s\n", url, e.msg);
		return 1;
	}
	printf("%s: generated in %.1f s (%.0f records/s): %lld đề án, %lld establishments,"
	       " %lld products with %lld certifications, %lld activities, %lld reported figures\n",
	        url, t, (double)records(&n) / (t > 0 ? t : 1), (long long)n.projects,
	        (long long)n.establishments, (long long)n.products, (long long)n.certifications,
	        (long long)n.activities, (long long)n.figures);
	return 0;
}
