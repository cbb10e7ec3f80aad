/* store_admin.c — see store_admin.h. */
#include "store/store_admin.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/embed.h"
#include "core/vntext.h"
#include "store/store.h"

extern const EmbeddedFile kc_admin_data[]; /* generated from the CSV files in data/admin-units */

enum { MAX_FIELDS = 16 };

/* One line of the shipped CSV files, split at commas. Their README promises
 * no quoting, no commas inside fields, UTF-8 NFC, LF line ends. */
typedef struct Row {
	const char *f[MAX_FIELDS];
	size_t len[MAX_FIELDS];
	int n;
} Row;

typedef struct Csv {
	const EmbeddedFile *files; /* the table the files come from */
	const char *name;
	const char *p, *end;
	int line; /* of the row last read, from 1 for the header */
	Row head;
} Csv;

static void split(const char *p, const char *eol, Row *r)
{
	r->n = 0;
	for (;;) {
		const char *c = memchr(p, ',', (size_t)(eol - p));
		const char *stop = c ? c : eol;
		if (r->n < MAX_FIELDS) {
			r->f[r->n] = p;
			r->len[r->n++] = (size_t)(stop - p);
		}
		if (!c)
			break;
		p = c + 1;
	}
}

/* Reads the next non-empty line into r: 1 when there is one, 0 at the end,
 * KC_EINVAL (with e) for a row whose field count differs from the header's,
 * so that no field index read from the header can pass a row's end. */
static int csv_next(Csv *c, Row *r, Err *e)
{
	while (c->p < c->end) {
		const char *eol = memchr(c->p, '\n', (size_t)(c->end - c->p));
		if (!eol)
			eol = c->end;
		const char *line = c->p;
		c->p = eol < c->end ? eol + 1 : eol;
		c->line++;
		if (eol == line)
			continue;
		split(line, eol, r);
		if (c->head.n && r->n != c->head.n)
			return -err_set(e, KC_EINVAL,
			        "reference file '%s' line %d: %d fields, header has %d", c->name,
			        c->line, r->n, c->head.n);
		return 1;
	}
	return 0;
}

