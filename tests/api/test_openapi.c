/* test_openapi.c — the OpenAPI document served at /api/v1/openapi.json
 * against the route table: every API route is in it with its parameters
 * and schemas, nothing is in it that the table does not have, and every
 * $ref resolves. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

static ApiTest t;
static ApiRes doc;

static int setup(void **state)
{
	(void)state;
	if (apitest_open(&t))
		return -1;
	apitest_call(&t, NULL, "GET", "/api/v1/openapi.json", NULL, NULL, &doc);
	return doc.status == 200 && doc.json ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	apires_free(&doc);
	apitest_close(&t);
	return 0;
}

static void lower(const char *in, char *out, size_t n)
{
	size_t i = 0;
	for (; in[i] && i + 1 < n; i++)
		out[i] = (char)(in[i] | 0x20);
	out[i] = '\0';
}

static void every_route_is_documented(void **state)
{
	(void)state;
	const json_t *paths = json_object_get(doc.json, "paths");
	assert_non_null(paths);
	int missing = 0;
	for (int i = 0; i < http_n_routes; i++) {
		const Route *r = &http_routes[i];
		if (strncmp(r->pattern, "/api/", 5))
			continue; /* /healthz and the web pages are not the API */
		char method[8];
		lower(r->method, method, sizeof method);
		const json_t *op = json_object_get(json_object_get(paths, r->pattern), method);
		if (!op) {
			fprintf(stderr, "not documented: %s %s\n", r->method, r->pattern);
			missing++;
			continue;
		}
		/* Each declared parameter is there, with its name and place. */
		for (const Param *p = r->params; p && p->name; p++) {
			bool found = false;
			size_t k;
			const json_t *v;
			json_array_foreach(json_object_get(op, "parameters"), k, v) found |=
			        !strcmp(json_string_value(json_object_get(v, "name")), p->name) &&
			        !strcmp(json_string_value(json_object_get(v, "in")), "query");
			if (!found) {
				fprintf(stderr, "%s %s: parameter '%s' not documented\n", r->method,
				        r->pattern, p->name);
				missing++;
			}
		}
		if (r->body && !json_object_get(op, "requestBody")) {
			fprintf(stderr, "%s %s: body not documented\n", r->method, r->pattern);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

static void nothing_is_documented_that_is_not_routed(void **state)
{
	(void)state;
	const char *path;
	const json_t *item;
	int extra = 0;
	json_object_foreach(json_object_get(doc.json, "paths"), path, item)
	{
		const char *method;
		const json_t *op;
		json_object_foreach((json_t *)item, method, op)
		{
			bool found = false;
			for (int i = 0; i < http_n_routes && !found; i++) {
				char m[8];
				lower(http_routes[i].method, m, sizeof m);
				found = !strcmp(http_routes[i].pattern, path) && !strcmp(m, method);
			}
			if (!found) {
				fprintf(stderr, "documented but not routed: %s %s\n", method, path);
				extra++;
			}
		}
	}
	assert_int_equal(extra, 0);
}

/* Counts the $ref values under v that do not name a component. */
static int dangling(const json_t *v, const json_t *schemas)
{
	int n = 0;
	const char *key;
	const json_t *item;
	size_t i;
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, item)
		{
			if (!strcmp(key, "$ref")) {
				const char *ref = json_string_value(item);
				const char *prefix = "#/components/schemas/";
				if (!ref || strncmp(ref, prefix, strlen(prefix)) ||
				        !json_object_get(schemas, ref + strlen(prefix))) {
					fprintf(stderr, "dangling $ref %s\n",
					        ref ? ref : "(not a string)");
					n++;
				}
			} else {
				n += dangling(item, schemas);
			}
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, item) n += dangling(item, schemas);
	}
	return n;
}

static void references_resolve(void **state)
{
	(void)state;
	const json_t *schemas = json_object_get(json_object_get(doc.json, "components"), "schemas");
	assert_non_null(schemas);
	assert_true(json_object_size(schemas) > 0);
	assert_int_equal(dangling(doc.json, schemas), 0);
	assert_string_equal(apires_str(&doc, "openapi"), "3.0.3");
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, every_route_is_documented);
	TL_ADD(&tl, nothing_is_documented_that_is_not_routed);
	TL_ADD(&tl, references_resolve);
	return tl_run_setup(&tl, "api/openapi", setup, teardown);
}
