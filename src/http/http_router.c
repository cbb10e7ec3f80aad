/* http_router.c — matches a request to its route and enforces, before the
 * handler runs, what the route declares: sign-in, role, CSRF and Origin,
 * parameters, province scope. Errors become the JSON error envelope. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"
#include "core/json.h"
#include "core/vntext.h"
#include "http/http_assets.h"
#include "http/http_body.h"
#include "http/http_html.h"
#include "http/http_multipart.h"
#include "http/http_router.h"
#include "store/store_admin.h"

/* ---- Errors ------------------------------------------------------------------------------ */

void http_res_error(
        HttpRes *res, int status, const char *code, const char *field, const char *message)
{
	buf_reset(&res->body);
	res->status = status;
	res->content_type = "application/json; charset=utf-8";
	JsonW w;
	json_init(&w, &res->body);
	json_obj(&w);
	json_key(&w, "error");
	json_obj(&w);
	json_key(&w, "code");
	json_cstr(&w, code);
	json_key(&w, "message");
	json_cstr(&w, message);
	json_key(&w, "field");
	json_cstr(&w, field && *field ? field : NULL);
	json_obj_end(&w);
	json_obj_end(&w);
}

int http_error(Ctx *c, int status, const char *code, const char *field, const char *fmt, ...)
{
	char msg[sizeof c->err.msg];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	http_res_error(c->res, status, code, field, msg);
	return KC_OK;
}

int ctx_fail(Ctx *c, int status, int rc)
{
	c->status_hint = status;
	return rc;
}

/* The status and code of an error a handler returned. */
static int error_status(int rc, int hint, const char **code)
{
	static const struct {
		int status;
		const char *code;
	} by_status[] = {
	        {400, "bad_request"},
	        {401, "unauthenticated"},
	        {403, "forbidden"},
	        {404, "not_found"},
	        {409, "conflict"},
	        {413, "too_large"},
	        {415, "unsupported_media_type"},
	        {422, "invalid"},
	        {405, "method_not_allowed"},
	        {429, "too_many_requests"},
	        {500, "internal"},
	};
	int status = hint;
	if (!status) {
		switch (rc) {
		case KC_EINVAL:
		case KC_ERANGE:
		case KC_EWARN: status = 422; break;
		case KC_ETOOBIG: status = 413; break;
		case KC_ENOTFOUND: status = 404; break;
		case KC_ECONFLICT:
		case KC_EDENIED: /* the store refuses what the record's state does not allow */
			status = 409;
			break;
		default: status = 500;
		}
	}
	*code = "internal";
	for (size_t i = 0; i < sizeof by_status / sizeof by_status[0]; i++)
		if (by_status[i].status == status)
			*code = by_status[i].code;
	if (rc == KC_EWARN && status == 422)
		*code = "needs_reason"; /* a cap exceeded: resend with a reason */
	return status;
}

/* A page that is not an API's: the path is not under /api/. */
static bool is_page(const Ctx *c)
{
	if (c->route)
		return c->route->flags & ROUTE_WEB;
	return strncmp(c->req->path, "/api/", 5) && strcmp(c->req->path, "/healthz");
}

/* The error of a web page: a small page of its own (the layout with the
 * user's menu belongs to src/web, above this layer), with the message and a
 * way back. */
static void error_page(Ctx *c, int status, const char *message)
{
	HttpRes *r = c->res;
	Buf *b = &r->body;
	buf_reset(b);
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
	html_printf(b,
	        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
	        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	        "<title>Lỗi %d — Khuyến công</title>"
	        "<link rel=\"stylesheet\" href=\"%s\"></head>\n"
	        "<body class=\"error-page\"><main id=\"noi-dung\"><h1>%s</h1>"
	        "<p class=\"error-message\" role=\"alert\">%s</p>"
	        "<p><a href=\"/\">Về trang tổng quan</a></p></main></body></html>\n",
	        status, http_asset_url("app.css"),
	        status == 404   ? "Không tìm thấy trang"
	        : status == 403 ? "Không có quyền"
	        : status >= 500 ? "Lỗi hệ thống"
	                        : "Không thực hiện được",
	        message);
}

