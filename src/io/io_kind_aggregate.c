/* io_kind_aggregate.c — rows of aggregate figures: an indicator for a
 * scope (a province, a region, the nation) and a period, with its plan,
 * actual and estimated values in their own columns.
 *
 * A value is read by the indicator's kind: a count is a whole number, money
 * is in đồng (the row's unit, else the column's, else the sheet's), and a
 * percentage or ratio keeps two decimals ("21,62%" is 2162). Each value is
 * one figure, known by (indicator, scope, period, kind, programme level). */
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "io/io_run.h"
#include "store/store_aggregate.h"

enum {
	A_STT,
	A_INDICATOR,
	A_SCOPE,
	A_PERIOD,
	A_LEVEL,
	A_UNIT,
	A_PLAN,
	A_ACTUAL,
	A_ESTIMATE,
	A_QUALIFIER,
	A_NOTE,
	A_SOURCE,
	A_NFIELDS
};

static const char *const fields[A_NFIELDS] = {"stt", "indicator_code", "scope", "period",
        "program_level", "unit", "plan", "actual", "estimate", "qualifier", "note", "source"};

/* The scope the row names: the nation, a region, or a province. */
static int scope_of(Run *r, AggregateFigure *a, bool *ok)
{
	const char *norm = run_norm(r, run_text(r, A_SCOPE));
	*ok = true;
	if (run_prefix(r, "nation", norm) || !strcmp(norm, "toan quoc") ||
	        !strcmp(norm, "ca nuoc")) {
		a->scope_kind = "nation";
		return run_scope(r, A_SCOPE, NULL, NULL, NULL, ok);
	}
	const char *region = run_region(r, norm);
	if (region) {
		a->scope_kind = "region";
		a->scope_code = region;
		return run_scope(r, A_SCOPE, NULL, NULL, NULL, ok);
	}
	UnitRef p, c;
	const char *period = run_text(r, A_PERIOD);
	int year = 0;
	for (const char *s = period; s && *s && !year; s++)
		if (s[0] >= '1' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
		        s[2] <= '9' && s[3] >= '0' && s[3] <= '9')
			year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
			       (s[3] - '0');
	int rc = run_place(r, A_SCOPE, -1, -1, year, &p, &c, ok);
	if (rc == 0 && *ok)
		rc = run_scope(r, A_SCOPE, p.list, p.code, NULL, ok);
	if (rc == 0 && *ok) {
		a->scope_kind = "province";
		a->scope_list = arena_strdup(run_arena(r), p.list);
		a->scope_code = arena_strdup(run_arena(r), p.code);
	}
	return rc;
}

/* The value of field as the indicator's kind wants it. */
static bool value_of(Run *r, int field, const char *kind, int64_t *out)
{
	const IoVal *v = run_val(r, field);
	NumDec d = v->dec;
	int64_t unit = 1;
	bool money = !strcmp(kind, "money");
	if (money && !v->in_dong) {
		unit = run_val(r, A_UNIT)->num > 0 ? run_val(r, A_UNIT)->num : run_unit(r, field);
	} else if (!strcmp(kind, "percent_x100") || !strcmp(kind, "ratio_x100")) {
		unit = 100;
	}
	int64_t p = num_pow10(d.scale);
	bool whole = unit >= p ? true : d.mant % (p / unit) == 0;
	if (!whole || d.mant < 0) {
		run_problem(r, field, false, "%s '%s' không hợp lệ cho chỉ tiêu này: %s",
		        field == A_PLAN     ? "Kế hoạch"
		        : field == A_ACTUAL ? "Thực hiện"
		                            : "Ước thực hiện",
		        v->text,
		        d.mant < 0               ? "không được âm"
		        : !strcmp(kind, "count") ? "cần một số nguyên"
		        : money ? "không phải một số đồng nguyên (kiểm tra đơn vị tính)"
		                : "chỉ giữ được hai chữ số thập phân");
		return false;
	}
	*out = unit >= p ? d.mant * (unit / p) : d.mant / (p / unit);
	return true;
}

/* Stores one figure; *out becomes created or updated when it changes. */
static int put(Run *r, AggregateFigure *a, Outcome *out)
{
	Err e = {0};
	int64_t id = 0, row;
	int version = 0;
	int rc = store_aggregate_find(run_db(r), a, &id, &version, &e);
	if (rc && rc != KC_ENOTFOUND) {
		Outcome failed = OUT_FAILED;
		rc = run_store(r, rc, &e, &failed);
		*out = failed;
		return rc;
	}
	if (id && run_seen(r, SEEN_AGGREGATE, id, &row)) {
		run_problem(r, A_INDICATOR, false,
		        "Trùng với dòng %lld: cùng chỉ tiêu, địa bàn, kỳ và cấp", (long long)row);
		return 0;
	}
	if (id) {
		AggregateFigure cur;
		if ((rc = store_aggregate_get(run_db(r), id, run_arena(r), &cur, &e)))
			return run_store(r, rc, &e, out);
		if (cur.value == a->value && run_same_text(cur.qualifier, a->qualifier) &&
		        run_same_text(cur.note, a->note) && run_same_text(cur.source, a->source))
			return 0;
	}
	a->version = version;
	Outcome now = id ? OUT_UPDATED : OUT_CREATED;
	rc = store_aggregate_put(run_db(r), run_actor(r), a, &id, &e);
	if (rc == 0)
		run_seen(r, SEEN_AGGREGATE, id, &row);
	if ((rc = run_store(r, rc, &e, &now)))
		return rc;
	if (now == OUT_FAILED || *out == OUT_UNCHANGED || now == OUT_CREATED)
		*out = now;
	return 0;
}

static int aggregate_row(Run *r, Outcome *out)
{
	AggregateFigure a = store_aggregate_blank();
	a.indicator_code = run_val(r, A_INDICATOR)->code;
	const char *kind = run_indicator_kind(r, a.indicator_code);
	bool ok;
	int rc = scope_of(r, &a, &ok);
	if (rc || !ok)
		return rc;
	a.period = run_text(r, A_PERIOD);
	a.program_level = run_val(r, A_LEVEL)->code ? run_val(r, A_LEVEL)->code : "all";
	a.note = run_text(r, A_NOTE);
	a.source = run_text(r, A_SOURCE);
	static const struct {
		int field;
		const char *kind;
	} values[] = {{A_PLAN, "plan"}, {A_ACTUAL, "actual"}, {A_ESTIMATE, "estimate"}};
	bool any = false;
	*out = OUT_UNCHANGED;
	for (size_t i = 0; i < sizeof values / sizeof values[0] && *out != OUT_FAILED; i++) {
		const IoVal *v = run_val(r, values[i].field);
		if (!v->set)
			continue;
		any = true;
		if (!value_of(r, values[i].field, kind ? kind : "count", &a.value))
			return 0;
		a.figure_kind = values[i].kind;
		a.qualifier = run_text(r, A_QUALIFIER);
		if (!a.qualifier && v->qualifier)
			a.qualifier = money_qualifier_word(v->qualifier);
		if ((rc = put(r, &a, out)))
			return rc;
	}
	if (!any)
		run_problem(r, A_ACTUAL, false,
		        "Chưa ghi giá trị: cần một trong các cột Kế hoạch,"
		        " Thực hiện, Ước thực hiện");
	return 0;
}

const KindDef io_kind_aggregates = {
        "aggregates", "Số liệu tổng hợp theo chỉ tiêu", fields, A_NFIELDS, aggregate_row};
