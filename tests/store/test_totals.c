/* test_totals.c — the dashboard's totals (store_totals.h) kept by every
 * writer: after each kind of write, and after a write that fails, the table
 * equals the one recomputed from the records; the figures read for a
 * current province include the legacy provinces merged into it; the check
 * finds a table that drifted and the rebuild mends it. The same for the set
 * of đề án at risk kept beside it (project_risk), whose counts store_watch.h
 * reads for the dashboard: equal to the ones the invoices give after every
 * kind of write, refused ones included. On both engines. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_finance.h"
#include "store/store_project.h"
#include "store/store_totals.h"
#include "store/store_watch.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

enum { N = 3 };

typedef struct Fix {
	TmpDb t;
	int64_t ids[N];
} Fix;

static int setup(void **state)
{
	Fix *f = calloc(1, sizeof *f);
	if (!f || tmpdb_open(&f->t, TMPDB_LOADED))
		return -1;
	/* N đề án in progress in Sóc Trăng (legacy 94, now in Cần Thơ 92) in
	 * 2023, each with a central line of 1 tỷ and two payments in 2023. */
	tmpdb_sample(f->t.db, N, f->ids);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fix *f = *state;
	tmpdb_close(&f->t);
	free(f);
	return 0;
}

static void agrees(Db *db)
{
	Err e;
	int64_t diff = -1;
	if (store_totals_check(db, &diff, &e))
		fail_msg("check: %s", e.msg);
	assert_int_equal(diff, 0);
}

/* The year's sums in current province code (NULL: the country). */
static TotalsRow sums(Db *db, const char *code, int year, const char *status)
{
	Arena arena = {0};
	TotalsRows t;
	Err e;
	assert_int_equal(store_totals_read(db, code, year, &arena, &t, &e), 0);
	TotalsRow s = {0};
	for (int i = 0; i < t.n; i++) {
		if (status && strcmp(t.v[i].status, status))
			continue;
		s.projects += t.v[i].projects;
		s.planned += t.v[i].planned;
		s.support += t.v[i].support;
		s.approved += t.v[i].approved;
		s.disbursed += t.v[i].disbursed;
	}
	arena_free(&arena);
	return s;
}

/* What the sample paid: an advance of 100 000 000 and a payment of
 * 100 012 345 a đề án, both in 2023. */
static const int64_t PAID = 200012345;

static void sample_figures(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	agrees(db);
	TotalsRow s = sums(db, "92", 2023, NULL);
	assert_int_equal(s.projects, N);
	assert_int_equal(s.support, N * 1000000000LL);
	assert_int_equal(s.approved, N * 1000000000LL);
	assert_int_equal(s.disbursed, N * PAID);
	assert_int_equal(sums(db, "92", 2023, "in_progress").projects, N);
	assert_int_equal(sums(db, NULL, 2023, NULL).disbursed, N * PAID);
	/* Another province, another year: nothing. */
	assert_int_equal(sums(db, "01", 2023, NULL).projects, 0);
	assert_int_equal(sums(db, "92", 2024, NULL).projects, 0);
	/* By current province: legacy 94 counted under 92. */
	Arena arena = {0};
	TotalsRows t;
	Err e;
	assert_int_equal(store_totals_by_province(db, 2023, &arena, &t, &e), 0);
	int64_t in92 = 0, elsewhere = 0;
	for (int i = 0; i < t.n; i++)
		*(strcmp(t.v[i].province, "92") ? &elsewhere : &in92) += t.v[i].disbursed;
	assert_int_equal(in92, N * PAID);
	assert_int_equal(elsewhere, 0);
	arena_free(&arena);
}

/* Moves đề án id (at its first version) from in progress to accepted. */
static void accept(Db *db, int64_t id)
{
	Transition t = store_project_transition_blank();
	t.event_date = "2023-12-20";
	t.decision_no = "QĐ 77/QĐ-SCT";
	t.decision_date = "2023-12-20";
	Err e;
	assert_int_equal(store_project_transition(db, &officer, id, 1, "accepted", &t, &e), 0);
}

/* The count of a list by province, status, activity, whatever the years. */
static int64_t counted(Db *db, const char *code, const char *status, const char *activity)
{
	Err e;
	int64_t n = -1;
	assert_int_equal(store_totals_count(db, code, status, activity, &n, &e), 0);
	return n;
}

