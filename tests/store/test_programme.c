/* test_programme.c — programmes with their targets and annual plans with
 * their lines, on a real SQLite file: seed-shaped data (Sóc Trăng 2016–2020),
 * validation, versions, deletes refused while in use, audit rows, lists and
 * atomicity. The reference rows the tests need are inserted here with codes
 * of their own (T_...), so the tests do not depend on the seeded rules. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_programme.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

/* T_OLD ended with 2020; 'district' is the code of the district budget,
 * whichever of this file and the seeded rules inserts it first. */
static const char refs_sql[] =
        "INSERT INTO activity_content (code, scheme, position, label_vi, valid_from, valid_to)"
        " VALUES ('T_TRAIN', 'test', 1, 'Đào tạo nghề (thử)', NULL, NULL),"
        " ('T_FAIR', 'test', 2, 'Hội chợ (thử)', NULL, NULL),"
        " ('T_OLD', 'test', 3, 'Nội dung đã hết hiệu lực (thử)', NULL, '2020-12-31')"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO indicator (code, label_vi, unit_vi, value_kind, source, position) VALUES"
        " ('T_PROJECTS', 'Số đề án (thử)', 'đề án', 'count', 'both', 1),"
        " ('T_BUDGET', 'Kinh phí khuyến công (thử)', 'đồng', 'money', 'both', 2),"
        " ('T_COUNTERPART', 'Vốn đối ứng (thử)', 'đồng', 'money', 'both', 3),"
        " ('T_TRAINEES', 'Số người được đào tạo (thử)', 'người', 'count', 'both', 4)"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO funding_source (code, label_vi, is_state, position) VALUES"
        " ('T_PROV', 'Ngân sách tỉnh (thử)', 1, 90), ('district', 'Ngân sách huyện', 1, 3)"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO legal_instrument (code, kind, number, title) VALUES"
        " ('T_QD1881', 'Quyết định', '1881/QĐ-TTg', 'Chương trình KCQG 2021 - 2025 (thử)')"
        " ON CONFLICT DO NOTHING;";

static int open_db(TmpDb *t)
{
	Err e;
	if (tmpdb_open(t, TMPDB_LOADED) || db_exec(t->db, refs_sql, &e))
		return -1;
	return 0;
}

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || open_db(t))
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

/* DOMAIN §7.1 000-01..03: 162 đề án, 25 tỷ đồng, 125,92 tỷ đồng counterpart. */
static ProgrammeTarget soc_trang_targets[] = {
        {"T_PROJECTS", 162, NULL, "mục tiêu thực hiện"},
        {"T_BUDGET", 25000000000, NULL, "kinh phí nhà nước"},
        {"T_COUNTERPART", 125920000000, NULL, "vốn đối ứng của cơ sở thụ hưởng"},
};

static Programme soc_trang(void)
{
	Programme x = store_programme_blank();
	x.level = "local";
	x.province_list = "legacy";
	x.province_code = "94";
	x.name = "Chương trình khuyến công tỉnh Sóc Trăng giai đoạn 2016 - 2020";
	x.start_year = 2016;
	x.end_year = 2020;
	x.targets = soc_trang_targets;
	x.n_targets = (int)COUNT_OF(soc_trang_targets);
	return x;
}

static Programme national_2021(void)
{
	Programme x = store_programme_blank();
	x.level = "national";
	x.name = "Chương trình khuyến công quốc gia giai đoạn 2021 - 2025";
	x.start_year = 2021;
	x.end_year = 2025;
	x.decision_no = "1881/QĐ-TTg";
	x.decision_date = "20/11/2020";
	x.instrument_code = "T_QD1881";
	return x;
}

static int64_t add_programme(Db *db, Programme x)
{
	int64_t id = -1;
	Err e;
	if (store_programme_create(db, &officer, &x, &id, &e))
		fail_msg("%s: %s (%s)", x.name, e.msg, e.field);
	return id;
}

static PlanLine line(const char *activity, const char *source, int64_t amount, int64_t qty)
{
	PlanLine l = store_programme_plan_line_blank();
	l.activity_code = activity;
	l.source_code = source;
	l.planned_amount = amount;
	l.planned_qty = qty;
	return l;
}

static PlanLine plan_lines[2];

/* Sóc Trăng's local plan for 2019 with two lines. */
static AnnualPlan plan_2019(int64_t programme_id)
{
	plan_lines[0] = line("T_TRAIN", "T_PROV", 300000000, 2);
	plan_lines[0].indicator_code = "T_TRAINEES";
	plan_lines[1] = line("T_FAIR", NULL, -1, -1);
	plan_lines[1].note = "chưa phân bổ";
	AnnualPlan x = store_programme_plan_blank();
	x.programme_id = programme_id;
	x.level = "local";
	x.province_list = "legacy";
	x.province_code = "94";
	x.year = 2019;
	x.approver = "UBND tỉnh";
	x.lines = plan_lines;
	x.n_lines = 2;
	return x;
}

