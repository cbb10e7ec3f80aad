/* io_demo_laocai.c — Lào Cai (legacy province 10; with Yên Bái in the
 * current Lào Cai, code 15, since 01/7/2025), from seed003 ("Lào Cai đã thực
 * hiện 44 đề án khuyến công với 6.047,5 triệu đồng").
 *
 * The first three years of the programme 2021–2025: 44 đề án (003-01) with
 * 6.047,5 triệu đồng of support (003-02), and the programme's targets
 * (003-03 … 003-06). The province funds its general activities from the
 * provincial budget and direct support to establishments from the
 * districts' budgets, which most districts could not find: the district
 * lines of the annual plans stay far above what was spent. One đề án of 2023
 * shows the invoice problem of §4.4: the machine was bought on credit before
 * the fiscal year, the đề án was carried over into 2024. The split by year,
 * level and kind, the names and the other amounts are invented. */
#include <stdio.h>
#include <string.h>

#include "io/io_demo_kit.h"
#include "store/store_finance.h"
#include "store/store_programme.h"

/* Support by year: 1.862,3 + 2.046,8 + 2.138,4 = 6.047,5 triệu đồng (003-02,
 * the split is invented); district budgets planned (invented). */
static const struct {
	int year;
	int64_t support, district_planned;
} years[] = {
        {2021, 1862300000, 650000000},
        {2022, 2046800000, 700000000},
        {2023, 2138400000, 720000000},
};

/* The 6 national đề án, with their support: machinery (P21_01) and product
 * development (P21_03) under QĐ 1881/QĐ-TTg's groups. */
static const struct {
	int year;
	const char *activity;
	int64_t support;
} national[] = {
        {2021, "P21_01", 290000000},
        {2021, "P21_01", 275000000},
        {2022, "P21_01", 285000000},
        {2022, "P21_03", 260000000},
        {2023, "P21_01", 295000000},
        {2023, "P21_01", 280000000},
};

/* The 38 local đề án: 12 in 2021, 13 in 2022 and 2023; with the 6 national
 * ones, 44 (003-01). */
static const struct {
	int year;
	DemoWork kind;
	const char *source;
	int n;
} local[] = {
        {2021, WORK_VOCATIONAL, "provincial", 3},
        {2021, WORK_MANAGEMENT, "provincial", 1},
        {2021, WORK_MACHINERY, "provincial", 4},
        {2021, WORK_MACHINERY, "district", 2},
        {2021, WORK_SELECTION, "provincial", 1},
        {2021, WORK_INFO, "provincial", 1},
        {2022, WORK_VOCATIONAL, "provincial", 3},
        {2022, WORK_MANAGEMENT, "provincial", 1},
        {2022, WORK_MACHINERY, "provincial", 5},
        {2022, WORK_MACHINERY, "district", 2},
        {2022, WORK_INFO, "provincial", 1},
        {2022, WORK_CAPACITY, "provincial", 1},
        {2023, WORK_VOCATIONAL, "provincial", 3},
        {2023, WORK_MANAGEMENT, "provincial", 1},
        {2023, WORK_MACHINERY, "provincial", 5},
        {2023, WORK_MACHINERY, "district", 2},
        {2023, WORK_SELECTION, "provincial", 1},
        {2023, WORK_INFO, "provincial", 1},
};

enum { N_ROWS = sizeof local / sizeof local[0], N_YEARS = 3, FIRST_YEAR = 2021 };

static const char *const people[] = {"Nguyễn", "Hoàng", "Lò", "Giàng", "Vàng", "Lý", "Trần", "Nông",
        "Tẩn", "Sùng", "Phạm", "Lê", "Vũ", "Thào", "Đỗ", NULL};

