/* io_demo_thanhhoa.c — Thanh Hóa (legacy province 38, unchanged in 2025),
 * from seed002 ("Thanh Hóa: Hỗ trợ thiết thực cơ sở công nghiệp nông thôn",
 * congthuong.vn, mid-2018).
 *
 * In 2017 and the first half of 2018 the Trung tâm Khuyến công và Tiết kiệm
 * năng lượng carried out 39 đề án (002-01), 5 of them national in 2018
 * (002-02): the forestry-processing đề án of 2018–2020 (002-03) and machinery
 * for 4 units (002-04). Everything else — the split by year, level and kind,
 * who benefited, the money — is invented. The đề án of 2018 were approved
 * in its first half; all were completed later (accepted, settled). */
#include "io/io_demo_kit.h"

/* The 39 đề án (002-01): 25 in 2017, 14 approved in the first half of 2018,
 * of which KCQG 5 (002-02) = the forestry đề án (002-03) + 4 machinery
 * (002-04). */
static const struct {
	int year;
	bool national;
	DemoWork kind;
	int n;
} work[] = {
        {2017, true, WORK_MACHINERY, 3},
        {2017, true, WORK_DEMO_MODEL, 1},
        {2017, false, WORK_MACHINERY, 13},
        {2017, false, WORK_VOCATIONAL, 4},
        {2017, false, WORK_FAIR, 2},
        {2017, false, WORK_INFO, 1},
        {2017, false, WORK_SELECTION, 1},
        {2018, true, WORK_MACHINERY, 4}, /* 002-04 */
        {2018, false, WORK_MACHINERY, 6},
        {2018, false, WORK_VOCATIONAL, 2},
        {2018, false, WORK_FAIR, 1},
};

/* 002-03: a flagship (đề án điểm) over three years for wood processors. */
#define FORESTRY_TITLE                                                                             \
	"Hỗ trợ các cơ sở CNNT trên địa bàn phát triển chế biến lâm sản giai đoạn 2018-2020"
enum { FORESTRY_ESTABLISHMENTS = 5 };

static const char *const people[] = {"Lê", "Nguyễn", "Trịnh", "Hoàng", "Phạm", "Trần", "Đỗ", "Mai",
        "Lò", "Hà", "Cầm", "Vũ", "Bùi", "Đặng", NULL};

static const DemoTrade trades[] = {
        {"chế biến lâm sản", "Chế biến lâm sản", "chế biến gỗ, ván ép",
                "dây chuyền bóc, sấy, ép ván gỗ rừng trồng", {NULL}, "S01_AGRO_FOOD", "other", 14},
        {"mây tre đan", "Mây tre đan", "sản xuất hàng mây tre đan", "máy chẻ nan, máy sấy",
                {"Giỏ mây tre đan", "Khay tre đan"}, "S07_HANDICRAFT", "handicraft", 10},
        {"chiếu cói", "Cói mỹ nghệ", "dệt chiếu, sản phẩm cói", "máy dệt chiếu cói",
                {"Chiếu cói", "Thảm cói"}, "S07_HANDICRAFT", "handicraft", 9},
        {"nước mắm", "Nước mắm", "sản xuất nước mắm", "hệ thống lọc, máy chiết rót nước mắm",
                {"Nước mắm cá cơm"}, "S01_AGRO_FOOD", "food", 6},
        {"nem chua", "Thực phẩm", "sản xuất nem chua", "máy xay, máy đóng gói hút chân không",
                {"Nem chua"}, "S01_AGRO_FOOD", "food", 6},
        {"bánh gai", "Bánh truyền thống", "sản xuất bánh gai", "máy xay bột, nồi hấp công nghiệp",
                {"Bánh gai"}, "S01_AGRO_FOOD", "food", 5},
        {"cơ khí", "Cơ khí", "gia công cơ khí", "máy tiện, máy phay, máy hàn tự động",
                {"Máy tuốt lúa"}, "S05_MECH_ELEC_IT", "machinery", 8},
        {"gạch không nung", "Vật liệu xây dựng", "sản xuất gạch không nung",
                "máy ép gạch không nung", {NULL}, "S04_BUILDING_MATERIALS", "other", 8},
        {"may", "May mặc", "may mặc", "máy may công nghiệp, máy cắt vải", {NULL},
                "S02_CONSUMER_EXPORT", "other", 9},
        {"đá mỹ nghệ", "Đá mỹ nghệ", "chế tác đá mỹ nghệ", "máy cắt, máy mài đá CNC",
                {"Tượng đá mỹ nghệ"}, "S07_HANDICRAFT", "handicraft", 5},
        {"xay xát", "Xay xát", "xay xát lương thực", "máy xát, máy đánh bóng gạo", {NULL},
                "S01_AGRO_FOOD", "food", 8},
        {"chế biến nông sản", "Chế biến nông sản", "chế biến nông sản",
                "máy sấy, máy nghiền nông sản", {"Tinh bột sắn"}, "S01_AGRO_FOOD", "food", 6},
};

