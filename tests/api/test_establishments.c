/* test_establishments.c — /api/v1/establishments through the router: the
 * model for an API resource's tests (create, read, update with versions,
 * delete, list with filters, scope, and the request errors). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* A bánh pía maker of Sóc Trăng, recorded in the legacy list (province 94,
 * now part of Cần Thơ, 92). */
static const char banh_pia[] =
        "{\"name\": \"Cơ sở bánh pía Tân Huê Viên\", \"legal_form\": \"household_business\","
        " \"tax_code\": \"2200123456\", \"province_list\": \"legacy\", \"province_code\": \"94\","
        " \"workers\": 25, \"women_owned\": true, \"survey_year\": 2019}";

static int64_t create(ApiTest *t, const char *as, const char *body)
{
	ApiRes r;
	apitest_call(t, as, "POST", "/api/v1/establishments", body, NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char want[64];
	snprintf(want, sizeof want, "/api/v1/establishments/%lld", (long long)id);
	assert_string_equal(r.location, want);
	assert_string_equal(r.etag, "\"1\"");
	apires_free(&r);
	return id;
}

static void create_read_update_delete(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", banh_pia);
	char path[64], ifmatch[32];
	snprintf(path, sizeof path, "/api/v1/establishments/%lld", (long long)id);
	ApiRes r;
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "name"), "Cơ sở bánh pía Tân Huê Viên");
	assert_int_equal(apires_int(&r, "workers"), 25);
	assert_null(apires_str(&r, "address")); /* unknown is null, never "" */
	apires_free(&r);

	/* An update names the version it read; fields not sent keep their values. */
	snprintf(ifmatch, sizeof ifmatch, "If-Match: \"1\"");
	const char *const v1[] = {ifmatch, NULL};
	apitest_call(t, "staff", "PATCH", path, "{\"workers\": 30}", v1, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "workers"), 30);
	assert_string_equal(apires_str(&r, "tax_code"), "2200123456");
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);

	/* Someone who read version 1 cannot overwrite version 2 silently. */
	apitest_call(t, "manager", "PATCH", path, "{\"workers\": 99}", v1, &r);
	assert_status(&r, 409);
	assert_string_equal(apires_str(&r, "error.code"), "conflict");
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", path, "{\"workers\": 99, \"version\": 1}", NULL, &r);
	assert_status(&r, 409);
	apires_free(&r);

	/* A delete without the version is refused; with it, the record goes. */
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
	/* Each change was recorded with the acting user. */
	assert_int_equal(
	        db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                            " ON u.id = a.user_id WHERE u.username = 'staff'"
	                            " AND a.table_name = 'establishment' AND a.via = 'http'"),
	        3);
}

