/* test_server.c — the real server on a loopback port, with a real HTTP
 * client (libcurl): keep-alive, limits, the access log, security headers,
 * sign-in with cookies, CSRF and Origin, throttling, expiry, and a stop that
 * lets requests in flight finish. */
#include "harness.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef KC_BUILD_DIR
#define KC_BUILD_DIR "build/release"
#endif

#include "apitest.h"
#include "http/http_server.h"

typedef struct Fixture {
	ApiTest api; /* the database with its users */
	Server *server;
	char base[64]; /* http://127.0.0.1:PORT */
	char log_path[160];
	FILE *log;
	int per_ip; /* ServerOpts.connections_per_ip */
} Fixture;

static int start(Fixture *f, HttpLimits lim)
{
	if (apitest_open(&f->api))
		return -1;
	snprintf(f->log_path, sizeof f->log_path, "%s/access.log", f->api.db.dir);
	f->log = fopen(f->log_path, "w+");
	ServerOpts o = {
	        .db = f->api.db.path,
	        .listen = "127.0.0.1:0",
	        .workers = 2,
	        .app = f->api.app,
	        .log = f->log,
	        .connections_per_ip = f->per_ip,
	};
	o.app.limits = lim;
	o.app.now = NULL; /* the real clock: sessions made at the template's time are still valid */
	Err e = {0};
	if (!f->log || server_start(&o, &f->server, &e)) {
		fprintf(stderr, "server_start: %s\n", e.msg);
		return -1;
	}
	snprintf(f->base, sizeof f->base, "http://127.0.0.1:%d", server_port(f->server));
	return 0;
}

static int setup(void **state)
{
	Fixture *f = calloc(1, sizeof *f);
	if (!f || start(f, http_limits()))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fixture *f = *state;
	server_stop(f->server, 5);
	fclose(f->log);
	apitest_close(&f->api);
	free(f);
	return 0;
}

typedef struct Reply {
	long status;
	Buf body, headers;
	long connects; /* new connections the request opened */
} Reply;

static size_t collect(char *p, size_t size, size_t n, void *buf)
{
	buf_append(buf, p, size * n);
	return size * n;
}

/* One request on handle h (reused: keep-alive); headers is a NULL-ended list. */
static void request(CURL *h, const char *url, const char *method, const char *body,
        const char *const *headers, Reply *r)
{
	buf_init(&r->body, 1 << 24);
	buf_init(&r->headers, 1 << 16);
	struct curl_slist *hl = NULL;
	for (const char *const *p = headers; p && *p; p++)
		hl = curl_slist_append(hl, *p);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	if (!body)
		curl_easy_setopt(h, CURLOPT_HTTPGET, !strcmp(method, "GET") ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &r->body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &r->headers);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 30L);
	CURLcode rc = curl_easy_perform(h);
	if (rc != CURLE_OK)
		fail_msg("%s %s: %s", method, url, curl_easy_strerror(rc));
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	curl_easy_getinfo(h, CURLINFO_NUM_CONNECTS, &r->connects);
	curl_slist_free_all(hl);
}

static void reply_free(Reply *r)
{
	buf_free(&r->body);
	buf_free(&r->headers);
}

static const char *header_line(const Reply *r, const char *prefix)
{
	const char *h = buf_cstr(&r->headers);
	size_t n = strlen(prefix);
	for (const char *p = h; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncasecmp(p, prefix, n))
			return p;
	return NULL;
}

