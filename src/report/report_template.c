/* report_template.c — see report_template.h. */
#include "report/report_template.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/money.h"
#include "core/period.h"
#include "store/store_report.h"

/* The parse: where we are in the document (for messages), and the output. */
typedef struct Ctx {
	Arena *arena;
	Template *t;
	Err *e;
	char path[256];
	size_t plen;
} Ctx;

static void push(Ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void push(Ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (c->plen < sizeof c->path) {
		int n = vsnprintf(c->path + c->plen, sizeof c->path - c->plen, fmt, ap);
		if (n > 0)
			c->plen += (size_t)n;
		if (c->plen >= sizeof c->path)
			c->plen = sizeof c->path - 1;
	}
	va_end(ap);
}

static void pop(Ctx *c, size_t to)
{
	c->plen = to;
	c->path[to] = '\0';
}

static int fail(Ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(Ctx *c, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	return err_field(c->e, "template", KC_EINVAL, "Mẫu báo cáo, %s: %s",
	        c->plen ? c->path : "(gốc)", msg);
}

/* Refuses keys of obj not in allowed (a NULL-terminated list): a misspelt
 * key would otherwise be silently ignored. */
static int only_keys(Ctx *c, json_t *obj, const char *const *allowed)
{
	const char *key;
	json_t *v;
	json_object_foreach(obj, key, v)
	{
		(void)v;
		bool ok = false;
		for (const char *const *a = allowed; *a && !ok; a++)
			ok = !strcmp(*a, key);
		if (!ok)
			return fail(c, "khóa '%.60s' không có trong định dạng mẫu", key);
	}
	return 0;
}

/* A string member: *out is a copy in the arena, or NULL when absent. */
static int str_at(Ctx *c, json_t *obj, const char *key, bool required, const char **out)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v) {
		if (required)
			return fail(c, "thiếu '%s'", key);
		return 0;
	}
	if (!json_is_string(v))
		return fail(c, "'%s' phải là chuỗi", key);
	size_t n = json_string_length(v);
	if (n > TPL_TEXT_MAX)
		return fail(c, "'%s' dài quá %d byte", key, TPL_TEXT_MAX);
	if (memchr(json_string_value(v), '\0', n))
		return fail(c, "'%s' chứa ký tự NUL", key);
	*out = arena_strndup(c->arena, json_string_value(v), n);
	return 0;
}

static int int_at(Ctx *c, json_t *obj, const char *key, int64_t min, int64_t max, int64_t *out)
{
	json_t *v = json_object_get(obj, key);
	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
		return fail(c, "'%s' phải là số nguyên từ %lld đến %lld", key, (long long)min,
		        (long long)max);
	*out = json_integer_value(v);
	return 0;
}

/* s is one of choices[0..n): its index in *out. */
static int choice(
        Ctx *c, const char *key, const char *s, const char *const *choices, int n, int *out)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(s, choices[i])) {
			*out = i;
			return 0;
		}
	char list[200] = "";
	for (int i = 0, k = 0; i < n; i++)
		k += snprintf(list + k, sizeof list - (size_t)k, "%s%s", i ? ", " : "", choices[i]);
	return fail(c, "'%s' là '%.40s'; chọn một trong: %s", key, s, list);
}

/* An identifier: letters, digits, '_', '-', ':'; 1..64 bytes. */
static bool ident_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		            (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' || ch == ':' ||
		            ch == '.'))
			return false;
	}
	return true;
}

int tpl_dim(int src, const char *name)
{
	if (src < 0 || src >= SRC_COUNT || !name)
		return -1;
	const StoreSourceInfo *s = store_report_source_info(src);
	for (int i = 0; i < STORE_FACT_DIMS && s->dims[i]; i++)
		if (!strcmp(s->dims[i], name))
			return i;
	return -1;
}

/* ---- Filters and record measures ---------------------------------------------------- */

/* {"dim": ["v1", "v2"], ...} into w[0..*n). src >= 0 checks each dimension
 * exists in that source. */
