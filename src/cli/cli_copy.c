/* cli_copy.c — khuyencong copy --from SRC --to DST: a whole database into
 * another, SQLite or PostgreSQL either way, or many provinces' databases
 * one after the other into the national one (store_copy.h). Prints what
 * each table added; on a conflict names the records and writes nothing. */
#include <stdio.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/store_copy.h"

static void report(void *ctx, const char *table, const CopyCounts *n)
{
	(void)ctx;
	if (!n->added && !n->same)
		return;
	printf("%-24s %8lld thêm mới, %8lld đã có", table, (long long)n->added, (long long)n->same);
	if (n->renumbered)
		printf(" (%lld bản ghi mới mang số mới)", (long long)n->renumbered);
	putchar('\n');
}

int cli_copy(int argc, char **argv)
{
	const char *from = cli_opt(argc, argv, "from"), *to = cli_opt(argc, argv, "to");
	if (!from || !to) {
		fputs("usage: khuyencong copy --from PATH|postgresql://... --to PATH|postgresql://...\n",
		        stderr);
		return 2;
	}
	Err e = {0};
	Db *src = NULL, *dst = NULL;
	if (db_open(&src, from, &e) || db_open(&dst, to, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		db_close(src);
		return 1;
	}
	Buf conflicts;
	buf_init(&conflicts, 1 << 16);
	int rc = store_copy(src, dst, report, NULL, &conflicts, &e);
	db_close(src);
	db_close(dst);
	if (rc) {
		fputs(buf_cstr(&conflicts), stderr);
		fprintf(stderr, "khuyencong: không chép được vào '%s': %s\n", to, e.msg);
	} else {
		printf("đã chép vào %s\n", to);
	}
	buf_free(&conflicts);
	return rc ? 1 : 0;
}
