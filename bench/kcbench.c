/* kcbench.c — the in-process half of `make bench` (bench/run.sh drives the
 * rest: the server under wrk, nginx, memory).
 *
 *   kcbench session --db PATH            signs the bench account in; prints
 *                                        "cookie: kc_session=..." and a đề án id
 *   kcbench api --db PATH [--rounds N] [--case NAME]
 *                                        our request path against its raw SQL
 *                                        (NAME: api_list, api_detail or
 *                                        api_search alone, for a profiler)
 *   kcbench report --db PATH [--rounds N] reports against their aggregate SQL
 *   kcbench dashboard --db PATH [--rounds N] [--case province|nation]
 *                                        the dashboard page of a province-year
 *                                        and of the country as served (server
 *                                        time), and the totals read alone
 *                                        (--case: that page alone, 1 + N*10
 *                                        requests untimed, for a profiler)
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
#include "store/store_session_cache.h"
#include "store/store_totals.h"
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

/* One statement of a raw path, with its parameters (all-digit ones bound
 * as integers). */
typedef struct Raw {
	const char *sql;
	const char *binds[6];
} Raw;

/* The raw path of an answer: the statements the store runs for it, each
 * read whole (every column of every row) — except the alternatives of a
 * list by current province, which the store merges by their order keys
 * (the last two columns: sort_key, id) and steps only as far as the page:
 * the raw path steps them alike and reads every column of the 50 rows. */
typedef struct Case {
	const char *name;
	const char *path;  /* with its query */
	const Raw *merged; /* NULL-terminated by sql; may be NULL */
	const Raw *whole;  /* NULL-terminated by sql */
} Case;

#define PROJECT_COLUMNS                                                                            \
	"id, code, title, kind, level, type, scope, activity_code, province_list, province_code,"  \
	" commune_list, commune_code, implementing_id, programme_id, plan_id, registration_year,"  \
	" start_year, end_year, eligible_from, eligible_to, objective, note, status, status_date," \
	" version"

/* The current province whose đề án the list filters: Cần Thơ, which took
 * in Sóc Trăng and Hậu Giang (legacy 92, 93, 94 and current 92); the store
 * reads one range of project_place_status per province recorded in it. */
#define LIST_ARM                                                                                   \
	"SELECT " PROJECT_COLUMNS ", sort_key, id FROM project WHERE province_list = ?"            \
	" AND province_code = ? AND status = ? ORDER BY sort_key, id LIMIT ?"
/* The total: kept by the store (store_totals_count), read from its rows
 * of the province and those merged into it, whatever the year (0). */
#define LIST_COUNT                                                                                 \
	"SELECT CAST(COALESCE(SUM(t.projects), 0) AS BIGINT) FROM (SELECT 'current' AS list,"      \
	" CAST(? AS TEXT) AS code UNION ALL SELECT 'legacy', s.old_code FROM admin_succession s"   \
	" WHERE s.old_list = 'legacy' AND s.old_level = 'province' AND s.new_list = 'current'"     \
	" AND s.new_level = 'province' AND s.new_code = ?) p JOIN project_total t"                 \
	" ON t.year = ? AND t.province_list = p.list AND t.province_code = p.code"                 \
	" WHERE t.source_code = '' AND t.status = ?"
static const Raw list_merged[] = {
        {LIST_ARM, {"current", "92", "settled", "50"}},
        {LIST_ARM, {"legacy", "92", "settled", "50"}},
        {LIST_ARM, {"legacy", "93", "settled", "50"}},
        {LIST_ARM, {"legacy", "94", "settled", "50"}},
        {NULL},
};
static const Raw list_whole[] = {
        {"SELECT old_code FROM admin_succession WHERE old_list = 'legacy'"
         " AND old_level = 'province' AND new_list = 'current' AND new_level = 'province'"
         " AND new_code = ? ORDER BY old_code",
                {"92"}},
        {LIST_COUNT, {"92", "92", "0", "settled"}},
        {NULL},
};
static Raw detail_whole[] = {{"SELECT * FROM project WHERE id = ?", {NULL}}, {NULL}};
/* A search typed without diacritics: a range of the names' words
 * (store_words.h), checked against the whole name, sorted by name; the total
 * counted only when the page is full. "banh pia" matches no name of the
 * generated data (the best case: the range is empty), "dong tam" 13 000
 * (the worst the data has: every match is read and sorted). */
