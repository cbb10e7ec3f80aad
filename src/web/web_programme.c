/* web_programme.c — khuyến công programmes (phases) with their targets, and
 * annual plans with their lines, as pages (/chuong-trinh, /ke-hoach): lists
 * filtered by level, year and province, one programme or plan, the forms to
 * add and change them, targets set and removed, plan lines added, changed
 * and removed, each record's history, and the report that sets what was
 * done against the plan or the targets. Same store calls and field names as
 * /api/v1/programmes and /api/v1/plans. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_programme.h"
#include "store/store_reference.h"
#include "web/web_admin.h"
#include "web/web_routes.h"

static const char *const level_values[] = {"national", "local", NULL};
static const char *const levels[] = {
        "national", "Khuyến công quốc gia", "local", "Khuyến công địa phương"};
static const char *const qualifiers[] = {
        "gần", "gần", "trên", "trên", "khoảng", "khoảng", "ước", "ước"};
static const char *const notice_values[] = {
        "da-them", "da-luu", "muc-tieu", "dong", "da-xoa", NULL};
static const char *const notice_texts[] = {
        "Đã thêm.", "Đã lưu thay đổi.", "Đã lưu mục tiêu.", "Đã lưu dòng kế hoạch.", "Đã xóa."};

const Param web_programme_list_params[] = {
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"level", PARAM_ENUM, 0, 0, level_values, "Cấp", false},
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm thuộc giai đoạn", false},
        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},
        {"tb", PARAM_ENUM, 0, 0, notice_values, "Thông báo sau khi xóa", false},
        {NULL},
};

const Param web_plan_list_params[] = {
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"level", PARAM_ENUM, 0, 0, level_values, "Cấp", false},
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm", false},
        {"programme_id", PARAM_INT, 1, INT64_MAX, NULL, "Chương trình", false},
        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},
        {"tb", PARAM_ENUM, 0, 0, notice_values, "Thông báo sau khi xóa", false},
        {NULL},
};

const Param web_programme_show_params[] = {
        {"tb", PARAM_ENUM, 0, 0, notice_values, "Thông báo sau khi lưu", false},
        {NULL},
};

const Param web_plan_new_params[] = {
        {"programme_id", PARAM_INT, 1, INT64_MAX, NULL, "Chương trình thực hiện", false},
        {NULL},
};

static const char *level_label(const char *level)
{
	return level && !strcmp(level, "national") ? levels[1] : levels[3];
}

static void notice(Ctx *c)
{
	const char *tb = ctx_param(c, "tb")->s;
	for (int i = 0; tb && notice_values[i]; i++)
		if (!strcmp(tb, notice_values[i]))
			web_notice(c, notice_texts[i]);
}

static const char *year_text(Ctx *c, int y)
{
	return y > 0 ? web_id_text(c, y) : NULL;
}

static const char *province_of(Ctx *c, const char *list, const char *code)
{
	if (!code)
		return "Toàn quốc";
	const char *name = web_province_name(c, list, code);
	if (!list || strcmp(list, "legacy"))
		return name;
	size_t n = strlen(name) + 8;
	char *s = arena_alloc(c->arena, n);
	snprintf(s, n, "%s (cũ)", name);
	return s;
}

static void fact(Ctx *c, const char *label, const char *value)
{
	html_printf(web_out(c), "<dt>%s</dt><dd>", label);
	web_text_or_dash(c, value);
	html_raw(web_out(c), "</dd>");
}

/* The province picker's "legacy:94" into list and code; NULL both when empty. */
static void unit_of(Ctx *c, const char **list, const char **code)
{
	const char *v = web_form_text(c, "province_code");
	const char *colon = v ? strchr(v, ':') : NULL;
	*list = colon ? arena_strndup(c->arena, v, (size_t)(colon - v)) : v ? "current" : NULL;
	*code = colon ? colon + 1 : v;
}

static const char *unit_value(Ctx *c, const char *list, const char *code)
{
	if (!code)
		return NULL;
	size_t n = strlen(code) + 12;
	char *s = arena_alloc(c->arena, n);
	snprintf(s, n, "%s:%s", list ? list : "current", code);
	return s;
}

static int go(Ctx *c, const char *base, int64_t id, const char *tb)
{
	char *url = arena_alloc(c->arena, 96);
	snprintf(url, 96, "%s/%lld?tb=%s", base, (long long)id, tb);
	return web_redirect(c, url);
}

/* The indicators, read once per request. */
typedef struct Indicators {
	const Indicator *v;
	int n;
	const char **opt; /* (code, label) pairs */
} Indicators;

static Indicators indicators(Ctx *c)
{
	RefFilter f = {.limit = 500};
	RefList l = {0};
	Err e = {0};
	Indicators x = {0};
	if (store_ref_list(c->db, &store_ref_indicators, &f, c->arena, &l, &e))
		return x;
	x.v = l.v;
	x.n = l.n;
	x.opt = arena_alloc(c->arena, (size_t)(2 * l.n + 2) * sizeof *x.opt);
	for (int i = 0; i < l.n; i++)
		x.opt[2 * i] = x.v[i].code, x.opt[2 * i + 1] = x.v[i].label_vi;
	return x;
}

