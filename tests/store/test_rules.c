/* test_rules.c — the reference rules seeded by migration 0003 (DOMAIN.md §2–§5,
 * §7): instruments, activity contents, funding sources, indicators, sectors,
 * support levels, adjustment approvers and period rules, on a real SQLite
 * file. The tables of expected values below are the oracle: each row names
 * the DOMAIN fact it checks. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/embed.h"
#include "fixture.h"
#include "store/db.h"
#include "store/store_admin.h"

extern const EmbeddedFile kc_migrations[]; /* generated from src/store/migrations */

static TmpDb t;
static Db *db;

/* One database for the suite, with the admin units loaded so that the
 * provinces of local rules can be looked up. The tests only read it, except
 * the §7 rows, which insert inside a transaction they roll back. */
static int setup(void **state)
{
	(void)state;
	Err e;
	if (tmpdb_open(&t, 1))
		return -1;
	db = t.db;
	if (store_admin_load(db, NULL, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tmpdb_close(&t);
	return 0;
}

static int64_t scalar(const char *sql)
{
	return db_scalar(db, sql);
}

/* The integer a query returns with up to three text parameters bound (NULL
 * binds NULL; unused trailing ones are not bound). */
static int64_t scalar3(const char *sql, const char *a, const char *b, const char *c)
{
	Stmt *st;
	Err e;
	int64_t v = -1;
	if (db_prepare(db, sql, &st, &e))
		fail_msg("%s: %s", sql, e.msg);
	const char *p[] = {a, b, c};
	int n = 0;
	for (const char *q = sql; *q; q++)
		n += *q == '?';
	for (int i = 0; i < n && i < 3; i++)
		db_bind_str(st, i + 1, p[i]);
	int rc = db_run_int64(st, &v, &e);
	db_done(st);
	if (rc)
		fail_msg("%s: %s", sql, e.msg);
	return v;
}

/* ---------------------------------------------------------------------------
 * Counts. */

static void counts_per_table(void **state)
{
	(void)state;
	/* §2.1: 25 instruments of the table named in the brief, the two CCN
	 * circulars written in full (TT 15/2017, TT 14/2024) and two provincial
	 * resolutions (§2.5). */
	assert_int_equal(scalar("SELECT COUNT(*) FROM legal_instrument"), 29);
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content"), 15);
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content_map"), 10);
	assert_int_equal(scalar("SELECT COUNT(*) FROM funding_source"), 6);
	assert_int_equal(scalar("SELECT COUNT(*) FROM funding_source WHERE is_state = 1"), 4);
	/* 86 of 0003, and 0005's completed plans and đề án for the report templates. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM indicator"), 88);
	assert_int_equal(scalar("SELECT COUNT(*) FROM sector"), 13);
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule"), 9);
	assert_int_equal(scalar("SELECT COUNT(*) FROM adjustment_rule"), 22);
	assert_int_equal(scalar("SELECT COUNT(*) FROM period_rule"), 2);
}

static void counts_per_scheme(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content WHERE scheme = 'nd45'"), 8);
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM activity_content WHERE scheme = 'qd1881'"), 7);
	/* QĐ 2646's content list is not verified (§2.4): nothing is seeded. */
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM activity_content WHERE scheme = 'qd2646'"), 0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content WHERE scheme NOT IN"
	                        " ('nd45', 'qd1881', 'qd2646')"),
	        0);
	/* Positions run 1..n within a scheme. */
	assert_int_equal(scalar("SELECT COUNT(DISTINCT position) FROM activity_content"
	                        " WHERE scheme = 'nd45' AND position BETWEEN 1 AND 8"),
	        8);
	assert_int_equal(scalar("SELECT COUNT(DISTINCT position) FROM activity_content"
	                        " WHERE scheme = 'qd1881' AND position BETWEEN 1 AND 7"),
	        7);
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content WHERE scheme = 'qd1881'"
	                        " AND instrument_code = 'QD1881_2020' AND valid_from = '2021-01-01'"
	                        " AND valid_to = '2025-12-31'"),
	        7);
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content WHERE scheme = 'nd45'"
	                        " AND instrument_code = 'ND45_2012' AND label_en IS NOT NULL"),
	        8);
}

/* ---------------------------------------------------------------------------
 * Legal instruments, one test per instrument of DOMAIN §2.1. */

typedef struct Instrument {
	const char *code, *number, *signed_on; /* signed_on NULL: DOMAIN gives no full date */
	int unsure;
} Instrument;

static const Instrument instruments[] = {
        {"ND134_2004", "134/2004/NĐ-CP", "2004-06-09", 0},
        {"QD136_2007", "136/2007/QĐ-TTg", "2007-08-20", 0},
        {"ND45_2012", "45/2012/NĐ-CP", "2012-05-21", 0},
        {"TT46_2012", "46/2012/TT-BCT", "2012-12-28", 0},
        {"TT36_2013", "36/2013/TT-BCT", "2013-12-27", 0},
        {"TTLT26_2014", "26/2014/TTLT-BTC-BCT", "2014-02-18", 0},
        {"QD1288_2014", "1288/QĐ-TTg", "2014-08-01", 0},
        {"TT26_2014", "26/2014/TT-BCT", "2014-08-28", 0},
        {"TT20_2017", "20/2017/TT-BCT", NULL, 1},
        {"TT28_2018_BTC", "28/2018/TT-BTC", NULL, 0},
        {"TT17_2018", "17/2018/TT-BCT", NULL, 0},
        {"QD1881_2020", "1881/QĐ-TTg", "2020-11-20", 0},
        {"ND68_2017", "68/2017/NĐ-CP", "2017-05-25", 0},
        {"ND32_2024", "32/2024/NĐ-CP", NULL, 0},
        {"ND40_2025", "40/2025/NĐ-CP", "2025-02-26", 0},
        {"TT38_2025", "38/2025/TT-BCT", "2025-06-19", 0},
        {"ND235_2025", "235/2025/NĐ-CP", "2025-08-27", 0},
        {"QD2646_2025", "2646/QĐ-BCT", "2025-09-23", 0},
        {"CT20_2025", "20/CT-BCT", "2025-12-04", 0},
        {"TT66_2026", "66/2026/TT-BCT", "2026-10-06", 1},
        {"TT139_2026_BTC", "139/2026/TT-BTC", "2026-09-25", 1},
        {"ND09_2019", "09/2019/NĐ-CP", "2019-01-24", 0},
        {"ND30_2020", "30/2020/NĐ-CP", "2020-03-05", 0},
        {"TT14_2018", "14/2018/TT-BCT", "2018-06-28", 0},
        {"TT64_2024_BTC", "64/2024/TT-BTC", NULL, 1},
        {"TT15_2017", "15/2017/TT-BCT", "2017-08-31", 0},
        {"TT14_2024", "14/2024/TT-BCT", NULL, 0},
        {"NQ_DAKLAK_2025", "NQ HĐND tỉnh Đắk Lắk (hiệu lực 26/7/2025)", NULL, 1},
        {"NQ_HAIDUONG", "NQ HĐND tỉnh Hải Dương (số, ngày chưa xác định)", NULL, 1},
};

