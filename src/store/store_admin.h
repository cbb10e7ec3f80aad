/* store_admin.h — administrative units, their succession and regions.
 *
 * The reference data in data/admin-units (built into the binary) holds two
 * code lists: 'legacy' (63 provinces, districts, communes; until 30/06/2025)
 * and 'current' (34 provinces and communes, no districts; from 01/07/2025),
 * with the legacy→current succession of provinces and communes. A record
 * keeps the unit as recorded; these functions re-base it onto today's units. */
#ifndef KC_STORE_ADMIN_H
#define KC_STORE_ADMIN_H

#include <stdbool.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/embed.h"
#include "store/db.h"

/* A unit reference: which list, which level, which code. */
typedef struct UnitRef {
	char list[8];  /* "legacy" | "current" */
	char level[9]; /* "province" | "district" | "commune" */
	char code[6];  /* 2, 3 or 5 digits */
} UnitRef;

/* Inserts the shipped reference data that is not in the database yet (units,
 * succession, regions and their dated members); rows already there, perhaps
 * edited, are left alone.
 * *inserted (may be NULL) receives how many rows were added. */
int store_admin_load(Db *db, int *inserted, Err *e);
/* The same from another set of files (tests; a newer list shipped as data). */
int store_admin_load_from(Db *db, const EmbeddedFile *files, int *inserted, Err *e);

/* The code of the current province that unit u lies in today: its own
 * province for a current unit, the successor of its legacy province for a
 * legacy one (provinces merged whole, so the answer is unique). KC_ENOTFOUND
 * for an unknown unit, or a legacy one whose province has no successor. */
int store_admin_current_province(Db *db, const UnitRef *u, char out[3], Err *e);
/* The same for a record's province as stored (list and code); out is "" when
 * code is NULL (a national record). */
int store_admin_province_of(Db *db, const char *list, const char *code, char out[3], Err *e);

/* The name of unit u as the list writes it ("Sóc Trăng", "Hà Nội"), copied
 * into arena. KC_ENOTFOUND for an unknown unit. */
int store_admin_name(Db *db, const UnitRef *u, Arena *arena, const char **name, Err *e);

/* Calls fn for each unit of the level valid on date d, in Vietnamese order of
 * name, with its list, code and name; stops early if fn returns non-zero.
 * province_code (may be NULL) limits the units to one province of that list. */
typedef int (*UnitFn)(void *ctx, const char *list, const char *code, const char *name);
int store_admin_valid_on(
        Db *db, Date d, const char *level, const char *province_code, UnitFn fn, void *ctx, Err *e);

/* Calls fn for each unit of list whose parent is parent_code — the districts
 * of a legacy province, the communes of a legacy district, the communes of a
 * current province — in Vietnamese order of name, with its full name as the
 * name ("Xã Đại Ngãi", "Thị xã Vĩnh Châu"), so that an address can be
 * written; stops early if fn returns non-zero. */
int store_admin_children(
        Db *db, const char *list, const char *parent_code, UnitFn fn, void *ctx, Err *e);

/* Calls fn for each province that was a member of region (a region.code such
 * as "moit_south", "geo_8") on date d, in Vietnamese order of name. */
int store_admin_region_members(Db *db, const char *region, Date d, UnitFn fn, void *ctx, Err *e);

/* Checks that (list, code) is a unit of the given level and, when year is not
 * 0, that its list was in force at some time in that year; when parent_code
 * is not NULL, that the unit lies in that province. The Vietnamese message
 * names field. */
int store_admin_check(Db *db, const char *list, const char *code, const char *level,
        const char *parent_code, int year, const char *field, Err *e);
/* Checks the province (list, code) of a record that spans the years first
 * to last: given, and its list in force at some time in the first or the
 * last year (a unit valid only strictly inside a longer span would be
 * refused; no province is). The message names field. */
int store_admin_check_span(
        Db *db, const char *list, const char *code, int first, int last, const char *field, Err *e);
/* Appends the provinces v[0..n), each checked (the message names the field
 * "provinces"), as one text ",legacy:94,current:92,": a row matches when
 * ",list:code," occurs in it, so one bound parameter serves any number of
 * provinces and the SQL stays constant. Lists are words and codes digits,
 * so neither side can hold a LIKE wildcard. */
int store_admin_province_keys(Db *db, const UnitRef *v, size_t n, Buf *out, Err *e);

/* A unit found by store_admin_find. */
typedef struct UnitFound {
	char list[8]; /* "legacy" | "current" */
	char code[6];
	char province[3]; /* the province it lies in, in its list */
	char parent[4];   /* its parent's code: a legacy commune's district */
} UnitFound;

/* The units of level whose code is code or whose name_key (the folded
 * name) is one of keys[0..3) (NULL entries are skipped), inside province
 * (province_list, province_code) unless province_code is NULL, by list
 * then code, into out[0..max); *n receives how many there are (possibly
 * more than max). The importer's lookup of a place written by name. */
int store_admin_find(Db *db, const char *level, const char *code, const char *const keys[3],
        const char *province_list, const char *province_code, UnitFound *out, int max, int *n,
        Err *e);

/* A commune a picker offers (store_admin_communes). */
typedef struct CommunePick {
	const char *list, *code; /* "current" | "legacy", 5 digits */
	const char *name;        /* its full name: "Phường Ninh Kiều" */
	const char *province;    /* the code of its province in its list */
	const char *became;      /* a legacy commune: the full names of the current communes
	                            it became part of, ", "-separated; NULL for a current one */
} CommunePick;

/* The communes of current province current_province whose folded name
 * contains q folded (NULL or "": all): its current communes, then the legacy
 * communes of the legacy provinces merged into it, each in Vietnamese order
 * of name; at most max of them into out[0..max) (strings in arena), *n
 * receives how many were written and *more whether others matched. */
int store_admin_communes(Db *db, const char *current_province, const char *q, int max, Arena *arena,
        CommunePick *out, int *n, bool *more, Err *e);

/* Calls fn for each region with its code, kind ('moit', 'socioeconomic',
 * 'geographic') and name, by kind then code; stops early if fn returns
 * non-zero. kind (may be NULL) keeps one kind. */
typedef int (*RegionFn)(void *ctx, const char *code, const char *kind, const char *name);
int store_admin_regions(Db *db, const char *kind, RegionFn fn, void *ctx, Err *e);

#endif