static const Indicator *indicator(const Indicators *x, const char *code)
{
	for (int i = 0; code && i < x->n; i++)
		if (!strcmp(x->v[i].code, code))
			return &x->v[i];
	return NULL;
}

/* A figure in its indicator's unit: money in đồng, counts grouped. */
static void figure(Ctx *c, const Indicator *ind, int64_t v)
{
	if (v < 0) {
		html_raw(web_out(c), "—");
		return;
	}
	if (ind && !strcmp(ind->value_kind, "money")) {
		web_money(c, v);
		html_raw(web_out(c), " đồng");
		return;
	}
	web_int(c, v);
	if (ind && ind->unit_vi)
		html_printf(web_out(c), " %s", ind->unit_vi);
}

/* The delete button of a record at version. */
static void delete_form(Ctx *c, const char *action, int version, const char *label)
{
	Buf *b = web_out(c);
	html_printf(b, "<form method=\"post\" class=\"inline\" action=\"%s\">", action);
	web_csrf(c);
	html_printf(b,
	        "<input type=\"hidden\" name=\"version\" value=\"%d\">"
	        "<button type=\"submit\" class=\"secondary\">%s</button></form>",
	        version, label);
}

/* The list filters: province (when the caller has several), level, year. */
static void list_filters(Ctx *c, const char *action)
{
	Buf *b = web_out(c);
	html_printf(
	        b, "<form class=\"filters\" method=\"get\" action=\"%s\" role=\"search\">", action);
	if (c->who.all_provinces || c->who.n_provinces > 1) {
		int np;
		const char *const *provinces = web_province_options(c, &np);
		web_select(c, "province", "Tỉnh", provinces, np, ctx_param(c, "province")->s,
		        "Tất cả");
	}
	web_select(c, "level", "Cấp", levels, 2, ctx_param(c, "level")->s, "Tất cả");
	const ParamValue *y = ctx_param(c, "year");
	web_input(c, "number", "year", "Năm", y->set ? web_id_text(c, y->i) : NULL, NULL, 0);
	html_raw(b, "<button type=\"submit\">Lọc</button></form>\n");
}

/* ---- Programmes --------------------------------------------------------------------------- */

int web_programme_list(Ctx *c)
{
	int page = web_page(c);
	ProgrammeFilter f = store_programme_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.level = ctx_param(c, "level")->s;
	f.year = ctx_param(c, "year")->set ? (int)ctx_param(c, "year")->i : 0;
	f.limit = WEB_PAGE_ROWS;
	f.offset = (page - 1) * WEB_PAGE_ROWS;
	ProgrammeList l;
	int rc = store_programme_list(c->db, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, 200, "Chương trình khuyến công", "chuong-trinh");
	notice(c);
	list_filters(c, "/chuong-trinh");
	web_list_head_begin(c, l.total, page);
	if (ctx_can(c, ROLE_MANAGER))
		html_raw(b, "<a class=\"button\" href=\"/chuong-trinh/moi\">Thêm chương trình</a>");
	html_raw(b, "<a href=\"/ke-hoach\">Kế hoạch năm</a></div></div>\n"
	            "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>"
	            "<th scope=\"col\">Chương trình</th><th scope=\"col\">Cấp</th>"
	            "<th scope=\"col\">Tỉnh</th><th scope=\"col\">Giai đoạn</th>"
	            "<th scope=\"col\">Quyết định</th></tr></thead><tbody>\n");
	for (int i = 0; i < l.n; i++) {
		const Programme *p = &l.v[i];
		html_printf(b,
		        "<tr><td><a href=\"/chuong-trinh/%lld\">%s</a></td><td>%s</td>"
		        "<td>%s</td><td>%d – %d</td><td>",
		        (long long)p->id, p->name, level_label(p->level),
		        province_of(c, p->province_list, p->province_code), p->start_year,
		        p->end_year);
		web_text_or_dash(c, p->decision_no);
		html_raw(b, "</td></tr>\n");
	}
	if (!l.n)
		html_raw(b,
		        "<tr><td colspan=\"5\">Không có chương trình nào khớp với điều kiện lọc."
		        "</td></tr>\n");
	html_raw(b, "</tbody></table></div>\n");
	web_end(c);
	return 0;
}

