/* fuzz_multipart.c — libFuzzer target for http_parse_multipart: a form
 * upload's body. The input's first line is the Content-Type (its boundary),
 * the rest the body. Any input must give 0 with every field NUL-terminated
 * UTF-8 and every file inside the body, or an error with a message; a crash
 * or a leak aborts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"
#include "http/http_multipart.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *nl = memchr(in, '\n', size);
	size_t tlen = nl ? (size_t)(nl - in) : size;
	char *type = malloc(tlen + 1);
	memcpy(type, in, tlen);
	type[tlen] = '\0';
	const char *body = nl ? nl + 1 : in + size;
	size_t blen = size - (size_t)(body - in);
	Arena arena = {0};
	HttpPair *fields;
	HttpFile *files;
	int nf, nfiles;
	Err e = {0};
	int rc = http_parse_multipart(type, body, blen, &arena, &fields, &nf, &files, &nfiles, &e);
	if (rc && !e.msg[0])
		abort();
	for (int i = 0; !rc && i < nf; i++)
		if (!vn_utf8_valid(fields[i].value, strlen(fields[i].value)) || !*fields[i].name)
			abort();
	for (int i = 0; !rc && i < nfiles; i++)
		if (files[i].data < body || files[i].data + files[i].len > body + blen)
			abort();
	arena_free(&arena);
	free(type);
	return 0;
}
