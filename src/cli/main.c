/* main.c — the khuyencong command: one binary, one table of subcommands.
 *
 * Every subcommand of DESIGN.md §3 is listed here from the start, so --help
 * shows the whole shape of the program; a subcommand that is not built yet
 * says so and exits with status 2. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#ifndef KC_VERSION
#define KC_VERSION "0.0.0"
#endif
#ifndef KC_COMMIT
#define KC_COMMIT "unknown"
#endif

const char cli_version[] = KC_VERSION " (commit " KC_COMMIT ")";

typedef struct Command {
	const char *name;
	const char *args;                  /* usage after the name */
	const char *summary;               /* one line for --help */
	int (*run)(int argc, char **argv); /* NULL: not built yet */
} Command;

static const Command commands[] = {
        {"init", "--db PATH|postgresql://...", "create or migrate a database, load reference data",
                cli_init},
        {"serve", "--db ... --listen 127.0.0.1:8080", "serve the web interface and the JSON API",
                cli_serve},
        {"demo", "--db ...", "load the demonstration data (built from the source articles)",
                cli_demo},
        {"gen", "--db ... --scale national|province|tiny [--seed N] [--province CODE]",
                "generate synthetic data at national scale (benchmarks)", cli_gen},
        {"import", "--db ... FILE.xlsx|FILE.csv [--kind ...] [--dry-run] [--report R.xlsx]",
                "import a spreadsheet, all or nothing; --template KIND writes a template",
                cli_import},
        {"export", "--db ... --what ... --format xlsx|csv|json", "export records", NULL},
        {"report",
                "--db ... --template ... --period 2016-H1 --scope ... --format pdf|xlsx|csv|json"
                " [-o FILE] | --list | submit | versions | show | template",
                "produce, submit and list periodic reports", cli_report},
        {"user", "add|passwd|list|disable|token --db ... (passwords on stdin)",
                "manage accounts and API tokens", cli_user},
        {"backup", "--db ... OUT", "online, consistent backup", NULL},
        {"check", "--db ...", "integrity and consistency checks", cli_check},
        {"test-http", "--db ... < request.txt",
                "run one HTTP request through the whole stack, no socket", cli_test_http},
        {"fmt", "money|words|date|period|fold VALUE [--cutoff DAY], or sort < FILE",
                "the core library on a value: parse, format, words, sort", cli_fmt},
};

static void usage(FILE *out)
{
	fputs("khuyencong — hệ thống thông tin khuyến công (industrial extension information system)\n\n"
	      "usage: khuyencong COMMAND [OPTIONS]\n"
	      "       khuyencong --help | --version\n\ncommands:\n",
	        out);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const Command *c = &commands[i];
		fprintf(out, "  %-10s %s%s\n  %-10s   %s %s\n", c->name, c->summary,
		        c->run ? "" : " (not built yet)", "", c->name, c->args);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("khuyencong %s (commit %s)\n", KC_VERSION, KC_COMMIT);
		return 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		const Command *c = &commands[i];
		if (strcmp(cmd, c->name))
			continue;
		if (!c->run) {
			fprintf(stderr, "khuyencong: '%s' is not built yet\n", c->name);
			return 2;
		}
		return c->run(argc - 1, argv + 1);
	}
	fprintf(stderr, "khuyencong: unknown command '%s' (see 'khuyencong --help')\n", cmd);
	return 2;
}
