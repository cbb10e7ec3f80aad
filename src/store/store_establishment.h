/* store_establishment.h — rural industrial establishments (cơ sở CNNT).
 *
 * The registry of the establishments khuyến công supports: legal form, tax
 * code, address as written with the unit codes of the time, sector, size and
 * the flags used for priority (NĐ 235/2025: women-owned, ethnic-minority
 * labour). Every change is validated, audited and versioned: an update or
 * delete names the version it read and fails with KC_ECONFLICT if someone
 * changed the record since. */
#ifndef KC_STORE_ESTABLISHMENT_H
#define KC_STORE_ESTABLISHMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"

/* Unknown numbers are -1, unknown text NULL. */
typedef struct Establishment {
	int64_t id;
	const char *name;
	const char *legal_form; /* sme | coop | coop_union | coop_group | household_business |
	                           craft_village | other */
	const char *tax_code;
	const char *address;
	const char *province_list, *province_code;
	const char *commune_list, *commune_code;
	const char *sector_code;
	int64_t workers, revenue;
	bool women_owned, ethnic_minority_labour;
	const char *craft_village;
	int survey_year; /* 0: unknown */
	const char *representative;
	const char *phone; /* stored normalised: digits only */
	int version;
} Establishment;

/* An Establishment with every optional field unknown. */
Establishment store_establishment_blank(void);

/* Validates and inserts in; *id receives the new id. */
int store_establishment_create(
        Db *db, const Actor *a, const Establishment *in, int64_t *id, Err *e);
/* Validates and updates the record in->id, which must still be at in->version. */
int store_establishment_update(Db *db, const Actor *a, const Establishment *in, Err *e);
/* Deletes the record id at version; KC_ECONFLICT if a đề án still names it. */
int store_establishment_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
/* Reads the record id; its strings live in arena. */
int store_establishment_get(Db *db, int64_t id, Arena *arena, Establishment *out, Err *e);

typedef struct EstablishmentFilter {
	const char *q; /* search in names, ignoring diacritics and case; NULL: all */
	const char *province_list, *province_code; /* the province as recorded */
	const char *current_province; /* recorded in this current province, or in a legacy
	                                 province that became part of it */
	const char *commune_code;
	const char *legal_form;
	const char *sector_code;
	int women_owned;  /* -1 any, 0, 1 */
	const char *sort; /* "name" (default, Vietnamese order), "-name", "newest", "oldest" */
	int limit;        /* 1..500; 0 means 50 */
	int offset;
} EstablishmentFilter;

EstablishmentFilter store_establishment_filter(void); /* everything, first page */

typedef struct EstablishmentList {
	Establishment *v; /* in Vietnamese order of name, in the arena */
	int n;
	int64_t total; /* matching records, all pages */
} EstablishmentList;

int store_establishment_list(
        Db *db, const EstablishmentFilter *f, Arena *arena, EstablishmentList *out, Err *e);

/* ---- Natural keys (the importer's lookups) ---------------------------------------- */

/* The id of the establishment with tax code tax_code (compared trimmed),
 * into *id; KC_ENOTFOUND (no message) when there is none. */
int store_establishment_find_tax(Db *db, const char *tax_code, int64_t *id, Err *e);
/* The ids of the establishments whose name folds like name (diacritics,
 * case and spacing ignored) in province (list, code) (province_code NULL:
 * any) and commune commune_code ("": those recorded without a commune,
 * NULL: any), oldest first, at most max of them into ids; *n receives how
 * many. */
int store_establishment_find_name(Db *db, const char *name, const char *province_list,
        const char *province_code, const char *commune_code, int64_t *ids, int max, int *n, Err *e);

#endif
