/* api_project_extra.c — what a đề án produces and what is kept about it
 * (store_project_extra.h): outputs per indicator under
 * /api/v1/projects/{id}/outputs/{key}, inspections under /api/v1/inspections
 * (a đề án's or a province's programme's) and documents under
 * /api/v1/projects/{id}/documents.
 *
 * A document is uploaded as the request body itself, not as JSON nor as a
 * multipart form: its type is the request's Content-Type, its file name,
 * kind and title are query parameters. The bytes go to the content-addressed
 * folder of the app (HttpApp.documents); a download answers them with the
 * stored type, as an attachment, never to be shown inline. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "core/vntext.h"
#include "store/store_project_extra.h"

/* ---- Outputs ---------------------------------------------------------------------------- */

static const Field output_fields[] = {
        FIELD_I64(ProjectOutput, project_id, -1, FORMAT_PLAIN, FIELD_READONLY, "Đề án (số)"),
        FIELD_TEXT(ProjectOutput, indicator_code, FORMAT_PLAIN, FIELD_READONLY,
                "Chỉ tiêu (mã; trong địa chỉ .../outputs/{key})"),
        FIELD_I64(
                ProjectOutput, planned, -1, FORMAT_PLAIN, 0, "Kế hoạch, theo đơn vị của chỉ tiêu"),
        FIELD_I64(ProjectOutput, actual, -1, FORMAT_PLAIN, 0, "Thực hiện"),
        FIELD_TEXT(ProjectOutput, qualifier, FORMAT_PLAIN, 0,
                "Như ghi trong báo cáo: gần, trên, khoảng, ước"),
        FIELD_TEXT(ProjectOutput, note, FORMAT_PLAIN, 0, "Ghi chú"),
        FIELD_TEXT(ProjectOutput, label_vi, FORMAT_PLAIN, FIELD_READONLY, "Tên chỉ tiêu"),
        FIELD_TEXT(ProjectOutput, unit_vi, FORMAT_PLAIN, FIELD_READONLY, "Đơn vị tính"),
};
const Schema api_output_schema =
        SCHEMA("ProjectOutput", output_fields, "Kết quả của đề án theo một chỉ tiêu");

int api_output_list(Ctx *c)
{
	ProjectOutputList list;
	int rc = store_output_list(c->db, c->id, c->arena, &list, &c->err);
	return rc ? rc : api_all(c, &api_output_schema, list.v, sizeof *list.v, list.n);
}

int api_output_put(Ctx *c)
{
	ProjectOutput in = store_output_blank();
	int rc = http_body_read(c, &api_output_schema, NULL, &in);
	in.project_id = c->id;
	in.indicator_code = c->key;
	if (!rc)
		rc = api_ref_status(c, store_output_upsert(c->db, &c->actor, &in, &c->err));
	ProjectOutputList list;
	if (!rc)
		rc = store_output_list(c->db, c->id, c->arena, &list, &c->err);
	for (int i = 0; !rc && i < list.n; i++)
		if (!strcmp(list.v[i].indicator_code, c->key))
			return api_record(c, 200, &api_output_schema, &list.v[i], 0);
	return rc ? rc : err_set(&c->err, KC_EIO, "output '%s' not listed after writing", c->key);
}

