/* store_copy.c — see store_copy.h.
 *
 * The tables go parents first (store_copy_plan.c). A table keyed by an id
 * takes two passes over the source: the first decides where each row goes
 * (plan_ids: a row copied before, the destination's own row, or a new one,
 * and then whether the new ones keep their ids), so that references to rows
 * of the same table can be rewritten in the second (copy_rows), which adds
 * or compares each row. Last, the source's own copy_origin rows are carried
 * over (carry_origins). While a conflict is known nothing more is written:
 * the copy only looks for more, and rolls back. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_copy_int.h"
#include "store/store_migrate.h"
#include "store/store_totals.h"

/* ---- Where rows came from -------------------------------------------------------------- */

/* A row of the source's copy_origin: its row local came from row sid of
 * the database inst. */
typedef struct Origin {
	int64_t local, sid;
	char inst[STORE_INSTANCE_LEN];
} Origin;

typedef struct Origins {
	Origin *v;
	size_t n, cap;
} Origins;

/* The source's origins of table's rows, by local id. */
static int origins_load(Db *db, const char *table, Origins *o, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT dest_id, source_id, source_instance FROM copy_origin WHERE table_name = ?"
	        " ORDER BY dest_id, source_instance, source_id",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, table);
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (o->n == o->cap) {
			o->cap = o->cap ? 2 * o->cap : 256;
			if (!(o->v = realloc(o->v, o->cap * sizeof *o->v)))
				abort();
		}
		Origin *x = &o->v[o->n++];
		x->local = db_col_int64(st, 0);
		x->sid = db_col_int64(st, 1);
		snprintf(x->inst, sizeof x->inst, "%s", db_col_text(st, 2));
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* The destination's row that a copy made from row sid of table in the
 * database inst: *dst, or KC_ENOTFOUND. */
static int origin_find(
        Db *to, const char *inst, const char *table, int64_t sid, int64_t *dst, Err *e)
{
	Stmt *st;
	int rc = db_prepare(to,
	        "SELECT dest_id FROM copy_origin WHERE source_instance = ? AND table_name = ?"
	        " AND source_id = ?",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, inst);
	db_bind_str(st, 2, table);
	db_bind_int64(st, 3, sid);
	rc = db_run_int64(st, dst, e);
	db_done(st);
	return rc;
}

static int origin_add(Copy *c, const char *inst, const char *table, int64_t sid, int64_t dst,
        bool created, Err *e)
{
	Stmt *st;
	int rc = db_prepare(c->to,
	        "INSERT INTO copy_origin (source_instance, table_name, source_id, dest_id, created)"
	        " VALUES (?, ?, ?, ?, ?)",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, inst);
	db_bind_str(st, 2, table);
	db_bind_int64(st, 3, sid);
	db_bind_int64(st, 4, dst);
	db_bind_int64(st, 5, created);
	rc = db_run(st, e);
	db_done(st);
	return rc;
}

/* Where the source's row id of t came from, if the destination has that
 * row: the destination itself, or another database it has copied from. */
static int found_elsewhere(
        Copy *c, const CopyTab *t, const Origins *o, int64_t id, int64_t *dst, Err *e)
{
	size_t lo = 0, hi = o->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (o->v[mid].local < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < o->n && o->v[lo].local == id; lo++) {
		if (!strcmp(o->v[lo].inst, c->dst_inst)) {
			if (idset_has(&t->dest_ids, o->v[lo].sid)) {
				*dst = o->v[lo].sid;
				return 0;
			}
			continue;
		}
		int rc = origin_find(c->to, o->v[lo].inst, t->t.name, o->v[lo].sid, dst, e);
		if (rc != KC_ENOTFOUND)
			return rc;
	}
	return KC_ENOTFOUND;
}

/* ---- The first pass: where each row of a table keyed by an id goes -------------------- */

/* Whether the destination's row with r's id (its own, not a copy's) holds
 * what r holds: the same row, seeded or copied before origins were kept. */
