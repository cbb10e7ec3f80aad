/* store_reference.c — see store_reference.h. One implementation for the
 * eight tables: the descriptors at the end of the file are the only place a
 * table's columns are named. */
#include "store/store_reference.h"

#include <stdio.h>
#include <string.h>

#include "core/vntext.h"
#include "store/store_admin.h"

enum { SQL_MAX = 4096, CODE_MAX = 40, SNAPSHOT_MAX = 1 << 16 };

/* ---- Members of a record through its descriptor --------------------------------------- */

static const char **text_at(const RefColumn *c, void *rec)
{
	return (const char **)((char *)rec + c->off);
}

static int64_t *int_at(const RefColumn *c, void *rec)
{
	return (int64_t *)((char *)rec + c->off);
}

static bool *bool_at(const RefColumn *c, void *rec)
{
	return (bool *)((char *)rec + c->off);
}

static int *version_at(const RefTable *t, void *rec)
{
	return (int *)((char *)rec + t->version_off);
}

static bool auto_key(const RefTable *t)
{
	return t->cols[0].flags & REF_AUTO;
}

void store_ref_blank(const RefTable *t, void *rec)
{
	memset(rec, 0, t->size);
	for (size_t i = 0; i < t->n_cols; i++)
		if (t->cols[i].type == REF_INT)
			*int_at(&t->cols[i], rec) = -1;
	if (auto_key(t))
		*int_at(&t->cols[0], rec) = 0;
}

void store_ref_key(const RefTable *t, const void *rec, char out[REF_KEY_LEN])
{
	void *r = (void *)rec;
	if (auto_key(t))
		snprintf(out, REF_KEY_LEN, "%lld", (long long)*int_at(&t->cols[0], r));
	else
		snprintf(out, REF_KEY_LEN, "%s",
		        *text_at(&t->cols[0], r) ? *text_at(&t->cols[0], r) : "");
}

const void *store_ref_at(const RefTable *t, const RefList *l, int i)
{
	return (const char *)l->v + (size_t)i * t->size;
}

/* ---- SQL from the descriptors ----------------------------------------------------------- */

/* Appends the column names, from column first, and ", version" when asked. */
static void column_list(Buf *b, const RefTable *t, size_t first, bool version)
{
	for (size_t i = first; i < t->n_cols; i++)
		buf_printf(b, "%s%s", i > first ? ", " : "", t->cols[i].name);
	if (version)
		buf_puts(b, ", version");
}

/* "SELECT <columns>, version FROM t" and the tail. */
static void select_sql(Buf *b, const RefTable *t, const char *tail)
{
	buf_puts(b, "SELECT ");
	column_list(b, t, 0, true);
	buf_printf(b, " FROM %s%s", t->name, tail);
}

/* The audit snapshot: the whole row. */
static void snapshot_sql(Buf *b, const RefTable *t)
{
	buf_printf(b, "SELECT * FROM %s WHERE %s = ?", t->name, t->cols[0].name);
}

/* Parses the decimal id of a table with database-assigned ids. */
static bool parse_id(const char *key, int64_t *id)
{
	size_t n = key ? strlen(key) : 0;
	if (n == 0 || n > 18 || strspn(key, "0123456789") != n)
		return false;
	*id = 0;
	for (size_t i = 0; i < n; i++)
		*id = *id * 10 + (key[i] - '0');
	return *id > 0;
}

static void bind_key(Stmt *st, int i, const RefTable *t, const char *key)
{
	int64_t id = 0;
	if (auto_key(t) && parse_id(key, &id))
		db_bind_int64(st, i, id);
	else
		db_bind_str(st, i, key);
}

/* Binds the columns from first, in order, from index i; returns the next. */
static int bind_values(Stmt *st, int i, const RefTable *t, size_t first, void *rec)
{
	for (size_t k = first; k < t->n_cols; k++) {
		const RefColumn *c = &t->cols[k];
		switch (c->type) {
		case REF_TEXT:
		case REF_DATE: db_bind_str(st, i++, *text_at(c, rec)); break;
		case REF_INT: store_bind_opt(st, i++, *int_at(c, rec), -1); break;
		case REF_BOOL: db_bind_int64(st, i++, *bool_at(c, rec)); break;
		}
	}
	return i;
}

/* Reads a row selected by select_sql into rec. */
static void read_row(Stmt *st, const RefTable *t, Arena *arena, void *rec)
{
	for (size_t k = 0; k < t->n_cols; k++) {
		const RefColumn *c = &t->cols[k];
		int i = (int)k;
		switch (c->type) {
		case REF_TEXT:
		case REF_DATE: *text_at(c, rec) = store_col_text(st, i, arena); break;
		case REF_INT: *int_at(c, rec) = store_col_int(st, i, -1); break;
		case REF_BOOL: *bool_at(c, rec) = db_col_int64(st, i) != 0; break;
		}
	}
	*version_at(t, rec) = (int)db_col_int64(st, (int)t->n_cols);
}

/* ---- Reads ------------------------------------------------------------------------------ */

static int not_found(const RefTable *t, const char *key, Err *e)
{
	char q[VN_QUOTE_MAX];
	return err_set(e, KC_ENOTFOUND, "Không có %s '%s'", t->what,
	        vn_quote(q, sizeof q, key ? key : "", key ? strlen(key) : 0));
}

