/* io_demo_work.c — the ordinary work of a province's khuyến công office
 * (io_demo_kit.h): machinery, demonstration models, vocational and
 * management training, fairs, information, provincial rounds of typical
 * products and the capacity of the system. Thanh Hóa and Lào Cai are written
 * with it; Sóc Trăng's work follows its articles' own tables. Nothing here is
 * an article's figure: amounts, counts and names are drawn at random. */
#include "io/io_demo_kit.h"

#include <string.h>

#include "store/store_activity.h"

/* Activity content, support (triệu đồng: KCĐP, then KCQG) and counterpart
 * (% of the support) of each kind. */
static const struct {
	const char *activity;
	int64_t lo, hi, national_lo, national_hi, ratio_lo, ratio_hi;
} kinds[WORK_KINDS] = {
        [WORK_MACHINERY] = {"C03_DEMO_TECH", 60, 180, 180, 290, 150, 400},
        [WORK_DEMO_MODEL] = {"C03_DEMO_TECH", 250, 500, 400, 800, 300, 500},
        [WORK_VOCATIONAL] = {"C01_TRAINING", 60, 120, 100, 200, 0, 0},
        [WORK_MANAGEMENT] = {"C02_MANAGEMENT", 40, 70, 80, 150, 0, 0},
        [WORK_FAIR] = {"C04_PRODUCT_MARKET", 50, 120, 150, 300, 20, 60},
        [WORK_INFO] = {"C05_CONSULT_INFO", 60, 120, 100, 200, 0, 0},
        [WORK_SELECTION] = {"C04_PRODUCT_MARKET", 80, 140, 150, 250, 0, 0},
        [WORK_CAPACITY] = {"C07_SYSTEM_CAPACITY", 50, 100, 100, 200, 0, 0},
};

const char *demo_work_activity(DemoWork k)
{
	return kinds[k].activity;
}

int64_t demo_work_support(Demo *d, DemoWork k, bool national)
{
	return TRIEU * (national ? demo_pick(d, kinds[k].national_lo, kinds[k].national_hi)
	                         : demo_pick(d, kinds[k].lo, kinds[k].hi));
}

int64_t demo_work_counterpart(Demo *d, DemoWork k, int64_t support)
{
	if (!kinds[k].ratio_hi)
		return 0;
	return demo_round(
	        support * demo_pick(d, kinds[k].ratio_lo, kinds[k].ratio_hi) / 100, TRIEU);
}

/* A commune of the office's province, for work held in one place. */
static const DemoCommune *somewhere(Demo *d, const DemoOffice *o, DemoRun *r)
{
	const DemoProvince *p = o->reg->p;
	const DemoCommune *c = &p->v[demo_pick(d, 0, p->n - 1)];
	r->p.commune_list = "legacy";
	r->p.commune_code = c->code;
	return c;
}

static const char *pick(Demo *d, const char *const *v)
{
	int n = 0;
	while (v[n])
		n++;
	return v[demo_pick(d, 0, n - 1)];
}

/* A provincial round: 8 to 12 products certified, the first establishments
 * (as many as a đề án lists) its beneficiaries. */
static int selection(Demo *d, DemoOffice *o, int year, DemoRun *r)
{
	const char *doc = demo_str(d, "QĐ %d/QĐ-UBND", (int)demo_pick(d, 1500, 3900));
	int n = (int)demo_pick(d, 8, 12), rc = 0;
	for (int k = 0; rc == 0 && k < n; k++) {
		int64_t product, est;
		rc = demo_product(d, o->reg, &product, &est);
		if (rc == 0)
			rc = demo_certify(
			        d, product, "provincial", year, k + 1, o->tag, doc, 10, 11);
		if (rc == 0 && r->n_beneficiaries < DEMO_MAX_MEMBERS)
			r->beneficiaries[r->n_beneficiaries++] = est;
	}
	r->p.title = demo_str(d,
	        "Tổ chức bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp"
	        " tỉnh năm %d",
	        year);
	return rc;
}