static int same_as_own(Copy *c, const CopyTab *t, CopyRow *r, bool *same, int *col, Err *e)
{
	*same = false;
	/* A reference the source cannot resolve is noted in the second pass. */
	int64_t noted = c->conflicts;
	size_t shown = c->shown ? c->shown->len : 0;
	bool bad = copy_row_rewrite(c, t, r);
	c->conflicts = noted;
	if (c->shown)
		buf_truncate(c->shown, shown);
	if (bad)
		return 0;
	Stmt *st;
	int rc = db_prepare(c->to, buf_cstr(&t->lookup), &st, e);
	if (rc)
		return rc;
	db_bind_int64(st, 1, r->num[t->key_at[0]]);
	if ((rc = db_step(st, e)) == DB_ROW) {
		*col = copy_row_diff(t, r, st);
		*same = *col < 0;
		rc = 0;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* What the first pass knows of the destination, for one table. */
typedef struct Known {
	IdMap prior;   /* rows copied from this source before */
	IdSet created; /* rows any copy added */
	Origins o;     /* where the source's rows came from */
	bool collides; /* a new row's id is taken */
} Known;

/* Decides, for one source row, how it finds its destination row. */
static int plan_row(Copy *c, CopyTab *t, CopyRow *r, void *ctx, Err *e)
{
	Known *k = ctx;
	int64_t id = r->num[t->key_at[0]], dst;
	if (idmap_find(&k->prior, id, &dst, NULL)) {
		idmap_add(&t->map, id, dst, HOW_BEFORE);
		return 0;
	}
	int rc = found_elsewhere(c, t, &k->o, id, &dst, e);
	if (rc != KC_ENOTFOUND) {
		if (rc == 0)
			idmap_add(&t->map, id, dst, HOW_BEFORE);
		return rc;
	}
	bool same = false;
	int col = -1;
	char name[COPY_NAME_MAX];
	copy_row_name(t, r, name, sizeof name);
	if (idset_has(&t->dest_ids, id) && !idset_has(&k->created, id) &&
	        (rc = same_as_own(c, t, r, &same, &col, e)))
		return rc;
	if (!same && t->shared && col >= 0) {
		copy_conflict(c, name,
		        "dữ liệu dùng chung đã bị sửa ở nguồn: cột '%s' khác với bản ở đích",
		        t->cols[col]);
		same = true; /* references to it go to the destination's */
	}
	if (same) {
		idmap_add(&t->map, id, id, HOW_MATCHED);
		return 0;
	}
	k->collides |= idset_has(&t->dest_ids, id);
	idmap_add(&t->map, id, id, HOW_NEW);
	return 0;
}

/* Runs fn on each row of t in the source, in key order. */
static int each_source_row(Copy *c, CopyTab *t,
        int (*fn)(Copy *c, CopyTab *t, CopyRow *r, void *ctx, Err *e), void *ctx, Err *e)
{
	Stmt *src;
	int rc = db_prepare(c->from, buf_cstr(&t->select), &src, e);
	if (rc)
		return rc;
	CopyRow r;
	while ((rc = db_step(src, e)) == DB_ROW) {
		copy_row_read(t, src, &r);
		rc = fn(c, t, &r, ctx, e);
		arena_free(&c->row_arena);
		if (rc)
			break;
	}
	db_done(src);
	return rc == DB_DONE ? 0 : rc;
}

static int plan_ids(Copy *c, CopyTab *t, Err *e)
{
	Known k = {0};
	Stmt *st = NULL;
	char sql[3 * DB_NAME_MAX + 32];
	snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY %s", t->t.key[0], t->t.name,
	        t->t.key[0]);
	int rc = db_prepare(c->to, sql, &st, e);
	if (rc == 0) {
		while ((rc = db_step(st, e)) == DB_ROW)
			idset_add(&t->dest_ids, db_col_int64(st, 0));
		db_done(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	if (rc == 0 && (rc = db_prepare(c->to,
	                        "SELECT source_id, dest_id FROM copy_origin WHERE source_instance ="
	                        " ? AND table_name = ? ORDER BY source_id",
	                        &st, e)) == 0) {
		db_bind_str(st, 1, c->src_inst);
		db_bind_str(st, 2, t->t.name);
		while ((rc = db_step(st, e)) == DB_ROW)
			idmap_add(&k.prior, db_col_int64(st, 0), db_col_int64(st, 1), HOW_BEFORE);
		db_done(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	if (rc == 0)
		rc = idset_load(c->to,
		        "SELECT dest_id FROM copy_origin WHERE table_name = ? AND created = 1"
		        " ORDER BY dest_id",
		        t->t.name, NULL, &k.created, e);
	if (rc == 0)
		rc = origins_load(c->from, t->t.name, &k.o, e);
	if (rc == 0)
		rc = each_source_row(c, t, plan_row, &k, e);
	/* New rows keep their ids unless one is taken; then they all follow the
	 * destination's largest, in their order. */
	int64_t next = t->dest_ids.n ? t->dest_ids.v[t->dest_ids.n - 1] + 1 : 1;
	for (size_t i = 0; k.collides && i < t->map.n; i++)
		if (t->map.how[i] == HOW_NEW)
			t->map.dst[i] = next++;
	t->kept = !k.collides;
	t->planned = true;
	idmap_free(&k.prior);
	idset_free(&k.created);
	free(k.o.v);
	return rc;
}

/* ---- The second pass: each row added or compared --------------------------------------- */

/* Whether the account owning r (app_user's own row, or the row's account)
 * was copied before: then it is the destination's to manage. */
static bool account_copied_before(const Copy *c, const CopyTab *t, const CopyRow *r)
{
	const CopyTab *users = &c->plan.t[c->plan.app_user];
	int col = t == users ? t->key_at[0] : t->owner >= 0 ? t->refs[t->owner].col : -1;
	int64_t dst;
	CopyHow how;
	return col >= 0 && r->type[col] == DB_INTEGER &&
	       idmap_find(&users->map, r->num[col], &dst, &how) && how == HOW_BEFORE;
}

static int taken(Db *to, const char *sql, const char *value, bool *yes, Err *e)
{
	Stmt *st;
	int rc = db_prepare(to, sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, value);
	rc = db_step(st, e);
	*yes = rc == DB_ROW;
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* In a merge, a new account comes disabled, renamed if its name is taken,
 * and its API tokens revoked. */
static int merge_account(Copy *c, const CopyTab *t, CopyRow *r, Err *e)
{
	int active = copy_col(t, "active"), name = copy_col(t, "username"),
	    revoked = copy_col(t, "revoked_at");
	if (active >= 0) {
		r->type[active] = DB_INTEGER;
		r->num[active] = 0;
	}
	if (revoked >= 0 && r->type[revoked] == DB_NULL) {
		r->type[revoked] = DB_TEXT;
		r->text[revoked] = c->now;
	}
	bool yes = false;
	int rc = 0;
	if (name >= 0 && r->type[name] == DB_TEXT &&
	        (rc = taken(c->to, "SELECT 1 FROM app_user WHERE username = ?", r->text[name], &yes,
	                 e)) == 0 &&
	        yes) {
		char renamed[DB_NAME_MAX + 16];
		snprintf(renamed, sizeof renamed, "%.55s.%.8s", r->text[name], c->src_inst);
		r->text[name] = arena_strdup(&c->row_arena, renamed);
	}
	return rc;
}

/* Notes a conflict for each unique key of t whose values the destination
 * holds already in another row. */
static int check_unique(Copy *c, const CopyTab *t, const CopyRow *r, const char *name, Err *e)
{
	int rc = 0;
	for (int u = 0; rc == 0 && u < t->nuniq; u++) {
		const DbUnique *k = &t->uniq[u];
		int at[DB_KEY_MAX];
		bool usable = !k->expression && k->ncols > 0;
		for (int i = 0; usable && i < k->ncols; i++)
			usable =
			        (at[i] = copy_col(t, k->cols[i])) >= 0 && r->type[at[i]] != DB_NULL;
		if (!usable)
			continue; /* NULLs never collide; an expression is left to the insert */
		Buf sql, vals;
		buf_init(&sql, 4096);
		buf_init(&vals, 4096);
		buf_printf(&sql, "SELECT %s FROM %s WHERE ", t->cols[t->key_at[0]], t->t.name);
		char num[24];
		for (int i = 0; i < k->ncols; i++) {
			buf_printf(&sql, "%s%s = ?", i ? " AND " : "", k->cols[i]);
			buf_printf(&vals, "%s%s='%s'", i ? ", " : "", k->cols[i],
			        copy_row_text(r, at[i], num));
		}
		Stmt *st;
		if ((rc = db_prepare(c->to, buf_cstr(&sql), &st, e)) == 0) {
			for (int i = 0; i < k->ncols; i++)
				copy_row_bind_one(r, at[i], st, i + 1);
			if ((rc = db_step(st, e)) == DB_ROW)
				copy_conflict(c, name,
				        "trùng %s với bản ghi %s=%s đã có ở đích; không gộp hai bản ghi",
				        buf_cstr(&vals), t->cols[t->key_at[0]], db_col_text(st, 0));
			rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
			db_done(st);
		}
		buf_free(&sql);
		buf_free(&vals);
	}
	return rc;
}

static int insert_row(Copy *c, const CopyTab *t, const CopyRow *r, const char *name, Err *e)
{
	Stmt *st;
	Err le = {0};
	int rc = db_prepare(c->to, buf_cstr(&t->insert), &st, &le);
	if (rc == 0) {
		copy_row_bind(t, r, st, 1);
		rc = db_run(st, &le);
		db_done(st);
	}
	return rc ? err_set(e, rc, "%s: không ghi được vào đích: %s", name, le.msg) : 0;
}

/* A row new to the destination: checked, then written with its origin. */
static int add_row(Copy *c, const CopyTab *t, CopyRow *r, int64_t src_id, const char *name,
        CopyCounts *n, Err *e)
{
	int rc = 0;
	if (c->merge && t->account && (rc = merge_account(c, t, r, e)))
		return rc;
	if ((rc = check_unique(c, t, r, name, e)) || c->conflicts)
		return rc;
	if ((rc = insert_row(c, t, r, name, e)))
		return rc;
	n->added++;
	if (!t->ids)
		return 0;
	int64_t dst = r->num[t->key_at[0]];
	n->renumbered += dst != src_id;
	return origin_add(c, c->src_inst, t->t.name, src_id, dst, true, e);
}

/* Adds or compares one row of the source; ctx counts. */
static int copy_row(Copy *c, CopyTab *t, CopyRow *r, void *ctx, Err *e)
{
	CopyCounts *n = ctx;
	char name[COPY_NAME_MAX];
	copy_row_name(t, r, name, sizeof name);
	int64_t src_id = t->ids ? r->num[t->key_at[0]] : 0, dst = 0;
	CopyHow how = HOW_NEW;
	if (t->ids && !idmap_find(&t->map, src_id, &dst, &how))
		return err_set(e, KC_EINVAL, "%s: không có trong lượt đầu", name);
	if (t->account && account_copied_before(c, t, r)) {
		n->same++;
		return 0;
	}
	if (copy_row_rewrite(c, t, r))
		return 0;
	if (t->ids)
		r->num[t->key_at[0]] = dst;
	if (how == HOW_MATCHED) {
		n->same++;
		return c->conflicts ? 0
		                    : origin_add(c, c->src_inst, t->t.name, src_id, dst, false, e);
	}
	Stmt *st;
	int rc = db_prepare(c->to, buf_cstr(&t->lookup), &st, e);
	if (rc)
		return rc;
	for (int k = 0; k < t->t.nkey; k++)
		copy_row_bind_one(r, t->key_at[k], st, k + 1);
	if ((rc = db_step(st, e)) == DB_ROW) {
		int col = copy_row_diff(t, r, st);
		if (col < 0)
			n->same++;
		else if (how == HOW_BEFORE && dst != src_id)
			copy_conflict(c, name, "cột '%s' khác với bản đã chép vào đích (id=%lld)",
			        t->cols[col], (long long)dst);
		else
			copy_conflict(c, name, "cột '%s' khác với bản đã có ở đích", t->cols[col]);
	}
	db_done(st);
	if (rc != DB_DONE)
		return rc == DB_ROW ? 0 : rc;
	if (how == HOW_BEFORE) {
		copy_conflict(c, name, "đã chép vào đích trước đây (id=%lld) nhưng đích không còn",
		        (long long)dst);
		return 0;
	}
	return add_row(c, t, r, src_id, name, n, e);
}

static int copy_table(Copy *c, CopyTab *t, CopyFn fn, void *ctx, Err *e)
{
	CopyCounts n = {0};
	Err le = {0};
	int rc = t->ids ? plan_ids(c, t, &le) : 0;
	if (rc == 0)
		rc = each_source_row(c, t, copy_row, &n, &le);
	t->done = true;
	if (rc)
		return err_set(e, rc, "không chép được bảng '%s': %s", t->t.name, le.msg);
	if (fn)
		fn(ctx, t->t.name, &n);
	return 0;
}

/* ---- The source's own origins, carried over -------------------------------------------- */

/* Each row the source had from a third database is, here, the row the
 * source's became: so a copy of a copy still knows where its rows are from. */
static int carry_origin(Copy *c, Stmt *st, Err *e)
{
	const char *inst = db_col_text(st, 0);
	int x = copy_plan_find(&c->plan, db_col_text(st, 1));
	int64_t sid = db_col_int64(st, 2), dst, had;
	if (!strcmp(inst, c->dst_inst) || x < 0 || !c->plan.t[x].ids ||
	        !idmap_find(&c->plan.t[x].map, db_col_int64(st, 3), &dst, NULL))
		return 0; /* the destination's own row, or one the source no longer has */
	const char *table = c->plan.t[x].t.name;
	int rc = origin_find(c->to, inst, table, sid, &had, e);
	if (rc == 0 && had != dst)
		copy_conflict(c, table,
		        "bản ghi id=%lld của cơ sở dữ liệu %s đã có ở đích là id=%lld, nguồn lại ghi"
		        " là id=%lld",
		        (long long)sid, inst, (long long)had, (long long)dst);
	if (rc == KC_ENOTFOUND)
		rc = c->conflicts ? 0
		                  : origin_add(c, inst, table, sid, dst, db_col_int64(st, 4), e);
	return rc;
}

static int carry_origins(Copy *c, Err *e)
{
	Stmt *st;
	int rc = db_prepare(c->from,
	        "SELECT source_instance, table_name, source_id, dest_id, created FROM copy_origin"
	        " ORDER BY table_name, source_instance, source_id",
	        &st, e);
	if (rc)
		return rc;
	while ((rc = db_step(st, e)) == DB_ROW)
		if ((rc = carry_origin(c, st, e)))
			break;
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- The copy -------------------------------------------------------------------------- */

static int check_versions(Db *from, Db *to, Err *e)
{
	int v = 0, rc = store_schema_version(from, &v, e);
	if (rc)
		return rc;
	if (v != store_schema_latest())
		return err_set(e, KC_EINVAL,
		        "nguồn đang ở phiên bản lược đồ %d, chương trình này ở phiên bản %d: hãy"
		        " chạy 'khuyencong init' trên nguồn trước",
		        v, store_schema_latest());
	return store_migrate(to, NULL, e);
}

static int identities(Copy *c, Err *e)
{
	int rc = store_instance_id(c->from, c->src_inst, e);
	if (rc == 0)
		rc = store_instance_id(c->to, c->dst_inst, e);
	if (rc == 0 && !strcmp(c->src_inst, c->dst_inst))
		rc = err_set(e, KC_EINVAL,
		        "nguồn và đích là cùng một cơ sở dữ liệu (mã định danh %s): một bản sao"
		        " bằng cách chép tệp mang cùng mã định danh với bản gốc",
		        c->src_inst);
	return rc;
}

static int copy_all(Copy *c, CopyFn fn, void *ctx, Err *e)
{
	int64_t accounts = 0;
	Stmt *st;
	int rc = db_prepare(c->to, "SELECT COUNT(*) FROM app_user", &st, e);
	if (rc == 0) {
		rc = db_run_int64(st, &accounts, e);
		db_done(st);
	}
	c->merge = accounts > 0;
	for (int k = 0; rc == 0 && k < c->plan.n; k++)
		rc = copy_table(c, &c->plan.t[c->plan.order[k]], fn, ctx, e);
	if (rc == 0)
		rc = carry_origins(c, e);
	if (rc == 0 && c->conflicts)
		rc = err_set(e, KC_ECONFLICT,
		        "%lld bản ghi của nguồn xung đột với đích; chưa chép gì vào đích",
		        (long long)c->conflicts);
	return rc;
}

int store_copy(Db *from, Db *to, CopyFn fn, void *ctx, Buf *conflicts, Err *e)
{
	Copy c = {.from = from, .to = to, .shown = conflicts};
	int rc = check_versions(from, to, e);
	if (rc || (rc = identities(&c, e)))
		return rc;
	store_now(NULL, c.now);
	if ((rc = copy_plan(from, false, &c.plan, e)) == 0 && (rc = db_begin(to, e)) == 0) {
		if ((rc = db_defer_foreign_keys(to, e)) == 0 &&
		        (rc = copy_all(&c, fn, ctx, e)) == 0 && (rc = db_sync_ids(to, e)) == 0)
			rc = store_totals_rebuild(to, e);
		Err le = {0};
		if (rc == 0 && (rc = db_commit(to, &le)))
			err_set(e, rc, "không ghi được bản chép: %s", le.msg);
		if (rc)
			db_rollback(to);
	}
	copy_plan_free(&c.plan);
	arena_free(&c.row_arena);
	return rc;
}

int store_table_checksum(Db *db, const char *table, char hex[65], int64_t *rows, Err *e)
{
	CopyTab t;
	int rc = copy_tab_open(db, table, &t, e);
	Stmt *st = NULL;
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	*rows = 0;
	if (rc == 0 && (rc = db_prepare(db, buf_cstr(&t.select), &st, e)) == 0) {
		while ((rc = db_step(st, e)) == DB_ROW) {
			for (int i = 0; i < t.ncols; i++) {
				/* name, then N (NULL) or V and the text with its NUL */
				const char *name = db_col_name(st, i), *v = db_col_text(st, i);
				bool null = db_col_null(st, i);
				crypto_hash_sha256_update(
				        &h, (const unsigned char *)name, strlen(name) + 1);
				crypto_hash_sha256_update(
				        &h, (const unsigned char *)(null ? "N" : "V"), 1);
				if (!null)
					crypto_hash_sha256_update(
					        &h, (const unsigned char *)v, strlen(v) + 1);
			}
			(*rows)++;
		}
		rc = rc == DB_DONE ? 0 : rc;
	}
	db_done(st);
	copy_tab_free(&t);
	unsigned char sum[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, sum);
	sodium_bin2hex(hex, 65, sum, sizeof sum);
	return rc;
}
