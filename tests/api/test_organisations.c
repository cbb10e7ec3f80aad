/* test_organisations.c — /api/v1/organisations through the router: create,
 * read, update with versions, delete, the unit in force on a day, lists by
 * current province with the national bodies everyone shares, scope (national
 * bodies are changed by national users only) and the request errors. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* Sóc Trăng's khuyến công centre, recorded in the legacy list (province 94,
 * now part of Cần Thơ, 92), until the merger. */
static const char centre[] =
        "{\"kind\": \"promotion_centre\", \"name\": \"Trung tâm Khuyến công Sóc Trăng\","
        " \"short_name\": \"TTKC ST\", \"province_list\": \"legacy\", \"province_code\": \"94\","
        " \"valid_from\": \"01/01/2010\", \"valid_to\": \"2025-06-30\"}";
static const char hanoi_doit[] =
        "{\"kind\": \"doit\", \"name\": \"Sở Công Thương Hà Nội\", \"province_list\": \"current\","
        " \"province_code\": \"01\"}";
static const char ministry[] = "{\"kind\": \"ministry\", \"name\": \"Bộ Công Thương\"}";

static int64_t create(ApiTest *t, const char *as, const char *body)
{
	ApiRes r;
	apitest_call(t, as, "POST", "/api/v1/organisations", body, NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char want[64];
	snprintf(want, sizeof want, "/api/v1/organisations/%lld", (long long)id);
	assert_string_equal(r.location, want);
	assert_string_equal(r.etag, "\"1\"");
	apires_free(&r);
	return id;
}

static void path_of(char *out, size_t n, int64_t id)
{
	snprintf(out, n, "/api/v1/organisations/%lld", (long long)id);
}

static void create_read_update_delete(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", centre);
	char path[64];
	path_of(path, sizeof path, id);
	ApiRes r;
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "name"), "Trung tâm Khuyến công Sóc Trăng");
	assert_string_equal(apires_str(&r, "valid_from"), "2010-01-01");
	assert_null(apires_str(&r, "successor_id")); /* no successor: null */
	assert_string_equal(r.etag, "\"1\"");
	apires_free(&r);

	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path, "{\"short_name\": \"TTKC&TVPTCN\"}", v1, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "short_name"), "TTKC&TVPTCN");
	assert_string_equal(apires_str(&r, "province_code"), "94"); /* not sent: kept */
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", path, "{\"short_name\": \"x\"}", v1, &r);
	assert_status(&r, 409);
	assert_string_equal(apires_str(&r, "error.code"), "conflict");
	apires_free(&r);

	assert_history(t, path, 2, "update");

	apitest_call(t, "staff", "DELETE", path, NULL, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "version");
	apires_free(&r);
	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "staff", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "staff", "GET", path, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	assert_int_equal(
	        db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                            " ON u.id = a.user_id WHERE u.username = 'staff'"
	                            " AND a.table_name = 'organisation' AND a.via = 'http'"),
	        3);
}

/* The Ministry has no province: everyone reads it, national users alone
 * create and change it, and no province user makes a record national. */
static void national_bodies_are_the_ministrys(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "staff", "POST", "/api/v1/organisations", ministry, NULL, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "province_code");
	apires_free(&r);
	int64_t id = create(t, "ministry", ministry);
	char path[64];
	path_of(path, sizeof path, id);
	apitest_call(t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	apires_free(&r);
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "manager", "PATCH", path, "{\"short_name\": \"BCT\"}", v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "manager", "DELETE", path, NULL, v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "admin", "PATCH", path, "{\"short_name\": \"BCT\"}", v1, &r);
	assert_status(&r, 200);
	apires_free(&r);
	/* A province record cannot be made national by taking its province away. */
	int64_t own = create(t, "staff", centre);
	path_of(path, sizeof path, own);
	apitest_call(t, "staff", "PATCH", path,
	        "{\"kind\": \"partner\", \"province_list\": null, \"province_code\": null}", v1,
	        &r);
	assert_status(&r, 403);
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM organisation WHERE"
	                                     " province_code IS NULL"),
	        1);
}

