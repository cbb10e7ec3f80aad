/* cli_user.c — khuyencong user add|passwd|list|disable|token: accounts from
 * the command line, where the first administrator is made and where an
 * operator can always reach them.
 *
 * Passwords come from standard input, one line, never from the command line:
 * arguments are visible to every user of the machine (ps, /proc) and stay in
 * shell history. On a terminal the typing is not echoed, and a new password
 * is asked twice. Every option value is NFC like any input to the program. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/vntext.h"
#include "store/db.h"
#include "store/store_migrate.h"
#include "store/store_user.h"

enum { VALUE_MAX_BYTES = 1024, PASSWORD_LINE_MAX = 1024 };

/* The options of the subcommands: each takes a value, but a flag. */
enum {
	O_DB = 1 << 0,
	O_USERNAME = 1 << 1,
	O_NAME = 1 << 2,
	O_ROLE = 1 << 3,
	O_PROVINCE = 1 << 4, /* may be repeated */
	O_NATIONAL = 1 << 5, /* a flag */
	O_WRITE = 1 << 6,    /* a flag */
	O_EXPIRES = 1 << 7,
};

static const struct {
	const char *name;
	unsigned bit;
} options[] = {{"db", O_DB}, {"username", O_USERNAME}, {"name", O_NAME}, {"role", O_ROLE},
        {"province", O_PROVINCE}, {"national", O_NATIONAL}, {"write", O_WRITE},
        {"expires", O_EXPIRES}};

/* The options of one run, NFC, in arena. */
typedef struct Args {
	unsigned seen;
	const char *db, *username, *name, *role, *expires;
	const char *provinces[USER_MAX_PROVINCES];
	int n_provinces;
	Arena arena;
} Args;

/* Who the command line acts as in the audit log. */
static const Actor cli_actor = {.user_id = 0, .name = "system", .via = "cli"};

/* Stores the value of option bit in a. */
static int set_value(Args *a, unsigned bit, const char *value, Err *e)
{
	Buf nfc;
	buf_init(&nfc, VALUE_MAX_BYTES);
	int rc = vn_nfc(&nfc, value, strlen(value), e);
	const char *v = rc ? NULL : arena_strdup(&a->arena, buf_cstr(&nfc));
	buf_free(&nfc);
	if (rc)
		return rc;
	switch (bit) {
	case O_DB: a->db = v; break;
	case O_USERNAME: a->username = v; break;
	case O_NAME: a->name = v; break;
	case O_ROLE: a->role = v; break;
	case O_EXPIRES: a->expires = v; break;
	default:
		if (a->n_provinces == USER_MAX_PROVINCES)
			return err_set(e, KC_ETOOBIG, "more than %d provinces", USER_MAX_PROVINCES);
		a->provinces[a->n_provinces++] = v;
	}
	return 0;
}

/* Reads argv[2..] as the options in allowed: 0, or 2 (wrong usage, said on
 * stderr), or 1 for a value that is not text. */
static int parse_args(int argc, char **argv, unsigned allowed, Args *a)
{
	Err e = {0};
	for (int i = 2; i < argc; i++) {
		const char *arg = argv[i], *eq = strchr(arg, '=');
		size_t n = eq ? (size_t)(eq - arg) : strlen(arg);
		unsigned bit = 0;
		for (size_t k = 0; !strncmp(arg, "--", 2) && k < sizeof options / sizeof *options;
		        k++)
			if (strlen(options[k].name) == n - 2 &&
			        !strncmp(arg + 2, options[k].name, n - 2))
				bit = options[k].bit;
		if (!(bit & allowed)) {
			fprintf(stderr, "khuyencong: unexpected argument '%s'\n", arg);
			return 2;
		}
		if ((a->seen & bit) && bit != O_PROVINCE) {
			fprintf(stderr, "khuyencong: '%.*s' given twice\n", (int)n, arg);
			return 2;
		}
		a->seen |= bit;
		if (bit == O_NATIONAL || bit == O_WRITE) {
			if (eq) {
				fprintf(stderr, "khuyencong: '%.*s' takes no value\n", (int)n, arg);
				return 2;
			}
			continue;
		}
		if (!eq && i + 1 == argc) {
			fprintf(stderr, "khuyencong: '%s' needs a value\n", arg);
			return 2;
		}
		if (set_value(a, bit, eq ? eq + 1 : argv[++i], &e)) {
			fprintf(stderr, "khuyencong: %s\n", e.msg);
			return 1;
		}
	}
	return 0;
}

/* Opens the database at url, which must exist and be initialised: a typo
 * must not leave an empty database behind. */
