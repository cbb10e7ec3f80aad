/* test_establishment.c — the establishment registry on a real SQLite file:
 * create, read, update, delete, list with filters, validation, versions,
 * audit rows and atomicity. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_establishment.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

static int setup(void **state)
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

/* A bánh pía maker in a ward of Sóc Trăng (legacy list), surveyed in 2019. */
static Establishment banh_pia(void)
{
	Establishment x = store_establishment_blank();
	x.name = "Cơ sở bánh pía Tân Huê Viên";
	x.legal_form = "household_business";
	x.tax_code = " 2200123456 ";
	x.address = "Phường 5, thành phố Sóc Trăng";
	x.province_list = "legacy";
	x.province_code = "94";
	x.commune_list = "legacy";
	x.commune_code = "31498";
	x.workers = 45;
	x.revenue = 12000000000;
	x.women_owned = true;
	x.survey_year = 2019;
	x.phone = "0866.59.4498";
	return x;
}

static void create_and_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Establishment in = banh_pia();
	int64_t id = 0;
	Err e;
	assert_int_equal(store_establishment_create(db, &officer, &in, &id, &e), 0);
	assert_true(id > 0);
	Arena arena = {0};
	Establishment out;
	assert_int_equal(store_establishment_get(db, id, &arena, &out, &e), 0);
	assert_string_equal(out.name, in.name);
	assert_string_equal(out.tax_code, "2200123456"); /* trimmed */
	assert_string_equal(out.phone, "0866594498");    /* normalised */
	assert_string_equal(out.commune_code, "31498");
	assert_int_equal(out.workers, 45);
	assert_int_equal(out.revenue, 12000000000);
	assert_true(out.women_owned);
	assert_false(out.ethnic_minority_labour);
	assert_null(out.sector_code);
	assert_int_equal(out.version, 1);
	arena_free(&arena);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                      " AND table_name = 'establishment' AND actor = 'can.bo'"
	                      " AND at = '2026-11-22T08:00:00Z' AND before_json IS NULL"
	                      " AND after_json LIKE '%\"name\":\"Cơ sở bánh pía Tân Huê Viên\"%'"),
	        1);
	assert_int_equal(store_establishment_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
}

typedef struct Bad {
	const char *why;
	void (*spoil)(Establishment *);
	const char *field;
	const char *says; /* part of the message */
} Bad;

static void no_name(Establishment *x)
{
	x->name = "";
}
static void bad_form(Establishment *x)
{
	x->legal_form = "ltd";
}
static void short_tax(Establishment *x)
{
	x->tax_code = "03012";
}
static void minus_workers(Establishment *x)
{
	x->workers = -5;
}
static void no_province(Establishment *x)
{
	x->province_code = NULL;
}
static void unknown_province(Establishment *x)
{
	x->province_code = "99";
}
static void foreign_commune(Establishment *x)
{
	x->commune_code = "00004";
} /* Hà Nội */
static void legacy_in_2026(Establishment *x)
{
	x->survey_year = 2026;
}
static void current_commune_of_legacy(Establishment *x)
{
	x->commune_list = "current";
}
static void bad_phone(Establishment *x)
{
	x->phone = "12345";
}
static void bad_utf8(Establishment *x)
{
	x->address = "Ph\xc6";
}
static void odd_year(Establishment *x)
{
	x->survey_year = 1800;
}
static void current_in_2019(Establishment *x)
{
	x->province_list = "current";
	x->province_code = "92";
	x->commune_code = NULL;
}

static const Bad bad[] = {
        {"empty name", no_name, "name", "Chưa nhập tên cơ sở"},
        {"unknown legal form", bad_form, "legal_form", "Loại hình 'ltd' không có"},
        {"tax code too short", short_tax, "tax_code", "'03012'"},
        {"negative workers", minus_workers, "workers", "không được âm"},
        {"no province", no_province, "province_code", "Chưa chọn tỉnh"},
        {"unknown province", unknown_province, "province_code", "Tỉnh mã '99' không có"},
        {"commune of another province", foreign_commune, "commune_code",
                "không thuộc tỉnh mã '94'"},
        {"legacy unit after 2025", legacy_in_2026, "province_code", "trong năm 2026"},
        {"lists mixed", current_commune_of_legacy, "commune_code", "cùng danh mục"},
        {"current unit in 2019", current_in_2019, "province_code", "trong năm 2019"},
        {"bad phone", bad_phone, "phone", "'12345'"},
        {"address not UTF-8", bad_utf8, "address", "UTF-8"},
        {"survey year 1800", odd_year, "survey_year", "1800"},
};

