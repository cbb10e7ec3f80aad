/* web_records.c — products and their certificates, inspections and
 * organisations as pages (web_kind.h). A product is added from its
 * establishment's page and a certificate from its product's, as the API
 * adds them under their parent; the store calls and the API's own checks
 * (api_inspection_project_rights, api_national_write) are the API's. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_org.h"
#include "store/store_product.h"
#include "store/store_project_extra.h"
#include "web/web_kind.h"
#include "web/web_routes.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const groups[] = {"handicraft", "Thủ công mỹ nghệ", "food",
        "Chế biến nông lâm thủy sản và thực phẩm", "machinery", "Thiết bị, máy móc cơ khí", "other",
        "Khác"};
static const char *const group_values[] = {"handicraft", "food", "machinery", "other", NULL};
static const char *const levels[] = {"district", "Cấp huyện", "commune", "Cấp xã", "provincial",
        "Cấp tỉnh", "regional", "Cấp khu vực", "national", "Cấp quốc gia"};
static const char *const level_values[] = {
        "district", "commune", "provincial", "regional", "national", NULL};
static const char *const org_kinds[] = {"ministry", "Bộ Công Thương", "national_agency",
        "Cục (cơ quan trung ương)", "doit", "Sở Công Thương", "promotion_centre",
        "Trung tâm khuyến công", "ppc", "UBND tỉnh", "implementing_unit", "Đơn vị thực hiện",
        "partner", "Đơn vị phối hợp", "other", "Khác"};
static const char *const org_kind_values[] = {"ministry", "national_agency", "doit",
        "promotion_centre", "ppc", "implementing_unit", "partner", "other", NULL};

#define ESTABLISHMENT_PARAM                                                                        \
	{                                                                                          \
		"establishment", PARAM_INT, 1, INT64_MAX, NULL, "Cơ sở (số)", false                \
	}
#define GROUP_PARAM                                                                                \
	{                                                                                          \
		"group", PARAM_ENUM, 0, 0, group_values, "Nhóm sản phẩm", false                    \
	}

const Param web_product_list_params[] = {
        WEB_KIND_LIST_PARAMS, ESTABLISHMENT_PARAM, GROUP_PARAM, {NULL}};
const Param web_cert_list_params[] = {WEB_KIND_LIST_PARAMS, ESTABLISHMENT_PARAM, GROUP_PARAM,
        {"level", PARAM_ENUM, 0, 0, level_values, "Cấp công nhận", false},
        {"year", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Năm bình chọn", false}, {NULL}};
const Param web_inspection_list_params[] = {WEB_KIND_LIST_PARAMS,
        {"project", PARAM_INT, 1, INT64_MAX, NULL, "Đề án (số)", false},
        {"year", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Năm kiểm tra", false}, {NULL}};
const Param web_org_list_params[] = {WEB_KIND_LIST_PARAMS,
        {"kind", PARAM_ENUM, 0, 0, org_kind_values, "Loại cơ quan, đơn vị", false}, {NULL}};

/* ---- Products ------------------------------------------------------------------------------ */

static void product_blank(const WebKind *k, void *out)
{
	(void)k;
	*(Product *)out = store_product_blank();
}

static int product_get(Ctx *c, const WebKind *k, int64_t id, void *out)
{
	(void)k;
	return store_product_get(c->db, id, c->arena, out, &c->err);
}

static int product_list(Ctx *c, const WebKind *k, int limit, int offset, WebRows *out)
{
	(void)k;
	ProductFilter f = store_product_filter();
	f.q = web_kind_text(c, "q");
	f.current_province = web_kind_province(c);
	f.establishment_id = web_kind_int(c, "establishment", -1);
	f.product_group = web_kind_text(c, "group");
	f.limit = limit;
	f.offset = offset;
	ProductList l = {0};
	int rc = store_product_list(c->db, &f, c->arena, &l, &c->err);
	*out = (WebRows){l.v, l.n, l.total};
	return rc;
}

static int product_create(Ctx *c, const WebKind *k, void *in, int64_t *id)
{
	(void)k;
	return store_product_create(c->db, &c->actor, in, id, &c->err);
}

static int product_update(Ctx *c, const WebKind *k, void *in)
{
	(void)k;
	return store_product_update(c->db, &c->actor, in, &c->err);
}

