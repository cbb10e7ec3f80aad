/* vntext.c — see vntext.h. */
#include "vntext.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- UTF-8 -------------------------------------------------------------- */

size_t vn_utf8_decode(const char *s, size_t len, int32_t *cp)
{
	if (len == 0)
		return 0;
	const unsigned char *u = (const unsigned char *)s;
	unsigned char c = u[0], lo = 0x80, hi = 0xBF;
	size_t n;
	int32_t v;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	/* The second byte's range rules out overlongs, surrogates and > U+10FFFF. */
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2, v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3, v = c & 0x0F;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4, v = c & 0x07;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (size_t i = 1; i < n; i++, lo = 0x80, hi = 0xBF) {
		if (u[i] < lo || u[i] > hi)
			return 0;
		v = v << 6 | (u[i] & 0x3F);
	}
	*cp = v;
	return n;
}

/* The offset of the first byte that does not start a well-formed sequence,
 * or len if there is none. */
static size_t utf8_invalid_at(const char *s, size_t len)
{
	size_t i = 0;
	int32_t cp;
	while (i < len) {
		size_t n = vn_utf8_decode(s + i, len - i, &cp);
		if (!n)
			return i;
		i += n;
	}
	return len;
}

bool vn_utf8_valid(const char *s, size_t len)
{
	return utf8_invalid_at(s, len) == len;
}

static int check_utf8(const char *s, size_t len, Err *e)
{
	size_t bad = utf8_invalid_at(s, len);
	if (bad < len)
		return err_set(e, KC_EINVAL, "Văn bản không phải UTF-8 hợp lệ tại byte %zu", bad);
	return KC_OK;
}

/* Ends a call that appended to out from mark on: if the buffer filled up,
 * takes back this call's partial output and reports KC_ETOOBIG. */
static int finish(Buf *out, size_t mark, Err *e)
{
	if (!buf_err(out))
		return KC_OK;
	buf_truncate(out, mark);
	return err_set(e, KC_ETOOBIG, "Văn bản quá dài: vượt giới hạn %zu byte", out->max);
}

static void put_cp(Buf *out, int32_t c)
{
	utf8proc_uint8_t u[4];
	buf_append(out, u, (size_t)utf8proc_encode_char(c, u));
}

/* ---- Code point vectors ------------------------------------------------- */

/* A growable array of code points that lives on the stack while it is short,
 * so that comparing two names does not allocate. */
typedef struct CpVec {
	int32_t *v;
	size_t n, cap;
	int32_t local[128];
} CpVec;

static void cpv_init(CpVec *cv)
{
	cv->v = cv->local;
	cv->n = 0;
	cv->cap = COUNT(cv->local);
}

static void cpv_free(CpVec *cv)
{
	if (cv->v != cv->local)
		free(cv->v);
	cpv_init(cv);
}

static void cpv_reserve(CpVec *cv, size_t more)
{
	if (more <= cv->cap - cv->n)
		return;
	size_t cap = cv->cap;
	while (cap - cv->n < more) {
		if (cap > SIZE_MAX / 2 / sizeof(int32_t))
			abort();
		cap *= 2;
	}
	int32_t *p = malloc(cap * sizeof *p);
	if (!p)
		abort();
	memcpy(p, cv->v, cv->n * sizeof *p);
	if (cv->v != cv->local)
		free(cv->v);
	cv->v = p;
	cv->cap = cap;
}

/* Appends utf8proc's decomposition of the scalar value c under options. */
static void cpv_decompose(CpVec *cv, int32_t c, utf8proc_option_t options)
{
	/* ASCII decomposes to itself under these options, case folded to lower
	 * case: the common letters skip utf8proc (names are mostly ASCII). */
	const utf8proc_option_t plain = UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK |
	                                UTF8PROC_IGNORE | UTF8PROC_CASEFOLD;
	if (c < 0x80 && !(options & ~plain)) {
		cpv_reserve(cv, 1);
		cv->v[cv->n++] = (options & UTF8PROC_CASEFOLD) && c >= 'A' && c <= 'Z' ? c + 32 : c;
		return;
	}
	int boundclass = 0;
	for (;;) {
		utf8proc_ssize_t room = (utf8proc_ssize_t)(cv->cap - cv->n);
		utf8proc_ssize_t r =
		        utf8proc_decompose_char(c, cv->v + cv->n, room, options, &boundclass);
		if (r < 0)
			abort(); /* c was decoded from well-formed UTF-8 */
		if (r <= room) {
			cv->n += (size_t)r;
			return;
		}
		cpv_reserve(cv, (size_t)r);
	}
}