static int parse_where(Ctx *c, json_t *obj, int src, TplWhere *w, int *n)
{
	*n = 0;
	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return fail(c, "'where' phải là đối tượng {\"chiều\": [\"giá trị\", ...]}");
	const char *dim;
	json_t *vals;
	json_object_foreach(obj, dim, vals)
	{
		if (*n >= TPL_MAX_WHERE)
			return fail(c, "'where' có quá %d chiều", TPL_MAX_WHERE);
		if (!ident_ok(dim))
			return fail(c, "tên chiều '%.40s' không hợp lệ", dim);
		if (src >= 0 && tpl_dim(src, dim) < 0)
			return fail(c, "nguồn '%s' không có chiều '%.40s'",
			        store_report_source_info(src)->name, dim);
		TplWhere *x = &w[(*n)++];
		x->dim = arena_strdup(c->arena, dim);
		if (json_is_string(vals))
			vals = json_pack("[O]", vals);
		else
			json_incref(vals);
		int rc = 0;
		if (!json_is_array(vals) || json_array_size(vals) == 0 ||
		        json_array_size(vals) > TPL_MAX_VALUES)
			rc = fail(c, "'where.%s' phải là chuỗi hoặc mảng 1..%d chuỗi", dim,
			        TPL_MAX_VALUES);
		for (size_t i = 0; rc == 0 && i < json_array_size(vals); i++) {
			json_t *s = json_array_get(vals, i);
			if (!json_is_string(s) || json_string_length(s) > 64)
				rc = fail(c, "'where.%s' phải là chuỗi ngắn", dim);
			else
				x->vals[x->n++] = arena_strdup(c->arena, json_string_value(s));
		}
		json_decref(vals);
		if (rc)
			return rc;
	}
	return 0;
}

/* {"records": "source.measure", "where": {...}} into *r. */
static int parse_records(Ctx *c, json_t *obj, const char *key, TplRecords *r)
{
	r->src = r->meas = -1;
	r->n_where = 0;
	const char *spec;
	int rc = str_at(c, obj, key, false, &spec);
	if (rc || !spec)
		return rc;
	const char *dot = strchr(spec, '.');
	char name[40];
	size_t n = dot ? (size_t)(dot - spec) : 0;
	if (!dot || n >= sizeof name)
		return fail(c, "'%s' phải viết 'nguồn.số_đo' (ví dụ 'training.trainees')", key);
	memcpy(name, spec, n);
	name[n] = '\0';
	if ((r->src = store_report_source(name)) < 0 || r->src == SRC_FIGURE)
		return fail(c, "'%s': không có nguồn số liệu '%s'", key, name);
	const StoreSourceInfo *s = store_report_source_info(r->src);
	for (int i = 0; i < STORE_FACT_MEASURES && s->measures[i]; i++)
		if (!strcmp(s->measures[i], dot + 1))
			r->meas = i;
	if (r->meas < 0)
		return fail(c, "'%s': nguồn '%s' không có số đo '%.40s'", key, name, dot + 1);
	return 0;
}

static int parse_measure(Ctx *c, const char *slot, json_t *obj, TplMeasure *m)
{
	static const char *const keys[] = {"indicator", "records", "where", "plan", "from", NULL};
	static const char *const plan_keys[] = {"records", "where", NULL};
	static const char *const froms[] = {"both", "records", "aggregate"};
	if (!json_is_object(obj))
		return fail(c, "số đo phải là đối tượng");
	int rc = only_keys(c, obj, keys);
	m->slot = arena_strdup(c->arena, slot);
	if (rc || (rc = str_at(c, obj, "indicator", false, &m->indicator)) ||
	        (rc = parse_records(c, obj, "records", &m->rec)))
		return rc;
	if ((rc = parse_where(
	             c, json_object_get(obj, "where"), m->rec.src, m->rec.where, &m->rec.n_where)))
		return rc;
	if (m->rec.src < 0 && m->rec.n_where)
		return fail(c, "'where' chỉ dùng cùng 'records'");
	json_t *plan = json_object_get(obj, "plan");
	m->plan.src = -1;
	if (plan) {
		size_t at = c->plen;
		push(c, ".plan");
		if (!json_is_object(plan))
			return fail(c, "phải là đối tượng {\"records\": ..., \"where\": ...}");
		if ((rc = only_keys(c, plan, plan_keys)) ||
		        (rc = parse_records(c, plan, "records", &m->plan)) ||
		        (rc = parse_where(c, json_object_get(plan, "where"), m->plan.src,
		                 m->plan.where, &m->plan.n_where)))
			return rc;
		pop(c, at);
	}
	const char *from;
	int k = 0;
	if ((rc = str_at(c, obj, "from", false, &from)))
		return rc;
	if (from && (rc = choice(c, "from", from, froms, 3, &k)))
		return rc;
	m->from = (TplFrom)k;
	if (!m->indicator && m->rec.src < 0)
		return fail(c, "cần 'indicator' (số liệu tổng hợp) hoặc 'records' (hồ sơ)");
	if (m->from == FROM_RECORDS && m->rec.src < 0)
		return fail(c, "'from' là 'records' nhưng không có 'records'");
	if (m->from == FROM_AGGREGATE && !m->indicator)
		return fail(c, "'from' là 'aggregate' nhưng không có 'indicator'");
	return 0;
}

