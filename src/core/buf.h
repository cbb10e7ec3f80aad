/* buf.h — a growable byte buffer with a size limit and a sticky error.
 *
 * Every buffer has a maximum size fixed at creation. Appends past the maximum
 * (or a buf_printf that vsnprintf refuses) do nothing and set the sticky
 * error, so a caller builds a whole output and checks buf_err() once at the
 * end (the sqlite3_str habit). The contents are always NUL-terminated for
 * convenience; the terminator is not counted in len.
 * Allocation failure aborts: khuyencong is an application, not a library.
 * A Buf is not thread-safe; it belongs to one request or one caller. */
#ifndef KC_BUF_H
#define KC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct Buf {
	char *data; /* NUL-terminated contents, NULL until the first append */
	size_t len; /* bytes in use, not counting the terminator */
	size_t cap; /* bytes allocated */
	size_t max; /* the most len may ever be */
	int err;    /* 0, or the first failure: KC_ETOOBIG or KC_EINVAL (see buf_err) */
} Buf;

/* Starts an empty buffer that may hold at most max bytes. */
void buf_init(Buf *b, size_t max);
/* Frees the contents; the buffer can be reused after buf_init. */
void buf_free(Buf *b);
/* Empties the buffer and clears its error, keeping the allocation. */
void buf_reset(Buf *b);

void buf_append(Buf *b, const void *p, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Makes the contents n bytes longer and returns where those n bytes start,
 * for the caller to fill at once (a writer's hot path: one reservation for
 * several pieces); NULL, with the sticky error, if they do not fit. */
char *buf_extend(Buf *b, size_t n);
/* Shortens the contents to n bytes (n <= len). */
void buf_truncate(Buf *b, size_t n);

/* The contents as a C string; "" for an empty buffer. Owned by the buffer. */
const char *buf_cstr(const Buf *b);
/* 0, or the sticky error of the first append that failed: KC_ETOOBIG when
 * it did not fit, KC_EINVAL when vsnprintf refused a buf_printf (an encoding
 * error, e.g. a %ls argument that is not valid in the current locale). */
int buf_err(const Buf *b);
/* Hands the contents to the caller (free with free()) and empties the buffer.
 * Returns NULL if the sticky error is set. */
char *buf_detach(Buf *b);

#endif
