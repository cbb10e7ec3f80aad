/* io_demo_kit.c — see io_demo_kit.h. */
#include "io/io_demo_kit.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"
#include "store/store_activity.h"
#include "store/store_establishment.h"
#include "store/store_finance.h"
#include "store/store_org.h"
#include "store/store_product.h"
#include "store/store_project_extra.h"

/* ---- Deterministic choices -------------------------------------------------------- */

void demo_seed(Demo *d, uint64_t seed)
{
	d->rng = seed;
}

/* splitmix64 (Steele, Lea and Flood, 2014): the same sequence for the same
 * seed on every platform, unlike rand(). */
static uint64_t next(Demo *d)
{
	uint64_t z = (d->rng += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

int64_t demo_pick(Demo *d, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(next(d) % (uint64_t)(hi - lo + 1));
}

void demo_weights(Demo *d, int64_t lo, int64_t hi, size_t n, int64_t *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = demo_pick(d, lo, hi);
}

/* The largest-remainder method: every share is floor(units × w / sum) units,
 * the units left go one each to the largest remainders, and what is left
 * below a unit goes to the largest share. */
void demo_split(int64_t total, const int64_t *weights, size_t n, int64_t unit, int64_t *out)
{
	int64_t sum = 0, units = total / unit, given = 0;
	for (size_t i = 0; i < n; i++)
		sum += weights[i];
	for (size_t i = 0; i < n; i++) {
		out[i] = units * weights[i] / sum;
		given += out[i];
	}
	for (int64_t left = units - given; left > 0; left--) {
		size_t best = 0;
		int64_t best_rem = -1;
		for (size_t i = 0; i < n; i++) {
			/* The remainder not yet given back: its share's fraction less
			 * what the units already added to it cover. */
			int64_t rem = units * weights[i] - out[i] * sum;
			if (rem > best_rem)
				best = i, best_rem = rem;
		}
		out[best]++;
	}
	size_t largest = 0;
	for (size_t i = 0; i < n; i++) {
		out[i] *= unit;
		if (out[i] > out[largest])
			largest = i;
	}
	out[largest] += total % unit;
}

int64_t demo_round(int64_t v, int64_t unit)
{
	return (v + unit / 2) / unit * unit;
}

void demo_day(Demo *d, int year, int m1, int m2, char out[STORE_DATE_LEN])
{
	unsigned m = (unsigned)demo_pick(d, m1, m2), day = (unsigned)demo_pick(d, 1, 28);
	snprintf(
	        out, STORE_DATE_LEN, "%04u-%02u-%02u", (unsigned)year % 10000u, m % 13u, day % 29u);
}

const char *demo_str(Demo *d, const char *fmt, ...)
{
	Buf b;
	buf_init(&b, 4096);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	const char *s = arena_strdup(&d->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

int demo_context(Demo *d, int rc, const char *what)
{
	if (rc == 0 || !d->e)
		return rc;
	Err was = *d->e;
	err_set(d->e, rc, "%s: %s", what, was.msg);
	memcpy(d->e->field, was.field, sizeof was.field);
	return rc;
}

/* ---- Places ---------------------------------------------------------------------- */

/* A unit's full name as it reads inside an address: "Xã Đại Ngãi" → "xã Đại
 * Ngãi". Every type (Xã, Phường, Thị trấn, Huyện, Quận, Thị xã, Thành phố)
 * starts with an ASCII capital. */
static void inside(char *dst, size_t cap, const char *full_name)
{
	snprintf(dst, cap, "%s", full_name);
	if (dst[0] >= 'A' && dst[0] <= 'Z')
		dst[0] = (char)(dst[0] - 'A' + 'a');
}

typedef struct Collect {
	Demo *d;
	DemoProvince *p;
	const char *district;     /* when collecting communes */
	char (*districts)[2][64]; /* when collecting districts: code, name */
	int n_districts, cap_districts;
} Collect;

static int add_district(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list;
	Collect *c = ctx;
	if (c->n_districts == c->cap_districts)
		return 1;
	snprintf(c->districts[c->n_districts][0], 64, "%s", code);
	inside(c->districts[c->n_districts][1], 64, name);
	c->n_districts++;
	return 0;
}

static int add_commune(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list;
	Collect *c = ctx;
	DemoProvince *p = c->p;
	if (p->n % 64 == 0) {
		DemoCommune *v = arena_alloc(&c->d->arena, (size_t)(p->n + 64) * sizeof *v);
		if (p->n)
			memcpy(v, p->v, (size_t)p->n * sizeof *v);
		p->v = v;
	}
	DemoCommune *m = &p->v[p->n++];
	snprintf(m->code, sizeof m->code, "%s", code);
	inside(m->name, sizeof m->name, name);
	snprintf(m->district, sizeof m->district, "%s", c->district);
	m->urban = !strncmp(name, "Phường", strlen("Phường")) ||
	           !strncmp(name, "Thị trấn", strlen("Thị trấn"));
	return 0;
}

int demo_province(Demo *d, DemoProvince *p)
{
	enum { MAX_DISTRICTS = 40 };
	char districts[MAX_DISTRICTS][2][64];
	Collect c = {d, p, NULL, districts, 0, MAX_DISTRICTS};
	p->v = NULL, p->n = 0;
	int rc = store_admin_children(d->db, "legacy", p->code, add_district, &c, d->e);
	for (int i = 0; rc == 0 && i < c.n_districts; i++) {
		c.district = districts[i][1];
		rc = store_admin_children(d->db, "legacy", districts[i][0], add_commune, &c, d->e);
	}
	if (rc == 0 && p->n == 0)
		rc = err_set(d->e, KC_ENOTFOUND,
		        "Chưa có danh mục xã, phường của tỉnh mã '%s' (chạy khuyencong init trước)",
		        p->code);
	return rc;
}

const char *demo_address(Demo *d, const DemoProvince *p, const DemoCommune *c)
{
	return demo_str(d, "%s %d, %s, %s, %s", c->urban ? p->quarter : p->hamlet,
	        (int)demo_pick(d, 1, 9), c->name, c->district, p->name);
}

static const char *const middle_male[] = {
        "Văn", "Minh", "Hoàng", "Quốc", "Thanh", "Hữu", "Đức", "Công", "Văn", "Văn"};
static const char *const middle_female[] = {
        "Thị", "Ngọc", "Thanh", "Kim", "Mỹ", "Thu", "Thị", "Thị"};
static const char *const given_male[] = {"Hùng", "Dũng", "Tuấn", "Phúc", "Tài", "Lộc", "Nam", "Sơn",
        "Hải", "Long", "Bình", "Quang", "Trí", "Thắng", "Hiếu", "Khang", "Nghĩa", "Tâm", "Phát",
        "Thành", "Cường", "Đạt", "Toàn", "Vinh"};
static const char *const given_female[] = {"Hạnh", "Lan", "Hoa", "Mai", "Thảo", "Yến", "Trang",
        "Phương", "Hằng", "Nga", "Vân", "Loan", "Diễm", "Hương", "Thủy", "Liên", "Nhung", "Xuân"};

#define PICK(d, a) (a)[demo_pick((d), 0, (int64_t)(sizeof(a) / sizeof(a)[0]) - 1)]

const char *demo_person(Demo *d, const DemoProvince *p, bool *female)
{
	int n = 0;
	while (p->people[n])
		n++;
	/* The smaller of two draws: the first families are the most frequent. */
	int64_t i = demo_pick(d, 0, n - 1), j = demo_pick(d, 0, n - 1);
	const char *family = p->people[i < j ? i : j];
	*female = demo_pick(d, 0, 99) < 38;
	return *female ? demo_str(d, "%s %s %s", family, PICK(d, middle_female),
	                         PICK(d, given_female))
	               : demo_str(d, "%s %s %s", family, PICK(d, middle_male), PICK(d, given_male));
}

/* ---- Establishments --------------------------------------------------------------- */

static const char *const brands[] = {"Thành Phát", "Hưng Thịnh", "Tân Phú", "Minh Châu", "Kim Ngân",
        "Phước Lộc", "Hòa Bình", "Thuận Thành", "Vĩnh Phát", "Tấn Lợi", "Quốc Việt", "Ngọc Hân",
        "Hải Đăng", "Phú Quý", "An Khang", "Trường Thịnh", "Đại Phát", "Hồng Phúc", "Thanh Bình",
        "Mỹ Hưng", "Tân Tiến", "Hoàng Long", "Bảo Ngọc", "Phương Nam", "Đông Á", "Thiên Phú",
        "Hữu Nghị", "Nam Việt", "Sao Mai", "Thắng Lợi", "Hiệp Thành", "Kim Long", "Ánh Dương",
        "Thịnh Vượng", "Phúc Hưng", "Trung Nghĩa", "Đức Thành", "Gia Huy", "Hoàng Anh", "Minh Tâm",
        "Tân Hưng", "Vạn Lợi", "Song Toàn", "Thái Hòa", "Như Ý", "Khánh An", "Tuấn Kiệt",
        "Liên Hiệp", "Phát Đạt", "Đồng Tâm"};

/* How the establishment is organised, and its name. */
typedef struct Form {
	const char *legal_form, *name;
	bool company;
} Form;

static Form form_and_name(Demo *d, const DemoTrade *t, const char *person)
{
	int64_t r = demo_pick(d, 0, 99);
	const char *brand = PICK(d, brands);
	if (r < 38)
		return (Form){"household_business", demo_str(d, "Cơ sở %s %s", t->name, brand)};
	if (r < 72)
		return (Form){"household_business", demo_str(d, "Hộ kinh doanh %s", person)};
	if (r < 82)
		return (Form){"sme", demo_str(d, "DNTN %s %s", t->company, brand), true};
	if (r < 93)
		return (Form){"sme", demo_str(d, "Công ty TNHH %s %s", t->company, brand), true};
	return (Form){"coop", demo_str(d, "HTX %s %s", t->company, brand), true};
}

static int draw_trade(Demo *d, const DemoRegistry *r)
{
	int total = 0;
	for (int i = 0; i < r->n_trades; i++)
		total += r->trades[i].weight;
	int64_t x = demo_pick(d, 0, total - 1);
	for (int i = 0; i < r->n_trades; i++)
		if ((x -= r->trades[i].weight) < 0)
			return i;
	return r->n_trades - 1;
}

/* Workers and yearly revenue (đồng) by size: a household business, a company. */
static void size_of(Demo *d, bool company, Establishment *x)
{
	x->workers = company ? demo_pick(d, 10, 85) : demo_pick(d, 2, 14);
	x->revenue = company ? demo_pick(d, 2000, 30000) * TRIEU : demo_pick(d, 300, 3500) * TRIEU;
}

/* A tax code: the province's two digits and eight more, different for every
 * establishment of a run (a step prime to 10^8 never repeats). Household
 * businesses without a registered code have none. */
static const char *tax_code(Demo *d, const DemoProvince *p, bool company, int64_t seq)
{
	if (!company && demo_pick(d, 0, 99) < 45)
		return NULL;
	int64_t n = (p->tax_base + seq * 7919) % 100000000;
	return demo_str(d, "%s%08lld", p->tax_prefix, (long long)n);
}

static int add_one(Demo *d, DemoRegistry *r, int survey_year)
{
	const DemoProvince *p = r->p;
	int t = draw_trade(d, r), c = (int)demo_pick(d, 0, p->n - 1);
	bool female;
	const char *person = demo_person(d, p, &female);
	Form f = form_and_name(d, &r->trades[t], person);
	Establishment x = store_establishment_blank();
	x.name = f.name;
	x.legal_form = f.legal_form;
	x.tax_code = tax_code(d, p, f.company, r->n);
	x.address = demo_address(d, p, &p->v[c]);
	x.province_list = "legacy", x.province_code = p->code;
	x.commune_list = "legacy", x.commune_code = p->v[c].code;
	x.sector_code = r->trades[t].sector;
	size_of(d, f.company, &x);
	x.women_owned = female;
	x.ethnic_minority_labour = demo_pick(d, 0, 99) < p->minority_pct;
	x.survey_year = survey_year;
	x.representative = person;
	int64_t id;
	int rc = store_establishment_create(d->db, d->a, &x, &id, d->e);
	if (rc)
		return demo_context(d, rc, demo_str(d, "Cơ sở '%s'", x.name));
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		DemoEst *v = arena_alloc(&d->arena, (size_t)r->cap * sizeof *v);
		if (r->n)
			memcpy(v, r->v, (size_t)r->n * sizeof *v);
		r->v = v;
	}
	r->v[r->n++] = (DemoEst){id, t, c, x.name, f.company, 0};
	return 0;
}

int demo_establishments(Demo *d, DemoRegistry *r, int n, int survey_year)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < n; i++)
		rc = add_one(d, r, survey_year);
	return rc;
}

int demo_trade(const DemoRegistry *r, const char *name)
{
	for (int i = 0; i < r->n_trades; i++)
		if (!strcmp(r->trades[i].name, name))
			return i;
	return -1;
}

/* Whether establishment x fits: of trade t, or of a trade with a machine to
 * buy when t is -1, a company if asked, and supported at most `uses` times. */
static bool fits(const DemoRegistry *r, const DemoEst *x, int t, bool company, int uses)
{
	bool trade = t >= 0 ? x->trade == t : r->trades[x->trade].machine != NULL;
	return trade && (!company || x->company) && x->uses <= uses;
}

DemoEst *demo_beneficiary(Demo *d, DemoRegistry *r, int t, bool company)
{
	/* From a random start, the first that fits: first one never supported,
	 * then (if none is left) one supported once, and so on. */
	int start = (int)demo_pick(d, 0, r->n - 1);
	for (int uses = 0; uses < 4; uses++)
		for (int k = 0; k < r->n; k++) {
			DemoEst *x = &r->v[(start + k) % r->n];
			if (fits(r, x, t, company, uses)) {
				x->uses++;
				return x;
			}
		}
	return company ? demo_beneficiary(d, r, t, false) : NULL;
}

/* ---- Other records ---------------------------------------------------------------- */

int demo_org(Demo *d, const char *kind, const char *name, const char *short_name, const char *list,
        const char *code, const char *from, const char *to, int64_t successor, int64_t *id)
{
	Organisation o = store_org_blank();
	o.kind = kind;
	o.name = name;
	o.short_name = short_name;
	o.province_list = list, o.province_code = code;
	o.valid_from = from, o.valid_to = to;
	o.successor_id = successor;
	return demo_context(d, store_org_create(d->db, d->a, &o, id, d->e), name);
}

/* A province's People's Committee and Department of Industry and Trade. */
static int two_bodies(Demo *d, const char *list, const char *code, const char *name,
        const char *from, const char *to, const int64_t next[2], int64_t ids[2])
{
	static const char *const kinds[2][3] = {
	        {"ppc", "Ủy ban nhân dân", "UBND"}, {"doit", "Sở Công Thương", "Sở CT"}};
	int rc = 0;
	for (int i = 0; rc == 0 && i < 2; i++)
		rc = demo_org(d, kinds[i][0], demo_str(d, "%s %s", kinds[i][1], name),
		        demo_str(d, "%s %s", kinds[i][2], name), list, code, from, to, next[i],
		        &ids[i]);
	return rc;
}

int demo_bodies(Demo *d, const char *code, const char *name, const char *successor,
        const char *successor_name, int64_t *ppc, int64_t *doit)
{
	int64_t next[2] = {-1, -1}, ids[2];
	int rc = 0;
	if (successor)
		rc = two_bodies(
		        d, "current", successor, successor_name, "2025-07-01", NULL, next, next);
	if (rc == 0)
		rc = two_bodies(
		        d, "legacy", code, name, NULL, successor ? "2025-06-30" : NULL, next, ids);
	*ppc = ids[0], *doit = ids[1];
	return rc;
}

int demo_programme(Demo *d, const char *code, const char *name, int from, int to, const char *note,
        ProgrammeTarget *v, int n, int64_t *id)
{
	Programme p = store_programme_blank();
	p.level = "local";
	p.province_list = "legacy", p.province_code = code;
	p.name = name;
	p.start_year = from, p.end_year = to;
	p.note = note;
	p.targets = v;
	p.n_targets = n;
	return demo_context(d, store_programme_create(d->db, d->a, &p, id, d->e), name);
}

int demo_class(Demo *d, const char *province, int64_t project, int year, const char *kind,
        const char *title, int64_t trainees, int women_pct, int minority_pct, int64_t jobs)
{
	char from[STORE_DATE_LEN], to[STORE_DATE_LEN];
	demo_day(d, year, 6, 8, from);
	snprintf(to, sizeof to, "%.8s28", from);
	TrainingClass c = store_activity_training_blank();
	c.project_id = project;
	c.province_list = "legacy", c.province_code = province;
	c.kind = kind;
	c.title = title;
	c.start_date = from, c.end_date = to;
	c.trainees = trainees;
	c.women = trainees * women_pct / 100;
	c.ethnic_minority = minority_pct < 0 ? -1 : trainees * minority_pct / 100;
	c.jobs_created = jobs;
	return store_activity_training_create(d->db, d->a, &c, &d->last_id, d->e);
}

int demo_media(Demo *d, const char *province, int64_t project, int year, int kind, int64_t quantity,
        const char *note)
{
	MediaItem m = store_activity_media_blank();
	m.project_id = project;
	m.province_list = "legacy", m.province_code = province;
	m.kind = store_activity_media_kind(kind);
	m.quantity = quantity;
	m.year = year;
	m.note = note;
	return store_activity_media_create(d->db, d->a, &m, &d->last_id, d->e);
}

int demo_tour(Demo *d, const char *province, int64_t project, int year, int64_t people,
        const char *places, const char *note)
{
	char day[STORE_DATE_LEN];
	demo_day(d, year, 8, 10, day);
	StudyTour t = store_activity_tour_blank();
	t.project_id = project;
	t.province_list = "legacy", t.province_code = province;
	t.start_date = day;
	t.participants = people;
	t.places = places;
	t.note = note;
	return store_activity_tour_create(d->db, d->a, &t, &d->last_id, d->e);
}

int demo_fair(Demo *d, const char *province, int64_t project, const char *day, const char *name,
        const char *place, const char *scope, int64_t booths, int64_t participations)
{
	Fair f = store_activity_fair_blank();
	f.project_id = project;
	f.province_list = "legacy", f.province_code = province;
	f.name = name;
	f.place = place;
	f.scope = scope;
	f.start_date = day;
	f.booths = booths;
	f.participations = participations;
	return store_activity_fair_create(d->db, d->a, &f, &d->last_id, d->e);
}

int demo_product(Demo *d, DemoRegistry *g, int64_t *product, int64_t *est)
{
	int t;
	do
		t = (int)demo_pick(d, 0, g->n_trades - 1);
	while (!g->trades[t].products[0]);
	int n = 0;
	while (n < 3 && g->trades[t].products[n])
		n++;
	DemoEst *x = demo_beneficiary(d, g, t, demo_pick(d, 0, 1));
	if (!x)
		return err_set(d->e, KC_ENOTFOUND, "demo: no establishment of trade '%s'",
		        g->trades[t].name);
	Product p = store_product_blank();
	p.establishment_id = x->id;
	p.name = g->trades[t].products[demo_pick(d, 0, n - 1)];
	p.product_group = g->trades[t].group;
	*est = x->id;
	return store_product_create(d->db, d->a, &p, product, d->e);
}

int demo_certify(Demo *d, int64_t product, const char *level, int year, int no, const char *tag,
        const char *doc, int m1, int m2)
{
	static const struct {
		const char *level, *symbol;
	} numbers[] = {
	        {"provincial", "GCN-SPTB"}, {"regional", "GCN-SPTBKV"}, {"national", "GCN-SPTBQG"}};
	const char *symbol = "GCN";
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++)
		if (!strcmp(numbers[i].level, level))
			symbol = numbers[i].symbol;
	char day[STORE_DATE_LEN];
	demo_day(d, year, m1, m2, day);
	Certification c = store_product_cert_blank();
	c.product_id = product;
	c.level = level;
	c.year = year;
	c.certificate_no = demo_str(d, "%02d/%d/%s-%s", no, year, symbol, tag);
	c.decision_no = doc;
	c.decision_date = day;
	c.score = demo_pick(d, 62, 92);
	return store_product_cert_create(d->db, d->a, &c, &d->last_id, d->e);
}

