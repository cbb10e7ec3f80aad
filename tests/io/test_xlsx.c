/* test_xlsx.c — the XLSX reader: what Excel, libxlsxwriter and LibreOffice
 * write (shared and inline strings, numbers, dates, booleans, formulas,
 * merged cells, several sheets, legacy-font text), and the broken, hostile
 * and oversized packages it must refuse with a clear message. */
#include "io/io_test.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include "io/io_sheet.h"

/* Reads sheet s of the book at path into out as "row:type cell|...\n",
 * each cell as T (text) N (number) D (date) B (bool) E (error) and, when
 * it was copied from a merged range, '*'. */
static int dump(const char *path, const IoOpen *o, int s, char *out, size_t cap, Err *e)
{
	IoBook *b;
	int rc = io_book_open(&b, path, o, e);
	if (rc)
		return rc;
	rc = io_book_begin(b, s, e);
	const IoRow *r;
	size_t used = 0;
	out[0] = '\0';
	while (rc == 0 && (rc = io_book_next(b, &r, e)) == 0 && r) {
		used += (size_t)snprintf(out + used, cap - used, "%lld:", (long long)r->number);
		for (int i = 0; i < r->n; i++) {
			const IoCell *c = &r->cells[i];
			used += (size_t)snprintf(out + used, cap - used, "%s%c%s%s", i ? "|" : "",
			        "_TNDBE"[c->type], c -> merged ? "*" : "", c->text);
		}
		used += (size_t)snprintf(out + used, cap - used, "\n");
	}
	io_book_close(b);
	return rc;
}

static int setup(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || tmpdb_open(t, TMPDB_EMPTY))
		return -1;
	*state = t;
	return 0;
}

static int teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

