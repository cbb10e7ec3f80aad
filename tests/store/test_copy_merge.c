/* test_copy_merge.c — many provinces' databases copied into one national
 * database (store_copy.h). Two provinces generated apart (io_gen.h, Cần Thơ
 * and Hà Nội), so their ids overlap, each an SQLite file as a province has
 * it, copied into an initialised national database of the engine under test
 * (PostgreSQL under KC_TEST_DB=pg) and into an SQLite one: every row once,
 * every reference to the right row, the checks pass, the national reports
 * are the sums of the provinces', copying again adds nothing; and what must
 * be refused is refused with nothing written. */
#include "harness.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "io/io_gen.h"
#include "report/report.h"
#include "report/report_render.h"
#include "store/store_admin.h"
#include "store/store_check.h"
#include "store/store_copy.h"
#include "store/store_establishment.h"
#include "store/store_instance.h"
#include "store/store_migrate.h"
#include "store/store_user.h"

static const Actor loader = {.name = "system", .via = "cli", .now = "2026-11-20T07:00:00Z"};
static const Actor ministry = {.name = "admin", .via = "cli", .now = "2026-11-22T07:00:00Z"};

static TmpDb dir;      /* the folder of the SQLite files */
static char base[256]; /* migrated, units and templates loaded: a province's start */
static char a_path[256], b_path[256];

/* ---- Databases ------------------------------------------------------------------------- */

static int copy_file(const char *from, const char *to)
{
	char cmd[640];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	return system(cmd) ? -1 : 0;
}

/* An SQLite file of the folder, a copy of the base file with an identity of
 * its own, opened. */
static Db *from_base(const char *name, char *path, size_t cap)
{
	snprintf(path, cap, "%s/%s", dir.dir, name);
	Db *db;
	Err e;
	if (copy_file(base, path) || db_open(&db, path, &e) || store_instance_renew(db, &e))
		fail_msg("%s: cannot make it", name);
	return db;
}

/* A province's file: the base and the tiny synthetic data of province code. */
static int province(const char *name, const char *code, char *path, size_t cap)
{
	Db *db = from_base(name, path, cap);
	GenOptions o = {.scale = GEN_TINY, .seed = 7, .province = code};
	GenCounts n;
	Err e = {0};
	int rc = gen_load(db, &loader, &o, &n, &e);
	if (rc)
		fprintf(stderr, "gen_load %s: %s\n", code, e.msg);
	db_close(db);
	return rc;
}

static int setup_group(void **state)
{
	(void)state;
	if (tmpdb_open(&dir, TMPDB_EMPTY))
		return -1;
	snprintf(base, sizeof base, "%s/base.sqlite", dir.dir);
	Db *db;
	Err e = {0};
	if (db_open(&db, base, &e) || store_migrate(db, NULL, &e) ||
	        store_admin_load(db, NULL, &e) || report_templates_load(db, &loader, NULL, &e)) {
		fprintf(stderr, "base: %s\n", e.msg);
		return -1;
	}
	db_close(db);
	return province("a.sqlite", "92", a_path, sizeof a_path) ||
	       province("b.sqlite", "01", b_path, sizeof b_path);
}

static int teardown_group(void **state)
{
	(void)state;
	tmpdb_close(&dir);
	return 0;
}

static Db *open_path(const char *path)
{
	Db *db;
	Err e;
	if (db_open(&db, path, &e))
		fail_msg("%s", e.msg);
	return db;
}

/* A national administrator's account in db. */
static void add_admin(Db *db, const char *username)
{
	User u = store_user_blank();
	u.username = username;
	u.full_name = "Quản trị Bộ Công Thương";
	u.role = ROLE_ADMIN;
	u.national = true;
	int64_t id;
	Err e;
	if (store_user_create(db, &ministry, &u, "mật khẩu đủ dài 2026", &id, &e))
		fail_msg("account: %s", e.msg);
}

/* The national database, initialised as `khuyencong init` does (units and
 * templates loaded at its own time), with its administrator: on the engine
 * under test, or an SQLite file. */
