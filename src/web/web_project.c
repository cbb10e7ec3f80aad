/* web_project.c — đề án as pages: the list (search, filters, pages, export),
 * one đề án with its tabs (general, beneficiaries, cost lines and sources,
 * disbursements, status history and adjustments, documents, audit history)
 * and the moves of its state machine as buttons, the form that creates one
 * with its cost lines and beneficiaries in one transaction, and the forms
 * that record a move, a disbursement and a beneficiary. The store calls are
 * those of /api/v1/projects; who may move a đề án is the API's rule
 * (store_project_may_move, through api_project_may_move). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "core/project_state.h"
#include "store/store_establishment.h"
#include "store/store_finance.h"
#include "store/store_project.h"
#include "web/web.h"
#include "web/web_admin.h"
#include "web/web_export.h"
#include "web/web_project.h"
#include "web/web_routes.h"
#include "web/web_units.h"

const char *const web_project_levels[] = {
        "national", "Khuyến công quốc gia", "local", "Khuyến công địa phương"};
static const char *const level_values[] = {"national", "local", NULL};
const char *const web_project_types[] = {"ordinary", "Thông thường", "group", "Đề án nhóm",
        "flagship", "Điểm, thí điểm", "value_chain", "Chuỗi giá trị"};
static const char *const export_formats[] = {"csv", "xlsx", NULL};
static const char *const tabs[] = {"chung", "Thông tin chung", "thu-huong", "Cơ sở thụ hưởng",
        "kinh-phi", "Kinh phí và nguồn", "giai-ngan", "Giải ngân", "trang-thai",
        "Trạng thái và điều chỉnh", "kiem-tra", "Kiểm tra, giám sát", "tai-lieu", "Tài liệu",
        "ket-qua", "Kết quả", "lich-su", "Lịch sử thay đổi"};
enum { N_TABS = 9 };
static const char *const tab_values[] = {"chung", "thu-huong", "kinh-phi", "giai-ngan",
        "trang-thai", "kiem-tra", "tai-lieu", "ket-qua", "lich-su", NULL};
static const char *const notices[] = {"da-them", "da-chuyen", "da-giai-ngan", "da-them-co-so",
        "da-luu", "da-them-kiem-tra", "da-tai-len", "da-de-nghi", "da-quyet-dinh", "da-xoa", NULL};
static const char *const list_notices[] = {"da-xoa", NULL}; /* web-coverage: a đề án deleted */

const Param web_project_list_params[] = {
        {"q", PARAM_TEXT, 0, 200, NULL, "Tìm theo tên hoặc mã", false},
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm thực hiện", false},
        {"level", PARAM_ENUM, 0, 0, level_values, "Cấp", false},
        {"activity", PARAM_TEXT, 0, 32, NULL, "Nội dung hoạt động", false},
        {"status", PARAM_TEXT, 0, 32, NULL, "Trạng thái", false},
        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},
        {"format", PARAM_ENUM, 0, 0, export_formats, "Tải xuống", false},
        {"tb", PARAM_ENUM, 0, 0, list_notices, "Thông báo sau khi xóa", false},
        {NULL},
};

const Param web_project_show_params[] = {
        {"tab", PARAM_ENUM, 0, 0, tab_values, "Thẻ", false},
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo", false},
        {NULL},
};

static const char *pair_label(const char *const *pairs, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (!strcmp(pairs[2 * i], code))
			return pairs[2 * i + 1];
	return code ? code : "—";
}

const char *web_project_status(const char *s)
{
	const char *l = project_state_label(s);
	return l ? l : s ? s : "—";
}

/* v in decimal, in the arena. */
char *web_project_num(Ctx *c, int64_t v)
{
	char *s = arena_alloc(c->arena, 24);
	snprintf(s, 24, "%lld", (long long)v);
	return s;
}

/* ---- The list ------------------------------------------------------------------------- */

static ProjectFilter filter_of(Ctx *c)
{
	ProjectFilter f = store_project_filter();
	f.q = ctx_param(c, "q")->s;
	f.current_province = *c->province ? c->province : NULL;
	f.year = (int)(ctx_param(c, "year")->set ? ctx_param(c, "year")->i : 0);
	f.level = ctx_param(c, "level")->s;
	f.activity_code = ctx_param(c, "activity")->s;
	f.status = ctx_param(c, "status")->s;
	return f;
}

