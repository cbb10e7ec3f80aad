/* api_activity.c — the activities reports count, one record each:
 * /api/v1/trainings, /api/v1/fairs, /api/v1/media, /api/v1/study-tours and
 * /api/v1/consulting (the fee-based consulting service), and
 * /api/v1/activity-totals, their sums for the reports.
 *
 * The five record types have the same shape of API, so they are declared
 * once as data (kinds[] below: path, schema, store functions) and served by
 * one set of handlers (list, create, read, update, delete, history), which
 * find their kind from the route's pattern. The records carry no version:
 * an update overwrites what is stored (the last write wins) and a delete
 * needs no If-Match. */
#include <stddef.h>
#include <string.h>

#include "api/api.h"
#include "api/api_activity.h"
#include "api/api_routes.h"

/* ---- Schemas ---------------------------------------------------------------------------- */

#define PROJECT_FIELD(T)                                                                           \
	FIELD_I64(T, project_id, 0, FORMAT_PLAIN, 0,                                               \
	        "Đề án đã chi cho hoạt động (số bản ghi), cùng tỉnh ngày nay; null nếu không có")
#define PROVINCE_FIELDS(T)                                                                         \
	FIELD_TEXT(T, province_list, FORMAT_PLAIN, FIELD_REQUIRED,                                 \
	        "Danh mục của tỉnh: current hoặc legacy (có hiệu lực trong năm của bản ghi)"),     \
	        FIELD_TEXT(T, province_code, FORMAT_PLAIN, FIELD_REQUIRED, "Mã tỉnh")

