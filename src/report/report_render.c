/* report_render.c — what every renderer shares: formats, the text of a
 * cell as Vietnamese offices write numbers (DOMAIN §8.1), and dispatch. */
#include <string.h>

#include "core/money.h"
#include "core/num.h"
#include "report/report_render.h"

static const struct {
	const char *name, *mime, *ext;
} formats[] = {
        [FMT_JSON] = {"json", "application/json; charset=utf-8", "json"},
        [FMT_CSV] = {"csv", "text/csv; charset=utf-8", "csv"},
        [FMT_XLSX] = {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx"},
        [FMT_PDF] = {"pdf", "application/pdf", "pdf"},
};

int report_format_parse(const char *s, ReportFormat *out, Err *e)
{
	for (int i = 0; s && i < (int)(sizeof formats / sizeof *formats); i++)
		if (!strcmp(s, formats[i].name)) {
			*out = (ReportFormat)i;
			return 0;
		}
	return err_field(e, "format", KC_EINVAL,
	        "Định dạng '%.20s' không có; chọn json, csv, xlsx hoặc pdf", s ? s : "");
}

const char *report_format_mime(ReportFormat f)
{
	return formats[f].mime;
}

const char *report_format_ext(ReportFormat f)
{
	return formats[f].ext;
}

int64_t report_unit_divisor(int money_unit)
{
	static const int64_t div[] = {1, 1000, 1000000, 1000000000};
	return money_unit >= 0 && money_unit < 4 ? div[money_unit] : 1;
}

void report_cell_text(const ReportTable *t, int col, const ReportCell *c, Buf *out)
{
	if (c->type == CELL_TEXT) {
		buf_puts(out, c->text ? c->text : "");
		return;
	}
	if (c->type != CELL_NUM)
		return;
	if (c->qualifier && c->qualifier[0])
		buf_printf(out, "%s ", c->qualifier);
	int decimals = col >= 0 && col < t->n_cols ? t->cols[col].decimals : 0;
	int64_t v = c->v, div = report_unit_divisor(t->money_unit) / 1000;
	switch (c->kind) {
	case VK_COUNT: num_format_int(out, v); break;
	case VK_PCT: num_format_pct(out, v, decimals); break;
	case VK_RATIO: num_format(out, v, 2, decimals); break;
	case VK_MONEY:
		/* At most three decimals of the unit: triệu đồng exact to the nghìn
		 * (20.253,331), as financial tables write them (DOMAIN §8.2). */
		if (div > 1 && money_div_round(v, div, &v, NULL) == 0)
			v *= div;
		money_format(out, v, (MoneyUnit)t->money_unit, -1, 0);
		break;
	}
}

double report_cell_number(const ReportTable *t, const ReportCell *c)
{
	switch (c->kind) {
	case VK_MONEY: return (double)c->v / (double)report_unit_divisor(t->money_unit);
	case VK_PCT: return (double)c->v / 10000.0;
	case VK_RATIO: return (double)c->v / 100.0;
	case VK_COUNT: break;
	}
	return (double)c->v;
}

bool report_neutralise(const char *s)
{
	return s && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
	                    s[0] == '\r');
}

int report_render(const ReportTable *t, ReportFormat f, const ReportDoc *doc, Buf *out, Err *e)
{
	switch (f) {
	case FMT_JSON: return report_render_json(t, out, e);
	case FMT_CSV: return report_render_csv(t, out, e);
	case FMT_XLSX: return report_render_xlsx(t, out, e);
	case FMT_PDF: return report_render_pdf(t, doc, out, e);
	}
	return err_field(e, "format", KC_EINVAL, "Định dạng báo cáo không có");
}
