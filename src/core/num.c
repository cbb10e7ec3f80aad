/* num.c — see num.h. */
#include "num.h"

#include <stdlib.h>
#include <string.h>

#include "vntext.h"

/* Reasons completing "Số '…' không hợp lệ: ". Static so callers can embed
 * them in their own messages (num_parse_why). */
static const char R_EMPTY[] = "không có chữ số nào";
static const char R_SIGN_ONLY[] = "chỉ có dấu, không có chữ số nào";
static const char R_NOT_NUMBER[] =
        "phải bắt đầu bằng chữ số (dấu + hoặc - nếu có phải đứng sát ngay trước)";
static const char R_NO_INT[] = "thiếu phần nguyên trước dấu phẩy (viết 0,5 chứ không viết ,5)";
static const char R_DOT_GROUP[] =
        "dấu chấm là dấu phân cách hàng nghìn nên sau nó phải có đúng 3 chữ số; phần thập phân viết sau dấu phẩy (ví dụ 1,5)";
static const char R_SPACE_GROUP[] =
        "khoảng trắng giữa các chữ số chỉ dùng để phân cách hàng nghìn nên sau nó phải có đúng 3 chữ số";
static const char R_FIRST_GROUP[] =
        "trước dấu phân cách hàng nghìn đầu tiên có hơn 3 chữ số (nếu là phần thập phân thì dùng dấu phẩy, ví dụ 1234,5)";
static const char R_ZERO_GROUP[] =
        "số có phân cách hàng nghìn không được bắt đầu bằng 0 (nếu là số thập phân thì dùng dấu phẩy, ví dụ 0,5)";
static const char R_MIXED[] =
        "dùng lẫn nhiều loại dấu phân cách hàng nghìn (dấu chấm và khoảng trắng)";
static const char R_ENGLISH[] =
        "có dấu chấm sau dấu phẩy, là cách viết tiếng Anh (1,234.5); cách viết Việt Nam là 1.234,5";
static const char R_TWO_COMMAS[] =
        "có nhiều hơn một dấu phẩy; dấu phẩy là dấu thập phân nên chỉ được có một";
static const char R_NO_FRAC[] = "sau dấu phẩy thập phân không có chữ số nào";
static const char R_FRAC_LONG[] = "có hơn 9 chữ số sau dấu phẩy";
static const char R_GARBAGE[] = "có ký tự không phải chữ số";
static const char R_OVERFLOW[] =
        "có quá nhiều chữ số để lưu chính xác (khi bỏ dấu phẩy, số không được vượt quá 9.223.372.036.854.775.807)";

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The byte length of a group separator at s[0..n), or 0: '.', ' ', U+00A0
 * or U+202F; stricter than the spaces around a number (vn_space_len), which
 * may also be tabs and line breaks. Kinds are compared by their first byte
 * and length. */
static size_t sep_len(const char *s, size_t n)
{
	if (n >= 1 && (s[0] == '.' || s[0] == ' '))
		return 1;
	if (n >= 2 && memcmp(s, "\xC2\xA0", 2) == 0)
		return 2;
	if (n >= 3 && memcmp(s, "\xE2\x80\xAF", 3) == 0)
		return 3;
	return 0;
}

/* The parser's cursor and the digits gathered so far. */
typedef struct Scan {
	const char *p, *end;
	uint64_t acc;   /* magnitude of the digits read, comma ignored */
	uint64_t limit; /* the largest magnitude the sign allows */
	int overflow;
} Scan;

/* Reads a run of digits into the accumulator and returns how many. */
static size_t digits(Scan *sc)
{
	size_t n = 0;
	for (; sc->p < sc->end && is_digit(*sc->p); sc->p++, n++) {
		unsigned d = (unsigned)(*sc->p - '0');
		if (sc->acc > (sc->limit - d) / 10)
			sc->overflow = 1;
		else
			sc->acc = sc->acc * 10 + d;
	}
	return n;
}

/* The integer part: a run of digits, or groups "d{1,3}(SEP ddd)*" with one
 * kind of separator throughout. Returns NULL or the reason it is wrong. */
