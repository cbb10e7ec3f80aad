/* test_report.c — the report engine on a real SQLite file: templates as
 * data (checks, shipped ones loaded once, edits kept), cells computed from
 * records created here, from aggregate figures, and from both; empty cells;
 * rates; boundaries of the time against current provinces; the bounded
 * number of queries; phase targets; đề án progress flags; snapshots frozen
 * against later edits. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "report/report.h"
#include "store/store_activity.h"
#include "store/store_aggregate.h"
#include "store/store_finance.h"
#include "store/store_programme.h"
#include "store/store_report.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

#define MILLION 1000000LL

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	Err e;
	if (!t || tmpdb_open(t, TMPDB_LOADED) || report_templates_load(t->db, &officer, NULL, &e)) {
		fprintf(stderr, "setup: %s\n", t ? e.msg : "no memory");
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

/* ---- Making records ----------------------------------------------------------------- */

/* A đề án inserted as the store keeps it, already at status. */
static int64_t project(Db *db, const char *level, const char *activity, const char *list,
        const char *province, int start, int end, const char *status)
{
	static int serial;
	char code[32];
	snprintf(code, sizeof code, "KC-BC-%03d", ++serial);
	Stmt *st;
	Err e;
	int64_t id = -1;
	if (db_prepare(db,
	            "INSERT INTO project (code, title, level, activity_code, province_list,"
	            " province_code, registration_year, start_year, end_year, status, title_key,"
	            " sort_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
	            " 'de an', 'de an', '2016-01-01T00:00:00Z', '2016-01-01T00:00:00Z')"
	            " RETURNING id",
	            &st, &e))
		fail_msg("%s", e.msg);
	char title[64];
	snprintf(title, sizeof title, "Đề án thử số %d", serial);
	db_bind_str(st, 1, code);
	db_bind_str(st, 2, title);
	db_bind_str(st, 3, level);
	db_bind_str(st, 4, activity);
	db_bind_str(st, 5, list);
	db_bind_str(st, 6, province);
	db_bind_int64(st, 7, start - 1);
	db_bind_int64(st, 8, start);
	db_bind_int64(st, 9, end);
	db_bind_str(st, 10, status);
	if (db_run_int64(st, &id, &e))
		fail_msg("%s", e.msg);
	db_done(st);
	return id;
}

static int64_t line(Db *db, int64_t project_id, const char *source, int64_t approved)
{
	CostLine l = store_finance_line_blank();
	l.project_id = project_id;
	l.source_code = source;
	l.item = "Hạng mục thử";
	l.planned = approved;
	l.approved = approved;
	int64_t id;
	Err e;
	if (store_finance_line_add(db, &officer, &l, &id, &e))
		fail_msg("line: %s", e.msg);
	return id;
}

static void pay(Db *db, int64_t line_id, const char *kind, const char *date, int64_t amount)
{
	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = line_id;
	d.kind = kind;
	d.paid_on = date;
	d.amount = amount;
	int64_t id;
	Err e;
	if (store_finance_disbursement_add(db, &officer, &d, &id, &e))
		fail_msg("pay: %s", e.msg);
}

static void training(Db *db, const char *list, const char *province, const char *kind,
        const char *date, int64_t classes, int64_t trainees)
{
	TrainingClass t = store_activity_training_blank();
	t.province_list = list;
	t.province_code = province;
	t.kind = kind;
	t.title = "Lớp thử";
	t.start_date = date;
	t.classes = classes;
	t.trainees = trainees;
	int64_t id;
	Err e;
	if (store_activity_training_create(db, &officer, &t, &id, &e))
		fail_msg("training: %s", e.msg);
}

static void fair(Db *db, const char *list, const char *province, const char *date, int64_t booths,
        int64_t participations)
{
	Fair f = store_activity_fair_blank();
	f.province_list = list;
	f.province_code = province;
	f.name = "Hội chợ hàng công nghiệp nông thôn tiêu biểu";
	f.scope = "regional";
	f.start_date = date;
	f.booths = booths;
	f.participations = participations;
	int64_t id;
	Err e;
	if (store_activity_fair_create(db, &officer, &f, &id, &e))
		fail_msg("fair: %s", e.msg);
}

static void figure(Db *db, const char *indicator, const char *scope_kind, const char *list,
        const char *code, const char *period, const char *kind, int64_t value)
{
	AggregateFigure f = store_aggregate_blank();
	f.indicator_code = indicator;
	f.scope_kind = scope_kind;
	f.scope_list = list;
	f.scope_code = code;
	f.period = period;
	f.figure_kind = kind;
	f.value = value;
	Err e;
	if (store_aggregate_put(db, &officer, &f, NULL, &e))
		fail_msg("figure %s: %s", indicator, e.msg);
}

/* The annual plan of legacy Sóc Trăng for 2016: 200 triệu and 300 workers
 * for training. */
static void plan_2016(Db *db)
{
	AnnualPlan p = store_programme_plan_blank();
	p.level = "local";
	p.province_list = "legacy";
	p.province_code = "94";
	p.year = 2016;
	PlanLine lines[2] = {store_programme_plan_line_blank(), store_programme_plan_line_blank()};
	lines[0].activity_code = "C01_TRAINING";
	lines[0].planned_amount = 200 * MILLION;
	lines[1].activity_code = "C01_TRAINING";
	lines[1].indicator_code = "trainees";
	lines[1].planned_qty = 300;
	p.lines = lines;
	p.n_lines = 2;
	int64_t id;
	Err e;
	if (store_programme_plan_create(db, &officer, &p, &id, &e))
		fail_msg("plan: %s", e.msg);
}

