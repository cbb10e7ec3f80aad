/* fixture.h — a real database in a fresh temporary folder, for the store
 * tests, and small helpers to read it back.
 *
 * The engine is SQLite (a file in the folder) unless KC_TEST_DB=pg: then it
 * is a fresh PostgreSQL database on the cluster at KC_TEST_PG_URL (started by
 * tests/pg.sh), created for the test and dropped after it, and the folder is
 * still made for the test's other files. tests/run.sh runs every suite that
 * opens a database on both engines, so a suite needs nothing of its own.
 * Also a run of the built binary for the command-line tests. */
#ifndef KC_TEST_FIXTURE_H
#define KC_TEST_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

typedef struct TmpDb {
	char dir[64];   /* /tmp/kc-test-XXXXXX */
	char path[192]; /* dir/t.sqlite, or postgresql://.../kct_PID_N: what db_open takes */
	char name[48];  /* PostgreSQL: the database's name; "" on SQLite */
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
/* Opens in to a new database (in a new folder) holding what from holds;
 * from's connection must be closed (SQLite copies the file, PostgreSQL
 * clones the database as a template). 0 on success. */
int tmpdb_copy(const TmpDb *from, TmpDb *to);
/* A cmocka setup that gives the test a loaded TmpDb in *state, and the
 * teardown that closes and frees it. */
int tmpdb_setup_loaded(void **state);
int tmpdb_teardown(void **state);

/* Whether the tests run on PostgreSQL (KC_TEST_DB=pg). */
bool tmpdb_pg(void);

/* Makes every later INSERT into table fail as a constraint would
 * (KC_ECONFLICT), or only the rows for which when holds (a condition on NEW,
 * as "NEW.table_name = 'project_event'"; NULL: every row), until
 * tmpdb_allow_inserts with the same name. A trigger on either engine: the
 * atomicity tests' way to make the last write of a change fail. */
void tmpdb_refuse_inserts(Db *db, const char *name, const char *table, const char *when);
void tmpdb_allow_inserts(Db *db, const char *name, const char *table);

/* Adds a small realistic data set through the store to a loaded database:
 * n đề án in progress in Sóc Trăng (2023), each with its events and audit
 * rows and a central-budget line approved for 1 tỷ with two disbursements;
 * n establishments; an organisation whose successor was created after it.
 * The đề án ids are returned in ids[0..n) (may be NULL). For the copy and
 * concurrency tests. */
void tmpdb_sample(Db *db, int n, int64_t *ids);

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
