/* test_web_lists.c — the pages of the kinds of web_kind.h through the
 * router, as a browser posts them: one table row per kind runs the same
 * journey (add with a name in Vietnamese holding a <script>, find it by a
 * search without diacritics, filter it in and out, export it as CSV and
 * XLSX and read the file back, a form refused for a field with what was
 * typed kept and the message at the field, change it, and another
 * province's staff refused), then the parts one kind alone has: pages with
 * totals and sorting, a product's certificates, deletes, figures. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/projtest.h"
#include "apitest.h"
#include "io/io_sheet.h"
#include "store/store_activity.h"
#include "store/store_aggregate.h"
#include "store/store_establishment.h"
#include "store/store_product.h"

/* The name every kind's record is given, as typed and as posted. */
#define NAME      "Đan lát Vĩnh Châu <script>alert(1)</script>"
#define NAME_FORM "%C4%90an+l%C3%A1t+V%C4%A9nh+Ch%C3%A2u+%3Cscript%3Ealert(1)%3C%2Fscript%3E"
#define NAME_HTML "Đan lát Vĩnh Châu &lt;script&gt;alert(1)&lt;/script&gt;"
#define OWN       "current%3A92"
#define OTHER     "current%3A01"

typedef struct KindCase {
	const char *path;    /* the list; records at path/N */
	const char *create;  /* where the form posts: "%s" is the parent's number, if any */
	int parent;          /* 0 none, 1 an establishment, 2 a product */
	const char *form;    /* a valid form: {name} and {prov} are filled in */
	const char *bad;     /* a field that makes the form wrong, posted first */
	const char *bad_at;  /* the field the message is next to */
	const char *keep;    /* a filter that keeps the record */
	const char *drop;    /* a filter that leaves it out */
	const char *edit;    /* a change, posted first */
	const char *edited;  /* what the record's page shows after it */
	const char *version; /* what a delete posts */
} KindCase;

static const KindCase cases[] = {
        {"/dao-tao", "/dao-tao", 0,
                "title={name}&kind=craft_transmission&province_code={prov}"
                "&start_date=2025-08-10&trainees=30&women=12",
                "trainees=3o", "trainees", "year=2025&kind=craft_transmission", "year=2024",
                "trainees=321", "321", ""},
        {"/hoi-cho", "/hoi-cho", 0,
                "name={name}&scope=regional&province_code={prov}&start_date=2025-09-02&booths=20",
                "booths=12ab", "booths", "kind=regional", "kind=national", "booths=777", "777", ""},
        {"/thong-tin", "/thong-tin", 0,
                "kind=leaflet&province_code={prov}&year=2025&quantity=2000&note={name}",
                "quantity=x", "quantity", "kind=leaflet&year=2025", "kind=handbook",
                "quantity=4321", "4.321", ""},
        {"/tham-quan", "/tham-quan", 0,
                "places={name}&province_code={prov}&start_date=2025-10-20&participants=25",
                "participants=nhieu", "participants", "year=2025", "year=2019", "participants=4321",
                "4.321", ""},
        {"/tu-van", "/tu-van", 0, "period=2025-H2&province_code={prov}&projects=4&note={name}",
                "revenue=mot+trieu", "revenue", "period=2025-H2", "year=2019", "revenue=1.234.567",
                "1.234.567", ""},
        {"/san-pham", "/co-so/%s/san-pham", 1, "name={name}&product_group=handicraft&version=1",
                "product_group=do-choi", "product_group", "group=handicraft", "group=food",
                "product_group=food", "Chế biến nông lâm thủy sản", "version=2"},
        {"/chung-nhan", "/san-pham/%s/chung-nhan", 2,
                "certificate_no={name}&level=provincial&year=2025&version=1", "level=cap-xom",
                "level", "level=provincial&year=2025", "level=national", "score=987", "987",
                "version=2"},
        {"/kiem-tra", "/kiem-tra", 0,
                "inspected_on=2025-11-15&province_code={prov}&inspector={name}",
                "inspected_on=31%2F02%2F2025", "inspected_on", "year=2025", "year=2019",
                "result=%C4%90%E1%BA%A1t+y%C3%AAu+c%E1%BA%A7u", "Đạt yêu cầu", ""},
        {"/co-quan", "/co-quan", 0, "name={name}&kind=partner&province_code={prov}&version=1",
                "kind=hoi-doan", "kind", "kind=partner", "kind=doit", "short_name=BQL-KC", "BQL-KC",
                "version=2"},
};

