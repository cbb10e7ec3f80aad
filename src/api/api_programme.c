/* api_programme.c — /api/v1/programmes and /api/v1/plans: khuyến công
 * programmes (phases) with their targets, and annual plans with their lines.
 *
 * A national programme has no province and a national annual plan is the
 * Ministry's decision for a province: both are national records (the
 * loaders give ""), which everyone signed in reads and only national users
 * change; a province user can neither create one nor turn a local one into
 * one (api_national_write). A programme's targets and a plan's lines are
 * sub-resources (/programmes/{id}/targets/{key}, /plans/{id}/lines/{sub}),
 * added and changed one by one after the record; they carry no version:
 * the last write wins. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_programme.h"

/* ---- Schemas ---------------------------------------------------------------------------- */

static const Field programme_fields[] = {
        FIELD_I64(Programme, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_TEXT(Programme, level, FORMAT_PLAIN, FIELD_REQUIRED,
                "Cấp: national (khuyến công quốc gia) hoặc local (khuyến công địa phương)"),
        FIELD_TEXT(Programme, province_list, FORMAT_PLAIN, 0,
                "Danh mục của tỉnh (chương trình địa phương): current hoặc legacy"),
        FIELD_TEXT(Programme, province_code, FORMAT_PLAIN, 0,
                "Mã tỉnh (chương trình địa phương); null cho chương trình quốc gia"),
        FIELD_TEXT(Programme, name, FORMAT_PLAIN, FIELD_REQUIRED, "Tên chương trình"),
        FIELD_INT(Programme, start_year, 0, FORMAT_YEAR, FIELD_REQUIRED, "Năm bắt đầu"),
        FIELD_INT(Programme, end_year, 0, FORMAT_YEAR, FIELD_REQUIRED, "Năm kết thúc"),
        FIELD_TEXT(Programme, decision_no, FORMAT_PLAIN, 0, "Số quyết định phê duyệt"),
        FIELD_TEXT(Programme, decision_date, FORMAT_DATE, 0, "Ngày quyết định"),
        FIELD_TEXT(Programme, instrument_code, FORMAT_PLAIN, 0, "Văn bản (mã trong danh mục)"),
        FIELD_TEXT(Programme, note, FORMAT_PLAIN, 0, "Ghi chú"),
        FIELD_INT(Programme, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_programme_schema =
        SCHEMA("Programme", programme_fields, "Chương trình khuyến công (một giai đoạn)");

static const Field target_fields[] = {
        FIELD_TEXT(ProgrammeTarget, indicator_code, FORMAT_PLAIN, FIELD_REQUIRED,
                "Chỉ tiêu (mã); ở địa chỉ /targets/{key} là {key}"),
        FIELD_I64(ProgrammeTarget, value, -1, FORMAT_PLAIN, FIELD_REQUIRED,
                "Giá trị theo đơn vị của chỉ tiêu (tiền: đồng)"),
        FIELD_TEXT(ProgrammeTarget, qualifier, FORMAT_PLAIN, 0,
                "Như quyết định ghi: gần, trên, khoảng, ước"),
        FIELD_TEXT(ProgrammeTarget, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_programme_target_schema =
        SCHEMA("ProgrammeTarget", target_fields, "Mục tiêu của chương trình theo một chỉ tiêu");

static const Field plan_fields[] = {
        FIELD_I64(AnnualPlan, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(AnnualPlan, programme_id, -1, FORMAT_PLAIN, 0,
                "Chương trình thực hiện (số bản ghi), cùng cấp và bao gồm năm"),
        FIELD_TEXT(AnnualPlan, level, FORMAT_PLAIN, FIELD_REQUIRED, "Cấp: national hoặc local"),
        FIELD_TEXT(AnnualPlan, province_list, FORMAT_PLAIN, FIELD_REQUIRED,
                "Danh mục của tỉnh: current hoặc legacy"),
        FIELD_TEXT(AnnualPlan, province_code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã tỉnh"),
        FIELD_INT(AnnualPlan, year, 0, FORMAT_YEAR, FIELD_REQUIRED, "Năm kế hoạch"),
        FIELD_TEXT(AnnualPlan, decision_no, FORMAT_PLAIN, 0, "Số quyết định"),
        FIELD_TEXT(AnnualPlan, decision_date, FORMAT_DATE, 0, "Ngày quyết định"),
        FIELD_TEXT(AnnualPlan, approver, FORMAT_PLAIN, 0, "Cơ quan phê duyệt"),
        FIELD_TEXT(AnnualPlan, note, FORMAT_PLAIN, 0, "Ghi chú"),
        FIELD_INT(AnnualPlan, version, 0, FORMAT_PLAIN, 0,
                "Phiên bản đã đọc (khi sửa: để không ghi đè thay đổi của người khác)"),
};
const Schema api_plan_schema = SCHEMA("AnnualPlan", plan_fields, "Kế hoạch khuyến công năm");

static const Field line_fields[] = {
        FIELD_I64(PlanLine, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số dòng"),
        FIELD_TEXT(PlanLine, activity_code, FORMAT_PLAIN, FIELD_REQUIRED,
                "Nội dung hoạt động (mã), có hiệu lực trong năm kế hoạch"),
        FIELD_TEXT(PlanLine, indicator_code, FORMAT_PLAIN, 0, "Chỉ tiêu (mã)"),
        FIELD_TEXT(PlanLine, source_code, FORMAT_PLAIN, 0, "Nguồn kinh phí (mã)"),
        FIELD_I64(PlanLine, planned_amount, -1, FORMAT_MONEY, 0, "Kinh phí kế hoạch (đồng)"),
        FIELD_I64(PlanLine, planned_qty, -1, FORMAT_PLAIN, 0,
                "Số lượng kế hoạch theo đơn vị của chỉ tiêu"),
        FIELD_TEXT(PlanLine, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_plan_line_schema = SCHEMA("PlanLine", line_fields, "Một dòng của kế hoạch năm");

static const char *const levels[] = {"national", "local", NULL};

const Param api_programme_list_params[] = {
        API_PROVINCE_PARAM,
        {"level", PARAM_ENUM, 0, 0, levels, "Cấp: national hoặc local", false},
        {"year", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Giai đoạn bao gồm năm này",
                false},
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_plan_list_params[] = {
        API_PROVINCE_PARAM,
        {"level", PARAM_ENUM, 0, 0, levels, "Cấp: national hoặc local", false},
        {"year", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Năm kế hoạch", false},
        {"programme_id", PARAM_INT, 1, INT64_MAX, NULL, "Chương trình (số bản ghi)", false},
        API_PAGE_PARAMS,
        {NULL},
};

/* ---- Programmes ------------------------------------------------------------------------- */

static bool national(const char *level)
{
	return level && !strcmp(level, "national");
}

int api_programme_load(Ctx *c, char province[3])
{
	Programme *rec = arena_alloc(c->arena, sizeof *rec);
	int rc = store_programme_get(c->db, c->id, c->arena, rec, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	return api_current_province(c, rec->province_list, rec->province_code, province);
}

int api_programme_list(Ctx *c)
{
	ProgrammeFilter f = store_programme_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.level = api_text(c, "level");
	f.year = (int)api_int(c, "year", 0);
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	ProgrammeList list;
	int rc = store_programme_list(c->db, &f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_programme_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_programme_get(Ctx *c)
{
	const Programme *rec = c->rec;
	return api_record(c, 200, &api_programme_schema, rec, rec->version);
}

int api_programme_create(Ctx *c)
{
	Programme in = store_programme_blank();
	int64_t id;
	int rc = http_body_read(c, &api_programme_schema, NULL, &in);
	if (!rc)
		rc = api_national_write(c, national(in.level));
	if (!rc)
		rc = store_programme_create(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = store_programme_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc
	          : api_created(
	                    c, "/api/v1/programmes", id, &api_programme_schema, &in, in.version);
}

int api_programme_update(Ctx *c)
{
	Programme in = *(const Programme *)c->rec;
	in.version = 0;
	int rc = http_body_read(c, &api_programme_schema, NULL, &in);
	if (!rc)
		rc = api_national_write(c, national(in.level));
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = store_programme_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = store_programme_get(c->db, c->id, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_programme_schema, &in, in.version);
}

int api_programme_audit(Ctx *c)
{
	return api_audit_history(c, "programme", NULL);
}

int api_programme_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_programme_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Targets: /programmes/{id}/targets[/{key}] ----------------------------------------- */

int api_programme_target_list(Ctx *c)
{
	const Programme *p = c->rec;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < p->n_targets; i++)
		schema_write(&w, &api_programme_target_schema, &p->targets[i]);
	api_list_end(c, &w, p->n_targets);
	return 0;
}

/* The target of indicator code among p's, or NULL. */
static const ProgrammeTarget *target_of(const Programme *p, const char *code)
{
	for (int i = 0; i < p->n_targets; i++)
		if (!strcmp(p->targets[i].indicator_code, code))
			return &p->targets[i];
	return NULL;
}

/* PUT /programmes/{id}/targets/{key}: the target of indicator {key}, set
 * whole (a field not sent is unknown, not kept). */
int api_programme_target_set(Ctx *c)
{
	ProgrammeTarget in = {.value = -1};
	int rc = http_body_read(c, &api_programme_target_schema, NULL, &in);
	if (rc)
		return rc;
	if (in.indicator_code && strcmp(in.indicator_code, c->key))
		return ctx_fail(c, 400,
		        err_field(&c->err, "indicator_code", KC_EINVAL,
		                "Chỉ tiêu '%s' khác chỉ tiêu '%s' của địa chỉ", in.indicator_code,
		                c->key));
	in.indicator_code = c->key;
	Programme p;
	const ProgrammeTarget *set = NULL;
	rc = store_programme_target_set(c->db, &c->actor, c->id, &in, &c->err);
	if (!rc)
		rc = store_programme_get(c->db, c->id, c->arena, &p, &c->err);
	if (!rc && !(set = target_of(&p, c->key)))
		rc = err_set(&c->err, KC_EIO, "target '%s' not read back", c->key);
	return rc ? rc : api_record(c, 200, &api_programme_target_schema, set, 0);
}

int api_programme_target_delete(Ctx *c)
{
	int rc = store_programme_target_delete(c->db, &c->actor, c->id, c->key, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Annual plans ----------------------------------------------------------------------- */

int api_plan_load(Ctx *c, char province[3])
{
	AnnualPlan *rec = arena_alloc(c->arena, sizeof *rec);
	int rc = store_programme_plan_get(c->db, c->id, c->arena, rec, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	if (national(rec->level)) {
		province[0] = '\0';
		return 0;
	}
	return api_current_province(c, rec->province_list, rec->province_code, province);
}

int api_plan_list(Ctx *c)
{
	PlanFilter f = store_programme_plan_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.level = api_text(c, "level");
	f.year = (int)api_int(c, "year", 0);
	f.programme_id = api_int(c, "programme_id", -1);
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	PlanList list;
	int rc = store_programme_plan_list(c->db, &f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_plan_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_plan_get(Ctx *c)
{
	const AnnualPlan *rec = c->rec;
	return api_record(c, 200, &api_plan_schema, rec, rec->version);
}

int api_plan_create(Ctx *c)
{
	AnnualPlan in = store_programme_plan_blank();
	int64_t id;
	int rc = http_body_read(c, &api_plan_schema, NULL, &in);
	if (!rc)
		rc = api_national_write(c, national(in.level));
	if (!rc)
		rc = store_programme_plan_create(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = store_programme_plan_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc : api_created(c, "/api/v1/plans", id, &api_plan_schema, &in, in.version);
}

int api_plan_update(Ctx *c)
{
	AnnualPlan in = *(const AnnualPlan *)c->rec;
	in.version = 0;
	int rc = http_body_read(c, &api_plan_schema, NULL, &in);
	if (!rc)
		rc = api_national_write(c, national(in.level));
	if (!rc)
		rc = api_version(c, in.version, &in.version);
	if (!rc)
		rc = store_programme_plan_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = store_programme_plan_get(c->db, c->id, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_plan_schema, &in, in.version);
}

int api_plan_audit(Ctx *c)
{
	return api_audit_history(c, "annual_plan", NULL);
}

int api_plan_delete(Ctx *c)
{
	int version;
	int rc = api_version(c, 0, &version);
	if (!rc)
		rc = store_programme_plan_delete(c->db, &c->actor, c->id, version, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Plan lines: /plans/{id}/lines[/{sub}] ---------------------------------------------- */

/* The line line_id of plan p, or NULL. */
static const PlanLine *line_of(const AnnualPlan *p, int64_t line_id)
{
	for (int i = 0; i < p->n_lines; i++)
		if (p->lines[i].id == line_id)
			return &p->lines[i];
	return NULL;
}

/* Loads the plan {id} for the scope, and checks that the line {sub} is one
 * of its lines; c->rec is the plan. */
int api_plan_line_load(Ctx *c, char province[3])
{
	int rc = api_plan_load(c, province);
	if (!rc && !line_of(c->rec, c->sub))
		rc = err_set(&c->err, KC_ENOTFOUND, "Kế hoạch số %lld không có dòng số %lld",
		        (long long)c->id, (long long)c->sub);
	return rc;
}

int api_plan_line_list(Ctx *c)
{
	const AnnualPlan *p = c->rec;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < p->n_lines; i++)
		schema_write(&w, &api_plan_line_schema, &p->lines[i]);
	api_list_end(c, &w, p->n_lines);
	return 0;
}

int api_plan_line_get(Ctx *c)
{
	return api_record(c, 200, &api_plan_line_schema, line_of(c->rec, c->sub), 0);
}

/* Reads the line back through its plan (lines have no get of their own). */
static int read_line(Ctx *c, int64_t line_id, const PlanLine **out)
{
	AnnualPlan *p = arena_alloc(c->arena, sizeof *p);
	int rc = store_programme_plan_get(c->db, c->id, c->arena, p, &c->err);
	if (!rc && !(*out = line_of(p, line_id)))
		rc = err_set(&c->err, KC_EIO, "plan line %lld not read back", (long long)line_id);
	return rc;
}

int api_plan_line_add(Ctx *c)
{
	PlanLine in = store_programme_plan_line_blank();
	const PlanLine *line;
	int64_t id;
	int rc = http_body_read(c, &api_plan_line_schema, NULL, &in);
	if (!rc)
		rc = store_programme_plan_line_add(c->db, &c->actor, c->id, &in, &id, &c->err);
	if (!rc)
		rc = read_line(c, id, &line);
	if (rc)
		return rc;
	char lines[64];
	snprintf(lines, sizeof lines, "/api/v1/plans/%lld/lines", (long long)c->id);
	return api_created(c, lines, id, &api_plan_line_schema, line, 0);
}

int api_plan_line_update(Ctx *c)
{
	PlanLine in = *line_of(c->rec, c->sub);
	const PlanLine *line;
	int rc = http_body_read(c, &api_plan_line_schema, NULL, &in);
	if (!rc)
		rc = store_programme_plan_line_update(c->db, &c->actor, &in, &c->err);
	if (!rc)
		rc = read_line(c, c->sub, &line);
	return rc ? rc : api_record(c, 200, &api_plan_line_schema, line, 0);
}

int api_plan_line_delete(Ctx *c)
{
	int rc = store_programme_plan_line_delete(c->db, &c->actor, c->sub, &c->err);
	return rc ? rc : api_no_content(c);
}
