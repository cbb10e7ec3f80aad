/* web_ocop.c — a product's OCOP star ratings (issue 7, web-coverage): the
 * section of the product's page that lists them with a form to add one, the
 * form that changes one, and deleting one. The store calls are those of
 * /api/v1/products/{id}/ocop, whose loader (api_ocop_load) has checked the
 * product's province and that the rating {sub} is the product's. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "store/store_product.h"
#include "web/web_admin.h"
#include "web/web_kind.h"
#include "web/web_routes.h"

static const char *const stars[] = {
        "1", "1 sao", "2", "2 sao", "3", "3 sao", "4", "4 sao", "5", "5 sao"};
static const char *const fields[] = {"stars", "year", "decision_no", "valid_until", NULL};

static const char *num(Ctx *c, int v)
{
	return v > 0 ? web_id_text(c, v) : NULL;
}

/* The fields of a rating's form, with r's values. */
static void inputs(Ctx *c, const OcopRating *r)
{
	web_select(c, "stars", "Hạng sao", stars, 5, num(c, r->stars), "— chọn —");
	web_input(c, "number", "year", "Năm xếp hạng", num(c, r->year), NULL, WEB_REQUIRED);
	web_input(c, "text", "decision_no", "Số quyết định", r->decision_no, NULL, 0);
	web_input(c, "date", "valid_until", "Có hiệu lực đến ngày", r->valid_until, NULL, 0);
}

int web_ocop_section(Ctx *c, const Product *p)
{
	OcopRating *v;
	int n;
	int rc = store_product_ocop_list(c->db, p->id, c->arena, &v, &n, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	bool staff = ctx_can(c, ROLE_STAFF);
	html_raw(b,
	        "<section aria-labelledby=\"ocop-h\"><h2 id=\"ocop-h\">Xếp hạng OCOP</h2><table>"
	        "<thead><tr><th scope=\"col\">Năm</th><th scope=\"col\">Hạng sao</th>"
	        "<th scope=\"col\">Quyết định</th><th scope=\"col\">Hiệu lực đến</th>"
	        "<th scope=\"col\"></th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(b, "<tr><td>%d</td><td>%d sao</td><td>%s</td><td>", v[i].year,
		        v[i].stars, v[i].decision_no ? v[i].decision_no : "—");
		web_date(c, v[i].valid_until);
		html_raw(b, "</td><td>");
		if (staff) {
			html_printf(b,
			        "<a href=\"/san-pham/%lld/ocop/%lld/sua\">Sửa</a> "
			        "<form method=\"post\" action=\"/san-pham/%lld/ocop/%lld/xoa\" "
			        "data-confirm=\"Xóa xếp hạng OCOP năm %d?\"><input type=\"hidden\" "
			        "name=\"version\" value=\"%d\">",
			        (long long)p->id, (long long)v[i].id, (long long)p->id,
			        (long long)v[i].id, v[i].year, v[i].version);
			web_csrf(c);
			html_printf(b,
			        "<button type=\"submit\" class=\"secondary\" aria-label=\"Xóa xếp hạng "
			        "năm %d\">Xóa</button></form>",
			        v[i].year);
		}
		html_raw(b, "</td></tr>");
	}
	if (!n)
		html_raw(b, "<tr><td colspan=\"5\">Chưa xếp hạng OCOP.</td></tr>");
	html_raw(b, "</tbody></table>");
	if (staff) {
		html_printf(b,
		        "<form method=\"post\" action=\"/san-pham/%lld/ocop\" class=\"grid2\">"
		        "<fieldset><legend>Thêm xếp hạng OCOP</legend>",
		        (long long)p->id);
		web_csrf(c);
		OcopRating blank = store_product_ocop_blank();
		inputs(c, &blank);
		html_raw(b, "<div class=\"actions\"><button type=\"submit\">Thêm xếp hạng</button>"
		            "</div></fieldset></form>");
	}
	html_raw(b, "</section>\n");
	return 0;
}

