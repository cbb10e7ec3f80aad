/* test_admin.c — administrative units, succession and dated validity, on a
 * real SQLite file loaded with the shipped reference data. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/db.h"
#include "store/store_admin.h"
#include "store/store_migrate.h"

static TmpDb t;
static Db *db;
static int first_load;

/* One database for the suite: loading 14 000 units per test would only test
 * the loader again. The tests below read it; idempotence reloads it. */
static int setup(void **state)
{
	(void)state;
	Err e;
	if (tmpdb_open(&t, 1))
		return -1;
	db = t.db;
	if (store_admin_load(db, &first_load, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tmpdb_close(&t);
	return 0;
}

static int64_t scalar(const char *sql)
{
	return db_scalar(db, sql);
}

static void counts_match_the_data_readme(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE list = 'legacy'"
	                        " AND level = 'province'"),
	        63);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE level = 'district'"), 696);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE list = 'legacy'"
	                        " AND level = 'commune'"),
	        10035);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE list = 'current'"
	                        " AND level = 'province'"),
	        34);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE list = 'current'"
	                        " AND level = 'commune'"),
	        3321);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_succession WHERE old_level"
	                        " = 'province'"),
	        63);
	/* NQ 202/2025/QH15: 11 provinces unchanged, 52 merged into 23. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_succession WHERE merge_type"
	                        " = 'unchanged' AND old_level = 'province'"),
	        11);
	assert_int_equal(scalar("SELECT COUNT(DISTINCT new_code) FROM admin_succession"
	                        " WHERE merge_type = 'merged' AND old_level = 'province'"),
	        23);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_succession WHERE new_level"
	                        " = 'commune'"),
	        10572);
	int64_t rows = scalar("SELECT COUNT(*) FROM admin_unit") +
	               scalar("SELECT COUNT(*) FROM admin_succession") +
	               scalar("SELECT COUNT(*) FROM region") +
	               scalar("SELECT COUNT(*) FROM region_member");
	assert_int_equal(first_load, rows);
}

static void loading_twice_changes_nothing(void **state)
{
	(void)state;
	int64_t before = scalar("SELECT COUNT(*) FROM admin_unit");
	/* An officer's correction survives a reload of the shipped data. */
	Err e;
	assert_int_equal(db_exec(db,
	                         "UPDATE admin_unit SET full_name = 'Tỉnh Sóc Trăng (cũ)'"
	                         " WHERE list = 'legacy' AND level = 'province' AND code = '94'",
	                         &e),
	        0);
	int n = -1;
	assert_int_equal(store_admin_load(db, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit"), before);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE full_name ="
	                        " 'Tỉnh Sóc Trăng (cũ)'"),
	        1);
}

typedef struct Case {
	UnitRef unit;
	const char *province; /* expected current province, or NULL: not found */
	const char *why;
} Case;

static const Case cases[] = {
        {{"legacy", "province", "94"}, "92", "Sóc Trăng merged into Cần Thơ"},
        {{"legacy", "province", "93"}, "92", "Hậu Giang merged into Cần Thơ"},
        {{"legacy", "district", "941"}, "92", "a Sóc Trăng district"},
        {{"legacy", "commune", "31498"}, "92", "a Sóc Trăng ward"},
        {{"legacy", "province", "10"}, "15", "Lào Cai (legacy 10) is Lào Cai (15)"},
        {{"legacy", "province", "15"}, "15", "Yên Bái (legacy 15) joined Lào Cai (15)"},
        {{"legacy", "province", "38"}, "38", "Thanh Hóa unchanged"},
        {{"current", "province", "92"}, "92", "a current province is its own"},
        {{"current", "commune", "00004"}, "01", "a current ward of Hà Nội"},
        {{"legacy", "province", "99"}, NULL, "no legacy province 99"},
        {{"current", "district", "941"}, NULL, "no districts in the current list"},
};

static void current_province_case(void **state)
{
	const Case *c = *state;
	char out[3] = "";
	Err e;
	int rc = store_admin_current_province(db, &c->unit, out, &e);
	if (c->province) {
		assert_int_equal(rc, 0);
		assert_string_equal(out, c->province);
	} else {
		assert_int_equal(rc, KC_ENOTFOUND);
		assert_non_null(strstr(e.msg, c->unit.code));
	}
}