/* A full page's total, as the list tells it (read from the counter). */
static int64_t listed(Db *db, const char *code, const char *status)
{
	Arena arena = {0};
	ProjectFilter f = store_project_filter();
	f.current_province = code;
	f.status = status;
	f.limit = 1;
	ProjectList l;
	Err e;
	assert_int_equal(store_project_list(db, &f, &arena, &l, &e), 0);
	arena_free(&arena);
	return l.total;
}

static void list_totals_are_counted(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	assert_int_equal(counted(db, "92", NULL, NULL), N);
	assert_int_equal(counted(db, "92", "in_progress", "P21_01"), N);
	assert_int_equal(counted(db, NULL, "in_progress", NULL), N);
	assert_int_equal(counted(db, "92", "settled", NULL), 0);
	assert_int_equal(counted(db, "01", NULL, NULL), 0);
	assert_int_equal(listed(db, "92", "in_progress"), N);
	assert_int_equal(listed(db, NULL, NULL), N);
	/* A move: the list's totals follow. */
	accept(db, f->ids[0]);
	assert_int_equal(listed(db, "92", "in_progress"), N - 1);
	assert_int_equal(listed(db, "92", "accepted"), 1);
	/* The same as counting the rows. */
	assert_int_equal(listed(db, NULL, "in_progress"),
	        db_scalar(db, "SELECT COUNT(*) FROM project WHERE status = 'in_progress'"));
}

/* Records a disbursement on line; its code, once the totals are checked. */
static int pay(Db *db, int64_t line, const char *kind, const char *day, int64_t amount, int64_t *id)
{
	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = line;
	d.kind = kind;
	d.paid_on = day;
	d.amount = amount;
	Err e;
	int rc = store_finance_disbursement_add(db, &officer, &d, id, &e);
	agrees(db);
	return rc;
}

static void money_writes_move_the_totals(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	Err e;
	/* A line added, changed, removed. */
	CostLine l = store_finance_line_blank();
	l.project_id = f->ids[0];
	l.source_code = "provincial";
	l.item = "Thù lao giảng viên";
	l.planned = 50000000;
	int64_t line;
	assert_int_equal(store_finance_line_add(db, &officer, &l, &line, &e), 0);
	agrees(db);
	assert_int_equal(sums(db, "92", 2023, NULL).planned, N * 1000000000LL + 50000000);
	l.id = line;
	l.approved = 40000000;
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), 0);
	agrees(db);
	assert_int_equal(sums(db, "92", 2023, NULL).support, N * 1000000000LL + 40000000);
	/* A payment on it, in 2024, and its refund... */
	int64_t paid, refund, refused;
	assert_int_equal(pay(db, line, "payment", "2024-01-10", 30000000, &paid), 0);
	assert_int_equal(sums(db, "92", 2024, NULL).disbursed, 30000000);
	assert_int_equal(sums(db, "92", 2023, NULL).disbursed, N * PAID);
	assert_int_equal(pay(db, line, "refund", "2024-02-01", 5000000, &refund), 0);
	assert_int_equal(sums(db, "92", 2024, NULL).disbursed, 25000000);
	/* ... a payment over the line refused: nothing moves. */
	assert_int_not_equal(pay(db, line, "payment", "2024-02-01", 900000000, &refused), 0);
	assert_int_equal(sums(db, "92", 2024, NULL).disbursed, 25000000);
	/* Removed again, then the line. */
	assert_int_equal(store_finance_disbursement_delete(db, &officer, refund, &e), 0);
	assert_int_equal(store_finance_disbursement_delete(db, &officer, paid, &e), 0);
	agrees(db);
	assert_int_equal(sums(db, "92", 2024, NULL).disbursed, 0);
	assert_int_equal(store_finance_line_delete(db, &officer, line, &e), 0);
	agrees(db);
	assert_int_equal(sums(db, "92", 2023, NULL).planned, N * 1000000000LL);
	/* A line that is not there: refused, nothing moves. */
	assert_int_equal(store_finance_line_delete(db, &officer, line, &e), KC_ENOTFOUND);
	agrees(db);
}

