/* web_project_parts.c — the rest of a đề án's file as pages (issue 7,
 * web-coverage): deleting a đề án still in draft, its partner organisations,
 * its outputs by indicator (tab "Kết quả"), its invoices with those dated
 * outside the eligible window, the delete buttons of the rows of its tabs
 * (disbursements, invoices, documents, inspections, outputs, partners) and
 * the links to the activities that name it. The store calls are those of
 * the API's routes, which validate and audit; the router has checked the
 * đề án's province and, for a row, that the row is the đề án's. */
#include <stdio.h>
#include <string.h>

#include "store/store_finance.h"
#include "store/store_org.h"
#include "store/store_project.h"
#include "store/store_project_extra.h"
#include "web/web_admin.h"
#include "web/web_kind.h"
#include "web/web_project.h"
#include "web/web_routes.h"

static const char *const roles[] = {"partner", "Phối hợp", "lead", "Chủ trì"};
static const char *const qualifiers[] = {
        "gần", "gần", "trên", "trên", "khoảng", "khoảng", "ước", "ước"};

void web_project_row_delete(Ctx *c, const char *action, const char *what)
{
	Buf *b = web_out(c);
	if (!ctx_can(c, ROLE_STAFF))
		return;
	html_printf(
	        b, "<form method=\"post\" action=\"%s\" data-confirm=\"Xóa %s?\">", action, what);
	web_csrf(c);
	html_printf(b,
	        "<button type=\"submit\" class=\"secondary\" aria-label=\"Xóa %s\">Xóa</button>"
	        "</form>",
	        what);
}

/* "/de-an/12/<part>/<id>/xoa", in the arena. */
static const char *row_action(Ctx *c, int64_t project, const char *part, const char *id)
{
	size_t n = 64 + strlen(id);
	char *s = arena_alloc(c->arena, n);
	snprintf(s, n, "/de-an/%lld/%s/%s/xoa", (long long)project, part, id);
	return s;
}

const char *web_project_row_action(Ctx *c, int64_t project, const char *part, int64_t id)
{
	return row_action(c, project, part, web_project_num(c, id));
}

/* The answer to a write of the đề án c->id's file that the store answered
 * rc: a refusal the user can fix as a page saying why, else back to tab. */
static int done(Ctx *c, int rc, const char *tab, const char *notice)
{
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, tab, notice);
}

/* ---- The đề án itself --------------------------------------------------------------------- */

void web_project_delete_button(Ctx *c, const Project *p)
{
	/* The store deletes only a đề án in draft or just registered. */
	if (!ctx_can(c, ROLE_STAFF) ||
	        (strcmp(p->status, "draft") && strcmp(p->status, "registered")))
		return;
	Buf *b = web_out(c);
	html_printf(b,
	        "<form method=\"post\" action=\"/de-an/%lld/xoa\" data-confirm=\"Xóa đề án '%s'?\">"
	        "<input type=\"hidden\" name=\"version\" value=\"%d\">",
	        (long long)p->id, p->code, p->version);
	web_csrf(c);
	html_raw(b, "<button type=\"submit\" class=\"danger\">Xóa đề án</button></form>");
}

int web_project_delete(Ctx *c)
{
	const Project *p = c->rec;
	int64_t v = web_parse_money(ctx_form(c, "version"));
	int rc = store_project_delete(
	        c->db, &c->actor, p->id, v > 0 && v < 1000000 ? (int)v : p->version, &c->err);
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_redirect(c, "/de-an?tb=da-xoa");
}

void web_project_links(Ctx *c, const Project *p)
{
	static const char *const lists[] = {"/dao-tao", "Lớp đào tạo", "/hoi-cho",
	        "Hội chợ, triển lãm", "/thong-tin", "Thông tin, tuyên truyền", "/tham-quan",
	        "Tham quan học tập", "/kiem-tra", "Kiểm tra, giám sát"};
	Buf *b = web_out(c);
	html_raw(b, "<h2 id=\"hoat-dong\">Hoạt động của đề án</h2><p class=\"actions\">");
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i += 2)
		html_printf(b, "<a href=\"%s?project=%lld\">%s</a>", lists[i], (long long)p->id,
		        lists[i + 1]);
	html_raw(b, "</p>\n");
}

/* ---- Partners ----------------------------------------------------------------------------- */

