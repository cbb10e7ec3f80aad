/* cli_check.c — khuyencong check --db PATH: integrity and consistency.
 * Prints one line per check; exits 1 if any found a problem.
 * --rebuild-totals first recomputes the dashboard's totals and set of đề án
 * at risk from the records (store_totals.h). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/store_check.h"
#include "store/store_totals.h"

static void report(
        void *ctx, const char *name, const char *label_vi, int64_t failures, const char *examples)
{
	(void)ctx;
	if (failures == 0)
		printf("ok    %s\n", name);
	else
		printf("FAIL  %s: %s — %lld (%s%s)\n", name, label_vi, (long long)failures,
		        examples, failures > 3 ? ", ..." : "");
}

/* Whether --rebuild-totals was given (a flag: it takes no value). */
static bool rebuild(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--rebuild-totals"))
			return true;
	return false;
}

int cli_check(int argc, char **argv)
{
	const char *url = cli_opt(argc, argv, "db");
	if (!url) {
		fputs("usage: khuyencong check --db PATH|postgresql://... [--rebuild-totals]\n",
		        stderr);
		return 2;
	}
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		return 1;
	}
	int failed = 0;
	int rc = 0;
	if (rebuild(argc, argv) && (rc = store_totals_rebuild(db, &e)) == 0)
		puts("rebuilt project_total and project_risk");
	if (rc == 0)
		rc = store_check(db, report, NULL, &failed, &e);
	db_close(db);
	if (rc) {
		fprintf(stderr, "khuyencong: cannot check '%s': %s\n", url, e.msg);
		return 1;
	}
	printf("%s: %d check%s found a problem\n", url, failed, failed == 1 ? "" : "s");
	return failed ? 1 : 0;
}