static int ccc(int32_t c)
{
	/* No character before U+0300 combines. */
	return c < 0x300 ? 0 : utf8proc_get_property(c)->combining_class;
}

/* Puts each run of combining marks in canonical order (a stable sort by
 * combining class), which completes NFD after per-character decomposition.
 * Quadratic in the length of one run of marks, like utf8proc's own. */
static void cpv_reorder(CpVec *cv)
{
	for (size_t i = 1; i < cv->n; i++) {
		int32_t c = cv->v[i];
		int cc = ccc(c);
		size_t j = i;
		if (!cc)
			continue;
		while (j > 0 && ccc(cv->v[j - 1]) > cc) {
			cv->v[j] = cv->v[j - 1];
			j--;
		}
		cv->v[j] = c;
	}
}

/* Decodes s to NFD code points. A byte that does not start a well-formed
 * sequence becomes U+FFFD, so callers that validated first never see one. */
static void cpv_nfd(CpVec *cv, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		int32_t c;
		size_t n = vn_utf8_decode(s + i, len - i, &c);
		if (!n)
			c = 0xFFFD, n = 1;
		cpv_decompose(cv, c, UTF8PROC_DECOMPOSE);
		i += n;
	}
	cpv_reorder(cv);
}

/* ---- NFC, case ---------------------------------------------------------- */

/* Whether c is NFC on its own and never composes with what precedes it:
 * Latin up to U+02FF and Latin Extended Additional (U+1E00-U+1EFF), the
 * precomposed letters Vietnamese is written with, so that text made of
 * them alone is already NFC (tests/core/test_vntext.c checks each against
 * ICU). Normalising through utf8proc was a twentieth of an import. */
static bool nfc_inert(int32_t c)
{
	return c < 0x300 || (c >= 0x1E00 && c <= 0x1EFF);
}

int vn_nfc(Buf *out, const char *s, size_t len, Err *e)
{
	int rc = check_utf8(s, len, e);
	if (rc)
		return rc;
	size_t mark = out->len, i = 0;
	for (size_t n; i < len; i += n) {
		int32_t c;
		n = (unsigned char)s[i] < 0x80 ? 1 : vn_utf8_decode(s + i, len - i, &c);
		if (n > 1 && !nfc_inert(c))
			break;
	}
	if (i == len) { /* ASCII and precomposed Latin are already NFC */
		buf_append(out, s, len);
		return finish(out, mark, e);
	}
	if (len > (size_t)PTRDIFF_MAX / 8) /* utf8proc counts in ssize_t */
		return err_set(e, KC_ETOOBIG, "Văn bản quá dài: %zu byte", len);
	utf8proc_uint8_t *nfc = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &nfc,
	        UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n == UTF8PROC_ERROR_NOMEM)
		abort();
	if (n < 0) {
		free(nfc);
		return err_set(e, KC_EIO, "utf8proc_map: %s", utf8proc_errmsg(n));
	}
	buf_append(out, nfc, (size_t)n);
	free(nfc);
	return finish(out, mark, e);
}

/* Appends s with fn applied to its code points from the first to the one at
 * byte offset `upto` (exclusive); the rest is copied. */
static int map_case(
        Buf *out, const char *s, size_t len, size_t upto, int32_t (*fn)(int32_t), Err *e)
{
	int rc = check_utf8(s, len, e);
	if (rc)
		return rc;
	size_t mark = out->len, i = 0;
	while (i < len && i < upto) {
		int32_t c;
		size_t n = vn_utf8_decode(s + i, len - i, &c);
		put_cp(out, fn(c));
		i += n;
	}
	buf_append(out, s + i, len - i);
	return finish(out, mark, e);
}

