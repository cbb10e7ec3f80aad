/* test_db.c — the database interface on a real database: SQLite, or
 * PostgreSQL under KC_TEST_DB=pg (with tests of its own driver's ways). */
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
	assert_string_equal(db_engine(f->db), tmpdb_pg() ? "postgresql" : "sqlite");
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
	/* The user reads our words; the driver's are the operator's (Err.detail). */
	assert_string_equal(e.msg, db_conflict_message);
	assert_true(strstr(e.detail, "FOREIGN KEY") || strstr(e.detail, "foreign key"));
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
	assert_int_equal(db_exec(f->db, "CREATE TABLE parent(x INTEGER)", &e), KC_EIO);
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

/* One statement without a ';' runs from the statement cache (SQLite): run
 * again, it still does its work each time, and its errors are still told. */
static void single_statements_run_every_time(void **state)
{
	TmpDb *f = *state;
	Err e;
	static const char add[] = "INSERT INTO parent(name) SELECT 'p' || COUNT(*) FROM parent";
	for (int i = 0; i < 3; i++)
		assert_int_equal(db_exec(f->db, add, &e), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 3);
	assert_int_equal(
	        db_exec(f->db, "INSERT INTO parent(name) VALUES ('p1')", &e), KC_ECONFLICT);
	assert_int_equal(
	        db_exec(f->db, "INSERT INTO parent(name) VALUES ('p1')", &e), KC_ECONFLICT);
	assert_int_equal(db_exec(f->db, "INSERT INTO parent(name) VALUES ('p9')", &e), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 4);
	/* Rows a statement returns are stepped through, not an error. */
	assert_int_equal(db_exec(f->db, "SELECT name FROM parent", &e), 0);
	assert_int_equal(db_exec(f->db, "   ", &e), 0); /* nothing to run */
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

/* Nested levels without savepoints (db_flat), for an all-or-nothing
 * transaction; an engine that cannot count changes keeps its savepoints. */
static void flat_levels_commit_and_undo_nothing(void **state)
{
	TmpDb *f = *state;
	Err e;
	int rc;
	assert_int_equal(db_begin(f->db, &e), 0);
	bool flat = db_flat(f->db, true);
	assert_true(flat == !tmpdb_pg());
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "kept", &rc);
	assert_int_equal(db_commit(f->db, &e), 0);
	/* A level that changed nothing is rolled back harmlessly. */
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 1);
	db_rollback(f->db);
	assert_false(db_spoiled(f->db));
	/* A statement refused inside a flat level leaves nothing: not spoiled. */
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "kept", &rc);
	assert_int_equal(rc, KC_ECONFLICT);
	db_rollback(f->db);
	assert_false(db_spoiled(f->db));
	db_flat(f->db, false);
	assert_int_equal(db_depth(f->db), 1);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent WHERE name = 'kept'"), 1);
}

static void flat_rollback_after_a_change_spoils_the_transaction(void **state)
{
	TmpDb *f = *state;
	Err e;
	int rc;
	insert_parent(f->db, "before", &rc);
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "outer", &rc);
	bool flat = db_flat(f->db, true);
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "inner", &rc);
	db_rollback(f->db);
	db_flat(f->db, false);
	if (!flat) { /* a savepoint: undone as ever */
		assert_false(db_spoiled(f->db));
		assert_int_equal(db_commit(f->db, &e), 0);
		assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 2);
		return;
	}
	/* Nothing could undo "inner": the transaction cannot commit. */
	assert_true(db_spoiled(f->db));
	assert_int_equal(db_commit(f->db, &e), KC_EIO);
	assert_non_null(strstr(e.msg, "could not be undone"));
	assert_int_equal(db_depth(f->db), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 1);
	/* The next transaction starts clean. */
	assert_int_equal(db_begin(f->db, &e), 0);
	assert_false(db_spoiled(f->db));
	insert_parent(f->db, "after", &rc);
	assert_int_equal(db_commit(f->db, &e), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 2);
}

