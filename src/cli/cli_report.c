/* cli_report.c — khuyencong report: compute a periodic report and write it
 * as JSON, CSV, XLSX or PDF; list the templates; submit a report (frozen as
 * a new version) and list or show the submitted versions; check or save an
 * edited template.
 *
 *   khuyencong report --db PATH --template ID --period 2016-H1 --scope region:moit_south
 *                     [--boundaries legacy|current] [--program-level national|local|all]
 *                     [--sources central,provincial] [--cutoff DAY] [--as-of DATE]
 *                     [--format json|csv|xlsx|pdf] [-o FILE]
 *                     [--parent ...] [--issuer ...] [--number ...] [--place ...] [--date ...]
 *                     [--recipient ...] [--signer-authority ...] [--signer-title ...]
 *                     [--signer-name ...]
 *   khuyencong report --list --db PATH
 *   khuyencong report submit --db PATH --template ... --period ... --scope ... [--note ...]
 *                     [--user NAME]
 *   khuyencong report versions --db PATH --template ID [--scope ...] [--period ...]
 *   khuyencong report show --db PATH --snapshot N [--format ...] [-o FILE]
 *   khuyencong report template --db PATH (--check FILE | --save FILE [--expected N] | --show ID)
 *
 * The file goes to standard output unless -o names one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/vntext.h"
#include "report/report.h"
#include "store/store_report.h"

enum { OUT_MAX = 256u << 20, TEMPLATE_FILE_MAX = 1u << 20 };

static const char usage_text[] =
        "usage: khuyencong report --db PATH --template ID --period 2016-H1\n"
        "           --scope nation|region:CODE|province:CODE [--boundaries legacy|current]\n"
        "           [--program-level national|local|all] [--sources central,provincial]\n"
        "           [--cutoff DAY] [--as-of DATE] [--format json|csv|xlsx|pdf] [-o FILE]\n"
        "           [--parent ...] [--issuer ...] [--number ...] [--place ...] [--date ...]\n"
        "           [--recipient ...] [--signer-authority ...] [--signer-title ...]\n"
        "           [--signer-name ...]\n"
        "       khuyencong report --list --db PATH\n"
        "       khuyencong report submit --db PATH --template ID --period ... --scope ...\n"
        "           [--note TEXT] [--user NAME]\n"
        "       khuyencong report versions --db PATH --template ID [--scope ...] [--period ...]\n"
        "       khuyencong report show --db PATH --snapshot N [--format ...] [-o FILE]\n"
        "       khuyencong report template --db PATH --check FILE | --save FILE [--expected N]"
        " | --show ID\n";

static int usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

static bool flag(int argc, char **argv, const char *name)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], name))
			return true;
	return false;
}

/* -o FILE or --output FILE. */
static const char *output_path(int argc, char **argv)
{
	for (int i = 1; i + 1 < argc; i++)
		if (!strcmp(argv[i], "-o"))
			return argv[i + 1];
	return cli_opt(argc, argv, "output");
}

/* The option's value in NFC (CLI arguments are user input), in arena; NULL
 * if absent; *bad set if it is not valid UTF-8. */
static const char *text_opt(int argc, char **argv, const char *name, Arena *arena, bool *bad)
{
	const char *v = cli_opt(argc, argv, name);
	if (!v)
		return NULL;
	Buf b;
	buf_init(&b, 4096);
	Err e;
	const char *out = NULL;
	if (vn_nfc(&b, v, strlen(v), &e) == 0 && !buf_err(&b))
		out = arena_strdup(arena, buf_cstr(&b));
	else {
		fprintf(stderr, "khuyencong: --%s: %s\n", name, e.msg);
		*bad = true;
	}
	buf_free(&b);
	return out;
}

static int write_out(const char *path, const Buf *b)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	if (!f) {
		fprintf(stderr, "khuyencong: cannot open '%s' for writing\n", path);
		return 1;
	}
	bool ok = fwrite(b->data ? b->data : "", 1, b->len, f) == b->len;
	ok = (path ? fclose(f) : fflush(f)) == 0 && ok;
	if (!ok)
		fprintf(stderr, "khuyencong: cannot write '%s'\n", path ? path : "standard output");
	return ok ? 0 : 1;
}

static int fail(const Err *e)
{
	if (e->field[0])
		fprintf(stderr, "khuyencong: %s (%s)\n", e->msg, e->field);
	else
		fprintf(stderr, "khuyencong: %s\n", e->msg);
	return 1;
}

static Db *open_db(int argc, char **argv)
{
	const char *url = cli_opt(argc, argv, "db");
	if (!url) {
		usage();
		return NULL;
	}
	Err e = {0};
	Db *db;
	if (db_open(&db, url, &e)) {
		fail(&e);
		return NULL;
	}
	return db;
}

