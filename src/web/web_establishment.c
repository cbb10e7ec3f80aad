/* web_establishment.c — the registry of establishments (cơ sở CNNT) as pages:
 * the list (search ignoring diacritics, filters, sort, pages, export), one
 * establishment, and the form to add or change one. Same store calls and
 * field names as /api/v1/establishments, so the store's messages name the
 * form's fields. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_routes.h"
#include "store/store_establishment.h"
#include "web/web.h"
#include "web/web_admin.h"
#include "web/web_export.h"
#include "web/web_routes.h"
#include "web/web_units.h"

static const char *const legal_forms[] = {
        "sme",
        "Doanh nghiệp nhỏ và vừa",
        "coop",
        "Hợp tác xã",
        "coop_union",
        "Liên hiệp hợp tác xã",
        "coop_group",
        "Tổ hợp tác",
        "household_business",
        "Hộ kinh doanh",
        "craft_village",
        "Làng nghề",
        "other",
        "Khác",
};
enum { N_LEGAL = 7 };

static const char *const sorts[] = {
        "name", "Tên A–Z", "-name", "Tên Z–A", "newest", "Mới nhập trước", "oldest", "Nhập trước"};

static const char *const sort_values[] = {"name", "-name", "newest", "oldest", NULL};
static const char *const legal_values[] = {"sme", "coop", "coop_union", "coop_group",
        "household_business", "craft_village", "other", NULL};
static const char *const export_formats[] = {"csv", "xlsx", NULL};
static const char *const notices[] = {"da-them", "da-luu", "mat-khau", NULL};
static const char *const list_notices[] = {"da-xoa", NULL}; /* web-coverage */

const Param web_establishment_list_params[] = {
        {"q", PARAM_TEXT, 0, 200, NULL, "Tìm theo tên, không cần dấu", false},
        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},
        {"legal_form", PARAM_ENUM, 0, 0, legal_values, "Loại hình", false},
        {"women_owned", PARAM_BOOL, 0, 1, NULL, "Do phụ nữ làm chủ", false},
        {"sort", PARAM_ENUM, 0, 0, sort_values, "Thứ tự", false},
        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},
        {"format", PARAM_ENUM, 0, 0, export_formats, "Tải xuống", false},
        {"tb", PARAM_ENUM, 0, 0, list_notices, "Thông báo sau khi xóa", false},
        {NULL},
};

const Param web_notice_params[] = {
        {"tb", PARAM_ENUM, 0, 0, notices, "Thông báo sau khi lưu", false},
        {NULL},
};

static const char *legal_label(const char *code)
{
	for (int i = 0; code && i < N_LEGAL; i++)
		if (!strcmp(legal_forms[2 * i], code))
			return legal_forms[2 * i + 1];
	return code ? code : "—";
}

static EstablishmentFilter filter_of(Ctx *c)
{
	EstablishmentFilter f = store_establishment_filter();
	f.q = ctx_param(c, "q")->s;
	f.current_province = *c->province ? c->province : NULL;
	f.legal_form = ctx_param(c, "legal_form")->s;
	const ParamValue *w = ctx_param(c, "women_owned");
	f.women_owned = w->set ? (int)w->i : -1;
	f.sort = ctx_param(c, "sort")->s;
	return f;
}