static int product_remove(Ctx *c, const WebKind *k, const void *rec)
{
	(void)k;
	const Product *p = rec;
	return store_product_delete(c->db, &c->actor, p->id, p->version, &c->err);
}

/* The product's certificates (those of its establishment that name it) and
 * OCOP ratings. */
static int product_related(Ctx *c, const WebKind *k, const void *rec)
{
	(void)k;
	const Product *p = rec;
	CertFilter f = store_product_cert_filter();
	f.establishment_id = p->establishment_id;
	f.limit = 500;
	CertList certs;
	int rc = store_product_cert_list(c->db, &f, c->arena, &certs, &c->err);
	if (rc)
		return rc;
	Buf *b = web_out(c);
	html_raw(b, "<section aria-labelledby=\"gcn-h\"><h2 id=\"gcn-h\">Giấy chứng nhận sản phẩm "
	            "tiêu biểu</h2><table><thead><tr><th scope=\"col\">Năm</th>"
	            "<th scope=\"col\">Cấp</th><th scope=\"col\">Số giấy chứng nhận</th>"
	            "<th scope=\"col\">Quyết định</th></tr></thead><tbody>");
	int shown = 0;
	for (int i = 0; i < certs.n; i++) {
		const Certification *x = &certs.v[i];
		if (x->product_id != p->id)
			continue;
		shown++;
		const char *level = x->level;
		for (int j = 0; j < 5; j++)
			if (!strcmp(levels[2 * j], x->level))
				level = levels[2 * j + 1];
		html_printf(b,
		        "<tr><td><a href=\"/chung-nhan/%lld\">%d</a></td><td>%s</td><td>%s</td>"
		        "<td>%s</td></tr>",
		        (long long)x->id, x->year, level,
		        x->certificate_no ? x->certificate_no : "—",
		        x->decision_no ? x->decision_no : "—");
	}
	if (!shown)
		html_raw(b, "<tr><td colspan=\"4\">Chưa có giấy chứng nhận.</td></tr>");
	html_raw(b, "</tbody></table>");
	if (ctx_can(c, ROLE_STAFF))
		html_printf(b,
		        "<p><a class=\"button\" href=\"/san-pham/%lld/chung-nhan/moi\">Thêm giấy "
		        "chứng nhận</a></p>",
		        (long long)p->id);
	html_raw(b, "</section>\n");
	return web_ocop_section(c, p);
}

static const WebField product_fields[] = {
        {"name", "Tên sản phẩm", WW_TEXT, WF_LIST | WF_TITLE | WF_SEARCH | WF_REQUIRED},
        {"product_group", "Nhóm sản phẩm", WW_CHOICE, WF_LIST | WF_REQUIRED, groups, 4},
        {"establishment_id", "Cơ sở sản xuất", WW_ESTABLISHMENT, WF_LIST | WF_FIXED},
};
static const WebField product_filters[] = {{"q", "Tìm theo tên sản phẩm", WW_TEXT},
        {"province", "Tỉnh", WW_PROVINCE}, {"group", "Nhóm sản phẩm", WW_CHOICE, 0, groups, 4},
        {"establishment", "Cơ sở (số)", WW_ESTABLISHMENT}};

const WebKind web_kind_product = {
        .path = "/san-pham",
        .nav = "san-pham",
        .group = "Sản phẩm",
        .tab = "Sản phẩm",
        .title = "Sản phẩm của cơ sở",
        .one = "Sản phẩm",
        .add = "Thêm sản phẩm",
        .edit = "Sửa sản phẩm",
        .empty = "Không có sản phẩm nào khớp với điều kiện lọc. Thêm sản phẩm từ trang của "
                 "cơ sở.",
        .file = "san-pham",
        .export_title = "DANH SÁCH SẢN PHẨM CỦA CƠ SỞ CÔNG NGHIỆP NÔNG THÔN",
        .schema = &api_product_schema,
        .size = sizeof(Product),
        .fields = product_fields,
        .n_fields = COUNT(product_fields),
        .filters = product_filters,
        .n_filters = COUNT(product_filters),
        .create_under = "/co-so/{id}/san-pham",
        .parent_field = "establishment_id",
        .parent = WW_ESTABLISHMENT,
        .store_search = true,
        .blank = product_blank,
        .get = product_get,
        .list = product_list,
        .create = product_create,
        .update = product_update,
        .remove = product_remove,
        .related = product_related,
        .audit = "product",
};

