/* api_reference.c — /api/v1/reference/...: the reference tables (legal
 * instruments, activity contents, indicators, sectors, funding sources,
 * support rules, adjustment rules, period rules). Everyone signed in reads
 * them; only admins change them (ROUTE_ADMIN_RW). One set of handlers serves
 * the eight tables: each route's collection path picks its table below, and
 * the store's descriptor does the rest (store_reference.h). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_reference.h"

#define VERSION_FIELD(T)                                                                           \
	FIELD_INT(T, version, 0, FORMAT_PLAIN, 0,                                                  \
	        "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)")

static const Field instrument_fields[] = {
        FIELD_TEXT(LegalInstrument, code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã văn bản: ND45_2012"),
        FIELD_TEXT(LegalInstrument, kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại: Nghị định, Thông tư, Quyết định, Nghị quyết ..."),
        FIELD_TEXT(LegalInstrument, number, FORMAT_PLAIN, FIELD_REQUIRED, "Số, ký hiệu"),
        FIELD_TEXT(LegalInstrument, issuer, FORMAT_PLAIN, 0, "Cơ quan ban hành"),
        FIELD_TEXT(LegalInstrument, title, FORMAT_PLAIN, FIELD_REQUIRED, "Trích yếu"),
        FIELD_TEXT(LegalInstrument, signed_on, FORMAT_DATE, 0, "Ngày ký"),
        FIELD_TEXT(LegalInstrument, effective_from, FORMAT_DATE, 0, "Ngày có hiệu lực"),
        FIELD_TEXT(LegalInstrument, effective_to, FORMAT_DATE, 0, "Ngày hết hiệu lực"),
        FIELD_TEXT(LegalInstrument, replaced_by, FORMAT_PLAIN, 0, "Mã văn bản thay thế"),
        FIELD_TEXT(LegalInstrument, source_tag, FORMAT_PLAIN, 0, "Nguồn (DOMAIN.md)"),
        FIELD_BOOL(LegalInstrument, unsure, 0, "Chưa đối chiếu văn bản gốc"),
        VERSION_FIELD(LegalInstrument),
};
const Schema api_instrument_schema =
        SCHEMA("LegalInstrument", instrument_fields, "Văn bản pháp lý");

static const Field content_fields[] = {
        FIELD_TEXT(ActivityContent, code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã nội dung"),
        FIELD_TEXT(ActivityContent, scheme, FORMAT_PLAIN, FIELD_REQUIRED,
                "Hệ thống danh mục: nd45, qd1881, qd2646"),
        FIELD_I64(ActivityContent, position, -1, FORMAT_PLAIN, FIELD_REQUIRED, "Thứ tự"),
        FIELD_TEXT(ActivityContent, label_vi, FORMAT_PLAIN, FIELD_REQUIRED, "Tên nội dung"),
        FIELD_TEXT(ActivityContent, label_en, FORMAT_PLAIN, 0, "Tên tiếng Anh"),
        FIELD_TEXT(ActivityContent, instrument_code, FORMAT_PLAIN, 0, "Văn bản căn cứ (mã)"),
        FIELD_TEXT(ActivityContent, valid_from, FORMAT_DATE, 0, "Áp dụng từ ngày"),
        FIELD_TEXT(ActivityContent, valid_to, FORMAT_DATE, 0, "Áp dụng đến ngày"),
        VERSION_FIELD(ActivityContent),
};
const Schema api_content_schema =
        SCHEMA("ActivityContent", content_fields, "Nội dung hoạt động khuyến công");

static const Field indicator_fields[] = {
        FIELD_TEXT(Indicator, code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã chỉ tiêu"),
        FIELD_TEXT(Indicator, label_vi, FORMAT_PLAIN, FIELD_REQUIRED, "Tên chỉ tiêu"),
        FIELD_TEXT(Indicator, unit_vi, FORMAT_PLAIN, FIELD_REQUIRED, "Đơn vị tính"),
        FIELD_TEXT(Indicator, value_kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại giá trị: count, money, percent_x100, ratio_x100"),
        FIELD_TEXT(Indicator, activity_code, FORMAT_PLAIN, 0, "Nội dung hoạt động (mã)"),
        FIELD_TEXT(Indicator, source, FORMAT_PLAIN, FIELD_REQUIRED,
                "Nguồn số liệu: records (tính từ hồ sơ), aggregate (nhập tổng hợp), both"),
        FIELD_I64(Indicator, position, -1, FORMAT_PLAIN, FIELD_REQUIRED, "Thứ tự trong báo cáo"),
        VERSION_FIELD(Indicator),
};
const Schema api_indicator_schema = SCHEMA("Indicator", indicator_fields, "Chỉ tiêu báo cáo");

static const Field sector_fields[] = {
        FIELD_TEXT(Sector, code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã ngành nghề"),
        FIELD_TEXT(Sector, label_vi, FORMAT_PLAIN, FIELD_REQUIRED, "Tên ngành nghề"),
        FIELD_TEXT(Sector, instrument_code, FORMAT_PLAIN, 0, "Văn bản căn cứ (mã)"),
        FIELD_TEXT(Sector, valid_from, FORMAT_DATE, 0, "Áp dụng từ ngày"),
        FIELD_TEXT(Sector, valid_to, FORMAT_DATE, 0, "Áp dụng đến ngày"),
        VERSION_FIELD(Sector),
};
const Schema api_sector_schema =
        SCHEMA("Sector", sector_fields, "Ngành nghề được hưởng khuyến công");

static const Field funding_fields[] = {
        FIELD_TEXT(FundingSource, code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã nguồn kinh phí"),
        FIELD_TEXT(FundingSource, label_vi, FORMAT_PLAIN, FIELD_REQUIRED, "Tên nguồn kinh phí"),
        FIELD_BOOL(FundingSource, is_state, 0, "Ngân sách nhà nước"),
        FIELD_I64(FundingSource, position, -1, FORMAT_PLAIN, FIELD_REQUIRED, "Thứ tự"),
        VERSION_FIELD(FundingSource),
};
const Schema api_funding_source_schema = SCHEMA("FundingSource", funding_fields, "Nguồn kinh phí");

static const Field support_fields[] = {
        FIELD_I64(SupportRule, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số quy định"),
        FIELD_TEXT(
                SupportRule, instrument_code, FORMAT_PLAIN, FIELD_REQUIRED, "Văn bản căn cứ (mã)"),
        FIELD_TEXT(SupportRule, clause, FORMAT_PLAIN, 0, "Điều, khoản"),
        FIELD_TEXT(SupportRule, program_level, FORMAT_PLAIN, 0,
                "Cấp chương trình: national, local; null cho cả hai"),
        FIELD_TEXT(SupportRule, province_list, FORMAT_PLAIN, 0,
                "Danh mục tỉnh của nghị quyết tỉnh: legacy, current"),
        FIELD_TEXT(SupportRule, province_code, FORMAT_PLAIN, 0, "Mã tỉnh của nghị quyết tỉnh"),
        FIELD_TEXT(SupportRule, activity_code, FORMAT_PLAIN, 0, "Nội dung hoạt động (mã)"),
        FIELD_TEXT(SupportRule, cost_item, FORMAT_PLAIN, FIELD_REQUIRED,
                "Khoản chi: demo_model, machinery, technology_line ..."),
        FIELD_TEXT(SupportRule, label_vi, FORMAT_PLAIN, FIELD_REQUIRED, "Tên quy định"),
        FIELD_I64(SupportRule, rate_x100, -1, FORMAT_PLAIN, 0,
                "Tỷ lệ hỗ trợ tối đa × 100 (5000 = 50 %); null: không giới hạn tỷ lệ"),
        FIELD_I64(SupportRule, cap_dong, -1, FORMAT_MONEY, 0,
                "Mức hỗ trợ tối đa (đồng); null: không có hoặc tính theo quy định gốc"),
        FIELD_TEXT(SupportRule, cap_per, FORMAT_PLAIN, 0,
                "Mức tối đa cho mỗi: model, establishment, cluster, enterprise, person, event"),
        FIELD_I64(SupportRule, base_rule_id, -1, FORMAT_PLAIN, 0, "Quy định gốc của mức trần"),
        FIELD_I64(SupportRule, multiplier_x100, -1, FORMAT_PLAIN, 0,
                "Hệ số × 100 nhân với mức trần của quy định gốc (150 = 1,5 lần)"),
        FIELD_TEXT(SupportRule, valid_from, FORMAT_DATE, 0, "Áp dụng từ ngày"),
        FIELD_TEXT(SupportRule, valid_to, FORMAT_DATE, 0, "Áp dụng đến ngày"),
        FIELD_TEXT(SupportRule, source_tag, FORMAT_PLAIN, 0, "Nguồn (DOMAIN.md)"),
        VERSION_FIELD(SupportRule),
};
const Schema api_support_rule_schema =
        SCHEMA("SupportRule", support_fields, "Quy định mức hỗ trợ, mức trần");

static const Field adjustment_fields[] = {
        FIELD_I64(AdjustmentRule, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số quy tắc"),
        FIELD_TEXT(AdjustmentRule, kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại điều chỉnh: increase_support, change_content, ..."),
        FIELD_TEXT(AdjustmentRule, program_level, FORMAT_PLAIN, FIELD_REQUIRED,
                "Cấp chương trình: national, local"),
        FIELD_TEXT(AdjustmentRule, approver, FORMAT_PLAIN, FIELD_REQUIRED,
                "Cấp phê duyệt: ministry, agency, ppc, doit"),
        FIELD_TEXT(AdjustmentRule, instrument_code, FORMAT_PLAIN, 0, "Văn bản căn cứ (mã)"),
        FIELD_TEXT(AdjustmentRule, valid_from, FORMAT_DATE, 0, "Áp dụng từ ngày"),
        FIELD_TEXT(AdjustmentRule, valid_to, FORMAT_DATE, 0, "Áp dụng đến ngày"),
        VERSION_FIELD(AdjustmentRule),
};
const Schema api_adjustment_rule_schema =
        SCHEMA("AdjustmentRule", adjustment_fields, "Quy tắc cấp phê duyệt điều chỉnh đề án");

static const Field period_fields[] = {
        FIELD_I64(PeriodRule, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số quy tắc"),
        FIELD_TEXT(PeriodRule, name, FORMAT_PLAIN, FIELD_REQUIRED, "Tên quy tắc"),
        FIELD_I64(PeriodRule, cutoff_day, -1, FORMAT_PLAIN, FIELD_REQUIRED,
                "Ngày chốt số liệu: 0 theo tháng dương lịch, 2..28 từ ngày đó tháng trước"),
        FIELD_TEXT(PeriodRule, instrument_code, FORMAT_PLAIN, 0, "Văn bản căn cứ (mã)"),
        FIELD_BOOL(PeriodRule, is_default, 0,
                "Quy tắc mặc định (đặt cho quy tắc này thì bỏ ở quy tắc cũ)"),
        VERSION_FIELD(PeriodRule),
};
const Schema api_period_rule_schema =
        SCHEMA("PeriodRule", period_fields, "Quy tắc ngày của kỳ báo cáo");

/* Which table a route's collection path names. */
typedef struct RefResource {
	const char *collection;
	const RefTable *table;
	const Schema *schema;
} RefResource;