static const EmbeddedFile *find_file(const EmbeddedFile *files, const char *name)
{
	for (const EmbeddedFile *f = files; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

static int csv_open(Csv *c, const EmbeddedFile *files, const char *name, Err *e)
{
	const EmbeddedFile *f = find_file(files, name);
	if (!f)
		return err_set(e, KC_ENOTFOUND, "reference file '%s' is not built in", name);
	*c = (Csv){.files = files, .name = name, .p = (const char *)f->data};
	c->end = c->p + f->size;
	if (csv_next(c, &c->head, e) != 1)
		return err_set(e, KC_EINVAL, "reference file '%s' is empty", name);
	return 0;
}

/* The index of the column called name, or -1. */
static int col(const Csv *c, const char *name)
{
	for (int i = 0; i < c->head.n; i++)
		if (c->head.len[i] == strlen(name) && !memcmp(c->head.f[i], name, c->head.len[i]))
			return i;
	return -1;
}

static void bind_field(Stmt *st, int param, const Row *r, int i)
{
	if (i < 0 || i >= r->n || r->len[i] == 0)
		db_bind_null(st, param);
	else
		db_bind_text(st, param, r->f[i], r->len[i]);
}

typedef struct UnitSource {
	const char *file, *list, *level;
	const char *parent_col;   /* NULL: a province has no parent */
	const char *province_col; /* NULL: the unit is its own province */
} UnitSource;

static const UnitSource unit_sources[] = {
        {"provinces_legacy.csv", "legacy", "province", NULL, NULL},
        {"districts_legacy.csv", "legacy", "district", "province_code", "province_code"},
        {"communes_legacy.csv", "legacy", "commune", "district_code", "province_code"},
        {"provinces_2025.csv", "current", "province", NULL, NULL},
        {"communes_2025.csv", "current", "commune", "province_code", "province_code"},
};

/* Runs an INSERT ... ON CONFLICT DO NOTHING RETURNING 1 and counts the row
 * if it was new. */
static int insert_counted(Stmt *st, int *inserted, Err *e)
{
	int rc = db_step(st, e);
	if (rc == DB_ROW) {
		(*inserted)++;
		rc = db_step(st, e);
	}
	return rc == DB_DONE ? 0 : rc;
}

static int load_units(
        Db *db, const EmbeddedFile *files, const UnitSource *src, int *inserted, Err *e)
{
	Csv c;
	int rc = csv_open(&c, files, src->file, e);
	if (rc)
		return rc;
	int code = col(&c, "code"), name = col(&c, "name"), full = col(&c, "full_name");
	int type = col(&c, "type");
	int parent = src->parent_col ? col(&c, src->parent_col) : -1;
	int prov = src->province_col ? col(&c, src->province_col) : code;
	if (code < 0 || name < 0 || full < 0 || type < 0 || prov < 0)
		return err_set(e, KC_EINVAL, "reference file '%s' lacks a column", src->file);
	Stmt *st;
	if ((rc = db_prepare(db,
	             "INSERT INTO admin_unit (list, level, code, name, full_name, type, parent_code,"
	             " province_code, name_key, sort_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
	             " ON CONFLICT DO NOTHING RETURNING 1",
	             &st, e)))
		return rc;
	Buf fold, key;
	buf_init(&fold, 4096);
	buf_init(&key, 4096);
	Row r;
	int more;
	while (rc == 0 && (more = csv_next(&c, &r, e)) != 0) {
		if (more < 0) {
			rc = -more;
			break;
		}
		buf_reset(&fold);
		buf_reset(&key);
		if ((rc = vn_fold(&fold, r.f[name], r.len[name], e)) ||
		        (rc = vn_collate_key(&key, r.f[name], r.len[name], e)))
			break;
		db_bind_str(st, 1, src->list);
		db_bind_str(st, 2, src->level);
		bind_field(st, 3, &r, code);
		bind_field(st, 4, &r, name);
		bind_field(st, 5, &r, full);
		bind_field(st, 6, &r, type);
		bind_field(st, 7, &r, parent);
		bind_field(st, 8, &r, prov);
		db_bind_text(st, 9, buf_cstr(&fold), fold.len);
		db_bind_text(st, 10, buf_cstr(&key), key.len);
		rc = insert_counted(st, inserted, e);
		db_reset(st);
	}
	db_done(st);
	buf_free(&fold);
	buf_free(&key);
	return rc;
}

static const char succession_sql[] =
        "INSERT INTO admin_succession (old_list, old_level, old_code, new_list, new_level,"
        " new_code, merge_type) VALUES ('legacy', ?, ?, 'current', ?, ?, ?)"
        " ON CONFLICT DO NOTHING RETURNING 1";

/* Each legacy province became part of one current province: 'unchanged' when
 * it is the only one that did, 'merged' otherwise (NQ 202/2025/QH15). */
/* 0..99 for a two-digit province code, -1 for anything else. */
static int province_index(const char *f, size_t len)
{
	if (len != 2 || f[0] < '0' || f[0] > '9' || f[1] < '0' || f[1] > '9')
		return -1;
	return (f[0] - '0') * 10 + (f[1] - '0');
}

/* How many legacy provinces merged into each current one. */
static int count_merged(Csv c, int next, int merged_into[100], Err *e)
{
	Row r;
	int more;
	while ((more = csv_next(&c, &r, e)) > 0) {
		int i = province_index(r.f[next], r.len[next]);
		if (i < 0)
			return err_set(e, KC_EINVAL,
			        "provinces_legacy.csv line %d: bad province_code_2025", c.line);
		merged_into[i]++;
	}
	return -more;
}

static int load_province_succession(Db *db, const EmbeddedFile *files, int *inserted, Err *e)
{
	Csv c;
	int rc = csv_open(&c, files, "provinces_legacy.csv", e);
	if (rc)
		return rc;
	int code = col(&c, "code"), next = col(&c, "province_code_2025");
	if (code < 0 || next < 0)
		return err_set(e, KC_EINVAL, "provinces_legacy.csv lacks a column");
	int merged_into[100] = {0};
	Stmt *st;
	if ((rc = count_merged(c, next, merged_into, e)) ||
	        (rc = db_prepare(db, succession_sql, &st, e)))
		return rc;
	Row r;
	int more;
	while (rc == 0 && (more = csv_next(&c, &r, e)) > 0) {
		int n = merged_into[province_index(r.f[next], r.len[next])];
		db_bind_str(st, 1, "province");
		bind_field(st, 2, &r, code);
		db_bind_str(st, 3, "province");
		bind_field(st, 4, &r, next);
		db_bind_str(st, 5, n == 1 ? "unchanged" : "merged");
		rc = insert_counted(st, inserted, e);
		db_reset(st);
	}
	db_done(st);
	return rc ? rc : -more;
}

/* The commune crosswalk. Six rows have no legacy commune: island districts
 * without communes and one district's coastal area; their predecessor is the
 * legacy district. */
static int load_commune_succession(Db *db, const EmbeddedFile *files, int *inserted, Err *e)
{
	Csv c;
	int rc = csv_open(&c, files, "commune_map.csv", e);
	if (rc)
		return rc;
	int old = col(&c, "legacy_commune_code"), district = col(&c, "legacy_district_code");
	int next = col(&c, "commune_code"), type = col(&c, "merge_type");
	if (old < 0 || district < 0 || next < 0 || type < 0)
		return err_set(e, KC_EINVAL, "commune_map.csv lacks a column");
	Stmt *st;
	if ((rc = db_prepare(db, succession_sql, &st, e)))
		return rc;
	Row r;
	int more = 0;
	while (rc == 0 && (more = csv_next(&c, &r, e)) > 0) {
		bool whole_district = r.len[old] == 0;
		db_bind_str(st, 1, whole_district ? "district" : "commune");
		bind_field(st, 2, &r, whole_district ? district : old);
		db_bind_str(st, 3, "commune");
		bind_field(st, 4, &r, next);
		bind_field(st, 5, &r, type);
		rc = insert_counted(st, inserted, e);
		db_reset(st);
	}
	db_done(st);
	return rc ? rc : -more;
}

/* ---- Regions ------------------------------------------------------------------------ */

typedef struct RegionRow {
	const char *code, *kind, *name; /* NUL-terminated copies */
} RegionRow;

static int insert_region(
        Db *db, const char *code, const char *kind, const char *name, int *inserted, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO region (code, kind, name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
	        " RETURNING 1",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, code);
	db_bind_str(st, 2, kind);
	db_bind_str(st, 3, name);
	rc = insert_counted(st, inserted, e);
	db_done(st);
	return rc;
}

/* Makes province (list, code) a member of region from..to (NULL: open). */
static int insert_member(Db *db, const char *region, const char *list, const char *code,
        const char *from, const char *to, int *inserted, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "INSERT INTO region_member (region_code, list, province_code, valid_from, valid_to)"
	        " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, region);
	db_bind_str(st, 2, list);
	db_bind_str(st, 3, code);
	db_bind_str(st, 4, from);
	db_bind_str(st, 5, to);
	rc = insert_counted(st, inserted, e);
	db_done(st);
	return rc;
}

/* The Ministry region of each geographic region id 1..9, from regions.csv. */
static int load_moit_regions(
        Db *db, const EmbeddedFile *files, char moit[10][24], int *inserted, Err *e)
{
	Csv c;
	int rc = csv_open(&c, files, "regions.csv", e);
	if (rc)
		return rc;
	int code = col(&c, "code"), kind = col(&c, "kind"), name = col(&c, "name");
	int geo = col(&c, "geographic_region_ids");
	if (code < 0 || kind < 0 || name < 0 || geo < 0)
		return err_set(e, KC_EINVAL, "regions.csv lacks a column");
	Row r;
	int more;
	while (rc == 0 && (more = csv_next(&c, &r, e)) > 0) {
		char k[24], t[24], n[128];
		snprintf(k, sizeof k, "%.*s", (int)r.len[code], r.f[code]);
		snprintf(t, sizeof t, "%.*s", (int)r.len[kind], r.f[kind]);
		snprintf(n, sizeof n, "%.*s", (int)r.len[name], r.f[name]);
		for (size_t i = 0; i < r.len[geo]; i++)
			if (r.f[geo][i] >= '1' && r.f[geo][i] <= '9')
				snprintf(moit[r.f[geo][i] - '0'], sizeof moit[0], "%s", k);
		rc = insert_region(db, k, t, n, inserted, e);
	}
	return rc ? rc : -more;
}

/* The regions of one legacy province: geographic, socio-economic, Ministry. */
static int province_regions(Db *db, const Row *r, int geo_id, int geo_name, int se,
        char moit[10][24], char out[3][64], int *inserted, Err *e)
{
	char name[128];
	int g = r->len[geo_id] == 1 ? r->f[geo_id][0] - '0' : 0;
	if (g < 1 || g > 9 || !moit[g][0])
		return err_set(e, KC_EINVAL,
		        "provinces_legacy.csv: region_id '%.*s' has no Ministry"
		        " region in regions.csv",
		        (int)r->len[geo_id], r->f[geo_id]);
	snprintf(out[0], 64, "geo_%d", g);
	snprintf(out[2], 64, "%s", moit[g]);
	snprintf(name, sizeof name, "%.*s", (int)r->len[geo_name], r->f[geo_name]);
	int rc = insert_region(db, out[0], "geographic", name, inserted, e);
	if (rc)
		return rc;
	/* The socio-economic region's code is its folded name: se_dong_bang_song_hong. */
	Buf key;
	buf_init(&key, 256);
	buf_puts(&key, "se_");
	rc = vn_fold(&key, r->f[se], r->len[se], e);
	for (size_t i = 0; i < key.len; i++)
		key.data[i] = key.data[i] == ' ' ? '_' : key.data[i];
	snprintf(out[1], 64, "%s", buf_cstr(&key));
	snprintf(name, sizeof name, "%.*s", (int)r->len[se], r->f[se]);
	buf_free(&key);
	return rc ? rc : insert_region(db, out[1], "socioeconomic", name, inserted, e);
}

/* Legacy provinces are members until 30/06/2025; the current province that
 * kept a legacy province's code carries its regions from 01/07/2025. */
static int load_regions(Db *db, const EmbeddedFile *files, int *inserted, Err *e)
{
	char moit[10][24] = {{0}};
	int rc = load_moit_regions(db, files, moit, inserted, e);
	Csv c;
	if (rc || (rc = csv_open(&c, files, "provinces_legacy.csv", e)))
		return rc;
	int code = col(&c, "code"), geo_id = col(&c, "region_id"),
	    geo_name = col(&c, "region_name");
	int se = col(&c, "socioeconomic_region"), next = col(&c, "province_code_2025");
	if (code < 0 || geo_id < 0 || geo_name < 0 || se < 0 || next < 0)
		return err_set(e, KC_EINVAL, "provinces_legacy.csv lacks a region column");
	Row r;
	int more;
	while (rc == 0 && (more = csv_next(&c, &r, e)) > 0) {
		char regions[3][64], p[4];
		snprintf(p, sizeof p, "%.*s", (int)r.len[code], r.f[code]);
		bool carrier =
		        r.len[code] == r.len[next] && !memcmp(r.f[code], r.f[next], r.len[code]);
		rc = province_regions(db, &r, geo_id, geo_name, se, moit, regions, inserted, e);
		for (int i = 0; rc == 0 && i < 3; i++) {
			rc = insert_member(
			        db, regions[i], "legacy", p, NULL, "2025-06-30", inserted, e);
			if (rc == 0 && carrier)
				rc = insert_member(db, regions[i], "current", p, "2025-07-01", NULL,
				        inserted, e);
		}
	}
	return rc ? rc : -more;
}

int store_admin_region_members(Db *db, const char *region, Date d, UnitFn fn, void *ctx, Err *e)
{
	static const char sql[] =
	        "SELECT u.list, u.code, u.name FROM region_member m"
	        " JOIN admin_unit u ON u.list = m.list AND u.level = 'province'"
	        "  AND u.code = m.province_code"
	        " WHERE m.region_code = ? AND COALESCE(m.valid_from, '0000-01-01') <= ?"
	        " AND COALESCE(m.valid_to, '9999-12-31') >= ?"
	        " ORDER BY u.sort_key, u.code";
	Buf iso;
	buf_init(&iso, 16);
	date_format_iso(&iso, d);
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc == 0) {
		db_bind_str(st, 1, region);
		db_bind_text(st, 2, iso.data, iso.len);
		db_bind_text(st, 3, iso.data, iso.len);
		while ((rc = db_step(st, e)) == DB_ROW)
			if (fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2)))
				break;
		db_done(st);
		rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
	}
	buf_free(&iso);
	return rc;
}

