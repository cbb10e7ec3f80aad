/* test_num.c — Vietnamese decimal parsing and formatting, percentages. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/num.h"

/* ---- num_parse: accepted ----------------------------------------------- */

typedef struct ParseOk {
	const char *in;
	int64_t mant;
	int scale;
} ParseOk;

static const ParseOk parse_ok[] = {
        {"2.520", 2520, 0},
        {"6.047,5", 60475, 1},
        {"51,154", 51154, 3},
        {"20.253,331", 20253331, 3},
        {"17.750", 17750, 0},
        {"125,92", 12592, 2},
        {"1.234.567,5", 12345675, 1},
        {"-1.234,5", -12345, 1},
        {"+42", 42, 0},
        {"  7  ", 7, 0},
        {"\t7\t", 7, 0},
        {"0", 0, 0},
        {"-0", 0, 0},
        {"0,5", 5, 1},
        {"007", 7, 0},
        {"1234567", 1234567, 0},
        {"1 234 567", 1234567, 0},
        {"1\u00a0234,5", 12345, 1},
        {"1\u202f234", 1234, 0},
        {"\u00a012\u00a0", 12, 0},
        /* The spaces of every parser (vn_space_len) at both ends. */
        {"\u202f12\u202f", 12, 0},
        {"\u00a0\u202f -1.234,5\t\u202f\u00a0", -12345, 1},
        {"\r\n7\r\n", 7, 0}, /* a cell with a line break */
        {"6.047,50", 604750, 2},
        {"0,123456789", 123456789, 9},
        {"9.223.372.036.854.775.807", INT64_MAX, 0},
        {"-9.223.372.036.854.775.808", INT64_MIN, 0},
        {"9.223.372.036,854775807", INT64_MAX, 9},
};

static void test_parse_ok(void **state)
{
	const ParseOk *t = *state;
	NumDec d = {-1, -1};
	Err e = {0};
	assert_int_equal(num_parse(t->in, strlen(t->in), &d, &e), KC_OK);
	assert_true(d.mant == t->mant);
	assert_int_equal(d.scale, t->scale);
	assert_string_equal(e.msg, "");
}

/* ---- num_parse: refused ------------------------------------------------ */

typedef struct ParseBad {
	const char *in;
	int code;
	const char *why; /* a part of the reason that must be there, or NULL */
} ParseBad;

static const ParseBad parse_bad[] = {
        {"1,234.5", KC_EINVAL, "tiếng Anh"},
        {"1.234,5.6", KC_EINVAL, "tiếng Anh"},
        {"1.5", KC_EINVAL, "đúng 3 chữ số"},
        {"1.23.4", KC_EINVAL, "đúng 3 chữ số"},
        {"1.2345", KC_EINVAL, "đúng 3 chữ số"},
        {"1.", KC_EINVAL, "đúng 3 chữ số"},
        {"1..234", KC_EINVAL, "đúng 3 chữ số"},
        {"1 23", KC_EINVAL, "đúng 3 chữ số"},
        {"1,2,3", KC_EINVAL, "một dấu phẩy"},
        {"", KC_EINVAL, "không có chữ số"},
        {"   ", KC_EINVAL, "không có chữ số"},
        {"-", KC_EINVAL, "chỉ có dấu"},
        {"+", KC_EINVAL, "chỉ có dấu"},
        {"--5", KC_EINVAL, "bắt đầu bằng chữ số"},
        {"- 5", KC_EINVAL, "bắt đầu bằng chữ số"},
        {"abc", KC_EINVAL, "bắt đầu bằng chữ số"},
        {"x12", KC_EINVAL, "bắt đầu bằng chữ số"},
        {"\u20077", KC_EINVAL, "bắt đầu bằng chữ số"}, /* FIGURE SPACE is not a space */
        {"\u00a0\u202f", KC_EINVAL, "không có chữ số"},
        {"12abc", KC_EINVAL, "không phải chữ số"},
        {"12 abc", KC_EINVAL, "không phải chữ số"},
        {"1,5 000", KC_EINVAL, "không phải chữ số"},
        {",5", KC_EINVAL, "phần nguyên"},
        {"5,", KC_EINVAL, "sau dấu phẩy"},
        {"0,1234567890", KC_EINVAL, "hơn 9 chữ số"},
        {"1234.567", KC_EINVAL, "hơn 3 chữ số"},
        {"0.500", KC_EINVAL, "bắt đầu bằng 0"},
        {"01.234", KC_EINVAL, "bắt đầu bằng 0"},
        {"1.234 567", KC_EINVAL, "dùng lẫn"},
        {"1 234.567", KC_EINVAL, "dùng lẫn"},
        {"9.223.372.036.854.775.808", KC_ERANGE, "quá nhiều chữ số"},
        {"-9.223.372.036.854.775.809", KC_ERANGE, "quá nhiều chữ số"},
        {"99999999999999999999", KC_ERANGE, "quá nhiều chữ số"},
        {"9.223.372.036,854775808", KC_ERANGE, "quá nhiều chữ số"},
};