static int export_list(Ctx *c, ProjectFilter f, const char *format)
{
	static const char *const cols[] = {"#STT", "Tên đề án", "Mã đề án", "Cấp",
	        "Nội dung hoạt động", "Tỉnh", "#Năm bắt đầu", "#Năm kết thúc", "Trạng thái"};
	WebTable w;
	web_table_init(&w, c, "DANH SÁCH ĐỀ ÁN KHUYẾN CÔNG", cols, 9);
	f.limit = 500;
	int64_t total = 1;
	for (f.offset = 0; f.offset < total; f.offset += f.limit) {
		ProjectList l;
		int rc = store_project_list(c->db, &f, c->arena, &l, &c->err);
		if (rc)
			return rc;
		total = l.total;
		for (int i = 0; i < l.n; i++) {
			const Project *p = &l.v[i];
			web_table_row(&w);
			web_table_num(&w, 0, f.offset + i + 1);
			web_table_text(&w, 1, p->title);
			web_table_text(&w, 2, p->code);
			web_table_text(&w, 3, pair_label(web_project_levels, 2, p->level));
			web_table_text(
			        &w, 4, web_ref_label(c, "activity_content", p->activity_code));
			web_table_text(
			        &w, 5, web_province_name(c, p->province_list, p->province_code));
			web_table_num(&w, 6, p->start_year);
			web_table_num(&w, 7, p->end_year);
			web_table_text(&w, 8, web_project_status(p->status));
		}
		if (!l.n)
			break;
	}
	return web_export(c, &w, format, "de-an");
}

static void list_filters(Ctx *c, const ProjectFilter *f)
{
	Buf *b = web_out(c);
	int np, na;
	const char *const *provinces = web_province_options(c, &np);
	const char *const *contents = web_ref_options(c, "activity_content", &na);
	const char **states = arena_alloc(c->arena, 2 * PROJECT_STATE_COUNT * sizeof *states);
	for (int i = 0; i < PROJECT_STATE_COUNT; i++) {
		states[2 * i] = project_state_name(i);
		states[2 * i + 1] = project_state_label(project_state_name(i));
	}
	html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/de-an\" role=\"search\">");
	web_input(c, "search", "q", "Tìm theo tên hoặc mã", f->q, NULL, 0);
	web_input(c, "number", "year", "Năm thực hiện",
	        f->year ? web_project_num(c, f->year) : NULL, NULL, 0);
	if (c->who.all_provinces || c->who.n_provinces > 1)
		web_select(c, "province", "Tỉnh", provinces, np, ctx_param(c, "province")->s,
		        "Tất cả");
	web_select(c, "level", "Cấp", web_project_levels, 2, f->level, "Tất cả");
	web_select(c, "activity", "Nội dung", contents, na, f->activity_code, "Tất cả");
	web_select(c, "status", "Trạng thái", states, PROJECT_STATE_COUNT, f->status, "Tất cả");
	html_raw(b, "<button type=\"submit\">Lọc</button></form>\n");
}

int web_project_list(Ctx *c)
{
	ProjectFilter f = filter_of(c);
	const char *format = ctx_param(c, "format")->s;
	if (format)
		return export_list(c, f, format);
	int page = web_page(c);
	f.limit = WEB_PAGE_ROWS;
	f.offset = (page - 1) * WEB_PAGE_ROWS;
	ProjectList l;
	int rc = store_project_list(c->db, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, 200, "Đề án khuyến công", "de-an");
	web_notice(c, ctx_param(c, "tb")->set ? "Đã xóa đề án." : NULL);
	list_filters(c, &f);
	web_list_head_begin(c, l.total, page);
	if (ctx_can(c, ROLE_STAFF))
		html_raw(b, "<a class=\"button\" href=\"/de-an/moi\">Thêm đề án</a>");
	web_list_head_end(c, "/de-an");
	html_raw(b, "<div class=\"table-wrap\"><table class=\"list wide-only\"><thead><tr>"
	            "<th scope=\"col\">Mã</th><th scope=\"col\">Tên đề án</th>"
	            "<th scope=\"col\">Trạng thái</th><th scope=\"col\">Tỉnh</th>"
	            "<th scope=\"col\">Năm</th><th scope=\"col\">Cấp</th></tr></thead><tbody>\n");
	for (int i = 0; i < l.n; i++) {
		const Project *p = &l.v[i];
		html_printf(b,
		        "<tr><td>%s</td><td><a href=\"/de-an/%lld\">%s</a></td>"
		        "<td><span class=\"badge %s\">%s</span></td><td>%s</td><td>%d",
		        p->code, (long long)p->id, p->title, p->status,
		        web_project_status(p->status),
		        web_province_name(c, p->province_list, p->province_code), p->start_year);
		if (p->end_year != p->start_year)
			html_printf(b, "–%d", p->end_year);
		html_printf(
		        b, "</td><td>%s</td></tr>\n", pair_label(web_project_levels, 2, p->level));
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"6\">Không có đề án nào khớp với điều kiện lọc.</td>"
		            "</tr>\n");
	html_raw(b, "</tbody></table></div>\n");
	web_pager(c, l.total, page);
	web_end(c);
	return 0;
}

/* ---- One đề án: the tabs ---------------------------------------------------------------- */

static void fact(Ctx *c, const char *label, const char *value)
{
	html_printf(web_out(c), "<dt>%s</dt><dd>", label);
	web_text_or_dash(c, value);
	html_raw(web_out(c), "</dd>");
}

/* The moves the caller may make, each a form with the decision's number and
 * date when the move records one. */
