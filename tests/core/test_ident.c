/* test_ident.c — tax codes, administrative unit codes and phone numbers:
 * one named test per table row, each error row with its full message. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/ident.h"

/* Checks rc and, for an error, the exact message; for success, that e was
 * not touched (its message stays as set here). */
static void check_result(int rc, const Err *e, int want_rc, const char *want_msg)
{
	assert_int_equal(rc, want_rc);
	if (want_rc)
		assert_string_equal(e->msg, want_msg);
	else
		assert_string_equal(e->msg, "untouched");
}

static Err fresh_err(void)
{
	Err e = {.code = -1};
	memcpy(e.msg, "untouched", sizeof "untouched");
	return e;
}

/* ---- Tax codes ----------------------------------------------------------- */

typedef struct TaxRow {
	const char *in;
	int rc;
	const char *msg;
} TaxRow;

static const TaxRow tax_rows[] = {
        {"0301234567", KC_OK, NULL},
        {"0301234567-001", KC_OK, NULL},
        {"  0301234567  ", KC_OK, NULL},
        {"\t0100109106-999\n", KC_OK, NULL},
        /* The spaces of every parser (vn_space_len), no-break ones included. */
        {"\u00a00301234567\u00a0", KC_OK, NULL},
        {"\u202f0301234567-001\u202f", KC_OK, NULL},
        {"\u00a0\u202f", KC_EINVAL, "Mã số thuế không được để trống"},
        {"\u20070301234567", KC_EINVAL, /* FIGURE SPACE is not a space (vntext.h) */
                "Mã số thuế '\u20070301234567' không hợp lệ: ký tự '\u2007' ở vị trí 1 không "
                "phải chữ số"},
        {"", KC_EINVAL, "Mã số thuế không được để trống"},
        {"   ", KC_EINVAL, "Mã số thuế không được để trống"},
        {"03012", KC_EINVAL, "Mã số thuế '03012' không hợp lệ: cần 10 chữ số, hiện có 5"},
        {"03012345678", KC_EINVAL,
                "Mã số thuế '03012345678' không hợp lệ: cần 10 chữ số, hiện có 11"},
        {"0301234567001", KC_EINVAL,
                "Mã số thuế '0301234567001' không hợp lệ: cần 10 chữ số, hiện có 13"},
        {"030123-4567", KC_EINVAL,
                "Mã số thuế '030123-4567' không hợp lệ: cần 10 chữ số trước dấu '-', hiện có 6"},
        {"-001", KC_EINVAL,
                "Mã số thuế '-001' không hợp lệ: cần 10 chữ số trước dấu '-', hiện có 0"},
        {"03O1234567", KC_EINVAL,
                "Mã số thuế '03O1234567' không hợp lệ: ký tự 'O' ở vị trí 3 không phải chữ số"},
        {"０301234567", KC_EINVAL,
                "Mã số thuế '０301234567' không hợp lệ: ký tự '０' ở vị trí 1 không phải chữ "
                "số"},
        {"0301234567/001", KC_EINVAL,
                "Mã số thuế '0301234567/001' không hợp lệ: ký tự '/' ở vị trí 11 không phải "
                "chữ số"},
        {"Đ301234567", KC_EINVAL,
                "Mã số thuế 'Đ301234567' không hợp lệ: ký tự 'Đ' ở vị trí 1 không phải chữ số"},
        {"0301234567\x01", KC_EINVAL,
                "Mã số thuế '0301234567?' không hợp lệ: ký tự 'U+0001' ở vị trí 11 không "
                "phải chữ số"},
        {"03\xff", KC_EINVAL,
                "Mã số thuế '03?' không hợp lệ: ký tự '?' ở vị trí 3 không phải chữ số"},
        {"0301 234567", KC_EINVAL, "Mã số thuế '0301 234567' không hợp lệ: có khoảng trắng ở giữa"},
        {"0301234567 - 001", KC_EINVAL,
                "Mã số thuế '0301234567 - 001' không hợp lệ: có khoảng trắng ở giữa"},
        {"0301234567-01", KC_EINVAL,
                "Mã số thuế '0301234567-01' không hợp lệ: sau dấu '-' cần đúng 3 chữ số (mã "
                "đơn vị phụ thuộc)"},
        {"0301234567-", KC_EINVAL,
                "Mã số thuế '0301234567-' không hợp lệ: sau dấu '-' cần đúng 3 chữ số (mã "
                "đơn vị phụ thuộc)"},
        {"0301234567-0012", KC_EINVAL,
                "Mã số thuế '0301234567-0012' không hợp lệ: sau dấu '-' cần đúng 3 chữ số (mã "
                "đơn vị phụ thuộc)"},
        {"0301234567-0-1", KC_EINVAL,
                "Mã số thuế '0301234567-0-1' không hợp lệ: sau dấu '-' cần đúng 3 chữ số (mã "
                "đơn vị phụ thuộc)"},
        {"012345678901234567890123456789012345678901234567890123456789012345678901234567890",
                KC_EINVAL,
                /* 81 characters fit VN_QUOTE_MAX (100) whole */
                "Mã số thuế '01234567890123456789012345678901234567890123456789012345678901234567"
                "8901234567890' không hợp lệ: cần 10 chữ số, hiện có 81"},
        {"01234567890123456789012345678901234567890123456789012345678901234567890123456789"
         "0123456789012345678901234567890123456789",
                KC_EINVAL,
                /* 120 do not: 96 characters and "…" */
                "Mã số thuế '01234567890123456789012345678901234567890123456789012345678901234567"
                "8901234567890123456789012345…' không hợp lệ: cần 10 chữ số, hiện có 120"},
};

