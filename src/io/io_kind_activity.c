/* io_kind_activity.c — rows of training classes and of fairs.
 *
 * Neither has a code of its own: a class is the same one as a stored class
 * of the same province, kind, title and first day (its last day when it has
 * no first); a fair, of the same province, name and first day. A row may
 * name the đề án that paid for it by its code. */
#include <string.h>

#include "io/io_run.h"
#include "store/store_activity.h"
#include "store/store_project.h"

static int64_t num_of(const Run *r, int field, int64_t unknown)
{
	return run_val(r, field)->set ? run_val(r, field)->num : unknown;
}

/* The year a dated record's place is checked in: its first day's, else
 * its last day's. */
static int year_of(const Run *r, int start, int end)
{
	const char *d = run_date(r, start) ? run_date(r, start) : run_date(r, end);
	return d ? (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0') : 0;
}

/* The province of the row and the đề án it names (0: none). */
static int where(Run *r, int prov, int project, int year, UnitRef *p, int64_t *project_id, bool *ok)
{
	UnitRef c;
	*project_id = 0;
	int rc = run_place(r, prov, -1, -1, year, p, &c, ok);
	if (rc || !*ok || (rc = run_scope(r, prov, p->list, p->code, NULL, ok)) || !*ok ||
	        !run_val(r, project)->set)
		return rc;
	return run_find_project(r, project, project_id, ok);
}

/* ---- Training classes ---------------------------------------------------------------- */

enum {
	T_STT,
	T_PROJECT,
	T_PROVINCE,
	T_KIND,
	T_TITLE,
	T_START,
	T_END,
	T_CLASSES,
	T_TRAINEES,
	T_WOMEN,
	T_ETHNIC,
	T_JOBS,
	T_NOTE,
	T_NFIELDS
};

static const char *const training_fields[T_NFIELDS] = {"stt", "project_code", "province_code",
        "kind", "title", "start_date", "end_date", "classes", "trainees", "women",
        "ethnic_minority", "jobs_created", "note"};

static bool same_training(const TrainingClass *a, const TrainingClass *b)
{
	return a->project_id == b->project_id && run_same_text(a->start_date, b->start_date) &&
	       run_same_text(a->end_date, b->end_date) && a->classes == b->classes &&
	       a->trainees == b->trainees && a->women == b->women &&
	       a->ethnic_minority == b->ethnic_minority && a->jobs_created == b->jobs_created &&
	       run_same_text(a->note, b->note);
}

static int training_row(Run *r, Outcome *out)
{
	UnitRef p;
	int64_t project, id = 0, row;
	bool ok;
	int rc = where(r, T_PROVINCE, T_PROJECT, year_of(r, T_START, T_END), &p, &project, &ok);
	if (rc || !ok)
		return rc;
	TrainingClass x = store_activity_training_blank();
	x.project_id = project;
	x.province_list = arena_strdup(run_arena(r), p.list);
	x.province_code = arena_strdup(run_arena(r), p.code);
	x.kind = run_val(r, T_KIND)->code;
	x.title = run_text(r, T_TITLE);
	x.start_date = run_date(r, T_START);
	x.end_date = run_date(r, T_END);
	x.classes = num_of(r, T_CLASSES, 1);
	x.trainees = num_of(r, T_TRAINEES, 0);
	x.women = num_of(r, T_WOMEN, -1);
	x.ethnic_minority = num_of(r, T_ETHNIC, -1);
	x.jobs_created = num_of(r, T_JOBS, -1);
	x.note = run_text(r, T_NOTE);
	Err e = {0};
	rc = store_activity_training_find(run_db(r), &x, &id, &e);
	if (rc && rc != KC_ENOTFOUND)
		return run_store(r, rc, &e, out);
	if (id && run_seen(r, SEEN_TRAINING, id, &row)) {
		run_problem(r, T_TITLE, false,
		        "Trùng với dòng %lld: cùng tỉnh, loại lớp, tên lớp và ngày khai giảng",
		        (long long)row);
		return 0;
	}
	if (!id) {
		*out = OUT_CREATED;
		rc = store_activity_training_create(run_db(r), run_actor(r), &x, &id, &e);
		if (rc == 0)
			run_seen(r, SEEN_TRAINING, id, &row);
		return run_store(r, rc, &e, out);
	}
	TrainingClass cur;
	if ((rc = store_activity_training_get(run_db(r), id, run_arena(r), &cur, &e)))
		return run_store(r, rc, &e, out);
	x.id = id;
	if (same_training(&cur, &x)) {
		*out = OUT_UNCHANGED;
		return 0;
	}
	*out = OUT_UPDATED;
	return run_store(
	        r, store_activity_training_update(run_db(r), run_actor(r), &x, &e), &e, out);
}

const KindDef io_kind_trainings = {
        "trainings", "Lớp đào tạo, tập huấn", training_fields, T_NFIELDS, training_row};

/* ---- Fairs -------------------------------------------------------------------------- */

enum {
	F_STT,
	F_PROJECT,
	F_PROVINCE,
	F_NAME,
	F_PLACE,
	F_SCOPE,
	F_START,
	F_END,
	F_BOOTHS,
	F_PARTICIPATIONS,
	F_NOTE,
	F_NFIELDS
};

static const char *const fair_fields[F_NFIELDS] = {"stt", "project_code", "province_code", "name",
        "place", "scope", "start_date", "end_date", "booths", "participations", "note"};

static bool same_fair(const Fair *a, const Fair *b)
{
	return a->project_id == b->project_id && run_same_text(a->place, b->place) &&
	       run_same_text(a->scope, b->scope) && run_same_text(a->start_date, b->start_date) &&
	       run_same_text(a->end_date, b->end_date) && a->booths == b->booths &&
	       a->participations == b->participations && run_same_text(a->note, b->note);
}

static int fair_row(Run *r, Outcome *out)
{
	UnitRef p;
	int64_t project, id = 0, row;
	bool ok;
	int rc = where(r, F_PROVINCE, F_PROJECT, year_of(r, F_START, F_END), &p, &project, &ok);
	if (rc || !ok)
		return rc;
	Fair x = store_activity_fair_blank();
	x.project_id = project;
	x.province_list = arena_strdup(run_arena(r), p.list);
	x.province_code = arena_strdup(run_arena(r), p.code);
	x.name = run_text(r, F_NAME);
	x.place = run_text(r, F_PLACE);
	x.scope = run_val(r, F_SCOPE)->code;
	x.start_date = run_date(r, F_START);
	x.end_date = run_date(r, F_END);
	x.booths = num_of(r, F_BOOTHS, -1);
	x.participations = num_of(r, F_PARTICIPATIONS, -1);
	x.note = run_text(r, F_NOTE);
	Err e = {0};
	rc = store_activity_fair_find(run_db(r), &x, &id, &e);
	if (rc && rc != KC_ENOTFOUND)
		return run_store(r, rc, &e, out);
	if (id && run_seen(r, SEEN_FAIR, id, &row)) {
		run_problem(r, F_NAME, false, "Trùng với dòng %lld: cùng tỉnh, tên và ngày bắt đầu",
		        (long long)row);
		return 0;
	}
	if (!id) {
		*out = OUT_CREATED;
		rc = store_activity_fair_create(run_db(r), run_actor(r), &x, &id, &e);
		if (rc == 0)
			run_seen(r, SEEN_FAIR, id, &row);
		return run_store(r, rc, &e, out);
	}
	Fair cur;
	if ((rc = store_activity_fair_get(run_db(r), id, run_arena(r), &cur, &e)))
		return run_store(r, rc, &e, out);
	x.id = id;
	if (same_fair(&cur, &x)) {
		*out = OUT_UNCHANGED;
		return 0;
	}
	*out = OUT_UPDATED;
	return run_store(r, store_activity_fair_update(run_db(r), run_actor(r), &x, &e), &e, out);
}

const KindDef io_kind_fairs = {"fairs", "Hội chợ, triển lãm", fair_fields, F_NFIELDS, fair_row};
