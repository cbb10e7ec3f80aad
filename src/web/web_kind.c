/* web_kind.c — the list, record and form pages of the kinds web_kind.h
 * declares, and their handlers (named by http_routes.c). */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "core/money.h"
#include "core/num.h"
#include "core/vntext.h"
#include "store/store_establishment.h"
#include "store/store_org.h"
#include "store/store_product.h"
#include "store/store_project.h"
#include "web/web_admin.h"
#include "web/web_export.h"
#include "web/web_kind.h"
#include "web/web_routes.h"

const char *const web_kind_formats[] = {"csv", "xlsx", NULL};
const char *const web_kind_notices[] = {"da-them", "da-luu", "da-xoa", NULL};

const Param web_kind_show_params[] = {
        {"tb", PARAM_ENUM, 0, 0, web_kind_notices, "Thông báo sau khi lưu", false},
        {NULL},
};

static const WebKind *const kinds[] = {&web_kind_training, &web_kind_fair, &web_kind_media,
        &web_kind_tour, &web_kind_consulting, &web_kind_product, &web_kind_cert,
        &web_kind_inspection, &web_kind_org, &web_kind_figure};

/* The length of prefix when pattern is prefix or lies under it, else 0. */
static size_t under(const char *pattern, const char *prefix)
{
	size_t n = prefix ? strlen(prefix) : 0;
	return n && !strncmp(pattern, prefix, n) && (!pattern[n] || pattern[n] == '/') ? n : 0;
}

/* The kind the route serves, by its pattern: the kind whose path, or path
 * it is created under, is the longest start of it ("/san-pham/{id}/chung-nhan"
 * is the certificates', "/san-pham/{id}" the products'). */
static const WebKind *kind_of(Ctx *c)
{
	const WebKind *best = NULL;
	size_t len = 0;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		size_t a = under(c->route->pattern, kinds[i]->path);
		size_t b = under(c->route->pattern, kinds[i]->create_under);
		if (a > len || b > len)
			best = kinds[i], len = a > b ? a : b;
	}
	if (!best)
		err_set(&c->err, KC_EIO, "no kind of record for route '%s'", c->route->pattern);
	return best;
}

/* ---- Query parameters ------------------------------------------------------------------ */

int64_t web_kind_int(const Ctx *c, const char *name, int64_t dflt)
{
	const ParamValue *v = ctx_param(c, name);
	return v->set ? v->i : dflt;
}

const char *web_kind_text(const Ctx *c, const char *name)
{
	const ParamValue *v = ctx_param(c, name);
	return v->set && v->s && *v->s ? v->s : NULL;
}

const char *web_kind_province(const Ctx *c)
{
	return *c->province ? c->province : NULL;
}

/* ---- Fields of a record through the schema -------------------------------------------- */

static const Field *schema_of(const WebKind *k, const char *name)
{
	const Field *f = schema_field(k->schema, name);
	if (!f) /* a declaration naming no field of its schema: a programming error */
		abort();
	return f;
}

const char *web_kind_str(const WebKind *k, const void *rec, const char *name)
{
	const Field *f = schema_of(k, name);
	return f->type == FIELD_TEXT ? *(const char *const *)((const char *)rec + f->off) : NULL;
}

int64_t web_kind_num(const WebKind *k, const void *rec, const char *name)
{
	const Field *f = schema_of(k, name);
	const char *p = (const char *)rec + f->off;
	switch (f->type) {
	case FIELD_I64: return *(const int64_t *)p;
	case FIELD_INT: return *(const int *)p;
	case FIELD_BOOL: return *(const bool *)p;
	case FIELD_TEXT: break;
	}
	return f->unknown;
}

static bool is_unknown(const WebKind *k, const void *rec, const char *name)
{
	return web_kind_num(k, rec, name) == schema_of(k, name)->unknown;
}

static void set_text(const WebKind *k, void *rec, const char *name, const char *v)
{
	const Field *f = schema_of(k, name);
	if (f->type == FIELD_TEXT)
		*(const char **)((char *)rec + f->off) = v;
}

static void set_num(const WebKind *k, void *rec, const char *name, int64_t v)
{
	const Field *f = schema_of(k, name);
	char *p = (char *)rec + f->off;
	if (f->type == FIELD_I64)
		*(int64_t *)p = v;
	else if (f->type == FIELD_INT)
		*(int *)p = (int)v;
}

static bool has_field(const WebKind *k, const char *name)
{
	return schema_field(k->schema, name) != NULL;
}

static int64_t id_of(const WebKind *k, const void *rec)
{
	return web_kind_num(k, rec, "id");
}

static const WebField *title_field(const WebKind *k)
{
	for (int i = 0; i < k->n_fields; i++)
		if (k->fields[i].flags & WF_TITLE)
			return &k->fields[i];
	return NULL;
}

static const char *list_field(const WebField *f)
{
	return f->list_field ? f->list_field : "province_list";
}

static bool numeric(WebWidget w)
{
	return w == WW_INT || w == WW_YEAR || w == WW_MONEY || w == WW_FIGURE;
}

