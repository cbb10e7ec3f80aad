/* http_schema.h — the JSON shape of a record, declared once as data.
 *
 * A Schema lists the fields of a store record (a C struct): their JSON name,
 * type, offset and the value that means "unknown" (JSON null). The same
 * declaration writes records as JSON (schema_write), reads request bodies
 * into them (schema_read, http_body.c) and describes them in the OpenAPI
 * document, so the three cannot disagree. The FIELD_* macros check at compile
 * time that the struct member has the declared C type. */
#ifndef KC_HTTP_SCHEMA_H
#define KC_HTTP_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/err.h"

typedef enum FieldType {
	FIELD_TEXT, /* const char *, NULL unknown */
	FIELD_I64,  /* int64_t */
	FIELD_INT,  /* int */
	FIELD_BOOL, /* bool, never unknown */
} FieldType;

/* What a value means, for the document and for checks. */
typedef enum FieldFormat {
	FORMAT_PLAIN,
	FORMAT_DATE,  /* "YYYY-MM-DD" */
	FORMAT_TIME,  /* "YYYY-MM-DDTHH:MM:SSZ" */
	FORMAT_MONEY, /* đồng, an integer */
	FORMAT_YEAR,
} FieldFormat;

enum {
	FIELD_REQUIRED = 1 << 0,  /* documented as required on create (the store checks) */
	FIELD_READONLY = 1 << 1,  /* written in answers; ignored in bodies (id, computed values) */
	FIELD_WRITEONLY = 1 << 2, /* read from bodies, never written (a reason, a password) */
};

typedef struct Field {
	const char *name;
	FieldType type;
	size_t off;
	int64_t unknown; /* the number that means unknown (null), for FIELD_I64 and FIELD_INT */
	FieldFormat format;
	unsigned flags;
	const char *doc;
	/* strlen(name) when the FIELD_* macros made the name from a C member
	 * name (#m), which needs no JSON escaping: schema_write writes such a
	 * key as it is. 0: a name from elsewhere, written through json_key. */
	size_t ident_len;
} Field;

typedef struct Schema {
	const char *name; /* the OpenAPI component name: "Establishment" */
	const Field *fields;
	int n;
	const char *doc;
} Schema;

/* Compile-time type checks: _Generic has one association, so a member of
 * another type does not compile. */
#define FIELD_CHECK_(T, m, ctype) (0 * sizeof(_Generic(((T *)0)->m, ctype : 1)))
#define FIELD_TEXT(T, m, fmt, flags, doc)                                                          \
	{                                                                                          \
#m, FIELD_TEXT, offsetof(T, m) + FIELD_CHECK_(T, m, const char *), 0, fmt, flags,  \
		        doc, sizeof #m - 1                                                         \
	}
#define FIELD_I64(T, m, unknown, fmt, flags, doc)                                                  \
	{                                                                                          \
#m, FIELD_I64, offsetof(T, m) + FIELD_CHECK_(T, m, int64_t), unknown, fmt, flags,  \
		        doc, sizeof #m - 1                                                         \
	}
#define FIELD_INT(T, m, unknown, fmt, flags, doc)                                                  \
	{                                                                                          \
#m, FIELD_INT, offsetof(T, m) + FIELD_CHECK_(T, m, int), unknown, fmt, flags, doc, \
		        sizeof #m - 1                                                              \
	}
#define FIELD_BOOL(T, m, flags, doc)                                                               \
	{                                                                                          \
#m, FIELD_BOOL, offsetof(T, m) + FIELD_CHECK_(T, m, bool), 0, FORMAT_PLAIN, flags, \
		        doc, sizeof #m - 1                                                         \
	}
#define SCHEMA(name, fields, doc)                                                                  \
	{                                                                                          \
		name, fields, (int)(sizeof fields / sizeof fields[0]), doc                         \
	}

struct JsonW;
/* Writes rec as a JSON object of the schema's fields (not the write-only). */
void schema_write(struct JsonW *w, const Schema *s, const void *rec);
/* Writes the fields of rec into an object already opened by the caller. */
void schema_write_fields(struct JsonW *w, const Schema *s, const void *rec);

struct json_t;
/* Reads the JSON object obj into rec, which holds its defaults (a blank
 * record, or the record as stored for a partial update): each known key
 * sets its field (null sets unknown), read-only keys are ignored; an unknown
 * key or a value of the wrong type is KC_EINVAL naming the field. Strings
 * are copied into arena. */
int schema_read(const Schema *s, const struct json_t *obj, void *rec, Arena *arena, Err *e);

/* The field name of s, or NULL. */
const Field *schema_field(const Schema *s, const char *name);

#endif
