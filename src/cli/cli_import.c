/* cli_import.c — khuyencong import: a spreadsheet into the database.
 *
 *   khuyencong import --db PATH FILE [--kind KIND] [--sheet NAME]
 *                     [--encoding auto|utf-8|cp1258|tcvn3|vni] [--dry-run]
 *                     [--report REPORT.xlsx] [--user NAME]
 *   khuyencong import --template KIND > mau.xlsx
 *
 * Without --dry-run the import is committed, all or nothing: a file with
 * an error writes nothing. The report goes to stdout (and to --report as
 * XLSX, the offending cells marked); the exit status is 1 when the file has
 * errors, 2 for wrong usage. Progress goes to stderr when it is a terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/io_import.h"
#include "io/io_report.h"
#include "io/io_template.h"
#include "store/db.h"

enum { REPORT_MARK_ROWS = 100000 };

typedef struct Args {
	const char *db, *file, *kind, *sheet, *encoding, *report, *template_kind, *user;
	bool dry_run;
} Args;

static void usage(void)
{
	int n;
	const ImportKind *k = io_import_kinds(&n);
	fputs("usage: khuyencong import --db PATH FILE [--kind KIND] [--sheet NAME]\n"
	      "                         [--encoding auto|utf-8|cp1258|tcvn3|vni] [--dry-run]\n"
	      "                         [--report REPORT.xlsx] [--user NAME]\n"
	      "       khuyencong import --template KIND > mau.xlsx\n"
	      "kinds:\n",
	        stderr);
	for (int i = 0; i < n; i++)
		fprintf(stderr, "  %-16s %s\n", k[i].name, k[i].label);
}

/* Options take a value, except --dry-run; the one other argument is the file. */
static int parse(int argc, char **argv, Args *a)
{
	static const char *const valued[] = {
	        "db", "kind", "sheet", "encoding", "report", "template", "user"};
	const char **slot[] = {
	        &a->db, &a->kind, &a->sheet, &a->encoding, &a->report, &a->template_kind, &a->user};
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "--dry-run")) {
			a->dry_run = true;
			continue;
		}
		if (strncmp(s, "--", 2)) {
			if (a->file)
				return -1;
			a->file = s;
			continue;
		}
		size_t k = 0, n = sizeof valued / sizeof valued[0];
		for (; k < n; k++) {
			size_t len = strlen(valued[k]);
			if (!strncmp(s + 2, valued[k], len) && (s[2 + len] == '=' || !s[2 + len]))
				break;
		}
		if (k == n)
			return -1;
		const char *eq = strchr(s, '=');
		if (eq)
			*slot[k] = eq + 1;
		else if (i + 1 < argc)
			*slot[k] = argv[++i];
		else
			return -1;
	}
	return 0;
}

/* Writes the template to a temporary file and copies it to stdout. */
static int template_out(const char *kind)
{
	char path[] = "/tmp/kc-template-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("khuyencong: cannot create a temporary file");
		return 1;
	}
	close(fd);
	Err e = {0};
	int rc = io_template_xlsx(kind, path, &e);
	if (rc == KC_EINVAL) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		usage();
	} else if (rc) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
	}
	FILE *f = rc ? NULL : fopen(path, "rb");
	char block[1 << 16];
	size_t n;
	while (f && (n = fread(block, 1, sizeof block, f)) > 0)
		if (fwrite(block, 1, n, stdout) != n)
			rc = KC_EIO;
	if (f)
		fclose(f);
	remove(path);
	return rc == KC_EINVAL ? 2 : rc ? 1 : 0;
}

static bool show_progress(void *ctx, const ImportProgress *p)
{
	(void)ctx;
	fprintf(stderr, "\r%s: %lld dòng", p->sheet, (long long)p->rows);
	if (p->total > 0)
		fprintf(stderr, " (%lld%%)", (long long)(100 * p->done / p->total));
	fflush(stderr);
	return true;
}

static int write_report(const Args *a, const ImportOptions *o, const ImportReport *r)
{
	IoBook *src = NULL;
	Err e = {0};
	io_book_open(&src, a->file, &o->open, &e); /* without it, no marked copy */
	int rc = io_report_xlsx(r, o->commit, src, REPORT_MARK_ROWS, a->report, &e);
	io_book_close(src);
	if (rc)
		fprintf(stderr, "khuyencong: %s\n", e.msg);
	return rc;
}

int cli_import(int argc, char **argv)
{
	Args a = {0};
	if (parse(argc, argv, &a)) {
		usage();
		return 2;
	}
	if (a.template_kind)
		return template_out(a.template_kind);
	if (!a.db || !a.file) {
		usage();
		return 2;
	}
	ImportOptions o = io_import_options();
	o.kind = a.kind;
	o.sheet = a.sheet;
	o.open.encoding = a.encoding;
	o.commit = !a.dry_run;
	o.actor.name = a.user ? a.user : "system";
	if (isatty(fileno(stderr)))
		o.progress = show_progress;
	Err e = {0};
	Db *db;
	if (db_open(&db, a.db, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		return 1;
	}
	ImportReport r;
	int rc = io_import_file(db, a.file, &o, &r, &e);
	db_close(db);
	if (o.progress)
		fputs("\n", stderr);
	if (rc) {
		fprintf(stderr, "khuyencong: cannot import '%s': %s\n", a.file, e.msg);
		io_import_report_free(&r);
		return 1;
	}
	Buf text;
	buf_init(&text, (size_t)1 << 26);
	io_report_text(&r, o.commit, &text);
	fputs(buf_cstr(&text), stdout);
	buf_free(&text);
	int status = r.errors ? 1 : 0;
	if (a.report && write_report(&a, &o, &r))
		status = 1;
	io_import_report_free(&r);
	return status;
}
