/* http_body.h — JSON request bodies, parsed with jansson within the limits.
 *
 * The router parses the body of a write whose route declares a body schema
 * before the handler runs: the Content-Type must be application/json (415),
 * the text valid JSON without duplicate keys, no deeper than the limit and
 * with no string longer than it (400 naming the problem). jansson stays in
 * http_body.c and the handlers that read bodies; responses are written with
 * the streaming writer (core/json.h). */
#ifndef KC_HTTP_BODY_H
#define KC_HTTP_BODY_H

#include "http/http_router.h"

/* Parses c->req's body into c->body; an error sets the status hint. */
int http_body_parse(Ctx *c);
/* The string member key of the body object, or NULL (absent, null, not a string). */
const char *http_body_text(Ctx *c, const char *key);
/* Reads the body object (or, when member is not NULL, the object body[member])
 * into rec through schema s; a bad field is a 400 naming it. */
int http_body_read(Ctx *c, const Schema *s, const char *member, void *rec);
/* The number of elements of the body array member (the body itself when
 * member is NULL), or -1 when it is not an array. */
int http_body_count(Ctx *c, const char *member);
/* Reads element i of that array into rec through s. */
int http_body_read_at(Ctx *c, const Schema *s, const char *member, int i, void *rec);
void http_body_free(Ctx *c);

#endif
