/* report_compute.c — report_compute: a template, a period, a scope and
 * filters into a table.
 *
 * One pass: first every fact source the template needs is read once per
 * period window it needs (store_report_facts, one statement each), then
 * every cell is computed in memory from those facts. The number of
 * statements depends on the template, never on its rows or on how many
 * provinces the scope holds; g->queries counts them.
 *
 * A cell of a measure (docs/reports.md, "How a cell is computed"):
 *   - from records: the sum of the measure over the facts of the provinces
 *     of the row's group that match every filter; no matching fact with a
 *     known value is "not reported" (an empty cell), never 0;
 *   - from aggregate figures: the figure of the indicator, figure kind and
 *     period code entered for the scope itself (a region, the nation), or
 *     else the sum of those entered for its provinces;
 *   - a region or the nation with figures of its own for the period is a
 *     consolidated report (seed001): its whole-scope cells are its own
 *     figures, never sums of its provinces' records or figures, which that
 *     report already contains;
 *   - from both (the default): per province, its records where it has any,
 *     else its figure — so a region adds up provinces that use the system
 *     and provinces that only report numbers.
 * Percentages and ratios never add up across provinces: a figure of one is
 * used for a single province or the scope itself, and a ratio column is
 * recomputed from its two columns wherever both are known. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/money.h"
#include "core/num.h"
#include "core/project_state.h"
#include "report/report_engine.h"

/* ---- Loading facts ------------------------------------------------------------------ */

typedef struct Loader {
	Eng *g;
	int src;
	FactSet *set;
} Loader;

static Fact *new_fact(Eng *g, FactSet *s)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 64;
		Fact *v = arena_alloc(g->arena, (size_t)cap * sizeof *v);
		if (s->n)
			memcpy(v, s->v, (size_t)s->n * sizeof *v);
		s->v = v, s->cap = cap;
	}
	return &s->v[s->n++];
}

static int add_fact(void *ctx, const StoreFact *f, Err *e)
{
	(void)e;
	Loader *l = ctx;
	Eng *g = l->g;
	int prov = -1;
	if (f->province_list) {
		prov = eng_prov(g, f->province_list, f->province_code);
		if (prov < 0 || !g->prov[prov].in_scope)
			return 0;
	}
	Fact *x = new_fact(g, l->set);
	x->prov = prov;
	for (int i = 0; i < STORE_FACT_DIMS; i++)
		x->dim[i] = f->dim[i] ? arena_strdup(g->arena, f->dim[i]) : "";
	memcpy(x->m, f->m, sizeof x->m);
	if (l->src == SRC_CONSULTING) {
		/* Its period's days, to find the windows it lies in. */
		Period p;
		const char *code = f->dim[0];
		if (period_parse(code, strlen(code), &p, NULL) ||
		        period_range(&p, &g->req->rule, &x->from, &x->to, NULL))
			l->set->n--; /* not a period: never in a window */
	}
	return 0;
}

static int add_label(void *ctx, const char *kind, const char *code, const char *label,
        const char *unit, const char *value_kind, Err *e)
{
	(void)e;
	Eng *g = ctx;
	if (g->n_labels == g->cap_labels) {
		int cap = g->cap_labels ? g->cap_labels * 2 : 256;
		Label *v = arena_alloc(g->arena, (size_t)cap * sizeof *v);
		if (g->n_labels)
			memcpy(v, g->labels, (size_t)g->n_labels * sizeof *v);
		g->labels = v, g->cap_labels = cap;
	}
	g->labels[g->n_labels++] = (Label){arena_strdup(g->arena, kind),
	        arena_strdup(g->arena, code), arena_strdup(g->arena, label),
	        arena_strdup(g->arena, unit), arena_strdup(g->arena, value_kind)};
	return 0;
}

const Label *eng_label(const Eng *g, const char *kind, const char *code)
{
	for (int i = 0; code && i < g->n_labels; i++)
		if (!strcmp(g->labels[i].code, code) && !strcmp(g->labels[i].kind, kind))
			return &g->labels[i];
	return NULL;
}

/* Sources read once whatever the windows: their facts sit under WIN_CURRENT. */
static bool window_free(int src)
{
	return src == SRC_CONSULTING || src == SRC_FIGURE || src == SRC_TARGET;
}

static void need(bool want[SRC_COUNT][WIN_COUNT], int src, int win)
{
	if (src >= 0)
		want[src][window_free(src) ? WIN_CURRENT : win] = true;
}

static void plan_row(const Eng *g, const TplRow *r, bool want[SRC_COUNT][WIN_COUNT])
{
	for (int i = 0; i < r->n_m; i++) {
		const TplMeasure *m = &r->m[i];
		need(want, m->rec.src, WIN_CURRENT); /* items of an expansion come from it */
		for (int c = 0; c < g->tpl.n_cols; c++) {
			const TplColumn *col = &g->tpl.cols[c];
			if (col->show == SHOW_RATIO && col->slot && !strcmp(col->slot, m->slot) &&
			        m->indicator)
				need(want, SRC_FIGURE, WIN_CURRENT);
			if (col->show != SHOW_VALUE || strcmp(col->slot, m->slot))
				continue;
			bool figures = m->indicator && m->from != FROM_RECORDS;
			if (col->figure == FIG_ACTUAL && m->from != FROM_AGGREGATE)
				need(want, m->rec.src, col->window);
			if (col->figure == FIG_PLAN && m->from != FROM_AGGREGATE)
				need(want, m->plan.src, col->window);
			if (col->figure == FIG_TARGET && m->indicator)
				need(want, SRC_TARGET, WIN_CURRENT);
			if (col->figure != FIG_TARGET && figures)
				need(want, SRC_FIGURE, WIN_CURRENT);
		}
	}
	for (int i = 0; i < r->n_kids; i++)
		plan_row(g, &r->kids[i], want);
}

