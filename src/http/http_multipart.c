/* http_multipart.c — see http_multipart.h. */
#include "http/http_multipart.h"

#include <string.h>
#include <strings.h>

#include "core/vntext.h"

enum { BOUNDARY_MAX = 70 }; /* RFC 2046 §5.1.1 */

/* A slice of the body. */
typedef struct Slice {
	const char *p;
	size_t n;
} Slice;

bool http_is_multipart(const char *t)
{
	return t && !strncasecmp(t, "multipart/form-data", 19) &&
	       (t[19] == '\0' || t[19] == ';' || t[19] == ' ');
}

/* "--" and the boundary parameter of content type t into out; 0, or -1
 * when there is none or it is too long. */
static int delimiter_of(const char *t, char out[BOUNDARY_MAX + 3], size_t *n)
{
	for (const char *p = strchr(t, ';'); p; p = strchr(p + 1, ';')) {
		const char *q = p + 1;
		q += strspn(q, " \t");
		if (strncasecmp(q, "boundary=", 9))
			continue;
		q += 9;
		size_t len;
		if (*q == '"') {
			len = strcspn(++q, "\"");
			if (q[len] != '"')
				return -1;
		} else {
			len = strcspn(q, "; \t");
		}
		if (len < 1 || len > BOUNDARY_MAX)
			return -1;
		out[0] = out[1] = '-';
		memcpy(out + 2, q, len);
		out[len + 2] = '\0';
		*n = len + 2;
		return 0;
	}
	return -1;
}

/* The first needle[0..n) in s, or NULL (memmem is a GNU extension). */
static const char *find(Slice s, const char *needle, size_t n)
{
	for (const char *p = s.p, *end = s.p + s.n; n && (size_t)(end - p) >= n; p++) {
		p = memchr(p, needle[0], (size_t)(end - p) - n + 1);
		if (!p)
			return NULL;
		if (!memcmp(p, needle, n))
			return p;
	}
	return NULL;
}

/* The value of parameter key ("name", "filename") of a Content-Disposition
 * header's value h: quoted or a token. */
static bool disposition_param(Slice h, const char *key, Slice *out)
{
	size_t klen = strlen(key);
	for (size_t i = 0; i < h.n; i++) {
		if (h.p[i] != ';')
			continue;
		size_t j = i + 1;
		while (j < h.n && (h.p[j] == ' ' || h.p[j] == '\t'))
			j++;
		if (h.n - j <= klen || strncasecmp(h.p + j, key, klen) || h.p[j + klen] != '=')
			continue;
		j += klen + 1;
		size_t k = j;
		if (j < h.n && h.p[j] == '"') {
			for (k = ++j; k < h.n && h.p[k] != '"'; k++)
				;
			if (k == h.n)
				return false;
		} else {
			while (k < h.n && h.p[k] != ';' && h.p[k] != ' ')
				k++;
		}
		*out = (Slice){h.p + j, k - j};
		return true;
	}
	return false;
}

/* One part's headers: the field name, whether it is a file and its name,
 * and its Content-Type. */
typedef struct PartHead {
	Slice name, file_name, type;
	bool has_name, is_file;
} PartHead;

static void read_headers(Slice h, PartHead *ph)
{
	*ph = (PartHead){0};
	while (h.n) {
		const char *eol = find(h, "\r\n", 2);
		Slice line = {h.p, eol ? (size_t)(eol - h.p) : h.n};
		h.p += line.n + (eol ? 2 : 0);
		h.n -= line.n + (eol ? 2 : 0);
		const char *colon = memchr(line.p, ':', line.n);
		if (!colon)
			continue;
		size_t nlen = (size_t)(colon - line.p);
		Slice value = {colon + 1, line.n - nlen - 1};
		while (value.n && (*value.p == ' ' || *value.p == '\t'))
			value.p++, value.n--;
		if (nlen == 19 && !strncasecmp(line.p, "Content-Disposition", 19)) {
			ph->has_name = disposition_param(value, "name", &ph->name);
			ph->is_file = disposition_param(value, "filename", &ph->file_name);
		} else if (nlen == 12 && !strncasecmp(line.p, "Content-Type", 12)) {
			ph->type = value;
		}
	}
}

/* s as NFC text in arena; NULL when it is not UTF-8 or holds a NUL. */
static const char *text_of(Slice s, Arena *arena, Err *e)
{
	if (memchr(s.p, '\0', s.n))
		return NULL;
	Buf b;
	buf_init(&b, s.n * 3 + 16);
	const char *out = vn_nfc(&b, s.p, s.n, e) ? NULL : arena_strndup(arena, b.data, b.len);
	buf_free(&b);
	return out;
}

