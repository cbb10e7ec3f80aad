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
int web_kind_load(Ctx *c, char province[3]);

#endif
