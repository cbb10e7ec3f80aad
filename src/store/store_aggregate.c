/* store_aggregate.c — see store_aggregate.h. */
#include "store/store_aggregate.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/period.h"

enum { QUALIFIER_MAX_BYTES = 40, SOURCE_MAX_BYTES = 300, NOTE_MAX_BYTES = 1000 };

static const StoreChoice scope_kinds[] = {{"province"}, {"region"}, {"nation"}};
static const StoreChoice figure_kinds[] = {{"plan"}, {"actual"}, {"estimate"}};
static const StoreChoice levels[] = {{"national"}, {"local"}, {"all"}};

#define COLUMNS                                                                                    \
	"f.id, f.indicator_code, f.scope_kind, f.scope_list, f.scope_code, f.period,"              \
	" f.figure_kind, f.program_level, f.value, f.qualifier, f.note, f.source, f.entered_by,"   \
	" f.entered_at, f.version"

static const char select_sql[] = "SELECT * FROM aggregate_figure WHERE id = ?";
static const StoreTable figures = {"aggregate_figure", select_sql,
        "DELETE FROM aggregate_figure WHERE id = ? AND version = ? RETURNING id", "số liệu"};

AggregateFigure store_aggregate_blank(void)
{
	return (AggregateFigure){.figure_kind = "actual", .program_level = "all", .value = -1};
}

AggregateFilter store_aggregate_filter(void)
{
	return (AggregateFilter){0};
}

/* ---- Checks ------------------------------------------------------------------------- */

/* Checks v against one of the fixed code lists above. */
#define CHOICE(v, set, field, label, e)                                                            \
	store_check_choice(v, set, STORE_COUNT_OF(set), field, label, e)

/* The indicator's source ('records' | 'aggregate' | 'both') and value kind
 * ('count' | 'money' | 'percent_x100' | 'ratio_x100'). */
static int indicator_row(Db *db, const char *code, char source[16], char kind[16], Err *e)
{
	if (!code || !code[0])
		return err_field(e, "indicator_code", KC_EINVAL, "Chưa chọn chỉ tiêu");
	Stmt *st;
	int rc = db_prepare(db, "SELECT source, value_kind FROM indicator WHERE code = ?", &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, code);
	if ((rc = db_step(st, e)) == DB_ROW) {
		snprintf(source, 16, "%s", db_col_text(st, 0));
		snprintf(kind, 16, "%s", db_col_text(st, 1));
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "indicator_code", KC_EINVAL, "Chỉ tiêu '%s' không có", code);
	return rc == DB_ROW ? 0 : rc;
}

/* A figure for an indicator the reports compute from records would compete
 * with the computed number, so only 'aggregate' and 'both' take figures. */
static int check_indicator(Db *db, const char *code, Err *e)
{
	char source[16], kind[16];
	int rc = indicator_row(db, code, source, kind, e);
	if (rc == 0 && !strcmp(source, "records"))
		rc = err_field(e, "indicator_code", KC_EINVAL,
		        "Chỉ tiêu '%s' được tính từ hồ sơ đã nhập (lớp học, hội chợ, đề án...),"
		        " không nhập số liệu tổng hợp cho chỉ tiêu này",
		        code);
	return rc;
}

/* Parses a period into its canonical code and the years it spans. */
static int check_period(const char *s, char code[32], int *first, int *last, Err *e)
{
	if (!s || !s[0])
		return err_field(e, "period", KC_EINVAL, "Chưa nhập kỳ báo cáo");
	Period p;
	int rc = period_parse(s, strlen(s), &p, e);
	if (rc)
		return store_at_field(e, "period", rc);
	Buf b;
	buf_init(&b, 31);
	period_format(&b, &p);
	snprintf(code, 32, "%s", buf_cstr(&b));
	buf_free(&b);
	*first = p.year;
	*last = p.kind == PERIOD_PHASE        ? p.end_year
	        : p.kind == PERIOD_CUMULATIVE ? p.to.year
	                                      : p.year;
	return 0;
}

static int check_region(Db *db, const char *code, Err *e)
{
	if (!code || !code[0])
		return err_field(e, "scope_code", KC_EINVAL, "Chưa chọn vùng");
	int64_t n = 0;
	int rc = store_scalar_text(db, "SELECT COUNT(*) FROM region WHERE code = ?", code, &n, e);
	if (rc == 0 && n == 0)
		rc = err_field(e, "scope_code", KC_EINVAL, "Vùng '%s' không có", code);
	return rc;
}

