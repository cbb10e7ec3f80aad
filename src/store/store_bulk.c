/* store_bulk.c — see store_bulk.h. */
#include "store/store_bulk.h"

#include <stdio.h>
#include <string.h>

#include "core/project_state.h"
#include "store/store_project_extra.h"
#include "store/store_totals.h"

static const char project_sql[] = "SELECT * FROM project WHERE id = ?";
static const char line_sql[] = "SELECT * FROM project_cost_line WHERE id = ?";
static const char payment_sql[] = "SELECT * FROM disbursement WHERE id = ?";

enum { ITEM_MAX_BYTES = 500, DOC_MAX_BYTES = 200 };

static const StoreChoice payment_kinds[] = {{"advance", "tạm ứng"}, {"payment", "thanh toán"},
        {"advance_recovery", "thu hồi tạm ứng"}, {"refund", "nộp trả"}};

static bool empty(const char *s)
{
	return !s || !s[0];
}

/* The field name of element i of an array: "moves[3].to". */
static const char *at(char *out, size_t cap, const char *array, int i, const char *field)
{
	snprintf(out, cap, "%s[%d].%s", array, i, field);
	return out;
}

/* Every move allowed from the state before it and to actor a, with its
 * decision where the state table needs one, dated in order from the draft's
 * day. */
static int check_moves(
        const Actor *a, const BulkProject *in, char approved_on[STORE_DATE_LEN], Err *e)
{
	const char *from = "draft";
	char last[STORE_DATE_LEN] = "", day[STORE_DATE_LEN], f[48];
	approved_on[0] = '\0';
	if (!empty(in->p.status_date) &&
	        store_check_iso_date(in->p.status_date, "status_date", "ngày lập", last, e))
		return KC_EINVAL;
	if (in->n_moves < 0 || in->n_moves > BULK_MAX_MOVES)
		return err_field(e, "moves", KC_EINVAL, "Quá trình đề án có quá nhiều bước (%d)",
		        in->n_moves);
	for (int i = 0; i < in->n_moves; i++) {
		const BulkMove *m = &in->moves[i];
		int rc = store_project_check_mover(a, in->p.code, in->p.level, m->to, e);
		if (rc == 0)
			rc = project_transition_check(from, m->to, e);
		if (rc == 0)
			rc = store_check_iso_date(m->date, at(f, sizeof f, "moves", i, "date"),
			        "ngày chuyển", day, e);
		if (rc) /* the state table's message names both states */
			return rc;
		if (strcmp(day, last) < 0)
			return err_field(e, at(f, sizeof f, "moves", i, "date"), KC_EINVAL,
			        "Bước '%s' ngày %s trước bước liền trước (%s)", m->to, day, last);
		if (project_transition_needs_decision(from, m->to) && empty(m->decision_no))
			return err_field(e, at(f, sizeof f, "moves", i, "decision_no"), KC_EINVAL,
			        "Chuyển sang '%s' cần số và ngày quyết định",
			        project_state_label(m->to));
		if ((rc = store_check_text(m->decision_no, DOC_MAX_BYTES,
		             at(f, sizeof f, "moves", i, "decision_no"), "Số quyết định", e)) ||
		        (rc = store_check_text(m->reason, 1000,
		                 at(f, sizeof f, "moves", i, "reason"), "Lý do", e)))
			return rc;
		if (!strcmp(m->to, "approved") && !approved_on[0])
			memcpy(approved_on, day, STORE_DATE_LEN);
		memcpy(last, day, STORE_DATE_LEN);
		from = m->to;
	}
	return 0;
}

/* Whether source is a known funding source, and a state one. */
static int source_kind(Db *db, const char *source, int i, bool *state, Err *e)
{
	char f[48];
	Stmt *st;
	int rc = db_prepare(db, "SELECT is_state FROM funding_source WHERE code = ?", &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, source);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		*state = db_col_int64(st, 0) != 0;
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, at(f, sizeof f, "lines", i, "source"), KC_EINVAL,
		        "Nguồn kinh phí '%s' không có", source ? source : "");
	return rc == DB_ROW ? 0 : rc;
}

static int check_lines(Db *db, const BulkProject *in, bool *state, Err *e)
{
	char f[48];
	if (in->n_lines < 0 || in->n_lines > BULK_MAX_LINES)
		return err_field(e, "lines", KC_EINVAL, "Đề án có quá nhiều dòng kinh phí (%d)",
		        in->n_lines);
	for (int i = 0; i < in->n_lines; i++) {
		const BulkLine *l = &in->lines[i];
		int rc;
		if (empty(l->item))
			return err_field(e, at(f, sizeof f, "lines", i, "item"), KC_EINVAL,
			        "Chưa nhập nội dung chi");
		if ((rc = store_check_text(l->item, ITEM_MAX_BYTES,
		             at(f, sizeof f, "lines", i, "item"), "Nội dung chi", e)) ||
		        (rc = source_kind(db, l->source, i, &state[i], e)))
			return rc;
		if (l->amount < 0)
			return err_field(e, at(f, sizeof f, "lines", i, "amount"), KC_EINVAL,
			        "Kinh phí không được âm");
	}
	return 0;
}

