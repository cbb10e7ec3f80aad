/* io_gen.c — see io_gen.h. */
#include "io/io_gen.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "io/io_demo_kit.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"
#include "store/store_bulk.h"
#include "store/store_establishment.h"
#include "store/store_project.h"

/* ---- Sizes --------------------------------------------------------------------------- */

typedef struct Size {
	int first_year, last_year; /* đề án years; establishments are surveyed before */
	int per_year;              /* đề án per current province and year */
	int64_t establishments;    /* the nation's (province scale takes its share) */
	int64_t products;          /* certified typical products, the nation's */
} Size;

static const Size sizes[] = {
        [GEN_TINY] = {2023, 2025, 6, 0, 0},
        [GEN_PROVINCE] = {2006, 2025, 200, 1000000, 50000},
        [GEN_NATIONAL] = {2006, 2025, 200, 1000000, 50000},
};
enum { TINY_ESTABLISHMENTS = 400, TINY_PRODUCTS = 30, MAX_LEGACY = 70, MAX_CURRENT = 40 };

/* The year the data stop: the legacy list ends on 30/06/2025, so đề án of
 * 2025 are recorded in the current provinces. */
enum { CURRENT_FROM = 2025 };

int gen_scale_parse(const char *s)
{
	static const char *const names[] = {
	        [GEN_TINY] = "tiny", [GEN_PROVINCE] = "province", [GEN_NATIONAL] = "national"};
	for (int i = 0; s && i < (int)STORE_COUNT_OF(names); i++)
		if (!strcmp(s, names[i]))
			return i;
	return -1;
}

/* ---- Provinces ------------------------------------------------------------------------- */

/* The families, trades, crafts and fairs every province draws from; the
 * demonstration's provinces have their own, the nation shares these. */
static const char *const people_north[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đỗ",
        "Bùi", "Đặng", "Ngô", "Dương", "Đinh", "Lương", "Hà", "Nông", "Lò", NULL};
static const char *const people_south[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan",
        "Trương", "Lâm", "Đặng", "Bùi", "Thạch", "Danh", "Lý", "Châu", NULL};

static const DemoTrade trades[] = {
        {"chế biến nông sản", "Chế biến nông sản", "chế biến nông sản",
                "máy sấy, máy nghiền nông sản", {"Tinh bột sắn", "Miến dong"}, "S01_AGRO_FOOD",
                "food", 14},
        {"xay xát", "Xay xát", "xay xát lương thực", "máy xát, máy đánh bóng gạo", {"Gạo đặc sản"},
                "S01_AGRO_FOOD", "food", 8},
        {"nước mắm", "Nước mắm", "sản xuất nước mắm", "hệ thống lọc, máy chiết rót nước mắm",
                {"Nước mắm cá cơm"}, "S01_AGRO_FOOD", "food", 5},
        {"bánh kẹo", "Bánh kẹo", "sản xuất bánh kẹo truyền thống",
                "máy trộn bột, lò nướng, máy đóng gói", {"Bánh pía", "Kẹo dừa", "Bánh gai"},
                "S01_AGRO_FOOD", "food", 7},
        {"chè", "Chè", "chế biến chè", "máy vò, máy sao chè", {"Chè xanh", "Chè shan tuyết"},
                "S01_AGRO_FOOD", "food", 5},
        {"mây tre đan", "Mây tre đan", "sản xuất hàng mây tre đan", "máy chẻ nan, máy sấy",
                {"Giỏ mây tre đan", "Khay tre đan"}, "S07_HANDICRAFT", "handicraft", 9},
        {"gốm", "Gốm sứ", "sản xuất gốm", "lò nung gốm bằng gas, máy tạo hình",
                {"Bình gốm men lam", "Bộ ấm chén gốm"}, "S07_HANDICRAFT", "handicraft", 4},
        {"dệt", "Dệt may", "dệt thổ cẩm, may mặc", "máy dệt, máy may công nghiệp",
                {"Khăn thổ cẩm", "Túi thổ cẩm"}, "S07_HANDICRAFT", "handicraft", 7},
        {"đồ gỗ", "Đồ gỗ", "sản xuất đồ gỗ", "máy cưa, máy bào, máy chà nhám",
                {"Bàn ghế gỗ mỹ nghệ"}, "S07_HANDICRAFT", "handicraft", 9},
        {"cơ khí", "Cơ khí", "gia công cơ khí", "máy tiện, máy phay, máy hàn tự động",
                {"Máy tuốt lúa", "Máy gặt mini"}, "S05_MECH_ELEC_IT", "machinery", 10},
        {"vật liệu xây dựng", "Vật liệu xây dựng", "sản xuất gạch không nung",
                "máy ép gạch không nung", {"Gạch không nung"}, "S04_BUILDING_MATERIALS", "other",
                8},
        {"may", "May mặc", "may mặc", "máy may công nghiệp, máy cắt vải", {"Áo bà ba"},
                "S02_CONSUMER_EXPORT", "other", 9},
        {"nước đá", "Nước đá", "sản xuất nước đá", "hệ thống máy làm đá viên", {NULL},
                "S01_AGRO_FOOD", "other", 5},
};

