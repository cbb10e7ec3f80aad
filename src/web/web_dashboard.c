/* web_dashboard.c — the first page after signing in, for a year and the
 * caller's scope: đề án by status (each count links to the list behind it),
 * the figures of web_dash.c (map of provinces, funds by source and by
 * activity content, deadlines and đề án to watch), and the year's results
 * as the report "Kết quả thực hiện" computes them. */
#include <stdio.h>
#include <string.h>

#include "api/api_routes.h"
#include "core/project_state.h"
#include "report/report.h"
#include "store/store_project.h"
#include "web/web.h"
#include "web/web_dash.h"
#include "web/web_report.h"
#include "web/web_routes.h"

static const char *const notices[] = {"mat-khau", NULL};

const Param web_dashboard_params[] = {
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm", false},
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {"chi-so", PARAM_ENUM, 0, 0, web_dash_map_values, "Số liệu tô màu bản đồ", false},
        {NULL},
};

/* The đề án of the year in each state, as cards linking to the list. */
static int by_status(Ctx *c, int year)
{
	Buf *b = web_out(c);
	const char *province = ctx_param(c, "province")->s;
	html_raw(b, "<h2>Đề án thực hiện trong năm theo trạng thái</h2><div class=\"cards\">");
	for (int i = 0; i < PROJECT_STATE_COUNT; i++) {
		ProjectFilter f = store_project_filter();
		f.current_province = *c->province ? c->province : NULL;
		f.year = year;
		f.status = project_state_name(i);
		f.limit = 1;
		ProjectList l;
		int rc = store_project_list(c->db, &f, c->arena, &l, &c->err);
		if (rc)
			return rc;
		if (!l.total)
			continue;
		html_printf(b, "<div class=\"card\"><a href=\"/de-an?year=%d&amp;status=%s", year,
		        f.status);
		if (province) {
			html_raw(b, "&amp;province=");
			html_urlarg(b, province);
		}
		html_printf(b, "\"><div class=\"big\">%lld</div>%s</a></div>", (long long)l.total,
		        project_state_label(f.status));
	}
	html_raw(b, "</div>\n");
	return 0;
}

int web_dashboard(Ctx *c)
{
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	int year = ctx_param(c, "year")->set ? (int)ctx_param(c, "year")->i
	                                     : (now[0] - '0') * 1000 + (now[1] - '0') * 100 +
	                                               (now[2] - '0') * 10 + (now[3] - '0');
	char period[8];
	snprintf(period, sizeof period, "%d", year);
	/* The year's results, as the report computes them for this scope. */
	ReportRequest req;
	ReportTable *t = NULL;
	c->key = "ket_qua_thuc_hien";
	int rc = api_report_request(c, &req);
	req.period = period;
	if (!rc)
		rc = report_compute(c->db, &req, c->arena, &t, &c->err);
	if (rc && rc != KC_EINVAL && rc != KC_ENOTFOUND)
		return rc;
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
	if ((rc = by_status(c, year)) || (rc = web_dash_sections(c, year)))
		return rc;
	if (t) {
		html_printf(b, "<h2>Kết quả thực hiện năm %d</h2><p class=\"muted\">%s · ", year,
		        t->scope_label);
		html_printf(b,
		        "<a href=\"/bao-cao?mau=ket_qua_thuc_hien&amp;period=%d\">Mở báo cáo đầy "
		        "đủ</a></p>",
		        year);
		web_report_table(c, t);
	} else {
		html_printf(b, "<p class=\"muted\">%s</p>", c->err.msg);
	}
	web_end(c);
	return 0;
}
