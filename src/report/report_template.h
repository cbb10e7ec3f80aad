/* report_template.h — a report template as the engine reads it, parsed and
 * checked from its JSON document (docs/reports.md describes the format).
 *
 * Parsing is bounded (document size, rows, columns, nesting, string
 * lengths) and strict: an unknown key, a source or measure that does not
 * exist, a dimension a source does not have, a column or row reference that
 * points nowhere are refused with a Vietnamese message naming the place
 * ("rows[2].rows[0].measures.qty.records: ..."). A parsed Template lives in
 * the caller's arena. Internal to src/report. */
#ifndef KC_REPORT_TEMPLATE_H
#define KC_REPORT_TEMPLATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store_report.h"

enum {
	TPL_MAX_BYTES = 256 * 1024,
	TPL_MAX_WHERE = 8,   /* dimensions one filter names */
	TPL_MAX_VALUES = 24, /* values one dimension takes */
	TPL_MAX_SLOTS = 6,   /* measures of a row */
	TPL_MAX_COLS = 24,
	TPL_MAX_ROWS = 400, /* rows of the template, at every depth */
	TPL_MAX_DEPTH = 3,  /* I → 1 → 1.1 */
	TPL_MAX_OF = 24,    /* rows a formula names */
	TPL_MAX_NOTES = 8,
	TPL_MAX_LABELS = 128,
	TPL_MAX_SOURCES = 8, /* funding sources a filter names */
	TPL_TEXT_MAX = 600,  /* bytes of any text */
};

/* A filter: dim must take one of vals. */
typedef struct TplWhere {
	const char *dim;
	const char *vals[TPL_MAX_VALUES];
	int n;
} TplWhere;

/* Records counted for a measure: a measure of a fact source, filtered. */
typedef struct TplRecords {
	int src;  /* StoreSource, -1: none */
	int meas; /* index in the source's measures */
	TplWhere where[TPL_MAX_WHERE];
	int n_where;
} TplRecords;

typedef enum TplFrom { FROM_BOTH, FROM_RECORDS, FROM_AGGREGATE } TplFrom;

typedef struct TplMeasure {
	const char *slot;      /* "qty", "money": what columns name */
	const char *indicator; /* indicator.code for figures and targets, or NULL */
	TplRecords rec;        /* the actual value from records */
	TplRecords plan;       /* the plan from records (plan.amount, output.planned ...) */
	TplFrom from;
} TplMeasure;

typedef enum TplFigure { FIG_ACTUAL, FIG_PLAN, FIG_ESTIMATE, FIG_TARGET } TplFigure;
/* The period a column looks at: the report's; the same one a year earlier;
 * from the start of its phase to its end; the year before its phase (the
 * baseline a phase's targets start from). */
typedef enum TplWindow {
	WIN_CURRENT,
	WIN_LAST_YEAR,
	WIN_CUMULATIVE,
	WIN_BASELINE,
	WIN_COUNT
} TplWindow;
typedef enum TplShow {
	SHOW_NO,
	SHOW_LABEL,
	SHOW_UNIT,
	SHOW_VALUE,
	SHOW_RATIO,
	SHOW_ATTR,
	SHOW_NOTE
} TplShow;
typedef enum TplRatio { RATIO_PCT, RATIO_TIMES } TplRatio;

typedef struct TplColumn {
	const char *id, *label, *group;
	TplShow show;
	const char *slot; /* SHOW_VALUE: the measure; SHOW_RATIO: the reported rate's */
	TplFigure figure;
	TplWindow window;
	TplWhere where[TPL_MAX_WHERE];
	int n_where;
	int ratio_a, ratio_b; /* SHOW_RATIO: column indices */
	TplRatio ratio;
	const char *attr; /* SHOW_ATTR: the dimension shown */
	int decimals, width;
} TplColumn;

typedef enum TplOp { OP_NONE, OP_SUM, OP_PCT, OP_TIMES, OP_PER } TplOp;

typedef struct TplRow {
	const char *id, *no, *label, *unit, *note;
	TplMeasure m[TPL_MAX_SLOTS];
	int n_m;
	TplWhere where[TPL_MAX_WHERE]; /* applies to every measure of the row */
	int n_where;
	const char *each;      /* one row per value of this dimension ("province": the units) */
	bool all_units;        /* each province: every unit of the scope, with data or not */
	const char *scopes[3]; /* shown only for these scope kinds; none: always */
	int n_scopes;
	bool total; /* bold */
	TplOp op;   /* a formula over other rows (OP_SUM without `of`: the children) */
	const char *of[TPL_MAX_OF];
	int n_of;
	bool cols[TPL_MAX_COLS]; /* the columns a formula fills; none listed: every value column */
	struct TplRow *kids;
	int n_kids;
	int depth;
} TplRow;

typedef struct TplLabel {
	const char *dim, *code, *label;
} TplLabel;

typedef struct Template {
	const char *id;
	int version, position;
	const char *form, *title, *abstract;
	unsigned periods;  /* bit (1 << PeriodKind) for each kind allowed */
	int money_unit;    /* MoneyUnit */
	const char *level; /* default programme level filter: national | local | all */
	const char *sources[TPL_MAX_SOURCES]; /* default funding sources; none: all */
	int n_sources;
	int phase_first, phase_length; /* phases: first, first + length, ... */
	int64_t size_bands[3];
	TplLabel labels[TPL_MAX_LABELS];
	int n_labels;
	TplColumn cols[TPL_MAX_COLS];
	int n_cols;
	TplRow *rows;
	int n_rows;
	const char *notes[TPL_MAX_NOTES];
	int n_notes;
} Template;

/* Parses and checks the template document json[0..len) into *out (arena).
 * Indicators are not checked here (report_template_check does, with the
 * database). KC_EINVAL (field "template") with the place and the reason. */
int tpl_parse(const char *json, size_t len, Arena *arena, Template *out, Err *e);
/* The shipped template id (data/reports, built in) as if it were stored:
 * its file's version, origin "shipped:<file>". KC_ENOTFOUND if none. For a
 * database whose templates were never loaded (made before they existed, or
 * by a loader that does not load them): reading it needs no write. */
int tpl_shipped(const char *id, Arena *arena, StoredTemplate *out);
/* The label the template gives code of dimension dim, or NULL. */
const char *tpl_label(const Template *t, const char *dim, const char *code);
/* The dimension index of name in source src, or -1. */
int tpl_dim(int src, const char *name);

#endif
