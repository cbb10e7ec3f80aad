/* io_xlsx.c — see io_xlsx.h. */
#define _GNU_SOURCE /* memmem */
#include "io/io_xlsx.h"

#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "core/vntext.h"
#include "io/io_encoding.h"

enum { CHUNK = 1 << 16, SCAN_KEEP = 16, MAX_RELS = 4096, MAX_FORMATS = 65536 };

typedef struct Sheet {
	char *name, *path;
} Sheet;

typedef struct Rel {
	char *id, *target, *type;
} Rel;

/* A merged range, and where its first cell's value was kept. */
typedef struct Merge {
	int64_t r1, r2;
	int c1, c2;
	size_t at, len;
	IoCellType type;
	bool have;
} Merge;

typedef struct IoXlsx IoXlsx;
typedef void (*OnStart)(IoXlsx *x, const char *el, const XML_Char **atts);
typedef void (*OnEnd)(IoXlsx *x, const char *el);

struct IoXlsx {
	zip_t *zip;
	char *name;
	IoLimits lim;
	IoDecoder *legacy; /* set when strings are legacy-font text */
	IoEncoding enc;
	Sheet *sheets;
	int nsheets;
	Rel *rels;
	int nrels;
	char *workbook; /* the workbook part's path */
	/* shared strings: NUL-terminated, one after the other */
	Buf strings;
	size_t *str_at;
	int64_t nstr, str_cap;
	/* styles */
	int *date_fmts; /* custom number formats that show dates */
	int ndate_fmts;
	bool *xf_date; /* by cell style index */
	int nxf;
	bool in_cellxfs, date1904;
	/* the part being parsed */
	XML_Parser p;
	const char *part;
	int depth;
	Err perr; /* what stopped the parser, if we did */
	OnStart on_start;
	OnEnd on_end;
	bool in_si, in_t, in_rph, in_v, in_is, in_c;
	/* the sheet being read */
	zip_file_t *zf;
	char *sheet_part;
	int64_t entry_size, entry_read;
	bool entry_eof, suspended, done;
	char *chunk;
	IoRowBuf rb;
	int64_t rowno, rows_out;
	int col, next_col, style;
	char ctype[16];
	Buf val;
	/* merged ranges of the sheet, by first row */
	Merge *merges;
	int nmerges, mnext;
	int *active;
	int nactive;
	Buf merge_text;
};

/* ---- Errors ------------------------------------------------------------------------ */

static const char *q_name(const IoXlsx *x, char q[VN_QUOTE_MAX])
{
	return vn_quote(q, VN_QUOTE_MAX, x->name, strlen(x->name));
}

