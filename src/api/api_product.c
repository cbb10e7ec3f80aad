/* api_product.c — products of establishments and their recognitions:
 * /api/v1/products, /api/v1/certifications (typical rural-industrial product
 * certificates) and /api/v1/products/{id}/ocop (OCOP star ratings).
 *
 * A product has no province of its own: it is its establishment's, so a
 * product is created under its establishment (POST
 * /establishments/{id}/products, scoped by that establishment) and a
 * certificate or a rating under its product; the parent a record hangs from
 * is read-only afterwards, so that an update cannot move a record into a
 * province the router did not check. */
#include <stdio.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_establishment.h"
#include "store/store_product.h"

/* ---- Schemas ---------------------------------------------------------------------------- */

static const Field product_fields[] = {
        FIELD_I64(Product, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(Product, establishment_id, 0, FORMAT_PLAIN, FIELD_READONLY,
                "Cơ sở sản xuất (số bản ghi): cơ sở của địa chỉ khi thêm, không đổi được"),
        FIELD_TEXT(Product, name, FORMAT_PLAIN, FIELD_REQUIRED, "Tên sản phẩm hoặc bộ sản phẩm"),
        FIELD_TEXT(Product, product_group, FORMAT_PLAIN, FIELD_REQUIRED,
                "Nhóm: handicraft, food, machinery, other"),
        FIELD_INT(Product, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_product_schema = SCHEMA("Product", product_fields, "Sản phẩm của cơ sở");

static const Field cert_fields[] = {
        FIELD_I64(Certification, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(Certification, product_id, 0, FORMAT_PLAIN, FIELD_READONLY,
                "Sản phẩm (số bản ghi): sản phẩm của địa chỉ khi thêm, không đổi được"),
        FIELD_TEXT(Certification, level, FORMAT_PLAIN, FIELD_REQUIRED,
                "Cấp: district (đến 2025), commune (từ 01/7/2025), provincial, regional, "
                "national"),
        FIELD_INT(Certification, year, 0, FORMAT_YEAR, FIELD_REQUIRED, "Năm bình chọn"),
        FIELD_TEXT(Certification, certificate_no, FORMAT_PLAIN, 0, "Số giấy chứng nhận"),
        FIELD_TEXT(Certification, decision_no, FORMAT_PLAIN, 0, "Số quyết định công nhận"),
        FIELD_TEXT(Certification, decision_date, FORMAT_DATE, 0, "Ngày quyết định"),
        FIELD_TEXT(Certification, valid_until, FORMAT_DATE, 0, "Có hiệu lực đến ngày"),
        FIELD_I64(Certification, score, -1, FORMAT_PLAIN, 0, "Điểm bình chọn"),
        FIELD_INT(Certification, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
        FIELD_TEXT(Certification, product_name, FORMAT_PLAIN, FIELD_READONLY, "Tên sản phẩm"),
        FIELD_TEXT(Certification, product_group, FORMAT_PLAIN, FIELD_READONLY, "Nhóm sản phẩm"),
        FIELD_I64(Certification, establishment_id, 0, FORMAT_PLAIN, FIELD_READONLY,
                "Cơ sở (số bản ghi)"),
        FIELD_TEXT(Certification, establishment_name, FORMAT_PLAIN, FIELD_READONLY, "Tên cơ sở"),
        FIELD_TEXT(Certification, province_list, FORMAT_PLAIN, FIELD_READONLY,
                "Danh mục của tỉnh của cơ sở"),
        FIELD_TEXT(Certification, province_code, FORMAT_PLAIN, FIELD_READONLY, "Mã tỉnh của cơ sở"),
};
const Schema api_cert_schema = SCHEMA(
        "Certification", cert_fields, "Giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu");

static const Field cert_count_fields[] = {
        FIELD_I64(CertCounts, district, -1, FORMAT_PLAIN, FIELD_READONLY, "Cấp huyện"),
        FIELD_I64(CertCounts, commune, -1, FORMAT_PLAIN, FIELD_READONLY, "Cấp xã"),
        FIELD_I64(CertCounts, provincial, -1, FORMAT_PLAIN, FIELD_READONLY, "Cấp tỉnh"),
        FIELD_I64(CertCounts, regional, -1, FORMAT_PLAIN, FIELD_READONLY, "Cấp khu vực"),
        FIELD_I64(CertCounts, national, -1, FORMAT_PLAIN, FIELD_READONLY, "Cấp quốc gia"),
        FIELD_I64(CertCounts, total, -1, FORMAT_PLAIN, FIELD_READONLY, "Tổng số"),
};
const Schema api_cert_counts_schema = SCHEMA(
        "CertificationCounts", cert_count_fields, "Số giấy chứng nhận sản phẩm tiêu biểu theo cấp");

static const Field ocop_fields[] = {
        FIELD_I64(OcopRating, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(OcopRating, product_id, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Sản phẩm (số bản ghi): sản phẩm của địa chỉ"),
        FIELD_INT(OcopRating, stars, 0, FORMAT_PLAIN, FIELD_REQUIRED, "Hạng sao, 1 đến 5"),
        FIELD_INT(OcopRating, year, 0, FORMAT_YEAR, FIELD_REQUIRED, "Năm xếp hạng"),
        FIELD_TEXT(OcopRating, decision_no, FORMAT_PLAIN, 0, "Số quyết định"),
        FIELD_TEXT(OcopRating, valid_until, FORMAT_DATE, 0, "Có hiệu lực đến ngày"),
        FIELD_INT(OcopRating, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_ocop_schema = SCHEMA("OcopRating", ocop_fields, "Xếp hạng OCOP của sản phẩm");

static const char *const groups[] = {"handicraft", "food", "machinery", "other", NULL};
static const char *const levels[] = {
        "district", "commune", "provincial", "regional", "national", NULL};

#define PRODUCT_GROUP_PARAM                                                                        \
	{                                                                                          \
		"product_group", PARAM_ENUM, 0, 0, groups, "Nhóm sản phẩm", false                  \
	}
#define ESTABLISHMENT_PARAM                                                                        \
	{                                                                                          \
		"establishment_id", PARAM_INT, 1, INT64_MAX, NULL, "Cơ sở (số bản ghi)", false     \
	}
#define YEAR_PARAMS                                                                                \
	{"year_from", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Từ năm bình chọn", false}, \
	{                                                                                          \
		"year_to", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Đến năm bình chọn",   \
		        false                                                                      \
	}

const Param api_product_list_params[] = {
        API_SEARCH_PARAM,
        API_PROVINCE_PARAM,
        ESTABLISHMENT_PARAM,
        PRODUCT_GROUP_PARAM,
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_cert_list_params[] = {
        API_PROVINCE_PARAM,
        {"level", PARAM_ENUM, 0, 0, levels, "Cấp công nhận", false},
        YEAR_PARAMS,
        PRODUCT_GROUP_PARAM,
        ESTABLISHMENT_PARAM,
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_cert_count_params[] = {
        API_PROVINCE_PARAM,
        YEAR_PARAMS,
        PRODUCT_GROUP_PARAM,
        ESTABLISHMENT_PARAM,
        {NULL},
};

/* ---- Products --------------------------------------------------------------------------- */

/* What the product loaders read into c->rec. */
typedef struct ProductRec {
	Product product;
	OcopRating rating; /* /products/{id}/ocop/{sub}: the rating {sub} */
} ProductRec;

int api_product_load(Ctx *c, char province[3])
{
	ProductRec *rec = arena_alloc(c->arena, sizeof *rec);
	Establishment owner;
	int rc = store_product_get(c->db, c->id, c->arena, &rec->product, &c->err);
	if (!rc)
		rc = store_establishment_get(
		        c->db, rec->product.establishment_id, c->arena, &owner, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	return api_current_province(c, owner.province_list, owner.province_code, province);
}

int api_product_list(Ctx *c)
{
	ProductFilter f = store_product_filter();
	f.q = api_text(c, "q");
	f.current_province = *c->province ? c->province : NULL;
	f.establishment_id = api_int(c, "establishment_id", -1);
	f.product_group = api_text(c, "product_group");
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	ProductList list;
	int rc = store_product_list(c->db, &f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_product_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_product_get(Ctx *c)
{
	const Product *rec = &((const ProductRec *)c->rec)->product;
	return api_record(c, 200, &api_product_schema, rec, rec->version);
}

/* POST /establishments/{id}/products: the router checked the establishment. */
int api_product_create(Ctx *c)
{
	Product in = store_product_blank();
	int64_t id;
	int rc = http_body_read(c, &api_product_schema, NULL, &in);
	in.establishment_id = c->id;
	if (!rc)
		rc = store_product_create(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = store_product_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc
	          : api_created(c, "/api/v1/products", id, &api_product_schema, &in, in.version);
}

int api_product_update(Ctx *c)
{
	Product in = ((const ProductRec *)c->rec)->product;
	in.version = 0;
	int rc = http_body_read(c, &api_product_schema, NULL, &in);
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = store_product_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = store_product_get(c->db, c->id, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_product_schema, &in, in.version);
}

int api_product_audit(Ctx *c)
{
	return api_audit_history(c, "product", NULL);
}

int api_product_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_product_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Certificates ----------------------------------------------------------------------- */

int api_cert_load(Ctx *c, char province[3])
{
	Certification *rec = arena_alloc(c->arena, sizeof *rec);
	int rc = store_product_cert_get(c->db, c->id, c->arena, rec, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	return api_current_province(c, rec->province_list, rec->province_code, province);
}

/* The filter the list and the counts share. */
static CertFilter cert_filter(const Ctx *c)
{
	CertFilter f = store_product_cert_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.level = api_text(c, "level");
	f.year_from = (int)api_int(c, "year_from", 0);
	f.year_to = (int)api_int(c, "year_to", 0);
	f.product_group = api_text(c, "product_group");
	f.establishment_id = api_int(c, "establishment_id", -1);
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	return f;
}

int api_cert_list(Ctx *c)
{
	CertFilter f = cert_filter(c);
	CertList list;
	int rc = store_product_cert_list(c->db, &f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_cert_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_cert_count(Ctx *c)
{
	CertFilter f = cert_filter(c);
	CertCounts n;
	int rc = store_product_cert_count(c->db, &f, &n, &c->err);
	return rc ? rc : api_record(c, 200, &api_cert_counts_schema, &n, 0);
}

int api_cert_get(Ctx *c)
{
	const Certification *rec = c->rec;
	return api_record(c, 200, &api_cert_schema, rec, rec->version);
}

/* POST /products/{id}/certifications: the router checked the product's province. */
int api_cert_create(Ctx *c)
{
	Certification in = store_product_cert_blank();
	int64_t id;
	int rc = http_body_read(c, &api_cert_schema, NULL, &in);
	in.product_id = c->id;
	if (!rc)
		rc = store_product_cert_create(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = store_product_cert_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc
	          : api_created(c, "/api/v1/certifications", id, &api_cert_schema, &in, in.version);
}

int api_cert_update(Ctx *c)
{
	Certification in = *(const Certification *)c->rec;
	in.version = 0;
	int rc = http_body_read(c, &api_cert_schema, NULL, &in);
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = store_product_cert_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = store_product_cert_get(c->db, c->id, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_cert_schema, &in, in.version);
}

int api_cert_audit(Ctx *c)
{
	return api_audit_history(c, "certification", NULL);
}

int api_cert_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_product_cert_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- OCOP ratings: /products/{id}/ocop[/{sub}] ----------------------------------------- */

/* Loads the product {id} for the scope and its rating {sub}. */
int api_ocop_load(Ctx *c, char province[3])
{
	int rc = api_product_load(c, province);
	if (rc)
		return rc;
	OcopRating *r = &((ProductRec *)c->rec)->rating;
	rc = store_product_ocop_get(c->db, c->sub, c->arena, r, &c->err);
	if (!rc && r->product_id != c->id)
		rc = err_set(&c->err, KC_ENOTFOUND,
		        "Sản phẩm số %lld không có xếp hạng OCOP số %lld", (long long)c->id,
		        (long long)c->sub);
	return rc;
}

int api_ocop_list(Ctx *c)
{
	OcopRating *v;
	int n;
	int rc = store_product_ocop_list(c->db, c->id, c->arena, &v, &n, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < n; i++)
		schema_write(&w, &api_ocop_schema, &v[i]);
	api_list_end(c, &w, n);
	return 0;
}

int api_ocop_get(Ctx *c)
{
	const OcopRating *rec = &((const ProductRec *)c->rec)->rating;
	return api_record(c, 200, &api_ocop_schema, rec, rec->version);
}

int api_ocop_create(Ctx *c)
{
	OcopRating in = store_product_ocop_blank();
	int64_t id;
	int rc = http_body_read(c, &api_ocop_schema, NULL, &in);
	in.product_id = c->id;
	if (!rc)
		rc = store_product_ocop_create(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = store_product_ocop_get(c->db, id, c->arena, &in, &c->err);
	if (rc)
		return rc;
	char ratings[64];
	snprintf(ratings, sizeof ratings, "/api/v1/products/%lld/ocop", (long long)c->id);
	return api_created(c, ratings, id, &api_ocop_schema, &in, in.version);
}

int api_ocop_update(Ctx *c)
{
	OcopRating in = ((const ProductRec *)c->rec)->rating;
	in.version = 0;
	int rc = http_body_read(c, &api_ocop_schema, NULL, &in);
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = store_product_ocop_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = store_product_ocop_get(c->db, c->sub, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_ocop_schema, &in, in.version);
}

int api_ocop_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_product_ocop_delete(c->db, &c->actor, c->sub, version, &c->err);
	return rc ? rc : api_no_content(c);
}
