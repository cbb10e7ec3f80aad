/* store_org.c — see store_org.h. */
#include "store/store_org.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/vntext.h"
#include "store/store_admin.h"

enum {
	NAME_MAX_BYTES = 300,
	SHORT_MAX_BYTES = 100,
	/* Successor chains are a handful of links long (three national agencies
	 * since 2012); a longer walk means a damaged table, not a real history. */
	CHAIN_MAX = 64,
};

static const StoreChoice kinds[] = {{"ministry", "bộ"}, {"national_agency", "cục"},
        {"doit", "sở công thương"}, {"promotion_centre", "trung tâm khuyến công"},
        {"ppc", "UBND tỉnh"}, {"implementing_unit", "đơn vị thực hiện"},
        {"partner", "đơn vị phối hợp"}, {"other", "khác"}};

#define COLUMNS                                                                                    \
	"id, kind, name, short_name, province_list, province_code, valid_from, valid_to,"          \
	" successor_id, version"

static const char select_sql[] = "SELECT * FROM organisation WHERE id = ?";
static const StoreTable orgs = {"organisation", select_sql,
        "DELETE FROM organisation WHERE id = ? AND version = ? RETURNING id", "cơ quan, đơn vị"};

Organisation store_org_blank(void)
{
	return (Organisation){.successor_id = -1};
}

OrgFilter store_org_filter(void)
{
	return (OrgFilter){.national = -1};
}

/* Dates in the canonical ISO form they are stored in; "" when absent. */
typedef struct Clean {
	char valid_from[STORE_DATE_LEN], valid_to[STORE_DATE_LEN];
} Clean;

static bool is_national(const char *kind)
{
	return !strcmp(kind, "ministry") || !strcmp(kind, "national_agency");
}

/* A provincial Sở, its centre and the People's Committee exist per province. */
static bool is_provincial(const char *kind)
{
	return !strcmp(kind, "doit") || !strcmp(kind, "promotion_centre") || !strcmp(kind, "ppc");
}

static int check_dates(const Organisation *in, Clean *c, Err *e)
{
	int rc;
	if ((rc = store_iso_date(in->valid_from, c->valid_from, "valid_from", e)) ||
	        (rc = store_iso_date(in->valid_to, c->valid_to, "valid_to", e)))
		return rc;
	char a[STORE_DATE_LEN], b[STORE_DATE_LEN];
	if (c->valid_from[0] && c->valid_to[0] && strcmp(c->valid_to, c->valid_from) < 0)
		return err_field(e, "valid_to", KC_EINVAL,
		        "Ngày hết hiệu lực %s trước ngày bắt đầu hiệu lực %s",
		        store_vn_day(c->valid_to, a), store_vn_day(c->valid_from, b));
	return 0;
}

/* The province must exist in its list, and the list must have been in force
 * when the unit began (or ended, when only that is known). */
static int check_province(Db *db, const Organisation *in, const Clean *c, Err *e)
{
	if (!in->province_code) {
		if (is_provincial(in->kind))
			return err_field(e, "province_code", KC_EINVAL,
			        "Sở Công Thương, trung tâm khuyến công và UBND tỉnh phải thuộc một tỉnh");
		return 0;
	}
	if (is_national(in->kind))
		return err_field(e, "province_code", KC_EINVAL,
		        "Bộ và cục là cơ quan trung ương, không thuộc tỉnh nào");
	if (!in->province_list)
		return err_field(e, "province_code", KC_EINVAL, "Chưa chọn danh mục của tỉnh");
	const char *day = c->valid_from[0] ? c->valid_from : c->valid_to;
	int year = 0;
	if (day[0])
		sscanf(day, "%4d", &year);
	return store_admin_check(db, in->province_list, in->province_code, "province", NULL, year,
	        "province_code", e);
}

/* The successor of org (-1: none), or KC_ENOTFOUND. */
static int successor_of(Db *db, int64_t org, int64_t *next, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT successor_id FROM organisation WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, org);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		*next = store_col_int(st, 0, -1);
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? KC_ENOTFOUND : rc;
}

/* The successor must exist and its chain must not lead back to self (0 on
 * create: a new record cannot be anybody's successor yet). */