static const RefResource resources[] = {
        {"/api/v1/reference/instruments", &store_ref_instruments, &api_instrument_schema},
        {"/api/v1/reference/activity-contents", &store_ref_contents, &api_content_schema},
        {"/api/v1/reference/indicators", &store_ref_indicators, &api_indicator_schema},
        {"/api/v1/reference/sectors", &store_ref_sectors, &api_sector_schema},
        {"/api/v1/reference/funding-sources", &store_ref_funding_sources,
                &api_funding_source_schema},
        {"/api/v1/reference/support-rules", &store_ref_support_rules, &api_support_rule_schema},
        {"/api/v1/reference/adjustment-rules", &store_ref_adjustment_rules,
                &api_adjustment_rule_schema},
        {"/api/v1/reference/period-rules", &store_ref_period_rules, &api_period_rule_schema},
};

const Param api_reference_list_params[] = {
        {"q", PARAM_TEXT, 0, 200, NULL, "Tìm trong mã và các trường chữ, không phân biệt dấu",
                false},
        API_PAGE_PARAMS,
        {NULL},
};

/* The resource of the route: the collection its pattern starts with. */
static const RefResource *resource(const Ctx *c)
{
	const char *p = c->route->pattern;
	for (size_t i = 0; i < sizeof resources / sizeof resources[0]; i++) {
		size_t n = strlen(resources[i].collection);
		if (!strncmp(p, resources[i].collection, n) && (p[n] == '\0' || p[n] == '/'))
			return &resources[i];
	}
	return NULL;
}

