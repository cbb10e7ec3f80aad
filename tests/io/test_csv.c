/* test_csv.c — the CSV reader and the encodings: separators, quotes, line
 * ends, byte order marks, row numbers, the legacy Vietnamese encodings, and
 * every limit and malformation refused with a clear message. */
#include "io/io_test.h"

#include <unistd.h>

#include "io/io_encoding.h"
#include "io/io_sheet.h"

/* Reads every row of bytes as CSV into out as "row:cell|cell\n"; returns
 * the reader's code (0 at the end), its message in e. */
static int rows_of(
        const char *bytes, size_t n, const IoOpen *o, char *out, size_t cap, Err *e, char *enc)
{
	IoBook *b;
	int rc = io_book_open_mem(&b, "t.csv", bytes, n, o, e);
	if (rc)
		return rc;
	if (enc)
		snprintf(enc, 16, "%s%c", io_book_encoding(b), io_book_separator(b));
	rc = io_book_begin(b, 0, e);
	const IoRow *r;
	size_t used = 0;
	out[0] = '\0';
	while (rc == 0 && (rc = io_book_next(b, &r, e)) == 0 && r) {
		used += (size_t)snprintf(out + used, cap - used, "%lld:", (long long)r->number);
		for (int i = 0; i < r->n; i++)
			used += (size_t)snprintf(
			        out + used, cap - used, "%s%s", i ? "|" : "", r->cells[i].text);
		used += (size_t)snprintf(out + used, cap - used, "\n");
	}
	io_book_close(b);
	return rc;
}

typedef struct Case {
	const char *why;
	const char *in;
	const char *rows;
	const char *enc; /* encoding and separator: "utf-8;" */
} Case;

static const Case cases[] = {
        {"semicolon, as Excel writes in Vietnamese", "STT;Tên\n1;Bánh pía\n",
                "1:STT|Tên\n2:1|Bánh pía\n", "utf-8;"},
        {"comma, quoted decimal comma", "a,b\n\"6.047,5\",x\n", "1:a|b\n2:6.047,5|x\n", "utf-8,"},
        {"tab", "a\tb\tc\n1\t2\t3\n", "1:a|b|c\n2:1|2|3\n", "utf-8\t"},
        {"quotes, doubled quotes, line break in a cell",
                "a;b\n\"x;y\";\"he said \"\"hi\"\"\"\n\"two\nlines\";z\n",
                "1:a|b\n2:x;y|he said \"hi\"\n3:two\nlines|z\n", "utf-8;"},
        {"CRLF and CR line ends", "a;b\r\n1;2\r3;4\r\n", "1:a|b\n2:1|2\n3:3|4\n", "utf-8;"},
        {"byte order mark", "\xEF\xBB\xBFT\xC3\xAAn;x\n", "1:Tên|x\n", "utf-8;"},
        {"blank lines count as rows", "a;b\n\n;\n1;2\n", "1:a|b\n4:1|2\n", "utf-8;"},
        {"trailing separators dropped", "a;b;;;\n", "1:a|b\n", "utf-8;"},
        {"no final line break", "a;b\n1;2", "1:a|b\n2:1|2\n", "utf-8;"},
        {"decomposed Unicode made NFC", "Ho\xCC\x80\x61;x\n", "1:Hòa|x\n", NULL},
        {"Windows-1258 with separate tones", "T\xean;c\xf5 s\xfd\xd2\n", "1:Tên|cơ sử\n",
                "cp1258;"},
        {"TCVN3 (ABC)", "Vi\xd6t Nam;\xae\xb8\n", "1:Việt Nam|đá\n", "tcvn3;"},
        {"VNI",
                "Vie\xe4t Nam;\xf1"
                "a\xf8 N\xf6\xf4\xf9"
                "c\n",
                "1:Việt Nam|đà Nước\n", "vni;"},
};

static void reads(void **state)
{
	const Case *c = *state;
	IoOpen o = io_open_default();
	char out[1024], enc[16];
	Err e = {0};
	int rc = rows_of(c->in, strlen(c->in), &o, out, sizeof out, &e, enc);
	if (rc)
		fail_msg("%s", e.msg);
	assert_string_equal(out, c->rows);
	if (c->enc)
		assert_string_equal(enc, c->enc);
}

typedef struct Bad {
	const char *why;
	const char *in;
	size_t n; /* 0: strlen */
	void (*limit)(IoOpen *);
	int code;
	const char *says;
} Bad;

static void two_columns(IoOpen *o)
{
	o->limits.columns = 2;
}
static void short_cells(IoOpen *o)
{
	o->limits.cell_bytes = 4;
}
static void two_rows(IoOpen *o)
{
	o->limits.rows = 2;
}
static void tiny_files(IoOpen *o)
{
	o->limits.file_bytes = 8;
}

