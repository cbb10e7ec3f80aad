/* store_activity.c — see store_activity.h.
 *
 * The five kinds of record share one way of being saved, read, listed and
 * summed; what differs (columns, checks, SQL) is described by a Table each. */
#include "store/store_activity.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"

enum { NAME_MAX_BYTES = 300, TEXT_MAX_BYTES = 1000 };

static const StoreChoice training_kinds[ACT_TRAIN_KINDS] = {{"vocational"}, {"craft_transmission"},
        {"management"}, {"startup"}, {"staff"}, {"cleaner_production"}, {"other"}};
static const StoreChoice media_kinds[ACT_MEDIA_KINDS] = {{"special_page"}, {"handbook"},
        {"leaflet"}, {"newspaper"}, {"tv_radio"}, {"letter"}, {"website"}, {"other"}};
static const StoreChoice fair_scopes[] = {
        {"provincial"}, {"regional"}, {"national"}, {"international"}};

const char *store_activity_training_kind(int k)
{
	return k >= 0 && k < ACT_TRAIN_KINDS ? training_kinds[k].value : NULL;
}

const char *store_activity_media_kind(int k)
{
	return k >= 0 && k < ACT_MEDIA_KINDS ? media_kinds[k].value : NULL;
}

TrainingClass store_activity_training_blank(void)
{
	return (TrainingClass){.kind = "vocational",
	        .classes = 1,
	        .trainees = -1,
	        .women = -1,
	        .ethnic_minority = -1,
	        .jobs_created = -1};
}

Fair store_activity_fair_blank(void)
{
	return (Fair){.scope = "provincial", .booths = -1, .participations = -1};
}

MediaItem store_activity_media_blank(void)
{
	return (MediaItem){.kind = "leaflet", .quantity = -1};
}

StudyTour store_activity_tour_blank(void)
{
	return (StudyTour){.delegations = 1, .participants = -1};
}

ConsultingService store_activity_consulting_blank(void)
{
	return (ConsultingService){.projects = -1, .revenue = -1};
}

ActivityFilter store_activity_filter(void)
{
	return (ActivityFilter){0};
}

/* ---- Checks ------------------------------------------------------------------------- */

/* Values stored in a canonical form, and the years the record's province must
 * be valid in. */
typedef struct Clean {
	char start[STORE_DATE_LEN], end[STORE_DATE_LEN]; /* or "" when not known */
	char period[32];                                 /* canonical period code */
	int year, last_year;
} Clean;

/* v is at least min; -1 (unknown) passes when the field is optional. */
static int check_count(
        int64_t v, int64_t min, bool optional, const char *field, const char *label, Err *e)
{
	if (v == -1 && optional)
		return 0;
	if (v == -1)
		return err_field(e, field, KC_EINVAL, "%s chưa được nhập", label);
	if (v < min && min > 0)
		return err_field(e, field, KC_EINVAL, "%s phải lớn hơn 0 (đã nhập %lld)", label,
		        (long long)v);
	if (v < min)
		return err_field(e, field, KC_EINVAL, "%s không được âm (đã nhập %lld)", label,
		        (long long)v);
	return 0;
}

/* An optional part of the trainees: women, ethnic minorities. */
static int check_part(int64_t part, int64_t whole, const char *field, const char *label, Err *e)
{
	int rc = check_count(part, 0, true, field, label, e);
	if (rc == 0 && part > whole)
		rc = err_field(e, field, KC_EINVAL,
		        "%s (%lld) không được nhiều hơn số học viên (%lld)", label, (long long)part,
		        (long long)whole);
	return rc;
}

/* Parses an optional date into out as YYYY-MM-DD ("" when not given) and its
 * year into *year. */
static int check_date(const char *s, const char *field, const char *label, char out[STORE_DATE_LEN],
        int *year, Err *e)
{
	int y = 0;
	int rc = store_iso_date(s, out, field, e);
	if (rc || !out[0])
		return rc;
	sscanf(out, "%4d", &y);
	if (y < STORE_YEAR_MIN || y > STORE_YEAR_MAX)
		return err_field(e, field, KC_EINVAL, "%s '%s' nằm ngoài khoảng năm %d – %d", label,
		        s, STORE_YEAR_MIN, STORE_YEAR_MAX);
	*year = y;
	return 0;
}

/* A dated record: at least one of its dates, the end not before the start. */
static int check_span(const char *start, const char *end, Clean *c, Err *e)
{
	int ys = 0, ye = 0;
	int rc = check_date(start, "start_date", "Ngày bắt đầu", c->start, &ys, e);
	if (rc || (rc = check_date(end, "end_date", "Ngày kết thúc", c->end, &ye, e)))
		return rc;
	if (!ys && !ye)
		return err_field(
		        e, "start_date", KC_EINVAL, "Chưa nhập ngày bắt đầu hoặc ngày kết thúc");
	if (ys && ye && strcmp(c->end, c->start) < 0)
		return err_field(e, "end_date", KC_EINVAL,
		        "Ngày kết thúc '%s' trước ngày bắt đầu '%s'", end, start);
	c->year = ys ? ys : ye;
	c->last_year = ye ? ye : ys;
	return 0;
}

/* A record counted by year, with an optional date that must fall in it;
 * year 0 takes the date's. */
static int check_year(
        int year, const char *date, const char *field, const char *label, Clean *c, Err *e)
{
	int y = 0;
	int rc = check_date(date, field, label, c->start, &y, e);
	if (rc)
		return rc;
	if (year == 0 && (year = y) == 0)
		return err_field(e, "year", KC_EINVAL, "Chưa nhập năm");
	if (year < STORE_YEAR_MIN || year > STORE_YEAR_MAX)
		return err_field(e, "year", KC_EINVAL, "Năm %d nằm ngoài khoảng %d – %d", year,
		        STORE_YEAR_MIN, STORE_YEAR_MAX);
	if (y && y != year)
		return err_field(
		        e, field, KC_EINVAL, "%s '%s' không thuộc năm %d", label, date, year);
	c->year = c->last_year = year;
	return 0;
}

/* The province must be one of a code list in force at some time in the
 * record's years. */
static int check_province(Db *db, const char *list, const char *code, const Clean *c, Err *e)
{
	return store_admin_check_span(db, list, code, c->year, c->last_year, "province_code", e);
}

static bool unit_ref(const char *list, const char *code, UnitRef *u)
{
	*u = (UnitRef){.level = "province"};
	if (strlen(list) >= sizeof u->list || strlen(code) >= sizeof u->code)
		return false;
	memcpy(u->list, list, strlen(list));
	memcpy(u->code, code, strlen(code));
	return true;
}