static void written_by_libxlsxwriter(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/a.xlsx", t->dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Cơ sở");
	lxw_worksheet *ws2 = workbook_add_worksheet(wb, "Ghi chú");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	worksheet_merge_range(ws, 0, 0, 0, 3, "DANH SÁCH CƠ SỞ", NULL);
	worksheet_write_string(ws, 2, 0, "Tên", NULL);
	worksheet_write_number(ws, 2, 1, 6047.5, NULL);
	lxw_datetime day = {2019, 7, 2, 0, 0, 0};
	worksheet_write_datetime(ws, 2, 2, &day, date);
	worksheet_write_boolean(ws, 2, 3, 1, NULL);
	worksheet_write_formula_num(ws, 2, 4, "=B3*2", NULL, 12095);
	worksheet_merge_range(ws, 3, 0, 4, 0, "Sóc Trăng", NULL);
	worksheet_write_string(ws, 4, 1, "x", NULL);
	worksheet_write_string(ws2, 0, 0, "ghi chú", NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);

	IoOpen o = io_open_default();
	char out[2048];
	Err e = {0};
	if (dump(path, &o, 0, out, sizeof out, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(out,
	        "1:TDANH SÁCH CƠ SỞ|T*DANH SÁCH CƠ SỞ|T*DANH SÁCH CƠ SỞ|T*DANH SÁCH CƠ SỞ\n"
	        "3:TTên|N6047.5|D43648|B1|N12095\n"
	        "4:TSóc Trăng\n"
	        "5:T*Sóc Trăng|Tx\n");
	IoBook *b;
	assert_int_equal(io_book_open(&b, path, &o, &e), 0);
	assert_int_equal(io_book_sheets(b), 2);
	assert_string_equal(io_book_sheet_name(b, 1), "Ghi chú");
	assert_string_equal(io_book_format(b), "xlsx");
	io_book_close(b);
	assert_int_equal(dump(path, &o, 1, out, sizeof out, &e), 0);
	assert_string_equal(out, "1:Tghi chú\n");
}

/* In constant-memory mode libxlsxwriter writes inline strings. */
static void inline_strings(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/c.xlsx", t->dir);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, NULL);
	worksheet_write_string(ws, 0, 0, "Bánh pía", NULL);
	worksheet_write_number(ws, 0, 1, 1e-3, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	IoOpen o = io_open_default();
	char out[512];
	Err e = {0};
	assert_int_equal(dump(path, &o, 0, out, sizeof out, &e), 0);
	assert_string_equal(out, "1:TBánh pía|N0.001\n");
}

#define SHEET(rows)                                                                                \
	"<?xml version=\"1.0\"?><worksheet " TIO_NS "><sheetData>" rows "</sheetData></worksheet>"

/* Parts as other tools write them: rich text, phonetic runs, formula
 * strings, errors, cells without references, the 1904 date system. */
static void parts_as_other_tools_write_them(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/p.xlsx", t->dir);
	const char *sheet = SHEET(
	        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c t=\"inlineStr\"><is><r><t>Hòa</t></r>"
	        "<r><t xml:space=\"preserve\"> Bình</t></r></is></c><c t=\"str\"><f>A2</f><v>x</v></c>"
	        "<c t=\"e\"><v>#DIV/0!</v></c><c r=\"G2\" s=\"1\"><v>0</v></c></row>"
	        "<row><c><v>7</v></c></row>");
	const char *sst =
	        "<?xml version=\"1.0\"?><sst " TIO_NS "><si><r><t>Tên </t></r><r><t>cơ sở</t>"
	        "</r><rPh><t>ignored</t></rPh></si></sst>";
	const char *styles =
	        "<?xml version=\"1.0\"?><styleSheet " TIO_NS "><numFmts><numFmt"
	        " numFmtId=\"164\" formatCode=\"[$-42A]d/m/yyyy;@\"/></numFmts><cellXfs>"
	        "<xf numFmtId=\"0\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
	tio_xlsx(path, sheet, sst, styles);
	IoOpen o = io_open_default();
	char out[1024];
	Err e = {0};
	if (dump(path, &o, 0, out, sizeof out, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(out, "2:TTên cơ sở|THòa Bình|Tx|E#DIV/0!|_|_|D0\n3:N7\n");
}

static void legacy_font_text_is_converted(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/l.xlsx", t->dir);
	/* "Tỉnh Sóc Trăng" and "Việt Nam" typed in .VnTime (TCVN3), as Excel
	 * keeps them: the bytes' Windows-1252 letters. */
	const char *sst = "<?xml version=\"1.0\"?><sst " TIO_NS "><si><t>TØnh Sãc Tr¨ng</t></si>"
	                  "<si><t>ViÖt Nam</t></si><si><t>94</t></si></sst>";
	tio_xlsx(path,
	        SHEET("<row r=\"1\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
	              "<c t=\"s\"><v>2</v></c></row>"),
	        sst, NULL);
	IoOpen o = io_open_default();
	char out[512];
	Err e = {0};
	assert_int_equal(dump(path, &o, 0, out, sizeof out, &e), 0);
	assert_string_equal(out, "1:TTỉnh Sóc Trăng|TViệt Nam|T94\n");
	IoBook *b;
	assert_int_equal(io_book_open(&b, path, &o, &e), 0);
	assert_string_equal(io_book_encoding(b), "tcvn3");
	io_book_close(b);
}

typedef struct Bad {
	const char *why;
	void (*make)(const char *path);
	void (*limit)(IoOpen *);
	int code;
	const char *says;
} Bad;

static void truncated(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	worksheet_write_string(workbook_add_worksheet(wb, NULL), 0, 0, "x", NULL);
	workbook_close(wb);
	FILE *f = fopen(path, "rb");
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	f = fopen(path, "wb");
	fwrite(buf, 1, n / 2, f);
	fclose(f);
}

static void not_a_zip(const char *path)
{
	FILE *f = fopen(path, "wb");
	fputs("PK\3\4 but nothing after", f);
	fclose(f);
}

/* 64 MiB of one letter: under 100 KiB packed. */
static void bomb(const char *path)
{
	size_t n = (size_t)64 << 20;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	const char *names[] = {"xl/worksheets/sheet1.xml"};
	const char *data[] = {big};
	tio_zip(path, names, data, 1);
	free(big);
}

static void many_members(const char *path)
{
	const char *names[] = {"a", "b", "c", "d"};
	const char *data[] = {"1", "2", "3", "4"};
	tio_zip(path, names, data, 4);
}

static void malformed_xml(const char *path)
{
	tio_xlsx(path, SHEET("<row r=\"1\"><c><v>1</v></row>"), NULL, NULL);
}

static void deep_xml(const char *path)
{
	Buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, "<?xml version=\"1.0\"?><worksheet " TIO_NS "><sheetData>");
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "<row>");
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "</row>");
	buf_puts(&b, "</sheetData></worksheet>");
	tio_xlsx(path, buf_cstr(&b), NULL, NULL);
	buf_free(&b);
}

static void laughs(const char *path)
{
	tio_xlsx(path,
	        "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b"
	        " \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><worksheet " TIO_NS
	        "><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData>"
	        "</worksheet>",
	        NULL, NULL);
}

static void bad_string_index(const char *path)
{
	tio_xlsx(path, SHEET("<row><c t=\"s\"><v>5</v></c></row>"),
	        "<?xml version=\"1.0\"?><sst " TIO_NS "><si><t>x</t></si></sst>", NULL);
}

static void no_workbook(const char *path)
{
	const char *names[] = {"hello.txt"};
	const char *data[] = {"hi"};
	tio_zip(path, names, data, 1);
}

/* A member stored uncompressed whose directory says it is shorter than it
 * is: reading past the declared size is corruption, not more data. */
static void lying_size(const char *path)
{
	tio_xlsx(path, SHEET("<row><c><v>1</v></c></row>"), NULL, NULL);
	FILE *f = fopen(path, "r+b");
	char buf[1 << 16];
	size_t n = fread(buf, 1, sizeof buf, f);
	/* Shrink the declared size of the sheet in both headers. */
	for (size_t i = 0; i + 46 < n; i++) {
		bool local = !memcmp(buf + i, "PK\3\4", 4), central = !memcmp(buf + i, "PK\1\2", 4);
		size_t name_at = local ? i + 30 : i + 46, len_at = local ? i + 26 : i + 28;
		size_t size_at = local ? i + 22 : i + 24;
		if (!local && !central)
			continue;
		size_t len = (unsigned char)buf[len_at] | (unsigned char)buf[len_at + 1] << 8;
		if (len == 24 && !memcmp(buf + name_at, "xl/worksheets/sheet1.xml", 24))
			buf[size_at] = 10, buf[size_at + 1] = 0, buf[size_at + 2] = 0,
			buf[size_at + 3] = 0;
	}
	rewind(f);
	fwrite(buf, 1, n, f);
	fclose(f);
}

static void small_members(IoOpen *o)
{
	o->limits.entry_bytes = 16 << 20;
}
static void three_members(IoOpen *o)
{
	o->limits.zip_entries = 3;
}

static const Bad bad[] = {
        {"truncated zip", truncated, NULL, KC_EINVAL, "bị cắt cụt hoặc hỏng"},
        {"not a zip", not_a_zip, NULL, KC_EINVAL, "không đọc được như tệp .xlsx"},
        {"zip bomb", bomb, small_members, KC_ETOOBIG, "giải nén ra 64 MB, vượt giới hạn 16 MB"},
        {"too many members", many_members, three_members, KC_ETOOBIG, "có 4 phần, vượt giới hạn 3"},
        {"no workbook", no_workbook, NULL, KC_EINVAL, "thiếu phần 'xl/workbook.xml'"},
        {"malformed XML", malformed_xml, NULL, KC_EINVAL, "XML hỏng ở dòng 1"},
        {"nested 10 000 deep", deep_xml, NULL, KC_ETOOBIG, "XML lồng nhau quá 64 tầng"},
        {"entities (billion laughs)", laughs, NULL, KC_EINVAL, "DTD"},
        {"shared string out of range", bad_string_index, NULL, KC_EINVAL, "chuỗi số '5' không có"},
        {"member longer than declared", lying_size, NULL, KC_EINVAL, "hỏng"},
};

static void refuses(void **state)
{
	const Bad *c = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	char path[256];
	snprintf(path, sizeof path, "%s/bad.xlsx", t.dir);
	c->make(path);
	IoOpen o = io_open_default();
	if (c->limit)
		c->limit(&o);
	char out[1024];
	Err e = {0};
	int rc = dump(path, &o, 0, out, sizeof out, &e);
	if (rc != c->code)
		fail_msg("got %d '%s'", rc, e.msg);
	assert_contains(e.msg, c->says);
	/* Imported, the file is an error of the report and changes nothing. */
	uint64_t before = tmpdb_checksum(t.db);
	ImportOptions io = io_import_options();
	io.open = o;
	io.commit = true;
	ImportReport r;
	assert_int_equal(io_import_file(t.db, path, &io, &r, &e), 0);
	assert_false(r.committed);
	tio_expect(&r, 0, -1, false, c->says);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t.db) == before);
	tmpdb_close(&t);
}

