/* io_encoding.c — see io_encoding.h. */
#include "io/io_encoding.h"

#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "core/embed.h"
#include "core/vntext.h"

extern const EmbeddedFile kc_import_data[]; /* generated from data/import */

/* VNI writes a marked vowel as its base letter (a e o u y ơ ư, either case)
 * and one byte for the marks: at most 14 bases. */
enum { VNI_BASES = 16, SAMPLE_MAX = 1 << 20 };

struct IoDecoder {
	IoEncoding enc;
	uint32_t single[256];          /* byte → code point */
	unsigned char base_slot[256];  /* VNI: 0, or 1 + the base's row of pair */
	uint32_t pair[VNI_BASES][256]; /* VNI: base, mark byte → code point; 0: none */
};

static const char *const names[] = {"utf-8", "cp1258", "tcvn3", "vni"};

const char *io_enc_name(IoEncoding enc)
{
	return enc >= IO_ENC_UTF8 && enc <= IO_ENC_VNI ? names[enc] : "?";
}

int io_enc_parse(const char *name, IoEncoding *out, Err *e)
{
	static const struct {
		const char *name;
		IoEncoding enc;
	} known[] = {{"utf-8", IO_ENC_UTF8}, {"utf8", IO_ENC_UTF8}, {"cp1258", IO_ENC_CP1258},
	        {"windows-1258", IO_ENC_CP1258}, {"tcvn3", IO_ENC_TCVN3}, {"abc", IO_ENC_TCVN3},
	        {"tcvn", IO_ENC_TCVN3}, {"vni", IO_ENC_VNI}};
	for (size_t i = 0; name && i < sizeof known / sizeof known[0]; i++)
		if (!strcasecmp(name, known[i].name)) {
			*out = known[i].enc;
			return 0;
		}
	char q[VN_QUOTE_MAX];
	return err_set(e, KC_EINVAL,
	        "Bảng mã '%s' không có; chọn một trong: utf-8, cp1258, tcvn3, vni",
	        vn_quote(q, sizeof q, name ? name : "", name ? strlen(name) : 0));
}

/* The code point iconv gives for each byte of charset alone (U+FFFD for a
 * byte it does not define). Each byte is flushed on its own, because the
 * Vietnamese converters hold a base letter back to compose it with a mark. */
static int iconv_table(const char *charset, uint32_t t[256], Err *e)
{
	iconv_t cd = iconv_open("UTF-32LE", charset);
	if (cd == (iconv_t)-1)
		return err_set(e, KC_EIO, "iconv cannot convert from '%s'", charset);
	for (int b = 0; b < 256; b++) {
		char in[1] = {(char)b}, outb[16];
		char *ip = in, *op = outb;
		size_t il = 1, ol = sizeof outb;
		iconv(cd, NULL, NULL, NULL, NULL);
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		if (r != (size_t)-1)
			r = iconv(cd, NULL, NULL, &op, &ol);
		const unsigned char *u = (const unsigned char *)outb;
		t[b] = r != (size_t)-1 && op - outb == 4
		               ? (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 |
		                         (uint32_t)u[3] << 24
		               : 0xFFFD;
	}
	iconv_close(cd);
	return 0;
}

static int hex_byte(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 2; i++) {
		char c = p[i];
		unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
		             : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
		                                    : 99;
		if (d > 15)
			return -1;
		v = v * 16 + d;
	}
	*out = v;
	return 0;
}

/* One line of vni.csv: "61 F9,á" (one or two bytes, the character). */
static int vni_line(IoDecoder *d, const char *p, const char *eol, int *bases)
{
	unsigned b0, b1 = 0;
	if (eol - p < 4 || hex_byte(p, &b0))
		return -1;
	bool two = p[2] == ' ';
	const char *ch = p + (two ? 6 : 3);
	if ((two && (eol - p < 7 || hex_byte(p + 3, &b1))) || ch[-1] != ',')
		return -1;
	int32_t cp;
	if (vn_utf8_decode(ch, (size_t)(eol - ch), &cp) == 0)
		return -1;
	if (!two) {
		d->single[b0] = (uint32_t)cp;
		return 0;
	}
	if (!d->base_slot[b0]) {
		if (*bases == VNI_BASES)
			return -1;
		d->base_slot[b0] = (unsigned char)++*bases;
	}
	d->pair[d->base_slot[b0] - 1][b1] = (uint32_t)cp;
	return 0;
}

