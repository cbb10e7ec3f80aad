/* web_aggregate.h — what a province's grid of aggregate figures
 * (web_aggregate.c) shares with a region's sum (web_aggregate_region.c): the
 * rows (indicators reported as figures), the columns (figure kinds) and how
 * a value is written. */
#ifndef KC_WEB_AGGREGATE_H
#define KC_WEB_AGGREGATE_H

#include <stdbool.h>
#include <stdint.h>

#include "http/http_router.h"

enum { AGG_KINDS = 3 };

/* "plan", "actual", "estimate" and their Vietnamese column headings. */
extern const char *const web_aggregate_kinds[AGG_KINDS];
extern const char *const web_aggregate_kind_labels[AGG_KINDS];

/* An indicator whose source is 'aggregate' or 'both'. */
typedef struct AggRow {
	const char *code, *label, *unit;
	bool decimal; /* a percentage or ratio ×100: written with two decimals */
} AggRow;

/* The rows, in the indicators' report order, into *rows (in the arena). */
int web_aggregate_rows(Ctx *c, AggRow **rows, int *n);
/* The `period` parameter, or this year. */
const char *web_aggregate_period(Ctx *c);
/* v as the grid writes it: "1.234", "19,5" for a percentage; in the arena. */
const char *web_aggregate_value(Ctx *c, const AggRow *row, int64_t v);

#endif
