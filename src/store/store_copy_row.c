/* store_copy_row.c — one row of a copy: read from the source, its references
 * rewritten to the destination's ids, compared, bound (store_copy_int.h).
 *
 * The audit log names its record by table and id in text (record_id) and
 * holds the record's columns as JSON objects (before_json, after_json):
 * both are rewritten as the record's own columns are, so a record's history
 * follows it to its new id. A record the source no longer has (deleted
 * before the copy) keeps its id when nothing here holds that id; else its
 * history is named "xxxxxxxx:id" (the source's instance id), which names no
 * record here, rather than another record's. */
#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_copy_int.h"

void copy_row_read(const CopyTab *t, Stmt *src, CopyRow *r)
{
	for (int i = 0; i < t->ncols; i++) {
		r->type[i] = db_col_type(src, i);
		r->num[i] = r->type[i] == DB_INTEGER ? db_col_int64(src, i) : 0;
		r->text[i] = r->type[i] == DB_TEXT ? db_col_text(src, i) : NULL;
	}
}

void copy_row_bind_one(const CopyRow *r, int i, Stmt *st, int p)
{
	switch (r->type[i]) {
	case DB_NULL: db_bind_null(st, p); break;
	case DB_INTEGER: db_bind_int64(st, p, r->num[i]); break;
	default: db_bind_str(st, p, r->text[i]); break;
	}
}

void copy_row_bind(const CopyTab *t, const CopyRow *r, Stmt *st, int first)
{
	for (int i = 0; i < t->ncols; i++)
		copy_row_bind_one(r, i, st, first + i);
}

const char *copy_row_text(const CopyRow *r, int i, char buf[24])
{
	if (r->type[i] == DB_INTEGER) {
		snprintf(buf, 24, "%lld", (long long)r->num[i]);
		return buf;
	}
	return r->type[i] == DB_NULL ? NULL : r->text[i];
}

int copy_row_diff(const CopyTab *t, const CopyRow *r, Stmt *st)
{
	char buf[24];
	for (int i = 0; i < t->ncols; i++) {
		if (t->ignored[i])
			continue;
		const char *v = copy_row_text(r, i, buf);
		bool null = db_col_null(st, i);
		if (null != !v || (v && strcmp(v, db_col_text(st, i))))
			return i;
	}
	return -1;
}

void copy_row_name(const CopyTab *t, const CopyRow *r, char *b, size_t cap)
{
	size_t n = (size_t)snprintf(b, cap, "%s", t->t.name);
	char buf[24];
	for (int k = 0; k < t->t.nkey && n < cap; k++) {
		const char *v = copy_row_text(r, t->key_at[k], buf);
		n += (size_t)snprintf(b + n, cap - n, " %s=%s", t->t.key[k], v ? v : "NULL");
	}
}

void copy_conflict(Copy *c, const char *name, const char *fmt, ...)
{
	if (c->shown && c->conflicts < COPY_CONFLICTS_SHOWN) {
		buf_printf(c->shown, "%s: ", name);
		va_list ap;
		va_start(ap, fmt);
		buf_vprintf(c->shown, fmt, ap);
		va_end(ap);
		buf_putc(c->shown, '\n');
	}
	c->conflicts++;
}

bool copy_map_id(const Copy *c, const CopyTab *tt, int64_t src, int64_t *dst)
{
	(void)c;
	if (!tt->planned) { /* its own table, in the first pass: as the hypothesis */
		*dst = src;
		return true;
	}
	if (idmap_find(&tt->map, src, dst, NULL))
		return true;
	*dst = src; /* a row gone from the source: its id, if nobody here holds it */
	return tt->kept && !idset_has(&tt->dest_ids, src);
}

/* The table whose ids the records of t are named by in the audit log: its
 * own, or its parent's for a table keyed by its parent first (the members
 * of a đề án are logged under the đề án's id); NULL when named by a code. */
static const CopyTab *logged_by(const Copy *c, const CopyTab *t)
{
	if (t->ids)
		return t;
	for (int k = 0; k < t->nrefs; k++)
		if (t->refs[k].col == t->key_at[0])
			return &c->plan.t[t->refs[k].target];
	return NULL;
}