typedef struct National {
	TmpDb t; /* the engine under test */
	char path[256];
	Db *db;
} National;

static void national_open(National *n, bool engine)
{
	*n = (National){0};
	Err e;
	if (engine) {
		assert_int_equal(tmpdb_open(&n->t, TMPDB_LOADED), 0);
		n->db = n->t.db;
		if (report_templates_load(n->db, &ministry, NULL, &e))
			fail_msg("templates: %s", e.msg);
	} else {
		static int serial;
		char name[32];
		snprintf(name, sizeof name, "n%d.sqlite", serial++);
		n->db = from_base(name, n->path, sizeof n->path);
	}
	add_admin(n->db, "admin");
}

static void national_close(National *n)
{
	if (n->t.db)
		tmpdb_close(&n->t);
	else
		db_close(n->db);
}

static void added(void *ctx, const char *table, const CopyCounts *n)
{
	(void)table;
	*(int64_t *)ctx += n->added;
}

/* Copies from into to; the rows it added. Fails the test on an error. */
static int64_t copy_ok(Db *from, Db *to)
{
	Err e;
	Buf conflicts;
	buf_init(&conflicts, 1 << 16);
	int64_t n = 0;
	if (store_copy(from, to, added, &n, &conflicts, &e))
		fail_msg("copy: %s\n%s", e.msg, buf_cstr(&conflicts));
	buf_free(&conflicts);
	return n;
}

/* The conflicts a refused copy names; KC_ECONFLICT is required. */
static void copy_refused(Db *from, Db *to, Buf *conflicts, Err *e)
{
	buf_init(conflicts, 1 << 16);
	assert_int_equal(store_copy(from, to, NULL, NULL, conflicts, e), KC_ECONFLICT);
	assert_contains(e->msg, "chưa chép gì vào đích");
	assert_int_equal(db_depth(to), 0);
}

/* ---- What a database holds, as text ----------------------------------------------------- */

typedef struct Lines {
	char **v;
	size_t n;
} Lines;

