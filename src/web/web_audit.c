/* web_audit.c — the audit log as a page (/nhat-ky): filters by user, kind
 * of record, record, action and days (Việt Nam time), pages with totals,
 * and each change shown field by field with a link to the record; also the
 * pieces the other administration pages use to show one record's history
 * (web_admin.h). Same store call as GET /api/v1/audit. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/project_state.h"
#include "store/store.h"
#include "store/store_reference.h"
#include "web/web_admin.h"
#include "web/web_routes.h"

static const char *const action_values[] = {"insert", "update", "delete", NULL};
static const char *const action_options[] = {
        "insert", "Thêm mới", "update", "Sửa", "delete", "Xóa"};

const Param web_audit_params[] = {
        {"user", PARAM_TEXT, 0, 64, NULL, "Người thay đổi (tên đăng nhập)", false},
        {"table", PARAM_TEXT, 0, 64, NULL, "Loại bản ghi", false},
        {"record", PARAM_TEXT, 0, 64, NULL, "Số hoặc mã bản ghi", false},
        {"action", PARAM_ENUM, 0, 0, action_values, "Thao tác", false},
        {"from", PARAM_TEXT, 0, 10, NULL, "Từ ngày (giờ Việt Nam)", false},
        {"to", PARAM_TEXT, 0, 10, NULL, "Đến hết ngày (giờ Việt Nam)", false},
        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},
        {NULL},
};

/* ---- Kinds of record -------------------------------------------------------------------- */

/* A table the log names: its label and the page of a record, whose id is
 * the record id, or the member id_from of the row's snapshot (a line's plan). */
typedef struct Kind {
	const char *table, *label, *page, *id_from;
} Kind;

static const Kind kinds[] = {
        {"establishment", "Cơ sở CNNT", "/co-so/", NULL},
        {"project", "Đề án", "/de-an/", NULL},
        {"project_cost_line", "Dòng kinh phí đề án", "/de-an/", "project_id"},
        {"project_event", "Trạng thái đề án", "/de-an/", "project_id"},
        {"project_adjustment", "Điều chỉnh đề án", "/de-an/", "project_id"},
        {"project_output", "Kết quả đề án", "/de-an/", "project_id"},
        {"project_beneficiary", "Cơ sở thụ hưởng của đề án", "/de-an/", NULL},
        {"project_partner", "Đơn vị phối hợp của đề án", "/de-an/", NULL},
        {"disbursement", "Giải ngân", "/de-an/", "project_id"},
        {"invoice", "Hóa đơn", "/de-an/", "project_id"},
        {"inspection", "Kiểm tra", "/de-an/", "project_id"},
        {"document", "Tài liệu", "/de-an/", "project_id"},
        {"programme", "Chương trình", "/chuong-trinh/", NULL},
        {"programme_target", "Mục tiêu chương trình", "/chuong-trinh/", NULL},
        {"annual_plan", "Kế hoạch năm", "/ke-hoach/", NULL},
        {"annual_plan_line", "Dòng kế hoạch năm", "/ke-hoach/", "plan_id"},
        {"app_user", "Tài khoản", "/tai-khoan/", NULL},
        {"api_token", "Mã truy cập", "/tai-khoan/", "user_id"},
        {"organisation", "Cơ quan, đơn vị", NULL, NULL},
        {"aggregate_figure", "Số liệu tổng hợp", NULL, NULL},
        {"report_snapshot", "Báo cáo đã gửi", NULL, NULL},
        {"report_template_version", "Mẫu báo cáo", "/mau-bao-cao/", "template_id"},
};
enum { N_KINDS = sizeof kinds / sizeof kinds[0] };

static const Kind *kind_of(const char *table)
{
	for (int i = 0; table && i < N_KINDS; i++)
		if (!strcmp(kinds[i].table, table))
			return &kinds[i];
	return NULL;
}

static const char *kind_label(const char *table)
{
	const Kind *k = kind_of(table);
	const WebRefPage *r = k ? NULL : web_ref_page_of(table);
	return k ? k->label : r ? r->title : table;
}