static void test_parse_bad(void **state)
{
	const ParseBad *t = *state;
	NumDec d = {123, 4};
	Err e = {0};
	char quoted[128];
	assert_int_equal(num_parse(t->in, strlen(t->in), &d, &e), t->code);
	assert_int_equal(e.code, t->code);
	/* Refusal leaves the output alone. */
	assert_true(d.mant == 123 && d.scale == 4);
	snprintf(quoted, sizeof quoted, "Số '%s' không hợp lệ: ", t->in);
	assert_non_null(strstr(e.msg, quoted));
	if (t->why)
		assert_non_null(strstr(e.msg, t->why));
}

static void parse_uses_length_not_nul(void **state)
{
	(void)state;
	NumDec d;
	assert_int_equal(num_parse("6.047,5 triệu", 7, &d, NULL), KC_OK);
	assert_true(d.mant == 60475 && d.scale == 1);
	/* An embedded NUL is a character like any other: refused. */
	static const char with_nul[] = {'1', '2', '\0', '3'};
	assert_int_equal(num_parse(with_nul, sizeof with_nul, &d, NULL), KC_EINVAL);
	const char *why = NULL;
	assert_int_equal(num_parse_why("1.5", 3, &d, &why), KC_EINVAL);
	assert_non_null(why);
	assert_int_equal(num_parse_why("1.500", 5, &d, &why), KC_OK);
	assert_null(why);
}

static void long_value_is_cut_in_message(void **state)
{
	(void)state;
	char in[400];
	memset(in, 'x', sizeof in);
	Err e;
	assert_int_equal(num_parse(in, sizeof in, NULL, &e), KC_EINVAL);
	assert_non_null(strstr(e.msg, "…' không hợp lệ: "));
	assert_true(strlen(e.msg) < 300);
}

/* ---- num_span ---------------------------------------------------------- */

typedef struct Span {
	const char *in;
	size_t n;
} Span;

static const Span spans[] = {
        {"6.047,5 triệu", 7},
        {"74 triệu", 2},
        {"1 234 triệu", 5},
        {"5\u00a0000 đ", 6},
        {"-5đ", 2},
        {"12 ", 2},
        {"abc", 0},
        {"+", 1},
        {"1,234.5 x", 7},
};

static void test_span(void **state)
{
	const Span *t = *state;
	assert_int_equal(num_span(t->in, strlen(t->in)), t->n);
}

/* ---- num_format -------------------------------------------------------- */

typedef struct Fmt {
	int64_t mant;
	int scale, decimals;
	const char *out;
} Fmt;

static const Fmt fmts[] = {
        {60475, 1, -1, "6.047,5"},
        {20253331, 3, -1, "20.253,331"},
        {2520, 0, -1, "2.520"},
        {604750, 2, -1, "6.047,5"},
        {604750, 2, 2, "6.047,50"},
        {60475, 1, 0, "6.048"},
        {-60475, 1, 0, "-6.048"},
        {-4, 1, 0, "0"},
        {-5, 1, 0, "-1"},
        {0, 0, -1, "0"},
        {0, 3, 2, "0,00"},
        {5, 3, -1, "0,005"},
        {12345, 2, 4, "123,4500"},
        {999, 0, -1, "999"},
        {1000, 0, -1, "1.000"},
        {-1234, 0, -1, "-1.234"},
        {999995, 5, 4, "10,0000"},
        {1050000000, 9, 1, "1,1"},
        {137443182, 6, 2, "137,44"},
        {1234567, 3, -1, "1.234,567"},
        {INT64_MAX, 0, -1, "9.223.372.036.854.775.807"},
        {INT64_MIN, 0, -1, "-9.223.372.036.854.775.808"},
        {INT64_MAX, 18, -1, "9,223372036854775807"},
        {INT64_MIN, 18, 2, "-9,22"},
        {INT64_MIN, 0, 3, "-9.223.372.036.854.775.808,000"},
};

