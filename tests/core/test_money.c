/* test_money.c — money arithmetic, parsing and formatting, checked against
 * the figures of DOMAIN.md §7 (seed tables) and §2.5 (support caps). */
#include "harness.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/money.h"
#include "core/num.h"
#include "core/vntext.h"

#define TRIEU 1000000LL
#define TY    1000000000LL

/* ---- money_parse: accepted ------------------------------------------------ */

typedef struct ParseOk {
	const char *in;
	int64_t dong;
	int q;
	MoneyUnit unit;
} ParseOk;

/* Every money figure of DOMAIN.md §7 and the caps of §2.5, as written there
 * (the §7 "qty unit" columns joined; "trên"/"gần"/"ước đạt" as in the
 * article text where the table abbreviates them). */
static const ParseOk seeds[] = {
        {"25 tỷ đồng", 25 * TY, MONEY_Q_NONE, MONEY_TY},                   /* 000-02 */
        {"125,92 tỷ đồng", 125920 * TRIEU, MONEY_Q_NONE, MONEY_TY},        /* 000-03 */
        {"> 51,154 tỷ đồng", 51154 * TRIEU, MONEY_Q_OVER, MONEY_TY},       /* 000-06 */
        {"trên 51,154 tỷ đồng", 51154 * TRIEU, MONEY_Q_OVER, MONEY_TY},    /* 000-06 */
        {"300 triệu đồng", 300 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},        /* 000-14 */
        {"200 triệu đồng", 200 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},        /* 000-16 */
        {"74 triệu đồng", 74 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},          /* 001-04 */
        {"412 triệu đồng", 412 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},        /* 001-07 */
        {"9,2 tỷ đồng", 9200 * TRIEU, MONEY_Q_NONE, MONEY_TY},             /* 001-11 */
        {"632 triệu đồng", 632 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},        /* 001-14 */
        {"164 triệu đồng", 164 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},        /* 001-16 */
        {"1,05 tỷ đồng", 1050 * TRIEU, MONEY_Q_NONE, MONEY_TY},            /* 001-17 */
        {"ước đạt 2,8 tỷ đồng", 2800 * TRIEU, MONEY_Q_ESTIMATE, MONEY_TY}, /* 001-20 */
        {"11.532 triệu đồng", 11532 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},   /* 001-D1 */
        {"6.047,5 triệu đồng", 6047500000, MONEY_Q_NONE, MONEY_TRIEU},     /* 003-02 */
        {"> 5.310 tỷ đồng", 5310 * TY, MONEY_Q_OVER, MONEY_TY},            /* 003-03 */
        {"1,27 tỷ đồng", 1270 * TRIEU, MONEY_Q_NONE, MONEY_TY},            /* 003-05 */
        {"> 2 tỷ đồng", 2 * TY, MONEY_Q_OVER, MONEY_TY},                   /* 003-06 */
        {"≈ 137,44 triệu đồng", 137440000, MONEY_Q_ABOUT, MONEY_TRIEU},    /* 003-D1 */
        {"gần 94 tỷ đồng", 94 * TY, MONEY_Q_NEAR, MONEY_TY},               /* 004-06 */
        {"20.253,331 triệu đồng", 20253331000, MONEY_Q_NONE, MONEY_TRIEU}, /* 004-07 */
        {"73.738,019 triệu đồng", 73738019000, MONEY_Q_NONE, MONEY_TRIEU}, /* 004-08 */
        {"> 10 tỷ đồng", 10 * TY, MONEY_Q_OVER, MONEY_TY},                 /* 004-41 */
        {"93.991,350 triệu đồng", 93991350000, MONEY_Q_NONE, MONEY_TRIEU}, /* 004-D2 */
        {"1.000 triệu đồng", 1000 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},     /* §2.5 */
        {"300 triệu", 300 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},             /* §2.5 */
        {"10 triệu đồng", 10 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},          /* §2.5 */
        {"800 triệu", 800 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},             /* §2.5 */
        {"400 triệu", 400 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},             /* §2.5 */
        {"250 triệu", 250 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},             /* §2.5 */
        {"1,4 tỷ", 1400 * TRIEU, MONEY_Q_NONE, MONEY_TY},                  /* §2.5 */
};

