/* store_aggregate.h — aggregate figures: a number a province, a region or the
 * nation reported for an indicator and a period, entered as such rather than
 * counted from records.
 *
 * Reports mix two kinds of numbers (DOMAIN §5): those the system counts from
 * its own records (classes, fairs, đề án) and those known only as a reported
 * figure — the 20 southern provinces' results for H1/2016 (seed001), a
 * province's figures before it used the system. The indicator's `source`
 * says which it is ('records', 'aggregate' or 'both'); a figure for an
 * indicator computed from records is refused, so a report cell never has two
 * competing numbers.
 *
 * A figure is keyed by (indicator, scope, period, figure kind, programme
 * level): store_aggregate_put inserts the figure of its key or updates it.
 * Values are whole numbers: counts, money in đồng, percentages and ratios
 * ×100 (19 % is 1900). Every change is validated, audited and versioned: an
 * update names the version it read and fails with KC_ECONFLICT if someone
 * changed the figure since. */
#ifndef KC_STORE_AGGREGATE_H
#define KC_STORE_AGGREGATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_admin.h"

/* Unknown text is NULL; what the store returns lives in the caller's arena. */
typedef struct AggregateFigure {
	int64_t id;
	const char *indicator_code; /* indicator.code whose source is 'aggregate' or 'both' */
	const char *scope_kind;     /* province | region | nation */
	const char *scope_list;     /* province: its list ("legacy" | "current"); else NULL */
	const char *scope_code;     /* province code, region.code, or NULL for the nation */
	const char *period;         /* any writing period_parse reads; stored canonical */
	const char *figure_kind;    /* plan | actual | estimate */
	const char *program_level;  /* national | local | all */
	int64_t value;              /* >= 0; -1 is "not entered" and refused */
	const char *qualifier;      /* as written: "gần", "trên", "khoảng", "ước" ... */
	const char *note;
	const char *source; /* where the figure was taken from: "seed001", a report's number */
	/* Set by the store: who entered the current value, and when. */
	int64_t entered_by; /* app_user.id, 0 for the system */
	const char *entered_at;
	int version; /* put: the version read, 0 for a figure not stored yet */
} AggregateFigure;

/* A figure with every optional field unknown: actual, all programme levels. */
AggregateFigure store_aggregate_blank(void);

/* Validates in and stores it under its key: inserts it when no figure has the
 * key (in->version must be 0), else updates that figure, which must still be
 * at in->version (KC_ECONFLICT otherwise, also for version 0: the figure
 * exists already). *id (may be NULL) receives the figure's id. */
int store_aggregate_put(Db *db, const Actor *a, const AggregateFigure *in, int64_t *id, Err *e);
/* Puts v[0..n) all or nothing in one transaction. The first row that fails
 * stops everything: nothing is stored, the message starts "Dòng N: " (N from
 * 1), e.field names its field and *bad_row (may be NULL) receives N — 0 when
 * no row was at fault. */
int store_aggregate_put_many(
        Db *db, const Actor *a, const AggregateFigure *v, size_t n, size_t *bad_row, Err *e);
/* Reads the figure id; its strings live in arena. */
int store_aggregate_get(Db *db, int64_t id, Arena *arena, AggregateFigure *out, Err *e);
/* Deletes the figure id at version. */
int store_aggregate_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);

enum { AGGREGATE_MAX_INDICATORS = 64 };

/* Which figures a list returns; NULL fields match everything. */
typedef struct AggregateFilter {
	const char *const *indicators; /* n_indicators codes; NULL: all */
	size_t n_indicators;           /* at most AGGREGATE_MAX_INDICATORS */
	const char *scope_kind;
	const char *scope_list, *scope_code; /* with scope_kind: one scope */
	const char *period;                  /* that period exactly (any writing) */
	const char *figure_kind;
	const char *program_level;
	/* Figures of provinces recorded in this current province, or in a legacy
	 * province that became part of it (provinces merged whole): "92" also
	 * gives legacy 94 Sóc Trăng's. */
	const char *current_province;
	int limit; /* 1..500; 0 means 50 */
	int offset;
} AggregateFilter;

AggregateFilter store_aggregate_filter(void); /* everything, first page */

typedef struct AggregateList {
	AggregateFigure *v; /* in the indicators' report order, then scope and period */
	int n;
	int64_t total; /* matching figures, all pages */
} AggregateList;

int store_aggregate_list(
        Db *db, const AggregateFilter *f, Arena *arena, AggregateList *out, Err *e);

/* Sums the figures the n provinces (as recorded) reported for indicator,
 * period, figure_kind and program_level — how a region's report is built
 * from its provinces' (seed001: 20 southern provinces). *count receives how
 * many provinces had a figure, so a report can say how many reported.
 * Percentages and ratios do not add up: KC_EINVAL for them. A territory
 * listed under both lists counts twice if both have figures. */
int store_aggregate_sum_provinces(Db *db, const char *indicator, const char *period,
        const char *figure_kind, const char *program_level, const UnitRef *provinces, size_t n,
        int64_t *sum, int64_t *count, Err *e);

/* The id and version of the figure stored under key's key (its period in
 * any writing), into *id and *version; KC_ENOTFOUND (no message) when there
 * is none, KC_EINVAL for a period that does not parse. */
int store_aggregate_find(Db *db, const AggregateFigure *key, int64_t *id, int *version, Err *e);

#endif