/* ---- Columns ------------------------------------------------------------------------ */

static int column_index(const Template *t, const char *id)
{
	for (int i = 0; i < t->n_cols; i++)
		if (!strcmp(t->cols[i].id, id))
			return i;
	return -1;
}

static int parse_ratio_refs(Ctx *c, json_t *obj, TplColumn *col)
{
	json_t *r = json_object_get(obj, "ratio");
	if (!json_is_array(r) || json_array_size(r) != 2 || !json_is_string(json_array_get(r, 0)) ||
	        !json_is_string(json_array_get(r, 1)))
		return fail(c, "'ratio' phải là [\"cột tử số\", \"cột mẫu số\"]");
	col->ratio_a = column_index(c->t, json_string_value(json_array_get(r, 0)));
	col->ratio_b = column_index(c->t, json_string_value(json_array_get(r, 1)));
	if (col->ratio_a < 0 || col->ratio_b < 0)
		return fail(c, "'ratio' phải chỉ tới hai cột đứng trước nó");
	if (c->t->cols[col->ratio_a].show != SHOW_VALUE &&
	        c->t->cols[col->ratio_a].show != SHOW_RATIO)
		return fail(c, "'ratio' chỉ chia các cột số");
	return 0;
}

static int parse_column(Ctx *c, json_t *obj, TplColumn *col)
{
	static const char *const keys[] = {"id", "label", "group", "show", "measure", "figure",
	        "period", "where", "ratio", "ratio_kind", "attr", "decimals", "width", NULL};
	static const char *const shows[] = {
	        "no", "label", "unit", "value", "ratio", "attr", "note"};
	static const char *const figures[] = {"actual", "plan", "estimate", "target"};
	static const char *const windows[] = {"current", "last_year", "cumulative", "baseline"};
	static const char *const ratios[] = {"percent", "times"};
	if (!json_is_object(obj))
		return fail(c, "cột phải là đối tượng");
	const char *show = NULL, *fig = NULL, *win = NULL, *rk = NULL;
	int rc, k = 0;
	if ((rc = only_keys(c, obj, keys)) || (rc = str_at(c, obj, "id", true, &col->id)) ||
	        (rc = str_at(c, obj, "label", true, &col->label)) ||
	        (rc = str_at(c, obj, "group", false, &col->group)) ||
	        (rc = str_at(c, obj, "show", false, &show)) ||
	        (rc = str_at(c, obj, "measure", false, &col->slot)) ||
	        (rc = str_at(c, obj, "figure", false, &fig)) ||
	        (rc = str_at(c, obj, "period", false, &win)) ||
	        (rc = str_at(c, obj, "ratio_kind", false, &rk)) ||
	        (rc = str_at(c, obj, "attr", false, &col->attr)))
		return rc;
	if (!ident_ok(col->id))
		return fail(c, "mã cột '%.40s' không hợp lệ", col->id);
	if (column_index(c->t, col->id) >= 0)
		return fail(c, "mã cột '%s' trùng", col->id);
	if ((rc = choice(c, "show", show ? show : "value", shows, 7, &k)))
		return rc;
	col->show = (TplShow)k;
	k = 0;
	if (fig && (rc = choice(c, "figure", fig, figures, 4, &k)))
		return rc;
	col->figure = (TplFigure)k;
	k = 0;
	if (win && (rc = choice(c, "period", win, windows, 4, &k)))
		return rc;
	col->window = (TplWindow)k;
	k = 0;
	if (rk && (rc = choice(c, "ratio_kind", rk, ratios, 2, &k)))
		return rc;
	col->ratio = (TplRatio)k;
	int64_t dec = col->show == SHOW_RATIO && col->ratio == RATIO_TIMES ? 2 : 0, width = 0;
	if ((rc = int_at(c, obj, "decimals", 0, 2, &dec)) ||
	        (rc = int_at(c, obj, "width", 0, 200, &width)) ||
	        (rc = parse_where(c, json_object_get(obj, "where"), -1, col->where, &col->n_where)))
		return rc;
	col->decimals = (int)dec;
	col->width = (int)width;
	col->ratio_a = col->ratio_b = -1;
	if (col->show == SHOW_VALUE && !col->slot)
		return fail(c, "cột số cần 'measure' (tên số đo của dòng, ví dụ 'qty')");
	if (col->show == SHOW_RATIO && (rc = parse_ratio_refs(c, obj, col)))
		return rc;
	if (col->show == SHOW_ATTR && !col->attr)
		return fail(c, "cột 'attr' cần 'attr' (tên chiều, ví dụ 'status')");
	return 0;
}

