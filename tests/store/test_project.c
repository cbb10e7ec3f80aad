/* test_project.c — đề án on a real SQLite file: create, read, update,
 * delete, lists with re-based provinces, every lifecycle path, partners,
 * beneficiaries, adjustments with approvers read from the rule table, audit
 * rows and atomicity.
 *
 * The reference rows these tests need (activity contents, adjustment rules,
 * organisations) are inserted here with ON CONFLICT DO NOTHING and ids above
 * 1000, so the tests hold whatever the seeded rule migration contains. The
 * test rules are in force in 2019 only: the latest valid_from wins, so they
 * decide the approver of a 2019 request even beside seeded rules without
 * dates. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_establishment.h"
#include "store/store_project.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

static const char reference_sql[] =
        "INSERT INTO activity_content (code, scheme, position, label_vi) VALUES"
        " ('C03_DEMO_TECH', 'nd45', 3, 'Mô hình trình diễn kỹ thuật'),"
        " ('C01_TRAINING', 'nd45', 1, 'Đào tạo nghề') ON CONFLICT DO NOTHING;"
        "INSERT INTO organisation (id, kind, name, name_key, sort_key) VALUES"
        " (1001, 'promotion_centre', 'Trung tâm Khuyến công Sóc Trăng', 'trung tam', 'a'),"
        " (1002, 'partner', 'Viện Nghiên cứu Cơ khí', 'vien', 'b'),"
        " (1003, 'partner', 'Hội Nông dân tỉnh', 'hoi', 'c') ON CONFLICT DO NOTHING;"
        "INSERT INTO adjustment_rule (id, kind, program_level, approver, valid_from, valid_to)"
        " VALUES (1001, 'increase_support', 'national', 'ministry', '2019-01-01', '2019-12-31'),"
        " (1002, 'change_content', 'national', 'ministry', '2019-01-01', '2019-12-31'),"
        " (1003, 'extend_next_year', 'national', 'ministry', '2019-01-01', '2019-12-31'),"
        " (1004, 'add_project', 'national', 'ministry', '2019-01-01', '2019-12-31'),"
        " (1005, 'stop', 'national', 'ministry', '2019-01-01', '2019-12-31'),"
        " (1006, 'change_location', 'national', 'agency', '2019-01-01', '2019-12-31'),"
        " (1007, 'change_beneficiary', 'national', 'agency', '2019-01-01', '2019-12-31'),"
        " (1008, 'change_partner', 'national', 'agency', '2019-01-01', '2019-12-31'),"
        " (1009, 'change_timing_in_year', 'national', 'agency', '2019-01-01', '2019-12-31'),"
        " (1010, 'reduce_support', 'national', 'agency', '2019-01-01', '2019-12-31'),"
        " (1011, 'other', 'national', 'agency', '2019-01-01', '2019-12-31'),"
        " (1101, 'stop', 'local', 'ppc', '2019-01-01', '2019-12-31'),"
        " (1102, 'other', 'local', 'doit', '2019-01-01', '2019-12-31') ON CONFLICT DO NOTHING;";

static int open_db(TmpDb *t)
{
	Err e;
	if (tmpdb_open(t, TMPDB_LOADED) || db_exec(t->db, reference_sql, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
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

/* A KCQG demonstration đề án in a ward of Sóc Trăng (legacy list),
 * registered in 2018 and carried out in 2019 (DOMAIN §4.4). */
static Project banh_pia(void)
{
	Project p = store_project_blank();
	p.code = " KCQG-2019-ST-01 ";
	p.title = "Hỗ trợ ứng dụng máy móc sản xuất bánh pía";
	p.level = "national";
	p.activity_code = "C03_DEMO_TECH";
	p.province_list = "legacy";
	p.province_code = "94";
	p.commune_list = "legacy";
	p.commune_code = "31498";
	p.implementing_id = 1001;
	p.registration_year = 2018;
	p.start_year = 2019;
	p.end_year = 2019;
	p.eligible_from = "15/03/2019";
	p.eligible_to = "2019-12-31";
	p.objective = "Nâng công suất đóng gói";
	return p;
}

static int64_t create(Db *db, const Project *p)
{
	int64_t id = 0;
	Err e;
	if (store_project_create(db, &officer, p, &id, &e))
		fail_msg("create %s: %s (%s)", p->code, e.msg, e.field);
	return id;
}

static int version_of(Db *db, int64_t id)
{
	char sql[80];
	snprintf(sql, sizeof sql, "SELECT version FROM project WHERE id = %lld", (long long)id);
	return (int)db_scalar(db, sql);
}

static const char *status_of(Db *db, int64_t id, Arena *arena)
{
	Project p;
	Err e;
	if (store_project_get(db, id, arena, &p, &e))
		fail_msg("%s", e.msg);
	return p.status;
}

/* The moves made by a decision (written here from DOMAIN §3.5, not read from
 * the module): they get a number and a date, the others none. */
static bool decided(const char *to)
{
	static const char *const v[] = {
	        "approved", "carried_over", "accepted", "settled", "terminated"};
	for (size_t i = 0; i < COUNT_OF(v); i++)
		if (!strcmp(v[i], to))
			return true;
	return false;
}

/* Moves đề án id to `to`, with "QĐ <to>" dated 01/03/2019 where decided. */
static void go(Db *db, int64_t id, const char *to)
{
	Transition t = store_project_transition_blank();
	char no[64];
	snprintf(no, sizeof no, "QĐ %s", to);
	t.event_date = "02/03/2019";
	if (decided(to)) {
		t.decision_no = no;
		t.decision_date = "01/03/2019";
	}
	Err e;
	if (store_project_transition(db, &officer, id, version_of(db, id), to, &t, &e))
		fail_msg("-> %s: %s", to, e.msg);
}

static void go_path(Db *db, int64_t id, const char *const *path)
{
	for (; *path; path++)
		go(db, id, *path);
}

static const char *const to_in_progress[] = {"registered", "appraised_basic", "appraised",
        "approved", "contracted", "in_progress", NULL};

/* ---- Create, read, validation --------------------------------------------------------- */

static void create_and_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project in = banh_pia();
	in.status = "closed"; /* ignored: a đề án starts as a draft */
	int64_t id = create(db, &in);
	Arena arena = {0};
	Project out;
	Err e;
	assert_int_equal(store_project_get(db, id, &arena, &out, &e), 0);
	assert_string_equal(out.code, "KCQG-2019-ST-01"); /* trimmed */
	assert_string_equal(out.title, in.title);
	assert_string_equal(out.kind, "project");
	assert_string_equal(out.level, "national");
	assert_string_equal(out.type, "ordinary");
	assert_string_equal(out.scope, "provincial");
	assert_string_equal(out.activity_code, "C03_DEMO_TECH");
	assert_string_equal(out.province_code, "94");
	assert_string_equal(out.commune_code, "31498");
	assert_int_equal(out.implementing_id, 1001);
	assert_int_equal(out.programme_id, -1);
	assert_int_equal(out.plan_id, -1);
	assert_int_equal(out.registration_year, 2018);
	assert_int_equal(out.start_year, 2019);
	assert_int_equal(out.end_year, 2019);
	assert_string_equal(out.eligible_from, "2019-03-15"); /* stored ISO */
	assert_string_equal(out.eligible_to, "2019-12-31");
	assert_string_equal(out.objective, "Nâng công suất đóng gói");
	assert_null(out.note);
	assert_string_equal(out.status, "draft");
	assert_string_equal(out.status_date, "2026-11-22");
	assert_int_equal(out.version, 1);
	ProjectEvents ev;
	assert_int_equal(store_project_events(db, id, &arena, &ev, &e), 0);
	assert_int_equal(ev.n, 1);
	assert_null(ev.v[0].from_status);
	assert_string_equal(ev.v[0].to_status, "draft");
	assert_string_equal(ev.v[0].event_date, "2026-11-22");
	assert_string_equal(ev.v[0].created_at, "2026-11-22T08:00:00Z");
	assert_int_equal(ev.v[0].user_id, -1);
	arena_free(&arena);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'project' AND actor = 'can.bo'"
	                               " AND before_json IS NULL"
	                               " AND after_json LIKE '%\"code\":\"KCQG-2019-ST-01\"%'"
	                               " AND after_json LIKE '%\"status\":\"draft\"%'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'project_event'"
	                               " AND after_json LIKE '%\"to_status\":\"draft\"%'"),
	        1);
	assert_int_equal(store_project_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
}

