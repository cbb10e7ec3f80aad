/* web_admin_units.c — administrative units and regions as a page
 * (/don-vi-hanh-chinh; issue 7, web-coverage): the provinces, districts or
 * communes in force on a day (of one province, or all), the province of
 * today that a unit of either list lies in, and the provinces of a region
 * on the day. The store calls are those of /api/v1/units,
 * /api/v1/units/current-province, /api/v1/regions and
 * /api/v1/regions/{key}/members; the lists are data, nothing here is. */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/store.h"
#include "store/store_admin.h"
#include "web/web_admin.h"
#include "web/web_routes.h"

static const char *const levels[] = {"province", "district", "commune", NULL};
static const char *const level_options[] = {
        "province", "Tỉnh", "district", "Huyện (danh mục cũ)", "commune", "Xã"};
static const char *const lists[] = {"current", "legacy", NULL};
static const char *const list_options[] = {
        "current", "Danh mục hiện nay", "legacy", "Danh mục cũ (trước 01/7/2025)"};

const Param web_admin_units_params[] = {
        {"ngay", PARAM_DATE, 0, 0, NULL, "Ngày (mặc định hôm nay)", false},
        {"cap", PARAM_ENUM, 0, 0, levels, "Cấp", false},
        {"tinh", PARAM_TEXT, 0, 2, NULL, "Mã tỉnh (trong danh mục của ngày đó)", false},
        {"vung", PARAM_TEXT, 0, 32, NULL, "Vùng", false},
        {"ds", PARAM_ENUM, 0, 0, lists, "Danh mục của đơn vị cần tra", false},
        {"ma_cap", PARAM_ENUM, 0, 0, levels, "Cấp của đơn vị cần tra", false},
        {"ma", PARAM_TEXT, 0, 5, NULL, "Mã đơn vị cần tra", false},
        {NULL},
};

/* The most units a list shows: the communes of the whole country are many. */
enum { MAX_SHOWN = 500 };

typedef struct Units {
	Ctx *c;
	const char **v; /* (code, name) pairs */
	int n, cap;
	int64_t total;
} Units;

static int add_unit(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list;
	Units *u = ctx;
	u->total++;
	if (u->n < u->cap) {
		u->v[2 * u->n] = arena_strdup(u->c->arena, code);
		u->v[2 * u->n + 1] = arena_strdup(u->c->arena, name);
		u->n++;
	}
	return 0;
}

static int add_region(void *ctx, const char *code, const char *kind, const char *name)
{
	(void)kind;
	return add_unit(ctx, NULL, code, name);
}

static Units units(Ctx *c, int cap)
{
	return (Units){c, arena_alloc(c->arena, (size_t)(2 * cap + 2) * sizeof(char *)), 0, cap, 0};
}

/* The day asked for, or today in Việt Nam (UTC+7: from 17:00 UTC it is
 * already the next day there), as YYYY-MM-DD in out. */
static int day_of(Ctx *c, Date *d, char out[STORE_DATE_LEN])
{
	const char *s = ctx_param(c, "ngay")->s;
	if (s) {
		snprintf(out, STORE_DATE_LEN, "%s", s);
		return date_parse(out, strlen(out), d, &c->err);
	}
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	int rc = date_parse(now, 10, d, &c->err);
	if (!rc && strcmp(now + 11, "17") >= 0)
		rc = date_add_days(*d, 1, d, &c->err);
	Buf t;
	buf_init(&t, 16);
	date_format_iso(&t, *d);
	snprintf(out, STORE_DATE_LEN, "%s", buf_cstr(&t));
	buf_free(&t);
	return rc;
}

static void table(Ctx *c, const Units *u, const char *what)
{
	Buf *b = web_out(c);
	html_printf(b,
	        "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Mã</th>"
	        "<th scope=\"col\">%s</th></tr></thead><tbody>",
	        what);
	for (int i = 0; i < u->n; i++)
		html_printf(b, "<tr><td>%s</td><td>%s</td></tr>", u->v[2 * i], u->v[2 * i + 1]);
	if (!u->n)
		html_raw(b, "<tr><td colspan=\"2\">Không có đơn vị nào.</td></tr>");
	html_raw(b, "</tbody></table></div>\n<p class=\"muted\">");
	web_int(c, u->total);
	html_raw(b, " đơn vị");
	if (u->total > u->n) {
		html_raw(b, ", hiện ");
		web_int(c, u->n);
		html_raw(b, " đầu tiên: chọn một tỉnh để xem hết");
	}
	html_raw(b, ".</p>\n");
}