/* A caller who is not signed in goes to the sign-in page, which sends them
 * back to the page they asked for (a GET's path and query). */
static void to_sign_in(Ctx *c)
{
	HttpRes *r = c->res;
	Buf url;
	buf_init(&url, 4096);
	buf_puts(&url, HTTP_SIGN_IN_PAGE);
	if (!strcmp(c->req->method, "GET") && strcmp(c->req->path, "/")) {
		buf_puts(&url, "?tiep=");
		html_urlarg(&url, c->req->path);
	}
	buf_reset(&r->body);
	r->status = 303;
	r->content_type = "text/html; charset=utf-8";
	http_res_header(r, "Location",
	        buf_err(&url) ? HTTP_SIGN_IN_PAGE : arena_strdup(c->arena, buf_cstr(&url)));
	buf_free(&url);
	html_raw(&r->body,
	        "<!doctype html>\n<p><a href=\"" HTTP_SIGN_IN_PAGE "\">Đăng nhập</a></p>\n");
}

static void answer_error(Ctx *c, int rc)
{
	const char *code;
	int status = error_status(rc, c->status_hint, &code);
	const char *message = c->err.msg;
	if (status >= 500) {
		/* Internals go to the operator's log, never to the client. */
		fprintf(stderr, "khuyencong: %s %s: %s: %s\n", c->req->method, c->req->path,
		        err_name(rc), c->err.msg);
		message = "Lỗi hệ thống; xin thử lại sau hoặc báo quản trị viên";
	}
	if (is_page(c) && status == 401)
		to_sign_in(c);
	else if (is_page(c))
		error_page(c, status, message);
	else
		http_res_error(c->res, status, code, status >= 500 ? NULL : c->err.field, message);
}

/* ---- Matching ---------------------------------------------------------------------------- */

/* Whether path matches pattern; fills the {id}, {sub}, {key} of c. */
static bool match_path(const char *pattern, const char *path, Ctx *c)
{
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t seg = strcspn(s, "/");
			if (!close || !seg)
				return false;
			if (!strncmp(p, "{key}", 5)) {
				c->key = arena_strndup(c->arena, s, seg);
			} else {
				int64_t v = 0;
				for (size_t i = 0; i < seg; i++) {
					if (s[i] < '0' || s[i] > '9' || v > (INT64_MAX - 9) / 10)
						return false;
					v = v * 10 + (s[i] - '0');
				}
				if (v <= 0)
					return false;
				*(!strncmp(p, "{id}", 4) ? &c->id : &c->sub) = v;
			}
			p = close + 1;
			s += seg;
			continue;
		}
		if (*p++ != *s++)
			return false;
	}
	return !*p && !*s;
}

/* The route for the request, or NULL with *path_known set when the path
 * exists for another method. */
static const Route *find_route(Ctx *c, bool *path_known)
{
	const char *method = c->req->method;
	bool head = !strcmp(method, "HEAD");
	*path_known = false;
	/* The method first: it is cheaper to compare than the path. */
	for (int i = 0; i < http_n_routes; i++) {
		const Route *r = &http_routes[i];
		if ((!strcmp(r->method, method) || (head && !strcmp(r->method, "GET"))) &&
		        match_path(r->pattern, c->req->path, c))
			return r;
	}
	for (int i = 0; i < http_n_routes && !*path_known; i++)
		*path_known = match_path(http_routes[i].pattern, c->req->path, c);
	return NULL;
}

