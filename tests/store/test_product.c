/* test_product.c — products, typical-product certificates and OCOP ratings
 * on a real SQLite file: read-back, validation (the district → commune
 * change of TT 38/2025 included), uniqueness, versions, deletes refused
 * while in use, audit rows, the Sóc Trăng 2012–2022 counts by level
 * (DOMAIN §7.5 004-21..23), lists and atomicity. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_establishment.h"
#include "store/store_product.h"

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

static int64_t add_establishment(Db *db, const char *name, const char *list, const char *code)
{
	Establishment x = store_establishment_blank();
	x.name = name;
	x.province_list = list;
	x.province_code = code;
	int64_t id = -1;
	Err e;
	if (store_establishment_create(db, &officer, &x, &id, &e))
		fail_msg("%s: %s", name, e.msg);
	return id;
}

static int64_t add_product(Db *db, int64_t est, const char *name, const char *group)
{
	Product p = store_product_blank();
	p.establishment_id = est;
	p.name = name;
	p.product_group = group;
	int64_t id = -1;
	Err e;
	if (store_product_create(db, &officer, &p, &id, &e))
		fail_msg("%s: %s", name, e.msg);
	return id;
}

static Certification cert(int64_t product, const char *level, int year)
{
	Certification c = store_product_cert_blank();
	c.product_id = product;
	c.level = level;
	c.year = year;
	return c;
}

static int64_t add_cert(Db *db, Certification c)
{
	int64_t id = -1;
	Err e;
	if (store_product_cert_create(db, &officer, &c, &id, &e))
		fail_msg("%s %d: %s (%s)", c.level, c.year, e.msg, e.field);
	return id;
}

/* A bánh pía maker of Sóc Trăng (legacy list) and its product (seed000). */
static int64_t banh_pia(Db *db)
{
	int64_t est = add_establishment(db, "Cơ sở bánh pía Tân Huê Viên", "legacy", "94");
	return add_product(db, est, "Bánh pía sầu riêng trứng muối", "food");
}

/* ---- Products ------------------------------------------------------------------------ */

