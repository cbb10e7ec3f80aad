/* test_import_scope.c — an import limited to the actor's provinces
 * (ImportOptions.provinces): for every kind of table with a province, a row
 * of another province — its own, or that of the record it writes under or
 * changes — is an error of the row and a commit writes nothing; the same
 * row passes for that province's staff (or, for national records, only for
 * a national actor), and a row of legacy Sóc Trăng (94) passes for Cần Thơ
 * (92), which took it in. */
#include "io/io_test.h"

/* What every case starts from, imported by a national actor: an
 * establishment and an approved đề án (with a provincial-budget line) in
 * Sóc Trăng and in Hà Nội. */
static const char fixture_establishments[] = "Tên cơ sở;Mã số thuế;Tỉnh\n"
                                             "Cơ sở bánh pía Tân Huê Viên;2200123456;Sóc Trăng\n"
                                             "Cơ sở gốm Bát Tràng;0101234567;Hà Nội\n";
static const char fixture_projects[] =
        "Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm thực hiện;Trạng thái;Số QĐ phê duyệt;"
        "Ngày QĐ phê duyệt;NSĐP\n"
        "KC-ST;Hỗ trợ máy đóng gói bánh pía;KCĐP;C03_DEMO_TECH;Sóc Trăng;2019;Đang thực hiện;"
        "12/QĐ-UBND;15/03/2019;300.000.000\n"
        "KC-HN;Hỗ trợ lò nung gốm;KCĐP;C03_DEMO_TECH;Hà Nội;2019;Đang thực hiện;34/QĐ-UBND;"
        "16/03/2019;300.000.000\n";

static const char *const cantho[] = {"92"};
static const char *const hanoi[] = {"01"};

static int setup(void **state)
{
	if (tio_setup(state))
		return -1;
	tio_import_text_committed(*state, fixture_establishments, tio_actor, NULL, 0);
	tio_import_text_committed(*state, fixture_projects, tio_actor, NULL, 0);
	return 0;
}

typedef struct ScopeCase {
	const char *why;
	const char *other;  /* a CSV whose one data row (row 2) writes outside Cần Thơ */
	const char *column; /* the header of the column the refusal points at */
	const char *says;
	const char *owner; /* the province whose staff may import other; NULL: national only */
	const char *own;   /* the same kind of row in Sóc Trăng: passes for Cần Thơ */
} ScopeCase;

#define HANOI        "Tỉnh 'Hà Nội' không thuộc phạm vi của bạn"
#define PROJECT_HEAD "Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm thực hiện\n"
#define FIGURE_HEAD  "Chỉ tiêu;Địa bàn;Kỳ báo cáo;Thực hiện\n"

