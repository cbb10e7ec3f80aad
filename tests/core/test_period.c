/* test_period.c — reporting periods: parsing, codes, labels, ranges under rules, neighbours. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/period.h"
#include "core/vntext.h"

/* The period a code names; the test asserts it parses. */
static Period P(const char *code)
{
	Period p;
	Err e = {0};
	int rc = period_parse(code, strlen(code), &p, &e);
	if (rc)
		fail_msg("%s", e.msg);
	return p;
}

static Date ymd_text(const char *dmy)
{
	Date d;
	assert_int_equal(date_parse(dmy, strlen(dmy), &d, NULL), KC_OK);
	return d;
}

static void assert_same(const Period *a, const Period *b)
{
	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->year, b->year);
	assert_int_equal(a->n, b->n);
	assert_int_equal(a->end_year, b->end_year);
	assert_int_equal(a->to.kind, b->to.kind);
	assert_int_equal(a->to.year, b->to.year);
	assert_int_equal(a->to.n, b->to.n);
	assert_int_equal(period_compare(a, b), 0);
}

static void assert_code(const Period *p, const char *code)
{
	Buf b;
	buf_init(&b, 200);
	assert_int_equal(period_format(&b, p), KC_OK);
	assert_string_equal(buf_cstr(&b), code);
	buf_free(&b);
}

static void assert_label(const Period *p, unsigned flags, const char *label)
{
	Buf b;
	buf_init(&b, 200);
	assert_int_equal(period_label_vi(&b, p, flags), KC_OK);
	assert_string_equal(buf_cstr(&b), label);
	buf_free(&b);
}

/* Parses text and checks it names the same period as p. */
static void assert_parses_to(const char *text, const Period *p)
{
	Period q;
	Err e = {0};
	int rc = period_parse(text, strlen(text), &q, &e);
	if (rc)
		fail_msg("'%s': %s", text, e.msg);
	assert_same(&q, p);
}

/* ---- phrases: parse → code → parse, and the label ------------------------------------ */

typedef struct Phrase {
	const char *in, *code, *label;
} Phrase;

static const Phrase phrases[] = {
        /* From the seed articles and DOMAIN §8.3. */
        {"6 tháng đầu năm 2016", "2016-H1", "6 tháng đầu năm 2016"},
        {"6 tháng cuối năm 2019", "2019-H2", "6 tháng cuối năm 2019"},
        {"6 tháng đầu năm 2018", "2018-H1", "6 tháng đầu năm 2018"},
        {"Quý I/2026", "2026-Q1", "Quý I/2026"},
        {"năm 2023", "2023", "Năm 2023"},
        {"năm 2017", "2017", "Năm 2017"},
        {"giai đoạn 2021 - 2025", "2021-2025", "Giai đoạn 2021 - 2025"},
        {"giai đoạn 2016 - 2020", "2016-2020", "Giai đoạn 2016 - 2020"},
        {"giai đoạn 2012 - 2022", "2012-2022", "Giai đoạn 2012 - 2022"},
        {"Giai đoạn 2016 - 2018", "2016-2018", "Giai đoạn 2016 - 2018"},
        {"giai đoạn 2018-2020", "2018-2020", "Giai đoạn 2018 - 2020"},
        {"giai đoạn 2021-2025", "2021-2025", "Giai đoạn 2021 - 2025"},
        {"tháng 6/2019", "2019-M06", "Tháng 6/2019"},
        /* Other common writings. */
        {"Q3/2019", "2019-Q3", "Quý III/2019"},
        {"Quý III/2019", "2019-Q3", "Quý III/2019"},
        {"quý II/2020", "2020-Q2", "Quý II/2020"},
        {"Quý IV/2020", "2020-Q4", "Quý IV/2020"},
        {"quý 3/2019", "2019-Q3", "Quý III/2019"},
        {"quý III năm 2019", "2019-Q3", "Quý III/2019"},
        {"Quí I/2021", "2021-Q1", "Quý I/2021"},
        {"H1/2016", "2016-H1", "6 tháng đầu năm 2016"},
        {"h2/2016", "2016-H2", "6 tháng cuối năm 2016"},
        {"9 tháng đầu năm 2019", "2019-9M", "9 tháng đầu năm 2019"},
        {"Năm 2024", "2024", "Năm 2024"},
        {"Tháng 06/2019", "2019-M06", "Tháng 6/2019"},
        {"tháng 12 năm 2024", "2024-M12", "Tháng 12/2024"},
        {"tháng 1/2020", "2020-M01", "Tháng 1/2020"},
        {"6 THÁNG ĐẦU NĂM 2016", "2016-H1", "6 tháng đầu năm 2016"}, /* a table title */
        {"QUÝ IV/2025", "2025-Q4", "Quý IV/2025"},
        {"GIAI ĐOẠN 2021 - 2025", "2021-2025", "Giai đoạn 2021 - 2025"},
        {"6 tháng\xc2\xa0đầu năm 2016", "2016-H1", "6 tháng đầu năm 2016"},   /* no-break space */
        {"giai đoạn 2012 \u2013 2022", "2012-2022", "Giai đoạn 2012 - 2022"}, /* en dash */
        {"giai đoạn 2016\u20142020", "2016-2020", "Giai đoạn 2016 - 2020"},   /* em dash */
        {"  6  tháng   đầu  năm   2016 ", "2016-H1", "6 tháng đầu năm 2016"},
        {"\xc2\xa0năm 2023\xc2\xa0 ", "2023", "Năm 2023"},
        /* The spaces of every parser (vn_space_len): U+00A0 and U+202F at both ends. */
        {"\u00a02019-Q3\u00a0", "2019-Q3", "Quý III/2019"},
        {"\u202f2019-Q3\u202f", "2019-Q3", "Quý III/2019"},
        {"\u202fQuý III/2019\u00a0", "2019-Q3", "Quý III/2019"},
        {"6\u202ftháng đầu\u202fnăm\u00a02016", "2016-H1", "6 tháng đầu năm 2016"},
        {"\r\ngiai đoạn 2021\u202f-\u00a02025\t", "2021-2025", "Giai đoạn 2021 - 2025"},
        /* Canonical codes, and their lower-case and short-month variants. */
        {"2016-H1", "2016-H1", "6 tháng đầu năm 2016"},
        {"2016-H2", "2016-H2", "6 tháng cuối năm 2016"},
        {"2019-Q3", "2019-Q3", "Quý III/2019"},
        {"2019-M06", "2019-M06", "Tháng 6/2019"},
        {"2019-9M", "2019-9M", "9 tháng đầu năm 2019"},
        {"2016", "2016", "Năm 2016"},
        {"2021-2025", "2021-2025", "Giai đoạn 2021 - 2025"},
        {"2016-h1", "2016-H1", "6 tháng đầu năm 2016"},
        {"2019-m6", "2019-M06", "Tháng 6/2019"},
        /* One or two digits after every letter, as after M (period.h). */
        {"2016-H01", "2016-H1", "6 tháng đầu năm 2016"},
        {"2016-h02", "2016-H2", "6 tháng cuối năm 2016"},
        {"2019-Q03", "2019-Q3", "Quý III/2019"},
        {"Q03/2019", "2019-Q3", "Quý III/2019"},
        {"H01/2016", "2016-H1", "6 tháng đầu năm 2016"},
        {"quý 04/2020", "2020-Q4", "Quý IV/2020"},
        {"2019:2019-H01", "2019:2019-H1", "Lũy kế từ đầu năm đến hết 6 tháng đầu năm 2019"},
        {"2019-9m", "2019-9M", "9 tháng đầu năm 2019"},
        {"1901-M01", "1901-M01", "Tháng 1/1901"},
        {"2200-Q4", "2200-Q4", "Quý IV/2200"},
        /* Cumulative (lũy kế). */
        {"2021-2025:2023-H1", "2021-2025:2023-H1",
                "Lũy kế giai đoạn 2021 - 2025 đến hết 6 tháng đầu năm 2023"},
        {"2019:2019-M06", "2019:2019-M06", "Lũy kế từ đầu năm đến hết tháng 6/2019"},
        {"2016-2020:2018", "2016-2020:2018", "Lũy kế giai đoạn 2016 - 2020 đến hết năm 2018"},
        {"2021-2025:2025", "2021-2025:2025", "Lũy kế giai đoạn 2021 - 2025 đến hết năm 2025"},
        {"2019:2019-Q3", "2019:2019-Q3", "Lũy kế từ đầu năm đến hết quý III/2019"},
        {"2019:2019-9M", "2019:2019-9M", "Lũy kế từ đầu năm đến hết 9 tháng đầu năm 2019"},
        {"2019:2019", "2019:2019", "Lũy kế từ đầu năm đến hết năm 2019"},
        {"lũy kế giai đoạn 2021 - 2025 đến hết 6 tháng đầu năm 2023", "2021-2025:2023-H1",
                "Lũy kế giai đoạn 2021 - 2025 đến hết 6 tháng đầu năm 2023"},
        {"luỹ kế từ đầu giai đoạn 2016 - 2020 đến hết năm 2018", "2016-2020:2018",
                "Lũy kế giai đoạn 2016 - 2020 đến hết năm 2018"},
        {"LŨY KẾ TỪ ĐẦU NĂM ĐẾN HẾT THÁNG 6/2019", "2019:2019-M06",
                "Lũy kế từ đầu năm đến hết tháng 6/2019"},
        {"từ đầu năm đến hết tháng 6/2019", "2019:2019-M06",
                "Lũy kế từ đầu năm đến hết tháng 6/2019"},
        {"từ đầu năm 2019 đến hết quý III/2019", "2019:2019-Q3",
                "Lũy kế từ đầu năm đến hết quý III/2019"},
        {"lũy kế năm 2019 đến hết 2019-Q3", "2019:2019-Q3",
                "Lũy kế từ đầu năm đến hết quý III/2019"},
        {"lũy kế 2021-2025 đến hết Q2/2023", "2021-2025:2023-Q2",
                "Lũy kế giai đoạn 2021 - 2025 đến hết quý II/2023"},
};

