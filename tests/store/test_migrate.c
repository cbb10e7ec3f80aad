/* test_migrate.c — schema migrations on a real database (SQLite or PostgreSQL). */
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
	assert_int_equal(applied, store_schema_count());
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
	DbTable tables[8];
	int n = -1;
	assert_int_equal(db_tables(db, tables, 8, &n, &e), 0);
	for (int i = 0; i < n; i++)
		assert_string_not_equal(tables[i].name, "admin_list");
	int v = -1;
	assert_int_equal(store_schema_version(db, &v, &e), 0);
	assert_int_equal(v, 0);
	assert_int_equal(db_depth(db), 0);
}

static void migration_names_are_checked(void **state)
{
	(void)state;
	Err e;
	const EmbeddedFile ok[] = {
	        {"0001_a.sql", NULL, 0}, {"0002_b.sql", NULL, 0}, {NULL, NULL, 0}};
	assert_int_equal(store_migrations_check(ok, &e), 0);
	const EmbeddedFile same[] = {
	        {"0001_a.sql", NULL, 0}, {"0001_b.sql", NULL, 0}, {NULL, NULL, 0}};
	assert_int_equal(store_migrations_check(same, &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "0001_b.sql"));
	const EmbeddedFile unnumbered[] = {{"schema.sql", NULL, 0}, {NULL, NULL, 0}};
	assert_int_equal(store_migrations_check(unnumbered, &e), KC_EINVAL);
	const EmbeddedFile no_underscore[] = {{"0003.sql", NULL, 0}, {NULL, NULL, 0}};
	assert_int_equal(store_migrations_check(no_underscore, &e), KC_EINVAL);
}

static void applied_at_is_an_iso_timestamp(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	assert_int_equal(store_migrate(db, NULL, &e), 0);
	/* 'YYYY-MM-DDTHH:MM:SSZ', written by the program on every engine. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM schema_migrations WHERE applied_at"
	                               " NOT LIKE '____-__-__T__:__:__Z'"),
	        0);
}

int main(void)
{
	struct CMUnitTest t[] = {
	        cmocka_unit_test_setup_teardown(fresh_database_reaches_latest, setup, teardown),
	        cmocka_unit_test_setup_teardown(second_run_changes_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(failed_migration_leaves_no_trace, setup, teardown),
	        cmocka_unit_test(migration_names_are_checked),
	        cmocka_unit_test_setup_teardown(applied_at_is_an_iso_timestamp, setup, teardown),
	};
	return cmocka_run_group_tests_name("store/migrate", t, NULL, NULL);
}
