/* io_demo_kit.h — what the loaders of the demonstration data share
 * (io_demo_*.c, behind demo_load in io_demo.h) and the synthetic national
 * data (io_gen.c); not for other modules.
 *
 * The demonstration data reproduces the figures of the five source articles
 * (DOMAIN.md §7) with invented records where an article gives only a total.
 * Everything invented is drawn from a fixed-seed generator, so the same
 * binary always writes the same records; totals are split exactly
 * (demo_split), so the records add up to the articles' figures to the đồng.
 * Every write goes through the store, which validates and audits it.
 *
 * Strings handed out (names, addresses, titles) live in the Demo's arena
 * until demo_load ends. */
#ifndef KC_IO_DEMO_KIT_H
#define KC_IO_DEMO_KIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_programme.h"
#include "store/store_project.h"

/* Where the loaders write, as whom, the error of the first failure, the
 * generator's state and the arena of every string they make. */
typedef struct Demo {
	Db *db;
	const Actor *a;
	Err *e;
	uint64_t rng;
	Arena arena;
	int64_t moit;         /* Bộ Công Thương: approves national đề án */
	int64_t qg_to_2020;   /* the national programme to 2020 (QĐ 1288/QĐ-TTg) */
	int64_t qg_2021_2025; /* the national programme 2021–2025 (QĐ 1881/QĐ-TTg) */
	int64_t last_id;      /* where a new record's id goes when nobody needs it */
} Demo;

/* The loaders, one per article (or pair of articles about one province);
 * each seeds its own generator. demo_national comes first: the others name
 * the Ministry and its programmes. */
int demo_national(Demo *d);   /* Bộ Công Thương, the national programmes */
int demo_soc_trang(Demo *d);  /* seed000, seed004: Sóc Trăng 2012–2023 */
int demo_south_2016(Demo *d); /* seed001: the southern region, H1/2016 */
int demo_thanh_hoa(Demo *d);  /* seed002: Thanh Hóa 2017 – H1/2018 */
int demo_lao_cai(Demo *d);    /* seed003: Lào Cai 2021–2023 */

/* ---- Deterministic choices -------------------------------------------------------- */

/* Restarts the generator: each loader seeds its own, so that changing one
 * province's data never moves another's. */
void demo_seed(Demo *d, uint64_t seed);
/* A number in lo..hi (inclusive), uniformly. */
int64_t demo_pick(Demo *d, int64_t lo, int64_t hi);
/* Splits total into out[0..n) in proportion to weights[0..n) (each > 0), in
 * whole multiples of unit except the largest share, which also takes what is
 * left below a unit: the shares add up to total exactly. */
