/* test_activity.c — training classes, fairs, media items, study tours and
 * the consulting service on a real SQLite file: create, read, update, delete,
 * list with filters, validation, audit rows, atomicity, and the totals the
 * reports read, checked against the Sóc Trăng 2012–2022 figures (seed004). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_activity.h"
#include "store/store_admin.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

/* Two đề án made by plain SQL (store_project is another module): one of
 * legacy Sóc Trăng, now part of Cần Thơ, and one of Hà Nội. */
static const char projects_sql[] =
        "INSERT INTO activity_content (code, scheme, position, label_vi)"
        " VALUES ('T_ACT', 'test', 0, 'Nội dung thử') ON CONFLICT DO NOTHING;"
        "INSERT INTO project (id, code, title, level, activity_code, province_list,"
        " province_code, registration_year, start_year, end_year, title_key, sort_key,"
        " created_at, updated_at) VALUES"
        " (1, 'T-001', 'Đề án thử Sóc Trăng', 'local', 'T_ACT', 'legacy', '94', 2016, 2016,"
        "  2016, 'de an thu soc trang', 'x', '2026-11-22T08:00:00Z', '2026-11-22T08:00:00Z'),"
        " (2, 'T-002', 'Đề án thử Hà Nội', 'local', 'T_ACT', 'legacy', '01', 2016, 2016, 2016,"
        "  'de an thu ha noi', 'x', '2026-11-22T08:00:00Z', '2026-11-22T08:00:00Z');";

static int open_db(TmpDb *t)
{
	Err e = {0};
	if (tmpdb_open(t, TMPDB_LOADED))
		return -1;
	if (db_exec(t->db, projects_sql, &e)) {
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

static const char count_all_sql[] =
        "SELECT (SELECT COUNT(*) FROM training_class) + (SELECT COUNT(*) FROM fair)"
        " + (SELECT COUNT(*) FROM media_item) + (SELECT COUNT(*) FROM study_tour)"
        " + (SELECT COUNT(*) FROM consulting_service)";

/* One record of each kind, valid, in legacy Sóc Trăng in 2016. */
typedef struct Recs {
	TrainingClass t;
	Fair f;
	MediaItem m;
	StudyTour s;
	ConsultingService c;
} Recs;

static Recs good(void)
{
	Recs r = {store_activity_training_blank(), store_activity_fair_blank(),
	        store_activity_media_blank(), store_activity_tour_blank(),
	        store_activity_consulting_blank()};
	r.t.project_id = 1;
	r.t.province_list = "legacy";
	r.t.province_code = "94";
	r.t.kind = "craft_transmission";
	r.t.title = "Lớp truyền nghề đóng gói bao bì";
	r.t.start_date = "05/03/2016";
	r.t.end_date = "2016-04-20";
	r.t.trainees = 30;
	r.t.women = 18;
	r.t.ethnic_minority = 4;
	r.t.jobs_created = 30;
	r.f.project_id = 1;
	r.f.province_list = "legacy";
	r.f.province_code = "94";
	r.f.name = "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Nam";
	r.f.place = "Cần Thơ";
	r.f.scope = "regional";
	r.f.start_date = "01/10/2016";
	r.f.end_date = "05/10/2016";
	r.f.booths = 12;
	r.f.participations = 15;
	r.m.province_list = "legacy";
	r.m.province_code = "94";
	r.m.kind = "special_page";
	r.m.quantity = 5;
	r.m.year = 2016;
	r.s.province_list = "legacy";
	r.s.province_code = "94";
	r.s.start_date = "12/06/2016";
	r.s.participants = 12;
	r.s.places = "Khánh Hòa";
	r.c.province_list = "legacy";
	r.c.province_code = "94";
	r.c.period = "6 tháng đầu năm 2016";
	r.c.projects = 10;
	r.c.revenue = 150000000;
	return r;
}

/* Creates the record of kind which ('t', 'f', 'm', 's' or 'c'). */
static int create_one(Db *db, char which, const Recs *r, int64_t *id, Err *e)
{
	switch (which) {
	case 't': return store_activity_training_create(db, &officer, &r->t, id, e);
	case 'f': return store_activity_fair_create(db, &officer, &r->f, id, e);
	case 'm': return store_activity_media_create(db, &officer, &r->m, id, e);
	case 's': return store_activity_tour_create(db, &officer, &r->s, id, e);
	default: return store_activity_consulting_create(db, &officer, &r->c, id, e);
	}
}

static void training_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good();
	/* A Cần Thơ class paid by a đề án recorded under legacy Sóc Trăng. */
	r.t.province_list = "current";
	r.t.province_code = "92";
	r.t.start_date = "2026-03-02";
	r.t.end_date = NULL;
	r.t.note = "seed004 004-09";
	int64_t id = 0;
	Err e;
	if (store_activity_training_create(db, &officer, &r.t, &id, &e))
		fail_msg("%s: %s", e.field, e.msg);
	Arena arena = {0};
	TrainingClass o;
	assert_int_equal(store_activity_training_get(db, id, &arena, &o, &e), 0);
	assert_int_equal(o.id, id);
	assert_int_equal(o.project_id, 1);
	assert_string_equal(o.province_list, "current");
	assert_string_equal(o.province_code, "92");
	assert_string_equal(o.kind, "craft_transmission");
	assert_string_equal(o.title, "Lớp truyền nghề đóng gói bao bì");
	assert_string_equal(o.start_date, "2026-03-02");
	assert_null(o.end_date);
	assert_int_equal(o.classes, 1);
	assert_int_equal(o.trainees, 30);
	assert_int_equal(o.women, 18);
	assert_int_equal(o.ethnic_minority, 4);
	assert_int_equal(o.jobs_created, 30);
	assert_string_equal(o.note, "seed004 004-09");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'training_class' AND actor = 'can.bo'"
	                               " AND at = '2026-11-22T08:00:00Z' AND before_json IS NULL"
	                               " AND after_json LIKE '%\"trainees\":30%'"),
	        1);
	/* Unknown numbers come back as -1, no đề án as 0. */
	r = good();
	r.t.project_id = 0;
	r.t.women = r.t.ethnic_minority = r.t.jobs_created = -1;
	assert_int_equal(store_activity_training_create(db, &officer, &r.t, &id, &e), 0);
	assert_int_equal(store_activity_training_get(db, id, &arena, &o, &e), 0);
	assert_int_equal(o.project_id, 0);
	assert_int_equal(o.women, -1);
	assert_int_equal(o.jobs_created, -1);
	assert_string_equal(o.start_date, "2016-03-05");
	assert_string_equal(o.end_date, "2016-04-20");
	assert_int_equal(store_activity_training_get(db, id + 1, &arena, &o, &e), KC_ENOTFOUND);
	assert_non_null(strstr(e.msg, "lớp đào tạo"));
	arena_free(&arena);
}

