/* web_project_edit.c — editing a đề án (issue 7): its general fields, its
 * cost lines with the support rule each applies, and its beneficiaries, in
 * one form saved as one transaction — all of it, or nothing and the form
 * again with what was typed and the message next to the field (or the row)
 * at fault.
 *
 * What each part may become is the store's rule, as through the API's PATCH
 * and sub-resource routes: a line with disbursements keeps its source and
 * is not deleted, support never drops below what was disbursed, a
 * beneficiary lies in the đề án's province. A support amount over the cap
 * of its rule is refused (KC_EWARN, the API's 422 needs_reason) until the
 * row gives the reason; the cap is shown beside the amount while it is
 * typed (app.js asks GET /api/v1/projects/{id}/support-cap, the same store
 * check as the save). A đề án past approval is changed by an adjustment
 * (tab "Trạng thái và điều chỉnh"); the form says so. */
#include <stdio.h>
#include <string.h>

#include "core/num.h"
#include "store/store_finance.h"
#include "store/store_project.h"
#include "web/web.h"
#include "web/web_admin.h"
#include "web/web_project.h"
#include "web/web_routes.h"
#include "web/web_units.h"

enum { MAX_LINES = 60, MAX_MEMBERS = 60 };

/* The form as sent (or as stored, on a first view): kept to show again. */
typedef struct EditForm {
	Project p;
	int n; /* cost lines */
	const char *id[MAX_LINES], *source[MAX_LINES], *item[MAX_LINES], *rule[MAX_LINES],
	        *eligible[MAX_LINES], *planned[MAX_LINES], *approved[MAX_LINES], *reason[MAX_LINES];
	int64_t disbursed[MAX_LINES]; /* of stored lines: they keep their source */
	const char *remove[MAX_LINES];
	int n_remove;
	const char *add[MAX_MEMBERS];
	int n_add;
	const char *drop[MAX_MEMBERS];
	int n_drop;
	int err_row; /* the cost line the error is about, or -1 */
} EditForm;

static const char *const general_fields[] = {"code", "title", "level", "type", "activity_code",
        "province_code", "province_list", "commune_code", "commune_list", "start_year", "end_year",
        "registration_year", "eligible_from", "eligible_to", "objective", "note", "version", NULL};

/* The statuses after which money and content change by adjustment. */
static bool past_approval(const char *status)
{
	static const char *const before[] = {"draft", "registered", "appraised_basic", "appraised"};
	for (size_t i = 0; i < sizeof before / sizeof before[0]; i++)
		if (status && !strcmp(status, before[i]))
			return false;
	return true;
}

/* A stored amount as the form shows it: "150.000.000"; NULL when unknown. */
static const char *money_text(Ctx *c, int64_t v)
{
	if (v < 0)
		return NULL;
	Buf t;
	buf_init(&t, 64);
	num_format_int(&t, v);
	const char *s = arena_strdup(c->arena, buf_cstr(&t));
	buf_free(&t);
	return s;
}

static bool in_list(const char *const *v, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (v[i] && !strcmp(v[i], s))
			return true;
	return false;
}

/* ---- The form ---------------------------------------------------------------------------- */

static void rule_select(Ctx *c, const RuleChoices *rules, const char *selected)
{
	Buf *b = web_out(c);
	html_raw(b, "<select name=\"line_rule\" aria-label=\"Định mức hỗ trợ áp dụng\" "
	            "data-cap-input><option value=\"\">— không áp dụng định mức —</option>");
	for (int i = 0; i < rules->n; i++) {
		char id[24];
		snprintf(id, sizeof id, "%lld", (long long)rules->v[i].id);
		html_printf(b, "<option value=\"%s\"%s>%s: %s</option>", id,
		        selected && !strcmp(selected, id) ? " selected" : "", rules->v[i].label,
		        rules->v[i].limit);
	}
	html_raw(b, "</select>");
}

/* The cap known before any typing: the limit of the row's rule. */
static const char *rule_limit(const RuleChoices *rules, const char *id)
{
	for (int i = 0; id && i < rules->n; i++) {
		char s[24];
		snprintf(s, sizeof s, "%lld", (long long)rules->v[i].id);
		if (!strcmp(s, id))
			return rules->v[i].limit;
	}
	return NULL;
}

/* The message of the row at fault, next to its amounts when it names one of
 * them (or the reason), else next to its first fields. */
