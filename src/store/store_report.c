/* store_report.c — see store_report.h. */
#include "store/store_report.h"

#include <stdio.h>
#include <string.h>

/* ---- Templates ---------------------------------------------------------------------- */

enum { TITLE_MAX_BYTES = 500, BODY_MAX_BYTES = 1 << 20, NOTE_MAX_BYTES = 2000 };

/* The audit snapshot of a template version; record ids are the template's
 * row in report_template, audited by its version number. */
static const char version_select_sql[] =
        "SELECT template_id, version, title, origin, created_at, created_by"
        " FROM report_template_version WHERE version = ? AND template_id = ?";

static int check_template_text(const char *id, const char *title, const char *body, Err *e)
{
	int rc;
	if (!id || !id[0] || strlen(id) > 64)
		return err_field(
		        e, "template", KC_EINVAL, "Mã mẫu báo cáo trống hoặc dài quá 64 ký tự");
	if (!title || !store_has_text(title))
		return err_field(e, "title", KC_EINVAL, "Mẫu báo cáo '%s' chưa có tên", id);
	if ((rc = store_check_text(title, TITLE_MAX_BYTES, "title", "Tên mẫu báo cáo", e)))
		return rc;
	if (!body)
		return err_field(e, "body", KC_EINVAL, "Mẫu báo cáo '%s' không có nội dung", id);
	return store_check_text(body, BODY_MAX_BYTES, "body", "Nội dung mẫu báo cáo", e);
}

