/* api_meta.c — what describes the server: /healthz and the OpenAPI 3
 * document, generated from the route table and the record schemas so that
 * it cannot drift from what the server does. */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "api/api_routes.h"

int api_healthz(Ctx *c)
{
	JsonW w;
	api_begin(c, 200, &w);
	json_obj(&w);
	json_key(&w, "status");
	json_cstr(&w, "ok");
	json_key(&w, "database");
	json_cstr(&w, db_engine(c->db));
	json_key(&w, "version");
	json_cstr(&w, c->app->version);
	json_obj_end(&w);
	return 0;
}

static void field_schema(JsonW *w, const Field *f)
{
	static const char *const types[] = {"string", "integer", "integer", "boolean"};
	static const char *const formats[] = {NULL, "date", "date-time", "int64", NULL};
	json_obj(w);
	json_key(w, "type");
	json_cstr(w, types[f->type]);
	if (formats[f->format]) {
		json_key(w, "format");
		json_cstr(w, formats[f->format]);
	}
	if (f->type != FIELD_BOOL) {
		json_key(w, "nullable");
		json_bool(w, true);
	}
	if (f->flags & FIELD_READONLY) {
		json_key(w, "readOnly");
		json_bool(w, true);
	}
	if (f->flags & FIELD_WRITEONLY) {
		json_key(w, "writeOnly");
		json_bool(w, true);
	}
	json_key(w, "description");
	json_cstr(w, f->doc);
	json_obj_end(w);
}

static void component(JsonW *w, const Schema *s)
{
	json_key(w, s->name);
	json_obj(w);
	json_key(w, "type");
	json_cstr(w, "object");
	json_key(w, "description");
	json_cstr(w, s->doc);
	json_key(w, "additionalProperties");
	json_bool(w, false);
	json_key(w, "properties");
	json_obj(w);
	for (int i = 0; i < s->n; i++) {
		json_key(w, s->fields[i].name);
		field_schema(w, &s->fields[i]);
	}
	json_obj_end(w);
	json_obj_end(w);
}

static void ref(JsonW *w, const Schema *s)
{
	char path[128];
	snprintf(path, sizeof path, "#/components/schemas/%s", s->name);
	json_obj(w);
	json_key(w, "$ref");
	json_cstr(w, path);
	json_obj_end(w);
}

static void param(JsonW *w, const char *in, const char *name, const Param *p)
{
	static const char *const types[] = {"integer", "string", "boolean", "string", "string"};
	json_obj(w);
	json_key(w, "name");
	json_cstr(w, name);
	json_key(w, "in");
	json_cstr(w, in);
	json_key(w, "required");
	json_bool(w, !p || p->required);
	json_key(w, "schema");
	json_obj(w);
	json_key(w, "type");
	json_cstr(w, p ? types[p->type] : strcmp(name, "key") ? "integer" : "string");
	if (p && p->type == PARAM_INT) {
		json_key(w, "minimum");
		json_int(w, p->min);
		json_key(w, "maximum");
		json_int(w, p->max);
	}
	if (p && p->type == PARAM_DATE) {
		json_key(w, "format");
		json_cstr(w, "date");
	}
	if (p && p->type == PARAM_ENUM) {
		json_key(w, "enum");
		json_arr(w);
		for (const char *const *ch = p->choices; *ch; ch++)
			json_cstr(w, *ch);
		json_arr_end(w);
	}
	json_obj_end(w);
	if (p && p->doc) {
		json_key(w, "description");
		json_cstr(w, p->doc);
	}
	json_obj_end(w);
}

static void response(JsonW *w, const char *status, const char *what, const Schema *s)
{
	json_key(w, status);
	json_obj(w);
	json_key(w, "description");
	json_cstr(w, what);
	if (s) {
		json_key(w, "content");
		json_obj(w);
		json_key(w, "application/json");
		json_obj(w);
		json_key(w, "schema");
		ref(w, s);
		json_obj_end(w);
		json_obj_end(w);
	}
	json_obj_end(w);
}

