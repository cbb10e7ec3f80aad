/* store_check.c — see store_check.h. */
#include "store/store_check.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "store/store_totals.h"

typedef struct Check {
	const char *name;
	const char *label_vi;
	const char *sql; /* returns one row per offending record: its id first */
} Check;

/* Each query returns the offending records' ids, or text naming them. */
static const Check checks[] = {
        {"project_status_matches_events",
                "Trạng thái đề án khác trạng thái của lần chuyển gần nhất",
                "SELECT p.id FROM project p WHERE p.status <> COALESCE((SELECT e.to_status FROM"
                " project_event e WHERE e.project_id = p.id ORDER BY e.id DESC LIMIT 1), 'draft')"},
        {"project_years", "Năm thực hiện trước năm đăng ký hoặc năm kết thúc trước năm bắt đầu",
                "SELECT id FROM project WHERE start_year < registration_year OR end_year < start_year"},
        {"disbursed_within_approved",
                "Giải ngân (thuần) vượt kinh phí được duyệt, hoặc kế hoạch khi chưa duyệt, của dòng"
                " kinh phí",
                "SELECT l.id FROM project_cost_line l JOIN disbursement d ON d.cost_line_id = l.id"
                " GROUP BY l.id, l.approved, l.planned HAVING SUM(CASE WHEN d.kind IN ('advance',"
                " 'payment') THEN d.amount ELSE -d.amount END) > COALESCE(l.approved, l.planned)"},
        {"recoveries_within_advances", "Thu hồi tạm ứng vượt số đã tạm ứng của dòng kinh phí",
                "SELECT cost_line_id FROM disbursement GROUP BY cost_line_id HAVING SUM(CASE kind"
                " WHEN 'advance' THEN amount WHEN 'advance_recovery' THEN -amount ELSE 0 END) < 0"},
        {"disbursement_line_of_project", "Khoản giải ngân ghi cho dòng kinh phí của đề án khác",
                "SELECT d.id FROM disbursement d JOIN project_cost_line l ON l.id = d.cost_line_id"
                " WHERE l.project_id <> d.project_id"},
        {"unit_levels", "Tỉnh hoặc xã ghi trong hồ sơ không đúng cấp đơn vị hành chính",
                "SELECT 'project ' || p.id FROM project p JOIN admin_unit u ON u.list ="
                " p.province_list AND u.code = p.province_code WHERE u.level <> 'province'"
                " UNION ALL SELECT 'project ' || p.id FROM project p JOIN admin_unit u ON u.list ="
                " p.commune_list AND u.code = p.commune_code WHERE u.level <> 'commune'"
                " UNION ALL SELECT 'establishment ' || x.id FROM establishment x JOIN admin_unit u"
                " ON u.list = x.province_list AND u.code = x.province_code WHERE u.level <> 'province'"
                " UNION ALL SELECT 'establishment ' || x.id FROM establishment x JOIN admin_unit u"
                " ON u.list = x.commune_list AND u.code = x.commune_code WHERE u.level <> 'commune'"},
        {"commune_in_province", "Xã ghi trong hồ sơ không thuộc tỉnh ghi trong hồ sơ",
                "SELECT 'project ' || p.id FROM project p JOIN admin_unit u ON u.list ="
                " p.commune_list AND u.code = p.commune_code WHERE u.province_code <> p.province_code"
                " UNION ALL SELECT 'establishment ' || x.id FROM establishment x JOIN admin_unit u ON"
                " u.list = x.commune_list AND u.code = x.commune_code"
                " WHERE u.province_code <> x.province_code"},
        {"legacy_provinces_have_successors",
                "Tỉnh theo danh mục cũ không có tỉnh kế thừa theo danh mục mới",
                "SELECT u.code FROM admin_unit u WHERE u.list = 'legacy' AND u.level = 'province'"
                " AND NOT EXISTS (SELECT 1 FROM admin_succession s WHERE s.old_list = 'legacy' AND"
                " s.old_level = 'province' AND s.old_code = u.code AND s.new_level = 'province')"},
        {"records_have_audit", "Hồ sơ không có dòng nhật ký tạo",
                "SELECT 'establishment ' || x.id FROM establishment x WHERE NOT EXISTS (SELECT 1 FROM"
                " audit_log a WHERE a.table_name = 'establishment' AND a.record_id = CAST(x.id AS"
                " TEXT) AND a.action = 'insert')"
                " UNION ALL SELECT 'project ' || p.id FROM project p WHERE NOT EXISTS (SELECT 1 FROM"
                " audit_log a WHERE a.table_name = 'project' AND a.record_id = CAST(p.id AS TEXT)"
                " AND a.action = 'insert')"},
        {"accounts_have_a_scope",
                "Tài khoản không toàn quốc mà không có tỉnh nào, hoặc toàn quốc mà vẫn có tỉnh",
                "SELECT u.username FROM app_user u WHERE u.national = 0 AND NOT EXISTS (SELECT 1"
                " FROM user_province p WHERE p.user_id = u.id) UNION ALL SELECT u.username FROM"
                " app_user u WHERE u.national = 1 AND EXISTS (SELECT 1 FROM user_province p WHERE"
                " p.user_id = u.id)"},
        {"passwords_hashed_with_argon2id", "Mật khẩu không được lưu dưới dạng băm argon2id",
                "SELECT username FROM app_user WHERE password_hash NOT LIKE '$argon2id$%'"},
        {"one_default_period_rule", "Phải có đúng một quy tắc kỳ báo cáo mặc định",
                "SELECT COUNT(*) FROM period_rule WHERE is_default = 1 HAVING COUNT(*) <> 1"},
        {"project_totals_match_records",
                "Số tổng hợp của trang tổng quan khác số tính lại từ hồ sơ (sửa: khuyencong check"
                " --rebuild-totals)",
                store_totals_differences_sql},
        {"derived_caps_have_a_base", "Mức hỗ trợ tính theo bội số nhưng không có mức gốc",
                "SELECT id FROM support_rule WHERE multiplier_x100 IS NOT NULL AND (base_rule_id IS"
                " NULL OR cap_dong IS NOT NULL)"},
};