/* Every kind as (table, label) pairs for the filter. */
static const char *const *kind_options(Ctx *c, int *n)
{
	int k = 0;
	const char **opt = arena_alloc(c->arena, (size_t)(2 * (N_KINDS + 16)) * sizeof *opt);
	for (int i = 0; i < N_KINDS; i++, k++)
		opt[2 * k] = kinds[i].table, opt[2 * k + 1] = kinds[i].label;
	for (int i = 0; store_ref_tables[i]; i++) {
		const WebRefPage *r = web_ref_page_of(store_ref_tables[i]->name);
		if (r)
			opt[2 * k] = r->table->name, opt[2 * k + 1] = r->title, k++;
	}
	*n = k;
	return opt;
}

/* The member name of a snapshot as text (a number in decimal), or NULL. */
static const char *member_text(Ctx *c, const char *json, const char *name)
{
	json_t *o = json ? json_loads(json, 0, NULL) : NULL;
	json_t *v = o ? json_object_get(o, name) : NULL;
	const char *s = json_is_string(v)    ? arena_strdup(c->arena, json_string_value(v))
	                : json_is_integer(v) ? web_id_text(c, (int64_t)json_integer_value(v))
	                                     : NULL;
	json_decref(o);
	return s;
}

/* The record's cell: its kind, and its id linking to its page when it has
 * one (a line's page is its plan's, a token's its account's). */
static void record_cell(Ctx *c, const AuditEntry *x)
{
	Buf *b = web_out(c);
	const Kind *k = kind_of(x->table_name);
	const WebRefPage *r = k ? NULL : web_ref_page_of(x->table_name);
	html_printf(b, "%s ", kind_label(x->table_name));
	const char *page = r ? NULL : k ? k->page : NULL, *id = x->record_id;
	if (k && k->page && k->id_from)
		id = member_text(c, x->after_json ? x->after_json : x->before_json, k->id_from);
	if (r)
		html_printf(b, "<a href=\"/danh-muc/%s/dong?ma=", r->slug);
	else if (page && id)
		html_printf(b, "<a href=\"%s", page);
	else {
		html_printf(b, "%s", x->record_id);
		return;
	}
	html_urlarg(b, r ? x->record_id : id);
	html_printf(b, "\">%s</a>", x->record_id);
}

/* ---- Changes ---------------------------------------------------------------------------- */

/* The label of a column: the reference table's, or a few common ones. */
static const char *field_label(const char *table, const char *name)
{
	static const char *const common[] = {"name", "Tên", "full_name", "Họ tên", "username",
	        "Tên đăng nhập", "role", "Vai trò", "active", "Còn hoạt động", "national",
	        "Toàn quốc", "provinces", "Tỉnh phụ trách", "title", "Tên", "status", "Trạng thái",
	        "province_code", "Mã tỉnh", "province_list", "Danh mục tỉnh", "note", "Ghi chú",
	        "year", "Năm", "level", "Cấp", "write", "Được ghi", "expires_at", "Hết hạn",
	        "revoked_at", "Thu hồi lúc", "value", "Giá trị", "indicator_code", "Chỉ tiêu",
	        "qualifier", "Cách ghi", "activity_code", "Nội dung hoạt động", "source_code",
	        "Nguồn kinh phí", "planned_amount", "Kinh phí kế hoạch", "planned_qty",
	        "Số lượng kế hoạch", "decision_no", "Số quyết định", "decision_date",
	        "Ngày quyết định", "start_year", "Từ năm", "end_year", "Đến năm", "approver",
	        "Cơ quan phê duyệt", "code", "Mã", "type", "Loại", "commune_code", "Mã xã",
	        "registration_year", "Năm đăng ký", "objective", "Mục tiêu", "eligible_from",
	        "Tính chi phí từ", "eligible_to", "Tính chi phí đến", "item", "Nội dung chi",
	        "rule_id", "Định mức", "eligible_cost", "Chi phí hợp lệ", "cap_override",
	        "Lý do vượt mức", "establishment_id", "Cơ sở (số)", "org_id", "Cơ quan (số)",
	        "project_id", "Đề án (số)", "actual", "Thực hiện", "status_date", "Ngày trạng thái",
	        "commune_list", "Danh mục xã", NULL};
	/* Names whose meaning depends on the table. */
	static const char *const own[] = {"project_cost_line", "planned", "Hỗ trợ dự kiến",
	        "project_cost_line", "approved", "Được duyệt", "project_output", "planned",
	        "Kế hoạch", NULL};
	for (int i = 0; own[i]; i += 3)
		if (table && !strcmp(own[i], table) && !strcmp(own[i + 1], name))
			return own[i + 2];
	const WebRefPage *r = web_ref_page_of(table);
	for (size_t i = 0; r && i < r->table->n_cols; i++)
		if (!strcmp(r->table->cols[i].name, name))
			return r->table->cols[i].label;
	for (int i = 0; common[i]; i += 2)
		if (!strcmp(common[i], name))
			return common[i + 1];
	return name;
}

