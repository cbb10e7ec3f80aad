/* web_export.c — see web_export.h. */
#include <stdio.h>
#include <string.h>

#include "web/web_export.h"

void web_table_init(WebTable *w, Ctx *c, const char *title, const char *const *labels, int n)
{
	*w = (WebTable){.arena = c->arena};
	ReportTable *t = &w->t;
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	size_t len = 64;
	char *when = arena_alloc(c->arena, len);
	snprintf(when, len, "Trích xuất ngày %.2s/%.2s/%.4s", now + 8, now + 5, now);
	t->template_id = "danh_sach";
	t->title = title;
	t->abstract = title;
	t->period = "";
	t->period_label = when;
	t->scope = "";
	t->scope_label = c->who.all_provinces ? "Toàn quốc" : "Phạm vi của người dùng";
	t->boundaries = "legacy";
	t->boundaries_label = "theo địa giới hành chính ghi trong hồ sơ";
	t->filters = "";
	t->money_unit = 0;
	t->unit_line = "Đơn vị tính: đồng";
	t->computed_at = arena_strdup(c->arena, now);
	t->n_cols = n;
	t->cols = arena_alloc(c->arena, (size_t)n * sizeof *t->cols);
	for (int i = 0; i < n; i++) {
		bool num = labels[i][0] == '#' || labels[i][0] == '$';
		t->cols[i] = (ReportColumn){
		        .id = labels[i],
		        .label = num ? labels[i] + 1 : labels[i],
		        .role = num      ? COL_VALUE
		                : i == 1 ? COL_LABEL
		                         : COL_TEXT,
		        .ratio_a = -1,
		        .ratio_b = -1,
		        .width = num      ? 14
		                 : i == 1 ? 40
		                          : 18,
		};
	}
}

void web_table_row(WebTable *w)
{
	ReportTable *t = &w->t;
	if (t->n_rows == w->cap) {
		int cap = w->cap ? 2 * w->cap : 256;
		ReportRow *rows = arena_alloc(w->arena, (size_t)cap * sizeof *rows);
		if (t->n_rows)
			memcpy(rows, t->rows, (size_t)t->n_rows * sizeof *rows);
		t->rows = rows;
		w->cap = cap;
	}
	ReportRow *r = &t->rows[t->n_rows++];
	*r = (ReportRow){.depth = 1, .label = ""};
	r->cells = arena_alloc(w->arena, (size_t)t->n_cols * sizeof *r->cells);
}

void web_table_text(WebTable *w, int col, const char *s)
{
	ReportRow *r = &w->t.rows[w->t.n_rows - 1];
	if (s && *s)
		r->cells[col] = (ReportCell){.type = CELL_TEXT, .text = s};
	if (w->t.cols[col].role == COL_LABEL)
		r->label = s ? s : "";
}

void web_table_num(WebTable *w, int col, int64_t v)
{
	ReportRow *r = &w->t.rows[w->t.n_rows - 1];
	if (v >= 0)
		r->cells[col] = (ReportCell){.type = CELL_NUM,
		        .kind = w->t.cols[col].id[0] == '$' ? VK_MONEY : VK_COUNT,
		        .v = v};
}

int web_export(Ctx *c, WebTable *w, const char *format, const char *filename)
{
	ReportFormat f;
	int rc = report_format_parse(format, &f, &c->err);
	if (rc)
		return ctx_fail(c, 400, rc);
	buf_reset(web_out(c));
	rc = report_render(&w->t, f, NULL, web_out(c), &c->err);
	if (rc)
		return rc;
	c->res->status = 200;
	c->res->content_type = report_format_mime(f);
	size_t n = strlen(filename) + 64;
	char *disp = arena_alloc(c->arena, n);
	snprintf(disp, n, "attachment; filename=\"%s.%s\"", filename, report_format_ext(f));
	http_res_header(c->res, "Content-Disposition", disp);
	return 0;
}
