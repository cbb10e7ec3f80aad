/* store_bulk.h — a đề án entered after the fact, with its whole history, in
 * one call: the store's write path for volume (generated national data,
 * later the import of past years).
 *
 * The live path moves a đề án one audited transition at a time
 * (store_project_transition), pays one audited disbursement at a time, and
 * re-reads the record around every change: about thirty audited writes for a
 * đề án that ran its course, which is right for a person clicking and far too
 * slow for 136 000 đề án. store_bulk_project takes the history at once,
 * validates all of it in memory first — every move allowed by the state
 * table of core/project_state.h from 'draft', a decision wherever the table
 * needs one, dates in order; cost lines of known funding sources; payments
 * only on state lines, after the approval, never more than a line's approved
 * amount net, no recovery beyond the advances — and then writes it with bound
 * parameters inside one transaction (a savepoint when the caller has one
 * open, which is how a loader batches many đề án per commit).
 *
 * What is audited: the record's creation (store_project_create, with its
 * first event), its beneficiaries and outputs (through their store
 * functions), one update of the record from 'draft' to its final state (the
 * snapshots before and after), and the insertion of every cost line and
 * disbursement. The moves are project_event rows, as on the live path, but
 * not one audit row each: the audit log says the history was entered at
 * once, by whom and when.
 *
 * What it is not: a way to change a đề án that exists; caps of support rules
 * (cost lines are loaded without a rule: store_finance_line_add checks caps). */
#ifndef KC_STORE_BULK_H
#define KC_STORE_BULK_H

#include <stdint.h>

#include "store/store.h"
#include "store/store_project.h"

/* One move of the history, in order. */
typedef struct BulkMove {
	const char *to;          /* the state moved to */
	const char *date;        /* "YYYY-MM-DD", the event's and the decision's day */
	const char *decision_no; /* where the state table needs a decision, else NULL */
	int64_t org_id;          /* the organisation that acted, or -1 */
	const char *reason_code, *reason;
} BulkMove;

/* A cost line as approved: planned = approved = amount (đồng). */
typedef struct BulkLine {
	const char *source; /* funding_source.code */
	const char *item;
	int64_t amount;
} BulkLine;

/* A disbursement against lines[line]. */
typedef struct BulkPayment {
	int line;
	const char *kind; /* advance | payment | advance_recovery | refund */
	const char *paid_on;
	int64_t amount; /* > 0; recoveries and refunds count negative by kind */
	const char *voucher_no;
} BulkPayment;

typedef struct BulkOutput {
	const char *indicator;
	int64_t planned, actual; /* -1 unknown */
} BulkOutput;

typedef struct BulkProject {
	Project p; /* as store_project_create takes it; p.status_date: the draft's day */
	const int64_t *beneficiaries;
	int n_beneficiaries;
	const BulkMove *moves;
	int n_moves;
	const BulkLine *lines;
	int n_lines;
	const BulkPayment *payments;
	int n_payments;
	const BulkOutput *outputs;
	int n_outputs;
} BulkProject;

enum { BULK_MAX_MOVES = 24, BULK_MAX_LINES = 32 };

/* Validates the whole of in and writes it, all or nothing; *id receives the
 * new đề án's id. Errors name the field (moves[3].to, payments[2].amount, or
 * the record's own field) with a Vietnamese message. */
int store_bulk_project(Db *db, const Actor *a, const BulkProject *in, int64_t *id, Err *e);

#endif