int store_admin_regions(Db *db, const char *kind, RegionFn fn, void *ctx, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT code, kind, name FROM region WHERE (CAST(? AS TEXT) IS NULL OR kind = ?)"
	        " ORDER BY kind, code",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, kind);
	db_bind_str(st, 2, kind);
	while ((rc = db_step(st, e)) == DB_ROW)
		if (fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2)))
			break;
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

int store_admin_load(Db *db, int *inserted, Err *e)
{
	return store_admin_load_from(db, kc_admin_data, inserted, e);
}

int store_admin_load_from(Db *db, const EmbeddedFile *files, int *inserted, Err *e)
{
	int n = 0;
	db_set_memo(db, NULL, NULL); /* units checked so far: a savepoint may take them back */
	int rc = db_begin(db, e);
	if (rc)
		return rc;
	for (size_t i = 0; rc == 0 && i < sizeof unit_sources / sizeof unit_sources[0]; i++)
		rc = load_units(db, files, &unit_sources[i], &n, e);
	if (rc == 0)
		rc = load_province_succession(db, files, &n, e);
	if (rc == 0)
		rc = load_commune_succession(db, files, &n, e);
	if (rc == 0)
		rc = load_regions(db, files, &n, e);
	if (rc == 0)
		rc = db_commit(db, e);
	if (rc) {
		db_rollback(db);
		return rc;
	}
	if (inserted)
		*inserted = n;
	return 0;
}