static const Field training_fields[] = {
        FIELD_I64(TrainingClass, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        PROJECT_FIELD(TrainingClass),
        PROVINCE_FIELDS(TrainingClass),
        FIELD_TEXT(TrainingClass, kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại: vocational, craft_transmission, management, startup, staff, "
                "cleaner_production, other"),
        FIELD_TEXT(TrainingClass, title, FORMAT_PLAIN, FIELD_REQUIRED, "Tên lớp"),
        FIELD_TEXT(TrainingClass, start_date, FORMAT_DATE, 0,
                "Ngày khai giảng (cần ngày khai giảng hoặc bế giảng)"),
        FIELD_TEXT(TrainingClass, end_date, FORMAT_DATE, 0, "Ngày bế giảng"),
        FIELD_I64(TrainingClass, classes, -1, FORMAT_PLAIN, 0, "Số lớp, mặc định 1"),
        FIELD_I64(TrainingClass, trainees, -1, FORMAT_PLAIN, FIELD_REQUIRED, "Số học viên"),
        FIELD_I64(TrainingClass, women, -1, FORMAT_PLAIN, 0, "Trong đó nữ"),
        FIELD_I64(TrainingClass, ethnic_minority, -1, FORMAT_PLAIN, 0,
                "Trong đó người dân tộc thiểu số"),
        FIELD_I64(TrainingClass, jobs_created, -1, FORMAT_PLAIN, 0, "Số việc làm tạo ra"),
        FIELD_TEXT(TrainingClass, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_training_schema =
        SCHEMA("TrainingClass", training_fields, "Khóa đào tạo: một hoặc nhiều lớp cùng loại");

static const Field fair_fields[] = {
        FIELD_I64(Fair, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        PROJECT_FIELD(Fair),
        PROVINCE_FIELDS(Fair),
        FIELD_TEXT(Fair, name, FORMAT_PLAIN, FIELD_REQUIRED, "Tên hội chợ, triển lãm"),
        FIELD_TEXT(Fair, place, FORMAT_PLAIN, 0, "Nơi tổ chức"),
        FIELD_TEXT(Fair, scope, FORMAT_PLAIN, 0,
                "Quy mô: provincial (mặc định), regional, national, international"),
        FIELD_TEXT(
                Fair, start_date, FORMAT_DATE, 0, "Ngày khai mạc (cần ngày khai mạc hoặc bế mạc)"),
        FIELD_TEXT(Fair, end_date, FORMAT_DATE, 0, "Ngày bế mạc"),
        FIELD_I64(Fair, booths, -1, FORMAT_PLAIN, 0, "Số gian hàng"),
        FIELD_I64(Fair, participations, -1, FORMAT_PLAIN, 0, "Số lượt cơ sở tham gia"),
        FIELD_TEXT(Fair, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_fair_schema = SCHEMA("Fair", fair_fields, "Hội chợ, triển lãm tỉnh hỗ trợ");

static const Field media_fields[] = {
        FIELD_I64(MediaItem, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        PROJECT_FIELD(MediaItem),
        PROVINCE_FIELDS(MediaItem),
        FIELD_TEXT(MediaItem, kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "Loại: special_page, handbook, leaflet, newspaper, tv_radio, letter, website, "
                "other"),
        FIELD_I64(MediaItem, quantity, -1, FORMAT_PLAIN, FIELD_REQUIRED, "Số lượng"),
        FIELD_TEXT(MediaItem, issued_on, FORMAT_DATE, 0, "Ngày phát hành (trong năm)"),
        FIELD_INT(MediaItem, year, 0, FORMAT_YEAR, 0, "Năm; null: năm của ngày phát hành"),
        FIELD_TEXT(MediaItem, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_media_schema =
        SCHEMA("MediaItem", media_fields, "Ấn phẩm, tin bài thông tin tuyên truyền cùng loại");

static const Field tour_fields[] = {
        FIELD_I64(StudyTour, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        PROJECT_FIELD(StudyTour),
        PROVINCE_FIELDS(StudyTour),
        FIELD_TEXT(StudyTour, start_date, FORMAT_DATE, 0, "Ngày đi (trong năm)"),
        FIELD_INT(StudyTour, year, 0, FORMAT_YEAR, 0, "Năm; null: năm của ngày đi"),
        FIELD_I64(StudyTour, delegations, -1, FORMAT_PLAIN, 0, "Số đoàn, mặc định 1"),
        FIELD_I64(StudyTour, participants, -1, FORMAT_PLAIN, FIELD_REQUIRED, "Số người"),
        FIELD_TEXT(StudyTour, places, FORMAT_PLAIN, 0, "Nơi đến, như ghi trong hồ sơ"),
        FIELD_TEXT(StudyTour, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_tour_schema = SCHEMA("StudyTour", tour_fields, "Đoàn tham quan học tập");

static const Field consulting_fields[] = {
        FIELD_I64(ConsultingService, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        PROVINCE_FIELDS(ConsultingService),
        FIELD_TEXT(ConsultingService, period, FORMAT_PLAIN, FIELD_REQUIRED,
                "Kỳ (\"2016-H1\", \"6 tháng đầu năm 2016\"); các kỳ của một tỉnh không "
                "chồng nhau"),
        FIELD_I64(ConsultingService, projects, -1, FORMAT_PLAIN, 0, "Số dự án được tư vấn"),
        FIELD_I64(ConsultingService, revenue, -1, FORMAT_MONEY, 0, "Doanh thu (đồng)"),
        FIELD_TEXT(ConsultingService, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_consulting_schema = SCHEMA("ConsultingService", consulting_fields,
        "Kết quả dịch vụ tư vấn phát triển công nghiệp có thu trong một kỳ");

/* Sums are never unknown: INT64_MIN is a value no sum takes. */
static const Field training_total_fields[] = {
        FIELD_I64(TrainingTotals, classes, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY, "Số lớp"),
        FIELD_I64(TrainingTotals, trainees, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY, "Số học viên"),
        FIELD_I64(TrainingTotals, women, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY, "Trong đó nữ"),
        FIELD_I64(TrainingTotals, ethnic_minority, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY,
                "Trong đó người dân tộc thiểu số"),
        FIELD_I64(TrainingTotals, jobs, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY,
                "Số việc làm tạo ra"),
};
static const Schema training_totals_schema =
        SCHEMA("TrainingTotals", training_total_fields, "Tổng các lớp đào tạo");

static const Field total_fields[] = {
        FIELD_I64(ActivityTotals, fairs, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY,
                "Số hội chợ, triển lãm"),
        FIELD_I64(ActivityTotals, booths, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY, "Số gian hàng"),
        FIELD_I64(ActivityTotals, participations, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY,
                "Số lượt cơ sở tham gia hội chợ"),
        FIELD_I64(ActivityTotals, tours, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY,
                "Số đoàn tham quan học tập"),
        FIELD_I64(ActivityTotals, tour_participants, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY,
                "Số người đi tham quan học tập"),
        FIELD_I64(ActivityTotals, consulting_projects, INT64_MIN, FORMAT_PLAIN, FIELD_READONLY,
                "Số dự án được tư vấn"),
        FIELD_I64(ActivityTotals, consulting_revenue, INT64_MIN, FORMAT_MONEY, FIELD_READONLY,
                "Doanh thu tư vấn (đồng)"),
};
const Schema api_activity_totals_schema = SCHEMA("ActivityTotals", total_fields,
        "Tổng các hoạt động; thêm \"training\" (TrainingTotals), \"training_by_kind\" (theo "
        "loại lớp) và \"media\" (số lượng theo loại ấn phẩm)");

/* ---- Parameters ------------------------------------------------------------------------- */

static const char *const training_kinds[] = {"vocational", "craft_transmission", "management",
        "startup", "staff", "cleaner_production", "other", NULL};
static const char *const fair_scopes[] = {
        "provincial", "regional", "national", "international", NULL};
static const char *const media_kinds[] = {"special_page", "handbook", "leaflet", "newspaper",
        "tv_radio", "letter", "website", "other", NULL};

#define YEAR_PARAMS                                                                                \
	{"year_from", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Từ năm", false},           \
	{                                                                                          \
		"year_to", PARAM_INT, STORE_YEAR_MIN, STORE_YEAR_MAX, NULL, "Đến năm", false       \
	}
#define PERIOD_PARAM                                                                               \
	{                                                                                          \
		"period", PARAM_TEXT, 0, 64, NULL,                                                 \
		        "Kỳ báo cáo (\"2016-H1\", \"6 tháng đầu năm 2016\")", false                \
	}
#define PROJECT_PARAM                                                                              \
	{                                                                                          \
		"project_id", PARAM_INT, 1, INT64_MAX, NULL, "Đề án đã chi (số bản ghi)", false    \
	}

const Param api_training_list_params[] = {
        API_PROVINCE_PARAM,
        YEAR_PARAMS,
        PERIOD_PARAM,
        PROJECT_PARAM,
        {"kind", PARAM_ENUM, 0, 0, training_kinds, "Loại lớp", false},
        API_PAGE_PARAMS,
        {NULL},
};
const Param api_fair_list_params[] = {
        API_PROVINCE_PARAM,
        YEAR_PARAMS,
        PERIOD_PARAM,
        PROJECT_PARAM,
        {"scope", PARAM_ENUM, 0, 0, fair_scopes, "Quy mô hội chợ", false},
        API_PAGE_PARAMS,
        {NULL},
};
const Param api_media_list_params[] = {
        API_PROVINCE_PARAM,
        YEAR_PARAMS,
        PERIOD_PARAM,
        PROJECT_PARAM,
        {"kind", PARAM_ENUM, 0, 0, media_kinds, "Loại ấn phẩm", false},
        API_PAGE_PARAMS,
        {NULL},
};
const Param api_tour_list_params[] = {
        API_PROVINCE_PARAM,
        YEAR_PARAMS,
        PERIOD_PARAM,
        PROJECT_PARAM,
        API_PAGE_PARAMS,
        {NULL},
};
const Param api_consulting_list_params[] = {
        API_PROVINCE_PARAM,
        YEAR_PARAMS,
        PERIOD_PARAM,
        API_PAGE_PARAMS,
        {NULL},
};
const Param api_activity_totals_params[] = {
        API_PROVINCE_PARAM,
        YEAR_PARAMS,
        {NULL},
};

/* ---- The five kinds as data ------------------------------------------------------------- */

/* The store's functions of record type T and list type L
 * (store_activity_NAME_*) behind the table's untyped signatures: only the
 * pointer types change. Deletes take no record and need no adapter. */
#define ADAPTERS(NAME, T, L)                                                                       \
	static void NAME##_blank(void *out)                                                        \
	{                                                                                          \
		*(T *)out = store_activity_##NAME##_blank();                                       \
	}                                                                                          \
	static int NAME##_create(Db *db, const Actor *a, const void *in, int64_t *id, Err *e)      \
	{                                                                                          \
		return store_activity_##NAME##_create(db, a, in, id, e);                           \
	}                                                                                          \
	static int NAME##_update(Db *db, const Actor *a, const void *in, Err *e)                   \
	{                                                                                          \
		return store_activity_##NAME##_update(db, a, in, e);                               \
	}                                                                                          \
	static int NAME##_get(Db *db, int64_t id, Arena *arena, void *out, Err *e)                 \
	{                                                                                          \
		return store_activity_##NAME##_get(db, id, arena, out, e);                         \
	}                                                                                          \
	static int NAME##_list(                                                                    \
	        Db *db, const ActivityFilter *f, Arena *arena, ActivityPage *out, Err *e)          \
	{                                                                                          \
		L l = {0};                                                                         \
		int rc = store_activity_##NAME##_list(db, f, arena, &l, e);                        \
		*out = (ActivityPage){l.v, l.n, l.total};                                          \
		return rc;                                                                         \
	}

ADAPTERS(training, TrainingClass, TrainingList)
ADAPTERS(fair, Fair, FairList)
ADAPTERS(media, MediaItem, MediaList)
ADAPTERS(tour, StudyTour, TourList)
ADAPTERS(consulting, ConsultingService, ConsultingList)

#define SHAPE(T) sizeof(T), offsetof(T, province_list), offsetof(T, province_code)
#define STORE(NAME)                                                                                \
	NAME##_blank, NAME##_create, NAME##_update, store_activity_##NAME##_delete, NAME##_get,    \
	        NAME##_list

static const ActivityKind kinds[] = {
        {"/api/v1/trainings", "training_class", &api_training_schema, SHAPE(TrainingClass), "kind",
                STORE(training)},
        {"/api/v1/fairs", "fair", &api_fair_schema, SHAPE(Fair), "scope", STORE(fair)},
        {"/api/v1/media", "media_item", &api_media_schema, SHAPE(MediaItem), "kind", STORE(media)},
        {"/api/v1/study-tours", "study_tour", &api_tour_schema, SHAPE(StudyTour), NULL,
                STORE(tour)},
        {"/api/v1/consulting", "consulting_service", &api_consulting_schema,
                SHAPE(ConsultingService), NULL, STORE(consulting)},
};

const ActivityKind *api_activity_kind(const char *path)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t n = strlen(kinds[i].collection);
		if (!strncmp(path, kinds[i].collection, n) && (!path[n] || path[n] == '/'))
			return &kinds[i];
	}
	return NULL;
}

/* The kind the route serves: its pattern is the collection or under it.
 * NULL only for a route table that names these handlers elsewhere. */
static const ActivityKind *kind_of(Ctx *c)
{
	const ActivityKind *k = api_activity_kind(c->route->pattern);
	if (!k)
		err_set(&c->err, KC_EIO, "no activity kind for route '%s'", c->route->pattern);
	return k;
}

static const char *text_at(const void *rec, size_t off)
{
	return *(const char *const *)((const char *)rec + off);
}

/* ---- Handlers --------------------------------------------------------------------------- */

int api_activity_load(Ctx *c, char province[3])
{
	const ActivityKind *k = kind_of(c);
	if (!k)
		return KC_EIO;
	void *rec = arena_alloc(c->arena, k->size);
	int rc = k->get(c->db, c->id, c->arena, rec, &c->err);
	if (rc)
		return rc;
	c->rec = rec;
	return api_current_province(
	        c, text_at(rec, k->list_at), text_at(rec, k->code_at), province);
}

int api_activity_list(Ctx *c)
{
	const ActivityKind *k = kind_of(c);
	if (!k)
		return KC_EIO;
	ActivityFilter f = store_activity_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.year_from = (int)api_int(c, "year_from", 0);
	f.year_to = (int)api_int(c, "year_to", 0);
	f.period = api_text(c, "period");
	f.project_id = api_int(c, "project_id", 0);
	f.kind = k->kind_param ? api_text(c, k->kind_param) : NULL;
	f.limit = api_limit(c);
	f.offset = api_offset(c);
	ActivityPage page;
	int rc = k->list(c->db, &f, c->arena, &page, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < page.n; i++)
		schema_write(&w, k->schema, (const char *)page.v + (size_t)i * k->size);
	api_list_end(c, &w, page.total);
	return 0;
}

int api_activity_get(Ctx *c)
{
	const ActivityKind *k = kind_of(c);
	return k ? api_record(c, 200, k->schema, c->rec, 0) : KC_EIO;
}

int api_activity_create(Ctx *c)
{
	const ActivityKind *k = kind_of(c);
	if (!k)
		return KC_EIO;
	void *in = arena_alloc(c->arena, k->size);
	k->blank(in);
	int64_t id;
	int rc = http_body_read(c, k->schema, NULL, in);
	if (!rc)
		rc = k->create(c->db, &c->actor, in, &id, &c->err);
	if (!rc)
		rc = k->get(c->db, id, c->arena, in, &c->err);
	return rc ? rc : api_created(c, k->collection, id, k->schema, in, 0);
}

/* The fields sent replace the stored ones; there is no version to check. */
int api_activity_update(Ctx *c)
{
	const ActivityKind *k = kind_of(c);
	if (!k)
		return KC_EIO;
	void *in = arena_alloc(c->arena, k->size);
	memcpy(in, c->rec, k->size);
	int rc = http_body_read(c, k->schema, NULL, in);
	if (!rc)
		rc = k->update(c->db, &c->actor, in, &c->err);
	if (!rc)
		rc = k->get(c->db, c->id, c->arena, in, &c->err);
	return rc ? rc : api_record(c, 200, k->schema, in, 0);
}

int api_activity_delete(Ctx *c)
{
	const ActivityKind *k = kind_of(c);
	if (!k)
		return KC_EIO;
	int rc = k->remove(c->db, &c->actor, c->id, &c->err);
	return rc ? rc : api_no_content(c);
}

int api_activity_audit(Ctx *c)
{
	const ActivityKind *k = kind_of(c);
	return k ? api_audit_history(c, k->table, NULL) : KC_EIO;
}

/* ---- Totals ----------------------------------------------------------------------------- */

int api_activity_totals(Ctx *c)
{
	ActivityTotals t;
	int rc = store_activity_totals_current(c->db, *c->province ? c->province : NULL,
	        (int)api_int(c, "year_from", 0), (int)api_int(c, "year_to", 0), &t, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_begin(c, 200, &w);
	json_obj(&w);
	schema_write_fields(&w, &api_activity_totals_schema, &t);
	json_key(&w, "training");
	schema_write(&w, &training_totals_schema, &t.training);
	json_key(&w, "training_by_kind");
	json_obj(&w);
	for (int i = 0; i < ACT_TRAIN_KINDS; i++) {
		json_key(&w, store_activity_training_kind(i));
		schema_write(&w, &training_totals_schema, &t.by_kind[i]);
	}
	json_obj_end(&w);
	json_key(&w, "media");
	json_obj(&w);
	for (int i = 0; i < ACT_MEDIA_KINDS; i++) {
		json_key(&w, store_activity_media_kind(i));
		json_int(&w, t.media[i]);
	}
	json_obj_end(&w);
	json_obj_end(&w);
	return buf_err(&c->res->body) ? err_set(&c->err, KC_ETOOBIG, "answer too large") : 0;
}
