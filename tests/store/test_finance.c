/* test_finance.c — the money of a đề án on a real SQLite file: cost lines
 * and the TT 28/2018 support caps, disbursements and their limits, the
 * status gate, totals and the disbursement rate, invoices outside the
 * eligible window (the Lào Cai problem), audit rows and atomicity.
 *
 * The đề án rows are plain INSERTs and the reference rows (instrument,
 * funding sources, support rules) are inserted with ids from 1001 on, so the
 * suite depends neither on store_project nor on the seeded rules of 0003. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_finance.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

/* TT 28/2018/TT-BTC Điều 8 (DOMAIN §2.5) as the tests' own rules: 1001 demo
 * model, 1002 machinery, 1003 technology line = 1,5 × 1002 (no rate, as
 * seeded in 0003), 1006 the same with a 50 % rate; 1004 and 1008 a
 * provincial resolution of Đắk Lắk (current list, code 66), 1005 a rule that
 * ended in 2019, 1007 a local rule of any province. */
static const char reference_sql[] =
        "INSERT INTO legal_instrument (code, kind, number, title) VALUES"
        " ('X_TT28', 'Thông tư', '28/2018/TT-BTC', 'Kinh phí khuyến công (thử)'),"
        " ('X_NQ66', 'Nghị quyết', 'NQ HĐND tỉnh thử', 'Mức chi khuyến công địa phương (thử)')"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO activity_content (code, scheme, position, label_vi) VALUES"
        " ('X_DEMO', 'test', 1, 'Mô hình trình diễn (thử)') ON CONFLICT DO NOTHING;"
        "INSERT INTO funding_source (code, label_vi, is_state, position) VALUES"
        " ('central', 'Ngân sách trung ương', 1, 1), ('provincial', 'Ngân sách tỉnh', 1, 2),"
        " ('counterpart', 'Vốn đối ứng của cơ sở thụ hưởng', 0, 5), ('other', 'Nguồn khác', 0, 6)"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO support_rule (id, instrument_code, clause, program_level, province_list,"
        " province_code, cost_item, label_vi, rate_x100, cap_dong, cap_per, base_rule_id,"
        " multiplier_x100, valid_from, valid_to) VALUES"
        " (1001, 'X_TT28', 'Điều 8 khoản 2', NULL, NULL, NULL, 'demo_model',"
        "  'Mô hình trình diễn', 3000, 1000000000, 'model', NULL, NULL, NULL, NULL),"
        " (1002, 'X_TT28', 'Điều 8 khoản 4', NULL, NULL, NULL, 'machinery',"
        "  'Ứng dụng máy móc thiết bị tiên tiến', 5000, 300000000, 'establishment', NULL, NULL,"
        "  NULL, NULL),"
        " (1003, 'X_TT28', 'Điều 8 khoản 4', NULL, NULL, NULL, 'technology_line',"
        "  'Dây chuyền công nghệ', NULL, NULL, 'establishment', 1002, 150, NULL, NULL),"
        " (1004, 'X_NQ66', NULL, 'local', 'current', '66', 'machinery',"
        "  'Máy móc thiết bị (Đắk Lắk)', 5000, 250000000, 'establishment', NULL, NULL,"
        "  '2025-07-26', NULL),"
        " (1005, 'X_TT28', NULL, NULL, NULL, NULL, 'machinery', 'Quy định cũ', 5000, 200000000,"
        "  'establishment', NULL, NULL, '2014-01-01', '2019-12-31'),"
        " (1006, 'X_TT28', 'Điều 8 khoản 4', NULL, NULL, NULL, 'technology_line',"
        "  'Dây chuyền công nghệ (có tỷ lệ)', 5000, NULL, 'establishment', 1002, 150, NULL,"
        "  NULL),"
        " (1007, 'X_NQ66', NULL, 'local', NULL, NULL, 'machinery', 'Quy định địa phương',"
        "  5000, 250000000, 'establishment', NULL, NULL, NULL, NULL),"
        " (1008, 'X_NQ66', NULL, 'local', 'current', '66', 'machinery', 'Máy móc Đắk Lắk',"
        "  5000, 250000000, 'establishment', NULL, NULL, NULL, NULL)"
        " ON CONFLICT DO NOTHING;";

/* A đề án as the tests need it. */
typedef struct Proj {
	const char *level, *list, *province;
	int start_year;
	const char *status;
	const char *eligible_from, *eligible_to; /* NULL: not recorded */
} Proj;

/* Lào Cai (legacy 10), KCQG registered in 2022 for the 2023 budget (seed003). */
static const Proj lao_cai = {
        "national", "legacy", "10", 2023, "in_progress", "2023-03-01", "2023-12-31"};
static const Proj dak_lak_2024 = {"local", "current", "66", 2024, "in_progress", NULL, NULL};
static const Proj lao_cai_local = {"local", "legacy", "10", 2023, "in_progress", NULL, NULL};
static const Proj dak_lak_2026 = {"local", "current", "66", 2026, "in_progress", NULL, NULL};

static int64_t add_project(Db *db, const Proj *p)
{
	static int serial;
	char code[32];
	snprintf(code, sizeof code, "KC-THU-%d", ++serial);
	Stmt *st;
	Err e;
	int64_t id = -1;
	if (db_prepare(db,
	            "INSERT INTO project (code, title, level, activity_code, province_list,"
	            " province_code, registration_year, start_year, end_year, eligible_from,"
	            " eligible_to, status, title_key, sort_key, created_at, updated_at)"
	            " VALUES (?, 'Đề án thử', ?, 'X_DEMO', ?, ?, ?, ?, ?, ?, ?, ?, 'de an thu',"
	            " 'de an thu', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z') RETURNING id",
	            &st, &e))
		fail_msg("%s", e.msg);
	db_bind_str(st, 1, code);
	db_bind_str(st, 2, p->level);
	db_bind_str(st, 3, p->list);
	db_bind_str(st, 4, p->province);
	db_bind_int64(st, 5, p->start_year - 1);
	db_bind_int64(st, 6, p->start_year);
	db_bind_int64(st, 7, p->start_year);
	db_bind_str(st, 8, p->eligible_from);
	db_bind_str(st, 9, p->eligible_to);
	db_bind_str(st, 10, p->status);
	int rc = db_run_int64(st, &id, &e);
	db_done(st);
	if (rc)
		fail_msg("%s", e.msg);
	return id;
}

static void set_status(Db *db, int64_t project, const char *status)
{
	Stmt *st;
	Err e;
	if (db_prepare(db, "UPDATE project SET status = ? WHERE id = ?", &st, &e))
		fail_msg("%s", e.msg);
	db_bind_str(st, 1, status);
	db_bind_int64(st, 2, project);
	int rc = db_run(st, &e);
	db_done(st);
	if (rc)
		fail_msg("%s", e.msg);
}

/* A fresh database with the units, the reference rows and the four đề án
 * above as ids 1 to 4. */
static int open_db(TmpDb *t)
{
	Err e;
	if (tmpdb_open(t, TMPDB_LOADED) || db_exec(t->db, reference_sql, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	add_project(t->db, &lao_cai);
	add_project(t->db, &dak_lak_2024);
	add_project(t->db, &lao_cai_local);
	add_project(t->db, &dak_lak_2026);
	return 0;
}

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || open_db(t))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

/* A machinery line of the Lào Cai đề án: 50 % of 500 triệu = 250 triệu. */
static CostLine machine(void)
{
	CostLine l = store_finance_line_blank();
	l.project_id = 1;
	l.source_code = "central";
	l.item = "Máy đóng gói chè tự động";
	l.rule_id = 1002;
	l.eligible_cost = 500000000;
	l.planned = 250000000;
	return l;
}

static int64_t add_line(Db *db, const char *source, int64_t planned, int64_t approved)
{
	CostLine l = machine();
	l.source_code = source;
	l.rule_id = -1;
	l.planned = planned;
	l.approved = approved;
	int64_t id = -1;
	Err e;
	if (store_finance_line_add(db, &officer, &l, &id, &e))
		fail_msg("%s", e.msg);
	return id;
}

static int pay(Db *db, int64_t line, const char *kind, const char *date, int64_t amount, Err *e)
{
	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = line;
	d.kind = kind;
	d.paid_on = date;
	d.amount = amount;
	d.voucher_no = "KB-01";
	int64_t id;
	err_clear(e);
	return store_finance_disbursement_add(db, &officer, &d, &id, e);
}

static void must_pay(Db *db, int64_t line, const char *kind, const char *date, int64_t amount)
{
	Err e;
	if (pay(db, line, kind, date, amount, &e))
		fail_msg("%s %lld: %s", kind, (long long)amount, e.msg);
}

static int64_t audits(Db *db)
{
	return db_scalar(db, "SELECT COUNT(*) FROM audit_log");
}

/* ---- Cost lines ------------------------------------------------------------------ */

static void line_add_and_read_back(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	CostLine in = machine();
	in.position = 2;
	int64_t id = 0;
	Err e;
	assert_int_equal(store_finance_line_add(db, &officer, &in, &id, &e), 0);
	Arena arena = {0};
	CostLine out;
	assert_int_equal(store_finance_line_get(db, id, &arena, &out, &e), 0);
	assert_int_equal(out.id, id);
	assert_int_equal(out.project_id, 1);
	assert_string_equal(out.source_code, "central");
	assert_string_equal(out.item, "Máy đóng gói chè tự động");
	assert_int_equal(out.rule_id, 1002);
	assert_int_equal(out.eligible_cost, 500000000);
	assert_int_equal(out.planned, 250000000);
	assert_int_equal(out.approved, -1);
	assert_null(out.cap_override);
	assert_int_equal(out.position, 2);
	assert_int_equal(out.disbursed, 0);
	assert_int_equal(out.allowed, 250000000);
	assert_int_equal(store_finance_line_get(db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
	arena_free(&arena);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'project_cost_line' AND actor = 'can.bo'"
	                               " AND before_json IS NULL"
	                               " AND after_json LIKE '%\"planned\":250000000%'"),
	        1);
}

/* One row of the cap table: a line, the cap it must show, the outcome. */
typedef struct Cap {
	const char *why;
	const char *source;
	int64_t rule, eligible, planned, approved;
	int64_t allowed; /* expected, -1: no cap */
	int rc;          /* 0 or KC_EWARN */
	const char *field;
	const char *says;
} Cap;

static const Cap caps[] = {
        {"demo model: 30% of 2 tỷ is 600 triệu", "central", 1001, 2000000000, 600000000, -1,
                600000000, 0, NULL, NULL},
        {"demo model: 30% capped at 1.000 triệu per model", "central", 1001, 5000000000, 1200000000,
                -1, 1000000000, KC_EWARN, "planned",
                "1.200.000.000 đồng vượt mức tối đa 1.000.000.000 đồng: tối đa 30% chi phí và"
                " không quá 1.000 triệu đồng/mô hình (TT 28/2018/TT-BTC Điều 8 khoản 2)"},
        {"demo model: the rate rounds half-up", "central", 1001, 1000000005, 300000002, -1,
                300000002, 0, NULL, NULL},
        {"demo model: one đồng over the rounded rate", "provincial", 1001, 1000000005, 300000003,
                -1, 300000002, KC_EWARN, "planned",
                "300.000.003 đồng vượt mức tối đa 300.000.002 đồng"},
        {"machinery: 50% of 500 triệu", "central", 1002, 500000000, 250000000, -1, 250000000, 0,
                NULL, NULL},
        {"machinery: exactly the 300 triệu cap", "provincial", 1002, 600000000, 300000000, -1,
                300000000, 0, NULL, NULL},
        {"machinery: 350 triệu over the cap", "central", 1002, 700000000, 350000000, -1, 300000000,
                KC_EWARN, "planned",
                "Kinh phí hỗ trợ 350.000.000 đồng vượt mức tối đa 300.000.000 đồng"},
        {"machinery: the approved amount is what counts", "central", 1002, 700000000, 200000000,
                350000000, 300000000, KC_EWARN, "approved", "350.000.000 đồng"},
        {"machinery: approved within the cap, planned above", "central", 1002, 700000000, 400000000,
                300000000, 300000000, 0, NULL, NULL},
        {"technology line: 1,5 × the machinery cap", "central", 1003, 2000000000, 450000000, -1,
                450000000, 0, NULL, NULL},
        {"technology line: one đồng over 450 triệu", "central", 1003, 2000000000, 450000001, -1,
                450000000, KC_EWARN, "planned",
                "vượt mức tối đa 450.000.000 đồng: không quá 450 triệu đồng/cơ sở (TT"
                " 28/2018/TT-BTC Điều 8 khoản 4)"},
        {"technology line without a rate needs no eligible cost", "central", 1003, -1, 450000000,
                -1, 450000000, 0, NULL, NULL},
        {"technology line with a rate: 50% of 800 triệu", "central", 1006, 800000000, 420000000, -1,
                400000000, KC_EWARN, "planned",
                "tối đa 50% chi phí và không quá 450 triệu đồng/cơ sở"},
        {"counterpart is never capped", "counterpart", 1002, 700000000, 5000000000, -1, -1, 0, NULL,
                NULL},
        {"other sources are never capped", "other", 1001, 100, 5000000000, -1, -1, 0, NULL, NULL},
        {"no rule, no cap", "central", -1, -1, 900000000, -1, -1, 0, NULL, NULL},
};

static void cap_row(void **state)
{
	const Cap *c = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	CostLine in = machine();
	in.source_code = c->source;
	in.rule_id = c->rule;
	in.eligible_cost = c->eligible;
	in.planned = c->planned;
	in.approved = c->approved;
	int64_t id = -1, allowed = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(store_finance_line_add(t.db, &officer, &in, &id, &e), c->rc);
	if (c->rc) {
		assert_string_equal(e.field, c->field);
		assert_contains(e.msg, c->says);
		assert_contains(e.msg, "ghi lý do nếu vẫn lưu");
		assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM project_cost_line"), 0);
		assert_int_equal(audits(t.db), 0);
		assert_int_equal(db_depth(t.db), 0);
		/* With a reason the same line is saved, and the reason with it. */
		in.cap_override = "Thiết bị nhập khẩu, giá theo báo giá";
		assert_int_equal(store_finance_line_add(t.db, &officer, &in, &id, &e), 0);
	}
	Arena arena = {0};
	CostLine out;
	assert_int_equal(store_finance_line_get(t.db, id, &arena, &out, &e), 0);
	assert_int_equal(out.allowed, c->allowed);
	if (c->rc)
		assert_string_equal(out.cap_override, "Thiết bị nhập khẩu, giá theo báo giá");
	else
		assert_null(out.cap_override);
	if (c->rule >= 0 && strcmp(c->source, "counterpart") && strcmp(c->source, "other")) {
		assert_int_equal(
		        store_finance_allowed(t.db, c->rule, c->eligible, &allowed, &e), 0);
		assert_int_equal(allowed, c->allowed);
	}
	arena_free(&arena);
	tmpdb_close(&t);
}

static void cap_warning_reads_in_full(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	CostLine in = machine();
	in.eligible_cost = 700000000;
	in.planned = 350000000;
	int64_t id;
	Err e;
	assert_int_equal(store_finance_line_add(db, &officer, &in, &id, &e), KC_EWARN);
	assert_string_equal(e.msg,
	        "Kinh phí hỗ trợ 350.000.000 đồng vượt mức tối đa 300.000.000 đồng: tối đa 50% chi"
	        " phí và không quá 300 triệu đồng/cơ sở (TT 28/2018/TT-BTC Điều 8 khoản 4); ghi lý"
	        " do nếu vẫn lưu");
	assert_string_equal(e.field, "planned");
	/* Blank is no reason. */
	in.cap_override = "  ";
	assert_int_equal(store_finance_line_add(db, &officer, &in, &id, &e), KC_EWARN);
}

static void allowed_helper(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t v = 0;
	Err e;
	assert_int_equal(store_finance_allowed(db, 1002, 700000000, &v, &e), 0);
	assert_int_equal(v, 300000000);
	assert_int_equal(store_finance_allowed(db, 1002, 0, &v, &e), 0);
	assert_int_equal(v, 0);
	assert_int_equal(store_finance_allowed(db, 1003, -1, &v, &e), 0);
	assert_int_equal(v, 450000000);
	assert_int_equal(store_finance_allowed(db, 1002, -1, &v, &e), KC_EINVAL);
	assert_string_equal(e.field, "eligible_cost");
	assert_int_equal(store_finance_allowed(db, 9999, 100, &v, &e), KC_EINVAL);
	assert_string_equal(e.field, "rule_id");
	assert_contains(e.msg, "9999");
	/* A rule that derives its cap from itself is refused, not followed forever. */
	Err x;
	assert_int_equal(
	        db_exec(db,
	                "INSERT INTO support_rule (id, instrument_code, cost_item, label_vi,"
	                " base_rule_id, multiplier_x100) VALUES (1099, 'X_TT28', 'loop',"
	                " 'Vòng', 1099, 100)",
	                &x),
	        0);
	assert_int_equal(store_finance_allowed(db, 1099, 100, &v, &e), KC_EINVAL);
	assert_contains(e.msg, "vòng");
}

static void local_rule_in_its_province_and_year(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	CostLine in = machine();
	in.project_id = 4; /* Đắk Lắk, 2026 */
	in.source_code = "provincial";
	in.rule_id = 1004;
	in.eligible_cost = 600000000;
	in.planned = 260000000;
	int64_t id;
	Err e;
	assert_int_equal(store_finance_line_add(db, &officer, &in, &id, &e), KC_EWARN);
	assert_contains(e.msg, "vượt mức tối đa 250.000.000 đồng");
	assert_contains(e.msg, "(NQ HĐND tỉnh thử)");
	in.planned = 250000000;
	assert_int_equal(store_finance_line_add(db, &officer, &in, &id, &e), 0);
}

typedef struct BadLine {
	const char *why;
	void (*spoil)(CostLine *);
	int rc;
	const char *field;
	const char *says;
} BadLine;

static void no_item(CostLine *l)
{
	l->item = " ";
}
static void item_not_utf8(CostLine *l)
{
	l->item = "M\xe1y";
}
static void unknown_source(CostLine *l)
{
	l->source_code = "ngan_sach";
}
static void no_source(CostLine *l)
{
	l->source_code = NULL;
}
static void negative_planned(CostLine *l)
{
	l->planned = -1;
}
static void negative_approved(CostLine *l)
{
	l->approved = -5;
}
static void negative_cost(CostLine *l)
{
	l->eligible_cost = -7;
}
static void unknown_rule(CostLine *l)
{
	l->rule_id = 9999;
}
static void rate_without_cost(CostLine *l)
{
	l->eligible_cost = -1;
}
static void rule_ended(CostLine *l)
{
	l->rule_id = 1005;
}
static void rule_not_yet(CostLine *l)
{
	l->project_id = 2;
	l->rule_id = 1004;
}
static void local_rule_national(CostLine *l)
{
	l->rule_id = 1007;
}
static void other_province(CostLine *l)
{
	l->project_id = 3;
	l->rule_id = 1008;
}
static void unknown_project(CostLine *l)
{
	l->project_id = 999;
}

static const BadLine bad_lines[] = {
        {"no item", no_item, KC_EINVAL, "item", "Chưa nhập nội dung chi"},
        {"item not UTF-8", item_not_utf8, KC_EINVAL, "item", "UTF-8"},
        {"unknown source", unknown_source, KC_EINVAL, "source_code",
                "Nguồn kinh phí 'ngan_sach' không có"},
        {"no source", no_source, KC_EINVAL, "source_code", "Nguồn kinh phí '' không có"},
        {"negative planned", negative_planned, KC_EINVAL, "planned", "không được âm"},
        {"negative approved", negative_approved, KC_EINVAL, "approved", "không được âm"},
        {"negative eligible cost", negative_cost, KC_EINVAL, "eligible_cost", "không được âm"},
        {"unknown rule", unknown_rule, KC_EINVAL, "rule_id",
                "Không có quy định mức hỗ trợ số 9999"},
        {"rate without eligible cost", rate_without_cost, KC_EINVAL, "eligible_cost",
                "Chưa nhập chi phí"},
        {"rule out of force since 2020", rule_ended, KC_EINVAL, "rule_id",
                "Quy định 'Quy định cũ' hết hiệu lực từ 31/12/2019, không áp dụng cho đề án năm"
                " 2023"},
        {"rule not yet in force", rule_not_yet, KC_EINVAL, "rule_id",
                "có hiệu lực từ 26/07/2025, chưa áp dụng cho đề án năm 2024"},
        {"local rule on a national đề án", local_rule_national, KC_EINVAL, "rule_id",
                "chỉ áp dụng cho khuyến công địa phương"},
        {"rule of another province", other_province, KC_EINVAL, "rule_id",
                "chỉ áp dụng cho tỉnh mã '66', đề án thuộc tỉnh mã '10'"},
        {"unknown đề án", unknown_project, KC_ENOTFOUND, "project_id", "Không có đề án số 999"},
};

static void invalid_line_changes_nothing(void **state)
{
	const BadLine *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	CostLine l = machine();
	b->spoil(&l);
	int64_t id = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(store_finance_line_add(t.db, &officer, &l, &id, &e), b->rc);
	assert_string_equal(e.field, b->field);
	assert_contains(e.msg, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM project_cost_line"), 0);
	assert_int_equal(audits(t.db), 0);
	assert_int_equal(db_depth(t.db), 0);
	tmpdb_close(&t);
}

static void line_update_is_audited(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	CostLine l = machine();
	int64_t id;
	Err e;
	assert_int_equal(store_finance_line_add(db, &officer, &l, &id, &e), 0);
	l.id = id;
	l.approved = 240000000;
	l.project_id = 2; /* ignored: a line stays with its đề án */
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT approved FROM project_cost_line"), 240000000);
	assert_int_equal(db_scalar(db, "SELECT project_id FROM project_cost_line"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'project_cost_line'"
	                               " AND before_json LIKE '%\"approved\":null%'"
	                               " AND after_json LIKE '%\"approved\":240000000%'"),
	        1);
	/* Over the cap: warned, unchanged; with a reason: saved, reason kept. */
	l.approved = 320000000;
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), KC_EWARN);
	assert_string_equal(e.field, "approved");
	assert_int_equal(db_scalar(db, "SELECT approved FROM project_cost_line"), 240000000);
	l.cap_override = "Bộ đã đồng ý";
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), 0);
	assert_int_equal(
	        db_scalar(db,
	                "SELECT COUNT(*) FROM project_cost_line WHERE cap_override IS NOT NULL"),
	        1);
	/* Back under the cap, the stale reason goes. */
	l.approved = 200000000;
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM project_cost_line WHERE cap_override IS NULL"),
	        1);
	assert_int_equal(audits(db), 4);
	l.id = id + 50;
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), KC_ENOTFOUND);
	assert_int_equal(audits(db), 4);
}