static void instrument_case(void **state)
{
	const Instrument *c = *state;
	assert_int_equal(scalar3("SELECT COUNT(*) FROM legal_instrument WHERE code = ?"
	                         " AND number = ? AND source_tag IS NOT NULL AND title <> ''",
	                         c->code, c->number, NULL),
	        1);
	if (c->signed_on)
		assert_int_equal(scalar3("SELECT COUNT(*) FROM legal_instrument WHERE code = ?"
		                         " AND signed_on = ?",
		                         c->code, c->signed_on, NULL),
		        1);
	else
		assert_int_equal(scalar3("SELECT COUNT(*) FROM legal_instrument WHERE code = ?"
		                         " AND signed_on IS NULL",
		                         c->code, NULL, NULL),
		        1);
	assert_int_equal(
	        scalar3("SELECT unsure FROM legal_instrument WHERE code = ?", c->code, NULL, NULL),
	        c->unsure);
}

static void instruments_listed_are_all(void **state)
{
	(void)state;
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM legal_instrument"), (int64_t)COUNT_OF(instruments));
	int unsure = 0;
	for (size_t i = 0; i < COUNT_OF(instruments); i++)
		unsure += instruments[i].unsure;
	assert_int_equal(scalar("SELECT COUNT(*) FROM legal_instrument WHERE unsure = 1"), unsure);
}

static void instrument_dates_are_iso(void **state)
{
	(void)state;
	static const char *const cols[] = {
	        "SELECT COUNT(*) FROM legal_instrument WHERE signed_on IS NOT NULL AND NOT"
	        " (signed_on LIKE '____-__-__' AND signed_on BETWEEN '2000-01-01' AND '2030-12-31')",
	        "SELECT COUNT(*) FROM legal_instrument WHERE effective_from IS NOT NULL AND NOT"
	        " (effective_from LIKE '____-__-__' AND effective_from BETWEEN '2000-01-01' AND "
	        "'2030-12-31')",
	        "SELECT COUNT(*) FROM legal_instrument WHERE effective_to IS NOT NULL AND NOT"
	        " (effective_to LIKE '____-__-__' AND effective_to BETWEEN '2000-01-01' AND "
	        "'2030-12-31')",
	        /* Nothing takes effect before it is signed. */
	        "SELECT COUNT(*) FROM legal_instrument WHERE effective_from < signed_on",
	};
	for (size_t i = 0; i < COUNT_OF(cols); i++)
		assert_int_equal(scalar(cols[i]), 0);
	/* The effective dates DOMAIN states. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM legal_instrument WHERE"
	                        " (code = 'ND235_2025' AND effective_from = '2025-10-15')"
	                        " OR (code = 'TT38_2025' AND effective_from = '2025-07-01')"
	                        " OR (code = 'TT26_2014' AND effective_from = '2014-10-21')"
	                        " OR (code = 'TT14_2018' AND effective_from = '2018-08-16')"
	                        " OR (code = 'QD2646_2025' AND effective_from = '2025-09-23')"
	                        " OR (code = 'QD1881_2020' AND effective_to = '2025-12-31')"),
	        6);
}

typedef struct Replacement {
	const char *code, *replaced_by;
} Replacement;

/* §2.1 "replaced by": stated, GK or UNSURE as the SQL comments say. */
static const Replacement replacements[] = {
        {"ND134_2004", "ND45_2012"},
        {"TT46_2012", "TT20_2017"},
        {"TT36_2013", "TT66_2026"},
        {"TTLT26_2014", "TT28_2018_BTC"},
        {"TT28_2018_BTC", "TT139_2026_BTC"},
        {"ND68_2017", "ND32_2024"},
};

static void replacement_case(void **state)
{
	const Replacement *c = *state;
	assert_int_equal(scalar3("SELECT COUNT(*) FROM legal_instrument i JOIN legal_instrument r"
	                         " ON r.code = i.replaced_by WHERE i.code = ? AND r.code = ?",
	                         c->code, c->replaced_by, NULL),
	        1);
}

static void only_stated_replacements(void **state)
{
	(void)state;
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM legal_instrument WHERE replaced_by IS NOT NULL"),
	        (int64_t)COUNT_OF(replacements));
	/* NĐ 45 is amended, not replaced, by NĐ 235. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM legal_instrument WHERE code = 'ND45_2012'"
	                        " AND replaced_by IS NULL AND effective_to IS NULL"),
	        1);
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM legal_instrument WHERE replaced_by = code"), 0);
}

/* ---------------------------------------------------------------------------
 * References. */

static void every_reference_resolves(void **state)
{
	(void)state;
	static const char *const misses[] = {
	        "SELECT COUNT(*) FROM support_rule s LEFT JOIN legal_instrument i"
	        " ON i.code = s.instrument_code WHERE i.code IS NULL",
	        "SELECT COUNT(*) FROM adjustment_rule a LEFT JOIN legal_instrument i"
	        " ON i.code = a.instrument_code WHERE a.instrument_code IS NOT NULL AND i.code IS NULL",
	        "SELECT COUNT(*) FROM sector s LEFT JOIN legal_instrument i"
	        " ON i.code = s.instrument_code WHERE i.code IS NULL",
	        "SELECT COUNT(*) FROM activity_content a LEFT JOIN legal_instrument i"
	        " ON i.code = a.instrument_code WHERE i.code IS NULL",
	        "SELECT COUNT(*) FROM period_rule p LEFT JOIN legal_instrument i"
	        " ON i.code = p.instrument_code WHERE p.instrument_code IS NOT NULL AND i.code IS NULL",
	        "SELECT COUNT(*) FROM legal_instrument l LEFT JOIN legal_instrument r"
	        " ON r.code = l.replaced_by WHERE l.replaced_by IS NOT NULL AND r.code IS NULL",
	        "SELECT COUNT(*) FROM support_rule s LEFT JOIN activity_content a"
	        " ON a.code = s.activity_code WHERE a.code IS NULL OR a.scheme <> 'nd45'",
	        "SELECT COUNT(*) FROM support_rule s LEFT JOIN support_rule b"
	        " ON b.id = s.base_rule_id WHERE s.base_rule_id IS NOT NULL AND b.id IS NULL",
	        "SELECT COUNT(*) FROM indicator n LEFT JOIN activity_content a"
	        " ON a.code = n.activity_code WHERE n.activity_code IS NOT NULL"
	        " AND (a.code IS NULL OR a.scheme <> 'nd45')",
	};
	for (size_t i = 0; i < COUNT_OF(misses); i++)
		assert_int_equal(scalar(misses[i]), 0);
	/* Only local adjustment rules go without an instrument. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM adjustment_rule WHERE instrument_code IS NULL"
	                        " AND program_level <> 'local'"),
	        0);
}

/* ---------------------------------------------------------------------------
 * Support levels (§2.5). */

static void tt28_levels_are_exact(void **state)
{
	(void)state;
	/* Điều 8 khoản 2: 30 %, at most 1.000 triệu đồng per model (W-TT28a). */
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM support_rule WHERE id = 1"
	               " AND instrument_code = 'TT28_2018_BTC' AND clause = 'Điều 8 khoản 2'"
	               " AND cost_item = 'demo_model' AND activity_code = 'C03_DEMO_TECH'"
	               " AND rate_x100 = 3000 AND cap_dong = 1000000000 AND cap_per = 'model'"
	               " AND base_rule_id IS NULL AND province_code IS NULL"
	               " AND source_tag = 'W-TT28a'"),
	        1);
	/* Điều 8 khoản 4: 50 %, at most 300 triệu đồng per establishment (W-TT28b). */
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM support_rule WHERE id = 2"
	               " AND instrument_code = 'TT28_2018_BTC' AND clause = 'Điều 8 khoản 4'"
	               " AND cost_item = 'machinery' AND activity_code = 'C03_DEMO_TECH'"
	               " AND rate_x100 = 5000 AND cap_dong = 300000000"
	               " AND cap_per = 'establishment' AND base_rule_id IS NULL"
	               " AND province_code IS NULL AND source_tag = 'W-TT28b'"),
	        1);
	/* The technology line: 1,5 × the machinery cap, no cap of its own. */
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM support_rule WHERE id = 3"
	               " AND instrument_code = 'TT28_2018_BTC' AND clause = 'Điều 8 khoản 4'"
	               " AND cost_item = 'technology_line' AND activity_code = 'C03_DEMO_TECH'"
	               " AND cap_dong IS NULL AND base_rule_id = 2 AND multiplier_x100 = 150"
	               " AND source_tag = 'W-TT28b'"),
	        1);
	/* Nothing else is seeded from TT 28 (other levels are not verified). */
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM support_rule WHERE instrument_code = 'TT28_2018_BTC'"),
	        3);
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule WHERE instrument_code IN"
	                        " ('TT64_2024_BTC', 'TT139_2026_BTC')"),
	        0);
}