static void today_is_the_vietnamese_day(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	/* 18:30 UTC is 01:30 the next morning in Hà Nội. */
	Actor late = officer;
	late.now = "2026-11-22T18:30:00Z";
	Project p = banh_pia();
	int64_t id;
	Err e;
	assert_int_equal(store_project_create(db, &late, &p, &id, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM project WHERE status_date = '2026-11-23'"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"
	                               " WHERE event_date = '2026-11-23'"),
	        1);
}

/* A đề án entered after the fact keeps the day its draft was made. */
static void draft_made_on_a_given_day(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	p.status_date = "02/07/2018";
	int64_t id = create(db, &p);
	Arena arena = {0};
	ProjectEvents ev;
	Err e;
	assert_int_equal(store_project_events(db, id, &arena, &ev, &e), 0);
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.v[0].event_date, "2018-07-02");
	Project out;
	assert_int_equal(store_project_get(db, id, &arena, &out, &e), 0);
	assert_string_equal(out.status_date, "2018-07-02");
	arena_free(&arena);
	/* A day that does not exist is refused, naming the field. */
	p.code = "KCQG-2019-ST-02";
	p.status_date = "31/02/2018";
	assert_int_equal(store_project_create(db, &officer, &p, &id, &e), KC_EINVAL);
	assert_refused(db, &e, "status_date", "31/02/2018");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project"), 1);
}

typedef struct Bad {
	const char *why;
	void (*spoil)(Project *);
	const char *field;
	const char *says; /* part of the message */
	const char *sql;  /* run first, or NULL */
} Bad;

static void no_code(Project *p)
{
	p->code = "  ";
}
static void long_code(Project *p)
{
	p->code = "KCQG-2019-ST-01-0123456789-0123456789-0123456789-0123456789-0123456789";
}
static void no_title(Project *p)
{
	p->title = NULL;
}
static void title_not_utf8(Project *p)
{
	p->title = "B\xe1nh p\xed"
	           "a";
}
static void bad_kind(Project *p)
{
	p->kind = "program";
}
static void bad_level(Project *p)
{
	p->level = "provincial";
}
static void bad_type(Project *p)
{
	p->type = "pilot";
}
static void bad_scope(Project *p)
{
	p->scope = "national";
}
static void no_activity(Project *p)
{
	p->activity_code = NULL;
}
static void unknown_activity(Project *p)
{
	p->activity_code = "C99_NOPE";
}
static void done_before_registered(Project *p)
{
	p->registration_year = 2019;
	p->start_year = 2018;
	p->end_year = 2018;
}
static void ends_before_start(Project *p)
{
	p->end_year = 2018;
	p->registration_year = 2017;
	p->start_year = 2019;
}
static void no_registration_year(Project *p)
{
	p->registration_year = 0;
}
static void no_province(Project *p)
{
	p->province_code = NULL;
}
static void unknown_province(Project *p)
{
	p->province_code = "99";
	p->commune_code = NULL;
}
static void legacy_in_2026(Project *p)
{
	p->registration_year = 2026;
	p->start_year = 2026;
	p->end_year = 2026;
}
static void current_in_2019(Project *p)
{
	p->province_list = "current";
	p->province_code = "92";
	p->commune_code = NULL;
}
static void foreign_commune(Project *p)
{
	p->commune_code = "00004"; /* Hà Nội */
}
static void lists_mixed(Project *p)
{
	p->commune_list = "current";
}
static void unknown_implementer(Project *p)
{
	p->implementing_id = 999;
}
static void unknown_programme(Project *p)
{
	p->programme_id = 77;
}
static void local_programme(Project *p)
{
	p->programme_id = 5;
}
static void bad_date(Project *p)
{
	p->eligible_from = "31/02/2019";
}
static void window_reversed(Project *p)
{
	p->eligible_to = "01/03/2019";
}

static const Bad bad[] = {
        {"empty code", no_code, "code", "Chưa nhập mã đề án", NULL},
        {"code too long", long_code, "code", "dài quá 64", NULL},
        {"no title", no_title, "title", "Chưa nhập tên đề án", NULL},
        {"title not UTF-8", title_not_utf8, "title", "UTF-8", NULL},
        {"unknown kind", bad_kind, "kind", "Loại hồ sơ 'program' không có", NULL},
        {"unknown level", bad_level, "level", "'provincial' không có; chọn một trong: quốc gia",
                NULL},
        {"unknown type", bad_type, "type", "Loại đề án 'pilot' không có", NULL},
        {"unknown scope", bad_scope, "scope", "Phạm vi 'national' không có", NULL},
        {"no activity", no_activity, "activity_code", "Chưa chọn nội dung hoạt động", NULL},
        {"unknown activity", unknown_activity, "activity_code",
                "Nội dung hoạt động 'C99_NOPE' không có trong danh mục", NULL},
        {"carried out before registered", done_before_registered, "start_year",
                "Năm thực hiện (2018) trước năm đăng ký (2019)", NULL},
        {"ends before it starts", ends_before_start, "end_year",
                "Năm kết thúc (2018) trước năm bắt đầu thực hiện (2019)", NULL},
        {"registration year 0", no_registration_year, "registration_year",
                "Năm đăng ký 0 không hợp lệ", NULL},
        {"no province", no_province, "province_code", "Chưa chọn tỉnh", NULL},
        {"unknown province", unknown_province, "province_code", "Tỉnh mã '99' không có", NULL},
        {"legacy province in 2026", legacy_in_2026, "province_code", "trong năm 2026", NULL},
        {"current province in 2019", current_in_2019, "province_code", "trong năm 2019", NULL},
        {"commune of another province", foreign_commune, "commune_code", "không thuộc tỉnh mã '94'",
                NULL},
        {"lists mixed", lists_mixed, "commune_code", "cùng danh mục", NULL},
        {"unknown implementing unit", unknown_implementer, "implementing_id",
                "Đơn vị thực hiện số 999 không có", NULL},
        {"unknown programme", unknown_programme, "programme_id",
                "Chương trình khuyến công số 77 không có", NULL},
        {"programme of the other level", local_programme, "programme_id",
                "thuộc cấp địa phương, đề án thuộc cấp quốc gia",
                "INSERT INTO programme (id, level, province_list, province_code, name,"
                " start_year, end_year) VALUES (5, 'local', 'legacy', '94',"
                " 'Chương trình khuyến công tỉnh Sóc Trăng giai đoạn 2016 - 2020', 2016, 2020)"},
        {"date that does not exist", bad_date, "eligible_from", "'31/02/2019' không hợp lệ", NULL},
        {"invoice window reversed", window_reversed, "eligible_to",
                "Ngày cuối nhận chứng từ (01/03/2019) trước ngày đầu (15/03/2019)", NULL},
};