static int open_db(const char *url, Db **db)
{
	Err e = {0};
	int version = 0;
	if (!db_url_is_pg(url) && access(url, F_OK)) {
		fprintf(stderr,
		        "khuyencong: cannot open '%s': %s (create it with 'khuyencong init')\n",
		        url, strerror(errno));
		return 1;
	}
	if (db_open(db, url, &e) || store_schema_version(*db, &version, &e)) {
		fprintf(stderr, "khuyencong: %s\n", e.msg);
		if (*db)
			db_close(*db);
		return 1;
	}
	if (version < store_schema_latest()) {
		fprintf(stderr,
		        "khuyencong: '%s' is at schema version %d, this program needs %d; run"
		        " 'khuyencong init --db %s' first\n",
		        url, version, store_schema_latest(), url);
		db_close(*db);
		return 1;
	}
	return 0;
}

/* Reads one line from stdin into line (at most PASSWORD_LINE_MAX bytes,
 * without its line break), prompting with prompt and not echoing on a
 * terminal. */
static int read_line(const char *prompt, char line[PASSWORD_LINE_MAX + 2], Err *e)
{
	struct termios was, quiet;
	bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &was) == 0;
	if (tty) {
		fputs(prompt, stderr);
		quiet = was;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	bool got = fgets(line, PASSWORD_LINE_MAX + 2, stdin) != NULL;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &was);
		fputc('\n', stderr);
	}
	if (!got)
		return err_set(e, KC_EINVAL, "no password on standard input");
	size_t n = strlen(line);
	if (n && line[n - 1] == '\n')
		line[--n] = '\0';
	else if (n > PASSWORD_LINE_MAX)
		return err_set(
		        e, KC_ETOOBIG, "password line longer than %d bytes", PASSWORD_LINE_MAX);
	if (n && line[n - 1] == '\r')
		line[--n] = '\0';
	return 0;
}

/* Reads a password (see read_line) into out as NFC; a new one is asked twice
 * on a terminal. */
static int read_password(bool twice, Buf *out, Err *e)
{
	char line[PASSWORD_LINE_MAX + 2], again[PASSWORD_LINE_MAX + 2];
	int rc = read_line("Mật khẩu: ", line, e);
	if (rc == 0 && twice && isatty(STDIN_FILENO) &&
	        (rc = read_line("Nhập lại mật khẩu: ", again, e)) == 0 && strcmp(line, again))
		rc = err_set(e, KC_EINVAL, "Hai lần nhập mật khẩu không khớp");
	if (rc == 0)
		rc = vn_nfc(out, line, strlen(line), e);
	sodium_memzero(line, sizeof line);
	sodium_memzero(again, sizeof again);
	return rc;
}

static int user_add(Db *db, const Args *a, Err *e)
{
	User u = store_user_blank();
	u.username = a->username;
	u.full_name = a->name;
	u.national = a->seen & O_NATIONAL;
	u.n_provinces = a->n_provinces;
	memcpy(u.provinces, a->provinces, sizeof u.provinces);
	char q[VN_QUOTE_MAX];
	if ((u.role = role_parse(a->role)) == ROLE_NONE)
		return err_set(e, KC_EINVAL,
		        "Vai trò '%s' không có; chọn một trong: viewer, staff, manager, ministry, admin",
		        vn_quote(q, sizeof q, a->role, strlen(a->role)));
	Buf pw;
	buf_init(&pw, 4 * PASSWORD_LINE_MAX);
	int64_t id = 0;
	int rc = read_password(true, &pw, e);
	if (rc == 0 && (rc = store_user_create(db, &cli_actor, &u, buf_cstr(&pw), &id, e)) == 0)
		printf("user '%s' created (id %lld, %s)\n", u.username, (long long)id,
		        role_name(u.role));
	sodium_memzero(pw.data, pw.len);
	buf_free(&pw);
	return rc;
}

static int user_passwd(Db *db, const Args *a, Err *e)
{
	Arena arena = {0};
	User u;
	Buf pw;
	buf_init(&pw, 4 * PASSWORD_LINE_MAX);
	int rc = store_user_by_name(db, a->username, &arena, &u, e);
	if (rc == 0 && (rc = read_password(true, &pw, e)) == 0 &&
	        (rc = store_user_set_password(db, &cli_actor, u.id, buf_cstr(&pw), e)) == 0)
		printf("password of '%s' changed; its sessions are ended\n", u.username);
	sodium_memzero(pw.data, pw.len);
	buf_free(&pw);
	arena_free(&arena);
	return rc;
}

/* One row of `user list`: the scope is "national" or the provinces. */
static void print_user(const User *u)
{
	Buf scope;
	buf_init(&scope, 1024);
	for (int i = 0; i < u->n_provinces; i++)
		buf_printf(&scope, "%s%s", i ? "," : "", u->provinces[i]);
	printf("%-5lld %-24s %-9s %-6s %-22s %s\n", (long long)u->id, u->username,
	        role_name(u->role), u->active ? "yes" : "no",
	        u->national ? "national" : buf_cstr(&scope), u->full_name);
	buf_free(&scope);
}

