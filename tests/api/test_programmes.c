/* test_programmes.c — /api/v1/programmes (with their targets) and
 * /api/v1/plans (with their lines) through the router: create, read,
 * update with versions, the targets and lines one by one,
 * delete, lists by current province, national records (the Ministry's) and
 * the request errors. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* Sóc Trăng's programme 2016–2020 (legacy 94, now part of Cần Thơ, 92). */
static const char soc_trang[] =
        "{\"level\": \"local\", \"province_list\": \"legacy\", \"province_code\": \"94\","
        " \"name\": \"Chương trình khuyến công tỉnh Sóc Trăng giai đoạn 2016 - 2020\","
        " \"start_year\": 2016, \"end_year\": 2020, \"decision_date\": \"15/03/2016\"}";
static const char national[] =
        "{\"level\": \"national\", \"name\": \"Chương trình khuyến công quốc gia giai đoạn 2021 -"
        " 2025\", \"start_year\": 2021, \"end_year\": 2025, \"decision_no\": \"1881/QĐ-TTg\","
        " \"instrument_code\": \"QD1881_2020\"}";

static int64_t create(ApiTest *t, const char *as, const char *collection, const char *body)
{
	ApiRes r;
	apitest_call(t, as, "POST", collection, body, NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char want[96];
	snprintf(want, sizeof want, "%s/%lld", collection, (long long)id);
	assert_string_equal(r.location, want);
	apires_free(&r);
	return id;
}

/* Sets the target of indicator code of the programme id as manager. */
static void set_target(ApiTest *t, int64_t id, const char *code, const char *body)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/programmes/%lld/targets/%s", (long long)id, code);
	ApiRes r;
	apitest_call(t, "manager", "PUT", path, body, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "indicator_code"), code);
	apires_free(&r);
}

/* Sóc Trăng's plan for 2019 under the programme, with two lines; *first
 * (may be NULL) receives the first line's id. */
static int64_t plan_2019(ApiTest *t, int64_t programme, int64_t *first)
{
	char body[256], lines[64];
	snprintf(body, sizeof body,
	        "{\"programme_id\": %lld, \"level\": \"local\", \"province_list\": \"legacy\","
	        " \"province_code\": \"94\", \"year\": 2019, \"approver\": \"UBND tỉnh\"}",
	        (long long)programme);
	int64_t id = create(t, "manager", "/api/v1/plans", body);
	snprintf(lines, sizeof lines, "/api/v1/plans/%lld/lines", (long long)id);
	int64_t line = create(t, "manager", lines,
	        "{\"activity_code\": \"C01_TRAINING\", \"source_code\": \"provincial\","
	        " \"planned_amount\": 300000000, \"indicator_code\": \"trainees\","
	        " \"planned_qty\": 60}");
	create(t, "manager", lines, "{\"activity_code\": \"C04_PRODUCT_MARKET\"}");
	if (first)
		*first = line;
	return id;
}

