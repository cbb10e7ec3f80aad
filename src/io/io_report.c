/* io_report.c — see io_report.h. */
#include "io/io_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/num.h"
#include "core/vntext.h"

const char *io_report_outcome(const ImportReport *r, bool commit)
{
	if (r->committed)
		return "đã ghi vào cơ sở dữ liệu";
	if (r->errors)
		return "không ghi gì vào cơ sở dữ liệu vì có lỗi; sửa tệp rồi nhập lại";
	return commit ? "không ghi gì vào cơ sở dữ liệu"
	              : "chạy thử: chưa ghi gì vào cơ sở dữ liệu";
}

static void put_count(Buf *out, int64_t n)
{
	num_format_int(out, n);
}

/* "dòng 12, cột C 'Mã số thuế', giá trị '03012'" */
static void where(const ImportProblem *p, Buf *out)
{
	if (p->sheet)
		buf_printf(out, ", trang '%s'", p->sheet);
	if (p->row)
		buf_printf(out, ", dòng %lld", (long long)p->row);
	if (p->col >= 0) {
		char cn[8];
		buf_printf(out, ", cột %s", io_col_name(p->col, cn));
		if (p->column)
			buf_printf(out, " '%s'", p->column);
	}
	if (p->value)
		buf_printf(out, ", giá trị '%s'", p->value);
}

void io_report_text(const ImportReport *r, bool commit, Buf *out)
{
	buf_printf(out, "Tệp '%s'", r->file ? r->file : "");
	if (r->format)
		buf_printf(out, " (%s, bảng mã %s%s%s)", r->format, r->encoding,
		        r->separator ? ", phân cách " : "",
		        r->separator == '\t'  ? "tab"
		        : r->separator == ';' ? "';'"
		        : r->separator        ? "','"
		                              : "");
	buf_puts(out, "\n");
	for (int i = 0; i < r->ntables; i++) {
		const ImportTable *t = &r->tables[i];
		buf_printf(out, "Trang '%s': %s, tiêu đề ở dòng %lld — ", t->sheet, t->label,
		        (long long)t->header_row);
		put_count(out, t->rows);
		buf_puts(out, " dòng: ");
		put_count(out, t->created);
		buf_puts(out, " thêm mới, ");
		put_count(out, t->updated);
		buf_puts(out, " cập nhật, ");
		put_count(out, t->unchanged);
		buf_puts(out, " không đổi, ");
		put_count(out, t->skipped);
		buf_puts(out, " bỏ qua, ");
		put_count(out, t->failed);
		buf_puts(out, " lỗi\n");
	}
	for (int i = 0; i < r->nproblems; i++) {
		const ImportProblem *p = &r->problems[i];
		buf_printf(out, "%s: tệp '%s'", p->warning ? "Cảnh báo" : "Lỗi", r->file);
		where(p, out);
		buf_printf(out, ": %s\n", p->message);
	}
	int64_t shown = r->nproblems, all = r->errors + r->warnings;
	if (all > shown)
		buf_printf(
		        out, "... và %lld vấn đề khác không liệt kê\n", (long long)(all - shown));
	buf_printf(out, "Kết quả: %lld lỗi, %lld cảnh báo — %s\n", (long long)r->errors,
	        (long long)r->warnings, io_report_outcome(r, commit));
}

/* ---- XLSX ------------------------------------------------------------------------- */

typedef struct Formats {
	lxw_format *bold, *head, *error, *warning, *wrap;
} Formats;

