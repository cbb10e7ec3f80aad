/* period.c — see period.h. */
#include "period.h"

#include <stdarg.h>
#include <stdio.h>

#include "vntext.h"

static const char *const roman[5] = {"", "I", "II", "III", "IV"};
static const char *const to_kinds =
        "kỳ lũy kế phải tính đến hết một tháng, quý, 6 tháng, 9 tháng hoặc năm";

/* ---- validation ---------------------------------------------------------------------- */

static bool year_ok(int y)
{
	return y >= PERIOD_MIN_YEAR && y <= PERIOD_MAX_YEAR;
}

/* Checks a MONTH .. YEAR period; returns 0 or a code with the reason in why. */
static int check_simple(PeriodKind kind, int year, int n, char *why, size_t cap)
{
	static const int max_n[] = {[PERIOD_MONTH] = 12, [PERIOD_QUARTER] = 4, [PERIOD_HALF] = 2};
	if (!year_ok(year)) {
		snprintf(why, cap, "năm %d nằm ngoài khoảng cho phép (từ %d đến %d)", year,
		        PERIOD_MIN_YEAR, PERIOD_MAX_YEAR);
		return KC_ERANGE;
	}
	if (kind == PERIOD_NINE_MONTHS || kind == PERIOD_YEAR) {
		if (n == 0)
			return KC_OK;
		snprintf(why, cap, "kỳ 9 tháng hoặc năm không có số thứ tự (n phải bằng 0)");
		return KC_EINVAL;
	}
	if (n >= 1 && n <= max_n[kind])
		return KC_OK;
	if (kind == PERIOD_MONTH)
		snprintf(why, cap, "tháng phải từ 1 đến 12");
	else if (kind == PERIOD_QUARTER)
		snprintf(why, cap, "quý phải từ I đến IV");
	else
		snprintf(why, cap, "chỉ có 6 tháng đầu năm (H1) và 6 tháng cuối năm (H2)");
	return KC_EINVAL;
}

static int check_span(const Period *p, char *why, size_t cap)
{
	if (!year_ok(p->year) || !year_ok(p->end_year)) {
		snprintf(why, cap, "năm phải từ %d đến %d", PERIOD_MIN_YEAR, PERIOD_MAX_YEAR);
		return KC_ERANGE;
	}
	bool phase = p->kind == PERIOD_PHASE;
	if (phase ? p->end_year > p->year : p->end_year >= p->year)
		return KC_OK;
	snprintf(why, cap, "năm kết thúc (%d) phải sau năm bắt đầu (%d)", p->end_year, p->year);
	return KC_EINVAL;
}

static int check_cumulative(const Period *p, char *why, size_t cap)
{
	int rc = check_span(p, why, cap);
	if (rc)
		return rc;
	if (p->to.kind < PERIOD_MONTH || p->to.kind > PERIOD_YEAR) {
		snprintf(why, cap, "%s", to_kinds);
		return KC_EINVAL;
	}
	rc = check_simple(p->to.kind, p->to.year, p->to.n, why, cap);
	if (rc || (p->to.year >= p->year && p->to.year <= p->end_year))
		return rc;
	if (p->end_year == p->year)
		snprintf(why, cap, "kỳ lũy kế từ đầu năm %d phải kết thúc trong năm %d", p->year,
		        p->year);
	else
		snprintf(why, cap, "kỳ lũy kế phải kết thúc trong giai đoạn %d - %d", p->year,
		        p->end_year);
	return KC_EINVAL;
}