/* ---- Rows --------------------------------------------------------------------------- */

static int count_rows(const TplRow *v, int n)
{
	int k = n;
	for (int i = 0; i < n; i++)
		k += count_rows(v[i].kids, v[i].n_kids);
	return k;
}

static int parse_rows(Ctx *c, json_t *arr, int depth, TplRow **out, int *n);

static int parse_formula(Ctx *c, json_t *obj, TplRow *r)
{
	static const char *const keys[] = {"op", "of", "columns", NULL};
	static const char *const ops[] = {"sum", "percent", "times", "per"};
	if (!json_is_object(obj))
		return fail(c, "'formula' phải là đối tượng {\"op\": ..., \"of\": [...]}");
	const char *op;
	int k, rc;
	if ((rc = only_keys(c, obj, keys)) || (rc = str_at(c, obj, "op", true, &op)) ||
	        (rc = choice(c, "op", op, ops, 4, &k)))
		return rc;
	r->op = (TplOp)(k + 1);
	json_t *cols = json_object_get(obj, "columns");
	if (cols && (!json_is_array(cols) || json_array_size(cols) == 0))
		return fail(c, "'columns' phải là mảng mã cột");
	for (size_t i = 0; i < json_array_size(cols); i++) {
		int col = column_index(c->t, json_string_value(json_array_get(cols, i)));
		if (col < 0 || c->t->cols[col].show != SHOW_VALUE)
			return fail(c, "'columns' phải là mảng mã cột số (show value)");
		r->cols[col] = true;
	}
	for (int i = 0; !cols && i < c->t->n_cols; i++)
		r->cols[i] = c->t->cols[i].show == SHOW_VALUE;
	json_t *of = json_object_get(obj, "of");
	if (!of && r->op == OP_SUM)
		return 0; /* the children */
	size_t need = r->op == OP_SUM ? 0 : 2;
	if (!json_is_array(of) || json_array_size(of) > TPL_MAX_OF ||
	        (need && json_array_size(of) != need) || json_array_size(of) == 0)
		return fail(c, "'of' phải là mảng mã dòng (%s)",
		        need ? "đúng hai: tử số, mẫu số" : "một hoặc nhiều");
	for (size_t i = 0; i < json_array_size(of); i++) {
		json_t *s = json_array_get(of, i);
		if (!json_is_string(s) || !ident_ok(json_string_value(s)))
			return fail(c, "'of' phải là mảng mã dòng");
		r->of[r->n_of++] = arena_strdup(c->arena, json_string_value(s));
	}
	return 0;
}