/* Appends each row of sql on db as "a|b|c". */
static void lines_add(Lines *l, Db *db, const char *sql)
{
	Stmt *st;
	Err e;
	if (db_prepare(db, sql, &st, &e))
		fail_msg("%s: %s", sql, e.msg);
	int rc;
	while ((rc = db_step(st, &e)) == DB_ROW) {
		Buf b;
		buf_init(&b, 1 << 16);
		for (int i = 0; i < db_col_count(st); i++)
			buf_printf(&b, "%s%s", i ? "|" : "",
			        db_col_null(st, i) ? "∅" : db_col_text(st, i));
		l->v = realloc(l->v, (l->n + 1) * sizeof *l->v);
		assert_non_null(l->v);
		l->v[l->n++] = buf_detach(&b);
	}
	db_done(st);
	assert_int_equal(rc, DB_DONE);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines sorted, one per line, into out; l is freed. */
static void lines_text(Lines *l, Buf *out)
{
	qsort(l->v, l->n, sizeof *l->v, cmp_str);
	buf_init(out, 1 << 24);
	for (size_t i = 0; i < l->n; i++) {
		buf_printf(out, "%s\n", l->v[i]);
		free(l->v[i]);
	}
	free(l->v);
	*l = (Lines){0};
}

/* Fails unless the rows sql gives on n are those it gives on a and b. */
static void same_rows(Db *n, Db *a, Db *b, const char *sql)
{
	Lines ln = {0}, lab = {0};
	lines_add(&ln, n, sql);
	lines_add(&lab, a, sql);
	lines_add(&lab, b, sql);
	assert_true(lab.n > 0);
	Buf x, y;
	lines_text(&ln, &x);
	lines_text(&lab, &y);
	if (strcmp(buf_cstr(&x), buf_cstr(&y)))
		fail_msg("%s:\nnational:\n%.2000s\nprovinces:\n%.2000s", sql, buf_cstr(&x),
		        buf_cstr(&y));
	buf_free(&x);
	buf_free(&y);
}

/* Each row of a province's own, and each reference, as the provinces had
 * them: joined by what the records say, not by their ids. */
static const char *const joins[] = {
        "SELECT p.code, d.kind, d.paid_on, d.amount, d.voucher_no, l.item FROM disbursement d"
        " JOIN project p ON p.id = d.project_id JOIN project_cost_line l ON l.id = d.cost_line_id",
        "SELECT p.code, x.tax_code, x.name, b.role FROM project_beneficiary b"
        " JOIN project p ON p.id = b.project_id JOIN establishment x ON x.id = b.establishment_id",
        "SELECT x.tax_code, x.name, pr.name, c.level, c.year, c.certificate_no FROM certification c"
        " JOIN product pr ON pr.id = c.product_id JOIN establishment x ON x.id ="
        " pr.establishment_id",
        "SELECT p.code, e.from_status, e.to_status, e.event_date, o.name FROM project_event e"
        " JOIN project p ON p.id = e.project_id LEFT JOIN organisation o ON o.id = e.actor_org_id",
        "SELECT p.code, p.title, o.name, g.name FROM project p LEFT JOIN organisation o"
        " ON o.id = p.implementing_id LEFT JOIN programme g ON g.id = p.programme_id",
        "SELECT p.code, l.source_code, l.item, l.approved, l.planned FROM project_cost_line l"
        " JOIN project p ON p.id = l.project_id",
        "SELECT p.code, o.indicator_code, o.planned, o.actual FROM project_output o"
        " JOIN project p ON p.id = o.project_id",
        "SELECT t.title, t.trainees, p.code FROM training_class t LEFT JOIN project p"
        " ON p.id = t.project_id",
        "SELECT a.action, a.at, a.actor, p.code FROM audit_log a JOIN project p"
        " ON a.table_name = 'project' AND a.record_id = CAST(p.id AS TEXT)",
        "SELECT a.action, a.at, x.tax_code, x.name FROM audit_log a JOIN establishment x"
        " ON a.table_name = 'establishment' AND a.record_id = CAST(x.id AS TEXT)",
        "SELECT indicator_code, scope_kind, scope_code, period, figure_kind, value"
        " FROM aggregate_figure",
};

/* Every audit image of a disbursement names the đề án and the cost line
 * the disbursement has now: the ids inside the JSON were rewritten too. */
static void audit_images_follow(Db *db)
{
	Stmt *st;
	Err e;
	assert_int_equal(
	        db_prepare(db,
	                "SELECT a.after_json, d.project_id, d.cost_line_id FROM audit_log a"
	                " JOIN disbursement d ON a.table_name = 'disbursement' AND"
	                " a.record_id = CAST(d.id AS TEXT) WHERE a.action = 'insert'",
	                &st, &e),
	        0);
	int n = 0;
	while (db_step(st, &e) == DB_ROW) {
		json_t *o = json_loads(db_col_text(st, 0), 0, NULL);
		assert_non_null(o);
		assert_int_equal(
		        json_integer_value(json_object_get(o, "project_id")), db_col_int64(st, 1));
		assert_int_equal(json_integer_value(json_object_get(o, "cost_line_id")),
		        db_col_int64(st, 2));
		json_decref(o);
		n++;
	}
	db_done(st);
	assert_true(n > 40);
}

static void count_check(void *ctx, const char *name, const char *label, int64_t n, const char *ex)
{
	(void)label;
	if (n)
		fail_msg("check '%s' failed after the copy: %s", name, ex ? ex : "");
	(*(int *)ctx)++;
}

static void checks_pass(Db *db)
{
	int checks = 0, failed = 0;
	Err e;
	assert_int_equal(store_check(db, count_check, &checks, &failed, &e), 0);
	assert_int_equal(failed, 0);
	assert_true(checks > 5);
}

/* ---- Reports --------------------------------------------------------------------------- */

static ReportTable *report(Db *db, Arena *arena, const char *tpl, const char *period,
        const char *scope, const char *boundaries)
{
	ReportRequest r = {.template_id = tpl,
	        .period = period,
	        .scope = scope,
	        .boundaries = boundaries,
	        .now = "2026-11-22T10:00:00Z"};
	ReportTable *t;
	Err e;
	if (report_compute(db, &r, arena, &t, &e))
		fail_msg("report %s %s %s: %s", tpl, period, scope, e.msg);
	return t;
}

/* The value of column j in the row of t labelled as row r is (rows that
 * list what a province has differ between them), 0 where t has none. */
static int64_t value_like(const ReportTable *t, const ReportRow *r, int j)
{
	for (int i = 0; i < t->n_rows; i++)
		if (!strcmp(t->rows[i].label, r->label) && t->rows[i].depth == r->depth &&
		        !strcmp(t->rows[i].unit ? t->rows[i].unit : "", r->unit ? r->unit : ""))
			return t->rows[i].cells[j].type == CELL_NUM ? t->rows[i].cells[j].v : 0;
	return 0;
}

/* Fails unless each count and sum of the nation's report on n is the sum
 * of the same cell on a and b. */
static void nation_is_the_sum(Db *n, Db *a, Db *b, const char *tpl, const char *period)
{
	Arena arena = {0};
	ReportTable *tn = report(n, &arena, tpl, period, "nation", NULL),
	            *ta = report(a, &arena, tpl, period, "nation", NULL),
	            *tb = report(b, &arena, tpl, period, "nation", NULL);
	assert_int_equal(tn->n_cols, ta->n_cols);
	assert_true(tn->n_rows >= ta->n_rows && tn->n_rows >= tb->n_rows);
	int nonzero = 0;
	for (int i = 0; i < tn->n_rows; i++)
		for (int j = 0; j < tn->n_cols; j++) {
			const ReportRow *r = &tn->rows[i];
			const ReportCell *x = &r->cells[j];
			if (x->kind != VK_COUNT && x->kind != VK_MONEY)
				continue;
			int64_t v = x->type == CELL_NUM ? x->v : 0, va = value_like(ta, r, j),
			        vb = value_like(tb, r, j);
			if (v != va + vb)
				fail_msg(
				        "%s %s row %d '%s' column '%s': %lld, provinces %lld + %lld",
				        tpl, period, i, r->label, tn->cols[j].id, (long long)v,
				        (long long)va, (long long)vb);
			nonzero += v != 0;
		}
	assert_true(nonzero > 3);
	arena_free(&arena);
}

/* Fails unless a province's report on n is, as JSON, its report on p. */
static void province_is_its_own(
        Db *n, Db *p, const char *tpl, const char *period, const char *scope)
{
	Arena arena = {0};
	Buf x, y;
	buf_init(&x, 1 << 22);
	buf_init(&y, 1 << 22);
	Err e;
	ReportTable *tn = report(n, &arena, tpl, period, scope, "current"),
	            *tp = report(p, &arena, tpl, period, scope, "current");
	assert_int_equal(report_render_json(tn, &x, &e), 0);
	assert_int_equal(report_render_json(tp, &y, &e), 0);
	assert_true(tn->n_rows > 0);
	assert_string_equal(buf_cstr(&x), buf_cstr(&y));
	buf_free(&x);
	buf_free(&y);
	arena_free(&arena);
}

/* ---- The tests ------------------------------------------------------------------------- */

static void merge_into(bool engine)
{
	Db *a = open_path(a_path), *b = open_path(b_path);
	National n;
	national_open(&n, engine);
	assert_true(db_scalar(a, "SELECT MIN(id) FROM project") ==
	            db_scalar(b, "SELECT MIN(id) FROM project")); /* the ids overlap */
	assert_true(copy_ok(a, n.db) > 1000);
	assert_true(copy_ok(b, n.db) > 1000);
	/* Every record once. */
	const char *counts[] = {"project", "establishment", "disbursement", "project_event",
	        "product", "certification", "aggregate_figure", "project_cost_line",
	        /* the provinces' own history; both start from the same file, whose
	         * rows of loaded templates are the same rows */
	        "audit_log WHERE table_name NOT IN ('report_template_version', 'app_user')"};
	char sql[160];
	for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
		snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", counts[i]);
		if (db_scalar(n.db, sql) != db_scalar(a, sql) + db_scalar(b, sql))
			fail_msg("%s: %lld, provinces %lld + %lld", counts[i],
			        (long long)db_scalar(n.db, sql), (long long)db_scalar(a, sql),
			        (long long)db_scalar(b, sql));
	}
	/* Shared reference data once. */
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM support_rule"),
	        db_scalar(a, "SELECT COUNT(*) FROM support_rule"));
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM admin_unit"),
	        db_scalar(a, "SELECT COUNT(*) FROM admin_unit"));
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM report_template_version"),
	        db_scalar(a, "SELECT COUNT(*) FROM report_template_version"));
	/* Every reference to the right row. */
	for (size_t i = 0; i < sizeof joins / sizeof *joins; i++)
		same_rows(n.db, a, b, joins[i]);
	audit_images_follow(n.db);
	/* The search words follow their renumbered establishments: each word
	 * is the start of a word of its establishment's name, and every
	 * establishment has words. */
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM establishment_word w LEFT JOIN"
	                                 " establishment e ON e.id = w.establishment_id WHERE"
	                                 " e.id IS NULL OR (' ' || e.name_key) NOT LIKE ('% ' ||"
	                                 " substr(w.word, 1, 8) || '%')"),
	        0);
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM establishment e WHERE NOT EXISTS"
	                                 " (SELECT 1 FROM establishment_word w WHERE"
	                                 " w.establishment_id = e.id) AND e.name_key <> ''"),
	        0);
	checks_pass(n.db);
	/* The reports: the nation's the sums, each province's its own. */
	nation_is_the_sum(n.db, a, b, "ket_qua_thuc_hien", "2024");
	nation_is_the_sum(n.db, a, b, "ket_qua_thuc_hien", "2025");
	nation_is_the_sum(n.db, a, b, "co_so_cnnt", "2024");
	province_is_its_own(n.db, a, "ket_qua_thuc_hien", "2025", "province:current:92");
	province_is_its_own(n.db, b, "ket_qua_thuc_hien", "2025", "province:current:01");
	/* Copying again, either, adds nothing and changes nothing. */
	uint64_t sum = tmpdb_checksum(n.db);
	assert_int_equal(copy_ok(a, n.db), 0);
	assert_int_equal(copy_ok(b, n.db), 0);
	assert_true(tmpdb_checksum(n.db) == sum);
	db_close(a);
	db_close(b);
	national_close(&n);
}