static const DemoTrade trades[] = {
        {"chè", "Chè", "chế biến chè", "máy sao, máy vò, máy sấy chè",
                {"Chè Shan tuyết", "Hồng trà", "Chè xanh"}, "S01_AGRO_FOOD", "food", 12},
        {"rượu ngô", "Rượu", "nấu rượu ngô men lá", "nồi chưng cất, máy lọc, máy chiết rót rượu",
                {"Rượu ngô men lá"}, "S01_AGRO_FOOD", "food", 8},
        {"miến dong", "Miến dong", "sản xuất miến dong", "máy tráng, máy cắt, máy sấy miến",
                {"Miến dong"}, "S01_AGRO_FOOD", "food", 6},
        {"thổ cẩm", "Thổ cẩm", "dệt, thêu thổ cẩm", "máy dệt, máy thêu",
                {"Khăn thổ cẩm", "Túi thổ cẩm"}, "S07_HANDICRAFT", "handicraft", 8},
        {"chạm bạc", "Chạm bạc", "chế tác đồ bạc", "máy cán, máy đánh bóng bạc",
                {"Vòng bạc chạm khắc"}, "S07_HANDICRAFT", "handicraft", 3},
        {"gỗ", "Chế biến gỗ", "chế biến gỗ, ván bóc", "máy bóc, máy sấy gỗ", {NULL},
                "S01_AGRO_FOOD", "other", 10},
        {"nông sản sấy", "Nông sản", "sấy măng, nấm, thảo quả", "lò sấy, máy đóng gói",
                {"Thảo quả sấy", "Măng khô"}, "S01_AGRO_FOOD", "food", 7},
        {"mật ong", "Mật ong", "chế biến mật ong", "máy quay, máy lọc, máy chiết rót mật ong",
                {"Mật ong rừng"}, "S01_AGRO_FOOD", "food", 3},
        {"dược liệu", "Dược liệu", "chế biến dược liệu", "máy sao, máy sấy dược liệu",
                {"Trà dược liệu"}, "S01_AGRO_FOOD", "food", 4},
        {"cơ khí", "Cơ khí", "gia công cơ khí", "máy tiện, máy hàn, máy chấn tôn", {NULL},
                "S05_MECH_ELEC_IT", "machinery", 8},
        {"gạch không nung", "Vật liệu xây dựng", "sản xuất gạch không nung",
                "máy ép gạch không nung", {NULL}, "S04_BUILDING_MATERIALS", "other", 7},
        {"may", "May trang phục", "may trang phục dân tộc", "máy may, máy vắt sổ", {NULL},
                "S02_CONSUMER_EXPORT", "other", 5},
};

static const char *const vocations[] = {"dệt thổ cẩm", "thêu thổ cẩm", "may trang phục dân tộc",
        "chạm bạc", "đan lát mây tre", "chế biến chè", NULL};
static const char *const fairs[] = {"Hội chợ Thương mại quốc tế Việt - Trung",
        "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Bắc",
        "Hội chợ sản phẩm OCOP khu vực Tây Bắc", NULL};

/* Who the demo names in Lào Cai, and what it needs while writing. */
typedef struct Lc {
	Demo *d;
	DemoProvince p;
	DemoRegistry reg;
	DemoOffice o;
	int64_t programme;
	int64_t plan[N_YEARS][2]; /* local, national */
	int64_t support[N_ROWS][8];
	char districts[12][64]; /* district units created so far */
	int64_t district_ids[12];
	int n_districts;
	bool invoice_problem_done;
} Lc;

/* The People's Committee and the Department of Industry and Trade of legacy
 * Lào Cai handed over to the merged province's, of the same names (DOMAIN
 * §6 point 4: same name, another territory), on 01/7/2025. The Department
 * itself runs khuyến công here. */
static int load_orgs(Lc *s)
{
	int rc = demo_bodies(
	        s->d, "10", "tỉnh Lào Cai", "15", "tỉnh Lào Cai", &s->o.ppc, &s->o.doit);
	s->o.centre = s->o.doit;
	return rc;
}

/* The district unit that runs district-funded đề án (district level ended
 * 30/6/2025), made the first time a district needs one. */
static int district_unit(Lc *s, const char *district, int64_t *id)
{
	for (int i = 0; i < s->n_districts; i++)
		if (!strcmp(s->districts[i], district)) {
			*id = s->district_ids[i];
			return 0;
		}
	const char *name = !strncmp(district, "huyện", strlen("huyện"))
	                           ? demo_str(s->d, "Phòng Kinh tế và Hạ tầng %s", district)
	                           : demo_str(s->d, "Phòng Kinh tế %s", district);
	int i = s->n_districts++;
	snprintf(s->districts[i], sizeof s->districts[i], "%s", district);
	int rc = demo_org(s->d, "implementing_unit", name, NULL, "legacy", "10", NULL, "2025-06-30",
	        -1, &s->district_ids[i]);
	*id = s->district_ids[i];
	return rc;
}