static int parse_scopes(Ctx *c, json_t *arr, TplRow *r)
{
	static const char *const kinds[] = {"nation", "region", "province"};
	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > 3)
		return fail(c, "'scopes' phải là mảng trong: nation, region, province");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *s = json_array_get(arr, i);
		int k, rc;
		if (!json_is_string(s))
			return fail(c, "'scopes' phải là mảng chuỗi");
		if ((rc = choice(c, "scopes", json_string_value(s), kinds, 3, &k)))
			return rc;
		r->scopes[r->n_scopes++] = kinds[k];
	}
	return 0;
}

static int parse_measures(Ctx *c, json_t *obj, TplRow *r)
{
	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return fail(c, "'measures' phải là đối tượng {\"tên\": {...}}");
	const char *slot;
	json_t *m;
	json_object_foreach(obj, slot, m)
	{
		if (r->n_m >= TPL_MAX_SLOTS)
			return fail(c, "một dòng có tối đa %d số đo", TPL_MAX_SLOTS);
		if (!ident_ok(slot))
			return fail(c, "tên số đo '%.40s' không hợp lệ", slot);
		size_t at = c->plen;
		push(c, ".measures.%s", slot);
		int rc = parse_measure(c, slot, m, &r->m[r->n_m++]);
		if (rc)
			return rc;
		pop(c, at);
	}
	return 0;
}

/* Every measure of the row must know the row's filter dimensions and the
 * dimension it expands by. */
static int check_row_dims(Ctx *c, const TplRow *r)
{
	for (int i = 0; i < r->n_m; i++) {
		const TplRecords *rec = &r->m[i].rec;
		if (rec->src < 0)
			continue;
		const char *src = store_report_source_info(rec->src)->name;
		for (int k = 0; k < r->n_where; k++)
			if (tpl_dim(rec->src, r->where[k].dim) < 0)
				return fail(c,
				        "'where.%s': nguồn '%s' của số đo '%s' không có chiều này",
				        r->where[k].dim, src, r->m[i].slot);
		if (r->each && strcmp(r->each, "province") && tpl_dim(rec->src, r->each) < 0)
			return fail(c, "'each': nguồn '%s' của số đo '%s' không có chiều '%s'", src,
			        r->m[i].slot, r->each);
	}
	if (r->each && strcmp(r->each, "province") && r->n_m == 0)
		return fail(c, "'each' cần ít nhất một số đo từ hồ sơ");
	return 0;
}

static int parse_row(Ctx *c, json_t *obj, int depth, TplRow *r)
{
	static const char *const keys[] = {"id", "no", "label", "unit", "note", "measures", "where",
	        "each", "all", "scopes", "total", "formula", "rows", NULL};
	if (!json_is_object(obj))
		return fail(c, "dòng phải là đối tượng");
	int rc;
	r->depth = depth;
	if ((rc = only_keys(c, obj, keys)) || (rc = str_at(c, obj, "id", false, &r->id)) ||
	        (rc = str_at(c, obj, "no", false, &r->no)) ||
	        (rc = str_at(c, obj, "label", true, &r->label)) ||
	        (rc = str_at(c, obj, "unit", false, &r->unit)) ||
	        (rc = str_at(c, obj, "note", false, &r->note)) ||
	        (rc = str_at(c, obj, "each", false, &r->each)) ||
	        (rc = parse_measures(c, json_object_get(obj, "measures"), r)) ||
	        (rc = parse_where(c, json_object_get(obj, "where"), -1, r->where, &r->n_where)) ||
	        (rc = parse_scopes(c, json_object_get(obj, "scopes"), r)))
		return rc;
	if (r->id && !ident_ok(r->id))
		return fail(c, "mã dòng '%.40s' không hợp lệ", r->id);
	json_t *b = json_object_get(obj, "all"), *tot = json_object_get(obj, "total");
	if ((b && !json_is_boolean(b)) || (tot && !json_is_boolean(tot)))
		return fail(c, "'all' và 'total' phải là true hoặc false");
	r->all_units = b && json_is_true(b);
	r->total = tot && json_is_true(tot);
	json_t *f = json_object_get(obj, "formula");
	if (f && (rc = parse_formula(c, f, r)))
		return rc;
	if (r->op != OP_NONE && (r->n_m || r->each))
		return fail(c, "dòng có 'formula' không có 'measures' hay 'each'");
	json_t *kids = json_object_get(obj, "rows");
	if (kids) {
		if (r->each)
			return fail(c, "dòng có 'each' không có dòng con");
		if (depth + 1 >= TPL_MAX_DEPTH)
			return fail(c, "dòng lồng quá %d cấp", TPL_MAX_DEPTH);
		if ((rc = parse_rows(c, kids, depth + 1, &r->kids, &r->n_kids)))
			return rc;
	}
	return check_row_dims(c, r);
}

