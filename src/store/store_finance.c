/* store_finance.c — see store_finance.h. */
#include "store/store_finance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/ident.h"
#include "core/money.h"
#include "core/num.h"
#include "core/vntext.h"
#include "store/store_totals.h"

enum {
	ITEM_MAX_BYTES = 300,
	TEXT_MAX_BYTES = 1000,
	VOUCHER_MAX_BYTES = 100,
	RULE_CHAIN_MAX = 8, /* derived rules deeper than this are a data error (or a cycle) */
	MSG_BUF = 512,
};

static const char line_select_sql[] = "SELECT * FROM project_cost_line WHERE id = ?";
static const char disb_select_sql[] = "SELECT * FROM disbursement WHERE id = ?";
static const char invoice_select_sql[] = "SELECT * FROM invoice WHERE id = ?";
/* None of the three has a version: a line's money is checked against its
 * disbursements inside each write's transaction instead. */
static const StoreTable lines = {"project_cost_line", line_select_sql,
        "DELETE FROM project_cost_line WHERE id = ? RETURNING id", "dòng kinh phí"};
static const StoreTable disbursements = {"disbursement", disb_select_sql,
        "DELETE FROM disbursement WHERE id = ? RETURNING id", "khoản giải ngân"};
static const StoreTable invoices = {
        "invoice", invoice_select_sql, "DELETE FROM invoice WHERE id = ? RETURNING id", "hóa đơn"};

/* The net amount of a disbursement: recoveries and refunds count negative. */
#define NET_AMOUNT "CASE WHEN kind IN ('advance', 'payment') THEN amount ELSE -amount END"

/* Net disbursed per line of the disbursements whose column col is the
 * parameter, to LEFT JOIN as d ON d.cost_line_id = l.id. */
#define NET_BY_LINE(col)                                                                           \
	"(SELECT cost_line_id, CAST(SUM(" NET_AMOUNT ") AS BIGINT) AS net FROM disbursement"       \
	" WHERE " col " = ? GROUP BY cost_line_id)"

CostLine store_finance_line_blank(void)
{
	return (CostLine){.rule_id = -1, .eligible_cost = -1, .approved = -1, .allowed = -1};
}

Disbursement store_finance_disbursement_blank(void)
{
	return (Disbursement){.project_id = -1, .cost_line_id = -1};
}

Invoice store_finance_invoice_blank(void)
{
	return (Invoice){.project_id = -1, .cost_line_id = -1};
}

/* ---- Shared helpers -------------------------------------------------------------- */

/* "350.000.000 đồng" into b (emptied first); returns its text. */
static const char *dong(Buf *b, int64_t v)
{
	buf_reset(b);
	money_format(b, v, MONEY_DONG, -1, MONEY_WITH_UNIT);
	return buf_cstr(b);
}

/* What a đề án says about its money: level and place for the rules, status
 * for disbursements, years and eligible window for invoices. */
typedef struct ProjectFacts {
	const char *level, *province_list, *province_code, *status;
	const char *eligible_from, *eligible_to; /* NULL: not recorded */
	int start_year, end_year;
} ProjectFacts;

