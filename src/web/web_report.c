/* web_report.c — the reports page: choose a template, a period, a scope and
 * the boundaries; see the table on the page; download it as PDF, XLSX or CSV
 * (the API's links, with the same parameters); submit it as a frozen
 * version; list the versions submitted. The request is built by the API's
 * api_report_request, so the page and /api/v1/reports compute the same
 * table for the same parameters. */
#include <stdio.h>
#include <string.h>

#include "api/api_routes.h"
#include "report/report.h"
#include "store/store_admin.h"
#include "store/store_report.h"
#include "web/web.h"
#include "web/web_report.h"
#include "web/web_routes.h"

static const char *const boundaries[] = {"legacy", "current", NULL};
static const char *const notices[] = {"da-gui", NULL};

#define WEB_REPORT_PARAMS                                                                          \
	{"mau", PARAM_TEXT, 0, 64, NULL, "Mẫu báo cáo", false},                                    \
	        {"period", PARAM_TEXT, 0, 64, NULL, "Kỳ báo cáo", false},                          \
	        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},                              \
	        {"region", PARAM_TEXT, 0, 32, NULL, "Vùng", false},                                \
	{                                                                                          \
		"boundaries", PARAM_ENUM, 0, 0, boundaries, "Địa giới", false                      \
	}

const Param web_report_params[] = {
        WEB_REPORT_PARAMS,
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {NULL},
};

const Param web_report_submit_params[] = {
        WEB_REPORT_PARAMS,
        {NULL},
};

