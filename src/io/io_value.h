/* io_value.h — a cell's value read as the column's type says.
 *
 * People type figures their way ("1.234.567", "6.047,5 triệu", "02/07/2019")
 * and Excel stores its own (6047.5, a date serial 43648): each reader here
 * takes either, through core's parsers (num, money, date), and refuses the
 * rest with a Vietnamese message that names the column by its label and
 * quotes the value: "Số lao động '1,5' không hợp lệ: cần một số nguyên".
 * No database, no state. */
#ifndef KC_IO_VALUE_H
#define KC_IO_VALUE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/err.h"
#include "core/num.h"
#include "io/io_sheet.h"

/* Trims the cell's text (spaces of vn_space_len) into *s, *len. */
void io_val_trim(const IoCell *c, const char **s, size_t *len);

/* An exact number: Excel's machine form (rounded to the 15 significant
 * digits Excel keeps, which drops binary noise such as 0.30000000000000004)
 * or a number written the Vietnamese way. */
int io_val_number(const IoCell *c, const char *label, NumDec *out, Err *e);
/* A whole number >= 0 ("1.234", 1234). */
int io_val_count(const IoCell *c, const char *label, int64_t *out, Err *e);
/* An amount in đồng: a bare number is in unit (1, 1 000, 10^6, 10^9 đồng:
 * the column's), text may carry its own unit and qualifier ("6.047,5 triệu
 * đồng", "gần 94 tỷ"); *qualifier (may be NULL) receives MONEY_Q_*. The
 * amount must be a whole number of đồng. */
int io_val_money(
        const IoCell *c, int64_t unit, const char *label, int64_t *out, int *qualifier, Err *e);
/* A day as "YYYY-MM-DD": an Excel date or serial, or dd/mm/yyyy text. */
int io_val_date(const IoCell *c, const char *label, char out[11], Err *e);
/* A year 1990..2100: a number, "2019", "năm 2019", or a date's year. */
int io_val_year(const IoCell *c, const char *label, int *out, Err *e);
/* A code typed as text or kept by Excel as a number that lost its leading
 * zeros: the digits, padded with zeros on the left to width (0: as is) when
 * the cell is a number. Appends to out. */
int io_val_digits(const IoCell *c, int width, const char *label, Buf *out, Err *e);

#endif
