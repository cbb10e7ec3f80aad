/* test_projects.c — /api/v1/projects through the router as real signed-in
 * users: the đề án record (create, read, update with versions, delete,
 * lists by current province), its moves with the allowed next states and the
 * Ministry's moves of a national đề án, its history, partners, beneficiaries
 * and adjustments, and the request errors. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "projtest.h"

/* A local đề án of Sóc Trăng recorded in the legacy list (province 94, now
 * part of Cần Thơ, 92), registered in 2018 and carried out in 2019. */
static const char banh_pia[] =
        "{\"code\": \"KCĐP-2019-ST-01\", \"title\": \"Hỗ trợ ứng dụng máy đóng gói bánh pía\","
        " \"level\": \"local\", \"activity_code\": \"C03_DEMO_TECH\", \"province_list\": \"legacy\","
        " \"province_code\": \"94\", \"registration_year\": 2018, \"start_year\": 2019,"
        " \"end_year\": 2019, \"eligible_from\": \"15/03/2019\"}";

static int64_t create(ApiTest *t, const char *as, const char *body)
{
	ApiRes r;
	projtest_call(t, as, "POST", "/api/v1/projects", body, 201, &r);
	int64_t id = apires_int(&r, "id");
	char want[64];
	snprintf(want, sizeof want, "/api/v1/projects/%lld", (long long)id);
	assert_string_equal(r.location, want);
	assert_string_equal(r.etag, "\"1\"");
	assert_string_equal(apires_str(&r, "status"), "draft");
	apires_free(&r);
	return id;
}

static void create_read_update_delete(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", banh_pia);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/projects/%lld", (long long)id);
	ApiRes r;
	projtest_call(t, "viewer", "GET", path, NULL, 200, &r);
	assert_string_equal(apires_str(&r, "code"), "KCĐP-2019-ST-01");
	assert_string_equal(apires_str(&r, "province_list"), "legacy");
	assert_string_equal(apires_str(&r, "eligible_from"), "2019-03-15");
	assert_string_equal(apires_str(&r, "kind"), "project");
	assert_int_equal(apires_int(&r, "start_year"), 2019);
	assert_null(apires_str(&r, "objective"));
	assert_true(json_is_null(json_object_get(r.json, "implementing_id")));
	assert_string_equal(r.etag, "\"1\"");
	apires_free(&r);

	/* A partial update names the version it read; the status is not the
	 * body's to change. */
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path,
	        "{\"objective\": \"Nâng công suất đóng gói\", \"status\": \"closed\"}", v1, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "objective"), "Nâng công suất đóng gói");
	assert_string_equal(apires_str(&r, "status"), "draft");
	assert_string_equal(apires_str(&r, "title"), "Hỗ trợ ứng dụng máy đóng gói bánh pía");
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	apitest_call(t, "manager", "PATCH", path, "{\"note\": \"x\"}", v1, &r);
	assert_status(&r, 409);
	projtest_error(&r, "conflict", NULL, NULL);
	apires_free(&r);

	/* Delete: the version first, then the record goes. */
	projtest_call(t, "staff", "DELETE", path, NULL, 400, &r);
	projtest_error(&r, "bad_request", "version", NULL);
	apires_free(&r);
	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "staff", "DELETE", path, NULL, v2, &r);
	assert_status(&r, 204);
	apires_free(&r);
	projtest_expect(t, "staff", "GET", path, NULL, 404);
	/* Its history under its URL goes with it (the national log keeps it). */
	char audit[80];
	snprintf(audit, sizeof audit, "%s/audit", path);
	projtest_expect(t, "manager", "GET", audit, NULL, 404);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u"
	                                     " ON u.id = a.user_id WHERE u.username = 'staff'"
	                                     " AND a.table_name = 'project' AND a.via = 'http'"),
	        3);
}

static void delete_refused_past_registration(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KC-01", "local", "current", "92", 2026);
	projtest_go(t, id, "appraised_basic");
	char path[64];
	snprintf(path, sizeof path, "/api/v1/projects/%lld", (long long)id);
	const char *const v[] = {"If-Match: \"3\"", NULL};
	ApiRes r;
	apitest_call(t, "manager", "DELETE", path, NULL, v, &r);
	assert_status(&r, 409);
	assert_contains(apires_str(&r, "error.message"), "KC-01");
	apires_free(&r);
	assert_int_equal(db_scalar(t->db.db, "SELECT COUNT(*) FROM project"), 1);
}

