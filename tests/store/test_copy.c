/* test_copy.c — khuyencong copy's store function: a whole database into
 * another. Under KC_TEST_DB=pg the database under test is PostgreSQL, so the
 * round trip goes PostgreSQL → SQLite → PostgreSQL → SQLite; else all SQLite. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "io/io_demo.h"
#include "report/report.h"
#include "report/report_render.h"
#include "store/store_check.h"
#include "store/store_copy.h"
#include "store/store_totals.h"
#include "store/store_establishment.h"
#include "store/store_admin.h"
#include "store/store_migrate.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T09:00:00Z"};

typedef struct Fx {
	TmpDb t; /* the database under test, loaded, with the sample */
} Fx;

static int setup(void **state)
{
	Fx *f = calloc(1, sizeof *f);
	if (!f || tmpdb_open(&f->t, TMPDB_LOADED))
		return -1;
	tmpdb_sample(f->t.db, 3, NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fx *f = *state;
	tmpdb_close(&f->t);
	free(f);
	return 0;
}

/* An SQLite file in the test's folder, opened (created empty). */
static Db *sqlite_in(const Fx *f, const char *name)
{
	char path[160];
	snprintf(path, sizeof path, "%s/%s", f->t.dir, name);
	Db *db;
	Err e;
	if (db_open(&db, path, &e))
		fail_msg("%s", e.msg);
	return db;
}

static void copy_ok(Db *from, Db *to)
{
	Err e;
	Buf conflicts;
	buf_init(&conflicts, 1 << 16);
	int rc = store_copy(from, to, NULL, NULL, &conflicts, &e);
	if (rc)
		fail_msg("copy: %s\n%s", e.msg, buf_cstr(&conflicts));
	buf_free(&conflicts);
}

/* Fails unless every table of a holds what the same table of b holds. */
static void same_contents(Db *a, Db *b)
{
	DbTable *t = calloc(256, sizeof *t);
	int n = 0;
	Err e;
	assert_non_null(t);
	assert_int_equal(db_tables(a, t, 256, &n, &e), 0);
	assert_true(n > 40);
	for (int i = 0; i < n; i++) {
		if (!strcmp(t[i].name, "schema_migrations") || !strcmp(t[i].name, "user_session") ||
		        !strcmp(t[i].name, "db_instance") || !strcmp(t[i].name, "copy_origin"))
			continue; /* each database's own */
		if (!strcmp(t[i].name, "project_total")) {
			/* Rebuilt by the copy from the records: the same sums, though
			 * the kept table may also hold rows that went back to zero. */
			static char sql[16384];
			assert_true(strlen(store_totals_differences_sql) + 40 < sizeof sql);
			snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM (%s) d",
			        store_totals_differences_sql);
			assert_int_equal(db_scalar(a, sql), 0);
			assert_int_equal(db_scalar(b, sql), 0);
			continue;
		}
		char ha[65], hb[65];
		int64_t ra, rb;
		assert_int_equal(store_table_checksum(a, t[i].name, ha, &ra, &e), 0);
		assert_int_equal(store_table_checksum(b, t[i].name, hb, &rb, &e), 0);
		if (ra != rb || strcmp(ha, hb))
			fail_msg("table '%s': %lld rows %s, %lld rows %s", t[i].name, (long long)ra,
			        ha, (long long)rb, hb);
	}
	free(t);
}

static void noop(void *ctx, const char *name, const char *label, int64_t n, const char *ex)
{
	(void)label, (void)ex;
	if (n)
		fail_msg("check '%s' failed after the copy", name);
	(*(int *)ctx)++;
}