/* Legacy Sóc Trăng in 2016: 90 trained workers, 25 managers, a fair, a
 * local training đề án (40 triệu paid in H1) and a national machinery đề án
 * (150 triệu in H1, 50 triệu in H2), and the annual plan; plus a class in H2. */
static void soc_trang_2016(Db *db)
{
	training(db, "legacy", "94", "vocational", "10/03/2016", 2, 60);
	training(db, "legacy", "94", "craft_transmission", "02/05/2016", 1, 30);
	training(db, "legacy", "94", "management", "01/04/2016", 1, 25);
	training(db, "legacy", "94", "vocational", "15/08/2016", 1, 40); /* H2 */
	fair(db, "legacy", "94", "20/04/2016", 6, 12);
	int64_t p1 =
	        project(db, "local", "C01_TRAINING", "legacy", "94", 2016, 2016, "in_progress");
	pay(db, line(db, p1, "provincial", 100 * MILLION), "payment", "2016-05-10", 40 * MILLION);
	int64_t p2 =
	        project(db, "national", "C03_DEMO_TECH", "legacy", "94", 2016, 2016, "in_progress");
	int64_t l2 = line(db, p2, "central", 300 * MILLION);
	line(db, p2, "counterpart", 600 * MILLION);
	pay(db, l2, "advance", "2016-06-01", 150 * MILLION);
	pay(db, l2, "payment", "2016-07-15", 50 * MILLION); /* H2 */
	plan_2016(db);
}

/* ---- Reading the table -------------------------------------------------------------- */

static int col(const ReportTable *t, const char *id)
{
	for (int c = 0; c < t->n_cols; c++)
		if (!strcmp(t->cols[c].id, id))
			return c;
	fail_msg("no column '%s'", id);
	return -1;
}

/* The first row whose label starts with label. */
static const ReportRow *row(const ReportTable *t, const char *label)
{
	for (int r = 0; r < t->n_rows; r++)
		if (t->rows[r].label && !strncmp(t->rows[r].label, label, strlen(label)))
			return &t->rows[r];
	fail_msg("no row '%s'", label);
	return NULL;
}

static const ReportCell *cell(const ReportTable *t, const char *label, const char *column)
{
	return &row(t, label)->cells[col(t, column)];
}

static void assert_num(const ReportCell *c, int64_t want)
{
	if (c->type != CELL_NUM)
		fail_msg("expected %lld, got an %s cell", (long long)want,
		        c->type == CELL_EMPTY ? "empty" : "text");
	assert_int_equal(c->v, want);
}

static void assert_empty(const ReportCell *c)
{
	if (c->type != CELL_EMPTY)
		fail_msg("expected an empty cell, got %lld", (long long)c->v);
}

static ReportTable *compute(Db *db, Arena *arena, const char *tpl, const char *period,
        const char *scope, const char *boundaries)
{
	ReportRequest r = {.template_id = tpl,
	        .period = period,
	        .scope = scope,
	        .boundaries = boundaries,
	        .now = "2026-11-22T08:00:00Z"};
	ReportTable *t = NULL;
	Err e = {0};
	if (report_compute(db, &r, arena, &t, &e))
		fail_msg("%s: %s", e.field, e.msg);
	return t;
}

/* ---- Records ------------------------------------------------------------------------ */

static void records_fill_a_province_report(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2016(db);
	Arena a = {0};
	const ReportTable *t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "province:94", NULL);
	assert_string_equal(t->period, "2016-H1");
	assert_string_equal(t->period_label, "6 tháng đầu năm 2016");
	assert_string_equal(t->scope, "province:legacy:94");
	assert_string_equal(t->scope_label, "Tỉnh Sóc Trăng");
	assert_string_equal(t->unit_line, "Đơn vị tính: triệu đồng");
	const char *c01 = "Đào tạo nghề";
	assert_num(cell(t, c01, "qty_actual"), 90); /* H2's 40 left out */
	assert_num(cell(t, c01, "qty_plan"), 300);
	assert_num(cell(t, c01, "qty_pct"), 3000); /* 30 % */
	assert_true(cell(t, c01, "qty_pct")->is_ratio);
	assert_num(cell(t, c01, "money_actual"), 40 * MILLION);
	assert_num(cell(t, c01, "money_plan"), 200 * MILLION);
	assert_num(cell(t, c01, "money_pct"), 2000);
	assert_num(cell(t, "Nâng cao năng lực quản lý", "qty_actual"), 25);
	assert_num(cell(t, "Chuyển giao công nghệ", "money_actual"), 150 * MILLION);
	assert_num(cell(t, "Hỗ trợ tham gia hội chợ", "qty_actual"), 12);
	assert_num(cell(t, "TỔNG KINH PHÍ", "money_actual"), 190 * MILLION);
	assert_true(cell(t, "TỔNG KINH PHÍ", "money_actual")->n_sum >= 9);
	/* The cumulative of the phase 2016-2020 to the end of H1 is H1 here. */
	assert_num(cell(t, c01, "money_cumulative"), 40 * MILLION);
	assert_string_equal(row(t, c01)->unit, "lao động");
	/* The province row of a region report is not shown for a province. */
	for (int r = 0; r < t->n_rows; r++)
		assert_null(strstr(t->rows[r].label, "Số tỉnh, thành phố"));
	arena_free(&a);

	t = compute(db, &a, "ket_qua_thuc_hien", "2016", "province:94", NULL);
	assert_num(cell(t, c01, "qty_actual"), 130);
	assert_num(cell(t, "Chuyển giao công nghệ", "money_actual"), 200 * MILLION);
	arena_free(&a);
}