/* The đề án's province as recorded, into u. */
static int project_unit(Db *db, int64_t id, UnitRef *u, Err *e)
{
	Stmt *st;
	int rc = db_prepare(
	        db, "SELECT province_list, province_code FROM project WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	bool ok = rc == DB_ROW && unit_ref(db_col_text(st, 0), db_col_text(st, 1), u);
	db_done(st);
	if (rc == DB_DONE || (rc == DB_ROW && !ok))
		return err_field(
		        e, "project_id", KC_EINVAL, "Không có đề án số %lld", (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

/* A đề án named by the record must exist and lie in the same province today:
 * the record and the đề án may have been entered under different code lists. */
static int check_project(Db *db, int64_t id, const char *list, const char *code, Err *e)
{
	if (id == 0)
		return 0;
	UnitRef p, r;
	char theirs[3], mine[3];
	int rc = project_unit(db, id, &p, e);
	if (rc)
		return rc;
	if (!unit_ref(list, code, &r))
		return err_field(e, "province_code", KC_EINVAL, "Mã tỉnh '%s' không hợp lệ", code);
	if ((rc = store_admin_current_province(db, &p, theirs, e)) ||
	        (rc = store_admin_current_province(db, &r, mine, e)))
		return store_at_field(e, "project_id", rc);
	if (strcmp(theirs, mine))
		return err_field(e, "project_id", KC_EINVAL,
		        "Đề án số %lld thuộc tỉnh mã '%s' (địa giới hiện nay), còn hoạt động"
		        " thuộc tỉnh mã '%s': không cùng tỉnh",
		        (long long)id, theirs, mine);
	return 0;
}

static int check_place(
        Db *db, const char *list, const char *code, int64_t project_id, const Clean *c, Err *e)
{
	if (project_id < 0)
		return err_field(e, "project_id", KC_EINVAL, "Số đề án %lld không hợp lệ",
		        (long long)project_id);
	int rc = check_province(db, list, code, c, e);
	return rc ? rc : check_project(db, project_id, list, code, e);
}

/* ---- Validation of each kind of record ---------------------------------------------- */

static int validate_training(Db *db, const void *rec, int64_t self, Clean *c, Err *e)
{
	const TrainingClass *in = rec;
	(void)self;
	int rc;
	if (!in->title || !in->title[0])
		return err_field(e, "title", KC_EINVAL, "Chưa nhập tên lớp");
	if ((rc = store_check_text(in->title, NAME_MAX_BYTES, "title", "Tên lớp", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)) ||
	        (rc = store_check_choice(
	                 in->kind, training_kinds, ACT_TRAIN_KINDS, "kind", "Loại lớp", e)) ||
	        (rc = check_count(in->classes, 1, false, "classes", "Số lớp", e)) ||
	        (rc = check_count(in->trainees, 0, false, "trainees", "Số học viên", e)) ||
	        (rc = check_part(in->women, in->trainees, "women", "Số học viên nữ", e)) ||
	        (rc = check_part(in->ethnic_minority, in->trainees, "ethnic_minority",
	                 "Số học viên người dân tộc thiểu số", e)) ||
	        (rc = check_count(in->jobs_created, 0, true, "jobs_created",
	                 "Số lao động có việc làm", e)) ||
	        (rc = check_span(in->start_date, in->end_date, c, e)))
		return rc;
	return check_place(db, in->province_list, in->province_code, in->project_id, c, e);
}

static int validate_fair(Db *db, const void *rec, int64_t self, Clean *c, Err *e)
{
	const Fair *in = rec;
	(void)self;
	int rc;
	if (!in->name || !in->name[0])
		return err_field(e, "name", KC_EINVAL, "Chưa nhập tên hội chợ");
	if ((rc = store_check_text(in->name, NAME_MAX_BYTES, "name", "Tên hội chợ", e)) ||
	        (rc = store_check_text(in->place, NAME_MAX_BYTES, "place", "Địa điểm", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)) ||
	        (rc = store_check_choice(in->scope, fair_scopes, STORE_COUNT_OF(fair_scopes),
	                 "scope", "Cấp hội chợ", e)) ||
	        (rc = check_count(in->booths, 0, true, "booths", "Số gian hàng", e)) ||
	        (rc = check_count(in->participations, 0, true, "participations",
	                 "Số lượt cơ sở tham gia", e)) ||
	        (rc = check_span(in->start_date, in->end_date, c, e)))
		return rc;
	return check_place(db, in->province_list, in->province_code, in->project_id, c, e);
}

static int validate_media(Db *db, const void *rec, int64_t self, Clean *c, Err *e)
{
	const MediaItem *in = rec;
	(void)self;
	int rc;
	if ((rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)) ||
	        (rc = store_check_choice(in->kind, media_kinds, ACT_MEDIA_KINDS, "kind",
	                 "Loại thông tin tuyên truyền", e)) ||
	        (rc = check_count(in->quantity, 1, false, "quantity", "Số lượng", e)) ||
	        (rc = check_year(in->year, in->issued_on, "issued_on", "Ngày phát hành", c, e)))
		return rc;
	return check_place(db, in->province_list, in->province_code, in->project_id, c, e);
}

static int validate_tour(Db *db, const void *rec, int64_t self, Clean *c, Err *e)
{
	const StudyTour *in = rec;
	(void)self;
	int rc;
	if ((rc = store_check_text(in->places, TEXT_MAX_BYTES, "places", "Nơi đến", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)) ||
	        (rc = check_count(in->delegations, 1, false, "delegations", "Số đoàn", e)) ||
	        (rc = check_count(
	                 in->participants, 0, false, "participants", "Số người tham gia", e)) ||
	        (rc = check_year(in->year, in->start_date, "start_date", "Ngày đi", c, e)))
		return rc;
	return check_place(db, in->province_list, in->province_code, in->project_id, c, e);
}

/* The first and last year a period covers. */
static void period_years(const Period *p, int *first, int *last)
{
	*first = p->year;
	*last = p->kind == PERIOD_PHASE        ? p->end_year
	        : p->kind == PERIOD_CUMULATIVE ? p->to.year
	                                       : p->year;
}

/* Consulting results are summed over periods, so two records of a province
 * must not share a day: 2016-H1 beside 2016 would count the first half twice.
 * A cutoff rule shifts every period alike, so calendar ranges decide. */
static int check_overlap(Db *db, const ConsultingService *in, const Period *p, int64_t self, Err *e)
{
	const PeriodRule cal = PERIOD_RULE_CALENDAR;
	Date lo, hi, olo, ohi;
	int rc = period_range(p, &cal, &lo, &hi, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db,
	                   "SELECT id, period FROM consulting_service WHERE province_list = ?"
	                   " AND province_code = ? AND id <> ?",
	                   &st, e)))
		return rc;
	db_bind_str(st, 1, in->province_list);
	db_bind_str(st, 2, in->province_code);
	db_bind_int64(st, 3, self);
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *code = db_col_text(st, 1);
		Period o;
		if ((rc = period_parse(code, strlen(code), &o, e)) ||
		        (rc = period_range(&o, &cal, &olo, &ohi, e)))
			break;
		if (olo <= hi && ohi >= lo) {
			rc = err_field(e, "period", KC_ECONFLICT,
			        "Kỳ '%s' trùng thời gian với kỳ '%s' đã nhập cho tỉnh này"
			        " (bản ghi số %lld)",
			        in->period, code, (long long)db_col_int64(st, 0));
			break;
		}
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

static int validate_consulting(Db *db, const void *rec, int64_t self, Clean *c, Err *e)
{
	const ConsultingService *in = rec;
	Period p;
	int rc;
	if ((rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)) ||
	        (rc = check_count(in->projects, 0, true, "projects", "Số dự án được tư vấn", e)) ||
	        (rc = check_count(in->revenue, 0, true, "revenue", "Doanh thu", e)))
		return rc;
	if (in->projects == -1 && in->revenue == -1)
		return err_field(
		        e, "projects", KC_EINVAL, "Chưa nhập số dự án được tư vấn hoặc doanh thu");
	if (!in->period || !in->period[0])
		return err_field(e, "period", KC_EINVAL, "Chưa nhập kỳ báo cáo");
	if ((rc = period_parse(in->period, strlen(in->period), &p, e)))
		return store_at_field(e, "period", rc);
	Buf b;
	buf_init(&b, sizeof c->period - 1);
	period_format(&b, &p);
	snprintf(c->period, sizeof c->period, "%s", buf_cstr(&b));
	buf_free(&b);
	period_years(&p, &c->year, &c->last_year);
	if ((rc = check_province(db, in->province_list, in->province_code, c, e)))
		return rc;
	return check_overlap(db, in, &p, self, e);
}

/* ---- Binding and reading each kind of record ---------------------------------------- */

static const char *opt_text(const char *s)
{
	return s[0] ? s : NULL;
}

/* Each binds the writable columns as parameters 1..n in the order of the
 * table's INSERT and UPDATE. */
static void bind_training(Stmt *st, const void *rec, const Clean *c)
{
	const TrainingClass *in = rec;
	store_bind_opt(st, 1, in->project_id, 0);
	db_bind_str(st, 2, in->province_list);
	db_bind_str(st, 3, in->province_code);
	db_bind_str(st, 4, in->kind);
	db_bind_str(st, 5, in->title);
	db_bind_str(st, 6, opt_text(c->start));
	db_bind_str(st, 7, opt_text(c->end));
	db_bind_int64(st, 8, in->classes);
	db_bind_int64(st, 9, in->trainees);
	store_bind_opt(st, 10, in->women, -1);
	store_bind_opt(st, 11, in->ethnic_minority, -1);
	store_bind_opt(st, 12, in->jobs_created, -1);
	db_bind_str(st, 13, in->note);
}

static void read_training(Stmt *st, Arena *arena, void *out)
{
	TrainingClass *o = out;
	o->id = db_col_int64(st, 0);
	o->project_id = store_col_int(st, 1, 0);
	o->province_list = store_col_text(st, 2, arena);
	o->province_code = store_col_text(st, 3, arena);
	o->kind = store_col_text(st, 4, arena);
	o->title = store_col_text(st, 5, arena);
	o->start_date = store_col_text(st, 6, arena);
	o->end_date = store_col_text(st, 7, arena);
	o->classes = db_col_int64(st, 8);
	o->trainees = db_col_int64(st, 9);
	o->women = store_col_int(st, 10, -1);
	o->ethnic_minority = store_col_int(st, 11, -1);
	o->jobs_created = store_col_int(st, 12, -1);
	o->note = store_col_text(st, 13, arena);
}

static void bind_fair(Stmt *st, const void *rec, const Clean *c)
{
	const Fair *in = rec;
	store_bind_opt(st, 1, in->project_id, 0);
	db_bind_str(st, 2, in->province_list);
	db_bind_str(st, 3, in->province_code);
	db_bind_str(st, 4, in->name);
	db_bind_str(st, 5, in->place);
	db_bind_str(st, 6, in->scope);
	db_bind_str(st, 7, opt_text(c->start));
	db_bind_str(st, 8, opt_text(c->end));
	store_bind_opt(st, 9, in->booths, -1);
	store_bind_opt(st, 10, in->participations, -1);
	db_bind_str(st, 11, in->note);
}

static void read_fair(Stmt *st, Arena *arena, void *out)
{
	Fair *o = out;
	o->id = db_col_int64(st, 0);
	o->project_id = store_col_int(st, 1, 0);
	o->province_list = store_col_text(st, 2, arena);
	o->province_code = store_col_text(st, 3, arena);
	o->name = store_col_text(st, 4, arena);
	o->place = store_col_text(st, 5, arena);
	o->scope = store_col_text(st, 6, arena);
	o->start_date = store_col_text(st, 7, arena);
	o->end_date = store_col_text(st, 8, arena);
	o->booths = store_col_int(st, 9, -1);
	o->participations = store_col_int(st, 10, -1);
	o->note = store_col_text(st, 11, arena);
}

static void bind_media(Stmt *st, const void *rec, const Clean *c)
{
	const MediaItem *in = rec;
	store_bind_opt(st, 1, in->project_id, 0);
	db_bind_str(st, 2, in->province_list);
	db_bind_str(st, 3, in->province_code);
	db_bind_str(st, 4, in->kind);
	db_bind_int64(st, 5, in->quantity);
	db_bind_str(st, 6, opt_text(c->start));
	db_bind_int64(st, 7, c->year);
	db_bind_str(st, 8, in->note);
}

static void read_media(Stmt *st, Arena *arena, void *out)
{
	MediaItem *o = out;
	o->id = db_col_int64(st, 0);
	o->project_id = store_col_int(st, 1, 0);
	o->province_list = store_col_text(st, 2, arena);
	o->province_code = store_col_text(st, 3, arena);
	o->kind = store_col_text(st, 4, arena);
	o->quantity = db_col_int64(st, 5);
	o->issued_on = store_col_text(st, 6, arena);
	o->year = (int)db_col_int64(st, 7);
	o->note = store_col_text(st, 8, arena);
}

static void bind_tour(Stmt *st, const void *rec, const Clean *c)
{
	const StudyTour *in = rec;
	store_bind_opt(st, 1, in->project_id, 0);
	db_bind_str(st, 2, in->province_list);
	db_bind_str(st, 3, in->province_code);
	db_bind_str(st, 4, opt_text(c->start));
	db_bind_int64(st, 5, c->year);
	db_bind_int64(st, 6, in->delegations);
	db_bind_int64(st, 7, in->participants);
	db_bind_str(st, 8, in->places);
	db_bind_str(st, 9, in->note);
}

static void read_tour(Stmt *st, Arena *arena, void *out)
{
	StudyTour *o = out;
	o->id = db_col_int64(st, 0);
	o->project_id = store_col_int(st, 1, 0);
	o->province_list = store_col_text(st, 2, arena);
	o->province_code = store_col_text(st, 3, arena);
	o->start_date = store_col_text(st, 4, arena);
	o->year = (int)db_col_int64(st, 5);
	o->delegations = db_col_int64(st, 6);
	o->participants = db_col_int64(st, 7);
	o->places = store_col_text(st, 8, arena);
	o->note = store_col_text(st, 9, arena);
}

static void bind_consulting(Stmt *st, const void *rec, const Clean *c)
{
	const ConsultingService *in = rec;
	db_bind_str(st, 1, in->province_list);
	db_bind_str(st, 2, in->province_code);
	db_bind_str(st, 3, c->period);
	store_bind_opt(st, 4, in->projects, -1);
	store_bind_opt(st, 5, in->revenue, -1);
	db_bind_str(st, 6, in->note);
}

static void read_consulting(Stmt *st, Arena *arena, void *out)
{
	ConsultingService *o = out;
	o->id = db_col_int64(st, 0);
	o->province_list = store_col_text(st, 1, arena);
	o->province_code = store_col_text(st, 2, arena);
	o->period = store_col_text(st, 3, arena);
	o->projects = store_col_int(st, 4, -1);
	o->revenue = store_col_int(st, 5, -1);
	o->note = store_col_text(st, 6, arena);
}

/* ---- Tables ------------------------------------------------------------------------- */

/* How one kind of record is checked, written and read. */
typedef struct Table {
	StoreTable table;       /* its name, snapshot, DELETE and what a record is */
	const char *insert_sql; /* the writable columns, RETURNING id */
	const char *update_sql; /* the same, then WHERE id = ? RETURNING id */
	const char *get_sql;    /* the columns read reads, WHERE id = ? */
	int nfields;            /* parameters bind binds */
	int (*validate)(Db *db, const void *rec, int64_t self, Clean *c, Err *e);
	void (*bind)(Stmt *st, const void *rec, const Clean *c);
	StoreRead read;
} Table;

#define TRAINING_COLUMNS                                                                           \
	"id, project_id, province_list, province_code, kind, title, start_date, end_date,"         \
	" classes, trainees, women, ethnic_minority, jobs_created, note"

static const Table training_table = {
        .table = {"training_class", "SELECT * FROM training_class WHERE id = ?",
                "DELETE FROM training_class WHERE id = ? RETURNING id", "lớp đào tạo"},
        .insert_sql = "INSERT INTO training_class (project_id, province_list, province_code, kind,"
                      " title, start_date, end_date, classes, trainees, women, ethnic_minority,"
                      " jobs_created, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      " RETURNING id",
        .update_sql =
                "UPDATE training_class SET project_id = ?, province_list = ?, province_code = ?,"
                " kind = ?, title = ?, start_date = ?, end_date = ?, classes = ?, trainees = ?,"
                " women = ?, ethnic_minority = ?, jobs_created = ?, note = ?"
                " WHERE id = ? RETURNING id",
        .get_sql = "SELECT " TRAINING_COLUMNS " FROM training_class WHERE id = ?",
        .nfields = 13,
        .validate = validate_training,
        .bind = bind_training,
        .read = read_training,
};

#define FAIR_COLUMNS                                                                               \
	"id, project_id, province_list, province_code, name, place, scope, start_date, end_date,"  \
	" booths, participations, note"

static const Table fair_table = {
        .table = {"fair", "SELECT * FROM fair WHERE id = ?",
                "DELETE FROM fair WHERE id = ? RETURNING id", "hội chợ"},
        .insert_sql =
                "INSERT INTO fair (project_id, province_list, province_code, name, place, scope,"
                " start_date, end_date, booths, participations, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        .update_sql = "UPDATE fair SET project_id = ?, province_list = ?, province_code = ?,"
                      " name = ?, place = ?, scope = ?, start_date = ?, end_date = ?, booths = ?,"
                      " participations = ?, note = ? WHERE id = ? RETURNING id",
        .get_sql = "SELECT " FAIR_COLUMNS " FROM fair WHERE id = ?",
        .nfields = 11,
        .validate = validate_fair,
        .bind = bind_fair,
        .read = read_fair,
};

#define MEDIA_COLUMNS                                                                              \
	"id, project_id, province_list, province_code, kind, quantity, issued_on, year, note"

static const Table media_table = {
        .table = {"media_item", "SELECT * FROM media_item WHERE id = ?",
                "DELETE FROM media_item WHERE id = ? RETURNING id",
                "bản ghi thông tin tuyên truyền"},
        .insert_sql =
                "INSERT INTO media_item (project_id, province_list, province_code, kind, quantity,"
                " issued_on, year, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        .update_sql = "UPDATE media_item SET project_id = ?, province_list = ?, province_code = ?,"
                      " kind = ?, quantity = ?, issued_on = ?, year = ?, note = ?"
                      " WHERE id = ? RETURNING id",
        .get_sql = "SELECT " MEDIA_COLUMNS " FROM media_item WHERE id = ?",
        .nfields = 8,
        .validate = validate_media,
        .bind = bind_media,
        .read = read_media,
};

#define TOUR_COLUMNS                                                                               \
	"id, project_id, province_list, province_code, start_date, year, delegations,"             \
	" participants, places, note"

static const Table tour_table = {
        .table = {"study_tour", "SELECT * FROM study_tour WHERE id = ?",
                "DELETE FROM study_tour WHERE id = ? RETURNING id", "đoàn tham quan học tập"},
        .insert_sql =
                "INSERT INTO study_tour (project_id, province_list, province_code, start_date,"
                " year, delegations, participants, places, note)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        .update_sql =
                "UPDATE study_tour SET project_id = ?, province_list = ?, province_code = ?,"
                " start_date = ?, year = ?, delegations = ?, participants = ?, places = ?, note = ?"
                " WHERE id = ? RETURNING id",
        .get_sql = "SELECT " TOUR_COLUMNS " FROM study_tour WHERE id = ?",
        .nfields = 9,
        .validate = validate_tour,
        .bind = bind_tour,
        .read = read_tour,
};

#define CONSULTING_COLUMNS "id, province_list, province_code, period, projects, revenue, note"

static const Table consulting_table = {
        .table = {"consulting_service", "SELECT * FROM consulting_service WHERE id = ?",
                "DELETE FROM consulting_service WHERE id = ? RETURNING id", "kết quả tư vấn"},
        .insert_sql =
                "INSERT INTO consulting_service (province_list, province_code, period, projects,"
                " revenue, note) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        .update_sql =
                "UPDATE consulting_service SET province_list = ?, province_code = ?, period = ?,"
                " projects = ?, revenue = ?, note = ? WHERE id = ? RETURNING id",
        .get_sql = "SELECT " CONSULTING_COLUMNS " FROM consulting_service WHERE id = ?",
        .nfields = 6,
        .validate = validate_consulting,
        .bind = bind_consulting,
        .read = read_consulting,
};

/* ---- Writing and reading, for every table ------------------------------------------- */

/* Validates rec and inserts it, or overwrites record id when update is set,
 * with its audit row. The checks run inside the transaction, so what they
 * read (another period of the province, the đề án) cannot change before the
 * write. */
static int save(Db *db, const Actor *a, const Table *t, const void *rec, bool update, int64_t id,
        int64_t *new_id, Err *e)
{
	Clean c = {0};
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		if (update)
			rc = store_before(db, &t->table, id, &before, e);
		if (rc == 0 && (rc = t->validate(db, rec, update ? id : 0, &c, e)) == 0 &&
		        (rc = db_prepare(db, update ? t->update_sql : t->insert_sql, &st, e)) ==
		                0) {
			t->bind(st, rec, &c);
			if (update)
				db_bind_int64(st, t->nfields + 1, id);
			rc = db_run_int64(st, &id, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(db, a, update ? "update" : "insert", t->table.name,
			        t->table.select_sql, id, update ? buf_cstr(&before) : NULL, e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	if (rc == 0 && new_id)
		*new_id = id;
	return rc;
}

static int remove_row(Db *db, const Actor *a, const Table *t, int64_t id, Err *e)
{
	return store_delete(db, a, &t->table, id, -1, NULL, 0, e);
}

static int get_row(Db *db, const Table *t, int64_t id, Arena *arena, void *out, Err *e)
{
	return store_get(db, t->get_sql, id, t->read, arena, out, t->table.what, e);
}

int store_activity_training_create(
        Db *db, const Actor *a, const TrainingClass *in, int64_t *id, Err *e)
{
	return save(db, a, &training_table, in, false, 0, id, e);
}

int store_activity_training_update(Db *db, const Actor *a, const TrainingClass *in, Err *e)
{
	return save(db, a, &training_table, in, true, in->id, NULL, e);
}

int store_activity_training_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return remove_row(db, a, &training_table, id, e);
}

int store_activity_training_get(Db *db, int64_t id, Arena *arena, TrainingClass *out, Err *e)
{
	return get_row(db, &training_table, id, arena, out, e);
}

int store_activity_fair_create(Db *db, const Actor *a, const Fair *in, int64_t *id, Err *e)
{
	return save(db, a, &fair_table, in, false, 0, id, e);
}

int store_activity_fair_update(Db *db, const Actor *a, const Fair *in, Err *e)
{
	return save(db, a, &fair_table, in, true, in->id, NULL, e);
}

int store_activity_fair_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return remove_row(db, a, &fair_table, id, e);
}

int store_activity_fair_get(Db *db, int64_t id, Arena *arena, Fair *out, Err *e)
{
	return get_row(db, &fair_table, id, arena, out, e);
}

int store_activity_media_create(Db *db, const Actor *a, const MediaItem *in, int64_t *id, Err *e)
{
	return save(db, a, &media_table, in, false, 0, id, e);
}

int store_activity_media_update(Db *db, const Actor *a, const MediaItem *in, Err *e)
{
	return save(db, a, &media_table, in, true, in->id, NULL, e);
}

int store_activity_media_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return remove_row(db, a, &media_table, id, e);
}

int store_activity_media_get(Db *db, int64_t id, Arena *arena, MediaItem *out, Err *e)
{
	return get_row(db, &media_table, id, arena, out, e);
}

int store_activity_tour_create(Db *db, const Actor *a, const StudyTour *in, int64_t *id, Err *e)
{
	return save(db, a, &tour_table, in, false, 0, id, e);
}

int store_activity_tour_update(Db *db, const Actor *a, const StudyTour *in, Err *e)
{
	return save(db, a, &tour_table, in, true, in->id, NULL, e);
}

int store_activity_tour_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return remove_row(db, a, &tour_table, id, e);
}

