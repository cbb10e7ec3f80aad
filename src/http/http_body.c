/* http_body.c — JSON request bodies: jansson parses, the schema reads. */
#include <jansson.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "core/vntext.h"
#include "http/http_body.h"

/* Checks depth and string lengths of a parsed document against the limits
 * (jansson's own depth limit, 2048, only protects its stack). */
static int check_tree(const json_t *v, size_t depth, const HttpLimits *lim, Err *e)
{
	if (depth > lim->json_depth)
		return err_field(
		        e, "body", KC_EINVAL, "Dữ liệu JSON lồng quá %zu mức", lim->json_depth);
	const char *key;
	const json_t *item;
	size_t i;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		json_object_foreach((json_t *)v, key, item)
		{
			if (strlen(key) > lim->json_strings)
				return err_field(e, "body", KC_EINVAL, "Tên trường JSON quá dài");
			int rc = check_tree(item, depth + 1, lim, e);
			if (rc)
				return rc;
		}
		return 0;
	case JSON_ARRAY:
		json_array_foreach(v, i, item)
		{
			int rc = check_tree(item, depth + 1, lim, e);
			if (rc)
				return rc;
		}
		return 0;
	case JSON_STRING:
		if (json_string_length(v) > lim->json_strings)
			return err_field(e, "body", KC_EINVAL, "Chuỗi JSON dài quá %zu byte",
			        lim->json_strings);
		return 0;
	default: return 0;
	}
}

int http_body_parse(Ctx *c)
{
	const char *type = http_header(c->req, "Content-Type");
	size_t n = strlen("application/json");
	if (!type || strncasecmp(type, "application/json", n) || (type[n] && type[n] != ';'))
		return ctx_fail(c, 415,
		        err_set(&c->err, KC_EINVAL,
		                "Nội dung phải là JSON (Content-Type: application/json)"));
	if (!c->req->body_len)
		return ctx_fail(
		        c, 400, err_field(&c->err, "body", KC_EINVAL, "Thiếu nội dung JSON"));
	json_error_t je;
	json_t *doc = json_loadb(c->req->body, c->req->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return ctx_fail(c, 400,
		        err_field(&c->err, "body", KC_EINVAL,
		                "JSON không hợp lệ ở dòng %d, cột %d: %s", je.line, je.column,
		                je.text));
	c->body = doc;
	int rc = check_tree(doc, 1, &c->app->limits, &c->err);
	if (!rc && !json_is_object(doc) && !json_is_array(doc))
		rc = err_field(&c->err, "body", KC_EINVAL, "Nội dung JSON phải là một đối tượng");
	/* A body of the route's record is checked whole before anything else
	 * (the scope reads its province): unknown fields, wrong types. */
	if (!rc && json_is_object(doc))
		rc = schema_read(c->route->body, doc, NULL, c->arena, &c->err);
	return rc ? ctx_fail(c, 400, rc) : 0;
}

void http_body_free(Ctx *c)
{
	json_decref(c->body);
	c->body = NULL;
}

const char *http_body_text(Ctx *c, const char *key)
{
	json_t *v = json_is_object(c->body) ? json_object_get(c->body, key) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int wrong_type(Err *e, const Field *f, const char *want)
{
	return err_field(e, f->name, KC_EINVAL, "Trường '%s' phải là %s", f->name, want);
}

/* Checks v against f and, when base is not NULL, stores it in the record. */
static int read_field(const Field *f, const json_t *v, char *base, Arena *arena, Err *e)
{
	union {
		const char *s;
		int64_t i64;
		int i;
		bool b;
	} scratch;
	void *p = base ? base + f->off : (void *)&scratch;
	if (json_is_null(v)) {
		switch (f->type) {
		case FIELD_TEXT: *(const char **)p = NULL; return 0;
		case FIELD_I64: *(int64_t *)p = f->unknown; return 0;
		case FIELD_INT: *(int *)p = (int)f->unknown; return 0;
		case FIELD_BOOL: return wrong_type(e, f, "true hoặc false");
		}
	}
	switch (f->type) {
	case FIELD_TEXT:
		if (!json_is_string(v))
			return wrong_type(e, f, "chuỗi");
		if (memchr(json_string_value(v), '\0', json_string_length(v)))
			return err_field(
			        e, f->name, KC_EINVAL, "Trường '%s' chứa ký tự NUL", f->name);
		*(const char **)p =
		        base ? arena_strndup(arena, json_string_value(v), json_string_length(v))
		             : NULL;
		return 0;
	case FIELD_I64:
		if (!json_is_integer(v))
			return wrong_type(e, f, "số nguyên");
		*(int64_t *)p = json_integer_value(v);
		return 0;
	case FIELD_INT: {
		if (!json_is_integer(v))
			return wrong_type(e, f, "số nguyên");
		json_int_t x = json_integer_value(v);
		if (x < INT_MIN || x > INT_MAX || x == f->unknown)
			return err_field(e, f->name, KC_EINVAL, "Trường '%s' ngoài khoảng cho phép",
			        f->name);
		*(int *)p = (int)x;
		return 0;
	}
	case FIELD_BOOL:
		if (!json_is_boolean(v))
			return wrong_type(e, f, "true hoặc false");
		*(bool *)p = json_is_true(v);
		return 0;
	}
	return KC_EINVAL;
}

int schema_read(const Schema *s, const json_t *obj, void *rec, Arena *arena, Err *e)
{
	if (!json_is_object(obj))
		return err_field(e, "body", KC_EINVAL, "Cần một đối tượng JSON ({...})");
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)obj, key, v)
	{
		const Field *f = schema_field(s, key);
		if (!f)
			return err_field(
			        e, key, KC_EINVAL, "Trường '%s' không có trong %s", key, s->name);
		if (f->flags & FIELD_READONLY)
			continue;
		int rc = read_field(f, v, rec, arena, e);
		if (rc)
			return rc;
	}
	return 0;
}

static const json_t *member_of(Ctx *c, const char *member)
{
	return member ? json_object_get(c->body, member) : c->body;
}

int http_body_read(Ctx *c, const Schema *s, const char *member, void *rec)
{
	int rc = schema_read(s, member_of(c, member), rec, c->arena, &c->err);
	return rc ? ctx_fail(c, 400, rc) : 0;
}

int http_body_count(Ctx *c, const char *member)
{
	const json_t *a = member_of(c, member);
	return json_is_array(a) ? (int)json_array_size(a) : -1;
}

int http_body_read_at(Ctx *c, const Schema *s, const char *member, int i, void *rec)
{
	const json_t *a = member_of(c, member);
	int rc = schema_read(s, json_array_get(a, (size_t)i), rec, c->arena, &c->err);
	return rc ? ctx_fail(c, 400, rc) : 0;
}
