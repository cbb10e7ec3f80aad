/* web_aggregate.c — aggregate figures as a grid (store_aggregate.h): for a
 * province and a period, one row per indicator that is reported as a figure
 * (source 'aggregate' or 'both'), one column per kind (plan, actual,
 * estimate). Staff of the province edit the grid and save it all or
 * nothing: every cell is checked first and each bad one is marked with its
 * reason; then the store writes every changed cell in one transaction, and a
 * cell it refuses is marked the same way. The region view sums the figures
 * its provinces reported, per indicator and kind, read-only, for callers who
 * see every province. Numbers are read and written the Vietnamese way
 * (core/num.h): "1.234", "19,5". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/num.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"
#include "store/store_reference.h"
#include "web/web.h"
#include "web/web_aggregate.h"
#include "web/web_routes.h"

enum { KINDS = AGG_KINDS };
const char *const web_aggregate_kinds[AGG_KINDS] = {"plan", "actual", "estimate"};
const char *const web_aggregate_kind_labels[AGG_KINDS] = {"Kế hoạch", "Thực hiện", "Ước thực hiện"};
static const char *const notices[] = {"da-luu", NULL};

const Param web_aggregate_params[] = {
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"period", PARAM_TEXT, 0, 40, NULL, "Kỳ báo cáo", false},
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {NULL},
};

const Param web_aggregate_region_params[] = {
        {"region", PARAM_TEXT, 0, 32, NULL, "Vùng", false},
        {"period", PARAM_TEXT, 0, 40, NULL, "Kỳ báo cáo", false},
        {NULL},
};

/* One cell of the grid: what it holds, what was typed, what is wrong. */
typedef struct Cell {
	int64_t stored; /* -1: no figure */
	int version;    /* of the stored figure, 0: none */
	const char *typed;
	const char *error;
	int64_t value; /* parsed from typed; -1 empty */
} Cell;

typedef struct Grid {
	AggRow *ind; /* the rows */
	int n;
	Cell (*cells)[KINDS];
	const char *list, *code; /* the province as recorded */
	const char *period;
} Grid;

const char *web_aggregate_value(Ctx *c, const AggRow *ind, int64_t v)
{
	Buf t;
	buf_init(&t, 64);
	if (ind->decimal)
		num_format(&t, v, 2, -1);
	else
		num_format_int(&t, v);
	const char *s = arena_strdup(c->arena, buf_cstr(&t));
	buf_free(&t);
	return s;
}

