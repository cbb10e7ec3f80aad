/* store_report.h — what the report engine reads and keeps: report templates
 * (versioned JSON documents), submitted reports (frozen snapshots), and the
 * aggregate queries a report is computed from.
 *
 * Templates and snapshots are stored text: this module neither parses a
 * template nor computes a table (src/report does both). Every change is
 * audited. A template edit adds a version; a snapshot is never updated.
 *
 * The aggregate queries ("facts"): each source below is ONE SQL statement
 * that groups the records of a kind (đề án, cost lines, training classes,
 * aggregate figures ...) by the province they were recorded in and by the
 * dimensions a report may cut them by, and hands each group to a callback as
 * a StoreFact. A report makes one call per source and period window it
 * needs, whatever the number of rows, columns or provinces, and counts them
 * (ReportTable.queries). Which dimensions and measures a source has is
 * listed in store_report_source_info(), by name, so that templates can name them
 * and be checked. */
#ifndef KC_STORE_REPORT_H
#define KC_STORE_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/embed.h"
#include "store/db.h"
#include "store/store.h"

/* ---- Templates ---------------------------------------------------------------------- */

typedef struct StoredTemplate {
	const char *id;
	int version;         /* the version read */
	int current_version; /* the template's current version */
	int position;
	const char *title;
	const char *body; /* the JSON document */
	const char *origin;
	const char *created_at;
} StoredTemplate;

/* Inserts template id at version with its body unless a template id exists
 * (shipped templates at init: an existing one, perhaps edited, is left
 * alone). *inserted (may be NULL) is incremented when it was inserted. */
int store_report_template_seed(Db *db, const Actor *a, const char *id, int version, int position,
        const char *title, const char *body, const char *origin, int *inserted, Err *e);
/* Adds version expected + 1 of template id (an administrator's edit, already
 * checked by the report layer) and makes it current; a template not yet
 * stored is created (expected must then be 0). KC_ECONFLICT when the current
 * version is not expected (edited meanwhile). *version receives the new one. */
int store_report_template_put(Db *db, const Actor *a, const char *id, int expected,
        const char *title, const char *body, int *version, Err *e);
/* Reads template id at version (0: its current version); strings in arena.
 * KC_ENOTFOUND "Không có mẫu báo cáo '<id>'" (field "template"). */
int store_report_template_get(
        Db *db, const char *id, int version, Arena *arena, StoredTemplate *out, Err *e);

typedef struct StoredTemplateList {
	StoredTemplate *v; /* by position, then id; current versions; body NULL */
	int n;
} StoredTemplateList;

int store_report_template_list(Db *db, Arena *arena, StoredTemplateList *out, Err *e);

/* ---- Snapshots ---------------------------------------------------------------------- */

typedef struct Snapshot {
	int64_t id;
	const char *template_id;
	int template_version;
	const char *scope, *period, *boundaries, *filters; /* canonical texts */
	int version;                                       /* set by the store */
	const char *table_json;                            /* NULL in lists */
	int64_t submitted_by;                              /* 0: the system */
	const char *submitted_name, *submitted_at;         /* set by the store */
	const char *note;
} Snapshot;

/* Stores in as the next version of (template, scope, period), with the
 * actor and the time; *id and *version (may be NULL) receive the new ones. */
int store_report_snapshot_add(
        Db *db, const Actor *a, const Snapshot *in, int64_t *id, int *version, Err *e);
/* Reads snapshot id with its table; strings in arena. */
int store_report_snapshot_get(Db *db, int64_t id, Arena *arena, Snapshot *out, Err *e);

typedef struct SnapshotList {
	Snapshot *v; /* newest version first; table_json NULL */
	int n;
} SnapshotList;

/* The versions submitted for template_id; scope and period (canonical, NULL:
 * any) narrow the list. At most 500. */
int store_report_snapshot_list(Db *db, const char *template_id, const char *scope,
        const char *period, Arena *arena, SnapshotList *out, Err *e);

/* ---- Facts: the aggregate queries --------------------------------------------------- */

enum { STORE_FACT_DIMS = 10, STORE_FACT_MEASURES = 6 };
#define STORE_FACT_NULL INT64_MIN /* a measure no record of the group knows */