static int *version_of(const RefTable *t, void *rec)
{
	return (int *)((char *)rec + t->version_off);
}

/* The resource, or a 500: a route row whose path names no table. */
static int find(Ctx *c, const RefResource **out)
{
	*out = resource(c);
	return *out ? 0
	            : err_set(&c->err, KC_EIO, "no reference table for '%s'", c->route->pattern);
}

int api_reference_list(Ctx *c)
{
	const RefResource *r;
	int rc = find(c, &r);
	if (rc)
		return rc;
	RefFilter f = {.q = api_text(c, "q"), .limit = api_limit(c), .offset = api_offset(c)};
	RefList list;
	if ((rc = store_ref_list(c->db, r->table, &f, c->arena, &list, &c->err)))
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, r->schema, store_ref_at(r->table, &list, i));
	api_list_end(c, &w, list.total);
	return 0;
}

/* Reads the row of the path's {key} into a new record. */
static int load(Ctx *c, const RefResource *r, void **rec)
{
	*rec = arena_alloc(c->arena, r->table->size);
	return store_ref_get(c->db, r->table, c->key, c->arena, *rec, &c->err);
}

int api_reference_get(Ctx *c)
{
	const RefResource *r;
	void *rec;
	int rc = find(c, &r);
	if (!rc)
		rc = load(c, r, &rec);
	return rc ? rc : api_record(c, 200, r->schema, rec, *version_of(r->table, rec));
}