static const Bad bad[] = {
        {"quote never closed (truncated)", "a;b\n\"open;x\n", 0, NULL, KC_EINVAL,
                "kết thúc giữa một ô mở ngoặc kép ở dòng 2"},
        {"too many columns", "a;b;c\n", 0, two_columns, KC_ETOOBIG, "vượt quá giới hạn 2 cột"},
        {"cell too long", "abcdefgh\n", 0, short_cells, KC_ETOOBIG, "Ô A1 dài quá giới hạn 4"},
        {"too many rows", "1\n2\n3\n", 0, two_rows, KC_ETOOBIG, "quá 2 dòng"},
        {"file too big", "123456789\n", 0, tiny_files, KC_ETOOBIG, "lớn quá"},
        {"UTF-16",
                "\xFF\xFE"
                "a\0b\0",
                6, NULL, KC_EINVAL, "UTF-16"},
        {"binary", "ab\0cd", 5, NULL, KC_EINVAL, "không phải tệp văn bản CSV"},
        {"old .xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, NULL, KC_EINVAL, "Excel 97-2003"},
        {"UTF-8 broken after the sample", NULL, 0, NULL, KC_EINVAL, "không phải UTF-8"},
};

static void refuses(void **state)
{
	const Bad *c = *state;
	IoOpen o = io_open_default();
	if (c->limit)
		c->limit(&o);
	char *in = (char *)c->in;
	size_t n = c->n ? c->n : in ? strlen(in) : 0;
	if (!in) { /* 1 MiB of ASCII, then a byte that is not UTF-8 */
		n = (1 << 20) + 16;
		in = malloc(n);
		memset(in, 'a', n);
		for (size_t i = 100; i < n; i += 100)
			in[i] = '\n';
		in[n - 3] = '\xff';
	}
	Err e = {0};
	char *out = malloc(1 << 22);
	int rc = rows_of(in, n, &o, out, 1 << 22, &e, NULL);
	free(out);
	if (in != c->in)
		free(in);
	assert_int_equal(rc, c->code);
	assert_contains(e.msg, c->says);
}

/* A file is read in blocks: a cell across a block boundary is whole. */
static void reads_a_file_in_blocks(void **state)
{
	(void)state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_EMPTY), 0);
	Buf b;
	buf_init(&b, 1 << 24);
	buf_puts(&b, "STT;Tên\n");
	for (int i = 1; i <= 20000; i++)
		buf_printf(&b, "%d;\"Cơ sở số %d\"\n", i, i);
	char path[256];
	tio_write(path, t.dir, "big.csv", b.data, b.len);
	IoOpen o = io_open_default();
	IoBook *book;
	Err e = {0};
	assert_int_equal(io_book_open(&book, path, &o, &e), 0);
	assert_string_equal(io_book_sheet_name(book, 0), "big.csv");
	assert_int_equal(io_book_begin(book, 0, &e), 0);
	const IoRow *r;
	int rows = 0;
	while (io_book_next(book, &r, &e) == 0 && r) {
		rows++;
		if (r->number > 1) {
			char want[64];
			snprintf(want, sizeof want, "Cơ sở số %lld", (long long)r->number - 1);
			assert_string_equal(r->cells[1].text, want);
		}
	}
	int64_t done, total;
	io_book_progress(book, &done, &total);
	assert_int_equal(done, total);
	assert_int_equal(total, (int64_t)b.len);
	assert_int_equal(rows, 20001);
	/* A second pass reads the same rows. */
	assert_int_equal(io_book_begin(book, 0, &e), 0);
	assert_int_equal(io_book_next(book, &r, &e), 0);
	assert_int_equal(r->number, 1);
	io_book_close(book);
	buf_free(&b);
	tmpdb_close(&t);
}

static void names_an_encoding(void **state)
{
	(void)state;
	IoEncoding enc;
	Err e = {0};
	assert_int_equal(io_enc_parse("TCVN3", &enc, &e), 0);
	assert_int_equal(enc, IO_ENC_TCVN3);
	assert_int_equal(io_enc_parse("windows-1258", &enc, &e), 0);
	assert_int_equal(enc, IO_ENC_CP1258);
	assert_int_equal(io_enc_parse("koi8", &enc, &e), KC_EINVAL);
	assert_contains(e.msg, "chọn một trong: utf-8, cp1258, tcvn3, vni");
	/* A named encoding is used, not guessed. */
	IoOpen o = io_open_default();
	o.encoding = "vni";
	char out[256], got[16];
	assert_int_equal(rows_of("Vie\xe4t\n", 6, &o, out, sizeof out, &e, got), 0);
	assert_string_equal(out, "1:Việt\n");
	assert_string_equal(got, "vni,");
}

/* Legacy text that Excel kept as Latin letters is recovered. */
static void latin_text_of_legacy_fonts(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 256);
	assert_true(io_enc_latin_bytes("Vieät Nam", strlen("Vieät Nam"), &b));
	assert_string_equal(buf_cstr(&b), "Vie\xe4t Nam");
	buf_reset(&b);
	assert_false(io_enc_latin_bytes("Việt", strlen("Việt"), &b));
	assert_int_equal(b.len, 0);
	IoEncoding enc;
	Err e = {0};
	assert_int_equal(io_enc_detect_latin("Vie\xe4t Nam \xf1"
	                                     "a\xf8",
	                         14, &enc, &e),
	        0);
	assert_int_equal(enc, IO_ENC_VNI);
	assert_int_equal(io_enc_detect_latin("Caf\xe9 cr\xe8me", 11, &enc, &e), 0);
	assert_int_equal(enc, IO_ENC_UTF8); /* French stays as it is */
	buf_free(&b);
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(cases); i++)
		tl_addf(&tl, reads, (void *)&cases[i], "reads: %s", cases[i].why);
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, refuses, (void *)&bad[i], "refuses: %s", bad[i].why);
	TL_ADD(&tl, reads_a_file_in_blocks);
	TL_ADD(&tl, names_an_encoding);
	TL_ADD(&tl, latin_text_of_legacy_fonts);
	return tl_run(&tl, "io/csv");
}
