/* test_coverage.c — every operation of the JSON API is reachable from a page
 * (issue 7). The table below maps each API route of the route table
 * (http_routes.c) to the web page route that performs the same operation, or
 * to an exemption that says why no page does. The tests walk the route table
 * and fail when
 *   - an API route has no entry (a new API route needs its page, or a reason),
 *   - an entry names an API route that no longer exists,
 *   - an entry names a page route that does not exist (ROUTE_WEB rows only),
 *   - a read is mapped to a form post, or a write to a page that only reads,
 *   - a page asks for more than the API does: a higher role, or the
 *     national scope where the API serves a province, so some caller could
 *     do through the API what no page lets them do,
 *   - an exemption gives no reason, or there are more exemptions than the
 *     ratchet allows.
 * A page is written "METHOD pattern" as the route table spells it, with an
 * optional "?query" saying which tab or filter of it (not checked). */
#include "harness.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "http/http_router.h"

typedef struct Coverage {
	const char *api;     /* "GET /api/v1/projects/{id}/audit" */
	const char *page;    /* "GET /de-an/{id}?tab=lich-su"; NULL: exempt */
	const char *why;     /* an exemption's reason; for a page, NULL */
	const char *pending; /* the branch the page comes with (not merged yet), or NULL */
} Coverage;

/* An exemption: no page, and why. */
#define EXEMPT(api, why)                                                                           \
	{                                                                                          \
		api, NULL, why                                                                     \
	}

/* The most exemptions: lower it when one gets a page, never raise it lightly. */
enum { MAX_EXEMPT = 5 };

/* A reference table's six routes and the code-list pages (web_reference.c),
 * which find the table from {key}. */
#define REFERENCE(path)                                                                            \
	{"GET " path, "GET /danh-muc/{key}"}, {"POST " path, "POST /danh-muc/{key}"},              \
	        {"GET " path "/{key}", "GET /danh-muc/{key}/dong"},                                \
	        {"PATCH " path "/{key}", "POST /danh-muc/{key}/sua"},                              \
	        {"DELETE " path "/{key}", "POST /danh-muc/{key}/xoa"},                             \
	{                                                                                          \
		"GET " path "/{key}/audit", "GET /danh-muc/{key}/lich-su"                          \
	}
/* A record kind of web_kind.h: list, add, one, change, delete, history. */
#define KIND(api, page)                                                                            \
	{"GET " api, "GET " page}, {"POST " api, "POST " page},                                    \
	        {"GET " api "/{id}", "GET " page "/{id}"},                                         \
	        {"PATCH " api "/{id}", "POST " page "/{id}"},                                      \
	        {"DELETE " api "/{id}", "POST " page "/{id}/xoa"},                                 \
	{                                                                                          \
		"GET " api "/{id}/audit", "GET " page "/{id}/lich-su"                              \
	}

