/* store_copy.h — one database copied into another, on either engine: each
 * province's SQLite file into the one national PostgreSQL database, or a
 * database moved to the other engine and back.
 *
 * The copy only adds. It runs in one transaction of the destination with
 * foreign keys checked at its commit, so it is all or nothing.
 *
 * Rows of a table keyed by an integer id are renumbered when they must be:
 * a row new to the destination keeps its id when no new row of its table
 * collides with a row already there (so a copy into an empty database keeps
 * every id), else the table's new rows take the ids after the destination's
 * largest, in their order. Every reference to a renumbered row is rewritten:
 * the foreign keys the catalogue declares, and the references the schema
 * holds without one (store_copy_plan.c lists them: user ids, the audit log's
 * record ids and the ids inside its before/after images). The destination
 * records where each row came from (copy_origin: source instance, table,
 * source id, destination id), so a copy run again adds nothing, and a later
 * copy of the same database adds only its new rows.
 *
 * Conflicts, and then nothing at all is written and the conflicts are named:
 * - a row copied before that differs now from the destination's (either was
 *   changed since);
 * - shared reference data (units, code lists, rules, report templates) that
 *   differs from the destination's under the same key;
 * - a new row whose unique natural key the destination holds already (an
 *   establishment's tax code, a đề án's code) — never merged silently.
 *
 * Accounts: into a destination that has none (a move, a restore), accounts
 * and API tokens come as they are. Into one that has accounts (a merge),
 * each new account comes disabled, renamed "name.xxxxxxxx" (the source's
 * instance id) if its name is taken, and its API tokens revoked: the
 * destination's administrator reviews and enables them. An account copied
 * before is the destination's to manage: a later copy leaves it, its
 * provinces and its tokens alone.
 *
 * Not copied: schema_migrations and db_instance (each database has its
 * own), user_session (a signed-in browser belongs to the instance it signed
 * in to); copy_origin is carried over with its ids rewritten, so a copy of a
 * copy still knows where each row came from. Files of documents (named by
 * their hash) are not in the database: copy the document folder beside it. */
#ifndef KC_STORE_COPY_H
#define KC_STORE_COPY_H

#include <stdint.h>

#include "core/buf.h"
#include "store/db.h"

/* What the copy did with one table's rows. */
typedef struct CopyCounts {
	int64_t added;      /* new to the destination */
	int64_t renumbered; /* of those, the ones given another id */
	int64_t same;       /* already there (or an account's, left alone) */
} CopyCounts;

/* Called once per table copied. */
typedef void (*CopyFn)(void *ctx, const char *table, const CopyCounts *n);

/* Copies from into to. The source must be at this program's schema
 * version; the destination is migrated to it first (an empty one is
 * created). KC_ECONFLICT when records conflict: conflicts (may be NULL)
 * receives one line per conflict in Vietnamese, naming the source's record
 * ("establishment id=2: cột 'name' khác với bản đã có ở đích"), the first
 * 50, and e says how many there were. KC_EINVAL when from and to are the
 * same database (the same instance id). */
int store_copy(Db *from, Db *to, CopyFn fn, void *ctx, Buf *conflicts, Err *e);

/* The SHA-256 (hex) of a table's contents in key order, and its row count:
 * equal on two databases, on either engine, when they hold the same rows. */
int store_table_checksum(Db *db, const char *table, char hex[65], int64_t *rows, Err *e);

/* The columns of db that look like references to a record (named id, *_id
 * or *_by, outside the primary key) which a copy would not rewrite: neither
 * in a foreign key nor among the references it knows without one. out
 * receives "table.column\n" for each; nothing when every one is known. */
int store_copy_unknown_refs(Db *db, Buf *out, Err *e);

#endif