static void scope_follows_current_provinces(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", banh_pia);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/projects/%lld", (long long)id);
	ApiRes r;
	/* Hà Nội's staff can neither read nor create Cần Thơ's đề án. */
	projtest_expect(t, "other", "GET", path, NULL, 403);
	projtest_call(t, "other", "POST", "/api/v1/projects", banh_pia, 403, &r);
	projtest_error(&r, "forbidden", "province_code", NULL);
	apires_free(&r);
	projtest_call(t, "other", "GET", "/api/v1/projects", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	projtest_expect(t, "other", "GET", "/api/v1/projects?province=92", NULL, 403);
	/* The Sóc Trăng đề án is Cần Thơ's; the ministry sees it either way. */
	projtest_call(t, "viewer", "GET", "/api/v1/projects", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	projtest_call(t, "ministry", "GET", "/api/v1/projects?province=legacy:94", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	projtest_call(t, "ministry", "GET", "/api/v1/projects?province=01", NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 0);
	apires_free(&r);
	projtest_expect(t, "viewer", "POST", "/api/v1/projects", banh_pia, 403);
	projtest_expect(t, NULL, "GET", "/api/v1/projects", NULL, 401);
	/* Moving the đề án to Hà Nội needs rights there. */
	const char *const v1[] = {"If-Match: \"1\"", NULL};
	apitest_call(t, "staff", "PATCH", path,
	        "{\"province_list\": \"current\", \"province_code\": \"01\", \"start_year\": 2026,"
	        " \"end_year\": 2026}",
	        v1, &r);
	assert_status(&r, 403);
	apires_free(&r);
}

static void list_filters(void **state)
{
	ApiTest *t = *state;
	create(t, "staff", banh_pia);
	int64_t national = projtest_create(t, "KCQG-2026-CT-01", "national", "current", "92", 2026);
	projtest_go(t, national, "registered");
	projtest_create(t, "KC-HN-01", "local", "current", "01", 2026);
	static const struct {
		const char *query;
		int64_t total;
		const char *first;
	} cases[] = {
	        {"", 2, NULL},
	        {"?q=may+dong+goi", 2, NULL},
	        {"?q=KCQG-2026-CT-01", 1, "KCQG-2026-CT-01"},
	        {"?year=2019", 1, "KCĐP-2019-ST-01"},
	        {"?level=national", 1, "KCQG-2026-CT-01"},
	        {"?status=registered", 1, "KCQG-2026-CT-01"},
	        {"?activity=C03_DEMO_TECH&status=draft", 1, "KCĐP-2019-ST-01"},
	        {"?activity=C01_TRAINING", 0, NULL},
	        {"?limit=1&offset=1", 2, NULL},
	};
	for (size_t i = 0; i < COUNT_OF(cases); i++) {
		char path[128];
		snprintf(path, sizeof path, "/api/v1/projects%s", cases[i].query);
		ApiRes r;
		projtest_call(t, "viewer", "GET", path, NULL, 200, &r);
		if (apires_int(&r, "total") != cases[i].total)
			fail_msg("%s: total %lld", path, (long long)apires_int(&r, "total"));
		if (cases[i].first)
			assert_string_equal(apires_str(&r, "items.0.code"), cases[i].first);
		apires_free(&r);
	}
	ApiRes r;
	projtest_call(t, "viewer", "GET", "/api/v1/projects?status=lost", NULL, 422, &r);
	projtest_error(&r, "invalid", "status", "lost");
	apires_free(&r);
}

/* The states a đề án in its state may move to, as the caller sees them. */
static void next_states_show_who_may_move(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KC-01", "local", "current", "92", 2026);
	projtest_go(t, id, "approved");
	char path[80];
	snprintf(path, sizeof path, "/api/v1/projects/%lld/transitions", (long long)id);
	ApiRes r;
	projtest_call(t, "manager", "GET", path, NULL, 200, &r);
	assert_string_equal(apires_str(&r, "status"), "approved");
	assert_string_equal(apires_str(&r, "label"), "Đã phê duyệt");
	assert_int_equal(apires_int(&r, "total"), 3);
	assert_string_equal(apires_str(&r, "items.0.to_status"), "not_funded");
	assert_string_equal(apires_str(&r, "items.1.to_status"), "contracted");
	assert_string_equal(apires_str(&r, "items.1.label"), "Đã ký hợp đồng");
	assert_false(projtest_flag(&r, 1, "needs_decision"));
	assert_string_equal(apires_str(&r, "items.2.to_status"), "terminated");
	assert_true(projtest_flag(&r, 2, "needs_decision"));
	assert_true(projtest_flag(&r, 2, "allowed"));
	apires_free(&r);
	/* Staff read the same states but may not make the moves. */
	projtest_call(t, "staff", "GET", path, NULL, 200, &r);
	assert_false(projtest_flag(&r, 1, "allowed"));
	apires_free(&r);
}

static void transitions_record_events(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", banh_pia);
	char path[80], events[80];
	snprintf(path, sizeof path, "/api/v1/projects/%lld/transition", (long long)id);
	snprintf(events, sizeof events, "/api/v1/projects/%lld/events", (long long)id);
	ApiRes r;
	/* Moves are the manager's. */
	projtest_expect(
	        t, "staff", "POST", path, "{\"to_status\": \"registered\", \"version\": 1}", 403);
	projtest_call(t, "manager", "POST", path,
	        "{\"to_status\": \"registered\", \"version\": 1, \"event_date\": \"05/01/2019\","
	        " \"reason\": \"Hồ sơ đủ\"}",
	        200, &r);
	assert_string_equal(apires_str(&r, "status"), "registered");
	assert_string_equal(apires_str(&r, "status_date"), "2019-01-05");
	assert_string_equal(r.etag, "\"2\"");
	apires_free(&r);
	/* A move the table does not allow names the states that are. */
	projtest_call(t, "manager", "POST", path,
	        "{\"to_status\": \"in_progress\", \"version\": 2}", 409, &r);
	projtest_error(&r, "conflict", "to_status", "chỉ chuyển được sang");
	apires_free(&r);
	/* A stale version is a conflict; a missing target a 422. */
	projtest_expect(t, "manager", "POST", path,
	        "{\"to_status\": \"appraised_basic\", \"version\": 1}", 409);
	projtest_call(t, "manager", "POST", path, "{\"version\": 2}", 422, &r);
	projtest_error(&r, "invalid", "to_status", NULL);
	apires_free(&r);
	projtest_call(t, "manager", "POST", path, "[\"registered\"]", 400, &r);
	projtest_error(&r, "bad_request", "body", NULL);
	apires_free(&r);
	projtest_call(t, "manager", "POST", path, "{\"to_status\": \"registered\"}", 400, &r);
	projtest_error(&r, "bad_request", "version", NULL);
	apires_free(&r);
	/* Termination needs a decision's number and date. */
	projtest_call(t, "manager", "POST", path, "{\"to_status\": \"terminated\", \"version\": 2}",
	        422, &r);
	projtest_error(&r, "invalid", "decision_no", "số quyết định");
	apires_free(&r);
	const char *const v2[] = {"If-Match: \"2\"", NULL};
	apitest_call(t, "manager", "POST", path,
	        "{\"to_status\": \"terminated\", \"decision_no\": \"QĐ 77/QĐ-UBND\","
	        " \"decision_date\": \"2019-02-01\", \"reason_code\": \"no_counterpart\"}",
	        v2, &r);
	assert_status(&r, 200);
	assert_string_equal(apires_str(&r, "status"), "terminated");
	apires_free(&r);
	char audit[80];
	snprintf(audit, sizeof audit, "/api/v1/projects/%lld/audit", (long long)id);
	projtest_expect(t, "staff", "GET", audit, NULL, 403);
	projtest_call(t, "manager", "GET", audit, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 3); /* created, registered, terminated */
	apires_free(&r);
	projtest_call(t, "viewer", "GET", events, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 3);
	assert_null(apires_str(&r, "items.0.from_status"));
	assert_string_equal(apires_str(&r, "items.0.to_status"), "draft");
	assert_string_equal(apires_str(&r, "items.1.reason"), "Hồ sơ đủ");
	assert_string_equal(apires_str(&r, "items.2.decision_no"), "QĐ 77/QĐ-UBND");
	assert_string_equal(apires_str(&r, "items.2.decision_date"), "2019-02-01");
	assert_string_equal(apires_str(&r, "items.2.reason_code"), "no_counterpart");
	assert_true(apires_int(&r, "items.2.user_id") > 0);
	apires_free(&r);
}

/* A national đề án is approved, carried over and stopped by the Ministry;
 * the province's manager records the other moves. */
static void ministry_moves_of_a_national_project(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KCQG-2026-CT-01", "national", "current", "92", 2026);
	projtest_go(t, id, "appraised_basic");
	char path[80], next[80];
	snprintf(path, sizeof path, "/api/v1/projects/%lld/transition", (long long)id);
	snprintf(next, sizeof next, "/api/v1/projects/%lld/transitions", (long long)id);
	ApiRes r;
	projtest_call(t, "manager", "POST", path, "{\"to_status\": \"appraised\", \"version\": 3}",
	        403, &r);
	projtest_error(&r, "forbidden", "to_status", "Bộ Công Thương");
	apires_free(&r);
	projtest_call(t, "manager", "GET", next, NULL, 200, &r);
	assert_string_equal(apires_str(&r, "items.0.to_status"), "appraised");
	assert_false(projtest_flag(&r, 0, "allowed"));
	apires_free(&r);
	projtest_call(t, "ministry", "GET", next, NULL, 200, &r);
	assert_true(projtest_flag(&r, 0, "allowed"));
	apires_free(&r);
	projtest_expect(
	        t, "ministry", "POST", path, "{\"to_status\": \"appraised\", \"version\": 3}", 200);
	projtest_expect(t, "ministry", "POST", path,
	        "{\"to_status\": \"approved\", \"version\": 4, \"decision_no\": \"QĐ 1186/QĐ-BCT\","
	        " \"decision_date\": \"2026-02-27\"}",
	        200);
	/* Signing the contract is the province's to record. */
	projtest_expect(
	        t, "manager", "POST", path, "{\"to_status\": \"contracted\", \"version\": 5}", 200);
	/* A local đề án's approval is the province's. */
	int64_t local = projtest_create(t, "KC-01", "local", "current", "92", 2026);
	projtest_go(t, local, "appraised");
	snprintf(path, sizeof path, "/api/v1/projects/%lld/transition", (long long)local);
	projtest_expect(t, "manager", "POST", path,
	        "{\"to_status\": \"approved\", \"version\": 4, \"decision_no\": \"QĐ 15/QĐ-UBND\","
	        " \"decision_date\": \"2026-03-01\"}",
	        200);
}

static void partners_and_beneficiaries(void **state)
{
	ApiTest *t = *state;
	int64_t id = create(t, "staff", banh_pia);
	int64_t vien = projtest_org(t, "Viện Nghiên cứu Cơ khí");
	int64_t hoi = projtest_org(t, "Hội Nông dân tỉnh");
	int64_t pia = projtest_establishment(t, "Cơ sở bánh pía Tân Huê Viên", "92");
	int64_t gom = projtest_establishment(t, "Cơ sở gốm Bát Tràng", "01");
	char partners[80], beneficiaries[80], body[96], path[128];
	snprintf(partners, sizeof partners, "/api/v1/projects/%lld/partners", (long long)id);
	snprintf(beneficiaries, sizeof beneficiaries, "/api/v1/projects/%lld/beneficiaries",
	        (long long)id);
	ApiRes r;
	snprintf(body, sizeof body, "{\"org_id\": %lld, \"role\": \"lead\"}", (long long)vien);
	projtest_call(t, "staff", "POST", partners, body, 201, &r);
	assert_string_equal(apires_str(&r, "name"), "Viện Nghiên cứu Cơ khí");
	assert_string_equal(apires_str(&r, "role"), "lead");
	snprintf(path, sizeof path, "%s/%lld", partners, (long long)vien);
	assert_string_equal(r.location, path);
	apires_free(&r);
	projtest_call(t, "staff", "POST", partners, body, 409, &r);
	projtest_error(&r, "conflict", "org_id", "đã là đơn vị phối hợp");
	apires_free(&r);
	snprintf(body, sizeof body, "{\"org_id\": %lld}", (long long)hoi);
	projtest_expect(t, "staff", "POST", partners, body, 201);
	projtest_call(t, "staff", "POST", partners, "{\"org_id\": 999999}", 422, &r);
	projtest_error(&r, "invalid", "org_id", "999999");
	apires_free(&r);
	projtest_call(t, "viewer", "GET", partners, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 2);
	assert_string_equal(apires_str(&r, "items.0.name"), "Hội Nông dân tỉnh");
	assert_string_equal(apires_str(&r, "items.0.role"), "partner");
	apires_free(&r);
	projtest_expect(t, "staff", "DELETE", path, NULL, 204);
	projtest_expect(t, "staff", "DELETE", path, NULL, 404);

	/* A provincial đề án helps establishments of its own province (Sóc
	 * Trăng is Cần Thơ now), not Hà Nội's. */
	snprintf(body, sizeof body, "{\"establishment_id\": %lld}", (long long)pia);
	projtest_call(t, "staff", "POST", beneficiaries, body, 201, &r);
	assert_string_equal(apires_str(&r, "role"), "beneficiary");
	apires_free(&r);
	snprintf(body, sizeof body, "{\"establishment_id\": %lld}", (long long)gom);
	projtest_call(t, "staff", "POST", beneficiaries, body, 422, &r);
	projtest_error(&r, "invalid", "establishment_id", "ngoài tỉnh");
	apires_free(&r);
	projtest_call(t, "viewer", "GET", beneficiaries, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	apires_free(&r);
	snprintf(path, sizeof path, "%s/%lld", beneficiaries, (long long)pia);
	projtest_expect(t, "viewer", "DELETE", path, NULL, 403);
	projtest_expect(t, "staff", "DELETE", path, NULL, 204);
}

static void adjustments_requested_and_decided(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KC-01", "local", "current", "92", 2026);
	char list[80], path[128], decision[160];
	snprintf(list, sizeof list, "/api/v1/projects/%lld/adjustments", (long long)id);
	ApiRes r;
	static const char stop[] = "{\"kind\": \"stop\", \"requested_on\": \"2026-05-10\","
	                           " \"request_doc\": \"CV 45/TTKC\", \"reason\": \"Cơ sở rút\"}";
	/* A draft is not adjusted: it is edited. */
	projtest_call(t, "staff", "POST", list, stop, 409, &r);
	projtest_error(&r, "conflict", "status", "Dự thảo");
	apires_free(&r);
	projtest_go(t, id, "in_progress");
	projtest_call(t, "staff", "POST", list, stop, 201, &r);
	int64_t adj = apires_int(&r, "id");
	assert_string_equal(apires_str(&r, "approver"), "ppc");
	assert_string_equal(apires_str(&r, "status"), "requested");
	assert_string_equal(apires_str(&r, "requested_on"), "2026-05-10");
	snprintf(path, sizeof path, "%s/%lld", list, (long long)adj);
	assert_string_equal(r.location, path);
	apires_free(&r);
	projtest_call(t, "staff", "POST", list, "{\"kind\": \"shrink\"}", 422, &r);
	projtest_error(&r, "invalid", "kind", "shrink");
	apires_free(&r);
	projtest_call(t, "viewer", "GET", list, NULL, 200, &r);
	assert_int_equal(apires_int(&r, "total"), 1);
	assert_string_equal(apires_str(&r, "items.0.kind"), "stop");
	apires_free(&r);
	projtest_call(t, "viewer", "GET", path, NULL, 200, &r);
	assert_string_equal(apires_str(&r, "reason"), "Cơ sở rút");
	apires_free(&r);

	snprintf(decision, sizeof decision, "%s/decision", path);
	projtest_expect(t, "staff", "POST", decision, "{\"decision\": \"approved\"}", 403);
	projtest_call(t, "manager", "POST", decision, "{\"decision\": \"approved\"}", 422, &r);
	projtest_error(&r, "invalid", "decision_no", NULL);
	apires_free(&r);
	projtest_call(t, "manager", "POST", decision,
	        "{\"decision\": \"approved\", \"decision_no\": \"QĐ 9/QĐ-UBND\","
	        " \"decision_date\": \"2026-06-20\"}",
	        200, &r);
	assert_string_equal(apires_str(&r, "status"), "approved");
	assert_string_equal(apires_str(&r, "decision_date"), "2026-06-20");
	apires_free(&r);
	/* The approved stop terminated the đề án; decided once only. */
	snprintf(path, sizeof path, "/api/v1/projects/%lld", (long long)id);
	projtest_call(t, "viewer", "GET", path, NULL, 200, &r);
	assert_string_equal(apires_str(&r, "status"), "terminated");
	apires_free(&r);
	projtest_expect(t, "manager", "POST", decision, "{\"decision\": \"rejected\"}", 409);
}

static void national_adjustments_are_the_ministrys(void **state)
{
	ApiTest *t = *state;
	int64_t id = projtest_create(t, "KCQG-2026-CT-01", "national", "current", "92", 2026);
	projtest_go(t, id, "in_progress");
	int64_t other = projtest_create(t, "KC-01", "local", "current", "92", 2026);
	projtest_go(t, other, "in_progress");
	char list[80], path[160];
	snprintf(list, sizeof list, "/api/v1/projects/%lld/adjustments", (long long)id);
	ApiRes r;
	projtest_call(t, "staff", "POST", list, "{\"kind\": \"increase_support\"}", 201, &r);
	int64_t adj = apires_int(&r, "id");
	assert_string_equal(apires_str(&r, "approver"), "ministry");
	apires_free(&r);
	snprintf(path, sizeof path, "%s/%lld/decision", list, (long long)adj);
	projtest_call(t, "manager", "POST", path, "{\"decision\": \"rejected\"}", 403, &r);
	projtest_error(&r, "forbidden", "decision", "Bộ Công Thương");
	apires_free(&r);
	projtest_expect(t, "ministry", "POST", path, "{\"decision\": \"rejected\"}", 200);
	/* An adjustment is reached only through its own đề án. */
	snprintf(path, sizeof path, "/api/v1/projects/%lld/adjustments/%lld", (long long)other,
	        (long long)adj);
	projtest_expect(t, "viewer", "GET", path, NULL, 404);
}

/* Requests refused before or by the handler, and what they say. */
typedef struct BadCase {
	const char *why, *method, *path, *body;
	int status;
	const char *code, *field;
} BadCase;

static const BadCase bad[] = {
        {"unknown field", "POST", "/api/v1/projects", "{\"titel\": \"x\"}", 400, "bad_request",
                "titel"},
        {"wrong type", "POST", "/api/v1/projects", "{\"start_year\": \"2019\"}", 400, "bad_request",
                "start_year"},
        {"store validation", "POST", "/api/v1/projects",
                "{\"code\": \"KC-1\", \"title\": \"\", \"level\": \"local\", \"activity_code\":"
                " \"C03_DEMO_TECH\", \"province_list\": \"current\", \"province_code\": \"92\","
                " \"start_year\": 2026, \"end_year\": 2026}",
                422, "invalid", "title"},
        {"unknown activity", "POST", "/api/v1/projects",
                "{\"code\": \"KC-1\", \"title\": \"Đề án\", \"level\": \"local\", \"activity_code\":"
                " \"C99\", \"province_list\": \"current\", \"province_code\": \"92\","
                " \"registration_year\": 2025, \"start_year\": 2026, \"end_year\": 2026}",
                422, "invalid", "activity_code"},
        {"year out of range", "GET", "/api/v1/projects?year=1800", NULL, 400, "bad_request",
                "year"},
        {"bad level", "GET", "/api/v1/projects?level=regional", NULL, 400, "bad_request", "level"},
        {"no such đề án", "GET", "/api/v1/projects/999999", NULL, 404, "not_found", NULL},
        {"no such đề án's events", "GET", "/api/v1/projects/999999/events", NULL, 404, "not_found",
                NULL},
};

static void bad_request(void **state)
{
	const BadCase *c = *state;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	ApiRes r;
	projtest_call(&t, "staff", c->method, c->path, c->body, c->status, &r);
	projtest_error(&r, c->code, c->field, NULL);
	assert_non_null(apires_str(&r, "error.message"));
	assert_int_equal(db_scalar(t.db.db, "SELECT COUNT(*) FROM project"), 0);
	apires_free(&r);
	apitest_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, create_read_update_delete);
	TL_ADD(&tl, delete_refused_past_registration);
	TL_ADD(&tl, scope_follows_current_provinces);
	TL_ADD(&tl, list_filters);
	TL_ADD(&tl, next_states_show_who_may_move);
	TL_ADD(&tl, transitions_record_events);
	TL_ADD(&tl, ministry_moves_of_a_national_project);
	TL_ADD(&tl, partners_and_beneficiaries);
	TL_ADD(&tl, adjustments_requested_and_decided);
	TL_ADD(&tl, national_adjustments_are_the_ministrys);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_request, (void *)&bad[i], "refused: %s", bad[i].why);
	return tl_run(&tl, "api/projects");
}
