/* test_project_extra.c — outputs and outcomes, inspections and documents of
 * a đề án on a real SQLite file and a real documents folder: reads back,
 * invalid input that changes nothing, audit rows, the content-addressed
 * files (one file per content, named by its SHA-256, removed again when
 * recording fails) and atomicity.
 *
 * The đề án rows are plain INSERTs; the reference rows (indicators, an
 * organisation) use codes and ids of their own, so the suite depends neither
 * on store_project nor on the seeded rules of 0003. */
#include "harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixture.h"
#include "store/store_admin.h"
#include "store/store_project_extra.h"

static const Actor officer = {
        .user_id = 0, .name = "can.bo", .via = "http", .now = "2026-11-22T08:00:00Z"};

static const char reference_sql[] =
        "INSERT INTO activity_content (code, scheme, position, label_vi) VALUES"
        " ('X_DEMO', 'test', 1, 'Mô hình trình diễn (thử)') ON CONFLICT DO NOTHING;"
        "INSERT INTO indicator (code, label_vi, unit_vi, value_kind, source, position) VALUES"
        " ('x_trainees', 'Số người được đào tạo (thử)', 'người', 'count', 'records', 2),"
        " ('x_jobs', 'Số việc làm mới (thử)', 'người', 'count', 'records', 1)"
        " ON CONFLICT DO NOTHING;"
        "INSERT INTO organisation (id, kind, name, name_key, sort_key) VALUES"
        " (1001, 'doit', 'Sở Công Thương tỉnh Lào Cai (thử)', 'so cong thuong', 'x')"
        " ON CONFLICT DO NOTHING;";

/* Đề án 1: Lào Cai (legacy 10), 2023; đề án 2: Sóc Trăng (legacy 94), 2019. */
static const char projects_sql[] =
        "INSERT INTO project (code, title, level, activity_code, province_list, province_code,"
        " registration_year, start_year, end_year, status, title_key, sort_key, created_at,"
        " updated_at) VALUES"
        " ('KC-THU-1', 'Đề án thử 1', 'national', 'X_DEMO', 'legacy', '10', 2022, 2023, 2023,"
        "  'in_progress', 'de an thu 1', 'x', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z'),"
        " ('KC-THU-2', 'Đề án thử 2', 'local', 'X_DEMO', 'legacy', '94', 2018, 2019, 2019,"
        "  'accepted', 'de an thu 2', 'x', '2019-01-01T00:00:00Z', '2019-01-01T00:00:00Z');";

/* SHA-256 of "abc" (FIPS 180-2, appendix B.1). */
static const char abc_sha[] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

typedef struct Fx {
	TmpDb t;
	char root[160]; /* t.dir/documents */
	DocumentStore ds;
} Fx;

static int open_fx(Fx *f)
{
	Err e;
	if (tmpdb_open(&f->t, TMPDB_LOADED) || db_exec(f->t.db, reference_sql, &e) ||
	        db_exec(f->t.db, projects_sql, &e)) {
		fprintf(stderr, "setup: %s\n", e.msg);
		return -1;
	}
	snprintf(f->root, sizeof f->root, "%s/documents", f->t.dir);
	f->ds = (DocumentStore){.root = f->root, .max_bytes = 1024};
	return 0;
}

static int setup(void **state)
{
	Fx *f = calloc(1, sizeof *f);
	if (!f || open_fx(f))
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	Fx *f = *state;
	tmpdb_close(&f->t);
	free(f);
	return 0;
}

static int64_t audits(Db *db)
{
	return db_scalar(db, "SELECT COUNT(*) FROM audit_log");
}

/* ---- Outputs and outcomes -------------------------------------------------------- */

static ProjectOutput trainees(void)
{
	ProjectOutput o = store_output_blank();
	o.project_id = 1;
	o.indicator_code = "x_trainees";
	o.planned = 35;
	return o;
}