/* ---- Reported figures ------------------------------------------------------------- */

int demo_figures(Demo *d, const char *scope_kind, const char *scope_list, const char *scope_code,
        const char *source, const DemoFigure *v, size_t n)
{
	AggregateFigure *f = arena_alloc(&d->arena, n * sizeof *f);
	for (size_t i = 0; i < n; i++) {
		f[i] = store_aggregate_blank();
		f[i].indicator_code = v[i].indicator;
		f[i].scope_kind = scope_kind;
		f[i].scope_list = scope_list;
		f[i].scope_code = scope_code;
		f[i].period = v[i].period;
		f[i].figure_kind = v[i].kind;
		f[i].program_level = v[i].level;
		f[i].value = v[i].value;
		f[i].qualifier = v[i].qualifier;
		f[i].note = demo_str(d, "%s (DOMAIN §7: %s)", v[i].note, v[i].id);
		f[i].source = source;
	}
	int rc = store_aggregate_put_many(d->db, d->a, f, n, NULL, d->e);
	return demo_context(d, rc, demo_str(d, "Số liệu tổng hợp (%s)", source));
}

/* ---- Đề án ------------------------------------------------------------------------ */

void demo_for(DemoRun *r, const DemoRegistry *g, DemoEst *x)
{
	r->p.commune_list = "legacy";
	r->p.commune_code = g->p->v[x->commune].code;
	r->beneficiaries[0] = x->id;
	r->n_beneficiaries = 1;
}

