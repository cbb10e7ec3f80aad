/* store_project_extra.c — see store_project_extra.h. */
#include "store/store_project_extra.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/date.h"
#include "core/num.h"
#include "core/vntext.h"
#include "store/store_admin.h"
#include "store/store_org.h"

enum {
	NAME_MAX_BYTES = 300,
	TEXT_MAX_BYTES = 1000,
	RESULT_MAX_BYTES = 4000,
	FILE_NAME_MAX_BYTES = 255, /* a file name on every common file system */
	MIME_MAX_BYTES = 100,
	PATH_MAX_BYTES = 4096,
};

static const char output_select_sql[] =
        "SELECT * FROM project_output WHERE project_id = ? AND indicator_code = ?";
static const char inspection_select_sql[] = "SELECT * FROM inspection WHERE id = ?";
static const char document_select_sql[] = "SELECT * FROM document WHERE id = ?";
static const StoreTable inspections = {"inspection", inspection_select_sql,
        "DELETE FROM inspection WHERE id = ? RETURNING id", "đợt kiểm tra"};
static const StoreTable documents = {"document", document_select_sql,
        "DELETE FROM document WHERE id = ? RETURNING id", "tài liệu"};

ProjectOutput store_output_blank(void)
{
	return (ProjectOutput){.project_id = -1, .planned = -1, .actual = -1};
}

Inspection store_inspection_blank(void)
{
	return (Inspection){.project_id = -1, .org_id = -1};
}

InspectionFilter store_inspection_filter(void)
{
	return (InspectionFilter){.project_id = -1};
}

Document store_document_blank(void)
{
	return (Document){.project_id = -1, .size_bytes = -1, .user_id = -1};
}

/* ---- Shared helpers -------------------------------------------------------------- */

static int check_project(Db *db, int64_t project_id, Err *e)
{
	int64_t n = 0;
	int rc = store_scalar(db, "SELECT COUNT(*) FROM project WHERE id = ?", project_id, &n, e);
	if (rc == 0 && n == 0)
		return err_field(e, "project_id", KC_ENOTFOUND, "Không có đề án số %lld",
		        (long long)project_id);
	return rc;
}

/* ---- Outputs and outcomes -------------------------------------------------------- */

/* Qualifiers as officials write them before a figure (DOMAIN §8.1). */
static const StoreChoice qualifiers[] = {{"gần"}, {"trên"}, {"khoảng"}, {"ước"}};

/* The NFC form of a known qualifier into q, so "gần" typed decomposed matches. */
static int check_qualifier(const char *s, Buf *q, Err *e)
{
	if (!s)
		return 0;
	char shown[VN_QUOTE_MAX];
	int rc = vn_utf8_valid(s, strlen(s)) ? vn_nfc(q, s, strlen(s), e) : KC_EINVAL;
	if (rc == 0 && store_choice_index(qualifiers, STORE_COUNT_OF(qualifiers), buf_cstr(q)) >= 0)
		return 0;
	return err_field(e, "qualifier", KC_EINVAL,
	        "Từ '%s' trước số liệu không dùng được; chọn gần, trên, khoảng hoặc ước",
	        vn_quote(shown, sizeof shown, s, strlen(s)));
}

static int check_output(Db *db, const ProjectOutput *in, Buf *q, Err *e)
{
	int64_t n = 0;
	int rc;
	if (!store_has_text(in->indicator_code))
		return err_field(e, "indicator_code", KC_EINVAL, "Chưa chọn chỉ tiêu");
	if ((rc = check_project(db, in->project_id, e)) ||
	        (rc = store_scalar_text(db, "SELECT COUNT(*) FROM indicator WHERE code = ?",
	                 in->indicator_code, &n, e)))
		return rc;
	if (n == 0) {
		char shown[VN_QUOTE_MAX];
		return err_field(e, "indicator_code", KC_EINVAL, "Chỉ tiêu '%s' không có",
		        vn_quote(shown, sizeof shown, in->indicator_code,
		                strlen(in->indicator_code)));
	}
	if (in->planned < -1)
		return err_field(e, "planned", KC_EINVAL, "Số kế hoạch không được âm");
	if (in->actual < -1)
		return err_field(e, "actual", KC_EINVAL, "Số thực hiện không được âm");
	if (in->planned == -1 && in->actual == -1)
		return err_field(
		        e, "planned", KC_EINVAL, "Chưa nhập số kế hoạch hoặc số thực hiện");
	if ((rc = check_qualifier(in->qualifier, q, e)))
		return rc;
	return store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e);
}

