/* test_store.c — the helpers every store module shares (store.h) and the
 * province checks of store_admin.h, on a real SQLite file: dates, closed
 * sets of values, small queries, and the audited delete of one record. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store.h"
#include "store/store_admin.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

/* A versioned table of the test's own, and one that refers to it. */
static const StoreTable things = {"thing", "SELECT * FROM thing WHERE id = ?",
        "DELETE FROM thing WHERE id = ? AND version = ? RETURNING id", "vật"};
/* The same rows seen as a table without versions. */
static const StoreTable plain_things = {"thing", "SELECT * FROM thing WHERE id = ?",
        "DELETE FROM thing WHERE id = ? RETURNING id", "vật"};
static const StoreUse thing_uses[] = {
        {"SELECT COUNT(*) FROM thing_ref WHERE thing_id = ?", "còn dòng tham chiếu"},
};

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	Err e;
	if (!t || tmpdb_open(t, TMPDB_MIGRATED) ||
	        db_exec(t->db,
	                "CREATE TABLE thing (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
	                " version INTEGER NOT NULL DEFAULT 1);"
	                "CREATE TABLE thing_ref (thing_id INTEGER NOT NULL, code TEXT NOT NULL);"
	                "INSERT INTO thing (id, name) VALUES (1, 'một'), (2, 'hai');"
	                "INSERT INTO thing_ref VALUES (2, 'x');",
	                &e))
		return -1;
	*state = t;
	return 0;
}

static int setup_loaded(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || tmpdb_open(t, TMPDB_LOADED))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

static Db *db_of(void **state)
{
	return ((TmpDb *)*state)->db;
}

/* ---- Dates ---------------------------------------------------------------------------- */

static void iso_date_reads_any_form(void **state)
{
	(void)state;
	char out[STORE_DATE_LEN];
	Err e = {0};
	assert_int_equal(store_iso_date("1/7/2025", out, "valid_from", &e), 0);
	assert_string_equal(out, "2025-07-01");
	assert_int_equal(store_iso_date("2019-03-01", out, "valid_from", &e), 0);
	assert_string_equal(out, "2019-03-01");
	assert_int_equal(store_iso_date(NULL, out, "valid_from", &e), 0);
	assert_string_equal(out, "");
	assert_int_equal(store_iso_date("", out, "valid_from", &e), 0);
	assert_string_equal(out, "");
	assert_int_not_equal(store_iso_date("31/02/2025", out, "valid_to", &e), 0);
	assert_string_equal(e.field, "valid_to");
}

static void check_iso_date_wants_the_stored_form(void **state)
{
	(void)state;
	char out[STORE_DATE_LEN];
	Err e = {0};
	assert_int_equal(store_check_iso_date("2023-03-01", "paid_on", "ngày", out, &e), 0);
	assert_string_equal(out, "2023-03-01");
	assert_int_equal(
	        store_check_iso_date(NULL, "paid_on", "ngày giải ngân", out, &e), KC_EINVAL);
	assert_string_equal(e.field, "paid_on");
	assert_non_null(strstr(e.msg, "Chưa nhập ngày giải ngân"));
	assert_int_equal(store_check_iso_date("01/03/2023", "paid_on", "ngày", out, &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "không đúng dạng năm-tháng-ngày"));
	assert_int_not_equal(store_check_iso_date("2023-02-30", "issued_on", "ngày", out, &e), 0);
	assert_string_equal(e.field, "issued_on");
}

static void vn_day_for_messages(void **state)
{
	(void)state;
	char out[STORE_DATE_LEN];
	assert_string_equal(store_vn_day("2025-07-01", out), "01/07/2025");
	assert_string_equal(store_vn_day("", out), "");
	assert_string_equal(store_vn_day("2025", out), "2025");
}

static void years_of_the_programme(void **state)
{
	(void)state;
	Err e = {0};
	assert_int_equal(store_check_year(STORE_YEAR_MIN, "year", "Năm", &e), 0);
	assert_int_equal(store_check_year(STORE_YEAR_MAX, "year", "Năm", &e), 0);
	assert_int_equal(store_check_year(1800, "start_year", "Năm bắt đầu", &e), KC_EINVAL);
	assert_string_equal(e.field, "start_year");
	assert_string_equal(e.msg, "Năm bắt đầu 1800 không hợp lệ");
}