static const char *const vocations[] = {"mây tre đan", "may công nghiệp", "thêu ren", "đan lát",
        "chế biến nông sản", "cơ khí nông nghiệp", NULL};
static const char *const fairs[] = {"Hội chợ triển lãm hàng công nghiệp nông thôn tiêu biểu",
        "Hội chợ Công Thương khu vực", "Hội chợ Thương mại - Du lịch tỉnh", NULL};

/* A legacy province: its places, its establishments and its office. */
typedef struct Legacy {
	char code[4], name[64], tag[8];
	char written[80];                 /* inside an address: "tỉnh Sóc Trăng" */
	int communes;                     /* its share of establishments and đề án */
	int64_t establishments, products; /* how many it gets */
	DemoProvince p;
	DemoRegistry reg;
	DemoOffice o;
	int64_t ppc, centre;
} Legacy;

/* A current province and the legacy ones it took in. */
typedef struct Current {
	char code[4], name[64];
	int members[12], n;
	int64_t ppc, centre;
} Current;

typedef struct Gen {
	Db *db;
	const Actor *a;
	Err *e;
	const GenOptions *o;
	Size size;
	GenCounts *n;
	int64_t pending; /* records since the last commit */
	Legacy legacy[MAX_LEGACY];
	int n_legacy;
	Current current[MAX_CURRENT];
	int n_current;
	int64_t moit, qg_to_2020, qg_2021_2025;
	int province, provinces; /* for progress: current provinces done, to do */
} Gen;

/* The municipalities (thành phố trực thuộc trung ương) of either list. */
static bool municipality(const char *code)
{
	static const char *const v[] = {"01", "31", "46", "48", "79", "92"};
	for (size_t i = 0; i < STORE_COUNT_OF(v); i++)
		if (!strcmp(code, v[i]))
			return true;
	return false;
}

static int add_current(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list;
	Gen *g = ctx;
	if (g->n_current == MAX_CURRENT)
		return 1;
	Current *c = &g->current[g->n_current++];
	*c = (Current){0};
	snprintf(c->code, sizeof c->code, "%s", code);
	snprintf(c->name, sizeof c->name, "%s", name);
	return 0;
}

static int add_legacy(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list;
	Gen *g = ctx;
	if (g->n_legacy == MAX_LEGACY)
		return 1;
	Legacy *l = &g->legacy[g->n_legacy++];
	memset(l, 0, sizeof *l);
	snprintf(l->code, sizeof l->code, "%s", code);
	snprintf(l->name, sizeof l->name, "%s", name);
	snprintf(l->tag, sizeof l->tag, "%s", code);
	return 0;
}

static int count_commune(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list, (void)code, (void)name;
	++*(int *)ctx;
	return 0;
}

/* Both lists of provinces, each legacy one under its successor, with its
 * number of communes. */