static void product_create_and_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = banh_pia(db);
	Arena arena = {0};
	Product out;
	Err e;
	assert_int_equal(store_product_get(db, id, &arena, &out, &e), 0);
	assert_string_equal(out.name, "Bánh pía sầu riêng trứng muối");
	assert_string_equal(out.product_group, "food");
	assert_int_equal(out.establishment_id, 1);
	assert_int_equal(out.version, 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'product' AND before_json IS NULL"
	                               " AND after_json LIKE '%\"product_group\":\"food\"%'"),
	        1);
	assert_int_equal(store_product_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

typedef struct BadProduct {
	const char *why;
	Product p;
	const char *field;
	const char *says;
} BadProduct;

static const BadProduct bad_products[] = {
        {"empty name", {.establishment_id = 1, .name = "", .product_group = "food"}, "name",
                "Chưa nhập tên sản phẩm"},
        {"unknown group", {.establishment_id = 1, .name = "Lạp xưởng", .product_group = "toys"},
                "product_group", "'toys' không có"},
        {"no group", {.establishment_id = 1, .name = "Lạp xưởng"}, "product_group",
                "Nhóm sản phẩm '' không có"},
        {"unknown establishment",
                {.establishment_id = 42, .name = "Lạp xưởng", .product_group = "food"},
                "establishment_id", "số 42"},
        {"name not UTF-8", {.establishment_id = 1, .name = "L\xe1p", .product_group = "food"},
                "name", "UTF-8"},
};

static void invalid_product_changes_nothing(void **state)
{
	const BadProduct *b = *state;
	TmpDb t;
	Err e;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	add_establishment(t.db, "Cơ sở lạp xưởng", "legacy", "94");
	int64_t id = -1;
	err_clear(&e);
	assert_int_equal(store_product_create(t.db, &officer, &b->p, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM product"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"
	                                 " WHERE table_name = 'product'"),
	        0);
	tmpdb_close(&t);
}

static void product_update_checks_the_version(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = banh_pia(db);
	Product p = store_product_blank();
	p.id = id;
	p.version = 1;
	p.establishment_id = 1;
	p.name = "Bánh pía kim sa";
	p.product_group = "food";
	Err e;
	assert_int_equal(store_product_update(db, &officer, &p, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT version FROM product"), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND before_json LIKE '%sầu riêng%'"
	                               " AND after_json LIKE '%kim sa%'"),
	        1);
	p.name = "Bánh pía khác";
	assert_int_equal(store_product_update(db, &officer, &p, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "người khác sửa"));
	p.version = 2;
	p.establishment_id = 99;
	assert_int_equal(store_product_update(db, &officer, &p, &e), KC_EINVAL);
	assert_string_equal(e.field, "establishment_id");
	p.id = id + 1;
	assert_int_equal(store_product_update(db, &officer, &p, &e), KC_ENOTFOUND);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM product WHERE name = 'Bánh pía kim sa'"), 1);
	assert_int_equal(db_depth(db), 0);
}

static void product_delete_refused_while_recognised(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = banh_pia(db);
	int64_t c = add_cert(db, cert(id, "provincial", 2019));
	OcopRating r = store_product_ocop_blank();
	r.product_id = id;
	r.stars = 4;
	r.year = 2021;
	int64_t rid;
	Err e;
	assert_int_equal(store_product_ocop_create(db, &officer, &r, &rid, &e), 0);
	assert_int_equal(store_product_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "còn chứng nhận sản phẩm tiêu biểu"));
	assert_int_equal(store_product_cert_delete(db, &officer, c, 1, &e), 0);
	assert_int_equal(store_product_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "còn xếp hạng OCOP"));
	assert_int_equal(store_product_ocop_delete(db, &officer, rid, 1, &e), 0);
	/* The establishment still has its product. */
	assert_int_equal(store_establishment_delete(db, &officer, 1, 1, &e), KC_ECONFLICT);
	assert_int_equal(store_product_delete(db, &officer, id, 2, &e), KC_ECONFLICT);
	assert_int_equal(store_product_delete(db, &officer, id, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM product"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND after_json IS NULL AND before_json IS NOT NULL"),
	        3);
	assert_int_equal(store_product_delete(db, &officer, id, 1, &e), KC_ENOTFOUND);
}

/* ---- Certificates ---------------------------------------------------------------------- */

