/* period.h — reporting periods as values, and the rules that give them dates.
 *
 * A Period names a reporting period the way reports do: a month, a quarter, a
 * half year ("6 tháng đầu năm"), the first nine months, a year, a multi-year
 * phase ("giai đoạn 2021 - 2025"), or a cumulative span (lũy kế) from the start
 * of a year or phase to the end of a sub-period inside it. A Period holds no
 * dates: which days it covers depends on a PeriodRule the caller passes in
 * (calendar periods, or the NĐ 09/2019/NĐ-CP regime where data run from the
 * 15th of the month before), because reports use both (DOMAIN §5.1).
 *
 * Canonical codes, parsed and formatted: 2019-M06, 2019-Q3, 2016-H1, 2019-9M,
 * 2016, 2021-2025, and for cumulative periods the base, a colon and the
 * sub-period it runs to: 2021-2025:2023-H1, 2019:2019-M06. period_parse also
 * reads the Vietnamese writings ("Quý III/2019", "6 tháng đầu năm 2016",
 * "giai đoạn 2021 - 2025", "tháng 6/2019", the labels period_label_vi writes)
 * in NFC, any letter case, with the spaces of vn_space_len; it does not read
 * phrases whose span is implicit ("từ đầu năm đến nay", "tính đến hết tháng
 * 6/2019"). A month, quarter or half number may be written with one or two
 * digits wherever it appears (2019-M6, 2019-H01, Q03/2019, tháng 06/2019);
 * period_format always writes the canonical code.
 *
 * Every Period this module returns is valid and canonical: the fields a kind
 * does not use are 0, so two equal periods compare equal field by field and
 * a designated initializer such as {.kind = PERIOD_HALF, .year = 2016, .n = 1}
 * is a valid value. Years run from 1901 to 2200, so that every period's dates
 * under every rule fit in a Date. */
#ifndef KC_PERIOD_H
#define KC_PERIOD_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "date.h"
#include "err.h"

#define PERIOD_MIN_YEAR 1901
#define PERIOD_MAX_YEAR 2200

typedef enum PeriodKind {
	PERIOD_MONTH = 1,   /* n = 1..12 */
	PERIOD_QUARTER,     /* n = 1..4 */
	PERIOD_HALF,        /* n = 1 (6 tháng đầu năm) or 2 (6 tháng cuối năm) */
	PERIOD_NINE_MONTHS, /* 9 tháng đầu năm: January to September */
	PERIOD_YEAR,
	PERIOD_PHASE,      /* year .. end_year, end_year > year */
	PERIOD_CUMULATIVE, /* from the start of year .. end_year up to the end of `to` */
} PeriodKind;

typedef struct Period {
	PeriodKind kind;
	int year;     /* the year; for PHASE and CUMULATIVE the first year of the span */
	int n;        /* the month, quarter or half; 0 for the other kinds */
	int end_year; /* PHASE and CUMULATIVE: the last year of the span (== year for
	               * a cumulative within one year); 0 for the other kinds */
	struct {
		PeriodKind kind; /* CUMULATIVE: MONTH .. YEAR, inside year .. end_year */
		int year, n;
	} to; /* CUMULATIVE only: the sub-period it runs to; all 0 otherwise */
} Period;

/* Which days a period covers. cutoff_day 0 means calendar periods (H1 is
 * 01/01–30/06). cutoff_day D (2..28) means a period starts on day D of the month
 * before its first month and ends on day D−1 of its last month (D = 15 is the
 * NĐ 09/2019 regime: 2016-H1 is 15/12/2015–14/06/2016). Rules are data: load
 * them from configuration and check them with period_rule_check. */
typedef struct PeriodRule {
	int cutoff_day;
} PeriodRule;

#define PERIOD_RULE_CALENDAR ((PeriodRule){.cutoff_day = 0})
#define PERIOD_RULE_ND09     ((PeriodRule){.cutoff_day = 15})

/* period_label_vi flags: PERIOD_LOWER starts with a lower-case letter, for use
 * inside a sentence ("số liệu quý III/2019"). */
enum { PERIOD_LOWER = 1 };

/* 0 if p is a valid, canonical period; KC_EINVAL or KC_ERANGE (with the reason) if not. */
int period_check(const Period *p, Err *e);
/* 0 if r is a valid rule; KC_EINVAL with the reason if not. */
int period_rule_check(const PeriodRule *r, Err *e);

/* Parses a canonical code or a Vietnamese writing (see above) into *out. */
int period_parse(const char *s, size_t len, Period *out, Err *e);
/* Appends the canonical code ("2016-H1"); KC_EINVAL, appending nothing, if p is invalid. */
int period_format(Buf *b, const Period *p);
/* Appends the Vietnamese label ("6 tháng đầu năm 2016", "Quý III/2019"); flags:
 * PERIOD_LOWER. KC_EINVAL, appending nothing, if p is invalid. */
int period_label_vi(Buf *b, const Period *p, unsigned flags);

/* The first and last day (inclusive) of p under rule r. */
int period_range(const Period *p, const PeriodRule *r, Date *from, Date *to, Err *e);
/* True if d falls in p under r; false also when p or r is invalid. */
bool period_contains(const Period *p, const PeriodRule *r, Date d);
/* The MONTH, QUARTER, HALF or YEAR of that kind whose range under r contains d. */
int period_of_date(PeriodKind kind, const PeriodRule *r, Date d, Period *out, Err *e);

/* The same period one year earlier (2016-H1 → 2015-H1, 2019:2019-M06 →
 * 2018:2018-M06); KC_EINVAL for a phase or a cumulative over a phase. */
int period_same_last_year(const Period *p, Period *out, Err *e);
/* The period of the same kind just before p: 2016-H1 → 2015-H2, 2021-2025 →
 * 2016-2020; for a cumulative, the same base up to the sub-period before
 * (2021-2025:2023-H1 → 2021-2025:2022-H2), KC_ERANGE if that leaves the base. */
int period_prev(const Period *p, Period *out, Err *e);
/* Orders valid periods by first month, then last month, then kind (<0, 0, >0); 0
 * only for equal periods. Rules shift every period alike, so the order is rule-free. */
int period_compare(const Period *a, const Period *b);

#endif
