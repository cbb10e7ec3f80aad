/* test_aggregate.c — aggregate figures on a real SQLite file: put (insert or
 * update by key), bulk put, read, list, delete, validation, versions, audit
 * rows, atomicity, the records-only rule, sums over provinces, and the
 * southern region's H1/2016 figures (seed001, DOMAIN §7.2) as data. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"

static const Actor officer = {
        .user_id = 7, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

/* Reference rows of our own, 'T_'-prefixed so that they cannot collide with
 * the seeded catalogue, and a region of our own with three southern
 * provinces (legacy list) as members. */
static const char reference_sql[] =
        "INSERT INTO indicator (code, label_vi, unit_vi, value_kind, source, position) VALUES"
        " ('T_PROVINCES', 'Số tỉnh, thành phố báo cáo', 'tỉnh', 'count', 'aggregate', 1),"
        " ('T_TRAINEES', 'Lao động được đào tạo nghề', 'lao động', 'count', 'both', 10),"
        " ('T_TRAINEES_PCT', 'Tỷ lệ so với kế hoạch', '%', 'percent_x100', 'aggregate', 11),"
        " ('T_DISB_TRAINING', 'Giải ngân đào tạo nghề', 'đồng', 'money', 'both', 12),"
        " ('T_DISB_TRAINING_PCT', 'Tỷ lệ giải ngân', '%', 'percent_x100', 'both', 13),"
        " ('T_MGMT_PEOPLE', 'Người được đào tạo quản lý, khởi sự', 'người', 'count', 'both', 20),"
        " ('T_DISB_MGMT', 'Giải ngân quản lý, khởi sự', 'đồng', 'money', 'both', 21),"
        " ('T_DISB_MGMT_PCT', 'Tỷ lệ giải ngân', '%', 'percent_x100', 'both', 22),"
        " ('T_DEMO_MODELS', 'Mô hình trình diễn', 'mô hình', 'count', 'both', 30),"
        " ('T_MACHINERY', 'Cơ sở ứng dụng máy móc', 'cơ sở', 'count', 'both', 40),"
        " ('T_DISB_MACHINERY', 'Giải ngân máy móc', 'đồng', 'money', 'both', 41),"
        " ('T_DISB_MACHINERY_PCT', 'Tỷ lệ giải ngân', '%', 'percent_x100', 'both', 42),"
        " ('T_FAIRS', 'Lượt cơ sở dự hội chợ', 'lượt cơ sở', 'count', 'both', 50),"
        " ('T_DISB_FAIRS', 'Giải ngân hội chợ', 'đồng', 'money', 'both', 51),"
        " ('T_DISB_FAIRS_PCT', 'Tỷ lệ giải ngân', '%', 'percent_x100', 'both', 52),"
        " ('T_CONSULT_SUPPORT', 'Tư vấn, trợ giúp', 'đồng', 'money', 'both', 60),"
        " ('T_DISB_INFO', 'Giải ngân thông tin', 'đồng', 'money', 'both', 70),"
        " ('T_DISB_INFO_PCT', 'Tỷ lệ giải ngân', '%', 'percent_x100', 'both', 71),"
        " ('T_CONSULT_PROJECTS', 'Dự án được tư vấn', 'dự án', 'count', 'both', 80),"
        " ('T_CONSULT_REVENUE', 'Doanh thu tư vấn', 'đồng', 'money', 'both', 81),"
        " ('T_CONSULT_REVENUE_PCT', 'Tỷ lệ doanh thu', '%', 'percent_x100', 'both', 82),"
        " ('T_FAIRS_HELD', 'Hội chợ được tổ chức', 'hội chợ', 'count', 'records', 90)"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO region (code, kind, name) VALUES ('T_SOUTH', 'moit', 'Phía Nam (thử)')"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO region_member (region_code, list, province_code, valid_from, valid_to)"
        " VALUES ('T_SOUTH', 'legacy', '92', NULL, '2025-06-30'),"
        " ('T_SOUTH', 'legacy', '93', NULL, '2025-06-30'),"
        " ('T_SOUTH', 'legacy', '94', NULL, '2025-06-30') ON CONFLICT DO NOTHING;";

