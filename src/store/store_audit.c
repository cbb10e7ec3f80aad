/* store_audit.c — see store_audit.h. */
#include "store/store_audit.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/store.h"

AuditFilter store_audit_filter(void)
{
	return (AuditFilter){0};
}

/* Turns a bound of the time range into the stored form: a day becomes its
 * first (from) or last (to) second; a time must be "YYYY-MM-DDTHH:MM:SSZ". */
static int bound(const char *s, bool end, const char *field, char out[STORE_TIME_LEN], Err *e)
{
	out[0] = '\0';
	if (!s)
		return 0;
	size_t n = strlen(s);
	int h = 0, m = 0, sec = 0;
	Date d;
	int y, mo, day;
	bool ok = (n == 10 ||
	                  (n == 20 && s[10] == 'T' && s[19] == 'Z' &&
	                          sscanf(s + 11, "%2d:%2d:%2d", &h, &m, &sec) == 3 &&
	                          s[13] == ':' && s[16] == ':' && h < 24 && m < 60 && sec < 60)) &&
	          s[4] == '-' && s[7] == '-' && sscanf(s, "%4d-%2d-%2d", &y, &mo, &day) == 3 &&
	          date_from_ymd(y, mo, day, &d, NULL) == 0;
	if (!ok)
		return err_field(e, field, KC_EINVAL,
		        "Thời điểm '%.40s' phải là ngày YYYY-MM-DD hoặc giờ UTC YYYY-MM-DDTHH:MM:SSZ",
		        s);
	if (n == 10)
		snprintf(out, STORE_TIME_LEN, "%.10sT%s", s, end ? "23:59:59Z" : "00:00:00Z");
	else
		memcpy(out, s, STORE_TIME_LEN);
	return 0;
}

#define WHERE                                                                                      \
	" WHERE (CAST(? AS TEXT) IS NULL OR table_name = ?)"                                       \
	" AND (CAST(? AS TEXT) IS NULL OR record_id = ?)"                                          \
	" AND (CAST(? AS TEXT) IS NULL OR actor = ?)"                                              \
	" AND (CAST(? AS TEXT) IS NULL OR action = ?)"                                             \
	" AND (CAST(? AS TEXT) IS NULL OR at >= ?)"                                                \
	" AND (CAST(? AS TEXT) IS NULL OR at <= ?)"

/* Binds WHERE's parameters; returns the number of the next. */
static int bind_filter(Stmt *st, const AuditFilter *f, const char *from, const char *to)
{
	const char *const v[] = {f->table_name, f->record_id, f->actor, f->action,
	        *from ? from : NULL, *to ? to : NULL};
	int i = 1;
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		db_bind_str(st, i++, v[k]);
		db_bind_str(st, i++, v[k]);
	}
	return i;
}

static void read_row(Stmt *st, Arena *arena, AuditEntry *o)
{
	o->id = db_col_int64(st, 0);
	o->at = store_col_text(st, 1, arena);
	o->user_id = store_col_int(st, 2, 0);
	o->actor = store_col_text(st, 3, arena);
	o->via = store_col_text(st, 4, arena);
	o->remote_addr = store_col_text(st, 5, arena);
	o->action = store_col_text(st, 6, arena);
	o->table_name = store_col_text(st, 7, arena);
	o->record_id = store_col_text(st, 8, arena);
	o->before_json = store_col_text(st, 9, arena);
	o->after_json = store_col_text(st, 10, arena);
}

int store_audit_list(Db *db, const AuditFilter *f, Arena *arena, AuditList *out, Err *e)
{
	*out = (AuditList){0};
	char from[STORE_TIME_LEN], to[STORE_TIME_LEN];
	int size;
	int rc;
	if ((rc = store_page_size(f->limit, f->offset, &size, e)) ||
	        (rc = bound(f->from, false, "from", from, e)) ||
	        (rc = bound(f->to, true, "to", to, e)))
		return rc;
	Stmt *st;
	if ((rc = db_prepare(db, "SELECT COUNT(*) FROM audit_log" WHERE, &st, e)))
		return rc;
	bind_filter(st, f, from, to);
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "SELECT id, at, user_id, actor, via, remote_addr, action, table_name,"
	                   " record_id, before_json, after_json FROM audit_log" WHERE
	                   " ORDER BY id DESC LIMIT ? OFFSET ?",
	                   &st, e)))
		return rc;
	int i = bind_filter(st, f, from, to);
	db_bind_int64(st, i, size);
	db_bind_int64(st, i + 1, f->offset);
	out->v = arena_alloc(arena, (size_t)size * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_row(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}
