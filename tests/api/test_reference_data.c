/* test_reference_data.c — /api/v1/reference/...: the eight reference tables
 * through the router. Everyone signed in reads them, only admins change them;
 * changes are validated, versioned and audited; and the request errors. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

static const char *const tables[] = {"instruments", "activity-contents", "indicators", "sectors",
        "funding-sources", "support-rules", "adjustment-rules", "period-rules"};

/* Every table: read by a viewer, with the seeded rows; refused to anyone
 * signed out, and to every writer but an admin. */
static void everyone_reads_only_admins_write(void **state)
{
	ApiTest *t = *state;
	for (size_t i = 0; i < COUNT_OF(tables); i++) {
		char path[80];
		snprintf(path, sizeof path, "/api/v1/reference/%s?limit=500", tables[i]);
		ApiRes r;
		apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
		assert_status(&r, 200);
		assert_true(apires_int(&r, "total") >= 2);
		assert_int_equal(apires_int(&r, "total"),
		        (int64_t)json_array_size(json_object_get(r.json, "items")));
		apires_free(&r);
		apitest_call(t, NULL, "GET", path, NULL, NULL, &r);
		assert_status(&r, 401);
		apires_free(&r);
		snprintf(path, sizeof path, "/api/v1/reference/%s", tables[i]);
		static const char *const writers[] = {"staff", "manager", "ministry", "other"};
		for (size_t k = 0; k < COUNT_OF(writers); k++) {
			apitest_call(t, writers[k], "POST", path, "{}", NULL, &r);
			assert_status(&r, 403);
			apires_free(&r);
		}
	}
	assert_int_equal(
	        db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log WHERE via = 'http'"), 0);
}

static const char new_sector[] =
        "{\"code\": \"S14_DIGITAL_CRAFT\", \"label_vi\": \"Thủ công mỹ nghệ ứng dụng công nghệ số\","
        " \"instrument_code\": \"ND235_2025\", \"valid_from\": \"2027-01-01\"}";

static void create_update_delete(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "admin", "POST", "/api/v1/reference/sectors", new_sector, NULL, &r);
	assert_status(&r, 201);
	assert_string_equal(r.location, "/api/v1/reference/sectors/S14_DIGITAL_CRAFT");
	assert_string_equal(r.etag, "\"1\"");
	assert_null(apires_str(&r, "valid_to"));
	apires_free(&r);
	const char *path = "/api/v1/reference/sectors/S14_DIGITAL_CRAFT";
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "label_vi"), "Thủ công mỹ nghệ ứng dụng công nghệ số");
	apires_free(&r);

	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "ministry", "PATCH", path, "{\"valid_to\": \"2030-12-31\"}", v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "admin", "PATCH", path, "{\"valid_to\": \"2030-12-31\"}", v1, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "valid_to"), "2030-12-31");
	assert_string_equal(apires_str(&r, "instrument_code"), "ND235_2025"); /* kept */
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	apitest_call(t, "admin", "PATCH", path, "{\"valid_to\": null}", v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	apitest_call(t, "admin", "PATCH", path, "{\"valid_to\": null}", NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "version");
	apires_free(&r);
	apitest_call(t, "admin", "PATCH", path, "{\"code\": \"S15\", \"version\": 2}", NULL, &r);
	assert_status(&r, 400);
	assert_string_equal(apires_str(&r, "error.field"), "code");
	apires_free(&r);

	/* Its history, for supervisors. */
	apitest_call(t, "manager", "GET", "/api/v1/reference/sectors/S14_DIGITAL_CRAFT/audit", NULL,
	        NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.action"), "update"); /* newest first */
	assert_string_equal(apires_str(&r, "items.0.actor"), "admin");
	assert_non_null(strstr(apires_str(&r, "items.0.after_json"), "2030-12-31"));
	apires_free(&r);
	apitest_call(t, "staff", "GET", "/api/v1/reference/sectors/S14_DIGITAL_CRAFT/audit", NULL,
	        NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);

	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "admin", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "admin", "GET", path, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	/* A sector establishments still use stays. */
	apitest_call(
	        t, "admin", "DELETE", "/api/v1/reference/instruments/QD1881_2020", NULL, v1, &r);
	assert_status(&r, 409);
	assert_non_null(strstr(apires_str(&r, "error.message"), "còn nội dung hoạt động"));
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                                     " 'sector' AND actor = 'admin' AND via = 'http'"),
	        3);
}

