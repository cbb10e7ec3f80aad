/* web.h — the web pages: HTML rendered on the server from the same store
 * and report functions as the JSON API, one file per screen group
 * (web_session.c, web_establishment.c, web_project.c, web_report.c,
 * web_dashboard.c). Every page is a row of the route table (http_routes.c)
 * with ROUTE_WEB, so the router signs the caller in (or sends them to the
 * sign-in page), checks the role, the province scope and the CSRF token of
 * a form before the handler runs; a handler never checks permissions itself.
 *
 * What this header offers the pages: the layout (header with the user and
 * their provinces, navigation, footer), form fields that show the value
 * sent back and the message next to the field at fault, Vietnamese numbers,
 * money and dates, pagination, and names of units and code lists. All
 * output goes through http_html.h: escaped by default. */
#ifndef KC_WEB_H
#define KC_WEB_H

#include <stdbool.h>
#include <stdint.h>

#include "http/http_html.h"
#include "http/http_router.h"

/* The response body pages write into. */
static inline Buf *web_out(Ctx *c)
{
	return &c->res->body;
}

/* Starts a page with status (0: 200): the head, the header with the user,
 * the navigation with nav marked current ("tong-quan", "de-an", "co-so",
 * "bao-cao"), and <main> with the title as <h1>. */
void web_begin(Ctx *c, int status, const char *title, const char *nav);
/* Closes <main> and the page. */
void web_end(Ctx *c);
/* A page for the signed-out: the sign-in form's layout. */
void web_begin_bare(Ctx *c, int status, const char *title);

/* 303 See Other to url (a path of this site, in the arena or static). */
int web_redirect(Ctx *c, const char *url);
/* The hidden field with the session's CSRF token, for every form that posts. */
void web_csrf(Ctx *c);
/* A notice at the top of a page from the `tb` parameter a redirect set. */
void web_notice(Ctx *c, const char *text);
/* The message of c->err as an alert when it names no field a form shows. */
void web_form_error(Ctx *c, const char *const *fields);

/* ---- Form fields ------------------------------------------------------------------- */

/* What an input adds to its attributes. */
enum {
	WEB_REQUIRED = 1 << 0,
	WEB_AUTOFOCUS = 1 << 1,
	WEB_AMOUNT = 1 << 2,      /* money in đồng: shown grouped while typed (app.js) */
	WEB_USERNAME = 1 << 3,    /* autocomplete="username" */
	WEB_PASSWORD = 1 << 4,    /* autocomplete="current-password" */
	WEB_NEW_PASSWORD = 1 << 5 /* autocomplete="new-password" */
};

/* A labelled input: type "text", "number", "date", "password", "search";
 * value may be NULL; the message of c->err shows next to it when it names
 * this field; flags are WEB_* above. */
void web_input(Ctx *c, const char *type, const char *name, const char *label, const char *value,
        const char *hint, unsigned flags);
/* A select of (value, label) pairs options[0..2n), with selected marked and a
 * first empty choice labelled blank (NULL: none). */
void web_select(Ctx *c, const char *name, const char *label, const char *const *options, int n,
        const char *selected, const char *blank);
/* The same fields for a form that shares a page with another whose fields
 * have the same names (the đề án's payment and invoice forms): their ids
 * are "<form>-<name>" ("hd-amount") where web_input's are "f-<name>", their
 * message's "loi-<form>-<name>", so no id repeats on the page and each
 * label names its own form's field. form NULL: as web_input, web_select. */
void web_input_of(Ctx *c, const char *form, const char *type, const char *name, const char *label,
        const char *value, const char *hint, unsigned flags);
void web_select_of(Ctx *c, const char *form, const char *name, const char *label,
        const char *const *options, int n, const char *selected, const char *blank);
/* A checkbox sending value "1". */
void web_check(Ctx *c, const char *name, const char *label, bool checked);
/* The message next to a field, when c->err names it. */
void web_field_error(Ctx *c, const char *name);

/* ---- Values -------------------------------------------------------------------------- */

/* Appends a number in Vietnamese format ("3.509"). */
void web_int(Ctx *c, int64_t v);
/* Money in đồng with dots ("1.234.500.000"); "—" for a negative (unknown). */
void web_money(Ctx *c, int64_t dong);
/* Money in words, as written under a total for signature ("Sáu tỷ không
 * trăm bốn mươi bảy triệu năm trăm nghìn đồng"; core/money_words.h). */
void web_money_words(Ctx *c, int64_t dong);
/* Money in triệu đồng with a decimal comma ("1.234,5"). */
void web_millions(Ctx *c, int64_t dong);
/* An ISO date as dd/mm/yyyy; "—" for NULL. */
void web_date(Ctx *c, const char *iso);
/* The text, or "—" when NULL or empty. */
void web_text_or_dash(Ctx *c, const char *s);
/* A form value as a whole number of đồng: "1.234.000", "1234000"; -1 when
 * empty, -2 when it is not a number. */
int64_t web_parse_money(const char *s);

/* The name of a province (list "current"/"legacy", code), or the code. */
const char *web_province_name(Ctx *c, const char *list, const char *code);
/* Every current province as (value, label) pairs for web_select, value the
 * bare code ("92"); *n receives how many. Only the caller's own provinces
 * unless they see every one. */
const char *const *web_province_options(Ctx *c, int *n);
/* The provinces of both lists as ("list:code", name) pairs, for a record's
 * province picker: current ones first, then the legacy ones as "(cũ)". */
const char *const *web_unit_options(Ctx *c, int *n);
/* The label of a code of a reference table ("activity_content", "funding_source"). */
const char *web_ref_label(Ctx *c, const char *table, const char *code);
/* (code, label) pairs of a reference table. */
const char *const *web_ref_options(Ctx *c, const char *table, int *n);

/* ---- Lists ------------------------------------------------------------------------- */

enum { WEB_PAGE_ROWS = 50 };

/* The list's page number from the `trang` parameter (1 when absent). */
int web_page(const Ctx *c);
/* "Trang 1 2 3 … 9" links keeping the list's other parameters, after a line
 * saying which rows of how many are shown. */
void web_pager(Ctx *c, int64_t total, int page);
/* A list's head: the pager, then the actions (buttons the caller writes
 * between begin and end), ending with the downloads of the filtered list
 * at path ("/co-so") as XLSX and CSV. */
void web_list_head_begin(Ctx *c, int64_t total, int page);
void web_list_head_end(Ctx *c, const char *path);
/* The current URL's query with name set to value (NULL: removed), for links
 * that keep the filters: "?q=x&trang=2". In the arena. */
const char *web_query_with(Ctx *c, const char *name, const char *value);

#endif
