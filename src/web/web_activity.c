/* web_activity.c — the activities as pages (web_kind.h): training classes,
 * fairs, information (media items), study tours and the fee-based
 * consulting service, five tabs of the menu entry "Hoạt động". The store
 * calls are the API's (api_activity.h), found by each kind's API path. */
#include "api/api_activity.h"
#include "api/api_routes.h"
#include "web/web_kind.h"
#include "web/web_routes.h"

static const char *const training_kinds[] = {"vocational", "Đào tạo nghề, nâng cao tay nghề",
        "craft_transmission", "Truyền nghề", "management", "Nâng cao năng lực quản lý", "startup",
        "Khởi sự doanh nghiệp", "staff", "Tập huấn cán bộ, cơ sở", "cleaner_production",
        "Sản xuất sạch hơn", "other", "Khác"};
static const char *const training_kind_values[] = {"vocational", "craft_transmission", "management",
        "startup", "staff", "cleaner_production", "other", NULL};
static const char *const fair_scopes[] = {"provincial", "Cấp tỉnh", "regional", "Cấp vùng, khu vực",
        "national", "Quốc gia", "international", "Quốc tế"};
static const char *const fair_scope_values[] = {
        "provincial", "regional", "national", "international", NULL};
static const char *const media_kinds[] = {"special_page", "Chuyên trang", "handbook", "Cẩm nang",
        "leaflet", "Tờ gấp", "newspaper", "Báo mua và phát hành", "tv_radio",
        "Chương trình phát thanh, truyền hình", "letter", "Thư gửi cơ sở", "website",
        "Trang thông tin điện tử", "other", "Khác"};
static const char *const media_kind_values[] = {"special_page", "handbook", "leaflet", "newspaper",
        "tv_radio", "letter", "website", "other", NULL};

/* ---- The list's parameters --------------------------------------------------------------- */

