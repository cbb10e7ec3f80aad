/* io_sheet.h — one stream of rows over the spreadsheets offices keep: CSV
 * and XLSX files, read the same way.
 *
 * A book is opened from a file or from bytes in memory (an upload); its
 * format is told by its first bytes, not its name. Each sheet (a CSV file
 * has one) is read row by row: a row holds the cells as written, converted
 * to UTF-8 NFC whatever the file's encoding, with their type, so that the
 * importer reads "6.047,5" typed by a person differently from 6047.5 stored
 * as a number by Excel. Nothing is kept from a row once the next is read, so
 * a million-row file takes the memory of one row (plus, for XLSX, the
 * workbook's shared strings and merged ranges).
 *
 * Every limit of io_limits.h is enforced here; a file that breaks one, is
 * truncated or corrupt, gives KC_EINVAL or KC_ETOOBIG with a Vietnamese
 * message that names the file's part (sheet, cell) and the reason. The
 * readers never touch the database. */
#ifndef KC_IO_SHEET_H
#define KC_IO_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "io/io_limits.h"

typedef enum IoCellType {
	IO_CELL_EMPTY = 0,
	IO_CELL_TEXT,   /* text as a person typed it: "6.047,5", "02/07/2019" */
	IO_CELL_NUMBER, /* a number stored as one: text is its machine form "6047.5", "1E-3" */
	IO_CELL_DATE,   /* a number formatted as a date: text is the Excel serial "43648" */
	IO_CELL_BOOL,   /* text "1" or "0" */
	IO_CELL_ERROR,  /* a formula's error: text "#DIV/0!" */
} IoCellType;

typedef struct IoCell {
	IoCellType type;
	const char *text; /* NUL-terminated UTF-8 in NFC; "" when empty */
	size_t len;
	bool merged; /* a copy of the value of the first cell of a merged range */
} IoCell;

typedef struct IoRow {
	int64_t number; /* the row's number as the spreadsheet shows it, from 1 */
	int n;          /* cells[0..n): column A is 0; trailing empty cells are not counted */
	const IoCell *cells;
} IoRow;

/* How to open a book. */
typedef struct IoOpen {
	IoLimits limits;
	/* NULL or "auto": detect; else "utf-8", "cp1258", "tcvn3" or "vni". For
	 * XLSX, which is Unicode, a legacy encoding means text typed in a legacy
	 * font (.VnTime, VNI-Times) that Excel stored as Latin letters. */
	const char *encoding;
} IoOpen;

/* The default: io_limits_default(), encoding detected. */
IoOpen io_open_default(void);

typedef struct IoBook IoBook;

/* Opens the file at path; *out is the book to io_book_close. */
int io_book_open(IoBook **out, const char *path, const IoOpen *o, Err *e);
/* Opens size bytes at data, named name in messages; data must stay valid
 * until io_book_close. */
int io_book_open_mem(
        IoBook **out, const char *name, const void *data, size_t size, const IoOpen *o, Err *e);
void io_book_close(IoBook *b);

/* "csv" or "xlsx". */
const char *io_book_format(const IoBook *b);
/* The encoding text was read in: "utf-8", "cp1258", "tcvn3" or "vni". */
const char *io_book_encoding(const IoBook *b);
/* For CSV, the separator found: ',' or ';' (0 for XLSX). */
char io_book_separator(const IoBook *b);
/* The file's name as given (for messages). */
const char *io_book_name(const IoBook *b);

/* The number of sheets, and the name of sheet i (a CSV's one sheet is
 * named after its file, without folder). */
int io_book_sheets(const IoBook *b);
const char *io_book_sheet_name(const IoBook *b, int i);

/* Starts reading sheet i from its first row; a sheet may be read again. */
int io_book_begin(IoBook *b, int sheet, Err *e);
/* The next row that holds a cell (empty rows are skipped; numbers tell
 * them), or *row NULL after the last. The row stays valid until the next
 * call. */
int io_book_next(IoBook *b, const IoRow **row, Err *e);
/* Bytes read of the current sheet and its size, for progress. */
void io_book_progress(const IoBook *b, int64_t *done, int64_t *total);

/* "A", "B", ... "Z", "AA": the name of column col (from 0) into out. */
const char *io_col_name(int col, char out[8]);

/* ---- For the readers (io_csv.c, io_xlsx.c) ------------------------------------------ */

/* The cells of the row being read: text bounded by the limits, NFC. */
typedef struct IoRowBuf {
	IoRow row;
	IoCell *cells; /* limits.columns of them */
	size_t *at;    /* where each cell's text starts in text */
	Buf text;
	int cap;
	size_t cell_bytes;
} IoRowBuf;

void io_rowbuf_init(IoRowBuf *rb, const IoLimits *l);
void io_rowbuf_free(IoRowBuf *rb);
/* Empties the row and numbers it. */
void io_rowbuf_start(IoRowBuf *rb, int64_t number);
/* Sets cell col (from 0) to s[0..len), UTF-8, made NFC; KC_ETOOBIG beyond
 * the column or cell limit, KC_EINVAL for text that is not UTF-8. The
 * message names the cell: "Ô C12 ...". */
int io_rowbuf_set(IoRowBuf *rb, int col, IoCellType type, const char *s, size_t len, Err *e);
/* Marks cell col as copied from a merged range's first cell. */
void io_rowbuf_mark_merged(IoRowBuf *rb, int col);
/* The finished row: pointers fixed, trailing empty cells dropped. */
const IoRow *io_rowbuf_finish(IoRowBuf *rb);

#endif