static void output_upsert_then_list(void **state)
{
	Db *db = ((Fx *)*state)->t.db;
	ProjectOutput o = trainees();
	Err e;
	assert_int_equal(store_output_upsert(db, &officer, &o, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                               " AND table_name = 'project_output' AND record_id = '1'"
	                               " AND before_json IS NULL"
	                               " AND after_json LIKE '%\"planned\":35,\"actual\":null%'"),
	        1);
	o.actual = 36;
	o.qualifier = "trên";
	o.note = "Lớp nghề mây tre đan";
	assert_int_equal(store_output_upsert(db, &officer, &o, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_output"), 1);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                      " AND table_name = 'project_output' AND record_id = '1'"
	                      " AND before_json LIKE '%\"actual\":null%'"
	                      " AND after_json LIKE '%\"actual\":36,\"qualifier\":\"trên\"%'"),
	        1);
	ProjectOutput j = store_output_blank();
	j.project_id = 1;
	j.indicator_code = "x_jobs";
	j.actual = 20;
	assert_int_equal(store_output_upsert(db, &officer, &j, &e), 0);
	Arena arena = {0};
	ProjectOutputList l;
	assert_int_equal(store_output_list(db, 1, &arena, &l, &e), 0);
	assert_int_equal(l.n, 2);
	/* In the indicators' order: jobs (position 1) before trainees (2). */
	assert_string_equal(l.v[0].indicator_code, "x_jobs");
	assert_int_equal(l.v[0].planned, -1);
	assert_int_equal(l.v[0].actual, 20);
	assert_null(l.v[0].qualifier);
	assert_string_equal(l.v[1].label_vi, "Số người được đào tạo (thử)");
	assert_string_equal(l.v[1].unit_vi, "người");
	assert_int_equal(l.v[1].planned, 35);
	assert_int_equal(l.v[1].actual, 36);
	assert_string_equal(l.v[1].qualifier, "trên");
	assert_string_equal(l.v[1].note, "Lớp nghề mây tre đan");
	assert_int_equal(store_output_list(db, 2, &arena, &l, &e), 0);
	assert_int_equal(l.n, 0);
	arena_free(&arena);
}