static StoreWindow store_window(const Eng *g, int win)
{
	const Win *w = &g->win[win];
	StoreWindow sw = {.from = w->from_iso,
	        .to = w->to_iso,
	        .year_from = w->year_from,
	        .year_to = w->year_to,
	        .whole_years = w->whole_years,
	        .as_of = g->as_of,
	        .province_keys = g->keys[0] ? g->keys : NULL};
	memcpy(sw.size_bands, g->tpl.size_bands, sizeof sw.size_bands);
	for (int i = 0, k = 0; i < WIN_COUNT; i++)
		if (g->win[i].valid)
			sw.codes[k++] = g->win[i].code;
	return sw;
}

/* Whether the scope itself has figures for each window's period. */
static void find_consolidated(Eng *g)
{
	const FactSet *s = &g->facts[SRC_FIGURE][WIN_CURRENT];
	for (int i = 0; i < s->n; i++) {
		const Fact *f = &s->v[i];
		if (f->prov >= 0 || strcmp(f->dim[1], g->scope_kind) ||
		        strcmp(f->dim[2], g->scope_code ? g->scope_code : ""))
			continue;
		for (int w = 0; w < WIN_COUNT; w++)
			if (g->win[w].valid && !strcmp(f->dim[3], g->win[w].code))
				g->consolidated[w] = true;
	}
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int load_facts(Eng *g, Err *e)
{
	double t0 = seconds();
	bool want[SRC_COUNT][WIN_COUNT] = {{false}};
	for (int i = 0; i < g->tpl.n_rows; i++)
		plan_row(g, &g->tpl.rows[i], want);
	g->queries++;
	int rc = store_report_labels(g->db, add_label, g, e);
	for (int s = 0; rc == 0 && s < SRC_COUNT; s++)
		for (int w = 0; rc == 0 && w < WIN_COUNT; w++) {
			if (!want[s][w] || !g->win[w].valid)
				continue;
			StoreWindow sw = store_window(g, w);
			Loader l = {g, s, &g->facts[s][w]};
			g->queries++;
			rc = store_report_facts(g->db, (StoreSource)s, &sw, add_fact, &l, e);
			g->facts[s][w].loaded = true;
		}
	g->query_seconds += seconds() - t0;
	if (rc == 0 && strcmp(g->scope_kind, "province"))
		find_consolidated(g);
	return rc;
}

/* ---- Filters ------------------------------------------------------------------------ */

enum { MAX_CONDS = 4 * TPL_MAX_WHERE + 4 };

/* A fact matches when dim takes one of vals. A lenient condition (the
 * request's programme level and funding sources) is ignored by sources that
 * lack its dimension; a strict one (the template's) fails there. */
typedef struct Cond {
	const char *dim;
	const char *const *vals;
	int n;
	bool lenient;
} Cond;

typedef struct Conds {
	Cond v[MAX_CONDS];
	int n;
} Conds;

static void cond_add(Conds *c, const char *dim, const char *const *vals, int n, bool lenient)
{
	if (c->n < MAX_CONDS)
		c->v[c->n++] = (Cond){dim, vals, n, lenient};
}

static void cond_where(Conds *c, const TplWhere *w, int n)
{
	for (int i = 0; i < n; i++)
		cond_add(c, w[i].dim, w[i].vals, w[i].n, false);
}

/* An expanded row's item: a unit of the boundaries, or a value of a dimension. */
typedef struct Item {
	int unit;        /* each province: the unit; else -1 */
	const char *key; /* each other dimension: its value; else NULL */
	const char *label;
	const Fact *rep; /* a fact of the item, for attribute columns */
	int rep_src;
	int rank; /* the order of items: template label order, or list and code */
} Item;

/* The conditions of a cell: the request, the row, the column, the item. */
static void cell_conds(
        const Eng *g, const TplRow *r, const TplColumn *col, const Item *it, Conds *c)
{
	static const char *levels[] = {"national", "local"};
	c->n = 0;
	if (strcmp(g->level, "all"))
		cond_add(c, "level", &levels[strcmp(g->level, "national") ? 1 : 0], 1, true);
	if (g->n_sources)
		cond_add(c, "source", g->sources, g->n_sources, true);
	cond_where(c, r->where, r->n_where);
	if (col)
		cond_where(c, col->where, col->n_where);
	if (it && it->key)
		cond_add(c, r->each, &it->key, 1, false);
}

static bool matches(int src, const Fact *f, const Conds *c, const TplRecords *r)
{
	for (int i = 0; i < c->n + (r ? r->n_where : 0); i++) {
		const Cond *x = i < c->n ? &c->v[i] : NULL;
		const TplWhere *w = x ? NULL : &r->where[i - c->n];
		const char *dim = x ? x->dim : w->dim;
		int d = tpl_dim(src, dim);
		if (d < 0) {
			if (x && x->lenient)
				continue;
			return false;
		}
		const char *const *vals = x ? x->vals : w->vals;
		int n = x ? x->n : w->n;
		bool ok = false;
		for (int k = 0; k < n && !ok; k++)
			ok = !strcmp(f->dim[d], vals[k]);
		if (!ok)
			return false;
	}
	return true;
}

/* ---- Values ------------------------------------------------------------------------- */

typedef struct Val {
	bool known;
	int64_t v;
	ValueKind kind;
	const char *qual;
	bool qual_mixed;
	int contributors;
} Val;

static void val_add(Val *a, int64_t v, const char *qual)
{
	if (!a->known) {
		a->qual = qual && qual[0] ? qual : NULL;
	} else if (!a->qual_mixed) {
		const char *q = qual && qual[0] ? qual : NULL;
		if ((q == NULL) != (a->qual == NULL) || (q && strcmp(q, a->qual)))
			a->qual_mixed = true, a->qual = NULL;
	}
	a->known = true;
	a->v += v;
	a->contributors++;
}

/* Which provinces a row counts: a unit of the boundaries, or the whole scope. */
static bool in_group(const Eng *g, int prov, int unit)
{
	if (prov < 0)
		return unit < 0;
	return g->prov[prov].in_scope && (unit < 0 || g->prov[prov].unit == unit);
}

static ValueKind indicator_kind(const Eng *g, const char *indicator)
{
	const Label *l = eng_label(g, "indicator", indicator);
	const char *k = l && l->value_kind ? l->value_kind : "count";
	return !strcmp(k, "money")          ? VK_MONEY
	       : !strcmp(k, "percent_x100") ? VK_PCT
	       : !strcmp(k, "ratio_x100")   ? VK_RATIO
	                                    : VK_COUNT;
}

/* Per province (index), the records' sum of r over window win. */
static void sum_records(
        const Eng *g, const TplRecords *r, int win, const Conds *c, int unit, Val *per)
{
	const FactSet *s = &g->facts[r->src][window_free(r->src) ? WIN_CURRENT : win];
	const Win *w = &g->win[win];
	for (int i = 0; i < s->n; i++) {
		const Fact *f = &s->v[i];
		if (f->prov < 0 || !in_group(g, f->prov, unit) || f->m[r->meas] == STORE_FACT_NULL)
			continue;
		if (r->src == SRC_CONSULTING && (f->from < w->from || f->to > w->to))
			continue;
		if (matches(r->src, f, c, r))
			val_add(&per[f->prov], f->m[r->meas], NULL);
	}
}

/* The levels a figure may have under the conditions: 'all' when neither
 * programme level is excluded, else the one level left (NULL: none). */
static const char *figure_level(const Conds *c)
{
	bool national = true, local = true;
	for (int i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].dim, "level"))
			continue;
		bool n = false, l = false;
		for (int k = 0; k < c->v[i].n; k++) {
			n = n || !strcmp(c->v[i].vals[k], "national");
			l = l || !strcmp(c->v[i].vals[k], "local");
		}
		national = national && n, local = local && l;
	}
	return national && local ? "all" : national ? "national" : local ? "local" : NULL;
}

