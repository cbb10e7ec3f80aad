/* store_totals.c — see store_totals.h. */
#include "store/store_totals.h"

#include <string.h>

#include "store/store.h"

/* The rows a đề án contributes, before grouping: one per year it is carried
 * out in (counting it), one per cost line (in its start year), one per
 * payment (in the year paid). WHERE_P / WHERE_D select the đề án (a `?` each,
 * or nothing), and the years come from the CTE yr(y). */
#define ARMS(WHERE_P, WHERE_C, WHERE_D)                                                            \
	"SELECT p.province_list, p.province_code, yr.y AS yy, p.status, p.activity_code,"          \
	" '' AS source_code, 1 AS n, 0 AS pl, 0 AS su, 0 AS ap, 0 AS di FROM project p"            \
	" JOIN yr ON yr.y >= p.start_year AND yr.y <= p.end_year" WHERE_P                          \
	" UNION ALL SELECT p.province_list, p.province_code, p.start_year, p.status,"              \
	" p.activity_code, c.source_code, 0, c.planned, COALESCE(c.approved, c.planned),"          \
	" COALESCE(c.approved, 0), 0 FROM project p JOIN project_cost_line c"                      \
	" ON c.project_id = p.id" WHERE_C                                                          \
	" UNION ALL SELECT p.province_list, p.province_code, CAST(SUBSTR(d.paid_on, 1, 4) AS"      \
	" INTEGER), p.status, p.activity_code, c.source_code, 0, 0, 0, 0,"                         \
	" CASE WHEN d.kind IN ('advance', 'payment') THEN d.amount ELSE -d.amount END"             \
	" FROM disbursement d JOIN project_cost_line c ON c.id = d.cost_line_id"                   \
	" JOIN project p ON p.id = d.project_id" WHERE_D

#define KEYS       "province_list, province_code, year, status, activity_code, source_code"
#define GROUP_KEYS " GROUP BY province_list, province_code, yy, status, activity_code, source_code"
#define INSERT_INTO                                                                                \
	"INSERT INTO project_total (" KEYS ", projects, planned, support, approved, disbursed)"

/* One đề án's share, times the sign bound first (five times), added. */
static const char share_sql[] =
        "WITH RECURSIVE yr(y) AS (SELECT start_year FROM project WHERE id = ?"
        " UNION ALL SELECT y + 1 FROM yr WHERE y < (SELECT end_year FROM project WHERE id = ?)) " INSERT_INTO
        " SELECT province_list, province_code, yy, status, activity_code, source_code,"
        " ? * SUM(n), ? * SUM(pl), ? * SUM(su), ? * SUM(ap), ? * SUM(di) FROM (" ARMS(
                " WHERE p.id = ?", " WHERE p.id = ?",
                " WHERE d.project_id = ?") ") t" GROUP_KEYS " ON CONFLICT (" KEYS ") DO UPDATE SET"
                                           " projects = project_total.projects + excluded.projects,"
                                           " planned = project_total.planned + excluded.planned,"
                                           " support = project_total.support + excluded.support,"
                                           " approved = project_total.approved + excluded.approved,"
                                           " disbursed = project_total.disbursed + excluded.disbursed";

/* Every year any đề án is carried out in. */
#define ALL_YEARS                                                                                  \
	"WITH RECURSIVE yr(y) AS (SELECT MIN(start_year) FROM project"                             \
	" UNION ALL SELECT y + 1 FROM yr WHERE y < (SELECT MAX(end_year) FROM project))"
/* The table as the records make it. */
#define FRESH                                                                                      \
	"SELECT province_list, province_code, yy, status, activity_code, source_code,"             \
	" CAST(SUM(n) AS BIGINT), CAST(SUM(pl) AS BIGINT), CAST(SUM(su) AS BIGINT),"               \
	" CAST(SUM(ap) AS BIGINT), CAST(SUM(di) AS BIGINT) FROM (" ARMS(                           \
	        "", "", "") ") t" GROUP_KEYS

static int share(Db *db, int64_t id, int sign, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, share_sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, id);
	for (int i = 3; i <= 7; i++)
		db_bind_int64(st, i, sign);
	for (int i = 8; i <= 10; i++)
		db_bind_int64(st, i, id);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

int store_totals_sub(Db *db, int64_t id, Err *e)
{
	return share(db, id, -1, e);
}

int store_totals_add(Db *db, int64_t id, Err *e)
{
	return share(db, id, 1, e);
}

int store_totals_rebuild(Db *db, Err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = db_exec(db, "DELETE FROM project_total", e)) == 0)
		rc = db_exec(db, ALL_YEARS " " INSERT_INTO " " FRESH, e);
	return store_finish(db, rc, e);
}

