/* money_words.c — see money_words.h. */
#include "money_words.h"

#include <stddef.h>

static const char *const digit_words[] = {
        "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

/* The words being written and how to write them. */
typedef struct Out {
	Buf *b;
	const WordsOptions *opt;
	int any; /* a word was written, so the next one needs a space */
} Out;

static void word(Out *o, const char *w)
{
	if (o->any)
		buf_putc(o->b, ' ');
	buf_puts(o->b, w);
	o->any = 1;
}

/* The units digit u after a tens digit t (t > 0): the spoken changes. */
static const char *unit_after_tens(const WordsOptions *opt, unsigned t, unsigned u)
{
	if (u == 5)
		return t >= 2 && opt->nham ? "nhăm" : "lăm";
	if (u == 1 && t >= 2)
		return "mốt";
	if (u == 4 && t >= 2)
		return opt->bon ? "bốn" : "tư";
	return digit_words[u];
}

/* Reads one group of three digits, v in 1..999. A group that is not the
 * leading one reads its zero hundreds ("không trăm") so that 1.050 is not
 * heard as 1.50. */
static void group(Out *o, unsigned v, int leading)
{
	unsigned h = v / 100, t = v / 10 % 10, u = v % 10;
	int said_hundreds = h > 0 || !leading;
	if (said_hundreds) {
		word(o, digit_words[h]);
		word(o, "trăm");
	}
	if (t == 0) {
		if (u != 0 && said_hundreds)
			word(o, o->opt->le ? "lẻ" : "linh");
		if (u != 0)
			word(o, digit_words[u]);
		return;
	}
	if (t == 1) {
		word(o, "mười");
	} else {
		word(o, digit_words[t]);
		word(o, "mươi");
	}
	if (u != 0)
		word(o, unit_after_tens(o->opt, t, u));
}

/* Reads n > 0; leading is true while nothing more significant was read. A
 * part of a tỷ or more is read as a number of tỷ, recursively. */
static void amount(Out *o, uint64_t n, int leading)
{
	const uint64_t ty = 1000000000;
	if (n >= ty) {
		amount(o, n / ty, leading);
		word(o, "tỷ");
		n %= ty;
		leading = 0;
	}
	const char *scale[] = {"triệu", o->opt->ngan ? "ngàn" : "nghìn", NULL};
	unsigned part[] = {
	        (unsigned)(n / 1000000), (unsigned)(n / 1000 % 1000), (unsigned)(n % 1000)};
	for (int i = 0; i < 3; i++) {
		if (part[i] == 0)
			continue;
		group(o, part[i], leading);
		leading = 0;
		if (scale[i])
			word(o, scale[i]);
	}
}

void money_words(Buf *b, int64_t dong, const WordsOptions *opt)
{
	static const WordsOptions defaults = {0};
	Out o = {b, opt ? opt : &defaults, 0};
	size_t start = b->len;
	int cap = !o.opt->lowercase;
	if (dong < 0)
		word(&o, cap ? "Âm" : "âm");
	uint64_t mag = dong < 0 ? 0 - (uint64_t)dong : (uint64_t)dong;
	if (mag == 0)
		word(&o, "không");
	else
		amount(&o, mag, 1);
	const char *suffix = o.opt->suffix ? o.opt->suffix : "đồng";
	if (*suffix)
		word(&o, suffix);
	/* Every word but "âm" starts with an ASCII letter. */
	if (cap && !buf_err(b) && b->data[start] >= 'a' && b->data[start] <= 'z')
		b->data[start] = (char)(b->data[start] - 'a' + 'A');
}
