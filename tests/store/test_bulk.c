/* test_bulk.c — store_bulk_project: a đề án with its whole history in one
 * call, read back; every invariant it checks refused with the field named
 * and nothing written. */
#include "harness.h"

#include <string.h>

#include "fixture.h"
#include "store/store_bulk.h"
#include "store/store_establishment.h"

static const Actor actor = {
        .user_id = 0, .name = "system", .via = "cli", .now = "2026-01-05T03:00:00Z"};

/* A settled machinery đề án of Sóc Trăng (legacy 94) in 2019. */
static const BulkMove moves[] = {
        {"registered", "2018-06-10", NULL, -1},
        {"appraised_basic", "2018-08-10", NULL, -1},
        {"appraised", "2018-10-10", NULL, -1},
        {"approved", "2019-01-20", "QĐ 120/QĐ-UBND", -1},
        {"contracted", "2019-03-01", NULL, -1},
        {"in_progress", "2019-04-01", NULL, -1},
        {"accepted", "2019-11-02", "15/BBNT-TTKC", -1},
        {"settled", "2020-02-10", "QĐ 33/QĐ-SCT", -1},
};
static const BulkLine lines[] = {
        {"provincial", "Hỗ trợ máy đóng gói", 200000000},
        {"counterpart", "Vốn đối ứng của cơ sở", 300000000},
};
static const BulkPayment payments[] = {
        {0, "advance", "2019-05-10", 100000000, "UNC 12"},
        {0, "payment", "2019-12-10", 100000000, "UNC 40"},
};
static const BulkOutput outputs[] = {{"machines", -1, 2}};

static int64_t establishment(Db *db)
{
	Establishment x = store_establishment_blank();
	x.name = "Cơ sở bánh pía Tân Hưng";
	x.province_list = "legacy", x.province_code = "94";
	int64_t id = 0;
	Err e;
	assert_int_equal(store_establishment_create(db, &actor, &x, &id, &e), 0);
	return id;
}

static BulkProject valid(const int64_t *beneficiary)
{
	BulkProject b = {.p = store_project_blank()};
	b.p.code = "KCDP-2019-94-001";
	b.p.title = "Hỗ trợ ứng dụng máy đóng gói bánh pía";
	b.p.level = "local";
	b.p.activity_code = "C03_DEMO_TECH";
	b.p.province_list = "legacy", b.p.province_code = "94";
	b.p.registration_year = 2018, b.p.start_year = b.p.end_year = 2019;
	b.p.status_date = "2018-04-02";
	b.beneficiaries = beneficiary, b.n_beneficiaries = 1;
	b.moves = moves, b.n_moves = (int)COUNT_OF(moves);
	b.lines = lines, b.n_lines = (int)COUNT_OF(lines);
	b.payments = payments, b.n_payments = (int)COUNT_OF(payments);
	b.outputs = outputs, b.n_outputs = (int)COUNT_OF(outputs);
	return b;
}

static void a_history_is_loaded_whole(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t est = establishment(db), id = 0;
	BulkProject b = valid(&est);
	Err e = {0};
	assert_int_equal(store_bulk_project(db, &actor, &b, &id, &e), 0);
	Arena a = {0};
	Project p;
	assert_int_equal(store_project_get(db, id, &a, &p, &e), 0);
	assert_string_equal(p.status, "settled");
	assert_string_equal(p.status_date, "2020-02-10");
	assert_int_equal(p.version, 1 + (int)COUNT_OF(moves));
	arena_free(&a);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event"), 1 + COUNT_OF(moves));
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM project_event WHERE to_status ="
	                      " 'approved' AND decision_no = 'QĐ 120/QĐ-UBND' AND"
	                      " decision_date = '2019-01-20' AND from_status = 'appraised'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT SUM(approved) FROM project_cost_line"), 500000000);
	assert_int_equal(db_scalar(db, "SELECT SUM(amount) FROM disbursement WHERE fiscal_year ="
	                               " 2019"),
	        200000000);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_beneficiary"), 1);
	assert_int_equal(db_scalar(db, "SELECT actual FROM project_output"), 2);
	/* Audited: the insert, the update to its final state, lines, payments. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                               " 'project' AND action = 'update' AND before_json LIKE"
	                               " '%\"draft\"%' AND after_json LIKE '%\"settled\"%'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name IN"
	                               " ('project_cost_line', 'disbursement')"),
	        4);
}

/* One way to break the history, and what the refusal must say. */
typedef struct Broken {
	const char *name;
	void (*breaks)(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p);
	const char *field, *says;
} Broken;

