/* store_watch.c — see store_watch.h. */
#include "store/store_watch.h"

#include <stdio.h>

#include "store/store.h"

/* Not yet accepted, settled, closed, stopped or refused: the states the
 * report "Tiến độ đề án" calls late past the last year, listed (rather than
 * excluded) so that each is one range of index project_end_status. */
#define OPEN                                                                                       \
	" p.status IN ('draft', 'registered', 'appraised_basic', 'appraised', 'approved',"         \
	" 'contracted', 'in_progress', 'carried_over')"
/* Due in year ?: its last year. */
#define DUE " p.end_year = ? AND" OPEN
/* Đề án (or kept row) t in the province keys ? (bound twice; NULL: every
 * province). */
#define IN_KEYS(t)                                                                                 \
	" (CAST(? AS TEXT) IS NULL OR CAST(? AS TEXT) LIKE ('%,' || " t ".province_list || ':' ||" \
	" " t ".province_code || ',%'))"
/* Carried out in year ? (bound twice), at risk: read from the kept set of
 * đề án with invoices outside their window (store_totals.h). */
#define RISKY " FROM project_risk r WHERE r.end_year >= ? AND r.start_year <= ? AND" IN_KEYS("r")

static void bind_keys(Stmt *st, int k, const char *keys)
{
	db_bind_str(st, k, keys);
	db_bind_str(st, k + 1, keys);
}

int store_watch_count(Db *db, const char *keys, int year, int64_t *due, int64_t *risk, Err *e)
{
	Stmt *st;
	int rc = db_prepare(
	        db, "SELECT COUNT(*) FROM project p WHERE" DUE " AND" IN_KEYS("p"), &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, year);
	bind_keys(st, 2, keys);
	rc = db_run_int64(st, due, e);
	db_done(st);
	if (rc || (rc = db_prepare(db, "SELECT COUNT(*)" RISKY, &st, e)))
		return rc;
	db_bind_int64(st, 1, year);
	db_bind_int64(st, 2, year);
	bind_keys(st, 3, keys);
	rc = db_run_int64(st, risk, e);
	db_done(st);
	return rc;
}

/* The columns of a listed đề án p, its money to the end of year ? (bound
 * once, first). */
#define COLUMNS                                                                                    \
	" p.id, p.code, p.title, p.start_year, p.end_year, p.status, p.province_list,"             \
	" p.province_code, (SELECT CAST(SUM(COALESCE(c.approved, c.planned)) AS BIGINT)"           \
	" FROM project_cost_line c JOIN funding_source f ON f.code = c.source_code"                \
	" WHERE c.project_id = p.id AND f.is_state = 1), (SELECT CAST(SUM(CASE WHEN d.kind IN"     \
	" ('advance', 'payment') THEN d.amount ELSE -d.amount END) AS BIGINT)"                     \
	" FROM disbursement d WHERE d.project_id = p.id AND d.paid_on <= ?),"                      \
	" CASE WHEN EXISTS (SELECT 1 FROM project_risk k WHERE k.project_id = p.id) THEN 1"        \
	" ELSE 0 END"

/* Reads the rows of st after out->n, up to limit; skips đề án already there
 * (the due ones, when reading those at risk). */
static int read_rows(Stmt *st, int limit, int64_t *ids, Arena *arena, WatchRows *out, Err *e)
{
	int rc = DB_DONE;
	while (out->n < limit && (rc = db_step(st, e)) == DB_ROW) {
		int64_t id = db_col_int64(st, 0);
		bool seen = false;
		for (int i = 0; i < out->n; i++)
			seen |= ids[i] == id;
		if (seen)
			continue;
		int64_t from = db_col_int64(st, 3), to = db_col_int64(st, 4);
		char years[32];
		if (from == to)
			snprintf(years, sizeof years, "%lld", (long long)from);
		else
			snprintf(
			        years, sizeof years, "%lld - %lld", (long long)from, (long long)to);
		ids[out->n] = id;
		out->v[out->n++] = (WatchRow){store_col_text(st, 1, arena),
		        store_col_text(st, 2, arena), arena_strdup(arena, years),
		        store_col_text(st, 5, arena), store_col_text(st, 6, arena),
		        store_col_text(st, 7, arena), db_col_int64(st, 8), db_col_int64(st, 9),
		        false, db_col_int64(st, 10) != 0};
	}
	db_done(st);
	return out->n == limit || rc == DB_DONE ? 0 : rc;
}

int store_watch_list(Db *db, const char *keys, int year, int64_t risk, int limit, Arena *arena,
        WatchRows *out, Err *e)
{
	out->v = arena_alloc(arena, (size_t)(limit > 0 ? limit : 1) * sizeof *out->v);
	out->n = 0;
	int64_t *ids = arena_alloc(arena, (size_t)(limit > 0 ? limit : 1) * sizeof *ids);
	char to[16];
	snprintf(to, sizeof to, "%04d-12-31", year);
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT" COLUMNS " FROM project p WHERE" DUE
	        " AND" IN_KEYS("p") " ORDER BY p.code LIMIT ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, to);
	db_bind_int64(st, 2, year);
	bind_keys(st, 3, keys);
	db_bind_int64(st, 5, limit);
	if ((rc = read_rows(st, limit, ids, arena, out, e)))
		return rc;
	for (int i = 0; i < out->n; i++)
		out->v[i].due = true;
	if (out->n == limit || risk == 0)
		return 0;
	/* Those at risk, a few more than room is left for the due ones among them. */
	rc = db_prepare(db,
	        "SELECT" COLUMNS " FROM project p WHERE p.id IN (SELECT r.project_id" RISKY
	        ") ORDER BY p.code LIMIT ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, to);
	db_bind_int64(st, 2, year);
	db_bind_int64(st, 3, year);
	bind_keys(st, 4, keys);
	db_bind_int64(st, 6, 2 * (int64_t)limit);
	return read_rows(st, limit, ids, arena, out, e);
}
