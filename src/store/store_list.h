/* store_list.h — list queries built from the filters actually given.
 *
 * A store module describes its list (table, columns, order) and adds one
 * term per filter the caller gave: constant SQL text chosen in code, with its
 * values bound in order, never formatted in. A filter left out costs
 * nothing, and the planner sees only conditions it can match to an index
 * (an optional filter written `(? IS NULL OR col = ?)` defeats every index).
 *
 * A list may also be a union of alternatives: the rows of a current
 * province are those recorded in it and in each legacy province merged into
 * it. Each alternative is read as its own query in the list's order (one
 * index range each: `province_list = ? AND province_code = ? AND status = ?
 * ORDER BY sort_key, id`), and the queries are merged in C, stepping only as
 * far as the page needs; an `OR` of the alternatives would make the engine
 * find and sort every match before returning the first. The total is
 * counted per alternative, and not at all when the page shows it (a page
 * that is not full is the last one).
 *
 * This is not a query builder: no input ever reaches the SQL text, which is
 * the concatenation of the module's constant pieces. */
#ifndef KC_STORE_LIST_H
#define KC_STORE_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/db.h"
#include "store/store.h"

enum { STORE_LIST_VALUES = 32, STORE_LIST_ALTS = 8, STORE_LIST_KEYS = 3 };

typedef struct StoreListValue {
	int alt;     /* -1: a term every row meets; else the alternative's index */
	bool is_int; /* num, or text */
	int64_t num;
	const char *text; /* the caller's, or place[] for a province code read here */
} StoreListValue;

typedef struct StoreList {
	const char *table;   /* the FROM clause: "project", "establishment e" */
	const char *columns; /* the columns the caller's read takes, from column 0 */
	/* The order: these columns, all ascending or all descending. The last
	 * one is unique (the id), so the order is total. */
	const char *keys[STORE_LIST_KEYS + 1]; /* NULL-terminated */
	bool desc;
	Buf where;                        /* " AND term" for each term every row meets */
	const char *alt[STORE_LIST_ALTS]; /* each alternative's term */
	int n_alt;
	StoreListValue v[STORE_LIST_VALUES];
	int n_values;
	int adding; /* whose values come next: -1 the terms, or an alternative */
	char place[STORE_LIST_ALTS][8]; /* province codes read for alternatives */
	int err;                        /* sticky: KC_ETOOBIG past the fixed limits */
	/* The total counted another way (a counter kept by the store) when the
	 * page does not tell it, instead of a COUNT(*) per alternative; NULL:
	 * counted. */
	int (*count)(Db *db, const void *ctx, int64_t *total, Err *e);
	const void *count_ctx;
} StoreList;

/* Starts a list of table's columns in the order of keys (a NULL-terminated
 * list of at most STORE_LIST_KEYS constant column names), descending when
 * desc. Free with store_list_free. */
void store_list_init(
        StoreList *l, const char *table, const char *columns, const char *const *keys, bool desc);
void store_list_free(StoreList *l);

/* Adds term (constant SQL with one `?`) bound to text, unless text is NULL. */
void store_list_text(StoreList *l, const char *term, const char *text);
/* Adds term bound to num, unless num == unknown. */
void store_list_int(StoreList *l, const char *term, int64_t num, int64_t unknown);
/* Adds term (constant SQL); its `?`, if any, take the values added next. */
void store_list_term(StoreList *l, const char *term);
void store_list_value_text(StoreList *l, const char *text);
void store_list_value_int(StoreList *l, int64_t num);

/* Adds an alternative: a row is listed when it meets every term and one
 * alternative (or every term, when there is none). Alternatives must not
 * overlap, or a row would be listed twice. term (constant SQL) takes the
 * values added next. */
void store_list_alt(StoreList *l, const char *term);
/* Adds the alternatives of a current province code (NULL: no filter): the
 * province itself and each legacy province merged into it (provinces merged
 * whole, so these are all its records), read from admin_succession. term is
 * the table's "province_list = ? AND province_code = ?", its two `?` bound
 * to a (list, code). */
int store_list_current_province(Db *db, StoreList *l, const char *term, const char *code, Err *e);

/* Reads the page of at most limit rows from offset, each with read into
 * consecutive records of size bytes in arena (*v, *n), and the number of
 * rows of all pages into *total. KC_ETOOBIG if the list outgrew its limits. */
int store_list_run(Db *db, StoreList *l, int limit, int offset, StoreRead read, size_t size,
        Arena *arena, void **v, int *n, int64_t *total, Err *e);

#endif
