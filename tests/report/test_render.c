/* test_render.c — the renderers, read back with the tools an office or a
 * reviewer would use: the PDF through pdftotext (and its first page kept as
 * a PNG under the build folder, tests/report/artifacts/), the XLSX by
 * unzipping its XML, the CSV and JSON as text. The table is template 1 for
 * the southern region in the first half of 2016, entered as the region's
 * consolidated figures (seed001, DOMAIN §5.4); hand-made tables test page
 * breaks and the neutralising of formula-like text. Also the khuyencong
 * report command itself. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fixture.h"
#include "report/report.h"
#include "store/store_aggregate.h"

#ifndef KC_BUILD_DIR
#define KC_BUILD_DIR "build/release"
#endif
#define ARTIFACTS KC_BUILD_DIR "/tests/report/artifacts"
#define BIN       KC_BUILD_DIR "/khuyencong"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "cli", .now = "2026-11-22T08:00:00Z"};

#define MILLION 1000000LL

/* seed001 as the southern region's figures for H1/2016, and one plan so
 * that a % is a formula. */
static const struct {
	const char *indicator, *kind;
	int64_t value;
	const char *qualifier;
} south[] = {
        {"reporting_provinces", "actual", 20, NULL},
        {"trainees", "actual", 331, NULL},
        {"trainees_pct_plan", "actual", 1900, NULL},
        {"disbursed_training", "actual", 74 * MILLION, NULL},
        {"disbursement_rate_training", "actual", 500, NULL},
        {"management_trainees", "actual", 369, NULL},
        {"disbursed_management", "actual", 412 * MILLION, NULL},
        {"disbursement_rate_management", "actual", 2000, NULL},
        {"demo_models", "actual", 5, NULL},
        {"establishments_supported", "actual", 59, NULL},
        {"disbursed_machinery", "actual", 9200 * MILLION, NULL},
        {"disbursement_rate_machinery", "actual", 3000, NULL},
        {"fair_participations", "actual", 130, "gần"},
        {"disbursed_fairs", "actual", 632 * MILLION, NULL},
        {"disbursed_fairs", "plan", 6320 * MILLION, NULL},
        {"consulting_support_amount", "actual", 164 * MILLION, NULL},
        {"disbursed_information", "actual", 1050 * MILLION, NULL},
        {"disbursement_rate_information", "actual", 3200, NULL},
        {"consulting_projects", "actual", 244, NULL},
        {"consulting_revenue", "estimate", 2800 * MILLION, "ước"},
        {"consulting_revenue_pct_plan", "actual", 5200, NULL},
};

typedef struct Fix {
	TmpDb t;
	Arena arena;
	ReportTable *table;
} Fix;

static int setup(void **state)
{
	Fix *f = calloc(1, sizeof *f);
	Err e = {0};
	if (!f || tmpdb_open(&f->t, TMPDB_LOADED) ||
	        report_templates_load(f->t.db, &officer, NULL, &e))
		goto fail;
	for (size_t i = 0; i < COUNT_OF(south); i++) {
		AggregateFigure x = store_aggregate_blank();
		x.indicator_code = south[i].indicator;
		x.scope_kind = "region";
		x.scope_code = "moit_south";
		x.period = "6 tháng đầu năm 2016";
		x.figure_kind = south[i].kind;
		x.value = south[i].value;
		x.qualifier = south[i].qualifier;
		x.source = "seed001";
		if (store_aggregate_put(f->t.db, &officer, &x, NULL, &e))
			goto fail;
	}
	ReportRequest r = {.template_id = "ket_qua_thuc_hien",
	        .period = "2016-H1",
	        .scope = "region:moit_south",
	        .now = "2026-11-22T08:00:00Z"};
	if (report_compute(f->t.db, &r, &f->arena, &f->table, &e))
		goto fail;
	mkdir(KC_BUILD_DIR "/tests", 0755);
	mkdir(KC_BUILD_DIR "/tests/report", 0755);
	mkdir(ARTIFACTS, 0755);
	*state = f;
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", e.msg);
	free(f);
	return -1;
}

static int teardown(void **state)
{
	Fix *f = *state;
	arena_free(&f->arena);
	tmpdb_close(&f->t);
	free(f);
	return 0;
}

