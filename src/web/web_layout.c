/* web_layout.c — the frame of every page (head, header, navigation, footer),
 * form fields, Vietnamese values and pagination: see web.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/money_words.h"
#include "core/num.h"
#include "http/http_assets.h"
#include "store/store_admin.h"
#include "store/store_reference.h"
#include "web/web.h"

/* ---- The frame ------------------------------------------------------------------------- */

static void head(Ctx *c, int status, const char *title, const char *body_class)
{
	Buf *b = web_out(c);
	c->res->status = status ? status : 200;
	c->res->content_type = "text/html; charset=utf-8";
	html_printf(b,
	        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\n"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	        "<title>%s — Khuyến công</title>\n"
	        "<link rel=\"icon\" href=\"data:,\">\n"
	        "<link rel=\"stylesheet\" href=\"%s\">\n"
	        "<link rel=\"stylesheet\" href=\"%s\" media=\"print\">\n"
	        "<script src=\"%s\" defer></script>\n"
	        "</head>\n<body class=\"%s\">\n"
	        "<a class=\"skip\" href=\"#noi-dung\">Bỏ qua phần điều hướng</a>\n",
	        title, http_asset_url("app.css"), http_asset_url("print.css"),
	        http_asset_url("app.js"), body_class);
}

static const struct {
	const char *key, *href, *label;
	Role least;
} nav_items[] = {
        {"tong-quan", "/", "Tổng quan", ROLE_VIEWER},
        {"de-an", "/de-an", "Đề án", ROLE_VIEWER},
        {"co-so", "/co-so", "Cơ sở CNNT", ROLE_VIEWER},
        /* The other kinds of record (web_kind.h, issue 7). */
        {"san-pham", "/san-pham", "Sản phẩm", ROLE_VIEWER},
        {"hoat-dong", "/dao-tao", "Hoạt động", ROLE_VIEWER},
        {"kiem-tra", "/kiem-tra", "Kiểm tra", ROLE_VIEWER},
        {"co-quan", "/co-quan", "Cơ quan, đơn vị", ROLE_VIEWER},
        {"so-lieu", "/so-lieu", "Số liệu tổng hợp", ROLE_VIEWER},
        {"bao-cao", "/bao-cao", "Báo cáo", ROLE_VIEWER},
        {"nhap-du-lieu", "/nhap-du-lieu", "Nhập dữ liệu", ROLE_STAFF},
};

/* ---- Administration, programmes and plans (issue 7: web-admin) ---- */
/* Programmes for everyone; the "Quản trị" group, shown to the roles that may
 * use one of its pages: accounts (admins), the audit log (national managers
 * and up), code lists, rules and report templates (managers and up edit
 * what depends on them; everyone may still open them). */
static const struct {
	const char *href, *label;
	Role least;
	bool national; /* only for callers who see every province */
} admin_items[] = {
        {"/tai-khoan", "Tài khoản", ROLE_ADMIN, true},
        {"/danh-muc", "Danh mục, quy định", ROLE_MANAGER, false},
        {"/mau-bao-cao", "Mẫu báo cáo", ROLE_MANAGER, false},
        {"/nhat-ky", "Nhật ký thay đổi", ROLE_MANAGER, true},
};

static void admin_nav(Ctx *c, const char *nav)
{
	Buf *b = web_out(c);
	bool here = nav && !strcmp(nav, "quan-tri"), any = false;
	html_printf(b, "<li><a href=\"/chuong-trinh\"%s>Chương trình, kế hoạch</a></li>",
	        nav && !strcmp(nav, "chuong-trinh") ? " aria-current=\"page\"" : "");
	for (size_t i = 0; i < sizeof admin_items / sizeof admin_items[0]; i++) {
		bool may = c->who.role >= admin_items[i].least &&
		           (!admin_items[i].national || c->who.all_provinces);
		if (!may)
			continue;
		if (!any)
			html_printf(b,
			        "<li class=\"group\"><details><summary%s>Quản trị</summary><ul>",
			        here ? " aria-current=\"page\"" : "");
		any = true;
		html_printf(b, "<li><a href=\"%s\">%s</a></li>", admin_items[i].href,
		        admin_items[i].label);
	}
	if (any)
		html_raw(b, "</ul></details></li>");
}

