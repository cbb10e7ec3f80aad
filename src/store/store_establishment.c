/* store_establishment.c — see store_establishment.h. */
#include "store/store_establishment.h"

#include <stdio.h>
#include <string.h>

#include "core/ident.h"
#include "core/vntext.h"
#include "store/store_admin.h"
#include "store/store_list.h"
#include "store/store_words.h"

enum { NAME_MAX_BYTES = 300, TEXT_MAX_BYTES = 1000 };

static const StoreChoice legal_forms[] = {{"sme", "doanh nghiệp nhỏ và vừa"},
        {"coop", "hợp tác xã"}, {"coop_union", "liên hiệp hợp tác xã"},
        {"coop_group", "tổ hợp tác"}, {"household_business", "hộ kinh doanh"},
        {"craft_village", "làng nghề"}, {"other", "khác"}};

#define COLUMNS                                                                                    \
	"id, name, legal_form, tax_code, address, province_list, province_code, commune_list,"     \
	" commune_code, sector_code, workers, revenue, women_owned, ethnic_minority_labour,"       \
	" craft_village, survey_year, representative, phone, version"

static const char select_sql[] = "SELECT * FROM establishment WHERE id = ?";
/* The name's words, for the search (store_words.h). */
static const char word_insert_sql[] =
        "INSERT INTO establishment_word (word, establishment_id) VALUES (?, ?)";
static const char word_delete_sql[] =
        "DELETE FROM establishment_word WHERE word = ? AND establishment_id = ?";
static const StoreTable establishments = {"establishment", select_sql,
        "DELETE FROM establishment WHERE id = ? AND version = ? RETURNING id", "cơ sở"};

Establishment store_establishment_blank(void)
{
	return (Establishment){.workers = -1, .revenue = -1, .legal_form = "household_business"};
}

EstablishmentFilter store_establishment_filter(void)
{
	return (EstablishmentFilter){.women_owned = -1};
}

/* Normalised values of fields that are stored in a canonical form, and the
 * name's keys. */
typedef struct Clean {
	char tax_code[16];
	Buf phone;
	Buf name_key, sort_key;
} Clean;

static void clean_init(Clean *c)
{
	c->tax_code[0] = '\0';
	buf_init(&c->phone, 32);
	buf_init(&c->name_key, 4 * NAME_MAX_BYTES);
	buf_init(&c->sort_key, 16 * NAME_MAX_BYTES);
}

static void clean_free(Clean *c)
{
	buf_free(&c->phone);
	buf_free(&c->name_key);
	buf_free(&c->sort_key);
}

static int check_numbers(const Establishment *in, Err *e)
{
	if (in->workers < -1)
		return err_field(e, "workers", KC_EINVAL, "Số lao động không được âm");
	if (in->revenue < -1)
		return err_field(e, "revenue", KC_EINVAL, "Doanh thu không được âm");
	if (in->survey_year)
		return store_check_year(in->survey_year, "survey_year", "Năm khảo sát", e);
	return 0;
}

static int check_places(Db *db, const Establishment *in, Err *e)
{
	if (!in->province_list || !in->province_code)
		return err_field(e, "province_code", KC_EINVAL, "Chưa chọn tỉnh, thành phố");
	int rc = store_admin_check(db, in->province_list, in->province_code, "province", NULL,
	        in->survey_year, "province_code", e);
	if (rc || !in->commune_code)
		return rc;
	if (!in->commune_list || strcmp(in->commune_list, in->province_list))
		return err_field(e, "commune_code", KC_EINVAL,
		        "Xã, phường phải theo cùng danh mục với tỉnh");
	return store_admin_check(db, in->commune_list, in->commune_code, "commune",
	        in->province_code, in->survey_year, "commune_code", e);
}

