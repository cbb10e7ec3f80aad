/* test_figures.c — every figure of DOMAIN.md §7 that a report can show,
 * read from a report computed on the demonstration data (io/io_demo.h):
 * one test per figure, named after its id. The demo is loaded once; each
 * test computes the report an office would ask for (template, period,
 * scope, programme level) and compares one cell with the article's figure,
 * percentages within half a point (the articles round). "Derived" figures
 * (§7 rows marked D) are computed by the report, not stated in the
 * articles, and are named so.
 *
 * Not here, because no report shows them: page headers, times, hotlines and
 * the sidebar (000-n*, 001-n1, 002-n1, 003-n*), legal references (001-22,
 * 003-07, 004-01), "hàng vạn lao động" (002-05, not a number), and the
 * implied plans of 001-D2 (the article's rounded percentages put back into
 * plans: a report shows the rates themselves, 001-03 ... 001-21). */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "io/io_demo.h"
#include "report/report.h"

#define TRIEU 1000000LL

static const Actor loader = {
        .user_id = 0, .name = "system", .via = "cli", .now = "2026-11-22T08:00:00Z"};

static TmpDb shared;

/* ---- One cell of one report ----------------------------------------------------------- */

typedef struct Ask {
	const char *tpl, *period, *scope, *level, *boundaries;
	const char *row;    /* the row whose label starts so */
	const char *column; /* column id */
} Ask;

/* The cell asked for, copied out of the report. */
typedef struct Got {
	ReportCell cell;
	char qualifier[16];
	char text[600];
} Got;

static Got ask(const Ask *q)
{
	ReportRequest r = {.template_id = q->tpl,
	        .period = q->period,
	        .scope = q->scope,
	        .program_level = q->level,
	        .boundaries = q->boundaries};
	Arena a = {0};
	ReportTable *t;
	Err e;
	if (report_compute(shared.db, &r, &a, &t, &e))
		fail_msg("%s %s %s: %s", q->tpl, q->period, q->scope, e.msg);
	int c = -1;
	for (int i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i].id, q->column))
			c = i;
	const ReportRow *row = NULL;
	for (int i = 0; i < t->n_rows && !row; i++)
		if (t->rows[i].label && !strncmp(t->rows[i].label, q->row, strlen(q->row)))
			row = &t->rows[i];
	if (c < 0 || !row)
		fail_msg("%s has no row '%s' or column '%s'", q->tpl, q->row, q->column);
	Got g = {.cell = row->cells[c]};
	snprintf(g.qualifier, sizeof g.qualifier, "%s", g.cell.qualifier ? g.cell.qualifier : "");
	snprintf(g.text, sizeof g.text, "%s", g.cell.type == CELL_TEXT ? g.cell.text : "");
	g.cell.qualifier = g.cell.text = NULL;
	g.cell.sum_of = NULL;
	arena_free(&a);
	return g;
}

static int64_t number(const Ask *q)
{
	Got g = ask(q);
	if (g.cell.type != CELL_NUM)
		fail_msg("%s / %s / %s: not a number", q->tpl, q->row, q->column);
	return g.cell.v;
}

/* A figure as the article writes it: the value (đồng for money, ×100 for
 * percentages and ratios), the qualifier, a tolerance. */
typedef struct Figure {
	const char *id;
	Ask q;
	int64_t value;
	const char *qualifier; /* NULL: not checked */
	int64_t tolerance;     /* percentages: 50 (half a point) */
} Figure;

static void figure(void **state)
{
	const Figure *f = *state;
	Got g = ask(&f->q);
	if (g.cell.type != CELL_NUM)
		fail_msg("%s: %s / %s / %s is empty", f->id, f->q.tpl, f->q.row, f->q.column);
	if (g.cell.v < f->value - f->tolerance || g.cell.v > f->value + f->tolerance)
		fail_msg("%s: %lld, the article says %lld", f->id, (long long)g.cell.v,
		        (long long)f->value);
	if (f->qualifier)
		assert_string_equal(g.qualifier, f->qualifier);
}

