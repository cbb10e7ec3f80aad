/* kcbench.c — the in-process half of `make bench` (bench/run.sh drives the
 * rest: the server under wrk, nginx, memory).
 *
 *   kcbench session --db PATH            signs the bench account in; prints
 *                                        "cookie: kc_session=..." and a đề án id
 *   kcbench api --db PATH [--rounds N]   our request path against its raw SQL
 *   kcbench report --db PATH [--rounds N] reports against their aggregate SQL
 *
 * Every figure is a pair measured in the same round, ours then the limit's,
 * so that whatever else runs on the machine weighs on both; a round repeats
 * each pair and the figure is the median of the rounds' ratios, with the
 * smallest and largest. Output: one "name: value" line per figure.
 *
 * Our path is http_handle (the router, sign-in, parameters, scope, handler,
 * store, JSON writer: everything the server runs for a request except the
 * socket), with a real session cookie; the raw path is the same SQL
 * statements through the C API, reading every column of every row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "http/http_router.h"
#include "report/report.h"
#include "store/store_user.h"

#define USER     "bench.ministry"
#define PASSWORD "mat-khau-do-hieu-nang"

enum { MAX_ROUNDS = 15 };

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The median, smallest and largest of v[0..n). */
typedef struct Spread {
	double median, min, max;
} Spread;

static Spread spread(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp);
	double m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	return (Spread){m, v[0], v[n - 1]};
}

static void print(const char *name, double *v, int n, const char *unit)
{
	Spread s = spread(v, n);
	printf("%s: %.3f\n", name, s.median);
	printf("%s_range: %.3f-%.3f%s%s\n", name, s.min, s.max, unit[0] ? " " : "", unit);
}

/* ---- The session ------------------------------------------------------------------ */

/* Signs the bench account in (creating it, national, the first time); the
 * cookie goes into out. */
static int sign_in(Db *db, const HttpApp *app, char *out, size_t cap, Err *e)
{
	Actor a = {.name = "bench", .via = "cli"};
	User u = store_user_blank();
	u.username = USER, u.full_name = "Đo hiệu năng", u.role = ROLE_MINISTRY;
	u.national = true;
	int64_t id;
	int rc = store_user_create(db, &a, &u, PASSWORD, &id, e);
	if (rc == KC_ECONFLICT)
		rc = 0; /* made by an earlier run */
	char token[TOKEN_TEXT_LEN];
	int retry;
	Arena arena = {0};
	Principal p;
	if (rc == 0)
		rc = store_session_login(db, &app->sessions, USER, PASSWORD, "127.0.0.1", NULL,
		        token, &retry, &arena, &p, e);
	if (rc == 0)
		snprintf(out, cap, HTTP_SESSION_COOKIE "=%s", token);
	arena_free(&arena);
	return rc;
}

/* ---- The API ---------------------------------------------------------------------- */

typedef struct Case {
	const char *name;
	const char *path;       /* with its query */
	const char *const *sql; /* the statements the answer needs, NULL-terminated */
	int n_binds;            /* text binds of each statement, in order: binds[] */
	const char *binds[4];
} Case;

/* The current province whose đề án the list filters (Cần Thơ took in Sóc
 * Trăng and Hậu Giang: legacy 92, 93, 94 and current 92). */
static const char *const list_sql[] = {
        "SELECT COUNT(*) FROM project WHERE ((province_list = 'current' AND province_code = ?1)"
        " OR (province_list = 'legacy' AND province_code IN (SELECT old_code FROM"
        " admin_succession WHERE old_list = 'legacy' AND old_level = 'province' AND new_list ="
        " 'current' AND new_level = 'province' AND new_code = ?1))) AND status = ?2",
        "SELECT * FROM project WHERE ((province_list = 'current' AND province_code = ?1)"
        " OR (province_list = 'legacy' AND province_code IN (SELECT old_code FROM"
        " admin_succession WHERE old_list = 'legacy' AND old_level = 'province' AND new_list ="
        " 'current' AND new_level = 'province' AND new_code = ?1))) AND status = ?2"
        " ORDER BY sort_key, id LIMIT 50",
        NULL};
static const char *const detail_sql[] = {"SELECT * FROM project WHERE id = ?1", NULL};
static const char *const search_sql[] = {
        "SELECT COUNT(*) FROM establishment WHERE name_key LIKE ?1 ESCAPE '!'",
        "SELECT * FROM establishment WHERE name_key LIKE ?1 ESCAPE '!' ORDER BY sort_key, id"
        " LIMIT 50",
        NULL};