int store_activity_tour_get(Db *db, int64_t id, Arena *arena, StudyTour *out, Err *e)
{
	return get_row(db, &tour_table, id, arena, out, e);
}

int store_activity_consulting_create(
        Db *db, const Actor *a, const ConsultingService *in, int64_t *id, Err *e)
{
	return save(db, a, &consulting_table, in, false, 0, id, e);
}

int store_activity_consulting_update(Db *db, const Actor *a, const ConsultingService *in, Err *e)
{
	return save(db, a, &consulting_table, in, true, in->id, NULL, e);
}

int store_activity_consulting_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return remove_row(db, a, &consulting_table, id, e);
}

int store_activity_consulting_get(Db *db, int64_t id, Arena *arena, ConsultingService *out, Err *e)
{
	return get_row(db, &consulting_table, id, arena, out, e);
}

/* ---- Filters ------------------------------------------------------------------------ */

/* A filter's bounds, ready to bind. */
typedef struct Window {
	Buf provinces;           /* ",legacy:94,current:92,"; empty: every province */
	const char *current;     /* a current province (today's boundaries), or NULL */
	char d_lo[16], d_hi[16]; /* the years as days */
	int y_lo, y_hi;          /* the years */
	char t_lo[8], t_hi[8];   /* the years as 4-digit text, for period codes */
	bool period;             /* whether a period was given; then: */
	char p_lo[16], p_hi[16]; /* its days */
	int py_lo, py_hi;        /* the whole years it covers; py_lo > py_hi: none */
	char code[32];           /* its canonical code */
} Window;