static void skip_appraisal(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)l, (void)p;
	m[2].to = "contracted";
}
static void no_decision(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)l, (void)p;
	m[3].decision_no = NULL;
}
static void back_in_time(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)l, (void)p;
	m[4].date = "2018-12-31";
}
static void unknown_source(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)m, (void)p;
	l[1].source = "lottery";
}
static void pays_counterpart(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)m, (void)l;
	p[1].line = 1;
}
static void pays_before_approval(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)m, (void)l;
	p[0].paid_on = "2019-01-02";
}
static void pays_too_much(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)m, (void)l;
	p[1].amount = 100000001;
}
static void recovers_too_much(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)m, (void)l;
	p[1].kind = "advance_recovery";
	p[1].amount = 100000001;
}
static void bad_line(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)b, (void)m, (void)l;
	p[0].line = 7;
}
static void bad_record(BulkProject *b, BulkMove *m, BulkLine *l, BulkPayment *p)
{
	(void)m, (void)l, (void)p;
	b->p.province_code = "99";
}

static const Broken broken[] = {
        {"move_not_allowed", skip_appraisal, "status", "sang 'Đã ký hợp đồng'"},
        {"decision_missing", no_decision, "moves[3].decision_no", "quyết định"},
        {"dates_out_of_order", back_in_time, "moves[4].date", "trước bước liền trước"},
        {"unknown_source", unknown_source, "lines[1].source", "lottery"},
        {"payment_on_counterpart", pays_counterpart, "payments[1].line", "không thuộc ngân sách"},
        {"payment_before_approval", pays_before_approval, "payments[0].paid_on", "phê duyệt"},
        {"payment_over_approved", pays_too_much, "payments[1].amount", "vượt kinh phí"},
        {"recovery_over_advance", recovers_too_much, "payments[1].amount", "Thu hồi tạm ứng"},
        {"payment_of_no_line", bad_line, "payments[0].line", "số 8"},
        {"record_refused_by_its_module", bad_record, "province_code", "99"},
};

static void refused(void **state)
{
	const Broken *k = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	int64_t est = establishment(t.db), id = 0;
	BulkMove m[COUNT_OF(moves)];
	BulkLine l[COUNT_OF(lines)];
	BulkPayment p[COUNT_OF(payments)];
	memcpy(m, moves, sizeof m), memcpy(l, lines, sizeof l), memcpy(p, payments, sizeof p);
	BulkProject b = valid(&est);
	b.moves = m, b.lines = l, b.payments = p;
	k->breaks(&b, m, l, p);
	int64_t audit = db_scalar(t.db, "SELECT COUNT(*) FROM audit_log");
	Err e = {0};
	assert_int_not_equal(store_bulk_project(t.db, &actor, &b, &id, &e), 0);
	assert_refused(t.db, &e, k->field, k->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM project"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM project_cost_line"), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log"), audit);
	tmpdb_close(&t);
}

int main(void)
{
	TestList tl = {0};
	tl_add(&tl, "a_history_is_loaded_whole", a_history_is_loaded_whole, NULL);
	for (size_t i = 0; i < COUNT_OF(broken); i++)
		tl_addf(&tl, refused, (void *)&broken[i], "refused_%s", broken[i].name);
	for (size_t i = 0; i < tl.n; i++)
		if (!strcmp(tl.v[i].name, "a_history_is_loaded_whole")) {
			tl.v[i].setup_func = tmpdb_setup_loaded;
			tl.v[i].teardown_func = tmpdb_teardown;
		}
	return tl_run(&tl, "store_bulk");
}