/* Nothing recorded is "not reported": an empty cell, never 0. */
static void nothing_is_empty_not_zero(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2016(db);
	Arena a = {0};
	const ReportTable *t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "province:94", NULL);
	assert_empty(cell(t, "Nâng cao năng lực quản lý", "money_actual"));
	assert_empty(cell(t, "Xây dựng mô hình trình diễn", "qty_actual"));
	assert_empty(cell(t, "Nâng cao năng lực quản lý", "money_pct"));
	assert_empty(cell(t, "Đào tạo nghề", "money_last_year"));
	arena_free(&a);
	/* Another province with no record at all: every value cell is empty. */
	t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "province:93", NULL);
	for (int r = 0; r < t->n_rows; r++)
		for (int c = 0; c < t->n_cols; c++)
			if (t->cols[c].role == COL_VALUE)
				assert_empty(&t->rows[r].cells[c]);
	arena_free(&a);
}

/* ---- Records and aggregate figures -------------------------------------------------- */

static void figures_fill_in_for_provinces_without_records(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2016(db);
	/* Hậu Giang reported a number; Sóc Trăng's own figure loses to its records. */
	figure(db, "trainees", "province", "legacy", "93", "2016-H1", "actual", 50);
	figure(db, "trainees", "province", "legacy", "94", "2016-H1", "actual", 999);
	Arena a = {0};
	const ReportTable *t =
	        compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "region:moit_south", NULL);
	assert_num(cell(t, "Đào tạo nghề", "qty_actual"), 90 + 50);
	assert_num(cell(t, "Nâng cao năng lực quản lý", "qty_actual"), 25);
	arena_free(&a);
	/* The region's own figure is its consolidated report: it is the number. */
	figure(db, "management_trainees", "region", NULL, "moit_south", "2016-H1", "actual", 369);
	figure(db, "reporting_provinces", "region", NULL, "moit_south", "2016-H1", "actual", 20);
	t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "region:moit_south", NULL);
	assert_num(cell(t, "Nâng cao năng lực quản lý", "qty_actual"), 369);
	assert_num(cell(t, "Số tỉnh, thành phố gửi báo cáo", "qty_actual"), 20);
	/* ... and what it did not report is not made up from its provinces. */
	assert_empty(cell(t, "Đào tạo nghề", "qty_actual"));
	assert_empty(cell(t, "Chuyển giao công nghệ", "money_actual"));
	/* The year before, with no consolidated report, adds up its provinces. */
	arena_free(&a);
	t = compute(db, &a, "ket_qua_thuc_hien", "2016", "region:moit_south", NULL);
	assert_num(cell(t, "Đào tạo nghề", "qty_actual"), 130);
	arena_free(&a);
	/* A province report never takes the region's figure. */
	t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "province:94", NULL);
	assert_num(cell(t, "Nâng cao năng lực quản lý", "qty_actual"), 25);
	arena_free(&a);
}

static void rates_are_recomputed_or_reported_never_added(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	figure(db, "disbursed_fairs", "province", "legacy", "94", "2016-H1", "actual",
	        632 * MILLION);
	figure(db, "disbursement_rate_fairs", "province", "legacy", "94", "2016-H1", "actual",
	        1000);
	figure(db, "disbursement_rate_fairs", "province", "legacy", "93", "2016-H1", "actual",
	        2500);
	Arena a = {0};
	const ReportTable *t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "province:94", NULL);
	assert_num(cell(t, "Hỗ trợ tham gia hội chợ", "money_pct"), 1000); /* as reported */
	assert_false(cell(t, "Hỗ trợ tham gia hội chợ", "money_pct")->is_ratio);
	arena_free(&a);
	t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "region:moit_south", NULL);
	assert_empty(cell(t, "Hỗ trợ tham gia hội chợ", "money_pct")); /* 10 % + 25 % is nothing */
	arena_free(&a);
	/* With a plan the rate is computed, whatever was reported. */
	figure(db, "disbursed_fairs", "province", "legacy", "94", "2016-H1", "plan",
	        6320 * MILLION);
	t = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "province:94", NULL);
	assert_num(cell(t, "Hỗ trợ tham gia hội chợ", "money_pct"), 1000);
	assert_true(cell(t, "Hỗ trợ tham gia hội chợ", "money_pct")->is_ratio);
	arena_free(&a);
}

static void qualifiers_travel_with_figures(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	AggregateFigure f = store_aggregate_blank();
	f.indicator_code = "fair_participations";
	f.scope_kind = "region";
	f.scope_code = "moit_south";
	f.period = "2016-H1";
	f.value = 130;
	f.qualifier = "gần";
	Err e;
	assert_int_equal(store_aggregate_put(db, &officer, &f, NULL, &e), 0);
	Arena a = {0};
	const ReportTable *t =
	        compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "region:moit_south", NULL);
	const ReportCell *c = cell(t, "Hỗ trợ tham gia hội chợ", "qty_actual");
	assert_num(c, 130);
	assert_string_equal(c->qualifier, "gần");
	Buf b;
	buf_init(&b, 100);
	report_cell_text(t, col(t, "qty_actual"), c, &b);
	assert_string_equal(buf_cstr(&b), "gần 130");
	buf_free(&b);
	arena_free(&a);
}

