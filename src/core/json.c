/* json.c — see json.h. */
#include "json.h"

#include <string.h>

#include "err.h"
#include "vntext.h"

void json_init(JsonW *w, Buf *b)
{
	*w = (JsonW){.b = b};
	w->first[0] = true;
}

/* Writes the comma that separates this value from the one before it. */
static void sep(JsonW *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		buf_putc(w->b, ',');
	w->first[w->depth] = false;
}

static void begin(JsonW *w, char c)
{
	sep(w);
	if (w->depth == JSON_MAX_DEPTH) {
		w->b->err = KC_ETOOBIG;
		return;
	}
	buf_putc(w->b, c);
	w->first[++w->depth] = true;
}

static void end(JsonW *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	buf_putc(w->b, c);
}

void json_obj(JsonW *w)
{
	begin(w, '{');
}

void json_obj_end(JsonW *w)
{
	end(w, '}');
}

void json_arr(JsonW *w)
{
	begin(w, '[');
}

void json_arr_end(JsonW *w)
{
	end(w, ']');
}

/* The string's text between quotes, escaped: runs of plain bytes are copied
 * whole, the rest one character at a time. */
static void escaped(Buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0;
	buf_putc(b, '"');
	while (i < len) {
		size_t run = i;
		while (run < len && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x80 &&
		        s[run] != '"' && s[run] != '\\')
			run++;
		buf_append(b, s + i, run - i);
		if ((i = run) == len)
			break;
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t n;
		if (c == '"' || c == '\\') {
			char esc[2] = {'\\', (char)c};
			buf_append(b, esc, 2);
			i++;
		} else if (c < 0x20) {
			char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			buf_append(b, esc, 6);
			i++;
		} else if ((n = vn_utf8_decode(s + i, len - i, &cp)) > 0) {
			buf_append(b, s + i, n);
			i += n;
		} else {
			buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
			i++;
		}
	}
	buf_putc(b, '"');
}

void json_key(JsonW *w, const char *key)
{
	sep(w);
	escaped(w->b, key, strlen(key));
	buf_putc(w->b, ':');
	w->after_key = true;
}

void json_str(JsonW *w, const char *s, size_t len)
{
	sep(w);
	escaped(w->b, s, len);
}

void json_cstr(JsonW *w, const char *s)
{
	if (s)
		json_str(w, s, strlen(s));
	else
		json_null(w);
}

void json_int(JsonW *w, int64_t v)
{
	/* By hand: vsnprintf was a tenth of a đề án's answer. */
	char digits[24];
	size_t n = sizeof digits;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	do
		digits[--n] = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		digits[--n] = '-';
	sep(w);
	buf_append(w->b, digits + n, sizeof digits - n);
}

void json_bool(JsonW *w, bool v)
{
	sep(w);
	buf_puts(w->b, v ? "true" : "false");
}

void json_null(JsonW *w)
{
	sep(w);
	buf_puts(w->b, "null");
}