static void round_trip_is_identical(void **state)
{
	Fx *f = *state;
	Db *a = sqlite_in(f, "a.sqlite"), *c = sqlite_in(f, "c.sqlite");
	TmpDb b;
	assert_int_equal(tmpdb_open(&b, TMPDB_EMPTY), 0);
	copy_ok(f->t.db, a); /* the engine under test → SQLite */
	copy_ok(a, b.db);    /* → the engine under test, empty */
	copy_ok(b.db, c);    /* → SQLite */
	same_contents(f->t.db, a);
	same_contents(f->t.db, b.db);
	same_contents(f->t.db, c);
	assert_true(db_scalar(b.db, "SELECT COUNT(*) FROM disbursement") == 6);
	/* The copy passes the checks, and new records take the next ids. */
	int checks = 0, failed = 0;
	Err e;
	assert_int_equal(store_check(b.db, noop, &checks, &failed, &e), 0);
	assert_int_equal(failed, 0);
	assert_true(checks > 5);
	Establishment x = store_establishment_blank();
	x.name = "Hợp tác xã mây tre đan Phú Vinh";
	x.legal_form = "coop";
	x.province_list = "legacy";
	x.province_code = "94";
	int64_t id = 0;
	assert_int_equal(store_establishment_create(b.db, &officer, &x, &id, &e), 0);
	assert_int_equal(id, db_scalar(f->t.db, "SELECT MAX(id) FROM establishment") + 1);
	db_close(a);
	db_close(c);
	tmpdb_close(&b);
}

/* Fails unless a report of the demonstration data comes out the same, as
 * JSON, from x and y. */
static void same_report(Db *x, Db *y, const char *tpl, const char *period, const char *scope)
{
	ReportRequest r = {.template_id = tpl,
	        .period = period,
	        .scope = scope,
	        .now = "2026-11-22T10:00:00Z"};
	Arena arena = {0};
	ReportTable *tx, *ty;
	Err e;
	Buf bx, by;
	buf_init(&bx, 1 << 22);
	buf_init(&by, 1 << 22);
	if (report_compute(x, &r, &arena, &tx, &e) || report_render_json(tx, &bx, &e) ||
	        report_compute(y, &r, &arena, &ty, &e) || report_render_json(ty, &by, &e))
		fail_msg("report %s %s %s: %s", tpl, period, scope, e.msg);
	assert_true(tx->n_rows > 0);
	assert_string_equal(buf_cstr(&bx), buf_cstr(&by));
	buf_free(&bx);
	buf_free(&by);
	arena_free(&arena);
}

/* The demonstration data (io_demo.c: five provinces' đề án, money, events,
 * activities, figures, audit rows) from an SQLite file through the engine
 * under test and back: SQLite → PostgreSQL → SQLite under KC_TEST_DB=pg. */
static void demo_data_round_trip(void **state)
{
	(void)state;
	TmpDb src, mid;
	Err e;
	assert_int_equal(tmpdb_open(&src, TMPDB_EMPTY), 0);
	db_close(src.db); /* the source is an SQLite file whatever the engine */
	char path[160];
	snprintf(path, sizeof path, "%s/demo.sqlite", src.dir);
	Db *a = NULL, *c = NULL;
	assert_int_equal(db_open(&a, path, &e), 0);
	src.db = NULL;
	const Actor loader = {.name = "demo", .via = "cli", .now = "2026-11-22T07:00:00Z"};
	if (store_migrate(a, NULL, &e) || store_admin_load(a, NULL, &e) ||
	        report_templates_load(a, &loader, NULL, &e) || demo_load(a, &loader, &e))
		fail_msg("demo: %s", e.msg);
	assert_true(db_scalar(a, "SELECT COUNT(*) FROM project") > 50);
	assert_int_equal(tmpdb_open(&mid, TMPDB_EMPTY), 0);
	copy_ok(a, mid.db);
	snprintf(path, sizeof path, "%s/back.sqlite", src.dir);
	assert_int_equal(db_open(&c, path, &e), 0);
	copy_ok(mid.db, c);
	same_contents(a, mid.db);
	same_contents(a, c);
	/* And the reports over them: the same JSON from either engine. */
	same_report(a, mid.db, "ket_qua_thuc_hien", "2016-H1", "province:94");
	same_report(a, mid.db, "co_so_cnnt", "2016", "nation");
	int checks = 0, failed = 0;
	assert_int_equal(store_check(mid.db, noop, &checks, &failed, &e), 0);
	assert_int_equal(failed, 0);
	db_close(a);
	db_close(c);
	tmpdb_close(&mid);
	tmpdb_close(&src);
}

