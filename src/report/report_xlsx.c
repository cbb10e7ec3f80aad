/* report_xlsx.c — a table as an XLSX workbook (libxlsxwriter), laid out as
 * offices print it: the form number and the unit line at the top right
 * ("Biểu số 01", "Đơn vị tính: triệu đồng"), the title, the period and
 * scope, a two-level header (frozen, repeated on every printed page), then
 * the rows; A4 landscape fitted to the page width, page numbers in the
 * footer, Times New Roman.
 *
 * Numbers are numbers: money in the table's unit, percentages as fractions
 * with a % format. Number formats are written in the file's own notation
 * ("#,##0.0##"), which Excel shows with the reader's separators — 9.200 and
 * 6.047,5 on a Vietnamese system (DOMAIN §8.1). A qualifier from the source
 * ("gần 130") is a literal in the cell's format, so the cell stays a number.
 * Totals are SUM formulas over the rows they add, and ratio columns are
 * divisions, both with their computed value cached for readers that do not
 * recalculate. Text that would start a formula (= + - @) gets a leading
 * apostrophe.
 *
 * libxlsxwriter 1.1 writes only to files: the workbook goes to a temporary
 * file that is read into the Buf and removed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "report/report_render.h"

enum { FORMAT_CACHE = 48, FONT_SIZE = 12 };

typedef struct Fmt {
	char num[64];
	int style; /* STYLE_* */
	lxw_format *f;
} Fmt;

enum {
	ST_NUMBER = 1,
	ST_TEXT = 2,
	ST_BOLD = 4,
	ST_CENTER = 8,
	ST_HEADER = 16,
	ST_TITLE = 32,
	ST_ITALIC = 64,
	ST_RIGHT = 128,
	ST_PLAIN = 256, /* no border */
	ST_INDENT1 = 512,
	ST_INDENT2 = 1024,
};

typedef struct X {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	const ReportTable *t;
	Fmt fmt[FORMAT_CACHE];
	int n_fmt;
	int data_row; /* the sheet row of table row 0 */
} X;

static lxw_format *fmt(X *x, int style, const char *num)
{
	for (int i = 0; i < x->n_fmt; i++)
		if (x->fmt[i].style == style && !strcmp(x->fmt[i].num, num ? num : ""))
			return x->fmt[i].f;
	lxw_format *f = workbook_add_format(x->wb);
	format_set_font_name(f, "Times New Roman");
	format_set_font_size(f, style & ST_TITLE ? 14 : FONT_SIZE);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (!(style & ST_PLAIN))
		format_set_border(f, LXW_BORDER_THIN);
	if (style & (ST_BOLD | ST_HEADER | ST_TITLE))
		format_set_bold(f);
	if (style & ST_ITALIC)
		format_set_italic(f);
	if (style & (ST_CENTER | ST_HEADER | ST_TITLE))
		format_set_align(f, LXW_ALIGN_CENTER);
	if (style & ST_RIGHT)
		format_set_align(f, LXW_ALIGN_RIGHT);
	if (style & (ST_TEXT | ST_HEADER | ST_TITLE))
		format_set_text_wrap(f);
	if (style & ST_HEADER)
		format_set_bg_color(f, 0xF2F2F2);
	if (style & (ST_INDENT1 | ST_INDENT2))
		format_set_indent(f, style & ST_INDENT2 ? 2 : 1);
	if (num && num[0])
		format_set_num_format(f, num);
	if (x->n_fmt < FORMAT_CACHE) {
		Fmt *c = &x->fmt[x->n_fmt++];
		snprintf(c->num, sizeof c->num, "%s", num ? num : "");
		c->style = style;
		c->f = f;
	}
	return f;
}

/* The number format of a cell: its kind, decimals, and qualifier. */
static void number_format(const X *x, int col, const ReportCell *c, char *out, size_t cap)
{
	char base[32];
	int dec = x->t->cols[col].decimals;
	switch (c->kind) {
	case VK_PCT: snprintf(base, sizeof base, dec ? "0.%.*s%%" : "0%%", dec, "00"); break;
	case VK_RATIO: snprintf(base, sizeof base, dec ? "0.%.*s" : "0", dec, "00"); break;
	case VK_MONEY: {
		int64_t div = report_unit_divisor(x->t->money_unit);
		snprintf(base, sizeof base, "%s", c->v % div ? "#,##0.0##" : "#,##0");
		break;
	}
	case VK_COUNT: snprintf(base, sizeof base, "#,##0"); break;
	}
	/* A qualifier is a quoted literal; quotes cannot occur in one. */
	if (c->qualifier && !strchr(c->qualifier, '"'))
		snprintf(out, cap, "\"%s \"%s", c->qualifier, base);
	else
		snprintf(out, cap, "%s", base);
}