int store_ref_get(Db *db, const RefTable *t, const char *key, Arena *arena, void *out, Err *e)
{
	int64_t id;
	if (!key || (auto_key(t) && !parse_id(key, &id)))
		return not_found(t, key, e);
	Buf sql;
	buf_init(&sql, SQL_MAX);
	char where[64];
	snprintf(where, sizeof where, " WHERE %s = ?", t->cols[0].name);
	select_sql(&sql, t, where);
	Stmt *st;
	int rc = db_prepare(db, buf_cstr(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	bind_key(st, 1, t, key);
	if ((rc = db_step(st, e)) == DB_ROW)
		read_row(st, t, arena, out);
	db_done(st);
	if (rc == DB_DONE)
		return not_found(t, key, e);
	return rc == DB_ROW ? 0 : rc;
}

/* Whether rec's code or one of its text columns contains the folded query. */
static int matches(const RefTable *t, void *rec, const char *folded_q, bool *yes, Err *e)
{
	*yes = false;
	Buf f;
	buf_init(&f, 1 << 16);
	int rc = 0;
	for (size_t k = 0; k < t->n_cols && !*yes && rc == 0; k++) {
		const char *s = t->cols[k].type == REF_TEXT ? *text_at(&t->cols[k], rec) : NULL;
		if (!s)
			continue;
		buf_reset(&f);
		if ((rc = vn_fold(&f, s, strlen(s), e)) == 0)
			*yes = strstr(buf_cstr(&f), folded_q) != NULL;
	}
	buf_free(&f);
	return rc;
}

/* Reads every row in order, keeps those matching q, and the page of them. */
static int read_page(Db *db, const RefTable *t, const RefFilter *f, const char *folded_q, int size,
        Arena *arena, RefList *out, Err *e)
{
	Buf sql;
	buf_init(&sql, SQL_MAX);
	char tail[128];
	snprintf(tail, sizeof tail, " ORDER BY %s", t->order);
	select_sql(&sql, t, tail);
	Stmt *st;
	int rc = db_prepare(db, buf_cstr(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	out->v = arena_alloc(arena, (size_t)size * t->size);
	void *row = arena_alloc(arena, t->size);
	while ((rc = db_step(st, e)) == DB_ROW) {
		Arena scratch = {0};
		bool yes = true;
		read_row(st, t, &scratch, row);
		int bad = folded_q ? matches(t, row, folded_q, &yes, e) : 0;
		arena_free(&scratch);
		if (bad) {
			rc = bad;
			break;
		}
		if (!yes || out->total++ < f->offset || out->n >= size)
			continue;
		read_row(st, t, arena, (char *)out->v + (size_t)out->n++ * t->size);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int store_ref_list(
        Db *db, const RefTable *t, const RefFilter *f, Arena *arena, RefList *out, Err *e)
{
	*out = (RefList){0};
	int size;
	int rc = store_page_size(f->limit, f->offset, &size, e);
	if (rc)
		return rc;
	Buf q;
	buf_init(&q, 4096);
	if (f->q && (rc = vn_fold(&q, f->q, strlen(f->q), e)) == 0 && buf_err(&q))
		rc = err_field(e, "q", KC_EINVAL, "Chuỗi tìm kiếm quá dài");
	if (rc == 0)
		rc = read_page(db, t, f, f->q ? buf_cstr(&q) : NULL, size, arena, out, e);
	buf_free(&q);
	return rc;
}

/* ---- Validation ------------------------------------------------------------------------- */

static int check_code(const RefColumn *c, const char *s, Err *e)
{
	size_t n = s ? strlen(s) : 0;
	const char *ok = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";
	if (n == 0 || n > CODE_MAX || strspn(s, ok) != n) {
		char q[VN_QUOTE_MAX];
		return err_field(e, c->name, KC_EINVAL,
		        "%s '%s' không hợp lệ: từ 1 đến %d chữ cái không dấu, chữ số, '_', '.' hoặc"
		        " '-'",
		        c->label, vn_quote(q, sizeof q, s ? s : "", n), CODE_MAX);
	}
	return 0;
}

static int check_refers(Db *db, const RefColumn *c, const char *s, Err *e)
{
	int64_t n = 0;
	int rc = store_scalar_text(db, c->refers, s, &n, e);
	if (rc == 0 && n == 0) {
		char q[VN_QUOTE_MAX];
		return err_field(e, c->name, KC_EINVAL, "%s '%s' không có trong danh mục", c->label,
		        vn_quote(q, sizeof q, s, strlen(s)));
	}
	return rc;
}

static int check_text(Db *db, const RefColumn *c, const char *s, Err *e)
{
	int rc = store_check_text(s, (size_t)c->max, c->name, c->label, e);
	if (rc || !s)
		return rc;
	if (c->choices &&
	        (rc = store_check_choice(s, c->choices, c->n_choices, c->name, c->label, e)))
		return rc;
	return c->refers ? check_refers(db, c, s, e) : 0;
}

/* Checks one column of rec, writing a date back in its stored form. */
static int check_column(Db *db, const RefColumn *c, void *rec, Arena *arena, Err *e)
{
	if (c->flags & REF_AUTO)
		return 0;
	const char **s = text_at(c, rec);
	int64_t *v = int_at(c, rec);
	bool unknown = (c->type == REF_INT && *v == -1) ||
	               ((c->type == REF_TEXT || c->type == REF_DATE) && !store_has_text(*s));
	if (unknown && (c->flags & REF_REQUIRED))
		return err_field(e, c->name, KC_EINVAL, "%s chưa được nhập", c->label);
	switch (c->type) {
	case REF_TEXT:
		if (unknown)
			*s = NULL; /* "" and spaces are "not given", as in every form */
		return check_text(db, c, *s, e);
	case REF_DATE: {
		char iso[STORE_DATE_LEN];
		int rc = store_iso_date(unknown ? NULL : *s, iso, c->name, e);
		if (rc == 0)
			*s = iso[0] ? arena_strdup(arena, iso) : NULL;
		return rc;
	}
	case REF_INT:
		if (!unknown && (*v < c->min || *v > c->max))
			return err_field(e, c->name, KC_EINVAL, "%s phải từ %lld đến %lld",
			        c->label, (long long)c->min, (long long)c->max);
		return 0;
	case REF_BOOL: return 0;
	}
	return 0;
}

/* The checks every write makes, on a copy of in whose values it normalises. */
static int validate(Db *db, const RefTable *t, void *rec, Arena *arena, Err *e)
{
	int rc = 0;
	for (size_t k = 0; rc == 0 && k < t->n_cols; k++)
		rc = check_column(db, &t->cols[k], rec, arena, e);
	if (rc == 0 && !auto_key(t))
		rc = check_code(&t->cols[0], *text_at(&t->cols[0], rec), e);
	return rc == 0 && t->check ? t->check(db, rec, e) : rc;
}

/* ---- Writes ------------------------------------------------------------------------------ */

static int snapshot(Db *db, const RefTable *t, const char *key, Buf *out, Err *e)
{
	Buf sql;
	buf_init(&sql, SQL_MAX);
	snapshot_sql(&sql, t);
	int64_t id;
	int rc = auto_key(t) && parse_id(key, &id)
	                 ? store_row_json(db, buf_cstr(&sql), id, out, e)
	                 : store_row_json_text(db, buf_cstr(&sql), key, out, e);
	buf_free(&sql);
	return rc == KC_ENOTFOUND ? not_found(t, key, e) : rc;
}

/* Records a change of row key with its snapshot after (none for a delete). */
static int audit(Db *db, const Actor *a, const RefTable *t, const char *action, const char *key,
        const char *before, Err *e)
{
	Buf after;
	buf_init(&after, SNAPSHOT_MAX);
	int rc = strcmp(action, "delete") ? snapshot(db, t, key, &after, e) : 0;
	if (rc == 0)
		rc = store_audit_key(db, a, action, t->name, key, before,
		        after.len ? buf_cstr(&after) : NULL, e);
	buf_free(&after);
	return rc;
}

/* The error for a write guarded by (key, version) that touched no row. */
static int stale(Db *db, const RefTable *t, const char *key, Err *e)
{
	Buf b;
	buf_init(&b, SNAPSHOT_MAX);
	int rc = snapshot(db, t, key, &b, e);
	buf_free(&b);
	if (rc)
		return rc;
	char q[VN_QUOTE_MAX];
	return err_set(e, KC_ECONFLICT,
	        "%s '%s' đã được người khác sửa sau khi anh/chị mở; tải lại để xem bản mới nhất"
	        " rồi sửa lại",
	        t->what, vn_quote(q, sizeof q, key, strlen(key)));
}

/* A copy of in, validated and normalised, in arena. */
static int prepare(Db *db, const RefTable *t, const void *in, Arena *arena, void **out, Err *e)
{
	*out = arena_alloc(arena, t->size);
	memcpy(*out, in, t->size);
	return validate(db, t, *out, arena, e);
}

static int insert_row(Db *db, const RefTable *t, void *rec, char key[REF_KEY_LEN], Err *e)
{
	size_t first = auto_key(t) ? 1 : 0;
	Buf sql;
	buf_init(&sql, SQL_MAX);
	buf_printf(&sql, "INSERT INTO %s (", t->name);
	column_list(&sql, t, first, false);
	buf_puts(&sql, ") VALUES (");
	for (size_t k = first; k < t->n_cols; k++)
		buf_puts(&sql, k > first ? ", ?" : "?");
	buf_printf(&sql, ") RETURNING %s", auto_key(t) ? t->cols[0].name : "version");
	Stmt *st;
	int rc = db_prepare(db, buf_cstr(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	bind_values(st, 1, t, first, rec);
	int64_t id = 0;
	rc = db_run_int64(st, &id, e);
	db_done(st);
	if (rc == 0 && auto_key(t))
		*int_at(&t->cols[0], rec) = id;
	store_ref_key(t, rec, key);
	return rc;
}

/* A code already taken is the user's mistake, said as such. */
static int check_new_code(Db *db, const RefTable *t, const char *code, Err *e)
{
	Buf b;
	buf_init(&b, SNAPSHOT_MAX);
	int rc = snapshot(db, t, code, &b, NULL);
	buf_free(&b);
	if (rc == KC_ENOTFOUND)
		return 0;
	if (rc == 0) {
		char q[VN_QUOTE_MAX];
		return err_field(e, t->cols[0].name, KC_ECONFLICT, "%s '%s' đã có",
		        t->cols[0].label, vn_quote(q, sizeof q, code, strlen(code)));
	}
	return err_set(e, rc, "cannot look up '%s' in %s", code, t->name);
}

int store_ref_create(
        Db *db, const Actor *a, const RefTable *t, const void *in, char key[REF_KEY_LEN], Err *e)
{
	Arena arena = {0};
	void *rec;
	char k[REF_KEY_LEN] = "";
	int rc = prepare(db, t, in, &arena, &rec, e);
	if (rc == 0 && !auto_key(t))
		rc = check_new_code(db, t, *text_at(&t->cols[0], rec), e);
	if (rc == 0 && (rc = db_begin(db, e)) == 0) {
		if ((rc = insert_row(db, t, rec, k, e)) == 0 &&
		        (!t->after || (rc = t->after(db, a, rec, e)) == 0))
			rc = audit(db, a, t, "insert", k, NULL, e);
		rc = store_finish(db, rc, e);
	}
	if (key)
		snprintf(key, REF_KEY_LEN, "%s", rc ? "" : k);
	arena_free(&arena);
	return rc;
}

static int update_row(Db *db, const RefTable *t, void *rec, const char *key, Err *e)
{
	Buf sql;
	buf_init(&sql, SQL_MAX);
	buf_printf(&sql, "UPDATE %s SET ", t->name);
	for (size_t k = 1; k < t->n_cols; k++)
		buf_printf(&sql, "%s = ?, ", t->cols[k].name);
	buf_printf(&sql, "version = version + 1 WHERE %s = ? AND version = ? RETURNING version",
	        t->cols[0].name);
	Stmt *st;
	int rc = db_prepare(db, buf_cstr(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	int i = bind_values(st, 1, t, 1, rec);
	bind_key(st, i, t, key);
	db_bind_int64(st, i + 1, *version_at(t, rec));
	rc = db_run_int64(st, NULL, e);
	db_done(st);
	return rc == KC_ENOTFOUND ? stale(db, t, key, e) : rc;
}

int store_ref_update(Db *db, const Actor *a, const RefTable *t, const void *in, Err *e)
{
	Arena arena = {0};
	void *rec;
	char key[REF_KEY_LEN];
	store_ref_key(t, in, key);
	Buf before;
	buf_init(&before, SNAPSHOT_MAX);
	int rc = prepare(db, t, in, &arena, &rec, e);
	if (rc == 0 && (rc = db_begin(db, e)) == 0) {
		if ((rc = snapshot(db, t, key, &before, e)) == 0 &&
		        (rc = update_row(db, t, rec, key, e)) == 0 &&
		        (!t->after || (rc = t->after(db, a, rec, e)) == 0))
			rc = audit(db, a, t, "update", key, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	arena_free(&arena);
	return rc;
}

static int check_unused(Db *db, const RefTable *t, const char *key, Err *e)
{
	char q[VN_QUOTE_MAX];
	for (size_t i = 0; i < t->n_uses; i++) {
		int64_t n = 0, id;
		Stmt *st;
		int rc = db_prepare(db, t->uses[i].count_sql, &st, e);
		if (rc)
			return rc;
		if (auto_key(t) && parse_id(key, &id))
			db_bind_int64(st, 1, id);
		else
			db_bind_str(st, 1, key);
		rc = db_run_int64(st, &n, e);
		db_done(st);
		if (rc)
			return rc;
		if (n)
			return err_set(e, KC_ECONFLICT, "Không xóa được %s '%s': %s", t->what,
			        vn_quote(q, sizeof q, key, strlen(key)), t->uses[i].reason);
	}
	return 0;
}

static int delete_row(Db *db, const RefTable *t, const char *key, int version, Err *e)
{
	char sql[256];
	snprintf(sql, sizeof sql, "DELETE FROM %s WHERE %s = ? AND version = ? RETURNING version",
	        t->name, t->cols[0].name);
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	bind_key(st, 1, t, key);
	db_bind_int64(st, 2, version);
	rc = db_run_int64(st, NULL, e);
	db_done(st);
	return rc == KC_ENOTFOUND ? stale(db, t, key, e) : rc;
}

int store_ref_delete(
        Db *db, const Actor *a, const RefTable *t, const char *key, int version, Err *e)
{
	int64_t id;
	if (!key || (auto_key(t) && !parse_id(key, &id)))
		return not_found(t, key, e);
	Buf before;
	buf_init(&before, SNAPSHOT_MAX);
	int rc = db_begin(db, e);
	if (rc == 0) {
		if ((rc = snapshot(db, t, key, &before, e)) == 0 &&
		        (rc = check_unused(db, t, key, e)) == 0 &&
		        (rc = delete_row(db, t, key, version, e)) == 0 &&
		        (!t->after || (rc = t->after(db, a, NULL, e)) == 0))
			rc = audit(db, a, t, "delete", key, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

/* ---- The rules of each table beyond its columns ------------------------------------------ */

/* Refuses a span whose end comes before its start (either may be open). */
static int check_span(const char *from, const char *to, const char *to_field, Err *e)
{
	if (!from || !to || strcmp(from, to) <= 0)
		return 0;
	char a[STORE_DATE_LEN], b[STORE_DATE_LEN];
	return err_field(e, to_field, KC_EINVAL, "Ngày kết thúc %s trước ngày bắt đầu %s",
	        store_vn_day(to, b), store_vn_day(from, a));
}

static int check_instrument(Db *db, const void *rec, Err *e)
{
	(void)db;
	const LegalInstrument *r = rec;
	if (r->replaced_by && !strcmp(r->replaced_by, r->code))
		return err_field(e, "replaced_by", KC_EINVAL,
		        "Văn bản không thể được thay thế bởi chính nó");
	return check_span(r->effective_from, r->effective_to, "effective_to", e);
}

static int check_content(Db *db, const void *rec, Err *e)
{
	(void)db;
	const ActivityContent *r = rec;
	return check_span(r->valid_from, r->valid_to, "valid_to", e);
}

static int check_sector(Db *db, const void *rec, Err *e)
{
	(void)db;
	const Sector *r = rec;
	return check_span(r->valid_from, r->valid_to, "valid_to", e);
}

static int check_adjustment(Db *db, const void *rec, Err *e)
{
	(void)db;
	const AdjustmentRule *r = rec;
	return check_span(r->valid_from, r->valid_to, "valid_to", e);
}

/* A provincial rule names a province unit of either list; a derived cap
 * names its base rule (not itself) and the multiplier together. */
static int check_support(Db *db, const void *rec, Err *e)
{
	const SupportRule *r = rec;
	if (!r->province_list != !r->province_code)
		return err_field(e, r->province_code ? "province_list" : "province_code", KC_EINVAL,
		        "Tỉnh của quy định phải có cả danh mục (province_list) và mã tỉnh"
		        " (province_code), hoặc bỏ trống cả hai");
	int rc = r->province_code ? store_admin_check(db, r->province_list, r->province_code,
	                                    "province", NULL, 0, "province_code", e)
	                          : 0;
	if (rc)
		return rc;
	if ((r->base_rule_id == -1) != (r->multiplier_x100 == -1))
		return err_field(e, r->base_rule_id == -1 ? "base_rule_id" : "multiplier_x100",
		        KC_EINVAL,
		        "Mức trần tính theo quy định khác cần cả quy định gốc (base_rule_id) và hệ số"
		        " (multiplier_x100)");
	if (r->base_rule_id != -1 && r->base_rule_id == r->id)
		return err_field(e, "base_rule_id", KC_EINVAL,
		        "Quy định không thể tính mức trần theo chính nó");
	if (r->base_rule_id != -1) {
		int64_t n = 0;
		rc = store_scalar(db, "SELECT COUNT(*) FROM support_rule WHERE id = ?",
		        r->base_rule_id, &n, e);
		if (rc == 0 && n == 0)
			return err_field(e, "base_rule_id", KC_EINVAL,
			        "Không có quy định mức hỗ trợ số %lld", (long long)r->base_rule_id);
	}
	return rc ? rc : check_span(r->valid_from, r->valid_to, "valid_to", e);
}

/* Clears the default flag of every period rule but keep, each change audited. */
static int clear_other_defaults(Db *db, const Actor *a, int64_t keep, Err *e)
{
	for (;;) {
		int64_t other = 0;
		int rc = store_scalar(db,
		        "SELECT COALESCE(MIN(id), 0) FROM period_rule WHERE is_default = 1 AND id <> ?",
		        keep, &other, e);
		if (rc || !other)
			return rc;
		char key[REF_KEY_LEN];
		snprintf(key, sizeof key, "%lld", (long long)other);
		Buf before;
		buf_init(&before, SNAPSHOT_MAX);
		Stmt *st;
		if ((rc = snapshot(db, &store_ref_period_rules, key, &before, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE period_rule SET is_default = 0, version = version + 1"
		                 " WHERE id = ?",
		                 &st, e)) == 0) {
			db_bind_int64(st, 1, other);
			rc = db_run(st, e);
			db_done(st);
		}
		if (rc == 0)
			rc = audit(db, a, &store_ref_period_rules, "update", key, buf_cstr(&before),
			        e);
		buf_free(&before);
		if (rc)
			return rc;
	}
}

/* Exactly one period rule is the default (khuyencong check tests it too):
 * making one the default takes the flag from the others; the default itself
 * can be neither cleared nor deleted, only replaced. */
static int keep_one_default(Db *db, const Actor *a, const void *rec, Err *e)
{
	const PeriodRule *r = rec;
	int rc = r && r->is_default ? clear_other_defaults(db, a, r->id, e) : 0;
	int64_t n = 0;
	Stmt *st;
	if (rc == 0 && (rc = db_prepare(db, "SELECT COUNT(*) FROM period_rule WHERE is_default = 1",
	                        &st, e)) == 0) {
		rc = db_run_int64(st, &n, e);
		db_done(st);
	}
	if (rc == 0 && n != 1)
		return err_field(e, "is_default", KC_ECONFLICT,
		        "Phải luôn có một quy tắc kỳ báo cáo mặc định: đặt quy tắc khác làm mặc định"
		        " trước");
	return rc;
}

/* ---- The descriptors ------------------------------------------------------------------------ */

/* Column declarations, with a compile-time check of the member's C type. */
#define TYPE_CHECK_(T, m, ctype) (0 * sizeof(_Generic(((T *)0)->m, ctype : 1)))
#define COL_TEXT(T, m, flags, max, label)                                                          \
	{                                                                                          \
#m, REF_TEXT, offsetof(T, m) + TYPE_CHECK_(T, m, const char *), flags, 0, max,     \
		        NULL, 0, NULL, label                                                       \
	}
#define COL_CHOICE(T, m, flags, set, label)                                                        \
	{                                                                                          \
#m, REF_TEXT, offsetof(T, m) + TYPE_CHECK_(T, m, const char *), flags, 0, 64, set, \
		        STORE_COUNT_OF(set), NULL, label                                           \
	}
#define COL_REF(T, m, flags, refers, label)                                                        \
	{                                                                                          \
#m, REF_TEXT, offsetof(T, m) + TYPE_CHECK_(T, m, const char *), flags, 0,          \
		        CODE_MAX, NULL, 0, refers, label                                           \
	}
#define COL_DATE(T, m, label)                                                                      \
	{                                                                                          \
#m, REF_DATE, offsetof(T, m) + TYPE_CHECK_(T, m, const char *), 0, 0, 10, NULL, 0, \
		        NULL, label                                                                \
	}
#define COL_INT(T, m, flags, min, max, label)                                                      \
	{                                                                                          \
#m, REF_INT, offsetof(T, m) + TYPE_CHECK_(T, m, int64_t), flags, min, max, NULL,   \
		        0, NULL, label                                                             \
	}
#define COL_BOOL(T, m, label)                                                                      \
	{                                                                                          \
#m, REF_BOOL, offsetof(T, m) + TYPE_CHECK_(T, m, bool), 0, 0, 1, NULL, 0, NULL,    \
		        label                                                                      \
	}
#define VERSION_OF(T) (offsetof(T, version) + TYPE_CHECK_(T, version, int))

enum { LABEL_MAX = 1000, NOTE_MAX = 200 };

static const char instrument_exists[] = "SELECT COUNT(*) FROM legal_instrument WHERE code = ?";
static const char content_exists[] = "SELECT COUNT(*) FROM activity_content WHERE code = ?";

static const StoreChoice levels[] = {{"national", "national (khuyến công quốc gia)"},
        {"local", "local (khuyến công địa phương)"}};
static const StoreChoice lists[] = {
        {"legacy", "legacy (danh mục đến 30/06/2025)"}, {"current", "current (từ 01/07/2025)"}};
static const StoreChoice schemes[] = {{"nd45", "nd45 (Nghị định 45/2012/NĐ-CP)"},
        {"qd1881", "qd1881 (Quyết định 1881/QĐ-TTg, 2021 - 2025)"},
        {"qd2646", "qd2646 (Quyết định 2646/QĐ-BCT, 2026 - 2030)"}};
static const StoreChoice value_kinds[] = {{"count", "count (số đếm)"},
        {"money", "money (tiền, đồng)"}, {"percent_x100", "percent_x100 (phần trăm × 100)"},
        {"ratio_x100", "ratio_x100 (số lần × 100)"}};
static const StoreChoice sources[] = {{"records", "records (tính từ hồ sơ)"},
        {"aggregate", "aggregate (số liệu tổng hợp nhập vào)"}, {"both", "both (cả hai)"}};
static const StoreChoice cap_pers[] = {{"model", "model (mô hình)"},
        {"establishment", "establishment (cơ sở)"}, {"cluster", "cluster (cụm công nghiệp)"},
        {"enterprise", "enterprise (doanh nghiệp)"}, {"person", "person (người)"},
        {"event", "event (sự kiện)"}};
static const StoreChoice approvers[] = {{"ministry", "ministry (Bộ Công Thương)"},
        {"agency", "agency (Cục)"}, {"ppc", "ppc (UBND tỉnh)"}, {"doit", "doit (Sở Công Thương)"}};

static const RefColumn instrument_cols[] = {
        COL_TEXT(LegalInstrument, code, REF_REQUIRED, CODE_MAX, "Mã văn bản"),
        COL_TEXT(LegalInstrument, kind, REF_REQUIRED, NOTE_MAX, "Loại văn bản"),
        COL_TEXT(LegalInstrument, number, REF_REQUIRED, NOTE_MAX, "Số, ký hiệu"),
        COL_TEXT(LegalInstrument, issuer, 0, NOTE_MAX, "Cơ quan ban hành"),
        COL_TEXT(LegalInstrument, title, REF_REQUIRED, LABEL_MAX, "Trích yếu"),
        COL_DATE(LegalInstrument, signed_on, "Ngày ký"),
        COL_DATE(LegalInstrument, effective_from, "Ngày có hiệu lực"),
        COL_DATE(LegalInstrument, effective_to, "Ngày hết hiệu lực"),
        COL_REF(LegalInstrument, replaced_by, 0, instrument_exists, "Văn bản thay thế"),
        COL_TEXT(LegalInstrument, source_tag, 0, NOTE_MAX, "Nguồn"),
        COL_BOOL(LegalInstrument, unsure, "Chưa đối chiếu văn bản gốc"),
};

static const RefUse instrument_uses[] = {
        {"SELECT COUNT(*) FROM legal_instrument WHERE replaced_by = ?",
                "là văn bản thay thế của văn bản khác"},
        {"SELECT COUNT(*) FROM activity_content WHERE instrument_code = ?",
                "còn nội dung hoạt động căn cứ văn bản này"},
        {"SELECT COUNT(*) FROM sector WHERE instrument_code = ?",
                "còn ngành nghề căn cứ văn bản này"},
        {"SELECT COUNT(*) FROM support_rule WHERE instrument_code = ?",
                "còn quy định mức hỗ trợ căn cứ văn bản này"},
        {"SELECT COUNT(*) FROM adjustment_rule WHERE instrument_code = ?",
                "còn quy tắc điều chỉnh căn cứ văn bản này"},
        {"SELECT COUNT(*) FROM period_rule WHERE instrument_code = ?",
                "còn quy tắc kỳ báo cáo căn cứ văn bản này"},
        {"SELECT COUNT(*) FROM programme WHERE instrument_code = ?",
                "còn chương trình khuyến công căn cứ văn bản này"},
};

const RefTable store_ref_instruments = {"legal_instrument", "văn bản pháp lý", instrument_cols,
        STORE_COUNT_OF(instrument_cols), sizeof(LegalInstrument), VERSION_OF(LegalInstrument),
        "code", instrument_uses, STORE_COUNT_OF(instrument_uses), check_instrument, NULL};

static const RefColumn content_cols[] = {
        COL_TEXT(ActivityContent, code, REF_REQUIRED, CODE_MAX, "Mã nội dung"),
        COL_CHOICE(ActivityContent, scheme, REF_REQUIRED, schemes, "Hệ thống danh mục"),
        COL_INT(ActivityContent, position, REF_REQUIRED, 0, 100000, "Thứ tự"),
        COL_TEXT(ActivityContent, label_vi, REF_REQUIRED, LABEL_MAX, "Tên nội dung"),
        COL_TEXT(ActivityContent, label_en, 0, LABEL_MAX, "Tên tiếng Anh"),
        COL_REF(ActivityContent, instrument_code, 0, instrument_exists, "Văn bản căn cứ"),
        COL_DATE(ActivityContent, valid_from, "Áp dụng từ ngày"),
        COL_DATE(ActivityContent, valid_to, "Áp dụng đến ngày"),
};

static const RefUse content_uses[] = {
        {"SELECT COUNT(*) FROM activity_content_map WHERE ? IN (from_code, to_code)",
                "còn trong bảng tương ứng giữa các danh mục"},
        {"SELECT COUNT(*) FROM indicator WHERE activity_code = ?", "còn chỉ tiêu thuộc nội dung"},
        {"SELECT COUNT(*) FROM support_rule WHERE activity_code = ?",
                "còn quy định mức hỗ trợ cho nội dung"},
        {"SELECT COUNT(*) FROM annual_plan_line WHERE activity_code = ?",
                "còn dòng kế hoạch năm thuộc nội dung"},
        {"SELECT COUNT(*) FROM project WHERE activity_code = ?", "còn đề án thuộc nội dung"},
};

const RefTable store_ref_contents = {"activity_content", "nội dung hoạt động khuyến công",
        content_cols, STORE_COUNT_OF(content_cols), sizeof(ActivityContent),
        VERSION_OF(ActivityContent), "scheme, position, code", content_uses,
        STORE_COUNT_OF(content_uses), check_content, NULL};

static const RefColumn indicator_cols[] = {
        COL_TEXT(Indicator, code, REF_REQUIRED, CODE_MAX, "Mã chỉ tiêu"),
        COL_TEXT(Indicator, label_vi, REF_REQUIRED, LABEL_MAX, "Tên chỉ tiêu"),
        COL_TEXT(Indicator, unit_vi, REF_REQUIRED, NOTE_MAX, "Đơn vị tính"),
        COL_CHOICE(Indicator, value_kind, REF_REQUIRED, value_kinds, "Loại giá trị"),
        COL_REF(Indicator, activity_code, 0, content_exists, "Nội dung hoạt động"),
        COL_CHOICE(Indicator, source, REF_REQUIRED, sources, "Nguồn số liệu"),
        COL_INT(Indicator, position, REF_REQUIRED, 0, 100000, "Thứ tự"),
};

static const RefUse indicator_uses[] = {
        {"SELECT COUNT(*) FROM aggregate_figure WHERE indicator_code = ?",
                "còn số liệu tổng hợp của chỉ tiêu"},
        {"SELECT COUNT(*) FROM programme_target WHERE indicator_code = ?",
                "còn mục tiêu chương trình dùng chỉ tiêu"},
        {"SELECT COUNT(*) FROM annual_plan_line WHERE indicator_code = ?",
                "còn dòng kế hoạch năm dùng chỉ tiêu"},
        {"SELECT COUNT(*) FROM project_output WHERE indicator_code = ?",
                "còn kết quả đề án theo chỉ tiêu"},
};

const RefTable store_ref_indicators = {"indicator", "chỉ tiêu", indicator_cols,
        STORE_COUNT_OF(indicator_cols), sizeof(Indicator), VERSION_OF(Indicator), "position, code",
        indicator_uses, STORE_COUNT_OF(indicator_uses), NULL, NULL};

static const RefColumn sector_cols[] = {
        COL_TEXT(Sector, code, REF_REQUIRED, CODE_MAX, "Mã ngành nghề"),
        COL_TEXT(Sector, label_vi, REF_REQUIRED, LABEL_MAX, "Tên ngành nghề"),
        COL_REF(Sector, instrument_code, 0, instrument_exists, "Văn bản căn cứ"),
        COL_DATE(Sector, valid_from, "Áp dụng từ ngày"),
        COL_DATE(Sector, valid_to, "Áp dụng đến ngày"),
};

static const RefUse sector_uses[] = {
        {"SELECT COUNT(*) FROM establishment WHERE sector_code = ?", "còn cơ sở thuộc ngành nghề"},
};

const RefTable store_ref_sectors = {"sector", "ngành nghề", sector_cols,
        STORE_COUNT_OF(sector_cols), sizeof(Sector), VERSION_OF(Sector), "code", sector_uses,
        STORE_COUNT_OF(sector_uses), check_sector, NULL};

static const RefColumn funding_cols[] = {
        COL_TEXT(FundingSource, code, REF_REQUIRED, CODE_MAX, "Mã nguồn kinh phí"),
        COL_TEXT(FundingSource, label_vi, REF_REQUIRED, LABEL_MAX, "Tên nguồn kinh phí"),
        COL_BOOL(FundingSource, is_state, "Ngân sách nhà nước"),
        COL_INT(FundingSource, position, REF_REQUIRED, 0, 100000, "Thứ tự"),
};

static const RefUse funding_uses[] = {
        {"SELECT COUNT(*) FROM project_cost_line WHERE source_code = ?",
                "còn dòng kinh phí đề án dùng nguồn này"},
        {"SELECT COUNT(*) FROM annual_plan_line WHERE source_code = ?",
                "còn dòng kế hoạch năm dùng nguồn này"},
};

const RefTable store_ref_funding_sources = {"funding_source", "nguồn kinh phí", funding_cols,
        STORE_COUNT_OF(funding_cols), sizeof(FundingSource), VERSION_OF(FundingSource),
        "position, code", funding_uses, STORE_COUNT_OF(funding_uses), NULL, NULL};

static const RefColumn support_cols[] = {
        COL_INT(SupportRule, id, REF_AUTO, 1, INT64_MAX, "Số quy định"),
        COL_REF(SupportRule, instrument_code, REF_REQUIRED, instrument_exists, "Văn bản căn cứ"),
        COL_TEXT(SupportRule, clause, 0, NOTE_MAX, "Điều, khoản"),
        COL_CHOICE(SupportRule, program_level, 0, levels, "Cấp chương trình"),
        COL_CHOICE(SupportRule, province_list, 0, lists, "Danh mục tỉnh"),
        COL_TEXT(SupportRule, province_code, 0, 2, "Mã tỉnh"),
        COL_REF(SupportRule, activity_code, 0, content_exists, "Nội dung hoạt động"),
        COL_TEXT(SupportRule, cost_item, REF_REQUIRED, CODE_MAX, "Khoản chi"),
        COL_TEXT(SupportRule, label_vi, REF_REQUIRED, LABEL_MAX, "Tên quy định"),
        COL_INT(SupportRule, rate_x100, 0, 0, 10000, "Tỷ lệ hỗ trợ tối đa (× 100)"),
        COL_INT(SupportRule, cap_dong, 0, 0, 1000000000000000, "Mức hỗ trợ tối đa (đồng)"),
        COL_CHOICE(SupportRule, cap_per, 0, cap_pers, "Mức tối đa tính cho mỗi"),
        COL_INT(SupportRule, base_rule_id, 0, 1, INT64_MAX, "Quy định gốc của mức trần"),
        COL_INT(SupportRule, multiplier_x100, 0, 1, 100000, "Hệ số mức trần (× 100)"),
        COL_DATE(SupportRule, valid_from, "Áp dụng từ ngày"),
        COL_DATE(SupportRule, valid_to, "Áp dụng đến ngày"),
        COL_TEXT(SupportRule, source_tag, 0, NOTE_MAX, "Nguồn"),
};

static const RefUse support_uses[] = {
        {"SELECT COUNT(*) FROM support_rule WHERE base_rule_id = ?",
                "là quy định gốc của mức trần quy định khác"},
        {"SELECT COUNT(*) FROM project_cost_line WHERE rule_id = ?",
                "còn dòng kinh phí đề án áp dụng quy định này"},
};

const RefTable store_ref_support_rules = {"support_rule", "quy định mức hỗ trợ", support_cols,
        STORE_COUNT_OF(support_cols), sizeof(SupportRule), VERSION_OF(SupportRule), "id",
        support_uses, STORE_COUNT_OF(support_uses), check_support, NULL};

static const RefColumn adjustment_cols[] = {
        COL_INT(AdjustmentRule, id, REF_AUTO, 1, INT64_MAX, "Số quy tắc"),
        COL_TEXT(AdjustmentRule, kind, REF_REQUIRED, CODE_MAX, "Loại điều chỉnh"),
        COL_CHOICE(AdjustmentRule, program_level, REF_REQUIRED, levels, "Cấp chương trình"),
        COL_CHOICE(AdjustmentRule, approver, REF_REQUIRED, approvers, "Cấp phê duyệt"),
        COL_REF(AdjustmentRule, instrument_code, 0, instrument_exists, "Văn bản căn cứ"),
        COL_DATE(AdjustmentRule, valid_from, "Áp dụng từ ngày"),
        COL_DATE(AdjustmentRule, valid_to, "Áp dụng đến ngày"),
};

static const RefUse adjustment_uses[] = {
        {"SELECT COUNT(*) FROM project_adjustment WHERE rule_id = ?",
                "còn điều chỉnh đề án đã áp dụng quy tắc này"},
};

const RefTable store_ref_adjustment_rules = {"adjustment_rule", "quy tắc phê duyệt điều chỉnh",
        adjustment_cols, STORE_COUNT_OF(adjustment_cols), sizeof(AdjustmentRule),
        VERSION_OF(AdjustmentRule), "program_level, kind, id", adjustment_uses,
        STORE_COUNT_OF(adjustment_uses), check_adjustment, NULL};

static const RefColumn period_cols[] = {
        COL_INT(PeriodRule, id, REF_AUTO, 1, INT64_MAX, "Số quy tắc"),
        COL_TEXT(PeriodRule, name, REF_REQUIRED, NOTE_MAX, "Tên quy tắc"),
        COL_INT(PeriodRule, cutoff_day, REF_REQUIRED, 0, 28, "Ngày chốt số liệu"),
        COL_REF(PeriodRule, instrument_code, 0, instrument_exists, "Văn bản căn cứ"),
        COL_BOOL(PeriodRule, is_default, "Quy tắc mặc định"),
};

/* cutoff_day 1 would be the calendar month under another name; names are
 * unique (the table says so too, but a message should say which). */
static int check_period_rule(Db *db, const void *rec, Err *e)
{
	const PeriodRule *r = rec;
	if (r->cutoff_day == 1)
		return err_field(e, "cutoff_day", KC_EINVAL,
		        "Ngày chốt số liệu là 0 (theo tháng dương lịch) hoặc từ 2 đến 28");
	Stmt *st;
	int rc = db_prepare(
	        db, "SELECT COUNT(*) FROM period_rule WHERE name = ? AND id <> ?", &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, r->name);
	db_bind_int64(st, 2, r->id);
	int64_t n = 0;
	rc = db_run_int64(st, &n, e);
	db_done(st);
	if (rc == 0 && n) {
		char q[VN_QUOTE_MAX];
		return err_field(e, "name", KC_ECONFLICT, "Tên quy tắc '%s' đã có",
		        vn_quote(q, sizeof q, r->name, strlen(r->name)));
	}
	return rc;
}

const RefTable store_ref_period_rules = {"period_rule", "quy tắc kỳ báo cáo", period_cols,
        STORE_COUNT_OF(period_cols), sizeof(PeriodRule), VERSION_OF(PeriodRule), "id", NULL, 0,
        check_period_rule, keep_one_default};

const RefTable *const store_ref_tables[] = {&store_ref_instruments, &store_ref_contents,
        &store_ref_indicators, &store_ref_sectors, &store_ref_funding_sources,
        &store_ref_support_rules, &store_ref_adjustment_rules, &store_ref_period_rules, NULL};