/* The organisations of the đề án's province and the national ones, for the picker. */
static const char *const *org_options(Ctx *c, int *n)
{
	OrgFilter f = store_org_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.limit = 500;
	OrgList l = {0};
	Err e = {0};
	*n = 0;
	if (store_org_list(c->db, &f, c->arena, &l, &e))
		return NULL;
	const char **v = arena_alloc(c->arena, (size_t)(2 * l.n + 2) * sizeof *v);
	for (int i = 0; i < l.n; i++)
		v[2 * i] = web_project_num(c, l.v[i].id), v[2 * i + 1] = l.v[i].name;
	*n = l.n;
	return v;
}

int web_project_tab_partners(Ctx *c, const Project *p)
{
	ProjectMembers m;
	int rc = store_project_partners(c->db, p->id, c->arena, &m, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2 id=\"phoi-hop\">Đơn vị phối hợp</h2><table><thead><tr>"
	            "<th scope=\"col\">Cơ quan, đơn vị</th><th scope=\"col\">Vai trò</th>"
	            "<th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < m.n; i++) {
		const ProjectMember *x = &m.v[i];
		html_printf(b, "<tr><td><a href=\"/co-quan/%lld\">%s</a></td><td>%s</td><td>",
		        (long long)x->id, x->name,
		        x->role && !strcmp(x->role, "lead") ? "Chủ trì" : "Phối hợp");
		web_project_row_delete(
		        c, web_project_row_action(c, p->id, "phoi-hop", x->id), x->name);
		html_raw(b, "</td></tr>");
	}
	if (!m.n)
		html_raw(b, "<tr><td colspan=\"3\">Chưa có đơn vị phối hợp.</td></tr>");
	html_raw(b, "</tbody></table>\n");
	if (!ctx_can(c, ROLE_STAFF))
		return 0;
	int n;
	const char *const *orgs = org_options(c, &n);
	html_printf(b, "<form method=\"post\" action=\"/de-an/%lld/phoi-hop\" class=\"filters\">",
	        (long long)p->id);
	web_csrf(c);
	web_select(c, "org_id", "Cơ quan, đơn vị", orgs, n, NULL, "— chọn —");
	web_select(c, "role", "Vai trò", roles, 2, "partner", NULL);
	html_raw(b, "<button type=\"submit\">Thêm đơn vị phối hợp</button></form>\n");
	return 0;
}

int web_project_partner_add(Ctx *c)
{
	int64_t org = web_parse_money(ctx_form(c, "org_id"));
	int rc = org > 0 ? store_project_partner_add(
	                           c->db, &c->actor, c->id, org, web_form_text(c, "role"), &c->err)
	                 : err_field(&c->err, "org_id", KC_EINVAL, "Chưa chọn cơ quan, đơn vị");
	return done(c, rc, "thu-huong", "da-luu");
}

int web_project_partner_remove(Ctx *c)
{
	int rc = store_project_partner_remove(c->db, &c->actor, c->id, c->sub, &c->err);
	return done(c, rc, "thu-huong", "da-xoa");
}

/* ---- Outputs ------------------------------------------------------------------------------ */

static void quantity(Ctx *c, int64_t v)
{
	if (v >= 0)
		web_int(c, v);
	else
		html_raw(web_out(c), "—");
}

int web_project_tab_outputs(Ctx *c, const Project *p)
{
	ProjectOutputList l;
	int rc = store_output_list(c->db, p->id, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b,
	        "<table><thead><tr><th scope=\"col\">Chỉ tiêu</th>"
	        "<th scope=\"col\" class=\"num\">Kế hoạch</th>"
	        "<th scope=\"col\" class=\"num\">Thực hiện</th><th scope=\"col\">Đơn vị tính</th>"
	        "<th scope=\"col\">Ghi chú</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < l.n; i++) {
		const ProjectOutput *x = &l.v[i];
		html_printf(b, "<tr><td>%s</td><td class=\"num\">",
		        x->label_vi ? x->label_vi : x->indicator_code);
		quantity(c, x->planned);
		html_raw(b, "</td><td class=\"num\">");
		if (x->qualifier)
			html_printf(b, "%s ", x->qualifier);
		quantity(c, x->actual);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->unit_vi);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->note);
		html_raw(b, "</td><td>");
		web_project_row_delete(c, row_action(c, p->id, "ket-qua", x->indicator_code),
		        x->label_vi ? x->label_vi : x->indicator_code);
		html_raw(b, "</td></tr>");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"6\">Chưa ghi kết quả nào.</td></tr>");
	html_raw(b, "</tbody></table>\n");
	if (!ctx_can(c, ROLE_STAFF))
		return 0;
	int n;
	const char *const *ind = web_kind_indicators(c, &n);
	const char **pairs = arena_alloc(c->arena, (size_t)(2 * n + 2) * sizeof *pairs);
	for (int i = 0; i < n; i++)
		pairs[2 * i] = ind[3 * i], pairs[2 * i + 1] = ind[3 * i + 1];
	html_printf(b,
	        "<h2>Ghi kết quả theo chỉ tiêu</h2><p class=\"hint\">Ghi lại một chỉ tiêu đã có "
	        "thì thay số cũ.</p><form method=\"post\" action=\"/de-an/%lld/ket-qua\" "
	        "class=\"grid2\">",
	        (long long)p->id);
	web_csrf(c);
	web_select(c, "indicator_code", "Chỉ tiêu", pairs, n, NULL, "— chọn —");
	web_input(c, "text", "planned", "Kế hoạch", NULL, NULL, 0);
	web_input(c, "text", "actual", "Thực hiện", NULL, NULL, 0);
	web_select(c, "qualifier", "Cách ghi số thực hiện", qualifiers, 4, NULL, "đúng số");
	web_input(c, "text", "note", "Ghi chú", NULL, NULL, 0);
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Ghi kết quả</button></div>"
	            "</form>\n");
	return 0;
}