static void operation(JsonW *w, const Route *r)
{
	char method[8];
	size_t i = 0;
	for (; r->method[i] && i < sizeof method - 1; i++)
		method[i] = (char)(r->method[i] | 0x20);
	method[i] = '\0';
	json_key(w, method);
	json_obj(w);
	json_key(w, "summary");
	json_cstr(w, r->summary);
	json_key(w, "tags");
	json_arr(w);
	json_cstr(w, r->tag);
	json_arr_end(w);
	if (r->flags & ROUTE_PUBLIC) {
		json_key(w, "security");
		json_arr(w);
		json_arr_end(w);
	}
	json_key(w, "x-khuyencong-role");
	json_cstr(w, role_name(r->role));
	json_key(w, "parameters");
	json_arr(w);
	static const char *const path_params[] = {"{id}", "{sub}", "{key}"};
	for (size_t k = 0; k < sizeof path_params / sizeof path_params[0]; k++)
		if (strstr(r->pattern, path_params[k])) {
			char name[8];
			snprintf(name, sizeof name, "%.*s", (int)strlen(path_params[k]) - 2,
			        path_params[k] + 1);
			param(w, "path", name, NULL);
		}
	for (const Param *p = r->params; p && p->name; p++)
		param(w, "query", p->name, p);
	json_arr_end(w);
	if (r->body) {
		json_key(w, "requestBody");
		json_obj(w);
		json_key(w, "required");
		json_bool(w, true);
		json_key(w, "content");
		json_obj(w);
		json_key(w, "application/json");
		json_obj(w);
		json_key(w, "schema");
		ref(w, r->body);
		json_obj_end(w);
		json_obj_end(w);
		json_obj_end(w);
	}
	json_key(w, "responses");
	json_obj(w);
	if (!strcmp(r->method, "DELETE"))
		response(w, "204", "Đã xóa", NULL);
	else
		response(w, !strcmp(r->method, "POST") && r->result ? "201" : "200", "Thành công",
		        r->result);
	json_key(w, "default");
	json_obj(w);
	json_key(w, "description");
	json_cstr(w, "Lỗi: {\"error\": {\"code\", \"message\", \"field\"}}");
	json_obj_end(w);
	json_obj_end(w);
	json_obj_end(w);
}

/* Writes each schema the routes name once. */
static void components(JsonW *w)
{
	const Schema *seen[256];
	int n = 0;
	for (int i = 0; i < http_n_routes; i++) {
		const Schema *two[] = {http_routes[i].body, http_routes[i].result};
		for (int k = 0; k < 2; k++) {
			const Schema *s = two[k];
			bool dup = !s;
			for (int j = 0; j < n && !dup; j++)
				dup = seen[j] == s;
			if (dup || n == (int)(sizeof seen / sizeof seen[0]))
				continue;
			seen[n++] = s;
			component(w, s);
		}
	}
}

int api_openapi(Ctx *c)
{
	JsonW w;
	api_begin(c, 200, &w);
	json_obj(&w);
	json_key(&w, "openapi");
	json_cstr(&w, "3.0.3");
	json_key(&w, "info");
	json_obj(&w);
	json_key(&w, "title");
	json_cstr(&w, "khuyencong API");
	json_key(&w, "description");
	json_cstr(&w, "Hệ thống thông tin khuyến công: giao diện lập trình JSON");
	json_key(&w, "version");
	json_cstr(&w, c->app->version);
	json_obj_end(&w);
	json_key(&w, "paths");
	json_obj(&w);
	for (int i = 0; i < http_n_routes; i++) {
		const Route *r = &http_routes[i];
		bool first = true;
		for (int j = 0; j < i && first; j++)
			first = strcmp(http_routes[j].pattern, r->pattern);
		if (!first || strncmp(r->pattern, "/api/", 5))
			continue;
		json_key(&w, r->pattern);
		json_obj(&w);
		for (int j = i; j < http_n_routes; j++)
			if (!strcmp(http_routes[j].pattern, r->pattern))
				operation(&w, &http_routes[j]);
		json_obj_end(&w);
	}
	json_obj_end(&w);
	json_key(&w, "components");
	json_obj(&w);
	json_key(&w, "schemas");
	json_obj(&w);
	components(&w);
	json_obj_end(&w);
	json_key(&w, "securitySchemes");
	json_obj(&w);
	json_key(&w, "session");
	json_obj(&w);
	json_key(&w, "type");
	json_cstr(&w, "apiKey");
	json_key(&w, "in");
	json_cstr(&w, "cookie");
	json_key(&w, "name");
	json_cstr(&w, HTTP_SESSION_COOKIE);
	json_obj_end(&w);
	json_key(&w, "token");
	json_obj(&w);
	json_key(&w, "type");
	json_cstr(&w, "http");
	json_key(&w, "scheme");
	json_cstr(&w, "bearer");
	json_obj_end(&w);
	json_obj_end(&w);
	json_obj_end(&w);
	json_key(&w, "security");
	json_arr(&w);
	json_obj(&w);
	json_key(&w, "session");
	json_arr(&w);
	json_arr_end(&w);
	json_obj_end(&w);
	json_obj(&w);
	json_key(&w, "token");
	json_arr(&w);
	json_arr_end(&w);
	json_obj_end(&w);
	json_arr_end(&w);
	json_obj_end(&w);
	return 0;
}
