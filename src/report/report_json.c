/* report_json.c — a table as JSON, the API's format and a snapshot's stored
 * form (report_json_read.c reads it back). Numbers keep their exact value
 * ("value": đồng, ×100 for percentages and ratios) beside the text an office
 * would print ("text"). */
#include <string.h>

#include "core/json.h"
#include "report/report_render.h"

const char *const report_json_kinds[4] = {"count", "money", "percent_x100", "ratio_x100"};
const char *const report_json_roles[6] = {"no", "label", "unit", "value", "text", "note"};

/* Members of an object: a key and its text (NULL: null), its number, its truth. */
static void key_str(JsonW *w, const char *key, const char *v)
{
	json_key(w, key);
	json_cstr(w, v);
}

static void key_int(JsonW *w, const char *key, int64_t v)
{
	json_key(w, key);
	json_int(w, v);
}

static void key_bool(JsonW *w, const char *key, bool v)
{
	json_key(w, key);
	json_bool(w, v);
}

static void pair(JsonW *w, const char *key, const char *code, const char *label)
{
	json_key(w, key);
	json_obj(w);
	key_str(w, "code", code);
	key_str(w, "label", label);
	json_obj_end(w);
}

static void write_cell(JsonW *w, const ReportTable *t, int c, const ReportCell *x, Buf *text)
{
	if (x->type == CELL_EMPTY) {
		json_null(w);
		return;
	}
	json_obj(w);
	if (x->type == CELL_NUM) {
		key_int(w, "value", x->v);
		key_str(w, "kind", report_json_kinds[x->kind]);
		if (x->qualifier)
			key_str(w, "qualifier", x->qualifier);
		if (x->n_sum) {
			json_key(w, "sum_of");
			json_arr(w);
			for (int i = 0; i < x->n_sum; i++)
				json_int(w, x->sum_of[i]);
			json_arr_end(w);
		}
		if (x->is_ratio)
			key_bool(w, "ratio", true);
	}
	buf_reset(text);
	report_cell_text(t, c, x, text);
	key_str(w, "text", buf_cstr(text));
	json_obj_end(w);
}

static void write_columns(JsonW *w, const ReportTable *t)
{
	json_key(w, "columns");
	json_arr(w);
	for (int c = 0; c < t->n_cols; c++) {
		const ReportColumn *x = &t->cols[c];
		json_obj(w);
		key_str(w, "id", x->id);
		key_str(w, "label", x->label);
		key_str(w, "group", x->group);
		key_str(w, "role", report_json_roles[x->role]);
		if (x->ratio_a >= 0) {
			json_key(w, "ratio");
			json_arr(w);
			json_int(w, x->ratio_a);
			json_int(w, x->ratio_b);
			json_arr_end(w);
		}
		key_int(w, "decimals", x->decimals);
		key_int(w, "width", x->width);
		json_obj_end(w);
	}
	json_arr_end(w);
}

static void write_rows(JsonW *w, const ReportTable *t)
{
	Buf text;
	buf_init(&text, 4096);
	json_key(w, "rows");
	json_arr(w);
	for (int r = 0; r < t->n_rows; r++) {
		const ReportRow *x = &t->rows[r];
		json_obj(w);
		key_str(w, "no", x->no);
		key_str(w, "label", x->label);
		key_str(w, "unit", x->unit);
		key_str(w, "note", x->note);
		key_int(w, "depth", x->depth);
		key_bool(w, "group", x->group);
		key_bool(w, "total", x->total);
		json_key(w, "cells");
		json_arr(w);
		for (int c = 0; c < t->n_cols; c++)
			write_cell(w, t, c, &x->cells[c], &text);
		json_arr_end(w);
		json_obj_end(w);
	}
	json_arr_end(w);
	buf_free(&text);
}

int report_render_json(const ReportTable *t, Buf *out, Err *e)
{
	static const char *const units[] = {"đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"};
	JsonW w;
	json_init(&w, out);
	json_obj(&w);
	json_key(&w, "template");
	json_obj(&w);
	key_str(&w, "id", t->template_id);
	key_int(&w, "version", t->template_version);
	json_obj_end(&w);
	const char *const texts[][2] = {{"form", t->form}, {"title", t->title},
	        {"abstract", t->abstract}, {"unit_line", t->unit_line},
	        {"computed_at", t->computed_at}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		key_str(&w, texts[i][0], texts[i][1]);
	pair(&w, "period", t->period, t->period_label);
	pair(&w, "scope", t->scope, t->scope_label);
	pair(&w, "boundaries", t->boundaries, t->boundaries_label);
	pair(&w, "filters", t->filters, t->filters_label);
	key_str(&w, "money_unit", units[t->money_unit]);
	key_int(&w, "queries", t->queries);
	write_columns(&w, t);
	write_rows(&w, t);
	json_key(&w, "notes");
	json_arr(&w);
	for (int i = 0; i < t->n_notes; i++)
		json_cstr(&w, t->notes[i]);
	json_arr_end(&w);
	json_obj_end(&w);
	if (buf_err(out))
		return err_set(e, KC_ETOOBIG, "report too large for its buffer");
	return 0;
}
