/* apitest.c — see apitest.h. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "apitest.h"
#include "io/io_demo.h"
#include "store/store_session_cache.h"
#include "store/store_user.h"

const char *const apitest_users[APITEST_USERS] = {
        "admin", "ministry", "manager", "staff", "viewer", "other"};

static int user_index(const char *name)
{
	for (int i = 0; i < APITEST_USERS; i++)
		if (!strcmp(apitest_users[i], name))
			return i;
	fail_msg("apitest: no user '%s'", name);
	return -1;
}

static int add_user(ApiTest *t, int i, Role role, const char *province)
{
	Actor a = {.name = "test", .via = "cli", .now = t->app.now};
	User u = {.username = apitest_users[i],
	        .full_name = apitest_users[i],
	        .role = role,
	        .national = !province,
	        .active = true};
	if (province) {
		u.n_provinces = 1;
		u.provinces[0] = province;
	}
	Err e = {0};
	int64_t id;
	if (store_user_create(t->db.db, &a, &u, APITEST_PASSWORD, &id, &e)) {
		fprintf(stderr, "apitest: cannot create '%s': %s\n", apitest_users[i], e.msg);
		return -1;
	}
	char token[TOKEN_TEXT_LEN];
	int retry;
	Arena arena = {0};
	Principal p;
	int rc = store_session_login(t->db.db, &t->app.sessions, apitest_users[i], APITEST_PASSWORD,
	        "127.0.0.1", t->app.now, token, &retry, &arena, &p, &e);
	if (!rc) {
		snprintf(t->cookie[i], sizeof t->cookie[i], HTTP_SESSION_COOKIE "=%s", token);
		snprintf(t->csrf[i], sizeof t->csrf[i], "%s", p.csrf_token);
	} else {
		fprintf(stderr, "apitest: cannot sign '%s' in: %s\n", apitest_users[i], e.msg);
	}
	arena_free(&arena);
	return rc ? -1 : 0;
}

/* The database with the users signed in, made once per test process (six
 * argon2id hashes and sign-ins take a while) and copied for each test; the
 * sessions are rows of the file, so the copies' cookies stay valid. */
static ApiTest template_api;

static void remove_template(void)
{
	tmpdb_close(&template_api.db);
}

static int make_template(void)
{
	if (template_api.db.dir[0])
		return 0;
	ApiTest *t = &template_api;
	t->app = (HttpApp){
	        .limits = http_limits(),
	        .sessions = store_session_policy(),
	        .now = "2026-11-22T08:00:00Z",
	        .version = "test",
	};
	if (tmpdb_open(&t->db, TMPDB_LOADED))
		return -1;
	static const struct {
		Role role;
		const char *province;
	} who[APITEST_USERS] = {
	        {ROLE_ADMIN, NULL},
	        {ROLE_MINISTRY, NULL},
	        {ROLE_MANAGER, "current:92"},
	        {ROLE_STAFF, "current:92"},
	        {ROLE_VIEWER, "current:92"},
	        {ROLE_STAFF, "current:01"},
	};
	for (int i = 0; i < APITEST_USERS; i++)
		if (add_user(t, i, who[i].role, who[i].province))
			return -1;
	db_close(t->db.db);
	t->db.db = NULL;
	atexit(remove_template);
	return 0;
}

/* Makes t a copy of from, whose database is closed. */
static int copy_of(const ApiTest *from, ApiTest *t)
{
	*t = *from;
	if (tmpdb_copy(&from->db, &t->db)) {
		fprintf(stderr, "apitest: cannot copy the database\n");
		return -1;
	}
	snprintf(t->documents, sizeof t->documents, "%s/documents", t->db.dir);
	t->app.documents = t->documents;
	/* As the server runs: every API suite then checks that no answer
	 * depends on a session remembered past a change. */
	t->app.session_cache = store_session_cache_new(5);
	t->app.database = t->db.path; /* a background import opens its own connection */
	return 0;
}

int apitest_open(ApiTest *t)
{
	return make_template() ? -1 : copy_of(&template_api, t);
}