/* The other spellings officials use: units, case, spacing, qualifiers. */
static const ParseOk variants[] = {
        {"51,154 tỷ đồng", 51154 * TRIEU, MONEY_Q_NONE, MONEY_TY},
        {"9,2 tỷ", 9200 * TRIEU, MONEY_Q_NONE, MONEY_TY},
        {"9,2 tỉ", 9200 * TRIEU, MONEY_Q_NONE, MONEY_TY},
        {"74 triệu", 74 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},
        {"2,8 tỷ", 2800 * TRIEU, MONEY_Q_NONE, MONEY_TY},
        {"1,05 tỷ", 1050 * TRIEU, MONEY_Q_NONE, MONEY_TY},
        {"5.310 tỷ đồng", 5310 * TY, MONEY_Q_NONE, MONEY_TY},
        {"1.234.567.890 đồng", 1234567890, MONEY_Q_NONE, MONEY_DONG},
        {"1.234.567.890", 1234567890, MONEY_Q_NONE, MONEY_DONG},
        {"1 234 567 đồng", 1234567, MONEY_Q_NONE, MONEY_DONG},
        {"500 nghìn", 500000, MONEY_Q_NONE, MONEY_NGHIN},
        {"500 ngàn", 500000, MONEY_Q_NONE, MONEY_NGHIN},
        {"500 nghìn đồng", 500000, MONEY_Q_NONE, MONEY_NGHIN},
        {"1,5 nghìn", 1500, MONEY_Q_NONE, MONEY_NGHIN},
        {"5 nghìn tỷ đồng", 5000 * TY, MONEY_Q_NONE, MONEY_NGHIN_TY},
        {"5,31 ngàn tỉ", 5310 * TY, MONEY_Q_NONE, MONEY_NGHIN_TY},
        {"150.000 đ", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"150.000đ", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"150.000 ₫", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"150.000₫", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"150.000 VND", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"150.000 VNĐ", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"150.000 vnđ", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"3 triệu VND", 3 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},
        {"3 tỷ đ", 3 * TY, MONEY_Q_NONE, MONEY_TY},
        {"6.047,5 TRIỆU ĐỒNG", 6047500000, MONEY_Q_NONE, MONEY_TRIEU},
        {"GẦN 94 TỶ ĐỒNG", 94 * TY, MONEY_Q_NEAR, MONEY_TY},
        {"Trên 51,154 Tỷ Đồng", 51154 * TRIEU, MONEY_Q_OVER, MONEY_TY},
        {"94 TỈ", 94 * TY, MONEY_Q_NONE, MONEY_TY},
        {"500 NGHÌN", 500000, MONEY_Q_NONE, MONEY_NGHIN},
        {"500 NGÀN ĐỒNG", 500000, MONEY_Q_NONE, MONEY_NGHIN},
        {"Khoảng 2.520 đồng", 2520, MONEY_Q_ABOUT, MONEY_DONG},
        {"KHOẢNG 2.520 Đ", 2520, MONEY_Q_ABOUT, MONEY_DONG},
        {"hơn 3 tỷ", 3 * TY, MONEY_Q_OVER, MONEY_TY},
        {"HƠN 3 TỶ", 3 * TY, MONEY_Q_OVER, MONEY_TY},
        {"dưới 5 triệu", 5 * TRIEU, MONEY_Q_UNDER, MONEY_TRIEU},
        {"DƯỚI 5 TRIỆU", 5 * TRIEU, MONEY_Q_UNDER, MONEY_TRIEU},
        {"ƯỚC ĐẠT 2,8 TỶ", 2800 * TRIEU, MONEY_Q_ESTIMATE, MONEY_TY},
        {"ước tính 10 tỷ", 10 * TY, MONEY_Q_ESTIMATE, MONEY_TY},
        {"ước 10 tỷ", 10 * TY, MONEY_Q_ESTIMATE, MONEY_TY},
        {"~ 5 triệu", 5 * TRIEU, MONEY_Q_ABOUT, MONEY_TRIEU},
        {"<5 triệu", 5 * TRIEU, MONEY_Q_UNDER, MONEY_TRIEU},
        {"≈137,44 triệu", 137440000, MONEY_Q_ABOUT, MONEY_TRIEU},
        {"trên 10 tỷ đồng", 10 * TY, MONEY_Q_OVER, MONEY_TY},
        {"  6.047,5   triệu    đồng  ", 6047500000, MONEY_Q_NONE, MONEY_TRIEU},
        {"6.047,5\u00a0triệu\u00a0đồng", 6047500000, MONEY_Q_NONE, MONEY_TRIEU},
        {"gần\u00a094\u202ftỷ", 94 * TY, MONEY_Q_NEAR, MONEY_TY},
        /* The spaces of every parser (vn_space_len) at both ends. */
        {"\u00a06.047,5 triệu đồng\u00a0", 6047500000, MONEY_Q_NONE, MONEY_TRIEU},
        {"\u202f74 triệu\u202f", 74 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},
        {"\u202f\u00a0 gần 94 tỷ \u00a0\u202f", 94 * TY, MONEY_Q_NEAR, MONEY_TY},
        {"\r\n74\ntriệu\r\n", 74 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU}, /* line breaks */
        /* Any letter case in the words (vn_match_word), not only the listed ones. */
        {"150.000 Vnđ", 150000, MONEY_Q_NONE, MONEY_DONG},
        {"3 tRiỆu ĐồNg", 3 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},
        {"KhOẢnG 5 Tỉ", 5 * TY, MONEY_Q_ABOUT, MONEY_TY},
        {"74triệu", 74 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},
        {"0 đồng", 0, MONEY_Q_NONE, MONEY_DONG},
        {"-5 triệu đồng", -5 * TRIEU, MONEY_Q_NONE, MONEY_TRIEU},
        {"1,0 đồng", 1, MONEY_Q_NONE, MONEY_DONG},
        {"0,000001 triệu", 1, MONEY_Q_NONE, MONEY_TRIEU},
        {"0,000000001 tỷ", 1, MONEY_Q_NONE, MONEY_TY},
        {"9,223372036 tỷ", 9223372036, MONEY_Q_NONE, MONEY_TY},
        {"9.223.372.036.854.775.807 đồng", INT64_MAX, MONEY_Q_NONE, MONEY_DONG},
        {"-9.223.372.036.854.775.808", INT64_MIN, MONEY_Q_NONE, MONEY_DONG},
        {"9.223.372.036,854775807 tỷ", INT64_MAX, MONEY_Q_NONE, MONEY_TY},
};

