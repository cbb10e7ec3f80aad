/* fuzz_multipart.c — libFuzzer target for src/http/http_multipart.c.
 *
 * The input's first line is the Content-Type, the rest the body. The target
 * aborts unless a body is either refused with a code and a message, or read
 * into at most HTTP_MULTIPART_MAX_PARTS parts, each a slice inside the body
 * with a UTF-8 field name and, for a file, a UTF-8 file name holding no path
 * separator. The router's multipart forms (the import page) go through the
 * http target too; this one reaches the parser's corners faster.
 *
 *   make fuzz FUZZ=multipart
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"
#include "http/http_multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the parser's answer; a broken one is a find. */
static void check(bool holds)
{
	if (!holds)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *nl = memchr(in, '\n', size);
	size_t head = nl ? (size_t)(nl - in) : size;
	char *type = strndup(in, head); /* a NUL in it ends the header, as in a request */
	/* The body in a buffer of its own, so a read past it is caught. */
	size_t len = nl ? size - head - 1 : 0;
	char *body = malloc(len + 1);
	if (!type || !body)
		abort();
	memcpy(body, nl ? nl + 1 : "", len);
	body[len] = '\0';
	Arena arena = {0};
	HttpPart *parts;
	int n;
	Err e = {0};
	int rc = http_parse_multipart(body, len, type, &arena, &parts, &n, &e);
	if (rc) {
		check(e.code && e.msg[0]);
	} else {
		check(n >= 0 && n <= HTTP_MULTIPART_MAX_PARTS);
		for (int i = 0; i < n; i++) {
			const HttpPart *p = &parts[i];
			check(p->data >= body && p->data + p->len <= body + len);
			check(p->name && vn_utf8_valid(p->name, strlen(p->name)));
			if (p->filename) {
				check(vn_utf8_valid(p->filename, strlen(p->filename)));
				check(!strchr(p->filename, '/') && !strchr(p->filename, '\\'));
			}
		}
	}
	arena_free(&arena);
	free(body);
	free(type);
	return 0;
}
