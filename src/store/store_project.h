/* store_project.h — đề án khuyến công: the record, its partners and
 * beneficiaries, its moves through the lifecycle and its adjustments.
 *
 * A đề án (or a plan or task counted beside them) is recorded with its place
 * as it was at the time (list and code of the unit, DOMAIN §6), its activity
 * content and its years: registered in one year, carried out from start_year
 * to end_year (DOMAIN §4.4: "năm trước đăng ký, năm sau thực hiện").
 *
 * The status is never written directly: store_project_create starts a đề án
 * in 'draft' and store_project_transition moves it along the table of
 * core/project_state.h, appending a project_event (date, document, actor,
 * reason) for every move, the first one included. A carry-over keeps the
 * years as recorded: the extension itself is an adjustment of kind
 * extend_next_year, and the event says when it was carried over.
 *
 * Adjustments (DOMAIN §3.2) are requested, then approved or rejected. Who
 * approves is never decided here: it is read from the adjustment_rule table
 * (programme level, kind, rule in force on the day of the request) and kept
 * on the adjustment. An approved 'stop' terminates the đề án.
 *
 * Every change is validated, audited and atomic. Partners and beneficiaries
 * are audited as tables project_partner / project_beneficiary with the đề án's
 * id as record id. Messages are Vietnamese and name the field at fault. */
#ifndef KC_STORE_PROJECT_H
#define KC_STORE_PROJECT_H

#include <stdint.h>

#include "core/arena.h"
#include "store/db.h"
#include "store/store.h"

/* Unknown ids are -1 (on input any id below 1 means none), unknown text NULL.
 * Dates are 'YYYY-MM-DD' as read; on input any form date_parse reads
 * (02/07/2019) is accepted and stored ISO. Dates the store fills in (a first
 * event, a move or request without a date) are the actor's day in Vietnam. */
typedef struct Project {
	int64_t id;
	const char *code;                          /* unique: 'KCQG-2019-ST-01' */
	const char *title;                         /* Tên đề án */
	const char *kind;                          /* project | plan | task */
	const char *level;                         /* national | local (KCQG | KCĐP) */
	const char *type;                          /* ordinary | group | flagship | value_chain */
	const char *scope;                         /* provincial | inter_provincial */
	const char *activity_code;                 /* activity_content.code */
	const char *province_list, *province_code; /* as recorded, valid in start_year */
	const char *commune_list, *commune_code;   /* optional; same list as the province */
	int64_t implementing_id;                   /* organisation, or -1 */
	int64_t programme_id, plan_id;             /* programme, annual_plan, or -1 */
	int registration_year, start_year, end_year;
	const char *eligible_from, *eligible_to; /* the invoice window (DOMAIN §4.4) */
	const char *objective, *note;
	const char *status;      /* read only: see core/project_state.h */
	const char *status_date; /* the date of the last move; on create only, the day the
	                            draft was made (a đề án entered after the fact), NULL:
	                            the actor's today */
	int version;
} Project;

/* A Project with every optional field unknown, kind 'project', type
 * 'ordinary', scope 'provincial'. */
Project store_project_blank(void);

/* Validates and inserts in (its status is ignored: a đề án starts in 'draft',
 * with a first event dated in->status_date or the actor's today); *id
 * receives the new id. */
int store_project_create(Db *db, const Actor *a, const Project *in, int64_t *id, Err *e);
/* Validates and updates the record in->id, which must still be at
 * in->version. The status is not changed. A provincial đề án may not be moved
 * away from the province of one of its beneficiaries. */
int store_project_update(Db *db, const Actor *a, const Project *in, Err *e);
/* Deletes the record id at version with its events, partners and
 * beneficiaries; only in 'draft' or 'registered' (KC_EDENIED otherwise: a
 * đề án past registration is stopped, not deleted), and not while other
 * records (disbursements, inspections, classes, ...) name it (KC_ECONFLICT). */
