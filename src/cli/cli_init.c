/* cli_init.c — khuyencong init --db PATH: create or upgrade a database and
 * load the reference data. Running it again changes nothing. */
#include <stdio.h>

#include "cli/cli.h"
#include "report/report.h"
#include "store/db.h"
#include "store/store_admin.h"
#include "store/store_migrate.h"

int cli_init(int argc, char **argv)
{
	const char *url = cli_opt(argc, argv, "db");
	if (!url) {
		fputs("usage: khuyencong init --db PATH|postgresql://...\n", stderr);
		return 2;
	}
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		return 1;
	}
	int applied = 0, version = 0, rows = 0, templates = 0;
	int rc = store_migrate(db, &applied, &e);
	if (rc == 0)
		rc = store_schema_version(db, &version, &e);
	if (rc == 0)
		rc = store_admin_load(db, &rows, &e);
	if (rc == 0)
		rc = report_templates_load(
		        db, &(Actor){.name = "system", .via = "init"}, &templates, &e);
	rows += templates;
	db_close(db);
	if (rc) {
		fprintf(stderr, "khuyencong: cannot initialise '%s': %s\n", url, e.msg);
		return 1;
	}
	printf("%s: schema version %d, %d migration%s applied, %d reference row%s added\n", url,
	        version, applied, applied == 1 ? "" : "s", rows, rows == 1 ? "" : "s");
	return 0;
}
