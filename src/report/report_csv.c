/* report_csv.c — a table as CSV (RFC 4180, CRLF), UTF-8 with a byte-order
 * mark so that Excel reads the diacritics. One header row, then one line per
 * row. Numbers are machine-readable: no grouping, a dot before decimals,
 * money in the table's unit (triệu đồng, at most three decimals),
 * percentages as numbers of percent; text is quoted, and a part of it
 * that would start a formula gets an apostrophe (field). Titles and
 * qualifiers live in the JSON. */
#include <inttypes.h>
#include <string.h>

#include "core/money.h"
#include "report/report_render.h"

/* Whether the cell a spreadsheet would make of s starts a formula: = + - @
 * after any spaces. */
static bool starts_formula(const char *s)
{
	s += strspn(s, " ");
	return *s == '=' || *s == '+' || *s == '-' || *s == '@';
}

/* Every text field is quoted. An apostrophe keeps a formula text (OWASP "CSV
 * injection"): at the start of the field (also before a tab or CR there), and
 * after each character a spreadsheet may split cells at — a comma, a
 * semicolon, a tab, a line break: Excel in a locale whose list separator is
 * ';' (vi-VN) reads "Tên;=cmd" as two cells. */
static void field(Buf *out, const char *s)
{
	buf_putc(out, '"');
	if (report_neutralise(s) || starts_formula(s))
		buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
		if (strchr(",;\t\r\n", *s) && starts_formula(s + 1))
			buf_putc(out, '\'');
	}
	buf_putc(out, '"');
}

/* v / 10^scale with a dot, without trailing zeros. */
static void decimal(Buf *out, int64_t v, int scale)
{
	int64_t p = 1;
	for (int i = 0; i < scale; i++)
		p *= 10;
	uint64_t a = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	buf_printf(out, "%s%" PRIu64, v < 0 ? "-" : "", a / (uint64_t)p);
	uint64_t frac = a % (uint64_t)p;
	if (!frac)
		return;
	char digits[24];
	int n = scale;
	while (n > 0 && frac % 10 == 0)
		frac /= 10, n--;
	for (int i = n - 1; i >= 0; i--, frac /= 10)
		digits[i] = (char)('0' + frac % 10);
	buf_printf(out, ".%.*s", n, digits);
}

static void number(const ReportTable *t, const ReportCell *c, Buf *out)
{
	int64_t v = c->v, div = report_unit_divisor(t->money_unit) / 1000;
	switch (c->kind) {
	case VK_COUNT: decimal(out, v, 0); break;
	case VK_PCT:
	case VK_RATIO: decimal(out, v, 2); break;
	case VK_MONEY:
		if (div >= 1 && money_div_round(v, div, &v, NULL) == 0)
			decimal(out, v, report_unit_divisor(t->money_unit) >= 1000 ? 3 : 0);
		else
			decimal(out, c->v, 0);
		break;
	}
}

int report_render_csv(const ReportTable *t, Buf *out, Err *e)
{
	buf_puts(out, "\xEF\xBB\xBF");
	Buf label;
	buf_init(&label, 2048);
	for (int c = 0; c < t->n_cols; c++) {
		buf_reset(&label);
		if (t->cols[c].group)
			buf_printf(&label, "%s: ", t->cols[c].group);
		buf_puts(&label, t->cols[c].label);
		if (c)
			buf_putc(out, ',');
		field(out, buf_cstr(&label));
	}
	buf_free(&label);
	buf_puts(out, "\r\n");
	for (int r = 0; r < t->n_rows; r++) {
		for (int c = 0; c < t->n_cols; c++) {
			const ReportCell *x = &t->rows[r].cells[c];
			if (c)
				buf_putc(out, ',');
			if (x->type == CELL_NUM)
				number(t, x, out);
			else if (x->type == CELL_TEXT)
				field(out, x->text);
		}
		buf_puts(out, "\r\n");
	}
	if (buf_err(out))
		return err_set(e, KC_ETOOBIG, "report too large for its buffer");
	return 0;
}