static void project_writes_move_the_totals(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	Err e;
	/* A move to another state. */
	accept(db, f->ids[1]);
	agrees(db);
	assert_int_equal(sums(db, "92", 2023, "accepted").projects, 1);
	assert_int_equal(sums(db, "92", 2023, "accepted").disbursed, PAID);
	assert_int_equal(sums(db, "92", 2023, "in_progress").projects, N - 1);
	/* An edit that moves the đề án to other years and another province. */
	Arena arena = {0};
	Project p;
	assert_int_equal(store_project_get(db, f->ids[2], &arena, &p, &e), 0);
	p.province_list = "current";
	p.province_code = "01";
	p.registration_year = 2025;
	p.start_year = 2025;
	p.end_year = 2026;
	if (store_project_update(db, &officer, &p, &e))
		fail_msg("update: %s", e.msg);
	arena_free(&arena);
	agrees(db);
	assert_int_equal(sums(db, "92", 2023, NULL).projects, N - 1);
	assert_int_equal(sums(db, "01", 2025, NULL).projects, 1);
	assert_int_equal(sums(db, "01", 2026, NULL).projects, 1);
	assert_int_equal(sums(db, "01", 2025, NULL).support, 1000000000);
	assert_int_equal(sums(db, "01", 2026, NULL).support, 0);
	/* Paid in 2023 still, now counted in Hà Nội. */
	assert_int_equal(sums(db, "01", 2023, NULL).disbursed, PAID);
	/* A new draft, then deleted. */
	Project n = store_project_blank();
	n.code = "KCĐP-2026-HN-01";
	n.title = "Đề án thử tổng hợp";
	n.level = "local";
	n.activity_code = "P21_01";
	n.province_list = "current";
	n.province_code = "01";
	n.registration_year = 2026;
	n.start_year = 2026;
	n.end_year = 2026;
	int64_t id;
	if (store_project_create(db, &officer, &n, &id, &e))
		fail_msg("create: %s", e.msg);
	agrees(db);
	assert_int_equal(sums(db, "01", 2026, "draft").projects, 1);
	assert_int_equal(store_project_delete(db, &officer, id, 1, &e), 0);
	agrees(db);
	assert_int_equal(sums(db, "01", 2026, "draft").projects, 0);
}

static void drift_is_found_and_mended(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	Err e;
	assert_int_equal(db_exec(db, "UPDATE project_total SET disbursed = disbursed + 1", &e), 0);
	int64_t diff = 0;
	assert_int_equal(store_totals_check(db, &diff, &e), 0);
	assert_true(diff > 0);
	assert_int_equal(db_exec(db, "DELETE FROM project_total", &e), 0);
	assert_int_equal(store_totals_check(db, &diff, &e), 0);
	assert_true(diff > 0);
	assert_int_equal(store_totals_rebuild(db, &e), 0);
	agrees(db);
	assert_int_equal(sums(db, "92", 2023, NULL).disbursed, N * PAID);
}

/* ---- The set at risk (project_risk, migration 0025) ---------------------------------- */

/* Đề án of year with invoices outside their window, counted from the
 * invoices themselves (as the report "Tiến độ đề án" judges them). */
static int64_t recounted(Db *db, int year)
{
	Stmt *st;
	Err e;
	int64_t n = -1;
	assert_int_equal(
	        db_prepare(db,
	                "SELECT COUNT(DISTINCT p.id) FROM invoice i JOIN project p ON p.id ="
	                " i.project_id WHERE p.start_year <= ? AND p.end_year >= ? AND"
	                " (i.issued_on < COALESCE(p.eligible_from, CAST(p.start_year AS TEXT)"
	                " || '-01-01') OR i.issued_on > COALESCE(p.eligible_to,"
	                " CAST(p.end_year AS TEXT) || '-12-31'))",
	                &st, &e),
	        0);
	db_bind_int64(st, 1, year);
	db_bind_int64(st, 2, year);
	assert_int_equal(db_run_int64(st, &n, &e), 0);
	db_done(st);
	return n;
}

/* One number about đề án id. */
static int64_t of(Db *db, const char *sql, int64_t id)
{
	int64_t n = -1;
	Err e;
	if (store_scalar(db, sql, id, &n, &e))
		fail_msg("%s: %s", sql, e.msg);
	return n;
}

/* Đề án of year at risk as the dashboard counts them, in keys (NULL: the
 * country). */
static int64_t watched(Db *db, const char *keys, int year)
{
	int64_t due = -1, risk = -1;
	Err e;
	if (store_watch_count(db, keys, year, &due, &risk, &e))
		fail_msg("watch count: %s", e.msg);
	return risk;
}

/* The kept set's rows. */
static int64_t kept(Db *db)
{
	return db_scalar(db, "SELECT COUNT(*) FROM project_risk");
}

/* Records an invoice of đề án project dated day; its id in *id. The set is
 * checked after it, whatever the answer. */