/* ---- The reports ---------------------------------------------------------------------- */

#define T1 "ket_qua_thuc_hien"
#define T2 "tong_hop_giai_doan"
#define T3 "chi_tieu_giai_doan"
#define T4 "san_pham_tieu_bieu"
#define T5 "co_so_cnnt"
#define T6 "tien_do_de_an"

#define ST    "province:94" /* Sóc Trăng, legacy list */
#define TH    "province:38" /* Thanh Hóa */
#define LC    "province:10" /* Lào Cai (legacy) */
#define SOUTH "region:moit_south"

/* Sóc Trăng 2012–2022 (seed004) and 2016–2018 (seed000) in template 2. */
#define ST_10Y(row, col)                                                                           \
	{                                                                                          \
		T2, "2012-2022", ST, NULL, NULL, row, col                                          \
	}
#define ST_3Y(row, col)                                                                            \
	{                                                                                          \
		T2, "2016-2018", ST, NULL, NULL, row, col                                          \
	}
/* The southern region's first half of 2016 (seed001) in template 1. */
#define SOUTH_H1(row, col)                                                                         \
	{                                                                                          \
		T1, "2016-H1", SOUTH, NULL, NULL, row, col                                         \
	}
#define PCT 50

static const Figure figures[] = {
        /* seed000 — Sóc Trăng, 02/07/2019 */
        {"000-01 programme target 162 đề án",
                {T3, "2016-2020", ST, NULL, NULL, "Số đề án", "target"}, 162},
        {"000-02 programme target 25 tỷ",
                {T3, "2016-2020", ST, NULL, NULL, "Kinh phí hỗ trợ", "target"}, 25000 * TRIEU},
        {"000-03 programme target counterpart 125,92 tỷ",
                {T3, "2016-2020", ST, NULL, NULL, "Vốn đối ứng", "target"}, 125920 * TRIEU},
        {"000-04 1 plan completed 2016-2018", ST_3Y("Kế hoạch hoàn thành", "all"), 1},
        {"000-05 66 đề án completed 2016-2018", ST_3Y("Đề án hoàn thành", "all"), 66},
        {"000-07 8 KCQG đề án 2016-2018", ST_3Y("Đề án hoàn thành", "national"), 8},
        {"000-08 1 KCĐP plan 2016-2018", ST_3Y("Kế hoạch hoàn thành", "local"), 1},
        {"000-09 58 KCĐP đề án 2016-2018", ST_3Y("Đề án hoàn thành", "local"), 58},
        {"000-11 3 establishments at the southern fair by June 2019",
                {T1, "2019-H1", ST, NULL, NULL, "Hỗ trợ tham gia hội chợ", "qty_actual"}, 3},
        {"000-12 4 establishments supported with websites",
                {T2, "2019", ST, NULL, NULL, "Cơ sở được hỗ trợ xây dựng website", "all"}, 4},
        {"000-13 H2/2019 plan: one KCQG đề án",
                {T1, "2019-H2", ST, "national", NULL, "Đề án khuyến công", "qty_plan"}, 1},
        {"000-14 its support 300 triệu",
                {T1, "2019-H2", ST, "national", NULL, "Đề án khuyến công", "money_plan"},
                300 * TRIEU},
        {"000-15 KCĐP plan 2019 completed 100 pct",
                {T3, "2019", ST, NULL, NULL, "Tỷ lệ đề án hoàn thành", "plan"}, 10000, NULL, PCT},
        {"000-16 consulting revenue 200 triệu a year",
                {T3, "2019", ST, NULL, NULL, "Doanh thu tư vấn", "plan"}, 200 * TRIEU},
        /* seed001 — the southern region, H1/2016 */
        {"001-01 20 provinces reporting", SOUTH_H1("Số tỉnh, thành phố", "qty_actual"), 20},
        {"001-02 331 workers trained", SOUTH_H1("Đào tạo nghề", "qty_actual"), 331},
        {"001-03 19 pct of plan", SOUTH_H1("Đào tạo nghề", "qty_pct"), 1900, NULL, PCT},
        {"001-04 74 triệu disbursed", SOUTH_H1("Đào tạo nghề", "money_actual"), 74 * TRIEU},
        {"001-05 5 pct of plan", SOUTH_H1("Đào tạo nghề", "money_pct"), 500, NULL, PCT},
        {"001-06 369 people in management and start-up training",
                SOUTH_H1("Nâng cao năng lực quản lý", "qty_actual"), 369},
        {"001-07 412 triệu disbursed", SOUTH_H1("Nâng cao năng lực quản lý", "money_actual"),
                412 * TRIEU},
        {"001-08 20 pct of plan", SOUTH_H1("Nâng cao năng lực quản lý", "money_pct"), 2000, NULL,
                PCT},
        {"001-09 5 demonstration models", SOUTH_H1("Xây dựng mô hình trình diễn", "qty_actual"), 5},
        {"001-10 59 establishments with technology and machinery",
                SOUTH_H1("Chuyển giao công nghệ", "qty_actual"), 59},
        {"001-11 9,2 tỷ disbursed", SOUTH_H1("Chuyển giao công nghệ", "money_actual"),
                9200 * TRIEU},
        {"001-12 30 pct of plan", SOUTH_H1("Chuyển giao công nghệ", "money_pct"), 3000, NULL, PCT},
        {"001-13 nearly 130 fair participations", SOUTH_H1("Hỗ trợ tham gia hội chợ", "qty_actual"),
                130, "gần"},
        {"001-14 632 triệu disbursed", SOUTH_H1("Hỗ trợ tham gia hội chợ", "money_actual"),
                632 * TRIEU},
        {"001-15 10 pct of plan", SOUTH_H1("Hỗ trợ tham gia hội chợ", "money_pct"), 1000, NULL,
                PCT},
        {"001-16 164 triệu for consulting support", SOUTH_H1("Tư vấn, trợ giúp", "money_actual"),
                164 * TRIEU},
        {"001-17 1,05 tỷ for information", SOUTH_H1("Cung cấp thông tin", "money_actual"),
                1050 * TRIEU},
        {"001-18 32 pct of plan", SOUTH_H1("Cung cấp thông tin", "money_pct"), 3200, NULL, PCT},
        {"001-19 244 projects advised", SOUTH_H1("Tư vấn phát triển công nghiệp", "qty_actual"),
                244},
        {"001-20 revenue estimated 2,8 tỷ",
                SOUTH_H1("Tư vấn phát triển công nghiệp", "money_estimate"), 2800 * TRIEU, "ước"},
        {"001-21 52 pct of plan", SOUTH_H1("Tư vấn phát triển công nghiệp", "money_pct"), 5200,
                NULL, PCT},
        {"001-D1 derived: disbursements listed add up to 11.532 triệu",
                SOUTH_H1("TỔNG KINH PHÍ", "money_actual"), 11532 * TRIEU},
        /* seed002 — Thanh Hóa */
        {"002-01 39 đề án in 2017 and H1/2018",
                {T2, "2017-2018", TH, NULL, NULL, "Đề án được thực hiện", "all"}, 39},
        {"002-02 5 KCQG đề án in 2018",
                {T2, "2018", TH, NULL, NULL, "Đề án được thực hiện", "national"}, 5},
        {"002-03 of which the forestry đề án điểm 2018-2020",
                {T2, "2018", TH, NULL, NULL, "Trong đó: đề án điểm", "national"}, 1},
        {"002-04 of which 4 units investing in machinery",
                {T2, "2018", TH, NULL, NULL, "Đề án thường hỗ trợ", "national"}, 4},
        /* seed003 — Lào Cai, the first three years of 2021–2025 */
        {"003-01 44 đề án", {T3, "2021-2025:2023", LC, NULL, NULL, "Số đề án", "actual"}, 44},
        {"003-02 support 6.047,5 triệu",
                {T3, "2021-2025:2023", LC, NULL, NULL, "Kinh phí hỗ trợ", "actual"},
                60475 * TRIEU / 10},
        {"003-03 target gross output above 5.310 tỷ",
                {T3, "2021-2025:2023", LC, NULL, NULL, "Giá trị sản xuất", "target"},
                5310000 * TRIEU, "trên"},
        {"003-04 target above 3.000 new jobs",
                {T3, "2021-2025:2023", LC, NULL, NULL, "Việc làm mới", "target"}, 3000, "trên"},
        {"003-05 baseline 1,27 tỷ per establishment",
                {T3, "2021-2025:2023", LC, NULL, NULL, "Quy mô bình quân", "baseline"},
                1270 * TRIEU},
        {"003-06 target above 2 tỷ per establishment",
                {T3, "2021-2025:2023", LC, NULL, NULL, "Quy mô bình quân", "target"}, 2000 * TRIEU,
                "trên"},
        {"003-D1 derived: about 137,44 triệu per đề án",
                {T2, "2021-2025:2023", LC, NULL, NULL, "Kinh phí hỗ trợ bình quân", "all"},
                137440000, NULL, 5000},
        /* seed004 — Sóc Trăng 2012–2022 */
        {"004-02 2 plans completed", ST_10Y("Kế hoạch hoàn thành", "all"), 2},
        {"004-03 223 đề án completed", ST_10Y("Đề án hoàn thành", "all"), 223},
        {"004-04 of which 2 KCĐP plans", ST_10Y("Kế hoạch hoàn thành", "local"), 2},
        {"004-05 of which 208 KCĐP đề án", ST_10Y("Đề án hoàn thành", "local"), 208},
        {"004-07 state support 20.253,331 triệu", ST_10Y("Kinh phí hỗ trợ từ ngân sách", "all"),
                20253331000},
        {"004-08 beneficiaries' contribution 73.738,019 triệu", ST_10Y("Vốn đối ứng", "all"),
                73738019000},
        {"004-09 2 craft transmission classes", ST_10Y("Lớp đào tạo", "all"), 2},
        {"004-10 60 workers trained", ST_10Y("Lao động được đào tạo", "all"), 60},
        {"004-11 60 jobs", ST_10Y("Lao động có việc làm sau đào tạo", "all"), 60},
        {"004-12 income above 3 triệu a month",
                ST_10Y("Thu nhập bình quân của lao động sau đào tạo", "all"), 3 * TRIEU, "trên"},
        {"004-13 2 start-up classes", ST_10Y("Lớp tập huấn", "all"), 2},
        {"004-14 76 start-up trainees", ST_10Y("Học viên", "all"), 76},
        {"004-15 about 2.520 stable jobs", ST_10Y("Lao động có việc làm ổn định", "all"), 2520},
        {"004-16 income 3 triệu a month", ST_10Y("Thu nhập bình quân của lao động", "all"),
                3 * TRIEU},
        {"004-17 productivity up 15 pct", ST_10Y("Năng suất lao động tăng", "all"), 1500, NULL,
                PCT},
        {"004-18 31 registrations for selection", ST_10Y("Lượt cơ sở được hỗ trợ đăng ký", "all"),
                31},
        {"004-19 45 establishments at fairs", ST_10Y("Lượt cơ sở tham gia hội chợ", "all"), 45},
        {"004-20 34 booths", ST_10Y("Gian hàng", "all"), 34},
        {"004-21 63 provincial typical products",
                {T4, "2012-2022", ST, NULL, NULL, "TỔNG SỐ SẢN PHẨM", "provincial"}, 63},
        {"004-22 13 regional typical products",
                {T4, "2012-2022", ST, NULL, NULL, "TỔNG SỐ SẢN PHẨM", "regional"}, 13},
        {"004-23 5 national typical products",
                {T4, "2012-2022", ST, NULL, NULL, "TỔNG SỐ SẢN PHẨM", "national"}, 5},
        {"004-24 35 special pages", ST_10Y("Chuyên trang", "all"), 35},
        {"004-25 200 handbooks", ST_10Y("Cẩm nang", "all"), 200},
        {"004-26 5.500 leaflets", ST_10Y("Tờ gấp", "all"), 5500},
        {"004-27 2.000 establishments written to", ST_10Y("Cơ sở được gửi văn bản", "all"), 2000},
        {"004-28 17.750 newspapers", ST_10Y("Báo mua", "all"), 17750},
        {"004-29 42 TV and radio programmes", ST_10Y("Chương trình truyền hình", "all"), 42},
        {"004-30 3.209 establishments in the database",
                ST_10Y("Cơ sở CNNT trong cơ sở dữ liệu", "all"), 3209},
        {"004-30 the same in the establishments registry",
                {T5, "2019", ST, NULL, NULL, "TỔNG SỐ CƠ SỞ", "count"}, 3209},
        {"004-31 3 wastewater systems", ST_10Y("Cơ sở được hỗ trợ hệ thống xử lý", "all"), 3},
        {"004-32 2 industrial cluster plans", ST_10Y("Cụm công nghiệp được hỗ trợ", "all"), 2},
        {"004-33 17 training classes for staff and establishments",
                ST_10Y("Lớp tập huấn cán bộ", "all"), 17},
        {"004-34 892 trainee turns", ST_10Y("Lượt cán bộ, cơ sở được tập huấn", "all"), 892},
        {"004-35 1.109 inspections", ST_10Y("Lượt kiểm tra", "all"), 1109},
        {"004-36 7 study-tour delegations", ST_10Y("Đoàn tham quan", "all"), 7},
        {"004-37 79 participants", ST_10Y("Cán bộ tham gia tham quan", "all"), 79},
        {"004-38 9 provinces visited", ST_10Y("Tỉnh, thành phố đến tham quan", "all"), 9},
        {"004-39 2023 plan: 2 KCQG đề án", {T3, "2023", ST, "national", NULL, "Số đề án", "plan"},
                2},
        {"004-40 2023 plan: 16 KCĐP đề án", {T3, "2023", ST, "local", NULL, "Số đề án", "plan"},
                16},
        {"004-41 2023: total estimated above 10 tỷ",
                {T3, "2023", ST, NULL, NULL, "Tổng kinh phí", "estimate"}, 10000 * TRIEU, "trên"},
        {"004-D1 derived: 15 KCQG đề án", ST_10Y("Đề án hoàn thành", "national"), 15},
        {"004-D2 derived: support and contribution 93.991,350 triệu",
                ST_10Y("Tổng kinh phí thực hiện", "all"), 93991350000},
        {"004-D3 derived: state share 21,55 pct", ST_10Y("Tỷ lệ ngân sách nhà nước", "all"), 2155,
                NULL, PCT},
        {"004-D4 derived: leverage 3,64", ST_10Y("Vốn đối ứng so với", "all"), 364, NULL, 1},
};