static void invalid_input_changes_nothing(void **state)
{
	const Bad *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	Err e;
	if (b->sql)
		assert_int_equal(db_exec(t.db, b->sql, &e), 0);
	Project p = banh_pia();
	b->spoil(&p);
	int64_t id = -1;
	err_clear(&e);
	assert_int_equal(store_project_create(t.db, &officer, &p, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM project"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM project_event"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), 0);
	tmpdb_close(&t);
}

static void code_is_unique(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t a = create(db, &p), b;
	Err e;
	p.code = "KCQG-2019-ST-01";
	p.title = "Đề án khác";
	assert_int_equal(store_project_create(db, &officer, &p, &b, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "code");
	assert_string_equal(e.msg, "Mã đề án 'KCQG-2019-ST-01' đã có");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 2);
	/* Renaming another đề án to the same code is refused too, but keeping
	 * one's own code is fine. */
	p.code = "KCQG-2019-ST-02";
	b = create(db, &p);
	p.id = b;
	p.version = 1;
	p.code = "KCQG-2019-ST-01";
	assert_int_equal(store_project_update(db, &officer, &p, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "code");
	p.code = "KCQG-2019-ST-02";
	assert_int_equal(store_project_update(db, &officer, &p, &e), 0);
	assert_true(a != b);
}

static void update_checks_the_version(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	Err e;
	p.id = id;
	p.version = 1;
	p.end_year = 2020;
	p.status = "closed"; /* not written by an update */
	assert_int_equal(store_project_update(db, &officer, &p, &e), 0);
	assert_int_equal(version_of(db, id), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project WHERE status = 'draft'"
	                               " AND end_year = 2020"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'project'"
	                               " AND before_json LIKE '%\"end_year\":2019%'"
	                               " AND after_json LIKE '%\"end_year\":2020%'"),
	        1);
	/* Someone else's edit was saved in between: this one is refused. */
	p.end_year = 2021;
	assert_int_equal(store_project_update(db, &officer, &p, &e), KC_ECONFLICT);
	assert_non_null(strstr(e.msg, "người khác sửa"));
	assert_int_equal(db_scalar(db, "SELECT end_year FROM project"), 2020);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"), 1);
	assert_int_equal(db_depth(db), 0);
	/* A transition moves the version too. */
	p.version = 2;
	go(db, id, "registered");
	assert_int_equal(store_project_update(db, &officer, &p, &e), KC_ECONFLICT);
	p.id = id + 100;
	assert_int_equal(store_project_update(db, &officer, &p, &e), KC_ENOTFOUND);
	/* An invalid update is refused before anything is read or written. */
	p = banh_pia();
	p.id = id;
	p.version = 3;
	p.title = "";
	assert_int_equal(store_project_update(db, &officer, &p, &e), KC_EINVAL);
	assert_string_equal(e.field, "title");
}

/* ---- Delete ---------------------------------------------------------------------------- */

static int64_t add_establishment(
        Db *db, const char *name, const char *list, const char *prov, const char *commune, int year)
{
	Establishment x = store_establishment_blank();
	x.name = name;
	x.province_list = list;
	x.province_code = prov;
	x.commune_list = commune ? list : NULL;
	x.commune_code = commune;
	x.survey_year = year;
	int64_t id;
	Err e;
	if (store_establishment_create(db, &officer, &x, &id, &e))
		fail_msg("%s: %s", name, e.msg);
	return id;
}

static void delete_draft_with_members(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	int64_t est =
	        add_establishment(db, "Cơ sở bánh pía Tân Huê Viên", "legacy", "94", NULL, 2019);
	Err e;
	assert_int_equal(store_project_partner_add(db, &officer, id, 1002, NULL, &e), 0);
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, est, &e), 0);
	assert_int_equal(store_project_delete(db, &officer, id, 7, &e), KC_ECONFLICT);
	assert_int_equal(store_project_delete(db, &officer, id, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_partner"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_beneficiary"), 0);
	/* One audit row for each row that went. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND after_json IS NULL AND ("
	                               " (table_name = 'project' AND before_json LIKE '%bánh pía%')"
	                               " OR (table_name = 'project_event'"
	                               "  AND before_json LIKE '%\"to_status\":\"draft\"%')"
	                               " OR (table_name = 'project_partner'"
	                               "  AND before_json LIKE '%\"org_id\":1002%')"
	                               " OR table_name = 'project_beneficiary')"),
	        4);
	assert_int_equal(store_project_delete(db, &officer, id, 1, &e), KC_ENOTFOUND);
	/* The establishment itself stays, free to be deleted now. */
	assert_int_equal(store_establishment_delete(db, &officer, est, 1, &e), 0);
}

static void delete_refused_by_status(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	go(db, id, "registered");
	go(db, id, "appraised_basic");
	Err e;
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(store_project_delete(db, &officer, id, 3, &e), KC_EDENIED);
	assert_string_equal(e.field, "status");
	assert_string_equal(e.msg,
	        "Không xóa được đề án 'KCQG-2019-ST-01' đang ở trạng thái 'Đã thẩm định cơ sở':"
	        " chỉ xóa được đề án 'Dự thảo' hoặc 'Đã đăng ký'; đề án đã qua thẩm định thì"
	        " chuyển sang 'Ngừng thực hiện'");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), 3);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(db_depth(db), 0);
	/* A registered one may go, unless another record names it. */
	p.code = "KCQG-2019-ST-02";
	int64_t reg = create(db, &p);
	go(db, reg, "registered");
	char sql[200];
	snprintf(sql, sizeof sql,
	        "INSERT INTO inspection (project_id, province_list, province_code, inspected_on)"
	        " VALUES (%lld, 'legacy', '94', '2019-05-01')",
	        (long long)reg);
	assert_int_equal(db_exec(db, sql, &e), 0);
	assert_int_equal(store_project_delete(db, &officer, reg, 2, &e), KC_ECONFLICT);
	assert_string_equal(e.msg, "Không xóa được đề án 'KCQG-2019-ST-02': còn lần kiểm tra");
	assert_int_equal(db_exec(db, "DELETE FROM inspection", &e), 0);
	/* Its adjustments go with it, each with an audit row. */
	Adjustment adj = store_project_adjustment_blank();
	adj.kind = "change_location";
	adj.requested_on = "2019-04-01";
	int64_t adj_id;
	assert_int_equal(store_project_adjust(db, &officer, reg, &adj, &adj_id, &e), 0);
	assert_int_equal(store_project_delete(db, &officer, reg, 2, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_adjustment"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'project_adjustment'"
	                               " AND before_json LIKE '%\"kind\":\"change_location\"%'"),
	        1);
}

/* ---- Lists ------------------------------------------------------------------------------- */

static int64_t add_project(Db *db, const char *code, const char *title, const char *list,
        const char *prov, int year, int end, const char *level)
{
	Project p = store_project_blank();
	p.code = code;
	p.title = title;
	p.level = level;
	p.activity_code = !strcmp(level, "local") ? "C01_TRAINING" : "C03_DEMO_TECH";
	p.province_list = list;
	p.province_code = prov;
	p.registration_year = year;
	p.start_year = year;
	p.end_year = end;
	return create(db, &p);
}

