/* report_scope.c — provinces, the scope of a report, its boundaries and its
 * period windows (see report_engine.h).
 *
 * Records keep the province as recorded (DOMAIN §6). A scope is the set of
 * recorded provinces whose records belong to the report; the boundaries say
 * which unit each reports under: itself ("legacy", the boundaries of the
 * time) or the current province it lies in today ("current": Sóc Trăng 94
 * under Cần Thơ 92). */
#include <stdio.h>
#include <string.h>

#include "report/report_engine.h"

/* Legacy units end on 30/06/2025 (QĐ 19/2025/QĐ-TTg, data/admin-units). */
static const char legacy_last_day[] = "2025-06-30";

static int list_index(const char *list)
{
	return !strcmp(list, "current") ? 1 : !strcmp(list, "legacy") ? 0 : -1;
}

static int code_index(const char *code)
{
	if (!code || strlen(code) != 2 || code[0] < '0' || code[0] > '9' || code[1] < '0' ||
	        code[1] > '9')
		return -1;
	return (code[0] - '0') * 10 + (code[1] - '0');
}

int eng_prov(const Eng *g, const char *list, const char *code)
{
	int l = list ? list_index(list) : -1, c = code_index(code);
	return l < 0 || c < 0 ? -1 : g->by_code[l][c];
}

typedef struct ProvRow {
	const char *list, *code, *current;
} ProvRow;

static int add_province(void *ctx, const char *list, const char *code, const char *name,
        const char *full_name, const char *current_code, Err *e)
{
	Eng *g = ctx;
	int l = list_index(list), c = code_index(code);
	if (l < 0 || c < 0)
		return 0; /* not a list or code reports know */
	if (g->n_prov >= ENG_MAX_PROVINCES)
		return err_set(e, KC_ETOOBIG, "more than %d provinces", ENG_MAX_PROVINCES);
	Prov *p = &g->prov[g->n_prov];
	*p = (Prov){arena_strdup(g->arena, list), arena_strdup(g->arena, code),
	        arena_strdup(g->arena, name), arena_strdup(g->arena, full_name), -1, g->n_prov,
	        false};
	/* The current province's code, resolved once every province is read. */
	p->current = code_index(current_code);
	g->by_code[l][c] = g->n_prov++;
	return 0;
}

int eng_load_provinces(Eng *g, Err *e)
{
	memset(g->by_code, 0xff, sizeof g->by_code); /* -1 */
	g->queries++;
	int rc = store_report_provinces(g->db, add_province, g, e);
	for (int i = 0; rc == 0 && i < g->n_prov; i++)
		g->prov[i].current =
		        g->prov[i].current < 0 ? -1 : g->by_code[1][g->prov[i].current];
	return rc;
}

/* ---- Periods ------------------------------------------------------------------------ */

static bool whole_years(const Period *p)
{
	return p->kind == PERIOD_YEAR || p->kind == PERIOD_PHASE ||
	       (p->kind == PERIOD_CUMULATIVE && p->to.kind == PERIOD_YEAR);
}

static int fill_window(Eng *g, Win *w, const Period *p, Err *e)
{
	int rc = period_range(p, &g->req->rule, &w->from, &w->to, e);
	if (rc)
		return rc;
	Buf b;
	buf_init(&b, sizeof w->code - 1);
	period_format(&b, p);
	snprintf(w->code, sizeof w->code, "%s", buf_cstr(&b));
	buf_reset(&b);
	date_format_iso(&b, w->from);
	snprintf(w->from_iso, sizeof w->from_iso, "%s", buf_cstr(&b));
	buf_reset(&b);
	date_format_iso(&b, w->to);
	snprintf(w->to_iso, sizeof w->to_iso, "%s", buf_cstr(&b));
	buf_free(&b);
	w->p = *p;
	w->year_from = p->year;
	w->year_to = p->kind == PERIOD_PHASE        ? p->end_year
	             : p->kind == PERIOD_CUMULATIVE ? p->to.year
	                                            : p->year;
	w->whole_years = whole_years(p);
	w->valid = true;
	return 0;
}

/* The phase (of the template's phases) holding year: first + k × length. */
static void phase_of(const Template *t, int year, int *start, int *end)
{
	int k = (year - t->phase_first) / t->phase_length;
	if (year < t->phase_first && (t->phase_first - year) % t->phase_length)
		k--;
	*start = t->phase_first + k * t->phase_length;
	*end = *start + t->phase_length - 1;
}