static int user_list(Db *db, const Args *a, Err *e)
{
	(void)a;
	enum { PAGE = 500 };
	Arena arena = {0};
	UserList l = {0};
	int rc = 0;
	printf("%-5s %-24s %-9s %-6s %-22s %s\n", "id", "username", "role", "active", "provinces",
	        "full name");
	for (int offset = 0; rc == 0 && (offset == 0 || offset < l.total); offset += PAGE) {
		arena_free(&arena);
		if ((rc = store_user_list(db, PAGE, offset, &arena, &l, e)) == 0)
			for (int i = 0; i < l.n; i++)
				print_user(&l.v[i]);
	}
	arena_free(&arena);
	return rc;
}

static int user_disable(Db *db, const Args *a, Err *e)
{
	Arena arena = {0};
	User u;
	int rc = store_user_by_name(db, a->username, &arena, &u, e);
	if (rc == 0 && !u.active)
		printf("user '%s' is disabled already\n", u.username);
	else if (rc == 0) {
		u.active = false;
		if ((rc = store_user_update(db, &cli_actor, &u, e)) == 0)
			printf("user '%s' disabled; its sessions are ended\n", u.username);
	}
	arena_free(&arena);
	return rc;
}

static int user_token(Db *db, const Args *a, Err *e)
{
	Arena arena = {0};
	User u;
	char token[TOKEN_TEXT_LEN];
	int64_t id = 0;
	bool write = a->seen & O_WRITE;
	int rc = store_user_by_name(db, a->username, &arena, &u, e);
	if (rc == 0 && (rc = store_token_create(db, &cli_actor, u.id, a->name, write, a->expires,
	                        token, &id, e)) == 0) {
		fprintf(stderr,
		        "token %lld for '%s' (%s, %s%s); it is shown once, below: keep it now\n",
		        (long long)id, u.username, write ? "read and write" : "read only",
		        a->expires ? "expires " : "never expires", a->expires ? a->expires : "");
		printf("%s\n", token);
		sodium_memzero(token, sizeof token);
	}
	arena_free(&arena);
	return rc;
}

static const struct Sub {
	const char *name;
	unsigned allowed, required;
	int (*run)(Db *db, const Args *a, Err *e);
	const char *usage;
} subs[] = {
        {"add", O_DB | O_USERNAME | O_NAME | O_ROLE | O_PROVINCE | O_NATIONAL,
                O_DB | O_USERNAME | O_NAME | O_ROLE, user_add,
                "add --db PATH --username U --name 'Họ tên' --role ROLE [--province list:code]..."
                " [--national]  < password"},
        {"passwd", O_DB | O_USERNAME, O_DB | O_USERNAME, user_passwd,
                "passwd --db PATH --username U  < password"},
        {"list", O_DB, O_DB, user_list, "list --db PATH"},
        {"disable", O_DB | O_USERNAME, O_DB | O_USERNAME, user_disable,
                "disable --db PATH --username U"},
        {"token", O_DB | O_USERNAME | O_NAME | O_WRITE | O_EXPIRES, O_DB | O_USERNAME | O_NAME,
                user_token,
                "token --db PATH --username U --name N [--write] [--expires YYYY-MM-DD]"},
};

static int usage(void)
{
	fputs("usage:", stderr);
	for (size_t i = 0; i < sizeof subs / sizeof *subs; i++)
		fprintf(stderr, "%s khuyencong user %s\n", i ? "      " : "", subs[i].usage);
	fputs("ROLE is viewer, staff, manager, ministry or admin; a password is one line on"
	      " standard input\n",
	        stderr);
	return 2;
}

int cli_user(int argc, char **argv)
{
	const struct Sub *sub = NULL;
	for (size_t i = 0; argc > 1 && i < sizeof subs / sizeof *subs; i++)
		if (!strcmp(argv[1], subs[i].name))
			sub = &subs[i];
	if (!sub)
		return usage();
	Args a = {0};
	int status = parse_args(argc, argv, sub->allowed, &a);
	if (status == 0 && (a.seen & sub->required) != sub->required) {
		fprintf(stderr, "usage: khuyencong user %s\n", sub->usage);
		status = 2;
	}
	Db *db = NULL;
	if (status == 0)
		status = open_db(a.db, &db);
	if (status == 0) {
		Err e = {0};
		if (sub->run(db, &a, &e)) {
			fprintf(stderr, "khuyencong: %s\n", e.msg);
			status = 1;
		}
		db_close(db);
	}
	arena_free(&a.arena);
	return status;
}