static void row_error(Ctx *c, const EditForm *f, int i, bool money_cell)
{
	static const char *const money[] = {"planned", "approved", "cap_override"};
	if (i < 0 || i != f->err_row || !c->err.code)
		return;
	bool names_money = false;
	for (size_t k = 0; k < sizeof money / sizeof money[0]; k++)
		names_money |= !strcmp(c->err.field, money[k]);
	if (names_money == money_cell)
		html_printf(web_out(c), "<p class=\"field-error\" id=\"loi-dong-%d\">%s</p>", i + 1,
		        c->err.msg);
}

static void line_row(Ctx *c, const EditForm *f, int i, const char *const *sources, int ns,
        const RuleChoices *rules)
{
	Buf *b = web_out(c);
	bool bad = i >= 0 && i == f->err_row && c->err.code;
	bool needs_reason = bad && c->err.code == KC_EWARN;
	const char *reason = i >= 0 ? f->reason[i] : NULL;
	html_raw(b, "<tr data-cap-row");
	if (bad)
		html_raw(b, " class=\"row-error\"");
	html_raw(b, ">");
	html_printf(b, "<td><input type=\"hidden\" name=\"line_id\" value=\"%s\">",
	        i >= 0 && f->id[i] ? f->id[i] : "");
	html_raw(b, "<select name=\"line_source\" aria-label=\"Nguồn kinh phí\" data-cap-input>");
	for (int k = 0; k < ns; k++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", sources[2 * k],
		        i >= 0 && f->source[i] && !strcmp(f->source[i], sources[2 * k])
		                ? " selected"
		                : "",
		        sources[2 * k + 1]);
	html_printf(b,
	        "</select></td><td><input type=\"text\" name=\"line_item\" value=\"%s\" "
	        "aria-label=\"Nội dung chi\"></td><td>",
	        i >= 0 && f->item[i] ? f->item[i] : "");
	rule_select(c, rules, i >= 0 ? f->rule[i] : NULL);
	row_error(c, f, i, false);
	html_printf(b,
	        "</td><td><input type=\"text\" name=\"line_eligible\" value=\"%s\" data-amount "
	        "data-cap-input inputmode=\"numeric\" aria-label=\"Chi phí hợp lệ (đồng)\"></td>"
	        "<td><input type=\"text\" name=\"line_planned\" value=\"%s\" data-amount "
	        "data-cap-input inputmode=\"numeric\" aria-label=\"Hỗ trợ dự kiến (đồng)\"",
	        i >= 0 && f->eligible[i] ? f->eligible[i] : "",
	        i >= 0 && f->planned[i] ? f->planned[i] : "");
	if (bad)
		html_raw(b, " aria-invalid=\"true\"");
	html_raw(b, ">");
	const char *limit = i >= 0 ? rule_limit(rules, f->rule[i]) : NULL;
	html_raw(b, "<div class=\"cap-hint\" data-cap-hint aria-live=\"polite\">");
	if (limit)
		html_printf(b, "Mức tối đa: %s", limit);
	html_raw(b, "</div><div class=\"cap-reason\" data-cap-reason");
	if (!needs_reason && !(reason && *reason))
		html_raw(b, " data-optional");
	html_printf(b,
	        "><label>Lý do vượt mức tối đa<input type=\"text\" name=\"line_reason\" "
	        "value=\"%s\"",
	        reason ? reason : "");
	if (needs_reason)
		html_raw(b, " aria-invalid=\"true\" autofocus");
	html_raw(b, "></label></div>");
	row_error(c, f, i, true);
	html_printf(b,
	        "</td><td><input type=\"text\" name=\"line_approved\" value=\"%s\" data-amount "
	        "data-cap-input inputmode=\"numeric\" aria-label=\"Được duyệt (đồng)\"></td><td>",
	        i >= 0 && f->approved[i] ? f->approved[i] : "");
	if (i >= 0 && f->id[i] && *f->id[i] && f->disbursed[i] > 0)
		html_raw(b, "<span class=\"muted\">Đã giải ngân: không xóa được</span>");
	else if (i >= 0 && f->id[i] && *f->id[i])
		html_printf(b,
		        "<label class=\"check\"><input type=\"checkbox\" name=\"line_remove\" "
		        "value=\"%s\"%s> Xóa dòng</label>",
		        f->id[i], in_list(f->remove, f->n_remove, f->id[i]) ? " checked" : "");
	else
		html_raw(b, "<button type=\"button\" class=\"secondary\" data-remove-row>Xóa dòng"
		            "</button>");
	html_raw(b, "</td></tr>");
}

