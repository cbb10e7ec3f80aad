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
        {"GET", "/api/v1/projects", api_project_list, R, SCOPE_QUERY, NULL, 0,
                api_project_list_params, "Đề án", "Danh sách đề án", NULL, &api_project_schema},
        {"POST", "/api/v1/projects", api_project_create, W, SCOPE_BODY, NULL, 0, NULL, "Đề án",
                "Thêm đề án (ở trạng thái dự thảo)", &api_project_schema, &api_project_schema},
        {"GET", "/api/v1/projects/{id}", api_project_get, R, SCOPE_RECORD, api_project_load, 0,
                NULL, "Đề án", "Một đề án", NULL, &api_project_schema},
        {"PATCH", "/api/v1/projects/{id}", api_project_update, W, SCOPE_RECORD, api_project_load, 0,
                NULL, "Đề án", "Sửa đề án (các trường gửi lên; không đổi trạng thái)",
                &api_project_schema, &api_project_schema},
        {"DELETE", "/api/v1/projects/{id}", api_project_delete, W, SCOPE_RECORD, api_project_load,
                0, NULL, "Đề án",
                "Xóa đề án dự thảo hoặc mới đăng ký (If-Match: phiên bản đã đọc)"},
        {"GET", "/api/v1/projects/{id}/transitions", api_project_transitions, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Đề án",
                "Các trạng thái đề án có thể chuyển tới, và người đang đăng nhập có được chuyển",
                NULL, &api_next_state_schema},
        {"POST", "/api/v1/projects/{id}/transition", api_project_transition, ROLE_MANAGER,
                SCOPE_RECORD, api_project_load, 0, NULL, "Đề án",
                "Chuyển trạng thái (đề án quốc gia: phê duyệt, ngừng, chuyển năm do Bộ quyết "
                "định); trả lời 200 với đề án",
                &api_transition_schema, &api_project_schema},
        {"GET", "/api/v1/projects/{id}/events", api_project_events, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Đề án", "Lịch sử trạng thái", NULL,
                &api_project_event_schema},
        {"GET", "/api/v1/projects/{id}/partners", api_project_partners, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Đề án", "Đơn vị phối hợp", NULL,
                &api_project_member_schema},
        {"POST", "/api/v1/projects/{id}/partners", api_project_partner_add, W, SCOPE_RECORD,
                api_project_load, 0, NULL, "Đề án", "Thêm đơn vị phối hợp",
                &api_project_partner_schema, &api_project_member_schema},
        {"DELETE", "/api/v1/projects/{id}/partners/{sub}", api_project_partner_remove, W,
                SCOPE_RECORD, api_project_load, 0, NULL, "Đề án",
                "Bỏ đơn vị phối hợp ({sub}: số tổ chức)"},
        {"GET", "/api/v1/projects/{id}/beneficiaries", api_project_beneficiaries, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Đề án", "Cơ sở thụ hưởng", NULL,
                &api_project_member_schema},
        {"POST", "/api/v1/projects/{id}/beneficiaries", api_project_beneficiary_add, W,
                SCOPE_RECORD, api_project_load, 0, NULL, "Đề án",
                "Thêm cơ sở thụ hưởng (đề án trong tỉnh: cơ sở cùng tỉnh)",
                &api_project_beneficiary_schema, &api_project_member_schema},
        {"DELETE", "/api/v1/projects/{id}/beneficiaries/{sub}", api_project_beneficiary_remove, W,
                SCOPE_RECORD, api_project_load, 0, NULL, "Đề án",
                "Bỏ cơ sở thụ hưởng ({sub}: số cơ sở)"},
        {"GET", "/api/v1/projects/{id}/adjustments", api_adjustment_list, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Đề án", "Các đề nghị điều chỉnh", NULL,
                &api_adjustment_schema},
        {"POST", "/api/v1/projects/{id}/adjustments", api_adjustment_propose, W, SCOPE_RECORD,
                api_project_load, 0, NULL, "Đề án",
                "Đề nghị điều chỉnh (cấp phê duyệt tính theo quy tắc điều chỉnh)",
                &api_adjustment_schema, &api_adjustment_schema},
        {"GET", "/api/v1/projects/{id}/adjustments/{sub}", api_adjustment_get, R, SCOPE_RECORD,
                api_adjustment_load, 0, NULL, "Đề án", "Một đề nghị điều chỉnh", NULL,
                &api_adjustment_schema},
        {"POST", "/api/v1/projects/{id}/adjustments/{sub}/decision", api_adjustment_decide,
                ROLE_MANAGER, SCOPE_RECORD, api_adjustment_load, 0, NULL, "Đề án",
                "Quyết định về đề nghị điều chỉnh (cấp Bộ, Cục: chỉ người dùng cấp quốc gia); "
                "trả lời 200",
                &api_adjustment_decision_schema, &api_adjustment_schema},

        /* ---- finance ---- */
        {"GET", "/api/v1/projects/{id}/cost-lines", api_cost_line_list, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí", "Các dòng kinh phí theo nguồn", NULL,
                &api_cost_line_schema},
        {"POST", "/api/v1/projects/{id}/cost-lines", api_cost_line_add, W, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí",
                "Thêm dòng kinh phí (vượt mức tối đa: 422 needs_reason, gửi lại với "
                "cap_override)",
                &api_cost_line_schema, &api_cost_line_schema},
        {"GET", "/api/v1/projects/{id}/cost-lines/{sub}", api_cost_line_get, R, SCOPE_RECORD,
                api_cost_line_load, 0, NULL, "Kinh phí", "Một dòng kinh phí", NULL,
                &api_cost_line_schema},
        {"PATCH", "/api/v1/projects/{id}/cost-lines/{sub}", api_cost_line_update, W, SCOPE_RECORD,
                api_cost_line_load, 0, NULL, "Kinh phí", "Sửa dòng kinh phí (các trường gửi lên)",
                &api_cost_line_schema, &api_cost_line_schema},
        {"DELETE", "/api/v1/projects/{id}/cost-lines/{sub}", api_cost_line_delete, W, SCOPE_RECORD,
                api_cost_line_load, 0, NULL, "Kinh phí",
                "Xóa dòng kinh phí chưa giải ngân, chưa có hóa đơn"},
        {"GET", "/api/v1/projects/{id}/disbursements", api_disbursement_list, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí", "Các lần giải ngân", NULL,
                &api_disbursement_schema},
        {"POST", "/api/v1/projects/{id}/disbursements", api_disbursement_add, W, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí",
                "Giải ngân (tạm ứng, thanh toán, thu hồi, nộp trả) trên một dòng của đề án",
                &api_disbursement_schema, &api_disbursement_schema},
        {"DELETE", "/api/v1/projects/{id}/disbursements/{sub}", api_disbursement_delete, W,
                SCOPE_RECORD, api_disbursement_load, 0, NULL, "Kinh phí",
                "Xóa một lần giải ngân (sửa sai)"},
        {"GET", "/api/v1/projects/{id}/finance", api_finance_totals, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí",
                "Tổng kinh phí theo nguồn và tỷ lệ giải ngân", NULL, &api_finance_totals_schema},
        {"GET", "/api/v1/projects/{id}/invoices", api_invoice_list, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí", "Các hóa đơn", NULL, &api_invoice_schema},
        {"POST", "/api/v1/projects/{id}/invoices", api_invoice_add, W, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí", "Thêm hóa đơn", &api_invoice_schema,
                &api_invoice_schema},
        {"DELETE", "/api/v1/projects/{id}/invoices/{sub}", api_invoice_delete, W, SCOPE_RECORD,
                api_invoice_load, 0, NULL, "Kinh phí", "Xóa hóa đơn"},
        {"GET", "/api/v1/projects/{id}/invoice-risks", api_invoice_risks, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kinh phí",
                "Hóa đơn ngoài khoảng ngày được tính chi phí, với lý do", NULL,
                &api_invoice_risk_schema},

        /* ---- outputs, inspections, documents ---- */
        {"GET", "/api/v1/projects/{id}/outputs", api_output_list, R, SCOPE_RECORD, api_project_load,
                0, NULL, "Kết quả, kiểm tra, tài liệu", "Kết quả của đề án theo chỉ tiêu", NULL,
                &api_output_schema},
        {"PUT", "/api/v1/projects/{id}/outputs/{key}", api_output_put, W, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kết quả, kiểm tra, tài liệu",
                "Ghi kết quả theo chỉ tiêu {key} (thay cả bản ghi)", &api_output_schema,
                &api_output_schema},
        {"DELETE", "/api/v1/projects/{id}/outputs/{key}", api_output_delete, W, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kết quả, kiểm tra, tài liệu",
                "Xóa kết quả theo chỉ tiêu {key}"},
        {"GET", "/api/v1/inspections", api_inspection_list, R, SCOPE_QUERY, NULL, 0,
                api_inspection_list_params, "Kết quả, kiểm tra, tài liệu",
                "Danh sách đợt kiểm tra, giám sát", NULL, &api_inspection_schema},
        {"POST", "/api/v1/inspections", api_inspection_create, W, SCOPE_BODY, NULL, 0, NULL,
                "Kết quả, kiểm tra, tài liệu",
                "Thêm đợt kiểm tra của tỉnh (kiểm tra đề án: POST /projects/{id}/inspections)",
                &api_inspection_schema, &api_inspection_schema},
        {"GET", "/api/v1/inspections/{id}", api_inspection_get, R, SCOPE_RECORD,
                api_inspection_load, 0, NULL, "Kết quả, kiểm tra, tài liệu", "Một đợt kiểm tra",
                NULL, &api_inspection_schema},
        {"PATCH", "/api/v1/inspections/{id}", api_inspection_update, W, SCOPE_RECORD,
                api_inspection_load, 0, NULL, "Kết quả, kiểm tra, tài liệu",
                "Sửa đợt kiểm tra (các trường gửi lên)", &api_inspection_schema,
                &api_inspection_schema},
        {"DELETE", "/api/v1/inspections/{id}", api_inspection_delete, W, SCOPE_RECORD,
                api_inspection_load, 0, NULL, "Kết quả, kiểm tra, tài liệu", "Xóa đợt kiểm tra"},
        {"GET", "/api/v1/projects/{id}/inspections", api_project_inspection_list, R, SCOPE_RECORD,
                api_project_load, 0, api_project_inspection_params, "Kết quả, kiểm tra, tài liệu",
                "Các đợt kiểm tra đề án", NULL, &api_inspection_schema},
        {"POST", "/api/v1/projects/{id}/inspections", api_project_inspection_create, W,
                SCOPE_RECORD, api_project_load, 0, NULL, "Kết quả, kiểm tra, tài liệu",
                "Thêm đợt kiểm tra đề án", &api_inspection_schema, &api_inspection_schema},
        {"GET", "/api/v1/projects/{id}/documents", api_document_list, R, SCOPE_RECORD,
                api_project_load, 0, NULL, "Kết quả, kiểm tra, tài liệu", "Tài liệu của đề án",
                NULL, &api_document_schema},
        {"POST", "/api/v1/projects/{id}/documents", api_document_upload, W, SCOPE_RECORD,
                api_project_load, ROUTE_UPLOAD, api_document_upload_params,
                "Kết quả, kiểm tra, tài liệu",
                "Tải lên tài liệu: thân yêu cầu là nội dung tệp, Content-Type là kiểu tệp", NULL,
                &api_document_schema},
        {"GET", "/api/v1/projects/{id}/documents/{sub}", api_document_download, R, SCOPE_RECORD,
                api_document_load, 0, NULL, "Kết quả, kiểm tra, tài liệu",
                "Tải xuống tài liệu (nội dung tệp, Content-Disposition: attachment)"},
        {"DELETE", "/api/v1/projects/{id}/documents/{sub}", api_document_delete, W, SCOPE_RECORD,
                api_document_load, 0, NULL, "Kết quả, kiểm tra, tài liệu",
                "Xóa tài liệu (tệp được giữ lại: nội dung có thể dùng chung)"},

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