/* Payments on state lines only, after the approval, within each line's
 * approved amount net, recoveries within the advances. */
static int check_payments(const BulkProject *in, const bool *state, const char *approved_on, Err *e)
{
	int64_t net[BULK_MAX_LINES] = {0}, advanced[BULK_MAX_LINES] = {0};
	char f[48], day[STORE_DATE_LEN];
	for (int i = 0; i < in->n_payments; i++) {
		const BulkPayment *p = &in->payments[i];
		int rc;
		if (p->line < 0 || p->line >= in->n_lines)
			return err_field(e, at(f, sizeof f, "payments", i, "line"), KC_EINVAL,
			        "Dòng kinh phí số %d không có", p->line + 1);
		if ((rc = store_check_choice(p->kind, payment_kinds, STORE_COUNT_OF(payment_kinds),
		             at(f, sizeof f, "payments", i, "kind"), "Loại giải ngân", e)) ||
		        (rc = store_check_iso_date(p->paid_on,
		                 at(f, sizeof f, "payments", i, "paid_on"), "ngày giải ngân", day,
		                 e)))
			return rc;
		if (!state[p->line])
			return err_field(e, at(f, sizeof f, "payments", i, "line"), KC_EINVAL,
			        "Dòng kinh phí số %d không thuộc ngân sách nhà nước: không giải ngân",
			        p->line + 1);
		if (!approved_on[0] || strcmp(day, approved_on) < 0)
			return err_field(e, at(f, sizeof f, "payments", i, "paid_on"), KC_EINVAL,
			        "Giải ngân ngày %s trước khi đề án được phê duyệt", day);
		if (p->amount <= 0)
			return err_field(e, at(f, sizeof f, "payments", i, "amount"), KC_EINVAL,
			        "Số tiền giải ngân phải lớn hơn 0");
		bool in_money = !strcmp(p->kind, "advance") || !strcmp(p->kind, "payment");
		net[p->line] += in_money ? p->amount : -p->amount;
		if (!strcmp(p->kind, "advance"))
			advanced[p->line] += p->amount;
		if (!strcmp(p->kind, "advance_recovery") && (advanced[p->line] -= p->amount) < 0)
			return err_field(e, at(f, sizeof f, "payments", i, "amount"), KC_EINVAL,
			        "Thu hồi tạm ứng vượt số đã tạm ứng của dòng kinh phí số %d",
			        p->line + 1);
		if (net[p->line] > in->lines[p->line].amount)
			return err_field(e, at(f, sizeof f, "payments", i, "amount"), KC_EINVAL,
			        "Giải ngân vượt kinh phí được duyệt của dòng kinh phí số %d",
			        p->line + 1);
	}
	return 0;
}

static void bind_id(Stmt *st, int i, int64_t id)
{
	if (id > 0)
		db_bind_int64(st, i, id);
	else
		db_bind_null(st, i);
}

static int insert_moves(Db *db, const Actor *a, int64_t id, const BulkProject *in, Err *e)
{
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO project_event (project_id, from_status, to_status, event_date,"
	        " decision_no, decision_date, actor_org_id, user_id, reason_code, reason, created_at)"
	        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	        &st, e);
	const char *from = "draft";
	for (int i = 0; rc == 0 && i < in->n_moves; i++) {
		const BulkMove *m = &in->moves[i];
		bool doc = !empty(m->decision_no);
		db_reset(st);
		db_bind_int64(st, 1, id);
		db_bind_str(st, 2, from);
		db_bind_str(st, 3, m->to);
		db_bind_str(st, 4, m->date);
		db_bind_str(st, 5, doc ? m->decision_no : NULL);
		db_bind_str(st, 6, doc ? m->date : NULL);
		bind_id(st, 7, m->org_id);
		bind_id(st, 8, a ? a->user_id : 0);
		db_bind_str(st, 9, empty(m->reason_code) ? NULL : m->reason_code);
		db_bind_str(st, 10, empty(m->reason) ? NULL : m->reason);
		db_bind_str(st, 11, now);
		rc = db_run(st, e);
		from = m->to;
	}
	db_done(st);
	return rc;
}

