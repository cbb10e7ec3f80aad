/* test_vntext.c — Vietnamese text: UTF-8, NFC, search keys, case and the
 * collation, which is checked against ICU's "vi" collator as the oracle.
 * ICU is linked into this test only, never into src/. */
#include "harness.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <utf8proc.h>

#include "core/vntext.h"

static UCollator *icu;

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static int icu_cmp(const char *a, const char *b)
{
	UErrorCode st = U_ZERO_ERROR;
	int r = ucol_strcollUTF8(icu, a, (int32_t)strlen(a), b, (int32_t)strlen(b), &st);
	assert_true(U_SUCCESS(st));
	return r;
}

static int vn_cmp(const char *a, const char *b)
{
	return vn_compare(a, strlen(a), b, strlen(b));
}

/* The collation key of s, to free(). */
static char *key_of(const char *s)
{
	Buf b;
	buf_init(&b, 1 << 16);
	assert_int_equal(vn_collate_key(&b, s, strlen(s), NULL), KC_OK);
	return buf_detach(&b);
}

/* Keys have no NUL byte, so strcmp is their memcmp order. */
static int key_cmp(const char *a, const char *b)
{
	char *ka = key_of(a), *kb = key_of(b);
	int r = strcmp(ka, kb);
	free(ka);
	free(kb);
	return r;
}

/* Checks vn_compare and the keys against ICU for one pair, naming it. */
static void check_pair(const char *a, const char *b)
{
	int want = sign(icu_cmp(a, b)), got = sign(vn_cmp(a, b)), keys = sign(key_cmp(a, b));
	if (got != want || keys != want)
		fail_msg("'%s' vs '%s': ICU %d, vn_compare %d, keys %d", a, b, want, got, keys);
}

/* ---- Province names (data/admin-units, NFC) ------------------------------ */

static const char *const provinces_2025[] = {"Hà Nội", "Cao Bằng", "Tuyên Quang", "Điện Biên",
        "Lai Châu", "Sơn La", "Lào Cai", "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Ninh",
        "Phú Thọ", "Hải Phòng", "Hưng Yên", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
        "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Đắk Lắk", "Lâm Đồng",
        "Đồng Nai", "Hồ Chí Minh", "Tây Ninh", "Đồng Tháp", "Vĩnh Long", "An Giang", "Cần Thơ",
        "Cà Mau"};

static const char *const provinces_legacy[] = {"Hà Nội", "Hà Giang", "Cao Bằng", "Bắc Kạn",
        "Tuyên Quang", "Lào Cai", "Điện Biên", "Lai Châu", "Sơn La", "Yên Bái", "Hoà Bình",
        "Thái Nguyên", "Lạng Sơn", "Quảng Ninh", "Bắc Giang", "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh",
        "Hải Dương", "Hải Phòng", "Hưng Yên", "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình",
        "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Huế", "Đà Nẵng", "Quảng Nam",
        "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận", "Bình Thuận", "Kon Tum",
        "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng", "Bình Phước", "Tây Ninh", "Bình Dương",
        "Đồng Nai", "Bà Rịa - Vũng Tàu", "Hồ Chí Minh", "Long An", "Tiền Giang", "Bến Tre",
        "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang", "Kiên Giang", "Cần Thơ", "Hậu Giang",
        "Sóc Trăng", "Bạc Liêu", "Cà Mau"};

typedef struct NameSet {
	const char *const *v;
	size_t n;
	const char **by_icu; /* v sorted by ICU, filled in main */
} NameSet;

static NameSet set_2025 = {provinces_2025, COUNT_OF(provinces_2025), NULL};
static NameSet set_legacy = {provinces_legacy, COUNT_OF(provinces_legacy), NULL};

static int qsort_icu(const void *a, const void *b)
{
	return icu_cmp(*(const char *const *)a, *(const char *const *)b);
}

static int qsort_vn(const void *a, const void *b)
{
	return vn_cmp(*(const char *const *)a, *(const char *const *)b);
}

static int qsort_key(const void *a, const void *b)
{
	return key_cmp(*(const char *const *)a, *(const char *const *)b);
}

static const char **sorted_copy(const NameSet *ns, int (*cmp)(const void *, const void *))
{
	const char **v = malloc(ns->n * sizeof *v);
	assert_non_null(v);
	memcpy(v, ns->v, ns->n * sizeof *v);
	qsort(v, ns->n, sizeof *v, cmp);
	return v;
}

/* One adjacent pair of a list in ICU's order. */
typedef struct Pair {
	const char *a, *b;
} Pair;

static void adjacent_pair(void **state)
{
	const Pair *p = *state;
	assert_true(icu_cmp(p->a, p->b) < 0);
	check_pair(p->a, p->b);
	check_pair(p->b, p->a);
}

/* Sorting with vn_compare, and by key, gives exactly ICU's order; every
 * pair, not only adjacent ones, agrees with ICU. */