static void moves(Ctx *c, const Project *p)
{
	const char *next[PROJECT_STATE_COUNT];
	int n = project_state_next(p->status, next, PROJECT_STATE_COUNT);
	Buf *b = web_out(c);
	bool any = false;
	for (int i = 0; i < n && i < PROJECT_STATE_COUNT; i++) {
		if (!api_project_may_move(c, p, next[i]))
			continue;
		if (!any)
			html_raw(b, "<section class=\"moves\" aria-labelledby=\"moves-h\">"
			            "<h2 id=\"moves-h\">Chuyển trạng thái</h2>");
		any = true;
		bool decision = project_transition_needs_decision(p->status, next[i]);
		html_printf(b,
		        "<form method=\"post\" action=\"/de-an/%lld/chuyen\" class=\"filters move\" "
		        "data-confirm=\"Chuyển đề án sang trạng thái '%s'?\">",
		        (long long)p->id, web_project_status(next[i]));
		web_csrf(c);
		html_printf(b,
		        "<input type=\"hidden\" name=\"to_status\" value=\"%s\">"
		        "<input type=\"hidden\" name=\"version\" value=\"%d\">",
		        next[i], p->version);
		if (decision) {
			html_printf(b,
			        "<div class=\"field\"><label for=\"dn-%s\">Số quyết định</label>"
			        "<input type=\"text\" id=\"dn-%s\" name=\"decision_no\" required></div>"
			        "<div class=\"field\"><label for=\"dd-%s\">Ngày quyết định</label>"
			        "<input type=\"date\" id=\"dd-%s\" name=\"decision_date\" required>"
			        "</div>",
			        next[i], next[i], next[i], next[i]);
		}
		html_printf(b,
		        "<button type=\"submit\" name=\"go\" value=\"%s\">%s</button></form>\n",
		        next[i], web_project_status(next[i]));
	}
	if (any)
		html_raw(b, "</section>\n");
}

static void tab_general(Ctx *c, const Project *p)
{
	Buf *b = web_out(c);
	int ntypes = 4;
	html_raw(b, "<dl class=\"facts\">");
	fact(c, "Mã đề án", p->code);
	fact(c, "Cấp", pair_label(web_project_levels, 2, p->level));
	fact(c, "Loại đề án", pair_label(web_project_types, ntypes, p->type));
	fact(c, "Nội dung hoạt động", web_ref_label(c, "activity_content", p->activity_code));
	fact(c, "Tỉnh", web_province_name(c, p->province_list, p->province_code));
	html_printf(b, "<dt>Năm đăng ký</dt><dd>%d</dd><dt>Thời gian thực hiện</dt><dd>%d–%d</dd>",
	        p->registration_year, p->start_year, p->end_year);
	html_raw(b, "<dt>Trạng thái</dt><dd>");
	html_printf(b, "<span class=\"badge %s\">%s</span> từ ", p->status,
	        web_project_status(p->status));
	web_date(c, p->status_date);
	html_raw(b, "</dd>");
	fact(c, "Mục tiêu", p->objective);
	fact(c, "Ghi chú", p->note);
	html_raw(b, "</dl>\n");
	web_project_links(c, p);
}

static int tab_beneficiaries(Ctx *c, const Project *p)
{
	ProjectMembers m;
	int rc = store_project_beneficiaries(c->db, p->id, c->arena, &m, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<table><thead><tr><th scope=\"col\">Cơ sở thụ hưởng</th></tr></thead><tbody>");
	for (int i = 0; i < m.n; i++)
		html_printf(b, "<tr><td><a href=\"/co-so/%lld\">%s</a></td></tr>",
		        (long long)m.v[i].id, m.v[i].name);
	if (!m.n)
		html_raw(b, "<tr><td>Chưa có cơ sở thụ hưởng.</td></tr>");
	html_raw(b, "</tbody></table>\n");
	if (ctx_can(c, ROLE_STAFF)) {
		html_printf(b,
		        "<form method=\"post\" action=\"/de-an/%lld/thu-huong\" class=\"filters\">",
		        (long long)p->id);
		web_csrf(c);
		html_raw(b,
		        "<div class=\"field\"><label for=\"f-find\">Tìm cơ sở</label>"
		        "<input type=\"search\" id=\"f-find\" data-find-establishment=\"f-est\">"
		        "</div><div class=\"field\"><label for=\"f-est\">Cơ sở (số)</label>"
		        "<select id=\"f-est\" name=\"establishment_id\" data-establishments>"
		        "</select></div><button type=\"submit\">Thêm cơ sở thụ hưởng</button>"
		        "</form>\n");
	}
	return web_project_tab_partners(c, p);
}