void demo_lines(DemoRun *r, const char *source, const char *item, int64_t support, const char *own,
        int64_t counterpart)
{
	r->lines[r->n_lines++] = (DemoLine){source, item, support, -1, -1, -1};
	if (counterpart > 0)
		r->lines[r->n_lines++] = (DemoLine){"counterpart", own, counterpart, -1, -1, -1};
}

DemoEst *demo_machinery(Demo *d, DemoRegistry *g, DemoRun *r, int t, bool company,
        const char *source, int64_t support, int64_t counterpart, bool model, int64_t jobs)
{
	DemoEst *x = demo_beneficiary(d, g, t, company);
	if (!x)
		return NULL;
	const DemoTrade *tr = &g->trades[x->trade];
	demo_for(r, g, x);
	r->p.title =
	        model ? demo_str(d, "Xây dựng mô hình trình diễn kỹ thuật %s tại %s", tr->work,
	                        x->name)
	              : demo_str(d, "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong %s tại %s",
	                        tr->work, x->name);
	/* TT 28/2018/TT-BTC's caps: rule 1 (models), rule 2 (machinery). */
	int64_t rule = r->p.start_year >= 2018 ? (model ? 1 : 2) : -1;
	demo_machine_lines(
	        r, source, demo_str(d, "Hỗ trợ %s", tr->machine), support, counterpart, rule);
	if (jobs >= 0)
		r->outputs[r->n_outputs++] = (DemoOutput){"stable_jobs", -1, jobs};
	r->outputs[r->n_outputs++] = model ? (DemoOutput){"demo_models", 1, 1}
	                                   : (DemoOutput){"machines", -1, demo_pick(d, 1, 3)};
	return x;
}