static int64_t add_plan(Db *db, AnnualPlan x)
{
	int64_t id = -1;
	Err e;
	if (store_programme_plan_create(db, &officer, &x, &id, &e))
		fail_msg("plan %d: %s (%s)", x.year, e.msg, e.field);
	return id;
}

/* ---- Programmes ------------------------------------------------------------------- */

static void seed_programme_with_targets(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = add_programme(db, soc_trang());
	Arena arena = {0};
	Programme out;
	Err e;
	assert_int_equal(store_programme_get(db, id, &arena, &out, &e), 0);
	assert_string_equal(out.level, "local");
	assert_string_equal(out.province_list, "legacy");
	assert_string_equal(out.province_code, "94");
	assert_string_equal(out.name, soc_trang().name);
	assert_int_equal(out.start_year, 2016);
	assert_int_equal(out.end_year, 2020);
	assert_null(out.decision_no);
	assert_null(out.decision_date);
	assert_int_equal(out.version, 1);
	assert_int_equal(out.n_targets, 3);
	assert_string_equal(out.targets[0].indicator_code, "T_PROJECTS");
	assert_int_equal(out.targets[0].value, 162);
	assert_string_equal(out.targets[1].indicator_code, "T_BUDGET");
	assert_int_equal(out.targets[1].value, 25000000000);
	assert_string_equal(out.targets[2].indicator_code, "T_COUNTERPART");
	assert_int_equal(out.targets[2].value, 125920000000);
	assert_string_equal(out.targets[2].note, "vốn đối ứng của cơ sở thụ hưởng");
	assert_null(out.targets[2].qualifier);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'programme' AND before_json IS NULL"
	                               " AND after_json LIKE '%\"start_year\":2016%'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'programme_target' AND record_id = '1'"
	                               " AND after_json LIKE '%\"value\":125920000000%'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 4);
	/* The national programme: no province, the decision's date as ISO. */
	id = add_programme(db, national_2021());
	assert_int_equal(store_programme_get(db, id, &arena, &out, &e), 0);
	assert_null(out.province_code);
	assert_null(out.province_list);
	assert_string_equal(out.decision_no, "1881/QĐ-TTg");
	assert_string_equal(out.decision_date, "2020-11-20");
	assert_string_equal(out.instrument_code, "T_QD1881");
	assert_int_equal(out.n_targets, 0);
	assert_int_equal(store_programme_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

typedef struct BadProgramme {
	const char *why;
	void (*spoil)(Programme *);
	const char *field;
	const char *says;
} BadProgramme;

static ProgrammeTarget spoilt_targets[3];

static void p_no_name(Programme *x)
{
	x->name = NULL;
}
static void p_bad_level(Programme *x)
{
	x->level = "regional";
}
static void p_local_without_province(Programme *x)
{
	x->province_code = NULL;
}
static void p_national_with_province(Programme *x)
{
	x->level = "national";
}
static void p_ends_before_start(Programme *x)
{
	x->end_year = 2015;
}
static void p_year_1800(Programme *x)
{
	x->start_year = 1800;
}
static void p_unknown_province(Programme *x)
{
	x->province_code = "99";
}
static void p_legacy_in_2026(Programme *x)
{
	x->start_year = 2026;
	x->end_year = 2030;
}
static void p_bad_date(Programme *x)
{
	x->decision_date = "32/01/2016";
}
static void p_unknown_instrument(Programme *x)
{
	x->instrument_code = "T_NONE";
}
/* Spoils one of the three targets (a copy). */
static void spoil_target(Programme *x, int i, ProgrammeTarget t)
{
	memcpy(spoilt_targets, soc_trang_targets, sizeof spoilt_targets);
	spoilt_targets[i] = t;
	x->targets = spoilt_targets;
}
static void t_unknown_indicator(Programme *x)
{
	spoil_target(x, 0, (ProgrammeTarget){"T_NONE", 1, NULL, NULL});
}
static void t_negative(Programme *x)
{
	spoil_target(x, 1, (ProgrammeTarget){"T_BUDGET", -25, NULL, NULL});
}
static void t_bad_qualifier(Programme *x)
{
	spoil_target(x, 2, (ProgrammeTarget){"T_COUNTERPART", 1, "tối đa", NULL});
}
static void t_twice(Programme *x)
{
	spoil_target(x, 2, (ProgrammeTarget){"T_PROJECTS", 1, NULL, NULL});
}

static const BadProgramme bad_programmes[] = {
        {"no name", p_no_name, "name", "Chưa nhập tên chương trình"},
        {"unknown level", p_bad_level, "level", "Cấp 'regional' không có"},
        {"local without province", p_local_without_province, "province_code",
                "phải thuộc một tỉnh"},
        {"national with province", p_national_with_province, "province_code",
                "không thuộc tỉnh nào"},
        {"end before start", p_ends_before_start, "end_year", "2015 trước năm bắt đầu 2016"},
        {"start year 1800", p_year_1800, "start_year", "1800"},
        {"unknown province", p_unknown_province, "province_code", "'99' không có"},
        {"legacy province from 2026", p_legacy_in_2026, "province_code", "trong năm 2026"},
        {"decision date 32/01", p_bad_date, "decision_date", "'32/01/2016'"},
        {"unknown instrument", p_unknown_instrument, "instrument_code", "'T_NONE'"},
        {"target of an unknown indicator", t_unknown_indicator, "targets[0].indicator_code",
                "Chỉ tiêu 'T_NONE' không có"},
        {"negative target", t_negative, "targets[1].value", "không được âm"},
        {"unknown qualifier", t_bad_qualifier, "targets[2].qualifier", "'tối đa'"},
        {"indicator twice", t_twice, "targets[2].indicator_code", "hai lần"},
};

static void invalid_programme_changes_nothing(void **state)
{
	const BadProgramme *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	Programme x = soc_trang();
	b->spoil(&x);
	int64_t id = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(store_programme_create(t.db, &officer, &x, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM programme"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM programme_target"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), 0);
	tmpdb_close(&t);
}

static void targets_upsert_and_delete(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Programme x = soc_trang();
	x.n_targets = 1;
	int64_t id = add_programme(db, x);
	Err e;
	ProgrammeTarget t = {"T_BUDGET", 25000000000, "trên", NULL};
	assert_int_equal(store_programme_target_set(db, &officer, id, &t, &e), 0);
	t.value = 26000000000;
	t.qualifier = NULL;
	assert_int_equal(store_programme_target_set(db, &officer, id, &t, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT value FROM programme_target"
	                               " WHERE indicator_code = 'T_BUDGET'"),
	        26000000000);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'programme_target'"
	                               " AND before_json LIKE '%\"qualifier\":\"trên\"%'"
	                               " AND after_json LIKE '%\"value\":26000000000%'"),
	        1);
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	/* Invalid targets, a missing programme: nothing written. */
	t.indicator_code = "T_NONE";
	assert_int_equal(store_programme_target_set(db, &officer, id, &t, &e), KC_EINVAL);
	assert_string_equal(e.field, "indicator_code");
	t.indicator_code = "T_BUDGET";
	t.qualifier = "tầm";
	assert_int_equal(store_programme_target_set(db, &officer, id, &t, &e), KC_EINVAL);
	assert_string_equal(e.field, "qualifier");
	t.qualifier = NULL;
	assert_int_equal(store_programme_target_set(db, &officer, id + 9, &t, &e), KC_ENOTFOUND);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(db_depth(db), 0);

	assert_int_equal(store_programme_target_delete(db, &officer, id, "T_BUDGET", &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM programme_target"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'programme_target' AND after_json IS NULL"
	                               " AND before_json LIKE '%\"indicator_code\":\"T_BUDGET\"%'"),
	        1);
	assert_int_equal(
	        store_programme_target_delete(db, &officer, id, "T_BUDGET", &e), KC_ENOTFOUND);
	assert_string_equal(e.field, "indicator_code");
}

