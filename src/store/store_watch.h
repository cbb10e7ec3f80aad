/* store_watch.h — the đề án the dashboard watches in a year: those whose
 * last year it is and that are not yet accepted, settled, closed, stopped or
 * refused (due by the year's end; late once it is over), and those with
 * invoices dated outside their eligible window (DOMAIN §4.4).
 *
 * Counted and listed (the first few, by code) through the index of migration
 * 0024 for the first kind and from the set at risk the store keeps
 * (migration 0025, store_totals.h) for the second, never by reading every
 * đề án carried out in the year or their invoices. The full list is the report
 * "Tiến độ đề án" (store_report.h SRC_PROGRESS), which judges the same way.
 *
 * keys selects the provinces recorded, as ",list:code,list:code," (NULL:
 * every province); money in đồng; everything lives in arena. */
#ifndef KC_STORE_WATCH_H
#define KC_STORE_WATCH_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

typedef struct WatchRow {
	const char *code, *title, *years, *status, *province_list, *province_code;
	int64_t support;   /* state support approved (or planned, before approval) */
	int64_t disbursed; /* paid by the year's end, net */
	bool due;          /* its last year is the year and it is not finished */
	bool risk;         /* it has invoices outside its eligible window */
} WatchRow;

typedef struct WatchRows {
	WatchRow *v;
	int n;
} WatchRows;

/* How many đề án are due in year (*due) and how many carried out in it have
 * invoices outside their window (*risk). */
int store_watch_count(Db *db, const char *keys, int year, int64_t *due, int64_t *risk, Err *e);

/* The first limit of them: the due ones by code, then the others at risk;
 * risk is store_watch_count's, so that none at risk costs no search for
 * them. */
int store_watch_list(Db *db, const char *keys, int year, int64_t risk, int limit, Arena *arena,
        WatchRows *out, Err *e);

#endif