/* Counts the rows of one check and keeps the first three as examples. */
static int run_check(Db *db, const Check *c, int64_t *n, Buf *examples, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, c->sql, &st, e);
	if (rc)
		return rc;
	*n = 0;
	while ((rc = db_step(st, e)) == DB_ROW) {
		if ((*n)++ < 3)
			buf_printf(examples, "%s%s", *n > 1 ? ", " : "", db_col_text(st, 0));
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* SQLite's own checks; another engine reports through its own tools. */
static int engine_checks(Db *db, CheckFn fn, void *ctx, int *failed, Err *e)
{
	static const Check sqlite_checks[] = {
	        {"sqlite_integrity", "Tệp cơ sở dữ liệu bị hỏng",
	                "SELECT integrity_check FROM pragma_integrity_check WHERE integrity_check"
	                " <> 'ok'"},
	        {"foreign_keys", "Tham chiếu tới hồ sơ không còn tồn tại",
	                "SELECT \"table\" || ' ' || rowid FROM pragma_foreign_key_check"},
	};
	if (strcmp(db_engine(db), "sqlite"))
		return 0;
	for (size_t i = 0; i < sizeof sqlite_checks / sizeof sqlite_checks[0]; i++) {
		Buf ex;
		int64_t n;
		buf_init(&ex, 1024);
		int rc = run_check(db, &sqlite_checks[i], &n, &ex, e);
		if (rc == 0)
			fn(ctx, sqlite_checks[i].name, sqlite_checks[i].label_vi, n, buf_cstr(&ex));
		*failed += rc == 0 && n > 0;
		buf_free(&ex);
		if (rc)
			return rc;
	}
	return 0;
}

int store_check(Db *db, CheckFn fn, void *ctx, int *failed, Err *e)
{
	*failed = 0;
	int rc = engine_checks(db, fn, ctx, failed, e);
	for (size_t i = 0; rc == 0 && i < sizeof checks / sizeof checks[0]; i++) {
		Buf ex;
		int64_t n;
		buf_init(&ex, 1024);
		if ((rc = run_check(db, &checks[i], &n, &ex, e)) == 0) {
			fn(ctx, checks[i].name, checks[i].label_vi, n, buf_cstr(&ex));
			*failed += n > 0;
		}
		buf_free(&ex);
	}
	return rc;
}
