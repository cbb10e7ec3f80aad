/* vntext.h — Vietnamese text: UTF-8 checks, NFC, search keys, collation, case.
 *
 * What it is: pure functions over UTF-8 slices (const char *s, size_t len) that
 * append their result to a caller's Buf, and the small helpers every parser
 * of user input shares (spaces, trimming, word matching, quoting in messages)
 * so that all parsers accept the same text. No I/O and no global state, so
 * they are thread-safe. Unicode data comes from utf8proc; ICU is never linked
 * here, it is only the oracle the tests compare the collation against.
 *
 * What it is not: a converter from legacy encodings (TCVN3/ABC, VNI) — that
 * belongs to the importers, which hand this module UTF-8; nor a full Unicode
 * Collation Algorithm — scripts other than Latin get a simple stable order
 * (see "Collation" below).
 *
 * Errors: text that is not well-formed UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF) is never passed on. Every function that
 * takes an Err returns KC_EINVAL with "Văn bản không phải UTF-8 hợp lệ tại
 * byte N", N being the offset from 0 of the first byte of the bad sequence,
 * and KC_ETOOBIG when the Buf reaches its limit. A failing call appends
 * nothing (a full Buf keeps its sticky error). Allocation failure aborts.
 *
 * Collation (DOMAIN §8.6), checked pair by pair against ICU's "vi" collator:
 *  - Primary: letters in the order a ă â b c d đ e ê f g h i j k l m n o ô ơ
 *    p q r s t u ư v w x y z (f j w z in Latin order, for loanwords); digraphs
 *    are not letters. Before letters, as ICU does by default: whitespace, then
 *    punctuation, then symbols, then currency, then digits, each compared as a
 *    character ("10" < "9"). ASCII punctuation and symbols follow ICU's root
 *    order (_ - , ; : ! ? . ' " ( ) [ ] { } @ * / \ & # % ` ^ + < = > | ~ $).
 *    Non-ASCII whitespace, punctuation, symbols and currency sort after the
 *    ASCII ones of their group by code point; every other character (other
 *    scripts and letters, non-ASCII digits, unassigned) after z, by code point
 *    of its lower case. Control and format characters are ignored.
 *  - Secondary: tones, none < huyền < hỏi < ngã < sắc < nặng, compared left to
 *    right over the whole string (not French-style backwards). Other accents
 *    come after nặng, by code point.
 *  - Tertiary: lower case before upper case.
 *  - Strings equal at all three levels compare equal ("a" and "a\x01", NFC and
 *    NFD forms). Sort by (key, text) when a total order is needed.
 *  - Canonically equivalent strings have the same key, so NFD input is fine.
 *    "Hòa" and "Hoà" are different strings to ICU (secondary difference:
 *    "Hoà" < "Hòa"); compare vn_fold keys to treat them as the same name.
 *
 * Collation key format (what vn_collate_key writes): printable ASCII without
 * space, quotes or backslash (bytes '#'..'~' except '\'' and '\\', and '!'
 * as the separator), so it fits a TEXT column and sorts the same under
 * SQLite's BINARY and PostgreSQL's "C" collation:
 *     primaries '!' secondaries '!' tertiaries
 * A primary is one byte per character, or for the "after the ASCII ones" and
 * "other" groups a group byte then 6 upper-case hex digits of the code point.
 * A secondary is '0' for each character (common), '1'..'5' for the five tones,
 * or '6' then 6 hex digits for another accent. A tertiary is '0' (lower or
 * uncased) or '1' (upper). Trailing '0's of the secondaries and tertiaries
 * are dropped. Keys are about three bytes per character; the format is
 * pinned by a golden test because changing it means re-keying stored data. */
#ifndef KC_VNTEXT_H
#define KC_VNTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/* True if s is well-formed UTF-8 (an empty slice is). */
bool vn_utf8_valid(const char *s, size_t len);
/* Decodes the code point at the start of s into *cp; returns the bytes it
 * takes (1-4), or 0 if s does not start a well-formed sequence or len is 0. */
size_t vn_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Appends the NFC form of s to out. */
int vn_nfc(Buf *out, const char *s, size_t len, Err *e);
/* Appends the search key of s to out: compatibility decomposition, accents
 * and all other combining marks dropped, case folded, đ/Đ (and the look-alike
 * ð/Ð) to d, ignorable and control characters dropped, runs of whitespace
 * to one space, trimmed; NFC. "Đắk Lắk" → "dak lak", "Hoà"/"HÒA" → "hoa". */
int vn_fold(Buf *out, const char *s, size_t len, Err *e);

/* Appends the collation key of s (format above) to out; memcmp order of keys
 * is the Vietnamese order and agrees in sign with vn_compare. */
int vn_collate_key(Buf *out, const char *s, size_t len, Err *e);
/* Compares a and b in Vietnamese order: <0, 0 or >0. Does not allocate for
 * short strings. Each byte of a that is not well-formed UTF-8 counts as
 * U+FFFD, so it never fails; sort keys are only made of valid text. */
int vn_compare(const char *a, size_t alen, const char *b, size_t blen);

/* Appends s with its first character in title case ("tỉnh Lào Cai" →
 * "Tỉnh Lào Cai"); the rest unchanged. */
int vn_upper_first(Buf *out, const char *s, size_t len, Err *e);
/* Append s in lower / upper case: simple one-to-one case mapping, so the
 * length in characters is kept ("ß" becomes "ẞ", not "SS"). */
int vn_lower(Buf *out, const char *s, size_t len, Err *e);
int vn_upper(Buf *out, const char *s, size_t len, Err *e);

/* ---- Helpers for parsers of user input ---- */

/* The byte length of the space at the start of s[0..len), or 0 if there is
 * none. Spaces are ASCII space, tab, LF, VT, FF and CR, U+00A0 NO-BREAK SPACE
 * and U+202F NARROW NO-BREAK SPACE: what Word, Excel and web pages put around
 * and inside figures and dates. Other Unicode spaces (U+2007 FIGURE SPACE,
 * U+2009 THIN SPACE…) are not: no source we read produces them, and num's
 * thousands separators are exactly ' ', U+00A0 and U+202F. */
size_t vn_space_len(const char *s, size_t len);
/* Narrows *s, *len to leave out spaces (as vn_space_len) at both ends. */
void vn_trim(const char **s, size_t *len);
/* The bytes at the start of s[0..len) that spell word ignoring case, or 0
 * if s does not start with it. word is lower-case NFC; each character of s
 * is compared through utf8proc_tolower, so s must be NFC too for accented
 * letters to match ("TRIỆU" matches "triệu", the decomposed e U+0302 U+0323
 * of "triệu" does not), and bytes that are not UTF-8 match nothing. A space
 * in word matches one or more spaces. Word boundaries are the caller's
 * business: "tỷ" also matches the start of "tỷlệ". */
size_t vn_match_word(const char *s, size_t len, const char *word);

/* The size of the buffer to quote a user's value into with vn_quote:
 * `char q[VN_QUOTE_MAX]`. Up to 99 bytes are quoted whole, longer text is cut
 * to 96 bytes and "…", so a pasted page cannot crowd the reason out of an
 * Err message (512 bytes). */
#define VN_QUOTE_MAX 100
/* Copies s[0..len) into dst (cap bytes, cap >= 8) for quoting in an error
 * message: whole when it fits (cap - 1 bytes), otherwise cut at a character
 * boundary so that the text, "…" and the NUL fill at most cap. Control
 * characters and bytes that are not UTF-8 are shown as '?', so the message
 * stays clean text. Returns dst. */
const char *vn_quote(char *dst, size_t cap, const char *s, size_t len);

#endif