int vn_upper_first(Buf *out, const char *s, size_t len, Err *e)
{
	/* Title case, not upper case: "ǆ" at the start of a word becomes "ǅ". */
	return map_case(out, s, len, 1, utf8proc_totitle, e);
}

int vn_lower(Buf *out, const char *s, size_t len, Err *e)
{
	return map_case(out, s, len, len, utf8proc_tolower, e);
}

int vn_upper(Buf *out, const char *s, size_t len, Err *e)
{
	return map_case(out, s, len, len, utf8proc_toupper, e);
}

/* ---- Search key --------------------------------------------------------- */

static bool is_space(int32_t c)
{
	if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85)
		return true;
	if (c < 0x80)
		return false;
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
	       cat == UTF8PROC_CATEGORY_ZP;
}

/* Keeps the folded characters worth searching on, in place: whitespace runs
 * become one space (none at the ends), controls go, đ and ð become d. */
static void fold_filter(CpVec *cv)
{
	size_t w = 0;
	bool space = false;
	for (size_t r = 0; r < cv->n; r++) {
		int32_t c = cv->v[r];
		if (is_space(c)) {
			space = w > 0;
			continue;
		}
		if (c < 0x80 ? c < 0x20 || c == 0x7F : utf8proc_category(c) == UTF8PROC_CATEGORY_CC)
			continue;
		if (space)
			cv->v[w++] = ' ', space = false;
		cv->v[w++] = c == 0x111 || c == 0xF0 ? 'd' : c;
	}
	cv->n = w;
}

int vn_fold(Buf *out, const char *s, size_t len, Err *e)
{
	/* Marks are stripped before case folding as well as after: folding
	 * first would turn U+0345 (a mark) into ι in "ᾳ" but not in its NFD
	 * form, and the key must not depend on the normalisation form. */
	const utf8proc_option_t strip =
	        UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE;
	int rc = check_utf8(s, len, e);
	if (rc)
		return rc;
	size_t mark = out->len;
	CpVec bare, folded;
	cpv_init(&bare);
	cpv_init(&folded);
	for (size_t i = 0, n; i < len; i += n) {
		int32_t c;
		n = vn_utf8_decode(s + i, len - i, &c);
		cpv_decompose(&bare, c, strip);
	}
	for (size_t i = 0; i < bare.n; i++)
		cpv_decompose(&folded, bare.v[i], strip | UTF8PROC_CASEFOLD);
	fold_filter(&folded);
	cpv_reorder(&folded);
	folded.n = (size_t)utf8proc_normalize_utf32(
	        folded.v, (utf8proc_ssize_t)folded.n, UTF8PROC_COMPOSE);
	for (size_t i = 0; i < folded.n; i++)
		put_cp(out, folded.v[i]);
	cpv_free(&bare);
	cpv_free(&folded);
	return finish(out, mark, e);
}

/* ---- Collation weights -------------------------------------------------- */

/* ICU's root order of the ASCII punctuation and symbols (not '$', currency). */
static const char ascii_punct[] = "_-,;:!?.'\"()[]{}@*/\\&#%";
static const char ascii_symbol[] = "`^+<=>|~";

/* Primary ranks, in order. Each is one key byte; a LEAD rank is followed in
 * the key by the code point, for characters outside the short table. */
enum {
	R_SPACE = 0, /* \t \n \v \f \r, then ' ' */
	R_LEAD_SPACE = R_SPACE + 6,
	R_PUNCT,
	R_LEAD_PUNCT = R_PUNCT + (int)sizeof ascii_punct - 1,
	R_SYMBOL,
	R_LEAD_SYMBOL = R_SYMBOL + (int)sizeof ascii_symbol - 1,
	R_DOLLAR,
	R_LEAD_CURRENCY,
	R_DIGIT,
	R_LETTER = R_DIGIT + 10, /* the 33 letters of letter_rank */
	R_LEAD_OTHER = R_LETTER + 33,
	R_COUNT
};

/* One byte per rank, strictly increasing, printable, without space, quotes
 * or backslash; '!' sorts below all of them and separates the levels. */
static const char key_bytes[] = "#$%&()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`"
                                "abcdefghijklmnopqrstuvwxyz{|}~";
_Static_assert(R_COUNT <= sizeof key_bytes - 1, "too many primary ranks for key_bytes");