static void output_qualifier_is_stored_nfc(void **state)
{
	Db *db = ((Fx *)*state)->t.db;
	ProjectOutput o = trainees();
	o.qualifier = "ga\xcc\x82\xcc\x80n"; /* "gần" typed decomposed */
	Err e;
	assert_int_equal(store_output_upsert(db, &officer, &o, &e), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM project_output WHERE qualifier = 'gần'"), 1);
}

static void output_delete_is_audited(void **state)
{
	Db *db = ((Fx *)*state)->t.db;
	ProjectOutput o = trainees();
	Err e;
	assert_int_equal(store_output_upsert(db, &officer, &o, &e), 0);
	assert_int_equal(store_output_delete(db, &officer, 1, "x_trainees", &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_output"), 0);
	assert_int_equal(
	        db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                      " AND table_name = 'project_output' AND record_id = '1'"
	                      " AND after_json IS NULL"
	                      " AND before_json LIKE '%\"indicator_code\":\"x_trainees\"%'"),
	        1);
	assert_int_equal(store_output_delete(db, &officer, 1, "x_trainees", &e), KC_ENOTFOUND);
	assert_contains(e.msg, "chưa có số liệu chỉ tiêu 'x_trainees'");
	assert_int_equal(audits(db), 2);
}

typedef struct BadOutput {
	const char *why;
	void (*spoil)(ProjectOutput *);
	int rc;
	const char *field;
	const char *says;
} BadOutput;

static void unknown_indicator(ProjectOutput *o)
{
	o->indicator_code = "x_nothing";
}
static void no_indicator(ProjectOutput *o)
{
	o->indicator_code = NULL;
}
static void output_unknown_project(ProjectOutput *o)
{
	o->project_id = 99;
}
static void negative_planned(ProjectOutput *o)
{
	o->planned = -3;
}
static void negative_actual(ProjectOutput *o)
{
	o->actual = -2;
}
static void nothing_known(ProjectOutput *o)
{
	o->planned = -1;
}
static void other_qualifier(ProjectOutput *o)
{
	o->qualifier = "hơn";
}
static void note_not_utf8(ProjectOutput *o)
{
	o->note = "\xff";
}

static const BadOutput bad_outputs[] = {
        {"unknown indicator", unknown_indicator, KC_EINVAL, "indicator_code",
                "Chỉ tiêu 'x_nothing' không có"},
        {"no indicator", no_indicator, KC_EINVAL, "indicator_code", "Chưa chọn chỉ tiêu"},
        {"unknown đề án", output_unknown_project, KC_ENOTFOUND, "project_id",
                "Không có đề án số 99"},
        {"negative planned", negative_planned, KC_EINVAL, "planned", "không được âm"},
        {"negative actual", negative_actual, KC_EINVAL, "actual", "không được âm"},
        {"neither planned nor actual", nothing_known, KC_EINVAL, "planned",
                "Chưa nhập số kế hoạch hoặc số thực hiện"},
        {"qualifier not in the list", other_qualifier, KC_EINVAL, "qualifier",
                "Từ 'hơn' trước số liệu không dùng được"},
        {"note not UTF-8", note_not_utf8, KC_EINVAL, "note", "UTF-8"},
};

static void invalid_output_changes_nothing(void **state)
{
	const BadOutput *b = *state;
	Fx f;
	assert_int_equal(open_fx(&f), 0);
	ProjectOutput o = trainees();
	b->spoil(&o);
	Err e;
	err_clear(&e);
	assert_int_equal(store_output_upsert(f.t.db, &officer, &o, &e), b->rc);
	assert_string_equal(e.field, b->field);
	assert_contains(e.msg, b->says);
	assert_int_equal(db_scalar(f.t.db, "SELECT COUNT(*) FROM project_output"), 0);
	assert_int_equal(audits(f.t.db), 0);
	assert_int_equal(db_depth(f.t.db), 0);
	tmpdb_close(&f.t);
}

/* ---- Inspections ----------------------------------------------------------------- */

static Inspection visit(void)
{
	Inspection x = store_inspection_blank();
	x.project_id = 1;
	x.inspected_on = "2023-09-14";
	x.inspector = "Đoàn kiểm tra Sở Công Thương";
	x.org_id = 1001;
	x.result = "Đã lắp đặt 2/3 máy, đúng tiến độ";
	return x;
}

static void inspection_round_trip(void **state)
{
	Db *db = ((Fx *)*state)->t.db;
	Inspection in = visit();
	int64_t id;
	Err e;
	assert_int_equal(store_inspection_add(db, &officer, &in, &id, &e), 0);
	Arena arena = {0};
	Inspection out;
	assert_int_equal(store_inspection_get(db, id, &arena, &out, &e), 0);
	assert_int_equal(out.project_id, 1);
	assert_string_equal(out.province_list, "legacy"); /* the đề án's province */
	assert_string_equal(out.province_code, "10");
	assert_string_equal(out.inspected_on, "2023-09-14");
	assert_string_equal(out.inspector, "Đoàn kiểm tra Sở Công Thương");
	assert_int_equal(out.org_id, 1001);
	assert_string_equal(out.result, "Đã lắp đặt 2/3 máy, đúng tiến độ");
	assert_null(out.note);
	in.id = id;
	in.result = "Hoàn thành lắp đặt";
	in.org_id = -1;
	assert_int_equal(store_inspection_update(db, &officer, &in, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'update'"
	                               " AND table_name = 'inspection'"
	                               " AND before_json LIKE '%đúng tiến độ%'"
	                               " AND after_json LIKE '%Hoàn thành lắp đặt%'"
	                               " AND after_json LIKE '%\"org_id\":null%'"),
	        1);
	assert_int_equal(store_inspection_delete(db, &officer, id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM inspection"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                               " AND table_name = 'inspection' AND after_json IS NULL"),
	        1);
	assert_int_equal(audits(db), 3);
	assert_int_equal(store_inspection_delete(db, &officer, id, &e), KC_ENOTFOUND);
	assert_int_equal(store_inspection_update(db, &officer, &in, &e), KC_ENOTFOUND);
	assert_int_equal(store_inspection_get(db, id, &arena, &out, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

typedef struct BadInspection {
	const char *why;
	void (*spoil)(Inspection *);
	int rc;
	const char *field;
	const char *says;
} BadInspection;

static void no_day(Inspection *x)
{
	x->inspected_on = NULL;
}
static void vn_day(Inspection *x)
{
	x->inspected_on = "14/09/2023";
}
static void no_place(Inspection *x)
{
	x->project_id = -1;
}
static void unknown_province(Inspection *x)
{
	x->project_id = -1;
	x->province_list = "legacy";
	x->province_code = "99";
}
static void legacy_in_2026(Inspection *x)
{
	x->project_id = -1;
	x->province_list = "legacy";
	x->province_code = "10";
	x->inspected_on = "2026-03-01";
}
static void not_the_projects_province(Inspection *x)
{
	x->province_list = "legacy";
	x->province_code = "94";
}
static void inspection_unknown_project(Inspection *x)
{
	x->project_id = 99;
}
static void unknown_org(Inspection *x)
{
	x->org_id = 5;
}
static void long_inspector(Inspection *x)
{
	static char s[400];
	memset(s, 'x', sizeof s - 1);
	x->inspector = s;
}

static const BadInspection bad_inspections[] = {
        {"no date", no_day, KC_EINVAL, "inspected_on", "Chưa nhập ngày kiểm tra"},
        {"date not ISO", vn_day, KC_EINVAL, "inspected_on", "'14/09/2023'"},
        {"neither đề án nor province", no_place, KC_EINVAL, "province_code", "Chưa chọn tỉnh"},
        {"unknown province", unknown_province, KC_EINVAL, "province_code", "'99'"},
        {"legacy province in 2026", legacy_in_2026, KC_EINVAL, "province_code", "năm 2026"},
        {"not the đề án's province", not_the_projects_province, KC_EINVAL, "province_code",
                "Đề án số 1 thuộc tỉnh mã '10', không phải tỉnh mã '94'"},
        {"unknown đề án", inspection_unknown_project, KC_ENOTFOUND, "project_id",
                "Không có đề án số 99"},
        {"unknown organisation", unknown_org, KC_EINVAL, "org_id", "Không có cơ quan, đơn vị số 5"},
        {"inspector too long", long_inspector, KC_EINVAL, "inspector", "dài quá"},
};

static void invalid_inspection_changes_nothing(void **state)
{
	const BadInspection *b = *state;
	Fx f;
	assert_int_equal(open_fx(&f), 0);
	Inspection x = visit();
	b->spoil(&x);
	int64_t id;
	Err e;
	err_clear(&e);
	assert_int_equal(store_inspection_add(f.t.db, &officer, &x, &id, &e), b->rc);
	assert_string_equal(e.field, b->field);
	assert_contains(e.msg, b->says);
	assert_int_equal(db_scalar(f.t.db, "SELECT COUNT(*) FROM inspection"), 0);
	assert_int_equal(audits(f.t.db), 0);
	assert_int_equal(db_depth(f.t.db), 0);
	tmpdb_close(&f.t);
}

static void add_visit(Db *db, int64_t project, const char *list, const char *code, const char *day)
{
	Inspection x = visit();
	x.project_id = project;
	x.province_list = list;
	x.province_code = code;
	x.inspected_on = day;
	int64_t id;
	Err e;
	if (store_inspection_add(db, &officer, &x, &id, &e))
		fail_msg("%s: %s", day, e.msg);
}

static void inspection_list_filters(void **state)
{
	Db *db = ((Fx *)*state)->t.db;
	add_visit(db, 1, NULL, NULL, "2023-09-14");
	add_visit(db, 1, NULL, NULL, "2023-11-02");
	add_visit(db, 2, NULL, NULL, "2019-10-01");
	add_visit(db, -1, "legacy", "94", "2019-05-20"); /* the province's programme */
	add_visit(db, -1, "current", "01", "2026-02-10");
	Arena arena = {0};
	InspectionList l;
	Err e;
	InspectionFilter f = store_inspection_filter();
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 5);
	assert_string_equal(l.v[0].inspected_on, "2026-02-10"); /* newest first */
	assert_string_equal(l.v[4].inspected_on, "2019-05-20");
	f.project_id = 1;
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	assert_string_equal(l.v[0].inspected_on, "2023-11-02");
	f = store_inspection_filter();
	f.province_list = "legacy";
	f.province_code = "94";
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	assert_int_equal(l.v[1].project_id, -1);
	f.year = 2019;
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_inspection_filter();
	f.year = 2023;
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_inspection_filter();
	f.limit = 2;
	f.offset = 4;
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 5);
	assert_int_equal(l.n, 1);
	f.limit = 501;
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), KC_EINVAL);
	assert_string_equal(e.field, "limit");
	arena_free(&arena);
}

/* Sóc Trăng (legacy 94) is part of Cần Thơ (current 92) since 1/7/2025: its
 * visits, of a đề án or of the province's programme, are listed under 92. */
static void inspection_list_by_current_province(void **state)
{
	Db *db = ((Fx *)*state)->t.db;
	add_visit(db, 2, NULL, NULL, "2019-10-01");       /* đề án in legacy 94 */
	add_visit(db, -1, "legacy", "94", "2019-05-20");  /* Sóc Trăng's programme */
	add_visit(db, -1, "current", "92", "2026-03-02"); /* Cần Thơ after the merger */
	add_visit(db, -1, "current", "01", "2026-02-10"); /* Hà Nội */
	add_visit(db, 1, NULL, NULL, "2023-09-14");       /* đề án in legacy 10 */
	Arena arena = {0};
	InspectionList l;
	Err e;
	InspectionFilter f = store_inspection_filter();
	f.current_province = "92";
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[0].inspected_on, "2026-03-02");
	assert_string_equal(l.v[1].province_code, "94");
	assert_int_equal(l.v[2].project_id, -1);
	f.year = 2019;
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 2);
	f = store_inspection_filter();
	f.current_province = "01";
	assert_int_equal(store_inspection_list(db, &f, &arena, &l, &e), 0);
	assert_int_equal(l.total, 1);
	assert_string_equal(l.v[0].inspected_on, "2026-02-10");
	arena_free(&arena);
}

