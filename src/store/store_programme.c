/* store_programme.c — see store_programme.h. */
#include "store/store_programme.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "store/store_admin.h"

enum { NAME_MAX_BYTES = 300, NO_MAX_BYTES = 100, TEXT_MAX_BYTES = 1000 };

static const char select_sql[] = "SELECT * FROM programme WHERE id = ?";
static const char plan_sql[] = "SELECT * FROM annual_plan WHERE id = ?";
static const char line_sql[] = "SELECT * FROM annual_plan_line WHERE id = ?";
static const StoreTable programmes = {"programme", select_sql,
        "DELETE FROM programme WHERE id = ? AND version = ? RETURNING id", "chương trình"};
static const StoreTable plans = {"annual_plan", plan_sql,
        "DELETE FROM annual_plan WHERE id = ? AND version = ? RETURNING id", "kế hoạch"};

#define P_COLUMNS                                                                                  \
	"id, level, province_list, province_code, name, start_year, end_year, decision_no,"        \
	" decision_date, instrument_code, note, version"
#define A_COLUMNS                                                                                  \
	"id, programme_id, level, province_list, province_code, year, decision_no, decision_date," \
	" approver, note, version"
#define L_COLUMNS                                                                                  \
	"id, activity_code, indicator_code, source_code, planned_amount, planned_qty, note"

/* The funding source that is a district budget: there is none once the
 * district level is gone (01/7/2025, DOMAIN §6 point 5). */
static const char district_source[] = "district";

static const StoreChoice qualifiers[] = {{"gần"}, {"trên"}, {"khoảng"}, {"ước"}};

Programme store_programme_blank(void)
{
	return (Programme){.level = "local"};
}

AnnualPlan store_programme_plan_blank(void)
{
	return (AnnualPlan){.programme_id = -1, .level = "local"};
}

ProgrammeFilter store_programme_filter(void)
{
	return (ProgrammeFilter){0};
}

PlanFilter store_programme_plan_filter(void)
{
	return (PlanFilter){.programme_id = -1};
}

/* ---- Shared checks ------------------------------------------------------------------ */

/* A code that must be in a reference table (sql counts rows with it). */
static int check_ref(
        Db *db, const char *sql, const char *code, const char *field, const char *what, Err *e)
{
	int64_t n = 0;
	int rc = store_scalar_text(db, sql, code, &n, e);
	if (rc == 0 && n == 0)
		return err_field(
		        e, field, KC_EINVAL, "%s '%s' không có trong danh mục", what, code);
	return rc;
}

static int check_level(const char *level, Err *e)
{
	if (level && (!strcmp(level, "national") || !strcmp(level, "local")))
		return 0;
	return err_field(e, "level", KC_EINVAL,
	        "Cấp '%s' không có; chọn khuyến công quốc gia hoặc khuyến công địa phương",
	        level ? level : "");
}

static const char *level_vi(const char *level)
{
	return !strcmp(level, "national") ? "quốc gia" : "địa phương";
}

/* Names the field of an element of an array input: "lines[2].activity_code". */
static int at_element(Err *e, const char *array, int i, int rc)
{
	if (e) {
		char f[sizeof e->field];
		snprintf(f, sizeof f, "%s", e->field);
		snprintf(e->field, sizeof e->field, "%s[%d].%.20s", array, i, f);
	}
	return rc;
}

/* ---- Programme targets -------------------------------------------------------------- */

/* Appends the target row as a JSON object (the audit snapshot). */
static int target_json(Db *db, int64_t programme_id, const char *code, Buf *out, Err *e)
{
	return store_row_json_key(db,
	        "SELECT * FROM programme_target WHERE programme_id = ? AND indicator_code = ?",
	        programme_id, code, out, e);
}

static int check_qualifier(const char *q, Err *e)
{
	if (!q || store_choice_index(qualifiers, STORE_COUNT_OF(qualifiers), q) >= 0)
		return 0;
	return err_field(e, "qualifier", KC_EINVAL,
	        "Cách ghi '%s' không có; chọn gần, trên, khoảng, ước hoặc để trống", q);
}

static int check_target(Db *db, const ProgrammeTarget *t, Err *e)
{
	int rc;
	if (!t->indicator_code || !t->indicator_code[0])
		return err_field(e, "indicator_code", KC_EINVAL, "Chưa chọn chỉ tiêu");
	if ((rc = store_check_text(
	             t->indicator_code, NO_MAX_BYTES, "indicator_code", "Mã chỉ tiêu", e)) ||
	        (rc = check_ref(db, "SELECT COUNT(*) FROM indicator WHERE code = ?",
	                 t->indicator_code, "indicator_code", "Chỉ tiêu", e)))
		return rc;
	if (t->value < 0)
		return err_field(e, "value", KC_EINVAL, "Giá trị mục tiêu không được âm");
	if ((rc = check_qualifier(t->qualifier, e)))
		return rc;
	return store_check_text(t->note, TEXT_MAX_BYTES, "note", "Ghi chú", e);
}

