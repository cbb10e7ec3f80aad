/* store_copy_ids.c — sorted id maps and sets for the copy (store_copy_int.h).
 * Ids arrive in key order from the databases, so adding is appending and
 * finding is a binary search. */
#include <stdlib.h>

#include "store/store_copy_int.h"

static void *grow(void *p, size_t n, size_t size)
{
	void *q = realloc(p, n * size);
	if (!q)
		abort();
	return q;
}

void idmap_add(IdMap *m, int64_t src, int64_t dst, CopyHow how)
{
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 1024;
		m->src = grow(m->src, m->cap, sizeof *m->src);
		m->dst = grow(m->dst, m->cap, sizeof *m->dst);
		m->how = grow(m->how, m->cap, sizeof *m->how);
	}
	m->src[m->n] = src;
	m->dst[m->n] = dst;
	m->how[m->n++] = (unsigned char)how;
}

/* The index of the first of v[0..n) not below x. */
static size_t lower_bound(const int64_t *v, size_t n, int64_t x)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool idmap_find(const IdMap *m, int64_t src, int64_t *dst, CopyHow *how)
{
	size_t i = lower_bound(m->src, m->n, src);
	if (i == m->n || m->src[i] != src)
		return false;
	*dst = m->dst[i];
	if (how)
		*how = (CopyHow)m->how[i];
	return true;
}

void idmap_free(IdMap *m)
{
	free(m->src);
	free(m->dst);
	free(m->how);
	*m = (IdMap){0};
}

void idset_add(IdSet *s, int64_t v)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 1024;
		s->v = grow(s->v, s->cap, sizeof *s->v);
	}
	s->v[s->n++] = v;
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void idset_sort(IdSet *s)
{
	if (s->n)
		qsort(s->v, s->n, sizeof *s->v, cmp_id);
}

bool idset_has(const IdSet *s, int64_t v)
{
	size_t i = lower_bound(s->v, s->n, v);
	return i < s->n && s->v[i] == v;
}

void idset_free(IdSet *s)
{
	free(s->v);
	*s = (IdSet){0};
}

int idset_load(Db *db, const char *sql, const char *p1, const char *p2, IdSet *s, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	if (p1)
		db_bind_str(st, 1, p1);
	if (p2)
		db_bind_str(st, 2, p2);
	while ((rc = db_step(st, e)) == DB_ROW)
		idset_add(s, db_col_int64(st, 0));
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}
