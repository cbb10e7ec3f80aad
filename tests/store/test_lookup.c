/* test_lookup.c — the store's lookups by natural key (added for the
 * importer, usable by any form): establishments by tax code and by folded
 * name, đề án by code, cost lines, disbursements, products, certificates,
 * training classes, fairs, aggregate figures, units by name, code lists,
 * and the bulk mode of a connection. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_activity.h"
#include "store/store_admin.h"
#include "store/store_aggregate.h"
#include "store/store_codes.h"
#include "store/store_establishment.h"
#include "store/store_finance.h"
#include "store/store_product.h"
#include "store/store_project.h"

static const Actor officer = {.name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || tmpdb_open(t, TMPDB_LOADED))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

static int64_t establishment(Db *db, const char *name, const char *tax, const char *commune)
{
	Establishment x = store_establishment_blank();
	x.name = name;
	x.tax_code = tax;
	x.province_list = "legacy";
	x.province_code = "94";
	x.commune_list = commune ? "legacy" : NULL;
	x.commune_code = commune;
	int64_t id;
	Err e;
	if (store_establishment_create(db, &officer, &x, &id, &e))
		fail_msg("%s", e.msg);
	return id;
}

static void establishments_by_tax_code_and_name(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t a = establishment(db, "Cơ sở bánh pía Tân Huê Viên", "2200123456", "31498");
	int64_t b = establishment(db, "Cơ sở bánh pía Tân Huê Viên", NULL, NULL);
	int64_t id = 0, ids[4];
	int n;
	Err e = {0};
	assert_int_equal(store_establishment_find_tax(db, " 2200123456 ", &id, &e), 0);
	assert_int_equal(id, a);
	assert_int_equal(store_establishment_find_tax(db, "2200999999", &id, &e), KC_ENOTFOUND);
	assert_string_equal(e.msg, "");
	/* Folded: case, diacritics and spacing do not matter. */
	assert_int_equal(store_establishment_find_name(db, "CO SO BANH PIA  TAN HUE VIEN", "legacy",
	                         "94", "31498", ids, 4, &n, &e),
	        0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], a);
	assert_int_equal(store_establishment_find_name(db, "cơ sở bánh pía tân huê viên", "legacy",
	                         "94", "", ids, 4, &n, &e),
	        0);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], b);
	assert_int_equal(store_establishment_find_name(db, "Cơ sở bánh pía Tân Huê Viên", NULL,
	                         NULL, NULL, ids, 4, &n, &e),
	        0);
	assert_int_equal(n, 2);
	assert_int_equal(store_establishment_find_name(db, "Cơ sở bánh pía Tân Huê Viên", "current",
	                         "92", NULL, ids, 4, &n, &e),
	        0);
	assert_int_equal(n, 0);
}

static int64_t project(Db *db, const char *code, const char *status)
{
	Project p = store_project_blank();
	p.code = code;
	p.title = "Hỗ trợ máy đóng gói";
	p.level = "local";
	p.activity_code = "C03_DEMO_TECH";
	p.province_list = "legacy";
	p.province_code = "94";
	p.registration_year = p.start_year = p.end_year = 2019;
	int64_t id;
	Err e;
	if (store_project_create(db, &officer, &p, &id, &e))
		fail_msg("%s", e.msg);
	static const char *const path[] = {"registered", "appraised_basic", "appraised", "approved",
	        "contracted", "in_progress"};
	for (int i = 0, v = 1; status && i < 6; i++, v++) {
		Transition t = store_project_transition_blank();
		t.decision_no = "QĐ 1";
		t.decision_date = "2019-03-01";
		if (store_project_transition(db, &officer, id, v, path[i], &t, &e))
			fail_msg("%s", e.msg);
		if (!strcmp(path[i], status))
			break;
	}
	return id;
}

static int64_t line(Db *db, int64_t pid, const char *source, const char *item, int64_t amount)
{
	CostLine l = store_finance_line_blank();
	l.project_id = pid;
	l.source_code = source;
	l.item = item;
	l.planned = amount;
	l.approved = amount;
	int64_t id;
	Err e;
	if (store_finance_line_add(db, &officer, &l, &id, &e))
		fail_msg("%s", e.msg);
	return id;
}

