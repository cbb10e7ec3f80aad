/* web_export.h — a page's filtered list as a CSV or XLSX file, written by
 * the report renderers (report.h) so that lists and reports share one
 * escaping of cells (formulas neutralised, XML escaped) and one layout. */
#ifndef KC_WEB_EXPORT_H
#define KC_WEB_EXPORT_H

#include "report/report.h"
#include "web/web.h"

/* A table of n_cols text or number columns to fill row by row. */
typedef struct WebTable {
	ReportTable t;
	Arena *arena;
	int cap;
} WebTable;

/* Starts a table titled title with the columns labels[0..n); a label that
 * starts with '#' is a number column (the '#' is not shown), '$' money. */
void web_table_init(WebTable *w, Ctx *c, const char *title, const char *const *labels, int n);
/* Adds a row; then set its cells with web_table_text / web_table_num. */
void web_table_row(WebTable *w);
void web_table_text(WebTable *w, int col, const char *s);
void web_table_num(WebTable *w, int col, int64_t v); /* -1: empty */

/* Answers the table as a download named filename.EXT: format "csv" or "xlsx". */
int web_export(Ctx *c, WebTable *w, const char *format, const char *filename);

#endif