static int upsert_target(Db *db, int64_t programme_id, const ProgrammeTarget *t, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO programme_target (programme_id, indicator_code, value, qualifier, note)"
	        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (programme_id, indicator_code) DO UPDATE SET"
	        " value = excluded.value, qualifier = excluded.qualifier, note = excluded.note",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, programme_id);
	db_bind_str(st, 2, t->indicator_code);
	db_bind_int64(st, 3, t->value);
	db_bind_str(st, 4, t->qualifier);
	db_bind_str(st, 5, t->note);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* Writes a checked target and its audit row: an insert or an update. */
static int write_target(
        Db *db, const Actor *a, int64_t programme_id, const ProgrammeTarget *t, Err *e)
{
	Buf before, after;
	buf_init(&before, 1 << 16);
	buf_init(&after, 1 << 16);
	int rc = target_json(db, programme_id, t->indicator_code, &before, e);
	bool existed = rc == 0;
	if (rc == KC_ENOTFOUND)
		rc = 0;
	if (rc == 0 && (rc = upsert_target(db, programme_id, t, e)) == 0 &&
	        (rc = target_json(db, programme_id, t->indicator_code, &after, e)) == 0)
		rc = store_audit(db, a, existed ? "update" : "insert", "programme_target",
		        programme_id, existed ? buf_cstr(&before) : NULL, buf_cstr(&after), e);
	buf_free(&before);
	buf_free(&after);
	return rc;
}

static int programme_exists(Db *db, int64_t id, Err *e)
{
	int64_t n = 0;
	int rc = store_scalar(db, "SELECT COUNT(*) FROM programme WHERE id = ?", id, &n, e);
	if (rc == 0 && n == 0)
		return err_set(e, KC_ENOTFOUND, "Không có chương trình số %lld", (long long)id);
	return rc;
}

int store_programme_target_set(
        Db *db, const Actor *a, int64_t programme_id, const ProgrammeTarget *t, Err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = programme_exists(db, programme_id, e)) == 0 && (rc = check_target(db, t, e)) == 0)
		rc = write_target(db, a, programme_id, t, e);
	return store_finish(db, rc, e);
}