static int check_scope(Db *db, const AggregateFigure *in, int first, int last, Err *e)
{
	int rc = CHOICE(in->scope_kind, scope_kinds, "scope_kind", "Phạm vi", e);
	if (rc)
		return rc;
	if (!strcmp(in->scope_kind, "province"))
		return store_admin_check_span(
		        db, in->scope_list, in->scope_code, first, last, "scope_code", e);
	if (in->scope_list)
		return err_field(e, "scope_list", KC_EINVAL,
		        "Chỉ tỉnh, thành phố mới theo danh mục đơn vị hành chính");
	if (!strcmp(in->scope_kind, "region"))
		return check_region(db, in->scope_code, e);
	if (in->scope_code)
		return err_field(
		        e, "scope_code", KC_EINVAL, "Phạm vi toàn quốc không có mã đơn vị");
	return 0;
}

static int validate(Db *db, const AggregateFigure *in, char period[32], Err *e)
{
	int first, last, rc;
	if ((rc = check_indicator(db, in->indicator_code, e)) ||
	        (rc = check_period(in->period, period, &first, &last, e)) ||
	        (rc = check_scope(db, in, first, last, e)) ||
	        (rc = CHOICE(in->figure_kind, figure_kinds, "figure_kind", "Loại số liệu", e)) ||
	        (rc = CHOICE(in->program_level, levels, "program_level", "Cấp chương trình", e)))
		return rc;
	if (in->value == -1)
		return err_field(e, "value", KC_EINVAL, "Chưa nhập giá trị");
	if (in->value < 0)
		return err_field(e, "value", KC_EINVAL, "Giá trị không được âm (đã nhập %lld)",
		        (long long)in->value);
	if ((rc = store_check_text(in->qualifier, QUALIFIER_MAX_BYTES, "qualifier",
	             "Từ định lượng (gần, trên, khoảng...)", e)) ||
	        (rc = store_check_text(in->source, SOURCE_MAX_BYTES, "source", "Nguồn số liệu", e)))
		return rc;
	return store_check_text(in->note, NOTE_MAX_BYTES, "note", "Ghi chú", e);
}

/* ---- Writing ------------------------------------------------------------------------ */