static void summary_sheet(lxw_workbook *wb, const ImportReport *r, bool commit, const Formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Tóm tắt");
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 8, 14, NULL);
	worksheet_write_string(ws, 0, 0, "Báo cáo nhập dữ liệu", f->bold);
	worksheet_write_string(ws, 1, 0, "Tệp", NULL);
	worksheet_write_string(ws, 1, 1, r->file ? r->file : "", NULL);
	worksheet_write_string(ws, 2, 0, "Định dạng, bảng mã", NULL);
	char fmt[64];
	snprintf(fmt, sizeof fmt, "%s, %s", r->format ? r->format : "?",
	        r->encoding ? r->encoding : "?");
	worksheet_write_string(ws, 2, 1, fmt, NULL);
	worksheet_write_string(ws, 3, 0, "Kết quả", NULL);
	worksheet_write_string(ws, 3, 1, io_report_outcome(r, commit), NULL);
	worksheet_write_string(ws, 4, 0, "Số lỗi", NULL);
	worksheet_write_number(ws, 4, 1, (double)r->errors, NULL);
	worksheet_write_string(ws, 5, 0, "Số cảnh báo", NULL);
	worksheet_write_number(ws, 5, 1, (double)r->warnings, NULL);
	static const char *const head[] = {"Trang", "Bảng", "Dòng tiêu đề", "Số dòng", "Thêm mới",
	        "Cập nhật", "Không đổi", "Bỏ qua", "Lỗi"};
	for (int c = 0; c < 9; c++)
		worksheet_write_string(ws, 7, (lxw_col_t)c, head[c], f->head);
	for (int i = 0; i < r->ntables; i++) {
		const ImportTable *t = &r->tables[i];
		lxw_row_t row = (lxw_row_t)(8 + i);
		worksheet_write_string(ws, row, 0, t->sheet, NULL);
		worksheet_write_string(ws, row, 1, t->label, NULL);
		const int64_t v[] = {t->header_row, t->rows, t->created, t->updated, t->unchanged,
		        t->skipped, t->failed};
		for (int c = 0; c < 7; c++)
			worksheet_write_number(ws, row, (lxw_col_t)(2 + c), (double)v[c], NULL);
	}
}

static void problems_sheet(lxw_workbook *wb, const ImportReport *r, const Formats *f)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Lỗi và cảnh báo");
	static const char *const head[] = {
	        "Mức độ", "Trang", "Dòng", "Cột", "Tiêu đề cột", "Giá trị", "Nội dung"};
	static const double width[] = {10, 20, 8, 6, 24, 24, 90};
	for (int c = 0; c < 7; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], f->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (int i = 0; i < r->nproblems; i++) {
		const ImportProblem *p = &r->problems[i];
		lxw_row_t row = (lxw_row_t)(i + 1);
		worksheet_write_string(ws, row, 0, p->warning ? "Cảnh báo" : "Lỗi",
		        p->warning ? f->warning : f->error);
		worksheet_write_string(ws, row, 1, p->sheet ? p->sheet : "", NULL);
		if (p->row)
			worksheet_write_number(ws, row, 2, (double)p->row, NULL);
		char cn[8];
		if (p->col >= 0)
			worksheet_write_string(ws, row, 3, io_col_name(p->col, cn), NULL);
		worksheet_write_string(ws, row, 4, p->column ? p->column : "", NULL);
		worksheet_write_string(ws, row, 5, p->value ? p->value : "", NULL);
		worksheet_write_string(ws, row, 6, p->message, f->wrap);
	}
	if (r->nproblems)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)r->nproblems, 6);
}

/* A sheet name Excel accepts (31 characters, none of []:*?/\), unique. */
static void sheet_title(const char *name, int index, char *out, size_t cap)
{
	char clean[128];
	size_t n = 0;
	for (const char *p = name; *p && n < 60; p++)
		clean[n++] = strchr("[]:*?/\\", *p) ? '_' : *p;
	clean[n] = '\0';
	/* 31 characters at most: cut on a UTF-8 boundary, keep room for "#9 ". */
	size_t bytes = 0, chars = 0;
	while (clean[bytes] && chars < 26) {
		bytes++;
		while ((clean[bytes] & 0xC0) == 0x80)
			bytes++;
		chars++;
	}
	snprintf(out, cap, "#%d %.*s", index + 1, (int)bytes, clean);
}

static int by_place(const void *a, const void *b)
{
	const ImportProblem *p = *(const ImportProblem *const *)a,
	                    *q = *(const ImportProblem *const *)b;
	int c = strcmp(p->sheet ? p->sheet : "", q->sheet ? q->sheet : "");
	if (c)
		return c;
	if (p->row != q->row)
		return p->row < q->row ? -1 : 1;
	return p->col - q->col;
}