/* ---- Certificates ------------------------------------------------------------------------- */

static void cert_blank(const WebKind *k, void *out)
{
	(void)k;
	*(Certification *)out = store_product_cert_blank();
}

static int cert_get(Ctx *c, const WebKind *k, int64_t id, void *out)
{
	(void)k;
	return store_product_cert_get(c->db, id, c->arena, out, &c->err);
}

static int cert_list(Ctx *c, const WebKind *k, int limit, int offset, WebRows *out)
{
	(void)k;
	CertFilter f = store_product_cert_filter();
	f.current_province = web_kind_province(c);
	f.level = web_kind_text(c, "level");
	f.year_from = f.year_to = (int)web_kind_int(c, "year", 0);
	f.product_group = web_kind_text(c, "group");
	f.establishment_id = web_kind_int(c, "establishment", -1);
	f.limit = limit;
	f.offset = offset;
	CertList l = {0};
	int rc = store_product_cert_list(c->db, &f, c->arena, &l, &c->err);
	*out = (WebRows){l.v, l.n, l.total};
	return rc;
}

static int cert_create(Ctx *c, const WebKind *k, void *in, int64_t *id)
{
	(void)k;
	return store_product_cert_create(c->db, &c->actor, in, id, &c->err);
}

static int cert_update(Ctx *c, const WebKind *k, void *in)
{
	(void)k;
	return store_product_cert_update(c->db, &c->actor, in, &c->err);
}

static int cert_remove(Ctx *c, const WebKind *k, const void *rec)
{
	(void)k;
	const Certification *x = rec;
	return store_product_cert_delete(c->db, &c->actor, x->id, x->version, &c->err);
}

static const WebField cert_fields[] = {
        {"product_name", "Sản phẩm", WW_TEXT, WF_LIST | WF_FIXED | WF_SEARCH, .link = "/san-pham",
                .link_id = "product_id"},
        {"establishment_name", "Cơ sở", WW_TEXT, WF_LIST | WF_FIXED | WF_SEARCH, .link = "/co-so",
                .link_id = "establishment_id"},
        {"province_code", "Tỉnh", WW_PROVINCE, WF_LIST | WF_FIXED},
        {"level", "Cấp công nhận", WW_CHOICE, WF_LIST | WF_REQUIRED, levels, 5,
                .hint = "Cấp huyện đến 30/6/2025; cấp xã từ 01/7/2025"},
        {"year", "Năm bình chọn", WW_YEAR, WF_LIST | WF_REQUIRED},
        {"certificate_no", "Số giấy chứng nhận", WW_TEXT, WF_LIST | WF_SEARCH},
        {"decision_no", "Số quyết định công nhận", WW_TEXT, WF_SEARCH},
        {"decision_date", "Ngày quyết định", WW_DATE},
        {"valid_until", "Có hiệu lực đến ngày", WW_DATE},
        {"score", "Điểm bình chọn", WW_INT},
};
static const WebField cert_filters[] = {{"q", "Tìm theo sản phẩm, cơ sở, số", WW_TEXT},
        {"province", "Tỉnh", WW_PROVINCE}, {"year", "Năm bình chọn", WW_YEAR},
        {"level", "Cấp công nhận", WW_CHOICE, 0, levels, 5},
        {"group", "Nhóm sản phẩm", WW_CHOICE, 0, groups, 4},
        {"establishment", "Cơ sở (số)", WW_ESTABLISHMENT}};

