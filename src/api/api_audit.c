/* api_audit.c — the audit log: GET /api/v1/audit for national supervisors
 * (every change, filtered by table, record, user and time), and the history
 * of one record under the record's own path (GET .../{id}/audit), where the
 * record's loader applies its province scope.
 *
 * Another resource offers a record's history with a route row
 *   {"GET", "/api/v1/things/{id}/audit", api_thing_audit, ROLE_MANAGER,
 *    SCOPE_RECORD, api_thing_load, 0, api_audit_history_params, ...}
 * and a one-line handler returning api_audit_history(c, "thing", NULL). */
#include <stdio.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_audit.h"

static const Field fields[] = {
        FIELD_I64(AuditEntry, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số dòng nhật ký"),
        FIELD_TEXT(AuditEntry, at, FORMAT_TIME, FIELD_READONLY, "Thời điểm (UTC)"),
        FIELD_I64(AuditEntry, user_id, 0, FORMAT_PLAIN, FIELD_READONLY,
                "Số tài khoản; null: hệ thống"),
        FIELD_TEXT(AuditEntry, actor, FORMAT_PLAIN, FIELD_READONLY, "Tên đăng nhập khi đó"),
        FIELD_TEXT(AuditEntry, via, FORMAT_PLAIN, FIELD_READONLY, "Qua: cli, http, import, init"),
        FIELD_TEXT(AuditEntry, remote_addr, FORMAT_PLAIN, FIELD_READONLY, "Địa chỉ máy"),
        FIELD_TEXT(AuditEntry, action, FORMAT_PLAIN, FIELD_READONLY,
                "Thao tác: insert, update, delete"),
        FIELD_TEXT(AuditEntry, table_name, FORMAT_PLAIN, FIELD_READONLY, "Bảng"),
        FIELD_TEXT(AuditEntry, record_id, FORMAT_PLAIN, FIELD_READONLY,
                "Số bản ghi (mã với danh mục)"),
        FIELD_TEXT(AuditEntry, before_json, FORMAT_PLAIN, FIELD_READONLY,
                "Bản ghi trước khi đổi: một đối tượng JSON viết thành chuỗi; null khi thêm"),
        FIELD_TEXT(AuditEntry, after_json, FORMAT_PLAIN, FIELD_READONLY,
                "Bản ghi sau khi đổi: một đối tượng JSON viết thành chuỗi; null khi xóa"),
};
const Schema api_audit_schema = SCHEMA("AuditEntry", fields, "Một thay đổi trong nhật ký");

static const char *const audit_actions[] = {"insert", "update", "delete", NULL};

const Param api_audit_params[] = {
        {"table", PARAM_TEXT, 0, 64, NULL, "Bảng: establishment, app_user, sector ...", false},
        {"record", PARAM_TEXT, 0, 64, NULL, "Số (hoặc mã) bản ghi; dùng cùng table", false},
        {"user", PARAM_TEXT, 0, 64, NULL, "Tên đăng nhập của người thay đổi", false},
        {"action", PARAM_ENUM, 0, 0, audit_actions, "Thao tác: insert, update, delete", false},
        {"from", PARAM_TEXT, 0, 20, NULL,
                "Từ (gồm): ngày YYYY-MM-DD hoặc giờ UTC YYYY-MM-DDTHH:MM:SSZ", false},
        {"to", PARAM_TEXT, 0, 20, NULL, "Đến (gồm cả ngày đó): ngày hoặc giờ UTC", false},
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_audit_history_params[] = {
        {"user", PARAM_TEXT, 0, 64, NULL, "Tên đăng nhập của người thay đổi", false},
        {"from", PARAM_TEXT, 0, 20, NULL, "Từ: ngày YYYY-MM-DD hoặc giờ UTC", false},
        {"to", PARAM_TEXT, 0, 20, NULL, "Đến: ngày YYYY-MM-DD hoặc giờ UTC", false},
        API_PAGE_PARAMS,
        {NULL},
};

/* Answers the page of the log f selects; a malformed bound is a 400. */
static int answer(Ctx *c, AuditFilter *f)
{
	f->actor = api_text(c, "user");
	f->from = api_text(c, "from");
	f->to = api_text(c, "to");
	f->limit = api_limit(c);
	f->offset = api_offset(c);
	AuditList list;
	int rc = store_audit_list(c->db, f, c->arena, &list, &c->err);
	if (rc)
		return rc == KC_EINVAL ? ctx_fail(c, 400, rc) : rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_audit_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_audit_list(Ctx *c)
{
	AuditFilter f = store_audit_filter();
	f.table_name = api_text(c, "table");
	f.record_id = api_text(c, "record");
	f.action = api_text(c, "action");
	return answer(c, &f);
}

int api_audit_history(Ctx *c, const char *table, const char *record_id)
{
	char id[24];
	if (!record_id) {
		snprintf(id, sizeof id, "%lld", (long long)c->id);
		record_id = id;
	}
	AuditFilter f = store_audit_filter();
	f.table_name = table;
	f.record_id = record_id;
	return answer(c, &f);
}

int api_establishment_audit(Ctx *c)
{
	return api_audit_history(c, "establishment", NULL);
}