static void whole_order(void **state)
{
	const NameSet *ns = *state;
	const char **by_vn = sorted_copy(ns, qsort_vn), **by_key = sorted_copy(ns, qsort_key);
	for (size_t i = 0; i < ns->n; i++) {
		if (strcmp(by_vn[i], ns->by_icu[i]) || strcmp(by_key[i], ns->by_icu[i]))
			fail_msg("position %zu: ICU '%s', vn_compare '%s', keys '%s'", i,
			        ns->by_icu[i], by_vn[i], by_key[i]);
	}
	for (size_t i = 0; i < ns->n; i++)
		for (size_t j = i + 1; j < ns->n; j++)
			check_pair(ns->v[i], ns->v[j]);
	free(by_vn);
	free(by_key);
}

/* vn_nfc copies text of Latin letters up to U+02FF and of U+1E00-U+1EFF
 * as it is: each must be NFC on its own and never compose with what goes
 * before it (ICU's boundary), so that any string of them is NFC. */
static void precomposed_latin_is_left_alone(void **state)
{
	(void)state;
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
	assert_false(U_FAILURE(st));
	for (UChar32 c = 1; c <= 0x1EFF; c = c == 0x2FF ? 0x1E00 : c + 1) {
		UChar u[2];
		int32_t n = 0;
		U16_APPEND_UNSAFE(u, n, c);
		if (!unorm2_hasBoundaryBefore(nfc, c) || !unorm2_isNormalized(nfc, u, n, &st))
			fail_msg("U+%04X is not inert under NFC", (unsigned)c);
	}
	const char *vi = "Cơ sở bánh pía Tân Huê Viên, Phường 5, Sóc Trăng; Đắk Lắk; ỷ ỹ";
	Buf b;
	buf_init(&b, 4096);
	assert_int_equal(vn_nfc(&b, vi, strlen(vi), NULL), KC_OK);
	assert_string_equal(buf_cstr(&b), vi);
	/* A combining mark after them still composes: "Viê" + U+0301 is "Viế". */
	buf_reset(&b);
	assert_int_equal(vn_nfc(&b, "Vi\xC3\xAA\xCC\x81t", 7, NULL), KC_OK);
	assert_string_equal(buf_cstr(&b), "Viết");
	buf_free(&b);
}

/* NFD spellings of the names compare equal to the NFC ones, with equal keys. */
static void nfd_equals_nfc(void **state)
{
	const NameSet *ns = *state;
	for (size_t i = 0; i < ns->n; i++) {
		char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)ns->v[i]);
		assert_non_null(nfd);
		assert_int_equal(icu_cmp(nfd, ns->v[i]), 0);
		assert_int_equal(vn_cmp(nfd, ns->v[i]), 0);
		assert_int_equal(key_cmp(nfd, ns->v[i]), 0);
		free(nfd);
	}
}

/* ---- Every name in data/admin-units ------------------------------------- */

static const char *const admin_files[] = {"data/admin-units/provinces_2025.csv",
        "data/admin-units/provinces_legacy.csv", "data/admin-units/districts_legacy.csv",
        "data/admin-units/communes_2025.csv", "data/admin-units/communes_legacy.csv"};

typedef struct Names {
	char **v;
	size_t n, cap;
} Names;

static void names_push(Names *ns, const char *s, size_t len)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 1024;
		ns->v = realloc(ns->v, ns->cap * sizeof *ns->v);
		assert_non_null(ns->v);
	}
	ns->v[ns->n] = strndup(s, len);
	assert_non_null(ns->v[ns->n++]);
}

/* Adds the name and full_name fields (2nd and 3rd; the files never quote). */
static void read_names(Names *ns, FILE *f)
{
	char *line = NULL;
	size_t cap = 0;
	for (bool header = true; getline(&line, &cap, f) > 0; header = false) {
		char *name = strchr(line, ','), *full = name ? strchr(name + 1, ',') : NULL;
		char *end = full ? strchr(full + 1, ',') : NULL;
		if (header || !end)
			continue;
		names_push(ns, name + 1, (size_t)(full - name - 1));
		names_push(ns, full + 1, (size_t)(end - full - 1));
	}
	free(line);
}

/* The names and full names of every unit, old and new lists (about 28,000),
 * sorted with vn_compare equal ICU's order up to ties, and every adjacent
 * pair agrees in vn_compare, keys and ICU. The data is part of the
 * repository; tests/run.sh runs the suites from its root. */
static void admin_unit_names(void **state)
{
	(void)state;
	FILE *f[COUNT_OF(admin_files)];
	for (size_t i = 0; i < COUNT_OF(admin_files); i++) {
		if (!(f[i] = fopen(admin_files[i], "r"))) {
			const char *missing = admin_files[i];
			while (i--)
				fclose(f[i]);
			fail_msg("cannot open '%s' (tests run from the repository root)", missing);
		}
	}
	Names ns = {0};
	for (size_t i = 0; i < COUNT_OF(admin_files); i++) {
		read_names(&ns, f[i]);
		fclose(f[i]);
	}
	assert_true(ns.n > 20000);
	char **by_vn = malloc(ns.n * sizeof *by_vn);
	assert_non_null(by_vn);
	memcpy(by_vn, ns.v, ns.n * sizeof *by_vn);
	qsort(ns.v, ns.n, sizeof *ns.v, qsort_icu);
	qsort(by_vn, ns.n, sizeof *by_vn, qsort_vn);
	for (size_t i = 0; i < ns.n; i++) {
		if (icu_cmp(ns.v[i], by_vn[i]))
			fail_msg("position %zu: ICU '%s', vn_compare '%s'", i, ns.v[i], by_vn[i]);
		if (i + 1 < ns.n)
			check_pair(ns.v[i], ns.v[i + 1]);
	}
	for (size_t i = 0; i < ns.n; i++)
		free(ns.v[i]);
	free(ns.v);
	free(by_vn);
}