static void programme_with_targets(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "manager", "/api/v1/programmes", soc_trang);
	/* Its targets as the decision states them (DOMAIN §7.1). */
	set_target(t, id, "support_amount", "{\"value\": 25000000000, \"qualifier\": \"khoảng\"}");
	set_target(t, id, "projects_count", "{\"value\": 162}");
	char path[64], targets[96], target[96];
	snprintf(path, sizeof path, "/api/v1/programmes/%lld", (long long)id);
	snprintf(targets, sizeof targets, "%s/targets", path);
	ApiRes r;
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "decision_date"), "2016-03-15");
	assert_null(json_object_get(r.json, "targets")); /* a sub-resource */
	assert_string_equal(r.etag, "\"1\"");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", targets, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.indicator_code"), "projects_count");
	assert_int_equal(apires_int(&r, "items.0.value"), 162);
	assert_null(apires_str(&r, "items.0.qualifier"));
	assert_string_equal(apires_str(&r, "items.1.qualifier"), "khoảng");
	apires_free(&r);

	/* An update leaves the targets alone, names its version, and may not
	 * send targets (they are changed one by one). */
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "manager", "PATCH", path, "{\"decision_no\": \"QĐ 512/QĐ-UBND\"}", v1, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "decision_no"), "QĐ 512/QĐ-UBND");
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", path, "{\"end_year\": 2021}", v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", path, "{\"targets\": []}", NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "targets");
	apires_free(&r);

	/* Targets: set (insert or replace) and delete, by indicator. */
	snprintf(target, sizeof target, "%s/targets/projects_count", path);
	apitest_call(
	        t, "manager", "PUT", target, "{\"value\": 170, \"qualifier\": \"trên\"}", NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "indicator_code"), "projects_count");
	assert_int_equal(apires_int(&r, "value"), 170);
	apires_free(&r);
	apitest_call(t, "manager", "PUT", target,
	        "{\"indicator_code\": \"trainees\", \"value\": 1}", NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "indicator_code");
	apires_free(&r);
	apitest_call(t, "manager", "DELETE", target, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "manager", "DELETE", target, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	snprintf(target, sizeof target, "%s/targets/no_such_indicator", path);
	apitest_call(t, "manager", "PUT", target, "{\"value\": 1}", NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "indicator_code");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", targets, NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.indicator_code"), "support_amount");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_string_equal(r.etag, "\"2\""); /* targets carry no version */
	apires_free(&r);

	assert_history(t, path, 2, "update"); /* the programme's own changes */

	/* Staff enter data but do not record the province's decisions. */
	apitest_call(t, "staff", "PATCH", path, "{\"note\": \"x\"}", NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "staff", "POST", "/api/v1/programmes", soc_trang, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);

	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "manager", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM programme_target"), 0);
	/* Each change was recorded with the acting user: the programme's insert,
	 * update and delete; its targets' two inserts, the set (an update), the
	 * delete, and the last one deleted with the programme. */
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                                     " ON u.id = a.user_id WHERE u.username = 'manager'"
	                                     " AND a.via = 'http' AND a.table_name = 'programme'"),
	        3);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                                     " ON u.id = a.user_id WHERE u.username = 'manager'"
	                                     " AND a.via = 'http'"
	                                     " AND a.table_name = 'programme_target'"),
	        5);
}

/* The national programme is the Ministry's: everyone reads it, only
 * national users write it or its targets, and no province manager turns a
 * local programme into a national one. */
static void national_programme_is_the_ministrys(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "manager", "POST", "/api/v1/programmes", national, NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "province_code");
	apires_free(&r);
	int64_t id = create(t, "ministry", "/api/v1/programmes", national);
	char path[64], target[96];
	snprintf(path, sizeof path, "/api/v1/programmes/%lld", (long long)id);
	apitest_call(t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "manager", "PATCH", path, "{\"note\": \"x\"}", v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
	snprintf(target, sizeof target, "%s/targets/projects_count", path);
	apitest_call(t, "manager", "PUT", target, "{\"value\": 1}", NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "ministry", "PUT", target, "{\"value\": 1500}", NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);

	int64_t local = create(t, "manager", "/api/v1/programmes", soc_trang);
	snprintf(path, sizeof path, "/api/v1/programmes/%lld", (long long)local);
	apitest_call(t, "manager", "PATCH", path,
	        "{\"level\": \"national\", \"province_list\": null, \"province_code\": null}", v1,
	        &r);
	assert_status(&r, 403);
	apires_free(&r);
	assert_int_equal(
	        db_scalar(t->db.db, "SELECT COUNT(*) FROM programme WHERE level = 'local'"), 1);
}

static void programme_lists_by_current_province(void **state)
{
	ApiTest *t = *state;
	create(t, "manager", "/api/v1/programmes", soc_trang);
	create(t, "ministry", "/api/v1/programmes", national);
	ApiRes r;
	apitest_call(t, "viewer", "GET", "/api/v1/programmes", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.level"), "national"); /* latest first */
	assert_string_equal(apires_str(&r, "items.1.province_code"), "94");
	assert_null(
	        json_object_get(json_array_get(json_object_get(r.json, "items"), 0), "targets"));
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/programmes", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.level"), "national");
	apires_free(&r);
	apitest_call(
	        t, "viewer", "GET", "/api/v1/programmes?level=local&year=2019", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/programmes?year=2015", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/programmes?province=legacy:94", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
}

