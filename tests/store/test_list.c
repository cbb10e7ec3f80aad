/* test_list.c — lists built from the filters given (store_list.h): every
 * page of a list by current province, merged from one query per province
 * recorded in it, against the same rows selected and sorted the plain way;
 * totals counted or told by the last page; values bound in the order of
 * their terms; the fixed limits. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_list.h"

/* Rows of a table of the test's own, spread over Cần Thơ as recorded before
 * and after 2025 (current 92; legacy 92, 93 and 94 merged into it) and a
 * province elsewhere, with repeated sort keys so that ids break ties. */
enum { ROWS = 240 };
static const char *const places[][2] = {
        {"current", "92"}, {"legacy", "92"}, {"legacy", "93"}, {"legacy", "94"}, {"legacy", "01"}};
static const char *const statuses[] = {"draft", "settled", "closed"};

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	Err e;
	if (!t || tmpdb_open(t, TMPDB_LOADED) ||
	        db_exec(t->db,
	                "CREATE TABLE item (id INTEGER PRIMARY KEY, province_list TEXT NOT NULL,"
	                " province_code TEXT NOT NULL, status TEXT NOT NULL, sort_key TEXT NOT NULL,"
	                " year INTEGER NOT NULL)",
	                &e))
		return -1;
	Stmt *st;
	if (db_prepare(t->db,
	            "INSERT INTO item (id, province_list, province_code, status, sort_key, year)"
	            " VALUES (?, ?, ?, ?, ?, ?)",
	            &st, &e))
		return -1;
	unsigned x = 12345;
	for (int i = 1; i <= ROWS; i++) {
		x = x * 1103515245u + 12345u;
		char key[8];
		snprintf(key, sizeof key, "k%02u", (x >> 16) % 40);
		const char *const *p = places[(x >> 8) % 5];
		db_reset(st);
		db_bind_int64(st, 1, i);
		db_bind_str(st, 2, p[0]);
		db_bind_str(st, 3, p[1]);
		db_bind_str(st, 4, statuses[(x >> 4) % 3]);
		db_bind_str(st, 5, key);
		db_bind_int64(st, 6, 2020 + (x >> 12) % 6);
		if (db_run(st, &e))
			return -1;
	}
	db_done(st);
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

typedef struct Item {
	int64_t id;
} Item;

static void read_item(Stmt *st, Arena *arena, void *out)
{
	(void)arena;
	((Item *)out)->id = db_col_int64(st, 0);
}

/* The ids sql selects, into ids[0..*n). */
static void expected(Db *db, const char *sql, const char *status, int64_t *ids, int *n)
{
	Stmt *st;
	Err e;
	*n = 0;
	assert_int_equal(db_prepare(db, sql, &st, &e), 0);
	if (status)
		db_bind_str(st, 1, status);
	while (db_step(st, &e) == DB_ROW)
		ids[(*n)++] = db_col_int64(st, 0);
	db_done(st);
}

static const char *const by_key[] = {"sort_key", "id", NULL};

/* Lists the items of current province 92 (of status, when not NULL) with
 * the year term after the alternatives, page by page of size limit. */
static void pages_of(Db *db, const char *status, bool desc, int limit)
{
	char sql[512];
	snprintf(sql, sizeof sql,
	        "SELECT id FROM item WHERE ((province_list = 'current' AND province_code = '92')"
	        " OR (province_list = 'legacy' AND province_code IN ('92', '93', '94')))"
	        " AND year >= 2021 %s ORDER BY sort_key %s, id %s",
	        status ? "AND status = ?" : "", desc ? "DESC" : "", desc ? "DESC" : "");
	int64_t want[ROWS];
	int n_want;
	expected(db, sql, status, want, &n_want);
	assert_true(n_want > 20);
	for (int offset = 0; offset <= n_want + limit; offset += limit) {
		StoreList l;
		Err e = {0};
		Arena arena = {0};
		store_list_init(&l, "item", "id", by_key, desc);
		/* A term before and after the alternatives: values bind in order. */
		store_list_text(&l, "status = ?", status);
		assert_int_equal(store_list_current_province(db, &l,
		                         "province_list = ? AND province_code = ?", "92", &e),
		        0);
		store_list_int(&l, "year >= ?", 2021, 0);
		void *v;
		int n;
		int64_t total;
		assert_int_equal(store_list_run(db, &l, limit, offset, read_item, sizeof(Item),
		                         &arena, &v, &n, &total, &e),
		        0);
		assert_int_equal(total, n_want);
		int left = n_want - offset;
		assert_int_equal(n, left < 0 ? 0 : left < limit ? left : limit);
		for (int i = 0; i < n; i++)
			assert_int_equal(((Item *)v)[i].id, want[offset + i]);
		store_list_free(&l);
		arena_free(&arena);
	}
}

