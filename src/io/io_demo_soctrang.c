/* io_demo_soctrang.c — Sóc Trăng (legacy province 94, in Cần Thơ since
 * 01/7/2025), from seed000 ("Phát huy tốt hiệu quả", 02/07/2019) and seed004
 * (10 years of NĐ 45/2012, 2012–2022 and the 2023 plan).
 *
 * What the articles give is written below with its DOMAIN §7 id; everything
 * else is invented to fit: which year and kind each đề án was, who benefited,
 * the names, the split of the money. Every total is split exactly, so the
 * records add up to the articles' figures. Each of the 223 đề án and 2 kế
 * hoạch of 2012–2022 is completed (accepted, settled); one more đề án of 2017
 * was stopped (seed000: "nhiều đề án phải sửa, thậm chí phải dừng") and is not
 * one of them. */
#include <stdio.h>
#include <string.h>

#include "io/io_demo_kit.h"
#include "store/store_activity.h"
#include "store/store_org.h"
#include "store/store_product.h"
#include "store/store_programme.h"
#include "store/store_project_extra.h"

#define FIRST_YEAR 2012
#define LAST_YEAR  2022
#define YEARS      (LAST_YEAR - FIRST_YEAR + 1)

/* ---- What the articles say --------------------------------------------------------- */

/* What a đề án does; each kind has its activity content, title, beneficiaries,
 * lines and outputs (item() below). */
enum Kind {
	MACHINERY,  /* ứng dụng máy móc thiết bị (C03) */
	DEMO_MODEL, /* mô hình trình diễn kỹ thuật (C03) */
	INFO,       /* thông tin tuyên truyền (C05): 004-24 … 004-29 */
	REGISTRY,   /* khảo sát, cơ sở dữ liệu CNNT (C05): 004-30 */
	CRAFT,      /* truyền nghề bao bì (C01): 004-09 … 004-11 */
	STARTUP,    /* khởi sự doanh nghiệp (C02): 004-13, 004-14 */
	FAIR,       /* hội chợ ngoài tỉnh (C04): 004-19, 004-20, 000-11 */
	SELECTION, /* bình chọn sản phẩm CNNT tiêu biểu (C04): 004-18, 004-21 … 004-23 */
	WEBSITE,   /* website bán hàng (C04): 000-12 */
	WASTEWATER, /* xử lý nước thải (C06): 004-31 */
	CLUSTER,    /* quy hoạch chi tiết cụm công nghiệp (C06): 004-32 */
	CAPACITY, /* năng lực hệ thống khuyến công (C07): 004-33, 004-34, 004-36 … 004-38 */
	KINDS,
	FAIR_PLAN = KINDS, /* a kế hoạch (kind 'plan') of fair participation */
};

/* The completed đề án of each year by level and kind (invented). They add up
 * to 223 đề án (004-03) of which 208 KCĐP (004-05) and 15 KCQG (004-D1), and
 * for 2016–2018 to 66 (000-05): 8 KCQG (000-07) and 58 KCĐP (000-09). The
 * 2019 KCQG đề án is the bánh pía one (000-10). */
static const struct {
	int year;
	int qg_machinery, qg_demo;
	int dp[KINDS]; /* KCĐP, by enum Kind */
} years[YEARS] = {
        /*                 M   D info reg craft start fair sel web waste clus cap */
        {2012, 0, 0, /**/ {14, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0}}, /* 16 */
        {2013, 0, 1, /**/ {14, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1}}, /* 18 */
        {2014, 1, 0, /**/ {18, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0}}, /* 20 */
        {2015, 1, 0, /**/ {17, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1}}, /* 22 */
        {2016, 2, 1, /**/ {14, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1}}, /* 19 */
        {2017, 1, 1, /**/ {15, 1, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1}}, /* 20 */
        {2018, 2, 1, /**/ {14, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1}}, /* 19 */
        {2019, 1, 0, /**/ {12, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0, 1}}, /* 20 */
        {2020, 1, 0, /**/ {12, 1, 1, 0, 0, 0, 1, 1, 0, 0, 1, 1}}, /* 18 */
        {2021, 0, 1, /**/ {12, 0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 1}}, /* 16 */
        {2022, 1, 0, /**/ {15, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 1}}, /* 20 */
};

/* The 2 kế hoạch (004-02, 004-04), one of them in 2016–2018 (000-04, 000-08). */
static const int plan_years[] = {2014, 2017};

/* The money of the completed work (004-07: 20.253,331 triệu đồng support;
 * 004-08: 73.738,019 triệu đồng counterpart), split by period and level
 * (invented) so that 2016–2018 totals 51.154,920 triệu đồng ("trên 51,154 tỷ
 * đồng", 000-06). Each share is split again among the đề án of its group. */
static const struct {
	bool in_2016_2018, national;
	int64_t support, counterpart;
} money[] = {
        {true, true, 2238500000, 13420500000},
        {true, false, 5624620000, 29871300000},
        {false, true, 1985000000, 8106000000},
        {false, false, 10405211000, 22340219000},
};

/* The bánh pía đề án (000-10): 300 triệu đồng support (000-14), three
 * establishments, accepted in the second half of 2019 (000-13). */
#define BANH_PIA_TITLE                                                                                                        \
	"Hỗ trợ ứng dụng máy móc, thiết bị tiên tiến trong sản xuất bánh pía - lạp xưởng - bánh" \
	" phồng tôm"
static const struct {
	const char *trade;
	int64_t support, counterpart;
} banh_pia[] = {
        {"bánh pía", 100000000, 340000000},
        {"lạp xưởng", 100000000, 330000000},
        {"bánh phồng tôm", 100000000, 350000000},
};

/* Stable jobs from demonstration models and machinery: "khoảng 2.520 lao
 * động" (004-15), split among those đề án. */
#define STABLE_JOBS 2520

/* Information work by year: 35 chuyên trang (004-24), 200 cẩm nang (004-25),
 * 5.500 bìa gấp (004-26), 2.000 cơ sở written to (004-27), 17.750 tờ báo
 * (004-28), 42 chương trình (004-29). */