static void invalid_input_changes_nothing(void **state)
{
	const Bad *b = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	Err e;
	Establishment x = banh_pia();
	b->spoil(&x);
	int64_t id = -1;
	err_clear(&e);
	assert_int_equal(store_establishment_create(t.db, &officer, &x, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM establishment"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), 0);
	tmpdb_close(&t);
}

static void tax_code_is_unique(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Establishment x = banh_pia();
	int64_t a, b;
	Err e;
	assert_int_equal(store_establishment_create(db, &officer, &x, &a, &e), 0);
	x.name = "Cơ sở khác";
	x.tax_code = "2200123456";
	assert_int_equal(store_establishment_create(db, &officer, &x, &b, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "tax_code");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 1);
	/* Without a tax code, two establishments are fine. */
	x.tax_code = NULL;
	assert_int_equal(store_establishment_create(db, &officer, &x, &b, &e), 0);
	x.name = "Cơ sở thứ ba";
	assert_int_equal(store_establishment_create(db, &officer, &x, &b, &e), 0);
}

static void update_checks_the_version(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Establishment x = banh_pia();
	int64_t id;
	Err e;
	assert_int_equal(store_establishment_create(db, &officer, &x, &id, &e), 0);
	x.id = id;
	x.version = 1;
	x.workers = 60;
	assert_int_equal(store_establishment_update(db, &officer, &x, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT version FROM establishment"), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND before_json LIKE '%\"workers\":45%'"
	                               " AND after_json LIKE '%\"workers\":60%'"),
	        1);
	/* Someone else's edit was saved in between: this one is refused. */
	x.workers = 70;
	assert_int_equal(store_establishment_update(db, &officer, &x, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "người khác sửa"));
	assert_int_equal(db_scalar(db, "SELECT workers FROM establishment"), 60);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 2);
	x.id = id + 100;
	assert_int_equal(store_establishment_update(db, &officer, &x, &e), KC_ENOTFOUND);
}

static void delete_refuses_while_in_use(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Establishment x = banh_pia();
	int64_t id;
	Err e;
	assert_int_equal(store_establishment_create(db, &officer, &x, &id, &e), 0);
	char sql[256];
	snprintf(sql, sizeof sql,
	        "INSERT INTO product (establishment_id, name, product_group, name_key, sort_key)"
	        " VALUES (%lld, 'Bánh pía', 'food', 'banh pia', 'x')",
	        (long long)id);
	assert_int_equal(db_exec(db, sql, &e), 0);
	assert_int_equal(store_establishment_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "còn sản phẩm"));
	/* "co so banh pia tan hue vien": seven words, kept by a refused delete. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment_word"), 7);
	assert_int_equal(db_exec(db, "DELETE FROM product", &e), 0);
	assert_int_equal(store_establishment_delete(db, &officer, id, 7, &e), KC_ECONFLICT);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment_word"), 7);
	assert_int_equal(store_establishment_delete(db, &officer, id, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment_word"), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                      " AND after_json IS NULL AND before_json LIKE '%Tân Huê Viên%'"),
	        1);
	assert_int_equal(store_establishment_delete(db, &officer, id, 1, &e), KC_ENOTFOUND);
}

/* The audit's snapshot of a new record is the row the INSERT returned:
 * exactly what reading it back gives. */
static void audit_snapshot_is_the_stored_row(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Establishment in = banh_pia();
	int64_t id = 0;
	Err e;
	assert_int_equal(store_establishment_create(db, &officer, &in, &id, &e), 0);
	Buf stored;
	buf_init(&stored, 1 << 20);
	assert_int_equal(
	        store_row_json(db, "SELECT * FROM establishment WHERE id = ?", id, &stored, &e), 0);
	Stmt *st;
	assert_int_equal(
	        db_prepare(db,
	                "SELECT after_json FROM audit_log WHERE table_name = 'establishment'"
	                " AND record_id = ? AND action = 'insert'",
	                &st, &e),
	        0);
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	db_bind_str(st, 1, rid);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), buf_cstr(&stored));
	db_done(st);
	assert_non_null(strstr(buf_cstr(&stored), "\"version\":1"));
	buf_free(&stored);
}

/* The words are written after the record and its audit row: refused, they
 * take both with them. */