static void others_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good();
	r.m.year = 0; /* taken from the date */
	r.m.issued_on = "15/08/2016";
	int64_t fid, mid, sid, cid;
	Err e;
	assert_int_equal(create_one(db, 'f', &r, &fid, &e), 0);
	assert_int_equal(create_one(db, 'm', &r, &mid, &e), 0);
	assert_int_equal(create_one(db, 's', &r, &sid, &e), 0);
	assert_int_equal(create_one(db, 'c', &r, &cid, &e), 0);
	Arena arena = {0};
	Fair f;
	assert_int_equal(store_activity_fair_get(db, fid, &arena, &f, &e), 0);
	assert_string_equal(f.name, r.f.name);
	assert_string_equal(f.place, "Cần Thơ");
	assert_string_equal(f.scope, "regional");
	assert_string_equal(f.start_date, "2016-10-01");
	assert_string_equal(f.end_date, "2016-10-05");
	assert_int_equal(f.booths, 12);
	assert_int_equal(f.participations, 15);
	assert_int_equal(f.project_id, 1);
	MediaItem m;
	assert_int_equal(store_activity_media_get(db, mid, &arena, &m, &e), 0);
	assert_string_equal(m.kind, "special_page");
	assert_int_equal(m.quantity, 5);
	assert_string_equal(m.issued_on, "2016-08-15");
	assert_int_equal(m.year, 2016);
	assert_int_equal(m.project_id, 0);
	StudyTour s;
	assert_int_equal(store_activity_tour_get(db, sid, &arena, &s, &e), 0);
	assert_string_equal(s.start_date, "2016-06-12");
	assert_int_equal(s.year, 2016);
	assert_int_equal(s.delegations, 1);
	assert_int_equal(s.participants, 12);
	assert_string_equal(s.places, "Khánh Hòa");
	assert_null(s.note);
	ConsultingService c;
	assert_int_equal(store_activity_consulting_get(db, cid, &arena, &c, &e), 0);
	assert_string_equal(c.period, "2016-H1"); /* the canonical code */
	assert_int_equal(c.projects, 10);
	assert_int_equal(c.revenue, 150000000);
	arena_free(&arena);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name IN ('fair', 'media_item', 'study_tour',"
	                               " 'consulting_service')"),
	        4);
}

typedef struct Bad {
	const char *why;
	char which; /* the kind of record created: t f m s c */
	void (*spoil)(Recs *);
	const char *field;
	const char *says; /* part of the message */
} Bad;

