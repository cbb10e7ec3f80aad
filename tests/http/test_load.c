/* test_load.c — a bounded load test: the real server on loopback, 64 client
 * connections for KC_LOAD_SECONDS (30 by default; 5 under the sanitizers),
 * mixed reads (lists, searches, details) and writes (creates and versioned
 * updates). It passes when no answer was a 5xx and every write the server
 * acknowledged is in the database afterwards with the acknowledged values.
 * Requests/s and latency percentiles are printed as TAP comments: they are
 * figures for the closing note, never assertions. */
#include "harness.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "apitest.h"
#include "http/http_server.h"
#include "store/store_establishment.h"

enum { CLIENTS = 64, MAX_WRITES = 1 << 16, MAX_SAMPLES = 1 << 21 };

typedef struct Write {
	int64_t id;
	int version, workers; /* as the server acknowledged them */
} Write;

typedef struct Shared {
	char base[64], cookie[128], csrf[128], origin[96];
	double deadline;
	atomic_long requests, errors_5xx, failures;
	pthread_mutex_t lock;
	Write writes[MAX_WRITES];
	int n_writes;
	double *samples; /* seconds per request */
	atomic_long n_samples;
} Shared;

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t collect(char *p, size_t size, size_t n, void *buf)
{
	buf_append(buf, p, size * n);
	return size * n;
}

/* One request; returns the status (0 if the transfer failed). */
static long call(Shared *s, CURL *h, const char *method, const char *path, const char *body,
        const char *ifmatch, Buf *out)
{
	char url[256];
	snprintf(url, sizeof url, "%s%s", s->base, path);
	struct curl_slist *hl = curl_slist_append(NULL, s->cookie);
	hl = curl_slist_append(hl, s->csrf);
	hl = curl_slist_append(hl, s->origin);
	hl = curl_slist_append(hl, "Content-Type: application/json");
	if (ifmatch)
		hl = curl_slist_append(hl, ifmatch);
	buf_reset(out);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
	if (body)
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	double t0 = now_s();
	CURLcode rc = curl_easy_perform(h);
	double dt = now_s() - t0;
	long status = 0;
	if (rc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hl);
	long k = atomic_fetch_add(&s->n_samples, 1);
	if (k < MAX_SAMPLES)
		s->samples[k] = dt;
	atomic_fetch_add(&s->requests, 1);
	if (status >= 500 || status == 0) {
		atomic_fetch_add(&s->errors_5xx, 1);
		fprintf(stderr, "%s %s: %ld %s\n", method, path, status, buf_cstr(out));
	}
	return status;
}

static int64_t json_number(const char *body, const char *key)
{
	char pat[32];
	snprintf(pat, sizeof pat, "\"%s\":", key);
	const char *p = strstr(body, pat);
	return p ? strtoll(p + strlen(pat), NULL, 10) : -1;
}

static void record_write(Shared *s, int64_t id, int version, int workers)
{
	pthread_mutex_lock(&s->lock);
	int i = 0;
	while (i < s->n_writes && s->writes[i].id != id)
		i++;
	if (i == s->n_writes && s->n_writes < MAX_WRITES)
		s->n_writes++;
	if (i < MAX_WRITES)
		s->writes[i] = (Write){id, version, workers};
	pthread_mutex_unlock(&s->lock);
}

typedef struct Client {
	Shared *s;
	int n;
} Client;

