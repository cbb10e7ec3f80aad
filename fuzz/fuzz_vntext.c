/* fuzz_vntext.c — libFuzzer target for src/core/vntext.c.
 *
 * The input is split at its first 0xFF byte (never part of UTF-8) into two
 * strings a and b. Every vntext function runs on both; the target aborts if
 * one of these invariants breaks:
 *  - a function that takes an Err succeeds exactly when the text is UTF-8;
 *  - for valid x: nfc(nfc(x)) == nfc(x), fold(nfc(x)) == fold(x),
 *    fold(fold(x)) == fold(x), key(nfc(x)) == key(x), vn_compare(x, nfc(x))
 *    == 0, and the key is printable ASCII without quotes or backslash, with
 *    exactly two level separators;
 *  - memcmp order of the keys of a and b has the sign of vn_compare(a, b),
 *    and vn_compare is antisymmetric (also on invalid text);
 *  - the parser helpers: vn_trim gives a slice with no space at either end
 *    and is idempotent; vn_quote output is UTF-8, shorter than cap, and the
 *    text itself when it fits; valid text without NUL or ' ' matches its own
 *    vn_lower form with vn_match_word over its whole length.
 *
 *   clang -g -fsanitize=fuzzer,address,undefined -Isrc fuzz/fuzz_vntext.c \
 *           src/core/buf.c src/core/err.c src/core/vntext.c -lutf8proc -o fzv
 *   ./fzv -max_total_time=60 fuzz/corpus/vntext
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vntext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                                                   \
	do {                                                                                       \
		if (!(x)) {                                                                        \
			fprintf(stderr, "invariant failed: %s (line %d)\n", #x, __LINE__);         \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

typedef int (*TextFn)(Buf *, const char *, size_t, Err *);

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* Runs fn on s into out, a fresh buffer the caller frees. */
static int run(TextFn fn, Buf *out, const char *s, size_t len)
{
	Err e;
	buf_init(out, 1 << 22);
	return fn(out, s, len, &e);
}

static bool same(const Buf *a, const Buf *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static int key_cmp(const Buf *a, const Buf *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int r = n ? memcmp(a->data, b->data, n) : 0;
	return r ? sign(r) : (a->len > b->len) - (a->len < b->len);
}

static void check_key_bytes(const Buf *k)
{
	int seps = 0;
	for (size_t i = 0; i < k->len; i++) {
		char c = k->data[i];
		CHECK(c >= '!' && c <= '~' && c != '\'' && c != '\\' && c != '"');
		seps += c == '!';
	}
	CHECK(seps == 2);
}

/* The invariants that tie NFC, the search key and the collation together. */
static void check_valid(const char *s, size_t len, const Buf *nfc, const Buf *fold, const Buf *key)
{
	Buf again, b;
	CHECK(vn_utf8_valid(nfc->data, nfc->len));
	CHECK(run(vn_nfc, &again, nfc->data, nfc->len) == KC_OK && same(&again, nfc));
	buf_free(&again);
	CHECK(run(vn_fold, &b, nfc->data, nfc->len) == KC_OK && same(&b, fold));
	buf_free(&b);
	CHECK(run(vn_fold, &b, fold->data, fold->len) == KC_OK && same(&b, fold));
	buf_free(&b);
	CHECK(run(vn_collate_key, &b, nfc->data, nfc->len) == KC_OK && same(&b, key));
	buf_free(&b);
	CHECK(vn_compare(s, len, nfc->data, nfc->len) == 0);
	check_key_bytes(key);
}

/* True if s[0..len) ends with a space (vn_space_len). */
static bool ends_in_space(const char *s, size_t len)
{
	for (size_t k = 1; k <= 3 && k <= len; k++)
		if (vn_space_len(s + len - k, k) == k)
			return true;
	return false;
}

static void check_helpers(const char *s, size_t len, bool valid)
{
	const char *t = s;
	size_t n = len;
	vn_trim(&t, &n);
	CHECK(t >= s && t + n <= s + len);
	CHECK(n == 0 || (vn_space_len(t, n) == 0 && !ends_in_space(t, n)));
	const char *t2 = t;
	size_t n2 = n;
	vn_trim(&t2, &n2);
	CHECK(t2 == t && n2 == n);
	static const size_t caps[] = {8, 9, 13, VN_QUOTE_MAX};
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		char q[VN_QUOTE_MAX];
		vn_quote(q, caps[i], s, len);
		size_t ql = strlen(q);
		CHECK(ql < caps[i] && vn_utf8_valid(q, ql));
		bool plain = valid;
		for (size_t k = 0; k < len && plain; k++)
			plain = (unsigned char)s[k] >= 0x20 && s[k] != 0x7F;
		if (plain && len < caps[i])
			CHECK(ql == len && memcmp(q, s, len) == 0);
	}
	if (valid && len > 0 && !memchr(s, '\0', len) && !memchr(s, ' ', len)) {
		Buf lower;
		CHECK(run(vn_lower, &lower, s, len) == KC_OK);
		CHECK(vn_match_word(s, len, buf_cstr(&lower)) == len);
		buf_free(&lower);
	}
}

/* Runs every function on s; leaves the collation key in key (to free). */
static void one(const char *s, size_t len, Buf *key)
{
	static const TextFn others[] = {vn_upper_first, vn_lower, vn_upper};
	bool valid = vn_utf8_valid(s, len);
	Buf nfc, fold, b;
	CHECK((run(vn_nfc, &nfc, s, len) == KC_OK) == valid);
	CHECK((run(vn_fold, &fold, s, len) == KC_OK) == valid);
	CHECK((run(vn_collate_key, key, s, len) == KC_OK) == valid);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		CHECK((run(others[i], &b, s, len) == KC_OK) == valid);
		CHECK(!valid || vn_utf8_valid(b.data, b.len));
		buf_free(&b);
	}
	CHECK(vn_compare(s, len, s, len) == 0);
	check_helpers(s, len, valid);
	if (valid)
		check_valid(s, len, &nfc, &fold, key);
	buf_free(&nfc);
	buf_free(&fold);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *a = (const char *)data, *sep = memchr(a, 0xFF, size);
	size_t alen = sep ? (size_t)(sep - a) : size;
	const char *b = sep ? sep + 1 : a + size;
	size_t blen = size - alen - (sep != NULL);
	Buf ka, kb;
	one(a, alen, &ka);
	one(b, blen, &kb);
	int ab = sign(vn_compare(a, alen, b, blen)), ba = sign(vn_compare(b, blen, a, alen));
	CHECK(ab == -ba);
	if (vn_utf8_valid(a, alen) && vn_utf8_valid(b, blen))
		CHECK(key_cmp(&ka, &kb) == ab);
	/* The whole input too, with its 0xFF as U+FFFD. */
	CHECK(vn_compare((const char *)data, size, (const char *)data, size) == 0);
	buf_free(&ka);
	buf_free(&kb);
	return 0;
}
