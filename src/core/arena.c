/* arena.c — see arena.h. */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA_BLOCK = 16384 };

struct ArenaBlock {
	ArenaBlock *next;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

/* n bytes, aligned for any type, not cleared. */
static void *take(Arena *a, size_t n)
{
	size_t align = alignof(max_align_t);
	n = (n + align - 1) & ~(align - 1);
	if (!a->head || a->head->size - a->used < n) {
		/* A large request gets a block of its own, so the current block's
		 * free space is not wasted on it. */
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		ArenaBlock *b = malloc(sizeof *b + size);
		if (!b)
			abort();
		b->size = size;
		if (size == n && a->head) {
			b->next = a->head->next;
			a->head->next = b;
			a->total += n;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	void *p = a->head->data + a->used;
	a->used += n;
	a->total += n;
	return p;
}

void *arena_alloc(Arena *a, size_t n)
{
	return memset(take(a, n), 0, n);
}

char *arena_strndup(Arena *a, const char *s, size_t n)
{
	char *p = take(a, n + 1); /* every byte written: no clearing */
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(Arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void arena_free(Arena *a)
{
	for (ArenaBlock *b = a->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	*a = (Arena){0};
}