/* ---- Boundaries --------------------------------------------------------------------- */

static const char by_province[] =
        "{\"id\": \"t_by_province\", \"title\": \"Lao động được đào tạo theo tỉnh\","
        " \"columns\": [{\"id\": \"no\", \"show\": \"no\", \"label\": \"STT\"},"
        "  {\"id\": \"name\", \"show\": \"label\", \"label\": \"Tỉnh, thành phố\"},"
        "  {\"id\": \"n\", \"label\": \"Lao động\", \"measure\": \"n\"}],"
        " \"rows\": [{\"id\": \"all\", \"label\": \"Tổng số\", \"total\": true,"
        "   \"formula\": {\"op\": \"sum\", \"of\": [\"each\"]}},"
        "  {\"id\": \"each\", \"no\": \"#\", \"label\": \"{}\", \"each\": \"province\","
        "   \"measures\": {\"n\": {\"records\": \"training.trainees\"}}}]}";

static void boundaries_group_provinces_differently(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	assert_int_equal(report_template_save(db, &officer, by_province, 0, NULL, &e), 0);
	training(db, "legacy", "94", "vocational", "10/03/2016", 2, 90); /* Sóc Trăng */
	training(db, "legacy", "93", "vocational", "10/03/2016", 1, 20); /* Hậu Giang */
	training(db, "legacy", "92", "vocational", "10/03/2016", 1, 5);  /* Cần Thơ (cũ) */
	training(db, "legacy", "89", "vocational", "10/03/2016", 1, 7);  /* An Giang */
	Arena a = {0};
	const ReportTable *t =
	        compute(db, &a, "t_by_province", "2016", "region:moit_south", "legacy");
	assert_int_equal(t->n_rows, 5);
	assert_string_equal(t->rows[1].label, "An Giang");
	assert_string_equal(t->rows[2].label, "Cần Thơ");
	assert_string_equal(t->rows[3].label, "Hậu Giang");
	assert_string_equal(t->rows[4].label, "Sóc Trăng");
	assert_num(&row(t, "Sóc Trăng")->cells[2], 90);
	assert_num(&row(t, "Cần Thơ")->cells[2], 5);
	assert_num(&row(t, "Tổng số")->cells[2], 122);
	assert_int_equal(row(t, "Tổng số")->cells[2].n_sum, 4);
	arena_free(&a);

	t = compute(db, &a, "t_by_province", "2016", "region:moit_south", "current");
	assert_int_equal(t->n_rows, 3); /* total, An Giang, Cần Thơ */
	assert_string_equal(t->boundaries, "current");
	assert_num(&row(t, "Cần Thơ")->cells[2], 90 + 20 + 5); /* Sóc Trăng under Cần Thơ */
	assert_num(&row(t, "An Giang")->cells[2], 7);
	assert_num(&row(t, "Tổng số")->cells[2], 122);
	arena_free(&a);

	/* A bare code is the list in force at the end of the period; the
	 * current province takes in its legacy predecessors. */
	t = compute(db, &a, "t_by_province", "2016", "province:92", NULL);
	assert_string_equal(t->scope, "province:legacy:92");
	assert_num(&row(t, "Tổng số")->cells[2], 5);
	arena_free(&a);
	t = compute(db, &a, "t_by_province", "2016", "province:current:92", NULL);
	assert_num(&row(t, "Tổng số")->cells[2], 115);
	arena_free(&a);
	t = compute(db, &a, "t_by_province", "2016", "province:94", "current");
	assert_string_equal(t->scope_label, "Tỉnh Sóc Trăng (cũ), nay thuộc Thành phố Cần Thơ");
	assert_num(&row(t, "Cần Thơ")->cells[2], 90);
	arena_free(&a);
}

/* ---- The number of queries ---------------------------------------------------------- */

static void queries_do_not_grow_with_provinces(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2016(db);
	Arena a = {0};
	const ReportTable *t = compute(db, &a, "ket_qua_thuc_hien", "2016", "nation", NULL);
	int one = t->queries;
	int64_t trained = cell(t, "Đào tạo nghề", "qty_actual")->v;
	arena_free(&a);
	static const char *const provinces[] = {
	        "01", "02", "10", "15", "26", "38", "40", "48", "56", "74", "79", "89", "93"};
	for (size_t i = 0; i < COUNT_OF(provinces); i++) {
		training(db, "legacy", provinces[i], "vocational", "05/03/2016", 1, 10);
		fair(db, "legacy", provinces[i], "06/03/2016", 1, 2);
		int64_t p = project(db, "local", "C01_TRAINING", "legacy", provinces[i], 2016, 2016,
		        "in_progress");
		pay(db, line(db, p, "provincial", 10 * MILLION), "payment", "2016-04-01", MILLION);
	}
	t = compute(db, &a, "ket_qua_thuc_hien", "2016", "nation", NULL);
	assert_num(
	        cell(t, "Đào tạo nghề", "qty_actual"), trained + 10 * (int64_t)COUNT_OF(provinces));
	assert_int_equal(t->queries, one);
	assert_true(
	        t->queries <= 16); /* template, provinces, labels and one per source and window */
	arena_free(&a);
	t = compute(db, &a, "ket_qua_thuc_hien", "2016", "region:moit_north", NULL);
	assert_int_equal(t->queries, one + 1); /* the region's members */
	arena_free(&a);
}