static const struct {
	int year, pages, handbooks, leaflets, letters, newspapers, programmes;
} media[YEARS] = {
        {2012, 3, 0, 1000, 0, 1500, 4},
        {2013, 3, 0, 0, 1000, 1600, 4},
        {2014, 3, 100, 1000, 0, 1600, 4},
        {2015, 3, 0, 0, 0, 1650, 4},
        {2016, 3, 0, 1000, 0, 1650, 4},
        {2017, 4, 0, 0, 0, 1650, 4},
        {2018, 4, 0, 1000, 1000, 1650, 4},
        {2019, 3, 100, 0, 0, 1650, 4},
        {2020, 3, 0, 1500, 0, 1600, 3},
        {2021, 3, 0, 0, 0, 1600, 3},
        {2022, 3, 0, 0, 0, 1600, 4},
};

/* The survey of 2018 and its supplement of 2019: 3.209 establishments
 * (004-30), split between the two (invented). */
static const struct {
	int year, establishments;
} surveys[] = {{2018, 2874}, {2019, 335}};

/* The capacity đề án by year: 17 classes (004-33) with 892 trainee turns
 * (004-34); 7 study tours (004-36) of 79 people (004-37) to the 9 provinces
 * of 004-38 (Bình Thuận for cleaner production). */
static const struct {
	int year, classes, turns, tour_people;
	const char *places;
} capacity[] = {
        {2013, 2, 96, 12, "Khánh Hòa"},
        {2015, 2, 104, 11, "Bà Rịa - Vũng Tàu"},
        {2016, 2, 98, 10, "Lâm Đồng"},
        {2017, 2, 102, 12, "An Giang, Kiên Giang"},
        {2018, 2, 110, 11, "Long An, Bến Tre"},
        {2019, 2, 106, 12, "Cà Mau"},
        {2020, 1, 58, 11, "Bình Thuận"},
        {2021, 2, 108, 0, NULL},
        {2022, 2, 110, 0, NULL},
};

/* Fairs outside the province: 45 establishments (004-19) at 34 booths
 * (004-20); the southern regional fair of 2019 with 3 establishments, before
 * the end of June (000-11). A kế hoạch takes part in two fairs. Names and
 * places are invented. */
static const struct {
	int year;
	bool plan;
	const char *name, *place, *scope;
	int booths, participations;
} fairs[] = {
        {2012, false, "Hội chợ Thương mại - Công nghiệp nông thôn Đồng bằng sông Cửu Long",
                "Thành phố Cần Thơ", "regional", 3, 4},
        {2013, false, "Hội chợ Công Thương vùng Đồng bằng sông Cửu Long", "Tỉnh Vĩnh Long",
                "regional", 3, 4},
        {2014, true, "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu toàn quốc",
                "Thành phố Hồ Chí Minh", "national", 4, 4},
        {2014, true, "Hội chợ Thương mại Đồng bằng sông Cửu Long", "Tỉnh Cà Mau", "regional", 2, 3},
        {2015, false, "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Nam",
                "Tỉnh Tiền Giang", "regional", 3, 4},
        {2016, false, "Hội chợ Công nghiệp - Thương mại vùng Đồng bằng sông Cửu Long",
                "Tỉnh An Giang", "regional", 3, 4},
        {2017, true, "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu toàn quốc",
                "Thành phố Hà Nội", "national", 4, 5},
        {2017, true, "Hội chợ Công Thương vùng Đồng bằng sông Cửu Long", "Tỉnh Bạc Liêu",
                "regional", 2, 3},
        {2018, false, "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Nam",
                "Tỉnh Bến Tre", "regional", 3, 4},
        {2019, false,
                "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Nam năm 2019",
                "Tỉnh Long An", "regional", 2, 3},
        {2020, false, "Hội chợ Thương mại - Du lịch Đồng bằng sông Cửu Long", "Thành phố Cần Thơ",
                "regional", 2, 3},
        {2022, false, "Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu khu vực phía Nam",
                "Tỉnh Đồng Tháp", "regional", 3, 4},
};

/* The rounds of typical products: 63 provincial (004-21), 13 regional
 * (004-22), 5 national (004-23) certificates; 31 registrations for the
 * regional and national rounds (004-18), each year's by its đề án. The
 * province chooses in odd years and sends its best to the regional round
 * that year and to the national round the year after (invented). */
static const struct {
	int year, provincial, regional, national, registered;
} rounds[] = {
        {2015, 15, 3, 0, 5},
        {2016, 0, 0, 1, 2},
        {2017, 16, 3, 0, 6},
        {2018, 0, 0, 1, 2},
        {2019, 17, 4, 0, 7},
        {2020, 0, 0, 2, 2},
        {2021, 15, 3, 0, 6},
        {2022, 0, 0, 1, 1},
};

/* Craft transmission: 2 classes (004-09) of packaging for 60 workers
 * (004-10), all employed after (004-11); start-up training: 2 classes
 * (004-13) of 76 (004-14). */
static const struct {
	const char *kind, *title;
	int trainees, jobs;
} courses[] = {
        {"craft_transmission", "Lớp truyền nghề sản xuất bao bì giấy (lớp 1)", 30, 30},
        {"craft_transmission", "Lớp truyền nghề sản xuất bao bì giấy (lớp 2)", 30, 30},
        {"startup", "Lớp tập huấn khởi sự doanh nghiệp (lớp 1)", 38, -1},
        {"startup", "Lớp tập huấn khởi sự doanh nghiệp (lớp 2)", 38, -1},
};

/* Websites for 4 establishments (000-12); wastewater systems for 3 food
 * processors (004-31); detailed plans of 2 industrial clusters (004-32). */
enum { WEBSITES = 4, CLUSTER_PLANS = 2 };

/* 1.109 inspections (004-35): 2 to 4 of each đề án and kế hoạch while it
 * ran, the rest of the province's khuyến công as a whole. */
#define INSPECTIONS 1109

/* The programme 2016–2020 (000-01 … 000-03) and the 2023 plan (004-39 …
 * 004-41) are in load_programme and load_plans_2023; the figures reported as
 * numbers (000-13 … 000-16, 004-12, 004-16, 004-17, 004-38, 004-41) in
 * figures[]. */

/* ---- The province ------------------------------------------------------------------ */

static const char *const people[] = {"Nguyễn", "Trần", "Lê", "Lâm", "Huỳnh", "Phạm", "Võ", "Thạch",
        "Sơn", "Lý", "Trương", "Dương", "Kim", "Đặng", "Tăng", "Danh", "Quách", NULL};