static const char *int_part(Scan *sc)
{
	const char *start = sc->p;
	size_t first = digits(sc), k, kind = 0;
	while ((k = sep_len(sc->p, (size_t)(sc->end - sc->p))) > 0) {
		size_t this_kind = k * 256 + (unsigned char)*sc->p;
		if (kind == 0 && first > 3)
			return R_FIRST_GROUP;
		if (kind == 0 && *start == '0')
			return R_ZERO_GROUP;
		if (kind != 0 && kind != this_kind)
			return R_MIXED;
		char sep = *sc->p;
		if (sep != '.' && (sc->p + k == sc->end || !is_digit(sc->p[k])))
			return R_GARBAGE; /* "12 abc": a space, not a separator */
		kind = this_kind;
		sc->p += k;
		if (digits(sc) != 3)
			return sep == '.' ? R_DOT_GROUP : R_SPACE_GROUP;
	}
	return NULL;
}

/* The decimals after the comma and whatever follows them. */
static const char *frac_part(Scan *sc, int *scale)
{
	sc->p++;
	size_t n = digits(sc);
	if (n == 0)
		return R_NO_FRAC;
	if (n > NUM_MAX_SCALE)
		return R_FRAC_LONG;
	*scale = (int)n;
	if (sc->p < sc->end && *sc->p == ',')
		return R_TWO_COMMAS;
	if (sc->p < sc->end && *sc->p == '.')
		return R_ENGLISH;
	return NULL;
}

static const char *parse(const char *s, size_t len, NumDec *out)
{
	vn_trim(&s, &len);
	if (len == 0)
		return R_EMPTY;
	Scan sc = {s, s + len, 0, INT64_MAX, 0};
	int neg = *sc.p == '-';
	if (*sc.p == '-' || *sc.p == '+') {
		sc.p++;
		if (sc.p == sc.end)
			return R_SIGN_ONLY;
	}
	if (neg)
		sc.limit = (uint64_t)INT64_MAX + 1;
	if (*sc.p == ',')
		return R_NO_INT;
	if (!is_digit(*sc.p))
		return R_NOT_NUMBER;
	const char *why = int_part(&sc);
	int scale = 0;
	if (!why && sc.p < sc.end && *sc.p == ',')
		why = frac_part(&sc, &scale);
	if (!why && sc.p < sc.end)
		why = R_GARBAGE;
	if (!why && sc.overflow)
		why = R_OVERFLOW;
	if (why)
		return why;
	/* Negated via acc - 1 so that 2^63 becomes INT64_MIN without overflow. */
	out->mant = neg && sc.acc > 0 ? -(int64_t)(sc.acc - 1) - 1 : (int64_t)sc.acc;
	out->scale = scale;
	return NULL;
}

int num_parse_why(const char *s, size_t len, NumDec *out, const char **why)
{
	NumDec d;
	const char *r = parse(s, len, &d);
	if (why)
		*why = r;
	if (r)
		return r == R_OVERFLOW ? KC_ERANGE : KC_EINVAL;
	if (out)
		*out = d;
	return KC_OK;
}

int num_parse(const char *s, size_t len, NumDec *out, Err *e)
{
	const char *why;
	int rc = num_parse_why(s, len, out, &why);
	if (rc != KC_OK) {
		char q[VN_QUOTE_MAX];
		err_set(e, rc, "Số '%s' không hợp lệ: %s", vn_quote(q, sizeof q, s, len), why);
	}
	return rc;
}

size_t num_span(const char *s, size_t len)
{
	size_t i = 0, k;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < len) {
		if (is_digit(s[i]) || s[i] == '.' || s[i] == ',')
			i++;
		else if ((k = sep_len(s + i, len - i)) > 0 && i + k < len && is_digit(s[i + k]))
			i += k;
		else
			break;
	}
	return i;
}

int64_t num_pow10(int n)
{
	static const int64_t p[NUM_FORMAT_MAX_SCALE + 1] = {1, 10, 100, 1000, 10000, 100000,
	        1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000, 1000000000000,
	        10000000000000, 100000000000000, 1000000000000000, 10000000000000000,
	        100000000000000000, 1000000000000000000};
	if (n < 0 || n > NUM_FORMAT_MAX_SCALE)
		abort();
	return p[n];
}