static const ScopeCase cases[] = {
        {"an establishment of Hà Nội", "Tên cơ sở;Tỉnh\nCơ sở gốm Chu Đậu;Hà Nội\n", "Tỉnh", HANOI,
                "01", "Tên cơ sở;Tỉnh\nCơ sở mây tre Mỹ Xuyên;Sóc Trăng\n"},
        {"an establishment of Hà Nội moved to Sóc Trăng",
                "Tên cơ sở;Mã số thuế;Tỉnh\nCơ sở gốm Bát Tràng;0101234567;Sóc Trăng\n",
                "Mã số thuế", HANOI ": cơ sở 'Cơ sở gốm Bát Tràng' thuộc tỉnh này", NULL,
                "Tên cơ sở;Mã số thuế;Tỉnh\nCơ sở bánh pía Tân Huê Viên;2200123456;94\n"},
        {"a đề án of Hà Nội",
                PROJECT_HEAD "KC-HN-2;Hỗ trợ máy cắt gạch;KCĐP;C03_DEMO_TECH;Hà Nội;2019\n", "Tỉnh",
                HANOI, "01",
                PROJECT_HEAD "KC-ST-2;Hỗ trợ máy sấy;KCĐP;C03_DEMO_TECH;Sóc Trăng;2019\n"},
        {"a đề án of Hà Nội moved to Sóc Trăng",
                PROJECT_HEAD "KC-HN;Hỗ trợ lò nung gốm;KCĐP;C03_DEMO_TECH;Sóc Trăng;2019\n",
                "Mã đề án", HANOI ": đề án 'KC-HN' thuộc tỉnh này", NULL,
                PROJECT_HEAD "KC-ST;Hỗ trợ máy đóng gói;KCĐP;C03_DEMO_TECH;94;2019\n"},
        {"a cost line of a đề án of Hà Nội",
                "Mã đề án;Nguồn kinh phí;Hạng mục;Kinh phí đề nghị (đồng)\n"
                "KC-HN;Vốn đối ứng;Nguyên liệu;20.000.000\n",
                "Mã đề án", HANOI ": đề án 'KC-HN' thuộc tỉnh này", "01",
                "Mã đề án;Nguồn kinh phí;Hạng mục;Kinh phí đề nghị (đồng)\n"
                "KC-ST;Vốn đối ứng;Nguyên liệu;20.000.000\n"},
        {"a beneficiary of a đề án of Hà Nội", "Mã đề án;Cơ sở thụ hưởng\nKC-HN;0101234567\n",
                "Mã đề án", HANOI ": đề án 'KC-HN' thuộc tỉnh này", "01",
                "Mã đề án;Cơ sở thụ hưởng\nKC-ST;2200123456\n"},
        {"a disbursement of a đề án of Hà Nội",
                "Mã đề án;Nguồn;Loại;Ngày;Số tiền;Số chứng từ\n"
                "KC-HN;NSĐP;Tạm ứng;01/04/2019;100.000.000;CT-01\n",
                "Mã đề án", HANOI ": đề án 'KC-HN' thuộc tỉnh này", "01",
                "Mã đề án;Nguồn;Loại;Ngày;Số tiền;Số chứng từ\n"
                "KC-ST;NSĐP;Tạm ứng;01/04/2019;100.000.000;CT-01\n"},
        {"a certificate of an establishment of Hà Nội",
                "Cơ sở;Tên sản phẩm;Cấp;Năm\n0101234567;Gốm men lam;Cấp tỉnh;2019\n", "Cơ sở",
                HANOI ": cơ sở 'Cơ sở gốm Bát Tràng' thuộc tỉnh này", "01",
                "Cơ sở;Tên sản phẩm;Cấp;Năm\n2200123456;Bánh pía sầu riêng;Cấp tỉnh;2019\n"},
        {"a training class of Hà Nội",
                "Tỉnh;Loại lớp;Tên lớp;Ngày khai giảng;Số học viên\n"
                "Hà Nội;Truyền nghề;Lớp gốm;02/07/2019;35\n",
                "Tỉnh", HANOI, "01",
                "Tỉnh;Loại lớp;Tên lớp;Ngày khai giảng;Số học viên\n"
                "Sóc Trăng;Truyền nghề;Lớp đan lục bình;02/07/2019;35\n"},
        {"a fair of Hà Nội (by code)",
                "Tỉnh;Tên hội chợ;Quy mô;Từ ngày\n01;Hội chợ làng nghề;Khu vực;2019-11-20\n",
                "Tỉnh", HANOI, "01",
                "Tỉnh;Tên hội chợ;Quy mô;Từ ngày\n94;Hội chợ công thương;Khu vực;2019-11-20\n"},
        {"a figure of Hà Nội", FIGURE_HEAD "trainees;Hà Nội;2019;5\n", "Địa bàn", HANOI, "01",
                FIGURE_HEAD "trainees;Sóc Trăng;2019;5\n"},
        {"a figure of the nation", FIGURE_HEAD "trainees;Toàn quốc;2019;5\n", "Địa bàn",
                "chỉ người dùng cấp quốc gia được nhập", NULL,
                FIGURE_HEAD "trainees;Cần Thơ;2026;5\n"},
        {"a figure of a region", FIGURE_HEAD "trainees;Khu vực phía Nam;2019;5\n", "Địa bàn",
                "chỉ người dùng cấp quốc gia được nhập", NULL, FIGURE_HEAD "trainees;94;2019;5\n"},
};

