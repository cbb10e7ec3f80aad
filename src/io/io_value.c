/* io_value.c — see io_value.h. */
#include "io/io_value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/money.h"
#include "core/vntext.h"

enum { EXCEL_DIGITS = 15 };

void io_val_trim(const IoCell *c, const char **s, size_t *len)
{
	*s = c->text;
	*len = c->len;
	vn_trim(s, len);
}

static int refuse(Err *e, const IoCell *c, const char *label, const char *why)
{
	char q[VN_QUOTE_MAX];
	return err_set(e, KC_EINVAL, "%s '%s' không hợp lệ: %s", label,
	        vn_quote(q, sizeof q, c->text, c->len), why);
}

/* Excel's machine form: [-]digits[.digits][E[+-]digits]. Keeps at most
 * EXCEL_DIGITS significant digits, rounding half-up, then scales. */
static int machine_number(const char *s, NumDec *out)
{
	bool neg = *s == '-';
	s += neg || *s == '+';
	int64_t mant = 0;
	int sig = 0, scale = 0, dropped = 0, round = 0;
	bool digits = false, point = false;
	for (; (*s >= '0' && *s <= '9') || (*s == '.' && !point); s++) {
		if (*s == '.') {
			point = true;
			continue;
		}
		digits = true;
		int d = *s - '0';
		if (sig == 0 && d == 0) {
			scale += point;
			continue;
		}
		if (sig < EXCEL_DIGITS) {
			mant = mant * 10 + d;
			sig++;
			scale += point;
		} else {
			if (dropped++ == 0)
				round = d >= 5;
			scale -= !point;
		}
	}
	if (!digits)
		return -1;
	mant += round;
	long exp = 0;
	if (*s == 'E' || *s == 'e') {
		char *end;
		exp = strtol(s + 1, &end, 10);
		if (end == s + 1 || exp > 40 || exp < -40)
			return -1;
		s = end;
	}
	if (*s)
		return -1;
	long sc = scale - exp;
	while (sc > 0 && mant % 10 == 0 && mant)
		mant /= 10, sc--;
	if (mant == 0)
		sc = 0;
	for (; sc < 0; sc++) {
		if (mant > INT64_MAX / 10)
			return -1;
		mant *= 10;
	}
	if (sc > NUM_MAX_SCALE)
		return -1;
	*out = (NumDec){neg ? -mant : mant, (int)sc};
	return 0;
}

int io_val_number(const IoCell *c, const char *label, NumDec *out, Err *e)
{
	if (c->type == IO_CELL_NUMBER || c->type == IO_CELL_DATE || c->type == IO_CELL_BOOL) {
		if (machine_number(c->text, out))
			return refuse(e, c, label, "số quá lớn hoặc quá nhiều chữ số thập phân");
		return 0;
	}
	if (c->type != IO_CELL_TEXT)
		return refuse(e, c, label, "ô không chứa số");
	const char *s, *why;
	size_t n;
	io_val_trim(c, &s, &n);
	if (num_parse_why(s, n, out, &why))
		return refuse(e, c, label, why);
	return 0;
}

int io_val_count(const IoCell *c, const char *label, int64_t *out, Err *e)
{
	NumDec d;
	int rc = io_val_number(c, label, &d, e);
	if (rc)
		return rc;
	while (d.scale > 0 && d.mant % 10 == 0)
		d.mant /= 10, d.scale--;
	if (d.scale > 0)
		return refuse(e, c, label, "cần một số nguyên");
	if (d.mant < 0)
		return refuse(e, c, label, "không được âm");
	*out = d.mant;
	return 0;
}

/* d × unit as whole đồng. */
static int scale_money(
        const IoCell *c, NumDec d, int64_t unit, const char *label, int64_t *out, Err *e)
{
	int64_t p = num_pow10(d.scale);
	if (unit >= p) {
		int64_t f = unit / p;
		if (d.mant > INT64_MAX / f || d.mant < -INT64_MAX / f)
			return refuse(e, c, label, "số tiền quá lớn");
		*out = d.mant * f;
		return 0;
	}
	int64_t div = p / unit;
	if (d.mant % div)
		return refuse(e, c, label, "không phải một số đồng nguyên (kiểm tra đơn vị tính)");
	*out = d.mant / div;
	return 0;
}