static void targets(Ctx *c, const Programme *p, const Indicators *ind)
{
	Buf *b = web_out(c);
	html_raw(b,
	        "<h2 id=\"muc-tieu\">Mục tiêu</h2>\n<div class=\"table-wrap\"><table><thead><tr>"
	        "<th scope=\"col\">Chỉ tiêu</th><th scope=\"col\" class=\"num\">Mục tiêu</th>"
	        "<th scope=\"col\">Ghi chú</th><th scope=\"col\"></th></tr></thead><tbody>\n");
	for (int i = 0; i < p->n_targets; i++) {
		const ProgrammeTarget *t = &p->targets[i];
		const Indicator *x = indicator(ind, t->indicator_code);
		html_printf(b, "<tr><td>%s</td><td class=\"num\">%s%s",
		        x ? x->label_vi : t->indicator_code, t->qualifier ? t->qualifier : "",
		        t->qualifier ? " " : "");
		figure(c, x, t->value);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, t->note);
		html_raw(b, "</td><td>");
		if (ctx_can(c, ROLE_MANAGER)) {
			html_printf(b,
			        "<form method=\"post\" class=\"inline\" "
			        "action=\"/chuong-trinh/%lld/muc-tieu/xoa\">",
			        (long long)p->id);
			web_csrf(c);
			html_printf(b,
			        "<input type=\"hidden\" name=\"indicator_code\" value=\"%s\">"
			        "<button type=\"submit\" class=\"secondary\">Bỏ</button></form>",
			        t->indicator_code);
		}
		html_raw(b, "</td></tr>\n");
	}
	if (!p->n_targets)
		html_raw(b, "<tr><td colspan=\"4\">Chưa có mục tiêu.</td></tr>\n");
	html_raw(b, "</tbody></table></div>\n");
}

static void target_form(Ctx *c, const Programme *p, const Indicators *ind, bool posted)
{
	Buf *b = web_out(c);
	html_printf(b,
	        "<form method=\"post\" action=\"/chuong-trinh/%lld/muc-tieu\">"
	        "<fieldset><legend>Đặt mục tiêu (thay mục tiêu cũ của cùng chỉ tiêu)"
	        "</legend>",
	        (long long)p->id);
	web_csrf(c);
	if (posted)
		web_form_error(c, (const char *const[]){
		                          "indicator_code", "value", "qualifier", "note", NULL});
	html_raw(b, "<div class=\"grid2\">");
	web_select(c, "indicator_code", "Chỉ tiêu", ind->opt, ind->n,
	        posted ? ctx_form(c, "indicator_code") : NULL, "— chọn chỉ tiêu —");
	web_input(c, "text", "value", "Giá trị", posted ? ctx_form(c, "value") : NULL,
	        "theo đơn vị của chỉ tiêu; tiền tính bằng đồng", WEB_REQUIRED | WEB_AMOUNT);
	web_select(c, "qualifier", "Cách ghi", qualifiers, 4,
	        posted ? ctx_form(c, "qualifier") : NULL, "(đúng bằng)");
	web_input(c, "text", "note", "Ghi chú", posted ? ctx_form(c, "note") : NULL, NULL, 0);
	html_raw(b, "</div><button type=\"submit\">Lưu mục tiêu</button></fieldset></form>\n");
}

