/* web_dash.c — the dashboard's figures for a year and scope (web_dash_figures.h),
 * each a table a person and a screen reader can read, with a link from every
 * figure to the records behind it: the map of the 34 current provinces, the
 * funds by source, the đề án and funds per activity content (a chart each,
 * with a link to the full report "Kết quả thực hiện"), and the
 * đề án to watch. The map and the charts are drawn in the browser from these
 * tables by dashboard.js (d3 and topojson-client from npm, built into the
 * binary); without it the tables are the page. */
#include <stdio.h>
#include <string.h>

#include "core/project_state.h"
#include "http/http_assets.h"
#include "web/web.h"
#include "web/web_dash.h"
#include "web/web_dash_figures.h"

const char *const web_dash_map_values[] = {"giai-ngan", "ho-tro", "de-an", NULL};
static const char *const map_labels[] = {
        "Kinh phí hỗ trợ giải ngân trong năm", "Kinh phí hỗ trợ được duyệt", "Số đề án thực hiện"};

/* "&amp;province=92" when the dashboard is of one province, for links. */
static void province_arg(Ctx *c)
{
	if (*c->province) {
		html_raw(web_out(c), "&amp;province=");
		html_urlarg(web_out(c), c->province);
	}
}

/* Which figure colours the map: 0 disbursed, 1 support approved, 2 đề án. */
static int map_choice(const Ctx *c)
{
	const char *v = ctx_param(c, "chi-so")->s;
	for (int i = 0; v && web_dash_map_values[i]; i++)
		if (!strcmp(v, web_dash_map_values[i]))
			return i;
	return 0;
}

static int64_t map_value(const FigureProvince *p, int choice)
{
	return choice == 0 ? p->disbursed : choice == 1 ? p->support : p->projects;
}

static void map_value_text(Ctx *c, int64_t v, int choice)
{
	if (choice == 2)
		web_int(c, v);
	else
		web_millions(c, v);
}

/* Links that change the map's figure, keeping the year and province. */
static void map_choices(Ctx *c, int choice)
{
	Buf *b = web_out(c);
	html_raw(b, "<p class=\"choices\">Tô màu theo: ");
	for (int i = 0; web_dash_map_values[i]; i++) {
		html_printf(b, "%s<a href=\"%s#ban-do\"", i ? " · " : "",
		        web_query_with(c, "chi-so", i ? web_dash_map_values[i] : NULL));
		if (i == choice)
			html_raw(b, " aria-current=\"true\"");
		html_printf(b, ">%s</a>", map_labels[i]);
	}
	html_raw(b, "</p>\n");
}

static void map_rows(Ctx *c, const Figures *f, int choice)
{
	Buf *b = web_out(c);
	int64_t total = 0;
	for (int i = 0; i < f->n_prov; i++) {
		const FigureProvince *p = &f->prov[i];
		if (!p->in_scope) {
			html_printf(b,
			        "<tr data-code=\"%s\"><th scope=\"row\">%s</th>"
			        "<td class=\"num\">—</td></tr>\n",
			        p->code, p->name);
			continue;
		}
		int64_t v = map_value(p, choice);
		total += v;
		html_printf(b,
		        "<tr data-code=\"%s\" data-value=\"%lld\"><th scope=\"row\">"
		        "<a href=\"/de-an?year=%d&amp;province=%s\">%s</a></th><td class=\"num\">",
		        p->code, (long long)v, f->year, p->code, p->name);
		map_value_text(c, v, choice);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody><tfoot><tr><th scope=\"row\">Cộng</th><td class=\"num\">");
	map_value_text(c, total, choice);
	html_raw(b, "</td></tr></tfoot>");
}

