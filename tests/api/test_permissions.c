/* test_permissions.c — the permission matrix: every route of the route
 * table, called as every role, on a record of the caller's own province and
 * of another one, against the table below. The table is the specification:
 * read a row as "this request, made by each of these seven callers, is
 * (A)llowed past the router, (D)enied with 403, or (U)nauthenticated 401"; an
 * answer of 500 or more fails the row whatever it expects.
 *
 * Callers, in the order of each row's seven letters:
 *   anonymous  no one signed in
 *   viewer     read-only, province 92 (Cần Thơ; legacy 94 Sóc Trăng is part of it)
 *   staff      enters data, province 92
 *   manager    approves and submits, province 92
 *   ministry   every province
 *   admin      everything
 *   other      staff of province 01 (Hà Nội)
 * %OWN% in a path is a record of the row's slot in province 92, %OTHER% the
 * same kind of record in province 01; %SUB%, after either, is the record of
 * the row's sub slot that belongs to it (a cost line of that đề án).
 * "Allowed" means the router let the request reach its handler: the handler
 * may still refuse the data (400, 404, 409, 422), which each resource's own
 * suite checks.
 *
 * A test also checks that every route of the table has at least one row
 * here, so a new route cannot ship without its line in the matrix. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"
#include "report/report.h"
#include "store/store_establishment.h"

enum { PERM_SLOTS = 96 };
typedef struct PermIds {
	int64_t own[PERM_SLOTS], other[PERM_SLOTS];
} PermIds;

typedef struct PermRow {
	int slot;
	const char *method, *path, *body;
	char expect[7]; /* anonymous viewer staff manager ministry admin other */
	int sub;        /* the slot of %SUB%: a record under the %OWN% or %OTHER% one */
} PermRow;

#define A 'A'
#define D 'D'
#define U 'U'

static const char *const callers[7] = {
        NULL, "viewer", "staff", "manager", "ministry", "admin", "other"};

/* ---- The core routes: the server, sign-in, establishments ------------------------ */

enum { PERM_ESTABLISHMENT = 95, PERM_SNAPSHOT = 94 };

#define ESTABLISHMENT_92                                                                           \
	"{\"name\": \"Cơ sở mới\", \"legal_form\": \"sme\", \"province_list\": \"current\", " \
	"\"province_code\": \"92\"}"

static const PermRow core_rows[] = {
        /* slot, method, path, body, {anon viewer staff manager ministry admin other} */
        {0, "GET", "/healthz", NULL, {A, A, A, A, A, A, A}},
        {0, "GET", "/api/v1/openapi.json", NULL, {A, A, A, A, A, A, A}},
        {0, "POST", "/api/v1/session",
                "{\"username\": \"viewer\", \"password\": \"" APITEST_PASSWORD "\"}",
                {A, A, A, A, A, A, A}},
        {0, "GET", "/api/v1/session", NULL, {U, A, A, A, A, A, A}},
        {0, "DELETE", "/api/v1/session", NULL, {U, A, A, A, A, A, A}},
        {0, "POST", "/api/v1/session/logout-all", NULL, {U, A, A, A, A, A, A}},
        {0, "POST", "/api/v1/session/password",
                "{\"password\": \"" APITEST_PASSWORD "\", \"new_password\": \"mat-khau-moi-2026\"}",
                {U, A, A, A, A, A, A}},
        {0, "GET", "/api/v1/establishments", NULL, {U, A, A, A, A, A, A}},
        {0, "GET", "/api/v1/establishments?province=92", NULL, {U, A, A, A, A, A, D}},
        {0, "POST", "/api/v1/establishments", ESTABLISHMENT_92, {U, D, A, A, A, A, D}},
        {PERM_ESTABLISHMENT, "GET", "/api/v1/establishments/%OWN%", NULL, {U, A, A, A, A, A, D}},
        {PERM_ESTABLISHMENT, "GET", "/api/v1/establishments/%OTHER%", NULL, {U, D, D, D, A, A, A}},
        {PERM_ESTABLISHMENT, "PATCH", "/api/v1/establishments/%OWN%", "{\"workers\": 3}",
                {U, D, A, A, A, A, D}},
        {PERM_ESTABLISHMENT, "PATCH", "/api/v1/establishments/%OTHER%", "{\"workers\": 3}",
                {U, D, D, D, A, A, A}},
        {PERM_ESTABLISHMENT, "DELETE", "/api/v1/establishments/%OWN%", NULL, {U, D, A, A, A, A, D}},
        {PERM_ESTABLISHMENT, "DELETE", "/api/v1/establishments/%OTHER%", NULL,
                {U, D, D, D, A, A, A}},
        /* Reports: anyone reads their scope's; managers submit; regions are national. */
        {0, "GET", "/api/v1/report-templates", NULL, {U, A, A, A, A, A, A}},
        {0, "GET", "/api/v1/reports/ket_qua_thuc_hien?period=2019", NULL, {U, A, A, A, A, A, A}},
        {0, "GET", "/api/v1/reports/ket_qua_thuc_hien?period=2019&province=92", NULL,
                {U, A, A, A, A, A, D}},
        {0, "GET", "/api/v1/reports/ket_qua_thuc_hien?period=2019&region=moit_south", NULL,
                {U, D, D, D, A, A, D}},
        {0, "POST", "/api/v1/reports/ket_qua_thuc_hien/submit?period=2019", NULL,
                {U, D, D, A, A, A, D}},
        {0, "POST", "/api/v1/reports/ket_qua_thuc_hien/submit?period=2019&province=01", NULL,
                {U, D, D, D, A, A, D}},
        {0, "GET", "/api/v1/reports/ket_qua_thuc_hien/snapshots", NULL, {U, A, A, A, A, A, A}},
        {PERM_SNAPSHOT, "GET", "/api/v1/report-snapshots/%OWN%", NULL, {U, A, A, A, A, A, D}},
        {PERM_SNAPSHOT, "GET", "/api/v1/report-snapshots/%OTHER%", NULL, {U, D, D, D, A, A, A}},
};