static void tax_row(void **state)
{
	const TaxRow *r = *state;
	Err e = fresh_err();
	check_result(ident_tax_code(r->in, strlen(r->in), &e), &e, r->rc, r->msg);
}

/* ---- Unit codes ---------------------------------------------------------- */

typedef struct UnitRow {
	const char *in;
	UnitLevel level;
	int rc;
	const char *msg;
} UnitRow;

static const UnitRow unit_rows[] = {
        {"01", UNIT_PROVINCE, KC_OK, NULL},
        {"15", UNIT_PROVINCE, KC_OK, NULL},
        {" 79 ", UNIT_PROVINCE, KC_OK, NULL},
        {"\u00a079\u00a0", UNIT_PROVINCE, KC_OK, NULL},
        {"\u202f00001\u202f", UNIT_COMMUNE, KC_OK, NULL},
        {"001", UNIT_DISTRICT, KC_OK, NULL},
        {"00001", UNIT_COMMUNE, KC_OK, NULL},
        {"06970", UNIT_COMMUNE, KC_OK, NULL},
        {"92", UNIT_ANY, KC_OK, NULL},
        {"582", UNIT_ANY, KC_OK, NULL},
        {"00004", UNIT_ANY, KC_OK, NULL},
        {"1", UNIT_PROVINCE, KC_EINVAL,
                "Mã đơn vị cấp tỉnh '1' không hợp lệ: cần đúng 2 chữ số kể cả số 0 ở đầu (ví "
                "dụ '01'), hiện có 1"},
        {"001", UNIT_PROVINCE, KC_EINVAL,
                "Mã đơn vị cấp tỉnh '001' không hợp lệ: cần đúng 2 chữ số kể cả số 0 ở đầu (ví "
                "dụ '01'), hiện có 3"},
        {"82", UNIT_DISTRICT, KC_EINVAL,
                "Mã đơn vị cấp huyện '82' không hợp lệ: cần đúng 3 chữ số kể cả số 0 ở đầu (ví "
                "dụ '001'), hiện có 2"},
        {"4", UNIT_COMMUNE, KC_EINVAL,
                "Mã đơn vị cấp xã '4' không hợp lệ: cần đúng 5 chữ số kể cả số 0 ở đầu (ví dụ "
                "'00001'), hiện có 1"},
        {"4", UNIT_ANY, KC_EINVAL,
                "Mã đơn vị hành chính '4' không hợp lệ: cần 2 chữ số (tỉnh), 3 chữ số (huyện, "
                "danh mục cũ) hoặc 5 chữ số (xã), hiện có 1"},
        {"0004", UNIT_ANY, KC_EINVAL,
                "Mã đơn vị hành chính '0004' không hợp lệ: cần 2 chữ số (tỉnh), 3 chữ số "
                "(huyện, danh mục cũ) hoặc 5 chữ số (xã), hiện có 4"},
        {"00", UNIT_PROVINCE, KC_EINVAL,
                "Mã đơn vị cấp tỉnh '00' không hợp lệ: không có mã nào toàn số 0"},
        {"00000", UNIT_ANY, KC_EINVAL,
                "Mã đơn vị hành chính '00000' không hợp lệ: không có mã nào toàn số 0"},
        {"0A", UNIT_PROVINCE, KC_EINVAL,
                "Mã đơn vị cấp tỉnh '0A' không hợp lệ: ký tự 'A' ở vị trí 2 không phải chữ số"},
        {"-1", UNIT_ANY, KC_EINVAL,
                "Mã đơn vị hành chính '-1' không hợp lệ: ký tự '-' ở vị trí 1 không phải chữ "
                "số"},
        {"0 1", UNIT_PROVINCE, KC_EINVAL,
                "Mã đơn vị cấp tỉnh '0 1' không hợp lệ: có khoảng trắng ở giữa"},
        {"", UNIT_COMMUNE, KC_EINVAL, "Mã đơn vị cấp xã không được để trống"},
        {"01", (UnitLevel)9, KC_EINVAL, "invalid unit level 9"},
};