/* "Chương trình khuyến công tỉnh Lào Cai giai đoạn 2021 - 2025": gross output
 * of cottage industry above 5.310 tỷ đồng (003-03), above 3.000 new jobs
 * (003-04), establishments above 2 tỷ đồng each (003-06) from 1,27 tỷ đồng
 * (003-05, the baseline: a reported figure for 2020). */
static int load_programme(Lc *s)
{
	ProgrammeTarget targets[] = {
	        {"cottage_output_value", 5310 * TY, "trên",
	                "giá trị sản xuất tiểu thủ công nghiệp trên 5.310 tỷ đồng"},
	        {"new_jobs", 3000, "trên", "tạo việc làm mới cho trên 3.000 lao động"},
	        {"avg_establishment_size", 2 * TY, "trên",
	                "nâng quy mô cơ sở sản xuất tiểu thủ công nghiệp lên trên 2 tỷ đồng/cơ sở"},
	};
	static const DemoFigure baseline[] = {
	        {"003-05", "avg_establishment_size", "2020", "actual", "all", 1270000000, NULL,
	                "quy mô cơ sở sản xuất tiểu thủ công nghiệp đầu giai đoạn 1,27 tỷ đồng"},
	};
	int rc = demo_programme(s->d, "10",
	        "Chương trình khuyến công tỉnh Lào Cai giai đoạn 2021 - 2025", 2021, 2025,
	        "seed003: Lào Cai, sau 3 năm triển khai chương trình khuyến công 2021 - 2025",
	        targets, (int)(sizeof targets / sizeof targets[0]), &s->programme);
	return rc ? rc : demo_figures(s->d, "province", "legacy", "10", "seed003", baseline, 1);
}

/* The local đề án's support: each year's total less the national đề án's,
 * split among the local ones by weights drawn for their kinds. */
static void split_support(Lc *s)
{
	for (int y = 0; y < N_YEARS; y++) {
		int64_t total = years[y].support, w[N_ROWS], share[N_ROWS];
		for (size_t i = 0; i < sizeof national / sizeof national[0]; i++)
			if (national[i].year == years[y].year)
				total -= national[i].support;
		int n = 0;
		for (int i = 0; i < N_ROWS; i++)
			for (int k = 0; local[i].year == years[y].year && k < local[i].n; k++)
				w[n++] = demo_work_support(s->d, local[i].kind, false) / TRIEU;
		demo_split(total, w, (size_t)n, TRIEU, share);
		n = 0;
		for (int i = 0; i < N_ROWS; i++)
			for (int k = 0; local[i].year == years[y].year && k < local[i].n; k++)
				s->support[i][k] = share[n++];
	}
}

/* The annual plans: local lines by kind and source (the district budget as
 * planned, far above what districts found), national ones by đề án. */
static int load_plans(Lc *s)
{
	int rc = 0;
	for (int y = 0; rc == 0 && y < N_YEARS; y++) {
		PlanLine lines[16];
		int n = 0;
		for (int i = 0; i < N_ROWS; i++) {
			if (local[i].year != years[y].year)
				continue;
			int64_t amount = 0;
			for (int k = 0; k < local[i].n; k++)
				amount += s->support[i][k];
			bool district = !strcmp(local[i].source, "district");
			lines[n++] = (PlanLine){0, demo_work_activity(local[i].kind),
			        "projects_count", local[i].source,
			        district ? years[y].district_planned : amount, local[i].n, NULL};
		}
		AnnualPlan p = store_programme_plan_blank();
		p.level = "local";
		p.programme_id = s->programme;
		p.province_list = "legacy", p.province_code = "10";
		p.year = years[y].year;
		p.approver = "Ủy ban nhân dân tỉnh Lào Cai";
		p.lines = lines;
		p.n_lines = n;
		rc = store_programme_plan_create(s->d->db, s->d->a, &p, &s->plan[y][0], s->d->e);
		n = 0;
		for (size_t i = 0; i < sizeof national / sizeof national[0]; i++)
			if (national[i].year == years[y].year)
				lines[n++] = (PlanLine){0, national[i].activity, "projects_count",
				        "central", national[i].support, 1, NULL};
		p.level = "national";
		p.programme_id = s->d->qg_2021_2025;
		p.approver = "Bộ Công Thương";
		p.lines = lines;
		p.n_lines = n;
		if (rc == 0)
			rc = store_programme_plan_create(
			        s->d->db, s->d->a, &p, &s->plan[y][1], s->d->e);
	}
	return demo_context(s->d, rc, "Kế hoạch khuyến công tỉnh Lào Cai");
}