/* The units of a level in force on the day. */
static int valid_on(Ctx *c, Date d, const char *day)
{
	const char *level = ctx_param(c, "cap")->s ? ctx_param(c, "cap")->s : "province";
	const char *province = ctx_param(c, "tinh")->s;
	Buf *b = web_out(c);
	html_raw(b, "<h2 id=\"don-vi\">Đơn vị có hiệu lực vào một ngày</h2>"
	            "<form class=\"filters\" method=\"get\" action=\"/don-vi-hanh-chinh\" "
	            "role=\"search\">");
	web_input(c, "date", "ngay", "Ngày", day, NULL, 0);
	web_select(c, "cap", "Cấp", level_options, 3, level, NULL);
	web_input(c, "text", "tinh", "Mã tỉnh", province, "Ví dụ 92; để trống: cả nước", 0);
	html_raw(b, "<button type=\"submit\">Xem</button></form>\n");
	Units u = units(c, MAX_SHOWN);
	int rc = store_admin_valid_on(c->db, d, level, province, add_unit, &u, &c->err);
	if (rc)
		return rc;
	table(c, &u, "Tên");
	return 0;
}

/* The province of today that a unit lies in. */
static int current_province(Ctx *c)
{
	const char *list = ctx_param(c, "ds")->s, *level = ctx_param(c, "ma_cap")->s;
	const char *code = ctx_param(c, "ma")->s;
	Buf *b = web_out(c);
	html_raw(b, "<h2 id=\"tinh-hien-nay\">Tỉnh hiện nay của một đơn vị</h2>"
	            "<form class=\"filters\" method=\"get\" action=\"/don-vi-hanh-chinh\" "
	            "role=\"search\">");
	web_select(c, "ds", "Danh mục", list_options, 2, list ? list : "legacy", NULL);
	web_select(c, "ma_cap", "Cấp", level_options, 3, level ? level : "province", NULL);
	web_input(c, "text", "ma", "Mã đơn vị", code, "Ví dụ 94 (Sóc Trăng cũ)", 0);
	html_raw(b, "<button type=\"submit\">Tra</button></form>\n");
	if (!code)
		return 0;
	UnitRef r;
	char current[3];
	snprintf(r.list, sizeof r.list, "%s", list ? list : "legacy");
	snprintf(r.level, sizeof r.level, "%s", level ? level : "province");
	snprintf(r.code, sizeof r.code, "%s", code);
	int rc = store_admin_current_province(c->db, &r, current, &c->err);
	if (rc == KC_ENOTFOUND) {
		html_printf(b,
		        "<p class=\"warning\" role=\"status\">Không có đơn vị mã %s ở cấp và danh mục "
		        "đã chọn, hoặc đơn vị đó không có tỉnh hiện nay tương ứng.</p>\n",
		        code);
		c->err = (Err){0};
		return 0;
	}
	if (rc)
		return rc;
	html_printf(b,
	        "<p class=\"notice\" role=\"status\">Đơn vị mã %s nay thuộc tỉnh %s (mã %s).</p>\n",
	        code, web_province_name(c, "current", current), current);
	return 0;
}

/* The regions, and the provinces of the one chosen on the day. */
static int regions(Ctx *c, Date d, const char *day)
{
	const char *region = ctx_param(c, "vung")->s;
	Units all = units(c, 200);
	int rc = store_admin_regions(c->db, NULL, add_region, &all, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<h2 id=\"vung\">Các vùng</h2><form class=\"filters\" method=\"get\" "
	            "action=\"/don-vi-hanh-chinh\" role=\"search\">");
	html_printf(b, "<input type=\"hidden\" name=\"ngay\" value=\"%s\">", day);
	web_select(c, "vung", "Vùng", all.v, all.n, region, "— chọn vùng —");
	html_raw(b, "<button type=\"submit\">Xem các tỉnh</button></form>\n");
	if (!region)
		return 0;
	bool known = false;
	for (int i = 0; i < all.n; i++)
		known |= !strcmp(all.v[2 * i], region);
	if (!known) {
		html_printf(b, "<p class=\"warning\" role=\"status\">Không có vùng '%s'.</p>\n",
		        region);
		return 0;
	}
	Units m = units(c, MAX_SHOWN);
	if ((rc = store_admin_region_members(c->db, region, d, add_unit, &m, &c->err)))
		return rc;
	table(c, &m, "Tỉnh thuộc vùng vào ngày đã chọn");
	return 0;
}

int web_admin_units(Ctx *c)
{
	Date d;
	char day[STORE_DATE_LEN];
	int rc = day_of(c, &d, day);
	if (rc)
		return ctx_fail(c, 400, rc);
	web_begin(c, 200, "Đơn vị hành chính và vùng", "quan-tri");
	html_raw(web_out(c), "<p class=\"hint\">Danh mục đơn vị hành chính là dữ liệu của hệ "
	                     "thống: tỉnh, xã hiện nay (từ 01/7/2025) và tỉnh, huyện, xã cũ, "
	                     "với quan hệ kế thừa giữa chúng.</p>\n");
	if ((rc = valid_on(c, d, day)) || (rc = current_province(c)) || (rc = regions(c, d, day)))
		return rc;
	web_end(c);
	return 0;
}
