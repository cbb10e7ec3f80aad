/* http_multipart.h — a web form that sends a file: multipart/form-data
 * (RFC 7578), as a browser posts <form enctype="multipart/form-data">.
 *
 * The parser works on the request body as it is, without copying a part's
 * content: each part is a slice of the body (binary, may hold NULs) with its
 * field name and, for a file, the file name the browser gave. Only what a
 * browser sends is accepted: a boundary from the Content-Type, parts with a
 * Content-Disposition of form-data and a name, CRLF line ends; anything else
 * is refused with a Vietnamese message rather than guessed at. Names are
 * checked to be UTF-8; a file name keeps only its last path segment (old
 * browsers sent "C:\...\ds.csv"). The router (http_router.c) turns the text
 * fields into the form's fields and keeps the files for ctx_file. */
#ifndef KC_HTTP_MULTIPART_H
#define KC_HTTP_MULTIPART_H

#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

enum {
	HTTP_MULTIPART_MAX_PARTS = 256,   /* more is KC_ETOOBIG */
	HTTP_MULTIPART_MAX_HEADERS = 8192 /* bytes of one part's headers */
};

/* One part of the form. */
typedef struct HttpPart {
	const char *name;         /* the field's name (in the arena) */
	const char *filename;     /* a file's name (in the arena), or NULL for a text field */
	const char *content_type; /* as sent (in the arena), or NULL */
	const char *data;         /* the content: a slice of the body, len bytes */
	size_t len;
} HttpPart;

/* Parses body[0..len), sent with the Content-Type content_type, into
 * *out[0..*n) in arena. KC_EINVAL (message in Vietnamese) for a body that
 * is not such a form, KC_ETOOBIG past HTTP_MULTIPART_MAX_PARTS. */
int http_parse_multipart(const char *body, size_t len, const char *content_type, Arena *arena,
        HttpPart **out, int *n, Err *e);

#endif