static int write_output(Db *db, const ProjectOutput *in, const char *qualifier, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO project_output (project_id, indicator_code, planned, actual, qualifier,"
	        " note) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (project_id, indicator_code) DO UPDATE"
	        " SET planned = excluded.planned, actual = excluded.actual,"
	        " qualifier = excluded.qualifier, note = excluded.note",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, in->project_id);
	db_bind_str(st, 2, in->indicator_code);
	store_bind_opt(st, 3, in->planned, -1);
	store_bind_opt(st, 4, in->actual, -1);
	db_bind_str(st, 5, qualifier);
	db_bind_str(st, 6, in->note);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

int store_output_upsert(Db *db, const Actor *a, const ProjectOutput *in, Err *e)
{
	Buf q, before, after;
	buf_init(&q, 64);
	buf_init(&before, 1 << 16);
	buf_init(&after, 1 << 16);
	int rc = db_begin(db, e);
	if (rc == 0) {
		if ((rc = check_output(db, in, &q, e)) == 0) {
			rc = store_row_json_key(db, output_select_sql, in->project_id,
			        in->indicator_code, &before, e);
			if (rc == KC_ENOTFOUND)
				rc = 0; /* a new indicator for this đề án */
		}
		if (rc == 0 && (rc = write_output(db, in, q.len ? buf_cstr(&q) : NULL, e)) == 0 &&
		        (rc = store_row_json_key(db, output_select_sql, in->project_id,
		                 in->indicator_code, &after, e)) == 0)
			rc = store_audit(db, a, before.len ? "update" : "insert", "project_output",
			        in->project_id, before.len ? buf_cstr(&before) : NULL,
			        buf_cstr(&after), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&q);
	buf_free(&before);
	buf_free(&after);
	return rc;
}

int store_output_delete(
        Db *db, const Actor *a, int64_t project_id, const char *indicator_code, Err *e)
{
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	const char *code = indicator_code ? indicator_code : "";
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_row_json_key(db, output_select_sql, project_id, code, &before, e);
		if (rc == KC_ENOTFOUND) {
			char shown[VN_QUOTE_MAX];
			rc = err_set(e, KC_ENOTFOUND, "Đề án số %lld chưa có số liệu chỉ tiêu '%s'",
			        (long long)project_id,
			        vn_quote(shown, sizeof shown, code, strlen(code)));
		}
		if (rc == 0 && (rc = db_prepare(db,
		                        "DELETE FROM project_output WHERE project_id = ?"
		                        " AND indicator_code = ?",
		                        &st, e)) == 0) {
			db_bind_int64(st, 1, project_id);
			db_bind_str(st, 2, code);
			rc = db_run(st, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit(db, a, "delete", "project_output", project_id,
			        buf_cstr(&before), NULL, e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	return rc;
}

int store_output_list(Db *db, int64_t project_id, Arena *arena, ProjectOutputList *out, Err *e)
{
	*out = (ProjectOutputList){0};
	int64_t n = 0;
	Stmt *st;
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM project_output WHERE project_id = ?", project_id, &n, e);
	if (rc ||
	        (rc = db_prepare(db,
	                 "SELECT o.project_id, o.indicator_code, o.planned, o.actual, o.qualifier,"
	                 " o.note, i.label_vi, i.unit_vi FROM project_output o"
	                 " JOIN indicator i ON i.code = o.indicator_code WHERE o.project_id = ?"
	                 " ORDER BY i.position, i.code",
	                 &st, e)))
		return rc;
	db_bind_int64(st, 1, project_id);
	out->v = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *out->v);
	while (out->n < n && (rc = db_step(st, e)) == DB_ROW) {
		ProjectOutput *o = &out->v[out->n++];
		o->project_id = db_col_int64(st, 0);
		o->indicator_code = store_col_text(st, 1, arena);
		o->planned = store_col_int(st, 2, -1);
		o->actual = store_col_int(st, 3, -1);
		o->qualifier = store_col_text(st, 4, arena);
		o->note = store_col_text(st, 5, arena);
		o->label_vi = store_col_text(st, 6, arena);
		o->unit_vi = store_col_text(st, 7, arena);
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* ---- Inspections ----------------------------------------------------------------- */

/* Validated fields of an inspection: its date and its province. */
typedef struct InspClean {
	char inspected_on[STORE_DATE_LEN];
	const char *province_list, *province_code; /* in the caller's arena */
} InspClean;

/* An inspection of a đề án takes place in the đề án's province as recorded. */
static int project_province(Db *db, const Inspection *in, Arena *ar, InspClean *c, Err *e)
{
	Stmt *st;
	int rc = db_prepare(
	        db, "SELECT province_list, province_code FROM project WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, in->project_id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		c->province_list = store_col_text(st, 0, ar);
		c->province_code = store_col_text(st, 1, ar);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "project_id", KC_ENOTFOUND, "Không có đề án số %lld",
		        (long long)in->project_id);
	if (rc != DB_ROW)
		return rc;
	if (in->province_code &&
	        (strcmp(in->province_code, c->province_code) ||
	                (in->province_list && strcmp(in->province_list, c->province_list))))
		return err_field(e, "province_code", KC_EINVAL,
		        "Đề án số %lld thuộc tỉnh mã '%s', không phải tỉnh mã '%s'",
		        (long long)in->project_id, c->province_code, in->province_code);
	return 0;
}

static int inspection_place(Db *db, const Inspection *in, Arena *ar, InspClean *c, Err *e)
{
	if (in->project_id >= 0)
		return project_province(db, in, ar, c, e);
	if (!in->province_list || !in->province_code)
		return err_field(e, "province_code", KC_EINVAL, "Chưa chọn tỉnh, thành phố");
	c->province_list = in->province_list;
	c->province_code = in->province_code;
	Date d;
	int year = 0;
	if (date_parse(c->inspected_on, 10, &d, NULL) == 0)
		date_to_ymd(d, &year, NULL, NULL);
	/* The province's code list must have been in force when it was inspected. */
	return store_admin_check(db, in->province_list, in->province_code, "province", NULL, year,
	        "province_code", e);
}

static int check_inspection(Db *db, const Inspection *in, Arena *ar, InspClean *c, Err *e)
{
	int64_t n = 1;
	int rc = store_check_iso_date(
	        in->inspected_on, "inspected_on", "ngày kiểm tra", c->inspected_on, e);
	if (rc ||
	        (rc = store_check_text(
	                 in->inspector, NAME_MAX_BYTES, "inspector", "Người kiểm tra", e)) ||
	        (rc = store_check_text(in->result, RESULT_MAX_BYTES, "result", "Kết quả", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)) ||
	        (rc = inspection_place(db, in, ar, c, e)))
		return rc;
	if (in->org_id >= 0 &&
	        (rc = store_scalar(db, "SELECT COUNT(*) FROM organisation WHERE id = ?", in->org_id,
	                 &n, e)) == 0 &&
	        n == 0)
		return err_field(e, "org_id", KC_EINVAL, "Không có cơ quan, đơn vị số %lld",
		        (long long)in->org_id);
	if (!rc)
		rc = store_org_check_place(
		        db, in->org_id, c->province_list, c->province_code, "org_id", e);
	return rc;
}

/* Binds the writable columns as parameters 1..8. */
static void bind_inspection(Stmt *st, const Inspection *in, const InspClean *c)
{
	store_bind_opt(st, 1, in->project_id, -1);
	db_bind_str(st, 2, c->province_list);
	db_bind_str(st, 3, c->province_code);
	db_bind_str(st, 4, c->inspected_on);
	db_bind_str(st, 5, in->inspector);
	store_bind_opt(st, 6, in->org_id, -1);
	db_bind_str(st, 7, in->result);
	db_bind_str(st, 8, in->note);
}

int store_inspection_add(Db *db, const Actor *a, const Inspection *in, int64_t *id, Err *e)
{
	Arena ar = {0};
	InspClean c;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = check_inspection(db, in, &ar, &c, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO inspection (project_id, province_list, province_code,"
	                 " inspected_on, inspector, org_id, result, note)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0) {
		bind_inspection(st, in, &c);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", "inspection", inspection_select_sql, *id, NULL, e);
	arena_free(&ar);
	return store_finish(db, rc, e);
}

int store_inspection_update(Db *db, const Actor *a, const Inspection *in, Err *e)
{
	Arena ar = {0};
	InspClean c;
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		rc = store_before(db, &inspections, in->id, &before, e);
		if (rc == 0 && (rc = check_inspection(db, in, &ar, &c, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE inspection SET project_id = ?, province_list = ?,"
		                 " province_code = ?, inspected_on = ?, inspector = ?, org_id = ?,"
		                 " result = ?, note = ? WHERE id = ?",
		                 &st, e)) == 0) {
			bind_inspection(st, in, &c);
			db_bind_int64(st, 9, in->id);
			rc = db_run(st, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", "inspection",
			        inspection_select_sql, in->id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	arena_free(&ar);
	buf_free(&before);
	return rc;
}

int store_inspection_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return store_delete(db, a, &inspections, id, -1, NULL, 0, e);
}

#define INSPECTION_COLUMNS                                                                         \
	"id, project_id, province_list, province_code, inspected_on, inspector, org_id, result, note"

static void read_inspection(Stmt *st, Arena *ar, void *out)
{
	Inspection *o = out;
	o->id = db_col_int64(st, 0);
	o->project_id = store_col_int(st, 1, -1);
	o->province_list = store_col_text(st, 2, ar);
	o->province_code = store_col_text(st, 3, ar);
	o->inspected_on = store_col_text(st, 4, ar);
	o->inspector = store_col_text(st, 5, ar);
	o->org_id = store_col_int(st, 6, -1);
	o->result = store_col_text(st, 7, ar);
	o->note = store_col_text(st, 8, ar);
}

int store_inspection_get(Db *db, int64_t id, Arena *arena, Inspection *out, Err *e)
{
	return store_get(db, "SELECT " INSPECTION_COLUMNS " FROM inspection WHERE id = ?", id,
	        read_inspection, arena, out, inspections.what, e);
}

/* The filter's conditions; both the page and the count bind them alike. */
#define INSPECTION_WHERE                                                                           \
	" WHERE (CAST(? AS BIGINT) IS NULL OR project_id = ?)"                                     \
	" AND (CAST(? AS TEXT) IS NULL OR (province_list = ? AND province_code = ?))"              \
	" AND (CAST(? AS TEXT) IS NULL OR (inspected_on >= ? AND inspected_on <= ?))"              \
	" AND" STORE_IN_CURRENT_PROVINCE("inspection")

static void bind_inspection_filter(
        Stmt *st, const InspectionFilter *f, const char *from, const char *to)
{
	store_bind_opt(st, 1, f->project_id, -1);
	store_bind_opt(st, 2, f->project_id, -1);
	db_bind_str(st, 3, f->province_code ? f->province_list : NULL);
	db_bind_str(st, 4, f->province_list);
	db_bind_str(st, 5, f->province_code);
	db_bind_str(st, 6, f->year ? from : NULL);
	db_bind_str(st, 7, from);
	db_bind_str(st, 8, to);
	store_bind_current_province(st, 9, f->current_province);
}

int store_inspection_list(
        Db *db, const InspectionFilter *f, Arena *arena, InspectionList *out, Err *e)
{
	*out = (InspectionList){0};
	int limit, rc = store_page_size(f->limit, f->offset, &limit, e);
	if (rc)
		return rc;
	if (f->year && (f->year < DATE_MIN_YEAR || f->year > DATE_MAX_YEAR))
		return err_field(e, "year", KC_EINVAL, "Năm %d không hợp lệ", f->year);
	char from[16], to[16];
	snprintf(from, sizeof from, "%04d-01-01", f->year);
	snprintf(to, sizeof to, "%04d-12-31", f->year);
	Stmt *st;
	rc = db_prepare(db, "SELECT COUNT(*) FROM inspection" INSPECTION_WHERE, &st, e);
	if (rc)
		return rc;
	bind_inspection_filter(st, f, from, to);
	rc = db_run_int64(st, &out->total, e);
	db_done(st);
	if (rc || (rc = db_prepare(db,
	                   "SELECT " INSPECTION_COLUMNS " FROM inspection" INSPECTION_WHERE
	                   " ORDER BY inspected_on DESC, id DESC LIMIT ? OFFSET ?",
	                   &st, e)))
		return rc;
	bind_inspection_filter(st, f, from, to);
	db_bind_int64(st, 12, limit);
	db_bind_int64(st, 13, f->offset);
	out->v = arena_alloc(arena, (size_t)limit * sizeof *out->v);
	while ((rc = db_step(st, e)) == DB_ROW)
		read_inspection(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- Documents ------------------------------------------------------------------- */

static const StoreChoice doc_kinds[] = {
        {"decision"}, {"contract"}, {"minutes"}, {"invoice"}, {"photo"}, {"other"}};

int store_document_path(const char *root, const char *sha256, Buf *out, Err *e)
{
	size_t n = sha256 ? strlen(sha256) : 0;
	bool hex = n == 64;
	for (size_t i = 0; hex && i < n; i++)
		hex = (sha256[i] >= '0' && sha256[i] <= '9') ||
		      (sha256[i] >= 'a' && sha256[i] <= 'f');
	if (!hex)
		return err_set(e, KC_EINVAL, "not a SHA-256 in hex: '%.80s'", sha256 ? sha256 : "");
	buf_printf(out, "%s/%.2s/%s", root, sha256, sha256);
	return buf_err(out) ? err_set(e, KC_ETOOBIG, "document path too long under '%s'", root) : 0;
}

/* A name as uploaded, safe to offer back in a download: one path component
 * of printable characters. */
static int check_file_name(const char *s, Err *e)
{
	char shown[VN_QUOTE_MAX];
	if (!store_has_text(s))
		return err_field(e, "file_name", KC_EINVAL, "Chưa có tên tệp");
	int rc = store_check_text(s, FILE_NAME_MAX_BYTES, "file_name", "Tên tệp", e);
	if (rc)
		return rc;
	bool bad = !strcmp(s, ".") || !strcmp(s, "..");
	for (const unsigned char *p = (const unsigned char *)s; !bad && *p; p++)
		bad = *p == '/' || *p == '\\' || *p < 0x20 || *p == 0x7f;
	if (bad)
		return err_field(e, "file_name", KC_EINVAL,
		        "Tên tệp '%s' không hợp lệ: không được chứa thư mục (/ hoặc \\) hay ký tự"
		        " điều khiển",
		        vn_quote(shown, sizeof shown, s, strlen(s)));
	return 0;
}

/* type/subtype of RFC 6838 restricted-name characters, without parameters. */
static int check_mime(const char *s, Err *e)
{
	static const char extra[] = "!#$&^_.+-";
	size_t n = s ? strlen(s) : 0, slash = 0, at = 0;
	bool ok = n > 0 && n <= MIME_MAX_BYTES;
	for (size_t i = 0; ok && i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '/') {
			slash++;
			at = i;
		} else {
			ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			     (ch >= '0' && ch <= '9') || (ch && strchr(extra, ch));
		}
	}
	if (ok && slash == 1 && at > 0 && at < n - 1)
		return 0;
	char shown[VN_QUOTE_MAX];
	return err_field(e, "mime_type", KC_EINVAL,
	        "Kiểu tệp '%s' không hợp lệ; cần dạng loại/kiểu, ví dụ application/pdf",
	        vn_quote(shown, sizeof shown, s ? s : "", n));
}

static int check_document(const DocumentStore *ds, const Document *in, size_t len, Err *e)
{
	if (store_choice_index(doc_kinds, STORE_COUNT_OF(doc_kinds), in->kind) < 0) {
		char shown[VN_QUOTE_MAX];
		const char *k = in->kind ? in->kind : "";
		return err_field(e, "kind", KC_EINVAL,
		        "Loại tài liệu '%s' không có; chọn quyết định, hợp đồng, biên bản, hóa đơn,"
		        " ảnh hoặc khác",
		        vn_quote(shown, sizeof shown, k, strlen(k)));
	}
	if (!store_has_text(in->title))
		return err_field(e, "title", KC_EINVAL, "Chưa nhập tên tài liệu");
	int rc = store_check_text(in->title, NAME_MAX_BYTES, "title", "Tên tài liệu", e);
	if (rc || (rc = check_file_name(in->file_name, e)) || (rc = check_mime(in->mime_type, e)))
		return rc;
	if (len == 0)
		return err_field(e, "file", KC_EINVAL, "Tệp '%s' rỗng", in->file_name);
	if (len > ds->max_bytes) {
		Buf has, max;
		buf_init(&has, 32);
		buf_init(&max, 32);
		num_format_int(&has, (int64_t)len);
		num_format_int(&max, (int64_t)ds->max_bytes);
		rc = err_field(e, "file", KC_ETOOBIG, "Tệp '%s' lớn quá: %s byte, tối đa %s byte",
		        in->file_name, buf_cstr(&has), buf_cstr(&max));
		buf_free(&has);
		buf_free(&max);
	}
	return rc;
}

static int io_fail(Err *e, const char *what, const char *path)
{
	return err_set(e, KC_EIO, "cannot %s '%s': %s", what, path, strerror(errno));
}

static int make_dir(const char *path, Err *e)
{
	if (mkdir(path, 0750) == 0 || errno == EEXIST)
		return 0;
	return io_fail(e, "create folder", path);
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Writes bytes into a new temporary file in folder dir, synced to disk;
 * tmp receives its name. */
static int write_temp(const char *dir, const void *bytes, size_t len, Buf *tmp, Err *e)
{
	buf_printf(tmp, "%s/.tmp-XXXXXX", dir);
	if (buf_err(tmp))
		return err_set(e, KC_ETOOBIG, "document path too long under '%s'", dir);
	int fd = mkstemp(tmp->data);
	if (fd < 0)
		return io_fail(e, "create a file in", dir);
	if (write_all(fd, bytes, len) || fchmod(fd, 0640) || fsync(fd)) {
		int rc = io_fail(e, "write", tmp->data);
		close(fd);
		unlink(tmp->data);
		return rc;
	}
	if (close(fd)) {
		int rc = io_fail(e, "write", tmp->data);
		unlink(tmp->data);
		return rc;
	}
	return 0;
}

/* Puts bytes at path (<root>/<ab>/<hash>) unless a file of that size is
 * already there: same name and size is the same content. Runs inside the
 * transaction that records the document, so on SQLite (one writer at a time)
 * no other upload looks at path between this check and a removal after a
 * failed insert. *created says whether this call made the file. */
static int write_content(const char *root, const char *hex, const char *path, const void *bytes,
        size_t len, bool *created, Err *e)
{
	struct stat sb;
	*created = false;
	bool exists = stat(path, &sb) == 0;
	if (exists && S_ISREG(sb.st_mode) && (uint64_t)sb.st_size == (uint64_t)len)
		return 0;
	Buf dir, tmp;
	buf_init(&dir, PATH_MAX_BYTES);
	buf_init(&tmp, PATH_MAX_BYTES);
	buf_printf(&dir, "%s/%.2s", root, hex);
	int rc = make_dir(root, e);
	if (rc == 0 && (rc = make_dir(buf_cstr(&dir), e)) == 0 &&
	        (rc = write_temp(buf_cstr(&dir), bytes, len, &tmp, e)) == 0) {
		/* rename is atomic: readers see no file or the whole file. An existing
		 * file of another size was a damaged copy; it is replaced. */
		if (rename(tmp.data, path)) {
			rc = io_fail(e, "move a file to", path);
			unlink(tmp.data);
		} else {
			*created = !exists;
			/* Make the new name durable too; some file systems cannot sync a
			 * folder, and the content is already safe, so a failure is ignored. */
			int dfd = open(buf_cstr(&dir), O_RDONLY | O_DIRECTORY);
			if (dfd >= 0) {
				(void)fsync(dfd);
				close(dfd);
			}
		}
	}
	buf_free(&dir);
	buf_free(&tmp);
	return rc;
}

static int insert_document(Db *db, const Actor *a, const Document *in, size_t len, const char *hex,
        int64_t *id, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO document (project_id, kind, title, file_name, mime_type, size_bytes,"
	        " sha256, uploaded_at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	        &st, e);
	if (rc)
		return rc;
	store_bind_opt(st, 1, in->project_id, -1);
	db_bind_str(st, 2, in->kind);
	db_bind_str(st, 3, in->title);
	db_bind_str(st, 4, in->file_name);
	db_bind_str(st, 5, in->mime_type);
	db_bind_int64(st, 6, (int64_t)len);
	db_bind_str(st, 7, hex);
	db_bind_str(st, 8, now);
	store_bind_opt(st, 9, a ? a->user_id : 0, 0);
	rc = db_run_int64(st, id, e);
	db_done(st);
	return rc;
}

int store_document_add(Db *db, const Actor *a, const DocumentStore *ds, const Document *in,
        const void *bytes, size_t len, int64_t *id, Err *e)
{
	char hex[65];
	bool created = false;
	Buf path;
	buf_init(&path, PATH_MAX_BYTES);
	int rc = check_document(ds, in, len, e);
	if (rc == 0 && (rc = store_sha256_hex(bytes, len, hex, e)) == 0 &&
	        (rc = store_document_path(ds->root, hex, &path, e)) == 0 &&
	        (rc = db_begin(db, e)) == 0) {
		if ((in->project_id < 0 || (rc = check_project(db, in->project_id, e)) == 0) &&
		        (rc = write_content(
		                 ds->root, hex, buf_cstr(&path), bytes, len, &created, e)) == 0 &&
		        (rc = insert_document(db, a, in, len, hex, id, e)) == 0)
			rc = store_audit_change(
			        db, a, "insert", "document", document_select_sql, *id, NULL, e);
		/* Removed while this transaction still holds the write lock (see
		 * write_content); a failed commit removes it just after. */
		if (rc && created) {
			unlink(buf_cstr(&path));
			created = false;
		}
		if ((rc = store_finish(db, rc, e)) && created)
			unlink(buf_cstr(&path));
	}
	buf_free(&path);
	return rc;
}

#define DOCUMENT_COLUMNS                                                                           \
	"id, project_id, kind, title, file_name, mime_type, size_bytes, sha256, uploaded_at, user_id"

static void read_document(Stmt *st, Arena *ar, void *out)
{
	Document *o = out;
	o->id = db_col_int64(st, 0);
	o->project_id = store_col_int(st, 1, -1);
	o->kind = store_col_text(st, 2, ar);
	o->title = store_col_text(st, 3, ar);
	o->file_name = store_col_text(st, 4, ar);
	o->mime_type = store_col_text(st, 5, ar);
	o->size_bytes = db_col_int64(st, 6);
	o->sha256 = store_col_text(st, 7, ar);
	o->uploaded_at = store_col_text(st, 8, ar);
	o->user_id = store_col_int(st, 9, -1);
}

int store_document_get(Db *db, int64_t id, Arena *arena, Document *out, Err *e)
{
	return store_get(db, "SELECT " DOCUMENT_COLUMNS " FROM document WHERE id = ?", id,
	        read_document, arena, out, documents.what, e);
}

int store_document_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return store_delete(db, a, &documents, id, -1, NULL, 0, e);
}

int store_document_list(Db *db, int64_t project_id, Arena *arena, DocumentList *out, Err *e)
{
	*out = (DocumentList){0};
	int64_t n = 0;
	Stmt *st;
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM document WHERE project_id = ?", project_id, &n, e);
	if (rc || (rc = db_prepare(db,
	                   "SELECT " DOCUMENT_COLUMNS " FROM document WHERE project_id = ?"
	                   " ORDER BY uploaded_at, id",
	                   &st, e)))
		return rc;
	db_bind_int64(st, 1, project_id);
	out->v = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *out->v);
	while (out->n < n && (rc = db_step(st, e)) == DB_ROW)
		read_document(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}
