/* test_cli.c — the khuyencong binary, run as a user runs it. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_migrate.h"

/* Every subcommand of DESIGN.md §3, and which of them exist so far. */
static const struct {
	const char *name;
	bool built;
} subcommands[] = {
        {"init", true},
        {"serve", true},
        {"demo", true},
        {"import", true},
        {"export", false},
        {"report", true},
        {"user", true},
        {"backup", false},
        {"check", true},
        {"copy", true},
        {"test-http", true},
};

static void help_lists_every_subcommand(void **state)
{
	(void)state;
	static CliRun r;
	cli_run(&r, "--help", NULL);
	assert_int_equal(r.status, 0);
	for (size_t i = 0; i < COUNT_OF(subcommands); i++) {
		char line[64];
		snprintf(line, sizeof line, "\n  %-10s ", subcommands[i].name);
		const char *at = strstr(r.out, line);
		if (!at)
			fail_msg("--help does not list '%s'", subcommands[i].name);
		char this_line[256];
		snprintf(this_line, sizeof this_line, "%.*s", (int)strcspn(at + 1, "\n"), at + 1);
		bool marked = strstr(this_line, "(not built yet)") != NULL;
		assert_int_equal(marked, !subcommands[i].built);
	}
}

static void unbuilt_subcommands_say_so(void **state)
{
	(void)state;
	static CliRun r;
	for (size_t i = 0; i < COUNT_OF(subcommands); i++) {
		if (subcommands[i].built)
			continue;
		cli_run(&r, subcommands[i].name, NULL);
		assert_int_equal(r.status, 2);
		char want[64];
		snprintf(want, sizeof want, "'%s' is not built yet", subcommands[i].name);
		assert_non_null(strstr(r.err, want));
	}
}

static void version_names_the_commit(void **state)
{
	(void)state;
	static CliRun r;
	cli_run(&r, "--version", NULL);
	assert_int_equal(r.status, 0);
	const char *c = strstr(r.out, "(commit ");
	assert_true(!strncmp(r.out, "khuyencong ", 11) && c);
	c += 8;
	size_t n = strspn(c, "0123456789abcdef");
	assert_true(n == 12 || !strncmp(c, "unknown", 7));
}

static void wrong_usage_exits_2(void **state)
{
	(void)state;
	static CliRun r;
	cli_run(&r, "", NULL);
	assert_int_equal(r.status, 2);
	cli_run(&r, "no-such-command", NULL);
	assert_int_equal(r.status, 2);
	assert_non_null(strstr(r.err, "unknown command 'no-such-command'"));
	cli_run(&r, "init", NULL);
	assert_int_equal(r.status, 2);
	cli_run(&r, "fmt money", NULL);
	assert_int_equal(r.status, 2);
}

static void init_creates_then_changes_nothing(void **state)
{
	(void)state;
	static CliRun r;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, 0), 0);
	db_close(t.db); /* only the folder is wanted; init makes its own file */
	t.db = NULL;
	/* The engine under test: an SQLite file, or the PostgreSQL database. */
	char url[256], args[512];
	if (tmpdb_pg())
		snprintf(url, sizeof url, "%s", t.path);
	else
		snprintf(url, sizeof url, "%s/k.sqlite", t.dir);
	snprintf(args, sizeof args, "init --db %s", url);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 0);
	char want[96];
	int latest = store_schema_latest(), count = store_schema_count();
	snprintf(want, sizeof want, "schema version %d, %d migration%s applied,", latest, count,
	        count == 1 ? "" : "s");
	assert_non_null(strstr(r.out, want));
	long rows = strtol(strstr(r.out, "applied, ") + 9, NULL, 10);
	assert_true(rows > 14000); /* units and their succession */
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "0 migrations applied, 0 reference rows added"));
	snprintf(args, sizeof args, "check --db %s", url);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "ok    records_have_audit\n"));
	assert_non_null(strstr(r.out, ": 0 checks found a problem\n"));
	snprintf(args, sizeof args, "init --db %s/missing/k.sqlite", t.dir);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot open"));
	/* Copied into an SQLite file and back: nothing new the second way. */
	snprintf(args, sizeof args, "copy --from %s --to %s/copy.sqlite", url, t.dir);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 0);
	const char *line = strstr(r.out, "\nadmin_unit ");
	assert_non_null(line);
	assert_true(strtol(line + 12, NULL, 10) > 14000); /* added */
	snprintf(args, sizeof args, "copy --from %s/copy.sqlite --to %s", t.dir, url);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 0);
	line = strstr(r.out, "\nadmin_unit ");
	assert_non_null(line);
	assert_int_equal(strtol(line + 12, NULL, 10), 0); /* all already there */
	cli_run(&r, "copy --from x.sqlite", NULL);
	assert_int_equal(r.status, 2);
	tmpdb_close(&t);
}