static void has_text_ignores_blanks(void **state)
{
	(void)state;
	assert_false(store_has_text(NULL));
	assert_false(store_has_text(""));
	assert_false(store_has_text(" \t\r\n"));
	assert_true(store_has_text("  x "));
}

/* ---- Closed sets of values -------------------------------------------------------------- */

static const StoreChoice labelled[] = {{"national", "quốc gia"}, {"local", "địa phương"}};
static const StoreChoice bare[] = {{"plan"}, {"actual"}};

static void choices_find_values_and_labels(void **state)
{
	(void)state;
	assert_int_equal(store_choice_index(labelled, 2, "local"), 1);
	assert_int_equal(store_choice_index(labelled, 2, "LOCAL"), -1);
	assert_int_equal(store_choice_index(labelled, 2, NULL), -1);
	assert_string_equal(store_choice_label(labelled, 2, "national"), "quốc gia");
	assert_null(store_choice_label(labelled, 2, "all"));
	assert_null(store_choice_label(bare, 2, "plan")); /* a value without a label */
}

static void check_choice_lists_the_labels(void **state)
{
	(void)state;
	Err e = {0};
	assert_int_equal(store_check_choice("local", labelled, 2, "level", "Cấp", &e), 0);
	assert_int_equal(store_check_choice("all", labelled, 2, "level", "Cấp", &e), KC_EINVAL);
	assert_string_equal(e.field, "level");
	assert_string_equal(e.msg, "Cấp 'all' không có; chọn một trong: quốc gia, địa phương");
	assert_int_equal(store_check_choice(NULL, bare, 2, "figure_kind", "Loại", &e), KC_EINVAL);
	assert_string_equal(e.msg, "Loại '' không có");
	/* A pasted page is cut, and a control character shown as '?'. */
	char long_value[300];
	memset(long_value, 'a', sizeof long_value - 1);
	long_value[sizeof long_value - 1] = '\0';
	long_value[0] = '\n';
	assert_int_equal(store_check_choice(long_value, bare, 2, "kind", "Loại", &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "'?aaa"));
	assert_non_null(strstr(e.msg, "…' không có"));
}

/* ---- Small queries ---------------------------------------------------------------------- */

static void scalars_by_id_and_text(void **state)
{
	Db *db = db_of(state);
	int64_t n = -1;
	Err e = {0};
	assert_int_equal(
	        store_scalar(db, "SELECT COUNT(*) FROM thing_ref WHERE thing_id = ?", 2, &n, &e),
	        0);
	assert_int_equal(n, 1);
	assert_int_equal(
	        store_scalar_text(db, "SELECT COUNT(*) FROM thing WHERE name = ?", "hai", &n, &e),
	        0);
	assert_int_equal(n, 1);
	assert_int_equal(store_scalar(db, "SELECT version FROM thing WHERE id = ?", 9, &n, &e),
	        KC_ENOTFOUND);
}

static void row_json_by_id_and_key(void **state)
{
	Db *db = db_of(state);
	Buf b;
	buf_init(&b, 1024);
	Err e = {0};
	assert_int_equal(
	        store_row_json_key(db, "SELECT * FROM thing_ref WHERE thing_id = ? AND code = ?", 2,
	                "x", &b, &e),
	        0);
	assert_string_equal(buf_cstr(&b), "{\"thing_id\":2,\"code\":\"x\"}");
	assert_int_equal(
	        store_row_json_key(db, "SELECT * FROM thing_ref WHERE thing_id = ? AND code = ?", 2,
	                "y", &b, &e),
	        KC_ENOTFOUND);
	buf_free(&b);
}

static void oversized_snapshot_is_refused(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	Buf small;
	buf_init(&small, 64);
	assert_int_equal(store_row_json(db,
	                         "SELECT 'một đoạn văn bản dài hơn sáu mươi tư byte"
	                         " để không vừa bộ đệm' AS note, ? AS id",
	                         7, &small, &e),
	        KC_ETOOBIG);
	assert_non_null(strstr(e.msg, "too big"));
	buf_free(&small);
	Buf big;
	buf_init(&big, 4096);
	assert_int_equal(
	        store_row_json(db, "SELECT 'ngắn' AS note, CAST(? AS BIGINT) AS id", 7, &big, &e),
	        0);
	assert_string_equal(buf_cstr(&big), "{\"note\":\"ngắn\",\"id\":7}");
	buf_free(&big);
}