static int insert_version(Db *db, const Actor *a, const char *id, int version, const char *title,
        const char *body, const char *origin, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO report_template_version (template_id, version, title, body, origin,"
	        " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, id);
	db_bind_int64(st, 2, version);
	db_bind_str(st, 3, title);
	db_bind_str(st, 4, body);
	db_bind_str(st, 5, origin);
	db_bind_str(st, 6, now);
	store_bind_opt(st, 7, a ? a->user_id : 0, 0);
	rc = db_run(st, e);
	db_done(st);
	if (rc)
		return rc;
	Buf after;
	buf_init(&after, 1 << 14);
	if ((rc = store_row_json_key(db, version_select_sql, version, id, &after, e)) == 0)
		rc = store_audit(db, a, "insert", "report_template_version", version, NULL,
		        buf_cstr(&after), e);
	buf_free(&after);
	return rc;
}

int store_report_template_seed(Db *db, const Actor *a, const char *id, int version, int position,
        const char *title, const char *body, const char *origin, int *inserted, Err *e)
{
	int rc = check_template_text(id, title, body, e);
	if (rc)
		return rc;
	if (version < 1)
		return err_field(
		        e, "version", KC_EINVAL, "Phiên bản mẫu báo cáo '%s' phải từ 1", id);
	char now[STORE_TIME_LEN];
	store_now(a, now);
	if ((rc = db_begin(db, e)))
		return rc;
	Stmt *st;
	bool added = false;
	if ((rc = db_prepare(db,
	             "INSERT INTO report_template (id, position, current_version, updated_at)"
	             " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
	             &st, e)) == 0) {
		db_bind_str(st, 1, id);
		db_bind_int64(st, 2, position);
		db_bind_int64(st, 3, version);
		db_bind_str(st, 4, now);
		if ((rc = db_step(st, e)) == DB_ROW) {
			added = true;
			rc = db_step(st, e);
		}
		rc = rc == DB_DONE ? 0 : rc;
		db_done(st);
	}
	if (rc == 0 && added)
		rc = insert_version(db, a, id, version, title, body, origin, e);
	rc = store_finish(db, rc, e);
	if (rc == 0 && added && inserted)
		(*inserted)++;
	return rc;
}

/* The current version of template id into *current, or 0 if there is none. */
static int current_version(Db *db, const char *id, int *current, Err *e)
{
	int64_t v = 0;
	int rc = store_scalar_text(
	        db, "SELECT current_version FROM report_template WHERE id = ?", id, &v, e);
	if (rc == KC_ENOTFOUND) {
		err_clear(e);
		v = 0, rc = 0;
	}
	*current = (int)v;
	return rc;
}

static int set_current(Db *db, const Actor *a, const char *id, int expected, int version, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc;
	if (expected == 0)
		rc = db_prepare(db,
		        "INSERT INTO report_template (id, position, current_version, updated_at)"
		        " VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM report_template),"
		        " ?, ?)",
		        &st, e);
	else
		rc = db_prepare(db,
		        "UPDATE report_template SET current_version = ?, updated_at = ?"
		        " WHERE id = ?",
		        &st, e);
	if (rc)
		return rc;
	if (expected == 0) {
		db_bind_str(st, 1, id);
		db_bind_int64(st, 2, version);
		db_bind_str(st, 3, now);
	} else {
		db_bind_int64(st, 1, version);
		db_bind_str(st, 2, now);
		db_bind_str(st, 3, id);
	}
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

static int put_template(Db *db, const Actor *a, const char *id, int expected, const char *title,
        const char *body, int *version, Err *e)
{
	int current, rc = current_version(db, id, &current, e);
	if (rc)
		return rc;
	if (current != expected)
		return err_field(e, "version", KC_ECONFLICT,
		        "Mẫu báo cáo '%s' đang ở phiên bản %d, không phải %d (có người vừa sửa);"
		        " tải lại rồi sửa",
		        id, current, expected);
	/* A version number is never reused, even if the current one was set back. */
	int64_t last = 0;
	if ((rc = store_scalar_text(db,
	             "SELECT COALESCE(MAX(version), 0) FROM report_template_version"
	             " WHERE template_id = ?",
	             id, &last, e)))
		return rc;
	*version = (int)last + 1;
	if ((rc = set_current(db, a, id, expected, *version, e)))
		return rc;
	return insert_version(db, a, id, *version, title, body, "edit", e);
}

int store_report_template_put(Db *db, const Actor *a, const char *id, int expected,
        const char *title, const char *body, int *version, Err *e)
{
	int v = 0, rc = check_template_text(id, title, body, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	rc = store_finish(db, put_template(db, a, id, expected, title, body, &v, e), e);
	if (rc == 0 && version)
		*version = v;
	return rc;
}

static void read_template(Stmt *st, Arena *arena, StoredTemplate *o, bool with_body)
{
	o->id = store_col_text(st, 0, arena);
	o->version = (int)db_col_int64(st, 1);
	o->current_version = (int)db_col_int64(st, 2);
	o->position = (int)db_col_int64(st, 3);
	o->title = store_col_text(st, 4, arena);
	o->origin = store_col_text(st, 5, arena);
	o->created_at = store_col_text(st, 6, arena);
	o->body = with_body ? store_col_text(st, 7, arena) : NULL;
}

int store_report_template_get(
        Db *db, const char *id, int version, Arena *arena, StoredTemplate *out, Err *e)
{
	*out = (StoredTemplate){0};
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT t.id, v.version, t.current_version, t.position, v.title, v.origin,"
	        " v.created_at, v.body FROM report_template t JOIN report_template_version v"
	        " ON v.template_id = t.id WHERE t.id = ?"
	        " AND v.version = CASE WHEN ? = 0 THEN t.current_version ELSE ? END",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, id);
	db_bind_int64(st, 2, version);
	db_bind_int64(st, 3, version);
	if ((rc = db_step(st, e)) == DB_ROW)
		read_template(st, arena, out, true);
	db_done(st);
	if (rc == DB_DONE && version)
		return err_field(e, "template", KC_ENOTFOUND,
		        "Không có mẫu báo cáo '%s' phiên bản %d", id ? id : "", version);
	if (rc == DB_DONE)
		return err_field(e, "template", KC_ENOTFOUND,
		        "Không có mẫu báo cáo '%s' (xem danh sách: khuyencong report --list)",
		        id ? id : "");
	return rc == DB_ROW ? 0 : rc;
}

int store_report_template_list(Db *db, Arena *arena, StoredTemplateList *out, Err *e)
{
	*out = (StoredTemplateList){0};
	int64_t n = 0;
	int rc = store_scalar(db, "SELECT COUNT(*) FROM report_template WHERE 0 < ?", 1, &n, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db,
	                   "SELECT t.id, v.version, t.current_version, t.position, v.title,"
	                   " v.origin, v.created_at FROM report_template t"
	                   " JOIN report_template_version v ON v.template_id = t.id"
	                   " AND v.version = t.current_version ORDER BY t.position, t.id",
	                   &st, e)))
		return rc;
	out->v = arena_alloc(arena, (size_t)(n + 1) * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW && out->n < n)
		read_template(st, arena, &out->v[out->n++], false);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* ---- Snapshots ---------------------------------------------------------------------- */

/* Without the table, which the snapshot's own row keeps: the audit row
 * records who froze which report, not a second copy of it. */
static const char snapshot_select_sql[] =
        "SELECT id, template_id, template_version, scope, period, boundaries, filters,"
        " version, submitted_by, submitted_name, submitted_at, note"
        " FROM report_snapshot WHERE id = ?";

static int check_snapshot(const Snapshot *in, Err *e)
{
	const char *const need[][2] = {{in->template_id, "template"}, {in->scope, "scope"},
	        {in->period, "period"}, {in->boundaries, "boundaries"},
	        {in->table_json, "table_json"}};
	for (size_t i = 0; i < STORE_COUNT_OF(need); i++)
		if (!need[i][0] || !need[i][0][0])
			return err_field(
			        e, need[i][1], KC_EINVAL, "Báo cáo nộp thiếu '%s'", need[i][1]);
	int rc = store_check_text(in->table_json, 16u << 20, "table_json", "Bảng báo cáo", e);
	return rc ? rc : store_check_text(in->note, NOTE_MAX_BYTES, "note", "Ghi chú", e);
}

static int insert_snapshot(
        Db *db, const Actor *a, const Snapshot *in, int64_t *id, int *version, Err *e)
{
	int64_t last = 0;
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT COALESCE(MAX(version), 0) FROM report_snapshot WHERE template_id = ?"
	        " AND scope = ? AND period = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, in->template_id);
	db_bind_str(st, 2, in->scope);
	db_bind_str(st, 3, in->period);
	rc = db_run_int64(st, &last, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "INSERT INTO report_snapshot (template_id, template_version, scope,"
	                   " period, boundaries, filters, version, table_json, submitted_by,"
	                   " submitted_name, submitted_at, note)"
	                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                   &st, e)))
		return rc;
	char now[STORE_TIME_LEN];
	store_now(a, now);
	*version = (int)last + 1;
	db_bind_str(st, 1, in->template_id);
	db_bind_int64(st, 2, in->template_version);
	db_bind_str(st, 3, in->scope);
	db_bind_str(st, 4, in->period);
	db_bind_str(st, 5, in->boundaries);
	db_bind_str(st, 6, in->filters ? in->filters : "");
	db_bind_int64(st, 7, *version);
	db_bind_str(st, 8, in->table_json);
	store_bind_opt(st, 9, a ? a->user_id : 0, 0);
	db_bind_str(st, 10, a && a->name ? a->name : "system");
	db_bind_str(st, 11, now);
	db_bind_str(st, 12, in->note);
	rc = db_run_int64(st, id, e);
	db_done(st);
	if (rc == KC_ECONFLICT)
		return err_field(e, "version", KC_ECONFLICT,
		        "Không lưu được báo cáo: mẫu '%s' phiên bản %d không có, hoặc vừa có người"
		        " nộp cùng báo cáo; thử lại",
		        in->template_id, in->template_version);
	return rc ? rc
	          : store_audit_change(
	                    db, a, "insert", "report_snapshot", snapshot_select_sql, *id, NULL, e);
}

