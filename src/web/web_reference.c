/* web_reference.c — the code lists and rules as pages (/danh-muc): the
 * eight reference tables of store_reference.h (legal instruments, activity
 * contents, indicators, sectors, funding sources, support levels and caps,
 * adjustment rules, period rules), each listed, searched, shown with its
 * history, added, changed, given a new version from a copy (a rule in force
 * from another day), and deleted. One set of handlers serves every table: the
 * form is drawn from the table's descriptor (its columns' labels, types and
 * closed sets), so the store's messages name the form's fields. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_reference.h"
#include "web/web_admin.h"
#include "web/web_routes.h"

/* The columns a list shows, after the key, per table. */
static const char *const instrument_list[] = {"number", "title", "effective_from", NULL};
static const char *const content_list[] = {"scheme", "label_vi", "valid_from", "valid_to", NULL};
static const char *const indicator_list[] = {"label_vi", "unit_vi", "value_kind", NULL};
static const char *const sector_list[] = {"label_vi", "valid_from", "valid_to", NULL};
static const char *const funding_list[] = {"label_vi", "is_state", NULL};
static const char *const support_list[] = {
        "label_vi", "program_level", "cap_dong", "rate_x100", "valid_from", "valid_to", NULL};
static const char *const adjustment_list[] = {
        "kind", "program_level", "approver", "valid_from", "valid_to", NULL};
static const char *const period_list[] = {"name", "cutoff_day", "is_default", NULL};

typedef struct RefPage {
	WebRefPage page;
	const char *const *list_cols;
	const char *about; /* one line under the title */
} RefPage;

static const RefPage pages[] = {
        {{"quy-dinh-ho-tro", "Quy định mức hỗ trợ, mức trần", &store_ref_support_rules},
                support_list,
                "Mức hỗ trợ tối đa theo nội dung và khoản chi; đổi mức từ một ngày thì tạo "
                "phiên bản mới và ghi ngày hết hiệu lực cho quy định cũ."},
        {{"noi-dung-hoat-dong", "Nội dung hoạt động khuyến công", &store_ref_contents},
                content_list, "Các nội dung hoạt động theo từng hệ thống danh mục."},
        {{"chi-tieu", "Chỉ tiêu", &store_ref_indicators}, indicator_list,
                "Chỉ tiêu của báo cáo, mục tiêu chương trình và kế hoạch năm."},
        {{"quy-tac-dieu-chinh", "Quy tắc phê duyệt điều chỉnh", &store_ref_adjustment_rules},
                adjustment_list, "Cấp nào phê duyệt từng loại điều chỉnh đề án."},
        {{"quy-tac-ky-bao-cao", "Quy tắc kỳ báo cáo", &store_ref_period_rules}, period_list,
                "Ngày chốt số liệu của kỳ báo cáo; luôn có đúng một quy tắc mặc định."},
        {{"van-ban", "Văn bản pháp lý", &store_ref_instruments}, instrument_list,
                "Văn bản làm căn cứ cho các danh mục và quy định."},
        {{"nganh-nghe", "Ngành nghề", &store_ref_sectors}, sector_list,
                "Ngành nghề được hưởng khuyến công."},
        {{"nguon-kinh-phi", "Nguồn kinh phí", &store_ref_funding_sources}, funding_list,
                "Nguồn kinh phí của đề án và kế hoạch."},
};
enum { N_PAGES = sizeof pages / sizeof pages[0] };

const WebRefPage *web_ref_page_of(const char *table_name)
{
	for (int i = 0; table_name && i < N_PAGES; i++)
		if (!strcmp(pages[i].page.table->name, table_name))
			return &pages[i].page;
	return NULL;
}

const Param web_ref_list_params[] = {
        {"q", PARAM_TEXT, 0, 200, NULL, "Tìm trong mã và các trường chữ, không cần dấu", false},
        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},
        {"tb", PARAM_TEXT, 0, 16, NULL, "Thông báo sau khi lưu", false},
        {NULL},
};

