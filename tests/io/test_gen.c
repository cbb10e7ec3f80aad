/* test_gen.c — the synthetic national data (io/io_gen.h) at its tiny scale:
 * what it holds, that the store's checks pass on it, that the same seed
 * writes the same data and another seed other data, and that it refuses a
 * database with records. The national scale is the same code with bigger
 * numbers; make bench generates it. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "fixture.h"
#include "io/io_gen.h"
#include "store/store_check.h"

static const Actor loader = {
        .user_id = 0, .name = "system", .via = "cli", .now = "2026-11-22T08:00:00Z"};

static TmpDb shared;
static GenCounts counts;

static int load(TmpDb *t, uint64_t seed, GenCounts *n)
{
	Err e = {0};
	GenOptions o = {.scale = GEN_TINY, .seed = seed, .batch = 50};
	if (tmpdb_open(t, TMPDB_LOADED))
		return -1;
	if (gen_load(t->db, &loader, &o, n, &e)) {
		fprintf(stderr, "gen_load: %s (%s)\n", e.msg, e.field);
		return -1;
	}
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return load(&shared, 1, &counts);
}

static int teardown(void **state)
{
	(void)state;
	tmpdb_close(&shared);
	return 0;
}

static void counts_match_the_database(void **state)
{
	(void)state;
	Db *db = shared.db;
	assert_int_equal(counts.projects, db_scalar(db, "SELECT COUNT(*) FROM project"));
	assert_int_equal(
	        counts.establishments, db_scalar(db, "SELECT COUNT(*) FROM establishment"));
	assert_int_equal(counts.products, db_scalar(db, "SELECT COUNT(*) FROM product"));
	assert_int_equal(
	        counts.certifications, db_scalar(db, "SELECT COUNT(*) FROM certification"));
	assert_int_equal(counts.figures, db_scalar(db, "SELECT COUNT(*) FROM aggregate_figure"));
	/* Cần Thơ took in Sóc Trăng and Hậu Giang: 6 đề án a year for 2023–2025. */
	assert_int_equal(counts.projects, 18);
	assert_true(counts.establishments >= 390);
	assert_int_equal(counts.products, 30);
}

static void every_province_and_year_has_its_projects(void **state)
{
	(void)state;
	Db *db = shared.db;
	/* Before 2025 in the legacy provinces it took in, in 2025 in Cần Thơ itself. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(DISTINCT province_code) FROM project WHERE"
	                               " province_list = 'legacy'"),
	        3);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project WHERE province_list ="
	                               " 'current' AND province_code = '92' AND start_year = 2025"),
	        6);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project WHERE province_list ="
	                               " 'legacy' AND start_year = 2025"),
	        0);
}

static void projects_have_lines_money_and_history(void **state)
{
	(void)state;
	Db *db = shared.db;
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project p WHERE NOT EXISTS (SELECT 1"
	                               " FROM project_cost_line l WHERE l.project_id = p.id)"),
	        0);
	/* Every đề án past its approval's first year was paid something. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project p WHERE p.status IN"
	                               " ('accepted', 'settled', 'closed') AND NOT EXISTS (SELECT"
	                               " 1 FROM disbursement d WHERE d.project_id = p.id)"),
	        0);
	/* Settled đề án were paid in full: net disbursements = approved state support. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project p WHERE p.status = 'settled'"
	                               " AND (SELECT SUM(l.approved) FROM project_cost_line l"
	                               " JOIN funding_source f ON f.code = l.source_code WHERE"
	                               " f.is_state = 1 AND l.project_id = p.id) <> (SELECT"
	                               " SUM(d.amount) FROM disbursement d WHERE d.project_id ="
	                               " p.id)"),
	        0);
	/* Each move is an event after 'draft': registered first, the final state last. */
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project p WHERE (SELECT COUNT(*)"
	                               " FROM project_event e WHERE e.project_id = p.id) < 5"),
	        0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project p WHERE p.version <>"
	                               " (SELECT COUNT(*) FROM project_event e WHERE e.project_id"
	                               " = p.id)"),
	        0);
}

static void audited_as_the_store_audits(void **state)
{
	(void)state;
	Db *db = shared.db;
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project p WHERE NOT EXISTS (SELECT 1"
	                               " FROM audit_log a WHERE a.table_name = 'project' AND"
	                               " a.record_id = CAST(p.id AS TEXT) AND a.action ="
	                               " 'update')"),
	        0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM disbursement d WHERE NOT EXISTS"
	                               " (SELECT 1 FROM audit_log a WHERE a.table_name ="
	                               " 'disbursement' AND a.record_id = CAST(d.id AS TEXT))"),
	        0);
}