static void health_over_keep_alive(void **state)
{
	Fixture *f = *state;
	CURL *h = curl_easy_init();
	char url[128];
	snprintf(url, sizeof url, "%s/healthz", f->base);
	Reply a, b;
	request(h, url, "GET", NULL, NULL, &a);
	request(h, url, "GET", NULL, NULL, &b);
	assert_int_equal(a.status, 200);
	assert_contains(buf_cstr(&a.body), "\"status\":\"ok\"");
	/* The second request reused the first one's connection. */
	assert_int_equal(a.connects, 1);
	assert_int_equal(b.connects, 0);
	assert_null(header_line(&a, "Connection: close"));
	/* Security headers come with every answer. */
	assert_non_null(header_line(&a, "Content-Security-Policy: default-src 'self'"));
	assert_non_null(header_line(&a, "X-Content-Type-Options: nosniff"));
	assert_non_null(header_line(&a, "X-Frame-Options: DENY"));
	reply_free(&a);
	reply_free(&b);
	curl_easy_cleanup(h);
	/* One access-log line per request: method, path, status, bytes, time.
	 * A line is written when libmicrohttpd reports the request complete,
	 * which may come just after the client has read the answer. */
	char line[512];
	int lines = 0;
	for (int tries = 0; tries < 200 && lines < 2; tries++) {
		usleep(10 * 1000);
		fflush(f->log);
		rewind(f->log);
		lines = 0;
		while (fgets(line, sizeof line, f->log)) {
			assert_contains(line, "method=GET path=/healthz status=200 bytes=");
			assert_contains(line, " ms=");
			lines++;
		}
	}
	assert_int_equal(lines, 2);
}

/* Signs in over HTTP; returns the cookie "kc_session=..." and the CSRF token. */
static void sign_in(Fixture *f, CURL *h, const char *user, char *cookie, size_t ncookie, char *csrf,
        size_t ncsrf)
{
	char url[128], body[160];
	snprintf(url, sizeof url, "%s/api/v1/session", f->base);
	snprintf(body, sizeof body, "{\"username\": \"%s\", \"password\": \"%s\"}", user,
	        APITEST_PASSWORD);
	const char *const hdr[] = {"Content-Type: application/json", NULL};
	Reply r;
	request(h, url, "POST", body, hdr, &r);
	assert_int_equal(r.status, 200);
	const char *set = header_line(&r, "Set-Cookie: " HTTP_SESSION_COOKIE "=");
	assert_non_null(set);
	assert_contains(set, "HttpOnly");
	assert_contains(set, "SameSite=Strict");
	size_t n = strcspn(set + 12, ";");
	snprintf(cookie, ncookie, "Cookie: %.*s", (int)n, set + 12);
	const char *t = strstr(buf_cstr(&r.body), "\"csrf_token\":\"");
	assert_non_null(t);
	t += 14;
	snprintf(csrf, ncsrf, "X-CSRF-Token: %.*s", (int)strcspn(t, "\""), t);
	reply_free(&r);
}

static void writes_need_csrf_and_origin(void **state)
{
	Fixture *f = *state;
	CURL *h = curl_easy_init();
	char cookie[128], csrf[128], origin[96], url[128];
	sign_in(f, h, "staff", cookie, sizeof cookie, csrf, sizeof csrf);
	snprintf(origin, sizeof origin, "Origin: %s", f->base);
	snprintf(url, sizeof url, "%s/api/v1/establishments", f->base);
	const char *body = "{\"name\": \"HTX Mây tre đan Phú Tân\", \"legal_form\": \"coop\","
	                   " \"province_list\": \"current\", \"province_code\": \"92\"}";
	const char *const no_csrf[] = {cookie, origin, "Content-Type: application/json", NULL};
	const char *const bad_origin[] = {cookie, csrf, "Origin: http://evil.example",
	        "Content-Type: application/json", NULL};
	const char *const no_origin[] = {cookie, csrf, "Content-Type: application/json", NULL};
	const char *const good[] = {cookie, csrf, origin, "Content-Type: application/json", NULL};
	const char *const good_text[] = {cookie, csrf, origin, "Content-Type: text/plain", NULL};
	Reply r;
	request(h, url, "POST", body, no_csrf, &r);
	assert_int_equal(r.status, 403);
	assert_contains(buf_cstr(&r.body), "CSRF");
	reply_free(&r);
	request(h, url, "POST", body, bad_origin, &r);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	request(h, url, "POST", body, no_origin, &r);
	assert_int_equal(r.status, 403);
	reply_free(&r);
	request(h, url, "POST", body, good_text, &r);
	assert_int_equal(r.status, 415);
	reply_free(&r);
	assert_int_equal(db_scalar(f->api.db.db, "SELECT COUNT(*) FROM establishment"), 0);
	request(h, url, "POST", body, good, &r);
	assert_int_equal(r.status, 201);
	reply_free(&r);
	/* Signed out, the same cookie no longer works. */
	char out[128];
	snprintf(out, sizeof out, "%s/api/v1/session", f->base);
	request(h, out, "DELETE", NULL, good, &r);
	assert_int_equal(r.status, 204);
	reply_free(&r);
	request(h, url, "GET", NULL, good, &r);
	assert_int_equal(r.status, 401);
	assert_contains(buf_cstr(&r.body), "hết hạn");
	reply_free(&r);
	curl_easy_cleanup(h);
}