/* From the start of the phase to the end of p: "lũy kế giai đoạn". */
static bool cumulative_of(const Template *t, const Period *p, Period *out)
{
	if (p->kind == PERIOD_PHASE || p->kind == PERIOD_CUMULATIVE) {
		*out = *p;
		return true;
	}
	int start, end;
	phase_of(t, p->year, &start, &end);
	*out = (Period){.kind = PERIOD_CUMULATIVE, .year = start, .end_year = end};
	out->to.kind = p->kind;
	out->to.year = p->year;
	out->to.n = p->n;
	return period_check(out, NULL) == 0;
}

int eng_resolve_period(Eng *g, Err *e)
{
	const char *s = g->req->period;
	if (!s || !s[0])
		return err_field(e, "period", KC_EINVAL, "Chưa chọn kỳ báo cáo (ví dụ 2016-H1)");
	Period p, q;
	int rc = period_parse(s, strlen(s), &p, e);
	if (rc)
		return store_at_field(e, "period", rc);
	if (!(g->tpl.periods & (1u << p.kind))) {
		Buf b;
		buf_init(&b, 200);
		period_label_vi(&b, &p, PERIOD_LOWER);
		rc = err_field(e, "period", KC_EINVAL, "Mẫu '%s' không lập cho kỳ %s", g->tpl.id,
		        buf_cstr(&b));
		buf_free(&b);
		return rc;
	}
	if ((rc = period_rule_check(&g->req->rule, e)) ||
	        (rc = fill_window(g, &g->win[WIN_CURRENT], &p, e)))
		return store_at_field(e, "period", rc);
	if (period_same_last_year(&p, &q, NULL) == 0 &&
	        (rc = fill_window(g, &g->win[WIN_LAST_YEAR], &q, e)))
		return store_at_field(e, "period", rc);
	if (cumulative_of(&g->tpl, &p, &q) && (rc = fill_window(g, &g->win[WIN_CUMULATIVE], &q, e)))
		return store_at_field(e, "period", rc);
	/* From the start of the phase to the end of its first period is that
	 * period: the same days, read under the same code. */
	const Win *cur = &g->win[WIN_CURRENT], *cum = &g->win[WIN_CUMULATIVE];
	if (cum->valid && cum->from == cur->from && cum->to == cur->to)
		g->win[WIN_CUMULATIVE] = *cur;
	int start, end;
	phase_of(&g->tpl, p.year, &start, &end);
	if (p.kind == PERIOD_PHASE || p.kind == PERIOD_CUMULATIVE)
		start = p.year;
	q = (Period){.kind = PERIOD_YEAR, .year = start - 1};
	if (period_check(&q, NULL) == 0 && (rc = fill_window(g, &g->win[WIN_BASELINE], &q, e)))
		return store_at_field(e, "period", rc);
	const char *as_of = g->req->as_of;
	Date d;
	if (as_of && (rc = date_parse(as_of, strlen(as_of), &d, e)))
		return store_at_field(e, "as_of", rc);
	if (as_of) {
		Buf b;
		buf_init(&b, 16);
		date_format_iso(&b, d);
		snprintf(g->as_of, sizeof g->as_of, "%s", buf_cstr(&b));
		buf_free(&b);
	} else
		snprintf(g->as_of, sizeof g->as_of, "%s", g->win[WIN_CURRENT].to_iso);
	return 0;
}

/* ---- Scope -------------------------------------------------------------------------- */

/* Adds province i (and, for a current one, the legacy provinces that became
 * part of it) to the territory. */
static void take(Eng *g, int i)
{
	if (i < 0)
		return;
	g->prov[i].in_scope = true;
	if (strcmp(g->prov[i].list, "current"))
		return;
	for (int k = 0; k < g->n_prov; k++)
		if (g->prov[k].current == i)
			g->prov[k].in_scope = true;
}

static int add_member(void *ctx, const char *list, const char *code, Err *e)
{
	(void)e;
	Eng *g = ctx;
	take(g, eng_prov(g, list, code));
	return 0;
}

/* The list in force at the end of the period: legacy units up to 30/06/2025. */
static const char *list_at_end(const Eng *g)
{
	return strcmp(g->win[WIN_CURRENT].to_iso, legacy_last_day) <= 0 ? "legacy" : "current";
}