/* The figure stored under in's key: its id and version, or *id 0. */
static int find_key(
        Db *db, const AggregateFigure *in, const char *period, int64_t *id, int *version, Err *e)
{
	/* The unique index is on COALESCE(..., ''): look it up the same way. */
	static const char sql[] =
	        "SELECT id, version FROM aggregate_figure WHERE indicator_code = ?"
	        " AND scope_kind = ? AND COALESCE(scope_list, '') = ?"
	        " AND COALESCE(scope_code, '') = ? AND period = ? AND figure_kind = ?"
	        " AND program_level = ?";
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, in->indicator_code);
	db_bind_str(st, 2, in->scope_kind);
	db_bind_str(st, 3, in->scope_list ? in->scope_list : "");
	db_bind_str(st, 4, in->scope_code ? in->scope_code : "");
	db_bind_str(st, 5, period);
	db_bind_str(st, 6, in->figure_kind);
	db_bind_str(st, 7, in->program_level);
	*id = 0;
	if ((rc = db_step(st, e)) == DB_ROW) {
		*id = db_col_int64(st, 0);
		*version = (int)db_col_int64(st, 1);
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

static int insert_figure(
        Db *db, const Actor *a, const AggregateFigure *in, const char *period, int64_t *id, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO aggregate_figure (indicator_code, scope_kind, scope_list, scope_code,"
	        " period, figure_kind, program_level, value, qualifier, note, source, entered_by,"
	        " entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, in->indicator_code);
	db_bind_str(st, 2, in->scope_kind);
	db_bind_str(st, 3, in->scope_list);
	db_bind_str(st, 4, in->scope_code);
	db_bind_str(st, 5, period);
	db_bind_str(st, 6, in->figure_kind);
	db_bind_str(st, 7, in->program_level);
	db_bind_int64(st, 8, in->value);
	db_bind_str(st, 9, in->qualifier);
	db_bind_str(st, 10, in->note);
	db_bind_str(st, 11, in->source);
	store_bind_opt(st, 12, a ? a->user_id : 0, 0);
	db_bind_str(st, 13, now);
	rc = db_run_int64(st, id, e);
	db_done(st);
	return rc ? rc
	          : store_audit_change(
	                    db, a, "insert", "aggregate_figure", select_sql, *id, NULL, e);
}

/* Updates the value of figure id, which must still be at version; who
 * entered it and when become the actor and now. */
static int update_figure(
        Db *db, const Actor *a, const AggregateFigure *in, int64_t id, int version, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = store_row_json(db, select_sql, id, &before, e);
	if (rc == 0 && (rc = db_prepare(db,
	                        "UPDATE aggregate_figure SET value = ?, qualifier = ?, note = ?,"
	                        " source = ?, entered_by = ?, entered_at = ?,"
	                        " version = version + 1 WHERE id = ? AND version = ? RETURNING id",
	                        &st, e)) == 0) {
		db_bind_int64(st, 1, in->value);
		db_bind_str(st, 2, in->qualifier);
		db_bind_str(st, 3, in->note);
		db_bind_str(st, 4, in->source);
		store_bind_opt(st, 5, a ? a->user_id : 0, 0);
		db_bind_str(st, 6, now);
		db_bind_int64(st, 7, id);
		db_bind_int64(st, 8, version);
		rc = store_run_versioned(db, st, &figures, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "update", "aggregate_figure", select_sql, id, buf_cstr(&before), e);
	buf_free(&before);
	return rc;
}

/* Inserts or updates the figure of in's key, inside the caller's
 * transaction, so that the key found is the key written. */
static int put_figure(Db *db, const Actor *a, const AggregateFigure *in, int64_t *id, Err *e)
{
	char period[32];
	int version = 0;
	int rc = validate(db, in, period, e);
	if (rc || (rc = find_key(db, in, period, id, &version, e)))
		return rc;
	if (*id == 0 && in->version != 0)
		return err_field(e, "version", KC_ENOTFOUND,
		        "Số liệu chỉ tiêu '%s' kỳ %s không còn (đã bị xóa); tải lại rồi nhập lại",
		        in->indicator_code, period);
	if (*id == 0)
		return insert_figure(db, a, in, period, id, e);
	if (in->version == 0)
		return err_field(e, "version", KC_ECONFLICT,
		        "Đã có số liệu chỉ tiêu '%s' kỳ %s cho phạm vi này (số %lld, phiên bản %d);"
		        " mở số liệu đó để sửa",
		        in->indicator_code, period, (long long)*id, version);
	return update_figure(db, a, in, *id, in->version, e);
}

int store_aggregate_put(Db *db, const Actor *a, const AggregateFigure *in, int64_t *id, Err *e)
{
	int64_t got = 0;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	rc = store_finish(db, put_figure(db, a, in, &got, e), e);
	if (rc == 0 && id)
		*id = got;
	return rc;
}

/* Prefixes e's message with the row it is about, keeping its field. */
static int at_row(Err *e, size_t row, int rc)
{
	if (!e)
		return rc;
	char msg[sizeof e->msg], field[sizeof e->field];
	snprintf(msg, sizeof msg, "%s", e->msg);
	snprintf(field, sizeof field, "%s", e->field);
	return err_field(e, field, rc, "Dòng %zu: %s", row, msg);
}

int store_aggregate_put_many(
        Db *db, const Actor *a, const AggregateFigure *v, size_t n, size_t *bad_row, Err *e)
{
	size_t row = 0;
	int rc = db_begin(db, e);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		int64_t id;
		if ((rc = put_figure(db, a, &v[i], &id, e)))
			row = i + 1;
	}
	if (rc == 0 || row)
		rc = store_finish(db, rc, e);
	if (row)
		at_row(e, row, rc);
	if (bad_row)
		*bad_row = row;
	return rc;
}

int store_aggregate_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	return store_delete(db, a, &figures, id, version, NULL, 0, e);
}

/* ---- Reading ------------------------------------------------------------------------ */

/* Reads a row selected as COLUMNS. */
static void read_row(Stmt *st, Arena *arena, void *out)
{
	AggregateFigure *o = out;
	o->id = db_col_int64(st, 0);
	o->indicator_code = store_col_text(st, 1, arena);
	o->scope_kind = store_col_text(st, 2, arena);
	o->scope_list = store_col_text(st, 3, arena);
	o->scope_code = store_col_text(st, 4, arena);
	o->period = store_col_text(st, 5, arena);
	o->figure_kind = store_col_text(st, 6, arena);
	o->program_level = store_col_text(st, 7, arena);
	o->value = db_col_int64(st, 8);
	o->qualifier = store_col_text(st, 9, arena);
	o->note = store_col_text(st, 10, arena);
	o->source = store_col_text(st, 11, arena);
	o->entered_by = store_col_int(st, 12, 0);
	o->entered_at = store_col_text(st, 13, arena);
	o->version = (int)db_col_int64(st, 14);
}

int store_aggregate_get(Db *db, int64_t id, Arena *arena, AggregateFigure *out, Err *e)
{
	return store_get(db, "SELECT " COLUMNS " FROM aggregate_figure f WHERE f.id = ?", id,
	        read_row, arena, out, figures.what, e);
}

/* The indicator set is a fixed run of placeholders, the unused ones bound to
 * NULL (which IN never matches), so the SQL stays constant and indexed. */
#define Q4  "?, ?, ?, ?"
#define Q16 Q4 ", " Q4 ", " Q4 ", " Q4
#define Q64 Q16 ", " Q16 ", " Q16 ", " Q16
_Static_assert(sizeof Q64 == 3 * AGGREGATE_MAX_INDICATORS - 1,
        "one placeholder per indicator a filter may name");

#define WHERE                                                                                      \
	" WHERE (CAST(? AS TEXT) IS NULL OR f.indicator_code IN (" Q64 "))"                        \
	" AND (CAST(? AS TEXT) IS NULL OR f.scope_kind = ?)"                                       \
	" AND (CAST(? AS TEXT) IS NULL OR f.scope_list = ?)"                                       \
	" AND (CAST(? AS TEXT) IS NULL OR f.scope_code = ?)"                                       \
	" AND (CAST(? AS TEXT) IS NULL OR f.period = ?)"                                           \
	" AND (CAST(? AS TEXT) IS NULL OR f.figure_kind = ?)"                                      \
	" AND (CAST(? AS TEXT) IS NULL OR f.program_level = ?)"                                    \
	" AND (CAST(? AS TEXT) IS NULL OR (f.scope_kind = 'province' AND ((f.scope_list ="         \
	" 'current' AND f.scope_code = ?) OR (f.scope_list = 'legacy' AND EXISTS (SELECT 1"        \
	" FROM admin_succession s WHERE s.old_list = 'legacy' AND s.old_level = 'province'"        \
	" AND s.old_code = f.scope_code AND s.new_list = 'current' AND s.new_level = 'province'"   \
	" AND s.new_code = ?)))))"

/* Binds WHERE's parameters; returns the number of the next. */
static int bind_filter(Stmt *st, const AggregateFilter *f, const char *period)
{
	int i = 1;
	db_bind_str(st, i++, f->indicators ? "" : NULL);
	for (size_t k = 0; k < AGGREGATE_MAX_INDICATORS; k++)
		db_bind_str(
		        st, i++, f->indicators && k < f->n_indicators ? f->indicators[k] : NULL);
	const char *const pairs[] = {f->scope_kind, f->scope_list, f->scope_code, period,
	        f->figure_kind, f->program_level};
	for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
		db_bind_str(st, i++, pairs[k]);
		db_bind_str(st, i++, pairs[k]);
	}
	for (int k = 0; k < 3; k++)
		db_bind_str(st, i++, f->current_province);
	return i;
}

