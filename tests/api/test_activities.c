/* test_activities.c — the five activity records (trainings, fairs, media,
 * study tours, consulting) through the router, one table of cases for the
 * shape they share (create, read, partial update without versions, list,
 * delete without If-Match, scope), then each list's own filters, the
 * totals by current province and the request errors. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* One kind of record: a valid body of legacy Sóc Trăng (94, now part of
 * Cần Thơ, 92), a partial update and the integer field it changes. */
typedef struct Kind {
	const char *name, *collection, *body, *patch, *field;
	int64_t before, after;
} Kind;

static const Kind kinds[] = {
        {"trainings", "/api/v1/trainings",
                "{\"province_list\": \"legacy\", \"province_code\": \"94\","
                " \"kind\": \"craft_transmission\", \"title\": \"Lớp truyền nghề đan lát\","
                " \"start_date\": \"05/03/2016\", \"end_date\": \"2016-04-20\", \"trainees\": 30,"
                " \"women\": 18}",
                "{\"jobs_created\": 25}", "jobs_created", INT64_MIN, 25},
        {"fairs", "/api/v1/fairs",
                "{\"province_list\": \"legacy\", \"province_code\": \"94\", \"name\": \"Hội chợ"
                " hàng CNNT tiêu biểu khu vực phía Nam\", \"scope\": \"regional\","
                " \"start_date\": \"2016-10-01\", \"booths\": 12}",
                "{\"booths\": 14}", "booths", 12, 14},
        {"media", "/api/v1/media",
                "{\"province_list\": \"legacy\", \"province_code\": \"94\", \"kind\": \"leaflet\","
                " \"quantity\": 5500, \"year\": 2016}",
                "{\"quantity\": 6000}", "quantity", 5500, 6000},
        {"study tours", "/api/v1/study-tours",
                "{\"province_list\": \"legacy\", \"province_code\": \"94\", \"year\": 2016,"
                " \"participants\": 11, \"places\": \"An Giang, Kiên Giang\"}",
                "{\"participants\": 12}", "participants", 11, 12},
        {"consulting", "/api/v1/consulting",
                "{\"province_list\": \"legacy\", \"province_code\": \"94\","
                " \"period\": \"6 tháng đầu năm 2016\", \"projects\": 10, \"revenue\": 150000000}",
                "{\"revenue\": 180000000}", "revenue", 150000000, 180000000},
};