static void map_section(Ctx *c, const Figures *f)
{
	Buf *b = web_out(c);
	int choice = map_choice(c);
	html_printf(b,
	        "<section class=\"dash-map\" aria-labelledby=\"ban-do\">"
	        "<h2 id=\"ban-do\">Bản đồ các tỉnh năm %d</h2>\n",
	        f->year);
	map_choices(c, choice);
	const char *unit = choice == 2 ? "đề án" : "triệu đồng";
	html_printf(b,
	        "<div class=\"map-wrap\"><div class=\"map\" data-map-src=\"%s\" "
	        "data-map-table=\"bang-tinh\" data-map-label=\"%s\" data-map-unit=\"%s\" "
	        "data-map-money=\"%d\"><p class=\"muted\">Bản đồ cần JavaScript; số liệu ở bảng "
	        "bên cạnh.</p></div>\n",
	        http_asset_url("provinces.json"), map_labels[choice], unit, choice != 2);
	html_printf(b,
	        "<div class=\"map-table table-wrap\"><table id=\"bang-tinh\"><caption>%s "
	        "(%s) theo tỉnh</caption><thead><tr><th scope=\"col\">Tỉnh, thành phố</th>"
	        "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
	        map_labels[choice], unit, choice == 2 ? "Đề án" : "Triệu đồng");
	map_rows(c, f, choice);
	html_raw(b, "</table></div></div>\n<p class=\"muted\">Số liệu ghi theo tỉnh cũ (trước "
	            "01/07/2025) được cộng vào tỉnh hiện nay. Chọn một tỉnh để xem các đề án "
	            "của tỉnh trong năm.</p></section>\n");
}

/* ---- Funds by source and by activity content ------------------------------------------- */

/* One row of money: the đề án when counted, planned, approved, disbursed,
 * the share disbursed. */
static void money_cells(Ctx *c, const FigureMoney *m, bool projects)
{
	Buf *b = web_out(c);
	if (projects) {
		html_printf(b, "<td class=\"num\" data-v=\"%lld\">", (long long)m->projects);
		web_int(c, m->projects);
		html_raw(b, "</td>");
	}
	const int64_t v[3] = {m->planned, m->approved, m->disbursed};
	for (int k = 0; k < 3; k++) {
		html_printf(b, "<td class=\"num\" data-v=\"%lld\">", (long long)v[k]);
		web_millions(c, v[k]);
		html_raw(b, "</td>");
	}
	html_raw(b, "<td class=\"num\">");
	if (m->approved > 0)
		html_printf(b, "%lld %%",
		        (long long)((m->disbursed * 100 + m->approved / 2) / m->approved));
	else
		html_raw(b, "—");
	html_raw(b, "</td></tr>\n");
}

/* A table of money rows with a chart per row (data-charts); link(c, f, code)
 * writes the href of a row's records; projects: a column of đề án first. */
static void money_table(Ctx *c, const Figures *f, const char *id, const char *title,
        const char *what, const char *table, const FigureRow *v, int n, bool projects,
        void (*link)(Ctx *c, const Figures *f, const char *code))
{
	Buf *b = web_out(c);
	html_printf(b, "<section aria-labelledby=\"%s\"><h2 id=\"%s\">%s</h2>\n", id, id, title);
	if (!n) {
		html_printf(b,
		        "<p class=\"muted\">Chưa có kinh phí nào trong năm %d.</p></section>\n",
		        f->year);
		return;
	}
	html_printf(b,
	        "<div class=\"table-wrap\"><table data-charts><caption>%s (triệu đồng)</caption>"
	        "<thead><tr><th scope=\"col\">%s</th>",
	        title, what);
	/* Markup, so not through a %s, which html_printf escapes. */
	if (projects)
		html_raw(b, "<th scope=\"col\" class=\"num\">Đề án</th>");
	html_raw(b, "<th scope=\"col\" class=\"num\" data-series=\"Kế hoạch\">Kế hoạch</th>"
	            "<th scope=\"col\" class=\"num\" data-series=\"Được duyệt\">Được duyệt</th>"
	            "<th scope=\"col\" class=\"num\" data-series=\"Giải ngân\">Giải ngân</th>"
	            "<th scope=\"col\" class=\"num\">Giải ngân / duyệt</th></tr></thead><tbody>\n");
	FigureMoney sum = {0, 0, 0, 0};
	for (int i = 0; i < n; i++) {
		html_raw(b, "<tr><th scope=\"row\"><a href=\"");
		link(c, f, v[i].code);
		html_printf(b, "\">%s</a></th>", web_ref_label(c, table, v[i].code));
		money_cells(c, &v[i].m, projects);
		sum.projects += v[i].m.projects;
		sum.planned += v[i].m.planned;
		sum.approved += v[i].m.approved;
		sum.disbursed += v[i].m.disbursed;
	}
	html_raw(b, "</tbody><tfoot><tr><th scope=\"row\">Cộng</th>");
	money_cells(c, &sum, projects);
	html_raw(b, "</tfoot></table></div>");
	if (projects) {
		html_printf(
		        b, "<p><a href=\"/bao-cao?mau=ket_qua_thuc_hien&amp;period=%d", f->year);
		province_arg(c);
		html_raw(b, "\">Xem báo cáo đầy đủ</a></p>");
	}
	html_raw(b, "</section>\n");
}