static void line_update_keeps_what_was_paid(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, 200000000);
	must_pay(db, line, "advance", "2023-04-01", 150000000);
	Arena arena = {0};
	CostLine l;
	Err e;
	assert_int_equal(store_finance_line_get(db, line, &arena, &l, &e), 0);
	l.approved = 100000000;
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "approved");
	assert_contains(e.msg, "ít hơn số đã giải ngân 150.000.000 đồng");
	l.approved = 150000000;
	l.source_code = "provincial";
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "source_code");
	l.source_code = "central";
	assert_int_equal(store_finance_line_update(db, &officer, &l, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT approved FROM project_cost_line"), 150000000);
	arena_free(&arena);
}

static void line_delete_refused_while_in_use(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, -1);
	must_pay(db, line, "advance", "2023-04-01", 10000000);
	Err e;
	assert_int_equal(store_finance_line_delete(db, &officer, line, &e), KC_ECONFLICT);
	assert_contains(e.msg, "còn khoản giải ngân");
	assert_int_equal(db_exec(db, "DELETE FROM disbursement", &e), 0);
	Invoice inv = store_finance_invoice_blank();
	inv.project_id = 1;
	inv.cost_line_id = line;
	inv.issued_on = "2023-04-01";
	inv.amount = 10000000;
	int64_t inv_id;
	assert_int_equal(store_finance_invoice_add(db, &officer, &inv, &inv_id, &e), 0);
	assert_int_equal(store_finance_line_delete(db, &officer, line, &e), KC_ECONFLICT);
	assert_contains(e.msg, "còn hóa đơn");
	assert_int_equal(store_finance_invoice_delete(db, &officer, inv_id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'invoice' AND after_json IS NULL"
	                               " AND before_json LIKE '%\"issued_on\":\"2023-04-01\"%'"),
	        1);
	assert_int_equal(store_finance_invoice_delete(db, &officer, inv_id, &e), KC_ENOTFOUND);
	assert_int_equal(store_finance_line_delete(db, &officer, line, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_cost_line"), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                      " AND table_name = 'project_cost_line' AND after_json IS NULL"
	                      " AND before_json LIKE '%Máy đóng gói%'"),
	        1);
	assert_int_equal(store_finance_line_delete(db, &officer, line, &e), KC_ENOTFOUND);
}