static void cert_create_and_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t product = banh_pia(db);
	Certification in = cert(product, "regional", 2018);
	in.certificate_no = "45/KV-PN";
	in.decision_no = "QĐ 123/QĐ-CCT";
	in.decision_date = "15/10/2018";
	in.valid_until = "15/10/2021";
	in.score = 82;
	int64_t id = add_cert(db, in);
	Arena arena = {0};
	Certification out;
	Err e;
	assert_int_equal(store_product_cert_get(db, id, &arena, &out, &e), 0);
	assert_int_equal(out.product_id, product);
	assert_string_equal(out.level, "regional");
	assert_int_equal(out.year, 2018);
	assert_string_equal(out.certificate_no, "45/KV-PN");
	assert_string_equal(out.decision_no, "QĐ 123/QĐ-CCT");
	assert_string_equal(out.decision_date, "2018-10-15");
	assert_string_equal(out.valid_until, "2021-10-15");
	assert_int_equal(out.score, 82);
	assert_int_equal(out.version, 1);
	assert_string_equal(out.product_name, "Bánh pía sầu riêng trứng muối");
	assert_string_equal(out.product_group, "food");
	assert_string_equal(out.establishment_name, "Cơ sở bánh pía Tân Huê Viên");
	assert_string_equal(out.province_list, "legacy");
	assert_string_equal(out.province_code, "94");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'certification'"
	                               " AND after_json LIKE '%\"valid_until\":\"2021-10-15\"%'"),
	        1);
	/* Unknown parts stay unknown. */
	id = add_cert(db, cert(product, "provincial", 2017));
	assert_int_equal(store_product_cert_get(db, id, &arena, &out, &e), 0);
	assert_null(out.certificate_no);
	assert_null(out.decision_date);
	assert_int_equal(out.score, -1);
	assert_int_equal(store_product_cert_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

typedef struct BadCert {
	const char *why;
	void (*spoil)(Certification *);
	const char *field;
	const char *says;
} BadCert;

static void c_bad_level(Certification *c)
{
	c->level = "world";
}
static void c_year_1800(Certification *c)
{
	c->year = 1800;
}
static void c_unknown_product(Certification *c)
{
	c->product_id = 404;
}
static void c_district_2026(Certification *c)
{
	c->level = "district";
	c->year = 2026;
}
static void c_commune_2024(Certification *c)
{
	c->level = "commune";
	c->year = 2024;
}
static void c_district_decided_after(Certification *c)
{
	c->level = "district";
	c->year = 2025;
	c->decision_date = "15/07/2025";
}
static void c_commune_decided_before(Certification *c)
{
	c->level = "commune";
	c->year = 2025;
	c->decision_date = "01/03/2025";
}
static void c_expires_before_decision(Certification *c)
{
	c->decision_date = "2019-10-01";
	c->valid_until = "2019-09-30";
}
static void c_bad_valid_until(Certification *c)
{
	c->valid_until = "30/02/2022";
}
static void c_negative_score(Certification *c)
{
	c->score = -10;
}
static void c_number_not_utf8(Certification *c)
{
	c->certificate_no = "s\xc3";
}

static const BadCert bad_certs[] = {
        {"unknown level", c_bad_level, "level", "'world' không có"},
        {"year 1800", c_year_1800, "year", "1800"},
        {"unknown product", c_unknown_product, "product_id", "số 404"},
        {"district level in 2026", c_district_2026, "level", "không còn bình chọn cấp huyện"},
        {"commune level in 2024", c_commune_2024, "level", "cấp xã chỉ có từ 01/07/2025"},
        {"district decision after 01/7/2025", c_district_decided_after, "decision_date",
                "trước ngày 01/07/2025"},
        {"commune decision before 01/7/2025", c_commune_decided_before, "decision_date",
                "từ ngày 01/07/2025"},
        {"valid_until before the decision", c_expires_before_decision, "valid_until",
                "30/09/2019 trước ngày quyết định công nhận 01/10/2019"},
        {"30 February", c_bad_valid_until, "valid_until", "'30/02/2022'"},
        {"negative score", c_negative_score, "score", "không được âm"},
        {"certificate number not UTF-8", c_number_not_utf8, "certificate_no", "UTF-8"},
};

static void invalid_cert_changes_nothing(void **state)
{
	const BadCert *b = *state;
	TmpDb t;
	Err e;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	Certification c = cert(banh_pia(t.db), "provincial", 2019);
	b->spoil(&c);
	int64_t id = -1;
	err_clear(&e);
	assert_int_equal(store_product_cert_create(t.db, &officer, &c, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM certification"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"
	                                 " WHERE table_name = 'certification'"),
	        0);
	tmpdb_close(&t);
}

static void lowest_level_changes_in_2025(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t p = banh_pia(db);
	/* 2025 had both: districts until 30/6, communes from 1/7. */
	Certification c = cert(p, "district", 2025);
	c.decision_date = "30/06/2025";
	add_cert(db, c);
	c = cert(p, "commune", 2025);
	c.decision_date = "01/07/2025";
	add_cert(db, c);
	add_cert(db, cert(p, "district", 2014));
	add_cert(db, cert(p, "commune", 2027));
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM certification"), 4);
}

static void lowest_level_follows_the_instrument(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t p = banh_pia(db);
	Err e;
	/* An officer corrects the instrument's effective date: the boundary moves. */
	assert_int_equal(
	        db_exec(db,
	                "INSERT INTO legal_instrument (code, kind, number, title,"
	                " effective_from) VALUES ('TT38_2025', 'Thông tư', '38/2025/TT-BCT',"
	                " 'Phân cấp bình chọn (thử)', '2024-07-01') ON CONFLICT (code)"
	                " DO UPDATE SET effective_from = excluded.effective_from",
	                &e),
	        0);
	Certification c = cert(p, "district", 2025);
	int64_t id;
	assert_int_equal(store_product_cert_create(db, &officer, &c, &id, &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "01/07/2024"));
	add_cert(db, cert(p, "commune", 2024));
	c = cert(p, "district", 2024);
	c.decision_date = "2024-06-30";
	add_cert(db, c);
}

static void cert_numbers_are_unique_per_level(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t pia = banh_pia(db);
	int64_t lap = add_product(db, 1, "Lạp xưởng tươi", "food");
	Certification c = cert(pia, "provincial", 2019);
	c.certificate_no = "19/ST";
	add_cert(db, c);
	c.product_id = lap;
	int64_t id;
	Err e;
	assert_int_equal(store_product_cert_create(db, &officer, &c, &id, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "certificate_no");
	assert_non_null(strstr(e.msg, "'19/ST' cấp tỉnh"));
	/* The same number at another level is another certificate. */
	c.level = "regional";
	add_cert(db, c);
	/* A product is certified once per level and round. */
	c = cert(pia, "provincial", 2019);
	assert_int_equal(store_product_cert_create(db, &officer, &c, &id, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "level");
	assert_non_null(strstr(e.msg, "cấp tỉnh năm 2019"));
	c.year = 2021;
	add_cert(db, c);
	c.year = 2023;
	c.certificate_no = "";
	add_cert(db, c); /* no number: nothing to collide */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM certification"), 4);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM certification"
	                               " WHERE certificate_no IS NULL"),
	        2);
}

static void cert_update_and_delete_check_the_version(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t p = banh_pia(db);
	int64_t id = add_cert(db, cert(p, "provincial", 2019));
	Arena arena = {0};
	Certification c;
	Err e;
	assert_int_equal(store_product_cert_get(db, id, &arena, &c, &e), 0);
	c.certificate_no = "7/2019";
	assert_int_equal(store_product_cert_update(db, &officer, &c, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'certification'"
	                               " AND before_json LIKE '%\"certificate_no\":null%'"
	                               " AND after_json LIKE '%\"certificate_no\":\"7/2019\"%'"),
	        1);
	/* Its own number and round do not collide with itself; a stale edit is refused. */
	assert_int_equal(store_product_cert_update(db, &officer, &c, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "người khác sửa"));
	c.version = 2;
	c.level = "commune";
	assert_int_equal(store_product_cert_update(db, &officer, &c, &e), KC_EINVAL);
	assert_string_equal(e.field, "level");
	assert_int_equal(db_scalar(db, "SELECT version FROM certification"), 2);
	assert_int_equal(store_product_cert_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_int_equal(store_product_cert_delete(db, &officer, id, 2, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'certification'"
	                               " AND before_json LIKE '%7/2019%'"),
	        1);
	assert_int_equal(store_product_cert_delete(db, &officer, id, 2, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

/* DOMAIN §7.5 004-21..23: in Sóc Trăng, 2012–2022, 63 products certified at
 * provincial level, 13 at regional, 5 at national. How they spread over the
 * years and products is the fixture's: each regional product is one of the
 * provincial ones a year later, each national one a regional one. */
static void soc_trang_2012_2022(Db *db)
{
	int64_t est[3] = {add_establishment(db, "Cơ sở bánh pía Tân Huê Viên", "legacy", "94"),
	        add_establishment(db, "HTX dệt chiếu Định Hòa", "legacy", "94"),
	        add_establishment(db, "Cơ sở cơ khí Tấn Phát", "legacy", "94")};
	static const char *const group[3] = {"food", "handicraft", "machinery"};
	for (int i = 0; i < 63; i++) {
		char name[64];
		snprintf(name, sizeof name, "Sản phẩm tiêu biểu số %02d", i + 1);
		int64_t p = add_product(db, est[i % 3], name, i < 5 ? "food" : group[i % 3]);
		int year = 2012 + i % 9; /* 2012..2020: room for the next rounds */
		add_cert(db, cert(p, "provincial", year));
		if (i < 13)
			add_cert(db, cert(p, "regional", year + 1));
		if (i < 5)
			add_cert(db, cert(p, "national", year + 2));
	}
}

static void soc_trang_counts_by_level(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2012_2022(db);
	/* What must not be counted: another province, another period. */
	int64_t hg = add_establishment(db, "Cơ sở khóm Cầu Đúc", "legacy", "93");
	add_cert(db, cert(add_product(db, hg, "Khóm sấy dẻo", "food"), "provincial", 2019));
	int64_t hn = add_establishment(db, "Làng gốm Bát Tràng", "legacy", "01");
	add_cert(db, cert(add_product(db, hn, "Gốm men lam", "handicraft"), "national", 2019));
	add_cert(db, cert(add_product(db, 1, "Bánh phồng tôm", "food"), "provincial", 2023));
	CertFilter f = store_product_cert_filter();
	f.province_list = "legacy";
	f.province_code = "94";
	f.year_from = 2012;
	f.year_to = 2022;
	CertCounts n;
	Err e;
	assert_int_equal(store_product_cert_count(db, &f, &n, &e), 0);
	assert_int_equal(n.provincial, 63);
	assert_int_equal(n.regional, 13);
	assert_int_equal(n.national, 5);
	assert_int_equal(n.district, 0);
	assert_int_equal(n.commune, 0);
	assert_int_equal(n.total, 81);
	/* Today's Cần Thơ (92) takes in Sóc Trăng and Hậu Giang. */
	f.province_list = f.province_code = NULL;
	f.current_province = "92";
	assert_int_equal(store_product_cert_count(db, &f, &n, &e), 0);
	assert_int_equal(n.provincial, 64);
	assert_int_equal(n.total, 82);
	/* All of them, and by product group. */
	f = store_product_cert_filter();
	assert_int_equal(store_product_cert_count(db, &f, &n, &e), 0);
	assert_int_equal(n.total, 84);
	assert_int_equal(n.national, 6);
	f.product_group = "food";
	f.province_list = "legacy";
	f.province_code = "94";
	f.year_to = 2022;
	assert_int_equal(store_product_cert_count(db, &f, &n, &e), 0);
	assert_int_equal(n.national, 5);
	assert_int_equal(n.provincial, 24); /* the first 5 products + 19 of the food third */
}

static void cert_list_filters_and_order(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2012_2022(db);
	Arena arena = {0};
	CertList l;
	Err e;
	CertFilter f = store_product_cert_filter();
	f.level = "national";
	assert_int_equal(store_product_cert_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 5);
	assert_int_equal(l.v[0].year, 2014);
	assert_string_equal(l.v[0].product_name, "Sản phẩm tiêu biểu số 01");
	assert_string_equal(l.v[4].product_name, "Sản phẩm tiêu biểu số 05");
	assert_string_equal(l.v[4].establishment_name, "HTX dệt chiếu Định Hòa");
	/* One year: levels from the lowest, then products in Vietnamese order. */
	f = store_product_cert_filter();
	f.year_from = f.year_to = 2013;
	assert_int_equal(store_product_cert_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 9); /* provincial: 01.. of 2013 = 7; regional 2013: 2 */
	assert_string_equal(l.v[0].level, "provincial");
	assert_string_equal(l.v[l.n - 1].level, "regional");
	for (int i = 1; i < l.n; i++)
		if (!strcmp(l.v[i].level, l.v[i - 1].level) &&
		        strcmp(l.v[i].product_name, l.v[i - 1].product_name) < 0)
			fail_msg("%s before %s", l.v[i - 1].product_name, l.v[i].product_name);
	f = store_product_cert_filter();
	f.establishment_id = 3;
	f.product_group = "machinery";
	f.limit = 5;
	f.offset = 15;
	assert_int_equal(store_product_cert_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 23); /* 20 provincial, 3 regional */
	assert_int_equal(l.n, 5);
	f.limit = 600;
	assert_int_equal(store_product_cert_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	arena_free(&arena);
}

/* ---- Products list and OCOP ratings ---------------------------------------------------- */

static void product_list_filters_and_order(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t a = add_establishment(db, "Cơ sở A", "legacy", "94");
	int64_t b = add_establishment(db, "Cơ sở B", "legacy", "94");
	add_product(db, a, "Đèn lồng", "handicraft");
	add_product(db, a, "Bánh pía", "food");
	add_product(db, b, "Ấm đất", "handicraft");
	add_product(db, b, "Dao rựa 100% thép", "machinery");
	Arena arena = {0};
	ProductList l;
	Err e;
	ProductFilter f = store_product_filter();
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 4);
	assert_string_equal(l.v[0].name, "Ấm đất");
	assert_string_equal(l.v[1].name, "Bánh pía");
	assert_string_equal(l.v[2].name, "Dao rựa 100% thép");
	assert_string_equal(l.v[3].name, "Đèn lồng");
	f.q = "den long";
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f.q = "100%";
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f = store_product_filter();
	f.establishment_id = a;
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f.product_group = "handicraft";
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f.offset = -1;
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), KC_EINVAL);
	arena_free(&arena);
}

/* A Sóc Trăng product (legacy 94) is Cần Thơ's (current 92) today, through
 * its establishment, and not Hà Nội's. */
static void product_list_by_current_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_product(db, add_establishment(db, "Cơ sở A", "legacy", "94"), "Bánh pía", "food");
	add_product(db, add_establishment(db, "Cơ sở B", "current", "01"), "Gốm", "handicraft");
	Arena arena = {0};
	ProductList l;
	Err e;
	ProductFilter f = store_product_filter();
	f.current_province = "92";
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].name, "Bánh pía");
	f.current_province = "01";
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].name, "Gốm");
	f.current_province = NULL;
	assert_int_equal(store_product_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	arena_free(&arena);
}