static int export_list(Ctx *c, EstablishmentFilter f, const char *format)
{
	static const char *const cols[] = {"#STT", "Tên cơ sở", "Loại hình", "Mã số thuế",
	        "Địa chỉ", "Tỉnh", "#Lao động", "$Doanh thu (đồng)", "Người đại diện"};
	WebTable w;
	web_table_init(&w, c, "DANH SÁCH CƠ SỞ CÔNG NGHIỆP NÔNG THÔN", cols, 9);
	f.limit = 500;
	int64_t total = 1;
	for (f.offset = 0; f.offset < total; f.offset += f.limit) {
		EstablishmentList l;
		int rc = store_establishment_list(c->db, &f, c->arena, &l, &c->err);
		if (rc)
			return rc;
		total = l.total;
		for (int i = 0; i < l.n; i++) {
			const Establishment *x = &l.v[i];
			web_table_row(&w);
			web_table_num(&w, 0, f.offset + i + 1);
			web_table_text(&w, 1, x->name);
			web_table_text(&w, 2, legal_label(x->legal_form));
			web_table_text(&w, 3, x->tax_code);
			web_table_text(&w, 4, x->address);
			web_table_text(
			        &w, 5, web_province_name(c, x->province_list, x->province_code));
			web_table_num(&w, 6, x->workers);
			web_table_num(&w, 7, x->revenue);
			web_table_text(&w, 8, x->representative);
		}
		if (!l.n)
			break;
	}
	return web_export(c, &w, format, "co-so-cnnt");
}

static void filters(Ctx *c, const EstablishmentFilter *f)
{
	Buf *b = web_out(c);
	int np;
	const char *const *provinces = web_province_options(c, &np);
	html_raw(b, "<form class=\"filters\" method=\"get\" action=\"/co-so\" role=\"search\">");
	web_input(c, "search", "q", "Tìm theo tên", f->q, NULL, 0);
	if (c->who.all_provinces || c->who.n_provinces > 1)
		web_select(c, "province", "Tỉnh", provinces, np, ctx_param(c, "province")->s,
		        "Tất cả");
	web_select(c, "legal_form", "Loại hình", legal_forms, N_LEGAL, f->legal_form, "Tất cả");
	web_select(c, "sort", "Thứ tự", sorts, 4, f->sort, NULL);
	web_check(c, "women_owned", "Do phụ nữ làm chủ", f->women_owned == 1);
	html_raw(b, "<button type=\"submit\">Lọc</button></form>\n");
}

