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

        /* ---- audit log ---- */

        /* ---- reference data ---- */

        /* ---- đề án ---- */

        /* ---- finance ---- */

        /* ---- outputs, inspections, documents ---- */

        /* ---- organisations ---- */

        /* ---- programmes and plans ---- */

        /* ---- products and certifications ---- */

        /* ---- activities ---- */

        /* ---- aggregate figures ---- */

        /* ---- administrative units ---- */

        /* ---- reports ---- */

        /* ---- import ---- */
};

const int http_n_routes = (int)(sizeof http_routes / sizeof http_routes[0]);
