/* test_units.c — /api/v1/units and /api/v1/regions through the router: the
 * units valid on a date (legacy before 01/07/2025, current after), a unit's
 * current province, the regions and their dated members. Read-only, for
 * everyone signed in. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

static ApiTest t;

static int setup(void **state)
{
	(void)state;
	return apitest_open(&t);
}

static int teardown(void **state)
{
	(void)state;
	apitest_close(&t);
	return 0;
}

static void provinces_on_a_date(void **state)
{
	(void)state;
	ApiRes r;
	apitest_call(
	        &t, "viewer", "GET", "/api/v1/units?date=2016-06-30&limit=500", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 63);
	assert_string_equal(apires_str(&r, "items.0.list"), "legacy");
	apires_free(&r);
	/* Today (the test clock: 22/11/2026) is the current list. */
	apitest_call(&t, "other", "GET", "/api/v1/units", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 34);
	assert_string_equal(apires_str(&r, "items.0.list"), "current");
	assert_int_equal(json_array_size(json_object_get(r.json, "items")), 34);
	apires_free(&r);
	apitest_call(&t, "other", "GET", "/api/v1/units?limit=5&offset=30", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 34);
	assert_int_equal(json_array_size(json_object_get(r.json, "items")), 4);
	apires_free(&r);
	/* Communes of Sóc Trăng in 2019. */
	apitest_call(&t, "staff", "GET", "/api/v1/units?level=commune&date=2019-01-01&province=94",
	        NULL, NULL, &r);
	assert_status(&r, 200);
	assert_true(apires_int(&r, "total") > 50);
	apires_free(&r);
	apitest_call(&t, NULL, "GET", "/api/v1/units", NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
}

static void current_province_of_a_unit(void **state)
{
	(void)state;
	ApiRes r;
	apitest_call(&t, "viewer", "GET",
	        "/api/v1/units/current-province?list=legacy&level=province&code=94", NULL, NULL,
	        &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "current_province"), "92");
	assert_string_equal(apires_str(&r, "name"), "Cần Thơ");
	apires_free(&r);
	apitest_call(&t, "viewer", "GET",
	        "/api/v1/units/current-province?list=legacy&level=province&code=99", NULL, NULL,
	        &r);
	assert_status(&r, 404);
	apires_free(&r);
	apitest_call(&t, "viewer", "GET", "/api/v1/units/current-province?list=legacy&code=94",
	        NULL, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "level");
	apires_free(&r);
}

static void regions_and_members(void **state)
{
	(void)state;
	ApiRes r;
	apitest_call(&t, "viewer", "GET", "/api/v1/regions?kind=moit", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 3);
	apires_free(&r);
	apitest_call(&t, "viewer", "GET", "/api/v1/regions?limit=500", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 17);
	apires_free(&r);
	apitest_call(&t, "viewer", "GET", "/api/v1/regions/moit_south/members?date=2016-06-30",
	        NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 19);
	assert_string_equal(apires_str(&r, "items.0.list"), "legacy");
	apires_free(&r);
	apitest_call(&t, "viewer", "GET",
	        "/api/v1/regions/moit_north/members?date=2026-01-01&limit=500", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 15);
	apires_free(&r);
	apitest_call(&t, "viewer", "GET", "/api/v1/regions/nowhere/members", NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	apitest_call(&t, "viewer", "GET", "/api/v1/regions/moit_south/members?date=2016-02-30",
	        NULL, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "date");
	apires_free(&r);
	/* Nothing here is written. */
	apitest_call(&t, "admin", "POST", "/api/v1/regions", "{}", NULL, &r);
	assert_status(&r, 405);
	apires_free(&r);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, provinces_on_a_date);
	TL_ADD(&tl, current_province_of_a_unit);
	TL_ADD(&tl, regions_and_members);
	return tl_run_setup(&tl, "api/units", setup, teardown);
}