static void unit_row(void **state)
{
	const UnitRow *r = *state;
	Err e = fresh_err();
	check_result(ident_unit_code(r->in, strlen(r->in), r->level, &e), &e, r->rc, r->msg);
}

/* ---- Phone numbers ------------------------------------------------------- */

typedef struct PhoneRow {
	const char *in;
	int rc;
	const char *out; /* the national form, or the message */
} PhoneRow;

static const PhoneRow phone_rows[] = {
        {"0866.59.4498", KC_OK, "0866594498"},
        {"0866 594 498", KC_OK, "0866594498"},
        {" 0383-123-456 ", KC_OK, "0383123456"},
        {"\u00a00383-123-456\u00a0", KC_OK, "0383123456"},
        {"\u202f+84 866 594 498\u202f", KC_OK, "0866594498"},
        {"+84 866 594 498", KC_OK, "0866594498"},
        {"84866594498", KC_OK, "0866594498"},
        {"+84 (0) 866 594 498", KC_OK, "0866594498"},
        {"0912.345.678", KC_OK, "0912345678"},
        {"(024) 3825 1234", KC_OK, "02438251234"},
        {"+84 24 3825 1234", KC_OK, "02438251234"},
        {"0299-3822-123", KC_OK, "02993822123"},
        {"1800 1234", KC_OK, "18001234"},
        {"1900.6789.10", KC_OK, "1900678910"},
        {"", KC_EINVAL, "Số điện thoại không được để trống"},
        {"0866.59.449", KC_EINVAL,
                "Số điện thoại '0866.59.449' không hợp lệ: số di động cần 10 chữ số, hiện có 9"},
        {"08665944981", KC_EINVAL,
                "Số điện thoại '08665944981' không hợp lệ: số di động cần 10 chữ số, hiện có 11"},
        {"024 3825 123", KC_EINVAL,
                "Số điện thoại '024 3825 123' không hợp lệ: số cố định (đầu số 02) cần 11 chữ "
                "số, hiện có 10"},
        {"0166 123 4567", KC_EINVAL,
                "Số điện thoại '0166 123 4567' không hợp lệ: đầu số 01 không còn dùng (số di "
                "động 11 chữ số đã chuyển sang 10 chữ số từ năm 2018)"},
        {"0466 123 456", KC_EINVAL,
                "Số điện thoại '0466 123 456' không hợp lệ: không có đầu số '04'"},
        {"1900 12", KC_EINVAL,
                "Số điện thoại '1900 12' không hợp lệ: số dịch vụ 1900 cần 8 hoặc 10 chữ số, "
                "hiện có 6"},
        {"866594498", KC_EINVAL,
                "Số điện thoại '866594498' không hợp lệ: cần bắt đầu bằng 0, +84, 1800 hoặc "
                "1900"},
        {"+1 202 555 0100", KC_EINVAL,
                "Số điện thoại '+1 202 555 0100' không hợp lệ: chỉ nhận số Việt Nam (mã quốc "
                "gia +84)"},
        {"0866+594498", KC_EINVAL,
                "Số điện thoại '0866+594498' không hợp lệ: ký tự '+' ở vị trí 5 không được "
                "phép"},
        {"0866 594 498 (anh Hùng)", KC_EINVAL,
                "Số điện thoại '0866 594 498 (anh Hùng)' không hợp lệ: ký tự 'a' ở vị trí 15 "
                "không được phép"},
        {"0866\t594498", KC_EINVAL,
                "Số điện thoại '0866?594498' không hợp lệ: ký tự 'U+0009' ở vị trí 5 không "
                "được phép"},
        {"0", KC_EINVAL, "Số điện thoại '0' không hợp lệ: quá ngắn"},
        {"+84", KC_EINVAL, "Số điện thoại '+84' không hợp lệ: quá ngắn"},
        {"(-)", KC_EINVAL, "Số điện thoại '(-)' không hợp lệ: không có chữ số nào"},
        {"0123 4567 8901 2345", KC_EINVAL,
                "Số điện thoại '0123 4567 8901 2345' không hợp lệ: quá dài, tối đa 15 chữ số"},
};