const WebKind web_kind_cert = {
        .path = "/chung-nhan",
        .nav = "san-pham",
        .group = "Sản phẩm",
        .tab = "Sản phẩm tiêu biểu",
        .title = "Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu",
        .one = "Giấy chứng nhận",
        .add = "Thêm giấy chứng nhận",
        .edit = "Sửa giấy chứng nhận",
        .empty = "Không có giấy chứng nhận nào khớp với điều kiện lọc. Thêm giấy chứng nhận "
                 "từ trang của sản phẩm.",
        .file = "san-pham-tieu-bieu",
        .export_title = "DANH SÁCH SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU",
        .schema = &api_cert_schema,
        .size = sizeof(Certification),
        .fields = cert_fields,
        .n_fields = COUNT(cert_fields),
        .filters = cert_filters,
        .n_filters = COUNT(cert_filters),
        .create_under = "/san-pham/{id}/chung-nhan",
        .parent_field = "product_id",
        .parent = WW_PRODUCT,
        .blank = cert_blank,
        .get = cert_get,
        .list = cert_list,
        .create = cert_create,
        .update = cert_update,
        .remove = cert_remove,
        .links = {{"/chung-nhan/so-luong", "Số lượng theo cấp", ROLE_VIEWER}},
        .audit = "certification",
};

/* ---- Inspections -------------------------------------------------------------------------- */

static void inspection_blank(const WebKind *k, void *out)
{
	(void)k;
	*(Inspection *)out = store_inspection_blank();
}

static int inspection_get(Ctx *c, const WebKind *k, int64_t id, void *out)
{
	(void)k;
	return store_inspection_get(c->db, id, c->arena, out, &c->err);
}

static int inspection_list(Ctx *c, const WebKind *k, int limit, int offset, WebRows *out)
{
	(void)k;
	InspectionFilter f = store_inspection_filter();
	f.current_province = web_kind_province(c);
	f.project_id = web_kind_int(c, "project", -1);
	f.year = (int)web_kind_int(c, "year", 0);
	f.limit = limit;
	f.offset = offset;
	InspectionList l = {0};
	int rc = store_inspection_list(c->db, &f, c->arena, &l, &c->err);
	*out = (WebRows){l.v, l.n, l.total};
	return rc;
}

static int inspection_create(Ctx *c, const WebKind *k, void *in, int64_t *id)
{
	(void)k;
	const Inspection *x = in;
	int rc = api_inspection_project_rights(c, x->project_id);
	return rc ? rc : store_inspection_add(c->db, &c->actor, x, id, &c->err);
}

static int inspection_update(Ctx *c, const WebKind *k, void *in)
{
	(void)k;
	const Inspection *x = in;
	int rc = api_inspection_project_rights(c, x->project_id);
	return rc ? rc : store_inspection_update(c->db, &c->actor, x, &c->err);
}

static int inspection_remove(Ctx *c, const WebKind *k, const void *rec)
{
	(void)k;
	return store_inspection_delete(c->db, &c->actor, ((const Inspection *)rec)->id, &c->err);
}

static const WebField inspection_fields[] = {
        {"inspected_on", "Ngày kiểm tra", WW_DATE, WF_LIST | WF_REQUIRED},
        {"project_id", "Đề án được kiểm tra", WW_PROJECT, WF_LIST | WF_SEARCH,
                .hint = "Số của đề án; để trống khi kiểm tra chung hoạt động khuyến công"},
        {"province_code", "Tỉnh", WW_PROVINCE, WF_LIST | WF_REQUIRED},
        {"inspector", "Người kiểm tra", WW_TEXT, WF_LIST | WF_SEARCH},
        {"org_id", "Cơ quan kiểm tra", WW_ORG, 0, .hint = "Số của cơ quan, đơn vị"},
        {"result", "Kết quả", WW_NOTE, WF_SEARCH},
        {"note", "Ghi chú", WW_NOTE, WF_SEARCH},
};
static const WebField inspection_filters[] = {{"q", "Tìm theo người kiểm tra, kết quả", WW_TEXT},
        {"province", "Tỉnh", WW_PROVINCE}, {"year", "Năm kiểm tra", WW_YEAR},
        {"project", "Đề án (số)", WW_PROJECT}};

const WebKind web_kind_inspection = {
        .path = "/kiem-tra",
        .nav = "kiem-tra",
        .title = "Kiểm tra, giám sát",
        .one = "Đợt kiểm tra",
        .add = "Thêm đợt kiểm tra",
        .edit = "Sửa đợt kiểm tra",
        .empty = "Không có đợt kiểm tra nào khớp với điều kiện lọc.",
        .file = "kiem-tra-giam-sat",
        .export_title = "DANH SÁCH ĐỢT KIỂM TRA, GIÁM SÁT",
        .schema = &api_inspection_schema,
        .size = sizeof(Inspection),
        .fields = inspection_fields,
        .n_fields = COUNT(inspection_fields),
        .filters = inspection_filters,
        .n_filters = COUNT(inspection_filters),
        .blank = inspection_blank,
        .get = inspection_get,
        .list = inspection_list,
        .create = inspection_create,
        .update = inspection_update,
        .remove = inspection_remove,
};