/* Weights as integers ordered like their key encoding: rank + 1 in the high
 * bits (so no weight is 0), the code point in the low 21 for LEAD ranks. */
#define CP_BITS     21
#define W(rank)     ((uint32_t)((rank) + 1) << CP_BITS)
#define WL(rank, c) (W(rank) | (uint32_t)(c))

/* Secondary weights: common (every character), the five tones, then any
 * other mark by code point. */
enum { S_COMMON = 1, S_GRAVE, S_HOOK, S_TILDE, S_ACUTE, S_DOT, S_OTHER };

/* Rank of a letter: the 26 ASCII letters with room after a (ă â), d (đ),
 * e (ê), o (ô ơ) and u (ư); variant 1 or 2 picks the Vietnamese letter. */
static int letter_rank(int base, int variant)
{
	int r = base - 'a' + 2 * (base > 'a') + (base > 'd') + (base > 'e') + 2 * (base > 'o') +
	        (base > 'u');
	return R_LETTER + r + variant;
}

/* The letter variant the vowel mark makes of a lower-case base, or 0. */
static int vowel_variant(int32_t base, int32_t mark)
{
	switch (mark) {
	case 0x306: return base == 'a';                                  /* ă */
	case 0x302: return base == 'a' ? 2 : base == 'e' || base == 'o'; /* â ê ô */
	case 0x31B: return base == 'o' ? 2 : base == 'u';                /* ơ ư */
	}
	return 0;
}

static uint32_t ascii_primary(int c, int variant)
{
	const char *p;
	if (c >= 'a' && c <= 'z')
		return W(letter_rank(c, variant));
	if (c >= '0' && c <= '9')
		return W(R_DIGIT + c - '0');
	if (c >= '\t' && c <= '\r')
		return W(R_SPACE + c - '\t');
	if (c == ' ')
		return W(R_SPACE + 5);
	if (c == '$')
		return W(R_DOLLAR);
	if (c && (p = strchr(ascii_punct, c)))
		return W(R_PUNCT + (int)(p - ascii_punct));
	if (c && (p = strchr(ascii_symbol, c)))
		return W(R_SYMBOL + (int)(p - ascii_symbol));
	return 0; /* other controls are ignorable */
}

/* The primary weight of a non-mark code point, lower-cased; 0 = ignorable. */
static uint32_t primary(int32_t lc, int variant)
{
	if (lc < 0x80)
		return ascii_primary(lc, variant);
	if (lc == 0x111)
		return W(letter_rank('d', 1));
	switch (utf8proc_category(lc)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP: return WL(R_LEAD_SPACE, lc);
	case UTF8PROC_CATEGORY_CC: return lc == 0x85 ? WL(R_LEAD_SPACE, lc) : 0;
	case UTF8PROC_CATEGORY_CF: return 0;
	case UTF8PROC_CATEGORY_PC:
	case UTF8PROC_CATEGORY_PD:
	case UTF8PROC_CATEGORY_PS:
	case UTF8PROC_CATEGORY_PE:
	case UTF8PROC_CATEGORY_PI:
	case UTF8PROC_CATEGORY_PF:
	case UTF8PROC_CATEGORY_PO: return WL(R_LEAD_PUNCT, lc);
	case UTF8PROC_CATEGORY_SM:
	case UTF8PROC_CATEGORY_SK:
	case UTF8PROC_CATEGORY_SO: return WL(R_LEAD_SYMBOL, lc);
	case UTF8PROC_CATEGORY_SC: return WL(R_LEAD_CURRENCY, lc);
	default: return WL(R_LEAD_OTHER, lc);
	}
}

static bool is_mark(int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);
	return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	       cat == UTF8PROC_CATEGORY_ME;
}

static uint32_t mark_weight(int32_t c)
{
	switch (c) {
	case 0x300: return S_GRAVE;
	case 0x309: return S_HOOK;
	case 0x303: return S_TILDE;
	case 0x301: return S_ACUTE;
	case 0x323: return S_DOT;
	}
	return (uint32_t)S_OTHER << CP_BITS | (uint32_t)c;
}

