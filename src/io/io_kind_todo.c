/* io_kind_todo.c — temporary: kinds not written yet. */
#include "io/io_run.h"

static int todo(Run *r, Outcome *out)
{
	run_problem(r, -1, false, "not built yet");
	*out = OUT_FAILED;
	return 0;
}
static const char *const f_projects[] = {"stt", "code", "title", "kind", "level", "type", "scope",
        "activity_code", "province_code", "district", "commune_code", "registration_year",
        "start_year", "end_year", "eligible_from", "eligible_to", "objective", "note", "status",
        "approval_no", "approval_date", "acceptance_no", "acceptance_date", "settlement_no",
        "settlement_date", "central", "provincial", "district_budget", "commune_budget",
        "counterpart", "other", "total_cost", "beneficiary"};
const KindDef io_kind_projects = {"projects", "projects", f_projects, 33, todo};
static const char *const f_project_costs[] = {"stt", "code", "source_code", "item", "eligible_cost",
        "planned", "approved", "cap_override"};
const KindDef io_kind_project_costs = {"project_costs", "project_costs", f_project_costs, 8, todo};
static const char *const f_beneficiaries[] = {"stt", "code", "beneficiary"};
const KindDef io_kind_beneficiaries = {"beneficiaries", "beneficiaries", f_beneficiaries, 3, todo};
static const char *const f_disbursements[] = {"stt", "code", "source_code", "item", "kind",
        "paid_on", "fiscal_year", "amount", "voucher_no", "note"};
const KindDef io_kind_disbursements = {"disbursements", "disbursements", f_disbursements, 10, todo};
static const char *const f_trainings[] = {"stt", "project_code", "province_code", "kind", "title",
        "start_date", "end_date", "classes", "trainees", "women", "ethnic_minority", "jobs_created",
        "note"};
const KindDef io_kind_trainings = {"trainings", "trainings", f_trainings, 13, todo};
static const char *const f_fairs[] = {"stt", "project_code", "province_code", "name", "place",
        "scope", "start_date", "end_date", "booths", "participations", "note"};
const KindDef io_kind_fairs = {"fairs", "fairs", f_fairs, 11, todo};
static const char *const f_certifications[] = {"stt", "establishment", "province_code", "product",
        "product_group", "level", "year", "certificate_no", "decision_no", "decision_date",
        "valid_until", "score"};
const KindDef io_kind_certifications = {
        "certifications", "certifications", f_certifications, 12, todo};
static const char *const f_aggregates[] = {"stt", "indicator_code", "scope", "period",
        "program_level", "unit", "plan", "actual", "estimate", "qualifier", "note", "source"};
const KindDef io_kind_aggregates = {"aggregates", "aggregates", f_aggregates, 12, todo};