static void sign_in_is_throttled(void **state)
{
	Fixture *f = *state;
	CURL *h = curl_easy_init();
	char url[128];
	snprintf(url, sizeof url, "%s/api/v1/session", f->base);
	const char *const hdr[] = {"Content-Type: application/json", NULL};
	SessionPolicy pol = store_session_policy();
	Reply r;
	for (int i = 0; i < pol.max_failures; i++) {
		request(h, url, "POST",
		        "{\"username\": \"staff\", \"password\": \"sai-mat-khau-roi\"}", hdr, &r);
		assert_int_equal(r.status, 401);
		reply_free(&r);
	}
	/* Locked out now, even with the right password. */
	request(h, url, "POST", "{\"username\": \"staff\", \"password\": \"" APITEST_PASSWORD "\"}",
	        hdr, &r);
	assert_int_equal(r.status, 429);
	assert_non_null(header_line(&r, "Retry-After: "));
	reply_free(&r);
	curl_easy_cleanup(h);
}

static void oversize_body_is_413(void **state)
{
	Fixture *f = *state;
	server_stop(f->server, 5);
	fclose(f->log);
	apitest_close(&f->api);
	HttpLimits lim = http_limits();
	lim.body_bytes = 1024;
	assert_int_equal(start(f, lim), 0);
	CURL *h = curl_easy_init();
	char url[128];
	snprintf(url, sizeof url, "%s/api/v1/session", f->base);
	char *big = malloc(4096);
	memset(big, ' ', 4095);
	big[0] = '{';
	big[4094] = '}';
	big[4095] = '\0';
	const char *const hdr[] = {"Content-Type: application/json", NULL};
	Reply r;
	request(h, url, "POST", big, hdr, &r);
	assert_int_equal(r.status, 413);
	assert_contains(buf_cstr(&r.body), "\"code\":\"too_large\"");
	reply_free(&r);
	free(big);
	curl_easy_cleanup(h);
}

static void *stop_server(void *arg)
{
	server_stop(arg, 10);
	return NULL;
}

/* A client that sends half a request, lets the server begin to stop, then
 * sends the rest: the server waits for it and answers before it exits. */
static void stop_finishes_requests_in_flight(void **state)
{
	Fixture *f = *state;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(server_port(f->server))};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	const char *body = "{\"username\": \"staff\", \"password\": \"sai-mat-khau-roi\"}";
	char head[256];
	int n = snprintf(head, sizeof head,
	        "POST /api/v1/session HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
	        "\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%.10s",
	        strlen(body), body);
	assert_int_equal(write(fd, head, (size_t)n), n);
	usleep(200 * 1000); /* the server has the headers: the request is in flight */
	pthread_t th;
	pthread_create(&th, NULL, stop_server, f->server);
	f->server = NULL;
	usleep(200 * 1000);
	assert_int_equal(write(fd, body + 10, strlen(body) - 10), (ssize_t)(strlen(body) - 10));
	char answer[4096];
	size_t got = 0;
	ssize_t k;
	while (got < sizeof answer - 1 && (k = read(fd, answer + got, sizeof answer - 1 - got)) > 0)
		got += (size_t)k;
	answer[got] = '\0';
	close(fd);
	pthread_join(th, NULL);
	assert_contains(answer, "HTTP/1.1 401");
	/* After the stop nothing listens any more. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_not_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	close(fd);
}

/* A free loopback port: bind to 0, read it, close. */
static int free_port(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	socklen_t len = sizeof sa;
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	close(fd);
	return ntohs(sa.sin_port);
}