static int read_provinces(Gen *g)
{
	Date on_current, on_legacy;
	date_from_ymd(2025, 7, 1, &on_current, NULL);
	date_from_ymd(2020, 1, 1, &on_legacy, NULL);
	int rc = store_admin_valid_on(g->db, on_current, "province", NULL, add_current, g, g->e);
	if (rc == 0)
		rc = store_admin_valid_on(g->db, on_legacy, "province", NULL, add_legacy, g, g->e);
	for (int i = 0; rc == 0 && i < g->n_legacy; i++) {
		Legacy *l = &g->legacy[i];
		UnitRef u = {"legacy", "province", ""};
		snprintf(u.code, sizeof u.code, "%s", l->code);
		char to[3];
		if ((rc = store_admin_current_province(g->db, &u, to, g->e)))
			break;
		for (int k = 0; k < g->n_current; k++)
			if (!strcmp(g->current[k].code, to) && g->current[k].n < 12)
				g->current[k].members[g->current[k].n++] = i;
		/* Communes lie in districts: count them district by district. */
		rc = store_admin_valid_on(
		        g->db, on_legacy, "commune", l->code, count_commune, &l->communes, g->e);
	}
	if (rc == 0 && (g->n_current == 0 || g->n_legacy == 0))
		rc = err_set(g->e, KC_ENOTFOUND,
		        "Chưa có danh mục đơn vị hành chính (chạy khuyencong init trước)");
	return rc;
}

static const Current *find_current(const Gen *g, const char *code)
{
	for (int i = 0; i < g->n_current; i++)
		if (!strcmp(g->current[i].code, code))
			return &g->current[i];
	return NULL;
}

/* ---- Batches and progress ---------------------------------------------------------------- */

/* Counts records written; commits every batch of them. Called between
 * records only, where the load's own transaction is the only one open. */
static int tick(Gen *g, int64_t records)
{
	g->pending += records;
	int batch = g->o->batch > 0 ? g->o->batch : 20000;
	if (g->pending < batch)
		return 0;
	g->pending = 0;
	if (g->o->progress)
		g->o->progress(g->o->ctx, g->n, g->province, g->provinces);
	int rc = db_commit(g->db, g->e);
	return rc ? rc : db_begin(g->db, g->e);
}

/* A seed per province and purpose, so one province's data never moves another's. */
static uint64_t seed_of(const Gen *g, const char *code, uint64_t purpose)
{
	uint64_t s = g->o->seed * 0x100000001B3ULL + purpose;
	for (const char *c = code; *c; c++)
		s = (s ^ (uint8_t)*c) * 0x100000001B3ULL;
	return s;
}

/* A Demo over the load's database whose arena lives for one province. */
static Demo demo_for_province(Gen *g)
{
	return (Demo){.db = g->db,
	        .a = g->a,
	        .e = g->e,
	        .moit = g->moit,
	        .qg_to_2020 = g->qg_to_2020,
	        .qg_2021_2025 = g->qg_2021_2025,
	        .last_id = -1};
}

/* ---- Organisations ------------------------------------------------------------------------ */

static const char *written(const char *code, const char *name, char *out, size_t cap)
{
	char copy[64]; /* name and out may lie in one structure */
	snprintf(copy, sizeof copy, "%s", name);
	snprintf(out, cap, "%s %s", municipality(code) ? "thành phố" : "tỉnh", copy);
	return out;
}

/* The People's Committee and the centre of each current province (from
 * 01/7/2025) and of each legacy one (to 30/6/2025, handing over to them). */
static int orgs(Gen *g, Demo *d, Current *c)
{
	char in[80];
	written(c->code, c->name, in, sizeof in);
	int rc = demo_org(d, "ppc", demo_str(d, "Ủy ban nhân dân %s", in), NULL, "current", c->code,
	        "2025-07-01", NULL, -1, &c->ppc);
	if (rc == 0)
		rc = demo_org(d, "promotion_centre",
		        demo_str(
		                d, "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp %s", in),
		        NULL, "current", c->code, "2025-07-01", NULL, -1, &c->centre);
	for (int i = 0; rc == 0 && i < c->n; i++) {
		Legacy *l = &g->legacy[c->members[i]];
		written(l->code, l->name, in, sizeof in);
		rc = demo_org(d, "ppc", demo_str(d, "Ủy ban nhân dân %s", in), NULL, "legacy",
		        l->code, NULL, "2025-06-30", c->ppc, &l->ppc);
		if (rc == 0)
			rc = demo_org(d, "promotion_centre",
			        demo_str(d, "Trung tâm Khuyến công %s", in), NULL, "legacy",
			        l->code, NULL, "2025-06-30", c->centre, &l->centre);
	}
	return rc;
}

