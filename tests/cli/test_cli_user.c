/* test_cli_user.c — khuyencong user, run as an operator runs it, checked
 * against the database it wrote: the accounts it makes sign in. */
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "store/store_user.h"

static const char password[] = "Mật khẩu đủ dài 2026\n";

/* Runs `khuyencong user SUB --db <the test's database> REST` with stdin in. */
static void user(CliRun *r, TmpDb *t, const char *sub, const char *rest, const char *in)
{
	char args[1024];
	snprintf(args, sizeof args, "user %s --db %s %s", sub, t->path, rest);
	cli_run(r, args, in);
}

/* Whether username signs in with pw (no line break) at a time of its own. */
static int signs_in(TmpDb *t, const char *username, const char *pw)
{
	static unsigned minute;
	char now[STORE_TIME_LEN], token[TOKEN_TEXT_LEN];
	snprintf(now, sizeof now, "2026-11-22T08:%02u:00Z", minute++ % 60);
	Arena arena = {0};
	Principal p;
	Err e;
	int rc = store_session_login(
	        t->db, NULL, username, pw, NULL, now, token, NULL, &arena, &p, &e);
	arena_free(&arena);
	return rc;
}

static void add_list_and_sign_in(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	user(&r, t, "add", "--username quan.tri --name 'Trần Văn Quản' --role admin", password);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "user 'quan.tri' created (id 1, admin)\n");
	user(&r, t, "add",
	        "--username can.bo --name='Nguyễn Thị Lan' --role staff --province legacy:94"
	        " --province current:92",
	        password);
	assert_int_equal(r.status, 0);
	user(&r, t, "add", "--username bo.ct --name 'Vụ Địa phương' --role viewer --national",
	        password);
	assert_int_equal(r.status, 0);
	user(&r, t, "list", "", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.out, "id    username");
	assert_contains(r.out, "\n3     bo.ct                    viewer    yes    national  ");
	assert_contains(r.out,
	        "\n2     can.bo                   staff     yes    current:92,legacy:94"
	        "   Nguyễn Thị Lan\n");
	assert_contains(r.out, "\n1     quan.tri                 admin     yes    national");
	/* Ordered by username. */
	assert_true(strstr(r.out, "bo.ct") < strstr(r.out, "can.bo"));
	assert_int_equal(signs_in(t, "can.bo", "Mật khẩu đủ dài 2026"), 0);
	assert_int_equal(
	        db_scalar(t->db, "SELECT COUNT(*) FROM audit_log WHERE table_name = 'app_user'"
	                         " AND via = 'cli' AND action = 'insert'"),
	        3);
}

static void passwords_come_from_stdin(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	user(&r, t, "add", "--username can.bo --name Lan --role staff --province legacy:94", NULL);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "no password on standard input");
	user(&r, t, "add", "--username can.bo --name Lan --role staff --province legacy:94",
	        "ngắn\n");
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "Mật khẩu phải có ít nhất 10 ký tự");
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM app_user"), 0);
	/* One line, without its CR LF; typed decomposed, stored as NFC. */
	user(&r, t, "add", "--username can.bo --name Lan --role staff --province legacy:94",
	        "Ma\xcc\xa3\xcc\x82t kha\xcc\x82\xcc\x89u \xc4\x91u\xcc\x89 da\xcc\x80i\r\n"
	        "the next line\n");
	assert_int_equal(r.status, 0);
	assert_int_equal(signs_in(t, "can.bo", "Mật khẩu đủ dài"), 0);
	assert_int_equal(signs_in(t, "can.bo", "Mật khẩu đủ dài\r"), KC_EDENIED);
}

static void store_refusals_are_shown(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	user(&r, t, "add", "--username 'Cán Bộ' --name Lan --role staff --province legacy:94",
	        password);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "khuyencong: Tên đăng nhập 'Cán Bộ' không hợp lệ");
	user(&r, t, "add", "--username can.bo --name Lan --role boss --province legacy:94",
	        password);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "Vai trò 'boss' không có");
	user(&r, t, "add", "--username can.bo --name Lan --role staff", password);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "Chưa chọn tỉnh");
	user(&r, t, "add", "--username can.bo --name Lan --role staff --province current:99",
	        password);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "Tỉnh mã '99' không có");
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM app_user"), 0);
}

static void wrong_usage_exits_2(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	static const char *const wrong[] = {
	        "",                                 /* no subcommand */
	        "rename --db x.sqlite",             /* no such subcommand */
	        "add --db x.sqlite --username a",   /* --name and --role missing */
	        "list",                             /* no --db */
	        "list --db x.sqlite --bogus",       /* unknown option */
	        "list --db x.sqlite stray",         /* an argument that is no option */
	        "list --db x.sqlite --db y.sqlite", /* twice */
	        "passwd --db x.sqlite --username",  /* no value */
	        "list --db x.sqlite --national",    /* another subcommand's option */
	        "token --db x.sqlite --username a --name b --write=1", /* a flag with a value */
	};
	for (size_t i = 0; i < COUNT_OF(wrong); i++) {
		char args[256];
		snprintf(args, sizeof args, "user %s", wrong[i]);
		cli_run(&r, args, password);
		if (r.status != 2)
			fail_msg("'%s' gave status %d: %s", args, r.status, r.err);
		assert_string_equal(r.out, "");
	}
	assert_int_equal(access("x.sqlite", F_OK), -1); /* and made no database */
	(void)t;
}

