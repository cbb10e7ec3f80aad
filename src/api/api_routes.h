/* api_routes.h — every JSON handler, record loader and parameter list the
 * route table (http/http_routes.c) names, grouped by resource file. */
#ifndef KC_API_ROUTES_H
#define KC_API_ROUTES_H

#include "http/http_router.h"

/* api_meta.c */
int api_healthz(Ctx *c);
int api_openapi(Ctx *c);

/* api_session.c */
extern const Schema api_credentials_schema, api_session_schema;
int api_session_login(Ctx *c);
int api_session_get(Ctx *c);
int api_session_logout(Ctx *c);
int api_session_logout_all(Ctx *c);
int api_session_password(Ctx *c);

/* api_establishment.c */
extern const Schema api_establishment_schema;
extern const Param api_establishment_list_params[];
int api_establishment_load(Ctx *c, char province[3]);
int api_establishment_list(Ctx *c);
int api_establishment_get(Ctx *c);
int api_establishment_create(Ctx *c);
int api_establishment_update(Ctx *c);
int api_establishment_delete(Ctx *c);

/* ---- accounts and tokens (api_user.c) ---- */
extern const Schema api_user_schema, api_password_schema, api_token_schema;
extern const Param api_user_page_params[];
int api_user_load(Ctx *c, char province[3]);
int api_user_list(Ctx *c);
int api_user_create(Ctx *c);
int api_user_get(Ctx *c);
int api_user_update(Ctx *c);
int api_user_password(Ctx *c);
int api_user_audit(Ctx *c);
int api_user_tokens(Ctx *c);
int api_user_token_create(Ctx *c);
int api_token_get(Ctx *c);
int api_token_revoke(Ctx *c);
int api_my_tokens(Ctx *c);
int api_my_token_create(Ctx *c);
int api_my_token_revoke(Ctx *c);

/* ---- audit log (api_audit.c) ---- */
extern const Schema api_audit_schema;
extern const Param api_audit_params[], api_audit_history_params[];
int api_audit_list(Ctx *c);
int api_establishment_audit(Ctx *c);

/* ---- reference data (api_reference.c) ---- */
extern const Schema api_instrument_schema, api_content_schema, api_indicator_schema,
        api_sector_schema, api_funding_source_schema, api_support_rule_schema,
        api_adjustment_rule_schema, api_period_rule_schema;
extern const Param api_reference_list_params[];
int api_reference_list(Ctx *c);
int api_reference_get(Ctx *c);
int api_reference_create(Ctx *c);
int api_reference_update(Ctx *c);
int api_reference_delete(Ctx *c);
int api_reference_audit(Ctx *c);

/* ---- đề án, members, transitions, adjustments (api_project.c) ---- */
extern const Schema api_project_schema, api_transition_schema, api_next_state_schema,
        api_project_event_schema, api_project_member_schema, api_project_partner_schema,
        api_project_beneficiary_schema, api_adjustment_schema, api_adjustment_decision_schema;
extern const Param api_project_list_params[];
/* The loader of /projects/{id}/...: the đề án into c->rec. */
int api_project_load(Ctx *c, char province[3]);
/* For the loaders of records under a đề án: the current province of đề án
 * project_id; and, for a record {sub} whose đề án is owner, KC_ENOTFOUND
 * ("Không có <what> số <sub> trong đề án số <id>") unless owner is {id}. */
int api_project_scope(Ctx *c, int64_t project_id, char province[3]);
int api_project_child(Ctx *c, int64_t owner, const char *what, char province[3]);
/* Whether the caller may move đề án p to state to: a manager, and for the
 * moves of a national đề án the Ministry decides, a national caller (the
 * web pages show only these moves as buttons). */
struct Project;
bool api_project_may_move(const Ctx *c, const struct Project *p, const char *to);
/* rc of the store's move of p to state to, answered as 403 when the store
 * refused it for who the caller is (store_project_check_mover); else rc. */
int api_project_move_refused(Ctx *c, const struct Project *p, const char *to, int rc);
/* 0 when the caller may decide adjustment a (a national đề án's: national
 * callers only), else a 403 with the reason. */
struct Adjustment;
int api_adjustment_decider(Ctx *c, const struct Adjustment *a);
/* 201 with Location /api/v1/projects/{id}/<what>/<id> and rec through s. */
int api_project_created(Ctx *c, const char *what, int64_t id, const Schema *s, const void *rec);
int api_project_list(Ctx *c);
int api_project_get(Ctx *c);
int api_project_create(Ctx *c);
int api_project_update(Ctx *c);
int api_project_delete(Ctx *c);
int api_project_audit(Ctx *c);
int api_project_transitions(Ctx *c);
int api_project_transition(Ctx *c);
int api_project_events(Ctx *c);
int api_project_partners(Ctx *c);
int api_project_partner_add(Ctx *c);
int api_project_partner_remove(Ctx *c);
int api_project_beneficiaries(Ctx *c);
int api_project_beneficiary_add(Ctx *c);
int api_project_beneficiary_remove(Ctx *c);
int api_adjustment_load(Ctx *c, char province[3]);
int api_adjustment_list(Ctx *c);
int api_adjustment_get(Ctx *c);
int api_adjustment_propose(Ctx *c);
int api_adjustment_decide(Ctx *c);