static void general_part(Ctx *c, const Project *p)
{
	Buf *b = web_out(c);
	html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\">", p->version);
	html_raw(b, "<div class=\"grid2\">");
	web_input(c, "text", "code", "Mã đề án", p->code, NULL, WEB_REQUIRED);
	web_input(c, "text", "title", "Tên đề án", p->title, NULL, WEB_REQUIRED);
	web_select(c, "level", "Cấp", web_project_levels, 2, p->level, "— chọn —");
	web_select(c, "type", "Loại đề án", web_project_types, 4, p->type, NULL);
	int na;
	const char *const *contents = web_ref_options(c, "activity_content", &na);
	web_select(c, "activity_code", "Nội dung hoạt động", contents, na, p->activity_code,
	        "— chọn —");
	web_unit_picker(c, "Tỉnh (danh mục cũ hoặc mới)", p->province_list, p->province_code,
	        p->commune_list, p->commune_code);
	char years[3][8] = {"", "", ""};
	int ys[3] = {p->registration_year, p->start_year, p->end_year};
	for (int i = 0; i < 3; i++)
		if (ys[i])
			snprintf(years[i], sizeof years[i], "%d", ys[i]);
	web_input(c, "number", "registration_year", "Năm đăng ký", years[0], NULL, 0);
	web_input(c, "number", "start_year", "Năm bắt đầu", years[1], NULL, WEB_REQUIRED);
	web_input(c, "number", "end_year", "Năm kết thúc", years[2], NULL, WEB_REQUIRED);
	web_input(
	        c, "date", "eligible_from", "Chi phí được tính từ ngày", p->eligible_from, NULL, 0);
	web_input(c, "date", "eligible_to", "Chi phí được tính đến ngày", p->eligible_to, NULL, 0);
	web_input(c, "text", "objective", "Mục tiêu", p->objective, NULL, 0);
	web_input(c, "text", "note", "Ghi chú", p->note, NULL, 0);
	html_raw(b, "</div>");
}

static void lines_part(Ctx *c, const EditForm *f)
{
	Buf *b = web_out(c);
	int ns;
	const char *const *sources = web_ref_options(c, "funding_source", &ns);
	RuleChoices rules = {0};
	Err e = {0};
	store_finance_rules_for(c->db, f->p.id, c->arena, &rules, &e);
	html_printf(b,
	        "<fieldset><legend>Kinh phí theo nguồn</legend><p class=\"hint\">Định mức hỗ trợ "
	        "(danh mục do quản trị cập nhật) áp dụng cho nội dung hoạt động, nguồn ngân sách "
	        "và đối tượng thụ hưởng; mức tối đa hiện bên số tiền khi nhập và được kiểm tra "
	        "lại khi lưu. Vượt mức thì phải ghi lý do.</p><div class=\"table-wrap\">"
	        "<table id=\"cost-lines\" class=\"rows\" data-cap-url=\"/api/v1/projects/%lld/"
	        "support-cap\"><thead><tr><th scope=\"col\">Nguồn</th><th scope=\"col\">Nội dung "
	        "chi</th><th scope=\"col\">Định mức</th><th scope=\"col\">Chi phí hợp lệ (đồng)"
	        "</th><th scope=\"col\">Hỗ trợ dự kiến (đồng)</th><th scope=\"col\">Được duyệt "
	        "(đồng)</th><th scope=\"col\"></th></tr></thead><tbody>",
	        (long long)f->p.id);
	for (int i = 0; i < f->n; i++)
		line_row(c, f, i, sources, ns, &rules);
	html_raw(b, "</tbody><template>");
	line_row(c, f, -1, sources, ns, &rules);
	html_raw(b, "</template></table></div><button type=\"button\" class=\"secondary\" "
	            "data-add-row=\"cost-lines\">Thêm dòng kinh phí</button></fieldset>\n");
}