static int window_years(Window *w, int from, int to, Err *e)
{
	if (from < 0 || from > 9999 || to < 0 || to > 9999 || (from && to && from > to))
		return err_field(
		        e, "year_from", KC_EINVAL, "Khoảng năm %d – %d không hợp lệ", from, to);
	w->y_lo = from;
	w->y_hi = to ? to : 9999;
	snprintf(w->d_lo, sizeof w->d_lo, "%04d-01-01", w->y_lo);
	snprintf(w->d_hi, sizeof w->d_hi, "%04d-12-31", w->y_hi);
	snprintf(w->t_lo, sizeof w->t_lo, "%04d", w->y_lo);
	snprintf(w->t_hi, sizeof w->t_hi, "%04d", w->y_hi);
	return 0;
}

/* Records with only a year belong to a period that covers whole years. */
static void whole_years(const Period *p, int *lo, int *hi)
{
	bool whole = p->kind == PERIOD_YEAR || p->kind == PERIOD_PHASE ||
	             (p->kind == PERIOD_CUMULATIVE && p->to.kind == PERIOD_YEAR);
	period_years(p, lo, hi);
	if (!whole)
		*lo = *hi + 1;
}

static int window_period(Window *w, const char *s, const PeriodRule *rule, Err *e)
{
	snprintf(w->p_lo, sizeof w->p_lo, "0000-01-01");
	snprintf(w->p_hi, sizeof w->p_hi, "9999-12-31");
	if (!s)
		return 0;
	Period p;
	Date lo, hi;
	int rc = period_rule_check(rule, e);
	if (rc)
		return store_at_field(e, "rule", rc);
	if ((rc = period_parse(s, strlen(s), &p, e)) || (rc = period_range(&p, rule, &lo, &hi, e)))
		return store_at_field(e, "period", rc);
	Buf b;
	buf_init(&b, 64);
	period_format(&b, &p);
	snprintf(w->code, sizeof w->code, "%s", buf_cstr(&b));
	buf_reset(&b);
	date_format_iso(&b, lo);
	snprintf(w->p_lo, sizeof w->p_lo, "%s", buf_cstr(&b));
	buf_reset(&b);
	date_format_iso(&b, hi);
	snprintf(w->p_hi, sizeof w->p_hi, "%s", buf_cstr(&b));
	buf_free(&b);
	whole_years(&p, &w->py_lo, &w->py_hi);
	w->period = true;
	return 0;
}