/* 0 if p is valid and canonical, else a code with the reason in why. */
static int check(const Period *p, char *why, size_t cap)
{
	bool zero_to = p->to.kind == 0 && p->to.year == 0 && p->to.n == 0;
	switch (p->kind) {
	case PERIOD_MONTH:
	case PERIOD_QUARTER:
	case PERIOD_HALF:
	case PERIOD_NINE_MONTHS:
	case PERIOD_YEAR:
		if (p->end_year != 0 || !zero_to)
			break;
		return check_simple(p->kind, p->year, p->n, why, cap);
	case PERIOD_PHASE:
		if (p->n != 0 || !zero_to)
			break;
		return check_span(p, why, cap);
	case PERIOD_CUMULATIVE:
		if (p->n != 0)
			break;
		return check_cumulative(p, why, cap);
	default: snprintf(why, cap, "loại kỳ %d không tồn tại", (int)p->kind); return KC_EINVAL;
	}
	snprintf(why, cap, "các trường không dùng cho loại kỳ này phải bằng 0");
	return KC_EINVAL;
}

int period_check(const Period *p, Err *e)
{
	char why[320];
	int rc = check(p, why, sizeof why);
	return rc ? err_set(e, rc, "Kỳ báo cáo không hợp lệ: %s", why) : KC_OK;
}

int period_rule_check(const PeriodRule *r, Err *e)
{
	if (r->cutoff_day == 0 || (r->cutoff_day >= 2 && r->cutoff_day <= 28))
		return KC_OK;
	return err_set(e, KC_EINVAL,
	        "Ngày chốt số liệu '%d' không hợp lệ: dùng 0 cho kỳ theo lịch, hoặc một ngày "
	        "từ 2 đến 28",
	        r->cutoff_day);
}

/* ---- formatting ---------------------------------------------------------------------- */

static void format_simple(Buf *b, PeriodKind kind, int year, int n)
{
	switch (kind) {
	case PERIOD_MONTH: buf_printf(b, "%04d-M%02d", year, n); break;
	case PERIOD_QUARTER: buf_printf(b, "%04d-Q%d", year, n); break;
	case PERIOD_HALF: buf_printf(b, "%04d-H%d", year, n); break;
	case PERIOD_NINE_MONTHS: buf_printf(b, "%04d-9M", year); break;
	default: buf_printf(b, "%04d", year); break;
	}
}

int period_format(Buf *b, const Period *p)
{
	if (period_check(p, NULL))
		return KC_EINVAL;
	switch (p->kind) {
	case PERIOD_PHASE: buf_printf(b, "%04d-%04d", p->year, p->end_year); break;
	case PERIOD_CUMULATIVE:
		/* The base is a year ("2019:") or a phase ("2021-2025:"). */
		buf_printf(b, "%04d", p->year);
		if (p->end_year != p->year)
			buf_printf(b, "-%04d", p->end_year);
		buf_putc(b, ':');
		format_simple(b, p->to.kind, p->to.year, p->to.n);
		break;
	default: format_simple(b, p->kind, p->year, p->n); break;
	}
	return KC_OK;
}

/* The label of a MONTH .. YEAR period, capitalised. */
static void label_simple(Buf *b, PeriodKind kind, int year, int n)
{
	switch (kind) {
	case PERIOD_MONTH: buf_printf(b, "Tháng %d/%d", n, year); break;
	case PERIOD_QUARTER: buf_printf(b, "Quý %s/%d", roman[n], year); break;
	case PERIOD_HALF: buf_printf(b, "6 tháng %s năm %d", n == 1 ? "đầu" : "cuối", year); break;
	case PERIOD_NINE_MONTHS: buf_printf(b, "9 tháng đầu năm %d", year); break;
	default: buf_printf(b, "Năm %d", year); break;
	}
}

/* Lower-cases the ASCII letter at b->data[at]: every label starts with one (or a digit). */
static void lower_at(Buf *b, size_t at)
{
	if (!b->err && at < b->len && b->data[at] >= 'A' && b->data[at] <= 'Z')
		b->data[at] = (char)(b->data[at] - 'A' + 'a');
}