#define ESTABLISHMENT_COLUMNS                                                                      \
	"id, name, legal_form, tax_code, address, province_list, province_code, commune_list,"     \
	" commune_code, sector_code, workers, revenue, women_owned, ethnic_minority_labour,"       \
	" craft_village, survey_year, representative, phone, version"
#define SEARCH_WHERE                                                                               \
	" WHERE id IN (SELECT establishment_id FROM establishment_word WHERE word >= ?"            \
	" AND word < ?) AND name_key LIKE ? ESCAPE '!'"
#define SEARCH_PAGE                                                                                \
	"SELECT " ESTABLISHMENT_COLUMNS " FROM establishment" SEARCH_WHERE                         \
	" ORDER BY sort_key, id LIMIT ? OFFSET ?"
#define SEARCH_COUNT "SELECT COUNT(*) FROM establishment" SEARCH_WHERE
#define AFTER_ALL    "\xF4\x8F\xBF\xBF" /* U+10FFFF */
static const Raw search_whole[] = {
        {SEARCH_PAGE, {"banh pia", "banh pia" AFTER_ALL, "%banh pia%", "50", "0"}},
        {NULL},
};
static const Raw search_common_whole[] = {
        {SEARCH_PAGE, {"dong tam", "dong tam" AFTER_ALL, "%dong tam%", "50", "0"}},
        {SEARCH_COUNT, {"dong tam", "dong tam" AFTER_ALL, "%dong tam%"}},
        {NULL},
};

/* Runs one request through the whole path; its status. The body's length
 * goes into *bytes, and the body into body unless it is NULL. */
static int request_body(
        const HttpApp *app, Db *db, const char *cookie, const char *path, size_t *bytes, Buf *body)
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
	if (body)
		buf_append(body, res.body.data, res.body.len);
	http_res_free(&res);
	arena_free(&arena);
	return status;
}

static int request(const HttpApp *app, Db *db, const char *cookie, const char *path, size_t *bytes)
{
	return request_body(app, db, cookie, path, bytes, NULL);
}

/* Prepares r with its parameters bound. */
static int prepare(Db *db, const Raw *r, Stmt **st, Err *e)
{
	int rc = db_prepare(db, r->sql, st, e);
	for (int i = 0; rc == 0 && i < 6 && r->binds[i]; i++) {
		const char *b = r->binds[i];
		if (b[strspn(b, "0123456789")] == '\0')
			db_bind_int64(*st, i + 1, strtoll(b, NULL, 10));
		else
			db_bind_str(*st, i + 1, b);
	}
	return rc;
}

/* Reads every column of the row st is on. */
static size_t read_all(Stmt *st)
{
	size_t sink = 0;
	for (int k = 0, n = db_col_count(st); k < n; k++)
		sink += strlen(db_col_text(st, k));
	return sink;
}

/* Whether the row of a comes before b's by their last two columns. */
static bool before(Stmt *a, Stmt *b)
{
	int n = db_col_count(a);
	int c = strcmp(db_col_text(a, n - 2), db_col_text(b, n - 2));
	return c < 0 || (c == 0 && db_col_int64(a, n - 1) < db_col_int64(b, n - 1));
}

/* Steps the merged statements of c for 50 rows, reading them whole. */
static int raw_merged(Db *db, const Case *c, Err *e)
{
	enum { ARMS = 8 };
	Stmt *st[ARMS] = {0};
	bool live[ARMS] = {0};
	int n = 0, rc = 0;
	for (; rc == 0 && n < ARMS && c->merged[n].sql; n++)
		if ((rc = prepare(db, &c->merged[n], &st[n], e)) == 0) {
			rc = db_step(st[n], e);
			live[n] = rc == DB_ROW;
			rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
		}
	size_t sink = 0;
	for (int rows = 0; rc == 0 && rows < 50; rows++) {
		int best = -1;
		for (int a = 0; a < n; a++)
			if (live[a] && (best < 0 || before(st[a], st[best])))
				best = a;
		if (best < 0)
			break;
		sink += read_all(st[best]);
		rc = db_step(st[best], e);
		live[best] = rc == DB_ROW;
		rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
	}
	for (int a = 0; a < n; a++)
		if (st[a])
			db_done(st[a]);
	(void)sink;
	return rc;
}