static void provinces_merge_into_the_engine_under_test(void **state)
{
	(void)state;
	merge_into(true);
}

static void provinces_merge_into_sqlite(void **state)
{
	(void)state;
	merge_into(false);
}

/* A copy of the national database (a backup, or a move to the other
 * engine) keeps every id, and knows where its rows came from: the
 * provinces copied into it again add nothing. */
static void a_copy_of_the_merge_knows_where_rows_came_from(void **state)
{
	(void)state;
	Db *a = open_path(a_path), *b = open_path(b_path);
	National n;
	national_open(&n, true);
	copy_ok(a, n.db);
	copy_ok(b, n.db);
	char path[300];
	snprintf(path, sizeof path, "%s/backup.sqlite", dir.dir);
	Db *s = open_path(path);
	assert_true(copy_ok(n.db, s) > 1000);
	assert_true(tmpdb_checksum(s) != 0);
	for (size_t i = 0; i < sizeof joins / sizeof *joins; i++)
		same_rows(s, a, b, joins[i]);
	assert_int_equal(db_scalar(s, "SELECT MAX(id) FROM project"),
	        db_scalar(n.db, "SELECT MAX(id) FROM project"));
	assert_int_equal(copy_ok(a, s), 0);
	assert_int_equal(copy_ok(b, s), 0);
	assert_int_equal(copy_ok(n.db, s), 0);
	assert_int_equal(copy_ok(s, n.db), 0); /* and back: each row is the same row */
	db_close(s);
	remove(path);
	db_close(a);
	db_close(b);
	national_close(&n);
}