#define ACTIVITY_PARAMS                                                                            \
	WEB_KIND_LIST_PARAMS,                                                                      \
	        {"year", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Năm", false},           \
	{                                                                                          \
		"period", PARAM_TEXT, 0, 64, NULL, "Kỳ (\"2016-H1\", \"6 tháng đầu năm 2016\")",   \
		        false                                                                      \
	}
#define PROJECT_PARAM                                                                              \
	{                                                                                          \
		"project", PARAM_INT, 1, INT64_MAX, NULL, "Đề án đã chi (số)", false               \
	}

const Param web_training_list_params[] = {ACTIVITY_PARAMS, PROJECT_PARAM,
        {"kind", PARAM_ENUM, 0, 0, training_kind_values, "Loại lớp", false}, {NULL}};
const Param web_fair_list_params[] = {ACTIVITY_PARAMS, PROJECT_PARAM,
        {"kind", PARAM_ENUM, 0, 0, fair_scope_values, "Quy mô", false}, {NULL}};
const Param web_media_list_params[] = {ACTIVITY_PARAMS, PROJECT_PARAM,
        {"kind", PARAM_ENUM, 0, 0, media_kind_values, "Loại ấn phẩm", false}, {NULL}};
const Param web_tour_list_params[] = {ACTIVITY_PARAMS, PROJECT_PARAM, {NULL}};
const Param web_consulting_list_params[] = {ACTIVITY_PARAMS, {NULL}};

/* ---- The store, through the API's table of kinds ---------------------------------------- */

static const ActivityKind *api_kind(const WebKind *k)
{
	return api_activity_kind(k->api);
}

static void blank(const WebKind *k, void *out)
{
	api_kind(k)->blank(out);
}

static int get(Ctx *c, const WebKind *k, int64_t id, void *out)
{
	return api_kind(k)->get(c->db, id, c->arena, out, &c->err);
}

static int list(Ctx *c, const WebKind *k, int limit, int offset, WebRows *out)
{
	const ActivityKind *a = api_kind(k);
	ActivityFilter f = store_activity_filter();
	f.current_province = web_kind_province(c);
	f.year_from = f.year_to = (int)web_kind_int(c, "year", 0);
	f.period = web_kind_text(c, "period");
	f.project_id = web_kind_int(c, "project", 0);
	f.kind = a->kind_param ? web_kind_text(c, "kind") : NULL;
	f.limit = limit;
	f.offset = offset;
	ActivityPage p = {0};
	int rc = a->list(c->db, &f, c->arena, &p, &c->err);
	*out = (WebRows){p.v, p.n, p.total};
	return rc;
}

static int create(Ctx *c, const WebKind *k, void *in, int64_t *id)
{
	return api_kind(k)->create(c->db, &c->actor, in, id, &c->err);
}

static int update(Ctx *c, const WebKind *k, void *in)
{
	return api_kind(k)->update(c->db, &c->actor, in, &c->err);
}

static int remove_record(Ctx *c, const WebKind *k, const void *rec)
{
	return api_kind(k)->remove(c->db, &c->actor, web_kind_num(k, rec, "id"), &c->err);
}

#define STORE_CALLS                                                                                \
	.blank = blank, .get = get, .list = list, .create = create, .update = update,              \
	.remove = remove_record
#define ACTIVITY(T)                                                                                \
	.group = "Hoạt động", .nav = "hoat-dong", .size = sizeof(T),                               \
	.links = {{"/hoat-dong/tong-hop", "Tổng hợp các năm", ROLE_VIEWER}}

/* ---- The filters every activity has -------------------------------------------------------- */

#define SEARCH_FILTER(label)                                                                       \
	{                                                                                          \
		"q", label, WW_TEXT                                                                \
	}
#define COMMON_FILTERS                                                                             \
	{"province", "Tỉnh", WW_PROVINCE}, {"year", "Năm", WW_YEAR},                               \
	{                                                                                          \
		"period", "Kỳ", WW_TEXT, .hint = "2016-H1, 6 tháng đầu năm 2016"              \
	}
#define PROJECT_FILTER                                                                             \
	{                                                                                          \
		"project", "Đề án (số)", WW_PROJECT                                                \
	}
#define PROVINCE_FIELD                                                                             \
	{                                                                                          \
		"province_code", "Tỉnh", WW_PROVINCE, WF_LIST | WF_REQUIRED | WF_SEARCH            \
	}
#define PROJECT_FIELD                                                                                               \
	{                                                                                                           \
		"project_id", "Đề án đã chi", WW_PROJECT, 0,                                                        \
		        .hint = "Số của đề án (ở đầu trang đề án); để trống nếu không có" \
	}
#define NOTE_FIELD                                                                                 \
	{                                                                                          \
		"note", "Ghi chú", WW_NOTE, WF_SEARCH                                              \
	}
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- Training classes ----------------------------------------------------------------------- */

static const WebField training_fields[] = {
        {"title", "Tên lớp", WW_TEXT, WF_LIST | WF_TITLE | WF_SEARCH | WF_REQUIRED},
        {"kind", "Loại lớp", WW_CHOICE, WF_LIST | WF_REQUIRED, training_kinds, 7},
        PROVINCE_FIELD,
        {"start_date", "Ngày khai giảng", WW_DATE, WF_LIST,
                .hint = "Cần ngày khai giảng hoặc bế giảng"},
        {"end_date", "Ngày bế giảng", WW_DATE},
        {"classes", "Số lớp", WW_INT, 0, .hint = "Để trống: 1 lớp"},
        {"trainees", "Số học viên", WW_INT, WF_LIST | WF_REQUIRED},
        {"women", "Trong đó nữ", WW_INT},
        {"ethnic_minority", "Trong đó người dân tộc thiểu số", WW_INT},
        {"jobs_created", "Số việc làm tạo ra", WW_INT},
        PROJECT_FIELD,
        NOTE_FIELD,
};
static const WebField training_filters[] = {SEARCH_FILTER("Tìm theo tên lớp"), COMMON_FILTERS,
        {"kind", "Loại lớp", WW_CHOICE, 0, training_kinds, 7}, PROJECT_FILTER};

const WebKind web_kind_training = {
        ACTIVITY(TrainingClass),
        .path = "/dao-tao",
        .tab = "Đào tạo",
        .title = "Lớp đào tạo, tập huấn",
        .one = "Lớp đào tạo",
        .add = "Thêm lớp đào tạo",
        .edit = "Sửa lớp đào tạo",
        .empty = "Không có lớp đào tạo nào khớp với điều kiện lọc.",
        .file = "lop-dao-tao",
        .export_title = "DANH SÁCH LỚP ĐÀO TẠO, TẬP HUẤN",
        .api = "/api/v1/trainings",
        .schema = &api_training_schema,
        .fields = training_fields,
        .n_fields = COUNT(training_fields),
        .filters = training_filters,
        .n_filters = COUNT(training_filters),
        .audit = "training_class",
        STORE_CALLS,
};

/* ---- Fairs ------------------------------------------------------------------------------------
 */

static const WebField fair_fields[] = {
        {"name", "Tên hội chợ, triển lãm", WW_TEXT, WF_LIST | WF_TITLE | WF_SEARCH | WF_REQUIRED},
        {"scope", "Quy mô", WW_CHOICE, WF_LIST, fair_scopes, 4, .hint = "Để trống: cấp tỉnh"},
        PROVINCE_FIELD,
        {"start_date", "Ngày khai mạc", WW_DATE, WF_LIST, .hint = "Cần ngày khai mạc hoặc bế mạc"},
        {"end_date", "Ngày bế mạc", WW_DATE},
        {"place", "Nơi tổ chức", WW_TEXT, WF_SEARCH},
        {"booths", "Số gian hàng", WW_INT, WF_LIST},
        {"participations", "Số lượt cơ sở tham gia", WW_INT},
        PROJECT_FIELD,
        NOTE_FIELD,
};
static const WebField fair_filters[] = {SEARCH_FILTER("Tìm theo tên, nơi tổ chức"), COMMON_FILTERS,
        {"kind", "Quy mô", WW_CHOICE, 0, fair_scopes, 4}, PROJECT_FILTER};

const WebKind web_kind_fair = {
        ACTIVITY(Fair),
        .path = "/hoi-cho",
        .tab = "Hội chợ, triển lãm",
        .title = "Hội chợ, triển lãm",
        .one = "Hội chợ, triển lãm",
        .add = "Thêm hội chợ, triển lãm",
        .edit = "Sửa hội chợ, triển lãm",
        .empty = "Không có hội chợ, triển lãm nào khớp với điều kiện lọc.",
        .file = "hoi-cho-trien-lam",
        .export_title = "DANH SÁCH HỘI CHỢ, TRIỂN LÃM",
        .api = "/api/v1/fairs",
        .schema = &api_fair_schema,
        .fields = fair_fields,
        .n_fields = COUNT(fair_fields),
        .filters = fair_filters,
        .n_filters = COUNT(fair_filters),
        .audit = "fair",
        STORE_CALLS,
};

/* ---- Information (media items) ------------------------------------------------------------- */

static const WebField media_fields[] = {
        {"kind", "Loại ấn phẩm", WW_CHOICE, WF_LIST | WF_REQUIRED | WF_SEARCH, media_kinds, 8},
        PROVINCE_FIELD,
        {"year", "Năm", WW_YEAR, WF_LIST, .hint = "Để trống: năm của ngày phát hành"},
        {"issued_on", "Ngày phát hành", WW_DATE},
        {"quantity", "Số lượng", WW_INT, WF_LIST | WF_REQUIRED},
        PROJECT_FIELD,
        {"note", "Ghi chú", WW_NOTE, WF_LIST | WF_SEARCH},
};
static const WebField media_filters[] = {SEARCH_FILTER("Tìm theo loại, ghi chú"), COMMON_FILTERS,
        {"kind", "Loại ấn phẩm", WW_CHOICE, 0, media_kinds, 8}, PROJECT_FILTER};

const WebKind web_kind_media = {
        ACTIVITY(MediaItem),
        .path = "/thong-tin",
        .tab = "Thông tin, tuyên truyền",
        .title = "Thông tin, tuyên truyền",
        .one = "Ấn phẩm thông tin",
        .add = "Thêm ấn phẩm thông tin",
        .edit = "Sửa ấn phẩm thông tin",
        .empty = "Không có ấn phẩm thông tin nào khớp với điều kiện lọc.",
        .file = "thong-tin-tuyen-truyen",
        .export_title = "DANH SÁCH ẤN PHẨM THÔNG TIN, TUYÊN TRUYỀN",
        .api = "/api/v1/media",
        .schema = &api_media_schema,
        .fields = media_fields,
        .n_fields = COUNT(media_fields),
        .filters = media_filters,
        .n_filters = COUNT(media_filters),
        .audit = "media_item",
        STORE_CALLS,
};

/* ---- Study tours ------------------------------------------------------------------------------
 */

static const WebField tour_fields[] = {
        {"places", "Nơi đến", WW_TEXT, WF_LIST | WF_TITLE | WF_SEARCH,
                .hint = "Như ghi trong hồ sơ: Khánh Hòa, Bà Rịa - Vũng Tàu"},
        PROVINCE_FIELD,
        {"start_date", "Ngày đi", WW_DATE, WF_LIST},
        {"year", "Năm", WW_YEAR, WF_LIST, .hint = "Để trống: năm của ngày đi"},
        {"delegations", "Số đoàn", WW_INT, 0, .hint = "Để trống: 1 đoàn"},
        {"participants", "Số người", WW_INT, WF_LIST | WF_REQUIRED},
        PROJECT_FIELD,
        NOTE_FIELD,
};
static const WebField tour_filters[] = {
        SEARCH_FILTER("Tìm theo nơi đến"), COMMON_FILTERS, PROJECT_FILTER};

const WebKind web_kind_tour = {
        ACTIVITY(StudyTour),
        .path = "/tham-quan",
        .tab = "Tham quan học tập",
        .title = "Đoàn tham quan học tập",
        .one = "Đoàn tham quan",
        .add = "Thêm đoàn tham quan",
        .edit = "Sửa đoàn tham quan",
        .empty = "Không có đoàn tham quan nào khớp với điều kiện lọc.",
        .file = "doan-tham-quan",
        .export_title = "DANH SÁCH ĐOÀN THAM QUAN HỌC TẬP",
        .api = "/api/v1/study-tours",
        .schema = &api_tour_schema,
        .fields = tour_fields,
        .n_fields = COUNT(tour_fields),
        .filters = tour_filters,
        .n_filters = COUNT(tour_filters),
        .audit = "study_tour",
        STORE_CALLS,
};

/* ---- Consulting -------------------------------------------------------------------------------
 */

static const WebField consulting_fields[] = {
        {"period", "Kỳ", WW_TEXT, WF_LIST | WF_TITLE | WF_REQUIRED | WF_SEARCH,
                .hint = "2016-H1, 6 tháng đầu năm 2016, 2019"},
        PROVINCE_FIELD,
        {"projects", "Số dự án được tư vấn", WW_INT, WF_LIST},
        {"revenue", "Doanh thu (đồng)", WW_MONEY, WF_LIST},
        {"note", "Ghi chú", WW_NOTE, WF_LIST | WF_SEARCH},
};
static const WebField consulting_filters[] = {
        SEARCH_FILTER("Tìm theo kỳ, ghi chú"), COMMON_FILTERS};

const WebKind web_kind_consulting = {
        ACTIVITY(ConsultingService),
        .path = "/tu-van",
        .tab = "Tư vấn có thu",
        .title = "Kết quả tư vấn có thu",
        .one = "Kết quả tư vấn",
        .add = "Thêm kết quả tư vấn",
        .edit = "Sửa kết quả tư vấn",
        .empty = "Không có kết quả tư vấn nào khớp với điều kiện lọc.",
        .file = "tu-van-co-thu",
        .export_title = "KẾT QUẢ DỊCH VỤ TƯ VẤN CÓ THU",
        .api = "/api/v1/consulting",
        .schema = &api_consulting_schema,
        .fields = consulting_fields,
        .n_fields = COUNT(consulting_fields),
        .filters = consulting_filters,
        .n_filters = COUNT(consulting_filters),
        .audit = "consulting_service",
        STORE_CALLS,
};
