/* web_aggregate_region.c — a region's aggregate figures: for each indicator
 * reported as a figure and each kind, the sum of what the region's provinces
 * (its members on the last day of the period) reported, with how many
 * reported; read-only, for callers who see every province (the route is
 * SCOPE_NATION). Percentages and ratios do not add up and are not summed. */
#include <stdio.h>
#include <string.h>

#include "api/api_routes.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"
#include "web/web.h"
#include "web/web_aggregate.h"
#include "web/web_routes.h"

enum { MAX_REGIONS = 128 };

/* The regions as (code, name) pairs for a select. */
typedef struct Regions {
	const char **v;
	int n;
	Arena *arena;
} Regions;

static int add_option(void *ctx, const char *code, const char *kind, const char *name)
{
	(void)kind;
	Regions *r = ctx;
	if (r->n < MAX_REGIONS) {
		r->v[2 * r->n] = arena_strdup(r->arena, code);
		r->v[2 * r->n + 1] = arena_strdup(r->arena, name);
		r->n++;
	}
	return 0;
}

static void region_cell(Ctx *c, const AggRow *ind, const char *period, const char *kind,
        const AggregateProvinces *m)
{
	Buf *b = web_out(c);
	if (ind->decimal) { /* percentages and ratios do not add up */
		html_raw(b, "<td class=\"num\" title=\"Tỷ lệ không cộng được\">—</td>");
		return;
	}
	int64_t sum = 0, count = 0;
	Err e = {0};
	if (store_aggregate_sum_provinces(
	            c->db, ind->code, period, kind, "all", m->v, m->n, &sum, &count, &e) ||
	        !count) {
		html_raw(b, "<td class=\"num\">—</td>");
		return;
	}
	html_printf(b,
	        "<td class=\"num\" data-provinces=\"%lld\">%s<span class=\"muted\"> (%lld/%zu "
	        "tỉnh)</span></td>",
	        (long long)count, web_aggregate_value(c, ind, sum), (long long)count, m->n);
}

int web_aggregate_region(Ctx *c)
{
	const char *period = web_aggregate_period(c), *problem = NULL;
	AggRow *rows;
	int n;
	int rc = web_aggregate_rows(c, &rows, &n);
	if (rc)
		return rc;
	const char *region = ctx_param(c, "region")->s;
	Regions opts = {arena_alloc(c->arena, 2 * MAX_REGIONS * sizeof *opts.v), 0, c->arena};
	Err e = {0};
	store_admin_regions(c->db, NULL, add_option, &opts, &e);
	AggregateProvinces members = {0}, *m = &members;
	if (region && api_aggregate_provinces(c, region, period, m))
		problem = c->err.msg;
	Buf *b = web_out(c);
	web_begin(c, problem ? 400 : 200, "Số liệu tổng hợp theo vùng", "so-lieu");
	html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/so-lieu/vung\">");
	web_select(c, "region", "Vùng", opts.v, opts.n, region, "— chọn vùng —");
	web_input(c, "text", "period", "Kỳ báo cáo", period, "2025, 2016-H1", 0);
	html_raw(b, "<button type=\"submit\">Xem</button></form>\n");
	if (problem) {
		html_printf(b, "<p class=\"error-message\" role=\"alert\">%s</p>\n", problem);
	} else if (!region) {
		html_raw(b, "<p class=\"muted\">Chọn vùng và kỳ báo cáo.</p>\n");
	} else {
		html_printf(b,
		        "<p class=\"muted\">Tổng số liệu các tỉnh của vùng báo cáo (%zu tỉnh vào ngày "
		        "cuối kỳ %s); chỉ xem, không sửa. Tỷ lệ không cộng được.</p>\n",
		        m->n, period);
		html_raw(b,
		        "<div class=\"table-wrap\"><table class=\"grid\" id=\"tong-vung\"><thead>"
		        "<tr><th scope=\"col\">Chỉ tiêu</th><th scope=\"col\">Đơn vị tính</th>");
		for (int k = 0; k < AGG_KINDS; k++)
			html_printf(b, "<th scope=\"col\" class=\"num\">%s</th>",
			        web_aggregate_kind_labels[k]);
		html_raw(b, "</tr></thead><tbody>\n");
		for (int i = 0; i < n; i++) {
			html_printf(b,
			        "<tr data-indicator=\"%s\"><th scope=\"row\">%s</th><td>%s</td>",
			        rows[i].code, rows[i].label, rows[i].unit);
			for (int k = 0; k < AGG_KINDS; k++)
				region_cell(c, &rows[i], period, web_aggregate_kinds[k], m);
			html_raw(b, "</tr>\n");
		}
		html_raw(b, "</tbody></table></div>\n");
	}
	web_end(c);
	return 0;
}
