/* web_dashboard.c — the first page after signing in, for a year and the
 * caller's scope: đề án by status (each count links to the list behind it),
 * the figures of web_dash.c (map of provinces, funds by source and by
 * activity content, deadlines and đề án to watch). Everything comes from
 * the totals the store keeps and indexed queries (issue 9: under 5 ms);
 * the report "Kết quả thực hiện" is a link, never computed here. */
#include <stdio.h>
#include <string.h>

#include "core/project_state.h"
#include "web/web.h"
#include "web/web_dash.h"
#include "web/web_dash_figures.h"
#include "web/web_routes.h"

static const char *const notices[] = {"mat-khau", NULL};

const Param web_dashboard_params[] = {
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm", false},
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {"chi-so", PARAM_ENUM, 0, 0, web_dash_map_values, "Số liệu tô màu bản đồ", false},
        {NULL},
};

/* The đề án of the year in each state, as cards linking to the list: from
 * the totals the store keeps (web_dash_figures.h), read once with the
 * other figures. */
static void by_status(Ctx *c, const Figures *f)
{
	Buf *b = web_out(c);
	const char *province = ctx_param(c, "province")->s;
	html_raw(b, "<h2>Đề án thực hiện trong năm theo trạng thái</h2><div class=\"cards\">");
	for (int i = 0; i < PROJECT_STATE_COUNT; i++) {
		const char *status = project_state_name(i);
		int64_t n = f->by_status[i];
		if (!n)
			continue;
		html_printf(b, "<div class=\"card\"><a href=\"/de-an?year=%d&amp;status=%s",
		        f->year, status);
		if (province) {
			html_raw(b, "&amp;province=");
			html_urlarg(b, province);
		}
		html_printf(b, "\"><div class=\"big\">%lld</div>%s</a></div>", (long long)n,
		        project_state_label(status));
	}
	html_raw(b, "</div>\n");
}

int web_dashboard(Ctx *c)
{
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	int year = ctx_param(c, "year")->set ? (int)ctx_param(c, "year")->i
	                                     : (now[0] - '0') * 1000 + (now[1] - '0') * 100 +
	                                               (now[2] - '0') * 10 + (now[3] - '0');
	int rc;
	Buf *b = web_out(c);
	web_begin(c, 200, "Tổng quan", "tong-quan");
	if (ctx_param(c, "tb")->set)
		web_notice(c, "Đã đổi mật khẩu.");
	html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/\">");
	char ys[8];
	snprintf(ys, sizeof ys, "%d", year);
	web_input(c, "number", "year", "Năm", ys, NULL, 0);
	int np;
	const char *const *provinces = web_province_options(c, &np);
	if (c->who.all_provinces || c->who.n_provinces > 1)
		web_select(c, "province", "Tỉnh", provinces, np, ctx_param(c, "province")->s,
		        c->who.all_provinces ? "Toàn quốc" : NULL);
	html_raw(b, "<button type=\"submit\">Xem</button></form>\n");
	Figures *f = arena_alloc(c->arena, sizeof *f);
	if ((rc = web_dash_figures_read(c, year, f)))
		return rc;
	by_status(c, f);
	web_dash_sections(c, f);
	web_end(c);
	return 0;
}
