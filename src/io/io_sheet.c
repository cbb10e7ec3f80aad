/* io_sheet.c — see io_sheet.h: the book, and the row buffer the readers share. */
#include "io/io_sheet.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/vntext.h"
#include "io/io_csv.h"
#include "io/io_xlsx.h"

struct IoBook {
	char *name;
	char *sheet; /* a CSV's one sheet: the file's base name */
	IoCsv *csv;
	IoXlsx *xlsx;
};

IoOpen io_open_default(void)
{
	return (IoOpen){.limits = io_limits_default()};
}

const char *io_col_name(int col, char out[8])
{
	char tmp[8];
	int n = 0;
	for (int c = col + 1; c > 0 && n < 7; c = (c - 1) / 26)
		tmp[n++] = (char)('A' + (c - 1) % 26);
	for (int i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
	return out;
}

/* ---- Row buffer ------------------------------------------------------------------- */

void io_rowbuf_init(IoRowBuf *rb, const IoLimits *l)
{
	*rb = (IoRowBuf){.cap = l->columns, .cell_bytes = l->cell_bytes};
	rb->cells = calloc((size_t)l->columns, sizeof *rb->cells);
	rb->at = calloc((size_t)l->columns, sizeof *rb->at);
	if (!rb->cells || !rb->at)
		abort();
	buf_init(&rb->text, (size_t)l->columns * (l->cell_bytes * 3 + 1));
}

void io_rowbuf_free(IoRowBuf *rb)
{
	free(rb->cells);
	free(rb->at);
	buf_free(&rb->text);
	*rb = (IoRowBuf){0};
}

void io_rowbuf_start(IoRowBuf *rb, int64_t number)
{
	rb->row = (IoRow){.number = number, .cells = rb->cells};
	buf_reset(&rb->text);
}

static bool ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return false;
	return true;
}

int io_rowbuf_set(IoRowBuf *rb, int col, IoCellType type, const char *s, size_t len, Err *e)
{
	char name[8];
	if (col < 0 || col >= rb->cap)
		return err_set(e, KC_ETOOBIG, "Ô %s%lld vượt quá giới hạn %d cột",
		        io_col_name(col < 0 ? 0 : col, name), (long long)rb->row.number, rb->cap);
	if (len > rb->cell_bytes)
		return err_set(e, KC_ETOOBIG, "Ô %s%lld dài quá giới hạn %zu byte",
		        io_col_name(col, name), (long long)rb->row.number, rb->cell_bytes);
	if (memchr(s, '\0', len))
		return err_set(e, KC_EINVAL, "Ô %s%lld chứa ký tự NUL: tệp không phải văn bản",
		        io_col_name(col, name), (long long)rb->row.number);
	for (int i = rb->row.n; i <= col; i++)
		rb->cells[i] = (IoCell){.type = IO_CELL_EMPTY};
	if (col >= rb->row.n)
		rb->row.n = col + 1;
	if (len == 0 && type == IO_CELL_TEXT)
		type = IO_CELL_EMPTY;
	size_t at = rb->text.len;
	if (ascii(s, len)) {
		buf_append(&rb->text, s, len);
	} else {
		Err why;
		if (vn_nfc(&rb->text, s, len, &why))
			return err_set(e, KC_EINVAL, "Ô %s%lld: %s", io_col_name(col, name),
			        (long long)rb->row.number, why.msg);
	}
	buf_putc(&rb->text, '\0');
	if (buf_err(&rb->text))
		return err_set(
		        e, KC_ETOOBIG, "Dòng %lld dài quá giới hạn", (long long)rb->row.number);
	rb->at[col] = at;
	rb->cells[col] = (IoCell){.type = type, .len = rb->text.len - 1 - at};
	return 0;
}

void io_rowbuf_mark_merged(IoRowBuf *rb, int col)
{
	if (col >= 0 && col < rb->row.n)
		rb->cells[col].merged = true;
}

const IoRow *io_rowbuf_finish(IoRowBuf *rb)
{
	while (rb->row.n > 0 && rb->cells[rb->row.n - 1].type == IO_CELL_EMPTY)
		rb->row.n--;
	for (int i = 0; i < rb->row.n; i++)
		rb->cells[i].text =
		        rb->cells[i].type == IO_CELL_EMPTY ? "" : rb->text.data + rb->at[i];
	return &rb->row;
}

/* ---- Book -------------------------------------------------------------------------- */

/* The first bytes a file's format is told from: a NUL among them is a binary
 * file (an image, a PDF), refused before it is read as text. */
enum { FMT_CSV, FMT_XLSX, SNIFF_BYTES = 4096 };

/* What the first bytes say the file is: an XLSX (a zip archive), or text;
 * formats we cannot read are refused by name. */
static int sniff(const unsigned char *p, size_t n, const char *name, int *fmt, Err *e)
{
	char q[VN_QUOTE_MAX];
	vn_quote(q, sizeof q, name, strlen(name));
	if (n >= 4 && !memcmp(p, "PK", 2)) {
		*fmt = FMT_XLSX;
		return 0;
	}
	if (n >= 4 && !memcmp(p, "\xD0\xCF\x11\xE0", 4))
		return err_set(e, KC_EINVAL,
		        "Tệp '%s' là tệp Excel 97-2003 (.xls) hoặc tệp có mật khẩu: hãy mở bằng Excel"
		        " và lưu lại dạng .xlsx (không đặt mật khẩu)",
		        q);
	if (n >= 2 && (!memcmp(p, "\xFF\xFE", 2) || !memcmp(p, "\xFE\xFF", 2)))
		return err_set(e, KC_EINVAL,
		        "Tệp '%s' mã UTF-16 (\"Unicode Text\"): hãy lưu lại dạng CSV UTF-8 hoặc .xlsx",
		        q);
	if (memchr(p, '\0', n))
		return err_set(e, KC_EINVAL,
		        "Tệp '%s' không phải bảng tính .xlsx cũng không phải tệp văn bản CSV", q);
	*fmt = FMT_CSV;
	return 0;
}