/* A province's accounts come into the national database disabled, renamed
 * when the name is taken, with their tokens revoked; their records keep
 * naming them. Once copied they are the national administrator's. */
static void accounts_come_disabled_and_are_then_left_alone(void **state)
{
	(void)state;
	char path[300];
	Db *p = from_base("accounts.sqlite", path, sizeof path);
	add_admin(p, "admin");
	User u = store_user_blank();
	u.username = "can.bo";
	u.full_name = "Nguyễn Thị Lan";
	u.role = ROLE_STAFF;
	u.provinces[u.n_provinces++] = "current:92";
	int64_t staff, token_id;
	Err e;
	assert_int_equal(store_user_create(p, &ministry, &u, "một mật khẩu dài", &staff, &e), 0);
	char token[TOKEN_TEXT_LEN];
	assert_int_equal(store_token_create(p, &ministry, staff, "Hệ thống tỉnh", true, NULL, token,
	                         &token_id, &e),
	        0);
	National n;
	national_open(&n, true);
	int64_t admins = db_scalar(n.db, "SELECT COUNT(*) FROM app_user");
	copy_ok(p, n.db);
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM app_user"), admins + 2);
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM app_user WHERE active = 1"), admins);
	assert_int_equal(
	        db_scalar(n.db, "SELECT COUNT(*) FROM app_user WHERE username LIKE 'admin.%'"), 1);
	assert_int_equal(
	        db_scalar(n.db, "SELECT COUNT(*) FROM api_token WHERE revoked_at IS NULL"), 0);
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM user_province"), 1);
	Arena arena = {0};
	Principal who;
	assert_int_equal(store_token_lookup(n.db, token, "2026-11-23T00:00:00Z", &arena, &who, &e),
	        KC_ENOTFOUND);
	/* The audit rows of the province's account name the account it became. */
	assert_int_equal(
	        db_scalar(n.db, "SELECT COUNT(*) FROM audit_log a JOIN app_user u ON a.table_name ="
	                        " 'app_user' AND a.record_id = CAST(u.id AS TEXT) WHERE"
	                        " u.username = 'can.bo'"),
	        1);
	/* The administrator enables it; a later copy leaves it so. */
	User x;
	assert_int_equal(store_user_by_name(n.db, "can.bo", &arena, &x, &e), 0);
	x.active = true;
	assert_int_equal(store_user_update(n.db, &ministry, &x, &e), 0);
	assert_int_equal(copy_ok(p, n.db), 0);
	assert_int_equal(
	        db_scalar(n.db, "SELECT active FROM app_user WHERE username = 'can.bo'"), 1);
	arena_free(&arena);
	db_close(p);
	national_close(&n);
}