static bool is_write(const char *method)
{
	return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/* ---- Sign-in, CSRF, Origin ------------------------------------------------------------- */

void ctx_now(const Ctx *c, char out[STORE_TIME_LEN])
{
	Actor a = {.now = c->app->now};
	store_now(&a, out);
}

/* Signs the caller in from a bearer token or the session cookie; a caller
 * who presents neither stays anonymous. A bad credential is a 401 only when
 * the route needs one. The web pages are a browser's, signed in with a
 * password: they ignore a bearer token (the caller is not signed in), so a
 * token cannot post their forms without CSRF checks or reach what the API
 * keeps for sessions (ROUTE_SESSION). */
static int authenticate(Ctx *c, bool *presented)
{
	char now[STORE_TIME_LEN];
	ctx_now(c, now);
	const char *auth = http_header(c->req, "Authorization");
	*presented = false;
	if (auth && !strncasecmp(auth, "Bearer ", 7) && !(c->route->flags & ROUTE_WEB)) {
		*presented = true;
		return store_token_lookup(c->db, auth + 7, now, c->arena, &c->who, &c->err);
	}
	const char *token = http_cookie(c->req, HTTP_SESSION_COOKIE, c->arena);
	if (token) {
		*presented = true;
		return store_session_lookup_cached(c->db, c->app->session_cache, &c->app->sessions,
		        token, now, c->arena, &c->who, &c->err);
	}
	return 0;
}

/* The origin this server is reached at. */
static const char *own_origin(const Ctx *c)
{
	if (c->app->origin)
		return c->app->origin;
	const char *host = http_header(c->req, "Host");
	if (!host)
		return NULL;
	size_t n = strlen(host) + 16;
	char *o = arena_alloc(c->arena, n);
	snprintf(o, n, "%s://%s", c->secure ? "https" : "http", host);
	return o;
}

/* A browser sends Origin with every write; another site's origin, or none
 * with a session cookie, is refused. */
static bool origin_ok(const Ctx *c, bool session)
{
	const char *origin = http_header(c->req, "Origin");
	const char *own = own_origin(c);
	if (!origin)
		return !session;
	return own && !strcmp(origin, own);
}

/* The token comes in the X-CSRF-Token header (the API, a page's script) or,
 * for a web form, in its hidden field _csrf. */
static bool csrf_ok(const Ctx *c)
{
	const char *given = http_header(c->req, "X-CSRF-Token");
	if (!given && c->route->flags & ROUTE_WEB)
		given = ctx_form(c, "_csrf");
	return principal_csrf_ok(&c->who, given);
}

const char *ctx_form(const Ctx *c, const char *name)
{
	for (int i = 0; i < c->n_form; i++)
		if (!strcmp(c->form[i].name, name))
			return c->form[i].value;
	return NULL;
}

int ctx_form_all(const Ctx *c, const char *name, const char **out, int max)
{
	int n = 0;
	for (int i = 0; i < c->n_form && n < max; i++)
		if (!strcmp(c->form[i].name, name))
			out[n++] = c->form[i].value;
	return n;
}

const HttpFile *ctx_file(const Ctx *c, const char *name)
{
	for (int i = 0; i < c->n_files; i++)
		if (!strcmp(c->files[i].field, name))
			return &c->files[i];
	return NULL;
}

const char *http_session_cookie(Ctx *c, const char *token, int max_age)
{
	size_t n = 160;
	char *v = arena_alloc(c->arena, n);
	snprintf(v, n, HTTP_SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d%s",
	        token, max_age, c->secure ? "; Secure" : "");
	return v;
}

/* A web form post's fields into c->form. */
static int parse_form(Ctx *c)
{
	const char *type = http_header(c->req, "Content-Type");
	if (!c->req->body_len)
		return 0;
	if (c->route->flags & ROUTE_UPLOAD && http_is_multipart(type)) {
		int rc = http_parse_multipart(type, c->req->body, c->req->body_len, c->arena,
		        &c->form, &c->n_form, &c->files, &c->n_files, &c->err);
		return rc ? ctx_fail(c, rc == KC_ETOOBIG ? 413 : 400, rc) : 0;
	}
	if (!type || strncasecmp(type, "application/x-www-form-urlencoded", 33))
		return ctx_fail(c, 415,
		        err_set(&c->err, KC_EINVAL,
		                "Trang này nhận biểu mẫu (application/x-www-form-urlencoded)"));
	int rc = http_parse_form(
	        c->req->body, c->req->body_len, c->arena, &c->form, &c->n_form, &c->err);
	return rc ? ctx_fail(c, rc == KC_ETOOBIG ? 413 : 400, rc) : 0;
}

bool http_route_is_upload(const char *method, const char *path)
{
	Ctx c = {0};
	Arena scratch = {0};
	c.arena = &scratch;
	bool upload = false;
	for (int i = 0; i < http_n_routes && !upload; i++)
		upload = (http_routes[i].flags & ROUTE_UPLOAD) &&
		         !strcmp(http_routes[i].method, method) &&
		         match_path(http_routes[i].pattern, path, &c);
	arena_free(&scratch);
	return upload;
}

bool ctx_can(const Ctx *c, Role r)
{
	return c->who.role >= r && (!c->who.via_token || c->who.token_write);
}

/* ---- Parameters -------------------------------------------------------------------------- */

const ParamValue *ctx_param(const Ctx *c, const char *name)
{
	static const ParamValue unset;
	const Param *p = c->route ? c->route->params : NULL;
	for (int i = 0; p && p[i].name && i < ROUTE_MAX_PARAMS; i++)
		if (!strcmp(p[i].name, name))
			return &c->params[i];
	return &unset;
}

static int parse_int(const char *s, int64_t *out)
{
	const char *p = s;
	bool neg = *p == '-';
	if (neg)
		p++;
	if (!*p || strlen(p) > 18)
		return KC_EINVAL;
	int64_t v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return KC_EINVAL;
		v = v * 10 + (*p - '0');
	}
	*out = neg ? -v : v;
	return 0;
}