/* ---- Documents ------------------------------------------------------------------- */

static Document contract(void)
{
	Document d = store_document_blank();
	d.project_id = 1;
	d.kind = "contract";
	d.title = "Hợp đồng thực hiện đề án";
	d.file_name = "hop-dong-2023.pdf";
	d.mime_type = "application/pdf";
	return d;
}

/* Entries of a folder other than "." and ".."; -1 if it cannot be read. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		n += strcmp(de->d_name, ".") && strcmp(de->d_name, "..");
	closedir(d);
	return n;
}

/* Files in the hash folders under root; 0 if root was never made. */
static int files_under(const char *root)
{
	DIR *d = opendir(root);
	if (!d)
		return 0;
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			char dir[512];
			snprintf(dir, sizeof dir, "%s/%s", root, de->d_name);
			n += entries(dir);
		}
	closedir(d);
	return n;
}

static void file_path(const Fx *f, const char *sha, char out[512])
{
	snprintf(out, 512, "%s/%.2s/%s", f->root, sha, sha);
}

static void document_add_and_get(void **state)
{
	Fx *f = *state;
	Document in = contract();
	int64_t id;
	Err e;
	assert_int_equal(store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &id, &e), 0);
	Arena arena = {0};
	Document out;
	assert_int_equal(store_document_get(f->t.db, id, &arena, &out, &e), 0);
	assert_int_equal(out.project_id, 1);
	assert_string_equal(out.kind, "contract");
	assert_string_equal(out.title, "Hợp đồng thực hiện đề án");
	assert_string_equal(out.file_name, "hop-dong-2023.pdf");
	assert_string_equal(out.mime_type, "application/pdf");
	assert_int_equal(out.size_bytes, 3);
	assert_string_equal(out.sha256, abc_sha);
	assert_string_equal(out.uploaded_at, "2026-11-22T08:00:00Z");
	assert_int_equal(out.user_id, -1);
	/* The file is named by its SHA-256 and holds exactly the bytes. */
	char path[512], content[16] = {0};
	file_path(f, abc_sha, path);
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(content, 1, sizeof content, fp), 3);
	fclose(fp);
	assert_memory_equal(content, "abc", 3);
	Buf b;
	buf_init(&b, 512);
	assert_int_equal(store_document_path(f->root, out.sha256, &b, &e), 0);
	assert_string_equal(buf_cstr(&b), path);
	buf_free(&b);
	char dir[512];
	snprintf(dir, sizeof dir, "%s/ba", f->root);
	assert_int_equal(entries(dir), 1); /* no temporary file left behind */
	assert_int_equal(db_scalar(f->t.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'insert'"
	                                    " AND table_name = 'document' AND via = 'http'"
	                                    " AND after_json LIKE '%\"sha256\":\"ba7816bf%'"),
	        1);
	assert_int_equal(store_document_get(f->t.db, id + 1, &arena, &out, &e), KC_ENOTFOUND);
	arena_free(&arena);
}

