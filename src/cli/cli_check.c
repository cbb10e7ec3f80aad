/* cli_check.c — khuyencong check --db PATH: integrity and consistency.
 * Prints one line per check; exits 1 if any found a problem. */
#include <stdio.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/store_check.h"

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

int cli_check(int argc, char **argv)
{
	const char *url = cli_opt(argc, argv, "db");
	if (!url) {
		fputs("usage: khuyencong check --db PATH|postgresql://...\n", stderr);
		return 2;
	}
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		return 1;
	}
	int failed = 0;
	int rc = store_check(db, report, NULL, &failed, &e);
	db_close(db);
	if (rc) {
		fprintf(stderr, "khuyencong: cannot check '%s': %s\n", url, e.msg);
		return 1;
	}
	printf("%s: %d check%s found a problem\n", url, failed, failed == 1 ? "" : "s");
	return failed ? 1 : 0;
}
