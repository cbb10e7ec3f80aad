/* test_aggregates.c — /api/v1/aggregates through the router: a province's
 * figures of a period entered in bulk, all or nothing, read back by current
 * province (legacy provinces included), deleted at a version, summed over a
 * region for national users; and the refusals. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* Sóc Trăng's H1/2016 results (legacy province 94, now part of Cần Thơ 92). */
#define SOC_TRANG_2016 "/api/v1/aggregates?province=legacy:94&period=2016-H1"
static const char two_figures[] =
        "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\","
        " \"program_level\": \"local\", \"value\": 331, \"source\": \"BC 15/SCT\"},"
        " {\"indicator_code\": \"classes\", \"figure_kind\": \"actual\", \"value\": 12,"
        " \"qualifier\": \"gần\"}]";

static int64_t figures(ApiTest *t)
{
	return db_scalar(t->db.db, "SELECT COUNT(*) FROM aggregate_figure");
}

static void bulk_entry_and_read_back(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "staff", "PUT", SOC_TRANG_2016, two_figures, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	/* In the indicators' report order: classes (400) before trainees (410). */
	assert_string_equal(apires_str(&r, "items.1.indicator_code"), "trainees");
	assert_int_equal(apires_int(&r, "items.1.value"), 331);
	assert_string_equal(apires_str(&r, "items.1.scope_list"), "legacy");
	assert_string_equal(apires_str(&r, "items.1.scope_code"), "94");
	assert_string_equal(apires_str(&r, "items.1.period"), "2016-H1");
	assert_int_equal(apires_int(&r, "items.1.version"), 1);
	assert_string_equal(apires_str(&r, "items.0.program_level"), "all");
	assert_string_equal(apires_str(&r, "items.0.qualifier"), "gần");
	apires_free(&r);

	/* Cần Thơ's viewer sees Sóc Trăng's figures as the province's. */
	apitest_call(t, "viewer", "GET", "/api/v1/aggregates?indicator=trainees,classes", NULL,
	        NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/aggregates?indicator=classes", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	int64_t classes = apires_int(&r, "items.0.id");
	apires_free(&r);

	/* Entering again updates at the versions read; 0 for a figure that
	 * exists is someone else's entry: 409, nothing written. */
	apitest_call(t, "staff", "PUT", SOC_TRANG_2016,
	        "[{\"indicator_code\": \"classes\", \"figure_kind\": \"actual\", \"value\": 13,"
	        " \"version\": 1}]",
	        NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "items.0.value"), 13);
	assert_int_equal(apires_int(&r, "items.0.version"), 2);
	apires_free(&r);
	apitest_call(t, "manager", "PUT", SOC_TRANG_2016,
	        "[{\"indicator_code\": \"classes\", \"figure_kind\": \"actual\", \"value\": 99}]",
	        NULL, &r);
	assert_status(&r, 409);
	assert_string_equal(apires_str(&r, "error.field"), "[0].version");
	apires_free(&r);

	/* One figure, then deleted at its version. */
	char path[64];
	snprintf(path, sizeof path, "/api/v1/aggregates/%lld", (long long)classes);
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	const char *const v1[] = {"If-Match: \"1\"", NULL}, *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "staff", "DELETE", path, NULL, v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	apitest_call(t, "staff", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	assert_int_equal(figures(t), 1);
	/* Every change was audited as the staff member, over HTTP. */
	assert_int_equal(
	        db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                            " 'aggregate_figure' AND actor = 'staff' AND via = 'http'"),
	        4);
	snprintf(path, sizeof path, "/api/v1/aggregates/%lld/audit", (long long)classes);
	apitest_call(t, "manager", "GET", path, NULL, NULL, &r);
	assert_status(&r, 404); /* the figure is gone: its history is in /api/v1/audit */
	apires_free(&r);
}

/* One bad figure refuses the whole entry, naming its place in the body. */
static void one_bad_item_writes_nothing(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "staff", "PUT", SOC_TRANG_2016,
	        "[{\"indicator_code\": \"new_jobs\", \"figure_kind\": \"actual\", \"value\": 40},"
	        " {\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\": 331},"
	        " {\"indicator_code\": \"classes\", \"figure_kind\": \"actual\", \"value\": -5}]",
	        NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.code"), "invalid");
	assert_string_equal(apires_str(&r, "error.field"), "[2].value");
	assert_non_null(strstr(apires_str(&r, "error.message"), "Dòng 3"));
	apires_free(&r);
	assert_int_equal(figures(t), 0);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                                     " 'aggregate_figure'"),
	        0);
	/* A figure computed from records only is refused too. */
	apitest_call(t, "staff", "PUT", SOC_TRANG_2016,
	        "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\": 1},"
	        " {\"indicator_code\": \"tasks_count\", \"figure_kind\": \"actual\", \"value\": 2}]",
	        NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "[1].indicator_code");
	apires_free(&r);
	assert_int_equal(figures(t), 0);
}