static const Coverage table[] = {
        /* ---- the server: for machines, not people ---- */
        EXEMPT("GET /healthz", "a probe for the load balancer and monitoring, not an operation"),
        EXEMPT("GET /api/v1/openapi.json",
                "the API's own description for programmers; the pages are the people's"),

        /* ---- sign-in and one's own account ---- */
        {"POST /api/v1/session", "POST /dang-nhap"},
        {"GET /api/v1/session", "GET /toi"},
        {"DELETE /api/v1/session", "POST /dang-xuat"},
        {"POST /api/v1/session/logout-all", "POST /toi/dang-xuat-moi-noi"},
        {"POST /api/v1/session/password", "POST /mat-khau"},
        {"GET /api/v1/me/tokens", "GET /toi"},
        {"POST /api/v1/me/tokens", "POST /toi/ma-truy-cap"},
        {"DELETE /api/v1/me/tokens/{id}", "POST /toi/ma-truy-cap/{id}/thu-hoi"},

        /* ---- establishments ---- */
        {"GET /api/v1/establishments", "GET /co-so"},
        {"POST /api/v1/establishments", "POST /co-so"},
        {"GET /api/v1/establishments/{id}", "GET /co-so/{id}"},
        {"PATCH /api/v1/establishments/{id}", "POST /co-so/{id}"},
        {"DELETE /api/v1/establishments/{id}", "POST /co-so/{id}/xoa"},
        {"GET /api/v1/establishments/{id}/audit", "GET /co-so/{id}/lich-su"},

        /* ---- accounts, tokens, the audit log (administrators) ---- */
        {"GET /api/v1/users", "GET /tai-khoan"},
        {"POST /api/v1/users", "POST /tai-khoan"},
        {"GET /api/v1/users/{id}", "GET /tai-khoan/{id}"},
        {"PATCH /api/v1/users/{id}", "POST /tai-khoan/{id}"},
        {"POST /api/v1/users/{id}/password", "POST /tai-khoan/{id}/mat-khau"},
        {"GET /api/v1/users/{id}/audit", "GET /tai-khoan/{id}"},
        {"GET /api/v1/users/{id}/tokens", "GET /tai-khoan/{id}"},
        {"POST /api/v1/users/{id}/tokens", "POST /tai-khoan/{id}/ma-truy-cap"},
        {"GET /api/v1/tokens/{id}", "GET /tai-khoan/{id}"},
        {"DELETE /api/v1/tokens/{id}", "POST /tai-khoan/{id}/ma-truy-cap/{sub}/thu-hoi"},
        {"GET /api/v1/audit", "GET /nhat-ky"},

        /* ---- code lists and rules ---- */
        REFERENCE("/api/v1/reference/instruments"),
        REFERENCE("/api/v1/reference/activity-contents"),
        REFERENCE("/api/v1/reference/indicators"),
        REFERENCE("/api/v1/reference/sectors"),
        REFERENCE("/api/v1/reference/funding-sources"),
        REFERENCE("/api/v1/reference/support-rules"),
        REFERENCE("/api/v1/reference/adjustment-rules"),
        REFERENCE("/api/v1/reference/period-rules"),

        /* ---- đề án and the tabs of its page ---- */
        {"GET /api/v1/projects", "GET /de-an"},
        {"POST /api/v1/projects", "POST /de-an"},
        {"GET /api/v1/projects/{id}", "GET /de-an/{id}"},
        {"PATCH /api/v1/projects/{id}", "POST /de-an/{id}/sua"},
        {"DELETE /api/v1/projects/{id}", "POST /de-an/{id}/xoa"},
        {"GET /api/v1/projects/{id}/audit", "GET /de-an/{id}?tab=lich-su"},
        /* The page shows the moves the caller may make as buttons. */
        {"GET /api/v1/projects/{id}/transitions", "GET /de-an/{id}"},
        {"POST /api/v1/projects/{id}/transition", "POST /de-an/{id}/chuyen"},
        {"GET /api/v1/projects/{id}/events", "GET /de-an/{id}?tab=trang-thai"},
        {"GET /api/v1/projects/{id}/partners", "GET /de-an/{id}?tab=thu-huong"},
        {"POST /api/v1/projects/{id}/partners", "POST /de-an/{id}/phoi-hop"},
        {"DELETE /api/v1/projects/{id}/partners/{sub}", "POST /de-an/{id}/phoi-hop/{sub}/xoa"},
        {"GET /api/v1/projects/{id}/beneficiaries", "GET /de-an/{id}?tab=thu-huong"},
        {"POST /api/v1/projects/{id}/beneficiaries", "POST /de-an/{id}/thu-huong"},
        /* The edit form removes beneficiaries with the rest, in one transaction. */
        {"DELETE /api/v1/projects/{id}/beneficiaries/{sub}", "POST /de-an/{id}/sua"},
        {"GET /api/v1/projects/{id}/adjustments", "GET /de-an/{id}?tab=trang-thai"},
        {"POST /api/v1/projects/{id}/adjustments", "POST /de-an/{id}/dieu-chinh"},
        {"GET /api/v1/projects/{id}/adjustments/{sub}", "GET /de-an/{id}?tab=trang-thai"},
        {"POST /api/v1/projects/{id}/adjustments/{sub}/decision",
                "POST /de-an/{id}/dieu-chinh/{sub}"},
        /* Cost lines are added, changed and removed in the edit form. */
        {"GET /api/v1/projects/{id}/cost-lines", "GET /de-an/{id}?tab=kinh-phi"},
        {"POST /api/v1/projects/{id}/cost-lines", "POST /de-an/{id}/sua"},
        {"GET /api/v1/projects/{id}/cost-lines/{sub}", "GET /de-an/{id}?tab=kinh-phi"},
        {"PATCH /api/v1/projects/{id}/cost-lines/{sub}", "POST /de-an/{id}/sua"},
        {"DELETE /api/v1/projects/{id}/cost-lines/{sub}", "POST /de-an/{id}/sua"},
        {"GET /api/v1/projects/{id}/disbursements", "GET /de-an/{id}?tab=giai-ngan"},
        {"POST /api/v1/projects/{id}/disbursements", "POST /de-an/{id}/giai-ngan"},
        {"DELETE /api/v1/projects/{id}/disbursements/{sub}",
                "POST /de-an/{id}/giai-ngan/{sub}/xoa"},
        {"GET /api/v1/projects/{id}/finance", "GET /de-an/{id}?tab=kinh-phi"},
        {"GET /api/v1/projects/{id}/invoices", "GET /de-an/{id}?tab=giai-ngan"},
        {"POST /api/v1/projects/{id}/invoices", "POST /de-an/{id}/hoa-don"},
        {"DELETE /api/v1/projects/{id}/invoices/{sub}", "POST /de-an/{id}/hoa-don/{sub}/xoa"},
        {"GET /api/v1/projects/{id}/invoice-risks", "GET /de-an/{id}?tab=giai-ngan"},
        {"GET /api/v1/projects/{id}/outputs", "GET /de-an/{id}?tab=ket-qua"},
        {"PUT /api/v1/projects/{id}/outputs/{key}", "POST /de-an/{id}/ket-qua"},
        {"DELETE /api/v1/projects/{id}/outputs/{key}", "POST /de-an/{id}/ket-qua/{key}/xoa"},
        {"GET /api/v1/projects/{id}/inspections", "GET /de-an/{id}?tab=kiem-tra"},
        {"POST /api/v1/projects/{id}/inspections", "POST /de-an/{id}/kiem-tra"},
        {"GET /api/v1/projects/{id}/documents", "GET /de-an/{id}?tab=tai-lieu"},
        {"POST /api/v1/projects/{id}/documents", "POST /de-an/{id}/tai-lieu"},
        /* The documents tab links each file to the API's download itself. */
        {"GET /api/v1/projects/{id}/documents/{sub}", "GET /de-an/{id}?tab=tai-lieu"},
        {"DELETE /api/v1/projects/{id}/documents/{sub}", "POST /de-an/{id}/tai-lieu/{sub}/xoa"},
        EXEMPT("GET /api/v1/projects/{id}/support-cap",
                "a JSON helper, not an operation: the script of the edit form (GET "
                "/de-an/{id}/sua) asks it for the cap while an amount is typed"),

        /* ---- inspections (of a province, or of a đề án: also deleted from its tab) ---- */
        {"GET /api/v1/inspections", "GET /kiem-tra"},
        {"POST /api/v1/inspections", "POST /kiem-tra"},
        {"GET /api/v1/inspections/{id}", "GET /kiem-tra/{id}"},
        {"PATCH /api/v1/inspections/{id}", "POST /kiem-tra/{id}"},
        {"DELETE /api/v1/inspections/{id}", "POST /kiem-tra/{id}/xoa"},

        /* ---- organisations ---- */
        KIND("/api/v1/organisations", "/co-quan"),
        {"GET /api/v1/organisations/{id}/valid-on", "GET /co-quan/{id}/hieu-luc"},

        /* ---- programmes and annual plans ---- */
        {"GET /api/v1/programmes", "GET /chuong-trinh"},
        {"POST /api/v1/programmes", "POST /chuong-trinh"},
        {"GET /api/v1/programmes/{id}", "GET /chuong-trinh/{id}"},
        {"PATCH /api/v1/programmes/{id}", "POST /chuong-trinh/{id}"},
        {"DELETE /api/v1/programmes/{id}", "POST /chuong-trinh/{id}/xoa"},
        {"GET /api/v1/programmes/{id}/audit", "GET /chuong-trinh/{id}/lich-su"},
        {"GET /api/v1/programmes/{id}/targets", "GET /chuong-trinh/{id}"},
        {"PUT /api/v1/programmes/{id}/targets/{key}", "POST /chuong-trinh/{id}/muc-tieu"},
        {"DELETE /api/v1/programmes/{id}/targets/{key}", "POST /chuong-trinh/{id}/muc-tieu/xoa"},
        {"GET /api/v1/plans", "GET /ke-hoach"},
        {"POST /api/v1/plans", "POST /ke-hoach"},
        {"GET /api/v1/plans/{id}", "GET /ke-hoach/{id}"},
        {"PATCH /api/v1/plans/{id}", "POST /ke-hoach/{id}"},
        {"DELETE /api/v1/plans/{id}", "POST /ke-hoach/{id}/xoa"},
        {"GET /api/v1/plans/{id}/audit", "GET /ke-hoach/{id}/lich-su"},
        {"GET /api/v1/plans/{id}/lines", "GET /ke-hoach/{id}"},
        {"POST /api/v1/plans/{id}/lines", "POST /ke-hoach/{id}/dong"},
        {"GET /api/v1/plans/{id}/lines/{sub}", "GET /ke-hoach/{id}"},
        {"PATCH /api/v1/plans/{id}/lines/{sub}", "POST /ke-hoach/{id}/dong/{sub}"},
        {"DELETE /api/v1/plans/{id}/lines/{sub}", "POST /ke-hoach/{id}/dong/{sub}/xoa"},

        /* ---- products, certificates, OCOP ratings ---- */
        {"GET /api/v1/products", "GET /san-pham"},
        {"POST /api/v1/establishments/{id}/products", "POST /co-so/{id}/san-pham"},
        {"GET /api/v1/products/{id}", "GET /san-pham/{id}"},
        {"PATCH /api/v1/products/{id}", "POST /san-pham/{id}"},
        {"DELETE /api/v1/products/{id}", "POST /san-pham/{id}/xoa"},
        {"GET /api/v1/products/{id}/audit", "GET /san-pham/{id}/lich-su"},
        {"GET /api/v1/certifications", "GET /chung-nhan"},
        {"GET /api/v1/certifications/counts", "GET /chung-nhan/so-luong"},
        {"POST /api/v1/products/{id}/certifications", "POST /san-pham/{id}/chung-nhan"},
        {"GET /api/v1/certifications/{id}", "GET /chung-nhan/{id}"},
        {"PATCH /api/v1/certifications/{id}", "POST /chung-nhan/{id}"},
        {"DELETE /api/v1/certifications/{id}", "POST /chung-nhan/{id}/xoa"},
        {"GET /api/v1/certifications/{id}/audit", "GET /chung-nhan/{id}/lich-su"},
        {"GET /api/v1/products/{id}/ocop", "GET /san-pham/{id}"},
        {"POST /api/v1/products/{id}/ocop", "POST /san-pham/{id}/ocop"},
        {"GET /api/v1/products/{id}/ocop/{sub}", "GET /san-pham/{id}"},
        {"PATCH /api/v1/products/{id}/ocop/{sub}", "POST /san-pham/{id}/ocop/{sub}"},
        {"DELETE /api/v1/products/{id}/ocop/{sub}", "POST /san-pham/{id}/ocop/{sub}/xoa"},

        /* ---- activities ---- */
        KIND("/api/v1/trainings", "/dao-tao"),
        KIND("/api/v1/fairs", "/hoi-cho"),
        KIND("/api/v1/media", "/thong-tin"),
        KIND("/api/v1/study-tours", "/tham-quan"),
        KIND("/api/v1/consulting", "/tu-van"),
        {"GET /api/v1/activity-totals", "GET /hoat-dong/tong-hop"},

        /* ---- aggregate figures ---- */
        {"GET /api/v1/aggregates", "GET /so-lieu"},
        {"PUT /api/v1/aggregates", "POST /so-lieu/nhap"},
        {"GET /api/v1/aggregates/sum", "GET /so-lieu/vung"},
        {"GET /api/v1/aggregates/{id}", "GET /so-lieu/{id}"},
        {"DELETE /api/v1/aggregates/{id}", "POST /so-lieu/{id}/xoa"},
        {"GET /api/v1/aggregates/{id}/audit", "GET /so-lieu/{id}/lich-su"},

        /* ---- administrative units and regions ---- */
        {"GET /api/v1/units", "GET /don-vi-hanh-chinh"},
        {"GET /api/v1/units/current-province", "GET /don-vi-hanh-chinh"},
        {"GET /api/v1/regions", "GET /don-vi-hanh-chinh"},
        {"GET /api/v1/regions/{key}/members", "GET /don-vi-hanh-chinh"},
        EXEMPT("GET /api/v1/units/communes",
                "a JSON helper, not an operation: the commune picker's script (GET /co-so/moi, "
                "GET /de-an/moi) asks it while a name is typed"),

        /* ---- reports ---- */
        {"GET /api/v1/report-templates", "GET /mau-bao-cao"},
        /* The report page shows it and links to its CSV, XLSX and PDF. */
        {"GET /api/v1/reports/{key}", "GET /bao-cao"},
        {"POST /api/v1/reports/{key}/submit", "POST /bao-cao/gui"},
        {"GET /api/v1/reports/{key}/snapshots", "GET /bao-cao"},
        {"GET /api/v1/report-snapshots/{id}", "GET /bao-cao"},

        /* ---- import: the page /nhap-du-lieu ---- */
        {"POST /api/v1/import", "POST /nhap-du-lieu", NULL, NULL},
        {"GET /api/v1/import/jobs", "GET /nhap-du-lieu", NULL, NULL},
        {"GET /api/v1/import/jobs/{id}", "GET /nhap-du-lieu/{id}", NULL, NULL},
        EXEMPT("DELETE /api/v1/import/jobs/{id}",
                "stopping a background import: the import page shows a "
                "job's progress but has no stop button yet"),
        {"GET /api/v1/import/templates", "GET /nhap-du-lieu", NULL, NULL},
        {"GET /api/v1/import/templates/{key}", "GET /nhap-du-lieu", NULL, NULL},
};