/* clang-format off */
static void no_title(Recs *r) { r->t.title = ""; }
static void title_not_utf8(Recs *r) { r->t.title = "L\xc3"; }
static void bad_kind(Recs *r) { r->t.kind = "seminar"; }
static void no_classes(Recs *r) { r->t.classes = 0; }
static void trainees_unknown(Recs *r) { r->t.trainees = -1; }
static void women_over(Recs *r) { r->t.women = 31; }
static void ethnic_negative(Recs *r) { r->t.ethnic_minority = -3; }
static void jobs_negative(Recs *r) { r->t.jobs_created = -2; }
static void ends_first(Recs *r) { r->t.end_date = "01/03/2016"; }
static void no_dates(Recs *r) { r->t.start_date = NULL; r->t.end_date = ""; }
static void no_such_day(Recs *r) { r->t.start_date = "31/02/2016"; }
static void year_1985(Recs *r) { r->t.start_date = "1985-01-01"; r->t.end_date = NULL; }
static void no_province(Recs *r) { r->t.province_code = NULL; }
static void unknown_province(Recs *r) { r->t.province_code = "99"; }
static void legacy_in_2026(Recs *r) { r->t.start_date = "2026-01-05"; r->t.end_date = NULL; }
static void current_in_2016(Recs *r) { r->t.province_list = "current"; r->t.province_code = "92"; }
static void no_such_project(Recs *r) { r->t.project_id = 999; }
static void project_elsewhere(Recs *r) { r->t.project_id = 2; }
static void negative_project(Recs *r) { r->t.project_id = -4; }
static void fair_no_name(Recs *r) { r->f.name = NULL; }
static void fair_bad_scope(Recs *r) { r->f.scope = "global"; }
static void fair_negative_booths(Recs *r) { r->f.booths = -2; }
static void fair_project_elsewhere(Recs *r) { r->f.project_id = 2; }
static void media_no_quantity(Recs *r) { r->m.quantity = 0; }
static void media_bad_kind(Recs *r) { r->m.kind = "poster"; }
static void media_date_other_year(Recs *r) { r->m.issued_on = "2017-01-02"; }
static void media_no_year(Recs *r) { r->m.year = 0; }
static void media_year_1985(Recs *r) { r->m.year = 1985; }
static void tour_no_delegation(Recs *r) { r->s.delegations = 0; }
static void tour_no_participants(Recs *r) { r->s.participants = -1; }
static void tour_places_not_utf8(Recs *r) { r->s.places = "\xff"; }
static void consulting_bad_period(Recs *r) { r->c.period = "2016-H3"; }
static void consulting_no_period(Recs *r) { r->c.period = NULL; }
static void consulting_nothing(Recs *r) { r->c.projects = -1; r->c.revenue = -1; }
static void consulting_negative(Recs *r) { r->c.revenue = -5; }
static void consulting_legacy_2026(Recs *r) { r->c.period = "Quý I/2026"; }
/* clang-format on */

static const Bad bad[] = {
        {"training: empty title", 't', no_title, "title", "Chưa nhập tên lớp"},
        {"training: title not UTF-8", 't', title_not_utf8, "title", "UTF-8"},
        {"training: unknown kind", 't', bad_kind, "kind", "Loại lớp 'seminar' không có"},
        {"training: no class", 't', no_classes, "classes", "phải lớn hơn 0"},
        {"training: trainees unknown", 't', trainees_unknown, "trainees", "chưa được nhập"},
        {"training: more women than trainees", 't', women_over, "women",
                "không được nhiều hơn số học viên (30)"},
        {"training: negative ethnic minority", 't', ethnic_negative, "ethnic_minority",
                "không được âm"},
        {"training: negative jobs", 't', jobs_negative, "jobs_created", "không được âm"},
        {"training: ends before it starts", 't', ends_first, "end_date", "trước ngày bắt đầu"},
        {"training: no date", 't', no_dates, "start_date", "Chưa nhập ngày bắt đầu"},
        {"training: 31/02", 't', no_such_day, "start_date", "'31/02/2016'"},
        {"training: year 1985", 't', year_1985, "start_date", "1990"},
        {"training: no province", 't', no_province, "province_code", "Chưa chọn tỉnh"},
        {"training: unknown province", 't', unknown_province, "province_code",
                "Tỉnh mã '99' không có"},
        {"training: legacy province in 2026", 't', legacy_in_2026, "province_code",
                "trong năm 2026"},
        {"training: current province in 2016", 't', current_in_2016, "province_code",
                "trong năm 2016"},
        {"training: no such đề án", 't', no_such_project, "project_id", "Không có đề án số 999"},
        {"training: đề án of another province", 't', project_elsewhere, "project_id",
                "không cùng tỉnh"},
        {"training: negative đề án", 't', negative_project, "project_id", "-4"},
        {"fair: no name", 'f', fair_no_name, "name", "Chưa nhập tên hội chợ"},
        {"fair: unknown scope", 'f', fair_bad_scope, "scope", "'global'"},
        {"fair: negative booths", 'f', fair_negative_booths, "booths", "không được âm"},
        {"fair: đề án of another province", 'f', fair_project_elsewhere, "project_id",
                "tỉnh mã '01'"},
        {"media: quantity 0", 'm', media_no_quantity, "quantity", "phải lớn hơn 0"},
        {"media: unknown kind", 'm', media_bad_kind, "kind", "'poster'"},
        {"media: date outside its year", 'm', media_date_other_year, "issued_on",
                "không thuộc năm 2016"},
        {"media: no year", 'm', media_no_year, "year", "Chưa nhập năm"},
        {"media: year 1985", 'm', media_year_1985, "year", "1985"},
        {"tour: no delegation", 's', tour_no_delegation, "delegations", "phải lớn hơn 0"},
        {"tour: participants unknown", 's', tour_no_participants, "participants", "chưa được nhập"},
        {"tour: places not UTF-8", 's', tour_places_not_utf8, "places", "UTF-8"},
        {"consulting: H3", 'c', consulting_bad_period, "period", "'2016-H3'"},
        {"consulting: no period", 'c', consulting_no_period, "period", "Chưa nhập kỳ"},
        {"consulting: neither projects nor revenue", 'c', consulting_nothing, "projects",
                "hoặc doanh thu"},
        {"consulting: negative revenue", 'c', consulting_negative, "revenue", "không được âm"},
        {"consulting: legacy province in 2026", 'c', consulting_legacy_2026, "province_code",
                "trong năm 2026"},
};