int web_project_output_set(Ctx *c)
{
	ProjectOutput in = store_output_blank();
	in.project_id = c->id;
	in.indicator_code = web_form_text(c, "indicator_code");
	in.qualifier = web_form_text(c, "qualifier");
	in.note = web_form_text(c, "note");
	in.planned = web_parse_money(ctx_form(c, "planned"));
	in.actual = web_parse_money(ctx_form(c, "actual"));
	int rc =
	        !in.indicator_code
	                ? err_field(&c->err, "indicator_code", KC_EINVAL, "Chưa chọn chỉ tiêu")
	        : in.planned < -1
	                ? err_field(&c->err, "planned", KC_EINVAL, "Kế hoạch phải là một số nguyên")
	        : in.actual < -1
	                ? err_field(&c->err, "actual", KC_EINVAL, "Thực hiện phải là một số nguyên")
	                : store_output_upsert(c->db, &c->actor, &in, &c->err);
	return done(c, rc, "ket-qua", "da-luu");
}

int web_project_output_delete(Ctx *c)
{
	int rc = store_output_delete(c->db, &c->actor, c->id, c->key, &c->err);
	return done(c, rc, "ket-qua", "da-xoa");
}

/* ---- Invoices ----------------------------------------------------------------------------- */

/* The invoices dated outside the eligible window, each with its reason. */
static int risks(Ctx *c, const Project *p)
{
	InvoiceList r;
	int rc = store_finance_invoice_risks(c->db, p->id, c->arena, &r, &c->err);
	if (rc || !r.n)
		return rc;
	Buf *b = web_out(c);
	html_raw(b,
	        "<div class=\"warning\" role=\"note\"><p>Hóa đơn ngoài khoảng ngày được tính chi "
	        "phí:</p><ul>");
	for (int i = 0; i < r.n; i++)
		html_printf(b, "<li>%s: %s</li>", r.v[i].number ? r.v[i].number : "—",
		        r.reason && r.reason[i] ? r.reason[i] : "");
	html_raw(b, "</ul></div>\n");
	return 0;
}

/* The đề án's cost lines as (id, "source: item") pairs for a select. */
static const char *const *line_options(Ctx *c, const CostLineList *lines)
{
	const char **v = arena_alloc(c->arena, (size_t)(2 * lines->n + 2) * sizeof *v);
	for (int i = 0; i < lines->n; i++) {
		const CostLine *x = &lines->v[i];
		const char *source = web_ref_label(c, "funding_source", x->source_code);
		size_t n = strlen(source) + (x->item ? strlen(x->item) : 0) + 4;
		char *label = arena_alloc(c->arena, n);
		snprintf(label, n, "%s: %s", source, x->item ? x->item : "");
		v[2 * i] = web_project_num(c, x->id), v[2 * i + 1] = label;
	}
	return v;
}

