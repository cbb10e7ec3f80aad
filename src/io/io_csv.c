/* io_csv.c — see io_csv.h. */
#include "io/io_csv.h"

#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"
#include "io/io_encoding.h"

enum { BLOCK = 1 << 16, SAMPLE = 1 << 20, SAMPLE_LINES = 50 };

struct IoCsv {
	FILE *f;                  /* the file, or NULL for text in memory */
	const unsigned char *mem; /* the text in memory */
	int64_t total;            /* its size */
	int64_t offset;           /* where buf starts in the text */
	unsigned char *block;     /* a block read from f */
	const unsigned char *buf; /* the current block: block, or mem */
	size_t len, pos;          /* of buf */
	char *name;
	IoLimits lim;
	IoDecoder *dec;
	char sep;
	size_t bom;    /* bytes of a UTF-8 byte order mark at the start */
	int64_t rowno; /* the record being read */
	IoRowBuf rb;
	Buf field, conv;
};

/* The next block of the file; false at its end (or on a read error, which
 * ferror tells). */
static bool refill(IoCsv *c)
{
	if (!c->f)
		return false;
	c->offset += (int64_t)c->len;
	c->len = fread(c->block, 1, BLOCK, c->f);
	c->pos = 0;
	return c->len > 0;
}

static int getbyte(IoCsv *c)
{
	if (c->pos == c->len && !refill(c))
		return -1;
	return c->buf[c->pos++];
}

static int rewind_text(IoCsv *c, Err *e)
{
	if (c->f) {
		if (fseek(c->f, 0, SEEK_SET))
			return err_set(e, KC_EIO, "cannot rewind '%s'", c->name);
		c->offset = 0;
		c->len = c->pos = 0;
		refill(c);
		c->offset = 0;
	} else {
		c->buf = c->mem;
		c->len = (size_t)c->total;
		c->pos = 0;
	}
	c->pos = c->bom < c->len ? c->bom : c->len;
	c->rowno = 0;
	return 0;
}

/* The separator used most outside quotes in the sample's first lines:
 * ';', ',' or a tab (',' when none is). */
static char find_separator(const unsigned char *s, size_t n)
{
	size_t comma = 0, semi = 0, tab = 0;
	bool quoted = false;
	int lines = 0;
	for (size_t i = 0; i < n && lines < SAMPLE_LINES; i++) {
		unsigned char ch = s[i];
		if (ch == '"')
			quoted = !quoted;
		else if (!quoted && ch == '\n')
			lines++;
		else if (!quoted)
			comma += ch == ',', semi += ch == ';', tab += ch == '\t';
	}
	if (semi >= comma && semi >= tab && semi > 0)
		return ';';
	return tab > comma ? '\t' : ',';
}

static int choose_encoding(IoCsv *c, const IoOpen *o, const unsigned char *s, size_t n, Err *e)
{
	IoEncoding enc = IO_ENC_UTF8;
	int rc = 0;
	if (o->encoding && strcmp(o->encoding, "auto"))
		rc = io_enc_parse(o->encoding, &enc, e);
	else if (!c->bom)
		rc = io_enc_detect((const char *)s, n, &enc, e);
	return rc ? rc : io_dec_new(&c->dec, enc, e);
}

