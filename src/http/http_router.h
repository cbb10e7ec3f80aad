/* http_router.h — the route table and what it enforces before a handler runs.
 *
 * Every URL the program answers is one row of http_routes[] (http_routes.c):
 * method, path pattern, handler, the least role it needs, how its province
 * scope is found, and its declared query parameters. http_handle matches the
 * request to a row and, in this order, signs the caller in (session cookie or
 * bearer token), checks the role, CSRF and Origin for a browser's writes,
 * parses the declared parameters into typed, range-checked values, and checks
 * the province scope; only then does the handler run. A handler therefore
 * never checks permissions itself, and a new route cannot forget them. */
#ifndef KC_HTTP_ROUTER_H
#define KC_HTTP_ROUTER_H

#include <stdbool.h>
#include <stdint.h>

#include "http/http.h"
#include "http/http_schema.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_user.h"

typedef struct Ctx Ctx;
/* Fills c->res; returns 0, or a KC_E* code with c->err filled (the router
 * answers with the error envelope). */
typedef int (*Handler)(Ctx *c);

/* A declared query parameter. */
typedef enum ParamType {
	PARAM_INT,  /* a decimal integer in [min, max] */
	PARAM_TEXT, /* UTF-8 of at most max bytes */
	PARAM_BOOL, /* true/false, 1/0 */
	PARAM_DATE, /* YYYY-MM-DD */
	PARAM_ENUM, /* one of choices */
} ParamType;

typedef struct Param {
	const char *name;
	ParamType type;
	int64_t min, max;
	const char *const *choices; /* PARAM_ENUM: NULL-terminated */
	const char *doc;            /* for the OpenAPI document */
	bool required;
} Param;

typedef struct ParamValue {
	bool set;
	int64_t i;     /* PARAM_INT, PARAM_BOOL */
	const char *s; /* PARAM_TEXT, PARAM_DATE, PARAM_ENUM */
} ParamValue;

enum { ROUTE_MAX_PARAMS = 16 };

/* How a route's province is found, so the router can check it against the
 * caller's provinces. */
typedef enum Scope {
	SCOPE_NONE,   /* no province: reference data, the caller's own account */
	SCOPE_NATION, /* only for callers who see every province */
	SCOPE_QUERY,  /* a list: the `province` parameter, filled in for a caller with one */
	SCOPE_RECORD, /* the record named by {id}: the route's load function finds it */
	SCOPE_BODY,   /* a new record: province_list and province_code of the JSON body */
} Scope;

/* Loads the record named by the path into c->rec and gives its current
 * province in province ("" for a national record, which everyone may read
 * and only national callers may change). */
typedef int (*RecordLoader)(Ctx *c, char province[3]);

enum {
	ROUTE_PUBLIC = 1 << 0,   /* no sign-in needed */
	ROUTE_NO_CSRF = 1 << 1,  /* a write that has no session yet (sign-in): Origin only */
	ROUTE_UPLOAD = 1 << 2,   /* the body may be as large as an upload */
	ROUTE_ADMIN_RW = 1 << 3, /* reads for all signed in, writes for admins (reference data) */
	/* A web page (src/web): errors are HTML pages, a caller who is not signed
	 * in is sent to the sign-in page (303), a write is a form post
	 * (application/x-www-form-urlencoded) whose CSRF token comes in the field
	 * _csrf (or X-CSRF-Token), its province_list / province_code fields are
	 * the SCOPE_BODY province, and an empty query parameter (a filter left
	 * blank) is not given. With ROUTE_UPLOAD the form may also be
	 * multipart/form-data, its files in c->files. A bearer token is ignored
	 * (the pages are for a password session): its caller is not signed in.
	 * Not in the OpenAPI document. */
	ROUTE_WEB = 1 << 4,
	/* Only for a person signed in with a password (a session): an API token
	 * is refused, so a leaked token cannot mint tokens or set passwords and
	 * so outlive its own expiry or revocation. */
	ROUTE_SESSION = 1 << 5,
};

typedef struct Route {
	const char *method;  /* GET POST PUT PATCH DELETE */
	const char *pattern; /* "/api/v1/projects/{id}/events": {id} {sub} numbers, {key} text */
	Handler fn;
	Role role; /* the least role; ROLE_NONE with ROUTE_PUBLIC */
	Scope scope;
	RecordLoader load; /* SCOPE_RECORD */
	unsigned flags;
	const Param *params;  /* NULL or ended by a Param with a NULL name */
	const char *tag;      /* the OpenAPI tag: "Cơ sở CNNT" */
	const char *summary;  /* one line for the OpenAPI document */
	const Schema *body;   /* the JSON object a write takes: parsed and checked against it
	                         (unknown fields, types) before the scope and the handler */
	const Schema *result; /* what it answers, for the OpenAPI document */
} Route;

