/* report.h — periodic reports: compute a table from a template, render it,
 * freeze it as a submitted snapshot.
 *
 * A template (a JSON file of data/reports, stored in the database; docs/reports.md)
 * says which rows (activity contents and indicators, grouped and numbered I,
 * 1, 1.1), which columns (plan, actual, % of plan, estimate, same period
 * last year, cumulative for the phase, targets) and which filters a report
 * has, and for each cell whether it comes from records, from aggregate
 * figures, or from either. report_compute turns (template, period, scope,
 * boundaries, filters) into a ReportTable in one pass of aggregate queries
 * (store_report.h), whatever the number of rows or provinces; report_render
 * writes a table as JSON, CSV, XLSX or PDF into a Buf. Both are what the CLI
 * and the HTTP API call; neither prints nor exits.
 *
 * Values are exact: money in đồng, percentages and ratios ×100; renderers
 * convert for display only. An empty cell is "not reported", never 0. */
#ifndef KC_REPORT_H
#define KC_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/period.h"
#include "store/db.h"
#include "store/store.h"
#include "store/store_report.h"

/* ---- The table ---------------------------------------------------------------------- */

typedef enum CellType { CELL_EMPTY, CELL_NUM, CELL_TEXT } CellType;
/* What a number is: a count, đồng, a percentage ×100, a ratio ×100 ("lần"). */
typedef enum ValueKind { VK_COUNT, VK_MONEY, VK_PCT, VK_RATIO } ValueKind;

typedef struct ReportCell {
	CellType type;
	ValueKind kind;
	int64_t v;        /* CELL_NUM */
	const char *text; /* CELL_TEXT */
	const char
	        *qualifier; /* "gần", "trên", "khoảng", "ước" as the figure was written, or NULL */
	/* How a spreadsheet writes it: the sum of the same column over rows
	 * sum_of[0..n_sum) (a total), or the ratio of two cells of its row. */
	int *sum_of;
	int n_sum;
	bool is_ratio; /* ReportColumn.ratio_a / ratio_b of this row */
} ReportCell;

typedef enum ColRole {
	COL_NO,    /* STT: I, 1, 1.1 */
	COL_LABEL, /* Nội dung */
	COL_UNIT,  /* ĐVT */
	COL_VALUE, /* a number */
	COL_TEXT,  /* text of the row's item (a đề án's code, status ...) */
	COL_NOTE,  /* Ghi chú */
} ColRole;

typedef struct ReportColumn {
	const char *id, *label;
	const char *group; /* the header above adjacent columns with the same group, or NULL */
	ColRole role;
	int ratio_a, ratio_b; /* a ratio column: the columns it divides, else -1 */
	int decimals;         /* of percentages and ratios */
	int width;            /* relative width, in characters */
} ReportColumn;

typedef struct ReportRow {
	const char *no, *label, *unit, *note;
	int depth;  /* 0 a group (I, II) or a top item, 1 an item (1, 2), 2 a sub-item (1.1) */
	bool group; /* heads rows under it: bold */
	bool total; /* a group's or the table's total: bold */
	ReportCell *cells; /* one per column */
} ReportRow;

typedef struct ReportTable {
	const char *template_id;
	int template_version;
	const char *form;  /* "Biểu số 01" */
	const char *title; /* "KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG" */
	const char
	        *abstract; /* the document's abstract: "Kết quả thực hiện kế hoạch khuyến công" */
	const char *period, *period_label; /* "2016-H1", "6 tháng đầu năm 2016" */
	const char *scope, *scope_label;   /* "region:moit_south", "Khu vực phía Nam" */
	const char *boundaries;            /* "legacy" | "current" */
	const char *boundaries_label; /* "theo địa giới hành chính tại thời điểm báo cáo" */
	const char *filters;          /* canonical filter text, "" for none */
	const char *filters_label; /* "Chương trình: khuyến công địa phương", or NULL */
	int money_unit;            /* MoneyUnit of money cells */
	const char *unit_line;     /* "Đơn vị tính: triệu đồng" */
	const char *computed_at;   /* ISO timestamp */
	ReportColumn *cols;
	int n_cols;
	ReportRow *rows;
	int n_rows;
	const char **notes; /* lines under the table */
	int n_notes;
	int queries; /* SQL statements the computation ran (0 for a table read back) */
	/* Seconds the computation spent in its aggregate queries (the SQL and the
	 * copying of their rows): the database's share, which benchmarks compare
	 * the whole with (0 for a table read back). */
	double query_seconds;
} ReportTable;

/* ---- Computing ---------------------------------------------------------------------- */