static void members_part(Ctx *c, const EditForm *f)
{
	Buf *b = web_out(c);
	ProjectMembers m = {0};
	store_project_beneficiaries(c->db, f->p.id, c->arena, &m, &(Err){0});
	html_raw(b, "<fieldset><legend>Cơ sở thụ hưởng</legend>");
	web_field_error(c, "beneficiaries");
	html_raw(b, "<ul class=\"members\">");
	for (int i = 0; i < m.n; i++) {
		const char *id = web_project_num(c, m.v[i].id);
		html_printf(b,
		        "<li><a href=\"/co-so/%s\">%s</a> <label class=\"check\"><input "
		        "type=\"checkbox\" name=\"beneficiary_remove\" value=\"%s\"%s> Bỏ khỏi đề án"
		        "</label></li>",
		        id, m.v[i].name, id, in_list(f->drop, f->n_drop, id) ? " checked" : "");
	}
	if (!m.n)
		html_raw(b, "<li>Chưa có cơ sở thụ hưởng.</li>");
	html_raw(b, "</ul><table id=\"beneficiaries\" class=\"rows\"><thead><tr><th scope=\"col\">"
	            "Tìm cơ sở cần thêm</th><th scope=\"col\">Cơ sở</th><th scope=\"col\"></th>"
	            "</tr></thead><tbody>");
	for (int i = 0; i < f->n_add; i++)
		web_project_beneficiary_row(c, f->add[i]);
	html_raw(b, "</tbody><template>");
	web_project_beneficiary_row(c, NULL);
	html_raw(b, "</template></table><button type=\"button\" class=\"secondary\" "
	            "data-add-row=\"beneficiaries\">Thêm cơ sở thụ hưởng</button></fieldset>\n");
}

static void edit_page(Ctx *c, int status, const EditForm *f)
{
	const Project *stored = c->rec;
	Buf *b = web_out(c);
	web_begin(c, status, "Sửa đề án", "de-an");
	html_printf(b, "<p class=\"muted\">%s · <span class=\"badge %s\">%s</span></p>",
	        stored->code, stored->status, web_project_status(stored->status));
	if (f->err_row >= 0 && c->err.code)
		html_printf(b,
		        "<p class=\"error-message\" role=\"alert\">Chưa lưu: dòng kinh phí %d cần "
		        "sửa (xem thông báo ở dòng đó).</p>\n",
		        f->err_row + 1);
	else
		web_form_error(c, general_fields);
	if (past_approval(stored->status))
		html_printf(b,
		        "<p class=\"notice\">Đề án đã được phê duyệt: thay đổi nội dung, kinh phí, "
		        "địa điểm hay cơ sở thụ hưởng cần có <a href=\"/de-an/%lld?tab=trang-thai\">"
		        "đề nghị điều chỉnh</a> được chấp thuận; ở đây ghi lại kết quả đã được "
		        "duyệt.</p>\n",
		        (long long)stored->id);
	html_printf(b, "<form method=\"post\" action=\"/de-an/%lld/sua\">", (long long)stored->id);
	web_csrf(c);
	general_part(c, &f->p);
	lines_part(c, f);
	members_part(c, f);
	html_printf(b,
	        "<div class=\"actions\"><button type=\"submit\">Lưu thay đổi</button>"
	        "<a href=\"/de-an/%lld\">Hủy</a></div></form>\n",
	        (long long)stored->id);
	web_end(c);
}

int web_project_edit(Ctx *c)
{
	EditForm *f = arena_alloc(c->arena, sizeof *f);
	f->p = *(const Project *)c->rec;
	f->err_row = -1;
	CostLineList lines;
	int rc = store_finance_line_list(c->db, f->p.id, c->arena, &lines, &c->err);
	if (rc)
		return rc;
	for (int i = 0; i < lines.n && f->n < MAX_LINES; i++, f->n++) {
		const CostLine *l = &lines.v[i];
		f->id[i] = web_project_num(c, l->id);
		f->source[i] = l->source_code;
		f->item[i] = l->item;
		f->rule[i] = l->rule_id >= 0 ? web_project_num(c, l->rule_id) : NULL;
		f->eligible[i] = money_text(c, l->eligible_cost);
		f->planned[i] = money_text(c, l->planned);
		f->approved[i] = money_text(c, l->approved);
		f->reason[i] = l->cap_override;
		f->disbursed[i] = l->disbursed;
	}
	edit_page(c, 200, f);
	return 0;
}

/* ---- Saving ------------------------------------------------------------------------------ */

