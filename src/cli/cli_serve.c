/* cli_serve.c — khuyencong serve: the HTTP server until SIGTERM or SIGINT,
 * and khuyencong test-http: one raw request from standard input through the
 * same router and handlers, the raw response to standard output. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api_import_job.h"
#include "cli/cli.h"
#include "http/http_server.h"
#include "report/report.h"
#include "store/store_migrate.h"
#include "store/store_session_cache.h"

/* Reads a size option in bytes; dflt when absent. */
static int size_opt(int argc, char **argv, const char *name, size_t *out)
{
	const char *v = cli_opt(argc, argv, name);
	if (!v)
		return 0;
	char *end;
	unsigned long long n = strtoull(v, &end, 10);
	if (*end || !n || n > (1ULL << 34)) {
		fprintf(stderr, "khuyencong: --%s '%s' is not a size in bytes\n", name, v);
		return 2;
	}
	*out = (size_t)n;
	return 0;
}

/* The folder of uploaded documents: --documents, else "documents" beside an
 * SQLite file; none for PostgreSQL without the option. */
static const char *documents_opt(int argc, char **argv)
{
	static char beside[4096];
	const char *dir = cli_opt(argc, argv, "documents");
	const char *db = cli_opt(argc, argv, "db");
	if (dir || !db || db_url_is_pg(db))
		return dir;
	const char *slash = strrchr(db, '/');
	if (!slash)
		snprintf(beside, sizeof beside, "documents");
	else
		snprintf(beside, sizeof beside, "%.*s/documents", (int)(slash - db), db);
	return beside;
}

/* The HttpApp from the options both commands share. */
static int app_opts(int argc, char **argv, HttpApp *app)
{
	*app = (HttpApp){
	        .limits = http_limits(),
	        .sessions = store_session_policy(),
	        .origin = cli_opt(argc, argv, "origin"),
	        .trusted_proxy = cli_opt(argc, argv, "trusted-proxy"),
	        .now = cli_opt(argc, argv, "now"),
	        .version = cli_version,
	        .documents = documents_opt(argc, argv),
	        .database = cli_opt(argc, argv, "db"),
	};
	size_t depth = app->limits.json_depth, timeout = app->limits.req_seconds;
	int rc = size_opt(argc, argv, "header-limit", &app->limits.header_bytes);
	if (!rc)
		rc = size_opt(argc, argv, "body-limit", &app->limits.body_bytes);
	if (!rc)
		rc = size_opt(argc, argv, "upload-limit", &app->limits.upload_bytes);
	if (!rc)
		rc = size_opt(argc, argv, "json-depth", &depth);
	if (!rc)
		rc = size_opt(argc, argv, "request-timeout", &timeout);
	app->limits.json_depth = depth;
	app->limits.req_seconds = (unsigned)timeout;
	return rc;
}

/* --max-connections and --max-connections-per-ip (0: no limit per address). */
static int connection_opts(int argc, char **argv, ServerOpts *o)
{
	size_t total = 0, per_ip = 0;
	const char *v = cli_opt(argc, argv, "max-connections-per-ip");
	if (size_opt(argc, argv, "max-connections", &total) || total > 100000)
		return 2;
	if (v && !strcmp(v, "0"))
		o->connections_per_ip = -1;
	else if (size_opt(argc, argv, "max-connections-per-ip", &per_ip) || per_ip > 100000)
		return 2;
	else
		o->connections_per_ip = (int)per_ip;
	o->connections = (unsigned)total;
	return 0;
}