static int plans_of(Ctx *c, int64_t programme_id)
{
	PlanFilter f = store_programme_plan_filter();
	f.programme_id = programme_id;
	f.limit = 100;
	PlanList l;
	int rc = store_programme_plan_list(c->db, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2>Kế hoạch năm thực hiện chương trình</h2>\n<ul>");
	int shown = 0;
	for (int i = 0; i < l.n; i++) {
		/* A national programme's plans are every province's: the caller's only. */
		if (!api_may_read_place(c, l.v[i].province_list, l.v[i].province_code))
			continue;
		html_printf(b, "<li><a href=\"/ke-hoach/%lld\">Kế hoạch năm %d — %s</a></li>",
		        (long long)l.v[i].id, l.v[i].year,
		        province_of(c, l.v[i].province_list, l.v[i].province_code));
		shown++;
	}
	if (!shown)
		html_raw(b, "<li>Chưa có kế hoạch năm nào.</li>");
	html_raw(b, "</ul>\n");
	return 0;
}

static int programme_page(Ctx *c, int status, bool target_posted)
{
	const Programme *p = c->rec;
	Indicators ind = indicators(c);
	Buf *b = web_out(c);
	web_begin(c, status, p->name, "chuong-trinh");
	notice(c);
	html_raw(b, "<dl class=\"facts\">");
	fact(c, "Cấp", level_label(p->level));
	fact(c, "Tỉnh", province_of(c, p->province_list, p->province_code));
	html_printf(b, "<dt>Giai đoạn</dt><dd>%d – %d</dd>", p->start_year, p->end_year);
	fact(c, "Quyết định", p->decision_no);
	html_raw(b, "<dt>Ngày quyết định</dt><dd>");
	web_date(c, p->decision_date);
	html_raw(b, "</dd>");
	fact(c, "Văn bản căn cứ", p->instrument_code);
	fact(c, "Ghi chú", p->note);
	html_raw(b, "</dl>\n<div class=\"actions\">");
	if (ctx_can(c, ROLE_MANAGER))
		html_printf(b,
		        "<a class=\"button\" href=\"/chuong-trinh/%lld/sua\">Sửa</a>"
		        "<a class=\"button secondary\" href=\"/ke-hoach/moi?programme_id=%lld\">Thêm kế "
		        "hoạch năm</a><a href=\"/chuong-trinh/%lld/lich-su\">Lịch sử thay đổi</a>",
		        (long long)p->id, (long long)p->id, (long long)p->id);
	html_printf(b,
	        "<a href=\"/bao-cao?mau=chi_tieu_giai_doan&amp;period=%d-%d%s%s\">Thực "
	        "hiện so với mục tiêu</a><a href=\"/chuong-trinh\">Về danh sách</a></div>\n",
	        p->start_year, p->end_year, *c->province ? "&province=" : "", c->province);
	targets(c, p, &ind);
	if (ctx_can(c, ROLE_MANAGER))
		target_form(c, p, &ind, target_posted);
	int rc = plans_of(c, p->id);
	if (rc)
		return rc;
	web_end(c);
	return 0;
}

int web_programme_show(Ctx *c)
{
	return programme_page(c, 200, false);
}

int web_programme_history(Ctx *c)
{
	const Programme *p = c->rec;
	char back[40];
	snprintf(back, sizeof back, "/chuong-trinh/%lld", (long long)p->id);
	return web_audit_record_page(
	        c, p->name, "chuong-trinh", "programme", p->id, back, "Về chương trình");
}

int web_programme_target_set(Ctx *c)
{
	ProgrammeTarget t = {.indicator_code = web_form_text(c, "indicator_code"),
	        .qualifier = web_form_text(c, "qualifier"),
	        .note = web_form_text(c, "note")};
	int rc = web_form_number(c, "value", "Giá trị mục tiêu", &t.value);
	if (!rc && !t.indicator_code)
		rc = err_field(&c->err, "indicator_code", KC_EINVAL, "Chưa chọn chỉ tiêu");
	if (!rc)
		rc = store_programme_target_set(c->db, &c->actor, c->id, &t, &c->err);
	if (web_refusal(rc))
		return programme_page(c, 422, true);
	return rc ? rc : go(c, "/chuong-trinh", c->id, "muc-tieu");
}

int web_programme_target_delete(Ctx *c)
{
	const char *code = web_form_text(c, "indicator_code");
	int rc = store_programme_target_delete(c->db, &c->actor, c->id, code ? code : "", &c->err);
	return rc ? rc : go(c, "/chuong-trinh", c->id, "muc-tieu");
}

static const char *const programme_fields[] = {"level", "province_code", "province_list", "name",
        "start_year", "end_year", "decision_no", "decision_date", "instrument_code", "note", NULL};

static void programme_form(Ctx *c, int status, const Programme *p, bool create)
{
	Buf *b = web_out(c);
	web_begin(c, status, create ? "Thêm chương trình" : "Sửa chương trình", "chuong-trinh");
	web_form_error(c, programme_fields);
	if (create)
		html_raw(b, "<form method=\"post\" action=\"/chuong-trinh\">");
	else
		html_printf(b, "<form method=\"post\" action=\"/chuong-trinh/%lld\">",
		        (long long)p->id);
	web_csrf(c);
	html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\"><div class=\"grid2\">",
	        p->version);
	web_input(c, "text", "name", "Tên chương trình", p->name, NULL, WEB_REQUIRED);
	web_select(c, "level", "Cấp", levels, 2, p->level, NULL);
	int nu;
	const char *const *units = web_unit_options(c, &nu);
	web_select(c, "province_code", "Tỉnh (chương trình địa phương)", units, nu,
	        unit_value(c, p->province_list, p->province_code), "— toàn quốc —");
	web_input(c, "number", "start_year", "Từ năm", year_text(c, p->start_year), NULL,
	        WEB_REQUIRED);
	web_input(
	        c, "number", "end_year", "Đến năm", year_text(c, p->end_year), NULL, WEB_REQUIRED);
	web_input(c, "text", "decision_no", "Số quyết định", p->decision_no, "QĐ 1881/QĐ-TTg", 0);
	web_input(c, "text", "decision_date", "Ngày quyết định", p->decision_date, "dd/mm/yyyy", 0);
	web_input(c, "text", "instrument_code", "Văn bản căn cứ (mã)", p->instrument_code, NULL, 0);
	web_input(c, "text", "note", "Ghi chú", p->note, NULL, 0);
	html_raw(b, "</div><div class=\"actions\"><button type=\"submit\">Lưu</button>");
	if (create)
		html_raw(b, "<a href=\"/chuong-trinh\">Hủy</a>");
	else
		html_printf(b, "<a href=\"/chuong-trinh/%lld\">Hủy</a>", (long long)p->id);
	html_raw(b, "</div></form>\n");
	if (!create) {
		char action[64];
		snprintf(action, sizeof action, "/chuong-trinh/%lld/xoa", (long long)p->id);
		delete_form(c, action, p->version, "Xóa chương trình và các mục tiêu");
	}
	web_end(c);
}

static int read_programme(Ctx *c, Programme *p)
{
	p->name = web_form_text(c, "name");
	p->level = web_form_text(c, "level") ? web_form_text(c, "level") : "local";
	unit_of(c, &p->province_list, &p->province_code);
	p->decision_no = web_form_text(c, "decision_no");
	p->decision_date = web_form_text(c, "decision_date");
	p->instrument_code = web_form_text(c, "instrument_code");
	p->note = web_form_text(c, "note");
	int64_t from = -1, to = -1;
	int rc = web_form_number(c, "start_year", "Năm bắt đầu", &from);
	if (!rc)
		rc = web_form_number(c, "end_year", "Năm kết thúc", &to);
	p->start_year = from > 0 && from < 3000 ? (int)from : 0;
	p->end_year = to > 0 && to < 3000 ? (int)to : 0;
	p->version = web_form_version(c);
	return rc ? rc : api_national_write(c, !strcmp(p->level, "national"));
}