static const DemoTrade trades[] = {
        {"xay xát", "Xay xát lúa gạo", "xay xát, lau bóng gạo", "máy lau bóng gạo, máy tách màu",
                {"Gạo thơm ST25 đóng túi", "Gạo thơm đặc sản"}, "S01_AGRO_FOOD", "food", 13},
        {"nước đá", "Nước đá", "sản xuất nước đá", "hệ thống máy làm nước đá viên", {NULL},
                "S01_AGRO_FOOD", "food", 8},
        {"nước uống", "Nước uống tinh khiết", "sản xuất nước uống đóng chai",
                "dây chuyền lọc, chiết rót nước uống đóng chai", {"Nước uống tinh khiết"},
                "S01_AGRO_FOOD", "food", 7},
        {"bánh pía", "Bánh pía", "sản xuất bánh pía", "lò nướng, máy đóng gói bánh pía",
                {"Bánh pía sầu riêng trứng muối", "Bánh pía đậu xanh sầu riêng", "Bánh pía kim sa"},
                "S01_AGRO_FOOD", "food", 6},
        {"lạp xưởng", "Lạp xưởng", "sản xuất lạp xưởng", "máy xay, máy nhồi, tủ sấy lạp xưởng",
                {"Lạp xưởng tươi", "Lạp xưởng tôm"}, "S01_AGRO_FOOD", "food", 4},
        {"bánh phồng tôm", "Bánh phồng tôm", "sản xuất bánh phồng tôm",
                "máy cán, máy sấy bánh phồng tôm", {"Bánh phồng tôm", "Bánh phồng tôm đặc biệt"},
                "S01_AGRO_FOOD", "food", 3},
        {"kẹo", "Bánh kẹo", "sản xuất kẹo, bánh truyền thống", "máy nấu, máy cắt kẹo",
                {"Kẹo pía", "Bánh in", "Mè láng"}, "S01_AGRO_FOOD", "food", 3},
        {"thủy sản khô", "Chế biến thủy sản", "chế biến tôm, cá khô", "tủ sấy, máy hút chân không",
                {"Tôm khô", "Khô cá lóc", "Khô cá sặc"}, "S01_AGRO_FOOD", "food", 6},
        {"nước mắm", "Nước mắm", "sản xuất nước mắm", "hệ thống lọc, máy chiết rót nước mắm",
                {"Nước mắm cá cơm", "Mắm bò hóc"}, "S01_AGRO_FOOD", "food", 3},
        {"bún, bánh tráng", "Bún bánh tráng", "sản xuất bún, bánh tráng",
                "máy tráng bánh, máy ép bún", {"Bánh tráng", "Bún tươi"}, "S01_AGRO_FOOD", "food",
                4},
        {"muối", "Chế biến muối", "chế biến muối", "máy nghiền, máy sấy muối", {"Muối sấy i-ốt"},
                "S01_AGRO_FOOD", "food", 2},
        {"rượu", "Rượu", "nấu rượu", "nồi chưng cất, máy lọc rượu", {"Rượu nếp"}, "S01_AGRO_FOOD",
                "food", 3},
        {"thức ăn chăn nuôi", "Thức ăn chăn nuôi", "sản xuất thức ăn chăn nuôi",
                "máy ép viên thức ăn chăn nuôi", {NULL}, "S01_AGRO_FOOD", "other", 3},
        {"cơ khí", "Cơ khí", "gia công cơ khí, chế tạo máy nông nghiệp", "máy tiện, máy phay CNC",
                {"Máy sấy lúa", "Máy xới đất"}, "S05_MECH_ELEC_IT", "machinery", 7},
        {"mộc", "Đồ gỗ", "sản xuất đồ gỗ gia dụng", "máy cưa, máy bào, máy chà nhám",
                {"Bộ bàn ghế gỗ"}, "S02_CONSUMER_EXPORT", "other", 6},
        {"may", "May mặc", "may mặc", "máy may công nghiệp, máy vắt sổ", {NULL},
                "S02_CONSUMER_EXPORT", "other", 6},
        {"gạch không nung", "Vật liệu xây dựng", "sản xuất gạch không nung",
                "máy ép gạch không nung", {NULL}, "S04_BUILDING_MATERIALS", "other", 5},
        {"ống cống", "Bê tông", "sản xuất ống cống, cấu kiện bê tông",
                "máy trộn, khuôn rung ống cống", {NULL}, "S04_BUILDING_MATERIALS", "other", 4},
        {"bao bì", "Bao bì", "in ấn, sản xuất bao bì", "máy in, máy dán túi giấy",
                {"Túi giấy kraft"}, "S02_CONSUMER_EXPORT", "other", 3},
        {"lục bình", "Thủ công mỹ nghệ", "đan lát lục bình", "máy sấy, máy ép sợi lục bình",
                {"Giỏ lục bình", "Thảm lục bình"}, "S07_HANDICRAFT", "handicraft", 3},
};

enum { N_TRADES = sizeof trades / sizeof trades[0] };

/* Who the demo names in Sóc Trăng. */
typedef struct St {
	Demo *d;
	DemoProvince p;
	DemoRegistry reg;
	int64_t ppc, doit, centre, newspaper, programme;
	int seq[2][YEARS];   /* đề án numbered per level and year */
	int64_t regional[8]; /* products certified at the regional round last */
	int n_regional;
} St;

/* Sóc Trăng's bodies; its People's Committee and Department of Industry and
 * Trade handed over to Cần Thơ's on 01/7/2025 (DOMAIN §6). */
static int load_orgs(St *s)
{
	Demo *d = s->d;
	int rc = demo_bodies(
	        d, "94", "tỉnh Sóc Trăng", "92", "thành phố Cần Thơ", &s->ppc, &s->doit);
	if (rc == 0)
		rc = demo_org(d, "promotion_centre",
		        "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp tỉnh Sóc Trăng",
		        "TTKC&TVPTCN Sóc Trăng", "legacy", "94", NULL, NULL, -1, &s->centre);
	return rc ? rc
	          : demo_org(d, "partner", "Báo Sóc Trăng", NULL, "legacy", "94", NULL, NULL, -1,
	                    &s->newspaper);
}

/* "Chương trình khuyến công tỉnh Sóc Trăng giai đoạn 2016 - 2020": 162 đề án
 * (000-01), 25 tỷ đồng (000-02), 125,92 tỷ đồng counterpart (000-03). */
