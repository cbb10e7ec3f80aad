/* test_migrate.c — schema migrations on a real SQLite file. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/db.h"
#include "store/store_migrate.h"

static TmpDb tmp;

static int setup(void **state)
{
	*state = &tmp;
	return tmpdb_open(&tmp, 0);
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	return 0;
}

static void fresh_database_reaches_latest(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	int v = -1, applied = -1;
	assert_int_equal(store_schema_version(db, &v, &e), 0);
	assert_int_equal(v, 0);
	assert_true(store_schema_latest() >= 1);
	assert_int_equal(store_migrate(db, &applied, &e), 0);
	assert_int_equal(applied, store_schema_latest());
	assert_int_equal(store_schema_version(db, &v, &e), 0);
	assert_int_equal(v, store_schema_latest());
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM admin_list"), 2);
}

static void second_run_changes_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	int applied = -1;
	assert_int_equal(store_migrate(db, &applied, &e), 0);
	int64_t rows = db_scalar(db, "SELECT COUNT(*) FROM schema_migrations");
	assert_int_equal(store_migrate(db, &applied, &e), 0);
	assert_int_equal(applied, 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM schema_migrations"), rows);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM admin_list"), 2);
}

static void failed_migration_leaves_no_trace(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	/* A table the first migration creates already exists, so it fails half-way
	 * after creating admin_list: nothing of it may remain. */
	assert_int_equal(db_exec(db, "CREATE TABLE admin_unit (x INTEGER)", &e), 0);
	int applied = -1;
	assert_int_not_equal(store_migrate(db, &applied, &e), 0);
	assert_non_null(strstr(e.msg, "0001_"));
	assert_int_equal(applied, 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'admin_list'"), 0);
	int v = -1;
	assert_int_equal(store_schema_version(db, &v, &e), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_depth(db), 0);
}

int main(void)
{
	struct CMUnitTest t[] = {
	        cmocka_unit_test_setup_teardown(fresh_database_reaches_latest, setup, teardown),
	        cmocka_unit_test_setup_teardown(second_run_changes_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(failed_migration_leaves_no_trace, setup, teardown),
	};
	return cmocka_run_group_tests_name("store/migrate", t, NULL, NULL);
}
