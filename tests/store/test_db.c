/* test_db.c — the database interface on a real SQLite file. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/db.h"

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	Err e;
	if (!t || tmpdb_open(t, 0))
		return -1;
	*state = t;
	return db_exec(t->db,
	        "CREATE TABLE parent(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
	        "CREATE TABLE child(id INTEGER PRIMARY KEY,"
	        " parent_id BIGINT NOT NULL REFERENCES parent(id), amount BIGINT);",
	        &e);
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

static int64_t insert_parent(Db *db, const char *name, int *rc)
{
	Stmt *st;
	Err e;
	int64_t id = 0;
	*rc = db_prepare(db, "INSERT INTO parent(name) VALUES (?) RETURNING id", &st, &e);
	if (*rc)
		return 0;
	db_bind_str(st, 1, name);
	*rc = db_run_int64(st, &id, &e);
	db_done(st);
	return id;
}

static void insert_returning_and_select(void **state)
{
	TmpDb *f = *state;
	int rc;
	int64_t a = insert_parent(f->db, "Sóc Trăng", &rc);
	assert_int_equal(rc, 0);
	int64_t b = insert_parent(f->db, "Lào Cai", &rc);
	assert_int_equal(rc, 0);
	assert_true(b > a);

	Stmt *st;
	Err e;
	assert_int_equal(db_prepare(f->db, "SELECT name, id FROM parent WHERE id = ?", &st, &e), 0);
	db_bind_int64(st, 1, b);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "Lào Cai");
	assert_int_equal(db_col_int64(st, 1), b);
	assert_int_equal(db_step(st, &e), DB_DONE);
	db_done(st);
	assert_string_equal(db_engine(f->db), "sqlite");
}

static void null_and_text_binding(void **state)
{
	TmpDb *f = *state;
	int rc;
	int64_t p = insert_parent(f->db, "x", &rc);
	Stmt *st;
	Err e;
	assert_int_equal(
	        db_prepare(f->db, "INSERT INTO child(parent_id, amount) VALUES (?, ?)", &st, &e),
	        0);
	db_bind_int64(st, 1, p);
	db_bind_null(st, 2);
	assert_int_equal(db_run(st, &e), 0);
	db_done(st);
	assert_int_equal(db_prepare(f->db, "SELECT amount FROM child", &st, &e), 0);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_true(db_col_null(st, 0));
	assert_string_equal(db_col_text(st, 0), "");
	db_done(st);
	/* A text slice binds only its length: "Cần Thơ" from a longer string. */
	const char *s = "Cần Thơ, thành phố";
	assert_int_equal(db_prepare(f->db, "INSERT INTO parent(name) VALUES (?)", &st, &e), 0);
	db_bind_text(st, 1, s, strlen("Cần Thơ"));
	assert_int_equal(db_run(st, &e), 0);
	db_done(st);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent WHERE name = 'Cần Thơ'"), 1);
}

static void unique_and_foreign_key_are_conflicts(void **state)
{
	TmpDb *f = *state;
	int rc;
	insert_parent(f->db, "Thanh Hóa", &rc);
	assert_int_equal(rc, 0);
	insert_parent(f->db, "Thanh Hóa", &rc);
	assert_int_equal(rc, KC_ECONFLICT);

	Stmt *st;
	Err e;
	assert_int_equal(
	        db_prepare(f->db, "INSERT INTO child(parent_id, amount) VALUES (?, 1)", &st, &e),
	        0);
	db_bind_int64(st, 1, 9999); /* no such parent: foreign keys are on */
	assert_int_equal(db_run(st, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "FOREIGN KEY"));
	db_done(st);
}

static void bad_sql_is_an_error_with_message(void **state)
{
	TmpDb *f = *state;
	Stmt *st = (Stmt *)1;
	Err e;
	assert_int_equal(db_prepare(f->db, "SELECT nope FROM nowhere", &st, &e), KC_EIO);
	assert_null(st);
	assert_non_null(strstr(e.msg, "nowhere"));
	assert_int_equal(db_exec(f->db, "CREATE TABLE parent(x)", &e), KC_EIO);
	assert_non_null(strstr(e.msg, "already exists"));
}

static void statements_are_cached_and_twinned(void **state)
{
	TmpDb *f = *state;
	static const char sql[] = "SELECT 1";
	Stmt *a, *b, *c;
	Err e;
	assert_int_equal(db_prepare(f->db, sql, &a, &e), 0);
	/* In use: the same text gets a second statement. */
	assert_int_equal(db_prepare(f->db, sql, &b, &e), 0);
	assert_ptr_not_equal(a, b);
	db_done(a);
	assert_int_equal(db_prepare(f->db, sql, &c, &e), 0);
	assert_ptr_equal(a, c);
	/* Handed back reset: stepping again starts over. */
	assert_int_equal(db_step(c, &e), DB_ROW);
	db_done(c);
	db_done(b);
	assert_int_equal(db_prepare(f->db, sql, &c, &e), 0);
	assert_int_equal(db_step(c, &e), DB_ROW);
	assert_int_equal(db_col_int64(c, 0), 1);
	db_done(c);
}