static void source_link(Ctx *c, const Figures *f, const char *code)
{
	html_printf(
	        web_out(c), "/bao-cao?mau=ket_qua_thuc_hien&amp;period=%d&amp;sources=", f->year);
	html_urlarg(web_out(c), code);
	province_arg(c);
}

static void activity_link(Ctx *c, const Figures *f, const char *code)
{
	html_printf(web_out(c), "/de-an?year=%d&amp;activity=", f->year);
	html_urlarg(web_out(c), code);
	province_arg(c);
}

/* ---- The đề án to watch ---------------------------------------------------------------- */

static void watch_flags(Ctx *c, unsigned kind, int year)
{
	Buf *b = web_out(c);
	if (kind & WATCH_LATE)
		html_raw(b, "<span class=\"flag late\">Quá hạn</span> ");
	if (kind & WATCH_DUE)
		html_printf(b, "<span class=\"flag due\">Đến hạn năm %d</span> ", year);
	if (kind & WATCH_RISK)
		html_raw(b, "<span class=\"flag risk\">Hóa đơn ngoài thời gian</span>");
}

static void watch_section(Ctx *c, const Figures *f)
{
	Buf *b = web_out(c);
	html_printf(b,
	        "<section aria-labelledby=\"can-theo-doi\"><h2 id=\"can-theo-doi\">Hạn trong năm "
	        "%d và đề án cần theo dõi</h2>\n<p>",
	        f->year);
	html_raw(b, "Quá hạn (hết năm thực hiện, chưa nghiệm thu): <strong>");
	web_int(c, f->n_late);
	html_printf(b, "</strong> · Đến hạn nghiệm thu trong năm %d: <strong>", f->year);
	web_int(c, f->n_due);
	html_raw(b, "</strong> · Có hóa đơn ngoài thời gian được tính chi phí: <strong>");
	web_int(c, f->n_risk);
	html_printf(b, "</strong> · <a href=\"/bao-cao?mau=tien_do_de_an&amp;period=%d", f->year);
	province_arg(c);
	html_raw(b, "\">Báo cáo tiến độ đầy đủ</a></p>\n");
	if (!f->n_watch) {
		html_raw(b, "<p class=\"muted\">Không có đề án nào cần theo dõi.</p></section>\n");
		return;
	}
	html_raw(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Mã</th>"
	            "<th scope=\"col\">Tên đề án</th><th scope=\"col\">Tỉnh</th>"
	            "<th scope=\"col\">Năm thực hiện</th><th scope=\"col\">Trạng thái</th>"
	            "<th scope=\"col\" class=\"num\">Hỗ trợ (triệu đồng)</th>"
	            "<th scope=\"col\" class=\"num\">Đã giải ngân</th>"
	            "<th scope=\"col\">Cần theo dõi</th></tr></thead><tbody>\n");
	for (int i = 0; i < f->n_watch; i++) {
		const FigureWatch *w = &f->watch[i];
		html_raw(b, "<tr><td><a href=\"/de-an?q=");
		html_urlarg(b, w->code);
		const char *status = project_state_label(w->status);
		html_printf(b, "\">%s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>",
		        w->code, w->title, w->province, w->years, status ? status : w->status);
		html_raw(b, "<td class=\"num\">");
		web_millions(c, w->support);
		html_raw(b, "</td><td class=\"num\">");
		web_millions(c, w->disbursed);
		html_raw(b, "</td><td>");
		watch_flags(c, w->kind, f->year);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>");
	if (f->n_late + f->n_due + f->n_risk > f->n_watch)
		html_printf(b,
		        "<p class=\"muted\">%d đề án đầu tiên; xem đủ trong báo cáo tiến độ.</p>",
		        f->n_watch);
	html_raw(b, "</section>\n");
}

void web_dash_sections(Ctx *c, const Figures *f)
{
	Buf *b = web_out(c);
	html_printf(b, "<script src=\"%s\" defer></script>\n", http_asset_url("dashboard.js"));
	map_section(c, f);
	money_table(c, f, "theo-nguon", "Kinh phí theo nguồn", "Nguồn kinh phí", "funding_source",
	        f->sources, f->n_sources, false, source_link);
	money_table(c, f, "theo-noi-dung", "Kết quả thực hiện theo nội dung hoạt động",
	        "Nội dung hoạt động", "activity_content", f->activities, f->n_activities, true,
	        activity_link);
	watch_section(c, f);
}
