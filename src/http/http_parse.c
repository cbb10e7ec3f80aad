/* http_parse.c — requests and responses as plain data: limits, headers,
 * query strings, cookies, and the raw HTTP/1.1 text of test-http. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/vntext.h"
#include "http/http.h"

HttpLimits http_limits(void)
{
	return (HttpLimits){
	        .header_bytes = 16 * 1024,
	        .body_bytes = 1024 * 1024,
	        .upload_bytes = 64 * 1024 * 1024,
	        .json_depth = 16,
	        .json_strings = 64 * 1024,
	        .req_seconds = 30,
	};
}

void http_res_init(HttpRes *r, size_t max)
{
	*r = (HttpRes){0};
	buf_init(&r->body, max);
}

void http_res_free(HttpRes *r)
{
	buf_free(&r->body);
}

int http_res_header(HttpRes *r, const char *name, const char *value)
{
	if (r->n_headers >= HTTP_MAX_RES_HEADERS)
		return KC_ETOOBIG;
	r->headers[r->n_headers++] = (HttpPair){name, value};
	return 0;
}

int http_res_set(HttpRes *r, const char *name, const char *value)
{
	for (int i = 0; i < r->n_headers; i++)
		if (!strcasecmp(r->headers[i].name, name)) {
			r->headers[i].value = value;
			return 0;
		}
	return http_res_header(r, name, value);
}

const char *http_res_get(const HttpRes *r, const char *name)
{
	for (int i = 0; i < r->n_headers; i++)
		if (!strcasecmp(r->headers[i].name, name))
			return r->headers[i].value;
	return NULL;
}

const char *http_header(const HttpReq *q, const char *name)
{
	for (int i = 0; i < q->n_headers; i++)
		if (!strcasecmp(q->headers[i].name, name))
			return q->headers[i].value;
	return NULL;
}

const char *http_query(const HttpReq *q, const char *name, int *count)
{
	const char *first = NULL;
	int n = 0;
	for (int i = 0; i < q->n_query; i++) {
		if (strcmp(q->query[i].name, name))
			continue;
		if (!n++)
			first = q->query[i].value;
	}
	if (count)
		*count = n;
	return first;
}

const char *http_cookie(const HttpReq *q, const char *name, Arena *arena)
{
	const char *h = http_header(q, "Cookie");
	size_t nlen = strlen(name);
	while (h && *h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *end = strchr(h, ';');
		size_t len = end ? (size_t)(end - h) : strlen(h);
		if (len > nlen && h[nlen] == '=' && !strncmp(h, name, nlen)) {
			size_t vlen = len - nlen - 1;
			while (vlen && h[nlen + vlen] == ' ')
				vlen--;
			return arena_strndup(arena, h + nlen + 1, vlen);
		}
		h = end;
	}
	return NULL;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *http_decode(const char *s, size_t len, bool plus, Arena *arena)
{
	char *out = arena_alloc(arena, len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c == '%') {
			if (len - i < 3)
				return NULL;
			int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			c = (char)(hi << 4 | lo);
			i += 2;
		} else if (c == '+' && plus) {
			c = ' ';
		} else if (c == '\0') {
			return NULL;
		}
		out[n++] = c;
	}
	out[n] = '\0';
	return vn_utf8_valid(out, n) ? out : NULL;
}

int http_parse_query(HttpReq *q, const char *qs, size_t len, Arena *arena, Err *e)
{
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && qs[end] != '&')
			end++;
		if (end > i) {
			size_t eq = i;
			while (eq < end && qs[eq] != '=')
				eq++;
			if (q->n_query >= HTTP_MAX_QUERY)
				return err_set(e, KC_ETOOBIG,
				        "Quá nhiều tham số trong địa chỉ (tối đa %d)",
				        HTTP_MAX_QUERY);
			char *name = http_decode(qs + i, eq - i, true, arena);
			char *value = eq < end ? http_decode(qs + eq + 1, end - eq - 1, true, arena)
			                       : arena_strdup(arena, "");
			if (!name || !value)
				return err_set(e, KC_EINVAL,
				        "Tham số trong địa chỉ không hợp lệ: mã %%XX sai hoặc không phải UTF-8");
			q->query[q->n_query++] = (HttpPair){name, value};
		}
		i = end + 1;
	}
	return 0;
}

/* The next line of raw[*pos..len), without its CRLF or LF; NULL at the end
 * of the text before a line break. */