static void sums_for_national_users(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "staff", "PUT", SOC_TRANG_2016, two_figures, NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	apitest_call(t, "ministry", "PUT", "/api/v1/aggregates?province=legacy:93&period=2016-H1",
	        "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\","
	        " \"program_level\": \"local\", \"value\": 120}]",
	        NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	apitest_call(t, "ministry", "GET",
	        "/api/v1/aggregates/sum?indicator=trainees&period=2016-H1&program_level=local"
	        "&region=moit_south",
	        NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "sum"), 451);
	assert_int_equal(apires_int(&r, "provinces_reporting"), 2);
	assert_int_equal(apires_int(&r, "provinces"), 19); /* the legacy south in 2016 */
	apires_free(&r);
	apitest_call(t, "admin", "GET",
	        "/api/v1/aggregates/sum?indicator=trainees&period=2016-H1&program_level=local",
	        NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "provinces"), 63);
	apires_free(&r);
	/* A province's staff sees no sum over the country. */
	apitest_call(t, "staff", "GET", "/api/v1/aggregates/sum?indicator=trainees&period=2016-H1",
	        NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	/* Rates do not add up. */
	apitest_call(t, "ministry", "GET",
	        "/api/v1/aggregates/sum?indicator=disbursement_rate&period=2016-H1", NULL, NULL,
	        &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "indicator_code");
	apires_free(&r);
	/* A national list without a province: every province's figures. */
	apitest_call(t, "ministry", "GET", "/api/v1/aggregates?period=2016-H1", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 3);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/aggregates?province=legacy:93", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
}

static void scope_and_roles(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "other", "PUT", SOC_TRANG_2016, two_figures, NULL, &r);
	assert_status(&r, 403);
	assert_string_equal(apires_str(&r, "error.field"), "province");
	apires_free(&r);
	apitest_call(t, "viewer", "PUT", SOC_TRANG_2016, two_figures, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, NULL, "GET", "/api/v1/aggregates", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/aggregates?province=legacy:94", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	/* A national user names the province a bulk entry is for. */
	apitest_call(
	        t, "ministry", "PUT", "/api/v1/aggregates?period=2016-H1", two_figures, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "province");
	apires_free(&r);
	assert_int_equal(figures(t), 0);
	/* Hà Nội's staff cannot read or delete Cần Thơ's figure. */
	apitest_call(t, "staff", "PUT", SOC_TRANG_2016, two_figures, NULL, &r);
	int64_t id = apires_int(&r, "items.0.id");
	apires_free(&r);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/aggregates/%lld", (long long)id);
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "other", "DELETE", path, NULL, v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
	assert_int_equal(figures(t), 2);
}

typedef struct BadCase {
	const char *why, *method, *path, *body;
	int status;
	const char *field;
} BadCase;

static const BadCase bad[] = {
        {"body not an array", "PUT", SOC_TRANG_2016,
                "{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\": 1}",
                400, "body"},
        {"empty array", "PUT", SOC_TRANG_2016, "[]", 400, "body"},
        {"unknown field in an item", "PUT", SOC_TRANG_2016,
                "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\": 1},"
                " {\"indicator_code\": \"classes\", \"valeu\": 2}]",
                400, "[1].valeu"},
        {"wrong type in an item", "PUT", SOC_TRANG_2016,
                "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\":"
                " \"331\"}]",
                400, "[0].value"},
        {"province of the item given", "PUT", SOC_TRANG_2016,
                "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\": 1,"
                " \"scope_code\": \"01\"}]",
                400, "[0].scope_code"},
        {"item not an object", "PUT", SOC_TRANG_2016, "[42]", 400, "[0]"},
        {"period missing", "PUT", "/api/v1/aggregates?province=legacy:94", "[]", 400, "period"},
        {"period unreadable", "PUT", "/api/v1/aggregates?province=legacy:94&period=2016-H3",
                "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\": 1}]",
                422, "[0].period"},
        {"unknown province", "PUT", "/api/v1/aggregates?province=99&period=2016-H1",
                "[{\"indicator_code\": \"trainees\", \"figure_kind\": \"actual\", \"value\": 1}]",
                400, "province"},
        {"bad figure kind filter", "GET", "/api/v1/aggregates?figure_kind=forecast", NULL, 400,
                "figure_kind"},
        {"period filter unreadable", "GET", "/api/v1/aggregates?period=H7", NULL, 400, "period"},
        {"sum without a period", "GET", "/api/v1/aggregates/sum?indicator=trainees", NULL, 400,
                "period"},
};

static void bad_request(void **state)
{
	const BadCase *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	ApiRes r;
	apitest_call(&t, "staff", c->method, c->path, c->body, NULL, &r);
	assert_status(&r, c->status);
	assert_string_equal(apires_str(&r, "error.field"), c->field);
	assert_non_null(apires_str(&r, "error.message"));
	assert_int_equal(figures(&t), 0);
	apires_free(&r);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, bulk_entry_and_read_back);
	TL_ADD(&tl, one_bad_item_writes_nothing);
	TL_ADD(&tl, sums_for_national_users);
	TL_ADD(&tl, scope_and_roles);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/aggregates");
}
