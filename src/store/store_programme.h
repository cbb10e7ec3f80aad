/* store_programme.h — khuyến công programmes (phases), their targets, and
 * annual plans with their lines.
 *
 * A programme is one phase of national (KCQG) or local (KCĐP) khuyến công:
 * "Chương trình khuyến công tỉnh Sóc Trăng giai đoạn 2016 - 2020", or the
 * national programme 2021–2025 (QĐ 1881/QĐ-TTg). A local one belongs to a
 * province, a national one to none. Its targets are figures per indicator
 * as the decision states them: 162 đề án, 25 tỷ đồng, 125,92 tỷ đồng
 * counterpart (DOMAIN §7.1), with "trên", "khoảng" kept as written.
 *
 * An annual plan (kế hoạch khuyến công năm) is one per level, province and
 * year; it may name the programme it implements, which must be of the same
 * level, cover the year and (local) be of the same province or of a legacy
 * province merged into it (§6). Its lines plan money and quantities per
 * activity content, optionally per indicator and funding source.
 *
 * Every change is validated and audited; programmes and plans are versioned
 * (an update or delete names the version it read). Targets and plan lines
 * are not: the last write wins. A target's audit rows name the programme as
 * their record; the JSON names the indicator. Money is BIGINT đồng. */
#ifndef KC_STORE_PROGRAMME_H
#define KC_STORE_PROGRAMME_H

#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"

typedef struct ProgrammeTarget {
	const char *indicator_code;
	int64_t value;         /* >= 0, in the indicator's unit (money in đồng) */
	const char *qualifier; /* gần | trên | khoảng | ước, or NULL */
	const char *note;
} ProgrammeTarget;

/* Unknown numbers are -1, unknown text NULL. Dates are written as the user
 * typed them (dd/mm/yyyy or ISO) and read back as ISO 'YYYY-MM-DD'. */
typedef struct Programme {
	int64_t id;
	const char *level;                         /* national | local */
	const char *province_list, *province_code; /* a local programme's province */
	const char *name;
	int start_year, end_year;
	const char *decision_no; /* 'QĐ 1881/QĐ-TTg' */
	const char *decision_date;
	const char *instrument_code; /* legal_instrument.code, or NULL */
	const char *note;
	int version;
	/* Read by get, in the indicators' order; create inserts them too,
	 * update leaves them alone (use store_programme_target_*). */
	ProgrammeTarget *targets;
	int n_targets;
} Programme;

Programme store_programme_blank(void); /* every optional field unknown, local */

/* Validates and inserts in with its targets; *id receives the new id. */
int store_programme_create(Db *db, const Actor *a, const Programme *in, int64_t *id, Err *e);
/* Validates and updates in->id at in->version; its plans must still fit
 * (level, years; the province cannot change while it has plans). */
int store_programme_update(Db *db, const Actor *a, const Programme *in, Err *e);
/* Deletes the programme id at version with its targets; KC_ECONFLICT while
 * an annual plan or a đề án names it. */
int store_programme_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
/* Reads the programme id and its targets; everything lives in arena. */
int store_programme_get(Db *db, int64_t id, Arena *arena, Programme *out, Err *e);

/* Inserts or replaces the target of t->indicator_code (which must exist). */
int store_programme_target_set(
        Db *db, const Actor *a, int64_t programme_id, const ProgrammeTarget *t, Err *e);
/* Deletes the target; KC_ENOTFOUND if there is none. */
int store_programme_target_delete(
        Db *db, const Actor *a, int64_t programme_id, const char *indicator_code, Err *e);

typedef struct ProgrammeFilter {
	const char *level;
	const char *province_list, *province_code; /* the province as recorded */
	/* Local programmes recorded in this current province or in a legacy
	 * province that became part of it, and the national programmes, which
	 * every province carries out (level "local" leaves them out); NULL: all. */
	const char *current_province;
	int year;  /* programmes whose phase contains it; 0: any */
	int limit; /* 1..500; 0 means 50 */
	int offset;
} ProgrammeFilter;

ProgrammeFilter store_programme_filter(void); /* everything, first page */

typedef struct ProgrammeList {
	Programme *v; /* latest phase first, national before local; without targets */
	int n;
	int64_t total;
} ProgrammeList;

int store_programme_list(
        Db *db, const ProgrammeFilter *f, Arena *arena, ProgrammeList *out, Err *e);

/* ---- Annual plans ---------------------------------------------------------------- */

typedef struct PlanLine {
	int64_t id;
	const char *activity_code;  /* activity_content.code, in force in the plan's year */
	const char *indicator_code; /* or NULL */
	const char *source_code;    /* funding_source.code, or NULL */
	int64_t planned_amount;     /* đồng, >= 0; -1 unknown */
	int64_t planned_qty;        /* in the indicator's unit, >= 0; -1 unknown */
	const char *note;
} PlanLine;

typedef struct AnnualPlan {
	int64_t id;
	int64_t programme_id;                      /* or -1 */
	const char *level;                         /* national | local */
	const char *province_list, *province_code; /* required for both levels */
	int year;
	const char *decision_no, *decision_date;
	const char *approver; /* 'UBND tỉnh', 'Bộ Công Thương' */
	const char *note;
	int version;
	/* Read by get in the order they were added; create inserts them too,
	 * update leaves them alone but checks they still fit the year. */
	PlanLine *lines;
	int n_lines;
} AnnualPlan;

AnnualPlan store_programme_plan_blank(void);    /* every optional field unknown, local */
PlanLine store_programme_plan_line_blank(void); /* amount and quantity unknown */

/* Validates and inserts in with its lines; *id receives the new id.
 * KC_ECONFLICT (field year) if the level, province and year have a plan. */
int store_programme_plan_create(Db *db, const Actor *a, const AnnualPlan *in, int64_t *id, Err *e);
int store_programme_plan_update(Db *db, const Actor *a, const AnnualPlan *in, Err *e);
/* Deletes the plan id at version with its lines; KC_ECONFLICT while a đề án
 * names it. */
int store_programme_plan_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
/* Reads the plan id and its lines; everything lives in arena. */
int store_programme_plan_get(Db *db, int64_t id, Arena *arena, AnnualPlan *out, Err *e);

/* Adds a line to plan_id; *id receives the line's id. */
int store_programme_plan_line_add(
        Db *db, const Actor *a, int64_t plan_id, const PlanLine *in, int64_t *id, Err *e);
/* Replaces the fields of the line in->id. */
int store_programme_plan_line_update(Db *db, const Actor *a, const PlanLine *in, Err *e);
int store_programme_plan_line_delete(Db *db, const Actor *a, int64_t line_id, Err *e);

typedef struct PlanFilter {
	const char *level;
	const char *province_list, *province_code; /* the province as recorded */
	const char *current_province; /* recorded in this current province, or in a legacy
	                                 province that became part of it */
	int year;                     /* 0: any */
	int64_t programme_id;         /* -1: any */
	int limit;                    /* 1..500; 0 means 50 */
	int offset;
} PlanFilter;

PlanFilter store_programme_plan_filter(void); /* everything, first page */

typedef struct PlanList {
	AnnualPlan *v; /* latest year first, then national before local, province code; no lines */
	int n;
	int64_t total;
} PlanList;

int store_programme_plan_list(Db *db, const PlanFilter *f, Arena *arena, PlanList *out, Err *e);

#endif