int api_output_delete(Ctx *c)
{
	int rc = store_output_delete(c->db, &c->actor, c->id, c->key, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Inspections ------------------------------------------------------------------------ */

static const Field inspection_fields[] = {
        FIELD_I64(Inspection, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(Inspection, project_id, -1, FORMAT_PLAIN, 0,
                "Đề án được kiểm tra (số); null: kiểm tra công tác khuyến công của tỉnh"),
        FIELD_TEXT(Inspection, province_list, FORMAT_PLAIN, 0,
                "Danh mục của tỉnh: current hoặc legacy; với đề án: của đề án"),
        FIELD_TEXT(Inspection, province_code, FORMAT_PLAIN, 0,
                "Mã tỉnh; bắt buộc khi không gắn với đề án"),
        FIELD_TEXT(Inspection, inspected_on, FORMAT_DATE, FIELD_REQUIRED, "Ngày kiểm tra"),
        FIELD_TEXT(Inspection, inspector, FORMAT_PLAIN, 0, "Người kiểm tra"),
        FIELD_I64(Inspection, org_id, -1, FORMAT_PLAIN, 0, "Cơ quan kiểm tra (số tổ chức)"),
        FIELD_TEXT(Inspection, result, FORMAT_PLAIN, 0, "Kết quả"),
        FIELD_TEXT(Inspection, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_inspection_schema =
        SCHEMA("Inspection", inspection_fields, "Một đợt kiểm tra, giám sát");

const Param api_inspection_list_params[] = {
        API_PROVINCE_PARAM,
        {"project", PARAM_INT, 1, INT64_MAX, NULL, "Chỉ các đợt kiểm tra đề án này (số)", false},
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm kiểm tra", false},
        API_PAGE_PARAMS,
        {NULL},
};

const Param api_project_inspection_params[] = {
        {"year", PARAM_INT, 1990, 2100, NULL, "Năm kiểm tra", false},
        API_PAGE_PARAMS,
        {NULL},
};

int api_inspection_load(Ctx *c, char province[3])
{
	Inspection *x = arena_alloc(c->arena, sizeof *x);
	int rc = store_inspection_get(c->db, c->id, c->arena, x, &c->err);
	if (rc)
		return rc;
	c->rec = x;
	return api_current_province(c, x->province_list, x->province_code, province);
}

/* The list of inspections under filter f, a page at a time. */
static int answer_inspections(Ctx *c, InspectionFilter *f)
{
	f->year = (int)api_int(c, "year", 0);
	f->limit = api_limit(c);
	f->offset = api_offset(c);
	InspectionList list;
	int rc = store_inspection_list(c->db, f, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++)
		schema_write(&w, &api_inspection_schema, &list.v[i]);
	api_list_end(c, &w, list.total);
	return 0;
}

int api_inspection_list(Ctx *c)
{
	InspectionFilter f = store_inspection_filter();
	f.current_province = *c->province ? c->province : NULL;
	f.project_id = api_int(c, "project", -1);
	return answer_inspections(c, &f);
}

int api_project_inspection_list(Ctx *c)
{
	InspectionFilter f = store_inspection_filter();
	f.project_id = c->id;
	return answer_inspections(c, &f);
}

/* An inspection takes the province of its đề án, which the body may name
 * without naming a province: the caller needs rights on that province
 * too, or they could file (or move) an inspection into another province. */
int api_inspection_project_rights(Ctx *c, int64_t project_id)
{
	char province[3];
	int rc = project_id < 0 ? 0 : api_project_scope(c, project_id, province);
	if (rc == KC_ENOTFOUND)
		return ctx_fail(c, 422,
		        err_field(&c->err, "project_id", KC_EINVAL, "Không có đề án số %lld",
		                (long long)project_id));
	if (rc || project_id < 0 || !*province || principal_has_province(&c->who, province))
		return rc;
	return ctx_fail(c, 403,
	        err_field(&c->err, "project_id", KC_EDENIED,
	                "Bạn không có quyền với dữ liệu của tỉnh có đề án số %lld",
	                (long long)project_id));
}

/* Adds in and answers it: 201 at /api/v1/inspections/<id>. */
static int add_inspection(Ctx *c, Inspection *in)
{
	int64_t id;
	int rc = api_inspection_project_rights(c, in->project_id);
	if (!rc)
		rc = api_ref_status(c, store_inspection_add(c->db, &c->actor, in, &id, &c->err));
	if (!rc)
		rc = store_inspection_get(c->db, id, c->arena, in, &c->err);
	return rc ? rc : api_created(c, "/api/v1/inspections", id, &api_inspection_schema, in, 0);
}

int api_inspection_create(Ctx *c)
{
	Inspection in = store_inspection_blank();
	int rc = http_body_read(c, &api_inspection_schema, NULL, &in);
	return rc ? rc : add_inspection(c, &in);
}

int api_project_inspection_create(Ctx *c)
{
	Inspection in = store_inspection_blank();
	int rc = http_body_read(c, &api_inspection_schema, NULL, &in);
	in.project_id = c->id;
	return rc ? rc : add_inspection(c, &in);
}

int api_inspection_get(Ctx *c)
{
	return api_record(c, 200, &api_inspection_schema, c->rec, 0);
}

int api_inspection_update(Ctx *c)
{
	Inspection in = *(const Inspection *)c->rec;
	int rc = http_body_read(c, &api_inspection_schema, NULL, &in);
	if (!rc)
		rc = api_inspection_project_rights(c, in.project_id);
	if (!rc)
		rc = api_ref_status(c, store_inspection_update(c->db, &c->actor, &in, &c->err));
	if (!rc)
		rc = store_inspection_get(c->db, c->id, c->arena, &in, &c->err);
	return rc ? rc : api_record(c, 200, &api_inspection_schema, &in, 0);
}

int api_inspection_delete(Ctx *c)
{
	int rc = store_inspection_delete(c->db, &c->actor, c->id, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Documents -------------------------------------------------------------------------- */

static const Field document_fields[] = {
        FIELD_I64(Document, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(Document, project_id, -1, FORMAT_PLAIN, FIELD_READONLY, "Đề án (số)"),
        FIELD_TEXT(Document, kind, FORMAT_PLAIN, FIELD_READONLY,
                "decision, contract, minutes, invoice, photo, other"),
        FIELD_TEXT(Document, title, FORMAT_PLAIN, FIELD_READONLY, "Tên tài liệu"),
        FIELD_TEXT(Document, file_name, FORMAT_PLAIN, FIELD_READONLY, "Tên tệp khi tải lên"),
        FIELD_TEXT(Document, mime_type, FORMAT_PLAIN, FIELD_READONLY,
                "Kiểu tệp (Content-Type khi tải lên)"),
        FIELD_I64(Document, size_bytes, -1, FORMAT_PLAIN, FIELD_READONLY, "Cỡ tệp (byte)"),
        FIELD_TEXT(Document, sha256, FORMAT_PLAIN, FIELD_READONLY, "SHA-256 của nội dung"),
        FIELD_TEXT(Document, uploaded_at, FORMAT_TIME, FIELD_READONLY, "Thời điểm tải lên"),
        FIELD_I64(Document, user_id, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Người tải lên (số tài khoản)"),
};
const Schema api_document_schema = SCHEMA("Document", document_fields, "Tài liệu của đề án");

static const char *const doc_kinds[] = {
        "decision", "contract", "minutes", "invoice", "photo", "other", NULL};

const Param api_document_upload_params[] = {
        {"file_name", PARAM_TEXT, 0, 255, NULL,
                "Tên tệp (không thư mục); nội dung tệp là toàn bộ thân yêu cầu, kiểu tệp là "
                "Content-Type",
                true},
        {"kind", PARAM_ENUM, 0, 0, doc_kinds,
                "Loại: quyết định, hợp đồng, biên bản, hóa đơn, ảnh, khác", true},
        {"title", PARAM_TEXT, 0, 300, NULL, "Tên tài liệu; mặc định tên tệp", false},
        {NULL},
};

/* The document folder of the app; KC_EIO (a 500, logged) when the server
 * was started without one. */
static int document_store(Ctx *c, DocumentStore *ds)
{
	if (!c->app->documents)
		return err_set(&c->err, KC_EIO, "no documents folder configured");
	*ds = (DocumentStore){.root = c->app->documents, .max_bytes = c->app->limits.upload_bytes};
	return 0;
}

/* The request's Content-Type without parameters ("text/plain; charset=..."),
 * or application/octet-stream when it sends none. */
static const char *upload_type(Ctx *c)
{
	const char *t = http_header(c->req, "Content-Type");
	if (!t || !*t)
		return "application/octet-stream";
	size_t n = strcspn(t, ";");
	while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t'))
		n--;
	return arena_strndup(c->arena, t, n);
}

int api_document_upload(Ctx *c)
{
	DocumentStore ds;
	int rc = document_store(c, &ds);
	if (rc)
		return rc;
	Document in = store_document_blank();
	in.project_id = c->id;
	in.kind = api_text(c, "kind");
	in.file_name = api_text(c, "file_name");
	in.title = api_text(c, "title") ? api_text(c, "title") : in.file_name;
	in.mime_type = upload_type(c);
	int64_t id;
	rc = store_document_add(
	        c->db, &c->actor, &ds, &in, c->req->body, c->req->body_len, &id, &c->err);
	if (!rc)
		rc = store_document_get(c->db, id, c->arena, &in, &c->err);
	return rc ? rc : api_project_created(c, "documents", id, &api_document_schema, &in);
}

int api_document_load(Ctx *c, char province[3])
{
	Document *d = arena_alloc(c->arena, sizeof *d);
	int rc = store_document_get(c->db, c->sub, c->arena, d, &c->err);
	if (rc)
		return rc;
	c->rec = d;
	return api_project_child(c, d->project_id, "tài liệu", province);
}

int api_document_list(Ctx *c)
{
	DocumentList list;
	int rc = store_document_list(c->db, c->id, c->arena, &list, &c->err);
	return rc ? rc : api_all(c, &api_document_schema, list.v, sizeof *list.v, list.n);
}

/* Content-Disposition for a download of a file named name (RFC 6266): an
 * ASCII fallback without diacritics, quotes, backslashes, percent signs
 * (which some browsers would decode) or controls, and
 * the exact name percent-encoded as UTF-8 (RFC 8187). The name was checked
 * on upload (one path component, no control characters) and both forms are
 * encoded again here, so no stored text can break the header. */
static const char *disposition(Ctx *c, const char *name)
{
	static const char attr[] = "!#$&+-.^_`|~";
	Buf plain, b;
	buf_init(&plain, 1024);
	buf_init(&b, 4096);
	if (vn_fold(&plain, name, strlen(name), NULL))
		buf_reset(&plain);
	buf_puts(&b, "attachment; filename=\"");
	for (const unsigned char *p = (const unsigned char *)buf_cstr(&plain); *p; p++)
		buf_putc(&b, *p >= 0x20 && *p < 0x7f && !strchr("\"\\%", *p) ? (char)*p : '_');
	buf_puts(&b, plain.len ? "\"" : "tai-lieu\"");
	buf_puts(&b, "; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		            (*p >= '0' && *p <= '9') || strchr(attr, *p);
		if (keep)
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *s = buf_err(&b) ? "attachment" : arena_strdup(c->arena, buf_cstr(&b));
	buf_free(&plain);
	buf_free(&b);
	return s;
}

/* Appends the file at path to out; KC_EIO naming it when it cannot be read
 * whole (a stored document whose file is gone is the operator's problem). */
static int read_file(const char *path, Buf *out, Err *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return err_set(e, KC_EIO, "cannot open '%s': %s", path, strerror(errno));
	char chunk[65536];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		buf_append(out, chunk, (size_t)n);
	}
	int rc = n < 0          ? err_set(e, KC_EIO, "cannot read '%s': %s", path, strerror(errno))
	         : buf_err(out) ? err_set(e, KC_ETOOBIG, "'%s' does not fit the response", path)
	                        : 0;
	close(fd);
	return rc;
}

int api_document_download(Ctx *c)
{
	const Document *d = c->rec;
	DocumentStore ds = {0};
	Buf path;
	buf_init(&path, 4096);
	int rc = document_store(c, &ds);
	if (!rc)
		rc = store_document_path(ds.root, d->sha256, &path, &c->err);
	if (!rc)
		rc = read_file(buf_cstr(&path), &c->res->body, &c->err);
	buf_free(&path);
	if (rc)
		return ctx_fail(c, 500, rc);
	c->res->status = 200;
	c->res->content_type = d->mime_type;
	http_res_header(c->res, "Content-Disposition", disposition(c, d->file_name));
	/* Never run as a page of this origin, whatever the stored type says. */
	http_res_header(c->res, "Content-Security-Policy", "sandbox");
	return 0;
}

int api_document_delete(Ctx *c)
{
	int rc = store_document_delete(c->db, &c->actor, c->sub, &c->err);
	return rc ? rc : api_no_content(c);
}