/* The real command: `khuyencong serve` answers, and SIGTERM ends it cleanly. */
static void serve_command_stops_on_sigterm(void **state)
{
	Fixture *f = *state;
	int port = free_port();
	char listen_at[32], url[64], err_path[200];
	snprintf(listen_at, sizeof listen_at, "127.0.0.1:%d", port);
	snprintf(url, sizeof url, "http://%s/healthz", listen_at);
	snprintf(err_path, sizeof err_path, "%s/serve.err", f->api.db.dir);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		FILE *err = freopen(err_path, "w", stderr);
		(void)err;
		execl(KC_BUILD_DIR "/khuyencong", "khuyencong", "serve", "--db", f->api.db.path,
		        "--listen", listen_at, (char *)NULL);
		_exit(127);
	}
	CURL *h = curl_easy_init();
	Reply r = {0};
	bool up = false;
	for (int i = 0; i < 500 && !up; i++) {
		usleep(10 * 1000);
		Buf sink;
		buf_init(&sink, 1 << 16);
		curl_easy_setopt(h, CURLOPT_URL, url);
		curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
		curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
		up = curl_easy_perform(h) == CURLE_OK;
		if (up)
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r.status);
		buf_free(&sink);
	}
	curl_easy_cleanup(h);
	assert_true(up);
	assert_int_equal(r.status, 200);
	assert_int_equal(kill(pid, SIGTERM), 0);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	FILE *err = fopen(err_path, "r");
	char text[2048] = "";
	size_t n = fread(text, 1, sizeof text - 1, err);
	text[n] = '\0';
	fclose(err);
	assert_contains(text, "SIGTERM: finishing requests in flight");
	assert_contains(text, "path=/healthz status=200");
}

/* ---- sec-fixes M3: an upload is refused from its headers, before its body ---- */

static int raw_connect(const Fixture *f)
{
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(server_port(f->server))};
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
	return fd;
}

/* Reads what the server sends within ms into answer (NUL-terminated) until it
 * closes the connection, the time runs out or answer is full; the bytes read. */
static size_t answer_within(int fd, int ms, char *answer, size_t cap)
{
	size_t got = 0;
	struct pollfd p = {.fd = fd, .events = POLLIN};
	while (got < cap - 1 && poll(&p, 1, ms) == 1) {
		ssize_t k = recv(fd, answer + got, cap - 1 - got, 0);
		if (k <= 0)
			break;
		got += (size_t)k;
	}
	answer[got] = '\0';
	return got;
}

/* Starts a 20 MB upload to path with the extra header line (or ""), sends
 * what the socket takes of its first MiB without waiting, then waits 10 s at
 * most for an answer, sending nothing more: the server must answer with the
 * status it is given without having the body. */
static void refused_early(
        Fixture *f, const char *path, const char *header, const char *status, const char *contains)
{
	enum { TOTAL = 20 * 1000 * 1000, FIRST = 1 << 20 };
	int fd = raw_connect(f);
	char head[1024];
	int n = snprintf(head, sizeof head,
	        "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data;"
	        " boundary=x\r\nContent-Length: %d\r\n%s\r\n",
	        path, TOTAL, header);
	assert_int_equal(send(fd, head, (size_t)n, MSG_NOSIGNAL), n);
	char *chunk = calloc(1, FIRST);
	ssize_t sent = send(fd, chunk, FIRST, MSG_NOSIGNAL | MSG_DONTWAIT);
	free(chunk);
	char answer[8192];
	size_t got = answer_within(fd, 10000, answer, sizeof answer);
	if (!got || strncmp(answer, status, strlen(status)) || !strstr(answer, contains))
		fail_msg("POST %s (%zd of %d bytes sent): expected '%s' with '%s' before the body,"
		         " got '%.400s'",
		        path, sent, TOTAL, status, contains, answer);
	/* The server closes the connection rather than read the rest. */
	char rest[256];
	answer_within(fd, 10000, rest, sizeof rest);
	close(fd);
}