/* The cache hands out one statement for the same text from another buffer. */
static void same_text_elsewhere_is_the_same_statement(void **state)
{
	TmpDb *f = *state;
	char a[64], b[64];
	Stmt *x, *y;
	Err e;
	snprintf(a, sizeof a, "SELECT %d", 7);
	snprintf(b, sizeof b, "SELECT %d", 7);
	assert_int_equal(db_prepare(f->db, a, &x, &e), 0);
	db_done(x);
	assert_int_equal(db_prepare(f->db, b, &y, &e), 0);
	assert_ptr_equal(x, y);
	db_done(y);
	assert_int_equal(db_prepare(f->db, a, &y, &e), 0);
	assert_ptr_equal(x, y);
	assert_int_equal(db_step(y, &e), DB_ROW);
	assert_int_equal(db_col_int64(y, 0), 7);
	db_done(y);
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
	if (!tmpdb_pg())
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
	/* Nothing listens on port 1; the message never shows the password. */
	assert_int_equal(db_open(&db, "postgresql://kc:secret@127.0.0.1:1/kc", &e), KC_EIO);
	assert_null(db);
	assert_non_null(strstr(e.msg, "cannot connect to 'postgresql://kc:***@127.0.0.1:1/kc'"));
	assert_null(strstr(e.msg, "secret"));
	assert_int_equal(
	        db_open(&db, "postgresql://127.0.0.1:1/kc?password=secret&sslmode=disable", &e),
	        KC_EIO);
	assert_non_null(
	        strstr(e.msg, "'postgresql://127.0.0.1:1/kc?password=***&sslmode=disable'"));
	assert_null(strstr(e.msg, "secret"));
}

static void explicit_ids_then_generated_ones(void **state)
{
	TmpDb *f = *state;
	Err e;
	int rc;
	/* Rows inserted with their ids by SQL text (a migration's seeds)... */
	assert_int_equal(db_exec(f->db, "INSERT INTO parent(id, name) VALUES (41, 'a')", &e), 0);
	assert_int_equal(insert_parent(f->db, "b", &rc), 42);
	/* ... or by a prepared statement (a copy), then db_sync_ids. */
	Stmt *st;
	assert_int_equal(
	        db_prepare(f->db, "INSERT INTO parent(id, name) VALUES (?, ?)", &st, &e), 0);
	db_bind_int64(st, 1, 100);
	db_bind_str(st, 2, "c");
	assert_int_equal(db_run(st, &e), 0);
	db_done(st);
	assert_int_equal(db_sync_ids(f->db, &e), 0);
	assert_int_equal(insert_parent(f->db, "d", &rc), 101);
}

static void text_compares_bytes(void **state)
{
	TmpDb *f = *state;
	int rc;
	/* Byte order, as SQLite's BINARY: upper case first, letters with
	 * diacritics after z; whatever the PostgreSQL database's collation. */
	static const char *const names[] = {"á", "b", "Z", "a"};
	for (size_t i = 0; i < COUNT_OF(names); i++)
		insert_parent(f->db, names[i], &rc);
	Stmt *st;
	Err e;
	assert_int_equal(db_prepare(f->db, "SELECT name FROM parent ORDER BY name", &st, &e), 0);
	static const char *const want[] = {"Z", "a", "b", "á"};
	for (size_t i = 0; i < COUNT_OF(want); i++) {
		assert_int_equal(db_step(st, &e), DB_ROW);
		assert_string_equal(db_col_text(st, 0), want[i]);
	}
	db_done(st);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent WHERE name > 'b'"), 1);
}