/* ---- Reading the route table ------------------------------------------------------------- */

static bool is_page(const Route *r)
{
	return r->flags & ROUTE_WEB;
}

/* The route "METHOD pattern" names (the page's query cut), or NULL. */
static const Route *route_named(const char *name, bool page)
{
	const char *sp = strchr(name, ' ');
	if (!sp)
		return NULL;
	size_t m = (size_t)(sp - name), p = strcspn(sp + 1, "?");
	for (int i = 0; i < http_n_routes; i++) {
		const Route *r = &http_routes[i];
		if (is_page(r) == page && strlen(r->method) == m && !strncmp(r->method, name, m) &&
		        strlen(r->pattern) == p && !strncmp(r->pattern, sp + 1, p))
			return r;
	}
	return NULL;
}

static bool entry_names(const Coverage *e, const Route *r)
{
	size_t m = strlen(r->method);
	return !strncmp(e->api, r->method, m) && e->api[m] == ' ' &&
	       !strcmp(e->api + m + 1, r->pattern);
}

/* The least role that may write through r: reference data is the admins'. */
static Role write_role(const Route *r)
{
	return r->flags & ROUTE_ADMIN_RW ? ROLE_ADMIN : r->role;
}

static bool is_read(const Route *r)
{
	return !strcmp(r->method, "GET");
}