static int invoice(Db *db, int64_t project, const char *day, int64_t amount, int64_t *id)
{
	Invoice x = store_finance_invoice_blank();
	x.project_id = project;
	x.number = "HĐ 0001234";
	x.issued_on = day;
	x.amount = amount;
	x.supplier = "Công ty TNHH Cơ khí Sóc Trăng";
	Err e;
	int rc = store_finance_invoice_add(db, &officer, &x, id, &e);
	agrees(db);
	return rc;
}

static void remove_invoice(Db *db, int64_t id)
{
	Err e;
	if (store_finance_invoice_delete(db, &officer, id, &e))
		fail_msg("invoice delete: %s", e.msg);
	agrees(db);
}

/* Both counts of 2023 (the dashboard's and the invoices'), which must agree. */
static int64_t risk_2023(Db *db)
{
	int64_t n = watched(db, NULL, 2023);
	assert_int_equal(n, recounted(db, 2023));
	return n;
}

static void invoice_writes_move_the_risk_set(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	int64_t inside, before, after, refused;
	agrees(db);
	assert_int_equal(kept(db), 0);
	/* Dated within 2023: no risk. */
	assert_int_equal(invoice(db, f->ids[0], "2023-05-01", 12000000, &inside), 0);
	assert_int_equal(risk_2023(db), 0);
	assert_int_equal(kept(db), 0);
	/* Bought on credit in November 2022: at risk, in 2023 only, in Sóc Trăng. */
	assert_int_equal(invoice(db, f->ids[0], "2022-11-15", 350000000, &before), 0);
	assert_int_equal(risk_2023(db), 1);
	assert_int_equal(watched(db, NULL, 2022), 0);
	assert_int_equal(watched(db, NULL, 2024), 0);
	assert_int_equal(watched(db, ",legacy:94,current:92,", 2023), 1);
	assert_int_equal(watched(db, ",current:01,", 2023), 0);
	/* A second one, after its last year: still one đề án, two invoices. */
	assert_int_equal(invoice(db, f->ids[0], "2024-01-05", 5000000, &after), 0);
	assert_int_equal(risk_2023(db), 1);
	assert_int_equal(
	        of(db, "SELECT invoices FROM project_risk WHERE project_id = ?", f->ids[0]), 2);
	/* Refused before the set is touched (no amount): nothing moves. */
	assert_int_not_equal(invoice(db, f->ids[1], "2022-12-01", 0, &refused), 0);
	assert_int_equal(risk_2023(db), 1);
	/* Refused after it was (the audit row cannot be written): rolled back. */
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	assert_int_not_equal(invoice(db, f->ids[1], "2022-12-01", 1000000, &refused), 0);
	tmpdb_allow_inserts(db, "no_audit", "audit_log");
	agrees(db);
	assert_int_equal(risk_2023(db), 1);
	/* Listed with the three due in 2023, the one at risk flagged. */
	Arena arena = {0};
	WatchRows w;
	Err e;
	assert_int_equal(store_watch_list(db, NULL, 2023, 1, 20, &arena, &w, &e), 0);
	assert_int_equal(w.n, N);
	for (int i = 0; i < w.n; i++) {
		assert_true(w.v[i].due);
		assert_int_equal(w.v[i].risk, !strcmp(w.v[i].code, "KCĐP-2023-ST-01"));
	}
	arena_free(&arena);
	/* Removed one by one: at risk until the last outside one goes. */
	remove_invoice(db, before);
	assert_int_equal(risk_2023(db), 1);
	remove_invoice(db, inside);
	assert_int_equal(risk_2023(db), 1);
	remove_invoice(db, after);
	assert_int_equal(risk_2023(db), 0);
	assert_int_equal(kept(db), 0);
}

/* Reads đề án id, lets change edit it and writes it back. */
static void edit(Db *db, int64_t id, void (*change)(Project *p))
{
	Arena arena = {0};
	Project p;
	Err e;
	assert_int_equal(store_project_get(db, id, &arena, &p, &e), 0);
	change(&p);
	if (store_project_update(db, &officer, &p, &e))
		fail_msg("update: %s", e.msg);
	arena_free(&arena);
	agrees(db);
}

static void one_more_year(Project *p)
{
	p->end_year = 2024;
}

static void window_to_2023(Project *p)
{
	p->eligible_to = "2023-12-31";
}

static void to_ha_noi(Project *p)
{
	p->province_list = "legacy";
	p->province_code = "01";
}

