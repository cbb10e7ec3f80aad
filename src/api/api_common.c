/* api_common.c — what every JSON handler shares: answers, pages, versions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "store/store_admin.h"

void api_begin(Ctx *c, int status, JsonW *w)
{
	c->res->status = status;
	c->res->content_type = "application/json; charset=utf-8";
	json_init(w, &c->res->body);
}

static void set_etag(Ctx *c, int version)
{
	char *etag = arena_alloc(c->arena, 16);
	snprintf(etag, 16, "\"%d\"", version);
	http_res_header(c->res, "ETag", etag);
}

int api_record(Ctx *c, int status, const Schema *s, const void *rec, int version)
{
	JsonW w;
	api_begin(c, status, &w);
	schema_write(&w, s, rec);
	if (version > 0)
		set_etag(c, version);
	return buf_err(&c->res->body) ? err_set(&c->err, KC_ETOOBIG, "answer too large") : 0;
}

int api_created(
        Ctx *c, const char *collection, int64_t id, const Schema *s, const void *rec, int version)
{
	size_t n = strlen(collection) + 24;
	char *loc = arena_alloc(c->arena, n);
	snprintf(loc, n, "%s/%lld", collection, (long long)id);
	http_res_header(c->res, "Location", loc);
	return api_record(c, 201, s, rec, version);
}

int api_no_content(Ctx *c)
{
	c->res->status = 204;
	c->res->content_type = NULL;
	return 0;
}

void api_list_begin(Ctx *c, JsonW *w)
{
	api_begin(c, 200, w);
	json_obj(w);
	json_key(w, "items");
	json_arr(w);
}

void api_list_end(Ctx *c, JsonW *w, int64_t total)
{
	json_arr_end(w);
	json_key(w, "total");
	json_int(w, total);
	json_key(w, "limit");
	json_int(w, api_limit(c) ? api_limit(c) : 50);
	json_key(w, "offset");
	json_int(w, api_offset(c));
	json_obj_end(w);
}

int api_limit(const Ctx *c)
{
	return (int)api_int(c, "limit", 0);
}

int api_offset(const Ctx *c)
{
	return (int)api_int(c, "offset", 0);
}

const char *api_text(const Ctx *c, const char *name)
{
	const ParamValue *v = ctx_param(c, name);
	return v->set ? v->s : NULL;
}

int64_t api_int(const Ctx *c, const char *name, int64_t dflt)
{
	const ParamValue *v = ctx_param(c, name);
	return v->set ? v->i : dflt;
}

int api_version(Ctx *c, int body_version, int *out)
{
	const char *m = http_header(c->req, "If-Match");
	if (m) {
		if (!strncmp(m, "W/", 2))
			m += 2;
		char *end;
		long v = strtol(*m == '"' ? m + 1 : m, &end, 10);
		if (v <= 0 || v > 1000000000 || (*m == '"' && *end != '"') || (*m != '"' && *end))
			return ctx_fail(c, 400,
			        err_field(&c->err, "If-Match", KC_EINVAL,
			                "If-Match phải là phiên bản đã đọc, ví dụ \"3\""));
		*out = (int)v;
		return 0;
	}
	if (body_version > 0) {
		*out = body_version;
		return 0;
	}
	return ctx_fail(c, 400,
	        err_field(&c->err, "version", KC_EINVAL,
	                "Cần phiên bản đã đọc (If-Match hoặc trường version) để "
	                "tránh ghi đè thay đổi của người khác"));
}

int api_current_province(Ctx *c, const char *list, const char *code, char out[3])
{
	return store_admin_province_of(c->db, list, code, out, &c->err);
}

bool api_may_read_place(Ctx *c, const char *list, const char *code)
{
	if (c->who.all_provinces)
		return true;
	Err kept = c->err;
	char current[3];
	bool ok = !api_current_province(c, list, code, current) &&
	          (!*current || principal_has_province(&c->who, current));
	c->err = kept;
	return ok;
}

/* ---- Added for the đề án resources (api_project*.c, api_finance.c) ---- */

void api_all_end(Ctx *c, JsonW *w, int64_t total)
{
	(void)c;
	json_arr_end(w);
	json_key(w, "total");
	json_int(w, total);
	json_obj_end(w);
}

int api_all(Ctx *c, const Schema *s, const void *items, size_t size, int n)
{
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < n; i++)
		schema_write(&w, s, (const char *)items + (size_t)i * size);
	api_all_end(c, &w, n);
	return 0;
}

int api_ref_status(Ctx *c, int rc)
{
	return rc == KC_ENOTFOUND ? ctx_fail(c, 422, rc) : rc;
}

/* ---- Added for the catalog resources ---- */

int api_national_write(Ctx *c, bool national)
{
	if (!national || c->who.all_provinces)
		return 0;
	return ctx_fail(c, 403,
	        err_set(&c->err, KC_EDENIED, "Chỉ Bộ Công Thương được sửa dữ liệu cấp quốc gia"));
}
