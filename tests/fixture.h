/* fixture.h — a real SQLite database in a fresh temporary folder, for the
 * store tests, small helpers to read it back, and a run of the built binary
 * for the command-line tests. */
#ifndef KC_TEST_FIXTURE_H
#define KC_TEST_FIXTURE_H

#include <stdint.h>

#include "store/db.h"

typedef struct TmpDb {
	char dir[64];   /* /tmp/kc-test-XXXXXX */
	char path[128]; /* dir/t.sqlite */
	Db *db;
} TmpDb;

/* What a fresh test database holds. */
enum {
	TMPDB_EMPTY = 0,    /* nothing */
	TMPDB_MIGRATED = 1, /* the schema and the rules of the migrations */
	TMPDB_LOADED = 2,   /* and the administrative units and regions */
};

/* Creates the folder and opens a database in it holding what `what` says.
 * A loaded database is a copy of a template made once per test process, so
 * each test gets its own file without loading 14 000 units again.
 * 0 on success (for a cmocka setup function). */
int tmpdb_open(TmpDb *t, int what);
/* Closes the database and removes the folder with everything in it. */
void tmpdb_close(TmpDb *t);
/* A cmocka setup that gives the test a loaded TmpDb in *state, and the
 * teardown that closes and frees it. */
int tmpdb_setup_loaded(void **state);
int tmpdb_teardown(void **state);
/* The single integer a query returns (COUNT(*) and the like); fails the
 * test if the query does not return one. */
int64_t db_scalar(Db *db, const char *sql);
/* Fails the test unless msg contains part, showing both. */
void assert_contains(const char *msg, const char *part);
/* What a run of the khuyencong binary printed and how it ended. */
typedef struct CliRun {
	int status; /* the exit status */
	char out[16384];
	char err[4096];
} CliRun;

/* Runs `BUILD_DIR/khuyencong args` through the shell with stdin from the
 * string in (may be NULL), capturing stdout, stderr and the exit status. */
void cli_run(CliRun *r, const char *args, const char *in);

/* Fails the test unless a refused write's error names field (unless NULL)
 * and contains says, and the write left no transaction open. The rows it
 * must not have written are each test's own to count. */
void assert_refused(Db *db, const Err *e, const char *field, const char *says);

/* A hash of every row of every table, to show that something changed
 * nothing: equal before and after. */
uint64_t tmpdb_checksum(Db *db);

#endif
