/* test_import_kinds.c — every kind of table besides establishments, in one
 * workbook whose sheets come in any order: đề án with their money, status
 * and beneficiaries, cost lines, beneficiaries, disbursements, training
 * classes, fairs, certificates and aggregate figures; then re-imported, and
 * the refusals particular to each kind. */
#include "io/io_test.h"

#include <xlsxwriter.h>

/* Writes rows ("a;b;c", NULL-terminated) as a sheet of strings. */
static void sheet(lxw_workbook *wb, const char *name, const char *const *rows)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	for (int r = 0; rows[r]; r++) {
		const char *p = rows[r];
		for (int c = 0; *p || c == 0; c++) {
			const char *semi = strchr(p, ';');
			size_t n = semi ? (size_t)(semi - p) : strlen(p);
			char cell[512];
			snprintf(cell, sizeof cell, "%.*s", (int)n, p);
			if (n)
				worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, cell, NULL);
			if (!semi)
				break;
			p = semi + 1;
		}
	}
}

static const char *const projects[] = {"DANH MỤC ĐỀ ÁN KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2019",
        "Đơn vị tính: triệu đồng",
        "STT;Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm thực hiện;Trạng thái;Số QĐ phê duyệt;"
        "Ngày QĐ phê duyệt;NSTW;NSĐP;Vốn đối ứng;Tổng kinh phí;Cơ sở thụ hưởng",
        "1;KC-2019-01;Hỗ trợ máy đóng gói bánh pía;KCĐP;C03_DEMO_TECH;Sóc Trăng;2019;"
        "Đang thực hiện;123/QĐ-UBND;15/03/2019;;300;450;750;2200123456",
        "2;KC-2019-02;Đào tạo nghề đan lát;Địa phương;Đào tạo nghề, truyền nghề, nâng cao tay"
        " nghề;94;2019;;;;;100;;100;Cơ sở mây tre",
        ";Tổng cộng;;;;;;;;;;400;450;850;", NULL};
static const char *const establishments[] = {"STT;Tên cơ sở;Mã số thuế;Tỉnh;Xã",
        "1;Cơ sở bánh pía Tân Huê Viên;2200123456;94;Phường 5", "2;Cơ sở mây tre;;94;", NULL};
static const char *const costs[] = {"Mã đề án;Nguồn kinh phí;Hạng mục;Kinh phí đề nghị (đồng)",
        "KC-2019-02;Vốn đối ứng;Nguyên liệu thực hành;20.000.000", NULL};
static const char *const beneficiaries[] = {
        "Mã đề án;Cơ sở thụ hưởng", "KC-2019-02;Cơ sở bánh pía Tân Huê Viên", NULL};
static const char *const disbursements[] = {"Mã đề án;Nguồn;Loại;Ngày;Số tiền;Số chứng từ",
        "KC-2019-01;NSĐP;Tạm ứng;01/04/2019;100.000.000;CT-01",
        "KC-2019-01;Ngân sách tỉnh;Thanh toán;01/06/2019;150 triệu;CT-02", NULL};
static const char *const trainings[] = {
        "Tỉnh;Loại lớp;Tên lớp;Ngày khai giảng;Ngày bế giảng;Số học viên;Số nữ;Mã đề án",
        "Sóc Trăng;Truyền nghề;Lớp đan lát lục bình;02/07/2019;30/08/2019;35;20;KC-2019-02", NULL};
static const char *const fairs[] = {"Tỉnh;Tên hội chợ;Quy mô;Từ ngày;Số gian hàng;Số lượt cơ sở",
        "94;Hội chợ công thương khu vực ĐBSCL;Khu vực;2019-11-20;12;15", NULL};
static const char *const certs[] = {
        "Cơ sở;Tên sản phẩm;Nhóm sản phẩm;Cấp;Năm;Số giấy chứng nhận;Số quyết định;Ngày"
        " quyết định;Điểm",
        "2200123456;Bánh pía sầu riêng;Chế biến nông lâm thủy sản và thực phẩm;Cấp tỉnh;2019;"
        "GCN-19-05;QĐ 55/QĐ-UBND;20/09/2019;72",
        NULL};
static const char *const figures[] = {"BÁO CÁO 6 THÁNG ĐẦU NĂM 2016",
        "Chỉ tiêu;Địa bàn;Kỳ báo cáo;Đơn vị tính;Kế hoạch;Thực hiện",
        "disbursement_rate;Khu vực phía Nam;6 tháng đầu năm 2016;%;;21,62%",
        "settled_amount;Sóc Trăng;2016-H1;triệu đồng;;6.047,5",
        "reporting_provinces;Toàn quốc;2016-H1;tỉnh;;20", NULL};

