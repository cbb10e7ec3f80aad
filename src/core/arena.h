/* arena.h — a memory pool freed all at once: a request's, a report's.
 *
 * Records read from the store hand out strings that live in the caller's
 * arena, so a handler frees everything it read with one arena_free at the
 * end. Allocation failure aborts. Not thread-safe: one arena per request. */
#ifndef KC_ARENA_H
#define KC_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
	ArenaBlock *head; /* the block being filled; older ones follow */
	size_t used;      /* bytes used in head */
	size_t total;     /* bytes handed out, for limits and tests */
} Arena;

/* An empty arena needs no set-up: Arena a = {0}. */
void *arena_alloc(Arena *a, size_t n); /* aligned for any type, zeroed */
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_strdup(Arena *a, const char *s); /* NULL gives NULL */
/* Frees every allocation; the arena can be used again. */
void arena_free(Arena *a);

#endif