static void programme_update_checks_version_and_plans(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = add_programme(db, soc_trang());
	Programme x = soc_trang();
	x.id = id;
	x.version = 1;
	x.note = "Phê duyệt lại";
	Err e;
	assert_int_equal(store_programme_update(db, &officer, &x, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT version FROM programme"), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND before_json LIKE '%\"note\":null%'"
	                               " AND after_json LIKE '%Phê duyệt lại%'"),
	        1);
	assert_int_equal(store_programme_update(db, &officer, &x, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "người khác sửa"));
	x.id = id + 5;
	assert_int_equal(store_programme_update(db, &officer, &x, &e), KC_ENOTFOUND);
	/* A 2019 plan pins the phase, the level and the province. */
	add_plan(db, plan_2019(id));
	x.id = id;
	x.version = 2;
	x.end_year = 2018;
	assert_int_equal(store_programme_update(db, &officer, &x, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "1 kế hoạch năm"));
	x.end_year = 2020;
	x.province_code = "93";
	assert_int_equal(store_programme_update(db, &officer, &x, &e), KC_ECONFLICT);
	x.level = "national";
	x.province_code = NULL;
	assert_int_equal(store_programme_update(db, &officer, &x, &e), KC_ECONFLICT);
	assert_int_equal(db_scalar(db, "SELECT version FROM programme"), 2);
	assert_int_equal(db_depth(db), 0);
	/* A wider phase still holds the plan. */
	x = soc_trang();
	x.id = id;
	x.version = 2;
	x.start_year = 2015;
	assert_int_equal(store_programme_update(db, &officer, &x, &e), 0);
}

