/* io_import.h — importing the spreadsheets offices keep (issue 6): the one
 * entry point behind `khuyencong import` and the upload of the HTTP API
 * (POST /api/v1/import).
 *
 * A file (XLSX or CSV, see io_sheet.h) holds one or more tables, one per
 * sheet; each sheet's kind (establishments, đề án, ...) is recognised from
 * its header row, found below any title block, with the columns in any order
 * and named as people name them (data/import/columns.csv). Rows are read
 * one at a time, their values parsed the Vietnamese way, matched to what is
 * stored by natural key (tax code, đề án code, certificate number, ...) and
 * written through the store functions, which validate and audit every
 * change with the actor's via set to "import".
 *
 * Every import runs inside one transaction. A dry run (the default) does all
 * the work and rolls it back, so its report says exactly what a commit would
 * do; a commit writes everything or, if any row has an error, nothing. Doing
 * the same import twice changes nothing the second time. The transaction
 * holds the database's write lock while it runs.
 *
 * Problems are collected, not fatal: each names the file, sheet, row,
 * column, the value as written and the reason, in Vietnamese. A function
 * here fails (KC_EIO) only when the database does.
 *
 * An actor limited to some provinces (ImportOptions.provinces) writes only
 * their records: a row whose record lies elsewhere — by its own province, or
 * for a record under another (a disbursement under its đề án, a certificate
 * under its establishment) by that one's — or is national (no province, a
 * region's or the nation's figures) is an error of the row, so a commit of
 * the file writes nothing. A legacy province counts as its current successor
 * (Sóc Trăng 94 is inside Cần Thơ 92). */
#ifndef KC_IO_IMPORT_H
#define KC_IO_IMPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "io/io_sheet.h"
#include "store/db.h"
#include "store/store.h"

/* What a progress callback is told, every 1 000 rows and at each sheet. */
typedef struct ImportProgress {
	const char *sheet;
	int64_t rows;        /* rows read so far in the sheet */
	int64_t done, total; /* bytes of the sheet read, and its size */
} ImportProgress;

/* Returns true to go on; false abandons the import: nothing is written and
 * the report says it was stopped. */
typedef bool (*ImportProgressFn)(void *ctx, const ImportProgress *p);

typedef struct ImportOptions {
	const char *kind;  /* NULL: every kind recognised; else one name of io_import_kinds */
	const char *sheet; /* NULL: every sheet; else only the sheet of that name */
	bool commit;       /* false: dry run, nothing is written */
	IoOpen open;       /* limits and encoding */
	Actor actor;       /* who imports; via is always "import" */
	/* The current provinces ("92") whose records the actor may write, or NULL
	 * for every province and the nation (national users, the command line).
	 * Not NULL with nprovinces 0: no province at all. */
	const char *const *provinces;
	int nprovinces;
	ImportProgressFn progress;
	void *progress_ctx;
} ImportOptions;

/* A dry run with the default limits, the encoding detected, the system as
 * actor, every province. */
ImportOptions io_import_options(void);

typedef struct ImportProblem {
	const char *sheet;   /* NULL: the file as a whole */
	int64_t row;         /* 0: the whole sheet */
	int col;             /* column from 0; -1: the whole row */
	const char *column;  /* the column's header as written, or NULL */
	const char *value;   /* the cell as written, or NULL */
	const char *message; /* what is wrong and why, in Vietnamese */
	bool warning;        /* reported; does not stop a commit */
} ImportProblem;

/* What was done with one table (one sheet of one kind). */
typedef struct ImportTable {
	const char *sheet, *kind, *label; /* label: the kind in Vietnamese */
	int64_t header_row;               /* the row of its header (the last, for two rows) */
	int64_t rows;                     /* data rows read */
	int64_t created, updated, unchanged, skipped, failed;
} ImportTable;

typedef struct ImportReport {
	const char *file, *format, *encoding;
	char separator; /* CSV: ',' ';' or a tab; else 0 */
	ImportTable *tables;
	int ntables;
	ImportProblem *problems; /* the first IoLimits.problems found, in order */
	int nproblems;
	int64_t errors, warnings; /* all that were found */
	bool committed;           /* the changes are in the database */
	/* 0, or why the file could not be read at all (its problem says how):
	 * KC_EINVAL not a spreadsheet, corrupt or truncated; KC_ETOOBIG a limit. */
	int unreadable;
	bool stopped; /* the progress callback abandoned the import */
	Arena arena;  /* holds everything above */
} ImportReport;

/* Imports the file at path; *r (freed with io_import_report_free, also on
 * failure) says what was or would be done. 0 unless the database failed. */
int io_import_file(Db *db, const char *path, const ImportOptions *o, ImportReport *r, Err *e);
/* The same for size bytes at data (an upload), named name in the report. */
int io_import_mem(Db *db, const char *name, const void *data, size_t size, const ImportOptions *o,
        ImportReport *r, Err *e);
void io_import_report_free(ImportReport *r);

/* The kinds of table, in the order a workbook's sheets are imported
 * (establishments before the đề án that name them, ...). */
typedef struct ImportKind {
	const char *name;  /* "establishments" */
	const char *label; /* "Cơ sở công nghiệp nông thôn" */
} ImportKind;

const ImportKind *io_import_kinds(int *n);

#endif
