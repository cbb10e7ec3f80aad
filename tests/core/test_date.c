/* test_date.c — civil dates: parsing, formatting, arithmetic, Excel serials. */
#include "harness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/vntext.h"

/* The day number of y-m-d, which the test asserts exists. */
static Date ymd(int y, int m, int d)
{
	Date out = 0;
	assert_int_equal(date_from_ymd(y, m, d, &out, NULL), KC_OK);
	return out;
}

static void assert_ymd(Date d, int y, int m, int day)
{
	int yy, mm, dd;
	date_to_ymd(d, &yy, &mm, &dd);
	assert_int_equal(yy, y);
	assert_int_equal(mm, m);
	assert_int_equal(dd, day);
}

/* ---- parsing ------------------------------------------------------------------------- */

typedef struct ParseOk {
	const char *in;
	int y, m, d;
} ParseOk;

static const ParseOk parse_ok[] = {
        {"02/07/2019", 2019, 7, 2},     /* seed000 publication date */
        {"2/7/2019", 2019, 7, 2},       /* d/m/yyyy */
        {"02-07-2019", 2019, 7, 2},     /* dd-mm-yyyy */
        {"02.07.2019", 2019, 7, 2},     /* dd.mm.yyyy */
        {"2019-07-02", 2019, 7, 2},     /* ISO */
        {" 15/08/2016\t", 2016, 8, 15}, /* seed001, surrounding spaces */
        {"21/5/2012", 2012, 5, 21},     /* NĐ 45/2012 */
        {"22/11/2024", 2024, 11, 22},   /* seed001 header */
        {"01/06/2020", 2020, 6, 1},     /* seed000 header */
        {"29/02/2024", 2024, 2, 29},    /* leap year */
        {"29/02/2000", 2000, 2, 29},    /* divisible by 400: leap */
        {"28/02/1900", 1900, 2, 28},
        {"01/01/1900", 1900, 1, 1},   /* first valid day */
        {"31/12/2200", 2200, 12, 31}, /* last valid day */
        {"1970-01-01", 1970, 1, 1},
        {"31.12.2025", 2025, 12, 31},
        {"30/04/2019", 2019, 4, 30},
};

/* The spaces every parser skips (vn_space_len), no-break ones included. */
static const ParseOk parse_spaces[] = {
        {"\u00a002/07/2019\u00a0", 2019, 7, 2},
        {"\u202f02/07/2019\u202f", 2019, 7, 2},
        {"\u00a0\u202f\n2019-07-02\r\n\u202f", 2019, 7, 2},
};

static void test_parse_ok(void **state)
{
	const ParseOk *c = *state;
	Date d = -1;
	Err e = {0};
	assert_int_equal(date_parse(c->in, strlen(c->in), &d, &e), KC_OK);
	assert_ymd(d, c->y, c->m, c->d);
	assert_int_equal(d, ymd(c->y, c->m, c->d));
}

typedef struct ParseBad {
	const char *in;
	int code;
	const char *msg; /* the whole message */
} ParseBad;