static void line_list_with_disbursed(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	CostLine l = machine();
	l.position = 2;
	int64_t a, b;
	Err e;
	assert_int_equal(store_finance_line_add(db, &officer, &l, &a, &e), 0);
	l.position = 1;
	l.source_code = "counterpart";
	l.item = "Nhà xưởng";
	l.planned = 400000000;
	assert_int_equal(store_finance_line_add(db, &officer, &l, &b, &e), 0);
	must_pay(db, a, "advance", "2023-04-01", 100000000);
	must_pay(db, a, "advance_recovery", "2023-06-01", 40000000);
	int64_t c = add_line(db, "central", 1000, -1); /* position 0 */
	must_pay(db, c, "payment", "2023-04-01", 1000);
	Arena arena = {0};
	CostLineList list;
	assert_int_equal(store_finance_line_list(db, 1, &arena, &list, &e), 0);
	assert_int_equal(list.n, 3);
	assert_int_equal(list.v[0].id, c);
	assert_int_equal(list.v[0].disbursed, 1000);
	assert_int_equal(list.v[0].allowed, -1); /* no rule */
	assert_string_equal(list.v[1].item, "Nhà xưởng");
	assert_int_equal(list.v[1].allowed, -1); /* counterpart */
	assert_int_equal(list.v[1].disbursed, 0);
	assert_int_equal(list.v[2].id, a);
	assert_int_equal(list.v[2].disbursed, 60000000);
	assert_int_equal(list.v[2].allowed, 250000000);
	assert_int_equal(store_finance_line_list(db, 2, &arena, &list, &e), 0);
	assert_int_equal(list.n, 0);
	arena_free(&arena);
}