/* provinces NULL: every province. Free with window_free, also after an error. */
static int window_open(
        Db *db, const ActivityFilter *f, const UnitRef *provinces, size_t n, Window *w, Err *e)
{
	*w = (Window){.current = f->current_province};
	buf_init(&w->provinces, 16 * n + 16);
	int rc = provinces ? store_admin_province_keys(db, provinces, n, &w->provinces, e) : 0;
	if (rc || (rc = window_years(w, f->year_from, f->year_to, e)))
		return rc;
	return window_period(w, f->period, &f->rule, e);
}

static void window_free(Window *w)
{
	buf_free(&w->provinces);
}

/* The conditions of a filter, on the record's table aliased r; lists, counts
 * and totals bind them alike (the bind_* functions below, in this order). */
#define WHERE_PROVINCE                                                                             \
	" WHERE (CAST(? AS TEXT) IS NULL"                                                          \
	" OR CAST(? AS TEXT) LIKE ('%,' || province_list || ':' || province_code || ',%'))"        \
	" AND" STORE_IN_CURRENT_PROVINCE("r")
#define WHERE_PROJECT   " AND (CAST(? AS BIGINT) IS NULL OR project_id = ?)"
#define WHERE_KIND(col) " AND (CAST(? AS TEXT) IS NULL OR " col " = ?)"
/* A dated record counts on the day it starts, else the day it ends. */
#define DAY "COALESCE(start_date, end_date)"
#define WHERE_DATED(kind)                                                                          \
	WHERE_PROVINCE " AND " DAY " BETWEEN ? AND ? AND " DAY " BETWEEN ? AND ?" WHERE_PROJECT    \
	WHERE_KIND(kind)
