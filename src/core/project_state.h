/* project_state.h — the states of a đề án and the moves between them (DOMAIN §3.5).
 *
 * What it is: one table of states (the names stored in project.status and
 * project_event, with their Vietnamese labels) and one table of allowed
 * transitions, each saying whether it must carry the number and date of a
 * decision. Pure functions, no I/O, no allocation; every string returned is
 * static.
 *
 *   draft → registered → appraised_basic → appraised → approved → contracted
 *         → in_progress → accepted → settled → closed
 *   {registered .. in_progress} → terminated
 *   in_progress → carried_over → in_progress
 *   approved → not_funded → registered (next year) | approved (local budget)
 *
 * What it is not: who may make a move (roles and provinces belong to the
 * router) nor the recording of it (store_project_transition). */
#ifndef KC_PROJECT_STATE_H
#define KC_PROJECT_STATE_H

#include <stdbool.h>

#include "err.h"

enum { PROJECT_STATE_COUNT = 13 };

/* True if name is one of the states. NULL is not. */
bool project_state_valid(const char *name);
/* The Vietnamese label ("Đang thực hiện"), or NULL for an unknown name. */
const char *project_state_label(const char *name);
/* The i-th state in lifecycle order, 0 ≤ i < PROJECT_STATE_COUNT, else NULL. */
const char *project_state_name(int i);

/* 0 if a đề án may move from `from` to `to`. KC_EINVAL (field "status") if
 * either is not a state; KC_EDENIED (field "status") if the move is not
 * allowed, with a Vietnamese message naming both states and the states
 * `from` may move to. Staying in the same state is not a move. */
int project_transition_check(const char *from, const char *to, Err *e);
/* True if the move must record a decision's number and date (approval,
 * termination, carry-over, acceptance, settlement); false for every other
 * move, allowed or not. */
bool project_transition_needs_decision(const char *from, const char *to);
/* Puts the states `from` may move to, in lifecycle order, into out[0..max) and
 * returns how many there are (which may exceed max); 0 for a final state or
 * an unknown name. */
int project_state_next(const char *from, const char **out, int max);

#endif