static void show_failure(
        void *ctx, const char *name, const char *label_vi, int64_t failures, const char *examples)
{
	(void)ctx;
	if (failures)
		fprintf(stderr, "check %s (%s): %lld, %s\n", name, label_vi, (long long)failures,
		        examples);
}

static void no_check_finds_a_problem(void **state)
{
	(void)state;
	int failed = -1;
	Err e = {0};
	assert_int_equal(store_check(shared.db, show_failure, NULL, &failed, &e), 0);
	assert_int_equal(failed, 0);
}

/* What a load wrote, as text: the same data gives the same text. */
static void digest(Db *d, Buf *out)
{
	Stmt *st;
	Err e;
	static const char *const sql[] = {
	        "SELECT p.code || '|' || p.title || '|' || p.status || '|' || p.status_date ||"
	        " '|' || (SELECT SUM(approved) FROM project_cost_line l WHERE l.project_id = p.id)"
	        " FROM project p ORDER BY p.code",
	        "SELECT name || '|' || COALESCE(tax_code, '') || '|' || address FROM establishment"
	        " ORDER BY id",
	        "SELECT certificate_no FROM certification ORDER BY id",
	        "SELECT paid_on || amount FROM disbursement ORDER BY id",
	};
	for (size_t i = 0; i < COUNT_OF(sql); i++) {
		assert_int_equal(db_prepare(d, sql[i], &st, &e), 0);
		while (db_step(st, &e) == DB_ROW)
			buf_printf(out, "%s\n", db_col_text(st, 0));
		db_done(st);
	}
	assert_int_equal(buf_err(out), 0);
}

static void the_same_seed_the_same_data(void **state)
{
	(void)state;
	TmpDb t, u;
	GenCounts n;
	assert_int_equal(load(&t, 1, &n), 0);
	assert_int_equal(load(&u, 2, &n), 0);
	Buf a, b, c;
	buf_init(&a, 1 << 24), buf_init(&b, 1 << 24), buf_init(&c, 1 << 24);
	digest(shared.db, &a);
	digest(t.db, &b);
	digest(u.db, &c);
	assert_true(a.len > 10000);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_false(a.len == c.len && !memcmp(a.data, c.data, a.len));
	buf_free(&a), buf_free(&b), buf_free(&c);
	tmpdb_close(&t);
	tmpdb_close(&u);
}

static void refuses_a_database_with_records(void **state)
{
	(void)state;
	GenCounts n;
	GenOptions o = {.scale = GEN_TINY, .seed = 1};
	Err e = {0};
	int64_t before = db_scalar(shared.db, "SELECT COUNT(*) FROM audit_log");
	assert_int_equal(gen_load(shared.db, &loader, &o, &n, &e), KC_ECONFLICT);
	assert_contains(e.msg, "đã có đề án hoặc cơ sở");
	assert_int_equal(db_scalar(shared.db, "SELECT COUNT(*) FROM audit_log"), before);
}

static void an_unknown_province_is_refused(void **state)
{
	(void)state;
	TmpDb t;
	GenCounts n;
	GenOptions o = {.scale = GEN_PROVINCE, .seed = 1, .province = "94"};
	Err e = {0};
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	assert_int_equal(gen_load(t.db, &loader, &o, &n, &e), KC_EINVAL);
	assert_string_equal(e.field, "province");
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM project"), 0);
	tmpdb_close(&t);
}

static void scales_are_parsed(void **state)
{
	(void)state;
	assert_int_equal(gen_scale_parse("national"), GEN_NATIONAL);
	assert_int_equal(gen_scale_parse("province"), GEN_PROVINCE);
	assert_int_equal(gen_scale_parse("tiny"), GEN_TINY);
	assert_int_equal(gen_scale_parse("huge"), -1);
	assert_int_equal(gen_scale_parse(NULL), -1);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, counts_match_the_database);
	TL_ADD(&tl, every_province_and_year_has_its_projects);
	TL_ADD(&tl, projects_have_lines_money_and_history);
	TL_ADD(&tl, audited_as_the_store_audits);
	TL_ADD(&tl, no_check_finds_a_problem);
	TL_ADD(&tl, the_same_seed_the_same_data);
	TL_ADD(&tl, refuses_a_database_with_records);
	TL_ADD(&tl, an_unknown_province_is_refused);
	TL_ADD(&tl, scales_are_parsed);
	return tl_run_setup(&tl, "io_gen", setup, teardown);
}