static void projects_lines_and_disbursements(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t p = project(db, "KC-01", "in_progress");
	int64_t id = 0;
	Err e = {0};
	assert_int_equal(store_project_find_code(db, "KC-01", &id, &e), 0);
	assert_int_equal(id, p);
	assert_int_equal(store_project_find_code(db, "KC-02", &id, &e), KC_ENOTFOUND);
	int64_t l1 = line(db, p, "provincial", "Máy đóng gói", 300000000);
	assert_int_equal(store_finance_line_find(db, p, "provincial", NULL, &id, &e), 0);
	assert_int_equal(id, l1);
	int64_t l2 = line(db, p, "provincial", "Tập huấn", 50000000);
	assert_int_equal(store_finance_line_find(db, p, "provincial", "Tập huấn", &id, &e), 0);
	assert_int_equal(id, l2);
	assert_int_equal(store_finance_line_find(db, p, "provincial", NULL, &id, &e), KC_ECONFLICT);
	assert_string_equal(e.field, "item");
	assert_int_equal(store_finance_line_find(db, p, "central", NULL, &id, &e), KC_ENOTFOUND);

	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = l1;
	d.kind = "advance";
	d.paid_on = "2019-04-01";
	d.amount = 100000000;
	d.voucher_no = "CT-01";
	int64_t did;
	if (store_finance_disbursement_add(db, &officer, &d, &did, &e))
		fail_msg("%s", e.msg);
	bool same;
	assert_int_equal(store_finance_disbursement_find(db, &d, &id, &same, &e), 0);
	assert_int_equal(id, did);
	assert_true(same);
	d.amount = 90000000; /* the same voucher with another amount */
	assert_int_equal(store_finance_disbursement_find(db, &d, &id, &same, &e), 0);
	assert_false(same);
	d.voucher_no = NULL; /* without a voucher: kind, day and amount */
	assert_int_equal(store_finance_disbursement_find(db, &d, &id, &same, &e), KC_ENOTFOUND);
	d.voucher_no = "CT-09";
	assert_int_equal(store_finance_disbursement_find(db, &d, &id, &same, &e), KC_ENOTFOUND);
}

static void products_and_certificates(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	int64_t est = establishment(db, "Cơ sở A", "2200123456", NULL);
	Product p = store_product_blank();
	p.establishment_id = est;
	p.name = "Bánh pía sầu riêng";
	p.product_group = "food";
	int64_t pid, id = 0;
	Err e = {0};
	assert_int_equal(store_product_create(db, &officer, &p, &pid, &e), 0);
	assert_int_equal(store_product_find(db, est, "BANH PIA SAU RIENG", &id, &e), 0);
	assert_int_equal(id, pid);
	assert_int_equal(store_product_find(db, est, "Bánh tráng", &id, &e), KC_ENOTFOUND);
	Certification c = store_product_cert_blank();
	c.product_id = pid;
	c.level = "provincial";
	c.year = 2019;
	c.certificate_no = "GCN-05";
	int64_t cid;
	assert_int_equal(store_product_cert_create(db, &officer, &c, &cid, &e), 0);
	assert_int_equal(store_product_cert_find(db, &c, &id, &e), 0);
	assert_int_equal(id, cid);
	c.certificate_no = NULL; /* by product, level and year */
	assert_int_equal(store_product_cert_find(db, &c, &id, &e), 0);
	assert_int_equal(id, cid);
	c.year = 2020;
	assert_int_equal(store_product_cert_find(db, &c, &id, &e), KC_ENOTFOUND);
}