static void text_at(X *x, int row, int col, const char *s, lxw_format *f)
{
	if (!s || !s[0]) {
		worksheet_write_blank(x->ws, (lxw_row_t)row, (lxw_col_t)col, f);
		return;
	}
	if (!report_neutralise(s)) {
		worksheet_write_string(x->ws, (lxw_row_t)row, (lxw_col_t)col, s, f);
		return;
	}
	size_t n = strlen(s);
	char *q = malloc(n + 2);
	if (!q)
		abort();
	q[0] = '\'';
	memcpy(q + 1, s, n + 1);
	worksheet_write_string(x->ws, (lxw_row_t)row, (lxw_col_t)col, q, f);
	free(q);
}

static void merge(X *x, int row, int c1, int c2, const char *s, lxw_format *f)
{
	if (c2 > c1)
		worksheet_merge_range(x->ws, (lxw_row_t)row, (lxw_col_t)c1, (lxw_row_t)row,
		        (lxw_col_t)c2, s ? s : "", f);
	else
		text_at(x, row, c1, s, f);
}

static int default_width(const ReportColumn *c)
{
	if (c->width)
		return c->width;
	switch (c->role) {
	case COL_NO: return 6;
	case COL_LABEL: return 48;
	case COL_UNIT: return 11;
	case COL_VALUE: return 13;
	case COL_TEXT: return 16;
	case COL_NOTE: return 18;
	}
	return 12;
}

/* Rows 0..4: form, title, period and scope, filters, unit line. */
static int write_title(X *x)
{
	const ReportTable *t = x->t;
	int last = t->n_cols - 1, row = 0;
	lxw_format *right = fmt(x, ST_PLAIN | ST_RIGHT | ST_ITALIC, NULL);
	if (t->form)
		merge(x, row++, last > 2 ? last - 2 : 0, last, t->form,
		        fmt(x, ST_PLAIN | ST_RIGHT | ST_BOLD, NULL));
	merge(x, row++, 0, last, t->title, fmt(x, ST_PLAIN | ST_TITLE, NULL));
	char line[800];
	snprintf(line, sizeof line, "%s - %s", t->period_label, t->scope_label);
	merge(x, row++, 0, last, line, fmt(x, ST_PLAIN | ST_CENTER | ST_ITALIC, NULL));
	snprintf(line, sizeof line, "%s%s%s", t->boundaries_label, t->filters_label ? "; " : "",
	        t->filters_label ? t->filters_label : "");
	merge(x, row++, 0, last, line, fmt(x, ST_PLAIN | ST_CENTER | ST_ITALIC, NULL));
	merge(x, row++, last > 2 ? last - 2 : 0, last, t->unit_line, right);
	return row;
}

/* Two header rows: a group spans its adjacent columns; a column without one
 * spans both rows. Returns the first row after the header. */
static int write_header(X *x, int row)
{
	const ReportTable *t = x->t;
	lxw_format *h = fmt(x, ST_HEADER, NULL);
	bool groups = false;
	for (int c = 0; c < t->n_cols; c++)
		groups = groups || t->cols[c].group;
	if (!groups) {
		for (int c = 0; c < t->n_cols; c++)
			text_at(x, row, c, t->cols[c].label, h);
		worksheet_set_row(x->ws, (lxw_row_t)row, 36, NULL);
		return row + 1;
	}
	for (int c = 0; c < t->n_cols;) {
		const char *g = t->cols[c].group;
		int end = c;
		while (g && end + 1 < t->n_cols && t->cols[end + 1].group &&
		        !strcmp(t->cols[end + 1].group, g))
			end++;
		if (!g)
			worksheet_merge_range(x->ws, (lxw_row_t)row, (lxw_col_t)c,
			        (lxw_row_t)row + 1, (lxw_col_t)c, t->cols[c].label, h);
		else {
			merge(x, row, c, end, g, h);
			for (int k = c; k <= end; k++)
				text_at(x, row + 1, k, t->cols[k].label, h);
		}
		c = end + 1;
	}
	worksheet_set_row(x->ws, (lxw_row_t)row + 1, 36, NULL);
	return row + 2;
}

/* "=SUM(E9:E11,E14)": contiguous rows as ranges; 0 if more than Excel's
 * 255 arguments. */
static int sum_formula(X *x, int col, const ReportCell *c, char *out, size_t cap)
{
	size_t k = (size_t)snprintf(out, cap, "=SUM(");
	int args = 0;
	for (int i = 0; i < c->n_sum && k < cap; args++) {
		int j = i;
		while (j + 1 < c->n_sum && c->sum_of[j + 1] == c->sum_of[j] + 1)
			j++;
		char a[32], b[32];
		lxw_rowcol_to_cell(a, (lxw_row_t)(x->data_row + c->sum_of[i]), (lxw_col_t)col);
		lxw_rowcol_to_cell(b, (lxw_row_t)(x->data_row + c->sum_of[j]), (lxw_col_t)col);
		k += (size_t)snprintf(out + k, cap - k, "%s%s%s%s", args ? "," : "", a,
		        j > i ? ":" : "", j > i ? b : "");
		i = j + 1;
	}
	if (k + 2 >= cap || args > 255)
		return 0;
	snprintf(out + k, cap - k, ")");
	return 1;
}