/* A table whose ids the database gives; making a period rule the default
 * takes the flag from the old one. */
static void rules_with_ids(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	apitest_call(t, "admin", "POST", "/api/v1/reference/support-rules",
	        "{\"instrument_code\": \"NQ_DAKLAK_2025\", \"program_level\": \"local\","
	        " \"province_list\": \"current\", \"province_code\": \"66\", \"cost_item\":"
	        " \"machinery\", \"label_vi\": \"Ứng dụng máy móc thiết bị\", \"rate_x100\": 5000,"
	        " \"cap_dong\": 300000000, \"cap_per\": \"establishment\", \"id\": 77}",
	        NULL, &r);
	assert_status(&r, 201);
	assert_string_equal(r.location, "/api/v1/reference/support-rules/10"); /* not 77 */
	assert_int_equal(apires_int(&r, "id"), 10);
	assert_int_equal(apires_int(&r, "base_rule_id"), INT64_MIN); /* null */
	apires_free(&r);
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "admin", "PATCH", "/api/v1/reference/period-rules/2",
	        "{\"is_default\": true}", v1, &r);
	assert_status(&r, 200);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/reference/period-rules/1", NULL, NULL, &r);
	assert_false(json_is_true(json_object_get(r.json, "is_default")));
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
}

typedef struct BadCase {
	const char *why, *method, *path, *body;
	int status;
	const char *field;
} BadCase;

static const BadCase bad[] = {
        {"unknown field", "POST", "/api/v1/reference/sectors", "{\"lable_vi\": \"x\"}", 400,
                "lable_vi"},
        {"wrong type", "POST", "/api/v1/reference/indicators", "{\"position\": \"first\"}", 400,
                "position"},
        {"missing label", "POST", "/api/v1/reference/sectors", "{\"code\": \"S99\"}", 422,
                "label_vi"},
        {"unknown instrument", "POST", "/api/v1/reference/sectors",
                "{\"code\": \"S99\", \"label_vi\": \"x\", \"instrument_code\": \"ND1_1900\"}", 422,
                "instrument_code"},
        {"code taken", "POST", "/api/v1/reference/funding-sources",
                "{\"code\": \"central\", \"label_vi\": \"x\", \"position\": 9}", 409, "code"},
        {"rate above 100 %", "POST", "/api/v1/reference/support-rules",
                "{\"instrument_code\": \"TT28_2018_BTC\", \"cost_item\": \"x\", \"label_vi\": "
                "\"x\", \"rate_x100\": 12000}",
                422, "rate_x100"},
        {"value kind out of the set", "POST", "/api/v1/reference/indicators",
                "{\"code\": \"x_count\", \"label_vi\": \"x\", \"unit_vi\": \"x\", \"value_kind\":"
                " \"ratio\", \"source\": \"both\", \"position\": 5}",
                422, "value_kind"},
        {"not a table", "GET", "/api/v1/reference/rules", NULL, 404, NULL},
        {"no such row", "GET", "/api/v1/reference/sectors/S99", NULL, 404, NULL},
        {"id not a number", "GET", "/api/v1/reference/support-rules/abc", NULL, 404, NULL},
        {"undeclared parameter", "GET", "/api/v1/reference/sectors?scheme=nd45", NULL, 400,
                "scheme"},
};

static void bad_request(void **state)
{
	const BadCase *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	ApiRes r;
	apitest_call(&t, "admin", c->method, c->path, c->body, NULL, &r);
	assert_status(&r, c->status);
	if (c->field)
		assert_string_equal(apires_str(&r, "error.field"), c->field);
	assert_non_null(apires_str(&r, "error.message"));
	assert_int_equal(
	        db_scalar(t.db.db, "SELECT COUNT(*) FROM audit_log WHERE via = 'http'"), 0);
	apires_free(&r);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, everyone_reads_only_admins_write);
	TL_ADD(&tl, create_update_delete);
	TL_ADD(&tl, rules_with_ids);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/reference");
}