/* demo initialises a new database, loads the data once, and refuses to
 * load it again; what it wrote passes check. */
static void demo_loads_once(void **state)
{
	(void)state;
	static CliRun r;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, 0), 0);
	db_close(t.db);
	t.db = NULL;
	char args[256];
	snprintf(args, sizeof args, "demo --db %s/d.sqlite", t.dir);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "demonstration data loaded in "));
	assert_non_null(strstr(r.out, " 309 đề án, 3509 establishments,"));
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "cannot load the demonstration data into"));
	assert_non_null(strstr(r.err, "đã có dữ liệu minh họa"));
	snprintf(args, sizeof args, "check --db %s/d.sqlite", t.dir);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, ": 0 checks found a problem\n"));
	cli_run(&r, "demo", NULL);
	assert_int_equal(r.status, 2);
	tmpdb_close(&t);
}

static void fmt_money_and_errors(void **state)
{
	(void)state;
	static CliRun r;
	cli_run(&r, "fmt money '6.047,5 triệu đồng'", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "6.047.500.000 đồng\n"));
	assert_non_null(strstr(
	        r.out, "Bằng chữ: Sáu tỷ không trăm bốn mươi bảy triệu năm trăm nghìn đồng"));
	cli_run(&r, "fmt money '1,234.5'", NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "Số tiền '1,234.5' không hợp lệ"));
	assert_string_equal(r.out, "");
}

static void fmt_normalises_input_to_nfc(void **state)
{
	(void)state;
	static CliRun r;
	/* "Sóc Trăng" typed decomposed (o + U+0301, a + U+0306) folds like NFC. */
	cli_run(&r,
	        "fmt fold 'So\xcc\x81"
	        "c Tra\xcc\x86ng'",
	        NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "soc trang\n");
	cli_run(&r, "fmt fold \"$(printf '\\377')\"", NULL); /* /bin/sh: no $'...' */
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "UTF-8"));
}

static void fmt_period_under_both_rules(void **state)
{
	(void)state;
	static CliRun r;
	cli_run(&r, "fmt period '6 tháng đầu năm 2016'", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "2016-H1\n6 tháng đầu năm 2016\n01/01/2016 – 30/06/2016\n");
	cli_run(&r, "fmt period '6 tháng đầu năm 2016' --cutoff 15", NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "15/12/2015 – 14/06/2016"));
	cli_run(&r, "fmt period 2016-H1 --cutoff 31", NULL); /* a day, but no valid cut-off */
	assert_int_equal(r.status, 1);
	static const char *const bad[] = {"abc", "15abc", "4294967311", "-1", ""};
	for (size_t i = 0; i < COUNT_OF(bad); i++) {
		char args[96];
		snprintf(args, sizeof args, "fmt period 2016-H1 --cutoff '%s'", bad[i]);
		cli_run(&r, args, NULL);
		if (r.status != 2)
			fail_msg("--cutoff '%s' gave status %d", bad[i], r.status);
		assert_non_null(strstr(r.err, "is not a day of the month"));
	}
}

static void fmt_sort_in_vietnamese_order(void **state)
{
	(void)state;
	static CliRun r;
	cli_run(&r, "fmt sort", "Đắk Lắk\nDa\nCần Thơ\nCà Mau\nẤn\nAn Giang\năn\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "An Giang\năn\nẤn\nCà Mau\nCần Thơ\nDa\nĐắk Lắk\n");
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, help_lists_every_subcommand);
	TL_ADD(&tl, unbuilt_subcommands_say_so);
	TL_ADD(&tl, version_names_the_commit);
	TL_ADD(&tl, wrong_usage_exits_2);
	TL_ADD(&tl, init_creates_then_changes_nothing);
	TL_ADD(&tl, demo_loads_once);
	TL_ADD(&tl, fmt_money_and_errors);
	TL_ADD(&tl, fmt_normalises_input_to_nfc);
	TL_ADD(&tl, fmt_period_under_both_rules);
	TL_ADD(&tl, fmt_sort_in_vietnamese_order);
	return tl_run(&tl, "cli");
}