/* ---- Groups whose order DOMAIN §8.6 states ------------------------------- */

/* items in the expected order; rel[i] is '<' or '=' between items i, i+1. */
typedef struct Group {
	const char *name;
	const char *items[8];
	const char *rel;
} Group;

static const Group groups[] = {
        {"tones: ma mà mả mã má mạ", {"ma", "mà", "mả", "mã", "má", "mạ"}, "<<<<<"},
        {"letters: a ă â b", {"a", "ă", "â", "b"}, "<<<"},
        {"letters: d dz đ e", {"d", "dz", "đ", "e"}, "<<<"},
        {"letters: o ô ơ p", {"o", "ô", "ơ", "p"}, "<<<"},
        {"letters: u ư v", {"u", "ư", "v"}, "<<"},
        {"letters: e ê f", {"e", "ê", "f"}, "<<"},
        {"letter before tone: á ạ ă ắ â ầ b", {"á", "ạ", "ă", "ắ", "â", "ầ", "b"}, "<<<<<<"},
        {"loanword letters: e f g, i j k, v w x, y z", {"e", "f", "g", "i", "j", "k", "y", "z"},
                "<<<<<<<"},
        {"Hòa NFC = Hòa NFD",
                {"Hòa", "Ho\xcc\x80"
                        "a"},
                "="},
        /* ICU: tone placement is a secondary difference, Hoà < Hòa. */
        {"Hoà < Hòa (tone placement)", {"Hoà", "Hòa"}, "<"},
        {"Thuỷ < Thủy (tone placement)", {"Thuỷ", "Thủy"}, "<"},
        {"Da Nang < Đà Lạt < Đà Nẵng", {"Da Nang", "Đà Lạt", "Đà Nẵng"}, "<<"},
        {"case: an An AN ăn Ăn", {"an", "An", "AN", "ăn", "Ăn"}, "<<<<"},
        {"tone before case: ma Ma mà Mà", {"ma", "Ma", "mà", "Mà"}, "<<<"},
        {"first tone difference decides: ma à < mà a", {"ma à", "mà a"}, "<"},
        {"digits are characters: 1 10 2 9 a", {"1", "10", "2", "9", "a"}, "<<<<"},
        {"space and punctuation before letters",
                {"Bà Rịa - Vũng Tàu", "Bà Rịa Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bà Rịaa"}, "<<<"},
        {"NFD, either mark order: ậ", {"a\xcc\xa3\xcc\x82", "ậ", "a\xcc\x82\xcc\xa3"}, "=="},
        {"NFD Nguyễn", {"Nguye\xcc\x82\xcc\x83n", "Nguyễn"}, "="},
        {"blocked mark makes no letter: ã̂ < ẫ", {"a\xcc\x83\xcc\x82", "ẫ"}, "<"},
        {"other accents after the tones: e è ẹ ĕ ë", {"e", "è", "ẹ", "ĕ", "ë"}, "<<<<"},
        {"ignorables: soft hyphen, control",
                {"ab",
                        "a\xc2\xad"
                        "b",
                        "a\x01"
                        "b"},
                "=="},
        {"other scripts after Latin: z ω Ω я 中", {"z", "ω", "Ω", "я", "中"}, "<<<<"},
        {"whitespace: tab < space", {"a\tb", "a b", "a-b", "ab"}, "<<<"},
        {"currency after symbols: ~ $ 0", {"~", "$", "0"}, "<<"},
};