static void list_by_current_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_project(
	        db, "ST-2018", "Đào tạo nghề làm bánh pía", "legacy", "94", 2018, 2018, "local");
	add_project(db, "CT-2017", "Ứng dụng máy sấy lúa", "legacy", "92", 2017, 2017, "national");
	add_project(db, "CT-2026", "Mô hình sản xuất sạch hơn", "current", "92", 2026, 2026,
	        "national");
	add_project(db, "LC-2019", "Mô hình chế biến chè Bát Xát", "legacy", "10", 2019, 2019,
	        "national");
	add_project(db, "YB-2020", "Máy chế biến quế Văn Yên", "legacy", "15", 2020, 2021, "local");
	add_project(
	        db, "LC-2026", "Liên kết chuỗi giá trị quế", "current", "15", 2026, 2027, "local");
	Arena arena = {0};
	ProjectList l;
	Err e;
	ProjectFilter f = store_project_filter();
	/* Sóc Trăng (legacy 94) and Cần Thơ (legacy 92) are today's Cần Thơ (92). */
	f.current_province = "92";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_string_equal(l.v[0].code, "ST-2018"); /* Đào < Mô < Ứng */
	assert_string_equal(l.v[1].code, "CT-2026");
	assert_string_equal(l.v[2].code, "CT-2017");
	/* Lào Cai (legacy 10) and Yên Bái (legacy 15) are today's Lào Cai (15). */
	f.current_province = "15";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_string_equal(l.v[0].code, "LC-2026");
	assert_string_equal(l.v[1].code, "YB-2020");
	assert_string_equal(l.v[2].code, "LC-2019");
	/* As recorded, legacy code 15 is Yên Bái only. */
	f = store_project_filter();
	f.province_list = "legacy";
	f.province_code = "15";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].code, "YB-2020");
	f.current_province = "92";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 0);
	arena_free(&arena);
}

static void list_filters_and_pages(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_project(
	        db, "ST-2018", "Đào tạo nghề làm bánh pía", "legacy", "94", 2018, 2018, "local");
	int64_t yb = add_project(
	        db, "YB-2020", "Máy chế biến quế Văn Yên", "legacy", "15", 2020, 2021, "local");
	add_project(db, "LC-2019", "Mô hình chế biến chè Bát Xát", "legacy", "10", 2019, 2019,
	        "national");
	go(db, yb, "registered");
	Arena arena = {0};
	ProjectList l;
	Err e;
	ProjectFilter f = store_project_filter();
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	f.year = 2021; /* a year inside start_year .. end_year */
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].code, "YB-2020");
	f.year = 2019;
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].code, "LC-2019");
	f = store_project_filter();
	f.level = "local";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_project_filter();
	f.activity_code = "C03_DEMO_TECH";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f = store_project_filter();
	f.status = "registered";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].status, "registered");
	f.status = "done";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "status");
	f = store_project_filter();
	f.level = "provincial";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "level");
	f = store_project_filter();
	f.limit = 2;
	f.offset = 2;
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].code, "LC-2019"); /* Đào < Máy < Mô */
	f.limit = 501;
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	arena_free(&arena);
}

static void search_without_diacritics(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_project(
	        db, "ST-2018", "Đào tạo nghề làm bánh pía", "legacy", "94", 2018, 2018, "local");
	add_project(db, "LC-2019", "Mô hình chế biến chè Bát Xát", "legacy", "10", 2019, 2019,
	        "national");
	add_project(
	        db, "LC-2020", "Hỗ trợ 50% máy sao chè", "legacy", "10", 2020, 2020, "national");
	Arena arena = {0};
	ProjectList l;
	Err e;
	ProjectFilter f = store_project_filter();
	f.q = "nghe lam banh pia";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].code, "ST-2018");
	f.q = "CHÈ";
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f.q = "50%"; /* a wildcard is a plain character */
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f.q = "LC-2019"; /* the exact code */
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].title, "Mô hình chế biến chè Bát Xát");
	arena_free(&arena);
}

/* ---- Lifecycle ------------------------------------------------------------------------- */

typedef struct Path {
	const char *name;
	const char *const *to; /* the moves after draft, NULL-terminated */
} Path;

static const char *const main_line[] = {"registered", "appraised_basic", "appraised", "approved",
        "contracted", "in_progress", "accepted", "settled", "closed", NULL};
static const char *const carried[] = {"registered", "appraised_basic", "appraised", "approved",
        "contracted", "in_progress", "carried_over", "in_progress", "accepted", "settled", "closed",
        NULL};
static const char *const local_budget[] = {"registered", "appraised_basic", "appraised", "approved",
        "not_funded", "approved", "contracted", "in_progress", "accepted", "settled", "closed",
        NULL};
static const char *const next_year[] = {"registered", "appraised_basic", "appraised", "approved",
        "not_funded", "registered", "appraised_basic", "appraised", "approved", "contracted",
        "in_progress", "accepted", "settled", "closed", NULL};
static const char *const stop_registered[] = {"registered", "terminated", NULL};
static const char *const stop_appraised_basic[] = {
        "registered", "appraised_basic", "terminated", NULL};
static const char *const stop_appraised[] = {
        "registered", "appraised_basic", "appraised", "terminated", NULL};
static const char *const stop_approved[] = {
        "registered", "appraised_basic", "appraised", "approved", "terminated", NULL};
static const char *const stop_contracted[] = {
        "registered", "appraised_basic", "appraised", "approved", "contracted", "terminated", NULL};
static const char *const stop_in_progress[] = {"registered", "appraised_basic", "appraised",
        "approved", "contracted", "in_progress", "terminated", NULL};

static const Path paths[] = {
        {"main line to closed", main_line},
        {"carried over to the next year", carried},
        {"not funded, then funded by the local budget", local_budget},
        {"not funded, registered again next year", next_year},
        {"terminated when registered", stop_registered},
        {"terminated when appraised at basic level", stop_appraised_basic},
        {"terminated when appraised", stop_appraised},
        {"terminated when approved", stop_approved},
        {"terminated when contracted", stop_contracted},
        {"terminated in progress", stop_in_progress},
};

static void lifecycle_path(void **state)
{
	const Path *path = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	Project p = banh_pia();
	int64_t id = create(t.db, &p);
	int n = 0;
	while (path->to[n])
		n++;
	go_path(t.db, id, path->to);
	Arena arena = {0};
	ProjectEvents ev;
	Err e;
	assert_int_equal(store_project_events(t.db, id, &arena, &ev, &e), 0);
	assert_int_equal(ev.n, n + 1);
	for (int i = 1; i <= n; i++) {
		const ProjectEvent *x = &ev.v[i];
		assert_string_equal(x->from_status, ev.v[i - 1].to_status);
		assert_string_equal(x->to_status, path->to[i - 1]);
		assert_string_equal(x->event_date, "2019-03-02");
		if (decided(x->to_status)) {
			assert_non_null(x->decision_no);
			assert_string_equal(x->decision_no + strlen("QĐ "), x->to_status);
			assert_string_equal(x->decision_date, "2019-03-01");
		} else {
			assert_null(x->decision_no);
			assert_null(x->decision_date);
		}
	}
	Project out;
	assert_int_equal(store_project_get(t.db, id, &arena, &out, &e), 0);
	assert_string_equal(out.status, path->to[n - 1]);
	assert_string_equal(out.status_date, "2019-03-02");
	assert_int_equal(out.version, n + 1);
	assert_int_equal(out.start_year, 2019); /* a carry-over keeps the years */
	assert_int_equal(out.end_year, 2019);
	/* Each move: the project's update and the event's insert are audited. */
	char sql[200];
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND table_name = 'project'"
	        " AND record_id = '%lld' AND before_json LIKE '%%\"status\":%%'",
	        (long long)id);
	assert_int_equal(db_scalar(t.db, sql), n);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                                 " AND table_name = 'project_event'"),
	        n + 1);
	arena_free(&arena);
	tmpdb_close(&t);
}