/* Fills r for kind k; the caller has set its code, level and years. */
static int prepare(Demo *d, DemoOffice *o, DemoWork k, int year, const char *source,
        int64_t support, int64_t counterpart, DemoRun *r)
{
	bool national = !strcmp(r->p.level, "national");
	const DemoCommune *c;
	switch (k) {
	case WORK_MACHINERY:
	case WORK_DEMO_MODEL:
		return demo_machinery(d, o->reg, r, -1, national || k == WORK_DEMO_MODEL, source,
		               support, counterpart, k == WORK_DEMO_MODEL, demo_pick(d, 4, 18))
		               ? 0
		               : err_set(d->e, KC_ENOTFOUND,
		                         "demo: no establishment with a machine");
	case WORK_VOCATIONAL:
		c = somewhere(d, o, r);
		o->topic = pick(d, o->vocations);
		o->people = demo_pick(d, 25, 35);
		r->p.title = demo_str(d, "Đào tạo nghề %s cho lao động nông thôn %s, %s", o->topic,
		        c->name, c->district);
		demo_lines(r, source, "Thuê giáo viên, nguyên liệu thực hành, hỗ trợ học viên",
		        support, NULL, 0);
		return 0;
	case WORK_MANAGEMENT:
		o->people = demo_pick(d, 40, 60);
		r->p.title = demo_str(d,
		        "Nâng cao năng lực quản lý cho chủ cơ sở công nghiệp nông thôn"
		        " năm %d",
		        year);
		demo_lines(r, source, "Giảng viên, tài liệu, hội trường", support, NULL, 0);
		return 0;
	case WORK_FAIR:
		o->topic = pick(d, o->fairs);
		o->people = demo_pick(d, 4, 7);
		r->p.title = demo_str(
		        d, "Hỗ trợ cơ sở công nghiệp nông thôn tham gia %s năm %d", o->topic, year);
		for (int i = 0; i < o->people; i++)
			r->beneficiaries[r->n_beneficiaries++] =
			        demo_beneficiary(d, o->reg, -1, false)->id;
		demo_lines(r, source, "Thuê gian hàng, vận chuyển, trang trí", support,
		        "Cơ sở chi hàng mẫu, đi lại, ăn ở", counterpart);
		return 0;
	case WORK_INFO:
		r->p.title = demo_str(
		        d, "Thông tin tuyên truyền về chính sách khuyến công năm %d", year);
		demo_lines(r, source, "Chuyên trang, tờ gấp, chương trình truyền hình", support,
		        NULL, 0);
		return 0;
	case WORK_SELECTION:
		demo_lines(
		        r, source, "Tổ chức bình chọn, hồ sơ, giấy chứng nhận", support, NULL, 0);
		return selection(d, o, year, r);
	case WORK_CAPACITY:
		r->p.title = demo_str(d,
		        "Nâng cao năng lực tổ chức thực hiện hoạt động khuyến công"
		        " năm %d",
		        year);
		demo_lines(r, source, "Tập huấn, tham quan học tập kinh nghiệm", support, NULL, 0);
		return 0;
	case WORK_KINDS: break;
	}
	return err_set(d->e, KC_EINVAL, "demo: unknown work %d", (int)k);
}

void demo_work_run(Demo *d, DemoOffice *o, DemoWork k, int year, bool national, DemoRun *r)
{
	*r = demo_run_blank();
	int no = ++o->seq[national][year - o->first_year];
	r->p.code = demo_str(d, "%s-%d-%s-%03d", national ? "KCQG" : "KCDP", year, o->tag, no);
	r->p.level = national ? "national" : "local";
	r->p.activity_code = kinds[k].activity;
	r->p.province_list = "legacy", r->p.province_code = o->reg->p->code;
	r->p.implementing_id = o->centre;
	r->p.registration_year = year - 1;
	r->p.start_year = r->p.end_year = year;
	if (national)
		r->p.programme_id = year >= 2021   ? d->qg_2021_2025
		                    : year >= 2014 ? d->qg_to_2020
		                                   : -1;
	r->inspections = (int)demo_pick(d, 1, 3);
	r->approver = national ? d->moit : o->ppc;
	r->centre = o->centre;
	r->approval = national ? "QĐ-BCT" : "QĐ-UBND";
	r->settle = national ? "QĐ-CTĐP" : "QĐ-SCT";
	r->acceptance = o->centre_doc;
}

int demo_work(Demo *d, DemoOffice *o, DemoWork k, int year, bool national, const char *source,
        int64_t support, int64_t counterpart, DemoRun *r)
{
	demo_work_run(d, o, k, year, national, r);
	return prepare(d, o, k, year, source, support, counterpart, r);
}

int demo_work_records(Demo *d, DemoOffice *o, DemoWork k, int year, int64_t id)
{
	const char *province = o->reg->p->code;
	int women = o->women_pct, minority = o->minority_pct;
	char day[STORE_DATE_LEN];
	int rc = 0;
	switch (k) {
	case WORK_VOCATIONAL:
		return demo_class(d, province, id, year, "vocational",
		        demo_str(d, "Lớp đào tạo nghề %s", o->topic), o->people, women, minority,
		        o->people * demo_pick(d, 60, 90) / 100);
	case WORK_MANAGEMENT:
		return demo_class(d, province, id, year, "management",
		        demo_str(d, "Lớp nâng cao năng lực quản lý năm %d", year), o->people, 45,
		        minority / 2, -1);
	case WORK_FAIR:
		demo_day(d, year, 5, 11, day);
		return demo_fair(d, province, id, day, o->topic, NULL, "regional",
		        demo_pick(d, 3, o->people), o->people);
	case WORK_INFO:
		rc = demo_media(d, province, id, year, ACT_MEDIA_SPECIAL_PAGE, demo_pick(d, 2, 4),
		        "chuyên trang trên báo địa phương");
		if (rc == 0)
			rc = demo_media(d, province, id, year, ACT_MEDIA_LEAFLET,
			        100 * demo_pick(d, 5, 15), "tờ gấp chính sách khuyến công");
		if (rc == 0)
			rc = demo_media(d, province, id, year, ACT_MEDIA_TV_RADIO,
			        demo_pick(d, 3, 6), "phóng sự truyền hình");
		return rc;
	case WORK_CAPACITY:
		for (int i = 0; rc == 0 && i < 2; i++)
			rc = demo_class(d, province, id, year, "staff",
			        demo_str(d, "Tập huấn nghiệp vụ khuyến công năm %d (lớp %d)", year,
			                i + 1),
			        demo_pick(d, 40, 60), 40, minority / 2, -1);
		return rc ? rc
		          : demo_tour(d, province, id, year, demo_pick(d, 12, 16), o->tour_places,
		                    "học tập kinh nghiệm tổ chức hoạt động khuyến công");
	default: return 0;
	}
}