const Param web_ref_row_params[] = {
        {"ma", PARAM_TEXT, 1, REF_KEY_LEN - 1, NULL, "Mã hoặc số của dòng", true},
        {"tb", PARAM_TEXT, 0, 16, NULL, "Thông báo sau khi lưu", false},
        {NULL},
};

const Param web_ref_new_params[] = {
        {"tu", PARAM_TEXT, 1, REF_KEY_LEN - 1, NULL, "Phiên bản mới chép từ dòng này", false},
        {NULL},
};

/* The page of the path's {key}, or KC_ENOTFOUND. */
static int page_of(Ctx *c, const RefPage **out)
{
	for (int i = 0; i < N_PAGES; i++)
		if (!strcmp(pages[i].page.slug, c->key)) {
			*out = &pages[i];
			return 0;
		}
	return err_set(&c->err, KC_ENOTFOUND, "Không có danh mục '%.40s'", c->key);
}

static const RefColumn *column(const RefTable *t, const char *name)
{
	for (size_t i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i].name, name))
			return &t->cols[i];
	return NULL;
}

static const char **text_at(const RefColumn *col, void *rec)
{
	return (const char **)((char *)rec + col->off);
}

static int64_t *int_at(const RefColumn *col, void *rec)
{
	return (int64_t *)((char *)rec + col->off);
}

static bool *bool_at(const RefColumn *col, void *rec)
{
	return (bool *)((char *)rec + col->off);
}

static int *version_at(const RefTable *t, void *rec)
{
	return (int *)((char *)rec + t->version_off);
}

static bool is_money(const RefColumn *col)
{
	size_t n = strlen(col->name);
	return col->type == REF_INT && n > 5 && !strcmp(col->name + n - 5, "_dong");
}

/* One value of rec as the pages show it. */
static void value(Ctx *c, const RefColumn *col, void *rec)
{
	switch (col->type) {
	case REF_TEXT: {
		const char *s = *text_at(col, rec);
		const char *label =
		        col->choices ? store_choice_label(col->choices, col->n_choices, s) : NULL;
		web_text_or_dash(c, label ? label : s);
		return;
	}
	case REF_DATE: web_date(c, *text_at(col, rec)); return;
	case REF_INT:
		if (*int_at(col, rec) < 0)
			html_raw(web_out(c), "—");
		else if (is_money(col))
			web_money(c, *int_at(col, rec));
		else
			web_int(c, *int_at(col, rec));
		return;
	case REF_BOOL: html_text(web_out(c), *bool_at(col, rec) ? "Có" : "Không"); return;
	}
}

/* The link to row rec of page p, with a suffix path ("", "/sua"). */
static void row_href(Ctx *c, const RefPage *p, void *rec, const char *action)
{
	char key[REF_KEY_LEN];
	store_ref_key(p->page.table, rec, key);
	html_printf(web_out(c), "/danh-muc/%s/%s?ma=", p->page.slug, action);
	html_urlarg(web_out(c), key);
}

/* ---- Index and lists -------------------------------------------------------------------- */

int web_ref_index(Ctx *c)
{
	Buf *b = web_out(c);
	web_begin(c, 200, "Danh mục và quy định", "quan-tri");
	html_raw(b, "<ul class=\"link-list\">");
	for (int i = 0; i < N_PAGES; i++)
		html_printf(b,
		        "<li><a href=\"/danh-muc/%s\">%s</a><br><span class=\"muted\">%s</span>"
		        "</li>",
		        pages[i].page.slug, pages[i].page.title, pages[i].about);
	html_raw(b, "<li><a href=\"/mau-bao-cao\">Mẫu báo cáo</a><br><span class=\"muted\">Các mẫu "
	            "báo cáo định kỳ (xem).</span></li>");
	/* web-coverage: the administrative units, data shipped with the program */
	html_raw(b,
	        "<li><a href=\"/don-vi-hanh-chinh\">Đơn vị hành chính và vùng</a><br><span "
	        "class=\"muted\">Tỉnh, xã có hiệu lực vào một ngày; tỉnh hiện nay của đơn vị cũ; "
	        "các vùng (xem).</span></li></ul>\n");
	web_end(c);
	return 0;
}

