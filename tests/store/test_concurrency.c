/* test_concurrency.c — many clients at once on the same đề án: 16 threads,
 * each with its own connection (as the server's workers have), editing the
 * đề án and disbursing against their lines. On PostgreSQL (KC_TEST_DB=pg)
 * this is the national instance's case; on SQLite the same test holds.
 *
 * Afterwards every acknowledged write is there with its values, nothing else
 * is, the lines' sums agree with what was acknowledged and never pass the
 * approved amounts (the check-then-write rule under contention), versions
 * count the acknowledged edits, and the store's checks pass. No timing is
 * asserted. */
#include "harness.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "store/store_check.h"
#include "store/store_finance.h"
#include "store/store_project.h"

enum { CLIENTS = 16, ROUNDS = 24, PROJECTS = 4 };

/* 30 triệu a payment: the 16 clients try to pay more than the 800 triệu
 * each line has left, so refusals under contention are part of the test. */
static const int64_t payment = 30000000;

typedef struct Shared {
	const char *url;
	int64_t project[PROJECTS], line[PROJECTS];
} Shared;

typedef struct Client {
	const Shared *s;
	int n;
	pthread_t thread;
	/* What the store acknowledged, and what went wrong otherwise. */
	int64_t paid_id[ROUNDS], paid_line[ROUNDS];
	int npaid;
	int edits[PROJECTS];
	int refused, unexpected;
	char why[600];
} Client;

static void unexpected(Client *c, const char *what, const Err *e)
{
	if (c->unexpected++ == 0)
		snprintf(c->why, sizeof c->why, "%s: %s", what, e->msg);
}

static void edit(Client *c, Db *db, const Actor *a, int p, int round)
{
	Arena arena = {0};
	Project pr;
	Err e;
	char title[128];
	int rc = store_project_get(db, c->s->project[p], &arena, &pr, &e);
	if (rc == 0) {
		snprintf(title, sizeof title, "Hỗ trợ máy móc (sửa bởi người dùng %d, lần %d)",
		        c->n, round);
		pr.title = title;
		rc = store_project_update(db, a, &pr, &e);
	}
	if (rc == 0)
		c->edits[p]++;
	else if (rc == KC_ECONFLICT) /* edited by someone else since it was read */
		c->refused++;
	else
		unexpected(c, "edit", &e);
	arena_free(&arena);
}

static void disburse(Client *c, Db *db, const Actor *a, int p)
{
	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = c->s->line[p];
	d.kind = "payment";
	d.paid_on = "2023-10-01";
	d.amount = payment;
	int64_t id;
	Err e;
	int rc = store_finance_disbursement_add(db, a, &d, &id, &e);
	if (rc == 0) {
		c->paid_id[c->npaid] = id;
		c->paid_line[c->npaid++] = c->s->line[p];
	} else if (rc == KC_EINVAL && !strcmp(e.field, "amount")) { /* over the approved */
		c->refused++;
	} else {
		unexpected(c, "disburse", &e);
	}
}

static void *client(void *arg)
{
	Client *c = arg;
	char name[32];
	snprintf(name, sizeof name, "can.bo.%d", c->n);
	const Actor a = {.user_id = 0, .name = name, .via = "http", .now = "2026-11-22T10:00:00Z"};
	Db *db;
	Err e;
	if (db_open(&db, c->s->url, &e)) {
		unexpected(c, "open", &e);
		return NULL;
	}
	for (int r = 0; r < ROUNDS; r++) {
		int p = (c->n + r) % PROJECTS;
		if (r % 3 == 0)
			edit(c, db, &a, p, r);
		else
			disburse(c, db, &a, p);
	}
	db_close(db);
	return NULL;
}

static int64_t scalar_by_id(Db *db, const char *sql, int64_t id)
{
	Stmt *st;
	Err e;
	int64_t v = -1;
	if (db_prepare(db, sql, &st, &e))
		fail_msg("%s", e.msg);
	db_bind_int64(st, 1, id);
	int rc = db_run_int64(st, &v, &e);
	db_done(st);
	if (rc)
		fail_msg("%s: %s", sql, e.msg);
	return v;
}

static void check_fn(void *ctx, const char *name, const char *label, int64_t n, const char *ex)
{
	(void)ctx, (void)label;
	if (n)
		fail_msg("check '%s' failed: %s", name, ex);
}

static void sixteen_clients_edit_and_disburse(void **state)
{
	TmpDb *t = *state;
	Shared s = {.url = t->path};
	tmpdb_sample(t->db, PROJECTS, s.project);
	for (int p = 0; p < PROJECTS; p++)
		s.line[p] = scalar_by_id(t->db,
		        "SELECT id FROM project_cost_line WHERE project_id = ?", s.project[p]);
	int64_t before = db_scalar(t->db, "SELECT COUNT(*) FROM disbursement");
	static Client c[CLIENTS];
	for (int i = 0; i < CLIENTS; i++) {
		c[i] = (Client){.s = &s, .n = i};
		assert_int_equal(pthread_create(&c[i].thread, NULL, client, &c[i]), 0);
	}
	for (int i = 0; i < CLIENTS; i++)
		assert_int_equal(pthread_join(c[i].thread, NULL), 0);

	int64_t acked = 0, refused = 0, per_line[PROJECTS] = {0};
	int edits[PROJECTS] = {0};
	for (int i = 0; i < CLIENTS; i++) {
		if (c[i].unexpected)
			fail_msg("client %d: %d unexpected errors, first %s", i, c[i].unexpected,
			        c[i].why);
		refused += c[i].refused;
		for (int k = 0; k < c[i].npaid; k++) {
			/* Every acknowledged disbursement is there, with its amount. */
			assert_int_equal(
			        scalar_by_id(t->db, "SELECT amount FROM disbursement WHERE id = ?",
			                c[i].paid_id[k]),
			        payment);
			for (int p = 0; p < PROJECTS; p++)
				per_line[p] += c[i].paid_line[k] == s.line[p];
			acked++;
		}
		for (int p = 0; p < PROJECTS; p++)
			edits[p] += c[i].edits[p];
	}
	/* Nothing but them: the rows, their audit rows, the sums per line. */
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM disbursement"), before + acked);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM audit_log WHERE table_name ="
	                                  " 'disbursement' AND action = 'insert'"),
	        before + acked);
	for (int p = 0; p < PROJECTS; p++) {
		int64_t sum = scalar_by_id(t->db,
		        "SELECT SUM(amount) - 200012345 FROM disbursement WHERE cost_line_id = ?"
		        " AND kind IN ('advance', 'payment')",
		        s.line[p]);
		assert_int_equal(sum, per_line[p] * payment);
		/* Never past the approved 1 tỷ, though the clients tried. */
		assert_true(sum + 200012345 <= 1000000000);
		/* Each acknowledged edit moved the version once. */
		assert_int_equal(scalar_by_id(t->db, "SELECT version FROM project WHERE id = ?",
		                         s.project[p]),
		        1 + edits[p]);
	}
	assert_true(refused > 0); /* the lines filled up: the limit was tested */
	assert_true(acked > 0);
	int failed = -1;
	Err e;
	assert_int_equal(store_check(t->db, check_fn, NULL, &failed, &e), 0);
	assert_int_equal(failed, 0);
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

int main(void)
{
	struct CMUnitTest t[] = {
	        cmocka_unit_test_setup_teardown(sixteen_clients_edit_and_disburse, setup, teardown),
	};
	return cmocka_run_group_tests_name("store/concurrency", t, NULL, NULL);
}