/* The figure of indicator for one scope: prov >= 0 a province, else the
 * scope of the report itself (its region, the nation). For level 'all' a
 * scope without an 'all' figure adds its national and local ones. */
static Val one_figure(const Eng *g, int prov, const char *indicator, const char *kind,
        const char *code, const char *level)
{
	const FactSet *s = &g->facts[SRC_FIGURE][WIN_CURRENT];
	Val all = {0}, parts = {0};
	for (int i = 0; i < s->n; i++) {
		const Fact *f = &s->v[i];
		/* dims: indicator, scope_kind, scope_code, period, figure, level, qualifier */
		if (f->prov != prov || strcmp(f->dim[0], indicator) || strcmp(f->dim[3], code) ||
		        strcmp(f->dim[4], kind))
			continue;
		if (prov < 0 && (strcmp(f->dim[1], g->scope_kind) ||
		                        strcmp(f->dim[2], g->scope_code ? g->scope_code : "")))
			continue;
		if (!strcmp(f->dim[5], level))
			val_add(&all, f->m[0], f->dim[6]);
		else if (!strcmp(level, "all"))
			val_add(&parts, f->m[0], f->dim[6]);
	}
	return all.known ? all : parts;
}

/* The value of a measure: records, figures, or records else figures per
 * province (see the top of this file). */
static Val combine(const Eng *g, TplFrom from, const TplRecords *r, const char *indicator,
        const char *kind, int win, const Conds *c, int unit)
{
	Val out = {0};
	bool rec = r && r->src >= 0 && from != FROM_AGGREGATE;
	bool fig = indicator && from != FROM_RECORDS && g->win[win].valid;
	const char *level = fig ? figure_level(c) : NULL;
	out.kind = rec ? (store_report_source_info(r->src)->money[r->meas] ? VK_MONEY : VK_COUNT)
	               : indicator_kind(g, indicator);
	if (fig && !level)
		fig = false;
	if (unit < 0 && strcmp(g->scope_kind, "province") &&
	        (g->consolidated[win] || (fig && indicator))) {
		Val own = fig ? one_figure(g, -1, indicator, kind, g->win[win].code, level) : out;
		own.kind = out.kind;
		if (own.known || g->consolidated[win])
			return own;
	}
	Val *per = calloc((size_t)g->n_prov, sizeof *per);
	if (!per)
		abort();
	if (rec)
		sum_records(g, r, win, c, unit, per);
	for (int p = 0; p < g->n_prov; p++) {
		if (!in_group(g, p, unit))
			continue;
		Val v = per[p];
		if (!v.known && fig)
			v = one_figure(g, p, indicator, kind, g->win[win].code, level);
		if (v.known)
			val_add(&out, v.v, v.qual_mixed ? "?" : v.qual);
	}
	free(per);
	if ((out.kind == VK_PCT || out.kind == VK_RATIO) && out.contributors > 1)
		out.known = false; /* rates do not add up */
	if (out.qual && !strcmp(out.qual, "?"))
		out.qual = NULL;
	return out;
}