/* ---- Figures that need more than one cell ---------------------------------------------- */

/* "trên 51,154 tỷ đồng": above it, and 51,154 when cut to three decimals. */
static void figure_000_06_total_above_51_154_ty(void **state)
{
	(void)state;
	int64_t v = number(&(Ask)ST_3Y("Tổng kinh phí thực hiện", "all"));
	assert_true(v > 51154 * TRIEU);
	assert_true(v < 51155 * TRIEU);
}

static void figure_000_10_banh_pia_kcqg_project(void **state)
{
	(void)state;
	const char *title = "Hỗ trợ ứng dụng máy móc, thiết bị tiên tiến trong sản xuất bánh pía -"
	                    " lạp xưởng - bánh phồng tôm";
	Ask q = {T6, "2019", ST, "national", NULL, title, "support"};
	assert_int_equal(number(&q), 300 * TRIEU);
	q.column = "count";
	assert_int_equal(number(&q), 1);
	q.column = "years";
	assert_string_equal(ask(&q).text, "2019");
}

/* "gần 94 tỷ": below 94 tỷ and above 93,5. */
static void figure_004_06_nearly_94_ty(void **state)
{
	(void)state;
	int64_t v = number(&(Ask)ST_10Y("Tổng kinh phí thực hiện", "all"));
	assert_true(v < 94000 * TRIEU);
	assert_true(v > 93500 * TRIEU);
}

