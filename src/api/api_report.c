/* api_report.c — /api/v1/reports: the periodic reports computed from the
 * store (report.h) as JSON, CSV, XLSX or PDF; submitting one freezes it as
 * a snapshot; snapshots are read back as they were submitted.
 *
 * A report's scope comes from the declared parameters the router checks: a
 * province in the caller's scope (filled in for a caller with one), or, for
 * callers who see every province, a region or the nation. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "report/report.h"
#include "store/store_report.h"

static const char *const formats[] = {"json", "csv", "xlsx", "pdf", NULL};
static const char *const boundaries[] = {"legacy", "current", NULL};
static const char *const levels[] = {"national", "local", "all", NULL};

/* The parameters of a report's computation, shared by computing and submitting. */
#define REPORT_PARAMS                                                                                              \
	{"period", PARAM_TEXT, 0, 64, NULL,                                                                        \
	        "Kỳ báo cáo: 2016-H1, 2019, 2021-2025, \"6 tháng đầu năm 2016\"", true},                           \
	        API_PROVINCE_PARAM,                                                                                \
	        {"region", PARAM_TEXT, 0, 32, NULL,                                                                \
	                "Vùng, chỉ cho người dùng cấp quốc gia (moit_south ...); không chọn tỉnh " \
	                "và vùng: toàn quốc",                                                                      \
	                false},                                                                                    \
	        {"boundaries", PARAM_ENUM, 0, 0, boundaries,                                                       \
	                "Địa giới: legacy (tại thời điểm phát sinh) hoặc current (quy đổi theo " \
	                "tỉnh hiện nay); mặc định current khi chọn một tỉnh hiện nay",                             \
	                false},                                                                                    \
	        {"level", PARAM_ENUM, 0, 0, levels, "Cấp chương trình: national, local, all",                      \
	                false},                                                                                    \
	        {"sources", PARAM_TEXT, 0, 200, NULL,                                                              \
	                "Nguồn kinh phí, cách nhau bởi dấu phẩy: central,provincial", false},                      \
	{                                                                                                          \
		"as_of", PARAM_DATE, 0, 0, NULL,                                                                   \
		        "Ngày xét đề án chậm tiến độ (mặc định: cuối kỳ)", false                                   \
	}

const Param api_report_params[] = {
        REPORT_PARAMS,
        {"format", PARAM_ENUM, 0, 0, formats, "Định dạng: json (mặc định), csv, xlsx, pdf", false},
        {NULL},
};

const Param api_report_submit_params[] = {
        REPORT_PARAMS,
        {"note", PARAM_TEXT, 0, 500, NULL, "Ghi chú của người gửi", false},
        {NULL},
};

const Param api_report_snapshot_params[] = {
        {"format", PARAM_ENUM, 0, 0, formats, "Định dạng: json (mặc định), csv, xlsx, pdf", false},
        {NULL},
};

const Param api_report_snapshots_params[] = {
        API_PROVINCE_PARAM,
        {"period", PARAM_TEXT, 0, 64, NULL, "Kỳ báo cáo (mã chuẩn: 2016-H1); trống: mọi kỳ", false},
        {NULL},
};

static const Field template_fields[] = {
        FIELD_TEXT(StoredTemplate, id, FORMAT_PLAIN, FIELD_READONLY, "Mã mẫu báo cáo"),
        FIELD_INT(StoredTemplate, version, 0, FORMAT_PLAIN, FIELD_READONLY, "Phiên bản"),
        FIELD_INT(StoredTemplate, position, -1, FORMAT_PLAIN, FIELD_READONLY, "Thứ tự"),
        FIELD_TEXT(StoredTemplate, title, FORMAT_PLAIN, FIELD_READONLY, "Tên báo cáo"),
        FIELD_TEXT(StoredTemplate, origin, FORMAT_PLAIN, FIELD_READONLY,
                "Nguồn: shipped (kèm chương trình) hoặc edited (đã sửa)"),
        FIELD_TEXT(StoredTemplate, created_at, FORMAT_TIME, FIELD_READONLY, "Lưu lúc"),
};
const Schema api_report_template_schema = SCHEMA("ReportTemplate", template_fields, "Mẫu báo cáo");