static void invalid_input_changes_nothing(void **state)
{
	const Bad *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	Recs r = good();
	b->spoil(&r);
	int64_t id = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(create_one(t.db, b->which, &r, &id, &e), KC_EINVAL);
	assert_refused(t.db, &e, b->field, b->says);
	assert_int_equal(id, -1);
	assert_int_equal(db_scalar(t.db, count_all_sql), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), 0);
	tmpdb_close(&t);
}

static void update_and_delete(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good();
	int64_t id;
	Err e;
	assert_int_equal(create_one(db, 't', &r, &id, &e), 0);
	r.t.id = id;
	r.t.trainees = 32;
	r.t.kind = "vocational";
	assert_int_equal(store_activity_training_update(db, &officer, &r.t, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT trainees FROM training_class"), 32);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND before_json LIKE '%\"trainees\":30%'"
	                               " AND after_json LIKE '%\"trainees\":32%'"
	                               " AND after_json LIKE '%\"kind\":\"vocational\"%'"),
	        1);
	/* An invalid update leaves the record and the log as they were. */
	r.t.women = 40;
	assert_int_equal(store_activity_training_update(db, &officer, &r.t, &e), KC_EINVAL);
	assert_string_equal(e.field, "women");
	assert_int_equal(db_scalar(db, "SELECT women FROM training_class"), 18);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 2);
	r.t.women = 18;
	r.t.id = id + 10;
	assert_int_equal(store_activity_training_update(db, &officer, &r.t, &e), KC_ENOTFOUND);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM training_class"), 1);
	assert_int_equal(store_activity_training_delete(db, &officer, id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM training_class"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'training_class' AND after_json IS NULL"
	                               " AND before_json LIKE '%\"trainees\":32%'"),
	        1);
	assert_int_equal(store_activity_training_delete(db, &officer, id, &e), KC_ENOTFOUND);
	assert_int_equal(db_depth(db), 0);
}

static void update_and_delete_every_kind(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good();
	Err e;
	int64_t id[4];
	const char kinds[] = "fmsc";
	for (int i = 0; i < 4; i++)
		assert_int_equal(create_one(db, kinds[i], &r, &id[i], &e), 0);
	r.f.id = id[0], r.f.booths = 14;
	r.m.id = id[1], r.m.quantity = 7;
	r.s.id = id[2], r.s.participants = 13;
	r.c.id = id[3], r.c.revenue = 160000000; /* its own period is no overlap */
	assert_int_equal(store_activity_fair_update(db, &officer, &r.f, &e), 0);
	assert_int_equal(store_activity_media_update(db, &officer, &r.m, &e), 0);
	assert_int_equal(store_activity_tour_update(db, &officer, &r.s, &e), 0);
	if (store_activity_consulting_update(db, &officer, &r.c, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(db_scalar(db, "SELECT booths + (SELECT quantity FROM media_item)"
	                               " + (SELECT participants FROM study_tour) FROM fair"),
	        14 + 7 + 13);
	assert_int_equal(db_scalar(db, "SELECT revenue FROM consulting_service"), 160000000);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"), 4);
	assert_int_equal(store_activity_fair_delete(db, &officer, id[0], &e), 0);
	assert_int_equal(store_activity_media_delete(db, &officer, id[1], &e), 0);
	assert_int_equal(store_activity_tour_delete(db, &officer, id[2], &e), 0);
	assert_int_equal(store_activity_consulting_delete(db, &officer, id[3], &e), 0);
	assert_int_equal(db_scalar(db, count_all_sql), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"), 4);
	assert_int_equal(store_activity_media_delete(db, &officer, id[1], &e), KC_ENOTFOUND);
	assert_non_null(strstr(e.msg, "thông tin tuyên truyền"));
}

static void consulting_periods_do_not_overlap(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good(); /* 2016-H1 */
	int64_t h1, id;
	Err e;
	assert_int_equal(create_one(db, 'c', &r, &h1, &e), 0);
	static const char *const clash[] = {"2016", "Quý II/2016", "tháng 6/2016", "2016-9M",
	        "giai đoạn 2016 - 2020", "2016:2016-M03"};
	for (size_t i = 0; i < COUNT_OF(clash); i++) {
		r.c.period = clash[i];
		assert_int_equal(create_one(db, 'c', &r, &id, &e), KC_ECONFLICT);
		assert_string_equal(e.field, "period");
		assert_non_null(strstr(e.msg, "'2016-H1'"));
	}
	r.c.period = "6 tháng cuối năm 2016";
	assert_int_equal(create_one(db, 'c', &r, &id, &e), 0);
	/* Another province may report the same period. */
	r.c.province_code = "93";
	assert_int_equal(create_one(db, 'c', &r, &id, &e), 0);
	/* Moving H1 onto H2 is refused too. */
	r = good();
	r.c.id = h1;
	r.c.period = "2016-Q4";
	assert_int_equal(store_activity_consulting_update(db, &officer, &r.c, &e), KC_ECONFLICT);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM consulting_service"), 3);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log"), 3);
}

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good();
	int64_t id;
	Err e;
	assert_int_equal(create_one(db, 't', &r, &id, &e), 0);
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	for (const char *k = "tfmsc"; *k; k++) {
		int64_t other;
		assert_int_not_equal(create_one(db, *k, &r, &other, &e), 0);
	}
	assert_int_not_equal(store_activity_training_delete(db, &officer, id, &e), 0);
	r.t.id = id;
	r.t.trainees = 40;
	assert_int_not_equal(store_activity_training_update(db, &officer, &r.t, &e), 0);
	assert_int_equal(db_scalar(db, count_all_sql), 1);
	assert_int_equal(db_scalar(db, "SELECT trainees FROM training_class"), 30);
	assert_int_equal(db_depth(db), 0);
}