static int load_programme(St *s)
{
	ProgrammeTarget targets[] = {
	        {"projects_count", 162, NULL, "mục tiêu thực hiện 162 đề án"},
	        {"support_amount", 25 * TY, NULL, "kinh phí 25 tỷ đồng"},
	        {"counterpart_amount", 125920000000, NULL,
	                "thu hút 125,92 tỷ đồng vốn đối ứng từ các đơn vị thụ hưởng"},
	};
	return demo_programme(s->d, "94",
	        "Chương trình khuyến công tỉnh Sóc Trăng giai đoạn 2016 - 2020", 2016, 2020,
	        "seed000: Sở Công Thương Sóc Trăng, \"Phát huy tốt hiệu quả\", 02/07/2019", targets,
	        (int)(sizeof targets / sizeof targets[0]), &s->programme);
}

/* ---- Đề án ------------------------------------------------------------------------- */

/* One piece of work before it is written: its year, level, kind and money. */
typedef struct Item {
	int year;
	bool national;
	int kind;   /* enum Kind, or FAIR_PLAN */
	bool fixed; /* its money is set, not split (the bánh pía đề án) */
	int64_t support, counterpart;
	int64_t jobs; /* stable jobs (004-15) */
} Item;

/* Weights of the split (triệu đồng) and the counterpart per support (%). */
static const struct {
	const char *activity;
	int64_t lo, hi, ratio_lo, ratio_hi;
} spec[KINDS + 1] = {
        [MACHINERY] = {"C03_DEMO_TECH", 40, 160, 250, 600},
        [DEMO_MODEL] = {"C03_DEMO_TECH", 150, 400, 450, 800},
        [INFO] = {"C05_CONSULT_INFO", 60, 150, 0, 0},
        [REGISTRY] = {"C05_CONSULT_INFO", 100, 300, 0, 0},
        [CRAFT] = {"C01_TRAINING", 80, 120, 10, 30},
        [STARTUP] = {"C02_MANAGEMENT", 50, 80, 0, 0},
        [FAIR] = {"C04_PRODUCT_MARKET", 60, 150, 20, 60},
        [SELECTION] = {"C04_PRODUCT_MARKET", 80, 200, 0, 0},
        [WEBSITE] = {"C04_PRODUCT_MARKET", 40, 80, 30, 100},
        [WASTEWATER] = {"C06_LINKAGE_CLUSTER_ENV", 200, 400, 150, 300},
        [CLUSTER] = {"C06_LINKAGE_CLUSTER_ENV", 500, 800, 0, 0},
        [CAPACITY] = {"C07_SYSTEM_CAPACITY", 60, 150, 0, 0},
        [FAIR_PLAN] = {"C04_PRODUCT_MARKET", 150, 250, 20, 60},
};

/* The 223 đề án and 2 kế hoạch fit with room to spare; the arrays of the
 * splits below are as large. */
enum { MAX_ITEMS = 256 };

static void add_item(Item *v, int *n, int year, bool national, int kind)
{
	if (*n < MAX_ITEMS)
		v[(*n)++] = (Item){year, national, kind};
}

/* Every completed piece of work of 2012–2022, in order of year. */
static int list_items(Item *v)
{
	int n = 0;
	for (int y = 0; y < YEARS; y++) {
		for (int k = 0; k < years[y].qg_machinery; k++)
			add_item(v, &n, years[y].year, true, MACHINERY);
		for (int k = 0; k < years[y].qg_demo; k++)
			add_item(v, &n, years[y].year, true, DEMO_MODEL);
		for (int kind = 0; kind < KINDS; kind++)
			for (int k = 0; k < years[y].dp[kind]; k++)
				add_item(v, &n, years[y].year, false, kind);
		for (size_t k = 0; k < sizeof plan_years / sizeof plan_years[0]; k++)
			if (plan_years[k] == years[y].year)
				add_item(v, &n, years[y].year, false, FAIR_PLAN);
	}
	return n;
}

static bool in_group(const Item *it, int g)
{
	bool in_2016_2018 = it->year >= 2016 && it->year <= 2018;
	return in_2016_2018 == money[g].in_2016_2018 && it->national == money[g].national;
}

static bool is_banh_pia(const Item *it)
{
	return it->national && it->year == 2019 && it->kind == MACHINERY;
}

/* Gives each item its support and counterpart: the group's total less the
 * fixed items', split by weights drawn for the kind. */
static void split_money(Demo *d, Item *v, int n)
{
	int64_t w[MAX_ITEMS], share[MAX_ITEMS];
	int idx[MAX_ITEMS];
	for (size_t g = 0; g < sizeof money / sizeof money[0]; g++) {
		int m = 0;
		int64_t support = money[g].support, counterpart = money[g].counterpart;
		for (int i = 0; i < n; i++) {
			if (!in_group(&v[i], (int)g))
				continue;
			if (is_banh_pia(&v[i])) {
				v[i].fixed = true;
				for (size_t b = 0; b < sizeof banh_pia / sizeof banh_pia[0]; b++) {
					v[i].support += banh_pia[b].support;
					v[i].counterpart += banh_pia[b].counterpart;
				}
				support -= v[i].support, counterpart -= v[i].counterpart;
				continue;
			}
			int k = v[i].kind;
			bool big = v[i].national; /* a national đề án is larger */
			idx[m] = i;
			w[m++] = demo_pick(d, big ? spec[k].lo * 9 / 4 : spec[k].lo,
			        big ? spec[k].hi * 2 : spec[k].hi);
		}
		demo_split(support, w, (size_t)m, TRIEU, share);
		for (int j = 0; j < m; j++) {
			int k = v[idx[j]].kind;
			v[idx[j]].support = share[j];
			w[j] = spec[k].ratio_hi
			               ? share[j] / TRIEU *
			                         demo_pick(d, spec[k].ratio_lo, spec[k].ratio_hi)
			               : 0;
			if (spec[k].ratio_hi && w[j] == 0)
				w[j] = 1;
		}
		demo_split(counterpart, w, (size_t)m, TRIEU, share);
		for (int j = 0; j < m; j++)
			v[idx[j]].counterpart = share[j];
	}
}

/* Stable jobs (004-15) among the machinery and demonstration đề án. */
static void split_jobs(Demo *d, Item *v, int n)
{
	int64_t w[MAX_ITEMS], share[MAX_ITEMS];
	int idx[MAX_ITEMS], m = 0;
	for (int i = 0; i < n; i++)
		if (v[i].kind == MACHINERY || v[i].kind == DEMO_MODEL) {
			idx[m] = i;
			w[m++] = v[i].kind == DEMO_MODEL ? demo_pick(d, 20, 40)
			                                 : demo_pick(d, 5, 25);
		}
	demo_split(STABLE_JOBS, w, (size_t)m, 1, share);
	for (int j = 0; j < m; j++)
		v[idx[j]].jobs = share[j];
}