static void programme_delete_refused_while_used(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = add_programme(db, soc_trang());
	int64_t plan = add_plan(db, plan_2019(id));
	Err e;
	assert_int_equal(store_programme_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "còn kế hoạch năm"));
	assert_int_equal(store_programme_plan_delete(db, &officer, plan, 1, &e), 0);
	char sql[512];
	snprintf(sql, sizeof sql,
	        "INSERT INTO project (code, title, level, activity_code, province_list,"
	        " province_code, programme_id, registration_year, start_year, end_year, title_key,"
	        " sort_key, created_at, updated_at) VALUES ('T-1', 'Đề án', 'local', 'T_TRAIN',"
	        " 'legacy', '94', %lld, 2019, 2019, 2019, 'de an', 'x', 'now', 'now')",
	        (long long)id);
	assert_int_equal(db_exec(db, sql, &e), 0);
	assert_int_equal(store_programme_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "còn đề án"));
	assert_int_equal(db_exec(db, "DELETE FROM project", &e), 0);
	assert_int_equal(store_programme_delete(db, &officer, id, 3, &e), KC_ECONFLICT);
	assert_int_equal(store_programme_delete(db, &officer, id, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM programme"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM programme_target"), 0);
	/* Each target's deletion is audited, then the programme's. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'programme_target'"),
	        3);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'programme' AND after_json IS NULL"
	                               " AND before_json LIKE '%2016 - 2020%'"),
	        1);
	assert_int_equal(store_programme_delete(db, &officer, id, 1, &e), KC_ENOTFOUND);
}

/* ---- Annual plans ------------------------------------------------------------------ */

static void plan_with_lines_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t prog = add_programme(db, soc_trang());
	AnnualPlan in = plan_2019(prog);
	in.decision_no = "QĐ 1/QĐ-UBND";
	in.decision_date = "2019-01-15";
	int64_t id = add_plan(db, in);
	Arena arena = {0};
	AnnualPlan out;
	Err e;
	assert_int_equal(store_programme_plan_get(db, id, &arena, &out, &e), 0);
	assert_int_equal(out.programme_id, prog);
	assert_string_equal(out.level, "local");
	assert_string_equal(out.province_code, "94");
	assert_int_equal(out.year, 2019);
	assert_string_equal(out.decision_date, "2019-01-15");
	assert_string_equal(out.approver, "UBND tỉnh");
	assert_int_equal(out.version, 1);
	assert_int_equal(out.n_lines, 2);
	assert_string_equal(out.lines[0].activity_code, "T_TRAIN");
	assert_string_equal(out.lines[0].indicator_code, "T_TRAINEES");
	assert_string_equal(out.lines[0].source_code, "T_PROV");
	assert_int_equal(out.lines[0].planned_amount, 300000000);
	assert_int_equal(out.lines[0].planned_qty, 2);
	assert_true(out.lines[0].id > 0);
	assert_string_equal(out.lines[1].activity_code, "T_FAIR");
	assert_null(out.lines[1].source_code);
	assert_int_equal(out.lines[1].planned_amount, -1);
	assert_int_equal(out.lines[1].planned_qty, -1);
	assert_string_equal(out.lines[1].note, "chưa phân bổ");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'annual_plan'"
	                               " AND after_json LIKE '%\"year\":2019%'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'annual_plan_line'"),
	        2);
	assert_int_equal(store_programme_plan_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
	/* Without a programme: the Ministry's part of the province's plan. */
	AnnualPlan kcqg = store_programme_plan_blank();
	kcqg.level = "national";
	kcqg.province_list = "legacy";
	kcqg.province_code = "94";
	kcqg.year = 2019;
	kcqg.approver = "Bộ Công Thương";
	id = add_plan(db, kcqg);
	assert_int_equal(store_programme_plan_get(db, id, &arena, &out, &e), 0);
	assert_int_equal(out.programme_id, -1);
	assert_int_equal(out.n_lines, 0);
	arena_free(&arena);
}