static void scope_follows_current_provinces(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", banh_pia);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/establishments/%lld", (long long)id);
	ApiRes r;
	/* Hà Nội's staff can neither read nor create Cần Thơ's records. */
	apitest_call(t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "other", "POST", "/api/v1/establishments", banh_pia, NULL, &r);
	assert_status(&r, 403);
	assert_string_equal(apires_str(&r, "error.field"), "province_code");
	apires_free(&r);
	/* Their list is their province's, and they cannot ask for another. */
	apitest_call(t, "other", "GET", "/api/v1/establishments", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/establishments?province=92", NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	/* Cần Thơ's viewer sees the Sóc Trăng record; the ministry too. */
	apitest_call(t, "viewer", "GET", "/api/v1/establishments", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(
	        t, "ministry", "GET", "/api/v1/establishments?province=legacy:94", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	/* Moving a record names the whole province, so the router can check it. */
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path, "{\"province_list\": \"current\"}", v1, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "province_code");
	apires_free(&r);
	apitest_call(t, "staff", "PATCH", path,
	        "{\"province_list\": \"current\", \"province_code\": \"01\"}", v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
	/* A viewer may not write; no one signed out may read. */
	apitest_call(t, "viewer", "POST", "/api/v1/establishments", banh_pia, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, NULL, "GET", "/api/v1/establishments", NULL, NULL, &r);
	assert_status(&r, 401);
	assert_string_equal(apires_str(&r, "error.code"), "unauthenticated");
	apires_free(&r);
}

static void list_searches_without_diacritics(void **state)
{
	ApiTest *t = *state;
	create(t, "staff", banh_pia);
	create(t, "staff",
	        "{\"name\": \"HTX Đồng Tâm\", \"legal_form\": \"coop\", \"province_list\": "
	        "\"current\", \"province_code\": \"92\"}");
	ApiRes r;
	apitest_call(t, "staff", "GET", "/api/v1/establishments?q=dong+tam", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.name"), "HTX Đồng Tâm");
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/establishments?limit=1&offset=1", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_int_equal(json_array_size(json_object_get(r.json, "items")), 1);
	assert_string_equal(apires_str(&r, "items.0.name"), "HTX Đồng Tâm"); /* Cơ sở < HTX */
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/establishments?sort=newest", NULL, NULL, &r);
	assert_string_equal(apires_str(&r, "items.0.name"), "HTX Đồng Tâm"); /* entered last */
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/establishments?sort=-name", NULL, NULL, &r);
	assert_string_equal(apires_str(&r, "items.1.name"), "Cơ sở bánh pía Tân Huê Viên");
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/establishments?women_owned=true", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
}

/* Requests the router refuses before the handler runs, and what it says. */
typedef struct BadCase {
	const char *why, *method, *path, *body;
	int status;
	const char *code, *field;
} BadCase;

static const BadCase bad[] = {
        {"malformed JSON", "POST", "/api/v1/establishments", "{\"name\": ", 400, "bad_request",
                "body"},
        {"not an object", "POST", "/api/v1/establishments", "42", 400, "bad_request", "body"},
        {"unknown field", "POST", "/api/v1/establishments", "{\"nmae\": \"x\"}", 400, "bad_request",
                "nmae"},
        {"wrong type", "POST", "/api/v1/establishments", "{\"workers\": \"many\"}", 400,
                "bad_request", "workers"},
        {"duplicate key", "POST", "/api/v1/establishments", "{\"name\": \"a\", \"name\": \"b\"}",
                400, "bad_request", "body"},
        {"store validation", "POST", "/api/v1/establishments",
                "{\"name\": \"\", \"legal_form\": \"sme\", \"province_list\": \"current\","
                " \"province_code\": \"92\"}",
                422, "invalid", "name"},
        {"limit out of range", "GET", "/api/v1/establishments?limit=501", NULL, 400, "bad_request",
                "limit"},
        {"limit not a number", "GET", "/api/v1/establishments?limit=ten", NULL, 400, "bad_request",
                "limit"},
        {"negative offset", "GET", "/api/v1/establishments?offset=-1", NULL, 400, "bad_request",
                "offset"},
        {"undeclared parameter", "GET", "/api/v1/establishments?page=2", NULL, 400, "bad_request",
                "page"},
        {"repeated parameter", "GET", "/api/v1/establishments?q=a&q=b", NULL, 400, "bad_request",
                "q"},
        {"bad enum", "GET", "/api/v1/establishments?legal_form=llc", NULL, 400, "bad_request",
                "legal_form"},
        {"id not a number", "GET", "/api/v1/establishments/abc", NULL, 404, "not_found", NULL},
        {"no such record", "GET", "/api/v1/establishments/999999", NULL, 404, "not_found", NULL},
        {"method not allowed", "PUT", "/api/v1/establishments", "{}", 405, "method_not_allowed",
                NULL},
};

static void bad_request(void **state)
{
	const BadCase *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	ApiRes r;
	apitest_call(&t, "staff", c->method, c->path, c->body, NULL, &r);
	assert_status(&r, c->status);
	assert_string_equal(apires_str(&r, "error.code"), c->code);
	if (c->field)
		assert_string_equal(apires_str(&r, "error.field"), c->field);
	assert_non_null(apires_str(&r, "error.message"));
	assert_int_equal(db_scalar(t.db.db, "SELECT COUNT(*) FROM establishment"), 0);
	apires_free(&r);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, create_read_update_delete);
	TL_ADD(&tl, scope_follows_current_provinces);
	TL_ADD(&tl, list_searches_without_diacritics);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/establishments");
}