typedef struct Collect {
	int n;
	char first[64], last[64], list[8];
	bool seen_can_tho, seen_soc_trang;
} Collect;

static int collect(void *ctx, const char *list, const char *code, const char *name)
{
	Collect *c = ctx;
	if (c->n++ == 0)
		snprintf(c->first, sizeof c->first, "%s", name);
	snprintf(c->last, sizeof c->last, "%s", name);
	snprintf(c->list, sizeof c->list, "%s", list);
	c->seen_can_tho |= !strcmp(code, "92");
	c->seen_soc_trang |= !strcmp(code, "94");
	return 0;
}

static void provinces_valid_on(Date d, Collect *c)
{
	Err e;
	*c = (Collect){0};
	assert_int_equal(store_admin_valid_on(db, d, "province", NULL, collect, c, &e), 0);
}

static Date ymd(int y, int m, int d)
{
	Date out;
	assert_int_equal(date_from_ymd(y, m, d, &out, NULL), 0);
	return out;
}

static void legacy_province_without_successor(void **state)
{
	(void)state;
	Err e;
	/* Yên Bái (legacy 15) loses its succession row: its code must not be
	 * taken for current 15 (Lào Cai). */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_exec(db,
	                         "DELETE FROM admin_succession WHERE old_code = '15'"
	                         " AND old_level = 'province'",
	                         &e),
	        0);
	char out[3] = "";
	UnitRef u = {"legacy", "province", "15"};
	assert_int_equal(store_admin_current_province(db, &u, out, &e), KC_ENOTFOUND);
	assert_non_null(strstr(e.msg, "'15'"));
	db_rollback(db);
	assert_int_equal(store_admin_current_province(db, &u, out, &e), 0);
	assert_string_equal(out, "15");
}

/* The name of a unit as its list writes it, for messages. */
static void names_of_units(void **state)
{
	(void)state;
	Arena a = {0};
	Err e = {0};
	const char *name = NULL;
	assert_int_equal(
	        store_admin_name(db, &(UnitRef){"legacy", "province", "94"}, &a, &name, &e), 0);
	assert_string_equal(name, "Sóc Trăng");
	assert_int_equal(
	        store_admin_name(db, &(UnitRef){"current", "province", "92"}, &a, &name, &e), 0);
	assert_string_equal(name, "Cần Thơ");
	assert_int_equal(
	        store_admin_name(db, &(UnitRef){"current", "province", "94"}, &a, &name, &e),
	        KC_ENOTFOUND);
	assert_non_null(strstr(e.msg, "'94'"));
	arena_free(&a);
}

static void units_valid_on_a_date(void **state)
{
	(void)state;
	Collect c;
	provinces_valid_on(ymd(2018, 6, 30), &c);
	assert_int_equal(c.n, 63);
	assert_string_equal(c.list, "legacy");
	assert_true(c.seen_soc_trang);
	/* Vietnamese order: An Giang first, Yên Bái last. */
	assert_string_equal(c.first, "An Giang");
	assert_string_equal(c.last, "Yên Bái");

	provinces_valid_on(ymd(2025, 6, 30), &c);
	assert_int_equal(c.n, 63);
	provinces_valid_on(ymd(2025, 7, 1), &c);
	assert_int_equal(c.n, 34);
	assert_string_equal(c.list, "current");
	assert_true(c.seen_can_tho);
	assert_false(c.seen_soc_trang);
	assert_string_equal(c.first, "An Giang");
	assert_string_equal(c.last, "Vĩnh Long");
}

static void communes_of_one_province(void **state)
{
	(void)state;
	Collect c = {0};
	Err e;
	assert_int_equal(
	        store_admin_valid_on(db, ymd(2026, 1, 1), "commune", "92", collect, &c, &e), 0);
	/* communes_2025.csv lists 103 communes of Cần Thơ (province 92). */
	assert_int_equal(c.n, 103);
	assert_string_equal(c.list, "current");
	c = (Collect){0};
	assert_int_equal(
	        store_admin_valid_on(db, ymd(2026, 1, 1), "commune", "94", collect, &c, &e), 0);
	assert_int_equal(c.n, 0); /* Sóc Trăng is no province today */
}