static void test_parse_ok(void **state)
{
	const ParseOk *t = *state;
	MoneyParsed m = {-1, -1, -1};
	Err e = {0};
	assert_int_equal(money_parse(t->in, strlen(t->in), &m, &e), KC_OK);
	assert_string_equal(e.msg, "");
	assert_true(m.dong == t->dong);
	assert_int_equal(m.qualifier, t->q);
	assert_int_equal(m.unit, t->unit);
}

/* ---- money_parse: refused -------------------------------------------------- */

typedef struct ParseBad {
	const char *in;
	int code;
	const char *why; /* a part of the reason that must be there, or NULL */
} ParseBad;

static const ParseBad rejects[] = {
        {"1,5", KC_EINVAL, "lẻ đồng"},
        {"51,154", KC_EINVAL, "'51,154 tỷ đồng'"},
        {"1,5 đồng", KC_EINVAL, "phần lẻ"},
        {"0,0000001 triệu", KC_EINVAL, "dưới 1 đồng"},
        {"1,5555 nghìn", KC_EINVAL, "dưới 1 đồng"},
        {"0,0000000001 tỷ", KC_EINVAL, "hơn 9 chữ số"},
        {"6 triệu USD", KC_EINVAL, "'USD'"},
        {"6 USD", KC_EINVAL, "không nhận ra đơn vị 'USD'"},
        {"5 đô", KC_EINVAL, "'đô'"},
        {"12abc", KC_EINVAL, "'abc'"},
        {"6 triệu tỷ", KC_EINVAL, "'tỷ'"},
        {"5 tỷ nghìn", KC_EINVAL, "'nghìn'"},
        {"200 triệu đồng/năm", KC_EINVAL, "thừa '/năm'"},
        {"74 triệu đồng.", KC_EINVAL, "thừa '.'"},
        {"6 đồng đồng", KC_EINVAL, "thừa 'đồng'"},
        {"6 triệu đồng 500 nghìn", KC_EINVAL, "thừa '500 nghìn'"},
        {"", KC_EINVAL, "không có số tiền"},
        {"   ", KC_EINVAL, "không có số tiền"},
        {"gần", KC_EINVAL, "phải là một số"},
        {"gần94 tỷ", KC_EINVAL, "phải là một số"},
        {"triệu đồng", KC_EINVAL, "phải là một số"},
        {"$5", KC_EINVAL, "phải là một số"},
        {"\u200774 triệu", KC_EINVAL, "phải là một số"}, /* FIGURE SPACE is not a space */
        {"\u00a0\u202f", KC_EINVAL, "không có số tiền"},
        {"ước trên 10 tỷ đồng", KC_EINVAL, "hai từ định tính"},
        {"1,234.5 triệu", KC_EINVAL, "tiếng Anh"},
        {"1.5 tỷ", KC_EINVAL, "đúng 3 chữ số"},
        {"1.23.4 đồng", KC_EINVAL, "đúng 3 chữ số"},
        {"1.2345 triệu", KC_EINVAL, "đúng 3 chữ số"},
        {"1,2,3 tỷ", KC_EINVAL, "một dấu phẩy"},
        {"- 5 triệu", KC_EINVAL, "bắt đầu bằng chữ số"},
        {"5 trie\xcc\x82\xcc\xa3u", KC_EINVAL, "NFC"}, /* decomposed "triệu" */
        {"9.999.999.999.999.999.999 đồng", KC_ERANGE, "quá nhiều chữ số"},
        {"9.223.372.036.854.775.808 đồng", KC_ERANGE, "quá nhiều chữ số"},
        {"-9.223.372.036.854.775.809", KC_ERANGE, "quá nhiều chữ số"},
        {"10.000.000.000 tỷ", KC_ERANGE, "9.223.372.036.854.775.807 đồng"},
        {"9.300.000 nghìn tỷ", KC_ERANGE, "9.223.372.036.854.775.807 đồng"},
};

