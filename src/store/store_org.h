/* store_org.h — organisations: the Ministry and its agency, Sở Công Thương,
 * trung tâm khuyến công, UBND tỉnh, implementing and partner units.
 *
 * Organisations come and go: the national agency for khuyến công was Cục
 * Công nghiệp địa phương, then Cục Công Thương địa phương, then Cục Đổi mới
 * sáng tạo, Chuyển đổi xanh và Khuyến công (DOMAIN §1.2); provincial units
 * merge with their provinces in 2025 (§6). A record therefore carries its
 * validity (valid_from, valid_to) and the successor that took over its work,
 * and store_org_valid_on finds the unit in force on a date — the unit that
 * signs a report of that date (§6 point 6). Successor links never form a
 * cycle. Every change is validated, audited and versioned. This module does
 * not know who works where (users) or which unit runs which đề án. */
#ifndef KC_STORE_ORG_H
#define KC_STORE_ORG_H

#include <stdint.h>

#include "core/arena.h"
#include "core/date.h"
#include "store/db.h"
#include "store/store.h"

/* Unknown numbers are -1, unknown text NULL. Dates are written as the user
 * typed them (dd/mm/yyyy or ISO) and read back as ISO 'YYYY-MM-DD'. */
typedef struct Organisation {
	int64_t id;
	const char *kind; /* ministry | national_agency | doit | promotion_centre | ppc |
	                     implementing_unit | partner | other */
	const char *name;
	const char *short_name;                    /* "Cục CTĐP", searched like the name */
	const char *province_list, *province_code; /* NULL for national bodies */
	const char *valid_from, *valid_to;         /* NULL: open */
	int64_t successor_id;                      /* the unit that took over, or -1 */
	int version;
} Organisation;

/* An Organisation with every optional field unknown and no kind. */
Organisation store_org_blank(void);

/* Validates and inserts in; *id receives the new id. The Ministry and its
 * agencies have no province; Sở Công Thương, trung tâm khuyến công and UBND
 * tỉnh must have one; the others may. */
int store_org_create(Db *db, const Actor *a, const Organisation *in, int64_t *id, Err *e);
/* Validates and updates the record in->id, which must still be at in->version. */
int store_org_update(Db *db, const Actor *a, const Organisation *in, Err *e);
/* Deletes the record id at version; KC_ECONFLICT while a đề án, an event, an
 * inspection or another organisation (as successor) refers to it. */
int store_org_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
/* Reads the record id; its strings live in arena. */
int store_org_get(Db *db, int64_t id, Arena *arena, Organisation *out, Err *e);
/* A record of province list:code may name (in field) only an organisation of
 * its own current province or a national one: KC_EINVAL otherwise, so that a
 * province cannot link, and then read the name of, another's. A national
 * record (code NULL), org_id -1 or an unknown org_id (the caller's check)
 * pass. */
int store_org_check_place(
        Db *db, int64_t org_id, const char *list, const char *code, const char *field, Err *e);

/* The organisation in force on day d that org_id stands for: org_id itself
 * if d is within its validity; a successor (followed as far as needed) if
 * org_id had ended by d; the one predecessor in force on d if org_id did not
 * exist yet. KC_ENOTFOUND if no unit of the chain was in force on d,
 * KC_ECONFLICT if several predecessors were (units that merged). */
int store_org_valid_on(Db *db, int64_t org_id, Date d, int64_t *out, Err *e);

typedef struct OrgFilter {
	const char *q; /* in name and short name, ignoring diacritics and case; NULL: all */
	const char *kind;
	const char *province_list, *province_code; /* the province as recorded */
	/* Units recorded in this current province or in a legacy province that
	 * became part of it, and the national bodies, which serve every
	 * province (national 0 leaves them out); NULL: all. */
	const char *current_province;
	int national;         /* -1 any, 1 only bodies without a province, 0 only with one */
	const char *valid_on; /* a date (as typed): only units in force on it; NULL: all */
	int limit;            /* 1..500; 0 means 50 */
	int offset;
} OrgFilter;

OrgFilter store_org_filter(void); /* everything, first page */

typedef struct OrgList {
	Organisation *v; /* in Vietnamese order of name, in the arena */
	int n;
	int64_t total; /* matching records, all pages */
} OrgList;

int store_org_list(Db *db, const OrgFilter *f, Arena *arena, OrgList *out, Err *e);

#endif