/* Targets of the phase that holds the window's last year. */
static Val target(const Eng *g, const char *indicator, const Conds *c, int unit)
{
	Val out = {.kind = indicator_kind(g, indicator)};
	const FactSet *s = &g->facts[SRC_TARGET][WIN_CURRENT];
	int last = g->win[WIN_CURRENT].year_to;
	for (int i = 0; i < s->n; i++) {
		const Fact *f = &s->v[i]; /* dims: level, indicator, qualifier, phase */
		int a = 0, b = 0;
		if (strcmp(f->dim[1], indicator) || sscanf(f->dim[3], "%d-%d", &a, &b) != 2 ||
		        last < a || last > b || !in_group(g, f->prov, unit) ||
		        !matches(SRC_TARGET, f, c, NULL))
			continue;
		/* A national programme's targets are the nation's, not a province's. */
		if (f->prov < 0 && strcmp(g->scope_kind, "nation"))
			continue;
		val_add(&out, f->m[0], f->dim[2]);
	}
	return out;
}

static const TplMeasure *slot_of(const TplRow *r, const char *slot)
{
	for (int i = 0; slot && i < r->n_m; i++)
		if (!strcmp(r->m[i].slot, slot))
			return &r->m[i];
	return NULL;
}

static Val measure_cell(const Eng *g, const TplRow *r, const TplColumn *col, const Item *it)
{
	const TplMeasure *m = slot_of(r, col->slot);
	Val none = {0};
	if (!m || !g->win[col->window].valid)
		return none;
	Conds c;
	cell_conds(g, r, col, it, &c);
	int unit = it ? it->unit : -1;
	/* A value of one item of a dimension comes from records only. */
	TplFrom from = it && it->key ? FROM_RECORDS : m->from;
	switch (col->figure) {
	case FIG_ACTUAL:
		return combine(g, from, &m->rec, m->indicator, "actual", col->window, &c, unit);
	case FIG_PLAN:
		return combine(g, from, &m->plan, m->indicator, "plan", col->window, &c, unit);
	case FIG_ESTIMATE:
		return it && it->key ? none
		                     : combine(g, FROM_AGGREGATE, NULL, m->indicator, "estimate",
		                               col->window, &c, unit);
	case FIG_TARGET: return m->indicator ? target(g, m->indicator, &c, unit) : none;
	}
	return none;
}

/* ---- Expansions --------------------------------------------------------------------- */

typedef struct Items {
	Item *v;
	int n, cap;
} Items;

static void item_add(Eng *g, Items *s, Item it)
{
	if (s->n == s->cap) {
		int cap = s->cap ? s->cap * 2 : 32;
		Item *v = arena_alloc(g->arena, (size_t)cap * sizeof *v);
		if (s->n)
			memcpy(v, s->v, (size_t)s->n * sizeof *v);
		s->v = v, s->cap = cap;
	}
	s->v[s->n++] = it;
}

/* The template's order of a dimension's labelled values, else after them. */
static int label_rank(const Template *t, const char *dim, const char *code)
{
	for (int i = 0; i < t->n_labels; i++)
		if (!strcmp(t->labels[i].dim, dim) && !strcmp(t->labels[i].code, code))
			return i;
	return t->n_labels;
}

static int item_cmp(const void *a, const void *b)
{
	const Item *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->key && y->key ? strcmp(x->key, y->key) : 0;
}

/* Legacy units before current ones, each list in code order. */
static int unit_rank(const Eng *g, int unit)
{
	const Prov *p = &g->prov[unit];
	return (strcmp(p->list, "legacy") ? 100 : 0) + (p->code[0] - '0') * 10 + (p->code[1] - '0');
}

static const char *dim_label(
        const Eng *g, const char *dim, const char *code, const Fact *f, int src)
{
	const char *l = tpl_label(&g->tpl, dim, code);
	if (l)
		return l;
	char companion[48];
	snprintf(companion, sizeof companion, "%s_name", dim);
	int d = tpl_dim(src, companion);
	if (d >= 0 && f && f->dim[d][0])
		return f->dim[d];
	const Label *x = eng_label(g, dim, code);
	if (x)
		return x->label;
	if (!strcmp(dim, "status") && project_state_label(code))
		return project_state_label(code);
	return code;
}

static bool item_known(const Items *s, int unit, const char *key)
{
	for (int i = 0; i < s->n; i++)
		if (key ? !strcmp(s->v[i].key, key) : s->v[i].unit == unit)
			return true;
	return false;
}

/* Whether a unit's list was in force in the report's period. */
static bool unit_in_period(const Eng *g, int unit)
{
	const Win *w = &g->win[WIN_CURRENT];
	bool legacy = !strcmp(g->prov[unit].list, "legacy");
	return legacy ? strcmp(w->from_iso, "2025-06-30") <= 0
	              : strcmp(w->to_iso, "2025-07-01") >= 0;
}

static void province_items(Eng *g, const TplRow *r, Items *s)
{
	if (r->all_units) {
		for (int p = 0; p < g->n_prov; p++) {
			int u = g->prov[p].unit;
			if (g->prov[p].in_scope && unit_in_period(g, u) && !item_known(s, u, NULL))
				item_add(g, s, (Item){.unit = u});
		}
		return;
	}
	for (int i = 0; i < r->n_m; i++) {
		const TplMeasure *m = &r->m[i];
		for (int k = 0; k < 2; k++) {
			int src = k ? SRC_FIGURE : m->rec.src;
			if (src < 0 || (k && !m->indicator))
				continue;
			const FactSet *fs = &g->facts[src][WIN_CURRENT];
			for (int j = 0; j < fs->n; j++) {
				const Fact *f = &fs->v[j];
				if (f->prov < 0 || (k && strcmp(f->dim[0], m->indicator)))
					continue;
				int u = g->prov[f->prov].unit;
				if (!item_known(s, u, NULL))
					item_add(g, s, (Item){.unit = u});
			}
		}
	}
}