static int parse_param(Ctx *c, const Param *p, const char *s, ParamValue *v)
{
	Err *e = &c->err;
	v->set = true;
	v->s = s;
	switch (p->type) {
	case PARAM_INT:
		if (parse_int(s, &v->i) || v->i < p->min || v->i > p->max)
			return err_field(e, p->name, KC_EINVAL,
			        "Tham số '%s' phải là số nguyên từ %lld đến %lld", p->name,
			        (long long)p->min, (long long)p->max);
		return 0;
	case PARAM_TEXT: {
		size_t max = p->max > 0 ? (size_t)p->max : 200;
		if (strlen(s) > max)
			return err_field(e, p->name, KC_EINVAL, "Tham số '%s' dài quá %zu byte",
			        p->name, max);
		return 0;
	}
	case PARAM_BOOL:
		if (!strcmp(s, "true") || !strcmp(s, "1"))
			v->i = 1;
		else if (!strcmp(s, "false") || !strcmp(s, "0"))
			v->i = 0;
		else
			return err_field(e, p->name, KC_EINVAL,
			        "Tham số '%s' phải là true hoặc false", p->name);
		return 0;
	case PARAM_DATE: {
		Date d;
		int y, m, day;
		if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
		        sscanf(s, "%4d-%2d-%2d", &y, &m, &day) != 3 ||
		        date_from_ymd(y, m, day, &d, NULL))
			return err_field(e, p->name, KC_EINVAL,
			        "Tham số '%s' phải là ngày dạng YYYY-MM-DD", p->name);
		return 0;
	}
	case PARAM_ENUM:
		for (const char *const *ch = p->choices; ch && *ch; ch++)
			if (!strcmp(*ch, s))
				return 0;
		return err_field(
		        e, p->name, KC_EINVAL, "Tham số '%s' không nhận giá trị '%s'", p->name, s);
	}
	return KC_EINVAL;
}

