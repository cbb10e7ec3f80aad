/* io_resolve.c — the engine's lookups for the handlers (io_run.h): places
 * written by name or code, establishments and đề án named in a row, code
 * lists, the rows already written by this import, and whether a record's
 * province is one the actor may write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/ident.h"
#include "core/vntext.h"
#include "io/io_dict.h"
#include "io/io_import.h"
#include "io/io_run.h"
#include "store/store_admin.h"
#include "store/store_codes.h"
#include "store/store_establishment.h"
#include "store/store_project.h"

enum { PLACE_MAX = 8, NAME_MAX = 8 };

/* ---- Maps ------------------------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void smap_grow(StrMap *m)
{
	size_t cap = m->cap ? 2 * m->cap : 64;
	struct StrEnt *v = calloc(cap, sizeof *v);
	if (!v)
		abort();
	for (size_t i = 0; i < m->cap; i++)
		if (m->v[i].key) {
			size_t k = hash_str(m->v[i].key) & (cap - 1);
			while (v[k].key)
				k = (k + 1) & (cap - 1);
			v[k] = m->v[i];
		}
	free(m->v);
	m->v = v;
	m->cap = cap;
}

static struct StrEnt *smap_slot(const StrMap *m, const char *key)
{
	size_t k = hash_str(key) & (m->cap - 1);
	while (m->v[k].key && strcmp(m->v[k].key, key))
		k = (k + 1) & (m->cap - 1);
	return &m->v[k];
}

void smap_put(StrMap *m, const char *key, const char *val)
{
	if (2 * (m->n + 1) > m->cap)
		smap_grow(m);
	struct StrEnt *s = smap_slot(m, key);
	if (!s->key) {
		s->key = arena_strdup(&m->a, key);
		m->n++;
	}
	s->val = arena_strdup(&m->a, val);
}

const char *smap_get(const StrMap *m, const char *key, bool *found)
{
	const struct StrEnt *s = m->cap ? smap_slot(m, key) : NULL;
	if (found)
		*found = s && s->key;
	return s && s->key ? s->val : NULL;
}

void smap_free(StrMap *m)
{
	free(m->v);
	arena_free(&m->a);
	*m = (StrMap){0};
}

int64_t imap_put_new(IntMap *m, int64_t key, int64_t val, bool *was_there)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? 2 * m->cap : 1024;
		struct IntEnt *v = calloc(cap, sizeof *v);
		if (!v)
			abort();
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].key) {
				size_t k = (size_t)(m->v[i].key * 0x9E3779B97F4A7C15u) & (cap - 1);
				while (v[k].key)
					k = (k + 1) & (cap - 1);
				v[k] = m->v[i];
			}
		free(m->v);
		m->v = v;
		m->cap = cap;
	}
	size_t k = (size_t)(key * 0x9E3779B97F4A7C15u) & (m->cap - 1);
	while (m->v[k].key && m->v[k].key != key)
		k = (k + 1) & (m->cap - 1);
	*was_there = m->v[k].key != 0;
	if (!*was_there) {
		m->v[k] = (struct IntEnt){key, val};
		m->n++;
	}
	return m->v[k].val;
}

int64_t imap_get(const IntMap *m, int64_t key)
{
	if (!m->cap)
		return 0;
	size_t k = (size_t)(key * 0x9E3779B97F4A7C15u) & (m->cap - 1);
	while (m->v[k].key && m->v[k].key != key)
		k = (k + 1) & (m->cap - 1);
	return m->v[k].key ? m->v[k].val : 0;
}

void imap_free(IntMap *m)
{
	free(m->v);
	*m = (IntMap){0};
}

/* ---- Small accessors ---------------------------------------------------------------- */

Db *run_db(const Run *r)
{
	return r->db;
}

const Actor *run_actor(const Run *r)
{
	return &r->actor;
}

Arena *run_arena(Run *r)
{
	return &r->row_arena;
}

const IoVal *run_val(const Run *r, int field)
{
	return &r->v[field];
}

const char *run_date(const Run *r, int field)
{
	return field >= 0 && r->v[field].set ? r->v[field].date : NULL;
}

bool run_same_text(const char *a, const char *b)
{
	return (!a || !*a) ? (!b || !*b) : (b && !strcmp(a, b));
}

int64_t run_unit(const Run *r, int field)
{
	return r->b->unit[field] > 0 ? r->b->unit[field] : 1;
}