/* Writes v into out with '.' between groups of three, a '-' first if neg,
 * and a terminating NUL; returns the length (at most 27). */
static size_t grouped(char out[32], uint64_t v, int neg)
{
	char d[20];
	size_t n = 0, len = 0;
	do {
		d[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	if (neg)
		out[len++] = '-';
	while (n > 0) {
		out[len++] = d[--n];
		if (n > 0 && n % 3 == 0)
			out[len++] = '.';
	}
	out[len] = '\0';
	return len;
}

/* An int64 for a message: grouped, as the user would write it. */
typedef struct IntStr {
	char s[32];
} IntStr;

static IntStr int_str(int64_t v)
{
	IntStr r;
	grouped(r.s, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
	return r;
}

/* Writes the scale low digits of frac, then zeros up to width digits. */
static void put_frac(Buf *b, uint64_t frac, int scale, int width)
{
	char d[NUM_FORMAT_MAX_SCALE];
	for (int i = scale - 1; i >= 0; i--, frac /= 10)
		d[i] = (char)('0' + frac % 10);
	buf_append(b, d, (size_t)scale);
	for (int i = scale; i < width; i++)
		buf_putc(b, '0');
}

int num_format(Buf *b, int64_t mant, int scale, int decimals)
{
	if (scale < 0 || scale > NUM_FORMAT_MAX_SCALE || decimals < -1 ||
	        decimals > NUM_FORMAT_MAX_SCALE)
		return KC_EINVAL;
	/* Work on the magnitude so INT64_MIN needs no special case. */
	uint64_t mag = mant < 0 ? 0 - (uint64_t)mant : (uint64_t)mant;
	if (decimals >= 0 && decimals < scale) {
		uint64_t div = (uint64_t)num_pow10(scale - decimals), r = mag % div;
		mag = mag / div + (r >= div - r);
		scale = decimals;
	}
	while (decimals < 0 && scale > 0 && mag % 10 == 0) {
		mag /= 10;
		scale--;
	}
	uint64_t unit = (uint64_t)num_pow10(scale);
	char g[32];
	buf_append(b, g, grouped(g, mag / unit, mant < 0 && mag != 0));
	int width = decimals > scale ? decimals : scale;
	if (width > 0) {
		buf_putc(b, ',');
		put_frac(b, mag % unit, scale, width);
	}
	return KC_OK;
}

void num_format_int(Buf *b, int64_t v)
{
	num_format(b, v, 0, -1);
}

int num_muldiv_round(int64_t a, int64_t b, int64_t c, int64_t *out, Err *e)
{
	if (c == 0)
		return err_set(e, KC_ERANGE, "Không chia được cho 0 (%s × %s / 0)", int_str(a).s,
		        int_str(b).s);
	__int128 n = (__int128)a * b, q = n / c, r = n % c;
	__int128 ar = r < 0 ? -r : r, ac = c < 0 ? -(__int128)c : c;
	if (ar >= ac - ar)
		q += (n < 0) != (c < 0) ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return err_set(e, KC_ERANGE,
		        "Kết quả %s × %s / %s vượt quá giới hạn 9.223.372.036.854.775.807",
		        int_str(a).s, int_str(b).s, int_str(c).s);
	*out = (int64_t)q;
	return KC_OK;
}

int num_pct_x100(int64_t part, int64_t whole, int64_t *out, Err *e)
{
	if (whole == 0)
		return err_set(e, KC_ERANGE,
		        "Không tính được tỷ lệ phần trăm của %s vì tổng bằng 0", int_str(part).s);
	return num_muldiv_round(part, 10000, whole, out, e);
}

int num_ratio_x100(int64_t num, int64_t den, int64_t *out, Err *e)
{
	if (den == 0)
		return err_set(e, KC_ERANGE, "Không tính được tỷ số %s / 0 vì mẫu số bằng 0",
		        int_str(num).s);
	return num_muldiv_round(num, 100, den, out, e);
}

int num_format_pct(Buf *b, int64_t pct_x100, int decimals)
{
	int rc = num_format(b, pct_x100, 2, decimals);
	if (rc == KC_OK)
		buf_putc(b, '%');
	return rc;
}