static const Field snapshot_fields[] = {
        FIELD_I64(Snapshot, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản đã gửi"),
        FIELD_TEXT(Snapshot, template_id, FORMAT_PLAIN, FIELD_READONLY, "Mẫu báo cáo"),
        FIELD_INT(Snapshot, template_version, 0, FORMAT_PLAIN, FIELD_READONLY,
                "Phiên bản mẫu khi gửi"),
        FIELD_TEXT(Snapshot, scope, FORMAT_PLAIN, FIELD_READONLY,
                "Phạm vi: nation, region:..., province:LIST:CODE"),
        FIELD_TEXT(Snapshot, period, FORMAT_PLAIN, FIELD_READONLY, "Kỳ báo cáo"),
        FIELD_TEXT(Snapshot, boundaries, FORMAT_PLAIN, FIELD_READONLY, "Địa giới"),
        FIELD_TEXT(Snapshot, filters, FORMAT_PLAIN, FIELD_READONLY, "Bộ lọc"),
        FIELD_INT(Snapshot, version, 0, FORMAT_PLAIN, FIELD_READONLY,
                "Lần gửi thứ mấy của (mẫu, phạm vi, kỳ)"),
        FIELD_I64(Snapshot, submitted_by, 0, FORMAT_PLAIN, FIELD_READONLY, "Người gửi (số)"),
        FIELD_TEXT(Snapshot, submitted_name, FORMAT_PLAIN, FIELD_READONLY, "Người gửi"),
        FIELD_TEXT(Snapshot, submitted_at, FORMAT_TIME, FIELD_READONLY, "Gửi lúc"),
        FIELD_TEXT(Snapshot, note, FORMAT_PLAIN, FIELD_READONLY, "Ghi chú"),
};
const Schema api_report_snapshot_schema =
        SCHEMA("ReportSnapshot", snapshot_fields, "Báo cáo đã gửi (bản chụp không đổi)");

int api_report_templates(Ctx *c)
{
	StoredTemplateList list;
	int rc = report_template_list(c->db, c->arena, &list, &c->err);
	return rc ? rc : api_all(c, &api_report_template_schema, list.v, sizeof *list.v, list.n);
}

/* The report the parameters ask for. The router has checked the province;
 * a region or the nation is for callers who see every province. */
int api_report_request(Ctx *c, ReportRequest *req)
{
	*req = (ReportRequest){
	        .template_id = c->key,
	        .period = api_text(c, "period"),
	        .boundaries = api_text(c, "boundaries"),
	        .program_level = api_text(c, "level"),
	        .funding_sources = api_text(c, "sources"),
	        .as_of = api_text(c, "as_of"),
	        .now = c->app->now,
	};
	const char *province = api_text(c, "province"), *region = api_text(c, "region");
	if (region && (province || !c->who.all_provinces))
		return ctx_fail(c, province ? 400 : 403,
		        err_field(&c->err, "region", province ? KC_EINVAL : KC_EDENIED,
		                province ? "Chọn tỉnh hoặc vùng, không chọn cả hai"
		                         : "Chỉ người dùng cấp quốc gia được lập báo cáo vùng"));
	size_t n = 48;
	char *scope = arena_alloc(c->arena, n);
	if (province && strchr(province, ':')) {
		snprintf(scope, n, "province:%s", province);
	} else if (*c->province) {
		snprintf(scope, n, "province:current:%s", c->province);
		if (!req->boundaries)
			req->boundaries =
			        "current"; /* a current province is compared as it is now */
	} else if (region) {
		snprintf(scope, n, "region:%s", region);
	} else {
		snprintf(scope, n, "nation");
	}
	req->scope = scope;
	return 0;
}

/* Answers table t in the requested format: JSON inline, files as attachments. */
static int answer_table(Ctx *c, const ReportTable *t)
{
	ReportFormat f = FMT_JSON;
	const char *name = api_text(c, "format");
	int rc = name ? report_format_parse(name, &f, &c->err) : 0;
	if (!rc)
		rc = report_render(t, f, NULL, &c->res->body, &c->err);
	if (rc)
		return rc;
	c->res->status = 200;
	c->res->content_type = report_format_mime(f);
	if (f != FMT_JSON) {
		size_t n = 160;
		char *disposition = arena_alloc(c->arena, n);
		/* Template ids and canonical periods are ASCII: safe in a file name. */
		snprintf(disposition, n, "attachment; filename=\"%s-%s.%s\"", t->template_id,
		        t->period, report_format_ext(f));
		http_res_header(c->res, "Content-Disposition", disposition);
	}
	return 0;
}

int api_report_get(Ctx *c)
{
	ReportRequest req;
	ReportTable *t;
	int rc = api_report_request(c, &req);
	if (!rc)
		rc = report_compute(c->db, &req, c->arena, &t, &c->err);
	if (rc == KC_EINVAL || rc == KC_ENOTFOUND)
		return ctx_fail(c, rc == KC_ENOTFOUND ? 404 : 400, rc);
	return rc ? rc : answer_table(c, t);
}

int api_report_submit(Ctx *c)
{
	ReportRequest req;
	int64_t id = 0;
	int version = 0;
	int rc = api_report_request(c, &req);
	if (!rc)
		rc = report_submit(
		        c->db, &c->actor, &req, api_text(c, "note"), &id, &version, &c->err);
	if (rc == KC_ENOTFOUND)
		return ctx_fail(c, 404, rc);
	if (rc)
		return rc;
	Snapshot s;
	rc = store_report_snapshot_get(c->db, id, c->arena, &s, &c->err);
	return rc ? rc
	          : api_created(
	                    c, "/api/v1/report-snapshots", id, &api_report_snapshot_schema, &s, 0);
}

/* The current province of a snapshot's scope, "" for a region or the nation. */
static int snapshot_province(Ctx *c, const char *scope, char province[3])
{
	char list[16], code[8];
	province[0] = '\0';
	if (strncmp(scope, "province:", 9) || sscanf(scope + 9, "%15[^:]:%7s", list, code) != 2)
		return 0;
	return api_current_province(c, list, code, province);
}

int api_report_snapshot_load(Ctx *c, char province[3])
{
	Snapshot *s = arena_alloc(c->arena, sizeof *s);
	int rc = store_report_snapshot_get(c->db, c->id, c->arena, s, &c->err);
	if (rc)
		return rc;
	c->rec = s;
	return snapshot_province(c, s->scope, province);
}

int api_report_snapshot_get(Ctx *c)
{
	ReportTable *t;
	int rc = report_snapshot_table(c->db, c->id, c->arena, &t, &c->err);
	return rc ? rc : answer_table(c, t);
}

int api_report_snapshots(Ctx *c)
{
	SnapshotList list;
	int rc = store_report_snapshot_list(
	        c->db, c->key, NULL, api_text(c, "period"), c->arena, &list, &c->err);
	if (rc)
		return rc;
	/* The versions of the caller's scope: a province's (the one asked for, or
	 * all the caller's), and regions' and the nation's for national callers. */
	JsonW w;
	api_list_begin(c, &w);
	int n = 0;
	for (int i = 0; i < list.n; i++) {
		char province[3];
		if ((rc = snapshot_province(c, list.v[i].scope, province)))
			return rc;
		bool mine = *province ? (*c->province ? !strcmp(province, c->province)
		                                      : principal_has_province(&c->who, province))
		                      : c->who.all_provinces && !*c->province;
		if (!mine)
			continue;
		schema_write(&w, &api_report_snapshot_schema, &list.v[i]);
		n++;
	}
	api_all_end(c, &w, n);
	return 0;
}