static int open_db(TmpDb *t)
{
	Err e = {0};
	if (tmpdb_open(t, TMPDB_LOADED))
		return -1;
	if (db_exec(t->db, reference_sql, &e)) {
		fprintf(stderr, "open_db: %s\n", e.msg);
		tmpdb_close(t);
		return -1;
	}
	return 0;
}

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || open_db(t)) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

/* Trainees of legacy Sóc Trăng in H1/2016, from local funds. */
static AggregateFigure soc_trang(int64_t value)
{
	AggregateFigure x = store_aggregate_blank();
	x.indicator_code = "T_TRAINEES";
	x.scope_kind = "province";
	x.scope_list = "legacy";
	x.scope_code = "94";
	x.period = "6 tháng đầu năm 2016";
	x.program_level = "local";
	x.value = value;
	return x;
}

static void put_and_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AggregateFigure in = soc_trang(100);
	in.qualifier = "khoảng";
	in.note = "Báo cáo 6 tháng của Sở Công Thương";
	in.source = "BC số 05/BC-SCT";
	int64_t id = 0;
	Err e;
	if (store_aggregate_put(db, &officer, &in, &id, &e))
		fail_msg("%s: %s", e.field, e.msg);
	assert_true(id > 0);
	Arena arena = {0};
	AggregateFigure o;
	assert_int_equal(store_aggregate_get(db, id, &arena, &o, &e), 0);
	assert_int_equal(o.id, id);
	assert_string_equal(o.indicator_code, "T_TRAINEES");
	assert_string_equal(o.scope_kind, "province");
	assert_string_equal(o.scope_list, "legacy");
	assert_string_equal(o.scope_code, "94");
	assert_string_equal(o.period, "2016-H1"); /* canonical */
	assert_string_equal(o.figure_kind, "actual");
	assert_string_equal(o.program_level, "local");
	assert_int_equal(o.value, 100);
	assert_string_equal(o.qualifier, "khoảng");
	assert_string_equal(o.note, "Báo cáo 6 tháng của Sở Công Thương");
	assert_string_equal(o.source, "BC số 05/BC-SCT");
	assert_int_equal(o.entered_by, 7);
	assert_string_equal(o.entered_at, "2026-11-22T08:00:00Z");
	assert_int_equal(o.version, 1);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                      " AND table_name = 'aggregate_figure' AND user_id = 7"
	                      " AND before_json IS NULL AND after_json LIKE '%\"value\":100%'"
	                      " AND after_json LIKE '%\"period\":\"2016-H1\"%'"),
	        1);
	/* The nation has no code; its key still finds the figure again. */
	AggregateFigure nation = store_aggregate_blank();
	nation.indicator_code = "T_PROVINCES";
	nation.scope_kind = "nation";
	nation.period = "2016";
	nation.value = 63;
	assert_int_equal(store_aggregate_put(db, &officer, &nation, &id, &e), 0);
	assert_int_equal(store_aggregate_get(db, id, &arena, &o, &e), 0);
	assert_null(o.scope_list);
	assert_null(o.scope_code);
	assert_string_equal(o.program_level, "all");
	assert_int_equal(store_aggregate_put(db, &officer, &nation, &id, &e), KC_ECONFLICT);
	assert_int_equal(store_aggregate_get(db, id + 1, &arena, &o, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

typedef struct Bad {
	const char *why;
	void (*spoil)(AggregateFigure *);
	int code;
	const char *field;
	const char *says; /* part of the message */
} Bad;

/* clang-format off */
static void no_indicator(AggregateFigure *x) { x->indicator_code = NULL; }
static void unknown_indicator(AggregateFigure *x) { x->indicator_code = "T_NOPE"; }
static void records_indicator(AggregateFigure *x) { x->indicator_code = "T_FAIRS_HELD"; }
static void bad_period(AggregateFigure *x) { x->period = "2016-H3"; }
static void no_period(AggregateFigure *x) { x->period = ""; }
static void bad_scope(AggregateFigure *x) { x->scope_kind = "district"; }
static void no_list(AggregateFigure *x) { x->scope_list = NULL; }
static void unknown_province(AggregateFigure *x) { x->scope_code = "99"; }
static void legacy_in_2026(AggregateFigure *x) { x->period = "Quý I/2026"; }
static void current_in_2016(AggregateFigure *x) { x->scope_list = "current"; x->scope_code = "92"; }
static void unknown_region(AggregateFigure *x)
{
	x->scope_kind = "region"; x->scope_list = NULL; x->scope_code = "T_NOWHERE";
}
static void region_with_list(AggregateFigure *x)
{
	x->scope_kind = "region"; x->scope_code = "T_SOUTH";
}
static void nation_with_code(AggregateFigure *x) { x->scope_kind = "nation"; x->scope_list = NULL; }
static void bad_kind(AggregateFigure *x) { x->figure_kind = "forecast"; }
static void bad_level(AggregateFigure *x) { x->program_level = "district"; }
static void no_value(AggregateFigure *x) { x->value = -1; }
static void negative_value(AggregateFigure *x) { x->value = -331; }
static void long_qualifier(AggregateFigure *x)
{
	x->qualifier = "gần như chắc chắn là khoảng chừng hơn một chút";
}
static void note_not_utf8(AggregateFigure *x) { x->note = "ghi ch\xc3"; }
static void version_of_nothing(AggregateFigure *x) { x->version = 3; }
/* clang-format on */

static const Bad bad[] = {
        {"no indicator", no_indicator, KC_EINVAL, "indicator_code", "Chưa chọn chỉ tiêu"},
        {"unknown indicator", unknown_indicator, KC_EINVAL, "indicator_code", "'T_NOPE' không có"},
        {"indicator computed from records", records_indicator, KC_EINVAL, "indicator_code",
                "được tính từ hồ sơ"},
        {"half year 3", bad_period, KC_EINVAL, "period", "'2016-H3'"},
        {"no period", no_period, KC_EINVAL, "period", "Chưa nhập kỳ"},
        {"unknown scope kind", bad_scope, KC_EINVAL, "scope_kind", "'district'"},
        {"province without its list", no_list, KC_EINVAL, "scope_code", "Chưa chọn tỉnh"},
        {"unknown province", unknown_province, KC_EINVAL, "scope_code", "Tỉnh mã '99'"},
        {"legacy province in 2026", legacy_in_2026, KC_EINVAL, "scope_code", "trong năm 2026"},
        {"current province in 2016", current_in_2016, KC_EINVAL, "scope_code", "trong năm 2016"},
        {"unknown region", unknown_region, KC_EINVAL, "scope_code", "Vùng 'T_NOWHERE'"},
        {"region with a list", region_with_list, KC_EINVAL, "scope_list", "danh mục"},
        {"nation with a code", nation_with_code, KC_EINVAL, "scope_code", "toàn quốc"},
        {"unknown figure kind", bad_kind, KC_EINVAL, "figure_kind", "'forecast'"},
        {"unknown programme level", bad_level, KC_EINVAL, "program_level", "'district'"},
        {"no value", no_value, KC_EINVAL, "value", "Chưa nhập giá trị"},
        {"negative value", negative_value, KC_EINVAL, "value", "-331"},
        {"qualifier too long", long_qualifier, KC_EINVAL, "qualifier", "dài quá"},
        {"note not UTF-8", note_not_utf8, KC_EINVAL, "note", "UTF-8"},
        {"a version for a figure not stored", version_of_nothing, KC_ENOTFOUND, "version",
                "không còn"},
};

static void invalid_input_changes_nothing(void **state)
{
	const Bad *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	AggregateFigure x = soc_trang(331);
	b->spoil(&x);
	int64_t id = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(store_aggregate_put(t.db, &officer, &x, &id, &e), b->code);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(id, -1);
	/* The same row in a batch: refused as row 1, nothing stored. */
	size_t row = 0;
	assert_int_equal(store_aggregate_put_many(t.db, &officer, &x, 1, &row, &e), b->code);
	assert_int_equal(row, 1);
	assert_refused(t.db, &e, b->field, "Dòng 1: ");
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM aggregate_figure"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), 0);
	tmpdb_close(&t);
}

static void only_records_indicators_are_refused(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AggregateFigure x = soc_trang(3);
	x.indicator_code = "T_FAIRS_HELD"; /* source 'records' */
	int64_t id;
	Err e;
	assert_int_equal(store_aggregate_put(db, &officer, &x, &id, &e), KC_EINVAL);
	assert_string_equal(e.field, "indicator_code");
	assert_non_null(strstr(e.msg, "không nhập số liệu tổng hợp"));
	x.indicator_code = "T_PROVINCES"; /* 'aggregate' */
	assert_int_equal(store_aggregate_put(db, &officer, &x, &id, &e), 0);
	x.indicator_code = "T_TRAINEES"; /* 'both' */
	assert_int_equal(store_aggregate_put(db, &officer, &x, &id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM aggregate_figure"), 2);
}

static void update_names_the_version_it_read(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AggregateFigure x = soc_trang(100);
	int64_t id, again;
	Err e;
	assert_int_equal(store_aggregate_put(db, &officer, &x, &id, &e), 0);
	/* A second figure for the same key must say which version it changes. */
	x.value = 110;
	assert_int_equal(store_aggregate_put(db, &officer, &x, &again, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "Đã có số liệu"));
	x.version = 1;
	x.period = "2016-H1"; /* the same key, written canonically */
	const Actor other = {
	        .user_id = 9, .name = "truong.phong", .via = "http", .now = "2026-11-23T09:00:00Z"};
	assert_int_equal(store_aggregate_put(db, &other, &x, &again, &e), 0);
	assert_int_equal(again, id);
	assert_int_equal(db_scalar(db, "SELECT version FROM aggregate_figure"), 2);
	assert_int_equal(db_scalar(db, "SELECT entered_by FROM aggregate_figure"), 9);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND before_json LIKE '%\"value\":100%'"
	                               " AND after_json LIKE '%\"value\":110%'"
	                               " AND after_json LIKE '%2026-11-23T09:00:00Z%'"),
	        1);
	/* Someone else's edit came in between: refused, nothing changes. */
	x.value = 120;
	assert_int_equal(store_aggregate_put(db, &officer, &x, &again, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "người khác sửa"));
	assert_int_equal(db_scalar(db, "SELECT value FROM aggregate_figure"), 110);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 2);
	assert_int_equal(store_aggregate_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_int_equal(store_aggregate_delete(db, &officer, id, 2, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                      " AND after_json IS NULL AND before_json LIKE '%\"value\":110%'"),
	        1);
	assert_int_equal(store_aggregate_delete(db, &officer, id, 2, &e), KC_ENOTFOUND);
	x.version = 2;
	assert_int_equal(store_aggregate_put(db, &officer, &x, &again, &e), KC_ENOTFOUND);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM aggregate_figure"), 0);
	assert_int_equal(db_depth(db), 0);
}

/* ---- The southern region's H1/2016 figures (seed001, DOMAIN §7.2) -------------------- */

typedef struct Row {
	const char *tag; /* the seed row */
	const char *indicator;
	const char *kind;  /* figure_kind */
	const char *level; /* program_level */
	int64_t value;
	const char *qualifier;
} Row;

static const Row south[] = {
        {"001-01", "T_PROVINCES", "actual", "all", 20, NULL},
        {"001-02", "T_TRAINEES", "actual", "local", 331, NULL},
        {"001-03", "T_TRAINEES_PCT", "actual", "local", 1900, NULL},
        {"001-04", "T_DISB_TRAINING", "actual", "local", 74000000, NULL},
        {"001-05", "T_DISB_TRAINING_PCT", "actual", "local", 500, NULL},
        {"001-06", "T_MGMT_PEOPLE", "actual", "all", 369, NULL},
        {"001-07", "T_DISB_MGMT", "actual", "all", 412000000, NULL},
        {"001-08", "T_DISB_MGMT_PCT", "actual", "all", 2000, NULL},
        {"001-09", "T_DEMO_MODELS", "actual", "all", 5, NULL},
        {"001-10", "T_MACHINERY", "actual", "all", 59, NULL},
        {"001-11", "T_DISB_MACHINERY", "actual", "all", 9200000000, NULL},
        {"001-12", "T_DISB_MACHINERY_PCT", "actual", "all", 3000, NULL},
        {"001-13", "T_FAIRS", "actual", "all", 130, "gần"},
        {"001-14", "T_DISB_FAIRS", "actual", "all", 632000000, NULL},
        {"001-15", "T_DISB_FAIRS_PCT", "actual", "all", 1000, NULL},
        {"001-16", "T_CONSULT_SUPPORT", "actual", "all", 164000000, NULL},
        {"001-17", "T_DISB_INFO", "actual", "all", 1050000000, NULL},
        {"001-18", "T_DISB_INFO_PCT", "actual", "all", 3200, NULL},
        {"001-19", "T_CONSULT_PROJECTS", "actual", "all", 244, NULL},
        {"001-20", "T_CONSULT_REVENUE", "estimate", "all", 2800000000, "ước"},
        {"001-21", "T_CONSULT_REVENUE_PCT", "estimate", "all", 5200, "ước"},
};

static AggregateFigure south_figure(const Row *r)
{
	AggregateFigure x = store_aggregate_blank();
	x.indicator_code = r->indicator;
	x.scope_kind = "region";
	x.scope_code = "T_SOUTH";
	x.period = "6 tháng đầu năm 2016";
	x.figure_kind = r->kind;
	x.program_level = r->level;
	x.value = r->value;
	x.qualifier = r->qualifier;
	x.source = r->tag;
	return x;
}

static const AggregateFigure *find(const AggregateList *l, const char *indicator)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].indicator_code, indicator))
			return &l->v[i];
	fail_msg("no figure for %s", indicator);
	return NULL;
}