static int validate(Db *db, const Establishment *in, Clean *c, Err *e)
{
	int rc;
	if (!in->name || !in->name[0])
		return err_field(e, "name", KC_EINVAL, "Chưa nhập tên cơ sở");
	if ((rc = store_check_text(in->name, NAME_MAX_BYTES, "name", "Tên cơ sở", e)) ||
	        (rc = store_check_text(in->address, TEXT_MAX_BYTES, "address", "Địa chỉ", e)) ||
	        (rc = store_check_text(
	                 in->craft_village, NAME_MAX_BYTES, "craft_village", "Làng nghề", e)) ||
	        (rc = store_check_text(in->representative, NAME_MAX_BYTES, "representative",
	                 "Người đại diện", e)) ||
	        (rc = store_check_choice(in->legal_form, legal_forms, STORE_COUNT_OF(legal_forms),
	                 "legal_form", "Loại hình", e)) ||
	        (rc = check_numbers(in, e)))
		return rc;
	c->tax_code[0] = '\0';
	if (in->tax_code && in->tax_code[0]) {
		const char *s = in->tax_code;
		size_t n = strlen(s);
		if ((rc = ident_tax_code(s, n, e)))
			return store_at_field(e, "tax_code", rc);
		ident_trim(&s, &n);
		snprintf(c->tax_code, sizeof c->tax_code, "%.*s", (int)n, s);
	}
	if (in->phone && in->phone[0] &&
	        (rc = ident_phone(&c->phone, in->phone, strlen(in->phone), e)))
		return store_at_field(e, "phone", rc);
	if ((rc = store_keys(in->name, &c->name_key, &c->sort_key, e)))
		return rc;
	return check_places(db, in, e);
}

/* Binds the writable columns as parameters 1..19 of an INSERT or UPDATE that
 * lists them in the order of COLUMNS (after id), then name_key, sort_key. */
static void bind_fields(Stmt *st, const Establishment *in, const Clean *c)
{
	db_bind_str(st, 1, in->name);
	db_bind_str(st, 2, in->legal_form);
	db_bind_str(st, 3, c->tax_code[0] ? c->tax_code : NULL);
	db_bind_str(st, 4, in->address);
	db_bind_str(st, 5, in->province_list);
	db_bind_str(st, 6, in->province_code);
	db_bind_str(st, 7, in->commune_code ? in->commune_list : NULL);
	db_bind_str(st, 8, in->commune_code);
	db_bind_str(st, 9, in->sector_code);
	store_bind_opt(st, 10, in->workers, -1);
	store_bind_opt(st, 11, in->revenue, -1);
	db_bind_int64(st, 12, in->women_owned);
	db_bind_int64(st, 13, in->ethnic_minority_labour);
	db_bind_str(st, 14, in->craft_village);
	store_bind_opt(st, 15, in->survey_year, 0);
	db_bind_str(st, 16, in->representative);
	db_bind_str(st, 17, c->phone.len ? buf_cstr(&c->phone) : NULL);
	db_bind_text(st, 18, buf_cstr(&c->name_key), c->name_key.len);
	db_bind_text(st, 19, buf_cstr(&c->sort_key), c->sort_key.len);
}

/* The stored name_key of record id, into out. */
static int stored_name_key(Db *db, int64_t id, Buf *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT name_key FROM establishment WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		buf_puts(out, db_col_text(st, 0));
	db_done(st);
	if (rc == DB_DONE)
		return store_stale(db, select_sql, id, establishments.what, e);
	return rc == DB_ROW ? 0 : rc;
}

/* A unique violation on insert or update can only be the tax code (without
 * one, the database's refusal is something else: its message stands). */
static int tax_code_taken(int rc, const Clean *c, Err *e)
{
	if (rc != KC_ECONFLICT || !c->tax_code[0])
		return rc;
	return err_field(
	        e, "tax_code", KC_ECONFLICT, "Mã số thuế '%s' đã có ở một cơ sở khác", c->tax_code);
}

