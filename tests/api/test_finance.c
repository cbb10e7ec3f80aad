/* test_finance.c — the money of a đề án through the router: cost lines with
 * the support cap (422 needs_reason naming the rule, then saved with the
 * reason), disbursements within the approved support, totals, invoices and
 * the invoices at risk; every record reached only through its own đề án. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "projtest.h"

/* A đề án of Cần Thơ (92) in progress, and one of Hà Nội (01). */
typedef ProjFx Fx;

static int setup(void **state)
{
	return projtest_fx_open(state, "current", "92", 2026, "in_progress");
}

static int teardown(void **state)
{
	return projtest_fx_close(state);
}

/* TT 28/2018 Điều 8 khoản 4 (rule 2): machinery, at most 50 % of the cost
 * and 300 triệu đồng per establishment. Asking 400 triệu of 1 tỷ exceeds it. */
#define MACHINE_LINE                                                                               \
	"\"source_code\": \"central\", \"item\": \"Máy đóng gói\", \"rule_id\": 2,"            \
	" \"eligible_cost\": 1000000000, \"planned\": 400000000"

/* path/<what> of the fixture's đề án (or the other one's). */
static const char *at(Fx *f, bool other, const char *what, char *out, size_t n)
{
	snprintf(out, n, "%s/%s", other ? f->other_base : f->base, what);
	return out;
}

static int64_t add_line(Fx *f, bool other, const char *body)
{
	char path[96];
	ApiRes r;
	projtest_call(&f->t, "ministry", "POST", at(f, other, "cost-lines", path, sizeof path),
	        body, 201, &r);
	int64_t id = apires_int(&r, "id");
	apires_free(&r);
	return id;
}

static void cap_needs_a_reason(void **state)
{
	Fx *f = *state;
	char path[96], line[128];
	at(f, false, "cost-lines", path, sizeof path);
	ApiRes r;
	projtest_call(&f->t, "staff", "POST", path, "{" MACHINE_LINE "}", 422, &r);
	projtest_error(&r, "needs_reason", "planned", "vượt mức tối đa 300.000.000 đồng");
	assert_contains(apires_str(&r, "error.message"), "không quá 300 triệu đồng/cơ sở");
	assert_contains(apires_str(&r, "error.message"), "Điều 8 khoản 4");
	apires_free(&r);
	assert_int_equal(db_scalar(f->t.db.db, "SELECT COUNT(*) FROM project_cost_line"), 0);
	/* The same request with the reason is saved, the reason with it. */
	projtest_call(&f->t, "staff", "POST", path,
	        "{" MACHINE_LINE ", \"cap_override\": \"Máy nhập khẩu theo báo giá duy nhất\"}",
	        201, &r);
	int64_t id = apires_int(&r, "id");
	snprintf(line, sizeof line, "%s/%lld", path, (long long)id);
	assert_string_equal(r.location, line);
	assert_int_equal(apires_int(&r, "project_id"), f->id);
	assert_int_equal(apires_int(&r, "allowed"), 300000000);
	assert_int_equal(apires_int(&r, "disbursed"), 0);
	assert_true(json_is_null(json_object_get(r.json, "approved")));
	assert_string_equal(apires_str(&r, "cap_override"), "Máy nhập khẩu theo báo giá duy nhất");
	apires_free(&r);
	/* Within the cap no reason is needed; over it, an update is refused too. */
	projtest_call(&f->t, "staff", "PATCH", line, "{\"approved\": 280000000}", 200, &r);
	assert_int_equal(apires_int(&r, "approved"), 280000000);
	apires_free(&r);
	projtest_call(&f->t, "staff", "PATCH", line,
	        "{\"approved\": 350000000, \"cap_override\": null}", 422, &r);
	projtest_error(&r, "needs_reason", "approved", "vượt mức tối đa");
	apires_free(&r);
	projtest_call(&f->t, "viewer", "GET", line, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "approved"), 280000000);
	assert_string_equal(apires_str(&r, "item"), "Máy đóng gói");
	apires_free(&r);
}