static void southern_h1_2016(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AggregateFigure v[COUNT_OF(south)];
	for (size_t i = 0; i < COUNT_OF(south); i++)
		v[i] = south_figure(&south[i]);
	size_t row = 99;
	Err e;
	if (store_aggregate_put_many(db, &officer, v, COUNT_OF(v), &row, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(row, 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), COUNT_OF(south));
	Arena arena = {0};
	AggregateList l;
	AggregateFilter f = store_aggregate_filter();
	f.scope_kind = "region";
	f.scope_code = "T_SOUTH";
	f.period = "2016-H1";
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, COUNT_OF(south));
	/* In the indicators' report order: the table of DOMAIN §5.4. */
	for (int i = 0; i < l.n; i++) {
		assert_string_equal(l.v[i].indicator_code, south[i].indicator);
		assert_int_equal(l.v[i].value, south[i].value);
		assert_string_equal(l.v[i].source, south[i].tag);
	}
	assert_int_equal(find(&l, "T_TRAINEES")->value, 331);
	assert_string_equal(find(&l, "T_TRAINEES")->program_level, "local");
	assert_int_equal(find(&l, "T_DISB_TRAINING")->value, 74000000); /* 74 triệu */
	assert_int_equal(find(&l, "T_TRAINEES_PCT")->value, 1900);      /* 19 % */
	assert_string_equal(find(&l, "T_FAIRS")->qualifier, "gần");
	const AggregateFigure *revenue = find(&l, "T_CONSULT_REVENUE");
	assert_string_equal(revenue->figure_kind, "estimate");
	assert_string_equal(revenue->qualifier, "ước");
	assert_int_equal(revenue->value, 2800000000);
	/* 001-D1 (derived): the disbursements listed add up to 11.532 triệu. */
	static const char *const money[] = {"T_DISB_TRAINING", "T_DISB_MGMT", "T_DISB_MACHINERY",
	        "T_DISB_FAIRS", "T_CONSULT_SUPPORT", "T_DISB_INFO"};
	int64_t total = 0;
	for (size_t i = 0; i < COUNT_OF(money); i++)
		total += find(&l, money[i])->value;
	assert_int_equal(total, 11532000000);

	f.indicators = money;
	f.n_indicators = 2;
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_aggregate_filter();
	f.figure_kind = "estimate";
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f.limit = 1;
	f.offset = 1;
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].indicator_code, "T_CONSULT_REVENUE_PCT");
	f = store_aggregate_filter();
	f.period = "2016-H2";
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 0);
	f.period = "H7";
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "period");
	f = store_aggregate_filter();
	f.indicators = money;
	f.n_indicators = AGGREGATE_MAX_INDICATORS + 1;
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "indicators");
	arena_free(&arena);
}