/* ---- cost lines, disbursements, invoices (api_finance.c) ---- */
extern const Schema api_cost_line_schema, api_disbursement_schema, api_finance_totals_schema,
        api_invoice_schema, api_invoice_risk_schema;
int api_cost_line_load(Ctx *c, char province[3]);
int api_cost_line_list(Ctx *c);
int api_cost_line_get(Ctx *c);
int api_cost_line_add(Ctx *c);
int api_cost_line_update(Ctx *c);
int api_cost_line_delete(Ctx *c);
int api_disbursement_load(Ctx *c, char province[3]);
int api_disbursement_list(Ctx *c);
int api_disbursement_add(Ctx *c);
int api_disbursement_delete(Ctx *c);
int api_finance_totals(Ctx *c);
/* issue 7: the cap shown while a cost line is typed */
extern const Schema api_support_cap_schema;
extern const Param api_support_cap_params[];
int api_support_cap(Ctx *c);
int api_invoice_load(Ctx *c, char province[3]);
int api_invoice_list(Ctx *c);
int api_invoice_risks(Ctx *c);
int api_invoice_add(Ctx *c);
int api_invoice_delete(Ctx *c);

/* ---- outputs, inspections, documents (api_project_extra.c) ---- */
extern const Schema api_output_schema, api_inspection_schema, api_document_schema;
extern const Param api_inspection_list_params[], api_project_inspection_params[],
        api_document_upload_params[];
int api_output_list(Ctx *c);
int api_output_put(Ctx *c);
int api_output_delete(Ctx *c);
int api_inspection_load(Ctx *c, char province[3]);
int api_inspection_list(Ctx *c);
int api_inspection_create(Ctx *c);
int api_inspection_get(Ctx *c);
int api_inspection_update(Ctx *c);
int api_inspection_delete(Ctx *c);
int api_project_inspection_list(Ctx *c);
int api_project_inspection_create(Ctx *c);
/* Refuses an inspection naming đề án project_id (-1: none) in a province the
 * caller does not have (403), or a đề án that does not exist (422 naming
 * project_id): the web form checks what the API checks. */
int api_inspection_project_rights(Ctx *c, int64_t project_id);
int api_document_load(Ctx *c, char province[3]);
int api_document_list(Ctx *c);
int api_document_upload(Ctx *c);
int api_document_download(Ctx *c);
int api_document_delete(Ctx *c);

/* ---- organisations (api_org.c) ---- */
extern const Schema api_org_schema;
extern const Param api_org_list_params[], api_org_valid_on_params[];
int api_org_load(Ctx *c, char province[3]);
int api_org_list(Ctx *c);
int api_org_get(Ctx *c);
int api_org_create(Ctx *c);
int api_org_update(Ctx *c);
int api_org_delete(Ctx *c);
int api_org_audit(Ctx *c);
int api_org_valid_on(Ctx *c);

/* ---- programmes, targets, annual plans (api_programme.c) ---- */
extern const Schema api_programme_schema, api_programme_target_schema, api_plan_schema,
        api_plan_line_schema;
extern const Param api_programme_list_params[], api_plan_list_params[];
int api_programme_load(Ctx *c, char province[3]);
int api_programme_list(Ctx *c);
int api_programme_get(Ctx *c);
int api_programme_create(Ctx *c);
int api_programme_update(Ctx *c);
int api_programme_delete(Ctx *c);
int api_programme_audit(Ctx *c);
int api_programme_target_list(Ctx *c);
int api_programme_target_set(Ctx *c);
int api_programme_target_delete(Ctx *c);
int api_plan_load(Ctx *c, char province[3]);
int api_plan_list(Ctx *c);
int api_plan_get(Ctx *c);
int api_plan_create(Ctx *c);
int api_plan_update(Ctx *c);
int api_plan_delete(Ctx *c);
int api_plan_audit(Ctx *c);
int api_plan_line_load(Ctx *c, char province[3]);
int api_plan_line_list(Ctx *c);
int api_plan_line_get(Ctx *c);
int api_plan_line_add(Ctx *c);
int api_plan_line_update(Ctx *c);
int api_plan_line_delete(Ctx *c);

/* ---- products, certifications, OCOP (api_product.c) ---- */
extern const Schema api_product_schema, api_cert_schema, api_cert_counts_schema, api_ocop_schema;
extern const Param api_product_list_params[], api_cert_list_params[], api_cert_count_params[];
int api_product_load(Ctx *c, char province[3]);
int api_product_list(Ctx *c);
int api_product_get(Ctx *c);
int api_product_create(Ctx *c);
int api_product_update(Ctx *c);
int api_product_delete(Ctx *c);
int api_product_audit(Ctx *c);
int api_cert_load(Ctx *c, char province[3]);
int api_cert_list(Ctx *c);
int api_cert_count(Ctx *c);
int api_cert_get(Ctx *c);
int api_cert_create(Ctx *c);
int api_cert_update(Ctx *c);
int api_cert_delete(Ctx *c);
int api_cert_audit(Ctx *c);
int api_ocop_load(Ctx *c, char province[3]);
int api_ocop_list(Ctx *c);
int api_ocop_get(Ctx *c);
int api_ocop_create(Ctx *c);
int api_ocop_update(Ctx *c);
int api_ocop_delete(Ctx *c);

