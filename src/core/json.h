/* json.h — a streaming JSON writer into a Buf.
 *
 * Values are written in order and the writer places commas and escapes
 * strings itself, so output is valid by construction: a caller cannot forget
 * a comma or an escape. Strings must be UTF-8; bytes that are not valid UTF-8
 * are written as U+FFFD, and control characters as \u00XX. The writer does
 * not check that keys and values alternate inside an object: that is the
 * caller's part. Nesting deeper than JSON_MAX_DEPTH sets the Buf's error. */
#ifndef KC_JSON_H
#define KC_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum { JSON_MAX_DEPTH = 32 };

typedef struct JsonW {
	Buf *b;
	int depth;
	bool first[JSON_MAX_DEPTH + 1]; /* no value written yet at this depth */
	bool after_key;                 /* the next value follows a key: no comma */
} JsonW;

/* Starts writing into b (appending). */
void json_init(JsonW *w, Buf *b);
void json_obj(JsonW *w);
void json_obj_end(JsonW *w);
void json_arr(JsonW *w);
void json_arr_end(JsonW *w);
/* A key inside an object; the next call writes its value. */
void json_key(JsonW *w, const char *key);
/* The same for a key of len bytes that needs no escaping, written as it is:
 * a name of the program's own made of ASCII letters, digits and '_' (a C
 * identifier, as the FIELD_* macros of http_schema.h make), never data. */
void json_key_ident(JsonW *w, const char *key, size_t len);
void json_str(JsonW *w, const char *s, size_t len);
void json_cstr(JsonW *w, const char *s); /* NULL writes null */
void json_int(JsonW *w, int64_t v);
void json_bool(JsonW *w, bool v);
void json_null(JsonW *w);

#endif