static void test_format(void **state)
{
	const Fmt *t = *state;
	Buf b;
	buf_init(&b, 256);
	assert_int_equal(num_format(&b, t->mant, t->scale, t->decimals), KC_OK);
	assert_string_equal(buf_cstr(&b), t->out);
	assert_int_equal(buf_err(&b), 0);
	buf_free(&b);
}

static void format_rejects_bad_arguments(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 256);
	assert_int_equal(num_format(&b, 1, -1, -1), KC_EINVAL);
	assert_int_equal(num_format(&b, 1, 19, -1), KC_EINVAL);
	assert_int_equal(num_format(&b, 1, 0, -2), KC_EINVAL);
	assert_int_equal(num_format(&b, 1, 0, 19), KC_EINVAL);
	assert_string_equal(buf_cstr(&b), "");
	num_format_int(&b, 17750);
	buf_putc(&b, ' ');
	num_format_int(&b, -100000);
	buf_putc(&b, ' ');
	num_format_int(&b, 0);
	assert_string_equal(buf_cstr(&b), "17.750 -100.000 0");
	buf_free(&b);
}

/* Parsing what num_format wrote gives the value back. */
static void format_parse_round_trip(void **state)
{
	(void)state;
	static const int64_t v[] = {
	        0, 1, -1, 999, 1000, 60475, -20253331, 123456789012, INT64_MAX, INT64_MIN};
	for (size_t i = 0; i < COUNT_OF(v); i++) {
		for (int scale = 0; scale <= NUM_MAX_SCALE; scale++) {
			Buf b;
			buf_init(&b, 64);
			assert_int_equal(num_format(&b, v[i], scale, scale), KC_OK);
			NumDec d;
			assert_int_equal(num_parse(b.data, b.len, &d, NULL), KC_OK);
			assert_true(d.mant == v[i]);
			assert_int_equal(d.scale, scale);
			buf_free(&b);
		}
	}
}

/* ---- percentages and ratios -------------------------------------------- */

typedef struct Pct {
	int64_t part, whole, x100;
	const char *out; /* num_format_pct(x100, -1) */
} Pct;

static const Pct pcts[] = {
        {20253331, 93991350, 2155, "21,55%"}, /* seed004 state share */
        {73738019, 20253331, 36408, "364,08%"},
        {19, 100, 1900, "19%"},
        {1, 3, 3333, "33,33%"},
        {2, 3, 6667, "66,67%"},
        {1, 8, 1250, "12,5%"},
        {-1, 8, -1250, "-12,5%"},
        {1, -8, -1250, "-12,5%"},
        {-1, -8, 1250, "12,5%"},
        {1, 20000, 1, "0,01%"},
        {-1, 20000, -1, "-0,01%"},
        {1, 40000, 0, "0%"},
        {INT64_MAX, INT64_MAX, 10000, "100%"},
        {INT64_MIN, INT64_MIN, 10000, "100%"},
        {INT64_MIN, INT64_MAX, -10000, "-100%"},
};

static void test_pct(void **state)
{
	const Pct *t = *state;
	int64_t x = -7;
	assert_int_equal(num_pct_x100(t->part, t->whole, &x, NULL), KC_OK);
	assert_true(x == t->x100);
	Buf b;
	buf_init(&b, 64);
	assert_int_equal(num_format_pct(&b, x, -1), KC_OK);
	assert_string_equal(buf_cstr(&b), t->out);
	buf_free(&b);
}

static void pct_errors(void **state)
{
	(void)state;
	int64_t x = 42;
	Err e;
	assert_int_equal(num_pct_x100(5, 0, &x, &e), KC_ERANGE);
	assert_non_null(strstr(e.msg, "tổng bằng 0"));
	assert_int_equal(num_pct_x100(INT64_MAX, 1, &x, &e), KC_ERANGE);
	assert_non_null(strstr(e.msg, "9.223.372.036.854.775.807 × 10.000 / 1"));
	assert_int_equal(num_ratio_x100(5, 0, &x, &e), KC_ERANGE);
	assert_non_null(strstr(e.msg, "mẫu số bằng 0"));
	assert_int_equal(num_muldiv_round(INT64_MIN, -1, 1, &x, &e), KC_ERANGE);
	assert_int_equal(num_muldiv_round(1, 2, 0, &x, &e), KC_ERANGE);
	assert_true(x == 42);
}

