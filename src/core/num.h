/* num.h — exact decimal numbers written the Vietnamese way.
 *
 * Vietnamese writes '.' between groups of thousands and ',' before the
 * decimals: `6.047,5` is six thousand and forty-seven and a half, `2.520` is
 * two thousand five hundred and twenty, `51,154` is fifty-one and a bit
 * (DOMAIN.md §8.1). A plain space or a no-break space (U+00A0, U+202F) may
 * group thousands instead of the dot. Values are kept exact as a NumDec
 * (mant / 10^scale); there is no floating point anywhere in this module.
 *
 * Parsing is strict: anything that could be read two ways (`1.5`, `1,234.5`,
 * `0.500`) is refused with a Vietnamese reason rather than guessed. Formatting
 * rounds half-up, away from zero. The module does no I/O and keeps no state.
 * It is not a parser for money; see money.h, which builds on it. */
#ifndef KC_NUM_H
#define KC_NUM_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/* The most digits accepted after the decimal comma. */
#define NUM_MAX_SCALE 9
/* The largest scale num_format accepts (10^18 still fits in 64 bits). */
#define NUM_FORMAT_MAX_SCALE 18

/* An exact decimal: the value is mant / 10^scale, scale 0..NUM_MAX_SCALE.
 * The scale is the number of decimals as written, so `6.047,50` has scale 2. */
typedef struct NumDec {
	int64_t mant;
	int scale;
} NumDec;

/* Parses all of s[0..len) into *out; surrounding spaces (vn_space_len) are
 * allowed. On failure returns KC_EINVAL (malformed or ambiguous) or
 * KC_ERANGE (too many digits) and says why in e. */
int num_parse(const char *s, size_t len, NumDec *out, Err *e);
/* Like num_parse, but leaves the message to the caller: on failure *why is a
 * static Vietnamese reason ("dấu chấm là dấu phân cách hàng nghìn…") that
 * completes "Số '…' không hợp lệ: ". For parsers that quote a larger text. */
int num_parse_why(const char *s, size_t len, NumDec *out, const char **why);
/* The length of the longest prefix of s that looks like a number: a sign,
 * digits, '.', ',' and group spaces that are followed by a digit. Hand that
 * prefix to num_parse to find out whether it is a valid one. */
size_t num_span(const char *s, size_t len);

/* 10^n for n 0..NUM_FORMAT_MAX_SCALE; any other n is a caller's bug and aborts. */
int64_t num_pow10(int n);

/* Appends mant / 10^scale (scale 0..NUM_FORMAT_MAX_SCALE) as `-1.234,5`.
 * decimals -1 writes the value exactly, without trailing zeros and without a
 * comma for integers; decimals 0..NUM_FORMAT_MAX_SCALE rounds half-up away
 * from zero (or pads with zeros) to that many decimals. Returns KC_EINVAL and
 * writes nothing if scale or decimals is out of range. */
int num_format(Buf *b, int64_t mant, int scale, int decimals);
/* Appends an integer with '.' grouping: `17.750`, `-1.234`. */
void num_format_int(Buf *b, int64_t v);

/* *out = a × b / c rounded half-up away from zero, computed without
 * intermediate overflow. KC_ERANGE when c is 0 or the result needs more than
 * 64 bits. */
int num_muldiv_round(int64_t a, int64_t b, int64_t c, int64_t *out, Err *e);
/* *out = part / whole as a percentage × 100, rounded half-up: 20.253.331 of
 * 93.991.350 gives 2155, meaning 21,55 %. KC_ERANGE when whole is 0. */
int num_pct_x100(int64_t part, int64_t whole, int64_t *out, Err *e);
/* *out = num / den × 100, rounded half-up: a ratio in "lần" with two
 * decimals (73.738,019 / 20.253,331 gives 364, meaning 3,64 lần). */
int num_ratio_x100(int64_t num, int64_t den, int64_t *out, Err *e);
/* Appends a percentage held × 100 as `21,55%` or `19%` (no space before
 * '%'); decimals as for num_format, at most 2 meaningful. */
int num_format_pct(Buf *b, int64_t pct_x100, int decimals);

#endif