/* ---- trainings, fairs, media, study tours, consulting (api_activity.c) ---- */
/* One set of handlers serves the five kinds, found from the route's pattern. */
extern const Schema api_training_schema, api_fair_schema, api_media_schema, api_tour_schema,
        api_consulting_schema, api_activity_totals_schema;
extern const Param api_training_list_params[], api_fair_list_params[], api_media_list_params[],
        api_tour_list_params[], api_consulting_list_params[], api_activity_totals_params[];
int api_activity_load(Ctx *c, char province[3]);
int api_activity_list(Ctx *c);
int api_activity_get(Ctx *c);
int api_activity_create(Ctx *c);
int api_activity_update(Ctx *c);
int api_activity_delete(Ctx *c);
int api_activity_audit(Ctx *c);
int api_activity_totals(Ctx *c);

/* ---- aggregate figures (api_aggregate.c) ---- */
extern const Schema api_aggregate_schema, api_aggregate_item_schema, api_aggregate_sum_schema;
extern const Param api_aggregate_list_params[], api_aggregate_put_params[],
        api_aggregate_sum_params[];
int api_aggregate_load(Ctx *c, char province[3]);
int api_aggregate_list(Ctx *c);
int api_aggregate_put(Ctx *c);
int api_aggregate_get(Ctx *c);
int api_aggregate_delete(Ctx *c);
int api_aggregate_audit(Ctx *c);
int api_aggregate_sum(Ctx *c);
/* The provinces (as recorded) of region, or every province when region is
 * NULL, on the last day of period, the day its figures were reported as of:
 * what a region's sum adds up (also the web's region view). Arena-owned. */
typedef struct AggregateProvinces {
	struct UnitRef *v; /* store_admin.h */
	size_t n, cap;
} AggregateProvinces;
int api_aggregate_provinces(
        Ctx *c, const char *region, const char *period, AggregateProvinces *out);

/* ---- administrative units (api_admin.c) ---- */
extern const Schema api_unit_schema, api_region_schema, api_current_province_schema;
extern const Param api_unit_list_params[], api_unit_current_params[], api_region_list_params[],
        api_region_member_params[];
int api_unit_list(Ctx *c);
int api_unit_current_province(Ctx *c);
/* issue 7: the commune picker */
extern const Schema api_commune_pick_schema;
extern const Param api_commune_search_params[];
int api_commune_search(Ctx *c);
int api_region_list(Ctx *c);
int api_region_members(Ctx *c);

/* ---- reports (api_report.c) ---- */
extern const Schema api_report_template_schema, api_report_snapshot_schema;
extern const Param api_report_params[], api_report_submit_params[], api_report_snapshot_params[],
        api_report_snapshots_params[];
/* The report the parameters period, province, region, boundaries, level,
 * sources and as_of ask for, template c->key, in the caller's scope (a
 * region only for national callers); the web's reports page shares it. */
struct ReportRequest;
int api_report_request(Ctx *c, struct ReportRequest *req);
int api_report_templates(Ctx *c);
int api_report_get(Ctx *c);
int api_report_submit(Ctx *c);
int api_report_snapshots(Ctx *c);
int api_report_snapshot_load(Ctx *c, char province[3]);
int api_report_snapshot_get(Ctx *c);

/* ---- import (api_import.c) ---- */
extern const Schema api_import_report_schema, api_import_job_schema, api_import_kind_schema;
extern const Param api_import_params[], api_import_job_params[];
int api_import_upload(Ctx *c);
int api_import_statuses(Ctx *c);
int api_import_status(Ctx *c);
int api_import_cancel(Ctx *c);
int api_import_templates(Ctx *c);
int api_import_template(Ctx *c);
/* The options of every import c's caller makes (the web's import page shares
 * them): a dry run with the caller as actor, limited to their provinces (none
 * for a national caller: every province), the file no larger than an upload. */
struct ImportOptions;
void api_import_caller_options(const Ctx *c, struct ImportOptions *o);
/* Queues size bytes at data, named name, as a background import of c's
 * caller with options o; *id receives its number. KC_ETOOBIG (status 429)
 * when the server has as many as it holds. */
int api_import_queue(Ctx *c, const char *name, const void *data, size_t size,
        const struct ImportOptions *o, int64_t *id);
/* Holds the caller's job {id} (api_import_job_get: release it); KC_ENOTFOUND
 * when there is none, as on a server without background imports. */
struct ImportJob;
struct ImportJobStatus;
int api_import_held_job(Ctx *c, struct ImportJob **job, struct ImportJobStatus *st);

#endif