static const char *const suppliers[] = {"Công ty TNHH Thiết bị công nghiệp Phú Thành",
        "Công ty Cổ phần Máy nông nghiệp Hưng Long", "Công ty TNHH Cơ khí chế tạo Đông Đô"};

static int invoice(Lc *s, int64_t project, int64_t line, const char *day, int64_t amount)
{
	Invoice x = store_finance_invoice_blank();
	x.project_id = project;
	x.cost_line_id = line;
	x.number = demo_str(s->d, "%07d", (int)demo_pick(s->d, 1, 9999999));
	x.issued_on = day;
	x.amount = amount;
	int k = (int)demo_pick(s->d, 0, 2);
	x.supplier = suppliers[k];
	x.tax_code = demo_str(s->d, "01%08d", 10452177 + 3511 * k);
	return store_finance_invoice_add(s->d->db, s->d->a, &x, &s->d->last_id, s->d->e);
}

/* The machine's invoice, dated within the đề án's fiscal year. */
static int machine_invoice(Lc *s, const DemoRun *r, int64_t id)
{
	CostLineList lines;
	int rc = store_finance_line_list(s->d->db, id, &s->d->arena, &lines, s->d->e);
	if (rc || lines.n == 0)
		return rc;
	int64_t cost =
	        lines.v[0].eligible_cost > 0 ? lines.v[0].eligible_cost : lines.v[0].approved;
	char day[STORE_DATE_LEN];
	demo_day(s->d, r->p.start_year, 5, 9, day);
	return invoice(s, id, lines.v[0].id, day, cost);
}

/* The invoice problem (DOMAIN §4.4): bought on credit in November 2022 for a
 * đề án of 2023 whose costs count from March; carried over into 2024 to buy
 * the rest, the window extended to 30/6/2024; 60 % of the support paid. */
static int invoice_problem(Lc *s, DemoRun *r, int64_t *id)
{
	Demo *d = s->d;
	r->carried_over = true;
	r->reason_code = "invoice_outside_fiscal_year";
	r->reason = "Cơ sở vay vốn mua máy từ tháng 11/2022, hóa đơn ngoài năm tài chính 2023;"
	            " gia hạn sang năm 2024 để đầu tư bổ sung thiết bị";
	r->lines[0].paid = demo_round(r->lines[0].amount * 60 / 100, 1000);
	int rc = demo_project(d, r, id);
	CostLineList lines;
	if (rc == 0)
		rc = store_finance_line_list(d->db, *id, &d->arena, &lines, d->e);
	int64_t cost = rc == 0 ? lines.v[0].eligible_cost : 0;
	if (rc == 0)
		rc = invoice(
		        s, *id, lines.v[0].id, "2022-11-15", demo_round(cost * 55 / 100, 1000));
	if (rc == 0)
		rc = invoice(
		        s, *id, lines.v[0].id, "2023-06-10", demo_round(cost * 20 / 100, 1000));
	if (rc == 0)
		rc = invoice(
		        s, *id, lines.v[0].id, "2024-03-12", demo_round(cost * 25 / 100, 1000));
	Project p;
	if (rc == 0)
		rc = store_project_get(d->db, *id, &d->arena, &p, d->e);
	if (rc == 0) {
		p.eligible_to = "2024-06-30";
		rc = store_project_update(d->db, d->a, &p, d->e);
	}
	return demo_context(d, rc, r->p.code);
}

/* Machinery from the district budget runs through the district's unit. */
static int by_district(Lc *s, DemoRun *r)
{
	for (int i = 0; i < s->p.n; i++)
		if (!strcmp(s->p.v[i].code, r->p.commune_code))
			return district_unit(s, s->p.v[i].district, &r->p.implementing_id);
	return 0;
}