int web_aggregate_rows(Ctx *c, AggRow **rows, int *n)
{
	RefFilter f = {.limit = 500};
	RefList l;
	int rc = store_ref_list(c->db, &store_ref_indicators, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	AggRow *v = arena_alloc(c->arena, ((size_t)l.n + 1) * sizeof *v);
	*n = 0;
	for (int i = 0; i < l.n; i++) {
		const Indicator *x = store_ref_at(&store_ref_indicators, &l, i);
		if (strcmp(x->source, "records"))
			v[(*n)++] = (AggRow){x->code, x->label_vi, x->unit_vi ? x->unit_vi : "",
			        !strcmp(x->value_kind, "percent_x100") ||
			                !strcmp(x->value_kind, "ratio_x100")};
	}
	*rows = v;
	return 0;
}

/* The rows of the grid, every cell empty. */
static int load_rows(Ctx *c, Grid *g)
{
	int rc = web_aggregate_rows(c, &g->ind, &g->n);
	if (rc)
		return rc;
	g->cells = arena_alloc(c->arena, ((size_t)g->n + 1) * sizeof *g->cells);
	for (int i = 0; i < g->n; i++)
		for (int k = 0; k < KINDS; k++)
			g->cells[i][k] = (Cell){-1, 0, NULL, NULL, -1};
	return 0;
}

static Cell *cell_of(Grid *g, const char *indicator, const char *kind)
{
	for (int i = 0; i < g->n; i++)
		for (int k = 0; k < KINDS; k++)
			if (!strcmp(g->ind[i].code, indicator) &&
			        !strcmp(web_aggregate_kinds[k], kind))
				return &g->cells[i][k];
	return NULL;
}

/* The province and period of the request; the figures stored for them. */
static int load_grid(Ctx *c, Grid *g)
{
	int rc = load_rows(c, g);
	if (rc)
		return rc;
	const char *p = ctx_param(c, "province")->s;
	const char *colon = p ? strchr(p, ':') : NULL;
	g->list = colon ? arena_strndup(c->arena, p, (size_t)(colon - p)) : "current";
	g->code = colon ? colon + 1 : c->province;
	AggregateFilter f = store_aggregate_filter();
	f.scope_kind = "province";
	f.scope_list = g->list;
	f.scope_code = g->code;
	f.period = g->period;
	f.program_level = "all";
	f.limit = 500;
	AggregateList l;
	if ((rc = store_aggregate_list(c->db, &f, c->arena, &l, &c->err)))
		return rc;
	for (int i = 0; i < l.n; i++) {
		Cell *x = cell_of(g, l.v[i].indicator_code, l.v[i].figure_kind);
		if (x) {
			x->stored = l.v[i].value;
			x->version = l.v[i].version;
		}
	}
	return 0;
}

const char *web_aggregate_period(Ctx *c)
{
	const char *p = ctx_param(c, "period")->s;
	if (p)
		return p;
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	return arena_strndup(c->arena, now, 4);
}

/* ---- The page ------------------------------------------------------------------------- */

static void choose_form(Ctx *c, const char *period)
{
	Buf *b = web_out(c);
	html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/so-lieu/nhap\">");
	int np;
	const char *const *provinces = web_province_options(c, &np);
	if (c->who.all_provinces || c->who.n_provinces > 1)
		web_select(c, "province", "Tỉnh", provinces, np, ctx_param(c, "province")->s,
		        "— chọn tỉnh —");
	web_input(c, "text", "period", "Kỳ báo cáo", period, "2025, 2025-H1, 2025-Q3", 0);
	html_raw(b, "<button type=\"submit\">Xem</button></form>\n");
	html_raw(b, "<p><a href=\"/so-lieu\">Danh sách số liệu (tìm, lọc, tải xuống)</a>");
	if (c->who.all_provinces)
		html_raw(b, " · <a href=\"/so-lieu/vung\">Tổng hợp theo vùng</a>");
	html_raw(b, "</p>\n");
}

static void cell_input(Ctx *c, const Grid *g, int i, int k, bool editable)
{
	Buf *b = web_out(c);
	const AggRow *ind = &g->ind[i];
	const Cell *x = &g->cells[i][k];
	const char *shown = x->typed         ? x->typed
	                    : x->stored >= 0 ? web_aggregate_value(c, ind, x->stored)
	                                     : "";
	if (!editable) {
		html_printf(b, "<td class=\"num\">%s</td>", *shown ? shown : "—");
		return;
	}
	html_printf(b,
	        "<td><input class=\"cell\" inputmode=\"decimal\" id=\"o-%s-%s\" name=\"v-%s-%s\" "
	        "value=\"%s\" aria-label=\"%s — %s\"",
	        ind->code, web_aggregate_kinds[k], ind->code, web_aggregate_kinds[k], shown,
	        ind->label, web_aggregate_kind_labels[k]);
	if (x->error)
		html_printf(b, " aria-invalid=\"true\" aria-describedby=\"loi-%s-%s\"", ind->code,
		        web_aggregate_kinds[k]);
	html_printf(b, "><input type=\"hidden\" name=\"ver-%s-%s\" value=\"%d\">", ind->code,
	        web_aggregate_kinds[k], x->version);
	if (x->error)
		html_printf(b, "<p class=\"field-error\" id=\"loi-%s-%s\">%s</p>", ind->code,
		        web_aggregate_kinds[k], x->error);
	html_raw(b, "</td>");
}