int web_programme_new(Ctx *c)
{
	Programme p = store_programme_blank();
	if (!c->who.all_provinces && c->who.n_provinces)
		p.province_list = "current", p.province_code = c->who.provinces[0];
	programme_form(c, 200, &p, true);
	return 0;
}

int web_programme_create(Ctx *c)
{
	Programme p = store_programme_blank();
	int64_t id;
	int rc = read_programme(c, &p);
	if (!rc)
		rc = store_programme_create(c->db, &c->actor, &p, &id, &c->err);
	if (web_refusal(rc)) {
		programme_form(c, 422, &p, true);
		return 0;
	}
	return rc ? rc : go(c, "/chuong-trinh", id, "da-them");
}

int web_programme_edit(Ctx *c)
{
	programme_form(c, 200, c->rec, false);
	return 0;
}

int web_programme_update(Ctx *c)
{
	Programme p = *(const Programme *)c->rec;
	int rc = read_programme(c, &p);
	if (!rc)
		rc = store_programme_update(c->db, &c->actor, &p, &c->err);
	if (web_refusal(rc)) {
		programme_form(c, rc == KC_ECONFLICT ? 409 : 422, &p, false);
		return 0;
	}
	return rc ? rc : go(c, "/chuong-trinh", p.id, "da-luu");
}

int web_programme_delete(Ctx *c)
{
	int rc = store_programme_delete(c->db, &c->actor, c->id, web_form_version(c), &c->err);
	if (rc == KC_ECONFLICT)
		return ctx_fail(c, 409, rc);
	return rc ? rc : web_redirect(c, "/chuong-trinh?tb=da-xoa");
}

/* ---- Annual plans ------------------------------------------------------------------------- */

int web_plan_list(Ctx *c)
{
	int page = web_page(c);
	PlanFilter f = store_programme_plan_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.level = ctx_param(c, "level")->s;
	f.year = ctx_param(c, "year")->set ? (int)ctx_param(c, "year")->i : 0;
	f.programme_id = ctx_param(c, "programme_id")->set ? ctx_param(c, "programme_id")->i : -1;
	f.limit = WEB_PAGE_ROWS;
	f.offset = (page - 1) * WEB_PAGE_ROWS;
	PlanList l;
	int rc = store_programme_plan_list(c->db, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, 200, "Kế hoạch khuyến công năm", "chuong-trinh");
	notice(c);
	list_filters(c, "/ke-hoach");
	web_list_head_begin(c, l.total, page);
	if (ctx_can(c, ROLE_MANAGER))
		html_raw(b, "<a class=\"button\" href=\"/ke-hoach/moi\">Thêm kế hoạch năm</a>");
	html_raw(b,
	        "<a href=\"/chuong-trinh\">Chương trình</a></div></div>\n"
	        "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>"
	        "<th scope=\"col\">Năm</th><th scope=\"col\">Cấp</th><th scope=\"col\">Tỉnh</th>"
	        "<th scope=\"col\">Quyết định</th><th scope=\"col\">Phê duyệt</th></tr></thead>"
	        "<tbody>\n");
	for (int i = 0; i < l.n; i++) {
		const AnnualPlan *p = &l.v[i];
		html_printf(b,
		        "<tr><td><a href=\"/ke-hoach/%lld\">Kế hoạch năm %d</a></td><td>%s</td>"
		        "<td>%s</td><td>",
		        (long long)p->id, p->year, level_label(p->level),
		        province_of(c, p->province_list, p->province_code));
		web_text_or_dash(c, p->decision_no);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, p->approver);
		html_raw(b, "</td></tr>\n");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"5\">Không có kế hoạch nào khớp với điều kiện lọc."
		            "</td></tr>\n");
	html_raw(b, "</tbody></table></div>\n");
	web_end(c);
	return 0;
}

static const char *const line_fields[] = {"activity_code", "indicator_code", "source_code",
        "planned_amount", "planned_qty", "note", NULL};

