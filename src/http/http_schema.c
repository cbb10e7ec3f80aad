/* http_schema.c — writing records as JSON from their declared schema. */
#include <stdbool.h>
#include <string.h>

#include "core/json.h"
#include "http/http_schema.h"

void schema_write_fields(JsonW *w, const Schema *s, const void *rec)
{
	const char *base = rec;
	for (int i = 0; i < s->n; i++) {
		const Field *f = &s->fields[i];
		if (f->flags & FIELD_WRITEONLY)
			continue;
		if (f->ident_len)
			json_key_ident(w, f->name, f->ident_len);
		else
			json_key(w, f->name);
		const void *p = base + f->off;
		switch (f->type) {
		case FIELD_TEXT: json_cstr(w, *(const char *const *)p); break;
		case FIELD_I64: {
			int64_t v = *(const int64_t *)p;
			if (v == f->unknown)
				json_null(w);
			else
				json_int(w, v);
			break;
		}
		case FIELD_INT: {
			int v = *(const int *)p;
			if (v == f->unknown)
				json_null(w);
			else
				json_int(w, v);
			break;
		}
		case FIELD_BOOL: json_bool(w, *(const bool *)p); break;
		}
	}
}

void schema_write(JsonW *w, const Schema *s, const void *rec)
{
	json_obj(w);
	schema_write_fields(w, s, rec);
	json_obj_end(w);
}

const Field *schema_field(const Schema *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->fields[i].name, name))
			return &s->fields[i];
	return NULL;
}