static void children_of_a_unit(void **state)
{
	(void)state;
	Collect c = {0};
	Err e;
	/* districts_legacy.csv: Sóc Trăng (legacy 94) had 11 district-level units. */
	assert_int_equal(store_admin_children(db, "legacy", "94", collect, &c, &e), 0);
	assert_int_equal(c.n, 11);
	assert_string_equal(c.list, "legacy");
	assert_string_equal(c.first, "Huyện Châu Thành"); /* full names, Vietnamese order */
	assert_string_equal(c.last, "Thị xã Vĩnh Châu");
	/* communes_legacy.csv: Thành phố Sóc Trăng (941) had 9 wards. */
	c = (Collect){0};
	assert_int_equal(store_admin_children(db, "legacy", "941", collect, &c, &e), 0);
	assert_int_equal(c.n, 9);
	assert_string_equal(c.first, "Phường 1");
	/* A current province's children are its communes; the lists never mix. */
	c = (Collect){0};
	assert_int_equal(store_admin_children(db, "current", "92", collect, &c, &e), 0);
	assert_int_equal(c.n, 103);
	assert_string_equal(c.list, "current");
	c = (Collect){0};
	assert_int_equal(store_admin_children(db, "current", "941", collect, &c, &e), 0);
	assert_int_equal(c.n, 0);
}

static void region_members(const char *region, Date d, Collect *c)
{
	Err e;
	*c = (Collect){0};
	assert_int_equal(store_admin_region_members(db, region, d, collect, c, &e), 0);
}

static void regions_are_dated_memberships(void **state)
{
	(void)state;
	/* 3 Ministry regions, 8 geographic and 6 socio-economic ones. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM region WHERE kind = 'moit'"), 3);
	assert_int_equal(scalar("SELECT COUNT(*) FROM region WHERE kind = 'geographic'"), 8);
	assert_int_equal(scalar("SELECT COUNT(*) FROM region WHERE kind = 'socioeconomic'"), 6);
	Collect c;
	/* 2016: the legacy south (Đông Nam Bộ 6 + Đồng bằng sông Cửu Long 13). */
	region_members("moit_south", ymd(2016, 6, 30), &c);
	assert_int_equal(c.n, 19);
	assert_string_equal(c.list, "legacy");
	assert_true(c.seen_soc_trang);
	assert_false(c.seen_can_tho && !c.seen_soc_trang);
	/* 2026: 15 northern provinces, as reported for the 2026 conference. */
	region_members("moit_north", ymd(2026, 1, 1), &c);
	assert_int_equal(c.n, 15);
	assert_string_equal(c.list, "current");
	region_members("moit_south", ymd(2026, 1, 1), &c);
	assert_true(c.seen_can_tho);
	assert_false(c.seen_soc_trang);
	/* Every province is in exactly one Ministry region on either side of the merger. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM region_member m JOIN region r ON r.code ="
	                        " m.region_code WHERE r.kind = 'moit' AND m.list = 'legacy'"),
	        63);
	assert_int_equal(scalar("SELECT COUNT(*) FROM region_member m JOIN region r ON r.code ="
	                        " m.region_code WHERE r.kind = 'moit' AND m.list = 'current'"),
	        34);
	region_members("geo_8", ymd(2019, 7, 2), &c);
	assert_int_equal(c.n, 13); /* Đồng bằng sông Cửu Long */
	assert_int_equal(scalar("SELECT COUNT(*) FROM region WHERE code ="
	                        " 'se_dong_bang_song_hong'"),
	        1);
}

typedef struct Regions {
	int n;
	char first[32], kinds[64];
} Regions;

static int collect_region(void *ctx, const char *code, const char *kind, const char *name)
{
	Regions *r = ctx;
	assert_true(*name);
	if (r->n++ == 0)
		snprintf(r->first, sizeof r->first, "%s", code);
	if (!strstr(r->kinds, kind))
		snprintf(r->kinds + strlen(r->kinds), sizeof r->kinds - strlen(r->kinds), "%s ",
		        kind);
	return r->n == 5; /* stop early after five */
}