/* Runs the case's statements once, reading every column of every row. */
/* Not inlined, so that a profiler can count it apart (callgrind --toggle-collect=raw). */
__attribute__((noinline)) static int raw(Db *db, const Case *c, Err *e)
{
	int rc = c->merged ? raw_merged(db, c, e) : 0;
	for (const Raw *r = c->whole; rc == 0 && r->sql; r++) {
		Stmt *st;
		if ((rc = prepare(db, r, &st, e)))
			break;
		size_t sink = 0;
		while ((rc = db_step(st, e)) == DB_ROW)
			sink += read_all(st);
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

static int api(Db *db, const HttpApp *app, const char *cookie, int rounds, const char *only, Err *e)
{
	char id[24];
	Stmt *st;
	int rc = db_prepare(db, "SELECT MAX(id) / 2 FROM project", &st, e);
	if (rc || (rc = db_step(st, e)) != DB_ROW)
		return rc;
	snprintf(id, sizeof id, "%lld", (long long)db_col_int64(st, 0));
	db_done(st);
	char detail[64];
	snprintf(detail, sizeof detail, "/api/v1/projects/%s", id);
	detail_whole[0].binds[0] = id;
	const Case cases[] = {
	        {"api_list", "/api/v1/projects?province=92&status=settled&limit=50", list_merged,
	                list_whole},
	        {"api_detail", detail, NULL, detail_whole},
	        {"api_search", "/api/v1/establishments?q=banh+pia&limit=50", NULL, search_whole},
	        {"api_search_common", "/api/v1/establishments?q=dong+tam&limit=50", NULL,
	                search_common_whole},
	};
	enum { CASES = sizeof cases / sizeof cases[0] };
	double ours[CASES][MAX_ROUNDS], base[CASES][MAX_ROUNDS], ratio[CASES][MAX_ROUNDS];
	bool skip[CASES];
	for (int c = 0; c < CASES; c++)
		skip[c] = only && strcmp(only, cases[c].name);
	for (int c = 0; c < CASES; c++) /* warm the caches and the statement cache */
		if (!skip[c])
			per_call(app, db, cookie, &cases[c], true, 0.2, e),
			        per_call(app, db, cookie, &cases[c], false, 0.2, e);
	for (int r = 0; r < rounds; r++)
		for (int c = 0; c < CASES; c++) {
			if (skip[c])
				continue;
			ours[c][r] = per_call(app, db, cookie, &cases[c], true, 0.5, e) * 1e3;
			base[c][r] = per_call(app, db, cookie, &cases[c], false, 0.5, e) * 1e3;
			ratio[c][r] = ours[c][r] / base[c][r];
		}
	for (int c = 0; c < CASES; c++) {
		if (skip[c])
			continue;
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

/* ---- The dashboard ------------------------------------------------------------------ */

/* Milliseconds per request of path, over at least min_s. */
static double page_ms(
        const HttpApp *app, Db *db, const char *cookie, const char *path, double min_s)
{
	int n = 0;
	double t0 = now(), t;
	size_t bytes;
	do {
		if (request(app, db, cookie, path, &bytes) != 200) {
			fprintf(stderr, "kcbench: %s failed\n", path);
			exit(1);
		}
		n++;
		t = now() - t0;
	} while (t < min_s);
	return t / n * 1e3;
}

/* Whether path answers the whole dashboard (every section, a figure on the
 * map, the đề án by status), so that what is timed is the page as served,
 * not an error or an empty year; says what is missing. */
static int whole_page(const HttpApp *app, Db *db, const char *cookie, const char *path, Err *e)
{
	static const char *const parts[] = {"id=\"bang-tinh\"", "data-value=\"",
	        "id=\"theo-nguon\"", "id=\"theo-noi-dung\"", "id=\"can-theo-doi\"",
	        "class=\"big\""};
	Buf body;
	buf_init(&body, 64u << 20);
	size_t bytes;
	int status = request_body(app, db, cookie, path, &bytes, &body), rc = 0;
	if (status != 200)
		rc = err_set(e, KC_EIO, "%s answered %d", path, status);
	for (size_t i = 0; rc == 0 && i < sizeof parts / sizeof *parts; i++)
		if (!strstr(buf_cstr(&body), parts[i]))
			rc = err_set(e, KC_EIO, "%s: the page has no %s", path, parts[i]);
	if (rc == 0)
		printf("%s_bytes: %zu\n", strchr(path, '&') ? "dashboard" : "dashboard_nation",
		        bytes);
	buf_free(&body);
	return rc;
}

/* The page of Cần Thơ (current 92: legacy 92, 93, 94) in 2024 and of the
 * whole country, as the server answers them (http_handle: sign-in, scope,
 * the figures, the HTML), and the province's totals read alone
 * (store_totals.h). The page no longer computes the year's report (a link
 * since issue 9), so that is not measured here: `kcbench report` times
 * the reports. */
static int dashboard(
        Db *db, const HttpApp *app, const char *cookie, int rounds, const char *only, Err *e)
{
	static const char province[] = "/?year=2024&province=92", nation[] = "/?year=2024";
	double prov[MAX_ROUNDS], all[MAX_ROUNDS], store[MAX_ROUNDS];
	if (only) {
		const char *path = !strcmp(only, "province") ? province
		                   : !strcmp(only, "nation") ? nation
		                                             : NULL;
		size_t bytes;
		for (int i = 0; path && i < 1 + rounds * 10; i++)
			if (request(app, db, cookie, path, &bytes) != 200)
				path = NULL;
		if (!path)
			return err_set(e, KC_EINVAL, "--case %s: unknown or failed", only);
		return 0;
	}
	int rc = whole_page(app, db, cookie, province, e);
	if (rc || (rc = whole_page(app, db, cookie, nation, e)))
		return rc;
	page_ms(app, db, cookie, province, 0.2);
	page_ms(app, db, cookie, nation, 0.2);
	for (int r = 0; r < rounds; r++) {
		prov[r] = page_ms(app, db, cookie, province, 0.5);
		all[r] = page_ms(app, db, cookie, nation, 0.5);
		int n = 0;
		double t0 = now();
		do {
			Arena arena = {0};
			TotalsRows t;
			rc = store_totals_read(db, "92", 2024, &arena, &t, e);
			arena_free(&arena);
			if (rc)
				return rc;
			n++;
		} while (now() - t0 < 0.5);
		store[r] = (now() - t0) / n * 1e3;
	}
	print("dashboard_ms", prov, rounds, "ms");
	print("dashboard_nation_ms", all, rounds, "ms");
	print("dashboard_totals_ms", store, rounds, "ms");
	return 0;
}

/* ---- Main ------------------------------------------------------------------------- */

int main(int argc, char **argv)
{
	const char *url = argc > 2 ? cli_opt(argc - 1, argv + 1, "db") : NULL;
	const char *r = argc > 2 ? cli_opt(argc - 1, argv + 1, "rounds") : NULL;
	int rounds = r ? (int)strtol(r, NULL, 10) : 5;
	if (!url || rounds < 1 || rounds > MAX_ROUNDS) {
		fputs("usage: kcbench session|api|report|dashboard --db PATH [--rounds 1..15]"
		      " [--case NAME]\n",
		        stderr);
		return 2;
	}
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fprintf(stderr, "kcbench: %s\n", e.msg);
		return 1;
	}
	/* As khuyencong serve runs: sessions remembered five seconds. */
	HttpApp app = {.limits = http_limits(),
	        .sessions = store_session_policy(),
	        .version = "bench",
	        .session_cache = store_session_cache_new(5)};
	char cookie[96];
	int rc = sign_in(db, &app, cookie, sizeof cookie, &e);
	if (rc == 0 && !strcmp(argv[1], "session"))
		printf("cookie: %s\n", cookie);
	else if (rc == 0 && !strcmp(argv[1], "api"))
		rc = api(db, &app, cookie, rounds, cli_opt(argc - 1, argv + 1, "case"), &e);
	else if (rc == 0 && !strcmp(argv[1], "report"))
		rc = reports(db, rounds, &e);
	else if (rc == 0 && !strcmp(argv[1], "dashboard"))
		rc = dashboard(db, &app, cookie, rounds, cli_opt(argc - 1, argv + 1, "case"), &e);
	if (rc)
		fprintf(stderr, "kcbench: %s\n", e.msg);
	db_close(db);
	store_session_cache_free(app.session_cache);
	report_render_release();
	return rc ? 1 : 0;
}