/* The run every Sóc Trăng piece of work starts from. */
static DemoRun base_run(St *s, const Item *it)
{
	DemoRun r = demo_run_blank();
	int y = it->year - FIRST_YEAR;
	int no = ++s->seq[it->national][y];
	r.p.code = it->kind == FAIR_PLAN ? demo_str(s->d, "KH-%d-ST-%02d", it->year, no)
	                                 : demo_str(s->d, "%s-%d-ST-%03d",
	                                           it->national ? "KCQG" : "KCDP", it->year, no);
	r.p.kind = it->kind == FAIR_PLAN ? "plan" : "project";
	r.p.level = it->national ? "national" : "local";
	r.p.activity_code = spec[it->kind].activity;
	r.p.province_list = "legacy", r.p.province_code = "94";
	r.p.implementing_id = s->centre;
	r.p.registration_year = it->year - 1;
	r.p.start_year = r.p.end_year = it->year;
	if (it->national)
		r.p.programme_id = it->year >= 2021   ? s->d->qg_2021_2025
		                   : it->year >= 2014 ? s->d->qg_to_2020
		                                      : -1;
	else if (it->year >= 2016 && it->year <= 2020)
		r.p.programme_id = s->programme;
	r.final = it->year < 2022 ? "settled" : "accepted";
	r.inspections = (int)demo_pick(s->d, 2, 4);
	r.approver = it->national ? s->d->moit : s->ppc;
	r.centre = s->centre;
	r.approval = it->national ? "QĐ-BCT" : "QĐ-UBND";
	r.settle = !it->national ? "QĐ-SCT" : it->year < 2017 ? "QĐ-CNĐP" : "QĐ-CTĐP";
	return r;
}

/* The state line of a piece of work that is not machinery, and what the
 * establishments pay themselves (transport, booths and the like). */
static void plain_lines(DemoRun *r, const Item *it, const char *item, const char *own)
{
	demo_lines(r, it->national ? "central" : "provincial", item, it->support, own,
	        it->counterpart);
}

static const char *const wastewater_trades[] = {"thủy sản khô", "bún, bánh tráng", "lạp xưởng"};
static const char *const website_trades[WEBSITES] = {
        "bánh pía", "lạp xưởng", "bánh phồng tôm", "kẹo"};

/* Machinery, a demonstration model or a wastewater system at one
 * establishment. */
static int one_establishment(St *s, const Item *it, DemoRun *r, int *wastewater)
{
	Demo *d = s->d;
	const char *source = it->national ? "central" : "provincial";
	if (it->kind != WASTEWATER) {
		bool model = it->kind == DEMO_MODEL;
		return demo_machinery(d, &s->reg, r, -1, it->national || model, source, it->support,
		               it->counterpart, model, it->jobs)
		               ? 0
		               : err_set(d->e, KC_ENOTFOUND,
		                         "demo: no establishment with a machine");
	}
	int t = demo_trade(&s->reg, wastewater_trades[(*wastewater)++ % 3]);
	DemoEst *x = demo_beneficiary(d, &s->reg, t, true);
	if (!x)
		return err_set(d->e, KC_ENOTFOUND, "demo: no food processor");
	demo_for(r, &s->reg, x);
	r->p.title = demo_str(d, "Hỗ trợ xây dựng hệ thống xử lý nước thải trong %s tại %s",
	        trades[t].work, x->name);
	demo_machine_lines(r, source, "Hệ thống xử lý nước thải", it->support, it->counterpart, -1);
	r->outputs[r->n_outputs++] = (DemoOutput){"pollution_systems", 1, 1};
	return 0;
}

/* The bánh pía đề án: a group đề án of three establishments, a support line
 * and a counterpart line for each (a capped line covers one establishment). */
static int banh_pia_run(St *s, const Item *it, DemoRun *r)
{
	r->p.title = BANH_PIA_TITLE;
	r->p.type = "group";
	for (size_t b = 0; b < sizeof banh_pia / sizeof banh_pia[0]; b++) {
		int t = demo_trade(&s->reg, banh_pia[b].trade);
		const DemoTrade *tr = &trades[t];
		DemoEst *x = demo_beneficiary(s->d, &s->reg, t, true);
		r->beneficiaries[r->n_beneficiaries++] = x->id;
		demo_machine_lines(r, "central",
		        demo_str(s->d, "Hỗ trợ %s (%s)", tr->machine, x->name), banh_pia[b].support,
		        banh_pia[b].counterpart, 2);
	}
	r->outputs[r->n_outputs++] = (DemoOutput){"stable_jobs", -1, it->jobs};
	r->outputs[r->n_outputs++] = (DemoOutput){"machines", -1, 3};
	return 0;
}

/* ---- Records that belong to a đề án ----------------------------------------------- */

static int fair_records(St *s, const Item *it, int64_t id, DemoRun *r, bool write)
{
	Demo *d = s->d;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof fairs / sizeof fairs[0]; i++) {
		if (fairs[i].year != it->year || fairs[i].plan != (it->kind == FAIR_PLAN))
			continue;
		if (!write) {
			/* Before the đề án exists: its title and its participants. */
			r->p.title =
			        it->kind == FAIR_PLAN
			                ? demo_str(d,
			                          "Kế hoạch tham gia hội chợ triển lãm ngoài tỉnh"
			                          " năm %d",
			                          it->year)
			                : demo_str(d,
			                          "Hỗ trợ cơ sở công nghiệp nông thôn tham gia %s",
			                          fairs[i].name);
			for (int k = 0; k < fairs[i].participations; k++)
				r->beneficiaries[r->n_beneficiaries++] =
				        demo_beneficiary(d, &s->reg, -1, false)->id;
			continue;
		}
		/* The fair of 000-11 took place before the end of June 2019. */
		char day[STORE_DATE_LEN];
		demo_day(d, it->year, 4, it->year == 2019 ? 6 : 11, day);
		rc = demo_fair(d, "94", id, day, fairs[i].name, fairs[i].place, fairs[i].scope,
		        fairs[i].booths, fairs[i].participations);
	}
	return rc;
}