int web_establishment_list(Ctx *c)
{
	EstablishmentFilter f = filter_of(c);
	const char *format = ctx_param(c, "format")->s;
	if (format)
		return export_list(c, f, format);
	int page = web_page(c);
	f.limit = WEB_PAGE_ROWS;
	f.offset = (page - 1) * WEB_PAGE_ROWS;
	EstablishmentList l;
	int rc = store_establishment_list(c->db, &f, c->arena, &l, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	web_begin(c, 200, "Cơ sở công nghiệp nông thôn", "co-so");
	web_notice(c, ctx_param(c, "tb")->set ? "Đã xóa cơ sở." : NULL);
	filters(c, &f);
	web_list_head_begin(c, l.total, page);
	if (ctx_can(c, ROLE_STAFF))
		html_raw(b, "<a class=\"button\" href=\"/co-so/moi\">Thêm cơ sở</a>");
	web_list_head_end(c, "/co-so");
	html_raw(b, "<div class=\"table-wrap\"><table class=\"list wide-only\"><thead><tr>"
	            "<th scope=\"col\">Tên cơ sở</th><th scope=\"col\">Loại hình</th>"
	            "<th scope=\"col\">Tỉnh</th><th scope=\"col\" class=\"num\">Lao động</th>"
	            "<th scope=\"col\" class=\"num\">Doanh thu (đồng)</th>"
	            "<th scope=\"col\">Địa chỉ</th></tr></thead><tbody>\n");
	for (int i = 0; i < l.n; i++) {
		const Establishment *x = &l.v[i];
		html_printf(b, "<tr><td><a href=\"/co-so/%lld\">%s</a></td><td>%s</td><td>%s</td>",
		        (long long)x->id, x->name, legal_label(x->legal_form),
		        web_province_name(c, x->province_list, x->province_code));
		html_raw(b, "<td class=\"num\">");
		if (x->workers >= 0)
			web_int(c, x->workers);
		html_raw(b, "</td><td class=\"num\">");
		web_money(c, x->revenue);
		html_raw(b, "</td><td>");
		web_text_or_dash(c, x->address);
		html_raw(b, "</td></tr>\n");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"6\">Không có cơ sở nào khớp với điều kiện lọc.</td>"
		            "</tr>\n");
	html_raw(b, "</tbody></table></div>\n");
	web_pager(c, l.total, page);
	web_end(c);
	return 0;
}

/* ---- One establishment ------------------------------------------------------------------ */

static void fact(Ctx *c, const char *label, const char *value)
{
	html_printf(web_out(c), "<dt>%s</dt><dd>", label);
	web_text_or_dash(c, value);
	html_raw(web_out(c), "</dd>");
}

static void more_actions(Ctx *c, const Establishment *x);

int web_establishment_show(Ctx *c)
{
	const Establishment *x = c->rec;
	Buf *b = web_out(c);
	web_begin(c, 200, x->name, "co-so");
	const char *tb = ctx_param(c, "tb")->s;
	web_notice(c, !tb ? NULL : !strcmp(tb, "da-them") ? "Đã thêm cơ sở." : "Đã lưu thay đổi.");
	html_raw(b, "<dl class=\"facts\">");
	fact(c, "Loại hình", legal_label(x->legal_form));
	fact(c, "Mã số thuế", x->tax_code);
	fact(c, "Địa chỉ", x->address);
	fact(c, "Tỉnh", web_province_name(c, x->province_list, x->province_code));
	fact(c, "Ngành nghề", x->sector_code);
	html_raw(b, "<dt>Số lao động</dt><dd>");
	if (x->workers >= 0)
		web_int(c, x->workers);
	else
		html_raw(b, "—");
	html_raw(b, "</dd><dt>Doanh thu năm</dt><dd>");
	web_money(c, x->revenue);
	if (x->revenue >= 0)
		html_raw(b, " đồng");
	html_raw(b, "</dd>");
	fact(c, "Do phụ nữ làm chủ", x->women_owned ? "Có" : "Không");
	fact(c, "Sử dụng lao động dân tộc thiểu số", x->ethnic_minority_labour ? "Có" : "Không");
	fact(c, "Làng nghề", x->craft_village);
	fact(c, "Người đại diện", x->representative);
	fact(c, "Điện thoại", x->phone);
	html_raw(b, "</dl>\n<div class=\"actions\">");
	if (ctx_can(c, ROLE_STAFF))
		html_printf(b, "<a class=\"button\" href=\"/co-so/%lld/sua\">Sửa</a>",
		        (long long)x->id);
	more_actions(c, x);
	html_raw(b, "<a href=\"/co-so\">Về danh sách</a></div>\n");
	/* Its products and their certificates (web_records.c). */
	html_printf(b,
	        "<p class=\"actions\"><a href=\"/san-pham?establishment=%lld\">Sản phẩm của cơ "
	        "sở</a><a href=\"/chung-nhan?establishment=%lld\">Giấy chứng nhận sản phẩm tiêu "
	        "biểu</a>",
	        (long long)x->id, (long long)x->id);
	if (ctx_can(c, ROLE_STAFF))
		html_printf(b,
		        "<a class=\"button secondary\" href=\"/co-so/%lld/san-pham/moi\">Thêm "
		        "sản phẩm</a>",
		        (long long)x->id);
	html_raw(b, "</p>\n");
	web_end(c);
	return 0;
}

/* ---- web-coverage (issue 7): deleting one, its history --------------------------------- */

/* The delete button and the history link of the establishment's page. */
static void more_actions(Ctx *c, const Establishment *x)
{
	Buf *b = web_out(c);
	if (ctx_can(c, ROLE_STAFF)) {
		html_printf(b,
		        "<form method=\"post\" action=\"/co-so/%lld/xoa\" data-confirm=\"Xóa cơ sở "
		        "'%s'?\"><input type=\"hidden\" name=\"version\" value=\"%d\">",
		        (long long)x->id, x->name, x->version);
		web_csrf(c);
		html_raw(b, "<button type=\"submit\" class=\"danger\">Xóa</button></form>");
	}
	if (ctx_can(c, ROLE_MANAGER))
		html_printf(b, "<a href=\"/co-so/%lld/lich-su\">Lịch sử thay đổi</a>",
		        (long long)x->id);
}

int web_establishment_delete(Ctx *c)
{
	const Establishment *x = c->rec;
	int64_t v = web_parse_money(ctx_form(c, "version"));
	int rc = store_establishment_delete(
	        c->db, &c->actor, x->id, v > 0 && v < INT_MAX ? (int)v : x->version, &c->err);
	/* Still in use (products, đề án) or changed since it was read: why, on a page. */
	if (rc == KC_ECONFLICT || rc == KC_EDENIED || rc == KC_EINVAL)
		return ctx_fail(c, 409, rc);
	return rc ? rc : web_redirect(c, "/co-so?tb=da-xoa");
}

int web_establishment_history(Ctx *c)
{
	const Establishment *x = c->rec;
	char back[40];
	snprintf(back, sizeof back, "/co-so/%lld", (long long)x->id);
	return web_audit_record_page(
	        c, x->name, "co-so", "establishment", x->id, back, "Về trang của cơ sở");
}

/* ---- The form ------------------------------------------------------------------------- */

static const char *const form_fields[] = {"name", "legal_form", "tax_code", "address",
        "province_code", "province_list", "commune_code", "commune_list", "sector_code", "workers",
        "revenue", "craft_village", "survey_year", "representative", "phone", NULL};

static const char *num_text(Ctx *c, int64_t v)
{
	if (v < 0)
		return NULL;
	char *s = arena_alloc(c->arena, 24);
	snprintf(s, 24, "%lld", (long long)v);
	return s;
}

static void form(Ctx *c, int status, const Establishment *x, bool create)
{
	Buf *b = web_out(c);
	web_begin(c, status, create ? "Thêm cơ sở" : "Sửa cơ sở", "co-so");
	web_form_error(c, form_fields);
	if (create)
		html_raw(b, "<form method=\"post\" action=\"/co-so\">");
	else
		html_printf(b, "<form method=\"post\" action=\"/co-so/%lld\">", (long long)x->id);
	web_csrf(c);
	html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\">", x->version);
	html_raw(b, "<div class=\"grid2\">");
	web_input(c, "text", "name", "Tên cơ sở", x->name, NULL, WEB_REQUIRED);
	web_select(c, "legal_form", "Loại hình", legal_forms, N_LEGAL, x->legal_form, "— chọn —");
	web_input(c, "text", "tax_code", "Mã số thuế", x->tax_code, "10 hoặc 13 chữ số", 0);
	web_input(c, "text", "address", "Địa chỉ", x->address, NULL, 0);
	web_unit_picker(c, "Tỉnh (danh mục cũ hoặc mới)", x->province_list, x->province_code,
	        x->commune_list, x->commune_code);
	web_input(c, "text", "sector_code", "Ngành nghề (mã)", x->sector_code, NULL, 0);
	web_input(c, "number", "workers", "Số lao động", num_text(c, x->workers), NULL, 0);
	web_input(c, "text", "revenue", "Doanh thu năm (đồng)", num_text(c, x->revenue), NULL,
	        WEB_AMOUNT);
	web_input(c, "text", "craft_village", "Làng nghề", x->craft_village, NULL, 0);
	web_input(c, "number", "survey_year", "Năm điều tra",
	        x->survey_year ? num_text(c, x->survey_year) : NULL, NULL, 0);
	web_input(c, "text", "representative", "Người đại diện", x->representative, NULL, 0);
	web_input(c, "text", "phone", "Điện thoại", x->phone, NULL, 0);
	html_raw(b, "</div>");
	web_check(c, "women_owned", "Do phụ nữ làm chủ", x->women_owned);
	web_check(c, "ethnic_minority_labour", "Sử dụng lao động dân tộc thiểu số",
	        x->ethnic_minority_labour);
	html_raw(b, "<div class=\"actions\"><button type=\"submit\">Lưu</button>");
	if (create)
		html_raw(b, "<a href=\"/co-so\">Hủy</a>");
	else
		html_printf(b, "<a href=\"/co-so/%lld\">Hủy</a>", (long long)x->id);
	html_raw(b, "</div></form>\n");
	web_end(c);
}

