/* report_json_read.c — a table written by report_render_json read back
 * (a submitted report's stored table, to render it again in any format).
 * The stored text is ours, but it is checked as if it were not: cells per
 * row, column references and row references must be in range. */
#include <jansson.h>
#include <string.h>

#include "report/report_render.h"

typedef struct Rd {
	Arena *arena;
	Err *e;
	int rc;
} Rd;

static const char *get_str(Rd *r, json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	if (json_is_null(v) || !v)
		return NULL;
	if (!json_is_string(v)) {
		r->rc = err_set(r->e, KC_EINVAL, "stored report: '%s' is not a string", key);
		return NULL;
	}
	return arena_strndup(r->arena, json_string_value(v), json_string_length(v));
}

static int64_t get_int(json_t *obj, const char *key)
{
	return json_integer_value(json_object_get(obj, key));
}

static int index_of(const char *const *v, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (!strcmp(v[i], s))
			return i;
	return -1;
}

static void read_cell(Rd *r, json_t *j, int n_rows, ReportCell *x)
{
	*x = (ReportCell){0};
	if (json_is_null(j))
		return;
	if (!json_is_object(j)) {
		r->rc = err_set(r->e, KC_EINVAL, "stored report: a cell is not an object");
		return;
	}
	json_t *v = json_object_get(j, "value");
	if (!v) {
		x->type = CELL_TEXT;
		if (!(x->text = get_str(r, j, "text")))
			r->rc = err_set(r->e, KC_EINVAL,
			        "stored report: a cell has neither value nor text");
		return;
	}
	int k = index_of(report_json_kinds, 4, json_string_value(json_object_get(j, "kind")));
	if (!json_is_integer(v) || k < 0) {
		r->rc = err_set(r->e, KC_EINVAL, "stored report: a number cell is malformed");
		return;
	}
	*x = (ReportCell){.type = CELL_NUM,
	        .kind = (ValueKind)k,
	        .v = json_integer_value(v),
	        .qualifier = get_str(r, j, "qualifier"),
	        .is_ratio = json_is_true(json_object_get(j, "ratio"))};
	json_t *sum = json_object_get(j, "sum_of");
	size_t n = json_array_size(sum);
	if (!n)
		return;
	x->sum_of = arena_alloc(r->arena, n * sizeof *x->sum_of);
	for (size_t i = 0; i < n; i++) {
		int64_t row = json_integer_value(json_array_get(sum, i));
		if (row < 0 || row >= n_rows)
			r->rc = err_set(r->e, KC_EINVAL, "stored report: a total names row %lld",
			        (long long)row);
		else
			x->sum_of[x->n_sum++] = (int)row;
	}
}

static void read_columns(Rd *r, json_t *arr, ReportTable *t)
{
	t->n_cols = (int)json_array_size(arr);
	t->cols = arena_alloc(r->arena, (size_t)(t->n_cols + 1) * sizeof *t->cols);
	for (int c = 0; c < t->n_cols; c++) {
		json_t *j = json_array_get(arr, (size_t)c);
		ReportColumn *x = &t->cols[c];
		int role = index_of(
		        report_json_roles, 6, json_string_value(json_object_get(j, "role")));
		json_t *ratio = json_object_get(j, "ratio");
		*x = (ReportColumn){get_str(r, j, "id"), get_str(r, j, "label"),
		        get_str(r, j, "group"), role < 0 ? COL_TEXT : (ColRole)role, -1, -1,
		        (int)get_int(j, "decimals"), (int)get_int(j, "width")};
		if (json_array_size(ratio) == 2) {
			x->ratio_a = (int)json_integer_value(json_array_get(ratio, 0));
			x->ratio_b = (int)json_integer_value(json_array_get(ratio, 1));
		}
		if (!x->id || !x->label || x->decimals < 0 || x->decimals > 2 ||
		        x->ratio_a >= t->n_cols || x->ratio_b >= t->n_cols || x->ratio_a < -1 ||
		        x->ratio_b < -1)
			r->rc = err_set(
			        r->e, KC_EINVAL, "stored report: column %d is malformed", c);
	}
}