static int media_records(St *s, int year, int64_t id)
{
	const int y = year - FIRST_YEAR;
	const struct {
		int kind;
		int quantity;
		const char *note;
	} v[] = {
	        {ACT_MEDIA_SPECIAL_PAGE, media[y].pages, "phối hợp với Báo Sóc Trăng"},
	        {ACT_MEDIA_HANDBOOK, media[y].handbooks, "cẩm nang văn bản khuyến công"},
	        {ACT_MEDIA_LEAFLET, media[y].leaflets, "bìa gấp chính sách khuyến công"},
	        {ACT_MEDIA_LETTER, media[y].letters, "văn bản gửi trực tiếp cơ sở CNNT"},
	        {ACT_MEDIA_NEWSPAPER, media[y].newspapers, "báo đặt mua và cấp phát"},
	        {ACT_MEDIA_TV_RADIO, media[y].programmes, "chương trình truyền hình, truyền thanh"},
	};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof v / sizeof v[0]; i++) {
		if (v[i].quantity == 0)
			continue;
		rc = demo_media(s->d, "94", id, year, v[i].kind, v[i].quantity, v[i].note);
	}
	return rc;
}

static int capacity_records(St *s, int year, int64_t id)
{
	Demo *d = s->d;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof capacity / sizeof capacity[0]; i++) {
		if (capacity[i].year != year)
			continue;
		/* The turns split between the year's classes. */
		int first = capacity[i].turns / capacity[i].classes +
		            capacity[i].turns % capacity[i].classes;
		for (int k = 0; rc == 0 && k < capacity[i].classes; k++)
			rc = demo_class(d, "94", id, year, "staff",
			        demo_str(d,
			                "Tập huấn nghiệp vụ khuyến công, văn bản pháp luật và sản xuất"
			                " sạch hơn năm %d (lớp %d)",
			                year, k + 1),
			        k ? capacity[i].turns / capacity[i].classes : first, 45, 20, -1);
		if (rc || !capacity[i].places)
			continue;
		rc = demo_tour(d, "94", id, year, capacity[i].tour_people, capacity[i].places,
		        !strcmp(capacity[i].places, "Bình Thuận")
		                ? "học tập kinh nghiệm áp dụng sản xuất sạch hơn trong công nghiệp"
		                : "học tập kinh nghiệm các mô hình hỗ trợ khuyến công");
	}
	return rc;
}

/* ---- Typical products -------------------------------------------------------------- */

/* A provincial round (odd years): its certificates, and the regional round
 * the best of them go to; or a national round (even years) for last
 * year's regional winners. The establishments registered are the đề án's
 * beneficiaries. */
static int selection_round(St *s, int year, DemoRun *r)
{
	Demo *d = s->d;
	size_t i = 0;
	while (rounds[i].year != year)
		i++;
	int rc = 0;
	if (rounds[i].provincial) {
		const char *doc = demo_str(d, "QĐ %d/QĐ-UBND", (int)demo_pick(d, 1500, 2900));
		const char *kv = demo_str(d, "QĐ %d/QĐ-CTĐP", (int)demo_pick(d, 200, 900));
		s->n_regional = 0;
		for (int k = 0; rc == 0 && k < rounds[i].provincial; k++) {
			int64_t product, est;
			if ((rc = demo_product(d, &s->reg, &product, &est)) ||
			        (rc = demo_certify(
			                 d, product, "provincial", year, k + 1, "ST", doc, 9, 9)))
				break;
			if (k < rounds[i].registered)
				r->beneficiaries[r->n_beneficiaries++] = est;
			if (k < rounds[i].regional) {
				s->regional[s->n_regional++] = product;
				rc = demo_certify(
				        d, product, "regional", year, k + 1, "ST", kv, 11, 12);
			}
		}
	} else {
		const char *doc = demo_str(d, "QĐ %d/QĐ-BCT", (int)demo_pick(d, 3000, 4900));
		for (int k = 0; rc == 0 && k < rounds[i].registered; k++) {
			Product p;
			if ((rc = store_product_get(d->db, s->regional[k], &d->arena, &p, d->e)))
				break;
			r->beneficiaries[r->n_beneficiaries++] = p.establishment_id;
			if (k < rounds[i].national)
				rc = demo_certify(d, s->regional[k], "national", year, k + 1, "ST",
				        doc, 10, 12);
		}
	}
	r->outputs[r->n_outputs++] =
	        (DemoOutput){"products_registered_for_selection", -1, rounds[i].registered};
	r->p.title = rounds[i].provincial
	                     ? demo_str(d,
	                               "Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu"
	                               " cấp tỉnh và hỗ trợ tham gia bình chọn cấp khu vực năm %d",
	                               year)
	                     : demo_str(d,
	                               "Hỗ trợ cơ sở tham gia bình chọn sản phẩm công nghiệp nông"
	                               " thôn tiêu biểu cấp quốc gia năm %d",
	                               year);
	return rc;
}

/* ---- One piece of work ------------------------------------------------------------- */