static char *printf_arena(Ctx *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static char *printf_arena(Ctx *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	Buf b;
	buf_init(&b, 1 << 16);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	char *s = arena_strdup(c->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* ---- What a page reads once: related records' names, indicators ---------------------- */

typedef struct Name {
	WebWidget widget;
	int64_t id;
	const char *name;
} Name;

typedef struct View {
	Ctx *c;
	const WebKind *k;
	Name *names;
	int n_names, cap_names;
	const char *const *indicators; /* (code, label, value kind) */
	int n_indicators;
} View;

static const char *ref_path(WebWidget w)
{
	switch (w) {
	case WW_PROJECT: return "/de-an";
	case WW_ESTABLISHMENT: return "/co-so";
	case WW_PRODUCT: return "/san-pham";
	case WW_ORG: return "/co-quan";
	default: return NULL;
	}
}

/* The name of related record id: a đề án's code and title, an
 * establishment's, product's or organisation's name; NULL if it is gone or
 * the caller may not read it (an id may come from a form: another
 * province's names are not to be read through it). */
static const char *ref_name(View *v, WebWidget w, int64_t id)
{
	for (int i = 0; i < v->n_names; i++)
		if (v->names[i].widget == w && v->names[i].id == id)
			return v->names[i].name;
	Ctx *c = v->c;
	Err e = {0};
	const char *name = NULL;
	if (w == WW_PROJECT) {
		Project p;
		if (!store_project_get(c->db, id, c->arena, &p, &e) &&
		        api_may_read_place(c, p.province_list, p.province_code))
			name = printf_arena(c, "%s — %s", p.code, p.title);
	} else if (w == WW_ESTABLISHMENT) {
		Establishment x;
		if (!store_establishment_get(c->db, id, c->arena, &x, &e) &&
		        api_may_read_place(c, x.province_list, x.province_code))
			name = x.name;
	} else if (w == WW_PRODUCT) {
		Product x;
		Establishment owner;
		if (!store_product_get(c->db, id, c->arena, &x, &e) &&
		        !store_establishment_get(c->db, x.establishment_id, c->arena, &owner, &e) &&
		        api_may_read_place(c, owner.province_list, owner.province_code))
			name = x.name;
	} else if (w == WW_ORG) {
		Organisation x;
		if (!store_org_get(c->db, id, c->arena, &x, &e) &&
		        api_may_read_place(c, x.province_list, x.province_code))
			name = x.name;
	}
	if (v->n_names == v->cap_names) {
		int cap = v->cap_names ? 2 * v->cap_names : 32;
		Name *n2 = arena_alloc(c->arena, (size_t)cap * sizeof *n2);
		if (v->n_names)
			memcpy(n2, v->names, (size_t)v->n_names * sizeof *n2);
		v->names = n2, v->cap_names = cap;
	}
	v->names[v->n_names++] = (Name){w, id, name};
	return name;
}

static void read_indicators(View *v)
{
	if (!v->indicators)
		v->indicators = web_kind_indicators(v->c, &v->n_indicators);
}

/* The label and kind of value of indicator code, or NULL when it has none. */
static const char *const *indicator(View *v, const char *code)
{
	read_indicators(v);
	for (int i = 0; code && i < v->n_indicators; i++)
		if (!strcmp(v->indicators[3 * i], code))
			return &v->indicators[3 * i + 1];
	return NULL;
}

/* The indicators as (code, label) pairs for a select. */
static const char *const *indicator_options(View *v, int *n)
{
	read_indicators(v);
	const char **opt =
	        arena_alloc(v->c->arena, (size_t)(2 * v->n_indicators + 2) * sizeof *opt);
	for (int i = 0; i < v->n_indicators; i++)
		opt[2 * i] = v->indicators[3 * i], opt[2 * i + 1] = v->indicators[3 * i + 1];
	*n = v->n_indicators;
	return opt;
}

/* ---- A field as a person reads it --------------------------------------------------------- */

static const char *choice_label(const WebField *f, const char *code)
{
	for (int i = 0; code && i < f->n_choices; i++)
		if (!strcmp(f->choices[2 * i], code))
			return f->choices[2 * i + 1];
	return code;
}

static const char *int_text(Ctx *c, int64_t v)
{
	Buf b;
	buf_init(&b, 64);
	num_format_int(&b, v);
	const char *s = arena_strdup(c->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const char *money_text(Ctx *c, int64_t v)
{
	Buf b;
	buf_init(&b, 64);
	money_format(&b, v, MONEY_DONG, 0, 0);
	const char *s = arena_strdup(c->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* An aggregate figure in its indicator's unit: "19 %", "1.234.000". */
static const char *figure_text(View *v, const void *rec, int64_t value)
{
	const char *const *ind = indicator(v, web_kind_str(v->k, rec, "indicator_code"));
	const char *kind = ind && ind[1] ? ind[1] : "count";
	if (strcmp(kind, "percent_x100") && strcmp(kind, "ratio_x100"))
		return !strcmp(kind, "money") ? money_text(v->c, value) : int_text(v->c, value);
	Buf b;
	buf_init(&b, 64);
	num_format(&b, value, 2, 2);
	if (!strcmp(kind, "percent_x100"))
		buf_puts(&b, " %");
	const char *s = arena_strdup(v->c->arena, buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* The field as text (NULL: unknown): numbers, money and days in Vietnamese
 * writing, choices and units by their labels, related records by name. */
static const char *field_text(View *v, const WebField *f, const void *rec)
{
	const WebKind *k = v->k;
	Ctx *c = v->c;
	if (f->widget == WW_PROVINCE) {
		const char *code = web_kind_str(k, rec, f->name);
		const char *list = web_kind_str(k, rec, list_field(f));
		if (!code)
			return NULL;
		const char *name = web_province_name(c, list, code);
		return list && !strcmp(list, "legacy") ? printf_arena(c, "%s (cũ)", name) : name;
	}
	const Field *s = schema_of(k, f->name);
	if (s->type == FIELD_TEXT) {
		const char *t = web_kind_str(k, rec, f->name);
		if (!t)
			return NULL;
		if (f->widget == WW_CHOICE)
			return choice_label(f, t);
		if (f->widget == WW_INDICATOR) {
			const char *const *ind = indicator(v, t);
			return ind ? ind[0] : t;
		}
		if (f->widget == WW_DATE) {
			int y, m, d;
			if (sscanf(t, "%4d-%2d-%2d", &y, &m, &d) == 3)
				return printf_arena(c, "%02d/%02d/%04d", d, m, y);
		}
		return t;
	}
	if (is_unknown(k, rec, f->name))
		return NULL;
	int64_t n = web_kind_num(k, rec, f->name);
	switch (f->widget) {
	case WW_INT: return int_text(c, n);
	case WW_MONEY: return money_text(c, n);
	case WW_FIGURE: return figure_text(v, rec, n);
	case WW_PROJECT:
	case WW_ESTABLISHMENT:
	case WW_PRODUCT:
	case WW_ORG: {
		const char *name = ref_name(v, f->widget, n);
		return name ? name : printf_arena(c, "Số %lld", (long long)n);
	}
	default: return printf_arena(c, "%lld", (long long)n);
	}
}

/* The id of the page the field links to, or 0. */
static int64_t link_id(View *v, const WebField *f, const void *rec, const char **path)
{
	*path = ref_path(f->widget);
	if (*path)
		return is_unknown(v->k, rec, f->name) ? 0 : web_kind_num(v->k, rec, f->name);
	if (f->link && f->link_id && !is_unknown(v->k, rec, f->link_id)) {
		*path = f->link;
		return web_kind_num(v->k, rec, f->link_id);
	}
	return 0;
}

/* The field as HTML: its text, escaped, as a link when it names a record. */
static void field_html(View *v, const WebField *f, const void *rec)
{
	Buf *b = web_out(v->c);
	const char *t = field_text(v, f, rec);
	const char *path;
	int64_t id = link_id(v, f, rec, &path);
	if (t && id)
		html_printf(b, "<a href=\"%s/%lld\">%s</a>", path, (long long)id, t);
	else
		web_text_or_dash(v->c, t);
}

/* ---- Lists: reading, searching, sorting ------------------------------------------------ */

typedef struct Rows {
	const void **v;
	int n, cap;
	int64_t total;
} Rows;

static void push(Ctx *c, Rows *r, const void *rec)
{
	if (r->n == r->cap) {
		int cap = r->cap ? 2 * r->cap : 256;
		const void **v2 = arena_alloc(c->arena, (size_t)cap * sizeof *v2);
		if (r->n)
			memcpy(v2, r->v, (size_t)r->n * sizeof *v2);
		r->v = v2, r->cap = cap;
	}
	r->v[r->n++] = rec;
}

/* Whether the folded text of one of the kind's searched fields holds q. */
static bool matches(View *v, const void *rec, const char *q)
{
	Buf f;
	buf_init(&f, 1 << 16);
	bool yes = false;
	for (int i = 0; !yes && i < v->k->n_fields; i++) {
		const WebField *fd = &v->k->fields[i];
		const char *t = fd->flags & WF_SEARCH ? field_text(v, fd, rec) : NULL;
		if (!t)
			continue;
		buf_reset(&f);
		Err e = {0};
		yes = !vn_fold(&f, t, strlen(t), &e) && strstr(buf_cstr(&f), q);
	}
	buf_free(&f);
	return yes;
}

typedef struct SortKey {
	const char *key; /* text columns: the collation key; days: ISO */
	int64_t num;     /* number columns */
	int at;
} SortKey;

static int compare_keys(const SortKey *a, const SortKey *b)
{
	if (a->key || b->key) {
		int r = strcmp(a->key ? a->key : "", b->key ? b->key : "");
		if (r)
			return r;
	} else if (a->num != b->num) {
		return a->num < b->num ? -1 : 1;
	}
	return 0;
}

static int ascending(const void *x, const void *y)
{
	const SortKey *a = x, *b = y;
	int r = compare_keys(a, b);
	return r ? r : a->at - b->at;
}

static int descending(const void *x, const void *y)
{
	const SortKey *a = x, *b = y;
	int r = compare_keys(b, a);
	return r ? r : a->at - b->at;
}

/* The list column the `sort` parameter names ("-title": descending), or NULL. */
static const WebField *sort_field(View *v, bool *desc)
{
	const char *s = web_kind_text(v->c, "sort");
	*desc = s && *s == '-';
	if (s && *desc)
		s++;
	for (int i = 0; s && i < v->k->n_fields; i++)
		if (v->k->fields[i].flags & WF_LIST && !strcmp(v->k->fields[i].name, s))
			return &v->k->fields[i];
	return NULL;
}

static void sort_rows(View *v, Rows *r, const WebField *f, bool desc)
{
	SortKey *keys = arena_alloc(v->c->arena, (size_t)(r->n + 1) * sizeof *keys);
	bool num = numeric(f->widget);
	Buf k;
	buf_init(&k, 1 << 16);
	for (int i = 0; i < r->n; i++) {
		keys[i].at = i;
		if (num) {
			keys[i].num = web_kind_num(v->k, r->v[i], f->name);
			continue;
		}
		const char *t = f->widget == WW_DATE ? web_kind_str(v->k, r->v[i], f->name)
		                                     : field_text(v, f, r->v[i]);
		Err e = {0};
		buf_reset(&k);
		if (t && f->widget != WW_DATE && !vn_collate_key(&k, t, strlen(t), &e))
			t = buf_cstr(&k);
		keys[i].key = arena_strdup(v->c->arena, t ? t : "");
	}
	buf_free(&k);
	qsort(keys, (size_t)r->n, sizeof *keys, desc ? descending : ascending);
	const void **sorted = arena_alloc(v->c->arena, (size_t)(r->n + 1) * sizeof *sorted);
	for (int i = 0; i < r->n; i++)
		sorted[i] = r->v[keys[i].at];
	r->v = sorted;
}

/* The rows of the list: the page asked for (all of them when all), the
 * total they are of. Reads every matching row when it searches or sorts
 * itself; more than WEB_KIND_SCAN_ROWS is a message asking for filters. */
static int read_rows(View *v, bool all, int page, Rows *out)
{
	Ctx *c = v->c;
	const WebKind *k = v->k;
	const char *q = k->store_search ? NULL : web_kind_text(c, "q");
	bool desc;
	const WebField *sort = sort_field(v, &desc);
	bool scan = q || sort;
	*out = (Rows){0};
	if (!scan && !all) {
		WebRows p;
		int rc = k->list(c, k, WEB_PAGE_ROWS, (page - 1) * WEB_PAGE_ROWS, &p);
		for (int i = 0; !rc && i < p.n; i++)
			push(c, out, (const char *)p.v + (size_t)i * k->size);
		out->total = p.total;
		return rc;
	}
	Buf folded;
	buf_init(&folded, 4096);
	int rc = q ? vn_fold(&folded, q, strlen(q), &c->err) : 0;
	int64_t total = 1;
	for (int off = 0; !rc && off < total; off += 500) {
		WebRows p;
		if ((rc = k->list(c, k, 500, off, &p)))
			break;
		total = p.total;
		if (scan && total > WEB_KIND_SCAN_ROWS) {
			rc = err_field(&c->err, "q", KC_ETOOBIG,
			        "Có %lld dòng khớp bộ lọc: quá nhiều để tìm không dấu hoặc sắp xếp; "
			        "xin chọn thêm điều kiện lọc (năm, tỉnh, loại)",
			        (long long)total);
			break;
		}
		for (int i = 0; i < p.n; i++) {
			const void *rec = (const char *)p.v + (size_t)i * k->size;
			if (!q || matches(v, rec, buf_cstr(&folded)))
				push(c, out, rec);
		}
		if (!p.n)
			break;
	}
	buf_free(&folded);
	if (rc)
		return rc;
	if (sort)
		sort_rows(v, out, sort, desc);
	out->total = q ? out->n : total;
	if (!all) { /* the page asked for */
		int from = (page - 1) * WEB_PAGE_ROWS;
		from = from < out->n ? from : out->n;
		out->v += from;
		out->n = out->n - from < WEB_PAGE_ROWS ? out->n - from : WEB_PAGE_ROWS;
	}
	return 0;
}

/* ---- Lists: the page ------------------------------------------------------------------- */

/* The tabs of the kinds of the same group. */
static void group_tabs(Ctx *c, const WebKind *k)
{
	if (!k->group)
		return;
	Buf *b = web_out(c);
	html_printf(b, "<nav aria-label=\"%s\"><ul class=\"tabs\" role=\"list\">", k->group);
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (kinds[i]->group && !strcmp(kinds[i]->group, k->group)) {
			html_printf(b, "<li><a href=\"%s\"", kinds[i]->path);
			if (kinds[i] == k)
				html_raw(b, " aria-current=\"page\"");
			html_printf(b, ">%s</a></li>", kinds[i]->tab);
		}
	html_raw(b, "</ul></nav>\n");
}

static const char *param_text(Ctx *c, const char *name)
{
	const ParamValue *p = ctx_param(c, name);
	if (!p->set)
		return NULL;
	return p->s ? p->s : printf_arena(c, "%lld", (long long)p->i);
}

static void filter_form(View *v)
{
	Ctx *c = v->c;
	const WebKind *k = v->k;
	Buf *b = web_out(c);
	html_printf(b, "<form class=\"filters\" method=\"get\" action=\"%s\" role=\"search\">",
	        k->path);
	for (int i = 0; i < k->n_filters; i++) {
		const WebField *f = &k->filters[i];
		const char *val = param_text(c, f->name);
		int n;
		if (!strcmp(f->name, "q"))
			web_input(c, "search", f->name, f->label, val, NULL, 0);
		else if (f->widget == WW_CHOICE)
			web_select(c, f->name, f->label, f->choices, f->n_choices, val, "Tất cả");
		else if (f->widget == WW_INDICATOR) {
			const char *const *opt = indicator_options(v, &n);
			web_select(c, f->name, f->label, opt, n, val, "Tất cả");
		} else if (f->widget == WW_PROVINCE) {
			const char *const *opt = web_province_options(c, &n);
			if (c->who.all_provinces || c->who.n_provinces > 1)
				web_select(c, f->name, f->label, opt, n, val, "Tất cả");
		} else
			web_input(c, numeric(f->widget) || ref_path(f->widget) ? "number" : "text",
			        f->name, f->label, val, NULL, 0);
	}
	if (ctx_param(c, "sort")->set)
		html_printf(b, "<input type=\"hidden\" name=\"sort\" value=\"%s\">",
		        web_kind_text(c, "sort"));
	html_raw(b, "<button type=\"submit\">Lọc</button></form>\n");
}

static void list_head(View *v, int64_t total, int page)
{
	Ctx *c = v->c;
	const WebKind *k = v->k;
	Buf *b = web_out(c);
	web_list_head_begin(c, total, page);
	if (k->add && k->create && !k->create_under && ctx_can(c, ROLE_STAFF))
		html_printf(b, "<a class=\"button\" href=\"%s/moi\">%s</a>", k->path, k->add);
	for (int i = 0; i < 2 && k->links[i].href; i++)
		if (ctx_can(c, k->links[i].role) && (!k->links[i].national || c->who.all_provinces))
			html_printf(b, "<a class=\"button secondary\" href=\"%s\">%s</a>",
			        k->links[i].href, k->links[i].label);
	web_list_head_end(c, k->path);
}

/* The column headers, each a link that sorts by it (again: the other way). */
static void table_head(View *v)
{
	Ctx *c = v->c;
	Buf *b = web_out(c);
	bool desc;
	const WebField *sorted = sort_field(v, &desc);
	html_raw(b, "<div class=\"table-wrap\"><table class=\"list wide-only\"><thead><tr>");
	for (int i = 0; i < v->k->n_fields; i++) {
		const WebField *f = &v->k->fields[i];
		if (!(f->flags & WF_LIST))
			continue;
		bool on = f == sorted;
		const char *next = on && !desc ? printf_arena(c, "-%s", f->name) : f->name;
		html_raw(b, "<th scope=\"col\"");
		if (numeric(f->widget))
			html_raw(b, " class=\"num\"");
		if (on && desc)
			html_raw(b, " aria-sort=\"descending\"");
		else if (on)
			html_raw(b, " aria-sort=\"ascending\"");
		html_printf(b, "><a href=\"%s%s\">%s", v->k->path, web_query_with(c, "sort", next),
		        f->label);
		if (on)
			html_printf(b, "<span aria-hidden=\"true\"> %s</span>", desc ? "▼" : "▲");
		html_raw(b, "</a></th>");
	}
	html_raw(b, "</tr></thead><tbody>\n");
}

static void table_row(View *v, const void *rec)
{
	Buf *b = web_out(v->c);
	const WebField *title = title_field(v->k);
	bool linked = false;
	html_raw(b, "<tr>");
	for (int i = 0; i < v->k->n_fields; i++) {
		const WebField *f = &v->k->fields[i];
		if (!(f->flags & WF_LIST))
			continue;
		if (numeric(f->widget))
			html_raw(b, "<td class=\"num\">");
		else
			html_raw(b, "<td>");
		/* The title, or the first column without one, opens the record. */
		if (!linked && (f == title || !title)) {
			const char *t = field_text(v, f, rec);
			html_printf(b, "<a href=\"%s/%lld\">%s</a>", v->k->path,
			        (long long)id_of(v->k, rec), t ? t : "—");
			linked = true;
		} else {
			field_html(v, f, rec);
		}
		html_raw(b, "</td>");
	}
	html_raw(b, "</tr>\n");
}

static int export_rows(View *v, const Rows *r, const char *format)
{
	const WebKind *k = v->k;
	Ctx *c = v->c;
	const char **labels = arena_alloc(c->arena, (size_t)(k->n_fields + 1) * sizeof *labels);
	labels[0] = "#STT";
	for (int i = 0; i < k->n_fields; i++) {
		WebWidget w = k->fields[i].widget;
		labels[i + 1] = w == WW_MONEY ? printf_arena(c, "$%s", k->fields[i].label)
		                : w == WW_INT ? printf_arena(c, "#%s", k->fields[i].label)
		                              : k->fields[i].label;
	}
	WebTable t;
	web_table_init(&t, c, k->export_title, labels, k->n_fields + 1);
	for (int n = 0; n < r->n; n++) {
		web_table_row(&t);
		web_table_num(&t, 0, n + 1);
		for (int i = 0; i < k->n_fields; i++) {
			const WebField *f = &k->fields[i];
			if (f->widget == WW_MONEY || f->widget == WW_INT)
				web_table_num(&t, i + 1,
				        is_unknown(k, r->v[n], f->name)
				                ? -1
				                : web_kind_num(k, r->v[n], f->name));
			else
				web_table_text(&t, i + 1, field_text(v, f, r->v[n]));
		}
	}
	return web_export(c, &t, format, k->file);
}

static const char *notice_text(Ctx *c)
{
	const char *tb = web_kind_text(c, "tb");
	return !tb                      ? NULL
	       : !strcmp(tb, "da-them") ? "Đã thêm."
	       : !strcmp(tb, "da-luu")  ? "Đã lưu thay đổi."
	                                : "Đã xóa.";
}

int web_kind_list(Ctx *c)
{
	const WebKind *k = kind_of(c);
	if (!k)
		return KC_EIO;
	View v = {.c = c, .k = k};
	const char *format = web_kind_text(c, "format");
	int page = web_page(c);
	Rows r;
	int rc = read_rows(&v, format != NULL, page, &r);
	if (rc && rc != KC_ETOOBIG)
		return rc;
	if (rc && format)
		return ctx_fail(c, 422, rc);
	if (format)
		return export_rows(&v, &r, format);
	web_begin(c, rc ? 422 : 200, k->title, k->nav);
	group_tabs(c, k);
	web_notice(c, notice_text(c));
	filter_form(&v);
	if (rc)
		html_printf(web_out(c), "<p class=\"error-message\" role=\"alert\">%s</p>\n",
		        c->err.msg);
	list_head(&v, r.total, page);
	table_head(&v);
	for (int i = 0; i < r.n; i++)
		table_row(&v, r.v[i]);
	if (!r.n)
		html_printf(
		        web_out(c), "<tr><td colspan=\"%d\">%s</td></tr>\n", k->n_fields, k->empty);
	html_raw(web_out(c), "</tbody></table></div>\n");
	web_pager(c, r.total, page);
	web_end(c);
	return 0;
}

/* ---- One record ------------------------------------------------------------------------ */

static const char *heading(View *v, const void *rec)
{
	const WebField *t = title_field(v->k);
	const char *s = t ? field_text(v, t, rec) : NULL;
	return s ? s : printf_arena(v->c, "%s số %lld", v->k->one, (long long)id_of(v->k, rec));
}

/* The record's page with status; c->err, when set, shown above its facts
 * (a delete the store refused). */
static int show(Ctx *c, const WebKind *k, int status, const void *rec)
{
	View v = {.c = c, .k = k};
	Buf *b = web_out(c);
	web_begin(c, status, heading(&v, rec), k->nav);
	group_tabs(c, k);
	web_notice(c, notice_text(c));
	if (c->err.code)
		html_printf(b, "<p class=\"error-message\" role=\"alert\">%s</p>\n", c->err.msg);
	html_raw(b, "<dl class=\"facts\">");
	for (int i = 0; i < k->n_fields; i++) {
		html_printf(b, "<dt>%s</dt><dd>", k->fields[i].label);
		field_html(&v, &k->fields[i], rec);
		html_raw(b, "</dd>");
	}
	html_raw(b, "</dl>\n<div class=\"actions\">");
	long long id = (long long)id_of(k, rec);
	if (k->update && ctx_can(c, ROLE_STAFF))
		html_printf(b, "<a class=\"button\" href=\"%s/%lld/sua\">Sửa</a>", k->path, id);
	if (k->remove && ctx_can(c, ROLE_STAFF)) {
		html_printf(b,
		        "<form method=\"post\" action=\"%s/%lld/xoa\" data-confirm=\"Xóa %s?\">",
		        k->path, id, heading(&v, rec));
		web_csrf(c);
		if (has_field(k, "version"))
			html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%lld\">",
			        (long long)web_kind_num(k, rec, "version"));
		html_raw(b, "<button type=\"submit\" class=\"danger\">Xóa</button></form>");
	}
	if (k->audit && ctx_can(c, ROLE_MANAGER))
		html_printf(b, "<a href=\"%s/%lld/lich-su\">Lịch sử thay đổi</a>", k->path, id);
	html_printf(b, "<a href=\"%s\">Về danh sách</a></div>\n", k->path);
	if (k->related) {
		int rc = k->related(c, k, rec);
		if (rc)
			return rc;
	}
	web_end(c);
	return 0;
}

int web_kind_show(Ctx *c)
{
	const WebKind *k = kind_of(c);
	return k ? show(c, k, 200, c->rec) : KC_EIO;
}

int web_kind_history(Ctx *c)
{
	const WebKind *k = kind_of(c);
	if (!k || !k->audit)
		return k ? KC_ENOTFOUND : KC_EIO;
	View v = {.c = c, .k = k};
	int64_t id = id_of(k, c->rec);
	return web_audit_record_page(c, heading(&v, c->rec), k->nav, k->audit, id,
	        printf_arena(c, "%s/%lld", k->path, (long long)id), "Về trang của bản ghi");
}

/* ---- The form --------------------------------------------------------------------------- */

/* A refusal the person can fix in the form. */
static bool fixable(int rc)
{
	return rc == KC_EINVAL || rc == KC_ERANGE || rc == KC_ENOTFOUND || rc == KC_ECONFLICT;
}

/* The field's value as the form shows it: what was posted, else the record's. */
static const char *form_value(View *v, const WebField *f, const void *rec, bool posted)
{
	if (posted)
		return ctx_form(v->c, f->name);
	if (f->widget == WW_PROVINCE) {
		const char *code = web_kind_str(v->k, rec, f->name);
		const char *list = web_kind_str(v->k, rec, list_field(f));
		return code ? printf_arena(v->c, "%s:%s", list ? list : "current", code) : NULL;
	}
	if (schema_of(v->k, f->name)->type == FIELD_TEXT)
		return web_kind_str(v->k, rec, f->name);
	return is_unknown(v->k, rec, f->name)
	               ? NULL
	               : printf_arena(v->c, "%lld", (long long)web_kind_num(v->k, rec, f->name));
}

static void textarea(Ctx *c, const WebField *f, const char *value)
{
	Buf *b = web_out(c);
	bool bad = c->err.code && !strcmp(c->err.field, f->name);
	html_printf(b, "<div class=\"field\"><label for=\"f-%s\">%s</label>", f->name, f->label);
	html_printf(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"3\"", f->name, f->name);
	if (bad)
		html_printf(b, " aria-invalid=\"true\" aria-describedby=\"loi-%s\"", f->name);
	html_printf(b, ">%s</textarea>", value ? value : "");
	web_field_error(c, f->name);
	html_raw(b, "</div>\n");
}

static void form_field(View *v, const WebField *f, const char *value)
{
	Ctx *c = v->c;
	unsigned req = f->flags & WF_REQUIRED ? WEB_REQUIRED : 0;
	int n;
	const char *const *opt;
	switch (f->widget) {
	case WW_NOTE: textarea(c, f, value); break;
	case WW_CHOICE:
		web_select(c, f->name, f->label, f->choices, f->n_choices, value, "— chọn —");
		break;
	case WW_PROVINCE:
		opt = web_unit_options(c, &n);
		web_select(c, f->name, f->label, opt, n, value, "— chọn tỉnh —");
		break;
	case WW_INDICATOR:
		opt = indicator_options(v, &n);
		web_select(c, f->name, f->label, opt, n, value, "— chọn —");
		break;
	case WW_MONEY:
		web_input(c, "text", f->name, f->label, value, f->hint, req | WEB_AMOUNT);
		break;
	case WW_DATE: web_input(c, "date", f->name, f->label, value, f->hint, req); break;
	case WW_TEXT: web_input(c, "text", f->name, f->label, value, f->hint, req); break;
	default: web_input(c, "number", f->name, f->label, value, f->hint, req); break;
	}
}

/* The form to add (rec blank) or change rec, with status; posted: show
 * what was posted rather than rec. */
static void form(Ctx *c, const WebKind *k, int status, const void *rec, bool create, bool posted)
{
	View v = {.c = c, .k = k};
	Buf *b = web_out(c);
	/* The province picker sends both halves: a message about the list is its. */
	for (int i = 0; c->err.code && i < k->n_fields; i++)
		if (k->fields[i].widget == WW_PROVINCE &&
		        !strcmp(c->err.field, list_field(&k->fields[i])))
			snprintf(c->err.field, sizeof c->err.field, "%s", k->fields[i].name);
	const char **names = arena_alloc(c->arena, (size_t)(k->n_fields + 1) * sizeof *names);
	for (int i = 0, n = 0; i < k->n_fields; i++)
		if (!(k->fields[i].flags & WF_FIXED))
			names[n++] = k->fields[i].name;
	web_begin(c, status, create ? k->add : k->edit, k->nav);
	web_form_error(c, names);
	const char *action =
	        !create ? printf_arena(c, "%s/%lld", k->path, (long long)c->id)
	        : k->create_under
	                ? printf_arena(c, "%.*s%lld%s",
	                          (int)(strstr(k->create_under, "{id}") - k->create_under),
	                          k->create_under, (long long)c->id,
	                          strstr(k->create_under, "{id}") + 4)
	                : k->path;
	html_printf(b, "<form method=\"post\" action=\"%s\">", action);
	web_csrf(c);
	if (has_field(k, "version")) {
		const char *ver = posted ? ctx_form(c, "version") : NULL;
		html_printf(b, "<input type=\"hidden\" name=\"version\" value=\"%s\">",
		        ver ? ver
		            : printf_arena(c, "%lld", (long long)web_kind_num(k, rec, "version")));
	}
	html_raw(b, "<div class=\"grid2\">");
	for (int i = 0; i < k->n_fields; i++) {
		const WebField *f = &k->fields[i];
		if (!(f->flags & WF_FIXED))
			form_field(&v, f, form_value(&v, f, rec, posted));
	}
	if (create && k->parent_field) {
		const char *name = ref_name(&v, k->parent, c->id);
		html_printf(b, "<p class=\"parent\">Thuộc: <a href=\"%s/%lld\">%s</a></p>",
		        ref_path(k->parent), (long long)c->id, name ? name : "—");
	}
	html_raw(b, "</div><div class=\"actions\"><button type=\"submit\">Lưu</button>");
	if (create)
		html_printf(b, "<a href=\"%s\">Hủy</a>", k->path);
	else
		html_printf(b, "<a href=\"%s/%lld\">Hủy</a>", k->path, (long long)c->id);
	html_raw(b, "</div></form>\n");
	web_end(c);
}

/* The posted fields into rec (the blank or stored record). Every field is
 * read; the first that is not a number is the error. */
static int read_form(Ctx *c, const WebKind *k, void *rec)
{
	int rc = 0;
	void *blank = arena_alloc(c->arena, k->size);
	k->blank(k, blank);
	for (int i = 0; i < k->n_fields; i++) {
		const WebField *f = &k->fields[i];
		if (f->flags & WF_FIXED)
			continue;
		const char *v = ctx_form(c, f->name);
		if (v && !*v)
			v = NULL;
		if (f->widget == WW_PROVINCE) {
			const char *colon = v ? strchr(v, ':') : NULL;
			set_text(k, rec, list_field(f),
			        colon ? arena_strndup(c->arena, v, (size_t)(colon - v))
			        : v   ? "current"
			              : NULL);
			set_text(k, rec, f->name, colon ? colon + 1 : v);
			continue;
		}
		const Field *s = schema_of(k, f->name);
		if (s->type == FIELD_TEXT) {
			set_text(k, rec, f->name, v ? v : web_kind_str(k, blank, f->name));
			continue;
		}
		if (!v) { /* left empty: what a record has when it is not given */
			set_num(k, rec, f->name, web_kind_num(k, blank, f->name));
			continue;
		}
		int64_t n = web_parse_money(v);
		if (n == -2 || (s->type == FIELD_INT && n > INT_MAX)) {
			if (!rc)
				rc = err_field(&c->err, f->name, KC_EINVAL,
				        "%s phải là số nguyên không âm, như 12 hoặc 1.500",
				        f->label);
			continue;
		}
		set_num(k, rec, f->name, n == -1 ? web_kind_num(k, blank, f->name) : n);
	}
	if (has_field(k, "version")) {
		int64_t ver = web_parse_money(ctx_form(c, "version"));
		if (ver > 0 && ver < INT_MAX)
			set_num(k, rec, "version", ver);
	}
	return rc;
}

/* A blank record of the kind, under the parent the route names. */
static void *fresh(Ctx *c, const WebKind *k)
{
	void *rec = arena_alloc(c->arena, k->size);
	k->blank(k, rec);
	if (k->parent_field)
		set_num(k, rec, k->parent_field, c->id);
	return rec;
}

int web_kind_new(Ctx *c)
{
	const WebKind *k = kind_of(c);
	if (!k || !k->create)
		return k ? KC_ENOTFOUND : KC_EIO;
	void *rec = fresh(c, k);
	for (int i = 0; i < k->n_fields; i++)
		if (k->fields[i].widget == WW_PROVINCE && !c->who.all_provinces &&
		        c->who.n_provinces) {
			set_text(k, rec, list_field(&k->fields[i]), "current");
			set_text(k, rec, k->fields[i].name, c->who.provinces[0]);
		}
	form(c, k, 200, rec, true, false);
	return 0;
}

static int to_record(Ctx *c, const WebKind *k, int64_t id, const char *notice)
{
	return web_redirect(c, printf_arena(c, "%s/%lld?tb=%s", k->path, (long long)id, notice));
}

int web_kind_create(Ctx *c)
{
	const WebKind *k = kind_of(c);
	if (!k || !k->create)
		return k ? KC_ENOTFOUND : KC_EIO;
	void *rec = fresh(c, k);
	int64_t id = 0;
	int rc = read_form(c, k, rec);
	if (!rc)
		rc = k->create(c, k, rec, &id);
	if (fixable(rc)) {
		form(c, k, 422, rec, true, true);
		return 0;
	}
	return rc ? rc : to_record(c, k, id, "da-them");
}

int web_kind_edit(Ctx *c)
{
	const WebKind *k = kind_of(c);
	if (!k || !k->update)
		return k ? KC_ENOTFOUND : KC_EIO;
	form(c, k, 200, c->rec, false, false);
	return 0;
}

int web_kind_update(Ctx *c)
{
	const WebKind *k = kind_of(c);
	if (!k || !k->update)
		return k ? KC_ENOTFOUND : KC_EIO;
	void *rec = arena_alloc(c->arena, k->size);
	memcpy(rec, c->rec, k->size);
	int rc = read_form(c, k, rec);
	if (!rc)
		rc = k->update(c, k, rec);
	if (fixable(rc)) {
		form(c, k, rc == KC_ECONFLICT ? 409 : 422, rec, false, true);
		return 0;
	}
	return rc ? rc : to_record(c, k, c->id, "da-luu");
}

int web_kind_delete(Ctx *c)
{
	const WebKind *k = kind_of(c);
	if (!k || !k->remove)
		return k ? KC_ENOTFOUND : KC_EIO;
	void *rec = arena_alloc(c->arena, k->size);
	memcpy(rec, c->rec, k->size);
	if (has_field(k, "version")) {
		int64_t ver = web_parse_money(ctx_form(c, "version"));
		set_num(k, rec, "version", ver > 0 && ver < INT_MAX ? ver : 0);
	}
	int rc = k->remove(c, k, rec);
	if (rc == KC_ECONFLICT || rc == KC_EDENIED || rc == KC_EINVAL)
		return show(c, k, 409, c->rec);
	if (rc)
		return rc;
	return web_redirect(c, printf_arena(c, "%s?tb=da-xoa", k->path));
}

/* A record whose province is its own fields' (province_list, province_code). */
int web_kind_load(Ctx *c, char province[3])
{
	const WebKind *k = kind_of(c);
	if (!k)
		return KC_EIO;
	void *rec = arena_alloc(c->arena, k->size);
	int rc = k->get(c, k, c->id, rec);
	if (rc)
		return rc;
	c->rec = rec;
	return api_current_province(c, web_kind_str(k, rec, "province_list"),
	        web_kind_str(k, rec, "province_code"), province);
}