static void group_order(void **state)
{
	const Group *g = *state;
	size_t n = strlen(g->rel) + 1;
	for (size_t i = 0; i + 1 < n; i++) {
		const char *a = g->items[i], *b = g->items[i + 1];
		int want = g->rel[i] == '<' ? -1 : 0;
		if (sign(icu_cmp(a, b)) != want)
			fail_msg("ICU disagrees with the stated order: '%s' %c '%s'", a, g->rel[i],
			        b);
		if (sign(vn_cmp(a, b)) != want)
			fail_msg("vn_compare: expected '%s' %c '%s'", a, g->rel[i], b);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			check_pair(g->items[i], g->items[j]);
}

/* ---- Common words and names: every pair against ICU ---------------------- */

static const char *const words[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
        "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "cơ sở", "công nghiệp", "nông thôn",
        "khuyến công", "đề án", "ăn", "ân", "ấn", "anh", "ánh", "ảnh", "an", "án", "ẩn", "bắc",
        "bậc", "chợ", "đường", "giá", "gia", "kế hoạch", "kinh phí", "làng nghề", "lao động", "mẫu",
        "mậu", "ngân sách", "nghề", "nhà", "phát triển", "quản lý", "sản phẩm", "sở", "sơ", "số",
        "thủ công", "thuỷ", "thủy", "tư vấn", "ứng dụng", "ưu đãi", "xã", "Ủy ban", "Uỷ ban",
        "ủy ban", "HÀ NỘI", "Hà Nội", "Hanoi", "Đà Lạt", "Da Nang", "10", "9", "TP. Hồ Chí Minh",
        "TP.HCM"};

static void word_pairs(void **state)
{
	const char *w = *state;
	for (size_t i = 0; i < COUNT_OF(words); i++)
		check_pair(w, words[i]);
}

/* Every printable ASCII character, and each after "a", against ICU. */
static void ascii_order(void **state)
{
	(void)state;
	char a[3] = "a", b[3] = "a";
	for (int x = 0x20; x < 0x7F; x++) {
		for (int y = 0x20; y < 0x7F; y++) {
			a[0] = (char)x, b[0] = (char)y, a[1] = b[1] = '\0';
			check_pair(a, b);
			a[0] = b[0] = 'a', a[1] = (char)x, b[1] = (char)y;
			check_pair(a, b);
		}
	}
}

/* ---- Keys ---------------------------------------------------------------- */

/* The key format is stored in databases: a change here means re-keying. */
static void key_golden(void **state)
{
	(void)state;
	static const struct {
		const char *in, *key;
	} rows[] = {
	        {"", "!!"},
	        {"a", "X!!"},
	        {"A", "X!!1"},
	        {"Hà Nội", "dX)jle!0010005!1001"},
	        {"Đắk Lắk", "_Yg)hYg!00400004!10001"},
	        {"10 ư", "ON)t!!"},
	        {"ë€中", "`M0020ACz004E2D!06000308!"},
	};
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		char *k = key_of(rows[i].in);
		if (strcmp(k, rows[i].key))
			fail_msg("key of '%s' is '%s', expected '%s'", rows[i].in, k, rows[i].key);
		free(k);
	}
}

static void key_charset(void **state)
{
	(void)state;
	static const char *const in[] = {"Thành phố Hồ Chí Minh", "a\xcc\x81\xcc\x88\xcd\xa3",
	        "\xe2\x80\x83\xc2\xa0\xe2\x80\xa8", "«»€¥©™", "Ωмир中文한국어", "\x01\x7f\t"};
	for (size_t i = 0; i < COUNT_OF(in); i++) {
		char *k = key_of(in[i]);
		int seps = 0;
		for (const char *p = k; *p; p++) {
			if (*p < '!' || *p > '~' || *p == '\'' || *p == '\\' || *p == '"')
				fail_msg("key of '%s' has byte 0x%02x", in[i], (unsigned char)*p);
			seps += *p == '!';
		}
		assert_int_equal(seps, 2);
		free(k);
	}
}

static void key_appends_and_limits(void **state)
{
	(void)state;
	Buf b;
	Err e;
	buf_init(&b, 8);
	buf_puts(&b, "x");
	assert_int_equal(vn_collate_key(&b, "ab", 2, &e), KC_OK);
	assert_string_equal(buf_cstr(&b), "xX[!!");
	assert_int_equal(vn_collate_key(&b, "Hà Nội", strlen("Hà Nội"), &e), KC_ETOOBIG);
	assert_string_equal(e.msg, "Văn bản quá dài: vượt giới hạn 8 byte");
	assert_string_equal(buf_cstr(&b), "xX[!!");
	buf_free(&b);
}

/* vn_compare never fails: a byte that is not UTF-8 counts as U+FFFD. */
static void compare_invalid_utf8(void **state)
{
	(void)state;
	assert_int_equal(vn_compare("a\xff", 2, "a\xef\xbf\xbd", 4), 0);
	assert_true(vn_compare("a\xff", 2, "a", 1) > 0);
	/* U+FFFD is a symbol, and symbols sort before letters. */
	assert_true(vn_compare("\xc3", 1, "\xc3\xa0", 2) < 0);
	assert_int_equal(vn_compare(NULL, 0, "", 0), 0);
	assert_true(vn_compare("a\0b", 3, "a\0c", 3) < 0);
}

/* ---- UTF-8 --------------------------------------------------------------- */

typedef struct Utf8Row {
	const char *name, *s;
	size_t len, bad; /* bad: offset of the error, or len if valid */
} Utf8Row;

#define ROW(name, lit, bad)                                                                        \
	{                                                                                          \
		name, lit, sizeof lit - 1, bad                                                     \
	}
#define OK_ROW(name, lit)                                                                          \
	{                                                                                          \
		name, lit, sizeof lit - 1, sizeof lit - 1                                          \
	}