static void illegal_moves_change_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	Transition t = store_project_transition_blank();
	t.decision_no = "QĐ 1186/QĐ-BCT";
	t.decision_date = "27/02/2013";
	Err e;
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(
	        store_project_transition(db, &officer, id, 1, "approved", &t, &e), KC_EDENIED);
	assert_string_equal(e.field, "status");
	assert_string_equal(e.msg, "Không thể chuyển đề án từ 'Dự thảo' sang 'Đã phê duyệt'; từ"
	                           " 'Dự thảo' chỉ chuyển được sang: 'Đã đăng ký'");
	assert_int_equal(
	        store_project_transition(db, &officer, id, 1, "draft", &t, &e), KC_EDENIED);
	assert_int_equal(store_project_transition(db, &officer, id, 1, "done", &t, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Trạng thái đề án 'done' không có");
	assert_int_equal(
	        store_project_transition(db, &officer, id, 9, "registered", &t, &e), KC_ECONFLICT);
	assert_int_equal(store_project_transition(db, &officer, id + 1, 1, "registered", &t, &e),
	        KC_ENOTFOUND);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(version_of(db, id), 1);
	assert_int_equal(db_depth(db), 0);
	/* A closed đề án goes nowhere. */
	go_path(db, id, main_line);
	int v = version_of(db, id);
	assert_int_equal(
	        store_project_transition(db, &officer, id, v, "in_progress", &t, &e), KC_EDENIED);
	assert_string_equal(e.msg, "Không thể chuyển đề án từ 'Đã đóng' sang 'Đang thực hiện';"
	                           " 'Đã đóng' là trạng thái cuối cùng");
	assert_int_equal(version_of(db, id), v);
}

static void decision_required(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	go_path(db, id, (const char *const[]){"registered", "appraised_basic", "appraised", NULL});
	int64_t events = db_scalar(db, "SELECT COUNT(*) FROM project_event");
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	Transition t = store_project_transition_blank();
	Err e;
	assert_int_equal(
	        store_project_transition(db, &officer, id, 4, "approved", &t, &e), KC_EINVAL);
	assert_string_equal(e.field, "decision_no");
	assert_string_equal(e.msg, "Chuyển đề án 'KCQG-2019-ST-01' sang 'Đã phê duyệt' cần số quyết"
	                           " định (hoặc văn bản) và ngày ký");
	t.decision_no = "QĐ 125/QĐ-BCT";
	assert_int_equal(
	        store_project_transition(db, &officer, id, 4, "approved", &t, &e), KC_EINVAL);
	assert_string_equal(e.field, "decision_date");
	t.decision_date = "32/01/2019";
	assert_int_equal(
	        store_project_transition(db, &officer, id, 4, "approved", &t, &e), KC_EINVAL);
	assert_string_equal(e.field, "decision_date");
	t.decision_date = "15/01/2019";
	t.actor_org_id = 4242;
	assert_int_equal(
	        store_project_transition(db, &officer, id, 4, "approved", &t, &e), KC_EINVAL);
	assert_string_equal(e.field, "actor_org_id");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), events);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(version_of(db, id), 4);
	/* With both, and the unit that decided, the move is recorded. */
	t.actor_org_id = 1001;
	t.reason_code = "plan_2019";
	assert_int_equal(store_project_transition(db, &officer, id, 4, "approved", &t, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM project_event WHERE to_status = 'approved'"
	                      " AND from_status = 'appraised'"
	                      " AND decision_no = 'QĐ 125/QĐ-BCT'"
	                      " AND decision_date = '2019-01-15' AND actor_org_id = 1001"
	                      " AND reason_code = 'plan_2019'"
	                      " AND event_date = '2026-11-22'"),
	        1);
	/* Moves that need no decision may still carry one. */
	t = store_project_transition_blank();
	t.decision_no = "HĐ 12/2019/HĐ-KCQG";
	assert_int_equal(store_project_transition(db, &officer, id, 5, "contracted", &t, &e), 0);
}

/* The moves of a national đề án the Ministry decides (written here from
 * DOMAIN §3.1-3.2, not read from the module): a provincial actor (a province
 * user, over the web or the API or by an import they started) is refused
 * them by the store itself; a national actor makes them. */
static void ministry_moves_refused_to_a_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Actor province = officer;
	province.provincial = true;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	Transition t = store_project_transition_blank();
	Err e;
	/* The province registers and appraises at its level. */
	assert_int_equal(store_project_transition(db, &province, id, 1, "registered", &t, &e), 0);
	assert_int_equal(
	        store_project_transition(db, &province, id, 2, "appraised_basic", &t, &e), 0);
	int64_t events = db_scalar(db, "SELECT COUNT(*) FROM project_event");
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	static const char *const ministry[] = {"appraised", "not_funded", "terminated"};
	for (size_t i = 0; i < COUNT_OF(ministry); i++) {
		e = (Err){0};
		assert_int_equal(
		        store_project_transition(db, &province, id, 3, ministry[i], &t, &e),
		        KC_EDENIED);
		assert_string_equal(e.field, "status");
		assert_non_null(strstr(e.msg, "KCQG-2019-ST-01"));
		assert_non_null(strstr(e.msg, "Bộ Công Thương quyết định"));
	}
	assert_string_equal(e.msg,
	        "Không chuyển được đề án 'KCQG-2019-ST-01' sang trạng thái"
	        " 'Ngừng thực hiện': đề án thuộc chương trình khuyến công quốc gia,"
	        " bước này do Bộ Công Thương quyết định nên người dùng của"
	        " tỉnh không làm được");
	/* Refused for who asks, before the version or the state table: a stale
	 * version or a move the state does not allow still says why. */
	assert_int_equal(
	        store_project_transition(db, &province, id, 9, "appraised", &t, &e), KC_EDENIED);
	assert_int_equal(
	        store_project_transition(db, &province, id, 3, "approved", &t, &e), KC_EDENIED);
	assert_non_null(strstr(e.msg, "Bộ Công Thương quyết định"));
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), events);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(version_of(db, id), 3);
	assert_false(store_project_may_move(&province, "national", "approved"));
	assert_true(store_project_may_move(&province, "national", "contracted"));
	assert_true(store_project_may_move(&province, "local", "approved"));
	assert_true(store_project_may_move(&officer, "national", "approved"));
	/* The national actor appraises and approves; the province then signs
	 * the contract. */
	assert_int_equal(store_project_transition(db, &officer, id, 3, "appraised", &t, &e), 0);
	t.decision_no = "QĐ 125/QĐ-BCT";
	t.decision_date = "15/01/2019";
	assert_int_equal(store_project_transition(db, &officer, id, 4, "approved", &t, &e), 0);
	t = store_project_transition_blank();
	assert_int_equal(store_project_transition(db, &province, id, 5, "contracted", &t, &e), 0);
	Arena arena = {0};
	assert_string_equal(status_of(db, id, &arena), "contracted");
	arena_free(&arena);
	/* A local đề án's approval is the province's. */
	p = banh_pia();
	p.code = "KC-2019-ST-01";
	p.level = "local";
	p.activity_code = "C01_TRAINING";
	int64_t local = create(db, &p);
	go_path(db, local, (const char *const[]){"registered", "appraised_basic", NULL});
	assert_int_equal(store_project_transition(db, &province, local, 3, "appraised", &t, &e), 0);
}