static const char *notice_text(const char *tb)
{
	static const char *const notices[] = {
	        "da-them", "Đã thêm.", "da-luu", "Đã lưu thay đổi.", "da-xoa", "Đã xóa.", NULL};
	for (int i = 0; tb && notices[i]; i += 2)
		if (!strcmp(tb, notices[i]))
			return notices[i + 1];
	return NULL;
}

int web_ref_list(Ctx *c)
{
	const RefPage *p;
	int rc = page_of(c, &p);
	if (rc)
		return rc;
	const RefTable *t = p->page.table;
	int page = web_page(c);
	RefFilter f = {.q = ctx_param(c, "q")->s,
	        .limit = WEB_PAGE_ROWS,
	        .offset = (page - 1) * WEB_PAGE_ROWS};
	RefList l;
	if ((rc = store_ref_list(c->db, t, &f, c->arena, &l, &c->err)))
		return rc;
	Buf *b = web_out(c);
	web_begin(c, 200, p->page.title, "quan-tri");
	web_notice(c, notice_text(ctx_param(c, "tb")->s));
	html_printf(b, "<p class=\"muted\">%s</p>\n", p->about);
	html_printf(b,
	        "<form class=\"filters\" method=\"get\" action=\"/danh-muc/%s\" "
	        "role=\"search\">",
	        p->page.slug);
	web_input(c, "search", "q", "Tìm (không cần dấu)", f.q, NULL, 0);
	html_raw(b, "<button type=\"submit\">Tìm</button></form>\n");
	web_list_head_begin(c, l.total, page);
	if (ctx_can(c, ROLE_ADMIN))
		html_printf(
		        b, "<a class=\"button\" href=\"/danh-muc/%s/moi\">Thêm</a>", p->page.slug);
	html_raw(b, "<a href=\"/danh-muc\">Các danh mục</a></div></div>\n");
	html_printf(b,
	        "<div class=\"table-wrap\"><table class=\"list\"><thead><tr>"
	        "<th scope=\"col\">%s</th>",
	        t->cols[0].label);
	for (int k = 0; p->list_cols[k]; k++) {
		const RefColumn *col = column(t, p->list_cols[k]);
		html_printf(b, "<th scope=\"col\"%s>%s</th>",
		        col->type == REF_INT ? " class=\"num\"" : "", col->label);
	}
	html_raw(b, "</tr></thead><tbody>\n");
	for (int i = 0; i < l.n; i++) {
		void *rec = (void *)store_ref_at(t, &l, i);
		char key[REF_KEY_LEN];
		store_ref_key(t, rec, key);
		html_raw(b, "<tr><td><a href=\"");
		row_href(c, p, rec, "dong");
		html_printf(b, "\">%s</a></td>", key);
		for (int k = 0; p->list_cols[k]; k++) {
			const RefColumn *col = column(t, p->list_cols[k]);
			html_printf(b, "<td%s>", col->type == REF_INT ? " class=\"num\"" : "");
			value(c, col, rec);
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>\n");
	}
	if (!l.n)
		html_raw(b, "<tr><td colspan=\"8\">Không có dòng nào.</td></tr>\n");
	html_raw(b, "</tbody></table></div>\n");
	web_end(c);
	return 0;
}

/* ---- One row ---------------------------------------------------------------------------- */

/* The page and the row named by ?ma=. */
static int load_row(Ctx *c, const RefPage **p, void **rec)
{
	int rc = page_of(c, p);
	if (rc)
		return rc;
	*rec = arena_alloc(c->arena, (*p)->page.table->size);
	return store_ref_get(
	        c->db, (*p)->page.table, ctx_param(c, "ma")->s, c->arena, *rec, &c->err);
}

static void title_of(Ctx *c, const RefPage *p, void *rec, char *out, size_t n)
{
	(void)c;
	char key[REF_KEY_LEN];
	store_ref_key(p->page.table, rec, key);
	snprintf(out, n, "%s: %s", p->page.title, key);
}

int web_ref_show(Ctx *c)
{
	const RefPage *p;
	void *rec;
	int rc = load_row(c, &p, &rec);
	if (rc)
		return rc;
	const RefTable *t = p->page.table;
	char title[256];
	title_of(c, p, rec, title, sizeof title);
	Buf *b = web_out(c);
	web_begin(c, 200, title, "quan-tri");
	web_notice(c, notice_text(ctx_param(c, "tb")->s));
	html_raw(b, "<dl class=\"facts\">");
	for (size_t i = 0; i < t->n_cols; i++) {
		html_printf(b, "<dt>%s</dt><dd>", t->cols[i].label);
		value(c, &t->cols[i], rec);
		html_raw(b, "</dd>");
	}
	html_printf(b, "<dt>Phiên bản</dt><dd>%d</dd></dl>\n<div class=\"actions\">",
	        *version_at(t, rec));
	if (ctx_can(c, ROLE_ADMIN)) {
		html_raw(b, "<a class=\"button\" href=\"");
		row_href(c, p, rec, "sua");
		html_raw(b, "\">Sửa</a><a class=\"button secondary\" href=\"");
		char key[REF_KEY_LEN];
		store_ref_key(t, rec, key);
		html_printf(b, "/danh-muc/%s/moi?tu=", p->page.slug);
		html_urlarg(b, key);
		html_raw(b, "\">Tạo phiên bản mới từ dòng này</a>");
	}
	if (ctx_can(c, ROLE_MANAGER)) {
		html_raw(b, "<a href=\"");
		row_href(c, p, rec, "lich-su");
		html_raw(b, "\">Lịch sử thay đổi</a>");
	}
	html_printf(b, "<a href=\"/danh-muc/%s\">Về danh sách</a></div>\n", p->page.slug);
	if (ctx_can(c, ROLE_ADMIN)) {
		html_raw(b, "<form method=\"post\" class=\"actions\" action=\"");
		row_href(c, p, rec, "xoa");
		html_raw(b, "\">");
		web_csrf(c);
		html_printf(b,
		        "<input type=\"hidden\" name=\"version\" value=\"%d\">"
		        "<button type=\"submit\" class=\"danger\">Xóa dòng này</button></form>\n",
		        *version_at(t, rec));
	}
	web_end(c);
	return 0;
}

int web_ref_history(Ctx *c)
{
	const RefPage *p;
	void *rec;
	int rc = load_row(c, &p, &rec);
	if (rc)
		return rc;
	char title[256], key[REF_KEY_LEN];
	title_of(c, p, rec, title, sizeof title);
	store_ref_key(p->page.table, rec, key);
	web_begin(c, 200, title, "quan-tri");
	if ((rc = web_audit_history(c, p->page.table->name, key, 200)))
		return rc;
	html_raw(web_out(c), "<p><a href=\"");
	row_href(c, p, rec, "dong");
	html_raw(web_out(c), "\">Về dòng này</a></p>\n");
	web_end(c);
	return 0;
}

/* ---- The form --------------------------------------------------------------------------- */

/* The text a field shows: what was posted when the form comes back with a
 * message (nothing typed is lost), else the record's value. */
static const char *field_text(Ctx *c, const RefColumn *col, void *rec, bool posted)
{
	if (posted)
		return ctx_form(c, col->name);
	switch (col->type) {
	case REF_TEXT: return *text_at(col, rec);
	case REF_DATE: {
		const char *iso = *text_at(col, rec);
		if (!iso)
			return NULL;
		char *s = arena_alloc(c->arena, STORE_DATE_LEN);
		return store_vn_day(iso, s);
	}
	case REF_INT: return *int_at(col, rec) < 0 ? NULL : web_id_text(c, *int_at(col, rec));
	case REF_BOOL: return *bool_at(col, rec) ? "1" : NULL;
	}
	return NULL;
}

static void form_field(Ctx *c, const RefColumn *col, void *rec, bool posted)
{
	const char *v = field_text(c, col, rec, posted);
	unsigned req = col->flags & REF_REQUIRED ? WEB_REQUIRED : 0;
	if (col->type == REF_BOOL) {
		web_check(c, col->name, col->label, v && *v);
		web_field_error(c, col->name);
	} else if (col->choices) {
		const char **opt = arena_alloc(c->arena, 2 * col->n_choices * sizeof *opt);
		for (size_t i = 0; i < col->n_choices; i++)
			opt[2 * i] = col->choices[i].value, opt[2 * i + 1] = col->choices[i].label;
		web_select(c, col->name, col->label, opt, (int)col->n_choices, v,
		        req ? "— chọn —" : "(không)");
	} else if (col->type == REF_DATE) {
		web_input(c, "text", col->name, col->label, v, "dd/mm/yyyy", 0);
	} else if (col->type == REF_INT) {
		web_input(c, "text", col->name, col->label, v, is_money(col) ? "đồng" : "số nguyên",
		        req | (is_money(col) ? WEB_AMOUNT : 0));
	} else {
		web_input(c, "text", col->name, col->label, v,
		        col->refers ? "mã trong danh mục" : NULL, req);
	}
}

/* The form to add (key NULL) or change row key; from names the row a new
 * version copies. */
static void form(Ctx *c, int status, const RefPage *p, void *rec, const char *key, const char *from,
        bool posted)
{
	const RefTable *t = p->page.table;
	Buf *b = web_out(c);
	char title[256];
	if (key)
		snprintf(title, sizeof title, "Sửa %s: %s", t->what, key);
	else
		snprintf(title, sizeof title, "Thêm %s", t->what);
	web_begin(c, status, title, "quan-tri");
	const char **names = arena_alloc(c->arena, (t->n_cols + 1) * sizeof *names);
	for (size_t i = 0; i < t->n_cols; i++)
		names[i] = t->cols[i].name;
	names[t->n_cols] = NULL;
	web_form_error(c, names);
	if (from)
		html_printf(b,
		        "<p class=\"notice\">Phiên bản mới chép từ dòng %s: đặt ngày bắt đầu áp dụng "
		        "của phiên bản mới, rồi ghi ngày hết áp dụng cho dòng cũ.</p>\n",
		        from);
	html_printf(b, "<form method=\"post\" action=\"/danh-muc/%s%s", p->page.slug,
	        key ? "/sua?ma=" : "");
	if (key)
		html_urlarg(b, key);
	html_raw(b, "\">");
	web_csrf(c);
	html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%d\">",
	        posted ? web_form_version(c) : *version_at(t, rec));
	html_raw(b, "<div class=\"grid2\">");
	for (size_t i = 0; i < t->n_cols; i++) {
		const RefColumn *col = &t->cols[i];
		if (col->flags & REF_AUTO || (i == 0 && key))
			continue;
		form_field(c, col, rec, posted);
	}
	html_raw(b, "</div><div class=\"actions\"><button type=\"submit\">Lưu</button>");
	html_printf(b, "<a href=\"/danh-muc/%s\">Hủy</a></div></form>\n", p->page.slug);
	web_end(c);
}