static int delete_target(Db *db, const Actor *a, int64_t programme_id, const char *code, Err *e)
{
	Buf before;
	buf_init(&before, 1 << 16);
	int rc = target_json(db, programme_id, code, &before, e);
	if (rc == KC_ENOTFOUND)
		rc = err_field(e, "indicator_code", KC_ENOTFOUND,
		        "Chương trình số %lld không có chỉ tiêu '%s'", (long long)programme_id,
		        code ? code : "");
	Stmt *st = NULL;
	if (rc == 0 && (rc = db_prepare(db,
	                        "DELETE FROM programme_target WHERE programme_id = ?"
	                        " AND indicator_code = ?",
	                        &st, e)) == 0) {
		db_bind_int64(st, 1, programme_id);
		db_bind_str(st, 2, code);
		rc = db_run(st, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit(db, a, "delete", "programme_target", programme_id,
		        buf_cstr(&before), NULL, e);
	buf_free(&before);
	return rc;
}

int store_programme_target_delete(
        Db *db, const Actor *a, int64_t programme_id, const char *indicator_code, Err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	return store_finish(db, delete_target(db, a, programme_id, indicator_code, e), e);
}

/* ---- Programmes --------------------------------------------------------------------- */

typedef struct Clean {
	char decision_date[STORE_DATE_LEN];
} Clean;

static int check_programme_text(const Programme *in, Err *e)
{
	int rc;
	if (!in->name || !in->name[0])
		return err_field(e, "name", KC_EINVAL, "Chưa nhập tên chương trình");
	if ((rc = store_check_text(in->name, NAME_MAX_BYTES, "name", "Tên chương trình", e)) ||
	        (rc = store_check_text(
	                 in->decision_no, NO_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)))
		return rc;
	return check_level(in->level, e);
}

static int check_phase(const Programme *in, Err *e)
{
	int rc;
	if ((rc = store_check_year(in->start_year, "start_year", "Năm bắt đầu", e)) ||
	        (rc = store_check_year(in->end_year, "end_year", "Năm kết thúc", e)))
		return rc;
	if (in->end_year < in->start_year)
		return err_field(e, "end_year", KC_EINVAL, "Năm kết thúc %d trước năm bắt đầu %d",
		        in->end_year, in->start_year);
	return 0;
}

/* A local programme is a province's, a national one nobody's (the schema's
 * CHECK); the province's list must be in force when the phase begins. */
static int check_programme_province(Db *db, const Programme *in, Err *e)
{
	bool local = !strcmp(in->level, "local");
	if (local && (!in->province_code || !in->province_list))
		return err_field(e, "province_code", KC_EINVAL,
		        "Chương trình khuyến công địa phương phải thuộc một tỉnh");
	if (!local && in->province_code)
		return err_field(e, "province_code", KC_EINVAL,
		        "Chương trình khuyến công quốc gia không thuộc tỉnh nào");
	if (!local)
		return 0;
	return store_admin_check(db, in->province_list, in->province_code, "province", NULL,
	        in->start_year, "province_code", e);
}

/* The targets given to create: each valid, no indicator twice. */
static int check_targets(Db *db, const Programme *in, Err *e)
{
	for (int i = 0; i < in->n_targets; i++) {
		const ProgrammeTarget *t = &in->targets[i];
		int rc = check_target(db, t, e);
		if (rc)
			return at_element(e, "targets", i, rc);
		for (int j = 0; j < i; j++)
			if (!strcmp(in->targets[j].indicator_code, t->indicator_code))
				return at_element(e, "targets", i,
				        err_field(e, "indicator_code", KC_EINVAL,
				                "Chỉ tiêu '%s' được nhập hai lần",
				                t->indicator_code));
	}
	return 0;
}

static int validate_programme(Db *db, const Programme *in, Clean *c, Err *e)
{
	int rc;
	if ((rc = check_programme_text(in, e)) || (rc = check_phase(in, e)) ||
	        (rc = check_programme_province(db, in, e)) ||
	        (rc = store_iso_date(in->decision_date, c->decision_date, "decision_date", e)))
		return rc;
	if (in->instrument_code)
		return check_ref(db, "SELECT COUNT(*) FROM legal_instrument WHERE code = ?",
		        in->instrument_code, "instrument_code", "Văn bản", e);
	return 0;
}

/* Binds parameters 1..10 in the order of P_COLUMNS (after id, before version). */
static void bind_programme(Stmt *st, const Programme *in, const Clean *c)
{
	bool local = !strcmp(in->level, "local");
	db_bind_str(st, 1, in->level);
	db_bind_str(st, 2, local ? in->province_list : NULL);
	db_bind_str(st, 3, local ? in->province_code : NULL);
	db_bind_str(st, 4, in->name);
	db_bind_int64(st, 5, in->start_year);
	db_bind_int64(st, 6, in->end_year);
	db_bind_str(st, 7, in->decision_no);
	db_bind_str(st, 8, c->decision_date[0] ? c->decision_date : NULL);
	db_bind_str(st, 9, in->instrument_code);
	db_bind_str(st, 10, in->note);
}

int store_programme_create(Db *db, const Actor *a, const Programme *in, int64_t *id, Err *e)
{
	Clean c;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = validate_programme(db, in, &c, e)) == 0 && (rc = check_targets(db, in, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO programme (level, province_list, province_code, name,"
	                 " start_year, end_year, decision_no, decision_date, instrument_code, note)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0) {
		bind_programme(st, in, &c);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(db, a, "insert", "programme", select_sql, *id, NULL, e);
	for (int i = 0; rc == 0 && i < in->n_targets; i++)
		rc = write_target(db, a, *id, &in->targets[i], e);
	return store_finish(db, rc, e);
}

/* The plans of a programme must keep fitting it after an update; read
 * before the update, so g still holds the old province. */
static int plans_still_fit(Db *db, const Programme *in, Err *e)
{
	bool local = !strcmp(in->level, "local");
	Stmt *st;
	int64_t n = 0;
	int rc = db_prepare(db,
	        "SELECT COUNT(*) FROM annual_plan p JOIN programme g ON g.id = p.programme_id"
	        " WHERE g.id = ? AND (p.level <> ? OR p.year < ? OR p.year > ?"
	        " OR COALESCE(g.province_list, '') <> COALESCE(?, '')"
	        " OR COALESCE(g.province_code, '') <> COALESCE(?, ''))",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, in->id);
	db_bind_str(st, 2, in->level);
	db_bind_int64(st, 3, in->start_year);
	db_bind_int64(st, 4, in->end_year);
	db_bind_str(st, 5, local ? in->province_list : NULL);
	db_bind_str(st, 6, local ? in->province_code : NULL);
	rc = db_run_int64(st, &n, e);
	db_done(st);
	if (rc == 0 && n)
		return err_set(e, KC_ECONFLICT,
		        "Chương trình số %lld còn %lld kế hoạch năm không khớp với cấp, tỉnh hoặc giai"
		        " đoạn mới; sửa hoặc bỏ liên kết các kế hoạch đó trước",
		        (long long)in->id, (long long)n);
	return rc;
}

static int update_programme_row(Db *db, const Programme *in, const Clean *c, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE programme SET level = ?, province_list = ?, province_code = ?, name = ?,"
	        " start_year = ?, end_year = ?, decision_no = ?, decision_date = ?,"
	        " instrument_code = ?, note = ?, version = version + 1"
	        " WHERE id = ? AND version = ? RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	bind_programme(st, in, c);
	db_bind_int64(st, 11, in->id);
	db_bind_int64(st, 12, in->version);
	rc = store_run_versioned(db, st, &programmes, in->id, e);
	db_done(st);
	return rc;
}

int store_programme_update(Db *db, const Actor *a, const Programme *in, Err *e)
{
	Clean c;
	Buf before;
	buf_init(&before, 1 << 16);
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_before(db, &programmes, in->id, &before, e);
		if (rc == 0 && (rc = validate_programme(db, in, &c, e)) == 0 &&
		        (rc = plans_still_fit(db, in, e)) == 0)
			rc = update_programme_row(db, in, &c, e);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", "programme", select_sql, in->id,
			        buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

/* Reads a row selected as P_COLUMNS. */
static void read_programme(Stmt *st, Arena *arena, void *out)
{
	Programme *o = out;
	*o = (Programme){0};
	o->id = db_col_int64(st, 0);
	o->level = store_col_text(st, 1, arena);
	o->province_list = store_col_text(st, 2, arena);
	o->province_code = store_col_text(st, 3, arena);
	o->name = store_col_text(st, 4, arena);
	o->start_year = (int)db_col_int64(st, 5);
	o->end_year = (int)db_col_int64(st, 6);
	o->decision_no = store_col_text(st, 7, arena);
	o->decision_date = store_col_text(st, 8, arena);
	o->instrument_code = store_col_text(st, 9, arena);
	o->note = store_col_text(st, 10, arena);
	o->version = (int)db_col_int64(st, 11);
}

static int read_targets(Db *db, Arena *arena, Programme *p, Err *e)
{
	int64_t n = 0;
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM programme_target WHERE programme_id = ?", p->id, &n, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db,
	                   "SELECT t.indicator_code, t.value, t.qualifier, t.note"
	                   " FROM programme_target t JOIN indicator i ON i.code = t.indicator_code"
	                   " WHERE t.programme_id = ? ORDER BY i.position, t.indicator_code",
	                   &st, e)))
		return rc;
	db_bind_int64(st, 1, p->id);
	p->targets = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *p->targets);
	while (p->n_targets < n && (rc = db_step(st, e)) == DB_ROW) {
		ProgrammeTarget *t = &p->targets[p->n_targets++];
		t->indicator_code = store_col_text(st, 0, arena);
		t->value = db_col_int64(st, 1);
		t->qualifier = store_col_text(st, 2, arena);
		t->note = store_col_text(st, 3, arena);
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE || rc == 0 ? 0 : rc;
}

/* Deletes every target of a programme, each with its audit row. */
static int delete_targets(Db *db, const Actor *a, int64_t id, Err *e)
{
	Arena arena = {0};
	Programme p = {.id = id};
	int rc = read_targets(db, &arena, &p, e);
	for (int i = 0; rc == 0 && i < p.n_targets; i++)
		rc = delete_target(db, a, id, p.targets[i].indicator_code, e);
	arena_free(&arena);
	return rc;
}

int store_programme_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	static const StoreUse uses[] = {
	        {"SELECT COUNT(*) FROM annual_plan WHERE programme_id = ?", "còn kế hoạch năm"},
	        {"SELECT COUNT(*) FROM project WHERE programme_id = ?", "còn đề án"},
	};
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	/* The targets go first, each with its audit row; should the programme be
	 * gone, edited or in use, the whole transaction is rolled back. */
	if ((rc = delete_targets(db, a, id, e)) == 0)
		rc = store_delete(db, a, &programmes, id, version, uses, STORE_COUNT_OF(uses), e);
	return store_finish(db, rc, e);
}

int store_programme_get(Db *db, int64_t id, Arena *arena, Programme *out, Err *e)
{
	int rc = store_get(db, "SELECT " P_COLUMNS " FROM programme WHERE id = ?", id,
	        read_programme, arena, out, programmes.what, e);
	return rc ? rc : read_targets(db, arena, out, e);
}

#define P_WHERE                                                                                    \
	" WHERE (CAST(? AS TEXT) IS NULL OR level = ?)"                                            \
	" AND (CAST(? AS TEXT) IS NULL OR (province_list = ? AND province_code = ?))"              \
	" AND (CAST(? AS INTEGER) IS NULL OR (start_year <= ? AND end_year >= ?))"                 \
	" AND (level = 'national' OR" STORE_IN_CURRENT_PROVINCE("programme") ")"

static void bind_programme_filter(Stmt *st, const ProgrammeFilter *f)
{
	db_bind_str(st, 1, f->level);
	db_bind_str(st, 2, f->level);
	db_bind_str(st, 3, f->province_code ? f->province_list : NULL);
	db_bind_str(st, 4, f->province_list);
	db_bind_str(st, 5, f->province_code);
	store_bind_opt(st, 6, f->year, 0);
	store_bind_opt(st, 7, f->year, 0);
	store_bind_opt(st, 8, f->year, 0);
	store_bind_current_province(st, 9, f->current_province);
}

int store_programme_list(Db *db, const ProgrammeFilter *f, Arena *arena, ProgrammeList *out, Err *e)
{
	*out = (ProgrammeList){0};
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	Stmt *st;
	rc = db_prepare(db, "SELECT COUNT(*) FROM programme" P_WHERE, &st, e);
	if (rc)
		return rc;
	bind_programme_filter(st, f);
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc ||
	        (rc = db_prepare(db,
	                 "SELECT " P_COLUMNS " FROM programme" P_WHERE
	                 " ORDER BY start_year DESC, CASE level WHEN 'national' THEN 0 ELSE 1 END,"
	                 " province_list, province_code, id LIMIT ? OFFSET ?",
	                 &st, e)))
		return rc;
	bind_programme_filter(st, f);
	db_bind_int64(st, 12, limit);
	db_bind_int64(st, 13, f->offset);
	out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_programme(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- Plan lines ---------------------------------------------------------------------- */

PlanLine store_programme_plan_line_blank(void)
{
	return (PlanLine){.planned_amount = -1, .planned_qty = -1};
}

/* The activity content must exist and be in force at some time in year. */
static int check_activity(Db *db, const char *code, int year, Err *e)
{
	if (!code || !code[0])
		return err_field(e, "activity_code", KC_EINVAL, "Chưa chọn nội dung hoạt động");
	char y0[11], y1[11];
	snprintf(y0, sizeof y0, "%04d-01-01", year);
	snprintf(y1, sizeof y1, "%04d-12-31", year);
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT CASE WHEN COALESCE(valid_from, '0000-01-01') <= ?"
	        " AND COALESCE(valid_to, '9999-12-31') >= ? THEN 1 ELSE 0 END"
	        " FROM activity_content WHERE code = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, y1);
	db_bind_str(st, 2, y0);
	db_bind_str(st, 3, code);
	rc = db_step(st, e);
	bool in_force = rc == DB_ROW && db_col_int64(st, 0);
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "activity_code", KC_EINVAL,
		        "Nội dung hoạt động '%s' không có trong danh mục", code);
	if (rc != DB_ROW)
		return rc;
	if (!in_force)
		return err_field(e, "activity_code", KC_EINVAL,
		        "Nội dung hoạt động '%s' không áp dụng trong năm %d", code, year);
	return 0;
}

/* A district budget needs districts: some district unit in force in year. */
static int check_source(Db *db, const char *code, int year, Err *e)
{
	int rc = check_ref(db, "SELECT COUNT(*) FROM funding_source WHERE code = ?", code,
	        "source_code", "Nguồn kinh phí", e);
	if (rc || strcmp(code, district_source))
		return rc;
	char y0[11], y1[11];
	snprintf(y0, sizeof y0, "%04d-01-01", year);
	snprintf(y1, sizeof y1, "%04d-12-31", year);
	Stmt *st;
	int64_t n = 0;
	if ((rc = db_prepare(db,
	             "SELECT COUNT(*) FROM admin_unit u JOIN admin_list l ON l.code = u.list"
	             " WHERE u.level = 'district'"
	             " AND COALESCE(u.valid_from, l.valid_from, '0000-01-01') <= ?"
	             " AND COALESCE(u.valid_to, l.valid_to, '9999-12-31') >= ?",
	             &st, e)))
		return rc;
	db_bind_str(st, 1, y1);
	db_bind_str(st, 2, y0);
	rc = db_run_int64(st, &n, e);
	db_done(st);
	if (rc == 0 && n == 0)
		return err_field(e, "source_code", KC_EINVAL,
		        "Năm %d không còn cấp huyện nên không có ngân sách huyện", year);
	return rc;
}

static int check_line(Db *db, const PlanLine *l, int year, Err *e)
{
	int rc;
	if ((rc = check_activity(db, l->activity_code, year, e)))
		return rc;
	if (l->indicator_code &&
	        (rc = check_ref(db, "SELECT COUNT(*) FROM indicator WHERE code = ?",
	                 l->indicator_code, "indicator_code", "Chỉ tiêu", e)))
		return rc;
	if (l->source_code && (rc = check_source(db, l->source_code, year, e)))
		return rc;
	if (l->planned_amount < -1)
		return err_field(e, "planned_amount", KC_EINVAL, "Kinh phí kế hoạch không được âm");
	if (l->planned_qty < -1)
		return err_field(e, "planned_qty", KC_EINVAL, "Số lượng kế hoạch không được âm");
	return store_check_text(l->note, TEXT_MAX_BYTES, "note", "Ghi chú", e);
}

/* Binds parameters 1..6 in the order of L_COLUMNS (after id). */
static void bind_line(Stmt *st, const PlanLine *l)
{
	db_bind_str(st, 1, l->activity_code);
	db_bind_str(st, 2, l->indicator_code);
	db_bind_str(st, 3, l->source_code);
	store_bind_opt(st, 4, l->planned_amount, -1);
	store_bind_opt(st, 5, l->planned_qty, -1);
	db_bind_str(st, 6, l->note);
}

/* Inserts a checked line with its audit row. */
static int insert_line(
        Db *db, const Actor *a, int64_t plan_id, const PlanLine *l, int64_t *id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO annual_plan_line (activity_code, indicator_code, source_code,"
	        " planned_amount, planned_qty, note, plan_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
	        " RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	bind_line(st, l);
	db_bind_int64(st, 7, plan_id);
	rc = db_run_int64(st, id, e);
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", "annual_plan_line", line_sql, *id, NULL, e);
	return rc;
}

/* The year of plan_id (read inside the caller's transaction). */
static int plan_year(Db *db, int64_t plan_id, int *year, Err *e)
{
	int64_t y = 0;
	Stmt *st;
	int rc = db_prepare(db, "SELECT year FROM annual_plan WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, plan_id);
	rc = db_run_int64(st, &y, e);
	db_done(st);
	if (rc == KC_ENOTFOUND)
		return err_set(e, KC_ENOTFOUND, "Không có kế hoạch số %lld", (long long)plan_id);
	*year = (int)y;
	return rc;
}

int store_programme_plan_line_add(
        Db *db, const Actor *a, int64_t plan_id, const PlanLine *in, int64_t *id, Err *e)
{
	int year = 0;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = plan_year(db, plan_id, &year, e)) == 0 && (rc = check_line(db, in, year, e)) == 0)
		rc = insert_line(db, a, plan_id, in, id, e);
	return store_finish(db, rc, e);
}

/* The plan a line belongs to, or KC_ENOTFOUND for a line that is gone. */
static int line_plan(Db *db, int64_t line_id, int64_t *plan_id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT plan_id FROM annual_plan_line WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, line_id);
	rc = db_run_int64(st, plan_id, e);
	db_done(st);
	if (rc == KC_ENOTFOUND)
		return err_set(
		        e, KC_ENOTFOUND, "Không có dòng kế hoạch số %lld", (long long)line_id);
	return rc;
}