static int local_work(Lc *s, int i, int k)
{
	Demo *d = s->d;
	int y = local[i].year - FIRST_YEAR;
	int64_t support = s->support[i][k], id;
	DemoRun r;
	int rc = demo_work(d, &s->o, local[i].kind, local[i].year, false, local[i].source, support,
	        demo_work_counterpart(d, local[i].kind, support), &r);
	bool machinery = local[i].kind == WORK_MACHINERY;
	r.p.programme_id = s->programme;
	r.p.plan_id = s->plan[y][0];
	if (machinery) {
		r.p.eligible_from = demo_str(d, "%d-03-01", local[i].year);
		r.p.eligible_to = demo_str(d, "%d-12-31", local[i].year);
	}
	if (rc == 0 && !strcmp(local[i].source, "district"))
		rc = by_district(s, &r);
	if (rc)
		return rc;
	if (machinery && local[i].year == 2023 && !s->invoice_problem_done) {
		s->invoice_problem_done = true;
		return invoice_problem(s, &r, &id);
	}
	if ((rc = demo_project(d, &r, &id)) == 0 && machinery)
		rc = machine_invoice(s, &r, id);
	return rc ? rc : demo_work_records(d, &s->o, local[i].kind, local[i].year, id);
}

/* Product development for tea (P21_03): design, packaging and trademarks for
 * three establishments. */
static int tea_products(Lc *s, DemoRun *r, int64_t support)
{
	r->p.title = "Hỗ trợ thiết kế mẫu mã, bao bì và đăng ký nhãn hiệu cho sản phẩm chè";
	r->p.type = "group";
	int tea = demo_trade(&s->reg, "chè");
	for (int i = 0; i < 3; i++)
		r->beneficiaries[r->n_beneficiaries++] =
		        demo_beneficiary(s->d, &s->reg, tea, true)->id;
	demo_lines(r, "central", "Thiết kế mẫu mã, bao bì, nhãn mác; đăng ký nhãn hiệu", support,
	        "Cơ sở chi in ấn bao bì", demo_round(support * 30 / 100, TRIEU));
	r->outputs[r->n_outputs++] = (DemoOutput){"brands_registered", 3, 3};
	return 0;
}

static int national_work(Lc *s, size_t i)
{
	Demo *d = s->d;
	int y = national[i].year - FIRST_YEAR;
	int64_t support = national[i].support, id;
	DemoRun r;
	int rc;
	bool machinery = !strcmp(national[i].activity, "P21_01");
	if (machinery)
		rc = demo_work(d, &s->o, WORK_MACHINERY, national[i].year, true, "central", support,
		        demo_work_counterpart(d, WORK_MACHINERY, support), &r);
	else {
		demo_work_run(d, &s->o, WORK_MACHINERY, national[i].year, true, &r);
		rc = tea_products(s, &r, support);
	}
	r.p.activity_code = national[i].activity;
	r.p.plan_id = s->plan[y][1];
	if (machinery) {
		r.p.eligible_from = demo_str(d, "%d-03-01", national[i].year);
		r.p.eligible_to = demo_str(d, "%d-12-31", national[i].year);
	}
	if (rc == 0)
		rc = demo_project(d, &r, &id);
	return rc == 0 && machinery ? machine_invoice(s, &r, id) : rc;
}

int demo_lao_cai(Demo *d)
{
	Lc *s = arena_alloc(&d->arena, sizeof *s);
	s->d = d;
	s->p = (DemoProvince){"10", "tỉnh Lào Cai", "Thôn", "Tổ dân phố", "53", 802113, 60, people};
	s->reg = (DemoRegistry){&s->p, trades, (int)(sizeof trades / sizeof trades[0])};
	s->o = (DemoOffice){&s->reg, "LC", .centre_doc = "BBNT-SCT", .vocations = vocations,
	        .fairs = fairs, .tour_places = "Yên Bái, Phú Thọ", .women_pct = 80,
	        .minority_pct = 75, .first_year = FIRST_YEAR};
	demo_seed(d, 0x1A0CA1010ULL);
	int rc = demo_province(d, &s->p);
	if (rc == 0)
		rc = demo_establishments(d, &s->reg, 140, 0);
	if (rc == 0)
		rc = load_orgs(s);
	if (rc == 0)
		rc = load_programme(s);
	split_support(s);
	if (rc == 0)
		rc = load_plans(s);
	for (size_t i = 0; rc == 0 && i < sizeof national / sizeof national[0]; i++)
		rc = national_work(s, i);
	for (int i = 0; rc == 0 && i < N_ROWS; i++)
		for (int k = 0; rc == 0 && k < local[i].n; k++)
			rc = local_work(s, i, k);
	return demo_context(d, rc, "Lào Cai");
}
