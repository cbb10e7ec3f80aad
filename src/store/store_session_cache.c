/* store_session_cache.c — see store_session_cache.h. */
#include "store/store_session_cache.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_user.h"

/* What an entry holds: a Principal with its strings in place. */
typedef struct Entry {
	bool used;
	char hash[STORE_SHA256_HEX_LEN];
	uint64_t gen;
	time_t read_at, until;
	int64_t user_id;
	Role role;
	bool all_provinces;
	int n_provinces;
	char username[72], full_name[208], csrf[TOKEN_TEXT_LEN];
	char provinces[USER_MAX_PROVINCES][3];
} Entry;

struct SessionCache {
	pthread_mutex_t lock;
	int ttl;
	Entry slot[STORE_SESSION_CACHE_SLOTS];
};

/* Process-wide, not per cache: the store functions that change accounts
 * know no cache, and a change must retire the entries of every one. */
static _Atomic uint64_t generation;

SessionCache *store_session_cache_new(int ttl_seconds)
{
	SessionCache *c = calloc(1, sizeof *c);
	if (!c)
		abort();
	pthread_mutex_init(&c->lock, NULL);
	c->ttl = ttl_seconds < 1                             ? 1
	         : ttl_seconds > STORE_SESSION_CACHE_TTL_MAX ? STORE_SESSION_CACHE_TTL_MAX
	                                                     : ttl_seconds;
	return c;
}

void store_session_cache_free(SessionCache *c)
{
	if (!c)
		return;
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void store_session_cache_changed(void)
{
	atomic_fetch_add(&generation, 1);
}

uint64_t store_session_cache_generation(void)
{
	return atomic_load(&generation);
}

/* The slot of a hash: by its first hex digits (the hash of a random cookie). */
static Entry *slot_of(SessionCache *c, const char *hash)
{
	unsigned h = 0;
	for (int i = 0; i < 8; i++)
		h = h * 16 +
		    (unsigned)(hash[i] <= '9' ? hash[i] - '0' : (hash[i] | 0x20) - 'a' + 10);
	return &c->slot[h % STORE_SESSION_CACHE_SLOTS];
}

bool store_session_cache_get(
        SessionCache *c, const char *hash, time_t now, Arena *arena, Principal *out)
{
	if (!c || strlen(hash) != STORE_SHA256_HEX_LEN - 1)
		return false;
	pthread_mutex_lock(&c->lock);
	Entry *s = slot_of(c, hash);
	/* now may run backwards (a test's clock): an entry from the future is stale. */
	bool good = s->used && !strcmp(s->hash, hash) && s->gen == atomic_load(&generation) &&
	            now >= s->read_at && now < s->read_at + c->ttl && now < s->until;
	if (good) {
		*out = (Principal){.user_id = s->user_id,
		        .username = arena_strdup(arena, s->username),
		        .full_name = arena_strdup(arena, s->full_name),
		        .role = s->role,
		        .all_provinces = s->all_provinces,
		        .n_provinces = s->n_provinces,
		        .csrf_token = arena_strdup(arena, s->csrf)};
		for (int i = 0; i < s->n_provinces; i++)
			out->provinces[i] = arena_strdup(arena, s->provinces[i]);
	}
	pthread_mutex_unlock(&c->lock);
	return good;
}

/* Copies s into a buffer of cap bytes; false if it does not fit. */
static bool put_text(char *to, size_t cap, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n >= cap)
		return false;
	memcpy(to, s ? s : "", n + 1);
	return true;
}

void store_session_cache_put(SessionCache *c, const char *hash, const Principal *p, uint64_t gen,
        time_t now, time_t until)
{
	if (!c || strlen(hash) != STORE_SHA256_HEX_LEN - 1 || p->via_token ||
	        p->n_provinces > USER_MAX_PROVINCES)
		return;
	Entry e = {.used = true,
	        .gen = gen,
	        .read_at = now,
	        .until = until,
	        .user_id = p->user_id,
	        .role = p->role,
	        .all_provinces = p->all_provinces,
	        .n_provinces = p->n_provinces};
	memcpy(e.hash, hash, STORE_SHA256_HEX_LEN);
	bool fits = put_text(e.username, sizeof e.username, p->username) &&
	            put_text(e.full_name, sizeof e.full_name, p->full_name) &&
	            put_text(e.csrf, sizeof e.csrf, p->csrf_token);
	for (int i = 0; fits && i < p->n_provinces; i++)
		fits = put_text(e.provinces[i], sizeof e.provinces[i], p->provinces[i]);
	if (!fits)
		return;
	pthread_mutex_lock(&c->lock);
	/* A change committed since the lookup began: what it read may be old. */
	if (gen == atomic_load(&generation))
		*slot_of(c, hash) = e;
	pthread_mutex_unlock(&c->lock);
}