/* Binds unit u as the parameters 1, 2, 3: list, level, code. */
static void bind_unit(Stmt *st, const UnitRef *u)
{
	db_bind_str(st, 1, u->list);
	db_bind_str(st, 2, u->level);
	db_bind_str(st, 3, u->code);
}

int store_admin_current_province(Db *db, const UnitRef *u, char out[3], Err *e)
{
	/* Provinces merged whole (NQ 202/2025/QH15), so every legacy unit's current
	 * province is the successor of the legacy province it lay in. A legacy unit
	 * without one is an error: its own code may mean another province today. */
	static const char sql[] =
	        "SELECT CASE WHEN u.list = 'legacy' THEN s.new_code ELSE u.province_code END"
	        " FROM admin_unit u"
	        " LEFT JOIN admin_succession s ON s.old_list = 'legacy' AND s.old_level = 'province'"
	        "  AND s.old_code = u.province_code AND s.new_level = 'province'"
	        " WHERE u.list = ? AND u.level = ? AND u.code = ?";
	bool legacy = !strcmp(u->list, "legacy");
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	bind_unit(st, u);
	rc = db_step(st, e);
	bool has = rc == DB_ROW && !db_col_null(st, 0);
	if (has)
		snprintf(out, 3, "%s", db_col_text(st, 0));
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND, "Không có đơn vị hành chính mã '%s' (%s) trong %s",
		        u->code, u->level,
		        legacy ? "danh mục trước 01/7/2025" : "danh mục hiện hành");
	if (rc != DB_ROW)
		return rc;
	if (!has)
		return err_set(e, KC_ENOTFOUND,
		        "Chưa có thông tin tỉnh nào sau sắp xếp kế thừa đơn vị mã '%s' (%s)",
		        u->code, u->level);
	return 0;
}

