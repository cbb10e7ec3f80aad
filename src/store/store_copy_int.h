/* store_copy_int.h — what the parts of the copy share (store_copy.h); private
 * to src/store/store_copy*.c.
 *
 * store_copy_ids.c   sorted id maps and sets
 * store_copy_plan.c  the tables as the catalogue describes them: columns,
 *                    references, unique keys, the order to copy them in
 * store_copy_row.c   one row: read, rewritten, compared, bound
 * store_copy.c       the copy itself, table by table, and the origins */
#ifndef KC_STORE_COPY_INT_H
#define KC_STORE_COPY_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "store/store.h"
#include "store/store_copy.h"
#include "store/store_instance.h"

enum {
	COPY_TABLES_MAX = 256,
	COPY_COLS_MAX = 64,
	COPY_REFS_MAX = 24,
	COPY_UNIQUES_MAX = 8,
	COPY_SQL_MAX = 1 << 16,
	COPY_CONFLICTS_SHOWN = 50,
	COPY_NAME_MAX = 256, /* a record's name in a conflict: "table k=v ..." */
};

/* ---- store_copy_ids.c ---------------------------------------------------------------- */

/* How a source row of an id table found its destination row. */
typedef enum CopyHow {
	HOW_BEFORE,  /* a copy brought it before (copy_origin) */
	HOW_MATCHED, /* the destination's own row with the same id and values */
	HOW_NEW,     /* added by this copy */
} CopyHow;

/* Source id → destination id; added in increasing source id. */
typedef struct IdMap {
	int64_t *src, *dst;
	unsigned char *how;
	size_t n, cap;
} IdMap;

void idmap_add(IdMap *m, int64_t src, int64_t dst, CopyHow how);
/* Whether src is mapped; *dst and *how (may be NULL) receive where. */
bool idmap_find(const IdMap *m, int64_t src, int64_t *dst, CopyHow *how);
void idmap_free(IdMap *m);

/* A set of ids, added in increasing order (or sorted by idset_sort). */
typedef struct IdSet {
	int64_t *v;
	size_t n, cap;
} IdSet;

void idset_add(IdSet *s, int64_t v);
void idset_sort(IdSet *s);
bool idset_has(const IdSet *s, int64_t v);
void idset_free(IdSet *s);
/* Appends the integer each row of the query sql returns (its first column,
 * with the parameters given, NULL for none) to s. */
int idset_load(Db *db, const char *sql, const char *p1, const char *p2, IdSet *s, Err *e);

/* ---- store_copy_plan.c ---------------------------------------------------------------- */

/* A column holding the id of a row of a table keyed by an id. */
typedef struct CopyRef {
	int col;       /* among the table's columns */
	int target;    /* among the plan's tables */
	bool declared; /* a foreign key; else one the schema holds without one */
} CopyRef;

typedef struct CopyTab {
	DbTable t;
	int ncols;
	char cols[COPY_COLS_MAX][DB_NAME_MAX];
	int key_at[DB_KEY_MAX];      /* where each key column is among the columns */
	bool ids;                    /* keyed by one integer column: its rows are renumbered */
	bool shared;                 /* reference rows the migrations seed with their ids */
	bool account;                /* app_user, or a table whose rows are an account's */
	int owner;                   /* account tables: the ref naming the account; -1 */
	bool ignored[COPY_COLS_MAX]; /* not compared: when the destination loaded it */
	bool in_fk[COPY_COLS_MAX];   /* part of a declared foreign key */
	CopyRef refs[COPY_REFS_MAX];
	int nrefs;
	DbUnique uniq[COPY_UNIQUES_MAX];
	int nuniq;
	Buf select; /* the source's rows in key order */
	Buf lookup; /* the destination's row with the same key */
	Buf insert;
	/* Filled as the copy goes. */
	bool planned; /* every source row has its destination id in map */
	bool kept;    /* new rows kept their ids */
	bool done;
	IdMap map;
	IdSet dest_ids; /* the destination's ids before the copy */
} CopyTab;

typedef struct CopyPlan {
	CopyTab *t;
	int n;
	int order[COPY_TABLES_MAX]; /* parents before the tables that refer to them */
	int audit, app_user;        /* the tables of those names, or -1 */
} CopyPlan;

/* Reads from's catalogue into p: every table the copy copies (or, with
 * all, every table), in an order that copies parents first. Free p with
 * copy_plan_free, also after an error. */
int copy_plan(Db *from, bool all, CopyPlan *p, Err *e);
void copy_plan_free(CopyPlan *p);
/* One table of db, named table, with its columns and statements but not
 * its references; free with copy_tab_free, also after an error. */
int copy_tab_open(Db *db, const char *table, CopyTab *t, Err *e);
void copy_tab_free(CopyTab *t);
/* The table named name, or -1. */
int copy_plan_find(const CopyPlan *p, const char *name);
/* Whether the copy copies table as rows (not the schema's record, the
 * instance's identity, sessions, or copy_origin, which it carries over). */
bool copy_copied(const char *table);
/* The column named name of t, or -1. */
int copy_col(const CopyTab *t, const char *name);

/* ---- store_copy_row.c ----------------------------------------------------------------- */

/* A row as it will be written: read from the source, then rewritten. */
typedef struct CopyRow {
	int type[COPY_COLS_MAX]; /* DB_NULL, DB_INTEGER, DB_TEXT */
	int64_t num[COPY_COLS_MAX];
	const char *text[COPY_COLS_MAX];
} CopyRow;

/* The whole copy's state. */
typedef struct Copy {
	Db *from, *to;
	char src_inst[STORE_INSTANCE_LEN], dst_inst[STORE_INSTANCE_LEN];
	bool merge; /* the destination had accounts: new ones come disabled */
	char now[STORE_TIME_LEN];
	CopyPlan plan;
	Arena row_arena; /* a row's rewritten texts; freed after each row */
	int64_t conflicts;
	Buf *shown; /* the conflicts named so far, or NULL */
} Copy;

/* The row src is on into r (its texts valid until src steps again). */
void copy_row_read(const CopyTab *t, Stmt *src, CopyRow *r);
/* Binds r's columns as parameters first.. of st; or its column i as p. */
void copy_row_bind(const CopyTab *t, const CopyRow *r, Stmt *st, int first);
void copy_row_bind_one(const CopyRow *r, int i, Stmt *st, int p);
/* The first compared column where r differs from the row st is on, or -1. */
int copy_row_diff(const CopyTab *t, const CopyRow *r, Stmt *st);
/* r's column i as text, NULL for NULL, into buf of 24 when it is a number. */
const char *copy_row_text(const CopyRow *r, int i, char buf[24]);
/* Rewrites r's references through the plan's maps (a table not planned yet,
 * the row's own in the first pass, keeps its ids). A foreign key naming a
 * row the source does not have is a conflict, noted: 1 is returned. */
int copy_row_rewrite(Copy *c, const CopyTab *t, CopyRow *r);
/* The destination id of row src of table tt: false when the source has no
 * such row and its id cannot be kept. */
bool copy_map_id(const Copy *c, const CopyTab *tt, int64_t src, int64_t *dst);

/* Notes a conflict of the record named name ("establishment id=2", as the
 * source has it): a line "name: message" with a message in Vietnamese. */
void copy_conflict(Copy *c, const char *name, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));
/* "table id=5" or "table k1=v1 k2=v2" for r as the source has it, into b. */
void copy_row_name(const CopyTab *t, const CopyRow *r, char *b, size_t cap);

#endif
