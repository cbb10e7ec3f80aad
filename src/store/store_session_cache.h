/* store_session_cache.h — a server's short memory of signed-in sessions.
 *
 * Every request signed in with a cookie looked up its session, its account
 * and the account's provinces: three queries, more than the answer of a
 * đề án by id needs. The cache keeps, for the hash of a cookie, the
 * principal the lookup found, and store_session_lookup_cached
 * (store_user.h) answers from it while all of these hold:
 *  - the entry is younger than the cache's ttl_seconds, so a change made by
 *    another process (the command line) applies after at most that;
 *  - the session's absolute expiry, and its idle expiry from last_seen_at
 *    as read, have not passed: a hit never extends a session (it does not
 *    refresh last_seen_at; the lookup after ttl_seconds does, as before);
 *  - no change to an account or a session has been committed by this
 *    process since the entry was read: signing out (one session or all),
 *    setting a password, updating an account (role, provinces, national,
 *    disabled) each call store_session_cache_changed, which retires every
 *    entry of every cache at once. An entry read while such a change was
 *    being committed is not kept.
 * Bearer tokens are not cached.
 *
 * One cache serves all the server's workers (a mutex); it holds at most
 * STORE_SESSION_CACHE_SLOTS entries, a new one replacing the one in its
 * slot. */
#ifndef KC_STORE_SESSION_CACHE_H
#define KC_STORE_SESSION_CACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/arena.h"
#include "store/store.h"

enum { STORE_SESSION_CACHE_SLOTS = 512, STORE_SESSION_CACHE_TTL_MAX = 60 };

typedef struct SessionCache SessionCache;
typedef struct Principal Principal;

/* A cache whose entries live ttl_seconds (1..STORE_SESSION_CACHE_TTL_MAX,
 * the interval at which a lookup refreshes last_seen_at, else clamped);
 * free with store_session_cache_free. */
SessionCache *store_session_cache_new(int ttl_seconds);
void store_session_cache_free(SessionCache *c);

/* Retires every cached session of the process: called after an account or
 * a session changed (committed, or about to be by the caller's
 * transaction). */
void store_session_cache_changed(void);
/* The count of those changes, read before a lookup whose answer is to be
 * cached (store_session_cache_put). */
uint64_t store_session_cache_generation(void);

/* Copies into out, its strings in arena, the principal cached for hash if
 * its entry is still good at now (see above). */
bool store_session_cache_get(
        SessionCache *c, const char *hash, time_t now, Arena *arena, Principal *out);
/* Keeps p for hash, as read at now when the generation was gen, good until
 * until (the session's earlier expiry) and at most the cache's ttl. An
 * entry that does not fit is not kept. */
void store_session_cache_put(SessionCache *c, const char *hash, const Principal *p, uint64_t gen,
        time_t now, time_t until);

#endif
