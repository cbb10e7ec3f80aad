/* test_reference.c — the reference tables through their one table-driven
 * implementation, on a real SQLite file with migration 0003's rules: reads of
 * every table, create/update/delete with versions and audit rows, the checks
 * of columns and of tables, refused deletes, the single default period rule,
 * lists with search and pages, and atomicity. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_reference.h"

static const Actor admin = {
        .user_id = 0, .name = "quan.tri", .via = "cli", .now = "2026-11-22T08:00:00Z"};

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

static Db *db_of(void **state)
{
	return ((TmpDb *)*state)->db;
}

/* Every table reads back what migration 0003 seeded, in its order. */
static void every_table_reads(void **state)
{
	Db *db = db_of(state);
	static const struct {
		const RefTable *t;
		const char *count_sql, *first_key;
	} tables[] = {
	        {&store_ref_instruments, "SELECT COUNT(*) FROM legal_instrument", "CT20_2025"},
	        {&store_ref_contents, "SELECT COUNT(*) FROM activity_content", "C01_TRAINING"},
	        {&store_ref_indicators, "SELECT COUNT(*) FROM indicator", "projects_count"},
	        {&store_ref_sectors, "SELECT COUNT(*) FROM sector", "S01_AGRO_FOOD"},
	        {&store_ref_funding_sources, "SELECT COUNT(*) FROM funding_source", "central"},
	        {&store_ref_support_rules, "SELECT COUNT(*) FROM support_rule", "1"},
	        {&store_ref_adjustment_rules, "SELECT COUNT(*) FROM adjustment_rule", "15"},
	        {&store_ref_period_rules, "SELECT COUNT(*) FROM period_rule", "1"},
	};
	for (size_t i = 0; i < COUNT_OF(tables); i++) {
		const RefTable *t = tables[i].t;
		assert_ptr_equal(store_ref_tables[i], t);
		Arena arena = {0};
		RefList l;
		Err e;
		RefFilter f = {.limit = 500};
		assert_int_equal(store_ref_list(db, t, &f, &arena, &l, &e), 0);
		assert_int_equal(l.total, db_scalar(db, tables[i].count_sql));
		assert_int_equal(l.n, l.total);
		char key[REF_KEY_LEN];
		store_ref_key(t, store_ref_at(t, &l, 0), key);
		assert_string_equal(key, tables[i].first_key);
		void *one = arena_alloc(&arena, t->size);
		assert_int_equal(store_ref_get(db, t, key, &arena, one, &e), 0);
		char again[REF_KEY_LEN];
		store_ref_key(t, one, again);
		assert_string_equal(again, key);
		arena_free(&arena);
	}
	assert_null(store_ref_tables[COUNT_OF(tables)]);
}