/* "Toàn quốc", or the names of the caller's provinces. */
static void scope_line(Ctx *c)
{
	Buf *b = web_out(c);
	if (c->who.all_provinces) {
		html_raw(b, "Toàn quốc");
		return;
	}
	for (int i = 0; i < c->who.n_provinces; i++)
		html_printf(b, "%s%s", i ? ", " : "",
		        web_province_name(c, "current", c->who.provinces[i]));
}

void web_begin(Ctx *c, int status, const char *title, const char *nav)
{
	Buf *b = web_out(c);
	head(c, status, title, "");
	html_raw(b, "<header class=\"top\"><a class=\"brand\" href=\"/\">Khuyến công</a>\n"
	            "<div class=\"who\"><span class=\"user\">");
	html_printf(b, "%s", c->who.full_name ? c->who.full_name : c->who.username);
	html_printf(b, "</span> <span class=\"role\">%s</span> <span class=\"scope\">",
	        role_label(c->who.role));
	scope_line(c);
	/* web-coverage: one's own account, tokens and sessions */
	html_raw(b, "</span> <a href=\"/toi\">Tài khoản của tôi</a>");
	html_raw(b, " <a href=\"/mat-khau\">Đổi mật khẩu</a>\n"
	            "<form method=\"post\" action=\"/dang-xuat\">");
	web_csrf(c);
	html_raw(b, "<button type=\"submit\" class=\"link\">Đăng xuất</button></form></div>"
	            "</header>\n<nav class=\"main\" aria-label=\"Chức năng chính\"><ul>");
	for (size_t i = 0; i < sizeof nav_items / sizeof nav_items[0]; i++) {
		if (c->who.role < nav_items[i].least)
			continue;
		bool current = nav && !strcmp(nav, nav_items[i].key);
		html_printf(b, "<li><a href=\"%s\"", nav_items[i].href);
		if (current) /* markup, not a value: html_printf would escape its quotes */
			html_raw(b, " aria-current=\"page\"");
		html_printf(b, ">%s</a></li>", nav_items[i].label);
	}
	admin_nav(c, nav);
	html_printf(b, "</ul></nav>\n<main id=\"noi-dung\" tabindex=\"-1\"><h1>%s</h1>\n", title);
}

void web_begin_bare(Ctx *c, int status, const char *title)
{
	head(c, status, title, "sign-in");
	html_printf(web_out(c), "<main id=\"noi-dung\"><h1>%s</h1>\n", title);
}

void web_end(Ctx *c)
{
	html_printf(web_out(c),
	        "</main>\n<footer>Hệ thống thông tin khuyến công · phiên bản %s</footer>\n"
	        "</body></html>\n",
	        c->app->version ? c->app->version : "");
}

int web_redirect(Ctx *c, const char *url)
{
	c->res->status = 303;
	c->res->content_type = "text/html; charset=utf-8";
	http_res_header(c->res, "Location", url);
	html_printf(web_out(c), "<!doctype html>\n<p><a href=\"%s\">Tiếp tục</a></p>\n", url);
	return 0;
}

void web_csrf(Ctx *c)
{
	html_printf(web_out(c), "<input type=\"hidden\" name=\"_csrf\" value=\"%s\">",
	        c->who.csrf_token ? c->who.csrf_token : "");
}

void web_notice(Ctx *c, const char *text)
{
	if (text)
		html_printf(web_out(c), "<p class=\"notice\" role=\"status\">%s</p>\n", text);
}