int period_label_vi(Buf *b, const Period *p, unsigned flags)
{
	if (period_check(p, NULL))
		return KC_EINVAL;
	size_t start = b->len;
	if (p->kind == PERIOD_PHASE) {
		buf_printf(b, "Giai đoạn %d - %d", p->year, p->end_year);
	} else if (p->kind == PERIOD_CUMULATIVE) {
		if (p->end_year == p->year)
			buf_puts(b, "Lũy kế từ đầu năm đến hết ");
		else
			buf_printf(b, "Lũy kế giai đoạn %d - %d đến hết ", p->year, p->end_year);
		size_t sub = b->len;
		label_simple(b, p->to.kind, p->to.year, p->to.n);
		lower_at(b, sub);
	} else {
		label_simple(b, p->kind, p->year, p->n);
	}
	if (flags & PERIOD_LOWER)
		lower_at(b, start);
	return KC_OK;
}

/* ---- dates --------------------------------------------------------------------------- */

/* Month indexes (year * 12 + month - 1) of the first and last month of p. */
static void month_span(const Period *p, int *first, int *last)
{
	PeriodKind kind = p->kind == PERIOD_CUMULATIVE ? p->to.kind : p->kind;
	int y = p->kind == PERIOD_CUMULATIVE ? p->to.year : p->year;
	int n = p->kind == PERIOD_CUMULATIVE ? p->to.n : p->n;
	int m1 = 1, m2 = 12;
	switch (kind) {
	case PERIOD_MONTH: m1 = m2 = n; break;
	case PERIOD_QUARTER: m1 = 3 * n - 2, m2 = 3 * n; break;
	case PERIOD_HALF: m1 = 6 * n - 5, m2 = 6 * n; break;
	case PERIOD_NINE_MONTHS: m2 = 9; break;
	case PERIOD_PHASE: y = p->end_year; break;
	default: break;
	}
	*first = y * 12 + m1 - 1;
	*last = y * 12 + m2 - 1;
	if (p->kind == PERIOD_CUMULATIVE || p->kind == PERIOD_PHASE)
		*first = p->year * 12;
}

/* The date on day `day` of month index mi; day 0 means the month's last day. The
 * callers' indexes and days always exist (years 1900..2200, days 1..28). */
static Date month_day(int mi, int day)
{
	int y = mi / 12, m = mi % 12 + 1;
	Date d = 0;
	date_from_ymd(y, m, day ? day : date_days_in_month(y, m), &d, NULL);
	return d;
}

int period_range(const Period *p, const PeriodRule *r, Date *from, Date *to, Err *e)
{
	int rc = period_check(p, e);
	if (!rc)
		rc = period_rule_check(r, e);
	if (rc)
		return rc;
	int first, last;
	month_span(p, &first, &last);
	int cut = r->cutoff_day;
	*from = cut ? month_day(first - 1, cut) : month_day(first, 1);
	*to = cut ? month_day(last, cut - 1) : month_day(last, 0);
	return KC_OK;
}

bool period_contains(const Period *p, const PeriodRule *r, Date d)
{
	Date from, to;
	return period_range(p, r, &from, &to, NULL) == KC_OK && d >= from && d <= to;
}

/* Units of a MONTH .. YEAR kind in one year. */
static int per_year(PeriodKind kind)
{
	return kind == PERIOD_MONTH ? 12 : kind == PERIOD_QUARTER ? 4 : kind == PERIOD_HALF ? 2 : 1;
}

/* The MONTH .. YEAR period `delta` units of its own kind after (kind, year, n). */
static void shift_simple(PeriodKind kind, int *year, int *n, int delta)
{
	int u = per_year(kind);
	int idx = *year * u + (*n ? *n - 1 : 0) + delta;
	*year = idx / u;
	*n = u > 1 ? idx % u + 1 : 0;
}

/* A kind's name in messages. */
static const char *kind_name(PeriodKind kind)
{
	static const char *const names[] = {
	        "?", "tháng", "quý", "6 tháng", "9 tháng đầu năm", "năm", "giai đoạn", "lũy kế"};
	return kind >= PERIOD_MONTH && kind <= PERIOD_CUMULATIVE ? names[kind] : names[0];
}