static int parse_rows(Ctx *c, json_t *arr, int depth, TplRow **out, int *n)
{
	if (!json_is_array(arr) || json_array_size(arr) > TPL_MAX_ROWS)
		return fail(c, "'rows' phải là mảng tối đa %d dòng", TPL_MAX_ROWS);
	*n = (int)json_array_size(arr);
	*out = arena_alloc(c->arena, (size_t)(*n ? *n : 1) * sizeof **out);
	size_t at = c->plen;
	for (int i = 0; i < *n; i++) {
		push(c, ".rows[%d]", i);
		int rc = parse_row(c, json_array_get(arr, (size_t)i), depth, &(*out)[i]);
		if (rc)
			return rc;
		pop(c, at);
	}
	return 0;
}

/* ---- References between rows ---------------------------------------------------------- */

static const TplRow *find_row(const TplRow *v, int n, const char *id)
{
	for (int i = 0; i < n; i++) {
		if (v[i].id && !strcmp(v[i].id, id))
			return &v[i];
		const TplRow *r = find_row(v[i].kids, v[i].n_kids, id);
		if (r)
			return r;
	}
	return NULL;
}

/* Row ids are unique and formulas name rows that exist. */
static int check_refs(Ctx *c, const TplRow *v, int n)
{
	for (int i = 0; i < n; i++) {
		const TplRow *r = &v[i];
		if (r->id && find_row(c->t->rows, c->t->n_rows, r->id) != r)
			return fail(c, "mã dòng '%s' trùng", r->id);
		for (int k = 0; k < r->n_of; k++)
			if (!find_row(c->t->rows, c->t->n_rows, r->of[k]))
				return fail(c, "dòng '%s': công thức nhắc tới dòng '%s' không có",
				        r->label, r->of[k]);
		if (r->op == OP_SUM && r->n_of == 0 && r->n_kids == 0)
			return fail(c, "dòng '%s': 'sum' không có 'of' cần có dòng con", r->label);
		int rc = check_refs(c, r->kids, r->n_kids);
		if (rc)
			return rc;
	}
	return 0;
}

/* ---- The document ------------------------------------------------------------------- */

static int parse_periods(Ctx *c, json_t *arr)
{
	static const char *const kinds[] = {
	        "month", "quarter", "half", "nine_months", "year", "phase", "cumulative"};
	if (!arr) {
		c->t->periods = ~0u;
		return 0;
	}
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > 7)
		return fail(c, "'periods' phải là mảng các loại kỳ");
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *s = json_array_get(arr, i);
		int k, rc;
		if (!json_is_string(s))
			return fail(c, "'periods' phải là mảng chuỗi");
		if ((rc = choice(c, "periods", json_string_value(s), kinds, 7, &k)))
			return rc;
		c->t->periods |= 1u << (PERIOD_MONTH + k);
	}
	return 0;
}