int store_establishment_create(Db *db, const Actor *a, const Establishment *in, int64_t *id, Err *e)
{
	Clean c;
	clean_init(&c);
	int rc = validate(db, in, &c, e);
	Stmt *st = NULL;
	char now[STORE_TIME_LEN];
	store_now(a, now);
	if (rc == 0 && (rc = db_begin(db, e)) == 0) {
		if ((rc = db_prepare(db,
		             "INSERT INTO establishment (name, legal_form, tax_code, address,"
		             " province_list, province_code, commune_list, commune_code, sector_code,"
		             " workers, revenue, women_owned, ethnic_minority_labour, craft_village,"
		             " survey_year, representative, phone, name_key, sort_key, created_at,"
		             " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
		             " ?, ?, ?) RETURNING *", /* the audit's snapshot, as select_sql reads
		                                       */
		             &st, e)) == 0) {
			bind_fields(st, in, &c);
			db_bind_str(st, 20, now);
			db_bind_str(st, 21, now);
			rc = tax_code_taken(
			        store_insert_audited(db, a, "establishment", st, id, e), &c, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_words_add(db, word_insert_sql, *id, buf_cstr(&c.name_key), e);
		rc = store_finish(db, rc, e);
	}
	clean_free(&c);
	return rc;
}

int store_establishment_update(Db *db, const Actor *a, const Establishment *in, Err *e)
{
	Clean c;
	clean_init(&c);
	Buf before, old_key;
	buf_init(&before, 1 << 16);
	buf_init(&old_key, 4 * NAME_MAX_BYTES);
	int rc = validate(db, in, &c, e);
	Stmt *st = NULL;
	char now[STORE_TIME_LEN];
	store_now(a, now);
	if (rc == 0 && (rc = db_begin(db, e)) == 0) {
		rc = store_before(db, &establishments, in->id, &before, e);
		if (rc == 0)
			rc = stored_name_key(db, in->id, &old_key, e);
		if (rc == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE establishment SET name = ?, legal_form = ?, tax_code = ?,"
		                 " address = ?, province_list = ?, province_code = ?, commune_list = ?,"
		                 " commune_code = ?, sector_code = ?, workers = ?, revenue = ?,"
		                 " women_owned = ?, ethnic_minority_labour = ?, craft_village = ?,"
		                 " survey_year = ?, representative = ?, phone = ?, name_key = ?,"
		                 " sort_key = ?, updated_at = ?, version = version + 1"
		                 " WHERE id = ? AND version = ? RETURNING id",
		                 &st, e)) == 0) {
			bind_fields(st, in, &c);
			db_bind_str(st, 20, now);
			db_bind_int64(st, 21, in->id);
			db_bind_int64(st, 22, in->version);
			/* The unique violation before store_stale, whose KC_ECONFLICT is another.
			 */
			rc = tax_code_taken(db_run_int64(st, NULL, e), &c, e);
			if (rc == KC_ENOTFOUND)
				rc = store_stale(db, select_sql, in->id, establishments.what, e);
		}
		db_done(st);
		/* A new name gets its words; the old name's go. */
		if (rc == 0 && strcmp(buf_cstr(&old_key), buf_cstr(&c.name_key)) &&
		        (rc = store_words_remove(
		                 db, word_delete_sql, in->id, buf_cstr(&old_key), e)) == 0)
			rc = store_words_add(db, word_insert_sql, in->id, buf_cstr(&c.name_key), e);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", "establishment", select_sql,
			        in->id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	buf_free(&old_key);
	clean_free(&c);
	return rc;
}

int store_establishment_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	static const StoreUse uses[] = {
	        {"SELECT COUNT(*) FROM project_beneficiary WHERE establishment_id = ?",
	                "đang là cơ sở thụ hưởng của đề án"},
	        {"SELECT COUNT(*) FROM product WHERE establishment_id = ?", "còn sản phẩm"},
	};
	Buf key;
	buf_init(&key, 4 * NAME_MAX_BYTES);
	int rc = db_begin(db, e);
	if (rc == 0) {
		/* The words first: store_delete's checks roll them back with it. */
		if ((rc = stored_name_key(db, id, &key, e)) == 0 &&
		        (rc = store_words_remove(db, word_delete_sql, id, buf_cstr(&key), e)) == 0)
			rc = store_delete(
			        db, a, &establishments, id, version, uses, STORE_COUNT_OF(uses), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&key);
	return rc;
}

/* Reads a row selected as COLUMNS. */
static void read_row(Stmt *st, Arena *arena, void *out)
{
	Establishment *o = out;
	o->id = db_col_int64(st, 0);
	o->name = store_col_text(st, 1, arena);
	o->legal_form = store_col_text(st, 2, arena);
	o->tax_code = store_col_text(st, 3, arena);
	o->address = store_col_text(st, 4, arena);
	o->province_list = store_col_text(st, 5, arena);
	o->province_code = store_col_text(st, 6, arena);
	o->commune_list = store_col_text(st, 7, arena);
	o->commune_code = store_col_text(st, 8, arena);
	o->sector_code = store_col_text(st, 9, arena);
	o->workers = store_col_int(st, 10, -1);
	o->revenue = store_col_int(st, 11, -1);
	o->women_owned = db_col_int64(st, 12) != 0;
	o->ethnic_minority_labour = db_col_int64(st, 13) != 0;
	o->craft_village = store_col_text(st, 14, arena);
	o->survey_year = (int)store_col_int(st, 15, 0);
	o->representative = store_col_text(st, 16, arena);
	o->phone = store_col_text(st, 17, arena);
	o->version = (int)db_col_int64(st, 18);
}

int store_establishment_get(Db *db, int64_t id, Arena *arena, Establishment *out, Err *e)
{
	return store_get(db, "SELECT " COLUMNS " FROM establishment WHERE id = ?", id, read_row,
	        arena, out, establishments.what, e);
}

/* The terms of the filters given. A search is a range of the name's words
 * (store_words.h), checked against the whole name. */
static int add_filters(Db *db, const EstablishmentFilter *f, const char *from, const char *to,
        const char *pattern, StoreList *l, Err *e)
{
	if (from && from[0]) {
		store_list_term(l, "id IN (SELECT establishment_id FROM establishment_word"
		                   " WHERE word >= ? AND word < ?)");
		store_list_value_text(l, from);
		store_list_value_text(l, to);
	}
	store_list_text(l, "name_key LIKE ? ESCAPE '!'", pattern);
	if (f->province_code) {
		store_list_term(l, "province_list = ? AND province_code = ?");
		store_list_value_text(l, f->province_list);
		store_list_value_text(l, f->province_code);
	}
	store_list_text(l, "commune_code = ?", f->commune_code);
	store_list_text(l, "legal_form = ?", f->legal_form);
	store_list_text(l, "sector_code = ?", f->sector_code);
	store_list_int(l, "women_owned = ?", f->women_owned, -1);
	return store_list_current_province(
	        db, l, "province_list = ? AND province_code = ?", f->current_province, e);
}

static const StoreChoice sorts[] = {
        {"name", "theo tên"},
        {"-name", "theo tên, ngược"},
        {"newest", "mới nhập trước"},
        {"oldest", "cũ trước"},
};

int store_establishment_list(
        Db *db, const EstablishmentFilter *f, Arena *arena, EstablishmentList *out, Err *e)
{
	*out = (EstablishmentList){0};
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	int order = store_choice_index(sorts, STORE_COUNT_OF(sorts), f->sort ? f->sort : "name");
	if (order < 0)
		return store_check_choice(
		        f->sort, sorts, STORE_COUNT_OF(sorts), "sort", "Thứ tự", e);
	static const char *const by_name[] = {"sort_key", "id", NULL};
	/* The same order as an expression, which no index yields: for a list
	 * narrowed by a column no index orders (a legal form, a sector, a
	 * search), so that the planner finds the matches and sorts them. Given
	 * the index (0026), SQLite would walk it in order and test each row
	 * instead, betting the matches come early: the country's cooperatives
	 * come after its households in the order, and a page of them took
	 * 3.5 s where finding and sorting them takes 0.2 s. COALESCE of a
	 * column never NULL costs nothing a row (`sort_key || ''` copies it). */
	static const char *const by_name_sorted[] = {"COALESCE(sort_key, '')", "id", NULL};
	static const char *const by_id[] = {"id", NULL};
	Buf pattern, from, to;
	buf_init(&pattern, 8192);
	buf_init(&from, 256);
	buf_init(&to, 256);
	bool search = f->q && f->q[0];
	if (search && (rc = store_like_pattern(f->q, &pattern, e)) == 0)
		rc = store_words_range(f->q, &from, &to, e);
	StoreList l;
	bool desc = order == 1 || order == 2; /* "-name", "newest" */
	bool narrowed = search || f->commune_code || f->legal_form || f->sector_code ||
	                f->women_owned != -1;
	store_list_init(&l, "establishment", COLUMNS,
	        order >= 2 ? by_id
	        : narrowed ? by_name_sorted
	                   : by_name,
	        desc);
	void *v = NULL;
	if (rc == 0 && (rc = add_filters(db, f, buf_cstr(&from), buf_cstr(&to),
	                        search ? buf_cstr(&pattern) : NULL, &l, e)) == 0)
		rc = store_list_run(db, &l, limit, f->offset, read_row, sizeof *out->v, arena, &v,
		        &out->n, &out->total, e);
	out->v = v;
	store_list_free(&l);
	buf_free(&pattern);
	buf_free(&from);
	buf_free(&to);
	return rc;
}

int store_establishment_fill_words(Db *db, Err *e)
{
	/* A million names make six million words in one transaction. */
	Stmt *st;
	int rc = store_bulk_mode(db, e);
	if (rc ||
	        (rc = db_prepare(db, "SELECT id, name_key FROM establishment ORDER BY id", &st, e)))
		return rc;
	Buf key;
	buf_init(&key, 4 * NAME_MAX_BYTES);
	while ((rc = db_step(st, e)) == DB_ROW) {
		/* The text is the statement's until its next step. */
		buf_reset(&key);
		buf_puts(&key, db_col_text(st, 1));
		if ((rc = store_words_add(
		             db, word_insert_sql, db_col_int64(st, 0), buf_cstr(&key), e)))
			break;
	}
	db_done(st);
	buf_free(&key);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- Natural keys ------------------------------------------------------------------- */

int store_establishment_find_tax(Db *db, const char *tax_code, int64_t *id, Err *e)
{
	const char *s = tax_code ? tax_code : "";
	size_t n = strlen(s);
	ident_trim(&s, &n);
	char key[32];
	snprintf(key, sizeof key, "%.*s", (int)(n < 31 ? n : 31), s);
	int rc = store_scalar_text(
	        db, "SELECT id FROM establishment WHERE tax_code = ?", key, id, e);
	if (rc == KC_ENOTFOUND)
		err_clear(e);
	return rc;
}

int store_establishment_find_name(Db *db, const char *name, const char *province_list,
        const char *province_code, const char *commune_code, int64_t *ids, int max, int *n, Err *e)
{
	*n = 0;
	Buf key;
	buf_init(&key, 4 * NAME_MAX_BYTES);
	int rc = vn_fold(&key, name, strlen(name), e);
	Stmt *st;
	if (rc == 0 && (rc = db_prepare(db,
	                        "SELECT id FROM establishment WHERE name_key = ?"
	                        " AND (CAST(? AS TEXT) IS NULL OR (province_list = ?"
	                        " AND province_code = ?)) AND (CAST(? AS TEXT) IS NULL"
	                        " OR COALESCE(commune_code, '') = ?) ORDER BY id LIMIT ?",
	                        &st, e)) == 0) {
		db_bind_text(st, 1, buf_cstr(&key), key.len);
		db_bind_str(st, 2, province_code);
		db_bind_str(st, 3, province_list);
		db_bind_str(st, 4, province_code);
		db_bind_str(st, 5, commune_code);
		db_bind_str(st, 6, commune_code);
		db_bind_int64(st, 7, max);
		while ((rc = db_step(st, e)) == DB_ROW)
			ids[(*n)++] = db_col_int64(st, 0);
		db_done(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	buf_free(&key);
	return rc;
}