/* The form of one rating (r->id 0: a new one) with status, c->err shown
 * next to its field. */
static int form(Ctx *c, int status, const Product *p, const OcopRating *r)
{
	Buf *b = web_out(c);
	char title[300];
	snprintf(title, sizeof title, "%s xếp hạng OCOP: %s", r->id ? "Sửa" : "Thêm", p->name);
	web_begin(c, status, title, "san-pham");
	web_form_error(c, fields);
	if (r->id)
		html_printf(b,
		        "<form method=\"post\" action=\"/san-pham/%lld/ocop/%lld\" class=\"grid2\">"
		        "<input type=\"hidden\" name=\"version\" value=\"%d\">",
		        (long long)p->id, (long long)r->id, r->version);
	else
		html_printf(b,
		        "<form method=\"post\" action=\"/san-pham/%lld/ocop\" class=\"grid2\">",
		        (long long)p->id);
	web_csrf(c);
	inputs(c, r);
	html_printf(b,
	        "<div class=\"actions\"><button type=\"submit\">Lưu</button>"
	        "<a href=\"/san-pham/%lld\">Hủy</a></div></form>\n",
	        (long long)p->id);
	web_end(c);
	return 0;
}

/* The form's fields into r; a number that is not one is 0, which the store refuses. */
static void read(Ctx *c, OcopRating *r)
{
	int64_t s = web_parse_money(ctx_form(c, "stars")), y = web_parse_money(ctx_form(c, "year"));
	int64_t v = web_parse_money(ctx_form(c, "version"));
	r->stars = s > 0 && s < 100 ? (int)s : 0;
	r->year = y > 0 && y < 10000 ? (int)y : 0;
	r->decision_no = web_form_text(c, "decision_no");
	r->valid_until = web_form_text(c, "valid_until");
	if (v > 0 && v < INT_MAX)
		r->version = (int)v;
}

static int back(Ctx *c)
{
	char *url = arena_alloc(c->arena, 48);
	snprintf(url, 48, "/san-pham/%lld?tb=da-luu", (long long)c->id);
	return web_redirect(c, url);
}

int web_ocop_create(Ctx *c)
{
	const Product *p = c->rec;
	OcopRating r = store_product_ocop_blank();
	r.product_id = p->id;
	read(c, &r);
	int64_t id;
	int rc = store_product_ocop_create(c->db, &c->actor, &r, &id, &c->err);
	if (web_refusal(rc))
		return form(c, 422, p, &r);
	return rc ? rc : back(c);
}

/* The rating {sub}: the loader read it and checked it is the product's. */
static int rating(Ctx *c, OcopRating *r)
{
	return store_product_ocop_get(c->db, c->sub, c->arena, r, &c->err);
}

int web_ocop_edit(Ctx *c)
{
	OcopRating r;
	int rc = rating(c, &r);
	return rc ? rc : form(c, 200, c->rec, &r);
}

int web_ocop_update(Ctx *c)
{
	OcopRating r;
	int rc = rating(c, &r);
	if (rc)
		return rc;
	read(c, &r);
	rc = store_product_ocop_update(c->db, &c->actor, &r, &c->err);
	if (web_refusal(rc))
		return form(c, rc == KC_ECONFLICT ? 409 : 422, c->rec, &r);
	return rc ? rc : back(c);
}

int web_ocop_delete(Ctx *c)
{
	OcopRating r;
	int rc = rating(c, &r);
	if (rc)
		return rc;
	int64_t v = web_parse_money(ctx_form(c, "version"));
	rc = store_product_ocop_delete(
	        c->db, &c->actor, r.id, v > 0 && v < INT_MAX ? (int)v : r.version, &c->err);
	if (rc == KC_ECONFLICT)
		return ctx_fail(c, 409, rc);
	return rc ? rc : back(c);
}