static void ocop_ratings(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t p = banh_pia(db);
	add_cert(db, cert(p, "national", 2021)); /* independent of the rating */
	OcopRating r = store_product_ocop_blank();
	r.product_id = p;
	r.stars = 3;
	r.year = 2020;
	r.decision_no = "QĐ 10/QĐ-UBND";
	r.valid_until = "31/12/2023";
	int64_t first, second;
	Err e;
	assert_int_equal(store_product_ocop_create(db, &officer, &r, &first, &e), 0);
	r.stars = 4;
	r.year = 2023;
	r.valid_until = NULL;
	assert_int_equal(store_product_ocop_create(db, &officer, &r, &second, &e), 0);
	Arena arena = {0};
	OcopRating *v;
	int n;
	assert_int_equal(store_product_ocop_list(db, p, &arena, &v, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].stars, 4); /* latest first */
	assert_int_equal(v[1].stars, 3);
	assert_string_equal(v[1].valid_until, "2023-12-31");
	assert_null(v[0].valid_until);
	/* Invalid ratings write nothing. */
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	int64_t id;
	r.stars = 0;
	assert_int_equal(store_product_ocop_create(db, &officer, &r, &id, &e), KC_EINVAL);
	assert_string_equal(e.field, "stars");
	r.stars = 6;
	assert_int_equal(store_product_ocop_create(db, &officer, &r, &id, &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "6 sao"));
	r.stars = 5;
	r.product_id = 77;
	assert_int_equal(store_product_ocop_create(db, &officer, &r, &id, &e), KC_EINVAL);
	assert_string_equal(e.field, "product_id");
	r.product_id = p;
	r.year = 1899;
	assert_int_equal(store_product_ocop_create(db, &officer, &r, &id, &e), KC_EINVAL);
	assert_string_equal(e.field, "year");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	/* Versions. */
	v[1].stars = 4;
	assert_int_equal(store_product_ocop_update(db, &officer, &v[1], &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'ocop_rating'"
	                               " AND before_json LIKE '%\"stars\":3%'"
	                               " AND after_json LIKE '%\"stars\":4%'"),
	        1);
	assert_int_equal(store_product_ocop_update(db, &officer, &v[1], &e), KC_ECONFLICT);
	/* One rating read by its id, as the list gives it. */
	OcopRating one;
	assert_int_equal(store_product_ocop_get(db, first, &arena, &one, &e), 0);
	assert_int_equal(one.product_id, p);
	assert_int_equal(one.stars, 4);
	assert_int_equal(one.year, 2020);
	assert_string_equal(one.decision_no, "QĐ 10/QĐ-UBND");
	assert_string_equal(one.valid_until, "2023-12-31");
	assert_int_equal(one.version, 2);
	assert_int_equal(store_product_ocop_get(db, 999, &arena, &one, &e), KC_ENOTFOUND);
	assert_int_equal(store_product_ocop_delete(db, &officer, first, 1, &e), KC_ECONFLICT);
	assert_int_equal(store_product_ocop_delete(db, &officer, first, 2, &e), 0);
	assert_int_equal(store_product_ocop_list(db, p, &arena, &v, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM certification"), 1);
	arena_free(&arena);
}

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t p = banh_pia(db);
	int64_t c = add_cert(db, cert(p, "provincial", 2019));
	Err e;
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	Product x = store_product_blank();
	x.establishment_id = 1;
	x.name = "Lạp xưởng";
	x.product_group = "food";
	int64_t id;
	assert_int_not_equal(store_product_create(db, &officer, &x, &id, &e), 0);
	Certification y = cert(p, "regional", 2020);
	assert_int_not_equal(store_product_cert_create(db, &officer, &y, &id, &e), 0);
	OcopRating r = store_product_ocop_blank();
	r.product_id = p;
	r.stars = 3;
	r.year = 2020;
	assert_int_not_equal(store_product_ocop_create(db, &officer, &r, &id, &e), 0);
	assert_int_not_equal(store_product_cert_delete(db, &officer, c, 1, &e), 0);
	x.id = p;
	x.version = 1;
	assert_int_not_equal(store_product_update(db, &officer, &x, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM product"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM product WHERE version = 1"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM certification"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM ocop_rating"), 0);
	assert_int_equal(db_depth(db), 0);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, product_create_and_read_back);
	for (size_t i = 0; i < COUNT_OF(bad_products); i++)
		tl_addf(&tl, invalid_product_changes_nothing, (void *)&bad_products[i],
		        "invalid product: %s", bad_products[i].why);
	TL_ADD(&tl, product_update_checks_the_version);
	TL_ADD(&tl, product_delete_refused_while_recognised);
	TL_ADD(&tl, cert_create_and_read_back);
	for (size_t i = 0; i < COUNT_OF(bad_certs); i++)
		tl_addf(&tl, invalid_cert_changes_nothing, (void *)&bad_certs[i],
		        "invalid certificate: %s", bad_certs[i].why);
	TL_ADD(&tl, lowest_level_changes_in_2025);
	TL_ADD(&tl, lowest_level_follows_the_instrument);
	TL_ADD(&tl, cert_numbers_are_unique_per_level);
	TL_ADD(&tl, cert_update_and_delete_check_the_version);
	TL_ADD(&tl, soc_trang_counts_by_level);
	TL_ADD(&tl, cert_list_filters_and_order);
	TL_ADD(&tl, product_list_filters_and_order);
	TL_ADD(&tl, product_list_by_current_province);
	TL_ADD(&tl, ocop_ratings);
	TL_ADD(&tl, failed_audit_leaves_nothing);
	/* Tests that need a fresh database get one each. */
	for (size_t i = 0; i < tl.n; i++)
		if (tl.v[i].test_func != invalid_product_changes_nothing &&
		        tl.v[i].test_func != invalid_cert_changes_nothing) {
			tl.v[i].setup_func = setup;
			tl.v[i].teardown_func = teardown;
		}
	return tl_run(&tl, "store/product");
}