/* Copies sheet s of the source with its problems v[0..n) (sorted by row)
 * marked. */
static int copy_sheet(lxw_workbook *wb, IoBook *src, int s, int index, ImportProblem **v, int n,
        int64_t mark_rows, const Formats *f, Err *e)
{
	char title[80];
	sheet_title(io_book_sheet_name(src, s), index, title, sizeof title);
	lxw_worksheet *ws = workbook_add_worksheet(wb, title);
	int rc = io_book_begin(src, s, e);
	const IoRow *row;
	int k = 0;
	int64_t copied = 0;
	Buf why;
	buf_init(&why, 1 << 16);
	while (rc == 0 && copied < mark_rows && (rc = io_book_next(src, &row, e)) == 0 && row) {
		lxw_row_t rn = (lxw_row_t)(row->number - 1);
		while (k < n && v[k]->row < row->number)
			k++;
		buf_reset(&why);
		for (int c = 0; c < row->n; c++) {
			lxw_format *mark = NULL;
			for (int j = k; j < n && v[j]->row == row->number; j++)
				if (v[j]->col == c)
					mark = v[j]->warning && mark != f->error ? f->warning
					                                         : f->error;
			if (row->cells[c].len || mark)
				worksheet_write_string(
				        ws, rn, (lxw_col_t)c, row->cells[c].text, mark);
		}
		for (int j = k; j < n && v[j]->row == row->number; j++)
			buf_printf(&why, "%s%s: %s", why.len ? "\n" : "",
			        v[j]->warning ? "Cảnh báo" : "Lỗi", v[j]->message);
		if (why.len)
			worksheet_write_string(ws, rn, (lxw_col_t)(row->n > 0 ? row->n : 0) + 1,
			        buf_cstr(&why), f->wrap);
		copied++;
	}
	buf_free(&why);
	return rc;
}

int io_report_xlsx(const ImportReport *r, bool commit, IoBook *source, int64_t mark_rows,
        const char *path, Err *e)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb)
		return err_set(e, KC_EIO, "cannot create '%s'", path);
	Formats f = {workbook_add_format(wb), workbook_add_format(wb), workbook_add_format(wb),
	        workbook_add_format(wb), workbook_add_format(wb)};
	format_set_bold(f.bold);
	format_set_bold(f.head);
	format_set_bg_color(f.head, 0xD9E1F2);
	format_set_bg_color(f.error, 0xFFC7CE);
	format_set_bg_color(f.warning, 0xFFEB9C);
	format_set_text_wrap(f.wrap);
	summary_sheet(wb, r, commit, &f);
	problems_sheet(wb, r, &f);
	ImportProblem **v = calloc((size_t)r->nproblems + 1, sizeof *v);
	if (!v)
		abort();
	for (int i = 0; i < r->nproblems; i++)
		v[i] = &r->problems[i];
	qsort(v, (size_t)r->nproblems, sizeof *v, by_place);
	int rc = 0;
	for (int s = 0; source && rc == 0 && s < io_book_sheets(source); s++) {
		const char *name = io_book_sheet_name(source, s);
		int first = 0, n = 0;
		while (first < r->nproblems && strcmp(v[first]->sheet ? v[first]->sheet : "", name))
			first++;
		while (first + n < r->nproblems && v[first + n]->sheet &&
		        !strcmp(v[first + n]->sheet, name))
			n++;
		bool read = false;
		for (int t = 0; t < r->ntables; t++)
			read |= !strcmp(r->tables[t].sheet, name);
		if (read || n)
			rc = copy_sheet(wb, source, s, s, v + first, n, mark_rows, &f, e);
	}
	free(v);
	lxw_error le = workbook_close(wb);
	if (rc == 0 && le != LXW_NO_ERROR)
		rc = err_set(e, KC_EIO, "cannot write '%s': %s", path, lxw_strerror(le));
	return rc;
}
