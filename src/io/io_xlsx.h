/* io_xlsx.h — the XLSX reader behind io_sheet.h (libzip and expat).
 *
 * An XLSX file is a zip archive of XML parts (ECMA-376): the workbook lists
 * the sheets, a shared-string table holds the text, the styles say which
 * numbers are dates, and each sheet is a stream of rows. The archive's
 * directory is checked against the limits before anything is unpacked (a
 * zip bomb is refused from its declared sizes, and a member that unpacks to
 * more than it declared is corrupt). Sheets are parsed as a stream with
 * expat, suspended after each row; DTDs are refused (no entity expansion)
 * and nesting is bounded. Read: shared and inline strings (rich text runs
 * joined, phonetic runs dropped), numbers, dates by their style (1900 and
 * 1904 date systems), booleans, errors, formulas' cached values, and merged
 * ranges, whose first cell's value is copied into the others. */
#ifndef KC_IO_XLSX_H
#define KC_IO_XLSX_H

#include "io/io_sheet.h"

typedef struct IoXlsx IoXlsx;

/* Opens the archive at path, or, when path is NULL, data[0..size). name is
 * for messages. */
int io_xlsx_open(IoXlsx **out, const char *path, const void *data, size_t size, const char *name,
        const IoOpen *o, Err *e);
void io_xlsx_close(IoXlsx *x);
int io_xlsx_sheets(const IoXlsx *x);
const char *io_xlsx_sheet_name(const IoXlsx *x, int i);
int io_xlsx_begin(IoXlsx *x, int sheet, Err *e);
int io_xlsx_next(IoXlsx *x, const IoRow **row, Err *e);
const char *io_xlsx_encoding(const IoXlsx *x);
void io_xlsx_progress(const IoXlsx *x, int64_t *done, int64_t *total);

#endif