/* Finds, among the marks after the base v[at], a vowel mark that makes a
 * Vietnamese letter of it (a + breve = ă). As with ICU's contractions the
 * mark must not be blocked: no mark before it in the run may have combining
 * class 0 or one at least its own (so in NFD "ậ" = a, dot below, circumflex
 * the circumflex counts, but in a, tilde, circumflex it does not). Returns
 * the variant (0 if none) and sets *where to the mark's index. */
static int vowel_mark(const int32_t *v, size_t n, size_t at, int32_t base, size_t *where)
{
	int maxcc = 0;
	for (size_t j = at + 1; j < n && is_mark(v[j]); j++) {
		int cc = ccc(v[j]), var = vowel_variant(base, v[j]);
		if (var && cc > maxcc) {
			*where = j;
			return var;
		}
		if (cc == 0)
			return 0;
		maxcc = cc > maxcc ? cc : maxcc;
	}
	return 0;
}

/* ---- Collation elements ------------------------------------------------- */

/* A collation element: a character (with its absorbed vowel mark) has a
 * primary, the common secondary and a case; a mark has only a secondary. */
typedef struct Ce {
	uint32_t p, s, t;
} Ce;

/* Walks the elements of an NFD code point array. skip is the index of the
 * vowel mark the last base absorbed, so that it is not seen twice. */
typedef struct CeIter {
	const int32_t *v;
	size_t n, i, skip;
} CeIter;

static CeIter ce_iter(const CpVec *cv)
{
	return (CeIter){cv->v, cv->n, 0, SIZE_MAX};
}

static bool ce_next(CeIter *it, Ce *ce)
{
	while (it->i < it->n) {
		size_t at = it->i++, where = SIZE_MAX;
		int32_t c = it->v[at];
		if (at == it->skip)
			continue;
		if (is_mark(c)) {
			*ce = (Ce){0, mark_weight(c), 0};
			return true;
		}
		int32_t lc = utf8proc_tolower(c);
		int variant = vowel_mark(it->v, it->n, at, lc, &where);
		uint32_t p = primary(lc, variant);
		if (!p)
			continue;
		it->skip = where;
		*ce = (Ce){p, S_COMMON, c != lc};
		return true;
	}
	return false;
}

/* The next weight of level 0 (primary), 1 (secondary) or 2 (tertiary).
 * Marks have no primary and no case, so those levels skip them. */
static bool next_weight(CeIter *it, int level, uint32_t *w)
{
	Ce ce;
	while (ce_next(it, &ce)) {
		if (level == 1 || ce.p) {
			*w = level == 0 ? ce.p : level == 1 ? ce.s : ce.t;
			return true;
		}
	}
	return false;
}

static int compare_level(const CpVec *a, const CpVec *b, int level)
{
	CeIter x = ce_iter(a), y = ce_iter(b);
	for (;;) {
		uint32_t wa, wb;
		bool ha = next_weight(&x, level, &wa), hb = next_weight(&y, level, &wb);
		if (!ha || !hb)
			return (int)ha - (int)hb;
		if (wa != wb)
			return wa < wb ? -1 : 1;
	}
}

int vn_compare(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return 0;
	CpVec x, y;
	cpv_init(&x);
	cpv_init(&y);
	cpv_nfd(&x, a, alen);
	cpv_nfd(&y, b, blen);
	int r = 0;
	for (int level = 0; level < 3 && !r; level++)
		r = compare_level(&x, &y, level);
	cpv_free(&x);
	cpv_free(&y);
	return r;
}

/* ---- Collation keys ----------------------------------------------------- */

static void put_hex6(Buf *out, uint32_t c)
{
	static const char hex[] = "0123456789ABCDEF";
	char h[6];
	for (int i = 5; i >= 0; i--, c >>= 4)
		h[i] = hex[c & 0xF];
	buf_append(out, h, sizeof h);
}

/* Appends one weight of the level; returns true unless it is the level's
 * lowest (common) weight, which may be trimmed from the end. */