int store_report_snapshot_add(
        Db *db, const Actor *a, const Snapshot *in, int64_t *id, int *version, Err *e)
{
	int64_t got = 0;
	int v = 0, rc = check_snapshot(in, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	rc = store_finish(db, insert_snapshot(db, a, in, &got, &v, e), e);
	if (rc == 0 && id)
		*id = got;
	if (rc == 0 && version)
		*version = v;
	return rc;
}

#define SNAPSHOT_COLUMNS                                                                           \
	"id, template_id, template_version, scope, period, boundaries, filters, version,"          \
	" submitted_by, submitted_name, submitted_at, note"

static void read_snapshot(Stmt *st, Arena *arena, void *out)
{
	Snapshot *o = out;
	o->id = db_col_int64(st, 0);
	o->template_id = store_col_text(st, 1, arena);
	o->template_version = (int)db_col_int64(st, 2);
	o->scope = store_col_text(st, 3, arena);
	o->period = store_col_text(st, 4, arena);
	o->boundaries = store_col_text(st, 5, arena);
	o->filters = store_col_text(st, 6, arena);
	o->version = (int)db_col_int64(st, 7);
	o->submitted_by = store_col_int(st, 8, 0);
	o->submitted_name = store_col_text(st, 9, arena);
	o->submitted_at = store_col_text(st, 10, arena);
	o->note = store_col_text(st, 11, arena);
	o->table_json = db_col_count(st) > 12 ? store_col_text(st, 12, arena) : NULL;
}

int store_report_snapshot_get(Db *db, int64_t id, Arena *arena, Snapshot *out, Err *e)
{
	*out = (Snapshot){0};
	return store_get(db,
	        "SELECT " SNAPSHOT_COLUMNS ", table_json FROM report_snapshot WHERE id = ?", id,
	        read_snapshot, arena, out, "báo cáo đã nộp", e);
}

enum { SNAPSHOT_LIST_MAX = 500 };

int store_report_snapshot_list(Db *db, const char *template_id, const char *scope,
        const char *period, Arena *arena, SnapshotList *out, Err *e)
{
	*out = (SnapshotList){0};
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT " SNAPSHOT_COLUMNS " FROM report_snapshot WHERE template_id = ?"
	        " AND (CAST(? AS TEXT) IS NULL OR scope = ?)"
	        " AND (CAST(? AS TEXT) IS NULL OR period = ?)"
	        " ORDER BY scope, period, version DESC LIMIT ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, template_id);
	db_bind_str(st, 2, scope);
	db_bind_str(st, 3, scope);
	db_bind_str(st, 4, period);
	db_bind_str(st, 5, period);
	db_bind_int64(st, 6, SNAPSHOT_LIST_MAX);
	out->v = arena_alloc(arena, SNAPSHOT_LIST_MAX * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_snapshot(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- Facts -------------------------------------------------------------------------- */

/* The parameters a source's statement takes, in the order of its `?`. */
typedef enum Param {
	P_END,
	P_FROM,
	P_TO,
	P_WHOLE,
	P_NOT_WHOLE,
	P_YFROM,
	P_YTO,
	P_ASOF,
	P_KEYS,
	P_CODE0,
	P_CODE1,
	P_CODE2,
	P_CODE3,
	P_BAND0,
	P_BAND1,
	P_BAND2,
} Param;

enum { MAX_PARAMS = 16 };

typedef struct Source {
	StoreSourceInfo info;
	const char *sql; /* columns: province list, code, the dims, the measures */
	Param params[MAX_PARAMS];
} Source;

/* A record in the province keys of the window (NULL keys: every province). */
#define IN_KEYS_OF(list, code)                                                                     \
	" (CAST(? AS TEXT) IS NULL OR CAST(? AS TEXT) LIKE ('%,' || " list " || ':' || " code      \
	" || ',%'))"
#define IN_KEYS(t) IN_KEYS_OF(t ".province_list", t ".province_code")
/* A đề án counts in the years it starts in, so that the years of a phase
 * add up to the phase and a multi-year đề án is counted once. */
#define STARTS_IN " p.start_year >= ? AND p.start_year <= ?"
#define P_STARTS  P_YFROM, P_YTO
/* Progress lists every đề án carried out during the window. */
#define YEARS_MEET " p.start_year <= ? AND p.end_year >= ?"
#define P_YEARS    P_YTO, P_YFROM
#define P_KEYS2    P_KEYS, P_KEYS
/* Net disbursed: advances and payments less recoveries and refunds. */
#define NET_AMOUNT "CASE WHEN d.kind IN ('advance', 'payment') THEN d.amount ELSE -d.amount END"
/* A year-only record for whole years, else its date. */
#define YEAR_OR_DATE(y, d)                                                                         \
	" ((? = 1 AND " y " >= ? AND " y " <= ?) OR (? = 1 AND " d " >= ? AND " d " <= ?))"
#define P_YEAR_OR_DATE P_WHOLE, P_YFROM, P_YTO, P_NOT_WHOLE, P_FROM, P_TO
/* The invoices of đề án p dated outside its eligible window (DOMAIN §4.4);
 * without dates of its own, the window is the calendar years it runs. */
#define INVOICE_OUTSIDE                                                                            \
	" FROM invoice i WHERE i.project_id = p.id AND (i.issued_on < COALESCE(p.eligible_from,"   \
	" CAST(p.start_year AS TEXT) || '-01-01') OR i.issued_on > COALESCE(p.eligible_to,"        \
	" CAST(p.end_year AS TEXT) || '-12-31'))"

static const Source sources[SRC_COUNT] = {
        [SRC_PROJECT] = {{"project", {"level", "kind", "type", "activity", "status"}, {"count"},
                                 {false}, SPAN_YEARS},
                "SELECT p.province_list, p.province_code, p.level, p.kind, p.type,"
                " p.activity_code, p.status, COUNT(*) FROM project p WHERE" STARTS_IN
                " AND" IN_KEYS("p") " GROUP BY p.province_list, p.province_code, p.level,"
                                    " p.kind, p.type, p.activity_code, p.status",
                {P_STARTS, P_KEYS2}},
        [SRC_COST] = {{"cost", {"level", "kind", "activity", "status", "source", "state"},
                              {"planned", "support", "approved"}, {true, true, true}, SPAN_YEARS},
                "SELECT p.province_list, p.province_code, p.level, p.kind, p.activity_code,"
                " p.status, c.source_code, CAST(f.is_state AS TEXT),"
                " CAST(SUM(c.planned) AS BIGINT),"
                " CAST(SUM(COALESCE(c.approved, c.planned)) AS BIGINT),"
                " CAST(SUM(c.approved) AS BIGINT) FROM project p"
                " JOIN project_cost_line c ON c.project_id = p.id"
                " JOIN funding_source f ON f.code = c.source_code WHERE" STARTS_IN
                " AND" IN_KEYS("p") " GROUP BY p.province_list, p.province_code, p.level,"
                                    " p.kind, p.activity_code, p.status, c.source_code,"
                                    " f.is_state",
                {P_STARTS, P_KEYS2}},
        [SRC_DISBURSEMENT] = {{"disbursement", {"level", "kind", "activity", "source", "state"},
                                      {"amount"}, {true}, SPAN_DATES},
                "SELECT p.province_list, p.province_code, p.level, p.kind, p.activity_code,"
                " c.source_code, CAST(f.is_state AS TEXT),"
                " CAST(SUM(" NET_AMOUNT ") AS BIGINT) FROM disbursement d"
                " JOIN project_cost_line c ON c.id = d.cost_line_id"
                " JOIN funding_source f ON f.code = c.source_code"
                " JOIN project p ON p.id = d.project_id"
                " WHERE d.paid_on >= ? AND d.paid_on <= ? AND" IN_KEYS(
                        "p") " GROUP BY p.province_list, p.province_code, p.level, p.kind,"
                             " p.activity_code, c.source_code, f.is_state",
                {P_FROM, P_TO, P_KEYS2}},
        [SRC_OUTPUT] = {{"output", {"level", "kind", "activity", "status", "indicator"},
                                {"planned", "actual"}, {false}, SPAN_YEARS},
                "SELECT p.province_list, p.province_code, p.level, p.kind, p.activity_code,"
                " p.status, o.indicator_code, CAST(SUM(o.planned) AS BIGINT),"
                " CAST(SUM(o.actual) AS BIGINT) FROM project_output o"
                " JOIN project p ON p.id = o.project_id WHERE" STARTS_IN
                " AND" IN_KEYS("p") " GROUP BY p.province_list, p.province_code, p.level,"
                                    " p.kind, p.activity_code, p.status, o.indicator_code",
                {P_STARTS, P_KEYS2}},
        [SRC_PROGRESS] = {{"progress",
                                  {"level", "kind", "activity", "status", "project", "project_name",
                                          "years", "late", "risk"},
                                  {"support", "disbursed", "invoices_outside", "count"},
                                  {true, true, false, false}, SPAN_YEARS},
                "SELECT p.province_list, p.province_code, p.level, p.kind, p.activity_code,"
                " p.status, p.code, p.title, CASE WHEN p.start_year = p.end_year"
                " THEN CAST(p.start_year AS TEXT) ELSE CAST(p.start_year AS TEXT) || ' - ' ||"
                " CAST(p.end_year AS TEXT) END,"
                " CASE WHEN CAST(p.end_year AS TEXT) || '-12-31' < ? AND p.status NOT IN"
                " ('accepted', 'settled', 'closed', 'terminated', 'not_funded')"
                " THEN '1' ELSE '0' END,"
                " CASE WHEN EXISTS (SELECT 1" INVOICE_OUTSIDE ") THEN '1' ELSE '0' END,"
                " (SELECT CAST(SUM(COALESCE(c.approved, c.planned)) AS BIGINT)"
                " FROM project_cost_line c JOIN funding_source f ON f.code = c.source_code"
                " WHERE c.project_id = p.id AND f.is_state = 1),"
                " (SELECT CAST(SUM(" NET_AMOUNT ") AS BIGINT) FROM disbursement d"
                " WHERE d.project_id = p.id AND d.paid_on <= ?),"
                " (SELECT COUNT(*)" INVOICE_OUTSIDE "), 1"
                " FROM project p WHERE" YEARS_MEET " AND" IN_KEYS("p") " ORDER BY p.code",
                {P_ASOF, P_TO, P_YEARS, P_KEYS2}},
        [SRC_TRAINING] = {{"training", {"kind", "level"},
                                  {"classes", "trainees", "women", "ethnic_minority", "jobs"},
                                  {false}, SPAN_DATES},
                "SELECT t.province_list, t.province_code, t.kind, COALESCE(p.level, ''),"
                " CAST(SUM(t.classes) AS BIGINT), CAST(SUM(t.trainees) AS BIGINT),"
                " CAST(SUM(t.women) AS BIGINT), CAST(SUM(t.ethnic_minority) AS BIGINT),"
                " CAST(SUM(t.jobs_created) AS BIGINT) FROM training_class t"
                " LEFT JOIN project p ON p.id = t.project_id"
                " WHERE COALESCE(t.start_date, t.end_date) >= ?"
                " AND COALESCE(t.start_date, t.end_date) <= ? AND" IN_KEYS(
                        "t") " GROUP BY t.province_list, t.province_code, t.kind, COALESCE(p.level, '')",
                {P_FROM, P_TO, P_KEYS2}},
        [SRC_FAIR] = {{"fair", {"scope", "level"}, {"fairs", "booths", "participations"}, {false},
                              SPAN_DATES},
                "SELECT f.province_list, f.province_code, f.scope, COALESCE(p.level, ''),"
                " COUNT(*), CAST(SUM(f.booths) AS BIGINT),"
                " CAST(SUM(f.participations) AS BIGINT) FROM fair f"
                " LEFT JOIN project p ON p.id = f.project_id"
                " WHERE COALESCE(f.start_date, f.end_date) >= ?"
                " AND COALESCE(f.start_date, f.end_date) <= ? AND" IN_KEYS(
                        "f") " GROUP BY f.province_list, f.province_code, f.scope, COALESCE(p.level, '')",
                {P_FROM, P_TO, P_KEYS2}},
        [SRC_MEDIA] = {{"media", {"kind", "level"}, {"quantity"}, {false}, SPAN_DATES},
                "SELECT m.province_list, m.province_code, m.kind, COALESCE(p.level, ''),"
                " CAST(SUM(m.quantity) AS BIGINT) FROM media_item m"
                " LEFT JOIN project p ON p.id = m.project_id WHERE" YEAR_OR_DATE("m.year",
                        "m.issued_on") " AND" IN_KEYS("m") " GROUP BY m.province_list, m.province_code, m.kind, COALESCE(p.level, '')",
                {P_YEAR_OR_DATE, P_KEYS2}},
        [SRC_TOUR] = {{"tour", {"level"}, {"delegations", "participants"}, {false}, SPAN_DATES},
                "SELECT s.province_list, s.province_code, COALESCE(p.level, ''),"
                " CAST(SUM(s.delegations) AS BIGINT), CAST(SUM(s.participants) AS BIGINT)"
                " FROM study_tour s LEFT JOIN project p ON p.id = s.project_id"
                " WHERE" YEAR_OR_DATE("s.year", "s.start_date") " AND" IN_KEYS(
                        "s") " GROUP BY s.province_list, s.province_code, COALESCE(p.level, '')",
                {P_YEAR_OR_DATE, P_KEYS2}},
        [SRC_INSPECTION] = {{"inspection", {"level"}, {"count"}, {false}, SPAN_DATES},
                "SELECT i.province_list, i.province_code, COALESCE(p.level, ''), COUNT(*)"
                " FROM inspection i LEFT JOIN project p ON p.id = i.project_id"
                " WHERE i.inspected_on >= ? AND i.inspected_on <= ? AND" IN_KEYS(
                        "i") " GROUP BY i.province_list, i.province_code, COALESCE(p.level, '')",
                {P_FROM, P_TO, P_KEYS2}},
        [SRC_CONSULTING] = {{"consulting", {"period"}, {"projects", "revenue"}, {false, true},
                                    SPAN_CODES},
                "SELECT s.province_list, s.province_code, s.period,"
                " CAST(SUM(s.projects) AS BIGINT), CAST(SUM(s.revenue) AS BIGINT)"
                " FROM consulting_service s WHERE" IN_KEYS(
                        "s") " GROUP BY s.province_list, s.province_code, s.period",
                {P_KEYS2}},
        [SRC_CERTIFICATION] = {{"certification", {"cert_level", "group", "year"}, {"count"},
                                       {false}, SPAN_DATES},
                "SELECT e.province_list, e.province_code, c.level, pr.product_group,"
                " CAST(c.year AS TEXT), COUNT(*) FROM certification c"
                " JOIN product pr ON pr.id = c.product_id"
                " JOIN establishment e ON e.id = pr.establishment_id"
                " WHERE" YEAR_OR_DATE("c.year", "c.decision_date") " AND" IN_KEYS(
                        "e") " GROUP BY e.province_list, e.province_code, c.level, pr.product_group,"
                             " c.year",
                {P_YEAR_OR_DATE, P_KEYS2}},
        [SRC_ESTABLISHMENT] = {{"establishment",
                                       {"sector", "legal_form", "size", "women_owned",
                                               "ethnic_minority"},
                                       {"count", "workers", "revenue"}, {false, false, true},
                                       SPAN_STOCK},
                /* Grouped by column number: the size band is an expression
                 * with parameters, which PostgreSQL groups only that way. */
                "SELECT e.province_list, e.province_code, COALESCE(e.sector_code, ''),"
                " e.legal_form, CASE WHEN e.workers IS NULL THEN '' WHEN e.workers < ?"
                " THEN '1' WHEN e.workers < ? THEN '2' WHEN e.workers < ? THEN '3'"
                " ELSE '4' END, CAST(e.women_owned AS TEXT),"
                " CAST(e.ethnic_minority_labour AS TEXT), COUNT(*),"
                " CAST(SUM(e.workers) AS BIGINT), CAST(SUM(e.revenue) AS BIGINT)"
                " FROM establishment e WHERE (e.survey_year IS NULL OR e.survey_year <= ?)"
                " AND" IN_KEYS("e") " GROUP BY 1, 2, 3, 4, 5, 6, 7",
                {P_BAND0, P_BAND1, P_BAND2, P_YTO, P_KEYS2}},
        [SRC_COMMUNE] = {{"commune", {"commune", "commune_name"}, {"count", "workers"}, {false},
                                 SPAN_STOCK},
                "SELECT e.province_list, e.province_code,"
                " COALESCE(e.commune_list || ':' || e.commune_code, ''), COALESCE(u.name, ''),"
                " COUNT(*), CAST(SUM(e.workers) AS BIGINT) FROM establishment e"
                " LEFT JOIN admin_unit u ON u.list = e.commune_list"
                " AND u.code = e.commune_code"
                " WHERE (e.survey_year IS NULL OR e.survey_year <= ?) AND" IN_KEYS(
                        "e") " GROUP BY 1, 2, 3, 4",
                {P_YTO, P_KEYS2}},
        [SRC_PLAN] = {{"plan", {"level", "activity", "indicator", "source"}, {"amount", "qty"},
                              {true, false}, SPAN_YEARS},
                "SELECT a.province_list, a.province_code, a.level, l.activity_code,"
                " COALESCE(l.indicator_code, ''), COALESCE(l.source_code, ''),"
                " CAST(SUM(l.planned_amount) AS BIGINT), CAST(SUM(l.planned_qty) AS BIGINT)"
                " FROM annual_plan_line l JOIN annual_plan a ON a.id = l.plan_id"
                " WHERE a.year >= ? AND a.year <= ? AND" IN_KEYS(
                        "a") " GROUP BY a.province_list, a.province_code, a.level, l.activity_code,"
                             " COALESCE(l.indicator_code, ''), COALESCE(l.source_code, '')",
                {P_YFROM, P_YTO, P_KEYS2}},
        [SRC_TARGET] = {{"target", {"level", "indicator", "qualifier", "phase"}, {"value"}, {false},
                                SPAN_YEARS},
                "SELECT g.province_list, g.province_code, g.level, t.indicator_code,"
                " COALESCE(t.qualifier, ''), CAST(g.start_year AS TEXT) || '-' ||"
                " CAST(g.end_year AS TEXT), CAST(SUM(t.value) AS BIGINT)"
                " FROM programme_target t JOIN programme g ON g.id = t.programme_id"
                " WHERE g.start_year <= ? AND g.end_year >= ?"
                " AND (g.province_code IS NULL OR" IN_KEYS(
                        "g") ")"
                             " GROUP BY g.province_list, g.province_code, g.level, t.indicator_code,"
                             " COALESCE(t.qualifier, ''), g.start_year, g.end_year",
                {P_YTO, P_YFROM, P_KEYS2}},
        [SRC_FIGURE] = {{"figure",
                                {"indicator", "scope_kind", "scope_code", "period", "figure",
                                        "level", "qualifier"},
                                {"value"}, {false}, SPAN_CODES},
                "SELECT CASE WHEN f.scope_kind = 'province' THEN f.scope_list END,"
                " CASE WHEN f.scope_kind = 'province' THEN f.scope_code END,"
                " f.indicator_code, f.scope_kind, COALESCE(f.scope_code, ''), f.period,"
                " f.figure_kind, f.program_level, COALESCE(f.qualifier, ''), f.value"
                " FROM aggregate_figure f WHERE f.period IN (?, ?, ?, ?)"
                " AND (f.scope_kind <> 'province' OR" IN_KEYS_OF(
                        "f.scope_list", "f.scope_code") ")",
                {P_CODE0, P_CODE1, P_CODE2, P_CODE3, P_KEYS2}},
};

const StoreSourceInfo *store_report_source_info(int src)
{
	return src >= 0 && src < SRC_COUNT ? &sources[src].info : NULL;
}

int store_report_source(const char *name)
{
	for (int i = 0; name && i < SRC_COUNT; i++)
		if (!strcmp(sources[i].info.name, name))
			return i;
	return -1;
}

static int count_names(const char *const *v, int max)
{
	int n = 0;
	while (n < max && v[n])
		n++;
	return n;
}

static void bind_params(Stmt *st, const Param *params, const StoreWindow *w)
{
	for (int i = 0; i < MAX_PARAMS && params[i] != P_END; i++) {
		int k = i + 1;
		switch (params[i]) {
		case P_FROM: db_bind_str(st, k, w->from); break;
		case P_TO: db_bind_str(st, k, w->to); break;
		case P_WHOLE: db_bind_int64(st, k, w->whole_years ? 1 : 0); break;
		case P_NOT_WHOLE: db_bind_int64(st, k, w->whole_years ? 0 : 1); break;
		case P_YFROM: db_bind_int64(st, k, w->year_from); break;
		case P_YTO: db_bind_int64(st, k, w->year_to); break;
		case P_ASOF: db_bind_str(st, k, w->as_of ? w->as_of : w->to); break;
		case P_KEYS: db_bind_str(st, k, w->province_keys); break;
		case P_CODE0:
		case P_CODE1:
		case P_CODE2:
		case P_CODE3: db_bind_str(st, k, w->codes[params[i] - P_CODE0]); break;
		case P_BAND0:
		case P_BAND1:
		case P_BAND2: db_bind_int64(st, k, w->size_bands[params[i] - P_BAND0]); break;
		case P_END: break;
		}
	}
}

int store_report_facts(
        Db *db, StoreSource src, const StoreWindow *w, StoreFactFn fn, void *ctx, Err *e)
{
	if ((int)src < 0 || src >= SRC_COUNT)
		return err_set(e, KC_EINVAL, "unknown fact source %d", (int)src);
	const Source *s = &sources[src];
	int nd = count_names(s->info.dims, STORE_FACT_DIMS);
	int nm = count_names(s->info.measures, STORE_FACT_MEASURES);
	Stmt *st;
	int rc = db_prepare(db, s->sql, &st, e);
	if (rc)
		return rc;
	bind_params(st, s->params, w);
	while ((rc = db_step(st, e)) == DB_ROW) {
		StoreFact f = {0};
		if (!db_col_null(st, 0)) {
			f.province_list = db_col_text(st, 0);
			f.province_code = db_col_text(st, 1);
		}
		for (int i = 0; i < nd; i++)
			f.dim[i] = db_col_text(st, 2 + i);
		for (int i = 0; i < nm; i++)
			f.m[i] = db_col_null(st, 2 + nd + i) ? STORE_FACT_NULL
			                                     : db_col_int64(st, 2 + nd + i);
		if ((rc = fn(ctx, &f, e)))
			break;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- Reference rows ----------------------------------------------------------------- */

int store_report_provinces(Db *db, StoreProvinceFn fn, void *ctx, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT u.list, u.code, u.name, u.full_name, CASE WHEN u.list = 'current'"
	        " THEN u.code ELSE COALESCE(s.new_code, '') END FROM admin_unit u"
	        " LEFT JOIN admin_succession s ON s.old_list = u.list AND s.old_level = 'province'"
	        " AND s.old_code = u.code AND s.new_list = 'current'"
	        " AND s.new_level = 'province' WHERE u.level = 'province'"
	        " ORDER BY u.list DESC, u.code",
	        &st, e);
	if (rc)
		return rc;
	while ((rc = db_step(st, e)) == DB_ROW &&
	        (rc = fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
	                 db_col_text(st, 3), db_col_text(st, 4), e)) == 0)
		;
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int store_report_region(Db *db, const char *region, const char *from, const char *to, Arena *arena,
        const char **name, StoreMemberFn fn, void *ctx, Err *e)
{
	/* One statement: the region's name on every row, and one row with NULL
	 * members for a region without members in the span. */
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT r.name, m.list, m.province_code FROM region r"
	        " LEFT JOIN region_member m ON m.region_code = r.code"
	        " AND (m.valid_from IS NULL OR m.valid_from <= ?)"
	        " AND (m.valid_to IS NULL OR m.valid_to >= ?) WHERE r.code = ?"
	        " ORDER BY m.list, m.province_code",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, to);
	db_bind_str(st, 2, from);
	db_bind_str(st, 3, region);
	*name = NULL;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (!*name)
			*name = store_col_text(st, 0, arena);
		if (!db_col_null(st, 1) &&
		        (rc = fn(ctx, db_col_text(st, 1), db_col_text(st, 2), e)))
			break;
	}
	db_done(st);
	if (rc == DB_DONE && !*name)
		return err_field(e, "scope", KC_ENOTFOUND, "Không có vùng '%s'", region);
	return rc == DB_DONE ? 0 : rc;
}

int store_report_labels(Db *db, StoreLabelFn fn, void *ctx, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT 'sector', code, label_vi, NULL, NULL FROM sector"
	        " UNION ALL SELECT 'activity', code, label_vi, NULL, NULL FROM activity_content"
	        " UNION ALL SELECT 'source', code, label_vi, NULL, NULL FROM funding_source"
	        " UNION ALL SELECT 'indicator', code, label_vi, unit_vi, value_kind FROM indicator",
	        &st, e);
	if (rc)
		return rc;
	while ((rc = db_step(st, e)) == DB_ROW &&
	        (rc = fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2),
	                 db_col_null(st, 3) ? NULL : db_col_text(st, 3),
	                 db_col_null(st, 4) ? NULL : db_col_text(st, 4), e)) == 0)
		;
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}