void demo_split(int64_t total, const int64_t *weights, size_t n, int64_t unit, int64_t *out);
/* Weights for demo_split: n numbers drawn from lo..hi. */
void demo_weights(Demo *d, int64_t lo, int64_t hi, size_t n, int64_t *out);
/* A day "YYYY-MM-DD" of year in months m1..m2, days 1..28. */
void demo_day(Demo *d, int year, int m1, int m2, char out[STORE_DATE_LEN]);
/* A copy of the formatted text in the arena. */
const char *demo_str(Demo *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Puts what failed before the store's message ("Đề án 'KCQG-2019-ST-01': ..."),
 * keeping the field; returns rc. Does nothing when rc is 0. */
int demo_context(Demo *d, int rc, const char *what);

/* ---- Places ---------------------------------------------------------------------- */

typedef struct DemoCommune {
	char code[6];
	char name[64];     /* as written inside an address: "xã Đại Ngãi", "phường 5" */
	char district[64]; /* "huyện Long Phú", "thị xã Vĩnh Châu" */
	bool urban; /* a phường or thị trấn: its quarters are khóm, tổ dân phố */
} DemoCommune;

/* A legacy province as the demo writes addresses in it. */
typedef struct DemoProvince {
	const char *code;          /* legacy list */
	const char *name;          /* inside an address: "tỉnh Sóc Trăng" */
	const char *hamlet;        /* a village's quarter: "Ấp", "Thôn" */
	const char *quarter;       /* a town's: "Khóm", "Tổ dân phố" */
	const char *tax_prefix;    /* the province's tax-office digits: "22" */
	int64_t tax_base;          /* makes tax codes differ between provinces and runs */
	int minority_pct;          /* establishments employing ethnic-minority labour, % */
	const char *const *people; /* family names, most frequent first; NULL-terminated */
	DemoCommune *v;            /* its communes (legacy list), in the arena */
	int n;
} DemoProvince;

/* Reads the province's districts and their communes into p->v. */
int demo_province(Demo *d, DemoProvince *p);
/* "Ấp 3, xã Đại Ngãi, huyện Long Phú, tỉnh Sóc Trăng" for commune c of p. */
const char *demo_address(Demo *d, const DemoProvince *p, const DemoCommune *c);
/* A person's name from p's families; *female says which. */
const char *demo_person(Demo *d, const DemoProvince *p, bool *female);

/* ---- Establishments --------------------------------------------------------------- */

/* A trade of a province: how its establishments are named, what machines
 * đề án buy for them, what products they certify. */
typedef struct DemoTrade {
	const char *name;    /* after "Cơ sở": "nước đá" */
	const char *company; /* inside company names: "Nước đá" */
	const char *work;    /* inside titles: "sản xuất nước đá" */
	const char *machine; /* what a machinery đề án buys: "hệ thống máy làm đá viên" */
	const char *products[3]; /* names of certifiable products; NULL: none */
	const char *sector;      /* sector.code */
	const char *group;       /* product group: food | handicraft | machinery | other */
	int weight;              /* share of the province's establishments */
} DemoTrade;

/* An establishment the demo created, to choose beneficiaries from. */
typedef struct DemoEst {
	int64_t id;
	int trade;   /* index in the province's trades */
	int commune; /* index in the province's communes */
	const char *name;
	bool company; /* a DNTN, company or HTX rather than a household business */
	int uses;     /* đề án it benefits from so far */
} DemoEst;

typedef struct DemoRegistry {
	const DemoProvince *p;
	const DemoTrade *trades;
	int n_trades;
	DemoEst *v; /* in the arena */
	int n, cap;
} DemoRegistry;

/* Creates n establishments of the registry's province with trades drawn by
 * weight, surveyed in survey_year (0: not surveyed). */
int demo_establishments(Demo *d, DemoRegistry *r, int n, int survey_year);
/* An establishment of trade t (-1: of any trade that has a machine to buy),
 * preferring one that no đề án supports yet and, when company, a company;
 * NULL if the registry has none of that trade. */
DemoEst *demo_beneficiary(Demo *d, DemoRegistry *r, int t, bool company);
/* The index of the trade named name in r; -1 if none. */
int demo_trade(const DemoRegistry *r, const char *name);

/* ---- Đề án ------------------------------------------------------------------------ */

enum { DEMO_MAX_LINES = 16, DEMO_MAX_MEMBERS = 8, DEMO_MAX_OUTPUTS = 4 };

/* A cost line as approved (planned = approved). */
typedef struct DemoLine {
	const char *source; /* funding_source.code */
	const char *item;
	int64_t amount;   /* đồng */
	int64_t eligible; /* the eligible cost under rule_id, or -1 */
	int64_t rule_id;  /* support_rule.id, or -1 */
	int64_t paid;     /* of a state line: disbursed in the end; -1 all */
} DemoLine;

typedef struct DemoOutput {
	const char *indicator;
	int64_t planned, actual; /* -1 unknown */
	const char *qualifier;
} DemoOutput;

/* A đề án and how far it went. The lifecycle's dates follow from its years:
 * registered and appraised in the year before start_year, approved early in
 * start_year, accepted late in end_year, settled early the year after. */
typedef struct DemoRun {
	Project p; /* as created; status and version are ignored */
	int64_t beneficiaries[DEMO_MAX_MEMBERS];
	int n_beneficiaries;
	int64_t partner; /* an organisation, or -1 */
	DemoLine lines[DEMO_MAX_LINES];
	int n_lines;
	DemoOutput outputs[DEMO_MAX_OUTPUTS];
	int n_outputs;
	const char *final;      /* accepted | settled | closed | terminated */
	bool carried_over;      /* carried into end_year + 1 and accepted then */
	int inspections;        /* kiểm tra, giám sát while it runs */
	int64_t approver;       /* who approves (Bộ Công Thương, UBND tỉnh) */
	int64_t centre;         /* who contracts, inspects, accepts */
	const char *approval;   /* the approval decision's symbol: "QĐ-BCT", "QĐ-UBND" */
	const char *settle;     /* the settlement decision's symbol: "QĐ-SCT", "QĐ-CTĐP" */
	const char *acceptance; /* the acceptance minutes' symbol: "BBNT-TTKC" */
	const char *reason_code, *reason; /* why it stopped or was carried over */
	/* An adjustment approved while it ran (change_beneficiary ...), or NULL. */
	const char *adjustment, *old_value, *new_value;
	const char *adjuster; /* the approval's symbol: "QĐ-SCT" */
} DemoRun;

/* A run with nothing set but: ordinary đề án of the province, final
 * 'settled', no inspections, no partner. */
DemoRun demo_run_blank(void);
/* Creates r->p with its beneficiaries, partner, lines and outputs and moves
 * it through its lifecycle to r->final, with advances while it runs and
 * payments on acceptance; *id (may be NULL) receives its id. */
int demo_project(Demo *d, const DemoRun *r, int64_t *id);

/* A line of money split between state support and counterpart for one
 * beneficiary buying machinery: the support line (under rule_id when not
 * -1, its eligible cost support + counterpart) and the counterpart line. */
void demo_machine_lines(DemoRun *r, const char *source, const char *machine, int64_t support,
        int64_t counterpart, int64_t rule_id);

/* ---- Other records (store_org.h, store_activity.h, store_product.h) ------------------ */

/* Creates an organisation of a legacy or current province (list NULL: a
 * national body) valid from..to (NULL: open), handing over to successor
 * (-1: none). */
int demo_org(Demo *d, const char *kind, const char *name, const char *short_name, const char *list,
        const char *code, const char *from, const char *to, int64_t successor, int64_t *id);
/* The People's Committee and the Department of Industry and Trade of legacy
 * province code ("tỉnh Sóc Trăng" its name as written after the bodies').
 * When successor (the current province's code, name) is not NULL, they end
 * on 30/6/2025 and hand over to the current province's bodies, created with
 * them (DOMAIN §6 point 6); else they go on (a province left as it was). */
int demo_bodies(Demo *d, const char *code, const char *name, const char *successor,
        const char *successor_name, int64_t *ppc, int64_t *doit);
/* The local programme of legacy province code for the years from..to, with
 * its targets v[0..n). */
int demo_programme(Demo *d, const char *code, const char *name, int from, int to, const char *note,
        ProgrammeTarget *v, int n, int64_t *id);
/* A training class of a legacy province in summer of year, for đề án project
 * (0: none): women_pct of the trainees women, minority_pct of ethnic
 * minorities (-1: not recorded), jobs after it (-1: not recorded). */
int demo_class(Demo *d, const char *province, int64_t project, int year, const char *kind,
        const char *title, int64_t trainees, int women_pct, int minority_pct, int64_t jobs);
/* quantity copies of media kind (ACT_MEDIA_*) in year. */
int demo_media(Demo *d, const char *province, int64_t project, int year, int kind, int64_t quantity,
        const char *note);
/* One study-tour delegation of people to places in autumn of year. */
int demo_tour(Demo *d, const char *province, int64_t project, int year, int64_t people,
        const char *places, const char *note);
/* The participation in a fair on day. */
int demo_fair(Demo *d, const char *province, int64_t project, const char *day, const char *name,
        const char *place, const char *scope, int64_t booths, int64_t participations);
/* A new product of an establishment of g whose trade has products to
 * certify; *est receives the establishment. */
int demo_product(Demo *d, DemoRegistry *g, int64_t *product, int64_t *est);
/* Certificate number no of level in round year ("07/2017/GCN-SPTB-TH", tag
 * telling provinces apart), by decision doc dated in months m1..m2 of year. */
int demo_certify(Demo *d, int64_t product, const char *level, int year, int no, const char *tag,
        const char *doc, int m1, int m2);

/* ---- Ordinary work of a province (io_demo_work.c) ----------------------------------------- */

/* The kinds of đề án every province has; the articles' own (the bánh pía
 * đề án, Thanh Hóa's forestry đề án, ...) are their loaders'. */
typedef enum DemoWork {
	WORK_MACHINERY,  /* ứng dụng máy móc thiết bị at one establishment (C03) */
	WORK_DEMO_MODEL, /* mô hình trình diễn kỹ thuật at one establishment (C03) */
	WORK_VOCATIONAL, /* đào tạo nghề, truyền nghề (C01) */
	WORK_MANAGEMENT, /* nâng cao năng lực quản lý (C02) */
	WORK_FAIR,       /* hội chợ (C04) */
	WORK_INFO,       /* thông tin tuyên truyền (C05) */
	WORK_SELECTION,  /* bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh (C04) */
	WORK_CAPACITY,   /* năng lực hệ thống khuyến công (C07) */
	WORK_KINDS
} DemoWork;

/* A province's office and what its ordinary work draws on. */
typedef struct DemoOffice {
	DemoRegistry *reg;
	const char *tag; /* inside đề án codes: "TH" */
	int64_t ppc, doit, centre;
	const char *centre_doc;       /* its documents' symbol: "BBNT-TTKC" */
	const char *const *vocations; /* crafts taught: "dệt thổ cẩm"; NULL-terminated */
	const char *const *fairs;     /* fairs its establishments go to; NULL-terminated */
	const char *tour_places;      /* where its staff go to learn */
	int women_pct, minority_pct;  /* of trainees */
	int first_year;
	int seq[2][24]; /* đề án numbered per level and year from first_year */
	/* Set by demo_work for demo_work_records: what the work was about. */
	const char *topic;
	int64_t people;
} DemoOffice;

/* The run every đề án of the office starts from: its code (numbered per
 * level and year), level, activity content of kind k, province, years,
 * programme, approver and documents. */
void demo_work_run(Demo *d, DemoOffice *o, DemoWork k, int year, bool national, DemoRun *r);
/* A run of the office for work of kind k in year at level (national: KCQG),
 * paid by source (support đồng) and the beneficiaries (counterpart đồng):
 * its code, title, place, beneficiaries, lines and outputs. Provincial
 * selection rounds certify their products here (before the đề án exists,
 * since the establishments are its beneficiaries). */
int demo_work(Demo *d, DemoOffice *o, DemoWork k, int year, bool national, const char *source,
        int64_t support, int64_t counterpart, DemoRun *r);
/* Writes what belongs to the work demo_work prepared last (kind k, year)
 * once its đề án id exists: classes, fairs, media, study tours. */
int demo_work_records(Demo *d, DemoOffice *o, DemoWork k, int year, int64_t id);
/* The activity content of ordinary work of kind k. */
const char *demo_work_activity(DemoWork k);
/* Draws the support (đồng) of ordinary work of kind k at level, and the
 * counterpart the beneficiaries add to support. */
int64_t demo_work_support(Demo *d, DemoWork k, bool national);
int64_t demo_work_counterpart(Demo *d, DemoWork k, int64_t support);

/* ---- Reported figures ------------------------------------------------------------- */

/* A figure an article reports as a number (store_aggregate.h). */
typedef struct DemoFigure {
	const char *id;        /* its DOMAIN §7 id, written into the note */
	const char *indicator; /* indicator.code */
	const char *period;    /* "2016-H1", "2012-2022" */
	const char *kind;      /* plan | actual | estimate */
	const char *level;     /* national | local | all */
	int64_t value;         /* đồng, count, or % × 100 */
	const char *qualifier; /* gần | trên | khoảng | ước, or NULL */
	const char *note;      /* how the article puts it */
} DemoFigure;

/* Stores v[0..n) for one scope (store_aggregate.h: province with its list,
 * region, nation), with source naming the article. */
int demo_figures(Demo *d, const char *scope_kind, const char *scope_list, const char *scope_code,
        const char *source, const DemoFigure *v, size_t n);

/* Rounds v to a multiple of unit, half up. */
int64_t demo_round(int64_t v, int64_t unit);
/* Sets the place and the one beneficiary of a đề án for establishment x of
 * registry g. */
void demo_for(DemoRun *r, const DemoRegistry *g, DemoEst *x);
/* Machinery (or a demonstration model) at an establishment of g of trade t
 * (-1: any with a machine), a company if asked: r's title, place,
 * beneficiary, lines (capped by TT 28/2018/TT-BTC's rules 1 and 2 from 2018)
 * and outputs (stable jobs unless -1). NULL if g has no such establishment. */
DemoEst *demo_machinery(Demo *d, DemoRegistry *g, DemoRun *r, int t, bool company,
        const char *source, int64_t support, int64_t counterpart, bool model, int64_t jobs);
/* A state line and, when counterpart > 0, what the beneficiaries pay
 * themselves (own) beside it. */
void demo_lines(DemoRun *r, const char *source, const char *item, int64_t support, const char *own,
        int64_t counterpart);

/* Money. */
#define TRIEU 1000000LL    /* 1 triệu đồng */
#define TY    1000000000LL /* 1 tỷ đồng */

#endif
