/* store_check.h — integrity and consistency checks of a database.
 *
 * Besides the engine's own checks (SQLite's integrity_check and
 * foreign_key_check), each domain invariant is one named SQL query that
 * returns the offending records: sums that must agree, states that must
 * exist, events that must match the record, audit rows that must be there.
 * Nothing is changed. */
#ifndef KC_STORE_CHECK_H
#define KC_STORE_CHECK_H

#include "store/db.h"

/* Called once per check with its name, its Vietnamese description, how many
 * records break it and up to three examples (record ids, comma-separated). */
typedef void (*CheckFn)(
        void *ctx, const char *name, const char *label_vi, int64_t failures, const char *examples);

/* Runs every check; *failed receives how many checks found a problem.
 * Returns 0 when the checks could run (whatever they found). */
int store_check(Db *db, CheckFn fn, void *ctx, int *failed, Err *e);

#endif