int store_admin_province_of(Db *db, const char *list, const char *code, char out[3], Err *e)
{
	out[0] = '\0';
	if (!list || !code)
		return 0;
	UnitRef u = {.level = "province"};
	snprintf(u.list, sizeof u.list, "%s", list);
	snprintf(u.code, sizeof u.code, "%s", code);
	return store_admin_current_province(db, &u, out, e);
}

int store_admin_name(Db *db, const UnitRef *u, Arena *arena, const char **name, Err *e)
{
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT name FROM admin_unit WHERE list = ? AND level = ? AND code = ?", &st, e);
	if (rc)
		return rc;
	bind_unit(st, u);
	rc = db_step(st, e);
	if (rc == DB_ROW)
		*name = arena_strdup(arena, db_col_text(st, 0));
	db_done(st);
	if (rc == DB_DONE)
		return err_set(e, KC_ENOTFOUND,
		        "Không có đơn vị hành chính mã '%s' (%s) trong danh mục %s", u->code,
		        u->level, u->list);
	return rc == DB_ROW ? 0 : rc;
}

int store_admin_valid_on(
        Db *db, Date d, const char *level, const char *province_code, UnitFn fn, void *ctx, Err *e)
{
	static const char sql[] =
	        "SELECT u.list, u.code, u.name FROM admin_unit u JOIN admin_list l ON l.code = u.list"
	        " WHERE u.level = ? AND (CAST(? AS TEXT) IS NULL OR u.province_code = ?)"
	        " AND COALESCE(u.valid_from, l.valid_from, '0000-00-00') <= ?"
	        " AND COALESCE(u.valid_to, l.valid_to, '9999-12-31') >= ?"
	        " ORDER BY u.sort_key, u.code";
	Buf iso;
	buf_init(&iso, 16);
	date_format_iso(&iso, d);
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc == 0) {
		db_bind_str(st, 1, level);
		db_bind_str(st, 2, province_code);
		db_bind_str(st, 3, province_code);
		db_bind_text(st, 4, iso.data, iso.len);
		db_bind_text(st, 5, iso.data, iso.len);
		while ((rc = db_step(st, e)) == DB_ROW)
			if (fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2)))
				break;
		db_done(st);
		rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
	}
	buf_free(&iso);
	return rc;
}

