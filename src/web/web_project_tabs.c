/* web_project_tabs.c — the tabs of one đề án that keep its file (issue 7):
 * inspections (the list and a form to record one), documents (the list,
 * downloads through /api/v1, and an upload form that works without
 * JavaScript: multipart/form-data), adjustments (requests with the approver
 * the rules name, a form to request one, and the decision for those who may
 * take it) and the audit history of the record with what each change
 * touched. The store calls are those of the API's routes. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_routes.h"
#include "http/http_multipart.h"
#include "store/store_audit.h"
#include "store/store_finance.h"
#include "store/store_project.h"
#include "store/store_project_extra.h"
#include "web/web.h"
#include "web/web_admin.h"
#include "web/web_project.h"
#include "web/web_routes.h"

static const char *pair_of(const char *const *pairs, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (!strcmp(pairs[2 * i], code))
			return pairs[2 * i + 1];
	return code ? code : "—";
}

/* ---- Inspections ------------------------------------------------------------------------ */

int web_project_tab_inspections(Ctx *c, const Project *p)
{
	InspectionFilter f = store_inspection_filter();
	f.project_id = p->id;
	f.limit = 500;
	InspectionList l;
	int rc = store_inspection_list(c->db, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<table><thead><tr><th scope=\"col\">Ngày kiểm tra</th>"
	            "<th scope=\"col\">Người, đoàn kiểm tra</th><th scope=\"col\">Kết quả</th>"
	            "<th scope=\"col\">Ghi chú</th><th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < l.n; i++) {
		const Inspection *x = &l.v[i];
		html_printf(b, "<tr><td><a href=\"/kiem-tra/%lld\">", (long long)x->id);
		web_date(c, x->inspected_on);
		html_raw(b, "</a></td><td>");
		web_text_or_dash(c, x->inspector);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->result);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->note);
		html_raw(b, "</td><td>");
		web_project_row_delete(
		        c, web_project_row_action(c, p->id, "kiem-tra", x->id), "đợt kiểm tra này");
		html_raw(b, "</td></tr>");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"5\">Chưa có đợt kiểm tra, giám sát nào.</td></tr>");
	html_raw(b, "</tbody></table>\n");
	html_printf(b,
	        "<p><a href=\"/kiem-tra?project=%lld\">Các đợt kiểm tra của đề án trong danh sách "
	        "kiểm tra, giám sát</a></p>\n",
	        (long long)p->id);
	if (!ctx_can(c, ROLE_STAFF))
		return 0;
	html_printf(b,
	        "<h2>Ghi đợt kiểm tra, giám sát</h2><form method=\"post\" "
	        "action=\"/de-an/%lld/kiem-tra\" class=\"grid2\">",
	        (long long)p->id);
	web_csrf(c);
	web_input(c, "date", "inspected_on", "Ngày kiểm tra", NULL, NULL, WEB_REQUIRED);
	web_input(c, "text", "inspector", "Người, đoàn kiểm tra", NULL, NULL, 0);
	web_input(c, "text", "result", "Kết quả", NULL, "Ví dụ: Đạt yêu cầu, đúng tiến độ", 0);
	web_input(c, "text", "note", "Ghi chú", NULL, NULL, 0);
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Ghi đợt kiểm tra</button>"
	            "</div></form>\n");
	return 0;
}

int web_project_inspection(Ctx *c)
{
	Inspection in = store_inspection_blank();
	in.project_id = c->id;
	in.inspected_on = web_form_text(c, "inspected_on");
	in.inspector = web_form_text(c, "inspector");
	in.result = web_form_text(c, "result");
	in.note = web_form_text(c, "note");
	int64_t id;
	int rc = store_inspection_add(c->db, &c->actor, &in, &id, &c->err);
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, "kiem-tra", "da-them-kiem-tra");
}

/* ---- Documents -------------------------------------------------------------------------- */

static const char *const doc_kinds[] = {"decision", "Quyết định", "contract", "Hợp đồng", "minutes",
        "Biên bản", "invoice", "Hóa đơn", "photo", "Ảnh", "other", "Khác"};
enum { N_DOC_KINDS = 6 };

