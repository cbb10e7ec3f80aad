/* buf.c — see buf.h. */
#include "buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"

void buf_init(Buf *b, size_t max)
{
	*b = (Buf){.max = max};
}

void buf_free(Buf *b)
{
	free(b->data);
	buf_init(b, b->max);
}

void buf_reset(Buf *b)
{
	b->len = 0;
	b->err = 0;
	if (b->data)
		b->data[0] = '\0';
}

/* Makes room for n more bytes plus the terminator; sets the sticky error and
 * returns 0 when that would pass the maximum. */
static int buf_reserve(Buf *b, size_t n)
{
	if (b->err)
		return 0;
	if (n > b->max - b->len) {
		b->err = KC_ETOOBIG;
		return 0;
	}
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return 1;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = realloc(b->data, cap);
	if (!p)
		abort();
	b->data = p;
	b->cap = cap;
	return 1;
}

void buf_append(Buf *b, const void *p, size_t n)
{
	if (!buf_reserve(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

char *buf_extend(Buf *b, size_t n)
{
	if (!buf_reserve(b, n))
		return NULL;
	char *p = b->data + b->len;
	b->len += n;
	b->data[b->len] = '\0';
	return p;
}

void buf_puts(Buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void buf_putc(Buf *b, char c)
{
	buf_append(b, &c, 1);
}

void buf_vprintf(Buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->err = b->err ? b->err : KC_EINVAL;
		return;
	}
	if (!buf_reserve(b, (size_t)n))
		return;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void buf_truncate(Buf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->data[n] = '\0';
	}
}

const char *buf_cstr(const Buf *b)
{
	return b->data ? b->data : "";
}

int buf_err(const Buf *b)
{
	return b->err;
}

char *buf_detach(Buf *b)
{
	if (b->err) {
		buf_free(b);
		return NULL;
	}
	char *p = b->data;
	if (!p) {
		p = malloc(1);
		if (!p)
			abort();
		p[0] = '\0';
	}
	buf_init(b, b->max);
	return p;
}