int cli_serve(int argc, char **argv)
{
	ServerOpts o = {
	        .db = cli_opt(argc, argv, "db"),
	        .listen = cli_opt(argc, argv, "listen"),
	        .log = stderr,
	};
	if (!o.db) {
		fputs("usage: khuyencong serve --db PATH|postgresql://... [--listen 127.0.0.1:8080]\n"
		      "         [--workers N] [--origin https://host] [--header-limit BYTES]\n"
		      "         [--body-limit BYTES] [--upload-limit BYTES] [--json-depth N]\n"
		      "         [--request-timeout SECONDS] [--access-log FILE|-|none]\n"
		      "         [--documents DIR (default: documents/ beside an SQLite file)]\n"
		      "         [--session-cache SECONDS (default 5, 0: off)]\n"
		      "         [--import-sync-bytes BYTES (larger uploads import in the background)]\n"
		      "         [--import-jobs N (background imports held at once)]\n"
		      "         [--max-connections N (default 1000)]\n"
		      "         [--max-connections-per-ip N (default 100; 0: no limit, behind a proxy)]\n"
		      "         [--trusted-proxy ADDRESS (its X-Forwarded-Proto: https marks requests secure)]\n",
		        stderr);
		return 2;
	}
	if (!o.listen)
		o.listen = "127.0.0.1:8080";
	size_t workers = 0;
	if (size_opt(argc, argv, "workers", &workers) || workers > 1024 ||
	        app_opts(argc, argv, &o.app))
		return 2;
	o.workers = (int)workers;
	/* Sessions remembered a few seconds (store_session_cache.h): a change
	 * made from the command line, another process, applies after that. */
	size_t cache_seconds = 5;
	if (size_opt(argc, argv, "session-cache", &cache_seconds) ||
	        cache_seconds > STORE_SESSION_CACHE_TTL_MAX)
		return 2;
	if (connection_opts(argc, argv, &o))
		return 2;
	ImportJobLimits jobs = api_import_job_limits();
	size_t max_jobs = (size_t)jobs.max_jobs;
	if (size_opt(argc, argv, "import-sync-bytes", &jobs.sync_bytes) ||
	        size_opt(argc, argv, "import-jobs", &max_jobs) || max_jobs > 64)
		return 2;
	jobs.max_jobs = (int)max_jobs;
	const char *log = cli_opt(argc, argv, "access-log");
	FILE *logf = NULL;
	if (log && !strcmp(log, "none"))
		o.log = NULL;
	else if (log && strcmp(log, "-") && !(o.log = logf = fopen(log, "a"))) {
		perror(log);
		return 1;
	}
	/* Every thread libmicrohttpd starts inherits this mask, so the signals
	 * reach only sigwait below. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	Err e = {0};
	Db *db = NULL;
	int version = 0;
	if (db_open(&db, o.db, &e) || store_schema_version(db, &version, &e)) {
		fprintf(stderr, "khuyencong: cannot open '%s': %s\n", o.db, e.msg);
		db_close(db);
		return 1;
	}
	db_close(db);
	if (!version) {
		fprintf(stderr,
		        "khuyencong: '%s' has no schema; run 'khuyencong init --db %s' first\n",
		        o.db, o.db);
		return 1;
	}
	if (!(o.app.import_jobs = api_import_jobs_new(&jobs))) {
		fputs("khuyencong: cannot start the thread of background imports\n", stderr);
		return 1;
	}
	Server *s;
	if (cache_seconds)
		o.app.session_cache = store_session_cache_new((int)cache_seconds);
	if (server_start(&o, &s, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		api_import_jobs_free(o.app.import_jobs);
		store_session_cache_free(o.app.session_cache);
		return 1;
	}
	fprintf(stderr, "khuyencong: serving %s on http://%.*s:%d/\n", o.db,
	        (int)(strrchr(o.listen, ':') - o.listen), o.listen, server_port(s));
	int sig;
	sigwait(&stop, &sig);
	fprintf(stderr, "khuyencong: %s: finishing requests in flight\n",
	        sig == SIGINT ? "SIGINT" : "SIGTERM");
	server_stop(s, 10);
	/* No request runs now: a background import still running is abandoned. */
	api_import_jobs_free(o.app.import_jobs);
	store_session_cache_free(o.app.session_cache);
	report_render_release();
	if (logf)
		fclose(logf);
	return 0;
}

int cli_test_http(int argc, char **argv)
{
	const char *url = cli_opt(argc, argv, "db");
	if (!url) {
		fputs("usage: khuyencong test-http --db PATH [--now YYYY-MM-DDTHH:MM:SSZ] "
		      "< request.txt\n",
		        stderr);
		return 2;
	}
	HttpApp app;
	if (app_opts(argc, argv, &app))
		return 2;
	Buf in;
	buf_init(&in, app.limits.header_bytes + app.limits.upload_bytes + 4);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
		buf_append(&in, chunk, n);
	Arena arena = {0};
	HttpReq q;
	HttpRes res;
	http_res_init(&res, 256 * 1024 * 1024);
	Err e = {0};
	Db *db = NULL;
	bool answered = true;
	int rc = buf_err(&in) ? err_field(&e, "body", KC_ETOOBIG, "Yêu cầu quá lớn")
	                      : http_parse_raw(&q, buf_cstr(&in), in.len, &app.limits, &arena, &e);
	if (rc) {
		int status = rc != KC_ETOOBIG ? 400 : !strcmp(e.field, "headers") ? 431 : 413;
		http_res_error(
		        &res, status, status == 400 ? "bad_request" : "too_large", NULL, e.msg);
	} else if (db_open(&db, url, &e)) {
		fprintf(stderr, "khuyencong: cannot open '%s': %s\n", url, e.msg);
		answered = false;
	} else {
		q.remote = "127.0.0.1";
		http_handle(&app, db, &q, &res, &arena);
	}
	if (answered) {
		Buf out;
		buf_init(&out, res.body.len + 8192);
		http_res_raw(&res, &out);
		fwrite(buf_cstr(&out), 1, out.len, stdout);
		buf_free(&out);
	}
	db_close(db);
	report_render_release();
	http_res_free(&res);
	arena_free(&arena);
	buf_free(&in);
	return answered ? 0 : 1;
}