static void workbook(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	sheet(wb, "Đề án", projects); /* before the establishments it names */
	sheet(wb, "Giải ngân", disbursements);
	sheet(wb, "Cơ sở", establishments);
	sheet(wb, "Kinh phí", costs);
	sheet(wb, "Thụ hưởng", beneficiaries);
	sheet(wb, "Lớp", trainings);
	sheet(wb, "Hội chợ", fairs);
	sheet(wb, "Chứng nhận", certs);
	sheet(wb, "Số liệu", figures);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
}

static void a_workbook_of_every_kind(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/all.xlsx", t->dir);
	workbook(path);
	ImportReport r;
	tio_import(t->db, path, true, NULL, &r);
	tio_clean(&r);
	assert_true(r.committed);
	assert_int_equal(r.ntables, 9);
	assert_string_equal(r.tables[0].kind, "establishments");
	assert_string_equal(r.tables[1].kind, "projects");
	for (int i = 0; i < r.ntables; i++)
		assert_true(r.tables[i].created > 0);
	io_import_report_free(&r);
	Db *db = t->db;
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project WHERE code = 'KC-2019-01' AND"
	                               " status = 'in_progress' AND level = 'local'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_event WHERE to_status ="
	                               " 'approved' AND decision_no = '123/QĐ-UBND' AND"
	                               " decision_date = '2019-03-15'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT SUM(planned) FROM project_cost_line"), 870000000);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_beneficiary"), 3);
	assert_int_equal(db_scalar(db, "SELECT SUM(amount) FROM disbursement"), 250000000);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM training_class WHERE trainees = 35 AND"
	                               " women = 20 AND kind = 'craft_transmission' AND"
	                               " project_id = 2"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM fair WHERE scope = 'regional' AND"
	                               " booths = 12 AND start_date = '2019-11-20'"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM certification c JOIN product p ON"
	                               " p.id = c.product_id WHERE p.product_group = 'food' AND"
	                               " c.level = 'provincial' AND c.score = 72"),
	        1);
	assert_int_equal(db_scalar(db, "SELECT value FROM aggregate_figure WHERE indicator_code ="
	                               " 'disbursement_rate' AND scope_code = 'moit_south' AND"
	                               " period = '2016-H1'"),
	        2162);
	assert_int_equal(db_scalar(db, "SELECT value FROM aggregate_figure WHERE indicator_code ="
	                               " 'settled_amount' AND scope_code = '94'"),
	        6047500000);
	assert_int_equal(db_scalar(db, "SELECT value FROM aggregate_figure WHERE scope_kind ="
	                               " 'nation'"),
	        20);
	/* Again: nothing changes, not even the audit log. */
	uint64_t before = tmpdb_checksum(db);
	tio_import(db, path, true, NULL, &r);
	tio_clean(&r);
	for (int i = 0; i < r.ntables; i++)
		if (r.tables[i].created + r.tables[i].updated) {
			tio_print(&r);
			fail_msg("table '%s' changed on re-import", r.tables[i].kind);
		}
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(db) == before);
}

static void one_kind_only(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/all.xlsx", t->dir);
	workbook(path);
	ImportReport r;
	tio_import(t->db, path, true, "establishments", &r);
	tio_clean(&r);
	assert_int_equal(r.ntables, 1);
	io_import_report_free(&r);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM establishment"), 2);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM project"), 0);
}

/* Values Excel keeps as numbers: a date (its serial, formatted), counts, a
 * province code that lost nothing. */
