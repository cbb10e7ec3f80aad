/* store_product.c — see store_product.h. */
#include "store/store_product.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"

enum { NAME_MAX_BYTES = 300, NO_MAX_BYTES = 100 };
enum { YEAR_MIN = 1990, YEAR_MAX = 2100 };

/* TT 38/2025/TT-BCT's effective date, when legal_instrument does not say. */
static const char tt38_default[] = "2025-07-01";

static const char *const groups[] = {"handicraft", "food", "machinery", "other"};
/* Levels from the lowest, with their Vietnamese names. */
static const char *const levels[][2] = {{"district", "cấp huyện"}, {"commune", "cấp xã"},
        {"provincial", "cấp tỉnh"}, {"regional", "cấp khu vực"}, {"national", "cấp quốc gia"}};

/* A versioned table: what the generic delete needs to know of it. */
typedef struct Table {
	const char *name;       /* as in audit_log.table_name */
	const char *select_sql; /* SELECT * ... WHERE id = ?: the audit snapshot */
	const char *delete_sql; /* DELETE ... WHERE id = ? AND version = ? RETURNING id */
	const char *what;       /* the Vietnamese name of a record, lower case */
} Table;

static const Table products = {"product", "SELECT * FROM product WHERE id = ?",
        "DELETE FROM product WHERE id = ? AND version = ? RETURNING id", "sản phẩm"};
static const Table certs = {"certification", "SELECT * FROM certification WHERE id = ?",
        "DELETE FROM certification WHERE id = ? AND version = ? RETURNING id",
        "chứng nhận sản phẩm tiêu biểu"};
static const Table ratings = {"ocop_rating", "SELECT * FROM ocop_rating WHERE id = ?",
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

/* Parses an optional date as typed into ISO text; "" when s is NULL or empty. */
static int iso_date(const char *s, char out[11], const char *field, Err *e)
{
	out[0] = '\0';
	if (!s || !s[0])
		return 0;
	Date d;
	int rc = date_parse(s, strlen(s), &d, e);
	if (rc)
		return store_at_field(e, field, rc);
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, day);
	return 0;
}

/* "2025-07-01" as "01/07/2025", for messages. */
static const char *vn_day(const char *iso, char out[11])
{
	snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}

static int count_id(Db *db, const char *sql, int64_t id, int64_t *n, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_run_int64(st, n, e);
	db_done(st);
	return rc;
}

static int check_year(int year, Err *e)
{
	if (year < YEAR_MIN || year > YEAR_MAX)
		return err_field(e, "year", KC_EINVAL, "Năm %d không hợp lệ", year);
	return 0;
}

static int product_exists(Db *db, int64_t id, Err *e)
{
	int64_t n = 0;
	int rc = count_id(db, "SELECT COUNT(*) FROM product WHERE id = ?", id, &n, e);
	if (rc == 0 && n == 0)
		return err_field(
		        e, "product_id", KC_EINVAL, "Không có sản phẩm số %lld", (long long)id);
	return rc;
}

/* Deletes the record id of t at version with its audit row, unless one of
 * uses[i][0] (a COUNT with the id) finds it still named somewhere. */