/* The same establishment (its tax code) in two provinces' files is named,
 * not merged, and nothing is written. */
static void a_natural_key_in_two_provinces_is_refused(void **state)
{
	(void)state;
	char path[300];
	Db *a = open_path(a_path), *p = from_base("dup.sqlite", path, sizeof path);
	Err e;
	Arena arena = {0};
	int64_t first = db_scalar(
	                a, "SELECT MIN(id) FROM establishment WHERE tax_code IS NOT NULL"),
	        id;
	Establishment x;
	assert_int_equal(store_establishment_get(a, first, &arena, &x, &e), 0);
	x.name = "Cơ sở cùng mã số thuế";
	assert_int_equal(store_establishment_create(p, &loader, &x, &id, &e), 0);
	National n;
	national_open(&n, true);
	copy_ok(a, n.db);
	uint64_t sum = tmpdb_checksum(n.db);
	Buf conflicts;
	copy_refused(p, n.db, &conflicts, &e);
	char want[160];
	snprintf(want, sizeof want,
	        "establishment id=%lld: trùng tax_code='%s' với bản ghi id=", (long long)id,
	        x.tax_code);
	assert_contains(buf_cstr(&conflicts), want);
	assert_true(tmpdb_checksum(n.db) == sum);
	buf_free(&conflicts);
	arena_free(&arena);
	db_close(a);
	db_close(p);
	national_close(&n);
}

