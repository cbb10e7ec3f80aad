/* store_copy.h — one database copied into another, on either engine: a
 * province's SQLite file into the national PostgreSQL database, or back.
 *
 * Every table is copied row by row with its keys,
 * ids included, so references, audit rows and snapshots stay true. The copy
 * adds and never changes: a row the destination already holds with the same
 * values is left alone; a row whose key it holds with other values is a
 * conflict, and then nothing at all is written and the conflicts are named.
 * It runs in one transaction of the destination with foreign keys checked at
 * its commit, so it is all or nothing, and running it again adds nothing.
 * Not copied: schema_migrations (each database records its own) and
 * user_session (signed-in browsers stay on their instance); accounts and API
 * tokens are. Files of documents (named by their hash) are not in the
 * database: copy the document folder beside it. */
#ifndef KC_STORE_COPY_H
#define KC_STORE_COPY_H

#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

/* Called once per table copied: rows added, and rows already there alike. */
typedef void (*CopyFn)(void *ctx, const char *table, int64_t added, int64_t same);

/* Copies from into to. The source must be at this program's schema
 * version; the destination is migrated to it first (an empty one is
 * created). KC_ECONFLICT when records conflict: conflicts (may be NULL)
 * receives one line per conflicting record, "table key=value: column
 * 'name' differs", the first 50, and e says how many there were. */
int store_copy(Db *from, Db *to, CopyFn fn, void *ctx, Buf *conflicts, Err *e);

/* The SHA-256 (hex) of a table's contents in key order, and its row count:
 * equal on two databases, on either engine, when they hold the same rows. */
int store_table_checksum(Db *db, const char *table, char hex[65], int64_t *rows, Err *e);

#endif
