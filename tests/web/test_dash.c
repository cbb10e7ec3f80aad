/* test_dash.c — the dashboard's map and figures, and aggregate figures as a
 * grid, through the router as a browser asks for them: the map asset built
 * from npm packages is served and small; the dashboard lists the 34 current
 * provinces with the figures the store holds (legacy provinces' records
 * re-based); the grid saves all or nothing, marks a bad cell, refuses other
 * provinces; a region's sum is what its provinces entered. On the
 * demonstration data, loaded once and copied per test. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"
#include "http/http_assets.h"

static ApiTest demo;

static int load_demo(void **state)
{
	(void)state;
	return apitest_open_demo(&demo);
}

static int drop_demo(void **state)
{
	(void)state;
	apitest_close(&demo);
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

static void get(ApiTest *t, const char *user, const char *path, int status, ApiRes *r)
{
	apitest_call(t, user, "GET", path, NULL, NULL, r);
	assert_status(r, status);
}

/* A web form post (the CSRF token in the header, as apitest sends it). */
static void post_form(ApiTest *t, const char *user, const char *path, const char *form, ApiRes *r)
{
	apitest_upload(t, user, path, "application/x-www-form-urlencoded", form, strlen(form), r);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

/* The data-value of the map table's row of province code; -1 when the row
 * has none (outside the caller's scope), fails when there is no row. */
static int64_t map_value(const char *page, const char *code)
{
	char key[48];
	snprintf(key, sizeof key, "<tr data-code=\"%s\"", code);
	const char *row = strstr(page, key);
	if (!row)
		fail_msg("no map row for province %s", code);
	row += strlen(key);
	if (strncmp(row, " data-value=\"", 13))
		return -1;
	return strtoll(row + 13, NULL, 10);
}

/* The state support paid in year per current province, by the test's own
 * query: each đề án's province re-based through admin_succession. */
static int paid_by_province(ApiTest *t, int year, char codes[][3], int64_t *v, int max)
{
	char from[16], to[16];
	snprintf(from, sizeof from, "%d-01-01", year);
	snprintf(to, sizeof to, "%d-12-31", year);
	Stmt *st;
	Err e = {0};
	if (db_prepare(t->db.db,
	            "SELECT COALESCE(s.new_code, p.province_code), CAST(SUM(CASE WHEN d.kind IN"
	            " ('advance', 'payment') THEN d.amount ELSE -d.amount END) AS BIGINT)"
	            " FROM disbursement d JOIN project_cost_line c ON c.id = d.cost_line_id"
	            " JOIN funding_source f ON f.code = c.source_code"
	            " JOIN project p ON p.id = d.project_id"
	            " LEFT JOIN admin_succession s ON s.old_list = p.province_list"
	            " AND s.old_level = 'province' AND s.old_code = p.province_code"
	            " AND s.new_list = 'current' AND s.new_level = 'province'"
	            " WHERE d.paid_on >= ? AND d.paid_on <= ? AND f.is_state = 1"
	            " GROUP BY COALESCE(s.new_code, p.province_code)",
	            &st, &e))
		fail_msg("%s", e.msg);
	db_bind_str(st, 1, from);
	db_bind_str(st, 2, to);
	int n = 0;
	while (db_step(st, &e) == DB_ROW && n < max) {
		snprintf(codes[n], 3, "%s", db_col_text(st, 0));
		v[n++] = db_col_int64(st, 1);
	}
	db_done(st);
	return n;
}

static void map_asset_is_small(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	get(t, "viewer", http_asset_url("provinces.json"), 200, &r);
	assert_string_equal(r.content_type, "application/json");
	/* 900 KB of GeoJSON simplified at build time to a few tens of KB. */
	assert_true(r.body_len > 10000 && r.body_len < 60000);
	assert_int_equal(count(r.body, "\"code\":"), 34);
	assert_non_null(strstr(r.body, "\"name\":\"Cần Thơ\""));
	assert_non_null(strstr(r.body, "\"type\":\"Topology\""));
	apires_free(&r);
	get(t, "viewer", http_asset_url("dashboard.js"), 200, &r);
	assert_true(r.body_len > 1000 && r.body_len < 80000);
	assert_non_null(strstr(r.body, "ISC"));
	apires_free(&r);
	/* The page names both by their hashed URLs, nothing outside the site. */
	get(t, "admin", "/?year=2019", 200, &r);
	assert_non_null(strstr(r.body, http_asset_url("provinces.json")));
	assert_non_null(strstr(r.body, http_asset_url("dashboard.js")));
	assert_null(strstr(r.body, "https://"));
	apires_free(&r);
}

static void dashboard_provinces_match_store(void **state)
{
	ApiTest *t = *state;
	char codes[64][3];
	int64_t want[64];
	int n = paid_by_province(t, 2017, codes, want, 64);
	assert_true(n >= 2); /* Thanh Hóa and Cần Thơ (Sóc Trăng's, re-based) */
	ApiRes r;
	get(t, "admin", "/?year=2017", 200, &r);
	assert_int_equal(count(r.body, "<tr data-code=\""), 34);
	int64_t total = 0;
	for (int i = 0; i < n; i++) {
		assert_int_equal(map_value(r.body, codes[i]), want[i]);
		total += want[i];
	}
	/* Every other province shows 0, and the values add up to the store's. */
	int64_t shown = 0;
	for (const char *p = r.body; (p = strstr(p, " data-value=\"")); p++)
		shown += strtoll(p + 13, NULL, 10);
	assert_int_equal(shown, total);
	assert_true(map_value(r.body, "92") > 0);
	assert_int_equal(map_value(r.body, "01"), 0);
	/* A province links to its đề án of the year. */
	assert_non_null(strstr(r.body, "href=\"/de-an?year=2017&amp;province=92\""));
	apires_free(&r);

	/* A province's viewer sees their figure; the others are outside their scope. */
	get(t, "viewer", "/?year=2017", 200, &r);
	assert_int_equal(count(r.body, "<tr data-code=\""), 34);
	for (int i = 0; i < n; i++)
		if (!strcmp(codes[i], "92"))
			assert_int_equal(map_value(r.body, "92"), want[i]);
	assert_int_equal(map_value(r.body, "38"), -1);
	assert_int_equal(count(r.body, " data-value=\""), 1);
	apires_free(&r);

	/* The chosen figure: đề án carried out in the year. */
	get(t, "admin", "/?year=2017&chi-so=de-an", 200, &r);
	assert_true(map_value(r.body, "92") > 0);
	assert_non_null(strstr(r.body, "Số đề án thực hiện</a>"));
	apires_free(&r);
}

static void dashboard_sections_link_records(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	get(t, "admin", "/?year=2017", 200, &r);
	assert_non_null(strstr(r.body, "Kinh phí theo nguồn"));
	assert_non_null(
	        strstr(r.body, "/bao-cao?mau=ket_qua_thuc_hien&amp;period=2017&amp;sources="));
	assert_non_null(strstr(r.body, "/de-an?year=2017&amp;activity="));
	assert_true(count(r.body, "<table data-charts>") == 2);
	assert_non_null(strstr(r.body, "đề án cần theo dõi"));
	apires_free(&r);
	/* Đề án past their last year and not accepted are late (the clock is 2026). */
	get(t, "admin", "/?year=2023", 200, &r);
	assert_non_null(strstr(r.body, "Quá hạn (hết năm thực hiện, chưa nghiệm thu): <strong>"));
	apires_free(&r);
}

/* ---- dash-fast: the results per activity content and the đề án to watch -------------- */

/* The test's own count: sql with the year bound to each of its `?`. */
static int64_t year_count(ApiTest *t, const char *sql, int year)
{
	Stmt *st;
	Err e = {0};
	if (db_prepare(t->db.db, sql, &st, &e))
		fail_msg("%s", e.msg);
	for (int i = 1; i <= count(sql, "?"); i++)
		db_bind_int64(st, i, year);
	int64_t n = -1;
	if (db_run_int64(st, &n, &e))
		fail_msg("%s", e.msg);
	db_done(st);
	return n;
}

/* The number in <strong> after label on page. */
static int64_t strong_after(const char *page, const char *label)
{
	const char *p = strstr(page, label);
	if (!p)
		fail_msg("no '%s' on the page", label);
	p = strstr(p, "<strong>");
	assert_non_null(p);
	return strtoll(p + 8, NULL, 10);
}

#define UNFINISHED " status NOT IN ('accepted', 'settled', 'closed', 'terminated', 'not_funded')"

static void dashboard_results_per_activity(void **state)
{
	ApiTest *t = *state;
	int64_t carried = year_count(
	        t, "SELECT COUNT(*) FROM project WHERE start_year <= ? AND end_year >= ?", 2017);
	assert_true(carried > 0);
	ApiRes r;
	get(t, "admin", "/?year=2017", 200, &r);
	assert_non_null(strstr(r.body, "Kết quả thực hiện theo nội dung hoạt động"));
	/* No report computed on the page: its table is a link away. */
	assert_null(strstr(r.body, "class=\"report\""));
	assert_non_null(strstr(r.body,
	        "<a href=\"/bao-cao?mau=ket_qua_thuc_hien&amp;period=2017\">Xem báo cáo đầy đủ"));
	/* The total row counts every đề án carried out in the year, once. */
	const char *sec = strstr(r.body, "id=\"theo-noi-dung\"");
	assert_non_null(sec);
	/* Its head names the đề án column as a cell, not as escaped markup,
	 * so that each figure stands under its own head. */
	assert_null(strstr(r.body, "&lt;th"));
	assert_non_null(strstr(sec, "<thead><tr><th scope=\"col\">Nội dung hoạt động</th>"
	                            "<th scope=\"col\" class=\"num\">Đề án</th>"
	                            "<th scope=\"col\" class=\"num\" data-series=\"Kế hoạch\">"));
	const char *foot = strstr(sec, "<tfoot>");
	assert_non_null(foot);
	foot = strstr(foot, "data-v=\"");
	assert_int_equal(strtoll(foot + 8, NULL, 10), carried);
	apires_free(&r);
	/* A province's dashboard links to that province's report. */
	get(t, "admin", "/?year=2017&province=92", 200, &r);
	assert_non_null(strstr(r.body, "/bao-cao?mau=ket_qua_thuc_hien&amp;period=2017&amp;"
	                               "province=92\">Xem báo cáo đầy đủ"));
	apires_free(&r);
}

/* Test data the demonstration lacks: đề án still open after their last year
 * (the demonstration's are all accepted or settled). Written directly, as
 * the records of an instance that never recorded their acceptance. */
static void reopen(ApiTest *t, const char *sql)
{
	Err e = {0};
	if (db_exec(t->db.db, sql, &e))
		fail_msg("%s", e.msg);
}

static void dashboard_watch_counts_match_store(void **state)
{
	ApiTest *t = *state;
	/* 2022: 21 đề án of Sóc Trăng (legacy 94, now Cần Thơ 92) and 3 of Lào Cai. */
	reopen(t, "UPDATE project SET status = 'in_progress' WHERE end_year = 2022 AND"
	          " (province_code = '94' OR id IN (SELECT id FROM project WHERE end_year = 2022"
	          " AND province_code = '10' ORDER BY id LIMIT 3))");
	/* One still running, due by the end of 2026. */
	reopen(t, "UPDATE project SET status = 'in_progress', end_year = 2026 WHERE id ="
	          " (SELECT MIN(id) FROM project WHERE end_year = 2023)");
	/* The clock is 2026: đề án ending in 2022 and not finished are late. */
	int64_t late = year_count(
	        t, "SELECT COUNT(*) FROM project WHERE end_year = ? AND" UNFINISHED, 2022);
	assert_true(late > 20 && late < 1000);
	ApiRes r;
	get(t, "admin", "/?year=2022", 200, &r);
	assert_int_equal(strong_after(r.body, "Quá hạn (hết năm thực hiện"), late);
	assert_int_equal(strong_after(r.body, "Đến hạn nghiệm thu trong năm 2022"), 0);
	assert_non_null(strstr(r.body, "<span class=\"flag late\">Quá hạn</span>"));
	/* The first 20, and a word that there are more. */
	const char *watch = strstr(r.body, "id=\"can-theo-doi\"");
	assert_int_equal(count(watch, "<tr><td><a href=\"/de-an?q="), 20);
	assert_non_null(strstr(watch, "20 đề án đầu tiên"));
	apires_free(&r);
	/* An invoice dated before its đề án may spend puts it at risk. */
	int64_t id = -1;
	Err e = {0};
	assert_int_equal(store_scalar(t->db.db,
	                         "SELECT MIN(id) FROM project WHERE start_year <= 2022 AND"
	                         " end_year >= 2022 AND id > ?",
	                         0, &id, &e),
	        0);
	int64_t risk_before = year_count(t,
	        "SELECT COUNT(DISTINCT p.id) FROM invoice i JOIN project p ON p.id = i.project_id"
	        " WHERE p.start_year <= ? AND p.end_year >= ? AND (i.issued_on <"
	        " COALESCE(p.eligible_from, CAST(p.start_year AS TEXT) || '-01-01') OR i.issued_on"
	        " > COALESCE(p.eligible_to, CAST(p.end_year AS TEXT) || '-12-31'))",
	        2022);
	const char *body = "{\"number\": \"HD-RUI-RO\", \"issued_on\": \"2001-01-02\","
	                   " \"amount\": 1000000}";
	char path[64];
	snprintf(path, sizeof path, "/api/v1/projects/%lld/invoices", (long long)id);
	apitest_call(t, "admin", "POST", path, body, NULL, &r);
	assert_status(&r, 201);
	apires_free(&r);
	get(t, "admin", "/?year=2022", 200, &r);
	assert_int_equal(strong_after(r.body, "Có hóa đơn ngoài thời gian"), risk_before + 1);
	apires_free(&r);
	/* The year still running: due, not late. */
	get(t, "admin", "/?year=2026", 200, &r);
	assert_int_equal(strong_after(r.body, "Quá hạn (hết năm thực hiện"), 0);
	assert_int_equal(strong_after(r.body, "Đến hạn nghiệm thu trong năm 2026"), 1);
	assert_non_null(strstr(r.body, "<span class=\"flag due\">Đến hạn năm 2026</span>"));
	apires_free(&r);
	/* A province's viewer counts their province's đề án only. */
	int64_t mine = year_count(t,
	        "SELECT COUNT(*) FROM project p LEFT JOIN admin_succession s ON s.old_list ="
	        " p.province_list AND s.old_level = 'province' AND s.old_code = p.province_code"
	        " AND s.new_list = 'current' AND s.new_level = 'province' WHERE p.end_year = ?"
	        " AND COALESCE(s.new_code, p.province_code) = '92' AND p." UNFINISHED,
	        2022);
	assert_true(mine > 0 && mine < late);
	get(t, "viewer", "/?year=2022", 200, &r);
	assert_int_equal(strong_after(r.body, "Quá hạn (hết năm thực hiện"), mine);
	apires_free(&r);
}

/* How many figures 92 has for period, as the API lists them. */
static int64_t stored(ApiTest *t, const char *period)
{
	char path[160];
	snprintf(path, sizeof path, "/api/v1/aggregates?province=92&period=%s&limit=500", period);
	ApiRes r;
	get(t, "staff", path, 200, &r);
	int64_t total = apires_int(&r, "total");
	apires_free(&r);
	return total;
}

static void grid_saves_all(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	get(t, "staff", "/so-lieu/nhap?period=2026", 200, &r);
	assert_non_null(strstr(r.body, "name=\"v-classes-plan\""));
	assert_non_null(strstr(r.body, "Lưu số liệu"));
	apires_free(&r);
	post_form(t, "staff", "/so-lieu/nhap?province=92&period=2026",
	        "v-classes-plan=12&ver-classes-plan=0&v-trainees-actual=1.234"
	        "&v-productivity_gain_pct-actual=19%2C5",
	        &r);
	assert_status(&r, 303);
	assert_non_null(strstr(r.location, "tb=da-luu"));
	apires_free(&r);
	assert_int_equal(stored(t, "2026"), 3);
	get(t, "staff", "/so-lieu/nhap?period=2026", 200, &r);
	assert_non_null(strstr(r.body, "name=\"v-trainees-actual\" value=\"1.234\""));
	assert_non_null(strstr(r.body, "value=\"19,5\""));
	apires_free(&r);
	/* A viewer reads the grid, without inputs. */
	get(t, "viewer", "/so-lieu/nhap?period=2026", 200, &r);
	assert_null(strstr(r.body, "<input class=\"cell\""));
	assert_non_null(strstr(r.body, "1.234"));
	apires_free(&r);
}

static void grid_bad_cell_saves_nothing(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	/* A cell that is not a number: marked, with what was typed kept. */
	post_form(t, "staff", "/so-lieu/nhap?province=92&period=2026",
	        "v-classes-plan=5&v-trainees-plan=m%E1%BB%99t+tr%C4%83m", &r);
	assert_status(&r, 422);
	assert_non_null(strstr(r.body, "id=\"loi-trainees-plan\""));
	assert_non_null(strstr(r.body, "aria-invalid=\"true\""));
	assert_non_null(strstr(r.body, "value=\"một trăm\""));
	assert_null(strstr(r.body, "id=\"loi-classes-plan\""));
	apires_free(&r);
	assert_int_equal(stored(t, "2026"), 0);
	/* A count with decimals; a percentage with three. */
	post_form(t, "staff", "/so-lieu/nhap?province=92&period=2026",
	        "v-classes-plan=5%2C5&v-productivity_gain_pct-plan=1%2C234", &r);
	assert_status(&r, 422);
	assert_non_null(strstr(r.body, "id=\"loi-classes-plan\""));
	assert_non_null(strstr(r.body, "id=\"loi-productivity_gain_pct-plan\""));
	apires_free(&r);
	/* The store refuses one cell (a version no figure has): none is saved. */
	post_form(t, "staff", "/so-lieu/nhap?province=92&period=2026",
	        "v-classes-plan=5&v-trainees-plan=7&ver-trainees-plan=3", &r);
	assert_status(&r, 422);
	assert_non_null(strstr(r.body, "id=\"loi-trainees-plan\""));
	apires_free(&r);
	assert_int_equal(stored(t, "2026"), 0);
	/* A period the store cannot read. */
	get(t, "staff", "/so-lieu/nhap?period=n%C4%83m+ngo%C3%A1i", 400, &r);
	assert_null(strstr(r.body, "name=\"v-classes-plan\""));
	apires_free(&r);
}

static void grid_scope(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	const char *form = "v-classes-plan=5";
	post_form(t, "other", "/so-lieu/nhap?province=92&period=2026", form, &r);
	assert_status(&r, 403);
	apires_free(&r);
	post_form(t, "viewer", "/so-lieu/nhap?province=92&period=2026", form, &r);
	assert_status(&r, 403);
	apires_free(&r);
	get(t, "other", "/so-lieu/nhap?province=92&period=2026", 403, &r);
	apires_free(&r);
	get(t, "manager", "/so-lieu/vung?region=moit_south&period=2026", 403, &r);
	apires_free(&r);
	assert_int_equal(stored(t, "2026"), 0);
}

static void region_sum_matches(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	/* Cần Thơ and Hồ Chí Minh City (the south), Hà Nội (the north). */
	static const char *const entries[][2] = {
	        {"92", "v-classes-actual=10&v-trainees-actual=250"},
	        {"79", "v-classes-actual=7&v-trainees-actual=1.100"}, {"01", "v-classes-actual=3"}};
	for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
		char path[64];
		snprintf(path, sizeof path, "/so-lieu/nhap?province=%s&period=2026", entries[i][0]);
		post_form(t, "ministry", path, entries[i][1], &r);
		assert_status(&r, 303);
		apires_free(&r);
	}
	get(t, "ministry", "/so-lieu/vung?region=moit_south&period=2026", 200, &r);
	const char *row = strstr(r.body, "<tr data-indicator=\"classes\">");
	assert_non_null(row);
	const char *end = strstr(row, "</tr>");
	char line[1024];
	snprintf(line, sizeof line, "%.*s", (int)(end - row), row);
	assert_non_null(strstr(line, ">17<span class=\"muted\"> (2/"));
	row = strstr(r.body, "<tr data-indicator=\"trainees\">");
	assert_non_null(row);
	assert_non_null(strstr(row, ">1.350<span"));
	apires_free(&r);
	/* The same as the API's sum. */
	get(t, "ministry", "/api/v1/aggregates/sum?indicator=classes&period=2026&region=moit_south",
	        200, &r);
	assert_int_equal(apires_int(&r, "sum"), 17);
	apires_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(map_asset_is_small, setup, apitest_teardown),
	        cmocka_unit_test_setup_teardown(
	                dashboard_provinces_match_store, setup, apitest_teardown),
	        cmocka_unit_test_setup_teardown(
	                dashboard_sections_link_records, setup, apitest_teardown),
	        cmocka_unit_test_setup_teardown(grid_saves_all, setup, apitest_teardown),
	        /* dash-fast */
	        cmocka_unit_test_setup_teardown(
	                dashboard_results_per_activity, setup, apitest_teardown),
	        cmocka_unit_test_setup_teardown(
	                dashboard_watch_counts_match_store, setup, apitest_teardown),
	        cmocka_unit_test_setup_teardown(
	                grid_bad_cell_saves_nothing, setup, apitest_teardown),
	        cmocka_unit_test_setup_teardown(grid_scope, setup, apitest_teardown),
	        cmocka_unit_test_setup_teardown(region_sum_matches, setup, apitest_teardown),
	};
	return cmocka_run_group_tests(tests, load_demo, drop_demo);
}
