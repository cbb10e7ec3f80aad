/* test_arena.c — the memory pool. */
#include "harness.h"

#include <string.h>

#include "core/arena.h"

static void strings_and_alignment(void **state)
{
	(void)state;
	Arena a = {0};
	char *s = arena_strdup(&a, "Cơ sở sản xuất bánh pía");
	assert_string_equal(s, "Cơ sở sản xuất bánh pía");
	assert_null(arena_strdup(&a, NULL));
	assert_string_equal(arena_strndup(&a, "Sóc Trăng, 94", strlen("Sóc Trăng")), "Sóc Trăng");
	for (int i = 1; i < 100; i++) {
		long double *p = arena_alloc(&a, (size_t)i);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
		assert_int_equal(((unsigned char *)p)[0], 0); /* zeroed */
		memset(p, 0xAB, (size_t)i);
	}
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.total, 0);
}

static void large_and_many_allocations(void **state)
{
	(void)state;
	Arena a = {0};
	char *small = arena_strdup(&a, "before");
	char *big = arena_alloc(&a, 1 << 20); /* its own block */
	memset(big, 'x', 1 << 20);
	char *after = arena_strdup(&a, "after");
	assert_string_equal(small, "before");
	assert_string_equal(after, "after");
	/* The big block did not take the current block's place. */
	assert_true(after > small && after - small < 16384);
	for (int i = 0; i < 100000; i++)
		arena_strdup(&a, "Nguyễn Văn A");
	assert_true(a.total >= (1 << 20) + 100000 * 16);
	arena_free(&a);
	/* Reusable after free. */
	assert_string_equal(arena_strdup(&a, "lại"), "lại");
	arena_free(&a);
}

int main(void)
{
	TestList tl = {0};
	TL_ADD(&tl, strings_and_alignment);
	TL_ADD(&tl, large_and_many_allocations);
	return tl_run(&tl, "core/arena");
}