static const char *next_line(const char *raw, size_t len, size_t *pos, size_t *line_len)
{
	const char *nl = memchr(raw + *pos, '\n', len - *pos);
	if (!nl)
		return NULL;
	const char *line = raw + *pos;
	size_t n = (size_t)(nl - line);
	if (n && line[n - 1] == '\r')
		n--;
	*line_len = n;
	*pos = (size_t)(nl - raw) + 1;
	return line;
}

static bool is_token(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= ' ' || c >= 127 || strchr("()<>@,;:\\\"/[]?={}", c))
			return false;
	}
	return true;
}

static int parse_request_line(HttpReq *q, const char *line, size_t n, Arena *arena, Err *e)
{
	const char *sp1 = memchr(line, ' ', n);
	const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', n - (size_t)(sp1 + 1 - line)) : NULL;
	if (!sp1 || !sp2 || !is_token(line, (size_t)(sp1 - line)))
		return err_set(e, KC_EINVAL, "Dòng yêu cầu HTTP không hợp lệ");
	size_t vlen = n - (size_t)(sp2 + 1 - line);
	if (vlen != 8 || strncmp(sp2 + 1, "HTTP/1.", 7) || (sp2[8] != '0' && sp2[8] != '1'))
		return err_set(e, KC_EINVAL, "Chỉ hỗ trợ HTTP/1.0 và HTTP/1.1");
	q->method = arena_strndup(arena, line, (size_t)(sp1 - line));
	const char *target = sp1 + 1;
	size_t tlen = (size_t)(sp2 - target);
	if (!tlen || target[0] != '/')
		return err_set(e, KC_EINVAL, "Đường dẫn yêu cầu phải bắt đầu bằng '/'");
	const char *qmark = memchr(target, '?', tlen);
	size_t plen = qmark ? (size_t)(qmark - target) : tlen;
	q->path = http_decode(target, plen, false, arena);
	if (!q->path)
		return err_set(e, KC_EINVAL, "Đường dẫn yêu cầu không hợp lệ");
	if (qmark)
		return http_parse_query(q, qmark + 1, tlen - plen - 1, arena, e);
	return 0;
}

static int parse_header(HttpReq *q, const char *line, size_t n, Arena *arena, Err *e)
{
	const char *colon = memchr(line, ':', n);
	if (!colon || !is_token(line, (size_t)(colon - line)))
		return err_set(e, KC_EINVAL, "Dòng tiêu đề HTTP không hợp lệ");
	if (q->n_headers >= HTTP_MAX_HEADERS)
		return err_field(e, "headers", KC_ETOOBIG, "Quá nhiều tiêu đề HTTP (tối đa %d)",
		        HTTP_MAX_HEADERS);
	const char *v = colon + 1;
	size_t vlen = n - (size_t)(v - line);
	while (vlen && (*v == ' ' || *v == '\t'))
		v++, vlen--;
	while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
		vlen--;
	for (size_t i = 0; i < vlen; i++)
		if (v[i] == '\0' || v[i] == '\r')
			return err_set(e, KC_EINVAL, "Giá trị tiêu đề HTTP không hợp lệ");
	q->headers[q->n_headers++] = (HttpPair){
	        arena_strndup(arena, line, (size_t)(colon - line)), arena_strndup(arena, v, vlen)};
	return 0;
}

/* Content-Length as a number no larger than max; -1 when absent. */
static int body_length(const HttpReq *q, size_t *out, Err *e)
{
	const char *cl = http_header(q, "Content-Length");
	*out = 0;
	if (http_header(q, "Transfer-Encoding"))
		return err_set(e, KC_EINVAL, "test-http không hỗ trợ Transfer-Encoding");
	if (!cl)
		return 0;
	size_t v = 0;
	if (!*cl)
		return err_set(e, KC_EINVAL, "Content-Length không hợp lệ");
	for (const char *p = cl; *p; p++) {
		if (*p < '0' || *p > '9' || v > (SIZE_MAX - 9) / 10)
			return err_set(e, KC_EINVAL, "Content-Length không hợp lệ");
		v = v * 10 + (size_t)(*p - '0');
	}
	*out = v;
	return 0;
}

