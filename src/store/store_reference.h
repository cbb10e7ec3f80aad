/* store_reference.h — the reference tables: the rules of khuyến công kept as
 * data an administrator edits (DOMAIN §2–§5; seeded by migration 0003):
 * legal instruments, activity contents, indicators, eligible sectors, funding
 * sources, support levels and caps, who approves an adjustment, and how
 * reporting periods map to dates.
 *
 * The eight tables are handled by one implementation driven by a descriptor
 * per table (RefTable): its name, its key, and each column's type, checks and
 * place in the table's record struct. SQL is assembled only from the
 * descriptors' constant names; every value is bound. Each table has a record
 * struct below whose members are named as its columns; unknown numbers are -1
 * and unknown text NULL, as everywhere in the store.
 *
 * Every change is validated (types, required values, closed sets, the codes
 * it names exist, date ranges in order, the rules of its table), versioned
 * (an update or delete names the version it read: KC_ECONFLICT when the row
 * changed meanwhile) and audited with the row before and after. A row still
 * referred to is not deleted (KC_ECONFLICT saying by what). What the store
 * returns lives in the caller's arena. */
#ifndef KC_STORE_REFERENCE_H
#define KC_STORE_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"

/* ---- The records ---------------------------------------------------------------------- */

typedef struct LegalInstrument {
	const char *code; /* "ND45_2012" */
	const char *kind; /* Nghị định, Thông tư, Quyết định, Nghị quyết ... */
	const char *number, *issuer, *title;
	const char *signed_on, *effective_from, *effective_to; /* "YYYY-MM-DD" */
	const char *replaced_by;                               /* an instrument's code */
	const char *source_tag;
	bool unsure;
	int version;
} LegalInstrument;

typedef struct ActivityContent {
	const char *code, *scheme; /* scheme: nd45 | qd1881 | qd2646 */
	int64_t position;
	const char *label_vi, *label_en, *instrument_code, *valid_from, *valid_to;
	int version;
} ActivityContent;

typedef struct Indicator {
	const char *code, *label_vi, *unit_vi;
	const char *value_kind; /* count | money | percent_x100 | ratio_x100 */
	const char *activity_code;
	const char *source; /* records | aggregate | both */
	int64_t position;
	int version;
} Indicator;

typedef struct Sector {
	const char *code, *label_vi, *instrument_code, *valid_from, *valid_to;
	int version;
} Sector;

typedef struct FundingSource {
	const char *code, *label_vi;
	bool is_state;
	int64_t position;
	int version;
} FundingSource;

typedef struct SupportRule {
	int64_t id;
	const char *instrument_code, *clause;
	const char *program_level;                 /* national | local; NULL both */
	const char *province_list, *province_code; /* a provincial resolution's province */
	const char *activity_code, *cost_item, *label_vi;
	int64_t rate_x100; /* 5000 = 50 %; -1 no rate limit */
	int64_t cap_dong;  /* -1 no absolute cap */
	const char *cap_per;
	int64_t base_rule_id, multiplier_x100; /* a cap derived from another rule's */
	const char *valid_from, *valid_to, *source_tag;
	int version;
} SupportRule;

typedef struct AdjustmentRule {
	int64_t id;
	const char *kind, *program_level, *approver, *instrument_code, *valid_from, *valid_to;
	int version;
} AdjustmentRule;

typedef struct PeriodRule {
	int64_t id;
	const char *name;
	int64_t cutoff_day; /* 0 calendar periods; 2..28 from that day of the month before */
	const char *instrument_code;
	bool is_default; /* exactly one rule is the default */
	int version;
} PeriodRule;

/* ---- The descriptors ------------------------------------------------------------------ */

typedef enum RefType {
	REF_TEXT, /* const char *, NULL unknown */
	REF_DATE, /* const char * "YYYY-MM-DD" (any writing date_parse reads on input) */
	REF_INT,  /* int64_t, -1 unknown */
	REF_BOOL, /* bool */
} RefType;

enum {
	REF_REQUIRED = 1 << 0, /* must be given */
	REF_AUTO = 1 << 1,     /* the key of a table whose ids the database assigns */
};