static int tab_finance(Ctx *c, const Project *p)
{
	CostLineList lines;
	FinanceTotals t;
	int rc = store_finance_line_list(c->db, p->id, c->arena, &lines, &c->err);
	if (!rc)
		rc = store_finance_totals(c->db, p->id, c->arena, &t, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2>Các dòng kinh phí</h2><div class=\"table-wrap\"><table><thead><tr>"
	            "<th scope=\"col\">Nguồn</th><th scope=\"col\">Nội dung chi</th>"
	            "<th scope=\"col\" class=\"num\">Dự kiến (đồng)</th>"
	            "<th scope=\"col\" class=\"num\">Được duyệt (đồng)</th>"
	            "<th scope=\"col\" class=\"num\">Đã giải ngân (đồng)</th>"
	            "<th scope=\"col\" class=\"num\">Mức tối đa (đồng)</th></tr></thead><tbody>");
	for (int i = 0; i < lines.n; i++) {
		const CostLine *l = &lines.v[i];
		html_printf(b, "<tr><td>%s</td><td>%s</td><td class=\"num\">",
		        web_ref_label(c, "funding_source", l->source_code), l->item ? l->item : "");
		web_money(c, l->planned);
		html_raw(b, "</td><td class=\"num\">");
		web_money(c, l->approved);
		html_raw(b, "</td><td class=\"num\">");
		web_money(c, l->disbursed);
		html_raw(b, "</td><td class=\"num\">");
		web_money(c, l->allowed);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table></div>\n<h2>Tổng hợp theo nguồn</h2><table><thead><tr>"
	            "<th scope=\"col\">Nguồn</th><th scope=\"col\" class=\"num\">Dự kiến</th>"
	            "<th scope=\"col\" class=\"num\">Được duyệt</th>"
	            "<th scope=\"col\" class=\"num\">Đã giải ngân</th></tr></thead><tbody>");
	for (int i = 0; i < t.n; i++) {
		html_printf(b, "<tr><td>%s</td><td class=\"num\">", t.v[i].label_vi);
		web_money(c, t.v[i].planned);
		html_raw(b, "</td><td class=\"num\">");
		web_money(c, t.v[i].approved);
		html_raw(b, "</td><td class=\"num\">");
		web_money(c, t.v[i].disbursed);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "<tr class=\"total\"><td>Tổng kinh phí</td><td class=\"num\">");
	web_money(c, t.total_cost);
	html_raw(b, "</td><td></td><td class=\"num\">");
	web_money(c, t.disbursed);
	html_raw(b, "</td></tr></tbody></table>\n<p class=\"words\">Tổng kinh phí bằng chữ: <em>");
	web_money_words(c, t.total_cost);
	html_raw(b, "</em></p>\n<p>Kinh phí hỗ trợ từ ngân sách nhà nước: ");
	web_money(c, t.state_support);
	html_raw(b, " đồng; đã giải ngân ");
	web_money(c, t.disbursed);
	html_raw(b, " đồng");
	if (t.rate_x100 >= 0)
		html_printf(b, " (%lld,%02lld %%)", (long long)(t.rate_x100 / 100),
		        (long long)(t.rate_x100 % 100));
	html_raw(b, ".</p>\n");
	return 0;
}

static const char *const kinds[] = {"advance", "Tạm ứng", "payment", "Thanh toán",
        "advance_recovery", "Thu hồi tạm ứng", "refund", "Nộp trả"};

static int tab_disbursements(Ctx *c, const Project *p)
{
	DisbursementList d;
	CostLineList lines;
	int rc = store_finance_disbursement_list(c->db, p->id, c->arena, &d, &c->err);
	if (!rc)
		rc = store_finance_line_list(c->db, p->id, c->arena, &lines, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<table><thead><tr><th scope=\"col\">Ngày</th><th scope=\"col\">Loại</th>"
	            "<th scope=\"col\">Dòng kinh phí</th><th scope=\"col\" class=\"num\">Số tiền "
	            "(đồng)</th><th scope=\"col\">Chứng từ</th><th scope=\"col\"></th></tr></thead>"
	            "<tbody>");
	for (int i = 0; i < d.n; i++) {
		const Disbursement *x = &d.v[i];
		html_raw(b, "<tr><td>");
		web_date(c, x->paid_on);
		html_printf(b, "</td><td>%s</td><td>%lld</td><td class=\"num\">",
		        pair_label(kinds, 4, x->kind), (long long)x->cost_line_id);
		web_money(c, x->amount);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->voucher_no);
		html_raw(b, "</td><td>");
		web_project_row_delete(c, web_project_row_action(c, p->id, "giai-ngan", x->id),
		        "lần giải ngân này");
		html_raw(b, "</td></tr>");
	}
	if (!d.n)
		html_raw(b, "<tr><td colspan=\"6\">Chưa giải ngân.</td></tr>");
	html_raw(b, "</tbody></table>\n");
	if (!ctx_can(c, ROLE_STAFF))
		return web_project_tab_invoices(c, p);
	const char **opts = arena_alloc(c->arena, (size_t)(2 * lines.n + 2) * sizeof *opts);
	int n = 0;
	for (int i = 0; i < lines.n; i++) {
		if (!strcmp(lines.v[i].source_code, "counterpart") ||
		        !strcmp(lines.v[i].source_code, "other"))
			continue; /* only state budget lines are disbursed */
		opts[2 * n] = web_project_num(c, lines.v[i].id);
		size_t len = 256;
		char *label = arena_alloc(c->arena, len);
		snprintf(label, len, "%s: %s",
		        web_ref_label(c, "funding_source", lines.v[i].source_code),
		        lines.v[i].item ? lines.v[i].item : "");
		opts[2 * n + 1] = label;
		n++;
	}
	html_printf(b,
	        "<h2>Ghi giải ngân</h2><form method=\"post\" action=\"/de-an/%lld/giai-ngan\" "
	        "class=\"filters\">",
	        (long long)p->id);
	web_csrf(c);
	web_select(c, "cost_line_id", "Dòng kinh phí", opts, n, NULL, NULL);
	web_select(c, "kind", "Loại", kinds, 4, "payment", NULL);
	web_input(c, "date", "paid_on", "Ngày chi", NULL, NULL, WEB_REQUIRED);
	web_input(c, "text", "amount", "Số tiền (đồng)", NULL, NULL, WEB_REQUIRED | WEB_AMOUNT);
	web_input(c, "text", "voucher_no", "Số chứng từ", NULL, NULL, 0);
	html_raw(b, "<button type=\"submit\">Ghi giải ngân</button></form>\n");
	return web_project_tab_invoices(c, p);
}