/* ---- Disbursements --------------------------------------------------------------- */

static void disbursements_add_up(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, 200000000);
	must_pay(db, line, "advance", "2023-04-01", 100000000);
	must_pay(db, line, "payment", "2023-08-20", 50000000);
	must_pay(db, line, "advance_recovery", "2023-09-01", 30000000);
	must_pay(db, line, "refund", "2023-10-01", 10000000);
	Arena arena = {0};
	CostLine l;
	Err e;
	assert_int_equal(store_finance_line_get(db, line, &arena, &l, &e), 0);
	assert_int_equal(l.disbursed, 110000000);
	DisbursementList list;
	assert_int_equal(store_finance_disbursement_list(db, 1, &arena, &list, &e), 0);
	assert_int_equal(list.n, 4);
	assert_string_equal(list.v[0].kind, "advance");
	assert_string_equal(list.v[0].paid_on, "2023-04-01");
	assert_int_equal(list.v[0].fiscal_year, 2023);
	assert_int_equal(list.v[0].project_id, 1);
	assert_int_equal(list.v[0].cost_line_id, line);
	assert_string_equal(list.v[0].voucher_no, "KB-01");
	assert_null(list.v[0].note);
	assert_string_equal(list.v[3].kind, "refund");
	/* Paid in January for last year's budget (the adjustment period). */
	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = line;
	d.kind = "payment";
	d.paid_on = "2024-01-10";
	d.fiscal_year = 2023;
	d.amount = 5000000;
	int64_t id;
	assert_int_equal(store_finance_disbursement_add(db, &officer, &d, &id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT fiscal_year FROM disbursement WHERE paid_on ="
	                               " '2024-01-10'"),
	        2023);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'disbursement'"
	                               " AND after_json LIKE '%\"kind\":\"advance_recovery\"%'"),
	        1);
	arena_free(&arena);
}

