/* store_finance.h — the money of a đề án: cost lines, support caps,
 * disbursements and invoices (DOMAIN.md §1.3, §2.5, §4).
 *
 * A cost line is one item of the dossier's estimate (dự toán) paid from one
 * funding source: its eligible cost, the support planned and, once the plan
 * is approved, the support approved. A line paid from a state budget source
 * under a support rule is capped (TT 28/2018/TT-BTC and the provincial
 * resolutions, stored as data in support_rule):
 *
 *     allowed = min(rate × eligible cost, cap per unit)
 *
 * and a line asking for more is refused with KC_EWARN unless it carries the
 * reason for exceeding the cap, which is then stored beside the amounts. The
 * schema has no number of units per line, so every line counts as ONE unit
 * of the rule's cap_per (one model, one establishment, one cluster ...): a
 * line covering several establishments must be split per establishment.
 *
 * Disbursements (tạm ứng, thanh toán, thu hồi tạm ứng, nộp trả) are events
 * against a line of a state source; the line's net disbursed amount is
 * advances + payments − recoveries − refunds and never exceeds what was
 * approved (or planned, before approval). Invoices are kept to show the
 * Lào Cai problem (seed003): invoices dated outside the đề án's eligible
 * window cannot be reimbursed.
 *
 * Every change is validated and audited in the same transaction. Cost lines,
 * disbursements and invoices carry no version: a line is edited by one
 * officer at a time, and events are added and deleted, never edited.
 * Not here: the đề án record and its status (store_project), reports. */
#ifndef KC_STORE_FINANCE_H
#define KC_STORE_FINANCE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"

/* ---- Cost lines ------------------------------------------------------------------ */

/* Unknown numbers are -1, unknown text NULL. */
typedef struct CostLine {
	int64_t id;
	int64_t project_id;
	const char *source_code;  /* funding_source.code: central, provincial, counterpart ... */
	const char *item;         /* 'Máy đóng gói' */
	int64_t rule_id;          /* support_rule.id, or -1 */
	int64_t eligible_cost;    /* đồng, or -1 */
	int64_t planned;          /* đồng, >= 0 */
	int64_t approved;         /* đồng, or -1 until approved */
	const char *cap_override; /* why the support exceeds the cap; stored only if it does */
	int position;             /* order within the đề án */
	/* Read back, not written: */
	int64_t disbursed; /* net: advances + payments − recoveries − refunds */
	int64_t allowed;   /* the cap of a state line under a rule, or -1: none */
} CostLine;

/* A CostLine with every optional field unknown. */
CostLine store_finance_line_blank(void);

/* Validates and inserts in (in->project_id must exist); *id receives the new
 * id. KC_EWARN (field "approved" or "planned") if the support exceeds the cap
 * and in->cap_override gives no reason. */
int store_finance_line_add(Db *db, const Actor *a, const CostLine *in, int64_t *id, Err *e);
/* Validates and updates line in->id (its project stays). Refuses to bring the
 * support below what was already disbursed or to move a line with
 * disbursements to another source. */
int store_finance_line_update(Db *db, const Actor *a, const CostLine *in, Err *e);
/* Deletes line id; KC_ECONFLICT while disbursements or invoices refer to it. */
int store_finance_line_delete(Db *db, const Actor *a, int64_t id, Err *e);
/* Reads line id with its disbursed total and cap; strings in arena. */
int store_finance_line_get(Db *db, int64_t id, Arena *arena, CostLine *out, Err *e);

typedef struct CostLineList {
	CostLine *v; /* by position, then id; in the arena */
	int n;
} CostLineList;

/* Every line of đề án project_id, each with its disbursed total and cap. */
int store_finance_line_list(Db *db, int64_t project_id, Arena *arena, CostLineList *out, Err *e);

/* The most support rule_id allows for eligible_cost, for a form showing the
 * cap while an officer types: min(rate × eligible_cost rounded half-up, cap),
 * where a derived rule's cap is its base rule's cap × multiplier. *allowed is
 * -1 if the rule sets no limit at all. KC_EINVAL (field "eligible_cost") if
 * the rule has a rate and eligible_cost is unknown (-1). Does not check that
 * the rule is in force for a particular đề án; the line functions do. */
int store_finance_allowed(Db *db, int64_t rule_id, int64_t eligible_cost, int64_t *allowed, Err *e);

/* A support rule a line of one đề án may name, as a form offers it. */
typedef struct RuleChoice {
	int64_t id;
	const char *label; /* the rule's label_vi */
	const char *limit; /* "tối đa 50% chi phí và không quá 300 triệu đồng/cơ sở (TT
	                      28/2018/TT-BTC Điều 8 khoản 4)" */
	int64_t rate_x100, cap; /* -1: none; cap resolved through base rules */
} RuleChoice;

typedef struct RuleChoices {
	RuleChoice *v; /* by id, in the arena */
	int n;
} RuleChoices;

/* The support rules of đề án project_id's activity content (or of none) that
 * the line functions would accept for it: in force in its start year, for
 * its level and its province. */
int store_finance_rules_for(Db *db, int64_t project_id, Arena *arena, RuleChoices *out, Err *e);
/* What saving line in (in->project_id, source, rule, eligible cost, support,
 * reason) would meet about its cap, without saving it: 0 within the cap or
 * with a reason, KC_EWARN with the message the save would give when the
 * support exceeds it without one, or the error of a rule that does not apply
 * or cannot compute (no eligible cost). *allowed receives the cap (-1: none
 * applies), *limit the rule's limit in words (NULL without a rule), in arena. */
