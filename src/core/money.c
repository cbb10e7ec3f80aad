/* money.c — see money.h. */
#include "money.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "num.h"
#include "vntext.h"

#define LIMIT_TEXT "9.223.372.036.854.775.807 đồng"

static const int unit_exp[] = {0, 3, 6, 9, 12};
static const char *const unit_names[] = {
        "đồng", "nghìn đồng", "triệu đồng", "tỷ đồng", "nghìn tỷ đồng"};

static int unit_ok(MoneyUnit u)
{
	return (unsigned)u < sizeof unit_exp / sizeof unit_exp[0];
}

const char *money_unit_name(MoneyUnit unit)
{
	return unit_ok(unit) ? unit_names[unit] : "";
}

const char *money_qualifier_word(int qualifier)
{
	static const char *const words[] = {"", "gần", "trên", "khoảng", "ước", "dưới"};
	if (qualifier < 0 || (size_t)qualifier >= sizeof words / sizeof words[0])
		return "";
	return words[qualifier];
}

/* ---- Arithmetic ---------------------------------------------------------- */

/* How the right operand of an overflowing operation is shown. */
enum { AS_DONG, AS_NUMBER, AS_PCT };

/* Fills e with "<what> <a> đồng <op> <b> vượt quá giới hạn …". */
static int overflow(Err *e, const char *what, int64_t a, const char *op, int64_t b, int as)
{
	if (!e)
		return KC_ERANGE;
	Buf m;
	buf_init(&m, sizeof e->msg);
	buf_printf(&m, "%s ", what);
	num_format_int(&m, a);
	buf_printf(&m, " đồng %s ", op);
	if (as == AS_PCT)
		num_format_pct(&m, b, -1);
	else
		num_format_int(&m, b);
	buf_printf(&m, "%s vượt quá giới hạn ±" LIMIT_TEXT, as == AS_DONG ? " đồng" : "");
	err_set(e, KC_ERANGE, "%s", buf_cstr(&m));
	buf_free(&m);
	return KC_ERANGE;
}

int money_add(int64_t a, int64_t b, int64_t *out, Err *e)
{
	int64_t r;
	if (__builtin_add_overflow(a, b, &r))
		return overflow(e, "Tổng", a, "+", b, AS_DONG);
	*out = r;
	return KC_OK;
}

int money_sub(int64_t a, int64_t b, int64_t *out, Err *e)
{
	int64_t r;
	if (__builtin_sub_overflow(a, b, &r))
		return overflow(e, "Hiệu", a, "-", b, AS_DONG);
	*out = r;
	return KC_OK;
}

int money_mul(int64_t amount, int64_t factor, int64_t *out, Err *e)
{
	int64_t r;
	if (__builtin_mul_overflow(amount, factor, &r))
		return overflow(e, "Tích", amount, "×", factor, AS_NUMBER);
	*out = r;
	return KC_OK;
}

int money_apply_rate(int64_t amount, int64_t rate_x100, int64_t *out, Err *e)
{
	if (rate_x100 < 0) {
		Buf r;
		buf_init(&r, 64);
		num_format_pct(&r, rate_x100, -1);
		err_set(e, KC_ERANGE, "Tỷ lệ '%s' không hợp lệ: tỷ lệ hỗ trợ không được âm",
		        buf_cstr(&r));
		buf_free(&r);
		return KC_ERANGE;
	}
	if (num_muldiv_round(amount, rate_x100, 10000, out, NULL) != KC_OK)
		return overflow(e, "Số tiền", amount, "×", rate_x100, AS_PCT);
	return KC_OK;
}

int money_div_round(int64_t amount, int64_t divisor, int64_t *out, Err *e)
{
	if (divisor == 0) {
		Buf m;
		buf_init(&m, 64);
		num_format_int(&m, amount);
		err_set(e, KC_ERANGE, "Không chia được %s đồng cho 0", buf_cstr(&m));
		buf_free(&m);
		return KC_ERANGE;
	}
	/* Only INT64_MIN / -1 can overflow. */
	if (num_muldiv_round(amount, 1, divisor, out, NULL) != KC_OK)
		return overflow(e, "Thương", amount, ":", divisor, AS_NUMBER);
	return KC_OK;
}

/* ---- Formatting ---------------------------------------------------------- */

int money_format(Buf *b, int64_t dong, MoneyUnit unit, int decimals, unsigned flags)
{
	if (!unit_ok(unit))
		return KC_EINVAL;
	int rc = num_format(b, dong, unit_exp[unit], decimals);
	if (rc == KC_OK && (flags & MONEY_WITH_UNIT)) {
		buf_putc(b, ' ');
		buf_puts(b, unit_names[unit]);
	}
	return rc;
}

/* ---- Parsing: words ------------------------------------------------------ */

/* The currency words; a scale word may be followed by one of them. */
static const char *const currency[] = {"đồng", "vnđ", "vnd", "đ", "₫"};