static void over_approved_refused_with_nothing_written(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, 200000000);
	must_pay(db, line, "advance", "2023-04-01", 150000000);
	int64_t before = audits(db);
	Err e;
	assert_int_equal(pay(db, line, "payment", "2023-08-01", 60000000, &e), KC_EINVAL);
	assert_string_equal(e.field, "amount");
	assert_string_equal(e.msg,
	        "Giải ngân vượt kinh phí được duyệt của nguồn Ngân sách trung ương: đã giải ngân"
	        " 150.000.000 đồng, được duyệt 200.000.000 đồng");
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM disbursement"), 1);
	assert_int_equal(audits(db), before);
	assert_int_equal(db_depth(db), 0);
	/* The last đồng of the approval may be paid. */
	assert_int_equal(pay(db, line, "payment", "2023-08-01", 50000000, &e), 0);
	assert_int_equal(pay(db, line, "advance", "2023-08-02", 1, &e), KC_EINVAL);
	/* Before approval the planned amount is the limit. */
	int64_t planned = add_line(db, "provincial", 80000000, -1);
	must_pay(db, planned, "advance", "2023-04-01", 80000000);
	assert_int_equal(pay(db, planned, "payment", "2023-05-01", 1, &e), KC_EINVAL);
	assert_contains(e.msg, "vượt kinh phí dự kiến của nguồn Ngân sách tỉnh");
}

static void recovery_over_advances_refused(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, 200000000);
	must_pay(db, line, "advance", "2023-04-01", 50000000);
	must_pay(db, line, "payment", "2023-05-01", 100000000);
	Err e;
	/* 150 triệu disbursed, but only 50 triệu of it was advanced. */
	assert_int_equal(pay(db, line, "advance_recovery", "2023-06-01", 60000000, &e), KC_EINVAL);
	assert_string_equal(e.field, "amount");
	assert_contains(e.msg, "Thu hồi tạm ứng vượt số tạm ứng chưa thu hồi: đã tạm ứng"
	                       " 50.000.000 đồng, đã thu hồi 0 đồng");
	must_pay(db, line, "advance_recovery", "2023-06-01", 30000000);
	assert_int_equal(pay(db, line, "advance_recovery", "2023-06-02", 20000001, &e), KC_EINVAL);
	must_pay(db, line, "advance_recovery", "2023-06-02", 20000000);
	/* A refund cannot return more than is out: 100 triệu. */
	assert_int_equal(pay(db, line, "refund", "2023-07-01", 100000001, &e), KC_EINVAL);
	assert_contains(e.msg, "Số nộp trả vượt số đã giải ngân 100.000.000 đồng");
	must_pay(db, line, "refund", "2023-07-01", 100000000);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM disbursement"), 5);
}