int store_programme_plan_line_update(Db *db, const Actor *a, const PlanLine *in, Err *e)
{
	int64_t plan_id = 0;
	int year = 0;
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		if ((rc = line_plan(db, in->id, &plan_id, e)) == 0 &&
		        (rc = plan_year(db, plan_id, &year, e)) == 0 &&
		        (rc = check_line(db, in, year, e)) == 0 &&
		        (rc = store_row_json(db, line_sql, in->id, &before, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE annual_plan_line SET activity_code = ?, indicator_code = ?,"
		                 " source_code = ?, planned_amount = ?, planned_qty = ?, note = ?"
		                 " WHERE id = ?",
		                 &st, e)) == 0) {
			bind_line(st, in);
			db_bind_int64(st, 7, in->id);
			rc = db_run(st, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", "annual_plan_line", line_sql,
			        in->id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

/* Deletes a line with its audit row (inside the caller's transaction). */
static int delete_line(Db *db, const Actor *a, int64_t line_id, Err *e)
{
	Buf before;
	buf_init(&before, 1 << 16);
	int64_t plan_id;
	Stmt *st = NULL;
	int rc = line_plan(db, line_id, &plan_id, e);
	if (rc == 0 && (rc = store_row_json(db, line_sql, line_id, &before, e)) == 0 &&
	        (rc = db_prepare(db, "DELETE FROM annual_plan_line WHERE id = ?", &st, e)) == 0) {
		db_bind_int64(st, 1, line_id);
		rc = db_run(st, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(db, a, "delete", "annual_plan_line", line_sql, line_id,
		        buf_cstr(&before), e);
	buf_free(&before);
	return rc;
}

int store_programme_plan_line_delete(Db *db, const Actor *a, int64_t line_id, Err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	return store_finish(db, delete_line(db, a, line_id, e), e);
}

/* ---- Annual plans -------------------------------------------------------------------- */

/* Reads a row selected as L_COLUMNS. */
static void read_line(Stmt *st, Arena *arena, PlanLine *l)
{
	l->id = db_col_int64(st, 0);
	l->activity_code = store_col_text(st, 1, arena);
	l->indicator_code = store_col_text(st, 2, arena);
	l->source_code = store_col_text(st, 3, arena);
	l->planned_amount = store_col_int(st, 4, -1);
	l->planned_qty = store_col_int(st, 5, -1);
	l->note = store_col_text(st, 6, arena);
}

static int read_lines(Db *db, Arena *arena, AnnualPlan *p, Err *e)
{
	int64_t n = 0;
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM annual_plan_line WHERE plan_id = ?", p->id, &n, e);
	Stmt *st;
	if (rc ||
	        (rc = db_prepare(db,
	                 "SELECT " L_COLUMNS " FROM annual_plan_line WHERE plan_id = ? ORDER BY id",
	                 &st, e)))
		return rc;
	db_bind_int64(st, 1, p->id);
	p->lines = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *p->lines);
	p->n_lines = 0;
	while (p->n_lines < n && (rc = db_step(st, e)) == DB_ROW)
		read_line(st, arena, &p->lines[p->n_lines++]);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE || rc == 0 ? 0 : rc;
}

/* A local plan may implement a programme of its own province, or of the
 * legacy province that merged into its current one (Sóc Trăng's 2021–2025
 * programme goes on in Cần Thơ's 2025 plan). */
static int same_province(
        Db *db, const AnnualPlan *in, const char *list, const char *code, bool *same, Err *e)
{
	*same = !strcmp(list, in->province_list) && !strcmp(code, in->province_code);
	if (*same || strcmp(list, "legacy") || strcmp(in->province_list, "current"))
		return 0;
	UnitRef u = {.list = "legacy", .level = "province"};
	snprintf(u.code, sizeof u.code, "%s", code);
	char now[3];
	int rc = store_admin_current_province(db, &u, now, e);
	*same = rc == 0 && !strcmp(now, in->province_code);
	return rc == KC_ENOTFOUND ? 0 : rc;
}

/* What a plan's programme must be: the same level, covering the year and,
 * for a local one, the same province (or its legacy predecessor). */
typedef struct Phase {
	char level[9], list[8], code[6];
	int start, end;
} Phase;

static int load_phase(Db *db, int64_t id, Phase *p, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT level, province_list, province_code, start_year, end_year FROM programme"
	        " WHERE id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		snprintf(p->level, sizeof p->level, "%s", db_col_text(st, 0));
		snprintf(p->list, sizeof p->list, "%s", db_col_text(st, 1));
		snprintf(p->code, sizeof p->code, "%s", db_col_text(st, 2));
		p->start = (int)db_col_int64(st, 3);
		p->end = (int)db_col_int64(st, 4);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "programme_id", KC_EINVAL, "Không có chương trình số %lld",
		        (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

static int check_plan_programme(Db *db, const AnnualPlan *in, Err *e)
{
	if (in->programme_id == -1)
		return 0;
	Phase p;
	int rc = load_phase(db, in->programme_id, &p, e);
	if (rc)
		return rc;
	if (strcmp(p.level, in->level))
		return err_field(e, "programme_id", KC_EINVAL,
		        "Kế hoạch khuyến công %s không thể thuộc chương trình khuyến công %s",
		        level_vi(in->level), level_vi(p.level));
	if (in->year < p.start || in->year > p.end)
		return err_field(e, "programme_id", KC_EINVAL,
		        "Năm %d nằm ngoài giai đoạn %d - %d của chương trình", in->year, p.start,
		        p.end);
	bool same = true;
	if (!strcmp(p.level, "local") && (rc = same_province(db, in, p.list, p.code, &same, e)))
		return rc;
	if (!same)
		return err_field(e, "programme_id", KC_EINVAL,
		        "Chương trình của tỉnh mã '%s' không phải chương trình của tỉnh mã '%s'",
		        p.code, in->province_code);
	return 0;
}

static int check_plan_text(const AnnualPlan *in, Err *e)
{
	int rc;
	if ((rc = store_check_text(
	             in->decision_no, NO_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = store_check_text(
	                 in->approver, NAME_MAX_BYTES, "approver", "Cơ quan phê duyệt", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)))
		return rc;
	return check_level(in->level, e);
}

static int validate_plan(Db *db, const AnnualPlan *in, Clean *c, Err *e)
{
	int rc;
	if ((rc = check_plan_text(in, e)) ||
	        (rc = store_check_year(in->year, "year", "Năm kế hoạch", e)))
		return rc;
	if (!in->province_list || !in->province_code)
		return err_field(e, "province_code", KC_EINVAL, "Chưa chọn tỉnh, thành phố");
	if ((rc = store_admin_check(db, in->province_list, in->province_code, "province", NULL,
	             in->year, "province_code", e)) ||
	        (rc = store_iso_date(in->decision_date, c->decision_date, "decision_date", e)))
		return rc;
	return check_plan_programme(db, in, e);
}

/* Lines given to create, or already stored for update: each must fit year. */
static int check_lines(Db *db, const PlanLine *v, int n, int year, Err *e)
{
	for (int i = 0; i < n; i++) {
		int rc = check_line(db, &v[i], year, e);
		if (rc)
			return at_element(e, "lines", i, rc);
	}
	return 0;
}

/* Binds parameters 1..9 in the order of A_COLUMNS (after id, before version). */
static void bind_plan(Stmt *st, const AnnualPlan *in, const Clean *c)
{
	store_bind_opt(st, 1, in->programme_id, -1);
	db_bind_str(st, 2, in->level);
	db_bind_str(st, 3, in->province_list);
	db_bind_str(st, 4, in->province_code);
	db_bind_int64(st, 5, in->year);
	db_bind_str(st, 6, in->decision_no);
	db_bind_str(st, 7, c->decision_date[0] ? c->decision_date : NULL);
	db_bind_str(st, 8, in->approver);
	db_bind_str(st, 9, in->note);
}

/* Every foreign key and check was validated: a conflict is the unique key. */
static int plan_taken(int rc, const AnnualPlan *in, Err *e)
{
	if (rc != KC_ECONFLICT)
		return rc;
	return err_field(e, "year", KC_ECONFLICT,
	        "Tỉnh mã '%s' đã có kế hoạch khuyến công %s năm %d", in->province_code,
	        level_vi(in->level), in->year);
}

int store_programme_plan_create(Db *db, const Actor *a, const AnnualPlan *in, int64_t *id, Err *e)
{
	Clean c;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = validate_plan(db, in, &c, e)) == 0 &&
	        (rc = check_lines(db, in->lines, in->n_lines, in->year, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO annual_plan (programme_id, level, province_list,"
	                 " province_code, year, decision_no, decision_date, approver, note)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0) {
		bind_plan(st, in, &c);
		rc = plan_taken(db_run_int64(st, id, e), in, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(db, a, "insert", "annual_plan", plan_sql, *id, NULL, e);
	for (int i = 0; rc == 0 && i < in->n_lines; i++) {
		int64_t line_id;
		rc = insert_line(db, a, *id, &in->lines[i], &line_id, e);
	}
	return store_finish(db, rc, e);
}

static int update_plan_row(Db *db, const AnnualPlan *in, const Clean *c, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE annual_plan SET programme_id = ?, level = ?, province_list = ?,"
	        " province_code = ?, year = ?, decision_no = ?, decision_date = ?, approver = ?,"
	        " note = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	bind_plan(st, in, c);
	db_bind_int64(st, 10, in->id);
	db_bind_int64(st, 11, in->version);
	if ((rc = plan_taken(db_run_int64(st, NULL, e), in, e)) == KC_ENOTFOUND)
		rc = store_stale(db, plan_sql, in->id, plans.what, e);
	db_done(st);
	return rc;
}

/* The stored lines must still fit a changed year. */
static int stored_lines_fit(Db *db, const AnnualPlan *in, Err *e)
{
	Arena arena = {0};
	AnnualPlan old = {.id = in->id};
	int rc = read_lines(db, &arena, &old, e);
	if (rc == 0)
		rc = check_lines(db, old.lines, old.n_lines, in->year, e);
	arena_free(&arena);
	return rc;
}

int store_programme_plan_update(Db *db, const Actor *a, const AnnualPlan *in, Err *e)
{
	Clean c;
	Buf before;
	buf_init(&before, 1 << 16);
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_before(db, &plans, in->id, &before, e);
		if (rc == 0 && (rc = validate_plan(db, in, &c, e)) == 0 &&
		        (rc = stored_lines_fit(db, in, e)) == 0)
			rc = update_plan_row(db, in, &c, e);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", "annual_plan", plan_sql, in->id,
			        buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

/* Deletes every line of a plan, each with its audit row. */
static int delete_lines(Db *db, const Actor *a, int64_t plan_id, Err *e)
{
	Arena arena = {0};
	AnnualPlan p = {.id = plan_id};
	int rc = read_lines(db, &arena, &p, e);
	for (int i = 0; rc == 0 && i < p.n_lines; i++)
		rc = delete_line(db, a, p.lines[i].id, e);
	arena_free(&arena);
	return rc;
}

int store_programme_plan_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	static const StoreUse uses[] = {
	        {"SELECT COUNT(*) FROM project WHERE plan_id = ?", "còn đề án thuộc kế hoạch"},
	};
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	/* The lines go first, as the targets of a programme do. */
	if ((rc = delete_lines(db, a, id, e)) == 0)
		rc = store_delete(db, a, &plans, id, version, uses, STORE_COUNT_OF(uses), e);
	return store_finish(db, rc, e);
}

/* Reads a row selected as A_COLUMNS. */
static void read_plan(Stmt *st, Arena *arena, void *out)
{
	AnnualPlan *o = out;
	*o = (AnnualPlan){0};
	o->id = db_col_int64(st, 0);
	o->programme_id = store_col_int(st, 1, -1);
	o->level = store_col_text(st, 2, arena);
	o->province_list = store_col_text(st, 3, arena);
	o->province_code = store_col_text(st, 4, arena);
	o->year = (int)db_col_int64(st, 5);
	o->decision_no = store_col_text(st, 6, arena);
	o->decision_date = store_col_text(st, 7, arena);
	o->approver = store_col_text(st, 8, arena);
	o->note = store_col_text(st, 9, arena);
	o->version = (int)db_col_int64(st, 10);
}

int store_programme_plan_get(Db *db, int64_t id, Arena *arena, AnnualPlan *out, Err *e)
{
	int rc = store_get(db, "SELECT " A_COLUMNS " FROM annual_plan WHERE id = ?", id, read_plan,
	        arena, out, plans.what, e);
	return rc ? rc : read_lines(db, arena, out, e);
}

#define A_WHERE                                                                                    \
	" WHERE (CAST(? AS TEXT) IS NULL OR level = ?)"                                            \
	" AND (CAST(? AS TEXT) IS NULL OR (province_list = ? AND province_code = ?))"              \
	" AND (CAST(? AS INTEGER) IS NULL OR year = ?)"                                            \
	" AND (CAST(? AS BIGINT) IS NULL OR programme_id = ?)"                                     \
	" AND" STORE_IN_CURRENT_PROVINCE("annual_plan")

static void bind_plan_filter(Stmt *st, const PlanFilter *f)
{
	db_bind_str(st, 1, f->level);
	db_bind_str(st, 2, f->level);
	db_bind_str(st, 3, f->province_code ? f->province_list : NULL);
	db_bind_str(st, 4, f->province_list);
	db_bind_str(st, 5, f->province_code);
	store_bind_opt(st, 6, f->year, 0);
	store_bind_opt(st, 7, f->year, 0);
	store_bind_opt(st, 8, f->programme_id, -1);
	store_bind_opt(st, 9, f->programme_id, -1);
	store_bind_current_province(st, 10, f->current_province);
}

int store_programme_plan_list(Db *db, const PlanFilter *f, Arena *arena, PlanList *out, Err *e)
{
	*out = (PlanList){0};
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	Stmt *st;
	rc = db_prepare(db, "SELECT COUNT(*) FROM annual_plan" A_WHERE, &st, e);
	if (rc)
		return rc;
	bind_plan_filter(st, f);
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "SELECT " A_COLUMNS " FROM annual_plan" A_WHERE
	                   " ORDER BY year DESC, CASE level WHEN 'national' THEN 0 ELSE 1 END,"
	                   " province_list, province_code, id LIMIT ? OFFSET ?",
	                   &st, e)))
		return rc;
	bind_plan_filter(st, f);
	db_bind_int64(st, 13, limit);
	db_bind_int64(st, 14, f->offset);
	out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_plan(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}