static void read_rows(Rd *r, json_t *arr, ReportTable *t)
{
	t->n_rows = (int)json_array_size(arr);
	t->rows = arena_alloc(r->arena, (size_t)(t->n_rows + 1) * sizeof *t->rows);
	for (int i = 0; i < t->n_rows && r->rc == 0; i++) {
		json_t *j = json_array_get(arr, (size_t)i), *cells = json_object_get(j, "cells");
		ReportRow *x = &t->rows[i];
		*x = (ReportRow){get_str(r, j, "no"), get_str(r, j, "label"), get_str(r, j, "unit"),
		        get_str(r, j, "note"), (int)get_int(j, "depth"),
		        json_is_true(json_object_get(j, "group")),
		        json_is_true(json_object_get(j, "total")), NULL};
		if ((int)json_array_size(cells) != t->n_cols) {
			r->rc = err_set(r->e, KC_EINVAL, "stored report: row %d has %zu cells", i,
			        json_array_size(cells));
			return;
		}
		x->cells = arena_alloc(r->arena, (size_t)(t->n_cols + 1) * sizeof *x->cells);
		for (int c = 0; c < t->n_cols; c++)
			read_cell(r, json_array_get(cells, (size_t)c), t->n_rows, &x->cells[c]);
	}
}

static void read_pair(Rd *r, json_t *root, const char *key, const char **code, const char **label)
{
	json_t *o = json_object_get(root, key);
	*code = get_str(r, o, "code");
	*label = get_str(r, o, "label");
}

int report_table_from_json(const char *json, size_t len, Arena *arena, ReportTable **out, Err *e)
{
	static const char *const units[] = {"đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"};
	*out = NULL;
	json_error_t je;
	json_t *root = json_loadb(json, len, 0, &je);
	if (!root || !json_is_object(root)) {
		json_decref(root);
		return err_set(e, KC_EINVAL, "stored report is not JSON: %s", je.text);
	}
	Rd r = {arena, e, 0};
	ReportTable *t = arena_alloc(arena, sizeof *t);
	json_t *tpl = json_object_get(root, "template");
	t->template_id = get_str(&r, tpl, "id");
	t->template_version = (int)get_int(tpl, "version");
	t->form = get_str(&r, root, "form");
	t->title = get_str(&r, root, "title");
	t->abstract = get_str(&r, root, "abstract");
	t->unit_line = get_str(&r, root, "unit_line");
	t->computed_at = get_str(&r, root, "computed_at");
	read_pair(&r, root, "period", &t->period, &t->period_label);
	read_pair(&r, root, "scope", &t->scope, &t->scope_label);
	read_pair(&r, root, "boundaries", &t->boundaries, &t->boundaries_label);
	read_pair(&r, root, "filters", &t->filters, &t->filters_label);
	int unit = index_of(units, 4, json_string_value(json_object_get(root, "money_unit")));
	t->money_unit = unit < 0 ? 2 : unit;
	t->queries = (int)get_int(root, "queries");
	read_columns(&r, json_object_get(root, "columns"), t);
	if (r.rc == 0)
		read_rows(&r, json_object_get(root, "rows"), t);
	json_t *notes = json_object_get(root, "notes");
	t->n_notes = (int)json_array_size(notes);
	t->notes = arena_alloc(arena, (size_t)(t->n_notes + 1) * sizeof *t->notes);
	for (int i = 0; i < t->n_notes; i++)
		if (!(t->notes[i] = arena_strdup(
		              arena, json_string_value(json_array_get(notes, (size_t)i)))))
			r.rc = err_set(e, KC_EINVAL, "stored report: note %d is not text", i);
	json_decref(root);
	/* What the renderers print must be there. */
	const char *const need[] = {t->template_id, t->title, t->abstract, t->period,
	        t->period_label, t->scope, t->scope_label, t->boundaries, t->boundaries_label,
	        t->unit_line, t->computed_at};
	for (size_t i = 0; r.rc == 0 && i < sizeof need / sizeof *need; i++)
		if (!need[i])
			r.rc = err_set(e, KC_EINVAL,
			        "stored report lacks its template, title, period, scope, boundaries,"
			        " unit line or time");
	if (r.rc == 0)
		*out = t;
	return r.rc;
}
