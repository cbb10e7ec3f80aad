/* test_products.c — products under their establishments, typical-product
 * certificates and OCOP ratings through the router: create under the
 * parent, read, update with versions (the parent cannot change), delete,
 * lists and counts by current province, scope and the request errors. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

/* A bánh pía maker of Sóc Trăng (legacy 94, now part of Cần Thơ, 92) and a
 * pottery of Hà Nội, made through the API by their provinces' staff. */
typedef struct Fixture {
	ApiTest t;
	int64_t soc_trang, bat_trang;
} Fixture;

static int64_t post(ApiTest *t, const char *as, const char *path, const char *body)
{
	ApiRes r;
	apitest_call(t, as, "POST", path, body, NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	apires_free(&r);
	return id;
}

static int setup(void **state)
{
	Fixture *f = calloc(1, sizeof *f);
	if (!f || apitest_open(&f->t))
		return -1;
	f->soc_trang = post(&f->t, "staff", "/api/v1/establishments",
	        "{\"name\": \"Cơ sở bánh pía Tân Huê Viên\", \"legal_form\": \"household_business\","
	        " \"province_list\": \"legacy\", \"province_code\": \"94\"}");
	f->bat_trang = post(&f->t, "other", "/api/v1/establishments",
	        "{\"name\": \"HTX gốm Bát Tràng\", \"legal_form\": \"coop\","
	        " \"province_list\": \"current\", \"province_code\": \"01\"}");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fixture *f = *state;
	apitest_close(&f->t);
	free(f);
	return 0;
}

static int64_t add_product(Fixture *f, const char *as, int64_t establishment, const char *body)
{
	char path[96];
	snprintf(path, sizeof path, "/api/v1/establishments/%lld/products",
	        (long long)establishment);
	ApiRes r;
	apitest_call(&f->t, as, "POST", path, body, NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	char want[64];
	snprintf(want, sizeof want, "/api/v1/products/%lld", (long long)id);
	assert_string_equal(r.location, want);
	assert_string_equal(r.etag, "\"1\"");
	assert_int_equal(apires_int(&r, "establishment_id"), establishment);
	apires_free(&r);
	return id;
}

static const char banh_pia[] = "{\"name\": \"Bánh pía sầu riêng\", \"product_group\": \"food\"}";

static void product_read_update_delete(void **state)
{
	Fixture *f = *state;
	ApiTest *t = &f->t;
	/* The establishment is the path's: one sent in the body is ignored. */
	char body[160];
	snprintf(body, sizeof body,
	        "{\"name\": \"Bánh pía sầu riêng\", \"product_group\": \"food\","
	        " \"establishment_id\": %lld}",
	        (long long)f->bat_trang);
	int64_t id = add_product(f, "staff", f->soc_trang, body);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/products/%lld", (long long)id);
	ApiRes r;
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "name"), "Bánh pía sầu riêng");
	assert_int_equal(apires_int(&r, "establishment_id"), f->soc_trang);
	apires_free(&r);
	/* Nor can an update move it to an establishment of another province. */
	snprintf(body, sizeof body, "{\"name\": \"Bánh pía\", \"establishment_id\": %lld}",
	        (long long)f->bat_trang);
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path, body, v1, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "name"), "Bánh pía");
	assert_int_equal(apires_int(&r, "establishment_id"), f->soc_trang);
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	apitest_call(t, "staff", "PATCH", path, "{\"name\": \"x\"}", v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	assert_history(t, path, 2, "update");
	/* A product with a certificate stays until the certificate goes. */
	char certs[96];
	snprintf(certs, sizeof certs, "%s/certifications", path);
	int64_t cert = post(t, "staff", certs, "{\"level\": \"provincial\", \"year\": 2019}");
	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "staff", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 409);
	apires_free(&r);
	snprintf(certs, sizeof certs, "/api/v1/certifications/%lld", (long long)cert);
	apitest_call(t, "staff", "DELETE", certs, NULL, v1, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "staff", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "staff", "GET", path, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
}