static const Utf8Row utf8_rows[] = {
        OK_ROW("empty", ""),
        OK_ROW("ASCII", "Ha Noi"),
        OK_ROW("Vietnamese NFC", "Đắk Lắk"),
        OK_ROW("NUL byte inside", "a\0b"),
        OK_ROW("4-byte emoji", "\xf0\x9f\x98\x80"),
        OK_ROW("U+10FFFF", "\xf4\x8f\xbf\xbf"),
        OK_ROW("U+FFFF noncharacter", "\xef\xbf\xbf"),
        ROW("lone continuation byte", "\x80", 0),
        ROW("overlong '/' in 2 bytes", "\xc0\xaf", 0),
        ROW("overlong in 3 bytes", "\xe0\x80\xaf", 0),
        ROW("overlong in 4 bytes", "\xf0\x80\x80\xaf", 0),
        ROW("surrogate U+D800", "\xed\xa0\x80", 0),
        ROW("above U+10FFFF", "\xf4\x90\x80\x80", 0),
        ROW("lead byte F5", "\xf5\x80\x80\x80", 0),
        ROW("byte FF", "ab\xff", 2),
        ROW("truncated at the end", "Hà Nộ\xe1\xbb", 8),
        ROW("bad continuation", "a\xc3(", 1),
        ROW("Latin-1 after Vietnamese", "Khuyến công 45\xff", 17),
};

static void utf8_row(void **state)
{
	const Utf8Row *r = *state;
	bool valid = r->bad == r->len;
	assert_int_equal(vn_utf8_valid(r->s, r->len), valid);
	char want[128];
	snprintf(want, sizeof want, "Văn bản không phải UTF-8 hợp lệ tại byte %zu", r->bad);
	int (*const fns[])(Buf *, const char *, size_t, Err *) = {
	        vn_nfc, vn_fold, vn_collate_key, vn_upper_first, vn_lower, vn_upper};
	for (size_t i = 0; i < COUNT_OF(fns); i++) {
		Buf b;
		Err e;
		buf_init(&b, 1024);
		buf_puts(&b, "x");
		int rc = fns[i](&b, r->s, r->len, &e);
		if (valid) {
			assert_int_equal(rc, KC_OK);
		} else {
			assert_int_equal(rc, KC_EINVAL);
			assert_string_equal(e.msg, want);
			assert_string_equal(buf_cstr(&b), "x");
		}
		buf_free(&b);
	}
}

static void utf8_decode(void **state)
{
	(void)state;
	int32_t c = -1;
	assert_int_equal(vn_utf8_decode("A", 1, &c), 1);
	assert_int_equal(c, 'A');
	assert_int_equal(vn_utf8_decode("đ", 2, &c), 2);
	assert_int_equal(c, 0x111);
	assert_int_equal(vn_utf8_decode("ễ", 3, &c), 3);
	assert_int_equal(c, 0x1EC5);
	assert_int_equal(vn_utf8_decode("\xf0\x9f\x98\x80", 4, &c), 4);
	assert_int_equal(c, 0x1F600);
	assert_int_equal(vn_utf8_decode("ễ", 2, &c), 0);
	assert_int_equal(vn_utf8_decode("", 0, &c), 0);
}

/* ---- NFC, fold and case: one test per row -------------------------------- */

typedef int (*TextFn)(Buf *, const char *, size_t, Err *);

typedef struct TextRow {
	const char *in, *out;
} TextRow;

static const TextRow nfc_rows[] = {
        {"Ho\xcc\x80"
         "a",
                "Hòa"},
        {"a\xcc\xa3\xcc\x82", "ậ"},
        {"a\xcc\x82\xcc\xa3", "ậ"},
        {"Nguye\xcc\x82\xcc\x83n", "Nguyễn"},
        {"Thừa Thiên Huế", "Thừa Thiên Huế"},
        {"Hoà Bình", "Hoà Bình"},
        {"Ha Noi", "Ha Noi"},
        {"", ""},
        {"\xe1\x84\x80\xe1\x85\xa1", "가"},
        {"\xe2\x84\xaa", "K"},
};

static const TextRow fold_rows[] = {
        {"Đắk Lắk", "dak lak"},
        {"Sóc Trăng", "soc trang"},
        {"Thừa Thiên Huế", "thua thien hue"},
        {"hòa", "hoa"},
        {"hoà", "hoa"},
        {"HOÀ", "hoa"},
        {"Thuỷ", "thuy"},
        {"Thủy", "thuy"},
        {"Ho\xcc\x80"
         "a",
                "hoa"},
        {"Đa\xcc\x86\xcc\x81k", "dak"},
        {"ĐƯỜNG", "duong"},
        {"  Hà \t Nội \n", "ha noi"},
        {"Bà Rịa - Vũng Tàu", "ba ria - vung tau"},
        {"Ðà Nẵng", "da nang"},
        {"Ｈà Ｎội", "ha noi"},
        {"Hà\xc2\xa0Nội", "ha noi"},
        {"Cần\xc2\xadThơ", "cantho"},
        {"Ngô Quyền 10", "ngo quyen 10"},
        {"Straße", "strasse"},
        {"ǄAN", "dzan"},
        {"ᾳ", "α"},
        {"α\xcd\x85", "α"},
        {"가", "가"},
        {"", ""},
        {" \t ", ""},
};

