/* store_audit.h — reading the audit log: who changed what, when, from where,
 * with the record's values before and after.
 *
 * Rows are written by every store write (store_audit_change, store.h) inside
 * the write's own transaction; this module only reads them. Times are UTC
 * ("YYYY-MM-DDTHH:MM:SSZ"), as they are stored. What it returns lives in the
 * caller's arena. */
#ifndef KC_STORE_AUDIT_H
#define KC_STORE_AUDIT_H

#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"

typedef struct AuditEntry {
	int64_t id;
	const char *at;    /* UTC time of the change */
	int64_t user_id;   /* app_user.id, 0 for the system */
	const char *actor; /* the user name then, or "system" */
	const char *via;   /* cli | http | import | init */
	const char *remote_addr;
	const char *action;      /* insert | update | delete */
	const char *table_name;  /* "establishment", "app_user", "sector" ... */
	const char *record_id;   /* the record's id, or its code for reference tables */
	const char *before_json; /* JSON object of the row before, NULL for an insert */
	const char *after_json;  /* ... and after, NULL for a delete */
} AuditEntry;

/* Which rows a list returns; NULL matches everything. */
typedef struct AuditFilter {
	const char *table_name;
	const char *record_id; /* with table_name: one record's history */
	const char *actor;     /* a user name */
	const char *action;    /* insert | update | delete */
	const char *from, *to; /* a day "YYYY-MM-DD" (to: to its end) or a UTC time; inclusive */
	int limit;             /* 1..500; 0 means 50 */
	int offset;
} AuditFilter;

AuditFilter store_audit_filter(void); /* everything, first page */

typedef struct AuditList {
	AuditEntry *v; /* newest first */
	int n;
	int64_t total; /* matching rows, all pages */
} AuditList;

/* A page of the audit log; a malformed from or to is KC_EINVAL naming it. */
int store_audit_list(Db *db, const AuditFilter *f, Arena *arena, AuditList *out, Err *e);

#endif