static void test_reject(void **state)
{
	const ParseBad *t = *state;
	MoneyParsed m = {77, 7, MONEY_TY};
	Err e = {0};
	char quoted[160];
	assert_int_equal(money_parse(t->in, strlen(t->in), &m, &e), t->code);
	assert_int_equal(e.code, t->code);
	assert_true(m.dong == 77 && m.qualifier == 7 && m.unit == MONEY_TY);
	/* The message quotes the value (without surrounding spaces) and says why. */
	const char *in = t->in;
	size_t n = strlen(in);
	vn_trim(&in, &n);
	snprintf(quoted, sizeof quoted, "Số tiền '%.*s' %s: ", (int)n, in,
	        t->code == KC_ERANGE ? "quá lớn" : "không hợp lệ");
	assert_non_null(strstr(e.msg, quoted));
	if (t->why)
		assert_non_null(strstr(e.msg, t->why));
}

static void parse_without_err_or_out(void **state)
{
	(void)state;
	assert_int_equal(money_parse("6.047,5 triệu", strlen("6.047,5 triệu"), NULL, NULL), KC_OK);
	assert_int_equal(money_parse("1,5", 3, NULL, NULL), KC_EINVAL);
	/* The length bounds the input: "74 triệu đồng" cut after "74 triệu". */
	MoneyParsed m;
	assert_int_equal(money_parse("74 triệu đồng", strlen("74 triệu"), &m, NULL), KC_OK);
	assert_true(m.dong == 74 * TRIEU);
	assert_int_equal(money_parse("74 triệu đồng", 4, &m, NULL), KC_EINVAL); /* "74 t" */
}

