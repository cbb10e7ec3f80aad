/* fixture.h — a real SQLite database in a fresh temporary folder, for the
 * store tests, and small helpers to read it back. */
#ifndef KC_TEST_FIXTURE_H
#define KC_TEST_FIXTURE_H

#include <stdint.h>

#include "store/db.h"

typedef struct TmpDb {
	char dir[64];   /* /tmp/kc-test-XXXXXX */
	char path[128]; /* dir/t.sqlite */
	Db *db;
} TmpDb;

/* Creates the folder and opens an empty database in it; with migrate set,
 * also applies the schema. 0 on success (for a cmocka setup function). */
int tmpdb_open(TmpDb *t, int migrate);
/* Closes the database and removes the folder with everything in it. */
void tmpdb_close(TmpDb *t);
/* The single integer a query returns (COUNT(*) and the like); fails the
 * test if the query does not return one. */
int64_t db_scalar(Db *db, const char *sql);

#endif
