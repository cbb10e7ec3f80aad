/* http_multipart.c — see http_multipart.h. */
#include <string.h>
#include <strings.h>

#include "core/vntext.h"
#include "http/http_multipart.h"

enum { BOUNDARY_MAX = 70 }; /* RFC 2046 */

/* The first needle[0..m) in hay[0..n), or NULL. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
	if (m == 0 || n < m)
		return NULL;
	const char *last = hay + (n - m);
	for (const char *p = hay; p <= last; p++) {
		p = memchr(p, needle[0], (size_t)(last - p) + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, m))
			return p;
	}
	return NULL;
}

static void skip_spaces(const char **s, const char *end)
{
	while (*s < end && (**s == ' ' || **s == '\t'))
		(*s)++;
}

/* The value of parameter want in a header value's "; name=value" list
 * s[0..end) (a quoted value unquoted, backslash escapes kept as what they
 * escape), in arena; NULL when absent or not text. */
static const char *param(const char *s, const char *end, const char *want, Arena *arena)
{
	size_t wlen = strlen(want);
	const char *p = s;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		if (!semi)
			return NULL;
		p = semi + 1;
		skip_spaces(&p, end);
		const char *name = p;
		while (p < end && *p != '=' && *p != ';' && *p != ' ')
			p++;
		size_t nlen = (size_t)(p - name);
		skip_spaces(&p, end);
		if (p >= end || *p != '=')
			continue;
		p++;
		skip_spaces(&p, end);
		char *v = arena_alloc(arena, (size_t)(end - p) + 1);
		size_t k = 0;
		if (p < end && *p == '"') {
			for (p++; p < end && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < end)
					p++;
				v[k++] = *p;
			}
			if (p >= end)
				return NULL; /* an unterminated quote */
			p++;
		} else {
			while (p < end && *p != ';' && *p != ' ' && *p != '\t')
				v[k++] = *p++;
		}
		if (nlen == wlen && !strncasecmp(name, want, wlen))
			return memchr(v, '\0', k) || !vn_utf8_valid(v, k) ? NULL : v;
	}
	return NULL;
}

/* Whether line[0..end) is header name ("Content-Type"); *value receives
 * where its value starts. */
static bool header_is(const char *line, const char *end, const char *name, const char **value)
{
	size_t n = strlen(name);
	if ((size_t)(end - line) <= n || line[n] != ':' || strncasecmp(line, name, n))
		return false;
	*value = line + n + 1;
	skip_spaces(value, end);
	return true;
}

/* The last segment of a path a browser may send as a file name. */
static const char *base_name(const char *s)
{
	const char *slash = strrchr(s, '/'), *back = strrchr(s, '\\');
	const char *cut = slash > back ? slash : back;
	return cut ? cut + 1 : s;
}

/* Reads the headers s[0..end) (each line ending in CRLF) of one part into p. */
static int part_headers(const char *s, const char *end, HttpPart *p, Arena *arena, Err *e)
{
	bool disposition = false;
	while (s < end) {
		const char *eol = find(s, (size_t)(end - s), "\r\n", 2);
		if (!eol)
			eol = end;
		const char *v;
		if (header_is(s, eol, "Content-Disposition", &v)) {
			size_t type = strcspn(v, ";\r");
			if (type < 9 || strncasecmp(v, "form-data", 9))
				return err_set(e, KC_EINVAL,
				        "Biểu mẫu không hợp lệ: một phần không phải form-data");
			disposition = true;
			p->name = param(v, eol, "name", arena);
			const char *file = param(v, eol, "filename", arena);
			p->filename = file ? base_name(file) : NULL;
		} else if (header_is(s, eol, "Content-Type", &v)) {
			p->content_type = arena_strndup(arena, v, (size_t)(eol - v));
		}
		s = eol + 2;
	}
	if (!disposition || !p->name)
		return err_set(e, KC_EINVAL,
		        "Biểu mẫu không hợp lệ: một phần thiếu tên trường (Content-Disposition)");
	return 0;
}

/* The boundary of a multipart/form-data Content-Type into out, as the
 * delimiter "--boundary"; its length, or 0 when there is none. */
static size_t delimiter(const char *content_type, char out[BOUNDARY_MAX + 3], Arena *arena)
{
	if (!content_type || strncasecmp(content_type, "multipart/form-data", 19))
		return 0;
	const char *end = content_type + strlen(content_type);
	const char *b = param(content_type, end, "boundary", arena);
	size_t n = b ? strlen(b) : 0;
	if (n == 0 || n > BOUNDARY_MAX)
		return 0;
	out[0] = out[1] = '-';
	memcpy(out + 2, b, n + 1);
	return n + 2;
}

int http_parse_multipart(const char *body, size_t len, const char *content_type, Arena *arena,
        HttpPart **out, int *n, Err *e)
{
	char delim[BOUNDARY_MAX + 5] = "\r\n";
	size_t dlen = delimiter(content_type, delim + 2, arena);
	*out = NULL;
	*n = 0;
	if (!dlen)
		return err_set(e, KC_EINVAL,
		        "Biểu mẫu gửi tệp cần Content-Type multipart/form-data có boundary");
	const char *end = body + len, *p;
	/* The first delimiter opens the body or follows a preamble and a CRLF. */
	if (len >= dlen && !memcmp(body, delim + 2, dlen))
		p = body + dlen;
	else if ((p = find(body, len, delim, dlen + 2)))
		p += dlen + 2;
	else
		return err_set(e, KC_EINVAL, "Biểu mẫu không hợp lệ: không thấy ranh giới phần");
	HttpPart *v = arena_alloc(arena, HTTP_MULTIPART_MAX_PARTS * sizeof *v);
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break; /* the closing delimiter; an epilogue is ignored */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return err_set(e, KC_EINVAL, "Biểu mẫu không hợp lệ: ranh giới phần sai");
		p += 2;
		if (*n == HTTP_MULTIPART_MAX_PARTS)
			return err_set(e, KC_ETOOBIG, "Biểu mẫu có quá nhiều phần (tối đa %d)",
			        HTTP_MULTIPART_MAX_PARTS);
		size_t room = (size_t)(end - p);
		if (room > HTTP_MULTIPART_MAX_HEADERS + 4)
			room = HTTP_MULTIPART_MAX_HEADERS + 4;
		const char *blank = room >= 2 && p[0] == '\r' && p[1] == '\n'
		                            ? p - 2 /* no headers at all */
		                            : find(p, room, "\r\n\r\n", 4);
		if (!blank)
			return err_set(e, KC_EINVAL,
			        "Biểu mẫu không hợp lệ: phần đầu của một phần quá dài hoặc bị cắt");
		const char *data = blank + 4;
		const char *stop = find(data, (size_t)(end - data), delim, dlen + 2);
		if (!stop)
			return err_set(e, KC_EINVAL,
			        "Biểu mẫu không hợp lệ: thiếu ranh giới kết thúc (tệp bị cắt?)");
		HttpPart *part = &v[*n];
		*part = (HttpPart){.data = data, .len = (size_t)(stop - data)};
		int rc = part_headers(p, blank + 2 > p ? blank + 2 : p, part, arena, e);
		if (rc)
			return rc;
		(*n)++;
		p = stop + dlen + 2;
	}
	*out = v;
	return 0;
}
