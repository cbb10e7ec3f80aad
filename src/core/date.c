/* date.c — see date.h. */
#include "date.h"

#include <stdio.h>

#include "vntext.h"

/* 01/01/1900 and 31/12/2200 as day numbers. */
#define DATE_MIN (-25567)
#define DATE_MAX 84370

/* Excel counts 01/01/1900 as 1 and wrongly believes 29/02/1900 existed (serial
 * 60, kept for Lotus 1-2-3 compatibility), so from 01/03/1900 on its serial is
 * one more than the true day count. 25569 is 01/01/1970 in Excel. */
#define EXCEL_EPOCH     25569
#define EXCEL_FAKE_LEAP 60

bool date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : days[m - 1];
}

bool date_in_range(Date d)
{
	return d >= DATE_MIN && d <= DATE_MAX;
}

/* Howard Hinnant's days_from_civil: exact for every Gregorian date, in 64 bits
 * so that no int year can overflow it. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(Date d, int *y, int *m, int *day)
{
	int64_t z = (int64_t)d + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (y)
		*y = (int)(yoe + era * 400 + (mm <= 2));
	if (m)
		*m = mm;
	if (day)
		*day = (int)(doy - (153 * mp + 2) / 5 + 1);
}

/* Checks y-m-d and reports it quoted as `shown` (the user's own writing). */
static int check_ymd(int y, int m, int d, const char *shown, Date *out, Err *e)
{
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return err_set(e, KC_ERANGE,
		        "Ngày '%s' nằm ngoài khoảng cho phép: năm phải từ %d đến %d", shown,
		        DATE_MIN_YEAR, DATE_MAX_YEAR);
	if (m < 1 || m > 12)
		return err_set(
		        e, KC_EINVAL, "Ngày '%s' không hợp lệ: tháng phải từ 1 đến 12", shown);
	int dim = date_days_in_month(y, m);
	if (d < 1)
		return err_set(
		        e, KC_EINVAL, "Ngày '%s' không hợp lệ: ngày phải từ 1 đến %d", shown, dim);
	if (d > dim)
		return err_set(e, KC_EINVAL,
		        "Ngày '%s' không hợp lệ: tháng %d năm %d chỉ có %d ngày", shown, m, y, dim);
	*out = (Date)days_from_civil(y, m, d);
	return KC_OK;
}

int date_from_ymd(int y, int m, int d, Date *out, Err *e)
{
	char shown[48];
	snprintf(shown, sizeof shown, "%02d/%02d/%04d", d, m, y);
	return check_ymd(y, m, d, shown, out, e);
}

/* Counts the digits at s[*i..len), advancing *i; *val gets their value, capped
 * so that a long run cannot overflow (the count still tells the caller). */
static size_t take_digits(const char *s, size_t len, size_t *i, int *val)
{
	size_t n = 0;
	*val = 0;
	while (*i < len && s[*i] >= '0' && s[*i] <= '9') {
		if (*val < 100000)
			*val = *val * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n;
}

/* The three numbers of a date and how many digits each had. */
typedef struct Fields {
	int v[3];
	size_t nd[3];
	char sep;
} Fields;

/* Splits "A?B?C" where ? is one of / - . used twice; returns a reason or NULL. */
static const char *split_fields(const char *s, size_t len, Fields *f)
{
	static const char *const bad_form =
	        "cần dạng dd/mm/yyyy (hoặc dd-mm-yyyy, dd.mm.yyyy) hoặc yyyy-mm-dd";
	size_t i = 0;
	for (int k = 0; k < 3; k++) {
		f->nd[k] = take_digits(s, len, &i, &f->v[k]);
		if (f->nd[k] == 0)
			return bad_form;
		if (k == 2)
			break;
		if (i == len || (s[i] != '/' && s[i] != '-' && s[i] != '.'))
			return bad_form;
		if (k == 0)
			f->sep = s[i];
		else if (s[i] != f->sep)
			return "hai dấu phân cách phải giống nhau";
		i++;
	}
	return i == len ? NULL : bad_form;
}

/* Decides between day-first and ISO from the digit counts; returns a reason or NULL. */
static const char *order_fields(const Fields *f, int *y, int *m, int *d)
{
	if (f->nd[0] == 4) {
		if (f->sep != '-' || f->nd[1] != 2 || f->nd[2] != 2)
			return "ngày viết năm trước phải theo dạng yyyy-mm-dd";
		*y = f->v[0], *m = f->v[1], *d = f->v[2];
		return NULL;
	}
	if (f->nd[0] > 2 || f->nd[1] > 2)
		return "ngày và tháng có tối đa 2 chữ số";
	if (f->nd[2] != 4)
		return "năm phải viết đủ 4 chữ số";
	*d = f->v[0], *m = f->v[1], *y = f->v[2];
	return NULL;
}

int date_parse(const char *s, size_t len, Date *out, Err *e)
{
	vn_trim(&s, &len);
	if (len == 0)
		return err_set(e, KC_EINVAL, "Ngày không được để trống");
	char shown[VN_QUOTE_MAX];
	vn_quote(shown, sizeof shown, s, len);
	Fields f = {0};
	int y = 0, m = 0, d = 0;
	const char *why = split_fields(s, len, &f);
	if (!why)
		why = order_fields(&f, &y, &m, &d);
	if (why)
		return err_set(e, KC_EINVAL, "Ngày '%s' không hợp lệ: %s", shown, why);
	return check_ymd(y, m, d, shown, out, e);
}

void date_format(Buf *b, Date d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	buf_printf(b, "%02d/%02d/%04d", day, m, y);
}

void date_format_iso(Buf *b, Date d)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	buf_printf(b, "%04d-%02d-%02d", y, m, day);
}

