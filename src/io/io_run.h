/* io_run.h — what the import engine (io_import.c) shares with the handler of
 * each kind of table (io_kind_*.c). Internal to src/io.
 *
 * The engine finds a sheet's header, parses each cell of a row by its
 * column's type into an IoVal, skips title, group, total and footer rows,
 * and calls the kind's handler once per data row inside a savepoint (none
 * for a kind whose handler writes once: KindDef.one_write): a handler that
 * reports a problem leaves nothing of its row behind. A
 * handler looks things up by natural key, decides whether the row creates,
 * updates or changes nothing, and writes through the store. It returns
 * non-zero only for a failure of the database (the import stops); a row's
 * problems go to run_problem. */
#ifndef KC_IO_RUN_H
#define KC_IO_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/num.h"
#include "io/io_sheet.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_admin.h"

typedef enum Outcome { OUT_CREATED, OUT_UPDATED, OUT_UNCHANGED, OUT_SKIPPED, OUT_FAILED } Outcome;

/* A cell parsed by its column's type. */
typedef struct IoVal {
	bool present;     /* the sheet has the column */
	bool set;         /* the cell holds something */
	const char *text; /* its text, trimmed, or NULL */
	int64_t num;      /* count, money (đồng), year, id, bool (0/1), unit (đồng) */
	int qualifier;    /* money: MONEY_Q_* */
	NumDec dec;       /* number */
	char date[11];    /* date: YYYY-MM-DD */
	const char *code; /* choice, activity, source, indicator, sector: the stored code */
	bool in_dong;     /* number: the text carried its own money unit, num is in đồng */
} IoVal;

typedef struct Run Run;
typedef int (*KindRow)(Run *r, Outcome *out);

/* ---- The engine's state (io_import.c, io_resolve.c); handlers use the functions -- */

/* A map from strings to strings; keys and values are copied. */
typedef struct StrMap {
	struct StrEnt {
		const char *key, *val;
	} * v;
	size_t cap, n;
	Arena a;
} StrMap;

/* A map from positive integers to integers. */
typedef struct IntMap {
	struct IntEnt {
		int64_t key, val;
	} * v;
	size_t cap, n;
} IntMap;

void smap_put(StrMap *m, const char *key, const char *val);
/* The value of key; NULL when absent (and *found false, if not NULL). */
const char *smap_get(const StrMap *m, const char *key, bool *found);
void smap_free(StrMap *m);
/* Puts key → val unless key is there; returns the value kept. */
int64_t imap_put_new(IntMap *m, int64_t key, int64_t val, bool *was_there);
/* The value of key, or 0 when absent. */
int64_t imap_get(const IntMap *m, int64_t key);
void imap_free(IntMap *m);

enum { RUN_MAX_FIELDS = 48 };

typedef struct KindDef KindDef;
typedef struct IoColumn IoColumn;
typedef struct IoDict IoDict;

/* One sheet's table: which column holds which field. */
typedef struct Binding {
	int sheet;
	const KindDef *kind;
	int64_t top_row, header_row; /* its header's first and last row */
	int ncols;
	int *field_of;       /* per column: the field it holds, or -1 */
	const char **header; /* per column: the header as written, or NULL */
	int col_of[RUN_MAX_FIELDS];
	const IoColumn *info[RUN_MAX_FIELDS];
	int64_t unit[RUN_MAX_FIELDS]; /* money fields: đồng per unit written */
} Binding;

typedef struct ImportOptions ImportOptions;
typedef struct ImportReport ImportReport;
typedef struct ImportTable ImportTable;

struct Run {
	Db *db;
	const ImportOptions *o;
	ImportReport *rep;
	Actor actor;
	IoDict *dict;
	IoBook *book;
	StrMap codes;  /* "<list>|<normal form>" → code; "ikind|<code>" → value kind */
	StrMap places; /* resolved places, by what was written */
	StrMap scopes; /* "list:code" of a province → "1" in the actor's scope, "0" not */
	IntMap seen;
	Arena row_arena;
	const Binding *b;
	const char *sheet;
	const IoRow *row;
	ImportTable *table;
	bool row_failed;
	bool after_total; /* a total row was read: rows lacking data are the footer */
	bool stopped;     /* the progress callback abandoned the import */
	IoVal v[RUN_MAX_FIELDS];
};

/* Loads the code lists into r->codes. */
int run_load_codes(Run *r, Err *e);

