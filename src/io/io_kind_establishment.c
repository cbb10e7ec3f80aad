/* io_kind_establishment.c — rows of the establishments table (cơ sở CNNT).
 *
 * An establishment is the same one as a stored record when the row names
 * its id (column "Mã hệ thống") or its tax code. Without either, a record of
 * the same folded name in the same commune is a likely duplicate: a row
 * identical to it changes nothing, any other is refused with a message
 * saying how to tell them apart — never merged silently. Columns a sheet
 * does not have keep their stored values; an empty cell of a column it has
 * clears the value. */
#include <string.h>

#include "core/ident.h"
#include "io/io_run.h"
#include "store/store_establishment.h"

enum {
	F_STT,
	F_ID,
	F_NAME,
	F_LEGAL_FORM,
	F_TAX_CODE,
	F_ADDRESS,
	F_PROVINCE,
	F_DISTRICT,
	F_COMMUNE,
	F_SECTOR,
	F_WORKERS,
	F_REVENUE,
	F_WOMEN,
	F_ETHNIC,
	F_CRAFT_VILLAGE,
	F_SURVEY_YEAR,
	F_REPRESENTATIVE,
	F_PHONE,
	NFIELDS
};

static const char *const fields[NFIELDS] = {"stt", "id", "name", "legal_form", "tax_code",
        "address", "province_code", "district", "commune_code", "sector_code", "workers", "revenue",
        "women_owned", "ethnic_minority_labour", "craft_village", "survey_year", "representative",
        "phone"};

static void set_text(const Run *r, int f, const char **member)
{
	if (run_val(r, f)->present)
		*member = run_text(r, f);
}

static void set_num(const Run *r, int f, int64_t *member, int64_t unknown)
{
	if (run_val(r, f)->present)
		*member = run_val(r, f)->set ? run_val(r, f)->num : unknown;
}

/* Lays the row's values over x (a stored record, or a blank one). */
static void overlay(Run *r, Establishment *x, const UnitRef *p, const UnitRef *c)
{
	set_text(r, F_NAME, &x->name);
	set_text(r, F_TAX_CODE, &x->tax_code);
	set_text(r, F_ADDRESS, &x->address);
	set_text(r, F_CRAFT_VILLAGE, &x->craft_village);
	set_text(r, F_REPRESENTATIVE, &x->representative);
	set_text(r, F_PHONE, &x->phone);
	if (run_val(r, F_SECTOR)->present)
		x->sector_code = run_val(r, F_SECTOR)->code;
	if (run_val(r, F_LEGAL_FORM)->set)
		x->legal_form = run_val(r, F_LEGAL_FORM)->code;
	else if (!x->id && x->name && run_prefix(r, "legal_form", x->name))
		x->legal_form = run_prefix(r, "legal_form", x->name);
	set_num(r, F_WORKERS, &x->workers, -1);
	set_num(r, F_REVENUE, &x->revenue, -1);
	int64_t flag = x->women_owned;
	set_num(r, F_WOMEN, &flag, 0);
	x->women_owned = flag != 0;
	flag = x->ethnic_minority_labour;
	set_num(r, F_ETHNIC, &flag, 0);
	x->ethnic_minority_labour = flag != 0;
	int64_t year = x->survey_year;
	set_num(r, F_SURVEY_YEAR, &year, 0);
	x->survey_year = (int)year;
	bool moved = !x->province_code || strcmp(x->province_list, p->list) ||
	             strcmp(x->province_code, p->code);
	x->province_list = arena_strdup(run_arena(r), p->list);
	x->province_code = arena_strdup(run_arena(r), p->code);
	if (run_val(r, F_COMMUNE)->present || moved) {
		x->commune_list = c->code[0] ? arena_strdup(run_arena(r), c->list) : NULL;
		x->commune_code = c->code[0] ? arena_strdup(run_arena(r), c->code) : NULL;
	}
}

/* Whether the update to x would change nothing of stored a. */
static bool same(const Establishment *a, const Establishment *x)
{
	Buf phone;
	buf_init(&phone, 64);
	if (x->phone && x->phone[0])
		ident_phone(&phone, x->phone, strlen(x->phone), NULL);
	bool eq = run_same_text(a->name, x->name) && run_same_text(a->legal_form, x->legal_form) &&
	          run_same_text(a->tax_code, x->tax_code) &&
	          run_same_text(a->address, x->address) &&
	          run_same_text(a->province_list, x->province_list) &&
	          run_same_text(a->province_code, x->province_code) &&
	          run_same_text(a->commune_code, x->commune_code) &&
	          run_same_text(a->sector_code, x->sector_code) && a->workers == x->workers &&
	          a->revenue == x->revenue && a->women_owned == x->women_owned &&
	          a->ethnic_minority_labour == x->ethnic_minority_labour &&
	          run_same_text(a->craft_village, x->craft_village) &&
	          a->survey_year == x->survey_year &&
	          run_same_text(a->representative, x->representative) &&
	          run_same_text(a->phone,
	                  (x->phone && x->phone[0] && phone.len) ? buf_cstr(&phone) : x->phone);
	buf_free(&phone);
	return eq;
}