static void failed_words_leave_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	tmpdb_refuse_inserts(db, "no_words", "establishment_word", NULL);
	Establishment x = banh_pia();
	int64_t id;
	assert_int_not_equal(store_establishment_create(db, &officer, &x, &id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 0);
	assert_int_equal(db_depth(db), 0);
}

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	/* The audit row follows the record's INSERT: make it fail. */
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	Establishment x = banh_pia();
	int64_t id;
	assert_int_not_equal(store_establishment_create(db, &officer, &x, &id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment_word"), 0);
	assert_int_equal(db_depth(db), 0);
}

static void add_named(Db *db, const char *name, const char *commune, bool women, int64_t *id)
{
	Establishment x = banh_pia();
	x.name = name;
	x.tax_code = NULL;
	x.commune_code = commune;
	x.women_owned = women;
	Err e;
	if (store_establishment_create(db, &officer, &x, id, &e))
		fail_msg("%s: %s", name, e.msg);
}

static void list_filters_search_and_order(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id;
	add_named(db, "HTX Đồng Tâm", "31498", false, &id);
	add_named(db, "Cơ sở Đắk Lắk 50% sạch", "31501", true, &id);
	add_named(db, "Cơ sở bánh pía Tân Huê Viên", "31498", true, &id);
	add_named(db, "Ăn uống Ẩm thực", NULL, false, &id);
	add_named(db, "An Phú", NULL, false, &id);
	Arena arena = {0};
	EstablishmentList l;
	Err e;
	EstablishmentFilter f = store_establishment_filter();
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 5);
	assert_int_equal(l.n, 5);
	/* Vietnamese order: An < Ăn < Cơ sở b... < Cơ sở Đ... < HTX. */
	assert_string_equal(l.v[0].name, "An Phú");
	assert_string_equal(l.v[1].name, "Ăn uống Ẩm thực");
	assert_string_equal(l.v[2].name, "Cơ sở bánh pía Tân Huê Viên");
	assert_string_equal(l.v[3].name, "Cơ sở Đắk Lắk 50% sạch");
	assert_string_equal(l.v[4].name, "HTX Đồng Tâm");

	f.q = "dong tam"; /* no diacritics, đ as d */
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "HTX Đồng Tâm");
	f.q = "ĐẮK";
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f.q = "50%"; /* a LIKE wildcard in the query is a plain character */
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f.q = "0%s";
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 0);

	f = store_establishment_filter();
	f.women_owned = 1;
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_establishment_filter();
	f.commune_code = "31498";
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_establishment_filter();
	f.province_list = "legacy";
	f.province_code = "93";
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 0);

	f = store_establishment_filter();
	f.limit = 2;
	f.offset = 4;
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 5);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "HTX Đồng Tâm");
	f.limit = 501;
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	arena_free(&arena);
}

/* The number of establishments a search finds. */
static int64_t found(Db *db, const char *q)
{
	Arena arena = {0};
	EstablishmentList l;
	Err e;
	EstablishmentFilter f = store_establishment_filter();
	f.q = q;
	assert_int_equal(store_establishment_list(db, &f, &arena, &l, &e), 0);
	arena_free(&arena);
	return l.total;
}

static void search_by_the_start_of_words(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id;
	Err e;
	add_named(db, "HTX Đồng Tâm (Sóc Trăng)", "31498", false, &id);
	add_named(db, "Cơ sở Tâm Đồng", NULL, false, &id);
	assert_int_equal(found(db, "dong tam"), 1);
	assert_int_equal(found(db, "Đồng   TÂM"), 1);
	assert_int_equal(found(db, "tam"), 2);
	assert_int_equal(found(db, "soc trang"), 1);
	assert_int_equal(found(db, "(soc"), 1);
	assert_int_equal(found(db, "htx dong tam (soc trang)"), 1);
	/* The middle of a word is not the start of one. */
	assert_int_equal(found(db, "ong tam"), 0);
	assert_int_equal(found(db, "am"), 0);
	assert_int_equal(found(db, "   "), 2); /* folds to nothing: no filter */

	/* A new name is found by its words, the old one no longer. */
	Establishment x = banh_pia();
	x.commune_code = NULL;
	x.tax_code = NULL;
	x.id = id;
	x.version = 1;
	x.name = "Lò rèn Phúc Sen";
	assert_int_equal(store_establishment_update(db, &officer, &x, &e), 0);
	assert_int_equal(found(db, "tam"), 1);
	assert_int_equal(found(db, "phuc sen"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment_word"
	                               " WHERE establishment_id = 2"),
	        4);

	/* The migration's step writes the words of names already there. */
	int64_t words = db_scalar(db, "SELECT COUNT(*) FROM establishment_word");
	assert_int_equal(db_exec(db, "DELETE FROM establishment_word", &e), 0);
	assert_int_equal(found(db, "phuc sen"), 0);
	assert_int_equal(store_establishment_fill_words(db, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM establishment_word"), words);
	assert_int_equal(found(db, "phuc sen"), 1);
	assert_int_equal(found(db, "dong tam"), 1);
}

int main(void)
{
	TestList tl = {0};
	tl_add(&tl, "create_and_read_back", create_and_read_back, NULL);
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, invalid_input_changes_nothing, (void *)&bad[i], "invalid: %s",
		        bad[i].why);
	tl_add(&tl, "tax_code_is_unique", tax_code_is_unique, NULL);
	tl_add(&tl, "update_checks_the_version", update_checks_the_version, NULL);
	tl_add(&tl, "delete_refuses_while_in_use", delete_refuses_while_in_use, NULL);
	tl_add(&tl, "failed_audit_leaves_nothing", failed_audit_leaves_nothing, NULL);
	tl_add(&tl, "audit_snapshot_is_the_stored_row", audit_snapshot_is_the_stored_row, NULL);
	tl_add(&tl, "failed_words_leave_nothing", failed_words_leave_nothing, NULL);
	tl_add(&tl, "list_filters_search_and_order", list_filters_search_and_order, NULL);
	tl_add(&tl, "search_by_the_start_of_words", search_by_the_start_of_words, NULL);
	/* Tests that need a fresh database get one each. */
	for (size_t i = 0; i < tl.n; i++)
		if (tl.v[i].test_func != invalid_input_changes_nothing) {
			tl.v[i].setup_func = setup;
			tl.v[i].teardown_func = teardown;
		}
	return tl_run(&tl, "store/establishment");
}
