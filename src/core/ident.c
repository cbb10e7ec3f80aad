/* ident.c — see ident.h. */
#include "ident.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "vntext.h"

enum {
	PHONE_MAX = 15, /* digits of a phone number as written, prefixes included */
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

void ident_trim(const char **s, size_t *len)
{
	vn_trim(s, len);
}

/* The character at s[i] for a message, into ch: itself, or "?" for bytes
 * that are not UTF-8 and for control characters, which are named "U+0009"
 * instead when name_controls is set. Returns its size in s. */
static size_t char_text(char ch[8], const char *s, size_t len, size_t i, bool name_controls)
{
	int32_t c;
	size_t n = vn_utf8_decode(s + i, len - i, &c);
	if (n && (c < 0x20 || c == 0x7F) && name_controls) {
		static const char hex[] = "0123456789ABCDEF";
		memcpy(ch, "U+00", 4);
		ch[4] = hex[c >> 4], ch[5] = hex[c & 0xF], ch[6] = '\0';
	} else if (!n || c < 0x20 || c == 0x7F) {
		memcpy(ch, "?", 2);
	} else {
		memcpy(ch, s + i, n);
		ch[n] = '\0';
	}
	return n ? n : 1;
}

/* Reports the character at s[i] of the value: a space inside it, or a
 * character that is not allowed, named with its position (from 1). */
static int bad_char(Err *e, const char *what, const char *q, const char *s, size_t len, size_t i,
        const char *why)
{
	if (s[i] == ' ')
		return err_set(
		        e, KC_EINVAL, "%s '%s' không hợp lệ: có khoảng trắng ở giữa", what, q);
	size_t pos = 1;
	for (size_t k = 0; k < i; k++)
		pos += ((unsigned char)s[k] & 0xC0) != 0x80;
	char ch[8];
	char_text(ch, s, len, i, true);
	return err_set(e, KC_EINVAL, "%s '%s' không hợp lệ: ký tự '%s' ở vị trí %zu %s", what, q,
	        ch, pos, why);
}

/* The index of the first byte that is neither a digit nor c, or len. */
static size_t skip_digits(const char *s, size_t len, char c)
{
	size_t i = 0;
	while (i < len && (is_digit(s[i]) || (c && s[i] == c)))
		i++;
	return i;
}

int ident_tax_code(const char *s, size_t len, Err *e)
{
	const char *what = "Mã số thuế";
	char q[VN_QUOTE_MAX];
	ident_trim(&s, &len);
	if (!len)
		return err_set(e, KC_EINVAL, "%s không được để trống", what);
	vn_quote(q, sizeof q, s, len);
	size_t bad = skip_digits(s, len, '-');
	if (bad < len)
		return bad_char(e, what, q, s, len, bad, "không phải chữ số");
	const char *dash = memchr(s, '-', len);
	size_t head = dash ? (size_t)(dash - s) : len;
	if (head != 10)
		return err_set(e, KC_EINVAL, "%s '%s' không hợp lệ: cần 10 chữ số%s, hiện có %zu",
		        what, q, dash ? " trước dấu '-'" : "", head);
	if (dash && (len - head - 1 != 3 || memchr(dash + 1, '-', len - head - 1)))
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: sau dấu '-' cần đúng 3 chữ số (mã đơn vị phụ thuộc)",
		        what, q);
	return KC_OK;
}

/* Length, subject and example code of each UnitLevel. */
static const struct {
	size_t digits;
	const char *what, *example;
} unit_levels[] = {
        [UNIT_ANY] = {0, "Mã đơn vị hành chính", ""},
        [UNIT_PROVINCE] = {2, "Mã đơn vị cấp tỉnh", "01"},
        [UNIT_DISTRICT] = {3, "Mã đơn vị cấp huyện", "001"},
        [UNIT_COMMUNE] = {5, "Mã đơn vị cấp xã", "00001"},
};

int ident_unit_code(const char *s, size_t len, UnitLevel level, Err *e)
{
	if ((unsigned)level > UNIT_COMMUNE)
		return err_set(e, KC_EINVAL, "invalid unit level %d", (int)level);
	const char *what = unit_levels[level].what;
	size_t want = unit_levels[level].digits;
	char q[VN_QUOTE_MAX];
	ident_trim(&s, &len);
	if (!len)
		return err_set(e, KC_EINVAL, "%s không được để trống", what);
	vn_quote(q, sizeof q, s, len);
	size_t bad = skip_digits(s, len, 0);
	if (bad < len)
		return bad_char(e, what, q, s, len, bad, "không phải chữ số");
	if (!want && len != 2 && len != 3 && len != 5)
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: cần 2 chữ số (tỉnh), 3 chữ số (huyện, danh mục cũ) hoặc "
		        "5 chữ số (xã), hiện có %zu",
		        what, q, len);
	if (want && len != want)
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: cần đúng %zu chữ số kể cả số 0 ở đầu (ví dụ '%s'), "
		        "hiện có %zu",
		        what, q, want, unit_levels[level].example, len);
	size_t zeros = 0;
	while (zeros < len && s[zeros] == '0')
		zeros++;
	if (zeros == len)
		return err_set(
		        e, KC_EINVAL, "%s '%s' không hợp lệ: không có mã nào toàn số 0", what, q);
	return KC_OK;
}

