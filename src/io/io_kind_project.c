/* io_kind_project.c — rows of đề án and of their money: the đề án list
 * (with one cost line per funding source and its beneficiaries when the
 * list carries them), detailed cost lines, beneficiaries, disbursements.
 *
 * A đề án is known by its code. Its status is never written directly: a
 * row that says "đang thực hiện" moves a new or stored đề án along the
 * lifecycle (core/project_state.h) one step at a time, each step recorded
 * as an event, with the decisions the steps need taken from the row's
 * decision columns; a status behind the stored one is left as it is, with
 * a warning. Cost lines are known by (đề án, source, item), disbursements by
 * their voucher number or, without one, by line, kind, day and amount. */
#include <stdio.h>
#include <string.h>

#include "core/project_state.h"
#include "io/io_run.h"
#include "store/store_establishment.h"
#include "store/store_finance.h"
#include "store/store_project.h"

static const char *dup(Run *r, const char *s)
{
	return s ? arena_strdup(run_arena(r), s) : NULL;
}

/* ---- Đề án --------------------------------------------------------------------------- */

enum {
	P_STT,
	P_CODE,
	P_TITLE,
	P_KIND,
	P_LEVEL,
	P_TYPE,
	P_SCOPE,
	P_ACTIVITY,
	P_PROVINCE,
	P_DISTRICT,
	P_COMMUNE,
	P_REG_YEAR,
	P_START_YEAR,
	P_END_YEAR,
	P_ELIGIBLE_FROM,
	P_ELIGIBLE_TO,
	P_OBJECTIVE,
	P_NOTE,
	P_STATUS,
	P_APPROVAL_NO,
	P_APPROVAL_DATE,
	P_ACCEPTANCE_NO,
	P_ACCEPTANCE_DATE,
	P_SETTLEMENT_NO,
	P_SETTLEMENT_DATE,
	P_CENTRAL,
	P_PROVINCIAL,
	P_DISTRICT_BUDGET,
	P_COMMUNE_BUDGET,
	P_COUNTERPART,
	P_OTHER,
	P_TOTAL_COST,
	P_BENEFICIARY,
	P_NFIELDS
};

static const char *const project_fields[P_NFIELDS] = {"stt", "code", "title", "kind", "level",
        "type", "scope", "activity_code", "province_code", "district", "commune_code",
        "registration_year", "start_year", "end_year", "eligible_from", "eligible_to", "objective",
        "note", "status", "approval_no", "approval_date", "acceptance_no", "acceptance_date",
        "settlement_no", "settlement_date", "central", "provincial", "district_budget",
        "commune_budget", "counterpart", "other", "total_cost", "beneficiary"};

/* The funding source of each amount column, and the item its line gets. */
static const struct {
	int field;
	const char *source, *item;
} amounts[] = {
        {P_CENTRAL, "central", "Kinh phí hỗ trợ từ ngân sách trung ương"},
        {P_PROVINCIAL, "provincial", "Kinh phí hỗ trợ từ ngân sách tỉnh"},
        {P_DISTRICT_BUDGET, "district", "Kinh phí hỗ trợ từ ngân sách huyện"},
        {P_COMMUNE_BUDGET, "commune", "Kinh phí hỗ trợ từ ngân sách xã"},
        {P_COUNTERPART, "counterpart", "Vốn đối ứng của cơ sở thụ hưởng"},
        {P_OTHER, "other", "Kinh phí từ nguồn khác"},
};

static void overlay_project(Run *r, Project *x, const UnitRef *p, const UnitRef *c)
{
	x->code = run_text(r, P_CODE);
	if (run_val(r, P_TITLE)->set)
		x->title = run_text(r, P_TITLE);
	if (run_val(r, P_KIND)->set)
		x->kind = run_val(r, P_KIND)->code;
	if (run_val(r, P_LEVEL)->set)
		x->level = run_val(r, P_LEVEL)->code;
	if (run_val(r, P_TYPE)->set)
		x->type = run_val(r, P_TYPE)->code;
	if (run_val(r, P_SCOPE)->set)
		x->scope = run_val(r, P_SCOPE)->code;
	if (run_val(r, P_ACTIVITY)->set)
		x->activity_code = run_val(r, P_ACTIVITY)->code;
	x->province_list = dup(r, p->list);
	x->province_code = dup(r, p->code);
	if (run_val(r, P_COMMUNE)->present) {
		x->commune_list = c->code[0] ? dup(r, c->list) : NULL;
		x->commune_code = c->code[0] ? dup(r, c->code) : NULL;
	}
	int start = (int)run_val(r, P_START_YEAR)->num;
	x->start_year = start;
	x->registration_year = run_val(r, P_REG_YEAR)->set ? (int)run_val(r, P_REG_YEAR)->num
	                       : x->registration_year && x->registration_year <= start
	                               ? x->registration_year
	                               : start;
	x->end_year = run_val(r, P_END_YEAR)->set ? (int)run_val(r, P_END_YEAR)->num
	              : x->end_year >= start      ? x->end_year
	                                          : start;
	if (run_val(r, P_ELIGIBLE_FROM)->present)
		x->eligible_from = run_date(r, P_ELIGIBLE_FROM);
	if (run_val(r, P_ELIGIBLE_TO)->present)
		x->eligible_to = run_date(r, P_ELIGIBLE_TO);
	if (run_val(r, P_OBJECTIVE)->present)
		x->objective = run_text(r, P_OBJECTIVE);
	if (run_val(r, P_NOTE)->present)
		x->note = run_text(r, P_NOTE);
}