static void test_phrase(void **state)
{
	const Phrase *c = *state;
	Period p;
	Err e = {0};
	if (period_parse(c->in, strlen(c->in), &p, &e))
		fail_msg("%s", e.msg);
	assert_int_equal(period_check(&p, NULL), KC_OK);
	assert_code(&p, c->code);
	assert_label(&p, 0, c->label);
	/* The code and the label both read back as the same period. */
	assert_parses_to(c->code, &p);
	assert_parses_to(c->label, &p);
}

static void parse_uses_length_not_nul(void **state)
{
	(void)state;
	Period p;
	assert_int_equal(period_parse("2016-H1 and more", 7, &p, NULL), KC_OK);
	assert_code(&p, "2016-H1");
	assert_int_equal(period_parse("2016-H1", 4, &p, NULL), KC_OK);
	assert_code(&p, "2016");
	assert_int_equal(period_parse("2016-H1", 6, &p, NULL), KC_EINVAL);
	assert_int_equal(period_parse("2016\0-H1", 8, &p, NULL), KC_EINVAL);
	assert_int_equal(period_parse(NULL, 0, &p, NULL), KC_EINVAL);
}

/* ---- rejects ------------------------------------------------------------------------- */

typedef struct Bad {
	const char *in;
	int code;
	const char *why;   /* the message after "Kỳ báo cáo '<in>' không hợp lệ: " */
	const char *shown; /* how the message quotes in, if not as is */
} Bad;

#define UNKNOWN                                                                                                  \
	"không nhận ra cách viết; dùng mã như 2016-H1, 2019-Q3, 2019-M06, 2019-9M, 2016, "              \
	"2021-2025 hoặc cách viết như 'Quý III/2019', '6 tháng đầu năm 2016', 'giai đoạn 2021 - " \
	"2025'"