int web_project_tab_invoices(Ctx *c, const Project *p)
{
	InvoiceList l;
	CostLineList lines;
	int rc = store_finance_invoice_list(c->db, p->id, c->arena, &l, &c->err);
	if (!rc)
		rc = store_finance_line_list(c->db, p->id, c->arena, &lines, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2 id=\"hoa-don\">Hóa đơn</h2>\n");
	if ((rc = risks(c, p)))
		return rc;
	html_raw(b, "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Số hóa đơn</th>"
	            "<th scope=\"col\">Ngày</th><th scope=\"col\">Bên bán</th>"
	            "<th scope=\"col\">Mã số thuế</th><th scope=\"col\" class=\"num\">Số tiền "
	            "(đồng)</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < l.n; i++) {
		const Invoice *x = &l.v[i];
		html_printf(b, "<tr><td>%s</td><td>", x->number ? x->number : "—");
		web_date(c, x->issued_on);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->supplier);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->tax_code);
		html_raw(b, "</td><td class=\"num\">");
		web_money(c, x->amount);
		html_raw(b, "</td><td>");
		char what[160];
		snprintf(what, sizeof what, "hóa đơn %s", x->number ? x->number : "");
		web_project_row_delete(c, web_project_row_action(c, p->id, "hoa-don", x->id), what);
		html_raw(b, "</td></tr>");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"6\">Chưa có hóa đơn.</td></tr>");
	html_raw(b, "</tbody></table></div>\n");
	if (!ctx_can(c, ROLE_STAFF))
		return 0;
	html_printf(b,
	        "<h2>Thêm hóa đơn</h2><form method=\"post\" action=\"/de-an/%lld/hoa-don\" "
	        "class=\"grid2\">",
	        (long long)p->id);
	web_csrf(c);
	/* Below the payment form on the same tab, with fields of the same
	 * names: ids of its own ("hd-amount"). */
	web_input_of(c, "hd", "text", "number", "Số hóa đơn", NULL, NULL, WEB_REQUIRED);
	web_input_of(c, "hd", "date", "issued_on", "Ngày hóa đơn", NULL, NULL, WEB_REQUIRED);
	web_input_of(
	        c, "hd", "text", "amount", "Số tiền (đồng)", NULL, NULL, WEB_REQUIRED | WEB_AMOUNT);
	web_input_of(c, "hd", "text", "supplier", "Bên bán", NULL, NULL, 0);
	web_input_of(c, "hd", "text", "tax_code", "Mã số thuế bên bán", NULL, NULL, 0);
	web_select_of(c, "hd", "cost_line_id", "Dòng kinh phí", line_options(c, &lines), lines.n,
	        NULL, "— không gắn dòng —");
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Thêm hóa đơn</button></div>"
	            "</form>\n");
	return 0;
}

int web_project_invoice_add(Ctx *c)
{
	Invoice in = store_finance_invoice_blank();
	in.project_id = c->id;
	in.number = web_form_text(c, "number");
	in.issued_on = web_form_text(c, "issued_on");
	in.amount = web_parse_money(ctx_form(c, "amount"));
	in.supplier = web_form_text(c, "supplier");
	in.tax_code = web_form_text(c, "tax_code");
	int64_t line = web_parse_money(ctx_form(c, "cost_line_id"));
	in.cost_line_id = line > 0 ? line : -1;
	int64_t id;
	int rc = in.amount < 0 ? err_field(&c->err, "amount", KC_EINVAL,
	                                 "Số tiền phải là số nguyên đồng, lớn hơn 0")
	                       : store_finance_invoice_add(c->db, &c->actor, &in, &id, &c->err);
	return done(c, rc, "giai-ngan", "da-luu");
}

int web_project_invoice_delete(Ctx *c)
{
	int rc = store_finance_invoice_delete(c->db, &c->actor, c->sub, &c->err);
	return done(c, rc, "giai-ngan", "da-xoa");
}

/* ---- Rows of the other tabs --------------------------------------------------------------- */

int web_project_disbursement_delete(Ctx *c)
{
	int rc = store_finance_disbursement_delete(c->db, &c->actor, c->sub, &c->err);
	return done(c, rc, "giai-ngan", "da-xoa");
}

int web_project_document_delete(Ctx *c)
{
	int rc = store_document_delete(c->db, &c->actor, c->sub, &c->err);
	return done(c, rc, "tai-lieu", "da-xoa");
}

/* The router checked the đề án; the inspection must be one of its own. */
int web_project_inspection_delete(Ctx *c)
{
	Inspection x;
	int rc = store_inspection_get(c->db, c->sub, c->arena, &x, &c->err);
	if (!rc && x.project_id != c->id)
		rc = err_set(&c->err, KC_ENOTFOUND, "Đề án số %lld không có đợt kiểm tra số %lld",
		        (long long)c->id, (long long)c->sub);
	if (rc == KC_ENOTFOUND)
		return rc;
	if (!rc)
		rc = store_inspection_delete(c->db, &c->actor, c->sub, &c->err);
	return done(c, rc, "kiem-tra", "da-xoa");
}