static void dim_items(Eng *g, const TplRow *r, Items *s)
{
	Conds c;
	cell_conds(g, r, NULL, NULL, &c);
	for (int i = 0; i < r->n_m; i++) {
		const TplRecords *rec = &r->m[i].rec;
		int d = tpl_dim(rec->src, r->each);
		if (rec->src < 0 || d < 0)
			continue;
		const FactSet *fs = &g->facts[rec->src][WIN_CURRENT];
		for (int j = 0; j < fs->n; j++) {
			const Fact *f = &fs->v[j];
			if (!f->dim[d][0] || !matches(rec->src, f, &c, rec) ||
			        item_known(s, -1, f->dim[d]))
				continue;
			item_add(g, s,
			        (Item){.unit = -1,
			                .key = f->dim[d],
			                .label = dim_label(g, r->each, f->dim[d], f, rec->src),
			                .rep = f,
			                .rep_src = rec->src});
		}
	}
}

/* Labels legacy units "(cũ)" when current ones stand beside them. */
static void label_units(Eng *g, Items *s)
{
	bool legacy = false, current = false;
	for (int i = 0; i < s->n; i++) {
		bool l = !strcmp(g->prov[s->v[i].unit].list, "legacy");
		legacy = legacy || l, current = current || !l;
	}
	for (int i = 0; i < s->n; i++) {
		const Prov *p = &g->prov[s->v[i].unit];
		char buf[200];
		snprintf(buf, sizeof buf, "%s%s", p->name,
		        legacy && current && !strcmp(p->list, "legacy") ? " (cũ)" : "");
		s->v[i].label = arena_strdup(g->arena, buf);
	}
}

static Items expand(Eng *g, const TplRow *r)
{
	Items s = {0};
	if (!strcmp(r->each, "province"))
		province_items(g, r, &s);
	else
		dim_items(g, r, &s);
	for (int i = 0; i < s.n; i++)
		s.v[i].rank = s.v[i].key ? label_rank(&g->tpl, r->each, s.v[i].key)
		                         : unit_rank(g, s.v[i].unit);
	if (s.n > 1)
		qsort(s.v, (size_t)s.n, sizeof *s.v, item_cmp);
	if (!strcmp(r->each, "province"))
		label_units(g, &s);
	return s;
}

/* ---- Building the table ------------------------------------------------------------- */

typedef struct Out {
	ReportRow *v;
	int n, cap;
	const TplRow **tpl; /* the template row of each output row */
	const Item **item;  /* its item, or NULL */
	bool *done;         /* formula computed */
	bool *busy;         /* formula being computed (cycle guard) */
} Out;

static const char *row_unit(const Eng *g, const TplRow *r)
{
	if (r->unit)
		return r->unit;
	for (int i = 0; i < r->n_m; i++) {
		const Label *l = eng_label(g, "indicator", r->m[i].indicator);
		if (l && l->value_kind && !strcmp(l->value_kind, "count"))
			return l->unit;
	}
	return NULL;
}

static const char *attr_text(const Eng *g, const TplColumn *col, const Item *it)
{
	if (!it || !it->rep)
		return NULL;
	int d = tpl_dim(it->rep_src, col->attr);
	if (d < 0 || !it->rep->dim[d][0])
		return NULL;
	/* A dimension with a name beside it (a đề án's code and title) shows
	 * itself; the name is the row's label. */
	char companion[48];
	snprintf(companion, sizeof companion, "%s_name", col->attr);
	if (tpl_dim(it->rep_src, companion) >= 0)
		return it->rep->dim[d];
	return dim_label(g, col->attr, it->rep->dim[d], it->rep, it->rep_src);
}

static const char *item_no(Eng *g, const TplRow *r, int k)
{
	char buf[64];
	const char *hash = r->no ? strchr(r->no, '#') : NULL;
	if (hash)
		snprintf(buf, sizeof buf, "%.*s%d%s", (int)(hash - r->no), r->no, k, hash + 1);
	else
		snprintf(buf, sizeof buf, "%d", k);
	return arena_strdup(g->arena, buf);
}

static const char *item_label(Eng *g, const TplRow *r, const Item *it)
{
	const char *brace = strstr(r->label, "{}");
	if (!brace)
		return it->label;
	char buf[800];
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)(brace - r->label), r->label, it->label,
	        brace + 2);
	return arena_strdup(g->arena, buf);
}

static void fill_cells(Eng *g, const TplRow *r, const Item *it, ReportRow *row)
{
	row->cells = arena_alloc(g->arena, (size_t)g->tpl.n_cols * sizeof *row->cells);
	for (int c = 0; c < g->tpl.n_cols; c++) {
		const TplColumn *col = &g->tpl.cols[c];
		ReportCell *cell = &row->cells[c];
		const char *text = NULL;
		switch (col->show) {
		case SHOW_NO: text = row->no; break;
		case SHOW_LABEL: text = row->label; break;
		case SHOW_UNIT: text = row->unit; break;
		case SHOW_NOTE: text = row->note; break;
		case SHOW_ATTR: text = attr_text(g, col, it); break;
		case SHOW_RATIO: break;
		case SHOW_VALUE:
			if (r->op == OP_NONE) {
				Val v = measure_cell(g, r, col, it);
				if (v.known)
					*cell = (ReportCell){.type = CELL_NUM,
					        .kind = v.kind,
					        .v = v.v,
					        .qualifier = v.qual};
			}
			break;
		}
		if (text && text[0])
			*cell = (ReportCell){.type = CELL_TEXT, .text = text};
	}
}

