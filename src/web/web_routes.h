/* web_routes.h — every page handler, record loader and parameter list the
 * route table (http/http_routes.c) names for the web pages, by file. */
#ifndef KC_WEB_ROUTES_H
#define KC_WEB_ROUTES_H

#include "http/http_router.h"

/* web_session.c */
extern const Param web_login_params[];
int web_login_page(Ctx *c);
int web_login(Ctx *c);
int web_logout(Ctx *c);
int web_password_page(Ctx *c);
int web_password(Ctx *c);

/* web_dashboard.c */
extern const Param web_dashboard_params[];
int web_dashboard(Ctx *c);

/* web_establishment.c */
extern const Param web_establishment_list_params[], web_notice_params[];
int web_establishment_list(Ctx *c);
int web_establishment_new(Ctx *c);
int web_establishment_create(Ctx *c);
int web_establishment_show(Ctx *c);
int web_establishment_edit(Ctx *c);
int web_establishment_update(Ctx *c);

/* web_project.c */
extern const Param web_project_list_params[], web_project_show_params[];
int web_project_list(Ctx *c);
int web_project_new(Ctx *c);
int web_project_create(Ctx *c);
int web_project_show(Ctx *c);
int web_project_transition(Ctx *c);
int web_project_disburse(Ctx *c);
int web_project_beneficiary(Ctx *c);

/* issue 7, đề án editing: web_project_edit.c, web_project_tabs.c */
int web_project_edit(Ctx *c);
int web_project_update(Ctx *c);
int web_project_inspection(Ctx *c);
int web_project_upload(Ctx *c);
int web_project_adjust(Ctx *c);
int web_project_adjust_decide(Ctx *c);
/* sec-fixes L7: the history, a route of its own for managers */
int web_project_history(Ctx *c);

/* web_report.c */
extern const Param web_report_params[], web_report_submit_params[];
int web_report_page(Ctx *c);
int web_report_submit(Ctx *c);

/* ---- administration, programmes and plans (issue 7) ---- */
/* web_audit.c */
extern const Param web_audit_params[];
int web_audit_page(Ctx *c);

/* web_user.c */
extern const Param web_user_list_params[], web_user_show_params[];
int web_user_list(Ctx *c);
int web_user_new(Ctx *c);
int web_user_create(Ctx *c);
int web_user_show(Ctx *c);
int web_user_edit(Ctx *c);
int web_user_update(Ctx *c);
int web_user_password(Ctx *c);
int web_user_token_create(Ctx *c);
int web_user_token_revoke(Ctx *c);

/* web_reference.c, web_template.c */
extern const Param web_ref_list_params[], web_ref_row_params[], web_ref_new_params[];
int web_ref_index(Ctx *c);
int web_ref_list(Ctx *c);
int web_ref_show(Ctx *c);
int web_ref_history(Ctx *c);
int web_ref_new(Ctx *c);
int web_ref_create(Ctx *c);
int web_ref_edit(Ctx *c);
int web_ref_update(Ctx *c);
int web_ref_delete(Ctx *c);
int web_template_list(Ctx *c);
int web_template_show(Ctx *c);

/* web_programme.c */
extern const Param web_programme_list_params[], web_plan_list_params[], web_programme_show_params[],
        web_plan_new_params[];
int web_programme_list(Ctx *c);
int web_programme_new(Ctx *c);
int web_programme_create(Ctx *c);
int web_programme_show(Ctx *c);
int web_programme_edit(Ctx *c);
int web_programme_update(Ctx *c);
int web_programme_delete(Ctx *c);
int web_programme_history(Ctx *c);
int web_programme_target_set(Ctx *c);
int web_programme_target_delete(Ctx *c);
int web_plan_list(Ctx *c);
int web_plan_new(Ctx *c);
int web_plan_create(Ctx *c);
int web_plan_show(Ctx *c);
int web_plan_edit(Ctx *c);
int web_plan_update(Ctx *c);
int web_plan_delete(Ctx *c);
int web_plan_history(Ctx *c);
int web_plan_line_add(Ctx *c);
int web_plan_line_edit(Ctx *c);
int web_plan_line_update(Ctx *c);
int web_plan_line_delete(Ctx *c);
/* web_kind.c, web_activity.c, web_records.c, web_figures.c (issue 7: lists,
 * records and forms of the other kinds; web_kind.h). The handlers find the
 * kind from the route's pattern. */
extern const Param web_kind_show_params[], web_training_list_params[], web_fair_list_params[],
        web_media_list_params[], web_tour_list_params[], web_consulting_list_params[],
        web_product_list_params[], web_cert_list_params[], web_inspection_list_params[],
        web_org_list_params[], web_figure_list_params[];
int web_kind_list(Ctx *c);
int web_kind_new(Ctx *c);
int web_kind_create(Ctx *c);
int web_kind_show(Ctx *c);
int web_kind_edit(Ctx *c);
int web_kind_update(Ctx *c);
int web_kind_delete(Ctx *c);
int web_kind_history(Ctx *c);
int web_kind_load(Ctx *c, char province[3]);
/* web_aggregate.c (web-dash: aggregate figures as a grid, a region's sum) */
extern const Param web_aggregate_params[], web_aggregate_region_params[];
int web_aggregate_page(Ctx *c);
int web_aggregate_save(Ctx *c);
int web_aggregate_region(Ctx *c);
/* ---- web-coverage (issue 7): the API's other operations as pages ---- */
/* web_me.c: one's own account, tokens and sessions */
extern const Param web_me_params[];
int web_me_page(Ctx *c);
int web_me_token_create(Ctx *c);
int web_me_token_revoke(Ctx *c);
int web_me_logout_all(Ctx *c);
/* web_establishment.c */
int web_establishment_delete(Ctx *c);
int web_establishment_history(Ctx *c);
/* web_project_parts.c: deleting a đề án and the rows of its file; partners,
 * outputs, invoices */
int web_project_delete(Ctx *c);
int web_project_partner_add(Ctx *c);
int web_project_partner_remove(Ctx *c);
int web_project_output_set(Ctx *c);
int web_project_output_delete(Ctx *c);
int web_project_invoice_add(Ctx *c);
int web_project_invoice_delete(Ctx *c);
int web_project_disbursement_delete(Ctx *c);
int web_project_document_delete(Ctx *c);
int web_project_inspection_delete(Ctx *c);
/* web_ocop.c: a product's OCOP ratings */
int web_ocop_create(Ctx *c);
int web_ocop_edit(Ctx *c);
int web_ocop_update(Ctx *c);
int web_ocop_delete(Ctx *c);
/* web_lookup.c: an organisation on a day, activity totals, certificates by level */
extern const Param web_org_valid_on_params[], web_activity_totals_params[],
        web_cert_counts_params[];
int web_org_valid_on(Ctx *c);
int web_activity_totals(Ctx *c);
int web_cert_counts(Ctx *c);
/* web_admin_units.c: administrative units and regions */
extern const Param web_admin_units_params[];
int web_admin_units(Ctx *c);
/* web_import.c */
int web_import_page(Ctx *c);
int web_import_upload(Ctx *c);
int web_import_job(Ctx *c);
int web_import_commit(Ctx *c);

#endif