static void technology_line_cap_is_450_million(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT COALESCE(s.cap_dong, b.cap_dong * s.multiplier_x100 / 100)"
	                        " FROM support_rule s JOIN support_rule b ON b.id = s.base_rule_id"
	                        " WHERE s.cost_item = 'technology_line'"
	                        " AND s.instrument_code = 'TT28_2018_BTC'"),
	        450000000);
}

static void rule_values_are_sane(void **state)
{
	(void)state;
	/* Rates within 0..100 %; a derived rule has a base with a cap and no cap
	 * of its own; every other rule has a rate or a cap. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule WHERE rate_x100 IS NOT NULL"
	                        " AND (rate_x100 <= 0 OR rate_x100 > 10000)"),
	        0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule s JOIN support_rule b"
	                        " ON b.id = s.base_rule_id WHERE s.cap_dong IS NOT NULL"
	                        " OR b.cap_dong IS NULL OR s.multiplier_x100 IS NULL"
	                        " OR b.base_rule_id IS NOT NULL"),
	        0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule WHERE base_rule_id IS NULL"
	                        " AND rate_x100 IS NULL AND cap_dong IS NULL"),
	        0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule WHERE cap_per NOT IN"
	                        " ('model', 'establishment', 'cluster', 'enterprise', 'person',"
	                        " 'event')"),
	        0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule WHERE source_tag IS NULL"), 0);
}

typedef struct LocalRule {
	int id;
	const char *instrument, *list, *province, *province_name, *cost_item, *cap_per;
	int64_t rate_x100, cap_dong; /* rate -1: none */
} LocalRule;

/* §2.5 local examples (W-DL-NQ, W-HD-NQ). */
static const LocalRule local_rules[] = {
        {4, "NQ_DAKLAK_2025", "current", "66", "Đắk Lắk", "enterprise_setup", "enterprise", -1,
                10000000},
        {5, "NQ_DAKLAK_2025", "current", "66", "Đắk Lắk", "demo_model", "model", 3000, 800000000},
        {6, "NQ_DAKLAK_2025", "current", "66", "Đắk Lắk", "cleaner_production_pilot", "model", 3000,
                400000000},
        {7, "NQ_HAIDUONG", "legacy", "30", "Hải Dương", "demo_model", "model", 3000, 800000000},
        {8, "NQ_HAIDUONG", "legacy", "30", "Hải Dương", "machinery", "establishment", 5000,
                250000000},
        {9, "NQ_HAIDUONG", "legacy", "30", "Hải Dương", "cluster_pollution_system", "cluster", 3000,
                1400000000},
};

