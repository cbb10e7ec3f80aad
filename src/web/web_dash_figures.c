/* web_dash_figures.c — see web_dash_figures.h. The money and the đề án
 * counted come from the totals the store keeps up to date (store_totals.h:
 * a few hundred rows of the year, already re-based onto the current
 * provinces), the đề án to watch from the indexed counts and first rows of
 * store_watch.h; one query of provinces and one of funding sources. A figure is kept when its
 * province is in the caller's scope. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_report.h"
#include "store/store_totals.h"
#include "store/store_watch.h"
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

/* The row of code in v[0..*n), added when new; NULL when v is full. */
static FigureMoney *row(Ctx *c, FigureRow *v, int *n, const char *code)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(v[i].code, code))
			return &v[i].m;
	if (*n == FIGURES_MAX_ROWS)
		return NULL;
	v[*n] = (FigureRow){arena_strdup(c->arena, code), {0, 0, 0, 0}};
	return &v[(*n)++].m;
}

/* The current province of code in the caller's scope, or NULL. */
static FigureProvince *current_of(Reader *r, const char *code)
{
	for (int i = 0; i < r->f->n_prov; i++)
		if (!strcmp(r->f->prov[i].code, code))
			return r->f->prov[i].in_scope ? &r->f->prov[i] : NULL;
	return NULL;
}

/* The current province in the caller's scope that the province recorded
 * as list:code lies in today, or NULL; *last remembers the previous answer
 * (the rows come by province). */
static FigureProvince *rebased(Reader *r, const char *list, const char *code, int *last)
{
	for (int i = -1; i < r->n_map; i++) {
		int k = i < 0 ? *last : i;
		const Rebase *m = &r->map[k];
		if (k < r->n_map && !strcmp(m->code, code) && !strcmp(m->list, list)) {
			*last = k;
			return m->current >= 0 && r->f->prov[m->current].in_scope
			               ? &r->f->prov[m->current]
			               : NULL;
		}
	}
	return NULL;
}

/* Whether funding source code is among state[0..n), the state's. */
static bool state_source(const char *const *state, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(state[i], code))
			return true;
	return false;
}

/* The funding sources that are the state's, into arena; how many. */
static int state_sources(Ctx *c, const char ***out)
{
	enum { MAX = 64 };
	const char **v = arena_alloc(c->arena, MAX * sizeof *v);
	int n = 0;
	Stmt *st;
	int rc = db_prepare(
	        c->db, "SELECT code FROM funding_source WHERE is_state = 1", &st, &c->err);
	if (rc)
		return -rc;
	while ((rc = db_step(st, &c->err)) == DB_ROW && n < MAX)
		v[n++] = arena_strdup(c->arena, db_col_text(st, 0));
	db_done(st);
	*out = v;
	return rc == DB_ROW || rc == DB_DONE ? n : -rc;
}

/* Adds the đề án of a row that counts them to its state's count. */
static void count_status(Figures *f, const TotalsRow *x)
{
	for (int i = 0; i < PROJECT_STATE_COUNT; i++)
		if (!strcmp(project_state_name(i), x->status)) {
			f->by_status[i] += x->projects;
			return;
		}
}

/* The year's money and đề án per province, state, source and activity
 * content: province support and disbursed are the state's; the rows that
 * count đề án have no source. A province's page reads that province's rows
 * alone (the others are not shown), the nation's or a caller's provinces
 * every province's, once for all the figures. */
static int read_totals(Reader *r, int year)
{
	Ctx *c = r->c;
	Figures *f = r->f;
	const char **state = NULL;
	int n_state = state_sources(c, &state);
	if (n_state < 0)
		return -n_state;
	TotalsRows t;
	const char *one = *c->province ? c->province : NULL;
	int rc = one ? store_totals_read(c->db, one, year, c->arena, &t, &c->err)
	             : store_totals_year(c->db, year, c->arena, &t, &c->err);
	int last = 0;
	for (int i = 0; rc == 0 && i < t.n; i++) {
		const TotalsRow *x = &t.v[i];
		FigureProvince *p =
		        one ? current_of(r, one) : rebased(r, x->province_list, x->province, &last);
		if (!p)
			continue;
		p->projects += x->projects;
		if (!*x->source_code) { /* the rows that count đề án */
			count_status(f, x);
			FigureMoney *a = row(c, f->activities, &f->n_activities, x->activity_code);
			if (a)
				a->projects += x->projects;
			continue;
		}
		if (state_source(state, n_state, x->source_code)) {
			p->support += x->support;
			p->disbursed += x->disbursed;
		}
		FigureMoney *m[2] = {row(c, f->sources, &f->n_sources, x->source_code),
		        row(c, f->activities, &f->n_activities, x->activity_code)};
		for (int k = 0; k < 2; k++)
			if (m[k]) {
				m[k]->planned += x->planned;
				m[k]->approved += x->approved;
				m[k]->disbursed += x->disbursed;
			}
	}
	return rc;
}

/* The provinces recorded in the caller's scope as store_watch.h's keys
 * (",list:code,...,"), or NULL when that is every province. */
static const char *scope_keys(Reader *r)
{
	if (!*r->c->province && r->c->who.all_provinces)
		return NULL;
	Buf k;
	buf_init(&k, 4096);
	buf_puts(&k, ",");
	for (int i = 0; i < r->n_map; i++) {
		const Rebase *m = &r->map[i];
		if (m->current >= 0 && r->f->prov[m->current].in_scope)
			buf_printf(&k, "%s:%s,", m->list, m->code);
	}
	const char *keys = arena_strdup(r->c->arena, buf_cstr(&k));
	buf_free(&k);
	return keys;
}

/* The name of the current province a đề án recorded in list:code lies in. */
static const char *province_name(Reader *r, const char *list, const char *code)
{
	for (int i = 0; i < r->n_map; i++) {
		const Rebase *m = &r->map[i];
		if (!strcmp(m->code, code) && !strcmp(m->list, list))
			return m->current < 0 ? code : r->f->prov[m->current].name;
	}
	return code;
}

/* The đề án to watch: counted and the first few listed by the store's
 * indexed queries (store_watch.h). Due in a year already over means late. */
static int read_watch(Reader *r, int year)
{
	Ctx *c = r->c;
	Figures *f = r->f;
	const char *keys = scope_keys(r);
	int64_t due = 0;
	int rc = store_watch_count(c->db, keys, year, &due, &f->n_risk, &c->err);
	if (rc)
		return rc;
	bool over = year < r->this_year;
	*(over ? &f->n_late : &f->n_due) = due;
	WatchRows w;
	if ((rc = store_watch_list(
	             c->db, keys, year, f->n_risk, FIGURES_MAX_WATCH, c->arena, &w, &c->err)))
		return rc;
	for (int i = 0; i < w.n; i++) {
		const WatchRow *x = &w.v[i];
		unsigned kind =
		        (x->due ? (over ? WATCH_LATE : WATCH_DUE) : 0) | (x->risk ? WATCH_RISK : 0);
		f->watch[f->n_watch++] = (FigureWatch){x->code, x->title, x->years, x->status,
		        province_name(r, x->province_list, x->province_code), x->support,
		        x->disbursed, kind};
	}
	return 0;
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
	if (!(rc = read_totals(&r, year)))
		rc = read_watch(&r, year);
	return rc;
}