static void upload_refused_before_its_body(void **state)
{
	Fixture *f = *state;
	Actor a = {.name = "fixture", .via = "cli"};
	char token[TOKEN_TEXT_LEN], bearer[TOKEN_TEXT_LEN + 32];
	int64_t staff = db_scalar(f->api.db.db, "SELECT id FROM app_user WHERE username = 'staff'");
	int64_t tid;
	Err e = {0};
	assert_int_equal(store_token_create(
	                         f->api.db.db, &a, staff, "Chỉ đọc", false, NULL, token, &tid, &e),
	        0);
	snprintf(bearer, sizeof bearer, "Authorization: Bearer %s\r\n", token);
	/* The review's request: an anonymous 20 MB upload to a page. */
	refused_early(f, "/de-an/1/tai-lieu", "", "HTTP/1.1 303", "Location: /dang-nhap");
	refused_early(f, "/api/v1/projects/1/documents?kind=decision&file_name=a.pdf", "",
	        "HTTP/1.1 401", "\"unauthenticated\"");
	refused_early(f, "/api/v1/import", "", "HTTP/1.1 401", "\"unauthenticated\"");
	refused_early(f, "/api/v1/import", "Cookie: kc_session=het-han-roi\r\n", "HTTP/1.1 401",
	        "hết hạn");
	/* Signed in, but a read-only token may not upload. */
	refused_early(f, "/api/v1/import", bearer, "HTTP/1.1 403", "chỉ được đọc");
	/* The server still serves, and a caller it lets in still has the body read:
	 * the import reports on the file (a dry run, nothing written). */
	CURL *h = curl_easy_init();
	char cookie[128], csrf[128], origin[96], url[160];
	sign_in(f, h, "staff", cookie, sizeof cookie, csrf, sizeof csrf);
	snprintf(origin, sizeof origin, "Origin: %s", f->base);
	snprintf(url, sizeof url, "%s/api/v1/import?kind=establishments&file_name=a.csv", f->base);
	const char *const hdr[] = {cookie, csrf, origin, "Content-Type: text/csv", NULL};
	Reply r;
	request(h, url, "POST", "khong,phai,bang\n", hdr, &r);
	assert_int_equal(r.status, 200);
	assert_contains(buf_cstr(&r.body), "\"file\":\"a.csv\"");
	reply_free(&r);
	curl_easy_cleanup(h);
}

/* Connections from one address are limited (--max-connections-per-ip). */
static void connections_per_address_limited(void **state)
{
	Fixture *f = *state;
	server_stop(f->server, 5);
	fclose(f->log);
	apitest_close(&f->api);
	f->per_ip = 2;
	assert_int_equal(start(f, http_limits()), 0);
	int held[2] = {raw_connect(f), raw_connect(f)};
	usleep(200 * 1000); /* both accepted */
	static const char get[] = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
	int third = raw_connect(f);
	char answer[1024];
	send(third, get, sizeof get - 1, MSG_NOSIGNAL);
	answer_within(third, 3000, answer, sizeof answer);
	close(third);
	if (strstr(answer, "HTTP/1.1 200"))
		fail_msg("a third connection from one address was served: %s", answer);
	close(held[0]);
	usleep(200 * 1000);
	int again = raw_connect(f);
	send(again, get, sizeof get - 1, MSG_NOSIGNAL);
	answer_within(again, 3000, answer, sizeof answer);
	close(again);
	close(held[1]);
	assert_contains(answer, "HTTP/1.1 200");
}

/* ---- end sec-fixes M3 ---- */

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	TestList tl = {0};
	TL_ADD(&tl, health_over_keep_alive);
	TL_ADD(&tl, writes_need_csrf_and_origin);
	TL_ADD(&tl, sign_in_is_throttled);
	TL_ADD(&tl, oversize_body_is_413);
	TL_ADD(&tl, stop_finishes_requests_in_flight);
	TL_ADD(&tl, serve_command_stops_on_sigterm);
	TL_ADD(&tl, upload_refused_before_its_body);
	TL_ADD(&tl, connections_per_address_limited);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	int failed = tl_run(&tl, "http/server");
	curl_global_cleanup();
	return failed;
}
