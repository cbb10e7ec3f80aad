/* fixture.c — see fixture.h. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fixture.h"

#include "harness.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/store_admin.h"
#include "store/store_migrate.h"

#ifndef KC_BUILD_DIR
#define KC_BUILD_DIR "build/release"
#endif
#define BIN KC_BUILD_DIR "/khuyencong"

static TmpDb template_db; /* the loaded template, made on first use */

static void remove_template(void)
{
	tmpdb_close(&template_db);
}

/* Creates the template: migrated, loaded, closed (so it is one file). */
static int make_template(void)
{
	if (template_db.dir[0])
		return 0;
	Err e;
	if (tmpdb_open(&template_db, TMPDB_MIGRATED) ||
	        store_admin_load(template_db.db, NULL, &e)) {
		fprintf(stderr, "tmpdb template: %s\n", e.msg);
		return -1;
	}
	db_close(template_db.db);
	template_db.db = NULL;
	atexit(remove_template);
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	char block[1 << 16];
	size_t n;
	int rc = in && out ? 0 : -1;
	while (rc == 0 && (n = fread(block, 1, sizeof block, in)) > 0)
		rc = fwrite(block, 1, n, out) == n ? 0 : -1;
	if (in)
		fclose(in);
	if (out && fclose(out))
		rc = -1;
	return rc;
}

int tmpdb_open(TmpDb *t, int what)
{
	if (what == TMPDB_LOADED && make_template())
		return -1;
	snprintf(t->dir, sizeof t->dir, "/tmp/kc-test-XXXXXX");
	if (!mkdtemp(t->dir))
		return -1;
	snprintf(t->path, sizeof t->path, "%s/t.sqlite", t->dir);
	if (what == TMPDB_LOADED && copy_file(template_db.path, t->path))
		return -1;
	Err e;
	if (db_open(&t->db, t->path, &e) ||
	        (what == TMPDB_MIGRATED && store_migrate(t->db, NULL, &e))) {
		fprintf(stderr, "tmpdb_open: %s\n", e.msg);
		return -1;
	}
	return 0;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

void tmpdb_close(TmpDb *t)
{
	if (!t->dir[0])
		return;
	db_close(t->db);
	t->db = NULL;
	nftw(t->dir, remove_one, 8, FTW_DEPTH | FTW_PHYS);
	t->dir[0] = '\0';
}

int tmpdb_setup_loaded(void **state)
{
	TmpDb *t = calloc(1, sizeof *t);
	if (!t || tmpdb_open(t, TMPDB_LOADED)) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

int tmpdb_teardown(void **state)
{
	tmpdb_close(*state);
	free(*state);
	return 0;
}

int64_t db_scalar(Db *db, const char *sql)
{
	Stmt *st;
	Err e;
	int64_t v = -1;
	if (db_prepare(db, sql, &st, &e))
		fail_msg("%s: %s", sql, e.msg);
	int rc = db_run_int64(st, &v, &e);
	db_done(st);
	if (rc)
		fail_msg("%s: %s", sql, e.msg);
	return v;
}

void assert_contains(const char *msg, const char *part)
{
	if (!strstr(msg, part))
		fail_msg("message '%s' lacks '%s'", msg, part);
}

void assert_refused(Db *db, const Err *e, const char *field, const char *says)
{
	if (field)
		assert_string_equal(e->field, field);
	assert_contains(e->msg, says);
	assert_int_equal(db_depth(db), 0);
}

/* Folds text into an FNV-1a hash. */
static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

uint64_t tmpdb_checksum(Db *db)
{
	Stmt *names, *rows;
	Err e;
	uint64_t h = 1469598103934665603u;
	if (db_prepare(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
	            &names, &e))
		fail_msg("checksum: %s", e.msg);
	while (db_step(names, &e) == DB_ROW) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid",
		        db_col_text(names, 0));
		h = fnv(h, sql, strlen(sql));
		if (db_prepare(db, sql, &rows, &e))
			fail_msg("checksum: %s", e.msg);
		while (db_step(rows, &e) == DB_ROW)
			for (int i = 0; i < db_col_count(rows); i++) {
				const char *v =
				        db_col_null(rows, i) ? "\x01NULL" : db_col_text(rows, i);
				h = fnv(h, v, strlen(v) + 1);
			}
		db_done(rows);
	}
	db_done(names);
	return h;
}

static void slurp(const char *path, char *dst, size_t cap)
{
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(dst, 1, cap - 1, f) : 0;
	dst[n] = '\0';
	if (f)
		fclose(f);
}

void cli_run(CliRun *r, const char *args, const char *in)
{
	char cmd[1024], o[64], e[64], i[64];
	snprintf(o, sizeof o, "/tmp/kc-cli-%ld.out", (long)getpid());
	snprintf(e, sizeof e, "/tmp/kc-cli-%ld.err", (long)getpid());
	snprintf(i, sizeof i, "/tmp/kc-cli-%ld.in", (long)getpid());
	FILE *f = fopen(i, "w");
	assert_non_null(f);
	fputs(in ? in : "", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "%s %s <%s >%s 2>%s", BIN, args, i, o, e);
	int st = system(cmd);
	assert_true(WIFEXITED(st));
	r->status = WEXITSTATUS(st);
	slurp(o, r->out, sizeof r->out);
	slurp(e, r->err, sizeof r->err);
	remove(o), remove(e), remove(i);
}
