/* api_establishment.c — /api/v1/establishments: the registry of rural
 * industrial establishments (cơ sở CNNT). The model for a resource. */
#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_establishment.h"

static const Field fields[] = {
        FIELD_I64(Establishment, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_TEXT(Establishment, name, FORMAT_PLAIN, FIELD_REQUIRED, "Tên cơ sở"),
        FIELD_TEXT(Establishment, legal_form, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại hình: sme, coop, coop_union, coop_group, household_business, "
                "craft_village, other"),
        FIELD_TEXT(Establishment, tax_code, FORMAT_PLAIN, 0, "Mã số thuế (10 hoặc 13 chữ số)"),
        FIELD_TEXT(Establishment, address, FORMAT_PLAIN, 0, "Địa chỉ như ghi trong hồ sơ"),
        FIELD_TEXT(Establishment, province_list, FORMAT_PLAIN, FIELD_REQUIRED,
                "Danh mục đơn vị hành chính của tỉnh: current hoặc legacy"),
        FIELD_TEXT(Establishment, province_code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã tỉnh"),
        FIELD_TEXT(Establishment, commune_list, FORMAT_PLAIN, 0, "Danh mục của xã"),
        FIELD_TEXT(Establishment, commune_code, FORMAT_PLAIN, 0, "Mã xã"),
        FIELD_TEXT(Establishment, sector_code, FORMAT_PLAIN, 0, "Ngành nghề (mã)"),
        FIELD_I64(Establishment, workers, -1, FORMAT_PLAIN, 0, "Số lao động"),
        FIELD_I64(Establishment, revenue, -1, FORMAT_MONEY, 0, "Doanh thu năm (đồng)"),
        FIELD_BOOL(Establishment, women_owned, 0, "Do phụ nữ làm chủ"),
        FIELD_BOOL(Establishment, ethnic_minority_labour, 0, "Sử dụng lao động dân tộc thiểu số"),
        FIELD_TEXT(Establishment, craft_village, FORMAT_PLAIN, 0, "Làng nghề"),
        FIELD_INT(Establishment, survey_year, 0, FORMAT_YEAR, 0, "Năm điều tra"),
        FIELD_TEXT(Establishment, representative, FORMAT_PLAIN, 0, "Người đại diện"),
        FIELD_TEXT(Establishment, phone, FORMAT_PLAIN, 0, "Điện thoại"),
        FIELD_INT(Establishment, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_establishment_schema =
        SCHEMA("Establishment", fields, "Cơ sở công nghiệp nông thôn");

static const char *const legal_forms[] = {"sme", "coop", "coop_union", "coop_group",
        "household_business", "craft_village", "other", NULL};

static const char *const sorts[] = {"name", "-name", "newest", "oldest", NULL};

const Param api_establishment_list_params[] = {
        API_SEARCH_PARAM,
        API_PROVINCE_PARAM,
        {"commune", PARAM_TEXT, 0, 5, NULL, "Mã xã", false},
        {"legal_form", PARAM_ENUM, 0, 0, legal_forms, "Loại hình", false},
        {"sector", PARAM_TEXT, 0, 16, NULL, "Mã ngành nghề", false},
        {"women_owned", PARAM_BOOL, 0, 1, NULL, "Chỉ cơ sở do phụ nữ làm chủ (true/false)", false},
        {"sort", PARAM_ENUM, 0, 0, sorts,
                "Thứ tự: name (theo tên, mặc định), -name, newest (mới nhập trước), oldest", false},
        API_PAGE_PARAMS,
        {NULL},
};

int api_establishment_load(Ctx *c, char province[3])
{
	Establishment *rec = arena_alloc(c->arena, sizeof *rec);
	int rc = store_establishment_get(c->db, c->id, c->arena, rec, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	return api_current_province(c, rec->province_list, rec->province_code, province);
}

int api_establishment_list(Ctx *c)
{
	EstablishmentFilter f = store_establishment_filter();
	f.q = api_text(c, "q");
	f.current_province = *c->province ? c->province : NULL;
	f.commune_code = api_text(c, "commune");
	f.legal_form = api_text(c, "legal_form");
	f.sector_code = api_text(c, "sector");
	f.women_owned = (int)api_int(c, "women_owned", -1);
	f.sort = api_text(c, "sort");
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	EstablishmentList list;
	int rc = store_establishment_list(c->db, &f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_establishment_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_establishment_get(Ctx *c)
{
	const Establishment *rec = c->rec;
	return api_record(c, 200, &api_establishment_schema, rec, rec->version);
}

int api_establishment_create(Ctx *c)
{
	Establishment in = store_establishment_blank();
	int64_t id;
	int rc = http_body_read(c, &api_establishment_schema, NULL, &in);
	if (!rc)
		rc = store_establishment_create(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = store_establishment_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc
	          : api_created(c, "/api/v1/establishments", id, &api_establishment_schema, &in,
	                    in.version);
}

int api_establishment_update(Ctx *c)
{
	Establishment in = *(const Establishment *)c->rec;
	in.version = 0;
	int rc = http_body_read(c, &api_establishment_schema, NULL, &in);
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = store_establishment_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = store_establishment_get(c->db, c->id, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_establishment_schema, &in, in.version);
}

int api_establishment_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_establishment_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}