static int tab_status(Ctx *c, const Project *p)
{
	ProjectEvents ev;
	int rc = store_project_events(c->db, p->id, c->arena, &ev, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2>Lịch sử trạng thái</h2><table><thead><tr><th scope=\"col\">Ngày</th>"
	            "<th scope=\"col\">Từ</th><th scope=\"col\">Sang</th>"
	            "<th scope=\"col\">Quyết định</th><th scope=\"col\">Lý do</th></tr></thead>"
	            "<tbody>");
	for (int i = 0; i < ev.n; i++) {
		const ProjectEvent *e = &ev.v[i];
		html_raw(b, "<tr><td>");
		web_date(c, e->event_date);
		html_printf(b, "</td><td>%s</td><td>%s</td><td>",
		        e->from_status ? web_project_status(e->from_status) : "—",
		        web_project_status(e->to_status));
		if (e->decision_no) {
			html_printf(b, "%s ngày ", e->decision_no);
			web_date(c, e->decision_date);
		} else {
			html_raw(b, "—");
		}
		html_raw(b, "</td><td>");
		web_text_or_dash(c, e->reason);
		html_raw(b, "</td></tr>");
	}
	html_raw(b, "</tbody></table>\n");
	return web_project_tab_adjustments(c, p);
}

void web_project_head(Ctx *c, const Project *p, const char *tab)
{
	Buf *b = web_out(c);
	web_begin(c, 200, p->title, "de-an");
	static const char *const notice_text[] = {"Đã thêm đề án.", "Đã chuyển trạng thái.",
	        "Đã ghi giải ngân.", "Đã thêm cơ sở thụ hưởng.", "Đã lưu thay đổi.",
	        "Đã ghi đợt kiểm tra.", "Đã tải lên tài liệu.", "Đã ghi đề nghị điều chỉnh.",
	        "Đã ghi quyết định về đề nghị điều chỉnh.", "Đã xóa."};
	const char *tb = ctx_param(c, "tb")->s;
	for (int i = 0; tb && notices[i]; i++)
		if (!strcmp(tb, notices[i]))
			web_notice(c, notice_text[i]);
	html_printf(b, "<p class=\"muted\">%s · <span class=\"badge %s\">%s</span></p>", p->code,
	        p->status, web_project_status(p->status));
	if (ctx_can(c, ROLE_STAFF))
		html_printf(b,
		        "<p class=\"actions\"><a class=\"button\" href=\"/de-an/%lld/sua\">"
		        "Sửa đề án</a></p>",
		        (long long)p->id);
	web_project_delete_button(c, p);
	moves(c, p);
	html_raw(b, "<ul class=\"tabs\" role=\"list\">");
	for (int i = 0; i < N_TABS; i++) {
		/* The history is a page of its own, whose route is for managers:
		 * others get no link that would answer 403. */
		bool history = !strcmp(tabs[2 * i], "lich-su");
		if (history && !ctx_can(c, ROLE_MANAGER))
			continue;
		html_printf(b, "<li><a href=\"/de-an/%lld%s%s\"", (long long)p->id,
		        history ? "/" : "?tab=", tabs[2 * i]);
		if (!strcmp(tab, tabs[2 * i])) /* markup: html_printf would escape it as a %s */
			html_raw(b, " aria-current=\"page\"");
		html_printf(b, ">%s</a></li>", tabs[2 * i + 1]);
	}
	html_raw(b, "</ul>\n<section class=\"tab-panel\">");
}

int web_project_show(Ctx *c)
{
	const Project *p = c->rec;
	const char *tab = ctx_param(c, "tab")->s ? ctx_param(c, "tab")->s : "chung";
	if (!strcmp(tab, "lich-su")) { /* an old link to the history, now its own page */
		size_t n = 48;
		char *url = arena_alloc(c->arena, n);
		snprintf(url, n, "/de-an/%lld/lich-su", (long long)p->id);
		return web_redirect(c, url);
	}
	web_project_head(c, p, tab);
	int rc = 0;
	if (!strcmp(tab, "thu-huong"))
		rc = tab_beneficiaries(c, p);
	else if (!strcmp(tab, "kinh-phi"))
		rc = tab_finance(c, p);
	else if (!strcmp(tab, "giai-ngan"))
		rc = tab_disbursements(c, p);
	else if (!strcmp(tab, "trang-thai"))
		rc = tab_status(c, p);
	else if (!strcmp(tab, "kiem-tra"))
		rc = web_project_tab_inspections(c, p);
	else if (!strcmp(tab, "tai-lieu"))
		rc = web_project_tab_documents(c, p);
	else if (!strcmp(tab, "ket-qua"))
		rc = web_project_tab_outputs(c, p);
	else
		tab_general(c, p);
	if (rc)
		return rc;
	html_raw(web_out(c), "</section>\n");
	web_end(c);
	return 0;
}