static void write_number(X *x, int row, int r, int col, const ReportCell *c, int style)
{
	char num[96], formula[4096];
	number_format(x, col, c, num, sizeof num);
	lxw_format *f = fmt(x, style | ST_NUMBER | ST_RIGHT, num);
	double v = report_cell_number(x->t, c);
	const ReportColumn *k = &x->t->cols[col];
	if (c->n_sum && sum_formula(x, col, c, formula, sizeof formula)) {
		worksheet_write_formula_num(x->ws, (lxw_row_t)row, (lxw_col_t)col, formula, f, v);
		return;
	}
	if (c->is_ratio && k->ratio_a >= 0) {
		char a[32], b[32];
		lxw_rowcol_to_cell(a, (lxw_row_t)(x->data_row + r), (lxw_col_t)k->ratio_a);
		lxw_rowcol_to_cell(b, (lxw_row_t)(x->data_row + r), (lxw_col_t)k->ratio_b);
		snprintf(formula, sizeof formula, "=%s/%s", a, b);
		worksheet_write_formula_num(x->ws, (lxw_row_t)row, (lxw_col_t)col, formula, f, v);
		return;
	}
	worksheet_write_number(x->ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
}

static void write_rows(X *x)
{
	const ReportTable *t = x->t;
	for (int r = 0; r < t->n_rows; r++) {
		const ReportRow *row = &t->rows[r];
		int sheet_row = x->data_row + r;
		int style = row->group || row->total ? ST_BOLD : 0;
		for (int c = 0; c < t->n_cols; c++) {
			const ReportCell *cell = &row->cells[c];
			ColRole role = t->cols[c].role;
			if (cell->type == CELL_NUM) {
				write_number(x, sheet_row, r, c, cell, style);
				continue;
			}
			int s = style | ST_TEXT;
			if (role == COL_NO || role == COL_UNIT)
				s |= ST_CENTER;
			if (role == COL_LABEL && row->depth > 0)
				s |= row->depth > 1 ? ST_INDENT2 : ST_INDENT1;
			text_at(x, sheet_row, c, cell->type == CELL_TEXT ? cell->text : NULL,
			        fmt(x, s, NULL));
		}
	}
}

static void page_setup(X *x, int header_first, int header_last)
{
	const ReportTable *t = x->t;
	int label = 0;
	for (int c = 0; c < t->n_cols; c++) {
		worksheet_set_column(
		        x->ws, (lxw_col_t)c, (lxw_col_t)c, default_width(&t->cols[c]), NULL);
		if (t->cols[c].role == COL_LABEL)
			label = c + 1;
	}
	worksheet_freeze_panes(x->ws, (lxw_row_t)x->data_row, (lxw_col_t)label);
	worksheet_set_landscape(x->ws);
	worksheet_set_paper(x->ws, 9); /* A4 */
	worksheet_set_margins(x->ws, 0.6, 0.4, 0.8, 0.6);
	worksheet_repeat_rows(x->ws, (lxw_row_t)header_first, (lxw_row_t)header_last);
	worksheet_fit_to_pages(x->ws, 1, 0);
	worksheet_center_horizontally(x->ws);
	worksheet_set_footer(x->ws, "&CTrang &P/&N");
}

static void write_notes(X *x)
{
	const ReportTable *t = x->t;
	int row = x->data_row + t->n_rows + 1;
	lxw_format *f = fmt(x, ST_PLAIN | ST_ITALIC, NULL);
	for (int i = 0; i < t->n_notes; i++)
		text_at(x, row++, 0, t->notes[i], f);
}

static int read_file(const char *path, Buf *out, Err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, KC_EIO, "cannot read the workbook written to '%s'", path);
	char block[1 << 15];
	size_t n;
	while ((n = fread(block, 1, sizeof block, f)) > 0)
		buf_append(out, block, n);
	int bad = ferror(f);
	fclose(f);
	if (bad)
		return err_set(e, KC_EIO, "cannot read the workbook written to '%s'", path);
	return buf_err(out) ? err_set(e, KC_ETOOBIG, "workbook too large for its buffer") : 0;
}

int report_render_xlsx(const ReportTable *t, Buf *out, Err *e)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/kc-report-XXXXXX", dir && dir[0] ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return err_set(
		        e, KC_EIO, "cannot create a temporary file in '%s'", dir ? dir : "/tmp");
	close(fd);
	X x = {.t = t};
	x.wb = workbook_new(path);
	if (!x.wb) {
		unlink(path);
		return err_set(e, KC_EIO, "cannot start a workbook in '%s'", path);
	}
	lxw_doc_properties props = {.title = (char *)t->title,
	        .author = "khuyencong",
	        .comments = (char *)t->period_label};
	workbook_set_properties(x.wb, &props);
	x.ws = workbook_add_worksheet(x.wb, "Báo cáo");
	int header = write_title(&x);
	x.data_row = write_header(&x, header);
	write_rows(&x);
	write_notes(&x);
	page_setup(&x, header, x.data_row - 1);
	lxw_error err = workbook_close(x.wb);
	int rc = err ? err_set(e, KC_EIO, "cannot write the workbook: %s", lxw_strerror(err))
	             : read_file(path, out, e);
	unlink(path);
	return rc;
}
