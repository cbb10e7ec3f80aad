/* money.h — amounts of money as whole đồng in an int64_t.
 *
 * Every amount in khuyencong is a signed 64-bit count of đồng (DOMAIN.md
 * §8.2): no floating point, no minor unit. Arithmetic is overflow-checked and
 * rounds half-up away from zero; display units (nghìn, triệu, tỷ đồng) exist
 * only at the edges, in money_parse and money_format. A function that fails
 * leaves its output untouched.
 *
 * money_parse reads figures the way officials write them — `6.047,5 triệu
 * đồng`, `gần 94 tỷ đồng`, `1.234.567.890 đ` — and refuses, with a Vietnamese
 * reason naming the value, anything that is not a whole number of đồng or
 * could be read two ways. Words are matched with vn_match_word (NFC, any
 * letter case) and spaces are those of vn_space_len, no-break ones included.
 * The module does no I/O and keeps no state. */
#ifndef KC_MONEY_H
#define KC_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/* How a figure transcribed from text was qualified (DOMAIN.md §8.1). */
enum {
	MONEY_Q_NONE = 0,
	MONEY_Q_NEAR,     /* "gần": approaching from below */
	MONEY_Q_OVER,     /* "trên", "hơn", ">": a lower bound */
	MONEY_Q_ABOUT,    /* "khoảng", "≈", "~" */
	MONEY_Q_ESTIMATE, /* "ước", "ước đạt", "ước tính" */
	MONEY_Q_UNDER,    /* "dưới", "<": an upper bound */
};

/* Display units; the value of each is not its power of ten. */
typedef enum MoneyUnit {
	MONEY_DONG = 0,
	MONEY_NGHIN,    /* 10^3, also written "ngàn" */
	MONEY_TRIEU,    /* 10^6 */
	MONEY_TY,       /* 10^9, also written "tỉ" */
	MONEY_NGHIN_TY, /* 10^12 */
} MoneyUnit;

/* money_format flags. */
#define MONEY_WITH_UNIT 1u /* append " triệu đồng" etc. */

typedef struct MoneyParsed {
	int64_t dong;   /* the amount in đồng */
	int qualifier;  /* MONEY_Q_* */
	MoneyUnit unit; /* the unit as written; MONEY_DONG when none was */
} MoneyParsed;

/* *out = a + b; KC_ERANGE with a Vietnamese message on overflow. */
int money_add(int64_t a, int64_t b, int64_t *out, Err *e);
/* *out = a - b; KC_ERANGE on overflow. */
int money_sub(int64_t a, int64_t b, int64_t *out, Err *e);
/* *out = amount × factor; KC_ERANGE on overflow. */
int money_mul(int64_t amount, int64_t factor, int64_t *out, Err *e);
/* *out = amount × rate_x100 / 10000 rounded half-up (rate_x100 5000 is
 * 50,00 %): the "tối đa 50 % chi phí" part of a support cap. KC_ERANGE for a
 * negative rate or on overflow. */
int money_apply_rate(int64_t amount, int64_t rate_x100, int64_t *out, Err *e);
/* *out = amount / divisor rounded half-up (an average per project, say);
 * KC_ERANGE when divisor is 0. */
int money_div_round(int64_t amount, int64_t divisor, int64_t *out, Err *e);

/* Parses all of s[0..len) as an amount with an optional leading qualifier
 * and unit. KC_EINVAL for malformed, ambiguous or fractional-đồng input,
 * KC_ERANGE when the amount does not fit; e says which value and why. */
int money_parse(const char *s, size_t len, MoneyParsed *out, Err *e);

/* Appends dong in unit: `6.047,5` (triệu), `1.234.567.890` (đồng). decimals
 * -1 is exact without trailing zeros; otherwise rounds half-up to that many
 * decimals (0..18). With MONEY_WITH_UNIT also " triệu đồng" etc. Returns
 * KC_EINVAL and writes nothing for an unknown unit or bad decimals. */
int money_format(Buf *b, int64_t dong, MoneyUnit unit, int decimals, unsigned flags);
/* "đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", "nghìn tỷ đồng"; "" for an
 * unknown unit. Static storage. */
const char *money_unit_name(MoneyUnit unit);
/* The word written for a qualifier: "gần", "trên", "khoảng", "ước",
 * "dưới"; "" for MONEY_Q_NONE or an unknown value. Static storage. */
const char *money_qualifier_word(int qualifier);

#endif