static void add_training(Db *db, const char *code, const char *kind, const char *start,
        int64_t project, int64_t classes, int64_t trainees, int64_t jobs)
{
	Recs r = good();
	r.t.province_code = code;
	r.t.kind = kind;
	r.t.start_date = start;
	r.t.end_date = NULL;
	r.t.project_id = project;
	r.t.classes = classes;
	r.t.trainees = trainees;
	r.t.women = r.t.ethnic_minority = -1;
	r.t.jobs_created = jobs;
	int64_t id;
	Err e;
	if (store_activity_training_create(db, &officer, &r.t, &id, &e))
		fail_msg("%s %s: %s", kind, start, e.msg);
}

static void add_media(Db *db, const char *kind, int year, const char *issued, int64_t quantity)
{
	Recs r = good();
	r.m.kind = kind;
	r.m.year = year;
	r.m.issued_on = issued;
	r.m.quantity = quantity;
	int64_t id;
	Err e;
	if (store_activity_media_create(db, &officer, &r.m, &id, &e))
		fail_msg("%s %d: %s", kind, year, e.msg);
}

static void training_list_filters(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_training(db, "94", "startup", "2016-12-20", 0, 1, 40, -1);
	add_training(db, "94", "craft_transmission", "2016-03-05", 1, 1, 30, 30);
	add_training(db, "94", "craft_transmission", "2016-07-01", 0, 1, 30, 30);
	add_training(db, "93", "staff", "2016-05-01", 0, 2, 80, -1);
	add_training(db, "94", "staff", "2017-01-10", 0, 3, 120, -1);
	Arena arena = {0};
	TrainingList l;
	Err e;
	ActivityFilter f = store_activity_filter();
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 5);
	assert_string_equal(l.v[0].start_date, "2016-03-05"); /* by date */
	assert_string_equal(l.v[4].start_date, "2017-01-10");
	f.province_list = "legacy";
	f.province_code = "94";
	f.year_from = f.year_to = 2016;
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	f.kind = "craft_transmission";
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f.project_id = 1;
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].start_date, "2016-03-05");
	/* Periods: calendar halves, or NĐ 09/2019's from the 15th of the month
	 * before (H2/2016 = 15/06–14/12/2016, H1/2017 from 15/12/2016). */
	f = store_activity_filter();
	f.period = "6 tháng đầu năm 2016";
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2); /* March and May */
	f.period = "2016-H2";
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2); /* July and 20 December */
	f.rule = PERIOD_RULE_ND09;
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	f.period = "2017-H1";
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	assert_string_equal(l.v[0].kind, "startup");
	f = store_activity_filter();
	f.limit = 2;
	f.offset = 4;
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 5);
	assert_int_equal(l.n, 1);
	f.limit = 501;
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	f = store_activity_filter();
	f.period = "2016-H3";
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "period");
	f.period = "2016-H1";
	f.rule.cutoff_day = 40;
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "rule");
	f = store_activity_filter();
	f.province_list = "legacy";
	f.province_code = "99";
	assert_int_equal(store_activity_training_list(db, &f, &arena, &l, &e), KC_EINVAL);
	arena_free(&arena);
}

