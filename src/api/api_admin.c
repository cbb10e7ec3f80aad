/* api_admin.c — /api/v1/units and /api/v1/regions: administrative units as
 * they were on a date (the legacy list until 30/06/2025, the current one
 * since), the current province a unit lies in today, and the regions reports
 * group provinces by, with their dated members. Read-only, for everyone
 * signed in (store_admin.h). */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_admin.h"

typedef struct Unit {
	const char *list, *code, *name;
} Unit;

static const Field unit_fields[] = {
        FIELD_TEXT(Unit, list, FORMAT_PLAIN, FIELD_READONLY, "Danh mục: legacy, current"),
        FIELD_TEXT(Unit, code, FORMAT_PLAIN, FIELD_READONLY, "Mã đơn vị"),
        FIELD_TEXT(Unit, name, FORMAT_PLAIN, FIELD_READONLY, "Tên"),
};
const Schema api_unit_schema = SCHEMA("AdminUnit", unit_fields, "Đơn vị hành chính");

typedef struct Region {
	const char *code, *kind, *name;
} Region;

static const Field region_fields[] = {
        FIELD_TEXT(Region, code, FORMAT_PLAIN, FIELD_READONLY, "Mã vùng"),
        FIELD_TEXT(Region, kind, FORMAT_PLAIN, FIELD_READONLY,
                "Loại: moit (vùng hội nghị của Bộ), socioeconomic, geographic"),
        FIELD_TEXT(Region, name, FORMAT_PLAIN, FIELD_READONLY, "Tên vùng"),
};
const Schema api_region_schema = SCHEMA("Region", region_fields, "Vùng gộp các tỉnh");

typedef struct CurrentProvince {
	const char *list, *level, *code, *current_province, *name;
} CurrentProvince;

static const Field current_fields[] = {
        FIELD_TEXT(CurrentProvince, list, FORMAT_PLAIN, FIELD_READONLY, "Danh mục đã hỏi"),
        FIELD_TEXT(CurrentProvince, level, FORMAT_PLAIN, FIELD_READONLY, "Cấp đã hỏi"),
        FIELD_TEXT(CurrentProvince, code, FORMAT_PLAIN, FIELD_READONLY, "Mã đã hỏi"),
        FIELD_TEXT(CurrentProvince, current_province, FORMAT_PLAIN, FIELD_READONLY,
                "Mã tỉnh hiện nay chứa đơn vị đó"),
        FIELD_TEXT(CurrentProvince, name, FORMAT_PLAIN, FIELD_READONLY, "Tên tỉnh hiện nay"),
};
const Schema api_current_province_schema = SCHEMA("CurrentProvince", current_fields,
        "Tỉnh hiện nay của một đơn vị (tỉnh cũ sáp nhập nguyên vẹn)");

static const char *const levels[] = {"province", "district", "commune", NULL};
static const char *const lists[] = {"legacy", "current", NULL};
static const char *const region_kinds[] = {"moit", "socioeconomic", "geographic", NULL};

#define DATE_PARAM                                                                                 \
	{                                                                                          \
		"date", PARAM_DATE, 0, 0, NULL, "Ngày (YYYY-MM-DD), mặc định hôm nay", false       \
	}