const char *run_text(const Run *r, int field)
{
	return field >= 0 && r->v[field].set ? r->v[field].text : NULL;
}

const char *run_norm(Run *r, const char *text)
{
	Buf b;
	buf_init(&b, 4 * strlen(text) + 16);
	const char *s = io_norm(text, strlen(text), &b, NULL) ? "" : buf_cstr(&b);
	const char *out = arena_strdup(&r->row_arena, s);
	buf_free(&b);
	return out;
}

bool run_seen(Run *r, int kind, int64_t id, int64_t *row)
{
	bool there;
	*row = imap_put_new(&r->seen, id * SEEN_KINDS + kind + 1, r->row->number, &there);
	return there;
}

bool run_was_seen(const Run *r, int kind, int64_t id, int64_t *row)
{
	*row = imap_get(&r->seen, id * SEEN_KINDS + kind + 1);
	return *row != 0;
}

const char *run_prefix(Run *r, const char *set, const char *text)
{
	const char *rest;
	return io_dict_prefix(r->dict, set, run_norm(r, text), &rest);
}

/* ---- Code lists ---------------------------------------------------------------------- */

typedef struct CodeLoad {
	Run *r;
	const char *list;
} CodeLoad;

static void put_code(Run *r, const char *list, const char *text, const char *code)
{
	Buf k;
	buf_init(&k, 4 * strlen(text) + 64);
	buf_printf(&k, "%s|", list);
	if (io_norm(text, strlen(text), &k, NULL) == 0 && !buf_err(&k))
		smap_put(&r->codes, buf_cstr(&k), code);
	buf_free(&k);
}

static int code_row(void *ctx, const char *code, const char *label, const char *extra)
{
	CodeLoad *c = ctx;
	put_code(c->r, c->list, code, code);
	put_code(c->r, c->list, label, code);
	if (!strcmp(c->list, "indicator") && extra) {
		char k[200];
		snprintf(k, sizeof k, "ikind|%s", code);
		smap_put(&c->r->codes, k, extra);
	}
	return 0;
}

static int region_row(void *ctx, const char *code, const char *kind, const char *name)
{
	(void)kind;
	put_code(ctx, "region", code, code);
	put_code(ctx, "region", name, code);
	return 0;
}

int run_load_codes(Run *r, Err *e)
{
	static const struct {
		StoreCodeList list;
		const char *name;
	} lists[] = {{STORE_CODES_ACTIVITY, "activity"}, {STORE_CODES_SOURCE, "source"},
	        {STORE_CODES_INDICATOR, "indicator"}, {STORE_CODES_SECTOR, "sector"}};
	for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
		CodeLoad c = {r, lists[i].name};
		int rc = store_codes_each(r->db, lists[i].list, code_row, &c, e);
		if (rc)
			return rc;
	}
	return store_admin_regions(r->db, NULL, region_row, r, e);
}

const char *run_indicator_kind(const Run *r, const char *code)
{
	char k[200];
	snprintf(k, sizeof k, "ikind|%s", code);
	return smap_get(&r->codes, k, NULL);
}

const char *run_region(const Run *r, const char *norm)
{
	char k[400];
	snprintf(k, sizeof k, "region|%s", norm);
	return smap_get(&r->codes, k, NULL);
}

/* ---- Places ------------------------------------------------------------------------- */

/* The keys a unit written as text may be stored under: its folded text,
 * without a leading type word ("Tỉnh", "TP.", "Xã"), and the official name
 * of a nickname ("TP HCM"). code receives it as a code when it is digits,
 * padded to width. */
static void place_keys(Run *r, const char *text, int width, char code[8], const char *keys[3])
{
	size_t n = strlen(text);
	bool digits = n > 0 && n <= (size_t)width;
	for (size_t i = 0; digits && i < n; i++)
		digits = text[i] >= '0' && text[i] <= '9';
	code[0] = '\0';
	if (digits)
		snprintf(code, 8, "%0*d", width, (int)strtol(text, NULL, 10));
	Buf f;
	buf_init(&f, 4 * n + 16);
	vn_fold(&f, text, n, NULL);
	keys[0] = arena_strdup(&r->row_arena, buf_cstr(&f));
	const char *norm = run_norm(r, text), *rest = NULL;
	keys[1] = io_dict_prefix(r->dict, "unit_prefix", norm, &rest) ? rest : NULL;
	const char *official = io_dict_choice(r->dict, "place", norm);
	if (!official && rest)
		official = io_dict_choice(r->dict, "place", rest);
	buf_reset(&f);
	if (official)
		vn_fold(&f, official, strlen(official), NULL);
	keys[2] = official ? arena_strdup(&r->row_arena, buf_cstr(&f)) : NULL;
	buf_free(&f);
}