/* ---- Establishments and products --------------------------------------------------------- */

static bool southern(const char *code)
{
	return strcmp(code, "45") > 0; /* from Quảng Trị southwards, roughly */
}

/* Opens legacy province l for writing: its communes and its office. */
static int open_legacy(Gen *g, Demo *d, Legacy *l)
{
	int i = (int)(l - g->legacy);
	bool south = southern(l->code);
	l->p = (DemoProvince){l->code, written(l->code, l->name, l->written, sizeof l->written),
	        south ? "Ấp" : "Thôn", south ? "Khóm" : "Tổ dân phố", l->code,
	        1000003 * (i + 1) % 100000000, south ? 8 : 15, south ? people_south : people_north};
	l->reg = (DemoRegistry){&l->p, trades, (int)STORE_COUNT_OF(trades)};
	l->o = (DemoOffice){.reg = &l->reg,
	        .tag = l->tag,
	        .ppc = l->ppc,
	        .doit = -1,
	        .centre = l->centre,
	        .centre_doc = "BBNT-TTKC",
	        .vocations = vocations,
	        .fairs = fairs,
	        .tour_places = "Hà Nội, Bắc Ninh",
	        .women_pct = 65,
	        .minority_pct = south ? 10 : 25,
	        .first_year = g->size.first_year};
	return demo_province(d, &l->p);
}

/* n establishments of l, surveyed across the years before the đề án end. */
static int establishments(Gen *g, Demo *d, Legacy *l, int64_t n)
{
	int first = g->size.first_year - 1, last = CURRENT_FROM - 1;
	int rc = 0;
	for (int64_t k = 0; rc == 0 && k < n;) {
		int64_t chunk = n - k < 500 ? n - k : 500;
		int year = first + (int)(k * (last - first + 1) / (n ? n : 1));
		rc = demo_establishments(d, &l->reg, (int)chunk, year);
		if (rc == 0) {
			g->n->establishments += chunk;
			rc = tick(g, chunk);
		}
		k += chunk;
	}
	return rc;
}

/* n certified products of l: each certified in a provincial round, some
 * again in a regional one, a few in a national one. */
static int products(Gen *g, Demo *d, Legacy *l, int64_t n)
{
	int seq[3][40] = {{0}};
	static const char *const levels[] = {"provincial", "regional", "national"};
	int rc = 0;
	for (int64_t k = 0; rc == 0 && k < n; k++) {
		int64_t product, est;
		int year = (int)demo_pick(d, g->size.first_year, CURRENT_FROM - 1);
		int top = demo_pick(d, 0, 99) < 20 ? (demo_pick(d, 0, 99) < 25 ? 2 : 1) : 0;
		rc = demo_product(d, &l->reg, &product, &est);
		for (int v = 0; rc == 0 && v <= top; v++) {
			int y = year + v < CURRENT_FROM ? year + v : year;
			int no = ++seq[v][y - g->size.first_year];
			rc = demo_certify(d, product, levels[v], y, no, l->tag,
			        demo_str(d, "QĐ %d/QĐ-%s", (int)demo_pick(d, 100, 3900),
			                v ? "BCT" : "UBND"),
			        10, 12);
			g->n->certifications += rc == 0;
		}
		if (rc == 0)
			rc = tick(g, 2 + top);
		g->n->products += rc == 0;
	}
	return rc;
}

/* ---- Đề án ------------------------------------------------------------------------------ */

