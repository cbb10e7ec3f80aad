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