/* The fields of a plan line, from what was posted or from line l. */
static void line_fields_form(Ctx *c, const Indicators *ind, const PlanLine *l, bool posted)
{
	int na, ns;
	const char *const *contents = web_ref_options(c, "activity_content", &na);
	const char *const *sources = web_ref_options(c, "funding_source", &ns);
	html_raw(web_out(c), "<div class=\"grid2\">");
#define V(name, stored) (posted ? ctx_form(c, name) : (stored))
	web_select(c, "activity_code", "Nội dung hoạt động", contents, na,
	        V("activity_code", l->activity_code), "— chọn nội dung —");
	web_select(c, "indicator_code", "Chỉ tiêu", ind->opt, ind->n,
	        V("indicator_code", l->indicator_code), "(không)");
	web_select(c, "source_code", "Nguồn kinh phí", sources, ns,
	        V("source_code", l->source_code), "(không)");
	web_input(c, "text", "planned_amount", "Kinh phí kế hoạch (đồng)",
	        V("planned_amount",
	                l->planned_amount < 0 ? NULL : web_id_text(c, l->planned_amount)),
	        NULL, WEB_AMOUNT);
	web_input(c, "text", "planned_qty", "Số lượng kế hoạch",
	        V("planned_qty", l->planned_qty < 0 ? NULL : web_id_text(c, l->planned_qty)),
	        "theo đơn vị của chỉ tiêu", 0);
	web_input(c, "text", "note", "Ghi chú", V("note", l->note), NULL, 0);
#undef V
	html_raw(web_out(c), "</div>");
}

static int read_line(Ctx *c, PlanLine *l)
{
	l->activity_code = web_form_text(c, "activity_code");
	l->indicator_code = web_form_text(c, "indicator_code");
	l->source_code = web_form_text(c, "source_code");
	l->note = web_form_text(c, "note");
	int rc = web_form_number(c, "planned_amount", "Kinh phí kế hoạch", &l->planned_amount);
	return rc ? rc : web_form_number(c, "planned_qty", "Số lượng kế hoạch", &l->planned_qty);
}

static void lines(Ctx *c, const AnnualPlan *p, const Indicators *ind)
{
	Buf *b = web_out(c);
	html_raw(b,
	        "<h2 id=\"dong\">Các dòng kế hoạch</h2>\n<div class=\"table-wrap\"><table>"
	        "<thead><tr><th scope=\"col\">Nội dung</th><th scope=\"col\">Chỉ tiêu</th>"
	        "<th scope=\"col\">Nguồn</th><th scope=\"col\" class=\"num\">Kinh phí (đồng)</th>"
	        "<th scope=\"col\" class=\"num\">Số lượng</th><th scope=\"col\">Ghi chú</th>"
	        "<th scope=\"col\"></th></tr></thead><tbody>\n");
	int64_t total = 0;
	for (int i = 0; i < p->n_lines; i++) {
		const PlanLine *l = &p->lines[i];
		const Indicator *x = indicator(ind, l->indicator_code);
		html_printf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">",
		        web_ref_label(c, "activity_content", l->activity_code),
		        x                   ? x->label_vi
		        : l->indicator_code ? l->indicator_code
		                            : "—",
		        l->source_code ? web_ref_label(c, "funding_source", l->source_code) : "—");
		web_money(c, l->planned_amount);
		html_raw(b, "</td><td class=\"num\">");
		figure(c, x, l->planned_qty);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, l->note);
		html_raw(b, "</td><td>");
		if (ctx_can(c, ROLE_MANAGER))
			html_printf(b, "<a href=\"/ke-hoach/%lld/dong/%lld\">Sửa</a>",
			        (long long)p->id, (long long)l->id);
		html_raw(b, "</td></tr>\n");
		total += l->planned_amount > 0 ? l->planned_amount : 0;
	}
	if (!p->n_lines)
		html_raw(b, "<tr><td colspan=\"7\">Chưa có dòng nào.</td></tr>\n");
	html_raw(b, "</tbody><tfoot><tr class=\"total\"><td colspan=\"3\">Tổng kinh phí</td>"
	            "<td class=\"num\">");
	web_money(c, total);
	html_raw(b, "</td><td colspan=\"3\"></td></tr></tfoot></table></div>\n");
}

static int plan_page(Ctx *c, int status, bool line_posted)
{
	const AnnualPlan *p = c->rec;
	Indicators ind = indicators(c);
	Buf *b = web_out(c);
	char title[160];
	snprintf(title, sizeof title, "Kế hoạch khuyến công năm %d — %s", p->year,
	        province_of(c, p->province_list, p->province_code));
	web_begin(c, status, title, "chuong-trinh");
	notice(c);
	html_raw(b, "<dl class=\"facts\">");
	fact(c, "Cấp", level_label(p->level));
	html_raw(b, "<dt>Chương trình</dt><dd>");
	if (p->programme_id > 0)
		html_printf(b, "<a href=\"/chuong-trinh/%lld\">Chương trình số %lld</a>",
		        (long long)p->programme_id, (long long)p->programme_id);
	else
		html_raw(b, "—");
	html_raw(b, "</dd>");
	fact(c, "Quyết định", p->decision_no);
	html_raw(b, "<dt>Ngày quyết định</dt><dd>");
	web_date(c, p->decision_date);
	html_raw(b, "</dd>");
	fact(c, "Cơ quan phê duyệt", p->approver);
	fact(c, "Ghi chú", p->note);
	html_raw(b, "</dl>\n<div class=\"actions\">");
	if (ctx_can(c, ROLE_MANAGER))
		html_printf(b,
		        "<a class=\"button\" href=\"/ke-hoach/%lld/sua\">Sửa</a>"
		        "<a href=\"/ke-hoach/%lld/lich-su\">Lịch sử thay đổi</a>",
		        (long long)p->id, (long long)p->id);
	html_printf(b,
	        "<a href=\"/bao-cao?mau=ket_qua_thuc_hien&amp;period=%d%s%s\">Thực hiện so "
	        "với kế hoạch</a><a href=\"/ke-hoach\">Về danh sách</a></div>\n",
	        p->year, *c->province ? "&province=" : "", c->province);
	lines(c, p, &ind);
	if (ctx_can(c, ROLE_MANAGER)) {
		html_printf(b,
		        "<form method=\"post\" action=\"/ke-hoach/%lld/dong\"><fieldset>"
		        "<legend>Thêm dòng kế hoạch</legend>",
		        (long long)p->id);
		web_csrf(c);
		if (line_posted)
			web_form_error(c, line_fields);
		PlanLine blank = store_programme_plan_line_blank();
		line_fields_form(c, &ind, &blank, line_posted);
		html_raw(b, "<button type=\"submit\">Thêm dòng</button></fieldset></form>\n");
	}
	web_end(c);
	return 0;
}