extern const Route http_routes[];
extern const int http_n_routes;

/* What every request shares: limits, session policy, clock. */
typedef struct HttpApp {
	HttpLimits limits;
	SessionPolicy sessions;
	const char *origin; /* the public origin ("https://kc.example.vn"), or NULL: from Host;
	                       https makes every request secure (Secure cookie, HSTS) */
	const char *trusted_proxy; /* the address of a TLS-terminating proxy whose
	                              X-Forwarded-Proto: https marks a request secure, or NULL */
	const char *now;           /* a fixed clock "YYYY-MM-DDTHH:MM:SSZ" (tests), or NULL */
	const char *version;
	const char *documents; /* the folder of uploaded documents (store_project_extra.h), or
	                          NULL: uploads and downloads fail */
	const char *database;  /* the URL the server's connections open: a background import
	                          opens its own connection to it */
	struct ImportJobs *import_jobs; /* background imports (api/api_import_job.h), or NULL
	                                   (test-http): every import runs while its request waits */
	SessionCache *session_cache;    /* recent sessions (store_session_cache.h), or NULL */
} HttpApp;

struct Ctx {
	const HttpApp *app;
	const HttpReq *req;
	HttpRes *res;
	Db *db;
	Arena *arena;
	const Route *route;
	Principal who; /* who.role is ROLE_NONE when no one is signed in */
	Actor actor;   /* who, for the store's audit log */
	int64_t id, sub;
	const char *key;
	ParamValue params[ROUTE_MAX_PARAMS];
	char province[3];    /* the province the router checked, or "" */
	void *rec;           /* the record a RecordLoader read */
	struct json_t *body; /* the JSON body of a write whose route declares one (http_body.h) */
	HttpPair *form;      /* the fields of a web form post (ROUTE_WEB), in order */
	void *page;          /* what a web page reads once per request (src/web), or NULL */
	int n_form;
	struct HttpFile *files; /* the files of a web upload form (ROUTE_WEB | ROUTE_UPLOAD) */
	int n_files;
	int status_hint; /* the status for the error the handler returns, 0: from its code */
	bool secure;     /* reached over TLS (at a proxy): Secure cookies, HSTS */
	Err err;
};

/* Runs one request through the router and its handler into res, which the
 * caller has initialised. Never fails: errors become error responses. */
void http_handle(const HttpApp *app, Db *db, const HttpReq *req, HttpRes *res, Arena *arena);

/* For an upload route, the checks that need no body, made from the headers
 * alone (req has no body yet): sign-in, role, a record's province. true when
 * they refuse the caller, with res the answer (401, the sign-in page, 403) to
 * send without reading the upload; false to read it and call http_handle. */
bool http_refuse_upload(const HttpApp *app, Db *db, const HttpReq *req, HttpRes *res, Arena *arena);
/* Whether method and path name an upload route (a larger body limit). */
bool http_route_is_upload(const char *method, const char *path);

/* The parsed declared parameter name of the route (unset if not declared). */
const ParamValue *ctx_param(const Ctx *c, const char *name);

/* Makes the answer an error: the envelope {"error": {"code", "message",
 * "field"}} with status. Returns KC_OK, so a handler may `return` it. */
int http_error(Ctx *c, int status, const char *code, const char *field, const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));
/* Returns rc with c->status_hint set to status: a handler's own error whose
 * status its code would not say (400 for a malformed request). */
int ctx_fail(Ctx *c, int status, int rc);

/* The value of field name of a web form post, or NULL; the first when repeated. */
const char *ctx_form(const Ctx *c, const char *name);
/* The values of every field name, in order, into out[0..max); returns how many. */
int ctx_form_all(const Ctx *c, const char *name, const char **out, int max);
/* The file of field name of a web upload form (multipart/form-data), or NULL. */
const struct HttpFile *ctx_file(const Ctx *c, const char *name);

/* The Set-Cookie value of a session cookie holding token for max_age
 * seconds (0 with "" signs out), in the arena. */
const char *http_session_cookie(Ctx *c, const char *token, int max_age);

/* The page a caller who is not signed in is sent to. */
#define HTTP_SIGN_IN_PAGE "/dang-nhap"

/* Whether the caller is signed in with writes allowed and role at least r. */
bool ctx_can(const Ctx *c, Role r);

/* The current clock as the app sees it ("YYYY-MM-DDTHH:MM:SSZ"). */
void ctx_now(const Ctx *c, char out[STORE_TIME_LEN]);

/* The name of the session cookie. */
#define HTTP_SESSION_COOKIE "kc_session"

#endif