/* Parses every declared parameter; an undeclared or repeated one is an error. */
static int parse_params(Ctx *c)
{
	const Param *ps = c->route->params;
	for (int i = 0; i < c->req->n_query; i++) {
		const char *name = c->req->query[i].name;
		int k = 0;
		while (ps && ps[k].name && strcmp(ps[k].name, name))
			k++;
		if (!ps || !ps[k].name)
			return err_field(&c->err, name, KC_EINVAL,
			        "Tham số '%s' không có ở địa chỉ này", name);
	}
	for (int k = 0; ps && ps[k].name; k++) {
		int count;
		const char *s = http_query(c->req, ps[k].name, &count);
		if (s && !*s && c->route->flags & ROUTE_WEB)
			s = NULL; /* a filter left blank */
		if (count > 1)
			return err_field(
			        &c->err, ps[k].name, KC_EINVAL, "Tham số '%s' lặp lại", ps[k].name);
		if (!s) {
			if (ps[k].required)
				return err_field(&c->err, ps[k].name, KC_EINVAL,
				        "Thiếu tham số '%s'", ps[k].name);
			continue;
		}
		int rc = parse_param(c, &ps[k], s, &c->params[k]);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- Province scope ---------------------------------------------------------------------- */

/* The current province of a province given as "92", "current:92" or
 * "legacy:94", checked against the caller's provinces. */
static int check_province(Ctx *c, const char *list, const char *code, const char *field)
{
	UnitRef u = {.level = "province"};
	snprintf(u.list, sizeof u.list, "%s", list);
	snprintf(u.code, sizeof u.code, "%s", code);
	char current[3];
	if (store_admin_current_province(c->db, &u, current, &c->err))
		return ctx_fail(c, 400,
		        err_field(&c->err, field, KC_EINVAL, "Tỉnh '%s:%s' không có trong danh mục",
		                list, code));
	if (!principal_has_province(&c->who, current))
		return ctx_fail(c, 403,
		        err_field(&c->err, field, KC_EDENIED,
		                "Bạn không có quyền với dữ liệu của tỉnh này"));
	memcpy(c->province, current, sizeof current);
	return 0;
}

static int scope_query(Ctx *c)
{
	const ParamValue *v = ctx_param(c, "province");
	if (!v->set) {
		if (c->who.all_provinces)
			return 0;
		if (c->who.n_provinces != 1)
			return ctx_fail(c, 400,
			        err_field(&c->err, "province", KC_EINVAL,
			                "Chọn một tỉnh trong phạm vi của bạn"));
		snprintf(c->province, sizeof c->province, "%s", c->who.provinces[0]);
		return 0;
	}
	const char *colon = strchr(v->s, ':');
	if (!colon)
		return check_province(c, "current", v->s, "province");
	char list[8];
	snprintf(list, sizeof list, "%.*s", (int)(colon - v->s), v->s);
	return check_province(c, list, colon + 1, "province");
}

/* A member of a write's body: the JSON body's, or a web form's field. */
static const char *body_text(Ctx *c, const char *key)
{
	if (c->route->flags & ROUTE_WEB) {
		const char *v = ctx_form(c, key);
		return v && *v ? v : NULL;
	}
	return http_body_text(c, key);
}

static int scope_body(Ctx *c, bool required)
{
	const char *list = body_text(c, "province_list");
	const char *code = body_text(c, "province_code");
	const char *colon = code && c->route->flags & ROUTE_WEB ? strchr(code, ':') : NULL;
	if (colon) { /* a web form's province picker: "legacy:94" */
		list = arena_strndup(c->arena, code, (size_t)(colon - code));
		code = colon + 1;
	}
	if (!code && list && !required)
		return ctx_fail(c, 422,
		        err_field(&c->err, "province_code", KC_EINVAL,
		                "Khi đổi tỉnh, gửi cả province_list và province_code"));
	if (!code) {
		if (!required)
			return 0;
		if (c->who.all_provinces)
			return 0; /* the store's validation names the missing field */
		return ctx_fail(c, 422,
		        err_field(
		                &c->err, "province_code", KC_EINVAL, "Thiếu tỉnh (province_code)"));
	}
	return check_province(c, list ? list : "current", code, "province_code");
}

static int scope_record(Ctx *c, bool write)
{
	char province[3] = "";
	int rc = c->route->load(c, province);
	if (rc)
		return rc;
	if (!*province) {
		if (write && !c->who.all_provinces)
			return ctx_fail(c, 403,
			        err_set(&c->err, KC_EDENIED,
			                "Chỉ Bộ Công Thương được sửa dữ liệu cấp quốc gia"));
		return 0;
	}
	if (!principal_has_province(&c->who, province))
		return ctx_fail(c, 403,
		        err_set(&c->err, KC_EDENIED,
		                "Bạn không có quyền với dữ liệu của tỉnh này"));
	memcpy(c->province, province, sizeof province);
	/* Moving a record to another province needs rights there too. */
	return write ? scope_body(c, false) : 0;
}

static int check_scope(Ctx *c, bool write)
{
	switch (c->route->scope) {
	case SCOPE_NONE: return 0;
	case SCOPE_NATION:
		if (!c->who.all_provinces)
			return ctx_fail(c, 403,
			        err_set(&c->err, KC_EDENIED,
			                "Chỉ người dùng cấp quốc gia được dùng chức năng này"));
		return 0;
	case SCOPE_QUERY: return scope_query(c);
	case SCOPE_RECORD: return scope_record(c, write);
	case SCOPE_BODY: return scope_body(c, true);
	}
	return 0;
}

/* ---- The pipeline ------------------------------------------------------------------------ */

/* Whether the browser reached us over TLS: the server itself never speaks
 * it, so a TLS-terminating proxy does. The public origin says so when it is
 * https (docs/api.md), or the proxy's X-Forwarded-Proto when it comes from
 * the address given as trusted (a header from anyone else is ignored). */
static bool reached_securely(const HttpApp *app, const HttpReq *req)
{
	if (req->secure || (app->origin && !strncasecmp(app->origin, "https://", 8)))
		return true;
	const char *proto = http_header(req, "X-Forwarded-Proto");
	return app->trusted_proxy && req->remote && proto &&
	       !strcmp(req->remote, app->trusted_proxy) && !strcasecmp(proto, "https");
}

static void security_headers(Ctx *c)
{
	HttpRes *r = c->res;
	http_res_header(r, "Content-Security-Policy",
	        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
	        "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
	http_res_header(r, "X-Content-Type-Options", "nosniff");
	http_res_header(r, "X-Frame-Options", "DENY");
	http_res_header(r, "Referrer-Policy", "same-origin");
	http_res_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	http_res_header(r, "Cache-Control", "no-store");
	if (c->secure)
		http_res_header(r, "Strict-Transport-Security", "max-age=31536000");
}

/* Signs the caller in; a route that needs it refuses one who is not (401). */
static int sign_in(Ctx *c)
{
	bool presented;
	int rc = authenticate(c, &presented);
	if (rc && rc != KC_ENOTFOUND)
		return rc;
	if (rc || (!presented && !(c->route->flags & ROUTE_PUBLIC))) {
		c->who = (Principal){0};
		if (!(c->route->flags & ROUTE_PUBLIC))
			return ctx_fail(c, 401,
			        err_set(&c->err, KC_EDENIED,
			                presented ? "Phiên đăng nhập đã hết hạn; xin đăng nhập lại"
			                          : "Cần đăng nhập"));
		err_clear(&c->err);
	}
	return 0;
}

/* The route's role, and what a token may not do. */
static int caller_may(Ctx *c, bool write)
{
	const Route *r = c->route;
	Role need = r->role;
	if ((r->flags & ROUTE_ADMIN_RW) && write)
		need = ROLE_ADMIN;
	if (c->who.role < need)
		return ctx_fail(c, 403,
		        err_set(&c->err, KC_EDENIED, "Vai trò '%s' không được dùng chức năng này",
		                role_label(c->who.role)));
	if (c->who.via_token && r->flags & ROUTE_SESSION)
		return ctx_fail(c, 403,
		        err_set(&c->err, KC_EDENIED,
		                "Chức năng này cần đăng nhập bằng mật khẩu, không dùng mã truy cập"));
	if (write && c->who.via_token && !c->who.token_write)
		return ctx_fail(c, 403,
		        err_set(&c->err, KC_EDENIED, "Mã truy cập này chỉ được đọc dữ liệu"));
	return 0;
}

/* Everything before the handler; 0 to run it. */
static int admit(Ctx *c)
{
	const Route *r = c->route;
	bool write = is_write(c->req->method);
	if (c->req->body_too_big)
		return ctx_fail(c, 413,
		        err_set(&c->err, KC_ETOOBIG, "Nội dung yêu cầu quá lớn (tối đa %zu byte)",
		                r->flags & ROUTE_UPLOAD ? c->app->limits.upload_bytes
		                                        : c->app->limits.body_bytes));
	if (!(r->flags & ROUTE_UPLOAD) && c->req->body_len > c->app->limits.body_bytes)
		return ctx_fail(c, 413,
		        err_set(&c->err, KC_ETOOBIG, "Nội dung yêu cầu quá lớn (tối đa %zu byte)",
		                c->app->limits.body_bytes));
	int rc = sign_in(c);
	if (rc)
		return rc;
	bool session = c->who.role != ROLE_NONE && !c->who.via_token;
	if (write && r->flags & ROUTE_WEB && (rc = parse_form(c)))
		return rc;
	if (write && !origin_ok(c, session))
		return ctx_fail(c, 403,
		        err_set(&c->err, KC_EDENIED,
		                "Yêu cầu đến từ trang khác (Origin không khớp)"));
	if (write && session && !(r->flags & ROUTE_NO_CSRF) && !csrf_ok(c))
		return ctx_fail(c, 403,
		        err_field(&c->err, "X-CSRF-Token", KC_EDENIED,
		                "Thiếu hoặc sai mã chống giả mạo (CSRF)"));
	if ((rc = caller_may(c, write)))
		return rc;
	if ((rc = parse_params(c)))
		return ctx_fail(c, 400, rc);
	if (write && r->body && (rc = http_body_parse(c)))
		return rc;
	return check_scope(c, write);
}

static void fill_actor(Ctx *c)
{
	c->actor = (Actor){
	        .user_id = c->who.user_id,
	        .name = c->who.username ? c->who.username : "anonymous",
	        .via = "http",
	        .remote = c->req->remote,
	        .now = c->app->now,
	        .provincial = !c->who.all_provinces,
	};
}

bool http_refuse_upload(const HttpApp *app, Db *db, const HttpReq *req, HttpRes *res, Arena *arena)
{
	Ctx c = {.app = app, .req = req, .res = res, .db = db, .arena = arena};
	c.secure = reached_securely(app, req);
	const int depth = db_depth(db);
	bool path_known;
	c.route = find_route(&c, &path_known);
	if (!c.route || !(c.route->flags & ROUTE_UPLOAD))
		return false;
	/* What needs no body: who the caller is, their role, and a record's
	 * province (checked again, with the rest, once the body is read). */
	int rc = sign_in(&c);
	if (!rc)
		rc = caller_may(&c, is_write(req->method));
	if (!rc && c.route->scope == SCOPE_RECORD)
		rc = scope_record(&c, false);
	while (db_depth(db) > depth)
		db_rollback(db);
	if (!rc)
		return false;
	security_headers(&c);
	answer_error(&c, rc);
	return true;
}

void http_handle(const HttpApp *app, Db *db, const HttpReq *req, HttpRes *res, Arena *arena)
{
	Ctx c = {.app = app, .req = req, .res = res, .db = db, .arena = arena};
	c.secure = reached_securely(app, req);
	const int depth = db_depth(db); /* 0, except under a test's rolled-back transaction */
	security_headers(&c);
	bool path_known;
	c.route = find_route(&c, &path_known);
	if (!c.route) {
		if (path_known)
			answer_error(
			        &c, ctx_fail(&c, 405,
			                    err_set(&c.err, KC_EINVAL,
			                            "Phương thức %s không dùng được ở địa chỉ này",
			                            req->method)));
		else
			answer_error(
			        &c, ctx_fail(&c, 404,
			                    err_set(&c.err, KC_ENOTFOUND, "Không có địa chỉ này")));
		return;
	}
	int rc = admit(&c);
	if (!rc) {
		fill_actor(&c);
		res->user = c.who.username;
		rc = c.route->fn(&c);
	}
	if (rc)
		answer_error(&c, rc);
	else if (!res->status)
		answer_error(&c, err_set(&c.err, KC_EIO, "handler for '%s' set no status",
		                         c.route->pattern));
	/* A database's own words behind an error (keys, values) are the
	 * operator's: the user was shown a message of ours, whatever page showed it. */
	if (c.err.detail[0])
		fprintf(stderr, "khuyencong: %s %s: %s: %s\n", req->method, req->path,
		        err_name(c.err.code), c.err.detail);
	/* A handler that failed half-way must not leave a transaction open on a
	 * connection the next request reuses. */
	while (db_depth(db) > depth)
		db_rollback(db);
	http_body_free(&c);
	if (!strcmp(req->method, "HEAD"))
		buf_truncate(&res->body, 0);
}
