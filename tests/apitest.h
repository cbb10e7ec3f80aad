/* apitest.h — calling the JSON API in a test, through the same router and
 * handlers as the server (http_handle), as a real signed-in user: a session
 * cookie from store_session_login, the session's CSRF token and a matching
 * Origin on writes. The server over a socket is tested in tests/http. */
#ifndef KC_TEST_APITEST_H
#define KC_TEST_APITEST_H

#include <jansson.h>

#include "fixture.h"
#include "http/http_router.h"

/* The users every API test database holds, by name:
 *   admin, ministry        national (every province)
 *   manager, staff, viewer current province 92 (Cần Thơ; legacy 94 Sóc Trăng is part of it)
 *   other                  staff of current province 01 (Hà Nội)
 * Their password is APITEST_PASSWORD. */
#define APITEST_PASSWORD "mat-khau-thu-nghiem"
enum { APITEST_USERS = 6 };
extern const char *const apitest_users[APITEST_USERS];

typedef struct ApiTest {
	TmpDb db;
	HttpApp app;
	char cookie[APITEST_USERS][80]; /* "kc_session=..." */
	char csrf[APITEST_USERS][64];
	char documents[96]; /* db.dir/documents: the app's folder of uploaded documents */
} ApiTest;

/* A loaded database with the users above, each signed in. 0 on success. */
int apitest_open(ApiTest *t);
void apitest_close(ApiTest *t);
/* Makes copy a new database with what t's holds now (records a group of
 * tests shares, made once); close both. The copy shares t's documents
 * folder (content-addressed files). 0 on success. */
int apitest_fork(ApiTest *t, ApiTest *copy);
/* apitest_open with the demonstration data (io/io_demo.h) loaded: a group
 * of tests loads it once and forks a copy per test. 0 on success. */
int apitest_open_demo(ApiTest *t);

typedef struct ApiRes {
	int status;
	char *body;    /* the raw body, NUL-terminated (malloc) */
	json_t *json;  /* the body parsed, or NULL when it is not JSON */
	char etag[32]; /* the ETag header, or "" */
	char location[128];
	size_t body_len;        /* the body's bytes, which may hold NULs (a download) */
	char content_type[128]; /* the Content-Type header, or "" */
	char disposition[512];  /* the Content-Disposition header, or "" */
	char cookie[256];       /* the Set-Cookie header, or "" */
	char hsts[64];          /* the Strict-Transport-Security header, or "" */
} ApiRes;

/* Calls method path as user (NULL: anonymous) with body (JSON text or NULL),
 * plus any extra headers ("If-Match: \"2\"", NULL-terminated list or NULL);
 * an Origin among them replaces a write's usual one, http://localhost. */
void apitest_call(ApiTest *t, const char *user, const char *method, const char *path,
        const char *body, const char *const *headers, ApiRes *out);
/* Calls POST path as user with the raw body bytes[0..len) of content_type
 * (NULL: none), as a document upload sends it. */
void apitest_upload(ApiTest *t, const char *user, const char *path, const char *content_type,
        const void *bytes, size_t len, ApiRes *out);
/* The general form of both: body[0..len) of content_type (NULL: no body nor
 * header), plus the extra headers (NULL-terminated list or NULL). */
void apitest_send(ApiTest *t, const char *user, const char *method, const char *path,
        const char *content_type, const char *body, size_t len, const char *const *headers,
        ApiRes *out);
void apires_free(ApiRes *r);

/* Fails the test unless r has status, showing the body. */
void assert_status(const ApiRes *r, int status);
/* The string / integer member at a JSON pointer-like path ("error.field",
 * "items.0.name") of r's JSON, or NULL / INT64_MIN. */
const char *apires_str(const ApiRes *r, const char *path);
int64_t apires_int(const ApiRes *r, const char *path);

/* ---- Web pages (tests/web) ---- */

/* GET path as user (NULL: anonymous). */
void apitest_get(ApiTest *t, const char *user, const char *path, ApiRes *out);
/* Posts the urlencoded form (NUL-terminated) as user, as a browser sends it;
 * the session's CSRF token rides in a header, which the router reads as it
 * reads the form's field. */
void apitest_form(ApiTest *t, const char *user, const char *path, const char *form, ApiRes *out);
/* Fails unless r has status and, when contains is not NULL, holds it; shows
 * the page from its <main> on. */
void apitest_expect(const ApiRes *r, int status, const char *contains);
/* Fails when r holds text. */
void apitest_absent(const ApiRes *r, const char *text);

/* ---- Shared by the resource suites (added with the catalog suites) ---- */

/* A cmocka setup and teardown giving each test its own ApiTest in *state. */
int apitest_setup(void **state);
int apitest_teardown(void **state);

/* A request the API refuses, and what the refusal must say. */
typedef struct ApiRefusal {
	const char *why;
	const char *as; /* the user who asks */
	const char *method, *path, *body;
	int status;
	const char *code, *field; /* field NULL: not checked */
} ApiRefusal;

/* Makes the request r describes on t and fails the test unless the answer
 * is r's status with the error envelope's code, field and a message. */
void apitest_refused(ApiTest *t, const ApiRefusal *r);

/* Fails unless the history of record (its path: GET <record>/audit) as
 * manager lists n changes, the newest an action ("update"), and staff may
 * not read it (a record's history is for managers and above). */
void assert_history(ApiTest *t, const char *record, int64_t n, const char *newest);

#endif
