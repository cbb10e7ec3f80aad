/* io_csv.h — the CSV reader behind io_sheet.h.
 *
 * Reads RFC 4180 text as spreadsheets write it: fields separated by ',' or
 * ';' (Excel in a Vietnamese locale uses ';', since ',' is the decimal
 * comma) or a tab, found from the first lines; quotes around fields that
 * hold a separator, a quote ("") or a line break; lines ended by CRLF, LF
 * or CR; a UTF-8 byte order mark. The encoding is detected on the first
 * MiB (io_encoding.h) unless given. Each row is one record, numbered as a
 * spreadsheet numbers it (a blank line is a row). Reads the file in blocks:
 * memory is one row's. */
#ifndef KC_IO_CSV_H
#define KC_IO_CSV_H

#include <stdio.h>

#include "io/io_sheet.h"

typedef struct IoCsv IoCsv;

/* Reads CSV from f (taken over: io_csv_close closes it), total bytes long,
 * or, when f is NULL, from data[0..total). name is for messages. */
int io_csv_open(IoCsv **out, FILE *f, const void *data, int64_t total, const char *name,
        const IoOpen *o, Err *e);
void io_csv_close(IoCsv *c);
/* Starts again from the first row. */
int io_csv_begin(IoCsv *c, Err *e);
int io_csv_next(IoCsv *c, const IoRow **row, Err *e);
const char *io_csv_encoding(const IoCsv *c);
char io_csv_separator(const IoCsv *c);
void io_csv_progress(const IoCsv *c, int64_t *done, int64_t *total);

#endif
