/* test_reports.c — /api/v1/reports on the demonstration data: computing a
 * report in each format, its scope as the router and the handler decide it,
 * submitting frozen versions and reading them back. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"
#include "io/io_demo.h"
#include "report/report.h"

static ApiTest demo; /* the demonstration data, loaded once, copied per test */

static int load_demo(void **state)
{
	(void)state;
	return apitest_open_demo(&demo);
}

static int drop_demo(void **state)
{
	(void)state;
	apitest_close(&demo);
	report_render_release();
	return 0;
}

static int setup(void **state)
{
	ApiTest *t = calloc(1, sizeof *t);
	if (!t || apitest_fork(&demo, t))
		return -1;
	*state = t;
	return 0;
}

static void templates_are_listed(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "viewer", "GET", "/api/v1/report-templates", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 6);
	assert_string_equal(apires_str(&r, "items.0.id"), "ket_qua_thuc_hien");
	apires_free(&r);
}

static void region_report_in_each_format(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	const char *base = "/api/v1/reports/ket_qua_thuc_hien?period=2016-H1&region=moit_south";
	apitest_call(t, "ministry", "GET", base, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "scope.code"), "region:moit_south");
	assert_string_equal(apires_str(&r, "period.label"), "6 tháng đầu năm 2016");
	apires_free(&r);
	static const struct {
		const char *format, *mime, *magic;
	} files[] = {
	        {"pdf", "application/pdf", "%PDF-"},
	        {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK"},
	        {"csv", "text/csv", "\xEF\xBB\xBF"},
	};
	for (size_t i = 0; i < COUNT_OF(files); i++) {
		char path[160];
		snprintf(path, sizeof path, "%s&format=%s", base, files[i].format);
		apitest_call(t, "ministry", "GET", path, NULL, NULL, &r);
		assert_status(&r, 200);
		assert_non_null(strstr(r.content_type, files[i].mime));
		assert_memory_equal(r.body, files[i].magic, strlen(files[i].magic));
		char want[96];
		snprintf(want, sizeof want, "attachment; filename=\"ket_qua_thuc_hien-2016-H1.%s\"",
		        files[i].format);
		assert_string_equal(r.disposition, want);
		apires_free(&r);
	}
}

static void scope_is_the_callers(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	/* A province officer's report is their province's, re-based on today's. */
	apitest_call(
	        t, "staff", "GET", "/api/v1/reports/ket_qua_thuc_hien?period=2019", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "scope.code"), "province:current:92");
	assert_string_equal(apires_str(&r, "boundaries.code"), "current");
	apires_free(&r);
	/* Sóc Trăng as it was, for Cần Thơ's staff, since it is part of Cần Thơ now. */
	apitest_call(t, "staff", "GET",
	        "/api/v1/reports/ket_qua_thuc_hien?period=2019&province=legacy:94", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "scope.code"), "province:legacy:94");
	apires_free(&r);
	apitest_call(t, "other", "GET",
	        "/api/v1/reports/ket_qua_thuc_hien?period=2019&province=legacy:94", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "staff", "GET",
	        "/api/v1/reports/ket_qua_thuc_hien?period=2016-H1&region=moit_south", NULL, NULL,
	        &r);
	assert_status(&r, 403);
	assert_string_equal(apires_str(&r, "error.field"), "region");
	apires_free(&r);
	apitest_call(
	        t, "staff", "GET", "/api/v1/reports/ket_qua_thuc_hien?period=mai", NULL, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "period");
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/reports/khong_co?period=2019", NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
}

static void submitted_versions_are_frozen(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	const char *submit =
	        "/api/v1/reports/ket_qua_thuc_hien/submit?period=2019&note=B%C3%A1o+c%C3%A1o+n%C4%83m";
	apitest_call(t, "staff", "POST", submit, NULL, NULL, &r);
	assert_status(&r, 403); /* submitting is the manager's */
	apires_free(&r);
	apitest_call(t, "manager", "POST", submit, NULL, NULL, &r);
	assert_status(&r, 201);
	assert_int_equal(apires_int(&r, "version"), 1);
	assert_string_equal(apires_str(&r, "note"), "Báo cáo năm");
	char first[128];
	snprintf(first, sizeof first, "%s", r.location);
	apires_free(&r);
	apitest_call(t, "manager", "POST", submit, NULL, NULL, &r);
	assert_status(&r, 201);
	assert_int_equal(apires_int(&r, "version"), 2);
	apires_free(&r);
	/* Both versions are listed for the province, none for another one. */
	apitest_call(
	        t, "viewer", "GET", "/api/v1/reports/ket_qua_thuc_hien/snapshots", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_int_equal(apires_int(&r, "items.0.version"), 2);
	apires_free(&r);
	apitest_call(
	        t, "other", "GET", "/api/v1/reports/ket_qua_thuc_hien/snapshots", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	/* The snapshot reads back as submitted; another province may not read it. */
	apitest_call(t, "viewer", "GET", first, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "scope.code"), "province:current:92");
	apires_free(&r);
	apitest_call(t, "other", "GET", first, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, templates_are_listed);
	TL_ADD(&tl, region_report_in_each_format);
	TL_ADD(&tl, scope_is_the_callers);
	TL_ADD(&tl, submitted_versions_are_frozen);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run_setup(&tl, "api/reports", load_demo, drop_demo);
}
