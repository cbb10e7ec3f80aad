/* store.c — see store.h. */
#include "store/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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

int store_row_json(Db *db, const char *select_sql, int64_t id, Buf *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, select_sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	if (rc == DB_ROW) {
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
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_set(e, KC_ENOTFOUND, "no row %lld", (long long)id);
	}
	db_done(st);
	return rc;
}

int store_audit(Db *db, const Actor *a, const char *action, const char *table, int64_t id,
        const char *before, const char *after, Err *e)
{
	char now[STORE_TIME_LEN], rid[24];
	store_now(a, now);
	snprintf(rid, sizeof rid, "%lld", (long long)id);
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
	db_bind_str(st, 8, rid);
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
	return db_col_null(st, i) ? NULL : arena_strdup(arena, db_col_text(st, i));
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
	return rc ? rc : buf_err(out);
}