/* A snapshot value of member name of table as text: numbers in Vietnamese
 * format, yes/no for booleans, a đề án's status by its Vietnamese name. */
static void value_text(Ctx *c, const char *table, const char *name, json_t *v)
{
	Buf *b = web_out(c);
	const char *state =
	        json_is_string(v) && table && !strcmp(table, "project") && !strcmp(name, "status")
	                ? project_state_label(json_string_value(v))
	                : NULL;
	if (!v || json_is_null(v))
		html_raw(b, "—");
	else if (state)
		html_text(b, state);
	else if (json_is_string(v))
		web_text_or_dash(c, json_string_value(v));
	else if (json_is_integer(v))
		web_int(c, (int64_t)json_integer_value(v));
	else if (json_is_boolean(v))
		html_text(b, json_is_true(v) ? "có" : "không");
	else {
		char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		html_text(b, s);
		free(s);
	}
}

/* Members no one reads as a change. */
static bool hidden(const char *name)
{
	size_t n = strlen(name);
	return !strcmp(name, "version") || !strcmp(name, "updated_at") ||
	       !strcmp(name, "created_at") || (n > 5 && !strcmp(name + n - 5, "_hash"));
}

/* One line per member that differs between before and after (either NULL). */
static void changes(Ctx *c, const AuditEntry *x)
{
	Buf *b = web_out(c);
	json_t *before = x->before_json ? json_loads(x->before_json, 0, NULL) : NULL;
	json_t *after = x->after_json ? json_loads(x->after_json, 0, NULL) : NULL;
	json_t *keys = after ? after : before;
	const char *name;
	json_t *v;
	int shown = 0;
	bool both = before && after;
	if (!both)
		html_printf(b, "<details><summary>%s</summary>",
		        after ? "Giá trị khi thêm" : "Giá trị trước khi xóa");
	html_raw(b, "<ul class=\"change\">");
	json_object_foreach(keys, name, v)
	{
		json_t *was = before ? json_object_get(before, name) : NULL;
		json_t *now = after ? json_object_get(after, name) : NULL;
		if (hidden(name) || (both && json_equal(was, now)) || (!both && json_is_null(v)))
			continue;
		html_printf(b, "<li><span class=\"field-name\">%s</span>: ",
		        field_label(x->table_name, name));
		if (both) {
			html_raw(b, "<del>");
			value_text(c, x->table_name, name, was);
			html_raw(b, "</del> → <ins>");
			value_text(c, x->table_name, name, now);
			html_raw(b, "</ins>");
		} else {
			value_text(c, x->table_name, name, v);
		}
		html_raw(b, "</li>");
		shown++;
	}
	if (!shown)
		html_raw(b, "<li class=\"muted\">Không có trường nào đổi</li>");
	html_raw(b, "</ul>");
	if (!both)
		html_raw(b, "</details>");
	json_decref(before);
	json_decref(after);
}

static const char *action_label(const char *action)
{
	for (int i = 0; action && i < 3; i++)
		if (!strcmp(action_options[2 * i], action))
			return action_options[2 * i + 1];
	return action ? action : "—";
}

void web_audit_entries(Ctx *c, const AuditList *l, bool with_record)
{
	Buf *b = web_out(c);
	html_raw(b, "<div class=\"table-wrap\"><table class=\"audit\"><thead><tr>"
	            "<th scope=\"col\">Lúc (giờ Việt Nam)</th><th scope=\"col\">Người</th>"
	            "<th scope=\"col\">Thao tác</th>");
	if (with_record)
		html_raw(b, "<th scope=\"col\">Bản ghi</th>");
	html_raw(b, "<th scope=\"col\">Thay đổi</th></tr></thead><tbody>\n");
	for (int i = 0; i < l->n; i++) {
		const AuditEntry *x = &l->v[i];
		html_raw(b, "<tr><td>");
		web_vn_time(c, x->at);
		html_printf(b, "</td><td>%s<br><span class=\"muted\">qua %s</span></td><td>%s</td>",
		        x->actor ? x->actor : "—", x->via ? x->via : "—", action_label(x->action));
		if (with_record) {
			html_raw(b, "<td>");
			record_cell(c, x);
			html_raw(b, "</td>");
		}
		html_raw(b, "<td>");
		changes(c, x);
		html_raw(b, "</td></tr>\n");
	}
	if (!l->n)
		html_printf(b,
		        "<tr><td colspan=\"%d\">Không có thay đổi nào khớp với điều kiện lọc."
		        "</td></tr>\n",
		        with_record ? 5 : 4);
	html_raw(b, "</tbody></table></div>\n");
}

