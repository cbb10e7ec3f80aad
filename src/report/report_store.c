/* report_store.c — templates in and out of the database (shipped ones at
 * init, administrators' edits, checks), and submitted reports. */
#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "report/report.h"
#include "report/report_render.h"
#include "report/report_template.h"
#include "store/store_report.h"

extern const EmbeddedFile kc_report_data[]; /* generated from the files of data/reports */

static int add_indicator(void *ctx, const char *kind, const char *code, const char *label,
        const char *unit, const char *value_kind, Err *e)
{
	(void)label, (void)unit, (void)value_kind, (void)e;
	if (!strcmp(kind, "indicator"))
		buf_printf(ctx, "%s,", code);
	return 0;
}

/* The first indicator rows name that is not in set (",a,b,"), or NULL. */
static const char *missing_indicator(const Buf *set, const TplRow *v, int n)
{
	for (int i = 0; i < n; i++) {
		for (int k = 0; k < v[i].n_m; k++) {
			const char *ind = v[i].m[k].indicator;
			char key[80];
			snprintf(key, sizeof key, ",%s,", ind ? ind : "");
			if (ind && !strstr(buf_cstr(set), key))
				return ind;
		}
		const char *m = missing_indicator(set, v[i].kids, v[i].n_kids);
		if (m)
			return m;
	}
	return NULL;
}

static int check(Db *db, const char *json, size_t len, Arena *arena, Template *t, Err *e)
{
	Buf set;
	buf_init(&set, 1 << 20);
	buf_putc(&set, ',');
	int rc = tpl_parse(json, len, arena, t, e);
	if (rc == 0)
		rc = store_report_labels(db, add_indicator, &set, e);
	const char *m = rc ? NULL : missing_indicator(&set, t->rows, t->n_rows);
	if (m)
		rc = err_field(e, "template", KC_EINVAL,
		        "Mẫu báo cáo '%s' dùng chỉ tiêu '%s' không có trong danh mục chỉ tiêu",
		        t->id, m);
	buf_free(&set);
	return rc;
}

int tpl_shipped(const char *id, Arena *arena, StoredTemplate *out)
{
	for (const EmbeddedFile *f = kc_report_data; id && f->name; f++) {
		Template t;
		Arena scratch = {0};
		bool match = tpl_parse((const char *)f->data, f->size, &scratch, &t, NULL) == 0 &&
		             !strcmp(t.id, id);
		if (match) {
			char origin[300];
			snprintf(origin, sizeof origin, "shipped:%s", f->name);
			*out = (StoredTemplate){arena_strdup(arena, t.id), t.version, t.version,
			        t.position, arena_strdup(arena, t.title), (const char *)f->data,
			        arena_strdup(arena, origin), NULL};
		}
		arena_free(&scratch);
		if (match)
			return 0;
	}
	return KC_ENOTFOUND;
}

int report_template_list(Db *db, Arena *arena, StoredTemplateList *out, Err *e)
{
	int rc = store_report_template_list(db, arena, out, e);
	int shipped = 0;
	for (const EmbeddedFile *f = kc_report_data; f->name; f++)
		shipped++;
	if (rc)
		return rc;
	StoredTemplate *v = arena_alloc(arena, (size_t)(out->n + shipped + 1) * sizeof *v);
	memcpy(v, out->v, (size_t)out->n * sizeof *v);
	int n = out->n;
	for (const EmbeddedFile *f = kc_report_data; f->name; f++) {
		Template t;
		Arena scratch = {0};
		bool stored = tpl_parse((const char *)f->data, f->size, &scratch, &t, NULL) != 0;
		for (int i = 0; !stored && i < out->n; i++)
			stored = !strcmp(out->v[i].id, t.id);
		if (!stored && tpl_shipped(t.id, arena, &v[n]) == 0)
			v[n++].body = NULL;
		arena_free(&scratch);
	}
	out->v = v;
	out->n = n;
	return 0;
}

int report_template_check(Db *db, const char *json, Err *e)
{
	Arena arena = {0};
	Template t;
	int rc = check(db, json, json ? strlen(json) : 0, &arena, &t, e);
	arena_free(&arena);
	return rc;
}

int report_templates_load(Db *db, const Actor *a, int *inserted, Err *e)
{
	int n = 0, rc = 0;
	for (const EmbeddedFile *f = kc_report_data; rc == 0 && f->name; f++) {
		Arena arena = {0};
		Template t;
		char origin[300];
		snprintf(origin, sizeof origin, "shipped:%s", f->name);
		if ((rc = check(db, (const char *)f->data, f->size, &arena, &t, e)) == 0)
			rc = store_report_template_seed(db, a, t.id, t.version, t.position, t.title,
			        (const char *)f->data, origin, &n, e);
		else if (e) {
			char why[sizeof e->msg];
			snprintf(why, sizeof why, "%s", e->msg);
			err_set(e, rc, "data/reports/%s: %s", f->name, why);
		}
		arena_free(&arena);
	}
	if (inserted)
		*inserted = n;
	return rc;
}

int report_template_save(
        Db *db, const Actor *a, const char *json, int expected, int *version, Err *e)
{
	Arena arena = {0};
	Template t;
	int rc = check(db, json, json ? strlen(json) : 0, &arena, &t, e);
	if (rc == 0)
		rc = store_report_template_put(db, a, t.id, expected, t.title, json, version, e);
	arena_free(&arena);
	return rc;
}

int report_submit(Db *db, const Actor *a, const ReportRequest *req, const char *note,
        int64_t *snapshot_id, int *version, Err *e)
{
	Arena arena = {0};
	ReportTable *t;
	Buf json;
	buf_init(&json, 16u << 20);
	/* A snapshot names a stored template version: store the shipped ones first. */
	int rc = report_templates_load(db, a, NULL, e);
	if (rc == 0)
		rc = report_compute(db, req, &arena, &t, e);
	if (rc == 0)
		rc = report_render_json(t, &json, e);
	if (rc == 0) {
		Snapshot s = {.template_id = t->template_id,
		        .template_version = t->template_version,
		        .scope = t->scope,
		        .period = t->period,
		        .boundaries = t->boundaries,
		        .filters = t->filters,
		        .table_json = buf_cstr(&json),
		        .note = note};
		rc = store_report_snapshot_add(db, a, &s, snapshot_id, version, e);
	}
	buf_free(&json);
	arena_free(&arena);
	return rc;
}

int report_snapshot_table(Db *db, int64_t id, Arena *arena, ReportTable **out, Err *e)
{
	Snapshot s;
	int rc = store_report_snapshot_get(db, id, arena, &s, e);
	if (rc)
		return rc;
	return report_table_from_json(s.table_json, strlen(s.table_json), arena, out, e);
}