static void out_add(Eng *g, Out *o, const TplRow *r, const Item *it, ReportRow row)
{
	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 64;
		ReportRow *v = arena_alloc(g->arena, (size_t)cap * sizeof *v);
		const TplRow **t = arena_alloc(g->arena, (size_t)cap * sizeof *t);
		const Item **i = arena_alloc(g->arena, (size_t)cap * sizeof *i);
		if (o->n) {
			memcpy(v, o->v, (size_t)o->n * sizeof *v);
			memcpy(t, o->tpl, (size_t)o->n * sizeof *t);
			memcpy(i, o->item, (size_t)o->n * sizeof *i);
		}
		o->v = v, o->tpl = t, o->item = i, o->cap = cap;
	}
	o->tpl[o->n] = r;
	o->item[o->n] = it;
	o->v[o->n++] = row;
}

static bool shown(const Eng *g, const TplRow *r)
{
	for (int i = 0; i < r->n_scopes; i++)
		if (!strcmp(r->scopes[i], g->scope_kind))
			return true;
	return r->n_scopes == 0;
}

static void build_rows(Eng *g, const TplRow *v, int n, Out *o)
{
	for (int i = 0; i < n; i++) {
		const TplRow *r = &v[i];
		if (!shown(g, r))
			continue;
		ReportRow base = {.no = r->no,
		        .label = r->label,
		        .unit = row_unit(g, r),
		        .note = r->note,
		        .depth = r->depth,
		        .total = r->total,
		        .group = r->n_kids > 0};
		if (!r->each) {
			fill_cells(g, r, NULL, &base);
			out_add(g, o, r, NULL, base);
			build_rows(g, r->kids, r->n_kids, o);
			continue;
		}
		Items items = expand(g, r);
		for (int k = 0; k < items.n; k++) {
			Item *it = arena_alloc(g->arena, sizeof *it);
			*it = items.v[k];
			ReportRow row = base;
			row.no = item_no(g, r, k + 1);
			row.label = item_label(g, r, it);
			fill_cells(g, r, it, &row);
			out_add(g, o, r, it, row);
		}
	}
}

/* ---- Formulas ----------------------------------------------------------------------- */

/* Output rows of template row id (several for an expansion). */
static int rows_of_id(const Out *o, const char *id, int *idx, int max)
{
	int n = 0;
	for (int i = 0; i < o->n && n < max; i++)
		if (o->tpl[i]->id && !strcmp(o->tpl[i]->id, id))
			idx[n++] = i;
	return n;
}

/* Output rows of the direct children of template row r. */
static int rows_of_kids(const Out *o, const TplRow *r, int *idx, int max)
{
	int n = 0;
	for (int i = 0; i < o->n && n < max; i++)
		for (int k = 0; k < r->n_kids; k++)
			if (o->tpl[i] == &r->kids[k]) {
				idx[n++] = i;
				break;
			}
	return n;
}

static int formula(Eng *g, Out *o, int row, Err *e);

/* The sum of column c over rows idx[0..n), each computed first. */
static int sum_cells(Eng *g, Out *o, const int *idx, int n, int c, Val *out, Err *e)
{
	*out = (Val){0};
	bool first = true;
	for (int i = 0; i < n; i++) {
		int rc = formula(g, o, idx[i], e);
		if (rc)
			return rc;
		const ReportCell *x = &o->v[idx[i]].cells[c];
		if (x->type != CELL_NUM)
			continue;
		if (!first && x->kind != out->kind)
			return err_field(e, "template", KC_EINVAL,
			        "Mẫu '%s': cột '%s' cộng các dòng khác loại số (tiền với số lượng)",
			        g->tpl.id, g->tpl.cols[c].id);
		out->kind = x->kind, first = false;
		val_add(out, x->v, x->qualifier);
	}
	return 0;
}

enum { MAX_REFS = 512 };

static int formula_cell(Eng *g, Out *o, int row, int c, Err *e)
{
	const TplRow *r = o->tpl[row];
	ReportCell *cell = &o->v[row].cells[c];
	int idx[MAX_REFS], n = 0, rc;
	Val a = {0}, b = {0};
	if (r->op == OP_SUM) {
		if (r->n_of == 0)
			n = rows_of_kids(o, r, idx, MAX_REFS);
		for (int k = 0; k < r->n_of && n < MAX_REFS; k++)
			n += rows_of_id(o, r->of[k], idx + n, MAX_REFS - n);
		if ((rc = sum_cells(g, o, idx, n, c, &a, e)))
			return rc;
		if (a.known) {
			*cell = (ReportCell){.type = CELL_NUM,
			        .kind = a.kind,
			        .v = a.v,
			        .qualifier = a.qual,
			        .n_sum = n};
			cell->sum_of = arena_alloc(g->arena, (size_t)n * sizeof *cell->sum_of);
			memcpy(cell->sum_of, idx, (size_t)n * sizeof *idx);
		}
		return 0;
	}
	n = rows_of_id(o, r->of[0], idx, MAX_REFS);
	if ((rc = sum_cells(g, o, idx, n, c, &a, e)))
		return rc;
	n = rows_of_id(o, r->of[1], idx, MAX_REFS);
	if ((rc = sum_cells(g, o, idx, n, c, &b, e)) || !a.known || !b.known || b.v == 0)
		return rc;
	int64_t v;
	ValueKind kind = r->op == OP_PCT ? VK_PCT : r->op == OP_TIMES ? VK_RATIO : a.kind;
	if (r->op == OP_PCT)
		rc = num_pct_x100(a.v, b.v, &v, NULL);
	else if (r->op == OP_TIMES)
		rc = num_ratio_x100(a.v, b.v, &v, NULL);
	else
		rc = num_muldiv_round(a.v, 1, b.v, &v, NULL);
	if (rc == 0)
		*cell = (ReportCell){.type = CELL_NUM, .kind = kind, .v = v};
	return 0;
}

