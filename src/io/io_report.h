/* io_report.h — an import's report for people: as text for the terminal,
 * and as an XLSX workbook to download, with a summary, the list of problems
 * and a copy of each sheet read with the offending cells marked (red for
 * errors, yellow for warnings) and the reasons in a last column. */
#ifndef KC_IO_REPORT_H
#define KC_IO_REPORT_H

#include <stdbool.h>

#include "core/buf.h"
#include "io/io_import.h"

/* What became of the import, in Vietnamese ("đã ghi vào cơ sở dữ liệu",
 * "không ghi gì vào cơ sở dữ liệu vì có lỗi; ..."); commit as below. */
const char *io_report_outcome(const ImportReport *r, bool commit);

/* Appends the report as Vietnamese text: the file, one line per table, one
 * line per problem (file, sheet, row, column, value, reason) and the
 * outcome. commit says whether a commit was asked for. */
void io_report_text(const ImportReport *r, bool commit, Buf *out);

/* Writes the report to an XLSX file at path. source (may be NULL) is the
 * imported file opened again, to copy its sheets with the problems marked;
 * at most mark_rows rows of each are copied. */
int io_report_xlsx(const ImportReport *r, bool commit, IoBook *source, int64_t mark_rows,
        const char *path, Err *e);

#endif