int web_plan_show(Ctx *c)
{
	return plan_page(c, 200, false);
}

int web_plan_history(Ctx *c)
{
	const AnnualPlan *p = c->rec;
	char title[64];
	snprintf(title, sizeof title, "Kế hoạch khuyến công năm %d", p->year);
	char back[40];
	snprintf(back, sizeof back, "/ke-hoach/%lld", (long long)p->id);
	return web_audit_record_page(
	        c, title, "chuong-trinh", "annual_plan", p->id, back, "Về kế hoạch");
}

int web_plan_line_add(Ctx *c)
{
	PlanLine l = store_programme_plan_line_blank();
	int64_t id;
	int rc = read_line(c, &l);
	if (!rc)
		rc = store_programme_plan_line_add(c->db, &c->actor, c->id, &l, &id, &c->err);
	if (web_refusal(rc))
		return plan_page(c, 422, true);
	return rc ? rc : go(c, "/ke-hoach", c->id, "dong");
}

static const PlanLine *line_of(const AnnualPlan *p, int64_t id)
{
	for (int i = 0; i < p->n_lines; i++)
		if (p->lines[i].id == id)
			return &p->lines[i];
	return NULL;
}

static void line_form(Ctx *c, int status, const PlanLine *l, bool posted)
{
	const AnnualPlan *p = c->rec;
	Indicators ind = indicators(c);
	Buf *b = web_out(c);
	char title[96];
	snprintf(title, sizeof title, "Sửa dòng kế hoạch năm %d", p->year);
	web_begin(c, status, title, "chuong-trinh");
	web_form_error(c, line_fields);
	html_printf(b, "<form method=\"post\" action=\"/ke-hoach/%lld/dong/%lld\">",
	        (long long)p->id, (long long)l->id);
	web_csrf(c);
	line_fields_form(c, &ind, l, posted);
	html_printf(b,
	        "<div class=\"actions\"><button type=\"submit\">Lưu</button>"
	        "<a href=\"/ke-hoach/%lld\">Hủy</a></div></form>\n",
	        (long long)p->id);
	char action[96];
	snprintf(action, sizeof action, "/ke-hoach/%lld/dong/%lld/xoa", (long long)p->id,
	        (long long)l->id);
	delete_form(c, action, 0, "Xóa dòng này");
	web_end(c);
}

int web_plan_line_edit(Ctx *c)
{
	line_form(c, 200, line_of(c->rec, c->sub), false);
	return 0;
}

int web_plan_line_update(Ctx *c)
{
	PlanLine l = *line_of(c->rec, c->sub);
	int rc = read_line(c, &l);
	if (!rc)
		rc = store_programme_plan_line_update(c->db, &c->actor, &l, &c->err);
	if (web_refusal(rc)) {
		line_form(c, 422, &l, true);
		return 0;
	}
	return rc ? rc : go(c, "/ke-hoach", c->id, "dong");
}

int web_plan_line_delete(Ctx *c)
{
	int rc = store_programme_plan_line_delete(c->db, &c->actor, c->sub, &c->err);
	return rc ? rc : go(c, "/ke-hoach", c->id, "dong");
}

static const char *const plan_fields[] = {"level", "province_code", "province_list", "year",
        "programme_id", "decision_no", "decision_date", "approver", "note", NULL};

/* The programmes a plan may name, as (id, name) pairs. */
static const char *const *programme_options(Ctx *c, int *n)
{
	ProgrammeFilter f = store_programme_filter();
	f.limit = 500;
	ProgrammeList l = {0};
	Err e = {0};
	*n = 0;
	if (store_programme_list(c->db, &f, c->arena, &l, &e))
		return NULL;
	const char **opt = arena_alloc(c->arena, (size_t)(2 * l.n + 2) * sizeof *opt);
	for (int i = 0; i < l.n; i++) /* national ones, and the caller's provinces' */
		if (api_may_read_place(c, l.v[i].province_list, l.v[i].province_code)) {
			opt[2 * *n] = web_id_text(c, l.v[i].id);
			opt[2 * *n + 1] = l.v[i].name;
			++*n;
		}
	return opt;
}

