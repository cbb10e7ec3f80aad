/* report_engine.h — the state of one computation, shared by the files of
 * the engine (report_scope.c: provinces, scope, boundaries and period
 * windows; report_compute.c: facts and cells). Internal to src/report. */
#ifndef KC_REPORT_ENGINE_H
#define KC_REPORT_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/date.h"
#include "core/period.h"
#include "report/report.h"
#include "report/report_template.h"
#include "store/store_report.h"

enum { ENG_MAX_PROVINCES = 200 };

typedef struct Prov {
	const char *list, *code, *name, *full_name;
	int current;   /* the current province it lies in, or -1 */
	int unit;      /* the unit it reports under with the boundaries asked */
	bool in_scope; /* its records belong to the report */
} Prov;

/* A period window a column looks at. */
typedef struct Win {
	bool valid;
	Period p;
	char code[48]; /* the canonical code: what aggregate figures are keyed by */
	Date from, to;
	char from_iso[STORE_DATE_LEN], to_iso[STORE_DATE_LEN];
	int year_from, year_to;
	bool whole_years;
} Win;

typedef struct Fact {
	int prov; /* Prov index, or -1: a region's or the nation's */
	const char *dim[STORE_FACT_DIMS];
	int64_t m[STORE_FACT_MEASURES];
	Date from, to; /* SRC_CONSULTING: the days its period covers */
} Fact;

typedef struct FactSet {
	bool loaded;
	Fact *v;
	int n, cap;
} FactSet;

typedef struct Label {
	const char *kind, *code, *label, *unit, *value_kind;
} Label;

typedef struct Eng {
	Db *db;
	Arena *arena;
	const ReportRequest *req;
	Template tpl;
	StoredTemplate stored;
	/* Provinces by list (0 legacy, 1 current) and two-digit code. */
	Prov prov[ENG_MAX_PROVINCES];
	int n_prov;
	int by_code[2][100];
	/* The scope. */
	const char *scope_kind; /* nation | region | province */
	const char *scope_code; /* region code, or the province's code */
	const char *scope_canon, *scope_label;
	bool current_units; /* boundaries "current" */
	char keys[1024];    /* ",legacy:94,...," of the provinces in scope, "" for the nation */
	/* Filters. */
	const char *level; /* national | local | all */
	const char *sources[TPL_MAX_SOURCES];
	int n_sources;
	/* Periods. */
	Win win[WIN_COUNT];
	/* The scope (a region, the nation) has figures of its own for the
	 * window's period: a consolidated report, whose whole-scope cells are
	 * its figures only (see report_compute.c). */
	bool consolidated[WIN_COUNT];
	char as_of[STORE_DATE_LEN];
	/* Facts by source and window (window-free sources use WIN_CURRENT). */
	FactSet facts[SRC_COUNT][WIN_COUNT];
	Label *labels;
	int n_labels, cap_labels;
	int queries;
	double query_seconds; /* spent in load_facts */
} Eng;

/* Fills the province table (one statement). */
int eng_load_provinces(Eng *g, Err *e);
/* Resolves req->scope and req->boundaries: territory, units, labels (at most
 * one statement, for a region). Needs the windows. */
int eng_resolve_scope(Eng *g, Err *e);
/* Resolves req->period into the windows; checks the template allows it. */
int eng_resolve_period(Eng *g, Err *e);
/* The province of (list, code), or -1. */
int eng_prov(const Eng *g, const char *list, const char *code);
/* The Vietnamese label of a code of kind ("sector", "activity", "source",
 * "indicator"), or NULL; and an indicator's unit and value kind. */
const Label *eng_label(const Eng *g, const char *kind, const char *code);

#endif