static void get_reads_every_type(void **state)
{
	Db *db = db_of(state);
	Arena arena = {0};
	Err e;
	SupportRule r;
	assert_int_equal(store_ref_get(db, &store_ref_support_rules, "3", &arena, &r, &e), 0);
	assert_int_equal(r.id, 3);
	assert_string_equal(r.instrument_code, "TT28_2018_BTC");
	assert_int_equal(r.rate_x100, -1); /* NULL in the table: no rate limit */
	assert_int_equal(r.cap_dong, -1);
	assert_int_equal(r.base_rule_id, 2);
	assert_int_equal(r.multiplier_x100, 150);
	assert_null(r.program_level);
	assert_int_equal(r.version, 1);
	LegalInstrument li;
	assert_int_equal(
	        store_ref_get(db, &store_ref_instruments, "TT66_2026", &arena, &li, &e), 0);
	assert_true(li.unsure);
	assert_string_equal(li.signed_on, "2026-10-06");
	assert_int_equal(store_ref_get(db, &store_ref_instruments, "NO_SUCH", &arena, &li, &e),
	        KC_ENOTFOUND);
	assert_contains(e.msg, "Không có văn bản pháp lý 'NO_SUCH'");
	assert_int_equal(
	        store_ref_get(db, &store_ref_support_rules, "abc", &arena, &r, &e), KC_ENOTFOUND);
	assert_int_equal(
	        store_ref_get(db, &store_ref_support_rules, "9999", &arena, &r, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

static Sector handicraft_2027(void)
{
	Sector s;
	store_ref_blank(&store_ref_sectors, &s);
	s.code = "S14_DIGITAL_CRAFT";
	s.label_vi = "Thủ công mỹ nghệ ứng dụng công nghệ số";
	s.instrument_code = "ND235_2025";
	s.valid_from = "01/01/2027"; /* any writing date_parse reads; stored ISO */
	return s;
}

static void create_update_delete_with_versions_and_audit(void **state)
{
	Db *db = db_of(state);
	Err e;
	Sector s = handicraft_2027();
	char key[REF_KEY_LEN];
	assert_int_equal(store_ref_create(db, &admin, &store_ref_sectors, &s, key, &e), 0);
	assert_string_equal(key, "S14_DIGITAL_CRAFT");
	Arena arena = {0};
	Sector out;
	assert_int_equal(store_ref_get(db, &store_ref_sectors, key, &arena, &out, &e), 0);
	assert_string_equal(out.label_vi, s.label_vi);
	assert_string_equal(out.valid_from, "2027-01-01");
	assert_null(out.valid_to);
	assert_int_equal(out.version, 1);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                      " AND table_name = 'sector' AND record_id = 'S14_DIGITAL_CRAFT'"
	                      " AND actor = 'quan.tri' AND before_json IS NULL"
	                      " AND after_json LIKE '%\"valid_from\":\"2027-01-01\"%'"),
	        1);

	/* An update at the version read; the next one at the old version is stale. */
	out.valid_to = "2030-12-31";
	assert_int_equal(store_ref_update(db, &admin, &store_ref_sectors, &out, &e), 0);
	assert_int_equal(store_ref_update(db, &admin, &store_ref_sectors, &out, &e), KC_ECONFLICT);
	assert_contains(e.msg, "đã được người khác sửa");
	assert_int_equal(db_depth(db), 0);
	assert_int_equal(store_ref_get(db, &store_ref_sectors, key, &arena, &out, &e), 0);
	assert_string_equal(out.valid_to, "2030-12-31");
	assert_int_equal(out.version, 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND record_id = 'S14_DIGITAL_CRAFT'"
	                               " AND before_json LIKE '%\"valid_to\":null%'"
	                               " AND after_json LIKE '%\"valid_to\":\"2030-12-31\"%'"),
	        1);

	/* A delete names the version too. */
	assert_int_equal(
	        store_ref_delete(db, &admin, &store_ref_sectors, key, 1, &e), KC_ECONFLICT);
	assert_int_equal(store_ref_delete(db, &admin, &store_ref_sectors, key, 2, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM sector WHERE code = 'S14_DIGITAL_CRAFT'"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND record_id = 'S14_DIGITAL_CRAFT' AND after_json IS NULL"
	                               " AND before_json LIKE '%\"version\":2%'"),
	        1);
	assert_int_equal(
	        store_ref_delete(db, &admin, &store_ref_sectors, key, 2, &e), KC_ENOTFOUND);
	assert_int_equal(store_ref_update(db, &admin, &store_ref_sectors, &out, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

/* A table whose ids the database assigns: the id comes back as the key. */
static void support_rule_gets_an_id(void **state)
{
	Db *db = db_of(state);
	Err e;
	SupportRule r;
	store_ref_blank(&store_ref_support_rules, &r);
	r.instrument_code = "NQ_DAKLAK_2025";
	r.program_level = "local";
	r.province_list = "current";
	r.province_code = "66";
	r.activity_code = "C03_DEMO_TECH";
	r.cost_item = "machinery";
	r.label_vi = "Ứng dụng máy móc thiết bị tiên tiến";
	r.rate_x100 = 5000;
	r.cap_dong = 300000000;
	r.cap_per = "establishment";
	char key[REF_KEY_LEN];
	assert_int_equal(store_ref_create(db, &admin, &store_ref_support_rules, &r, key, &e), 0);
	assert_string_equal(key, "10");
	Arena arena = {0};
	SupportRule out;
	assert_int_equal(store_ref_get(db, &store_ref_support_rules, key, &arena, &out, &e), 0);
	assert_int_equal(out.cap_dong, 300000000);
	assert_int_equal(out.base_rule_id, -1);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                      " 'support_rule' AND record_id = '10' AND action = 'insert'"),
	        1);
	/* The seeded technology line derives its cap from rule 2: rule 2 stays. */
	assert_int_equal(
	        store_ref_delete(db, &admin, &store_ref_support_rules, "2", 1, &e), KC_ECONFLICT);
	assert_contains(e.msg, "là quy định gốc của mức trần quy định khác");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM support_rule WHERE id = 2"), 1);
	arena_free(&arena);
}

/* Writes refused by the checks; each names its field and writes nothing. */
typedef struct Bad {
	const char *why, *field, *says;
	void (*spoil)(void *rec);
	const RefTable *t;
	bool update; /* spoil a seeded row (key below) instead of a new one */
	const char *key;
} Bad;

static void no_code(void *r)
{
	((Sector *)r)->code = NULL;
}
static void bad_code(void *r)
{
	((Sector *)r)->code = "S 14";
}
static void taken_code(void *r)
{
	((Sector *)r)->code = "S07_HANDICRAFT";
}
static void no_label(void *r)
{
	((Sector *)r)->label_vi = "  ";
}
static void unknown_instrument(void *r)
{
	((Sector *)r)->instrument_code = "ND99_2099";
}
static void bad_date(void *r)
{
	((Sector *)r)->valid_to = "31/02/2027";
}
static void span_backwards(void *r)
{
	((Sector *)r)->valid_to = "2026-12-31";
}
static void long_label(void *r)
{
	static char label[1100];
	memset(label, 'a', sizeof label - 1);
	((Sector *)r)->label_vi = label;
}
static void bad_value_kind(void *r)
{
	((Indicator *)r)->value_kind = "ratio";
}
static void negative_position(void *r)
{
	((Indicator *)r)->position = -5;
}
static void rate_above_100(void *r)
{
	((SupportRule *)r)->rate_x100 = 10001;
}
static void province_without_list(void *r)
{
	((SupportRule *)r)->province_list = NULL;
}
static void province_unknown(void *r)
{
	((SupportRule *)r)->province_code = "99";
}
static void base_without_multiplier(void *r)
{
	((SupportRule *)r)->multiplier_x100 = -1;
}
static void base_is_itself(void *r)
{
	((SupportRule *)r)->base_rule_id = 3;
}
static void replaced_by_itself(void *r)
{
	((LegalInstrument *)r)->replaced_by = "ND45_2012";
}
static void cutoff_one(void *r)
{
	((PeriodRule *)r)->cutoff_day = 1;
}
static void name_taken(void *r)
{
	((PeriodRule *)r)->name = "Theo năm dương lịch";
}
static void no_default_left(void *r)
{
	((PeriodRule *)r)->is_default = false;
}

static const Bad bad[] = {
        {"code missing", "code", "Mã ngành nghề chưa được nhập", no_code, &store_ref_sectors},
        {"code with a space", "code", "không hợp lệ", bad_code, &store_ref_sectors},
        {"code taken", "code", "Mã ngành nghề 'S07_HANDICRAFT' đã có", taken_code,
                &store_ref_sectors},
        {"label blank", "label_vi", "Tên ngành nghề chưa được nhập", no_label, &store_ref_sectors},
        {"label too long", "label_vi", "dài quá", long_label, &store_ref_sectors},
        {"unknown instrument", "instrument_code", "'ND99_2099' không có trong danh mục",
                unknown_instrument, &store_ref_sectors},
        {"date that does not exist", "valid_to", "31/02/2027", bad_date, &store_ref_sectors},
        {"span backwards", "valid_to", "trước ngày bắt đầu 01/01/2027", span_backwards,
                &store_ref_sectors},
        {"value kind not in the set", "value_kind", "chọn một trong", bad_value_kind,
                &store_ref_indicators, true, "trainees"},
        {"negative position", "position", "Thứ tự phải từ 0 đến 100000", negative_position,
                &store_ref_indicators, true, "trainees"},
        {"rate above 100 %", "rate_x100", "phải từ 0 đến 10000", rate_above_100,
                &store_ref_support_rules, true, "4"},
        {"province without its list", "province_list", "cả danh mục", province_without_list,
                &store_ref_support_rules, true, "4"},
        {"unknown province", "province_code", "99", province_unknown, &store_ref_support_rules,
                true, "4"},
        {"derived cap without multiplier", "multiplier_x100", "quy định gốc",
                base_without_multiplier, &store_ref_support_rules, true, "3"},
        {"derived cap from itself", "base_rule_id", "chính nó", base_is_itself,
                &store_ref_support_rules, true, "3"},
        {"replaced by itself", "replaced_by", "chính nó", replaced_by_itself,
                &store_ref_instruments, true, "ND45_2012"},
        {"cut-off day 1", "cutoff_day", "từ 2 đến 28", cutoff_one, &store_ref_period_rules, true,
                "2"},
        {"period rule name taken", "name", "đã có", name_taken, &store_ref_period_rules, true, "2"},
        {"the default cleared", "is_default", "Phải luôn có một quy tắc kỳ báo cáo mặc định",
                no_default_left, &store_ref_period_rules, true, "1"},
};

static void refused(void **state)
{
	const Bad *b = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	Arena arena = {0};
	Err e;
	void *rec = arena_alloc(&arena, b->t->size);
	if (b->update) {
		assert_int_equal(store_ref_get(t.db, b->t, b->key, &arena, rec, &e), 0);
	} else {
		Sector s = handicraft_2027();
		memcpy(rec, &s, sizeof s);
	}
	b->spoil(rec);
	int64_t audits = db_scalar(t.db, "SELECT COUNT(*) FROM audit_log");
	int64_t rows = db_scalar(t.db, "SELECT COUNT(*) FROM sector");
	int rc = b->update ? store_ref_update(t.db, &admin, b->t, rec, &e)
	                   : store_ref_create(t.db, &admin, b->t, rec, NULL, &e);
	assert_true(rc == KC_EINVAL || rc == KC_ECONFLICT);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM sector"), rows);
	if (b->update) { /* the row is as it was */
		void *now = arena_alloc(&arena, b->t->size);
		assert_int_equal(store_ref_get(t.db, b->t, b->key, &arena, now, &e), 0);
		char key[REF_KEY_LEN];
		store_ref_key(b->t, now, key);
		assert_string_equal(key, b->key);
		assert_int_equal(
		        db_scalar(t.db, "SELECT COUNT(*) FROM period_rule WHERE is_default = 1"),
		        1);
	}
	arena_free(&arena);
	tmpdb_close(&t);
}

static void delete_refused_while_in_use(void **state)
{
	Db *db = db_of(state);
	Err e;
	static const struct {
		const RefTable *t;
		const char *key, *says;
	} in_use[] = {
	        {&store_ref_instruments, "QD1881_2020",
	                "còn nội dung hoạt động căn cứ văn bản này"},
	        {&store_ref_instruments, "TT20_2017", "là văn bản thay thế của văn bản khác"},
	        {&store_ref_contents, "C01_TRAINING", "còn trong bảng tương ứng"},
	        {&store_ref_contents, "C08_INTERNATIONAL", "còn chỉ tiêu thuộc nội dung"},
	        {&store_ref_period_rules, "1", "Phải luôn có một quy tắc kỳ báo cáo mặc định"},
	};
	for (size_t i = 0; i < COUNT_OF(in_use); i++) {
		assert_int_equal(store_ref_delete(db, &admin, in_use[i].t, in_use[i].key, 1, &e),
		        KC_ECONFLICT);
		assert_contains(e.msg, in_use[i].says);
		assert_int_equal(db_depth(db), 0);
	}
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 0);
	/* A rule nothing refers to goes. */
	assert_int_equal(store_ref_delete(db, &admin, &store_ref_period_rules, "2", 1, &e), 0);
}