static void plan_form(Ctx *c, int status, const AnnualPlan *p, bool create)
{
	Buf *b = web_out(c);
	web_begin(c, status, create ? "Thêm kế hoạch năm" : "Sửa kế hoạch năm", "chuong-trinh");
	web_form_error(c, plan_fields);
	if (create)
		html_raw(b, "<form method=\"post\" action=\"/ke-hoach\">");
	else
		html_printf(
		        b, "<form method=\"post\" action=\"/ke-hoach/%lld\">", (long long)p->id);
	web_csrf(c);
	html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\"><div class=\"grid2\">",
	        p->version);
	web_input(c, "number", "year", "Năm", year_text(c, p->year), NULL, WEB_REQUIRED);
	web_select(c, "level", "Cấp", levels, 2, p->level, NULL);
	int nu, np;
	const char *const *units = web_unit_options(c, &nu);
	web_select(c, "province_code", "Tỉnh", units, nu,
	        unit_value(c, p->province_list, p->province_code), "— chọn tỉnh —");
	const char *const *programmes = programme_options(c, &np);
	web_select(c, "programme_id", "Chương trình thực hiện", programmes, np,
	        p->programme_id > 0 ? web_id_text(c, p->programme_id) : NULL, "(không)");
	web_input(c, "text", "decision_no", "Số quyết định", p->decision_no, NULL, 0);
	web_input(c, "text", "decision_date", "Ngày quyết định", p->decision_date, "dd/mm/yyyy", 0);
	web_input(c, "text", "approver", "Cơ quan phê duyệt", p->approver, "UBND tỉnh", 0);
	web_input(c, "text", "note", "Ghi chú", p->note, NULL, 0);
	html_raw(b, "</div><div class=\"actions\"><button type=\"submit\">Lưu</button>");
	if (create)
		html_raw(b, "<a href=\"/ke-hoach\">Hủy</a>");
	else
		html_printf(b, "<a href=\"/ke-hoach/%lld\">Hủy</a>", (long long)p->id);
	html_raw(b, "</div></form>\n");
	if (!create) {
		char action[64];
		snprintf(action, sizeof action, "/ke-hoach/%lld/xoa", (long long)p->id);
		delete_form(c, action, p->version, "Xóa kế hoạch và các dòng");
	}
	web_end(c);
}

static int read_plan(Ctx *c, AnnualPlan *p)
{
	p->level = web_form_text(c, "level") ? web_form_text(c, "level") : "local";
	unit_of(c, &p->province_list, &p->province_code);
	p->decision_no = web_form_text(c, "decision_no");
	p->decision_date = web_form_text(c, "decision_date");
	p->approver = web_form_text(c, "approver");
	p->note = web_form_text(c, "note");
	int64_t year = -1, programme = -1;
	int rc = web_form_number(c, "year", "Năm", &year);
	if (!rc)
		rc = web_form_number(c, "programme_id", "Chương trình", &programme);
	p->year = year > 0 && year < 3000 ? (int)year : 0;
	p->programme_id = programme > 0 ? programme : -1;
	p->version = web_form_version(c);
	return rc ? rc : api_national_write(c, !strcmp(p->level, "national"));
}

int web_plan_new(Ctx *c)
{
	AnnualPlan p = store_programme_plan_blank();
	if (!c->who.all_provinces && c->who.n_provinces)
		p.province_list = "current", p.province_code = c->who.provinces[0];
	const ParamValue *prog = ctx_param(c, "programme_id");
	if (prog->set)
		p.programme_id = prog->i;
	plan_form(c, 200, &p, true);
	return 0;
}

int web_plan_create(Ctx *c)
{
	AnnualPlan p = store_programme_plan_blank();
	int64_t id;
	int rc = read_plan(c, &p);
	if (!rc)
		rc = store_programme_plan_create(c->db, &c->actor, &p, &id, &c->err);
	if (web_refusal(rc)) {
		plan_form(c, 422, &p, true);
		return 0;
	}
	return rc ? rc : go(c, "/ke-hoach", id, "da-them");
}

int web_plan_edit(Ctx *c)
{
	plan_form(c, 200, c->rec, false);
	return 0;
}

int web_plan_update(Ctx *c)
{
	AnnualPlan p = *(const AnnualPlan *)c->rec;
	int rc = read_plan(c, &p);
	if (!rc)
		rc = store_programme_plan_update(c->db, &c->actor, &p, &c->err);
	if (web_refusal(rc)) {
		plan_form(c, rc == KC_ECONFLICT ? 409 : 422, &p, false);
		return 0;
	}
	return rc ? rc : go(c, "/ke-hoach", p.id, "da-luu");
}

int web_plan_delete(Ctx *c)
{
	int rc = store_programme_plan_delete(c->db, &c->actor, c->id, web_form_version(c), &c->err);
	if (rc == KC_ECONFLICT)
		return ctx_fail(c, 409, rc);
	return rc ? rc : web_redirect(c, "/ke-hoach?tb=da-xoa");
}
