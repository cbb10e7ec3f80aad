/* test_json.c — the streaming JSON writer. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "core/json.h"

static void nested_values_get_their_commas(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 4096);
	JsonW w;
	json_init(&w, &b);
	json_obj(&w);
	json_key(&w, "code");
	json_cstr(&w, "ST-2019-01");
	json_key(&w, "support");
	json_int(&w, 300000000);
	json_key(&w, "lines");
	json_arr(&w);
	json_int(&w, -1);
	json_obj(&w);
	json_obj_end(&w);
	json_arr(&w);
	json_arr_end(&w);
	json_null(&w);
	json_arr_end(&w);
	json_key(&w, "done");
	json_bool(&w, false);
	json_key(&w, "note");
	json_cstr(&w, NULL);
	json_obj_end(&w);
	assert_int_equal(buf_err(&b), 0);
	assert_string_equal(buf_cstr(&b),
	        "{\"code\":\"ST-2019-01\",\"support\":300000000,\"lines\":[-1,{},[],null],"
	        "\"done\":false,\"note\":null}");
	buf_free(&b);
}

typedef struct StrCase {
	const char *in;
	size_t len;
	const char *want;
} StrCase;

#define S(lit) lit, sizeof(lit) - 1

static const StrCase str_cases[] = {
        {S("Sóc Trăng"), "\"Sóc Trăng\""},
        {S("say \"hi\""), "\"say \\\"hi\\\"\""},
        {S("a\\b"), "\"a\\\\b\""},
        {S("tab\there\nline"), "\"tab\\u0009here\\u000aline\""},
        {S("nul\0inside"), "\"nul\\u0000inside\""},
        {S("</script>"), "\"</script>\""},
        {S("bad \xff byte"), "\"bad \xEF\xBF\xBD byte\""},
        {S("cut \xc4"), "\"cut \xEF\xBF\xBD\""},
        {S("\x7f"), "\"\x7f\""},
        {S("₫ và 😀"), "\"₫ và 😀\""},
        {S(""), "\"\""},
};

static void string_case(void **state)
{
	const StrCase *c = *state;
	Buf b;
	buf_init(&b, 256);
	JsonW w;
	json_init(&w, &b);
	json_str(&w, c->in, c->len);
	assert_string_equal(buf_cstr(&b), c->want);
	buf_free(&b);
}

static void int64_extremes(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 256);
	JsonW w;
	json_init(&w, &b);
	json_arr(&w);
	json_int(&w, INT64_MIN);
	json_int(&w, INT64_MAX);
	json_int(&w, 0);
	json_arr_end(&w);
	assert_string_equal(buf_cstr(&b), "[-9223372036854775808,9223372036854775807,0]");
	buf_free(&b);
}

/* Every special byte at every place around the eight-byte words the writer
 * scans at once: escaped where it stands, its neighbours left alone. */
static void specials_at_every_offset(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out;
	} sp[] = {{"\"", "\\\""}, {"\\", "\\\\"}, {"\n", "\\u000a"}, {"\x1f", "\\u001f"},
	        {"\x01", "\\u0001"}, {"\x7f", "\x7f"}, {"\xc3\xa1", "\xc3\xa1"},
	        {"\xe1\xbb\x87", "\xe1\xbb\x87"}, {"\xff", "\xEF\xBF\xBD"}, {" ", " "}};
	for (size_t k = 0; k < COUNT_OF(sp); k++)
		for (size_t at = 0; at < 20; at++)
			for (size_t after = 0; after < 10; after += 3) {
				char in[64], want[96];
				size_t n = 0;
				memset(in, 'a', at);
				n = at + strlen(sp[k].in);
				memcpy(in + at, sp[k].in, strlen(sp[k].in));
				memset(in + n, 'b', after);
				n += after;
				snprintf(want, sizeof want, "\"%.*s%s%.*s\"", (int)at,
				        "aaaaaaaaaaaaaaaaaaaa", sp[k].out, (int)after,
				        "bbbbbbbbbb");
				Buf b;
				buf_init(&b, 256);
				JsonW w;
				json_init(&w, &b);
				json_str(&w, in, n);
				if (strcmp(buf_cstr(&b), want))
					fail_msg("special %zu at %zu (+%zu): %s, want %s", k, at,
					        after, buf_cstr(&b), want);
				buf_free(&b);
			}
}

static void identifier_keys_as_the_others(void **state)
{
	(void)state;
	Buf a, b;
	buf_init(&a, 256);
	buf_init(&b, 256);
	JsonW wa, wb;
	json_init(&wa, &a);
	json_init(&wb, &b);
	json_obj(&wa);
	json_obj(&wb);
	json_key(&wa, "id");
	json_key_ident(&wb, "id", 2);
	json_int(&wa, 7);
	json_int(&wb, 7);
	json_key(&wa, "status_date");
	json_key_ident(&wb, "status_date", 11);
	json_null(&wa);
	json_null(&wb);
	json_obj_end(&wa);
	json_obj_end(&wb);
	assert_string_equal(buf_cstr(&b), "{\"id\":7,\"status_date\":null}");
	assert_string_equal(buf_cstr(&a), buf_cstr(&b));
	buf_free(&a);
	buf_free(&b);
}

static void integers_by_pairs_of_digits(void **state)
{
	(void)state;
	static const int64_t v[] = {0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 2024, 12345, 100000,
	        -1, -9, -10, -99, -100, -2024, 1000000007};
	for (size_t i = 0; i < COUNT_OF(v); i++) {
		Buf b;
		buf_init(&b, 64);
		JsonW w;
		json_init(&w, &b);
		json_int(&w, v[i]);
		char want[32];
		snprintf(want, sizeof want, "%lld", (long long)v[i]);
		assert_string_equal(buf_cstr(&b), want);
		buf_free(&b);
	}
}

static void depth_limit_sets_error(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 4096);
	JsonW w;
	json_init(&w, &b);
	for (int i = 0; i < JSON_MAX_DEPTH; i++)
		json_arr(&w);
	assert_int_equal(buf_err(&b), 0);
	json_arr(&w);
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	buf_free(&b);
}

static void size_limit_is_the_buffers(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 8);
	JsonW w;
	json_init(&w, &b);
	json_cstr(&w, "much too long for eight bytes");
	assert_int_equal(buf_err(&b), KC_ETOOBIG);
	buf_free(&b);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, nested_values_get_their_commas);
	for (size_t i = 0; i < COUNT_OF(str_cases); i++)
		tl_addf(&tl, string_case, (void *)&str_cases[i], "string row %zu", i);
	TL_ADD(&tl, int64_extremes);
	TL_ADD(&tl, specials_at_every_offset);
	TL_ADD(&tl, identifier_keys_as_the_others);
	TL_ADD(&tl, integers_by_pairs_of_digits);
	TL_ADD(&tl, depth_limit_sets_error);
	TL_ADD(&tl, size_limit_is_the_buffers);
	return tl_run(&tl, "core/json");
}