static void same_bytes_twice_one_file_two_rows(void **state)
{
	Fx *f = *state;
	Document in = contract();
	int64_t a, b;
	Err e;
	assert_int_equal(store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &a, &e), 0);
	char path[512];
	file_path(f, abc_sha, path);
	struct stat before, after;
	assert_int_equal(stat(path, &before), 0);
	in.project_id = 2;
	in.kind = "minutes";
	in.title = "Biên bản nghiệm thu";
	in.file_name = "bien-ban.pdf";
	assert_int_equal(store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &b, &e), 0);
	assert_int_not_equal(a, b);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_ino, after.st_ino); /* not written again */
	char dir[512];
	snprintf(dir, sizeof dir, "%s/ba", f->root);
	assert_int_equal(entries(dir), 1);
	assert_int_equal(entries(f->root), 1);
	assert_int_equal(
	        db_scalar(f->t.db, "SELECT COUNT(*) FROM document WHERE sha256 ="
	                           " 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61"
	                           "f20015ad'"),
	        2);
	Arena arena = {0};
	DocumentList l;
	assert_int_equal(store_document_list(f->t.db, 2, &arena, &l, &e), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].title, "Biên bản nghiệm thu");
	arena_free(&arena);
	/* A damaged copy (wrong size) is replaced by the next upload of the content. */
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("ab", fp);
	fclose(fp);
	assert_int_equal(store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &b, &e), 0);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(after.st_size, 3);
}