int store_admin_children(
        Db *db, const char *list, const char *parent_code, UnitFn fn, void *ctx, Err *e)
{
	static const char sql[] = "SELECT list, code, full_name FROM admin_unit"
	                          " WHERE list = ? AND parent_code = ? ORDER BY sort_key, code";
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, list);
	db_bind_str(st, 2, parent_code);
	while ((rc = db_step(st, e)) == DB_ROW)
		if (fn(ctx, db_col_text(st, 0), db_col_text(st, 1), db_col_text(st, 2)))
			break;
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

static const char *level_vi(const char *level)
{
	return !strcmp(level, "province") ? "Tỉnh" : !strcmp(level, "district") ? "Huyện" : "Xã";
}

/* ---- Units checked in a transaction (db_memo) -------------------------------------- */

/* A unit found: its province and when it is in force. */
typedef struct UnitSpan {
	char key[24]; /* "list|level|code"; "" for an empty slot */
	char province[4], from[11], to[11];
} UnitSpan;

/* Direct-mapped: a unit's slot is its key's hash; a newcomer replaces. */
enum { UNIT_MEMO_SLOTS = 1024 };
typedef struct UnitMemo {
	UnitSpan slot[UNIT_MEMO_SLOTS];
} UnitMemo;

/* The memo's key of a unit, or false when it does not fit (not memoised). */
static bool unit_key(const char *list, const char *level, const char *code, char key[24])
{
	int n = snprintf(key, 24, "%s|%s|%s", list, level, code);
	return n > 0 && n < 24;
}

static UnitSpan *unit_slot(UnitMemo *m, const char *key)
{
	uint32_t h = 2166136261u;
	for (const char *p = key; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	return &m->slot[h % UNIT_MEMO_SLOTS];
}

/* What the transaction's memo knows of the unit keyed key, or NULL. */
static const UnitSpan *unit_remembered(Db *db, const char *key)
{
	UnitMemo *m = db_memo(db);
	const UnitSpan *s = m ? unit_slot(m, key) : NULL;
	return s && !strcmp(s->key, key) ? s : NULL;
}

static void unit_remember(Db *db, const UnitSpan *u)
{
	if (db_depth(db) == 0)
		return; /* a memo lives in a transaction only */
	UnitMemo *m = db_memo(db);
	if (!m) {
		if (!(m = calloc(1, sizeof *m)))
			abort();
		db_set_memo(db, m, free);
	}
	*unit_slot(m, u->key) = *u;
}

/* The unit (list, level, code) as stored, into *u (u->key set): from the
 * transaction's memo, else read. KC_ENOTFOUND, without a message, when
 * there is none. */
static int unit_span(
        Db *db, const char *list, const char *level, const char *code, UnitSpan *u, Err *e)
{
	static const char sql[] =
	        "SELECT u.province_code, COALESCE(u.valid_from, l.valid_from, '0000-01-01'),"
	        " COALESCE(u.valid_to, l.valid_to, '9999-12-31')"
	        " FROM admin_unit u JOIN admin_list l ON l.code = u.list"
	        " WHERE u.list = ? AND u.level = ? AND u.code = ?";
	bool keyed = unit_key(list, level, code, u->key);
	const UnitSpan *known = keyed ? unit_remembered(db, u->key) : NULL;
	if (known) {
		*u = *known;
		return 0;
	}
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, list);
	db_bind_str(st, 2, level);
	db_bind_str(st, 3, code);
	if ((rc = db_step(st, e)) == DB_ROW) {
		snprintf(u->province, sizeof u->province, "%s", db_col_text(st, 0));
		snprintf(u->from, sizeof u->from, "%s", db_col_text(st, 1));
		snprintf(u->to, sizeof u->to, "%s", db_col_text(st, 2));
	}
	db_done(st);
	if (rc == DB_DONE)
		return KC_ENOTFOUND;
	if (rc != DB_ROW)
		return rc;
	if (keyed)
		unit_remember(db, u);
	return 0;
}