int store_project_delete(Db *db, const Actor *a, int64_t id, int version, Err *e);
/* Reads the record id; its strings live in arena. */
int store_project_get(Db *db, int64_t id, Arena *arena, Project *out, Err *e);
/* The same, and into province the current province the record lies in
 * (store_admin_current_province), read in the same statement: what the
 * router checks a request's scope against. */
int store_project_get_scoped(
        Db *db, int64_t id, Arena *arena, Project *out, char province[3], Err *e);

typedef struct ProjectFilter {
	const char *q; /* in titles, ignoring diacritics and case, or the exact code */
	const char *province_list, *province_code; /* the province as recorded */
	const char *current_province; /* re-based: recorded in this current province or in a
	                                  legacy province that became part of it */
	int year;                     /* 0: any; else start_year <= year <= end_year */
	const char *level, *activity_code, *status;
	int limit; /* 1..500; 0 means 50 */
	int offset;
} ProjectFilter;

ProjectFilter store_project_filter(void); /* everything, first page */

typedef struct ProjectList {
	Project *v; /* in Vietnamese order of title, in the arena */
	int n;
	int64_t total; /* matching records, all pages */
} ProjectList;

int store_project_list(Db *db, const ProjectFilter *f, Arena *arena, ProjectList *out, Err *e);

/* ---- Partners and beneficiaries ------------------------------------------------------ */

/* A partner organisation or a beneficiary establishment of a đề án. */
typedef struct ProjectMember {
	int64_t id; /* organisation.id or establishment.id */
	const char *name;
	const char *role; /* partner | lead; beneficiary */
} ProjectMember;

typedef struct ProjectMembers {
	ProjectMember *v; /* in Vietnamese order of name, in the arena */
	int n;
} ProjectMembers;

/* Adds organisation org_id as a partner (role "partner", or "lead"; NULL
 * means "partner"); KC_ECONFLICT if it already is one. */
int store_project_partner_add(
        Db *db, const Actor *a, int64_t id, int64_t org_id, const char *role, Err *e);
int store_project_partner_remove(Db *db, const Actor *a, int64_t id, int64_t org_id, Err *e);
int store_project_partners(Db *db, int64_t id, Arena *arena, ProjectMembers *out, Err *e);

/* Adds establishment est_id as a beneficiary. A provincial đề án takes only
 * establishments of its own province, compared as current provinces (a
 * legacy Sóc Trăng đề án and a Cần Thơ establishment of 2026 match);
 * an inter-provincial one takes any. */
int store_project_beneficiary_add(Db *db, const Actor *a, int64_t id, int64_t est_id, Err *e);
int store_project_beneficiary_remove(Db *db, const Actor *a, int64_t id, int64_t est_id, Err *e);
int store_project_beneficiaries(Db *db, int64_t id, Arena *arena, ProjectMembers *out, Err *e);

/* ---- Lifecycle ----------------------------------------------------------------------- */

/* What a move records besides the new status. */
typedef struct Transition {
	const char *event_date;    /* NULL: the actor's today */
	const char *decision_no;   /* 'QĐ 1186/QĐ-BCT'; required where the table says so */
	const char *decision_date; /* required with decision_no */
	int64_t actor_org_id;      /* the unit that acted, or -1 */
	const char *reason_code;   /* 'invoice_outside_fiscal_year', ... (DOMAIN §4.4) */
	const char *reason;
} Transition;

Transition store_project_transition_blank(void);

/* Whether actor a may make the move to status to of a đề án at level
 * (national | local): the Ministry decides the moves of a national đề án
 * that DOMAIN §3.1-3.2 give it (appraised, approved, not funded, carried
 * over, stopped), so a provincial actor may not make them; anyone else may.
 * Who may move at all (the role) and the state table are not consulted. */
