/* api_activity.h — the five kinds of activity record (training classes,
 * fairs, media items, study tours, consulting services) as data: each
 * kind's schema and store functions behind one untyped signature, so the
 * API's handlers (api_activity.c) and the web pages (web_activity.c) serve
 * every kind with the same code and the same store calls. */
#ifndef KC_API_ACTIVITY_H
#define KC_API_ACTIVITY_H

#include <stddef.h>

#include "http/http_schema.h"
#include "store/store_activity.h"

/* A page of records of one kind: n records of the kind's size from v. */
typedef struct ActivityPage {
	const void *v;
	int n;
	int64_t total;
} ActivityPage;

typedef struct ActivityKind {
	const char *collection; /* "/api/v1/trainings": the routes' patterns begin with it */
	const char *table;      /* as audit_log names it */
	const Schema *schema;
	size_t size, list_at, code_at; /* of the record; offsets of province_list, province_code */
	const char *kind_param;        /* the list parameter for the filter's kind, or NULL */
	void (*blank)(void *out);
	int (*create)(Db *db, const Actor *a, const void *in, int64_t *id, Err *e);
	int (*update)(Db *db, const Actor *a, const void *in, Err *e);
	int (*remove)(Db *db, const Actor *a, int64_t id, Err *e);
	int (*get)(Db *db, int64_t id, Arena *arena, void *out, Err *e);
	int (*list)(Db *db, const ActivityFilter *f, Arena *arena, ActivityPage *out, Err *e);
} ActivityKind;

/* The kind whose collection path is, or is the start of, path
 * ("/api/v1/fairs/{id}"); NULL when none is. Static storage. */
const ActivityKind *api_activity_kind(const char *path);

#endif
