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

/* n bytes at the end of b for the caller to fill, or NULL (the Buf's error
 * set). The usual case, room already allocated, is decided here in line:
 * buf_extend's call was a tenth of a đề án list's JSON. */
static inline char *room(Buf *b, size_t n)
{
	if (!b->err && b->cap - b->len > n && n <= b->max - b->len) {
		char *p = b->data + b->len;
		b->len += n;
		p[n] = '\0';
		return p;
	}
	return buf_extend(b, n);
}

static void put_byte(Buf *b, char c)
{
	char *p = room(b, 1);
	if (p)
		*p = c;
}

/* Writes the comma that separates this value from the one before it. */
static void sep(JsonW *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (!w->first[w->depth])
		put_byte(w->b, ',');
	w->first[w->depth] = false;
}

static void begin(JsonW *w, char c)
{
	sep(w);
	if (w->depth == JSON_MAX_DEPTH) {
		w->b->err = KC_ETOOBIG;
		return;
	}
	put_byte(w->b, c);
	w->first[++w->depth] = true;
}

static void end(JsonW *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	put_byte(w->b, c);
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

/* What a byte of a string is to the writer: 0 plain ASCII, 1 to escape
 * (controls, '"', '\\'), 2 the start (or not) of a UTF-8 sequence. */
#define X16(v) v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v
static const unsigned char byte_class[256] = {X16(1), X16(1), 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0,                                                        /* 0x20: '"' */
        X16(0), X16(0), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, /* 0x50: '\\' */
        X16(0), X16(0), X16(2), X16(2), X16(2), X16(2), X16(2), X16(2), X16(2), X16(2)};
#undef X16

/* Whether the eight bytes at u all go out as they are and are ASCII: none
 * below 0x20, none '"' or '\\', none from 0x80. Eight at a time (the
 * classic "has a byte less than n" and "has a zero byte" tests, exact for
 * "any"): keys, codes, dates and the ASCII between a title's letters. */
static inline bool ascii_word(const unsigned char *u)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t v, q, bs;
	memcpy(&v, u, sizeof v);
	q = v ^ (ones * '"');
	bs = v ^ (ones * '\\');
	uint64_t control = (v - ones * 0x20) & ~v;
	uint64_t quote = (q - ones) & ~q;
	uint64_t backslash = (bs - ones) & ~bs;
	return !((control | quote | backslash | v) & high);
}

/* The length of the run of bytes from s that go out as they are: printable
 * ASCII other than '"' and '\\', and well-formed UTF-8 sequences, the
 * Vietnamese letters (two and three bytes) checked in line: a đề án list
 * spent a third of its time here, a function call per letter. */
static size_t plain_run(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	for (;;) {
		while (len - i >= 8 && ascii_word(u + i))
			i += 8;
		while (i < len && !byte_class[u[i]])
			i++;
		if (i == len || byte_class[u[i]] == 1)
			return i;
		unsigned char c = u[i];
		if (c >= 0xC2 && c <= 0xDF && len - i >= 2 && (u[i + 1] & 0xC0) == 0x80) {
			i += 2;
		} else if (c >= 0xE1 && c <= 0xEC && len - i >= 3 && (u[i + 1] & 0xC0) == 0x80 &&
		           (u[i + 2] & 0xC0) == 0x80) {
			i += 3; /* no overlong or surrogate starts with these */
		} else {
			int32_t cp;
			size_t n = vn_utf8_decode(s + i, len - i, &cp);
			if (!n)
				return i;
			i += n;
		}
	}
}

/* The string's text between quotes, escaped: runs of plain bytes are copied
 * whole, the rest one byte at a time. */
static void escaped(Buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = plain_run(s, len);
	if (i == len) { /* the usual case: nothing to escape, one copy */
		char *p = buf_extend(b, len + 2);
		if (p) {
			p[0] = '"';
			memcpy(p + 1, s, len);
			p[len + 1] = '"';
		}
		return;
	}
	buf_putc(b, '"');
	buf_append(b, s, i);
	while (i < len) {
		size_t run = i + plain_run(s + i, len - i);
		buf_append(b, s + i, run - i);
		if ((i = run) == len)
			break;
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			char esc[2] = {'\\', (char)c};
			buf_append(b, esc, 2);
			i++;
		} else if (c < 0x20) {
			char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
			buf_append(b, esc, 6);
			i++;
		} else {
			buf_puts(b, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
			i++;
		}
	}
	buf_putc(b, '"');
}

/* A key (then ':') or a string value, with the comma before it: when
 * nothing needs escaping (known to be plain, or found so), the usual case,
 * all of it in one piece (a list of fifty đề án writes 2 500 of these). */
static void put_string(JsonW *w, const char *s, size_t len, bool key, bool plain)
{
	bool comma = false;
	if (w->after_key)
		w->after_key = false;
	else
		comma = !w->first[w->depth], w->first[w->depth] = false;
	if (plain || plain_run(s, len) == len) {
		char *p = room(w->b, len + 2 + comma + key);
		if (p) {
			if (comma)
				*p++ = ',';
			*p++ = '"';
			memcpy(p, s, len);
			p[len] = '"';
			if (key)
				p[len + 1] = ':';
		}
	} else {
		if (comma)
			buf_putc(w->b, ',');
		escaped(w->b, s, len);
		if (key)
			buf_putc(w->b, ':');
	}
	w->after_key = key;
}

void json_key(JsonW *w, const char *key)
{
	put_string(w, key, strlen(key), true, false);
}

void json_key_ident(JsonW *w, const char *key, size_t len)
{
	put_string(w, key, len, true, true);
}

void json_str(JsonW *w, const char *s, size_t len)
{
	put_string(w, s, len, false, false);
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
	/* By hand, two digits a division: vsnprintf was a tenth of a đề án's
	 * answer, and years, ids and versions are two to five digits. */
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
	                            "25262728293031323334353637383940414243444546474849"
	                            "50515253545556575859606162636465666768697071727374"
	                            "75767778798081828384858687888990919293949596979899";
	char digits[24];
	size_t n = sizeof digits;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	while (u >= 100) {
		unsigned k = (unsigned)(u % 100) * 2;
		u /= 100;
		digits[--n] = pairs[k + 1];
		digits[--n] = pairs[k];
	}
	if (u >= 10) {
		digits[--n] = pairs[u * 2 + 1];
		digits[--n] = pairs[u * 2];
	} else {
		digits[--n] = (char)('0' + u);
	}
	if (v < 0)
		digits[--n] = '-';
	sep(w);
	char *p = room(w->b, sizeof digits - n);
	if (p)
		memcpy(p, digits + n, sizeof digits - n);
}

/* A literal: true, false, null. */
static void put_word(JsonW *w, const char *word, size_t len)
{
	sep(w);
	char *p = room(w->b, len);
	if (p)
		memcpy(p, word, len);
}

void json_bool(JsonW *w, bool v)
{
	if (v)
		put_word(w, "true", 4);
	else
		put_word(w, "false", 5);
}

void json_null(JsonW *w)
{
	put_word(w, "null", 4);
}