static const ParseBad parse_bad[] = {
        {"31/02/2019", KC_EINVAL,
                "Ngày '31/02/2019' không hợp lệ: tháng 2 năm 2019 chỉ có 28 ngày"},
        {"29/02/2023", KC_EINVAL,
                "Ngày '29/02/2023' không hợp lệ: tháng 2 năm 2023 chỉ có 28 ngày"},
        {"29/02/1900", KC_EINVAL,
                "Ngày '29/02/1900' không hợp lệ: tháng 2 năm 1900 chỉ có 28 ngày"},
        {"31/04/2019", KC_EINVAL,
                "Ngày '31/04/2019' không hợp lệ: tháng 4 năm 2019 chỉ có 30 ngày"},
        {"30/02/2024", KC_EINVAL,
                "Ngày '30/02/2024' không hợp lệ: tháng 2 năm 2024 chỉ có 29 ngày"},
        {"00/01/2019", KC_EINVAL, "Ngày '00/01/2019' không hợp lệ: ngày phải từ 1 đến 31"},
        {"01/13/2019", KC_EINVAL, "Ngày '01/13/2019' không hợp lệ: tháng phải từ 1 đến 12"},
        {"01/00/2019", KC_EINVAL, "Ngày '01/00/2019' không hợp lệ: tháng phải từ 1 đến 12"},
        {"02/07/19", KC_EINVAL, "Ngày '02/07/19' không hợp lệ: năm phải viết đủ 4 chữ số"},
        {"02/07/019", KC_EINVAL, "Ngày '02/07/019' không hợp lệ: năm phải viết đủ 4 chữ số"},
        {"02/07/20190", KC_EINVAL, "Ngày '02/07/20190' không hợp lệ: năm phải viết đủ 4 chữ số"},
        {"2019/07/02", KC_EINVAL,
                "Ngày '2019/07/02' không hợp lệ: ngày viết năm trước phải theo dạng yyyy-mm-dd"},
        {"2019-7-2", KC_EINVAL,
                "Ngày '2019-7-2' không hợp lệ: ngày viết năm trước phải theo dạng yyyy-mm-dd"},
        {"02/07-2019", KC_EINVAL,
                "Ngày '02/07-2019' không hợp lệ: hai dấu phân cách phải giống nhau"},
        {"002/07/2019", KC_EINVAL,
                "Ngày '002/07/2019' không hợp lệ: ngày và tháng có tối đa 2 chữ số"},
        {"99999999999999/1/2019", KC_EINVAL,
                "Ngày '99999999999999/1/2019' không hợp lệ: ngày và tháng có tối đa 2 chữ số"},
        {"", KC_EINVAL, "Ngày không được để trống"},
        {" \t ", KC_EINVAL, "Ngày không được để trống"},
        {"\u00a0\u202f", KC_EINVAL, "Ngày không được để trống"},
        {"\u200702/07/2019", KC_EINVAL, /* FIGURE SPACE is not a space (vntext.h) */
                "Ngày '\u200702/07/2019' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"02/07/2019\u00a0x", KC_EINVAL,
                "Ngày '02/07/2019\u00a0x' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"hôm nay", KC_EINVAL,
                "Ngày 'hôm nay' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"02/07/2019 15:32", KC_EINVAL,
                "Ngày '02/07/2019 15:32' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"02 07 2019", KC_EINVAL,
                "Ngày '02 07 2019' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"02/07", KC_EINVAL,
                "Ngày '02/07' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"02//2019", KC_EINVAL,
                "Ngày '02//2019' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"-1/07/2019", KC_EINVAL,
                "Ngày '-1/07/2019' không hợp lệ: cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, "
                "dd.mm.yyyy) hoặc yyyy-mm-dd"},
        {"31/12/1899", KC_ERANGE,
                "Ngày '31/12/1899' nằm ngoài khoảng cho phép: năm phải từ 1900 đến 2200"},
        {"01/01/2201", KC_ERANGE,
                "Ngày '01/01/2201' nằm ngoài khoảng cho phép: năm phải từ 1900 đến 2200"},
        {"0000-01-01", KC_ERANGE,
                "Ngày '0000-01-01' nằm ngoài khoảng cho phép: năm phải từ 1900 đến 2200"},
};

static void test_parse_bad(void **state)
{
	const ParseBad *c = *state;
	Date d = 12345;
	Err e = {0};
	assert_int_equal(date_parse(c->in, strlen(c->in), &d, &e), c->code);
	assert_int_equal(e.code, c->code);
	assert_string_equal(e.msg, c->msg);
	assert_int_equal(d, 12345); /* untouched on failure */
	/* The Err is optional. */
	assert_int_equal(date_parse(c->in, strlen(c->in), &d, NULL), c->code);
}