void web_form_error(Ctx *c, const char *const *fields)
{
	if (!c->err.code)
		return;
	for (const char *const *f = fields; f && *f; f++)
		if (!strcmp(*f, c->err.field)) {
			html_raw(web_out(c),
			        "<p class=\"error-message\" role=\"alert\">"
			        "Chưa lưu: xin sửa trường có thông báo bên dưới.</p>\n");
			return;
		}
	html_printf(web_out(c), "<p class=\"error-message\" role=\"alert\">%s</p>\n", c->err.msg);
}

/* ---- Fields ---------------------------------------------------------------------------- */

static bool has_error(const Ctx *c, const char *name)
{
	return c->err.code && !strcmp(c->err.field, name);
}

/* The message next to field name of form (NULL: the page's one form), with
 * the id its field's aria-describedby names. */
static void field_error_of(Ctx *c, const char *form, const char *name)
{
	if (has_error(c, name))
		html_printf(web_out(c), "<p class=\"field-error\" id=\"loi-%s%s%s\">%s</p>",
		        form ? form : "", form ? "-" : "", name, c->err.msg);
}

void web_field_error(Ctx *c, const char *name)
{
	field_error_of(c, NULL, name);
}

/* The label of field name of form (NULL: "f"), opening its div. */
static void field_label(Ctx *c, const char *form, const char *name, const char *label)
{
	html_printf(web_out(c), "<div class=\"field\"><label for=\"%s-%s\">%s</label>",
	        form ? form : "f", name, label);
}

/* The id, name, aria-invalid and aria-describedby of field name of form. */
static void field_attrs(Ctx *c, const char *form, const char *name)
{
	html_printf(web_out(c), " id=\"%s-%s\" name=\"%s\"", form ? form : "f", name, name);
	if (has_error(c, name))
		html_printf(web_out(c), " aria-invalid=\"true\" aria-describedby=\"loi-%s%s%s\"",
		        form ? form : "", form ? "-" : "", name);
}

void web_input_of(Ctx *c, const char *form, const char *type, const char *name, const char *label,
        const char *value, const char *hint, unsigned flags)
{
	Buf *b = web_out(c);
	field_label(c, form, name, label);
	if (hint)
		html_printf(b, "<span class=\"hint\">%s</span>", hint);
	html_printf(b, "<input type=\"%s\"", type);
	field_attrs(c, form, name);
	if (value)
		html_printf(b, " value=\"%s\"", value);
	if (flags & WEB_REQUIRED)
		html_raw(b, " required");
	if (flags & WEB_AUTOFOCUS)
		html_raw(b, " autofocus");
	if (flags & WEB_AMOUNT)
		html_raw(b, " data-amount inputmode=\"numeric\"");
	if (flags & WEB_USERNAME)
		html_raw(b, " autocomplete=\"username\"");
	if (flags & WEB_PASSWORD)
		html_raw(b, " autocomplete=\"current-password\"");
	if (flags & WEB_NEW_PASSWORD)
		html_raw(b, " autocomplete=\"new-password\"");
	html_raw(b, ">");
	field_error_of(c, form, name);
	html_raw(b, "</div>\n");
}

void web_input(Ctx *c, const char *type, const char *name, const char *label, const char *value,
        const char *hint, unsigned flags)
{
	web_input_of(c, NULL, type, name, label, value, hint, flags);
}

void web_select_of(Ctx *c, const char *form, const char *name, const char *label,
        const char *const *options, int n, const char *selected, const char *blank)
{
	Buf *b = web_out(c);
	field_label(c, form, name, label);
	html_raw(b, "<select");
	field_attrs(c, form, name);
	html_raw(b, ">");
	if (blank)
		html_printf(b, "<option value=\"\">%s</option>", blank);
	for (int i = 0; i < n; i++)
		html_printf(b, "<option value=\"%s\"%s>%s</option>", options[2 * i],
		        selected && !strcmp(selected, options[2 * i]) ? " selected" : "",
		        options[2 * i + 1]);
	html_raw(b, "</select>");
	field_error_of(c, form, name);
	html_raw(b, "</div>\n");
}

