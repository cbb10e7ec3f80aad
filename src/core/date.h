/* date.h — civil dates: a day number, its Vietnamese spellings and Excel serials.
 *
 * A Date is a plain day count (days since 1970-01-01) in the proleptic
 * Gregorian calendar, so comparing, subtracting and storing dates is integer
 * arithmetic. The valid range is 01/01/1900 – 31/12/2200; everything that
 * builds a Date checks it and answers KC_ERANGE outside.
 *
 * This module is not a clock: it has no time of day, no time zone and never
 * asks the system for "today" (callers pass dates in). Reporting periods and
 * the rules that turn them into date ranges live in period.h.
 *
 * Text: parsers take (pointer, length) and tolerate surrounding spaces
 * (vn_space_len: no-break spaces too); output goes into a caller's Buf.
 * User-facing error messages are Vietnamese. */
#ifndef KC_DATE_H
#define KC_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

typedef int32_t Date; /* days since 1970-01-01; 0 is 01/01/1970 */

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2200

/* date_format_long flags. DATE_LEADING_ZERO is the header form of an
 * administrative document (NĐ 30/2020): days below 10 and months 1 and 2 take
 * a leading zero, "ngày 05 tháng 01 năm 2020" but "ngày 05 tháng 3 năm 2020". */
enum { DATE_LEADING_ZERO = 1 };

/* True if year y is a Gregorian leap year. */
bool date_is_leap(int y);
/* Days in month m of year y (28..31), or 0 if m is not 1..12. */
int date_days_in_month(int y, int m);
/* True if d lies in the valid range 01/01/1900 – 31/12/2200. */
bool date_in_range(Date d);

/* Builds the date d/m/y; KC_EINVAL for a day or month that does not exist, KC_ERANGE
 * for a year outside 1900–2200. */
int date_from_ymd(int y, int m, int d, Date *out, Err *e);
/* Splits d into year, month (1..12) and day (1..31); any pointer may be NULL. */
void date_to_ymd(Date d, int *y, int *m, int *day);

/* Parses dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd. */
int date_parse(const char *s, size_t len, Date *out, Err *e);
/* Appends "02/07/2019". */
void date_format(Buf *b, Date d);
/* Appends "2019-07-02". */
void date_format_iso(Buf *b, Date d);
/* Appends "ngày 21 tháng 5 năm 2012"; flags: DATE_LEADING_ZERO. */
void date_format_long(Buf *b, Date d, unsigned flags);

/* Day of the week, 0 = Monday … 6 = Sunday. */
int date_weekday(Date d);
/* "Thứ hai" … "Thứ bảy", "Chủ nhật"; a static string. */
const char *date_weekday_name(Date d);

/* *out = d + days; KC_ERANGE if that leaves the valid range. */
int date_add_days(Date d, int32_t days, Date *out, Err *e);
/* The same day and month `years` later (or earlier); 29/02 becomes 28/02 in a
 * year that is not leap. KC_ERANGE if that leaves the valid range. */
int date_add_years(Date d, int years, Date *out, Err *e);

/* Converts an Excel serial (1900 date system) to a date. The fraction (time of day)
 * is dropped. Excel's serial 60, the 29/02/1900 that never was, is KC_EINVAL;
 * serials below 1 or past 31/12/2200 are KC_ERANGE. 1 is 01/01/1900, 43466 is 01/01/2019. */
int date_from_excel_serial(double serial, Date *out, Err *e);
/* The Excel serial (1900 date system) of a date in the valid range. */
int32_t date_to_excel_serial(Date d);

#endif