static bool same_project(const Project *a, const Project *x)
{
	return run_same_text(a->title, x->title) && run_same_text(a->kind, x->kind) &&
	       run_same_text(a->level, x->level) && run_same_text(a->type, x->type) &&
	       run_same_text(a->scope, x->scope) &&
	       run_same_text(a->activity_code, x->activity_code) &&
	       run_same_text(a->province_list, x->province_list) &&
	       run_same_text(a->province_code, x->province_code) &&
	       run_same_text(a->commune_code, x->commune_code) &&
	       a->registration_year == x->registration_year && a->start_year == x->start_year &&
	       a->end_year == x->end_year && run_same_text(a->eligible_from, x->eligible_from) &&
	       run_same_text(a->eligible_to, x->eligible_to) &&
	       run_same_text(a->objective, x->objective) && run_same_text(a->note, x->note);
}

/* The states a đề án passes through, in order: a row's status is reached
 * by the moves between them. */
static const char *const path[] = {"draft", "registered", "appraised_basic", "appraised",
        "approved", "contracted", "in_progress", "accepted", "settled", "closed"};
enum { PATH_LEN = sizeof path / sizeof path[0] };

static int path_index(const char *status)
{
	for (int i = 0; i < PATH_LEN; i++)
		if (status && !strcmp(path[i], status))
			return i;
	return -1;
}

/* The decision of the move into state to, from the row's columns. */
static void decision_for(Run *r, const char *to, Transition *t, int *field)
{
	*field = -1;
	if (!strcmp(to, "approved"))
		*field = P_APPROVAL_NO;
	else if (!strcmp(to, "accepted"))
		*field = P_ACCEPTANCE_NO;
	else if (!strcmp(to, "settled"))
		*field = P_SETTLEMENT_NO;
	if (*field < 0)
		return;
	t->decision_no = run_text(r, *field);
	t->decision_date = run_date(r, *field + 1);
	t->event_date = t->decision_date;
}

/* Moves đề án id from its stored status to the row's, step by step. */
static int move_to(Run *r, int64_t id, const char *target, bool *moved, Outcome *out)
{
	Err e = {0};
	Project cur;
	int rc = store_project_get(run_db(r), id, run_arena(r), &cur, &e);
	if (rc)
		return run_store(r, rc, &e, out);
	int from = path_index(cur.status), to = path_index(target);
	if (from < 0 || to < 0) {
		run_problem(r, P_STATUS, false,
		        "Không chuyển được đề án từ '%s' sang '%s' khi nhập: chuyển trong hệ thống",
		        project_state_label(cur.status), project_state_label(target));
		return 0;
	}
	if (to < from) {
		run_problem(r, P_STATUS, true,
		        "Đề án đã ở trạng thái '%s', sau trạng thái '%s' ghi trong tệp: giữ nguyên",
		        project_state_label(cur.status), project_state_label(target));
		return 0;
	}
	int version = cur.version;
	for (int i = from; i < to; i++) {
		Transition t = store_project_transition_blank();
		t.reason = "Nhập từ tệp";
		int field;
		decision_for(r, path[i + 1], &t, &field);
		if (field >= 0 && (!t.decision_no || !t.decision_date)) {
			run_problem(r, P_STATUS, false,
			        "Để đề án ở trạng thái '%s' cần số và ngày của quyết định (biên bản) khi"
			        " chuyển sang '%s'",
			        project_state_label(target), project_state_label(path[i + 1]));
			return 0;
		}
		rc = store_project_transition(
		        run_db(r), run_actor(r), id, version, path[i + 1], &t, &e);
		if (rc)
			return run_store(r, rc, &e, out);
		version++;
		*moved = true;
	}
	return 0;
}