bool store_project_may_move(const Actor *a, const char *level, const char *to);
/* The same as a refusal: 0, or KC_EDENIED (field "status") naming the đề án
 * code, the state and who decides. Every path that sets a status (the
 * transition below, store_bulk_project) checks it. */
int store_project_check_mover(
        const Actor *a, const char *code, const char *level, const char *to, Err *e);

/* Moves đề án id, which must still be at version, to to_status: refuses a
 * provincial actor the Ministry's moves (store_project_check_mover, before
 * anything else about the record), checks the
 * move against core/project_state.h (KC_EDENIED naming the states allowed),
 * requires a decision's number and date where the table says so (field
 * "decision_no" / "decision_date"), sets status, status_date (the event
 * date) and the version, and appends the event. */
int store_project_transition(Db *db, const Actor *a, int64_t id, int version, const char *to_status,
        const Transition *t, Err *e);

typedef struct ProjectEvent {
	int64_t id;
	const char *from_status; /* NULL for the first event */
	const char *to_status;
	const char *event_date, *decision_no, *decision_date;
	int64_t actor_org_id, user_id; /* -1: none */
	const char *reason_code, *reason;
	const char *created_at;
} ProjectEvent;

typedef struct ProjectEvents {
	ProjectEvent *v; /* oldest first, in the arena */
	int n;
} ProjectEvents;

int store_project_events(Db *db, int64_t id, Arena *arena, ProjectEvents *out, Err *e);

/* ---- Adjustments (DOMAIN §3.2) ------------------------------------------------------- */

typedef struct Adjustment {
	int64_t id, project_id; /* read only */
	const char *kind; /* increase_support | change_content | extend_next_year | add_project |
	                     stop | change_location | change_beneficiary | change_partner |
	                     change_timing_in_year | reduce_support | other */
	const char *requested_on;              /* NULL: the actor's today */
	const char *request_doc, *confirm_doc; /* the request; the Sở CT's confirmation */
	const char *old_value, *new_value;
	const char *reason_code, *reason;
	int64_t rule_id;      /* read only: the adjustment_rule applied */
	const char *approver; /* read only: ministry | agency | ppc | doit, from the rule */
	const char *status;   /* read only: requested | approved | rejected */
	const char *decision_no, *decision_date; /* read only: set by the decision */
} Adjustment;

Adjustment store_project_adjustment_blank(void);

/* Records a request to adjust đề án id; *adj_id receives its id. The approver
 * is the rule of adjustment_rule for the đề án's level and in->kind in force on
 * requested_on (the latest valid_from wins, then the highest id); no such
 * rule is KC_ENOTFOUND (field "kind"). Allowed from registration until the
 * work ends (not in draft, accepted, settled, closed, terminated); a 'stop'
 * only where the đề án could be terminated. */
int store_project_adjust(
        Db *db, const Actor *a, int64_t id, const Adjustment *in, int64_t *adj_id, Err *e);
/* Decides the requested adjustment adj_id: decision "approved" or "rejected";
 * an approval needs decision_no and decision_date. Approving a 'stop' moves
 * the đề án to 'terminated' (with the decision and the request's reason) in
 * the same transaction. KC_EDENIED if it was already decided. */
int store_project_adjust_decide(Db *db, const Actor *a, int64_t adj_id, const char *decision,
        const char *decision_no, const char *decision_date, Err *e);
int store_project_adjustment_get(Db *db, int64_t adj_id, Arena *arena, Adjustment *out, Err *e);

typedef struct Adjustments {
	Adjustment *v; /* oldest request first (requested_on, id), in the arena */
	int n;
} Adjustments;

/* Every adjustment requested for đề án id, decided or not. */
int store_project_adjustments(Db *db, int64_t id, Arena *arena, Adjustments *out, Err *e);

/* The id of the đề án coded code (compared as stored), into *id;
 * KC_ENOTFOUND (no message) when there is none. */
int store_project_find_code(Db *db, const char *code, int64_t *id, Err *e);

#endif
