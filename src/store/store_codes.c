/* store_codes.c — see store_codes.h. */
#include "store/store_codes.h"

int store_codes_each(Db *db, StoreCodeList list, StoreCodeFn fn, void *ctx, Err *e)
{
	/* One constant query per list: the list is never a formatted name. */
	static const char *const sql[] = {
	        [STORE_CODES_ACTIVITY] = "SELECT code, label_vi, scheme FROM activity_content"
	                                 " ORDER BY scheme, position, code",
	        [STORE_CODES_SOURCE] = "SELECT code, label_vi, CASE WHEN is_state = 1 THEN 'state'"
	                               " ELSE 'other' END FROM funding_source ORDER BY position",
	        [STORE_CODES_INDICATOR] = "SELECT code, label_vi, value_kind FROM indicator"
	                                  " ORDER BY position, code",
	        [STORE_CODES_SECTOR] = "SELECT code, label_vi, NULL FROM sector ORDER BY code",
	};
	if ((int)list < 0 || (size_t)list >= sizeof sql / sizeof sql[0])
		return err_set(e, KC_EINVAL, "no code list %d", (int)list);
	Stmt *st;
	int rc = db_prepare(db, sql[list], &st, e);
	if (rc)
		return rc;
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *extra = db_col_null(st, 2) ? NULL : db_col_text(st, 2);
		if ((rc = fn(ctx, db_col_text(st, 0), db_col_text(st, 1), extra)))
			break;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}