/* Stops the parser with a message about the part being read. */
static void fail(IoXlsx *x, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fail(IoXlsx *x, int code, const char *fmt, ...)
{
	if (x->perr.code)
		return;
	char why[400], q[VN_QUOTE_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	err_set(&x->perr, code, "Tệp '%s', phần '%s': %s", q_name(x, q), x->part, why);
	XML_StopParser(x->p, XML_FALSE);
}

/* The error of a parse that failed: ours, or expat's with its place. */
static int parse_error(IoXlsx *x, Err *e)
{
	if (x->perr.code) {
		if (e)
			*e = x->perr;
		return x->perr.code;
	}
	char q[VN_QUOTE_MAX];
	return err_set(e, KC_EINVAL,
	        "Tệp '%s', phần '%s': XML hỏng ở dòng %lu, cột %lu (%s); tệp bị cắt cụt hoặc"
	        " không do Excel tạo ra",
	        q_name(x, q), x->part, (unsigned long)XML_GetCurrentLineNumber(x->p),
	        (unsigned long)XML_GetCurrentColumnNumber(x->p),
	        XML_ErrorString(XML_GetErrorCode(x->p)));
}

static int zip_failed(IoXlsx *x, const char *part, const char *why, Err *e)
{
	char q[VN_QUOTE_MAX];
	return err_set(
	        e, KC_EINVAL, "Tệp '%s', phần '%s' hỏng khi giải nén: %s", q_name(x, q), part, why);
}

/* ---- Expat plumbing ---------------------------------------------------------------- */

static const char *local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

static const char *attr(const XML_Char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(local(atts[i]), name))
			return atts[i + 1];
	return NULL;
}

static void XMLCALL start_el(void *ud, const XML_Char *name, const XML_Char **atts)
{
	IoXlsx *x = ud;
	if (x->perr.code)
		return;
	if (++x->depth > x->lim.xml_depth) {
		fail(x, KC_ETOOBIG, "XML lồng nhau quá %d tầng", x->lim.xml_depth);
		return;
	}
	if (x->on_start)
		x->on_start(x, local(name), atts);
}

static void XMLCALL end_el(void *ud, const XML_Char *name)
{
	IoXlsx *x = ud;
	x->depth--;
	if (!x->perr.code && x->on_end)
		x->on_end(x, local(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
	IoXlsx *x = ud;
	if (x->perr.code)
		return;
	if (x->in_si && x->in_t && !x->in_rph)
		buf_append(&x->strings, s, (size_t)len);
	else if (x->in_c && (x->in_v || (x->in_is && x->in_t && !x->in_rph)))
		buf_append(&x->val, s, (size_t)len);
}

static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
        const XML_Char *pubid, int has_internal)
{
	(void)name, (void)sysid, (void)pubid, (void)has_internal;
	fail(ud, KC_EINVAL, "có khai báo DTD (DOCTYPE), không được phép trong tệp .xlsx");
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int pe, const XML_Char *value,
        int len, const XML_Char *base, const XML_Char *sysid, const XML_Char *pubid,
        const XML_Char *notation)
{
	(void)name, (void)pe, (void)value, (void)len, (void)base, (void)sysid, (void)pubid,
	        (void)notation;
	fail(ud, KC_EINVAL, "có khai báo thực thể XML, không được phép trong tệp .xlsx");
}

static void new_parser(IoXlsx *x, const char *part, OnStart s, OnEnd en)
{
	x->p = XML_ParserCreateNS(NULL, '|');
	if (!x->p)
		abort();
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start_el, end_el);
	XML_SetCharacterDataHandler(x->p, on_text);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	XML_SetEntityDeclHandler(x->p, on_entity);
	x->part = part;
	x->depth = 0;
	x->on_start = s;
	x->on_end = en;
	err_clear(&x->perr);
	x->in_si = x->in_t = x->in_rph = x->in_v = x->in_is = x->in_c = false;
}

static void free_parser(IoXlsx *x)
{
	if (x->p)
		XML_ParserFree(x->p);
	x->p = NULL;
}

/* ---- Archive members --------------------------------------------------------------- */

/* Opens member path (case ignored); *zf NULL with 0 when it is missing. */
static int open_member(IoXlsx *x, const char *path, zip_file_t **zf, int64_t *size, Err *e)
{
	*zf = NULL;
	zip_int64_t i = zip_name_locate(x->zip, path, ZIP_FL_NOCASE);
	if (i < 0)
		return 0;
	zip_stat_t st;
	zip_stat_init(&st);
	if (zip_stat_index(x->zip, (zip_uint64_t)i, 0, &st))
		return zip_failed(x, path, zip_strerror(x->zip), e);
	*size = (st.valid & ZIP_STAT_SIZE) ? (int64_t)st.size : x->lim.entry_bytes;
	if (!(*zf = zip_fopen_index(x->zip, (zip_uint64_t)i, 0)))
		return zip_failed(x, path, zip_strerror(x->zip), e);
	return 0;
}

/* Reads the next piece of member zf into buf; *n 0 at its end. A member
 * that unpacks to more than it declared is corrupt: this is what stops a
 * zip bomb whose directory lies. */
static int read_member(IoXlsx *x, zip_file_t *zf, const char *part, int64_t size, int64_t *done,
        char *buf, size_t cap, size_t *n, Err *e)
{
	zip_int64_t got = zip_fread(zf, buf, cap);
	if (got < 0)
		return zip_failed(x, part, zip_file_strerror(zf), e);
	*done += got;
	if (*done > size)
		return zip_failed(x, part, "giải nén ra nhiều hơn kích thước khai báo", e);
	*n = (size_t)got;
	return 0;
}

/* Parses a whole member with the handlers; a missing member is KC_ENOTFOUND
 * (no message) unless required. */
static int parse_member(IoXlsx *x, const char *path, bool required, OnStart s, OnEnd en, Err *e)
{
	zip_file_t *zf;
	int64_t size = 0, done = 0;
	int rc = open_member(x, path, &zf, &size, e);
	if (rc)
		return rc;
	if (!zf) {
		char q[VN_QUOTE_MAX];
		return required
		               ? err_set(e, KC_EINVAL,
		                         "Tệp '%s' không phải bảng tính Excel hợp lệ: thiếu phần '%s'",
		                         q_name(x, q), path)
		               : KC_ENOTFOUND;
	}
	new_parser(x, path, s, en);
	size_t n;
	do {
		if ((rc = read_member(x, zf, path, size, &done, x->chunk, CHUNK, &n, e)))
			break;
		if (XML_Parse(x->p, x->chunk, (int)n, n == 0) == XML_STATUS_ERROR)
			rc = parse_error(x, e);
	} while (rc == 0 && n > 0);
	free_parser(x);
	zip_fclose(zf);
	return rc;
}

/* ---- Package structure: relationships, workbook ------------------------------------- */

static char *xstrdup(const char *s)
{
	char *d = strdup(s ? s : "");
	if (!d)
		abort();
	return d;
}

static void free_rels(IoXlsx *x)
{
	for (int i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].target);
		free(x->rels[i].type);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

static void rel_start(IoXlsx *x, const char *el, const XML_Char **atts)
{
	if (strcmp(el, "Relationship"))
		return;
	if (x->nrels == MAX_RELS) {
		fail(x, KC_ETOOBIG, "quá %d quan hệ", MAX_RELS);
		return;
	}
	Rel *r = realloc(x->rels, (size_t)(x->nrels + 1) * sizeof *r);
	if (!r)
		abort();
	x->rels = r;
	r[x->nrels++] = (Rel){xstrdup(attr(atts, "Id")), xstrdup(attr(atts, "Target")),
	        xstrdup(attr(atts, "Type"))};
}

/* The member a relationship's target names, relative to folder dir ("xl/")
 * unless it starts with '/'. */
static char *resolve(const char *dir, const char *target)
{
	Buf b;
	buf_init(&b, 4096);
	if (target[0] == '/')
		buf_puts(&b, target + 1);
	else {
		buf_puts(&b, dir);
		while (!strncmp(target, "./", 2))
			target += 2;
		buf_puts(&b, target);
	}
	char *s = buf_err(&b) ? xstrdup("") : xstrdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

static const Rel *rel_of_type(const IoXlsx *x, const char *type)
{
	size_t n = strlen(type);
	for (int i = 0; i < x->nrels; i++) {
		size_t m = strlen(x->rels[i].type);
		if (m >= n && !strcmp(x->rels[i].type + m - n, type))
			return &x->rels[i];
	}
	return NULL;
}

static const Rel *rel_by_id(const IoXlsx *x, const char *id)
{
	for (int i = 0; id && i < x->nrels; i++)
		if (!strcmp(x->rels[i].id, id))
			return &x->rels[i];
	return NULL;
}

static void workbook_start(IoXlsx *x, const char *el, const XML_Char **atts)
{
	if (!strcmp(el, "workbookPr")) {
		const char *d = attr(atts, "date1904");
		x->date1904 = d && (!strcmp(d, "1") || !strcasecmp(d, "true"));
	} else if (!strcmp(el, "sheet")) {
		if (x->nsheets == x->lim.sheets) {
			fail(x, KC_ETOOBIG, "có quá %d trang tính", x->lim.sheets);
			return;
		}
		Sheet *s = realloc(x->sheets, (size_t)(x->nsheets + 1) * sizeof *s);
		if (!s)
			abort();
		x->sheets = s;
		/* The name now, the relationship id in path until it is resolved. */
		s[x->nsheets++] = (Sheet){xstrdup(attr(atts, "name")), xstrdup(attr(atts, "id"))};
	}
}

/* The folder of a member's path, with its '/': "xl/" for "xl/workbook.xml". */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *d = xstrdup(path);
	d[slash ? (size_t)(slash - path) + 1 : 0] = '\0';
	return d;
}

/* The workbook's relationships file: "xl/_rels/workbook.xml.rels". */
static char *rels_of(const char *path)
{
	char *dir = folder_of(path);
	Buf b;
	buf_init(&b, 4096);
	buf_printf(&b, "%s_rels/%s.rels", dir, path + strlen(dir));
	char *s = xstrdup(buf_cstr(&b));
	buf_free(&b);
	free(dir);
	return s;
}

static int read_workbook(IoXlsx *x, Err *e)
{
	int rc = parse_member(x, "_rels/.rels", false, rel_start, NULL, e);
	if (rc && rc != KC_ENOTFOUND)
		return rc;
	const Rel *doc = rel_of_type(x, "/officeDocument");
	x->workbook = doc ? resolve("", doc->target) : xstrdup("xl/workbook.xml");
	free_rels(x);
	if ((rc = parse_member(x, x->workbook, true, workbook_start, NULL, e)))
		return rc;
	char *rels = rels_of(x->workbook);
	rc = parse_member(x, rels, true, rel_start, NULL, e);
	free(rels);
	if (rc)
		return rc;
	char q[VN_QUOTE_MAX];
	if (x->nsheets == 0)
		return err_set(e, KC_EINVAL, "Tệp '%s' không có trang tính nào", q_name(x, q));
	char *dir = folder_of(x->workbook);
	for (int i = 0; i < x->nsheets && rc == 0; i++) {
		const Rel *r = rel_by_id(x, x->sheets[i].path);
		free(x->sheets[i].path);
		x->sheets[i].path = r ? resolve(dir, r->target) : NULL;
		if (!r)
			rc = err_set(e, KC_EINVAL,
			        "Tệp '%s' hỏng: không tìm thấy nội dung của trang '%s'",
			        q_name(x, q), x->sheets[i].name);
	}
	free(dir);
	return rc;
}

/* ---- Shared strings ---------------------------------------------------------------- */

static void sst_start(IoXlsx *x, const char *el, const XML_Char **atts)
{
	(void)atts;
	if (!strcmp(el, "si")) {
		if (x->nstr == x->str_cap) {
			if (x->str_cap >= x->lim.strings_bytes / 16) {
				fail(x, KC_ETOOBIG, "có quá nhiều chuỗi");
				return;
			}
			x->str_cap = x->str_cap ? 2 * x->str_cap : 1024;
			x->str_at = realloc(x->str_at, (size_t)x->str_cap * sizeof *x->str_at);
			if (!x->str_at)
				abort();
		}
		x->str_at[x->nstr] = x->strings.len;
		x->in_si = true;
	} else if (!strcmp(el, "t")) {
		x->in_t = true;
	} else if (!strcmp(el, "rPh")) {
		x->in_rph = true;
	}
}

static void sst_end(IoXlsx *x, const char *el)
{
	if (!strcmp(el, "t")) {
		x->in_t = false;
	} else if (!strcmp(el, "rPh")) {
		x->in_rph = false;
	} else if (!strcmp(el, "si") && x->in_si) {
		x->in_si = false;
		buf_putc(&x->strings, '\0');
		x->nstr++;
		if (buf_err(&x->strings))
			fail(x, KC_ETOOBIG, "bảng chuỗi vượt giới hạn %lld MB",
			        (long long)(x->lim.strings_bytes >> 20));
	}
}

static const char *string_at(const IoXlsx *x, int64_t i, size_t *len)
{
	const char *s = x->strings.data + x->str_at[i];
	*len = (i + 1 < x->nstr ? x->str_at[i + 1] : x->strings.len) - x->str_at[i] - 1;
	return s;
}

/* Converts legacy-font text to UTF-8 into out; text that is real Unicode
 * is copied. */
static void unlegacy(const IoXlsx *x, const char *s, size_t len, Buf *out, Buf *tmp)
{
	buf_reset(tmp);
	if (x->legacy && io_enc_latin_bytes(s, len, tmp))
		io_dec_run(x->legacy, buf_cstr(tmp), tmp->len, out);
	else
		buf_append(out, s, len);
}

/* Decides whether the strings are legacy-font text, and converts them. */
static int strings_encoding(IoXlsx *x, const IoOpen *o, Err *e)
{
	int rc = 0;
	x->enc = IO_ENC_UTF8;
	Buf sample, tmp;
	buf_init(&sample, (1 << 20) + x->lim.cell_bytes * 4);
	buf_init(&tmp, (size_t)x->lim.strings_bytes * 2 + 16);
	if (o->encoding && strcmp(o->encoding, "auto")) {
		rc = io_enc_parse(o->encoding, &x->enc, e);
	} else {
		for (int64_t i = 0; i < x->nstr && sample.len < (1 << 20); i++) {
			size_t len;
			const char *s = string_at(x, i, &len);
			io_enc_latin_bytes(s, len, &sample);
		}
		rc = io_enc_detect_latin(buf_cstr(&sample), sample.len, &x->enc, e);
	}
	if (rc == 0 && x->enc != IO_ENC_UTF8 && (rc = io_dec_new(&x->legacy, x->enc, e)) == 0) {
		Buf conv;
		buf_init(&conv, (size_t)x->lim.strings_bytes * 2 + 16);
		for (int64_t i = 0; i < x->nstr; i++) {
			size_t len;
			const char *s = string_at(x, i, &len);
			size_t at = conv.len;
			unlegacy(x, s, len, &conv, &tmp);
			buf_putc(&conv, '\0');
			x->str_at[i] = at;
		}
		if (buf_err(&conv))
			rc = err_set(e, KC_ETOOBIG, "bảng chuỗi vượt giới hạn");
		buf_free(&x->strings);
		x->strings = conv;
	}
	buf_free(&sample);
	buf_free(&tmp);
	return rc;
}

/* ---- Styles: which cells hold dates ------------------------------------------------- */

/* Whether a number format shows a date or a time: a d, m, y, h or s
 * outside quotes, brackets ([Red], [$-42A]) and escapes. */
static bool date_format(const char *code)
{
	bool quoted = false;
	for (const char *p = code; *p; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*p == '\\' && p[1])
			p++;
		else if (*p == '[') {
			const char *close = strchr(p, ']');
			if (!close)
				return false;
			p = close;
		} else if (strchr("dmyhsDMYHS", *p))
			return true;
	}
	return false;
}