/* How the kinds of ordinary work share a province's đề án. */
static const int work_weights[WORK_KINDS] = {[WORK_MACHINERY] = 34,
        [WORK_DEMO_MODEL] = 8,
        [WORK_VOCATIONAL] = 16,
        [WORK_MANAGEMENT] = 8,
        [WORK_FAIR] = 12,
        [WORK_INFO] = 10,
        [WORK_SELECTION] = 0,
        [WORK_CAPACITY] = 6};

static DemoWork draw_work(Demo *d)
{
	int total = 0;
	for (int k = 0; k < WORK_KINDS; k++)
		total += work_weights[k];
	int64_t x = demo_pick(d, 0, total - 1);
	for (int k = 0; k < WORK_KINDS; k++)
		if ((x -= work_weights[k]) < 0)
			return (DemoWork)k;
	return WORK_MACHINERY;
}

/* A đề án's history as far as it went by the end of 2025. */
typedef struct History {
	BulkMove moves[BULK_MAX_MOVES];
	BulkPayment pays[2 * DEMO_MAX_LINES];
	BulkLine lines[DEMO_MAX_LINES];
	BulkOutput outputs[DEMO_MAX_OUTPUTS];
	int n_moves, n_pays;
	char days[BULK_MAX_MOVES + 4][STORE_DATE_LEN];
	int n_days;
} History;

static const char *day(Demo *d, History *h, int year, int m1, int m2)
{
	char *s = h->days[h->n_days++];
	demo_day(d, year, m1, m2, s);
	return s;
}

static void step(History *h, const char *to, const char *date, const char *doc, int64_t org)
{
	h->moves[h->n_moves++] = (BulkMove){to, date, doc, org, NULL, NULL};
}

static bool state_source(const char *source)
{
	return strcmp(source, "counterpart") && strcmp(source, "other");
}

/* Pays kind on every state line: an advance is half of it, a payment the
 * rest, a recovery takes the advance back. */
static void pay(Demo *d, History *h, const DemoRun *r, const char *kind, const char *on)
{
	for (int i = 0; i < r->n_lines; i++) {
		if (!state_source(r->lines[i].source))
			continue;
		int64_t half = demo_round(r->lines[i].amount / 2, 1000);
		int64_t amount = !strcmp(kind, "payment") ? r->lines[i].amount - half : half;
		if (amount > 0)
			h->pays[h->n_pays++] = (BulkPayment){i, kind, on, amount,
			        demo_str(d, "UNC %d", (int)demo_pick(d, 100, 9999))};
	}
}

/* Where a đề án of year stands at the end of 2025, and the moves and
 * payments that took it there (the demonstration's lifecycle, io_demo_kit.c). */