typedef struct Gate {
	const char *status;
	const char *kind;
	int rc;
	const char *label; /* named in the refusal */
} Gate;

static const Gate gates[] = {
        {"draft", "advance", KC_EDENIED, "'Dự thảo'"},
        {"registered", "advance", KC_EDENIED, "'Đã đăng ký'"},
        {"approved", "advance", KC_EDENIED, "'Đã phê duyệt'"},
        {"settled", "payment", KC_EDENIED, "'Đã thanh lý, quyết toán'"},
        {"terminated", "advance", KC_EDENIED, "'Ngừng thực hiện'"},
        {"somewhere_new", "advance", KC_EDENIED, "'somewhere_new'"},
        {"contracted", "advance", 0, NULL},
        {"in_progress", "payment", 0, NULL},
        {"carried_over", "payment", 0, NULL},
        {"accepted", "payment", 0, NULL},
        {"terminated", "advance_recovery", 0, NULL},
        {"terminated", "refund", 0, NULL},
};

static void status_gate(void **state)
{
	const Gate *g = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	int64_t line = add_line(t.db, "central", 300000000, 200000000);
	must_pay(t.db, line, "advance", "2023-04-01", 100000000);
	must_pay(t.db, line, "payment", "2023-04-02", 50000000);
	set_status(t.db, 1, g->status);
	int64_t before = audits(t.db);
	Err e;
	assert_int_equal(pay(t.db, line, g->kind, "2023-05-01", 10000000, &e), g->rc);
	if (g->rc) {
		assert_contains(e.msg, g->label);
		assert_contains(e.msg, "chỉ ghi giải ngân khi đề án đã ký hợp đồng");
		assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM disbursement"), 2);
		assert_int_equal(audits(t.db), before);
		/* Nor can the money of such a đề án be rewritten by deleting. */
		assert_int_equal(
		        store_finance_disbursement_delete(t.db, &officer, 2, &e), KC_EDENIED);
	}
	assert_int_equal(db_depth(t.db), 0);
	tmpdb_close(&t);
}

typedef struct BadDisb {
	const char *why;
	void (*spoil)(Disbursement *);
	int rc;
	const char *field;
	const char *says;
} BadDisb;

static void bad_kind(Disbursement *d)
{
	d->kind = "grant";
}
static void no_kind(Disbursement *d)
{
	d->kind = NULL;
}
static void vn_date_form(Disbursement *d)
{
	d->paid_on = "15/06/2023";
}
static void no_such_day(Disbursement *d)
{
	d->paid_on = "2023-02-30";
}
static void no_date(Disbursement *d)
{
	d->paid_on = NULL;
}
static void zero_amount(Disbursement *d)
{
	d->amount = 0;
}
static void negative_amount(Disbursement *d)
{
	d->amount = -5;
}
static void far_fiscal_year(Disbursement *d)
{
	d->fiscal_year = 2021;
}
static void next_fiscal_year(Disbursement *d)
{
	d->fiscal_year = 2024;
}
static void counterpart_line(Disbursement *d)
{
	d->cost_line_id = 2;
}
static void missing_line(Disbursement *d)
{
	d->cost_line_id = 999;
}
static void long_voucher(Disbursement *d)
{
	d->voucher_no = "KB-0123456789-0123456789-0123456789-0123456789-0123456789-0123456789-"
	                "0123456789-0123456789-0123456789";
}

static const BadDisb bad_disbs[] = {
        {"unknown kind", bad_kind, KC_EINVAL, "kind", "Loại giải ngân 'grant' không có"},
        {"no kind", no_kind, KC_EINVAL, "kind", "Loại giải ngân '' không có"},
        {"date not ISO", vn_date_form, KC_EINVAL, "paid_on",
                "Ngày '15/06/2023' không đúng dạng năm-tháng-ngày"},
        {"no such day", no_such_day, KC_EINVAL, "paid_on", "chỉ có 28 ngày"},
        {"no date", no_date, KC_EINVAL, "paid_on", "Chưa nhập ngày giải ngân"},
        {"zero amount", zero_amount, KC_EINVAL, "amount", "phải lớn hơn 0"},
        {"negative amount", negative_amount, KC_EINVAL, "amount", "phải lớn hơn 0"},
        {"fiscal year two years back", far_fiscal_year, KC_EINVAL, "fiscal_year",
                "Năm ngân sách 2021 không khớp"},
        {"fiscal year after the payment", next_fiscal_year, KC_EINVAL, "fiscal_year",
                "chỉ được là năm 2023 hoặc 2022"},
        {"counterpart line", counterpart_line, KC_EINVAL, "cost_line_id",
                "không phải ngân sách nhà nước"},
        {"no such line", missing_line, KC_EINVAL, "cost_line_id", "Không có dòng kinh phí số 999"},
        {"voucher too long", long_voucher, KC_EINVAL, "voucher_no", "dài quá"},
};

static void invalid_disbursement_changes_nothing(void **state)
{
	const BadDisb *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	add_line(t.db, "central", 300000000, 200000000); /* line 1 */
	add_line(t.db, "counterpart", 300000000, -1);    /* line 2 */
	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = 1;
	d.kind = "payment";
	d.paid_on = "2023-06-15";
	d.amount = 10000000;
	b->spoil(&d);
	int64_t before = audits(t.db), id = -1;
	Err e;
	err_clear(&e);
	assert_int_equal(store_finance_disbursement_add(t.db, &officer, &d, &id, &e), b->rc);
	assert_string_equal(e.field, b->field);
	assert_contains(e.msg, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM disbursement"), 0);
	assert_int_equal(audits(t.db), before);
	assert_int_equal(db_depth(t.db), 0);
	tmpdb_close(&t);
}

static void disbursement_delete_keeps_the_line_consistent(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, 200000000);
	must_pay(db, line, "advance", "2023-04-01", 100000000);          /* 1 */
	must_pay(db, line, "advance_recovery", "2023-05-01", 100000000); /* 2 */
	must_pay(db, line, "payment", "2023-05-02", 200000000);          /* 3 */
	Err e;
	/* Without the advance the recovery would have nothing to recover. */
	assert_int_equal(store_finance_disbursement_delete(db, &officer, 1, &e), KC_ECONFLICT);
	assert_contains(e.msg, "xóa khoản thu hồi trước");
	/* Without the recovery 300 triệu would be out of 200 triệu approved. */
	assert_int_equal(store_finance_disbursement_delete(db, &officer, 2, &e), KC_ECONFLICT);
	assert_contains(e.msg, "số đã giải ngân sẽ là 300.000.000 đồng");
	assert_int_equal(store_finance_disbursement_delete(db, &officer, 3, &e), 0);
	assert_int_equal(store_finance_disbursement_delete(db, &officer, 2, &e), 0);
	assert_int_equal(store_finance_disbursement_delete(db, &officer, 1, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM disbursement"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'disbursement' AND after_json IS NULL"
	                               " AND before_json LIKE '%\"amount\":200000000%'"),
	        1);
	assert_int_equal(store_finance_disbursement_delete(db, &officer, 1, &e), KC_ENOTFOUND);
}