/* What LibreOffice writes from a CSV reads like the CSV. */
static void written_by_libreoffice(void **state)
{
	TmpDb *t = *state;
	if (system("command -v soffice >/dev/null 2>&1") != 0)
		skip(); /* CI installs it (scripts/deps.sh) */
	char csv[256], cmd[1024], xlsx[300];
	tio_text(csv, t->dir, "lo.csv",
	        "DANH SÁCH;;\nSTT;Tên cơ sở;Số lao động\n1;Bánh pía Tân Huê Viên;45\n2;Mây tre;"
	        "1234\n");
	snprintf(cmd, sizeof cmd,
	        "cd %s && HOME=%s timeout 120 soffice --headless --infilter=CSV:59,34,76,1"
	        " --convert-to xlsx lo.csv >/dev/null 2>&1",
	        t->dir, t->dir);
	assert_int_equal(system(cmd), 0);
	snprintf(xlsx, sizeof xlsx, "%s/lo.xlsx", t->dir);
	IoOpen o = io_open_default();
	char out[1024];
	Err e = {0};
	if (dump(xlsx, &o, 0, out, sizeof out, &e))
		fail_msg("%s", e.msg);
	assert_string_equal(out, "1:TDANH SÁCH\n2:TSTT|TTên cơ sở|TSố lao động\n"
	                         "3:N1|TBánh pía Tân Huê Viên|N45\n4:N2|TMây tre|N1234\n");
}

int main(void)
{
	TestList tl = {0};
	tl_add(&tl, "written_by_libxlsxwriter", written_by_libxlsxwriter, NULL);
	tl_add(&tl, "inline_strings", inline_strings, NULL);
	tl_add(&tl, "parts_as_other_tools_write_them", parts_as_other_tools_write_them, NULL);
	tl_add(&tl, "legacy_font_text_is_converted", legacy_font_text_is_converted, NULL);
	tl_add(&tl, "written_by_libreoffice", written_by_libreoffice, NULL);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, refuses, (void *)&bad[i], "refuses: %s", bad[i].why);
	return tl_run(&tl, "io/xlsx");
}