static int64_t create(ApiTest *t, const char *as, const char *collection, const char *body)
{
	ApiRes r;
	apitest_call(t, as, "POST", collection, body, NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char want[96];
	snprintf(want, sizeof want, "%s/%lld", collection, (long long)id);
	assert_string_equal(r.location, want);
	assert_string_equal(r.etag, ""); /* no versions */
	apires_free(&r);
	return id;
}

static void every_kind_the_same_way(void **state)
{
	const Kind *k = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	int64_t id = create(&t, "staff", k->collection, k->body);
	char path[96];
	snprintf(path, sizeof path, "%s/%lld", k->collection, (long long)id);
	ApiRes r;
	apitest_call(&t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "province_code"), "94");
	assert_int_equal(apires_int(&r, k->field), k->before);
	apires_free(&r);
	/* A partial update needs no version: the fields sent replace the stored
	 * ones, the others stay. */
	apitest_call(&t, "staff", "PATCH", path, k->patch, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, k->field), k->after);
	assert_string_equal(apires_str(&r, "province_list"), "legacy");
	apires_free(&r);
	assert_history(&t, path, 2, "update");
	/* Listed under today's Cần Thơ, not under Hà Nội. */
	apitest_call(&t, "viewer", "GET", k->collection, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_int_equal(apires_int(&r, "items.0.id"), id);
	apires_free(&r);
	apitest_call(&t, "other", "GET", k->collection, NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	/* Scope: another province, a viewer's write, no one signed in. */
	apitest_call(&t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(&t, "other", "POST", k->collection, k->body, NULL, &r);
	assert_status(&r, 403);
	assert_string_equal(apires_str(&r, "error.field"), "province_code");
	apires_free(&r);
	apitest_call(&t, "viewer", "PATCH", path, k->patch, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(&t, NULL, "GET", k->collection, NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	apitest_call(&t, "staff", "PATCH", path, "{\"province_code\": \"01\"}", NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	/* Unknown fields and wrong types name the field. */
	apitest_call(&t, "staff", "PATCH", path, "{\"colour\": \"blue\"}", NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "colour");
	apires_free(&r);
	char wrong[64];
	snprintf(wrong, sizeof wrong, "{\"%s\": \"many\"}", k->field);
	apitest_call(&t, "staff", "PATCH", path, wrong, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), k->field);
	apires_free(&r);
	/* A delete needs no If-Match. */
	apitest_call(&t, "staff", "DELETE", path, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(&t, "staff", "GET", path, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	assert_int_equal(db_scalar(t.db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                                    " ON u.id = a.user_id WHERE u.username = 'staff'"
	                                    " AND a.via = 'http'"),
	        3);
	apitest_close(&t);
}

static void add_training(ApiTest *t, const char *kind, const char *start, int trainees)
{
	char body[320];
	snprintf(body, sizeof body,
	        "{\"province_list\": \"legacy\", \"province_code\": \"94\", \"kind\": \"%s\","
	        " \"title\": \"Lớp %s\", \"start_date\": \"%s\", \"trainees\": %d}",
	        kind, kind, start, trainees);
	create(t, "staff", "/api/v1/trainings", body);
}

static void list_filters(void **state)
{
	ApiTest *t = *state;
	add_training(t, "startup", "2016-12-20", 40);
	add_training(t, "craft_transmission", "2016-03-05", 30);
	add_training(t, "staff", "2017-01-10", 120);
	create(t, "staff", "/api/v1/fairs", kinds[1].body);
	create(t, "staff", "/api/v1/media", kinds[2].body);
	ApiRes r;
	apitest_call(t, "viewer", "GET", "/api/v1/trainings", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 3);
	assert_string_equal(apires_str(&r, "items.0.start_date"), "2016-03-05"); /* by date */
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/trainings?kind=startup", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/trainings?year_from=2017", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/trainings?period=2016-H2", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/trainings?limit=1&offset=2", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 3);
	assert_int_equal(json_array_size(json_object_get(r.json, "items")), 1);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/fairs?scope=national", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/fairs?scope=regional", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/media?kind=leaflet&year_to=2016", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/trainings?province=01", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/trainings", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 3);
	apires_free(&r);
}

static void totals_by_current_province(void **state)
{
	ApiTest *t = *state;
	for (size_t i = 0; i < COUNT_OF(kinds); i++)
		create(t, "staff", kinds[i].collection, kinds[i].body);
	add_training(t, "craft_transmission", "2019-08-05", 30);
	create(t, "other", "/api/v1/trainings",
	        "{\"province_list\": \"legacy\", \"province_code\": \"01\", \"kind\": \"staff\","
	        " \"title\": \"Tập huấn cán bộ\", \"start_date\": \"2016-05-01\", \"trainees\": 80}");
	ApiRes r;
	apitest_call(t, "viewer", "GET", "/api/v1/activity-totals", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "training.classes"), 2);
	assert_int_equal(apires_int(&r, "training.trainees"), 60);
	assert_int_equal(apires_int(&r, "training.women"), 18);
	assert_int_equal(apires_int(&r, "training_by_kind.craft_transmission.trainees"), 60);
	assert_int_equal(apires_int(&r, "training_by_kind.staff.trainees"), 0);
	assert_int_equal(apires_int(&r, "fairs"), 1);
	assert_int_equal(apires_int(&r, "booths"), 12);
	assert_int_equal(apires_int(&r, "participations"), 0); /* unknown counts as none */
	assert_int_equal(apires_int(&r, "media.leaflet"), 5500);
	assert_int_equal(apires_int(&r, "media.website"), 0);
	assert_int_equal(apires_int(&r, "tours"), 1);
	assert_int_equal(apires_int(&r, "tour_participants"), 11);
	assert_int_equal(apires_int(&r, "consulting_projects"), 10);
	assert_int_equal(apires_int(&r, "consulting_revenue"), 150000000);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/activity-totals?year_from=2017&year_to=2020",
	        NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "training.trainees"), 30);
	assert_int_equal(apires_int(&r, "fairs"), 0);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/activity-totals", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "training.trainees"), 80);
	assert_int_equal(apires_int(&r, "fairs"), 0);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/activity-totals", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "training.trainees"), 140);
	apires_free(&r);
	apitest_call(
	        t, "ministry", "GET", "/api/v1/activity-totals?province=legacy:94", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "training.trainees"), 60);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/activity-totals?province=92", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, NULL, "GET", "/api/v1/activity-totals", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
}

/* Two results for the same months of one province would be counted twice:
 * the second is refused. */
static void consulting_periods_do_not_overlap(void **state)
{
	ApiTest *t = *state;
	create(t, "staff", "/api/v1/consulting",
	        "{\"province_list\": \"current\", \"province_code\": \"92\", \"period\": \"2026\","
	        " \"projects\": 4}");
	ApiRes r;
	apitest_call(t, "staff", "POST", "/api/v1/consulting",
	        "{\"province_list\": \"current\", \"province_code\": \"92\","
	        " \"period\": \"2026-H1\", \"projects\": 1}",
	        NULL, &r);
	assert_status(&r, 409);
	assert_string_equal(apires_str(&r, "error.field"), "period");
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM consulting_service"), 1);
}

static const ApiRefusal bad[] = {
        {"unknown field", "staff", "POST", "/api/v1/fairs",
                "{\"province_code\": \"92\", \"nmae\": \"x\"}", 400, "bad_request", "nmae"},
        {"wrong type", "staff", "POST", "/api/v1/media",
                "{\"province_code\": \"92\", \"quantity\": \"many\"}", 400, "bad_request",
                "quantity"},
        {"store validation", "staff", "POST", "/api/v1/trainings",
                "{\"province_list\": \"current\", \"province_code\": \"92\", \"kind\": \"seminar\","
                " \"title\": \"x\", \"start_date\": \"2026-03-02\", \"trainees\": 5}",
                422, "invalid", "kind"},
        {"a đề án that does not exist", "staff", "POST", "/api/v1/study-tours",
                "{\"province_list\": \"current\", \"province_code\": \"92\", \"year\": 2026,"
                " \"participants\": 5, \"project_id\": 999}",
                422, "invalid", "project_id"},
        {"kind of another record", "staff", "GET", "/api/v1/trainings?kind=leaflet", NULL, 400,
                "bad_request", "kind"},
        {"no kind on study tours", "staff", "GET", "/api/v1/study-tours?kind=x", NULL, 400,
                "bad_request", "kind"},
        {"no đề án on consulting", "staff", "GET", "/api/v1/consulting?project_id=1", NULL, 400,
                "bad_request", "project_id"},
        {"period not a period", "staff", "GET", "/api/v1/media?period=2016-H3", NULL, 422,
                "invalid", "period"},
        {"years the wrong way round", "staff", "GET",
                "/api/v1/activity-totals?year_from=2020&year_to=2016", NULL, 422, "invalid",
                "year_from"},
        {"no such record", "staff", "DELETE", "/api/v1/fairs/999999", NULL, 404, "not_found", NULL},
};

static void bad_request(void **state)
{
	const ApiRefusal *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	apitest_refused(&t, c);
	assert_int_equal(db_scalar(t.db.db, "SELECT (SELECT COUNT(*) FROM training_class)"
	                                    " + (SELECT COUNT(*) FROM fair)"
	                                    " + (SELECT COUNT(*) FROM media_item)"
	                                    " + (SELECT COUNT(*) FROM study_tour)"
	                                    " + (SELECT COUNT(*) FROM consulting_service)"),
	        0);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(kinds); i++)
		tl_addf(&tl, every_kind_the_same_way, (void *)&kinds[i], "%s", kinds[i].name);
	size_t shared = tl.n;
	TL_ADD(&tl, list_filters);
	TL_ADD(&tl, totals_by_current_province);
	TL_ADD(&tl, consulting_periods_do_not_overlap);
	for (size_t i = shared; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/activities");
}