static int too_big(const char *name, int64_t size, const IoLimits *l, Err *e)
{
	char q[VN_QUOTE_MAX];
	return err_set(e, KC_ETOOBIG, "Tệp '%s' lớn quá: %lld MB, giới hạn %lld MB",
	        vn_quote(q, sizeof q, name, strlen(name)),
	        (long long)((size + (1 << 20) - 1) >> 20), (long long)(l->file_bytes >> 20));
}

static IoBook *book_new(const char *name)
{
	IoBook *b = calloc(1, sizeof *b);
	if (!b || !(b->name = strdup(name)))
		abort();
	const char *base = strrchr(name, '/');
	if (!(b->sheet = strdup(base ? base + 1 : name)))
		abort();
	return b;
}

int io_book_open(IoBook **out, const char *path, const IoOpen *o, Err *e)
{
	*out = NULL;
	char q[VN_QUOTE_MAX];
	FILE *f = fopen(path, "rb");
	struct stat st;
	if (!f || fstat(fileno(f), &st) || !S_ISREG(st.st_mode)) {
		int err = f ? EISDIR : errno;
		if (f)
			fclose(f);
		return err_set(e, KC_EIO, "Không mở được tệp '%s': %s",
		        vn_quote(q, sizeof q, path, strlen(path)), strerror(err));
	}
	if (st.st_size > o->limits.file_bytes) {
		fclose(f);
		return too_big(path, st.st_size, &o->limits, e);
	}
	unsigned char head[SNIFF_BYTES];
	size_t n = fread(head, 1, sizeof head, f);
	int fmt, rc = sniff(head, n, path, &fmt, e);
	IoBook *b = rc ? NULL : book_new(path);
	if (rc == 0 && fmt == FMT_XLSX) {
		fclose(f);
		rc = io_xlsx_open(&b->xlsx, path, NULL, 0, path, o, e);
	} else if (rc == 0) {
		rewind(f);
		rc = io_csv_open(&b->csv, f, NULL, st.st_size, path, o, e);
	} else {
		fclose(f);
	}
	if (rc) {
		io_book_close(b);
		return rc;
	}
	*out = b;
	return 0;
}

int io_book_open_mem(
        IoBook **out, const char *name, const void *data, size_t size, const IoOpen *o, Err *e)
{
	*out = NULL;
	if ((int64_t)size > o->limits.file_bytes)
		return too_big(name, (int64_t)size, &o->limits, e);
	int fmt, rc = sniff(data, size < SNIFF_BYTES ? size : SNIFF_BYTES, name, &fmt, e);
	if (rc)
		return rc;
	IoBook *b = book_new(name);
	if (fmt == FMT_XLSX)
		rc = io_xlsx_open(&b->xlsx, NULL, data, size, name, o, e);
	else
		rc = io_csv_open(&b->csv, NULL, data, (int64_t)size, name, o, e);
	if (rc) {
		io_book_close(b);
		return rc;
	}
	*out = b;
	return 0;
}

void io_book_close(IoBook *b)
{
	if (!b)
		return;
	io_csv_close(b->csv);
	io_xlsx_close(b->xlsx);
	free(b->name);
	free(b->sheet);
	free(b);
}

const char *io_book_format(const IoBook *b)
{
	return b->xlsx ? "xlsx" : "csv";
}

const char *io_book_encoding(const IoBook *b)
{
	return b->xlsx ? io_xlsx_encoding(b->xlsx) : io_csv_encoding(b->csv);
}

char io_book_separator(const IoBook *b)
{
	return b->csv ? io_csv_separator(b->csv) : 0;
}

const char *io_book_name(const IoBook *b)
{
	return b->name;
}

int io_book_sheets(const IoBook *b)
{
	return b->xlsx ? io_xlsx_sheets(b->xlsx) : 1;
}

const char *io_book_sheet_name(const IoBook *b, int i)
{
	if (b->xlsx)
		return io_xlsx_sheet_name(b->xlsx, i);
	return i == 0 ? b->sheet : NULL;
}

int io_book_begin(IoBook *b, int sheet, Err *e)
{
	if (sheet < 0 || sheet >= io_book_sheets(b))
		return err_set(e, KC_ENOTFOUND, "no sheet %d", sheet);
	return b->xlsx ? io_xlsx_begin(b->xlsx, sheet, e) : io_csv_begin(b->csv, e);
}

int io_book_next(IoBook *b, const IoRow **row, Err *e)
{
	return b->xlsx ? io_xlsx_next(b->xlsx, row, e) : io_csv_next(b->csv, row, e);
}

void io_book_progress(const IoBook *b, int64_t *done, int64_t *total)
{
	if (b->xlsx)
		io_xlsx_progress(b->xlsx, done, total);
	else
		io_csv_progress(b->csv, done, total);
}