static void plan_with_lines(void **state)
{
	ApiTest *t = *state;
	int64_t programme = create(t, "manager", "/api/v1/programmes", soc_trang);
	int64_t first;
	int64_t id = plan_2019(t, programme, &first);
	char path[64], lines[96], line[128];
	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)id);
	snprintf(lines, sizeof lines, "%s/lines", path);
	ApiRes r;
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "programme_id"), programme);
	assert_null(json_object_get(r.json, "lines")); /* a sub-resource */
	apires_free(&r);
	apitest_call(t, "viewer", "GET", lines, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_int_equal(apires_int(&r, "items.0.id"), first);
	assert_int_equal(apires_int(&r, "items.0.planned_amount"), 300000000);
	assert_true(json_is_null(json_object_get(
	        json_array_get(json_object_get(r.json, "items"), 1), "planned_amount")));
	apires_free(&r);
	apitest_call(t, "manager", "POST", lines, "{\"activity_code\": \"NO_SUCH\"}", NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "activity_code");
	apires_free(&r);

	/* A line added, read, changed in part, deleted; no versions. */
	apitest_call(t, "manager", "POST", lines,
	        "{\"activity_code\": \"C05_CONSULT_INFO\", \"planned_amount\": 50000000}", NULL,
	        &r);
	assert_status(&r, 201);
	int64_t added = apires_int(&r, "id");
	snprintf(line, sizeof line, "%s/%lld", lines, (long long)added);
	assert_string_equal(r.location, line);
	assert_string_equal(r.etag, "");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", line, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "activity_code"), "C05_CONSULT_INFO");
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", line, "{\"planned_amount\": 80000000}", NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "planned_amount"), 80000000);
	assert_string_equal(apires_str(&r, "activity_code"), "C05_CONSULT_INFO");
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", line, "{\"activity_code\": \"NO_SUCH\"}", NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "activity_code");
	apires_free(&r);
	apitest_call(t, "manager", "DELETE", line, NULL, NULL, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", line, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);

	/* A line is reached through its own plan only. */
	int64_t other_plan = create(t, "manager", "/api/v1/plans",
	        "{\"level\": \"local\", \"province_list\": \"legacy\", \"province_code\": \"94\","
	        " \"year\": 2018}");
	snprintf(line, sizeof line, "/api/v1/plans/%lld/lines/%lld", (long long)other_plan,
	        (long long)first);
	apitest_call(t, "manager", "PATCH", line, "{\"note\": \"x\"}", NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);

	/* The plan itself: versions, the unique year, delete with its lines. */
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "manager", "PATCH", path, "{\"decision_no\": \"QĐ 88/QĐ-UBND\"}", v1, &r);
	assert_status(&r, 200);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", lines, NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 2); /* an update leaves the lines */
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", path, "{\"note\": \"x\"}", v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	assert_history(t, path, 2, "update");
	apitest_call(t, "manager", "POST", "/api/v1/plans",
	        "{\"level\": \"local\", \"province_list\": \"legacy\", \"province_code\": \"94\","
	        " \"year\": 2019}",
	        NULL, &r);
	assert_status(&r, 409);
	assert_string_equal(apires_str(&r, "error.field"), "year");
	apires_free(&r);
	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "manager", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM annual_plan_line"), 0);
}

