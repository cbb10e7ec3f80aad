/* test_audit.c — reading the audit log: filters by table, record, user and
 * time, newest first, in pages; malformed bounds refused. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store.h"
#include "store/store_audit.h"

static TmpDb t;

/* Five changes by two people over two days. */
static int setup(void **state)
{
	(void)state;
	if (tmpdb_open(&t, TMPDB_MIGRATED))
		return -1;
	static const struct {
		const char *who, *at, *table, *action;
		int64_t id;
	} rows[] = {
	        {"can.bo", "2026-11-21T09:00:00Z", "establishment", "insert", 7},
	        {"can.bo", "2026-11-21T23:59:59Z", "establishment", "update", 7},
	        {"lanh.dao", "2026-11-22T00:00:00Z", "establishment", "update", 8},
	        {"lanh.dao", "2026-11-22T08:00:00Z", "project", "insert", 7},
	        {"can.bo", "2026-11-22T10:30:00Z", "establishment", "delete", 7},
	};
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		Actor a = {.user_id = 3, .name = rows[i].who, .via = "http", .now = rows[i].at};
		Err e;
		if (store_audit(
		            t.db, &a, rows[i].action, rows[i].table, rows[i].id, NULL, "{}", &e))
			return -1;
	}
	Actor admin = {.name = "quan.tri", .via = "cli", .now = "2026-11-22T11:00:00Z"};
	if (store_audit_key(t.db, &admin, "update", "sector", "S07_HANDICRAFT", "{}", "{}", NULL))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tmpdb_close(&t);
	return 0;
}

static int64_t count(AuditFilter f)
{
	Arena arena = {0};
	AuditList l;
	Err e;
	if (store_audit_list(t.db, &f, &arena, &l, &e))
		fail_msg("%s", e.msg);
	arena_free(&arena);
	return l.total;
}

static void filters(void **state)
{
	(void)state;
	AuditFilter f = store_audit_filter();
	assert_int_equal(count(f), 6);
	f.table_name = "establishment";
	assert_int_equal(count(f), 4);
	f.record_id = "7";
	assert_int_equal(count(f), 3); /* one record's history */
	f = store_audit_filter();
	f.actor = "lanh.dao";
	assert_int_equal(count(f), 2);
	f = store_audit_filter();
	f.table_name = "sector";
	f.record_id = "S07_HANDICRAFT";
	assert_int_equal(count(f), 1);
	/* A day is the whole day, to its last second, both ends included. */
	f = store_audit_filter();
	f.from = f.to = "2026-11-21";
	assert_int_equal(count(f), 2);
	f.from = "2026-11-21T23:59:59Z";
	f.to = "2026-11-22T08:00:00Z";
	assert_int_equal(count(f), 3);
	f.to = NULL;
	f.from = "2026-11-22";
	assert_int_equal(count(f), 4);
}

static void newest_first_in_pages(void **state)
{
	(void)state;
	Arena arena = {0};
	AuditList l;
	Err e;
	AuditFilter f = store_audit_filter();
	f.table_name = "establishment";
	f.limit = 2;
	f.offset = 1;
	assert_int_equal(store_audit_list(t.db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 4);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].at, "2026-11-22T00:00:00Z");
	assert_string_equal(l.v[0].record_id, "8");
	assert_string_equal(l.v[0].actor, "lanh.dao");
	assert_int_equal(l.v[0].user_id, 3);
	assert_string_equal(l.v[0].via, "http");
	assert_null(l.v[0].before_json);
	assert_string_equal(l.v[0].after_json, "{}");
	assert_string_equal(l.v[1].action, "update");
	assert_string_equal(l.v[1].at, "2026-11-21T23:59:59Z");
	arena_free(&arena);
}

static void bad_bounds(void **state)
{
	(void)state;
	static const char *const bad[] = {"22/11/2026", "2026-11-31", "2026-11-22 08:00:00",
	        "2026-11-22T25:00:00Z", "2026-11-22T08:00:00", ""};
	for (size_t i = 0; i < COUNT_OF(bad); i++) {
		Arena arena = {0};
		AuditList l;
		Err e;
		AuditFilter f = store_audit_filter();
		f.to = bad[i];
		assert_int_equal(store_audit_list(t.db, &f, &arena, &l, &e), KC_EINVAL);
		assert_string_equal(e.field, "to");
		arena_free(&arena);
	}
	Arena arena = {0};
	AuditList l;
	Err e;
	AuditFilter f = store_audit_filter();
	f.limit = 501;
	assert_int_equal(store_audit_list(t.db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, filters);
	TL_ADD(&tl, newest_first_in_pages);
	TL_ADD(&tl, bad_bounds);
	return tl_run_setup(&tl, "store/audit", setup, teardown);
}