static void local_rule_case(void **state)
{
	const LocalRule *c = *state;
	Stmt *st;
	Err e;
	assert_int_equal(
	        db_prepare(db,
	                "SELECT s.instrument_code, s.province_list, s.province_code,"
	                " s.cost_item, s.cap_per, s.rate_x100, s.cap_dong, s.program_level,"
	                " i.unsure, u.name FROM support_rule s"
	                " JOIN legal_instrument i ON i.code = s.instrument_code"
	                " JOIN admin_unit u ON u.list = s.province_list"
	                " AND u.level = 'province' AND u.code = s.province_code"
	                " WHERE s.id = ?",
	                &st, &e),
	        0);
	db_bind_int64(st, 1, c->id);
	assert_int_equal(db_step(st, &e), DB_ROW);
	assert_string_equal(db_col_text(st, 0), c->instrument);
	assert_string_equal(db_col_text(st, 1), c->list);
	assert_string_equal(db_col_text(st, 2), c->province);
	assert_string_equal(db_col_text(st, 3), c->cost_item);
	assert_string_equal(db_col_text(st, 4), c->cap_per);
	if (c->rate_x100 < 0)
		assert_true(db_col_null(st, 5));
	else
		assert_int_equal(db_col_int64(st, 5), c->rate_x100);
	assert_int_equal(db_col_int64(st, 6), c->cap_dong);
	assert_string_equal(db_col_text(st, 7), "local");
	/* The resolution's number is not in DOMAIN: the instrument is unsure. */
	assert_int_equal(db_col_int64(st, 8), 1);
	assert_string_equal(db_col_text(st, 9), c->province_name);
	db_done(st);
}

static void local_rules_listed_are_all(void **state)
{
	(void)state;
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM support_rule WHERE province_code IS NOT NULL"),
	        (int64_t)COUNT_OF(local_rules));
	/* A province-specific rule is local and names its list. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM support_rule WHERE (province_code IS NULL)"
	                        " <> (province_list IS NULL) OR (province_code IS NOT NULL"
	                        " AND (program_level IS NULL OR program_level <> 'local'))"),
	        0);
}

/* ---------------------------------------------------------------------------
 * Adjustment approvers (§3.2), one test per kind and level. */

typedef struct Approver {
	const char *kind, *level, *approver;
} Approver;

static const Approver approvers[] = {
        {"increase_support", "national", "ministry"},
        {"change_content", "national", "ministry"},
        {"extend_next_year", "national", "ministry"},
        {"add_project", "national", "ministry"},
        {"stop", "national", "ministry"},
        {"change_location", "national", "agency"},
        {"change_beneficiary", "national", "agency"},
        {"change_partner", "national", "agency"},
        {"change_timing_in_year", "national", "agency"},
        {"reduce_support", "national", "agency"},
        {"other", "national", "agency"},
        {"increase_support", "local", "ppc"},
        {"change_content", "local", "ppc"},
        {"extend_next_year", "local", "ppc"},
        {"add_project", "local", "ppc"},
        {"stop", "local", "ppc"},
        {"change_location", "local", "doit"},
        {"change_beneficiary", "local", "doit"},
        {"change_partner", "local", "doit"},
        {"change_timing_in_year", "local", "doit"},
        {"reduce_support", "local", "doit"},
        {"other", "local", "doit"},
};

static void approver_case(void **state)
{
	const Approver *c = *state;
	assert_int_equal(scalar3("SELECT COUNT(*) FROM adjustment_rule WHERE kind = ?"
	                         " AND program_level = ?",
	                         c->kind, c->level, NULL),
	        1);
	assert_int_equal(scalar3("SELECT COUNT(*) FROM adjustment_rule WHERE kind = ?"
	                         " AND program_level = ? AND approver = ?",
	                         c->kind, c->level, c->approver),
	        1);
}

static void approvers_listed_are_all(void **state)
{
	(void)state;
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM adjustment_rule"), (int64_t)COUNT_OF(approvers));
	assert_int_equal(scalar("SELECT COUNT(DISTINCT kind) FROM adjustment_rule"), 11);
	/* The national rules are Điều 11 TT 36/2013 as amended by TT 17/2018. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM adjustment_rule WHERE program_level ="
	                        " 'national' AND instrument_code = 'TT17_2018'"),
	        11);
	assert_int_equal(scalar("SELECT COUNT(*) FROM adjustment_rule WHERE approver NOT IN"
	                        " ('ministry', 'agency', 'ppc', 'doit')"),
	        0);
}

/* ---------------------------------------------------------------------------
 * Activity contents and their mapping. */

static void content_map_joins(void **state)
{
	(void)state;
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM activity_content_map m"
	               " JOIN activity_content f ON f.code = m.from_code AND f.scheme = 'qd1881'"
	               " JOIN activity_content n ON n.code = m.to_code AND n.scheme = 'nd45'"),
	        scalar("SELECT COUNT(*) FROM activity_content_map"));
	/* Every QĐ 1881 group corresponds to at least one NĐ 45 content. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content a WHERE a.scheme = 'qd1881'"
	                        " AND NOT EXISTS (SELECT 1 FROM activity_content_map m"
	                        " WHERE m.from_code = a.code)"),
	        0);
	/* Every NĐ 45 content but international cooperation has a group. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content a WHERE a.scheme = 'nd45'"
	                        " AND NOT EXISTS (SELECT 1 FROM activity_content_map m"
	                        " WHERE m.to_code = a.code)"),
	        1);
	/* Group 2 (SXSH pilots, pollution systems) is both C03 and C06; group 5
	 * (human resources, management, consulting assistance) C01, C02, C05. */
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM activity_content_map WHERE from_code = 'P21_02'"
	               " AND to_code IN ('C03_DEMO_TECH', 'C06_LINKAGE_CLUSTER_ENV')"),
	        2);
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM activity_content_map WHERE from_code = 'P21_05'"
	               " AND to_code IN ('C01_TRAINING', 'C02_MANAGEMENT', 'C05_CONSULT_INFO')"),
	        3);
}

static void every_content_has_an_indicator(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT COUNT(*) FROM activity_content a WHERE a.scheme = 'nd45'"
	                        " AND NOT EXISTS (SELECT 1 FROM indicator i"
	                        " WHERE i.activity_code = a.code)"),
	        0);
}