static bool builtin_date(int id)
{
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
	       (id >= 50 && id <= 58);
}

static int int_attr(const XML_Char **atts, const char *name, int dflt)
{
	const char *v = attr(atts, name);
	if (!v || !*v)
		return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	return *end || n < 0 || n > 1000000 ? -1 : (int)n;
}

static void styles_start(IoXlsx *x, const char *el, const XML_Char **atts)
{
	if (!strcmp(el, "numFmt")) {
		const char *code = attr(atts, "formatCode");
		int id = int_attr(atts, "numFmtId", -1);
		if (id < 0 || !code || !date_format(code))
			return;
		if (x->ndate_fmts == MAX_FORMATS) {
			fail(x, KC_ETOOBIG, "có quá %d định dạng số", MAX_FORMATS);
			return;
		}
		int *d = realloc(x->date_fmts, (size_t)(x->ndate_fmts + 1) * sizeof *d);
		if (!d)
			abort();
		x->date_fmts = d;
		d[x->ndate_fmts++] = id;
	} else if (!strcmp(el, "cellXfs")) {
		x->in_cellxfs = true;
	} else if (!strcmp(el, "xf") && x->in_cellxfs) {
		if (x->nxf == MAX_FORMATS) {
			fail(x, KC_ETOOBIG, "có quá %d kiểu ô", MAX_FORMATS);
			return;
		}
		int id = int_attr(atts, "numFmtId", 0);
		bool date = builtin_date(id);
		for (int i = 0; !date && i < x->ndate_fmts; i++)
			date = x->date_fmts[i] == id;
		bool *d = realloc(x->xf_date, (size_t)(x->nxf + 1) * sizeof *d);
		if (!d)
			abort();
		x->xf_date = d;
		d[x->nxf++] = date;
	}
}