/* The form's fields into rec (a blank record, or the row as stored). */
static int read_form(Ctx *c, const RefTable *t, void *rec, bool create)
{
	for (size_t i = 0; i < t->n_cols; i++) {
		const RefColumn *col = &t->cols[i];
		if (col->flags & REF_AUTO || (i == 0 && !create))
			continue;
		const char *v = ctx_form(c, col->name);
		bool empty = !v || !*v;
		switch (col->type) {
		case REF_TEXT:
		case REF_DATE: *text_at(col, rec) = empty ? NULL : v; break;
		case REF_BOOL: *bool_at(col, rec) = !empty; break;
		case REF_INT: {
			int rc = web_form_number(c, col->name, col->label, int_at(col, rec));
			if (rc)
				return rc;
			break;
		}
		}
	}
	*version_at(t, rec) = web_form_version(c);
	return 0;
}

static int redirect_row(Ctx *c, const RefPage *p, const char *key, const char *tb)
{
	Buf u;
	buf_init(&u, 512);
	buf_printf(&u, "/danh-muc/%s/dong?ma=", p->page.slug);
	html_urlarg(&u, key);
	buf_printf(&u, "&tb=%s", tb);
	const char *url = arena_strdup(c->arena, buf_cstr(&u));
	buf_free(&u);
	return web_redirect(c, url);
}