/* ---- Moves, disbursements, beneficiaries ----------------------------------------------- */

int web_project_back(Ctx *c, const char *tab, const char *notice)
{
	size_t n = 96;
	char *url = arena_alloc(c->arena, n);
	snprintf(url, n, "/de-an/%lld?tab=%s&tb=%s", (long long)c->id, tab, notice);
	return web_redirect(c, url);
}

/* A store refusal the user can fix, shown on the đề án's page as an error. */
bool web_project_user_error(int rc)
{
	return rc == KC_EINVAL || rc == KC_ERANGE || rc == KC_EDENIED || rc == KC_ECONFLICT ||
	       rc == KC_EWARN || rc == KC_ENOTFOUND;
}

int web_project_refused(Ctx *c, int rc)
{
	/* As the API answers: a state that does not allow it is a conflict. */
	return ctx_fail(c, rc == KC_ECONFLICT || rc == KC_EDENIED ? 409 : 422, rc);
}

int web_project_transition(Ctx *c)
{
	const Project *p = c->rec;
	const char *to = web_form_text(c, "to_status");
	int64_t version = web_parse_money(ctx_form(c, "version"));
	if (!to || !project_state_valid(to))
		return ctx_fail(c, 422,
		        err_field(&c->err, "to_status", KC_EINVAL,
		                "Chưa chọn trạng thái chuyển tới"));
	Transition t = store_project_transition_blank();
	t.decision_no = web_form_text(c, "decision_no");
	t.decision_date = web_form_text(c, "decision_date");
	t.event_date =
	        web_form_text(c, "event_date") ? web_form_text(c, "event_date") : t.decision_date;
	t.reason = web_form_text(c, "reason");
	int rc = store_project_transition(c->db, &c->actor, p->id,
	        version > 0 && version < 1000000 ? (int)version : p->version, to, &t, &c->err);
	rc = api_project_move_refused(c, p, to, rc); /* a 403 for who the caller is */
	if (web_project_user_error(rc) && !c->status_hint)
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, "trang-thai", "da-chuyen");
}

int web_project_disburse(Ctx *c)
{
	Disbursement d = store_finance_disbursement_blank();
	d.project_id = c->id;
	d.cost_line_id = web_parse_money(ctx_form(c, "cost_line_id"));
	d.kind = web_form_text(c, "kind");
	d.paid_on = web_form_text(c, "paid_on");
	d.amount = web_parse_money(ctx_form(c, "amount"));
	d.voucher_no = web_form_text(c, "voucher_no");
	if (d.amount < 0)
		return ctx_fail(c, 422,
		        err_field(&c->err, "amount", KC_EINVAL, "Số tiền phải là số nguyên đồng"));
	CostLine line;
	int rc = store_finance_line_get(c->db, d.cost_line_id, c->arena, &line, &c->err);
	if (!rc && line.project_id != c->id)
		rc = err_field(&c->err, "cost_line_id", KC_ENOTFOUND,
		        "Dòng kinh phí không thuộc đề án này");
	int64_t id;
	if (!rc)
		rc = store_finance_disbursement_add(c->db, &c->actor, &d, &id, &c->err);
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, "giai-ngan", "da-giai-ngan");
}

int web_project_beneficiary(Ctx *c)
{
	int64_t est = web_parse_money(ctx_form(c, "establishment_id"));
	int rc = est > 0 ? store_project_beneficiary_add(c->db, &c->actor, c->id, est, &c->err)
	                 : err_field(&c->err, "establishment_id", KC_EINVAL, "Chưa chọn cơ sở");
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, "thu-huong", "da-them-co-so");
}

/* ---- Creating a đề án with its cost lines and beneficiaries ---------------------------- */

enum { MAX_ROWS = 40 };

/* The form as sent: the đề án and its rows, kept to show again on an error. */
typedef struct ProjectForm {
	Project p;
	const char *source[MAX_ROWS], *item[MAX_ROWS], *planned[MAX_ROWS];
	int n_lines;
	const char *beneficiary[MAX_ROWS];
	int n_beneficiaries;
} ProjectForm;

static const char *const form_fields[] = {"code", "title", "level", "type", "activity_code",
        "province_code", "province_list", "commune_code", "commune_list", "start_year", "end_year",
        "registration_year", "objective", NULL};