/* ---- Phase targets and đề án progress ----------------------------------------------- */

static void targets_against_achievement(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	ProgrammeTarget targets[] = {{"projects_count", 60, NULL, NULL},
	        {"cottage_output_value", 5310000 * MILLION, "trên", NULL}};
	Programme p = store_programme_blank();
	p.level = "local";
	p.province_list = "legacy";
	p.province_code = "10";
	p.name = "Chương trình khuyến công tỉnh Lào Cai giai đoạn 2021 - 2025";
	p.start_year = 2021;
	p.end_year = 2025;
	p.targets = targets;
	p.n_targets = 2;
	int64_t id;
	Err e;
	if (store_programme_create(db, &officer, &p, &id, &e))
		fail_msg("%s", e.msg);
	for (int i = 0; i < 3; i++)
		project(db, "local", "C01_TRAINING", "legacy", "10", 2021 + i, 2021 + i,
		        "accepted");
	project(db, "local", "C01_TRAINING", "legacy", "10", 2024, 2024, "accepted"); /* after */
	Arena a = {0};
	const ReportTable *t =
	        compute(db, &a, "chi_tieu_giai_doan", "2021-2025:2023", "province:10", NULL);
	assert_num(cell(t, "Số đề án", "target"), 60);
	assert_num(cell(t, "Số đề án", "actual"), 3);
	assert_num(cell(t, "Số đề án", "pct"), 500); /* 5 % */
	const ReportCell *c = cell(t, "Giá trị sản xuất", "target");
	assert_num(c, 5310000 * MILLION);
	assert_string_equal(c->qualifier, "trên");
	Buf b;
	buf_init(&b, 100);
	report_cell_text(t, col(t, "target"), c, &b);
	assert_string_equal(buf_cstr(&b), "trên 5.310.000");
	buf_free(&b);
	arena_free(&a);
}

static void progress_flags_late_and_invoice_risks(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t late =
	        project(db, "national", "C03_DEMO_TECH", "legacy", "10", 2022, 2022, "in_progress");
	int64_t l = line(db, late, "central", 300 * MILLION);
	pay(db, l, "advance", "2022-09-01", 100 * MILLION);
	Invoice inv = store_finance_invoice_blank();
	inv.project_id = late;
	inv.issued_on = "2021-12-01"; /* bought before the budget year (seed003) */
	inv.amount = 400 * MILLION;
	Err e;
	int64_t inv_id;
	if (store_finance_invoice_add(db, &officer, &inv, &inv_id, &e))
		fail_msg("%s", e.msg);
	project(db, "local", "C01_TRAINING", "legacy", "10", 2022, 2022, "accepted");
	Arena a = {0};
	ReportRequest r = {.template_id = "tien_do_de_an",
	        .period = "2022",
	        .scope = "province:10",
	        .as_of = "2023-03-01"};
	ReportTable *t;
	assert_int_equal(report_compute(db, &r, &a, &t, &e), 0);
	assert_num(cell(t, "TỔNG CỘNG", "count"), 2);
	assert_num(cell(t, "TỔNG CỘNG", "support"), 300 * MILLION);
	assert_num(cell(t, "Trong đó: đề án quá hạn", "count"), 1);
	assert_num(cell(t, "Trong đó: đề án có hóa đơn", "count"), 1);
	const ReportRow *x = row(t, "Đề án thử số");
	assert_string_equal(x->no, "1");
	assert_true(!strncmp(x->cells[col(t, "code")].text, "KC-BC-", 6));
	assert_string_equal(x->cells[col(t, "years")].text, "2022");
	assert_string_equal(x->cells[col(t, "late")].text, "Quá hạn");
	assert_string_equal(x->cells[col(t, "status")].text, "Đang thực hiện");
	assert_num(&x->cells[col(t, "invoices")], 1);
	assert_num(&x->cells[col(t, "pct")], 3333);
	arena_free(&a);
}

/* ---- Requests refused ---------------------------------------------------------------- */

typedef struct BadRequest {
	const char *name, *tpl, *period, *scope, *boundaries, *level, *sources, *field, *says;
} BadRequest;

static const BadRequest bad_requests[] = {
        {"unknown template", "khong_co", "2016", "nation", NULL, NULL, NULL, "template",
                "Không có mẫu báo cáo 'khong_co'"},
        {"no period", "ket_qua_thuc_hien", "", "nation", NULL, NULL, NULL, "period", "kỳ"},
        {"bad period", "ket_qua_thuc_hien", "2016-H3", "nation", NULL, NULL, NULL, "period", NULL},
        {"period the template refuses", "ket_qua_thuc_hien", "2016-M03", "nation", NULL, NULL, NULL,
                "period", "không lập cho kỳ tháng 3/2016"},
        {"bad scope", "ket_qua_thuc_hien", "2016", "tinh:94", NULL, NULL, NULL, "scope",
                "Phạm vi 'tinh:94' không hợp lệ"},
        {"unknown region", "ket_qua_thuc_hien", "2016", "region:khong_co", NULL, NULL, NULL,
                "scope", "Không có vùng 'khong_co'"},
        {"province not in the list of the time", "ket_qua_thuc_hien", "2016", "province:03", NULL,
                NULL, NULL, "scope", "trước 01/7/2025"},
        {"bad boundaries", "ket_qua_thuc_hien", "2016", "nation", "moi", NULL, NULL, "boundaries",
                "Địa giới 'moi' không có"},
        {"bad level", "ket_qua_thuc_hien", "2016", "nation", NULL, "tinh", NULL, "program_level",
                "Cấp chương trình 'tinh'"},
        {"bad funding source", "ket_qua_thuc_hien", "2016", "nation", NULL, NULL, "central,bank",
                "funding_sources", "Nguồn kinh phí 'bank' không có"},
};

