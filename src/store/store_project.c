/* store_project.c — see store_project.h. */
#include "store/store_project.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/ident.h"
#include "core/json.h"
#include "core/project_state.h"
#include "core/vntext.h"
#include "store/store_admin.h"
#include "store/store_list.h"
#include "store/store_totals.h"

enum {
	CODE_MAX_BYTES = 64,
	TITLE_MAX_BYTES = 500,
	DOC_MAX_BYTES = 200,
	TEXT_MAX_BYTES = 4000,
};

#define COLUMNS                                                                                    \
	"id, code, title, kind, level, type, scope, activity_code, province_list, province_code,"  \
	" commune_list, commune_code, implementing_id, programme_id, plan_id, registration_year,"  \
	" start_year, end_year, eligible_from, eligible_to, objective, note, status, status_date," \
	" version"

static const char select_sql[] = "SELECT * FROM project WHERE id = ?";
static const StoreTable projects = {"project", select_sql,
        "DELETE FROM project WHERE id = ? AND version = ? RETURNING id", "đề án"};
static const char event_sql[] = "SELECT * FROM project_event WHERE id = ?";
static const char adjustment_sql[] = "SELECT * FROM project_adjustment WHERE id = ?";

static const StoreChoice kinds[] = {
        {"project", "đề án"}, {"plan", "kế hoạch"}, {"task", "nhiệm vụ"}};
static const StoreChoice levels[] = {{"national", "quốc gia"}, {"local", "địa phương"}};
static const StoreChoice types[] = {{"ordinary", "thường"}, {"group", "nhóm"}, {"flagship", "điểm"},
        {"value_chain", "liên kết chuỗi giá trị"}};
static const StoreChoice scopes[] = {
        {"provincial", "trong tỉnh"}, {"inter_provincial", "liên tỉnh"}};
static const StoreChoice roles[] = {{"partner", "phối hợp"}, {"lead", "chủ trì"}};
static const StoreChoice decisions[] = {{"approved", "phê duyệt"}, {"rejected", "không phê duyệt"}};

/* The kinds of adjustment of TT 36/2013 Điều 11 as amended (DOMAIN §3.2).
 * Only the names live here; who approves each is data (adjustment_rule). */
static const StoreChoice adjustment_kinds[] = {
        {"increase_support", "tăng tổng kinh phí hỗ trợ"},
        {"change_content", "thay đổi nội dung hoạt động"},
        {"extend_next_year", "gia hạn thực hiện sang năm sau"},
        {"add_project", "bổ sung đề án"},
        {"stop", "ngừng thực hiện đề án"},
        {"change_location", "thay đổi địa điểm"},
        {"change_beneficiary", "thay đổi cơ sở thụ hưởng"},
        {"change_partner", "thay đổi đơn vị phối hợp"},
        {"change_timing_in_year", "thay đổi thời gian thực hiện trong năm"},
        {"reduce_support", "giảm kinh phí hỗ trợ"},
        {"other", "điều chỉnh khác"},
};

/* Adjustments apply to a đề án on its way: from registration until the work
 * ends. A draft is still edited directly; after acceptance, settlement,
 * closing or termination there is nothing left to adjust. */
static const StoreChoice adjustable[] = {{"registered"}, {"appraised_basic"}, {"appraised"},
        {"approved"}, {"not_funded"}, {"contracted"}, {"in_progress"}, {"carried_over"}};

/* The label of value in the static array list; NULL when it is none of them. */
#define LABEL(list, value) store_choice_label(list, STORE_COUNT_OF(list), value)
/* Checks value against the static array list; the Err is the caller's e. */
#define CHECK_CHOICE(list, value, field, what)                                                     \
	store_check_choice(value, list, STORE_COUNT_OF(list), field, what, e)

/* ---- Small helpers ----------------------------------------------------------------------- */

/* A status given as input (a filter, a move's target) must be a state. */
static int check_state(const char *name, Err *e)
{
	if (project_state_valid(name))
		return 0;
	char q[VN_QUOTE_MAX];
	return err_field(e, "status", KC_EINVAL, "Trạng thái đề án '%s' không có",
	        vn_quote(q, sizeof q, name ? name : "", name ? strlen(name) : 0));
}

Project store_project_blank(void)
{
	return (Project){.kind = "project",
	        .type = "ordinary",
	        .scope = "provincial",
	        .implementing_id = -1,
	        .programme_id = -1,
	        .plan_id = -1};
}

ProjectFilter store_project_filter(void)
{
	return (ProjectFilter){0};
}

Transition store_project_transition_blank(void)
{
	return (Transition){.actor_org_id = -1};
}

Adjustment store_project_adjustment_blank(void)
{
	return (Adjustment){.id = -1, .project_id = -1, .rule_id = -1};
}

static bool empty(const char *s)
{
	return !s || !s[0];
}

/* Ids are positive; -1 (or any other value below 1) means none. */
static void bind_id(Stmt *st, int i, int64_t id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

static void bind_opt_str(Stmt *st, int i, const char *s)
{
	db_bind_str(st, i, empty(s) ? NULL : s);
}

/* The actor's calendar day in Vietnam (UTC+7, no daylight saving), so that a
 * change made at 23:30 in Hà Nội is dated that day and not the UTC one. */
static void today(const Actor *a, char out[STORE_DATE_LEN])
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	int y, m, d, h;
	Date day;
	if (sscanf(now, "%4d-%2d-%2dT%2d", &y, &m, &d, &h) == 4 &&
	        date_from_ymd(y, m, d, &day, NULL) == 0 &&
	        (h < 17 || date_add_days(day, 1, &day, NULL) == 0)) {
		Buf b;
		buf_init(&b, 16);
		date_format_iso(&b, day);
		snprintf(out, STORE_DATE_LEN, "%s", buf_cstr(&b));
		buf_free(&b);
	} else {
		snprintf(out, STORE_DATE_LEN, "%.10s", now);
	}
}