/* ---- Helpers ------------------------------------------------------------------------ */

static void render_to(
        const ReportTable *t, ReportFormat fmt, const ReportDoc *doc, const char *path)
{
	Buf b;
	buf_init(&b, 64u << 20);
	Err e;
	if (report_render(t, fmt, doc, &b, &e))
		fail_msg("render: %s", e.msg);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.data, 1, b.len, f), b.len);
	assert_int_equal(fclose(f), 0);
	buf_free(&b);
}

/* Runs a shell command; its exit status (-1 if it did not exit), its
 * standard output in *out (free it). */
static int pipe_out(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	Buf b;
	buf_init(&b, 16u << 20);
	char block[4096];
	size_t n;
	while ((n = fread(block, 1, sizeof block, p)) > 0)
		buf_append(&b, block, n);
	int st = pclose(p);
	*out = buf_detach(&b);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The standard output of a shell command, which must succeed. Not inlined:
 * GCC 12 then mistakes the returned buffer for the local that held it
 * (-Wdangling-pointer). */
__attribute__((noinline)) static char *output_of(const char *cmd)
{
	char *out = NULL;
	int status = pipe_out(cmd, &out);
	if (status != 0)
		fail_msg("'%s' failed with status %d", cmd, status);
	return out;
}

/* A table of n rows by hand: STT, label, a number, a note. */
static ReportTable *hand_table(Arena *a, int n, const char **labels, int n_labels)
{
	ReportTable *t = arena_alloc(a, sizeof *t);
	*t = (ReportTable){.template_id = "t_hand",
	        .template_version = 1,
	        .form = "Biểu số 99",
	        .title = "BẢNG THỬ",
	        .abstract = "Bảng thử",
	        .period = "2016",
	        .period_label = "Năm 2016",
	        .scope = "province:legacy:94",
	        .scope_label = "Tỉnh Sóc Trăng",
	        .boundaries = "legacy",
	        .boundaries_label = "Theo địa giới tại thời điểm số liệu",
	        .filters = "",
	        .money_unit = 2,
	        .unit_line = "Đơn vị tính: triệu đồng",
	        .computed_at = "2026-11-22T08:00:00Z"};
	static ReportColumn cols[] = {{"stt", "STT", NULL, COL_NO, -1, -1, 0, 0},
	        {"label", "Nội dung", NULL, COL_LABEL, -1, -1, 0, 0},
	        {"money", "Kinh phí", NULL, COL_VALUE, -1, -1, 0, 0},
	        {"note", "Ghi chú", NULL, COL_NOTE, -1, -1, 0, 0}};
	t->cols = cols;
	t->n_cols = 4;
	t->n_rows = n;
	t->rows = arena_alloc(a, (size_t)n * sizeof *t->rows);
	for (int r = 0; r < n; r++) {
		char no[16], label[64];
		snprintf(no, sizeof no, "%d", r + 1);
		snprintf(label, sizeof label, "Dòng thứ %d của bảng", r + 1);
		ReportRow *x = &t->rows[r];
		x->no = arena_strdup(a, no);
		x->label = r < n_labels ? labels[r] : arena_strdup(a, label);
		x->depth = 1;
		x->cells = arena_alloc(a, 4 * sizeof *x->cells);
		x->cells[0] = (ReportCell){.type = CELL_TEXT, .text = x->no};
		x->cells[1] = (ReportCell){.type = CELL_TEXT, .text = x->label};
		x->cells[2] =
		        (ReportCell){.type = CELL_NUM, .kind = VK_MONEY, .v = (r + 1) * MILLION};
		x->cells[3] = (ReportCell){.type = CELL_TEXT, .text = x->label};
	}
	return t;
}

/* ---- PDF ---------------------------------------------------------------------------- */

static void pdf_is_an_administrative_report(void **state)
{
	Fix *f = *state;
	const char *pdf = ARTIFACTS "/ket_qua_thuc_hien-2016-H1-moit_south.pdf";
	ReportDoc doc = {.issuer = "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
	        .number = "35/BC-CNĐP",
	        .date = "2016-08-15",
	        .signer_authority = "KT. CỤC TRƯỞNG",
	        .signer_title = "PHÓ CỤC TRƯỞNG"};
	render_to(f->table, FMT_PDF, &doc, pdf);
	char *text = output_of(
	        "pdftotext -enc UTF-8 " ARTIFACTS "/ket_qua_thuc_hien-2016-H1-moit_south.pdf -");
	assert_contains(text, "BỘ CÔNG THƯƠNG");
	assert_contains(text, "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG");
	assert_contains(text, "Số: 35/BC-CNĐP");
	assert_contains(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	assert_contains(text, "Độc lập - Tự do - Hạnh phúc");
	assert_contains(text, "Hà Nội, ngày 15 tháng 8 năm 2016");
	assert_contains(text, "BÁO CÁO");
	assert_contains(text, "Kết quả thực hiện kế hoạch khuyến công 6 tháng đầu năm 2016");
	assert_contains(text, "Đơn vị tính: triệu đồng");
	assert_contains(text, "Đào tạo nghề, truyền nghề");
	assert_contains(text, "9.200");
	assert_contains(text, "gần 130");
	assert_contains(text, "19%");
	assert_contains(text, "Nơi nhận:");
	assert_contains(text, "PHÓ CỤC TRƯỞNG");
	free(text);
	char *fonts = output_of("pdffonts " ARTIFACTS "/ket_qua_thuc_hien-2016-H1-moit_south.pdf");
	assert_contains(fonts, "LiberationSerif");
	free(fonts);
	/* The first page, for a person to look at. */
	free(output_of(
	        "pdftoppm -png -r 80 -f 1 -l 1 -singlefile " ARTIFACTS
	        "/ket_qua_thuc_hien-2016-H1-moit_south.pdf " ARTIFACTS "/ket_qua_thuc_hien-page1"));
	FILE *png = fopen(ARTIFACTS "/ket_qua_thuc_hien-page1.png", "rb");
	assert_non_null(png);
	unsigned char magic[8] = {0};
	assert_int_equal(fread(magic, 1, 8, png), 8);
	fclose(png);
	assert_memory_equal(magic, "\x89PNG\r\n\x1a\n", 8);
}

static void pdf_table_breaks_across_pages_with_its_header(void **state)
{
	(void)state;
	Arena a = {0};
	const ReportTable *t = hand_table(&a, 90, NULL, 0);
	render_to(t, FMT_PDF, NULL, ARTIFACTS "/long-table.pdf");
	char *info = output_of("pdfinfo " ARTIFACTS "/long-table.pdf");
	const char *pages = strstr(info, "Pages:");
	assert_non_null(pages);
	long n = strtol(pages + 6, NULL, 10);
	assert_true(n >= 3);
	free(info);
	char *p2 = output_of("pdftotext -enc UTF-8 -f 2 -l 2 " ARTIFACTS "/long-table.pdf -");
	assert_contains(p2, "Nội dung"); /* the header again */
	assert_contains(p2, "Ghi chú");
	assert_non_null(strstr(p2, "2\n"));  /* the page number */
	assert_null(strstr(p2, "CỘNG HÒA")); /* the motto block is page 1's */
	free(p2);
	char *all = output_of("pdftotext -enc UTF-8 " ARTIFACTS "/long-table.pdf -");
	assert_contains(all, "Dòng thứ 90 của bảng");
	assert_contains(all, "UBND TỈNH SÓC TRĂNG"); /* defaults of a province report */
	assert_contains(all, "SỞ CÔNG THƯƠNG");
	assert_contains(all, "GIÁM ĐỐC");
	free(all);
	arena_free(&a);
}

/* ---- XLSX --------------------------------------------------------------------------- */

static void xlsx_has_formulas_formats_and_print_setup(void **state)
{
	Fix *f = *state;
	const char *path = ARTIFACTS "/ket_qua_thuc_hien-2016-H1-moit_south.xlsx";
	render_to(f->table, FMT_XLSX, NULL, path);
	char *sheet =
	        output_of("unzip -p " ARTIFACTS
	                  "/ket_qua_thuc_hien-2016-H1-moit_south.xlsx xl/worksheets/sheet1.xml");
	/* Title rows 1-5, header rows 6-7, table row 0 on row 8: the provinces,
	 * the đề án, then the total (row 10) of content rows 1-9 (rows 11-19),
	 * money in column I. */
	assert_contains(sheet, "<c r=\"I10\" s=\"");
	assert_contains(sheet, "<f>SUM(I11:I19)</f><v>11532</v>");
	assert_contains(sheet, "<f>I15/H15</f><v>0.1</v>"); /* fairs: 632 of 6.320 */
	assert_contains(sheet, "<v>9200</v>");
	assert_contains(sheet, "state=\"frozen\"");
	assert_contains(sheet, "orientation=\"landscape\"");
	assert_contains(sheet, "paperSize=\"9\"");
	assert_contains(sheet, "fitToHeight=\"0\"");
	assert_contains(sheet, "Trang &amp;P/&amp;N");
	free(sheet);
	char *strings =
	        output_of("unzip -p " ARTIFACTS
	                  "/ket_qua_thuc_hien-2016-H1-moit_south.xlsx xl/sharedStrings.xml");
	assert_contains(strings, "KẾT QUẢ THỰC HIỆN KẾ HOẠCH KHUYẾN CÔNG");
	assert_contains(strings, "Biểu số 01");
	assert_contains(strings, "Đơn vị tính: triệu đồng");
	assert_contains(strings, "Đào tạo nghề, truyền nghề, nâng cao tay nghề");
	assert_contains(strings, "6 tháng đầu năm 2016 - Khu vực phía Nam");
	free(strings);
	char *styles = output_of(
	        "unzip -p " ARTIFACTS "/ket_qua_thuc_hien-2016-H1-moit_south.xlsx xl/styles.xml");
	assert_contains(styles, "formatCode=\"#,##0\"");
	assert_contains(styles, "formatCode=\"&quot;gần &quot;#,##0\"");
	assert_contains(styles, "formatCode=\"0%\"");
	assert_contains(styles, "Times New Roman");
	free(styles);
	char *book = output_of(
	        "unzip -p " ARTIFACTS "/ket_qua_thuc_hien-2016-H1-moit_south.xlsx xl/workbook.xml");
	assert_contains(book, "_xlnm.Print_Titles");
	assert_contains(book, "$6:$7");
	free(book);
}

static const char *formula_like[] = {"=HYPERLINK(\"http://x.invalid\",\"bấm\")", "+1+2", "-3",
        "@SUM(1)", "Bình thường, có dấu phẩy"};

static void text_that_looks_like_a_formula_stays_text(void **state)
{
	(void)state;
	Arena a = {0};
	const ReportTable *t = hand_table(&a, 5, formula_like, 5);
	render_to(t, FMT_XLSX, NULL, ARTIFACTS "/formula-like.xlsx");
	char *strings = output_of("unzip -p " ARTIFACTS "/formula-like.xlsx xl/sharedStrings.xml");
	assert_contains(strings, "<t>'=HYPERLINK(\"http://x.invalid\",\"bấm\")</t>");
	assert_contains(strings, "<t>'+1+2</t>");
	assert_contains(strings, "<t>'-3</t>");
	assert_contains(strings, "<t>'@SUM(1)</t>");
	assert_contains(strings, "<t>Bình thường, có dấu phẩy</t>");
	free(strings);
	char *sheet =
	        output_of("unzip -p " ARTIFACTS "/formula-like.xlsx xl/worksheets/sheet1.xml");
	assert_null(strstr(sheet, "<f>"));
	free(sheet);
	Buf csv;
	buf_init(&csv, 1 << 20);
	Err e;
	assert_int_equal(report_render(t, FMT_CSV, NULL, &csv, &e), 0);
	assert_contains(
	        buf_cstr(&csv), "\"1\",\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"bấm\"\")\",1,");
	assert_contains(buf_cstr(&csv), "\r\n\"2\",\"'+1+2\",2,");
	assert_contains(buf_cstr(&csv), "\r\n\"3\",\"'-3\",3,");
	assert_contains(buf_cstr(&csv), "\r\n\"5\",\"Bình thường, có dấu phẩy\",5,");
	buf_free(&csv);
	arena_free(&a);
}

/* A formula after a character a spreadsheet may split a cell at is kept text
 * too (Excel in vi-VN splits at ';'), as is one after leading spaces; the
 * rest is left as written. */
static const char *after_separator[] = {"Tên;=cmd|' /C calc'!A0", "a,+b", "x\t@y", "dòng\n-1",
        " =1+1", "\t=1", "Cần Thơ; Sóc Trăng, 2026 - 2030", "a; - b"};

static void formula_after_a_separator_stays_text(void **state)
{
	(void)state;
	Arena a = {0};
	const ReportTable *t = hand_table(&a, 8, after_separator, 8);
	Buf csv;
	buf_init(&csv, 1 << 20);
	Err e;
	assert_int_equal(report_render(t, FMT_CSV, NULL, &csv, &e), 0);
	const char *out = buf_cstr(&csv);
	assert_contains(out, "\r\n\"1\",\"Tên;'=cmd|' /C calc'!A0\",1,");
	assert_contains(out, "\r\n\"2\",\"a,'+b\",2,");
	assert_contains(out, "\r\n\"3\",\"x\t'@y\",3,");
	assert_contains(out, "\r\n\"4\",\"dòng\n'-1\",4,");
	assert_contains(out, "\r\n\"5\",\"' =1+1\",5,");
	assert_contains(out, "\r\n\"6\",\"'\t'=1\",6,"); /* a tab may split too */
	assert_contains(out, "\r\n\"7\",\"Cần Thơ; Sóc Trăng, 2026 - 2030\",7,");
	assert_contains(out, "\r\n\"8\",\"a;' - b\",8,");
	/* No cell of any line, split at ',' or ';' outside quotes or not, starts
	 * a formula. */
	for (const char *p = out; *p; p++)
		if (strchr(",;\t\n\"", *p)) {
			const char *q = p + 1 + strspn(p + 1, " \"");
			if (strchr("=+@", *q) && *q)
				fail_msg("a cell starts a formula at '%.30s'", q);
		}
	buf_free(&csv);
	arena_free(&a);
}

/* ---- CSV and JSON ------------------------------------------------------------------- */

static void csv_has_a_bom_and_plain_numbers(void **state)
{
	Fix *f = *state;
	Buf b;
	buf_init(&b, 1 << 20);
	Err e;
	assert_int_equal(report_render(f->table, FMT_CSV, NULL, &b, &e), 0);
	assert_memory_equal(b.data,
	        "\xEF\xBB\xBF"
	        "\"STT\",\"Nội dung hoạt động\",\"ĐVT\",\"Khối lượng: Kế hoạch\",",
	        3 + 64);
	assert_contains(buf_cstr(&b), "\r\n\"4\",\"Chuyển giao công nghệ, ứng dụng máy móc thiết"
	                              " bị tiên tiến\",\"cơ sở\",,59,,,,9200,,30,,9200,");
	assert_contains(
	        buf_cstr(&b), "\r\n,\"TỔNG KINH PHÍ (1 - 9)\",,,,,,6320,11532,,,,11532,\r\n");
	assert_contains(buf_cstr(&b), "\r\n\"5\",");
	assert_contains(buf_cstr(&b), ",130,"); /* the qualifier lives in JSON */
	buf_free(&b);
}

static void json_reads_back_to_the_same_table(void **state)
{
	Fix *f = *state;
	Buf one, two;
	buf_init(&one, 4 << 20);
	buf_init(&two, 4 << 20);
	Err e;
	assert_int_equal(report_render(f->table, FMT_JSON, NULL, &one, &e), 0);
	assert_contains(buf_cstr(&one), "\"text\":\"gần 130\"");
	assert_contains(
	        buf_cstr(&one), "\"value\":9200000000,\"kind\":\"money\",\"text\":\"9.200\"");
	Arena a = {0};
	ReportTable *back;
	assert_int_equal(report_table_from_json(one.data, one.len, &a, &back, &e), 0);
	assert_int_equal(report_render(back, FMT_JSON, NULL, &two, &e), 0);
	assert_string_equal(buf_cstr(&one), buf_cstr(&two));
	/* Broken stored text is refused, not trusted. */
	assert_int_equal(report_table_from_json("{\"rows\": 3}", 11, &a, &back, &e), KC_EINVAL);
	const char *bad_sum = strstr(one.data, "\"sum_of\":[");
	assert_non_null(bad_sum);
	Buf broken;
	buf_init(&broken, 4 << 20);
	buf_append(&broken, one.data, (size_t)(bad_sum - one.data) + 10);
	buf_puts(&broken, "999");
	buf_puts(&broken, bad_sum + 10 + strspn(bad_sum + 10, "0123456789"));
	assert_int_equal(report_table_from_json(broken.data, broken.len, &a, &back, &e), KC_EINVAL);
	assert_contains(e.msg, "names row 999");
	buf_free(&broken);
	buf_free(&one);
	buf_free(&two);
	arena_free(&a);
}

/* ---- The command -------------------------------------------------------------------- */

/* Runs khuyencong with args; returns the exit status, its output (standard
 * output and error) in out. */
/* Runs the program with ARGS and returns what it printed (stdout and stderr);
 * an exit status other than WANT fails the test and shows that output. */
static char *run(const char *args, int want)
{
	char cmd[2048], *out;
	snprintf(cmd, sizeof cmd, "%s %s 2>&1", BIN, args);
	int status = pipe_out(cmd, &out);
	if (status != want)
		fail_msg("khuyencong %s: exit status %d, expected %d; it printed:\n%s", args,
		        status, want, out);
	return out;
}

static void the_report_command(void **state)
{
	Fix *f = *state;
	char args[1024], *out;
	const char *db = f->t.path;
	snprintf(args, sizeof args, "report --list --db %s", db);
	out = run(args, 0);
	assert_true(!strncmp(out, "ket_qua_thuc_hien\t", 18));
	assert_contains(out, "\ntien_do_de_an\t");
	free(out);
	snprintf(args, sizeof args,
	        "report --db %s --template ket_qua_thuc_hien --period '6 tháng đầu năm 2016'"
	        " --scope region:moit_south --format csv",
	        db);
	out = run(args, 0);
	assert_contains(out, "9200");
	free(out);
	snprintf(args, sizeof args,
	        "report --db %s --template ket_qua_thuc_hien --period 2016-H1"
	        " --scope region:moit_south --format pdf -o %s/cli.pdf",
	        db, ARTIFACTS);
	out = run(args, 0);
	free(out);
	free(output_of("pdftotext " ARTIFACTS "/cli.pdf /dev/null"));
	snprintf(args, sizeof args,
	        "report submit --db %s --template ket_qua_thuc_hien --period 2016-H1"
	        " --scope region:moit_south --user truong.phong --note 'Báo cáo hội nghị'",
	        db);
	out = run(args, 0);
	assert_contains(out, "version 1");
	free(out);
	snprintf(args, sizeof args, "report versions --db %s --template ket_qua_thuc_hien", db);
	out = run(args, 0);
	assert_contains(out, "region:moit_south\t2016-H1\tv1\t");
	assert_contains(out, "truong.phong");
	free(out);
	snprintf(args, sizeof args, "report show --db %s --snapshot 1 --format csv", db);
	out = run(args, 0);
	assert_contains(out, "11532");
	free(out);
	/* Wrong usage is 2, a refused request 1 with the Vietnamese reason. */
	snprintf(args, sizeof args, "report --db %s --template ket_qua_thuc_hien", db);
	out = run(args, 2);
	free(out);
	snprintf(args, sizeof args,
	        "report --db %s --template ket_qua_thuc_hien --period 2016 --scope tinh:94", db);
	out = run(args, 1);
	assert_contains(out, "Phạm vi 'tinh:94' không hợp lệ");
	free(out);
	snprintf(args, sizeof args,
	        "report --db %s --template ket_qua_thuc_hien --period 2016 --scope nation"
	        " --format docx",
	        db);
	out = run(args, 1);
	assert_contains(out, "Định dạng 'docx' không có");
	free(out);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, pdf_is_an_administrative_report);
	TL_ADD(&tl, pdf_table_breaks_across_pages_with_its_header);
	TL_ADD(&tl, xlsx_has_formulas_formats_and_print_setup);
	TL_ADD(&tl, text_that_looks_like_a_formula_stays_text);
	TL_ADD(&tl, csv_has_a_bom_and_plain_numbers);
	TL_ADD(&tl, formula_after_a_separator_stays_text);
	TL_ADD(&tl, json_reads_back_to_the_same_table);
	TL_ADD(&tl, the_report_command);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = setup;
		tl.v[i].teardown_func = teardown;
	}
	int failed = tl_run(&tl, "render");
	report_render_release();
	return failed;
}