static int vni_load(IoDecoder *d, Err *e)
{
	const EmbeddedFile *f = kc_import_data;
	while (f->name && strcmp(f->name, "vni.csv"))
		f++;
	if (!f->name)
		return err_set(e, KC_EIO, "the VNI table 'vni.csv' is not built in");
	const char *p = (const char *)f->data, *end = p + f->size;
	int bases = 0, line = 0;
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		if (line++ > 0 && eol > p && vni_line(d, p, eol, &bases))
			return err_set(e, KC_EIO, "vni.csv: line %d is malformed", line);
		p = eol + 1;
	}
	return 0;
}

int io_dec_new(IoDecoder **out, IoEncoding enc, Err *e)
{
	static const char *const charsets[] = {NULL, "CP1258", "TCVN5712-1", "CP1252"};
	IoDecoder *d = calloc(1, sizeof *d);
	if (!d)
		abort();
	d->enc = enc;
	int rc = 0;
	if (enc != IO_ENC_UTF8)
		rc = iconv_table(charsets[enc], d->single, e);
	if (rc == 0 && enc == IO_ENC_VNI)
		rc = vni_load(d, e);
	if (rc) {
		free(d);
		return rc;
	}
	*out = d;
	return 0;
}

void io_dec_free(IoDecoder *d)
{
	free(d);
}

IoEncoding io_dec_encoding(const IoDecoder *d)
{
	return d->enc;
}

static void put_cp(Buf *out, uint32_t cp)
{
	utf8proc_uint8_t u[4];
	buf_append(out, u, (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, u));
}

void io_dec_run(const IoDecoder *d, const char *s, size_t len, Buf *out)
{
	if (d->enc == IO_ENC_UTF8) {
		buf_append(out, s, len);
		return;
	}
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len; i++) {
		unsigned slot = d->base_slot[u[i]];
		if (slot && i + 1 < len && d->pair[slot - 1][u[i + 1]]) {
			put_cp(out, d->pair[slot - 1][u[i + 1]]);
			i++;
		} else if (u[i] < 0x80 && d->enc == IO_ENC_VNI) {
			buf_putc(out, (char)u[i]);
		} else {
			put_cp(out, d->single[u[i]]);
		}
	}
}

/* Windows-1252's characters at bytes 0x80..0x9F (0: undefined there). */
static const uint16_t cp1252_high[32] = {0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D,
        0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

bool io_enc_latin_bytes(const char *s, size_t len, Buf *out)
{
	size_t start = out->len;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		size_t n = vn_utf8_decode(s + i, len - i, &cp);
		int byte = n && cp < 0x100 ? cp : -1;
		for (int k = 0; byte < 0 && n && k < 32; k++)
			if (cp1252_high[k] == cp)
				byte = 0x80 + k;
		if (byte < 0) {
			buf_truncate(out, start);
			return false;
		}
		buf_putc(out, (char)byte);
		i += n;
	}
	return true;
}

/* How a word reads: a Vietnamese syllable has letters only (Latin, with
 * Vietnamese marks), at most one tone and no capital after a small letter. */
typedef struct Word {
	bool wide;  /* holds a character beyond ASCII */
	bool bad;   /* not a syllable */
	int tones;  /* tone marks seen */
	bool lower; /* a small letter seen */
} Word;

static bool tone_mark(int32_t cp)
{
	return cp == 0x300 || cp == 0x301 || cp == 0x303 || cp == 0x309 || cp == 0x323;
}

static void word_add(Word *w, int32_t cp)
{
	utf8proc_category_t cat = utf8proc_category(cp);
	if (cp >= 0x80)
		w->wide = true;
	if (cat != UTF8PROC_CATEGORY_LU && cat != UTF8PROC_CATEGORY_LL) {
		w->bad = true;
		return;
	}
	if (cp == 0x111 || cp == 0x110) { /* đ Đ have no decomposition */
		w->lower |= cp == 0x111;
		return;
	}
	utf8proc_int32_t d[8];
	utf8proc_ssize_t n = utf8proc_decompose_char(cp, d, 8, UTF8PROC_DECOMPOSE, NULL);
	int32_t base = n >= 1 ? d[0] | 0x20 : 0;
	if (n < 1 || base < 'a' || base > 'z')
		w->bad = true;
	bool vowel = base && strchr("aeiouy", (int)base);
	for (utf8proc_ssize_t i = 1; i < n; i++) {
		bool circ = d[i] == 0x302 && strchr("aeo", (int)base);
		bool breve = d[i] == 0x306 && base == 'a';
		bool horn = d[i] == 0x31B && (base == 'o' || base == 'u');
		w->tones += tone_mark(d[i]);
		if (!vowel || !(tone_mark(d[i]) || circ || breve || horn))
			w->bad = true;
	}
	if (cat == UTF8PROC_CATEGORY_LL)
		w->lower = true;
	else if (w->lower)
		w->bad = true;
	if (w->tones > 1)
		w->bad = true;
}