/* ---- arithmetic ------------------------------------------------------------ */

static int64_t parse(const char *s)
{
	MoneyParsed m;
	Err e;
	if (money_parse(s, strlen(s), &m, &e) != KC_OK)
		fail_msg("%s", e.msg);
	return m.dong;
}

static void add_sub_mul(void **state)
{
	(void)state;
	int64_t x;
	assert_int_equal(money_add(74 * TRIEU, 412 * TRIEU, &x, NULL), KC_OK);
	assert_true(x == 486 * TRIEU);
	assert_int_equal(money_sub(74 * TRIEU, 412 * TRIEU, &x, NULL), KC_OK);
	assert_true(x == -338 * TRIEU);
	assert_int_equal(money_mul(300 * TRIEU, 3, &x, NULL), KC_OK);
	assert_true(x == 900 * TRIEU);
	assert_int_equal(money_add(INT64_MAX, INT64_MIN, &x, NULL), KC_OK);
	assert_true(x == -1);
}

static void overflow_is_refused(void **state)
{
	(void)state;
	int64_t x = 42;
	Err e;
	assert_int_equal(money_add(INT64_MAX, 1, &x, &e), KC_ERANGE);
	assert_non_null(strstr(e.msg, "Tổng 9.223.372.036.854.775.807 đồng + 1 đồng vượt quá"));
	assert_int_equal(money_add(INT64_MIN, -1, &x, &e), KC_ERANGE);
	assert_int_equal(money_sub(INT64_MIN, 1, &x, &e), KC_ERANGE);
	assert_non_null(strstr(e.msg, "Hiệu -9.223.372.036.854.775.808 đồng - 1 đồng"));
	assert_int_equal(money_sub(0, INT64_MIN, &x, &e), KC_ERANGE);
	assert_int_equal(money_mul(INT64_MAX, 2, &x, &e), KC_ERANGE);
	assert_non_null(strstr(e.msg, "Tích 9.223.372.036.854.775.807 đồng × 2 vượt quá"));
	assert_int_equal(money_mul(INT64_MIN, -1, &x, &e), KC_ERANGE);
	assert_int_equal(money_mul(4 * TY, 4 * TY, &x, &e), KC_ERANGE);
	assert_int_equal(money_apply_rate(INT64_MAX, 10001, &x, &e), KC_ERANGE);
	assert_string_equal(e.msg,
	        "Số tiền 9.223.372.036.854.775.807 đồng × 100,01% vượt quá giới hạn "
	        "±9.223.372.036.854.775.807 đồng");
	assert_int_equal(money_apply_rate(INT64_MIN, 20000, &x, &e), KC_ERANGE);
	assert_int_equal(money_apply_rate(100, -5000, &x, &e), KC_ERANGE);
	assert_string_equal(e.msg, "Tỷ lệ '-50%' không hợp lệ: tỷ lệ hỗ trợ không được âm");
	assert_int_equal(money_div_round(5, 0, &x, &e), KC_ERANGE);
	assert_string_equal(e.msg, "Không chia được 5 đồng cho 0");
	assert_int_equal(money_div_round(INT64_MIN, -1, &x, &e), KC_ERANGE);
	assert_int_equal(money_add(INT64_MAX, 1, &x, NULL), KC_ERANGE);
	assert_true(x == 42); /* a refusal leaves the output alone */
	/* In bounds at the edge. */
	assert_int_equal(money_apply_rate(INT64_MAX, 10000, &x, NULL), KC_OK);
	assert_true(x == INT64_MAX);
	assert_int_equal(money_mul(INT64_MIN, 1, &x, NULL), KC_OK);
	assert_true(x == INT64_MIN);
}