#define NONZERO                                                                                    \
	" WHERE projects <> 0 OR planned <> 0 OR support <> 0 OR approved <> 0 OR disbursed <> 0"

#define LABEL "province_list || ':' || province_code || ' ' || CAST(year AS TEXT) || ' ' || status"

const char store_totals_differences_sql[] = ALL_YEARS
        ", fresh(" KEYS ", projects, planned, support, approved, disbursed) AS (" FRESH
        "), kept AS (SELECT " KEYS ", projects, planned, support, approved, disbursed"
        " FROM project_total" NONZERO "), made AS (SELECT * FROM fresh" NONZERO ") SELECT " LABEL
        " FROM (SELECT * FROM kept EXCEPT SELECT * FROM made) a"
        " UNION ALL SELECT " LABEL " FROM (SELECT * FROM made EXCEPT SELECT * FROM kept) b";

int store_totals_check(Db *db, int64_t *differences, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, store_totals_differences_sql, &st, e);
	if (rc)
		return rc;
	*differences = 0;
	while ((rc = db_step(st, e)) == DB_ROW)
		(*differences)++;
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- Reading ---------------------------------------------------------------------------- */

#define SUMS                                                                                       \
	" CAST(SUM(t.projects) AS BIGINT), CAST(SUM(t.planned) AS BIGINT),"                        \
	" CAST(SUM(t.support) AS BIGINT), CAST(SUM(t.approved) AS BIGINT),"                        \
	" CAST(SUM(t.disbursed) AS BIGINT) FROM project_total t"
#define BY_GROUP " GROUP BY t.status, t.activity_code, t.source_code"
/* The legacy provinces merged into a current one. */
#define MERGED_INTO                                                                                \
	"SELECT s.old_code FROM admin_succession s WHERE s.old_list = 'legacy'"                    \
	" AND s.old_level = 'province' AND s.new_list = 'current' AND s.new_level = 'province'"

static int read_rows(Stmt *st, bool by_province, Arena *arena, TotalsRows *out, Err *e)
{
	enum { MAX_ROWS = 1 << 16 };
	int cap = 64, rc;
	out->v = arena_alloc(arena, (size_t)cap * sizeof *out->v);
	out->n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (out->n == MAX_ROWS) {
			rc = err_set(e, KC_ETOOBIG, "too many totals rows");
			break;
		}
		if (out->n == cap) {
			TotalsRow *v = arena_alloc(arena, 2 * (size_t)cap * sizeof *v);
			memcpy(v, out->v, (size_t)cap * sizeof *v);
			out->v = v;
			cap *= 2;
		}
		TotalsRow *r = &out->v[out->n++];
		int k = 0;
		r->province = by_province ? store_col_text(st, k++, arena) : NULL;
		r->status = store_col_text(st, k++, arena);
		r->activity_code = store_col_text(st, k++, arena);
		r->source_code = store_col_text(st, k++, arena);
		r->projects = db_col_int64(st, k++);
		r->planned = db_col_int64(st, k++);
		r->support = db_col_int64(st, k++);
		r->approved = db_col_int64(st, k++);
		r->disbursed = db_col_int64(st, k);
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int store_totals_read(
        Db *db, const char *current_province, int year, Arena *arena, TotalsRows *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        current_province
	                ? "SELECT t.status, t.activity_code, t.source_code," SUMS
	                  " WHERE t.year = ? AND ((t.province_list = 'current' AND t.province_code = ?)"
	                  " OR (t.province_list = 'legacy' AND t.province_code IN (" MERGED_INTO
	                  " AND s.new_code = ?)))" BY_GROUP
	                : "SELECT t.status, t.activity_code, t.source_code," SUMS
	                  " WHERE t.year = ?" BY_GROUP,
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, year);
	if (current_province) {
		db_bind_str(st, 2, current_province);
		db_bind_str(st, 3, current_province);
	}
	return read_rows(st, false, arena, out, e);
}

int store_totals_by_province(Db *db, int year, Arena *arena, TotalsRows *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT COALESCE(m.new_code, t.province_code) AS province, t.status,"
	        " t.activity_code, t.source_code," SUMS
	        " LEFT JOIN admin_succession m ON t.province_list = 'legacy'"
	        " AND m.old_list = 'legacy' AND m.old_level = 'province'"
	        " AND m.old_code = t.province_code AND m.new_list = 'current'"
	        " AND m.new_level = 'province' WHERE t.year = ?"
	        " GROUP BY COALESCE(m.new_code, t.province_code), t.status, t.activity_code,"
	        " t.source_code ORDER BY 1",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, year);
	return read_rows(st, true, arena, out, e);
}