DemoRun demo_run_blank(void)
{
	return (DemoRun){.p = store_project_blank(),
	        .partner = -1,
	        .final = "settled",
	        .approver = -1,
	        .centre = -1,
	        .approval = "QĐ-UBND",
	        .settle = "QĐ-SCT",
	        .acceptance = "BBNT-TTKC"};
}

void demo_machine_lines(DemoRun *r, const char *source, const char *machine, int64_t support,
        int64_t counterpart, int64_t rule_id)
{
	r->lines[r->n_lines++] = (DemoLine){
	        source, machine, support, rule_id > 0 ? support + counterpart : -1, rule_id, -1};
	if (counterpart > 0)
		r->lines[r->n_lines++] = (DemoLine){"counterpart",
		        "Vốn đối ứng của cơ sở: máy móc, lắp đặt, nhà xưởng", counterpart, -1, -1,
		        -1};
}

/* A step of the lifecycle: the state, its day and its document. */
typedef struct Step {
	const char *to;
	char day[STORE_DATE_LEN];
	const char *doc; /* NULL: the move needs none */
	int64_t org;
	const char *reason_code, *reason;
} Step;

static int move(Demo *d, int64_t id, int *version, const Step *s)
{
	Transition t = store_project_transition_blank();
	t.event_date = s->day;
	t.decision_no = s->doc;
	t.decision_date = s->doc ? s->day : NULL;
	t.actor_org_id = s->org;
	t.reason_code = s->reason_code;
	t.reason = s->reason;
	int rc = store_project_transition(d->db, d->a, id, *version, s->to, &t, d->e);
	if (rc == 0)
		(*version)++;
	return rc;
}