static int project_read(Db *db, int64_t id, Arena *ar, ProjectFacts *p, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT level, province_list, province_code, status, eligible_from, eligible_to,"
	        " start_year, end_year FROM project WHERE id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		p->level = store_col_text(st, 0, ar);
		p->province_list = store_col_text(st, 1, ar);
		p->province_code = store_col_text(st, 2, ar);
		p->status = store_col_text(st, 3, ar);
		p->eligible_from = store_col_text(st, 4, ar);
		p->eligible_to = store_col_text(st, 5, ar);
		p->start_year = (int)db_col_int64(st, 6);
		p->end_year = (int)db_col_int64(st, 7);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_field(
		        e, "project_id", KC_ENOTFOUND, "Không có đề án số %lld", (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

/* ---- Support rules --------------------------------------------------------------- */

/* A support rule as the cap check needs it; strings in an arena. */
typedef struct Rule {
	int64_t id;
	int64_t rate_x100; /* -1: no rate limit */
	int64_t cap;       /* resolved through base rules; -1: no cap */
	const char *cap_per, *level, *province_list, *province_code;
	const char *valid_from, *valid_to, *label, *kind, *number, *clause;
} Rule;

/* The cap of rule id: its own cap_dong or, for a derived rule, its base
 * rule's cap × multiplier / 100 (a technology line is 1,5 × the machinery
 * cap), rounded half-up at each step; -1 when no rule in the chain has one. */
static int rule_cap(Db *db, int64_t id, int64_t *cap, Err *e)
{
	int64_t mult[RULE_CHAIN_MAX];
	int n = 0, rc = 0;
	*cap = -1;
	for (;;) {
		Stmt *st;
		if ((rc = db_prepare(db,
		             "SELECT cap_dong, base_rule_id, multiplier_x100 FROM support_rule"
		             " WHERE id = ?",
		             &st, e)))
			return rc;
		db_bind_int64(st, 1, id);
		rc = db_step(st, e);
		int64_t own = rc == DB_ROW ? store_col_int(st, 0, -1) : -1;
		int64_t base = rc == DB_ROW ? store_col_int(st, 1, -1) : -1;
		int64_t m = rc == DB_ROW ? store_col_int(st, 2, 100) : 100;
		db_done(st);
		if (rc == DB_DONE)
			return err_field(e, "rule_id", KC_EINVAL,
			        "Không có quy định mức hỗ trợ số %lld", (long long)id);
		if (rc != DB_ROW)
			return rc;
		rc = 0;
		if (own >= 0 || base < 0) {
			*cap = own;
			break;
		}
		if (n == RULE_CHAIN_MAX)
			return err_field(e, "rule_id", KC_EINVAL,
			        "Quy định mức hỗ trợ số %lld dẫn chiếu vòng quanh hoặc quá nhiều tầng",
			        (long long)id);
		mult[n++] = m;
		id = base;
	}
	while (*cap >= 0 && n > 0 && rc == 0)
		rc = num_muldiv_round(*cap, mult[--n], 100, cap, e);
	return rc;
}

static int rule_read(Db *db, int64_t id, Arena *ar, Rule *r, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT r.rate_x100, r.cap_per, r.program_level, r.province_list, r.province_code,"
	        " r.valid_from, r.valid_to, r.label_vi, i.kind, i.number, r.clause"
	        " FROM support_rule r JOIN legal_instrument i ON i.code = r.instrument_code"
	        " WHERE r.id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		r->id = id;
		r->rate_x100 = store_col_int(st, 0, -1);
		const char **text[] = {&r->cap_per, &r->level, &r->province_list, &r->province_code,
		        &r->valid_from, &r->valid_to, &r->label, &r->kind, &r->number, &r->clause};
		for (int i = 0; i < (int)(sizeof text / sizeof text[0]); i++)
			*text[i] = store_col_text(st, i + 1, ar);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "rule_id", KC_EINVAL, "Không có quy định mức hỗ trợ số %lld",
		        (long long)id);
	return rc == DB_ROW ? rule_cap(db, id, &r->cap, e) : rc;
}

/* Whether rule r may be applied to đề án p: in force at some time in the
 * đề án's start year (the budget year its support is planned for), for its
 * programme level and its province (a NULL column matches anything). Places
 * are compared as recorded: a resolution of a province that later merged
 * applies to records kept in that province's list and code. */
static int rule_applies(const Rule *r, const ProjectFacts *p, Err *e)
{
	char first[16], last[16], d[STORE_DATE_LEN];
	snprintf(first, sizeof first, "%04d-01-01", p->start_year);
	snprintf(last, sizeof last, "%04d-12-31", p->start_year);
	int rc = 0;
	if (r->valid_from && strcmp(r->valid_from, last) > 0)
		rc = err_field(e, "rule_id", KC_EINVAL,
		        "Quy định '%s' có hiệu lực từ %s, chưa áp dụng cho đề án năm %d", r->label,
		        store_vn_day(r->valid_from, d), p->start_year);
	else if (r->valid_to && strcmp(r->valid_to, first) < 0)
		rc = err_field(e, "rule_id", KC_EINVAL,
		        "Quy định '%s' hết hiệu lực từ %s, không áp dụng cho đề án năm %d",
		        r->label, store_vn_day(r->valid_to, d), p->start_year);
	else if (r->level && strcmp(r->level, p->level))
		rc = err_field(e, "rule_id", KC_EINVAL,
		        "Quy định '%s' chỉ áp dụng cho khuyến công %s", r->label,
		        strcmp(r->level, "national") ? "địa phương" : "quốc gia");
	else if (r->province_code &&
	         (strcmp(r->province_code, p->province_code) || !r->province_list ||
	                 strcmp(r->province_list, p->province_list)))
		rc = err_field(e, "rule_id", KC_EINVAL,
		        "Quy định '%s' chỉ áp dụng cho tỉnh mã '%s', đề án thuộc tỉnh mã '%s'",
		        r->label, r->province_code, p->province_code);
	return rc;
}

/* "TT 28/2018/TT-BTC": the instrument's short kind before its number,
 * unless the number already starts with it. */
static void rule_source(Buf *b, const Rule *r)
{
	static const char *const abbr[][2] = {{"Thông tư liên tịch", "TTLT"}, {"Thông tư", "TT"},
	        {"Nghị định", "NĐ"}, {"Nghị quyết", "NQ"}, {"Quyết định", "QĐ"}, {"Chỉ thị", "CT"}};
	const char *number = r->number ? r->number : "";
	for (size_t i = 0; r->kind && i < sizeof abbr / sizeof abbr[0]; i++) {
		size_t n = strlen(abbr[i][1]);
		if (!strcmp(r->kind, abbr[i][0]) && strncmp(number, abbr[i][1], n))
			buf_printf(b, "%s ", abbr[i][1]);
	}
	buf_puts(b, number);
	if (r->clause)
		buf_printf(b, " %s", r->clause);
}

/* "tối đa 50% chi phí và không quá 300 triệu đồng/cơ sở". */
static void rule_describe(Buf *b, const Rule *r)
{
	static const char *const per[][2] = {{"model", "mô hình"}, {"establishment", "cơ sở"},
	        {"cluster", "cụm công nghiệp"}, {"enterprise", "doanh nghiệp"}, {"person", "người"},
	        {"event", "sự kiện"}};
	if (r->rate_x100 >= 0) {
		buf_puts(b, "tối đa ");
		num_format_pct(b, r->rate_x100, -1);
		buf_puts(b, " chi phí");
	}
	if (r->cap >= 0) {
		buf_puts(b, r->rate_x100 >= 0 ? " và không quá " : "không quá ");
		money_format(b, r->cap, MONEY_TRIEU, -1, MONEY_WITH_UNIT);
		const char *unit = r->cap_per;
		for (size_t i = 0; unit && i < sizeof per / sizeof per[0]; i++)
			if (!strcmp(unit, per[i][0]))
				unit = per[i][1];
		if (unit)
			buf_printf(b, "/%s", unit);
	}
}

int store_finance_allowed(Db *db, int64_t rule_id, int64_t eligible_cost, int64_t *allowed, Err *e)
{
	int64_t rate = -1, cap = -1, by_rate = -1;
	Stmt *st;
	int rc = db_prepare(db, "SELECT rate_x100 FROM support_rule WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, rule_id);
	if ((rc = db_step(st, e)) == DB_ROW)
		rate = store_col_int(st, 0, -1);
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "rule_id", KC_EINVAL, "Không có quy định mức hỗ trợ số %lld",
		        (long long)rule_id);
	if (rc != DB_ROW || (rc = rule_cap(db, rule_id, &cap, e)))
		return rc;
	if (rate >= 0) {
		if (eligible_cost < 0)
			return err_field(e, "eligible_cost", KC_EINVAL,
			        "Chưa nhập chi phí hợp lệ: mức hỗ trợ tối đa tính theo tỷ lệ của chi phí");
		if ((rc = money_apply_rate(eligible_cost, rate, &by_rate, e)))
			return store_at_field(e, "eligible_cost", rc);
	}
	*allowed = by_rate < 0 ? cap : cap < 0 || by_rate < cap ? by_rate : cap;
	return 0;
}

/* ---- Cost lines ------------------------------------------------------------------ */

/* The support a line asks for: the approved amount once there is one. */
static int64_t line_support(const CostLine *l)
{
	return l->approved >= 0 ? l->approved : l->planned;
}

static const char *support_field(const CostLine *l)
{
	return l->approved >= 0 ? "approved" : "planned";
}

static int cap_warning(const CostLine *in, const Rule *r, int64_t allowed, Err *e)
{
	Buf asked, max, rule;
	buf_init(&asked, 64);
	buf_init(&max, 64);
	buf_init(&rule, MSG_BUF);
	rule_describe(&rule, r);
	buf_puts(&rule, " (");
	rule_source(&rule, r);
	buf_putc(&rule, ')');
	int rc = err_field(e, support_field(in), KC_EWARN,
	        "Kinh phí hỗ trợ %s vượt mức tối đa %s: %s; ghi lý do nếu vẫn lưu",
	        dong(&asked, line_support(in)), dong(&max, allowed), buf_cstr(&rule));
	buf_free(&asked);
	buf_free(&max);
	buf_free(&rule);
	return rc;
}

/* Checks the line's rule against its đề án and, for a state source, the
 * cap: *over says whether the support exceeds it (the reason is then kept). */
static int check_rule(Db *db, const CostLine *in, const ProjectFacts *p, bool is_state, bool *over,
        Arena *ar, Err *e)
{
	Rule r;
	int64_t allowed;
	*over = false;
	if (in->rule_id < 0)
		return 0;
	int rc = rule_read(db, in->rule_id, ar, &r, e);
	if (rc || (rc = rule_applies(&r, p, e)) || !is_state)
		return rc;
	if ((rc = store_finance_allowed(db, in->rule_id, in->eligible_cost, &allowed, e)) ||
	        allowed < 0 || line_support(in) <= allowed)
		return rc;
	*over = true;
	return store_has_text(in->cap_override) ? 0 : cap_warning(in, &r, allowed, e);
}

static int check_line_fields(const CostLine *in, Err *e)
{
	int rc;
	if (!store_has_text(in->item))
		return err_field(e, "item", KC_EINVAL, "Chưa nhập nội dung chi");
	if ((rc = store_check_text(in->item, ITEM_MAX_BYTES, "item", "Nội dung chi", e)) ||
	        (rc = store_check_text(in->cap_override, TEXT_MAX_BYTES, "cap_override",
	                 "Lý do vượt mức hỗ trợ", e)))
		return rc;
	if (in->eligible_cost < -1)
		return err_field(e, "eligible_cost", KC_EINVAL, "Chi phí không được âm");
	if (in->planned < 0)
		return err_field(e, "planned", KC_EINVAL, "Kinh phí dự kiến không được âm");
	if (in->approved < -1)
		return err_field(e, "approved", KC_EINVAL, "Kinh phí được duyệt không được âm");
	return 0;
}

/* Whether funding source code is a state budget; KC_EINVAL if there is none. */
static int source_is_state(Db *db, const char *code, bool *is_state, Err *e)
{
	Stmt *st;
	int64_t v = 0;
	int rc = code ? db_prepare(db, "SELECT is_state FROM funding_source WHERE code = ?", &st, e)
	              : KC_ENOTFOUND;
	if (code && rc == 0) {
		db_bind_str(st, 1, code);
		rc = db_run_int64(st, &v, e);
		db_done(st);
	}
	if (rc == KC_ENOTFOUND) {
		char q[VN_QUOTE_MAX];
		const char *s = code ? code : "";
		return err_field(e, "source_code", KC_EINVAL, "Nguồn kinh phí '%s' không có",
		        vn_quote(q, sizeof q, s, strlen(s)));
	}
	*is_state = v != 0;
	return rc;
}

/* Validates a line of đề án project_id; *over says whether its support
 * exceeds the cap of its rule (with a reason, or this returns KC_EWARN). */
static int validate_line(Db *db, const CostLine *in, int64_t project_id, bool *over, Err *e)
{
	Arena ar = {0};
	ProjectFacts p;
	bool is_state = false;
	int rc = check_line_fields(in, e);
	if (rc == 0 && (rc = project_read(db, project_id, &ar, &p, e)) == 0 &&
	        (rc = source_is_state(db, in->source_code, &is_state, e)) == 0)
		rc = check_rule(db, in, &p, is_state, over, &ar, e);
	arena_free(&ar);
	return rc;
}

/* Binds source_code .. cap_override, position as parameters 1..8. */
static void bind_line(Stmt *st, const CostLine *in, bool over)
{
	db_bind_str(st, 1, in->source_code);
	db_bind_str(st, 2, in->item);
	store_bind_opt(st, 3, in->rule_id, -1);
	store_bind_opt(st, 4, in->eligible_cost, -1);
	db_bind_int64(st, 5, in->planned);
	store_bind_opt(st, 6, in->approved, -1);
	/* A reason is kept only while the cap is exceeded: reports count overrides. */
	db_bind_str(st, 7, over ? in->cap_override : NULL);
	db_bind_int64(st, 8, in->position);
}

int store_finance_line_add(Db *db, const Actor *a, const CostLine *in, int64_t *id, Err *e)
{
	bool over = false;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = validate_line(db, in, in->project_id, &over, e)) == 0 &&
	        (rc = store_totals_sub(db, in->project_id, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO project_cost_line (source_code, item, rule_id, eligible_cost,"
	                 " planned, approved, cap_override, position, project_id)"
	                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0) {
		bind_line(st, in, over);
		db_bind_int64(st, 9, in->project_id);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_totals_add(db, in->project_id, e);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", "project_cost_line", line_select_sql, *id, NULL, e);
	return store_finish(db, rc, e);
}

/* What the disbursements of a line add up to, by kind. */
typedef struct LineMoney {
	int64_t advances, payments, recoveries, refunds;
} LineMoney;

static int line_money(Db *db, int64_t line_id, LineMoney *m, Err *e)
{
	*m = (LineMoney){0};
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT kind, CAST(SUM(amount) AS BIGINT) FROM disbursement WHERE cost_line_id = ?"
	        " GROUP BY kind",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, line_id);
	while ((rc = db_step(st, e)) == DB_ROW) {
		const char *k = db_col_text(st, 0);
		int64_t v = db_col_int64(st, 1);
		if (!strcmp(k, "advance"))
			m->advances = v;
		else if (!strcmp(k, "payment"))
			m->payments = v;
		else if (!strcmp(k, "advance_recovery"))
			m->recoveries = v;
		else
			m->refunds = v;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* advances + payments − recoveries − refunds. */
static int line_net(const LineMoney *m, int64_t *net, Err *e)
{
	int rc = money_add(m->advances, m->payments, net, e);
	if (rc == 0)
		rc = money_sub(*net, m->recoveries, net, e);
	if (rc == 0)
		rc = money_sub(*net, m->refunds, net, e);
	return rc;
}

/* An update may not leave less support than was paid out, nor move money
 * already paid from one source to another. */
static int check_line_change(Db *db, const CostLine *in, const char *old_source, Err *e)
{
	LineMoney m;
	int64_t net = 0;
	int rc = line_money(db, in->id, &m, e);
	if (rc || (rc = line_net(&m, &net, e)))
		return rc;
	bool paid = m.advances || m.payments || m.recoveries || m.refunds;
	if (paid && strcmp(old_source, in->source_code ? in->source_code : ""))
		return err_field(e, "source_code", KC_ECONFLICT,
		        "Không đổi được nguồn kinh phí của dòng đã có giải ngân; xóa các khoản giải"
		        " ngân trước");
	if (line_support(in) < net) {
		Buf a, b;
		buf_init(&a, 64);
		buf_init(&b, 64);
		rc = err_field(e, support_field(in), KC_EINVAL,
		        "Kinh phí %s ít hơn số đã giải ngân %s", dong(&a, line_support(in)),
		        dong(&b, net));
		buf_free(&a);
		buf_free(&b);
	}
	return rc;
}

/* Reads the project and source of line id; KC_ENOTFOUND if it is gone. */
static int line_owner(Db *db, int64_t id, int64_t *project_id, Buf *source, Err *e)
{
	Stmt *st;
	int rc = db_prepare(
	        db, "SELECT project_id, source_code FROM project_cost_line WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		*project_id = db_col_int64(st, 0);
		buf_puts(source, db_col_text(st, 1));
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có dòng kinh phí số %lld", (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

int store_finance_line_update(Db *db, const Actor *a, const CostLine *in, Err *e)
{
	Buf before, source;
	buf_init(&before, 1 << 16);
	buf_init(&source, 256);
	int64_t project_id = -1;
	bool over = false;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc == 0) {
		if ((rc = line_owner(db, in->id, &project_id, &source, e)) == 0 &&
		        (rc = store_row_json(db, line_select_sql, in->id, &before, e)) == 0 &&
		        (rc = validate_line(db, in, project_id, &over, e)) == 0 &&
		        (rc = check_line_change(db, in, buf_cstr(&source), e)) == 0 &&
		        (rc = store_totals_sub(db, project_id, e)) == 0 &&
		        (rc = db_prepare(db,
		                 "UPDATE project_cost_line SET source_code = ?, item = ?, rule_id = ?,"
		                 " eligible_cost = ?, planned = ?, approved = ?, cap_override = ?,"
		                 " position = ? WHERE id = ? RETURNING id",
		                 &st, e)) == 0) {
			bind_line(st, in, over);
			db_bind_int64(st, 9, in->id);
			rc = db_run_int64(st, NULL, e);
		}
		db_done(st);
		if (rc == 0)
			rc = store_totals_add(db, project_id, e);
		if (rc == 0)
			rc = store_audit_change(db, a, "update", "project_cost_line",
			        line_select_sql, in->id, buf_cstr(&before), e);
		rc = store_finish(db, rc, e);
	}
	buf_free(&before);
	buf_free(&source);
	return rc;
}

/* store_delete of a row of a đề án (owner_sql reads its id), with the
 * đề án's totals moved in the same transaction. A row already gone is
 * left to store_delete to report. */
static int delete_in_project(Db *db, const Actor *a, const StoreTable *t, const char *owner_sql,
        int64_t id, const StoreUse *uses, size_t n_uses, Err *e)
{
	int64_t project_id = -1;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = store_scalar(db, owner_sql, id, &project_id, e)) == KC_ENOTFOUND) {
		err_clear(e);
		rc = 0;
	}
	if (rc == 0 && (rc = store_totals_sub(db, project_id, e)) == 0 &&
	        (rc = store_delete(db, a, t, id, -1, uses, n_uses, e)) == 0)
		rc = store_totals_add(db, project_id, e);
	return store_finish(db, rc, e);
}

int store_finance_line_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	static const StoreUse uses[] = {
	        {"SELECT COUNT(*) FROM disbursement WHERE cost_line_id = ?", "còn khoản giải ngân"},
	        {"SELECT COUNT(*) FROM invoice WHERE cost_line_id = ?", "còn hóa đơn"},
	};
	return delete_in_project(db, a, &lines,
	        "SELECT project_id FROM project_cost_line WHERE id = ?", id, uses,
	        STORE_COUNT_OF(uses), e);
}

#define LINE_COLUMNS                                                                               \
	"l.id, l.project_id, l.source_code, l.item, l.rule_id, l.eligible_cost, l.planned,"        \
	" l.approved, l.cap_override, l.position, COALESCE(d.net, 0), f.is_state"

/* Reads a row selected as LINE_COLUMNS; the cap is filled in afterwards. */
static bool read_line(Stmt *st, Arena *ar, CostLine *o)
{
	*o = store_finance_line_blank();
	o->id = db_col_int64(st, 0);
	o->project_id = db_col_int64(st, 1);
	o->source_code = store_col_text(st, 2, ar);
	o->item = store_col_text(st, 3, ar);
	o->rule_id = store_col_int(st, 4, -1);
	o->eligible_cost = store_col_int(st, 5, -1);
	o->planned = db_col_int64(st, 6);
	o->approved = store_col_int(st, 7, -1);
	o->cap_override = store_col_text(st, 8, ar);
	o->position = (int)db_col_int64(st, 9);
	o->disbursed = db_col_int64(st, 10);
	return db_col_int64(st, 11) != 0;
}

/* The cap shown beside a line. A rule edited after the line was saved may
 * no longer compute (a rate but no eligible cost): show no cap then rather
 * than fail a read. */
static void fill_allowed(Db *db, CostLine *l, bool is_state)
{
	if (!is_state || l->rule_id < 0 ||
	        store_finance_allowed(db, l->rule_id, l->eligible_cost, &l->allowed, NULL))
		l->allowed = -1;
}

int store_finance_line_list(Db *db, int64_t project_id, Arena *arena, CostLineList *out, Err *e)
{
	*out = (CostLineList){0};
	int64_t n = 0;
	int rc = store_scalar(db, "SELECT COUNT(*) FROM project_cost_line WHERE project_id = ?",
	        project_id, &n, e);
	Stmt *st;
	if (rc ||
	        (rc = db_prepare(db,
	                 "SELECT " LINE_COLUMNS " FROM project_cost_line l"
	                 " JOIN funding_source f ON f.code = l.source_code"
	                 " LEFT JOIN " NET_BY_LINE(
	                         "project_id") " d ON d.cost_line_id = l.id"
	                                       " WHERE l.project_id = ? ORDER BY l.position, l.id",
	                 &st, e)))
		return rc;
	db_bind_int64(st, 1, project_id);
	db_bind_int64(st, 2, project_id);
	out->v = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *out->v);
	bool *state = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *state);
	while (out->n < n && (rc = db_step(st, e)) == DB_ROW) {
		state[out->n] = read_line(st, arena, &out->v[out->n]);
		out->n++;
	}
	db_done(st);
	for (int i = 0; i < out->n; i++)
		fill_allowed(db, &out->v[i], state[i]);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_finance_line_get(Db *db, int64_t id, Arena *arena, CostLine *out, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT " LINE_COLUMNS " FROM project_cost_line l"
	        " JOIN funding_source f ON f.code = l.source_code"
	        " LEFT JOIN " NET_BY_LINE("cost_line_id") " d ON d.cost_line_id = l.id"
	                                                  " WHERE l.id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	db_bind_int64(st, 2, id);
	bool is_state = false;
	if ((rc = db_step(st, e)) == DB_ROW)
		is_state = read_line(st, arena, out);
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có dòng kinh phí số %lld", (long long)id);
	if (rc != DB_ROW)
		return rc;
	fill_allowed(db, out, is_state);
	return 0;
}

/* ---- Disbursements --------------------------------------------------------------- */

static const StoreChoice kinds[] = {{"advance"}, {"payment"}, {"advance_recovery"}, {"refund"}};

/* Vietnamese names of the đề án states (DOMAIN §1.4, §3.5), for messages. */
static const char *const statuses[][2] = {{"draft", "Dự thảo"}, {"registered", "Đã đăng ký"},
        {"appraised_basic", "Đã thẩm định cơ sở"}, {"appraised", "Đã thẩm định"},
        {"approved", "Đã phê duyệt"}, {"assigned", "Đã giao kế hoạch"},
        {"not_funded", "Không được bố trí kinh phí"}, {"contracted", "Đã ký hợp đồng"},
        {"in_progress", "Đang thực hiện"}, {"carried_over", "Chuyển sang năm sau"},
        {"accepted", "Đã nghiệm thu"}, {"settled", "Đã thanh lý, quyết toán"},
        {"closed", "Đã kết thúc"}, {"terminated", "Ngừng thực hiện"}};

static const char *status_label(const char *status)
{
	for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++)
		if (!strcmp(status, statuses[i][0]))
			return statuses[i][1];
	return status;
}

static bool returns_money(const char *kind)
{
	return !strcmp(kind, "advance_recovery") || !strcmp(kind, "refund");
}

/* Money moves only while a đề án runs: from the contract to acceptance. */
static int check_status(const char *status, const char *kind, Err *e)
{
	static const StoreChoice open[] = {
	        {"contracted"}, {"in_progress"}, {"carried_over"}, {"accepted"}};
	if (store_choice_index(open, STORE_COUNT_OF(open), status) >= 0)
		return 0;
	/* A stopped đề án must still take back what it advanced (DOMAIN §3.1 step 10). */
	if (!strcmp(status, "terminated") && returns_money(kind))
		return 0;
	return err_set(e, KC_EDENIED,
	        "Đề án đang ở trạng thái '%s': chỉ ghi giải ngân khi đề án đã ký hợp đồng, đang"
	        " thực hiện, chuyển sang năm sau hoặc đã nghiệm thu",
	        status_label(status));
}

/* Validated fields of a disbursement: its date and fiscal year. */
typedef struct DisbClean {
	char paid_on[STORE_DATE_LEN];
	int fiscal_year;
} DisbClean;

static int check_disb_year(const Disbursement *in, DisbClean *c, Err *e)
{
	Date d;
	int y;
	int rc = date_parse(c->paid_on, 10, &d, e);
	if (rc)
		return store_at_field(e, "paid_on", rc);
	date_to_ymd(d, &y, NULL, NULL);
	c->fiscal_year = in->fiscal_year ? in->fiscal_year : y;
	/* Payments early in year N+1 may still settle year N's budget (the
	 * year-end adjustment period, DOMAIN §4.3); nothing else is plausible. */
	if (c->fiscal_year != y && c->fiscal_year != y - 1)
		return err_field(e, "fiscal_year", KC_EINVAL,
		        "Năm ngân sách %d không khớp ngày giải ngân: chỉ được là năm %d hoặc %d",
		        c->fiscal_year, y, y - 1);
	return 0;
}

static int check_disbursement(const Disbursement *in, DisbClean *c, Err *e)
{
	if (store_choice_index(kinds, STORE_COUNT_OF(kinds), in->kind) < 0) {
		char q[VN_QUOTE_MAX];
		const char *k = in->kind ? in->kind : "";
		return err_field(e, "kind", KC_EINVAL,
		        "Loại giải ngân '%s' không có; chọn tạm ứng, thanh toán, thu hồi tạm ứng"
		        " hoặc nộp trả",
		        vn_quote(q, sizeof q, k, strlen(k)));
	}
	int rc = store_check_iso_date(in->paid_on, "paid_on", "ngày giải ngân", c->paid_on, e);
	if (rc || (rc = check_disb_year(in, c, e)))
		return rc;
	if (in->amount <= 0)
		return err_field(e, "amount", KC_EINVAL, "Số tiền giải ngân phải lớn hơn 0");
	if ((rc = store_check_text(
	             in->voucher_no, VOUCHER_MAX_BYTES, "voucher_no", "Số chứng từ", e)) ||
	        (rc = store_check_text(in->note, TEXT_MAX_BYTES, "note", "Ghi chú", e)))
		return rc;
	return 0;
}

/* A line as a disbursement sees it: its đề án, source and support. */
typedef struct LineInfo {
	int64_t project_id;
	const char *source_label;
	bool is_state;
	bool approved;
	int64_t limit; /* the approved support, or the planned one before approval */
} LineInfo;

static int line_info(Db *db, int64_t id, Arena *ar, LineInfo *l, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT l.project_id, f.label_vi, f.is_state, l.planned, l.approved"
	        " FROM project_cost_line l JOIN funding_source f ON f.code = l.source_code"
	        " WHERE l.id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		l->project_id = db_col_int64(st, 0);
		l->source_label = store_col_text(st, 1, ar);
		l->is_state = db_col_int64(st, 2) != 0;
		l->approved = !db_col_null(st, 4);
		l->limit = db_col_int64(st, l->approved ? 4 : 3);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_field(e, "cost_line_id", KC_EINVAL, "Không có dòng kinh phí số %lld",
		        (long long)id);
	return rc == DB_ROW ? 0 : rc;
}

/* The line's money with amount of kind added (sign 1) or taken away (-1). */
static int line_money_with(
        const LineMoney *m, const char *kind, int64_t amount, int sign, LineMoney *out, Err *e)
{
	*out = *m;
	int64_t *slot = !strcmp(kind, "advance")            ? &out->advances
	                : !strcmp(kind, "payment")          ? &out->payments
	                : !strcmp(kind, "advance_recovery") ? &out->recoveries
	                                                    : &out->refunds;
	return sign > 0 ? money_add(*slot, amount, slot, e) : money_sub(*slot, amount, slot, e);
}

/* Checks a new event against the line: the net stays within the support,
 * a recovery within the advances outstanding, a refund within the net. */
static int check_add(const LineInfo *l, const LineMoney *m, const Disbursement *in, Err *e)
{
	LineMoney after;
	int64_t net = 0, net_after = 0;
	int rc = line_money_with(m, in->kind, in->amount, 1, &after, e);
	if (rc || (rc = line_net(m, &net, e)) || (rc = line_net(&after, &net_after, e)))
		return store_at_field(e, "amount", rc);
	Buf x, y;
	buf_init(&x, 64);
	buf_init(&y, 64);
	const char *what = l->approved ? "được duyệt" : "dự kiến";
	if (after.recoveries > after.advances)
		rc = err_field(e, "amount", KC_EINVAL,
		        "Thu hồi tạm ứng vượt số tạm ứng chưa thu hồi: đã tạm ứng %s, đã thu hồi %s",
		        dong(&x, m->advances), dong(&y, m->recoveries));
	else if (net_after < 0)
		rc = err_field(e, "amount", KC_EINVAL, "Số nộp trả vượt số đã giải ngân %s",
		        dong(&x, net));
	else if (net_after > l->limit)
		rc = err_field(e, "amount", KC_EINVAL,
		        "Giải ngân vượt kinh phí %s của nguồn %s: đã giải ngân %s, %s %s", what,
		        l->source_label, dong(&x, net), what, dong(&y, l->limit));
	buf_free(&x);
	buf_free(&y);
	return rc;
}

/* Checks that removing an event leaves the line consistent: an advance
 * already recovered, or a payment already refunded, cannot go first. */
static int check_remove(
        const LineInfo *l, const LineMoney *m, const char *kind, int64_t amount, Err *e)
{
	LineMoney after;
	int64_t net_after = 0;
	int rc = line_money_with(m, kind, amount, -1, &after, e);
	if (rc || (rc = line_net(&after, &net_after, e)))
		return rc;
	Buf x;
	buf_init(&x, 64);
	if (after.recoveries > after.advances)
		rc = err_set(e, KC_ECONFLICT,
		        "Không xóa được khoản tạm ứng: đã thu hồi %s, nhiều hơn số tạm ứng còn lại;"
		        " xóa khoản thu hồi trước",
		        dong(&x, after.recoveries));
	else if (net_after < 0)
		rc = err_set(e, KC_ECONFLICT,
		        "Không xóa được: số đã nộp trả %s sẽ nhiều hơn số đã giải ngân; xóa khoản"
		        " nộp trả trước",
		        dong(&x, after.refunds));
	else if (net_after > l->limit)
		rc = err_set(e, KC_ECONFLICT,
		        "Không xóa được: số đã giải ngân sẽ là %s, vượt kinh phí của nguồn %s",
		        dong(&x, net_after), l->source_label);
	buf_free(&x);
	return rc;
}

/* Everything a new disbursement is checked against, read inside the
 * transaction that writes it so two officers cannot both pay the last đồng. */
static int check_against_line(Db *db, const Disbursement *in, Arena *ar, LineInfo *l, Err *e)
{
	ProjectFacts p;
	LineMoney m;
	int rc = line_info(db, in->cost_line_id, ar, l, e);
	if (rc == 0 && !l->is_state)
		return err_field(e, "cost_line_id", KC_EINVAL,
		        "Dòng kinh phí số %lld thuộc nguồn '%s', không phải ngân sách nhà nước: không"
		        " ghi giải ngân",
		        (long long)in->cost_line_id, l->source_label);
	if (rc == 0 && (rc = project_read(db, l->project_id, ar, &p, e)) == 0 &&
	        (rc = check_status(p.status, in->kind, e)) == 0 &&
	        (rc = line_money(db, in->cost_line_id, &m, e)) == 0)
		rc = check_add(l, &m, in, e);
	return rc;
}

int store_finance_disbursement_add(
        Db *db, const Actor *a, const Disbursement *in, int64_t *id, Err *e)
{
	DisbClean c;
	Arena ar = {0};
	LineInfo l;
	Stmt *st = NULL;
	int rc = check_disbursement(in, &c, e);
	if (rc || (rc = db_begin(db, e)))
		return rc;
	if ((rc = check_against_line(db, in, &ar, &l, e)) == 0 &&
	        (rc = store_totals_sub(db, l.project_id, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO disbursement (project_id, cost_line_id, kind, paid_on,"
	                 " fiscal_year, amount, voucher_no, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
	                 " RETURNING id",
	                 &st, e)) == 0) {
		db_bind_int64(st, 1, l.project_id);
		db_bind_int64(st, 2, in->cost_line_id);
		db_bind_str(st, 3, in->kind);
		db_bind_str(st, 4, c.paid_on);
		db_bind_int64(st, 5, c.fiscal_year);
		db_bind_int64(st, 6, in->amount);
		db_bind_str(st, 7, in->voucher_no);
		db_bind_str(st, 8, in->note);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_totals_add(db, l.project_id, e);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", "disbursement", disb_select_sql, *id, NULL, e);
	arena_free(&ar);
	return store_finish(db, rc, e);
}

/* Checks that disbursement id may go: its đề án's state and its line. */
static int check_disb_delete(Db *db, int64_t id, Arena *ar, Err *e)
{
	Stmt *st;
	int64_t line_id = -1, amount = 0;
	const char *kind = NULL;
	int rc = db_prepare(
	        db, "SELECT cost_line_id, kind, amount FROM disbursement WHERE id = ?", &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, id);
	if ((rc = db_step(st, e)) == DB_ROW) {
		line_id = db_col_int64(st, 0);
		kind = store_col_text(st, 1, ar);
		amount = db_col_int64(st, 2);
	}
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có khoản giải ngân số %lld", (long long)id);
	if (rc != DB_ROW)
		return rc;
	LineInfo l;
	ProjectFacts p;
	LineMoney m;
	if ((rc = line_info(db, line_id, ar, &l, e)) == 0 &&
	        (rc = project_read(db, l.project_id, ar, &p, e)) == 0 &&
	        (rc = check_status(p.status, kind, e)) == 0 &&
	        (rc = line_money(db, line_id, &m, e)) == 0)
		rc = check_remove(&l, &m, kind, amount, e);
	return rc;
}

int store_finance_disbursement_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	Arena ar = {0};
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	/* Checked and deleted in one transaction, so that the line cannot change
	 * in between. */
	if ((rc = check_disb_delete(db, id, &ar, e)) == 0)
		rc = delete_in_project(db, a, &disbursements,
		        "SELECT project_id FROM disbursement WHERE id = ?", id, NULL, 0, e);
	arena_free(&ar);
	return store_finish(db, rc, e);
}

int store_finance_disbursement_list(
        Db *db, int64_t project_id, Arena *arena, DisbursementList *out, Err *e)
{
	*out = (DisbursementList){0};
	int64_t n = 0;
	Stmt *st;
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM disbursement WHERE project_id = ?", project_id, &n, e);
	if (rc ||
	        (rc = db_prepare(db,
	                 "SELECT id, project_id, cost_line_id, kind, paid_on, fiscal_year, amount,"
	                 " voucher_no, note FROM disbursement WHERE project_id = ?"
	                 " ORDER BY paid_on, id",
	                 &st, e)))
		return rc;
	db_bind_int64(st, 1, project_id);
	out->v = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *out->v);
	while (out->n < n && (rc = db_step(st, e)) == DB_ROW) {
		Disbursement *d = &out->v[out->n++];
		d->id = db_col_int64(st, 0);
		d->project_id = db_col_int64(st, 1);
		d->cost_line_id = db_col_int64(st, 2);
		d->kind = store_col_text(st, 3, arena);
		d->paid_on = store_col_text(st, 4, arena);
		d->fiscal_year = (int)db_col_int64(st, 5);
		d->amount = db_col_int64(st, 6);
		d->voucher_no = store_col_text(st, 7, arena);
		d->note = store_col_text(st, 8, arena);
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* ---- Totals ---------------------------------------------------------------------- */

/* Adds one source's figures (assigned: approved, else planned) to the totals. */
static int add_source(FinanceTotals *t, const SourceTotal *s, int64_t assigned, Err *e)
{
	int rc;
	if (s->is_state) {
		if ((rc = money_add(t->state_support, assigned, &t->state_support, e)) ||
		        (rc = money_add(t->disbursed, s->disbursed, &t->disbursed, e)))
			return rc;
	} else if (!strcmp(s->source_code, "counterpart")) {
		if ((rc = money_add(t->counterpart, assigned, &t->counterpart, e)))
			return rc;
	} else if ((rc = money_add(t->other, assigned, &t->other, e))) {
		return rc;
	}
	return money_add(t->total_cost, assigned, &t->total_cost, e);
}

int store_finance_totals(Db *db, int64_t project_id, Arena *arena, FinanceTotals *out, Err *e)
{
	*out = (FinanceTotals){.rate_x100 = -1};
	Arena tmp = {0};
	ProjectFacts p;
	int64_t n = 0;
	Stmt *st;
	int rc = project_read(db, project_id, &tmp, &p, e);
	arena_free(&tmp);
	if (rc || (rc = store_scalar(db,
	                   "SELECT COUNT(DISTINCT source_code) FROM project_cost_line"
	                   " WHERE project_id = ?",
	                   project_id, &n, e)))
		return rc;
	if ((rc = db_prepare(db,
	             "SELECT f.code, f.label_vi, f.is_state, CAST(SUM(l.planned) AS BIGINT),"
	             " CAST(SUM(l.approved) AS BIGINT),"
	             " CAST(SUM(COALESCE(l.approved, l.planned)) AS BIGINT),"
	             " CAST(SUM(COALESCE(d.net, 0)) AS BIGINT)"
	             " FROM project_cost_line l JOIN funding_source f ON f.code = l.source_code"
	             " LEFT JOIN " NET_BY_LINE(
	                     "project_id") " d ON d.cost_line_id = l.id"
	                                   " WHERE l.project_id = ? GROUP BY f.code, f.label_vi, f.is_state, f.position"
	                                   " ORDER BY f.position, f.code",
	             &st, e)))
		return rc;
	db_bind_int64(st, 1, project_id);
	db_bind_int64(st, 2, project_id);
	out->v = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *out->v);
	while (rc == 0 && out->n < n && (rc = db_step(st, e)) == DB_ROW) {
		SourceTotal *s = &out->v[out->n++];
		s->source_code = store_col_text(st, 0, arena);
		s->label_vi = store_col_text(st, 1, arena);
		s->is_state = db_col_int64(st, 2) != 0;
		s->planned = db_col_int64(st, 3);
		s->approved = store_col_int(st, 4, -1);
		s->disbursed = db_col_int64(st, 6);
		rc = add_source(out, s, db_col_int64(st, 5), e);
	}
	db_done(st);
	if (rc != 0 && rc != DB_ROW && rc != DB_DONE)
		return rc;
	return out->state_support > 0
	               ? num_pct_x100(out->disbursed, out->state_support, &out->rate_x100, e)
	               : 0;
}

/* ---- Invoices -------------------------------------------------------------------- */

/* Validated fields of an invoice: its date and the supplier's tax code. */
typedef struct InvoiceClean {
	char issued_on[STORE_DATE_LEN];
	char tax_code[24];
} InvoiceClean;

static int check_invoice_line(Db *db, const Invoice *in, Err *e)
{
	Arena ar = {0};
	ProjectFacts p;
	int64_t owner = -1;
	int rc = project_read(db, in->project_id, &ar, &p, e);
	arena_free(&ar);
	if (rc || in->cost_line_id < 0)
		return rc;
	rc = store_scalar(db, "SELECT project_id FROM project_cost_line WHERE id = ?",
	        in->cost_line_id, &owner, e);
	if (rc == KC_ENOTFOUND || (rc == 0 && owner != in->project_id))
		return err_field(e, "cost_line_id", KC_EINVAL,
		        "Dòng kinh phí số %lld không thuộc đề án số %lld",
		        (long long)in->cost_line_id, (long long)in->project_id);
	return rc;
}

static int check_invoice(Db *db, const Invoice *in, InvoiceClean *c, Err *e)
{
	int rc = store_check_iso_date(in->issued_on, "issued_on", "ngày hóa đơn", c->issued_on, e);
	if (rc)
		return rc;
	if (in->amount <= 0)
		return err_field(e, "amount", KC_EINVAL, "Số tiền hóa đơn phải lớn hơn 0");
	if ((rc = store_check_text(in->number, VOUCHER_MAX_BYTES, "number", "Số hóa đơn", e)) ||
	        (rc = store_check_text(in->supplier, ITEM_MAX_BYTES, "supplier", "Người bán", e)))
		return rc;
	c->tax_code[0] = '\0';
	if (store_has_text(in->tax_code)) {
		const char *s = in->tax_code;
		size_t n = strlen(s);
		if ((rc = ident_tax_code(s, n, e)))
			return store_at_field(e, "tax_code", rc);
		ident_trim(&s, &n);
		snprintf(c->tax_code, sizeof c->tax_code, "%.*s", (int)n, s);
	}
	return check_invoice_line(db, in, e);
}

int store_finance_invoice_add(Db *db, const Actor *a, const Invoice *in, int64_t *id, Err *e)
{
	InvoiceClean c;
	Stmt *st = NULL;
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	if ((rc = check_invoice(db, in, &c, e)) == 0 &&
	        (rc = store_totals_sub(db, in->project_id, e)) == 0 &&
	        (rc = db_prepare(db,
	                 "INSERT INTO invoice (project_id, cost_line_id, number, issued_on, amount,"
	                 " supplier, tax_code) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
	                 &st, e)) == 0) {
		db_bind_int64(st, 1, in->project_id);
		store_bind_opt(st, 2, in->cost_line_id, -1);
		db_bind_str(st, 3, in->number);
		db_bind_str(st, 4, c.issued_on);
		db_bind_int64(st, 5, in->amount);
		db_bind_str(st, 6, in->supplier);
		db_bind_str(st, 7, c.tax_code[0] ? c.tax_code : NULL);
		rc = db_run_int64(st, id, e);
	}
	db_done(st);
	if (rc == 0)
		rc = store_totals_add(db, in->project_id, e);
	if (rc == 0)
		rc = store_audit_change(
		        db, a, "insert", "invoice", invoice_select_sql, *id, NULL, e);
	return store_finish(db, rc, e);
}

int store_finance_invoice_delete(Db *db, const Actor *a, int64_t id, Err *e)
{
	return delete_in_project(
	        db, a, &invoices, "SELECT project_id FROM invoice WHERE id = ?", id, NULL, 0, e);
}

static void read_invoice(Stmt *st, Arena *ar, Invoice *o)
{
	o->id = db_col_int64(st, 0);
	o->project_id = db_col_int64(st, 1);
	o->cost_line_id = store_col_int(st, 2, -1);
	o->number = store_col_text(st, 3, ar);
	o->issued_on = store_col_text(st, 4, ar);
	o->amount = db_col_int64(st, 5);
	o->supplier = store_col_text(st, 6, ar);
	o->tax_code = store_col_text(st, 7, ar);
}

/* Reads the invoices of a đề án dated before from or after to (both
 * 'YYYY-MM-DD'; pass "0000-00-00" and "9999-99-99" for all of them). */
static int invoices_outside(Db *db, int64_t project_id, const char *from, const char *to,
        Arena *arena, InvoiceList *out, Err *e)
{
	*out = (InvoiceList){0};
	int64_t n = 0;
	Stmt *st;
	int rc = store_scalar(
	        db, "SELECT COUNT(*) FROM invoice WHERE project_id = ?", project_id, &n, e);
	if (rc || (rc = db_prepare(db,
	                   "SELECT id, project_id, cost_line_id, number, issued_on, amount,"
	                   " supplier, tax_code FROM invoice WHERE project_id = ?"
	                   " AND (issued_on < ? OR issued_on > ?) ORDER BY issued_on, id",
	                   &st, e)))
		return rc;
	db_bind_int64(st, 1, project_id);
	db_bind_str(st, 2, from);
	db_bind_str(st, 3, to);
	out->v = arena_alloc(arena, (size_t)(n ? n : 1) * sizeof *out->v);
	while (out->n < n && (rc = db_step(st, e)) == DB_ROW)
		read_invoice(st, arena, &out->v[out->n++]);
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_finance_invoice_list(Db *db, int64_t project_id, Arena *arena, InvoiceList *out, Err *e)
{
	/* Every stored date lies strictly between these two. */
	return invoices_outside(db, project_id, "9999-99-99", "0000-00-00", arena, out, e);
}

/* Why an invoice dated issued lies outside the window [from, to] of p. */
static const char *risk_reason(
        Arena *ar, const ProjectFacts *p, const char *from, const char *issued)
{
	Buf b;
	buf_init(&b, MSG_BUF);
	char d1[STORE_DATE_LEN], d2[STORE_DATE_LEN];
	store_vn_day(issued, d1);
	if (strcmp(issued, from) < 0 && p->eligible_from)
		buf_printf(&b, "Hóa đơn ngày %s trước ngày được tính chi phí %s", d1,
		        store_vn_day(p->eligible_from, d2));
	else if (strcmp(issued, from) < 0)
		buf_printf(&b,
		        "Hóa đơn ngày %s trước năm thực hiện %d của đề án (đề án chưa ghi ngày được"
		        " tính chi phí)",
		        d1, p->start_year);
	else if (p->eligible_to)
		buf_printf(&b, "Hóa đơn ngày %s sau ngày cuối được tính chi phí %s", d1,
		        store_vn_day(p->eligible_to, d2));
	else
		buf_printf(&b,
		        "Hóa đơn ngày %s sau năm kết thúc %d của đề án (đề án chưa ghi ngày cuối"
		        " được tính chi phí)",
		        d1, p->end_year);
	const char *s = arena_strdup(ar, buf_cstr(&b));
	buf_free(&b);
	return s;
}

int store_finance_invoice_risks(Db *db, int64_t project_id, Arena *arena, InvoiceList *out, Err *e)
{
	ProjectFacts p;
	char from[16], to[16];
	*out = (InvoiceList){0};
	int rc = project_read(db, project_id, arena, &p, e);
	if (rc)
		return rc;
	/* The fiscal year is the calendar year (DOMAIN §4.3). */
	snprintf(from, sizeof from, "%04d-01-01", p.start_year);
	snprintf(to, sizeof to, "%04d-12-31", p.end_year);
	const char *f = p.eligible_from ? p.eligible_from : from;
	const char *t = p.eligible_to ? p.eligible_to : to;
	if ((rc = invoices_outside(db, project_id, f, t, arena, out, e)))
		return rc;
	out->reason = arena_alloc(arena, (size_t)(out->n ? out->n : 1) * sizeof *out->reason);
	for (int i = 0; i < out->n; i++)
		out->reason[i] = risk_reason(arena, &p, f, out->v[i].issued_on);
	return 0;
}

/* ---- Natural keys ------------------------------------------------------------------- */

int store_finance_line_find(
        Db *db, int64_t project_id, const char *source_code, const char *item, int64_t *id, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT id FROM project_cost_line WHERE project_id = ? AND source_code = ?"
	        " AND (CAST(? AS TEXT) IS NULL OR item = ?) ORDER BY position, id LIMIT 2",
	        &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, project_id);
	db_bind_str(st, 2, source_code);
	db_bind_str(st, 3, item);
	db_bind_str(st, 4, item);
	int n = 0;
	while ((rc = db_step(st, e)) == DB_ROW)
		if (n++ == 0)
			*id = db_col_int64(st, 0);
	db_done(st);
	if (rc != DB_DONE)
		return rc;
	if (n == 0)
		return KC_ENOTFOUND;
	if (n > 1 && !item)
		return err_field(e, "item", KC_ECONFLICT,
		        "Đề án có nhiều dòng kinh phí nguồn '%s': ghi hạng mục", source_code);
	return 0;
}

int store_finance_disbursement_find(
        Db *db, const Disbursement *key, int64_t *id, bool *same, Err *e)
{
	bool voucher = key->voucher_no && key->voucher_no[0];
	char day[STORE_DATE_LEN];
	int rc = store_iso_date(key->paid_on, day, "paid_on", e);
	Stmt *st;
	if (rc ||
	        (rc = db_prepare(db,
	                 voucher ? "SELECT id, kind, paid_on, fiscal_year, amount FROM disbursement"
	                           " WHERE cost_line_id = ? AND voucher_no = ? ORDER BY id LIMIT 1"
	                         : "SELECT id, kind, paid_on, fiscal_year, amount FROM disbursement"
	                           " WHERE cost_line_id = ? AND kind = ? AND paid_on = ?"
	                           " AND amount = ? AND voucher_no IS NULL ORDER BY id LIMIT 1",
	                 &st, e)))
		return rc;
	db_bind_int64(st, 1, key->cost_line_id);
	if (voucher) {
		db_bind_str(st, 2, key->voucher_no);
	} else {
		db_bind_str(st, 2, key->kind);
		db_bind_str(st, 3, day);
		db_bind_int64(st, 4, key->amount);
	}
	if ((rc = db_step(st, e)) == DB_ROW) {
		*id = db_col_int64(st, 0);
		int fy = key->fiscal_year ? key->fiscal_year : (int)strtol(day, NULL, 10);
		*same = key->kind && !strcmp(db_col_text(st, 1), key->kind) &&
		        !strcmp(db_col_text(st, 2), day) && db_col_int64(st, 3) == fy &&
		        db_col_int64(st, 4) == key->amount;
	}
	db_done(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? KC_ENOTFOUND : rc;
}

/* ---- Caps for a form (web_project_edit.c) ---------------------------------------- */

/* "tối đa 30% chi phí và không quá 1.000 triệu đồng/mô hình (TT 28/2018/TT-BTC
 * Điều 8 khoản 2)", in arena. */
static const char *rule_limit_text(const Rule *r, Arena *ar)
{
	Buf b;
	buf_init(&b, MSG_BUF);
	rule_describe(&b, r);
	buf_puts(&b, b.len ? " (" : "(");
	rule_source(&b, r);
	buf_putc(&b, ')');
	const char *s = arena_strdup(ar, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The rules of one activity content, or of none. */
#define RULES_FOR_ACTIVITY " FROM support_rule WHERE activity_code IS NULL OR activity_code = ?"

int store_finance_rules_for(Db *db, int64_t project_id, Arena *arena, RuleChoices *out, Err *e)
{
	*out = (RuleChoices){0};
	Arena ar = {0};
	ProjectFacts p;
	const char *activity = NULL;
	int64_t n = 0;
	Stmt *st = NULL;
	int rc = project_read(db, project_id, &ar, &p, e);
	if (!rc && (rc = db_prepare(
	                    db, "SELECT activity_code FROM project WHERE id = ?", &st, e)) == 0) {
		db_bind_int64(st, 1, project_id);
		if ((rc = db_step(st, e)) == DB_ROW)
			activity = store_col_text(st, 0, &ar);
		db_done(st);
		rc = rc == DB_ROW ? 0 : rc;
	}
	if (!rc)
		rc = store_scalar_text(db, "SELECT COUNT(*)" RULES_FOR_ACTIVITY, activity, &n, e);
	int64_t *ids = arena_alloc(&ar, (size_t)(n ? n : 1) * sizeof *ids);
	int k = 0;
	if (!rc &&
	        (rc = db_prepare(db, "SELECT id" RULES_FOR_ACTIVITY " ORDER BY id", &st, e)) == 0) {
		db_bind_str(st, 1, activity);
		while (k < n && (rc = db_step(st, e)) == DB_ROW)
			ids[k++] = db_col_int64(st, 0);
		db_done(st);
		rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
	}
	out->v = arena_alloc(arena, (size_t)(k ? k : 1) * sizeof *out->v);
	for (int i = 0; !rc && i < k; i++) {
		Rule r;
		if ((rc = rule_read(db, ids[i], &ar, &r, e)))
			break;
		if (rule_applies(&r, &p, NULL))
			continue; /* not for this đề án: the line functions would refuse it */
		out->v[out->n++] = (RuleChoice){.id = r.id,
		        .label = arena_strdup(arena, r.label ? r.label : ""),
		        .limit = rule_limit_text(&r, arena),
		        .rate_x100 = r.rate_x100,
		        .cap = r.cap};
	}
	arena_free(&ar);
	return rc;
}

int store_finance_line_cap(
        Db *db, const CostLine *in, Arena *arena, int64_t *allowed, const char **limit, Err *e)
{
	Arena ar = {0};
	ProjectFacts p;
	Rule r;
	bool is_state = false, over = false;
	*allowed = -1;
	*limit = NULL;
	int rc = project_read(db, in->project_id, &ar, &p, e);
	if (!rc)
		rc = source_is_state(db, in->source_code, &is_state, e);
	if (!rc && in->rule_id >= 0 && (rc = rule_read(db, in->rule_id, &ar, &r, e)) == 0) {
		*limit = rule_limit_text(&r, arena);
		if ((rc = rule_applies(&r, &p, e)) == 0 && is_state)
			rc = store_finance_allowed(db, in->rule_id, in->eligible_cost, allowed, e);
	}
	if (!rc)
		rc = check_rule(db, in, &p, is_state, &over, &ar, e);
	arena_free(&ar);
	return rc;
}
