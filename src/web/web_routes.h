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

/* web_report.c */
extern const Param web_report_params[], web_report_submit_params[];
int web_report_page(Ctx *c);
int web_report_submit(Ctx *c);

/* web_import.c */
int web_import_page(Ctx *c);
int web_import_upload(Ctx *c);
int web_import_job(Ctx *c);
int web_import_commit(Ctx *c);

#endif