static void classes_fairs_and_figures(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	TrainingClass t = store_activity_training_blank();
	t.province_list = "legacy";
	t.province_code = "94";
	t.kind = "craft_transmission";
	t.title = "Lớp đan lát";
	t.start_date = "02/07/2019";
	t.trainees = 30;
	int64_t tid, id = 0;
	Err e = {0};
	assert_int_equal(store_activity_training_create(db, &officer, &t, &tid, &e), 0);
	t.start_date = "2019-07-02"; /* any writing of the day */
	assert_int_equal(store_activity_training_find(db, &t, &id, &e), 0);
	assert_int_equal(id, tid);
	t.title = "Lớp khác";
	assert_int_equal(store_activity_training_find(db, &t, &id, &e), KC_ENOTFOUND);

	Fair f = store_activity_fair_blank();
	f.province_list = "legacy";
	f.province_code = "94";
	f.name = "Hội chợ ĐBSCL";
	f.scope = "regional";
	f.end_date = "2019-11-25"; /* no first day: found by the last */
	int64_t fid;
	assert_int_equal(store_activity_fair_create(db, &officer, &f, &fid, &e), 0);
	assert_int_equal(store_activity_fair_find(db, &f, &id, &e), 0);
	assert_int_equal(id, fid);
	f.end_date = "2019-11-26";
	assert_int_equal(store_activity_fair_find(db, &f, &id, &e), KC_ENOTFOUND);

	AggregateFigure a = store_aggregate_blank();
	a.indicator_code = "reporting_provinces";
	a.scope_kind = "nation";
	a.period = "6 tháng đầu năm 2016";
	a.value = 20;
	int64_t aid;
	int version = 0;
	assert_int_equal(store_aggregate_put(db, &officer, &a, &aid, &e), 0);
	a.period = "2016-H1";
	assert_int_equal(store_aggregate_find(db, &a, &id, &version, &e), 0);
	assert_int_equal(id, aid);
	assert_int_equal(version, 1);
	a.figure_kind = "plan";
	assert_int_equal(store_aggregate_find(db, &a, &id, &version, &e), KC_ENOTFOUND);
	a.period = "mùa xuân";
	assert_int_equal(store_aggregate_find(db, &a, &id, &version, &e), KC_EINVAL);
}

static void units_by_name_or_code(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	UnitFound u[8];
	int n;
	Err e = {0};
	const char *soc_trang[3] = {"soc trang", NULL, NULL};
	assert_int_equal(
	        store_admin_find(db, "province", NULL, soc_trang, NULL, NULL, u, 8, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(u[0].list, "legacy");
	assert_string_equal(u[0].code, "94");
	const char *none[3] = {NULL, NULL, NULL};
	assert_int_equal(store_admin_find(db, "province", "92", none, NULL, NULL, u, 8, &n, &e), 0);
	assert_int_equal(n, 2); /* Cần Thơ in both lists */
	assert_string_equal(u[0].list, "current");
	const char *one[3] = {"1", NULL, NULL};
	assert_int_equal(
	        store_admin_find(db, "commune", NULL, one, "legacy", "94", u, 8, &n, &e), 0);
	assert_int_equal(n, 3); /* Phường 1 of three towns */
	assert_string_equal(u[0].parent, "941");
	assert_int_equal(
	        store_admin_find(db, "commune", NULL, one, "legacy", "94", u, 1, &n, &e), 0);
	assert_int_equal(n, 3); /* counted beyond max */
}

typedef struct Count {
	int n;
	bool saw;
	const char *code, *label;
} Count;

static int count_code(void *ctx, const char *code, const char *label, const char *extra)
{
	(void)extra;
	Count *c = ctx;
	c->n++;
	if (!strcmp(code, c->code) && !strcmp(label, c->label))
		c->saw = true;
	return 0;
}

static void code_lists_and_bulk_mode(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e = {0};
	Count c = {0, false, "counterpart", "Vốn đối ứng của cơ sở thụ hưởng"};
	assert_int_equal(store_codes_each(db, STORE_CODES_SOURCE, count_code, &c, &e), 0);
	assert_int_equal(c.n, 6);
	assert_true(c.saw);
	c = (Count){0, false, "C01_TRAINING", "Đào tạo nghề, truyền nghề, nâng cao tay nghề"};
	assert_int_equal(store_codes_each(db, STORE_CODES_ACTIVITY, count_code, &c, &e), 0);
	assert_true(c.saw);
	assert_int_equal(store_codes_each(db, (StoreCodeList)99, count_code, &c, &e), KC_EINVAL);
	assert_int_equal(store_bulk_mode(db, &e), 0);
	if (!tmpdb_pg()) { /* PostgreSQL has no per-connection cache to grow */
		assert_int_equal(db_scalar(db, "PRAGMA cache_size"), -262144);
		assert_int_equal(db_scalar(db, "PRAGMA temp_store"), 2);
	}
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, establishments_by_tax_code_and_name);
	TL_ADD(&tl, projects_lines_and_disbursements);
	TL_ADD(&tl, products_and_certificates);
	TL_ADD(&tl, classes_fairs_and_figures);
	TL_ADD(&tl, units_by_name_or_code);
	TL_ADD(&tl, code_lists_and_bulk_mode);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	return tl_run(&tl, "store/lookup");
}