static void yearly_and_consulting_lists(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_media(db, "leaflet", 2016, NULL, 500);
	add_media(db, "leaflet", 2016, "2016-03-01", 300);
	add_media(db, "handbook", 2016, "2016-09-01", 100);
	add_media(db, "handbook", 2017, NULL, 50);
	Arena arena = {0};
	MediaList m;
	Err e;
	ActivityFilter f = store_activity_filter();
	f.period = "2016";
	assert_int_equal(store_activity_media_list(db, &f, &arena, &m, &e), 0);
	assert_int_equal(m.total, 3);
	/* A half year holds the dated items only: an item known by its year alone
	 * cannot be placed in it. */
	f.period = "2016-H1";
	assert_int_equal(store_activity_media_list(db, &f, &arena, &m, &e), 0);
	assert_int_equal(m.total, 1);
	assert_int_equal(m.v[0].quantity, 300);
	f.period = "giai đoạn 2016 - 2020";
	f.kind = "handbook";
	assert_int_equal(store_activity_media_list(db, &f, &arena, &m, &e), 0);
	assert_int_equal(m.total, 2);
	/* Study tours have no kind and consulting services no đề án. */
	Recs r = good();
	int64_t id;
	assert_int_equal(create_one(db, 's', &r, &id, &e), 0);
	assert_int_equal(create_one(db, 'c', &r, &id, &e), 0);
	TourList t;
	f = store_activity_filter();
	f.year_from = 2016;
	assert_int_equal(store_activity_tour_list(db, &f, &arena, &t, &e), 0);
	assert_int_equal(t.total, 1);
	f.kind = "leaflet";
	assert_int_equal(store_activity_tour_list(db, &f, &arena, &t, &e), 0);
	assert_int_equal(t.total, 0);
	ConsultingList c;
	f = store_activity_filter();
	f.period = "2016-H1";
	assert_int_equal(store_activity_consulting_list(db, &f, &arena, &c, &e), 0);
	assert_int_equal(c.total, 1);
	assert_string_equal(c.v[0].period, "2016-H1");
	f.project_id = 1;
	assert_int_equal(store_activity_consulting_list(db, &f, &arena, &c, &e), 0);
	assert_int_equal(c.total, 0);
	arena_free(&arena);
}

/* Each kind of record of legacy Sóc Trăng (94) is listed under today's Cần
 * Thơ (92), not under Hà Nội (01), whose own records are. */
static void lists_by_current_province(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good();
	Recs h = good();
	h.t.province_code = h.f.province_code = h.m.province_code = h.s.province_code =
	        h.c.province_code = "01";
	h.t.project_id = h.f.project_id = 2;
	int64_t id;
	Err e;
	for (const char *k = "tfmsc"; *k; k++) {
		assert_int_equal(create_one(db, *k, &r, &id, &e), 0);
		assert_int_equal(create_one(db, *k, &h, &id, &e), 0);
	}
	Arena arena = {0};
	TrainingList t;
	FairList f;
	MediaList m;
	TourList s;
	ConsultingList c;
	ActivityFilter q = store_activity_filter();
	static const char *const codes[][2] = {{"92", "94"}, {"01", "01"}};
	for (int i = 0; i < 2; i++) {
		q.current_province = codes[i][0];
		const char *want = codes[i][1];
		assert_int_equal(store_activity_training_list(db, &q, &arena, &t, &e), 0);
		assert_int_equal(t.total, 1);
		assert_string_equal(t.v[0].province_code, want);
		assert_int_equal(store_activity_fair_list(db, &q, &arena, &f, &e), 0);
		assert_int_equal(f.total, 1);
		assert_string_equal(f.v[0].province_code, want);
		assert_int_equal(store_activity_media_list(db, &q, &arena, &m, &e), 0);
		assert_int_equal(m.total, 1);
		assert_string_equal(m.v[0].province_code, want);
		assert_int_equal(store_activity_tour_list(db, &q, &arena, &s, &e), 0);
		assert_int_equal(s.total, 1);
		assert_string_equal(s.v[0].province_code, want);
		assert_int_equal(store_activity_consulting_list(db, &q, &arena, &c, &e), 0);
		assert_int_equal(c.total, 1);
		assert_string_equal(c.v[0].province_code, want);
	}
	q.current_province = "15";
	assert_int_equal(store_activity_training_list(db, &q, &arena, &t, &e), 0);
	assert_int_equal(t.total, 0);
	arena_free(&arena);
}

/* ---- The Sóc Trăng figures of 2012–2022 (seed004, DOMAIN §7.5) ------------------------ */

static void add_fair(Db *db, const char *start, int64_t participations, int64_t booths)
{
	Recs r = good();
	r.f.project_id = 0;
	r.f.start_date = start;
	r.f.end_date = NULL;
	r.f.participations = participations;
	r.f.booths = booths;
	int64_t id;
	Err e;
	if (store_activity_fair_create(db, &officer, &r.f, &id, &e))
		fail_msg("fair %s: %s", start, e.msg);
}