static bool put_weight(Buf *out, int level, uint32_t w)
{
	uint32_t low = w & ((1u << CP_BITS) - 1);
	if (level == 0) {
		int rank = (int)(w >> CP_BITS) - 1;
		buf_putc(out, key_bytes[rank]);
		if (rank == R_LEAD_SPACE || rank == R_LEAD_PUNCT || rank == R_LEAD_SYMBOL ||
		        rank == R_LEAD_CURRENCY || rank == R_LEAD_OTHER)
			put_hex6(out, low);
		return true;
	}
	if (level == 2) {
		buf_putc(out, (char)('0' + w));
		return w != 0;
	}
	if (w < S_OTHER) {
		buf_putc(out, (char)('0' + w - S_COMMON));
		return w != S_COMMON;
	}
	buf_putc(out, '6');
	put_hex6(out, low);
	return true;
}

int vn_collate_key(Buf *out, const char *s, size_t len, Err *e)
{
	int rc = check_utf8(s, len, e);
	if (rc)
		return rc;
	size_t mark = out->len;
	CpVec cv;
	cpv_init(&cv);
	cpv_nfd(&cv, s, len);
	for (int level = 0; level < 3; level++) {
		if (level)
			buf_putc(out, '!');
		/* Trailing common weights add nothing to the order: drop them. */
		size_t keep = out->len;
		uint32_t w;
		CeIter it = ce_iter(&cv);
		while (next_weight(&it, level, &w))
			if (put_weight(out, level, w))
				keep = out->len;
		buf_truncate(out, keep);
	}
	cpv_free(&cv);
	return finish(out, mark, e);
}

/* ---- Helpers for parsers ------------------------------------------------ */

size_t vn_space_len(const char *s, size_t len)
{
	int32_t c;
	size_t n = vn_utf8_decode(s, len, &c);
	if (n == 0)
		return 0;
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 || c == 0x202F ? n : 0;
}

void vn_trim(const char **s, size_t *len)
{
	const char *p = *s;
	size_t n = *len, k;
	while ((k = vn_space_len(p, n)) > 0)
		p += k, n -= k;
	/* A space is 1 to 3 bytes; try each length ending at the end. */
	for (k = 1; k <= 3 && k <= n;) {
		if (vn_space_len(p + n - k, k) == k)
			n -= k, k = 1;
		else
			k++;
	}
	*s = p;
	*len = n;
}

size_t vn_match_word(const char *s, size_t len, const char *word)
{
	size_t i = 0, wlen = strlen(word), w = 0;
	while (w < wlen) {
		int32_t want, got;
		if (word[w] == ' ') {
			size_t start = i, k;
			while ((k = vn_space_len(s + i, len - i)) > 0)
				i += k;
			if (i == start)
				return 0;
			w++;
			continue;
		}
		size_t wn = vn_utf8_decode(word + w, wlen - w, &want);
		size_t n = vn_utf8_decode(s + i, len - i, &got);
		if (wn == 0 || n == 0 || utf8proc_tolower(got) != want)
			return 0;
		w += wn, i += n;
	}
	return i;
}

/* Measures one character of s for vn_quote: returns the bytes it takes in s
 * (at least 1) and sets *plain when it is shown as itself; otherwise it is
 * shown as one '?'. */
static size_t quote_char(const char *s, size_t len, bool *plain)
{
	int32_t c;
	size_t n = vn_utf8_decode(s, len, &c);
	*plain = n && c >= 0x20 && c != 0x7F;
	return n ? n : 1;
}

const char *vn_quote(char *dst, size_t cap, const char *s, size_t len)
{
	static const char more[] = "…";
	bool plain;
	size_t need = 0, o = 0;
	for (size_t i = 0, n; i < len; i += n) {
		n = quote_char(s + i, len - i, &plain);
		need += plain ? n : 1;
	}
	/* The bytes of text dst holds: all of it if it fits with the NUL, else
	 * what leaves room for "…" and the NUL. */
	size_t room = need < cap ? need : cap - sizeof more;
	for (size_t i = 0, n; i < len; i += n) {
		n = quote_char(s + i, len - i, &plain);
		size_t w = plain ? n : 1;
		if (o + w > room) {
			memcpy(dst + o, more, sizeof more - 1);
			o += sizeof more - 1;
			break;
		}
		memcpy(dst + o, plain ? s + i : "?", w);
		o += w;
	}
	dst[o] = '\0';
	return dst;
}
