/* web_lookup.c — pages that answer a question about records (issue 7,
 * web-coverage): which organisation stands for another on a day (a unit
 * renamed, merged or split), the totals of a province's activities over
 * years, and the certificates of typical products by level. The store
 * calls are those of /api/v1/organisations/{id}/valid-on,
 * /api/v1/activity-totals and /api/v1/certifications/counts; the labels
 * are the kinds' own (web_kind.h), so a code reads the same on every page. */
#include <string.h>

#include "api/api.h"
#include "core/date.h"
#include "store/store_activity.h"
#include "store/store_org.h"
#include "store/store_product.h"
#include "web/web_admin.h"
#include "web/web_kind.h"
#include "web/web_routes.h"

const Param web_org_valid_on_params[] = {
        {"ngay", PARAM_DATE, 0, 0, NULL, "Ngày (YYYY-MM-DD)", false},
        {NULL},
};
#define YEARS                                                                                      \
	{"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},                                      \
	        {"year_from", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Từ năm", false},   \
	{                                                                                          \
		"year_to", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Đến năm", false       \
	}
const Param web_activity_totals_params[] = {YEARS, {NULL}};
const Param web_cert_counts_params[] = {YEARS, {NULL}};

/* The label of code among the choices of the kind's field name. */
static const char *choice(const WebKind *k, const char *name, const char *code)
{
	for (int i = 0; i < k->n_fields; i++)
		if (!strcmp(k->fields[i].name, name))
			for (int j = 0; j < k->fields[i].n_choices; j++)
				if (!strcmp(k->fields[i].choices[2 * j], code))
					return k->fields[i].choices[2 * j + 1];
	return code;
}

/* ---- An organisation on a day ------------------------------------------------------------ */

static void day_form(Ctx *c, int64_t id, const char *day)
{
	Buf *b = web_out(c);
	html_printf(b,
	        "<form method=\"get\" action=\"/co-quan/%lld/hieu-luc\" class=\"filters\" "
	        "role=\"search\">",
	        (long long)id);
	web_input(c, "date", "ngay", "Ngày", day, NULL, WEB_REQUIRED);
	html_raw(b, "<button type=\"submit\">Xem</button></form>\n");
}

int web_org_related(Ctx *c, const WebKind *k, const void *rec)
{
	const Organisation *o = rec;
	(void)k;
	html_raw(web_out(c), "<h2 id=\"hieu-luc\">Đơn vị có hiệu lực vào một ngày</h2><p "
	                     "class=\"hint\">Đơn vị đã đổi tên, sáp nhập hoặc chia tách: đơn vị "
	                     "nào thay cho đơn vị này vào ngày cần xem.</p>\n");
	day_form(c, o->id, NULL);
	return 0;
}

/* The organisation standing for c->rec on day, or the reason there is none. */
static int valid_on(Ctx *c, const char *day)
{
	Buf *b = web_out(c);
	Date d;
	Err e = {0};
	int64_t id;
	Organisation out;
	char province[3];
	int rc = date_parse(day, strlen(day), &d, &c->err);
	if (!rc)
		rc = store_org_valid_on(c->db, c->id, d, &id, &c->err);
	if (!rc)
		rc = store_org_get(c->db, id, c->arena, &out, &c->err);
	if (!rc)
		rc = api_current_province(c, out.province_list, out.province_code, province);
	if (!rc && *province && !principal_has_province(&c->who, province))
		rc = err_set(&c->err, KC_EDENIED,
		        "Đơn vị có hiệu lực ngày này thuộc tỉnh mà bạn không có quyền xem");
	if (rc == KC_ENOTFOUND || rc == KC_ECONFLICT || rc == KC_EDENIED || rc == KC_EINVAL) {
		html_printf(b, "<p class=\"warning\" role=\"status\">%s</p>\n", c->err.msg);
		c->err = e;
		return 0;
	}
	if (rc)
		return rc;
	html_raw(b, "<p class=\"notice\" role=\"status\">Ngày ");
	web_date(c, day);
	html_printf(b, ", đơn vị có hiệu lực là <a href=\"/co-quan/%lld\">%s</a>%s.</p>\n",
	        (long long)out.id, out.name, out.id == c->id ? " (chính đơn vị này)" : "");
	return 0;
}

int web_org_valid_on(Ctx *c)
{
	const Organisation *o = c->rec;
	const char *day = ctx_param(c, "ngay")->s;
	web_begin(c, 200, o->name, "co-quan");
	day_form(c, o->id, day);
	int rc = day ? valid_on(c, day) : 0;
	if (rc)
		return rc;
	html_printf(web_out(c), "<p><a href=\"/co-quan/%lld\">Về trang của đơn vị</a></p>\n",
	        (long long)o->id);
	web_end(c);
	return 0;
}

/* ---- Totals over years ------------------------------------------------------------------- */

/* The filter form of a totals page: province (for those with several) and years. */
static void years_form(Ctx *c, const char *action)
{
	Buf *b = web_out(c);
	int np;
	const char *const *provinces = web_province_options(c, &np);
	html_printf(
	        b, "<form class=\"filters\" method=\"get\" action=\"%s\" role=\"search\">", action);
	if (c->who.all_provinces || c->who.n_provinces > 1)
		web_select(c, "province", "Tỉnh", provinces, np, ctx_param(c, "province")->s,
		        "Tất cả");
	const ParamValue *from = ctx_param(c, "year_from"), *to = ctx_param(c, "year_to");
	web_input(c, "number", "year_from", "Từ năm", from->set ? web_id_text(c, from->i) : NULL,
	        NULL, 0);
	web_input(
	        c, "number", "year_to", "Đến năm", to->set ? web_id_text(c, to->i) : NULL, NULL, 0);
	html_raw(b, "<button type=\"submit\">Xem</button></form>\n");
}

/* The page of a totals query that answered rc: a malformed filter is the
 * caller's (400), anything else the server's; 0 when the page has begun. */
static int begin_totals(Ctx *c, int rc, const char *title, const char *nav, const char *action)
{
	if (rc)
		return rc == KC_EINVAL ? ctx_fail(c, 400, rc) : rc;
	web_begin(c, 200, title, nav);
	years_form(c, action);
	return 0;
}

static void row(Ctx *c, const char *label, int64_t v)
{
	html_printf(web_out(c), "<tr><th scope=\"row\">%s</th><td class=\"num\">", label);
	web_int(c, v);
	html_raw(web_out(c), "</td></tr>");
}

static void training_row(Ctx *c, const char *label, const TrainingTotals *t)
{
	Buf *b = web_out(c);
	int64_t v[5] = {t->classes, t->trainees, t->women, t->ethnic_minority, t->jobs};
	html_printf(b, "<tr><th scope=\"row\">%s</th>", label);
	for (int i = 0; i < 5; i++) {
		html_raw(b, "<td class=\"num\">");
		web_int(c, v[i]);
		html_raw(b, "</td>");
	}
	html_raw(b, "</tr>");
}

int web_activity_totals(Ctx *c)
{
	ActivityTotals t;
	int rc = store_activity_totals_current(c->db, *c->province ? c->province : NULL,
	        (int)web_kind_int(c, "year_from", 0), (int)web_kind_int(c, "year_to", 0), &t,
	        &c->err);
	if ((rc = begin_totals(
	             c, rc, "Tổng hợp hoạt động khuyến công", "hoat-dong", "/hoat-dong/tong-hop")))
		return rc;
	Buf *b = web_out(c);
	html_raw(b,
	        "<p class=\"hint\">Các tỉnh tính theo địa giới ngày nay: một tỉnh gồm cả số "
	        "liệu của các tỉnh cũ nay thuộc tỉnh đó.</p>\n<h2>Đào tạo</h2><div "
	        "class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Loại lớp</th>"
	        "<th scope=\"col\" class=\"num\">Số lớp</th><th scope=\"col\" class=\"num\">Học "
	        "viên</th><th scope=\"col\" class=\"num\">Nữ</th><th scope=\"col\" "
	        "class=\"num\">Dân tộc thiểu số</th><th scope=\"col\" class=\"num\">Việc làm tạo "
	        "ra</th></tr></thead><tbody>");
	for (int i = 0; i < ACT_TRAIN_KINDS; i++)
		training_row(c, choice(&web_kind_training, "kind", store_activity_training_kind(i)),
		        &t.by_kind[i]);
	training_row(c, "Cộng", &t.training);
	html_raw(b, "</tbody></table></div>\n<h2>Hội chợ, tham quan, tư vấn</h2><table><tbody>");
	row(c, "Hội chợ, triển lãm", t.fairs);
	row(c, "Gian hàng", t.booths);
	row(c, "Lượt cơ sở tham gia hội chợ", t.participations);
	row(c, "Đoàn tham quan học tập", t.tours);
	row(c, "Người tham gia đoàn tham quan", t.tour_participants);
	row(c, "Dự án được tư vấn có thu", t.consulting_projects);
	html_raw(b, "<tr><th scope=\"row\">Doanh thu tư vấn (đồng)</th><td class=\"num\">");
	web_money(c, t.consulting_revenue);
	html_raw(b, "</td></tr></tbody></table>\n<h2>Thông tin, tuyên truyền (số lượng)</h2>"
	            "<table><tbody>");
	for (int i = 0; i < ACT_MEDIA_KINDS; i++)
		row(c, choice(&web_kind_media, "kind", store_activity_media_kind(i)), t.media[i]);
	html_raw(b, "</tbody></table>\n");
	web_end(c);
	return 0;
}

/* ---- Certificates by level --------------------------------------------------------------- */

int web_cert_counts(Ctx *c)
{
	CertFilter f = store_product_cert_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.year_from = (int)web_kind_int(c, "year_from", 0);
	f.year_to = (int)web_kind_int(c, "year_to", 0);
	CertCounts n;
	int rc = store_product_cert_count(c->db, &f, &n, &c->err);
	if ((rc = begin_totals(c, rc, "Số giấy chứng nhận sản phẩm tiêu biểu theo cấp", "san-pham",
	             "/chung-nhan/so-luong")))
		return rc;
	Buf *b = web_out(c);
	static const char *const levels[] = {
	        "district", "commune", "provincial", "regional", "national"};
	int64_t v[5] = {n.district, n.commune, n.provincial, n.regional, n.national};
	html_raw(b, "<table><thead><tr><th scope=\"col\">Cấp công nhận</th><th scope=\"col\" "
	            "class=\"num\">Số giấy chứng nhận</th></tr></thead><tbody>");
	for (int i = 0; i < 5; i++)
		row(c, choice(&web_kind_cert, "level", levels[i]), v[i]);
	row(c, "Cộng", n.total);
	html_raw(b, "</tbody></table>\n<p><a href=\"/chung-nhan\">Danh sách giấy chứng nhận</a>"
	            "</p>\n");
	web_end(c);
	return 0;
}
