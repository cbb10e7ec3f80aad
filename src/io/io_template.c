/* io_template.c — see io_template.h. */
#include "io/io_template.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "io/io_dict.h"
#include "io/io_import.h"

enum { TEMPLATE_ROWS = 1000, MAX_CHOICES = 32 };

/* How a column's type is written, for the description sheet. */
static const char *type_vi(const char *type)
{
	static const struct {
		const char *type, *vi;
	} names[] = {{"skip", "số thứ tự (bỏ qua)"}, {"id", "số"}, {"text", "chữ"}, {"code", "mã"},
	        {"count", "số nguyên"}, {"money", "số tiền"}, {"date", "ngày"}, {"year", "năm"},
	        {"bool", "có / không"}, {"tax_code", "mã số thuế"}, {"phone", "điện thoại"},
	        {"province", "tỉnh"}, {"district", "huyện"}, {"commune", "xã"},
	        {"sector", "danh mục ngành"}, {"activity", "danh mục nội dung"},
	        {"source", "nguồn kinh phí"}, {"indicator", "danh mục chỉ tiêu"},
	        {"establishment", "mã số thuế hoặc tên cơ sở"}, {"scope", "địa bàn"},
	        {"period", "kỳ báo cáo"}, {"number", "số"}, {"unit", "đơn vị tính"}};
	if (!strncmp(type, "choice:", 7))
		return "một trong danh sách";
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(names[i].type, type))
			return names[i].vi;
	return type;
}

static const char *kind_label(const char *kind)
{
	int n;
	const ImportKind *k = io_import_kinds(&n);
	for (int i = 0; i < n; i++)
		if (!strcmp(k[i].name, kind))
			return k[i].label;
	return NULL;
}

/* A drop-down list under a column of a closed set, when Excel can hold it
 * (its values fit in 255 characters). */
static void choices(lxw_worksheet *ws, const IoDict *d, const IoColumn *c, int col)
{
	const char *v[MAX_CHOICES + 1] = {NULL};
	int n = io_dict_choice_words(d, c->type + 7, v, MAX_CHOICES);
	size_t len = 0;
	for (int i = 0; i < n && i < MAX_CHOICES; i++)
		len += strlen(v[i]) + 1;
	if (n > MAX_CHOICES || len > 255)
		return;
	lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST,
	        .value_list = (char **)v, /* the library only reads them */
	        .ignore_blank = LXW_VALIDATION_ON,
	        .error_type = LXW_VALIDATION_ERROR_TYPE_WARNING};
	worksheet_data_validation_range(ws, 1, (lxw_col_t)col, TEMPLATE_ROWS, (lxw_col_t)col, &dv);
}

static void describe(lxw_workbook *wb, const IoColumn *c, int n, lxw_format *head, lxw_format *wrap)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Hướng dẫn");
	static const char *const titles[] = {
	        "Cột", "Bắt buộc", "Kiểu", "Cách ghi", "Tiêu đề khác cũng được nhận"};
	static const double width[] = {30, 10, 22, 70, 60};
	for (int i = 0; i < 5; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, width[i], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)i, titles[i], head);
	}
	Buf syn;
	buf_init(&syn, 1 << 14);
	for (int i = 0; i < n; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		worksheet_write_string(ws, row, 0, c[i].label, NULL);
		worksheet_write_string(ws, row, 1, c[i].required ? "có" : "", NULL);
		worksheet_write_string(ws, row, 2, type_vi(c[i].type), NULL);
		worksheet_write_string(ws, row, 3, c[i].help, wrap);
		buf_reset(&syn);
		for (int k = 1; k < c[i].nsyn; k++)
			buf_printf(&syn, "%s%s", k > 1 ? "; " : "", c[i].syn[k]);
		worksheet_write_string(ws, row, 4, buf_cstr(&syn), wrap);
	}
	worksheet_write_string(ws, (lxw_row_t)(n + 2), 0,
	        "Cột có dấu * là bắt buộc. Các cột có thể theo thứ tự bất kỳ; trên hàng tiêu đề có"
	        " thể có tên bảng, đơn vị tính (ví dụ: Đơn vị tính: triệu đồng); dòng tổng cộng ở"
	        " cuối được nhận ra và đối chiếu.",
	        NULL);
	buf_free(&syn);
}

int io_template_xlsx(const char *kind, const char *path, Err *e)
{
	const char *label = kind_label(kind);
	if (!label)
		return err_set(e, KC_EINVAL, "Không có loại dữ liệu '%s' để tạo mẫu", kind);
	IoDict *d;
	int rc = io_dict_load(&d, e);
	if (rc)
		return rc;
	int n;
	const IoColumn *c = io_dict_columns(d, kind, &n);
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		io_dict_free(d);
		return err_set(e, KC_EIO, "cannot create '%s'", path);
	}
	lxw_format *head = workbook_add_format(wb), *wrap = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_bg_color(head, 0xD9E1F2);
	format_set_text_wrap(wrap);
	char title[32];
	snprintf(title, sizeof title, "%.28s", kind);
	lxw_worksheet *ws = workbook_add_worksheet(wb, title);
	Buf h;
	buf_init(&h, 1024);
	for (int i = 0; i < n; i++) {
		buf_reset(&h);
		buf_printf(&h, "%s%s", c[i].label, c[i].required ? " *" : "");
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, i == 0 ? 6 : 20, NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)i, buf_cstr(&h), head);
		if (!strncmp(c[i].type, "choice:", 7))
			choices(ws, d, &c[i], i);
	}
	buf_free(&h);
	worksheet_freeze_panes(ws, 1, 0);
	describe(wb, c, n, head, wrap);
	lxw_error le = workbook_close(wb);
	io_dict_free(d);
	if (le != LXW_NO_ERROR)
		return err_set(e, KC_EIO, "cannot write '%s': %s", path, lxw_strerror(le));
	return 0;
}
