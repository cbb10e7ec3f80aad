/* web_report.h — a computed report table as an HTML table, for the reports
 * page and the dashboard (web_report.c). */
#ifndef KC_WEB_REPORT_H
#define KC_WEB_REPORT_H

#include "report/report.h"
#include "web/web.h"

/* Writes t as a table: the column groups' labels, cells as report_cell_text
 * writes them (Vietnamese numbers), totals and groups in bold, the notes. */
void web_report_table(Ctx *c, const ReportTable *t);

#endif