static void nested_rollback_undoes_only_inner(void **state)
{
	TmpDb *f = *state;
	Err e;
	int rc;
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "outer", &rc);
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(db_depth(f->db), 2);
	insert_parent(f->db, "inner", &rc);
	db_rollback(f->db);
	assert_int_equal(db_depth(f->db), 1);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(db_depth(f->db), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent WHERE name = 'outer'"), 1);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent WHERE name = 'inner'"), 0);
}

static void outer_rollback_undoes_everything(void **state)
{
	TmpDb *f = *state;
	Err e;
	int rc;
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "a", &rc);
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "b", &rc);
	assert_int_equal(db_commit(f->db, &e), 0);
	db_rollback(f->db);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 0);
	assert_int_equal(db_commit(f->db, &e), KC_EINVAL);
}

static void data_survives_reopen(void **state)
{
	TmpDb *f = *state;
	int rc;
	insert_parent(f->db, "Cà Mau", &rc);
	db_close(f->db);
	Err e;
	assert_int_equal(db_open(&f->db, f->path, &e), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent WHERE name = 'Cà Mau'"), 1);
	assert_int_equal(db_scalar(f->db, "PRAGMA foreign_keys"), 1);
}

static void bad_bind_index_is_reported(void **state)
{
	TmpDb *f = *state;
	Stmt *st;
	Err e;
	assert_int_equal(db_prepare(f->db, "INSERT INTO parent(name) VALUES (?)", &st, &e), 0);
	db_bind_str(st, 1, "ok");
	db_bind_int64(st, 2, 7); /* there is no second parameter */
	assert_int_equal(db_run(st, &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "bind"));
	db_done(st);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 0);
	/* Handed back and out again, the statement is clean. */
	assert_int_equal(db_prepare(f->db, "INSERT INTO parent(name) VALUES (?)", &st, &e), 0);
	db_bind_str(st, 1, "ok");
	assert_int_equal(db_run(st, &e), 0);
	db_done(st);
}

static void cache_key_is_copied(void **state)
{
	TmpDb *f = *state;
	char sql[64];
	Stmt *a, *b;
	Err e;
	snprintf(sql, sizeof sql, "SELECT %d", 41);
	assert_int_equal(db_prepare(f->db, sql, &a, &e), 0);
	db_done(a);
	snprintf(sql, sizeof sql, "SELECT %d", 42); /* the caller's buffer changes */
	assert_int_equal(db_prepare(f->db, sql, &b, &e), 0);
	assert_ptr_not_equal(a, b);
	assert_int_equal(db_step(b, &e), DB_ROW);
	assert_int_equal(db_col_int64(b, 0), 42);
	db_done(b);
}

static void nesting_has_a_limit(void **state)
{
	TmpDb *f = *state;
	Err e;
	int depth = 0;
	while (db_begin(f->db, &e) == 0)
		depth++;
	assert_int_equal(e.code, KC_ERANGE);
	assert_int_equal(depth, db_depth(f->db));
	assert_true(depth >= 8);
	while (db_depth(f->db) > 0)
		db_rollback(f->db);
}

static void open_failures(void **state)
{
	(void)state;
	Db *db = (Db *)1;
	Err e;
	assert_int_equal(db_open(&db, "/nonexistent-dir/x.sqlite", &e), KC_EIO);
	assert_null(db);
	assert_non_null(strstr(e.msg, "/nonexistent-dir/x.sqlite"));
	assert_int_equal(db_open(&db, "postgresql://localhost/kc", &e), KC_ENOTIMPL);
}

int main(void)
{
	struct CMUnitTest t[] = {
	        cmocka_unit_test_setup_teardown(insert_returning_and_select, setup, teardown),
	        cmocka_unit_test_setup_teardown(null_and_text_binding, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                unique_and_foreign_key_are_conflicts, setup, teardown),
	        cmocka_unit_test_setup_teardown(bad_sql_is_an_error_with_message, setup, teardown),
	        cmocka_unit_test_setup_teardown(statements_are_cached_and_twinned, setup, teardown),
	        cmocka_unit_test_setup_teardown(nested_rollback_undoes_only_inner, setup, teardown),
	        cmocka_unit_test_setup_teardown(outer_rollback_undoes_everything, setup, teardown),
	        cmocka_unit_test_setup_teardown(data_survives_reopen, setup, teardown),
	        cmocka_unit_test_setup_teardown(bad_bind_index_is_reported, setup, teardown),
	        cmocka_unit_test_setup_teardown(cache_key_is_copied, setup, teardown),
	        cmocka_unit_test_setup_teardown(nesting_has_a_limit, setup, teardown),
	        cmocka_unit_test(open_failures),
	};
	return cmocka_run_group_tests_name("store/db", t, NULL, NULL);
}