static void pct_decimals_round_half_up(void **state)
{
	(void)state;
	static const struct {
		int64_t x100;
		int decimals;
		const char *out;
	} t[] = {
	        {2155, 2, "21,55%"},
	        {2155, 1, "21,6%"},
	        {2155, 0, "22%"},
	        {1950, 0, "20%"},
	        {1949, 0, "19%"},
	        {1900, 2, "19,00%"},
	        {-2155, 1, "-21,6%"},
	        {-49, 0, "0%"},
	};
	for (size_t i = 0; i < COUNT_OF(t); i++) {
		Buf b;
		buf_init(&b, 64);
		assert_int_equal(num_format_pct(&b, t[i].x100, t[i].decimals), KC_OK);
		assert_string_equal(buf_cstr(&b), t[i].out);
		buf_free(&b);
	}
}

static void pow10_table(void **state)
{
	(void)state;
	int64_t p = 1;
	for (int n = 0; n < NUM_FORMAT_MAX_SCALE; n++, p *= 10)
		assert_true(num_pow10(n) == p);
	assert_true(num_pow10(NUM_FORMAT_MAX_SCALE) == 1000000000000000000);
}

static void muldiv_and_ratio(void **state)
{
	(void)state;
	int64_t x;
	assert_int_equal(num_muldiv_round(INT64_MAX, INT64_MAX, INT64_MAX, &x, NULL), KC_OK);
	assert_true(x == INT64_MAX);
	assert_int_equal(num_muldiv_round(7, 1, 2, &x, NULL), KC_OK);
	assert_true(x == 4);
	assert_int_equal(num_muldiv_round(-7, 1, 2, &x, NULL), KC_OK);
	assert_true(x == -4);
	assert_int_equal(num_muldiv_round(7, 1, -2, &x, NULL), KC_OK);
	assert_true(x == -4);
	assert_int_equal(num_muldiv_round(-7, 1, -2, &x, NULL), KC_OK);
	assert_true(x == 4);
	assert_int_equal(num_muldiv_round(5, 1, 3, &x, NULL), KC_OK);
	assert_true(x == 2);
	/* seed004: leverage = contribution / support ≈ 3,64 lần (DOMAIN §4.1). */
	assert_int_equal(num_ratio_x100(73738019000, 20253331000, &x, NULL), KC_OK);
	assert_true(x == 364);
	Buf b;
	buf_init(&b, 64);
	num_format(&b, x, 2, 2);
	assert_string_equal(buf_cstr(&b), "3,64");
	buf_free(&b);
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(parse_ok); i++)
		tl_addf(&tl, test_parse_ok, (void *)&parse_ok[i], "parse '%s'", parse_ok[i].in);
	for (size_t i = 0; i < COUNT_OF(parse_bad); i++)
		tl_addf(&tl, test_parse_bad, (void *)&parse_bad[i], "refuse '%s'", parse_bad[i].in);
	TL_ADD(&tl, parse_uses_length_not_nul);
	TL_ADD(&tl, long_value_is_cut_in_message);
	for (size_t i = 0; i < COUNT_OF(spans); i++)
		tl_addf(&tl, test_span, (void *)&spans[i], "span '%s'", spans[i].in);
	for (size_t i = 0; i < COUNT_OF(fmts); i++)
		tl_addf(&tl, test_format, (void *)&fmts[i], "format '%s'", fmts[i].out);
	TL_ADD(&tl, format_rejects_bad_arguments);
	TL_ADD(&tl, format_parse_round_trip);
	for (size_t i = 0; i < COUNT_OF(pcts); i++)
		tl_addf(&tl, test_pct, (void *)&pcts[i], "pct %s", pcts[i].out);
	TL_ADD(&tl, pct_errors);
	TL_ADD(&tl, pct_decimals_round_half_up);
	TL_ADD(&tl, pow10_table);
	TL_ADD(&tl, muldiv_and_ratio);
	return tl_run(&tl, "core/num");
}