static void computed_integers_are_integers(void **state)
{
	TmpDb *f = *state;
	Stmt *st;
	Err e;
	/* A comparison (boolean on PostgreSQL), a SUM of BIGINT (numeric there). */
	assert_int_equal(db_exec(f->db,
	                         "INSERT INTO parent(id, name) VALUES (1, 'p');"
	                         "INSERT INTO child(parent_id, amount) VALUES (1, 6047500000),"
	                         " (1, 5)",
	                         &e),
	        0);
	assert_int_equal(
	        db_prepare(f->db, "SELECT 1 = 1, SUM(amount), COUNT(*), MAX(amount) > ? FROM child",
	                &st, &e),
	        0);
	db_bind_int64(st, 1, 6047500000);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_int_equal(db_col_type(st, 0), DB_INTEGER);
	assert_int_equal(db_col_int64(st, 0), 1);
	assert_string_equal(db_col_text(st, 0), "1");
	assert_int_equal(db_col_type(st, 1), DB_INTEGER);
	assert_int_equal(db_col_int64(st, 1), 6047500005);
	assert_int_equal(db_col_type(st, 2), DB_INTEGER);
	assert_int_equal(db_col_int64(st, 3), 0);
	db_done(st);
}

static void placeholders_skip_literals_and_comments(void **state)
{
	TmpDb *f = *state;
	Stmt *st;
	Err e;
	assert_int_equal(db_exec(f->db, "INSERT INTO parent(id, name) VALUES (3, 'x')", &e), 0);
	assert_int_equal(db_prepare(f->db,
	                         "SELECT '?' || ? /* ? */ || \"name\" || '''?' -- ?\n"
	                         " FROM parent WHERE id = ?",
	                         &st, &e),
	        0);
	db_bind_str(st, 1, "!");
	db_bind_int64(st, 2, 3);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), "?!x'?");
	db_done(st);
}

/* ---- PostgreSQL only ---------------------------------------------------------------- */

/* Ends the server process of db's connection, from another connection. */
static void kill_backend(Db *other, Db *db)
{
	int64_t pid = db_scalar(db, "SELECT pg_backend_pid()");
	Stmt *st;
	Err e;
	assert_int_equal(
	        db_prepare(other, "SELECT pg_terminate_backend(CAST(? AS INTEGER))", &st, &e), 0);
	db_bind_int64(st, 1, pid);
	assert_int_equal(db_run(st, &e), 0);
	db_done(st);
}

static void pg_lost_connection_reconnects(void **state)
{
	TmpDb *f = *state;
	Db *other;
	Err e;
	int rc;
	assert_int_equal(db_open(&other, f->path, &e), 0);
	kill_backend(other, f->db);
	/* The statement that finds the connection gone fails (preparing it,
	 * or running it if it was prepared before)... */
	Stmt *st;
	rc = db_prepare(f->db, "SELECT COUNT(*) FROM parent", &st, &e);
	if (rc == 0) {
		rc = db_step(st, &e);
		db_done(st);
	}
	assert_int_equal(rc, KC_EIO);
	assert_non_null(strstr(e.msg, "connection"));
	/* ... the next one reconnects, and cached statements work again. */
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 0);
	/* Lost inside a transaction: its statements fail until it ends. */
	assert_int_equal(db_begin(f->db, &e), 0);
	kill_backend(other, f->db);
	insert_parent(f->db, "lost", &rc);
	assert_int_equal(rc, KC_EIO);
	insert_parent(f->db, "lost", &rc);
	assert_int_equal(rc, KC_EIO);
	db_rollback(f->db);
	assert_int_equal(db_depth(f->db), 0);
	insert_parent(f->db, "after", &rc);
	assert_int_equal(rc, 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 1);
	db_close(other);
}

static void pg_session_settings(void **state)
{
	TmpDb *f = *state;
	/* Custom plans always (the generic plan of the big aggregations was slow). */
	assert_int_equal(
	        db_scalar(f->db, "SELECT COUNT(*) WHERE"
	                         " current_setting('plan_cache_mode') = 'force_custom_plan'"),
	        1);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) WHERE"
	                                  " current_setting('client_encoding') = 'UTF8'"),
	        1);
}