static void bulk_stops_at_the_first_bad_row(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AggregateFigure v[3] = {
	        south_figure(&south[0]), south_figure(&south[1]), south_figure(&south[2])};
	v[1].period = "6 tháng giữa năm 2016";
	size_t row = 0;
	Err e;
	assert_int_equal(store_aggregate_put_many(db, &officer, v, 3, &row, &e), KC_EINVAL);
	assert_int_equal(row, 2);
	assert_string_equal(e.field, "period");
	assert_true(!strncmp(e.msg, "Dòng 2: ", strlen("Dòng 2: ")));
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM aggregate_figure"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 0);
	assert_int_equal(db_depth(db), 0);
	/* The same key twice in one batch: the second is a conflict, row 3. */
	v[1] = south_figure(&south[1]);
	v[2] = v[0];
	assert_int_equal(store_aggregate_put_many(db, &officer, v, 3, &row, &e), KC_ECONFLICT);
	assert_int_equal(row, 3);
	assert_true(!strncmp(e.msg, "Dòng 3: ", strlen("Dòng 3: ")));
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM aggregate_figure"), 0);
	/* Inside a caller's transaction the batch undoes only itself. */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(store_aggregate_put_many(db, &officer, v, 2, &row, &e), 0);
	assert_int_equal(store_aggregate_put_many(db, &officer, v, 3, &row, &e), KC_ECONFLICT);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM aggregate_figure"), 2);
	assert_int_equal(store_aggregate_put_many(db, &officer, v, 0, &row, &e), 0);
}

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	AggregateFigure v[2] = {south_figure(&south[0]), south_figure(&south[1])};
	int64_t id;
	size_t row;
	assert_int_not_equal(store_aggregate_put(db, &officer, &v[0], &id, &e), 0);
	assert_int_not_equal(store_aggregate_put_many(db, &officer, v, 2, &row, &e), 0);
	assert_int_equal(row, 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM aggregate_figure"), 0);
	assert_int_equal(db_depth(db), 0);
}