int web_ref_new(Ctx *c)
{
	const RefPage *p;
	int rc = page_of(c, &p);
	if (rc)
		return rc;
	const RefTable *t = p->page.table;
	void *rec = arena_alloc(c->arena, t->size);
	store_ref_blank(t, rec);
	const char *from = ctx_param(c, "tu")->s;
	if (from) {
		if ((rc = store_ref_get(c->db, t, from, c->arena, rec, &c->err)))
			return rc;
		/* A new row: a new key, the dates of the new version. */
		if (t->cols[0].flags & REF_AUTO)
			*int_at(&t->cols[0], rec) = 0;
		else
			*text_at(&t->cols[0], rec) = NULL;
		*version_at(t, rec) = 0;
	}
	form(c, 200, p, rec, NULL, from, false);
	return 0;
}

int web_ref_create(Ctx *c)
{
	const RefPage *p;
	int rc = page_of(c, &p);
	if (rc)
		return rc;
	const RefTable *t = p->page.table;
	void *rec = arena_alloc(c->arena, t->size);
	store_ref_blank(t, rec);
	char key[REF_KEY_LEN];
	rc = read_form(c, t, rec, true);
	if (!rc)
		rc = store_ref_create(c->db, &c->actor, t, rec, key, &c->err);
	if (web_refusal(rc)) {
		form(c, 422, p, rec, NULL, NULL, true);
		return 0;
	}
	return rc ? rc : redirect_row(c, p, key, "da-them");
}