static void read_name(Stmt *st, Arena *arena, void *out)
{
	*(const char **)out = store_col_text(st, 0, arena);
}

static void get_reads_one_row(void **state)
{
	Db *db = db_of(state);
	Arena arena = {0};
	const char *name = NULL;
	Err e = {0};
	assert_int_equal(store_get(db, "SELECT name FROM thing WHERE id = ?", 2, read_name, &arena,
	                         &name, things.what, &e),
	        0);
	assert_string_equal(name, "hai");
	assert_int_equal(store_get(db, "SELECT name FROM thing WHERE id = ?", 7, read_name, &arena,
	                         &name, things.what, &e),
	        KC_ENOTFOUND);
	assert_string_equal(e.msg, "Không có vật số 7");
	arena_free(&arena);
}

static void page_size_defaults_and_bounds(void **state)
{
	(void)state;
	int size = 0;
	Err e = {0};
	assert_int_equal(store_page_size(0, 0, &size, &e), 0);
	assert_int_equal(size, 50);
	assert_int_equal(store_page_size(500, 10, &size, &e), 0);
	assert_int_equal(size, 500);
	assert_int_equal(store_page_size(501, 0, &size, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	assert_int_equal(store_page_size(-1, 0, &size, &e), KC_EINVAL);
	assert_int_equal(store_page_size(10, -1, &size, &e), KC_EINVAL);
}

/* ---- Audited changes of one record ------------------------------------------------------ */

static int64_t audit_rows(Db *db)
{
	return db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'thing'");
}

static void delete_with_its_audit_row(void **state)
{
	Db *db = db_of(state);
	Err e = {0};
	assert_int_equal(store_delete(db, &officer, &things, 1, 1, thing_uses, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM thing WHERE id = 1"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'thing'"
	                               " AND action = 'delete' AND record_id = '1'"
	                               " AND before_json LIKE '%\"name\":\"một\"%'"
	                               " AND after_json IS NULL"),
	        1);
	assert_int_equal(db_depth(db), 0);
}

static void delete_refuses_while_in_use(void **state)
{
	Db *db = db_of(state);
	Err e = {0};
	assert_int_equal(
	        store_delete(db, &officer, &things, 2, 1, thing_uses, 1, &e), KC_ECONFLICT);
	assert_string_equal(e.msg, "Không xóa được vật số 2: còn dòng tham chiếu");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM thing WHERE id = 2"), 1);
	assert_int_equal(audit_rows(db), 0);
	assert_int_equal(db_depth(db), 0);
	/* The check alone, with a subject of the caller's. */
	assert_int_equal(store_check_unused(db, 2, thing_uses, 1, "vật 'hai'", &e), KC_ECONFLICT);
	assert_string_equal(e.msg, "Không xóa được vật 'hai': còn dòng tham chiếu");
	assert_int_equal(store_check_unused(db, 1, thing_uses, 1, "vật 'một'", &e), 0);
}

static void delete_of_a_stale_or_gone_record(void **state)
{
	Db *db = db_of(state);
	Err e = {0};
	assert_int_equal(store_delete(db, &officer, &things, 1, 7, NULL, 0, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "vật số 1 đã được người khác sửa"));
	assert_int_equal(store_delete(db, &officer, &things, 9, 1, NULL, 0, &e), KC_ENOTFOUND);
	assert_string_equal(e.msg, "Không có vật số 9");
	assert_int_equal(audit_rows(db), 0);
	assert_int_equal(db_depth(db), 0);
}

static void delete_without_versions(void **state)
{
	Db *db = db_of(state);
	Err e = {0};
	assert_int_equal(store_delete(db, &officer, &plain_things, 1, -1, NULL, 0, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM thing WHERE id = 1"), 0);
	assert_int_equal(audit_rows(db), 1);
	assert_int_equal(
	        store_delete(db, &officer, &plain_things, 1, -1, NULL, 0, &e), KC_ENOTFOUND);
	assert_string_equal(e.msg, "Không có vật số 1");
}

static void before_and_versioned_write(void **state)
{
	Db *db = db_of(state);
	Err e = {0};
	Buf before;
	buf_init(&before, 1024);
	assert_int_equal(store_before(db, &things, 1, &before, &e), 0);
	assert_non_null(strstr(buf_cstr(&before), "\"version\":1"));
	assert_int_equal(store_before(db, &things, 5, &before, &e), KC_ENOTFOUND);
	assert_string_equal(e.msg, "Không có vật số 5");
	buf_free(&before);
	static const char sql[] = "UPDATE thing SET name = ?, version = version + 1"
	                          " WHERE id = ? AND version = ? RETURNING id";
	for (int version = 1; version <= 2; version++) {
		Stmt *st;
		assert_int_equal(db_prepare(db, sql, &st, &e), 0);
		db_bind_str(st, 1, "một nữa");
		db_bind_int64(st, 2, 1);
		db_bind_int64(st, 3, 1); /* the second time, version 1 is stale */
		int rc = store_run_versioned(db, st, &things, 1, &e);
		db_done(st);
		assert_int_equal(rc, version == 1 ? 0 : KC_ECONFLICT);
	}
}

/* ---- Provinces (store_admin.h) ---------------------------------------------------------- */

static void province_over_a_span(void **state)
{
	Db *db = db_of(state);
	Err e = {0};
	/* Sóc Trăng's list ended in 2025: a span from 2024 to 2026 meets it. */
	assert_int_equal(
	        store_admin_check_span(db, "legacy", "94", 2024, 2026, "scope_code", &e), 0);
	assert_int_equal(store_admin_check_span(db, "legacy", "94", 2026, 2027, "scope_code", &e),
	        KC_EINVAL);
	assert_string_equal(e.field, "scope_code");
	assert_int_equal(
	        store_admin_check_span(db, "", "94", 2024, 2024, "province_code", &e), KC_EINVAL);
	assert_string_equal(e.msg, "Chưa chọn tỉnh, thành phố");
}

static void province_keys_for_one_parameter(void **state)
{
	Db *db = db_of(state);
	Err e = {0};
	const UnitRef v[] = {{"legacy", "province", "94"}, {"current", "province", "92"}};
	Buf b;
	buf_init(&b, 256);
	assert_int_equal(store_admin_province_keys(db, v, 2, &b, &e), 0);
	assert_string_equal(buf_cstr(&b), ",legacy:94,current:92,");
	const UnitRef bad[] = {{"current", "province", "99"}};
	buf_reset(&b);
	assert_int_equal(store_admin_province_keys(db, bad, 1, &b, &e), KC_EINVAL);
	assert_string_equal(e.field, "provinces");
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(iso_date_reads_any_form),
	        cmocka_unit_test(check_iso_date_wants_the_stored_form),
	        cmocka_unit_test(vn_day_for_messages),
	        cmocka_unit_test(years_of_the_programme),
	        cmocka_unit_test(has_text_ignores_blanks),
	        cmocka_unit_test(choices_find_values_and_labels),
	        cmocka_unit_test(check_choice_lists_the_labels),
	        cmocka_unit_test(page_size_defaults_and_bounds),
	        cmocka_unit_test_setup_teardown(scalars_by_id_and_text, setup, teardown),
	        cmocka_unit_test_setup_teardown(row_json_by_id_and_key, setup, teardown),
	        cmocka_unit_test_setup_teardown(oversized_snapshot_is_refused, setup, teardown),
	        cmocka_unit_test_setup_teardown(get_reads_one_row, setup, teardown),
	        cmocka_unit_test_setup_teardown(delete_with_its_audit_row, setup, teardown),
	        cmocka_unit_test_setup_teardown(delete_refuses_while_in_use, setup, teardown),
	        cmocka_unit_test_setup_teardown(delete_of_a_stale_or_gone_record, setup, teardown),
	        cmocka_unit_test_setup_teardown(delete_without_versions, setup, teardown),
	        cmocka_unit_test_setup_teardown(before_and_versioned_write, setup, teardown),
	        cmocka_unit_test_setup_teardown(province_over_a_span, setup_loaded, teardown),
	        cmocka_unit_test_setup_teardown(
	                province_keys_for_one_parameter, setup_loaded, teardown),
	};
	return cmocka_run_group_tests_name("store/store", tests, NULL, NULL);
}