/* How much UTF-8 text reads like Vietnamese: each word beyond ASCII that
 * could be a syllable counts one, each that could not counts against. */
static long score_text(const char *s, size_t len)
{
	Buf nfc;
	buf_init(&nfc, 4 * (size_t)SAMPLE_MAX + 16);
	long score = 0;
	Word w = {0};
	if (vn_nfc(&nfc, s, len, NULL) == 0)
		for (size_t i = 0; i <= nfc.len;) {
			int32_t cp = ' ';
			size_t n = i < nfc.len ? vn_utf8_decode(nfc.data + i, nfc.len - i, &cp) : 1;
			i += n ? n : 1;
			bool ascii_gap = cp < 0x80 && !((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
			if (!ascii_gap) {
				word_add(&w, cp);
				continue;
			}
			if (w.wide)
				score += w.bad ? -1 : 1;
			w = (Word){0};
		}
	buf_free(&nfc);
	return score;
}

static int score_as(IoEncoding enc, const char *s, size_t len, long *score, Err *e)
{
	IoDecoder *d;
	int rc = io_dec_new(&d, enc, e);
	if (rc)
		return rc;
	Buf text;
	buf_init(&text, 4 * (size_t)SAMPLE_MAX + 16);
	io_dec_run(d, s, len, &text);
	*score = score_text(text.data ? text.data : "", text.len);
	buf_free(&text);
	io_dec_free(d);
	return 0;
}

/* The best of the candidates, or fallback when none reads better than
 * floor; ties go to the earlier candidate. */
static int best_of(const IoEncoding *cand, int n, const char *s, size_t len, long floor,
        IoEncoding fallback, IoEncoding *out, Err *e)
{
	if (len > SAMPLE_MAX)
		len = SAMPLE_MAX;
	*out = fallback;
	for (int i = 0; i < n; i++) {
		long sc;
		int rc = score_as(cand[i], s, len, &sc, e);
		if (rc)
			return rc;
		if (sc > floor) {
			floor = sc;
			*out = cand[i];
		}
	}
	return 0;
}

/* len without a UTF-8 sequence cut off at the end of the sample. */
static size_t uncut(const char *s, size_t len)
{
	for (size_t k = 1; k <= 3 && k <= len; k++) {
		unsigned char c = (unsigned char)s[len - k];
		if (c < 0x80)
			return len;
		if (c >= 0xC0) {
			size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			return need > k ? len - k : len;
		}
	}
	return len;
}

int io_enc_detect(const char *s, size_t len, IoEncoding *out, Err *e)
{
	if (len > SAMPLE_MAX)
		len = SAMPLE_MAX;
	if (vn_utf8_valid(s, uncut(s, len))) {
		*out = IO_ENC_UTF8;
		return 0;
	}
	static const IoEncoding cand[] = {IO_ENC_CP1258, IO_ENC_TCVN3, IO_ENC_VNI};
	return best_of(cand, 3, s, len, -(long)len - 1, IO_ENC_CP1258, out, e);
}

int io_enc_detect_latin(const char *s, size_t len, IoEncoding *out, Err *e)
{
	static const IoEncoding cand[] = {IO_ENC_TCVN3, IO_ENC_VNI};
	/* The text as Excel showed it: the bytes as Windows-1252 glyphs. */
	Buf latin;
	buf_init(&latin, 4 * (size_t)SAMPLE_MAX + 16);
	for (size_t i = 0; i < len && i < SAMPLE_MAX; i++) {
		unsigned char c = (unsigned char)s[i];
		put_cp(&latin,
		        c >= 0x80 && c < 0xA0 && cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : c);
	}
	long as_is = score_text(latin.data ? latin.data : "", latin.len);
	buf_free(&latin);
	return best_of(cand, 2, s, len, as_is, IO_ENC_UTF8, out, e);
}
