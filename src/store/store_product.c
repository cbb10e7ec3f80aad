/* store_product.c — see store_product.h. */
#include "store/store_product.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/vntext.h"

enum { NAME_MAX_BYTES = 300, NO_MAX_BYTES = 100 };

/* TT 38/2025/TT-BCT's effective date, when legal_instrument does not say. */
static const char tt38_default[] = "2025-07-01";

static const StoreChoice groups[] = {{"handicraft"}, {"food"}, {"machinery"}, {"other"}};
/* Levels from the lowest, with their Vietnamese names. */
static const StoreChoice levels[] = {{"district", "cấp huyện"}, {"commune", "cấp xã"},
        {"provincial", "cấp tỉnh"}, {"regional", "cấp khu vực"}, {"national", "cấp quốc gia"}};

static const StoreTable products = {"product", "SELECT * FROM product WHERE id = ?",
        "DELETE FROM product WHERE id = ? AND version = ? RETURNING id", "sản phẩm"};
static const StoreTable certs = {"certification", "SELECT * FROM certification WHERE id = ?",
        "DELETE FROM certification WHERE id = ? AND version = ? RETURNING id",
        "chứng nhận sản phẩm tiêu biểu"};
static const StoreTable ratings = {"ocop_rating", "SELECT * FROM ocop_rating WHERE id = ?",
        "DELETE FROM ocop_rating WHERE id = ? AND version = ? RETURNING id", "xếp hạng OCOP"};

Product store_product_blank(void)
{
	return (Product){.establishment_id = -1, .product_group = "other"};
}

ProductFilter store_product_filter(void)
{
	return (ProductFilter){.establishment_id = -1};
}

Certification store_product_cert_blank(void)
{
	return (Certification){.product_id = -1, .score = -1, .establishment_id = -1};
}

CertFilter store_product_cert_filter(void)
{
	return (CertFilter){.establishment_id = -1};
}

OcopRating store_product_ocop_blank(void)
{
	return (OcopRating){.product_id = -1};
}

/* ---- Shared helpers ------------------------------------------------------------------ */

static int product_exists(Db *db, int64_t id, Err *e)
{
	int64_t n = 0;
	int rc = store_scalar(db, "SELECT COUNT(*) FROM product WHERE id = ?", id, &n, e);
	if (rc == 0 && n == 0)
		return err_field(
		        e, "product_id", KC_EINVAL, "Không có sản phẩm số %lld", (long long)id);
	return rc;
}

/* ---- Products ------------------------------------------------------------------------ */

static int check_group(const char *group, Err *e)
{
	if (store_choice_index(groups, STORE_COUNT_OF(groups), group) >= 0)
		return 0;
	return err_field(e, "product_group", KC_EINVAL,
	        "Nhóm sản phẩm '%s' không có; chọn thủ công mỹ nghệ, chế biến nông lâm thủy sản và"
	        " thực phẩm, thiết bị máy móc cơ khí hoặc sản phẩm khác",
	        group ? group : "");
}

static int validate_product(Db *db, const Product *in, Err *e)
{
	int rc;
	if (!in->name || !in->name[0])
		return err_field(e, "name", KC_EINVAL, "Chưa nhập tên sản phẩm");
	if ((rc = store_check_text(in->name, NAME_MAX_BYTES, "name", "Tên sản phẩm", e)) ||
	        (rc = check_group(in->product_group, e)))
		return rc;
	int64_t n = 0;
	rc = store_scalar(
	        db, "SELECT COUNT(*) FROM establishment WHERE id = ?", in->establishment_id, &n, e);
	if (rc == 0 && n == 0)
		return err_field(e, "establishment_id", KC_EINVAL, "Không có cơ sở số %lld",
		        (long long)in->establishment_id);
	return rc;
}