/* Collects the digits of a phone number into d (PHONE_MAX bytes), skipping
 * separators; *plus tells whether it began with '+'. */
static int phone_digits(
        const char *s, size_t len, char *d, size_t *n, bool *plus, const char *q, Err *e)
{
	const char *what = "Số điện thoại";
	*n = 0;
	*plus = len && s[0] == '+';
	for (size_t i = *plus; i < len; i++) {
		if (is_digit(s[i])) {
			if (*n == PHONE_MAX)
				return err_set(e, KC_EINVAL,
				        "%s '%s' không hợp lệ: quá dài, tối đa %d chữ số", what, q,
				        PHONE_MAX);
			d[(*n)++] = s[i];
		} else if (!s[i] || !strchr(".-() ", s[i])) {
			return bad_char(e, what, q, s, len, i, "không được phép");
		}
	}
	if (!*n)
		return err_set(e, KC_EINVAL, "%s '%s' không hợp lệ: không có chữ số nào", what, q);
	return KC_OK;
}

/* Checks digits d[0..n) in national form, saying why they are no number. */
static int phone_check(const char *d, size_t n, const char *q, Err *e)
{
	const char *what = "Số điện thoại";
	if (n >= 4 && (!memcmp(d, "1800", 4) || !memcmp(d, "1900", 4))) {
		if (n == 8 || n == 10)
			return KC_OK;
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: số dịch vụ %.4s cần 8 hoặc 10 chữ số, hiện có %zu",
		        what, q, d, n);
	}
	if (d[0] != '0')
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: cần bắt đầu bằng 0, +84, 1800 hoặc 1900", what, q);
	if (n < 2)
		return err_set(e, KC_EINVAL, "%s '%s' không hợp lệ: quá ngắn", what, q);
	switch (d[1]) {
	case '2':
		if (n == 11)
			return KC_OK;
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: số cố định (đầu số 02) cần 11 chữ số, hiện có %zu",
		        what, q, n);
	case '3':
	case '5':
	case '7':
	case '8':
	case '9':
		if (n == 10)
			return KC_OK;
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: số di động cần 10 chữ số, hiện có %zu", what, q, n);
	case '1':
		return err_set(e, KC_EINVAL,
		        "%s '%s' không hợp lệ: đầu số 01 không còn dùng (số di động 11 chữ số đã "
		        "chuyển sang 10 chữ số từ năm 2018)",
		        what, q);
	}
	return err_set(e, KC_EINVAL, "%s '%s' không hợp lệ: không có đầu số '0%c'", what, q, d[1]);
}

int ident_phone(Buf *normalised, const char *s, size_t len, Err *e)
{
	char q[VN_QUOTE_MAX], d[PHONE_MAX + 1];
	size_t n;
	bool plus;
	ident_trim(&s, &len);
	if (!len)
		return err_set(e, KC_EINVAL, "Số điện thoại không được để trống");
	vn_quote(q, sizeof q, s, len);
	/* d[0] is room for the 0 that replaces a country prefix. */
	char *p = d + 1;
	int rc = phone_digits(s, len, p, &n, &plus, q, e);
	if (rc)
		return rc;
	bool vn = n >= 2 && p[0] == '8' && p[1] == '4';
	if (plus && !vn)
		return err_set(e, KC_EINVAL,
		        "Số điện thoại '%s' không hợp lệ: chỉ nhận số Việt Nam (mã quốc gia +84)",
		        q);
	if (vn) { /* national numbers start with 0 or 1, so 84 is the country */
		p += 2, n -= 2;
		if (n && p[0] == '0') /* "+84 (0)24 ..." */
			p++, n--;
		*--p = '0', n++;
	}
	rc = phone_check(p, n, q, e);
	if (rc)
		return rc;
	size_t mark = normalised->len;
	buf_append(normalised, p, n);
	if (buf_err(normalised)) {
		buf_truncate(normalised, mark);
		return err_set(e, KC_ETOOBIG, "phone number does not fit the output buffer");
	}
	return KC_OK;
}
