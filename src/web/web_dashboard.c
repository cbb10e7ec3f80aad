/* web_dashboard.c — the first page after signing in, for a year and the
 * caller's scope: đề án by status (each count links to the list behind it),
 * the year's money per activity content and a bar chart of the funds
 * disbursed per activity content, drawn on the server as SVG (no script, no
 * library, printable). Every figure comes from the totals the store keeps
 * up to date as records change (store_totals.h): a few hundred rows read,
 * whatever the size of the country's data; the full report "Kết quả thực
 * hiện" is one link away. */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "core/project_state.h"
#include "store/store_totals.h"
#include "web/web.h"
#include "web/web_routes.h"

static const char *const notices[] = {"mat-khau", NULL};

const Param web_dashboard_params[] = {
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm", false},
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {NULL},
};

/* The đề án of the year in each state, as cards linking to the list. */
static void by_status(Ctx *c, int year, const TotalsRows *t)
{
	Buf *b = web_out(c);
	const char *province = ctx_param(c, "province")->s;
	html_raw(b, "<h2>Đề án thực hiện trong năm theo trạng thái</h2><div class=\"cards\">");
	for (int i = 0; i < PROJECT_STATE_COUNT; i++) {
		const char *status = project_state_name(i);
		int64_t n = 0;
		for (int r = 0; r < t->n; r++)
			if (!strcmp(t->v[r].status, status))
				n += t->v[r].projects;
		if (!n)
			continue;
		html_printf(b, "<div class=\"card\"><a href=\"/de-an?year=%d&amp;status=%s", year,
		        status);
		if (province) {
			html_raw(b, "&amp;province=");
			html_urlarg(b, province);
		}
		html_printf(b, "\"><div class=\"big\">%lld</div>%s</a></div>", (long long)n,
		        project_state_label(status));
	}
	html_raw(b, "</div>\n");
}

/* The year's figures of one activity content (or of all: code NULL). */
typedef struct ActivitySum {
	const char *code;
	int64_t projects, planned, support, disbursed;
} ActivitySum;

/* The rows summed per activity content, in code order, into *out (arena);
 * returns how many; total gets the sums of all. */
static int by_activity(Ctx *c, const TotalsRows *t, ActivitySum **out, ActivitySum *total)
{
	ActivitySum *v = arena_alloc(c->arena, ((size_t)t->n + 1) * sizeof *v);
	int n = 0;
	*total = (ActivitySum){0};
	for (int r = 0; r < t->n; r++) {
		const TotalsRow *x = &t->v[r];
		int k = 0;
		while (k < n && strcmp(v[k].code, x->activity_code))
			k++;
		if (k == n) {
			/* Kept in code order: the content's numbering. */
			while (k > 0 && strcmp(v[k - 1].code, x->activity_code) > 0) {
				v[k] = v[k - 1];
				k--;
			}
			v[k] = (ActivitySum){.code = x->activity_code};
			n++;
		}
		ActivitySum *a[] = {&v[k], total};
		for (int i = 0; i < 2; i++) {
			a[i]->projects += x->projects;
			a[i]->planned += x->planned;
			a[i]->support += x->support;
			a[i]->disbursed += x->disbursed;
		}
	}
	*out = v;
	return n;
}

/* label cut to 38 letters (on a character boundary) with "…". */
static const char *short_label(Ctx *c, const char *label)
{
	size_t i = 0;
	int letters = 0;
	while (label[i] && letters < 38) {
		i++;
		while ((label[i] & 0xC0) == 0x80)
			i++;
		letters++;
	}
	if (!label[i])
		return label;
	char *s = arena_alloc(c->arena, i + 4);
	memcpy(s, label, i);
	memcpy(s + i, "…", sizeof "…");
	return s;
}

/* Horizontal bars of the funds disbursed per activity content, in triệu
 * đồng. */