/* After a copy, a record changed in the province is a conflict when the
 * province is copied again, and its new records wait with it. */
static void a_record_changed_since_is_refused(void **state)
{
	(void)state;
	char path[300];
	Db *a = open_path(a_path), *b = open_path(b_path);
	snprintf(path, sizeof path, "%s/a2.sqlite", dir.dir);
	assert_int_equal(copy_file(a_path, path), 0);
	Db *a2 = open_path(path); /* the same instance as a, worked on since */
	National n;
	national_open(&n, true);
	copy_ok(b, n.db);
	copy_ok(a, n.db);
	Err e;
	Arena arena = {0};
	int64_t id = db_scalar(a2, "SELECT MAX(id) FROM establishment"), added_id;
	Establishment x;
	assert_int_equal(store_establishment_get(a2, id, &arena, &x, &e), 0);
	x.workers = x.workers + 5;
	assert_int_equal(store_establishment_update(a2, &loader, &x, &e), 0);
	Establishment y = store_establishment_blank();
	y.name = "Cơ sở mới sau lần chép";
	y.legal_form = "sme";
	y.province_list = "current";
	y.province_code = "92";
	assert_int_equal(store_establishment_create(a2, &loader, &y, &added_id, &e), 0);
	uint64_t sum = tmpdb_checksum(n.db);
	Buf conflicts;
	copy_refused(a2, n.db, &conflicts, &e);
	char want[160];
	snprintf(want, sizeof want,
	        "establishment id=%lld: cột 'workers' khác với bản đã chép vào đích",
	        (long long)id);
	assert_contains(buf_cstr(&conflicts), want);
	assert_true(tmpdb_checksum(n.db) == sum);
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM establishment WHERE name ="
	                                 " 'Cơ sở mới sau lần chép'"),
	        0);
	buf_free(&conflicts);
	arena_free(&arena);
	db_close(a);
	db_close(a2);
	db_close(b);
	remove(path);
	national_close(&n);
}

/* Shared reference data edited in a province is a conflict named by its
 * key: a seeded rule (keyed by its id) and a code list (by its code). */
static void an_edited_reference_row_is_refused(void **state)
{
	(void)state;
	char path[300];
	Db *p = from_base("rules.sqlite", path, sizeof path);
	Err e;
	assert_int_equal(db_exec(p,
	                         "UPDATE support_rule SET cap_dong = 123000000 WHERE id = 1;"
	                         " UPDATE sector SET label_vi = 'Ngành sửa ở tỉnh' WHERE code ="
	                         " (SELECT MIN(code) FROM sector)",
	                         &e),
	        0);
	National n;
	national_open(&n, true);
	uint64_t sum = tmpdb_checksum(n.db);
	Buf conflicts;
	copy_refused(p, n.db, &conflicts, &e);
	assert_contains(buf_cstr(&conflicts),
	        "support_rule id=1: dữ liệu dùng chung đã bị sửa ở nguồn: cột 'cap_dong' khác với bản"
	        " ở đích\n");
	assert_contains(buf_cstr(&conflicts), ": cột 'label_vi' khác với bản đã có ở đích\n");
	assert_contains(e.msg, "2 bản ghi của nguồn xung đột");
	assert_true(tmpdb_checksum(n.db) == sum);
	buf_free(&conflicts);
	db_close(p);
	national_close(&n);
}

/* The history of a record deleted before the copy, whose id the national
 * database gives another record, is named by the province's instance and
 * its old id: it stays, and is not hung on someone else's record. */