static void excel_dates_and_numbers(void **state)
{
	TmpDb *t = *state;
	char path[256];
	snprintf(path, sizeof path, "%s/fairs.xlsx", t->dir);
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Hội chợ");
	lxw_format *date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	static const char *const head[] = {
	        "Tỉnh", "Tên hội chợ", "Quy mô", "Từ ngày", "Số gian hàng"};
	for (int c = 0; c < 5; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_number(ws, 1, 0, 94, NULL);
	worksheet_write_string(ws, 1, 1, "Hội chợ Cần Thơ", NULL);
	worksheet_write_string(ws, 1, 2, "Quốc gia", NULL);
	lxw_datetime day = {2019, 11, 20, 0, 0, 0};
	worksheet_write_datetime(ws, 1, 3, &day, date);
	worksheet_write_number(ws, 1, 4, 12, NULL);
	assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
	ImportReport r;
	tio_import(t->db, path, true, NULL, &r);
	tio_clean(&r);
	io_import_report_free(&r);
	assert_int_equal(
	        db_scalar(t->db, "SELECT COUNT(*) FROM fair WHERE start_date = '2019-11-20'"
	                         " AND booths = 12 AND scope = 'national' AND"
	                         " province_code = '94'"),
	        1);
}

typedef struct Bad {
	const char *why;
	const char *csv;
	int64_t row;
	int col;
	const char *says;
} Bad;

static const Bad bad[] = {
        {"a status without its decision",
                "Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm;Trạng thái\n"
                "X-1;A;KCĐP;C01_TRAINING;94;2019;Đã nghiệm thu\n",
                2, 6, "cần số và ngày của quyết định (biên bản) khi chuyển sang 'Đã phê duyệt'"},
        {"an activity not in the list",
                "Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm\nX-1;A;KCĐP;Du lịch;94;2019\n", 2, 3,
                "Nội dung hoạt động 'Du lịch' không có trong danh mục"},
        {"a level nobody uses",
                "Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm\nX-1;A;Huyện;C01_TRAINING;94;2019\n", 2,
                2, "Cấp 'Huyện' không có"},
        {"a đề án code twice",
                "Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm\nX-1;A;KCĐP;C01_TRAINING;94;2019\n"
                "X-1;B;KCĐP;C01_TRAINING;94;2019\n",
                3, 0, "Trùng với dòng 2: cùng mã đề án"},
        {"a disbursement for an unknown đề án",
                "Mã đề án;Nguồn;Loại;Ngày;Số tiền\nNONE;NSĐP;Tạm ứng;01/04/2019;1.000\n", 2, 0,
                "Không có đề án mã 'NONE'"},
        {"an unknown establishment as beneficiary", "Mã đề án;Cơ sở thụ hưởng\nNONE;2200999999\n",
                2, 0, "Không có đề án mã 'NONE'"},
        {"a count with decimals",
                "Chỉ tiêu;Địa bàn;Kỳ báo cáo;Thực hiện\nreporting_provinces;Toàn quốc;2016-H1;20,5\n",
                2, 3, "cần một số nguyên"},
        {"a figure for an indicator counted from records",
                "Chỉ tiêu;Địa bàn;Kỳ báo cáo;Thực hiện\nbeneficiaries_count;94;2016;5\n", 2, -2,
                "được tính từ hồ sơ"},
        {"a period that is not one",
                "Chỉ tiêu;Địa bàn;Kỳ báo cáo;Thực hiện\nreporting_provinces;Toàn quốc;mùa xuân;5\n",
                2, 2, "mùa xuân"},
        {"a class without a day", "Tỉnh;Loại lớp;Tên lớp;Số học viên\n94;Truyền nghề;Lớp A;10\n", 2,
                -2, "ngày"},
        {"more women than trainees",
                "Tỉnh;Loại lớp;Tên lớp;Ngày khai giảng;Số học viên;Số nữ\n"
                "94;Truyền nghề;Lớp A;02/07/2019;10;12\n",
                2, -2, "nữ"},
        {"a certificate for nobody", "Cơ sở;Tên sản phẩm;Cấp;Năm\n2200999999;Bánh;Cấp tỉnh;2019\n",
                2, 0, "Không có cơ sở nào mã số thuế '2200999999'"},
};

static void bad_input_changes_nothing(void **state)
{
	const Bad *c = *state;
	TmpDb t;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	uint64_t before = tmpdb_checksum(t.db);
	char path[256];
	tio_text(path, t.dir, "bad.csv", c->csv);
	ImportReport r;
	tio_import(t.db, path, true, NULL, &r);
	assert_false(r.committed);
	tio_expect(&r, c->row, c->col, false, c->says);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t.db) == before);
	tmpdb_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, a_workbook_of_every_kind);
	TL_ADD(&tl, one_kind_only);
	TL_ADD(&tl, excel_dates_and_numbers);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = tio_setup;
		tl.v[i].teardown_func = tio_teardown;
	}
	for (size_t i = 0; i < COUNT_OF(bad); i++)
		tl_addf(&tl, bad_input_changes_nothing, (void *)&bad[i], "bad input: %s",
		        bad[i].why);
	return tl_run(&tl, "io/import_kinds");
}