static void parse_uses_length_not_nul(void **state)
{
	(void)state;
	const char *s = "02/07/2019 and more";
	Date d;
	assert_int_equal(date_parse(s, 10, &d, NULL), KC_OK);
	assert_ymd(d, 2019, 7, 2);
	/* An embedded NUL is just a bad byte. */
	assert_int_equal(date_parse("02/07\0/2019", 11, &d, NULL), KC_EINVAL);
	assert_int_equal(date_parse(NULL, 0, &d, NULL), KC_EINVAL);
}

static void parse_quotes_long_input_shortened(void **state)
{
	(void)state;
	/* A long value is quoted in its first VN_QUOTE_MAX - 4 bytes and "…". */
	enum { CUT = VN_QUOTE_MAX - sizeof "…" };
	char in[200];
	memset(in, 'x', sizeof in);
	/* Put a two-byte "đ" across the quoting limit. */
	in[CUT - 1] = '\xc4';
	in[CUT] = '\x91';
	Err e = {0};
	Date d;
	assert_int_equal(date_parse(in, sizeof in, &d, &e), KC_EINVAL);
	/* CUT - 1 x's: the cut moves back to before the "đ" rather than split it. */
	char want[200] = "Ngày '";
	memset(want + strlen(want), 'x', CUT - 1);
	memcpy(want + strlen("Ngày '") + CUT - 1, "…' không hợp lệ", strlen("…' không hợp lệ") + 1);
	assert_memory_equal(e.msg, want, strlen(want));
}

/* ---- building and splitting ---------------------------------------------------------- */