int apitest_fork(ApiTest *t, ApiTest *copy)
{
	Err e = {0};
	db_close(t->db.db);
	t->db.db = NULL;
	int rc = copy_of(t, copy);
	if (db_open(&t->db.db, t->db.path, &e))
		rc = -1;
	/* Document files are named by their content and never rewritten, so a
	 * copy reads (and adds to) its original's folder. */
	snprintf(copy->documents, sizeof copy->documents, "%s", t->documents);
	return rc;
}

void apitest_close(ApiTest *t)
{
	tmpdb_close(&t->db);
	store_session_cache_free(t->app.session_cache);
	t->app.session_cache = NULL;
}

/* One request: body[0..len) of content_type (NULL: no header). */
static void call(ApiTest *t, const char *user, const char *method, const char *path,
        const char *content_type, const char *body, size_t len, const char *const *headers,
        ApiRes *out)
{
	Arena arena = {0};
	HttpReq q = {.method = method, .remote = "127.0.0.1"};
	const char *qmark = strchr(path, '?');
	q.path = arena_strndup(&arena, path, qmark ? (size_t)(qmark - path) : strlen(path));
	Err e = {0};
	if (qmark && http_parse_query(&q, qmark + 1, strlen(qmark + 1), &arena, &e))
		fail_msg("apitest: bad query in '%s': %s", path, e.msg);
	q.headers[q.n_headers++] = (HttpPair){"Host", "localhost"};
	if (user) {
		int i = user_index(user);
		q.headers[q.n_headers++] = (HttpPair){"Cookie", t->cookie[i]};
		q.headers[q.n_headers++] = (HttpPair){"X-CSRF-Token", t->csrf[i]};
	}
	bool origin = false;
	for (const char *const *h = headers; h && *h; h++)
		origin |= !strncasecmp(*h, "Origin:", 7);
	if (strcmp(method, "GET") && !origin)
		q.headers[q.n_headers++] = (HttpPair){"Origin", "http://localhost"};
	if (content_type)
		q.headers[q.n_headers++] = (HttpPair){"Content-Type", content_type};
	if (body) {
		q.body = body;
		q.body_len = len;
	}
	for (const char *const *h = headers; h && *h; h++) {
		const char *colon = strchr(*h, ':');
		q.headers[q.n_headers++] =
		        (HttpPair){arena_strndup(&arena, *h, (size_t)(colon - *h)),
		                colon + 1 + (colon[1] == ' ')};
	}
	HttpRes res;
	http_res_init(&res, 64 * 1024 * 1024);
	http_handle(&t->app, t->db.db, &q, &res, &arena);
	memset(out, 0, sizeof *out);
	out->status = res.status;
	out->body_len = res.body.len;
	out->body = malloc(res.body.len + 1);
	memcpy(out->body, buf_cstr(&res.body), res.body.len + 1);
	out->json = json_loads(out->body, 0, NULL);
	const char *etag = http_res_get(&res, "ETag");
	const char *loc = http_res_get(&res, "Location");
	const char *disp = http_res_get(&res, "Content-Disposition");
	const char *cookie = http_res_get(&res, "Set-Cookie");
	const char *hsts = http_res_get(&res, "Strict-Transport-Security");
	snprintf(out->cookie, sizeof out->cookie, "%s", cookie ? cookie : "");
	snprintf(out->hsts, sizeof out->hsts, "%s", hsts ? hsts : "");
	snprintf(out->etag, sizeof out->etag, "%s", etag ? etag : "");
	snprintf(out->location, sizeof out->location, "%s", loc ? loc : "");
	snprintf(out->content_type, sizeof out->content_type, "%s",
	        res.content_type ? res.content_type : "");
	snprintf(out->disposition, sizeof out->disposition, "%s", disp ? disp : "");
	http_res_free(&res);
	arena_free(&arena);
}

void apitest_call(ApiTest *t, const char *user, const char *method, const char *path,
        const char *body, const char *const *headers, ApiRes *out)
{
	call(t, user, method, path, body ? "application/json" : NULL, body, body ? strlen(body) : 0,
	        headers, out);
}

void apitest_upload(ApiTest *t, const char *user, const char *path, const char *content_type,
        const void *bytes, size_t len, ApiRes *out)
{
	call(t, user, "POST", path, content_type, bytes, len, NULL, out);
}