/* The document of a move: "QĐ 2415/QĐ-UBND", "15/BBNT-TTKC". */
static const char *decision(Demo *d, const char *symbol)
{
	return demo_str(d, "QĐ %d/%s", (int)demo_pick(d, 120, 3980), symbol);
}

static int disburse(Demo *d, int64_t line, const char *kind, int64_t amount, const char *day)
{
	if (amount <= 0)
		return 0;
	Disbursement x = store_finance_disbursement_blank();
	x.cost_line_id = line;
	x.kind = kind;
	x.paid_on = day;
	x.amount = amount;
	x.voucher_no = demo_str(d, "UNC %d", (int)demo_pick(d, 100, 9999));
	return store_finance_disbursement_add(d->db, d->a, &x, &d->last_id, d->e);
}

static bool is_state(const char *source)
{
	return strcmp(source, "counterpart") && strcmp(source, "other");
}

/* What a state line receives: half as an advance while the đề án runs, the
 * rest on acceptance. */
static int64_t paid(const DemoLine *l)
{
	return l->paid >= 0 ? l->paid : l->amount;
}

static int add_members(Demo *d, const DemoRun *r, int64_t id)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < r->n_beneficiaries; i++)
		rc = store_project_beneficiary_add(d->db, d->a, id, r->beneficiaries[i], d->e);
	if (rc == 0 && r->partner > 0)
		rc = store_project_partner_add(d->db, d->a, id, r->partner, "partner", d->e);
	for (int i = 0; rc == 0 && i < r->n_outputs; i++) {
		ProjectOutput o = store_output_blank();
		o.project_id = id;
		o.indicator_code = r->outputs[i].indicator;
		o.planned = r->outputs[i].planned;
		o.actual = r->outputs[i].actual;
		o.qualifier = r->outputs[i].qualifier;
		rc = store_output_upsert(d->db, d->a, &o, d->e);
	}
	return rc;
}

