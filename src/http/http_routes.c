/* http_routes.c — THE route table: every URL the program answers, with the
 * least role it needs, how its province scope is found, and its declared
 * parameters. The router (http_router.c) enforces all of it before a handler
 * runs; the OpenAPI document is generated from it. Read a row as:
 *   method, pattern, handler, role, scope, record loader, flags, parameters,
 *   tag, summary, body schema, result schema. */
#include "api/api_routes.h"
#include "http/http_router.h"

/* Writes by province staff and above; reads by everyone signed in. */
#define R ROLE_VIEWER
#define W ROLE_STAFF

const Route http_routes[] = {
        /* ---- the server ---- */
        {"GET", "/healthz", api_healthz, ROLE_NONE, SCOPE_NONE, NULL, ROUTE_PUBLIC, NULL,
                "Hệ thống", "Kiểm tra máy chủ còn chạy"},
        {"GET", "/api/v1/openapi.json", api_openapi, ROLE_NONE, SCOPE_NONE, NULL, ROUTE_PUBLIC,
                NULL, "Hệ thống", "Tài liệu OpenAPI 3 của giao diện này"},

        /* ---- sign-in ---- */
        {"POST", "/api/v1/session", api_session_login, ROLE_NONE, SCOPE_NONE, NULL,
                ROUTE_PUBLIC | ROUTE_NO_CSRF, NULL, "Đăng nhập", "Đăng nhập (đặt cookie phiên)",
                &api_credentials_schema, &api_session_schema},
        {"GET", "/api/v1/session", api_session_get, R, SCOPE_NONE, NULL, 0, NULL, "Đăng nhập",
                "Người đang đăng nhập và mã CSRF", NULL, &api_session_schema},
        {"DELETE", "/api/v1/session", api_session_logout, R, SCOPE_NONE, NULL, 0, NULL, "Đăng nhập",
                "Đăng xuất"},
        {"POST", "/api/v1/session/logout-all", api_session_logout_all, R, SCOPE_NONE, NULL, 0, NULL,
                "Đăng nhập", "Đăng xuất khỏi mọi thiết bị"},
        {"POST", "/api/v1/session/password", api_session_password, R, SCOPE_NONE, NULL, 0, NULL,
                "Đăng nhập", "Đổi mật khẩu của mình (kết thúc mọi phiên)", &api_credentials_schema,
                NULL},

        /* ---- establishments ---- */
        {"GET", "/api/v1/establishments", api_establishment_list, R, SCOPE_QUERY, NULL, 0,
                api_establishment_list_params, "Cơ sở CNNT", "Danh sách cơ sở", NULL,
                &api_establishment_schema},
        {"POST", "/api/v1/establishments", api_establishment_create, W, SCOPE_BODY, NULL, 0, NULL,
                "Cơ sở CNNT", "Thêm cơ sở", &api_establishment_schema, &api_establishment_schema},
        {"GET", "/api/v1/establishments/{id}", api_establishment_get, R, SCOPE_RECORD,
                api_establishment_load, 0, NULL, "Cơ sở CNNT", "Một cơ sở", NULL,
                &api_establishment_schema},
        {"PATCH", "/api/v1/establishments/{id}", api_establishment_update, W, SCOPE_RECORD,
                api_establishment_load, 0, NULL, "Cơ sở CNNT", "Sửa cơ sở (các trường gửi lên)",
                &api_establishment_schema, &api_establishment_schema},
        {"DELETE", "/api/v1/establishments/{id}", api_establishment_delete, W, SCOPE_RECORD,
                api_establishment_load, 0, NULL, "Cơ sở CNNT",
                "Xóa cơ sở (If-Match: phiên bản đã đọc)"},

        /* ---- accounts and tokens ---- */
        /* Accounts are admins' alone; accounts are national records (no scope). */
        {"GET", "/api/v1/users", api_user_list, ROLE_ADMIN, SCOPE_NONE, NULL, 0,
                api_user_page_params, "Tài khoản", "Danh sách tài khoản", NULL, &api_user_schema},
        {"POST", "/api/v1/users", api_user_create, ROLE_ADMIN, SCOPE_NONE, NULL, 0, NULL,
                "Tài khoản", "Tạo tài khoản", &api_user_schema, &api_user_schema},
        {"GET", "/api/v1/users/{id}", api_user_get, ROLE_ADMIN, SCOPE_RECORD, api_user_load, 0,
                NULL, "Tài khoản", "Một tài khoản", NULL, &api_user_schema},
        {"PATCH", "/api/v1/users/{id}", api_user_update, ROLE_ADMIN, SCOPE_RECORD, api_user_load, 0,
                NULL, "Tài khoản", "Sửa họ tên, vai trò, phạm vi tỉnh, khóa/mở tài khoản",
                &api_user_schema, &api_user_schema},
        {"POST", "/api/v1/users/{id}/password", api_user_password, ROLE_ADMIN, SCOPE_RECORD,
                api_user_load, 0, NULL, "Tài khoản",
                "Đặt lại mật khẩu (mọi phiên của người đó kết thúc)", &api_password_schema, NULL},
        {"GET", "/api/v1/users/{id}/audit", api_user_audit, ROLE_ADMIN, SCOPE_RECORD, api_user_load,
                0, api_audit_history_params, "Tài khoản", "Lịch sử thay đổi của tài khoản", NULL,
                &api_audit_schema},
        {"GET", "/api/v1/users/{id}/tokens", api_user_tokens, ROLE_ADMIN, SCOPE_RECORD,
                api_user_load, 0, api_user_page_params, "Tài khoản", "Mã truy cập của tài khoản",
                NULL, &api_token_schema},
        {"POST", "/api/v1/users/{id}/tokens", api_user_token_create, ROLE_ADMIN, SCOPE_RECORD,
                api_user_load, 0, NULL, "Tài khoản",
                "Cấp mã truy cập cho tài khoản (mã chỉ hiện một lần)", &api_token_schema,
                &api_token_schema},
        {"GET", "/api/v1/tokens/{id}", api_token_get, ROLE_ADMIN, SCOPE_NONE, NULL, 0, NULL,
                "Tài khoản", "Một mã truy cập (không có mã)", NULL, &api_token_schema},
        {"DELETE", "/api/v1/tokens/{id}", api_token_revoke, ROLE_ADMIN, SCOPE_NONE, NULL, 0, NULL,
                "Tài khoản", "Thu hồi mã truy cập"},
        /* Everyone signed in manages their own tokens. */
        {"GET", "/api/v1/me/tokens", api_my_tokens, R, SCOPE_NONE, NULL, 0, api_user_page_params,
                "Tài khoản", "Mã truy cập của mình", NULL, &api_token_schema},
        {"POST", "/api/v1/me/tokens", api_my_token_create, R, SCOPE_NONE, NULL, 0, NULL,
                "Tài khoản", "Tạo mã truy cập cho mình (mã chỉ hiện một lần)", &api_token_schema,
                &api_token_schema},
        {"DELETE", "/api/v1/me/tokens/{id}", api_my_token_revoke, R, SCOPE_NONE, NULL, 0, NULL,
                "Tài khoản", "Thu hồi mã truy cập của mình"},

        /* ---- audit log ---- */
        /* The whole log for national supervisors; a record's history is under
         * the record's path, with its scope (establishments below, users, figures,
         * reference rows). */
        {"GET", "/api/v1/audit", api_audit_list, ROLE_MANAGER, SCOPE_NATION, NULL, 0,
                api_audit_params, "Nhật ký",
                "Nhật ký thay đổi: lọc theo bảng, bản ghi, người, thời gian", NULL,
                &api_audit_schema},
        {"GET", "/api/v1/establishments/{id}/audit", api_establishment_audit, ROLE_MANAGER,
                SCOPE_RECORD, api_establishment_load, 0, api_audit_history_params, "Nhật ký",
                "Lịch sử thay đổi của một cơ sở", NULL, &api_audit_schema},

/* ---- reference data ---- */
/* Each reference table: its rows, one row, add, change, delete, history. Read
 * by everyone signed in, changed by admins only (ROUTE_ADMIN_RW); the
 * handlers find the table from the path (api_reference.c). */
#define REFERENCE(path, schema, what)                                                              \
	{"GET", path, api_reference_list, R, SCOPE_NONE, NULL, ROUTE_ADMIN_RW,                     \
	        api_reference_list_params, "Danh mục", "Danh sách " what, NULL, schema},           \
	        {"POST", path, api_reference_create, R, SCOPE_NONE, NULL, ROUTE_ADMIN_RW, NULL,    \
	                "Danh mục", "Thêm " what, schema, schema},                                 \
	        {"GET", path "/{key}", api_reference_get, R, SCOPE_NONE, NULL, ROUTE_ADMIN_RW,     \
	                NULL, "Danh mục", "Một dòng: " what, NULL, schema},                        \
	        {"PATCH", path "/{key}", api_reference_update, R, SCOPE_NONE, NULL,                \
	                ROUTE_ADMIN_RW, NULL, "Danh mục", "Sửa " what, schema, schema},            \
	        {"DELETE", path "/{key}", api_reference_delete, R, SCOPE_NONE, NULL,               \
	                ROUTE_ADMIN_RW, NULL, "Danh mục", "Xóa " what " (If-Match)"},              \
	{                                                                                          \
		"GET", path "/{key}/audit", api_reference_audit, ROLE_MANAGER, SCOPE_NONE, NULL,   \
		        0, api_audit_history_params, "Danh mục", "Lịch sử thay đổi: " what, NULL,  \
		        &api_audit_schema                                                          \
	}
        REFERENCE("/api/v1/reference/instruments", &api_instrument_schema, "văn bản pháp lý"),
        REFERENCE("/api/v1/reference/activity-contents", &api_content_schema, "nội dung hoạt động"),
        REFERENCE("/api/v1/reference/indicators", &api_indicator_schema, "chỉ tiêu"),
        REFERENCE("/api/v1/reference/sectors", &api_sector_schema, "ngành nghề"),
        REFERENCE(
                "/api/v1/reference/funding-sources", &api_funding_source_schema, "nguồn kinh phí"),
        REFERENCE(
                "/api/v1/reference/support-rules", &api_support_rule_schema, "quy định mức hỗ trợ"),
        REFERENCE("/api/v1/reference/adjustment-rules", &api_adjustment_rule_schema,
                "quy tắc phê duyệt điều chỉnh"),
        REFERENCE("/api/v1/reference/period-rules", &api_period_rule_schema, "quy tắc kỳ báo cáo"),
#undef REFERENCE

        /* ---- đề án ---- */

        /* ---- finance ---- */

        /* ---- outputs, inspections, documents ---- */

        /* ---- organisations ---- */

        /* ---- programmes and plans ---- */

        /* ---- products and certifications ---- */

        /* ---- activities ---- */

        /* ---- aggregate figures ---- */
        {"GET", "/api/v1/aggregates", api_aggregate_list, R, SCOPE_QUERY, NULL, 0,
                api_aggregate_list_params, "Số liệu tổng hợp",
                "Số liệu của một tỉnh (gồm các tỉnh cũ nay thuộc tỉnh đó), lọc theo chỉ tiêu, kỳ,"
                " loại",
                NULL, &api_aggregate_schema},
        {"PUT", "/api/v1/aggregates", api_aggregate_put, W, SCOPE_QUERY, NULL, 0,
                api_aggregate_put_params, "Số liệu tổng hợp",
                "Nhập hàng loạt số liệu của một tỉnh, một kỳ: một mảng JSON AggregateItem, tất"
                " cả hoặc không",
                &api_aggregate_item_schema, &api_aggregate_schema},
        {"GET", "/api/v1/aggregates/sum", api_aggregate_sum, R, SCOPE_NATION, NULL, 0,
                api_aggregate_sum_params, "Số liệu tổng hợp",
                "Tổng của các tỉnh, hoặc của các tỉnh một vùng", NULL, &api_aggregate_sum_schema},
        {"GET", "/api/v1/aggregates/{id}", api_aggregate_get, R, SCOPE_RECORD, api_aggregate_load,
                0, NULL, "Số liệu tổng hợp", "Một số liệu", NULL, &api_aggregate_schema},
        {"DELETE", "/api/v1/aggregates/{id}", api_aggregate_delete, W, SCOPE_RECORD,
                api_aggregate_load, 0, NULL, "Số liệu tổng hợp",
                "Xóa một số liệu (If-Match: phiên bản đã đọc)"},
        {"GET", "/api/v1/aggregates/{id}/audit", api_aggregate_audit, ROLE_MANAGER, SCOPE_RECORD,
                api_aggregate_load, 0, api_audit_history_params, "Số liệu tổng hợp",
                "Lịch sử thay đổi của một số liệu", NULL, &api_audit_schema},

        /* ---- administrative units ---- */
        {"GET", "/api/v1/units", api_unit_list, R, SCOPE_NONE, NULL, 0, api_unit_list_params,
                "Đơn vị hành chính", "Tỉnh, huyện hoặc xã còn hiệu lực vào một ngày", NULL,
                &api_unit_schema},
        {"GET", "/api/v1/units/current-province", api_unit_current_province, R, SCOPE_NONE, NULL, 0,
                api_unit_current_params, "Đơn vị hành chính",
                "Tỉnh hiện nay của một đơn vị (cũ hoặc mới)", NULL, &api_current_province_schema},
        {"GET", "/api/v1/regions", api_region_list, R, SCOPE_NONE, NULL, 0, api_region_list_params,
                "Đơn vị hành chính", "Các vùng", NULL, &api_region_schema},
        {"GET", "/api/v1/regions/{key}/members", api_region_members, R, SCOPE_NONE, NULL, 0,
                api_region_member_params, "Đơn vị hành chính",
                "Các tỉnh thuộc một vùng vào một ngày", NULL, &api_unit_schema},

        /* ---- reports ---- */

        /* ---- import ---- */
};

const int http_n_routes = (int)(sizeof http_routes / sizeof http_routes[0]);