int web_ref_edit(Ctx *c)
{
	const RefPage *p;
	void *rec;
	int rc = load_row(c, &p, &rec);
	if (rc)
		return rc;
	form(c, 200, p, rec, ctx_param(c, "ma")->s, NULL, false);
	return 0;
}

int web_ref_update(Ctx *c)
{
	const RefPage *p;
	void *rec;
	int rc = load_row(c, &p, &rec);
	if (rc)
		return rc;
	const char *key = ctx_param(c, "ma")->s;
	rc = read_form(c, p->page.table, rec, false);
	if (!rc)
		rc = store_ref_update(c->db, &c->actor, p->page.table, rec, &c->err);
	if (web_refusal(rc)) {
		form(c, rc == KC_ECONFLICT ? 409 : 422, p, rec, key, NULL, true);
		return 0;
	}
	return rc ? rc : redirect_row(c, p, key, "da-luu");
}

int web_ref_delete(Ctx *c)
{
	const RefPage *p;
	void *rec;
	int rc = load_row(c, &p, &rec);
	if (rc)
		return rc;
	rc = store_ref_delete(c->db, &c->actor, p->page.table, ctx_param(c, "ma")->s,
	        web_form_version(c), &c->err);
	if (rc == KC_ECONFLICT)
		return ctx_fail(c, 409, rc);
	if (rc)
		return rc;
	char url[96];
	snprintf(url, sizeof url, "/danh-muc/%s?tb=da-xoa", p->page.slug);
	return web_redirect(c, arena_strdup(c->arena, url));
}