/* DOMAIN §7.6: the 8 KCQG đề án of 2016–2018 are within the 15 of 2012–2022. */
static void figure_000_07_within_004_D1(void **state)
{
	(void)state;
	int64_t three = number(&(Ask)ST_3Y("Đề án hoàn thành", "national"));
	int64_t ten = number(&(Ask)ST_10Y("Đề án hoàn thành", "national"));
	assert_int_equal(three, 8);
	assert_true(three <= ten);
}

/* DOMAIN §7.6: Sóc Trăng stands as itself in the boundaries of the time and
 * rolls up into Cần Thơ re-based on current provinces; Lào Cai (legacy 10)
 * into the merged Lào Cai (15). */
static void figure_004_30_soc_trang_under_can_tho(void **state)
{
	(void)state;
	Ask q = {T5, "2019", "nation", NULL, "legacy", "Sóc Trăng", "count"};
	assert_int_equal(number(&q), 3209);
	q.boundaries = "current";
	q.row = "Cần Thơ";
	assert_true(number(&q) >= 3209);
	ReportRequest r = {
	        .template_id = T5, .period = "2019", .scope = "nation", .boundaries = "current"};
	Arena a = {0};
	ReportTable *t;
	Err e;
	assert_int_equal(report_compute(shared.db, &r, &a, &t, &e), 0);
	for (int i = 0; i < t->n_rows; i++)
		assert_null(strstr(t->rows[i].label, "Sóc Trăng"));
	arena_free(&a);
	int64_t lao_cai = number(&(Ask){T5, "2025", "nation", NULL, "legacy", "Lào Cai", "count"});
	int64_t merged = number(&(Ask){T5, "2025", "nation", NULL, "current", "Lào Cai", "count"});
	assert_true(lao_cai > 0);
	assert_true(merged >= lao_cai);
}