static const TextRow upper_first_rows[] = {
        {"tỉnh Lào Cai", "Tỉnh Lào Cai"},
        {"ủy ban nhân dân", "Ủy ban nhân dân"},
        {"đà nẵng", "Đà nẵng"},
        {"e\xcc\x82m", "E\xcc\x82m"},
        {"ǆem", "ǅem"},
        {"123 abc", "123 abc"},
        {"", ""},
};

static const TextRow lower_rows[] = {
        {"HÀ NỘI", "hà nội"},
        {"ĐẮK LẮK", "đắk lắk"},
        {"Ủy Ban", "ủy ban"},
        {"STRASSE ẞ", "strasse ß"},
        {"", ""},
};

static const TextRow upper_rows[] = {
        {"hà nội", "HÀ NỘI"},
        {"đắk lắk", "ĐẮK LẮK"},
        {"ư ơ ă â ê ô", "Ư Ơ Ă Â Ê Ô"},
        {"straße", "STRAẞE"},
};

typedef struct TextCase {
	TextFn fn;
	const TextRow *row;
} TextCase;

static void text_row(void **state)
{
	const TextCase *tc = *state;
	size_t want = strlen(tc->row->out);
	Buf b;
	Err e;
	buf_init(&b, 1024);
	buf_puts(&b, "x");
	assert_int_equal(tc->fn(&b, tc->row->in, strlen(tc->row->in), &e), KC_OK);
	assert_int_equal(b.len, want + 1);
	assert_memory_equal(buf_cstr(&b) + 1, tc->row->out, want);
	buf_free(&b);
}

/* NUL is a character: NFC keeps it, the search key drops it as a control. */
static void nul_bytes(void **state)
{
	(void)state;
	Buf b;
	buf_init(&b, 64);
	assert_int_equal(vn_nfc(&b, "a\0b", 3, NULL), KC_OK);
	assert_int_equal(b.len, 3);
	assert_memory_equal(b.data, "a\0b", 3);
	buf_reset(&b);
	assert_int_equal(vn_fold(&b, "A\0b", 3, NULL), KC_OK);
	assert_string_equal(buf_cstr(&b), "ab");
	buf_free(&b);
}