static void project_writes_move_the_risk_set(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	int64_t id;
	/* Dated after its last year. */
	assert_int_equal(invoice(db, f->ids[1], "2024-03-01", 20000000, &id), 0);
	assert_int_equal(risk_2023(db), 1);
	/* A year more: the invoice falls within its window. */
	edit(db, f->ids[1], one_more_year);
	assert_int_equal(risk_2023(db), 0);
	assert_int_equal(watched(db, NULL, 2024), 0);
	/* Its window closed at the end of 2023: at risk in both its years. */
	edit(db, f->ids[1], window_to_2023);
	assert_int_equal(risk_2023(db), 1);
	assert_int_equal(watched(db, NULL, 2024), 1);
	assert_int_equal(watched(db, NULL, 2024), recounted(db, 2024));
	/* Moved to Hà Nội: counted there, no longer in Sóc Trăng. */
	edit(db, f->ids[1], to_ha_noi);
	assert_int_equal(watched(db, ",legacy:94,current:92,", 2023), 0);
	assert_int_equal(watched(db, ",legacy:01,current:01,", 2023), 1);
	/* A move to another state keeps it at risk. */
	Transition t = store_project_transition_blank();
	t.event_date = "2024-12-20";
	t.decision_no = "QĐ 77/QĐ-SCT";
	t.decision_date = "2024-12-20";
	Err e;
	static const char version[] = "SELECT version FROM project WHERE id = ?";
	if (store_project_transition(
	            db, &officer, f->ids[1], (int)of(db, version, f->ids[1]), "accepted", &t, &e))
		fail_msg("transition: %s", e.msg);
	agrees(db);
	assert_int_equal(risk_2023(db), 1);
	/* Accepted, no longer due in 2024: listed for its risk alone. */
	Arena arena = {0};
	WatchRows w;
	assert_int_equal(store_watch_list(db, NULL, 2024, 1, 20, &arena, &w, &e), 0);
	assert_int_equal(w.n, 1);
	assert_false(w.v[0].due);
	assert_true(w.v[0].risk);
	assert_string_equal(w.v[0].province_code, "01");
	arena_free(&arena);
	/* Refused: a đề án with invoices is not deleted. */
	assert_int_not_equal(
	        store_project_delete(db, &officer, f->ids[1], (int)of(db, version, f->ids[1]), &e),
	        0);
	agrees(db);
	assert_int_equal(risk_2023(db), 1);
}

static void risk_drift_is_found_and_mended(void **state)
{
	Fix *f = *state;
	Db *db = f->t.db;
	Err e;
	int64_t id, diff = 0;
	assert_int_equal(invoice(db, f->ids[2], "2022-06-30", 7000000, &id), 0);
	static const char *const drifts[] = {
	        "DELETE FROM project_risk",
	        "UPDATE project_risk SET end_year = end_year + 1",
	        "UPDATE project_risk SET invoices = 5",
	        "INSERT INTO project_risk (project_id, province_list, province_code, start_year,"
	        " end_year, invoices) SELECT MIN(id), 'legacy', '94', 2023, 2023, 1 FROM project",
	        /* Written behind the store's back: the set does not follow. */
	        "UPDATE project SET eligible_from = '2022-01-01'",
	};
	for (size_t i = 0; i < sizeof drifts / sizeof *drifts; i++) {
		if (db_exec(db, drifts[i], &e))
			fail_msg("%s: %s", drifts[i], e.msg);
		assert_int_equal(store_totals_check(db, &diff, &e), 0);
		if (diff == 0)
			fail_msg("not found: %s", drifts[i]);
		assert_int_equal(store_totals_rebuild(db, &e), 0);
		agrees(db);
	}
	/* Mended: the last drift made the invoice count, nothing is at risk. */
	assert_int_equal(risk_2023(db), 0);
	assert_int_equal(kept(db), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(sample_figures, setup, teardown),
	        cmocka_unit_test_setup_teardown(list_totals_are_counted, setup, teardown),
	        cmocka_unit_test_setup_teardown(money_writes_move_the_totals, setup, teardown),
	        cmocka_unit_test_setup_teardown(project_writes_move_the_totals, setup, teardown),
	        cmocka_unit_test_setup_teardown(drift_is_found_and_mended, setup, teardown),
	        cmocka_unit_test_setup_teardown(invoice_writes_move_the_risk_set, setup, teardown),
	        cmocka_unit_test_setup_teardown(project_writes_move_the_risk_set, setup, teardown),
	        cmocka_unit_test_setup_teardown(risk_drift_is_found_and_mended, setup, teardown),
	};
	return cmocka_run_group_tests_name("store/totals", tests, NULL, NULL);
}