/* One cost line of source with item: created, or updated to amount. */
static int put_line(Run *r, int64_t project, const char *source, const char *item, int64_t planned,
        int64_t approved, int64_t eligible, const char *override, bool *changed, Outcome *out)
{
	Err e = {0};
	int64_t id;
	int rc = store_finance_line_find(run_db(r), project, source, item, &id, &e);
	if (rc && rc != KC_ENOTFOUND)
		return run_store(r, rc, &e, out);
	CostLine x = store_finance_line_blank();
	if (rc == 0) {
		if ((rc = store_finance_line_get(run_db(r), id, run_arena(r), &x, &e)))
			return run_store(r, rc, &e, out);
		if (x.planned == planned && x.approved == approved && x.eligible_cost == eligible &&
		        run_same_text(x.cap_override, override))
			return 0;
	}
	x.project_id = project;
	x.source_code = source;
	x.item = item;
	x.planned = planned;
	x.approved = approved;
	x.eligible_cost = eligible;
	x.cap_override = override;
	*changed = true;
	if (rc == 0)
		rc = store_finance_line_update(run_db(r), run_actor(r), &x, &e);
	else
		rc = store_finance_line_add(run_db(r), run_actor(r), &x, &id, &e);
	return run_store(r, rc, &e, out);
}

static int project_amounts(Run *r, int64_t id, bool approved, bool *changed, Outcome *out)
{
	int64_t sum = 0;
	bool any = false;
	for (size_t i = 0; i < sizeof amounts / sizeof amounts[0]; i++) {
		const IoVal *v = run_val(r, amounts[i].field);
		if (!v->set)
			continue;
		sum += v->num;
		any = true;
		int rc = put_line(r, id, amounts[i].source, amounts[i].item, v->num,
		        approved ? v->num : -1, -1, NULL, changed, out);
		if (rc || *out == OUT_FAILED)
			return rc;
	}
	const IoVal *total = run_val(r, P_TOTAL_COST);
	if (any && total->set && total->num != sum)
		run_problem(r, P_TOTAL_COST, true,
		        "Tổng kinh phí khác tổng các nguồn (chênh %lld đồng)",
		        (long long)(total->num - sum));
	return 0;
}

/* Adds the establishments the row names as beneficiaries, each once. */
static int add_beneficiaries(Run *r, int64_t id, const UnitRef *p, bool *changed, Outcome *out)
{
	const char *list = run_text(r, P_BENEFICIARY);
	if (!list)
		return 0;
	Err e = {0};
	ProjectMembers have;
	int rc = store_project_beneficiaries(run_db(r), id, run_arena(r), &have, &e);
	if (rc)
		return run_store(r, rc, &e, out);
	char *s = arena_strdup(run_arena(r), list);
	for (char *save = NULL, *part = strtok_r(s, ";\n", &save); part;
	        part = strtok_r(NULL, ";\n", &save)) {
		while (*part == ' ')
			part++;
		size_t n = strlen(part);
		while (n && part[n - 1] == ' ')
			part[--n] = '\0';
		if (!n)
			continue;
		int64_t est;
		bool ok;
		if ((rc = run_find_establishment(r, P_BENEFICIARY, part, p, &est, &ok)) || !ok)
			return rc;
		bool there = false;
		for (int i = 0; i < have.n && !there; i++)
			there = have.v[i].id == est;
		if (there)
			continue;
		*changed = true;
		rc = store_project_beneficiary_add(run_db(r), run_actor(r), id, est, &e);
		if (rc)
			return run_store(r, rc, &e, out);
	}
	return 0;
}

