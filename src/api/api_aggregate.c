/* api_aggregate.c — /api/v1/aggregates: figures a province reported per
 * indicator, period and kind, entered as such rather than counted from
 * records (store_aggregate.h). A province's figures of one period are read
 * and written in bulk, all or nothing; national callers also get the sum over
 * the provinces, or over the members of a region. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "core/period.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"

#define FIGURE_FIELDS                                                                              \
	FIELD_TEXT(AggregateFigure, figure_kind, FORMAT_PLAIN, FIELD_REQUIRED,                     \
	        "Loại số liệu: plan, actual, estimate"),                                           \
	        FIELD_TEXT(AggregateFigure, program_level, FORMAT_PLAIN, 0,                        \
	                "Cấp chương trình: national, local, all (mặc định)"),                      \
	        FIELD_I64(AggregateFigure, value, -1, FORMAT_PLAIN, FIELD_REQUIRED,                \
	                "Giá trị: số đếm, tiền (đồng), tỷ lệ × 100 (19 % là 1900)"),               \
	        FIELD_TEXT(AggregateFigure, qualifier, FORMAT_PLAIN, 0,                            \
	                "Như báo cáo ghi: gần, trên, khoảng, ước"),                                \
	        FIELD_TEXT(AggregateFigure, note, FORMAT_PLAIN, 0, "Ghi chú"),                     \
	        FIELD_TEXT(AggregateFigure, source, FORMAT_PLAIN, 0,                               \
	                "Lấy từ đâu: số, ngày của báo cáo")

static const Field fields[] = {
        FIELD_I64(AggregateFigure, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_TEXT(AggregateFigure, indicator_code, FORMAT_PLAIN, FIELD_REQUIRED, "Chỉ tiêu (mã)"),
        FIELD_TEXT(AggregateFigure, scope_kind, FORMAT_PLAIN, FIELD_READONLY,
                "Phạm vi: province, region, nation"),
        FIELD_TEXT(AggregateFigure, scope_list, FORMAT_PLAIN, FIELD_READONLY,
                "Danh mục của tỉnh: legacy, current"),
        FIELD_TEXT(
                AggregateFigure, scope_code, FORMAT_PLAIN, FIELD_READONLY, "Mã tỉnh hoặc mã vùng"),
        FIELD_TEXT(AggregateFigure, period, FORMAT_PLAIN, FIELD_READONLY,
                "Kỳ báo cáo: 2016-H1, 2019-Q3, 2020 ..."),
        FIGURE_FIELDS,
        FIELD_I64(AggregateFigure, entered_by, 0, FORMAT_PLAIN, FIELD_READONLY,
                "Người nhập (số tài khoản)"),
        FIELD_TEXT(AggregateFigure, entered_at, FORMAT_TIME, FIELD_READONLY, "Thời điểm nhập"),
        FIELD_INT(AggregateFigure, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc; 0 hoặc bỏ trống cho số liệu chưa có"),
};
const Schema api_aggregate_schema =
        SCHEMA("AggregateFigure", fields, "Số liệu tổng hợp một tỉnh báo cáo");

/* One figure of a bulk entry: its province and period are the request's. */
static const Field item_fields[] = {
        FIELD_TEXT(AggregateFigure, indicator_code, FORMAT_PLAIN, FIELD_REQUIRED, "Chỉ tiêu (mã)"),
        FIGURE_FIELDS,
        FIELD_INT(AggregateFigure, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc của số liệu đã có; 0 hoặc bỏ trống cho số liệu mới"),
};
const Schema api_aggregate_item_schema = SCHEMA("AggregateItem", item_fields,
        "Một số liệu trong lần nhập hàng loạt: nội dung gửi lên là một mảng JSON các đối tượng"
        " này; tỉnh và kỳ lấy từ tham số province và period");

typedef struct AggregateSum {
	const char *indicator_code, *period, *figure_kind, *program_level, *region;
	int64_t sum, provinces_reporting, provinces;
} AggregateSum;

static const Field sum_fields[] = {
        FIELD_TEXT(AggregateSum, indicator_code, FORMAT_PLAIN, FIELD_READONLY, "Chỉ tiêu"),
        FIELD_TEXT(AggregateSum, period, FORMAT_PLAIN, FIELD_READONLY, "Kỳ báo cáo"),
        FIELD_TEXT(AggregateSum, figure_kind, FORMAT_PLAIN, FIELD_READONLY, "Loại số liệu"),
        FIELD_TEXT(AggregateSum, program_level, FORMAT_PLAIN, FIELD_READONLY, "Cấp chương trình"),
        FIELD_TEXT(AggregateSum, region, FORMAT_PLAIN, FIELD_READONLY, "Vùng (mã); null: mọi tỉnh"),
        FIELD_I64(AggregateSum, sum, -1, FORMAT_PLAIN, FIELD_READONLY, "Tổng"),
        FIELD_I64(AggregateSum, provinces_reporting, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Số tỉnh có số liệu"),
        FIELD_I64(AggregateSum, provinces, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Số tỉnh của vùng (hoặc cả nước) vào ngày cuối kỳ"),
};
const Schema api_aggregate_sum_schema =
        SCHEMA("AggregateSum", sum_fields, "Tổng số liệu của các tỉnh, hoặc của một vùng");

static const char *const figure_kinds[] = {"plan", "actual", "estimate", NULL};
static const char *const levels[] = {"national", "local", "all", NULL};
static const char *const scopes[] = {"province", "region", "nation", NULL};

#define INDICATORS_PARAM(required)                                                                 \
	{                                                                                          \
		"indicator", PARAM_TEXT, 0, 2000, NULL,                                            \
		        "Chỉ tiêu (mã), nhiều chỉ tiêu cách nhau bởi dấu phẩy", required           \
	}
#define PERIOD_PARAM(required)                                                                     \
	{                                                                                          \
		"period", PARAM_TEXT, 0, 40, NULL, "Kỳ báo cáo: 2016-H1, 2019-Q3, 2020 ...",       \
		        required                                                                   \
	}

const Param api_aggregate_list_params[] = {
        API_PROVINCE_PARAM,
        INDICATORS_PARAM(false),
        PERIOD_PARAM(false),
        {"figure_kind", PARAM_ENUM, 0, 0, figure_kinds, "Loại số liệu", false},
        {"program_level", PARAM_ENUM, 0, 0, levels, "Cấp chương trình", false},
        {"scope_kind", PARAM_ENUM, 0, 0, scopes,
                "Phạm vi (người dùng cấp quốc gia, khi không chọn tỉnh): province, region,"
                " nation",
                false},
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_aggregate_put_params[] = {
        API_PROVINCE_PARAM,
        PERIOD_PARAM(true),
        {NULL},
};

const Param api_aggregate_sum_params[] = {
        INDICATORS_PARAM(true),
        PERIOD_PARAM(true),
        {"figure_kind", PARAM_ENUM, 0, 0, figure_kinds, "Loại số liệu (mặc định actual)", false},
        {"program_level", PARAM_ENUM, 0, 0, levels, "Cấp chương trình (mặc định all)", false},
        {"region", PARAM_TEXT, 0, 32, NULL, "Vùng (mã: moit_south, geo_8 ...); mặc định mọi tỉnh",
                false},
        {NULL},
};

int api_aggregate_load(Ctx *c, char province[3])
{
	AggregateFigure *rec = arena_alloc(c->arena, sizeof *rec);
	int rc = store_aggregate_get(c->db, c->id, c->arena, rec, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	if (strcmp(rec->scope_kind, "province")) { /* a region's or the nation's: national */
		province[0] = '\0';
		return 0;
	}
	return api_current_province(c, rec->scope_list, rec->scope_code, province);
}

/* The province the request names as recorded: "legacy:94" as it is, "92"
 * in the current list, none given: the caller's one province. */
static void requested_province(const Ctx *c, const char **list, const char **code)
{
	const char *p = api_text(c, "province");
	const char *colon = p ? strchr(p, ':') : NULL;
	if (!p) {
		*list = "current";
		*code = c->province;
	} else if (!colon) {
		*list = "current";
		*code = p;
	} else {
		*list = arena_strndup(c->arena, p, (size_t)(colon - p));
		*code = colon + 1;
	}
}

/* Splits the indicator parameter at commas into f's indicator list. */
static int split_indicators(Ctx *c, AggregateFilter *f)
{
	const char *s = api_text(c, "indicator");
	if (!s)
		return 0;
	const char **v = arena_alloc(c->arena, AGGREGATE_MAX_INDICATORS * sizeof *v);
	size_t n = 0;
	for (const char *p = s; *p;) {
		size_t len = strcspn(p, ",");
		if (n == AGGREGATE_MAX_INDICATORS)
			return ctx_fail(c, 400,
			        err_field(&c->err, "indicator", KC_EINVAL,
			                "Mỗi lần lọc được tối đa %d chỉ tiêu",
			                AGGREGATE_MAX_INDICATORS));
		if (len)
			v[n++] = arena_strndup(c->arena, p, len);
		p += len + (p[len] == ',');
	}
	f->indicators = v;
	f->n_indicators = n;
	return 0;
}

/* Writes the page of figures f selects. */
static int answer_list(Ctx *c, const AggregateFilter *f)
{
	AggregateList list;
	int rc = store_aggregate_list(c->db, f, c->arena, &list, &c->err);
	if (rc)
		return rc == KC_EINVAL ? ctx_fail(c, 400, rc) : rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_aggregate_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_aggregate_list(Ctx *c)
{
	AggregateFilter f = store_aggregate_filter();
	const char *p = api_text(c, "province");
	int rc = split_indicators(c, &f);
	if (rc)
		return rc;
	if (p && strchr(p, ':')) { /* one province as recorded */
		f.scope_kind = "province";
		requested_province(c, &f.scope_list, &f.scope_code);
	} else if (*c->province) { /* a current province and its legacy ones */
		f.current_province = c->province;
	} else {
		f.scope_kind = api_text(c, "scope_kind");
	}
	f.period = api_text(c, "period");
	f.figure_kind = api_text(c, "figure_kind");
	f.program_level = api_text(c, "program_level");
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	return answer_list(c, &f);
}

int api_aggregate_get(Ctx *c)
{
	const AggregateFigure *rec = c->rec;
	return api_record(c, 200, &api_aggregate_schema, rec, rec->version);
}

/* Names the item refused as its place in the body: "[3].value", or "[3]"
 * when the item itself is wrong (not an object). */
static int at_item(Ctx *c, size_t row, int rc)
{
	if (row == 0)
		return rc;
	const char *f = c->err.field;
	bool whole = !*f || !strcmp(f, "body");
	char field[2 * sizeof c->err.field];
	snprintf(field, sizeof field, "[%zu]%s%s", row - 1, whole ? "" : ".", whole ? "" : f);
	field[sizeof c->err.field - 1] = '\0';
	memcpy(c->err.field, field, sizeof c->err.field);
	return rc;
}

int api_aggregate_put(Ctx *c)
{
	if (!*c->province)
		return ctx_fail(c, 400,
		        err_field(&c->err, "province", KC_EINVAL,
		                "Chọn tỉnh của số liệu (province)"));
	int n = http_body_count(c, NULL);
	if (n < 1 || n > 500)
		return ctx_fail(c, 400,
		        err_field(&c->err, "body", KC_EINVAL,
		                "Nội dung phải là một mảng JSON từ 1 đến 500 số liệu"));
	const char *list, *code;
	requested_province(c, &list, &code);
	AggregateFigure *v = arena_alloc(c->arena, (size_t)n * sizeof *v);
	for (int i = 0; i < n; i++) {
		v[i] = store_aggregate_blank();
		int rc = http_body_read_at(c, &api_aggregate_item_schema, NULL, i, &v[i]);
		if (rc)
			return at_item(c, (size_t)i + 1, rc);
		v[i].scope_kind = "province";
		v[i].scope_list = list;
		v[i].scope_code = code;
		v[i].period = api_text(c, "period");
	}
	size_t bad = 0;
	int rc = store_aggregate_put_many(c->db, &c->actor, v, (size_t)n, &bad, &c->err);
	if (rc)
		return at_item(c, bad, rc);
	AggregateFilter f = store_aggregate_filter();
	f.scope_kind = "province";
	f.scope_list = list;
	f.scope_code = code;
	f.period = api_text(c, "period");
	f.limit = 500;
	return answer_list(c, &f);
}

int api_aggregate_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_aggregate_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}

int api_aggregate_audit(Ctx *c)
{
	return api_audit_history(c, "aggregate_figure", NULL);
}

/* Collects the provinces store_admin_* call back with. */
static int add_province(void *ctx, const char *list, const char *code, const char *name)
{
	(void)name;
	AggregateProvinces *p = ctx;
	if (p->n == p->cap)
		return 1;
	UnitRef *u = &p->v[p->n++];
	snprintf(u->list, sizeof u->list, "%s", list);
	snprintf(u->level, sizeof u->level, "province");
	snprintf(u->code, sizeof u->code, "%s", code);
	return 0;
}

int api_aggregate_provinces(Ctx *c, const char *region, const char *period, AggregateProvinces *out)
{
	Period p;
	Date from, to;
	int rc = period_parse(period, strlen(period), &p, &c->err);
	if (rc || (rc = period_range(&p, &PERIOD_RULE_CALENDAR, &from, &to, &c->err)))
		return ctx_fail(c, 400, store_at_field(&c->err, "period", rc));
	out->cap = 128;
	out->v = arena_alloc(c->arena, out->cap * sizeof *out->v);
	rc = region ? store_admin_region_members(c->db, region, to, add_province, out, &c->err)
	            : store_admin_valid_on(c->db, to, "province", NULL, add_province, out, &c->err);
	if (rc)
		return rc;
	if (region && out->n == 0)
		return err_field(&c->err, "region", KC_ENOTFOUND,
		        "Vùng '%s' không có tỉnh nào vào ngày cuối kỳ %s", region, period);
	return 0;
}

int api_aggregate_sum(Ctx *c)
{
	AggregateSum s = {
	        .indicator_code = api_text(c, "indicator"),
	        .period = api_text(c, "period"),
	        .figure_kind = api_text(c, "figure_kind") ? api_text(c, "figure_kind") : "actual",
	        .program_level =
	                api_text(c, "program_level") ? api_text(c, "program_level") : "all",
	        .region = api_text(c, "region"),
	};
	AggregateProvinces p = {0};
	int rc = api_aggregate_provinces(c, s.region, s.period, &p);
	if (!rc)
		rc = store_aggregate_sum_provinces(c->db, s.indicator_code, s.period, s.figure_kind,
		        s.program_level, p.v, p.n, &s.sum, &s.provinces_reporting, &c->err);
	if (rc)
		return rc;
	s.provinces = (int64_t)p.n;
	return api_record(c, 200, &api_aggregate_sum_schema, &s, 0);
}
