/* embed.h — files built into the binary (migrations, reference data, web
 * assets), so one executable is the whole program. scripts/embed.sh writes
 * the tables; each ends with an entry whose name is NULL. */
#ifndef KC_EMBED_H
#define KC_EMBED_H

#include <stddef.h>

typedef struct EmbeddedFile {
	const char *name;          /* base name, e.g. "0001_schema.sql" */
	const unsigned char *data; /* the bytes, followed by a NUL not counted in size */
	size_t size;
} EmbeddedFile;

#endif
