/* cli_opt.c — the few option-parsing helpers the subcommands share.
 * Options take a value ("--db PATH"); there are no single-letter flags. */
#include <string.h>

#include "cli/cli.h"

const char *cli_opt(int argc, char **argv, const char *name)
{
	size_t n = strlen(name);
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || a[1] != '-' || strncmp(a + 2, name, n))
			continue;
		if (a[2 + n] == '=')
			return a + 3 + n;
		if (a[2 + n] == '\0' && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

char **cli_args(int argc, char **argv, int *n)
{
	static char *args[64];
	*n = 0;
	for (int i = 1; i < argc && *n < 64; i++) {
		if (!strncmp(argv[i], "--", 2)) {
			if (!strchr(argv[i], '='))
				i++; /* skip the option's value */
			continue;
		}
		args[(*n)++] = argv[i];
	}
	return args;
}