/* "tối đa 50 % chi phí nhưng không quá 300 triệu đồng/cơ sở" (DOMAIN §2.5). */
static void apply_rate_and_caps(void **state)
{
	(void)state;
	int64_t x, cap = parse("300 triệu đồng");
	assert_int_equal(money_apply_rate(700 * TRIEU, 5000, &x, NULL), KC_OK);
	assert_true(x == 350 * TRIEU);
	assert_true((x < cap ? x : cap) == 300 * TRIEU);
	assert_int_equal(money_apply_rate(500 * TRIEU, 5000, &x, NULL), KC_OK);
	assert_true(x == 250 * TRIEU);
	/* 30 % ≤ 1,4 tỷ/CCN (Hải Dương): 30 % of 5 tỷ is 1,5 tỷ, capped. */
	assert_int_equal(money_apply_rate(5 * TY, 3000, &x, NULL), KC_OK);
	assert_true(x == 1500 * TRIEU && x > parse("1,4 tỷ"));
	/* Half a đồng rounds away from zero. */
	assert_int_equal(money_apply_rate(1, 5000, &x, NULL), KC_OK);
	assert_true(x == 1);
	assert_int_equal(money_apply_rate(-1, 5000, &x, NULL), KC_OK);
	assert_true(x == -1);
	assert_int_equal(money_apply_rate(333, 3000, &x, NULL), KC_OK);
	assert_true(x == 100);
	assert_int_equal(money_apply_rate(3, 3333, &x, NULL), KC_OK);
	assert_true(x == 1);
	assert_int_equal(money_apply_rate(1, 4999, &x, NULL), KC_OK);
	assert_true(x == 0);
}

/* seed001: 74 + 412 + 9.200 + 632 + 164 + 1.050 = 11.532 triệu (001-D1). */
static void seed001_sum(void **state)
{
	(void)state;
	static const char *const parts[] = {"74 triệu đồng", "412 triệu đồng", "9,2 tỷ đồng",
	        "632 triệu đồng", "164 triệu đồng", "1,05 tỷ đồng"};
	int64_t sum = 0;
	for (size_t i = 0; i < COUNT_OF(parts); i++)
		assert_int_equal(money_add(sum, parse(parts[i]), &sum, NULL), KC_OK);
	assert_true(sum == parse("11.532 triệu đồng"));
	Buf b;
	buf_init(&b, 64);
	money_format(&b, sum, MONEY_TRIEU, -1, MONEY_WITH_UNIT);
	assert_string_equal(buf_cstr(&b), "11.532 triệu đồng");
	buf_free(&b);
}

/* seed004: support + contribution, state share and leverage (004-D2..D4). */
static void seed004_derived(void **state)
{
	(void)state;
	int64_t support = parse("20.253,331 triệu đồng");
	int64_t counterpart = parse("73.738,019 triệu đồng");
	int64_t total, pct, lev;
	assert_int_equal(money_add(support, counterpart, &total, NULL), KC_OK);
	assert_true(total == parse("93.991,350 triệu đồng"));
	Buf b;
	buf_init(&b, 128);
	money_format(&b, total, MONEY_TRIEU, 3, MONEY_WITH_UNIT);
	assert_string_equal(buf_cstr(&b), "93.991,350 triệu đồng");
	/* "gần 94 tỷ": below 94 tỷ, and near it. */
	MoneyParsed near;
	assert_int_equal(money_parse("gần 94 tỷ đồng", strlen("gần 94 tỷ đồng"), &near, NULL), 0);
	assert_int_equal(near.qualifier, MONEY_Q_NEAR);
	assert_true(total < near.dong && near.dong - total < TY);
	assert_int_equal(num_pct_x100(support, total, &pct, NULL), KC_OK);
	assert_true(pct == 2155);
	buf_reset(&b);
	num_format_pct(&b, pct, 2);
	assert_string_equal(buf_cstr(&b), "21,55%");
	assert_int_equal(num_ratio_x100(counterpart, support, &lev, NULL), KC_OK);
	assert_true(lev == 364);
	assert_int_equal(num_pct_x100(counterpart, support, &pct, NULL), KC_OK);
	assert_true(pct == 36408);
	buf_reset(&b);
	num_format(&b, lev, 2, 2);
	buf_puts(&b, " lần");
	assert_string_equal(buf_cstr(&b), "3,64 lần");
	buf_free(&b);
}

