/* test_html.c — the HTML writer: every value escaped for text and quoted
 * attributes, URL arguments percent-encoded, integers as printf writes them. */
#include "harness.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "http/http_html.h"

typedef struct Case {
	const char *in, *text, *url;
} Case;

static const Case cases[] = {
        {"", "", ""},
        {"Cơ sở bánh pía", "Cơ sở bánh pía", "C%C6%A1%20s%E1%BB%9F%20b%C3%A1nh%20p%C3%ADa"},
        {"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
                "%3Cscript%3Ealert%281%29%3C%2Fscript%3E"},
        {"\" onmouseover=\"x", "&quot; onmouseover=&quot;x", "%22%20onmouseover%3D%22x"},
        {"it's & <b>", "it&#39;s &amp; &lt;b&gt;", "it%27s%20%26%20%3Cb%3E"},
        {"a=1&b=2#x?y/z", "a=1&amp;b=2#x?y/z", "a%3D1%26b%3D2%23x%3Fy%2Fz"},
        {"-._~", "-._~", "-._~"},
};

static void escapes(void **state)
{
	const Case *c = *state;
	Buf b;
	buf_init(&b, 4096);
	html_text(&b, c->in);
	assert_string_equal(buf_cstr(&b), c->text);
	buf_reset(&b);
	html_printf(&b, "<a title=\"%s\">%s</a>", c->in, c->in);
	char want[1024];
	snprintf(want, sizeof want, "<a title=\"%s\">%s</a>", c->text, c->text);
	assert_string_equal(buf_cstr(&b), want);
	buf_reset(&b);
	html_urlarg(&b, c->in);
	assert_string_equal(buf_cstr(&b), c->url);
	buf_free(&b);
}

static void integers_as_printf(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 4096);
	html_printf(&b, "%d|%5d|%-4d|%05d|%i|%u|%x|%ld|%lld|%zu|%02d/%02d|%c|%%", 42, 7, 3, -12, -1,
	        4000000000u, 255u, -5L, (long long)INT64_MIN, (size_t)123, 5, 11, '<');
	char want[512];
	snprintf(want, sizeof want, "%d|%5d|%-4d|%05d|%i|%u|%x|%ld|%lld|%zu|%02d/%02d|&lt;|%%", 42,
	        7, 3, -12, -1, 4000000000u, 255u, -5L, (long long)INT64_MIN, (size_t)123, 5, 11);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void null_writes_nothing(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 64);
	const char *volatile none = NULL; /* hidden from the format check */
	html_printf(&b, "[%s]", none);
	html_text(&b, NULL);
	html_urlarg(&b, NULL);
	assert_string_equal(buf_cstr(&b), "[]");
	buf_free(&b);
}

static void raw_is_literal(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 64);
	html_raw(&b, "<br>");
	assert_string_equal(buf_cstr(&b), "<br>");
	buf_free(&b);
}

static void limit_is_sticky(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 8);
	html_printf(&b, "%s", "<<<<<<<<");
	assert_int_not_equal(buf_err(&b), 0);
	buf_free(&b);
}

int main(void)
{
	TestList tl = {0};
	for (size_t i = 0; i < COUNT_OF(cases); i++)
		tl_addf(&tl, escapes, (void *)&cases[i], "escapes '%s'", cases[i].in);
	TL_ADD(&tl, integers_as_printf);
	TL_ADD(&tl, null_writes_nothing);
	TL_ADD(&tl, raw_is_literal);
	TL_ADD(&tl, limit_is_sticky);
	return tl_run(&tl, "http/html");
}