static void line_row(Ctx *c, const char *const *sources, int ns, const char *source,
        const char *item, const char *planned)
{
	Buf *b = web_out(c);
	html_raw(b, "<tr><td><select name=\"line_source\" aria-label=\"Nguồn kinh phí\">");
	for (int i = 0; i < ns; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", sources[2 * i],
		        source && !strcmp(source, sources[2 * i]) ? " selected" : "",
		        sources[2 * i + 1]);
	html_printf(b,
	        "</select></td><td><input type=\"text\" name=\"line_item\" value=\"%s\" "
	        "aria-label=\"Nội dung chi\"></td><td><input type=\"text\" name=\"line_planned\" "
	        "value=\"%s\" data-amount inputmode=\"numeric\" aria-label=\"Số tiền (đồng)\"></td>"
	        "<td><button type=\"button\" class=\"secondary\" data-remove-row>Xóa dòng</button>"
	        "</td></tr>",
	        item ? item : "", planned ? planned : "");
}

void web_project_beneficiary_row(Ctx *c, const char *id)
{
	Buf *b = web_out(c);
	html_raw(b, "<tr><td><input type=\"search\" aria-label=\"Tìm cơ sở theo tên\" "
	            "data-find-establishment></td><td><select name=\"beneficiary\" "
	            "aria-label=\"Cơ sở thụ hưởng\" data-establishments>");
	if (id && *id) {
		/* The id comes from the form: name it only if the caller may read it. */
		Establishment e;
		Err err = {0};
		int64_t n = web_parse_money(id);
		bool known = n > 0 && !store_establishment_get(c->db, n, c->arena, &e, &err) &&
		             api_may_read_place(c, e.province_list, e.province_code);
		html_printf(b, "<option value=\"%s\" selected>%s%s</option>", id,
		        known ? "" : "Số ", known ? e.name : id);
	}
	html_raw(b, "</select></td><td><button type=\"button\" class=\"secondary\" "
	            "data-remove-row>Xóa dòng</button></td></tr>");
}

