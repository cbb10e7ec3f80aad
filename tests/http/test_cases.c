/* test_cases.c — HTTP cases as files: each tests/http/cases/NAME.http holds
 * a raw request and, after a line "### expect", the response it must get
 * from `khuyencong test-http` (the real binary, no socket).
 *
 * In the request, {{cookie}} and {{csrf}} are the session of the user named
 * by a "# as: USER" line (apitest.h's users) and {{length}} the body's
 * length. Each expected line must match a line of the response, in order;
 * {{*}} in it matches any text. */
#include "harness.h"

#include <dirent.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apitest.h"

#ifndef KC_BUILD_DIR
#define KC_BUILD_DIR "build/release"
#endif
#define CASES "tests/http/cases"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	Buf b;
	buf_init(&b, 1 << 24);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

/* Copies s[0..n) to out with {{name}} replaced. */
static void expand(Buf *out, const char *s, size_t n, const ApiTest *t, int user, size_t length)
{
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(s + i, "{{cookie}}", 10) && user >= 0) {
			buf_puts(out, t->cookie[user]);
			i += 9;
		} else if (!strncmp(s + i, "{{csrf}}", 8) && user >= 0) {
			buf_puts(out, t->csrf[user]);
			i += 7;
		} else if (!strncmp(s + i, "{{length}}", 10)) {
			buf_printf(out, "%zu", length);
			i += 9;
		} else {
			buf_putc(out, s[i]);
		}
	}
}

/* The expected line as an fnmatch pattern: {{*}} is '*', the rest literal. */
static void pattern(Buf *out, const char *line, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(line + i, "{{*}}", 5)) {
			buf_putc(out, '*');
			i += 4;
			continue;
		}
		if (strchr("*?[]\\", line[i]))
			buf_putc(out, '\\');
		buf_putc(out, line[i]);
	}
}

/* Fails unless every line of want matches a line of got, in order. */
static void expect_lines(const char *name, const char *want, char *got)
{
	char *cursor = got;
	for (const char *w = want; *w;) {
		size_t n = strcspn(w, "\n");
		if (n) {
			Buf pat;
			buf_init(&pat, 1 << 16);
			pattern(&pat, w, n);
			bool found = false;
			while (*cursor && !found) {
				size_t m = strcspn(cursor, "\n");
				char keep = cursor[m];
				if (m && cursor[m - 1] == '\r')
					cursor[m - 1] = '\0';
				cursor[m] = '\0';
				found = fnmatch(buf_cstr(&pat), cursor, 0) == 0;
				if (m && cursor[m - 1] == '\0')
					cursor[m - 1] = '\r';
				cursor[m] = keep;
				cursor += m + (keep != '\0');
			}
			if (!found)
				fail_msg(
				        "%s: no line of the response matches\n  %.*s\nresponse:\n%s",
				        name, (int)n, w, got);
			buf_free(&pat);
		}
		w += n + (w[n] == '\n');
	}
}

static void run_case(void **state)
{
	const char *name = *state;
	char path[512];
	snprintf(path, sizeof path, CASES "/%s", name);
	char *text = slurp(path);
	assert_non_null(text);
	char *sep = strstr(text, "\n### expect\n");
	assert_non_null(sep);
	*sep = '\0';
	const char *want = sep + 12;
	ApiTest t;
	assert_int_equal(apitest_open(&t), 0);
	/* Comment lines at the top; "# as: USER" names the user. */
	int user = -1;
	char *req = text;
	while (*req == '#') {
		char *nl = strchr(req, '\n');
		assert_non_null(nl);
		if (!strncmp(req, "# as: ", 6))
			for (int i = 0; i < APITEST_USERS; i++)
				if (!strncmp(req + 6, apitest_users[i], strlen(apitest_users[i])) &&
				        req + 6 + strlen(apitest_users[i]) == nl)
					user = i;
		req = nl + 1;
	}
	const char *body = strstr(req, "\n\n");
	size_t length = body ? strlen(body + 2) : 0;
	Buf raw;
	buf_init(&raw, 1 << 24);
	expand(&raw, req, strlen(req), &t, user, length);
	if (!body)
		buf_putc(&raw, '\n'); /* the blank line that ends the headers */
	char in[256], out[256], cmd[1024];
	snprintf(in, sizeof in, "%s/request.txt", t.db.dir);
	snprintf(out, sizeof out, "%s/response.txt", t.db.dir);
	FILE *f = fopen(in, "wb");
	assert_non_null(f);
	fwrite(buf_cstr(&raw), 1, raw.len, f);
	fclose(f);
	snprintf(cmd, sizeof cmd,
	        KC_BUILD_DIR "/khuyencong test-http --db %s --now %s < %s > %s 2>%s/stderr.txt",
	        t.db.path, t.app.now, in, out, t.db.dir);
	assert_int_equal(system(cmd), 0);
	char *got = slurp(out);
	assert_non_null(got);
	expect_lines(name, want, got);
	free(got);
	buf_free(&raw);
	free(text);
	apitest_close(&t);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	TestList tl = {0};
	DIR *d = opendir(CASES);
	char *names[512];
	size_t n = 0;
	for (struct dirent *de; d && (de = readdir(d)) && n < COUNT_OF(names);) {
		size_t len = strlen(de->d_name);
		if (len > 5 && !strcmp(de->d_name + len - 5, ".http"))
			names[n++] = strdup(de->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, n, sizeof names[0], by_name);
	for (size_t i = 0; i < n; i++)
		tl_addf(&tl, run_case, names[i], "case %s", names[i]);
	if (!n)
		fprintf(stderr, "no cases in " CASES "\n");
	int failed = tl_run(&tl, "http/cases");
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	return n ? failed : 1;
}