/* Runs one request through the whole path; its status. */
static int request(const HttpApp *app, Db *db, const char *cookie, const char *path, size_t *bytes)
{
	Arena arena = {0};
	HttpReq q = {.method = "GET", .remote = "127.0.0.1"};
	const char *qmark = strchr(path, '?');
	q.path = arena_strndup(&arena, path, qmark ? (size_t)(qmark - path) : strlen(path));
	Err e = {0};
	if (qmark)
		http_parse_query(&q, qmark + 1, strlen(qmark + 1), &arena, &e);
	q.headers[q.n_headers++] = (HttpPair){"Host", "localhost"};
	q.headers[q.n_headers++] = (HttpPair){"Cookie", cookie};
	HttpRes res;
	http_res_init(&res, 64 * 1024 * 1024);
	http_handle(app, db, &q, &res, &arena);
	int status = res.status;
	*bytes = res.body.len;
	http_res_free(&res);
	arena_free(&arena);
	return status;
}

/* Runs the case's statements once, reading every column of every row. */
static int raw(Db *db, const Case *c, Err *e)
{
	int rc = 0;
	for (const char *const *s = c->sql; rc == 0 && *s; s++) {
		Stmt *st;
		if ((rc = db_prepare(db, *s, &st, e)))
			break;
		for (int i = 0; i < c->n_binds; i++)
			db_bind_str(st, i + 1, c->binds[i]);
		size_t sink = 0;
		while ((rc = db_step(st, e)) == DB_ROW)
			for (int k = 0, n = db_col_count(st); k < n; k++)
				sink += strlen(db_col_text(st, k));
		db_done(st);
		rc = rc == DB_DONE ? 0 : rc;
		(void)sink;
	}
	return rc;
}

/* Seconds per call of ours (1) or the raw path (0), over at least min_s. */
static double per_call(const HttpApp *app, Db *db, const char *cookie, const Case *c, bool ours,
        double min_s, Err *e)
{
	int n = 0;
	double t0 = now(), t;
	size_t bytes;
	do {
		for (int k = 0; k < 10; k++, n++)
			if (ours ? request(app, db, cookie, c->path, &bytes) != 200
			         : raw(db, c, e) != 0) {
				fprintf(stderr, "kcbench: %s failed (%s)\n", c->name,
				        ours ? "request" : e->msg);
				exit(1);
			}
		t = now() - t0;
	} while (t < min_s);
	return t / n;
}

static int api(Db *db, const HttpApp *app, const char *cookie, int rounds, Err *e)
{
	char id[24], pattern[64] = "%banh pia%";
	Stmt *st;
	int rc = db_prepare(db, "SELECT MAX(id) / 2 FROM project", &st, e);
	if (rc || (rc = db_step(st, e)) != DB_ROW)
		return rc;
	snprintf(id, sizeof id, "%lld", (long long)db_col_int64(st, 0));
	db_done(st);
	char detail[64];
	snprintf(detail, sizeof detail, "/api/v1/projects/%s", id);
	const Case cases[] = {
	        {"api_list", "/api/v1/projects?province=92&status=settled&limit=50", list_sql, 2,
	                {"92", "settled"}},
	        {"api_detail", detail, detail_sql, 1, {id}},
	        {"api_search", "/api/v1/establishments?q=banh+pia&limit=50", search_sql, 1,
	                {pattern}},
	};
	enum { CASES = sizeof cases / sizeof cases[0] };
	double ours[CASES][MAX_ROUNDS], base[CASES][MAX_ROUNDS], ratio[CASES][MAX_ROUNDS];
	for (int c = 0; c < CASES; c++) /* warm the caches and the statement cache */
		per_call(app, db, cookie, &cases[c], true, 0.2, e),
		        per_call(app, db, cookie, &cases[c], false, 0.2, e);
	for (int r = 0; r < rounds; r++)
		for (int c = 0; c < CASES; c++) {
			ours[c][r] = per_call(app, db, cookie, &cases[c], true, 0.5, e) * 1e3;
			base[c][r] = per_call(app, db, cookie, &cases[c], false, 0.5, e) * 1e3;
			ratio[c][r] = ours[c][r] / base[c][r];
		}
	for (int c = 0; c < CASES; c++) {
		char name[64];
		snprintf(name, sizeof name, "%s_server_ms", cases[c].name);
		print(name, ours[c], rounds, "ms");
		snprintf(name, sizeof name, "%s_raw_ms", cases[c].name);
		print(name, base[c], rounds, "ms");
		snprintf(name, sizeof name, "%s_overhead", cases[c].name);
		print(name, ratio[c], rounds, "");
	}
	return 0;
}