/* ---------------------------------------------------------------------------
 * Indicators, funding sources, sectors, periods. */

static void indicator_units_match_kinds(void **state)
{
	(void)state;
	/* Money is in đồng (also per person and month, per establishment); a
	 * percentage's unit is %; a ratio's is "lần"; counts name what they count. */
	assert_int_equal(scalar("SELECT COUNT(*) FROM indicator WHERE (value_kind = 'money')"
	                        " <> (unit_vi LIKE 'đồng%')"),
	        0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM indicator WHERE (value_kind = 'percent_x100')"
	                        " <> (unit_vi = '%')"),
	        0);
	assert_int_equal(scalar("SELECT COUNT(*) FROM indicator WHERE (value_kind = 'ratio_x100')"
	                        " <> (unit_vi = 'lần')"),
	        0);
	/* Report order is total: positions are distinct and set. */
	assert_int_equal(
	        scalar("SELECT COUNT(DISTINCT position) FROM indicator WHERE position > 0"),
	        scalar("SELECT COUNT(*) FROM indicator"));
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM indicator WHERE label_vi = '' OR unit_vi = ''"), 0);
	/* Each source kind is used. */
	assert_int_equal(scalar("SELECT COUNT(DISTINCT source) FROM indicator"), 3);
}

typedef struct Source {
	const char *code, *label;
	int is_state, position;
} Source;

static const Source sources[] = {
        {"central", "Ngân sách trung ương", 1, 1},
        {"provincial", "Ngân sách tỉnh", 1, 2},
        {"district", "Ngân sách huyện", 1, 3},
        {"commune", "Ngân sách xã", 1, 4},
        {"counterpart", "Vốn đối ứng của cơ sở thụ hưởng", 0, 5},
        {"other", "Nguồn khác", 0, 6},
};

static void funding_source_case(void **state)
{
	const Source *c = *state;
	assert_int_equal(
	        scalar3("SELECT COUNT(*) FROM funding_source WHERE code = ? AND label_vi = ?",
	                c->code, c->label, NULL),
	        1);
	assert_int_equal(
	        scalar3("SELECT is_state FROM funding_source WHERE code = ?", c->code, NULL, NULL),
	        c->is_state);
	assert_int_equal(
	        scalar3("SELECT position FROM funding_source WHERE code = ?", c->code, NULL, NULL),
	        c->position);
}

static void sectors_are_versioned(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT COUNT(*) FROM sector WHERE instrument_code = 'ND45_2012'"
	                        " AND valid_from IS NULL AND valid_to IS NULL"),
	        8);
	/* NĐ 235's additions apply from its effect, 15/10/2025. */
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM sector s JOIN legal_instrument i"
	               " ON i.code = s.instrument_code WHERE s.instrument_code = 'ND235_2025'"
	               " AND s.valid_from = '2025-10-15' AND s.valid_from = i.effective_from"
	               " AND s.valid_to IS NULL"),
	        5);
	assert_int_equal(
	        scalar("SELECT COUNT(*) FROM sector WHERE label_vi IN"
	               " ('Vật liệu xây dựng', 'Hàng tiểu thủ công nghiệp',"
	               " 'Công nghiệp công nghệ cao', 'Năng lượng thân thiện với môi trường')"),
	        4);
}

static void one_default_period_rule(void **state)
{
	(void)state;
	assert_int_equal(scalar("SELECT COUNT(*) FROM period_rule WHERE is_default = 1"), 1);
	assert_int_equal(scalar("SELECT COUNT(*) FROM period_rule WHERE is_default = 1"
	                        " AND cutoff_day = 0 AND name = 'Theo năm dương lịch'"),
	        1);
	assert_int_equal(scalar("SELECT COUNT(*) FROM period_rule WHERE cutoff_day = 15"
	                        " AND instrument_code = 'ND09_2019' AND is_default = 0"
	                        " AND name = 'Theo NĐ 09/2019/NĐ-CP (ngày 15)'"),
	        1);
}

/* ---------------------------------------------------------------------------
 * DOMAIN §7: every figure of the seed articles has an indicator that can
 * hold it. One test per figure: the indicator exists, has the value kind and
 * activity content expected, accepts reported figures (source 'aggregate' or
 * 'both'), and an aggregate_figure row with the figure's value (in đồng,
 * or × 100 for a percentage or ratio) goes in. Rows left out: page headers,
 * times and hotlines (n-rows), legal references (001-22, 003-07, 004-01) and
 * 002-05 ("hàng vạn lao động", not a number). A range is held by its lower
 * bound. */

typedef struct Figure {
	const char *id, *written, *indicator, *kind, *activity; /* activity NULL: all contents */
	int64_t value;
	const char *figure_kind, *level;
} Figure;

#define C01 "C01_TRAINING"
#define C02 "C02_MANAGEMENT"
#define C03 "C03_DEMO_TECH"
#define C04 "C04_PRODUCT_MARKET"
#define C05 "C05_CONSULT_INFO"
#define C06 "C06_LINKAGE_CLUSTER_ENV"
#define C07 "C07_SYSTEM_CAPACITY"
#define CNT "count"
#define MON "money"
#define PCT "percent_x100"