static int formula(Eng *g, Out *o, int row, Err *e)
{
	const TplRow *r = o->tpl[row];
	if (r->op == OP_NONE || o->done[row])
		return 0;
	if (o->busy[row])
		return err_field(e, "template", KC_EINVAL,
		        "Mẫu '%s': công thức của dòng '%s' vòng lại chính nó", g->tpl.id, r->label);
	o->busy[row] = true;
	for (int c = 0; c < g->tpl.n_cols; c++) {
		if (g->tpl.cols[c].show != SHOW_VALUE || !r->cols[c])
			continue;
		int rc = formula_cell(g, o, row, c, e);
		if (rc)
			return rc;
	}
	o->busy[row] = false;
	o->done[row] = true;
	return 0;
}

/* A ratio column: its two columns divided where both are known, else the
 * rate reported as a figure (seed001 gives "đạt 19% kế hoạch" without the
 * plan). */
/* A total's ratio compares like with like only if each row it adds has
 * both numbers or neither: 11.532 disbursed against the plan of one row of
 * nine is no percentage of plan. */
static bool parts_match(const Out *o, const ReportCell *a, int ca, int cb)
{
	for (int k = 0; k < a->n_sum; k++) {
		const ReportRow *r = &o->v[a->sum_of[k]];
		if ((r->cells[ca].type == CELL_NUM) != (r->cells[cb].type == CELL_NUM))
			return false;
	}
	return true;
}

static void ratio_cells(Eng *g, Out *o, int c)
{
	const TplColumn *col = &g->tpl.cols[c];
	for (int i = 0; i < o->n; i++) {
		ReportCell *cell = &o->v[i].cells[c];
		const ReportCell *a = &o->v[i].cells[col->ratio_a],
		                 *b = &o->v[i].cells[col->ratio_b];
		int64_t v;
		if (a->n_sum && !parts_match(o, a, col->ratio_a, col->ratio_b))
			continue;
		if (a->type == CELL_NUM && b->type == CELL_NUM && b->v != 0 &&
		        (col->ratio == RATIO_PCT ? num_pct_x100(a->v, b->v, &v, NULL)
		                                 : num_ratio_x100(a->v, b->v, &v, NULL)) == 0) {
			*cell = (ReportCell){.type = CELL_NUM,
			        .kind = col->ratio == RATIO_PCT ? VK_PCT : VK_RATIO,
			        .v = v,
			        .is_ratio = true};
			continue;
		}
		const TplRow *r = o->tpl[i];
		const TplMeasure *m = slot_of(r, col->slot);
		if (!m || !m->indicator || r->op != OP_NONE || (o->item[i] && o->item[i]->key))
			continue;
		Conds cs;
		cell_conds(g, r, col, o->item[i], &cs);
		/* A rate reported as an estimate ("ước đạt 52%") when none is actual. */
		int unit = o->item[i] ? o->item[i]->unit : -1;
		Val x = combine(
		        g, FROM_AGGREGATE, NULL, m->indicator, "actual", col->window, &cs, unit);
		if (!x.known)
			x = combine(g, FROM_AGGREGATE, NULL, m->indicator, "estimate", col->window,
			        &cs, unit);
		if (x.known)
			*cell = (ReportCell){
			        .type = CELL_NUM, .kind = x.kind, .v = x.v, .qualifier = x.qual};
	}
}

/* ---- The table ---------------------------------------------------------------------- */