static void history(Demo *d, const DemoRun *r, int year, History *h)
{
	int x = (int)demo_pick(d, 0, 99);
	const char *approval = demo_str(d, "QĐ %d/%s", (int)demo_pick(d, 120, 3980), r->approval);
	step(h, "registered", day(d, h, year - 1, 6, 7), NULL, r->centre);
	step(h, "appraised_basic", day(d, h, year - 1, 8, 9), NULL, r->centre);
	step(h, "appraised", day(d, h, year - 1, 10, 11), NULL, r->approver);
	step(h, "approved", day(d, h, year, 1, 2), approval, r->approver);
	if (year == CURRENT_FROM && x < 10)
		return;
	step(h, "contracted", day(d, h, year, 3, 3), NULL, r->centre);
	if (year == CURRENT_FROM && x < 30)
		return;
	step(h, "in_progress", day(d, h, year, 4, 4), NULL, r->centre);
	pay(d, h, r, "advance", day(d, h, year, 5, 6));
	if (year == CURRENT_FROM && x < 90)
		return;
	if (year < CURRENT_FROM && x < 2) { /* stopped: the beneficiary gave up */
		step(h, "terminated", day(d, h, year, 8, 8),
		        demo_str(d, "QĐ %d/%s", (int)demo_pick(d, 120, 3980), r->approval),
		        r->approver);
		pay(d, h, r, "advance_recovery", day(d, h, year, 9, 9));
		return;
	}
	bool carried = year < CURRENT_FROM && x >= 2 && x < 5;
	int y = year; /* the year it was accepted */
	if (carried) {
		step(h, "carried_over", day(d, h, year, 12, 12),
		        demo_str(d, "QĐ %d/%s", (int)demo_pick(d, 120, 3980), r->approval),
		        r->approver);
		h->moves[h->n_moves - 1].reason_code = "invoice_outside_fiscal_year";
		step(h, "in_progress", day(d, h, year + 1, 1, 1), NULL, r->centre);
		y = year + 1;
	}
	if (carried && y == CURRENT_FROM)
		return;
	step(h, "accepted", day(d, h, y, carried ? 5 : 10, carried ? 5 : 11),
	        demo_str(d, "%d/%s", (int)demo_pick(d, 1, 160), r->acceptance), r->centre);
	pay(d, h, r, "payment", day(d, h, y, carried ? 6 : 12, carried ? 6 : 12));
	int settled = carried ? y : y + 1; /* a carried-over one settles the same year */
	if (settled > CURRENT_FROM || (settled == CURRENT_FROM && x >= 50))
		return; /* not settled by the end of 2025 */
	step(h, "settled", day(d, h, settled, carried ? 9 : 2, carried ? 10 : 3),
	        demo_str(d, "QĐ %d/%s", (int)demo_pick(d, 120, 3980), r->settle), -1);
	if (x >= 80 && settled < CURRENT_FROM)
		step(h, "closed", day(d, h, settled, carried ? 11 : 4, carried ? 12 : 5), NULL,
		        r->centre);
}

/* Writes the đề án r prepared, with its history, then its activities. */
static int write_project(Gen *g, Demo *d, DemoOffice *o, DemoWork k, int year, DemoRun *r)
{
	History h;
	h.n_moves = h.n_pays = h.n_days = 0;
	history(d, r, year, &h);
	BulkProject b = {.p = r->p};
	b.p.status_date = day(d, &h, year - 1, 4, 5);
	b.beneficiaries = r->beneficiaries, b.n_beneficiaries = r->n_beneficiaries;
	for (int i = 0; i < r->n_lines; i++)
		h.lines[i] = (BulkLine){r->lines[i].source, r->lines[i].item, r->lines[i].amount};
	for (int i = 0; i < r->n_outputs; i++)
		h.outputs[i] = (BulkOutput){
		        r->outputs[i].indicator, r->outputs[i].planned, r->outputs[i].actual};
	b.lines = h.lines, b.n_lines = r->n_lines;
	b.outputs = h.outputs, b.n_outputs = r->n_outputs;
	b.moves = h.moves, b.n_moves = h.n_moves;
	b.payments = h.pays, b.n_payments = h.n_pays;
	int64_t id;
	int rc = store_bulk_project(g->db, g->a, &b, &id, g->e);
	if (rc == 0)
		rc = demo_work_records(d, o, k, year, id);
	if (rc)
		return demo_context(d, rc, demo_str(d, "Đề án '%s'", r->p.code));
	g->n->projects++;
	g->n->activities += k == WORK_VOCATIONAL || k == WORK_MANAGEMENT || k == WORK_FAIR ? 1
	                    : k == WORK_INFO                                               ? 3
	                    : k == WORK_CAPACITY                                           ? 3
	                                                                                   : 0;
	return tick(g, 1 + r->n_lines + h.n_pays);
}

/* One đề án of office o in year; in a current province when cur is not NULL. */
static int project(Gen *g, Demo *d, DemoOffice *o, int year, const Current *cur)
{
	DemoWork k = draw_work(d);
	bool national = demo_pick(d, 0, 99) < 12;
	int64_t support = demo_work_support(d, k, national);
	DemoRun r;
	int rc = demo_work(d, o, k, year, national, national ? "central" : "provincial", support,
	        demo_work_counterpart(d, k, support), &r);
	if (rc)
		return rc;
	if (cur) { /* 2025: the merged province's office, its communes not yet in the kit */
		r.p.province_list = "current", r.p.province_code = cur->code;
		r.p.commune_list = r.p.commune_code = NULL;
	}
	return write_project(g, d, o, k, year, &r);
}