static void *client(void *arg)
{
	Client *c = arg;
	Shared *s = c->s;
	CURL *h = curl_easy_init();
	Buf out;
	buf_init(&out, 1 << 22);
	int64_t mine = 0;
	int version = 0;
	for (int k = 0; now_s() < s->deadline; k++) {
		char body[256], path[96], ifmatch[48];
		switch (k % 8) {
		case 0: /* create, then edit it with its version */
			snprintf(body, sizeof body,
			        "{\"name\": \"Cơ sở thử tải %d-%d\", \"legal_form\": \"sme\","
			        " \"province_list\": \"current\", \"province_code\": \"92\","
			        " \"workers\": %d}",
			        c->n, k, k);
			if (call(s, h, "POST", "/api/v1/establishments", body, NULL, &out) == 201) {
				mine = json_number(buf_cstr(&out), "id");
				version = (int)json_number(buf_cstr(&out), "version");
				record_write(s, mine, version, k);
			}
			break;
		case 3:
			if (!mine)
				break;
			snprintf(path, sizeof path, "/api/v1/establishments/%lld", (long long)mine);
			snprintf(body, sizeof body, "{\"workers\": %d}", k);
			snprintf(ifmatch, sizeof ifmatch, "If-Match: \"%d\"", version);
			if (call(s, h, "PATCH", path, body, ifmatch, &out) == 200) {
				version = (int)json_number(buf_cstr(&out), "version");
				record_write(s, mine, version, k);
			}
			break;
		case 5:
			call(s, h, "GET", "/api/v1/establishments?q=thu+tai&limit=20", NULL, NULL,
			        &out);
			break;
		case 6:
			if (!mine)
				break;
			snprintf(path, sizeof path, "/api/v1/establishments/%lld", (long long)mine);
			call(s, h, "GET", path, NULL, NULL, &out);
			break;
		default: call(s, h, "GET", "/api/v1/establishments?limit=50", NULL, NULL, &out);
		}
	}
	buf_free(&out);
	curl_easy_cleanup(h);
	return NULL;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void sign_in(Shared *s)
{
	CURL *h = curl_easy_init();
	Buf body, headers;
	buf_init(&body, 1 << 16);
	buf_init(&headers, 1 << 16);
	char url[128];
	snprintf(url, sizeof url, "%s/api/v1/session", s->base);
	struct curl_slist *hl = curl_slist_append(NULL, "Content-Type: application/json");
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS,
	        "{\"username\": \"staff\", \"password\": \"" APITEST_PASSWORD "\"}");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, collect);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, &headers);
	assert_int_equal(curl_easy_perform(h), CURLE_OK);
	const char *set = strstr(buf_cstr(&headers), "Set-Cookie: ");
	assert_non_null(set);
	snprintf(
	        s->cookie, sizeof s->cookie, "Cookie: %.*s", (int)strcspn(set + 12, ";"), set + 12);
	const char *t = strstr(buf_cstr(&body), "\"csrf_token\":\"");
	assert_non_null(t);
	snprintf(s->csrf, sizeof s->csrf, "X-CSRF-Token: %.*s", (int)strcspn(t + 14, "\""), t + 14);
	curl_slist_free_all(hl);
	buf_free(&body);
	buf_free(&headers);
	curl_easy_cleanup(h);
}

static void mixed_load_loses_nothing(void **state)
{
	(void)state;
	ApiTest api;
	assert_int_equal(apitest_open(&api), 0);
	ServerOpts o = {.db = api.db.path, .listen = "127.0.0.1:0", .app = api.app};
	o.app.now = NULL;
	Server *server;
	Err e = {0};
	assert_int_equal(server_start(&o, &server, &e), 0);
	Shared *s = calloc(1, sizeof *s);
	s->samples = malloc(MAX_SAMPLES * sizeof *s->samples);
	pthread_mutex_init(&s->lock, NULL);
	snprintf(s->base, sizeof s->base, "http://127.0.0.1:%d", server_port(server));
	snprintf(s->origin, sizeof s->origin, "Origin: %s", s->base);
	sign_in(s);
	const char *env = getenv("KC_LOAD_SECONDS");
	double seconds = env ? atof(env) : getenv("ASAN_OPTIONS") ? 5 : 30;
	double t0 = now_s();
	s->deadline = t0 + seconds;
	pthread_t th[CLIENTS];
	Client cl[CLIENTS];
	for (int i = 0; i < CLIENTS; i++) {
		cl[i] = (Client){s, i};
		pthread_create(&th[i], NULL, client, &cl[i]);
	}
	for (int i = 0; i < CLIENTS; i++)
		pthread_join(th[i], NULL);
	double elapsed = now_s() - t0;
	server_stop(server, 10);
	long n = atomic_load(&s->n_samples);
	if (n > MAX_SAMPLES)
		n = MAX_SAMPLES;
	qsort(s->samples, (size_t)n, sizeof *s->samples, by_value);
	printf("# load: %d connections, %.1f s, %ld requests, %.0f requests/s, p50 %.2f ms, "
	       "p99 %.2f ms, %d acknowledged writes, %ld 5xx\n",
	        CLIENTS, elapsed, atomic_load(&s->requests),
	        (double)atomic_load(&s->requests) / elapsed, n ? s->samples[n / 2] * 1e3 : 0,
	        n ? s->samples[n * 99 / 100] * 1e3 : 0, s->n_writes, atomic_load(&s->errors_5xx));
	assert_int_equal(atomic_load(&s->errors_5xx), 0);
	assert_true(s->n_writes > 0);
	/* Every acknowledged write is there, as acknowledged. */
	Arena arena = {0};
	int lost = 0;
	for (int i = 0; i < s->n_writes; i++) {
		Establishment x;
		if (store_establishment_get(api.db.db, s->writes[i].id, &arena, &x, &e) ||
		        x.version != s->writes[i].version || x.workers != s->writes[i].workers) {
			fprintf(stderr, "lost write: establishment %lld version %d\n",
			        (long long)s->writes[i].id, s->writes[i].version);
			lost++;
		}
	}
	arena_free(&arena);
	assert_int_equal(lost, 0);
	pthread_mutex_destroy(&s->lock);
	free(s->samples);
	free(s);
	apitest_close(&api);
}

int main(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	TestList tl = {0};
	TL_ADD(&tl, mixed_load_loses_nothing);
	int failed = tl_run(&tl, "http/load");
	curl_global_cleanup();
	return failed;
}