static void project_form(Ctx *c, int status, const ProjectForm *f)
{
	const Project *p = &f->p;
	Buf *b = web_out(c);
	web_begin(c, status, "Thêm đề án", "de-an");
	web_form_error(c, form_fields);
	html_raw(b, "<form method=\"post\" action=\"/de-an\">");
	web_csrf(c);
	html_raw(b, "<div class=\"grid2\">");
	web_input(c, "text", "code", "Mã đề án", p->code, "Ví dụ: KCĐP-2026-CT-01", WEB_REQUIRED);
	web_input(c, "text", "title", "Tên đề án", p->title, NULL, WEB_REQUIRED);
	web_select(c, "level", "Cấp", web_project_levels, 2, p->level, "— chọn —");
	web_select(c, "type", "Loại đề án", web_project_types, 4, p->type, NULL);
	int na;
	const char *const *contents = web_ref_options(c, "activity_content", &na);
	web_select(c, "activity_code", "Nội dung hoạt động", contents, na, p->activity_code,
	        "— chọn —");
	web_unit_picker(
	        c, "Tỉnh", p->province_list, p->province_code, p->commune_list, p->commune_code);
	char years[3][8] = {"", "", ""};
	int ys[3] = {p->registration_year, p->start_year, p->end_year};
	for (int i = 0; i < 3; i++)
		if (ys[i])
			snprintf(years[i], sizeof years[i], "%d", ys[i]);
	web_input(c, "number", "registration_year", "Năm đăng ký", years[0], NULL, 0);
	web_input(c, "number", "start_year", "Năm bắt đầu", years[1], NULL, WEB_REQUIRED);
	web_input(c, "number", "end_year", "Năm kết thúc", years[2], NULL, WEB_REQUIRED);
	web_input(c, "text", "objective", "Mục tiêu", p->objective, NULL, 0);
	html_raw(b, "</div>");
	int ns;
	const char *const *sources = web_ref_options(c, "funding_source", &ns);
	html_raw(b, "<fieldset><legend>Kinh phí theo nguồn</legend>");
	web_field_error(c, "cost_lines");
	html_raw(b,
	        "<p class=\"hint\">Mức hỗ trợ tối đa theo quy định được kiểm tra khi lưu; "
	        "vượt mức thì cần ghi lý do trong dòng kinh phí.</p>"
	        "<table id=\"cost-lines\" class=\"rows\"><thead><tr><th scope=\"col\">Nguồn</th>"
	        "<th scope=\"col\">Nội dung chi</th><th scope=\"col\">Số tiền (đồng)</th>"
	        "<th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < f->n_lines; i++)
		line_row(c, sources, ns, f->source[i], f->item[i], f->planned[i]);
	if (!f->n_lines)
		line_row(c, sources, ns, "central", NULL, NULL);
	html_raw(b, "</tbody><template>");
	line_row(c, sources, ns, NULL, NULL, NULL);
	html_raw(b, "</template></table><button type=\"button\" class=\"secondary\" "
	            "data-add-row=\"cost-lines\">Thêm dòng kinh phí</button></fieldset>\n");
	html_raw(b, "<fieldset><legend>Cơ sở thụ hưởng</legend>");
	web_field_error(c, "beneficiaries");
	html_raw(b, "<table id=\"beneficiaries\" class=\"rows\"><thead><tr><th scope=\"col\">Tìm"
	            "</th><th scope=\"col\">Cơ sở</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < f->n_beneficiaries; i++)
		web_project_beneficiary_row(c, f->beneficiary[i]);
	if (!f->n_beneficiaries)
		web_project_beneficiary_row(c, NULL);
	html_raw(b, "</tbody><template>");
	web_project_beneficiary_row(c, NULL);
	html_raw(b, "</template></table><button type=\"button\" class=\"secondary\" "
	            "data-add-row=\"beneficiaries\">Thêm cơ sở thụ hưởng</button></fieldset>\n"
	            "<div class=\"actions\"><button type=\"submit\">Lưu đề án</button>"
	            "<a href=\"/de-an\">Hủy</a></div></form>\n");
	web_end(c);
}

int web_project_new(Ctx *c)
{
	ProjectForm f = {.p = store_project_blank()};
	if (!c->who.all_provinces && c->who.n_provinces)
		f.p.province_list = "current", f.p.province_code = c->who.provinces[0];
	f.p.level = "local";
	project_form(c, 200, &f);
	return 0;
}

int web_project_year(Ctx *c, const char *name)
{
	int64_t v = web_parse_money(ctx_form(c, name));
	return v > 0 && v < 3000 ? (int)v : 0;
}

void web_project_read_general(Ctx *c, Project *p)
{
	p->code = web_form_text(c, "code");
	p->title = web_form_text(c, "title");
	p->level = web_form_text(c, "level");
	p->type = web_form_text(c, "type") ? web_form_text(c, "type") : "ordinary";
	p->activity_code = web_form_text(c, "activity_code");
	web_unit_read(c, &p->province_list, &p->province_code, &p->commune_list, &p->commune_code);
	p->registration_year = web_project_year(c, "registration_year");
	p->start_year = web_project_year(c, "start_year");
	p->end_year = web_project_year(c, "end_year");
	p->objective = web_form_text(c, "objective");
}

static void read_form(Ctx *c, ProjectForm *f)
{
	web_project_read_general(c, &f->p);
	f->n_lines = ctx_form_all(c, "line_source", f->source, MAX_ROWS);
	ctx_form_all(c, "line_item", f->item, MAX_ROWS);
	ctx_form_all(c, "line_planned", f->planned, MAX_ROWS);
	f->n_beneficiaries = ctx_form_all(c, "beneficiary", f->beneficiary, MAX_ROWS);
}

/* Writes the rows of f for the new đề án id; an error names the row. */
static int write_rows(Ctx *c, const ProjectForm *f, int64_t id)
{
	for (int i = 0; i < f->n_lines; i++) {
		int64_t planned = web_parse_money(f->planned[i]);
		if (planned == -1 && (!f->item[i] || !*f->item[i]))
			continue; /* an empty row */
		CostLine l = store_finance_line_blank();
		l.project_id = id;
		l.source_code = f->source[i];
		l.item = f->item[i] && *f->item[i] ? f->item[i] : NULL;
		l.planned = planned;
		l.position = i + 1;
		int64_t line_id;
		int rc = planned < 0
		                 ? err_set(&c->err, KC_EINVAL, "số tiền phải là số nguyên đồng")
		                 : store_finance_line_add(c->db, &c->actor, &l, &line_id, &c->err);
		if (rc) {
			char msg[sizeof c->err.msg];
			snprintf(msg, sizeof msg, "%s", c->err.msg);
			return err_field(
			        &c->err, "cost_lines", rc, "Dòng kinh phí %d: %s", i + 1, msg);
		}
	}
	for (int i = 0; i < f->n_beneficiaries; i++) {
		int64_t est = web_parse_money(f->beneficiary[i]);
		if (est == -1)
			continue;
		int rc =
		        est < 1 ? err_set(&c->err, KC_EINVAL, "không rõ cơ sở")
		                : store_project_beneficiary_add(c->db, &c->actor, id, est, &c->err);
		if (rc) {
			char msg[sizeof c->err.msg];
			snprintf(msg, sizeof msg, "%s", c->err.msg);
			return err_field(
			        &c->err, "beneficiaries", rc, "Cơ sở thụ hưởng %d: %s", i + 1, msg);
		}
	}
	return 0;
}

int web_project_create(Ctx *c)
{
	ProjectForm *f = arena_alloc(c->arena, sizeof *f);
	f->p = store_project_blank();
	read_form(c, f);
	int64_t id = 0;
	/* The đề án and its rows are one change: all of it, or nothing and the
	 * form again with what was typed. */
	int rc = db_begin(c->db, &c->err);
	if (!rc)
		rc = store_project_create(c->db, &c->actor, &f->p, &id, &c->err);
	if (!rc)
		rc = write_rows(c, f, id);
	if (!rc)
		rc = db_commit(c->db, &c->err);
	else if (db_depth(c->db) > 0)
		db_rollback(c->db);
	if (web_project_user_error(rc)) {
		project_form(c, 422, f);
		return 0;
	}
	if (rc)
		return rc;
	char *url = arena_alloc(c->arena, 64);
	snprintf(url, 64, "/de-an/%lld?tb=da-them", (long long)id);
	return web_redirect(c, url);
}
