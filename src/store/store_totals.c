/* store_totals.c — see store_totals.h. */
#include "store/store_totals.h"

#include <string.h>

#include "store/store.h"

/* The rows a đề án contributes, before grouping: one per year it is carried
 * out in (counting it), one per cost line (in its start year), one per
 * payment (in the year paid), and one in year 0 (counting it once, for the
 * lists' totals). WHERE_P, WHERE_C, WHERE_D select the đề án (a `?` each, or
 * nothing; WHERE_P twice), and the years come from the CTE yr(y). */
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
	" JOIN project p ON p.id = d.project_id" WHERE_D                                           \
	" UNION ALL SELECT p.province_list, p.province_code, 0, p.status, p.activity_code, '',"    \
	" 1, 0, 0, 0, 0 FROM project p" WHERE_P

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

/* The invoices i of đề án p dated outside its eligible window (DOMAIN §4.4,
 * as store_report.c judges them). */
#define OUTSIDE                                                                                    \
	" (i.issued_on < COALESCE(p.eligible_from, CAST(p.start_year AS TEXT) || '-01-01')"        \
	" OR i.issued_on > COALESCE(p.eligible_to, CAST(p.end_year AS TEXT) || '-12-31'))"
#define RISK_KEYS "project_id, province_list, province_code, start_year, end_year, invoices"
/* The set at risk as the records make it (migration 0025), for the đề án
 * WHERE selects (" AND p.id = ?", or nothing). */
#define RISK_FRESH(WHERE)                                                                          \
	"SELECT p.id, p.province_list, p.province_code, p.start_year, p.end_year,"                 \
	" CAST(COUNT(*) AS BIGINT) FROM project p JOIN invoice i ON i.project_id = p.id"           \
	" WHERE" OUTSIDE WHERE                                                                     \
	" GROUP BY p.id, p.province_list, p.province_code, p.start_year, p.end_year"

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
	for (int i = 8; i <= 11; i++)
		db_bind_int64(st, i, id);
	rc = db_run(st, e);
	db_done(st);
	if (rc)
		return rc;
	/* Out of the set at risk, or back in when its invoices put it there. */
	rc = db_prepare(db,
	        sign < 0 ? "DELETE FROM project_risk WHERE project_id = ?"
	                 : "INSERT INTO project_risk (" RISK_KEYS ") " RISK_FRESH(" AND p.id = ?"),
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
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

int store_totals_rebuild_risk(Db *db, Err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = db_exec(db, "DELETE FROM project_risk", e)) == 0)
		rc = db_exec(db, "INSERT INTO project_risk (" RISK_KEYS ") " RISK_FRESH(""), e);
	return store_finish(db, rc, e);
}

int store_totals_rebuild_sums(Db *db, Err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = db_exec(db, "DELETE FROM project_total", e)) == 0)
		rc = db_exec(db, ALL_YEARS " " INSERT_INTO " " FRESH, e);
	return store_finish(db, rc, e);
}

int store_totals_rebuild(Db *db, Err *e)
{
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = store_totals_rebuild_sums(db, e)) == 0)
		rc = store_totals_rebuild_risk(db, e);
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
        " UNION ALL SELECT " LABEL " FROM (SELECT * FROM made EXCEPT SELECT * FROM kept) b"
        /* The set at risk, each đề án that differs named by its id. */
        " UNION ALL SELECT 'risk ' || CAST(project_id AS TEXT) FROM (SELECT " RISK_KEYS
        " FROM project_risk EXCEPT " RISK_FRESH(
                "") ") c"
                    " UNION ALL SELECT 'risk ' || CAST(id AS TEXT) FROM (" RISK_FRESH(
                            "") " EXCEPT SELECT " RISK_KEYS " FROM project_risk) d";

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
	" CAST(SUM(t.disbursed) AS BIGINT)"
#define BY_GROUP " GROUP BY t.status, t.activity_code, t.source_code"

/* The rows t of year ? in current province ? (bound twice, first): it and
 * each legacy province merged into it, joined so that each is one range of
 * the key (year, province_list, province_code); written as an OR, the
 * engine read the whole year. */
#define IN_CURRENT                                                                                 \
	" FROM (SELECT 'current' AS list, CAST(? AS TEXT) AS code UNION ALL"                       \
	" SELECT 'legacy', s.old_code FROM admin_succession s WHERE s.old_list = 'legacy'"         \
	" AND s.old_level = 'province' AND s.new_list = 'current' AND s.new_level = 'province'"    \
	" AND s.new_code = ?) p JOIN project_total t ON t.year = ? AND t.province_list = p.list"   \
	" AND t.province_code = p.code"

/* Binds the province (IN_CURRENT's two `?`, unless NULL) and the year, from
 * parameter 1; the index of the next parameter. */
static int bind_place(Stmt *st, const char *current_province, int year)
{
	int k = 1;
	if (current_province) {
		db_bind_str(st, k++, current_province);
		db_bind_str(st, k++, current_province);
	}
	db_bind_int64(st, k++, year);
	return k;
}

/* Reads the rows of st: by_province 0 none, 1 a current code, 2 a list and code. */
static int read_rows(Stmt *st, int by_province, Arena *arena, TotalsRows *out, Err *e)
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
		r->province_list = by_province == 2 ? store_col_text(st, k++, arena) : NULL;
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
	                ? "SELECT t.status, t.activity_code, t.source_code," SUMS IN_CURRENT
	                          BY_GROUP
	                : "SELECT t.status, t.activity_code, t.source_code," SUMS
	                  " FROM project_total t WHERE t.year = ?" BY_GROUP,
	        &st, e);
	if (rc)
		return rc;
	bind_place(st, current_province, year);
	return read_rows(st, 0, arena, out, e);
}

int store_totals_count(Db *db, const char *current_province, const char *status,
        const char *activity_code, int64_t *n, Err *e)
{
	/* Constant pieces for the filters given; values bound in their order. */
	Buf sql;
	buf_init(&sql, 1024);
	buf_puts(&sql, "SELECT CAST(COALESCE(SUM(t.projects), 0) AS BIGINT)");
	buf_puts(&sql, current_province ? IN_CURRENT " WHERE"
	                                : " FROM project_total t WHERE t.year = ? AND");
	buf_puts(&sql, " t.source_code = ''");
	if (status)
		buf_puts(&sql, " AND t.status = ?");
	if (activity_code)
		buf_puts(&sql, " AND t.activity_code = ?");
	Stmt *st;
	int rc = db_prepare(db, buf_cstr(&sql), &st, e);
	buf_free(&sql);
	if (rc)
		return rc;
	int k = bind_place(st, current_province, 0); /* year 0: every year */
	if (status)
		db_bind_str(st, k++, status);
	if (activity_code)
		db_bind_str(st, k, activity_code);
	rc = db_run_int64(st, n, e);
	db_done(st);
	return rc;
}

int store_totals_by_province(Db *db, int year, Arena *arena, TotalsRows *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT COALESCE(m.new_code, t.province_code) AS province, t.status,"
	        " t.activity_code, t.source_code," SUMS " FROM project_total t"
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
	return read_rows(st, 1, arena, out, e);
}

int store_totals_year(Db *db, int year, Arena *arena, TotalsRows *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT t.province_list, t.province_code, t.status, t.activity_code,"
	        " t.source_code, t.projects, t.planned, t.support, t.approved, t.disbursed"
	        " FROM project_total t WHERE t.year = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, year);
	return read_rows(st, 2, arena, out, e);
}