static void failed_insert_removes_the_new_file(void **state)
{
	Fx *f = *state;
	Err e;
	tmpdb_refuse_inserts(f->t.db, "no_document", "document", NULL);
	Document in = contract();
	int64_t id;
	assert_int_equal(store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &id, &e),
	        KC_ECONFLICT);
	char path[512];
	file_path(f, abc_sha, path);
	struct stat sb;
	assert_int_equal(stat(path, &sb), -1);
	char dir[512];
	snprintf(dir, sizeof dir, "%s/ba", f->root);
	assert_int_equal(entries(dir), 0); /* nor a temporary file */
	assert_int_equal(db_scalar(f->t.db, "SELECT COUNT(*) FROM document"), 0);
	assert_int_equal(audits(f->t.db), 0);
	assert_int_equal(db_depth(f->t.db), 0);
}

static void failed_audit_removes_the_new_file_only(void **state)
{
	Fx *f = *state;
	Document in = contract();
	int64_t id;
	Err e;
	assert_int_equal(store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &id, &e), 0);
	tmpdb_refuse_inserts(f->t.db, "no_audit", "audit_log", NULL);
	/* New content: its file goes with the failed change. */
	assert_int_not_equal(
	        store_document_add(f->t.db, &officer, &f->ds, &in, "xyz", 3, &id, &e), 0);
	/* Content already stored for another record: its file stays. */
	assert_int_not_equal(
	        store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &id, &e), 0);
	char path[512];
	struct stat sb;
	file_path(f, abc_sha, path);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(files_under(f->root), 1); /* only abc's file */
	assert_int_equal(db_scalar(f->t.db, "SELECT COUNT(*) FROM document"), 1);
	assert_int_equal(db_depth(f->t.db), 0);
}