#define WHERE_YEARLY(day)                                                                          \
	WHERE_PROVINCE " AND year BETWEEN ? AND ?"                                                 \
	               " AND (CAST(? AS TEXT) IS NULL OR (" day " IS NOT NULL AND " day            \
	               " BETWEEN ? AND ?) OR (" day                                                \
	               " IS NULL AND year BETWEEN ? AND ?))" WHERE_PROJECT
/* The first and last year of a canonical period code: a phase "2021-2025"
 * ends in its second year, a cumulative "2021-2025:2023-H1" in the year after
 * the colon, every other code in its first year ("2019-9M" and "2019-M06"
 * are shorter than a phase). */
#define FIRST_YEAR "substr(period, 1, 4)"
#define LAST_YEAR                                                                                  \
	"CASE WHEN substr(period, 10, 1) = ':' THEN substr(period, 11, 4)"                         \
	" WHEN length(period) = 9 AND substr(period, 5, 1) = '-' THEN substr(period, 6, 4)"        \
	" ELSE substr(period, 1, 4) END"
#define WHERE_CONSULTING                                                                           \
	WHERE_PROVINCE " AND " FIRST_YEAR " >= ? AND (" LAST_YEAR ") <= ?"                         \
	               " AND (CAST(? AS TEXT) IS NULL OR period = ?)"

/* Each binds its WHERE's parameters and returns the number of the next. */
static int bind_province(Stmt *st, const Window *w)
{
	const char *keys = w->provinces.len ? buf_cstr(&w->provinces) : NULL;
	db_bind_str(st, 1, keys);
	db_bind_str(st, 2, keys);
	store_bind_current_province(st, 3, w->current);
	return 6;
}

static int bind_project_kind(Stmt *st, int i, const ActivityFilter *f, bool kind)
{
	store_bind_opt(st, i++, f->project_id, 0);
	store_bind_opt(st, i++, f->project_id, 0);
	if (kind) {
		db_bind_str(st, i++, f->kind);
		db_bind_str(st, i++, f->kind);
	}
	return i;
}

static int bind_dated(Stmt *st, const Window *w, const ActivityFilter *f)
{
	int i = bind_province(st, w);
	db_bind_str(st, i++, w->d_lo);
	db_bind_str(st, i++, w->d_hi);
	db_bind_str(st, i++, w->p_lo);
	db_bind_str(st, i++, w->p_hi);
	return bind_project_kind(st, i, f, true);
}

static int bind_yearly(Stmt *st, const Window *w, const ActivityFilter *f, bool kind)
{
	int i = bind_province(st, w);
	db_bind_int64(st, i++, w->y_lo);
	db_bind_int64(st, i++, w->y_hi);
	db_bind_str(st, i++, w->period ? w->code : NULL);
	db_bind_str(st, i++, w->p_lo);
	db_bind_str(st, i++, w->p_hi);
	db_bind_int64(st, i++, w->py_lo);
	db_bind_int64(st, i++, w->py_hi);
	return bind_project_kind(st, i, f, kind);
}

static int bind_media_where(Stmt *st, const Window *w, const ActivityFilter *f)
{
	return bind_yearly(st, w, f, true);
}

static int bind_tour_where(Stmt *st, const Window *w, const ActivityFilter *f)
{
	return bind_yearly(st, w, f, false);
}

static int bind_consulting_where(Stmt *st, const Window *w, const ActivityFilter *f)
{
	(void)f;
	int i = bind_province(st, w);
	db_bind_str(st, i++, w->t_lo);
	db_bind_str(st, i++, w->t_hi);
	db_bind_str(st, i++, w->period ? w->code : NULL);
	db_bind_str(st, i++, w->period ? w->code : NULL);
	return i;
}

/* ---- Lists -------------------------------------------------------------------------- */