int period_of_date(PeriodKind kind, const PeriodRule *r, Date d, Period *out, Err *e)
{
	if (kind != PERIOD_MONTH && kind != PERIOD_QUARTER && kind != PERIOD_HALF &&
	        kind != PERIOD_YEAR)
		return err_set(e, KC_EINVAL,
		        "Không có kỳ '%s' duy nhất chứa một ngày: chỉ dùng tháng, quý, 6 tháng hoặc "
		        "năm",
		        kind_name(kind));
	int rc = period_rule_check(r, e);
	if (rc)
		return rc;
	int y, m, day;
	date_to_ymd(d, &y, &m, &day);
	/* Under a cut-off rule, days from the cut-off on belong to the next month. */
	int mi = y * 12 + m - 1 + (r->cutoff_day && day >= r->cutoff_day);
	Period p = {.kind = kind, .year = mi / 12};
	if (kind != PERIOD_YEAR)
		p.n = mi % 12 / (12 / per_year(kind)) + 1;
	rc = period_check(&p, e);
	if (!rc)
		*out = p;
	return rc;
}

/* ---- neighbours ---------------------------------------------------------------------- */

/* Sets e to "<label> không có <what>: <why>" and returns code. */
static int no_neighbour(const Period *p, int code, const char *what, const char *why, Err *e)
{
	Buf b;
	buf_init(&b, 256);
	period_label_vi(&b, p, 0);
	err_set(e, code, "%s không có %s: %s", buf_cstr(&b), what, why);
	buf_free(&b);
	return code;
}

int period_same_last_year(const Period *p, Period *out, Err *e)
{
	int rc = period_check(p, e);
	if (rc)
		return rc;
	if (p->kind == PERIOD_PHASE || (p->kind == PERIOD_CUMULATIVE && p->end_year != p->year))
		return no_neighbour(p, KC_EINVAL, "cùng kỳ năm trước",
		        "kỳ nhiều năm chỉ so sánh được với giai đoạn trước", e);
	Period q = *p;
	q.year--;
	if (q.kind == PERIOD_CUMULATIVE)
		q.end_year--, q.to.year--;
	if (!year_ok(q.year))
		return no_neighbour(p, KC_ERANGE, "cùng kỳ năm trước",
		        "năm trước nằm ngoài khoảng cho phép", e);
	*out = q;
	return KC_OK;
}