static void fold_over_limit(void **state)
{
	(void)state;
	Buf b;
	Err e;
	buf_init(&b, 5);
	assert_int_equal(vn_fold(&b, "Hà Nội", strlen("Hà Nội"), &e), KC_ETOOBIG);
	assert_string_equal(e.msg, "Văn bản quá dài: vượt giới hạn 5 byte");
	assert_int_equal(b.len, 0);
	buf_free(&b);
	buf_init(&b, 5);
	assert_int_equal(vn_nfc(&b, "Hà Nội", strlen("Hà Nội"), &e), KC_ETOOBIG);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* ---- Registration -------------------------------------------------------- */

static Pair pairs[COUNT_OF(provinces_2025) + COUNT_OF(provinces_legacy)];
static TextCase text_cases[64];

static void add_name_set(TestList *tl, NameSet *ns, const char *name, size_t *npairs)
{
	ns->by_icu = sorted_copy(ns, qsort_icu);
	for (size_t i = 0; i + 1 < ns->n; i++) {
		Pair *p = &pairs[(*npairs)++];
		*p = (Pair){ns->by_icu[i], ns->by_icu[i + 1]};
		tl_addf(tl, adjacent_pair, p, "%s %02zu: '%s' < '%s'", name, i + 1, p->a, p->b);
	}
	tl_addf(tl, whole_order, ns, "%s: sorted order and all pairs equal ICU", name);
	tl_addf(tl, nfd_equals_nfc, ns, "%s: NFD names compare equal to NFC", name);
}

/* s for a test name on one TAP line, with every character that cannot be
 * seen (controls, marks, format and non-ASCII spaces) as <U+XXXX>, so that
 * an NFD row is told apart from its NFC twin. */
static const char *escaped(char *out, size_t size, const char *s)
{
	size_t o = 0, len = strlen(s);
	for (size_t i = 0, n; i < len && o + 12 < size; i += n) {
		int32_t c;
		n = vn_utf8_decode(s + i, len - i, &c);
		utf8proc_category_t cat = utf8proc_category(c);
		if (c < 0x20 ||
		        (c > 0x7F && (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_CF ||
		                             cat == UTF8PROC_CATEGORY_ZS))) {
			o += (size_t)snprintf(out + o, size - o, "<U+%04X>", (unsigned)c);
		} else {
			memcpy(out + o, s + i, n);
			o += n;
		}
	}
	out[o] = '\0';
	return out;
}

static void add_text_rows(
        TestList *tl, const char *name, TextFn fn, const TextRow *rows, size_t n, size_t *ncases)
{
	for (size_t i = 0; i < n; i++) {
		TextCase *tc = &text_cases[(*ncases)++];
		*tc = (TextCase){fn, &rows[i]};
		char in[128], out[128];
		tl_addf(tl, text_row, tc, "%s '%s' -> '%s'", name,
		        escaped(in, sizeof in, rows[i].in), escaped(out, sizeof out, rows[i].out));
	}
}

/* ---- vn_quote ----------------------------------------------------------------------- */

typedef struct QuoteCase {
	const char *in;
	size_t cap;
	const char *want;
} QuoteCase;

static const QuoteCase quote_cases[] = {
        {"Sóc Trăng", 64, "Sóc Trăng"}, {"", 8, ""},
        {"abcdefgh", 8, "abcd…"},    /* 8 + NUL > 8: 4 bytes + "…" (3) + NUL = 8 */
        {"abcdefg", 8, "abcdefg"},   /* fits exactly: 7 + NUL = 8, no ellipsis */
        {"abcd", 8, "abcd"},         /* fits: 4 + NUL, no ellipsis */
        {"đđđđđ", 10, "đđđ…"},       /* 10 + NUL > 10: 6 + 3 + NUL = 10 */
        {"đđđđđ", 9, "đđ…"},         /* one byte spare, never a half "đ" */
        {"đđđđ", 10, "đđđđ"},        /* fits: 8 + NUL, one byte spare */
        {"đđđđ", 9, "đđđđ"},         /* fits exactly: 8 + NUL = 9 */
        {"a\tb\ncd", 8, "a?b?cd"},   /* '?' counts one byte: fits */
        {"a\tb\nc", 16, "a?b?c"},    /* control characters */
        {"x\x7fy", 16, "x?y"},       /* DEL */
        {"\xff\xfe", 16, "??"},      /* not UTF-8 */
        {"n\xc3", 16, "n?"},         /* truncated sequence */
        {"\xed\xa0\x80", 16, "???"}, /* a surrogate is not UTF-8 */
};

static void quote_case(void **state)
{
	const QuoteCase *c = *state;
	char dst[64];
	assert_true(c->cap <= sizeof dst);
	assert_ptr_equal(vn_quote(dst, c->cap, c->in, strlen(c->in)), dst);
	assert_string_equal(dst, c->want);
	assert_true(strlen(dst) < c->cap);
	assert_true(vn_utf8_valid(dst, strlen(dst)));
}

/* ---- Spaces, trimming and word matching ------------------------------------------- */

typedef struct SpaceCase {
	const char *in;
	size_t len; /* vn_space_len of in */
} SpaceCase;

static const SpaceCase space_cases[] = {
        {" x", 1},
        {"\tx", 1},
        {"\nx", 1},
        {"\rx", 1},
        {"\vx", 1},
        {"\fx", 1},
        {"\u00a0x", 2}, /* NO-BREAK SPACE */
        {"\u202fx", 3}, /* NARROW NO-BREAK SPACE */
        {"\u2007x", 0}, /* FIGURE SPACE: not a space here */
        {"\u2009x", 0}, /* THIN SPACE */
        {"\u3000x", 0}, /* IDEOGRAPHIC SPACE */
        {"x ", 0},
        {"", 0},
        {"\xc2", 0},     /* truncated U+00A0 */
        {"\xe2\x80", 0}, /* truncated U+202F */
        {"\xc0\xa0", 0}, /* overlong space */
        {"\x01", 0},
        {"\x85", 0},
};

static void space_case(void **state)
{
	const SpaceCase *c = *state;
	assert_int_equal(vn_space_len(c->in, strlen(c->in)), c->len);
}

typedef struct TrimCase {
	const char *in, *out;
} TrimCase;

static const TrimCase trim_cases[] = {
        {"  7  ", "7"},
        {"\t\r\n 01 \n", "01"},
        {"\u00a012\u00a0", "12"},
        {"\u202f12\u202f", "12"},
        {" \u00a0\u202f\t12 \u202f\u00a0 ", "12"}, /* kinds mixed at both ends */
        {"1\u00a02", "1\u00a02"},                  /* inside: kept */
        {"\u200712\u2007", "\u200712\u2007"},      /* not spaces */
        {"a\xc2", "a\xc2"},                        /* half a NO-BREAK SPACE */
        {"x\xa0", "x\xa0"},                        /* a lone continuation byte */
        {"  ", ""},
        {"\u00a0", ""},
        {"", ""},
};

static void trim_case(void **state)
{
	const TrimCase *c = *state;
	const char *s = c->in;
	size_t len = strlen(s);
	vn_trim(&s, &len);
	assert_int_equal(len, strlen(c->out));
	assert_memory_equal(s, c->out, len);
	/* The result is a slice of the input. */
	assert_true(s >= c->in && s + len <= c->in + strlen(c->in));
}

static void trim_empty_and_null(void **state)
{
	(void)state;
	const char *s = NULL;
	size_t len = 0;
	vn_trim(&s, &len);
	assert_null(s);
	assert_int_equal(len, 0);
	/* The length bounds the slice: the space after it is not looked at. */
	s = "ab ";
	len = 2;
	vn_trim(&s, &len);
	assert_int_equal(len, 2);
}

typedef struct MatchCase {
	const char *in, *word;
	size_t n; /* bytes matched, 0 for none */
} MatchCase;

static const MatchCase match_cases[] = {
        {"triệu đồng", "triệu", 7},
        {"TRIỆU ĐỒNG", "triệu", 7},
        {"Triệu", "triệu", 7},
        {"ĐỒNG", "đồng", 7},
        {"Gần 94", "gần", 5},
        {"VNĐ", "vnđ", 4},
        {"tỷlệ", "tỷ", 4},                 /* boundaries are the caller's */
        {"tri", "triệu", 0},               /* input ends first */
        {"triêu", "triệu", 0},             /* another tone */
        {"trie\u0302\u0323u", "triệu", 0}, /* NFD: not matched */
        {"tr\xffiệu", "triệu", 0},         /* not UTF-8 */
        {"\xc1\x83m", "ăm", 0},            /* an overlong "ă" is not "ă" */
        {"\xed\xa0\x80", "\ud7ff", 0},     /* a surrogate is not a character */
        {"6 tháng đầu năm", "6 tháng đầu năm", 20},
        {"6  THÁNG\u00a0ĐẦU\u202fNĂM 2016", "6 tháng đầu năm", 24}, /* a space: any run */
        {"6tháng", "6 tháng", 0},                                   /* a space: at least one */
        {" năm", " năm", 5},
        {"QUÝ", "quý", 4},
        {"Ǆ", "ǆ", 2}, /* U+01C4, lowered by utf8proc like any letter */
        {"x", "", 0},
        {"", "x", 0},
};

static void match_case(void **state)
{
	const MatchCase *c = *state;
	assert_int_equal(vn_match_word(c->in, strlen(c->in), c->word), c->n);
}

static void match_uses_length_not_nul(void **state)
{
	(void)state;
	assert_int_equal(vn_match_word("triệu", 6, "triệu"), 0); /* cut inside "ệ" */
	assert_int_equal(vn_match_word("tỷ đồng", 4, "tỷ"), 4);
	assert_int_equal(vn_match_word("a\0b", 3, "a"), 1);
	assert_int_equal(vn_match_word(NULL, 0, "a"), 0);
}

int main(void)
{
	UErrorCode st = U_ZERO_ERROR;
	icu = ucol_open("vi", &st);
	if (U_FAILURE(st)) {
		fprintf(stderr, "ucol_open(\"vi\"): %s\n", u_errorName(st));
		return 1;
	}
	TestList tl = {0};
	TL_ADD(&tl, precomposed_latin_is_left_alone);
	size_t npairs = 0, ncases = 0;
	for (size_t i = 0; i < COUNT_OF(quote_cases); i++)
		tl_addf(&tl, quote_case, (void *)&quote_cases[i], "quote row %zu", i);
	for (size_t i = 0; i < COUNT_OF(space_cases); i++)
		tl_addf(&tl, space_case, (void *)&space_cases[i], "space row %zu", i);
	for (size_t i = 0; i < COUNT_OF(trim_cases); i++)
		tl_addf(&tl, trim_case, (void *)&trim_cases[i], "trim row %zu", i);
	TL_ADD(&tl, trim_empty_and_null);
	for (size_t i = 0; i < COUNT_OF(match_cases); i++)
		tl_addf(&tl, match_case, (void *)&match_cases[i], "match row %zu: '%s'", i,
		        match_cases[i].word);
	TL_ADD(&tl, match_uses_length_not_nul);
	add_name_set(&tl, &set_2025, "provinces_2025", &npairs);
	add_name_set(&tl, &set_legacy, "provinces_legacy", &npairs);
	for (size_t i = 0; i < COUNT_OF(groups); i++)
		tl_addf(&tl, group_order, (void *)&groups[i], "group: %s", groups[i].name);
	for (size_t i = 0; i < COUNT_OF(words); i++)
		tl_addf(&tl, word_pairs, (void *)words[i], "words: '%s' against all %zu", words[i],
		        COUNT_OF(words));
	TL_ADD(&tl, admin_unit_names);
	TL_ADD(&tl, ascii_order);
	TL_ADD(&tl, key_golden);
	TL_ADD(&tl, key_charset);
	TL_ADD(&tl, key_appends_and_limits);
	TL_ADD(&tl, compare_invalid_utf8);
	for (size_t i = 0; i < COUNT_OF(utf8_rows); i++)
		tl_addf(&tl, utf8_row, (void *)&utf8_rows[i], "utf8: %s", utf8_rows[i].name);
	TL_ADD(&tl, utf8_decode);
	add_text_rows(&tl, "nfc", vn_nfc, nfc_rows, COUNT_OF(nfc_rows), &ncases);
	add_text_rows(&tl, "fold", vn_fold, fold_rows, COUNT_OF(fold_rows), &ncases);
	add_text_rows(&tl, "upper_first", vn_upper_first, upper_first_rows,
	        COUNT_OF(upper_first_rows), &ncases);
	add_text_rows(&tl, "lower", vn_lower, lower_rows, COUNT_OF(lower_rows), &ncases);
	add_text_rows(&tl, "upper", vn_upper, upper_rows, COUNT_OF(upper_rows), &ncases);
	TL_ADD(&tl, nul_bytes);
	TL_ADD(&tl, fold_over_limit);
	int failed = tl_run(&tl, "core/vntext");
	free(set_2025.by_icu);
	free(set_legacy.by_icu);
	ucol_close(icu);
	u_cleanup();
	return failed;
}
