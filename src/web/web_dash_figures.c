/* web_dash_figures.c — see web_dash_figures.h. Four fact queries (cost lines,
 * disbursements, đề án progress) and one of provinces, whatever the number
 * of records; each fact is re-based onto its current province and kept when
 * that province is in the caller's scope. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_report.h"
#include "web/web_dash_figures.h"

/* A province of either list and the current province it lies in today. */
typedef struct Rebase {
	const char *list, *code, *current_code;
	int current; /* index into Figures.prov, -1: none */
} Rebase;

enum { MAX_UNITS = 256 }; /* provinces of both lists: 34 + 63 */

typedef struct Reader {
	Ctx *c;
	Figures *f;
	Rebase *map;
	int n_map;
	int this_year; /* of the clock: đề án due earlier are late */
} Reader;

static bool in_scope(const Ctx *c, const char *current)
{
	if (*c->province)
		return !strcmp(c->province, current);
	return c->who.all_provinces || principal_has_province(&c->who, current);
}

static int add_province(void *ctx, const char *list, const char *code, const char *name,
        const char *full_name, const char *current_code, Err *e)
{
	(void)full_name;
	Reader *r = ctx;
	Figures *f = r->f;
	if (!strcmp(list, "current")) {
		if (f->n_prov == FIGURES_MAX_PROVINCES)
			return err_set(e, KC_ETOOBIG, "more than %d current provinces",
			        FIGURES_MAX_PROVINCES);
		FigureProvince *p = &f->prov[f->n_prov++];
		snprintf(p->code, sizeof p->code, "%s", code);
		p->name = arena_strdup(r->c->arena, name);
		p->in_scope = in_scope(r->c, code);
	}
	if (r->n_map == MAX_UNITS)
		return err_set(e, KC_ETOOBIG, "more than %d provinces", MAX_UNITS);
	Rebase *m = &r->map[r->n_map++];
	m->list = arena_strdup(r->c->arena, list);
	m->code = arena_strdup(r->c->arena, code);
	m->current_code = current_code ? arena_strdup(r->c->arena, current_code) : "";
	return 0;
}

/* Each province's index in Figures.prov, once every current one is read. */
static void resolve(Reader *r)
{
	for (int k = 0; k < r->n_map; k++) {
		Rebase *m = &r->map[k];
		m->current = -1;
		for (int i = 0; i < r->f->n_prov; i++)
			if (!strcmp(r->f->prov[i].code, m->current_code))
				m->current = i;
	}
}

/* The current province of a fact in the caller's scope, or NULL. */
static FigureProvince *province_of(Reader *r, const StoreFact *s)
{
	if (!s->province_list)
		return NULL;
	for (int i = 0; i < r->n_map; i++) {
		const Rebase *m = &r->map[i];
		if (!strcmp(m->code, s->province_code) && !strcmp(m->list, s->province_list)) {
			FigureProvince *p = m->current < 0 ? NULL : &r->f->prov[m->current];
			return p && p->in_scope ? p : NULL;
		}
	}
	return NULL;
}

static int64_t known(int64_t v)
{
	return v == STORE_FACT_NULL ? 0 : v;
}

/* The row of code in v[0..*n), added when new; NULL when v is full. */
static FigureMoney *row(Ctx *c, FigureRow *v, int *n, const char *code)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(v[i].code, code))
			return &v[i].m;
	if (*n == FIGURES_MAX_ROWS)
		return NULL;
	v[*n] = (FigureRow){arena_strdup(c->arena, code), {0, 0, 0}};
	return &v[(*n)++].m;
}

/* Cost dims: level kind activity status source state; measures planned
 * support approved. */
static int on_cost(void *ctx, const StoreFact *s, Err *e)
{
	(void)e;
	Reader *r = ctx;
	FigureProvince *p = province_of(r, s);
	if (!p)
		return 0;
	if (!strcmp(s->dim[5], "1"))
		p->support += known(s->m[1]);
	FigureMoney *m[2] = {row(r->c, r->f->sources, &r->f->n_sources, s->dim[4]),
	        row(r->c, r->f->activities, &r->f->n_activities, s->dim[2])};
	for (int i = 0; i < 2; i++)
		if (m[i]) {
			m[i]->planned += known(s->m[0]);
			m[i]->approved += known(s->m[2]);
		}
	return 0;
}