static void phone_row(void **state)
{
	const PhoneRow *r = *state;
	Err e = fresh_err();
	Buf b;
	buf_init(&b, 64);
	buf_puts(&b, "x");
	int rc = ident_phone(&b, r->in, strlen(r->in), &e);
	check_result(rc, &e, r->rc, r->out);
	if (rc == KC_OK)
		assert_string_equal(buf_cstr(&b) + 1, r->out);
	else
		assert_string_equal(buf_cstr(&b), "x"); /* nothing appended */
	buf_free(&b);
}

static void phone_buffer_full(void **state)
{
	(void)state;
	Err e;
	Buf b;
	buf_init(&b, 5);
	assert_int_equal(ident_phone(&b, "0866.59.4498", 12, &e), KC_ETOOBIG);
	assert_string_equal(e.msg, "phone number does not fit the output buffer");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void phone_without_err(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 64);
	assert_int_equal(ident_phone(&b, "12", 2, NULL), KC_EINVAL);
	assert_int_equal(ident_tax_code("12", 2, NULL), KC_EINVAL);
	assert_int_equal(ident_unit_code("12", 2, UNIT_COMMUNE, NULL), KC_EINVAL);
	buf_free(&b);
}

static void trim(void **state)
{
	(void)state;
	const char *s = " \t\r\n 01 \n";
	size_t len = strlen(s);
	ident_trim(&s, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(s, "01", 2);
	s = "   ";
	len = 3;
	ident_trim(&s, &len);
	assert_int_equal(len, 0);
	len = 0;
	ident_trim(&s, &len);
	assert_int_equal(len, 0);
	/* No-break spaces too, as every parser (vn_trim). */
	s = "\u00a0\u202f 01\u202f\u00a0";
	len = strlen(s);
	ident_trim(&s, &len);
	assert_int_equal(len, 2);
	assert_memory_equal(s, "01", 2);
}

/* ---- Registration -------------------------------------------------------- */

static const char *level_name(UnitLevel l)
{
	switch (l) {
	case UNIT_ANY: return "any";
	case UNIT_PROVINCE: return "province";
	case UNIT_DISTRICT: return "district";
	case UNIT_COMMUNE: return "commune";
	}
	return "bad level";
}

/* A row's input for its test name: tabs and other controls as '?'. */
static const char *shown(char *out, size_t size, const char *s)
{
	size_t n = 0;
	for (; *s && n + 1 < size; s++)
		out[n++] = (unsigned char)*s < 0x20 ? '?' : *s;
	out[n] = '\0';
	return out;
}

int main(void)
{
	TestList tl = {0};
	char in[128];
	for (size_t i = 0; i < COUNT_OF(tax_rows); i++)
		tl_addf(&tl, tax_row, (void *)&tax_rows[i], "tax_code '%s' -> %s",
		        shown(in, sizeof in, tax_rows[i].in), err_name(tax_rows[i].rc));
	for (size_t i = 0; i < COUNT_OF(unit_rows); i++)
		tl_addf(&tl, unit_row, (void *)&unit_rows[i], "unit_code %s '%s' -> %s",
		        level_name(unit_rows[i].level), shown(in, sizeof in, unit_rows[i].in),
		        err_name(unit_rows[i].rc));
	for (size_t i = 0; i < COUNT_OF(phone_rows); i++)
		tl_addf(&tl, phone_row, (void *)&phone_rows[i], "phone '%s' -> %s",
		        shown(in, sizeof in, phone_rows[i].in),
		        phone_rows[i].rc ? err_name(phone_rows[i].rc) : phone_rows[i].out);
	TL_ADD(&tl, phone_buffer_full);
	TL_ADD(&tl, phone_without_err);
	TL_ADD(&tl, trim);
	return tl_run(&tl, "core/ident");
}