const Param api_unit_list_params[] = {
        {"level", PARAM_ENUM, 0, 0, levels, "Cấp: province (mặc định), district, commune", false},
        DATE_PARAM,
        {"province", PARAM_TEXT, 0, 2, NULL,
                "Chỉ các đơn vị của tỉnh này (mã trong danh mục của ngày đó)", false},
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_unit_current_params[] = {
        {"list", PARAM_ENUM, 0, 0, lists, "Danh mục của đơn vị", true},
        {"level", PARAM_ENUM, 0, 0, levels, "Cấp của đơn vị", true},
        {"code", PARAM_TEXT, 0, 5, NULL, "Mã đơn vị", true},
        {NULL},
};

const Param api_region_list_params[] = {
        {"kind", PARAM_ENUM, 0, 0, region_kinds, "Loại vùng", false},
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_region_member_params[] = {
        DATE_PARAM,
        API_PAGE_PARAMS,
        {NULL},
};

/* The date parameter, or today in Việt Nam (UTC+7: from 17:00 UTC it is
 * already the next day there). */
static int day_of(Ctx *c, Date *d)
{
	const char *s = api_text(c, "date");
	if (s)
		return date_parse(s, strlen(s), d, &c->err) ? ctx_fail(c, 400, KC_EINVAL) : 0;
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	int rc = date_parse(now, 10, d, &c->err);
	if (rc == 0 && strncmp(now + 11, "17", 2) >= 0)
		*d += 1;
	return rc;
}

/* Writes the page of rows the store calls back with, counting all of them. */
typedef struct Page {
	JsonW *w;
	int64_t total;
	int64_t offset, limit;
	const Schema *schema;
} Page;

static int page_unit(void *ctx, const char *list, const char *code, const char *name)
{
	Page *p = ctx;
	if (p->total >= p->offset && p->total < p->offset + p->limit) {
		Unit u = {list, code, name};
		schema_write(p->w, p->schema, &u);
	}
	p->total++;
	return 0;
}

static int page_region(void *ctx, const char *code, const char *kind, const char *name)
{
	Page *p = ctx;
	if (p->total >= p->offset && p->total < p->offset + p->limit) {
		Region r = {code, kind, name};
		schema_write(p->w, p->schema, &r);
	}
	p->total++;
	return 0;
}

int api_unit_list(Ctx *c)
{
	Date d;
	int rc = day_of(c, &d);
	if (rc)
		return rc;
	const char *level = api_text(c, "level") ? api_text(c, "level") : "province";
	JsonW w;
	Page p = {&w, 0, api_offset(c), api_limit(c) ? api_limit(c) : 50, &api_unit_schema};
	api_list_begin(c, &w);
	if ((rc = store_admin_valid_on(
	             c->db, d, level, api_text(c, "province"), page_unit, &p, &c->err)))
		return rc;
	api_list_end(c, &w, p.total);
	return 0;
}

/* Finds the name of a province among those the store calls back with. */
typedef struct NameOf {
	CurrentProvince *cp;
	Arena *arena;
} NameOf;

static int name_of(void *ctx, const char *list, const char *code, const char *name)
{
	(void)list;
	NameOf *n = ctx;
	if (strcmp(code, n->cp->current_province))
		return 0;
	n->cp->name = arena_strdup(n->arena, name); /* the store's text ends with the call */
	return 1;
}

int api_unit_current_province(Ctx *c)
{
	UnitRef u;
	char current[3];
	snprintf(u.list, sizeof u.list, "%s", api_text(c, "list"));
	snprintf(u.level, sizeof u.level, "%s", api_text(c, "level"));
	snprintf(u.code, sizeof u.code, "%s", api_text(c, "code"));
	int rc = store_admin_current_province(c->db, &u, current, &c->err);
	if (rc == KC_ENOTFOUND)
		return err_set(&c->err, KC_ENOTFOUND,
		        "Không có đơn vị %s:%s:%s hoặc không có tỉnh"
		        " hiện nay tương ứng",
		        u.list, u.level, u.code);
	if (rc)
		return rc;
	CurrentProvince cp = {u.list, u.level, u.code, current, NULL};
	Date today;
	if ((rc = day_of(c, &today)) || (rc = store_admin_valid_on(c->db, today, "province", NULL,
	                                         name_of, &(NameOf){&cp, c->arena}, &c->err)))
		return rc;
	return api_record(c, 200, &api_current_province_schema, &cp, 0);
}

int api_region_list(Ctx *c)
{
	JsonW w;
	Page p = {&w, 0, api_offset(c), api_limit(c) ? api_limit(c) : 50, &api_region_schema};
	api_list_begin(c, &w);
	int rc = store_admin_regions(c->db, api_text(c, "kind"), page_region, &p, &c->err);
	if (rc)
		return rc;
	api_list_end(c, &w, p.total);
	return 0;
}

/* Finds the region named ctx->code among those the store calls back with. */
typedef struct Find {
	const char *code;
	bool found;
} Find;

static int find_region(void *ctx, const char *code, const char *kind, const char *name)
{
	(void)kind;
	(void)name;
	Find *f = ctx;
	f->found = !strcmp(code, f->code);
	return f->found;
}

int api_region_members(Ctx *c)
{
	Date d;
	int rc = day_of(c, &d);
	if (rc)
		return rc;
	Find f = {c->key, false};
	if ((rc = store_admin_regions(c->db, NULL, find_region, &f, &c->err)))
		return rc;
	if (!f.found)
		return err_set(&c->err, KC_ENOTFOUND, "Không có vùng '%.40s'", c->key);
	JsonW w;
	Page p = {&w, 0, api_offset(c), api_limit(c) ? api_limit(c) : 50, &api_unit_schema};
	api_list_begin(c, &w);
	if ((rc = store_admin_region_members(c->db, c->key, d, page_unit, &p, &c->err)))
		return rc;
	api_list_end(c, &w, p.total);
	return 0;
}

/* ---- The commune picker (issue 7) ------------------------------------------------------- */

static const Field commune_fields[] = {
        FIELD_TEXT(CommunePick, list, FORMAT_PLAIN, FIELD_READONLY, "Danh mục: current, legacy"),
        FIELD_TEXT(CommunePick, code, FORMAT_PLAIN, FIELD_READONLY, "Mã xã"),
        FIELD_TEXT(CommunePick, name, FORMAT_PLAIN, FIELD_READONLY, "Tên đầy đủ: Phường Ninh Kiều"),
        FIELD_TEXT(CommunePick, province, FORMAT_PLAIN, FIELD_READONLY,
                "Mã tỉnh của xã, trong danh mục của xã"),
        FIELD_TEXT(CommunePick, became, FORMAT_PLAIN, FIELD_READONLY,
                "Xã cũ: các xã hiện nay mà xã đó nhập vào; null với xã hiện nay"),
};
const Schema api_commune_pick_schema = SCHEMA("CommunePick", commune_fields,
        "Xã để chọn: xã hiện nay và xã cũ (trước 01/7/2025) của một tỉnh");

const Param api_commune_search_params[] = {
        {"province", PARAM_TEXT, 1, 16, NULL,
                "Tỉnh: mã tỉnh hiện nay (\"92\") hoặc \"legacy:94\" (tỉnh cũ: xã của tỉnh mới"
                " gồm nó)",
                true},
        API_SEARCH_PARAM,
        {"limit", PARAM_INT, 1, 2000, NULL, "Số xã tối đa, mặc định 50", false},
        {NULL},
};

int api_commune_search(Ctx *c)
{
	const char *p = api_text(c, "province");
	const char *colon = strchr(p, ':');
	UnitRef u = {.level = "province"};
	snprintf(
	        u.list, sizeof u.list, "%.*s", colon ? (int)(colon - p) : 7, colon ? p : "current");
	snprintf(u.code, sizeof u.code, "%s", colon ? colon + 1 : p);
	char current[3];
	int rc = store_admin_current_province(c->db, &u, current, &c->err);
	if (rc == KC_ENOTFOUND)
		return ctx_fail(
		        c, 400, err_field(&c->err, "province", KC_EINVAL, "Không có tỉnh '%s'", p));
	int max = (int)api_int(c, "limit", 50), n;
	bool more;
	CommunePick *v = arena_alloc(c->arena, (size_t)max * sizeof *v);
	if (rc || (rc = store_admin_communes(
	                   c->db, current, api_text(c, "q"), max, c->arena, v, &n, &more, &c->err)))
		return rc;
	JsonW w;
	api_begin(c, 200, &w);
	json_obj(&w);
	json_key(&w, "items");
	json_arr(&w);
	for (int i = 0; i < n; i++)
		schema_write(&w, &api_commune_pick_schema, &v[i]);
	json_arr_end(&w);
	json_key(&w, "more");
	json_bool(&w, more);
	json_obj_end(&w);
	return 0;
}