static const Figure figures[] = {
        /* seed000, Sóc Trăng. */
        {"000-01", "162 đề án (target 2016-2020)", "projects_count", CNT, NULL, 162, "plan",
                "local"},
        {"000-02", "25 tỷ đồng (target)", "support_amount", MON, NULL, 25000000000, "plan",
                "local"},
        {"000-03", "125,92 tỷ đồng counterpart (target)", "counterpart_amount", MON, NULL,
                125920000000, "plan", "local"},
        {"000-04", "1 kế hoạch", "plans_count", CNT, NULL, 1, "actual", "all"},
        {"000-05", "66 đề án", "projects_count", CNT, NULL, 66, "actual", "all"},
        {"000-06", "trên 51,154 tỷ đồng", "total_cost", MON, NULL, 51154000000, "actual", "all"},
        {"000-07", "8 đề án KCQG", "projects_count", CNT, NULL, 8, "actual", "national"},
        {"000-08", "1 kế hoạch KCĐP", "plans_count", CNT, NULL, 1, "actual", "local"},
        {"000-09", "58 đề án KCĐP", "projects_count", CNT, NULL, 58, "actual", "local"},
        {"000-10", "1 đề án KCQG (bánh pía)", "projects_count", CNT, NULL, 1, "actual", "national"},
        {"000-11", "3 cơ sở at the regional fair", "fair_participations", CNT, C04, 3, "actual",
                "all"},
        {"000-12", "4 cơ sở with websites", "websites_supported", CNT, C04, 4, "actual", "all"},
        {"000-13", "1 đề án KCQG H2 target", "projects_count", CNT, NULL, 1, "plan", "national"},
        {"000-14", "300 triệu đồng", "support_amount", MON, NULL, 300000000, "plan", "national"},
        {"000-15", "100 % KCĐP plan", "projects_completed_pct", PCT, NULL, 10000, "plan", "local"},
        {"000-16", "200 triệu đồng/năm revenue", "consulting_revenue", MON, C05, 200000000, "plan",
                "all"},
        /* seed001, 20 southern provinces, H1/2016. */
        {"001-01", "20 tỉnh, thành phố", "reporting_provinces", CNT, NULL, 20, "actual", "all"},
        {"001-02", "331 lao động", "trainees", CNT, C01, 331, "actual", "local"},
        {"001-03", "19 % of plan", "trainees_pct_plan", PCT, C01, 1900, "actual", "local"},
        {"001-04", "74 triệu đồng", "disbursed_training", MON, C01, 74000000, "actual", "local"},
        {"001-05", "5 %", "disbursement_rate_training", PCT, C01, 500, "actual", "local"},
        {"001-06", "369 người", "management_trainees", CNT, C02, 369, "actual", "all"},
        {"001-07", "412 triệu đồng", "disbursed_management", MON, C02, 412000000, "actual", "all"},
        {"001-08", "20 %", "disbursement_rate_management", PCT, C02, 2000, "actual", "all"},
        {"001-09", "5 mô hình", "demo_models", CNT, C03, 5, "actual", "all"},
        {"001-10", "59 cơ sở CNNT", "establishments_supported", CNT, C03, 59, "actual", "all"},
        {"001-11", "9,2 tỷ đồng", "disbursed_machinery", MON, C03, 9200000000, "actual", "all"},
        {"001-12", "30 %", "disbursement_rate_machinery", PCT, C03, 3000, "actual", "all"},
        {"001-13", "gần 130 lượt cơ sở", "fair_participations", CNT, C04, 130, "actual", "all"},
        {"001-14", "632 triệu đồng", "disbursed_fairs", MON, C04, 632000000, "actual", "all"},
        {"001-15", "10 %", "disbursement_rate_fairs", PCT, C04, 1000, "actual", "all"},
        {"001-16", "164 triệu đồng", "consulting_support_amount", MON, C05, 164000000, "actual",
                "all"},
        {"001-17", "1,05 tỷ đồng", "disbursed_information", MON, C05, 1050000000, "actual", "all"},
        {"001-18", "32 %", "disbursement_rate_information", PCT, C05, 3200, "actual", "all"},
        {"001-19", "244 dự án", "consulting_projects", CNT, C05, 244, "actual", "all"},
        {"001-20", "ước 2,8 tỷ đồng", "consulting_revenue", MON, C05, 2800000000, "estimate",
                "all"},
        {"001-21", "52 %", "consulting_revenue_pct_plan", PCT, C05, 5200, "estimate", "all"},
        {"001-D1", "11.532 triệu đồng (derived)", "disbursed_support", MON, NULL, 11532000000,
                "actual", "all"},
        {"001-D2", "≈ 30,67 tỷ đồng machinery plan (derived)", "disbursed_machinery", MON, C03,
                30670000000, "plan", "all"},
        /* seed002, Thanh Hóa. */
        {"002-01", "39 đề án", "projects_count", CNT, NULL, 39, "actual", "all"},
        {"002-02", "5 đề án KCQG", "projects_count", CNT, NULL, 5, "actual", "national"},
        {"002-03", "1 đề án 2018-2020", "projects_count", CNT, NULL, 1, "actual", "national"},
        {"002-04", "4 đơn vị (machinery)", "establishments_supported", CNT, C03, 4, "actual",
                "national"},
        /* seed003, Lào Cai. */
        {"003-01", "44 đề án", "projects_count", CNT, NULL, 44, "actual", "all"},
        {"003-02", "6.047,5 triệu đồng", "support_amount", MON, NULL, 6047500000, "actual", "all"},
        {"003-03", "trên 5.310 tỷ đồng", "cottage_output_value", MON, NULL, 5310000000000, "plan",
                "all"},
        {"003-04", "trên 3.000 lao động", "new_jobs", CNT, NULL, 3000, "plan", "all"},
        {"003-05", "1,27 tỷ đồng/cơ sở (baseline)", "avg_establishment_size", MON, NULL, 1270000000,
                "actual", "all"},
        {"003-06", "trên 2 tỷ đồng/cơ sở (target)", "avg_establishment_size", MON, NULL, 2000000000,
                "plan", "all"},
        {"003-D1", "≈ 137,44 triệu đồng/đề án (derived)", "support_per_project_avg", MON, NULL,
                137443182, "actual", "all"},
        /* seed004, Sóc Trăng 2012-2022. */
        {"004-02", "2 kế hoạch", "plans_count", CNT, NULL, 2, "actual", "all"},
        {"004-03", "223 đề án", "projects_count", CNT, NULL, 223, "actual", "all"},
        {"004-04", "2 kế hoạch KCĐP", "plans_count", CNT, NULL, 2, "actual", "local"},
        {"004-05", "208 đề án KCĐP", "projects_count", CNT, NULL, 208, "actual", "local"},
        {"004-06", "gần 94 tỷ đồng", "total_cost", MON, NULL, 94000000000, "actual", "all"},
        {"004-07", "20.253,331 triệu đồng", "support_amount", MON, NULL, 20253331000, "actual",
                "all"},
        {"004-08", "73.738,019 triệu đồng", "counterpart_amount", MON, NULL, 73738019000, "actual",
                "all"},
        {"004-09", "2 lớp truyền nghề", "classes", CNT, C01, 2, "actual", "all"},
        {"004-10", "60 lao động", "trainees", CNT, C01, 60, "actual", "all"},
        {"004-11", "60 lao động có việc làm", "jobs_created", CNT, C01, 60, "actual", "all"},
        {"004-12", "trên 3 - 5 triệu đồng/tháng", "avg_income_month", MON, C01, 3000000, "actual",
                "all"},
        {"004-13", "2 lớp khởi sự", "management_classes", CNT, C02, 2, "actual", "all"},
        {"004-14", "76 học viên", "management_trainees", CNT, C02, 76, "actual", "all"},
        {"004-15", "khoảng 2.520 lao động", "stable_jobs", CNT, C03, 2520, "actual", "all"},
        {"004-16", "3 - 5 triệu đồng/người/tháng", "worker_income_month", MON, C03, 3000000,
                "actual", "all"},
        {"004-17", "15 - 40 %", "productivity_gain_pct", PCT, C03, 1500, "actual", "all"},
        {"004-18", "31 lượt DN, cơ sở", "products_registered_for_selection", CNT, C04, 31, "actual",
                "all"},
        {"004-19", "45 DN, cơ sở at fairs", "fair_participations", CNT, C04, 45, "actual", "all"},
        {"004-20", "34 gian hàng", "booths", CNT, C04, 34, "actual", "all"},
        {"004-21", "63 sản phẩm cấp tỉnh", "products_certified_provincial", CNT, C04, 63, "actual",
                "all"},
        {"004-22", "13 sản phẩm cấp khu vực", "products_certified_regional", CNT, C04, 13, "actual",
                "all"},
        {"004-23", "5 sản phẩm cấp quốc gia", "products_certified_national", CNT, C04, 5, "actual",
                "all"},
        {"004-24", "35 chuyên trang", "special_pages", CNT, C05, 35, "actual", "all"},
        {"004-25", "200 quyển cẩm nang", "handbooks", CNT, C05, 200, "actual", "all"},
        {"004-26", "5.500 bìa gấp", "leaflets", CNT, C05, 5500, "actual", "all"},
        {"004-27", "2.000 cơ sở CNNT (thư)", "letters_sent", CNT, C05, 2000, "actual", "all"},
        {"004-28", "17.750 tờ báo", "newspaper_copies", CNT, C05, 17750, "actual", "all"},
        {"004-29", "42 chương trình", "tv_radio_programmes", CNT, C05, 42, "actual", "all"},
        {"004-30", "3.209 cơ sở CNNT", "registry_establishments", CNT, C05, 3209, "actual", "all"},
        {"004-31", "3 cơ sở (nước thải)", "pollution_systems", CNT, C06, 3, "actual", "all"},
        {"004-32", "2 cụm công nghiệp", "cluster_detailed_plans", CNT, C06, 2, "actual", "all"},
        {"004-33", "17 lớp", "staff_training_classes", CNT, C07, 17, "actual", "all"},
        {"004-34", "892 lượt", "staff_trainee_turns", CNT, C07, 892, "actual", "all"},
        {"004-35", "1.109 lượt", "inspections_count", CNT, C07, 1109, "actual", "all"},
        {"004-36", "7 đoàn", "study_tours", CNT, C07, 7, "actual", "all"},
        {"004-37", "79 cán bộ", "study_tour_participants", CNT, C07, 79, "actual", "all"},
        {"004-38", "9 tỉnh (derived count)", "study_tour_provinces", CNT, C07, 9, "actual", "all"},
        {"004-39", "2 đề án KCQG 2023", "projects_count", CNT, NULL, 2, "plan", "national"},
        {"004-40", "16 đề án KCĐP 2023", "projects_count", CNT, NULL, 16, "plan", "local"},
        {"004-41", "ước trên 10 tỷ đồng", "total_cost", MON, NULL, 10000000000, "estimate", "all"},
        {"004-D1", "15 đề án KCQG (derived)", "projects_count", CNT, NULL, 15, "actual",
                "national"},
        {"004-D2", "93.991,350 triệu đồng (derived)", "total_cost", MON, NULL, 93991350000,
                "actual", "all"},
        {"004-D3", "21,55 % (derived)", "state_share_pct", PCT, NULL, 2155, "actual", "all"},
        {"004-D4", "3,64 lần (derived)", "leverage_ratio", "ratio_x100", NULL, 364, "actual",
                "all"},
};