static void perm_core_fixtures(ApiTest *t, PermIds *ids)
{
	static const char *const provinces[2] = {"92", "01"};
	Actor a = {.name = "fixture", .via = "cli", .now = t->app.now};
	for (int i = 0; i < 2; i++) {
		ReportRequest req = {.template_id = "ket_qua_thuc_hien",
		        .period = "2019",
		        .scope = i ? "province:current:01" : "province:current:92",
		        .boundaries = "current",
		        .now = t->app.now};
		Err e = {0};
		int64_t *slot = i ? &ids->other[PERM_SNAPSHOT] : &ids->own[PERM_SNAPSHOT];
		if (report_submit(t->db.db, &a, &req, NULL, slot, NULL, &e))
			fail_msg("fixture: %s", e.msg);
	}
	for (int i = 0; i < 2; i++) {
		Establishment x = store_establishment_blank();
		x.name = i ? "Cơ sở gốm Bát Tràng" : "Cơ sở bánh pía Vũng Thơm";
		x.legal_form = "household_business";
		x.province_list = "current";
		x.province_code = provinces[i];
		Err e = {0};
		int64_t *slot = i ? &ids->other[PERM_ESTABLISHMENT] : &ids->own[PERM_ESTABLISHMENT];
		if (store_establishment_create(t->db.db, &a, &x, slot, &e))
			fail_msg("fixture: %s", e.msg);
	}
}

/* ---- The resource groups' rows, each in its own file ---------------------------- */

#if __has_include("perm_project.inc")
#include "perm_project.inc"
#define PROJECT_ROWS project_rows, COUNT_OF(project_rows), perm_project_fixtures
#endif
#if __has_include("perm_catalog.inc")
#include "perm_catalog.inc"
#define CATALOG_ROWS catalog_rows, COUNT_OF(catalog_rows), perm_catalog_fixtures
#endif
#if __has_include("perm_web.inc") && __has_include("perm_project.inc")
#include "perm_web.inc"
#define WEB_ROWS web_rows, COUNT_OF(web_rows), perm_web_fixtures
#endif
#if __has_include("perm_admin.inc")
#include "perm_admin.inc"
#define ADMIN_ROWS admin_rows, COUNT_OF(admin_rows), perm_admin_fixtures
#endif
#if __has_include("perm_import.inc")
#include "perm_import.inc"
#define IMPORT_ROWS import_rows, COUNT_OF(import_rows), perm_import_fixtures
#endif

typedef struct Group {
	const PermRow *rows;
	size_t n;
	void (*fixtures)(ApiTest *t, PermIds *ids);
} Group;

static const Group groups[] = {
        {core_rows, COUNT_OF(core_rows), perm_core_fixtures},
#ifdef PROJECT_ROWS
        {PROJECT_ROWS},
#endif
#ifdef CATALOG_ROWS
        {CATALOG_ROWS},
#endif
#ifdef ADMIN_ROWS
        {ADMIN_ROWS},
#endif
#ifdef IMPORT_ROWS
        {IMPORT_ROWS},
#endif
#ifdef WEB_ROWS
        {WEB_ROWS},
#endif
};

/* ---- Running the matrix ------------------------------------------------------------ */

static ApiTest fixtures; /* every group's records, made once and copied */
static PermIds ids;

static int make_fixtures(void **state)
{
	(void)state;
	if (apitest_open(&fixtures))
		return -1;
	for (size_t g = 0; g < COUNT_OF(groups); g++)
		groups[g].fixtures(&fixtures, &ids);
	return 0;
}

static int drop_fixtures(void **state)
{
	(void)state;
	apitest_close(&fixtures);
	return 0;
}