/* ---- Partners, beneficiaries ------------------------------------------------------------ */

static void partners_added_and_removed(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	Err e;
	assert_int_equal(store_project_partner_add(db, &officer, id, 1003, "lead", &e), 0);
	assert_int_equal(store_project_partner_add(db, &officer, id, 1002, NULL, &e), 0);
	assert_int_equal(store_project_partner_add(db, &officer, id, 1002, NULL, &e), KC_ECONFLICT);
	assert_string_equal(e.msg,
	        "'Viện Nghiên cứu Cơ khí' đã là đơn vị phối hợp của đề án 'KCQG-2019-ST-01'");
	assert_int_equal(store_project_partner_add(db, &officer, id, 1001, "boss", &e), KC_EINVAL);
	assert_string_equal(e.field, "role");
	assert_int_equal(store_project_partner_add(db, &officer, id, 4242, NULL, &e), KC_ENOTFOUND);
	assert_string_equal(e.field, "org_id");
	assert_int_equal(
	        store_project_partner_add(db, &officer, id + 1, 1001, NULL, &e), KC_ENOTFOUND);
	Arena arena = {0};
	ProjectMembers m;
	assert_int_equal(store_project_partners(db, id, &arena, &m, &e), 0);
	assert_int_equal(m.n, 2);
	assert_string_equal(m.v[0].name, "Viện Nghiên cứu Cơ khí"); /* sort_key 'b' < 'c' */
	assert_string_equal(m.v[0].role, "partner");
	assert_string_equal(m.v[1].role, "lead");
	assert_int_equal(store_project_partner_remove(db, &officer, id, 1003, &e), 0);
	assert_int_equal(store_project_partner_remove(db, &officer, id, 1003, &e), KC_ENOTFOUND);
	assert_int_equal(store_project_partners(db, id, &arena, &m, &e), 0);
	assert_int_equal(m.n, 1);
	arena_free(&arena);
	char sql[300];
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM audit_log WHERE table_name = 'project_partner'"
	        " AND record_id = '%lld' AND ((action = 'insert' AND before_json IS NULL)"
	        " OR (action = 'delete' AND after_json IS NULL"
	        " AND before_json = '{\"project_id\":%lld,\"org_id\":1003,\"role\":\"lead\"}'))",
	        (long long)id, (long long)id);
	assert_int_equal(db_scalar(db, sql), 3);
	assert_int_equal(db_depth(db), 0);
}

static void beneficiaries_by_current_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	int64_t soc_trang =
	        add_establishment(db, "Cơ sở bánh pía Tân Huê Viên", "legacy", "94", "31498", 2019);
	int64_t can_tho = add_establishment(db, "HTX Cái Khế", "current", "92", "31120", 2026);
	int64_t ha_noi = add_establishment(db, "Công ty Ba Đình", "current", "01", "00004", 2026);
	Err e;
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, soc_trang, &e), 0);
	/* Sóc Trăng is part of Cần Thơ today: the same province. */
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, can_tho, &e), 0);
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, ha_noi, &e), KC_EINVAL);
	assert_string_equal(e.field, "establishment_id");
	assert_string_equal(e.msg, "Cơ sở 'Công ty Ba Đình' ở Hà Nội, ngoài tỉnh của đề án"
	                           " 'KCQG-2019-ST-01' (Cần Thơ): đề án trong tỉnh chỉ hỗ trợ cơ sở"
	                           " trong tỉnh");
	assert_int_equal(
	        store_project_beneficiary_add(db, &officer, id, soc_trang, &e), KC_ECONFLICT);
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, 4242, &e), KC_ENOTFOUND);
	assert_string_equal(e.field, "establishment_id");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_beneficiary"), 2);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	/* Moving the đề án to Hà Nội would leave its beneficiaries outside. */
	p.id = id;
	p.version = 1;
	p.province_code = "01";
	p.commune_code = NULL;
	assert_int_equal(store_project_update(db, &officer, &p, &e), KC_EINVAL);
	assert_string_equal(e.field, "establishment_id");
	/* An inter-provincial đề án takes establishments of any province. */
	p.scope = "inter_provincial";
	assert_int_equal(store_project_update(db, &officer, &p, &e), 0);
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, ha_noi, &e), 0);
	Arena arena = {0};
	ProjectMembers m;
	assert_int_equal(store_project_beneficiaries(db, id, &arena, &m, &e), 0);
	assert_int_equal(m.n, 3);
	assert_string_equal(m.v[0].name, "Công ty Ba Đình"); /* ô before ơ */
	assert_string_equal(m.v[1].name, "Cơ sở bánh pía Tân Huê Viên");
	assert_string_equal(m.v[2].name, "HTX Cái Khế");
	assert_string_equal(m.v[2].role, "beneficiary");
	arena_free(&arena);
	assert_int_equal(store_project_beneficiary_remove(db, &officer, id, ha_noi, &e), 0);
	assert_int_equal(
	        store_project_beneficiary_remove(db, &officer, id, ha_noi, &e), KC_ENOTFOUND);
	char sql[300];
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM audit_log WHERE table_name = 'project_beneficiary'"
	        " AND record_id = '%lld' AND after_json LIKE '%%\"establishment_id\":%lld%%'",
	        (long long)id, (long long)ha_noi);
	assert_int_equal(db_scalar(db, sql), 1);
}

static void beneficiaries_of_merged_provinces(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	/* A Lào Cai (legacy 10) đề án and a Yên Bái (legacy 15) establishment:
	 * both lie in today's Lào Cai (15). */
	int64_t id = add_project(
	        db, "LC-2019", "Mô hình chế biến chè", "legacy", "10", 2019, 2019, "national");
	int64_t yen_bai = add_establishment(db, "HTX quế Văn Yên", "legacy", "15", NULL, 2019);
	int64_t soc_trang = add_establishment(db, "Cơ sở Sóc Trăng", "legacy", "94", NULL, 2019);
	Err e;
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, yen_bai, &e), 0);
	assert_int_equal(store_project_beneficiary_add(db, &officer, id, soc_trang, &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "ở Cần Thơ, ngoài tỉnh của đề án 'LC-2019' (Lào Cai)"));
}

/* ---- Adjustments ----------------------------------------------------------------------- */

/* A đề án of the given level in progress, with a partner. */
static int64_t running(Db *db, const char *level)
{
	Project p = banh_pia();
	p.level = level;
	int64_t id = create(db, &p);
	go_path(db, id, to_in_progress);
	return id;
}

static Adjustment request(const char *kind)
{
	Adjustment a = store_project_adjustment_blank();
	a.kind = kind;
	a.requested_on = "10/05/2019";
	a.request_doc = "CV 45/TTKC";
	a.confirm_doc = "CV 120/SCT-QLCN";
	a.reason_code = "invoice_outside_fiscal_year";
	a.reason = "Cơ sở đã mua máy trước khi ký hợp đồng";
	return a;
}

typedef struct Approver {
	const char *kind, *approver;
	int64_t rule;
} Approver;

/* The test rules above, restated. */
static const Approver approvers[] = {
        {"increase_support", "ministry", 1001},
        {"change_content", "ministry", 1002},
        {"extend_next_year", "ministry", 1003},
        {"add_project", "ministry", 1004},
        {"stop", "ministry", 1005},
        {"change_location", "agency", 1006},
        {"change_beneficiary", "agency", 1007},
        {"change_partner", "agency", 1008},
        {"change_timing_in_year", "agency", 1009},
        {"reduce_support", "agency", 1010},
        {"other", "agency", 1011},
};