/* Runs a statement with one bound id that returns no rows. */
static int run_by_id(Db *db, const char *sql, int64_t id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* The first column of the row a query with one bound id returns, as text in
 * out; KC_ENOTFOUND (without a message) if there is no row. */
static int text_by_id(Db *db, const char *sql, int64_t id, char *out, size_t cap, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		snprintf(out, cap, "%s", db_col_text(st, 0));
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? KC_ENOTFOUND : rc;
}

/* What the module needs to know of a stored đề án before changing it. */
typedef struct Head {
	char code[CODE_MAX_BYTES + 1];
	char status[24], level[12], scope[20];
	char province_list[8], province_code[6];
	int version;
} Head;

static int read_head(Db *db, int64_t id, Head *h, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT code, status, level, scope, province_list, province_code, version"
	        " FROM project WHERE id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(h->code, sizeof h->code, "%s", db_col_text(st, 0));
		snprintf(h->status, sizeof h->status, "%s", db_col_text(st, 1));
		snprintf(h->level, sizeof h->level, "%s", db_col_text(st, 2));
		snprintf(h->scope, sizeof h->scope, "%s", db_col_text(st, 3));
		snprintf(h->province_list, sizeof h->province_list, "%s", db_col_text(st, 4));
		snprintf(h->province_code, sizeof h->province_code, "%s", db_col_text(st, 5));
		h->version = (int)db_col_int64(st, 6);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có đề án số %lld", (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

/* ---- Validation of the record ------------------------------------------------------------ */

/* Normalised values of fields stored in a canonical form. */
typedef struct Clean {
	char code[CODE_MAX_BYTES + 1];
	char eligible_from[STORE_DATE_LEN], eligible_to[STORE_DATE_LEN];
} Clean;

static int check_year(int y, const char *field, const char *name, Err *e)
{
	if (y < STORE_YEAR_MIN || y > STORE_YEAR_MAX)
		return err_field(e, field, KC_EINVAL, "%s %d không hợp lệ (cần từ %d đến %d)", name,
		        y, STORE_YEAR_MIN, STORE_YEAR_MAX);
	return 0;
}

static int check_years(const Project *in, Err *e)
{
	int rc;
	if ((rc = check_year(in->registration_year, "registration_year", "Năm đăng ký", e)) ||
	        (rc = check_year(in->start_year, "start_year", "Năm bắt đầu thực hiện", e)) ||
	        (rc = check_year(in->end_year, "end_year", "Năm kết thúc", e)))
		return rc;
	/* Registered in one year, carried out from that year or later (§4.4). */
	if (in->start_year < in->registration_year)
		return err_field(e, "start_year", KC_EINVAL,
		        "Năm thực hiện (%d) trước năm đăng ký (%d)", in->start_year,
		        in->registration_year);
	if (in->end_year < in->start_year)
		return err_field(e, "end_year", KC_EINVAL,
		        "Năm kết thúc (%d) trước năm bắt đầu thực hiện (%d)", in->end_year,
		        in->start_year);
	return 0;
}

static int check_texts(const Project *in, Clean *c, Err *e)
{
	int rc;
	const char *s = in->code ? in->code : "";
	size_t n = strlen(s);
	ident_trim(&s, &n);
	if (n == 0)
		return err_field(e, "code", KC_EINVAL, "Chưa nhập mã đề án");
	if (n > CODE_MAX_BYTES)
		return err_field(e, "code", KC_EINVAL, "Mã đề án dài quá %d ký tự", CODE_MAX_BYTES);
	snprintf(c->code, sizeof c->code, "%.*s", (int)n, s);
	if ((rc = store_check_text(c->code, CODE_MAX_BYTES, "code", "Mã đề án", e)))
		return rc;
	if (empty(in->title))
		return err_field(e, "title", KC_EINVAL, "Chưa nhập tên đề án");
	if ((rc = store_check_text(in->title, TITLE_MAX_BYTES, "title", "Tên đề án", e)) ||
	        (rc = store_check_text(
	                 in->objective, TEXT_MAX_BYTES, "objective", "Mục tiêu", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)))
		return rc;
	if ((rc = CHECK_CHOICE(kinds, in->kind, "kind", "Loại hồ sơ")) ||
	        (rc = CHECK_CHOICE(levels, in->level, "level", "Cấp khuyến công")) ||
	        (rc = CHECK_CHOICE(types, in->type, "type", "Loại đề án")) ||
	        (rc = CHECK_CHOICE(scopes, in->scope, "scope", "Phạm vi")))
		return rc;
	return 0;
}

static int check_activity(Db *db, const char *code, Err *e)
{
	if (empty(code))
		return err_field(e, "activity_code", KC_EINVAL, "Chưa chọn nội dung hoạt động");
	int64_t n = 0;
	int rc = store_scalar_text(
	        db, "SELECT COUNT(*) FROM activity_content WHERE code = ?", code, &n, e);
	if (rc == 0 && n == 0) {
		char q[VN_QUOTE_MAX];
		rc = err_field(e, "activity_code", KC_EINVAL,
		        "Nội dung hoạt động '%s' không có trong danh mục",
		        vn_quote(q, sizeof q, code, strlen(code)));
	}
	return rc;
}

/* The place must exist and be in force in the first year of implementation. */
static int check_places(Db *db, const Project *in, Err *e)
{
	if (empty(in->province_list) || empty(in->province_code))
		return err_field(e, "province_code", KC_EINVAL, "Chưa chọn tỉnh, thành phố");
	int rc = store_admin_check(db, in->province_list, in->province_code, "province", NULL,
	        in->start_year, "province_code", e);
	if (rc || empty(in->commune_code))
		return rc;
	if (empty(in->commune_list) || strcmp(in->commune_list, in->province_list))
		return err_field(e, "commune_code", KC_EINVAL,
		        "Xã, phường phải theo cùng danh mục với tỉnh");
	return store_admin_check(db, in->commune_list, in->commune_code, "commune",
	        in->province_code, in->start_year, "commune_code", e);
}

/* A programme or annual plan the đề án belongs to: it exists and is of the
 * đề án's level (a KCQG đề án is not counted in a provincial plan). */
static int check_level_ref(Db *db, const char *sql, int64_t id, const char *level,
        const char *field, const char *what, Err *e)
{
	char got[16];
	if (id <= 0)
		return 0;
	int rc = text_by_id(db, sql, id, got, sizeof got, e);
	if (rc == KC_ENOTFOUND)
		return err_field(e, field, KC_EINVAL, "%s số %lld không có", what, (long long)id);
	if (rc == 0 && strcmp(got, level))
		rc = err_field(e, field, KC_EINVAL, "%s số %lld thuộc cấp %s, đề án thuộc cấp %s",
		        what, (long long)id, LABEL(levels, got) ? LABEL(levels, got) : got,
		        LABEL(levels, level));
	return rc;
}

static int check_refs(Db *db, const Project *in, Err *e)
{
	char kind[40];
	int rc = 0;
	if (in->implementing_id > 0) {
		rc = text_by_id(db, "SELECT kind FROM organisation WHERE id = ?",
		        in->implementing_id, kind, sizeof kind, e);
		if (rc == KC_ENOTFOUND)
			return err_field(e, "implementing_id", KC_EINVAL,
			        "Đơn vị thực hiện số %lld không có",
			        (long long)in->implementing_id);
	}
	if (rc == 0)
		rc = check_level_ref(db, "SELECT level FROM programme WHERE id = ?",
		        in->programme_id, in->level, "programme_id", "Chương trình khuyến công", e);
	if (rc == 0)
		rc = check_level_ref(db, "SELECT level FROM annual_plan WHERE id = ?", in->plan_id,
		        in->level, "plan_id", "Kế hoạch khuyến công năm", e);
	return rc;
}

static int check_window(const Project *in, Clean *c, Err *e)
{
	int rc;
	if ((rc = store_iso_date(in->eligible_from, c->eligible_from, "eligible_from", e)) ||
	        (rc = store_iso_date(in->eligible_to, c->eligible_to, "eligible_to", e)))
		return rc;
	char a[STORE_DATE_LEN], b[STORE_DATE_LEN];
	if (c->eligible_from[0] && c->eligible_to[0] &&
	        strcmp(c->eligible_to, c->eligible_from) < 0)
		return err_field(e, "eligible_to", KC_EINVAL,
		        "Ngày cuối nhận chứng từ (%s) trước ngày đầu (%s)",
		        store_vn_day(c->eligible_to, a), store_vn_day(c->eligible_from, b));
	return 0;
}

static int validate(Db *db, const Project *in, Clean *c, Err *e)
{
	int rc;
	if ((rc = check_texts(in, c, e)) || (rc = check_years(in, e)) ||
	        (rc = check_window(in, c, e)) || (rc = check_activity(db, in->activity_code, e)) ||
	        (rc = check_places(db, in, e)) || (rc = check_refs(db, in, e)))
		return rc;
	return 0;
}

/* The code is unique; checked before writing so the message can say so (a
 * failed statement would abort a PostgreSQL transaction). */
static int code_free(Db *db, const char *code, int64_t self, Err *e)
{
	Stmt *st;
	int64_t n = 0;
	int rc = db_prepare(db, "SELECT COUNT(*) FROM project WHERE code = ? AND id <> ?", &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, code);
	db_bind_int64(st, 2, self);
	rc = db_run_int64(st, &n, e);
	db_done(st);
	if (rc == 0 && n) {
		char q[VN_QUOTE_MAX];
		rc = err_field(e, "code", KC_ECONFLICT, "Mã đề án '%s' đã có",
		        vn_quote(q, sizeof q, code, strlen(code)));
	}
	return rc;
}

/* ---- Events -------------------------------------------------------------------------------- */

/* A move's record, validated: dates in ISO, empty text as NULL. */
typedef struct Move {
	char event_date[STORE_DATE_LEN], decision_date[STORE_DATE_LEN];
	const char *decision_no, *reason_code, *reason;
	int64_t actor_org_id;
} Move;

static int clean_move(Db *db, const Actor *a, const Transition *t, Move *m, Err *e)
{
	int rc;
	*m = (Move){.actor_org_id = t->actor_org_id};
	m->decision_no = empty(t->decision_no) ? NULL : t->decision_no;
	m->reason_code = empty(t->reason_code) ? NULL : t->reason_code;
	m->reason = empty(t->reason) ? NULL : t->reason;
	if ((rc = store_check_text(
	             m->decision_no, DOC_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = store_check_text(m->reason_code, 64, "reason_code", "Mã lý do", e)) ||
	        (rc = store_check_text(m->reason, TEXT_MAX_BYTES, "reason", "Lý do", e)) ||
	        (rc = store_iso_date(t->event_date, m->event_date, "event_date", e)) ||
	        (rc = store_iso_date(t->decision_date, m->decision_date, "decision_date", e)))
		return rc;
	if (!m->event_date[0])
		today(a, m->event_date);
	char kind[40];
	if (m->actor_org_id > 0 && text_by_id(db, "SELECT kind FROM organisation WHERE id = ?",
	                                   m->actor_org_id, kind, sizeof kind, e) == KC_ENOTFOUND)
		return err_field(e, "actor_org_id", KC_EINVAL, "Đơn vị số %lld không có",
		        (long long)m->actor_org_id);
	return 0;
}

/* Appends the event of a move of đề án id and its audit row. */
static int append_event(
        Db *db, const Actor *a, int64_t id, const char *from, const char *to, const Move *m, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int64_t ev = 0;
	int rc = db_prepare(db,
	        "INSERT INTO project_event (project_id, from_status, to_status, event_date,"
	        " decision_no, decision_date, actor_org_id, user_id, reason_code, reason, created_at)"
	        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_str(st, 2, from);
	db_bind_str(st, 3, to);
	db_bind_str(st, 4, m->event_date);
	db_bind_str(st, 5, m->decision_no);
	bind_opt_str(st, 6, m->decision_date);
	bind_id(st, 7, m->actor_org_id);
	bind_id(st, 8, a ? a->user_id : 0);
	db_bind_str(st, 9, m->reason_code);
	db_bind_str(st, 10, m->reason);
	db_bind_str(st, 11, now);
	rc = db_run_int64(st, &ev, e);
	db_done(st);
	return rc ? rc
	          : store_audit_change(db, a, "insert", "project_event", event_sql, ev, NULL, e);
}

/* ---- Create, update ----------------------------------------------------------------------- */

/* Binds the writable columns as parameters 1..23 of an INSERT or UPDATE that
 * lists them in the order of COLUMNS (code .. note), then title_key, sort_key. */
static int bind_fields(Stmt *st, const Project *in, const Clean *c, Err *e)
{
	Buf title_key, sort_key;
	buf_init(&title_key, 4 * TITLE_MAX_BYTES);
	buf_init(&sort_key, 16 * TITLE_MAX_BYTES);
	int rc = store_keys(in->title, &title_key, &sort_key, e);
	if (rc == 0) {
		db_bind_str(st, 1, c->code);
		db_bind_str(st, 2, in->title);
		db_bind_str(st, 3, in->kind);
		db_bind_str(st, 4, in->level);
		db_bind_str(st, 5, in->type);
		db_bind_str(st, 6, in->scope);
		db_bind_str(st, 7, in->activity_code);
		db_bind_str(st, 8, in->province_list);
		db_bind_str(st, 9, in->province_code);
		db_bind_str(st, 10, empty(in->commune_code) ? NULL : in->commune_list);
		bind_opt_str(st, 11, in->commune_code);
		bind_id(st, 12, in->implementing_id);
		bind_id(st, 13, in->programme_id);
		bind_id(st, 14, in->plan_id);
		db_bind_int64(st, 15, in->registration_year);
		db_bind_int64(st, 16, in->start_year);
		db_bind_int64(st, 17, in->end_year);
		bind_opt_str(st, 18, c->eligible_from);
		bind_opt_str(st, 19, c->eligible_to);
		bind_opt_str(st, 20, in->objective);
		bind_opt_str(st, 21, in->note);
		db_bind_text(st, 22, buf_cstr(&title_key), title_key.len);
		db_bind_text(st, 23, buf_cstr(&sort_key), sort_key.len);
	}
	buf_free(&title_key);
	buf_free(&sort_key);
	return rc;
}

static int insert_project(Db *db, const Actor *a, const Project *in, const Clean *c,
        const char *day, int64_t *id, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO project (code, title, kind, level, type, scope, activity_code,"
	        " province_list, province_code, commune_list, commune_code, implementing_id,"
	        " programme_id, plan_id, registration_year, start_year, end_year, eligible_from,"
	        " eligible_to, objective, note, title_key, sort_key, status, status_date,"
	        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	        " ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	if ((rc = bind_fields(st, in, c, e)) == 0) {
		db_bind_str(st, 24, day);
		db_bind_str(st, 25, now);
		db_bind_str(st, 26, now);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	return rc;
}

int store_project_create(Db *db, const Actor *a, const Project *in, int64_t *id, Err *e)
{
	Clean c = {0};
	int rc = validate(db, in, &c, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	/* A đề án entered after the fact (an import) says when its draft was made. */
	Move first = {.actor_org_id = -1};
	if ((rc = store_iso_date(in->status_date, first.event_date, "status_date", e)))
		return store_finish(db, rc, e);
	if (!first.event_date[0])
		today(a, first.event_date);
	if ((rc = code_free(db, c.code, 0, e)) == 0 &&
	        (rc = insert_project(db, a, in, &c, first.event_date, id, e)) == 0 &&
	        (rc = store_totals_add(db, *id, e)) == 0 &&
	        (rc = store_audit_change(db, a, "insert", "project", select_sql, *id, NULL, e)) ==
	                0)
		rc = append_event(db, a, *id, NULL, "draft", &first, e);
	return store_finish(db, rc, e);
}

/* A beneficiary of a provincial đề án outside the province it would have. */
static int beneficiaries_inside(Db *db, const Project *in, const char *code, Err *e);

static int update_row(Db *db, const Actor *a, const Project *in, const Clean *c, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE project SET code = ?, title = ?, kind = ?, level = ?, type = ?, scope = ?,"
	        " activity_code = ?, province_list = ?, province_code = ?, commune_list = ?,"
	        " commune_code = ?, implementing_id = ?, programme_id = ?, plan_id = ?,"
	        " registration_year = ?, start_year = ?, end_year = ?, eligible_from = ?,"
	        " eligible_to = ?, objective = ?, note = ?, title_key = ?, sort_key = ?,"
	        " updated_at = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	if ((rc = bind_fields(st, in, c, e)) == 0) {
		db_bind_str(st, 24, now);
		db_bind_int64(st, 25, in->id);
		db_bind_int64(st, 26, in->version);
		rc = store_run_versioned(db, st, &projects, in->id, e);
	}
	db_done(st);
	return rc;
}

/* A đề án's level decides who approves it: the Ministry makes the moves of a
 * national one (api_project_may_move) and its adjustments' approver is looked
 * up by level (find_rule). A province therefore chooses the level of its own
 * draft only; once registered, only a national user may change it. */
static int level_change_allowed(Db *db, const Actor *a, const Project *in, Err *e)
{
	Head h;
	int rc = read_head(db, in->id, &h, e);
	if (rc || !a->provincial || !in->level || !strcmp(h.level, in->level) ||
	        !strcmp(h.status, "draft"))
		return rc;
	return err_field(e, "level", KC_EDENIED,
	        "Không đổi được cấp khuyến công (level) của đề án '%s' từ '%s' sang '%s': đề án đã"
	        " rời trạng thái nháp (nay là '%s'), cấp quyết định ai duyệt đề án nên chỉ Bộ Công"
	        " Thương được đổi",
	        h.code, LABEL(levels, h.level) ? LABEL(levels, h.level) : h.level,
	        LABEL(levels, in->level) ? LABEL(levels, in->level) : in->level,
	        project_state_label(h.status));
}

int store_project_update(Db *db, const Actor *a, const Project *in, Err *e)
{
	Clean c = {0};
	int rc = validate(db, in, &c, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	Buf before;
	buf_init(&before, 1 << 16);
	rc = store_before(db, &projects, in->id, &before, e);
	if (rc == 0 && (rc = level_change_allowed(db, a, in, e)) == 0 &&
	        (rc = code_free(db, c.code, in->id, e)) == 0 &&
	        (rc = beneficiaries_inside(db, in, c.code, e)) == 0 &&
	        (rc = store_totals_sub(db, in->id, e)) == 0 &&
	        (rc = update_row(db, a, in, &c, e)) == 0 &&
	        (rc = store_totals_add(db, in->id, e)) == 0)
		rc = store_audit_change(
		        db, a, "update", "project", select_sql, in->id, buf_cstr(&before), e);
	buf_free(&before);
	return store_finish(db, rc, e);
}

/* ---- Reading -------------------------------------------------------------------------------- */

/* Reads a row selected as COLUMNS. */
static void read_row(Stmt *st, Arena *arena, void *out)
{
	Project *o = out;
	o->id = db_col_int64(st, 0);
	o->code = store_col_text(st, 1, arena);
	o->title = store_col_text(st, 2, arena);
	o->kind = store_col_text(st, 3, arena);
	o->level = store_col_text(st, 4, arena);
	o->type = store_col_text(st, 5, arena);
	o->scope = store_col_text(st, 6, arena);
	o->activity_code = store_col_text(st, 7, arena);
	o->province_list = store_col_text(st, 8, arena);
	o->province_code = store_col_text(st, 9, arena);
	o->commune_list = store_col_text(st, 10, arena);
	o->commune_code = store_col_text(st, 11, arena);
	o->implementing_id = store_col_int(st, 12, -1);
	o->programme_id = store_col_int(st, 13, -1);
	o->plan_id = store_col_int(st, 14, -1);
	o->registration_year = (int)db_col_int64(st, 15);
	o->start_year = (int)db_col_int64(st, 16);
	o->end_year = (int)db_col_int64(st, 17);
	o->eligible_from = store_col_text(st, 18, arena);
	o->eligible_to = store_col_text(st, 19, arena);
	o->objective = store_col_text(st, 20, arena);
	o->note = store_col_text(st, 21, arena);
	o->status = store_col_text(st, 22, arena);
	o->status_date = store_col_text(st, 23, arena);
	o->version = (int)db_col_int64(st, 24);
}

int store_project_get(Db *db, int64_t id, Arena *arena, Project *out, Err *e)
{
	return store_get(db, "SELECT " COLUMNS " FROM project WHERE id = ?", id, read_row, arena,
	        out, projects.what, e);
}

int store_project_get_scoped(
        Db *db, int64_t id, Arena *arena, Project *out, char province[3], Err *e)
{
	/* store_admin_current_province in the same statement: a legacy province's
	 * successor (provinces merged whole), a current one itself. */
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT " COLUMNS ", CASE WHEN province_list = 'legacy' THEN (SELECT s.new_code"
	        " FROM admin_succession s WHERE s.old_list = 'legacy' AND s.old_level = 'province'"
	        " AND s.old_code = project.province_code AND s.new_level = 'province')"
	        " ELSE province_code END FROM project WHERE id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	bool known = false;
	if ((rc = db_step(st, e)) == DB_ROW) {
		read_row(st, arena, out);
		known = !db_col_null(st, 25);
		snprintf(province, 3, "%s", db_col_text(st, 25));
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(
		        e, KC_ENOTFOUND, "Không có %s số %lld", projects.what, (long long)id);
	if (rc != DB_ROW)
		return rc;
	if (known)
		return 0;
	/* No successor: the lookup's own message says so. */
	UnitRef u = {.level = "province"};
	snprintf(u.list, sizeof u.list, "%s", out->province_list);
	snprintf(u.code, sizeof u.code, "%s", out->province_code);
	return store_admin_current_province(db, &u, province, e);
}

/* The order of the list: Vietnamese order of title, then id. */
static const char *const by_title[] = {"sort_key", "id", NULL};

/* The terms of the filters given, each matched by an index where one
 * serves: province and status (project_place_status), status alone
 * (project_status), the order (project_sort); a current province becomes
 * one alternative per province recorded in it. */
static int add_filters(Db *db, const ProjectFilter *f, const char *pattern, StoreList *l, Err *e)
{
	if (pattern) {
		store_list_term(l, "(title_key LIKE ? ESCAPE '!' OR code = ?)");
		store_list_value_text(l, pattern);
		store_list_value_text(l, f->q);
	}
	if (f->province_code) {
		store_list_term(l, "province_list = ? AND province_code = ?");
		store_list_value_text(l, f->province_list);
		store_list_value_text(l, f->province_code);
	}
	if (f->year) {
		store_list_term(l, "start_year <= ? AND end_year >= ?");
		store_list_value_int(l, f->year);
		store_list_value_int(l, f->year);
	}
	store_list_text(l, "level = ?", f->level);
	store_list_text(l, "activity_code = ?", f->activity_code);
	store_list_text(l, "status = ?", f->status);
	return store_list_current_province(
	        db, l, "province_list = ? AND province_code = ?", f->current_province, e);
}

static int check_filter(const ProjectFilter *f, int *limit, Err *e)
{
	int rc = store_page_size(f->limit, f->offset, limit, e);
	if (rc)
		return rc;
	if (f->status && check_state(f->status, e))
		return KC_EINVAL;
	if (f->level)
		return CHECK_CHOICE(levels, f->level, "level", "Cấp khuyến công");
	return 0;
}

static int count_kept(Db *db, const void *ctx, int64_t *total, Err *e)
{
	const ProjectFilter *f = ctx;
	return store_totals_count(db, f->current_province, f->status, f->activity_code, total, e);
}

int store_project_list(Db *db, const ProjectFilter *f, Arena *arena, ProjectList *out, Err *e)
{
	*out = (ProjectList){0};
	int limit;
	int rc = check_filter(f, &limit, e);
	if (rc)
		return rc;
	Buf pattern;
	buf_init(&pattern, 8192);
	rc = f->q && f->q[0] ? store_like_pattern(f->q, &pattern, e) : 0;
	StoreList l;
	store_list_init(&l, "project", COLUMNS, by_title, false);
	/* Filtered by nothing but province, status or activity: the total is
	 * kept by the store (store_totals_count). */
	if (!pattern.len && !f->province_code && !f->year && !f->level) {
		l.count = count_kept;
		l.count_ctx = f;
	}
	void *v = NULL;
	if (rc == 0 &&
	        (rc = add_filters(db, f, pattern.len ? buf_cstr(&pattern) : NULL, &l, e)) == 0)
		rc = store_list_run(db, &l, limit, f->offset, read_row, sizeof *out->v, arena, &v,
		        &out->n, &out->total, e);
	out->v = v;
	store_list_free(&l);
	buf_free(&pattern);
	return rc;
}

/* ---- Partners and beneficiaries --------------------------------------------------------- */

/* The two member tables differ only in names and SQL. */
typedef struct Members {
	const char *table, *column; /* audit table; the member's id column */
	const char *what;           /* its role in words: "đơn vị phối hợp" */
	const char *noun;           /* what it is: "tổ chức" */
	const char *exists_sql;     /* the member's name, by id */
	const char *role_sql;       /* its role in a đề án: (project_id, member id) */
	const char *insert_sql, *delete_sql, *ids_sql, *count_sql, *list_sql;
} Members;

static const Members partners = {
        .table = "project_partner",
        .column = "org_id",
        .what = "đơn vị phối hợp",
        .noun = "tổ chức",
        .exists_sql = "SELECT name FROM organisation WHERE id = ?",
        .role_sql = "SELECT role FROM project_partner WHERE project_id = ? AND org_id = ?",
        .insert_sql = "INSERT INTO project_partner (project_id, org_id, role) VALUES (?, ?, ?)",
        .delete_sql = "DELETE FROM project_partner WHERE project_id = ? AND org_id = ?",
        .ids_sql = "SELECT org_id FROM project_partner WHERE project_id = ? ORDER BY org_id",
        .count_sql = "SELECT COUNT(*) FROM project_partner WHERE project_id = ?",
        .list_sql = "SELECT o.id, o.name, p.role FROM project_partner p"
                    " JOIN organisation o ON o.id = p.org_id WHERE p.project_id = ?"
                    " ORDER BY o.sort_key, o.id",
};

static const Members beneficiaries = {
        .table = "project_beneficiary",
        .column = "establishment_id",
        .what = "cơ sở thụ hưởng",
        .noun = "cơ sở",
        .exists_sql = "SELECT name FROM establishment WHERE id = ?",
        .role_sql = "SELECT role FROM project_beneficiary WHERE project_id = ?"
                    " AND establishment_id = ?",
        .insert_sql = "INSERT INTO project_beneficiary (project_id, establishment_id, role)"
                      " VALUES (?, ?, ?)",
        .delete_sql = "DELETE FROM project_beneficiary WHERE project_id = ?"
                      " AND establishment_id = ?",
        .ids_sql = "SELECT establishment_id FROM project_beneficiary WHERE project_id = ?"
                   " ORDER BY establishment_id",
        .count_sql = "SELECT COUNT(*) FROM project_beneficiary WHERE project_id = ?",
        .list_sql = "SELECT x.id, x.name, b.role FROM project_beneficiary b"
                    " JOIN establishment x ON x.id = b.establishment_id WHERE b.project_id = ?"
                    " ORDER BY x.sort_key, x.id",
};

/* The role of member mid in đề án id into role; KC_ENOTFOUND if it is none. */
static int member_role(
        Db *db, const Members *m, int64_t id, int64_t mid, char *role, size_t cap, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, m->role_sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, mid);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		snprintf(role, cap, "%s", db_col_text(st, 0));
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? KC_ENOTFOUND : rc;
}

/* The audit snapshot of a member row, which has no id of its own: the audit
 * row's record id is the đề án's, and the snapshot names the member. */
static void member_json(Buf *b, const Members *m, int64_t id, int64_t mid, const char *role)
{
	JsonW w;
	json_init(&w, b);
	json_obj(&w);
	json_key(&w, "project_id");
	json_int(&w, id);
	json_key(&w, m->column);
	json_int(&w, mid);
	json_key(&w, "role");
	json_cstr(&w, role);
	json_obj_end(&w);
}

static int run_pair(Db *db, const char *sql, int64_t id, int64_t mid, const char *role, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, mid);
	if (role)
		db_bind_str(st, 3, role);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* Inserts member mid of đề án id and its audit row; inside a transaction. */
static int insert_member(Db *db, const Actor *a, const Members *m, int64_t id, int64_t mid,
        const char *role, const char *name, const Head *h, Err *e)
{
	char old[16];
	int rc = member_role(db, m, id, mid, old, sizeof old, e);
	if (rc == 0) {
		char q[VN_QUOTE_MAX];
		return err_field(e, m->column, KC_ECONFLICT, "'%s' đã là %s của đề án '%s'",
		        vn_quote(q, sizeof q, name, strlen(name)), m->what, h->code);
	}
	if (rc != KC_ENOTFOUND || (rc = run_pair(db, m->insert_sql, id, mid, role, e)))
		return rc;
	Buf after;
	buf_init(&after, 256);
	member_json(&after, m, id, mid, role);
	rc = store_audit(db, a, "insert", m->table, id, NULL, buf_cstr(&after), e);
	buf_free(&after);
	return rc;
}

/* Deletes member mid of đề án id with its audit row; inside a transaction. */
static int delete_member(Db *db, const Actor *a, const Members *m, int64_t id, int64_t mid, Err *e)
{
	char role[16];
	int rc = member_role(db, m, id, mid, role, sizeof role, e);
	if (rc == KC_ENOTFOUND)
		return err_field(e, m->column, KC_ENOTFOUND,
		        "Số %lld không phải %s của đề án số %lld", (long long)mid, m->what,
		        (long long)id);
	if (rc || (rc = run_pair(db, m->delete_sql, id, mid, NULL, e)))
		return rc;
	Buf before;
	buf_init(&before, 256);
	member_json(&before, m, id, mid, role);
	rc = store_audit(db, a, "delete", m->table, id, buf_cstr(&before), NULL, e);
	buf_free(&before);
	return rc;
}

/* The name of member mid into name; KC_ENOTFOUND (field named) if none. */
static int member_name(Db *db, const Members *m, int64_t mid, char *name, size_t cap, Err *e)
{
	int rc = text_by_id(db, m->exists_sql, mid, name, cap, e);
	if (rc == KC_ENOTFOUND)
		return err_field(
		        e, m->column, KC_ENOTFOUND, "Không có %s số %lld", m->noun, (long long)mid);
	return rc;
}

int store_project_partner_add(
        Db *db, const Actor *a, int64_t id, int64_t org_id, const char *role, Err *e)
{
	Head h;
	char name[TITLE_MAX_BYTES + 1];
	role = role ? role : "partner";
	int rc = CHECK_CHOICE(roles, role, "role", "Vai trò");
	if (rc || (rc = read_head(db, id, &h, e)) ||
	        (rc = member_name(db, &partners, org_id, name, sizeof name, e)) ||
	        (rc = db_begin(db, e)))
		return rc;
	rc = insert_member(db, a, &partners, id, org_id, role, name, &h, e);
	return store_finish(db, rc, e);
}

int store_project_partner_remove(Db *db, const Actor *a, int64_t id, int64_t org_id, Err *e)
{
	int rc = db_begin(db, e);
	if (rc == 0)
		rc = store_finish(db, delete_member(db, a, &partners, id, org_id, e), e);
	return rc;
}

/* The current province of a province unit, and its name for messages. */
static int current_province(
        Db *db, const char *list, const char *code, char out[3], char *name, size_t cap, Err *e)
{
	UnitRef u = {.level = "province"};
	snprintf(u.list, sizeof u.list, "%s", list);
	snprintf(u.code, sizeof u.code, "%s", code);
	int rc = store_admin_current_province(db, &u, out, e);
	if (rc)
		return rc;
	Stmt *st;
	if ((rc = db_prepare(db,
	             "SELECT name FROM admin_unit WHERE list = 'current' AND level = 'province'"
	             " AND code = ?",
	             &st, e)))
		return rc;
	db_bind_str(st, 1, out);
	rc = db_step(st, e);
	snprintf(name, cap, "%s", rc == DB_ROW ? db_col_text(st, 0) : out);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* The province (list, code) and name of establishment est. */
static int read_place(
        Db *db, int64_t est, char list[8], char prov[6], char name[TITLE_MAX_BYTES + 1], Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT province_list, province_code, name FROM establishment WHERE id = ?", &st,
	        e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, est);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		snprintf(list, 8, "%s", db_col_text(st, 0));
		snprintf(prov, 6, "%s", db_col_text(st, 1));
		snprintf(name, TITLE_MAX_BYTES + 1, "%s", db_col_text(st, 2));
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "establishment_id", KC_ENOTFOUND, "Không có cơ sở số %lld",
		        (long long)est);
	return rc == DB_ROW ? 0 : rc;
}

/* Establishment est of a provincial đề án must lie in the đề án's province,
 * both taken as they are today: units recorded in different lists (a legacy
 * Sóc Trăng đề án, a Cần Thơ establishment surveyed in 2026) are compared by
 * the current province they became part of. */
static int same_province(
        Db *db, const char *plist, const char *pcode, int64_t est, const char *code, Err *e)
{
	char list[8], prov[6], p_now[3], e_now[3], p_name[80], e_name[80],
	        name[TITLE_MAX_BYTES + 1];
	int rc = read_place(db, est, list, prov, name, e);
	if (rc || (rc = current_province(db, plist, pcode, p_now, p_name, sizeof p_name, e)) ||
	        (rc = current_province(db, list, prov, e_now, e_name, sizeof e_name, e)))
		return rc;
	if (strcmp(p_now, e_now)) {
		char q[VN_QUOTE_MAX];
		return err_field(e, "establishment_id", KC_EINVAL,
		        "Cơ sở '%s' ở %s, ngoài tỉnh của đề án '%s' (%s): đề án trong tỉnh chỉ hỗ trợ"
		        " cơ sở trong tỉnh",
		        vn_quote(q, sizeof q, name, strlen(name)), e_name, code, p_name);
	}
	return 0;
}

int store_project_beneficiary_add(Db *db, const Actor *a, int64_t id, int64_t est_id, Err *e)
{
	Head h;
	char name[TITLE_MAX_BYTES + 1];
	int rc = read_head(db, id, &h, e);
	if (rc || (rc = member_name(db, &beneficiaries, est_id, name, sizeof name, e)))
		return rc;
	if (!strcmp(h.scope, "provincial") &&
	        (rc = same_province(db, h.province_list, h.province_code, est_id, h.code, e)))
		return rc;
	if ((rc = db_begin(db, e)))
		return rc;
	rc = insert_member(db, a, &beneficiaries, id, est_id, "beneficiary", name, &h, e);
	return store_finish(db, rc, e);
}

int store_project_beneficiary_remove(Db *db, const Actor *a, int64_t id, int64_t est_id, Err *e)
{
	int rc = db_begin(db, e);
	if (rc == 0)
		rc = store_finish(db, delete_member(db, a, &beneficiaries, id, est_id, e), e);
	return rc;
}

/* The ids of the rows sql (one `?`: the đề án) returns, read fully before the
 * caller changes those rows; in the arena. */
static int read_ids(Db *db, const char *count_sql, const char *sql, int64_t id, Arena *arena,
        int64_t **out, int *n, Err *e)
{
	int64_t total = 0;
	int rc = store_scalar(db, count_sql, id, &total, e);
	*n = 0;
	*out = arena_alloc(arena, (size_t)(total + 1) * sizeof **out);
	Stmt *st;
	if (rc || (rc = db_prepare(db, sql, &st, e)))
		return rc;
	db_bind_int64(st, 1, id);
	while (*n < total && (rc = db_step(st, e)) == DB_ROW)
		(*out)[(*n)++] = db_col_int64(st, 0);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

static int beneficiaries_inside(Db *db, const Project *in, const char *code, Err *e)
{
	if (strcmp(in->scope, "provincial"))
		return 0;
	Arena arena = {0};
	int64_t *ids;
	int n;
	int rc = read_ids(
	        db, beneficiaries.count_sql, beneficiaries.ids_sql, in->id, &arena, &ids, &n, e);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = same_province(db, in->province_list, in->province_code, ids[i], code, e);
	arena_free(&arena);
	return rc;
}

static int read_members(
        Db *db, const Members *m, int64_t id, Arena *arena, ProjectMembers *out, Err *e)
{
	int64_t total = 0;
	*out = (ProjectMembers){0};
	int rc = store_scalar(db, m->count_sql, id, &total, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db, m->list_sql, &st, e)))
		return rc;
	out->v = arena_alloc(arena, (size_t)(total + 1) * sizeof *out->v);
	db_bind_int64(st, 1, id);
	while (out->n < total && (rc = db_step(st, e)) == DB_ROW) {
		ProjectMember *p = &out->v[out->n++];
		p->id = db_col_int64(st, 0);
		p->name = store_col_text(st, 1, arena);
		p->role = store_col_text(st, 2, arena);
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_project_partners(Db *db, int64_t id, Arena *arena, ProjectMembers *out, Err *e)
{
	return read_members(db, &partners, id, arena, out, e);
}

int store_project_beneficiaries(Db *db, int64_t id, Arena *arena, ProjectMembers *out, Err *e)
{
	return read_members(db, &beneficiaries, id, arena, out, e);
}

/* ---- Delete --------------------------------------------------------------------------------- */

/* Records of other modules that name a đề án: they are removed (and audited)
 * by their own module first, so a delete never loses them silently. */
static int in_use(Db *db, int64_t id, const char *code, Err *e)
{
	static const StoreUse uses[] = {
	        {"SELECT COUNT(*) FROM project_cost_line WHERE project_id = ?",
	                "còn dòng dự toán kinh phí"},
	        {"SELECT COUNT(*) FROM disbursement WHERE project_id = ?", "còn khoản giải ngân"},
	        {"SELECT COUNT(*) FROM invoice WHERE project_id = ?", "còn hóa đơn"},
	        {"SELECT COUNT(*) FROM project_output WHERE project_id = ?",
	                "còn chỉ tiêu kết quả"},
	        {"SELECT COUNT(*) FROM inspection WHERE project_id = ?", "còn lần kiểm tra"},
	        {"SELECT COUNT(*) FROM document WHERE project_id = ?", "còn tài liệu đính kèm"},
	        {"SELECT COUNT(*) FROM training_class WHERE project_id = ?", "còn lớp đào tạo"},
	        {"SELECT COUNT(*) FROM fair WHERE project_id = ?", "còn hội chợ, triển lãm"},
	        {"SELECT COUNT(*) FROM media_item WHERE project_id = ?",
	                "còn ấn phẩm tuyên truyền"},
	        {"SELECT COUNT(*) FROM study_tour WHERE project_id = ?", "còn đoàn tham quan"},
	};
	char subject[CODE_MAX_BYTES + 16];
	snprintf(subject, sizeof subject, "đề án '%s'", code);
	return store_check_unused(db, id, uses, STORE_COUNT_OF(uses), subject, e);
}

/* Rows with ids of their own under a đề án: adjustments and events. */
typedef struct Logged {
	const char *table, *select_sql, *count_sql, *ids_sql, *delete_sql;
} Logged;

static const Logged logged[] = {
        {"project_adjustment", adjustment_sql,
                "SELECT COUNT(*) FROM project_adjustment WHERE project_id = ?",
                "SELECT id FROM project_adjustment WHERE project_id = ? ORDER BY id",
                "DELETE FROM project_adjustment WHERE project_id = ?"},
        {"project_event", event_sql, "SELECT COUNT(*) FROM project_event WHERE project_id = ?",
                "SELECT id FROM project_event WHERE project_id = ? ORDER BY id",
                "DELETE FROM project_event WHERE project_id = ?"},
};

/* Deletes the rows of l under đề án id, one audit row each with the row as
 * it was. */
static int delete_logged(Db *db, const Actor *a, int64_t id, const Logged *l, Err *e)
{
	Arena arena = {0};
	int64_t *ids;
	int n;
	int rc = read_ids(db, l->count_sql, l->ids_sql, id, &arena, &ids, &n, e);
	Buf before;
	buf_init(&before, 1 << 16);
	for (int i = 0; rc == 0 && i < n; i++) {
		buf_reset(&before);
		if ((rc = store_row_json(db, l->select_sql, ids[i], &before, e)) == 0)
			rc = store_audit(
			        db, a, "delete", l->table, ids[i], buf_cstr(&before), NULL, e);
	}
	buf_free(&before);
	arena_free(&arena);
	return rc ? rc : run_by_id(db, l->delete_sql, id, e);
}

/* Deletes the rows this module owns under đề án id, one audit row each. */
static int delete_children(Db *db, const Actor *a, int64_t id, Err *e)
{
	static const Members *const tables[] = {&partners, &beneficiaries};
	Arena arena = {0};
	int64_t *ids;
	int n, rc = 0;
	for (size_t t = 0; rc == 0 && t < 2; t++) {
		rc = read_ids(
		        db, tables[t]->count_sql, tables[t]->ids_sql, id, &arena, &ids, &n, e);
		for (int i = 0; rc == 0 && i < n; i++)
			rc = delete_member(db, a, tables[t], id, ids[i], e);
	}
	arena_free(&arena);
	for (size_t t = 0; rc == 0 && t < sizeof logged / sizeof logged[0]; t++)
		rc = delete_logged(db, a, id, &logged[t], e);
	return rc;
}

static int delete_row(Db *db, int64_t id, int version, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, projects.delete_sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, version);
	rc = store_run_versioned(db, st, &projects, id, e);
	db_done(st);
	return rc;
}

/* Only a đề án not yet appraised may disappear; later ones have a history
 * the reports count, and are stopped instead. */
static int deletable(const Head *h, Err *e)
{
	if (!strcmp(h->status, "draft") || !strcmp(h->status, "registered"))
		return 0;
	return err_field(e, "status", KC_EDENIED,
	        "Không xóa được đề án '%s' đang ở trạng thái '%s': chỉ xóa được đề án '%s' hoặc"
	        " '%s'; đề án đã qua thẩm định thì chuyển sang '%s'",
	        h->code, project_state_label(h->status), project_state_label("draft"),
	        project_state_label("registered"), project_state_label("terminated"));
}

int store_project_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	Head h;
	Buf before;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	buf_init(&before, 1 << 16);
	if ((rc = read_head(db, id, &h, e)) == 0 && h.version != version)
		rc = store_stale(db, select_sql, id, projects.what, e);
	if (rc == 0 && (rc = deletable(&h, e)) == 0 && (rc = in_use(db, id, h.code, e)) == 0 &&
	        (rc = store_before(db, &projects, id, &before, e)) == 0 &&
	        (rc = store_totals_sub(db, id, e)) == 0 &&
	        (rc = delete_children(db, a, id, e)) == 0 &&
	        (rc = delete_row(db, id, version, e)) == 0)
		rc = store_audit_change(
		        db, a, "delete", "project", select_sql, id, buf_cstr(&before), e);
	buf_free(&before);
	return store_finish(db, rc, e);
}

/* ---- Transitions ------------------------------------------------------------------------- */

static int needs_decision(const Head *h, const char *to, const Move *m, Err *e)
{
	if (!project_transition_needs_decision(h->status, to))
		return 0;
	if (!m->decision_no)
		return err_field(e, "decision_no", KC_EINVAL,
		        "Chuyển đề án '%s' sang '%s' cần số quyết định (hoặc văn bản) và ngày ký",
		        h->code, project_state_label(to));
	if (!m->decision_date[0])
		return err_field(e, "decision_date", KC_EINVAL,
		        "Chuyển đề án '%s' sang '%s' cần ngày ký của văn bản %s", h->code,
		        project_state_label(to), m->decision_no);
	return 0;
}

static int set_status(
        Db *db, const Actor *a, int64_t id, int version, const char *to, const char *date, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE project SET status = ?, status_date = ?, updated_at = ?,"
	        " version = version + 1 WHERE id = ? AND version = ? RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, to);
	db_bind_str(st, 2, date);
	db_bind_str(st, 3, now);
	db_bind_int64(st, 4, id);
	db_bind_int64(st, 5, version);
	rc = store_run_versioned(db, st, &projects, id, e);
	db_done(st);
	return rc;
}

/* The moves of a national đề án the Ministry decides (DOMAIN §3.1: appraisal
 * by the agency, approval and non-funding by the Ministry's plan decision,
 * carry-over; §3.2: stopping). */
static const char *const ministry_moves[] = {
        "appraised", "approved", "not_funded", "carried_over", "terminated", NULL};

bool store_project_may_move(const Actor *a, const char *level, const char *to)
{
	if (!a->provincial || !level || strcmp(level, "national") || !to)
		return true;
	for (const char *const *m = ministry_moves; *m; m++)
		if (!strcmp(*m, to))
			return false;
	return true;
}

int store_project_check_mover(
        const Actor *a, const char *code, const char *level, const char *to, Err *e)
{
	if (store_project_may_move(a, level, to))
		return 0;
	return err_field(e, "status", KC_EDENIED,
	        "Không chuyển được đề án '%s' sang trạng thái '%s': đề án thuộc chương trình"
	        " khuyến công quốc gia, bước này do Bộ Công Thương quyết định nên người dùng"
	        " của tỉnh không làm được",
	        code ? code : "", project_state_label(to));
}

/* The move itself, inside the caller's transaction. */
static int move(
        Db *db, const Actor *a, int64_t id, int version, const char *to, const Move *m, Err *e)
{
	Head h;
	int rc = read_head(db, id, &h, e);
	if (rc == 0)
		rc = store_project_check_mover(a, h.code, h.level, to, e);
	if (rc == 0 && h.version != version)
		rc = store_stale(db, select_sql, id, projects.what, e);
	if (rc || (rc = project_transition_check(h.status, to, e)) ||
	        (rc = needs_decision(&h, to, m, e)))
		return rc;
	Buf before;
	buf_init(&before, 1 << 16);
	if ((rc = store_row_json(db, select_sql, id, &before, e)) == 0 &&
	        (rc = store_totals_sub(db, id, e)) == 0 &&
	        (rc = set_status(db, a, id, version, to, m->event_date, e)) == 0 &&
	        (rc = store_totals_add(db, id, e)) == 0 &&
	        (rc = store_audit_change(
	                 db, a, "update", "project", select_sql, id, buf_cstr(&before), e)) == 0)
		rc = append_event(db, a, id, h.status, to, m, e);
	buf_free(&before);
	return rc;
}

int store_project_transition(Db *db, const Actor *a, int64_t id, int version, const char *to_status,
        const Transition *t, Err *e)
{
	Transition none = store_project_transition_blank();
	Move m;
	int rc = clean_move(db, a, t ? t : &none, &m, e);
	if (rc == 0)
		rc = check_state(to_status, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	return store_finish(db, move(db, a, id, version, to_status, &m, e), e);
}

/* Reads a row of project_event selected in table order. */
static void read_event(Stmt *st, Arena *arena, ProjectEvent *o)
{
	o->id = db_col_int64(st, 0);
	o->from_status = store_col_text(st, 2, arena);
	o->to_status = store_col_text(st, 3, arena);
	o->event_date = store_col_text(st, 4, arena);
	o->decision_no = store_col_text(st, 5, arena);
	o->decision_date = store_col_text(st, 6, arena);
	o->actor_org_id = store_col_int(st, 7, -1);
	o->user_id = store_col_int(st, 8, -1);
	o->reason_code = store_col_text(st, 9, arena);
	o->reason = store_col_text(st, 10, arena);
	o->created_at = store_col_text(st, 11, arena);
}

int store_project_events(Db *db, int64_t id, Arena *arena, ProjectEvents *out, Err *e)
{
	int64_t total = 0;
	*out = (ProjectEvents){0};
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM project_event WHERE project_id = ?", id, &total, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db,
	                   "SELECT id, project_id, from_status, to_status, event_date, decision_no,"
	                   " decision_date, actor_org_id, user_id, reason_code, reason, created_at"
	                   " FROM project_event WHERE project_id = ? ORDER BY id",
	                   &st, e)))
		return rc;
	out->v = arena_alloc(arena, (size_t)(total + 1) * sizeof *out->v);
	db_bind_int64(st, 1, id);
	while (out->n < total && (rc = db_step(st, e)) == DB_ROW)
		read_event(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* ---- Adjustments ---------------------------------------------------------------------- */

/* The approver of an adjustment is data: the rule of adjustment_rule for the
 * programme level and kind in force on the day of the request. Should rules
 * overlap, the one in force most recently (latest valid_from) wins, then the
 * newest row, so an amending circular can be added without ending the old
 * rows first. */
static int find_rule(Db *db, const char *kind, const char *level, const char *day, int64_t *rule_id,
        char *approver, size_t cap, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT id, approver FROM adjustment_rule WHERE kind = ? AND program_level = ?"
	        " AND (valid_from IS NULL OR valid_from <= ?)"
	        " AND (valid_to IS NULL OR valid_to >= ?)"
	        " ORDER BY COALESCE(valid_from, '') DESC, id DESC LIMIT 1",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, kind);
	db_bind_str(st, 2, level);
	db_bind_str(st, 3, day);
	db_bind_str(st, 4, day);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
		*rule_id = db_col_int64(st, 0);
		snprintf(approver, cap, "%s", db_col_text(st, 1));
	}
	db_done(st);
	char d[STORE_DATE_LEN];
	if (rc == DB_DONE)
		return err_field(e, "kind", KC_ENOTFOUND,
		        "Bảng quy tắc điều chỉnh (adjustment_rule) chưa có quy tắc nào cho loại '%s'"
		        " (%s) của đề án cấp %s áp dụng ngày %s, nên chưa biết cấp nào phê duyệt;"
		        " cần bổ sung quy tắc",
		        LABEL(adjustment_kinds, kind), kind, LABEL(levels, level),
		        store_vn_day(day, d));
	return rc == DB_ROW ? 0 : rc;
}

/* The adjustment's input, validated. */
typedef struct AdjIn {
	char requested_on[STORE_DATE_LEN];
	int64_t rule_id;
	char approver[32];
} AdjIn;

static int check_adjustment(const Actor *a, const Adjustment *in, AdjIn *c, Err *e)
{
	int rc;
	if ((rc = CHECK_CHOICE(adjustment_kinds, in->kind, "kind", "Loại điều chỉnh")) ||
	        (rc = store_iso_date(in->requested_on, c->requested_on, "requested_on", e)) ||
	        (rc = store_check_text(
	                 in->request_doc, DOC_MAX_BYTES, "request_doc", "Văn bản đề nghị", e)) ||
	        (rc = store_check_text(in->confirm_doc, DOC_MAX_BYTES, "confirm_doc",
	                 "Văn bản xác nhận của Sở Công Thương", e)) ||
	        (rc = store_check_text(
	                 in->old_value, TEXT_MAX_BYTES, "old_value", "Nội dung cũ", e)) ||
	        (rc = store_check_text(
	                 in->new_value, TEXT_MAX_BYTES, "new_value", "Nội dung mới", e)) ||
	        (rc = store_check_text(in->reason_code, 64, "reason_code", "Mã lý do", e)) ||
	        (rc = store_check_text(in->reason, TEXT_MAX_BYTES, "reason", "Lý do", e)))
		return rc;
	if (!c->requested_on[0])
		today(a, c->requested_on);
	return 0;
}

/* May đề án h be adjusted now, and, for a stop, be terminated? */
static int adjustable_now(const Head *h, const char *kind, Err *e)
{
	if (store_choice_index(adjustable, STORE_COUNT_OF(adjustable), h->status) < 0)
		return err_field(e, "status", KC_EDENIED,
		        "Không điều chỉnh được đề án '%s' đang ở trạng thái '%s': chỉ điều chỉnh đề án"
		        " từ khi đã đăng ký đến khi kết thúc thực hiện",
		        h->code, project_state_label(h->status));
	return strcmp(kind, "stop") ? 0 : project_transition_check(h->status, "terminated", e);
}

static int insert_adjustment(
        Db *db, int64_t id, const Adjustment *in, const AdjIn *c, int64_t *adj_id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO project_adjustment (project_id, kind, rule_id, approver, status,"
	        " requested_on, request_doc, confirm_doc, old_value, new_value, reason_code, reason)"
	        " VALUES (?, ?, ?, ?, 'requested', ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_str(st, 2, in->kind);
	db_bind_int64(st, 3, c->rule_id);
	db_bind_str(st, 4, c->approver);
	db_bind_str(st, 5, c->requested_on);
	bind_opt_str(st, 6, in->request_doc);
	bind_opt_str(st, 7, in->confirm_doc);
	bind_opt_str(st, 8, in->old_value);
	bind_opt_str(st, 9, in->new_value);
	bind_opt_str(st, 10, in->reason_code);
	bind_opt_str(st, 11, in->reason);
	rc = db_run_int64(st, adj_id, e);
	db_done(st);
	return rc;
}

int store_project_adjust(
        Db *db, const Actor *a, int64_t id, const Adjustment *in, int64_t *adj_id, Err *e)
{
	AdjIn c = {0};
	Head h;
	int rc = check_adjustment(a, in, &c, e);
	if (rc || (rc = read_head(db, id, &h, e)) || (rc = adjustable_now(&h, in->kind, e)) ||
	        (rc = find_rule(db, in->kind, h.level, c.requested_on, &c.rule_id, c.approver,
	                 sizeof c.approver, e)) ||
	        (rc = db_begin(db, e)))
		return rc;
	if ((rc = insert_adjustment(db, id, in, &c, adj_id, e)) == 0)
		rc = store_audit_change(
		        db, a, "insert", "project_adjustment", adjustment_sql, *adj_id, NULL, e);
	return store_finish(db, rc, e);
}

/* Reads a project_adjustment row selected in table order. */
static void read_adjustment(Stmt *st, Arena *arena, void *out)
{
	Adjustment *o = out;
	o->id = db_col_int64(st, 0);
	o->project_id = db_col_int64(st, 1);
	o->kind = store_col_text(st, 2, arena);
	o->rule_id = store_col_int(st, 3, -1);
	o->approver = store_col_text(st, 4, arena);
	o->status = store_col_text(st, 5, arena);
	o->requested_on = store_col_text(st, 6, arena);
	o->request_doc = store_col_text(st, 7, arena);
	o->confirm_doc = store_col_text(st, 8, arena);
	o->decision_no = store_col_text(st, 9, arena);
	o->decision_date = store_col_text(st, 10, arena);
	o->old_value = store_col_text(st, 11, arena);
	o->new_value = store_col_text(st, 12, arena);
	o->reason_code = store_col_text(st, 13, arena);
	o->reason = store_col_text(st, 14, arena);
}

#define ADJUSTMENT_COLUMNS                                                                         \
	"id, project_id, kind, rule_id, approver, status, requested_on, request_doc, confirm_doc," \
	" decision_no, decision_date, old_value, new_value, reason_code, reason"

int store_project_adjustment_get(Db *db, int64_t adj_id, Arena *arena, Adjustment *out, Err *e)
{
	return store_get(db, "SELECT " ADJUSTMENT_COLUMNS " FROM project_adjustment WHERE id = ?",
	        adj_id, read_adjustment, arena, out, "đề nghị điều chỉnh", e);
}

int store_project_adjustments(Db *db, int64_t id, Arena *arena, Adjustments *out, Err *e)
{
	int64_t total = 0;
	*out = (Adjustments){0};
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM project_adjustment WHERE project_id = ?", id, &total, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db,
	                   "SELECT " ADJUSTMENT_COLUMNS " FROM project_adjustment"
	                   " WHERE project_id = ? ORDER BY requested_on, id",
	                   &st, e)))
		return rc;
	out->v = arena_alloc(arena, (size_t)(total + 1) * sizeof *out->v);
	db_bind_int64(st, 1, id);
	while (out->n < total && (rc = db_step(st, e)) == DB_ROW)
		read_adjustment(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

static int check_decision(
        const char *decision, const char *no, const char *date, char iso[STORE_DATE_LEN], Err *e)
{
	int rc = CHECK_CHOICE(decisions, decision, "decision", "Quyết định");
	if (rc || (rc = store_check_text(no, DOC_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = store_iso_date(date, iso, "decision_date", e)))
		return rc;
	/* An approval is a decision with a number and a date; a refusal may be a
	 * letter without one. */
	if (!strcmp(decision, "approved") && empty(no))
		return err_field(e, "decision_no", KC_EINVAL,
		        "Phê duyệt điều chỉnh cần số quyết định và ngày ký");
	if (!strcmp(decision, "approved") && !iso[0])
		return err_field(e, "decision_date", KC_EINVAL,
		        "Phê duyệt điều chỉnh cần ngày ký của quyết định");
	return 0;
}

static int set_decision(
        Db *db, int64_t adj_id, const char *decision, const char *no, const char *date, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE project_adjustment SET status = ?, decision_no = ?, decision_date = ?"
	        " WHERE id = ? AND status = 'requested' RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, decision);
	bind_opt_str(st, 2, no);
	bind_opt_str(st, 3, date);
	db_bind_int64(st, 4, adj_id);
	if ((rc = db_run_int64(st, NULL, e)) == KC_ENOTFOUND)
		rc = err_set(e, KC_ECONFLICT,
		        "Đề nghị điều chỉnh số %lld vừa được người khác quyết định; tải lại để xem",
		        (long long)adj_id);
	db_done(st);
	return rc;
}

/* An approved stop terminates the đề án by the same decision, for the
 * reason the request gave. */
static int stop_project(
        Db *db, const Actor *a, const Adjustment *adj, const char *no, const char *date, Err *e)
{
	Head h;
	int rc = read_head(db, adj->project_id, &h, e);
	if (rc)
		return rc;
	Move m = {.decision_no = no,
	        .reason_code = adj->reason_code,
	        .reason = adj->reason,
	        .actor_org_id = -1};
	snprintf(m.event_date, sizeof m.event_date, "%s", date);
	snprintf(m.decision_date, sizeof m.decision_date, "%s", date);
	return move(db, a, adj->project_id, h.version, "terminated", &m, e);
}

/* The decision itself, inside the caller's transaction. */
static int decide(Db *db, const Actor *a, int64_t adj_id, const char *decision, const char *no,
        const char *date, Err *e)
{
	Arena arena = {0};
	Adjustment adj;
	Buf before;
	buf_init(&before, 1 << 16);
	int rc = store_project_adjustment_get(db, adj_id, &arena, &adj, e);
	if (rc == 0 && strcmp(adj.status, "requested"))
		rc = err_field(e, "decision", KC_EDENIED,
		        "Đề nghị điều chỉnh số %lld đã được quyết định (%s) theo văn bản %s",
		        (long long)adj_id, LABEL(decisions, adj.status),
		        adj.decision_no ? adj.decision_no : "không số");
	if (rc == 0 && (rc = store_row_json(db, adjustment_sql, adj_id, &before, e)) == 0 &&
	        (rc = set_decision(db, adj_id, decision, no, date, e)) == 0)
		rc = store_audit_change(db, a, "update", "project_adjustment", adjustment_sql,
		        adj_id, buf_cstr(&before), e);
	if (rc == 0 && !strcmp(decision, "approved") && !strcmp(adj.kind, "stop"))
		rc = stop_project(db, a, &adj, no, date, e);
	buf_free(&before);
	arena_free(&arena);
	return rc;
}

int store_project_adjust_decide(Db *db, const Actor *a, int64_t adj_id, const char *decision,
        const char *decision_no, const char *decision_date, Err *e)
{
	char iso[STORE_DATE_LEN];
	int rc = check_decision(decision, decision_no, decision_date, iso, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	rc = decide(db, a, adj_id, decision, empty(decision_no) ? NULL : decision_no, iso, e);
	return store_finish(db, rc, e);
}

int store_project_find_code(Db *db, const char *code, int64_t *id, Err *e)
{
	int rc = store_scalar_text(db, "SELECT id FROM project WHERE code = ?", code, id, e);
	if (rc == KC_ENOTFOUND)
		err_clear(e);
	return rc;
}
