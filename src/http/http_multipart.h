/* http_multipart.h — a multipart/form-data body (RFC 7578), as a browser
 * sends a form with a file input: text fields and files.
 *
 * Only what browsers send is read: parts separated by the boundary of the
 * Content-Type, each with a Content-Disposition naming the field (and, for a
 * file, its file name) and an optional Content-Type. Text fields are decoded
 * as a urlencoded form's are (UTF-8, NFC); a file's bytes are kept as sent.
 * Everything points into the body or the arena; nothing is copied twice. */
#ifndef KC_HTTP_MULTIPART_H
#define KC_HTTP_MULTIPART_H

#include <stddef.h>

#include "http/http.h"

/* A file of a form. */
typedef struct HttpFile {
	const char *field;     /* the form field's name */
	const char *file_name; /* the last path component of the name sent, NFC; may be "" */
	const char *type;      /* its Content-Type, or "application/octet-stream" */
	const char *data;      /* its bytes, inside the body */
	size_t len;
} HttpFile;

/* Whether content_type is multipart/form-data. */
bool http_is_multipart(const char *content_type);

/* Parses body[0..len), sent with content_type (which gives the boundary),
 * into its text fields (*fields[0..*n_fields)) and its files
 * (*files[0..*n_files)), in arena. KC_EINVAL for a body that is not
 * multipart/form-data of that boundary, a part without a field name, or a
 * text field that is not UTF-8; KC_ETOOBIG past HTTP_MAX_FORM parts. */
int http_parse_multipart(const char *content_type, const char *body, size_t len, Arena *arena,
        HttpPair **fields, int *n_fields, HttpFile **files, int *n_files, Err *e);

#endif