typedef struct BadPlan {
	const char *why;
	void (*spoil)(AnnualPlan *);
	const char *field;
	const char *says;
} BadPlan;

static void a_bad_level(AnnualPlan *x)
{
	x->level = "district";
}
static void a_year_1800(AnnualPlan *x)
{
	x->year = 1800;
}
static void a_no_province(AnnualPlan *x)
{
	x->province_code = NULL;
}
static void a_current_in_2019(AnnualPlan *x)
{
	x->province_list = "current";
	x->province_code = "92";
}
static void a_unknown_programme(AnnualPlan *x)
{
	x->programme_id = 77;
}
static void a_national_under_local(AnnualPlan *x)
{
	x->level = "national";
}
static void a_outside_phase(AnnualPlan *x)
{
	x->year = 2021;
}
static void a_other_province(AnnualPlan *x)
{
	x->province_code = "93"; /* Hậu Giang under Sóc Trăng's programme */
}
static void a_bad_date(AnnualPlan *x)
{
	x->decision_date = "2019-13-01";
}
static void l_no_activity(AnnualPlan *x)
{
	plan_lines[0].activity_code = NULL;
	(void)x;
}
static void l_unknown_activity(AnnualPlan *x)
{
	plan_lines[1].activity_code = "T_NONE";
	(void)x;
}
static void l_activity_ended(AnnualPlan *x)
{
	x->programme_id = -1;
	x->year = 2023;
	plan_lines[1].activity_code = "T_OLD";
}
static void l_unknown_indicator(AnnualPlan *x)
{
	plan_lines[1].indicator_code = "T_NONE";
	(void)x;
}
static void l_unknown_source(AnnualPlan *x)
{
	plan_lines[0].source_code = "T_NONE";
	(void)x;
}
static void l_district_budget_2026(AnnualPlan *x)
{
	x->programme_id = -1;
	x->province_list = "current";
	x->province_code = "92";
	x->year = 2026;
	plan_lines[0].source_code = "district";
}
static void l_negative_amount(AnnualPlan *x)
{
	plan_lines[0].planned_amount = -300;
	(void)x;
}
static void l_negative_qty(AnnualPlan *x)
{
	plan_lines[1].planned_qty = -2;
	(void)x;
}

static const BadPlan bad_plans[] = {
        {"unknown level", a_bad_level, "level", "'district' không có"},
        {"year 1800", a_year_1800, "year", "Năm kế hoạch 1800"},
        {"no province", a_no_province, "province_code", "Chưa chọn tỉnh"},
        {"current province in 2019", a_current_in_2019, "province_code", "trong năm 2019"},
        {"unknown programme", a_unknown_programme, "programme_id", "số 77"},
        {"national plan under a local programme", a_national_under_local, "programme_id",
                "quốc gia không thể thuộc chương trình khuyến công địa phương"},
        {"year outside the phase", a_outside_phase, "programme_id", "2016 - 2020"},
        {"programme of another province", a_other_province, "programme_id", "mã '94'"},
        {"decision date in month 13", a_bad_date, "decision_date", "2019-13-01"},
        {"line without activity", l_no_activity, "lines[0].activity_code", "Chưa chọn"},
        {"line of an unknown activity", l_unknown_activity, "lines[1].activity_code",
                "'T_NONE' không có"},
        {"activity ended before the year", l_activity_ended, "lines[1].activity_code",
                "không áp dụng trong năm 2023"},
        {"line of an unknown indicator", l_unknown_indicator, "lines[1].indicator_code",
                "'T_NONE'"},
        {"line of an unknown source", l_unknown_source, "lines[0].source_code", "'T_NONE'"},
        {"district budget in 2026", l_district_budget_2026, "lines[0].source_code",
                "không còn cấp huyện"},
        {"negative amount", l_negative_amount, "lines[0].planned_amount", "không được âm"},
        {"negative quantity", l_negative_qty, "lines[1].planned_qty", "không được âm"},
};

static void invalid_plan_changes_nothing(void **state)
{
	const BadPlan *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	int64_t prog = add_programme(t.db, soc_trang());
	int64_t audits = db_scalar(t.db, "SELECT COUNT(*) FROM audit_log");
	AnnualPlan x = plan_2019(prog);
	b->spoil(&x);
	int64_t id = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(store_programme_plan_create(t.db, &officer, &x, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM annual_plan"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM annual_plan_line"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), audits);
	tmpdb_close(&t);
}