static const char *const vocations[] = {
        "mây tre đan", "dệt chiếu cói", "may công nghiệp", "thêu ren", NULL};
static const char *const fairs[] = {"Hội chợ Công Thương khu vực Bắc Trung Bộ",
        "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Bắc",
        "Hội chợ Thương mại - Du lịch tỉnh Thanh Hóa", NULL};

/* Thanh Hóa was left as it was in 2025: its bodies go on. */
static int load_orgs(Demo *d, DemoOffice *o)
{
	int rc = demo_bodies(d, "38", "tỉnh Thanh Hóa", NULL, NULL, &o->ppc, &o->doit);
	return rc ? rc
	          : demo_org(d, "promotion_centre",
	                    "Trung tâm Khuyến công và Tiết kiệm năng lượng tỉnh Thanh Hóa",
	                    "TTKC&TKNL Thanh Hóa", "legacy", "38", NULL, NULL, -1, &o->centre);
}

/* The forestry đề án (002-03): a central support line capped per
 * establishment (TT 28/2018/TT-BTC, rule 2) and the counterpart, for each
 * of five wood processors; accepted at the end of 2020. */
static int forestry(Demo *d, DemoOffice *o)
{
	DemoRun r;
	demo_work_run(d, o, WORK_MACHINERY, 2018, true, &r);
	r.p.title = FORESTRY_TITLE;
	r.p.type = "flagship";
	r.p.end_year = 2020;
	r.inspections = 6;
	int wood = demo_trade(o->reg, "chế biến lâm sản");
	for (int i = 0; i < FORESTRY_ESTABLISHMENTS; i++) {
		DemoEst *x = demo_beneficiary(d, o->reg, wood, i < 2);
		int64_t support = TRIEU * demo_pick(d, 200, 280);
		r.beneficiaries[r.n_beneficiaries++] = x->id;
		demo_machine_lines(&r, "central",
		        demo_str(d, "Hỗ trợ dây chuyền chế biến gỗ rừng trồng (%s)", x->name),
		        support, demo_round(support * demo_pick(d, 200, 400) / 100, TRIEU), 2);
	}
	r.outputs[r.n_outputs++] = (DemoOutput){"machines", -1, FORESTRY_ESTABLISHMENTS};
	return demo_project(d, &r, NULL);
}

int demo_thanh_hoa(Demo *d)
{
	DemoProvince p = {"38", "tỉnh Thanh Hóa", "Thôn", "Khu phố", "28", 561277, 15, people};
	DemoRegistry reg = {&p, trades, (int)(sizeof trades / sizeof trades[0])};
	DemoOffice o = {&reg, "TH", .centre_doc = "BBNT-TTKC", .vocations = vocations,
	        .fairs = fairs, .tour_places = "Nghệ An", .women_pct = 70, .minority_pct = 20,
	        .first_year = 2017};
	demo_seed(d, 0x7A4A0038ULL);
	int rc = demo_province(d, &p);
	if (rc == 0)
		rc = demo_establishments(d, &reg, 160, 0);
	if (rc == 0)
		rc = load_orgs(d, &o);
	/* The forestry đề án is the first of 2018's national ones. */
	for (size_t i = 0; rc == 0 && i < sizeof work / sizeof work[0]; i++) {
		if (work[i].year == 2018 && work[i].national && (rc = forestry(d, &o)))
			break;
		for (int k = 0; rc == 0 && k < work[i].n; k++) {
			DemoRun r;
			int64_t support = demo_work_support(d, work[i].kind, work[i].national), id;
			rc = demo_work(d, &o, work[i].kind, work[i].year, work[i].national,
			        work[i].national ? "central" : "provincial", support,
			        demo_work_counterpart(d, work[i].kind, support), &r);
			if (rc == 0)
				rc = demo_project(d, &r, &id);
			if (rc == 0)
				rc = demo_work_records(d, &o, work[i].kind, work[i].year, id);
		}
	}
	return demo_context(d, rc, "Thanh Hóa");
}
