/* store_codes.h — the code lists records name by code: activity contents,
 * funding sources, indicators and sectors (rules as data, migration 0003).
 *
 * Read only: an importer or a form turns what a user wrote ("Đào tạo
 * nghề", "NSTW") into the code a record stores. Editing the lists is not
 * here; regions are listed by store_admin_regions. */
#ifndef KC_STORE_CODES_H
#define KC_STORE_CODES_H

#include "store/db.h"

typedef enum StoreCodeList {
	STORE_CODES_ACTIVITY,  /* activity_content: code, label_vi, scheme */
	STORE_CODES_SOURCE,    /* funding_source: code, label_vi, "state" or "other" */
	STORE_CODES_INDICATOR, /* indicator: code, label_vi, value_kind */
	STORE_CODES_SECTOR,    /* sector: code, label_vi, NULL */
} StoreCodeList;

/* Called for each entry with its code, its Vietnamese label and the
 * list's third column (see above); a non-zero return stops the walk and is
 * returned. */
typedef int (*StoreCodeFn)(void *ctx, const char *code, const char *label, const char *extra);

/* Calls fn for every entry of list, in the list's order. */
int store_codes_each(Db *db, StoreCodeList list, StoreCodeFn fn, void *ctx, Err *e);

#endif
