/* test_import_ministry.c — the moves of a national đề án (KCQG) that the
 * Ministry decides (appraised, approved, not funded, carried over, stopped:
 * DOMAIN §3.1-3.2) cannot be made by a file a province user imports: the
 * store refuses them to the import's provincial actor, so the row is an
 * error at its status cell, in Vietnamese, and a commit writes nothing. The
 * same file passes for a national user; the province's own moves pass. */
#include "io/io_test.h"

#define PROJECT_HEAD                                                                                                   \
	"Mã đề án;Tên đề án;Cấp;Nội dung;Tỉnh;Năm thực hiện;Trạng thái;Số QĐ phê duyệt;" \
	"Ngày QĐ phê duyệt\n"

/* A national đề án of Sóc Trăng (inside Cần Thơ, 92) already approved. */
static const char approved[] = PROJECT_HEAD
        "KCQG-2019-ST-01;Hỗ trợ máy đóng gói bánh pía;KCQG;C03_DEMO_TECH;Sóc Trăng;2019;"
        "Đã phê duyệt;1186/QĐ-BCT;27/02/2019\n";

static const char *const cantho[] = {"92"};

/* The staff of Cần Thơ, as the router makes them (http_router.c). */
static Actor province_user(void)
{
	Actor a = tio_actor;
	a.provincial = true;
	return a;
}

static const char *status_of(TmpDb *t, const char *code)
{
	static char status[32];
	Stmt *st;
	Err e = {0};
	if (db_prepare(t->db, "SELECT status FROM project WHERE code = ?", &st, &e))
		fail_msg("%s", e.msg);
	db_bind_str(st, 1, code);
	status[0] = '\0';
	if (db_step(st, &e) == DB_ROW)
		snprintf(status, sizeof status, "%s", db_col_text(st, 0));
	db_done(st);
	return status;
}

/* The file's row refused at row 2, column "Trạng thái", naming the đề án,
 * the state and who decides; nothing written, in a dry run as in a commit. */
static void refused(TmpDb *t, const char *text, const char *state_label)
{
	uint64_t before = tmpdb_checksum(t->db);
	for (int commit = 0; commit <= 1; commit++) {
		ImportReport r;
		tio_import_text(t, text, commit, province_user(), cantho, 1, &r);
		const ImportProblem *p = tio_expect(&r, 2, -2, false, "Bộ Công Thương quyết định");
		assert_non_null(p->column);
		assert_string_equal(p->column, "Trạng thái");
		assert_non_null(strstr(p->message, "'KCQG-2019-ST-01'"));
		assert_non_null(strstr(p->message, state_label));
		assert_non_null(strstr(p->message, "người dùng của tỉnh"));
		assert_int_equal(r.errors, 1);
		assert_false(r.committed);
		io_import_report_free(&r);
		assert_true(tmpdb_checksum(t->db) == before);
	}
}

/* A new national đề án already approved: the province may create the draft
 * and register it, but the appraisal on the way is the Ministry's. */
static void new_national_approved_is_refused(void **state)
{
	TmpDb *t = *state;
	int64_t projects = db_scalar(t->db, "SELECT COUNT(*) FROM project");
	refused(t, approved, "'Đã thẩm định'");
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM project"), projects);
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM project_event"), 0);
	/* The same file from a national user is written. */
	tio_import_text_committed(t, approved, tio_actor, NULL, 0);
	assert_string_equal(status_of(t, "KCQG-2019-ST-01"), "approved");
}

/* A national đề án the Ministry appraised: the province's file may not
 * approve it, but records the contract once the Ministry has. */
static void existing_national_moves(void **state)
{
	TmpDb *t = *state;
	tio_import_text_committed(t,
	        PROJECT_HEAD "KCQG-2019-ST-01;Hỗ trợ máy đóng gói bánh pía;KCQG;C03_DEMO_TECH;"
	                     "Sóc Trăng;2019;Đã thẩm định;;\n",
	        tio_actor, NULL, 0);
	assert_string_equal(status_of(t, "KCQG-2019-ST-01"), "appraised");
	refused(t, approved, "'Đã phê duyệt'");
	assert_string_equal(status_of(t, "KCQG-2019-ST-01"), "appraised");
	tio_import_text_committed(t, approved, tio_actor, NULL, 0);
	tio_import_text_committed(t,
	        PROJECT_HEAD "KCQG-2019-ST-01;Hỗ trợ máy đóng gói bánh pía;KCQG;C03_DEMO_TECH;"
	                     "Sóc Trăng;2019;Đã ký hợp đồng;1186/QĐ-BCT;27/02/2019\n",
	        province_user(), cantho, 1);
	assert_string_equal(status_of(t, "KCQG-2019-ST-01"), "contracted");
}

/* A local đề án (KCĐP) is the province's to approve, by file too. */
static void local_approved_passes(void **state)
{
	TmpDb *t = *state;
	tio_import_text_committed(t,
	        PROJECT_HEAD "KC-2019-ST-01;Hỗ trợ máy sấy;KCĐP;C03_DEMO_TECH;Sóc Trăng;2019;"
	                     "Đã phê duyệt;12/QĐ-UBND;15/03/2019\n",
	        province_user(), cantho, 1);
	assert_string_equal(status_of(t, "KC-2019-ST-01"), "approved");
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, new_national_approved_is_refused);
	TL_ADD(&tl, existing_national_moves);
	TL_ADD(&tl, local_approved_passes);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = tio_setup;
		tl.v[i].teardown_func = tio_teardown;
	}
	return tl_run(&tl, "io/import_ministry");
}