static void from_ymd_checks(void **state)
{
	(void)state;
	Date d = 7;
	Err e = {0};
	assert_int_equal(date_from_ymd(2019, 2, 29, &d, &e), KC_EINVAL);
	assert_string_equal(
	        e.msg, "Ngày '29/02/2019' không hợp lệ: tháng 2 năm 2019 chỉ có 28 ngày");
	assert_int_equal(date_from_ymd(2019, 0, 1, &d, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Ngày '01/00/2019' không hợp lệ: tháng phải từ 1 đến 12");
	assert_int_equal(date_from_ymd(2019, 4, 0, &d, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Ngày '00/04/2019' không hợp lệ: ngày phải từ 1 đến 30");
	assert_int_equal(date_from_ymd(1899, 12, 31, &d, &e), KC_ERANGE);
	assert_int_equal(date_from_ymd(2201, 1, 1, &d, &e), KC_ERANGE);
	assert_int_equal(date_from_ymd(-2147483647 - 1, 1, 1, &d, NULL), KC_ERANGE);
	assert_int_equal(date_from_ymd(2147483647, 2147483647, 2147483647, &d, NULL), KC_ERANGE);
	assert_int_equal(date_from_ymd(2019, 1, -5, &d, NULL), KC_EINVAL);
	assert_int_equal(d, 7);
	assert_int_equal(date_from_ymd(1970, 1, 1, &d, &e), KC_OK);
	assert_int_equal(d, 0);
	assert_int_equal(ymd(2019, 7, 2), 18079);
	assert_int_equal(ymd(1900, 1, 1), -25567);
	assert_int_equal(ymd(2200, 12, 31), 84370);
}

/* Every day of the range: splitting and rebuilding agree, and days follow each other. */
static void ymd_round_trip_whole_range(void **state)
{
	(void)state;
	Date first = ymd(1900, 1, 1), last = ymd(2200, 12, 31);
	int py = 1899, pm = 12, pd = 31;
	for (Date d = first; d <= last; d++) {
		int y, m, day;
		date_to_ymd(d, &y, &m, &day);
		Date back;
		assert_int_equal(date_from_ymd(y, m, day, &back, NULL), KC_OK);
		assert_int_equal(back, d);
		bool next_day = y == py && m == pm && day == pd + 1;
		bool next_month =
		        y == py && m == pm + 1 && day == 1 && pd == date_days_in_month(py, pm);
		bool next_year = y == py + 1 && m == 1 && day == 1 && pm == 12 && pd == 31;
		assert_true(next_day || next_month || next_year);
		py = y, pm = m, pd = day;
		assert_true(date_in_range(d));
	}
	assert_false(date_in_range(first - 1));
	assert_false(date_in_range(last + 1));
}

static void to_ymd_accepts_null_and_far_dates(void **state)
{
	(void)state;
	int y = 0, m = 0, d = 0;
	date_to_ymd(ymd(2019, 7, 2), &y, NULL, NULL);
	assert_int_equal(y, 2019);
	date_to_ymd(ymd(2019, 7, 2), NULL, &m, &d);
	assert_int_equal(m, 7);
	assert_int_equal(d, 2);
	/* Outside the valid range the arithmetic still holds (no overflow). */
	date_to_ymd(INT32_MAX, &y, &m, &d);
	assert_true(y > 5000000);
	date_to_ymd(INT32_MIN, &y, &m, &d);
	assert_true(y < -5000000);
	date_to_ymd(-719468, &y, &m, &d); /* 0000-03-01 */
	assert_int_equal(y, 0);
	assert_int_equal(m, 3);
	assert_int_equal(d, 1);
}

typedef struct Leap {
	int y;
	bool leap;
} Leap;

static const Leap leaps[] = {
        {1900, false},
        {2000, true},
        {2023, false},
        {2024, true},
        {2100, false},
        {2200, false},
        {1904, true},
        {2016, true},
        {2019, false},
        {2400, true},
        {0, true},
        {-4, true},
};

static void test_leap(void **state)
{
	const Leap *c = *state;
	assert_int_equal(date_is_leap(c->y), c->leap);
	assert_int_equal(date_days_in_month(c->y, 2), c->leap ? 29 : 28);
}

static void days_in_month_table(void **state)
{
	(void)state;
	static const int want[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++)
		assert_int_equal(date_days_in_month(2019, m), want[m - 1]);
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2019, 0), 0);
	assert_int_equal(date_days_in_month(2019, 13), 0);
	assert_int_equal(date_days_in_month(2019, -1), 0);
}

/* ---- formatting ---------------------------------------------------------------------- */

typedef struct Fmt {
	int y, m, d;
	const char *short_form, *iso, *long_form, *header;
} Fmt;

static const Fmt fmts[] = {
        {2019, 7, 2, "02/07/2019", "2019-07-02", "ngày 2 tháng 7 năm 2019",
                "ngày 02 tháng 7 năm 2019"},
        {2012, 5, 21, "21/05/2012", "2012-05-21", "ngày 21 tháng 5 năm 2012",
                "ngày 21 tháng 5 năm 2012"},
        {2020, 1, 5, "05/01/2020", "2020-01-05", "ngày 5 tháng 1 năm 2020",
                "ngày 05 tháng 01 năm 2020"},
        {2020, 3, 5, "05/03/2020", "2020-03-05", "ngày 5 tháng 3 năm 2020",
                "ngày 05 tháng 3 năm 2020"},
        {2026, 2, 15, "15/02/2026", "2026-02-15", "ngày 15 tháng 2 năm 2026",
                "ngày 15 tháng 02 năm 2026"},
        {2025, 11, 21, "21/11/2025", "2025-11-21", "ngày 21 tháng 11 năm 2025",
                "ngày 21 tháng 11 năm 2025"},
        {2026, 1, 10, "10/01/2026", "2026-01-10", "ngày 10 tháng 1 năm 2026",
                "ngày 10 tháng 01 năm 2026"},
        {1900, 1, 1, "01/01/1900", "1900-01-01", "ngày 1 tháng 1 năm 1900",
                "ngày 01 tháng 01 năm 1900"},
        {2200, 12, 31, "31/12/2200", "2200-12-31", "ngày 31 tháng 12 năm 2200",
                "ngày 31 tháng 12 năm 2200"},
};

static void test_format(void **state)
{
	const Fmt *c = *state;
	Date d = ymd(c->y, c->m, c->d);
	Buf b;
	buf_init(&b, 100);
	date_format(&b, d);
	assert_string_equal(buf_cstr(&b), c->short_form);
	buf_reset(&b);
	date_format_iso(&b, d);
	assert_string_equal(buf_cstr(&b), c->iso);
	buf_reset(&b);
	date_format_long(&b, d, 0);
	assert_string_equal(buf_cstr(&b), c->long_form);
	buf_reset(&b);
	date_format_long(&b, d, DATE_LEADING_ZERO);
	assert_string_equal(buf_cstr(&b), c->header);
	/* Both short forms parse back to the same day. */
	Date back;
	assert_int_equal(date_parse(c->short_form, strlen(c->short_form), &back, NULL), KC_OK);
	assert_int_equal(back, d);
	assert_int_equal(date_parse(c->iso, strlen(c->iso), &back, NULL), KC_OK);
	assert_int_equal(back, d);
	buf_free(&b);
}

static void format_appends_and_respects_limit(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 100);
	buf_puts(&b, "Sóc Trăng, ");
	date_format_long(&b, ymd(2019, 7, 2), DATE_LEADING_ZERO);
	assert_string_equal(buf_cstr(&b), "Sóc Trăng, ngày 02 tháng 7 năm 2019");
	buf_free(&b);
	buf_init(&b, 5);
	date_format(&b, ymd(2019, 7, 2));
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	buf_free(&b);
}

/* ---- weekdays ------------------------------------------------------------------------ */

typedef struct Wd {
	int y, m, d, wd;
	const char *name;
} Wd;

static const Wd wds[] = {
        {2020, 6, 1, 0, "Thứ hai"},   /* seed000 header "Thứ hai 01/06/2020" */
        {2024, 11, 22, 4, "Thứ sáu"}, /* seed001 header "Thứ sáu, 22/11/2024" */
        {2019, 7, 2, 1, "Thứ ba"}, {2024, 11, 20, 2, "Thứ tư"}, {1970, 1, 1, 3, "Thứ năm"},
        {2024, 11, 23, 5, "Thứ bảy"}, {2019, 7, 7, 6, "Chủ nhật"}, {1900, 1, 1, 0, "Thứ hai"},
        {2200, 12, 31, 2, "Thứ tư"}, {2016, 8, 15, 0, "Thứ hai"},
        {1969, 12, 31, 2, "Thứ tư"}, /* a negative day number */
};

static void test_weekday(void **state)
{
	const Wd *c = *state;
	Date d = ymd(c->y, c->m, c->d);
	assert_int_equal(date_weekday(d), c->wd);
	assert_string_equal(date_weekday_name(d), c->name);
}

static void weekday_cycles(void **state)
{
	(void)state;
	Date d = ymd(1900, 1, 1);
	for (int i = 0; i < 1000; i++)
		assert_int_equal(date_weekday(d + i), i % 7);
	assert_int_equal(date_weekday(INT32_MIN), date_weekday(INT32_MIN + 7));
	assert_true(date_weekday(INT32_MAX) >= 0 && date_weekday(INT32_MAX) < 7);
}

/* ---- arithmetic ---------------------------------------------------------------------- */

static void add_days(void **state)
{
	(void)state;
	Date d;
	Err e = {0};
	assert_int_equal(date_add_days(ymd(2024, 2, 28), 1, &d, &e), KC_OK);
	assert_ymd(d, 2024, 2, 29);
	assert_int_equal(date_add_days(ymd(2023, 2, 28), 1, &d, &e), KC_OK);
	assert_ymd(d, 2023, 3, 1);
	assert_int_equal(date_add_days(ymd(2016, 1, 1), -1, &d, &e), KC_OK);
	assert_ymd(d, 2015, 12, 31);
	assert_int_equal(date_add_days(ymd(2019, 7, 2), 0, &d, &e), KC_OK);
	assert_ymd(d, 2019, 7, 2);
	assert_int_equal(date_add_days(ymd(2200, 12, 30), 1, &d, &e), KC_OK);
	d = 99;
	assert_int_equal(date_add_days(ymd(2200, 12, 31), 1, &d, &e), KC_ERANGE);
	assert_string_equal(e.msg, "Kết quả cộng ngày nằm ngoài khoảng cho phép: ngày phải từ "
	                           "01/01/1900 đến 31/12/2200");
	assert_int_equal(d, 99);
	assert_int_equal(date_add_days(ymd(1900, 1, 1), -1, &d, NULL), KC_ERANGE);
	assert_int_equal(date_add_days(ymd(2019, 1, 1), INT32_MAX, &d, NULL), KC_ERANGE);
	assert_int_equal(date_add_days(ymd(2019, 1, 1), INT32_MIN, &d, NULL), KC_ERANGE);
}

typedef struct AddYears {
	int y, m, d, years;
	int ry, rm, rd; /* ry 0: KC_ERANGE expected */
} AddYears;

static const AddYears add_years_rows[] = {
        {2024, 2, 29, 1, 2025, 2, 28},
        {2024, 2, 29, 4, 2028, 2, 29},
        {2024, 2, 29, -1, 2023, 2, 28},
        {2000, 2, 29, 100, 2100, 2, 28},
        {2016, 6, 30, -1, 2015, 6, 30},
        {2019, 12, 31, 1, 2020, 12, 31},
        {2019, 7, 2, 0, 2019, 7, 2},
        {2200, 12, 31, -300, 1900, 12, 31},
        {2200, 1, 1, 1, 0, 0, 0},
        {1900, 1, 1, -1, 0, 0, 0},
        {2019, 1, 1, INT32_MAX, 0, 0, 0},
        {2019, 1, 1, INT32_MIN, 0, 0, 0},
};

static void test_add_years(void **state)
{
	const AddYears *c = *state;
	Date d = 5;
	Err e = {0};
	int rc = date_add_years(ymd(c->y, c->m, c->d), c->years, &d, &e);
	if (!c->ry) {
		assert_int_equal(rc, KC_ERANGE);
		assert_string_equal(e.msg, "Kết quả cộng năm nằm ngoài khoảng cho phép: ngày phải "
		                           "từ 01/01/1900 đến 31/12/2200");
		assert_int_equal(d, 5);
		return;
	}
	assert_int_equal(rc, KC_OK);
	assert_ymd(d, c->ry, c->rm, c->rd);
}

/* ---- Excel serials ------------------------------------------------------------------- */

typedef struct Excel {
	double serial;
	int y, m, d; /* y 0: an error */
	int code;
} Excel;

static const Excel excel_rows[] = {
        {1, 1900, 1, 1, 0},
        {2, 1900, 1, 2, 0},
        {59, 1900, 2, 28, 0},
        {61, 1900, 3, 1, 0},
        {25569, 1970, 1, 1, 0},
        {43466, 2019, 1, 1, 0},
        {45658, 2025, 1, 1, 0},
        {43648, 2019, 7, 2, 0},
        {43466.75, 2019, 1, 1, 0},
        {59.99, 1900, 2, 28, 0},
        {109939, 2200, 12, 31, 0},
        {60, 0, 0, 0, KC_EINVAL},
        {60.5, 0, 0, 0, KC_EINVAL},
        {0, 0, 0, 0, KC_ERANGE},
        {0.5, 0, 0, 0, KC_ERANGE},
        {-1, 0, 0, 0, KC_ERANGE},
        {109940, 0, 0, 0, KC_ERANGE},
        {1e300, 0, 0, 0, KC_ERANGE},
        {-1e300, 0, 0, 0, KC_ERANGE},
        {-INFINITY, 0, 0, 0, KC_ERANGE},
};

static void test_excel(void **state)
{
	const Excel *c = *state;
	Date d = 3;
	Err e = {0};
	int rc = date_from_excel_serial(c->serial, &d, &e);
	assert_int_equal(rc, c->code);
	if (c->code) {
		assert_int_equal(d, 3);
		assert_int_equal(e.code, c->code);
		return;
	}
	assert_ymd(d, c->y, c->m, c->d);
	assert_int_equal(date_to_excel_serial(d), (int32_t)c->serial);
}

static void excel_messages(void **state)
{
	(void)state;
	Date d;
	Err e = {0};
	assert_int_equal(date_from_excel_serial(60, &d, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Ngày Excel '60' (29/02/1900) không tồn tại: năm 1900 không "
	                           "nhuận, đây là lỗi của Excel");
	assert_int_equal(date_from_excel_serial(0, &d, &e), KC_ERANGE);
	assert_string_equal(e.msg,
	        "Ngày Excel '0' nằm ngoài khoảng cho phép: phải từ 1 (01/01/1900) "
	        "đến 109939 (31/12/2200)");
	assert_int_equal(date_from_excel_serial(NAN, &d, &e), KC_EINVAL);
	assert_string_equal(e.msg, "Ngày Excel không hợp lệ: ô không chứa số");
	assert_int_equal(date_from_excel_serial(INFINITY, &d, NULL), KC_ERANGE);
}

/* Every day of the range converts to a serial and back; serial 60 is skipped. */
static void excel_round_trip_whole_range(void **state)
{
	(void)state;
	int32_t prev = 0;
	for (Date d = ymd(1900, 1, 1); d <= ymd(2200, 12, 31); d++) {
		int32_t s = date_to_excel_serial(d);
		assert_int_equal(s, prev == 59 ? 61 : prev + 1);
		Date back;
		assert_int_equal(date_from_excel_serial(s, &back, NULL), KC_OK);
		assert_int_equal(back, d);
		prev = s;
	}
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(parse_ok); i++)
		tl_addf(&tl, test_parse_ok, (void *)&parse_ok[i], "parse '%s'", parse_ok[i].in);
	for (size_t i = 0; i < COUNT_OF(parse_spaces); i++)
		tl_addf(&tl, test_parse_ok, (void *)&parse_spaces[i], "parse spaces row %zu", i);
	for (size_t i = 0; i < COUNT_OF(parse_bad); i++)
		tl_addf(&tl, test_parse_bad, (void *)&parse_bad[i], "reject '%s'", parse_bad[i].in);
	TL_ADD(&tl, parse_uses_length_not_nul);
	TL_ADD(&tl, parse_quotes_long_input_shortened);
	TL_ADD(&tl, from_ymd_checks);
	TL_ADD(&tl, ymd_round_trip_whole_range);
	TL_ADD(&tl, to_ymd_accepts_null_and_far_dates);
	for (size_t i = 0; i < COUNT_OF(leaps); i++)
		tl_addf(&tl, test_leap, (void *)&leaps[i], "leap %d", leaps[i].y);
	TL_ADD(&tl, days_in_month_table);
	for (size_t i = 0; i < COUNT_OF(fmts); i++)
		tl_addf(&tl, test_format, (void *)&fmts[i], "format %s", fmts[i].short_form);
	TL_ADD(&tl, format_appends_and_respects_limit);
	for (size_t i = 0; i < COUNT_OF(wds); i++)
		tl_addf(&tl, test_weekday, (void *)&wds[i], "weekday %02d/%02d/%d %s", wds[i].d,
		        wds[i].m, wds[i].y, wds[i].name);
	TL_ADD(&tl, weekday_cycles);
	TL_ADD(&tl, add_days);
	for (size_t i = 0; i < COUNT_OF(add_years_rows); i++) {
		const AddYears *c = &add_years_rows[i];
		tl_addf(&tl, test_add_years, (void *)c, "add %d years to %02d/%02d/%d", c->years,
		        c->d, c->m, c->y);
	}
	for (size_t i = 0; i < COUNT_OF(excel_rows); i++)
		tl_addf(&tl, test_excel, (void *)&excel_rows[i], "excel serial %g",
		        excel_rows[i].serial);
	TL_ADD(&tl, excel_messages);
	TL_ADD(&tl, excel_round_trip_whole_range);
	return tl_run(&tl, "core/date");
}