static void request_refused(void **state)
{
	const BadRequest *c = *state;
	TmpDb t;
	Err e = {0};
	if (tmpdb_open(&t, TMPDB_LOADED) || report_templates_load(t.db, &officer, NULL, &e))
		fail_msg("setup: %s", e.msg);
	ReportRequest r = {.template_id = c->tpl,
	        .period = c->period,
	        .scope = c->scope,
	        .boundaries = c->boundaries,
	        .program_level = c->level,
	        .funding_sources = c->sources};
	Arena a = {0};
	ReportTable sentinel, *out = &sentinel;
	assert_int_not_equal(report_compute(t.db, &r, &a, &out, &e), 0);
	assert_null(out);
	assert_string_equal(e.field, c->field);
	if (c->says)
		assert_contains(e.msg, c->says);
	arena_free(&a);
	tmpdb_close(&t);
}

static void filters_narrow_records(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2016(db);
	Arena a = {0};
	ReportRequest r = {.template_id = "ket_qua_thuc_hien",
	        .period = "2016-H1",
	        .scope = "province:94",
	        .program_level = "national"};
	ReportTable *t;
	Err e;
	assert_int_equal(report_compute(db, &r, &a, &t, &e), 0);
	assert_empty(cell(t, "Đào tạo nghề", "money_actual")); /* a local đề án */
	assert_num(cell(t, "Chuyển giao công nghệ", "money_actual"), 150 * MILLION);
	assert_string_equal(t->filters, "program_level=national");
	assert_string_equal(t->filters_label, "Chương trình khuyến công quốc gia");
	arena_free(&a);
	r.program_level = NULL;
	r.funding_sources = "provincial";
	assert_int_equal(report_compute(db, &r, &a, &t, &e), 0);
	assert_num(cell(t, "Đào tạo nghề", "money_actual"), 40 * MILLION);
	assert_empty(cell(t, "Chuyển giao công nghệ", "money_actual")); /* central */
	arena_free(&a);
}

/* ---- Templates ---------------------------------------------------------------------- */

typedef struct BadTemplate {
	const char *name, *json, *says;
} BadTemplate;

#define COLS "\"columns\": [{\"id\": \"n\", \"label\": \"Số\", \"measure\": \"n\"}]"
#define HEAD "{\"id\": \"t_bad\", \"title\": \"Mẫu thử\", " COLS ", "

static const BadTemplate bad_templates[] = {
        {"not JSON", "{\"id\": ", "không phải JSON hợp lệ"},
        {"duplicate key", "{\"id\": \"a\", \"id\": \"b\"}", "không phải JSON hợp lệ"},
        {"unknown key", HEAD "\"rows\": [], \"colour\": 1}", "(gốc): khóa 'colour'"},
        {"no title", "{\"id\": \"t\", " COLS ", \"rows\": []}", "thiếu 'title'"},
        {"bad id", "{\"id\": \"t bad\", \"title\": \"x\", " COLS ", \"rows\": []}",
                "mã mẫu 't bad'"},
        {"unknown source",
                HEAD "\"rows\": [{\"label\": \"x\", \"measures\": {\"n\":"
                     " {\"records\": \"lop.hoc\"}}}]}",
                "rows[0].measures.n: 'records': không có nguồn số liệu 'lop'"},
        {"unknown measure",
                HEAD "\"rows\": [{\"label\": \"x\", \"measures\": {\"n\":"
                     " {\"records\": \"training.students\"}}}]}",
                "nguồn 'training' không có số đo 'students'"},
        {"unknown dimension",
                HEAD "\"rows\": [{\"label\": \"x\", \"measures\": {\"n\":"
                     " {\"records\": \"fair.booths\", \"where\": {\"kind\":"
                     " \"x\"}}}}]}",
                "nguồn 'fair' không có chiều 'kind'"},
        {"row filter a source lacks",
                HEAD "\"rows\": [{\"label\": \"x\", \"where\": {\"status\":"
                     " [\"accepted\"]}, \"measures\": {\"n\":"
                     " {\"records\": \"fair.booths\"}}}]}",
                "'where.status': nguồn 'fair'"},
        {"neither indicator nor records",
                HEAD "\"rows\": [{\"label\": \"x\", \"measures\":"
                     " {\"n\": {}}}]}",
                "cần 'indicator'"},
        {"formula names no row",
                HEAD "\"rows\": [{\"label\": \"x\", \"formula\": {\"op\":"
                     " \"sum\", \"of\": [\"khong\"]}}]}",
                "dòng 'khong' không có"},
        {"duplicate row id",
                HEAD "\"rows\": [{\"id\": \"a\", \"label\": \"x\"}, {\"id\":"
                     " \"a\", \"label\": \"y\"}]}",
                "mã dòng 'a' trùng"},
        {"ratio of unknown columns",
                "{\"id\": \"t\", \"title\": \"x\", \"columns\": [{\"id\":"
                " \"p\", \"show\": \"ratio\", \"label\": \"%\", \"ratio\":"
                " [\"a\", \"b\"]}], \"rows\": []}",
                "columns[0]: 'ratio' phải chỉ tới hai cột đứng trước nó"},
        {"bad show",
                "{\"id\": \"t\", \"title\": \"x\", \"columns\": [{\"id\": \"p\", \"show\":"
                " \"chart\", \"label\": \"x\"}], \"rows\": []}",
                "'show' là 'chart'"},
        {"too deep",
                HEAD "\"rows\": [{\"label\": \"a\", \"rows\": [{\"label\": \"b\", \"rows\":"
                     " [{\"label\": \"c\", \"rows\": [{\"label\": \"d\"}]}]}]}]}",
                "lồng quá 3 cấp"},
        {"each a source lacks",
                HEAD "\"rows\": [{\"label\": \"x\", \"each\": \"sector\","
                     " \"measures\": {\"n\": {\"records\": \"fair.booths\"}}}]}",
                "không có chiều 'sector'"},
        {"unknown indicator",
                HEAD "\"rows\": [{\"label\": \"x\", \"measures\": {\"n\":"
                     " {\"indicator\": \"khong_co\"}}}]}",
                "chỉ tiêu 'khong_co' không có"},
};