/* The đề án of current province c: each year's split between its legacy
 * provinces by their communes before 2025, its own office's from 2025. */
static int projects(Gen *g, Demo *d, Current *c)
{
	int64_t w[12], n[12];
	for (int i = 0; i < c->n; i++)
		w[i] = g->legacy[c->members[i]].communes + 1;
	int rc = 0;
	DemoOffice cur = g->legacy[c->members[0]].o;
	memset(cur.seq, 0, sizeof cur.seq);
	cur.tag = c->code, cur.ppc = c->ppc, cur.centre = c->centre;
	for (int y = g->size.first_year; rc == 0 && y <= g->size.last_year; y++) {
		if (y >= CURRENT_FROM) {
			for (int k = 0; rc == 0 && k < g->size.per_year; k++) {
				cur.reg = &g->legacy[c->members[k % c->n]].reg;
				rc = project(g, d, &cur, y, c);
			}
			continue;
		}
		demo_split(g->size.per_year, w, (size_t)c->n, 1, n);
		for (int i = 0; rc == 0 && i < c->n; i++)
			for (int64_t k = 0; rc == 0 && k < n[i]; k++)
				rc = project(g, d, &g->legacy[c->members[i]].o, y, NULL);
	}
	return rc;
}

/* ---- Reported figures ------------------------------------------------------------------- */

/* Incomes and productivity each province reports for every half-year: figures
 * only a report gives (aggregate indicators), growing over the years. */
static int figures(
        Gen *g, Demo *d, const char *list, const char *code, int from, int to, int first_half)
{
	enum { KINDS = 3, MAX_HALVES = 64 };
	static const char *const indicators[KINDS] = {
	        "avg_income_month", "worker_income_month", "productivity_gain_pct"};
	AggregateFigure f[KINDS * MAX_HALVES];
	size_t n = 0;
	for (int y = from; y <= to; y++)
		for (int h = y == from ? first_half : 1; h <= 2 && n + KINDS <= STORE_COUNT_OF(f);
		        h++) {
			if (y == to && h == 2 && !strcmp(list, "legacy"))
				break; /* the legacy list ends on 30/6/2025 */
			int64_t grow = (int64_t)(y - 2000) * 150000;
			int64_t v[KINDS] = {2000000 + grow + demo_pick(d, 0, 800) * 1000,
			        2500000 + grow + demo_pick(d, 0, 900) * 1000,
			        demo_pick(d, 500, 2500)};
			for (int k = 0; k < KINDS; k++) {
				f[n] = store_aggregate_blank();
				f[n].indicator_code = indicators[k];
				f[n].scope_kind = "province";
				f[n].scope_list = list;
				f[n].scope_code = code;
				f[n].period = demo_str(d, "%d-H%d", y, h);
				f[n].value = v[k];
				f[n].source = "khuyencong gen";
				n++;
			}
		}
	int rc = store_aggregate_put_many(g->db, g->a, f, n, NULL, g->e);
	g->n->figures += rc == 0 ? (int64_t)n : 0;
	return rc ? rc : tick(g, (int64_t)n);
}

/* ---- The load ---------------------------------------------------------------------------- */

static int refuse_records(Gen *g)
{
	Arena a = {0};
	ProjectFilter pf = store_project_filter();
	EstablishmentFilter ef = store_establishment_filter();
	pf.limit = ef.limit = 1;
	ProjectList p;
	EstablishmentList x;
	int rc = store_project_list(g->db, &pf, &a, &p, g->e);
	if (rc == 0)
		rc = store_establishment_list(g->db, &ef, &a, &x, g->e);
	if (rc == 0 && (p.total || x.total))
		rc = err_set(g->e, KC_ECONFLICT,
		        "Cơ sở dữ liệu đã có đề án hoặc cơ sở; dữ liệu tổng hợp chỉ nạp vào cơ sở dữ"
		        " liệu mới");
	arena_free(&a);
	return rc;
}