static int check_filter(const AggregateFilter *f, char period[32], int *limit, Err *e)
{
	int first, last;
	int rc = store_page_size(f->limit, f->offset, limit, e);
	if (rc)
		return rc;
	if (f->n_indicators > AGGREGATE_MAX_INDICATORS)
		return err_field(e, "indicators", KC_EINVAL,
		        "Mỗi lần lọc được tối đa %d chỉ tiêu (đã chọn %zu)",
		        AGGREGATE_MAX_INDICATORS, f->n_indicators);
	return f->period ? check_period(f->period, period, &first, &last, e) : 0;
}

int store_aggregate_list(Db *db, const AggregateFilter *f, Arena *arena, AggregateList *out, Err *e)
{
	*out = (AggregateList){0};
	char period[32];
	int limit;
	int rc = check_filter(f, period, &limit, e);
	const char *p = f->period ? period : NULL;
	Stmt *st;
	if (rc == 0 && (rc = db_prepare(db, "SELECT COUNT(*) FROM aggregate_figure f" WHERE, &st,
	                        e)) == 0) {
		bind_filter(st, f, p);
		rc = db_run_int64(st, &out->total, e);
		db_done(st);
	}
	if (rc == 0 && (rc = db_prepare(db,
	                        "SELECT " COLUMNS " FROM aggregate_figure f"
	                        " JOIN indicator i ON i.code = f.indicator_code" WHERE
	                        " ORDER BY i.position, f.indicator_code, f.scope_kind,"
	                        " COALESCE(f.scope_list, ''), COALESCE(f.scope_code, ''), f.period,"
	                        " f.figure_kind, f.program_level, f.id LIMIT ? OFFSET ?",
	                        &st, e)) == 0) {
		int i = bind_filter(st, f, p);
		db_bind_int64(st, i, limit);
		db_bind_int64(st, i + 1, f->offset);
		out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
		while ((rc = db_step(st, e)) == DB_ROW)
			read_row(st, arena, &out->v[out->n++]);
		db_done(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	return rc;
}

/* ---- Sums over provinces ------------------------------------------------------------ */

/* Only counts and money add up across provinces. */
static int check_summable(Db *db, const char *indicator, Err *e)
{
	char source[16], kind[16];
	int rc = indicator_row(db, indicator, source, kind, e);
	if (rc == 0 && strcmp(kind, "count") && strcmp(kind, "money"))
		rc = err_field(e, "indicator_code", KC_EINVAL,
		        "Chỉ tiêu '%s' là tỷ lệ, không cộng được giữa các tỉnh; hãy cộng tử số"
		        " và mẫu số rồi tính lại tỷ lệ",
		        indicator);
	return rc;
}

static int sum_query(Db *db, const char *indicator, const char *period, const char *figure_kind,
        const char *program_level, const Buf *keys, int64_t *sum, int64_t *count, Err *e)
{
	/* SUM of a BIGINT is NUMERIC on PostgreSQL: the cast keeps it an integer. */
	static const char sql[] =
	        "SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT), COUNT(*) FROM aggregate_figure"
	        " WHERE indicator_code = ? AND scope_kind = 'province' AND period = ?"
	        " AND figure_kind = ? AND program_level = ? AND (CAST(? AS TEXT) IS NULL"
	        " OR CAST(? AS TEXT) LIKE ('%,' || scope_list || ':' || scope_code || ',%'))";
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	const char *k = keys->len ? buf_cstr(keys) : NULL;
	db_bind_str(st, 1, indicator);
	db_bind_str(st, 2, period);
	db_bind_str(st, 3, figure_kind);
	db_bind_str(st, 4, program_level);
	db_bind_str(st, 5, k);
	db_bind_str(st, 6, k);
	if ((rc = db_step(st, e)) == DB_ROW) {
		*sum = db_col_int64(st, 0);
		*count = db_col_int64(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? 0 : rc;
}

int store_aggregate_sum_provinces(Db *db, const char *indicator, const char *period,
        const char *figure_kind, const char *program_level, const UnitRef *provinces, size_t n,
        int64_t *sum, int64_t *count, Err *e)
{
	*sum = *count = 0;
	char code[32];
	int first, last;
	Buf keys;
	buf_init(&keys, 16 * n + 16);
	int rc;
	if ((rc = check_summable(db, indicator, e)) == 0 &&
	        (rc = check_period(period, code, &first, &last, e)) == 0 &&
	        (rc = CHOICE(figure_kind, figure_kinds, "figure_kind", "Loại số liệu", e)) == 0 &&
	        (rc = CHOICE(program_level, levels, "program_level", "Cấp chương trình", e)) == 0 &&
	        (rc = provinces ? store_admin_province_keys(db, provinces, n, &keys, e) : 0) == 0)
		rc = sum_query(
		        db, indicator, code, figure_kind, program_level, &keys, sum, count, e);
	buf_free(&keys);
	return rc;
}

int store_aggregate_find(Db *db, const AggregateFigure *key, int64_t *id, int *version, Err *e)
{
	char period[32];
	int first, last;
	int rc = check_period(key->period, period, &first, &last, e);
	if (rc == 0 && (rc = find_key(db, key, period, id, version, e)) == 0 && *id == 0)
		rc = KC_ENOTFOUND;
	return rc;
}
