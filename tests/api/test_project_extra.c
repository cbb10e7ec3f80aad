/* test_project_extra.c — outputs, inspections and documents of a đề án
 * through the router: figures per indicator, inspections listed by current
 * province and kept inside the caller's provinces, and documents uploaded as
 * raw bodies into the content-addressed folder and downloaded as attachments
 * with their stored type and a safely encoded file name. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "projtest.h"

/* A đề án of Sóc Trăng (legacy 94, now Cần Thơ 92) and one of Hà Nội (01). */
typedef ProjFx Fx;

static int setup(void **state)
{
	return projtest_fx_open(state, "legacy", "94", 2019, "draft");
}

static int teardown(void **state)
{
	return projtest_fx_close(state);
}

/* ---- Outputs ---------------------------------------------------------------------------- */

static void outputs_written_per_indicator(void **state)
{
	Fx *f = *state;
	char list[96], trainees[128], jobs[128];
	snprintf(list, sizeof list, "%s/outputs", f->base);
	snprintf(trainees, sizeof trainees, "%s/trainees", list);
	snprintf(jobs, sizeof jobs, "%s/jobs_created", list);
	ApiRes r;
	projtest_call(&f->t, "staff", "PUT", trainees, "{\"planned\": 35}", 200, &r);
	assert_string_equal(apires_str(&r, "indicator_code"), "trainees");
	assert_string_equal(apires_str(&r, "unit_vi"), "lao động");
	assert_int_equal(apires_int(&r, "planned"), 35);
	assert_true(json_is_null(json_object_get(r.json, "actual")));
	apires_free(&r);
	/* A PUT replaces the figures of that indicator. */
	projtest_call(&f->t, "staff", "PUT", trainees, "{\"actual\": 36, \"qualifier\": \"trên\"}",
	        200, &r);
	assert_true(json_is_null(json_object_get(r.json, "planned")));
	assert_int_equal(apires_int(&r, "actual"), 36);
	assert_string_equal(apires_str(&r, "qualifier"), "trên");
	apires_free(&r);
	projtest_expect(&f->t, "staff", "PUT", jobs, "{\"actual\": 20}", 200);
	projtest_call(&f->t, "viewer", "GET", list, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	projtest_call(&f->t, "staff", "PUT", trainees, "{}", 422, &r);
	projtest_error(&r, "invalid", "planned", NULL);
	apires_free(&r);
	snprintf(jobs, sizeof jobs, "%s/no_such_indicator", list);
	projtest_call(&f->t, "staff", "PUT", jobs, "{\"actual\": 1}", 422, &r);
	projtest_error(&r, "invalid", "indicator_code", "no_such_indicator");
	apires_free(&r);
	projtest_call(&f->t, "staff", "PUT", trainees, "{\"planned\": \"35\"}", 400, &r);
	projtest_error(&r, "bad_request", "planned", NULL);
	apires_free(&r);
	projtest_expect(&f->t, "viewer", "DELETE", trainees, NULL, 403);
	projtest_expect(&f->t, "staff", "DELETE", trainees, NULL, 204);
	projtest_expect(&f->t, "staff", "DELETE", trainees, NULL, 404);
	snprintf(trainees, sizeof trainees, "%s/outputs/trainees", f->other_base);
	projtest_expect(&f->t, "staff", "PUT", trainees, "{\"actual\": 1}", 403);
}

/* ---- Inspections ------------------------------------------------------------------------ */

static int64_t inspect(Fx *f, const char *as, const char *path, const char *body)
{
	ApiRes r;
	projtest_call(&f->t, as, "POST", path, body, 201, &r);
	int64_t id = apires_int(&r, "id");
	char want[64];
	snprintf(want, sizeof want, "/api/v1/inspections/%lld", (long long)id);
	assert_string_equal(r.location, want);
	apires_free(&r);
	return id;
}

static void inspections_by_current_province(void **state)
{
	Fx *f = *state;
	char path[96], one[64];
	snprintf(path, sizeof path, "%s/inspections", f->base);
	ApiRes r;
	/* A đề án's inspection takes the đề án's province (legacy 94). */
	projtest_call(&f->t, "staff", "POST", path,
	        "{\"inspected_on\": \"2019-10-01\", \"inspector\": \"Đoàn Sở Công Thương\"}", 201,
	        &r);
	int64_t of_project = apires_int(&r, "id");
	assert_int_equal(apires_int(&r, "project_id"), f->id);
	assert_string_equal(apires_str(&r, "province_list"), "legacy");
	assert_string_equal(apires_str(&r, "province_code"), "94");
	apires_free(&r);
	int64_t of_province = inspect(f, "staff", "/api/v1/inspections",
	        "{\"province_list\": \"current\", \"province_code\": \"92\","
	        " \"inspected_on\": \"2026-03-02\", \"result\": \"Đạt\"}");
	inspect(f, "other", "/api/v1/inspections",
	        "{\"province_list\": \"current\", \"province_code\": \"01\","
	        " \"inspected_on\": \"2026-02-10\"}");
	/* Cần Thơ's list holds Sóc Trăng's visit; Hà Nội's does not. */
	projtest_call(&f->t, "viewer", "GET", "/api/v1/inspections", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_int_equal(apires_int(&r, "items.0.id"), of_province); /* newest first */
	assert_int_equal(apires_int(&r, "items.1.id"), of_project);
	apires_free(&r);
	projtest_call(&f->t, "viewer", "GET", "/api/v1/inspections?year=2019", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	projtest_call(&f->t, "other", "GET", "/api/v1/inspections", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	projtest_call(&f->t, "ministry", "GET", "/api/v1/inspections", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 3);
	apires_free(&r);
	projtest_call(
	        &f->t, "ministry", "GET", "/api/v1/inspections?province=legacy:94", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	apires_free(&r);
	char q[96];
	snprintf(q, sizeof q, "/api/v1/inspections?project=%lld", (long long)f->id);
	projtest_call(&f->t, "ministry", "GET", q, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	projtest_call(&f->t, "viewer", "GET", path, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_int_equal(apires_int(&r, "items.0.id"), of_project);
	apires_free(&r);
	projtest_expect(&f->t, "other", "GET", "/api/v1/inspections?province=92", NULL, 403);

	snprintf(one, sizeof one, "/api/v1/inspections/%lld", (long long)of_province);
	projtest_expect(&f->t, "other", "GET", one, NULL, 403);
	projtest_call(&f->t, "staff", "PATCH", one, "{\"result\": \"Đạt, cần bổ sung sổ sách\"}",
	        200, &r);
	assert_string_equal(apires_str(&r, "result"), "Đạt, cần bổ sung sổ sách");
	assert_string_equal(apires_str(&r, "inspected_on"), "2026-03-02");
	apires_free(&r);
	projtest_expect(&f->t, "viewer", "DELETE", one, NULL, 403);
	projtest_expect(&f->t, "staff", "DELETE", one, NULL, 204);
	projtest_expect(&f->t, "staff", "GET", one, NULL, 404);
}

/* An inspection cannot be filed or moved into a province the caller has no
 * rights on through the đề án it names. */
static void inspections_stay_in_scope(void **state)
{
	Fx *f = *state;
	char body[160], one[64];
	ApiRes r;
	snprintf(body, sizeof body, "{\"project_id\": %lld, \"inspected_on\": \"2026-03-02\"}",
	        (long long)f->other);
	projtest_call(&f->t, "staff", "POST", "/api/v1/inspections", body, 422, &r);
	projtest_error(&r, "invalid", "province_code", NULL);
	apires_free(&r);
	snprintf(body, sizeof body,
	        "{\"project_id\": %lld, \"inspected_on\": \"2026-03-02\", \"province_list\":"
	        " \"current\", \"province_code\": \"92\"}",
	        (long long)f->other);
	projtest_call(&f->t, "staff", "POST", "/api/v1/inspections", body, 403, &r);
	projtest_error(&r, "forbidden", "project_id", NULL);
	apires_free(&r);
	int64_t id = inspect(f, "staff", "/api/v1/inspections",
	        "{\"province_list\": \"current\", \"province_code\": \"92\","
	        " \"inspected_on\": \"2026-03-02\"}");
	snprintf(one, sizeof one, "/api/v1/inspections/%lld", (long long)id);
	snprintf(body, sizeof body,
	        "{\"project_id\": %lld, \"province_list\": null, \"province_code\": null}",
	        (long long)f->other);
	projtest_call(&f->t, "staff", "PATCH", one, body, 403, &r);
	projtest_error(&r, "forbidden", "project_id", NULL);
	apires_free(&r);
	snprintf(body, sizeof body, "{\"project_id\": 999999}");
	projtest_call(&f->t, "staff", "PATCH", one, body, 422, &r);
	projtest_error(&r, "invalid", "project_id", NULL);
	apires_free(&r);
	projtest_call(&f->t, "staff", "POST", "/api/v1/inspections",
	        "{\"province_list\": \"current\", \"province_code\": \"92\"}", 422, &r);
	projtest_error(&r, "invalid", "inspected_on", NULL);
	apires_free(&r);
	projtest_call(&f->t, "staff", "GET", "/api/v1/inspections?project=0", NULL, 400, &r);
	projtest_error(&r, "bad_request", "project", NULL);
	apires_free(&r);
	assert_int_equal(db_scalar(f->t.db.db, "SELECT COUNT(*) FROM inspection"), 1);
	assert_int_equal(
	        db_scalar(f->t.db.db, "SELECT COUNT(*) FROM inspection WHERE province_code = '92'"),
	        1);
}

/* ---- Documents -------------------------------------------------------------------------- */

/* A few bytes that are not text: a NUL and bytes that are not UTF-8. */
static const char pdf[] = "%PDF-1.4\n\0\xff\xfe quyết định\n%%EOF\n";
#define PDF_LEN (sizeof pdf - 1)

static void documents_uploaded_and_downloaded(void **state)
{
	Fx *f = *state;
	char path[256], one[128];
	snprintf(path, sizeof path,
	        "%s/documents?kind=decision&file_name=Quy%%E1%%BA%%BFt+%%C4%%91%%E1%%BB%%8Bnh+"
	        "%%22s%%E1%%BB%%91+15%%22+100%%25.pdf",
	        f->base);
	ApiRes r;
	apitest_upload(&f->t, "staff", path, "application/pdf; charset=binary", pdf, PDF_LEN, &r);
	assert_status(&r, 201);
	int64_t id = apires_int(&r, "id");
	assert_string_equal(apires_str(&r, "file_name"), "Quyết định \"số 15\" 100%.pdf");
	assert_string_equal(apires_str(&r, "title"), "Quyết định \"số 15\" 100%.pdf");
	assert_string_equal(apires_str(&r, "kind"), "decision");
	assert_string_equal(apires_str(&r, "mime_type"), "application/pdf");
	assert_int_equal(apires_int(&r, "size_bytes"), PDF_LEN);
	assert_int_equal(strlen(apires_str(&r, "sha256")), 64);
	snprintf(one, sizeof one, "%s/documents/%lld", f->base, (long long)id);
	assert_string_equal(r.location, one);
	char stored[256];
	snprintf(stored, sizeof stored, "%s/%.2s/%s", f->t.documents, apires_str(&r, "sha256"),
	        apires_str(&r, "sha256"));
	apires_free(&r);
	FILE *fp = fopen(stored, "rb");
	assert_non_null(fp);
	fclose(fp);

	apitest_call(&f->t, "viewer", "GET", one, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(r.body_len, PDF_LEN);
	assert_memory_equal(r.body, pdf, PDF_LEN);
	assert_string_equal(r.content_type, "application/pdf");
	assert_string_equal(r.disposition,
	        "attachment; filename=\"quyet dinh _so 15_ 100_.pdf\"; "
	        "filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20%22s%E1%BB%91%2015%22%20100%25"
	        ".pdf");
	apires_free(&r);

	snprintf(path, sizeof path, "%s/documents", f->base);
	projtest_call(&f->t, "viewer", "GET", path, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_int_equal(apires_int(&r, "items.0.id"), id);
	apires_free(&r);
	/* Through another đề án it is not there; other provinces cannot see it. */
	snprintf(path, sizeof path, "%s/documents/%lld", f->other_base, (long long)id);
	projtest_expect(&f->t, "ministry", "GET", path, NULL, 404);
	projtest_expect(&f->t, "other", "GET", one, NULL, 403);
	projtest_expect(&f->t, "viewer", "DELETE", one, NULL, 403);
	projtest_expect(&f->t, "staff", "DELETE", one, NULL, 204);
	projtest_expect(&f->t, "staff", "GET", one, NULL, 404);
}

typedef struct BadUpload {
	const char *why, *user, *query, *type;
	size_t len;
	int status;
	const char *code, *field;
} BadUpload;

static const BadUpload bad_uploads[] = {
        {"no file name", "staff", "kind=photo", "image/jpeg", 4, 400, "bad_request", "file_name"},
        {"no kind", "staff", "file_name=a.jpg", "image/jpeg", 4, 400, "bad_request", "kind"},
        {"unknown kind", "staff", "kind=song&file_name=a.mp3", "audio/mpeg", 4, 400, "bad_request",
                "kind"},
        {"a folder in the name", "staff", "kind=photo&file_name=..%2Fa.jpg", "image/jpeg", 4, 422,
                "invalid", "file_name"},
        {"a bad type", "staff", "kind=photo&file_name=a.jpg", "image", 4, 422, "invalid",
                "mime_type"},
        {"an empty file", "staff", "kind=photo&file_name=a.jpg", "image/jpeg", 0, 422, "invalid",
                "file"},
        {"over the limit", "staff", "kind=photo&file_name=a.jpg", "image/jpeg", 17, 413,
                "too_large", "file"},
        {"a viewer", "viewer", "kind=photo&file_name=a.jpg", "image/jpeg", 4, 403, "forbidden",
                NULL},
        {"another province", "other", "kind=photo&file_name=a.jpg", "image/jpeg", 4, 403,
                "forbidden", NULL},
};

static void bad_upload(void **state)
{
	const BadUpload *b = *state;
	Fx *f;
	assert_int_equal(setup((void **)&f), 0);
	f->t.app.limits.upload_bytes = 16;
	char path[160];
	snprintf(path, sizeof path, "%s/documents?%s", f->base, b->query);
	ApiRes r;
	apitest_upload(&f->t, b->user, path, b->type, "0123456789abcdefghij", b->len, &r);
	assert_status(&r, b->status);
	projtest_error(&r, b->code, b->field, NULL);
	apires_free(&r);
	assert_int_equal(db_scalar(f->t.db.db, "SELECT COUNT(*) FROM document"), 0);
	void *s = f;
	teardown(&s);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, outputs_written_per_indicator);
	TL_ADD(&tl, inspections_by_current_province);
	TL_ADD(&tl, inspections_stay_in_scope);
	TL_ADD(&tl, documents_uploaded_and_downloaded);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad_uploads); i++)
		tl_addf(&tl, bad_upload, (void *)&bad_uploads[i], "refused upload: %s",
		        bad_uploads[i].why);
	return tl_run(&tl, "api/project_extra");
}
