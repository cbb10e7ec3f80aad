/* test_establishment_plan.c — how SQLite reads the establishment lists
 * (0026), measured on the statements the store ran (KC_SQL_STATS: each
 * cached statement's full-scan steps and sorts when its connection closes):
 *   - the whole country's list in name order, either way, and a province's,
 *     read in order from an index and stopped after the page: no full scan,
 *     no sort (the country's page read and sorted 1 000 000 rows: 190 ms);
 *   - a list narrowed by a column no index orders (a legal form, a sector,
 *     women owned, a search) found first and then sorted, not walked in the
 *     index's order testing each row (the country's cooperatives, which come
 *     late in the order, took 3.5 s so).
 * The planner decides without statistics here as on a national database
 * (SQLite assumes a large table), so a small database shows the plan.
 * SQLite only: PostgreSQL plans from its statistics (skipped there). */
#include "harness.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "store/store_establishment.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

static TmpDb db_file;

/* Sixty establishments of two legacy provinces merged into Cần Thơ (92). */
static int load(void **state)
{
	(void)state;
	if (tmpdb_pg())
		return 0;
	if (tmpdb_open(&db_file, TMPDB_LOADED))
		return -1;
	static const char *const forms[] = {"household_business", "sme", "coop"};
	static const char *const names[] = {"Cơ sở bánh pía", "Công ty TNHH Gạo", "HTX Mây tre"};
	for (int i = 0; i < 60; i++) {
		char name[96];
		snprintf(name, sizeof name, "%s số %d", names[i % 3], i);
		Establishment x = store_establishment_blank();
		x.name = name;
		x.legal_form = forms[i % 3];
		x.province_list = "legacy";
		x.province_code = i % 2 ? "94" : "92";
		x.women_owned = i % 4 == 0;
		int64_t id;
		Err e = {0};
		if (store_establishment_create(db_file.db, &officer, &x, &id, &e)) {
			fprintf(stderr, "load: %s\n", e.msg);
			return -1;
		}
	}
	return 0;
}

static int unload(void **state)
{
	(void)state;
	if (!tmpdb_pg())
		tmpdb_close(&db_file);
	return 0;
}

/* What the list statement of one run of the list did. */
typedef struct Plan {
	int runs, scan_steps, sorts;
} Plan;

/* Lists with f on a connection of its own and reads, from what the
 * connection prints as it closes, the list statement's figures. */
static Plan plan_of(const EstablishmentFilter *f)
{
	Db *db;
	Err e = {0};
	setenv("KC_SQL_STATS", "1", 1);
	assert_int_equal(db_open(&db, db_file.path, &e), 0);
	Arena arena = {0};
	EstablishmentList l;
	assert_int_equal(store_establishment_list(db, f, &arena, &l, &e), 0);
	assert_true(l.n > 0 || f->legal_form);
	arena_free(&arena);
	char path[256];
	snprintf(path, sizeof path, "%s/stats.txt", db_file.dir);
	fflush(stderr);
	int saved = dup(2), fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	db_close(db);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	unsetenv("KC_SQL_STATS");
	FILE *in = fopen(path, "r");
	assert_non_null(in);
	char line[1024];
	Plan p = {-1, -1, -1};
	int vm;
	while (fgets(line, sizeof line, in)) {
		const char *sql = strstr(line, "SELECT ");
		/* The page's statement (the count's is SELECT COUNT(*)). */
		if (sql && !strncmp(sql, "SELECT id, name, legal_form", 27)) {
			assert_int_equal(
			        sscanf(line, "%d %d %d %d", &p.runs, &vm, &p.scan_steps, &p.sorts),
			        4);
			/* The merged alternatives of a province each run once. */
			assert_true(p.runs >= 1);
		}
	}
	fclose(in);
	if (p.runs < 0)
		fail_msg("the list's statement is not among those the connection ran");
	return p;
}

static void skip_on_pg(void)
{
	if (tmpdb_pg())
		skip();
}

/* The whole country's list, both ways, read from the index in order. */
static void country_in_index_order(void **state)
{
	(void)state;
	skip_on_pg();
	/* An index walked from its start counts as a scan: of the page's rows
	 * only (9 steps after the first row), where the table has 60. */
	EstablishmentFilter f = store_establishment_filter();
	f.limit = 10;
	Plan p = plan_of(&f);
	assert_true(p.scan_steps < f.limit);
	assert_int_equal(p.sorts, 0);
	f.sort = "-name";
	p = plan_of(&f);
	assert_true(p.scan_steps < f.limit);
	assert_int_equal(p.sorts, 0);
}

/* A current province's list: a range per province merged into it, in order. */
static void province_in_index_order(void **state)
{
	(void)state;
	skip_on_pg();
	EstablishmentFilter f = store_establishment_filter();
	f.current_province = "92";
	f.limit = 10;
	Plan p = plan_of(&f);
	assert_int_equal(p.scan_steps, 0);
	assert_int_equal(p.sorts, 0);
	/* A province as recorded, too. */
	f = store_establishment_filter();
	f.province_list = "legacy";
	f.province_code = "94";
	p = plan_of(&f);
	assert_int_equal(p.scan_steps, 0);
	assert_int_equal(p.sorts, 0);
}

/* Narrowed by a column no index orders: found, then sorted. */
static void narrowed_found_then_sorted(void **state)
{
	(void)state;
	skip_on_pg();
	EstablishmentFilter f = store_establishment_filter();
	f.legal_form = "coop";
	assert_true(plan_of(&f).sorts >= 1);
	f = store_establishment_filter();
	f.women_owned = 1;
	assert_true(plan_of(&f).sorts >= 1);
	f = store_establishment_filter();
	f.q = "may tre";
	assert_true(plan_of(&f).sorts >= 1);
	/* In a province too: its range, then sorted. */
	f = store_establishment_filter();
	f.current_province = "92";
	f.legal_form = "coop_union";
	Plan p = plan_of(&f);
	assert_true(p.sorts >= 1);
	assert_int_equal(p.scan_steps, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(country_in_index_order),
	        cmocka_unit_test(province_in_index_order),
	        cmocka_unit_test(narrowed_found_then_sorted),
	};
	return cmocka_run_group_tests(tests, load, unload);
}