void web_select(Ctx *c, const char *name, const char *label, const char *const *options, int n,
        const char *selected, const char *blank)
{
	web_select_of(c, NULL, name, label, options, n, selected, blank);
}

void web_check(Ctx *c, const char *name, const char *label, bool checked)
{
	html_printf(web_out(c),
	        "<div class=\"check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" "
	        "value=\"1\"%s><label for=\"f-%s\">%s</label></div>\n",
	        name, name, checked ? " checked" : "", name, label);
}

/* ---- Values ---------------------------------------------------------------------------- */

void web_int(Ctx *c, int64_t v)
{
	Buf t;
	buf_init(&t, 64);
	num_format_int(&t, v);
	html_text(web_out(c), buf_cstr(&t));
	buf_free(&t);
}

void web_money(Ctx *c, int64_t dong)
{
	if (dong < 0) {
		html_raw(web_out(c), "—");
		return;
	}
	Buf t;
	buf_init(&t, 64);
	money_format(&t, dong, MONEY_DONG, 0, 0);
	html_text(web_out(c), buf_cstr(&t));
	buf_free(&t);
}

void web_money_words(Ctx *c, int64_t dong)
{
	Buf t;
	buf_init(&t, 1024);
	money_words(&t, dong, NULL);
	html_text(web_out(c), buf_cstr(&t));
	buf_free(&t);
}

void web_millions(Ctx *c, int64_t dong)
{
	Buf t;
	buf_init(&t, 64);
	money_format(&t, dong, MONEY_TRIEU, 1, 0);
	html_text(web_out(c), buf_cstr(&t));
	buf_free(&t);
}

void web_date(Ctx *c, const char *iso)
{
	int y, m, d;
	if (iso && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3)
		html_printf(web_out(c), "%02d/%02d/%04d", d, m, y);
	else
		html_raw(web_out(c), "—");
}

void web_text_or_dash(Ctx *c, const char *s)
{
	if (s && *s)
		html_text(web_out(c), s);
	else
		html_raw(web_out(c), "—");
}

int64_t web_parse_money(const char *s)
{
	if (!s)
		return -1;
	int64_t v = 0;
	bool digits = false;
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9') {
			if (v > (INT64_MAX - 9) / 10)
				return -2;
			v = v * 10 + (*p - '0');
			digits = true;
		} else if (*p != '.' && *p != ' ') {
			return -2;
		}
	}
	return digits ? v : -1;
}

/* ---- Units and code lists ------------------------------------------------------------- */

/* The provinces of one list, read once per request. */
typedef struct Units {
	const char *list;
	const char **code, **name;
	int n, cap;
	Arena *arena;
} Units;

static int add_unit(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list;
	Units *u = ctx;
	if (u->n == u->cap) {
		int cap = u->cap ? 2 * u->cap : 64;
		const char **code2 = arena_alloc(u->arena, (size_t)cap * sizeof *code2);
		const char **name2 = arena_alloc(u->arena, (size_t)cap * sizeof *name2);
		if (u->n) {
			memcpy(code2, u->code, (size_t)u->n * sizeof *code2);
			memcpy(name2, u->name, (size_t)u->n * sizeof *name2);
		}
		u->code = code2, u->name = name2, u->cap = cap;
	}
	u->code[u->n] = arena_strdup(u->arena, code);
	u->name[u->n] = arena_strdup(u->arena, name);
	u->n++;
	return 0;
}

/* What a page reads once per request: the provinces of each list. */
typedef struct PageCache {
	Units current, legacy;
	bool have_current, have_legacy;
	const char *const *refs[2]; /* activity contents, funding sources: (code, label) */
	int n_refs[2];
} PageCache;

static PageCache *page_cache(Ctx *c)
{
	if (!c->page)
		c->page = arena_alloc(c->arena, sizeof(PageCache));
	return c->page;
}