static void plan_is_unique_per_level_province_year(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t prog = add_programme(db, soc_trang());
	add_plan(db, plan_2019(prog));
	AnnualPlan x = plan_2019(-1);
	int64_t id;
	Err e;
	assert_int_equal(store_programme_plan_create(db, &officer, &x, &id, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "year");
	assert_non_null(strstr(e.msg, "đã có kế hoạch khuyến công địa phương năm 2019"));
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan_line"), 2);
	/* Another level, year or province is another plan. */
	x.level = "national";
	assert_int_equal(store_programme_plan_create(db, &officer, &x, &id, &e), 0);
	x.level = "local";
	x.year = 2020;
	assert_int_equal(store_programme_plan_create(db, &officer, &x, &id, &e), 0);
	x.province_code = "93";
	assert_int_equal(store_programme_plan_create(db, &officer, &x, &id, &e), 0);
	/* Moving a plan onto an existing one is refused too. */
	Arena arena = {0};
	AnnualPlan got;
	assert_int_equal(store_programme_plan_get(db, id, &arena, &got, &e), 0);
	got.province_code = "94";
	assert_int_equal(store_programme_plan_update(db, &officer, &got, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "year");
	arena_free(&arena);
}

static void plan_follows_the_merged_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Programme p = soc_trang();
	p.name = "Chương trình khuyến công tỉnh Sóc Trăng giai đoạn 2021 - 2025";
	p.start_year = 2021;
	p.end_year = 2025;
	int64_t prog = add_programme(db, p);
	/* From 01/7/2025 Sóc Trăng is part of Cần Thơ (92): its 2025 plan may
	 * carry on the programme; Hậu Giang's legacy plan may not. */
	AnnualPlan x = plan_2019(prog);
	x.province_list = "current";
	x.province_code = "92";
	x.year = 2025;
	plan_lines[0].source_code = "district"; /* districts still existed in 2025 */
	add_plan(db, x);
	x.province_list = "legacy";
	x.province_code = "93";
	x.n_lines = 0;
	int64_t id;
	Err e;
	assert_int_equal(store_programme_plan_create(db, &officer, &x, &id, &e), KC_EINVAL);
	assert_string_equal(e.field, "programme_id");
	/* The national programme has no province to match. */
	int64_t kcqg = add_programme(db, national_2021());
	x.programme_id = kcqg;
	x.level = "national";
	assert_int_equal(store_programme_plan_create(db, &officer, &x, &id, &e), 0);
}

static void plan_update_checks_version_and_lines(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AnnualPlan x = plan_2019(-1);
	plan_lines[1].activity_code = "T_OLD";
	int64_t id = add_plan(db, x);
	x.id = id;
	x.version = 1;
	x.decision_no = "QĐ 2/QĐ-UBND";
	x.n_lines = 0; /* update leaves lines alone */
	Err e;
	assert_int_equal(store_programme_plan_update(db, &officer, &x, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT version FROM annual_plan"), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan_line"), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'annual_plan'"
	                               " AND before_json LIKE '%\"decision_no\":null%'"
	                               " AND after_json LIKE '%QĐ 2/QĐ-UBND%'"),
	        1);
	assert_int_equal(store_programme_plan_update(db, &officer, &x, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "người khác sửa"));
	/* Moving the plan to 2023 would leave a line whose content ended in 2020. */
	x.version = 2;
	x.year = 2023;
	assert_int_equal(store_programme_plan_update(db, &officer, &x, &e), KC_EINVAL);
	assert_string_equal(e.field, "lines[1].activity_code");
	assert_int_equal(db_scalar(db, "SELECT year FROM annual_plan"), 2019);
	x.id = id + 3;
	assert_int_equal(store_programme_plan_update(db, &officer, &x, &e), KC_ENOTFOUND);
	assert_int_equal(db_depth(db), 0);
}

