/* http.h — one HTTP request and its response, whatever carried them.
 *
 * The server (libmicrohttpd), `khuyencong test-http` (a raw request on
 * standard input) and the tests all build an HttpReq and hand it to
 * http_handle (http_router.h), which fills an HttpRes. Everything a request
 * holds lives in its arena and is freed with it when the response is sent. */
#ifndef KC_HTTP_H
#define KC_HTTP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

enum {
	HTTP_MAX_HEADERS = 64,     /* more is a 431 */
	HTTP_MAX_QUERY = 64,       /* query parameters; more is a 400 */
	HTTP_MAX_RES_HEADERS = 24, /* headers a response sets besides the standard ones */
	HTTP_MAX_FORM = 1024,      /* fields of a submitted form; more is a 413 */
};

/* A name and a value: a header, a query parameter. */
typedef struct HttpPair {
	const char *name, *value;
} HttpPair;

/* Limits set when the server starts (`serve` options), the same for
 * test-http. Defaults in http_limits(). */
typedef struct HttpLimits {
	size_t header_bytes;  /* request line and headers together */
	size_t body_bytes;    /* a JSON request body */
	size_t upload_bytes;  /* a document or spreadsheet upload */
	size_t json_depth;    /* nesting of a JSON body */
	size_t json_strings;  /* the longest string in a JSON body */
	unsigned req_seconds; /* a connection idle this long is closed */
} HttpLimits;

HttpLimits http_limits(void);

typedef struct HttpReq {
	const char *method; /* "GET", as sent */
	const char *path;   /* percent-decoded, without the query */
	HttpPair headers[HTTP_MAX_HEADERS];
	int n_headers;
	HttpPair query[HTTP_MAX_QUERY]; /* decoded */
	int n_query;
	const char *body; /* NUL-terminated for convenience; body_len counts the bytes */
	size_t body_len;
	bool body_too_big;  /* the body passed the limit and was dropped: a 413 */
	const char *remote; /* the client's address, or NULL */
	bool secure;        /* reached over TLS (a proxy said so): cookies get Secure */
} HttpReq;

typedef struct HttpRes {
	int status;               /* 0 until a handler or the router sets it */
	const char *content_type; /* static text */
	Buf body;
	HttpPair headers[HTTP_MAX_RES_HEADERS]; /* in the arena or static */
	int n_headers;
	const char *user; /* who was signed in, for the access log, or NULL */
} HttpRes;

/* Starts an empty response whose body may hold up to max bytes. */
void http_res_init(HttpRes *r, size_t max);
void http_res_free(HttpRes *r);
/* Adds a header; the strings must outlive the response (arena or static).
 * Returns KC_ETOOBIG when the response has no room for another. */
int http_res_header(HttpRes *r, const char *name, const char *value);
/* Sets header name, replacing the value an earlier call gave it (a page's
 * Cache-Control over the router's default). */
int http_res_set(HttpRes *r, const char *name, const char *value);
/* The value of header name (case-insensitive) that the response sets, or NULL. */
const char *http_res_get(const HttpRes *r, const char *name);

/* The request's header name (case-insensitive), or NULL. */
const char *http_header(const HttpReq *q, const char *name);
/* The request's query parameter name, or NULL; *count (may be NULL) receives
 * how many times it was given. */
const char *http_query(const HttpReq *q, const char *name, int *count);
/* The value of cookie name in the Cookie header, copied into arena, or NULL. */
const char *http_cookie(const HttpReq *q, const char *name, Arena *arena);

/* Adds the query string qs (without '?', "a=1&b=%C3%A0") to q, decoding
 * '+' and %XX into arena; KC_EINVAL for a bad escape or a parameter that is
 * not UTF-8, KC_ETOOBIG past HTTP_MAX_QUERY. */
int http_parse_query(HttpReq *q, const char *qs, size_t len, Arena *arena, Err *e);

/* Parses an application/x-www-form-urlencoded body[0..len) into *out[0..*n)
 * in arena, each value decoded and NFC; KC_EINVAL for a bad escape or text
 * that is not UTF-8, KC_ETOOBIG past HTTP_MAX_FORM fields. */
int http_parse_form(const char *body, size_t len, Arena *arena, HttpPair **out, int *n, Err *e);

/* Percent-decodes s[0..len) into arena ('+' is a space when plus is true);
 * NULL for a bad escape, an encoded NUL or text that is not UTF-8. */
char *http_decode(const char *s, size_t len, bool plus, Arena *arena);

/* Parses a raw HTTP/1.1 request (test-http, the fuzzer): request line,
 * headers, and a body of Content-Length bytes. The status to answer with
 * when it fails: KC_EINVAL 400, KC_ETOOBIG 431 or 413 (e->field says
 * "headers" or "body"). */
int http_parse_raw(
        HttpReq *q, const char *raw, size_t len, const HttpLimits *lim, Arena *arena, Err *e);

/* The reason phrase of a status: "Not Found". */
const char *http_reason(int status);

/* Makes r the JSON error envelope {"error": {"code", "message", "field"}}
 * with status; field may be NULL. */
void http_res_error(HttpRes *r, int status, const char *code, const char *field, const char *msg);

/* Writes r as a raw HTTP/1.1 response (status line, headers, body) to out. */
void http_res_raw(const HttpRes *r, Buf *out);

#endif