static void styles_end(IoXlsx *x, const char *el)
{
	if (!strcmp(el, "cellXfs"))
		x->in_cellxfs = false;
}

/* ---- Opening ----------------------------------------------------------------------- */

/* Checks the archive's directory against the limits before unpacking
 * anything: a zip bomb is refused here, from its declared sizes. */
static int check_directory(IoXlsx *x, Err *e)
{
	char q[VN_QUOTE_MAX];
	zip_int64_t n = zip_get_num_entries(x->zip, 0);
	if (n > x->lim.zip_entries)
		return err_set(e, KC_ETOOBIG, "Tệp '%s' có %lld phần, vượt giới hạn %d",
		        q_name(x, q), (long long)n, x->lim.zip_entries);
	int64_t total = 0;
	for (zip_int64_t i = 0; i < n; i++) {
		zip_stat_t st;
		zip_stat_init(&st);
		if (zip_stat_index(x->zip, (zip_uint64_t)i, 0, &st))
			return zip_failed(x, "?", zip_strerror(x->zip), e);
		const char *part = (st.valid & ZIP_STAT_NAME) ? st.name : "?";
		if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
			return err_set(e, KC_EINVAL,
			        "Tệp '%s' có mật khẩu: hãy bỏ mật khẩu rồi lưu lại", q_name(x, q));
		int64_t size = (st.valid & ZIP_STAT_SIZE) ? (int64_t)st.size : 0;
		if (size > x->lim.entry_bytes)
			return err_set(e, KC_ETOOBIG,
			        "Tệp '%s': phần '%s' giải nén ra %lld MB, vượt giới hạn %lld MB"
			        " (tệp nén bất thường, không mở)",
			        q_name(x, q), part, (long long)(size >> 20),
			        (long long)(x->lim.entry_bytes >> 20));
		total += size;
		if (total > x->lim.total_bytes)
			return err_set(e, KC_ETOOBIG,
			        "Tệp '%s' giải nén ra hơn %lld MB, vượt giới hạn (tệp nén bất thường,"
			        " không mở)",
			        q_name(x, q), (long long)(x->lim.total_bytes >> 20));
	}
	return 0;
}