int period_prev(const Period *p, Period *out, Err *e)
{
	int rc = period_check(p, e);
	if (rc)
		return rc;
	Period q = *p;
	if (q.kind == PERIOD_PHASE) {
		int len = q.end_year - q.year + 1;
		q.year -= len, q.end_year -= len;
	} else if (q.kind == PERIOD_CUMULATIVE) {
		shift_simple(q.to.kind, &q.to.year, &q.to.n, -1);
		if (q.to.year < q.year)
			return no_neighbour(p, KC_ERANGE, "kỳ trước",
			        "kỳ trước đó nằm ngoài năm hoặc giai đoạn gốc", e);
	} else {
		shift_simple(q.kind, &q.year, &q.n, -1);
	}
	if (!year_ok(q.year))
		return no_neighbour(
		        p, KC_ERANGE, "kỳ trước", "kỳ trước nằm ngoài khoảng cho phép", e);
	*out = q;
	return KC_OK;
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int period_compare(const Period *a, const Period *b)
{
	int fa, la, fb, lb;
	month_span(a, &fa, &la);
	month_span(b, &fb, &lb);
	int c = cmp_int(fa, fb);
	if (!c)
		c = cmp_int(la, lb);
	if (!c)
		c = cmp_int((int)a->kind, (int)b->kind);
	if (!c)
		c = cmp_int((int)a->to.kind, (int)b->to.kind);
	if (!c)
		c = cmp_int(a->end_year, b->end_year);
	return c;
}

/* ---- parsing ------------------------------------------------------------------------- */

/* A cursor over the input and the reason of the latest failure. */
typedef struct Parse {
	const char *s;
	size_t len, i;
	char why[320];
} Parse;

static int fail(Parse *ps, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(Parse *ps, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ps->why, sizeof ps->why, fmt, ap);
	va_end(ap);
	return code;
}

static int unknown_form(Parse *ps)
{
	return fail(ps, KC_EINVAL,
	        "không nhận ra cách viết; dùng mã như 2016-H1, 2019-Q3, 2019-M06, 2019-9M, 2016, "
	        "2021-2025 hoặc cách viết như 'Quý III/2019', '6 tháng đầu năm 2016', "
	        "'giai đoạn 2021 - 2025'");
}

static size_t skip_spaces(const Parse *ps, size_t i)
{
	size_t k;
	while ((k = vn_space_len(ps->s + i, ps->len - i)) > 0)
		i += k;
	return i;
}

/* Matches word (lower-case NFC; a space stands for one or more spaces) in any
 * letter case, advancing past it; on a mismatch nothing is consumed. */
static bool scan_word(Parse *ps, const char *word)
{
	size_t n = vn_match_word(ps->s + ps->i, ps->len - ps->i, word);
	ps->i += n;
	return n > 0;
}

static bool scan_char(Parse *ps, char c)
{
	if (ps->i < ps->len && ps->s[ps->i] == c) {
		ps->i++;
		return true;
	}
	return false;
}

/* Counts the digits at the cursor without consuming them. */
static size_t digits_ahead(const Parse *ps)
{
	size_t n = 0;
	while (ps->i + n < ps->len && ps->s[ps->i + n] >= '0' && ps->s[ps->i + n] <= '9')
		n++;
	return n;
}

/* Takes a number of 1..max digits; 0 (consuming nothing) if there is none or it is longer. */
static bool scan_number(Parse *ps, size_t max, int *val)
{
	size_t n = digits_ahead(ps);
	if (n == 0 || n > max)
		return false;
	*val = 0;
	for (size_t k = 0; k < n; k++)
		*val = *val * 10 + (ps->s[ps->i++] - '0');
	return true;
}

static int scan_year(Parse *ps, int *year)
{
	if (digits_ahead(ps) != 4)
		return fail(ps, KC_EINVAL, "năm phải viết đủ 4 chữ số");
	scan_number(ps, 4, year);
	return KC_OK;
}

/* "/2019" or " năm 2019" after a month or quarter number. */
static int scan_of_year(Parse *ps, int *year)
{
	if (!scan_char(ps, '/') && !scan_word(ps, " năm "))
		return fail(
		        ps, KC_EINVAL, "sau số tháng hoặc quý cần '/năm', ví dụ 'Quý III/2019'");
	return scan_year(ps, year);
}

/* " 2019" after a phrase such as "6 tháng đầu năm"; after names the phrase. */
static int scan_spaced_year(Parse *ps, const char *after, int *year)
{
	if (!scan_word(ps, " ") || digits_ahead(ps) == 0)
		return fail(ps, KC_EINVAL, "thiếu năm sau '%s', ví dụ '%s 2019'", after, after);
	return scan_year(ps, year);
}

static bool scan_roman(Parse *ps, int *n)
{
	/* Longest first, so that "III" is not read as "I". */
	static const char *const lower[5] = {"", "i", "ii", "iii", "iv"};
	for (int k = 4; k >= 1; k--) {
		if (scan_word(ps, lower[k])) {
			*n = k;
			return true;
		}
	}
	return false;
}

/* "2016", "2016-H1", "2019-Q3", "2019-M06", "2019-9M" or "2021-2025". */
static int parse_code(Parse *ps, Period *p)
{
	int rc = scan_year(ps, &p->year);
	if (rc)
		return rc;
	p->kind = PERIOD_YEAR;
	if (!scan_char(ps, '-'))
		return KC_OK;
	if (digits_ahead(ps) == 4) {
		p->kind = PERIOD_PHASE;
		return scan_year(ps, &p->end_year);
	}
	if (scan_word(ps, "9m")) {
		p->kind = PERIOD_NINE_MONTHS;
		return KC_OK;
	}
	/* As after "tháng" and "quý", the number takes one or two digits, so
	 * 2019-M6 and 2019-H01 are read too; period_format writes M06 and H1. */
	static const struct {
		const char *letter;
		PeriodKind kind;
	} suffixes[] = {{"h", PERIOD_HALF}, {"q", PERIOD_QUARTER}, {"m", PERIOD_MONTH}};
	size_t save = ps->i;
	for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++) {
		if (scan_word(ps, suffixes[k].letter) && scan_number(ps, 2, &p->n)) {
			p->kind = suffixes[k].kind;
			return KC_OK;
		}
		ps->i = save;
	}
	return fail(ps, KC_EINVAL,
	        "sau '%04d-' cần H1, H2, Q1 … Q4, M01 … M12, 9M hoặc năm kết thúc giai đoạn",
	        p->year);
}

