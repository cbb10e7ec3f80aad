/* web_kind.h — the pages of a kind of record from one declaration: the list
 * (search ignoring diacritics, filters, sorting by a column, pages with the
 * total, export of the filtered list to XLSX or CSV), one record with links
 * to its related records, the form that adds or changes one (the store's
 * message next to the field at fault, what was typed kept), and deleting.
 *
 * A kind declares its fields by the names of its API schema (http_schema.h):
 * the schema gives each field's C type and offset, the declaration how a
 * person sees and types it. Its store calls are the API's, behind one
 * signature; the store validates and audits, so a page never checks a value
 * the store checks. The router (http_routes.c) has found the record and
 * checked the role, the province and the CSRF token before a handler runs.
 *
 * Search and sort: a store that searches by name (products, organisations)
 * is asked to; otherwise, and to sort by a column, the list reads every row
 * its filters match (at most WEB_KIND_SCAN_ROWS) and searches the folded
 * text of the fields marked WF_SEARCH, or sorts by the column, here. */
#ifndef KC_WEB_KIND_H
#define KC_WEB_KIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "web/web.h"

/* How a field is typed and shown. */
typedef enum WebWidget {
	WW_TEXT,     /* one line of text */
	WW_NOTE,     /* several lines */
	WW_INT,      /* a whole number, shown "3.509" */
	WW_YEAR,     /* a year, shown as typed */
	WW_MONEY,    /* đồng, typed with or without dots, shown "1.234.500" */
	WW_DATE,     /* a day, shown dd/mm/yyyy */
	WW_CHOICE,   /* one of choices[0..2*n_choices): (value, label) pairs */
	WW_PROVINCE, /* province_code with its list (list_field): "Sóc Trăng (cũ)" */
	WW_PROJECT,  /* the number of a related record, shown as a link by its name */
	WW_ESTABLISHMENT,
	WW_PRODUCT,
	WW_ORG,
	WW_INDICATOR, /* the code of an indicator, shown by its label */
	WW_FIGURE,    /* an aggregate figure's value, shown in its indicator's unit */
} WebWidget;

enum {
	WF_LIST = 1 << 0,     /* a column of the list (sortable) */
	WF_SEARCH = 1 << 1,   /* the list's search looks in it */
	WF_REQUIRED = 1 << 2, /* marked required in the form; the store decides */
	WF_FIXED = 1 << 3,    /* shown, never in the form (computed, or the parent) */
	WF_TITLE = 1 << 4,    /* names the record: the page's heading, the list's link */
};

typedef struct WebField {
	const char *name; /* the API schema's field; for a filter, the query parameter */
	const char *label;
	WebWidget widget;
	unsigned flags;
	const char *const *choices; /* WW_CHOICE */
	int n_choices;
	const char *hint;       /* under the label in the form, or NULL */
	const char *link;       /* a text field shown as a link to link/<link_id> ("/san-pham") */
	const char *link_id;    /* the id field of that link ("product_id") */
	const char *list_field; /* WW_PROVINCE: the list's field; NULL: "province_list" */
} WebField;

/* A page of records from a kind's list call: n records of the kind's size. */
typedef struct WebRows {
	const void *v;
	int n;
	int64_t total;
} WebRows;