/* Making another period rule the default takes the flag from the old one,
 * and both changes are in the audit log. */
static void one_default_period_rule(void **state)
{
	Db *db = db_of(state);
	Err e;
	Arena arena = {0};
	PeriodRule r;
	assert_int_equal(store_ref_get(db, &store_ref_period_rules, "2", &arena, &r, &e), 0);
	r.is_default = true;
	assert_int_equal(store_ref_update(db, &admin, &store_ref_period_rules, &r, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT id FROM period_rule WHERE is_default = 1"), 2);
	assert_int_equal(db_scalar(db, "SELECT version FROM period_rule WHERE id = 1"), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                               " 'period_rule' AND action = 'update'"),
	        2);
	/* A new default rule does the same. */
	PeriodRule n;
	store_ref_blank(&store_ref_period_rules, &n);
	n.name = "Theo quy định của tỉnh (ngày 20)";
	n.cutoff_day = 20;
	n.is_default = true;
	char key[REF_KEY_LEN];
	assert_int_equal(store_ref_create(db, &admin, &store_ref_period_rules, &n, key, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM period_rule WHERE is_default = 1"), 1);
	assert_int_equal(db_scalar(db, "SELECT is_default FROM period_rule WHERE id = 3"), 1);
	arena_free(&arena);
}

static void list_searches_and_pages(void **state)
{
	Db *db = db_of(state);
	Arena arena = {0};
	Err e;
	RefList l;
	/* "dao tao" finds "Đào tạo nghề..." without diacritics, in either case. */
	RefFilter f = {.q = "DAO TAO"};
	assert_int_equal(store_ref_list(db, &store_ref_contents, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(
	        ((const ActivityContent *)store_ref_at(&store_ref_contents, &l, 0))->code,
	        "C01_TRAINING");
	/* The code is searched too. */
	f = (RefFilter){.q = "s07"};
	assert_int_equal(store_ref_list(db, &store_ref_sectors, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	/* Pages: 13 sectors, 5 a page, the third page holds the last 3. */
	f = (RefFilter){.limit = 5, .offset = 10};
	assert_int_equal(store_ref_list(db, &store_ref_sectors, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 13);
	assert_int_equal(l.n, 3);
	assert_string_equal(((const Sector *)store_ref_at(&store_ref_sectors, &l, 0))->code,
	        "S11_ENERGY_SAVING");
	f = (RefFilter){.limit = 501};
	assert_int_equal(store_ref_list(db, &store_ref_sectors, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	arena_free(&arena);
}

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = db_of(state);
	Err e;
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	Sector s = handicraft_2027();
	assert_int_not_equal(store_ref_create(db, &admin, &store_ref_sectors, &s, NULL, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM sector WHERE code = 'S14_DIGITAL_CRAFT'"), 0);
	Arena arena = {0};
	PeriodRule r;
	assert_int_equal(store_ref_get(db, &store_ref_period_rules, "2", &arena, &r, &e), 0);
	r.is_default = true;
	assert_int_not_equal(store_ref_update(db, &admin, &store_ref_period_rules, &r, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT id FROM period_rule WHERE is_default = 1"), 1);
	assert_int_equal(db_scalar(db, "SELECT MAX(version) FROM period_rule"), 1);
	assert_int_equal(db_depth(db), 0);
	arena_free(&arena);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, every_table_reads);
	TL_ADD(&tl, get_reads_every_type);
	TL_ADD(&tl, create_update_delete_with_versions_and_audit);
	TL_ADD(&tl, support_rule_gets_an_id);
	TL_ADD(&tl, delete_refused_while_in_use);
	TL_ADD(&tl, one_default_period_rule);
	TL_ADD(&tl, list_searches_and_pages);
	TL_ADD(&tl, failed_audit_leaves_nothing);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, refused, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "store/reference");
}