int store_finance_line_cap(
        Db *db, const CostLine *in, Arena *arena, int64_t *allowed, const char **limit, Err *e);

/* ---- Disbursements --------------------------------------------------------------- */

typedef struct Disbursement {
	int64_t id;
	int64_t project_id;   /* read back: the line's đề án */
	int64_t cost_line_id; /* a line of a state funding source */
	const char *kind;     /* advance | payment | advance_recovery | refund */
	const char *paid_on;  /* 'YYYY-MM-DD' */
	int fiscal_year;      /* 0: the year of paid_on */
	int64_t amount;       /* đồng, > 0; recoveries and refunds count negative by kind */
	const char *voucher_no;
	const char *note;
} Disbursement;

/* A Disbursement with every optional field unknown. */
Disbursement store_finance_disbursement_blank(void);

/* Validates and inserts in; *id receives the new id. KC_EDENIED unless the
 * đề án is contracted, in progress, carried over or accepted (money returned
 * — a recovery or refund — is also taken from a terminated đề án). KC_EINVAL
 * (field "amount") if the line's net disbursed would exceed its approved
 * support, a recovery exceeds the advances outstanding or a refund what was
 * disbursed. */
int store_finance_disbursement_add(
        Db *db, const Actor *a, const Disbursement *in, int64_t *id, Err *e);
/* Deletes disbursement id (a correction), under the same status rule as
 * adding; refused if the remaining events would recover more than was
 * advanced. */
int store_finance_disbursement_delete(Db *db, const Actor *a, int64_t id, Err *e);

typedef struct DisbursementList {
	Disbursement *v; /* by paid_on, then id; in the arena */
	int n;
} DisbursementList;

int store_finance_disbursement_list(
        Db *db, int64_t project_id, Arena *arena, DisbursementList *out, Err *e);

/* ---- Totals ---------------------------------------------------------------------- */

typedef struct SourceTotal {
	const char *source_code, *label_vi; /* in the arena */
	bool is_state;
	int64_t planned;   /* sum of the lines' planned */
	int64_t approved;  /* sum of the approved lines, or -1 if none is approved */
	int64_t disbursed; /* net */
} SourceTotal;

typedef struct FinanceTotals {
	SourceTotal *v; /* one per funding source used, in funding_source.position order */
	int n;
	/* Each line counts with its approved support, or its planned one before
	 * approval (the amount assigned to it). */
	int64_t state_support; /* state budget sources */
	int64_t counterpart;   /* source 'counterpart' (vốn đối ứng) */
	int64_t other;         /* other non-state sources */
	int64_t total_cost;    /* state_support + counterpart + other */
	int64_t disbursed;     /* net, state sources */
	int64_t rate_x100;     /* disbursed / state_support × 100 × 100, or -1 if no support */
} FinanceTotals;

/* The money of đề án project_id by source and overall (DOMAIN §4.1, §4.3). */
int store_finance_totals(Db *db, int64_t project_id, Arena *arena, FinanceTotals *out, Err *e);

/* ---- Invoices -------------------------------------------------------------------- */

typedef struct Invoice {
	int64_t id;
	int64_t project_id;
	int64_t cost_line_id; /* a line of the same đề án, or -1 */
	const char *number;
	const char *issued_on; /* 'YYYY-MM-DD' */
	int64_t amount;        /* đồng, > 0 */
	const char *supplier;
	const char *tax_code; /* the supplier's; stored trimmed */
} Invoice;

/* An Invoice with every optional field unknown. */
Invoice store_finance_invoice_blank(void);

int store_finance_invoice_add(Db *db, const Actor *a, const Invoice *in, int64_t *id, Err *e);
int store_finance_invoice_delete(Db *db, const Actor *a, int64_t id, Err *e);

typedef struct InvoiceList {
	Invoice *v;          /* by issued_on, then id; in the arena */
	const char **reason; /* for risks: why each invoice is at risk; else NULL */
	int n;
} InvoiceList;

/* Every invoice of đề án project_id. */
int store_finance_invoice_list(Db *db, int64_t project_id, Arena *arena, InvoiceList *out, Err *e);
/* The invoices of đề án project_id dated outside its eligible window, each
 * with a Vietnamese reason ("Hóa đơn ngày 15/11/2022 trước ngày được tính chi
 * phí 01/03/2023"). Where the đề án gives no eligible_from (eligible_to), the
 * window starts on 1 January of its start year (ends on 31 December of its
 * end year): the fiscal year is the calendar year. */
int store_finance_invoice_risks(Db *db, int64_t project_id, Arena *arena, InvoiceList *out, Err *e);

/* ---- Natural keys (the importer's lookups) ---------------------------------------- */

/* The id of the cost line of đề án project_id paid from source_code whose
 * item is item (NULL: the source's only line), into *id. KC_ENOTFOUND (no
 * message) when there is none; KC_ECONFLICT when item is NULL and the
 * source has several lines. */
int store_finance_line_find(
        Db *db, int64_t project_id, const char *source_code, const char *item, int64_t *id, Err *e);
/* The disbursement of key->cost_line_id with key->voucher_no, or without a
 * voucher the one of the same kind, day and amount, into *id (KC_ENOTFOUND,
 * no message, when there is none); *same says whether its kind, day,
 * fiscal year (0: the day's) and amount are key's. */
int store_finance_disbursement_find(
        Db *db, const Disbursement *key, int64_t *id, bool *same, Err *e);

#endif