int web_project_tab_documents(Ctx *c, const Project *p)
{
	DocumentList d;
	int rc = store_document_list(c->db, p->id, c->arena, &d, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<table><thead><tr><th scope=\"col\">Tài liệu</th><th scope=\"col\">Loại</th>"
	            "<th scope=\"col\">Tệp</th><th scope=\"col\" class=\"num\">Dung lượng (byte)"
	            "</th><th scope=\"col\">Tải lên lúc</th><th scope=\"col\"></th></tr></thead>"
	            "<tbody>");
	for (int i = 0; i < d.n; i++) {
		const Document *x = &d.v[i];
		html_printf(b,
		        "<tr><td><a href=\"/api/v1/projects/%lld/documents/%lld\" download>%s</a>"
		        "</td><td>%s</td><td>%s</td><td class=\"num\">",
		        (long long)p->id, (long long)x->id, x->title ? x->title : x->file_name,
		        pair_of(doc_kinds, N_DOC_KINDS, x->kind), x->file_name);
		web_int(c, x->size_bytes);
		html_raw(b, "</td><td>");
		web_date(c, x->uploaded_at);
		html_raw(b, "</td><td>");
		web_project_row_delete(c, web_project_row_action(c, p->id, "tai-lieu", x->id),
		        x->title ? x->title : x->file_name);
		html_raw(b, "</td></tr>");
	}
	if (!d.n)
		html_raw(b, "<tr><td colspan=\"6\">Chưa có tài liệu.</td></tr>");
	html_raw(b, "</tbody></table>\n");
	if (!ctx_can(c, ROLE_STAFF))
		return 0;
	html_printf(b,
	        "<h2>Tải lên tài liệu</h2><form method=\"post\" action=\"/de-an/%lld/tai-lieu\" "
	        "enctype=\"multipart/form-data\" class=\"grid2\">",
	        (long long)p->id);
	web_csrf(c);
	web_select(c, "kind", "Loại tài liệu", doc_kinds, N_DOC_KINDS, "decision", NULL);
	web_input(c, "text", "title", "Tên tài liệu", NULL, "Bỏ trống: lấy tên tệp", 0);
	html_raw(b,
	        "<div class=\"field\"><label for=\"f-file\">Tệp</label>"
	        "<input type=\"file\" id=\"f-file\" name=\"file\" required></div>"
	        "<div class=\"actions\"><button type=\"submit\">Tải lên</button></div></form>\n");
	return 0;
}

int web_project_upload(Ctx *c)
{
	const HttpFile *f = ctx_file(c, "file");
	if (!f || !f->len)
		return web_project_refused(c, err_field(&c->err, "file", KC_EINVAL,
		                                      "Chưa chọn tệp, hoặc tệp rỗng: không có gì "
		                                      "để tải lên"));
	if (!c->app->documents)
		return err_set(&c->err, KC_EIO, "no documents folder configured");
	DocumentStore ds = {.root = c->app->documents, .max_bytes = c->app->limits.upload_bytes};
	Document in = store_document_blank();
	in.project_id = c->id;
	in.kind = web_form_text(c, "kind");
	in.file_name = f->file_name;
	in.title = web_form_text(c, "title") ? web_form_text(c, "title") : f->file_name;
	in.mime_type = f->type;
	int64_t id;
	int rc = store_document_add(c->db, &c->actor, &ds, &in, f->data, f->len, &id, &c->err);
	if (rc == KC_ETOOBIG)
		return ctx_fail(c, 413, rc);
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, "tai-lieu", "da-tai-len");
}

/* ---- Adjustments ------------------------------------------------------------------------ */

static const char *const adj_kinds[] = {"increase_support", "Tăng kinh phí hỗ trợ",
        "reduce_support", "Giảm kinh phí hỗ trợ", "change_content", "Thay đổi nội dung",
        "extend_next_year", "Chuyển sang năm sau", "change_timing_in_year",
        "Thay đổi thời gian trong năm", "change_location", "Thay đổi địa điểm",
        "change_beneficiary", "Thay đổi cơ sở thụ hưởng", "change_partner",
        "Thay đổi đơn vị phối hợp", "add_project", "Bổ sung đề án", "stop", "Dừng thực hiện",
        "other", "Khác"};
enum { N_ADJ_KINDS = 11 };
static const char *const approvers[] = {"ministry", "Bộ Công Thương", "agency",
        "Cục (cơ quan khuyến công quốc gia)", "ppc", "UBND tỉnh", "doit", "Sở Công Thương"};