/* The request of the command line; *bad when an option is malformed. */
static ReportRequest request(int argc, char **argv, Arena *arena, bool *bad)
{
	ReportRequest r = {.template_id = cli_opt(argc, argv, "template"),
	        .period = text_opt(argc, argv, "period", arena, bad),
	        .scope = cli_opt(argc, argv, "scope"),
	        .boundaries = cli_opt(argc, argv, "boundaries"),
	        .program_level = cli_opt(argc, argv, "program-level"),
	        .funding_sources = cli_opt(argc, argv, "sources"),
	        .as_of = cli_opt(argc, argv, "as-of")};
	const char *cutoff = cli_opt(argc, argv, "cutoff");
	if (cutoff) {
		char *end;
		long d = strtol(cutoff, &end, 10);
		if (*end || end == cutoff || d < 0 || d > 28) {
			fprintf(stderr,
			        "khuyencong: --cutoff: ngày chốt số liệu '%s' không hợp lệ"
			        " (0, hoặc 2..28)\n",
			        cutoff);
			*bad = true;
		}
		r.rule.cutoff_day = (int)d;
	}
	if (!r.template_id || !r.period || !r.scope)
		*bad = true;
	return r;
}

static ReportDoc doc_options(int argc, char **argv, Arena *arena, bool *bad)
{
	return (ReportDoc){.parent = text_opt(argc, argv, "parent", arena, bad),
	        .issuer = text_opt(argc, argv, "issuer", arena, bad),
	        .number = text_opt(argc, argv, "number", arena, bad),
	        .place = text_opt(argc, argv, "place", arena, bad),
	        .date = cli_opt(argc, argv, "date"),
	        .recipient = text_opt(argc, argv, "recipient", arena, bad),
	        .signer_authority = text_opt(argc, argv, "signer-authority", arena, bad),
	        .signer_title = text_opt(argc, argv, "signer-title", arena, bad),
	        .signer_name = text_opt(argc, argv, "signer-name", arena, bad)};
}

/* Renders t in the --format asked (JSON by default) to -o or stdout. */
static int emit(int argc, char **argv, const ReportTable *t, const ReportDoc *doc)
{
	Err e = {0};
	ReportFormat f = FMT_JSON;
	const char *name = cli_opt(argc, argv, "format");
	if (name && report_format_parse(name, &f, &e))
		return fail(&e);
	Buf out;
	buf_init(&out, OUT_MAX);
	int rc = report_render(t, f, doc, &out, &e) ? fail(&e) : 0;
	if (f == FMT_PDF)
		report_render_release();
	if (rc == 0 && f == FMT_JSON)
		buf_putc(&out, '\n');
	if (rc == 0)
		rc = write_out(output_path(argc, argv), &out);
	buf_free(&out);
	return rc;
}

static int compute(int argc, char **argv)
{
	Arena arena = {0};
	bool bad = false;
	ReportRequest req = request(argc, argv, &arena, &bad);
	ReportDoc doc = doc_options(argc, argv, &arena, &bad);
	Db *db = bad ? NULL : open_db(argc, argv);
	int rc = bad ? usage() : db ? 0 : 1;
	Err e = {0};
	ReportTable *t;
	if (rc == 0)
		rc = report_compute(db, &req, &arena, &t, &e) ? fail(&e)
		                                              : emit(argc, argv, t, &doc);
	db_close(db);
	arena_free(&arena);
	return rc;
}

static int list(int argc, char **argv)
{
	Db *db = open_db(argc, argv);
	if (!db)
		return 1;
	Arena arena = {0};
	StoredTemplateList l;
	Err e = {0};
	int rc = report_template_list(db, &arena, &l, &e) ? fail(&e) : 0;
	for (int i = 0; rc == 0 && i < l.n; i++)
		printf("%s\tv%d\t%s\n", l.v[i].id, l.v[i].version, l.v[i].title);
	db_close(db);
	arena_free(&arena);
	return rc;
}

static int submit(int argc, char **argv)
{
	Arena arena = {0};
	bool bad = false;
	ReportRequest req = request(argc, argv, &arena, &bad);
	const char *note = text_opt(argc, argv, "note", &arena, &bad);
	const char *user = text_opt(argc, argv, "user", &arena, &bad);
	Db *db = bad ? NULL : open_db(argc, argv);
	int rc = bad ? usage() : db ? 0 : 1;
	Actor a = {.name = user ? user : "cli", .via = "cli"};
	int64_t id = 0;
	int version = 0;
	Err e = {0};
	if (rc == 0 && report_submit(db, &a, &req, note, &id, &version, &e))
		rc = fail(&e);
	else if (rc == 0)
		printf("snapshot %lld: %s %s %s version %d\n", (long long)id, req.template_id,
		        req.scope, req.period, version);
	db_close(db);
	arena_free(&arena);
	return rc;
}

