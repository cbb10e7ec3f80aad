/* http_html.c — see http_html.h. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "http/http_html.h"

void html_raw_(Buf *b, const char *literal)
{
	buf_puts(b, literal);
}

static void escape(Buf *b, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_append(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_append(b, s + start, n - start);
}

void html_text(Buf *b, const char *s)
{
	if (s)
		escape(b, s, strlen(s));
}

void html_urlarg(Buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		        (*p >= '0' && *p <= '9') || strchr("-._~", *p)) {
			buf_putc(b, (char)*p);
		} else {
			char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			buf_append(b, enc, 3);
		}
	}
}

/* A programming error: the format uses a conversion html_printf does not
 * write. The compiler checked the types, so this is found by the first test
 * that renders the page. */
static void unsupported(const char *fmt)
{
	fprintf(stderr, "html_printf: unsupported conversion in \"%s\"\n", fmt);
	abort();
}

/* The length modifier of a conversion. */
typedef enum Len { LEN_NONE, LEN_H, LEN_HH, LEN_L, LEN_LL, LEN_Z, LEN_J, LEN_T } Len;

static Len length_of(const char **p)
{
	const char *s = *p;
	Len len = LEN_NONE;
	if (s[0] == 'h')
		len = s[1] == 'h' ? LEN_HH : LEN_H;
	else if (s[0] == 'l')
		len = s[1] == 'l' ? LEN_LL : LEN_L;
	else if (s[0] == 'z')
		len = LEN_Z;
	else if (s[0] == 'j')
		len = LEN_J;
	else if (s[0] == 't')
		len = LEN_T;
	*p += len == LEN_NONE ? 0 : (len == LEN_HH || len == LEN_LL) ? 2 : 1;
	return len;
}

/* Writes one integer conversion: the argument taken from ap by the length
 * modifier, then padded to width (with zeros after a '0' flag, on the right
 * after '-'). Formatted here with fixed formats, so no format is built at
 * run time. */
static void integer(Buf *b, const char *flags, int width, Len len, char conv, va_list *ap)
{
	char digits[48];
	if (conv == 'd' || conv == 'i') {
		intmax_t v;
		switch (len) {
		case LEN_L: v = va_arg(*ap, long); break;
		case LEN_LL: v = va_arg(*ap, long long); break;
		case LEN_Z: v = va_arg(*ap, ssize_t); break;
		case LEN_J: v = va_arg(*ap, intmax_t); break;
		case LEN_T: v = va_arg(*ap, ptrdiff_t); break;
		default: v = va_arg(*ap, int); break;
		}
		snprintf(digits, sizeof digits, "%jd", v);
	} else {
		uintmax_t v;
		switch (len) {
		case LEN_L: v = va_arg(*ap, unsigned long); break;
		case LEN_LL: v = va_arg(*ap, unsigned long long); break;
		case LEN_Z: v = va_arg(*ap, size_t); break;
		case LEN_J: v = va_arg(*ap, uintmax_t); break;
		case LEN_T: v = (uintmax_t)va_arg(*ap, ptrdiff_t); break;
		default: v = va_arg(*ap, unsigned); break;
		}
		snprintf(digits, sizeof digits, conv == 'x' ? "%jx" : "%ju", v);
	}
	int n = (int)strlen(digits), pad = width > n ? width - n : 0;
	bool left = strchr(flags, '-'), zero = strchr(flags, '0') && !left;
	const char *d = digits;
	if (zero && *d == '-') {
		buf_putc(b, '-');
		d++;
	}
	for (int i = 0; i < pad && !left; i++)
		buf_putc(b, zero ? '0' : ' ');
	buf_puts(b, d);
	for (int i = 0; i < pad && left; i++)
		buf_putc(b, ' ');
}

void html_vprintf(Buf *b, const char *fmt, va_list ap)
{
	va_list args;
	va_copy(args, ap);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			buf_puts(b, p);
			break;
		}
		buf_append(b, p, (size_t)(pct - p));
		const char *s = pct + 1;
		if (*s == '%') {
			buf_putc(b, '%');
			p = s + 1;
			continue;
		}
		char flags[8] = "";
		size_t nf = strspn(s, "-0");
		if (nf >= sizeof flags || s[nf] == '+' || s[nf] == ' ' || s[nf] == '#')
			unsupported(fmt);
		memcpy(flags, s, nf);
		s += nf;
		int width = 0;
		while (*s >= '0' && *s <= '9' && width < 100)
			width = width * 10 + (*s++ - '0');
		Len len = length_of(&s);
		char conv = *s;
		switch (conv) {
		case 's':
			if (s != pct + 1)
				unsupported(fmt); /* a width would count bytes, not letters */
			html_text(b, va_arg(args, const char *));
			break;
		case 'c': {
			char ch = (char)va_arg(args, int);
			escape(b, &ch, 1);
			break;
		}
		case 'd':
		case 'i':
		case 'u':
		case 'x': integer(b, flags, width, len, conv, &args); break;
		default: unsupported(fmt);
		}
		p = s + 1;
	}
	va_end(args);
}

void html_printf(Buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	html_vprintf(b, fmt, ap);
	va_end(ap);
}