static void regions_by_kind(void **state)
{
	(void)state;
	Err e;
	Regions r = {0};
	assert_int_equal(store_admin_regions(db, "moit", collect_region, &r, &e), 0);
	assert_int_equal(r.n, 3);
	assert_string_equal(r.first, "moit_central"); /* by code within a kind */
	assert_string_equal(r.kinds, "moit ");
	r = (Regions){0};
	assert_int_equal(store_admin_regions(db, NULL, collect_region, &r, &e), 0);
	assert_int_equal(r.n, 5); /* the callback stopped it */
	assert_string_equal(r.kinds, "geographic ");
	r = (Regions){0};
	assert_int_equal(store_admin_regions(db, "none", collect_region, &r, &e), 0);
	assert_int_equal(r.n, 0);
}

static void search_key_finds_without_diacritics(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE level = 'province'"
	                        " AND name_key = 'soc trang'"),
	        1);
	assert_int_equal(scalar("SELECT COUNT(*) FROM admin_unit WHERE level = 'province'"
	                        " AND name_key = 'dak lak'"),
	        2); /* legacy 66 and current 66 */
}

/* A unit checked in a transaction is remembered there (db_memo) and read
 * again in the next one: a change made between them is seen. */
static void checked_units_are_remembered_for_one_transaction(void **state)
{
	(void)state;
	Err e;
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(
	        store_admin_check(db, "legacy", "31498", "commune", "94", 2019, "c", &e), 0);
	assert_non_null(db_memo(db));
	/* Changed under the memo (no store function changes a unit): still as read. */
	assert_int_equal(
	        db_exec(db,
	                "UPDATE admin_unit SET valid_to = '2010-12-31' WHERE list = 'legacy'"
	                " AND level = 'commune' AND code = '31498'",
	                &e),
	        0);
	assert_int_equal(
	        store_admin_check(db, "legacy", "31498", "commune", "94", 2019, "c", &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	assert_null(db_memo(db));
	/* The next transaction reads the unit as it is now. */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(store_admin_check(db, "legacy", "31498", "commune", "94", 2019, "c", &e),
	        KC_EINVAL);
	assert_non_null(strstr(e.msg, "không còn hoặc chưa có hiệu lực trong năm 2019"));
	/* A wrong parent or year is refused from the memo as from the table. */
	assert_int_equal(store_admin_check(db, "legacy", "31498", "commune", "92", 2009, "c", &e),
	        KC_EINVAL);
	assert_non_null(strstr(e.msg, "không thuộc tỉnh mã '92'"));
	db_rollback(db);
	assert_null(db_memo(db));
	assert_int_equal(db_exec(db,
	                         "UPDATE admin_unit SET valid_to = NULL WHERE list = 'legacy'"
	                         " AND level = 'commune' AND code = '31498'",
	                         &e),
	        0);
	/* Outside a transaction nothing is remembered. */
	assert_int_equal(
	        store_admin_check(db, "legacy", "31498", "commune", "94", 2019, "c", &e), 0);
	assert_null(db_memo(db));
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, counts_match_the_data_readme);
	for (size_t i = 0; i < COUNT_OF(cases); i++)
		tl_addf(&tl, current_province_case, (void *)&cases[i], "current province: %s",
		        cases[i].why);
	TL_ADD(&tl, legacy_province_without_successor);
	TL_ADD(&tl, names_of_units);
	TL_ADD(&tl, units_valid_on_a_date);
	TL_ADD(&tl, communes_of_one_province);
	TL_ADD(&tl, children_of_a_unit);
	TL_ADD(&tl, regions_are_dated_memberships);
	TL_ADD(&tl, regions_by_kind);
	TL_ADD(&tl, search_key_finds_without_diacritics);
	TL_ADD(&tl, loading_twice_changes_nothing);
	TL_ADD(&tl, checked_units_are_remembered_for_one_transaction);
	return tl_run_setup(&tl, "store/admin", setup, teardown);
}
