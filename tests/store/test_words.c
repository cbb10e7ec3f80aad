/* test_words.c — the words a name is found by (store_words.h): where words
 * start, how a long one is cut, and the range a search reads. */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "store/store_words.h"

/* The words of name_key joined with '|'. */
static void words(const char *name_key, char *out, size_t cap)
{
	const char *start[STORE_WORDS_MAX];
	size_t len[STORE_WORDS_MAX];
	int n = store_words_of(name_key, start, len);
	size_t at = 0;
	out[0] = '\0';
	for (int i = 0; i < n && at + len[i] + 2 < cap; i++) {
		if (i)
			out[at++] = '|';
		memcpy(out + at, start[i], len[i]);
		at += len[i];
		out[at] = '\0';
	}
}

static void words_start_after_spaces_and_signs(void **state)
{
	(void)state;
	char got[1024];
	words("htx dong tam (soc trang)", got, sizeof got);
	assert_string_equal(got, "htx dong tam (soc trang)|dong tam (soc trang)|tam (soc trang)|"
	                         "(soc trang)|soc trang)|trang)");
	words("co so 50% sach", got, sizeof got);
	assert_string_equal(got, "co so 50% sach|so 50% sach|50% sach|sach");
	words("ab-cd x.y", got, sizeof got);
	assert_string_equal(got, "ab-cd x.y|cd x.y|x.y|y");
	words("", got, sizeof got);
	assert_string_equal(got, "");
}

static void long_words_are_cut_between_characters(void **state)
{
	(void)state;
	/* 47 ASCII bytes, then a two-byte character: cut before it. */
	char name[128];
	memset(name, 'a', 47);
	memcpy(name + 47, "\xC3\xA9z", 4);
	const char *start[STORE_WORDS_MAX];
	size_t len[STORE_WORDS_MAX];
	assert_int_equal(store_words_of(name, start, len), 1);
	assert_int_equal(len[0], 47);
	memcpy(name + 46, "\xC3\xA9z", 4);
	assert_int_equal(store_words_of(name, start, len), 1);
	assert_int_equal(len[0], STORE_WORD_MAX);
}

static void words_cut_alike_count_once(void **state)
{
	(void)state;
	/* Two words of 50 letters: the first cut to 48, the second is 48 anyway. */
	char name[128];
	memset(name, 'x', 50);
	name[50] = ' ';
	memset(name + 51, 'x', 48);
	name[99] = '\0';
	const char *start[STORE_WORDS_MAX];
	size_t len[STORE_WORDS_MAX];
	assert_int_equal(store_words_of(name, start, len), 1);
}

static void a_long_name_keeps_its_first_words(void **state)
{
	(void)state;
	char name[8 * STORE_WORDS_MAX + 16];
	size_t at = 0;
	for (int i = 0; i < STORE_WORDS_MAX + 5; i++)
		at += (size_t)snprintf(name + at, sizeof name - at, "w%d ", i);
	const char *start[STORE_WORDS_MAX];
	size_t len[STORE_WORDS_MAX];
	assert_int_equal(store_words_of(name, start, len), STORE_WORDS_MAX);
	assert_memory_equal(start[STORE_WORDS_MAX - 1], "w63 ", 4);
}

static void the_range_of_a_search(void **state)
{
	(void)state;
	Buf from, to;
	buf_init(&from, 256);
	buf_init(&to, 256);
	Err e;
	assert_int_equal(store_words_range("  Bánh   PÍA ", &from, &to, &e), 0);
	assert_string_equal(buf_cstr(&from), "banh pia");
	assert_string_equal(buf_cstr(&to), "banh pia\xF4\x8F\xBF\xBF");
	buf_reset(&from);
	buf_reset(&to);
	assert_int_equal(store_words_range(" \t ", &from, &to, &e), 0);
	assert_int_equal(from.len, 0);
	buf_free(&from);
	buf_free(&to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(words_start_after_spaces_and_signs),
	        cmocka_unit_test(long_words_are_cut_between_characters),
	        cmocka_unit_test(words_cut_alike_count_once),
	        cmocka_unit_test(a_long_name_keeps_its_first_words),
	        cmocka_unit_test(the_range_of_a_search),
	};
	return cmocka_run_group_tests_name("store/words", tests, NULL, NULL);
}