static int open_zip(IoXlsx *x, const char *path, const void *data, size_t size, Err *e)
{
	zip_error_t ze;
	zip_error_init(&ze);
	int zerr = 0;
	if (path) {
		x->zip = zip_open(path, ZIP_RDONLY, &zerr);
		zip_error_init_with_code(&ze, zerr);
	} else {
		zip_source_t *src = zip_source_buffer_create(data, size, 0, &ze);
		if (src && !(x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)))
			zip_source_free(src);
	}
	char q[VN_QUOTE_MAX];
	int rc = x->zip ? 0
	                : err_set(e, KC_EINVAL,
	                          "Tệp '%s' không đọc được như tệp .xlsx (%s): tệp bị cắt cụt hoặc"
	                          " hỏng",
	                          q_name(x, q), zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return rc;
}

int io_xlsx_open(IoXlsx **out, const char *path, const void *data, size_t size, const char *name,
        const IoOpen *o, Err *e)
{
	*out = NULL;
	IoXlsx *x = calloc(1, sizeof *x);
	if (!x || !(x->chunk = malloc(CHUNK)))
		abort();
	x->name = xstrdup(name);
	x->lim = o->limits;
	buf_init(&x->strings, (size_t)x->lim.strings_bytes);
	buf_init(&x->val, x->lim.cell_bytes);
	buf_init(&x->merge_text, (size_t)x->lim.strings_bytes);
	io_rowbuf_init(&x->rb, &x->lim);
	int rc = open_zip(x, path, data, size, e);
	if (rc == 0)
		rc = check_directory(x, e);
	if (rc == 0)
		rc = read_workbook(x, e);
	char *dir = x->workbook ? folder_of(x->workbook) : NULL;
	const Rel *sst = rc ? NULL : rel_of_type(x, "/sharedStrings");
	const Rel *sty = rc ? NULL : rel_of_type(x, "/styles");
	char *sst_path = sst ? resolve(dir, sst->target) : NULL;
	char *sty_path = sty ? resolve(dir, sty->target) : NULL;
	if (sst_path)
		rc = parse_member(x, sst_path, true, sst_start, sst_end, e);
	if (rc == 0)
		rc = strings_encoding(x, o, e);
	if (rc == 0 && sty_path)
		rc = parse_member(x, sty_path, true, styles_start, styles_end, e);
	free(dir);
	free(sst_path);
	free(sty_path);
	if (rc) {
		io_xlsx_close(x);
		return rc;
	}
	*out = x;
	return 0;
}