static int project_row(Run *r, Outcome *out)
{
	const IoVal *start = run_val(r, P_START_YEAR);
	UnitRef p, c;
	bool ok;
	int rc = run_place(r, P_PROVINCE, P_DISTRICT, P_COMMUNE, (int)start->num, &p, &c, &ok);
	if (rc || !ok || (rc = run_scope(r, P_PROVINCE, p.list, p.code, NULL, &ok)) || !ok)
		return rc;
	Err e = {0};
	int64_t id = 0, row;
	rc = store_project_find_code(run_db(r), run_text(r, P_CODE), &id, &e);
	if (rc && rc != KC_ENOTFOUND)
		return run_store(r, rc, &e, out);
	if (id && run_was_seen(r, SEEN_PROJECT, id, &row)) {
		run_problem(r, P_CODE, false, "Trùng với dòng %lld: cùng mã đề án", (long long)row);
		return 0;
	}
	bool changed = false;
	*out = OUT_UNCHANGED;
	Project x = store_project_blank();
	if (id) {
		Project cur;
		if ((rc = store_project_get(run_db(r), id, run_arena(r), &cur, &e)))
			return run_store(r, rc, &e, out);
		if ((rc = run_project_scope(r, P_CODE, id, &ok)) || !ok)
			return rc;
		x = cur;
		overlay_project(r, &x, &p, &c);
		if (!same_project(&cur, &x)) {
			changed = true;
			rc = store_project_update(run_db(r), run_actor(r), &x, &e);
		}
	} else {
		overlay_project(r, &x, &p, &c);
		changed = true;
		rc = store_project_create(run_db(r), run_actor(r), &x, &id, &e);
	}
	if ((rc = run_store(r, rc, &e, out)) || *out == OUT_FAILED)
		return rc;
	run_seen(r, SEEN_PROJECT, id, &row);
	*out = OUT_UNCHANGED;
	const char *status = run_val(r, P_STATUS)->code;
	if (status && (rc = move_to(r, id, status, &changed, out)))
		return rc;
	bool approved = status && path_index(status) >= path_index("approved");
	if ((rc = project_amounts(r, id, approved, &changed, out)) ||
	        (rc = add_beneficiaries(r, id, &p, &changed, out)))
		return rc;
	if (*out != OUT_FAILED)
		*out = x.id == 0 && changed ? OUT_CREATED : changed ? OUT_UPDATED : OUT_UNCHANGED;
	return 0;
}

const KindDef io_kind_projects = {
        "projects", "Đề án khuyến công", project_fields, P_NFIELDS, project_row};

/* ---- Cost lines ---------------------------------------------------------------------- */

enum { L_STT, L_CODE, L_SOURCE, L_ITEM, L_ELIGIBLE, L_PLANNED, L_APPROVED, L_OVERRIDE, L_NFIELDS };

static const char *const line_fields[L_NFIELDS] = {"stt", "code", "source_code", "item",
        "eligible_cost", "planned", "approved", "cap_override"};

static int line_row(Run *r, Outcome *out)
{
	int64_t project, row;
	bool ok;
	int rc = run_find_project(r, L_CODE, &project, &ok);
	if (rc || !ok || (rc = run_project_scope(r, L_CODE, project, &ok)) || !ok)
		return rc;
	const char *source = run_val(r, L_SOURCE)->code, *item = run_text(r, L_ITEM);
	Err e = {0};
	int64_t id = 0;
	rc = store_finance_line_find(run_db(r), project, source, item, &id, &e);
	if (rc == 0 && run_was_seen(r, SEEN_COST_LINE, id, &row)) {
		run_problem(r, L_ITEM, false, "Trùng với dòng %lld: cùng đề án, nguồn và hạng mục",
		        (long long)row);
		return 0;
	}
	const IoVal *approved = run_val(r, L_APPROVED), *eligible = run_val(r, L_ELIGIBLE);
	bool changed = false;
	*out = rc == 0 ? OUT_UNCHANGED : OUT_CREATED;
	rc = put_line(r, project, source, item, run_val(r, L_PLANNED)->num,
	        approved->set ? approved->num : -1, eligible->set ? eligible->num : -1,
	        run_text(r, L_OVERRIDE), &changed, out);
	if (rc || *out == OUT_FAILED)
		return rc;
	if (*out == OUT_UNCHANGED && changed)
		*out = OUT_UPDATED;
	if (store_finance_line_find(run_db(r), project, source, item, &id, &e) == 0)
		run_seen(r, SEEN_COST_LINE, id, &row);
	return 0;
}

const KindDef io_kind_project_costs = {
        "project_costs", "Dòng kinh phí của đề án", line_fields, L_NFIELDS, line_row};

/* ---- Beneficiaries ------------------------------------------------------------------- */

enum { B_STT, B_CODE, B_BENEFICIARY, B_NFIELDS };

static const char *const beneficiary_fields[B_NFIELDS] = {"stt", "code", "beneficiary"};

