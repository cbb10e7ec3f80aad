/* store_migrate.h — the database schema, applied by numbered migrations.
 *
 * Migrations are the SQL files in src/store/migrations, named NNNN_what.sql,
 * built into the binary. Each runs in its own transaction together with the
 * row that records its number in schema_migrations, so a database is always
 * at a whole version; running store_migrate again applies nothing. It then
 * gives a database that has none its identity (store_instance.h). */
#ifndef KC_STORE_MIGRATE_H
#define KC_STORE_MIGRATE_H

#include "core/embed.h"
#include "store/db.h"

/* Applies every migration newer than the database's version. *applied (may
 * be NULL) receives how many ran. */
int store_migrate(Db *db, int *applied, Err *e);
/* The database's schema version (0 for an empty database). */
int store_schema_version(Db *db, int *version, Err *e);
/* Checks that migration files are named NNNN_what.sql with strictly
 * increasing numbers (store_migrate checks the built-in ones first). */
int store_migrations_check(const EmbeddedFile *files, Err *e);
/* The newest version this binary knows. */
int store_schema_latest(void);
/* How many migrations it holds: fewer than the newest number when the
 * numbers skip (each line of development numbers its own in a range). */
int store_schema_count(void);

#endif