static int find_units(Run *r, const char *level, const char *text, const char *plist,
        const char *pcode, UnitFound *out, int *n, Err *e)
{
	char code[8];
	const char *keys[3];
	int width = !strcmp(level, "province") ? 2 : !strcmp(level, "district") ? 3 : 5;
	place_keys(r, text, width, code, keys);
	return store_admin_find(
	        r->db, level, code[0] ? code : NULL, keys, plist, pcode, out, PLACE_MAX, n, e);
}

/* Province candidates in the order a record of year prefers their list:
 * legacy up to 2025, current from 2026 and for "today". */
static void order_by_year(UnitFound *v, int n, int year)
{
	const char *first = year && year <= 2025 ? "legacy" : "current";
	int k = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = k; i < n; i++)
			if ((strcmp(v[i].list, first) == 0) == (pass == 0)) {
				UnitFound t = v[k];
				v[k] = v[i];
				v[i] = t;
				k++;
			}
}

/* The commune written in text inside province p, narrowed to district
 * dist_code when given: 1 found, 0 none, -1 several (problem recorded). */
static int commune_in(Run *r, int field, const char *text, const UnitFound *p,
        const char *dist_code, UnitRef *out, int *rc, Err *e)
{
	UnitFound c[PLACE_MAX];
	int n, k = 0, hit = -1;
	if ((*rc = find_units(r, "commune", text, p->list, p->code, c, &n, e)))
		return 0;
	for (int i = 0; i < n && i < PLACE_MAX; i++)
		if (!dist_code || !strcmp(c[i].parent, dist_code))
			k++, hit = i;
	if (k == 1) {
		snprintf(out->list, sizeof out->list, "%s", c[hit].list);
		snprintf(out->level, sizeof out->level, "commune");
		snprintf(out->code, sizeof out->code, "%s", c[hit].code);
		return 1;
	}
	if (k > 1)
		run_problem(r, field, false,
		        "Có %d xã, phường tên '%s' trong tỉnh mã %s: ghi mã xã (5 chữ số) hoặc"
		        " ghi thêm huyện",
		        n, text, p->code);
	return k > 1 ? -1 : 0;
}

static int district_of(
        Run *r, int field, const char *text, const UnitFound *p, char out[6], bool *ok, Err *e)
{
	UnitFound d[PLACE_MAX];
	int n, rc = find_units(r, "district", text, "legacy", p->code, d, &n, e);
	*ok = rc == 0 && n == 1 && !strcmp(p->list, "legacy");
	if (*ok)
		snprintf(out, 6, "%s", d[0].code);
	else if (rc == 0 && strcmp(p->list, "legacy"))
		*ok = true, out[0] = '\0'; /* the current list has no districts */
	else if (rc == 0)
		run_problem(r, field, false, "Huyện '%s' %s trong tỉnh mã %s", text,
		        n ? "có nhiều nơi trùng tên" : "không có", p->code);
	return rc;
}

/* Caches a place as "list:province:commune" under what was written. */
static void cache_place(Run *r, const char *key, const UnitRef *p, const UnitRef *c)
{
	char v[64];
	snprintf(v, sizeof v, "%s:%s:%s", p->list, p->code, c->code);
	smap_put(&r->places, key, v);
}

static bool cached_place(Run *r, const char *key, UnitRef *p, UnitRef *c)
{
	const char *v = smap_get(&r->places, key, NULL);
	if (!v)
		return false;
	const char *a = strchr(v, ':'), *b = a ? strchr(a + 1, ':') : NULL;
	if (!b)
		return false;
	snprintf(p->list, sizeof p->list, "%.*s", (int)(a - v), v);
	snprintf(p->level, sizeof p->level, "province");
	snprintf(p->code, sizeof p->code, "%.*s", (int)(b - a - 1), a + 1);
	snprintf(c->list, sizeof c->list, "%s", p->list);
	snprintf(c->level, sizeof c->level, "commune");
	snprintf(c->code, sizeof c->code, "%s", b + 1);
	return true;
}