static void plan_lines_add_update_delete(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AnnualPlan x = plan_2019(-1);
	x.n_lines = 0;
	int64_t plan = add_plan(db, x);
	PlanLine l = line("T_TRAIN", "T_PROV", 150000000, 30);
	int64_t id;
	Err e;
	assert_int_equal(store_programme_plan_line_add(db, &officer, plan, &l, &id, &e), 0);
	l.id = id;
	l.planned_amount = 180000000;
	assert_int_equal(store_programme_plan_line_update(db, &officer, &l, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT planned_amount FROM annual_plan_line"), 180000000);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'annual_plan_line'"
	                               " AND before_json LIKE '%\"planned_amount\":150000000%'"
	                               " AND after_json LIKE '%\"planned_amount\":180000000%'"),
	        1);
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	l.planned_qty = -4;
	assert_int_equal(store_programme_plan_line_update(db, &officer, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "planned_qty");
	l.planned_qty = 30;
	l.activity_code = "T_NONE";
	assert_int_equal(store_programme_plan_line_add(db, &officer, plan, &l, &id, &e), KC_EINVAL);
	l.activity_code = "T_TRAIN";
	assert_int_equal(
	        store_programme_plan_line_add(db, &officer, plan + 1, &l, &id, &e), KC_ENOTFOUND);
	l.id = 999;
	assert_int_equal(store_programme_plan_line_update(db, &officer, &l, &e), KC_ENOTFOUND);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(db_scalar(db, "SELECT planned_qty FROM annual_plan_line"), 30);
	assert_int_equal(db_depth(db), 0);
	assert_int_equal(store_programme_plan_line_delete(db, &officer, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan_line"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'annual_plan_line'"
	                               " AND before_json LIKE '%T_TRAIN%'"),
	        1);
	assert_int_equal(store_programme_plan_line_delete(db, &officer, 1, &e), KC_ENOTFOUND);
}

static void plan_delete_refused_while_used(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = add_plan(db, plan_2019(-1));
	char sql[512];
	snprintf(sql, sizeof sql,
	        "INSERT INTO project (code, title, level, activity_code, province_list,"
	        " province_code, plan_id, registration_year, start_year, end_year, title_key,"
	        " sort_key, created_at, updated_at) VALUES ('T-1', 'Đề án', 'local', 'T_TRAIN',"
	        " 'legacy', '94', %lld, 2019, 2019, 2019, 'de an', 'x', 'now', 'now')",
	        (long long)id);
	Err e;
	assert_int_equal(db_exec(db, sql, &e), 0);
	assert_int_equal(store_programme_plan_delete(db, &officer, id, 1, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "còn đề án"));
	assert_int_equal(db_exec(db, "DELETE FROM project", &e), 0);
	assert_int_equal(store_programme_plan_delete(db, &officer, id, 2, &e), KC_ECONFLICT);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan_line"), 2);
	assert_int_equal(store_programme_plan_delete(db, &officer, id, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan_line"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'annual_plan_line'"),
	        2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'annual_plan' AND after_json IS NULL"),
	        1);
	assert_int_equal(store_programme_plan_delete(db, &officer, id, 1, &e), KC_ENOTFOUND);
}

static void programme_list_filters_and_order(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_programme(db, soc_trang());
	Programme p = soc_trang();
	p.province_code = "93";
	p.name = "Chương trình khuyến công tỉnh Hậu Giang giai đoạn 2016 - 2020";
	add_programme(db, p);
	add_programme(db, national_2021());
	Arena arena = {0};
	ProgrammeList pl;
	Err e;
	ProgrammeFilter pf = store_programme_filter();
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), 0);
	assert_int_equal(pl.total, 3);
	assert_string_equal(pl.v[0].level, "national"); /* the latest phase first */
	assert_string_equal(pl.v[1].province_code, "93");
	assert_string_equal(pl.v[2].province_code, "94");
	assert_int_equal(pl.v[2].n_targets, 0); /* lists leave targets out */
	pf.year = 2019;
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), 0);
	assert_int_equal(pl.total, 2);
	pf.province_list = "legacy";
	pf.province_code = "94";
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), 0);
	assert_int_equal(pl.total, 1);
	pf = store_programme_filter();
	pf.level = "national";
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), 0);
	assert_int_equal(pl.total, 1);
	pf.limit = -1;
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), KC_EINVAL);
	arena_free(&arena);
}

static void plan_list_filters_and_order(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t st16 = add_programme(db, soc_trang());
	Arena arena = {0};
	Err e;
	AnnualPlan x = plan_2019(st16);
	add_plan(db, x);
	x.year = 2018;
	add_plan(db, x);
	x.programme_id = -1;
	x.level = "national";
	add_plan(db, x);
	PlanList l;
	PlanFilter f = store_programme_plan_filter();
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.v[0].year, 2019);
	assert_string_equal(l.v[1].level, "national");
	assert_int_equal(l.v[1].year, 2018);
	assert_string_equal(l.v[2].level, "local");
	assert_int_equal(l.v[0].n_lines, 0);
	f.year = 2018;
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f.level = "local";
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f = store_programme_plan_filter();
	f.programme_id = st16;
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_programme_plan_filter();
	f.province_list = "legacy";
	f.province_code = "93";
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 0);
	f.province_code = "94";
	f.limit = 1;
	f.offset = 2;
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].year, 2018);
	arena_free(&arena);
}

/* Sóc Trăng's programme and plan (legacy 94) are Cần Thơ's (current 92)
 * today, not Hà Nội's; the national programme is everyone's. */
