/* api_org.c — /api/v1/organisations: the Ministry and its agency, Sở Công
 * Thương, trung tâm khuyến công, UBND tỉnh, implementing and partner units,
 * with their validity and successors.
 *
 * A body without a province (the Ministry, a national agency) is a national
 * record: everyone signed in reads it, only national users change it (the
 * router, from the loader's ""), and a province user can neither create one
 * (the router: a create needs a province) nor make one by taking the
 * province away (api_national_write). */
#include <stdio.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_org.h"

static const Field fields[] = {
        FIELD_I64(Organisation, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_TEXT(Organisation, kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại: ministry, national_agency, doit, promotion_centre, ppc, "
                "implementing_unit, partner, other"),
        FIELD_TEXT(Organisation, name, FORMAT_PLAIN, FIELD_REQUIRED, "Tên cơ quan, đơn vị"),
        FIELD_TEXT(Organisation, short_name, FORMAT_PLAIN, 0, "Tên viết tắt (\"Cục CTĐP\")"),
        FIELD_TEXT(Organisation, province_list, FORMAT_PLAIN, 0,
                "Danh mục của tỉnh: current hoặc legacy; null cho cơ quan trung ương"),
        FIELD_TEXT(Organisation, province_code, FORMAT_PLAIN, 0,
                "Mã tỉnh; null cho cơ quan trung ương"),
        FIELD_TEXT(Organisation, valid_from, FORMAT_DATE, 0, "Có hiệu lực từ ngày"),
        FIELD_TEXT(Organisation, valid_to, FORMAT_DATE, 0, "Hết hiệu lực sau ngày"),
        FIELD_I64(Organisation, successor_id, -1, FORMAT_PLAIN, 0,
                "Đơn vị kế thừa (số bản ghi), null nếu không có"),
        FIELD_INT(Organisation, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_org_schema = SCHEMA("Organisation", fields, "Cơ quan, đơn vị");

static const char *const kinds[] = {"ministry", "national_agency", "doit", "promotion_centre",
        "ppc", "implementing_unit", "partner", "other", NULL};

const Param api_org_list_params[] = {
        API_SEARCH_PARAM,
        API_PROVINCE_PARAM,
        {"kind", PARAM_ENUM, 0, 0, kinds, "Loại cơ quan, đơn vị", false},
        {"national", PARAM_BOOL, 0, 1, NULL,
                "true: chỉ cơ quan trung ương; false: chỉ đơn vị thuộc tỉnh", false},
        {"valid_on", PARAM_DATE, 0, 0, NULL, "Chỉ đơn vị có hiệu lực vào ngày này", false},
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_org_valid_on_params[] = {
        {"date", PARAM_DATE, 0, 0, NULL, "Ngày (YYYY-MM-DD)", true},
        {NULL},
};

int api_org_load(Ctx *c, char province[3])
{
	Organisation *rec = arena_alloc(c->arena, sizeof *rec);
	int rc = store_org_get(c->db, c->id, c->arena, rec, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	return api_current_province(c, rec->province_list, rec->province_code, province);
}

int api_org_list(Ctx *c)
{
	OrgFilter f = store_org_filter();
	f.q = api_text(c, "q");
	f.current_province = *c->province ? c->province : NULL;
	f.kind = api_text(c, "kind");
	f.national = (int)api_int(c, "national", -1);
	f.valid_on = api_text(c, "valid_on");
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	OrgList list;
	int rc = store_org_list(c->db, &f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_org_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_org_get(Ctx *c)
{
	const Organisation *rec = c->rec;
	return api_record(c, 200, &api_org_schema, rec, rec->version);
}

int api_org_create(Ctx *c)
{
	Organisation in = store_org_blank();
	int64_t id;
	int rc = http_body_read(c, &api_org_schema, NULL, &in);
	if (!rc)
		rc = api_national_write(c, !in.province_code);
	if (!rc)
		rc = store_org_create(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = store_org_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc
	          : api_created(c, "/api/v1/organisations", id, &api_org_schema, &in, in.version);
}

int api_org_update(Ctx *c)
{
	Organisation in = *(const Organisation *)c->rec;
	in.version = 0;
	int rc = http_body_read(c, &api_org_schema, NULL, &in);
	if (!rc)
		rc = api_national_write(c, !in.province_code);
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = store_org_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = store_org_get(c->db, c->id, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_org_schema, &in, in.version);
}

int api_org_audit(Ctx *c)
{
	return api_audit_history(c, "organisation", NULL);
}

int api_org_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_org_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}

/* The unit in force on a day that this one stands for: itself, a successor
 * if it had ended, its predecessor if it had not begun (the unit that signs
 * a report of that day). The router checked the unit asked for; the answer
 * is another record, which a successor link (the store does not restrict
 * it) may place in a province the caller does not see. */
int api_org_valid_on(Ctx *c)
{
	Date d;
	int y, m, day;
	const char *s = api_text(c, "date");
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &day) != 3 || date_from_ymd(y, m, day, &d, &c->err))
		return ctx_fail(
		        c, 400, err_field(&c->err, "date", KC_EINVAL, "Ngày '%s' không hợp lệ", s));
	int64_t id;
	Organisation out;
	char province[3];
	int rc = store_org_valid_on(c->db, c->id, d, &id, &c->err);
	if (!rc)
		rc = store_org_get(c->db, id, c->arena, &out, &c->err);
	if (!rc)
		rc = api_current_province(c, out.province_list, out.province_code, province);
	if (!rc && *province && !principal_has_province(&c->who, province))
		rc = ctx_fail(c, 403,
		        err_set(&c->err, KC_EDENIED,
		                "Đơn vị có hiệu lực ngày này thuộc tỉnh mà bạn không có quyền xem"));
	return rc ? rc : api_record(c, 200, &api_org_schema, &out, out.version);
}
