/* report_json.c — a table as JSON, the API's format and a snapshot's stored
 * form (report_json_read.c reads it back). Numbers keep their exact value
 * ("value": đồng, ×100 for percentages and ratios) beside the text an office
 * would print ("text"). */
#include <string.h>

#include "core/json.h"
#include "report/report_render.h"

const char *const report_json_kinds[4] = {"count", "money", "percent_x100", "ratio_x100"};
const char *const report_json_roles[6] = {"no", "label", "unit", "value", "text", "note"};

static void pair(JsonW *w, const char *key, const char *code, const char *label)
{
	json_key(w, key);
	json_obj(w);
	json_key(w, "code");
	json_cstr(w, code);
	json_key(w, "label");
	json_cstr(w, label);
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
		json_key(w, "value");
		json_int(w, x->v);
		json_key(w, "kind");
		json_cstr(w, report_json_kinds[x->kind]);
		if (x->qualifier) {
			json_key(w, "qualifier");
			json_cstr(w, x->qualifier);
		}
		if (x->n_sum) {
			json_key(w, "sum_of");
			json_arr(w);
			for (int i = 0; i < x->n_sum; i++)
				json_int(w, x->sum_of[i]);
			json_arr_end(w);
		}
		if (x->is_ratio) {
			json_key(w, "ratio");
			json_bool(w, true);
		}
	}
	buf_reset(text);
	report_cell_text(t, c, x, text);
	json_key(w, "text");
	json_cstr(w, buf_cstr(text));
	json_obj_end(w);
}

static void write_columns(JsonW *w, const ReportTable *t)
{
	json_key(w, "columns");
	json_arr(w);
	for (int c = 0; c < t->n_cols; c++) {
		const ReportColumn *x = &t->cols[c];
		json_obj(w);
		json_key(w, "id");
		json_cstr(w, x->id);
		json_key(w, "label");
		json_cstr(w, x->label);
		json_key(w, "group");
		json_cstr(w, x->group);
		json_key(w, "role");
		json_cstr(w, report_json_roles[x->role]);
		if (x->ratio_a >= 0) {
			json_key(w, "ratio");
			json_arr(w);
			json_int(w, x->ratio_a);
			json_int(w, x->ratio_b);
			json_arr_end(w);
		}
		json_key(w, "decimals");
		json_int(w, x->decimals);
		json_key(w, "width");
		json_int(w, x->width);
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
		json_key(w, "no");
		json_cstr(w, x->no);
		json_key(w, "label");
		json_cstr(w, x->label);
		json_key(w, "unit");
		json_cstr(w, x->unit);
		json_key(w, "note");
		json_cstr(w, x->note);
		json_key(w, "depth");
		json_int(w, x->depth);
		json_key(w, "group");
		json_bool(w, x->group);
		json_key(w, "total");
		json_bool(w, x->total);
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
	json_key(&w, "id");
	json_cstr(&w, t->template_id);
	json_key(&w, "version");
	json_int(&w, t->template_version);
	json_obj_end(&w);
	const char *const texts[][2] = {{"form", t->form}, {"title", t->title},
	        {"abstract", t->abstract}, {"unit_line", t->unit_line},
	        {"computed_at", t->computed_at}};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		json_key(&w, texts[i][0]);
		json_cstr(&w, texts[i][1]);
	}
	pair(&w, "period", t->period, t->period_label);
	pair(&w, "scope", t->scope, t->scope_label);
	pair(&w, "boundaries", t->boundaries, t->boundaries_label);
	pair(&w, "filters", t->filters, t->filters_label);
	json_key(&w, "money_unit");
	json_cstr(&w, units[t->money_unit]);
	json_key(&w, "queries");
	json_int(&w, t->queries);
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