/* The record from 'draft' to its last state, audited as one update. */
static int set_final(Db *db, const Actor *a, int64_t id, const BulkProject *in, Err *e)
{
	if (in->n_moves == 0)
		return 0;
	const BulkMove *last = &in->moves[in->n_moves - 1];
	char now[STORE_TIME_LEN];
	store_now(a, now);
	Buf before;
	buf_init(&before, 1 << 16);
	Stmt *st;
	int rc = store_row_json(db, project_sql, id, &before, e);
	if (rc == 0 && (rc = db_prepare(db,
	                        "UPDATE project SET status = ?, status_date = ?, updated_at = ?,"
	                        " version = version + ? WHERE id = ?",
	                        &st, e)) == 0) {
		db_bind_str(st, 1, last->to);
		db_bind_str(st, 2, last->date);
		db_bind_str(st, 3, now);
		db_bind_int64(st, 4, in->n_moves);
		db_bind_int64(st, 5, id);
		rc = db_run(st, e);
		db_done(st);
	}
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "update", "project", project_sql, id, buf_cstr(&before), e);
	buf_free(&before);
	return rc;
}

static int insert_lines(
        Db *db, const Actor *a, int64_t id, const BulkProject *in, int64_t *line_ids, Err *e)
{
	Stmt *st;
	int rc = 0;
	for (int i = 0; rc == 0 && i < in->n_lines; i++) {
		const BulkLine *l = &in->lines[i];
		if ((rc = db_prepare(db,
		             "INSERT INTO project_cost_line (project_id, source_code, item, planned,"
		             " approved, position) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		             &st, e)))
			break;
		db_bind_int64(st, 1, id);
		db_bind_str(st, 2, l->source);
		db_bind_str(st, 3, l->item);
		db_bind_int64(st, 4, l->amount);
		db_bind_int64(st, 5, l->amount);
		db_bind_int64(st, 6, i + 1);
		rc = db_run_int64(st, &line_ids[i], e);
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(db, a, "insert", "project_cost_line", line_sql,
			        line_ids[i], NULL, e);
	}
	return rc;
}

static int insert_payments(
        Db *db, const Actor *a, int64_t id, const BulkProject *in, const int64_t *line_ids, Err *e)
{
	Stmt *st;
	int rc = 0;
	for (int i = 0; rc == 0 && i < in->n_payments; i++) {
		const BulkPayment *p = &in->payments[i];
		int64_t pid;
		if ((rc = db_prepare(db,
		             "INSERT INTO disbursement (project_id, cost_line_id, kind, paid_on,"
		             " fiscal_year, amount, voucher_no) VALUES (?, ?, ?, ?, ?, ?, ?)"
		             " RETURNING id",
		             &st, e)))
			break;
		int year = (p->paid_on[0] - '0') * 1000 + (p->paid_on[1] - '0') * 100 +
		           (p->paid_on[2] - '0') * 10 + (p->paid_on[3] - '0');
		db_bind_int64(st, 1, id);
		db_bind_int64(st, 2, line_ids[p->line]);
		db_bind_str(st, 3, p->kind);
		db_bind_str(st, 4, p->paid_on);
		db_bind_int64(st, 5, year);
		db_bind_int64(st, 6, p->amount);
		db_bind_str(st, 7, empty(p->voucher_no) ? NULL : p->voucher_no);
		rc = db_run_int64(st, &pid, e);
		db_done(st);
		if (rc == 0)
			rc = store_audit_change(
			        db, a, "insert", "disbursement", payment_sql, pid, NULL, e);
	}
	return rc;
}

static int add_members(Db *db, const Actor *a, int64_t id, const BulkProject *in, Err *e)
{
	int rc = 0;
	for (int i = 0; rc == 0 && i < in->n_beneficiaries; i++)
		rc = store_project_beneficiary_add(db, a, id, in->beneficiaries[i], e);
	for (int i = 0; rc == 0 && i < in->n_outputs; i++) {
		ProjectOutput o = store_output_blank();
		o.project_id = id;
		o.indicator_code = in->outputs[i].indicator;
		o.planned = in->outputs[i].planned;
		o.actual = in->outputs[i].actual;
		rc = store_output_upsert(db, a, &o, e);
	}
	return rc;
}

int store_bulk_project(Db *db, const Actor *a, const BulkProject *in, int64_t *id, Err *e)
{
	char approved_on[STORE_DATE_LEN];
	bool state[BULK_MAX_LINES];
	int64_t line_ids[BULK_MAX_LINES];
	int rc;
	if ((rc = check_moves(a, in, approved_on, e)) || (rc = check_lines(db, in, state, e)) ||
	        (rc = check_payments(in, state, approved_on, e)) || (rc = db_begin(db, e)))
		return rc;
	if ((rc = store_project_create(db, a, &in->p, id, e)) == 0 &&
	        (rc = add_members(db, a, *id, in, e)) == 0 &&
	        (rc = insert_moves(db, a, *id, in, e)) == 0 &&
	        (rc = store_totals_sub(db, *id, e)) == 0 &&
	        (rc = set_final(db, a, *id, in, e)) == 0 &&
	        (rc = insert_lines(db, a, *id, in, line_ids, e)) == 0 &&
	        (rc = insert_payments(db, a, *id, in, line_ids, e)) == 0)
		rc = store_totals_add(db, *id, e);
	return store_finish(db, rc, e);
}