/* The provinces of list "current" (today's 34) or "legacy" (the 63 of
 * 30/06/2025), read once per request (a list page names one per row). */
static Units provinces_of(Ctx *c, const char *list)
{
	PageCache *pc = page_cache(c);
	bool legacy = !strcmp(list, "legacy");
	if (legacy ? pc->have_legacy : pc->have_current)
		return legacy ? pc->legacy : pc->current;
	Units u = {.list = list, .arena = c->arena};
	Date d;
	date_from_ymd(!strcmp(list, "legacy") ? 2025 : 2026, !strcmp(list, "legacy") ? 6 : 1,
	        !strcmp(list, "legacy") ? 30 : 1, &d, NULL);
	Err e = {0};
	store_admin_valid_on(c->db, d, "province", NULL, add_unit, &u, &e);
	if (legacy)
		pc->legacy = u, pc->have_legacy = true;
	else
		pc->current = u, pc->have_current = true;
	return u;
}

const char *web_province_name(Ctx *c, const char *list, const char *code)
{
	if (!code)
		return "—";
	Units u = provinces_of(c, list && !strcmp(list, "legacy") ? "legacy" : "current");
	for (int i = 0; i < u.n; i++)
		if (!strcmp(u.code[i], code))
			return u.name[i];
	return code;
}

const char *const *web_province_options(Ctx *c, int *n)
{
	Units u = provinces_of(c, "current");
	const char **opt = arena_alloc(c->arena, (size_t)(2 * u.n + 2) * sizeof *opt);
	int k = 0;
	for (int i = 0; i < u.n; i++) {
		if (!c->who.all_provinces && !principal_has_province(&c->who, u.code[i]))
			continue;
		opt[2 * k] = u.code[i];
		opt[2 * k + 1] = u.name[i];
		k++;
	}
	*n = k;
	return opt;
}

const char *const *web_unit_options(Ctx *c, int *n)
{
	Units cur = provinces_of(c, "current"), old = provinces_of(c, "legacy");
	const char **opt = arena_alloc(c->arena, (size_t)(2 * (cur.n + old.n) + 2) * sizeof *opt);
	int k = 0;
	for (int pass = 0; pass < 2; pass++) {
		Units *u = pass ? &old : &cur;
		for (int i = 0; i < u->n; i++) {
			size_t len = strlen(u->code[i]) + 12, nl = strlen(u->name[i]) + 16;
			char *v = arena_alloc(c->arena, len), *l = arena_alloc(c->arena, nl);
			snprintf(v, len, "%s:%s", u->list, u->code[i]);
			snprintf(l, nl, pass ? "%s (cũ)" : "%s", u->name[i]);
			opt[2 * k] = v;
			opt[2 * k + 1] = l;
			k++;
		}
	}
	*n = k;
	return opt;
}

/* The rows of a reference table as (code, label) pairs. */
static const char *const *ref_pairs(Ctx *c, const char *table, int *n)
{
	const RefTable *t =
	        !strcmp(table, "funding_source") ? &store_ref_funding_sources : &store_ref_contents;
	PageCache *pc = page_cache(c);
	int slot = t == &store_ref_funding_sources;
	if (pc->refs[slot]) {
		*n = pc->n_refs[slot];
		return pc->refs[slot];
	}
	RefFilter f = {.limit = 500};
	RefList l = {0};
	Err e = {0};
	*n = 0;
	if (store_ref_list(c->db, t, &f, c->arena, &l, &e))
		return NULL;
	const char **opt = arena_alloc(c->arena, (size_t)(2 * l.n + 2) * sizeof *opt);
	for (int i = 0; i < l.n; i++) {
		const void *rec = store_ref_at(t, &l, i);
		if (t == &store_ref_funding_sources) {
			const FundingSource *s = rec;
			opt[2 * i] = s->code, opt[2 * i + 1] = s->label_vi;
		} else {
			const ActivityContent *a = rec;
			opt[2 * i] = a->code, opt[2 * i + 1] = a->label_vi;
		}
	}
	*n = l.n;
	pc->refs[slot] = opt;
	pc->n_refs[slot] = l.n;
	return opt;
}