typedef struct WebKind WebKind;
struct WebKind {
	const char *path;  /* "/dao-tao": the list; a record at path/{id} */
	const char *nav;   /* the menu entry marked current */
	const char *group; /* kinds shown as tabs of one menu entry share a group, or NULL */
	const char *tab;   /* this kind's tab label */
	const char *title; /* of the list page: "Lớp đào tạo" */
	const char *one;   /* a record without a title field: "Ấn phẩm thông tin" (số N) */
	const char *add, *edit; /* "Thêm lớp đào tạo", "Sửa lớp đào tạo"; add NULL: none */
	const char *empty; /* "Không có lớp đào tạo nào khớp với điều kiện lọc." */
	const char *file, *export_title; /* "lop-dao-tao", "DANH SÁCH LỚP ĐÀO TẠO" */
	const char *api;                 /* the API's collection ("/api/v1/trainings") */
	const Schema *schema;
	size_t size;
	const WebField *fields;
	int n_fields;
	const WebField *filters; /* name: the query parameter (declared by the route) */
	int n_filters;
	/* A record added from its parent's page: the route's pattern
	 * ("/co-so/{id}/san-pham") and the field its {id} fills. NULL: at path. */
	const char *create_under, *parent_field;
	WebWidget parent;  /* how the parent is named in the form: WW_ESTABLISHMENT, WW_PRODUCT */
	bool store_search; /* the list call passes `q` to the store */
	void (*blank)(const WebKind *k, void *out);
	int (*get)(Ctx *c, const WebKind *k, int64_t id, void *out);
	int (*list)(Ctx *c, const WebKind *k, int limit, int offset, WebRows *out);
	int (*create)(Ctx *c, const WebKind *k, void *in, int64_t *id); /* NULL: read-only */
	int (*update)(Ctx *c, const WebKind *k, void *in);
	int (*remove)(Ctx *c, const WebKind *k, const void *rec); /* its version: the one read */
	/* Other pages of the kind, linked beside the list's buttons for the
	 * roles given, national: for callers of every province only (the
	 * figures' entry grid and region sums). */
	struct {
		const char *href, *label;
		Role role;
		bool national;
	} links[2];
	/* Writes the record page's section of related records; NULL: none. */
	int (*related)(Ctx *c, const WebKind *k, const void *rec);
	/* The table the audit log names the kind's records by ("product"): the
	 * record's history page path/{id}/lich-su, for managers; NULL: none. */
	const char *audit;
};

/* The most rows a list searches or sorts by itself. */
enum { WEB_KIND_SCAN_ROWS = 20000 };

/* Parameters every kind's list declares, then its filters' own. */
extern const char *const web_kind_formats[], *const web_kind_notices[];
#define WEB_KIND_LIST_PARAMS                                                                       \
	{"q", PARAM_TEXT, 0, 200, NULL, "Tìm, không cần dấu", false},                              \
	        {"province", PARAM_TEXT, 0, 16, NULL, "Tỉnh", false},                              \
	        {"sort", PARAM_TEXT, 0, 40, NULL, "Sắp xếp theo cột (dấu - trước: giảm dần)",      \
	                false},                                                                    \
	        {"trang", PARAM_INT, 1, 100000, NULL, "Trang", false},                             \
	        {"format", PARAM_ENUM, 0, 0, web_kind_formats, "Tải xuống", false},                \
	{                                                                                          \
		"tb", PARAM_ENUM, 0, 0, web_kind_notices, "Thông báo", false                       \
	}

/* The kinds (web_kinds.c, web_activity.c, web_figures.c). */
extern const WebKind web_kind_training, web_kind_fair, web_kind_media, web_kind_tour,
        web_kind_consulting, web_kind_product, web_kind_cert, web_kind_inspection, web_kind_org,
        web_kind_figure;

/* Sections of a kind's record page written elsewhere (web-coverage): a
 * product's OCOP ratings with their forms (web_ocop.c); an organisation's
 * successor on a day (web_lookup.c, the WebKind related hook). */
struct Product;
int web_ocop_section(Ctx *c, const struct Product *p);
int web_org_related(Ctx *c, const WebKind *k, const void *rec);

/* Every indicator as (code, label, kind of value) triples, in the arena;
 * *n receives how many (web_figures.c). */
const char *const *web_kind_indicators(Ctx *c, int *n);
/* The integer query parameter name, or dflt when it is not given. */
int64_t web_kind_int(const Ctx *c, const char *name, int64_t dflt);
/* The text query parameter name, or NULL. */
const char *web_kind_text(const Ctx *c, const char *name);
/* The current province the router checked, or NULL for every one. */
const char *web_kind_province(const Ctx *c);
/* A field of rec by its schema name: text (NULL unknown), or a number
 * (the schema's unknown value when unknown). */
const char *web_kind_str(const WebKind *k, const void *rec, const char *name);
int64_t web_kind_num(const WebKind *k, const void *rec, const char *name);

#endif