/* A whole number field: -1 when empty; an error naming it when not a number. */
static int number_of(Ctx *c, const char *name, const char *what, int64_t *out)
{
	int64_t v = web_parse_money(ctx_form(c, name));
	if (v == -2)
		return err_field(&c->err, name, KC_EINVAL, "%s phải là số nguyên không âm", what);
	*out = v;
	return 0;
}

/* The form's fields into x (which holds the record as stored, for an edit). */
static int read_form(Ctx *c, Establishment *x)
{
	x->name = web_form_text(c, "name");
	x->legal_form = web_form_text(c, "legal_form");
	x->tax_code = web_form_text(c, "tax_code");
	x->address = web_form_text(c, "address");
	web_unit_read(c, &x->province_list, &x->province_code, &x->commune_list, &x->commune_code);
	x->sector_code = web_form_text(c, "sector_code");
	x->craft_village = web_form_text(c, "craft_village");
	x->representative = web_form_text(c, "representative");
	x->phone = web_form_text(c, "phone");
	x->women_owned = web_form_text(c, "women_owned") != NULL;
	x->ethnic_minority_labour = web_form_text(c, "ethnic_minority_labour") != NULL;
	int64_t year = -1, version = -1;
	int rc = number_of(c, "workers", "Số lao động", &x->workers);
	if (!rc)
		rc = number_of(c, "revenue", "Doanh thu", &x->revenue);
	if (!rc)
		rc = number_of(c, "survey_year", "Năm điều tra", &year);
	if (!rc)
		rc = number_of(c, "version", "Phiên bản", &version);
	x->survey_year = year > 0 && year < 3000 ? (int)year : 0;
	x->version = version > 0 && version < 1000000 ? (int)version : x->version;
	return rc;
}

