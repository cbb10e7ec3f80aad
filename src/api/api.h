/* api.h — the JSON API under /api/v1: one file per resource (api_NAME.c),
 * each a handful of handlers that turn a request into a store call and the
 * store's answer into JSON. Handlers never check permissions (the router did)
 * and never write SQL (the store does).
 *
 * Conventions every resource follows:
 * - A list answers {"items": [...], "total": N, "limit": L, "offset": O};
 *   its filters, `q` (search ignoring diacritics), `limit` (1..500) and
 *   `offset` are declared query parameters.
 * - A record answers its schema's fields and an ETag "<version>"; an update
 *   names the version it read (If-Match, or the body's "version") and gets
 *   409 if someone changed the record meanwhile.
 * - A create answers 201 with the record and a Location. */
#ifndef KC_API_H
#define KC_API_H

#include "core/json.h"
#include "http/http_body.h"
#include "http/http_router.h"

/* Declared parameters every list takes (a Param array's first entries). */
#define API_PAGE_PARAMS                                                                            \
	{"limit", PARAM_INT, 1, 500, NULL, "Số dòng mỗi trang, mặc định 50", false},               \
	{                                                                                          \
		"offset", PARAM_INT, 0, 100000000, NULL, "Bỏ qua bao nhiêu dòng đầu", false        \
	}
#define API_SEARCH_PARAM                                                                           \
	{                                                                                          \
		"q", PARAM_TEXT, 0, 200, NULL, "Tìm trong tên, không phân biệt dấu và hoa thường", \
		        false                                                                      \
	}
#define API_PROVINCE_PARAM                                                                                  \
	{                                                                                                   \
		"province", PARAM_TEXT, 0, 16, NULL,                                                        \
		        "Tỉnh: mã tỉnh hiện nay (\"92\") hoặc \"legacy:94\"; mặc định tỉnh của người dùng", \
		        false                                                                               \
	}

/* Starts a JSON answer with status: sets the content type and opens w. */
void api_begin(Ctx *c, int status, JsonW *w);
/* Answers a record through its schema, with its ETag when version > 0. */
int api_record(Ctx *c, int status, const Schema *s, const void *rec, int version);
/* The list envelope around rows: opens {"items": [ ... the caller writes the
 * rows ... and api_list_end closes with the total and the page. */
void api_list_begin(Ctx *c, JsonW *w);
void api_list_end(Ctx *c, JsonW *w, int64_t total);
/* The page parameters as the store takes them (0 for "default"). */
int api_limit(const Ctx *c);
int api_offset(const Ctx *c);
/* The text parameter name, or NULL. */
const char *api_text(const Ctx *c, const char *name);
/* The integer parameter name, or dflt when it was not given. */
int64_t api_int(const Ctx *c, const char *name, int64_t dflt);

/* The version an update was based on: If-Match ("3" or W/"3"), else the
 * version from the body (body_version, 0 when absent). 0 when neither
 * gives one: a 428-like 400 naming "version". */
int api_version(Ctx *c, int body_version, int *out);

/* 201 Created with Location: <collection>/<id> and the record. */
int api_created(
        Ctx *c, const char *collection, int64_t id, const Schema *s, const void *rec, int version);
/* 204 No Content. */
int api_no_content(Ctx *c);

/* The current province of a record's province (list, code), for a
 * RecordLoader: "" for a record without one (national). */
int api_current_province(Ctx *c, const char *list, const char *code, char out[3]);
/* Whether the caller may read a record placed in province list:code (NULL:
 * a national record), as the router's scope would allow; c->err is kept. For
 * names shown beside an id taken from a form. */
bool api_may_read_place(Ctx *c, const char *list, const char *code);

/* Schemas shared by several resources. */
extern const Schema api_establishment_schema;

/* ---- Added by the admin resources (api_audit.c) ---- */

/* Answers the audit log of one record, newest first: table as audit_log
 * names it, record_id its id (NULL: the path's {id}). A resource offers a
 * record's history with a GET .../{id}/audit route whose loader applies the
 * record's scope and whose parameters are api_audit_history_params
 * (api_routes.h), and a handler that returns this (api_establishment_audit). */
int api_audit_history(Ctx *c, const char *table, const char *record_id);

/* ---- Added for the đề án resources (api_project*.c, api_finance.c) ---- */

/* Closes a list that is never paged (the members, events, cost lines of one
 * đề án): {"items": [...], "total": N}, opened with api_list_begin. */
void api_all_end(Ctx *c, JsonW *w, int64_t total);
/* Answers such a list of n records items[0..n), each size bytes, through s. */
int api_all(Ctx *c, const Schema *s, const void *items, size_t size, int n);
/* rc of a store write whose URL's record the router already loaded: a
 * KC_ENOTFOUND then names a record the body refers to (an organisation, a
 * rule), which is a 422 naming the field, not a 404. Other codes pass. */
int api_ref_status(Ctx *c, int rc);

/* ---- Added for the catalog resources (api_org.c, api_programme.c) ---- */

/* Refuses (403) a create or an update that leaves a record national (no
 * province; a national programme or plan) when the caller does not see
 * every province: the router checks the province a record has and the one
 * a body names, not a body that takes the province away. */
int api_national_write(Ctx *c, bool national);

#endif