/* Fills r with what kind it->kind writes before the đề án exists. */
static int prepare(St *s, const Item *it, DemoRun *r, int *wastewater)
{
	Demo *d = s->d;
	switch (it->kind) {
	case MACHINERY:
		if (is_banh_pia(it))
			return banh_pia_run(s, it, r);
		/* fall through */
	case DEMO_MODEL:
	case WASTEWATER: return one_establishment(s, it, r, wastewater);
	case INFO:
		r->p.title = demo_str(d,
		        "Thông tin tuyên truyền về chính sách khuyến công và phát"
		        " triển công nghiệp nông thôn năm %d",
		        it->year);
		r->partner = s->newspaper;
		plain_lines(r, it, "Chuyên trang, cẩm nang, tờ gấp, báo, chương trình truyền hình",
		        NULL);
		return 0;
	case REGISTRY:
		r->p.title =
		        it->year == 2018
		                ? "Khảo sát, thu thập thông tin xây dựng cơ sở dữ liệu công nghiệp"
		                  " nông thôn tỉnh Sóc Trăng năm 2018"
		                : "Khảo sát bổ sung cơ sở dữ liệu công nghiệp nông thôn năm 2019";
		r->outputs[r->n_outputs++] = (DemoOutput){"registry_establishments", -1,
		        surveys[it->year == 2018 ? 0 : 1].establishments};
		plain_lines(r, it, "Điều tra, khảo sát, nhập liệu và xây dựng phần mềm", NULL);
		return 0;
	case CRAFT: {
		DemoEst *x = demo_beneficiary(d, &s->reg, demo_trade(&s->reg, "bao bì"), true);
		demo_for(r, &s->reg, x);
		r->p.title =
		        demo_str(d, "Truyền nghề sản xuất các sản phẩm bao bì tại %s", x->name);
		plain_lines(r, it, "Thuê giáo viên, nguyên liệu thực hành, hỗ trợ học viên",
		        "Cơ sở chi nguyên liệu, mặt bằng");
		return 0;
	}
	case STARTUP:
		r->p.title =
		        "Tập huấn khởi sự doanh nghiệp cho sinh viên và cơ sở công nghiệp nông thôn";
		plain_lines(r, it, "Giảng viên, tài liệu, hội trường", NULL);
		return 0;
	case FAIR:
	case FAIR_PLAN:
		plain_lines(r, it, "Thuê gian hàng, vận chuyển, trang trí",
		        "Cơ sở chi hàng mẫu, đi lại, ăn ở");
		return fair_records(s, it, 0, r, false);
	case SELECTION:
		plain_lines(r, it, "Tổ chức bình chọn, hồ sơ đăng ký, giấy chứng nhận", NULL);
		return selection_round(s, it->year, r);
	case WEBSITE:
		r->p.title = "Hỗ trợ xây dựng website bán hàng cho 4 cơ sở công nghiệp nông thôn";
		for (int k = 0; k < WEBSITES; k++)
			r->beneficiaries[r->n_beneficiaries++] = demo_beneficiary(
			        d, &s->reg, demo_trade(&s->reg, website_trades[k]), false)
			                                                 ->id;
		r->outputs[r->n_outputs++] = (DemoOutput){"websites_supported", WEBSITES, WEBSITES};
		plain_lines(r, it, "Thiết kế, tên miền, lưu trữ website",
		        "Cơ sở chi nội dung, hình ảnh");
		return 0;
	case CLUSTER:
		r->p.title = "Hỗ trợ lập quy hoạch chi tiết 2 cụm công nghiệp";
		r->outputs[r->n_outputs++] =
		        (DemoOutput){"cluster_detailed_plans", CLUSTER_PLANS, CLUSTER_PLANS};
		plain_lines(r, it, "Lập quy hoạch chi tiết tỷ lệ 1/500", NULL);
		return 0;
	case CAPACITY:
		r->p.title = demo_str(d,
		        "Nâng cao năng lực quản lý và tổ chức thực hiện hoạt động"
		        " khuyến công năm %d",
		        it->year);
		plain_lines(
		        r, it, "Tập huấn, tham quan học tập kinh nghiệm, kiểm tra giám sát", NULL);
		return 0;
	}
	return err_set(d->e, KC_EINVAL, "demo: unknown kind %d", it->kind);
}

/* Writes what belongs to the đề án once it exists. */
static int records_of(St *s, const Item *it, int64_t id)
{
	switch (it->kind) {
	case INFO: return media_records(s, it->year, id);
	case CRAFT:
	case STARTUP: {
		int rc = 0;
		for (size_t i = 0; rc == 0 && i < sizeof courses / sizeof courses[0]; i++)
			if (!strcmp(courses[i].kind,
			            it->kind == CRAFT ? "craft_transmission" : "startup"))
				rc = demo_class(s->d, "94", id, it->year, courses[i].kind,
				        courses[i].title, courses[i].trainees, 55, 20,
				        courses[i].jobs);
		return rc;
	}
	case FAIR:
	case FAIR_PLAN: return fair_records(s, it, id, NULL, true);
	case CAPACITY: return capacity_records(s, it->year, id);
	}
	return 0;
}

/* The first local machinery đề án of 2016 and of 2020 had their beneficiary
 * changed on the way (approved by the Sở Công Thương, DOMAIN §3.2); the run
 * names the one that took part. *adjusted is the last year adjusted. */
static void maybe_adjusted(St *s, const Item *it, DemoRun *r, int *adjusted)
{
	if (it->national || it->kind != MACHINERY || (it->year != 2016 && it->year != 2020) ||
	        *adjusted == it->year)
		return;
	*adjusted = it->year;
	bool female;
	r->adjustment = "change_beneficiary";
	r->old_value = demo_str(s->d, "Hộ kinh doanh %s", demo_person(s->d, &s->p, &female));
	for (int i = 0; i < s->reg.n; i++)
		if (s->reg.v[i].id == r->beneficiaries[0])
			r->new_value = s->reg.v[i].name;
	r->reason_code = "beneficiary_withdrew";
	r->reason = "Cơ sở thụ hưởng ban đầu không bố trí được vốn đối ứng";
	r->adjuster = "QĐ-SCT";
}

static int write_item(St *s, const Item *it, int *wastewater, int *adjusted)
{
	DemoRun r = base_run(s, it);
	int rc = prepare(s, it, &r, wastewater);
	int64_t id;
	maybe_adjusted(s, it, &r, adjusted);
	if (rc == 0)
		rc = demo_project(s->d, &r, &id);
	if (rc == 0)
		rc = demo_context(s->d, records_of(s, it, id), r.p.code);
	return rc;
}

/* The đề án of 2017 that stopped: its beneficiary withdrew, the advance came
 * back (seed000: "thậm chí phải dừng"). Not one of the completed 223. */
static int stopped(St *s)
{
	Item it = {2017, false, MACHINERY};
	it.support = 85 * TRIEU, it.counterpart = 260 * TRIEU, it.jobs = 0;
	DemoRun r = base_run(s, &it);
	int none = 0;
	int rc = one_establishment(s, &it, &r, &none);
	r.n_outputs = 0;
	r.final = "terminated";
	r.reason_code = "insufficient_counterpart";
	r.reason = "Cơ sở không bố trí được vốn đối ứng, đề nghị dừng thực hiện";
	return rc ? rc : demo_project(s->d, &r, NULL);
}

/* Inspections of the province's khuyến công as a whole: what 004-35 counts
 * beyond the đề án's own. */
static int general_inspections(St *s, int n)
{
	Demo *d = s->d;
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		char day[STORE_DATE_LEN];
		demo_day(d, (int)demo_pick(d, FIRST_YEAR, LAST_YEAR), 3, 11, day);
		Inspection x = store_inspection_blank();
		x.province_list = "legacy", x.province_code = "94";
		x.inspected_on = day;
		x.inspector = "Sở Công Thương tỉnh Sóc Trăng";
		x.org_id = s->doit;
		x.result = "Kiểm tra tình hình thực hiện kế hoạch khuyến công tại huyện, thị xã";
		rc = store_inspection_add(d->db, d->a, &x, &d->last_id, d->e);
	}
	return rc;
}

