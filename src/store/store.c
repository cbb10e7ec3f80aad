/* store.c — see store.h. */
#include "store/store.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/date.h"
#include "core/json.h"
#include "core/vntext.h"

void store_now(const Actor *a, char out[STORE_TIME_LEN])
{
	if (a && a->now) {
		snprintf(out, STORE_TIME_LEN, "%s", a->now);
		return;
	}
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, STORE_TIME_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Steps st, whose parameters are bound, and appends the row it returns as a
 * JSON object of its columns; KC_ENOTFOUND (no message) if there is none,
 * KC_ETOOBIG if it does not fit in out: a cut snapshot would be a false audit
 * record, so the change it records must not be written. */
static int row_json(Stmt *st, Buf *out, Err *e)
{
	int rc = db_step(st, e);
	if (rc == DB_DONE)
		return KC_ENOTFOUND;
	if (rc != DB_ROW)
		return rc;
	JsonW w;
	json_init(&w, out);
	json_obj(&w);
	for (int i = 0; i < db_col_count(st); i++) {
		json_key(&w, db_col_name(st, i));
		switch (db_col_type(st, i)) {
		case DB_NULL: json_null(&w); break;
		case DB_INTEGER: json_int(&w, db_col_int64(st, i)); break;
		default: json_cstr(&w, db_col_text(st, i)); break;
		}
	}
	json_obj_end(&w);
	if (buf_err(out))
		return err_set(e, KC_ETOOBIG, "record too big to snapshot for the audit log");
	return 0;
}

int store_row_json(Db *db, const char *select_sql, int64_t id, Buf *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, select_sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = row_json(st, out, e)) == KC_ENOTFOUND)
		rc = err_set(e, KC_ENOTFOUND, "no row %lld", (long long)id);
	db_done(st);
	return rc;
}

int store_row_json_key(
        Db *db, const char *select_sql, int64_t id, const char *key, Buf *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, select_sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_str(st, 2, key);
	if ((rc = row_json(st, out, e)) == KC_ENOTFOUND)
		rc = err_set(e, KC_ENOTFOUND, "no row %lld '%s'", (long long)id, key ? key : "");
	db_done(st);
	return rc;
}

int store_row_json_text(Db *db, const char *select_sql, const char *key, Buf *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, select_sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, key);
	if ((rc = row_json(st, out, e)) == KC_ENOTFOUND)
		rc = err_set(e, KC_ENOTFOUND, "no row '%s'", key ? key : "");
	db_done(st);
	return rc;
}

int store_audit(Db *db, const Actor *a, const char *action, const char *table, int64_t id,
        const char *before, const char *after, Err *e)
{
	char rid[24];
	snprintf(rid, sizeof rid, "%lld", (long long)id);
	return store_audit_key(db, a, action, table, rid, before, after, e);
}

