/* fixture.c — see fixture.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fixture.h"

#include "harness.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/store_migrate.h"

int tmpdb_open(TmpDb *t, int migrate)
{
	snprintf(t->dir, sizeof t->dir, "/tmp/kc-test-XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof t->path, "%s/t.sqlite", t->dir);
	Err e;
	if (db_open(&t->db, t->path, &e) || (migrate && store_migrate(t->db, NULL, &e))) {
		fprintf(stderr, "tmpdb_open: %s\n", e.msg);
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
	db_close(t->db);
	t->db = NULL;
	nftw(t->dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
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
