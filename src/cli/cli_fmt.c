/* cli_fmt.c — khuyencong fmt: the core library on a value, from the shell.
 *
 *   fmt money "6.047,5 triệu đồng"   the amount in đồng, in each unit, in words
 *   fmt words 6047500000             the amount in words
 *   fmt date 02/07/2019              the date in its Vietnamese forms
 *   fmt period "Quý III/2019" [--cutoff 15]   code, label and date range
 *   fmt fold "Đắk Lắk"               the search key
 *   fmt sort < names.txt             lines in Vietnamese order
 *
 * Input is normalised to NFC first, as everything entering khuyencong is. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/money.h"
#include "core/money_words.h"
#include "core/period.h"
#include "core/vntext.h"

enum { LINE_MAX_BYTES = 1 << 16, TEXT_MAX = 1 << 20, SORT_MAX_LINES = 1 << 20 };

static int fmt_money(const Buf *in, Buf *out, Err *e)
{
	MoneyParsed m;
	int rc = money_parse(in->data, in->len, &m, e);
	if (rc)
		return rc;
	if (m.qualifier != MONEY_Q_NONE)
		buf_printf(out, "(%s) ", money_qualifier_word(m.qualifier));
	money_format(out, m.dong, MONEY_DONG, -1, MONEY_WITH_UNIT);
	buf_putc(out, '\n');
	for (MoneyUnit u = MONEY_NGHIN; u <= MONEY_TY; u++) {
		money_format(out, m.dong, u, -1, MONEY_WITH_UNIT);
		buf_putc(out, '\n');
	}
	buf_puts(out, "Bằng chữ: ");
	money_words(out, m.dong, NULL);
	buf_putc(out, '\n');
	return 0;
}

static int fmt_words(const Buf *in, Buf *out, Err *e)
{
	MoneyParsed m;
	int rc = money_parse(in->data, in->len, &m, e);
	if (rc)
		return rc;
	money_words(out, m.dong, &(WordsOptions){.suffix = ""});
	buf_putc(out, '\n');
	return 0;
}

static int fmt_date(const Buf *in, Buf *out, Err *e)
{
	Date d;
	int rc = date_parse(in->data, in->len, &d, e);
	if (rc)
		return rc;
	buf_printf(out, "%s, ", date_weekday_name(d));
	date_format(out, d);
	buf_puts(out, "\n");
	date_format_long(out, d, DATE_LEADING_ZERO);
	buf_puts(out, "\n");
	date_format_iso(out, d);
	buf_printf(out, "\nExcel: %ld\n", (long)date_to_excel_serial(d));
	return 0;
}

static int fmt_period(const Buf *in, Buf *out, const PeriodRule *rule, Err *e)
{
	Period p;
	Date from, to;
	int rc = period_parse(in->data, in->len, &p, e);
	if (rc == 0)
		rc = period_range(&p, rule, &from, &to, e);
	if (rc)
		return rc;
	period_format(out, &p);
	buf_putc(out, '\n');
	period_label_vi(out, &p, 0);
	buf_puts(out, "\n");
	date_format(out, from);
	buf_puts(out, " – ");
	date_format(out, to);
	buf_putc(out, '\n');
	return 0;
}

static int by_vn(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = vn_compare(x, strlen(x), y, strlen(y));
	return c ? c : strcmp(x, y);
}

/* Reads stdin's lines (NFC), sorts them in Vietnamese order, prints them. */
static int fmt_sort(Buf *out, Err *e)
{
	char **lines = NULL, *line = NULL;
	size_t n = 0, cap = 0, lcap = 0;
	ssize_t len;
	int rc = 0;
	Buf nfc;
	buf_init(&nfc, LINE_MAX_BYTES);
	while (rc == 0 && (len = getline(&line, &lcap, stdin)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			len--;
		buf_reset(&nfc);
		if ((rc = vn_nfc(&nfc, line, (size_t)len, e)))
			break;
		if (n == SORT_MAX_LINES) {
			rc = err_set(e, KC_ETOOBIG, "more than %d lines", SORT_MAX_LINES);
			break;
		}
		if (n == cap &&
		        !(lines = realloc(lines, (cap = cap ? cap * 2 : 256) * sizeof *lines)))
			abort();
		if (!(lines[n++] = strdup(buf_cstr(&nfc))))
			abort();
	}
	if (rc == 0) {
		qsort(lines, n, sizeof *lines, by_vn);
		for (size_t i = 0; i < n; i++)
			buf_printf(out, "%s\n", lines[i]);
	}
	for (size_t i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	free(line);
	buf_free(&nfc);
	return rc;
}

static int run(const char *what, const Buf *in, Buf *out, const PeriodRule *rule, Err *e)
{
	if (!strcmp(what, "money"))
		return fmt_money(in, out, e);
	if (!strcmp(what, "words"))
		return fmt_words(in, out, e);
	if (!strcmp(what, "date"))
		return fmt_date(in, out, e);
	if (!strcmp(what, "period"))
		return fmt_period(in, out, rule, e);
	if (!strcmp(what, "fold")) {
		int rc = vn_fold(out, in->data, in->len, e);
		buf_putc(out, '\n');
		return rc;
	}
	return err_set(
	        e, KC_EINVAL, "unknown kind '%s' (money, words, date, period, fold, sort)", what);
}

/* A whole number 0..31 and nothing else. */
static int parse_day(const char *s, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 31)
		return -1;
	*out = (int)v;
	return 0;
}

int cli_fmt(int argc, char **argv)
{
	int n;
	char **args = cli_args(argc, argv, &n);
	const char *cutoff = cli_opt(argc, argv, "cutoff");
	if (n < 1 || (strcmp(args[0], "sort") && n != 2)) {
		fputs("usage: khuyencong fmt money|words|date|period|fold VALUE [--cutoff DAY]\n"
		      "       khuyencong fmt sort < lines.txt\n",
		        stderr);
		return 2;
	}
	PeriodRule rule = {0};
	if (cutoff && parse_day(cutoff, &rule.cutoff_day)) {
		fprintf(stderr, "khuyencong: --cutoff '%s' is not a day of the month\n", cutoff);
		return 2;
	}
	Err e = {0};
	Buf in, out;
	buf_init(&in, TEXT_MAX);
	buf_init(&out, TEXT_MAX);
	int rc = period_rule_check(&rule, &e);
	if (rc == 0 && !strcmp(args[0], "sort"))
		rc = fmt_sort(&out, &e);
	else if (rc == 0 && (rc = vn_nfc(&in, args[1], strlen(args[1]), &e)) == 0)
		rc = run(args[0], &in, &out, &rule, &e);
	if (rc == 0 && buf_err(&out))
		rc = err_set(&e, KC_ETOOBIG, "output too long");
	if (rc)
		fprintf(stderr, "khuyencong: %s\n", e.msg);
	else
		fputs(buf_cstr(&out), stdout);
	buf_free(&in);
	buf_free(&out);
	return rc ? 1 : 0;
}
