/* report_render.h — the renderers of a ReportTable, one file each
 * (report_json.c, report_csv.c, report_xlsx.c, report_pdf.c), and what they
 * share. Internal to src/report: callers use report_render (report.h). */
#ifndef KC_REPORT_RENDER_H
#define KC_REPORT_RENDER_H

#include <stdbool.h>

#include "report/report.h"

int report_render_json(const ReportTable *t, Buf *out, Err *e);
/* UTF-8 with a byte-order mark, so that Excel reads the diacritics. */
int report_render_csv(const ReportTable *t, Buf *out, Err *e);
int report_render_xlsx(const ReportTable *t, Buf *out, Err *e);
int report_render_pdf(const ReportTable *t, const ReportDoc *doc, Buf *out, Err *e);

/* The names of ValueKind and ColRole in the JSON form. */
extern const char *const report_json_kinds[4];
extern const char *const report_json_roles[6];

/* đồng in one unit of the table's money (1 000 000 for triệu đồng). */
int64_t report_unit_divisor(int money_unit);
/* A number cell as a spreadsheet holds it: money in the table's unit,
 * percentages as fractions (0,19 for 19 %), ratios as numbers. */
double report_cell_number(const ReportTable *t, const ReportCell *c);
/* Whether text would start a formula in a spreadsheet (= + - @, tab, CR):
 * such text is written so that it stays text (OWASP "CSV injection"). */
bool report_neutralise(const char *s);

#endif