static void scope_follows_current_provinces(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", centre);
	char path[64];
	path_of(path, sizeof path, id);
	ApiRes r;
	apitest_call(t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "other", "POST", "/api/v1/organisations", centre, NULL, &r);
	assert_status(&r, 403);
	assert_string_equal(apires_str(&r, "error.field"), "province_code");
	apires_free(&r);
	apitest_call(t, "viewer", "POST", "/api/v1/organisations", centre, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, NULL, "GET", path, NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	/* Moving a record into a province one does not have is refused too. */
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path,
	        "{\"province_list\": \"current\", \"province_code\": \"01\"}", v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
}

static void lists_by_current_province(void **state)
{
	ApiTest *t = *state;
	create(t, "staff", centre);
	create(t, "other", hanoi_doit);
	create(t, "ministry", ministry);
	ApiRes r;
	/* Cần Thơ's viewer: Sóc Trăng's centre (legacy 94) and the Ministry. */
	apitest_call(t, "viewer", "GET", "/api/v1/organisations", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.name"), "Bộ Công Thương");
	assert_string_equal(apires_str(&r, "items.1.name"), "Trung tâm Khuyến công Sóc Trăng");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/organisations?national=false", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/organisations", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.1.name"), "Sở Công Thương Hà Nội");
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/organisations?province=92", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	/* The ministry sees all, or one province; search ignores diacritics. */
	apitest_call(t, "ministry", "GET", "/api/v1/organisations", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 3);
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/organisations?province=01&kind=doit", NULL,
	        NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(
	        t, "ministry", "GET", "/api/v1/organisations?q=khuyen+cong+soc", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(
	        t, "viewer", "GET", "/api/v1/organisations?valid_on=2026-01-01", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1); /* the centre had ended */
	apires_free(&r);
}

/* The national agency for khuyến công changed name in 2017: a report of
 * 2019 is signed by the successor. */
static void the_unit_in_force_on_a_day(void **state)
{
	ApiTest *t = *state;
	int64_t now = create(t, "ministry",
	        "{\"kind\": \"national_agency\", \"name\": \"Cục Công Thương địa phương\","
	        " \"valid_from\": \"2017-08-01\"}");
	char body[256];
	snprintf(body, sizeof body,
	        "{\"kind\": \"national_agency\", \"name\": \"Cục Công nghiệp địa phương\","
	        " \"valid_to\": \"2017-07-31\", \"successor_id\": %lld}",
	        (long long)now);
	int64_t old = create(t, "ministry", body);
	char path[96];
	snprintf(path, sizeof path, "/api/v1/organisations/%lld/valid-on?date=2019-05-01",
	        (long long)old);
	ApiRes r;
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "id"), now);
	apires_free(&r);
	snprintf(path, sizeof path, "/api/v1/organisations/%lld/valid-on?date=2016-05-01",
	        (long long)now);
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "id"), old);
	apires_free(&r);
	snprintf(path, sizeof path, "/api/v1/organisations/%lld/valid-on", (long long)now);
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "date");
	apires_free(&r);
}

static const ApiRefusal bad[] = {
        {"unknown field", "staff", "POST", "/api/v1/organisations",
                "{\"nmae\": \"x\", \"province_code\": \"92\"}", 400, "bad_request", "nmae"},
        {"wrong type", "staff", "POST", "/api/v1/organisations",
                "{\"successor_id\": \"5\", \"province_code\": \"92\"}", 400, "bad_request",
                "successor_id"},
        {"store validation", "staff", "POST", "/api/v1/organisations",
                "{\"kind\": \"bank\", \"name\": \"x\", \"province_list\": \"current\","
                " \"province_code\": \"92\"}",
                422, "invalid", "kind"},
        {"date not a day", "staff", "GET", "/api/v1/organisations?valid_on=2019-13-01", NULL, 400,
                "bad_request", "valid_on"},
        {"bool not a bool", "staff", "GET", "/api/v1/organisations?national=maybe", NULL, 400,
                "bad_request", "national"},
        {"bad kind", "staff", "GET", "/api/v1/organisations?kind=bank", NULL, 400, "bad_request",
                "kind"},
        {"no such record", "staff", "GET", "/api/v1/organisations/999999", NULL, 404, "not_found",
                NULL},
};

static void bad_request(void **state)
{
	const ApiRefusal *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	apitest_refused(&t, c);
	assert_int_equal(db_scalar(t.db.db, "SELECT COUNT(*) FROM organisation"), 0);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, create_read_update_delete);
	TL_ADD(&tl, national_bodies_are_the_ministrys);
	TL_ADD(&tl, scope_follows_current_provinces);
	TL_ADD(&tl, lists_by_current_province);
	TL_ADD(&tl, the_unit_in_force_on_a_day);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/organisations");
}