/* ---- Requests ------------------------------------------------------------------------------ */

/* s with every {key} replaced by value, into out. */
static void fill(char *out, size_t n, const char *s, const char *key, const char *value)
{
	size_t k = strlen(key), used = 0;
	while (*s && used + 1 < n) {
		if (!strncmp(s, key, k)) {
			used += (size_t)snprintf(out + used, n - used, "%s", value);
			s += k;
		} else {
			out[used++] = *s++;
		}
	}
	out[used < n ? used : n - 1] = '\0';
}

/* The record number a create's redirect names ("/dao-tao/12?tb=da-them"). */
static long long created(const ApiRes *r, const char *path)
{
	apitest_expect(r, 303, NULL);
	size_t n = strlen(path);
	if (strncmp(r->location, path, n) || r->location[n] != '/' ||
	        !strstr(r->location, "tb=da-them"))
		fail_msg("unexpected redirect '%s'", r->location);
	return strtoll(r->location + n + 1, NULL, 10);
}

/* Whether a cell of the exported book (CSV or XLSX) holds text. */
static bool book_has(const ApiRes *r, const char *name, const char *text)
{
	IoBook *b;
	IoOpen o = io_open_default();
	Err e = {0};
	if (io_book_open_mem(&b, name, r->body, r->body_len, &o, &e))
		fail_msg("cannot read the export '%s': %s", name, e.msg);
	bool found = false;
	const IoRow *row;
	if (io_book_begin(b, 0, &e))
		fail_msg("%s", e.msg);
	while (!found && !io_book_next(b, &row, &e) && row)
		for (int i = 0; i < row->n && !found; i++)
			found = strstr(row->cells[i].text, text) != NULL;
	io_book_close(b);
	return found;
}

/* ---- Fixtures ---------------------------------------------------------------------------- */

static Actor actor(ApiTest *t)
{
	return (Actor){.name = "test", .via = "cli", .now = t->app.now};
}

static int64_t establishment(ApiTest *t, const char *province, const char *name)
{
	return projtest_establishment(t, name, province);
}

static int64_t product(ApiTest *t, int64_t establishment_id, const char *name)
{
	return projtest_product(t, establishment_id, name);
}

/* The parent a kind's record is added under, in province 92 or 01. */
static long long parent_of(ApiTest *t, const KindCase *k, bool own)
{
	if (!k->parent)
		return 0;
	int64_t est = establishment(t, own ? "92" : "01", own ? "Cơ sở mây tre" : "Cơ sở gốm");
	return k->parent == 1 ? est : product(t, est, own ? "Giỏ mây" : "Bình gốm");
}

/* ---- The journey every kind runs ------------------------------------------------------- */

typedef struct Run {
	const KindCase *k;
	ApiTest *t;
} Run;

static int run_setup(void **state)
{
	Run *r = *state;
	r->t = calloc(1, sizeof *r->t);
	return r->t && !apitest_open(r->t) ? 0 : -1;
}

static int run_teardown(void **state)
{
	Run *r = *state;
	apitest_close(r->t);
	free(r->t);
	return 0;
}

/* Posts the kind's form filled for province prov as user; the answer in r. */
static void add(ApiTest *t, const KindCase *k, const char *user, long long parent, const char *prov,
        const char *first, ApiRes *r)
{
	char form[1400], named[1024], path[128], num[24];
	/* Another province's record has another name: some are unique. */
	fill(named, sizeof named, k->form, "{name}",
	        strcmp(prov, OWN) ? NAME_FORM "+H%C3%A0+N%E1%BB%99i" : NAME_FORM);
	fill(form, sizeof form, named, "{prov}", prov);
	char both[1600];
	snprintf(both, sizeof both, "%s%s%s", first ? first : "", first ? "&" : "", form);
	snprintf(num, sizeof num, "%lld", parent);
	fill(path, sizeof path, k->create, "%s", num);
	apitest_form(t, user, path, both, r);
}