static void pg_serialization_failure_is_a_conflict(void **state)
{
	TmpDb *f = *state;
	Db *other;
	Err e;
	int rc;
	int64_t id = insert_parent(f->db, "x", &rc);
	assert_int_equal(db_open(&other, f->path, &e), 0);
	/* A snapshot transaction (another program's, not the store's) reads... */
	assert_int_equal(db_exec(f->db,
	                         "BEGIN ISOLATION LEVEL REPEATABLE READ;"
	                         " SELECT COUNT(*) FROM parent",
	                         &e),
	        0);
	/* ... another connection changes the row... */
	Stmt *st;
	assert_int_equal(
	        db_prepare(other, "UPDATE parent SET name = 'y' WHERE id = ?", &st, &e), 0);
	db_bind_int64(st, 1, id);
	assert_int_equal(db_run(st, &e), 0);
	db_done(st);
	/* ... and its own change of the row cannot serialize: a conflict, said
	 * to the user, not run again inside the transaction. */
	assert_int_equal(
	        db_prepare(f->db, "UPDATE parent SET name = 'z' WHERE id = ?", &st, &e), 0);
	db_bind_int64(st, 1, id);
	assert_int_equal(db_run(st, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "thực hiện lại"));
	db_done(st);
	assert_int_equal(db_exec(f->db, "ROLLBACK", &e), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent WHERE name = 'y'"), 1);
	db_close(other);
}

static void pg_commit_after_an_error_fails(void **state)
{
	TmpDb *f = *state;
	Err e;
	int rc;
	assert_int_equal(db_begin(f->db, &e), 0);
	insert_parent(f->db, "a", &rc);
	insert_parent(f->db, "a", &rc); /* a unique violation aborts the transaction */
	assert_int_equal(rc, KC_ECONFLICT);
	assert_int_equal(db_commit(f->db, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "aborted"));
	db_rollback(f->db);
	assert_int_equal(db_depth(f->db), 0);
	assert_int_equal(db_scalar(f->db, "SELECT COUNT(*) FROM parent"), 0);
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
	        cmocka_unit_test_setup_teardown(single_statements_run_every_time, setup, teardown),
	        cmocka_unit_test_setup_teardown(nested_rollback_undoes_only_inner, setup, teardown),
	        cmocka_unit_test_setup_teardown(outer_rollback_undoes_everything, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                flat_levels_commit_and_undo_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                flat_rollback_after_a_change_spoils_the_transaction, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                same_text_elsewhere_is_the_same_statement, setup, teardown),
	        cmocka_unit_test_setup_teardown(data_survives_reopen, setup, teardown),
	        cmocka_unit_test_setup_teardown(bad_bind_index_is_reported, setup, teardown),
	        cmocka_unit_test_setup_teardown(cache_key_is_copied, setup, teardown),
	        cmocka_unit_test_setup_teardown(nesting_has_a_limit, setup, teardown),
	        cmocka_unit_test(open_failures),
	        cmocka_unit_test_setup_teardown(explicit_ids_then_generated_ones, setup, teardown),
	        cmocka_unit_test_setup_teardown(text_compares_bytes, setup, teardown),
	        cmocka_unit_test_setup_teardown(computed_integers_are_integers, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                placeholders_skip_literals_and_comments, setup, teardown),
	};
	struct CMUnitTest pg[] = {
	        cmocka_unit_test_setup_teardown(pg_lost_connection_reconnects, setup, teardown),
	        cmocka_unit_test_setup_teardown(pg_session_settings, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                pg_serialization_failure_is_a_conflict, setup, teardown),
	        cmocka_unit_test_setup_teardown(pg_commit_after_an_error_fails, setup, teardown),
	};
	int failed = cmocka_run_group_tests_name("store/db", t, NULL, NULL);
	if (tmpdb_pg())
		failed += cmocka_run_group_tests_name("store/db_pg", pg, NULL, NULL);
	return failed;
}
