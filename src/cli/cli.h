/* cli.h — the subcommands of the khuyencong command (main.c dispatches).
 *
 * Each takes the arguments after the program name (argv[0] is the
 * subcommand) and returns the process exit status: 0 success, 1 failure,
 * 2 wrong usage. Only subcommands print; the layers below return errors. */
#ifndef KC_CLI_H
#define KC_CLI_H

int cli_init(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_demo(int argc, char **argv);
int cli_fmt(int argc, char **argv);
int cli_gen(int argc, char **argv);
int cli_report(int argc, char **argv);
int cli_import(int argc, char **argv);
int cli_serve(int argc, char **argv);
int cli_test_http(int argc, char **argv);
int cli_user(int argc, char **argv);

/* "0.1.0 (commit abc123)", defined in main.c. */
extern const char cli_version[];

/* Looks for "--name VALUE" or "--name=VALUE" in argv; the value or NULL. */
const char *cli_opt(int argc, char **argv, const char *name);
/* The arguments that are neither options nor option values, in order;
 * *n receives how many. The array is static, reused by the next call. */
char **cli_args(int argc, char **argv, int *n);

#endif