int io_csv_open(IoCsv **out, FILE *f, const void *data, int64_t total, const char *name,
        const IoOpen *o, Err *e)
{
	*out = NULL;
	IoCsv *c = calloc(1, sizeof *c);
	if (!c || !(c->name = strdup(name)))
		abort();
	c->f = f;
	c->mem = data;
	c->total = total;
	c->lim = o->limits;
	io_rowbuf_init(&c->rb, &c->lim);
	buf_init(&c->field, c->lim.cell_bytes);
	buf_init(&c->conv, 3 * c->lim.cell_bytes + 16);
	unsigned char *sample = NULL;
	const unsigned char *s = data;
	size_t n = (size_t)total;
	if (f) {
		if (!(c->block = malloc(BLOCK)) || !(sample = malloc(SAMPLE)))
			abort();
		c->buf = c->block;
		n = fread(sample, 1, SAMPLE, f);
		s = sample;
	}
	n = n < SAMPLE ? n : SAMPLE;
	if (n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
		c->bom = 3;
	int rc = choose_encoding(c, o, s + c->bom, n - c->bom, e);
	c->sep = find_separator(s + c->bom, n - c->bom);
	free(sample);
	if (rc == 0)
		rc = rewind_text(c, e);
	if (rc) {
		io_csv_close(c);
		return rc;
	}
	*out = c;
	return 0;
}

void io_csv_close(IoCsv *c)
{
	if (!c)
		return;
	if (c->f)
		fclose(c->f);
	io_dec_free(c->dec);
	io_rowbuf_free(&c->rb);
	buf_free(&c->field);
	buf_free(&c->conv);
	free(c->block);
	free(c->name);
	free(c);
}

int io_csv_begin(IoCsv *c, Err *e)
{
	return rewind_text(c, e);
}

/* Hands the field read to the row as cell col, converted to UTF-8. Empty
 * fields past the column limit (a row of trailing separators) are dropped. */
static int end_field(IoCsv *c, int col, Err *e)
{
	char name[8];
	if (buf_err(&c->field))
		return err_set(e, KC_ETOOBIG, "Ô %s%lld dài quá giới hạn %zu byte",
		        io_col_name(col, name), (long long)c->rowno, c->lim.cell_bytes);
	int rc = 0;
	if (c->field.len || col < c->lim.columns) {
		buf_reset(&c->conv);
		io_dec_run(c->dec, buf_cstr(&c->field), c->field.len, &c->conv);
		rc = io_rowbuf_set(&c->rb, col, IO_CELL_TEXT, buf_cstr(&c->conv), c->conv.len, e);
	}
	buf_reset(&c->field);
	return rc;
}

enum { START, PLAIN, QUOTED, AFTER_QUOTE };

/* Reads one record into the row; *got is false at the end of the text. */
static int read_record(IoCsv *c, bool *got, Err *e)
{
	*got = false;
	int ch = getbyte(c);
	if (ch < 0)
		return 0;
	if (++c->rowno > c->lim.rows)
		return err_set(e, KC_ETOOBIG, "Tệp có quá %lld dòng", (long long)c->lim.rows);
	*got = true;
	io_rowbuf_start(&c->rb, c->rowno);
	buf_reset(&c->field);
	int col = 0, state = START, rc = 0;
	for (; rc == 0; ch = getbyte(c)) {
		if (ch < 0) {
			if (state == QUOTED)
				return err_set(e, KC_EINVAL,
				        "Tệp CSV kết thúc giữa một ô mở ngoặc kép ở dòng %lld: tệp bị"
				        " cắt cụt hoặc thiếu dấu \" đóng",
				        (long long)c->rowno);
			return end_field(c, col, e);
		}
		if (state == QUOTED) {
			if (ch != '"')
				buf_putc(&c->field, (char)ch);
			else if ((ch = getbyte(c)) == '"')
				buf_putc(&c->field, '"');
			else {
				state = AFTER_QUOTE;
				if (ch >= 0)
					c->pos--;
			}
		} else if (ch == c->sep) {
			rc = end_field(c, col++, e);
			state = START;
		} else if (ch == '\n' || ch == '\r') {
			if (ch == '\r' && (ch = getbyte(c)) >= 0 && ch != '\n')
				c->pos--;
			return end_field(c, col, e);
		} else if (ch == '"' && state == START) {
			state = QUOTED;
		} else {
			buf_putc(&c->field, (char)ch);
			if (state == START)
				state = PLAIN;
		}
	}
	return rc;
}

int io_csv_next(IoCsv *c, const IoRow **row, Err *e)
{
	*row = NULL;
	for (;;) {
		bool got;
		int rc = read_record(c, &got, e);
		if (rc)
			return rc;
		if (c->f && ferror(c->f))
			return err_set(e, KC_EIO, "Đọc tệp '%s' bị lỗi", c->name);
		if (!got)
			return 0;
		const IoRow *r = io_rowbuf_finish(&c->rb);
		if (r->n > 0) {
			*row = r;
			return 0;
		}
	}
}

const char *io_csv_encoding(const IoCsv *c)
{
	return io_enc_name(io_dec_encoding(c->dec));
}

char io_csv_separator(const IoCsv *c)
{
	return c->sep;
}

void io_csv_progress(const IoCsv *c, int64_t *done, int64_t *total)
{
	*done = c->offset + (int64_t)c->pos;
	*total = c->total;
}