static void chart(Ctx *c, const ActivitySum *v, int n, const char *title)
{
	Buf *b = web_out(c);
	int64_t max = 0;
	int bars = 0;
	for (int k = 0; k < n; k++)
		if (v[k].disbursed > 0) {
			bars++;
			if (v[k].disbursed > max)
				max = v[k].disbursed;
		}
	if (!bars) {
		html_printf(b, "<p class=\"muted\">%s: chưa có số liệu.</p>", title);
		return;
	}
	html_printf(b,
	        "<figure><figcaption>%s (triệu đồng)</figcaption><svg class=\"chart\" "
	        "viewBox=\"0 0 640 %d\" role=\"img\" aria-label=\"%s\">",
	        title, 26 * bars + 10, title);
	int y = 4;
	Buf m;
	buf_init(&m, 64);
	for (int k = 0; k < n; k++) {
		if (v[k].disbursed <= 0)
			continue;
		const char *label = web_ref_label(c, "activity_content", v[k].code);
		int w = (int)(v[k].disbursed * 300 / max);
		buf_reset(&m);
		money_format(&m, v[k].disbursed, MONEY_TRIEU, 1, 0);
		html_printf(b,
		        "<g><title>%s: %s</title><text x=\"0\" y=\"%d\">%s</text>"
		        "<rect class=\"bar\" x=\"250\" y=\"%d\" width=\"%d\" height=\"18\"></rect>"
		        "<text x=\"%d\" y=\"%d\">%s</text></g>",
		        label, buf_cstr(&m), y + 13, short_label(c, label), y, w > 0 ? w : 1,
		        256 + w, y + 13, buf_cstr(&m));
		y += 26;
	}
	buf_free(&m);
	html_raw(b, "</svg></figure>\n");
}

static void money_row(Ctx *c, const char *label, const ActivitySum *a)
{
	Buf *b = web_out(c);
	html_printf(b, "<tr><th scope=\"row\">%s</th><td class=\"num\">", label);
	web_int(c, a->projects);
	html_raw(b, "</td><td class=\"num\">");
	web_millions(c, a->planned);
	html_raw(b, "</td><td class=\"num\">");
	web_millions(c, a->support);
	html_raw(b, "</td><td class=\"num\">");
	web_millions(c, a->disbursed);
	html_raw(b, "</td></tr>\n");
}

/* The year's money per activity content, with its total. */
static void money_table(Ctx *c, const ActivitySum *v, int n, const ActivitySum *total)
{
	Buf *b = web_out(c);
	html_raw(b, "<table class=\"report\"><thead><tr><th>Nội dung hoạt động</th>"
	            "<th>Số đề án</th><th>Kinh phí: Dự kiến</th><th>Kinh phí: Hỗ trợ</th>"
	            "<th>Kinh phí: Giải ngân</th></tr></thead><tbody>\n");
	for (int k = 0; k < n; k++)
		money_row(c, web_ref_label(c, "activity_content", v[k].code), &v[k]);
	money_row(c, "Tổng cộng", total);
	html_raw(b,
	        "</tbody></table>\n<p class=\"muted\">Số đề án: đề án thực hiện trong năm. "
	        "Dự kiến, hỗ trợ (được duyệt, hoặc dự kiến khi chưa duyệt): kinh phí của các đề án "
	        "bắt đầu trong năm, triệu đồng. Giải ngân: số thực chi trong năm (tạm ứng và thanh "
	        "toán trừ thu hồi, nộp trả).</p>\n");
}

int web_dashboard(Ctx *c)
{
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	int year = ctx_param(c, "year")->set ? (int)ctx_param(c, "year")->i
	                                     : (now[0] - '0') * 1000 + (now[1] - '0') * 100 +
	                                               (now[2] - '0') * 10 + (now[3] - '0');
	TotalsRows t;
	int rc = store_totals_read(
	        c->db, *c->province ? c->province : NULL, year, c->arena, &t, &c->err);
	if (rc)
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
	by_status(c, year, &t);
	ActivitySum *v, total;
	int n = by_activity(c, &t, &v, &total);
	html_printf(b, "<h2>Kinh phí năm %d theo nội dung hoạt động</h2><p class=\"muted\">", year);
	html_printf(b,
	        "<a href=\"/bao-cao?mau=ket_qua_thuc_hien&amp;period=%d\">Báo cáo kết quả thực "
	        "hiện đầy đủ</a></p>",
	        year);
	chart(c, v, n, "Kinh phí giải ngân theo nội dung hoạt động");
	money_table(c, v, n, &total);
	web_end(c);
	return 0;
}