static int add_lines(Demo *d, const DemoRun *r, int64_t id, int64_t *line_ids)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < r->n_lines; i++) {
		CostLine l = store_finance_line_blank();
		l.project_id = id;
		l.source_code = r->lines[i].source;
		l.item = r->lines[i].item;
		l.rule_id = r->lines[i].rule_id;
		l.eligible_cost = r->lines[i].eligible;
		l.planned = l.approved = r->lines[i].amount;
		l.position = i + 1;
		rc = store_finance_line_add(d->db, d->a, &l, &line_ids[i], d->e);
	}
	return rc;
}

/* Pays every state line: kind "advance" gives half (rounded to 1.000 đồng),
 * "payment" the rest, "advance_recovery" takes the advance back. */
static int pay_lines(
        Demo *d, const DemoRun *r, const int64_t *line_ids, const char *kind, const char *day)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < r->n_lines; i++) {
		const DemoLine *l = &r->lines[i];
		if (!is_state(l->source))
			continue;
		int64_t advance = demo_round(paid(l) / 2, 1000);
		int64_t amount = !strcmp(kind, "payment") ? paid(l) - advance : advance;
		rc = disburse(d, line_ids[i], kind, amount, day);
	}
	return rc;
}

static const char *const inspection_results[] = {
        "Đề án triển khai đúng nội dung, tiến độ",
        "Máy móc, thiết bị đã lắp đặt, vận hành theo hợp đồng",
        "Đôn đốc đơn vị thụ hưởng đẩy nhanh tiến độ",
        "Đề nghị cơ sở hoàn thiện hồ sơ, chứng từ thanh toán",
        "Tháo gỡ vướng mắc về mặt bằng lắp đặt thiết bị",
        "Cơ sở đã bố trí đủ vốn đối ứng theo cam kết",
};