/* "Quý III/2019", "quý 3 năm 2019", "Q3/2019", "H1/2016". */
static int parse_vi_quarter(Parse *ps, Period *p)
{
	if (scan_word(ps, "quý ") || scan_word(ps, "quí ")) {
		if (!scan_roman(ps, &p->n) && !scan_number(ps, 2, &p->n))
			return fail(
			        ps, KC_EINVAL, "quý phải viết bằng số La Mã I … IV hoặc số 1 … 4");
		p->kind = PERIOD_QUARTER;
		return scan_of_year(ps, &p->year);
	}
	size_t save = ps->i;
	bool q = scan_word(ps, "q");
	if ((q || scan_word(ps, "h")) && scan_number(ps, 2, &p->n) && scan_char(ps, '/')) {
		p->kind = q ? PERIOD_QUARTER : PERIOD_HALF;
		return scan_year(ps, &p->year);
	}
	ps->i = save;
	return unknown_form(ps);
}

static int parse_vi_phase(Parse *ps, Period *p)
{
	p->kind = PERIOD_PHASE;
	int rc = scan_year(ps, &p->year);
	if (rc)
		return rc;
	ps->i = skip_spaces(ps, ps->i);
	if (!scan_char(ps, '-') && !scan_word(ps, "\u2013") && !scan_word(ps, "\u2014"))
		return fail(ps, KC_EINVAL, "giai đoạn cần dạng 'giai đoạn 2021 - 2025'");
	ps->i = skip_spaces(ps, ps->i);
	return scan_year(ps, &p->end_year);
}

/* The Vietnamese writings of a MONTH .. PHASE period. */
static int parse_vi(Parse *ps, Period *p)
{
	static const struct {
		const char *words;
		PeriodKind kind;
		int n;
	} phrases[] = {
	        {"6 tháng đầu năm", PERIOD_HALF, 1},
	        {"6 tháng cuối năm", PERIOD_HALF, 2},
	        {"9 tháng đầu năm", PERIOD_NINE_MONTHS, 0},
	        {"năm", PERIOD_YEAR, 0},
	};
	for (size_t k = 0; k < sizeof phrases / sizeof phrases[0]; k++) {
		if (scan_word(ps, phrases[k].words)) {
			p->kind = phrases[k].kind;
			p->n = phrases[k].n;
			return scan_spaced_year(ps, phrases[k].words, &p->year);
		}
	}
	if (scan_word(ps, "tháng ")) {
		if (!scan_number(ps, 2, &p->n))
			return fail(ps, KC_EINVAL, "tháng phải từ 1 đến 12");
		p->kind = PERIOD_MONTH;
		return scan_of_year(ps, &p->year);
	}
	if (scan_word(ps, "giai đoạn "))
		return parse_vi_phase(ps, p);
	return parse_vi_quarter(ps, p);
}

/* A MONTH .. PHASE period, as a code or in Vietnamese. */
static int parse_simple(Parse *ps, Period *p)
{
	*p = (Period){0};
	size_t nd = digits_ahead(ps);
	if (nd == 4)
		return parse_code(ps, p);
	if (nd <= 1)
		return parse_vi(ps, p);
	return unknown_form(ps);
}

