/* store_totals.h — the dashboard's totals, kept up to date by the store.
 *
 * The table project_total (migration 0008) holds, per province recorded,
 * year, status, activity content and funding source, how many đề án are
 * carried out in the year and the money of their cost lines and payments,
 * counted as the reports count them (the migration says how). A
 * province-year's dashboard reads a few hundred of its rows rather than
 * summing every đề án, cost line and payment of the year (issue 9). Rows of
 * year 0 count each đề án once whatever its years: a list of đề án filtered
 * by province, status or activity content reads its total there instead of
 * counting thousands of index entries per page.
 *
 * The table project_risk (migration 0025) is kept alongside: the đề án that
 * have invoices dated outside their eligible window (DOMAIN §4.4), with
 * their years and province, so that the dashboard counts and lists a
 * year's đề án at risk from that small set (store_watch.h) rather than from
 * every đề án of the year and its invoices.
 *
 * Kept up to date in the transaction of every write that changes them:
 * each writer of project, project_cost_line, disbursement or invoice takes
 * the đề án's share out (store_totals_sub) before its change and puts it
 * back (store_totals_add) after it, so a change of status, province, years,
 * window, activity, line, payment or invoice moves the figures with it, and
 * a rolled-back write rolls them back too. The same statements on SQLite
 * and PostgreSQL (an upsert of sums grouped from the đề án's own rows).
 *
 * What it is not: the reports (store_report.h), which still compute from
 * the records with their own filters; nor a cache that could be stale: a
 * write that skips these calls is a bug that store_totals_check finds. */
#ifndef KC_STORE_TOTALS_H
#define KC_STORE_TOTALS_H

#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

/* Takes the share of đề án id out of the totals, or puts it in. Inside the
 * writer's transaction; a đề án that does not exist has no share. */
int store_totals_sub(Db *db, int64_t id, Err *e);
int store_totals_add(Db *db, int64_t id, Err *e);

/* Recomputes the whole table and the set at risk from the records (the
 * migration's step and `khuyencong check --rebuild-totals`), inside the
 * caller's transaction if there is one. */
int store_totals_rebuild(Db *db, Err *e);

/* Recomputes the table alone (migration 0008's step), or the set at risk
 * alone (migration 0025's step). */
int store_totals_rebuild_sums(Db *db, Err *e);
int store_totals_rebuild_risk(Db *db, Err *e);

/* How many rows of the table and of the set at risk differ from the
 * records (0 when they agree), into *differences. */
int store_totals_check(Db *db, int64_t *differences, Err *e);
/* The query behind it: one row per difference, naming its province, year
 * and status, or "risk" and the đề án's id (`khuyencong check`). */
extern const char store_totals_differences_sql[];

/* Sums of a group of rows. */
typedef struct TotalsRow {
	const char *status;        /* the đề án's state */
	const char *activity_code; /* activity_content */
	const char *source_code;   /* funding_source; "" on the rows that count đề án */
	const char *province;      /* current province code (store_totals_by_province), the
	                              code recorded (store_totals_year), or NULL */
	const char *province_list; /* "current" or "legacy" (store_totals_year), or NULL */
	int64_t projects;          /* đề án carried out in the year */
	int64_t planned, support, approved; /* cost lines of đề án starting in the year */
	int64_t disbursed;                  /* net paid in the year */
} TotalsRow;

typedef struct TotalsRows {
	TotalsRow *v; /* in arena */
	int n;
} TotalsRows;

/* The year's totals in current province code (NULL: the whole country),
 * that is in it and in every legacy province merged into it, grouped by
 * status, activity and source (province NULL). */
int store_totals_read(
        Db *db, const char *current_province, int year, Arena *arena, TotalsRows *out, Err *e);

/* The đề án of current province code (NULL: the country) of that status
 * and activity content (each NULL: any), whatever their years: the lists'
 * total, from the table's year-0 rows. */
int store_totals_count(Db *db, const char *current_province, const char *status,
        const char *activity_code, int64_t *n, Err *e);

/* The year's totals of the whole country by current province (legacy
 * provinces counted in the one they merged into), grouped by province,
 * status, activity and source. */
int store_totals_by_province(Db *db, int year, Arena *arena, TotalsRows *out, Err *e);

/* The year's rows as kept, one per province recorded (list and code, not
 * re-based), status, activity and source, in the key's order: the whole
 * country read as one range of the key, for a caller that re-bases and
 * sums them itself (the dashboard, in a fraction of the grouped read's
 * time). */
int store_totals_year(Db *db, int year, Arena *arena, TotalsRows *out, Err *e);

#endif