int run_place(Run *r, int prov, int dist, int comm, int year, UnitRef *province, UnitRef *commune,
        bool *ok)
{
	*ok = false;
	*province = (UnitRef){0};
	*commune = (UnitRef){0};
	const char *ptext = run_text(r, prov), *dtext = run_text(r, dist),
	           *ctext = run_text(r, comm);
	if (!ptext) {
		run_problem(r, prov, false, "Chưa ghi tỉnh, thành phố");
		return 0;
	}
	char key[1024];
	snprintf(key, sizeof key, "%d\x1f%s\x1f%s\x1f%s", year && year <= 2025, ptext,
	        dtext ? dtext : "", ctext ? ctext : "");
	if (cached_place(r, key, province, commune))
		return *ok = true, 0;
	Err e = {0};
	UnitFound p[PLACE_MAX];
	int n, rc = find_units(r, "province", ptext, NULL, NULL, p, &n, &e);
	if (rc)
		return rc;
	if (n == 0) {
		run_problem(r, prov, false,
		        "Tỉnh, thành phố '%s' không có trong danh mục đơn vị hành chính (trước hay"
		        " sau 01/7/2025)",
		        ptext);
		return 0;
	}
	n = n < PLACE_MAX ? n : PLACE_MAX;
	order_by_year(p, n, year);
	int hit = ctext ? 0 : 1;
	for (int i = 0; i < n && ctext && hit == 0; i++) {
		char dcode[6] = "";
		bool dok = true;
		if (dtext && (rc = district_of(r, dist, dtext, &p[i], dcode, &dok, &e)))
			return rc;
		if (!dok)
			return 0;
		hit = commune_in(r, comm, ctext, &p[i], dcode[0] ? dcode : NULL, commune, &rc, &e);
		if (rc)
			return rc;
		if (hit == 1)
			p[0] = p[i];
	}
	if (hit == 0)
		run_problem(r, comm, false, "Xã, phường '%s' không có trong tỉnh, thành phố '%s'",
		        ctext, ptext);
	if (hit != 1)
		return 0;
	snprintf(province->list, sizeof province->list, "%s", p[0].list);
	snprintf(province->level, sizeof province->level, "province");
	snprintf(province->code, sizeof province->code, "%s", p[0].code);
	if (!ctext)
		snprintf(commune->list, sizeof commune->list, "%s", p[0].list);
	cache_place(r, key, province, commune);
	*ok = true;
	return 0;
}

/* ---- Records named in a row ------------------------------------------------------ */

static bool looks_like_tax_code(const char *s)
{
	size_t n = strlen(s);
	return ident_tax_code(s, n, NULL) == 0;
}

int run_find_establishment(
        Run *r, int field, const char *text, const UnitRef *province, int64_t *id, bool *ok)
{
	*ok = false;
	Err e = {0};
	int rc;
	if (looks_like_tax_code(text)) {
		rc = store_establishment_find_tax(r->db, text, id, &e);
		if (rc == KC_ENOTFOUND)
			run_problem(r, field, false,
			        "Không có cơ sở nào mã số thuế '%s' (nhập cơ sở trước, hoặc trong trang"
			        " cơ sở của cùng tệp)",
			        text);
		*ok = rc == 0;
		return rc == KC_ENOTFOUND ? 0 : rc;
	}
	int64_t ids[NAME_MAX];
	int n;
	const char *plist = province && province->code[0] ? province->list : NULL;
	const char *pcode = province && province->code[0] ? province->code : NULL;
	if ((rc = store_establishment_find_name(
	             r->db, text, plist, pcode, NULL, ids, NAME_MAX, &n, &e)))
		return rc;
	if (n == 1) {
		*id = ids[0];
		*ok = true;
	} else {
		const char *where = pcode ? " trong tỉnh đã ghi" : "";
		if (n)
			run_problem(r, field, false,
			        "Có %d cơ sở tên '%s'%s: ghi mã số thuế để chỉ rõ cơ sở", n, text,
			        where);
		else
			run_problem(r, field, false,
			        "Không có cơ sở nào tên '%s'%s (nhập cơ sở trước, hoặc ghi mã số thuế)",
			        text, where);
	}
	return 0;
}