/* The case's row refused for the actor of provinces[0..n): an error at row
 * 2 in the case's column, nothing written. */
static void refused(TmpDb *t, const ScopeCase *c, const char *const *provinces, int n)
{
	uint64_t before = tmpdb_checksum(t->db);
	ImportReport r;
	tio_import_text(t, c->other, true, tio_actor, provinces, n, &r);
	const ImportProblem *p = tio_expect(&r, 2, -2, false, c->says);
	assert_non_null(p->column);
	assert_string_equal(p->column, c->column);
	assert_int_equal(r.errors, 1);
	assert_false(r.committed);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
}

/* The case's row refused some way for another actor (the first province
 * check that fails names what it found): nothing written. */
static void refused_too(TmpDb *t, const ScopeCase *c, const char *const *provinces, int n)
{
	uint64_t before = tmpdb_checksum(t->db);
	ImportReport r;
	tio_import_text(t, c->other, true, tio_actor, provinces, n, &r);
	if (!tio_find(&r, "không thuộc phạm vi của bạn") && !tio_find(&r, "cấp quốc gia")) {
		tio_print(&r);
		fail_msg("%s: not refused for its province", c->why);
	}
	assert_false(r.committed);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
}

static void scope_case(void **state)
{
	const ScopeCase *c = *state;
	void *s;
	assert_int_equal(setup(&s), 0);
	TmpDb *t = s;
	refused(t, c, cantho, 1);
	refused_too(t, c, cantho, 0); /* no province at all */
	refused_too(t, c, (const char *const[]){"79"}, 1);
	if (c->owner) {
		tio_import_text_committed(t, c->other, tio_actor, hanoi, 1);
	} else {
		refused_too(t, c, hanoi, 1);
		tio_import_text_committed(t, c->other, tio_actor, NULL, 0);
	}
	tio_import_text_committed(t, c->own, tio_actor, cantho, 1);
	/* A dry run tells the same as the commit would. */
	ImportReport r;
	tio_import_text(t, c->other, false, tio_actor, cantho, 1, &r);
	assert_true(r.errors == 0 || tio_find(&r, "không thuộc phạm vi") ||
	            tio_find(&r, "cấp quốc gia"));
	io_import_report_free(&r);
	tio_teardown(&s);
}

/* One file of several rows: the rows of Cần Thơ are fine, the one of Hà Nội
 * is refused, so the commit writes none of them. */
static void one_row_outside_stops_the_file(void **state)
{
	TmpDb *t = *state;
	uint64_t before = tmpdb_checksum(t->db);
	int64_t n = db_scalar(t->db, "SELECT COUNT(*) FROM establishment");
	ImportReport r;
	tio_import_text(t,
	        "Tên cơ sở;Tỉnh\nCơ sở A;Sóc Trăng\nCơ sở B;Cần Thơ\nCơ sở C;Hà Nội\nCơ sở D;92\n",
	        true, tio_actor, cantho, 1, &r);
	tio_expect(&r, 4, 1, false, HANOI);
	assert_int_equal(r.errors, 1);
	assert_int_equal(r.tables[0].created, 3);
	assert_int_equal(r.tables[0].failed, 1);
	assert_false(r.committed);
	io_import_report_free(&r);
	assert_true(tmpdb_checksum(t->db) == before);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM establishment"), n);
}

int main(void)
{
	TestList tl = {0};
	tl_add(&tl, "one row outside stops the file", one_row_outside_stops_the_file, NULL);
	tl.v[0].setup_func = setup;
	tl.v[0].teardown_func = tio_teardown;
	for (size_t i = 0; i < COUNT_OF(cases); i++)
		tl_addf(&tl, scope_case, (void *)&cases[i], "%s", cases[i].why);
	return tl_run(&tl, "io/import_scope");
}