static int parse_filters(Ctx *c, json_t *obj)
{
	static const char *const keys[] = {"program_level", "funding_sources", NULL};
	static const char *const levels[] = {"all", "national", "local"};
	c->t->level = "all";
	if (!obj)
		return 0;
	const char *level;
	int k, rc;
	if (!json_is_object(obj))
		return fail(c, "'filters' phải là đối tượng");
	if ((rc = only_keys(c, obj, keys)) || (rc = str_at(c, obj, "program_level", false, &level)))
		return rc;
	if (level && (rc = choice(c, "program_level", level, levels, 3, &k)))
		return rc;
	if (level)
		c->t->level = levels[k];
	json_t *src = json_object_get(obj, "funding_sources");
	if (!src)
		return 0;
	if (!json_is_array(src) || json_array_size(src) > TPL_MAX_SOURCES)
		return fail(
		        c, "'funding_sources' phải là mảng tối đa %d mã nguồn", TPL_MAX_SOURCES);
	for (size_t i = 0; i < json_array_size(src); i++) {
		json_t *s = json_array_get(src, i);
		if (!json_is_string(s) || !ident_ok(json_string_value(s)))
			return fail(c, "'funding_sources' phải là mảng mã nguồn");
		c->t->sources[c->t->n_sources++] = arena_strdup(c->arena, json_string_value(s));
	}
	return 0;
}

static int parse_labels(Ctx *c, json_t *obj)
{
	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return fail(c, "'labels' phải là đối tượng {\"chiều\": {\"mã\": \"nhãn\"}}");
	const char *dim, *code;
	json_t *map, *label;
	json_object_foreach(obj, dim, map)
	{
		if (!json_is_object(map))
			return fail(c, "'labels.%.40s' phải là đối tượng {\"mã\": \"nhãn\"}", dim);
		json_object_foreach(map, code, label)
		{
			if (c->t->n_labels >= TPL_MAX_LABELS)
				return fail(c, "'labels' có quá %d nhãn", TPL_MAX_LABELS);
			if (!json_is_string(label) || json_string_length(label) > TPL_TEXT_MAX)
				return fail(c, "'labels.%.40s.%.40s' phải là chuỗi", dim, code);
			c->t->labels[c->t->n_labels++] = (TplLabel){arena_strdup(c->arena, dim),
			        arena_strdup(c->arena, code),
			        arena_strdup(c->arena, json_string_value(label))};
		}
	}
	return 0;
}

static int parse_phases(Ctx *c, json_t *obj)
{
	static const char *const keys[] = {"first", "length", NULL};
	int64_t first = 2016, length = 5; /* 2016-2020, 2021-2025, 2026-2030 (DOMAIN §2.4) */
	int rc = 0;
	if (obj &&
	        (!json_is_object(obj) || (rc = only_keys(c, obj, keys)) ||
	                (rc = int_at(c, obj, "first", PERIOD_MIN_YEAR, PERIOD_MAX_YEAR, &first)) ||
	                (rc = int_at(c, obj, "length", 2, 20, &length))))
		return rc ? rc : fail(c, "'phases' phải là {\"first\": năm, \"length\": số năm}");
	c->t->phase_first = (int)first;
	c->t->phase_length = (int)length;
	return 0;
}

static int parse_bands(Ctx *c, json_t *arr)
{
	int64_t def[3] = {10, 50, 200}; /* workers; UNSURE, hence data (docs/reports.md) */
	memcpy(c->t->size_bands, def, sizeof def);
	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) != 3)
		return fail(c, "'size_bands' phải là mảng ba ngưỡng lao động tăng dần");
	for (size_t i = 0; i < 3; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_integer(v) || json_integer_value(v) < 1 ||
		        (i && json_integer_value(v) <= c->t->size_bands[i - 1]))
			return fail(c, "'size_bands' phải là mảng ba ngưỡng lao động tăng dần");
		c->t->size_bands[i] = json_integer_value(v);
	}
	return 0;
}

static int parse_columns(Ctx *c, json_t *arr)
{
	if (!json_is_array(arr) || json_array_size(arr) == 0 || json_array_size(arr) > TPL_MAX_COLS)
		return fail(c, "'columns' phải là mảng 1..%d cột", TPL_MAX_COLS);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		size_t at = c->plen;
		push(c, "columns[%zu]", i);
		int rc = parse_column(c, json_array_get(arr, i), &c->t->cols[c->t->n_cols]);
		if (rc)
			return rc;
		c->t->n_cols++;
		pop(c, at);
	}
	return 0;
}