/* Collects a region's provinces into a UnitRef array. */
typedef struct Members {
	UnitRef v[8];
	size_t n;
} Members;

static int add_member(void *ctx, const char *list, const char *code, const char *name)
{
	(void)name;
	Members *m = ctx;
	if (m->n == COUNT_OF(m->v))
		return 1;
	UnitRef *u = &m->v[m->n++];
	*u = (UnitRef){.level = "province"};
	snprintf(u->list, sizeof u->list, "%s", list);
	snprintf(u->code, sizeof u->code, "%s", code);
	return 0;
}

static void put_province(Db *db, const char *code, const char *kind, const char *period,
        const char *level, int64_t value)
{
	AggregateFigure x = soc_trang(value);
	x.scope_code = code;
	x.figure_kind = kind;
	x.period = period;
	x.program_level = level;
	int64_t id;
	Err e;
	if (store_aggregate_put(db, &officer, &x, &id, &e))
		fail_msg("%s: %s", code, e.msg);
}

static void sum_over_provinces(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	put_province(db, "92", "actual", "2016-H1", "local", 100); /* Cần Thơ */
	put_province(db, "93", "actual", "2016-H1", "local", 120); /* Hậu Giang */
	put_province(db, "94", "actual", "2016-H1", "local", 111); /* Sóc Trăng */
	/* Not in the sums below: */
	put_province(db, "95", "actual", "2016-H1", "local", 50); /* Bạc Liêu: not a member */
	put_province(db, "94", "plan", "2016-H1", "local", 580);
	put_province(db, "94", "actual", "2016-H2", "local", 90);
	put_province(db, "94", "actual", "2016-H1", "all", 140);
	const UnitRef three[] = {{"legacy", "province", "92"}, {"legacy", "province", "93"},
	        {"legacy", "province", "94"}, {"legacy", "province", "96"}};
	int64_t sum = -1, count = -1;
	Err e;
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES", "6 tháng đầu năm 2016",
	                         "actual", "local", three, 3, &sum, &count, &e),
	        0);
	assert_int_equal(sum, 331);
	assert_int_equal(count, 3);
	/* Cà Mau is asked for but reported nothing: count says so. */
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES", "2016-H1", "actual",
	                         "local", three, 4, &sum, &count, &e),
	        0);
	assert_int_equal(sum, 331);
	assert_int_equal(count, 3);
	/* The region's members on a day of the period give the same set. */
	Members m = {0};
	Date d;
	assert_int_equal(date_from_ymd(2016, 6, 30, &d, &e), 0);
	assert_int_equal(store_admin_region_members(db, "T_SOUTH", d, add_member, &m, &e), 0);
	assert_int_equal(m.n, 3);
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES", "2016-H1", "actual",
	                         "local", m.v, m.n, &sum, &count, &e),
	        0);
	assert_int_equal(sum, 331);
	/* Every province; and none. */
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES", "2016-H1", "actual",
	                         "local", NULL, 0, &sum, &count, &e),
	        0);
	assert_int_equal(sum, 381);
	assert_int_equal(count, 4);
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES", "2016-H1", "actual",
	                         "local", three, 0, &sum, &count, &e),
	        0);
	assert_int_equal(sum, 0);
	assert_int_equal(count, 0);
	/* Percentages do not add up; unknown provinces and periods are errors. */
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES_PCT", "2016-H1", "actual",
	                         "local", three, 3, &sum, &count, &e),
	        KC_EINVAL);
	assert_string_equal(e.field, "indicator_code");
	const UnitRef nowhere[] = {{"legacy", "province", "99"}};
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES", "2016-H1", "actual",
	                         "local", nowhere, 1, &sum, &count, &e),
	        KC_EINVAL);
	assert_string_equal(e.field, "provinces");
	assert_int_equal(store_aggregate_sum_provinces(db, "T_TRAINEES", "2016-H9", "actual",
	                         "local", three, 3, &sum, &count, &e),
	        KC_EINVAL);
	assert_string_equal(e.field, "period");
}