static void approver_from_rule(void **state)
{
	const Approver *want = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	int64_t id = running(t.db, "national");
	Adjustment in = request(want->kind);
	in.old_value = "300.000.000";
	in.new_value = "250.000.000";
	int64_t adj = 0;
	Err e;
	assert_int_equal(store_project_adjust(t.db, &officer, id, &in, &adj, &e), 0);
	Arena arena = {0};
	Adjustment out;
	assert_int_equal(store_project_adjustment_get(t.db, adj, &arena, &out, &e), 0);
	assert_int_equal(out.project_id, id);
	assert_string_equal(out.kind, want->kind);
	assert_string_equal(out.approver, want->approver);
	assert_int_equal(out.rule_id, want->rule);
	assert_string_equal(out.status, "requested");
	assert_string_equal(out.requested_on, "2019-05-10");
	assert_string_equal(out.request_doc, "CV 45/TTKC");
	assert_string_equal(out.confirm_doc, "CV 120/SCT-QLCN");
	assert_string_equal(out.old_value, "300.000.000");
	assert_string_equal(out.new_value, "250.000.000");
	assert_string_equal(out.reason_code, "invoice_outside_fiscal_year");
	assert_null(out.decision_no);
	arena_free(&arena);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                                 " AND table_name = 'project_adjustment'"
	                                 " AND after_json LIKE '%\"status\":\"requested\"%'"),
	        1);
	tmpdb_close(&t);
}

static void approver_is_data(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = running(db, "national");
	Adjustment in = request("increase_support");
	int64_t first, second;
	Err e;
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &first, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_adjustment"
	                               " WHERE approver = 'ministry'"),
	        1);
	/* The rule is edited (a new circular decentralises it): the next
	 * request of the same kind goes to the new approver. */
	assert_int_equal(db_exec(db,
	                         "UPDATE adjustment_rule SET approver = 'agency' WHERE id ="
	                         " (SELECT rule_id FROM project_adjustment)",
	                         &e),
	        0);
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &second, &e), 0);
	char sql[120];
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM project_adjustment WHERE id = %lld"
	        " AND approver = 'agency'",
	        (long long)second);
	assert_int_equal(db_scalar(db, sql), 1);
	/* A newer rule in force on the day wins over the older one. */
	assert_int_equal(db_exec(db,
	                         "INSERT INTO adjustment_rule (id, kind, program_level, approver,"
	                         " valid_from) VALUES (1201, 'increase_support', 'national',"
	                         " 'doit', '2019-05-01')",
	                         &e),
	        0);
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &second, &e), 0);
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM project_adjustment WHERE id = %lld"
	        " AND approver = 'doit' AND rule_id = 1201",
	        (long long)second);
	assert_int_equal(db_scalar(db, sql), 1);
	/* A local đề án reads the local rules. */
	Project p = banh_pia();
	p.code = "KCĐP-2019-ST-02";
	p.level = "local";
	p.activity_code = "C01_TRAINING";
	int64_t local = create(db, &p);
	go(db, local, "registered");
	in = request("other");
	assert_int_equal(store_project_adjust(db, &officer, local, &in, &second, &e), 0);
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM project_adjustment WHERE id = %lld"
	        " AND approver = 'doit' AND rule_id = 1102",
	        (long long)second);
	assert_int_equal(db_scalar(db, sql), 1);
}

static void missing_rule_is_an_error(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = running(db, "national");
	Err e;
	assert_int_equal(db_exec(db,
	                         "DELETE FROM adjustment_rule WHERE kind = 'change_partner'"
	                         " AND program_level = 'national'",
	                         &e),
	        0);
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	Adjustment in = request("change_partner");
	int64_t adj;
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), KC_ENOTFOUND);
	assert_string_equal(e.field, "kind");
	assert_string_equal(e.msg,
	        "Bảng quy tắc điều chỉnh (adjustment_rule) chưa có quy tắc nào"
	        " cho loại 'thay đổi đơn vị phối hợp' (change_partner) của đề án"
	        " cấp quốc gia áp dụng ngày 10/05/2019, nên chưa biết cấp nào phê"
	        " duyệt; cần bổ sung quy tắc");
	/* Out of the rule's dates is the same as no rule. */
	assert_int_equal(db_exec(db,
	                         "DELETE FROM adjustment_rule WHERE kind = 'reduce_support'"
	                         " AND program_level = 'national' AND id < 1000",
	                         &e),
	        0);
	in = request("reduce_support");
	in.requested_on = "2020-01-02";
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), KC_ENOTFOUND);
	in.kind = "raise_support";
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), KC_EINVAL);
	assert_string_equal(e.field, "kind");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_adjustment"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
}

static void adjustment_needs_a_live_project(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Project p = banh_pia();
	int64_t id = create(db, &p);
	Adjustment in = request("change_content");
	int64_t adj;
	Err e;
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), KC_EDENIED);
	assert_string_equal(e.field, "status");
	assert_non_null(strstr(e.msg, "đang ở trạng thái 'Dự thảo'"));
	assert_int_equal(store_project_adjust(db, &officer, id + 1, &in, &adj, &e), KC_ENOTFOUND);
	/* A carried-over đề án may be adjusted but not stopped (§3.5 has no
	 * carried_over → terminated). */
	go_path(db, id, to_in_progress);
	go(db, id, "carried_over");
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), 0);
	in.kind = "stop";
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), KC_EDENIED);
	assert_non_null(strstr(e.msg, "sang 'Ngừng thực hiện'"));
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_adjustment"), 1);
}

static void approved_stop_terminates(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = running(db, "national");
	Adjustment in = request("stop");
	int64_t adj;
	Err e;
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), 0);
	assert_int_equal(store_project_adjust_decide(db, &officer, adj, "approved", NULL, NULL, &e),
	        KC_EINVAL);
	assert_string_equal(e.field, "decision_no");
	assert_int_equal(store_project_adjust_decide(
	                         db, &officer, adj, "approved", "QĐ 2345/QĐ-BCT", NULL, &e),
	        KC_EINVAL);
	assert_string_equal(e.field, "decision_date");
	assert_int_equal(
	        store_project_adjust_decide(db, &officer, adj, "maybe", NULL, NULL, &e), KC_EINVAL);
	assert_string_equal(e.field, "decision");
	assert_int_equal(store_project_adjust_decide(
	                         db, &officer, adj, "approved", "QĐ 2345/QĐ-BCT", "20/06/2019", &e),
	        0);
	Arena arena = {0};
	Adjustment out;
	assert_int_equal(store_project_adjustment_get(db, adj, &arena, &out, &e), 0);
	assert_string_equal(out.status, "approved");
	assert_string_equal(out.decision_no, "QĐ 2345/QĐ-BCT");
	assert_string_equal(out.decision_date, "2019-06-20");
	assert_string_equal(status_of(db, id, &arena), "terminated");
	arena_free(&arena);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"
	                               " WHERE from_status = 'in_progress'"
	                               " AND to_status = 'terminated'"
	                               " AND decision_no = 'QĐ 2345/QĐ-BCT'"
	                               " AND decision_date = '2019-06-20'"
	                               " AND event_date = '2019-06-20'"
	                               " AND reason_code = 'invoice_outside_fiscal_year'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'project_adjustment'"
	                               " AND before_json LIKE '%\"status\":\"requested\"%'"
	                               " AND after_json LIKE '%\"status\":\"approved\"%'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'project'"
	                               " AND after_json LIKE '%\"status\":\"terminated\"%'"),
	        1);
	/* Decided once only. */
	assert_int_equal(store_project_adjust_decide(db, &officer, adj, "rejected", NULL, NULL, &e),
	        KC_EDENIED);
	assert_int_equal(
	        store_project_adjust_decide(db, &officer, adj + 1, "rejected", NULL, NULL, &e),
	        KC_ENOTFOUND);
}