typedef struct ListSpec {
	const Table *t;
	const char *count_sql, *page_sql; /* the page query ends in LIMIT ? OFFSET ? */
	int (*where)(Stmt *st, const Window *w, const ActivityFilter *f);
	size_t size; /* of one record */
} ListSpec;

/* Reads one page into *v (in the arena). none: the filter asks for something
 * this kind of record does not have, so nothing matches. */
static int list_rows(Db *db, const ListSpec *l, const ActivityFilter *f, bool none, Arena *arena,
        void **v, int *n, int64_t *total, Err *e)
{
	*v = NULL, *n = 0, *total = 0;
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	if ((f->province_list == NULL) != (f->province_code == NULL))
		return err_field(e, "province_code", KC_EINVAL, "Chọn cả danh mục và mã tỉnh");
	UnitRef u;
	if (f->province_code && !unit_ref(f->province_list, f->province_code, &u))
		return err_field(e, "province_code", KC_EINVAL, "Mã tỉnh '%s' không hợp lệ",
		        f->province_code);
	Window w;
	rc = window_open(db, f, f->province_code ? &u : NULL, 1, &w, e);
	Stmt *st;
	if (rc == 0 && !none && (rc = db_prepare(db, l->count_sql, &st, e)) == 0) {
		l->where(st, &w, f);
		rc = db_run_int64(st, total, e);
		db_done(st);
	}
	if (rc == 0 && !none && (rc = db_prepare(db, l->page_sql, &st, e)) == 0) {
		int i = l->where(st, &w, f);
		db_bind_int64(st, i, limit);
		db_bind_int64(st, i + 1, f->offset);
		char *base = arena_alloc(arena, (size_t)limit * l->size);
		*v = base;
		while ((rc = db_step(st, e)) == DB_ROW)
			l->t->read(st, arena, base + (size_t)(*n)++ * l->size);
		db_done(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	window_free(&w);
	return rc;
}

#define PAGE " LIMIT ? OFFSET ?"

int store_activity_training_list(
        Db *db, const ActivityFilter *f, Arena *arena, TrainingList *out, Err *e)
{
	static const ListSpec l = {
	        .t = &training_table,
	        .count_sql = "SELECT COUNT(*) FROM training_class r" WHERE_DATED("kind"),
	        .page_sql = "SELECT " TRAINING_COLUMNS " FROM training_class r" WHERE_DATED(
	                "kind") " ORDER BY " DAY ", id" PAGE,
	        .where = bind_dated,
	        .size = sizeof(TrainingClass),
	};
	void *v;
	int rc = list_rows(db, &l, f, false, arena, &v, &out->n, &out->total, e);
	out->v = v;
	return rc;
}

int store_activity_fair_list(Db *db, const ActivityFilter *f, Arena *arena, FairList *out, Err *e)
{
	static const ListSpec l = {
	        .t = &fair_table,
	        .count_sql = "SELECT COUNT(*) FROM fair r" WHERE_DATED("scope"),
	        .page_sql = "SELECT " FAIR_COLUMNS
	                    " FROM fair r" WHERE_DATED("scope") " ORDER BY " DAY ", id" PAGE,
	        .where = bind_dated,
	        .size = sizeof(Fair),
	};
	void *v;
	int rc = list_rows(db, &l, f, false, arena, &v, &out->n, &out->total, e);
	out->v = v;
	return rc;
}

int store_activity_media_list(Db *db, const ActivityFilter *f, Arena *arena, MediaList *out, Err *e)
{
	static const ListSpec l = {
	        .t = &media_table,
	        .count_sql = "SELECT COUNT(*) FROM media_item r" WHERE_YEARLY("issued_on")
	                WHERE_KIND("kind"),
	        .page_sql = "SELECT " MEDIA_COLUMNS " FROM media_item r" WHERE_YEARLY("issued_on")
	                WHERE_KIND("kind") " ORDER BY year, COALESCE(issued_on, ''), id" PAGE,
	        .where = bind_media_where,
	        .size = sizeof(MediaItem),
	};
	void *v;
	int rc = list_rows(db, &l, f, false, arena, &v, &out->n, &out->total, e);
	out->v = v;
	return rc;
}

int store_activity_tour_list(Db *db, const ActivityFilter *f, Arena *arena, TourList *out, Err *e)
{
	static const ListSpec l = {
	        .t = &tour_table,
	        .count_sql = "SELECT COUNT(*) FROM study_tour r" WHERE_YEARLY("start_date"),
	        .page_sql = "SELECT " TOUR_COLUMNS " FROM study_tour r" WHERE_YEARLY(
	                "start_date") " ORDER BY year, COALESCE(start_date, ''), id" PAGE,
	        .where = bind_tour_where,
	        .size = sizeof(StudyTour),
	};
	void *v;
	int rc = list_rows(db, &l, f, f->kind != NULL, arena, &v, &out->n, &out->total, e);
	out->v = v;
	return rc;
}

int store_activity_consulting_list(
        Db *db, const ActivityFilter *f, Arena *arena, ConsultingList *out, Err *e)
{
	static const ListSpec l = {
	        .t = &consulting_table,
	        .count_sql = "SELECT COUNT(*) FROM consulting_service r" WHERE_CONSULTING,
	        .page_sql =
	                "SELECT " CONSULTING_COLUMNS " FROM consulting_service r" WHERE_CONSULTING
	                " ORDER BY " FIRST_YEAR ", period, id" PAGE,
	        .where = bind_consulting_where,
	        .size = sizeof(ConsultingService),
	};
	void *v;
	bool none = f->kind != NULL || f->project_id != 0;
	int rc = list_rows(db, &l, f, none, arena, &v, &out->n, &out->total, e);
	out->v = v;
	return rc;
}

/* ---- Totals ------------------------------------------------------------------------- */

/* SUM of a BIGINT is NUMERIC on PostgreSQL: the casts keep every total an
 * integer column on both engines (and fail rather than wrap on overflow). */
#define SUM(col) "CAST(COALESCE(SUM(" col "), 0) AS BIGINT)"

/* *acc += v; KC_ERANGE instead of wrapping. */
static int add(int64_t *acc, int64_t v, Err *e)
{
	if (__builtin_add_overflow(*acc, v, acc))
		return err_set(e, KC_ERANGE, "Tổng vượt quá giới hạn số nguyên 64 bit");
	return 0;
}

static int add_training(TrainingTotals *acc, const TrainingTotals *t, Err *e)
{
	int rc;
	if ((rc = add(&acc->classes, t->classes, e)) ||
	        (rc = add(&acc->trainees, t->trainees, e)) ||
	        (rc = add(&acc->women, t->women, e)) ||
	        (rc = add(&acc->ethnic_minority, t->ethnic_minority, e)))
		return rc;
	return add(&acc->jobs, t->jobs, e);
}

static int sum_training(Db *db, const Window *w, const ActivityFilter *f, ActivityTotals *o, Err *e)
{
	/* clang-format off */
	static const char sql[] =
	        "SELECT kind, " SUM("classes") ", " SUM("trainees") ", " SUM("women") ","
	        " " SUM("ethnic_minority") ", " SUM("jobs_created")
	        " FROM training_class r" WHERE_DATED("kind") " GROUP BY kind";
	/* clang-format on */
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	bind_dated(st, w, f);
	while ((rc = db_step(st, e)) == DB_ROW) {
		TrainingTotals t = {db_col_int64(st, 1), db_col_int64(st, 2), db_col_int64(st, 3),
		        db_col_int64(st, 4), db_col_int64(st, 5)};
		/* The schema's CHECK keeps kinds to the known ones; a kind added to
		 * it later still counts in the overall total. */
		int k = store_choice_index(training_kinds, ACT_TRAIN_KINDS, db_col_text(st, 0));
		if (k >= 0)
			o->by_kind[k] = t;
		if ((rc = add_training(&o->training, &t, e)))
			break;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

static int sum_media(Db *db, const Window *w, const ActivityFilter *f, ActivityTotals *o, Err *e)
{
	static const char sql[] = "SELECT kind, " SUM("quantity") " FROM media_item r" WHERE_YEARLY(
	        "issued_on") WHERE_KIND("kind") " GROUP BY kind";
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	bind_media_where(st, w, f);
	while ((rc = db_step(st, e)) == DB_ROW) {
		int k = store_choice_index(media_kinds, ACT_MEDIA_KINDS, db_col_text(st, 0));
		if (k >= 0)
			o->media[k] = db_col_int64(st, 1);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* Runs a one-row aggregate query and stores its n columns in out. */
static int sum_row(Db *db, const char *sql,
        int (*where)(Stmt *, const Window *, const ActivityFilter *), const Window *w,
        const ActivityFilter *f, int64_t *const *out, int n, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	where(st, w, f);
	if ((rc = db_step(st, e)) == DB_ROW)
		for (int i = 0; i < n; i++)
			*out[i] = db_col_int64(st, i);
	db_done(st);
	return rc == DB_ROW ? 0 : rc;
}

static int sum_others(Db *db, const Window *w, const ActivityFilter *f, ActivityTotals *o, Err *e)
{
	static const char fairs[] = "SELECT COUNT(*), " SUM("booths") ", " SUM(
	        "participations") " FROM fair r" WHERE_DATED("scope");
	static const char tours[] = "SELECT " SUM("delegations") ", " SUM(
	        "participants") " FROM study_tour r" WHERE_YEARLY("start_date");
	static const char consulting[] = "SELECT " SUM("projects") ", " SUM(
	        "revenue") " FROM consulting_service r" WHERE_CONSULTING;
	int64_t *const fair_out[] = {&o->fairs, &o->booths, &o->participations};
	int64_t *const tour_out[] = {&o->tours, &o->tour_participants};
	int64_t *const consulting_out[] = {&o->consulting_projects, &o->consulting_revenue};
	int rc = sum_row(db, fairs, bind_dated, w, f, fair_out, 3, e);
	if (rc == 0)
		rc = sum_row(db, tours, bind_tour_where, w, f, tour_out, 2, e);
	if (rc == 0)
		rc = sum_row(db, consulting, bind_consulting_where, w, f, consulting_out, 2, e);
	return rc;
}

/* The sums of the records of f's provinces, current province and years. */
static int totals(Db *db, const ActivityFilter *f, const UnitRef *provinces, size_t n,
        ActivityTotals *out, Err *e)
{
	*out = (ActivityTotals){0};
	Window w;
	int rc = window_open(db, f, provinces, n, &w, e);
	if (rc == 0)
		rc = sum_training(db, &w, f, out, e);
	if (rc == 0)
		rc = sum_media(db, &w, f, out, e);
	if (rc == 0)
		rc = sum_others(db, &w, f, out, e);
	window_free(&w);
	if (rc)
		*out = (ActivityTotals){0};
	return rc;
}

int store_activity_totals(Db *db, const UnitRef *provinces, size_t n, int year_from, int year_to,
        ActivityTotals *out, Err *e)
{
	ActivityFilter f = store_activity_filter();
	f.year_from = year_from;
	f.year_to = year_to;
	return totals(db, &f, provinces, n, out, e);
}

int store_activity_totals_current(Db *db, const char *current_province, int year_from, int year_to,
        ActivityTotals *out, Err *e)
{
	ActivityFilter f = store_activity_filter();
	f.current_province = current_province;
	f.year_from = year_from;
	f.year_to = year_to;
	return totals(db, &f, NULL, 0, out, e);
}

/* ---- Natural keys ------------------------------------------------------------------- */

/* Runs a natural-key lookup: keys[0..n) are bound first, then the start
 * day twice and the end day (the end counts only without a start). */
static int find_dated(Db *db, const char *sql, const char *const *keys, int n, const char *start,
        const char *end, int64_t *id, Err *e)
{
	char s[STORE_DATE_LEN], en[STORE_DATE_LEN];
	int rc = store_iso_date(start, s, "start_date", e);
	if (rc || (rc = store_iso_date(end, en, "end_date", e)))
		return rc;
	Stmt *st;
	if ((rc = db_prepare(db, sql, &st, e)))
		return rc;
	for (int i = 0; i < n; i++)
		db_bind_str(st, i + 1, keys[i]);
	db_bind_str(st, n + 1, s[0] ? s : NULL);
	db_bind_str(st, n + 2, s[0] ? s : NULL);
	db_bind_str(st, n + 3, s[0] ? NULL : en);
	rc = db_run_int64(st, id, e);
	db_done(st);
	if (rc == KC_ENOTFOUND)
		err_clear(e);
	return rc;
}

#define DATED_KEY                                                                                  \
	" AND ((CAST(? AS TEXT) IS NOT NULL AND start_date = ?) OR (start_date IS NULL"            \
	" AND end_date = ?)) ORDER BY id LIMIT 1"

int store_activity_training_find(Db *db, const TrainingClass *key, int64_t *id, Err *e)
{
	const char *keys[] = {key->province_list, key->province_code, key->kind, key->title};
	return find_dated(db,
	        "SELECT id FROM training_class WHERE province_list = ? AND province_code = ?"
	        " AND kind = ? AND title = ?" DATED_KEY,
	        keys, 4, key->start_date, key->end_date, id, e);
}

int store_activity_fair_find(Db *db, const Fair *key, int64_t *id, Err *e)
{
	const char *keys[] = {key->province_list, key->province_code, key->name};
	return find_dated(db,
	        "SELECT id FROM fair WHERE province_list = ? AND province_code = ? AND name = ?" DATED_KEY,
	        keys, 3, key->start_date, key->end_date, id, e);
}