/* A national plan for Cần Thơ is the Ministry's decision. */
static void national_plan_is_the_ministrys(void **state)
{
	ApiTest *t = *state;
	static const char body[] = "{\"level\": \"national\", \"province_list\": \"current\","
	                           " \"province_code\": \"92\", \"year\": 2026}";
	ApiRes r;
	apitest_call(t, "manager", "POST", "/api/v1/plans", body, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	int64_t id = create(t, "ministry", "/api/v1/plans", body);
	char path[64], lines[96];
	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)id);
	snprintf(lines, sizeof lines, "%s/lines", path);
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "manager", "PATCH", path, "{\"note\": \"x\"}", v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(
	        t, "manager", "POST", lines, "{\"activity_code\": \"C01_TRAINING\"}", NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(
	        t, "ministry", "POST", lines, "{\"activity_code\": \"C01_TRAINING\"}", NULL, &r);
	assert_status(&r, 201);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	/* A local plan is not turned into a national one by its province. */
	int64_t local = create(t, "manager", "/api/v1/plans",
	        "{\"level\": \"local\", \"province_list\": \"current\", \"province_code\": \"92\","
	        " \"year\": 2026}");
	snprintf(path, sizeof path, "/api/v1/plans/%lld", (long long)local);
	apitest_call(t, "manager", "PATCH", path, "{\"level\": \"national\"}", v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
}

static void plan_lists_by_current_province(void **state)
{
	ApiTest *t = *state;
	int64_t programme = create(t, "manager", "/api/v1/programmes", soc_trang);
	plan_2019(t, programme, NULL);
	create(t, "manager", "/api/v1/plans",
	        "{\"level\": \"local\", \"province_list\": \"current\", \"province_code\": \"92\","
	        " \"year\": 2026}");
	create(t, "ministry", "/api/v1/plans",
	        "{\"level\": \"local\", \"province_list\": \"current\", \"province_code\": \"01\","
	        " \"year\": 2026}");
	ApiRes r;
	apitest_call(t, "viewer", "GET", "/api/v1/plans", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_int_equal(apires_int(&r, "items.0.year"), 2026);
	assert_string_equal(apires_str(&r, "items.1.province_code"), "94");
	apires_free(&r);
	char query[96];
	snprintf(query, sizeof query, "/api/v1/plans?programme_id=%lld", (long long)programme);
	apitest_call(t, "viewer", "GET", query, NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/plans", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.province_code"), "01");
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/plans?year=2026&level=local", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/plans?province=92", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, NULL, "GET", "/api/v1/plans", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
}

static const ApiRefusal bad[] = {
        {"targets sent with a create", "manager", "POST", "/api/v1/programmes",
                "{\"level\": \"local\", \"province_code\": \"92\", \"targets\": []}", 400,
                "bad_request", "targets"},
        {"unknown field in a target", "manager", "PUT",
                "/api/v1/programmes/1/targets/projects_count", "{\"vlaue\": 1}", 400, "bad_request",
                "vlaue"},
        {"wrong type", "manager", "POST", "/api/v1/programmes",
                "{\"level\": \"local\", \"province_code\": \"92\", \"start_year\": \"2016\"}", 400,
                "bad_request", "start_year"},
        {"store validation", "manager", "POST", "/api/v1/programmes",
                "{\"level\": \"local\", \"province_list\": \"current\", \"province_code\": \"92\","
                " \"name\": \"x\", \"start_year\": 2026, \"end_year\": 2025}",
                422, "invalid", "end_year"},
        {"lines sent with a create", "manager", "POST", "/api/v1/plans",
                "{\"level\": \"local\", \"province_code\": \"92\", \"lines\": []}", 400,
                "bad_request", "lines"},
        {"unknown field in a line", "manager", "POST", "/api/v1/plans/1/lines", "{\"amount\": 1}",
                400, "bad_request", "amount"},
        {"no such plan", "manager", "POST", "/api/v1/plans/999999/lines",
                "{\"activity_code\": \"C01_TRAINING\"}", 404, "not_found", NULL},
        {"year out of range", "manager", "GET", "/api/v1/plans?year=1800", NULL, 400, "bad_request",
                "year"},
        {"bad level", "manager", "GET", "/api/v1/programmes?level=district", NULL, 400,
                "bad_request", "level"},
        {"no such programme", "manager", "GET", "/api/v1/programmes/999999", NULL, 404, "not_found",
                NULL},
        {"no such line", "manager", "GET", "/api/v1/plans/999999/lines/1", NULL, 404, "not_found",
                NULL},
};

static void bad_request(void **state)
{
	const ApiRefusal *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	apitest_refused(&t, c);
	assert_int_equal(db_scalar(t.db.db, "SELECT (SELECT COUNT(*) FROM programme)"
	                                    " + (SELECT COUNT(*) FROM annual_plan)"),
	        0);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, programme_with_targets);
	TL_ADD(&tl, national_programme_is_the_ministrys);
	TL_ADD(&tl, programme_lists_by_current_province);
	TL_ADD(&tl, plan_with_lines);
	TL_ADD(&tl, national_plan_is_the_ministrys);
	TL_ADD(&tl, plan_lists_by_current_province);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/programmes");
}
