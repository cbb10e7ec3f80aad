/* money_words.h — an amount of money in Vietnamese words ("Bằng chữ").
 *
 * Reads an int64 đồng amount the way accountants write it under a figure
 * (DOMAIN.md §8.5): 1.050.000.000 is "Một tỷ không trăm năm mươi triệu
 * đồng". Digits are read in groups of three from the right; amounts of a
 * thousand tỷ and more are read as a number of tỷ ("Năm nghìn ba trăm mười tỷ
 * đồng"), which gives "nghìn tỷ", "triệu tỷ" and "tỷ tỷ" up to INT64_MAX.
 * Regional variants are options; the zero value of WordsOptions is the
 * northern default. Pure text: no I/O, no state, no locale. */
#ifndef KC_MONEY_WORDS_H
#define KC_MONEY_WORDS_H

#include <stdint.h>

#include "buf.h"

typedef struct WordsOptions {
	int le;             /* "lẻ" instead of "linh" (105: "một trăm lẻ năm") */
	int ngan;           /* "ngàn" instead of "nghìn" */
	int bon;            /* "bốn" instead of "tư" after tens >= 2 (24: "hai mươi bốn") */
	int nham;           /* "nhăm" instead of "lăm" after tens >= 2 (25: "hai mươi nhăm") */
	int lowercase;      /* keep the first letter lower case */
	const char *suffix; /* NULL: "đồng"; "" for a bare number; "đồng chẵn" */
} WordsOptions;

/* Appends dong in words; opt NULL means the defaults. Zero is "Không đồng", a
 * negative amount starts with "Âm". Overflow of b shows in buf_err(b). */
void money_words(Buf *b, int64_t dong, const WordsOptions *opt);

#endif