static void products_scope_and_lists(void **state)
{
	Fixture *f = *state;
	ApiTest *t = &f->t;
	int64_t own = add_product(f, "staff", f->soc_trang, banh_pia);
	add_product(f, "staff", f->soc_trang,
	        "{\"name\": \"Lạp xưởng Vũng Thơm\", \"product_group\": \"food\"}");
	add_product(f, "other", f->bat_trang,
	        "{\"name\": \"Bình gốm men lam\", \"product_group\": \"handicraft\"}");
	char path[96];
	ApiRes r;
	/* Hà Nội's staff can neither add to, read nor change Cần Thơ's. */
	snprintf(
	        path, sizeof path, "/api/v1/establishments/%lld/products", (long long)f->soc_trang);
	apitest_call(t, "other", "POST", path, banh_pia, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "viewer", "POST", path, banh_pia, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	snprintf(path, sizeof path, "/api/v1/products/%lld", (long long)own);
	apitest_call(t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, NULL, "GET", path, NULL, NULL, &r);
	assert_status(&r, 401);
	apires_free(&r);
	/* Lists: the province's products (through their establishments). */
	apitest_call(t, "viewer", "GET", "/api/v1/products", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.name"), "Bánh pía sầu riêng");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/products?q=lap+xuong", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/products", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.name"), "Bình gốm men lam");
	apires_free(&r);
	apitest_call(t, "ministry", "GET", "/api/v1/products?product_group=food", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	snprintf(path, sizeof path, "/api/v1/products?establishment_id=%lld",
	        (long long)f->bat_trang);
	apitest_call(t, "ministry", "GET", path, NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
}

static void certifications(void **state)
{
	Fixture *f = *state;
	ApiTest *t = &f->t;
	int64_t product = add_product(f, "staff", f->soc_trang, banh_pia);
	int64_t pottery = add_product(f, "other", f->bat_trang,
	        "{\"name\": \"Bình gốm men lam\", \"product_group\": \"handicraft\"}");
	char certs[96], path[64];
	snprintf(certs, sizeof certs, "/api/v1/products/%lld/certifications", (long long)product);
	ApiRes r;
	apitest_call(t, "staff", "POST", certs,
	        "{\"level\": \"provincial\", \"year\": 2019, \"certificate_no\": \"12/GCN\","
	        " \"decision_date\": \"20/11/2019\", \"score\": 85}",
	        NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	snprintf(path, sizeof path, "/api/v1/certifications/%lld", (long long)id);
	assert_string_equal(r.location, path);
	assert_string_equal(apires_str(&r, "product_name"), "Bánh pía sầu riêng");
	assert_string_equal(apires_str(&r, "province_code"), "94");
	assert_string_equal(apires_str(&r, "decision_date"), "2019-11-20");
	apires_free(&r);
	post(t, "staff", certs, "{\"level\": \"regional\", \"year\": 2020}");
	snprintf(certs, sizeof certs, "/api/v1/products/%lld/certifications", (long long)pottery);
	post(t, "other", certs, "{\"level\": \"national\", \"year\": 2020}");
	/* The TT 38/2025 rule: no district level from 01/7/2025. */
	snprintf(certs, sizeof certs, "/api/v1/products/%lld/certifications", (long long)product);
	apitest_call(
	        t, "staff", "POST", certs, "{\"level\": \"district\", \"year\": 2026}", NULL, &r);
	assert_status(&r, 422);
	apires_free(&r);

	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path, "{\"score\": 90, \"product_name\": \"ignored\"}",
	        v1, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "score"), 90);
	assert_string_equal(apires_str(&r, "product_name"), "Bánh pía sầu riêng");
	apires_free(&r);
	apitest_call(t, "staff", "PATCH", path, "{\"score\": 91}", v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	apitest_call(t, "other", "GET", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	assert_history(t, path, 2, "update");

	/* Lists and counts by current province, level and years. */
	apitest_call(t, "viewer", "GET", "/api/v1/certifications", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.level"), "provincial");
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/certifications?level=regional&year_from=2020",
	        NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "viewer", "GET", "/api/v1/certifications/counts", NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "provincial"), 1);
	assert_int_equal(apires_int(&r, "regional"), 1);
	assert_int_equal(apires_int(&r, "national"), 0);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	apitest_call(
	        t, "ministry", "GET", "/api/v1/certifications/counts?year_to=2019", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	apitest_call(t, "other", "GET", "/api/v1/certifications/counts", NULL, NULL, &r);
	assert_int_equal(apires_int(&r, "national"), 1);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);

	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "staff", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	assert_int_equal(
	        db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                            " ON u.id = a.user_id WHERE u.username = 'staff'"
	                            " AND a.table_name = 'certification' AND a.via = 'http'"),
	        4); /* two inserts, the update, the delete */
}

static void ocop_ratings(void **state)
{
	Fixture *f = *state;
	ApiTest *t = &f->t;
	int64_t product = add_product(f, "staff", f->soc_trang, banh_pia);
	int64_t second = add_product(f, "staff", f->soc_trang,
	        "{\"name\": \"Lạp xưởng Vũng Thơm\", \"product_group\": \"food\"}");
	char ratings[96], path[128];
	snprintf(ratings, sizeof ratings, "/api/v1/products/%lld/ocop", (long long)product);
	ApiRes r;
	apitest_call(t, "staff", "POST", ratings,
	        "{\"stars\": 3, \"year\": 2020, \"valid_until\": \"31/12/2023\"}", NULL, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	snprintf(path, sizeof path, "%s/%lld", ratings, (long long)id);
	assert_string_equal(r.location, path);
	assert_int_equal(apires_int(&r, "product_id"), product);
	apires_free(&r);
	post(t, "staff", ratings, "{\"stars\": 4, \"year\": 2023}");
	apitest_call(t, "viewer", "GET", ratings, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_int_equal(apires_int(&r, "items.0.stars"), 4); /* latest first */
	apires_free(&r);
	apitest_call(t, "viewer", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "valid_until"), "2023-12-31");
	assert_string_equal(r.etag, "\"1\"");
	apires_free(&r);

	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path, "{\"stars\": 6}", v1, &r);
	assert_status(&r, 422);
	assert_string_equal(apires_str(&r, "error.field"), "stars");
	apires_free(&r);
	apitest_call(t, "staff", "PATCH", path, "{\"stars\": 4}", v1, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "stars"), 4);
	assert_int_equal(apires_int(&r, "year"), 2020);
	apires_free(&r);
	apitest_call(t, "staff", "PATCH", path, "{\"stars\": 5}", v1, &r);
	assert_status(&r, 409);
	apires_free(&r);
	/* A rating is reached through its own product only. */
	char wrong[128];
	snprintf(wrong, sizeof wrong, "/api/v1/products/%lld/ocop/%lld", (long long)second,
	        (long long)id);
	apitest_call(t, "staff", "GET", wrong, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
	apitest_call(t, "other", "GET", ratings, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	apitest_call(t, "viewer", "POST", ratings, "{\"stars\": 2, \"year\": 2024}", NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "staff", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	apitest_call(t, "staff", "GET", path, NULL, NULL, &r);
	assert_status(&r, 404);
	apires_free(&r);
}

/* The paths name establishment 1 (Sóc Trăng's, made by setup) and ids that
 * do not exist. */
static const ApiRefusal bad[] = {
        {"unknown field", "staff", "POST", "/api/v1/establishments/1/products",
                "{\"nmae\": \"x\", \"product_group\": \"food\"}", 400, "bad_request", "nmae"},
        {"wrong type", "staff", "POST", "/api/v1/establishments/1/products",
                "{\"name\": 5, \"product_group\": \"food\"}", 400, "bad_request", "name"},
        {"store validation", "staff", "POST", "/api/v1/establishments/1/products",
                "{\"name\": \"x\", \"product_group\": \"toys\"}", 422, "invalid", "product_group"},
        {"no such establishment", "staff", "POST", "/api/v1/establishments/999999/products",
                "{\"name\": \"x\", \"product_group\": \"food\"}", 404, "not_found", NULL},
        {"no such product", "staff", "POST", "/api/v1/products/999999/certifications",
                "{\"level\": \"provincial\", \"year\": 2019}", 404, "not_found", NULL},
        {"bad level", "staff", "GET", "/api/v1/certifications?level=district_x", NULL, 400,
                "bad_request", "level"},
        {"year out of range", "staff", "GET", "/api/v1/certifications/counts?year_from=20", NULL,
                400, "bad_request", "year_from"},
        {"paging on counts", "staff", "GET", "/api/v1/certifications/counts?limit=5", NULL, 400,
                "bad_request", "limit"},
        {"bad group", "staff", "GET", "/api/v1/products?product_group=toys", NULL, 400,
                "bad_request", "product_group"},
};

static void bad_request(void **state)
{
	const ApiRefusal *c = *state;
	void *p = NULL;
	assert_int_equal(setup(&p), 0);
	Fixture *fx = p;
	assert_int_equal(fx->soc_trang, 1);
	apitest_refused(&fx->t, c);
	assert_int_equal(db_scalar(fx->t.db.db, "SELECT (SELECT COUNT(*) FROM product)"
	                                        " + (SELECT COUNT(*) FROM certification)"),
	        0);
	teardown(&p);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, product_read_update_delete);
	TL_ADD(&tl, products_scope_and_lists);
	TL_ADD(&tl, certifications);
	TL_ADD(&tl, ocop_ratings);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/products");
}
