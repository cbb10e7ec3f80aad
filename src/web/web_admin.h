/* web_admin.h — what the administration pages share (web_audit.c,
 * web_user.c, web_reference.c, web_template.c, web_programme.c, web_me.c;
 * made in web_admin.c, web_audit.c and web_user.c): times in Việt Nam,
 * reading forms, the audit log's entries as a table whose changes read as
 * "field: before → after", the page of a record the log names, an account's
 * facts and tokens, and the reference tables' pages. Internal to src/web. */
#ifndef KC_WEB_ADMIN_H
#define KC_WEB_ADMIN_H

#include <stdbool.h>
#include <stdint.h>

#include "store/store_audit.h"
#include "store/store_user.h"
#include "web/web.h"

struct RefTable;

/* A UTC time "YYYY-MM-DDTHH:MM:SSZ" as Vietnam time (UTC+7), "16/06/2026
 * 10:04"; anything else is written as it is, and NULL as "—". */
void web_vn_time(Ctx *c, const char *utc);
/* A day typed in a form ("16/06/2026" or "2026-06-16") as the UTC time its
 * start (end false) or its end (end true) is in Việt Nam, in the arena;
 * NULL for NULL or "", and for a day that does not parse, after setting
 * c->err naming field. */
const char *web_vn_day_bound(Ctx *c, const char *day, bool end, const char *field);

/* v in decimal, in the arena. */
const char *web_id_text(Ctx *c, int64_t v);

/* A form field's text; NULL when it is absent or empty ("not given"). */
const char *web_form_text(const Ctx *c, const char *name);
/* A whole number field ("1.250.000" or "1250000") into *out, -1 when
 * empty; KC_EINVAL with a message naming it (what) when it is not one. */
int web_form_number(Ctx *c, const char *name, const char *what, int64_t *out);
/* The version of the record the form was drawn from (its hidden field), or 0. */
int web_form_version(const Ctx *c);
/* Whether a store refusal is one the user fixes on the form, which then
 * comes back with the message next to the field and what was typed. */
bool web_refusal(int rc);

/* The audit entries as a table: when (Việt Nam), who, what, the record (a
 * link to its page when it has one; left out when with_record is false:
 * a record's own history) and the change, field by field. */
void web_audit_entries(Ctx *c, const AuditList *l, bool with_record);
/* A record's history under a heading: the newest limit changes of
 * (table, record_id), with a link to the whole log filtered on it. */
int web_audit_history(Ctx *c, const char *table, const char *record_id, int limit);

/* An account's name, role, provinces and state as facts (web_user.c). */
void web_user_facts(Ctx *c, const User *u);
/* An account's API tokens (web_user.c): a token just made, whose text is
 * shown this once, or the token form refused (shown again as typed). */
typedef struct WebTokenForm {
	const char *token, *name;
	bool failed;
} WebTokenForm;
/* The tokens of user_id with a revoke button each and the form to make
 * one, posting to base + "/ma-truy-cap[/{id}/thu-hoi]" ("/tai-khoan/5", "/toi"). */
void web_tokens(Ctx *c, int64_t user_id, const char *base, const WebTokenForm *x);
/* Makes a token for user_id from the form (name, expires_at, write): 0 with
 * out's token and name, or the store's refusal with out->failed set when
 * the form is to be shown again. */
int web_token_create(Ctx *c, int64_t user_id, WebTokenForm *out);
/* Revokes token_id, which must be user_id's (else KC_ENOTFOUND). */
int web_token_revoke(Ctx *c, int64_t user_id, int64_t token_id);

/* A record's history as a page titled title under the menu entry nav: the
 * newest changes of (table, id), then a link back_label to back ("/co-so/12"). */
int web_audit_record_page(Ctx *c, const char *title, const char *nav, const char *table, int64_t id,
        const char *back, const char *back_label);

/* A reference table's pages: /danh-muc/<slug>. */
typedef struct WebRefPage {
	const char *slug;             /* "quy-dinh-ho-tro" */
	const char *title;            /* "Quy định mức hỗ trợ, mức trần" */
	const struct RefTable *table; /* store_reference.h */
} WebRefPage;

/* The page of the table the audit log names table_name ("support_rule"), or NULL. */
const WebRefPage *web_ref_page_of(const char *table_name);

#endif