const char *const *web_ref_options(Ctx *c, const char *table, int *n)
{
	return ref_pairs(c, table, n);
}

const char *web_ref_label(Ctx *c, const char *table, const char *code)
{
	int n;
	const char *const *opt = ref_pairs(c, table, &n);
	for (int i = 0; code && i < n; i++)
		if (!strcmp(opt[2 * i], code))
			return opt[2 * i + 1];
	return code ? code : "—";
}

/* ---- Lists ----------------------------------------------------------------------------- */

int web_page(const Ctx *c)
{
	const ParamValue *v = ctx_param(c, "trang");
	return v->set ? (int)v->i : 1;
}

const char *web_query_with(Ctx *c, const char *name, const char *value)
{
	Buf q;
	buf_init(&q, 8192);
	for (int i = 0; i < c->req->n_query; i++) {
		const HttpPair *p = &c->req->query[i];
		if (!strcmp(p->name, name) || !*p->value)
			continue;
		buf_putc(&q, q.len ? '&' : '?');
		html_urlarg(&q, p->name);
		buf_putc(&q, '=');
		html_urlarg(&q, p->value);
	}
	if (value) {
		buf_putc(&q, q.len ? '&' : '?');
		html_urlarg(&q, name);
		buf_putc(&q, '=');
		html_urlarg(&q, value);
	}
	const char *out = arena_strdup(c->arena, q.len ? buf_cstr(&q) : "?");
	buf_free(&q);
	return out;
}

void web_list_head_begin(Ctx *c, int64_t total, int page)
{
	Buf *b = web_out(c);
	html_raw(b, "<div class=\"list-head\">");
	web_pager(c, total, page);
	html_raw(b, "<div class=\"actions\">");
}

void web_list_head_end(Ctx *c, const char *path)
{
	html_printf(web_out(c),
	        "<a class=\"button secondary\" href=\"%s%s\" download>Tải Excel (XLSX)</a>"
	        "<a class=\"button secondary\" href=\"%s%s\" download>Tải CSV</a></div></div>\n",
	        path, web_query_with(c, "format", "xlsx"), path,
	        web_query_with(c, "format", "csv"));
}

void web_pager(Ctx *c, int64_t total, int page)
{
	Buf *b = web_out(c);
	int64_t pages = (total + WEB_PAGE_ROWS - 1) / WEB_PAGE_ROWS;
	int64_t first = total ? (int64_t)(page - 1) * WEB_PAGE_ROWS + 1 : 0;
	int64_t last = first + WEB_PAGE_ROWS - 1 < total ? first + WEB_PAGE_ROWS - 1 : total;
	html_raw(b, "<nav class=\"pager\" aria-label=\"Phân trang\"><span class=\"count\">");
	if (total) {
		html_raw(b, "Dòng ");
		web_int(c, first);
		html_raw(b, "–");
		web_int(c, last);
		html_raw(b, " trong ");
	}
	web_int(c, total);
	html_raw(b, " kết quả</span>");
	for (int64_t p = 1; pages > 1 && p <= pages; p++) {
		if (p > 2 && p < pages - 1 && (p < page - 2 || p > page + 2)) {
			if (p == 3 || p == pages - 2)
				html_raw(b, "<span>…</span>");
			continue;
		}
		char num[24];
		snprintf(num, sizeof num, "%lld", (long long)p);
		if (p == page)
			html_printf(
			        b, "<span class=\"current\" aria-current=\"page\">%s</span>", num);
		else
			html_printf(
			        b, "<a href=\"%s\">%s</a>", web_query_with(c, "trang", num), num);
	}
	html_raw(b, "</nav>\n");
}