static void merged_pages_in_order(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	pages_of(db, NULL, false, 7);
	pages_of(db, NULL, false, 50);
	pages_of(db, "settled", false, 5);
	pages_of(db, "draft", true, 9);
	pages_of(db, NULL, true, 500);
}

static void one_query_without_alternatives(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t want[ROWS];
	int n_want;
	expected(db,
	        "SELECT id FROM item WHERE province_list = 'legacy' AND province_code = '93'"
	        " AND status = ? ORDER BY sort_key, id",
	        "closed", want, &n_want);
	StoreList l;
	Err e = {0};
	Arena arena = {0};
	store_list_init(&l, "item", "id", by_key, false);
	store_list_term(&l, "province_list = ? AND province_code = ?");
	store_list_value_text(&l, "legacy");
	store_list_value_text(&l, "93");
	store_list_text(&l, "status = ?", "closed");
	store_list_text(&l, "sort_key = ?", NULL); /* not given: no term */
	store_list_int(&l, "year = ?", -1, -1);
	void *v;
	int n;
	int64_t total;
	assert_int_equal(
	        store_list_run(db, &l, 3, 1, read_item, sizeof(Item), &arena, &v, &n, &total, &e),
	        0);
	assert_int_equal(total, n_want);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++)
		assert_int_equal(((Item *)v)[i].id, want[1 + i]);
	store_list_free(&l);

	/* Nothing given lists everything; past the end, the total is counted. */
	store_list_init(&l, "item", "id", by_key, false);
	assert_int_equal(store_list_run(db, &l, 10, ROWS + 5, read_item, sizeof(Item), &arena, &v,
	                         &n, &total, &e),
	        0);
	assert_int_equal(n, 0);
	assert_int_equal(total, ROWS);
	store_list_free(&l);
	arena_free(&arena);
}

static void unknown_province_lists_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	StoreList l;
	Err e = {0};
	Arena arena = {0};
	store_list_init(&l, "item", "id", by_key, false);
	assert_int_equal(store_list_current_province(
	                         db, &l, "province_list = ? AND province_code = ?", "77", &e),
	        0);
	void *v;
	int n;
	int64_t total;
	assert_int_equal(
	        store_list_run(db, &l, 10, 0, read_item, sizeof(Item), &arena, &v, &n, &total, &e),
	        0);
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	store_list_free(&l);
	arena_free(&arena);
}

static void limits_are_errors(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	StoreList l;
	Err e = {0};
	Arena arena = {0};
	store_list_init(&l, "item", "id", by_key, false);
	for (int i = 0; i <= STORE_LIST_VALUES; i++)
		store_list_int(&l, "year <> ?", i, -1);
	void *v;
	int n;
	int64_t total;
	assert_int_equal(
	        store_list_run(db, &l, 10, 0, read_item, sizeof(Item), &arena, &v, &n, &total, &e),
	        KC_ETOOBIG);
	store_list_free(&l);
	store_list_init(&l, "item", "id", by_key, false);
	for (int i = 0; i <= STORE_LIST_ALTS; i++)
		store_list_alt(&l, "year = 2020");
	assert_int_equal(
	        store_list_run(db, &l, 10, 0, read_item, sizeof(Item), &arena, &v, &n, &total, &e),
	        KC_ETOOBIG);
	store_list_free(&l);
	arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(merged_pages_in_order, setup, teardown),
	        cmocka_unit_test_setup_teardown(one_query_without_alternatives, setup, teardown),
	        cmocka_unit_test_setup_teardown(unknown_province_lists_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(limits_are_errors, setup, teardown),
	};
	return cmocka_run_group_tests_name("store/list", tests, NULL, NULL);
}