static int parse_money_unit(Ctx *c, json_t *obj)
{
	static const char *const units[] = {"đồng", "nghìn đồng", "triệu đồng", "tỷ đồng"};
	const char *s;
	int k = MONEY_TRIEU, rc = str_at(c, obj, "money_unit", false, &s);
	if (rc == 0 && s)
		rc = choice(c, "money_unit", s, units, 4, &k);
	c->t->money_unit = k;
	return rc;
}

static int parse_notes(Ctx *c, json_t *arr)
{
	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > TPL_MAX_NOTES)
		return fail(c, "'notes' phải là mảng tối đa %d chuỗi", TPL_MAX_NOTES);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *s = json_array_get(arr, i);
		if (!json_is_string(s) || json_string_length(s) > TPL_TEXT_MAX)
			return fail(c, "'notes' phải là mảng chuỗi");
		c->t->notes[c->t->n_notes++] = arena_strdup(c->arena, json_string_value(s));
	}
	return 0;
}

static int parse_doc(Ctx *c, json_t *root)
{
	static const char *const keys[] = {"id", "version", "position", "form", "title", "abstract",
	        "periods", "money_unit", "filters", "phases", "size_bands", "labels", "columns",
	        "rows", "notes", NULL};
	Template *t = c->t;
	int64_t version = 1, position = 0;
	int rc;
	if (!json_is_object(root))
		return fail(c, "tài liệu phải là một đối tượng JSON");
	if ((rc = only_keys(c, root, keys)) || (rc = str_at(c, root, "id", true, &t->id)) ||
	        (rc = int_at(c, root, "version", 1, 1000000, &version)) ||
	        (rc = int_at(c, root, "position", 0, 10000, &position)) ||
	        (rc = str_at(c, root, "form", false, &t->form)) ||
	        (rc = str_at(c, root, "title", true, &t->title)) ||
	        (rc = str_at(c, root, "abstract", false, &t->abstract)) ||
	        (rc = parse_periods(c, json_object_get(root, "periods"))) ||
	        (rc = parse_money_unit(c, root)) ||
	        (rc = parse_filters(c, json_object_get(root, "filters"))) ||
	        (rc = parse_phases(c, json_object_get(root, "phases"))) ||
	        (rc = parse_bands(c, json_object_get(root, "size_bands"))) ||
	        (rc = parse_labels(c, json_object_get(root, "labels"))) ||
	        (rc = parse_columns(c, json_object_get(root, "columns"))) ||
	        (rc = parse_rows(c, json_object_get(root, "rows"), 0, &t->rows, &t->n_rows)) ||
	        (rc = parse_notes(c, json_object_get(root, "notes"))))
		return rc;
	if (!ident_ok(t->id))
		return fail(c, "mã mẫu '%.40s' chỉ gồm chữ không dấu, số và '_'", t->id);
	t->version = (int)version;
	t->position = (int)position;
	if (count_rows(t->rows, t->n_rows) > TPL_MAX_ROWS)
		return fail(c, "mẫu có quá %d dòng", TPL_MAX_ROWS);
	return check_refs(c, t->rows, t->n_rows);
}

int tpl_parse(const char *json, size_t len, Arena *arena, Template *out, Err *e)
{
	*out = (Template){0};
	Ctx c = {.arena = arena, .t = out, .e = e};
	if (len > TPL_MAX_BYTES)
		return err_field(e, "template", KC_EINVAL, "Mẫu báo cáo dài quá %d KiB",
		        TPL_MAX_BYTES / 1024);
	json_error_t je;
	json_t *root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
	if (!root)
		return err_field(e, "template", KC_EINVAL,
		        "Mẫu báo cáo không phải JSON hợp lệ (dòng %d, cột %d): %s", je.line,
		        je.column, je.text);
	int rc = parse_doc(&c, root);
	json_decref(root);
	return rc;
}

const char *tpl_label(const Template *t, const char *dim, const char *code)
{
	for (int i = 0; i < t->n_labels; i++)
		if (!strcmp(t->labels[i].dim, dim) && !strcmp(t->labels[i].code, code))
			return t->labels[i].label;
	return NULL;
}
