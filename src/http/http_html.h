/* http_html.h — writing HTML that cannot be injected.
 *
 * The only way the program writes HTML. One function per output context, as
 * cgit does, so the context is chosen where the value is written and every
 * value from a user or the database is escaped:
 *
 *   html_printf  markup with values: every %s and %c is escaped for element
 *                text and for attribute values in double quotes (& < > " ');
 *                numbers need no escaping. The compiler checks the arguments
 *                (format attribute); only the plain conversions are accepted
 *                (%s %c %d %i %u %x with h, l, ll, z, j, t, flags, width) and a
 *                format with anything else aborts: no home-made conversion.
 *   html_text    one value as escaped text (html_printf(b, "%s", s)).
 *   html_urlarg  one value inside a URL (a query value or a path segment):
 *                percent-encoded, so nothing of it is markup or a URL delimiter.
 *   html_raw     markup written in the program: only a string literal
 *                compiles, so raw output is rare and easy to grep.
 *
 * Output goes into a Buf (a response body); its size limit and sticky error
 * apply as everywhere. */
#ifndef KC_HTTP_HTML_H
#define KC_HTTP_HTML_H

#include "core/buf.h"

void html_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_vprintf(Buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* s escaped; NULL writes nothing. */
void html_text(Buf *b, const char *s);
/* s percent-encoded for a URL query value or path segment (RFC 3986
 * unreserved characters kept); NULL writes nothing. */
void html_urlarg(Buf *b, const char *s);
/* The literal as it is: `html_raw(b, "<br>")`. A variable does not compile. */
#define html_raw(b, literal) html_raw_((b), "" literal "")
void html_raw_(Buf *b, const char *literal);

#endif