static int inspect(Demo *d, const DemoRun *r, int64_t id)
{
	int rc = 0;
	int span = r->p.end_year - r->p.start_year + (r->carried_over ? 1 : 0);
	for (int i = 0; rc == 0 && i < r->inspections; i++) {
		char day[STORE_DATE_LEN];
		int year = r->p.start_year + (span ? (int)demo_pick(d, 0, span) : 0);
		demo_day(d, year, year == r->p.start_year ? 5 : 2, year > r->p.end_year ? 4 : 9,
		        day);
		Inspection x = store_inspection_blank();
		x.project_id = id;
		x.inspected_on = day;
		x.inspector = "Đoàn kiểm tra, giám sát đề án khuyến công";
		x.org_id = r->centre;
		x.result = PICK(d, inspection_results);
		rc = store_inspection_add(d->db, d->a, &x, &d->last_id, d->e);
	}
	return rc;
}

/* Registration to work: the moves every đề án makes, dated in the year
 * before start_year (registration, appraisals) and early in start_year. */
static int start_work(Demo *d, const DemoRun *r, int64_t id, int *version)
{
	int y = r->p.start_year;
	Step s[6] = {{"registered"}, {"appraised_basic"}, {"appraised"}, {"approved"},
	        {"contracted"}, {"in_progress"}};
	demo_day(d, y - 1, 6, 7, s[0].day);
	demo_day(d, y - 1, 8, 9, s[1].day);
	demo_day(d, y - 1, 10, 11, s[2].day);
	demo_day(d, y, 1, 2, s[3].day);
	demo_day(d, y, 3, 3, s[4].day);
	demo_day(d, y, 4, 4, s[5].day);
	s[3].doc = decision(d, r->approval);
	s[3].org = r->approver;
	s[0].org = s[1].org = s[4].org = s[5].org = r->centre;
	s[2].org = r->approver;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof s / sizeof s[0]; i++)
		rc = move(d, id, version, &s[i]);
	return rc;
}

/* A stop requested by the implementing unit and approved (DOMAIN §3.2): the
 * store moves the đề án to 'terminated'; the advance comes back. */
static int stop(Demo *d, const DemoRun *r, int64_t id, const int64_t *line_ids)
{
	int y = r->p.start_year;
	char asked[STORE_DATE_LEN], decided[STORE_DATE_LEN], back[STORE_DATE_LEN];
	demo_day(d, y, 7, 7, asked);
	demo_day(d, y, 8, 8, decided);
	demo_day(d, y, 9, 9, back);
	Adjustment a = store_project_adjustment_blank();
	a.kind = "stop";
	a.requested_on = asked;
	a.request_doc = demo_str(d, "Công văn %d/TTKC", (int)demo_pick(d, 10, 400));
	a.reason_code = r->reason_code;
	a.reason = r->reason;
	int64_t adj;
	int rc = store_project_adjust(d->db, d->a, id, &a, &adj, d->e);
	if (rc == 0)
		rc = store_project_adjust_decide(
		        d->db, d->a, adj, "approved", decision(d, r->approval), decided, d->e);
	return rc ? rc : pay_lines(d, r, line_ids, "advance_recovery", back);
}

/* A carry-over into the next year (DOMAIN §4.4): the extension is an
 * adjustment the approver grants, the move records the decision. */
static int carry_over(Demo *d, const DemoRun *r, int64_t id, int *version)
{
	int y = r->p.end_year;
	Step s[2] = {{"carried_over"}, {"in_progress"}};
	demo_day(d, y, 12, 12, s[0].day);
	demo_day(d, y + 1, 1, 1, s[1].day);
	Adjustment a = store_project_adjustment_blank();
	a.kind = "extend_next_year";
	a.requested_on = demo_str(d, "%04d-11-%02d", y % 10000, (int)demo_pick(d, 10, 28));
	a.request_doc = demo_str(d, "Công văn %d/SCT-QLCN", (int)demo_pick(d, 100, 2400));
	a.old_value = demo_str(d, "Thực hiện trong năm %d", y);
	a.new_value = demo_str(d, "Gia hạn đến 30/6/%d", y + 1);
	a.reason_code = r->reason_code;
	a.reason = r->reason;
	int64_t adj;
	s[0].doc = decision(d, r->approval);
	s[0].org = r->approver, s[1].org = r->centre;
	s[0].reason_code = r->reason_code, s[0].reason = r->reason;
	int rc = store_project_adjust(d->db, d->a, id, &a, &adj, d->e);
	if (rc == 0)
		rc = store_project_adjust_decide(
		        d->db, d->a, adj, "approved", s[0].doc, s[0].day, d->e);
	for (size_t i = 0; rc == 0 && i < 2; i++)
		rc = move(d, id, version, &s[i]);
	return rc;
}

