/* store_instance.h — the identity of a database: a random UUID written once,
 * right after the migration that makes room for it (0020), so a copy knows
 * which database its rows came from (store_copy.h). A file copied with cp is
 * the same instance as its original, as a backup should be; a database made
 * by init is a new one. */
#ifndef KC_STORE_INSTANCE_H
#define KC_STORE_INSTANCE_H

#include "store/db.h"

enum { STORE_INSTANCE_LEN = 37 }; /* a UUID's 36 characters and the NUL */

/* db's instance id into out; one is created if it has none yet (store_migrate
 * calls this, so only a database migrated by an older program has none). */
int store_instance_id(Db *db, char out[STORE_INSTANCE_LEN], Err *e);
/* Gives db a new instance id: for a database cloned from another that is to
 * count as a different one (the tests' template databases). */
int store_instance_renew(Db *db, Err *e);

#endif