static void template_refused(void **state)
{
	const BadTemplate *c = *state;
	TmpDb t;
	if (tmpdb_open(&t, TMPDB_LOADED))
		fail();
	Err e = {0};
	assert_int_equal(report_template_check(t.db, c->json, &e), KC_EINVAL);
	assert_string_equal(e.field, "template");
	assert_contains(e.msg, c->says);
	int version = 0;
	assert_int_equal(report_template_save(t.db, &officer, c->json, 0, &version, &e), KC_EINVAL);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM report_template_version"), 0);
	tmpdb_close(&t);
}

/* A database whose templates were never loaded (made by another loader, or
 * before reports existed) still reports with the shipped ones, without
 * writing; a submission stores them first, since a snapshot names one. */
static void shipped_templates_serve_a_database_without_them(void **state)
{
	(void)state;
	TmpDb t;
	if (tmpdb_open(&t, TMPDB_LOADED))
		fail();
	Arena a = {0};
	Err e;
	StoredTemplateList l;
	assert_int_equal(report_template_list(t.db, &a, &l, &e), 0);
	assert_int_equal(l.n, 6);
	assert_string_equal(l.v[0].id, "ket_qua_thuc_hien");
	assert_string_equal(l.v[0].origin, "shipped:01_ket_qua_thuc_hien.json");
	training(t.db, "legacy", "94", "vocational", "10/03/2016", 2, 60);
	const ReportTable *r = compute(t.db, &a, "ket_qua_thuc_hien", "2016", "province:94", NULL);
	assert_num(cell(r, "Đào tạo nghề", "qty_actual"), 60);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM report_template"), 0);
	ReportRequest req = {.template_id = "co_so_cnnt", .period = "2016", .scope = "nation"};
	int version = 0;
	assert_int_equal(report_submit(t.db, &officer, &req, NULL, NULL, &version, &e), 0);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM report_template"), 6);
	arena_free(&a);
	tmpdb_close(&t);
}

static void shipped_templates_load_once_and_edits_stay(void **state)
{
	(void)state;
	TmpDb t;
	if (tmpdb_open(&t, TMPDB_LOADED))
		fail();
	Err e;
	int n = 0;
	assert_int_equal(report_templates_load(t.db, &officer, &n, &e), 0);
	assert_int_equal(n, 6);
	assert_int_equal(report_templates_load(t.db, &officer, &n, &e), 0);
	assert_int_equal(n, 0);
	Arena a = {0};
	StoredTemplateList l;
	assert_int_equal(store_report_template_list(t.db, &a, &l, &e), 0);
	static const char *const ids[] = {"ket_qua_thuc_hien", "tong_hop_giai_doan",
	        "chi_tieu_giai_doan", "san_pham_tieu_bieu", "co_so_cnnt", "tien_do_de_an"};
	assert_int_equal(l.n, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(l.v[i].id, ids[i]);
	/* An administrator's edit: a new title, as version 2. */
	StoredTemplate st;
	assert_int_equal(store_report_template_get(t.db, "co_so_cnnt", 0, &a, &st, &e), 0);
	const char *from = strstr(st.body, "CƠ SỞ CÔNG NGHIỆP NÔNG THÔN");
	assert_non_null(from);
	Buf edited;
	buf_init(&edited, 1 << 20);
	buf_append(&edited, st.body, (size_t)(from - st.body));
	buf_puts(&edited, "SỔ CƠ SỞ CÔNG NGHIỆP NÔNG THÔN");
	buf_puts(&edited, from + strlen("CƠ SỞ CÔNG NGHIỆP NÔNG THÔN"));
	int version = 0;
	assert_int_equal(report_template_save(t.db, &officer, buf_cstr(&edited), 0, &version, &e),
	        KC_ECONFLICT);
	assert_string_equal(e.field, "version");
	assert_int_equal(
	        report_template_save(t.db, &officer, buf_cstr(&edited), 1, &version, &e), 0);
	assert_int_equal(version, 2);
	assert_int_equal(report_templates_load(t.db, &officer, &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_report_template_get(t.db, "co_so_cnnt", 0, &a, &st, &e), 0);
	assert_int_equal(st.version, 2);
	assert_string_equal(st.title, "SỔ CƠ SỞ CÔNG NGHIỆP NÔNG THÔN");
	assert_int_equal(store_report_template_get(t.db, "co_so_cnnt", 1, &a, &st, &e), 0);
	assert_string_equal(st.title, "CƠ SỞ CÔNG NGHIỆP NÔNG THÔN");
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                                 " 'report_template_version' AND after_json LIKE"
	                                 " '%\"template_id\":\"co_so_cnnt\"%'"),
	        2);
	buf_free(&edited);
	arena_free(&a);
	tmpdb_close(&t);
}