static void copying_again_adds_nothing(void **state)
{
	Fx *f = *state;
	Db *a = sqlite_in(f, "a.sqlite");
	copy_ok(f->t.db, a);
	int64_t audits = db_scalar(a, "SELECT COUNT(*) FROM audit_log");
	copy_ok(f->t.db, a);
	assert_int_equal(db_scalar(a, "SELECT COUNT(*) FROM audit_log"), audits);
	same_contents(f->t.db, a);
	db_close(a);
}

static void conflicts_are_named_and_nothing_is_written(void **state)
{
	Fx *f = *state;
	Db *a = sqlite_in(f, "a.sqlite");
	Err e;
	copy_ok(f->t.db, a);
	/* The destination changed a record; the source gained another. */
	assert_int_equal(db_exec(a, "UPDATE establishment SET name = 'Khác' WHERE id = 2", &e), 0);
	Establishment x = store_establishment_blank();
	x.name = "Cơ sở mới";
	x.legal_form = "sme";
	x.province_list = "legacy";
	x.province_code = "94";
	int64_t id;
	assert_int_equal(store_establishment_create(f->t.db, &officer, &x, &id, &e), 0);
	Buf conflicts;
	buf_init(&conflicts, 4096);
	assert_int_equal(store_copy(f->t.db, a, NULL, NULL, &conflicts, &e), KC_ECONFLICT);
	assert_contains(e.msg, "1 bản ghi của nguồn xung đột với đích; chưa chép gì");
	assert_contains(
	        buf_cstr(&conflicts), "establishment id=2: cột 'name' khác với bản đã có ở đích\n");
	buf_free(&conflicts);
	Stmt *st;
	assert_int_equal(
	        db_prepare(a, "SELECT COUNT(*) FROM establishment WHERE id = ?", &st, &e), 0);
	db_bind_int64(st, 1, id);
	int64_t n = -1;
	assert_int_equal(db_run_int64(st, &n, &e), 0);
	db_done(st);
	assert_int_equal(n, 0);
	assert_int_equal(db_depth(a), 0);
	db_close(a);
}

static void sessions_stay_behind(void **state)
{
	Fx *f = *state;
	Err e;
	assert_int_equal(
	        db_exec(f->t.db,
	                "INSERT INTO app_user (id, username, full_name, password_hash, role,"
	                " created_at, updated_at, password_changed_at) VALUES (7, 'can.bo',"
	                " 'Nguyễn Thị Lan', '$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA',"
	                " 'staff', 't', 't', 't');"
	                "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at,"
	                " last_seen_at, expires_at) VALUES ('ab12', 7, 'cd34', 't', 't', 't')",
	                &e),
	        0);
	Db *a = sqlite_in(f, "a.sqlite");
	copy_ok(f->t.db, a);
	assert_int_equal(
	        db_scalar(a, "SELECT COUNT(*) FROM app_user WHERE username = 'can.bo'"), 1);
	assert_int_equal(db_scalar(a, "SELECT COUNT(*) FROM user_session"), 0);
	db_close(a);
}

static void source_must_be_current(void **state)
{
	Fx *f = *state;
	Db *empty = sqlite_in(f, "empty.sqlite"), *a = sqlite_in(f, "a.sqlite");
	Err e;
	assert_int_equal(store_copy(empty, a, NULL, NULL, NULL, &e), KC_EINVAL);
	assert_contains(e.msg, "phiên bản lược đồ 0");
	db_close(empty);
	db_close(a);
}

int main(void)
{
	struct CMUnitTest t[] = {
	        cmocka_unit_test_setup_teardown(round_trip_is_identical, setup, teardown),
	        cmocka_unit_test(demo_data_round_trip),
	        cmocka_unit_test_setup_teardown(copying_again_adds_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(
	                conflicts_are_named_and_nothing_is_written, setup, teardown),
	        cmocka_unit_test_setup_teardown(sessions_stay_behind, setup, teardown),
	        cmocka_unit_test_setup_teardown(source_must_be_current, setup, teardown),
	};
	return cmocka_run_group_tests_name("store/copy", t, NULL, NULL);
}