/* Updates stored record cur with the row, or leaves it when nothing changes. */
static int update(
        Run *r, const Establishment *cur, const UnitRef *p, const UnitRef *c, Outcome *out)
{
	Establishment x = *cur;
	overlay(r, &x, p, c);
	run_seen(r, SEEN_ESTABLISHMENT, cur->id, &(int64_t){0});
	if (same(cur, &x)) {
		*out = OUT_UNCHANGED;
		return 0;
	}
	Err e = {0};
	*out = OUT_UPDATED;
	return run_store(r, store_establishment_update(run_db(r), run_actor(r), &x, &e), &e, out);
}

static int create(Run *r, const UnitRef *p, const UnitRef *c, Outcome *out)
{
	Establishment x = store_establishment_blank();
	overlay(r, &x, p, c);
	Err e = {0};
	int64_t id;
	*out = OUT_CREATED;
	int rc = store_establishment_create(run_db(r), run_actor(r), &x, &id, &e);
	if (rc == 0)
		run_seen(r, SEEN_ESTABLISHMENT, id, &(int64_t){0});
	return run_store(r, rc, &e, out);
}

/* The row names no stored record: one of the same name in the same commune
 * is a likely duplicate. */
static int by_name(Run *r, const UnitRef *p, const UnitRef *c, Outcome *out)
{
	const char *name = run_text(r, F_NAME), *tax = run_text(r, F_TAX_CODE);
	int64_t ids[2], row;
	int n;
	Err e = {0};
	int rc = store_establishment_find_name(
	        run_db(r), name, p->list, p->code, c->code[0] ? c->code : "", ids, 2, &n, &e);
	if (rc || n == 0)
		return rc ? rc : create(r, p, c, out);
	Establishment cur;
	if ((rc = store_establishment_get(run_db(r), ids[0], run_arena(r), &cur, &e)))
		return run_store(r, rc, &e, out);
	if (run_was_seen(r, SEEN_ESTABLISHMENT, cur.id, &row) && !(tax && cur.tax_code)) {
		run_problem(r, F_NAME, false,
		        "Trùng với dòng %lld: cùng tên, cùng xã; ghi mã số thuế nếu là hai cơ sở"
		        " khác nhau",
		        (long long)row);
		return 0;
	}
	if (tax && cur.tax_code) {
		run_problem(r, F_NAME, true,
		        "Cùng tên, cùng xã với cơ sở số %lld '%s' nhưng khác mã số thuế: nhập như"
		        " một cơ sở khác",
		        (long long)cur.id, cur.name);
		return create(r, p, c, out);
	}
	Establishment x = cur;
	overlay(r, &x, p, c);
	x.name = cur.name; /* the same name, however it is spelt: keep the stored one */
	if (!tax && same(&cur, &x)) {
		run_seen(r, SEEN_ESTABLISHMENT, cur.id, &row);
		*out = OUT_UNCHANGED;
		return 0;
	}
	run_problem(r, F_NAME, false,
	        "Có thể trùng với cơ sở số %lld '%s' đã có (cùng tên, cùng xã): không nhập để"
	        " tránh trùng lặp; ghi mã số thuế của cơ sở, hoặc ghi %lld vào cột 'Mã hệ thống'"
	        " để cập nhật cơ sở đó",
	        (long long)cur.id, cur.name, (long long)cur.id);
	return 0;
}

static int row(Run *r, Outcome *out)
{
	const IoVal *year = run_val(r, F_SURVEY_YEAR), *idv = run_val(r, F_ID);
	UnitRef p, c;
	bool ok;
	int rc = run_place(
	        r, F_PROVINCE, F_DISTRICT, F_COMMUNE, year->set ? (int)year->num : 0, &p, &c, &ok);
	if (rc || !ok || (rc = run_scope(r, F_PROVINCE, p.list, p.code, NULL, &ok)) || !ok)
		return rc;
	const char *tax = run_text(r, F_TAX_CODE);
	int64_t id = 0, row;
	Err e = {0};
	if (idv->set)
		id = idv->num;
	else if (tax && (rc = store_establishment_find_tax(run_db(r), tax, &id, &e)) &&
	         rc != KC_ENOTFOUND)
		return run_store(r, rc, &e, out);
	if (!id)
		return by_name(r, &p, &c, out);
	if (run_was_seen(r, SEEN_ESTABLISHMENT, id, &row)) {
		run_problem(r, idv->set ? F_ID : F_TAX_CODE, false, "Trùng với dòng %lld: cùng %s",
		        (long long)row, idv->set ? "mã hệ thống" : "mã số thuế");
		return 0;
	}
	Establishment cur;
	if ((rc = store_establishment_get(run_db(r), id, run_arena(r), &cur, &e)))
		return run_store(r, rc, &e, out);
	/* Moving a record of another province into one's own changes that province's. */
	if ((rc = run_establishment_scope(r, idv->set ? F_ID : F_TAX_CODE, id, &ok)) || !ok)
		return rc;
	return update(r, &cur, &p, &c, out);
}

/* One write a row: store_establishment_create or _update, which validate
 * before writing (one_write). */
const KindDef io_kind_establishments = {
        "establishments", "Cơ sở công nghiệp nông thôn", fields, NFIELDS, row, true};