static int check_successor(Db *db, int64_t self, int64_t successor, Err *e)
{
	if (successor == -1)
		return 0;
	if (successor == self)
		return err_field(e, "successor_id", KC_EINVAL,
		        "Một cơ quan, đơn vị không thể là đơn vị kế thừa của chính nó");
	int64_t cur = successor;
	for (int step = 0; step < CHAIN_MAX; step++) {
		int64_t next = -1;
		int rc = successor_of(db, cur, &next, e);
		if (rc == KC_ENOTFOUND)
			return err_field(e, "successor_id", KC_EINVAL,
			        "Không có cơ quan, đơn vị số %lld để làm đơn vị kế thừa",
			        (long long)successor);
		if (rc)
			return rc;
		if (next == self)
			return err_field(e, "successor_id", KC_EINVAL,
			        "Đơn vị kế thừa số %lld đã kế thừa (trực tiếp hoặc gián tiếp) từ"
			        " chính cơ quan này: các đơn vị sẽ kế thừa vòng tròn",
			        (long long)successor);
		if (next == -1)
			return 0;
		cur = next;
	}
	return err_field(e, "successor_id", KC_ECONFLICT,
	        "Chuỗi đơn vị kế thừa dài quá %d bước; dữ liệu cần được kiểm tra", CHAIN_MAX);
}