/* ---- Snapshots ---------------------------------------------------------------------- */

static void submitted_reports_are_frozen(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	soc_trang_2016(db);
	ReportRequest r = {.template_id = "ket_qua_thuc_hien",
	        .period = "6 tháng đầu năm 2016",
	        .scope = "province:94",
	        .now = "2026-11-22T08:00:00Z"};
	Actor manager = {
	        .user_id = 3, .name = "truong.phong", .via = "cli", .now = "2016-07-10T02:00:00Z"};
	int64_t id1 = 0, id2 = 0;
	int v1 = 0, v2 = 0;
	Err e;
	assert_int_equal(report_submit(db, &manager, &r, "Báo cáo 6 tháng", &id1, &v1, &e), 0);
	assert_int_equal(v1, 1);
	/* Records change afterwards. */
	training(db, "legacy", "94", "vocational", "20/06/2016", 1, 100);
	Arena a = {0};
	ReportTable *now = compute(db, &a, "ket_qua_thuc_hien", "2016-H1", "province:94", NULL);
	assert_num(cell(now, "Đào tạo nghề", "qty_actual"), 190);
	ReportTable *frozen;
	assert_int_equal(report_snapshot_table(db, id1, &a, &frozen, &e), 0);
	assert_num(cell(frozen, "Đào tạo nghề", "qty_actual"), 90);
	assert_string_equal(frozen->period_label, "6 tháng đầu năm 2016");
	assert_int_equal(frozen->template_version, 1);
	/* A corrected report is a new version; the first stays as it was. */
	manager.now = "2016-07-20T02:00:00Z";
	assert_int_equal(report_submit(db, &manager, &r, NULL, &id2, &v2, &e), 0);
	assert_int_equal(v2, 2);
	assert_int_equal(report_snapshot_table(db, id1, &a, &frozen, &e), 0);
	assert_num(cell(frozen, "Đào tạo nghề", "qty_actual"), 90);
	assert_int_equal(report_snapshot_table(db, id2, &a, &frozen, &e), 0);
	assert_num(cell(frozen, "Đào tạo nghề", "qty_actual"), 190);
	SnapshotList l;
	assert_int_equal(
	        store_report_snapshot_list(db, "ket_qua_thuc_hien", NULL, "2016-H1", &a, &l, &e),
	        0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].version, 2);
	assert_int_equal(l.v[1].version, 1);
	assert_string_equal(l.v[1].submitted_at, "2016-07-10T02:00:00Z");
	assert_string_equal(l.v[1].submitted_name, "truong.phong");
	assert_int_equal(l.v[1].submitted_by, 3);
	assert_string_equal(l.v[1].scope, "province:legacy:94");
	assert_string_equal(l.v[1].note, "Báo cáo 6 tháng");
	assert_null(l.v[1].table_json);
	/* Another scope starts at version 1. */
	r.scope = "region:moit_south";
	assert_int_equal(report_submit(db, &manager, &r, NULL, NULL, &v1, &e), 0);
	assert_int_equal(v1, 1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                               " 'report_snapshot' AND actor = 'truong.phong'"),
	        3);
	arena_free(&a);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, records_fill_a_province_report);
	TL_ADD(&tl, nothing_is_empty_not_zero);
	TL_ADD(&tl, figures_fill_in_for_provinces_without_records);
	TL_ADD(&tl, rates_are_recomputed_or_reported_never_added);
	TL_ADD(&tl, qualifiers_travel_with_figures);
	TL_ADD(&tl, boundaries_group_provinces_differently);
	TL_ADD(&tl, queries_do_not_grow_with_provinces);
	TL_ADD(&tl, targets_against_achievement);
	TL_ADD(&tl, progress_flags_late_and_invoice_risks);
	TL_ADD(&tl, filters_narrow_records);
	TL_ADD(&tl, submitted_reports_are_frozen);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	TL_ADD(&tl, shipped_templates_load_once_and_edits_stay);
	TL_ADD(&tl, shipped_templates_serve_a_database_without_them);
	for (size_t i = 0; i < COUNT_OF(bad_requests); i++)
		tl_addf(&tl, request_refused, (void *)&bad_requests[i], "request refused: %s",
		        bad_requests[i].name);
	for (size_t i = 0; i < COUNT_OF(bad_templates); i++)
		tl_addf(&tl, template_refused, (void *)&bad_templates[i], "template refused: %s",
		        bad_templates[i].name);
	return tl_run(&tl, "report");
}