static bool parse_id(const char *s, int64_t *out)
{
	if (!s || !(*s >= '0' && *s <= '9'))
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	*out = v;
	return !errno && !*end;
}

static const char *audit_record_id(Copy *c, const CopyTab *t, const char *id)
{
	const CopyTab *by = logged_by(c, t);
	int64_t v, d;
	if (!by || !parse_id(id, &v))
		return id;
	char out[64];
	if (copy_map_id(c, by, v, &d))
		snprintf(out, sizeof out, "%lld", (long long)d);
	else
		snprintf(out, sizeof out, "%.8s:%lld", c->src_inst, (long long)v);
	return strcmp(out, id) ? arena_strdup(&c->row_arena, out) : id;
}

/* The table the JSON key of a record of t names a row of, or NULL. */
static const CopyTab *json_target(const Copy *c, const CopyTab *t, const char *key)
{
	if (t->ids && !strcmp(key, t->t.key[0]))
		return t;
	for (int k = 0; k < t->nrefs; k++)
		if (!strcmp(t->cols[t->refs[k].col], key))
			return &c->plan.t[t->refs[k].target];
	return NULL;
}

/* Rewrites the ids among o's values; whether any changed. */
static bool json_rewrite(const Copy *c, const CopyTab *t, json_t *o)
{
	bool changed = false;
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
	{
		const CopyTab *tt = json_target(c, t, key);
		int64_t d;
		if (!tt || !json_is_integer(v))
			continue;
		copy_map_id(c, tt, json_integer_value(v), &d); /* kept when unknown */
		if (d != json_integer_value(v)) {
			json_integer_set(v, d);
			changed = true;
		}
	}
	return changed;
}

/* An image of a record with its ids rewritten: written again, in the same
 * order, only when one changed. */
static const char *audit_json(Copy *c, const CopyTab *t, const char *text)
{
	json_t *o = json_loads(text, JSON_DECODE_ANY, NULL);
	if (json_is_object(o) && json_rewrite(c, t, o)) {
		char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (s)
			text = arena_strdup(&c->row_arena, s);
		free(s);
	}
	json_decref(o);
	return text;
}

/* An audit row: its record's id and images, by the table it names. */
static void rewrite_audit(Copy *c, const CopyTab *a, CopyRow *r)
{
	int tn = copy_col(a, "table_name"), id = copy_col(a, "record_id");
	int x = tn >= 0 && r->type[tn] == DB_TEXT ? copy_plan_find(&c->plan, r->text[tn]) : -1;
	if (x < 0)
		return;
	const CopyTab *t = &c->plan.t[x];
	if (id >= 0 && r->type[id] == DB_TEXT)
		r->text[id] = audit_record_id(c, t, r->text[id]);
	const char *images[] = {"before_json", "after_json"};
	for (int k = 0; k < 2; k++) {
		int i = copy_col(a, images[k]);
		if (i >= 0 && r->type[i] == DB_TEXT)
			r->text[i] = audit_json(c, t, r->text[i]);
	}
}

int copy_row_rewrite(Copy *c, const CopyTab *t, CopyRow *r)
{
	char name[COPY_NAME_MAX];
	copy_row_name(t, r, name, sizeof name);
	int bad = 0;
	for (int k = 0; k < t->nrefs; k++) {
		const CopyRef *ref = &t->refs[k];
		const CopyTab *tt = &c->plan.t[ref->target];
		int i = ref->col;
		int64_t d;
		if (r->type[i] != DB_INTEGER)
			continue;
		if (copy_map_id(c, tt, r->num[i], &d)) {
			r->num[i] = d;
		} else if (!ref->declared) {
			r->type[i] = DB_NULL; /* an account gone from the source: unknown here */
		} else {
			copy_conflict(c, name, "cột '%s' trỏ tới %s id=%lld mà nguồn không có",
			        t->cols[i], tt->t.name, (long long)r->num[i]);
			bad = 1;
		}
	}
	if (c->plan.audit >= 0 && t == &c->plan.t[c->plan.audit])
		rewrite_audit(c, t, r);
	return bad;
}