static void failed_audit_leaves_no_output_or_inspection(void **state)
{
	Db *db = ((Fx *)*state)->t.db;
	Err e;
	tmpdb_refuse_inserts(db, "no_audit", "audit_log", NULL);
	ProjectOutput o = trainees();
	assert_int_not_equal(store_output_upsert(db, &officer, &o, &e), 0);
	Inspection x = visit();
	int64_t id;
	assert_int_not_equal(store_inspection_add(db, &officer, &x, &id, &e), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM project_output"), 0);
	assert_int_equal(db_scalar(db, "SELECT COUNT(*) FROM inspection"), 0);
	assert_int_equal(db_depth(db), 0);
}

static void document_delete_keeps_the_file(void **state)
{
	Fx *f = *state;
	Document in = contract();
	int64_t id;
	Err e;
	assert_int_equal(store_document_add(f->t.db, &officer, &f->ds, &in, "abc", 3, &id, &e), 0);
	assert_int_equal(store_document_delete(f->t.db, &officer, id, &e), 0);
	assert_int_equal(db_scalar(f->t.db, "SELECT COUNT(*) FROM document"), 0);
	assert_int_equal(db_scalar(f->t.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'delete'"
	                                    " AND table_name = 'document' AND after_json IS NULL"
	                                    " AND before_json LIKE '%hop-dong-2023.pdf%'"),
	        1);
	char path[512];
	struct stat sb;
	file_path(f, abc_sha, path);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(store_document_delete(f->t.db, &officer, id, &e), KC_ENOTFOUND);
}

static void document_root_unusable(void **state)
{
	Fx *f = *state;
	char root[200];
	/* Under a file, which is not a folder. */
	snprintf(root, sizeof root, "%s/file", f->t.dir);
	FILE *file = fopen(root, "w");
	assert_non_null(file);
	fclose(file);
	snprintf(root, sizeof root, "%s/file/documents", f->t.dir);
	DocumentStore ds = {.root = root, .max_bytes = 1024};
	Document in = contract();
	int64_t id;
	Err e;
	assert_int_equal(
	        store_document_add(f->t.db, &officer, &ds, &in, "abc", 3, &id, &e), KC_EIO);
	assert_contains(e.msg, "cannot create folder");
	assert_int_equal(db_scalar(f->t.db, "SELECT COUNT(*) FROM document"), 0);
	assert_int_equal(audits(f->t.db), 0);
	assert_int_equal(db_depth(f->t.db), 0);
}

static void document_path_refuses_anything_but_a_hash(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 512);
	Err e;
	assert_int_equal(store_document_path("/srv/kc", "../../etc/passwd", &b, &e), KC_EINVAL);
	assert_int_equal(
	        store_document_path("/srv/kc",
	                "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", &b, &e),
	        KC_EINVAL);
	assert_int_equal(store_document_path("/srv/kc", NULL, &b, &e), KC_EINVAL);
	assert_int_equal(b.len, 0);
	assert_int_equal(store_document_path("/srv/kc", abc_sha, &b, &e), 0);
	assert_string_equal(buf_cstr(&b),
	        "/srv/kc/ba/ba7816bf8f01cfea414140de5dae2223b00361a396177a9"
	        "cb410ff61f20015ad");
	buf_free(&b);
}

typedef struct BadDocument {
	const char *why;
	void (*spoil)(Document *, size_t *len);
	int rc;
	const char *field;
	const char *says;
} BadDocument;

static void doc_bad_kind(Document *d, size_t *len)
{
	(void)len;
	d->kind = "letter";
}
static void doc_no_title(Document *d, size_t *len)
{
	(void)len;
	d->title = "";
}
static void doc_slash(Document *d, size_t *len)
{
	(void)len;
	d->file_name = "../hop-dong.pdf";
}
static void doc_backslash(Document *d, size_t *len)
{
	(void)len;
	d->file_name = "C:\\hop-dong.pdf";
}
static void doc_dotdot(Document *d, size_t *len)
{
	(void)len;
	d->file_name = "..";
}
static void doc_control(Document *d, size_t *len)
{
	(void)len;
	d->file_name = "hop\ndong.pdf";
}
static void doc_no_name(Document *d, size_t *len)
{
	(void)len;
	d->file_name = NULL;
}
static void doc_mime_word(Document *d, size_t *len)
{
	(void)len;
	d->mime_type = "pdf";
}
static void doc_mime_params(Document *d, size_t *len)
{
	(void)len;
	d->mime_type = "text/plain; charset=utf-8";
}
static void doc_empty(Document *d, size_t *len)
{
	(void)d;
	*len = 0;
}
static void doc_too_big(Document *d, size_t *len)
{
	(void)d;
	*len = 1025;
}
static void doc_unknown_project(Document *d, size_t *len)
{
	(void)len;
	d->project_id = 99;
}

static const BadDocument bad_documents[] = {
        {"unknown kind", doc_bad_kind, KC_EINVAL, "kind", "Loại tài liệu 'letter' không có"},
        {"no title", doc_no_title, KC_EINVAL, "title", "Chưa nhập tên tài liệu"},
        {"file name with a folder", doc_slash, KC_EINVAL, "file_name", "không được chứa thư mục"},
        {"file name with a backslash", doc_backslash, KC_EINVAL, "file_name",
                "không được chứa thư mục"},
        {"file name ..", doc_dotdot, KC_EINVAL, "file_name", "không hợp lệ"},
        {"file name with a newline", doc_control, KC_EINVAL, "file_name", "ký tự điều khiển"},
        {"no file name", doc_no_name, KC_EINVAL, "file_name", "Chưa có tên tệp"},
        {"mime type without subtype", doc_mime_word, KC_EINVAL, "mime_type",
                "Kiểu tệp 'pdf' không hợp lệ"},
        {"mime type with parameters", doc_mime_params, KC_EINVAL, "mime_type", "loại/kiểu"},
        {"empty file", doc_empty, KC_EINVAL, "file", "rỗng"},
        {"file over the limit", doc_too_big, KC_ETOOBIG, "file",
                "lớn quá: 1.025 byte, tối đa 1.024 byte"},
        {"unknown đề án", doc_unknown_project, KC_ENOTFOUND, "project_id", "Không có đề án số 99"},
};