struct KindDef {
	const char *name, *label;
	const char *const *fields; /* the handler's fields, in the order of its enum */
	int nfields;
	KindRow row;
	/* The handler writes through at most one store function, its last
	 * step, which checks everything before it writes: a row it fails has
	 * written nothing, so the engine runs it without a savepoint (db_flat).
	 * Should a failed row have written after all, the import stops and
	 * commits nothing. */
	bool one_write;
};

extern const KindDef io_kind_establishments, io_kind_projects, io_kind_project_costs,
        io_kind_beneficiaries, io_kind_disbursements, io_kind_trainings, io_kind_fairs,
        io_kind_certifications, io_kind_aggregates;

Db *run_db(const Run *r);
const Actor *run_actor(const Run *r);
/* A pool freed after each row. */
Arena *run_arena(Run *r);
/* The value of field (an index into the kind's fields). */
const IoVal *run_val(const Run *r, int field);
/* The date of field as YYYY-MM-DD, or NULL when its cell is empty. */
const char *run_date(const Run *r, int field);
/* Whether two optional texts are the same (NULL and "" are the same). */
bool run_same_text(const char *a, const char *b);
/* The money unit of field's column: đồng per unit written (1 when none). */
int64_t run_unit(const Run *r, int field);
/* The text of field, or NULL when its cell is empty or absent. */
const char *run_text(const Run *r, int field);

/* Records a problem of the current row at field's column (-1: the row). */
void run_problem(Run *r, int field, bool warning, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/* Turns a store function's outcome into the row's: 0 stays 0; a database
 * failure (KC_EIO) is returned to stop the import; any other refusal is
 * recorded at the column the store named (e->field) and sets *out to
 * OUT_FAILED. */
int run_store(Run *r, int rc, const Err *e, Outcome *out);

/* Resolves the place written in fields prov, dist and comm (-1: none) for a
 * record of year (0: today): *province and *commune (commune->code "" when
 * none was written). *ok is false, with the problem recorded, when it does
 * not resolve. */
int run_place(Run *r, int prov, int dist, int comm, int year, UnitRef *province, UnitRef *commune,
        bool *ok);
/* Whether the actor may write a record of province (list, code) — NULL or
 * "" code: a national record, which only an actor of every province may
 * write. When not, *ok is false and the problem is recorded at field:
 * "Tỉnh '…' không thuộc phạm vi của bạn", followed by whose (may be NULL:
 * "đề án 'KC-01'") when the province is not the row's own but that of the
 * record the row writes under or changes. */
int run_scope(Run *r, int field, const char *list, const char *code, const char *whose, bool *ok);
/* run_scope for the province of đề án id, or of establishment id, named in
 * field. */
int run_project_scope(Run *r, int field, int64_t id, bool *ok);
int run_establishment_scope(Run *r, int field, int64_t id, bool *ok);
/* The establishment named by text (a tax code, or a name unique in
 * province when given), as written in field; *ok false with the problem
 * recorded when there is none or several. */
int run_find_establishment(
        Run *r, int field, const char *text, const UnitRef *province, int64_t *id, bool *ok);
/* The đề án whose code is in field; *ok false with the problem recorded. */
int run_find_project(Run *r, int field, int64_t *id, bool *ok);
/* Whether record id of kind was already written by an earlier row of this
 * import: *row receives that row. The first time it is remembered and
 * false is returned. */
bool run_seen(Run *r, int kind, int64_t id, int64_t *row);
/* Whether record id of kind was written by an earlier row (*row: which),
 * without remembering it. */
bool run_was_seen(const Run *r, int kind, int64_t id, int64_t *row);
/* The value of set whose word starts text ("Công ty TNHH Minh Long" starts
 * with a word of legal_form), or NULL. */
const char *run_prefix(Run *r, const char *set, const char *text);
/* The value kind of indicator code ("count", "money", "percent_x100",
 * "ratio_x100"), or NULL. */
const char *run_indicator_kind(const Run *r, const char *code);
/* The region whose code or name is written as norm, or NULL. */
const char *run_region(const Run *r, const char *norm);
/* The normal form (io_norm) of text, in the row's pool. */
const char *run_norm(Run *r, const char *text);

/* Seen-map kinds. */
enum {
	SEEN_ESTABLISHMENT,
	SEEN_PROJECT,
	SEEN_COST_LINE,
	SEEN_BENEFICIARY,
	SEEN_DISBURSEMENT,
	SEEN_TRAINING,
	SEEN_FAIR,
	SEEN_CERT,
	SEEN_AGGREGATE,
	SEEN_KINDS
};

#endif