void web_report_table(Ctx *c, const ReportTable *t)
{
	Buf *b = web_out(c);
	Buf cell;
	buf_init(&cell, 4096);
	html_printf(b,
	        "<div class=\"table-wrap\"><table class=\"report\"><caption>%s. %s</caption>"
	        "<thead><tr>",
	        t->unit_line ? t->unit_line : "", t->boundaries_label ? t->boundaries_label : "");
	for (int k = 0; k < t->n_cols; k++) {
		bool num = t->cols[k].role == COL_VALUE;
		html_raw(b, "<th scope=\"col\"");
		if (num)
			html_raw(b, " class=\"num\"");
		html_raw(b, ">");
		if (t->cols[k].group)
			html_printf(b, "%s: ", t->cols[k].group);
		html_printf(b, "%s</th>", t->cols[k].label);
	}
	html_raw(b, "</tr></thead><tbody>\n");
	for (int r = 0; r < t->n_rows; r++) {
		const ReportRow *row = &t->rows[r];
		if (row->total)
			html_raw(b, "<tr class=\"total\">");
		else if (row->group)
			html_raw(b, "<tr class=\"group\">");
		else
			html_raw(b, "<tr>");
		for (int k = 0; k < t->n_cols; k++) {
			const ReportColumn *col = &t->cols[k];
			const char *text = "";
			switch (col->role) {
			case COL_NO: text = row->no; break;
			case COL_LABEL: text = row->label; break;
			case COL_UNIT: text = row->unit; break;
			case COL_NOTE: text = row->note; break;
			default:
				buf_reset(&cell);
				report_cell_text(t, k, &row->cells[k], &cell);
				text = buf_cstr(&cell);
			}
			if (col->role == COL_VALUE)
				html_printf(b, "<td class=\"num\">%s</td>", text ? text : "");
			else
				html_printf(b, "<td>%s</td>", text ? text : "");
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	/* The table's totals of money in words, as a report for signature writes them. */
	for (int r = 0; r < t->n_rows; r++)
		for (int k = 0; t->rows[r].total && t->rows[r].depth == 0 && k < t->n_cols; k++) {
			const ReportCell *x = &t->rows[r].cells[k];
			if (t->cols[k].role != COL_VALUE || x->type != CELL_NUM ||
			        x->kind != VK_MONEY)
				continue;
			html_printf(b, "<p class=\"words\">%s — %s%s%s: Bằng chữ: <em>",
			        t->rows[r].label ? t->rows[r].label : "",
			        t->cols[k].group ? t->cols[k].group : "",
			        t->cols[k].group ? ", " : "", t->cols[k].label);
			web_money_words(c, x->v);
			html_raw(b, "</em></p>\n");
		}
	for (int i = 0; i < t->n_notes; i++)
		html_printf(b, "<p class=\"muted\">%s</p>\n", t->notes[i]);
	buf_free(&cell);
}

typedef struct Options {
	const char **v;
	int n, cap;
	Arena *arena;
} Options;

static int add_region(void *ctx, const char *code, const char *kind, const char *name)
{
	(void)kind;
	Options *o = ctx;
	if (o->n < o->cap) {
		o->v[2 * o->n] = arena_strdup(o->arena, code);
		o->v[2 * o->n + 1] = arena_strdup(o->arena, name);
		o->n++;
	}
	return 0;
}

static void choose_form(Ctx *c, const StoredTemplateList *tl)
{
	Buf *b = web_out(c);
	const char **tpl = arena_alloc(c->arena, (size_t)(2 * tl->n + 2) * sizeof *tpl);
	for (int i = 0; i < tl->n; i++)
		tpl[2 * i] = tl->v[i].id, tpl[2 * i + 1] = tl->v[i].title;
	html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/bao-cao\">");
	web_select(c, "mau", "Mẫu báo cáo", tpl, tl->n, ctx_param(c, "mau")->s, "— chọn mẫu —");
	web_input(c, "text", "period", "Kỳ báo cáo", ctx_param(c, "period")->s,
	        "2016-H1, 2019, 2021-2025", 0);
	int np;
	const char *const *provinces = web_province_options(c, &np);
	if (c->who.all_provinces || c->who.n_provinces > 1)
		web_select(c, "province", "Tỉnh", provinces, np, ctx_param(c, "province")->s,
		        c->who.all_provinces ? "— không chọn —" : NULL);
	if (c->who.all_provinces) {
		Options o = {.cap = 64, .arena = c->arena};
		o.v = arena_alloc(c->arena, 2 * 64 * sizeof *o.v);
		Err e = {0};
		store_admin_regions(c->db, NULL, add_region, &o, &e);
		web_select(c, "region", "Vùng (không chọn tỉnh, vùng: toàn quốc)", o.v, o.n,
		        ctx_param(c, "region")->s, "— toàn quốc —");
	}
	static const char *const bounds[] = {
	        "legacy", "Tại thời điểm báo cáo", "current", "Quy đổi theo tỉnh hiện nay"};
	web_select(
	        c, "boundaries", "Địa giới", bounds, 2, ctx_param(c, "boundaries")->s, "Mặc định");
	html_raw(b, "<button type=\"submit\">Xem báo cáo</button></form>\n");
}

/* The query of this report's parameters, for the download and submit links. */
static const char *report_query(Ctx *c)
{
	static const char *const names[] = {"period", "province", "region", "boundaries"};
	Buf q;
	buf_init(&q, 1024);
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		const char *v = ctx_param(c, names[i])->s;
		if (!v)
			continue;
		buf_putc(&q, q.len ? '&' : '?');
		buf_puts(&q, names[i]);
		buf_putc(&q, '=');
		html_urlarg(&q, v);
	}
	const char *out = arena_strdup(c->arena, buf_cstr(&q));
	buf_free(&q);
	return out;
}

static int versions(Ctx *c, const char *template_id, const ReportTable *t)
{
	SnapshotList l;
	int rc = store_report_snapshot_list(
	        c->db, template_id, t->scope, NULL, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2>Các lần đã gửi</h2><table class=\"versions\"><thead><tr>"
	            "<th scope=\"col\">Lần</th><th scope=\"col\">Kỳ</th><th scope=\"col\">Người gửi"
	            "</th><th scope=\"col\">Gửi lúc</th><th scope=\"col\">Tải</th></tr></thead>"
	            "<tbody>");
	for (int i = 0; i < l.n; i++) {
		const Snapshot *s = &l.v[i];
		html_printf(b,
		        "<tr><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>"
		        "<a href=\"/api/v1/report-snapshots/%lld?format=pdf\">PDF</a> · "
		        "<a href=\"/api/v1/report-snapshots/%lld?format=xlsx\">XLSX</a></td></tr>",
		        s->version, s->period, s->submitted_name ? s->submitted_name : "—",
		        s->submitted_at ? s->submitted_at : "", (long long)s->id, (long long)s->id);
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"5\">Chưa gửi lần nào.</td></tr>");
	html_raw(b, "</tbody></table>\n");
	return 0;
}