int web_establishment_new(Ctx *c)
{
	Establishment x = store_establishment_blank();
	if (!c->who.all_provinces && c->who.n_provinces)
		x.province_list = "current", x.province_code = c->who.provinces[0];
	form(c, 200, &x, true);
	return 0;
}

int web_establishment_create(Ctx *c)
{
	Establishment x = store_establishment_blank();
	int64_t id;
	int rc = read_form(c, &x);
	if (!rc)
		rc = store_establishment_create(c->db, &c->actor, &x, &id, &c->err);
	if (rc == KC_EINVAL || rc == KC_ERANGE || rc == KC_ENOTFOUND || rc == KC_ECONFLICT) {
		form(c, 422, &x, true);
		return 0;
	}
	if (rc)
		return rc;
	char *url = arena_alloc(c->arena, 48);
	snprintf(url, 48, "/co-so/%lld?tb=da-them", (long long)id);
	return web_redirect(c, url);
}

int web_establishment_edit(Ctx *c)
{
	form(c, 200, c->rec, false);
	return 0;
}

int web_establishment_update(Ctx *c)
{
	Establishment x = *(const Establishment *)c->rec;
	int rc = read_form(c, &x);
	if (!rc)
		rc = store_establishment_update(c->db, &c->actor, &x, &c->err);
	if (rc == KC_EINVAL || rc == KC_ERANGE || rc == KC_ENOTFOUND || rc == KC_ECONFLICT) {
		form(c, rc == KC_ECONFLICT ? 409 : 422, &x, false);
		return 0;
	}
	if (rc)
		return rc;
	char *url = arena_alloc(c->arena, 48);
	snprintf(url, 48, "/co-so/%lld?tb=da-luu", (long long)x.id);
	return web_redirect(c, url);
}