void apitest_send(ApiTest *t, const char *user, const char *method, const char *path,
        const char *content_type, const char *body, size_t len, const char *const *headers,
        ApiRes *out)
{
	call(t, user, method, path, content_type, body, len, headers, out);
}

void apires_free(ApiRes *r)
{
	free(r->body);
	json_decref(r->json);
	memset(r, 0, sizeof *r);
}

void apitest_get(ApiTest *t, const char *user, const char *path, ApiRes *out)
{
	apitest_call(t, user, "GET", path, NULL, NULL, out);
}

void apitest_form(ApiTest *t, const char *user, const char *path, const char *form, ApiRes *out)
{
	apitest_upload(t, user, path, "application/x-www-form-urlencoded", form, strlen(form), out);
}

/* Where a page's own content starts, for failure messages. */
static const char *main_of(const char *body)
{
	const char *m = strstr(body, "<main");
	return m ? m : body;
}

void apitest_expect(const ApiRes *r, int status, const char *contains)
{
	if (r->status != status || (contains && !strstr(r->body, contains)))
		fail_msg("expected %d with '%s', got %d: %.3000s", status, contains ? contains : "",
		        r->status, main_of(r->body));
}

void apitest_absent(const ApiRes *r, const char *text)
{
	if (strstr(r->body, text))
		fail_msg("'%s' should not be in: %.3000s", text, main_of(r->body));
}

void assert_status(const ApiRes *r, int status)
{
	if (r->status != status)
		fail_msg("expected status %d, got %d: %s", status, r->status, r->body);
}

static const json_t *at(const ApiRes *r, const char *path)
{
	const json_t *v = r->json;
	char part[64];
	while (v && *path) {
		size_t n = strcspn(path, ".");
		snprintf(part, sizeof part, "%.*s", (int)n, path);
		if (json_is_array(v)) {
			char *end;
			long i = strtol(part, &end, 10);
			v = *end ? NULL : json_array_get(v, (size_t)i);
		} else {
			v = json_object_get(v, part);
		}
		path += n + (path[n] == '.');
	}
	return v;
}

const char *apires_str(const ApiRes *r, const char *path)
{
	const json_t *v = at(r, path);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t apires_int(const ApiRes *r, const char *path)
{
	const json_t *v = at(r, path);
	return json_is_integer(v) ? json_integer_value(v) : INT64_MIN;
}

/* ---- Shared by the resource suites ---- */

int apitest_setup(void **state)
{
	ApiTest *t = calloc(1, sizeof *t);
	if (!t || apitest_open(t)) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

int apitest_teardown(void **state)
{
	apitest_close(*state);
	free(*state);
	return 0;
}

void apitest_refused(ApiTest *t, const ApiRefusal *c)
{
	ApiRes r;
	apitest_call(t, c->as, c->method, c->path, c->body, NULL, &r);
	assert_status(&r, c->status);
	assert_string_equal(apires_str(&r, "error.code"), c->code);
	if (c->field)
		assert_string_equal(apires_str(&r, "error.field"), c->field);
	assert_non_null(apires_str(&r, "error.message"));
	apires_free(&r);
}

void assert_history(ApiTest *t, const char *record, int64_t n, const char *newest)
{
	char path[256];
	snprintf(path, sizeof path, "%s/audit", record);
	ApiRes r;
	apitest_call(t, "manager", "GET", path, NULL, NULL, &r);
	assert_status(&r, 200);
	assert_int_equal(apires_int(&r, "total"), n);
	assert_string_equal(apires_str(&r, "items.0.action"), newest);
	apires_free(&r);
	apitest_call(t, "staff", "GET", path, NULL, NULL, &r);
	assert_status(&r, 403);
	apires_free(&r);
}

int apitest_open_demo(ApiTest *t)
{
	Actor a = {.name = "demo", .via = "cli", .now = "2026-11-22T08:00:00Z"};
	Err e = {0};
	if (apitest_open(t) || demo_load(t->db.db, &a, &e)) {
		fprintf(stderr, "demo: %s\n", e.msg);
		return -1;
	}
	return 0;
}
