/* test_buf.c — Buf and Err. */
#include "harness.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

static void append_and_printf(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 1024);
	assert_string_equal(buf_cstr(&b), "");
	buf_puts(&b, "Sóc ");
	buf_printf(&b, "Trăng %d", 94);
	buf_putc(&b, '!');
	assert_string_equal(buf_cstr(&b), "Sóc Trăng 94!");
	assert_int_equal(b.len, strlen("Sóc Trăng 94!"));
	assert_int_equal(buf_err(&b), 0);
	buf_truncate(&b, 3);
	assert_string_equal(buf_cstr(&b), "Só");
	buf_free(&b);
}

static void growth_keeps_contents(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 10000; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 10000);
	assert_int_equal(buf_cstr(&b)[9999], 'a' + 9999 % 26);
	assert_int_equal(buf_cstr(&b)[10000], '\0');
	buf_free(&b);
}

static void limit_sets_sticky_error(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 8);
	buf_puts(&b, "12345678");
	assert_int_equal(buf_err(&b), 0);
	buf_putc(&b, '9');
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	assert_string_equal(buf_cstr(&b), "12345678");
	/* Sticky: a later small append that would fit is refused too. */
	buf_truncate(&b, 2);
	buf_putc(&b, 'x');
	assert_string_equal(buf_cstr(&b), "12");
	assert_null(buf_detach(&b));
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void extend_hands_out_room(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 8);
	buf_puts(&b, "ab");
	char *p = buf_extend(&b, 3);
	assert_non_null(p);
	memcpy(p, "cde", 3);
	assert_int_equal(b.len, 5);
	assert_string_equal(buf_cstr(&b), "abcde");
	assert_null(buf_extend(&b, 4)); /* 9 > 8 */
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	assert_string_equal(buf_cstr(&b), "abcde");
	buf_free(&b);
}

static void printf_over_limit(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 4);
	buf_printf(&b, "%s", "too long");
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	assert_int_equal(b.len, 0);
	buf_reset(&b);
	assert_int_equal(buf_err(&b), 0);
	buf_printf(&b, "%d", 42);
	assert_string_equal(buf_cstr(&b), "42");
	buf_free(&b);
}

/* The other sticky error buf.h names: vsnprintf refusing the format. In the C
 * locale the test runs in, a wide character outside ASCII cannot be written. */
static void printf_encoding_error(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 64);
	buf_puts(&b, "ok");
	buf_printf(&b, "%ls", L"\u00e9");
	assert_int_equal(buf_err(&b), KC_EINVAL);
	assert_string_equal(buf_cstr(&b), "ok");
	buf_puts(&b, "more"); /* sticky */
	assert_string_equal(buf_cstr(&b), "ok");
	assert_null(buf_detach(&b));
	buf_free(&b);
}

static void detach_hands_over(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 100);
	char *empty = buf_detach(&b);
	assert_string_equal(empty, "");
	free(empty);
	buf_puts(&b, "Lào Cai");
	char *s = buf_detach(&b);
	assert_string_equal(s, "Lào Cai");
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	free(s);
	buf_free(&b);
}

static void err_set_returns_code(void **state)
{
	(void)state;
	Err e;
	assert_int_equal(
	        err_set(&e, KC_EINVAL, "Mã số thuế '%s' không hợp lệ", "03012"), KC_EINVAL);
	assert_int_equal(e.code, KC_EINVAL);
	assert_string_equal(e.msg, "Mã số thuế '03012' không hợp lệ");
	assert_int_equal(err_set(NULL, KC_ERANGE, "ignored"), KC_ERANGE);
	err_clear(&e);
	assert_int_equal(e.code, KC_OK);
	assert_string_equal(e.msg, "");
	err_clear(NULL); /* allowed, as err_set(NULL, …) is */
	assert_string_equal(err_name(KC_ENOTIMPL), "not built yet");
	assert_int_equal(
	        err_field(&e, "tax_code", KC_EINVAL, "Mã số thuế '%s' sai", "1"), KC_EINVAL);
	assert_string_equal(e.field, "tax_code");
	assert_string_equal(e.msg, "Mã số thuế '1' sai");
	err_set(&e, KC_ERANGE, "x");
	assert_string_equal(e.field, ""); /* a later error does not keep the old field */
	assert_int_equal(err_field(NULL, "f", KC_EWARN, "ignored"), KC_EWARN);
	assert_string_equal(err_name(999), "unknown error");
}

static void err_truncates_on_character_boundary(void **state)
{
	(void)state;
	Err e;
	char big[2000];
	/* "đ" is two bytes; an odd prefix shifts the cut into the middle of one. */
	size_t n = 0;
	big[n++] = 'x';
	while (n + 2 < sizeof big) {
		big[n++] = '\xc4';
		big[n++] = '\x91';
	}
	big[n] = '\0';
	err_set(&e, KC_EINVAL, "%s", big);
	size_t len = strlen(e.msg);
	assert_true(len < sizeof e.msg);
	assert_true(len >= sizeof e.msg - 3);
	/* The message ends with a complete "đ". */
	assert_int_equal((unsigned char)e.msg[len - 1], 0x91);
	assert_int_equal((unsigned char)e.msg[len - 2], 0xc4);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, append_and_printf);
	TL_ADD(&tl, growth_keeps_contents);
	TL_ADD(&tl, limit_sets_sticky_error);
	TL_ADD(&tl, extend_hands_out_room);
	TL_ADD(&tl, printf_over_limit);
	TL_ADD(&tl, printf_encoding_error);
	TL_ADD(&tl, detach_hands_over);
	TL_ADD(&tl, err_set_returns_code);
	TL_ADD(&tl, err_truncates_on_character_boundary);
	return tl_run(&tl, "core/buf");
}