int io_val_money(
        const IoCell *c, int64_t unit, const char *label, int64_t *out, int *qualifier, Err *e)
{
	if (qualifier)
		*qualifier = MONEY_Q_NONE;
	if (unit <= 0)
		unit = 1;
	const char *s;
	size_t n;
	io_val_trim(c, &s, &n);
	NumDec d;
	int rc;
	if (c->type != IO_CELL_TEXT || num_span(s, n) == n) {
		if ((rc = io_val_number(c, label, &d, e)))
			return rc;
	} else {
		MoneyParsed m;
		Err why;
		if (money_parse(s, n, &m, &why))
			return err_set(e, KC_EINVAL, "%s: %s", label, why.msg);
		if (qualifier)
			*qualifier = m.qualifier;
		d = (NumDec){m.dong, 0};
		if (m.unit == MONEY_DONG && !strstr(s, "đ") && !strstr(s, "Đ"))
			return scale_money(c, d, unit, label, out, e);
		*out = m.dong;
		return 0;
	}
	return scale_money(c, d, unit, label, out, e);
}

int io_val_date(const IoCell *c, const char *label, char out[11], Err *e)
{
	Date d;
	Err why;
	if (c->type == IO_CELL_DATE || c->type == IO_CELL_NUMBER) {
		NumDec n;
		if (machine_number(c->text, &n) || n.mant < 0)
			return refuse(e, c, label, "không phải ngày");
		double serial = (double)(n.mant / num_pow10(n.scale));
		if (date_from_excel_serial(serial, &d, &why))
			return err_set(e, KC_EINVAL, "%s: %s", label, why.msg);
	} else {
		const char *s;
		size_t len;
		io_val_trim(c, &s, &len);
		if (date_parse(s, len, &d, &why))
			return err_set(e, KC_EINVAL, "%s: %s", label, why.msg);
	}
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, day);
	return 0;
}

int io_val_year(const IoCell *c, const char *label, int *out, Err *e)
{
	if (c->type == IO_CELL_DATE) {
		char iso[11];
		int rc = io_val_date(c, label, iso, e);
		if (rc == 0)
			*out = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 +
			       (iso[3] - '0');
		return rc;
	}
	const char *s;
	size_t n;
	io_val_trim(c, &s, &n);
	size_t w = vn_match_word(s, n, "năm");
	if (w) {
		s += w, n -= w;
		vn_trim(&s, &n);
	}
	int y = 0;
	bool ok = c->type != IO_CELL_TEXT || (n == 4);
	if (c->type == IO_CELL_TEXT) {
		for (size_t i = 0; ok && i < n; i++)
			ok = s[i] >= '0' && s[i] <= '9', y = y * 10 + (s[i] - '0');
	} else {
		int64_t v;
		Err why;
		ok = io_val_count(c, label, &v, &why) == 0 && v < 10000;
		y = (int)v;
	}
	if (!ok || y < 1990 || y > 2100)
		return refuse(e, c, label, "cần một năm từ 1990 đến 2100");
	*out = y;
	return 0;
}

int io_val_digits(const IoCell *c, int width, const char *label, Buf *out, Err *e)
{
	const char *s;
	size_t n;
	io_val_trim(c, &s, &n);
	if (c->type == IO_CELL_TEXT) {
		buf_append(out, s, n);
		return 0;
	}
	int64_t v;
	int rc = io_val_count(c, label, &v, e);
	if (rc)
		return rc;
	char digits[24];
	int len = snprintf(digits, sizeof digits, "%lld", (long long)v);
	for (; len < width; len++)
		buf_putc(out, '0');
	buf_puts(out, digits);
	return 0;
}