/* Template 1 for the whole nation over a year, on the demonstration data:
 * the statements it runs do not depend on how many provinces there are. */
static void template_1_for_the_nation(void **state)
{
	(void)state;
	ReportRequest r = {.template_id = T1, .period = "2019", .scope = "nation"};
	Arena a = {0};
	ReportTable *t;
	Err e;
	assert_int_equal(report_compute(shared.db, &r, &a, &t, &e), 0);
	assert_true(t->queries <= 16);
	int queries = t->queries;
	arena_free(&a);
	r.scope = ST;
	assert_int_equal(report_compute(shared.db, &r, &a, &t, &e), 0);
	assert_int_equal(t->queries, queries);
	arena_free(&a);
}

static int setup(void **state)
{
	(void)state;
	Err e = {0};
	if (tmpdb_open(&shared, TMPDB_LOADED) || demo_load(shared.db, &loader, &e) ||
	        report_templates_load(shared.db, &loader, NULL, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tmpdb_close(&shared);
	return 0;
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(figures); i++)
		tl_addf(&tl, figure, (void *)&figures[i], "figure %s", figures[i].id);
	TL_ADD(&tl, figure_000_06_total_above_51_154_ty);
	TL_ADD(&tl, figure_000_10_banh_pia_kcqg_project);
	TL_ADD(&tl, figure_004_06_nearly_94_ty);
	TL_ADD(&tl, figure_000_07_within_004_D1);
	TL_ADD(&tl, figure_004_30_soc_trang_under_can_tho);
	TL_ADD(&tl, template_1_for_the_nation);
	return tl_run_setup(&tl, "figures", setup, teardown);
}