static void figure_case(void **state)
{
	const Figure *c = *state;
	Stmt *st;
	Err e;
	assert_int_equal(db_prepare(db,
	                         "SELECT value_kind, activity_code, source FROM indicator"
	                         " WHERE code = ?",
	                         &st, &e),
	        0);
	db_bind_str(st, 1, c->indicator);
	int rc = db_step(st, &e);
	if (rc != DB_ROW) {
		db_done(st);
		fail_msg("%s: no indicator '%s'", c->id, c->indicator);
	}
	assert_string_equal(db_col_text(st, 0), c->kind);
	if (c->activity)
		assert_string_equal(db_col_text(st, 1), c->activity);
	else
		assert_true(db_col_null(st, 1));
	const char *source = db_col_text(st, 2);
	assert_true(!strcmp(source, "aggregate") || !strcmp(source, "both"));
	db_done(st);

	/* The figure as a reported aggregate: it goes in, and reads back. */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_prepare(db,
	                         "INSERT INTO aggregate_figure (indicator_code, scope_kind,"
	                         " scope_list, scope_code, period, figure_kind, program_level,"
	                         " value, note, source, entered_at) VALUES (?, 'province',"
	                         " 'legacy', '94', 'seed', ?, ?, ?, ?, 'DOMAIN.md §7',"
	                         " '2026-11-22T00:00:00Z')",
	                         &st, &e),
	        0);
	db_bind_str(st, 1, c->indicator);
	db_bind_str(st, 2, c->figure_kind);
	db_bind_str(st, 3, c->level);
	db_bind_int64(st, 4, c->value);
	db_bind_str(st, 5, c->id);
	rc = db_run(st, &e);
	db_done(st);
	if (rc) {
		db_rollback(db);
		fail_msg("%s: %s", c->id, e.msg);
	}
	int64_t back =
	        scalar3("SELECT value FROM aggregate_figure WHERE note = ?", c->id, NULL, NULL);
	db_rollback(db);
	assert_int_equal(back, c->value);
}

