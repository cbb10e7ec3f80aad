/* test_db_errors.c — what the database's own refusals leave in an Err: a
 * message of ours for users, the driver's words (tables, keys, values) only
 * in Err.detail for the operator's log (security review L6). SQLite, or
 * PostgreSQL under KC_TEST_DB=pg. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/db.h"

static int insert(Db *db, const char *code, int64_t n, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "INSERT INTO kc_secret_table(code, n) VALUES (?, ?)", &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, code);
	db_bind_int64(st, 2, n);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

static void refusals_keep_their_words_apart(void **state)
{
	(void)state;
	TmpDb t;
	Err e = {0};
	assert_int_equal(tmpdb_open(&t, 0), 0);
	assert_int_equal(db_exec(t.db,
	                         "CREATE TABLE kc_secret_table(id INTEGER PRIMARY KEY,"
	                         " code TEXT NOT NULL UNIQUE, n SMALLINT)",
	                         &e),
	        0);
	assert_int_equal(insert(t.db, "0312345678", 1, &e), 0);
	/* A unique key: a conflict in our words; the key and value in the detail. */
	assert_int_equal(insert(t.db, "0312345678", 2, &e), KC_ECONFLICT);
	assert_string_equal(e.msg, db_conflict_message);
	assert_contains(e.detail, "kc_secret_table");
	assert_null(strstr(e.msg, "kc_secret_table"));
	/* A later error of ours does not carry it along. */
	err_set(&e, KC_EINVAL, "Thiếu mã");
	assert_string_equal(e.detail, "");
	if (tmpdb_pg()) {
		/* A value the column cannot hold (SQLSTATE 22003). */
		assert_int_equal(insert(t.db, "0312345679", 99999, &e), KC_EINVAL);
		assert_string_equal(e.msg, db_value_message);
		assert_contains(e.detail, "22003");
	}
	tmpdb_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, refusals_keep_their_words_apart);
	return tl_run(&tl, "store/db_errors");
}