static int versions(int argc, char **argv)
{
	const char *tpl = cli_opt(argc, argv, "template");
	if (!tpl)
		return usage();
	Db *db = open_db(argc, argv);
	if (!db)
		return 1;
	Arena arena = {0};
	SnapshotList l;
	Err e = {0};
	int rc = store_report_snapshot_list(db, tpl, cli_opt(argc, argv, "scope"),
	                 cli_opt(argc, argv, "period"), &arena, &l, &e)
	                 ? fail(&e)
	                 : 0;
	for (int i = 0; rc == 0 && i < l.n; i++) {
		const Snapshot *s = &l.v[i];
		printf("%lld\t%s\t%s\tv%d\t%s\t%s\ttemplate v%d\t%s\n", (long long)s->id, s->scope,
		        s->period, s->version, s->submitted_at, s->submitted_name,
		        s->template_version, s->boundaries);
	}
	db_close(db);
	arena_free(&arena);
	return rc;
}

static int show(int argc, char **argv)
{
	const char *id = cli_opt(argc, argv, "snapshot");
	char *end = NULL;
	long long n = id ? strtoll(id, &end, 10) : 0;
	if (!id || *end || n <= 0)
		return usage();
	Db *db = open_db(argc, argv);
	if (!db)
		return 1;
	Arena arena = {0};
	bool bad = false;
	ReportDoc doc = doc_options(argc, argv, &arena, &bad);
	ReportTable *t;
	Err e = {0};
	int rc = bad ? usage() : report_snapshot_table(db, n, &arena, &t, &e) ? fail(&e) : 0;
	if (rc == 0)
		rc = emit(argc, argv, t, &doc);
	db_close(db);
	arena_free(&arena);
	return rc;
}

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "khuyencong: cannot open '%s'\n", path);
		return NULL;
	}
	Buf b;
	buf_init(&b, TEMPLATE_FILE_MAX);
	char block[8192];
	size_t n;
	while ((n = fread(block, 1, sizeof block, f)) > 0)
		buf_append(&b, block, n);
	fclose(f);
	if (buf_err(&b))
		fprintf(stderr, "khuyencong: '%s' is larger than %u bytes\n", path,
		        TEMPLATE_FILE_MAX);
	return buf_detach(&b);
}

static int template_cmd(int argc, char **argv)
{
	const char *check = cli_opt(argc, argv, "check"), *save = cli_opt(argc, argv, "save");
	const char *id = cli_opt(argc, argv, "show"), *expected = cli_opt(argc, argv, "expected");
	if (!!check + !!save + !!id != 1)
		return usage();
	Db *db = open_db(argc, argv);
	if (!db)
		return 1;
	Err e = {0};
	int rc = 0;
	if (id) {
		Arena arena = {0};
		StoredTemplate t;
		rc = store_report_template_get(db, id, 0, &arena, &t, &e) ? fail(&e) : 0;
		if (rc == 0)
			fputs(t.body, stdout);
		arena_free(&arena);
	} else {
		char *json = read_file(check ? check : save);
		int version = 0;
		if (!json)
			rc = 1;
		else if (check && report_template_check(db, json, &e))
			rc = fail(&e);
		else if (save &&
		         report_template_save(db, &(Actor){.name = "cli", .via = "cli"}, json,
		                 expected ? (int)strtol(expected, NULL, 10) : 0, &version, &e))
			rc = fail(&e);
		else
			printf(save ? "saved as version %d\n" : "ok\n", version);
		free(json);
	}
	db_close(db);
	return rc;
}

int cli_report(int argc, char **argv)
{
	const char *sub = argc > 1 && argv[1][0] != '-' ? argv[1] : NULL;
	if (flag(argc, argv, "--help"))
		return fputs(usage_text, stdout), 0;
	if (!sub)
		return flag(argc, argv, "--list") ? list(argc, argv) : compute(argc, argv);
	if (!strcmp(sub, "submit"))
		return submit(argc - 1, argv + 1);
	if (!strcmp(sub, "versions"))
		return versions(argc - 1, argv + 1);
	if (!strcmp(sub, "show"))
		return show(argc - 1, argv + 1);
	if (!strcmp(sub, "template"))
		return template_cmd(argc - 1, argv + 1);
	fprintf(stderr, "khuyencong: unknown report command '%s'\n", sub);
	return usage();
}