static void lines_listed_and_deleted(void **state)
{
	Fx *f = *state;
	int64_t a = add_line(f, false,
	        "{\"source_code\": \"provincial\", \"item\": \"Tập huấn\", \"planned\": 50000000,"
	        " \"position\": 2}");
	int64_t b = add_line(f, false,
	        "{\"source_code\": \"counterpart\", \"item\": \"Nhà xưởng\", \"planned\": 120000000,"
	        " \"position\": 1}");
	char path[96], line[128];
	ApiRes r;
	projtest_call(&f->t, "viewer", "GET", at(f, false, "cost-lines", path, sizeof path), NULL,
	        200, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_int_equal(apires_int(&r, "items.0.id"), b); /* by position */
	assert_true(json_is_null(
	        json_object_get(json_array_get(json_object_get(r.json, "items"), 0), "allowed")));
	apires_free(&r);
	snprintf(line, sizeof line, "%s/%lld", path, (long long)a);
	projtest_expect(&f->t, "viewer", "DELETE", line, NULL, 403);
	projtest_expect(&f->t, "staff", "DELETE", line, NULL, 204);
	projtest_expect(&f->t, "staff", "GET", line, NULL, 404);
	/* A line is reached only through its own đề án. */
	int64_t theirs = add_line(f, true,
	        "{\"source_code\": \"provincial\", \"item\": \"Hội chợ\", \"planned\": 10000000}");
	snprintf(line, sizeof line, "%s/%lld", path, (long long)theirs);
	projtest_expect(&f->t, "ministry", "GET", line, NULL, 404);
	projtest_expect(&f->t, "ministry", "DELETE", line, NULL, 404);
	projtest_expect(
	        &f->t, "staff", "GET", at(f, true, "cost-lines", path, sizeof path), NULL, 403);
}

static void disbursed_within_the_support(void **state)
{
	Fx *f = *state;
	int64_t line = add_line(f, false,
	        "{\"source_code\": \"provincial\", \"item\": \"Máy sấy\", \"planned\": 100000000,"
	        " \"approved\": 90000000}");
	int64_t theirs = add_line(f, true,
	        "{\"source_code\": \"provincial\", \"item\": \"Máy sấy\", \"planned\": 100000000}");
	char path[96], body[256], one[128];
	at(f, false, "disbursements", path, sizeof path);
	ApiRes r;
	snprintf(body, sizeof body,
	        "{\"cost_line_id\": %lld, \"kind\": \"advance\", \"paid_on\": \"2026-04-02\","
	        " \"amount\": 60000000, \"voucher_no\": \"UNC 12\"}",
	        (long long)line);
	projtest_call(&f->t, "staff", "POST", path, body, 201, &r);
	int64_t d = apires_int(&r, "id");
	assert_int_equal(apires_int(&r, "project_id"), f->id);
	assert_int_equal(apires_int(&r, "fiscal_year"), 2026);
	snprintf(one, sizeof one, "%s/%lld", path, (long long)d);
	assert_string_equal(r.location, one);
	apires_free(&r);
	/* Never beyond the approved support. */
	snprintf(body, sizeof body,
	        "{\"cost_line_id\": %lld, \"kind\": \"payment\", \"paid_on\": \"2026-06-02\","
	        " \"amount\": 40000000}",
	        (long long)line);
	projtest_call(&f->t, "staff", "POST", path, body, 422, &r);
	projtest_error(&r, "invalid", "amount", NULL);
	apires_free(&r);
	/* Nor from another đề án's line, even one the caller may see. */
	snprintf(body, sizeof body,
	        "{\"cost_line_id\": %lld, \"kind\": \"advance\", \"paid_on\": \"2026-04-02\","
	        " \"amount\": 1000000}",
	        (long long)theirs);
	projtest_call(&f->t, "ministry", "POST", path, body, 422, &r);
	projtest_error(&r, "invalid", "cost_line_id", "không thuộc đề án");
	apires_free(&r);
	projtest_call(&f->t, "viewer", "GET", path, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.voucher_no"), "UNC 12");
	apires_free(&r);
	/* The totals count it. */
	projtest_call(
	        &f->t, "viewer", "GET", at(f, false, "finance", body, sizeof body), NULL, 200, &r);
	assert_int_equal(apires_int(&r, "state_support"), 90000000);
	assert_int_equal(apires_int(&r, "disbursed"), 60000000);
	assert_int_equal(apires_int(&r, "rate_x100"), 6667);
	assert_string_equal(apires_str(&r, "sources.0.source_code"), "provincial");
	assert_int_equal(apires_int(&r, "sources.0.approved"), 90000000);
	apires_free(&r);
	/* A correction deletes it, through its own đề án only. */
	char wrong[128];
	snprintf(wrong, sizeof wrong, "%s/disbursements/%lld", f->other_base, (long long)d);
	projtest_expect(&f->t, "ministry", "DELETE", wrong, NULL, 404);
	projtest_expect(&f->t, "staff", "DELETE", one, NULL, 204);
	projtest_expect(&f->t, "staff", "DELETE", one, NULL, 404);
}

static void invoices_and_their_risks(void **state)
{
	Fx *f = *state;
	char path[96], risks[96], one[128];
	at(f, false, "invoices", path, sizeof path);
	at(f, false, "invoice-risks", risks, sizeof risks);
	ApiRes r;
	projtest_call(&f->t, "staff", "POST", path,
	        "{\"number\": \"0000123\", \"issued_on\": \"2025-11-15\", \"amount\": 45000000,"
	        " \"supplier\": \"Công ty Cơ khí Cần Thơ\", \"tax_code\": \"1800123456\"}",
	        201, &r);
	int64_t early = apires_int(&r, "id");
	assert_string_equal(apires_str(&r, "issued_on"), "2025-11-15");
	assert_true(json_is_null(json_object_get(r.json, "cost_line_id")));
	apires_free(&r);
	projtest_expect(&f->t, "staff", "POST", path,
	        "{\"number\": \"0000456\", \"issued_on\": \"2026-05-20\", \"amount\": 5000000}",
	        201);
	projtest_call(&f->t, "staff", "POST", path,
	        "{\"issued_on\": \"2026-05-20\", \"amount\": 0}", 422, &r);
	projtest_error(&r, "invalid", "amount", NULL);
	apires_free(&r);
	projtest_call(&f->t, "viewer", "GET", path, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	projtest_call(&f->t, "viewer", "GET", risks, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_int_equal(apires_int(&r, "items.0.id"), early);
	assert_contains(
	        apires_str(&r, "items.0.reason"), "Hóa đơn ngày 15/11/2025 trước năm thực hiện");
	apires_free(&r);
	snprintf(one, sizeof one, "%s/invoices/%lld", f->other_base, (long long)early);
	projtest_expect(&f->t, "ministry", "DELETE", one, NULL, 404);
	snprintf(one, sizeof one, "%s/%lld", path, (long long)early);
	projtest_expect(&f->t, "other", "DELETE", one, NULL, 403);
	projtest_expect(&f->t, "staff", "DELETE", one, NULL, 204);
	projtest_call(&f->t, "viewer", "GET", risks, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
}

static void request_errors(void **state)
{
	Fx *f = *state;
	char path[96];
	at(f, false, "cost-lines", path, sizeof path);
	ApiRes r;
	projtest_call(&f->t, "staff", "POST", path, "{\"planed\": 1}", 400, &r);
	projtest_error(&r, "bad_request", "planed", NULL);
	apires_free(&r);
	projtest_call(&f->t, "staff", "POST", path, "{\"planned\": \"nhiều\"}", 400, &r);
	projtest_error(&r, "bad_request", "planned", NULL);
	apires_free(&r);
	projtest_call(&f->t, "staff", "POST", path,
	        "{\"source_code\": \"bank\", \"item\": \"x\", \"planned\": 1}", 422, &r);
	projtest_error(&r, "invalid", "source_code", NULL);
	apires_free(&r);
	projtest_expect(&f->t, NULL, "GET", path, NULL, 401);
	projtest_expect(&f->t, "staff", "GET", "/api/v1/projects/999999/finance", NULL, 404);
	assert_int_equal(db_scalar(f->t.db.db, "SELECT COUNT(*) FROM project_cost_line"), 0);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, cap_needs_a_reason);
	TL_ADD(&tl, lines_listed_and_deleted);
	TL_ADD(&tl, disbursed_within_the_support);
	TL_ADD(&tl, invoices_and_their_risks);
	TL_ADD(&tl, request_errors);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	return tl_run(&tl, "api/finance");
}