/* The national bodies and programmes, from the demonstration's loader. */
static int national(Gen *g)
{
	Demo d = demo_for_province(g);
	int rc = demo_national(&d);
	g->moit = d.moit, g->qg_to_2020 = d.qg_to_2020, g->qg_2021_2025 = d.qg_2021_2025;
	arena_free(&d.arena);
	return rc;
}

/* Everything of current province c: organisations, each legacy member's
 * establishments, products and figures, then the đề án of every year. */
static int province(Gen *g, Current *c)
{
	Demo d = demo_for_province(g);
	demo_seed(&d, seed_of(g, c->code, 1));
	int rc = orgs(g, &d, c);
	for (int i = 0; rc == 0 && i < c->n; i++) {
		Legacy *l = &g->legacy[c->members[i]];
		demo_seed(&d, seed_of(g, l->code, 2));
		if ((rc = open_legacy(g, &d, l)) ||
		        (rc = establishments(g, &d, l, l->establishments)) ||
		        (rc = products(g, &d, l, l->products)))
			break;
		rc = figures(g, &d, "legacy", l->code, g->size.first_year, CURRENT_FROM, 1);
	}
	if (rc == 0 && g->size.last_year >= CURRENT_FROM)
		rc = figures(g, &d, "current", c->code, CURRENT_FROM, CURRENT_FROM, 2);
	demo_seed(&d, seed_of(g, c->code, 3));
	if (rc == 0)
		rc = projects(g, &d, c);
	arena_free(&d.arena);
	return rc;
}

/* The nation's establishments and products split between the legacy
 * provinces by their communes, exactly (a province takes its share). */
static void shares(Gen *g)
{
	int64_t w[MAX_LEGACY], est[MAX_LEGACY], prod[MAX_LEGACY];
	for (int i = 0; i < g->n_legacy; i++)
		w[i] = g->legacy[i].communes + 1;
	demo_split(g->size.establishments, w, (size_t)g->n_legacy, 1, est);
	demo_split(g->size.products, w, (size_t)g->n_legacy, 1, prod);
	for (int i = 0; i < g->n_legacy; i++) {
		g->legacy[i].establishments = est[i];
		g->legacy[i].products = prod[i];
	}
	if (g->o->scale != GEN_TINY)
		return;
	for (int i = 0; i < g->n_current; i++) /* tiny: a few in each member */
		for (int k = 0; k < g->current[i].n; k++) {
			Legacy *l = &g->legacy[g->current[i].members[k]];
			l->establishments = TINY_ESTABLISHMENTS / g->current[i].n;
			l->products = TINY_PRODUCTS / g->current[i].n;
		}
}

static int load(Gen *g)
{
	int rc = refuse_records(g);
	if (rc == 0)
		rc = read_provinces(g);
	if (rc)
		return rc;
	shares(g);
	Current *only[MAX_CURRENT];
	int n = 0;
	if (g->o->scale == GEN_NATIONAL) {
		for (int i = 0; i < g->n_current; i++)
			only[n++] = &g->current[i];
	} else {
		const char *code = g->o->province ? g->o->province : "92";
		only[n] = (Current *)find_current(g, code);
		if (!only[n])
			return err_field(g->e, "province", KC_EINVAL,
			        "Tỉnh, thành phố mã '%s' không có trong danh mục hiện hành", code);
		n++;
	}
	g->provinces = n;
	if ((rc = store_bulk_mode(g->db, g->e)) || (rc = db_begin(g->db, g->e)))
		return rc;
	if ((rc = national(g)) == 0)
		for (g->province = 0; rc == 0 && g->province < n; g->province++)
			rc = province(g, only[g->province]);
	rc = store_finish(g->db, rc, g->e);
	if (rc == 0 && g->o->progress)
		g->o->progress(g->o->ctx, g->n, g->province, g->provinces);
	return rc;
}

int gen_load(Db *db, const Actor *a, const GenOptions *o, GenCounts *out, Err *e)
{
	Gen g = {.db = db, .a = a, .e = e, .o = o, .n = out, .size = sizes[o->scale]};
	*out = (GenCounts){0};
	return load(&g);
}