static const struct {
	const char *word;
	MoneyUnit unit;
} scales[] = {
        {"nghìn", MONEY_NGHIN},
        {"ngàn", MONEY_NGHIN},
        {"triệu", MONEY_TRIEU},
        {"tỷ", MONEY_TY},
        {"tỉ", MONEY_TY},
};

/* Word qualifiers need a space after them; symbols may touch the number. */
static const struct {
	const char *word;
	int q;
	int symbol;
} qualifiers[] = {
        {"gần", MONEY_Q_NEAR, 0},
        {"trên", MONEY_Q_OVER, 0},
        {"hơn", MONEY_Q_OVER, 0},
        {"khoảng", MONEY_Q_ABOUT, 0},
        {"ước", MONEY_Q_ESTIMATE, 0},
        {"dưới", MONEY_Q_UNDER, 0},
        {">", MONEY_Q_OVER, 1},
        {"≈", MONEY_Q_ABOUT, 1},
        {"~", MONEY_Q_ABOUT, 1},
        {"<", MONEY_Q_UNDER, 1},
};

typedef struct Cur {
	const char *p, *end;
} Cur;

static size_t left(const Cur *c)
{
	return (size_t)(c->end - c->p);
}

static void skip_spaces(Cur *c)
{
	size_t k;
	while ((k = vn_space_len(c->p, left(c))) > 0)
		c->p += k;
}

static int at_boundary(const Cur *c, size_t at)
{
	if (at == left(c) || vn_space_len(c->p + at, left(c) - at) > 0)
		return 1;
	unsigned char ch = (unsigned char)c->p[at];
	int alnum = (unsigned)((ch | 0x20) - 'a') < 26 || (unsigned)(ch - '0') < 10;
	return ch < 0x80 && !alnum;
}

/* Consumes the word w if c starts with it followed by a word boundary. */
static int eat(Cur *c, const char *w)
{
	size_t n = vn_match_word(c->p, left(c), w);
	if (n == 0 || !at_boundary(c, n))
		return 0;
	c->p += n;
	return 1;
}

static int eat_currency(Cur *c)
{
	for (size_t i = 0; i < sizeof currency / sizeof currency[0]; i++)
		if (eat(c, currency[i]))
			return 1;
	return 0;
}

/* ---- Parsing: the amount ------------------------------------------------- */

/* One parse: the cursor, what to quote in messages, and what was read. */
typedef struct Parse {
	Cur c;
	const char *src; /* the whole input without surrounding spaces */
	size_t src_len;
	Err *e;
	const char *num; /* the number as written */
	size_t num_len;
	NumDec d;
	int has_unit;
	MoneyParsed m;
} Parse;

/* Longest offending word quoted in a message (the value takes VN_QUOTE_MAX). */
enum { WORD_MAX = 40 };

/* The next word of c (up to a space), quoted into q. */
static const char *quote_word(const Cur *c, char q[WORD_MAX])
{
	size_t n = 0;
	while (n < left(c) && vn_space_len(c->p + n, left(c) - n) == 0)
		n++;
	return vn_quote(q, WORD_MAX, c->p, n);
}

