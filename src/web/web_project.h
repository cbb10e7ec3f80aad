/* web_project.h — what the đề án pages share between their files:
 * web_project.c (list, tabs, create), web_project_edit.c (the edit form and
 * the cap shown while amounts are typed) and web_project_tabs.c
 * (inspections, documents, adjustments, audit history). */
#ifndef KC_WEB_PROJECT_H
#define KC_WEB_PROJECT_H

#include <stdbool.h>
#include <stdint.h>

#include "http/http_router.h"

struct Project;

/* (value, label) pairs: the 2 programme levels, the 4 types of đề án. */
extern const char *const web_project_levels[], *const web_project_types[];

/* The Vietnamese name of a status ("Đã phê duyệt"). */
const char *web_project_status(const char *s);
/* v in decimal, in the arena. */
char *web_project_num(Ctx *c, int64_t v);
/* A form field as a year, 0 when empty or not one. */
int web_project_year(Ctx *c, const char *name);
/* The general fields the create and edit forms share: code, title, level,
 * type, activity, place, years and objective. */
void web_project_read_general(Ctx *c, struct Project *p);
/* Whether rc is a refusal the user can fix (shown on the page, not a 500). */
bool web_project_user_error(int rc);
/* The error page of such a refusal: 409 for a state that forbids it, else 422. */
int web_project_refused(Ctx *c, int rc);
/* The đề án page down to its tab panel: title, notice, moves, the tabs
 * with tab current (the history's only for managers). */
void web_project_head(Ctx *c, const struct Project *p, const char *tab);
/* 303 to the đề án c->id's tab with a notice. */
int web_project_back(Ctx *c, const char *tab, const char *notice);
/* A row of the beneficiaries table of a form: a search and the select it
 * fills, with establishment id (may be NULL) chosen. */
void web_project_beneficiary_row(Ctx *c, const char *id);

/* web_project_tabs.c: the tabs of one đề án besides the general ones. */
int web_project_tab_inspections(Ctx *c, const struct Project *p);
int web_project_tab_documents(Ctx *c, const struct Project *p);
int web_project_tab_adjustments(Ctx *c, const struct Project *p);
int web_project_tab_audit(Ctx *c, const struct Project *p);

/* web_project_parts.c (web-coverage): the rest of a đề án's file. */
/* A row's delete button: a form posting to action, confirming "Xóa <what>?";
 * nothing for those who may not write. */
void web_project_row_delete(Ctx *c, const char *action, const char *what);
/* "/de-an/<project>/<part>/<id>/xoa", in the arena. */
const char *web_project_row_action(Ctx *c, int64_t project, const char *part, int64_t id);
/* The đề án's delete button, while it is in draft or registered. */
void web_project_delete_button(Ctx *c, const struct Project *p);
/* Links to the lists of activities and inspections filtered on the đề án. */
void web_project_links(Ctx *c, const struct Project *p);
int web_project_tab_partners(Ctx *c, const struct Project *p);
int web_project_tab_outputs(Ctx *c, const struct Project *p);
int web_project_tab_invoices(Ctx *c, const struct Project *p);

#endif