static int delete_versioned(Db *db, const Actor *a, const Table *t, int64_t id, int version,
        const char *const (*uses)[2], size_t n_uses, Err *e)
{
	Buf before;
	buf_init(&before, 1 << 16);
	int rc = db_begin(db, e);
	if (rc == 0) {
		if ((rc = store_row_json(db, t->select_sql, id, &before, e)) == KC_ENOTFOUND)
			rc = store_stale(db, t->select_sql, id, t->what, e);
		for (size_t i = 0; rc == 0 && i < n_uses; i++) {
			int64_t k = 0;
			if ((rc = count_id(db, uses[i][0], id, &k, e)) == 0 && k)
				rc = err_set(e, KC_ECONFLICT, "Không xóa được %s số %lld: %s",
				        t->what, (long long)id, uses[i][1]);
		}
		Stmt *st = NULL;
		if (rc == 0 && (rc = db_prepare(db, t->delete_sql, &st, e)) == 0) {
			db_bind_int64(st, 1, id);
			db_bind_int64(st, 2, version);
			if ((rc = db_run_int64(st, NULL, e)) == KC_ENOTFOUND)
				rc = store_stale(db, t->select_sql, id, t->what, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(
			        db, a, "delete", t->name, t->select_sql, id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

/* Runs a versioned UPDATE ... RETURNING id whose parameters are bound; no
 * row means the record is gone or was edited meanwhile. */
static int run_versioned(Db *db, Stmt *st, const Table *t, int64_t id, Err *e)
{
	int rc = db_run_int64(st, NULL, e);
	if (rc == KC_ENOTFOUND)
		rc = store_stale(db, t->select_sql, id, t->what, e);
	return rc;
}

/* ---- Products ------------------------------------------------------------------------ */

static int check_group(const char *group, Err *e)
{
	for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
		if (group && !strcmp(group, groups[i]))
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
	rc = count_id(
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
		if ((rc = store_row_json(db, products.select_sql, in->id, &before, e)) ==
		        KC_ENOTFOUND)
			rc = store_stale(db, products.select_sql, in->id, products.what, e);
		if (rc == 0 && (rc = validate_product(db, in, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE product SET establishment_id = ?, name = ?, product_group = ?,"
		                 " name_key = ?, sort_key = ?, version = version + 1"
		                 " WHERE id = ? AND version = ? RETURNING id",
		                 &st, e)) == 0 &&
		        (rc = bind_product(st, in, e)) == 0) {
			db_bind_int64(st, 6, in->id);
			db_bind_int64(st, 7, in->version);
			rc = run_versioned(db, st, &products, in->id, e);
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
	static const char *const uses[][2] = {
	        {"SELECT COUNT(*) FROM certification WHERE product_id = ?",
	                "còn chứng nhận sản phẩm tiêu biểu"},
	        {"SELECT COUNT(*) FROM ocop_rating WHERE product_id = ?", "còn xếp hạng OCOP"},
	};
	return delete_versioned(db, a, &products, id, version, uses, 2, e);
}

#define PRODUCT_COLUMNS "id, establishment_id, name, product_group, version"

static void read_product(Stmt *st, Arena *arena, Product *o)
{
	o->id = db_col_int64(st, 0);
	o->establishment_id = db_col_int64(st, 1);
	o->name = store_col_text(st, 2, arena);
	o->product_group = store_col_text(st, 3, arena);
	o->version = (int)db_col_int64(st, 4);
}

int store_product_get(Db *db, int64_t id, Arena *arena, Product *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, "SELECT " PRODUCT_COLUMNS " FROM product WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		read_product(st, arena, out);
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có sản phẩm số %lld", (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

#define PRODUCT_WHERE                                                                              \
	" WHERE (CAST(? AS TEXT) IS NULL OR name_key LIKE ? ESCAPE '!')"                           \
	" AND (CAST(? AS BIGINT) IS NULL OR establishment_id = ?)"                                 \
	" AND (CAST(? AS TEXT) IS NULL OR product_group = ?)"

static void bind_product_filter(Stmt *st, const ProductFilter *f, const char *pattern)
{
	db_bind_str(st, 1, pattern);
	db_bind_str(st, 2, pattern);
	store_bind_opt(st, 3, f->establishment_id, -1);
	store_bind_opt(st, 4, f->establishment_id, -1);
	db_bind_str(st, 5, f->product_group);
	db_bind_str(st, 6, f->product_group);
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
	db_bind_int64(st, 7, limit);
	db_bind_int64(st, 8, f->offset);
	out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_product(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

int store_product_list(Db *db, const ProductFilter *f, Arena *arena, ProductList *out, Err *e)
{
	*out = (ProductList){0};
	int limit = f->limit ? f->limit : 50;
	if (limit < 1 || limit > 500 || f->offset < 0)
		return err_field(e, "limit", KC_EINVAL, "Số dòng mỗi trang phải từ 1 đến 500");
	Buf pattern;
	buf_init(&pattern, 8192);
	int rc = f->q && f->q[0] ? store_like_pattern(f->q, &pattern, e) : 0;
	if (rc == 0)
		rc = list_products(
		        db, f, pattern.len ? buf_cstr(&pattern) : NULL, limit, arena, out, e);
	buf_free(&pattern);
	return rc;
}

/* ---- Certificates: validation ---------------------------------------------------------- */

typedef struct Clean {
	char decision_date[11], valid_until[11];
} Clean;

/* The index of level in levels[], or -1. */
static int level_index(const char *level)
{
	for (int i = 0; level && i < (int)(sizeof levels / sizeof levels[0]); i++)
		if (!strcmp(level, levels[i][0]))
			return i;
	return -1;
}

/* The day the commune level replaced the district level (TT 38/2025). */
static int tt38_from(Db *db, char out[11], Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT effective_from FROM legal_instrument WHERE code = 'TT38_2025'"
	        " AND effective_from IS NOT NULL",
	        &st, e);
	if (rc)
		return rc;
	rc = db_step(st, e);
	snprintf(out, 11, "%s", rc == DB_ROW ? db_col_text(st, 0) : tt38_default);
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
	char from[11], shown[11];
	int rc = tt38_from(db, from, e);
	int year = 0;
	if (rc || sscanf(from, "%4d", &year) != 1)
		return rc ? rc
		          : err_set(e, KC_EINVAL, "bad effective_from '%s' of TT38_2025", from);
	if (district && in->year > year)
		return err_field(e, "level", KC_EINVAL,
		        "Từ %s (Thông tư 38/2025/TT-BCT) không còn bình chọn cấp huyện; năm %d chọn"
		        " cấp xã",
		        vn_day(from, shown), in->year);
	if (!district && in->year < year)
		return err_field(e, "level", KC_EINVAL,
		        "Bình chọn cấp xã chỉ có từ %s (Thông tư 38/2025/TT-BCT); năm %d là cấp huyện",
		        vn_day(from, shown), in->year);
	bool before = c->decision_date[0] && strcmp(c->decision_date, from) < 0;
	bool after = c->decision_date[0] && strcmp(c->decision_date, from) >= 0;
	if ((district && after) || (!district && before))
		return err_field(e, "decision_date", KC_EINVAL,
		        "Quyết định công nhận %s phải ký %s ngày %s (Thông tư 38/2025/TT-BCT)",
		        district ? "cấp huyện" : "cấp xã", district ? "trước" : "từ",
		        vn_day(from, shown));
	return 0;
}

static int check_cert_fields(const Certification *in, Clean *c, Err *e)
{
	int rc;
	if (level_index(in->level) < 0)
		return err_field(e, "level", KC_EINVAL,
		        "Cấp công nhận '%s' không có; chọn cấp huyện, xã, tỉnh, khu vực hoặc quốc gia",
		        in->level ? in->level : "");
	if ((rc = check_year(in->year, e)) ||
	        (rc = store_check_text(in->certificate_no, NO_MAX_BYTES, "certificate_no",
	                 "Số giấy chứng nhận", e)) ||
	        (rc = store_check_text(
	                 in->decision_no, NO_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = iso_date(in->decision_date, c->decision_date, "decision_date", e)) ||
	        (rc = iso_date(in->valid_until, c->valid_until, "valid_until", e)))
		return rc;
	char a[11], b[11];
	if (c->decision_date[0] && c->valid_until[0] &&
	        strcmp(c->valid_until, c->decision_date) < 0)
		return err_field(e, "valid_until", KC_EINVAL,
		        "Ngày hết hạn %s trước ngày quyết định công nhận %s",
		        vn_day(c->valid_until, a), vn_day(c->decision_date, b));
	if (in->score < -1)
		return err_field(e, "score", KC_EINVAL, "Điểm bình chọn không được âm");
	return 0;
}

/* Another certificate (not self) with the same product, level and year, or
 * the same number at the same level. */
static int check_cert_unique(Db *db, const Certification *in, int64_t self, Err *e)
{
	const char *level_vi = levels[level_index(in->level)][1];
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT SUM(CASE WHEN product_id = ? AND year = ? THEN 1 ELSE 0 END),"
	        " SUM(CASE WHEN certificate_no = ? THEN 1 ELSE 0 END)"
	        " FROM certification WHERE level = ? AND id <> ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, in->product_id);
	db_bind_int64(st, 2, in->year);
	db_bind_str(st, 3, in->certificate_no && in->certificate_no[0] ? in->certificate_no : NULL);
	db_bind_str(st, 4, in->level);
	db_bind_int64(st, 5, self);
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
		if ((rc = store_row_json(db, certs.select_sql, in->id, &before, e)) == KC_ENOTFOUND)
			rc = store_stale(db, certs.select_sql, in->id, certs.what, e);
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
			rc = run_versioned(db, st, &certs, in->id, e);
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
	return delete_versioned(db, a, &certs, id, version, NULL, 0, e);
}

#define CERT_COLUMNS                                                                               \
	"c.id, c.product_id, c.level, c.year, c.certificate_no, c.decision_no, c.decision_date,"   \
	" c.valid_until, c.score, c.version, p.name, p.product_group, e.id, e.name,"               \
	" e.province_list, e.province_code"
#define CERT_FROM                                                                                  \
	" FROM certification c JOIN product p ON p.id = c.product_id"                              \
	" JOIN establishment e ON e.id = p.establishment_id"

static void read_cert(Stmt *st, Arena *arena, Certification *o)
{
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
	Stmt *st;
	int rc = db_prepare(db, "SELECT " CERT_COLUMNS CERT_FROM " WHERE c.id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		read_cert(st, arena, out);
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có chứng nhận sản phẩm tiêu biểu số %lld",
		        (long long)id);
	return rc == DB_ROW ? 0 : rc;
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
	int limit = f->limit ? f->limit : 50;
	if (limit < 1 || limit > 500 || f->offset < 0)
		return err_field(e, "limit", KC_EINVAL, "Số dòng mỗi trang phải từ 1 đến 500");
	Stmt *st;
	int rc = db_prepare(db, "SELECT COUNT(*)" CERT_FROM CERT_WHERE, &st, e);
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

static int validate_ocop(Db *db, const OcopRating *in, char valid_until[11], Err *e)
{
	int rc;
	if (in->stars < 1 || in->stars > 5)
		return err_field(e, "stars", KC_EINVAL,
		        "Hạng OCOP %d sao không có; chọn từ 1 đến 5 sao", in->stars);
	if ((rc = check_year(in->year, e)) ||
	        (rc = store_check_text(
	                 in->decision_no, NO_MAX_BYTES, "decision_no", "Số quyết định", e)) ||
	        (rc = iso_date(in->valid_until, valid_until, "valid_until", e)))
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
	char until[11];
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
	char until[11];
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		if ((rc = store_row_json(db, ratings.select_sql, in->id, &before, e)) ==
		        KC_ENOTFOUND)
			rc = store_stale(db, ratings.select_sql, in->id, ratings.what, e);
		if (rc == 0 && (rc = validate_ocop(db, in, until, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE ocop_rating SET product_id = ?, stars = ?, year = ?,"
		                 " decision_no = ?, valid_until = ?, version = version + 1"
		                 " WHERE id = ? AND version = ? RETURNING id",
		                 &st, e)) == 0) {
			bind_ocop(st, in, until);
			db_bind_int64(st, 6, in->id);
			db_bind_int64(st, 7, in->version);
			rc = run_versioned(db, st, &ratings, in->id, e);
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
	return delete_versioned(db, a, &ratings, id, version, NULL, 0, e);
}

int store_product_ocop_list(
        Db *db, int64_t product_id, Arena *arena, OcopRating **out, int *n, Err *e)
{
	int64_t total = 0;
	*out = NULL;
	*n = 0;
	int rc = count_id(
	        db, "SELECT COUNT(*) FROM ocop_rating WHERE product_id = ?", product_id, &total, e);
	Stmt *st;
	if (rc || (rc = db_prepare(db,
	                   "SELECT id, product_id, stars, year, decision_no, valid_until, version"
	                   " FROM ocop_rating WHERE product_id = ? ORDER BY year DESC, id",
	                   &st, e)))
		return rc;
	db_bind_int64(st, 1, product_id);
	*out = arena_alloc(arena, (size_t)(total ? total : 1) * sizeof **out);
	while (*n < total && (rc = db_step(st, e)) == DB_ROW) {
		OcopRating *o = &(*out)[(*n)++];
		o->id = db_col_int64(st, 0);
		o->product_id = db_col_int64(st, 1);
		o->stars = (int)db_col_int64(st, 2);
		o->year = (int)db_col_int64(st, 3);
		o->decision_no = store_col_text(st, 4, arena);
		o->valid_until = store_col_text(st, 5, arena);
		o->version = (int)db_col_int64(st, 6);
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE || rc == 0 ? 0 : rc;
}