int web_audit_history(Ctx *c, const char *table, const char *record_id, int limit)
{
	AuditFilter f = store_audit_filter();
	f.table_name = table;
	f.record_id = record_id;
	f.limit = limit;
	AuditList l;
	int rc = store_audit_list(c->db, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2 id=\"lich-su\">Lịch sử thay đổi</h2>\n");
	web_audit_entries(c, &l, false);
	if (l.total > l.n) {
		html_printf(b, "<p><a href=\"/nhat-ky?table=%s&amp;record=", table);
		html_urlarg(b, record_id);
		html_raw(b, "\">Xem cả ");
		web_int(c, l.total);
		html_raw(b, " thay đổi trong nhật ký</a></p>\n");
	}
	return 0;
}

int web_audit_record_page(Ctx *c, const char *title, const char *nav, const char *table, int64_t id,
        const char *back, const char *back_label)
{
	web_begin(c, 200, title, nav);
	int rc = web_audit_history(c, table, web_id_text(c, id), 200);
	if (rc)
		return rc;
	html_printf(web_out(c), "<p><a href=\"%s\">%s</a></p>\n", back, back_label);
	web_end(c);
	return 0;
}

/* ---- The page --------------------------------------------------------------------------- */

static void filters(Ctx *c)
{
	Buf *b = web_out(c);
	int nk;
	const char *const *kinds_opt = kind_options(c, &nk);
	html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/nhat-ky\" role=\"search\">");
	web_input(c, "text", "user", "Người thay đổi", ctx_param(c, "user")->s, NULL, 0);
	web_select(c, "table", "Loại bản ghi", kinds_opt, nk, ctx_param(c, "table")->s, "Tất cả");
	web_input(c, "text", "record", "Số hoặc mã bản ghi", ctx_param(c, "record")->s, NULL, 0);
	web_select(c, "action", "Thao tác", action_options, 3, ctx_param(c, "action")->s, "Tất cả");
	web_input(c, "text", "from", "Từ ngày", ctx_param(c, "from")->s, "dd/mm/yyyy", 0);
	web_input(c, "text", "to", "Đến ngày", ctx_param(c, "to")->s, "dd/mm/yyyy", 0);
	html_raw(b, "<button type=\"submit\">Lọc</button></form>\n");
}

int web_audit_page(Ctx *c)
{
	int page = web_page(c);
	AuditFilter f = store_audit_filter();
	f.actor = ctx_param(c, "user")->s;
	f.table_name = ctx_param(c, "table")->s;
	f.record_id = ctx_param(c, "record")->s;
	f.action = ctx_param(c, "action")->s;
	f.from = web_vn_day_bound(c, ctx_param(c, "from")->s, false, "from");
	if (!c->err.code)
		f.to = web_vn_day_bound(c, ctx_param(c, "to")->s, true, "to");
	f.limit = WEB_PAGE_ROWS;
	f.offset = (page - 1) * WEB_PAGE_ROWS;
	AuditList l = {0};
	int rc = c->err.code ? KC_EINVAL : store_audit_list(c->db, &f, c->arena, &l, &c->err);
	if (rc && rc != KC_EINVAL)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, rc ? 400 : 200, "Nhật ký thay đổi", "quan-tri");
	filters(c);
	if (rc) {
		web_end(c);
		return 0;
	}
	web_pager(c, l.total, page);
	web_audit_entries(c, &l, true);
	web_pager(c, l.total, page);
	html_raw(b, "<p class=\"muted\">Giờ hiển thị là giờ Việt Nam (UTC+7). Mỗi thay đổi ghi "
	            "giá trị trước và sau; dòng bị xóa vẫn còn trong nhật ký.</p>\n");
	web_end(c);
	return 0;
}