static void only_initialised_databases(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	char args[256];
	snprintf(args, sizeof args, "user list --db %s/missing.sqlite", t->dir);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "cannot open");
	assert_contains(r.err, "khuyencong init");
	snprintf(args, sizeof args, "%s/missing.sqlite", t->dir);
	assert_int_equal(access(args, F_OK), -1);
	snprintf(args, sizeof args, "user list --db %s/empty.sqlite", t->dir);
	char path[128];
	snprintf(path, sizeof path, "%s/empty.sqlite", t->dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	cli_run(&r, args, NULL);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "is at schema version 0");
	assert_contains(r.err, "run 'khuyencong init --db");
}

static void passwd_changes_the_password(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	user(&r, t, "add", "--username can.bo --name Lan --role staff --province legacy:94",
	        password);
	assert_int_equal(r.status, 0);
	user(&r, t, "passwd", "--username can.bo", "Một mật khẩu mới hẳn\n");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "password of 'can.bo' changed; its sessions are ended\n");
	assert_int_equal(signs_in(t, "can.bo", "Mật khẩu đủ dài 2026"), KC_EDENIED);
	assert_int_equal(signs_in(t, "can.bo", "Một mật khẩu mới hẳn"), 0);
	user(&r, t, "passwd", "--username khong.co", password);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "Không có tài khoản tên đăng nhập 'khong.co'");
}

static void disable_keeps_an_admin(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	user(&r, t, "add", "--username quan.tri --name 'Quản trị' --role admin", password);
	user(&r, t, "add", "--username can.bo --name Lan --role staff --province legacy:94",
	        password);
	assert_int_equal(r.status, 0);
	user(&r, t, "disable", "--username can.bo", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "user 'can.bo' disabled; its sessions are ended\n");
	assert_int_equal(signs_in(t, "can.bo", "Mật khẩu đủ dài 2026"), KC_EDENIED);
	user(&r, t, "disable", "--username can.bo", NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "user 'can.bo' is disabled already\n");
	user(&r, t, "disable", "--username quan.tri", NULL);
	assert_int_equal(r.status, 1);
	assert_contains(r.err, "quản trị cuối cùng");
	assert_int_equal(signs_in(t, "quan.tri", "Mật khẩu đủ dài 2026"), 0);
}

/* The token printed is the only line on stdout, and it works. */
static void token_is_printed_once(void **state)
{
	TmpDb *t = *state;
	static CliRun r;
	user(&r, t, "add",
	        "--username he.thong --name 'Hệ thống tỉnh' --role staff"
	        " --province current:92",
	        password);
	user(&r, t, "token",
	        "--username he.thong --name 'Kết nối báo cáo' --write"
	        " --expires 2099-12-31",
	        NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(strlen(r.out), 44);
	assert_int_equal(r.out[43], '\n');
	assert_contains(r.err, "read and write, expires 2099-12-31");
	r.out[43] = '\0';
	Arena arena = {0};
	Principal p;
	Err e;
	assert_int_equal(
	        store_token_lookup(t->db, r.out, "2099-12-31T16:59:59Z", &arena, &p, &e), 0);
	assert_true(p.token_write);
	assert_string_equal(p.username, "he.thong");
	assert_int_equal(store_token_lookup(t->db, r.out, "2099-12-31T17:00:00Z", &arena, &p, &e),
	        KC_ENOTFOUND);
	user(&r, t, "token", "--username he.thong --name 'Chỉ đọc'", NULL);
	assert_int_equal(r.status, 0);
	assert_contains(r.err, "read only, never expires");
	r.out[43] = '\0';
	assert_int_equal(store_token_lookup(t->db, r.out, NULL, &arena, &p, &e), 0);
	assert_false(p.token_write);
	arena_free(&arena);
	user(&r, t, "token", "--username he.thong --name Cũ --expires 2020-01-01", NULL);
	assert_int_equal(r.status, 1);
	assert_string_equal(r.out, "");
	assert_contains(r.err, "Ngày hết hạn 01/01/2020 đã qua");
	assert_int_equal(db_scalar(t->db, "SELECT COUNT(*) FROM api_token"), 2);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, add_list_and_sign_in);
	TL_ADD(&tl, passwords_come_from_stdin);
	TL_ADD(&tl, store_refusals_are_shown);
	TL_ADD(&tl, wrong_usage_exits_2);
	TL_ADD(&tl, only_initialised_databases);
	TL_ADD(&tl, passwd_changes_the_password);
	TL_ADD(&tl, disable_keeps_an_admin);
	TL_ADD(&tl, token_is_printed_once);
	for (size_t i = 0; i < tl.n; i++) {
		tl.v[i].setup_func = tmpdb_setup_loaded;
		tl.v[i].teardown_func = tmpdb_teardown;
	}
	return tl_run(&tl, "cli/user");
}