/* The sub-period a cumulative over base runs to; base->year 0 means "the year of
 * the sub-period" ("từ đầu năm đến hết tháng 6/2019"). */
static int parse_to(Parse *ps, const Period *base, Period *p)
{
	if (base->kind != PERIOD_YEAR && base->kind != PERIOD_PHASE)
		return fail(ps, KC_EINVAL, "lũy kế chỉ tính từ đầu một năm hoặc một giai đoạn");
	/* The base alone must be valid: "2021-2021:2021" is not a cumulative over 2021. */
	int rc = base->year ? check(base, ps->why, sizeof ps->why) : KC_OK;
	Period sub;
	if (!rc)
		rc = parse_simple(ps, &sub);
	if (rc)
		return rc;
	if (sub.kind == PERIOD_PHASE)
		return fail(ps, KC_EINVAL, "%s", to_kinds);
	int year = base->year ? base->year : sub.year;
	*p = (Period){.kind = PERIOD_CUMULATIVE,
	        .year = year,
	        .end_year = base->kind == PERIOD_PHASE ? base->end_year : year,
	        .to = {sub.kind, sub.year, sub.n}};
	return KC_OK;
}

/* A period, or a cumulative one: "BASE:SUB", "lũy kế BASE đến hết SUB",
 * "(lũy kế) từ đầu năm [YYYY] đến hết SUB", "(lũy kế) từ đầu giai đoạn … đến hết SUB". */
static int parse_top(Parse *ps, Period *p)
{
	bool cum = scan_word(ps, "lũy kế ") || scan_word(ps, "luỹ kế ");
	bool from_start = scan_word(ps, "từ đầu ");
	Period base = {.kind = PERIOD_YEAR};
	if (from_start && scan_word(ps, "năm đến hết "))
		return parse_to(ps, &base, p);
	/* Phrases whose span the text leaves open: say what to write instead. */
	if (from_start && scan_word(ps, "năm đến nay"))
		return fail(ps, KC_EINVAL,
		        "'đến nay' tùy ngày lập báo cáo; hãy ghi rõ, ví dụ "
		        "'từ đầu năm đến hết tháng 6/2019'");
	if (!from_start && (scan_word(ps, "đến hết ") || scan_word(ps, "tính đến hết ")))
		return fail(ps, KC_EINVAL,
		        "không rõ tính từ đầu năm hay từ đầu giai đoạn; hãy "
		        "ghi rõ, ví dụ 'từ đầu năm đến hết tháng 6/2019'");
	int rc = parse_simple(ps, &base);
	if (rc)
		return rc;
	if (cum || from_start) {
		if (!scan_word(ps, " đến hết "))
			return fail(ps, KC_EINVAL, "kỳ lũy kế cần '… đến hết <kỳ>'");
		return parse_to(ps, &base, p);
	}
	if (scan_char(ps, ':'))
		return parse_to(ps, &base, p);
	*p = base;
	return KC_OK;
}

int period_parse(const char *s, size_t len, Period *out, Err *e)
{
	vn_trim(&s, &len);
	if (len == 0)
		return err_set(e, KC_EINVAL, "Kỳ báo cáo không được để trống");
	Parse ps = {.s = s, .len = len};
	Period p;
	int rc = parse_top(&ps, &p);
	if (!rc && ps.i != ps.len)
		rc = fail(&ps, KC_EINVAL, "có ký tự thừa sau kỳ báo cáo");
	if (!rc)
		rc = check(&p, ps.why, sizeof ps.why);
	if (!rc) {
		*out = p;
		return KC_OK;
	}
	char shown[VN_QUOTE_MAX];
	vn_quote(shown, sizeof shown, s, len);
	return err_set(e, rc, "Kỳ báo cáo '%s' không hợp lệ: %s", shown, ps.why);
}