static void lists_by_current_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t st16 = add_programme(db, soc_trang());
	Programme p = soc_trang();
	p.province_code = "01";
	p.name = "Chương trình khuyến công thành phố Hà Nội giai đoạn 2016 - 2020";
	p.n_targets = 0;
	add_programme(db, p);
	add_programme(db, national_2021());
	add_plan(db, plan_2019(st16));
	AnnualPlan x = plan_2019(-1);
	x.province_code = "01";
	x.n_lines = 0;
	add_plan(db, x);
	Arena arena = {0};
	Err e;
	ProgrammeList pl;
	ProgrammeFilter pf = store_programme_filter();
	pf.current_province = "92";
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), 0);
	assert_int_equal(pl.total, 2);
	assert_string_equal(pl.v[0].level, "national");
	assert_string_equal(pl.v[1].province_code, "94");
	pf.level = "local";
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), 0);
	assert_int_equal(pl.total, 1);
	pf = store_programme_filter();
	pf.current_province = "01";
	assert_int_equal(store_programme_list(db, &pf, &arena, &pl, &e), 0);
	assert_int_equal(pl.total, 2);
	assert_string_equal(pl.v[1].province_code, "01");
	PlanList l;
	PlanFilter f = store_programme_plan_filter();
	f.current_province = "92";
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].province_code, "94");
	f.current_province = "01";
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].province_code, "01");
	f.current_province = "15";
	assert_int_equal(store_programme_plan_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 0);
	arena_free(&arena);
}

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	int64_t prog = add_programme(db, soc_trang());
	int64_t plan = add_plan(db, plan_2019(prog));
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	Programme p = national_2021();
	p.targets = soc_trang_targets;
	p.n_targets = 3;
	int64_t id;
	assert_int_not_equal(store_programme_create(db, &officer, &p, &id, &e), 0);
	ProgrammeTarget t = {"T_TRAINEES", 100, NULL, NULL};
	assert_int_not_equal(store_programme_target_set(db, &officer, prog, &t, &e), 0);
	assert_int_not_equal(store_programme_target_delete(db, &officer, prog, "T_BUDGET", &e), 0);
	assert_int_not_equal(store_programme_delete(db, &officer, prog, 1, &e), 0);
	AnnualPlan x = plan_2019(prog);
	x.year = 2020;
	assert_int_not_equal(store_programme_plan_create(db, &officer, &x, &id, &e), 0);
	PlanLine l = line("T_FAIR", NULL, 5, 5);
	assert_int_not_equal(store_programme_plan_line_add(db, &officer, plan, &l, &id, &e), 0);
	assert_int_not_equal(store_programme_plan_line_delete(db, &officer, 1, &e), 0);
	assert_int_not_equal(store_programme_plan_delete(db, &officer, plan, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM programme"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM programme_target"), 3);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM annual_plan_line"), 2);
	assert_int_equal(db_depth(db), 0);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, seed_programme_with_targets);
	for (size_t i = 0; i < COUNT_OF(bad_programmes); i++)
		tl_addf(&tl, invalid_programme_changes_nothing, (void *)&bad_programmes[i],
		        "invalid programme: %s", bad_programmes[i].why);
	TL_ADD(&tl, targets_upsert_and_delete);
	TL_ADD(&tl, programme_update_checks_version_and_plans);
	TL_ADD(&tl, programme_delete_refused_while_used);
	TL_ADD(&tl, plan_with_lines_read_back);
	for (size_t i = 0; i < COUNT_OF(bad_plans); i++)
		tl_addf(&tl, invalid_plan_changes_nothing, (void *)&bad_plans[i],
		        "invalid plan: %s", bad_plans[i].why);
	TL_ADD(&tl, plan_is_unique_per_level_province_year);
	TL_ADD(&tl, plan_follows_the_merged_province);
	TL_ADD(&tl, plan_update_checks_version_and_lines);
	TL_ADD(&tl, plan_lines_add_update_delete);
	TL_ADD(&tl, plan_delete_refused_while_used);
	TL_ADD(&tl, programme_list_filters_and_order);
	TL_ADD(&tl, plan_list_filters_and_order);
	TL_ADD(&tl, lists_by_current_province);
	TL_ADD(&tl, failed_audit_leaves_nothing);
	/* Tests that need a fresh database get one each. */
	for (size_t i = 0; i < tl.n; i++)
		if (tl.v[i].test_func != invalid_programme_changes_nothing &&
		        tl.v[i].test_func != invalid_plan_changes_nothing) {
			tl.v[i].setup_func = setup;
			tl.v[i].teardown_func = teardown;
		}
	return tl_run(&tl, "store/programme");
}