static void read_general(Ctx *c, Project *p)
{
	web_project_read_general(c, p);
	p->eligible_from = web_form_text(c, "eligible_from");
	p->eligible_to = web_form_text(c, "eligible_to");
	p->note = web_form_text(c, "note");
	int64_t v = web_parse_money(ctx_form(c, "version"));
	p->version = v > 0 && v < 1000000 ? (int)v : p->version;
}

static void read_form(Ctx *c, EditForm *f, const CostLineList *stored)
{
	f->p = *(const Project *)c->rec;
	f->err_row = -1;
	read_general(c, &f->p);
	f->n = ctx_form_all(c, "line_id", f->id, MAX_LINES);
	const char **cols[] = {
	        f->source, f->item, f->rule, f->eligible, f->planned, f->approved, f->reason};
	static const char *const names[] = {"line_source", "line_item", "line_rule",
	        "line_eligible", "line_planned", "line_approved", "line_reason"};
	for (size_t k = 0; k < sizeof cols / sizeof cols[0]; k++)
		if (ctx_form_all(c, names[k], cols[k], MAX_LINES) < f->n)
			f->n = 0; /* rows not all whole: a forged form; nothing of them is kept */
	for (int i = 0; i < f->n; i++)
		for (int k = 0; k < stored->n; k++)
			if (f->id[i] && !strcmp(f->id[i], web_project_num(c, stored->v[k].id)))
				f->disbursed[i] = stored->v[k].disbursed;
	f->n_remove = ctx_form_all(c, "line_remove", f->remove, MAX_LINES);
	f->n_add = ctx_form_all(c, "beneficiary", f->add, MAX_MEMBERS);
	f->n_drop = ctx_form_all(c, "beneficiary_remove", f->drop, MAX_MEMBERS);
}

static bool same_text(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : b && !strcmp(a, b);
}

static bool general_changed(const Project *a, const Project *b)
{
	const char *const x[] = {a->code, a->title, a->level, a->type, a->activity_code,
	        a->province_list, a->province_code, a->commune_code, a->eligible_from,
	        a->eligible_to, a->objective, a->note};
	const char *const y[] = {b->code, b->title, b->level, b->type, b->activity_code,
	        b->province_list, b->province_code, b->commune_code, b->eligible_from,
	        b->eligible_to, b->objective, b->note};
	for (size_t i = 0; i < sizeof x / sizeof x[0]; i++)
		if (!same_text(x[i], y[i]))
			return true;
	return a->registration_year != b->registration_year || a->start_year != b->start_year ||
	       a->end_year != b->end_year || a->version != b->version;
}

static bool line_changed(const CostLine *a, const CostLine *b)
{
	return !same_text(a->source_code, b->source_code) || !same_text(a->item, b->item) ||
	       a->rule_id != b->rule_id || a->eligible_cost != b->eligible_cost ||
	       a->planned != b->planned || a->approved != b->approved ||
	       !same_text(a->cap_override, b->cap_override) || a->position != b->position;
}

/* An amount of row i's column: -1 empty, an error naming field when it is not a number. */
static int amount(Ctx *c, const char *text, const char *field, int64_t *out)
{
	*out = web_parse_money(text);
	return *out == -2 ? err_field(&c->err, field, KC_EINVAL,
	                            "Số tiền '%s' không phải số nguyên đồng", text)
	                  : 0;
}

/* Row i as a CostLine of the đề án; an error names the field at fault. */
static int line_of(Ctx *c, const EditForm *f, int i, CostLine *l)
{
	*l = store_finance_line_blank();
	l->id = f->id[i] && *f->id[i] ? web_parse_money(f->id[i]) : -1;
	l->project_id = f->p.id;
	l->source_code = f->source[i];
	l->item = f->item[i] && *f->item[i] ? f->item[i] : NULL;
	l->rule_id = f->rule[i] && *f->rule[i] ? web_parse_money(f->rule[i]) : -1;
	l->cap_override = f->reason[i] && *f->reason[i] ? f->reason[i] : NULL;
	l->position = i + 1;
	int rc = amount(c, f->eligible[i], "eligible_cost", &l->eligible_cost);
	if (!rc)
		rc = amount(c, f->planned[i], "planned", &l->planned);
	if (!rc)
		rc = amount(c, f->approved[i], "approved", &l->approved);
	if (!rc && l->planned < 0)
		rc = err_field(&c->err, "planned", KC_EINVAL, "Chưa nhập kinh phí hỗ trợ dự kiến");
	return rc;
}

