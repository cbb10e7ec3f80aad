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

/* ---- audit log (api_audit.c) ---- */

/* ---- reference data (api_reference.c) ---- */

/* ---- đề án, members, transitions, adjustments (api_project.c) ---- */

/* ---- cost lines, disbursements, invoices (api_finance.c) ---- */

/* ---- outputs, inspections, documents (api_project_extra.c) ---- */

/* ---- organisations (api_org.c) ---- */

/* ---- programmes, targets, annual plans (api_programme.c) ---- */

/* ---- products, certifications, OCOP (api_product.c) ---- */

/* ---- trainings, fairs, media, study tours, consulting (api_activity.c) ---- */

/* ---- aggregate figures (api_aggregate.c) ---- */

/* ---- administrative units (api_admin.c) ---- */

/* ---- reports (api_report.c) ---- */

/* ---- import (api_import.c) ---- */

#endif