/* ---- Organisations ------------------------------------------------------------------------ */

static void org_blank(const WebKind *k, void *out)
{
	(void)k;
	*(Organisation *)out = store_org_blank();
}

static int org_get(Ctx *c, const WebKind *k, int64_t id, void *out)
{
	(void)k;
	return store_org_get(c->db, id, c->arena, out, &c->err);
}

static int org_list(Ctx *c, const WebKind *k, int limit, int offset, WebRows *out)
{
	(void)k;
	OrgFilter f = store_org_filter();
	f.q = web_kind_text(c, "q");
	f.current_province = web_kind_province(c);
	f.kind = web_kind_text(c, "kind");
	f.limit = limit;
	f.offset = offset;
	OrgList l = {0};
	int rc = store_org_list(c->db, &f, c->arena, &l, &c->err);
	*out = (WebRows){l.v, l.n, l.total};
	return rc;
}

static int org_create(Ctx *c, const WebKind *k, void *in, int64_t *id)
{
	(void)k;
	const Organisation *x = in;
	int rc = api_national_write(c, !x->province_code);
	return rc ? rc : store_org_create(c->db, &c->actor, x, id, &c->err);
}

static int org_update(Ctx *c, const WebKind *k, void *in)
{
	(void)k;
	const Organisation *x = in;
	int rc = api_national_write(c, !x->province_code);
	return rc ? rc : store_org_update(c->db, &c->actor, x, &c->err);
}

static int org_remove(Ctx *c, const WebKind *k, const void *rec)
{
	(void)k;
	const Organisation *x = rec;
	return store_org_delete(c->db, &c->actor, x->id, x->version, &c->err);
}

static const WebField org_fields[] = {
        {"name", "Tên cơ quan, đơn vị", WW_TEXT, WF_LIST | WF_TITLE | WF_SEARCH | WF_REQUIRED},
        {"short_name", "Tên viết tắt", WW_TEXT, WF_LIST | WF_SEARCH},
        {"kind", "Loại", WW_CHOICE, WF_LIST | WF_REQUIRED, org_kinds, 8},
        {"province_code", "Tỉnh", WW_PROVINCE, WF_LIST, .hint = "Để trống cho cơ quan trung ương"},
        {"valid_from", "Có hiệu lực từ ngày", WW_DATE},
        {"valid_to", "Hết hiệu lực sau ngày", WW_DATE},
        {"successor_id", "Đơn vị kế thừa", WW_ORG, 0, .hint = "Số của đơn vị kế thừa, nếu có"},
};
static const WebField org_filters[] = {{"q", "Tìm theo tên, tên viết tắt", WW_TEXT},
        {"province", "Tỉnh", WW_PROVINCE}, {"kind", "Loại", WW_CHOICE, 0, org_kinds, 8}};

const WebKind web_kind_org = {
        .path = "/co-quan",
        .nav = "co-quan",
        .title = "Cơ quan, đơn vị",
        .one = "Cơ quan, đơn vị",
        .add = "Thêm cơ quan, đơn vị",
        .edit = "Sửa cơ quan, đơn vị",
        .empty = "Không có cơ quan, đơn vị nào khớp với điều kiện lọc.",
        .file = "co-quan-don-vi",
        .export_title = "DANH SÁCH CƠ QUAN, ĐƠN VỊ",
        .schema = &api_org_schema,
        .size = sizeof(Organisation),
        .fields = org_fields,
        .n_fields = COUNT(org_fields),
        .filters = org_filters,
        .n_filters = COUNT(org_filters),
        .store_search = true,
        .blank = org_blank,
        .get = org_get,
        .list = org_list,
        .create = org_create,
        .update = org_update,
        .remove = org_remove,
        .related = web_org_related,
        .audit = "organisation",
};