int store_audit_key(Db *db, const Actor *a, const char *action, const char *table, const char *key,
        const char *before, const char *after, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO audit_log (at, user_id, actor, via, remote_addr, action, table_name,"
	        " record_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, now);
	if (a && a->user_id)
		db_bind_int64(st, 2, a->user_id);
	else
		db_bind_null(st, 2);
	db_bind_str(st, 3, a && a->name ? a->name : "system");
	db_bind_str(st, 4, a && a->via ? a->via : "cli");
	db_bind_str(st, 5, a ? a->remote : NULL);
	db_bind_str(st, 6, action);
	db_bind_str(st, 7, table);
	db_bind_str(st, 8, key);
	db_bind_str(st, 9, before);
	db_bind_str(st, 10, after);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

int store_keys(const char *text, Buf *name_key, Buf *sort_key, Err *e)
{
	size_t n = strlen(text);
	int rc = vn_fold(name_key, text, n, e);
	return rc ? rc : vn_collate_key(sort_key, text, n, e);
}

int store_sha256_hex(const void *bytes, size_t len, char hex[STORE_SHA256_HEX_LEN], Err *e)
{
	/* sodium_init is idempotent and thread-safe, and cheap after the first call. */
	if (sodium_init() < 0)
		return err_set(e, KC_EIO, "cannot initialise libsodium");
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, bytes, len);
	sodium_bin2hex(hex, STORE_SHA256_HEX_LEN, h, sizeof h);
	return 0;
}

int store_check_text(const char *s, size_t max, const char *field, const char *label, Err *e)
{
	if (!s)
		return 0;
	size_t n = strlen(s);
	if (!vn_utf8_valid(s, n))
		return err_field(e, field, KC_EINVAL, "%s không phải văn bản UTF-8 hợp lệ", label);
	if (n > max)
		return err_field(e, field, KC_EINVAL, "%s dài quá %zu ký tự", label, max);
	return 0;
}

bool store_has_text(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return true;
	return false;
}

int store_check_year(int year, const char *field, const char *label, Err *e)
{
	if (year < STORE_YEAR_MIN || year > STORE_YEAR_MAX)
		return err_field(e, field, KC_EINVAL, "%s %d không hợp lệ", label, year);
	return 0;
}

int store_at_field(Err *e, const char *field, int rc)
{
	if (e)
		snprintf(e->field, sizeof e->field, "%s", field);
	return rc;
}

void store_bind_opt(Stmt *st, int i, int64_t v, int64_t unknown)
{
	if (v == unknown)
		db_bind_null(st, i);
	else
		db_bind_int64(st, i, v);
}

const char *store_col_text(Stmt *st, int i, Arena *arena)
{
	/* db_col_text gives "" for NULL: a value with text in it is not NULL,
	 * and only an empty one costs the second question (a 50-row list asks
	 * 850 of these). */
	const char *t = db_col_text(st, i);
	if (!*t && db_col_null(st, i))
		return NULL;
	return arena_strdup(arena, t);
}

int64_t store_col_int(Stmt *st, int i, int64_t unknown)
{
	return db_col_null(st, i) ? unknown : db_col_int64(st, i);
}

int store_finish(Db *db, int rc, Err *e)
{
	if (rc == 0 && (rc = db_commit(db, e)) == 0)
		return 0;
	db_rollback(db);
	return rc;
}

int store_audit_change(Db *db, const Actor *a, const char *action, const char *table,
        const char *select_sql, int64_t id, const char *before, Err *e)
{
	Buf after;
	buf_init(&after, 1 << 20);
	int rc = strcmp(action, "delete") ? store_row_json(db, select_sql, id, &after, e) : 0;
	if (rc == 0)
		rc = store_audit(
		        db, a, action, table, id, before, after.len ? buf_cstr(&after) : NULL, e);
	buf_free(&after);
	return rc;
}

int store_insert_audited(Db *db, const Actor *a, const char *table, Stmt *st, int64_t *id, Err *e)
{
	Buf after;
	buf_init(&after, 1 << 20);
	int rc = row_json(st, &after, e);
	if (rc == KC_ENOTFOUND)
		rc = err_set(e, KC_ENOTFOUND, "no row");
	if (rc == 0) {
		*id = db_col_int64(st, 0);
		rc = db_run(st, e); /* the rest of the statement */
	}
	if (rc == 0)
		rc = store_audit(db, a, "insert", table, *id, NULL, buf_cstr(&after), e);
	buf_free(&after);
	return rc;
}

int store_stale(Db *db, const char *select_sql, int64_t id, const char *what, Err *e)
{
	Buf b;
	buf_init(&b, 1 << 20);
	int rc = store_row_json(db, select_sql, id, &b, NULL);
	buf_free(&b);
	if (rc == KC_ENOTFOUND)
		return err_set(e, KC_ENOTFOUND, "Không có %s số %lld", what, (long long)id);
	return err_set(e, KC_ECONFLICT,
	        "%s số %lld đã được người khác sửa sau khi anh/chị mở; tải lại để xem bản mới nhất"
	        " rồi sửa lại",
	        what, (long long)id);
}

int store_like_pattern(const char *q, Buf *out, Err *e)
{
	Buf folded;
	buf_init(&folded, 4096);
	int rc = vn_fold(&folded, q, strlen(q), e);
	buf_putc(out, '%');
	for (size_t i = 0; rc == 0 && i < folded.len; i++) {
		char ch = folded.data[i];
		if (ch == '%' || ch == '_' || ch == '!')
			buf_putc(out, '!');
		buf_putc(out, ch);
	}
	buf_putc(out, '%');
	buf_free(&folded);
	return rc;
}

int store_page_size(int limit, int offset, int *size, Err *e)
{
	*size = limit ? limit : 50;
	if (*size < 1 || *size > 500 || offset < 0)
		return err_field(e, "limit", KC_EINVAL, "Số dòng mỗi trang phải từ 1 đến 500");
	return 0;
}

/* ---- Dates ---------------------------------------------------------------------------- */

int store_iso_date(const char *s, char out[STORE_DATE_LEN], const char *field, Err *e)
{
	out[0] = '\0';
	if (!s || !s[0])
		return 0;
	Date d;
	int rc = date_parse(s, strlen(s), &d, e);
	if (rc)
		return store_at_field(e, field, rc);
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	snprintf(out, STORE_DATE_LEN, "%04d-%02d-%02d", y, m, day);
	return 0;
}

int store_check_iso_date(
        const char *s, const char *field, const char *label, char out[STORE_DATE_LEN], Err *e)
{
	if (!s || !s[0])
		return err_field(e, field, KC_EINVAL, "Chưa nhập %s", label);
	size_t n = strlen(s);
	char q[VN_QUOTE_MAX];
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return err_field(e, field, KC_EINVAL,
		        "Ngày '%s' không đúng dạng năm-tháng-ngày (ví dụ 2023-03-01)",
		        vn_quote(q, sizeof q, s, n));
	Date d;
	int rc = date_parse(s, n, &d, e);
	if (rc)
		return store_at_field(e, field, rc);
	memcpy(out, s, STORE_DATE_LEN);
	return 0;
}

const char *store_vn_day(const char *iso, char out[STORE_DATE_LEN])
{
	if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-')
		snprintf(out, STORE_DATE_LEN, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	else
		snprintf(out, STORE_DATE_LEN, "%s", iso);
	return out;
}

/* ---- Closed sets of values -------------------------------------------------------------- */

int store_choice_index(const StoreChoice *set, size_t n, const char *value)
{
	for (size_t i = 0; value && i < n; i++)
		if (!strcmp(set[i].value, value))
			return (int)i;
	return -1;
}

const char *store_choice_label(const StoreChoice *set, size_t n, const char *value)
{
	int i = store_choice_index(set, n, value);
	return i < 0 ? NULL : set[i].label;
}

int store_check_choice(const char *value, const StoreChoice *set, size_t n, const char *field,
        const char *what, Err *e)
{
	if (store_choice_index(set, n, value) >= 0)
		return 0;
	char q[VN_QUOTE_MAX];
	vn_quote(q, sizeof q, value ? value : "", value ? strlen(value) : 0);
	if (n == 0 || !set[0].label)
		return err_field(e, field, KC_EINVAL, "%s '%s' không có", what, q);
	Buf b;
	buf_init(&b, 1024);
	for (size_t i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", set[i].label);
	int rc = err_field(
	        e, field, KC_EINVAL, "%s '%s' không có; chọn một trong: %s", what, q, buf_cstr(&b));
	buf_free(&b);
	return rc;
}

/* ---- Reads ------------------------------------------------------------------------------ */

int store_scalar(Db *db, const char *sql, int64_t id, int64_t *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_run_int64(st, out, e);
	db_done(st);
	return rc;
}

int store_scalar_text(Db *db, const char *sql, const char *text, int64_t *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, text);
	rc = db_run_int64(st, out, e);
	db_done(st);
	return rc;
}

int store_get(Db *db, const char *select_sql, int64_t id, StoreRead read, Arena *arena, void *out,
        const char *what, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, select_sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW)
		read(st, arena, out);
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có %s số %lld", what, (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

/* ---- Audited changes of one record ------------------------------------------------------ */

int store_before(Db *db, const StoreTable *t, int64_t id, Buf *before, Err *e)
{
	int rc = store_row_json(db, t->select_sql, id, before, e);
	return rc == KC_ENOTFOUND ? store_stale(db, t->select_sql, id, t->what, e) : rc;
}

int store_run_versioned(Db *db, Stmt *st, const StoreTable *t, int64_t id, Err *e)
{
	int rc = db_run_int64(st, NULL, e);
	return rc == KC_ENOTFOUND ? store_stale(db, t->select_sql, id, t->what, e) : rc;
}

int store_check_unused(
        Db *db, int64_t id, const StoreUse *uses, size_t n, const char *subject, Err *e)
{
	for (size_t i = 0; i < n; i++) {
		int64_t k = 0;
		int rc = store_scalar(db, uses[i].count_sql, id, &k, e);
		if (rc)
			return rc;
		if (k)
			return err_set(
			        e, KC_ECONFLICT, "Không xóa được %s: %s", subject, uses[i].reason);
	}
	return 0;
}

/* The checks and the DELETE of store_delete, inside its transaction. */
static int delete_row(Db *db, const StoreTable *t, int64_t id, int version, const StoreUse *uses,
        size_t n_uses, Err *e)
{
	char subject[200];
	snprintf(subject, sizeof subject, "%s số %lld", t->what, (long long)id);
	int rc = store_check_unused(db, id, uses, n_uses, subject, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db, t->delete_sql, &st, e)))
		return rc;
	db_bind_int64(st, 1, id);
	if (version >= 0)
		db_bind_int64(st, 2, version);
	rc = store_run_versioned(db, st, t, id, e);
	db_done(st);
	return rc;
}

int store_delete(Db *db, const Actor *a, const StoreTable *t, int64_t id, int version,
        const StoreUse *uses, size_t n_uses, Err *e)
{
	Buf before;
	buf_init(&before, 1 << 16);
	int rc = db_begin(db, e);
	if (rc == 0) {
		if ((rc = store_before(db, t, id, &before, e)) == 0 &&
		        (rc = delete_row(db, t, id, version, uses, n_uses, e)) == 0)
			rc = store_audit_change(
			        db, a, "delete", t->name, t->select_sql, id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

int store_bulk_mode(Db *db, Err *e)
{
	if (strcmp(db_engine(db), "sqlite"))
		return 0;
	return db_exec(db, "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY", e);
}

void store_bind_current_province(Stmt *st, int i, const char *code)
{
	for (int k = 0; k < 3; k++)
		db_bind_str(st, i + k, code);
}