int store_admin_check(Db *db, const char *list, const char *code, const char *level,
        const char *parent_code, int year, const char *field, Err *e)
{
	const char *list_vi =
	        !strcmp(list, "legacy") ? "danh mục trước 01/7/2025" : "danh mục hiện hành";
	if (strcmp(list, "legacy") && strcmp(list, "current"))
		return err_field(
		        e, field, KC_EINVAL, "Danh mục đơn vị hành chính '%s' không có", list);
	UnitSpan u;
	int rc = unit_span(db, list, level, code, &u, e);
	if (rc == KC_ENOTFOUND)
		return err_field(e, field, KC_EINVAL, "%s mã '%s' không có trong %s",
		        level_vi(level), code, list_vi);
	if (rc)
		return rc;
	const char *province = u.province, *from = u.from, *to = u.to;
	if (parent_code && strcmp(province, parent_code))
		return err_field(e, field, KC_EINVAL, "%s mã '%s' không thuộc tỉnh mã '%s'",
		        level_vi(level), code, parent_code);
	/* In force at some time in the year: from <= 31/12 and to >= 01/01. */
	char y0[11], y1[11];
	snprintf(y0, sizeof y0, "%04d-01-01", year);
	snprintf(y1, sizeof y1, "%04d-12-31", year);
	if (year && (strcmp(from, y1) > 0 || strcmp(to, y0) < 0))
		return err_field(e, field, KC_EINVAL,
		        "%s mã '%s' thuộc %s, không còn hoặc chưa có hiệu lực trong năm %d",
		        level_vi(level), code, list_vi, year);
	return 0;
}

int store_admin_check_span(
        Db *db, const char *list, const char *code, int first, int last, const char *field, Err *e)
{
	if (!list || !code || !list[0] || !code[0])
		return err_field(e, field, KC_EINVAL, "Chưa chọn tỉnh, thành phố");
	int rc = store_admin_check(db, list, code, "province", NULL, first, field, e);
	if (rc == KC_EINVAL && last != first)
		rc = store_admin_check(db, list, code, "province", NULL, last, field, e);
	return rc;
}

int store_admin_province_keys(Db *db, const UnitRef *v, size_t n, Buf *out, Err *e)
{
	buf_putc(out, ',');
	for (size_t i = 0; i < n; i++) {
		int rc = store_admin_check(
		        db, v[i].list, v[i].code, "province", NULL, 0, "provinces", e);
		if (rc)
			return rc;
		buf_printf(out, "%s:%s,", v[i].list, v[i].code);
	}
	return buf_err(out);
}

int store_admin_find(Db *db, const char *level, const char *code, const char *const keys[3],
        const char *province_list, const char *province_code, UnitFound *out, int max, int *n,
        Err *e)
{
	*n = 0;
	Stmt *st;
	int rc = db_prepare(db,
	        "SELECT list, code, province_code, COALESCE(parent_code, '') FROM admin_unit"
	        " WHERE level = ? AND (code = ? OR name_key IN (?, ?, ?))"
	        " AND (CAST(? AS TEXT) IS NULL OR (list = ? AND province_code = ?))"
	        " ORDER BY list, code",
	        &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, level);
	db_bind_str(st, 2, code);
	for (int i = 0; i < 3; i++)
		db_bind_str(st, 3 + i, keys[i]);
	db_bind_str(st, 6, province_code);
	db_bind_str(st, 7, province_list);
	db_bind_str(st, 8, province_code);
	while ((rc = db_step(st, e)) == DB_ROW) {
		if (*n < max) {
			UnitFound *u = &out[*n];
			snprintf(u->list, sizeof u->list, "%s", db_col_text(st, 0));
			snprintf(u->code, sizeof u->code, "%s", db_col_text(st, 1));
			snprintf(u->province, sizeof u->province, "%s", db_col_text(st, 2));
			snprintf(u->parent, sizeof u->parent, "%s", db_col_text(st, 3));
		}
		(*n)++;
	}
	db_done(st);
	return rc == DB_DONE ? 0 : rc;
}