static int scope_province(Eng *g, const char *arg, Err *e)
{
	char list[16] = "", code[8] = "";
	const char *colon = strchr(arg, ':');
	if (colon && (size_t)(colon - arg) < sizeof list) {
		memcpy(list, arg, (size_t)(colon - arg));
		snprintf(code, sizeof code, "%s", colon + 1);
	} else
		snprintf(code, sizeof code, "%s", arg);
	if (!list[0])
		snprintf(list, sizeof list, "%s", list_at_end(g));
	int i = eng_prov(g, list, code);
	if (i < 0)
		return err_field(e, "scope", KC_EINVAL,
		        "Không có tỉnh, thành phố mã '%.8s' trong danh mục %s", code,
		        !strcmp(list, "current") ? "từ 01/7/2025" : "trước 01/7/2025");
	take(g, i);
	const Prov *p = &g->prov[i];
	g->scope_code = p->code;
	char canon[40], label[300];
	snprintf(canon, sizeof canon, "province:%s:%s", p->list, p->code);
	if (!strcmp(p->list, "legacy") && g->current_units && p->current >= 0)
		snprintf(label, sizeof label, "%s (cũ), nay thuộc %s", p->full_name,
		        g->prov[p->current].full_name);
	else
		snprintf(label, sizeof label, "%s", p->full_name);
	g->scope_canon = arena_strdup(g->arena, canon);
	g->scope_label = arena_strdup(g->arena, label);
	return 0;
}

static int scope_region(Eng *g, const char *code, Err *e)
{
	if (!code[0] || strlen(code) > 40)
		return err_field(
		        e, "scope", KC_EINVAL, "Chưa nhập mã vùng (ví dụ region:moit_south)");
	const Win *w = &g->win[WIN_CURRENT];
	const char *name;
	g->queries++;
	int rc = store_report_region(
	        g->db, code, w->from_iso, w->to_iso, g->arena, &name, add_member, g, e);
	if (rc)
		return rc;
	char canon[64];
	snprintf(canon, sizeof canon, "region:%s", code);
	g->scope_code = arena_strdup(g->arena, code);
	g->scope_canon = arena_strdup(g->arena, canon);
	g->scope_label = name;
	return 0;
}

/* The unit each province reports under, and the province keys of the
 * territory (one bound parameter, store_report.h). */
static int assign_units(Eng *g, Err *e)
{
	size_t k = 0;
	bool all = !strcmp(g->scope_kind, "nation");
	g->keys[0] = '\0';
	for (int i = 0; i < g->n_prov; i++) {
		Prov *p = &g->prov[i];
		p->unit = g->current_units && p->current >= 0 ? p->current : i;
		if (all || !p->in_scope)
			continue;
		int n = snprintf(g->keys + k, sizeof g->keys - k, "%s%s:%s,", k ? "" : ",", p->list,
		        p->code);
		if (n < 0 || (size_t)n >= sizeof g->keys - k)
			return err_set(e, KC_ETOOBIG, "too many provinces in scope");
		k += (size_t)n;
	}
	if (!all && k == 0) /* a region without members: match nothing */
		snprintf(g->keys, sizeof g->keys, ",none,");
	return 0;
}

int eng_resolve_scope(Eng *g, Err *e)
{
	const char *b = g->req->boundaries;
	if (b && strcmp(b, "legacy") && strcmp(b, "current"))
		return err_field(e, "boundaries", KC_EINVAL,
		        "Địa giới '%.20s' không có; chọn legacy (theo địa giới tại thời điểm số liệu)"
		        " hoặc current (quy đổi theo tỉnh, thành phố hiện nay)",
		        b);
	g->current_units = b && !strcmp(b, "current");
	const char *s = g->req->scope ? g->req->scope : "";
	int rc;
	if (!strcmp(s, "nation")) {
		g->scope_kind = "nation";
		g->scope_canon = "nation";
		g->scope_label = "Toàn quốc";
		for (int i = 0; i < g->n_prov; i++)
			g->prov[i].in_scope = true;
		rc = 0;
	} else if (!strncmp(s, "region:", 7)) {
		g->scope_kind = "region";
		rc = scope_region(g, s + 7, e);
	} else if (!strncmp(s, "province:", 9)) {
		g->scope_kind = "province";
		rc = scope_province(g, s + 9, e);
	} else
		rc = err_field(e, "scope", KC_EINVAL,
		        "Phạm vi '%.40s' không hợp lệ; viết nation, region:MÃ_VÙNG hoặc"
		        " province:MÃ_TỈNH",
		        s);
	return rc ? rc : assign_units(g, e);
}