static void end_sheet(IoXlsx *x)
{
	free_parser(x);
	if (x->zf)
		zip_fclose(x->zf);
	x->zf = NULL;
	free(x->sheet_part);
	x->sheet_part = NULL;
	free(x->merges);
	free(x->active);
	x->merges = NULL;
	x->active = NULL;
	x->nmerges = x->nactive = x->mnext = 0;
	buf_reset(&x->merge_text);
}

void io_xlsx_close(IoXlsx *x)
{
	if (!x)
		return;
	end_sheet(x);
	for (int i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].path);
	}
	free(x->sheets);
	free_rels(x);
	free(x->workbook);
	if (x->zip)
		zip_discard(x->zip);
	io_dec_free(x->legacy);
	buf_free(&x->strings);
	buf_free(&x->val);
	buf_free(&x->merge_text);
	io_rowbuf_free(&x->rb);
	free(x->str_at);
	free(x->date_fmts);
	free(x->xf_date);
	free(x->chunk);
	free(x->name);
	free(x);
}

int io_xlsx_sheets(const IoXlsx *x)
{
	return x->nsheets;
}

const char *io_xlsx_sheet_name(const IoXlsx *x, int i)
{
	return i >= 0 && i < x->nsheets ? x->sheets[i].name : NULL;
}

const char *io_xlsx_encoding(const IoXlsx *x)
{
	return io_enc_name(x->enc);
}

void io_xlsx_progress(const IoXlsx *x, int64_t *done, int64_t *total)
{
	*done = x->entry_read;
	*total = x->entry_size;
}

/* ---- Cell references and merged ranges ---------------------------------------------- */

/* Reads "BC12" into column 54 and row 12 (row 0 when the digits are
 * missing); false if it is not a reference. */
