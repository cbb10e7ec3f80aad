/* web_dash_figures.h — the figures the dashboard shows for a year and the
 * caller's scope: money per current province (legacy provinces' records
 * re-based onto the 34 current ones), per funding source and per activity
 * content, and the đề án to watch (late, due, invoices at risk).
 *
 * The one place the dashboard reads them, so that where they come from can
 * change without touching the pages: the totals the store keeps up to date
 * (store_totals.h) and the indexed counts and first rows of store_watch.h;
 * never a report, nor a read of every đề án of the year (issue 9). Money in
 * đồng; everything lives in the request's arena. */
#ifndef KC_WEB_FIGURES_H
#define KC_WEB_FIGURES_H

#include <stdbool.h>
#include <stdint.h>

#include "core/project_state.h"
#include "http/http_router.h"

enum { FIGURES_MAX_PROVINCES = 40, FIGURES_MAX_ROWS = 64, FIGURES_MAX_WATCH = 20 };

typedef struct FigureMoney {
	int64_t planned;   /* cost lines of the đề án starting in the year, as planned */
	int64_t approved;  /* of those, as approved (lines not approved yet count 0) */
	int64_t disbursed; /* paid within the year, net of recoveries */
	int64_t projects;  /* đề án carried out in the year (activity contents only) */
} FigureMoney;

/* A current province. in_scope false: outside what the caller sees (its
 * figures are left 0 and must be shown as unknown). */
typedef struct FigureProvince {
	char code[3];
	const char *name;
	bool in_scope;
	int64_t support;   /* state support approved (or planned, before approval) */
	int64_t disbursed; /* state support paid within the year */
	int64_t projects;  /* đề án carried out in the year */
} FigureProvince;

/* A funding source or an activity content, by code. */
typedef struct FigureRow {
	const char *code;
	FigureMoney m;
} FigureRow;

typedef enum WatchKind {
	WATCH_LATE = 1 << 0, /* past its last year, not accepted nor stopped */
	WATCH_DUE = 1 << 1,  /* its last year is the year (or later ones not yet
	                        begun): due by the year's end, not accepted */
	WATCH_RISK = 1 << 2, /* invoices dated outside its eligible window */
} WatchKind;

typedef struct FigureWatch {
	const char *code, *title, *years, *status, *province;
	int64_t support, disbursed;
	unsigned kind; /* WatchKind bits */
} FigureWatch;

typedef struct Figures {
	int year;
	int64_t by_status[PROJECT_STATE_COUNT];     /* đề án carried out in the year, per
	                                               state in lifecycle order */
	FigureProvince prov[FIGURES_MAX_PROVINCES]; /* the current provinces, by code */
	int n_prov;
	FigureRow sources[FIGURES_MAX_ROWS], activities[FIGURES_MAX_ROWS];
	int n_sources, n_activities;
	FigureWatch *watch; /* late or due first, by code, then at risk; the first
	                       FIGURES_MAX_WATCH */
	int n_watch;
	int64_t n_late, n_due, n_risk; /* all of them, even past FIGURES_MAX_WATCH
	                                  (a đề án may be both due and at risk) */
} Figures;

/* Reads the figures of year for the caller's scope: the province the router
 * checked (c->province), else the caller's provinces, else the nation. */
int web_dash_figures_read(Ctx *c, int year, Figures *out);

#endif