static void a_deleted_records_history_names_no_other_record(void **state)
{
	(void)state;
	char path[300];
	Db *a = open_path(a_path), *p = from_base("deleted.sqlite", path, sizeof path);
	Err e;
	Establishment x = store_establishment_blank();
	x.name = "Cơ sở còn lại";
	x.legal_form = "sme";
	x.province_list = "current";
	x.province_code = "92";
	int64_t kept, gone;
	assert_int_equal(store_establishment_create(p, &loader, &x, &kept, &e), 0);
	x.name = "Cơ sở đã xóa";
	assert_int_equal(store_establishment_create(p, &loader, &x, &gone, &e), 0);
	assert_int_equal(store_establishment_delete(p, &loader, gone, 1, &e), 0);
	National n;
	national_open(&n, true);
	copy_ok(a, n.db);
	assert_true(db_scalar(n.db, "SELECT MAX(id) FROM establishment") > gone);
	copy_ok(p, n.db);
	char inst[STORE_INSTANCE_LEN], sql[256];
	assert_int_equal(store_instance_id(p, inst, &e), 0);
	snprintf(sql, sizeof sql,
	        "SELECT COUNT(*) FROM audit_log WHERE table_name = 'establishment' AND record_id ="
	        " '%.8s:%lld'",
	        inst, (long long)gone);
	assert_int_equal(db_scalar(n.db, sql), 2); /* its insert and its delete */
	/* no record here has a deletion in its history */
	assert_int_equal(db_scalar(n.db, "SELECT COUNT(*) FROM audit_log a JOIN establishment x ON"
	                                 " a.record_id = CAST(x.id AS TEXT) AND a.table_name ="
	                                 " 'establishment' WHERE a.action = 'delete'"),
	        0);
	checks_pass(n.db);
	db_close(a);
	db_close(p);
	national_close(&n);
}

/* A file copied with cp is the same database: copying one into the other
 * is refused. */
static void the_same_instance_is_refused(void **state)
{
	(void)state;
	char path[300];
	snprintf(path, sizeof path, "%s/same.sqlite", dir.dir);
	assert_int_equal(copy_file(a_path, path), 0);
	Db *a = open_path(a_path), *s = open_path(path);
	Err e;
	assert_int_equal(store_copy(a, s, NULL, NULL, NULL, &e), KC_EINVAL);
	assert_contains(e.msg, "nguồn và đích là cùng một cơ sở dữ liệu");
	db_close(a);
	db_close(s);
	remove(path);
}

/* Every column that looks like a reference is one the copy rewrites or
 * knows to leave; a new one without a foreign key is named. */
static void every_reference_is_known(void **state)
{
	(void)state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_MIGRATED), 0);
	Buf out;
	buf_init(&out, 4096);
	Err e;
	assert_int_equal(store_copy_unknown_refs(t.db, &out, &e), 0);
	assert_string_equal(buf_cstr(&out), "");
	assert_int_equal(db_exec(t.db,
	                         "CREATE TABLE note (id INTEGER PRIMARY KEY, project_id BIGINT"
	                         " REFERENCES project(id), checked_by BIGINT, text TEXT)",
	                         &e),
	        0);
	assert_int_equal(store_copy_unknown_refs(t.db, &out, &e), 0);
	assert_string_equal(buf_cstr(&out), "note.checked_by\n");
	buf_free(&out);
	tmpdb_close(&t);
}

int main(void)
{
	struct CMUnitTest t[] = {
	        cmocka_unit_test(provinces_merge_into_the_engine_under_test),
	        cmocka_unit_test(provinces_merge_into_sqlite),
	        cmocka_unit_test(a_copy_of_the_merge_knows_where_rows_came_from),
	        cmocka_unit_test(accounts_come_disabled_and_are_then_left_alone),
	        cmocka_unit_test(a_natural_key_in_two_provinces_is_refused),
	        cmocka_unit_test(a_record_changed_since_is_refused),
	        cmocka_unit_test(an_edited_reference_row_is_refused),
	        cmocka_unit_test(a_deleted_records_history_names_no_other_record),
	        cmocka_unit_test(the_same_instance_is_refused),
	        cmocka_unit_test(every_reference_is_known),
	};
	return cmocka_run_group_tests_name("store/copy_merge", t, setup_group, teardown_group);
}