/* ---- Reports ---------------------------------------------------------------------- */

typedef struct Rep {
	const char *name, *template_id, *period;
} Rep;

static int reports(Db *db, int rounds, Err *e)
{
	static const Rep reps[] = {
	        {"report_national", "ket_qua_thuc_hien", "2024"},
	        {"report_phase", "tong_hop_giai_doan", "2021-2025"},
	};
	static const struct {
		const char *name;
		ReportFormat f;
	} formats[] = {{"json", FMT_JSON}, {"xlsx", FMT_XLSX}, {"pdf", FMT_PDF}};
	enum { REPS = 2, FORMATS = 3 };
	double total[REPS][FORMATS][MAX_ROUNDS], ratio[REPS][FORMATS][MAX_ROUNDS];
	double sql[REPS][MAX_ROUNDS];
	int queries[REPS] = {0};
	for (int r = 0; r < rounds; r++)
		for (int k = 0; k < REPS; k++)
			for (int f = 0; f < FORMATS; f++) {
				Arena arena = {0};
				ReportRequest q = {.template_id = reps[k].template_id,
				        .period = reps[k].period,
				        .scope = "nation"};
				ReportTable *t;
				Buf out;
				buf_init(&out, 256u << 20);
				double t0 = now();
				int rc = report_compute(db, &q, &arena, &t, e);
				if (rc == 0)
					rc = report_render(t, formats[f].f, NULL, &out, e);
				double t1 = now() - t0;
				buf_free(&out);
				if (rc) {
					arena_free(&arena);
					return rc;
				}
				total[k][f][r] = t1 * 1e3;
				ratio[k][f][r] = t1 / t->query_seconds;
				if (f == 0)
					sql[k][r] = t->query_seconds * 1e3;
				queries[k] = t->queries;
				arena_free(&arena);
			}
	for (int k = 0; k < REPS; k++) {
		char name[64];
		snprintf(name, sizeof name, "%s_sql_ms", reps[k].name);
		print(name, sql[k], rounds, "ms");
		printf("%s_queries: %d\n", reps[k].name, queries[k]);
		for (int f = 0; f < FORMATS; f++) {
			snprintf(name, sizeof name, "%s_%s_ms", reps[k].name, formats[f].name);
			print(name, total[k][f], rounds, "ms");
			snprintf(
			        name, sizeof name, "%s_%s_overhead", reps[k].name, formats[f].name);
			print(name, ratio[k][f], rounds, "");
		}
	}
	return 0;
}

/* ---- Main ------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
	const char *url = argc > 2 ? cli_opt(argc - 1, argv + 1, "db") : NULL;
	const char *r = argc > 2 ? cli_opt(argc - 1, argv + 1, "rounds") : NULL;
	int rounds = r ? (int)strtol(r, NULL, 10) : 5;
	if (!url || rounds < 1 || rounds > MAX_ROUNDS) {
		fputs("usage: kcbench session|api|report --db PATH [--rounds 1..15]\n", stderr);
		return 2;
	}
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fprintf(stderr, "kcbench: %s\n", e.msg);
		return 1;
	}
	HttpApp app = {
	        .limits = http_limits(), .sessions = store_session_policy(), .version = "bench"};
	char cookie[96];
	int rc = sign_in(db, &app, cookie, sizeof cookie, &e);
	if (rc == 0 && !strcmp(argv[1], "session"))
		printf("cookie: %s\n", cookie);
	else if (rc == 0 && !strcmp(argv[1], "api"))
		rc = api(db, &app, cookie, rounds, &e);
	else if (rc == 0 && !strcmp(argv[1], "report"))
		rc = reports(db, rounds, &e);
	if (rc)
		fprintf(stderr, "kcbench: %s\n", e.msg);
	db_close(db);
	report_render_release();
	return rc ? 1 : 0;
}