static void grid_table(Ctx *c, const Grid *g, bool editable)
{
	Buf *b = web_out(c);
	html_raw(b, "<div class=\"table-wrap\"><table class=\"grid\"><thead><tr>"
	            "<th scope=\"col\">Chỉ tiêu</th><th scope=\"col\">Đơn vị tính</th>");
	for (int k = 0; k < KINDS; k++)
		html_printf(
		        b, "<th scope=\"col\" class=\"num\">%s</th>", web_aggregate_kind_labels[k]);
	html_raw(b, "</tr></thead><tbody>\n");
	for (int i = 0; i < g->n; i++) {
		const AggRow *ind = &g->ind[i];
		html_printf(b, "<tr data-indicator=\"%s\"><th scope=\"row\">%s</th><td>%s%s</td>",
		        ind->code, ind->label, ind->unit,
		        ind->decimal ? " (số thập phân sau dấu phẩy)" : "");
		for (int k = 0; k < KINDS; k++)
			cell_input(c, g, i, k, editable);
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

static int grid_page(Ctx *c, int status, const Grid *g, const char *error)
{
	Buf *b = web_out(c);
	web_begin(c, status, "Nhập số liệu tổng hợp", "so-lieu");
	if (ctx_param(c, "tb")->set)
		web_notice(c, "Đã lưu số liệu.");
	choose_form(c, g->period);
	if (error)
		html_printf(b, "<p class=\"error-message\" role=\"alert\">%s</p>\n", error);
	if (!g->code || !*g->code) {
		html_raw(b,
		        "<p class=\"muted\">Chọn tỉnh và kỳ báo cáo để xem, nhập số liệu.</p>\n");
		web_end(c);
		return 0;
	}
	html_printf(b, "<h2>%s — kỳ %s</h2>\n", web_province_name(c, g->list, g->code), g->period);
	bool editable = ctx_can(c, ROLE_STAFF);
	if (editable) {
		html_raw(b, "<form method=\"post\" action=\"/so-lieu/nhap?province=");
		html_urlarg(b, ctx_param(c, "province")->s ? ctx_param(c, "province")->s : g->code);
		html_raw(b, "&amp;period=");
		html_urlarg(b, g->period);
		html_raw(b, "\" class=\"grid-form\">");
		web_csrf(c);
		html_raw(b,
		        "<p class=\"muted\">Số đếm và tiền (đồng) viết liền hoặc có dấu chấm "
		        "hàng nghìn (1.234); tỷ lệ có dấu phẩy thập phân (19,5). Khi lưu, mọi ô "
		        "được kiểm tra: có ô sai thì không ô nào được lưu.</p>\n");
	}
	grid_table(c, g, editable);
	if (editable)
		html_raw(b, "<button type=\"submit\">Lưu số liệu</button></form>\n");
	web_end(c);
	return 0;
}

/* The grid of the request's province and period: 0, or a page saying
 * what is wrong with the period (*shown set), or an error code. */
static int open_grid(Ctx *c, Grid *g, bool *shown)
{
	g->period = web_aggregate_period(c);
	int rc = load_grid(c, g);
	if (rc == KC_EINVAL) { /* a period the store cannot read */
		g->code = NULL;
		*shown = true;
		return grid_page(c, 400, g, c->err.msg);
	}
	return rc;
}

int web_aggregate_page(Ctx *c)
{
	Grid g = {.period = web_aggregate_period(c)};
	bool shown = false;
	if (!*c->province)
		return grid_page(c, 200, &g, NULL);
	int rc = open_grid(c, &g, &shown);
	return rc || shown ? rc : grid_page(c, 200, &g, NULL);
}

/* ---- Saving --------------------------------------------------------------------------- */

/* Parses what was typed into x->value; sets x->error when it is not a value. */
static void parse_cell(Ctx *c, const AggRow *ind, Cell *x)
{
	size_t len = x->typed ? strlen(x->typed) : 0;
	NumDec d;
	const char *why = NULL;
	if (!len) {
		if (x->version)
			x->error = "Ô này đã có số liệu: để trống không xóa được; nhập lại số";
		return;
	}
	if (num_parse_why(x->typed, len, &d, &why)) {
		Buf t;
		buf_init(&t, 512);
		buf_printf(&t, "Số '%s' không hợp lệ: %s", x->typed, why);
		x->error = arena_strdup(c->arena, buf_cstr(&t));
		buf_free(&t);
		return;
	}
	int decimals = ind->decimal ? 2 : 0;
	if (d.mant < 0 || d.scale > decimals) {
		x->error = d.mant < 0 ? "Số liệu không được âm"
		           : decimals ? "Tối đa hai chữ số sau dấu phẩy"
		                      : "Số đếm và tiền là số nguyên (không có phần thập phân)";
		return;
	}
	/* The mantissa may be as large as INT64_MAX: in hundredths it may not fit. */
	if (__builtin_mul_overflow(d.mant, num_pow10(decimals - d.scale), &x->value))
		x->error = "Số quá lớn: không lưu được số liệu này";
}

/* Reads every cell of the form; returns how many are wrong. */
static int read_cells(Ctx *c, Grid *g)
{
	int bad = 0;
	for (int i = 0; i < g->n; i++)
		for (int k = 0; k < KINDS; k++) {
			Cell *x = &g->cells[i][k];
			char name[96];
			snprintf(name, sizeof name, "v-%s-%s", g->ind[i].code,
			        web_aggregate_kinds[k]);
			const char *typed = ctx_form(c, name);
			x->typed = typed ? typed : "";
			snprintf(name, sizeof name, "ver-%s-%s", g->ind[i].code,
			        web_aggregate_kinds[k]);
			const char *ver = ctx_form(c, name);
			x->version = ver ? (int)strtol(ver, NULL, 10) : 0;
			parse_cell(c, &g->ind[i], x);
			bad += x->error != NULL;
		}
	return bad;
}

int web_aggregate_save(Ctx *c)
{
	Grid g = {0};
	bool shown = false;
	int rc = open_grid(c, &g, &shown);
	if (rc || shown)
		return rc;
	if (read_cells(c, &g))
		return grid_page(c, 422, &g, "Chưa lưu: xin sửa các ô có thông báo.");
	AggregateFigure *v = arena_alloc(c->arena, ((size_t)g.n * KINDS + 1) * sizeof *v);
	Cell **at = arena_alloc(c->arena, ((size_t)g.n * KINDS + 1) * sizeof *at);
	size_t n = 0;
	for (int i = 0; i < g.n; i++)
		for (int k = 0; k < KINDS; k++) {
			Cell *x = &g.cells[i][k];
			if (x->value < 0 || (x->value == x->stored && x->version))
				continue; /* empty, or unchanged: nothing to write */
			v[n] = store_aggregate_blank();
			v[n].indicator_code = g.ind[i].code;
			v[n].scope_kind = "province";
			v[n].scope_list = g.list;
			v[n].scope_code = g.code;
			v[n].period = g.period;
			v[n].figure_kind = web_aggregate_kinds[k];
			v[n].value = x->value;
			v[n].version = x->version;
			v[n].source = "web";
			at[n++] = x;
		}
	if (!n)
		return grid_page(c, 422, &g, "Chưa lưu: không có ô nào được nhập hoặc thay đổi.");
	size_t bad = 0;
	if ((rc = store_aggregate_put_many(c->db, &c->actor, v, n, &bad, &c->err))) {
		if (!bad || bad > n)
			return rc;
		/* The message starts "Dòng N: "; the cell says where instead. */
		const char *msg = strstr(c->err.msg, ": ");
		at[bad - 1]->error = arena_strdup(c->arena, msg ? msg + 2 : c->err.msg);
		return grid_page(c, 422, &g, "Chưa lưu: xin sửa ô có thông báo.");
	}
	const char *p = ctx_param(c, "province")->s;
	Buf url;
	buf_init(&url, 256);
	buf_puts(&url, "/so-lieu/nhap?province=");
	html_urlarg(&url, p ? p : g.code);
	buf_puts(&url, "&period=");
	html_urlarg(&url, g.period);
	buf_puts(&url, "&tb=da-luu");
	const char *u = arena_strdup(c->arena, buf_cstr(&url));
	buf_free(&url);
	return web_redirect(c, u);
}
