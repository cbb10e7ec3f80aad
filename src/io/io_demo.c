/* io_demo.c — see io_demo.h. The loaders live in io_demo_*.c, one per
 * article or province; what they share in io_demo_kit.[ch]. */
#include "io/io_demo.h"

#include "io/io_demo_kit.h"
#include "store/store_establishment.h"
#include "store/store_org.h"
#include "store/store_programme.h"
#include "store/store_project.h"

/* The Ministry and the national programmes the national đề án belong to
 * (instruments seeded by migration 0003: QĐ 1288/QĐ-TTg, QĐ 1881/QĐ-TTg). */
int demo_national(Demo *d)
{
	Organisation o = store_org_blank();
	o.kind = "ministry";
	o.name = "Bộ Công Thương";
	o.short_name = "BCT";
	int rc = store_org_create(d->db, d->a, &o, &d->moit, d->e);
	const struct {
		const char *name, *decision, *date, *instrument;
		int from, to;
		int64_t *id;
	} v[] = {
	        {"Chương trình khuyến công quốc gia đến năm 2020", "QĐ 1288/QĐ-TTg", "2014-08-01",
	                "QD1288_2014", 2014, 2020, &d->qg_to_2020},
	        {"Chương trình khuyến công quốc gia giai đoạn 2021 - 2025", "QĐ 1881/QĐ-TTg",
	                "2020-11-20", "QD1881_2020", 2021, 2025, &d->qg_2021_2025},
	};
	for (size_t i = 0; rc == 0 && i < sizeof v / sizeof v[0]; i++) {
		Programme p = store_programme_blank();
		p.level = "national";
		p.name = v[i].name;
		p.start_year = v[i].from, p.end_year = v[i].to;
		p.decision_no = v[i].decision;
		p.decision_date = v[i].date;
		p.instrument_code = v[i].instrument;
		rc = store_programme_create(d->db, d->a, &p, v[i].id, d->e);
	}
	return demo_context(d, rc, "Bộ Công Thương và chương trình khuyến công quốc gia");
}

/* The demonstration data goes only into a database without records of its
 * own, so that it never mixes with an office's data or loads twice. */
static int refuse_used(Db *db, Err *e)
{
	Arena a = {0};
	ProjectFilter pf = store_project_filter();
	pf.limit = 1;
	ProjectList projects = {0};
	EstablishmentFilter ef = store_establishment_filter();
	ef.limit = 1;
	EstablishmentList establishments = {0};
	int rc = store_project_list(db, &pf, &a, &projects, e);
	if (rc == 0)
		rc = store_establishment_list(db, &ef, &a, &establishments, e);
	int64_t n_projects = projects.total, n_establishments = establishments.total;
	if (rc == 0 && n_projects + n_establishments > 0) {
		pf.q = "KCDP-2012-ST-001"; /* the first đề án the demo writes */
		rc = store_project_list(db, &pf, &a, &projects, e);
		if (rc == 0 && projects.total)
			rc = err_set(e, KC_ECONFLICT,
			        "Cơ sở dữ liệu đã có dữ liệu minh họa; không nạp lại lần nữa");
		else if (rc == 0)
			rc = err_set(e, KC_ECONFLICT,
			        "Cơ sở dữ liệu đã có %lld đề án và %lld cơ sở: chỉ nạp dữ liệu minh họa"
			        " vào một cơ sở dữ liệu mới (khuyencong init)",
			        (long long)n_projects, (long long)n_establishments);
	}
	arena_free(&a);
	return rc;
}

int demo_load(Db *db, const Actor *a, Err *e)
{
	int rc = refuse_used(db, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	Demo d = {db, a, e};
	static int (*const loaders[])(Demo *) = {
	        demo_national, demo_soc_trang, demo_south_2016, demo_thanh_hoa, demo_lao_cai};
	for (size_t i = 0; rc == 0 && i < sizeof loaders / sizeof loaders[0]; i++)
		rc = loaders[i](&d);
	arena_free(&d.arena);
	return store_finish(db, rc, e);
}