static int load_work(St *s)
{
	Item v[MAX_ITEMS];
	int n = list_items(v), wastewater = 0, adjusted = 0, rc = 0;
	split_money(s->d, v, n);
	split_jobs(s->d, v, n);
	for (int i = 0; rc == 0 && i < n; i++)
		rc = write_item(s, &v[i], &wastewater, &adjusted);
	if (rc == 0)
		rc = stopped(s);
	if (rc)
		return rc;
	InspectionFilter f = store_inspection_filter();
	f.province_list = "legacy", f.province_code = "94";
	f.limit = 1;
	InspectionList done;
	Arena a = {0};
	rc = store_inspection_list(s->d->db, &f, &a, &done, s->d->e);
	arena_free(&a);
	return rc ? rc : general_inspections(s, INSPECTIONS - (int)done.total);
}

/* ---- 2023 and the reported figures --------------------------------------------------- */

/* The 2023 plan approved 2 KCQG đề án (004-39) and 16 KCĐP đề án (004-40),
 * "ước tổng kinh phí trên 10 tỷ đồng" (004-41): 10.250 triệu đồng with the
 * counterpart (the split by content and source is invented). */
static int load_plans_2023(St *s)
{
	static const PlanLine national[] = {
	        {0, "C03_DEMO_TECH", "projects_count", "central", 1100000000, 2, NULL},
	        {0, "C03_DEMO_TECH", NULL, "counterpart", 3700000000, -1, NULL},
	};
	static const PlanLine local[] = {
	        {0, "C03_DEMO_TECH", "projects_count", "provincial", 1250000000, 10, NULL},
	        {0, "C04_PRODUCT_MARKET", "projects_count", "provincial", 260000000, 2, NULL},
	        {0, "C05_CONSULT_INFO", "projects_count", "provincial", 240000000, 2, NULL},
	        {0, "C01_TRAINING", "projects_count", "provincial", 90000000, 1, NULL},
	        {0, "C07_SYSTEM_CAPACITY", "projects_count", "provincial", 110000000, 1, NULL},
	        {0, NULL, NULL, "counterpart", 3500000000, -1, NULL},
	};
	struct {
		const char *level, *approver;
		const PlanLine *lines;
		int n;
	} plans[] = {
	        {"national", "Bộ Công Thương", national, 2},
	        {"local", "Ủy ban nhân dân tỉnh Sóc Trăng", local, 6},
	};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < 2; i++) {
		AnnualPlan p = store_programme_plan_blank();
		p.level = plans[i].level;
		p.province_list = "legacy", p.province_code = "94";
		p.year = 2023;
		p.approver = plans[i].approver;
		p.note = "seed004: kế hoạch khuyến công năm 2023";
		PlanLine lines[6];
		for (int k = 0; k < plans[i].n; k++) {
			lines[k] = plans[i].lines[k];
			/* The counterpart serves every content of the plan. */
			if (!lines[k].activity_code)
				lines[k].activity_code = "C03_DEMO_TECH";
		}
		p.lines = lines;
		p.n_lines = plans[i].n;
		rc = store_programme_plan_create(s->d->db, s->d->a, &p, &s->d->last_id, s->d->e);
	}
	return demo_context(s->d, rc, "Kế hoạch khuyến công năm 2023 tỉnh Sóc Trăng");
}

static int load_figures(St *s)
{
	static const DemoFigure v[] = {
	        {"000-13", "projects_count", "2019-H2", "plan", "national", 1, NULL,
	                "6 tháng cuối năm phấn đấu hoàn thành một đề án khuyến công quốc gia"},
	        {"000-14", "support_amount", "2019-H2", "plan", "national", 300 * TRIEU, NULL,
	                "kinh phí hỗ trợ 300 triệu đồng"},
	        {"000-15", "projects_completed_pct", "2019", "plan", "local", 10000, NULL,
	                "hoàn thành 100% kế hoạch khuyến công địa phương"},
	        {"000-16", "consulting_revenue", "2019", "plan", "all", 200 * TRIEU, NULL,
	                "tư vấn phát triển công nghiệp đạt doanh thu 200 triệu đồng/năm"},
	        {"004-12", "avg_income_month", "2012-2022", "actual", "all", 3 * TRIEU, "trên",
	                "lao động học nghề bao bì: thu nhập ổn định trên 3 - 5 triệu đồng/tháng"},
	        {"004-16", "worker_income_month", "2012-2022", "actual", "all", 3 * TRIEU, NULL,
	                "thu nhập bình quân 3 - 5 triệu đồng/người/tháng"},
	        {"004-17", "productivity_gain_pct", "2012-2022", "actual", "all", 1500, NULL,
	                "tăng năng suất sản xuất từ 15 - 40%"},
	        {"004-38", "study_tour_provinces", "2012-2022", "actual", "all", 9, NULL,
	                "Khánh Hòa, Bà Rịa - Vũng Tàu, Lâm Đồng, An Giang, Kiên Giang, Long An, Bến"
	                " Tre, Cà Mau; Bình Thuận (sản xuất sạch hơn)"},
	        {"004-41", "total_cost", "2023", "estimate", "all", 10 * TY, "trên",
	                "ước tổng kinh phí trên 10 tỷ đồng"},
	};
	return demo_figures(s->d, "province", "legacy", "94",
	        "seed000 (02/07/2019), seed004 (Tạp chí Làng nghề Việt)", v,
	        sizeof v / sizeof v[0]);
}

/* ---- The loader ------------------------------------------------------------------------ */

int demo_soc_trang(Demo *d)
{
	St *s = arena_alloc(&d->arena, sizeof *s);
	s->d = d;
	s->p = (DemoProvince){"94", "tỉnh Sóc Trăng", "Ấp", "Khóm", "22", 172039, 28, people};
	s->reg = (DemoRegistry){&s->p, trades, N_TRADES};
	demo_seed(d, 0x50C7A4E94ULL);
	int rc = demo_province(d, &s->p);
	for (size_t i = 0; rc == 0 && i < sizeof surveys / sizeof surveys[0]; i++)
		rc = demo_establishments(d, &s->reg, surveys[i].establishments, surveys[i].year);
	if (rc == 0)
		rc = load_orgs(s);
	if (rc == 0)
		rc = load_programme(s);
	if (rc == 0)
		rc = load_work(s);
	if (rc == 0)
		rc = load_plans_2023(s);
	if (rc == 0)
		rc = load_figures(s);
	return demo_context(d, rc, "Sóc Trăng");
}