static int beneficiary_row(Run *r, Outcome *out)
{
	int64_t project, est, row;
	bool ok;
	int rc = run_find_project(r, B_CODE, &project, &ok);
	if (rc || !ok || (rc = run_project_scope(r, B_CODE, project, &ok)) || !ok)
		return rc;
	Err e = {0};
	Project pj;
	if ((rc = store_project_get(run_db(r), project, run_arena(r), &pj, &e)))
		return run_store(r, rc, &e, out);
	UnitRef p = {0};
	snprintf(p.list, sizeof p.list, "%s", pj.province_list);
	snprintf(p.code, sizeof p.code, "%s", pj.province_code);
	if ((rc = run_find_establishment(r, B_BENEFICIARY, run_text(r, B_BENEFICIARY),
	             pj.scope && !strcmp(pj.scope, "inter_provincial") ? NULL : &p, &est, &ok)) ||
	        !ok)
		return rc;
	if (run_seen(r, SEEN_BENEFICIARY, project << 32 | est, &row)) {
		run_problem(r, B_BENEFICIARY, false, "Trùng với dòng %lld", (long long)row);
		return 0;
	}
	ProjectMembers have;
	if ((rc = store_project_beneficiaries(run_db(r), project, run_arena(r), &have, &e)))
		return run_store(r, rc, &e, out);
	for (int i = 0; i < have.n; i++)
		if (have.v[i].id == est) {
			*out = OUT_UNCHANGED;
			return 0;
		}
	*out = OUT_CREATED;
	return run_store(r,
	        store_project_beneficiary_add(run_db(r), run_actor(r), project, est, &e), &e, out);
}

const KindDef io_kind_beneficiaries = {"beneficiaries", "Cơ sở thụ hưởng của đề án",
        beneficiary_fields, B_NFIELDS, beneficiary_row};

/* ---- Disbursements ------------------------------------------------------------------- */

enum {
	D_STT,
	D_CODE,
	D_SOURCE,
	D_ITEM,
	D_KIND,
	D_PAID_ON,
	D_FISCAL_YEAR,
	D_AMOUNT,
	D_VOUCHER,
	D_NOTE,
	D_NFIELDS
};

static const char *const disbursement_fields[D_NFIELDS] = {"stt", "code", "source_code", "item",
        "kind", "paid_on", "fiscal_year", "amount", "voucher_no", "note"};

static int disbursement_row(Run *r, Outcome *out)
{
	int64_t project, line, id, row;
	bool ok, same;
	int rc = run_find_project(r, D_CODE, &project, &ok);
	if (rc || !ok || (rc = run_project_scope(r, D_CODE, project, &ok)) || !ok)
		return rc;
	const char *source = run_val(r, D_SOURCE)->code;
	Err e = {0};
	rc = store_finance_line_find(run_db(r), project, source, run_text(r, D_ITEM), &line, &e);
	if (rc == KC_ENOTFOUND) {
		run_problem(r, D_SOURCE, false,
		        "Đề án '%s' không có dòng kinh phí nguồn '%s'%s: nhập dòng kinh phí trước",
		        run_text(r, D_CODE), run_text(r, D_SOURCE),
		        run_text(r, D_ITEM) ? " với hạng mục này" : "");
		return 0;
	}
	if (rc)
		return run_store(r, rc, &e, out);
	Disbursement d = store_finance_disbursement_blank();
	d.cost_line_id = line;
	d.kind = run_val(r, D_KIND)->code;
	d.paid_on = run_date(r, D_PAID_ON);
	d.fiscal_year = (int)run_val(r, D_FISCAL_YEAR)->num;
	d.amount = run_val(r, D_AMOUNT)->num;
	d.voucher_no = run_text(r, D_VOUCHER);
	d.note = run_text(r, D_NOTE);
	rc = store_finance_disbursement_find(run_db(r), &d, &id, &same, &e);
	if (rc && rc != KC_ENOTFOUND)
		return run_store(r, rc, &e, out);
	if (rc == 0 && run_was_seen(r, SEEN_DISBURSEMENT, id, &row)) {
		run_problem(r, d.voucher_no ? D_VOUCHER : D_AMOUNT, false,
		        "Trùng với dòng %lld: cùng %s", (long long)row,
		        d.voucher_no ? "số chứng từ" : "loại, ngày và số tiền");
		return 0;
	}
	if (rc == 0 && !same) {
		run_problem(r, D_VOUCHER, false,
		        "Chứng từ '%s' đã nhập với loại, ngày hoặc số tiền khác: sửa lần giải ngân"
		        " trong hệ thống",
		        d.voucher_no);
		return 0;
	}
	if (rc == 0) {
		run_seen(r, SEEN_DISBURSEMENT, id, &row);
		*out = OUT_UNCHANGED;
		return 0;
	}
	*out = OUT_CREATED;
	rc = store_finance_disbursement_add(run_db(r), run_actor(r), &d, &id, &e);
	if (rc == 0)
		run_seen(r, SEEN_DISBURSEMENT, id, &row);
	return run_store(r, rc, &e, out);
}

const KindDef io_kind_disbursements = {
        "disbursements", "Giải ngân", disbursement_fields, D_NFIELDS, disbursement_row};
