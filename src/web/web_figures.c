/* web_figures.c — aggregate figures as a list (web_kind.h): filter by
 * indicator, province, period, kind of figure and programme level; one
 * figure, its deletion and its history; export. Figures are entered in the
 * entry grid and by import. */
#include "api/api_routes.h"
#include "store/store_aggregate.h"
#include "store/store_reference.h"
#include "web/web_kind.h"
#include "web/web_routes.h"

static const char *const figure_kinds[] = {
        "plan", "Kế hoạch", "actual", "Thực hiện", "estimate", "Ước thực hiện"};
static const char *const figure_kind_values[] = {"plan", "actual", "estimate", NULL};
static const char *const program_levels[] = {
        "national", "Khuyến công quốc gia", "local", "Khuyến công địa phương", "all", "Cả hai cấp"};
static const char *const program_level_values[] = {"national", "local", "all", NULL};

const Param web_figure_list_params[] = {
        WEB_KIND_LIST_PARAMS,
        {"indicator", PARAM_TEXT, 0, 64, NULL, "Chỉ tiêu (mã)", false},
        {"period", PARAM_TEXT, 0, 64, NULL, "Kỳ (\"2016-H1\", \"năm 2019\")", false},
        {"figure_kind", PARAM_ENUM, 0, 0, figure_kind_values, "Loại số liệu", false},
        {"program_level", PARAM_ENUM, 0, 0, program_level_values, "Cấp chương trình", false},
        {NULL},
};

const char *const *web_kind_indicators(Ctx *c, int *n)
{
	RefFilter f = {.limit = 500};
	RefList l = {0};
	Err e = {0};
	*n = 0;
	if (store_ref_list(c->db, &store_ref_indicators, &f, c->arena, &l, &e))
		return NULL;
	const char **v = arena_alloc(c->arena, (size_t)(3 * l.n + 3) * sizeof *v);
	for (int i = 0; i < l.n; i++) {
		const Indicator *x = store_ref_at(&store_ref_indicators, &l, i);
		v[3 * i] = x->code, v[3 * i + 1] = x->label_vi, v[3 * i + 2] = x->value_kind;
	}
	*n = l.n;
	return v;
}

static void blank(const WebKind *k, void *out)
{
	(void)k;
	*(AggregateFigure *)out = store_aggregate_blank();
}

static int get(Ctx *c, const WebKind *k, int64_t id, void *out)
{
	(void)k;
	return store_aggregate_get(c->db, id, c->arena, out, &c->err);
}

static int list(Ctx *c, const WebKind *k, int limit, int offset, WebRows *out)
{
	(void)k;
	AggregateFilter f = store_aggregate_filter();
	const char *indicator = web_kind_text(c, "indicator");
	if (indicator)
		f.indicators = &indicator, f.n_indicators = 1;
	f.current_province = web_kind_province(c);
	f.period = web_kind_text(c, "period");
	f.figure_kind = web_kind_text(c, "figure_kind");
	f.program_level = web_kind_text(c, "program_level");
	f.limit = limit;
	f.offset = offset;
	AggregateList l = {0};
	int rc = store_aggregate_list(c->db, &f, c->arena, &l, &c->err);
	*out = (WebRows){l.v, l.n, l.total};
	return rc;
}

static int remove_figure(Ctx *c, const WebKind *k, const void *rec)
{
	(void)k;
	const AggregateFigure *x = rec;
	return store_aggregate_delete(c->db, &c->actor, x->id, x->version, &c->err);
}

static const WebField fields[] = {
        {"indicator_code", "Chỉ tiêu", WW_INDICATOR, WF_LIST | WF_SEARCH},
        {"scope_code", "Tỉnh, vùng", WW_PROVINCE, WF_LIST | WF_SEARCH, .list_field = "scope_list"},
        {"period", "Kỳ", WW_TEXT, WF_LIST | WF_SEARCH},
        {"figure_kind", "Loại số liệu", WW_CHOICE, WF_LIST, figure_kinds, 3},
        {"program_level", "Cấp chương trình", WW_CHOICE, 0, program_levels, 3},
        {"value", "Giá trị", WW_FIGURE, WF_LIST},
        {"qualifier", "Chú thích số liệu", WW_TEXT},
        {"source", "Nguồn số liệu", WW_TEXT, WF_SEARCH},
        {"note", "Ghi chú", WW_NOTE, WF_SEARCH},
};
static const WebField filters[] = {
        {"q", "Tìm theo chỉ tiêu, nguồn", WW_TEXT},
        {"indicator", "Chỉ tiêu", WW_INDICATOR},
        {"province", "Tỉnh", WW_PROVINCE},
        {"period", "Kỳ", WW_TEXT},
        {"figure_kind", "Loại số liệu", WW_CHOICE, 0, figure_kinds, 3},
        {"program_level", "Cấp chương trình", WW_CHOICE, 0, program_levels, 3},
};

const WebKind web_kind_figure = {
        .path = "/so-lieu",
        .nav = "so-lieu",
        .title = "Số liệu tổng hợp",
        .one = "Số liệu",
        .empty = "Không có số liệu nào khớp với điều kiện lọc.",
        .links = {{"/so-lieu/nhap", "Nhập số liệu theo bảng", ROLE_VIEWER},
                {"/so-lieu/vung", "Tổng hợp theo vùng", ROLE_VIEWER, true}},
        .file = "so-lieu-tong-hop",
        .export_title = "SỐ LIỆU TỔNG HỢP",
        .schema = &api_aggregate_schema,
        .size = sizeof(AggregateFigure),
        .fields = fields,
        .n_fields = (int)(sizeof fields / sizeof fields[0]),
        .filters = filters,
        .n_filters = (int)(sizeof filters / sizeof filters[0]),
        .blank = blank,
        .get = get,
        .list = list,
        .remove = remove_figure,
        .audit = "aggregate_figure",
};