int store_org_check_place(
        Db *db, int64_t org_id, const char *list, const char *code, const char *field, Err *e)
{
	if (org_id < 0 || !list || !code)
		return 0;
	Stmt *st;
	int rc = db_prepare(
	        db, "SELECT province_list, province_code FROM organisation WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, org_id);
	char org_list[8] = "", org_code[6] = "", mine[3], theirs[3];
	bool national = true;
	if ((rc = db_step(st, e)) == DB_ROW && *db_col_text(st, 1)) {
		national = false;
		snprintf(org_list, sizeof org_list, "%s", db_col_text(st, 0));
		snprintf(org_code, sizeof org_code, "%s", db_col_text(st, 1));
	}
	db_done(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (national)
		return 0;
	if ((rc = store_admin_province_of(db, list, code, mine, e)) ||
	        (rc = store_admin_province_of(db, org_list, org_code, theirs, e)))
		return rc;
	if (!strcmp(mine, theirs))
		return 0;
	return err_field(e, field, KC_EINVAL,
	        "Cơ quan, đơn vị số %lld không thuộc tỉnh của hồ sơ này, cũng không phải cơ quan cấp"
	        " quốc gia: chỉ chọn được cơ quan của tỉnh mình hoặc của trung ương",
	        (long long)org_id);
}

static int validate(Db *db, const Organisation *in, int64_t self, Clean *c, Err *e)
{
	int rc;
	if (!in->name || !in->name[0])
		return err_field(e, "name", KC_EINVAL, "Chưa nhập tên cơ quan, đơn vị");
	if ((rc = store_check_text(in->name, NAME_MAX_BYTES, "name", "Tên cơ quan, đơn vị", e)) ||
	        (rc = store_check_text(
	                 in->short_name, SHORT_MAX_BYTES, "short_name", "Tên viết tắt", e)) ||
	        (rc = store_check_choice(in->kind, kinds, STORE_COUNT_OF(kinds), "kind",
	                 "Loại cơ quan, đơn vị", e)) ||
	        (rc = check_dates(in, c, e)) || (rc = check_province(db, in, c, e)))
		return rc;
	if ((rc = check_successor(db, self, in->successor_id, e)))
		return rc;
	return store_org_check_place(
	        db, in->successor_id, in->province_list, in->province_code, "successor_id", e);
}

/* The search key covers the short name too, so "cuc ctdp" finds the agency. */
static int make_keys(const Organisation *in, Buf *name_key, Buf *sort_key, Err *e)
{
	int rc = store_keys(in->name, name_key, sort_key, e);
	if (rc == 0 && in->short_name && in->short_name[0]) {
		buf_putc(name_key, ' ');
		rc = vn_fold(name_key, in->short_name, strlen(in->short_name), e);
	}
	return rc ? rc : buf_err(name_key);
}

/* Binds the writable columns as parameters 1..10 of an INSERT or UPDATE that
 * lists them in the order of COLUMNS (after id, before version), then
 * name_key and sort_key. */
static int bind_fields(Stmt *st, const Organisation *in, const Clean *c, Err *e)
{
	Buf name_key, sort_key;
	buf_init(&name_key, 4 * (NAME_MAX_BYTES + SHORT_MAX_BYTES));
	buf_init(&sort_key, 16 * NAME_MAX_BYTES);
	int rc = make_keys(in, &name_key, &sort_key, e);
	if (rc == 0) {
		db_bind_str(st, 1, in->kind);
		db_bind_str(st, 2, in->name);
		db_bind_str(st, 3, in->short_name && in->short_name[0] ? in->short_name : NULL);
		db_bind_str(st, 4, in->province_code ? in->province_list : NULL);
		db_bind_str(st, 5, in->province_code);
		db_bind_str(st, 6, c->valid_from[0] ? c->valid_from : NULL);
		db_bind_str(st, 7, c->valid_to[0] ? c->valid_to : NULL);
		store_bind_opt(st, 8, in->successor_id, -1);
		db_bind_text(st, 9, buf_cstr(&name_key), name_key.len);
		db_bind_text(st, 10, buf_cstr(&sort_key), sort_key.len);
	}
	buf_free(&name_key);
	buf_free(&sort_key);
	return rc;
}

int store_org_create(Db *db, const Actor *a, const Organisation *in, int64_t *id, Err *e)
{
	Clean c;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	/* Validation reads other rows (the successor chain): inside the
	 * transaction, so that what it checked is what the write sees. */
	if ((rc = validate(db, in, 0, &c, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO organisation (kind, name, short_name, province_list,"
	                 " province_code, valid_from, valid_to, successor_id, name_key, sort_key)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0 &&
	        (rc = bind_fields(st, in, &c, e)) == 0)
		rc = db_run_int64(st, id, e);
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(db, a, "insert", "organisation", select_sql, *id, NULL, e);
	return store_finish(db, rc, e);
}

static int update_row(Db *db, const Organisation *in, const Clean *c, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "UPDATE organisation SET kind = ?, name = ?, short_name = ?, province_list = ?,"
	        " province_code = ?, valid_from = ?, valid_to = ?, successor_id = ?, name_key = ?,"
	        " sort_key = ?, version = version + 1 WHERE id = ? AND version = ? RETURNING id",
	        &st, e);
	if (rc == 0 && (rc = bind_fields(st, in, c, e)) == 0) {
		db_bind_int64(st, 11, in->id);
		db_bind_int64(st, 12, in->version);
		rc = store_run_versioned(db, st, &orgs, in->id, e);
	}
	db_done(st);
	return rc;
}

int store_org_update(Db *db, const Actor *a, const Organisation *in, Err *e)
{
	Clean c;
	Buf before;
	buf_init(&before, 1 << 16);
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_before(db, &orgs, in->id, &before, e);
		if (rc == 0 && (rc = validate(db, in, in->id, &c, e)) == 0)
			rc = update_row(db, in, &c, e);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", "organisation", select_sql, in->id,
			        buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

int store_org_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	static const StoreUse uses[] = {
	        {"SELECT COUNT(*) FROM organisation WHERE successor_id = ?",
	                "là đơn vị kế thừa của cơ quan, đơn vị khác"},
	        {"SELECT COUNT(*) FROM project WHERE implementing_id = ?",
	                "đang là đơn vị thực hiện đề án"},
	        {"SELECT COUNT(*) FROM project_partner WHERE org_id = ?",
	                "đang là đơn vị chủ trì hoặc phối hợp của đề án"},
	        {"SELECT COUNT(*) FROM project_event WHERE actor_org_id = ?",
	                "có trong lịch sử xử lý đề án"},
	        {"SELECT COUNT(*) FROM inspection WHERE org_id = ?", "có trong hồ sơ kiểm tra"},
	};
	return store_delete(db, a, &orgs, id, version, uses, STORE_COUNT_OF(uses), e);
}

/* Reads a row selected as COLUMNS. */
static void read_row(Stmt *st, Arena *arena, void *out)
{
	Organisation *o = out;
	o->id = db_col_int64(st, 0);
	o->kind = store_col_text(st, 1, arena);
	o->name = store_col_text(st, 2, arena);
	o->short_name = store_col_text(st, 3, arena);
	o->province_list = store_col_text(st, 4, arena);
	o->province_code = store_col_text(st, 5, arena);
	o->valid_from = store_col_text(st, 6, arena);
	o->valid_to = store_col_text(st, 7, arena);
	o->successor_id = store_col_int(st, 8, -1);
	o->version = (int)db_col_int64(st, 9);
}

int store_org_get(Db *db, int64_t id, Arena *arena, Organisation *out, Err *e)
{
	return store_get(db, "SELECT " COLUMNS " FROM organisation WHERE id = ?", id, read_row,
	        arena, out, orgs.what, e);
}

/* ---- The unit in force on a day ------------------------------------------------------ */

/* What valid_on needs of one organisation. */
typedef struct Span {
	int64_t id, successor;
	char from[STORE_DATE_LEN], to[STORE_DATE_LEN]; /* "" when open */
	char name[VN_QUOTE_MAX];                       /* quoted for messages */
} Span;

static int load_span(Db *db, int64_t id, Span *s, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT name, valid_from, valid_to, successor_id FROM organisation WHERE id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		const char *name = db_col_text(st, 0);
		vn_quote(s->name, sizeof s->name, name, strlen(name));
		snprintf(s->from, sizeof s->from, "%s", db_col_text(st, 1));
		snprintf(s->to, sizeof s->to, "%s", db_col_text(st, 2));
		s->successor = store_col_int(st, 3, -1);
		s->id = id;
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có cơ quan, đơn vị số %lld", (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

/* The predecessors (at any distance) of s that were in force on day: exactly
 * one is the answer; several mean units that merged, and the day alone does
 * not say which of them is meant. */
static int predecessor_on(Db *db, const Span *s, const char *day, int64_t *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "WITH RECURSIVE pre (id, depth) AS ("
	        " SELECT id, 1 FROM organisation WHERE successor_id = ?"
	        " UNION ALL SELECT o.id, pre.depth + 1 FROM organisation o"
	        " JOIN pre ON o.successor_id = pre.id WHERE pre.depth < 64)"
	        " SELECT DISTINCT o.id FROM pre JOIN organisation o ON o.id = pre.id"
	        " WHERE (o.valid_from IS NULL OR o.valid_from <= ?)"
	        " AND (o.valid_to IS NULL OR o.valid_to >= ?) ORDER BY o.id LIMIT 2",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, s->id);
	db_bind_str(st, 2, day);
	db_bind_str(st, 3, day);
	int n = 0;
	while ((rc = db_step(st, e)) == DB_ROW)
		if (n++ == 0)
			*out = db_col_int64(st, 0);
	db_done(st);
	char d[STORE_DATE_LEN], f[STORE_DATE_LEN];
	if (rc != DB_DONE)
		return rc;
	if (n == 0)
		return err_set(e, KC_ENOTFOUND,
		        "'%s' có hiệu lực từ %s; ngày %s chưa có đơn vị này và không có đơn vị tiền"
		        " thân nào có hiệu lực",
		        s->name, store_vn_day(s->from, f), store_vn_day(day, d));
	if (n > 1)
		return err_set(e, KC_ECONFLICT,
		        "Ngày %s có nhiều đơn vị tiền thân của '%s' cùng có hiệu lực; hãy chọn đơn vị"
		        " cụ thể",
		        store_vn_day(day, d), s->name);
	return 0;
}

int store_org_valid_on(Db *db, int64_t org_id, Date d, int64_t *out, Err *e)
{
	char day[STORE_DATE_LEN], a[STORE_DATE_LEN], b[STORE_DATE_LEN];
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, dd);
	Span s;
	int rc = load_span(db, org_id, &s, e);
	for (int step = 0; rc == 0 && step < CHAIN_MAX; step++) {
		if (s.to[0] && strcmp(s.to, day) < 0) {
			if (s.successor == -1)
				return err_set(e, KC_ENOTFOUND,
				        "'%s' hết hiệu lực từ sau ngày %s và không có đơn vị kế thừa",
				        s.name, store_vn_day(s.to, a));
			rc = load_span(db, s.successor, &s, e);
			continue;
		}
		if (s.from[0] && strcmp(s.from, day) > 0) {
			/* Only the unit asked for looks back: a successor reached
			 * going forward that had not begun yet leaves a gap. */
			if (s.id == org_id)
				return predecessor_on(db, &s, day, out, e);
			return err_set(e, KC_ENOTFOUND,
			        "Ngày %s không có đơn vị nào có hiệu lực: '%s' chỉ có hiệu lực từ %s",
			        store_vn_day(day, a), s.name, store_vn_day(s.from, b));
		}
		*out = s.id;
		return 0;
	}
	return rc ? rc
	          : err_set(e, KC_ECONFLICT, "Chuỗi đơn vị kế thừa dài quá %d bước", CHAIN_MAX);
}

/* ---- Lists ----------------------------------------------------------------------------- */

/* The filter's conditions; both the page and the count bind them alike. */
#define WHERE                                                                                      \
	" WHERE (CAST(? AS TEXT) IS NULL OR name_key LIKE ? ESCAPE '!')"                           \
	" AND (CAST(? AS TEXT) IS NULL OR kind = ?)"                                               \
	" AND (CAST(? AS TEXT) IS NULL OR (province_list = ? AND province_code = ?))"              \
	" AND (CAST(? AS INTEGER) IS NULL OR (? = 1 AND province_code IS NULL)"                    \
	" OR (? = 0 AND province_code IS NOT NULL))"                                               \
	" AND (CAST(? AS TEXT) IS NULL OR ((valid_from IS NULL OR valid_from <= ?)"                \
	" AND (valid_to IS NULL OR valid_to >= ?)))"                                               \
	" AND (organisation.province_code IS NULL OR" STORE_IN_CURRENT_PROVINCE(                   \
	        "organisation") ")"

static void bind_filter(Stmt *st, const OrgFilter *f, const char *pattern, const char *day)
{
	db_bind_str(st, 1, pattern);
	db_bind_str(st, 2, pattern);
	db_bind_str(st, 3, f->kind);
	db_bind_str(st, 4, f->kind);
	db_bind_str(st, 5, f->province_code ? f->province_list : NULL);
	db_bind_str(st, 6, f->province_list);
	db_bind_str(st, 7, f->province_code);
	store_bind_opt(st, 8, f->national, -1);
	store_bind_opt(st, 9, f->national, -1);
	store_bind_opt(st, 10, f->national, -1);
	db_bind_str(st, 11, day);
	db_bind_str(st, 12, day);
	db_bind_str(st, 13, day);
	store_bind_current_province(st, 14, f->current_province);
}

static int list_rows(Db *db, const OrgFilter *f, const char *pat, const char *day, int limit,
        Arena *arena, OrgList *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT COUNT(*) FROM organisation" WHERE, &st, e);
	if (rc)
		return rc;
	bind_filter(st, f, pat, day);
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "SELECT " COLUMNS " FROM organisation" WHERE
	                   " ORDER BY sort_key, id LIMIT ? OFFSET ?",
	                   &st, e)))
		return rc;
	bind_filter(st, f, pat, day);
	db_bind_int64(st, 17, limit);
	db_bind_int64(st, 18, f->offset);
	out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_row(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int store_org_list(Db *db, const OrgFilter *f, Arena *arena, OrgList *out, Err *e)
{
	*out = (OrgList){0};
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	if (f->national < -1 || f->national > 1)
		return err_field(
		        e, "national", KC_EINVAL, "Bộ lọc cơ quan trung ương không hợp lệ");
	char day[STORE_DATE_LEN];
	rc = store_iso_date(f->valid_on, day, "valid_on", e);
	if (rc)
		return rc;
	Buf pattern;
	buf_init(&pattern, 8192);
	if (f->q && f->q[0])
		rc = store_like_pattern(f->q, &pattern, e);
	if (rc == 0)
		rc = list_rows(db, f, pattern.len ? buf_cstr(&pattern) : NULL, day[0] ? day : NULL,
		        limit, arena, out, e);
	buf_free(&pattern);
	return rc;
}