/* seed003: 6.047,5 triệu over 44 projects ≈ 137,44 triệu (003-D1). */
static void seed003_average(void **state)
{
	(void)state;
	int64_t avg;
	assert_int_equal(money_div_round(parse("6.047,5 triệu đồng"), 44, &avg, NULL), KC_OK);
	assert_true(avg == 137443182); /* 137.443.181,8… */
	Buf b;
	buf_init(&b, 64);
	money_format(&b, avg, MONEY_TRIEU, 2, MONEY_WITH_UNIT);
	assert_string_equal(buf_cstr(&b), "137,44 triệu đồng");
	buf_free(&b);
	/* The article's rounded figure is not the exact one. */
	assert_true(parse("≈ 137,44 triệu đồng") == 137440000);
}

/* ---- money_format ---------------------------------------------------------- */

typedef struct Fmt {
	int64_t dong;
	MoneyUnit unit;
	int decimals;
	unsigned flags;
	const char *out;
} Fmt;

static const Fmt fmts[] = {
        {6047500000, MONEY_TRIEU, -1, MONEY_WITH_UNIT, "6.047,5 triệu đồng"},
        {1234567890, MONEY_DONG, -1, MONEY_WITH_UNIT, "1.234.567.890 đồng"},
        {20253331000, MONEY_TRIEU, -1, MONEY_WITH_UNIT, "20.253,331 triệu đồng"},
        {9200000000, MONEY_TY, -1, MONEY_WITH_UNIT, "9,2 tỷ đồng"},
        {9200000000, MONEY_TY, 2, 0, "9,20"},
        {20253331000, MONEY_TY, 2, MONEY_WITH_UNIT, "20,25 tỷ đồng"},
        {20253331000, MONEY_TRIEU, 0, 0, "20.253"},
        {1050000000, MONEY_TY, 1, 0, "1,1"},
        {-1050000000, MONEY_TY, 1, 0, "-1,1"},
        {125920000000, MONEY_TY, -1, MONEY_WITH_UNIT, "125,92 tỷ đồng"},
        {500000, MONEY_NGHIN, -1, MONEY_WITH_UNIT, "500 nghìn đồng"},
        {5310000000000, MONEY_NGHIN_TY, -1, MONEY_WITH_UNIT, "5,31 nghìn tỷ đồng"},
        {5310000000000, MONEY_TY, -1, MONEY_WITH_UNIT, "5.310 tỷ đồng"},
        {0, MONEY_TRIEU, 2, MONEY_WITH_UNIT, "0,00 triệu đồng"},
        {1, MONEY_TRIEU, -1, 0, "0,000001"},
        {137443182, MONEY_TRIEU, 2, MONEY_WITH_UNIT, "137,44 triệu đồng"},
        {INT64_MAX, MONEY_DONG, -1, 0, "9.223.372.036.854.775.807"},
        {INT64_MIN, MONEY_TY, -1, 0, "-9.223.372.036,854775808"},
};

static void test_format(void **state)
{
	const Fmt *t = *state;
	Buf b;
	buf_init(&b, 128);
	assert_int_equal(money_format(&b, t->dong, t->unit, t->decimals, t->flags), KC_OK);
	assert_string_equal(buf_cstr(&b), t->out);
	buf_free(&b);
}