/* Answers the row key as it is now, with its ETag. */
static int answer(Ctx *c, const RefResource *r, const char *key, int status)
{
	void *rec = arena_alloc(c->arena, r->table->size);
	int rc = store_ref_get(c->db, r->table, key, c->arena, rec, &c->err);
	if (rc)
		return rc;
	if (status != 201)
		return api_record(c, status, r->schema, rec, *version_of(r->table, rec));
	size_t n = strlen(r->collection) + REF_KEY_LEN + 2;
	char *loc = arena_alloc(c->arena, n);
	snprintf(loc, n, "%s/%s", r->collection, key);
	http_res_header(c->res, "Location", loc);
	return api_record(c, 201, r->schema, rec, *version_of(r->table, rec));
}

int api_reference_create(Ctx *c)
{
	const RefResource *r;
	char key[REF_KEY_LEN];
	int rc = find(c, &r);
	if (rc)
		return rc;
	void *rec = arena_alloc(c->arena, r->table->size);
	store_ref_blank(r->table, rec);
	if ((rc = http_body_read(c, r->schema, NULL, rec)) ||
	        (rc = store_ref_create(c->db, &c->actor, r->table, rec, key, &c->err)))
		return rc;
	return answer(c, r, key, 201);
}

int api_reference_update(Ctx *c)
{
	const RefResource *r;
	void *rec;
	char before[REF_KEY_LEN], after[REF_KEY_LEN];
	int rc = find(c, &r);
	if (rc || (rc = load(c, r, &rec)))
		return rc;
	store_ref_key(r->table, rec, before);
	*version_of(r->table, rec) = 0;
	if ((rc = http_body_read(c, r->schema, NULL, rec)))
		return rc;
	store_ref_key(r->table, rec, after);
	if (strcmp(before, after))
		return ctx_fail(c, 400,
		        err_field(&c->err, r->table->cols[0].name, KC_EINVAL,
		                "Mã của bản ghi không đổi được; hãy thêm bản ghi mới với mã mới"));
	if ((rc = api_version(c, *version_of(r->table, rec), version_of(r->table, rec))) ||
	        (rc = store_ref_update(c->db, &c->actor, r->table, rec, &c->err)))
		return rc;
	return answer(c, r, before, 200);
}

int api_reference_delete(Ctx *c)
{
	const RefResource *r;
	int version;
	int rc = find(c, &r);
	if (!rc)
		rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_ref_delete(c->db, &c->actor, r->table, c->key, version, &c->err);
	return rc ? rc : api_no_content(c);
}

int api_reference_audit(Ctx *c)
{
	const RefResource *r;
	void *rec;
	int rc = find(c, &r);
	if (rc || (rc = load(c, r, &rec))) /* a row that is gone has its history in /audit */
		return rc;
	return api_audit_history(c, r->table->name, c->key);
}