static void figures_are_unique_and_cover_section_7(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(figures); i++)
		for (size_t j = i + 1; j < COUNT_OF(figures); j++)
			if (!strcmp(figures[i].id, figures[j].id))
				fail_msg("%s listed twice", figures[i].id);
	/* seed001 reports per content for one region and one half-year, so its
	 * figures (but the derived plan 001-D2) need distinct indicators, or they
	 * could not all be stored side by side as aggregate figures. */
	for (size_t i = 0; i < COUNT_OF(figures); i++) {
		if (strncmp(figures[i].id, "001-", 4) || !strcmp(figures[i].id, "001-D2"))
			continue;
		for (size_t j = i + 1; j < COUNT_OF(figures); j++)
			if (!strncmp(figures[j].id, "001-", 4) && strcmp(figures[j].id, "001-D2") &&
			        !strcmp(figures[i].indicator, figures[j].indicator))
				fail_msg("%s and %s share %s", figures[i].id, figures[j].id,
				        figures[i].indicator);
	}
	/* Every numeric row of §7 but the vague 002-05. */
	assert_int_equal(COUNT_OF(figures), 94);
}

/* ---------------------------------------------------------------------------
 * The migration text is portable SQL (db.h: written once for both engines). */

static const EmbeddedFile *rules_migration(void)
{
	for (const EmbeddedFile *m = kc_migrations; m->name; m++)
		if (!strcmp(m->name, "0003_rules.sql"))
			return m;
	return NULL;
}

/* The SQL of a migration with its comments removed and the text of its
 * string literals blanked, so that only the statements are checked. */
static char *statements_only(const char *sql)
{
	size_t n = strlen(sql);
	char *out = malloc(n + 1);
	if (!out)
		abort();
	size_t o = 0;
	bool in_string = false;
	for (size_t i = 0; i < n; i++) {
		if (in_string) {
			if (sql[i] == '\'' && sql[i + 1] == '\'')
				out[o++] = ' ', i++;
			else if (sql[i] == '\'')
				in_string = false, out[o++] = '\'';
			else
				out[o++] = ' ';
		} else if (sql[i] == '-' && sql[i + 1] == '-') {
			while (i < n && sql[i] != '\n')
				i++;
			out[o++] = '\n';
		} else {
			in_string = sql[i] == '\'';
			out[o++] = sql[i];
		}
	}
	out[o] = '\0';
	return out;
}

static void migration_is_portable(void **state)
{
	(void)state;
	const EmbeddedFile *m = rules_migration();
	assert_non_null(m);
	char *sql = statements_only((const char *)m->data);
	static const char *const banned[] = {"INSERT OR", "REPLACE INTO", "ON CONFLICT",
	        "AUTOINCREMENT", "datetime(", "strftime(", "CURRENT_", "PRAGMA", "TRUE", "FALSE",
	        "\"", "`"};
	for (size_t i = 0; i < COUNT_OF(banned); i++)
		if (strstr(sql, banned[i])) {
			free(sql);
			fail_msg("0003_rules.sql uses %s", banned[i]);
		}
	/* Only INSERT statements, and every INSERT names its columns. */
	int inserts = 0, statements = 0;
	for (const char *p = sql; (p = strchr(p, ';')); p++)
		statements++;
	for (const char *p = strstr(sql, "INSERT INTO "); p; p = strstr(p + 1, "INSERT INTO ")) {
		const char *q = p + strlen("INSERT INTO ");
		while ((*q >= 'a' && *q <= 'z') || *q == '_')
			q++;
		while (*q == ' ' || *q == '\n')
			q++;
		if (*q != '(') {
			ptrdiff_t at = p - sql;
			free(sql);
			fail_msg("an INSERT without a column list at offset %td", at);
		}
		inserts++;
	}
	free(sql);
	assert_int_equal(inserts, statements);
	assert_true(inserts >= 10);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, counts_per_table);
	TL_ADD(&tl, counts_per_scheme);
	for (size_t i = 0; i < COUNT_OF(instruments); i++)
		tl_addf(&tl, instrument_case, (void *)&instruments[i], "instrument %s",
		        instruments[i].code);
	TL_ADD(&tl, instruments_listed_are_all);
	TL_ADD(&tl, instrument_dates_are_iso);
	for (size_t i = 0; i < COUNT_OF(replacements); i++)
		tl_addf(&tl, replacement_case, (void *)&replacements[i], "%s replaced by %s",
		        replacements[i].code, replacements[i].replaced_by);
	TL_ADD(&tl, only_stated_replacements);
	TL_ADD(&tl, every_reference_resolves);
	TL_ADD(&tl, tt28_levels_are_exact);
	TL_ADD(&tl, technology_line_cap_is_450_million);
	TL_ADD(&tl, rule_values_are_sane);
	for (size_t i = 0; i < COUNT_OF(local_rules); i++)
		tl_addf(&tl, local_rule_case, (void *)&local_rules[i], "local rule %d %s %s",
		        local_rules[i].id, local_rules[i].province_name, local_rules[i].cost_item);
	TL_ADD(&tl, local_rules_listed_are_all);
	for (size_t i = 0; i < COUNT_OF(approvers); i++)
		tl_addf(&tl, approver_case, (void *)&approvers[i], "%s %s approved by %s",
		        approvers[i].level, approvers[i].kind, approvers[i].approver);
	TL_ADD(&tl, approvers_listed_are_all);
	TL_ADD(&tl, content_map_joins);
	TL_ADD(&tl, every_content_has_an_indicator);
	TL_ADD(&tl, indicator_units_match_kinds);
	for (size_t i = 0; i < COUNT_OF(sources); i++)
		tl_addf(&tl, funding_source_case, (void *)&sources[i], "funding source %s",
		        sources[i].code);
	TL_ADD(&tl, sectors_are_versioned);
	TL_ADD(&tl, one_default_period_rule);
	for (size_t i = 0; i < COUNT_OF(figures); i++)
		tl_addf(&tl, figure_case, (void *)&figures[i], "§7 %s %s -> %s", figures[i].id,
		        figures[i].written, figures[i].indicator);
	TL_ADD(&tl, figures_are_unique_and_cover_section_7);
	TL_ADD(&tl, migration_is_portable);
	return tl_run_setup(&tl, "store/rules", setup, teardown);
}