static void format_refuses_bad_arguments(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 128);
	assert_int_equal(money_format(&b, 1, (MoneyUnit)5, -1, MONEY_WITH_UNIT), KC_EINVAL);
	assert_int_equal(money_format(&b, 1, (MoneyUnit)-1, -1, 0), KC_EINVAL);
	assert_int_equal(money_format(&b, 1, MONEY_TY, 19, 0), KC_EINVAL);
	assert_int_equal(money_format(&b, 1, MONEY_TY, -2, 0), KC_EINVAL);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void names(void **state)
{
	(void)state;
	assert_string_equal(money_unit_name(MONEY_DONG), "đồng");
	assert_string_equal(money_unit_name(MONEY_NGHIN), "nghìn đồng");
	assert_string_equal(money_unit_name(MONEY_TRIEU), "triệu đồng");
	assert_string_equal(money_unit_name(MONEY_TY), "tỷ đồng");
	assert_string_equal(money_unit_name(MONEY_NGHIN_TY), "nghìn tỷ đồng");
	assert_string_equal(money_unit_name((MoneyUnit)99), "");
	assert_string_equal(money_qualifier_word(MONEY_Q_NONE), "");
	assert_string_equal(money_qualifier_word(MONEY_Q_NEAR), "gần");
	assert_string_equal(money_qualifier_word(MONEY_Q_OVER), "trên");
	assert_string_equal(money_qualifier_word(MONEY_Q_ABOUT), "khoảng");
	assert_string_equal(money_qualifier_word(MONEY_Q_ESTIMATE), "ước");
	assert_string_equal(money_qualifier_word(MONEY_Q_UNDER), "dưới");
	assert_string_equal(money_qualifier_word(-1), "");
	assert_string_equal(money_qualifier_word(6), "");
}

/* Formatting exactly in any unit, with a qualifier, and parsing again gives
 * the same amount, unit and qualifier. In nghìn tỷ only whole nghìn: smaller
 * amounts need more than NUM_MAX_SCALE decimals there. */
static void test_round_trip(void **state)
{
	int64_t dong = *(const int64_t *)*state;
	for (int u = MONEY_DONG; u <= MONEY_NGHIN_TY; u++) {
		if (u == MONEY_NGHIN_TY && dong % 1000 != 0)
			continue;
		for (int q = MONEY_Q_NONE; q <= MONEY_Q_UNDER; q++) {
			Buf b;
			buf_init(&b, 128);
			if (q != MONEY_Q_NONE)
				buf_printf(&b, "%s ", money_qualifier_word(q));
			assert_int_equal(
			        money_format(&b, dong, (MoneyUnit)u, -1, MONEY_WITH_UNIT), 0);
			MoneyParsed m;
			Err e;
			if (money_parse(b.data, b.len, &m, &e) != KC_OK)
				fail_msg("%s", e.msg);
			assert_true(m.dong == dong);
			assert_int_equal(m.unit, u);
			assert_int_equal(m.qualifier, q);
			buf_free(&b);
		}
	}
}

static const int64_t round_trip_amounts[] = {0, 1, -1, 999, 1000, 6047500000, 20253331000,
        -73738019000, 125920000000, 5310000000000, 123456789012345, INT64_MAX, INT64_MIN};

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(seeds); i++)
		tl_addf(&tl, test_parse_ok, (void *)&seeds[i], "seed '%s'", seeds[i].in);
	for (size_t i = 0; i < COUNT_OF(variants); i++)
		tl_addf(&tl, test_parse_ok, (void *)&variants[i], "parse '%s'", variants[i].in);
	for (size_t i = 0; i < COUNT_OF(rejects); i++)
		tl_addf(&tl, test_reject, (void *)&rejects[i], "refuse '%s'", rejects[i].in);
	TL_ADD(&tl, parse_without_err_or_out);
	TL_ADD(&tl, add_sub_mul);
	TL_ADD(&tl, overflow_is_refused);
	TL_ADD(&tl, apply_rate_and_caps);
	TL_ADD(&tl, seed001_sum);
	TL_ADD(&tl, seed004_derived);
	TL_ADD(&tl, seed003_average);
	for (size_t i = 0; i < COUNT_OF(fmts); i++)
		tl_addf(&tl, test_format, (void *)&fmts[i], "format '%s'", fmts[i].out);
	TL_ADD(&tl, format_refuses_bad_arguments);
	TL_ADD(&tl, names);
	for (size_t i = 0; i < COUNT_OF(round_trip_amounts); i++)
		tl_addf(&tl, test_round_trip, (void *)&round_trip_amounts[i], "round trip %" PRId64,
		        round_trip_amounts[i]);
	return tl_run(&tl, "core/money");
}
