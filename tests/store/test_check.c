/* test_check.c — the integrity and consistency checks find what they name. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_check.h"

typedef struct Seen {
	int checks;
	char failed[1024]; /* names of the checks that found something */
} Seen;

static void note(
        void *ctx, const char *name, const char *label_vi, int64_t failures, const char *examples)
{
	Seen *s = ctx;
	(void)label_vi, (void)examples;
	s->checks++;
	if (failures) {
		strncat(s->failed, name, sizeof s->failed - strlen(s->failed) - 2);
		strncat(s->failed, " ", sizeof s->failed - strlen(s->failed) - 1);
	}
}

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || tmpdb_open(t, TMPDB_LOADED))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

static void run(Db *db, Seen *s, int *failed)
{
	Err e;
	*s = (Seen){0};
	assert_int_equal(store_check(db, note, s, failed, &e), 0);
}

static void clean_database_passes(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Seen s;
	int failed = -1;
	run(db, &s, &failed);
	assert_int_equal(failed, 0);
	assert_string_equal(s.failed, "");
	assert_true(s.checks >= 10);
}

/* A đề án written behind the store's back: no events, no audit row. */
static const char bare_project[] =
        "INSERT INTO project (id, code, title, level, activity_code, province_list, province_code,"
        " registration_year, start_year, end_year, status, title_key, sort_key, created_at,"
        " updated_at) VALUES (7, 'ST-01', 'Bánh pía', 'national', 'C03_DEMO_TECH', 'legacy',"
        " '94', 2018, 2019, 2019, 'in_progress', 'banh pia', 'x', 't', 't')";

typedef struct Breakage {
	const char *sql;   /* what goes wrong */
	const char *check; /* the check that must say so */
} Breakage;

static const Breakage breakages[] = {
        {bare_project, "project_status_matches_events"},
        {bare_project, "records_have_audit"},
        {"DELETE FROM admin_succession WHERE old_level = 'province' AND old_code = '94'",
                "legacy_provinces_have_successors"},
        {"INSERT INTO establishment (name, legal_form, province_list, province_code,"
         " commune_list, commune_code, name_key, sort_key, created_at, updated_at) VALUES"
         " ('x', 'sme', 'legacy', '94', 'legacy', '00004', 'x', 'x', 't', 't')",
                "commune_in_province"},
        {"INSERT INTO establishment (name, legal_form, province_list, province_code, name_key,"
         " sort_key, created_at, updated_at) VALUES ('x', 'sme', 'legacy', '941', 'x', 'x', 't',"
         " 't')",
                "unit_levels"},
        {"UPDATE period_rule SET is_default = 1", "one_default_period_rule"},
        {"INSERT INTO app_user (username, full_name, password_hash, role, created_at,"
         " updated_at, password_changed_at) VALUES ('x', 'x', '$argon2id$v=19$...', 'staff', 't',"
         " 't', 't')",
                "accounts_have_a_scope"},
        {"INSERT INTO app_user (id, username, full_name, password_hash, role, national,"
         " created_at, updated_at, password_changed_at) VALUES (5, 'x', 'x', '$argon2id$v=19$...',"
         " 'ministry', 1, 't', 't', 't'); INSERT INTO user_province VALUES (5, 'current', '92')",
                "accounts_have_a_scope"},
        {"INSERT INTO app_user (username, full_name, password_hash, role, national, created_at,"
         " updated_at, password_changed_at) VALUES ('x', 'x', 'matkhau123', 'admin', 1, 't', 't',"
         " 't')",
                "passwords_hashed_with_argon2id"},
        /* The dashboard's set at risk (0025) with a đề án no invoice puts there. */
        {"INSERT INTO project_risk (project_id, province_list, province_code, start_year,"
         " end_year, invoices) VALUES (7, 'legacy', '94', 2019, 2019, 1)",
                "project_totals_match_records"},
        {"PRAGMA foreign_keys = OFF; INSERT INTO project_event (project_id, to_status, event_date,"
         " created_at) VALUES (999, 'draft', '2019-01-01', 't'); PRAGMA foreign_keys = ON",
                "foreign_keys"},
};

static void breakage_is_found(void **state)
{
	const Breakage *b = *state;
	TmpDb t;
	Err e;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	if (db_exec(t.db, b->sql, &e))
		fail_msg("%s: %s", b->sql, e.msg);
	Seen s;
	int failed = 0;
	run(t.db, &s, &failed);
	char want[96];
	snprintf(want, sizeof want, "%s ", b->check);
	if (!strstr(s.failed, want))
		fail_msg("check '%s' did not fire; fired: %s", b->check, s.failed);
	assert_true(failed >= 1);
	tmpdb_close(&t);
}

static void money_invariants(void **state)
{
	Db *db = ((TmpDb *)*state)->db;
	Err e;
	assert_int_equal(db_exec(db, bare_project, &e), 0);
	assert_int_equal(
	        db_exec(db,
	                "INSERT INTO project (id, code, title, level, activity_code,"
	                " province_list, province_code, registration_year, start_year,"
	                " end_year, title_key, sort_key, created_at, updated_at) VALUES (8,"
	                " 'ST-02', 'x', 'local', 'C03_DEMO_TECH', 'legacy', '94', 2018, 2019,"
	                " 2019, 'x', 'x', 't', 't');"
	                "INSERT INTO project_cost_line (id, project_id, source_code, item,"
	                " planned, approved) VALUES (1, 7, 'central', 'Máy', 300000000,"
	                " 250000000);"
	                "INSERT INTO disbursement (project_id, cost_line_id, kind, paid_on,"
	                " fiscal_year, amount) VALUES (7, 1, 'advance', '2019-03-01', 2019,"
	                " 200000000), (7, 1, 'payment', '2019-09-01', 2019, 100000000),"
	                " (7, 1, 'advance_recovery', '2019-09-01', 2019, 250000000),"
	                " (8, 1, 'payment', '2019-09-01', 2019, 1)",
	                &e),
	        0);
	Seen s;
	int failed = 0;
	run(db, &s, &failed);
	/* Net 200 + 100 − 250 + 1 = 51 tr ≤ 250 tr approved: fine; but 250 recovered of 200
	 * advanced, and a payment booked to another đề án's line. */
	assert_null(strstr(s.failed, "disbursed_within_approved "));
	assert_non_null(strstr(s.failed, "recoveries_within_advances "));
	assert_non_null(strstr(s.failed, "disbursement_line_of_project "));
	assert_int_equal(
	        db_exec(db,
	                "DELETE FROM disbursement WHERE kind = 'advance_recovery';"
	                "INSERT INTO disbursement (project_id, cost_line_id, kind, paid_on,"
	                " fiscal_year, amount) VALUES (7, 1, 'payment', '2019-10-01', 2019,"
	                " 1000)",
	                &e),
	        0);
	run(db, &s, &failed);
	/* Now 200 + 100 + 1 tr + 1 000 đ > 250 tr approved. */
	assert_non_null(strstr(s.failed, "disbursed_within_approved "));
}

int main(void)
{
	TestList tl = {0};
	tl_add(&tl, "clean_database_passes", clean_database_passes, NULL);
	tl_add(&tl, "money_invariants", money_invariants, NULL);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	for (size_t i = 0; i < COUNT_OF(breakages); i++)
		/* PostgreSQL enforces foreign keys always: no such row can be made,
		 * and the check is SQLite's own. */
		if (!tmpdb_pg() || strcmp(breakages[i].check, "foreign_keys"))
			tl_addf(&tl, breakage_is_found, (void *)&breakages[i], "finds: %s",
			        breakages[i].check);
	return tl_run(&tl, "store/check");
}
