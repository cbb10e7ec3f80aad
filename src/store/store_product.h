/* store_product.h — products of establishments and their recognitions:
 * typical rural-industrial product certificates and OCOP star ratings.
 *
 * A product (or product set) belongs to one establishment and one of the
 * four groups of the typical-product rounds (DOMAIN §2.6): thủ công mỹ nghệ,
 * chế biến nông lâm thủy sản và thực phẩm, thiết bị máy móc cơ khí, khác.
 *
 * A certificate (sản phẩm CNNT tiêu biểu) is granted at a level — district
 * (historic), commune, provincial, regional, national — in a round year.
 * TT 38/2025/TT-BCT moved the lowest level from district to commune from its
 * effective date (01/7/2025): a district certificate needs a round year up
 * to that date's year and a decision dated before it, a commune certificate
 * a year from that year and a decision dated from it. The date is read from
 * legal_instrument 'TT38_2025' (effective_from), so an officer can correct
 * it; without that row it is 01/7/2025. A certificate number is unique per
 * level, and a product is certified at most once per level and year.
 *
 * An OCOP rating (Ministry of Agriculture's programme, 1–5 stars) is a
 * separate recognition of the same product, independent of certificates.
 *
 * Every change is validated, audited and versioned: an update or delete
 * names the version it read. */
#ifndef KC_STORE_PRODUCT_H
#define KC_STORE_PRODUCT_H

#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"

typedef struct Product {
	int64_t id;
	int64_t establishment_id;
	const char *name;
	const char *product_group; /* handicraft | food | machinery | other */
	int version;
} Product;

Product store_product_blank(void); /* no establishment, group other */

/* Validates and inserts in; *id receives the new id. */
int store_product_create(Db *db, const Actor *a, const Product *in, int64_t *id, Err *e);
/* Validates and updates in->id, which must still be at in->version. */
int store_product_update(Db *db, const Actor *a, const Product *in, Err *e);
/* Deletes the product id at version; KC_ECONFLICT while it has certificates
 * or OCOP ratings. */
int store_product_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
int store_product_get(Db *db, int64_t id, Arena *arena, Product *out, Err *e);

typedef struct ProductFilter {
	const char *q;            /* in names, ignoring diacritics and case; NULL: all */
	int64_t establishment_id; /* -1: any */
	const char *product_group;
	const char *current_province; /* of establishments recorded in this current
	                                 province, or in a legacy one that became part of it */
	int limit;                    /* 1..500; 0 means 50 */
	int offset;
} ProductFilter;

ProductFilter store_product_filter(void); /* everything, first page */

typedef struct ProductList {
	Product *v; /* in Vietnamese order of name, in the arena */
	int n;
	int64_t total;
} ProductList;

int store_product_list(Db *db, const ProductFilter *f, Arena *arena, ProductList *out, Err *e);

/* ---- Typical-product certificates -------------------------------------------------- */

/* Unknown numbers are -1, unknown text NULL. Dates are written as the user
 * typed them (dd/mm/yyyy or ISO) and read back as ISO 'YYYY-MM-DD'. */
typedef struct Certification {
	int64_t id;
	int64_t product_id;
	const char *level; /* district | commune | provincial | regional | national */
	int year;          /* the round's year */
	const char *certificate_no;
	const char *decision_no, *decision_date;
	const char *valid_until; /* not before decision_date */
	int64_t score;           /* the round's points, >= 0; -1 unknown */
	int version;
	/* Filled by get and list from the product and its establishment;
	 * ignored by create and update. */
	const char *product_name, *product_group;
	int64_t establishment_id;
	const char *establishment_name;
	const char *province_list, *province_code;
} Certification;

Certification store_product_cert_blank(void); /* every optional field unknown */

int store_product_cert_create(Db *db, const Actor *a, const Certification *in, int64_t *id, Err *e);
int store_product_cert_update(Db *db, const Actor *a, const Certification *in, Err *e);
int store_product_cert_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
int store_product_cert_get(Db *db, int64_t id, Arena *arena, Certification *out, Err *e);

typedef struct CertFilter {
	const char *level;
	int year_from, year_to; /* round years, inclusive; 0: open */
	/* The establishment's province as recorded ... */
	const char *province_list, *province_code;
	/* ... or the current province it lies in today: code 92 (Cần Thơ)
	 * takes in legacy Sóc Trăng (94) and Hậu Giang (93) too. */
	const char *current_province;
	const char *product_group;
	int64_t establishment_id; /* -1: any */
	int limit;                /* 1..500; 0 means 50; counts ignore paging */
	int offset;
} CertFilter;

CertFilter store_product_cert_filter(void); /* everything, first page */

typedef struct CertList {
	Certification *v; /* by year, level from lowest, product name, in the arena */
	int n;
	int64_t total;
} CertList;

int store_product_cert_list(Db *db, const CertFilter *f, Arena *arena, CertList *out, Err *e);

/* Certificates matching f (its level ignored) per level, for the report
 * "Sản phẩm CNNT tiêu biểu". */
typedef struct CertCounts {
	int64_t district, commune, provincial, regional, national, total;
} CertCounts;

int store_product_cert_count(Db *db, const CertFilter *f, CertCounts *out, Err *e);

/* ---- OCOP ratings -------------------------------------------------------------------- */

typedef struct OcopRating {
	int64_t id;
	int64_t product_id;
	int stars; /* 1..5 */
	int year;
	const char *decision_no;
	const char *valid_until;
	int version;
} OcopRating;

OcopRating store_product_ocop_blank(void);

int store_product_ocop_create(Db *db, const Actor *a, const OcopRating *in, int64_t *id, Err *e);
int store_product_ocop_update(Db *db, const Actor *a, const OcopRating *in, Err *e);
int store_product_ocop_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
/* Reads the rating id; its strings live in arena. */
int store_product_ocop_get(Db *db, int64_t id, Arena *arena, OcopRating *out, Err *e);
/* The ratings of a product, latest year first; *n receives how many. */
int store_product_ocop_list(
        Db *db, int64_t product_id, Arena *arena, OcopRating **out, int *n, Err *e);

/* ---- Natural keys (the importer's lookups) ---------------------------------------- */

/* The id of the product of establishment_id whose name folds like name,
 * into *id; KC_ENOTFOUND (no message) when there is none. */
int store_product_find(Db *db, int64_t establishment_id, const char *name, int64_t *id, Err *e);
/* The id of the certificate with key->level and key->certificate_no, or,
 * without a number, of key->product_id's certificate of that level and
 * year, into *id; KC_ENOTFOUND (no message) when there is none. */
int store_product_cert_find(Db *db, const Certification *key, int64_t *id, Err *e);

#endif