/* ---- The commune picker ---------------------------------------------------------------- */

/* The current communes a legacy commune became part of, ", "-separated, in arena. */
static int became_of(Db *db, const char *code, Arena *arena, const char **out, Err *e)
{
	static const char sql[] =
	        "SELECT n.full_name FROM admin_succession s JOIN admin_unit n"
	        " ON n.list = s.new_list AND n.level = s.new_level AND n.code = s.new_code"
	        " WHERE s.old_list = 'legacy' AND s.old_level = 'commune' AND s.old_code = ?"
	        " AND s.new_list = 'current' ORDER BY n.sort_key, n.code";
	Stmt *st;
	int rc = db_prepare(db, sql, &st, e);
	if (rc)
		return rc;
	db_bind_str(st, 1, code);
	Buf b;
	buf_init(&b, 4096);
	while ((rc = db_step(st, e)) == DB_ROW)
		buf_printf(&b, "%s%s", b.len ? ", " : "", db_col_text(st, 0));
	db_done(st);
	*out = b.len ? arena_strdup(arena, buf_cstr(&b)) : NULL;
	buf_free(&b);
	return rc == DB_DONE ? 0 : rc;
}

int store_admin_communes(Db *db, const char *current_province, const char *q, int max, Arena *arena,
        CommunePick *out, int *n, bool *more, Err *e)
{
	static const char sql[] =
	        "SELECT u.list, u.code, u.full_name, u.province_code FROM admin_unit u"
	        " WHERE u.level = 'commune' AND (CAST(? AS TEXT) IS NULL OR u.name_key LIKE ?"
	        " ESCAPE '!') AND ((u.list = 'current' AND u.province_code = ?)"
	        " OR (u.list = 'legacy' AND u.province_code IN (SELECT s.old_code"
	        " FROM admin_succession s WHERE s.old_list = 'legacy' AND s.old_level = 'province'"
	        " AND s.new_list = 'current' AND s.new_level = 'province' AND s.new_code = ?)))"
	        " ORDER BY CASE WHEN u.list = 'current' THEN 0 ELSE 1 END, u.sort_key, u.code"
	        " LIMIT ?";
	*n = 0;
	*more = false;
	Buf pattern;
	buf_init(&pattern, 1024);
	bool any = q && *q;
	int rc = any ? store_like_pattern(q, &pattern, e) : 0;
	Stmt *st = NULL;
	if (!rc)
		rc = db_prepare(db, sql, &st, e);
	if (!rc) {
		db_bind_str(st, 1, any ? buf_cstr(&pattern) : NULL);
		db_bind_str(st, 2, any ? buf_cstr(&pattern) : NULL);
		db_bind_str(st, 3, current_province);
		db_bind_str(st, 4, current_province);
		db_bind_int64(st, 5, (int64_t)max + 1);
		while ((rc = db_step(st, e)) == DB_ROW) {
			if (*n == max) {
				*more = true;
				continue;
			}
			CommunePick *p = &out[(*n)++];
			*p = (CommunePick){arena_strdup(arena, db_col_text(st, 0)),
			        arena_strdup(arena, db_col_text(st, 1)),
			        arena_strdup(arena, db_col_text(st, 2)),
			        arena_strdup(arena, db_col_text(st, 3)), NULL};
		}
		db_done(st);
		rc = rc == DB_DONE ? 0 : rc;
	}
	buf_free(&pattern);
	for (int i = 0; !rc && i < *n; i++)
		if (!strcmp(out[i].list, "legacy"))
			rc = became_of(db, out[i].code, arena, &out[i].became, e);
	return rc;
}