/* The sources of facts. */
typedef enum StoreSource {
	SRC_PROJECT,       /* đề án (and plans, tasks) starting in the window's years */
	SRC_COST,          /* their cost lines */
	SRC_DISBURSEMENT,  /* disbursements paid within the window, net */
	SRC_OUTPUT,        /* project_output of the đề án starting in the window's years */
	SRC_PROGRESS,      /* one fact per đề án carried out in the window's years (start to
	                      end year meet them): money, lateness, invoices at risk */
	SRC_TRAINING,      /* training classes starting within the window */
	SRC_FAIR,          /* fairs */
	SRC_MEDIA,         /* media items */
	SRC_TOUR,          /* study tours */
	SRC_INSPECTION,    /* inspections */
	SRC_CONSULTING,    /* consulting service results, every period (filtered by the caller) */
	SRC_CERTIFICATION, /* typical-product certificates */
	SRC_ESTABLISHMENT, /* the establishments registry (a stock) */
	SRC_COMMUNE,       /* the registry by commune */
	SRC_PLAN,          /* annual plan lines of the years of the window */
	SRC_TARGET,        /* programme targets of the phases meeting the window */
	SRC_FIGURE,        /* aggregate figures of the window's period codes */
	SRC_COUNT
} StoreSource;

/* How a source's records fall in a period window. */
typedef enum StoreSpan {
	SPAN_DATES, /* a date within from..to (year-only records when whole_years) */
	SPAN_YEARS, /* years meeting year_from..year_to */
	SPAN_STOCK, /* everything known by year_to */
	SPAN_CODES, /* period codes: figures match codes[], consulting every code */
} StoreSpan;

typedef struct StoreSourceInfo {
	const char *name;                          /* "training" */
	const char *dims[STORE_FACT_DIMS];         /* names, NULL after the last */
	const char *measures[STORE_FACT_MEASURES]; /* names, NULL after the last */
	bool money[STORE_FACT_MEASURES];           /* the measure is đồng */
	StoreSpan span;
} StoreSourceInfo;

/* What source src (a StoreSource) holds, or NULL. Static storage. */
const StoreSourceInfo *store_report_source_info(int src);
/* The source named name, or -1. */
int store_report_source(const char *name);

enum { STORE_WINDOW_CODES = 4, STORE_SIZE_BANDS = 3 };

/* Which records a call covers. */
typedef struct StoreWindow {
	const char *from, *to;                 /* ISO dates, inclusive */
	int year_from, year_to;                /* the years the window touches */
	bool whole_years;                      /* it covers whole years: year-only records count */
	const char *as_of;                     /* ISO date the progress flags are judged on */
	const char *codes[STORE_WINDOW_CODES]; /* SRC_FIGURE: period codes, NULL unused */
	/* SRC_ESTABLISHMENT: workers below bands[0] are size "1", below
	 * bands[1] "2", below bands[2] "3", else "4"; unknown workers "". */
	int64_t size_bands[STORE_SIZE_BANDS];
	/* ",legacy:94,current:92," (store_admin_province_keys) or NULL: all. */
	const char *province_keys;
} StoreWindow;

/* One group of records. province_list/code are NULL for a fact that is not a
 * province's (a region's or the nation's figure, a national programme's
 * target). Strings are valid until the callback returns. */
typedef struct StoreFact {
	const char *province_list, *province_code;
	const char *dim[STORE_FACT_DIMS]; /* as store_report_source_info() names them; "" unknown */
	int64_t m[STORE_FACT_MEASURES];   /* STORE_FACT_NULL: unknown */
} StoreFact;

typedef int (*StoreFactFn)(void *ctx, const StoreFact *f, Err *e);

/* Runs the one statement of source src over window w and calls fn for each
 * group; a non-zero return from fn stops and is returned. */
int store_report_facts(
        Db *db, StoreSource src, const StoreWindow *w, StoreFactFn fn, void *ctx, Err *e);

/* ---- Reference rows a report needs, one statement each ------------------------------ */

/* Every province of every list: its list, code, name, full name, and the
 * code of the current province it lies in today (its own for a current one;
 * "" for a legacy one without a successor). */
typedef int (*StoreProvinceFn)(void *ctx, const char *list, const char *code, const char *name,
        const char *full_name, const char *current_code, Err *e);
int store_report_provinces(Db *db, StoreProvinceFn fn, void *ctx, Err *e);

/* The (list, province) members of region whose membership meets from..to
 * (ISO dates, inclusive); *name receives the region's name in arena.
 * KC_ENOTFOUND (field "scope") for an unknown region. */
typedef int (*StoreMemberFn)(void *ctx, const char *list, const char *code, Err *e);
int store_report_region(Db *db, const char *region, const char *from, const char *to, Arena *arena,
        const char **name, StoreMemberFn fn, void *ctx, Err *e);

/* The Vietnamese labels of codes: kind is "sector", "activity", "source"
 * (funding sources) or "indicator"; an indicator also has its unit
 * ("lao động") and value kind ("count", "money", "percent_x100",
 * "ratio_x100"), NULL for the others. */
typedef int (*StoreLabelFn)(void *ctx, const char *kind, const char *code, const char *label,
        const char *unit, const char *value_kind, Err *e);
int store_report_labels(Db *db, StoreLabelFn fn, void *ctx, Err *e);

#endif