static void invalid_document_changes_nothing(void **state)
{
	const BadDocument *b = *state;
	Fx f;
	assert_int_equal(open_fx(&f), 0);
	static char bytes[2048];
	memset(bytes, 'k', sizeof bytes);
	Document d = contract();
	size_t len = 3;
	b->spoil(&d, &len);
	int64_t id;
	Err e;
	err_clear(&e);
	assert_int_equal(
	        store_document_add(f.t.db, &officer, &f.ds, &d, bytes, len, &id, &e), b->rc);
	assert_string_equal(e.field, b->field);
	assert_contains(e.msg, b->says);
	assert_int_equal(db_scalar(f.t.db, "SELECT COUNT(*) FROM document"), 0);
	assert_int_equal(audits(f.t.db), 0);
	assert_int_equal(db_depth(f.t.db), 0);
	assert_int_equal(files_under(f.root), 0); /* no file either */
	tmpdb_close(&f.t);
}

int main(void)
{
	TestList tl = {0};
	tl_add(&tl, "output_upsert_then_list", output_upsert_then_list, NULL);
	tl_add(&tl, "output_qualifier_is_stored_nfc", output_qualifier_is_stored_nfc, NULL);
	tl_add(&tl, "output_delete_is_audited", output_delete_is_audited, NULL);
	for (size_t i = 0; i < COUNT_OF(bad_outputs); i++)
		tl_addf(&tl, invalid_output_changes_nothing, (void *)&bad_outputs[i],
		        "invalid output: %s", bad_outputs[i].why);
	tl_add(&tl, "inspection_round_trip", inspection_round_trip, NULL);
	for (size_t i = 0; i < COUNT_OF(bad_inspections); i++)
		tl_addf(&tl, invalid_inspection_changes_nothing, (void *)&bad_inspections[i],
		        "invalid inspection: %s", bad_inspections[i].why);
	tl_add(&tl, "inspection_list_filters", inspection_list_filters, NULL);
	tl_add(&tl, "inspection_list_by_current_province", inspection_list_by_current_province,
	        NULL);
	tl_add(&tl, "document_add_and_get", document_add_and_get, NULL);
	tl_add(&tl, "same_bytes_twice_one_file_two_rows", same_bytes_twice_one_file_two_rows, NULL);
	tl_add(&tl, "failed_insert_removes_the_new_file", failed_insert_removes_the_new_file, NULL);
	tl_add(&tl, "failed_audit_removes_the_new_file_only",
	        failed_audit_removes_the_new_file_only, NULL);
	tl_add(&tl, "failed_audit_leaves_no_output_or_inspection",
	        failed_audit_leaves_no_output_or_inspection, NULL);
	tl_add(&tl, "document_delete_keeps_the_file", document_delete_keeps_the_file, NULL);
	tl_add(&tl, "document_root_unusable", document_root_unusable, NULL);
	tl_add(&tl, "document_path_refuses_anything_but_a_hash",
	        document_path_refuses_anything_but_a_hash, NULL);
	for (size_t i = 0; i < COUNT_OF(bad_documents); i++)
		tl_addf(&tl, invalid_document_changes_nothing, (void *)&bad_documents[i],
		        "invalid document: %s", bad_documents[i].why);
	/* Table rows open a database of their own; the other tests get one each. */
	for (size_t i = 0; i < tl.n; i++) {
		CMUnitTestFunction f = tl.v[i].test_func;
		if (f != invalid_output_changes_nothing &&
		        f != invalid_inspection_changes_nothing &&
		        f != invalid_document_changes_nothing &&
		        f != document_path_refuses_anything_but_a_hash) {
			tl.v[i].setup_func = setup;
			tl.v[i].teardown_func = teardown;
		}
	}
	return tl_run(&tl, "store/project_extra");
}
