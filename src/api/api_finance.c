/* api_finance.c — the money of a đề án under /api/v1/projects/{id}: cost
 * lines by funding source with their support caps, disbursements, totals,
 * invoices and the invoices at risk (store_finance.h, DOMAIN §4).
 *
 * A line asking for more than its rule's cap is refused by the store with
 * KC_EWARN, which the router answers 422 with code "needs_reason" and the
 * store's message naming the rule; the same request with cap_override (the
 * reason) succeeds and keeps the reason. Every record here belongs to the
 * đề án of the URL: a line, disbursement or invoice of another đề án is a
 * 404, and a body naming another đề án's line a 422. */
#include <limits.h>
#include <stdio.h>

#include "api/api.h"
#include "api/api_routes.h"
#include "store/store_finance.h"

/* ---- Schemas ---------------------------------------------------------------------------- */

static const Field line_fields[] = {
        FIELD_I64(CostLine, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(CostLine, project_id, 0, FORMAT_PLAIN, FIELD_READONLY, "Đề án (số)"),
        FIELD_TEXT(CostLine, source_code, FORMAT_PLAIN, FIELD_REQUIRED,
                "Nguồn kinh phí: central, provincial, district, commune, counterpart, other"),
        FIELD_TEXT(CostLine, item, FORMAT_PLAIN, FIELD_REQUIRED, "Nội dung chi: Máy đóng gói"),
        FIELD_I64(CostLine, rule_id, -1, FORMAT_PLAIN, 0, "Định mức hỗ trợ áp dụng (số)"),
        FIELD_I64(CostLine, eligible_cost, -1, FORMAT_MONEY, 0, "Chi phí hợp lệ (đồng)"),
        FIELD_I64(CostLine, planned, INT64_MIN, FORMAT_MONEY, FIELD_REQUIRED,
                "Kinh phí hỗ trợ dự kiến (đồng)"),
        FIELD_I64(CostLine, approved, -1, FORMAT_MONEY, 0,
                "Kinh phí hỗ trợ được phê duyệt (đồng); null khi chưa duyệt"),
        FIELD_TEXT(CostLine, cap_override, FORMAT_PLAIN, 0,
                "Lý do hỗ trợ vượt mức tối đa (cần khi vượt; trả lời 422 needs_reason nếu thiếu)"),
        FIELD_INT(CostLine, position, INT_MIN, FORMAT_PLAIN, 0, "Thứ tự trong đề án"),
        FIELD_I64(
                CostLine, disbursed, -1, FORMAT_MONEY, FIELD_READONLY, "Đã giải ngân (ròng, đồng)"),
        FIELD_I64(CostLine, allowed, -1, FORMAT_MONEY, FIELD_READONLY,
                "Mức hỗ trợ tối đa theo định mức (đồng); null khi không có mức"),
};
const Schema api_cost_line_schema =
        SCHEMA("CostLine", line_fields, "Dòng kinh phí của đề án theo nguồn");

static const Field disbursement_fields[] = {
        FIELD_I64(Disbursement, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),
        FIELD_I64(Disbursement, project_id, -1, FORMAT_PLAIN, FIELD_READONLY, "Đề án (số)"),
        FIELD_I64(Disbursement, cost_line_id, -1, FORMAT_PLAIN, FIELD_REQUIRED,
                "Dòng kinh phí nguồn ngân sách nhà nước (số)"),
        FIELD_TEXT(Disbursement, kind, FORMAT_PLAIN, FIELD_REQUIRED,
                "advance (tạm ứng), payment (thanh toán), advance_recovery (thu hồi tạm ứng), "
                "refund (nộp trả)"),
        FIELD_TEXT(Disbursement, paid_on, FORMAT_DATE, FIELD_REQUIRED, "Ngày giải ngân"),
        FIELD_INT(Disbursement, fiscal_year, 0, FORMAT_YEAR, 0,
                "Năm ngân sách; mặc định năm của ngày giải ngân"),
        FIELD_I64(Disbursement, amount, -1, FORMAT_MONEY, FIELD_REQUIRED, "Số tiền (đồng, > 0)"),
        FIELD_TEXT(Disbursement, voucher_no, FORMAT_PLAIN, 0, "Số chứng từ"),
        FIELD_TEXT(Disbursement, note, FORMAT_PLAIN, 0, "Ghi chú"),
};
const Schema api_disbursement_schema =
        SCHEMA("Disbursement", disbursement_fields, "Một lần giải ngân");

static const Field source_fields[] = {
        FIELD_TEXT(SourceTotal, source_code, FORMAT_PLAIN, FIELD_READONLY, "Nguồn kinh phí"),
        FIELD_TEXT(SourceTotal, label_vi, FORMAT_PLAIN, FIELD_READONLY, "Tên nguồn"),
        FIELD_BOOL(SourceTotal, is_state, FIELD_READONLY, "Nguồn ngân sách nhà nước"),
        FIELD_I64(SourceTotal, planned, -1, FORMAT_MONEY, FIELD_READONLY, "Dự kiến (đồng)"),
        FIELD_I64(SourceTotal, approved, -1, FORMAT_MONEY, FIELD_READONLY,
                "Được duyệt (đồng); null khi chưa dòng nào được duyệt"),
        FIELD_I64(SourceTotal, disbursed, -1, FORMAT_MONEY, FIELD_READONLY,
                "Đã giải ngân, ròng (đồng)"),
};
static const Schema source_schema = SCHEMA("SourceTotal", source_fields, "Kinh phí một nguồn");

static const Field totals_fields[] = {
        FIELD_I64(FinanceTotals, state_support, -1, FORMAT_MONEY, FIELD_READONLY,
                "Kinh phí hỗ trợ từ ngân sách nhà nước (đồng)"),
        FIELD_I64(
                FinanceTotals, counterpart, -1, FORMAT_MONEY, FIELD_READONLY, "Vốn đối ứng (đồng)"),
        FIELD_I64(FinanceTotals, other, -1, FORMAT_MONEY, FIELD_READONLY, "Nguồn khác (đồng)"),
        FIELD_I64(FinanceTotals, total_cost, -1, FORMAT_MONEY, FIELD_READONLY,
                "Tổng kinh phí (đồng)"),
        FIELD_I64(FinanceTotals, disbursed, -1, FORMAT_MONEY, FIELD_READONLY,
                "Đã giải ngân từ ngân sách nhà nước, ròng (đồng)"),
        FIELD_I64(FinanceTotals, rate_x100, -1, FORMAT_PLAIN, FIELD_READONLY,
                "Tỷ lệ giải ngân × 100 (4250 = 42,50 %); null khi không có kinh phí hỗ trợ"),
};
const Schema api_finance_totals_schema = SCHEMA("FinanceTotals", totals_fields,
        "Kinh phí của đề án; kèm \"sources\": mảng SourceTotal, mỗi nguồn một phần tử");

/* An invoice and, in the list of risks, why it is at risk: the invoice's
 * fields are declared once for both. */
typedef struct InvoiceRisk {
	int64_t id, project_id, cost_line_id;
	const char *number, *issued_on;
	int64_t amount;
	const char *supplier, *tax_code;
	const char *reason;
} InvoiceRisk;

#define INVOICE_FIELDS(T)                                                                          \
	FIELD_I64(T, id, 0, FORMAT_PLAIN, FIELD_READONLY, "Số bản ghi"),                           \
	        FIELD_I64(T, project_id, -1, FORMAT_PLAIN, FIELD_READONLY, "Đề án (số)"),          \
	        FIELD_I64(T, cost_line_id, -1, FORMAT_PLAIN, 0,                                    \
	                "Dòng kinh phí của cùng đề án (số), hoặc null"),                           \
	        FIELD_TEXT(T, number, FORMAT_PLAIN, 0, "Số hóa đơn"),                              \
	        FIELD_TEXT(T, issued_on, FORMAT_DATE, FIELD_REQUIRED, "Ngày hóa đơn"),             \
	        FIELD_I64(T, amount, -1, FORMAT_MONEY, FIELD_REQUIRED, "Số tiền (đồng, > 0)"),     \
	        FIELD_TEXT(T, supplier, FORMAT_PLAIN, 0, "Người bán"),                             \
	        FIELD_TEXT(T, tax_code, FORMAT_PLAIN, 0, "Mã số thuế người bán")

static const Field invoice_fields[] = {INVOICE_FIELDS(Invoice)};
const Schema api_invoice_schema = SCHEMA("Invoice", invoice_fields, "Hóa đơn của đề án");

static const Field risk_fields[] = {
        INVOICE_FIELDS(InvoiceRisk),
        FIELD_TEXT(InvoiceRisk, reason, FORMAT_PLAIN, FIELD_READONLY,
                "Vì sao hóa đơn không được tính chi phí"),
};
const Schema api_invoice_risk_schema = SCHEMA("InvoiceRisk", risk_fields,
        "Hóa đơn ngoài khoảng ngày được tính chi phí của đề án (DOMAIN §4.4)");

/* ---- Cost lines ------------------------------------------------------------------------- */

int api_cost_line_load(Ctx *c, char province[3])
{
	CostLine *l = arena_alloc(c->arena, sizeof *l);
	int rc = store_finance_line_get(c->db, c->sub, c->arena, l, &c->err);
	if (rc)
		return rc;
	c->rec = l;
	return api_project_child(c, l->project_id, "dòng kinh phí", province);
}

int api_cost_line_list(Ctx *c)
{
	CostLineList list;
	int rc = store_finance_line_list(c->db, c->id, c->arena, &list, &c->err);
	return rc ? rc : api_all(c, &api_cost_line_schema, list.v, sizeof *list.v, list.n);
}

int api_cost_line_get(Ctx *c)
{
	return api_record(c, 200, &api_cost_line_schema, c->rec, 0);
}

/* Answers line id as stored now: 201 at its place, or 200. */
static int answer_line(Ctx *c, int status, int64_t id)
{
	CostLine l;
	int rc = store_finance_line_get(c->db, id, c->arena, &l, &c->err);
	if (rc)
		return rc;
	return status == 201 ? api_project_created(c, "cost-lines", id, &api_cost_line_schema, &l)
	                     : api_record(c, status, &api_cost_line_schema, &l, 0);
}

int api_cost_line_add(Ctx *c)
{
	CostLine in = store_finance_line_blank();
	int64_t id;
	int rc = http_body_read(c, &api_cost_line_schema, NULL, &in);
	in.project_id = c->id;
	if (!rc)
		rc = api_ref_status(c, store_finance_line_add(c->db, &c->actor, &in, &id, &c->err));
	return rc ? rc : answer_line(c, 201, id);
}

int api_cost_line_update(Ctx *c)
{
	CostLine in = *(const CostLine *)c->rec;
	int rc = http_body_read(c, &api_cost_line_schema, NULL, &in);
	if (!rc)
		rc = api_ref_status(c, store_finance_line_update(c->db, &c->actor, &in, &c->err));
	return rc ? rc : answer_line(c, 200, c->sub);
}

int api_cost_line_delete(Ctx *c)
{
	int rc = store_finance_line_delete(c->db, &c->actor, c->sub, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Disbursements ---------------------------------------------------------------------- */

/* The disbursement {sub} of the đề án {id} into *out (0), or KC_ENOTFOUND. */
static int find_disbursement(Ctx *c, int64_t id, Disbursement *out)
{
	DisbursementList list;
	int rc = store_finance_disbursement_list(c->db, c->id, c->arena, &list, &c->err);
	for (int i = 0; !rc && i < list.n; i++)
		if (list.v[i].id == id) {
			*out = list.v[i];
			return 0;
		}
	return rc ? rc
	          : err_set(&c->err, KC_ENOTFOUND,
	                    "Không có khoản giải ngân số %lld trong đề án số %lld", (long long)id,
	                    (long long)c->id);
}

int api_disbursement_load(Ctx *c, char province[3])
{
	Disbursement *d = arena_alloc(c->arena, sizeof *d);
	int rc = find_disbursement(c, c->sub, d);
	if (rc)
		return rc;
	c->rec = d;
	return api_project_scope(c, c->id, province);
}

int api_disbursement_list(Ctx *c)
{
	DisbursementList list;
	int rc = store_finance_disbursement_list(c->db, c->id, c->arena, &list, &c->err);
	return rc ? rc : api_all(c, &api_disbursement_schema, list.v, sizeof *list.v, list.n);
}

/* A line named in a body must be one of the đề án of the URL, whose scope
 * the router checked: otherwise a caller could pay from another province's
 * đề án through their own. */
static int check_own_line(Ctx *c, int64_t line_id)
{
	CostLine l;
	int rc = line_id > 0 ? store_finance_line_get(c->db, line_id, c->arena, &l, &c->err)
	                     : KC_ENOTFOUND;
	if (rc && rc != KC_ENOTFOUND)
		return rc;
	if (rc || l.project_id != c->id)
		return ctx_fail(c, 422,
		        err_field(&c->err, "cost_line_id", KC_EINVAL,
		                "Dòng kinh phí số %lld không thuộc đề án số %lld",
		                (long long)line_id, (long long)c->id));
	return 0;
}

int api_disbursement_add(Ctx *c)
{
	Disbursement in = store_finance_disbursement_blank(), out;
	int64_t id;
	int rc = http_body_read(c, &api_disbursement_schema, NULL, &in);
	if (!rc)
		rc = check_own_line(c, in.cost_line_id);
	if (!rc)
		rc = store_finance_disbursement_add(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = find_disbursement(c, id, &out);
	return rc ? rc
	          : api_project_created(c, "disbursements", id, &api_disbursement_schema, &out);
}

int api_disbursement_delete(Ctx *c)
{
	int rc = store_finance_disbursement_delete(c->db, &c->actor, c->sub, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- Totals ----------------------------------------------------------------------------- */

int api_finance_totals(Ctx *c)
{
	FinanceTotals t;
	int rc = store_finance_totals(c->db, c->id, c->arena, &t, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_begin(c, 200, &w);
	json_obj(&w);
	schema_write_fields(&w, &api_finance_totals_schema, &t);
	json_key(&w, "sources");
	json_arr(&w);
	for (int i = 0; i < t.n; i++)
		schema_write(&w, &source_schema, &t.v[i]);
	json_arr_end(&w);
	json_obj_end(&w);
	return 0;
}

/* ---- Invoices --------------------------------------------------------------------------- */

static int find_invoice(Ctx *c, int64_t id, Invoice *out)
{
	InvoiceList list;
	int rc = store_finance_invoice_list(c->db, c->id, c->arena, &list, &c->err);
	for (int i = 0; !rc && i < list.n; i++)
		if (list.v[i].id == id) {
			*out = list.v[i];
			return 0;
		}
	return rc ? rc
	          : err_set(&c->err, KC_ENOTFOUND, "Không có hóa đơn số %lld trong đề án số %lld",
	                    (long long)id, (long long)c->id);
}

int api_invoice_load(Ctx *c, char province[3])
{
	Invoice *v = arena_alloc(c->arena, sizeof *v);
	int rc = find_invoice(c, c->sub, v);
	if (rc)
		return rc;
	c->rec = v;
	return api_project_scope(c, c->id, province);
}

int api_invoice_list(Ctx *c)
{
	InvoiceList list;
	int rc = store_finance_invoice_list(c->db, c->id, c->arena, &list, &c->err);
	return rc ? rc : api_all(c, &api_invoice_schema, list.v, sizeof *list.v, list.n);
}

int api_invoice_risks(Ctx *c)
{
	InvoiceList list;
	int rc = store_finance_invoice_risks(c->db, c->id, c->arena, &list, &c->err);
	if (rc)
		return rc;
	JsonW w;
	api_list_begin(c, &w);
	for (int i = 0; i < list.n; i++) {
		const Invoice *v = &list.v[i];
		InvoiceRisk r = {.id = v->id,
		        .project_id = v->project_id,
		        .cost_line_id = v->cost_line_id,
		        .number = v->number,
		        .issued_on = v->issued_on,
		        .amount = v->amount,
		        .supplier = v->supplier,
		        .tax_code = v->tax_code,
		        .reason = list.reason ? list.reason[i] : NULL};
		schema_write(&w, &api_invoice_risk_schema, &r);
	}
	api_all_end(c, &w, list.n);
	return 0;
}

int api_invoice_add(Ctx *c)
{
	Invoice in = store_finance_invoice_blank(), out;
	int64_t id;
	int rc = http_body_read(c, &api_invoice_schema, NULL, &in);
	in.project_id = c->id;
	if (!rc)
		rc = store_finance_invoice_add(c->db, &c->actor, &in, &id, &c->err);
	if (!rc)
		rc = find_invoice(c, id, &out);
	return rc ? rc : api_project_created(c, "invoices", id, &api_invoice_schema, &out);
}

int api_invoice_delete(Ctx *c)
{
	int rc = store_finance_invoice_delete(c->db, &c->actor, c->sub, &c->err);
	return rc ? rc : api_no_content(c);
}

/* ---- The cap while a line is typed (issue 7) --------------------------------------------- */

/* What store_finance_line_cap says about a line being typed. */
typedef struct SupportCap {
	int64_t allowed;
	const char *limit;
	bool over, ok;
	const char *message, *field;
} SupportCap;

static const Field cap_fields[] = {
        FIELD_I64(SupportCap, allowed, -1, FORMAT_MONEY, FIELD_READONLY,
                "Mức hỗ trợ tối đa cho dòng này (đồng); null khi không có mức"),
        FIELD_TEXT(SupportCap, limit, FORMAT_PLAIN, FIELD_READONLY,
                "Quy định mức hỗ trợ bằng chữ, với văn bản và điều khoản"),
        FIELD_BOOL(SupportCap, over, FIELD_READONLY,
                "Kinh phí hỗ trợ vượt mức: khi lưu cần lý do (cap_override)"),
        FIELD_BOOL(SupportCap, ok, FIELD_READONLY, "Lưu được như đang nhập"),
        FIELD_TEXT(SupportCap, message, FORMAT_PLAIN, FIELD_READONLY,
                "Điều máy chủ sẽ trả lời khi lưu, hoặc null"),
        FIELD_TEXT(SupportCap, field, FORMAT_PLAIN, FIELD_READONLY, "Trường của thông báo"),
};
const Schema api_support_cap_schema = SCHEMA("SupportCap", cap_fields,
        "Mức hỗ trợ tối đa của một dòng kinh phí đang nhập, tính như khi lưu");

const Param api_support_cap_params[] = {
        {"source_code", PARAM_TEXT, 0, 40, NULL, "Nguồn kinh phí", true},
        {"rule_id", PARAM_INT, 1, INT32_MAX, NULL, "Định mức hỗ trợ (số)", false},
        {"eligible_cost", PARAM_INT, 0, INT64_MAX / 2, NULL, "Chi phí hợp lệ (đồng)", false},
        {"amount", PARAM_INT, 0, INT64_MAX / 2, NULL, "Kinh phí hỗ trợ (đồng)", false},
        {"cap_override", PARAM_TEXT, 0, 1000, NULL, "Lý do vượt mức, nếu có", false},
        {NULL},
};

int api_support_cap(Ctx *c)
{
	CostLine in = store_finance_line_blank();
	in.project_id = c->id;
	in.source_code = api_text(c, "source_code");
	in.item = "-";
	in.rule_id = api_int(c, "rule_id", -1);
	in.eligible_cost = api_int(c, "eligible_cost", -1);
	in.planned = api_int(c, "amount", 0);
	in.cap_override = api_text(c, "cap_override");
	SupportCap out = {.allowed = -1};
	Err e = {0};
	int rc = store_finance_line_cap(c->db, &in, c->arena, &out.allowed, &out.limit, &e);
	if (rc && rc != KC_EWARN && rc != KC_EINVAL) {
		c->err = e;
		return rc;
	}
	out.ok = rc == 0;
	out.over =
	        rc == KC_EWARN || (in.cap_override && out.allowed >= 0 && in.planned > out.allowed);
	out.message = rc ? arena_strdup(c->arena, e.msg) : NULL;
	out.field = rc ? arena_strdup(c->arena, e.field) : NULL;
	return api_record(c, 200, &api_support_cap_schema, &out, 0);
}