void date_format_long(Buf *b, Date d, unsigned flags)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	bool zero = flags & DATE_LEADING_ZERO;
	buf_printf(b, zero ? "ngày %02d" : "ngày %d", day);
	buf_printf(b, zero && m <= 2 ? " tháng %02d" : " tháng %d", m);
	buf_printf(b, " năm %d", y);
}

int date_weekday(Date d)
{
	/* 01/01/1970 was a Thursday (3 when Monday is 0). */
	return (int)((((int64_t)d % 7) + 7 + 3) % 7);
}

const char *date_weekday_name(Date d)
{
	static const char *const names[7] = {
	        "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật"};
	return names[date_weekday(d)];
}

static int range_err(const char *what, Err *e)
{
	return err_set(e, KC_ERANGE,
	        "Kết quả %s nằm ngoài khoảng cho phép: ngày phải từ 01/01/%d đến 31/12/%d", what,
	        DATE_MIN_YEAR, DATE_MAX_YEAR);
}

int date_add_days(Date d, int32_t days, Date *out, Err *e)
{
	int64_t v = (int64_t)d + days;
	if (v < DATE_MIN || v > DATE_MAX)
		return range_err("cộng ngày", e);
	*out = (Date)v;
	return KC_OK;
}

int date_add_years(Date d, int years, Date *out, Err *e)
{
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	int64_t ny = (int64_t)y + years;
	if (ny < DATE_MIN_YEAR || ny > DATE_MAX_YEAR)
		return range_err("cộng năm", e);
	if (m == 2 && day == 29 && !date_is_leap((int)ny))
		day = 28;
	*out = (Date)days_from_civil(ny, m, day);
	return KC_OK;
}

int date_from_excel_serial(double serial, Date *out, Err *e)
{
	/* Comparisons rather than floor() and isnan(): the module needs no libm. */
	if (serial != serial)
		return err_set(e, KC_EINVAL, "Ngày Excel không hợp lệ: ô không chứa số");
	int64_t max = (int64_t)DATE_MAX + EXCEL_EPOCH;
	if (!(serial >= 1 && serial < (double)(max + 1)))
		return err_set(e, KC_ERANGE,
		        "Ngày Excel '%g' nằm ngoài khoảng cho phép: phải từ 1 (01/01/1900) đến "
		        "%lld (31/12/%d)",
		        serial, (long long)max, DATE_MAX_YEAR);
	int64_t v = (int64_t)serial; /* drops the time of day */
	if (v == EXCEL_FAKE_LEAP)
		return err_set(e, KC_EINVAL,
		        "Ngày Excel '60' (29/02/1900) không tồn tại: năm 1900 không nhuận, đây là "
		        "lỗi của Excel");
	*out = (Date)(v - EXCEL_EPOCH + (v < EXCEL_FAKE_LEAP));
	return KC_OK;
}

int32_t date_to_excel_serial(Date d)
{
	/* Before 01/03/1900 (day -25508) Excel and the calendar agree. */
	return d + EXCEL_EPOCH - (d < -25508);
}
