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

/* ---- cost lines, disbursements, invoices (api_finance.c) ---- */

/* ---- outputs, inspections, documents (api_project_extra.c) ---- */

/* ---- organisations (api_org.c) ---- */

/* ---- programmes, targets, annual plans (api_programme.c) ---- */

/* ---- products, certifications, OCOP (api_product.c) ---- */

/* ---- trainings, fairs, media, study tours, consulting (api_activity.c) ---- */

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

/* ---- administrative units (api_admin.c) ---- */
extern const Schema api_unit_schema, api_region_schema, api_current_province_schema;
extern const Param api_unit_list_params[], api_unit_current_params[], api_region_list_params[],
        api_region_member_params[];
int api_unit_list(Ctx *c);
int api_unit_current_province(Ctx *c);
int api_region_list(Ctx *c);
int api_region_members(Ctx *c);

/* ---- reports (api_report.c) ---- */

/* ---- import (api_import.c) ---- */

#endif