struct RefTable;

typedef struct RefColumn {
	const char *name; /* the column, the record's member and the JSON name */
	RefType type;
	size_t off; /* of the member in the table's record struct */
	unsigned flags;
	int64_t min, max;           /* REF_INT: the range; REF_TEXT: max bytes */
	const StoreChoice *choices; /* a closed set of n_choices values, or NULL */
	size_t n_choices;
	const char *refers; /* "SELECT COUNT(*) FROM t WHERE code = ?": a code that
	                       must exist, or NULL */
	const char *label;  /* how a message names it: "Mã văn bản" */
} RefColumn;

/* A row that still refers to a record: count_sql counts them with one `?`
 * for the record's key, reason says what they are ("còn chỉ tiêu dùng"). */
typedef struct RefUse {
	const char *count_sql, *reason;
} RefUse;

typedef struct RefTable {
	const char *name;      /* the table, as audit_log names it: "support_rule" */
	const char *what;      /* a row in Vietnamese, lower case: "quy định mức hỗ trợ" */
	const RefColumn *cols; /* cols[0] is the key */
	size_t n_cols;
	size_t size;        /* of the record struct */
	size_t version_off; /* of its int version */
	const char *order;  /* the ORDER BY of lists */
	const RefUse *uses;
	size_t n_uses;
	/* The rules of the table beyond single columns, or NULL; runs with the
	 * other checks, before the write's transaction. */
	int (*check)(Db *db, const void *rec, Err *e);
	/* Runs after the write, inside its transaction (the period rule's single
	 * default), or NULL. */
	int (*after)(Db *db, const Actor *a, const void *rec, Err *e);
} RefTable;

extern const RefTable store_ref_instruments, store_ref_contents, store_ref_indicators,
        store_ref_sectors, store_ref_funding_sources, store_ref_support_rules,
        store_ref_adjustment_rules, store_ref_period_rules;

/* The eight tables, in the order above, NULL-terminated. */
extern const RefTable *const store_ref_tables[];

enum { REF_KEY_LEN = 48 }; /* a code is 1..40 of [A-Za-z0-9_.-]; an id 20 digits */

/* ---- Functions ------------------------------------------------------------------------ */

/* Makes rec (t->size bytes) a record of t with every optional field unknown. */
void store_ref_blank(const RefTable *t, void *rec);
/* The key of rec as text: its code, or its id in decimal. */
void store_ref_key(const RefTable *t, const void *rec, char out[REF_KEY_LEN]);

/* Reads the row of t whose key is key (a code, or an id in decimal) into
 * out; KC_ENOTFOUND "Không có <what> '<key>'". */
int store_ref_get(Db *db, const RefTable *t, const char *key, Arena *arena, void *out, Err *e);

typedef struct RefFilter {
	const char *q; /* in the code and the text columns, ignoring diacritics; NULL all */
	int limit;     /* 1..500; 0 means 50 */
	int offset;
} RefFilter;

typedef struct RefList {
	void *v; /* n records of t->size bytes, in the table's order, in the arena */
	int n;
	int64_t total; /* matching rows, all pages */
} RefList;

/* A page of t's rows matching f. */
int store_ref_list(
        Db *db, const RefTable *t, const RefFilter *f, Arena *arena, RefList *out, Err *e);
/* The record i of a list. */
const void *store_ref_at(const RefTable *t, const RefList *l, int i);

/* Validates in and inserts it; key (may be NULL) receives the new row's key
 * (the code given, or the id the database assigned). */
int store_ref_create(
        Db *db, const Actor *a, const RefTable *t, const void *in, char key[REF_KEY_LEN], Err *e);
/* Validates in and updates the row of its key, which must still be at
 * in's version. The key never changes. */
int store_ref_update(Db *db, const Actor *a, const RefTable *t, const void *in, Err *e);
/* Deletes the row key seen at version, unless something still refers to it. */
int store_ref_delete(
        Db *db, const Actor *a, const RefTable *t, const char *key, int version, Err *e);

#endif
