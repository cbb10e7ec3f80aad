/* fuzz_http.c — libFuzzer target for the request path: the raw request
 * (request line, headers, query string, cookies, JSON body) through the
 * parser, the router and the handlers, as `khuyencong test-http` runs it.
 *
 * The database is a real SQLite file with the schema, the reference data
 * and a signed-in user (made once per process; its cookie and CSRF token
 * replace the placeholders {{cookie}} and {{csrf}} in an input, so inputs
 * reach the handlers behind sign-in too). Any input must end in a response
 * with a status and, for errors, the JSON envelope under /api/ and an HTML
 * page elsewhere (the web pages); a crash, a leak, an answer with no status
 * or a transaction left open aborts. */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/http_router.h"
#include "report/report.h"
#include "store/store_admin.h"
#include "store/store_migrate.h"
#include "store/store_user.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static Db *db;
static HttpApp app;
static char cookie[TOKEN_TEXT_LEN + 16], csrf[TOKEN_TEXT_LEN];
static char path[64];

static void cleanup(void)
{
	report_render_release();
	db_close(db);
	unlink(path);
}

static void init(void)
{
	Err e = {0};
	snprintf(path, sizeof path, "/tmp/kc-fuzz-http-%d.sqlite", (int)getpid());
	unlink(path);
	app = (HttpApp){.limits = http_limits(),
	        .sessions = store_session_policy(),
	        .now = "2026-11-22T08:00:00Z",
	        .version = "fuzz"};
	int applied;
	Actor a = {.name = "fuzz", .via = "cli", .now = app.now};
	User u = {.username = "canbo",
	        .full_name = "Cán bộ",
	        .role = ROLE_STAFF,
	        .active = true,
	        .n_provinces = 1,
	        .provinces = {"current:92"}};
	int64_t id;
	char token[TOKEN_TEXT_LEN];
	int retry;
	Arena arena = {0};
	Principal p;
	if (db_open(&db, path, &e) || store_migrate(db, &applied, &e) ||
	        store_admin_load(db, NULL, &e) ||
	        store_user_create(db, &a, &u, "mat-khau-fuzz-http", &id, &e) ||
	        store_session_login(db, &app.sessions, "canbo", "mat-khau-fuzz-http", NULL, app.now,
	                token, &retry, &arena, &p, &e)) {
		fprintf(stderr, "fuzz_http: %s\n", e.msg);
		abort();
	}
	snprintf(cookie, sizeof cookie, "%s", token);
	snprintf(csrf, sizeof csrf, "%s", p.csrf_token);
	arena_free(&arena);
	atexit(cleanup);
}

/* Replaces each {{name}} of in by its value. */
static void expand(Buf *out, const char *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (n - i >= 10 && !memcmp(in + i, "{{cookie}}", 10)) {
			buf_puts(out, cookie);
			i += 9;
		} else if (n - i >= 8 && !memcmp(in + i, "{{csrf}}", 8)) {
			buf_puts(out, csrf);
			i += 7;
		} else {
			buf_putc(out, in[i]);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!db)
		init();
	Buf raw;
	buf_init(&raw, 2 * size + 1024);
	expand(&raw, (const char *)data, size);
	Arena arena = {0};
	HttpReq q;
	HttpRes res;
	http_res_init(&res, 64 * 1024 * 1024);
	Err e = {0};
	if (http_parse_raw(&q, buf_cstr(&raw), raw.len, &app.limits, &arena, &e) == 0) {
		http_handle(&app, db, &q, &res, &arena);
		if (res.status < 200 || res.status > 599 || db_depth(db) != 0)
			abort();
		bool head = !strcmp(q.method, "HEAD"); /* answered without a body */
		bool api = !strncmp(q.path, "/api/", 5) || !strcmp(q.path, "/healthz");
		const char *body = buf_cstr(&res.body);
		if (res.status >= 400 && !head && api && !strstr(body, "{\"error\":{\"code\":"))
			abort();
		if (res.status >= 400 && !head && !api && strncmp(body, "<!doctype html>", 15))
			abort();
	} else if (!e.code || !e.msg[0]) {
		abort();
	}
	http_res_free(&res);
	arena_free(&arena);
	buf_free(&raw);
	return 0;
}