int http_parse_raw(
        HttpReq *q, const char *raw, size_t len, const HttpLimits *lim, Arena *arena, Err *e)
{
	*q = (HttpReq){0};
	size_t pos = 0, n = 0;
	const char *line = next_line(raw, len, &pos, &n);
	if (!line)
		return err_set(e, KC_EINVAL, "Yêu cầu HTTP thiếu dòng yêu cầu");
	int rc = parse_request_line(q, line, n, arena, e);
	for (;;) {
		if (rc)
			return rc;
		if (pos > lim->header_bytes)
			return err_field(e, "headers", KC_ETOOBIG,
			        "Phần tiêu đề HTTP quá lớn (tối đa %zu byte)", lim->header_bytes);
		line = next_line(raw, len, &pos, &n);
		if (!line)
			return err_set(e, KC_EINVAL, "Yêu cầu HTTP thiếu dòng trống sau tiêu đề");
		if (!n)
			break;
		rc = parse_header(q, line, n, arena, e);
	}
	size_t blen;
	if ((rc = body_length(q, &blen, e)))
		return rc;
	size_t max = lim->upload_bytes > lim->body_bytes ? lim->upload_bytes : lim->body_bytes;
	if (blen > max)
		return err_field(
		        e, "body", KC_ETOOBIG, "Nội dung yêu cầu quá lớn (tối đa %zu byte)", max);
	if (blen > len - pos)
		return err_set(e, KC_EINVAL, "Nội dung yêu cầu ngắn hơn Content-Length");
	q->body = arena_strndup(arena, raw + pos, blen);
	q->body_len = blen;
	return 0;
}

const char *http_reason(int status)
{
	static const struct {
		int status;
		const char *reason;
	} reasons[] = {
	        {200, "OK"},
	        {201, "Created"},
	        {204, "No Content"},
	        {304, "Not Modified"},
	        {400, "Bad Request"},
	        {401, "Unauthorized"},
	        {403, "Forbidden"},
	        {404, "Not Found"},
	        {405, "Method Not Allowed"},
	        {409, "Conflict"},
	        {412, "Precondition Failed"},
	        {413, "Content Too Large"},
	        {415, "Unsupported Media Type"},
	        {422, "Unprocessable Content"},
	        {429, "Too Many Requests"},
	        {431, "Request Header Fields Too Large"},
	        {500, "Internal Server Error"},
	        {503, "Service Unavailable"},
	};
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}

void http_res_raw(const HttpRes *r, Buf *out)
{
	buf_printf(out, "HTTP/1.1 %d %s\r\n", r->status, http_reason(r->status));
	if (r->content_type)
		buf_printf(out, "Content-Type: %s\r\n", r->content_type);
	buf_printf(out, "Content-Length: %zu\r\n", r->body.len);
	for (int i = 0; i < r->n_headers; i++)
		buf_printf(out, "%s: %s\r\n", r->headers[i].name, r->headers[i].value);
	buf_puts(out, "\r\n");
	buf_append(out, buf_cstr(&r->body), r->body.len);
}

int http_parse_form(const char *body, size_t len, Arena *arena, HttpPair **out, int *n, Err *e)
{
	int max = 1;
	for (size_t i = 0; i < len; i++)
		max += body[i] == '&';
	if (max > HTTP_MAX_FORM)
		return err_set(
		        e, KC_ETOOBIG, "Biểu mẫu có quá nhiều trường (tối đa %d)", HTTP_MAX_FORM);
	HttpPair *v = arena_alloc(arena, (size_t)max * sizeof *v);
	int count = 0;
	Buf nfc;
	buf_init(&nfc, len + 16);
	size_t i = 0;
	int rc = 0;
	while (i < len && !rc) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		size_t eq = i;
		while (eq < end && body[eq] != '=')
			eq++;
		char *name = end > i ? http_decode(body + i, eq - i, true, arena) : NULL;
		char *value = eq < end ? http_decode(body + eq + 1, end - eq - 1, true, arena)
		                       : arena_strdup(arena, "");
		if (end > i && (!name || !value))
			rc = err_set(e, KC_EINVAL,
			        "Biểu mẫu không hợp lệ: mã %%XX sai hoặc không phải UTF-8");
		if (end > i && !rc) {
			buf_reset(&nfc);
			rc = vn_nfc(&nfc, value, strlen(value), e);
			if (!rc)
				v[count++] = (HttpPair){
				        name, arena_strndup(arena, buf_cstr(&nfc), nfc.len)};
		}
		i = end + 1;
	}
	buf_free(&nfc);
	*out = v;
	*n = count;
	return rc;
}