int web_report_page(Ctx *c)
{
	StoredTemplateList tl;
	int rc = report_template_list(c->db, c->arena, &tl, &c->err);
	if (rc)
		return rc;
	const char *mau = ctx_param(c, "mau")->s, *period = ctx_param(c, "period")->s;
	ReportTable *t = NULL;
	int computed = 0;
	if (mau && period) {
		ReportRequest req;
		c->key = mau;
		computed = api_report_request(c, &req);
		if (!computed)
			computed = report_compute(c->db, &req, c->arena, &t, &c->err);
		if (computed && computed != KC_EINVAL && computed != KC_ENOTFOUND &&
		        computed != KC_EDENIED)
			return computed;
	}
	Buf *b = web_out(c);
	web_begin(c, computed ? 422 : 200, "Báo cáo", "bao-cao");
	if (ctx_param(c, "tb")->set)
		web_notice(c, "Đã gửi báo cáo: bản đã gửi được lưu nguyên, không đổi theo dữ liệu "
		              "sửa sau.");
	choose_form(c, &tl);
	if (computed)
		html_printf(b, "<p class=\"error-message\" role=\"alert\">%s</p>\n", c->err.msg);
	if (t) {
		const char *q = report_query(c);
		html_printf(b,
		        "<h2 class=\"report-title\">%s</h2><p class=\"muted\">%s · %s · %s</p>"
		        "<div class=\"actions\">"
		        "<a class=\"button secondary\" href=\"/api/v1/reports/%s%s&amp;format=pdf\" "
		        "download>Tải PDF</a>"
		        "<a class=\"button secondary\" href=\"/api/v1/reports/%s%s&amp;format=xlsx\" "
		        "download>Tải XLSX</a>"
		        "<a class=\"button secondary\" href=\"/api/v1/reports/%s%s&amp;format=csv\" "
		        "download>Tải CSV</a>",
		        t->title, t->period_label, t->scope_label, t->boundaries_label, mau, q, mau,
		        q, mau, q);
		if (ctx_can(c, ROLE_MANAGER)) {
			html_printf(b,
			        "<form method=\"post\" action=\"/bao-cao/gui%s&amp;mau=%s\" "
			        "data-confirm=\"Gửi báo cáo này? Bản gửi được lưu nguyên, không "
			        "sửa được.\">",
			        q, mau);
			web_csrf(c);
			html_raw(b, "<button type=\"submit\">Gửi báo cáo</button></form>");
		}
		html_raw(b, "</div>\n");
		web_report_table(c, t);
		if ((rc = versions(c, mau, t)))
			return rc;
	}
	web_end(c);
	return 0;
}

int web_report_submit(Ctx *c)
{
	const char *mau = ctx_param(c, "mau")->s;
	if (!mau || !ctx_param(c, "period")->s)
		return ctx_fail(
		        c, 400, err_field(&c->err, "period", KC_EINVAL, "Chọn mẫu và kỳ báo cáo"));
	ReportRequest req;
	c->key = mau;
	int rc = api_report_request(c, &req);
	if (!rc)
		rc = report_submit(c->db, &c->actor, &req, NULL, NULL, NULL, &c->err);
	if (rc)
		return rc == KC_EINVAL || rc == KC_ENOTFOUND ? ctx_fail(c, 422, rc) : rc;
	const char *q = web_query_with(c, "tb", "da-gui");
	size_t n = strlen(q) + 16;
	char *url = arena_alloc(c->arena, n);
	snprintf(url, n, "/bao-cao%s", q);
	return web_redirect(c, url);
}