/* ---- Totals ---------------------------------------------------------------------- */

static void totals_and_rate(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t central = add_line(db, "central", 350000000, 300000000);
	int64_t province = add_line(db, "provincial", 100000000, -1);
	add_line(db, "counterpart", 400000000, -1);
	add_line(db, "other", 50000000, -1);
	add_line(db, "central", 20000000, 20000000);
	must_pay(db, central, "advance", "2023-04-01", 150000000);
	must_pay(db, province, "payment", "2023-05-01", 30000000);
	must_pay(db, province, "refund", "2023-06-01", 5000000);
	Arena arena = {0};
	FinanceTotals t;
	Err e;
	assert_int_equal(store_finance_totals(db, 1, &arena, &t, &e), 0);
	assert_int_equal(t.n, 4);
	assert_string_equal(t.v[0].source_code, "central");
	assert_string_equal(t.v[0].label_vi, "Ngân sách trung ương");
	assert_true(t.v[0].is_state);
	assert_int_equal(t.v[0].planned, 370000000);
	assert_int_equal(t.v[0].approved, 320000000);
	assert_int_equal(t.v[0].disbursed, 150000000);
	assert_string_equal(t.v[1].source_code, "provincial");
	assert_int_equal(t.v[1].approved, -1);
	assert_int_equal(t.v[1].disbursed, 25000000);
	assert_false(t.v[2].is_state);
	assert_string_equal(t.v[3].source_code, "other");
	assert_int_equal(t.state_support, 420000000); /* 320 approved + 100 planned */
	assert_int_equal(t.counterpart, 400000000);
	assert_int_equal(t.other, 50000000);
	assert_int_equal(t.total_cost, 870000000);
	assert_int_equal(t.disbursed, 175000000);
	assert_int_equal(t.rate_x100, 4167); /* 175 / 420 = 41,67 % */
	/* A đề án without lines has no rate; an unknown one is not found. */
	assert_int_equal(store_finance_totals(db, 2, &arena, &t, &e), 0);
	assert_int_equal(t.n, 0);
	assert_int_equal(t.total_cost, 0);
	assert_int_equal(t.rate_x100, -1);
	assert_int_equal(store_finance_totals(db, 99, &arena, &t, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

/* ---- Invoices -------------------------------------------------------------------- */

static int64_t add_invoice(Db *db, int64_t project, const char *date, int64_t amount)
{
	Invoice in = store_finance_invoice_blank();
	in.project_id = project;
	in.number = "0001234";
	in.issued_on = date;
	in.amount = amount;
	in.supplier = "Công ty TNHH Cơ khí Lào Cai";
	in.tax_code = " 5300123456 ";
	int64_t id = -1;
	Err e;
	if (store_finance_invoice_add(db, &officer, &in, &id, &e))
		fail_msg("%s", e.msg);
	return id;
}

static void invoice_risks_lao_cai(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	add_invoice(db, 1, "2023-05-10", 100000000);
	int64_t before = add_invoice(db, 1, "2022-11-15", 250000000);
	int64_t after = add_invoice(db, 1, "2024-01-05", 20000000);
	add_invoice(db, 1, "2023-03-01", 1000000); /* the window's first day counts */
	add_invoice(db, 1, "2023-12-31", 1000000); /* and its last */
	Arena arena = {0};
	InvoiceList l;
	Err e;
	assert_int_equal(store_finance_invoice_risks(db, 1, &arena, &l, &e), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, before);
	assert_string_equal(l.reason[0], "Hóa đơn ngày 15/11/2022 trước ngày được tính chi phí"
	                                 " 01/03/2023");
	assert_int_equal(l.v[1].id, after);
	assert_string_equal(l.reason[1], "Hóa đơn ngày 05/01/2024 sau ngày cuối được tính chi phí"
	                                 " 31/12/2023");
	assert_string_equal(l.v[0].tax_code, "5300123456");
	assert_int_equal(l.v[0].amount, 250000000);
	/* Without eligible dates the budget year is the window. */
	add_invoice(db, 3, "2022-12-20", 5000000);
	add_invoice(db, 3, "2023-01-02", 5000000);
	assert_int_equal(store_finance_invoice_risks(db, 3, &arena, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.reason[0],
	        "Hóa đơn ngày 20/12/2022 trước năm thực hiện 2023 của đề án"
	        " (đề án chưa ghi ngày được tính chi phí)");
	assert_int_equal(store_finance_invoice_list(db, 1, &arena, &l, &e), 0);
	assert_int_equal(l.n, 5);
	assert_string_equal(l.v[0].issued_on, "2022-11-15");
	assert_null(l.reason);
	assert_int_equal(store_finance_invoice_risks(db, 99, &arena, &l, &e), KC_ENOTFOUND);
	arena_free(&arena);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'invoice'"),
	        7);
}

typedef struct BadInvoice {
	const char *why;
	void (*spoil)(Invoice *);
	int rc;
	const char *field;
	const char *says;
} BadInvoice;

static void invoice_vn_date(Invoice *i)
{
	i->issued_on = "15/11/2022";
}
static void invoice_no_amount(Invoice *i)
{
	i->amount = 0;
}
static void invoice_bad_tax(Invoice *i)
{
	i->tax_code = "53001";
}
static void invoice_other_line(Invoice *i)
{
	i->cost_line_id = 1; /* a line of đề án 2 */
}
static void invoice_no_project(Invoice *i)
{
	i->project_id = 99;
}

static const BadInvoice bad_invoices[] = {
        {"date not ISO", invoice_vn_date, KC_EINVAL, "issued_on", "năm-tháng-ngày"},
        {"no amount", invoice_no_amount, KC_EINVAL, "amount", "phải lớn hơn 0"},
        {"bad tax code", invoice_bad_tax, KC_EINVAL, "tax_code", "'53001'"},
        {"line of another đề án", invoice_other_line, KC_EINVAL, "cost_line_id",
                "Dòng kinh phí số 1 không thuộc đề án số 1"},
        {"unknown đề án", invoice_no_project, KC_ENOTFOUND, "project_id", "Không có đề án số 99"},
};

static void invalid_invoice_changes_nothing(void **state)
{
	const BadInvoice *b = *state;
	TmpDb t;
	assert_int_equal(open_db(&t), 0);
	CostLine l = machine();
	l.project_id = 2;
	l.rule_id = -1;
	int64_t line;
	Err e;
	assert_int_equal(store_finance_line_add(t.db, &officer, &l, &line, &e), 0);
	Invoice in = store_finance_invoice_blank();
	in.project_id = 1;
	in.issued_on = "2023-05-10";
	in.amount = 1000;
	b->spoil(&in);
	int64_t id, before = audits(t.db);
	err_clear(&e);
	assert_int_equal(store_finance_invoice_add(t.db, &officer, &in, &id, &e), b->rc);
	assert_string_equal(e.field, b->field);
	assert_contains(e.msg, b->says);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM invoice"), 0);
	assert_int_equal(audits(t.db), before);
	assert_int_equal(db_depth(t.db), 0);
	tmpdb_close(&t);
}

/* ---- Atomicity ------------------------------------------------------------------- */

static void failed_audit_leaves_nothing(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, 200000000);
	Err e;
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	CostLine l = machine();
	int64_t id;
	assert_int_not_equal(store_finance_line_add(db, &officer, &l, &id, &e), 0);
	assert_int_not_equal(pay(db, line, "advance", "2023-04-01", 1000, &e), 0);
	Invoice in = store_finance_invoice_blank();
	in.project_id = 1;
	in.issued_on = "2023-04-01";
	in.amount = 1000;
	assert_int_not_equal(store_finance_invoice_add(db, &officer, &in, &id, &e), 0);
	assert_int_not_equal(store_finance_line_delete(db, &officer, line, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_cost_line"), 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM disbursement"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM invoice"), 0);
	assert_int_equal(db_depth(db), 0);
}

/* Inside a caller's transaction a refused write undoes only itself. */
static void nested_in_a_callers_transaction(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t line = add_line(db, "central", 300000000, 200000000);
	Err e;
	assert_int_equal(db_begin(db, &e), 0);
	must_pay(db, line, "advance", "2023-04-01", 150000000);
	assert_int_equal(pay(db, line, "payment", "2023-04-02", 100000000, &e), KC_EINVAL);
	assert_int_equal(db_depth(db), 1);
	assert_int_equal(db_commit(db, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM disbursement"), 1);
}

int main(void)
{
	TestList tl = {0};
	tl_add(&tl, "line_add_and_read_back", line_add_and_read_back, NULL);
	for (size_t i = 0; i < COUNT_OF(caps); i++)
		tl_addf(&tl, cap_row, (void *)&caps[i], "cap: %s", caps[i].why);
	tl_add(&tl, "cap_warning_reads_in_full", cap_warning_reads_in_full, NULL);
	tl_add(&tl, "allowed_helper", allowed_helper, NULL);
	tl_add(&tl, "local_rule_in_its_province_and_year", local_rule_in_its_province_and_year,
	        NULL);
	for (size_t i = 0; i < COUNT_OF(bad_lines); i++)
		tl_addf(&tl, invalid_line_changes_nothing, (void *)&bad_lines[i],
		        "invalid line: %s", bad_lines[i].why);
	tl_add(&tl, "line_update_is_audited", line_update_is_audited, NULL);
	tl_add(&tl, "line_update_keeps_what_was_paid", line_update_keeps_what_was_paid, NULL);
	tl_add(&tl, "line_delete_refused_while_in_use", line_delete_refused_while_in_use, NULL);
	tl_add(&tl, "line_list_with_disbursed", line_list_with_disbursed, NULL);
	tl_add(&tl, "disbursements_add_up", disbursements_add_up, NULL);
	tl_add(&tl, "over_approved_refused_with_nothing_written",
	        over_approved_refused_with_nothing_written, NULL);
	tl_add(&tl, "recovery_over_advances_refused", recovery_over_advances_refused, NULL);
	for (size_t i = 0; i < COUNT_OF(gates); i++)
		tl_addf(&tl, status_gate, (void *)&gates[i], "status gate: %s %s", gates[i].status,
		        gates[i].kind);
	for (size_t i = 0; i < COUNT_OF(bad_disbs); i++)
		tl_addf(&tl, invalid_disbursement_changes_nothing, (void *)&bad_disbs[i],
		        "invalid disbursement: %s", bad_disbs[i].why);
	tl_add(&tl, "disbursement_delete_keeps_the_line_consistent",
	        disbursement_delete_keeps_the_line_consistent, NULL);
	tl_add(&tl, "totals_and_rate", totals_and_rate, NULL);
	tl_add(&tl, "invoice_risks_lao_cai", invoice_risks_lao_cai, NULL);
	for (size_t i = 0; i < COUNT_OF(bad_invoices); i++)
		tl_addf(&tl, invalid_invoice_changes_nothing, (void *)&bad_invoices[i],
		        "invalid invoice: %s", bad_invoices[i].why);
	tl_add(&tl, "failed_audit_leaves_nothing", failed_audit_leaves_nothing, NULL);
	tl_add(&tl, "nested_in_a_callers_transaction", nested_in_a_callers_transaction, NULL);
	/* Table rows open a database of their own; the other tests get one each. */
	for (size_t i = 0; i < tl.n; i++) {
		CMUnitTestFunction f = tl.v[i].test_func;
		if (f != cap_row && f != invalid_line_changes_nothing && f != status_gate &&
		        f != invalid_disbursement_changes_nothing &&
		        f != invalid_invoice_changes_nothing) {
			tl.v[i].setup_func = setup;
			tl.v[i].teardown_func = teardown;
		}
	}
	return tl_run(&tl, "store/finance");
}