/* Binds establishment_id, name, product_group, name_key, sort_key as 1..5. */
static int bind_product(Stmt *st, const Product *in, Err *e)
{
	Buf name_key, sort_key;
	buf_init(&name_key, 4 * NAME_MAX_BYTES);
	buf_init(&sort_key, 16 * NAME_MAX_BYTES);
	int rc = store_keys(in->name, &name_key, &sort_key, e);
	if (rc == 0) {
		db_bind_int64(st, 1, in->establishment_id);
		db_bind_str(st, 2, in->name);
		db_bind_str(st, 3, in->product_group);
		db_bind_text(st, 4, buf_cstr(&name_key), name_key.len);
		db_bind_text(st, 5, buf_cstr(&sort_key), sort_key.len);
	}
	buf_free(&name_key);
	buf_free(&sort_key);
	return rc;
}

int store_product_create(Db *db, const Actor *a, const Product *in, int64_t *id, Err *e)
{
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = validate_product(db, in, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO product (establishment_id, name, product_group, name_key,"
	                 " sort_key) VALUES (?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0 &&
	        (rc = bind_product(st, in, e)) == 0)
		rc = db_run_int64(st, id, e);
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", products.name, products.select_sql, *id, NULL, e);
	return store_finish(db, rc, e);
}

int store_product_update(Db *db, const Actor *a, const Product *in, Err *e)
{
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_before(db, &products, in->id, &before, e);
		if (rc == 0 && (rc = validate_product(db, in, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE product SET establishment_id = ?, name = ?, product_group = ?,"
		                 " name_key = ?, sort_key = ?, version = version + 1"
		                 " WHERE id = ? AND version = ? RETURNING id",
		                 &st, e)) == 0 &&
		        (rc = bind_product(st, in, e)) == 0) {
			db_bind_int64(st, 6, in->id);
			db_bind_int64(st, 7, in->version);
			rc = store_run_versioned(db, st, &products, in->id, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", products.name, products.select_sql,
			        in->id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

int store_product_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	static const StoreUse uses[] = {
	        {"SELECT COUNT(*) FROM certification WHERE product_id = ?",
	                "còn chứng nhận sản phẩm tiêu biểu"},
	        {"SELECT COUNT(*) FROM ocop_rating WHERE product_id = ?", "còn xếp hạng OCOP"},
	};
	return store_delete(db, a, &products, id, version, uses, STORE_COUNT_OF(uses), e);
}

#define PRODUCT_COLUMNS "id, establishment_id, name, product_group, version"

static void read_product(Stmt *st, Arena *arena, void *out)
{
	Product *o = out;
	o->id = db_col_int64(st, 0);
	o->establishment_id = db_col_int64(st, 1);
	o->name = store_col_text(st, 2, arena);
	o->product_group = store_col_text(st, 3, arena);
	o->version = (int)db_col_int64(st, 4);
}

int store_product_get(Db *db, int64_t id, Arena *arena, Product *out, Err *e)
{
	return store_get(db, "SELECT " PRODUCT_COLUMNS " FROM product WHERE id = ?", id,
	        read_product, arena, out, products.what, e);
}

#define PRODUCT_WHERE                                                                                \
	" WHERE (CAST(? AS TEXT) IS NULL OR name_key LIKE ? ESCAPE '!')"                             \
	" AND (CAST(? AS BIGINT) IS NULL OR establishment_id = ?)"                                   \
	" AND (CAST(? AS TEXT) IS NULL OR product_group = ?)"                                        \
	" AND EXISTS (SELECT 1 FROM establishment WHERE establishment.id = product.establishment_id" \
	" AND" STORE_IN_CURRENT_PROVINCE("establishment") ")"

static void bind_product_filter(Stmt *st, const ProductFilter *f, const char *pattern)
{
	db_bind_str(st, 1, pattern);
	db_bind_str(st, 2, pattern);
	store_bind_opt(st, 3, f->establishment_id, -1);
	store_bind_opt(st, 4, f->establishment_id, -1);
	db_bind_str(st, 5, f->product_group);
	db_bind_str(st, 6, f->product_group);
	store_bind_current_province(st, 7, f->current_province);
}

static int list_products(Db *db, const ProductFilter *f, const char *pat, int limit, Arena *arena,
        ProductList *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT COUNT(*) FROM product" PRODUCT_WHERE, &st, e);
	if (rc)
		return rc;
	bind_product_filter(st, f, pat);
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "SELECT " PRODUCT_COLUMNS " FROM product" PRODUCT_WHERE
	                   " ORDER BY sort_key, id LIMIT ? OFFSET ?",
	                   &st, e)))
		return rc;
	bind_product_filter(st, f, pat);
	db_bind_int64(st, 10, limit);
	db_bind_int64(st, 11, f->offset);
	out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_product(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int store_product_list(Db *db, const ProductFilter *f, Arena *arena, ProductList *out, Err *e)
{
	*out = (ProductList){0};
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	Buf pattern;
	buf_init(&pattern, 8192);
	rc = f->q && f->q[0] ? store_like_pattern(f->q, &pattern, e) : 0;
	if (rc == 0)
		rc = list_products(
		        db, f, pattern.len ? buf_cstr(&pattern) : NULL, limit, arena, out, e);
	buf_free(&pattern);
	return rc;
}

/* ---- Certificates: validation ---------------------------------------------------------- */

typedef struct Clean {
	char decision_date[STORE_DATE_LEN], valid_until[STORE_DATE_LEN];
} Clean;

/* The index of level in levels[], or -1. */
static int level_index(const char *level)
{
	return store_choice_index(levels, STORE_COUNT_OF(levels), level);
}

/* The day the commune level replaced the district level (TT 38/2025). */
static int tt38_from(Db *db, char out[STORE_DATE_LEN], Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT effective_from FROM legal_instrument WHERE code = 'TT38_2025'"
	        " AND effective_from IS NOT NULL",
	        &st, e);
	if (rc)
		return rc;
	rc = db_step(st, e);
	snprintf(out, STORE_DATE_LEN, "%s", rc == DB_ROW ? db_col_text(st, 0) : tt38_default);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* District certificates end and commune ones begin on TT 38/2025's day:
 * by round year, and by decision date when there is one. */
static int check_lowest_level(Db *db, const Certification *in, const Clean *c, Err *e)
{
	bool district = !strcmp(in->level, "district");
	if (!district && strcmp(in->level, "commune"))
		return 0;
	char from[STORE_DATE_LEN], shown[STORE_DATE_LEN];
	int rc = tt38_from(db, from, e);
	int year = 0;
	if (rc || sscanf(from, "%4d", &year) != 1)
		return rc ? rc
		          : err_set(e, KC_EINVAL, "bad effective_from '%s' of TT38_2025", from);
	if (district && in->year > year)
		return err_field(e, "level", KC_EINVAL,
		        "Từ %s (Thông tư 38/2025/TT-BCT) không còn bình chọn cấp huyện; năm %d chọn"
		        " cấp xã",
		        store_vn_day(from, shown), in->year);
	if (!district && in->year < year)
		return err_field(e, "level", KC_EINVAL,
		        "Bình chọn cấp xã chỉ có từ %s (Thông tư 38/2025/TT-BCT); năm %d là cấp huyện",
		        store_vn_day(from, shown), in->year);
	bool before = c->decision_date[0] && strcmp(c->decision_date, from) < 0;
	bool after = c->decision_date[0] && strcmp(c->decision_date, from) >= 0;
	if ((district && after) || (!district && before))
		return err_field(e, "decision_date", KC_EINVAL,
		        "Quyết định công nhận %s phải ký %s ngày %s (Thông tư 38/2025/TT-BCT)",
		        district ? "cấp huyện" : "cấp xã", district ? "trước" : "từ",
		        store_vn_day(from, shown));
	return 0;
}

static int check_cert_fields(const Certification *in, Clean *c, Err *e)
{
	int rc;
	if (level_index(in->level) < 0)
		return err_field(e, "level", KC_EINVAL,
		        "Cấp công nhận '%s' không có; chọn cấp huyện, xã, tỉnh, khu vực hoặc quốc gia",
		        in->level ? in->level : "");
	if ((rc = store_check_year(in->year, "year", "Năm", e)) ||
	        (rc = store_check_text(in->certificate_no, NO_MAX_BYTES, "certificate_no",
	                 "Số giấy chứng nhận", e)) ||
	        (rc = store_check_text(
	                 in->decision_no, NO_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = store_iso_date(in->decision_date, c->decision_date, "decision_date", e)) ||
	        (rc = store_iso_date(in->valid_until, c->valid_until, "valid_until", e)))
		return rc;
	char a[STORE_DATE_LEN], b[STORE_DATE_LEN];
	if (c->decision_date[0] && c->valid_until[0] &&
	        strcmp(c->valid_until, c->decision_date) < 0)
		return err_field(e, "valid_until", KC_EINVAL,
		        "Ngày hết hạn %s trước ngày quyết định công nhận %s",
		        store_vn_day(c->valid_until, a), store_vn_day(c->decision_date, b));
	if (in->score < -1)
		return err_field(e, "score", KC_EINVAL, "Điểm bình chọn không được âm");
	return 0;
}

/* Another certificate (not self) with the same product, level and year, or
 * the same number at the same level. */
static int check_cert_unique(Db *db, const Certification *in, int64_t self, Err *e)
{
	const char *level_vi = store_choice_label(levels, STORE_COUNT_OF(levels), in->level);
	Stmt *st;
	/* Two index lookups (certification_product, certification_no), not a
	 * scan of the level's certificates. */
	int rc = db_prepare(db,
	        "SELECT CASE WHEN EXISTS (SELECT 1 FROM certification WHERE product_id = ?"
	        " AND year = ? AND level = ? AND id <> ?) THEN 1 ELSE 0 END,"
	        " CASE WHEN EXISTS (SELECT 1 FROM certification WHERE level = ?"
	        " AND certificate_no = ? AND id <> ?) THEN 1 ELSE 0 END",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, in->product_id);
	db_bind_int64(st, 2, in->year);
	db_bind_str(st, 3, in->level);
	db_bind_int64(st, 4, self);
	db_bind_str(st, 5, in->level);
	db_bind_str(st, 6, in->certificate_no && in->certificate_no[0] ? in->certificate_no : NULL);
	db_bind_int64(st, 7, self);
	rc = db_step(st, e);
	int64_t same_year = rc == DB_ROW ? store_col_int(st, 0, 0) : 0;
	int64_t same_no = rc == DB_ROW ? store_col_int(st, 1, 0) : 0;
	db_done(st);
	if (rc != DB_ROW)
		return rc;
	if (same_year)
		return err_field(e, "level", KC_ECONFLICT,
		        "Sản phẩm số %lld đã được công nhận %s năm %d", (long long)in->product_id,
		        level_vi, in->year);
	if (same_no)
		return err_field(e, "certificate_no", KC_ECONFLICT,
		        "Số giấy chứng nhận '%s' %s đã cấp cho sản phẩm khác", in->certificate_no,
		        level_vi);
	return 0;
}

static int validate_cert(Db *db, const Certification *in, int64_t self, Clean *c, Err *e)
{
	int rc;
	if ((rc = check_cert_fields(in, c, e)) || (rc = product_exists(db, in->product_id, e)) ||
	        (rc = check_lowest_level(db, in, c, e)))
		return rc;
	return check_cert_unique(db, in, self, e);
}

/* ---- Certificates: writes and reads ---------------------------------------------------- */

/* Binds product_id .. score as 1..8 in the table's column order. */
static void bind_cert(Stmt *st, const Certification *in, const Clean *c)
{
	db_bind_int64(st, 1, in->product_id);
	db_bind_str(st, 2, in->level);
	db_bind_int64(st, 3, in->year);
	db_bind_str(st, 4, in->certificate_no && in->certificate_no[0] ? in->certificate_no : NULL);
	db_bind_str(st, 5, in->decision_no);
	db_bind_str(st, 6, c->decision_date[0] ? c->decision_date : NULL);
	db_bind_str(st, 7, c->valid_until[0] ? c->valid_until : NULL);
	store_bind_opt(st, 8, in->score, -1);
}

int store_product_cert_create(Db *db, const Actor *a, const Certification *in, int64_t *id, Err *e)
{
	Clean c;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = validate_cert(db, in, 0, &c, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO certification (product_id, level, year, certificate_no,"
	                 " decision_no, decision_date, valid_until, score)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0) {
		bind_cert(st, in, &c);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", certs.name, certs.select_sql, *id, NULL, e);
	return store_finish(db, rc, e);
}

int store_product_cert_update(Db *db, const Actor *a, const Certification *in, Err *e)
{
	Clean c;
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_before(db, &certs, in->id, &before, e);
		if (rc == 0 && (rc = validate_cert(db, in, in->id, &c, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE certification SET product_id = ?, level = ?, year = ?,"
		                 " certificate_no = ?, decision_no = ?, decision_date = ?,"
		                 " valid_until = ?, score = ?, version = version + 1"
		                 " WHERE id = ? AND version = ? RETURNING id",
		                 &st, e)) == 0) {
			bind_cert(st, in, &c);
			db_bind_int64(st, 9, in->id);
			db_bind_int64(st, 10, in->version);
			rc = store_run_versioned(db, st, &certs, in->id, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", certs.name, certs.select_sql,
			        in->id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

int store_product_cert_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	return store_delete(db, a, &certs, id, version, NULL, 0, e);
}

#define CERT_COLUMNS                                                                               \
	"c.id, c.product_id, c.level, c.year, c.certificate_no, c.decision_no, c.decision_date,"   \
	" c.valid_until, c.score, c.version, p.name, p.product_group, e.id, e.name,"               \
	" e.province_list, e.province_code"
#define CERT_FROM                                                                                  \
	" FROM certification c JOIN product p ON p.id = c.product_id"                              \
	" JOIN establishment e ON e.id = p.establishment_id"

static void read_cert(Stmt *st, Arena *arena, void *out)
{
	Certification *o = out;
	o->id = db_col_int64(st, 0);
	o->product_id = db_col_int64(st, 1);
	o->level = store_col_text(st, 2, arena);
	o->year = (int)db_col_int64(st, 3);
	o->certificate_no = store_col_text(st, 4, arena);
	o->decision_no = store_col_text(st, 5, arena);
	o->decision_date = store_col_text(st, 6, arena);
	o->valid_until = store_col_text(st, 7, arena);
	o->score = store_col_int(st, 8, -1);
	o->version = (int)db_col_int64(st, 9);
	o->product_name = store_col_text(st, 10, arena);
	o->product_group = store_col_text(st, 11, arena);
	o->establishment_id = db_col_int64(st, 12);
	o->establishment_name = store_col_text(st, 13, arena);
	o->province_list = store_col_text(st, 14, arena);
	o->province_code = store_col_text(st, 15, arena);
}

int store_product_cert_get(Db *db, int64_t id, Arena *arena, Certification *out, Err *e)
{
	return store_get(db, "SELECT " CERT_COLUMNS CERT_FROM " WHERE c.id = ?", id, read_cert,
	        arena, out, certs.what, e);
}

/* The filter's conditions, shared by the page, its count and the counts per
 * level. A current province matches establishments recorded in it and in
 * the legacy provinces that merged into it. */
#define CERT_WHERE                                                                                 \
	" WHERE (CAST(? AS TEXT) IS NULL OR c.level = ?)"                                          \
	" AND (CAST(? AS INTEGER) IS NULL OR c.year >= ?)"                                         \
	" AND (CAST(? AS INTEGER) IS NULL OR c.year <= ?)"                                         \
	" AND (CAST(? AS TEXT) IS NULL OR (e.province_list = ? AND e.province_code = ?))"          \
	" AND (CAST(? AS TEXT) IS NULL OR (e.province_list = 'current' AND e.province_code = ?)"   \
	" OR EXISTS (SELECT 1 FROM admin_succession s WHERE s.old_list = e.province_list"          \
	" AND s.old_level = 'province' AND s.old_code = e.province_code"                           \
	" AND s.new_list = 'current' AND s.new_level = 'province' AND s.new_code = ?))"            \
	" AND (CAST(? AS TEXT) IS NULL OR p.product_group = ?)"                                    \
	" AND (CAST(? AS BIGINT) IS NULL OR e.id = ?)"

static void bind_cert_filter(Stmt *st, const CertFilter *f, const char *level)
{
	db_bind_str(st, 1, level);
	db_bind_str(st, 2, level);
	store_bind_opt(st, 3, f->year_from, 0);
	store_bind_opt(st, 4, f->year_from, 0);
	store_bind_opt(st, 5, f->year_to, 0);
	store_bind_opt(st, 6, f->year_to, 0);
	db_bind_str(st, 7, f->province_code ? f->province_list : NULL);
	db_bind_str(st, 8, f->province_list);
	db_bind_str(st, 9, f->province_code);
	db_bind_str(st, 10, f->current_province);
	db_bind_str(st, 11, f->current_province);
	db_bind_str(st, 12, f->current_province);
	db_bind_str(st, 13, f->product_group);
	db_bind_str(st, 14, f->product_group);
	store_bind_opt(st, 15, f->establishment_id, -1);
	store_bind_opt(st, 16, f->establishment_id, -1);
}

int store_product_cert_list(Db *db, const CertFilter *f, Arena *arena, CertList *out, Err *e)
{
	*out = (CertList){0};
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	Stmt *st;
	rc = db_prepare(db, "SELECT COUNT(*)" CERT_FROM CERT_WHERE, &st, e);
	if (rc)
		return rc;
	bind_cert_filter(st, f, f->level);
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "SELECT " CERT_COLUMNS CERT_FROM CERT_WHERE
	                   " ORDER BY c.year, CASE c.level WHEN 'district' THEN 1"
	                   " WHEN 'commune' THEN 2 WHEN 'provincial' THEN 3 WHEN 'regional' THEN 4"
	                   " ELSE 5 END, p.sort_key, c.id LIMIT ? OFFSET ?",
	                   &st, e)))
		return rc;
	bind_cert_filter(st, f, f->level);
	db_bind_int64(st, 17, limit);
	db_bind_int64(st, 18, f->offset);
	out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_cert(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int store_product_cert_count(Db *db, const CertFilter *f, CertCounts *out, Err *e)
{
	*out = (CertCounts){0};
	Stmt *st;
	int rc = db_prepare(
	        db, "SELECT c.level, COUNT(*)" CERT_FROM CERT_WHERE " GROUP BY c.level", &st, e);
	if (rc)
		return rc;
	bind_cert_filter(st, f, NULL);
	while ((rc = db_step(st, e)) == DB_ROW) {
		int64_t n = db_col_int64(st, 1);
		int64_t *slot[] = {&out->district, &out->commune, &out->provincial, &out->regional,
		        &out->national};
		int i = level_index(db_col_text(st, 0));
		if (i >= 0)
			*slot[i] = n;
		out->total += n;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- OCOP ratings ------------------------------------------------------------------------ */

static int validate_ocop(Db *db, const OcopRating *in, char valid_until[STORE_DATE_LEN], Err *e)
{
	int rc;
	if (in->stars < 1 || in->stars > 5)
		return err_field(e, "stars", KC_EINVAL,
		        "Hạng OCOP %d sao không có; chọn từ 1 đến 5 sao", in->stars);
	if ((rc = store_check_year(in->year, "year", "Năm", e)) ||
	        (rc = store_check_text(
	                 in->decision_no, NO_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = store_iso_date(in->valid_until, valid_until, "valid_until", e)))
		return rc;
	return product_exists(db, in->product_id, e);
}

static void bind_ocop(Stmt *st, const OcopRating *in, const char *valid_until)
{
	db_bind_int64(st, 1, in->product_id);
	db_bind_int64(st, 2, in->stars);
	db_bind_int64(st, 3, in->year);
	db_bind_str(st, 4, in->decision_no);
	db_bind_str(st, 5, valid_until[0] ? valid_until : NULL);
}

int store_product_ocop_create(Db *db, const Actor *a, const OcopRating *in, int64_t *id, Err *e)
{
	char until[STORE_DATE_LEN];
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = validate_ocop(db, in, until, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO ocop_rating (product_id, stars, year, decision_no,"
	                 " valid_until) VALUES (?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0) {
		bind_ocop(st, in, until);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", ratings.name, ratings.select_sql, *id, NULL, e);
	return store_finish(db, rc, e);
}

int store_product_ocop_update(Db *db, const Actor *a, const OcopRating *in, Err *e)
{
	char until[STORE_DATE_LEN];
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_before(db, &ratings, in->id, &before, e);
		if (rc == 0 && (rc = validate_ocop(db, in, until, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE ocop_rating SET product_id = ?, stars = ?, year = ?,"
		                 " decision_no = ?, valid_until = ?, version = version + 1"
		                 " WHERE id = ? AND version = ? RETURNING id",
		                 &st, e)) == 0) {
			bind_ocop(st, in, until);
			db_bind_int64(st, 6, in->id);
			db_bind_int64(st, 7, in->version);
			rc = store_run_versioned(db, st, &ratings, in->id, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", ratings.name, ratings.select_sql,
			        in->id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

int store_product_ocop_delete(Db *db, const Actor *a, int64_t id, int version, Err *e)
{
	return store_delete(db, a, &ratings, id, version, NULL, 0, e);
}

#define OCOP_COLUMNS "id, product_id, stars, year, decision_no, valid_until, version"

static void read_ocop(Stmt *st, Arena *arena, void *out)
{
	OcopRating *o = out;
	o->id = db_col_int64(st, 0);
	o->product_id = db_col_int64(st, 1);
	o->stars = (int)db_col_int64(st, 2);
	o->year = (int)db_col_int64(st, 3);
	o->decision_no = store_col_text(st, 4, arena);
	o->valid_until = store_col_text(st, 5, arena);
	o->version = (int)db_col_int64(st, 6);
}

int store_product_ocop_get(Db *db, int64_t id, Arena *arena, OcopRating *out, Err *e)
{
	return store_get(db, "SELECT " OCOP_COLUMNS " FROM ocop_rating WHERE id = ?", id, read_ocop,
	        arena, out, ratings.what, e);
}

int store_product_ocop_list(
        Db *db, int64_t product_id, Arena *arena, OcopRating **out, int *n, Err *e)
{
	int64_t total = 0;
	*out = NULL;
	*n = 0;
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM ocop_rating WHERE product_id = ?", product_id, &total, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db,
	                   "SELECT " OCOP_COLUMNS
	                   " FROM ocop_rating WHERE product_id = ? ORDER BY year DESC, id",
	                   &st, e)))
		return rc;
	db_bind_int64(st, 1, product_id);
	*out = arena_alloc(arena, (size_t)(total ? total : 1) * sizeof **out);
	while (*n < total && (rc = db_step(st, e)) == DB_ROW)
		read_ocop(st, arena, &(*out)[(*n)++]);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE || rc == 0 ? 0 : rc;
}

/* ---- Natural keys ------------------------------------------------------------------- */

int store_product_find(Db *db, int64_t establishment_id, const char *name, int64_t *id, Err *e)
{
	Buf key;
	buf_init(&key, 4096);
	int rc = vn_fold(&key, name, strlen(name), e);
	Stmt *st;
	if (rc == 0 && (rc = db_prepare(db,
	                        "SELECT id FROM product WHERE establishment_id = ? AND name_key = ?"
	                        " ORDER BY id LIMIT 1",
	                        &st, e)) == 0) {
		db_bind_int64(st, 1, establishment_id);
		db_bind_text(st, 2, buf_cstr(&key), key.len);
		rc = db_run_int64(st, id, e);
		db_done(st);
		if (rc == KC_ENOTFOUND)
			err_clear(e);
	}
	buf_free(&key);
	return rc;
}

int store_product_cert_find(Db *db, const Certification *key, int64_t *id, Err *e)
{
	bool numbered = key->certificate_no && key->certificate_no[0];
	Stmt *st;
	int rc = db_prepare(db,
	        numbered ? "SELECT id FROM certification WHERE level = ? AND certificate_no = ?"
	                 : "SELECT id FROM certification WHERE level = ? AND product_id = ?"
	                   " AND year = ? ORDER BY id LIMIT 1",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, key->level);
	if (numbered) {
		db_bind_str(st, 2, key->certificate_no);
	} else {
		db_bind_int64(st, 2, key->product_id);
		db_bind_int64(st, 3, key->year);
	}
	rc = db_run_int64(st, id, e);
	db_done(st);
	if (rc == KC_ENOTFOUND)
		err_clear(e);
	return rc;
}