static const char *const adj_states[] = {
        "requested", "Chờ quyết định", "approved", "Đã chấp thuận", "rejected", "Không chấp thuận"};

/* The decision form of a requested adjustment, for those who may take it. */
static void decide_form(Ctx *c, const Adjustment *a)
{
	Buf *b = web_out(c);
	bool national =
	        a->approver && (!strcmp(a->approver, "ministry") || !strcmp(a->approver, "agency"));
	if (!ctx_can(c, ROLE_MANAGER) || (national && !c->who.all_provinces)) {
		html_raw(b, "—");
		return;
	}
	html_printf(b,
	        "<form method=\"post\" action=\"/de-an/%lld/dieu-chinh/%lld\" "
	        "class=\"filters move\">",
	        (long long)a->project_id, (long long)a->id);
	web_csrf(c);
	html_printf(b,
	        "<input type=\"text\" name=\"decision_no\" aria-label=\"Số quyết định (đề nghị "
	        "%lld)\" placeholder=\"Số quyết định\"><input type=\"date\" name=\"decision_date\" "
	        "aria-label=\"Ngày quyết định (đề nghị %lld)\"><button type=\"submit\" "
	        "name=\"decision\" value=\"approved\">Chấp thuận</button><button type=\"submit\" "
	        "name=\"decision\" value=\"rejected\" class=\"secondary\">Không chấp thuận</button>"
	        "</form>",
	        (long long)a->id, (long long)a->id);
}

int web_project_tab_adjustments(Ctx *c, const Project *p)
{
	Adjustments adj;
	int rc = store_project_adjustments(c->db, p->id, c->arena, &adj, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2>Điều chỉnh</h2><div class=\"table-wrap\"><table><thead><tr>"
	            "<th scope=\"col\">Ngày đề nghị</th><th scope=\"col\">Loại</th>"
	            "<th scope=\"col\">Nội dung cũ</th><th scope=\"col\">Nội dung mới</th>"
	            "<th scope=\"col\">Lý do</th><th scope=\"col\">Cấp phê duyệt</th>"
	            "<th scope=\"col\">Kết quả</th><th scope=\"col\">Quyết định</th></tr></thead>"
	            "<tbody>");
	for (int i = 0; i < adj.n; i++) {
		const Adjustment *a = &adj.v[i];
		html_raw(b, "<tr><td>");
		web_date(c, a->requested_on);
		html_printf(b, "</td><td>%s</td><td>", pair_of(adj_kinds, N_ADJ_KINDS, a->kind));
		web_text_or_dash(c, a->old_value);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, a->new_value);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, a->reason);
		html_printf(b, "</td><td>%s</td><td>%s", pair_of(approvers, 4, a->approver),
		        pair_of(adj_states, 3, a->status));
		if (a->decision_no) {
			html_printf(b, " (%s ngày ", a->decision_no);
			web_date(c, a->decision_date);
			html_raw(b, ")");
		}
		html_raw(b, "</td><td>");
		if (a->status && !strcmp(a->status, "requested"))
			decide_form(c, a);
		else
			html_raw(b, "—");
		html_raw(b, "</td></tr>");
	}
	if (!adj.n)
		html_raw(b, "<tr><td colspan=\"8\">Không có đề nghị điều chỉnh.</td></tr>");
	html_raw(b, "</tbody></table></div>\n");
	if (!ctx_can(c, ROLE_STAFF))
		return 0;
	html_printf(b,
	        "<h2>Đề nghị điều chỉnh</h2><p class=\"hint\">Cấp phê duyệt được xác định theo "
	        "quy tắc điều chỉnh (danh mục) cho cấp đề án và loại điều chỉnh.</p>"
	        "<form method=\"post\" action=\"/de-an/%lld/dieu-chinh\" class=\"grid2\">",
	        (long long)p->id);
	web_csrf(c);
	web_select(c, "kind", "Loại điều chỉnh", adj_kinds, N_ADJ_KINDS, NULL, "— chọn —");
	web_input(c, "date", "requested_on", "Ngày đề nghị", NULL, "Bỏ trống: hôm nay", 0);
	web_input(c, "text", "request_doc", "Văn bản đề nghị", NULL, NULL, 0);
	web_input(c, "text", "old_value", "Nội dung cũ", NULL, NULL, 0);
	web_input(c, "text", "new_value", "Nội dung mới", NULL, NULL, 0);
	web_input(c, "text", "reason", "Lý do", NULL, NULL, 0);
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Gửi đề nghị</button></div>"
	            "</form>\n");
	return 0;
}