/* A current province's list holds the figures its legacy provinces reported
 * (Cần Thơ 92 took in Sóc Trăng 94 and Hậu Giang 93 whole), not its
 * neighbours'. */
static void list_by_current_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	put_province(db, "92", "actual", "2016-H1", "local", 100);
	put_province(db, "94", "actual", "2016-H1", "local", 111);
	put_province(db, "95", "actual", "2016-H1", "local", 50); /* Bạc Liêu: now Cà Mau */
	Arena arena = {0};
	AggregateList l;
	AggregateFilter f = store_aggregate_filter();
	Err e;
	f.current_province = "92";
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f.current_province = "96";
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].scope_code, "95");
	f.current_province = "01";
	assert_int_equal(store_aggregate_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 0);
	arena_free(&arena);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, put_and_read_back);
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, invalid_input_changes_nothing, (void *)&bad[i], "invalid: %s",
		        bad[i].why);
	TL_ADD(&tl, only_records_indicators_are_refused);
	TL_ADD(&tl, update_names_the_version_it_read);
	TL_ADD(&tl, southern_h1_2016);
	TL_ADD(&tl, bulk_stops_at_the_first_bad_row);
	TL_ADD(&tl, failed_audit_leaves_nothing);
	TL_ADD(&tl, sum_over_provinces);
	TL_ADD(&tl, list_by_current_province);
	/* Tests that need a fresh database get one each. */
	for (size_t i = 0; i < tl.n; i++)
		if (tl.v[i].test_func != invalid_input_changes_nothing) {
			tl.v[i].setup_func = setup;
			tl.v[i].teardown_func = teardown;
		}
	return tl_run(&tl, "store/aggregate");
}