static bool cell_ref(const char *s, int *col, int64_t *row)
{
	int c = 0, letters = 0;
	for (; (*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'); s++)
		if (++letters > 3)
			return false;
		else
			c = c * 26 + ((*s | 0x20) - 'a' + 1);
	int64_t r = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if ((r = r * 10 + (*s - '0')) > 100000000)
			return false;
	if (!letters || *s)
		return false;
	*col = c - 1;
	*row = r;
	return true;
}

static void merge_start(IoXlsx *x, const char *el, const XML_Char **atts)
{
	if (strcmp(el, "mergeCell"))
		return;
	const char *ref = attr(atts, "ref");
	char a[24] = "", b[24] = "";
	const char *colon = ref ? strchr(ref, ':') : NULL;
	if (ref && strlen(ref) < sizeof a + sizeof b - 2) {
		size_t la = colon ? (size_t)(colon - ref) : strlen(ref);
		snprintf(a, sizeof a, "%.*s", (int)la, ref);
		snprintf(b, sizeof b, "%s", colon ? colon + 1 : a);
	}
	Merge m = {0};
	if (!cell_ref(a, &m.c1, &m.r1) || !cell_ref(b, &m.c2, &m.r2) || m.r1 < 1 || m.r2 < m.r1 ||
	        m.c2 < m.c1) {
		fail(x, KC_EINVAL, "vùng gộp ô '%s' không hợp lệ", ref ? ref : "");
		return;
	}
	if (m.c1 >= x->lim.columns || (m.r1 == m.r2 && m.c1 == m.c2))
		return; /* beyond the columns read, or a single cell */
	if (x->nmerges == x->lim.merged_ranges) {
		fail(x, KC_ETOOBIG, "có quá %d vùng gộp ô", x->lim.merged_ranges);
		return;
	}
	Merge *v = realloc(x->merges, (size_t)(x->nmerges + 1) * sizeof *v);
	if (!v)
		abort();
	x->merges = v;
	v[x->nmerges++] = m;
}

static int by_first_row(const void *a, const void *b)
{
	const Merge *p = a, *q = b;
	return p->r1 < q->r1 ? -1 : p->r1 > q->r1;
}

/* Whether the member mentions "mergeCell" at all: a fast scan, so that
 * sheets without merged cells (every large one) are parsed once. */
static int mentions_merges(IoXlsx *x, const char *part, bool *found, Err *e)
{
	zip_file_t *zf;
	int64_t size = 0, done = 0;
	int rc = open_member(x, part, &zf, &size, e);
	*found = false;
	if (rc || !zf)
		return rc;
	char keep[SCAN_KEEP * 2 + CHUNK];
	size_t kept = 0, n;
	do {
		if ((rc = read_member(x, zf, part, size, &done, keep + kept, CHUNK, &n, e)))
			break;
		size_t have = kept + n;
		if (memmem(keep, have, "mergeCell", 9)) {
			*found = true;
			break;
		}
		kept = have < SCAN_KEEP ? have : SCAN_KEEP;
		memmove(keep, keep + have - kept, kept);
	} while (n > 0);
	zip_fclose(zf);
	return rc;
}

static int read_merges(IoXlsx *x, const char *part, Err *e)
{
	bool found;
	int rc = mentions_merges(x, part, &found, e);
	if (rc || !found)
		return rc;
	if ((rc = parse_member(x, part, true, merge_start, NULL, e)))
		return rc;
	qsort(x->merges, (size_t)x->nmerges, sizeof *x->merges, by_first_row);
	x->active = calloc((size_t)x->lim.columns + 1, sizeof *x->active);
	if (!x->active)
		abort();
	return 0;
}

/* Gives the cells of row r that merged ranges cover the value of each
 * range's first cell. */
static void apply_merges(IoXlsx *x, int64_t r)
{
	int k = 0;
	for (int i = 0; i < x->nactive; i++)
		if (x->merges[x->active[i]].r2 >= r)
			x->active[k++] = x->active[i];
	x->nactive = k;
	for (; x->mnext < x->nmerges && x->merges[x->mnext].r1 <= r; x->mnext++) {
		if (x->merges[x->mnext].r2 < r)
			continue;
		if (x->nactive == x->lim.columns) {
			fail(x, KC_EINVAL, "các vùng gộp ô chồng lên nhau ở dòng %lld",
			        (long long)r);
			return;
		}
		x->active[x->nactive++] = x->mnext;
	}
	IoRowBuf *rb = &x->rb;
	for (int i = 0; i < x->nactive; i++) {
		Merge *m = &x->merges[x->active[i]];
		if (m->r1 != r || m->c1 >= rb->row.n || rb->cells[m->c1].type == IO_CELL_EMPTY)
			continue;
		m->at = x->merge_text.len;
		m->len = rb->cells[m->c1].len;
		m->type = rb->cells[m->c1].type;
		m->have = true;
		buf_append(&x->merge_text, rb->text.data + rb->at[m->c1], m->len + 1);
	}
	if (buf_err(&x->merge_text)) {
		fail(x, KC_ETOOBIG, "nội dung các ô gộp vượt giới hạn");
		return;
	}
	for (int i = 0; i < x->nactive; i++) {
		const Merge *m = &x->merges[x->active[i]];
		for (int c = m->c1; m->have && c <= m->c2 && c < x->lim.columns; c++) {
			if ((r == m->r1 && c == m->c1) ||
			        (c < rb->row.n && rb->cells[c].type != IO_CELL_EMPTY))
				continue;
			Err why;
			if (io_rowbuf_set(
			            rb, c, m->type, x->merge_text.data + m->at, m->len, &why)) {
				fail(x, why.code, "%s", why.msg);
				return;
			}
			io_rowbuf_mark_merged(rb, c);
		}
	}
}

/* ---- Sheet rows --------------------------------------------------------------------- */

static void cell_done(IoXlsx *x)
{
	char name[8];
	if (buf_err(&x->val)) {
		fail(x, KC_ETOOBIG, "ô %s%lld dài quá giới hạn %zu byte", io_col_name(x->col, name),
		        (long long)x->rowno, x->lim.cell_bytes);
		return;
	}
	const char *t = x->ctype;
	const char *v = buf_cstr(&x->val);
	size_t len = x->val.len;
	IoCellType type = IO_CELL_TEXT;
	Buf conv;
	buf_init(&conv, 4 * x->lim.cell_bytes + 16);
	if (!strcmp(t, "s")) {
		char *end;
		long long i = strtoll(v, &end, 10);
		if (!*v || *end || i < 0 || i >= x->nstr) {
			fail(x, KC_EINVAL, "ô %s%lld trỏ tới chuỗi số '%s' không có",
			        io_col_name(x->col, name), (long long)x->rowno, v);
			buf_free(&conv);
			return;
		}
		v = string_at(x, i, &len);
	} else if (!strcmp(t, "inlineStr") || !strcmp(t, "str")) {
		Buf tmp;
		buf_init(&tmp, 4 * x->lim.cell_bytes + 16);
		unlegacy(x, v, len, &conv, &tmp);
		buf_free(&tmp);
		v = buf_cstr(&conv);
		len = conv.len;
	} else if (!strcmp(t, "b")) {
		type = IO_CELL_BOOL;
	} else if (!strcmp(t, "e")) {
		type = IO_CELL_ERROR;
	} else if (strcmp(t, "d")) {
		bool date = x->style >= 0 && x->style < x->nxf && x->xf_date[x->style];
		type = date ? IO_CELL_DATE : IO_CELL_NUMBER;
		if (date && x->date1904) { /* days from 1904: the 1900 serial is 1462 more */
			char *end;
			double d = strtod(v, &end);
			if (!*end && d >= 0 && d < 1e7) {
				buf_printf(&conv, "%.15g", d + 1462);
				v = buf_cstr(&conv);
				len = conv.len;
			}
		}
	}
	Err why;
	if (len && io_rowbuf_set(&x->rb, x->col, type, v, len, &why))
		fail(x, why.code, "%s", why.msg);
	buf_free(&conv);
}

static void sheet_start(IoXlsx *x, const char *el, const XML_Char **atts)
{
	if (!strcmp(el, "row")) {
		const char *r = attr(atts, "r");
		char *end;
		long long n = r ? strtoll(r, &end, 10) : x->rowno + 1;
		if (r && (*end || n < 1))
			n = x->rowno + 1;
		x->rowno = n;
		x->next_col = 0;
		io_rowbuf_start(&x->rb, n);
	} else if (!strcmp(el, "c")) {
		const char *r = attr(atts, "r");
		int64_t rr;
		x->col = x->next_col;
		if (r && !cell_ref(r, &x->col, &rr)) {
			fail(x, KC_EINVAL, "tham chiếu ô '%s' không hợp lệ", r);
			return;
		}
		x->next_col = x->col + 1;
		const char *t = attr(atts, "t");
		snprintf(x->ctype, sizeof x->ctype, "%s", t ? t : "n");
		x->style = int_attr(atts, "s", 0);
		buf_reset(&x->val);
		x->in_c = true;
	} else if (!strcmp(el, "v")) {
		x->in_v = true;
	} else if (!strcmp(el, "is")) {
		x->in_is = true;
	} else if (!strcmp(el, "t")) {
		x->in_t = true;
	} else if (!strcmp(el, "rPh")) {
		x->in_rph = true;
	}
}

static void sheet_end(IoXlsx *x, const char *el)
{
	if (!strcmp(el, "c")) {
		if (x->in_c)
			cell_done(x);
		x->in_c = x->in_v = x->in_is = x->in_t = false;
	} else if (!strcmp(el, "v")) {
		x->in_v = false;
	} else if (!strcmp(el, "t")) {
		x->in_t = false;
	} else if (!strcmp(el, "rPh")) {
		x->in_rph = false;
	} else if (!strcmp(el, "is")) {
		x->in_is = false;
	} else if (!strcmp(el, "row")) {
		if (x->nmerges)
			apply_merges(x, x->rowno);
		if (x->perr.code || !io_rowbuf_finish(&x->rb)->n)
			return;
		if (++x->rows_out > x->lim.rows || x->rowno > x->lim.rows) {
			fail(x, KC_ETOOBIG, "có quá %lld dòng", (long long)x->lim.rows);
			return;
		}
		XML_StopParser(x->p, XML_TRUE); /* hand the row out */
	}
}

int io_xlsx_begin(IoXlsx *x, int sheet, Err *e)
{
	end_sheet(x);
	if (sheet < 0 || sheet >= x->nsheets)
		return err_set(e, KC_ENOTFOUND, "no sheet %d", sheet);
	x->sheet_part = xstrdup(x->sheets[sheet].path);
	int rc = read_merges(x, x->sheet_part, e);
	if (rc == 0)
		rc = open_member(x, x->sheet_part, &x->zf, &x->entry_size, e);
	if (rc == 0 && !x->zf) {
		char q[VN_QUOTE_MAX];
		rc = err_set(e, KC_EINVAL, "Tệp '%s' hỏng: thiếu phần '%s' của trang '%s'",
		        q_name(x, q), x->sheet_part, x->sheets[sheet].name);
	}
	if (rc) {
		end_sheet(x);
		return rc;
	}
	new_parser(x, x->sheet_part, sheet_start, sheet_end);
	x->entry_read = 0;
	x->entry_eof = x->suspended = x->done = false;
	x->rowno = x->rows_out = 0;
	return 0;
}

int io_xlsx_next(IoXlsx *x, const IoRow **row, Err *e)
{
	*row = NULL;
	while (x->p && !x->done) {
		enum XML_Status st;
		if (x->suspended) {
			x->suspended = false;
			st = XML_ResumeParser(x->p);
		} else if (x->entry_eof) {
			x->done = true;
			break;
		} else {
			size_t n;
			int rc = read_member(x, x->zf, x->sheet_part, x->entry_size, &x->entry_read,
			        x->chunk, CHUNK, &n, e);
			if (rc)
				return rc;
			x->entry_eof = n == 0;
			st = XML_Parse(x->p, x->chunk, (int)n, n == 0);
		}
		if (st == XML_STATUS_ERROR)
			return parse_error(x, e);
		if (st == XML_STATUS_SUSPENDED) {
			x->suspended = true;
			*row = &x->rb.row;
			return 0;
		}
	}
	return 0;
}