/* Fills e with "Số tiền '<input>' không hợp lệ: <why>" and returns code. */
static int fail(const Parse *p, int code, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

static int fail(const Parse *p, int code, const char *fmt, ...)
{
	if (!p->e)
		return code;
	char why[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	char q[VN_QUOTE_MAX];
	return err_set(p->e, code, "Số tiền '%s' %s: %s", vn_quote(q, sizeof q, p->src, p->src_len),
	        code == KC_ERANGE ? "quá lớn" : "không hợp lệ", why);
}

/* A leading "gần", "ước đạt", ">"… and the spaces after it. */
static int eat_qualifier(Cur *c, int *q)
{
	for (size_t i = 0; i < sizeof qualifiers / sizeof qualifiers[0]; i++) {
		size_t n = vn_match_word(c->p, left(c), qualifiers[i].word);
		if (n == 0 || (!qualifiers[i].symbol && vn_space_len(c->p + n, left(c) - n) == 0))
			continue;
		c->p += n;
		*q = qualifiers[i].q;
		skip_spaces(c);
		if (*q == MONEY_Q_ESTIMATE && (eat(c, "đạt") || eat(c, "tính")))
			skip_spaces(c);
		return 1;
	}
	return 0;
}

static int read_number(Parse *p)
{
	size_t n = num_span(p->c.p, left(&p->c));
	if (n == 0)
		return fail(p, KC_EINVAL,
		        "phải là một số, trước số chỉ được có một trong các từ gần, trên, hơn, khoảng, ước, dưới");
	const char *why;
	int rc = num_parse_why(p->c.p, n, &p->d, &why);
	if (rc != KC_OK)
		return fail(p, rc, "%s", why);
	p->num = p->c.p;
	p->num_len = n;
	p->c.p += n;
	return KC_OK;
}

static int expect_end(Parse *p)
{
	skip_spaces(&p->c);
	if (p->c.p == p->c.end)
		return KC_OK;
	char q[WORD_MAX];
	return fail(p, KC_EINVAL,
	        "có chữ thừa '%s' sau đơn vị; chỉ ghi số tiền và đơn vị, ví dụ '6.047,5 triệu đồng'",
	        vn_quote(q, sizeof q, p->c.p, left(&p->c)));
}

static int unknown_unit(const Parse *p)
{
	char q[WORD_MAX];
	quote_word(&p->c, q);
	/* U+0300..U+036F: combining marks, i.e. text that is not NFC. */
	int decomposed = strstr(q, "\xCC") || strstr(q, "\xCD");
	return fail(p, KC_EINVAL,
	        "không nhận ra đơn vị '%s'; chỉ dùng đồng, đ, ₫, VND, nghìn, ngàn, triệu, tỷ hoặc tỉ%s",
	        q, decomposed ? " (chữ có dấu phải ở dạng Unicode dựng sẵn NFC)" : "");
}

/* The unit after the number, if any: a currency word, or a scale word
 * optionally followed by a currency word. Nothing may follow. */
static int read_unit(Parse *p)
{
	Cur *c = &p->c;
	skip_spaces(c);
	p->has_unit = c->p != c->end;
	if (!p->has_unit || eat_currency(c))
		return expect_end(p);
	size_t i = 0;
	while (i < sizeof scales / sizeof scales[0] && !eat(c, scales[i].word))
		i++;
	if (i == sizeof scales / sizeof scales[0])
		return unknown_unit(p);
	p->m.unit = scales[i].unit;
	skip_spaces(c);
	if (p->m.unit == MONEY_NGHIN && (eat(c, "tỷ") || eat(c, "tỉ"))) {
		p->m.unit = MONEY_NGHIN_TY;
		skip_spaces(c);
	}
	if (c->p == c->end || eat_currency(c))
		return expect_end(p);
	char q[WORD_MAX];
	return fail(p, KC_EINVAL,
	        "sau '%s' chỉ được ghi đồng, đ, ₫ hoặc VND, không được ghi '%s' (chỉ nhận tiền đồng)",
	        scales[i].word, quote_word(c, q));
}

/* The number read, in the unit read, as whole đồng. */
static int to_dong(Parse *p)
{
	const NumDec *d = &p->d;
	int exp = unit_exp[p->m.unit];
	if (d->scale <= exp) {
		if (__builtin_mul_overflow(d->mant, num_pow10(exp - d->scale), &p->m.dong))
			return fail(p, KC_ERANGE, "vượt quá giới hạn " LIMIT_TEXT);
		return KC_OK;
	}
	int64_t div = num_pow10(d->scale - exp);
	if (d->mant % div == 0) {
		p->m.dong = d->mant / div;
		return KC_OK;
	}
	char q[WORD_MAX];
	vn_quote(q, sizeof q, p->num, p->num_len);
	if (!p->has_unit)
		return fail(p, KC_EINVAL,
		        "không ghi đơn vị nên được hiểu là đồng, mà dấu phẩy là dấu thập phân nên đây là số tiền lẻ đồng; nếu là triệu hoặc tỷ đồng thì ghi rõ đơn vị, ví dụ '%s triệu đồng' hoặc '%s tỷ đồng'",
		        q, q);
	if (p->m.unit == MONEY_DONG)
		return fail(p, KC_EINVAL,
		        "đồng không có phần lẻ nên sau dấu phẩy thập phân chỉ được có chữ số 0");
	return fail(p, KC_EINVAL,
	        "quy ra đồng còn phần lẻ dưới 1 đồng (%s chỉ ghi được tới %d chữ số sau dấu phẩy)",
	        unit_names[p->m.unit], exp);
}

int money_parse(const char *s, size_t len, MoneyParsed *out, Err *e)
{
	vn_trim(&s, &len);
	Parse p = {.c = {s, s + len},
	        .src = s,
	        .src_len = len,
	        .e = e,
	        .m = {0, MONEY_Q_NONE, MONEY_DONG}};
	if (p.src_len == 0)
		return fail(&p, KC_EINVAL, "không có số tiền nào");
	if (eat_qualifier(&p.c, &p.m.qualifier) && eat_qualifier(&p.c, &p.m.qualifier))
		return fail(&p, KC_EINVAL,
		        "có hai từ định tính liền nhau; chỉ ghi một trong gần, trên, hơn, khoảng, ước, dưới");
	int rc = read_number(&p);
	if (rc == KC_OK)
		rc = read_unit(&p);
	if (rc == KC_OK)
		rc = to_dong(&p);
	if (rc == KC_OK && out)
		*out = p.m;
	return rc;
}