/* Acceptance, payment, settlement and closing, as far as r->final. */
static int finish_work(Demo *d, const DemoRun *r, int64_t id, int *version, const int64_t *line_ids)
{
	int y = r->p.end_year + (r->carried_over ? 1 : 0);
	bool late = r->carried_over; /* a carried-over đề án ends by mid-year */
	Step s[3] = {{"accepted"}, {"settled"}, {"closed"}};
	char pay[STORE_DATE_LEN];
	demo_day(d, y, late ? 5 : 10, late ? 5 : 11, s[0].day);
	demo_day(d, y, late ? 6 : 12, late ? 6 : 12, pay);
	demo_day(d, late ? y : y + 1, late ? 9 : 2, late ? 10 : 3, s[1].day);
	demo_day(d, late ? y : y + 1, late ? 11 : 4, late ? 12 : 5, s[2].day);
	s[0].doc = demo_str(d, "%d/%s", (int)demo_pick(d, 1, 160), r->acceptance);
	s[1].doc = decision(d, r->settle);
	s[0].org = s[2].org = r->centre;
	int rc = move(d, id, version, &s[0]);
	if (rc == 0)
		rc = pay_lines(d, r, line_ids, "payment", pay);
	int n = !strcmp(r->final, "closed") ? 3 : !strcmp(r->final, "settled") ? 2 : 1;
	for (int i = 1; rc == 0 && i < n; i++)
		rc = move(d, id, version, &s[i]);
	return rc;
}

/* An adjustment approved while the đề án runs (DOMAIN §3.2). */
static int adjust(Demo *d, const DemoRun *r, int64_t id)
{
	int y = r->p.start_year;
	char asked[STORE_DATE_LEN], decided[STORE_DATE_LEN];
	demo_day(d, y, 6, 6, asked);
	demo_day(d, y, 7, 7, decided);
	Adjustment a = store_project_adjustment_blank();
	a.kind = r->adjustment;
	a.requested_on = asked;
	a.request_doc = demo_str(d, "Công văn %d/TTKC", (int)demo_pick(d, 10, 400));
	a.old_value = r->old_value;
	a.new_value = r->new_value;
	a.reason_code = r->reason_code;
	a.reason = r->reason;
	int64_t adj;
	int rc = store_project_adjust(d->db, d->a, id, &a, &adj, d->e);
	return rc ? rc
	          : store_project_adjust_decide(
	                    d->db, d->a, adj, "approved", decision(d, r->adjuster), decided, d->e);
}

static int run_lifecycle(Demo *d, const DemoRun *r, int64_t id, const int64_t *line_ids)
{
	int version = 1;
	char advance[STORE_DATE_LEN];
	demo_day(d, r->p.start_year, 5, 6, advance);
	int rc = start_work(d, r, id, &version);
	if (rc == 0)
		rc = pay_lines(d, r, line_ids, "advance", advance);
	if (rc == 0)
		rc = inspect(d, r, id);
	if (rc == 0 && r->adjustment)
		rc = adjust(d, r, id);
	if (rc == 0 && !strcmp(r->final, "terminated"))
		return stop(d, r, id, line_ids);
	if (rc == 0 && r->carried_over)
		rc = carry_over(d, r, id, &version);
	return rc ? rc : finish_work(d, r, id, &version, line_ids);
}

int demo_project(Demo *d, const DemoRun *r, int64_t *id)
{
	int64_t pid = 0, line_ids[DEMO_MAX_LINES];
	/* The dossier is drafted in spring of the year before (registration in summer). */
	char drafted[STORE_DATE_LEN];
	Project p = r->p;
	demo_day(d, p.start_year - 1, 4, 5, drafted);
	p.status_date = drafted;
	int rc = store_project_create(d->db, d->a, &p, &pid, d->e);
	if (rc == 0)
		rc = add_members(d, r, pid);
	if (rc == 0)
		rc = add_lines(d, r, pid, line_ids);
	if (rc == 0)
		rc = run_lifecycle(d, r, pid, line_ids);
	if (rc == 0 && id)
		*id = pid;
	return demo_context(d, rc, demo_str(d, "Đề án '%s'", r->p.code));
}