static const char *period_text(Eng *g, const Period *p)
{
	Buf b;
	buf_init(&b, 200);
	period_label_vi(&b, p, 0);
	const char *s = arena_strdup(g->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const char *filters_canon(Eng *g, const char **label)
{
	char canon[300] = "", text[600] = "";
	size_t k = 0, t = 0;
	if (strcmp(g->level, "all")) {
		k += (size_t)snprintf(canon, sizeof canon, "program_level=%s", g->level);
		t += (size_t)snprintf(text, sizeof text, "Chương trình khuyến công %s",
		        strcmp(g->level, "national") ? "địa phương" : "quốc gia");
	}
	for (int i = 0; i < g->n_sources && k < sizeof canon && t < sizeof text; i++) {
		const Label *l = eng_label(g, "source", g->sources[i]);
		k += (size_t)snprintf(canon + k, sizeof canon - k, "%s%s",
		        i   ? ","
		        : k ? ";funding_sources="
		            : "funding_sources=",
		        g->sources[i]);
		t += (size_t)snprintf(text + t, sizeof text - t, "%s%s",
		        i   ? ", "
		        : t ? "; nguồn: "
		            : "Nguồn: ",
		        l ? l->label : g->sources[i]);
	}
	*label = t ? arena_strdup(g->arena, text) : NULL;
	return arena_strdup(g->arena, canon);
}

static void describe(Eng *g, ReportTable *t)
{
	static const char *const units[] = {"đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"};
	const Template *tp = &g->tpl;
	t->template_id = tp->id;
	t->template_version = g->stored.version;
	t->form = tp->form;
	t->title = tp->title;
	t->abstract = tp->abstract ? tp->abstract : tp->title;
	t->period = arena_strdup(g->arena, g->win[WIN_CURRENT].code);
	t->period_label = period_text(g, &g->win[WIN_CURRENT].p);
	t->scope = g->scope_canon;
	t->scope_label = g->scope_label;
	t->boundaries = g->current_units ? "current" : "legacy";
	t->boundaries_label = g->current_units
	                              ? "Số liệu quy đổi theo đơn vị hành chính cấp tỉnh hiện nay"
	                              : "Số liệu theo đơn vị hành chính tại thời điểm phát sinh";
	t->filters = filters_canon(g, &t->filters_label);
	t->money_unit = tp->money_unit;
	char line[80];
	snprintf(line, sizeof line, "Đơn vị tính: %s", units[tp->money_unit]);
	t->unit_line = arena_strdup(g->arena, line);
	char now[STORE_TIME_LEN];
	Actor clock = {.now = g->req->now};
	store_now(&clock, now);
	t->computed_at = arena_strdup(g->arena, now);
	t->n_notes = tp->n_notes + 1;
	t->notes = arena_alloc(g->arena, (size_t)t->n_notes * sizeof *t->notes);
	memcpy(t->notes, tp->notes, (size_t)tp->n_notes * sizeof *t->notes);
	t->notes[tp->n_notes] = "Ô để trống: không có số liệu báo cáo.";
	t->n_cols = tp->n_cols;
	t->cols = arena_alloc(g->arena, (size_t)tp->n_cols * sizeof *t->cols);
	for (int c = 0; c < tp->n_cols; c++) {
		const TplColumn *x = &tp->cols[c];
		static const ColRole roles[] = {[SHOW_NO] = COL_NO,
		        [SHOW_LABEL] = COL_LABEL,
		        [SHOW_UNIT] = COL_UNIT,
		        [SHOW_VALUE] = COL_VALUE,
		        [SHOW_RATIO] = COL_VALUE,
		        [SHOW_ATTR] = COL_TEXT,
		        [SHOW_NOTE] = COL_NOTE};
		t->cols[c] = (ReportColumn){x->id, x->label, x->group, roles[x->show], x->ratio_a,
		        x->ratio_b, x->decimals, x->width};
	}
}

static int parse_filters(Eng *g, Err *e)
{
	const ReportRequest *r = g->req;
	g->level = g->tpl.level;
	if (r->program_level) {
		if (strcmp(r->program_level, "all") && strcmp(r->program_level, "national") &&
		        strcmp(r->program_level, "local"))
			return err_field(e, "program_level", KC_EINVAL,
			        "Cấp chương trình '%.20s' không có; chọn national (khuyến công quốc"
			        " gia), local (khuyến công địa phương) hoặc all",
			        r->program_level);
		g->level = r->program_level;
	}
	memcpy(g->sources, g->tpl.sources, sizeof g->sources);
	g->n_sources = g->tpl.n_sources;
	if (!r->funding_sources)
		return 0;
	g->n_sources = 0;
	char *copy = arena_strdup(g->arena, r->funding_sources), *s = copy;
	while (*s) {
		char *end = strchr(s, ',');
		if (end)
			*end = '\0';
		if (g->n_sources >= TPL_MAX_SOURCES)
			return err_field(e, "funding_sources", KC_EINVAL,
			        "Chọn tối đa %d nguồn kinh phí", TPL_MAX_SOURCES);
		if (*s)
			g->sources[g->n_sources++] = s;
		if (!end)
			break;
		s = end + 1;
	}
	return 0;
}

static int check_sources(Eng *g, Err *e)
{
	for (int i = 0; i < g->n_sources; i++)
		if (!eng_label(g, "source", g->sources[i]))
			return err_field(e, "funding_sources", KC_EINVAL,
			        "Nguồn kinh phí '%.30s' không có (central, provincial, district,"
			        " commune, counterpart, other)",
			        g->sources[i]);
	return 0;
}

static int build(Eng *g, ReportTable *t, Err *e)
{
	Out o = {0};
	build_rows(g, g->tpl.rows, g->tpl.n_rows, &o);
	o.done = arena_alloc(g->arena, (size_t)(o.n + 1) * sizeof *o.done);
	o.busy = arena_alloc(g->arena, (size_t)(o.n + 1) * sizeof *o.busy);
	for (int i = 0; i < o.n; i++) {
		int rc = formula(g, &o, i, e);
		if (rc)
			return rc;
	}
	for (int c = 0; c < g->tpl.n_cols; c++)
		if (g->tpl.cols[c].show == SHOW_RATIO)
			ratio_cells(g, &o, c);
	t->rows = o.v;
	t->n_rows = o.n;
	return 0;
}

int report_compute(Db *db, const ReportRequest *req, Arena *arena, ReportTable **out, Err *e)
{
	*out = NULL;
	Eng *g = calloc(1, sizeof *g);
	if (!g)
		abort();
	*g = (Eng){.db = db, .arena = arena, .req = req};
	int rc;
	g->queries++;
	rc = store_report_template_get(
	        db, req->template_id, req->template_version, arena, &g->stored, e);
	if (rc == KC_ENOTFOUND && !req->template_version &&
	        tpl_shipped(req->template_id, arena, &g->stored) == 0) {
		err_clear(e);
		rc = 0;
	}
	if (rc || (rc = tpl_parse(g->stored.body, strlen(g->stored.body), arena, &g->tpl, e)) ||
	        (rc = parse_filters(g, e)) || (rc = eng_resolve_period(g, e)) ||
	        (rc = eng_load_provinces(g, e)) || (rc = eng_resolve_scope(g, e)) ||
	        (rc = load_facts(g, e)) || (rc = check_sources(g, e)))
		goto done;
	ReportTable *t = arena_alloc(arena, sizeof *t);
	describe(g, t);
	if ((rc = build(g, t, e)))
		goto done;
	t->queries = g->queries;
	t->query_seconds = g->query_seconds;
	*out = t;
done:
	free(g);
	return rc;
}