/* Keeps the last component of a path some browsers send ("C:\a\b.pdf"). */
static Slice base_name(Slice s)
{
	for (size_t i = s.n; i > 0; i--)
		if (s.p[i - 1] == '/' || s.p[i - 1] == '\\')
			return (Slice){s.p + i, s.n - i};
	return s;
}

static int bad(Err *e, const char *why)
{
	return err_set(e, KC_EINVAL, "Biểu mẫu gửi tệp không hợp lệ: %s", why);
}

/* Adds the part with headers ph and content c to the fields or the files. */
static int add_part(const PartHead *ph, Slice c, Arena *arena, HttpPair *fields, int *nf,
        HttpFile *files, int *nfiles, Err *e)
{
	Err ignored = {0};
	const char *name = ph->has_name ? text_of(ph->name, arena, &ignored) : NULL;
	if (!name || !*name)
		return bad(e, "một phần không có tên trường");
	if (ph->is_file) {
		const char *file_name = text_of(base_name(ph->file_name), arena, &ignored);
		if (!file_name)
			return bad(e, "tên tệp không phải UTF-8");
		const char *type = ph->type.n ? text_of(ph->type, arena, &ignored) : NULL;
		files[(*nfiles)++] = (HttpFile){
		        name, file_name, type ? type : "application/octet-stream", c.p, c.n};
		return 0;
	}
	const char *value = text_of(c, arena, &ignored);
	if (!value)
		return bad(e, "một trường không phải văn bản UTF-8");
	fields[(*nf)++] = (HttpPair){name, value};
	return 0;
}

int http_parse_multipart(const char *content_type, const char *body, size_t len, Arena *arena,
        HttpPair **fields, int *n_fields, HttpFile **files, int *n_files, Err *e)
{
	char delim[BOUNDARY_MAX + 3];
	size_t dn;
	*fields = NULL, *files = NULL;
	*n_fields = *n_files = 0;
	if (!http_is_multipart(content_type) || delimiter_of(content_type, delim, &dn))
		return bad(e, "thiếu boundary");
	Slice rest = {body, len};
	int parts = 0;
	for (const char *p = find(rest, delim, dn); p;
	        p = find((Slice){p + dn, len - (size_t)(p + dn - body)}, delim, dn))
		if (++parts > HTTP_MAX_FORM + 1)
			return err_set(e, KC_ETOOBIG, "Biểu mẫu có quá nhiều trường (tối đa %d)",
			        HTTP_MAX_FORM);
	*fields = arena_alloc(arena, (size_t)(parts + 1) * sizeof **fields);
	*files = arena_alloc(arena, (size_t)(parts + 1) * sizeof **files);
	const char *p = find(rest, delim, dn);
	if (!p)
		return bad(e, "không có phần nào");
	for (;;) {
		p += dn;
		Slice s = {p, len - (size_t)(p - body)};
		if (s.n >= 2 && !memcmp(s.p, "--", 2))
			return 0; /* the close delimiter; an epilogue is ignored */
		while (s.n && (*s.p == ' ' || *s.p == '\t'))
			s.p++, s.n--;
		if (s.n < 2 || memcmp(s.p, "\r\n", 2))
			return bad(e, "sau boundary thiếu xuống dòng");
		s.p += 2, s.n -= 2;
		Slice head = {s.p, 0};
		if (s.n >= 2 && !memcmp(s.p, "\r\n", 2)) {
			s.p += 2, s.n -= 2; /* a part without headers */
		} else {
			const char *h = find(s, "\r\n\r\n", 4);
			if (!h)
				return bad(e, "phần không có tiêu đề");
			head.n = (size_t)(h - s.p);
			s.p = h + 4, s.n -= head.n + 4;
		}
		/* The content ends at CRLF and the next delimiter. */
		const char *next = NULL;
		for (Slice t = s; !next && (next = find(t, "\r\n--", 4));) {
			if ((size_t)(body + len - next) >= dn + 2 && !memcmp(next + 2, delim, dn))
				break;
			t = (Slice){next + 1, (size_t)(body + len - next - 1)};
			next = NULL;
		}
		if (!next)
			return bad(e, "thiếu boundary kết thúc");
		PartHead ph;
		read_headers(head, &ph);
		int rc = add_part(&ph, (Slice){s.p, (size_t)(next - s.p)}, arena, *fields, n_fields,
		        *files, n_files, e);
		if (rc)
			return rc;
		p = next + 2;
	}
}
