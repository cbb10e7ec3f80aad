/* test_import_crash.c — crash safety: `khuyencong import` of a 200 000-row
 * file killed with SIGKILL at 20 random moments, as a power cut or an
 * impatient administrator would. After each kill `khuyencong check` passes
 * and the database holds either none or all of the file — never a part. */
#include "io/io_test.h"

#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef KC_BUILD_DIR
#define KC_BUILD_DIR "build/release"
#endif
#define BIN KC_BUILD_DIR "/khuyencong"

enum { KILLS = 20 };

/* Rows of the file: on PostgreSQL the import makes a round trip per
 * statement (about 2 000 rows a second here, against 20 000 on SQLite), so
 * a smaller file keeps the 21 imports to a minute; the kills still land at
 * random moments of the whole import, and the server, not our file, is what
 * keeps a killed transaction out. */
static int rows_of_file(void)
{
#ifdef __SANITIZE_ADDRESS__
	/* Under the sanitizers the program runs about ten times slower: the
	 * release build makes the 200 000-row run, this one the same 20 kills on
	 * a tenth of the file, so the suite stays within its time limit. */
	return tmpdb_pg() ? 500 : 20000;
#else
	return tmpdb_pg() ? 2000 : 200000;
#endif
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts `khuyencong import --db db csv` with its output thrown away. */
static pid_t start_import(const char *db, const char *csv)
{
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		freopen("/dev/null", "w", stdout);
		freopen("/dev/null", "w", stderr);
		execl(BIN, BIN, "import", "--db", db, csv, (char *)NULL);
		_exit(127);
	}
	return pid;
}

static int finish(pid_t pid)
{
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	return st;
}

static void check_passes(const char *db)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s check --db %s >/dev/null 2>&1", BIN, db);
	int st = system(cmd);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st))
		fail_msg("khuyencong check failed on '%s'", db);
}

static void none_or_all_after_sigkill(void **state)
{
	(void)state;
	TmpDb t, timing;
	assert_int_equal(tmpdb_open(&t, TMPDB_LOADED), 0);
	assert_int_equal(tmpdb_open(&timing, TMPDB_LOADED), 0);
	Buf b;
	buf_init(&b, 64 << 20);
	buf_puts(&b, "STT;Tên cơ sở;Mã số thuế;Loại hình;Tỉnh;Số lao động\n");
	const int ROWS = rows_of_file();
	for (int i = 1; i <= ROWS; i++)
		buf_printf(&b, "%d;Cơ sở sản xuất số %d;%010ld;HKD;94;%d\n", i, i, 2200000000L + i,
		        i % 50);
	char csv[256];
	tio_write(csv, t.dir, "c.csv", b.data, b.len);
	buf_free(&b);

	/* How long a whole import takes here, on a database of its own. */
	double t0 = now();
	int st = finish(start_import(timing.path, csv));
	double full = now() - t0;
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	assert_int_equal(db_scalar(timing.db, "SELECT COUNT(*) FROM establishment"), ROWS);
	tmpdb_close(&timing);

	srand(20261122);
	int64_t before = db_scalar(t.db, "SELECT COUNT(*) FROM audit_log");
	int killed = 0;
	for (int k = 0; k < KILLS; k++) {
		double at = full * (0.02 + 0.96 * rand() / (double)RAND_MAX);
		pid_t pid = start_import(t.path, csv);
		usleep((useconds_t)(at * 1e6));
		killed += kill(pid, SIGKILL) == 0;
		finish(pid);
		check_passes(t.path);
		int64_t n = db_scalar(t.db, "SELECT COUNT(*) FROM establishment");
		if (n != 0 && n != ROWS)
			fail_msg("kill %d at %.2fs of %.2fs left %lld rows", k, at, full,
			        (long long)n);
		int64_t audit = db_scalar(t.db, "SELECT COUNT(*) FROM audit_log") - before;
		assert_int_equal(audit, n);
	}
	assert_int_equal(killed, KILLS);
	st = finish(start_import(t.path, csv));
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	check_passes(t.path);
	assert_int_equal(db_scalar(t.db, "SELECT COUNT(*) FROM establishment"), ROWS);
	tmpdb_close(&t);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, none_or_all_after_sigkill);
	return tl_run(&tl, "io/import_crash");
}