/* path with its first key replaced by id into out. */
static void replace(const char *path, const char *key, int64_t id, char *out, size_t n)
{
	const char *at = strstr(path, key);
	if (!at) {
		snprintf(out, n, "%s", path);
		return;
	}
	if (!id)
		fail_msg("no record for %s in %s", key, path);
	snprintf(out, n, "%.*s%lld%s", (int)(at - path), path, (long long)id, at + strlen(key));
}

/* The path with %OWN% and %OTHER% replaced by the slot's ids, and %SUB% by
 * the sub slot's id on the same side. */
static void expand(const PermRow *r, char *out, size_t n)
{
	char first[256];
	bool own = strstr(r->path, "%OWN%");
	replace(r->path, own ? "%OWN%" : "%OTHER%", own ? ids.own[r->slot] : ids.other[r->slot],
	        first, sizeof first);
	replace(first, "%SUB%", own ? ids.own[r->sub] : ids.other[r->sub], out, n);
}

/* A 5xx is never an outcome a row can expect: the server failed. A web
 * page sends a caller who is not signed in to the sign-in page. */
static char outcome(const ApiRes *res)
{
	int status = res->status;
	if (status == 303 && (!strcmp(res->location, HTTP_SIGN_IN_PAGE) ||
	                             !strncmp(res->location, HTTP_SIGN_IN_PAGE "?tiep=",
	                                     strlen(HTTP_SIGN_IN_PAGE "?tiep="))))
		return U;
	return status >= 500 ? 'E' : status == 401 ? U : status == 403 ? D : A;
}

/* Whether a row's request may write outside the test's connection (an import
 * runs on its own connection), so that rolling back cannot undo it. */
static bool writes_elsewhere(const PermRow *r)
{
	return !strncmp(r->path, "/api/v1/import", 14) || !strncmp(r->path, "/nhap-du-lieu", 13);
}

static void check_row(void **state)
{
	const PermRow *r = *state;
	char path[256];
	expand(r, path, sizeof path);
	bool copies = strcmp(r->method, "GET") && writes_elsewhere(r);
	char got[8] = "", want[8];
	memcpy(want, r->expect, 7);
	want[7] = '\0';
	for (int k = 0; k < 7; k++) {
		/* Each caller starts from the fixtures as made, so one caller's
		 * delete does not turn the next caller's 403 into a 404: a request
		 * runs inside a transaction rolled back after it (the router rolls
		 * back only what the handler opened), or on its own copy of the
		 * fixtures when it writes elsewhere. */
		ApiTest own;
		ApiTest *t = &fixtures;
		Err e = {0};
		if (copies) {
			assert_int_equal(apitest_fork(&fixtures, &own), 0);
			t = &own;
		} else if (db_begin(t->db.db, &e)) {
			fail_msg("begin: %s", e.msg);
		}
		const char *const ifmatch[] = {"If-Match: \"1\"", NULL};
		ApiRes res;
		apitest_call(t, callers[k], r->method, path, r->body, ifmatch, &res);
		got[k] = outcome(&res);
		if (got[k] != want[k])
			fprintf(stderr, "%s %s as %s: %d %s\n", r->method, path,
			        callers[k] ? callers[k] : "anonymous", res.status, res.body);
		apires_free(&res);
		if (copies) {
			apitest_close(&own);
		} else {
			assert_int_equal(db_depth(t->db.db), 1);
			db_rollback(t->db.db);
		}
	}
	if (strcmp(got, want))
		fail_msg(
		        "%s %s: expected %s, got %s (anonymous viewer staff manager ministry admin "
		        "other)",
		        r->method, r->path, want, got);
}

/* Every route of the table has a row (its pattern matched by a row's path). */
static void every_route_has_a_row(void **state)
{
	(void)state;
	int missing = 0;
	for (int i = 0; i < http_n_routes; i++) {
		const Route *route = &http_routes[i];
		bool found = false;
		for (size_t g = 0; g < COUNT_OF(groups) && !found; g++)
			for (size_t k = 0; k < groups[g].n && !found; k++) {
				const PermRow *r = &groups[g].rows[k];
				if (strcmp(r->method, route->method))
					continue;
				/* Compare the row's path, ids left as placeholders and the
				 * query cut, with the pattern: {x} matches one segment. */
				const char *p = route->pattern, *s = r->path;
				while (*p && *s && *s != '?') {
					if (*p == '{') {
						p = strchr(p, '}') + 1;
						s += strcspn(s, "/?");
					} else if (*p++ != *s++) {
						break;
					}
				}
				found = !*p && (!*s || *s == '?');
			}
		if (!found) {
			fprintf(stderr, "no row in the permission matrix for %s %s\n",
			        route->method, route->pattern);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, every_route_has_a_row);
	for (size_t g = 0; g < COUNT_OF(groups); g++)
		for (size_t k = 0; k < groups[g].n; k++) {
			const PermRow *r = &groups[g].rows[k];
			tl_addf(&tl, check_row, (void *)r, "%s %s", r->method, r->path);
		}
	return tl_run_setup(&tl, "api/permissions", make_fixtures, drop_fixtures);
}
