/* test_multipart.c — multipart/form-data as browsers send it (the upload
 * forms of the pages: documents, the import page) and the bodies that are
 * refused: each row a body, what must be read from its last text field or
 * file, or the message of its refusal. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "fixture.h"
#include "http/http_multipart.h"

#define CT "multipart/form-data; boundary=----WebKitFormBoundaryAbc123"
#define B  "------WebKitFormBoundaryAbc123"

typedef struct Case {
	const char *name, *content_type, *body;
	int parts; /* -1: refused */
	/* The last file, or (filename NULL) the last text field: its name, file
	 * name and content. */
	const char *field, *filename, *content;
	const char *refusal; /* a part of the message when refused */
} Case;

static const Case cases[] = {
        {"a browser's form: a text field and a file", CT,
                B "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n" B
                  "\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"ds.csv\"\r\n"
                  "Content-Type: text/csv\r\n\r\nTên;Tỉnh\r\nA;94\r\n\r\n" B "--\r\n",
                2, "tep", "ds.csv", "Tên;Tỉnh\r\nA;94\r\n"},
        {"a quoted boundary, a preamble and an epilogue",
                "multipart/form-data; charset=utf-8; boundary=\"a b\"",
                "preamble\r\n--a b\r\ncontent-disposition: form-data; name=kind\r\n\r\n"
                "projects\r\n--a b--\r\nepilogue",
                1, "kind", NULL, "projects"},
        {"content that holds the boundary without its CRLF", CT,
                B "\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"x.csv\"\r\n\r\n"
                  "a" B "b\r\n" B "--",
                1, "tep", "x.csv", "a" B "b"},
        {"an empty file input", CT,
                B "\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"\"\r\n"
                  "Content-Type: application/octet-stream\r\n\r\n\r\n" B "--\r\n",
                1, "tep", "", ""},
        {"a Windows path keeps its last segment", CT,
                B "\r\nContent-Disposition: form-data; name=\"tep\"; "
                  "filename=\"C:\\Tài liệu\\ds mới.csv\"\r\n\r\nx\r\n" B "--",
                1, "tep", "ds mới.csv", "x"},
        {"no boundary", "multipart/form-data", B "--", -1, NULL, NULL, NULL, "boundary"},
        {"not multipart", "application/x-www-form-urlencoded", "a=1", -1, NULL, NULL, NULL,
                "thiếu boundary"},
        {"a boundary of 71 characters",
                "multipart/form-data; boundary=12345678901234567890123456789012345678901234567"
                "890123456789012345678901",
                "", -1, NULL, NULL, NULL, "boundary"},
        {"no delimiter in the body", CT, "just text", -1, NULL, NULL, NULL, "không có phần nào"},
        {"cut before the closing delimiter", CT,
                B "\r\nContent-Disposition: form-data; name=\"tep\"; filename=\"a.csv\"\r\n\r\n"
                  "half a fi",
                -1, NULL, NULL, NULL, "thiếu boundary kết thúc"},
        {"a part without a name", CT,
                B "\r\nContent-Disposition: form-data; filename=\"a.csv\"\r\n\r\nx\r\n" B "--", -1,
                NULL, NULL, NULL, "tên trường"},
        {"a part without headers", CT, B "\r\n\r\nx\r\n" B "--", -1, NULL, NULL, NULL,
                "tên trường"},
        {"an unterminated quote in a name", CT,
                B "\r\nContent-Disposition: form-data; name=\"tep\r\n\r\nx\r\n" B "--", -1, NULL,
                NULL, NULL, "tên trường"},
        {"garbage after a delimiter", CT,
                B "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n" B "xx", -1, NULL,
                NULL, NULL, "thiếu xuống dòng"},
};

static void check_case(void **state)
{
	const Case *k = *state;
	Arena arena = {0};
	HttpPair *fields;
	HttpFile *files;
	int nf, nfiles;
	Err e = {0};
	int rc = http_parse_multipart(k->content_type, k->body, strlen(k->body), &arena, &fields,
	        &nf, &files, &nfiles, &e);
	if (k->parts < 0) {
		assert_int_equal(rc, KC_EINVAL);
		assert_contains(e.msg, k->refusal);
	} else if (rc) {
		fail_msg("refused: %s", e.msg);
	} else if (k->filename) {
		assert_int_equal(nf + nfiles, k->parts);
		const HttpFile *f = &files[nfiles - 1];
		assert_string_equal(f->field, k->field);
		assert_string_equal(f->file_name, k->filename);
		assert_int_equal(f->len, strlen(k->content));
		assert_memory_equal(f->data, k->content, f->len);
	} else {
		assert_int_equal(nf + nfiles, k->parts);
		assert_string_equal(fields[nf - 1].name, k->field);
		assert_string_equal(fields[nf - 1].value, k->content);
	}
	arena_free(&arena);
}

/* One part past the limit is refused as too big, the limit itself is read. */
static void parts_are_bounded(void **state)
{
	(void)state;
	for (int extra = 0; extra < 2; extra++) {
		Buf b;
		buf_init(&b, 1 << 20);
		for (int i = 0; i < HTTP_MAX_FORM + extra; i++)
			buf_printf(&b,
			        B "\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\n%d\r\n",
			        i, i);
		buf_puts(&b, B "--\r\n");
		Arena arena = {0};
		HttpPair *fields;
		HttpFile *files;
		int nf, nfiles;
		Err e = {0};
		int rc = http_parse_multipart(
		        CT, buf_cstr(&b), b.len, &arena, &fields, &nf, &files, &nfiles, &e);
		assert_int_equal(rc, extra ? KC_ETOOBIG : 0);
		if (!extra)
			assert_int_equal(nf, HTTP_MAX_FORM);
		arena_free(&arena);
		buf_free(&b);
	}
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(cases); i++)
		tl_add(&tl, cases[i].name, check_case, (void *)&cases[i]);
	TL_ADD(&tl, parts_are_bounded);
	return tl_run(&tl, "http/multipart");
}