typedef struct ReportRequest {
	const char *template_id;
	int template_version; /* 0: the current one */
	const char *period; /* any writing period_parse reads: "2016-H1", "6 tháng đầu năm 2016" */
	/* "nation", "region:CODE", "province:CODE" (the code in the list of the
	 * boundaries, or re-based onto it) or "province:LIST:CODE". */
	const char *scope;
	const char *boundaries;      /* "legacy" (as recorded, the default) | "current" */
	const char *program_level;   /* "national" | "local" | "all"; NULL: the template's */
	const char *funding_sources; /* "central,provincial"; NULL: the template's */
	PeriodRule rule;             /* which days the period covers; {0}: calendar */
	const char *as_of; /* ISO date đề án lateness is judged on; NULL: period end */
	const char *now;   /* ISO timestamp written as computed_at; NULL: the clock */
} ReportRequest;

/* Computes the table of req into *out; everything lives in arena. Errors
 * name the request field at fault (template, period, scope, boundaries,
 * program_level, funding_sources) with a Vietnamese message. */
int report_compute(Db *db, const ReportRequest *req, Arena *arena, ReportTable **out, Err *e);

/* ---- Templates ---------------------------------------------------------------------- */

/* Inserts the shipped templates (data/reports) missing from the database;
 * one already there, perhaps edited, is left alone. Each is checked first.
 * *inserted (may be NULL) receives how many were added. */
int report_templates_load(Db *db, const Actor *a, int *inserted, Err *e);
/* Checks json as a template and stores it as the next version of its id
 * (an administrator's edit); expected is the version the editor read (0 for
 * a new template). *version receives the new version. */
int report_template_save(
        Db *db, const Actor *a, const char *json, int expected, int *version, Err *e);
/* The templates to choose from: the stored ones (current versions) and the
 * shipped ones the database does not hold, by position; bodies NULL. */
int report_template_list(Db *db, Arena *arena, StoredTemplateList *out, Err *e);
/* Checks json as a template without storing it; the message says what is
 * wrong where ("rows[2].qty.records: ..."). */
int report_template_check(Db *db, const char *json, Err *e);

/* ---- Rendering ---------------------------------------------------------------------- */

typedef enum ReportFormat { FMT_JSON, FMT_CSV, FMT_XLSX, FMT_PDF } ReportFormat;

/* "json", "csv", "xlsx", "pdf" → *out; KC_EINVAL (field "format") otherwise. */
int report_format_parse(const char *s, ReportFormat *out, Err *e);
/* The MIME type and file extension of a format. Static storage. */
const char *report_format_mime(ReportFormat f);
const char *report_format_ext(ReportFormat f);

/* What the PDF's administrative layout (NĐ 30/2020) prints around the
 * table. A NULL field takes a default from the scope: a province's report
 * comes from "UBND TỈNH X" / "SỞ CÔNG THƯƠNG" in X, signed by the GIÁM ĐỐC;
 * a region's or the nation's from the "BỘ CÔNG THƯƠNG" in Hà Nội; the
 * number is left blank ("     /BC-SCT") for the clerk; the date is today. */
typedef struct ReportDoc {
	const char *parent;           /* cơ quan chủ quản: "UBND TỈNH SÓC TRĂNG" */
	const char *issuer;           /* cơ quan ban hành: "SỞ CÔNG THƯƠNG" */
	const char *number;           /* "05/BC-SCT" */
	const char *place;            /* "Sóc Trăng" */
	const char *date;             /* ISO date; NULL: today */
	const char *recipient;        /* "Kính gửi: ..."; NULL: none */
	const char *signer_authority; /* "KT. GIÁM ĐỐC" */
	const char *signer_title;     /* "PHÓ GIÁM ĐỐC" */
	const char *signer_name;
	const char *const *copies_to; /* "Nơi nhận" lines, NULL-terminated; NULL: "Lưu: VT." */
} ReportDoc;

/* Writes t in format f into out. doc (may be NULL) is used by the PDF. */
int report_render(const ReportTable *t, ReportFormat f, const ReportDoc *doc, Buf *out, Err *e);

/* Releases the font caches that pango, cairo and fontconfig keep for the
 * process once a PDF was rendered. Call at exit, with no rendering under
 * way in any thread, so that leak checkers see a clean process; rendering
 * afterwards sets them up again. A long-running server need not call it. */
void report_render_release(void);

/* The text a cell shows, as a Vietnamese office writes it ("9.200",
 * "6.047,5", "19%", "3,64", "gần 130"); "" for an empty cell. Money is in
 * the table's unit. */
void report_cell_text(const ReportTable *t, int col, const ReportCell *c, Buf *out);

/* ---- Submitted reports -------------------------------------------------------------- */

/* Computes req and stores the table as the next version of (template,
 * scope, period), with the actor and the time; *snapshot_id and *version
 * (may be NULL) receive the new ones. */
int report_submit(Db *db, const Actor *a, const ReportRequest *req, const char *note,
        int64_t *snapshot_id, int *version, Err *e);
/* Reads the table frozen in snapshot id back into *out (in arena). */
int report_snapshot_table(Db *db, int64_t id, Arena *arena, ReportTable **out, Err *e);
/* Reads a table written by report_render(FMT_JSON) back into *out. */
int report_table_from_json(const char *json, size_t len, Arena *arena, ReportTable **out, Err *e);

#endif