static const Bad bads[] = {
        {"6 tháng cuối năm", KC_EINVAL,
                "thiếu năm sau '6 tháng cuối năm', ví dụ '6 tháng cuối năm 2019'"},
        {"năm", KC_EINVAL, "thiếu năm sau 'năm', ví dụ 'năm 2019'"},
        {"năm 19", KC_EINVAL, "năm phải viết đủ 4 chữ số"},
        {"Quý III/19", KC_EINVAL, "năm phải viết đủ 4 chữ số"},
        {"Quý V/2019", KC_EINVAL, "quý phải viết bằng số La Mã I … IV hoặc số 1 … 4"},
        {"Quý 5/2019", KC_EINVAL, "quý phải từ I đến IV"},
        {"Quý 0/2019", KC_EINVAL, "quý phải từ I đến IV"},
        {"Quý III 2019", KC_EINVAL, "sau số tháng hoặc quý cần '/năm', ví dụ 'Quý III/2019'"},
        {"Q5/2019", KC_EINVAL, "quý phải từ I đến IV"},
        {"tháng 13/2019", KC_EINVAL, "tháng phải từ 1 đến 12"},
        {"tháng 0/2019", KC_EINVAL, "tháng phải từ 1 đến 12"},
        {"tháng 123/2019", KC_EINVAL, "tháng phải từ 1 đến 12"},
        {"tháng sáu/2019", KC_EINVAL, "tháng phải từ 1 đến 12"},
        {"2019-M13", KC_EINVAL, "tháng phải từ 1 đến 12"},
        {"2019-M00", KC_EINVAL, "tháng phải từ 1 đến 12"},
        {"2016-H3", KC_EINVAL, "chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)"},
        {"2016-H0", KC_EINVAL, "chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)"},
        {"H3/2016", KC_EINVAL, "chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)"},
        {"2019-Q5", KC_EINVAL, "quý phải từ I đến IV"},
        {"2019-X1", KC_EINVAL,
                "sau '2019-' cần H1, H2, Q1 … Q4, M01 … M12, 9M hoặc năm kết thúc giai đoạn"},
        /* Two digits are read after H and Q as after M, so the reason is the number. */
        {"2019-H12", KC_EINVAL, "chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)"},
        {"2019-H00", KC_EINVAL, "chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)"},
        {"2019-Q00", KC_EINVAL, "quý phải từ I đến IV"},
        {"Q12/2019", KC_EINVAL, "quý phải từ I đến IV"},
        {"2019-H001", KC_EINVAL,
                "sau '2019-' cần H1, H2, Q1 … Q4, M01 … M12, 9M hoặc năm kết thúc giai đoạn"},
        {"2019-M006", KC_EINVAL,
                "sau '2019-' cần H1, H2, Q1 … Q4, M01 … M12, 9M hoặc năm kết thúc giai đoạn"},
        {"\u20072019-Q3", KC_EINVAL, UNKNOWN}, /* FIGURE SPACE is not a space (vntext.h) */
        {"2019-HQ1", KC_EINVAL,
                "sau '2019-' cần H1, H2, Q1 … Q4, M01 … M12, 9M hoặc năm kết thúc giai đoạn"},
        {"2019-", KC_EINVAL,
                "sau '2019-' cần H1, H2, Q1 … Q4, M01 … M12, 9M hoặc năm kết thúc giai đoạn"},
        {"2016-H1x", KC_EINVAL, "có ký tự thừa sau kỳ báo cáo"},
        {"2016 H1", KC_EINVAL, "có ký tự thừa sau kỳ báo cáo"},
        {"năm 2023 và 2024", KC_EINVAL, "có ký tự thừa sau kỳ báo cáo"},
        {"2025-2021", KC_EINVAL, "năm kết thúc (2021) phải sau năm bắt đầu (2025)"},
        {"2021-2021", KC_EINVAL, "năm kết thúc (2021) phải sau năm bắt đầu (2021)"},
        {"giai đoạn 2021", KC_EINVAL, "giai đoạn cần dạng 'giai đoạn 2021 - 2025'"},
        {"giai đoạn 2021 - 25", KC_EINVAL, "năm phải viết đủ 4 chữ số"},
        {"1900", KC_ERANGE, "năm 1900 nằm ngoài khoảng cho phép (từ 1901 đến 2200)"},
        {"2201-H1", KC_ERANGE, "năm 2201 nằm ngoài khoảng cho phép (từ 1901 đến 2200)"},
        {"0000", KC_ERANGE, "năm 0 nằm ngoài khoảng cho phép (từ 1901 đến 2200)"},
        {"1899-1905", KC_ERANGE, "năm phải từ 1901 đến 2200"},
        {"2190-2210", KC_ERANGE, "năm phải từ 1901 đến 2200"},
        {"2021-2025:2026-H1", KC_EINVAL, "kỳ lũy kế phải kết thúc trong giai đoạn 2021 - 2025"},
        {"2021-2021:2021", KC_EINVAL, "năm kết thúc (2021) phải sau năm bắt đầu (2021)"},
        {"1900:1901", KC_ERANGE, "năm 1900 nằm ngoài khoảng cho phép (từ 1901 đến 2200)"},
        {"2021-2025:2020", KC_EINVAL, "kỳ lũy kế phải kết thúc trong giai đoạn 2021 - 2025"},
        {"2019:2020-M01", KC_EINVAL, "kỳ lũy kế từ đầu năm 2019 phải kết thúc trong năm 2019"},
        {"2021-2025:2022-2023", KC_EINVAL,
                "kỳ lũy kế phải tính đến hết một tháng, quý, 6 tháng, 9 tháng hoặc năm"},
        {"2019-H1:2019-M03", KC_EINVAL, "lũy kế chỉ tính từ đầu một năm hoặc một giai đoạn"},
        {"2021-2025:2023-H1:2023-M01", KC_EINVAL, "có ký tự thừa sau kỳ báo cáo"},
        {"2021-2025:", KC_EINVAL, UNKNOWN},
        {"lũy kế đến hết năm 2019", KC_EINVAL,
                "không rõ tính từ đầu năm hay từ đầu giai đoạn; hãy ghi rõ, ví dụ 'từ đầu năm "
                "đến hết tháng 6/2019'"},
        {"lũy kế giai đoạn 2021 - 2025", KC_EINVAL, "kỳ lũy kế cần '… đến hết <kỳ>'"},
        {"lũy kế từ đầu năm đến hết giai đoạn 2021 - 2025", KC_EINVAL,
                "kỳ lũy kế phải tính đến hết một tháng, quý, 6 tháng, 9 tháng hoặc năm"},
        {"lũy kế quý I/2019 đến hết tháng 2/2019", KC_EINVAL,
                "lũy kế chỉ tính từ đầu một năm hoặc một giai đoạn"},
        {"từ đầu năm đến hết tháng 13/2019", KC_EINVAL, "tháng phải từ 1 đến 12"},
        {"19", KC_EINVAL, UNKNOWN}, {"16-H1", KC_EINVAL, UNKNOWN},
        {"nửa đầu năm 2016", KC_EINVAL, UNKNOWN},
        {"từ đầu năm đến nay", KC_EINVAL,
                "'đến nay' tùy ngày lập báo cáo; hãy ghi rõ, ví dụ 'từ đầu năm đến hết tháng "
                "6/2019'"},
        {"Tính đến hết tháng 6/2019", KC_EINVAL,
                "không rõ tính từ đầu năm hay từ đầu giai đoạn; hãy ghi rõ, ví dụ 'từ đầu năm "
                "đến hết tháng 6/2019'"},
        {"quýt", KC_EINVAL, UNKNOWN}, {"Q3-2019", KC_EINVAL, UNKNOWN},
        /* Bytes that are not UTF-8 are quoted as '?', so messages stay valid text. */
        {"\xff\xfe", KC_EINVAL, UNKNOWN, "??"}, {"n\xc3", KC_EINVAL, UNKNOWN, "n?"},
        {"n\xc1\x83m 2016", KC_EINVAL, UNKNOWN, "n??m 2016"}, /* an overlong "ă" is not "ă" */
};

