/* projtest.h — what the đề án API suites (and their permission rows) share:
 * a đề án made through the store and moved along its lifecycle, and a call
 * that checks its status. Header-only: static inline, so a suite that does
 * not use a helper does not warn. */
#ifndef KC_TEST_PROJTEST_H
#define KC_TEST_PROJTEST_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"
#include "store/store_establishment.h"
#include "store/store_org.h"
#include "store/store_product.h"
#include "store/store_project.h"

/* Who makes the records a test starts from. */
static inline Actor projtest_actor(const ApiTest *t)
{
	return (Actor){.name = "fixture", .via = "cli", .now = t->app.now};
}

/* A đề án of the demonstration-model content C03_DEMO_TECH at level in
 * province list:code, carried out in year; its id. */
static inline int64_t projtest_create(ApiTest *t, const char *code, const char *level,
        const char *list, const char *province, int year)
{
	Project p = store_project_blank();
	p.code = code;
	p.title = "Hỗ trợ ứng dụng máy đóng gói bánh pía";
	p.level = level;
	p.activity_code = "C03_DEMO_TECH";
	p.province_list = list;
	p.province_code = province;
	p.registration_year = year - 1;
	p.start_year = year;
	p.end_year = year;
	Actor a = projtest_actor(t);
	Err e = {0};
	int64_t id = 0;
	if (store_project_create(t->db.db, &a, &p, &id, &e))
		fail_msg("projtest: create %s: %s (%s)", code, e.msg, e.field);
	return id;
}

/* A partner organisation of no province named name; its id. */
static inline int64_t projtest_org(ApiTest *t, const char *name)
{
	Organisation o = store_org_blank();
	o.kind = "partner";
	o.name = name;
	Actor a = projtest_actor(t);
	Err e = {0};
	int64_t id;
	if (store_org_create(t->db.db, &a, &o, &id, &e))
		fail_msg("projtest: organisation: %s", e.msg);
	return id;
}

/* A household business named name in current province code; its id. */
static inline int64_t projtest_establishment(ApiTest *t, const char *name, const char *province)
{
	Establishment x = store_establishment_blank();
	x.name = name;
	x.legal_form = "household_business";
	x.province_list = "current";
	x.province_code = province;
	Actor a = projtest_actor(t);
	Err e = {0};
	int64_t id;
	if (store_establishment_create(t->db.db, &a, &x, &id, &e))
		fail_msg("projtest: establishment: %s", e.msg);
	return id;
}

/* A food product named name of establishment est; its id. */
static inline int64_t projtest_product(ApiTest *t, int64_t est, const char *name)
{
	Product p = store_product_blank();
	p.establishment_id = est;
	p.name = name;
	p.product_group = "food";
	Actor a = projtest_actor(t);
	Err e = {0};
	int64_t id;
	if (store_product_create(t->db.db, &a, &p, &id, &e))
		fail_msg("projtest: product: %s", e.msg);
	return id;
}

/* Moves đề án id along the main path (draft … closed) until it is in to,
 * with a decision wherever the move needs one. */
static inline void projtest_go(ApiTest *t, int64_t id, const char *to)
{
	static const char *const path[] = {"draft", "registered", "appraised_basic", "appraised",
	        "approved", "contracted", "in_progress", "accepted", "settled", "closed", NULL};
	Actor a = projtest_actor(t);
	Arena arena = {0};
	Project p;
	Err e = {0};
	for (;;) {
		if (store_project_get(t->db.db, id, &arena, &p, &e))
			fail_msg("projtest: %s", e.msg);
		if (!strcmp(p.status, to))
			break;
		int i = 0;
		while (path[i] && strcmp(path[i], p.status))
			i++;
		if (!path[i] || !path[i + 1])
			fail_msg("projtest: cannot go from %s to %s", p.status, to);
		Transition tr = store_project_transition_blank();
		tr.decision_no = "QĐ 15/QĐ-UBND";
		tr.decision_date = "2019-03-01";
		if (store_project_transition(t->db.db, &a, id, p.version, path[i + 1], &tr, &e))
			fail_msg("projtest: -> %s: %s", path[i + 1], e.msg);
	}
	arena_free(&arena);
}

/* Calls method path as user and fails the test unless the answer has
 * status; the caller frees out. */
static inline void projtest_call(ApiTest *t, const char *user, const char *method, const char *path,
        const char *body, int status, ApiRes *out)
{
	apitest_call(t, user, method, path, body, NULL, out);
	if (out->status != status)
		fail_msg("%s %s as %s: expected %d, got %d: %s", method, path,
		        user ? user : "anonymous", status, out->status, out->body);
}

/* The same, for a call whose answer needs no other look. */
static inline void projtest_expect(ApiTest *t, const char *user, const char *method,
        const char *path, const char *body, int status)
{
	ApiRes r;
	projtest_call(t, user, method, path, body, status, &r);
	apires_free(&r);
}

/* The error of r names field and its message contains part. */
static inline void projtest_error(
        const ApiRes *r, const char *code, const char *field, const char *part)
{
	assert_string_equal(apires_str(r, "error.code"), code);
	if (field)
		assert_string_equal(apires_str(r, "error.field"), field);
	if (part)
		assert_contains(apires_str(r, "error.message"), part);
}

/* The boolean key of the i-th item of r's list: false when absent. */
static inline bool projtest_flag(const ApiRes *r, int i, const char *key)
{
	return json_is_true(
	        json_object_get(json_array_get(json_object_get(r->json, "items"), (size_t)i), key));
}

/* A suite's đề án in province list:code of year, moved to status, beside a
 * đề án of Hà Nội (01) in the same status; base and other_base are their
 * paths. */
typedef struct ProjFx {
	ApiTest t;
	int64_t id, other;
	char base[64], other_base[64]; /* /api/v1/projects/<id> */
} ProjFx;

static inline int projtest_fx_open(
        void **state, const char *list, const char *code, int year, const char *status)
{
	ProjFx *f = calloc(1, sizeof *f);
	if (!f || apitest_open(&f->t))
		return -1;
	f->id = projtest_create(&f->t, "KC-01", "local", list, code, year);
	f->other = projtest_create(&f->t, "KC-HN-01", "local", "current", "01", 2026);
	projtest_go(&f->t, f->id, status);
	projtest_go(&f->t, f->other, status);
	snprintf(f->base, sizeof f->base, "/api/v1/projects/%lld", (long long)f->id);
	snprintf(f->other_base, sizeof f->other_base, "/api/v1/projects/%lld", (long long)f->other);
	*state = f;
	return 0;
}

static inline int projtest_fx_close(void **state)
{
	ProjFx *f = *state;
	apitest_close(&f->t);
	free(f);
	return 0;
}

#endif