int run_find_project(Run *r, int field, int64_t *id, bool *ok)
{
	*ok = false;
	const char *code = run_text(r, field);
	if (!code) {
		run_problem(r, field, false, "Chưa ghi mã đề án");
		return 0;
	}
	Err e = {0};
	int rc = store_project_find_code(r->db, code, id, &e);
	if (rc == KC_ENOTFOUND) {
		run_problem(r, field, false,
		        "Không có đề án mã '%s' (nhập đề án trước, hoặc trong trang đề án của cùng"
		        " tệp)",
		        code);
		return 0;
	}
	*ok = rc == 0;
	return rc;
}

/* ---- The actor's provinces ---------------------------------------------------------- */

static bool actor_has(const Run *r, const char *current)
{
	for (int i = 0; i < r->o->nprovinces; i++)
		if (!strcmp(r->o->provinces[i], current))
			return true;
	return false;
}

/* Whether province (list, code) re-based to today's lies in the actor's
 * provinces, remembered for the rest of the import. An unknown province is
 * not (the store refuses it anyway). */
static int in_actor_provinces(Run *r, const char *list, const char *code, bool *in)
{
	char key[32];
	snprintf(key, sizeof key, "%s:%s", list ? list : "current", code);
	const char *v = smap_get(&r->scopes, key, NULL);
	if (!v) {
		UnitRef u = {.level = "province"};
		snprintf(u.list, sizeof u.list, "%s", list ? list : "current");
		snprintf(u.code, sizeof u.code, "%s", code);
		char current[3];
		Err e = {0};
		int rc = store_admin_current_province(r->db, &u, current, &e);
		if (rc && rc != KC_ENOTFOUND)
			return rc;
		v = rc == 0 && actor_has(r, current) ? "1" : "0";
		smap_put(&r->scopes, key, v);
	}
	*in = *v == '1';
	return 0;
}

int run_scope(Run *r, int field, const char *list, const char *code, const char *whose, bool *ok)
{
	*ok = true;
	if (!r->o->provinces)
		return 0;
	if (!code || !*code) {
		*ok = false;
		if (whose)
			run_problem(r, field, false,
			        "Dữ liệu cấp quốc gia (%s không thuộc tỉnh nào): chỉ người dùng cấp"
			        " quốc gia được nhập",
			        whose);
		else
			run_problem(r, field, false,
			        "Số liệu cấp quốc gia hoặc cấp vùng: chỉ người dùng cấp quốc gia được"
			        " nhập");
		return 0;
	}
	int rc = in_actor_provinces(r, list, code, ok);
	if (rc || *ok)
		return rc;
	UnitRef u = {.level = "province"};
	snprintf(u.list, sizeof u.list, "%s", list ? list : "current");
	snprintf(u.code, sizeof u.code, "%s", code);
	const char *name = code;
	Err e = {0};
	if ((rc = store_admin_name(r->db, &u, &r->row_arena, &name, &e)) && rc != KC_ENOTFOUND)
		return rc;
	if (whose)
		run_problem(r, field, false,
		        "Tỉnh '%s' không thuộc phạm vi của bạn: %s thuộc tỉnh này", name, whose);
	else
		run_problem(r, field, false, "Tỉnh '%s' không thuộc phạm vi của bạn", name);
	return 0;
}

int run_project_scope(Run *r, int field, int64_t id, bool *ok)
{
	*ok = true;
	if (!r->o->provinces)
		return 0;
	Project pj;
	Err e = {0};
	int rc = store_project_get(r->db, id, &r->row_arena, &pj, &e);
	if (rc)
		return rc;
	size_t n = strlen(pj.code) + 16;
	char *whose = arena_alloc(&r->row_arena, n);
	snprintf(whose, n, "đề án '%s'", pj.code);
	return run_scope(r, field, pj.province_list, pj.province_code, whose, ok);
}

int run_establishment_scope(Run *r, int field, int64_t id, bool *ok)
{
	*ok = true;
	if (!r->o->provinces)
		return 0;
	Establishment x;
	Err e = {0};
	int rc = store_establishment_get(r->db, id, &r->row_arena, &x, &e);
	if (rc)
		return rc;
	size_t n = strlen(x.name) + 32;
	char *whose = arena_alloc(&r->row_arena, n);
	snprintf(whose, n, "cơ sở '%s'", x.name);
	return run_scope(r, field, x.province_list, x.province_code, whose, ok);
}