/* ---- The checks ---------------------------------------------------------------------------- */

/* Every API route has exactly one entry. */
static void every_api_route_has_an_entry(void **state)
{
	(void)state;
	int missing = 0;
	for (int i = 0; i < http_n_routes; i++) {
		const Route *r = &http_routes[i];
		if (is_page(r))
			continue;
		int n = 0;
		for (size_t k = 0; k < COUNT_OF(table); k++)
			n += entry_names(&table[k], r);
		if (n != 1) {
			fprintf(stderr, "%s %s: %d entries in the coverage table, want 1\n",
			        r->method, r->pattern, n);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* Every entry names an API route of the table and a page route that exists
 * (or comes with a branch not merged yet). */
static void every_entry_names_routes_that_exist(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t k = 0; k < COUNT_OF(table); k++) {
		const Coverage *e = &table[k];
		if (!route_named(e->api, false)) {
			fprintf(stderr, "'%s': no such API route\n", e->api);
			bad++;
		}
		if (e->page && !route_named(e->page, true) && !e->pending) {
			fprintf(stderr, "'%s' (for %s): no such page route\n", e->page, e->api);
			bad++;
		}
		if (e->page && route_named(e->page, true) && e->pending)
			fprintf(stderr,
			        "note: '%s' has come with branch %s: drop its pending mark\n",
			        e->page, e->pending);
	}
	assert_int_equal(bad, 0);
}

/* A read is shown by a page (GET); a write is a form (POST) on a page that
 * writes. */
static void reads_map_to_pages_and_writes_to_forms(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t k = 0; k < COUNT_OF(table); k++) {
		const Coverage *e = &table[k];
		const Route *api = route_named(e->api, false);
		const Route *page = e->page ? route_named(e->page, true) : NULL;
		if (api && page && is_read(api) != is_read(page)) {
			fprintf(stderr, "%s is a %s but %s is a %s\n", e->api,
			        is_read(api) ? "read" : "write", e->page,
			        is_read(page) ? "page" : "form post");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Whoever may call the API route may use its page: the page's role is no
 * higher, and it is not national-only where the API serves a province. */
static void pages_serve_whoever_the_api_serves(void **state)
{
	(void)state;
	int bad = 0;
	for (size_t k = 0; k < COUNT_OF(table); k++) {
		const Coverage *e = &table[k];
		const Route *api = route_named(e->api, false);
		const Route *page = e->page && !e->pending ? route_named(e->page, true) : NULL;
		if (!api || !page)
			continue;
		Role need = is_read(api) ? api->role : write_role(api);
		if (page->role > need ||
		        (page->scope == SCOPE_NATION && api->scope != SCOPE_NATION)) {
			fprintf(stderr,
			        "%s (role %d, scope %d) is less open than %s (role %d, scope %d)\n",
			        e->page, page->role, page->scope, e->api, need, api->scope);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Exemptions are few and each says why. */
static void exemptions_are_few_and_explained(void **state)
{
	(void)state;
	int n = 0, bad = 0;
	for (size_t k = 0; k < COUNT_OF(table); k++) {
		const Coverage *e = &table[k];
		if (e->page && e->why) {
			fprintf(stderr, "%s: both a page and an exemption\n", e->api);
			bad++;
		}
		if (e->page)
			continue;
		n++;
		if (!e->why || strlen(e->why) < 20) {
			fprintf(stderr, "%s: an exemption needs its reason\n", e->api);
			bad++;
		}
	}
	if (n > MAX_EXEMPT)
		fprintf(stderr, "%d exemptions, at most %d allowed\n", n, MAX_EXEMPT);
	assert_int_equal(bad, 0);
	assert_true(n <= MAX_EXEMPT);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, every_api_route_has_an_entry);
	TL_ADD(&tl, every_entry_names_routes_that_exist);
	TL_ADD(&tl, reads_map_to_pages_and_writes_to_forms);
	TL_ADD(&tl, pages_serve_whoever_the_api_serves);
	TL_ADD(&tl, exemptions_are_few_and_explained);
	return tl_run(&tl, "web/coverage");
}