static void adjustments_listed_oldest_first(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = running(db, "national");
	Project p = banh_pia();
	p.code = "KCDP-2019-ST-02";
	p.level = "local";
	int64_t other = create(db, &p);
	go_path(db, other, to_in_progress);
	Adjustment late = request("change_partner"), early = request("stop");
	early.requested_on = "02/05/2019";
	int64_t a1, a2, a3;
	Err e;
	assert_int_equal(store_project_adjust(db, &officer, id, &late, &a1, &e), 0);
	assert_int_equal(store_project_adjust(db, &officer, id, &early, &a2, &e), 0);
	assert_int_equal(store_project_adjust(db, &officer, other, &late, &a3, &e), 0);
	assert_int_equal(
	        store_project_adjust_decide(db, &officer, a2, "rejected", NULL, NULL, &e), 0);
	Arena arena = {0};
	Adjustments list;
	assert_int_equal(store_project_adjustments(db, id, &arena, &list, &e), 0);
	assert_int_equal(list.n, 2);
	assert_int_equal(list.v[0].id, a2);
	assert_string_equal(list.v[0].kind, "stop");
	assert_string_equal(list.v[0].status, "rejected");
	assert_string_equal(list.v[0].requested_on, "2019-05-02");
	assert_int_equal(list.v[1].id, a1);
	assert_string_equal(list.v[1].approver, "agency");
	assert_int_equal(list.v[1].project_id, id);
	assert_int_equal(store_project_adjustments(db, other + 1000, &arena, &list, &e), 0);
	assert_int_equal(list.n, 0);
	arena_free(&arena);
}

static void rejected_stop_changes_nothing_else(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = running(db, "national");
	Adjustment in = request("stop");
	int64_t adj;
	Err e;
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), 0);
	/* A refusal may come as a letter without a number. */
	assert_int_equal(
	        store_project_adjust_decide(db, &officer, adj, "rejected", NULL, NULL, &e), 0);
	Arena arena = {0};
	assert_string_equal(status_of(db, id, &arena), "in_progress");
	arena_free(&arena);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_adjustment"
	                               " WHERE status = 'rejected' AND decision_no IS NULL"),
	        1);
}

static void stop_of_a_moved_project_is_undone(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = running(db, "national");
	Adjustment in = request("stop");
	int64_t adj;
	Err e;
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), 0);
	go(db, id, "carried_over"); /* meanwhile */
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(store_project_adjust_decide(
	                         db, &officer, adj, "approved", "QĐ 9/QĐ-BCT", "2019-07-01", &e),
	        KC_EDENIED);
	assert_non_null(strstr(e.msg, "từ 'Chuyển sang năm sau' sang 'Ngừng thực hiện'"));
	/* The approval is undone with the move it could not make. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_adjustment"
	                               " WHERE status = 'requested' AND decision_no IS NULL"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(db_depth(db), 0);
}

/* ---- Atomicity ------------------------------------------------------------------------- */

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	/* The event's audit row is the last write of a create: make it fail. */
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", "NEW.table_name = 'project_event'");
	Project p = banh_pia();
	int64_t id;
	assert_int_not_equal(store_project_create(db, &officer, &p, &id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 0);
	assert_int_equal(db_depth(db), 0);
	/* A move: the status stays, no event. */
	tmpdb_allow_inserts(db, "no_audit", "audit_log");
	id = create(db, &p);
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", "NEW.table_name = 'project_event'");
	Transition t = store_project_transition_blank();
	assert_int_not_equal(
	        store_project_transition(db, &officer, id, 1, "registered", &t, &e), 0);
	Arena arena = {0};
	assert_string_equal(status_of(db, id, &arena), "draft");
	assert_int_equal(version_of(db, id), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), 1);
	assert_int_equal(db_depth(db), 0);
	/* A partner: its audit row fails, so does the row. */
	tmpdb_refuse_inserts(
	        db, "no_member_audit", "audit_log", "NEW.table_name = 'project_partner'");
	assert_int_not_equal(store_project_partner_add(db, &officer, id, 1002, NULL, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_partner"), 0);
	arena_free(&arena);
}

static void failed_stop_move_undoes_the_decision(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t id = running(db, "national");
	Adjustment in = request("stop");
	int64_t adj;
	Err e;
	assert_int_equal(store_project_adjust(db, &officer, id, &in, &adj, &e), 0);
	/* The last write of an approved stop is the event's audit row. */
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", "NEW.table_name = 'project_event'");
	int64_t audits = db_scalar(db, "SELECT COUNT(*) FROM audit_log");
	assert_int_not_equal(store_project_adjust_decide(db, &officer, adj, "approved",
	                             "QĐ 2345/QĐ-BCT", "20/06/2019", &e),
	        0);
	Arena arena = {0};
	assert_string_equal(status_of(db, id, &arena), "in_progress");
	arena_free(&arena);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_adjustment"
	                               " WHERE status = 'requested'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"
	                               " WHERE to_status = 'terminated'"),
	        0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), audits);
	assert_int_equal(db_depth(db), 0);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, create_and_read_back);
	TL_ADD(&tl, today_is_the_vietnamese_day);
	TL_ADD(&tl, draft_made_on_a_given_day);
	TL_ADD(&tl, code_is_unique);
	TL_ADD(&tl, update_checks_the_version);
	TL_ADD(&tl, delete_draft_with_members);
	TL_ADD(&tl, delete_refused_by_status);
	TL_ADD(&tl, list_by_current_province);
	TL_ADD(&tl, list_filters_and_pages);
	TL_ADD(&tl, search_without_diacritics);
	TL_ADD(&tl, illegal_moves_change_nothing);
	TL_ADD(&tl, decision_required);
	TL_ADD(&tl, ministry_moves_refused_to_a_province);
	TL_ADD(&tl, partners_added_and_removed);
	TL_ADD(&tl, beneficiaries_by_current_province);
	TL_ADD(&tl, beneficiaries_of_merged_provinces);
	TL_ADD(&tl, approver_is_data);
	TL_ADD(&tl, missing_rule_is_an_error);
	TL_ADD(&tl, adjustment_needs_a_live_project);
	TL_ADD(&tl, approved_stop_terminates);
	TL_ADD(&tl, adjustments_listed_oldest_first);
	TL_ADD(&tl, rejected_stop_changes_nothing_else);
	TL_ADD(&tl, stop_of_a_moved_project_is_undone);
	TL_ADD(&tl, failed_audit_leaves_nothing);
	TL_ADD(&tl, failed_stop_move_undoes_the_decision);
	/* Tests above share the fixture; the tables below open a database each. */
	size_t shared = tl.n;
	for (size_t i = 0; i < shared; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, invalid_input_changes_nothing, (void *)&bad[i], "invalid: %s",
		        bad[i].why);
	for (size_t i = 0; i < COUNT_OF(paths); i++)
		tl_addf(&tl, lifecycle_path, (void *)&paths[i], "path: %s", paths[i].name);
	for (size_t i = 0; i < COUNT_OF(approvers); i++)
		tl_addf(&tl, approver_from_rule, (void *)&approvers[i], "approver: %s -> %s",
		        approvers[i].kind, approvers[i].approver);
	return tl_run(&tl, "store/project");
}