/* Disbursement dims: level kind activity source state; measure amount. */
static int on_disbursement(void *ctx, const StoreFact *s, Err *e)
{
	(void)e;
	Reader *r = ctx;
	FigureProvince *p = province_of(r, s);
	if (!p)
		return 0;
	if (!strcmp(s->dim[4], "1"))
		p->disbursed += known(s->m[0]);
	FigureMoney *m[2] = {row(r->c, r->f->sources, &r->f->n_sources, s->dim[3]),
	        row(r->c, r->f->activities, &r->f->n_activities, s->dim[2])};
	for (int i = 0; i < 2; i++)
		if (m[i])
			m[i]->disbursed += known(s->m[0]);
	return 0;
}

/* The last year of "2024 - 2025" or "2025". */
static int last_year(const char *years)
{
	size_t n = strlen(years);
	return n >= 4 ? (int)strtol(years + n - 4, NULL, 10) : 0;
}

/* Progress dims: level kind activity status project project_name years
 * late risk; measures support disbursed invoices_outside count. Judged as
 * of the day after the year, "late" there means due by the year's end. */
static int on_progress(void *ctx, const StoreFact *s, Err *e)
{
	(void)e;
	Reader *r = ctx;
	FigureProvince *p = province_of(r, s);
	if (!p)
		return 0;
	p->projects += known(s->m[3]);
	unsigned kind = 0;
	if (!strcmp(s->dim[7], "1"))
		kind |= last_year(s->dim[6]) < r->this_year ? WATCH_LATE : WATCH_DUE;
	if (!strcmp(s->dim[8], "1"))
		kind |= WATCH_RISK;
	Figures *f = r->f;
	f->n_late += (kind & WATCH_LATE) != 0;
	f->n_due += (kind & WATCH_DUE) != 0;
	f->n_risk += (kind & WATCH_RISK) != 0;
	if (!kind || f->n_watch == FIGURES_MAX_WATCH)
		return 0;
	Arena *a = r->c->arena;
	f->watch[f->n_watch++] = (FigureWatch){arena_strdup(a, s->dim[4]),
	        arena_strdup(a, s->dim[5]), arena_strdup(a, s->dim[6]), arena_strdup(a, s->dim[3]),
	        p->name, known(s->m[0]), known(s->m[1]), kind};
	return 0;
}

static int watch_rank(const FigureWatch *w)
{
	return w->kind & WATCH_LATE ? 0 : w->kind & WATCH_DUE ? 1 : 2;
}

static int by_rank(const void *a, const void *b)
{
	const FigureWatch *x = a, *y = b;
	int d = watch_rank(x) - watch_rank(y);
	return d ? d : strcmp(x->code, y->code);
}

int web_dash_figures_read(Ctx *c, int year, Figures *out)
{
	memset(out, 0, sizeof *out);
	out->year = year;
	out->watch = arena_alloc(c->arena, FIGURES_MAX_WATCH * sizeof *out->watch);
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	Reader r = {c, out, arena_alloc(c->arena, MAX_UNITS * sizeof *r.map), 0,
	        (int)strtol(now, NULL, 10)};
	int rc = store_report_provinces(c->db, add_province, &r, &c->err);
	if (rc)
		return rc;
	resolve(&r);
	char from[24], to[24], after[24];
	snprintf(from, sizeof from, "%04d-01-01", year);
	snprintf(to, sizeof to, "%04d-12-31", year);
	snprintf(after, sizeof after, "%04d-01-01", year + 1);
	StoreWindow w = {.from = from,
	        .to = to,
	        .year_from = year,
	        .year_to = year,
	        .whole_years = true,
	        .as_of = after};
	if (!(rc = store_report_facts(c->db, SRC_COST, &w, on_cost, &r, &c->err)) &&
	        !(rc = store_report_facts(
	                  c->db, SRC_DISBURSEMENT, &w, on_disbursement, &r, &c->err)))
		rc = store_report_facts(c->db, SRC_PROGRESS, &w, on_progress, &r, &c->err);
	if (!rc)
		qsort(out->watch, (size_t)out->n_watch, sizeof *out->watch, by_rank);
	return rc;
}