static bool blank_row(const EditForm *f, int i)
{
	return (!f->id[i] || !*f->id[i]) && (!f->item[i] || !*f->item[i]) &&
	       web_parse_money(f->planned[i]) == -1;
}

/* Saves the rows: deletions first (a source freed for a new line), then
 * each row changed or new. An error sets f->err_row. */
static int save_lines(Ctx *c, EditForm *f, const CostLineList *stored)
{
	for (int k = 0; k < stored->n; k++) {
		if (!in_list(f->remove, f->n_remove, web_project_num(c, stored->v[k].id)))
			continue;
		int rc = store_finance_line_delete(c->db, &c->actor, stored->v[k].id, &c->err);
		for (int i = 0; rc && i < f->n; i++)
			if (f->id[i] && !strcmp(f->id[i], web_project_num(c, stored->v[k].id)))
				f->err_row = i;
		if (rc)
			return rc;
	}
	for (int i = 0; i < f->n; i++) {
		if (blank_row(f, i) || in_list(f->remove, f->n_remove, f->id[i]))
			continue;
		CostLine l;
		int64_t new_id;
		const CostLine *old = NULL;
		int rc = line_of(c, f, i, &l);
		for (int k = 0; !rc && l.id > 0 && k < stored->n; k++)
			if (stored->v[k].id == l.id)
				old = &stored->v[k];
		if (!rc && l.id > 0 && !old)
			rc = err_field(&c->err, "cost_lines", KC_ENOTFOUND,
			        "Dòng kinh phí số %lld không thuộc đề án này", (long long)l.id);
		if (!rc && !old)
			rc = store_finance_line_add(c->db, &c->actor, &l, &new_id, &c->err);
		else if (!rc && line_changed(&l, old))
			rc = store_finance_line_update(c->db, &c->actor, &l, &c->err);
		if (rc) {
			f->err_row = i;
			return rc;
		}
	}
	return 0;
}

static int drop_members(Ctx *c, const EditForm *f)
{
	int rc = 0;
	for (int i = 0; !rc && i < f->n_drop; i++)
		rc = store_project_beneficiary_remove(
		        c->db, &c->actor, f->p.id, web_parse_money(f->drop[i]), &c->err);
	return rc;
}

static int add_members(Ctx *c, const EditForm *f)
{
	for (int i = 0; i < f->n_add; i++) {
		int64_t est = web_parse_money(f->add[i]);
		if (est == -1)
			continue; /* a row left empty */
		int rc = est < 1 ? err_set(&c->err, KC_EINVAL, "không rõ cơ sở")
		                 : store_project_beneficiary_add(
		                           c->db, &c->actor, f->p.id, est, &c->err);
		if (rc) {
			char msg[sizeof c->err.msg];
			snprintf(msg, sizeof msg, "%s", c->err.msg);
			return err_field(&c->err, "beneficiaries", rc,
			        "Cơ sở thụ hưởng thêm mới %d: %s", i + 1, msg);
		}
	}
	return 0;
}

int web_project_update(Ctx *c)
{
	const Project *stored = c->rec;
	EditForm *f = arena_alloc(c->arena, sizeof *f);
	CostLineList lines;
	int rc = store_finance_line_list(c->db, stored->id, c->arena, &lines, &c->err);
	if (rc)
		return rc;
	read_form(c, f, &lines);
	/* The đề án, its lines and its beneficiaries are one change; those leaving
	 * go before the đề án moves, those joining after. */
	if ((rc = db_begin(c->db, &c->err)))
		return rc;
	rc = drop_members(c, f);
	if (!rc && general_changed(&f->p, stored))
		rc = store_project_update(c->db, &c->actor, &f->p, &c->err);
	if (!rc)
		rc = add_members(c, f);
	if (!rc)
		rc = save_lines(c, f, &lines);
	if (!rc)
		rc = db_commit(c->db, &c->err);
	else
		db_rollback(c->db);
	if (web_project_user_error(rc)) {
		edit_page(c, rc == KC_ECONFLICT && f->err_row < 0 ? 409 : 422, f);
		return 0;
	}
	return rc ? rc : web_project_back(c, "chung", "da-luu");
}