int web_project_adjust(Ctx *c)
{
	Adjustment in = store_project_adjustment_blank();
	in.kind = web_form_text(c, "kind");
	in.requested_on = web_form_text(c, "requested_on");
	in.request_doc = web_form_text(c, "request_doc");
	in.old_value = web_form_text(c, "old_value");
	in.new_value = web_form_text(c, "new_value");
	in.reason = web_form_text(c, "reason");
	int64_t id;
	int rc = in.kind ? store_project_adjust(c->db, &c->actor, c->id, &in, &id, &c->err)
	                 : err_field(&c->err, "kind", KC_EINVAL, "Chưa chọn loại điều chỉnh");
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, "trang-thai", "da-de-nghi");
}

int web_project_adjust_decide(Ctx *c)
{
	const Adjustment *a = c->rec;
	int rc = api_adjustment_decider(c, a);
	if (rc)
		return rc;
	rc = store_project_adjust_decide(c->db, &c->actor, a->id, web_form_text(c, "decision"),
	        web_form_text(c, "decision_no"), web_form_text(c, "decision_date"), &c->err);
	if (web_project_user_error(rc))
		return web_project_refused(c, rc);
	return rc ? rc : web_project_back(c, "trang-thai", "da-quyet-dinh");
}

/* ---- The audit history -------------------------------------------------------------------- */

/* The tables of a đề án's file keyed by its id (web_audit.c names them). */
static const char *const tables[] = {
        "project", "project_beneficiary", "project_partner", "project_output"};
enum { N_TABLES = 4 };

static int by_newest(const void *x, const void *y)
{
	const AuditEntry *a = x, *b = y;
	return a->id < b->id ? 1 : a->id > b->id ? -1 : 0;
}

static int history_of(Ctx *c, const char *table, int64_t id, AuditList *out)
{
	AuditFilter f = store_audit_filter();
	f.table_name = table;
	f.record_id = web_project_num(c, id);
	f.limit = 200;
	return store_audit_list(c->db, &f, c->arena, out, &c->err);
}

/* The history of the đề án and of the rows of its file, newest first: its
 * own table, those keyed by its id, and each cost line it has now. */
static int history(Ctx *c, const Project *p, AuditList *out)
{
	CostLineList lines;
	int rc = store_finance_line_list(c->db, p->id, c->arena, &lines, &c->err);
	AuditList *parts = arena_alloc(c->arena, (size_t)(N_TABLES + lines.n) * sizeof *parts);
	int n_parts = 0, total = 0;
	for (int i = 0; !rc && i < N_TABLES; i++)
		rc = history_of(c, tables[i], p->id, &parts[n_parts++]);
	for (int i = 0; !rc && i < lines.n; i++)
		rc = history_of(c, "project_cost_line", lines.v[i].id, &parts[n_parts++]);
	if (rc)
		return rc;
	for (int i = 0; i < n_parts; i++)
		total += parts[i].n;
	AuditEntry *v = arena_alloc(c->arena, (size_t)(total ? total : 1) * sizeof *v);
	int n = 0;
	for (int i = 0; i < n_parts; i++)
		for (int j = 0; j < parts[i].n; j++)
			v[n++] = parts[i].v[j];
	qsort(v, (size_t)n, sizeof *v, by_newest);
	*out = (AuditList){.v = v, .n = n, .total = n};
	return 0;
}

/* The changes as the audit log shows them (web_audit.c): Việt Nam time,
 * Vietnamese actions, each field's value before and after. */
int web_project_tab_audit(Ctx *c, const Project *p)
{
	Buf *b = web_out(c);
	AuditList l;
	int rc = history(c, p, &l);
	if (rc)
		return rc;
	web_audit_entries(c, &l, true);
	html_raw(b, "<p class=\"muted\">Giờ hiển thị là giờ Việt Nam (UTC+7).</p>\n");
	return 0;
}

int web_project_history(Ctx *c)
{
	const Project *p = c->rec;
	web_project_head(c, p, "lich-su");
	int rc = web_project_tab_audit(c, p);
	if (rc)
		return rc;
	html_raw(web_out(c), "</section>\n");
	web_end(c);
	return 0;
}