static void kind_journey(void **state)
{
	const Run *run = *state;
	const KindCase *k = run->k;
	ApiTest *t = run->t;
	ApiRes r;
	char url[512];
	long long parent = parent_of(t, k, true), other_parent = parent_of(t, k, false);

	/* Refused for a field: the message next to it, what was typed kept. */
	add(t, k, "staff", parent, OWN, k->bad, &r);
	apitest_expect(&r, 422, NULL);
	snprintf(url, sizeof url, "id=\"loi-%s\"", k->bad_at);
	apitest_expect(&r, 422, url);
	snprintf(url, sizeof url, "aria-describedby=\"loi-%s\"", k->bad_at);
	apitest_expect(&r, 422, url);
	if (!strstr(k->form, "note={name}"))
		apitest_expect(&r, 422, "value=\"" NAME_HTML "\"");
	else
		apitest_expect(&r, 422, NAME_HTML "</textarea>");
	apires_free(&r);

	add(t, k, "staff", parent, OWN, NULL, &r);
	long long id = created(&r, k->path);
	apires_free(&r);
	add(t, k, "other", other_parent, OTHER, NULL, &r);
	long long other = created(&r, k->path);
	apires_free(&r);

	/* Its page: the name as text, never as markup. */
	snprintf(url, sizeof url, "%s/%lld", k->path, id);
	apitest_get(t, "viewer", url, &r);
	apitest_expect(&r, 200, NAME_HTML);
	apitest_absent(&r, "<script>alert");
	apires_free(&r);

	/* Found without diacritics, kept and dropped by filters, the other
	 * province's record left out of the viewer's list. */
	snprintf(url, sizeof url, "%s?q=dan+lat+vinh+chau&%s", k->path, k->keep);
	apitest_get(t, "viewer", url, &r);
	apitest_expect(&r, 200, NAME_HTML);
	apitest_expect(&r, 200, "Dòng 1–1 trong 1 kết quả");
	apitest_absent(&r, "<script>alert");
	apires_free(&r);
	snprintf(url, sizeof url, "%s?q=dan+lat&%s", k->path, k->drop);
	apitest_get(t, "viewer", url, &r);
	apitest_expect(&r, 200, "0 kết quả");
	apitest_absent(&r, NAME_HTML);
	apires_free(&r);
	snprintf(url, sizeof url, "%s?q=VINH+CHAU", k->path);
	apitest_get(t, "ministry", url, &r);
	apitest_expect(&r, 200, "Dòng 1–2 trong 2 kết quả");
	apires_free(&r);

	/* The filtered list as files. */
	snprintf(url, sizeof url, "%s?q=dan+lat&%s&format=csv", k->path, k->keep);
	apitest_get(t, "viewer", url, &r);
	apitest_expect(&r, 200, NULL);
	assert_non_null(strstr(r.disposition, ".csv\""));
	assert_true(book_has(&r, "list.csv", NAME));
	apires_free(&r);
	snprintf(url, sizeof url, "%s?q=dan+lat&%s&format=xlsx", k->path, k->drop);
	apitest_get(t, "viewer", url, &r);
	apitest_expect(&r, 200, NULL);
	assert_false(book_has(&r, "list.xlsx", NAME));
	apires_free(&r);
	snprintf(url, sizeof url, "%s?q=dan+lat&format=xlsx", k->path);
	apitest_get(t, "viewer", url, &r);
	assert_non_null(strstr(r.content_type, "spreadsheetml"));
	assert_true(book_has(&r, "list.xlsx", NAME));
	apires_free(&r);

	/* Changed. */
	char form[1200], named[1024];
	fill(named, sizeof named, k->form, "{name}", NAME_FORM);
	fill(form, sizeof form, named, "{prov}", OWN);
	char changed[1400];
	snprintf(changed, sizeof changed, "%s&%s", k->edit, form);
	snprintf(url, sizeof url, "%s/%lld/sua", k->path, id);
	apitest_get(t, "staff", url, &r);
	apitest_expect(&r, 200, "<form method=\"post\"");
	apires_free(&r);
	snprintf(url, sizeof url, "%s/%lld", k->path, id);
	apitest_form(t, "staff", url, changed, &r);
	apitest_expect(&r, 303, NULL);
	char after[256];
	snprintf(after, sizeof after, "%s", r.location);
	apires_free(&r);
	apitest_get(t, "viewer", after, &r);
	apitest_expect(&r, 200, k->edited);
	apitest_expect(&r, 200, "Đã lưu");
	apires_free(&r);

	/* Another province's staff: neither read, changed nor deleted. */
	apitest_get(t, "other", url, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	apitest_form(t, "other", url, changed, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	snprintf(url, sizeof url, "%s/%lld/xoa", k->path, id);
	apitest_form(t, "other", url, k->version, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	snprintf(url, sizeof url, "%s/%lld", k->path, other);
	apitest_get(t, "staff", url, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	snprintf(url, sizeof url, "%s?province=01", k->path);
	apitest_get(t, "staff", url, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);

	/* Deleted by its province. */
	snprintf(url, sizeof url, "%s/%lld/xoa", k->path, id);
	apitest_form(t, "staff", url, k->version, &r);
	apitest_expect(&r, 303, NULL);
	assert_non_null(strstr(r.location, "tb=da-xoa"));
	apires_free(&r);
	snprintf(url, sizeof url, "%s/%lld", k->path, id);
	apitest_get(t, "staff", url, &r);
	apitest_expect(&r, 404, NULL);
	apires_free(&r);
}

/* ---- What one kind alone shows ------------------------------------------------------------- */

/* 55 leaflets: pages of 50 with the total, and sorting by a column. */
static void pages_and_sorting(void **state)
{
	ApiTest *t = *state;
	Actor a = actor(t);
	for (int i = 1; i <= 55; i++) {
		MediaItem m = store_activity_media_blank();
		m.province_list = i % 2 ? "legacy" : "current";
		m.province_code = i % 2 ? "94" : "92";
		m.kind = "leaflet";
		m.quantity = i;
		m.year = 2025;
		int64_t id;
		Err e = {0};
		if (store_activity_media_create(t->db.db, &a, &m, &id, &e))
			fail_msg("fixture: %s", e.msg);
	}
	ApiRes r;
	apitest_get(t, "viewer", "/thong-tin?kind=leaflet", &r);
	apitest_expect(&r, 200, "Dòng 1–50 trong 55 kết quả");
	apitest_expect(&r, 200, "Sóc Trăng (cũ)"); /* a legacy province, by name */
	apitest_expect(&r, 200, "href=\"?kind=leaflet&amp;trang=2\"");
	apires_free(&r);
	apitest_get(t, "viewer", "/thong-tin?kind=leaflet&trang=2", &r);
	apitest_expect(&r, 200, "Dòng 51–55 trong 55 kết quả");
	apires_free(&r);
	/* Largest first: 55..6 on the first page, 5..1 on the second. */
	apitest_get(t, "viewer", "/thong-tin?kind=leaflet&sort=-quantity", &r);
	apitest_expect(&r, 200, "<td class=\"num\">55</td>");
	apitest_expect(&r, 200, "aria-sort=\"descending\"");
	apitest_absent(&r, "<td class=\"num\">5</td>");
	assert_true(strstr(r.body, ">55<") < strstr(r.body, ">54<"));
	apires_free(&r);
	apitest_get(t, "viewer", "/thong-tin?kind=leaflet&sort=-quantity&trang=2", &r);
	apitest_expect(&r, 200, "Dòng 51–55 trong 55 kết quả");
	apitest_expect(&r, 200, "<td class=\"num\">1</td>");
	apitest_absent(&r, "<td class=\"num\">55</td>");
	apires_free(&r);
	apitest_get(t, "viewer", "/thong-tin?kind=leaflet&sort=quantity", &r);
	assert_true(strstr(r.body, ">1<") < strstr(r.body, ">2<"));
	apires_free(&r);
}

/* A product's page lists its certificates; a certificate's links to its
 * product and establishment; a product with a certificate is not deleted. */
static void product_and_certificates(void **state)
{
	ApiTest *t = *state;
	int64_t est = establishment(t, "92", "Cơ sở nón lá Ba Xuyên");
	int64_t prod = product(t, est, "Nón lá bài thơ");
	ApiRes r;
	char url[128], form[256];
	/* The establishment's page leads to the form that adds a product. */
	snprintf(url, sizeof url, "/co-so/%lld", (long long)est);
	apitest_get(t, "staff", url, &r);
	snprintf(form, sizeof form, "href=\"/co-so/%lld/san-pham/moi\"", (long long)est);
	apitest_expect(&r, 200, form);
	apires_free(&r);
	snprintf(url, sizeof url, "/co-so/%lld/san-pham/moi", (long long)est);
	apitest_get(t, "staff", url, &r);
	apitest_expect(&r, 200, "Cơ sở nón lá Ba Xuyên");
	apires_free(&r);
	snprintf(url, sizeof url, "/san-pham/%lld/chung-nhan", (long long)prod);
	apitest_form(t, "staff", url, "level=provincial&year=2024&certificate_no=GCN-77", &r);
	long long cert = created(&r, "/chung-nhan");
	apires_free(&r);
	snprintf(url, sizeof url, "/san-pham/%lld", (long long)prod);
	apitest_get(t, "viewer", url, &r);
	snprintf(form, sizeof form, "href=\"/chung-nhan/%lld\"", cert);
	apitest_expect(&r, 200, form);
	snprintf(form, sizeof form, "href=\"/co-so/%lld\"", (long long)est);
	apitest_expect(&r, 200, form);
	apires_free(&r);
	snprintf(url, sizeof url, "/chung-nhan/%lld", cert);
	apitest_get(t, "viewer", url, &r);
	snprintf(form, sizeof form, "<a href=\"/san-pham/%lld\">Nón lá bài thơ</a>",
	        (long long)prod);
	apitest_expect(&r, 200, form);
	snprintf(form, sizeof form, "<a href=\"/co-so/%lld\">Cơ sở nón lá Ba Xuyên</a>",
	        (long long)est);
	apitest_expect(&r, 200, form);
	apires_free(&r);
	/* The store refuses: the product's page says why. */
	snprintf(url, sizeof url, "/san-pham/%lld/xoa", (long long)prod);
	apitest_form(t, "staff", url, "version=1", &r);
	apitest_expect(&r, 409, "role=\"alert\"");
	apires_free(&r);
	/* An edit from a stale form: 409, the form again with what was typed. */
	snprintf(url, sizeof url, "/san-pham/%lld", (long long)prod);
	apitest_form(t, "staff", url,
	        "name=N%C3%B3n+l%C3%A1+m%E1%BB%9Bi&product_group=food&version=1", &r);
	apitest_expect(&r, 303, NULL);
	apires_free(&r);
	apitest_form(
	        t, "staff", url, "name=N%C3%B3n+l%C3%A1+c%C5%A9&product_group=food&version=1", &r);
	apitest_expect(&r, 409, "value=\"Nón lá cũ\"");
	apires_free(&r);
}

/* A đề án of province (current list) made by user through the API; its number. */
static long long project(ApiTest *t, const char *user, const char *code, const char *province)
{
	char body[512];
	snprintf(body, sizeof body,
	        "{\"code\": \"%s\", \"title\": \"Đề án Cần Thơ\", \"level\": \"local\","
	        " \"activity_code\": \"C03_DEMO_TECH\", \"province_list\": \"current\","
	        " \"province_code\": \"%s\", \"registration_year\": 2025, \"start_year\": 2025,"
	        " \"end_year\": 2025}",
	        code, province);
	ApiRes r;
	apitest_call(t, user, "POST", "/api/v1/projects", body, NULL, &r);
	assert_status(&r, 201);
	long long id = apires_int(&r, "id");
	apires_free(&r);
	return id;
}

/* An inspection may not name another province's đề án; a training class may
 * name its own and links to it. */
static void links_to_projects(void **state)
{
	ApiTest *t = *state;
	ApiRes r;
	long long hn = project(t, "ministry", "KCDP-HN-01", "01");
	long long ct = project(t, "staff", "KCDP-CT-01", "92");
	char form[256];
	snprintf(form, sizeof form,
	        "inspected_on=2025-11-01&province_code=current%%3A92&project_id=%lld", hn);
	apitest_form(t, "staff", "/kiem-tra", form, &r);
	apitest_expect(&r, 403, NULL);
	apires_free(&r);
	snprintf(form, sizeof form,
	        "title=L%%E1%%BB%%9Bp+m%%C3%%A2y+tre&kind=vocational&province_code=current%%3A92"
	        "&start_date=2025-08-01&trainees=20&project_id=%lld",
	        ct);
	apitest_form(t, "staff", "/dao-tao", form, &r);
	long long id = created(&r, "/dao-tao");
	apires_free(&r);
	char url[64];
	snprintf(url, sizeof url, "/dao-tao/%lld", id);
	apitest_get(t, "viewer", url, &r);
	snprintf(form, sizeof form, "<a href=\"/de-an/%lld\">KCDP-CT-01 — Đề án Cần Thơ</a>", ct);
	apitest_expect(&r, 200, form);
	apires_free(&r);
	snprintf(url, sizeof url, "/dao-tao?project=%lld", ct);
	apitest_get(t, "viewer", url, &r);
	apitest_expect(&r, 200, "Lớp mây tre");
	apires_free(&r);
	/* A store rule: women cannot outnumber trainees; the message at the field. */
	apitest_form(t, "staff", "/dao-tao",
	        "title=L%C6%A1p&kind=vocational&province_code=" OWN
	        "&start_date=2025-08-01&trainees=20&women=25",
	        &r);
	apitest_expect(&r, 422, "id=\"loi-women\"");
	apires_free(&r);
}

/* Figures: read-only, filtered by indicator and province, values in their
 * unit, exported. */
static void figures(void **state)
{
	ApiTest *t = *state;
	Actor a = actor(t);
	struct {
		const char *indicator, *list, *code, *period;
		int64_t value;
	} rows[] = {
	        {"support_amount", "legacy", "94", "2016-H1", 1234500000},
	        {"projects_completed_pct", "legacy", "94", "2016-H1", 1950},
	        {"support_amount", "legacy", "01", "2016-H1", 99000000},
	};
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		AggregateFigure f = store_aggregate_blank();
		f.indicator_code = rows[i].indicator;
		f.scope_kind = "province";
		f.scope_list = rows[i].list;
		f.scope_code = rows[i].code;
		f.period = rows[i].period;
		f.value = rows[i].value;
		f.source = "seed001";
		Err e = {0};
		if (store_aggregate_put(t->db.db, &a, &f, NULL, &e))
			fail_msg("fixture: %s", e.msg);
	}
	ApiRes r;
	apitest_get(t, "viewer", "/so-lieu", &r);
	apitest_expect(&r, 200, "Dòng 1–2 trong 2 kết quả");
	apitest_expect(&r, 200, "1.234.500.000");
	apitest_expect(&r, 200, "19,50 %");
	apitest_expect(&r, 200, "Sóc Trăng (cũ)");
	apitest_absent(&r, "99.000.000");
	apitest_absent(&r, "/so-lieu/moi");
	apires_free(&r);
	apitest_get(t, "ministry", "/so-lieu?indicator=support_amount&sort=-value", &r);
	apitest_expect(&r, 200, "Dòng 1–2 trong 2 kết quả");
	assert_true(strstr(r.body, "1.234.500.000") < strstr(r.body, "99.000.000"));
	apires_free(&r);
	apitest_get(t, "viewer", "/so-lieu?q=kinh+phi+ho+tro&format=csv", &r);
	apitest_expect(&r, 200, NULL);
	assert_true(book_has(&r, "so-lieu.csv", "Kinh phí hỗ trợ"));
	assert_false(book_has(&r, "so-lieu.csv", "Tỷ lệ hoàn thành"));
	apires_free(&r);
}

int main(void)
{
	TestList tl = {0};
	static Run runs[COUNT_OF(cases)];
	for (size_t i = 0; i < COUNT_OF(cases); i++) {
		runs[i].k = &cases[i];
		tl_addf(&tl, kind_journey, &runs[i], "journey %s", cases[i].path);
		tl.v[tl.n - 1].setup_func = run_setup;
		tl.v[tl.n - 1].teardown_func = run_teardown;
	}
	size_t first = tl.n;
	TL_ADD(&tl, pages_and_sorting);
	TL_ADD(&tl, product_and_certificates);
	TL_ADD(&tl, links_to_projects);
	TL_ADD(&tl, figures);
	for (size_t i = first; i < tl.n; i++) {
		tl.v[i].setup_func = apitest_setup;
		tl.v[i].teardown_func = apitest_teardown;
	}
	return tl_run(&tl, "web/lists");
}