static void add_tour(Db *db, int year, int64_t participants, const char *places)
{
	Recs r = good();
	r.s.start_date = NULL;
	r.s.year = year;
	r.s.participants = participants;
	r.s.places = places;
	r.s.note = "seed004 004-36/004-37";
	int64_t id;
	Err e;
	if (store_activity_tour_create(db, &officer, &r.s, &id, &e))
		fail_msg("tour %d: %s", year, e.msg);
}

static void enter_soc_trang(Db *db)
{
	/* 004-09..11: 2 craft-transmission classes (packaging), 60 trainees, 60 jobs. */
	add_training(db, "94", "craft_transmission", "2014-05-12", 0, 1, 30, 30);
	add_training(db, "94", "craft_transmission", "2019-08-05", 0, 1, 30, 30);
	/* 004-13..14: 2 start-up classes, 76 trainees. */
	add_training(db, "94", "startup", "2017-04-03", 0, 2, 76, -1);
	/* 004-33..34: 17 classes for staff and establishments, 892 turns. */
	add_training(db, "94", "staff", "2013-06-10", 0, 5, 260, -1);
	add_training(db, "94", "staff", "2016-09-12", 0, 6, 312, -1);
	add_training(db, "94", "staff", "2021-11-08", 0, 6, 320, -1);
	/* 004-19..20: 45 establishments at fairs, 34 booths. */
	add_fair(db, "2015-11-20", 15, 12);
	add_fair(db, "2018-10-01", 18, 13);
	add_fair(db, "2022-09-15", 12, 9);
	/* 004-24..29: information and communication. */
	add_media(db, "special_page", 2014, NULL, 20);
	add_media(db, "special_page", 2020, NULL, 15);
	add_media(db, "handbook", 2015, NULL, 200);
	add_media(db, "leaflet", 2016, "2016-04-01", 5500);
	add_media(db, "newspaper", 2018, NULL, 17750);
	add_media(db, "tv_radio", 2019, NULL, 42);
	add_media(db, "letter", 2019, NULL, 2000);
	/* 004-36..38: 7 delegations, 79 participants, 9 old provinces visited. */
	add_tour(db, 2013, 12, "Khánh Hòa");
	add_tour(db, 2014, 11, "Bà Rịa - Vũng Tàu");
	add_tour(db, 2015, 11, "Lâm Đồng");
	add_tour(db, 2016, 11, "An Giang, Kiên Giang");
	add_tour(db, 2017, 12, "Long An");
	add_tour(db, 2019, 11, "Bến Tre, Cà Mau");
	add_tour(db, 2021, 11, "Bình Thuận (sản xuất sạch hơn)");
	/* Outside the span or the province: must not count. */
	add_training(db, "94", "staff", "2023-02-01", 0, 1, 40, -1);
	add_training(db, "93", "craft_transmission", "2016-02-01", 0, 1, 25, 25);
	add_media(db, "leaflet", 2011, NULL, 1000);
}