static void test_bad(void **state)
{
	const Bad *c = *state;
	Period p = {.kind = PERIOD_YEAR, .year = 1999};
	Err e = {0};
	assert_int_equal(period_parse(c->in, strlen(c->in), &p, &e), c->code);
	char want[600];
	snprintf(want, sizeof want, "Kỳ báo cáo '%s' không hợp lệ: %s", c->shown ? c->shown : c->in,
	        c->why);
	assert_string_equal(e.msg, want);
	assert_int_equal(p.year, 1999); /* untouched */
	assert_int_equal(period_parse(c->in, strlen(c->in), &p, NULL), c->code);
}

static void empty_and_long_input(void **state)
{
	(void)state;
	Period p;
	Err e = {0};
	assert_int_equal(period_parse("", 0, &p, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Kỳ báo cáo không được để trống");
	assert_int_equal(period_parse(" \t\xc2\xa0 ", 5, &p, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Kỳ báo cáo không được để trống");
	assert_int_equal(period_parse("\u202f\n\u00a0", 6, &p, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Kỳ báo cáo không được để trống");
	char big[300];
	memset(big, '9', sizeof big);
	assert_int_equal(period_parse(big, sizeof big, &p, &e), KC_EINVAL);
	/* The quote stops after VN_QUOTE_MAX - 4 bytes, with "…". */
	enum { CUT = VN_QUOTE_MAX - sizeof "…" };
	char head[200] = "Kỳ báo cáo '";
	size_t n = strlen(head);
	memset(head + n, '9', CUT);
	memcpy(head + n + CUT, "…'", strlen("…'") + 1);
	assert_memory_equal(e.msg, head, strlen(head));
	assert_int_equal(period_parse(big, CUT + 3, &p, &e), KC_EINVAL);
	assert_null(strstr(e.msg, "…")); /* what fits is quoted whole */
}

/* ---- period_check and rules ---------------------------------------------------------- */

typedef struct Check {
	const char *name;
	Period p;
	int code;
	const char *msg;
} Check;

static const Check checks[] = {
        {"half", {.kind = PERIOD_HALF, .year = 2016, .n = 1}, KC_OK, ""},
        {"phase", {.kind = PERIOD_PHASE, .year = 2021, .end_year = 2025}, KC_OK, ""},
        {"cumulative",
                {.kind = PERIOD_CUMULATIVE,
                        .year = 2021,
                        .end_year = 2025,
                        .to = {PERIOD_HALF, 2023, 1}},
                KC_OK, ""},
        {"zero", {0}, KC_EINVAL, "Kỳ báo cáo không hợp lệ: loại kỳ 0 không tồn tại"},
        {"kind 99", {.kind = 99, .year = 2016}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: loại kỳ 99 không tồn tại"},
        {"half n 0", {.kind = PERIOD_HALF, .year = 2016}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)"},
        {"month 13", {.kind = PERIOD_MONTH, .year = 2016, .n = 13}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: tháng phải từ 1 đến 12"},
        {"year with n", {.kind = PERIOD_YEAR, .year = 2016, .n = 1}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: kỳ 9 tháng hoặc năm không có số thứ tự (n phải bằng "
                "0)"},
        {"half with end year", {.kind = PERIOD_HALF, .year = 2016, .n = 1, .end_year = 2016},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: các trường không dùng cho loại kỳ này phải bằng 0"},
        {"year with to", {.kind = PERIOD_YEAR, .year = 2016, .to = {PERIOD_MONTH, 2016, 1}},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: các trường không dùng cho loại kỳ này phải bằng 0"},
        {"phase with n", {.kind = PERIOD_PHASE, .year = 2021, .n = 1, .end_year = 2025}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: các trường không dùng cho loại kỳ này phải bằng 0"},
        {"phase with to",
                {.kind = PERIOD_PHASE,
                        .year = 2021,
                        .end_year = 2025,
                        .to = {PERIOD_YEAR, 2022, 0}},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: các trường không dùng cho loại kỳ này phải bằng 0"},
        {"cumulative with n",
                {.kind = PERIOD_CUMULATIVE,
                        .year = 2021,
                        .n = 1,
                        .end_year = 2025,
                        .to = {PERIOD_YEAR, 2022, 0}},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: các trường không dùng cho loại kỳ này phải bằng 0"},
        {"phase one year", {.kind = PERIOD_PHASE, .year = 2021, .end_year = 2021}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: năm kết thúc (2021) phải sau năm bắt đầu (2021)"},
        {"phase no end", {.kind = PERIOD_PHASE, .year = 2021}, KC_ERANGE,
                "Kỳ báo cáo không hợp lệ: năm phải từ 1901 đến 2200"},
        {"cumulative backwards",
                {.kind = PERIOD_CUMULATIVE,
                        .year = 2021,
                        .end_year = 2020,
                        .to = {PERIOD_YEAR, 2020, 0}},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: năm kết thúc (2020) phải sau năm bắt đầu (2021)"},
        {"cumulative to phase",
                {.kind = PERIOD_CUMULATIVE,
                        .year = 2021,
                        .end_year = 2025,
                        .to = {PERIOD_PHASE, 2021, 0}},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: kỳ lũy kế phải tính đến hết một tháng, quý, 6 tháng, "
                "9 tháng hoặc năm"},
        {"cumulative to nothing", {.kind = PERIOD_CUMULATIVE, .year = 2021, .end_year = 2025},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: kỳ lũy kế phải tính đến hết một tháng, quý, 6 tháng, "
                "9 tháng hoặc năm"},
        {"cumulative to bad half",
                {.kind = PERIOD_CUMULATIVE,
                        .year = 2021,
                        .end_year = 2025,
                        .to = {PERIOD_HALF, 2022, 3}},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)"},
        {"cumulative before base",
                {.kind = PERIOD_CUMULATIVE,
                        .year = 2021,
                        .end_year = 2025,
                        .to = {PERIOD_YEAR, 2020, 0}},
                KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: kỳ lũy kế phải kết thúc trong giai đoạn 2021 - 2025"},
        {"year 1900", {.kind = PERIOD_YEAR, .year = 1900}, KC_ERANGE,
                "Kỳ báo cáo không hợp lệ: năm 1900 nằm ngoài khoảng cho phép (từ 1901 đến 2200)"},
        {"quarter huge n", {.kind = PERIOD_QUARTER, .year = 2019, .n = 2147483647}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: quý phải từ I đến IV"},
        {"month negative", {.kind = PERIOD_MONTH, .year = 2019, .n = -1}, KC_EINVAL,
                "Kỳ báo cáo không hợp lệ: tháng phải từ 1 đến 12"},
};

static void test_check(void **state)
{
	const Check *c = *state;
	Err e = {0};
	assert_int_equal(period_check(&c->p, &e), c->code);
	assert_string_equal(e.msg, c->msg);
	if (c->code == KC_OK)
		return;
	/* Nothing accepts an invalid period, and nothing is written for one. */
	Buf b;
	buf_init(&b, 100);
	assert_int_equal(period_format(&b, &c->p), KC_EINVAL);
	assert_int_equal(period_label_vi(&b, &c->p, 0), KC_EINVAL);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	Date from = 1, to = 2;
	assert_int_equal(period_range(&c->p, &PERIOD_RULE_CALENDAR, &from, &to, NULL), c->code);
	assert_int_equal(from, 1);
	assert_int_equal(to, 2);
	assert_false(period_contains(&c->p, &PERIOD_RULE_CALENDAR, 0));
	Period out = {0};
	assert_int_equal(period_prev(&c->p, &out, NULL), c->code);
	assert_int_equal(period_same_last_year(&c->p, &out, NULL), c->code);
	assert_int_equal(out.kind, 0);
}

static void rule_check(void **state)
{
	(void)state;
	Err e = {0};
	static const int good[] = {0, 2, 15, 20, 28};
	for (size_t i = 0; i < COUNT_OF(good); i++)
		assert_int_equal(period_rule_check(&(PeriodRule){good[i]}, &e), KC_OK);
	static const int bad[] = {1, 29, 31, -1, -15, 1000};
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		assert_int_equal(period_rule_check(&(PeriodRule){bad[i]}, &e), KC_EINVAL);
	assert_int_equal(period_rule_check(&(PeriodRule){29}, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Ngày chốt số liệu '29' không hợp lệ: dùng 0 cho kỳ theo lịch, "
	                           "hoặc một ngày từ 2 đến 28");
	assert_int_equal(PERIOD_RULE_CALENDAR.cutoff_day, 0);
	assert_int_equal(PERIOD_RULE_ND09.cutoff_day, 15);
	/* A bad rule is refused everywhere it is used. */
	Period p = P("2016-H1"), out;
	Date from, to;
	assert_int_equal(period_range(&p, &(PeriodRule){1}, &from, &to, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Ngày chốt số liệu '1' không hợp lệ: dùng 0 cho kỳ theo lịch, "
	                           "hoặc một ngày từ 2 đến 28");
	assert_false(period_contains(&p, &(PeriodRule){1}, ymd_text("01/03/2016")));
	assert_int_equal(period_of_date(PERIOD_YEAR, &(PeriodRule){40}, 0, &out, NULL), KC_EINVAL);
}

/* ---- labels -------------------------------------------------------------------------- */

typedef struct Label {
	const char *code, *lower;
} Label;

static const Label lowers[] = {
        {"2019-Q3", "quý III/2019"},
        {"2019-M06", "tháng 6/2019"},
        {"2023", "năm 2023"},
        {"2021-2025", "giai đoạn 2021 - 2025"},
        {"2016-H1", "6 tháng đầu năm 2016"},
        {"2019-9M", "9 tháng đầu năm 2019"},
        {"2021-2025:2023-H1", "lũy kế giai đoạn 2021 - 2025 đến hết 6 tháng đầu năm 2023"},
        {"2019:2019-M06", "lũy kế từ đầu năm đến hết tháng 6/2019"},
};

static void test_lower_label(void **state)
{
	const Label *c = *state;
	Period p = P(c->code);
	assert_label(&p, PERIOD_LOWER, c->lower);
	assert_parses_to(c->lower, &p);
}

static void label_appends_and_respects_limit(void **state)
{
	(void)state;
	Period p = P("2016-H1");
	Buf b;
	buf_init(&b, 200);
	buf_puts(&b, "KẾT QUẢ ");
	assert_int_equal(period_label_vi(&b, &p, PERIOD_LOWER), KC_OK);
	buf_puts(&b, "; ");
	p = P("2019-Q3");
	/* The lower-case flag touches only the label's own first letter. */
	assert_int_equal(period_label_vi(&b, &p, PERIOD_LOWER), KC_OK);
	assert_string_equal(buf_cstr(&b), "KẾT QUẢ 6 tháng đầu năm 2016; quý III/2019");
	buf_free(&b);
	buf_init(&b, 4);
	p = P("2021-2025:2023-H1");
	assert_int_equal(period_label_vi(&b, &p, PERIOD_LOWER), KC_OK);
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	assert_int_equal(period_format(&b, &p), KC_OK);
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	buf_free(&b);
}

/* ---- ranges -------------------------------------------------------------------------- */

typedef struct Range {
	const char *code;
	int cutoff;
	const char *from, *to;
} Range;

static const Range ranges[] = {
        /* Calendar periods. */
        {"2016-H1", 0, "01/01/2016", "30/06/2016"},
        {"2016-H2", 0, "01/07/2016", "31/12/2016"},
        {"2019-Q1", 0, "01/01/2019", "31/03/2019"},
        {"2019-Q2", 0, "01/04/2019", "30/06/2019"},
        {"2019-Q3", 0, "01/07/2019", "30/09/2019"},
        {"2019-Q4", 0, "01/10/2019", "31/12/2019"},
        {"2019-M02", 0, "01/02/2019", "28/02/2019"},
        {"2024-M02", 0, "01/02/2024", "29/02/2024"},
        {"2019-M06", 0, "01/06/2019", "30/06/2019"},
        {"2019-9M", 0, "01/01/2019", "30/09/2019"},
        {"2016", 0, "01/01/2016", "31/12/2016"},
        {"2021-2025", 0, "01/01/2021", "31/12/2025"},
        {"2012-2022", 0, "01/01/2012", "31/12/2022"},
        {"2021-2025:2023-H1", 0, "01/01/2021", "30/06/2023"},
        {"2019:2019-M06", 0, "01/01/2019", "30/06/2019"},
        {"2019:2019-Q3", 0, "01/01/2019", "30/09/2019"},
        {"1901-M01", 0, "01/01/1901", "31/01/1901"},
        {"2200", 0, "01/01/2200", "31/12/2200"},
        /* NĐ 09/2019: from the 15th of the month before to the 14th. */
        {"2016-H1", 15, "15/12/2015", "14/06/2016"},
        {"2016-H2", 15, "15/06/2016", "14/12/2016"},
        {"2016", 15, "15/12/2015", "14/12/2016"},
        {"2016-Q1", 15, "15/12/2015", "14/03/2016"},
        {"2016-Q2", 15, "15/03/2016", "14/06/2016"},
        {"2016-Q3", 15, "15/06/2016", "14/09/2016"},
        {"2016-Q4", 15, "15/09/2016", "14/12/2016"},
        {"2019-M06", 15, "15/05/2019", "14/06/2019"},
        {"2019-M01", 15, "15/12/2018", "14/01/2019"},
        {"2019-M03", 15, "15/02/2019", "14/03/2019"},
        {"2019-M12", 15, "15/11/2019", "14/12/2019"},
        {"2019-9M", 15, "15/12/2018", "14/09/2019"},
        {"2021-2025", 15, "15/12/2020", "14/12/2025"},
        {"2016-2020", 15, "15/12/2015", "14/12/2020"},
        {"2021-2025:2023-H1", 15, "15/12/2020", "14/06/2023"},
        {"2019:2019-M06", 15, "15/12/2018", "14/06/2019"},
        {"1901", 15, "15/12/1900", "14/12/1901"},
        {"2200-M12", 15, "15/11/2200", "14/12/2200"},
        /* Other cut-off days a province might configure. */
        {"2016-H1", 20, "20/12/2015", "19/06/2016"},
        {"2019-M03", 28, "28/02/2019", "27/03/2019"},
        {"2024-M03", 2, "02/02/2024", "01/03/2024"},
};

static void test_range(void **state)
{
	const Range *c = *state;
	Period p = P(c->code);
	PeriodRule r = {.cutoff_day = c->cutoff};
	Date from = 0, to = 0;
	Err e = {0};
	assert_int_equal(period_range(&p, &r, &from, &to, &e), KC_OK);
	Buf b;
	buf_init(&b, 100);
	date_format(&b, from);
	buf_puts(&b, "–");
	date_format(&b, to);
	char want[64];
	snprintf(want, sizeof want, "%s–%s", c->from, c->to);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
	/* Containment agrees with the range at both edges. */
	assert_true(period_contains(&p, &r, from));
	assert_true(period_contains(&p, &r, to));
	assert_false(period_contains(&p, &r, from - 1));
	assert_false(period_contains(&p, &r, to + 1));
}

/* For each rule and each kind that divides a year: consecutive periods from 1901
 * to 2200 tile the calendar without gap or overlap, and period_of_date finds for
 * every day the period whose range holds it. */
typedef struct Tiling {
	PeriodKind kind;
	int cutoff;
} Tiling;

static const Tiling tilings[] = {
        {PERIOD_MONTH, 0},
        {PERIOD_QUARTER, 0},
        {PERIOD_HALF, 0},
        {PERIOD_YEAR, 0},
        {PERIOD_MONTH, 15},
        {PERIOD_QUARTER, 15},
        {PERIOD_HALF, 15},
        {PERIOD_YEAR, 15},
        {PERIOD_MONTH, 2},
        {PERIOD_HALF, 28},
};

static void test_tiling(void **state)
{
	const Tiling *c = *state;
	PeriodRule r = {.cutoff_day = c->cutoff};
	Period p = {.kind = c->kind, .year = 2200, .n = c->kind == PERIOD_YEAR ? 0 : 1};
	if (c->kind == PERIOD_MONTH)
		p.n = 12;
	else if (c->kind == PERIOD_QUARTER)
		p.n = 4;
	else if (c->kind == PERIOD_HALF)
		p.n = 2;
	Date from, to, next_from = 0;
	bool first = true;
	int count = 0;
	for (;;) {
		assert_int_equal(period_range(&p, &r, &from, &to, NULL), KC_OK);
		assert_true(from <= to);
		if (!first)
			assert_int_equal(to + 1, next_from);
		for (Date d = from; d <= to; d++) {
			Period q;
			assert_int_equal(period_of_date(c->kind, &r, d, &q, NULL), KC_OK);
			assert_same(&q, &p);
		}
		count++;
		first = false;
		next_from = from;
		Period prev;
		if (period_prev(&p, &prev, NULL) != KC_OK)
			break;
		p = prev;
	}
	assert_int_equal(p.year, 1901);
	assert_int_equal(count, 300 * (c->kind == PERIOD_MONTH            ? 12
	                                      : c->kind == PERIOD_QUARTER ? 4
	                                      : c->kind == PERIOD_HALF    ? 2
	                                                                  : 1));
}

/* ---- period_of_date ------------------------------------------------------------------ */

typedef struct OfDate {
	PeriodKind kind;
	int cutoff;
	const char *date, *code; /* code NULL: error expected */
	int rc;
} OfDate;

static const OfDate of_dates[] = {
        {PERIOD_HALF, 15, "20/12/2015", "2016-H1", 0},
        {PERIOD_YEAR, 15, "20/12/2015", "2016", 0},
        {PERIOD_QUARTER, 15, "20/12/2015", "2016-Q1", 0},
        {PERIOD_MONTH, 15, "20/12/2015", "2016-M01", 0},
        {PERIOD_YEAR, 15, "14/12/2015", "2015", 0},
        {PERIOD_HALF, 15, "14/06/2016", "2016-H1", 0},
        {PERIOD_HALF, 15, "15/06/2016", "2016-H2", 0},
        {PERIOD_MONTH, 15, "15/05/2019", "2019-M06", 0},
        {PERIOD_MONTH, 15, "14/05/2019", "2019-M05", 0},
        {PERIOD_HALF, 0, "20/12/2015", "2015-H2", 0},
        {PERIOD_YEAR, 0, "31/12/2015", "2015", 0},
        {PERIOD_QUARTER, 0, "01/04/2019", "2019-Q2", 0},
        {PERIOD_QUARTER, 0, "31/03/2019", "2019-Q1", 0},
        {PERIOD_MONTH, 0, "29/02/2024", "2024-M02", 0},
        {PERIOD_YEAR, 15, "15/12/2200", NULL, KC_ERANGE},
        {PERIOD_YEAR, 0, "31/12/1900", NULL, KC_ERANGE},
        {PERIOD_YEAR, 15, "15/12/1900", "1901", 0},
        {PERIOD_NINE_MONTHS, 0, "01/03/2019", NULL, KC_EINVAL},
        {PERIOD_PHASE, 0, "01/03/2019", NULL, KC_EINVAL},
        {PERIOD_CUMULATIVE, 0, "01/03/2019", NULL, KC_EINVAL},
        {0, 0, "01/03/2019", NULL, KC_EINVAL},
        {PERIOD_HALF, 1, "01/03/2019", NULL, KC_EINVAL},
};

static void test_of_date(void **state)
{
	const OfDate *c = *state;
	Period p = {0};
	Err e = {0};
	int rc = period_of_date(c->kind, &(PeriodRule){c->cutoff}, ymd_text(c->date), &p, &e);
	assert_int_equal(rc, c->rc);
	if (c->code) {
		assert_code(&p, c->code);
		return;
	}
	assert_int_equal(p.kind, 0);
	assert_int_equal(e.code, c->rc);
}

static void of_date_messages(void **state)
{
	(void)state;
	Period p;
	Err e = {0};
	Date d = ymd_text("01/03/2019");
	assert_int_equal(period_of_date(PERIOD_PHASE, &PERIOD_RULE_CALENDAR, d, &p, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Không có kỳ 'giai đoạn' duy nhất chứa một ngày: chỉ dùng "
	                           "tháng, quý, 6 tháng hoặc năm");
	assert_int_equal(period_of_date(77, &PERIOD_RULE_CALENDAR, d, &p, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Không có kỳ '?' duy nhất chứa một ngày: chỉ dùng tháng, quý, "
	                           "6 tháng hoặc năm");
	assert_int_equal(
	        period_of_date(PERIOD_YEAR, &PERIOD_RULE_ND09, ymd_text("15/12/2200"), &p, &e),
	        KC_ERANGE);
	assert_string_equal(e.msg, "Kỳ báo cáo không hợp lệ: năm 2201 nằm ngoài khoảng cho phép "
	                           "(từ 1901 đến 2200)");
}

/* ---- neighbours ---------------------------------------------------------------------- */

typedef struct Step {
	const char *code, *want; /* want NULL: an error */
	int rc;
	const char *msg;
} Step;

static const Step last_years[] = {
        {"2016-H1", "2015-H1", 0, NULL},
        {"2016-H2", "2015-H2", 0, NULL},
        {"2019-Q3", "2018-Q3", 0, NULL},
        {"2019-M06", "2018-M06", 0, NULL},
        {"2019-9M", "2018-9M", 0, NULL},
        {"2016", "2015", 0, NULL},
        {"2019:2019-M06", "2018:2018-M06", 0, NULL},
        {"2019:2019", "2018:2018", 0, NULL},
        {"2021-2025", NULL, KC_EINVAL,
                "Giai đoạn 2021 - 2025 không có cùng kỳ năm trước: kỳ nhiều năm chỉ so sánh được "
                "với giai đoạn trước"},
        {"2021-2025:2023-H1", NULL, KC_EINVAL,
                "Lũy kế giai đoạn 2021 - 2025 đến hết 6 tháng đầu năm 2023 không có cùng kỳ năm "
                "trước: kỳ nhiều năm chỉ so sánh được với giai đoạn trước"},
        {"1901-H1", NULL, KC_ERANGE,
                "6 tháng đầu năm 1901 không có cùng kỳ năm trước: năm trước nằm ngoài khoảng cho "
                "phép"},
        {"1901:1901-M03", NULL, KC_ERANGE,
                "Lũy kế từ đầu năm đến hết tháng 3/1901 không có cùng kỳ năm trước: năm trước "
                "nằm ngoài khoảng cho phép"},
};

static const Step prevs[] = {
        {"2016-H1", "2015-H2", 0, NULL},
        {"2016-H2", "2016-H1", 0, NULL},
        {"2019-Q1", "2018-Q4", 0, NULL},
        {"2019-Q3", "2019-Q2", 0, NULL},
        {"2019-M01", "2018-M12", 0, NULL},
        {"2019-M06", "2019-M05", 0, NULL},
        {"2019-9M", "2018-9M", 0, NULL},
        {"2016", "2015", 0, NULL},
        {"2021-2025", "2016-2020", 0, NULL},
        {"2016-2020", "2011-2015", 0, NULL},
        {"2012-2022", "2001-2011", 0, NULL},
        {"2021-2025:2023-H1", "2021-2025:2022-H2", 0, NULL},
        {"2021-2025:2023", "2021-2025:2022", 0, NULL},
        {"2019:2019-M06", "2019:2019-M05", 0, NULL},
        {"2019:2019-Q2", "2019:2019-Q1", 0, NULL},
        {"2021-2025:2021-H1", NULL, KC_ERANGE,
                "Lũy kế giai đoạn 2021 - 2025 đến hết 6 tháng đầu năm 2021 không có kỳ trước: kỳ "
                "trước đó nằm ngoài năm hoặc giai đoạn gốc"},
        {"2019:2019-M01", NULL, KC_ERANGE,
                "Lũy kế từ đầu năm đến hết tháng 1/2019 không có kỳ trước: kỳ trước đó nằm ngoài "
                "năm hoặc giai đoạn gốc"},
        {"2019:2019", NULL, KC_ERANGE,
                "Lũy kế từ đầu năm đến hết năm 2019 không có kỳ trước: kỳ trước đó nằm ngoài năm "
                "hoặc giai đoạn gốc"},
        {"1901", NULL, KC_ERANGE, "Năm 1901 không có kỳ trước: kỳ trước nằm ngoài khoảng cho phép"},
        {"1901-M01", NULL, KC_ERANGE,
                "Tháng 1/1901 không có kỳ trước: kỳ trước nằm ngoài khoảng cho phép"},
        {"1905-1910", NULL, KC_ERANGE,
                "Giai đoạn 1905 - 1910 không có kỳ trước: kỳ trước nằm ngoài khoảng cho phép"},
};

static void run_step(const Step *c, int (*fn)(const Period *, Period *, Err *))
{
	Period p = P(c->code), out = {0};
	Err e = {0};
	assert_int_equal(fn(&p, &out, &e), c->rc);
	if (c->want) {
		assert_code(&out, c->want);
		assert_int_equal(period_check(&out, NULL), KC_OK);
		return;
	}
	assert_int_equal(out.kind, 0);
	assert_string_equal(e.msg, c->msg);
	assert_int_equal(fn(&p, &out, NULL), c->rc);
}

static void test_last_year(void **state)
{
	run_step(*state, period_same_last_year);
}

static void test_prev(void **state)
{
	run_step(*state, period_prev);
}

/* The previous period ends the day before p starts, under both rules. */
static void prev_adjoins(void **state)
{
	(void)state;
	static const char *const codes[] = {"2016-H1", "2019-Q1", "2019-M03", "2016", "2021-2025"};
	static const PeriodRule rules[] = {{0}, {15}};
	for (size_t i = 0; i < COUNT_OF(codes); i++) {
		for (size_t k = 0; k < COUNT_OF(rules); k++) {
			Period p = P(codes[i]), q;
			Date pf, pt, qf, qt;
			assert_int_equal(period_prev(&p, &q, NULL), KC_OK);
			assert_int_equal(period_range(&p, &rules[k], &pf, &pt, NULL), KC_OK);
			assert_int_equal(period_range(&q, &rules[k], &qf, &qt, NULL), KC_OK);
			assert_int_equal(qt + 1, pf);
		}
	}
}

/* ---- ordering ------------------------------------------------------------------------ */

static void compare_orders(void **state)
{
	(void)state;
	/* In ascending order: by first month, then last month, then kind. */
	static const char *const sorted[] = {
	        "2015-H2",
	        "2016-M01",
	        "2016-Q1",
	        "2016-H1",
	        "2016:2016-M06",
	        "2016:2016-Q2",
	        "2016:2016-H1",
	        "2016-9M",
	        "2016",
	        "2016:2016",
	        "2016-2020:2016",
	        "2016-2020:2018-H1",
	        "2016-2020",
	        "2016-2025",
	        "2016-M02",
	        "2016-Q2",
	        "2016-H2",
	        "2017",
	};
	for (size_t i = 0; i < COUNT_OF(sorted); i++) {
		for (size_t j = 0; j < COUNT_OF(sorted); j++) {
			Period a = P(sorted[i]), b = P(sorted[j]);
			int c = period_compare(&a, &b);
			int want = (i > j) - (i < j);
			if ((c > 0) - (c < 0) != want)
				fail_msg("compare(%s, %s) = %d", sorted[i], sorted[j], c);
		}
	}
}

static int cmp_qsort(const void *a, const void *b)
{
	return period_compare(a, b);
}

static void compare_sorts(void **state)
{
	(void)state;
	Period v[] = {P("2019-Q3"), P("2016"), P("2021-2025"), P("2016-H1"), P("2019-M06")};
	qsort(v, COUNT_OF(v), sizeof v[0], cmp_qsort);
	static const char *const want[] = {"2016-H1", "2016", "2019-M06", "2019-Q3", "2021-2025"};
	for (size_t i = 0; i < COUNT_OF(v); i++)
		assert_code(&v[i], want[i]);
}

/* ---- every period round-trips -------------------------------------------------------- */

/* All simple periods of a kind over a span of years: code and both labels parse back. */
static void round_trip_kind(void **state)
{
	PeriodKind kind = (PeriodKind)(intptr_t)*state;
	int per = kind == PERIOD_MONTH     ? 12
	          : kind == PERIOD_QUARTER ? 4
	          : kind == PERIOD_HALF    ? 2
	                                   : 1;
	Buf b;
	buf_init(&b, 200);
	for (int y = 1901; y <= 2200; y += (y < 2010 || y > 2030) ? 37 : 1) {
		for (int n = 1; n <= per; n++) {
			Period p = {.kind = kind, .year = y, .n = per > 1 ? n : 0};
			if (kind == PERIOD_PHASE)
				p = (Period){.kind = kind, .year = y, .end_year = y + n + 3};
			if (p.end_year > PERIOD_MAX_YEAR)
				continue;
			unsigned flags[] = {0, PERIOD_LOWER};
			for (int f = -1; f < 2; f++) {
				buf_reset(&b);
				int rc = f < 0 ? period_format(&b, &p)
				               : period_label_vi(&b, &p, flags[f]);
				assert_int_equal(rc, KC_OK);
				assert_parses_to(buf_cstr(&b), &p);
			}
		}
	}
	buf_free(&b);
}

/* Every cumulative over the 2021-2025 phase and over the year 2019 round-trips. */
static void round_trip_cumulative(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 200);
	int bases[2][2] = {{2021, 2025}, {2019, 2019}};
	for (int k = 0; k < 2; k++) {
		for (PeriodKind to = PERIOD_MONTH; to <= PERIOD_YEAR; to++) {
			int per = to == PERIOD_MONTH     ? 12
			          : to == PERIOD_QUARTER ? 4
			          : to == PERIOD_HALF    ? 2
			                                 : 1;
			for (int y = bases[k][0]; y <= bases[k][1]; y++) {
				for (int n = 1; n <= per; n++) {
					Period p = {.kind = PERIOD_CUMULATIVE,
					        .year = bases[k][0],
					        .end_year = bases[k][1],
					        .to = {to, y, per > 1 ? n : 0}};
					buf_reset(&b);
					assert_int_equal(period_format(&b, &p), KC_OK);
					assert_parses_to(buf_cstr(&b), &p);
					buf_reset(&b);
					assert_int_equal(
					        period_label_vi(&b, &p, PERIOD_LOWER), KC_OK);
					assert_parses_to(buf_cstr(&b), &p);
				}
			}
		}
	}
	buf_free(&b);
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(phrases); i++)
		tl_addf(&tl, test_phrase, (void *)&phrases[i], "phrase '%s'", phrases[i].in);
	TL_ADD(&tl, parse_uses_length_not_nul);
	for (size_t i = 0; i < COUNT_OF(bads); i++)
		tl_addf(&tl, test_bad, (void *)&bads[i], "reject '%s'", bads[i].in);
	TL_ADD(&tl, empty_and_long_input);
	for (size_t i = 0; i < COUNT_OF(checks); i++)
		tl_addf(&tl, test_check, (void *)&checks[i], "check %s", checks[i].name);
	TL_ADD(&tl, rule_check);
	for (size_t i = 0; i < COUNT_OF(lowers); i++)
		tl_addf(&tl, test_lower_label, (void *)&lowers[i], "lower label %s",
		        lowers[i].code);
	TL_ADD(&tl, label_appends_and_respects_limit);
	for (size_t i = 0; i < COUNT_OF(ranges); i++)
		tl_addf(&tl, test_range, (void *)&ranges[i], "range %s cutoff %d", ranges[i].code,
		        ranges[i].cutoff);
	for (size_t i = 0; i < COUNT_OF(tilings); i++)
		tl_addf(&tl, test_tiling, (void *)&tilings[i], "tiling kind %d cutoff %d",
		        tilings[i].kind, tilings[i].cutoff);
	for (size_t i = 0; i < COUNT_OF(of_dates); i++)
		tl_addf(&tl, test_of_date, (void *)&of_dates[i], "of_date kind %d cutoff %d %s",
		        of_dates[i].kind, of_dates[i].cutoff, of_dates[i].date);
	TL_ADD(&tl, of_date_messages);
	for (size_t i = 0; i < COUNT_OF(last_years); i++)
		tl_addf(&tl, test_last_year, (void *)&last_years[i], "same last year %s",
		        last_years[i].code);
	for (size_t i = 0; i < COUNT_OF(prevs); i++)
		tl_addf(&tl, test_prev, (void *)&prevs[i], "prev %s", prevs[i].code);
	TL_ADD(&tl, prev_adjoins);
	TL_ADD(&tl, compare_orders);
	TL_ADD(&tl, compare_sorts);
	for (PeriodKind k = PERIOD_MONTH; k <= PERIOD_PHASE; k++)
		tl_addf(&tl, round_trip_kind, (void *)(intptr_t)k, "round trip kind %d", k);
	TL_ADD(&tl, round_trip_cumulative);
	return tl_run(&tl, "core/period");
}