static void soc_trang_2012_2022_totals(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	enter_soc_trang(db);
	const UnitRef soc_trang[] = {{"legacy", "province", "94"}};
	ActivityTotals t;
	Err e;
	if (store_activity_totals(db, soc_trang, 1, 2012, 2022, &t, &e))
		fail_msg("%s", e.msg);
	const TrainingTotals *craft = &t.by_kind[ACT_TRAIN_CRAFT_TRANSMISSION];
	assert_int_equal(craft->classes, 2);
	assert_int_equal(craft->trainees, 60);
	assert_int_equal(craft->jobs, 60);
	assert_int_equal(t.by_kind[ACT_TRAIN_STARTUP].classes, 2);
	assert_int_equal(t.by_kind[ACT_TRAIN_STARTUP].trainees, 76);
	assert_int_equal(t.by_kind[ACT_TRAIN_STAFF].classes, 17);
	assert_int_equal(t.by_kind[ACT_TRAIN_STAFF].trainees, 892);
	assert_int_equal(t.by_kind[ACT_TRAIN_VOCATIONAL].classes, 0);
	assert_int_equal(t.training.classes, 2 + 2 + 17);
	assert_int_equal(t.training.trainees, 60 + 76 + 892);
	assert_int_equal(t.training.jobs, 60);
	assert_int_equal(t.fairs, 3);
	assert_int_equal(t.participations, 45);
	assert_int_equal(t.booths, 34);
	assert_int_equal(t.media[ACT_MEDIA_SPECIAL_PAGE], 35);
	assert_int_equal(t.media[ACT_MEDIA_HANDBOOK], 200);
	assert_int_equal(t.media[ACT_MEDIA_LEAFLET], 5500);
	assert_int_equal(t.media[ACT_MEDIA_NEWSPAPER], 17750);
	assert_int_equal(t.media[ACT_MEDIA_TV_RADIO], 42);
	assert_int_equal(t.media[ACT_MEDIA_LETTER], 2000);
	assert_int_equal(t.media[ACT_MEDIA_WEBSITE], 0);
	assert_int_equal(t.tours, 7);
	assert_int_equal(t.tour_participants, 79);
	assert_int_equal(t.consulting_projects, 0);

	/* Cần Thơ within today's boundaries: itself and the legacy provinces
	 * merged into it (DOMAIN §7.6) — Hậu Giang's class joins. */
	const UnitRef can_tho[] = {{"current", "province", "92"}, {"legacy", "province", "92"},
	        {"legacy", "province", "93"}, {"legacy", "province", "94"}};
	assert_int_equal(store_activity_totals(db, can_tho, 4, 2012, 2022, &t, &e), 0);
	assert_int_equal(t.by_kind[ACT_TRAIN_CRAFT_TRANSMISSION].trainees, 85);
	/* The same by naming today's province alone; Hà Nội has none of it. */
	assert_int_equal(store_activity_totals_current(db, "92", 2012, 2022, &t, &e), 0);
	assert_int_equal(t.by_kind[ACT_TRAIN_CRAFT_TRANSMISSION].trainees, 85);
	assert_int_equal(t.training.trainees, 60 + 76 + 892 + 25);
	assert_int_equal(t.tours, 7);
	assert_int_equal(t.media[ACT_MEDIA_NEWSPAPER], 17750);
	assert_int_equal(store_activity_totals_current(db, "01", 0, 0, &t, &e), 0);
	assert_int_equal(t.training.trainees, 0);
	assert_int_equal(t.fairs, 0);
	assert_int_equal(store_activity_totals_current(db, NULL, 0, 0, &t, &e), 0);
	assert_int_equal(t.training.trainees, 60 + 76 + 892 + 40 + 25);
	/* Every province and every year. */
	assert_int_equal(store_activity_totals(db, NULL, 0, 0, 0, &t, &e), 0);
	assert_int_equal(t.training.trainees, 60 + 76 + 892 + 40 + 25);
	assert_int_equal(t.media[ACT_MEDIA_LEAFLET], 6500);
	/* An empty set is no province, not every one. */
	assert_int_equal(store_activity_totals(db, can_tho, 0, 0, 0, &t, &e), 0);
	assert_int_equal(t.training.trainees, 0);
	const UnitRef nowhere[] = {{"legacy", "province", "99"}};
	assert_int_equal(store_activity_totals(db, nowhere, 1, 0, 0, &t, &e), KC_EINVAL);
	assert_string_equal(e.field, "provinces");
	assert_int_equal(store_activity_totals(db, NULL, 0, 2022, 2012, &t, &e), KC_EINVAL);
}

static void consulting_totals_by_years(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Recs r = good();
	int64_t id;
	Err e;
	assert_int_equal(create_one(db, 'c', &r, &id, &e), 0); /* 2016-H1: 10, 150 triệu */
	r.c.period = "2016-H2";
	r.c.projects = 12;
	r.c.revenue = 180000000;
	assert_int_equal(create_one(db, 'c', &r, &id, &e), 0);
	r.c.period = "giai đoạn 2021 - 2025";
	r.c.projects = 50;
	r.c.revenue = 1000000000;
	assert_int_equal(create_one(db, 'c', &r, &id, &e), 0);
	ActivityTotals t;
	assert_int_equal(store_activity_totals(db, NULL, 0, 2012, 2022, &t, &e), 0);
	/* The phase runs past 2022, so it is not inside the years. */
	assert_int_equal(t.consulting_projects, 22);
	assert_int_equal(t.consulting_revenue, 330000000);
	assert_int_equal(store_activity_totals(db, NULL, 0, 2016, 2025, &t, &e), 0);
	assert_int_equal(t.consulting_projects, 72);
	assert_int_equal(t.consulting_revenue, 1330000000);
	assert_int_equal(store_activity_totals(db, NULL, 0, 2017, 0, &t, &e), 0);
	assert_int_equal(t.consulting_projects, 50);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, training_read_back);
	TL_ADD(&tl, others_read_back);
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, invalid_input_changes_nothing, (void *)&bad[i], "invalid: %s",
		        bad[i].why);
	TL_ADD(&tl, update_and_delete);
	TL_ADD(&tl, update_and_delete_every_kind);
	TL_ADD(&tl, consulting_periods_do_not_overlap);
	TL_ADD(&tl, failed_audit_leaves_nothing);
	TL_ADD(&tl, training_list_filters);
	TL_ADD(&tl, yearly_and_consulting_lists);
	TL_ADD(&tl, lists_by_current_province);
	TL_ADD(&tl, soc_trang_2012_2022_totals);
	TL_ADD(&tl, consulting_totals_by_years);
	/* Tests that need a fresh database get one each. */
	for (size_t i = 0; i < tl.n; i++)
		if (tl.v[i].test_func != invalid_input_changes_nothing) {
			tl.v[i].setup_func = setup;
			tl.v[i].teardown_func = teardown;
		}
	return tl_run(&tl, "store/activity");
}
